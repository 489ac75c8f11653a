//! Decisions (裁定): what the committee ruled, and what each ruling did
//! (SPEC §11). Written only when a decisions file was given.
//!
//! ```text
//!   選定委員会の裁定
//!   裁定ファイル: 裁定.xlsx
//!   裁定の一覧
//!   行 | 事業者 | 要件ID | 回答 | 裁定 | 理由 | 決定日 | 適用 | 適用した回答数 | 裁定前の水準 | 裁定後の水準
//!   2  | 北日本 | （全要件）| ○ | 標準 | 質疑回答No.12で確認 | … | 適用 | 18 | 代替・運用 18件 | 標準機能
//!   事業者別の評価点
//!   事業者 | 適用した回答数 | 裁定前の評価点 | 裁定後の評価点 | 増減
//!   裁定された回答
//!   事業者 | 要件ID | 回答 | 裁定前の水準 | 裁定後の水準 | 配点 | 裁定前の得点 | 裁定後の得点 | 裁定の行
//! ```
//!
//! The last table lets a committee redo every change by hand: each ruled
//! answer's points before and after, whose differences add up to the
//! vendor's change of score.

use rust_xlsxwriter::{RowNum, Worksheet};

use super::Ctx;
use super::format::{write_number, write_text};
use super::layout::{Columns, cell, header_row, print_setup};
use crate::model::{Decision, DecisionResults, Decisions, Level, LevelCounts};
use crate::normalize::Legend;
use crate::write::labels::fill;

