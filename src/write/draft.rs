//! The RFP draft (SPEC §8.4): the matrix as the secretariat wrote it, with
//! the analysis beside every requirement and, with `--apply`, the changes
//! that restore competition already made.
//!
//! ```text
//!   住民記録
//!   機能要件一覧（住民記録）                      ← rows above the header, as they were
//!   要件ID | 要件 | 必須区分 | 配点 | フラグ | 対応可能数 | 実現可能数 | 要望団体 | 推奨対応       | 状態
//!   JR-012 | …    | 推奨     | 5    | F01 F07| 1          | 2          |          | 推奨に降格する… | 降格
//!   JR-040 | ~~…~~| ~~必須~~ | ~~3~~| F04    | 0          | 0          |          | 削除する…       | 削除
//!
//!   変更履歴
//!   対象要件 | シート | 行 | 要件の内容 | 変更内容 | 変更前 | 変更後 | 理由
//! ```
//!
//! The draft is the next round's matrix, so it keeps every original sheet,
//! row and column with its values at the same place, and `evaluate` reads it
//! like the original: the added columns name no field of SPEC §3.1 but the
//! status (and the priority and weight, added only when a demotion needs
//! them). A demoted requirement keeps its weight, so that scores of the next
//! round keep their scale; a removed one keeps its row, struck through, for
//! the record.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use rust_xlsxwriter::{ColNum, Color, ExcelDateTime, Format, RowNum, Worksheet};

use super::RunInfo;
use super::labels::{DraftLabels, Labels, fill};
use super::xlsx::format::{TextFormat, bordered, coloured, flag_colors, header_format, write_text};
use super::xlsx::layout::{Columns, cell, header_row, page_setup, print_setup};
use super::xlsx::matrix::flag_codes_by_requirement;
use super::xlsx::stream::{Cell, Rows, add_sheet, stream};
use super::xlsx::{Ctx, context, new_workbook};
use crate::analyze::plan::{self, Change, ChangeKind};
use crate::model::{
    Analysis, Brand, FlagCode, FlagSeverity, Inputs, Lang, Priority, Recommendation, ReqIx,
};
use crate::read::header::{Field, Header, HeaderNeed, detect_header};
use crate::read::matrix::is_removed;
use crate::read::workbook::{CellValue, Sheet, SheetRow, Visibility, Workbook};

/// A recommendation in words; `names` the vendors and `members` the member
/// towns, as the draft shows them.
pub fn recommendation_text(rec: &Recommendation, ctx: &Ctx) -> String {
    let l = &ctx.labels.draft;
    let separator = ctx.labels.common.list_separator.as_str();
    match rec {
        Recommendation::Remove => l.rec_remove.clone(),
        Recommendation::Demote { .. } => {
            let reasons: Vec<&str> = (rec.reasons().into_iter())
                .map(|code| match code {
                    FlagCode::F01 => l.reason_sole.as_str(),
                    _ => l.reason_relief.as_str(),
                })
                .collect();
            fill(&l.rec_demote, &[("reason", &reasons.join(separator))])
        }
        Recommendation::Rewrite { term } => {
            let term = match term {
                Brand::Vendor(v) => ctx.vendor_name(*v),
                Brand::Term(t) => t,
            };
            fill(&l.rec_rewrite, &[("term", term)])
        }
        Recommendation::Review => l.rec_review.clone(),
        Recommendation::Standardize => l.rec_standardize.clone(),
        Recommendation::AdaptOperations { members } => {
            fill(&l.rec_adapt, &[("members", &ctx.members(members))])
        }
        Recommendation::ReviewRequirement => l.rec_review_requirement.clone(),
        Recommendation::Keep => l.rec_keep.clone(),
    }
}

/// Every recommendation that applies, the first (what `--apply` carries
/// out) first and each other on a line of its own; "keep" when none does.
fn all_recommendations_text(all: &[Recommendation], ctx: &Ctx) -> String {
    if all.is_empty() {
        return recommendation_text(&Recommendation::Keep, ctx);
    }
    let lines: Vec<String> = all.iter().map(|r| recommendation_text(r, ctx)).collect();
    lines.join("\n")
}

