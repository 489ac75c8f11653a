//! Customization (カスタマイズ): the §6 tally and each member town's requests.
//!
//! ```text
//!   カスタマイズ集計
//!   費用は税抜・円。…
//!   要件ID | 業務 | 要件 | カスタマイズが必要なベンダー（費用） | 最小 | 中央値 | 最大 | 費用不明 | 要望団体 | 推奨対応
//!   R-010  | 税務 | …    | B社：¥500,000                        | ¥500,000 | …   |          | 甲町     | 運用で対応（ノンカスタマイズ）
//!
//!   構成団体別の要望
//!   団体 | 要件ID | 要件 | 推奨対応 | 要望件数
//!   甲町 | R-010  | …    | 運用で対応（ノンカスタマイズ） | 1
//! ```

use std::borrow::Cow;
use std::collections::HashMap;

use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet};

use super::Ctx;
use super::format::{TextFormat, write_number, write_text, yen_text};
use super::layout::{Columns, end_streamed_rows, longest_word, print_setup, row_height};
use crate::model::{CustomizationAdvice, MemberRequests};
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

/// One cell of the sheet, as its row is laid out.
enum Cell<'a> {
    /// Text that neither widens its column nor grows its row (titles, notes).
    Plain(Cow<'a, str>, &'a TextFormat),
    /// A column header: wraps within the column's width unless a word
    /// would not fit.
    Header(&'a str, &'a TextFormat),
    /// A table cell: its column widens (within limits), its row grows.
    Text(Cow<'a, str>, &'a TextFormat),
    Number(f64, &'a Format),
    Blank(&'a Format),
}

impl Cell<'_> {
    /// Widens `col` for this cell (the first pass).
    fn fit(&self, cols: &mut Columns, col: ColNum) {
        match self {
            Cell::Header(text, _) => cols.fit_width(col as usize, longest_word(text)),
            Cell::Text(text, _) => cols.fit(col as usize, text),
            _ => {}
        }
    }

    /// Lines the cell takes at the final widths.
    fn lines(&self, cols: &Columns, col: ColNum) -> usize {
        match self {
            Cell::Header(text, _) => cols.lines(col as usize, col as usize, text),
            Cell::Text(text, _) => cols.lines(col as usize, col as usize, text),
            _ => 1,
        }
    }

    fn write(&self, ws: &mut Worksheet, row: RowNum, col: ColNum) -> anyhow::Result<()> {
        match self {
            Cell::Plain(text, format) | Cell::Text(text, format) => {
                write_text(ws, row, col, text, format)
            }
            Cell::Header(text, format) => write_text(ws, row, col, text, format),
            Cell::Number(value, format) => write_number(ws, row, col, *value, Some(format)),
            Cell::Blank(format) => {
                ws.write_blank(row, col, format)?;
                Ok(())
            }
        }
    }
}

/// Receives each row of the sheet, in order.
type Rows<'e, 'a> = dyn FnMut(RowNum, &[(ColNum, Cell<'a>)]) -> anyhow::Result<()> + 'e;

/// Writes the sheet in rust_xlsxwriter's constant-memory mode: its rows are
/// laid out twice, once to size the columns and once to write each row, in
/// order, with its final height (it holds a row per customized
/// requirement: 140,000 of them at 200,000 requirements).
pub fn write(ws: &mut Worksheet, ctx: &Ctx) -> anyhow::Result<()> {
    ws.set_name(&ctx.labels.sheets.customization)?;
    let mut cols = Columns::new(vec![
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
    rows(ctx, &mut |_, cells| {
        for (col, cell) in cells {
            cell.fit(&mut cols, *col);
        }
        Ok(())
    })?;
    cols.apply(ws)?;
    let mut next_row = 0;
    let last_tally_row = rows(ctx, &mut |row, cells| {
        next_row = row + 1;
        let lines = cells
            .iter()
            .map(|(col, cell)| cell.lines(&cols, *col))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(row, row_height(lines))?;
        }
        for (col, cell) in cells {
            cell.write(ws, row, *col)?;
        }
        Ok(())
    })?;
    end_streamed_rows(ws, next_row, ctx.styles.column.format())?;
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
    let header_cells: Vec<(ColNum, Cell)> = headers
        .into_iter()
        .enumerate()
        .map(|(i, text)| (i as ColNum, Cell::Header(text, &s.header)))
        .collect();
    emit(HEADER_ROW, &header_cells)?;

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
    let last_tally_row = row - 1;

    row += 1;
    emit(
        row,
        &[(
            0,
            Cell::Plain(c.by_member_title.as_str().into(), &s.section),
        )],
    )?;
    row += 1;
    match &ctx.inputs.requests {
        None => emit(
            row,
            &[(0, Cell::Plain(c.no_request_file.as_str().into(), &s.note))],
        )?,
        Some(requests) => by_member(ctx, row, requests, emit)?,
    }
    Ok(last_tally_row)
}

/// Each member town's requests with their recommendations, one row per
/// request; the count stands on the member's first row.
fn by_member<'a>(
    ctx: &'a Ctx,
    mut row: RowNum,
    requests: &'a MemberRequests,
    emit: &mut Rows<'_, 'a>,
) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let c = &l.customization;
    let s = &ctx.styles;
    let headers = [
        &c.member,
        &c.id,
        &c.text,
        &c.recommendation,
        &c.request_count,
    ];
    let header_cells: Vec<(ColNum, Cell)> = headers
        .into_iter()
        .enumerate()
        .map(|(i, text)| (i as ColNum, Cell::Header(text, &s.header)))
        .collect();
    emit(row, &header_cells)?;
    row += 1;
    let advice: HashMap<usize, CustomizationAdvice> = ctx
        .analysis
        .customization
        .iter()
        .map(|item| (item.requirement.index(), item.recommendation))
        .collect();
    let mut by_member: Vec<Vec<usize>> = vec![Vec::new(); requests.members.len()];
    for (req, members) in requests.by_requirement.iter().enumerate() {
        for &m in members {
            if let Some(list) = by_member.get_mut(m) {
                list.push(req);
            }
        }
    }
    for (member, reqs) in requests.members.iter().zip(&by_member) {
        let count = Cell::Number(reqs.len() as f64, &s.integer);
        if reqs.is_empty() {
            emit(
                row,
                &[
                    (0, Cell::Text(member.as_str().into(), &s.bold)),
                    (1, Cell::Text(l.common.none.as_str().into(), &s.text)),
                    (2, Cell::Text(c.no_requests.as_str().into(), &s.text)),
                    (3, Cell::Text(l.common.none.as_str().into(), &s.text)),
                    (4, count),
                ],
            )?;
            row += 1;
            continue;
        }
        let mut first = true;
        for &i in reqs {
            let Some(req) = ctx.inputs.requirements.get(i) else {
                continue;
            };
            let recommendation = advice.get(&i).copied().unwrap_or(CustomizationAdvice::None);
            let (name, count) = if first {
                (
                    Cell::Text(member.as_str().into(), &s.bold),
                    Cell::Number(reqs.len() as f64, &s.integer),
                )
            } else {
                (
                    Cell::Text(member.as_str().into(), &s.text),
                    Cell::Blank(&s.integer),
                )
            };
            emit(
                row,
                &[
                    (0, name),
                    (1, Cell::Text(req.id.as_str().into(), &s.text)),
                    (2, Cell::Text(req.text.as_str().into(), &s.text)),
                    (3, Cell::Text(l.advice(recommendation).into(), &s.text)),
                    (4, count),
                ],
            )?;
            first = false;
            row += 1;
        }
    }
    Ok(())
}