/// Writes the sheet; `decisions` and `results` are the run's (both present
/// whenever a decisions file was read).
pub fn write(
    ws: &mut Worksheet,
    ctx: &Ctx,
    decisions: &Decisions,
    results: &DecisionResults,
) -> anyhow::Result<()> {
    let l = &ctx.labels.decisions;
    let s = &ctx.styles;
    ws.set_name(&l.sheet)?;
    let mut cols = Columns::new(vec![
        (6, 24),
        (10, 30),
        (8, 16),
        (6, 12),
        (8, 14),
        (12, 40),
        (8, 14),
        (8, 24),
        (8, 12),
        (12, 24),
        (10, 14),
    ]);

    let mut row: RowNum = 0;
    write_text(ws, row, 0, &l.title, &s.title)?;
    row += 1;
    let source = fill(&l.source, &[("file", &decisions.file)]);
    write_text(ws, row, 0, &source, &s.note)?;
    row += 1;
    for text in [&l.note, &l.rule] {
        write_text(ws, row, 0, text, &s.note)?;
        row += 1;
    }
    row += 1;

    write_text(ws, row, 0, &l.rows, &s.section)?;
    row += 1;
    let header = row;
    let headers = [
        &l.place,
        &l.vendor,
        &l.requirement,
        &l.code,
        &l.ruling,
        &l.reason,
        &l.date,
        &l.status,
        &l.changed,
        &l.before,
        &l.after,
    ];
    header_row(ws, &mut cols, (row, 0), headers, &s.header)?;
    row += 1;
    for (d, effect) in decisions.rows.iter().zip(&results.rows) {
        let place = format!("{}!{}", d.sheet, d.row);
        cell(ws, &mut cols, (row, 0), &place, &s.text)?;
        cell(ws, &mut cols, (row, 1), vendor(ctx, d), &s.bold)?;
        cell(ws, &mut cols, (row, 2), &requirement(ctx, d), &s.text)?;
        let code = if d.code.is_empty() {
            &l.all_codes
        } else {
            &d.code
        };
        cell(ws, &mut cols, (row, 3), code, &s.text)?;
        match d.ruling {
            Some(level) => cell(
                ws,
                &mut cols,
                (row, 4),
                ctx.labels.level(level),
                s.level(level),
            )?,
            None => cell(ws, &mut cols, (row, 4), &d.ruling_text, &s.text)?,
        }
        cell(ws, &mut cols, (row, 5), &d.reason, &s.text)?;
        cell(ws, &mut cols, (row, 6), &d.date, &s.text)?;
        let status = if d.valid { &l.applied } else { &l.not_applied };
        cell(ws, &mut cols, (row, 7), status, &s.text)?;
        write_number(ws, row, 8, effect.changed as f64, Some(&s.integer))?;
        cell(
            ws,
            &mut cols,
            (row, 9),
            &levels_before(ctx, &effect.before),
            &s.text,
        )?;
        let after = match d.ruling {
            Some(level) if d.valid => ctx.labels.level(level),
            _ => "",
        };
        cell(ws, &mut cols, (row, 10), after, &s.text)?;
        row += 1;
    }
    if decisions.rows.is_empty() {
        write_text(ws, row, 0, &l.none, &s.note)?;
        row += 1;
    }
    row += 1;

    write_text(ws, row, 0, &l.scores, &s.section)?;
    row += 1;
    let headers = [
        &l.vendor,
        &l.changed,
        &l.score_before,
        &l.score_after,
        &l.difference,
    ];
    header_row(ws, &mut cols, (row, 1), headers, &s.header)?;
    row += 1;
    for v in &ctx.analysis.vendors {
        let changed = decisions.ruled.get(v.vendor.index()).map_or(0, Vec::len);
        let before = results.score_before[v.vendor.index()];
        cell(ws, &mut cols, (row, 1), ctx.vendor_label(v.vendor), &s.bold)?;
        write_number(ws, row, 2, changed as f64, Some(&s.integer))?;
        write_number(ws, row, 3, before, Some(&s.number))?;
        write_number(ws, row, 4, v.score, Some(&s.number))?;
        // The change as the two printed scores give it, without the binary
        // noise of a subtraction (-0.8, not -0.7999999999999983).
        let change = ((v.score - before) * 1e9).round() / 1e9;
        write_number(ws, row, 5, change, Some(&s.number))?;
        row += 1;
    }
    write_text(ws, row, 1, &l.score_rule, &s.note)?;
    row += 2;

    write_text(ws, row, 0, &l.answers, &s.section)?;
    row += 1;
    let headers = [
        &l.vendor,
        &l.requirement,
        &l.code,
        &l.before,
        &l.after,
        &l.weight,
        &l.points_before,
        &l.points_after,
        &l.row_of,
    ];
    header_row(ws, &mut cols, (row, 1), headers, &s.header)?;
    row += 1;
    let legend = Legend::new(&ctx.settings.legend);
    for v in &ctx.analysis.vendors {
        let ruled = decisions
            .ruled
            .get(v.vendor.index())
            .map_or(&[][..], Vec::as_slice);
        for r in ruled {
            let d = &decisions.rows[r.row];
            let after = d.ruling.unwrap_or(Level::Invalid);
            let weight = ctx.inputs.requirements[r.requirement.index()].weight;
            cell(ws, &mut cols, (row, 1), ctx.vendor_label(v.vendor), &s.text)?;
            cell(ws, &mut cols, (row, 2), ctx.id(r.requirement), &s.text)?;
            cell(ws, &mut cols, (row, 3), &r.code, &s.text)?;
            cell(
                ws,
                &mut cols,
                (row, 4),
                ctx.labels.level(r.before),
                s.level(r.before),
            )?;
            cell(
                ws,
                &mut cols,
                (row, 5),
                ctx.labels.level(after),
                s.level(after),
            )?;
            write_number(ws, row, 6, weight, Some(&s.number))?;
            write_number(
                ws,
                row,
                7,
                weight * legend.factor(r.before),
                Some(&s.number),
            )?;
            write_number(ws, row, 8, v.points[r.requirement.index()], Some(&s.number))?;
            let place = format!("{}!{}", d.sheet, d.row);
            cell(ws, &mut cols, (row, 9), &place, &s.text)?;
            row += 1;
        }
    }

    cols.apply(ws)?;
    ws.set_freeze_panes(header + 1, 0)?;
    print_setup(ws, ctx, (header, header))
}

/// The vendor of a row: its evaluated name, or the name as written when it
/// matched none.
fn vendor<'a>(ctx: &'a Ctx, d: &'a Decision) -> &'a str {
    match d.vendor {
        Some(v) => ctx.vendor_label(v),
        None => &d.vendor_text,
    }
}

/// The requirement of a row: its ID, as written when unknown, or "all".
fn requirement(ctx: &Ctx, d: &Decision) -> String {
    match d.requirement {
        Some(r) => ctx.id(r).to_string(),
        None if d.id_text.is_empty() => ctx.labels.decisions.all_requirements.clone(),
        None => d.id_text.clone(),
    }
}

/// The levels the ruled answers had, with their counts: `代替・運用 18件`.
fn levels_before(ctx: &Ctx, before: &LevelCounts) -> String {
    let words: Vec<String> = (Level::ALL.into_iter())
        .filter(|&level| before.get(level) > 0)
        .map(|level| {
            fill(
                &ctx.labels.decisions.level_count,
                &[
                    ("level", ctx.labels.level(level)),
                    ("count", &before.get(level).to_string()),
                ],
            )
        })
        .collect();
    words.join(&ctx.labels.common.list_separator)
}
