//! Summary (概要): the ranking a committee reads first.
//!
//! ```text
//!   機能要件適合度 評価
//!   作成日: 2025年4月1日
//!   評価点は機能要件適合度 … 価格は含みません。
//!   必須要件をすべて満たすベンダー: 2社（必要な競争者数: 2社）
//!   公平性フラグ: 高 3件 / 中 1件 / 低 0件
//!   入力の検証: エラー 1件 / 警告 4件
//!
//!   [bar chart of 適合度 by vendor]
//!   評価結果
//!   順位 | ベンダー | 評価点 | 満点 | 適合度（%） | 必須要件 | 標準機能 … 不正な回答 | 費用 | 費用不明 | 不適合の必須要件
//!   1    | A社      | 7.4    | 8    | 92.5        | 適合     | 2 …
//! ```

use rust_xlsxwriter::{ColNum, RowNum, Worksheet};

use super::Ctx;
use super::format::{short_number, write_number, write_text};
use super::layout::{
    CHART_MAX_PX, Columns, bar_chart, cell, chart_rows, header, header_row, print_setup,
};
use crate::model::{FlagSeverity, Level, Severity, VendorId};
use crate::write::labels::fill;

const COL_RANK: ColNum = 0;
const COL_VENDOR: ColNum = 1;
const COL_SCORE: ColNum = 2;
const COL_MAX: ColNum = 3;
const COL_PERCENT: ColNum = 4;
const COL_COMPLIANCE: ColNum = 5;
const COL_LEVELS: ColNum = 6;
const COL_COST: ColNum = COL_LEVELS + 6;
const COL_UNKNOWN: ColNum = COL_COST + 1;
const COL_KNOCKOUTS: ColNum = COL_UNKNOWN + 1;
/// Shown only when some vendor's legend is unconfirmed (§7, §8.1).
const COL_CAVEAT: ColNum = COL_KNOCKOUTS + 1;

