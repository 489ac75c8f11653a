//! The starter members workbook `init` writes: the six towns of a small
//! consortium and one town considering joining, with the headers `share`
//! reads without a warning, so that a secretariat fills in its own figures.

use rust_xlsxwriter::{Format, FormatBorder};

use crate::model::Lang;

/// (town, population, current cost over five years in thousand yen,
/// businesses, status): the member towns of `samples/`, and one candidate.
pub const TOWNS: [(&str, f64, f64, f64, &str); 7] = [
    ("桜川町", 18_420.0, 186_500.0, 22.0, ""),
    ("北見沢村", 3_980.0, 68_200.0, 18.0, ""),
    ("南原町", 12_650.0, 142_800.0, 22.0, ""),
    ("青葉町", 24_310.0, 231_400.0, 25.0, ""),
    ("深山村", 5_270.0, 82_900.0, 18.0, ""),
    ("西ノ宮町", 9_840.0, 121_300.0, 20.0, ""),
    ("東山村", 4_150.0, 71_600.0, 18.0, "加入予定"),
];

/// The members workbook, in `lang`'s headers, dated `created` (Unix seconds).
pub fn members_workbook(lang: Lang, created: i64) -> anyhow::Result<Vec<u8>> {
    let mut wb = crate::write::xlsx::new_workbook("", created)?;
    let sheet = wb.add_worksheet();
    sheet.set_name(lang.pick("構成団体", "Members"))?;
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_background_color("D9E1F2")
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let text = Format::new().set_border(FormatBorder::Thin);
    let count = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0");
    sheet.write_string_with_format(
        0,
        0,
        lang.pick(
            "構成団体一覧（人口・現行経費）",
            "Member towns (population, current cost)",
        ),
        &title,
    )?;
    sheet.write_string(
        1,
        0,
        lang.pick(
            "※ 現行経費は按分総額と同じ期間（例：5年間）の金額。区分は構成団体なら空欄、加入を検討中の団体は「加入予定」",
            "Current cost for the same period as the total (e.g. five years). Status: blank for a member, 加入予定 for a town considering joining.",
        ),
    )?;
    let headers = match lang {
        Lang::Ja => ["団体名", "人口", "現行経費（千円）", "利用業務数", "区分"],
        Lang::En => [
            "Member",
            "Population",
            "Current cost (千円)",
            "Businesses",
            "Status",
        ],
    };
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(3, c as u16, *h, &head)?;
    }
    for (r, (town, population, current, businesses, status)) in TOWNS.iter().enumerate() {
        let r = r as u32 + 4;
        sheet.write_string_with_format(r, 0, *town, &text)?;
        sheet.write_number_with_format(r, 1, *population, &count)?;
        sheet.write_number_with_format(r, 2, *current, &count)?;
        sheet.write_number_with_format(r, 3, *businesses, &count)?;
        sheet.write_string_with_format(r, 4, *status, &text)?;
    }
    for (c, w) in [14.0, 10.0, 16.0, 10.0, 10.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(4, 0)?;
    Ok(wb.save_to_buffer()?)
}