/// The draft workbook and the changes it carries out.
pub struct Draft {
    /// Filled, not yet saved: the caller saves it straight to the file,
    /// once the inputs it was made from are let go.
    pub workbook: rust_xlsxwriter::Workbook,
    /// In matrix order; empty without `apply`.
    pub changes: Vec<Change>,
}

/// The RFP draft of `matrix` (the workbook `inputs.requirements` were read
/// from): one sheet per matrix sheet, in order, and with `apply` a Changes sheet.
pub fn draft_workbook(
    matrix: Workbook,
    inputs: &Inputs,
    analysis: &Analysis,
    run: &RunInfo,
    apply: bool,
) -> anyhow::Result<Draft> {
    let changes = if apply {
        plan::changes(&analysis.recommendations)
    } else {
        Vec::new()
    };
    let ctx = context(inputs, analysis, run, 0)?;
    let other_lang = match run.lang {
        Lang::Ja => Lang::En,
        Lang::En => Lang::Ja,
    };
    let other = Labels::load(other_lang)?;
    let looks = Looks::new();
    let facts = RowFacts::new(&ctx, &changes);

    let mut wb = new_workbook(&ctx.title, run.created)?;
    let mut names: HashSet<String> = HashSet::new();
    // Each matrix sheet goes once its draft is written.
    for sheet in matrix.sheets.into_iter().filter(|s| {
        s.visibility == Visibility::Visible
            && !is_earlier_changes(s, [&ctx.labels.draft, &other.draft])
    }) {
        let ws = add_sheet(&mut wb, sheet.rows.len())?;
        ws.set_name(&sheet.name)?;
        names.insert(sheet.name.clone());
        let Some(header) = detect_header(&sheet, HeaderNeed::Matrix) else {
            copy_sheet(ws, &ctx, &sheet, &looks)?;
            continue;
        };
        let writer = SheetDraft {
            ctx: &ctx,
            other: &other.draft,
            looks: &looks,
            facts: &facts,
            sheet: &sheet,
            header: &header,
        };
        writer.write(ws)?;
    }
    if apply {
        let ws = wb.add_worksheet();
        ws.set_name(unique_name(&ctx.labels.draft.changes_sheet, &names))?;
        write_changes(ws, &ctx, &changes, &looks)?;
    }
    Ok(Draft {
        workbook: wb,
        changes,
    })
}

/// Whether a sheet is the Changes sheet of an earlier draft. A draft of a
/// draft lists only its own changes; the status column of the matrix sheets
/// keeps the earlier ones, and the earlier draft keeps its list.
fn is_earlier_changes(sheet: &Sheet, labels: [&DraftLabels; 2]) -> bool {
    labels.iter().any(|d| {
        sheet.cell(0, 0).display() == d.changes_title
            && sheet.rows.iter().any(|row| {
                row.get(0).display() == d.change_id
                    && row.get(1).display() == d.change_sheet
                    && row.get(7).display() == d.change_reason
            })
    })
}

/// A sheet that holds no requirements (a cover, the instructions for
/// vendors): copied value by value, so that the RFP draft keeps it.
fn copy_sheet(ws: &mut Worksheet, ctx: &Ctx, sheet: &Sheet, looks: &Looks) -> anyhow::Result<()> {
    let width = sheet
        .rows
        .iter()
        .filter_map(|row| row.cells.last())
        .map(|(col, _)| *col as usize + 1)
        .max()
        .unwrap_or(0);
    let cols = Columns::new(vec![(4, 60); width]);
    stream(ws, ctx.styles.column.format(), cols, |emit| {
        let mut cells = Vec::new();
        for row in &sheet.rows {
            cells.clear();
            for (col, value) in &row.cells {
                cells.push((*col as ColNum, value_cell(value, &looks.above, true)));
            }
            emit(row.index as RowNum, &cells)?;
        }
        Ok(())
    })?;
    page_setup(ws, ctx)
}

