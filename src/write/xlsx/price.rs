//! Price (価格): each vendor's price as the prices workbook gave it, and the
//! figure the award compares (SPEC §12).
//!
//! ```text
//!   提案価格の内訳
//!   金額は円（税抜）。ライフサイクルコスト ＝ …
//!   提案者 | 価格表の記載 | 総額 | 初期費用 | 移行費用 | 年額 | 月額 | 年数 | ライフサイクルコスト | カスタマイズ費用 | 比較価格 | 上限額比 | 最低価格比 | F12
//! ```
//!
//! Rows follow the Award sheet's order, so the committee reads the two
//! sheets side by side; the compared price is the one the price points
//! are computed from.

use rust_xlsxwriter::{ColNum, RowNum, Worksheet};

use super::Ctx;
use super::award::ceiling_kind;
use super::format::{write_number, write_text};
use super::layout::{Columns, cell, header_row, print_setup};
use crate::model::{Award, FlagCode};
use crate::write::labels::fill;

pub fn write(ws: &mut Worksheet, ctx: &Ctx, award: &Award) -> anyhow::Result<()> {
    let l = &ctx.labels.award;
    let s = &ctx.styles;
    let settings = &ctx.settings.award;
    let prices = ctx
        .inputs
        .prices
        .as_ref()
        .expect("an award comes with prices");
    ws.set_name(&l.price_sheet)?;

    let mut row: RowNum = 0;
    write_text(ws, row, 0, &l.price_title, &s.title)?;
    row += 1;
    let tax = ctx.labels.tax_basis(&ctx.settings.tax_basis);
    write_text(ws, row, 0, &fill(&l.price_note, &[("tax", tax)]), &s.note)?;
    row += 1;
    let customization = if settings.add_customization {
        &l.customization_added
    } else {
        &l.customization_not_added
    };
    write_text(ws, row, 0, customization, &s.note)?;
    row += 2;

    let kind = ceiling_kind(l, settings.ceiling_kind);
    let ratio_ceiling = fill(&l.ratio_ceiling, &[("kind", kind)]);
    let mut headers = vec![
        &l.vendor,
        &l.written,
        &l.total_quoted,
        &l.initial,
        &l.migration,
        &l.annual,
        &l.monthly,
        &l.years,
        &l.lifecycle,
        &l.customization,
        &l.compared,
    ];
    let with_ceiling = settings.ceiling.is_some();
    if with_ceiling {
        headers.push(&ratio_ceiling);
    }
    headers.push(&l.ratio_lowest);
    headers.push(&l.low_price);
    let mut limits = vec![(10, 30), (10, 30)];
    limits.extend(std::iter::repeat_n((12, 16), 5));
    limits.push((6, 10));
    limits.extend(std::iter::repeat_n((14, 18), 3));
    limits.extend(std::iter::repeat_n((8, 12), headers.len() - limits.len()));
    let mut cols = Columns::new(limits);
    let header = row;
    header_row(ws, &mut cols, (row, 0), &headers, &s.header)?;
    row += 1;

    let none = &ctx.labels.common.none;
    let low: Vec<_> = (ctx.analysis.flags.iter())
        .filter(|f| f.code == FlagCode::F12)
        .flat_map(|f| f.vendors.iter().copied())
        .collect();
    for v in &award.vendors {
        let result = ctx.analysis.result(v.vendor);
        cell(ws, &mut cols, (row, 0), ctx.vendor_label(v.vendor), &s.bold)?;
        let mut col: ColNum = 1;
        let amount = |ws: &mut Worksheet, col: ColNum, x: Option<f64>| match x {
            Some(x) => write_number(ws, row, col, x, Some(&s.yen)),
            None => write_text(ws, row, col, none, &s.text),
        };
        match &prices.by_vendor[v.vendor.index()] {
            Some(p) => {
                cell(ws, &mut cols, (row, col), &p.written, &s.text)?;
                for (i, x) in [p.total, p.initial, p.migration, p.annual, p.monthly]
                    .into_iter()
                    .enumerate()
                {
                    amount(ws, col + 1 + i as ColNum, x)?;
                }
                col += 6;
                if p.years_given {
                    write_number(ws, row, col, p.years, Some(&s.number))?;
                } else {
                    let text = format!("{}{}", super::award::points_text(p.years), l.years_default);
                    cell(ws, &mut cols, (row, col), &text, &s.text)?;
                }
                col += 1;
                amount(ws, col, Some(p.price))?;
            }
            None => {
                cell(ws, &mut cols, (row, col), &l.no_price, &s.text)?;
                for i in 1..=7 {
                    write_text(ws, row, col + i, none, &s.text)?;
                }
                col += 7;
            }
        }
        col += 1;
        amount(ws, col, Some(result.customization_cost))?;
        col += 1;
        amount(ws, col, v.price)?;
        col += 1;
        let ratio = |ws: &mut Worksheet, col: ColNum, over: Option<f64>| match (v.price, over) {
            (Some(p), Some(base)) if base > 0.0 => {
                write_number(ws, row, col, p / base, Some(&s.ratio))
            }
            _ => write_text(ws, row, col, none, &s.text),
        };
        if with_ceiling {
            ratio(ws, col, settings.ceiling)?;
            col += 1;
        }
        ratio(ws, col, award.lowest_price)?;
        col += 1;
        let mark = if low.contains(&v.vendor) { "●" } else { "" };
        write_text(ws, row, col, mark, &s.text)?;
        row += 1;
    }
    cols.apply(ws)?;
    print_setup(ws, ctx, (header, header))
}
