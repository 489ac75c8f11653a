//! A vendor's dossier (`evaluate --dossiers DIR`): what the committee sends
//! one vendor at the debriefing — its own answers, its score and rank, and the
//! requirements where it alone was capable or where it failed a mandatory
//! requirement.
//!
//! ```text
//!   評価結果                         回答と得点                              特記事項
//!   個別評価結果: A社                要件ID | 要件 | … | 回答 | 得点 | 特記   要件ID | 要件 | 回答 | 区分 | 説明
//!   順位 | 1位（3社中）              R-001  | …    | … | ◎    | 3    |        R-004  | …    | ○    | 貴社のみ対応可能（F01） | …
//!   評価点 | 7.7 …                                                           貴社回答書の検証結果 …
//! ```
//!
//! Nothing of another vendor may reach the file, not even by a label that
//! reads the whole evaluation: the sheets are written from the vendor's
//! [`OwnView`], which holds this vendor alone (its answers, its result, its
//! notes, the problems found in its own file) and never the evaluation.

use rust_xlsxwriter::{RowNum, Worksheet};

use super::RunInfo;
use super::labels::fill;
use super::roster::{Note, OwnView};
use super::xlsx::format::{write_number, write_text};
use super::xlsx::layout::{Columns, cell, header_row, print_setup};
use super::xlsx::{Page, new_workbook};
use crate::model::{Cost, Lang, Level};
use crate::write::labels::{DossierLabels, Labels};

/// The header row of the Answers and Notes sheets, under the title.
const HEADER_ROW: RowNum = 1;

/// The file name of a vendor's dossier, `A社_個別評価.xlsx`: never the name
/// of the vendor's own response, so that a dossier folder equal to the
/// responses folder cannot overwrite one.
pub fn dossier_file_name(vendor: &str, lang: Lang) -> anyhow::Result<String> {
    let labels = Labels::load(lang)?;
    let stem = fill(&labels.dossier.file, &[("vendor", vendor)]);
    // A vendor name is a file stem already; keep it a single path component.
    let stem: String = stem
        .chars()
        .map(|c| if matches!(c, '/' | '\\') { '_' } else { c })
        .collect();
    Ok(format!("{stem}.xlsx"))
}

/// The dossier of one vendor, from its own view of the evaluation.
pub fn dossier_workbook(view: &OwnView, run: &RunInfo) -> anyhow::Result<Vec<u8>> {
    let page = Page::new(run)?;
    let mut wb = new_workbook(&page.title, run.created)?;
    summary(wb.add_worksheet(), &page, view)?;
    answers(wb.add_worksheet(), &page, view)?;
    notes(wb.add_worksheet(), &page, view)?;
    Ok(wb.save_to_buffer()?)
}

/// How a note reads.
fn note_label(note: Note, d: &DossierLabels) -> &str {
    match note {
        Note::Knockout => &d.note_knockout,
        Note::SoleCapable => &d.note_sole,
    }
}

