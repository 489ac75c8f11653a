//! The starter prices workbook `fairbid init` writes (SPEC §12): the form a
//! secretariat compiles the vendors' quotations (見積書) into, which
//! `evaluate --prices` reads without a warning.

use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};

use crate::model::Lang;

/// The file name of the starter prices workbook.
pub const FILE_NAME: &str = "prices.xlsx";

/// A title, a note on units, the header (amounts in 千円, 税抜) and two
/// example rows with the parts of a 5-year price.
pub fn starter_prices(lang: Lang, created: i64) -> Result<Vec<u8>> {
    let created = ExcelDateTime::from_timestamp(created)
        .context("the document date is outside the years 1900–9999")?;
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = wb.add_worksheet();
    sheet.set_name(lang.pick("提案価格", "Prices"))?;
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("D9E1F2")
        .set_border(FormatBorder::Thin);
    let text = Format::new().set_border(FormatBorder::Thin);
    let amount = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0");
    let (heading, note, headers, rows) = match lang {
        Lang::Ja => (
            "提案価格一覧（記入例）",
            "見積書の金額を千円単位・税抜で記入します。提案価格（総額）を書くと内訳より優先します。記入例の行は実際の提案者に置き換えてください。",
            [
                "事業者名",
                "提案価格（千円・税抜）",
                "初期費用（千円・税抜）",
                "移行費用（千円・税抜）",
                "年間運用費（千円・税抜）",
                "契約期間",
            ],
            [
                (
                    "株式会社〇〇情報システム",
                    12_000.0,
                    3_000.0,
                    9_600.0,
                    "5年",
                ),
                ("△△電算株式会社", 9_800.0, 4_200.0, 10_400.0, "5年"),
            ],
        ),
        Lang::En => (
            "Prices (example)",
            "Amounts from the quotations, in thousands of yen before tax. A total, when given, wins over the parts. Replace the example rows with the bidders.",
            [
                "Vendor",
                "Total (千円・税抜)",
                "Initial (千円・税抜)",
                "Migration (千円・税抜)",
                "Annual (千円・税抜)",
                "Years",
            ],
            [
                ("Example Systems Co., Ltd.", 12_000.0, 3_000.0, 9_600.0, "5"),
                ("Sample Densan Inc.", 9_800.0, 4_200.0, 10_400.0, "5"),
            ],
        ),
    };
    sheet.write_string_with_format(0, 0, heading, &title)?;
    sheet.write_string(1, 0, note)?;
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(3, c as u16, *h, &head)?;
    }
    for (r, (vendor, initial, migration, annual, years)) in rows.iter().enumerate() {
        let r = r as u32 + 4;
        sheet.write_string_with_format(r, 0, *vendor, &text)?;
        sheet.write_blank(r, 1, &amount)?;
        for (c, v) in [initial, migration, annual].iter().enumerate() {
            sheet.write_number_with_format(r, c as u16 + 2, **v, &amount)?;
        }
        sheet.write_string_with_format(r, 5, *years, &text)?;
    }
    for (c, w) in [30.0, 16.0, 16.0, 16.0, 16.0, 10.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_row_height(3, 32)?;
    sheet.set_freeze_panes(4, 0)?;
    Ok(wb.save_to_buffer()?)
}