/// A sheet name not yet taken (a matrix sheet may be called 変更履歴 too).
fn unique_name(wanted: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(wanted) {
        return wanted.to_string();
    }
    (2..)
        .map(|n| format!("{wanted} ({n})"))
        .find(|name| !taken.contains(name))
        .expect("some number is free")
}

/// Per requirement: the analysis columns' values, and the change made.
struct RowFacts<'a> {
    /// (sheet, 1-based row) → requirement index.
    at: HashMap<(&'a str, u32), usize>,
    flags: Vec<String>,
    capable: Vec<usize>,
    feasible: Vec<usize>,
    requests: Vec<String>,
    recommendations: &'a [Recommendation],
    recommendation_texts: Vec<String>,
    changes: HashMap<usize, ChangeKind>,
    /// Sheets holding a demotion (they need a priority and a weight column).
    demoting_sheets: HashSet<&'a str>,
}

impl<'a> RowFacts<'a> {
    fn new(ctx: &'a Ctx, changes: &'a [Change]) -> RowFacts<'a> {
        let inputs = ctx.inputs;
        let n = inputs.requirements.len();
        let sep = ctx.labels.common.list_separator.as_str();
        let flags = flag_codes_by_requirement(ctx);
        let levels = &ctx.analysis.requirement_levels;
        let capable = levels.iter().map(|l| l.capable()).collect();
        let feasible = levels.iter().map(|l| l.feasible()).collect();
        let requests = (0..n)
            .map(|i| match &inputs.requests {
                Some(r) => r
                    .by_requirement
                    .get(i)
                    .map(|members| {
                        members
                            .iter()
                            .filter_map(|&m| r.members.get(m).map(String::as_str))
                            .collect::<Vec<_>>()
                            .join(sep)
                    })
                    .unwrap_or_default(),
                None => String::new(),
            })
            .collect();
        let demoting_sheets = changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Demote)
            .map(|c| inputs.requirements[c.requirement.index()].sheet.as_str())
            .collect();
        let changes: HashMap<usize, ChangeKind> = changes
            .iter()
            .map(|c| (c.requirement.index(), c.kind))
            .collect();
        RowFacts {
            at: inputs
                .requirements
                .iter()
                .enumerate()
                .map(|(i, r)| ((r.sheet.as_str(), r.row), i))
                .collect(),
            flags,
            capable,
            feasible,
            requests,
            recommendations: &ctx.analysis.recommendations,
            recommendation_texts: (plan::all_applicable(&inputs.requirements, ctx.analysis))
                .iter()
                .map(|all| all_recommendations_text(all, ctx))
                .collect(),
            changes,
            demoting_sheets,
        }
    }
}

/// How a row reads: as it was, changed (demoted), or removed (struck through).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tone {
    Normal,
    Demoted,
    Removed,
}

/// The formats of one tone.
struct ToneLooks {
    text: TextFormat,
    number: Format,
    date: Format,
}

impl ToneLooks {
    /// Table cells wrap their text within the column.
    fn new(base: Format) -> ToneLooks {
        ToneLooks {
            text: TextFormat::new(base.clone().set_text_wrap()),
            ..ToneLooks::unwrapped(base)
        }
    }

    /// Titles and notes run on over the empty cells to their right.
    fn unwrapped(base: Format) -> ToneLooks {
        ToneLooks {
            text: TextFormat::new(base.clone()),
            number: base.clone(),
            date: base.set_num_format("yyyy-mm-dd"),
        }
    }
}

/// Every format of the draft, made once.
struct Looks {
    above: ToneLooks,
    header: TextFormat,
    added_header: TextFormat,
    normal: ToneLooks,
    /// The cells a demotion changed.
    demoted: ToneLooks,
    removed: ToneLooks,
    /// Recommendation cells by kind, in the colours of the flags that call
    /// for them: a removal high, a demotion medium, any other action low.
    remove: TextFormat,
    demote: TextFormat,
    act: TextFormat,
    title: TextFormat,
}

