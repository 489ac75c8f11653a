//! Provenance (来歴): what produced this workbook, from which files, under
//! which settings — so that the filed record can be reproduced and checked.
//!
//! ```text
//!   来歴
//!   ツール   | fairbid 0.1.0
//!   作成日   | 2025年4月1日
//!   言語     | 日本語
//!
//!   入力ファイル
//!   ファイル | 役割 | SHA-256 | 行数
//!
//!   適用した設定
//!   title = "…"
//! ```

use rust_xlsxwriter::{RowNum, Worksheet};

use super::format::{write_number, write_text};
use super::layout::{Columns, cell, header_row, print_setup};
use super::{Ctx, Page};

pub fn write(ws: &mut Worksheet, ctx: &Ctx) -> anyhow::Result<()> {
    let files: Vec<InputRow> = (ctx.inputs.files.iter())
        .map(|f| InputRow {
            file: &f.file,
            role: ctx.labels.role(f.role),
            sha256: &f.sha256,
            rows: f.rows,
        })
        .collect();
    write_record(ws, ctx, &files)
}

/// One input file as the Provenance sheet lists it, its role worded.
pub(crate) struct InputRow<'a> {
    pub file: &'a str,
    pub role: &'a str,
    pub sha256: &'a str,
    pub rows: usize,
}

/// The Provenance sheet of any workbook fairbid writes, for `files`.
pub(crate) fn write_record(
    ws: &mut Worksheet,
    ctx: &Page,
    files: &[InputRow],
) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let p = &l.provenance;
    let s = &ctx.styles;
    ws.set_name(&l.sheets.provenance)?;
    let mut cols = Columns::new(vec![(12, 40), (10, 18), (66, 66), (6, 10)]);

    write_text(ws, 0, 0, &p.title, &s.title)?;
    let tool = format!("fairbid {}", env!("CARGO_PKG_VERSION"));
    let facts: [(&str, &str); 3] = [
        (&p.tool, &tool),
        (&p.date, &ctx.date),
        (&p.language, &p.language_name),
    ];
    let mut row: RowNum = 1;
    for (label, value) in facts {
        cell(ws, &mut cols, (row, 0), label, &s.bold)?;
        cell(ws, &mut cols, (row, 1), value, &s.text)?;
        row += 1;
    }

    row += 1;
    write_text(ws, row, 0, &p.inputs, &s.section)?;
    row += 1;
    let headers = [&p.file, &p.role, &p.sha256, &p.rows];
    header_row(ws, &mut cols, (row, 0), headers, &s.header)?;
    row += 1;
    for file in files {
        cell(ws, &mut cols, (row, 0), file.file, &s.text)?;
        cell(ws, &mut cols, (row, 1), file.role, &s.text)?;
        cell(ws, &mut cols, (row, 2), file.sha256, &s.text)?;
        write_number(ws, row, 3, file.rows as f64, Some(&s.integer))?;
        row += 1;
    }

    row += 1;
    write_text(ws, row, 0, &p.settings, &s.section)?;
    row += 1;
    for line in ctx.settings.to_toml().lines() {
        write_text(ws, row, 0, line, &s.note)?;
        row += 1;
    }

    cols.apply(ws)?;
    print_setup(ws, ctx, (0, 0))
}
