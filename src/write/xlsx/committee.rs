//! Committee (委員評価, SPEC §13): every evaluator's score of every item and
//! vendor beside its aggregate, the committee ranking, the bias table and
//! the winner without each evaluator — with the rules in words, so that a
//! committee can redo any figure from the printed scores.
//!
//! ```text
//!   委員評価
//!   評価項目ごとの集計 = 評価した委員の得点の平均。…
//!   評価項目番号 | 評価項目 | 配点 | 提案者 | 委員A | 委員B | 委員C | 集計 | ばらつき(%) | 印
//!   1           | 導入実績 | 10   | A社    | 8     | 7     | 9     | 8    | 20          |
//!
//!   委員評価の順位          順位 | 提案者 | 委員評価点 | 満点 | 得点率(%)
//!   委員ごとの評価の偏り    評価委員 | A社 | B社 | L
//!   1人を除いた場合の1位    評価委員 | 除いた場合の1位 | 1位の変化
//! ```
//!
//! The marks come from the flags analysis raised; this writer compares no
//! figure with a threshold.

use rust_xlsxwriter::{ColNum, RowNum, Worksheet};

use super::Ctx;
use super::format::{bordered, coloured, flag_colors, write_number, write_text};
use super::layout::{Columns, cell, header_row, print_setup};
use crate::analyze::flags::points;
use crate::model::{
    CommitteeDetail, CommitteeInputs, CommitteeResult, EvaluatorId, FlagCode, FlagDetail,
    FlagSeverity, ItemIx, Lang, VendorId,
};

/// Writes the sheet when the run scored the committee; `false` otherwise.
pub fn write(ws: &mut Worksheet, ctx: &Ctx) -> anyhow::Result<bool> {
    let (Some(inputs), Some(result)) = (&ctx.inputs.committee, &ctx.analysis.committee) else {
        return Ok(false);
    };
    let l = &ctx.labels.committee;
    let s = &ctx.styles;
    ws.set_name(&l.sheet)?;
    // One column plan for every table: ID, item (and other texts), points
    // (and short words), vendor, one column per evaluator, then the
    // aggregate, the spread, the mark and the evaluators' comments.
    let mut limits = vec![(8, 12), (12, 36), (6, 12), (12, 36)];
    limits.extend(inputs.evaluators.iter().map(|_| (8, 14)));
    limits.extend([(8, 10), (8, 10), (5, 6), (12, 60)]);
    let mut cols = Columns::new(limits);

    write_text(ws, 0, 0, &l.title, &s.title)?;
    write_text(ws, 1, 0, &l.formula(&ctx.settings.committee), &s.note)?;
    let spread = points(ctx.settings.committee.spread * 100.0);
    let spread_note = crate::write::labels::fill(&l.spread_note, &[("spread", &spread)]);
    write_text(ws, 2, 0, &spread_note, &s.note)?;

    // The short tables first; the long one last, its header repeated on
    // every page it prints on, so no page shows another table's header.
    let mut row = ranking(ws, ctx, &mut cols, result, 4)?;
    row = bias_table(ws, ctx, &mut cols, inputs, result, row + 1)?;
    row = leave_one_out(ws, ctx, &mut cols, inputs, result, row + 1)?;
    write_text(ws, row + 1, 0, &l.scores, &s.section)?;
    let header = row + 2;
    scores_table(ws, ctx, &mut cols, inputs, result, header)?;

    cols.apply(ws)?;
    print_setup(ws, ctx, (header, header))?;
    Ok(true)
}

/// Whether analysis raised `code` with this detail's item or evaluator on `vendor`.
fn marked(
    ctx: &Ctx,
    code: FlagCode,
    vendor: VendorId,
    on: impl Fn(&CommitteeDetail) -> bool,
) -> bool {
    ctx.analysis.flags.iter().any(|f| {
        f.code == code
            && f.vendors.first() == Some(&vendor)
            && matches!(&f.detail, FlagDetail::Committee(d) if on(d))
    })
}