impl Looks {
    fn new() -> Looks {
        let action =
            |severity| TextFormat::new(coloured(bordered().set_text_wrap(), flag_colors(severity)));
        Looks {
            above: ToneLooks::unwrapped(Format::new()),
            header: TextFormat::new(header_format()),
            // The columns fairbid added stand out from the secretariat's own.
            added_header: TextFormat::new(
                header_format().set_background_color(Color::RGB(0xFCE4D6)),
            ),
            normal: ToneLooks::new(bordered()),
            demoted: ToneLooks::new(coloured(bordered(), flag_colors(FlagSeverity::Medium))),
            removed: ToneLooks::new(
                bordered()
                    .set_font_strikethrough()
                    .set_font_color(Color::RGB(0x808080)),
            ),
            remove: action(FlagSeverity::High),
            demote: action(FlagSeverity::Medium),
            act: action(FlagSeverity::Low),
            title: TextFormat::new(Format::new().set_bold().set_font_size(14)),
        }
    }

    fn tone(&self, tone: Tone) -> &ToneLooks {
        match tone {
            Tone::Normal => &self.normal,
            Tone::Demoted => &self.demoted,
            Tone::Removed => &self.removed,
        }
    }
}

/// A cell of the original matrix with its value's type kept: a date stays
/// a date (so that an ID Excel turned into a date is still caught), a number
/// a number. With `measured`, its column widens to the value as the matrix
/// showed it, and text wraps within the column and grows its row; without
/// (the rows above the header), text runs on over the empty cells to its right.
fn value_cell<'a>(value: &'a CellValue, looks: &'a ToneLooks, measured: bool) -> Cell<'a> {
    let cell = match value {
        CellValue::Empty => return Cell::Blank(&looks.number),
        CellValue::Text(s) if measured => return Cell::Text(Cow::Borrowed(s), &looks.text),
        CellValue::Text(s) => Cell::Plain(Cow::Borrowed(s), &looks.text),
        CellValue::Error(s) => Cell::Plain(Cow::Borrowed(s), &looks.text),
        // A number that is not finite is written as a blank cell.
        CellValue::Number(v) => Cell::Number(*v, &looks.number),
        CellValue::Bool(b) => Cell::Bool(*b, &looks.number),
        CellValue::Date(iso) => match ExcelDateTime::parse_from_str(iso) {
            Ok(date) => Cell::Date(date, &looks.date),
            Err(_) => Cell::Plain(Cow::Borrowed(iso), &looks.text),
        },
    };
    if measured {
        Cell::measured(cell, value.display())
    } else {
        cell
    }
}

/// A number the draft states (a weight, a count), its column widened to it.
fn number_cell(value: f64, looks: &ToneLooks) -> Cell<'_> {
    Cell::measured(
        Cell::Number(value, &looks.number),
        CellValue::Number(value).display(),
    )
}

/// Where the draft's columns stand on one sheet.
struct Placement {
    priority: Option<ColNum>,
    weight: Option<ColNum>,
    flags: ColNum,
    capable: ColNum,
    feasible: ColNum,
    requests: ColNum,
    recommendation: ColNum,
    status: ColNum,
    /// Header cells to write: the columns added (or reused) by the draft.
    headers: Vec<(ColNum, String)>,
    last_col: ColNum,
}

/// One matrix sheet turned into its draft.
struct SheetDraft<'a> {
    ctx: &'a Ctx<'a>,
    /// The draft labels of the other language, to find columns a draft
    /// written in that language added.
    other: &'a DraftLabels,
    looks: &'a Looks,
    facts: &'a RowFacts<'a>,
    sheet: &'a Sheet,
    header: &'a Header,
}

