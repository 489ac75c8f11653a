//! The starter decisions workbook `fairbid init` writes (SPEC §8.4, §11):
//! the columns `evaluate --decisions` reads, with two example rows — a
//! ruling on what a vendor's ○ meant under a 3-level legend, and an answer
//! corrected after a question — so a secretariat records the committee's
//! rulings in a form fairbid reads without a warning.
//!
//! ```text
//!   選定委員会の裁定（記入例）
//!
//!   事業者名 | 要件ID | 回答 | 判定 | 理由 | 決定日
//!   北日本情報システム |  | ○ | 標準 | 質疑回答No.12で確認 … | 2025-06-10
//!   さくら電算 | JR-003 | △ | 代替 | 質疑回答No.15で確認 … | 2025-06-12
//! ```

use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};

use crate::model::Lang;

/// The file name `init` gives the starter.
pub const STARTER_DECISIONS_FILE: &str = "decisions.xlsx";

const HEADERS_JA: [&str; 6] = ["事業者名", "要件ID", "回答", "判定", "理由", "決定日"];
const HEADERS_EN: [&str; 6] = [
    "Vendor",
    "Requirement ID",
    "Code",
    "Ruling",
    "Reason",
    "Date",
];

const ROWS_JA: [[&str; 6]; 2] = [
    [
        "北日本情報システム",
        "",
        "○",
        "標準",
        "質疑回答No.12で確認（○△×の3段階の凡例で回答しており、○は標準機能の意味）",
        "2025-06-10",
    ],
    [
        "さくら電算",
        "JR-003",
        "△",
        "代替",
        "質疑回答No.15で確認（既存機能の運用で対応でき、改修は不要）",
        "2025-06-12",
    ],
];

const ROWS_EN: [[&str; 6]; 2] = [
    [
        "Kitanihon Information Systems",
        "",
        "○",
        "standard",
        "Q&A No. 12: answered on the 3-level legend, where ○ means a standard function",
        "2025-06-10",
    ],
    [
        "Sakura Densan",
        "JR-003",
        "△",
        "alternative",
        "Q&A No. 15: met by operating an existing function, no code change",
        "2025-06-12",
    ],
];

/// The starter decisions workbook, dated like every workbook fairbid writes.
pub fn starter_decisions(lang: Lang, created: i64) -> Result<Vec<u8>> {
    let created = ExcelDateTime::from_timestamp(created)
        .context("the document date is outside the years 1900–9999")?;
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = wb.add_worksheet();
    sheet.set_name(lang.pick("裁定", "Decisions"))?;
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_background_color("D9E1F2")
        .set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let title_text = lang.pick(
        "選定委員会の裁定（記入例）",
        "Committee decisions (example)",
    );
    sheet.write_string_with_format(0, 0, title_text, &title)?;
    let note = lang.pick(
        "要件IDが空欄の行は、その事業者が記入した回答のうち「回答」の記号に一致するものすべてに適用します。判定には凡例の記号か、標準・代替・カスタマイズ・対応不可を記入します。",
        "A row without a requirement ID applies to every answer of the vendor written with its code. A ruling is a legend code or standard, alternative, customization, unsupported.",
    );
    sheet.write_string(1, 0, note)?;
    let (headers, rows) = match lang {
        Lang::Ja => (HEADERS_JA, ROWS_JA),
        Lang::En => (HEADERS_EN, ROWS_EN),
    };
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &head)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string_with_format(r as u32 + 3, c as u16, *v, &cell)?;
        }
    }
    for (c, w) in [22.0, 12.0, 8.0, 12.0, 60.0, 12.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(3, 0)?;
    Ok(wb.save_to_buffer()?)
}
