//! Customization (カスタマイズ): the §6 tally and each member town's requests.
//!
//! ```text
//!   カスタマイズ集計
//!   費用は税抜・円。…
//!   要件ID | 業務 | 要件 | カスタマイズが必要なベンダー（費用） | 最小 | 中央値 | 最大 | 費用不明 | 要望団体 | 推奨対応
//!   R-010  | 税務 | …    | B社：¥500,000                        | ¥500,000 | …   |          | 甲町     | 運用で対応（ノンカスタマイズ）
//!
//!   構成団体別の要望
//!   団体 | 要件ID | 要件 | 推奨対応 | 要望件数
//!   甲町 | R-010  | …    | 運用で対応（ノンカスタマイズ） | 1
//! ```

use std::collections::HashMap;

use rust_xlsxwriter::{ColNum, RowNum, Worksheet};

use super::Ctx;
use super::format::{write_number, write_text, yen_text};
use super::layout::{Columns, cell, header, print_setup};
use crate::model::{CustomizationAdvice, MemberRequests};
use crate::write::labels::fill;

const COL_ID: ColNum = 0;
const COL_AREA: ColNum = 1;
const COL_TEXT: ColNum = 2;
const COL_VENDORS: ColNum = 3;
const COL_MIN: ColNum = 4;
const COL_MEDIAN: ColNum = 5;
const COL_MAX: ColNum = 6;
const COL_UNKNOWN: ColNum = 7;
const COL_MEMBERS: ColNum = 8;
const COL_ADVICE: ColNum = 9;

const HEADER_ROW: RowNum = 2;

pub fn write(ws: &mut Worksheet, ctx: &Ctx) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let c = &l.customization;
    let s = &ctx.styles;
    let a = ctx.analysis;
    let sep = l.common.list_separator.as_str();
    let colon = ctx.lang.pick("：", ": ");
    ws.set_name(&l.sheets.customization)?;
    let mut cols = Columns::new(vec![
        (8, 20),
        (8, 16),
        (20, 44),
        (16, 36),
        (11, 14),
        (11, 14),
        (11, 14),
        (6, 8),
        (10, 30),
        (12, 30),
    ]);

    write_text(ws, 0, 0, &c.title, &s.title)?;
    let note = fill(
        &c.cost_note,
        &[("tax", l.tax_basis(&ctx.settings.tax_basis))],
    );
    write_text(ws, 1, 0, &note, &s.note)?;
    let headers = [
        &c.id,
        &c.area,
        &c.text,
        &c.vendors,
        &c.cost_min,
        &c.cost_median,
        &c.cost_max,
        &c.cost_unknown,
        &c.members,
        &c.recommendation,
    ];
    for (i, text) in headers.into_iter().enumerate() {
        header(ws, &mut cols, (HEADER_ROW, i as ColNum), text, &s.header)?;
    }

    let mut row = HEADER_ROW + 1;
    for item in &a.customization {
        let Some(req) = ctx.inputs.requirements.get(item.requirement_index) else {
            continue;
        };
        cell(ws, &mut cols, (row, COL_ID), &req.id, &s.text)?;
        cell(ws, &mut cols, (row, COL_AREA), &req.area, &s.text)?;
        cell(ws, &mut cols, (row, COL_TEXT), &req.text, &s.text)?;
        // One vendor per line, each with its own cost.
        let vendors = item
            .vendors
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let cost = match item.vendor_costs.get(k).copied().flatten() {
                    Some(yen) => yen_text(yen),
                    None => c.unknown_cost.clone(),
                };
                format!("{v}{colon}{cost}")
            })
            .collect::<Vec<_>>()
            .join("\n");
        cell(ws, &mut cols, (row, COL_VENDORS), &vendors, &s.text)?;
        for (col, amount) in [
            (COL_MIN, item.cost_min),
            (COL_MEDIAN, item.cost_median),
            (COL_MAX, item.cost_max),
        ] {
            // No known cost: a formatted blank (`write_number` leaves NaN blank).
            write_number(ws, row, col, amount.unwrap_or(f64::NAN), Some(&s.yen))?;
        }
        let unknown = item.cost_unknown as f64;
        write_number(ws, row, COL_UNKNOWN, unknown, Some(&s.integer))?;
        cell(
            ws,
            &mut cols,
            (row, COL_MEMBERS),
            &item.members.join(sep),
            &s.text,
        )?;
        let format = match item.recommendation {
            CustomizationAdvice::None => &s.text,
            _ => &s.bold,
        };
        cell(
            ws,
            &mut cols,
            (row, COL_ADVICE),
            l.advice(item.recommendation),
            format,
        )?;
        row += 1;
    }
    if a.customization.is_empty() {
        write_text(ws, row, 0, &c.none, &s.note)?;
        row += 1;
    }
    let last_tally_row = row - 1;

    row += 1;
    write_text(ws, row, 0, &c.by_member_title, &s.section)?;
    row += 1;
    match &ctx.inputs.requests {
        None => write_text(ws, row, 0, &c.no_request_file, &s.note)?,
        Some(requests) => by_member(ws, ctx, &mut cols, row, requests)?,
    }

    cols.apply(ws)?;
    ws.autofilter(HEADER_ROW, 0, last_tally_row.max(HEADER_ROW), COL_ADVICE)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    print_setup(ws, ctx, (HEADER_ROW, HEADER_ROW))
}

/// Each member town's requests with their recommendations, one row per
/// request; the count stands on the member's first row.
fn by_member(
    ws: &mut Worksheet,
    ctx: &Ctx,
    cols: &mut Columns,
    mut row: RowNum,
    requests: &MemberRequests,
) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let c = &l.customization;
    let s = &ctx.styles;
    let headers = [
        &c.member,
        &c.id,
        &c.text,
        &c.recommendation,
        &c.request_count,
    ];
    for (i, text) in headers.into_iter().enumerate() {
        header(ws, cols, (row, i as ColNum), text, &s.header)?;
    }
    row += 1;
    let advice: HashMap<usize, CustomizationAdvice> = ctx
        .analysis
        .customization
        .iter()
        .map(|item| (item.requirement_index, item.recommendation))
        .collect();
    let mut by_member: Vec<Vec<usize>> = vec![Vec::new(); requests.members.len()];
    for (req, members) in requests.by_requirement.iter().enumerate() {
        for &m in members {
            if let Some(list) = by_member.get_mut(m) {
                list.push(req);
            }
        }
    }
    for (member, reqs) in requests.members.iter().zip(&by_member) {
        cell(ws, cols, (row, 0), member, &s.bold)?;
        write_number(ws, row, 4, reqs.len() as f64, Some(&s.integer))?;
        if reqs.is_empty() {
            cell(ws, cols, (row, 1), &l.common.none, &s.text)?;
            cell(ws, cols, (row, 2), &c.no_requests, &s.text)?;
            cell(ws, cols, (row, 3), &l.common.none, &s.text)?;
            row += 1;
            continue;
        }
        for (k, &i) in reqs.iter().enumerate() {
            let Some(req) = ctx.inputs.requirements.get(i) else {
                continue;
            };
            if k > 0 {
                cell(ws, cols, (row, 0), member, &s.text)?;
                ws.write_blank(row, 4, &s.integer)?;
            }
            cell(ws, cols, (row, 1), &req.id, &s.text)?;
            cell(ws, cols, (row, 2), &req.text, &s.text)?;
            let recommendation = advice.get(&i).copied().unwrap_or(CustomizationAdvice::None);
            cell(ws, cols, (row, 3), l.advice(recommendation), &s.text)?;
            row += 1;
        }
    }
    Ok(())
}
