//! Award (総合評価): the decision the committee signs, first in the workbook
//! when prices are given (SPEC §12).
//!
//! ```text
//!   総合評価（技術点＋価格点）
//!   配点：機能要件適合度 100 点・委員評価 0 点・価格 50 点
//!   提案上限額：¥300,000,000（これを超える提案は失格）
//!
//!   順位 | 提案者 | 評価対象 | 対象外の理由 | 比較価格 | 適合度点 | 委員評価点 | 技術点 | 価格点 | 合計点
//!   1    | A社    | 対象     |              | ¥250,000,000 | 82.26 | — | 82.26 | 50 | 132.26
//!   [tie and lot lines]
//!   算定方法: one line per formula, the rounding, one total redone by hand
//!   順位の安定性: the tipping sentence and the reversal price
//!   [technical and price points stacked per vendor]
//! ```
//!
//! Every figure the sheet prints comes from `analysis.award`; the formula
//! lines carry the numbers (points set, lowest price, ceiling) a person
//! needs to redo any row with a calculator and the Price sheet.

use rust_xlsxwriter::{Chart, ChartType, ColNum, Format, RowNum, Worksheet};

use super::Ctx;
use super::format::{bordered, write_number, write_text, yen_text};
use super::layout::{Columns, cell, header_row, print_setup};
use crate::model::{Award, AwardMethod, AwardVendor, Ineligible, Level, Rounding, VendorId};
use crate::settings::CeilingKind;
use crate::write::award_labels::AwardLabels;
use crate::write::labels::fill;

const COL_RANK: ColNum = 0;
const COL_VENDOR: ColNum = 1;
const COL_ELIGIBLE: ColNum = 2;
const COL_REASONS: ColNum = 3;
const COL_PRICE: ColNum = 4;
const COL_FIT: ColNum = 5;
const COL_COMMITTEE: ColNum = 6;
const COL_TECHNICAL: ColNum = 7;
const COL_PRICE_POINTS: ColNum = 8;
const COL_TOTAL: ColNum = 9;
const COL_VALUE: ColNum = 10;