/// One row per item × vendor: each evaluator's score, the aggregate, the
/// spread and its F14 mark, and what the evaluators wrote on it (each
/// comment after its evaluator's name), under the header at `header`.
fn scores_table(
    ws: &mut Worksheet,
    ctx: &Ctx,
    cols: &mut Columns,
    inputs: &CommitteeInputs,
    result: &CommitteeResult,
    header: RowNum,
) -> anyhow::Result<()> {
    let l = &ctx.labels.committee;
    let s = &ctx.styles;
    let evaluators = inputs.evaluators.len() as ColNum;
    let mut headers: Vec<&str> = vec![&l.item_id, &l.item, &l.max, &l.vendor];
    headers.extend(inputs.evaluators.iter().map(|e| e.evaluator.as_str()));
    headers.extend([l.aggregate.as_str(), &l.spread, &l.mark, &l.comments]);
    header_row(ws, cols, (header, 0), &headers, &s.header)?;
    let (aggregate_col, spread_col) = (4 + evaluators, 5 + evaluators);
    let comment_col = spread_col + 2;
    let comments = comments_by_cell(inputs, ctx.inputs.vendors.len(), ctx.lang);
    let mut row = header + 1;
    let flag = s.flag(FlagSeverity::Medium);
    for (i, criterion) in inputs.criteria.iter().enumerate() {
        let item = ItemIx::new(i);
        for v in (0..ctx.inputs.vendors.len()).map(VendorId::new) {
            cell(ws, cols, (row, 0), &criterion.id, &s.text)?;
            cell(ws, cols, (row, 1), &criterion.item, &s.text)?;
            write_number(ws, row, 2, criterion.max, Some(&s.number))?;
            cell(ws, cols, (row, 3), ctx.vendor_label(v), &s.text)?;
            for e in 0..inputs.evaluators.len() {
                let score = inputs.score(EvaluatorId::new(e), item, v);
                let col = 4 + e as ColNum;
                write_number(ws, row, col, score.unwrap_or(f64::NAN), Some(&s.number))?;
            }
            let aggregate = result.items[i].aggregate[v.index()];
            let spread = result.items[i].spread[v.index()].map(|x| x * 100.0);
            write_number(
                ws,
                row,
                aggregate_col,
                aggregate.unwrap_or(f64::NAN),
                Some(&s.number),
            )?;
            write_number(
                ws,
                row,
                spread_col,
                spread.unwrap_or(f64::NAN),
                Some(&s.percent),
            )?;
            let spread_flag = |d: &CommitteeDetail| matches!(d, CommitteeDetail::Spread { item: it, .. } if *it == item);
            if marked(ctx, FlagCode::F14, v, spread_flag) {
                cell(ws, cols, (row, spread_col + 1), FlagCode::F14.code(), flag)?;
            } else {
                cell(ws, cols, (row, spread_col + 1), "", &s.text)?;
            }
            let said = &comments[i * ctx.inputs.vendors.len() + v.index()];
            cell(ws, cols, (row, comment_col), said, &s.text)?;
            row += 1;
        }
    }
    Ok(())
}

/// What the evaluators wrote on each item × vendor (index item × vendors
/// + vendor), one line per evaluator: `委員A_山田：…` (`: ` in English).
fn comments_by_cell(inputs: &CommitteeInputs, vendors: usize, lang: Lang) -> Vec<String> {
    let colon = lang.pick("：", ": ");
    let mut by_cell = vec![String::new(); inputs.criteria.len() * vendors];
    for sheet in &inputs.evaluators {
        for c in &sheet.comments {
            let said = &mut by_cell[c.item.index() * vendors + c.vendor.index()];
            if !said.is_empty() {
                said.push('\n');
            }
            said.push_str(&format!("{}{colon}{}", sheet.evaluator, c.text));
        }
    }
    by_cell
}

/// The committee ranking (no prices). Returns the next free row.
fn ranking(
    ws: &mut Worksheet,
    ctx: &Ctx,
    cols: &mut Columns,
    result: &CommitteeResult,
    mut row: RowNum,
) -> anyhow::Result<RowNum> {
    let l = &ctx.labels.committee;
    let s = &ctx.styles;
    write_text(ws, row, 0, &l.ranking, &s.section)?;
    row += 1;
    // Under the points and vendor columns of the scores table.
    let headers = [&l.rank, &l.vendor, &l.score, &l.max_score, &l.percent];
    header_row(ws, cols, (row, 2), headers, &s.header)?;
    row += 1;
    for v in &result.vendors {
        write_number(ws, row, 2, v.rank as f64, Some(&s.integer))?;
        cell(ws, cols, (row, 3), ctx.vendor_label(v.vendor), &s.text)?;
        write_number(ws, row, 4, v.score, Some(&s.number))?;
        write_number(ws, row, 5, v.max_score, Some(&s.number))?;
        write_number(ws, row, 6, 100.0 * v.score / v.max_score, Some(&s.percent))?;
        row += 1;
    }
    Ok(row)
}

