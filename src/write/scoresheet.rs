//! The evaluator's scoresheet (委員評価表, `template --scoresheet`, SPEC §13):
//! what one evaluator fills in, and what `evaluate --scores` reads back
//! without a warning once every cell is scored.
//!
//! ```text
//! 表紙   委員評価表
//!        案件名     | ○○市基幹系システム
//!        評価委員名 | [          ]        (unlocked cells are filled in)
//!        評価日     | [          ]
//! 評価   評価項目番号 | 区分 | 評価項目 | 評価の視点 | 配点 | A社 | B社 | A社コメント | B社コメント
//!        1           | 実績 | 導入実績 | …         | 10   | [ ] | [ ] | [         ] | [         ]
//! ```
//!
//! The item cells are locked by sheet protection; a score cell takes only
//! a number from 0 to the item's points (data validation), or a grade from
//! a drop-down when `committee.grades` is set. The headers are the
//! scoresheet reader's own aliases, so the sheet reads back as written.

use rust_xlsxwriter::{
    ColNum, DataValidation, DataValidationRule, Format, ProtectionOptions, RowNum, Worksheet,
};

use super::RunInfo;
use super::committee_words::CommitteeLabels;
use super::labels::fill;
use super::xlsx::format::{bordered, fit_text, write_number, write_text};
use super::xlsx::layout::{Columns, cell, header_row, page_setup};
use super::xlsx::{Page, new_workbook};
use crate::analyze::flags::points;
use crate::model::Criterion;

/// Fill of the cells an evaluator fills in (as on the response form).
const INPUT_FILL: u32 = 0xFFF2CC;

/// Excel's limit on a validation message.
const MESSAGE_LIMIT: usize = 255;

/// The header row of the scores sheet (0-based).
pub const HEADER_ROW: RowNum = 2;

/// The scoresheet for `vendors` (their names, in order) over `criteria`.
pub fn scoresheet(
    criteria: &[Criterion],
    vendors: &[String],
    run: &RunInfo,
) -> anyhow::Result<Vec<u8>> {
    let page = Page::new(run)?;
    let l = &page.labels.committee;
    let mut wb = new_workbook(&l.scoresheet.title, run.created)?;
    cover(wb.add_worksheet(), &page)?;
    scores(wb.add_worksheet(), &page, criteria, vendors)?;
    let mut bytes = Vec::new();
    wb.save_to_writer(std::io::Cursor::new(&mut bytes))?;
    Ok(bytes)
}

fn input() -> Format {
    bordered()
        .set_background_color(rust_xlsxwriter::Color::RGB(INPUT_FILL))
        .set_unlocked()
}

/// Protection that still lets an evaluator widen columns and rows.
fn protection() -> ProtectionOptions {
    ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::new()
    }
}

/// The cover: the case, the evaluator's name and date to fill in, and how
/// to fill in the sheet.
fn cover(ws: &mut Worksheet, page: &Page) -> anyhow::Result<()> {
    let l: &CommitteeLabels = &page.labels.committee;
    let t = &l.scoresheet;
    let s = &page.styles;
    ws.set_name(&t.cover)?;
    let mut cols = Columns::new(vec![(14, 20), (40, 60)]);
    write_text(ws, 0, 0, &t.title, &s.title)?;
    cell(ws, &mut cols, (2, 0), &t.case, &s.bold)?;
    cell(ws, &mut cols, (2, 1), &page.title, &s.text)?;
    let field = input();
    for (row, label) in [(3, &t.evaluator), (4, &t.date)] {
        cell(ws, &mut cols, (row, 0), label, &s.bold)?;
        ws.write_blank(row, 1, &field)?;
    }
    write_text(ws, 6, 0, &t.instructions, &s.section)?;
    let settings = &page.settings.committee;
    let grades: Vec<String> = (settings.grades_in_order().into_iter())
        .map(|(code, share)| format!("{code} = {}%", points(share * 100.0)))
        .collect();
    let how = if grades.is_empty() {
        t.instructions_points.clone()
    } else {
        let grades = grades.join(&page.labels.common.list_separator);
        fill(&t.instructions_grades, &[("grades", &grades)])
    };
    let lines = [
        how,
        t.instructions_comment.clone(),
        t.instructions_blank.clone(),
        t.instructions_file.clone(),
        l.formula(settings),
    ];
    for (k, line) in lines.iter().enumerate() {
        let row = 7 + k as RowNum;
        write_text(ws, row, 0, &format!("{}.", k + 1), &s.note)?;
        write_text(ws, row, 1, line, &s.note)?;
    }
    cols.apply(ws)?;
    ws.protect_with_options(&protection());
    page_setup(ws, page)
}