pub fn write(ws: &mut Worksheet, ctx: &Ctx) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let s = &ctx.styles;
    let a = ctx.analysis;
    ws.set_name(&l.sheets.summary)?;

    let mut row: RowNum = 0;
    write_text(ws, row, 0, &ctx.title, &s.title)?;
    ws.set_row_height(row, 22)?;
    row += 1;
    write_text(
        ws,
        row,
        0,
        &format!("{}: {}", l.common.date, ctx.date),
        &s.note,
    )?;
    row += 1;
    write_text(ws, row, 0, &l.summary.fit_note, &s.emphasis)?;
    row += 1;

    let c = &a.competition;
    let mut competition = fill(
        &l.summary.competition,
        &[
            ("compliant", &c.compliant_vendors.to_string()),
            ("min", &c.min_competitors.to_string()),
        ],
    );
    let short = c.compliant_vendors < c.min_competitors;
    if short {
        competition.push(' ');
        competition.push_str(&l.summary.competition_short);
    }
    write_text(
        ws,
        row,
        0,
        &competition,
        if short { &s.emphasis } else { &s.note },
    )?;
    row += 1;
    if !c.relief.is_empty() {
        let ids = ctx.ids(&c.relief);
        write_text(
            ws,
            row,
            0,
            &fill(&l.summary.relief, &[("ids", &ids)]),
            &s.note,
        )?;
        row += 1;
    }

    let count_flags = |sev: FlagSeverity| {
        a.flags
            .iter()
            .filter(|f| f.severity == sev)
            .count()
            .to_string()
    };
    let flags = fill(
        &l.summary.flags,
        &[
            ("high", &count_flags(FlagSeverity::High)),
            ("medium", &count_flags(FlagSeverity::Medium)),
            ("low", &count_flags(FlagSeverity::Low)),
        ],
    );
    write_text(ws, row, 0, &flags, &s.note)?;
    row += 1;
    let count_findings = |sev: Severity| {
        ctx.inputs
            .findings
            .iter()
            .filter(|f| f.severity == sev)
            .count()
            .to_string()
    };
    let findings = fill(
        &l.summary.findings,
        &[
            ("errors", &count_findings(Severity::Error)),
            ("warnings", &count_findings(Severity::Warning)),
        ],
    );
    write_text(ws, row, 0, &findings, &s.note)?;
    row += 1;
    if let Some(decisions) = &ctx.inputs.decisions {
        let applied = decisions.rows.iter().filter(|d| d.valid).count();
        let line = fill(
            &l.decisions.summary_line,
            &[
                ("applied", &applied.to_string()),
                ("rejected", &(decisions.rows.len() - applied).to_string()),
            ],
        );
        write_text(ws, row, 0, &line, &s.note)?;
        row += 1;
    }
    row += 1;

    // The chart above the table it plots, where no page break can cut it.
    let chart = (!a.vendors.is_empty()).then(|| {
        let height = (120 + 34 * a.vendors.len() as u32).clamp(240, CHART_MAX_PX);
        (row, height)
    });
    if let Some((_, height)) = chart {
        row += chart_rows(height);
    }

    write_text(ws, row, 0, &l.summary.ranking, &s.section)?;
    row += 1;
    let ranking_header = row;
    let mut cols = Columns::new(vec![
        (4, 6),
        (10, 40),
        (6, 10),
        (6, 10),
        (8, 10),
        (8, 12),
        (8, 14),
        (8, 14),
        (8, 14),
        (8, 14),
        (8, 14),
        (8, 14),
        (14, 18),
        (12, 12),
        (12, 40),
        (16, 48),
    ]);
    let cost_header = fill(
        &l.summary.cost,
        &[("tax", l.tax_basis(&ctx.settings.tax_basis))],
    );
    // Beside an Award sheet, this rank is the fit's, not the award's.
    let rank = match a.award {
        Some(_) => &l.award.fit_rank,
        None => &l.summary.rank,
    };
    let headers = [
        rank,
        &l.summary.vendor,
        &l.summary.score,
        &l.summary.max,
        &l.summary.percent,
        &l.summary.compliance,
    ];
    header_row(ws, &mut cols, (row, COL_RANK), headers, &s.header)?;
    for (i, level) in Level::ALL.into_iter().enumerate() {
        let col = COL_LEVELS + i as ColNum;
        header(
            ws,
            &mut cols,
            (row, col),
            l.level(level),
            s.level_header(level),
        )?;
    }
    let headers = [&cost_header, &l.summary.cost_unknown, &l.summary.knockouts];
    header_row(ws, &mut cols, (row, COL_COST), headers, &s.header)?;
    let caveats = !a.legend_whatifs.is_empty();
    if caveats {
        let text = &l.decisions.caveat_header;
        header(ws, &mut cols, (row, COL_CAVEAT), text, &s.header)?;
    }
    row += 1;

    let first_vendor_row = row;
    // With a blind key the names come back on one sheet only: the Award
    // sheet when there is one, else here (§15).
    let named = |v: VendorId| match &ctx.analysis.award {
        Some(_) => ctx.vendor_label(v).to_string(),
        None => ctx.roster.with_real_name(v, &ctx.labels),
    };
    for v in &a.vendors {
        write_number(ws, row, COL_RANK, v.rank as f64, Some(&s.integer))?;
        cell(ws, &mut cols, (row, COL_VENDOR), &named(v.vendor), &s.bold)?;
        write_number(ws, row, COL_SCORE, v.score, Some(&s.number))?;
        write_number(ws, row, COL_MAX, v.max_score, Some(&s.number))?;
        write_number(ws, row, COL_PERCENT, v.percent, Some(&s.percent))?;
        let (text, format) = if v.compliant {
            (&l.summary.compliant, s.level(Level::Standard))
        } else {
            (&l.summary.non_compliant, s.level(Level::Unsupported))
        };
        cell(ws, &mut cols, (row, COL_COMPLIANCE), text, format)?;
        for (i, level) in Level::ALL.into_iter().enumerate() {
            let n = v.levels.get(level) as f64;
            write_number(ws, row, COL_LEVELS + i as ColNum, n, Some(&s.integer))?;
        }
        write_number(ws, row, COL_COST, v.customization_cost, Some(&s.yen))?;
        write_number(
            ws,
            row,
            COL_UNKNOWN,
            v.customization_cost_unknown as f64,
            Some(&s.integer),
        )?;
        let knockouts = ctx.ids(&v.knockouts);
        cell(ws, &mut cols, (row, COL_KNOCKOUTS), &knockouts, &s.text)?;
        if caveats {
            let caveat = (a.legend_whatifs.iter().find(|w| w.vendor == v.vendor))
                .map(|w| {
                    fill(
                        &l.decisions.caveat,
                        &[
                            ("code", &w.code),
                            ("rank", &w.rank.to_string()),
                            ("score", &short_number(w.score)),
                        ],
                    )
                })
                .unwrap_or_default();
            let format = if caveat.is_empty() {
                &s.text
            } else {
                &s.emphasis
            };
            cell(ws, &mut cols, (row, COL_CAVEAT), &caveat, format)?;
        }
        row += 1;
    }
    cols.apply(ws)?;

    if a.vendors.is_empty() {
        write_text(ws, row, COL_VENDOR, &l.summary.no_vendors, &s.note)?;
    }
    if let Some((chart_row, height)) = chart {
        // Rank 1 at the top.
        let title = &l.summary.chart_title;
        let mut chart = bar_chart(
            &l.sheets.summary,
            (first_vendor_row, row - 1),
            (COL_VENDOR, COL_PERCENT),
            (title, title),
            "0.0",
            0x2F75B5,
        );
        chart.x_axis().set_max(100).set_major_unit(20);
        chart.set_width(760);
        chart.set_height(height);
        ws.insert_chart(chart_row, COL_VENDOR, &chart)?;
    }

    print_setup(ws, ctx, (ranking_header, ranking_header))
}