/// The Result sheet: rank, score and counts.
fn summary(ws: &mut Worksheet, ctx: &Page, view: &OwnView) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let d = &l.dossier;
    let s = &ctx.styles;
    let v = view.result;
    ws.set_name(&d.summary_sheet)?;
    let mut cols = Columns::new(vec![(16, 36), (14, 50)]);

    let title = fill(&d.title, &[("vendor", &view.name)]);
    write_text(ws, 0, 0, &title, &s.title)?;
    ws.set_row_height(0, 22)?;
    write_text(
        ws,
        1,
        0,
        &format!("{}: {}", l.common.date, ctx.date),
        &s.note,
    )?;
    write_text(ws, 2, 0, &ctx.title, &s.note)?;
    write_text(ws, 3, 0, &d.scope, &s.emphasis)?;
    write_text(ws, 4, 0, &l.summary.fit_note, &s.note)?;

    let mut row: RowNum = 6;
    write_text(ws, row, 0, &l.summary.ranking, &s.section)?;
    row += 1;
    let first = row;
    let rank = fill(
        &d.rank_value,
        &[
            ("rank", &v.rank.to_string()),
            ("count", &view.evaluated.to_string()),
        ],
    );
    let compliance = if v.compliant {
        (&l.summary.compliant, s.level(Level::Standard))
    } else {
        (&l.summary.non_compliant, s.level(Level::Unsupported))
    };
    let cost = fill(
        &l.summary.cost,
        &[("tax", l.tax_basis(&ctx.settings.tax_basis))],
    );
    let knockouts: Vec<&str> = (v.knockouts.iter())
        .map(|r| view.requirements[r.index()].id.as_str())
        .collect();
    let knockouts = knockouts.join(&l.common.list_separator);

    label(ws, &mut cols, row, &l.summary.rank, ctx)?;
    cell(ws, &mut cols, (row, 1), &rank, &s.bold)?;
    row += 1;
    label(ws, &mut cols, row, &l.summary.score, ctx)?;
    write_number(ws, row, 1, v.score, Some(&s.number))?;
    row += 1;
    label(ws, &mut cols, row, &l.summary.max, ctx)?;
    write_number(ws, row, 1, v.max_score, Some(&s.number))?;
    row += 1;
    label(ws, &mut cols, row, &l.summary.percent, ctx)?;
    write_number(ws, row, 1, v.percent, Some(&s.percent))?;
    row += 1;
    label(ws, &mut cols, row, &l.summary.compliance, ctx)?;
    cell(ws, &mut cols, (row, 1), compliance.0, compliance.1)?;
    row += 1;
    label(ws, &mut cols, row, &d.knockout_count, ctx)?;
    cell(ws, &mut cols, (row, 1), &knockouts, &s.text)?;
    row += 1;
    label(ws, &mut cols, row, &d.sole_count, ctx)?;
    let sole = (view.notes.iter())
        .filter(|&&k| k == Some(Note::SoleCapable))
        .count() as f64;
    write_number(ws, row, 1, sole, Some(&s.integer))?;
    row += 1;
    label(ws, &mut cols, row, &cost, ctx)?;
    write_number(ws, row, 1, v.customization_cost, Some(&s.yen))?;
    row += 1;
    label(ws, &mut cols, row, &l.summary.cost_unknown, ctx)?;
    let unknown = v.customization_cost_unknown as f64;
    write_number(ws, row, 1, unknown, Some(&s.integer))?;
    row += 2;

    write_text(ws, row, 0, &d.level_counts, &s.section)?;
    row += 1;
    header_row(ws, &mut cols, (row, 0), [&d.level, &d.count], &s.header)?;
    row += 1;
    for level in Level::ALL {
        cell(ws, &mut cols, (row, 0), l.level(level), s.level(level))?;
        let n = v.levels.get(level) as f64;
        write_number(ws, row, 1, n, Some(&s.integer))?;
        row += 1;
    }
    cols.apply(ws)?;
    print_setup(ws, ctx, (first, first))
}

/// A row label of the Result sheet.
fn label(
    ws: &mut Worksheet,
    cols: &mut Columns,
    row: RowNum,
    text: &str,
    ctx: &Page,
) -> anyhow::Result<()> {
    cell(ws, cols, (row, 0), text, &ctx.styles.header)
}

/// The Answers sheet: every requirement, the vendor's answer and points.
fn answers(ws: &mut Worksheet, ctx: &Page, view: &OwnView) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let d = &l.dossier;
    let m = &l.matrix;
    let s = &ctx.styles;
    let v = view.result;
    ws.set_name(&d.answers_sheet)?;
    let mut cols = Columns::new(vec![
        (8, 14),
        (8, 16),
        (8, 20),
        (24, 50),
        (6, 8),
        (4, 6),
        // Room for a ruled answer: `○ → カスタマイズ`.
        (4, 16),
        (8, 12),
        (4, 8),
        (10, 16),
        (10, 36),
        (10, 24),
    ]);
    write_text(ws, 0, 0, &d.answers_title, &s.title)?;
    let headers: [&str; 12] = [
        &m.id,
        &m.area,
        &m.category,
        &m.text,
        &m.priority,
        &m.weight,
        &m.code,
        &d.level,
        &m.points,
        &d.cost,
        &m.remarks,
        &d.note,
    ];
    header_row(ws, &mut cols, (HEADER_ROW, 0), headers, &s.header)?;
    let mut row = HEADER_ROW + 1;
    for (i, (req, kind)) in view.requirements.iter().zip(&view.notes).enumerate() {
        let answer = view.answer(i);
        cell(ws, &mut cols, (row, 0), &req.id, &s.text)?;
        cell(ws, &mut cols, (row, 1), &req.area, &s.text)?;
        cell(ws, &mut cols, (row, 2), &req.category, &s.text)?;
        cell(ws, &mut cols, (row, 3), &req.text, &s.text)?;
        cell(ws, &mut cols, (row, 4), l.priority(req.priority), &s.text)?;
        write_number(ws, row, 5, req.weight, Some(&s.number))?;
        let level = s.level(answer.level);
        // A ruled answer shows the code as written and the ruled level, as
        // the evaluation's Matrix does.
        let code = match view.ruled[i] {
            Some(ruled) => fill(
                &l.decisions.matrix_mark,
                &[("code", view.code(i)), ("level", l.level(ruled))],
            )
            .trim()
            .to_string(),
            None => view.code(i).to_string(),
        };
        cell(ws, &mut cols, (row, 6), &code, level)?;
        cell(ws, &mut cols, (row, 7), l.level(answer.level), level)?;
        let points = v.points[i];
        write_number(ws, row, 8, points, Some(&s.number))?;
        match &answer.cost {
            Cost::Yen(yen) => write_number(ws, row, 9, *yen, Some(&s.yen))?,
            Cost::Unknown(text) => cell(ws, &mut cols, (row, 9), text, &s.text)?,
            Cost::NotStated => cell(ws, &mut cols, (row, 9), "", &s.text)?,
        }
        cell(ws, &mut cols, (row, 10), &answer.remarks, &s.text)?;
        let mut note = kind.map_or(String::new(), |k| note_label(k, d).to_string());
        if let Some(ruled) = view.ruled[i] {
            if !note.is_empty() {
                note.push_str(&l.common.list_separator);
            }
            note.push_str(&fill(&d.note_ruled, &[("level", l.level(ruled))]));
        }
        cell(ws, &mut cols, (row, 11), &note, &s.text)?;
        row += 1;
    }
    cols.apply(ws)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.autofilter(HEADER_ROW, 0, row.max(HEADER_ROW + 1) - 1, 11)?;
    print_setup(ws, ctx, (HEADER_ROW, HEADER_ROW))
}