impl SheetDraft<'_> {
    fn placement(&self) -> Placement {
        let l = &self.ctx.labels.draft;
        let columns = &self.header.columns;
        let used = self
            .sheet
            .rows
            .iter()
            .filter_map(|r| r.cells.last().map(|(c, _)| *c))
            .max()
            .unwrap_or(0);
        let mut next = used + 1;
        let mut headers = Vec::new();
        let mut added = |label: &str, headers: &mut Vec<(ColNum, String)>| {
            let col = next;
            next += 1;
            headers.push((col as ColNum, label.to_string()));
            col as ColNum
        };
        let demotes = self
            .facts
            .demoting_sheets
            .contains(self.sheet.name.as_str());
        let priority = match columns.get(Field::Priority) {
            Some(c) => Some(c as ColNum),
            None if demotes => Some(added(&l.priority, &mut headers)),
            None => None,
        };
        let weight = match columns.get(Field::Weight) {
            Some(c) => Some(c as ColNum),
            None if demotes => Some(added(&l.weight, &mut headers)),
            None => None,
        };
        // A column an earlier draft added (in either language) is reused,
        // so that a draft of a draft does not grow a second set.
        let mut analysis_column =
            |ours: &str, theirs: &str, headers: &mut Vec<(ColNum, String)>| {
                let existing = columns
                    .headers
                    .iter()
                    .find(|(_, text)| text.trim() == ours || text.trim() == theirs);
                match existing {
                    Some((c, _)) => {
                        headers.push((*c as ColNum, ours.to_string()));
                        *c as ColNum
                    }
                    None => added(ours, headers),
                }
            };
        let o = self.other;
        let flags = analysis_column(&l.flags, &o.flags, &mut headers);
        let capable = analysis_column(&l.capable, &o.capable, &mut headers);
        let feasible = analysis_column(&l.feasible, &o.feasible, &mut headers);
        let requests = analysis_column(&l.requests, &o.requests, &mut headers);
        let recommendation = analysis_column(&l.recommendation, &o.recommendation, &mut headers);
        let status = match columns.get(Field::Status) {
            Some(c) => c as ColNum,
            None => added(&l.status, &mut headers),
        };
        let last_col = headers
            .iter()
            .map(|(c, _)| *c)
            .chain([used as ColNum])
            .max()
            .unwrap_or(0);
        Placement {
            priority,
            weight,
            flags,
            capable,
            feasible,
            requests,
            recommendation,
            status,
            headers,
            last_col,
        }
    }

    fn limits(&self, p: &Placement) -> Vec<(usize, usize)> {
        let text = self.header.columns.get(Field::Text).map(|c| c as ColNum);
        (0..=p.last_col)
            .map(|col| {
                if Some(col) == text {
                    (24, 60)
                } else if col == p.recommendation {
                    (20, 44)
                } else if col == p.requests {
                    (10, 24)
                } else if [p.capable, p.feasible, p.flags, p.status].contains(&col) {
                    (6, 12)
                } else {
                    (4, 30)
                }
            })
            .collect()
    }

    /// Streams the sheet: the columns are sized over every row first, then
    /// each row is written with its final height (at 200,000 requirements
    /// a sheet held whole until the save took most of the draft's memory).
    fn write(&self, ws: &mut Worksheet) -> anyhow::Result<()> {
        let p = self.placement();
        let header_row = self.header.row;
        let cols = Columns::new(self.limits(&p));
        let last_row = stream(ws, self.ctx.styles.column.format(), cols, |emit| {
            self.rows(&p, emit)
        })?;
        ws.set_freeze_panes(header_row + 1, 0)?;
        ws.autofilter(header_row, 0, last_row, p.last_col)?;
        print_setup(ws, self.ctx, (header_row, header_row))
    }

    /// Lays out every row of the sheet, in order: the rows above the header
    /// as they were, the header with the added columns, then each row under
    /// it. Returns the last row.
    fn rows<'s>(&'s self, p: &'s Placement, emit: &mut Rows<'_, 's>) -> anyhow::Result<RowNum> {
        let header_row = self.header.row;
        let added: HashSet<ColNum> = p.headers.iter().map(|(c, _)| *c).collect();
        let mut last_row = header_row;
        let mut cells = Vec::new();
        for row in &self.sheet.rows {
            let r = row.index as RowNum;
            last_row = last_row.max(r);
            cells.clear();
            if r < header_row {
                for (col, value) in &row.cells {
                    cells.push((*col as ColNum, value_cell(value, &self.looks.above, false)));
                }
            } else if r == header_row {
                for (col, value) in &row.cells {
                    let col = *col as ColNum;
                    if !added.contains(&col) {
                        let text = Cow::Owned(value.display());
                        cells.push((col, Cell::Header(text, &self.looks.header)));
                    }
                }
                for (col, text) in &p.headers {
                    let text = Cow::Borrowed(text.as_str());
                    cells.push((*col, Cell::Header(text, &self.looks.added_header)));
                }
            } else {
                let requirement = self
                    .facts
                    .at
                    .get(&(self.sheet.name.as_str(), row.index + 1))
                    .copied();
                match requirement {
                    Some(i) => self.requirement_row(&mut cells, p, row, i),
                    None => self.other_row(&mut cells, p, row),
                }
            }
            emit(r, &cells)?;
        }
        Ok(last_row)
    }

    /// A row under the header that is no requirement (blank, removed
    /// before, a duplicate ID): copied as it was, struck through when its
    /// status says removed.
    fn other_row<'s>(
        &'s self,
        cells: &mut Vec<(ColNum, Cell<'s>)>,
        p: &Placement,
        row: &'s SheetRow,
    ) {
        let removed = is_removed(&row.get(p.status as u32).display());
        let looks = self
            .looks
            .tone(if removed { Tone::Removed } else { Tone::Normal });
        for col in 0..=p.last_col {
            cells.push((col, value_cell(row.get(col as u32), looks, true)));
        }
    }

    fn requirement_row<'s>(
        &'s self,
        cells: &mut Vec<(ColNum, Cell<'s>)>,
        p: &Placement,
        row: &'s SheetRow,
        i: usize,
    ) {
        let l = &self.ctx.labels;
        let facts = self.facts;
        let req = &self.ctx.inputs.requirements[i];
        let change = facts.changes.get(&i).copied();
        let tone = match change {
            Some(ChangeKind::Remove) => Tone::Removed,
            _ if is_removed(&row.get(p.status as u32).display()) => Tone::Removed,
            _ => Tone::Normal,
        };
        let looks = self.looks.tone(tone);
        let changed = self.looks.tone(match (tone, change) {
            (Tone::Removed, _) => Tone::Removed,
            (_, Some(ChangeKind::Demote)) => Tone::Demoted,
            _ => Tone::Normal,
        });
        let text = |s: &'s str, looks: &'s ToneLooks| Cell::Text(Cow::Borrowed(s), &looks.text);
        let weight = |looks: &'s ToneLooks| number_cell(req.weight, looks);
        let analysis = [p.flags, p.capable, p.feasible, p.requests, p.recommendation];
        let demoted = change == Some(ChangeKind::Demote);
        for col in 0..=p.last_col {
            if analysis.contains(&col) {
                continue;
            }
            let cell = if demoted && Some(col) == p.priority {
                text(l.priority(Priority::Desirable), changed)
            } else if demoted && Some(col) == p.weight {
                weight(changed)
            } else if col == p.status && change.is_some() {
                let status = match change {
                    Some(ChangeKind::Remove) => &l.draft.status_removed,
                    _ => &l.draft.status_demoted,
                };
                text(status, changed)
            } else if Some(col) == p.weight && p.headers.iter().any(|(c, _)| *c == col) {
                // A weight column the draft added: every row states its weight.
                weight(looks)
            } else if Some(col) == p.priority && p.headers.iter().any(|(c, _)| *c == col) {
                text(l.priority(req.priority), looks)
            } else {
                value_cell(row.get(col as u32), looks, true)
            };
            cells.push((col, cell));
        }
        cells.push((p.flags, text(&facts.flags[i], looks)));
        cells.push((p.capable, number_cell(facts.capable[i] as f64, looks)));
        cells.push((p.feasible, number_cell(facts.feasible[i] as f64, looks)));
        cells.push((p.requests, text(&facts.requests[i], looks)));
        let look = match (tone, &facts.recommendations[i]) {
            (Tone::Removed, _) | (_, Recommendation::Keep) => &looks.text,
            (_, Recommendation::Remove) => &self.looks.remove,
            (_, Recommendation::Demote { .. }) => &self.looks.demote,
            _ => &self.looks.act,
        };
        let words = Cow::Borrowed(facts.recommendation_texts[i].as_str());
        cells.push((p.recommendation, Cell::Text(words, look)));
    }
}