/// B(e, v) in percent of the item points, a row per vendor and a column
/// per evaluator (the evaluator columns of the scores table), F15 marked;
/// each evaluator's leniency L below. Returns the next free row.
fn bias_table(
    ws: &mut Worksheet,
    ctx: &Ctx,
    cols: &mut Columns,
    inputs: &CommitteeInputs,
    result: &CommitteeResult,
    mut row: RowNum,
) -> anyhow::Result<RowNum> {
    let l = &ctx.labels.committee;
    let s = &ctx.styles;
    write_text(ws, row, 0, &l.bias, &s.section)?;
    row += 1;
    if inputs.evaluators.len() < 3 {
        write_text(ws, row, 0, &l.too_few, &s.note)?;
        return Ok(row + 1);
    }
    let threshold = points(ctx.settings.committee.bias * 100.0);
    let note = crate::write::labels::fill(&l.bias_note, &[("bias", &threshold)]);
    write_text(ws, row, 0, &note, &s.note)?;
    row += 1;
    let mut headers: Vec<&str> = vec![&l.vendor];
    headers.extend(inputs.evaluators.iter().map(|e| e.evaluator.as_str()));
    header_row(ws, cols, (row, 3), &headers, &s.header)?;
    row += 1;
    let marked_format = coloured(
        bordered().set_num_format("0.0"),
        flag_colors(FlagSeverity::High),
    );
    for v in (0..ctx.inputs.vendors.len()).map(VendorId::new) {
        cell(ws, cols, (row, 3), ctx.vendor_label(v), &s.text)?;
        for e in (0..inputs.evaluators.len()).map(EvaluatorId::new) {
            let b = (result.bias.iter())
                .find(|b| b.evaluator == e && b.vendor == v)
                .map_or(f64::NAN, |b| b.bias * 100.0);
            let on = |d: &CommitteeDetail| matches!(d, CommitteeDetail::Bias { evaluator, .. } if *evaluator == e);
            let format = match marked(ctx, FlagCode::F15, v, on) {
                true => &marked_format,
                false => &s.percent,
            };
            write_number(ws, row, 4 + e.index() as ColNum, b, Some(format))?;
        }
        row += 1;
    }
    cell(ws, cols, (row, 3), &l.leniency, &s.bold)?;
    for (e, leniency) in result.leniency.iter().enumerate() {
        let value = leniency.map_or(f64::NAN, |x| x * 100.0);
        write_number(ws, row, 4 + e as ColNum, value, Some(&s.percent))?;
    }
    Ok(row + 1)
}

/// The first-ranked vendor without each evaluator. Returns the next free row.
fn leave_one_out(
    ws: &mut Worksheet,
    ctx: &Ctx,
    cols: &mut Columns,
    inputs: &CommitteeInputs,
    result: &CommitteeResult,
    mut row: RowNum,
) -> anyhow::Result<RowNum> {
    let l = &ctx.labels.committee;
    let s = &ctx.styles;
    if result.leave_one_out.is_empty() {
        return Ok(row);
    }
    write_text(ws, row, 0, &l.leave_one_out, &s.section)?;
    row += 1;
    let winner = result.winner.map_or("", |w| ctx.vendor_label(w));
    // With prices the first is the award's (SPEC §13, F16).
    let note = match ctx.analysis.award {
        Some(_) => &l.loo_note_award,
        None => &l.loo_note,
    };
    let note = crate::write::labels::fill(note, &[("winner", winner)]);
    write_text(ws, row, 0, &note, &s.note)?;
    row += 1;
    header_row(
        ws,
        cols,
        (row, 2),
        [&l.evaluator, &l.winner, &l.changed],
        &s.header,
    )?;
    row += 1;
    for &(e, without) in &result.leave_one_out {
        cell(ws, cols, (row, 2), inputs.evaluator(e), &s.text)?;
        cell(
            ws,
            cols,
            (row, 3),
            without.map_or("", |w| ctx.vendor_label(w)),
            &s.text,
        )?;
        let decisive = ctx.analysis.flags.iter().any(|f| {
            f.code == FlagCode::F16
                && matches!(f.detail, FlagDetail::Committee(CommitteeDetail::Decisive { evaluator }) if evaluator == e)
        });
        let (text, format) = match decisive {
            true => (&l.changed_yes, s.flag(FlagSeverity::High)),
            false => (&l.changed_no, &s.text),
        };
        cell(ws, cols, (row, 4), text, format)?;
        row += 1;
    }
    Ok(row)
}