/// The Notes sheet: sole-capable and knocked-out requirements, then the
/// problems found in the vendor's own file.
fn notes(ws: &mut Worksheet, ctx: &Page, view: &OwnView) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let d = &l.dossier;
    let m = &l.matrix;
    let s = &ctx.styles;
    ws.set_name(&d.notes_sheet)?;
    let mut cols = Columns::new(vec![(8, 14), (24, 50), (6, 8), (4, 10), (12, 24), (24, 60)]);
    write_text(ws, 0, 0, &d.notes_title, &s.title)?;
    let headers: [&str; 6] = [
        &m.id,
        &m.text,
        &m.priority,
        &m.code,
        &d.kind,
        &d.explanation,
    ];
    header_row(ws, &mut cols, (HEADER_ROW, 0), headers, &s.header)?;
    let mut row = HEADER_ROW + 1;
    for (i, (req, kind)) in view.requirements.iter().zip(&view.notes).enumerate() {
        let Some(kind) = *kind else {
            continue;
        };
        let answer = view.answer(i);
        let explanation = match kind {
            Note::Knockout => fill(&d.explain_knockout, &[("level", l.level(answer.level))]),
            Note::SoleCapable => d.explain_sole.clone(),
        };
        cell(ws, &mut cols, (row, 0), &req.id, &s.text)?;
        cell(ws, &mut cols, (row, 1), &req.text, &s.text)?;
        cell(ws, &mut cols, (row, 2), l.priority(req.priority), &s.text)?;
        cell(ws, &mut cols, (row, 3), view.code(i), s.level(answer.level))?;
        cell(ws, &mut cols, (row, 4), note_label(kind, d), &s.text)?;
        cell(ws, &mut cols, (row, 5), &explanation, &s.text)?;
        row += 1;
    }
    if row == HEADER_ROW + 1 {
        write_text(ws, row, 0, &d.notes_none, &s.note)?;
        row += 1;
    }

    row += 1;
    write_text(ws, row, 0, &d.findings_title, &s.section)?;
    row += 1;
    let findings = &view.findings;
    if findings.is_empty() {
        write_text(ws, row, 0, &d.findings_none, &s.note)?;
    } else {
        // The columns of the table above, reused: the message in the wide
        // text column, the cell where the answer code stood.
        let vl = &l.validation;
        let headers = [&vl.sheet, &vl.message, &vl.severity, &vl.cell, &vl.value];
        header_row(ws, &mut cols, (row, 0), headers, &s.header)?;
        row += 1;
        for f in findings {
            let sheet = f.sheet.as_deref().unwrap_or("");
            cell(ws, &mut cols, (row, 0), sheet, &s.text)?;
            cell(ws, &mut cols, (row, 1), &l.finding_message(f), &s.text)?;
            let severity = l.finding_severity(f.severity);
            cell(ws, &mut cols, (row, 2), severity, s.finding(f.severity))?;
            cell(
                ws,
                &mut cols,
                (row, 3),
                f.cell.as_deref().unwrap_or(""),
                &s.text,
            )?;
            let value = f.value.as_deref().unwrap_or("");
            cell(ws, &mut cols, (row, 4), value, &s.text)?;
            row += 1;
        }
    }
    cols.apply(ws)?;
    print_setup(ws, ctx, (HEADER_ROW, HEADER_ROW))
}
