//! Matrix (要件別評価): every requirement × vendor, the record of each answer.
//!
//! ```text
//!   凡例 | 標準機能 | 代替・運用 | カスタマイズ | 対応不可 | 未回答 | 不正な回答
//!        |      |      |      |          |      | A社          | B社          |            |
//!   要件ID | 業務 | 分類 | 要件 | 必須区分 | 配点 | 回答 | 得点 | 回答 | 得点 | 対応可能数 | フラグ
//!   R-001  | 住民記録 | … | 転入届を… | 必須 | 3 | ◎ | 3 | × | 0 | 1 | F01 F05
//! ```
//!
//! The code cell shows the code as the vendor wrote it, coloured by its
//! level; the vendor's remarks are a note on that cell. A note costs a few
//! kilobytes in the writer and slows the spreadsheet program that opens the
//! file, so past [`MAX_NOTES`] remarks they go into a remarks column beside
//! each vendor's points instead, and the sheet says so.
//!
//! This sheet can hold hundreds of thousands of rows, so each row is written
//! in order with formats made once (rust_xlsxwriter's constant-memory mode).

use std::borrow::Cow;

use rust_xlsxwriter::{ColNum, Note, RowNum, Worksheet};

use super::Ctx;
use super::format::{fit_text, merge_text, write_column_text, write_number, write_text};
use super::layout::{
    Columns, end_streamed_rows, longest_word, print_across, print_setup, row_height,
};
use crate::model::{Answer, CodeIx, Codes, Level, VendorId};
use crate::write::labels::fill;

const COL_ID: ColNum = 0;
const COL_AREA: ColNum = 1;
const COL_CATEGORY: ColNum = 2;
const COL_TEXT: ColNum = 3;
const COL_PRIORITY: ColNum = 4;
const COL_WEIGHT: ColNum = 5;
const FIXED: ColNum = 6;

/// Rows above the data: the legend, the vendor names, the column headers.
const LEGEND_ROW: RowNum = 0;
const VENDOR_ROW: RowNum = 1;
const HEADER_ROW: RowNum = 2;
const FIRST_DATA_ROW: RowNum = 3;

/// Most vendors printed one page wide (SPEC §8.1); with more, the sheet
/// prints across pages, [`VENDORS_PER_PAGE`] vendors to a page.
pub const ONE_PAGE_VENDORS: usize = 8;
const VENDORS_PER_PAGE: usize = 3;

/// Notes are capped below Excel's cell limit to leave room for the author prefix.
const MAX_NOTE_TEXT: usize = 32_700;

/// Most remarks written as notes; more go into remarks columns. Each note
/// costs about 75,000 instructions and 3–4 KB while the workbook is saved
/// (its VML shape and comment XML), and spreadsheet programs slow down on
/// sheets with tens of thousands of notes.
pub const MAX_NOTES: usize = 20_000;

/// Where the vendors' remarks go.
#[derive(Clone, Copy, PartialEq)]
enum Remarks {
    Notes,
    Columns,
}

impl Remarks {
    /// Columns per vendor: code and points, and remarks when in columns.
    fn stride(self) -> ColNum {
        match self {
            Remarks::Notes => 2,
            Remarks::Columns => 3,
        }
    }
}

/// One vendor's answers as the Matrix shows them: the code as written, its
/// level and the remarks, nothing else, in a few flat vectors. A run that is
/// done with the full answers (their sheets, cells, costs and copied texts,
/// each in an allocation of its own) drops them before the Matrix is
/// written: at 200,000 requirements × 12 vendors they take over half a
/// gigabyte, this a tenth of that, and their memory can go back to the
/// system whole.
pub(crate) struct Shown {
    /// The distinct codes the vendor wrote.
    codes: Codes,
    /// Per requirement: its code in `codes`.
    code: Vec<CodeIx>,
    level: Vec<Level>,
    /// Every remark, one after the other; `ends[i]` is where requirement
    /// `i`'s ends.
    remarks: String,
    ends: Vec<usize>,
}

