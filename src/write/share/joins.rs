//! 加入試算 (割り勘効果): one block per candidate town — every member's share
//! before and after it joins, and what the candidate itself would pay and
//! save — so that an accession is negotiated on figures, not impressions.

use rust_xlsxwriter::{RowNum, Worksheet};

use super::{Sheet, percent_text, yen};
use crate::analyze::share::Join;
use crate::write::xlsx::format::{write_number, write_text};
use crate::write::xlsx::layout::{Columns, cell, header_row, print_setup};

pub fn write(ws: &mut Worksheet, sh: &Sheet) -> anyhow::Result<()> {
    let l = &sh.labels().share;
    let s = &sh.styles;
    ws.set_name(&l.sheet_joins)?;
    let mut cols = Columns::new(
        std::iter::once((10, 24))
            .chain(std::iter::repeat_n((10, 16), 8))
            .collect(),
    );
    write_text(ws, 0, 0, &l.sheet_joins, &s.title)?;
    let mut row: RowNum = 2;
    if sh.report.outcome.joins.is_empty() {
        write_text(ws, row, 0, &l.no_candidates, &s.note)?;
    }
    for join in &sh.report.outcome.joins {
        row = block(ws, sh, &mut cols, join, row)? + 2;
    }
    cols.apply(ws)?;
    print_setup(ws, sh, (0, 0))
}

/// One candidate's block from `row`; returns the row after it.
fn block(
    ws: &mut Worksheet,
    sh: &Sheet,
    cols: &mut Columns,
    join: &Join,
    mut row: RowNum,
) -> anyhow::Result<RowNum> {
    let l = &sh.labels().share;
    let s = &sh.styles;
    let candidate = sh.town(join.candidate);
    let title = sh.say(&l.join_title, &[("candidate", candidate)]);
    write_text(ws, row, 0, &title, &s.section)?;
    row += 1;
    for (label, amount) in [
        (&l.join_cost, sh.settings.share.join_cost),
        (&l.join_total, join.split.total),
    ] {
        write_text(ws, row, 0, label, &sh.label)?;
        write_number(ws, row, 3, amount, Some(&sh.yen))?;
        row += 1;
    }
    if let Some(g) = join.split.guarantee.as_ref().filter(|g| !g.feasible) {
        let text = sh.say(
            &l.guarantee_infeasible,
            &[
                ("min_saving", &percent_text(g.min_saving)),
                ("shortfall", &yen(g.shortfall)),
                (
                    "max_feasible",
                    &percent_text(join.split.max_feasible.max(0.0)),
                ),
            ],
        );
        write_text(ws, row, 0, &text, &s.emphasis)?;
        row += 1;
    }
    let headers = [&l.member, &l.share_before, &l.share_after, &l.change];
    header_row(ws, cols, (row, 0), headers, &s.header)?;
    row += 1;
    for &(town, before, after) in &join.members {
        cell(ws, cols, (row, 0), sh.town(town), &s.text)?;
        write_number(ws, row, 1, before, Some(&sh.yen))?;
        write_number(ws, row, 2, after, Some(&sh.yen))?;
        write_number(ws, row, 3, after - before, Some(&sh.yen))?;
        row += 1;
    }
    let c = &join.candidate_cost;
    cell(
        ws,
        cols,
        (row, 0),
        &format!("{candidate}{}", l.candidate_row),
        &s.bold,
    )?;
    write_text(ws, row, 1, "", &s.text)?;
    write_number(ws, row, 2, c.share, Some(&sh.yen))?;
    write_text(ws, row, 3, "", &s.text)?;
    row += 2;

    let headers = [l.member.as_str(), l.current.as_str()]
        .into_iter()
        .chain(sh.cost_headers());
    header_row(ws, cols, (row, 0), headers, &s.header)?;
    row += 1;
    cell(ws, cols, (row, 0), candidate, &s.text)?;
    let current = (Some(sh.report.towns[join.candidate].current), &sh.yen);
    let figures: Vec<_> = std::iter::once(current).chain(sh.cost_figures(c)).collect();
    sh.write_figures(ws, (row, 1), &figures)?;
    Ok(row + 1)
}
