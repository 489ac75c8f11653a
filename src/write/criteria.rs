//! The starter criteria workbook (評価基準) `fairbid init` writes: the
//! items a committee scores a core-system (基幹系) proposal on, with what
//! the evaluators look at and the points of each, in the form
//! `evaluate --criteria` and `template --scoresheet` read.

use anyhow::Result;
use rust_xlsxwriter::{Format, FormatBorder};

use super::xlsx::new_workbook;
use crate::model::Lang;

/// (ID, 区分, 評価項目, 評価の視点, 配点) in Japanese and English.
type Item = (&'static str, &'static str, &'static str, &'static str, f64);

const ITEMS_JA: &[Item] = &[
    (
        "1",
        "提案者の能力",
        "導入実績",
        "同規模の団体（人口3万〜10万人）での稼働実績、共同利用（自治体クラウド）での運用実績",
        15.0,
    ),
    (
        "2",
        "提案者の能力",
        "実施体制",
        "プロジェクト責任者と要員の経験・配置、構成団体ごとの窓口と連絡体制",
        15.0,
    ),
    (
        "3",
        "提案内容",
        "移行計画",
        "現行システムからのデータ移行の手順と検証方法、並行稼働と切替の計画、構成団体の作業負担",
        20.0,
    ),
    (
        "4",
        "提案内容",
        "操作性",
        "窓口職員が迷わず使える画面構成、検索・入力の効率、操作ヘルプ",
        15.0,
    ),
    (
        "5",
        "提案内容",
        "セキュリティ",
        "個人情報の保護、アクセス制御と操作ログ、LGWAN接続系での運用への対応",
        15.0,
    ),
    (
        "6",
        "提案内容",
        "運用保守",
        "障害時の連絡・復旧の目標時間、法改正への対応方針、ヘルプデスクの受付時間",
        10.0,
    ),
    (
        "7",
        "提案内容",
        "研修",
        "職員研修の内容と回数、操作マニュアルの整備、異動者向けの研修",
        10.0,
    ),
];

const ITEMS_EN: &[Item] = &[
    (
        "1",
        "Capability",
        "Track record",
        "Systems running in towns of similar size (30,000–100,000 people) and in shared use by several towns",
        15.0,
    ),
    (
        "2",
        "Capability",
        "Project team",
        "Experience and assignment of the project manager and staff; a contact for each member town",
        15.0,
    ),
    (
        "3",
        "Proposal",
        "Migration plan",
        "How data moves from the current system and is checked; parallel running and cut-over; work left to the towns",
        20.0,
    ),
    (
        "4",
        "Proposal",
        "Usability",
        "Screens counter staff use without hesitation; efficient search and entry; help",
        15.0,
    ),
    (
        "5",
        "Proposal",
        "Security",
        "Protection of personal data, access control and logs, operation on the LGWAN segment",
        15.0,
    ),
    (
        "6",
        "Proposal",
        "Operation and support",
        "Target times to answer and recover from failures, legal changes, help-desk hours",
        10.0,
    ),
    (
        "7",
        "Proposal",
        "Training",
        "Staff training and its frequency, manuals, training for staff who change posts",
        10.0,
    ),
];

/// The starter criteria: a title row, a blank row, the header, the items,
/// and a total row (which the reader passes over); dated `created`.
pub fn starter_criteria(lang: Lang, created: i64) -> Result<Vec<u8>> {
    let title = lang.pick("提案評価基準（記入例）", "Evaluation criteria (example)");
    let mut wb = new_workbook(title, created)?;
    let sheet = wb.add_worksheet();
    sheet.set_name(lang.pick("評価基準", "Criteria"))?;
    let bold = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_background_color("D9E1F2")
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let total = cell.clone().set_bold();
    sheet.write_string_with_format(0, 0, title, &bold)?;
    let headers = match lang {
        Lang::Ja => ["評価項目番号", "区分", "評価項目", "評価の視点", "配点"],
        Lang::En => ["Item ID", "Group", "Item", "Viewpoint", "Max"],
    };
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &head)?;
    }
    let items = match lang {
        Lang::Ja => ITEMS_JA,
        Lang::En => ITEMS_EN,
    };
    for (r, (id, group, item, viewpoint, max)) in items.iter().enumerate() {
        let r = 3 + r as u32;
        for (c, text) in [id, group, item, viewpoint].into_iter().enumerate() {
            sheet.write_string_with_format(r, c as u16, *text, &cell)?;
        }
        sheet.write_number_with_format(r, 4, *max, &cell)?;
    }
    let r = 3 + items.len() as u32;
    sheet.write_string_with_format(r, 2, lang.pick("合計", "Total"), &total)?;
    let sum: f64 = items.iter().map(|i| i.4).sum();
    sheet.write_number_with_format(r, 4, sum, &total)?;
    for (c, w) in [12.0, 14.0, 16.0, 60.0, 8.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.set_freeze_panes(3, 0)?;
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::committee::read_criteria;
    use crate::read::workbook::read_sheets;
    use crate::settings::Settings;

    fn read(lang: Lang) -> (Vec<crate::model::Criterion>, Vec<crate::model::Finding>) {
        let bytes = starter_criteria(lang, 0).unwrap();
        let wb = crate::read::workbook::Workbook {
            path: "criteria.xlsx".into(),
            file: "criteria.xlsx".into(),
            sha256: String::new(),
            sheets: read_sheets(&bytes, &Settings::default()).unwrap(),
        };
        let mut findings = Vec::new();
        (read_criteria(&wb, 0, &mut findings), findings)
    }

    #[test]
    fn the_starter_criteria_read_back_without_a_finding() {
        for lang in [Lang::Ja, Lang::En] {
            let (criteria, findings) = read(lang);
            assert_eq!(findings, []);
            assert_eq!(criteria.len(), 7);
            assert_eq!(criteria.iter().map(|c| c.max).sum::<f64>(), 100.0);
            assert_eq!(criteria[2].max, 20.0);
        }
        let items: Vec<String> = read(Lang::Ja).0.into_iter().map(|c| c.item).collect();
        assert_eq!(
            items,
            [
                "導入実績",
                "実施体制",
                "移行計画",
                "操作性",
                "セキュリティ",
                "運用保守",
                "研修"
            ]
        );
    }
}