impl Shown {
    /// `codes` are the vendor's codes the answers hold.
    pub fn new(answers: &[Answer], codes: &Codes) -> Shown {
        let mut shown = Shown {
            codes: codes.clone(),
            code: Vec::with_capacity(answers.len()),
            level: Vec::with_capacity(answers.len()),
            remarks: String::with_capacity(answers.iter().map(|a| a.remarks.len()).sum()),
            ends: Vec::with_capacity(answers.len()),
        };
        for a in answers {
            shown.code.push(a.code);
            shown.level.push(a.level);
            shown.remarks.push_str(&a.remarks);
            shown.ends.push(shown.remarks.len());
        }
        shown
    }

    /// Code, level and remarks of the answer to requirement `i`. Readers
    /// align every response with the matrix, so there is one for each.
    pub(super) fn get(&self, i: usize) -> (&str, Level, &str) {
        let (code, level, end) = (self.code[i], self.level[i], self.ends[i]);
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        (self.codes.get(code), level, &self.remarks[start..end])
    }
}

/// The answer of `vendor` to requirement `i`.
fn shown(answers: &[Shown], vendor: VendorId, i: usize) -> (&str, Level, &str) {
    answers[vendor.index()].get(i)
}

/// The code cell's text: the code as written, and for an answer a
/// committee decision ruled (§11), an arrow to the ruled level (`○ → 標準機能`).
fn marked<'a>(ctx: &Ctx, vendor: VendorId, i: usize, code: &'a str) -> Cow<'a, str> {
    let ruled = (ctx.inputs.decisions.as_ref()).and_then(|d| {
        let ruled = d.ruled.get(vendor.index())?;
        let at = ruled
            .binary_search_by_key(&i, |r| r.requirement.index())
            .ok()?;
        d.rows[ruled[at].row].ruling
    });
    match ruled {
        Some(level) => Cow::Owned(
            fill(
                &ctx.labels.decisions.matrix_mark,
                &[("code", code), ("level", ctx.labels.level(level))],
            )
            .trim()
            .to_string(),
        ),
        None => Cow::Borrowed(code),
    }
}