/// The Changes sheet: every change `--apply` made, with its reason.
fn write_changes(
    ws: &mut Worksheet,
    ctx: &Ctx,
    changes: &[Change],
    looks: &Looks,
) -> anyhow::Result<()> {
    let l = &ctx.labels;
    let d = &l.draft;
    let sep = l.common.list_separator.as_str();
    let mut cols = Columns::new(vec![
        (8, 14),
        (8, 16),
        (4, 6),
        (24, 50),
        (12, 24),
        (6, 10),
        (6, 10),
        (20, 50),
    ]);
    write_text(ws, 0, 0, &d.changes_title, &looks.title)?;

    let changed: HashSet<ReqIx> = changes.iter().map(|c| c.requirement).collect();
    let after = ctx
        .analysis
        .vendors
        .iter()
        .filter(|v| v.knockouts.iter().all(|k| changed.contains(k)))
        .count();
    let c = &ctx.analysis.competition;
    let note = fill(
        &d.changes_note,
        &[
            ("before", &c.compliant_vendors.to_string()),
            ("after", &after.to_string()),
            ("min", &c.min_competitors.to_string()),
        ],
    );
    write_text(ws, 1, 0, &note, &looks.above.text)?;

    const HEADER_ROW: RowNum = 3;
    let headers = [
        &d.change_id,
        &d.change_sheet,
        &d.change_row,
        &d.change_text,
        &d.change_kind,
        &d.change_before,
        &d.change_after,
        &d.change_reason,
    ];
    header_row(ws, &mut cols, (HEADER_ROW, 0), headers, &looks.header)?;
    let mut row = HEADER_ROW + 1;
    for change in changes {
        let req = &ctx.inputs.requirements[change.requirement.index()];
        let (kind, after) = match change.kind {
            ChangeKind::Demote => (&d.change_demote, l.priority(Priority::Desirable)),
            ChangeKind::Remove => (&d.change_remove, d.status_removed.as_str()),
        };
        let reasons: Vec<&str> = change
            .reasons
            .iter()
            .map(|code| match code {
                FlagCode::F04 => d.reason_f04.as_str(),
                FlagCode::F01 => d.reason_f01.as_str(),
                _ => d.reason_f06.as_str(),
            })
            .collect();
        let cells: [(ColNum, String); 8] = [
            (0, req.id.clone()),
            (1, req.sheet.clone()),
            (2, req.row.to_string()),
            (3, req.text.clone()),
            (4, kind.clone()),
            (5, l.priority(req.priority).to_string()),
            (6, after.to_string()),
            (7, reasons.join(sep)),
        ];
        for (col, text) in cells {
            if col == 2 {
                cols.fit(2, &text);
                ws.write_number_with_format(row, 2, req.row as f64, &looks.normal.number)?;
            } else {
                cell(ws, &mut cols, (row, col), &text, &looks.normal.text)?;
            }
        }
        row += 1;
    }
    if changes.is_empty() {
        write_text(ws, row, 0, &d.no_changes, &looks.above.text)?;
        row += 1;
    }
    cols.apply(ws)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    if !changes.is_empty() {
        ws.autofilter(HEADER_ROW, 0, row - 1, 7)?;
    }
    print_setup(ws, ctx, (HEADER_ROW, HEADER_ROW))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Answer, Codes, Inputs, Level, MemberId, MemberRequests, Requirement, VendorResponse,
    };
    use crate::read::header::field_of_header;
    use crate::settings::Settings;

    /// One requirement, one vendor, two member towns: what a [`Ctx`] needs.
    fn small_case() -> Inputs {
        Inputs {
            requirements: vec![Requirement {
                id: "JR-001".into(),
                area: "住民記録".into(),
                category: String::new(),
                text: "住民票の写しを交付できること。".into(),
                priority: Priority::Mandatory,
                weight: 3.0,
                sheet: "住民記録".into(),
                row: 2,
            }],
            vendors: vec![{
                let standard = Answer {
                    level: Level::Standard,
                    ..Answer::default()
                };
                let (answers, codes) = Codes::coded([("◎", standard)]);
                VendorResponse {
                    name: "A社".into(),
                    display_name: None,
                    file: "A社.xlsx".into(),
                    codes,
                    copies: Default::default(),
                    answers,
                }
            }],
            requests: Some(MemberRequests {
                file: "要望.xlsx".into(),
                members: vec!["南原町".into(), "桜川町".into()],
                by_requirement: vec![vec![1]],
            }),
            ..Inputs::default()
        }
    }

    #[test]
    fn recommendations_in_words() {
        let inputs = small_case();
        let settings = Settings::default();
        let analysis = crate::analyze::analyze(&inputs, &settings);
        let in_lang = |lang| RunInfo {
            settings: &settings,
            lang,
            created: 0,
        };
        let ja_run = in_lang(Lang::Ja);
        let ja = context(&inputs, &analysis, &ja_run, 0).unwrap();
        let both = Recommendation::Demote {
            sole_capable: true,
            relief: true,
        };
        assert_eq!(
            recommendation_text(&both, &ja),
            "推奨に降格する（対応可能なベンダーが1社のみ、緩和すると必要な競争者数に届く）"
        );
        let sakuragawa = MemberId::new(1);
        assert_eq!(
            inputs.requests.as_ref().unwrap().members[sakuragawa.index()],
            "桜川町"
        );
        let adapt = Recommendation::AdaptOperations {
            members: vec![sakuragawa],
        };
        assert_eq!(
            recommendation_text(&adapt, &ja),
            "桜川町に業務をパッケージに合わせるよう依頼する（ノンカスタマイズ）"
        );
        let en_run = in_lang(Lang::En);
        let en = context(&inputs, &analysis, &en_run, 0).unwrap();
        let rewrite = Recommendation::Rewrite {
            term: Brand::Term("さくら住記Plus".into()),
        };
        assert_eq!(
            recommendation_text(&rewrite, &en),
            "Rewrite as a neutral function, without the name “さくら住記Plus”"
        );
    }

    /// The columns a draft adds must not be read as fields of the next
    /// round's matrix, and its Changes sheet must not look like a matrix.
    #[test]
    fn added_headers_name_no_other_field() {
        for lang in [Lang::Ja, Lang::En] {
            let d = Labels::load(lang).unwrap().draft;
            for added in [
                &d.flags,
                &d.capable,
                &d.feasible,
                &d.requests,
                &d.recommendation,
            ] {
                assert_eq!(field_of_header(added), None, "{added}");
            }
            assert_eq!(field_of_header(&d.status), Some(Field::Status));
            assert_eq!(field_of_header(&d.priority), Some(Field::Priority));
            assert_eq!(field_of_header(&d.weight), Some(Field::Weight));
            for changes in [
                &d.changes_title,
                &d.change_id,
                &d.change_sheet,
                &d.change_row,
                &d.change_text,
                &d.change_kind,
                &d.change_before,
                &d.change_after,
                &d.change_reason,
            ] {
                assert_eq!(field_of_header(changes), None, "{changes}");
            }
            assert!(is_removed(&d.status_removed));
            assert!(!is_removed(&d.status_demoted));
        }
    }

    #[test]
    fn a_changes_sheet_never_takes_a_matrix_sheet_name() {
        let taken: HashSet<String> = ["変更履歴".to_string(), "変更履歴 (2)".to_string()].into();
        assert_eq!(unique_name("変更履歴", &taken), "変更履歴 (3)");
        assert_eq!(unique_name("Changes", &taken), "Changes");
    }
}
