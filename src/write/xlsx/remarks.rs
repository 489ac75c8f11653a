//! Remarks (回答備考): every remark a vendor wrote beside an answer, one row
//! each, so that the printed record holds the vendors' reasons. On the
//! Matrix the same remarks are notes on the answer cells, which a screen
//! shows and a printer does not.
//!
//! ```text
//!   回答備考
//!   ベンダーが回答に付した備考の全件です…
//!   要件ID | 要件（抜粋）           | ベンダー | 回答 | 得点 | 備考
//!   R-003  | 特別徴収税額通知書を…  | A社      | ○    | 1.4  | 帳票は運用で対応
//! ```
//!
//! Like the Matrix, this sheet sees the vendors' answers only through the
//! [`Shown`] it is handed (on the Matrix's thread, before they are dropped),
//! never through the context; its rows are streamed in matrix order, each
//! requirement's vendors in rank order as on the Matrix.

use rust_xlsxwriter::{ColNum, RowNum, Worksheet};

use super::Ctx;
use super::layout::{Columns, print_setup};
use super::matrix::Shown;
use super::stream::{Cell, Rows, header_cells, stream};

const COL_ID: ColNum = 0;
const COL_TEXT: ColNum = 1;
const COL_VENDOR: ColNum = 2;
const COL_CODE: ColNum = 3;
const COL_POINTS: ColNum = 4;
const COL_REMARK: ColNum = 5;
const HEADER_ROW: RowNum = 2;

/// Characters of the requirement shown beside a remark: enough to
/// recognise it, the whole text being on the Matrix under the same ID.
const TEXT_CHARS: usize = 30;

/// `answers[k]` are the answers of `ctx.inputs.vendors[k]`.
pub fn write(ws: &mut Worksheet, ctx: &Ctx, answers: &[Shown]) -> anyhow::Result<()> {
    ws.set_name(&ctx.labels.sheets.remarks)?;
    let cols = Columns::new(vec![(6, 16), (20, 60), (8, 24), (4, 10), (5, 6), (30, 70)]);
    // Like the Matrix, a row per answer at most: its cells are written in
    // their column's format, printed with gridlines rather than borders;
    // only the code (its level's colour) and the ID carry a format of their
    // own — column A also holds the title and the note, which a column
    // format would wrap into its width.
    for col in COL_TEXT..=COL_REMARK {
        if col != COL_CODE {
            ws.set_column_format(col, ctx.styles.column.format())?;
        }
    }
    ws.set_print_gridlines(true);
    let last = stream(ws, ctx.styles.column.format(), cols, |emit| {
        rows(ctx, answers, emit)
    })?;
    if last > HEADER_ROW {
        ws.autofilter(HEADER_ROW, 0, last, COL_REMARK)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    print_setup(ws, ctx, (HEADER_ROW, HEADER_ROW))
}

/// The first [`TEXT_CHARS`] characters of a requirement, with `…` when cut.
pub(crate) fn short_text(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(TEXT_CHARS) {
        None => text.into(),
        Some((end, _)) => format!("{}…", &text[..end]).into(),
    }
}

/// Lays out every row; returns the last row.
fn rows<'a>(ctx: &'a Ctx, answers: &'a [Shown], emit: &mut Rows<'_, 'a>) -> anyhow::Result<RowNum> {
    let r = &ctx.labels.remarks;
    let s = &ctx.styles;
    emit(0, &[(0, Cell::Plain(r.title.as_str().into(), &s.title))])?;
    emit(1, &[(0, Cell::Plain(r.note.as_str().into(), &s.note))])?;
    let headers = [&r.id, &r.text, &r.vendor, &r.code, &r.points, &r.remark];
    emit(HEADER_ROW, &header_cells(headers, &s.header))?;
    let c = &s.column;
    let mut row = HEADER_ROW + 1;
    for (i, req) in ctx.inputs.requirements.iter().enumerate() {
        // Shortened once per requirement, only if some vendor remarked on it.
        let mut text = None;
        for v in &ctx.analysis.vendors {
            let (code, level, remark) = answers[v.vendor.index()].get(i);
            if remark.is_empty() {
                continue;
            }
            let text = text.get_or_insert_with(|| short_text(&req.text)).clone();
            let points = v.points.get(i).copied().unwrap_or(0.0);
            emit(
                row,
                &[
                    (COL_ID, Cell::Text(req.id.as_str().into(), c)),
                    (COL_TEXT, Cell::Column(text, c)),
                    (
                        COL_VENDOR,
                        Cell::Column(ctx.vendor_name(v.vendor).into(), c),
                    ),
                    (COL_CODE, Cell::Text(code.into(), s.level(level))),
                    (COL_POINTS, Cell::Figure(points)),
                    (COL_REMARK, Cell::Column(remark.into(), c)),
                ],
            )?;
            row += 1;
        }
    }
    if row == HEADER_ROW + 1 {
        emit(row, &[(0, Cell::Plain(r.none.as_str().into(), &s.note))])?;
        return Ok(HEADER_ROW);
    }
    Ok(row - 1)
}

#[cfg(test)]
mod tests {
    use super::short_text;

    #[test]
    fn a_long_requirement_is_cut_with_a_mark() {
        assert_eq!(
            short_text("転入届を受け付けできること。"),
            "転入届を受け付けできること。"
        );
        let long = "住".repeat(31);
        assert_eq!(short_text(&long), format!("{}…", "住".repeat(30)));
        assert_eq!(short_text(&"住".repeat(30)), "住".repeat(30));
    }
}