/// `answers[k]` are the answers of `ctx.inputs.vendors[k]`.
pub fn write(ws: &mut Worksheet, ctx: &Ctx, answers: &[Shown]) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let s = &ctx.styles;
    let a = ctx.analysis;
    let inputs = ctx.inputs;
    ws.set_name(&l.sheets.matrix)?;

    let remark_count: usize = a
        .vendors
        .iter()
        .map(|v| {
            (0..inputs.requirements.len())
                .filter(|&i| !shown(answers, v.vendor, i).2.is_empty())
                .count()
        })
        .sum();
    let remarks = if remark_count <= ctx.max_notes {
        Remarks::Notes
    } else {
        Remarks::Columns
    };
    let stride = remarks.stride();
    let code_col = |k: usize| FIXED + stride * k as ColNum;
    let col_capable = code_col(a.vendors.len());
    let col_flags = col_capable + 1;
    let flag_codes = flag_codes_by_requirement(ctx);
    let legend: Vec<&str> = Level::ALL.iter().map(|&level| l.level(level)).collect();

    let mut headers = vec![
        l.matrix.id.as_str(),
        &l.matrix.area,
        &l.matrix.category,
        &l.matrix.text,
        &l.matrix.priority,
        &l.matrix.weight,
    ];
    for _ in &a.vendors {
        headers.push(&l.matrix.code);
        headers.push(&l.matrix.points);
        if remarks == Remarks::Columns {
            headers.push(&l.matrix.remarks);
        }
    }
    headers.push(&l.matrix.capable);
    headers.push(&l.matrix.flags);

    // Widths first, from every cell: rows are then written strictly in
    // order, each with its final height (what constant-memory mode needs).
    let mut cols = Columns::new(column_limits(a.vendors.len(), remarks));
    for (col, label) in legend.iter().take(5).enumerate() {
        cols.fit(col + 1, label);
    }
    for (col, text) in headers.iter().enumerate() {
        cols.fit_width(col, longest_word(text));
    }
    for (i, req) in inputs.requirements.iter().enumerate() {
        cols.fit(COL_ID as usize, &req.id);
        cols.fit(COL_AREA as usize, &req.area);
        cols.fit(COL_CATEGORY as usize, &req.category);
        cols.fit(COL_TEXT as usize, &req.text);
        for (k, v) in a.vendors.iter().enumerate() {
            let (code, _, text) = shown(answers, v.vendor, i);
            cols.fit(code_col(k) as usize, &marked(ctx, v.vendor, i, code));
            if remarks == Remarks::Columns {
                cols.fit(code_col(k) as usize + 2, text);
            }
        }
        cols.fit(col_flags as usize, &flag_codes[i]);
    }
    cols.apply(ws)?;
    let column = &s.column;
    for col in 0..=col_flags {
        let is_code = col >= FIXED && col < col_capable && (col - FIXED).is_multiple_of(stride);
        if !is_code {
            ws.set_column_format(col, column.format())?;
        }
    }
    ws.set_print_gridlines(true);

    // The key to the colours, on the sheet itself so that a printed page
    // explains itself; the last entry spans the first vendor's two columns.
    write_text(ws, LEGEND_ROW, 0, &l.levels.legend, &s.bold)?;
    for (i, level) in Level::ALL.into_iter().enumerate() {
        let col = 1 + i as ColNum;
        if level == Level::Invalid {
            let last = (LEGEND_ROW, col + 1);
            merge_text(ws, (LEGEND_ROW, col), last, legend[i], s.level(level))?;
        } else {
            write_text(ws, LEGEND_ROW, col, legend[i], s.level(level))?;
        }
    }
    if remarks == Remarks::Columns {
        let count = remark_count.to_string();
        let text = fill(&l.matrix.remarks_in_columns, &[("count", &count)]);
        write_text(ws, LEGEND_ROW, FIXED + 2, &text, &s.note)?;
    }

    let mut vendor_lines = 1;
    for col in 0..FIXED {
        ws.write_blank(VENDOR_ROW, col, s.header.format())?;
    }
    let mut authors = Vec::with_capacity(a.vendors.len());
    for (k, v) in a.vendors.iter().enumerate() {
        let (first, last) = (code_col(k), code_col(k) + stride - 1);
        let name = ctx.vendor_label(v.vendor);
        vendor_lines = vendor_lines.max(cols.lines(first as usize, last as usize, name));
        merge_text(ws, (VENDOR_ROW, first), (VENDOR_ROW, last), name, &s.header)?;
        // Excel limits a note's author to 52 characters.
        authors.push(fit_text(ctx.vendor_name(v.vendor), 52).into_owned());
    }
    ws.write_blank(VENDOR_ROW, col_capable, s.header.format())?;
    ws.write_blank(VENDOR_ROW, col_flags, s.header.format())?;
    ws.set_row_height(VENDOR_ROW, row_height(vendor_lines))?;

    let mut header_lines = 1;
    for (col, text) in headers.into_iter().enumerate() {
        header_lines = header_lines.max(cols.lines(col, col, text));
        write_text(ws, HEADER_ROW, col as ColNum, text, &s.header)?;
    }
    ws.set_row_height(HEADER_ROW, row_height(header_lines))?;

    let mut row = FIRST_DATA_ROW;
    for (i, req) in inputs.requirements.iter().enumerate() {
        let mut lines = [
            (COL_AREA, req.area.as_str()),
            (COL_CATEGORY, &req.category),
            (COL_TEXT, &req.text),
            (col_flags, &flag_codes[i]),
        ]
        .into_iter()
        .map(|(col, text)| cols.lines(col as usize, col as usize, text))
        .max()
        .unwrap_or(1);
        if remarks == Remarks::Columns {
            for (k, v) in a.vendors.iter().enumerate() {
                let text = shown(answers, v.vendor, i).2;
                let col = code_col(k) as usize + 2;
                lines = lines.max(cols.lines(col, col, text));
            }
        }
        if lines > 1 {
            ws.set_row_height(row, row_height(lines))?;
        }
        write_column_text(ws, row, COL_ID, &req.id, column)?;
        write_column_text(ws, row, COL_AREA, &req.area, column)?;
        write_column_text(ws, row, COL_CATEGORY, &req.category, column)?;
        write_column_text(ws, row, COL_TEXT, &req.text, column)?;
        write_column_text(ws, row, COL_PRIORITY, l.priority(req.priority), column)?;
        write_number(ws, row, COL_WEIGHT, req.weight, None)?;

        let mut capable = 0;
        for (k, v) in a.vendors.iter().enumerate() {
            let col = code_col(k);
            let (code, level, text) = shown(answers, v.vendor, i);
            let format = s.level(level);
            let code = marked(ctx, v.vendor, i, code);
            if code.is_empty() {
                ws.write_blank(row, col, format.format())?;
            } else {
                write_text(ws, row, col, &code, format)?;
            }
            let points = v.points.get(i).copied().unwrap_or(0.0);
            write_number(ws, row, col + 1, points, None)?;
            match remarks {
                Remarks::Notes if !text.is_empty() => {
                    let note = Note::new(fit_text(text, MAX_NOTE_TEXT))
                        .set_author(&authors[k])
                        .set_width(320)
                        .set_height(160);
                    ws.insert_note(row, col, &note)?;
                }
                Remarks::Notes => {}
                Remarks::Columns => write_column_text(ws, row, col + 2, text, column)?,
            }
            if level.is_capable() {
                capable += 1;
            }
        }
        write_number(ws, row, col_capable, f64::from(capable), None)?;
        write_column_text(ws, row, col_flags, &flag_codes[i], column)?;
        row += 1;
    }

    end_streamed_rows(ws, row, column.format())?;
    let last_row = row.saturating_sub(1).max(HEADER_ROW);
    ws.autofilter(HEADER_ROW, 0, last_row, col_flags)?;
    // Only the ID column is frozen: the text column is wide, and a frozen
    // block wider than a laptop window would hide the vendors entirely.
    ws.set_freeze_panes(FIRST_DATA_ROW, COL_ID + 1)?;
    let rows = (VENDOR_ROW, HEADER_ROW);
    if a.vendors.len() > ONE_PAGE_VENDORS {
        // Too many vendors to read one page wide: across pages, each with
        // the ID and the requirement beside the vendors' answers.
        let mut groups: Vec<(ColNum, ColNum)> = (0..a.vendors.len())
            .map(|k| (code_col(k), code_col(k) + stride - 1))
            .collect();
        groups.push((col_capable, col_flags));
        let repeated = (COL_ID, COL_TEXT);
        print_across(ws, ctx, rows, &cols, repeated, &groups, VENDORS_PER_PAGE)
    } else {
        print_setup(ws, ctx, rows)
    }
}

/// (minimum, maximum) width of every column, in display cells.
fn column_limits(vendors: usize, remarks: Remarks) -> Vec<(usize, usize)> {
    let mut limits = vec![(6, 16), (6, 20), (6, 24), (24, 60), (4, 10), (4, 6)];
    for _ in 0..vendors {
        limits.push((4, 12));
        limits.push((4, 6));
        if remarks == Remarks::Columns {
            limits.push((8, 30));
        }
    }
    limits.push((6, 8));
    limits.push((6, 24));
    limits
}

/// The codes of the flags raised on each requirement, `F01 F07`, once each.
pub(crate) fn flag_codes_by_requirement(ctx: &Ctx) -> Vec<String> {
    let mut codes = vec![String::new(); ctx.inputs.requirements.len()];
    for flag in &ctx.analysis.flags {
        let Some(r) = flag.requirement else {
            continue;
        };
        let text = &mut codes[r.index()];
        let code = flag.code.code();
        if text.split(' ').any(|c| c == code) {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(code);
    }
    codes
}
