//! Customization (カスタマイズ): the §6 tally. Each member town's requests
//! are on a sheet of their own ([`super::by_member`]), so that a printed
//! page never carries this table's header over another table.
//!
//! ```text
//!   カスタマイズ集計
//!   費用は税抜・円。…
//!   要件ID | 業務 | 要件 | カスタマイズが必要なベンダー（費用） | 最小 | 中央値 | 最大 | 費用不明 | 要望団体 | 推奨対応
//!   R-010  | 税務 | …    | B社：¥500,000                        | ¥500,000 | …   |          | 甲町     | 運用で対応（ノンカスタマイズ）
//! ```

use rust_xlsxwriter::{ColNum, RowNum, Worksheet};

use super::Ctx;
use super::format::yen_text;
use super::layout::{Columns, print_setup};
use super::stream::{Cell, Rows, header_cells, stream};
use crate::model::CustomizationAdvice;
use crate::write::labels::fill;

const COL_ID: ColNum = 0;
const COL_AREA: ColNum = 1;
const COL_TEXT: ColNum = 2;
const COL_VENDORS: ColNum = 3;
const COL_MIN: ColNum = 4;
const COL_MEDIAN: ColNum = 5;
const COL_MAX: ColNum = 6;
const COL_UNKNOWN: ColNum = 7;
const COL_MEMBERS: ColNum = 8;
const COL_ADVICE: ColNum = 9;

const HEADER_ROW: RowNum = 2;

/// Writes the sheet in rust_xlsxwriter's constant-memory mode (it holds a
/// row per customized requirement: 140,000 of them at 200,000 requirements).
pub fn write(ws: &mut Worksheet, ctx: &Ctx) -> anyhow::Result<()> {
    ws.set_name(&ctx.labels.sheets.customization)?;
    let cols = Columns::new(vec![
        (8, 20),
        (8, 16),
        (20, 44),
        (16, 36),
        (11, 14),
        (11, 14),
        (11, 14),
        (6, 8),
        (10, 30),
        (12, 30),
    ]);
    let last_tally_row = stream(ws, ctx.styles.column.format(), cols, |emit| rows(ctx, emit))?;
    ws.autofilter(HEADER_ROW, 0, last_tally_row.max(HEADER_ROW), COL_ADVICE)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    print_setup(ws, ctx, (HEADER_ROW, HEADER_ROW))
}

/// Lays out every row of the sheet; returns the last row of the tally.
fn rows<'a>(ctx: &'a Ctx, emit: &mut Rows<'_, 'a>) -> anyhow::Result<RowNum> {
    let l = &ctx.labels;
    let c = &l.customization;
    let s = &ctx.styles;
    let a = ctx.analysis;
    let colon = ctx.lang.pick("：", ": ");

    emit(0, &[(0, Cell::Plain(c.title.as_str().into(), &s.title))])?;
    let note = fill(
        &c.cost_note,
        &[("tax", l.tax_basis(&ctx.settings.tax_basis))],
    );
    emit(1, &[(0, Cell::Plain(note.into(), &s.note))])?;
    let headers = [
        &c.id,
        &c.area,
        &c.text,
        &c.vendors,
        &c.cost_min,
        &c.cost_median,
        &c.cost_max,
        &c.cost_unknown,
        &c.members,
        &c.recommendation,
    ];
    emit(HEADER_ROW, &header_cells(headers, &s.header))?;

    let mut row = HEADER_ROW + 1;
    for item in &a.customization {
        let req = &ctx.inputs.requirements[item.requirement.index()];
        // One vendor per line, each with its own cost.
        let vendors = item
            .vendors
            .iter()
            .enumerate()
            .map(|(k, &v)| {
                let v = ctx.vendor_name(v);
                let cost = match item.vendor_costs.get(k).copied().flatten() {
                    Some(yen) => yen_text(yen),
                    None => c.unknown_cost.clone(),
                };
                format!("{v}{colon}{cost}")
            })
            .collect::<Vec<_>>()
            .join("\n");
        let advice = match item.recommendation {
            CustomizationAdvice::None => &s.text,
            _ => &s.bold,
        };
        // No known cost: a formatted blank (`write_number` leaves NaN blank).
        let cost = |amount: Option<f64>| Cell::Number(amount.unwrap_or(f64::NAN), &s.yen);
        emit(
            row,
            &[
                (COL_ID, Cell::Text(req.id.as_str().into(), &s.text)),
                (COL_AREA, Cell::Text(req.area.as_str().into(), &s.text)),
                (COL_TEXT, Cell::Text(req.text.as_str().into(), &s.text)),
                (COL_VENDORS, Cell::Text(vendors.into(), &s.text)),
                (COL_MIN, cost(item.cost_min)),
                (COL_MEDIAN, cost(item.cost_median)),
                (COL_MAX, cost(item.cost_max)),
                (
                    COL_UNKNOWN,
                    Cell::Number(item.cost_unknown as f64, &s.integer),
                ),
                (
                    COL_MEMBERS,
                    Cell::Text(ctx.members(&item.members).into(), &s.text),
                ),
                (
                    COL_ADVICE,
                    Cell::Text(l.advice(item.recommendation).into(), advice),
                ),
            ],
        )?;
        row += 1;
    }
    if a.customization.is_empty() {
        emit(row, &[(0, Cell::Plain(c.none.as_str().into(), &s.note))])?;
        row += 1;
    }
    Ok(row - 1)
}