/// The scores: one row per item, one score column per vendor, then one
/// comments column per vendor.
fn scores(
    ws: &mut Worksheet,
    page: &Page,
    criteria: &[Criterion],
    vendors: &[String],
) -> anyhow::Result<()> {
    let l: &CommitteeLabels = &page.labels.committee;
    let t = &l.scoresheet;
    let s = &page.styles;
    ws.set_name(&t.sheet)?;
    let first_score = 5 as ColNum;
    let first_comment = first_score + vendors.len() as ColNum;
    let mut limits = vec![(8, 12), (6, 12), (12, 24), (20, 40), (6, 6)];
    limits.extend(vendors.iter().map(|_| (8, 14)));
    limits.extend(vendors.iter().map(|_| (16, 30)));
    let mut cols = Columns::new(limits);

    write_text(ws, 0, 0, &t.title, &s.title)?;
    let mut headers = vec![
        l.item_id.clone(),
        l.group.clone(),
        l.item.clone(),
        l.viewpoint.clone(),
        l.max.clone(),
    ];
    headers.extend(vendors.iter().cloned());
    headers.extend(vendors.iter().map(|v| format!("{v}{}", t.comment_suffix)));
    header_row(ws, &mut cols, (HEADER_ROW, 0), &headers, &s.header)?;

    let (score, comment) = (input().set_num_format("0.##"), input().set_text_wrap());
    let grades = page.settings.committee.grades_in_order();
    let codes: Vec<&str> = grades.iter().map(|(code, _)| *code).collect();
    for (k, c) in criteria.iter().enumerate() {
        let row = HEADER_ROW + 1 + k as RowNum;
        for (col, text) in [&c.id, &c.group, &c.item, &c.viewpoint]
            .into_iter()
            .enumerate()
        {
            cell(ws, &mut cols, (row, col as ColNum), text, &s.text)?;
        }
        write_number(ws, row, 4, c.max, Some(&s.number))?;
        for v in 0..vendors.len() as ColNum {
            ws.write_blank(row, first_score + v, &score)?;
            ws.write_blank(row, first_comment + v, &comment)?;
        }
        if !vendors.is_empty() {
            let last = first_comment - 1;
            let rule = if codes.is_empty() {
                let message = fill(&t.invalid_points, &[("max", &points(c.max))]);
                DataValidation::new()
                    .allow_decimal_number(DataValidationRule::Between(0.0, c.max))
                    .set_error_message(fit_text(&message, MESSAGE_LIMIT))?
            } else {
                DataValidation::new()
                    .allow_list_strings(&codes)?
                    .set_error_message(fit_text(&t.invalid_grade, MESSAGE_LIMIT))?
            };
            let rule = rule.set_error_title(fit_text(&t.invalid_title, 32))?;
            ws.add_data_validation(row, first_score, row, last, &rule)?;
        }
    }
    cols.apply(ws)?;
    ws.set_freeze_panes(HEADER_ROW + 1, first_score)?;
    ws.protect_with_options(&protection());
    page_setup(ws, page)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::model::Lang;
    use crate::read::committee::{CRITERIA, SCORES_BY_ITEM};
    use crate::write::Labels;

    /// The scoresheet's headers are the reader's aliases in both languages,
    /// so a filled sheet reads back as written; the criteria's too, so a
    /// criteria workbook may be written with the same words.
    #[test]
    fn the_headers_are_the_readers_aliases() {
        for lang in [Lang::Ja, Lang::En] {
            let l = Labels::load(lang).unwrap().committee;
            let headers = [&l.item_id, &l.item, &l.viewpoint, &l.group, &l.max];
            for (position, header) in headers.into_iter().enumerate() {
                assert_eq!(
                    SCORES_BY_ITEM.column_of_header(header),
                    Some(position),
                    "{header}"
                );
                assert_eq!(
                    CRITERIA.column_of_header(header),
                    Some(position),
                    "{header}"
                );
            }
        }
    }
}
