//! 個別カスタマイズ: the chosen vendor's customization as the split charged
//! it — each town's own (outside the split), the shared ones (in the
//! total), and those of unknown cost (in neither, to be asked for).

use rust_xlsxwriter::{RowNum, Worksheet};

use super::Sheet;
use crate::write::xlsx::format::{write_number, write_text};
use crate::write::xlsx::layout::{Columns, cell, header_row, print_setup};

pub fn write(ws: &mut Worksheet, sh: &Sheet) -> anyhow::Result<()> {
    let l = &sh.labels().share;
    let s = &sh.styles;
    let charges = &sh.report.outcome.charges;
    ws.set_name(&l.sheet_customization)?;
    let mut cols = Columns::new(vec![(10, 16), (10, 40), (12, 16)]);
    write_text(ws, 0, 0, &l.sheet_customization, &s.title)?;
    let Some(vendor) = sh.report.vendor else {
        write_text(ws, 2, 0, &l.no_evaluation, &s.note)?;
        cols.apply(ws)?;
        return print_setup(ws, sh, (0, 0));
    };
    write_text(
        ws,
        1,
        0,
        &sh.say(&l.vendor, &[("vendor", vendor)]),
        &sh.label,
    )?;
    let mut row: RowNum = 3;

    write_text(ws, row, 0, &l.individual_title, &s.section)?;
    row += 1;
    header_row(
        ws,
        &mut cols,
        (row, 0),
        [&l.requirement, &l.member, &l.cost],
        &s.header,
    )?;
    row += 1;
    for i in &charges.individual {
        cell(ws, &mut cols, (row, 0), &i.requirement, &s.text)?;
        cell(ws, &mut cols, (row, 1), sh.town(i.town), &s.text)?;
        write_number(ws, row, 2, i.cost, Some(&sh.yen))?;
        row += 1;
    }
    if charges.individual.is_empty() {
        write_text(ws, row, 0, &l.none, &s.note)?;
        row += 1;
    }

    row += 1;
    write_text(ws, row, 0, &l.shared_title, &s.section)?;
    row += 1;
    header_row(
        ws,
        &mut cols,
        (row, 0),
        [&l.requirement, &l.requested_by, &l.cost],
        &s.header,
    )?;
    row += 1;
    let separator = &sh.labels().common.list_separator;
    for shared in &charges.shared {
        let by = if shared.members.is_empty() {
            l.no_requester.clone()
        } else {
            shared.members.join(separator)
        };
        cell(ws, &mut cols, (row, 0), &shared.requirement, &s.text)?;
        cell(ws, &mut cols, (row, 1), &by, &s.text)?;
        write_number(ws, row, 2, shared.cost, Some(&sh.yen))?;
        row += 1;
    }
    if charges.shared.is_empty() {
        write_text(ws, row, 0, &l.none, &s.note)?;
    } else {
        cell(ws, &mut cols, (row, 1), &l.sum, &s.bold)?;
        write_number(ws, row, 2, charges.shared_total(), Some(&sh.yen))?;
    }
    row += 2;

    write_text(ws, row, 0, &l.unknown_title, &s.section)?;
    row += 1;
    header_row(ws, &mut cols, (row, 0), [&l.requirement], &s.header)?;
    row += 1;
    for id in &charges.unknown {
        cell(ws, &mut cols, (row, 0), id, &s.text)?;
        row += 1;
    }
    if charges.unknown.is_empty() {
        write_text(ws, row, 0, &l.none, &s.note)?;
    }
    cols.apply(ws)?;
    print_setup(ws, sh, (0, 0))
}