/// A points figure as printed in a sentence: `82.26`, `50`.
pub(crate) fn points_text(x: f64) -> String {
    let text = format!("{x:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// The name of the ceiling, as the settings say it is meant.
pub(crate) fn ceiling_kind(l: &AwardLabels, kind: CeilingKind) -> &str {
    match kind {
        CeilingKind::ProposalCeiling => &l.ceiling_proposal,
        CeilingKind::BudgetedPrice => &l.ceiling_budget,
    }
}

/// Why a vendor is ineligible, in words (on the sheet and the terminal).
pub(crate) fn reason(l: &AwardLabels, kind: CeilingKind, why: Ineligible) -> String {
    match why {
        Ineligible::NonCompliant => l.reason_non_compliant.clone(),
        Ineligible::NoPrice => l.reason_no_price.clone(),
        Ineligible::OverCeiling => fill(&l.reason_over_ceiling, &[("kind", ceiling_kind(l, kind))]),
        Ineligible::BelowTechnicalMinimum => l.reason_below_technical_minimum.clone(),
    }
}

pub fn write(ws: &mut Worksheet, ctx: &Ctx, award: &Award) -> anyhow::Result<()> {
    let l = &ctx.labels.award;
    let s = &ctx.styles;
    let settings = &ctx.settings.award;
    let sheet = l.sheet.as_str();
    ws.set_name(sheet)?;

    let mut row: RowNum = 0;
    write_text(ws, row, 0, &format!("{}　{}", ctx.title, l.title), &s.title)?;
    row += 1;
    write_text(
        ws,
        row,
        0,
        &format!("{}: {}", ctx.labels.common.date, ctx.date),
        &s.note,
    )?;
    row += 1;
    let points_set = fill(
        &l.points_set,
        &[
            ("fit", &points_text(award.fit_points)),
            ("committee", &points_text(award.committee_points)),
            ("price", &points_text(award.price_points)),
        ],
    );
    write_text(ws, row, 0, &points_set, &s.emphasis)?;
    row += 1;
    let kind = ceiling_kind(l, settings.ceiling_kind);
    if let Some(ceiling) = settings.ceiling {
        let line = fill(
            &l.ceiling_line,
            &[("kind", kind), ("ceiling", &yen_text(ceiling))],
        );
        write_text(ws, row, 0, &line, &s.note)?;
        row += 1;
    }
    if let Some(minimum) = settings.technical_minimum {
        let set = award.fit_points + award.committee_points;
        let line = fill(
            &l.technical_minimum_line,
            &[
                ("minimum", &points_text(minimum * set)),
                ("share", &points_text(minimum * 100.0)),
            ],
        );
        write_text(ws, row, 0, &line, &s.note)?;
        row += 1;
    }
    row += 1;

    write_text(ws, row, 0, &l.ranking, &s.section)?;
    row += 1;
    let header = row;
    let division = award.method == AwardMethod::Division;
    let mut limits = vec![
        (4, 6),
        (10, 36),
        (6, 8),
        (8, 24),
        (14, 18),
        (8, 12),
        (8, 12),
        (8, 12),
        (8, 12),
        (8, 12),
    ];
    if division {
        limits.push((10, 14));
    }
    let mut cols = Columns::new(limits);
    let price = fill(
        &l.price,
        &[("tax", ctx.labels.tax_basis(&ctx.settings.tax_basis))],
    );
    let mut headers = vec![
        &l.rank,
        &l.vendor,
        &l.eligibility,
        &l.reasons,
        &price,
        &l.fit,
        &l.committee,
        &l.technical,
        &l.price_points,
        &l.total,
    ];
    if division {
        headers.push(&l.value);
    }
    header_row(ws, &mut cols, (row, COL_RANK), headers, &s.header)?;
    row += 1;
    let first_row = row;
    let none = &ctx.labels.common.none;
    let points = points_format(ctx);
    for v in &award.vendors {
        vendor_row(ws, ctx, (&mut cols, &points), row, v, division)?;
        row += 1;
    }
    let eligible = award.vendors.iter().filter(|v| v.eligible()).count() as RowNum;
    cols.apply(ws)?;
    row += 1;

    for vendors in &award.technical_tie_breaks {
        let line = fill(&l.tie_technical, &[("vendors", &ctx.names(vendors))]);
        write_text(ws, row, 0, &line, &s.note)?;
        row += 1;
    }
    for tie in &award.ties {
        let line = fill(
            &l.tie_lot,
            &[
                ("rank", &tie.rank.to_string()),
                ("vendors", &ctx.names(&tie.vendors)),
            ],
        );
        write_text(ws, row, 0, &line, &s.emphasis)?;
        row += 1;
    }

    row += 1;
    write_text(ws, row, 0, &l.formula, &s.section)?;
    row += 1;
    for line in formula_lines(ctx, award, none) {
        write_text(ws, row, 0, &line, &s.note)?;
        row += 1;
    }

    row += 1;
    write_text(ws, row, 0, &l.tipping, &s.section)?;
    row += 1;
    for line in tipping_lines(ctx, award) {
        write_text(ws, row, 0, &line, &s.note)?;
        row += 1;
    }

    if eligible > 0 {
        let last = first_row + eligible - 1;
        let mut chart = Chart::new(ChartType::BarStacked);
        for (col, color) in [(COL_TECHNICAL, 0x2F75B5), (COL_PRICE_POINTS, 0xF4B183)] {
            chart
                .add_series()
                .set_name((sheet, header, col))
                .set_categories((sheet, first_row, COL_VENDOR, last, COL_VENDOR))
                .set_values((sheet, first_row, col, last, col))
                .set_format(
                    rust_xlsxwriter::ChartFormat::new().set_solid_fill(
                        rust_xlsxwriter::ChartSolidFill::new()
                            .set_color(rust_xlsxwriter::Color::RGB(color)),
                    ),
                );
        }
        chart.title().set_name(l.chart_title.as_str());
        chart.y_axis().set_reverse();
        chart.x_axis().set_min(0);
        chart.set_width(760);
        chart.set_height((120 + 34 * eligible).clamp(240, 900));
        ws.insert_chart(row + 1, COL_VENDOR, &chart)?;
    }

    print_setup(ws, ctx, (header, header))
}

fn vendor_row(
    ws: &mut Worksheet,
    ctx: &Ctx,
    (cols, points): (&mut Columns, &Format),
    row: RowNum,
    v: &AwardVendor,
    division: bool,
) -> anyhow::Result<()> {
    let l = &ctx.labels.award;
    let s = &ctx.styles;
    let none = &ctx.labels.common.none;
    let kind = ctx.settings.award.ceiling_kind;
    match v.rank {
        Some(rank) => write_number(ws, row, COL_RANK, rank as f64, Some(&s.integer))?,
        None => write_text(ws, row, COL_RANK, none, &s.text)?,
    }
    cell(
        ws,
        cols,
        (row, COL_VENDOR),
        // With a blind key, the award is where the names come back (§15).
        &ctx.roster.with_real_name(v.vendor, &ctx.labels),
        &s.bold,
    )?;
    let (text, format) = if v.eligible() {
        (&l.eligible, s.level(Level::Standard))
    } else {
        (&l.ineligible, s.level(Level::Unsupported))
    };
    cell(ws, cols, (row, COL_ELIGIBLE), text, format)?;
    let reasons: Vec<String> = v.reasons.iter().map(|&r| reason(l, kind, r)).collect();
    let reasons = reasons.join(&ctx.labels.common.list_separator);
    cell(ws, cols, (row, COL_REASONS), &reasons, &s.text)?;
    match v.price {
        Some(price) => write_number(ws, row, COL_PRICE, price, Some(&s.yen))?,
        None => write_text(ws, row, COL_PRICE, &l.no_price, &s.text)?,
    }
    write_number(ws, row, COL_FIT, v.fit_points, Some(points))?;
    match v.committee_points {
        Some(x) => write_number(ws, row, COL_COMMITTEE, x, Some(points))?,
        None => write_text(ws, row, COL_COMMITTEE, none, &s.text)?,
    }
    write_number(ws, row, COL_TECHNICAL, v.technical_points, Some(points))?;
    let optional =
        |ws: &mut Worksheet, col: ColNum, value: Option<f64>, format: &Format| match value {
            Some(x) => write_number(ws, row, col, x, Some(format)),
            None => write_text(ws, row, col, none, &s.text),
        };
    optional(ws, COL_PRICE_POINTS, v.price_points, points)?;
    optional(ws, COL_TOTAL, v.total, points)?;
    if division {
        // The division value is not rounded: as General shows it.
        optional(ws, COL_VALUE, v.value, &s.number)?;
    }
    Ok(())
}

/// Points as the award rounds them, every place shown (`117.90`, not
/// `117.9`), so that a column of points reads evenly and as the rule says;
/// unrounded points as General shows them.
fn points_format(ctx: &Ctx) -> Format {
    let award = &ctx.settings.award;
    match (award.rounding, award.decimals) {
        (Rounding::None, _) => ctx.styles.number.clone(),
        (_, 0) => bordered().set_num_format("0"),
        (_, places) => bordered().set_num_format(format!("0.{}", "0".repeat(places as usize))),
    }
}

/// The formula in words, with the figures a person needs to redo a row.
fn formula_lines(ctx: &Ctx, award: &Award, none: &str) -> Vec<String> {
    let l = &ctx.labels.award;
    let settings = &ctx.settings.award;
    let mut lines = vec![fill(
        &l.formula_fit,
        &[("points", &points_text(award.fit_points))],
    )];
    if award.committee_points > 0.0 {
        lines.push(fill(
            &l.formula_committee,
            &[("points", &points_text(award.committee_points))],
        ));
    }
    lines.push(l.formula_technical.clone());
    let amount = |x: Option<f64>| x.map_or_else(|| none.to_string(), yen_text);
    let eligible_prices = || {
        award
            .vendors
            .iter()
            .filter(|v| v.eligible())
            .filter_map(|v| v.price)
    };
    let highest = eligible_prices().fold(None, |m: Option<f64>, p| Some(m.map_or(p, |m| m.max(p))));
    let points = points_text(award.price_points);
    let kind = ceiling_kind(l, settings.ceiling_kind);
    lines.push(match award.method {
        AwardMethod::LowestRatio => fill(
            &l.formula_lowest_ratio,
            &[
                ("name", &l.method_lowest_ratio),
                ("points", &points),
                ("lowest", &amount(award.lowest_price)),
            ],
        ),
        AwardMethod::CeilingRatio => fill(
            &l.formula_ceiling_ratio,
            &[
                ("name", &l.method_ceiling_ratio),
                ("points", &points),
                ("kind", kind),
                ("ceiling", &amount(settings.ceiling)),
            ],
        ),
        AwardMethod::Linear => fill(
            &l.formula_linear,
            &[
                ("name", &l.method_linear),
                ("points", &points),
                ("highest", &amount(highest)),
                ("lowest", &amount(award.lowest_price)),
            ],
        ),
        AwardMethod::Division => fill(
            &l.formula_division,
            &[
                ("name", &l.method_division),
                ("base", &points_text(settings.base_points)),
            ],
        ),
    });
    if award.method != AwardMethod::Division {
        lines.push(l.formula_total.clone());
    }
    let decimals = settings.decimals.to_string();
    lines.push(match settings.rounding {
        Rounding::Floor => fill(&l.rounding_floor, &[("decimals", &decimals)]),
        Rounding::Round => fill(&l.rounding_round, &[("decimals", &decimals)]),
        Rounding::None => l.rounding_none.clone(),
    });
    if let Some(v) = award.vendors.first().filter(|v| v.total.is_some()) {
        lines.push(fill(
            &l.example,
            &[
                ("vendor", ctx.vendor_name(v.vendor)),
                ("fit", &points_text(v.technical_points)),
                ("price", &points_text(v.price_points.unwrap_or(0.0))),
                ("total", &points_text(v.total.unwrap_or(0.0))),
            ],
        ));
    }
    lines
}

/// The tipping sentence and the reversal price between first and second.
fn tipping_lines(ctx: &Ctx, award: &Award) -> Vec<String> {
    let l = &ctx.labels.award;
    let (Some(first), Some(second)) = (award.first, award.second) else {
        return vec![l.no_second.clone()];
    };
    let name = |v: VendorId| ctx.vendor_name(v);
    let t = &award.tipping;
    let mut lines = Vec::new();
    if award.method != AwardMethod::Division {
        let current = points_text(award.price_points);
        lines.push(match t.price_points_tie {
            Some(p) => {
                let template = if t.second_cheaper {
                    &l.tipping_up
                } else {
                    &l.tipping_down
                };
                fill(
                    template,
                    &[("points", &points_text(round2(p))), ("current", &current)],
                )
            }
            None => l.tipping_none.clone(),
        });
    }
    let pair = [("first", name(first)), ("second", name(second))];
    lines.push(match t.reversal_price {
        Some(price) => {
            let price = yen_text(price);
            fill(&l.reversal, &[pair[0], pair[1], ("price", &price)])
        }
        None => fill(&l.reversal_none, &pair),
    });
    lines
}

/// A tipping figure to two places, for a sentence.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
