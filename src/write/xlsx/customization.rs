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

use std::borrow::Cow;

use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet};

use super::Ctx;
use super::format::{TextFormat, write_column_text, write_number, write_text, yen_text};
use super::layout::{Columns, end_streamed_rows, longest_word, print_setup, row_height};
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

/// One cell of a streamed sheet, as its row is laid out.
pub(super) enum Cell<'a> {
    /// Text that neither widens its column nor grows its row (titles, notes).
    Plain(Cow<'a, str>, &'a TextFormat),
    /// A column header: wraps within the column's width unless a word
    /// would not fit.
    Header(&'a str, &'a TextFormat),
    /// A table cell: its column widens (within limits), its row grows.
    Text(Cow<'a, str>, &'a TextFormat),
    /// A table cell of a column that carries `TextFormat` as its column
    /// format: written without a format of its own (rust_xlsxwriter hashes
    /// a cell's format on every write, which tells on a long sheet); its
    /// column widens and its row grows, as for `Text`.
    Column(Cow<'a, str>, &'a TextFormat),
    Number(f64, &'a Format),
    /// A number written without a format of its own.
    Figure(f64),
    Blank(&'a Format),
}

impl Cell<'_> {
    /// Widens `col` for this cell (the first pass).
    fn fit(&self, cols: &mut Columns, col: ColNum) {
        match self {
            Cell::Header(text, _) => cols.fit_width(col as usize, longest_word(text)),
            Cell::Text(text, _) | Cell::Column(text, _) => cols.fit(col as usize, text),
            _ => {}
        }
    }

    /// Lines the cell takes at the final widths.
    fn lines(&self, cols: &Columns, col: ColNum) -> usize {
        match self {
            Cell::Header(text, _) => cols.lines(col as usize, col as usize, text),
            Cell::Text(text, _) | Cell::Column(text, _) => {
                cols.lines(col as usize, col as usize, text)
            }
            _ => 1,
        }
    }

    fn write(&self, ws: &mut Worksheet, row: RowNum, col: ColNum) -> anyhow::Result<()> {
        match self {
            Cell::Plain(text, format) | Cell::Text(text, format) => {
                write_text(ws, row, col, text, format)
            }
            Cell::Header(text, format) => write_text(ws, row, col, text, format),
            Cell::Column(text, format) => write_column_text(ws, row, col, text, format),
            Cell::Number(value, format) => write_number(ws, row, col, *value, Some(format)),
            Cell::Figure(value) => write_number(ws, row, col, *value, None),
            Cell::Blank(format) => {
                ws.write_blank(row, col, format)?;
                Ok(())
            }
        }
    }
}

/// Receives each row of the sheet, in order.
pub(super) type Rows<'e, 'a> = dyn FnMut(RowNum, &[(ColNum, Cell<'a>)]) -> anyhow::Result<()> + 'e;

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
    let last_tally_row = stream(ws, ctx, cols, |emit| rows(ctx, emit))?;
    ws.autofilter(HEADER_ROW, 0, last_tally_row.max(HEADER_ROW), COL_ADVICE)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    print_setup(ws, ctx, (HEADER_ROW, HEADER_ROW))
}

/// Fills a constant-memory sheet from `rows`, which lays out every row in
/// order and is called twice: once to size the columns, once to write each
/// row with its final height. Returns what the second call returns.
pub(super) fn stream<'a, T>(
    ws: &mut Worksheet,
    ctx: &'a Ctx,
    mut cols: Columns,
    rows: impl Fn(&mut Rows<'_, 'a>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    rows(&mut |_, cells| {
        for (col, cell) in cells {
            cell.fit(&mut cols, *col);
        }
        Ok(())
    })?;
    cols.apply(ws)?;
    let mut next_row = 0;
    let laid_out = rows(&mut |row, cells| {
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
    Ok(laid_out)
}

/// Column headers from column A, each wrapping within its column.
pub(super) fn header_cells<'a, T: AsRef<str> + ?Sized + 'a>(
    headers: impl IntoIterator<Item = &'a T>,
    format: &'a TextFormat,
) -> Vec<(ColNum, Cell<'a>)> {
    headers
        .into_iter()
        .enumerate()
        .map(|(i, text)| (i as ColNum, Cell::Header(text.as_ref(), format)))
        .collect()
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
