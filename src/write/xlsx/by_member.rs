//! By member (団体別): each member town's requests with their
//! recommendations, on a sheet of its own so that its pages print under its
//! own column titles.
//!
//! ```text
//!   構成団体別の要望
//!
//!   団体 | 要件ID | 要件 | 推奨対応                       | 要望件数
//!   甲町 | R-010  | …    | 運用で対応（ノンカスタマイズ） | 2
//!   甲町 | R-014  | …    | 標準機能化を働きかける         |
//!   乙村 | —      | 要望なし | —                          | 0
//! ```
//!
//! A consortium of 40 towns may send thousands of requests: the rows are
//! streamed (rust_xlsxwriter's constant-memory mode) like the Customization's.

use rust_xlsxwriter::{RowNum, Worksheet};

use super::Ctx;
use super::layout::{Columns, print_setup};
use super::stream::{Cell, Rows, header_cells, stream};
use crate::model::{CustomizationAdvice, MemberRequests};

const HEADER_ROW: RowNum = 2;
const COL_RECOMMENDATION: u16 = 3;

pub fn write(ws: &mut Worksheet, ctx: &Ctx) -> anyhow::Result<()> {
    ws.set_name(&ctx.labels.sheets.by_member)?;
    let cols = Columns::new(vec![(8, 20), (8, 20), (24, 60), (16, 36), (6, 8)]);
    let last = stream(ws, ctx.styles.column.format(), cols, |emit| rows(ctx, emit))?;
    if ctx.inputs.requests.is_some() {
        ws.autofilter(HEADER_ROW, 0, last.max(HEADER_ROW), COL_RECOMMENDATION + 1)?;
        ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    }
    print_setup(ws, ctx, (HEADER_ROW, HEADER_ROW))
}

/// Lays out every row of the sheet; returns the last row.
fn rows<'a>(ctx: &'a Ctx, emit: &mut Rows<'_, 'a>) -> anyhow::Result<RowNum> {
    let c = &ctx.labels.customization;
    let s = &ctx.styles;
    emit(
        0,
        &[(0, Cell::Plain(c.by_member_title.as_str().into(), &s.title))],
    )?;
    let Some(requests) = &ctx.inputs.requests else {
        emit(
            HEADER_ROW,
            &[(0, Cell::Plain(c.no_request_file.as_str().into(), &s.note))],
        )?;
        return Ok(HEADER_ROW);
    };
    let headers = [
        &c.member,
        &c.id,
        &c.text,
        &c.recommendation,
        &c.request_count,
    ];
    emit(HEADER_ROW, &header_cells(headers, &s.header))?;
    requests_by_member(ctx, HEADER_ROW + 1, requests, emit)
}

/// One row per request, member by member; the count stands on the
/// member's first row, and a member without a request has a row saying so.
fn requests_by_member<'a>(
    ctx: &'a Ctx,
    mut row: RowNum,
    requests: &'a MemberRequests,
    emit: &mut Rows<'_, 'a>,
) -> anyhow::Result<RowNum> {
    let l = &ctx.labels;
    let c = &l.customization;
    let s = &ctx.styles;
    // The §6 advice per requirement, aligned with the matrix.
    let mut advice = vec![CustomizationAdvice::None; ctx.inputs.requirements.len()];
    for item in &ctx.analysis.customization {
        advice[item.requirement.index()] = item.recommendation;
    }
    let mut by_member: Vec<Vec<usize>> = vec![Vec::new(); requests.members.len()];
    for (req, members) in requests.by_requirement.iter().enumerate() {
        for &m in members {
            if let Some(list) = by_member.get_mut(m) {
                list.push(req);
            }
        }
    }
    for (member, reqs) in requests.members.iter().zip(&by_member) {
        let count = Cell::Number(reqs.len() as f64, &s.integer);
        if reqs.is_empty() {
            emit(
                row,
                &[
                    (0, Cell::Text(member.as_str().into(), &s.bold)),
                    (1, Cell::Text(l.common.none.as_str().into(), &s.text)),
                    (2, Cell::Text(c.no_requests.as_str().into(), &s.text)),
                    (3, Cell::Text(l.common.none.as_str().into(), &s.text)),
                    (4, count),
                ],
            )?;
            row += 1;
            continue;
        }
        for (k, &i) in reqs.iter().enumerate() {
            let Some(req) = ctx.inputs.requirements.get(i) else {
                continue;
            };
            let (name, count) = if k == 0 {
                (
                    Cell::Text(member.as_str().into(), &s.bold),
                    Cell::Number(reqs.len() as f64, &s.integer),
                )
            } else {
                (
                    Cell::Text(member.as_str().into(), &s.text),
                    Cell::Blank(&s.integer),
                )
            };
            let recommendation = l.advice(advice[i]);
            emit(
                row,
                &[
                    (0, name),
                    (1, Cell::Text(req.id.as_str().into(), &s.text)),
                    (2, Cell::Text(req.text.as_str().into(), &s.text)),
                    (3, Cell::Text(recommendation.into(), &s.text)),
                    (4, count),
                ],
            )?;
            row += 1;
        }
    }
    Ok(row - 1)
}
