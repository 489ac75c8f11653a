//! The committee's criteria and the evaluators' scoresheets (SPEC §13).
//!
//! ```text
//! 評価基準 (criteria)                       評価 (one scoresheet per evaluator)
//! 評価項目番号 | 評価項目 | 評価の視点 | 配点    評価項目番号 | 評価項目 | 配点 | A社 | B社 | A社コメント
//! 1           | 導入実績 | 同規模…   | 10      1           | 導入実績 | 10   | 8   | 6   | 実績十分
//! ```
//!
//! Both go through the same safe opening, header detection and sheet checks
//! as a response. The criteria come first: a scoresheet's rows are matched
//! to their items by ID, else by the item's text, and its columns to the
//! evaluated vendors by name (company forms ignored), so scoresheets are
//! read once the responses have named the vendors. A score is points
//! between 0 and the item's maximum, or a grade of `committee.grades`; a
//! blank is a score not given — left out of the aggregate, never a zero.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::model::{
    CommitteeInputs, CommitteeProblem, Criterion, Finding, FindingKind, HeaderNeed, InputFile,
    ItemIx, Role, ScoreComment, Scoresheet, Severity, VendorId,
};
use crate::normalize::{Found, VendorKeys, compare_key, nfkc};
use crate::read::inputs::{Stop, open_required};
use crate::read::matrix::{id_of, report_date_id};
use crate::read::sheet_checks::{Reporter, for_each_table_sheet, for_each_table_sheet_either};
use crate::read::table::{Column, Schema, TableHeader};
use crate::read::workbook::{CellValue, Sheet, Workbook, cell_text, file_name, open};
use crate::settings::Settings;

const ID: usize = 0;
const ITEM: usize = 1;
const VIEWPOINT: usize = 2;
const GROUP: usize = 3;
const MAX: usize = 4;

const ID_ALIASES: &[&str] = &[
    "評価項目番号",
    "項目番号",
    "要件ID",
    "要件番号",
    "要件No",
    "項番",
    "番号",
    "No",
    "ID",
    "Item ID",
    "機能ID",
    "機能要件ID",
    "Req ID",
    "Requirement ID",
];
const ITEM_ALIASES: &[&str] = &["評価項目", "項目", "Item", "Criterion"];
const VIEWPOINT_ALIASES: &[&str] = &["評価の視点", "着眼点", "Viewpoint"];
const GROUP_ALIASES: &[&str] = &["区分", "大項目", "Group"];
const MAX_ALIASES: &[&str] = &["配点", "満点", "Max", "Points"];

/// The criteria workbook: the item and its maximum are required.
pub static CRITERIA: Schema = Schema {
    need: HeaderNeed::Criteria,
    columns: &[
        Column {
            aliases: ID_ALIASES,
            required: false,
        },
        Column {
            aliases: ITEM_ALIASES,
            required: true,
        },
        Column {
            aliases: VIEWPOINT_ALIASES,
            required: false,
        },
        Column {
            aliases: GROUP_ALIASES,
            required: false,
        },
        Column {
            aliases: MAX_ALIASES,
            required: true,
        },
    ],
};

/// The same columns as [`CRITERIA`], with `required` for a scoresheet.
macro_rules! scores_schema {
    ($id:expr, $item:expr) => {
        Schema {
            need: HeaderNeed::Scores,
            columns: &[
                Column {
                    aliases: ID_ALIASES,
                    required: $id,
                },
                Column {
                    aliases: ITEM_ALIASES,
                    required: $item,
                },
                Column {
                    aliases: VIEWPOINT_ALIASES,
                    required: false,
                },
                Column {
                    aliases: GROUP_ALIASES,
                    required: false,
                },
                Column {
                    aliases: MAX_ALIASES,
                    required: false,
                },
            ],
        }
    };
}

/// A scoresheet naming its items.
pub static SCORES_BY_ITEM: Schema = scores_schema!(false, true);
/// A scoresheet naming its items by ID only.
pub static SCORES_BY_ID: Schema = scores_schema!(true, false);

/// An item column's text on a criteria row that totals the items: skipped.
const TOTAL_ROWS: [&str; 5] = ["合計", "小計", "総計", "計", "total"];

/// The header suffixes of a comments column (`A社コメント`, `A社 Comment`).
const COMMENT_SUFFIXES: [&str; 2] = ["コメント", "comment"];

/// What to read.
pub struct CommitteePaths<'a> {
    pub criteria: &'a Path,
    /// Scoresheet workbooks, already expanded from folders.
    pub scores: &'a [PathBuf],
    /// The other files of the scores folders: a row each.
    pub not_workbooks: &'a [PathBuf],
}

/// What reading the committee's files gave.
pub struct CommitteeRead {
    pub committee: CommitteeInputs,
    pub findings: Vec<Finding>,
    pub files: Vec<InputFile>,
}

/// Reads the criteria (a required input: unreadable or without an item,
/// the run stops) and every scoresheet against the evaluated `vendors`
/// (their names, by `VendorId`). `first_order` is the findings' input order
/// of the criteria; the scoresheets follow it.
#[allow(clippy::result_large_err)]
pub fn read_committee(
    paths: &CommitteePaths,
    settings: &Settings,
    vendors: &[String],
    first_order: usize,
) -> Result<CommitteeRead, Stop> {
    let mut findings = Vec::new();
    let mut files = Vec::new();
    let wb = open_required(paths.criteria, settings)?;
    let criteria = read_criteria(&wb, first_order, &mut findings);
    if criteria.is_empty() {
        let finding = Finding::file(
            &wb.file,
            Severity::Error,
            FindingKind::Committee(CommitteeProblem::NoCriteria),
        );
        return Err(Stop::Unreadable {
            path: paths.criteria.to_path_buf(),
            finding: findings
                .into_iter()
                .find(|f| f.severity == Severity::Error)
                .unwrap_or(finding),
        });
    }
    files.push(InputFile {
        file: wb.file.clone(),
        role: Role::Criteria,
        sha256: wb.sha256.clone(),
        rows: criteria.len(),
    });
    let criteria_file = wb.file.clone();
    drop(wb);

    let reader = ScoresReader {
        criteria: &criteria,
        items: ItemKeys::new(&criteria),
        vendors: VendorKeys::new(vendors.iter().map(String::as_str)),
        vendor_names: vendors,
        grades: Grades::new(settings),
    };
    let mut evaluators: Vec<Scoresheet> = Vec::new();
    // The SHA-256 of each counted scoresheet, by file name.
    let mut hashes: HashMap<String, String> = HashMap::new();
    for (k, path) in paths.scores.iter().enumerate() {
        let order = first_order + 1 + k;
        match open(path, settings) {
            Ok(wb) => {
                let sheet = reader.read(&wb, order, &mut findings);
                let rows = (sheet.scores.iter().flatten())
                    .filter(|s| s.is_some())
                    .count();
                files.push(InputFile {
                    file: wb.file.clone(),
                    role: Role::Scores,
                    sha256: wb.sha256.clone(),
                    rows,
                });
                if let Some(first) = evaluators.iter().find(|e| hashes[&e.file] == wb.sha256) {
                    let kind = CommitteeProblem::DuplicateScoresheet {
                        first_file: first.file.clone(),
                    };
                    let mut finding =
                        Finding::file(&wb.file, Severity::Error, FindingKind::Committee(kind));
                    finding.order.0 = order;
                    findings.push(finding);
                    continue;
                }
                hashes.insert(wb.file.clone(), wb.sha256.clone());
                if let Some(first) = evaluators.iter().find(|e| e.evaluator == sheet.evaluator) {
                    let kind = CommitteeProblem::DuplicateEvaluator {
                        name: sheet.evaluator.clone(),
                        first_file: first.file.clone(),
                    };
                    let mut finding =
                        Finding::file(&wb.file, Severity::Error, FindingKind::Committee(kind));
                    finding.order.0 = order;
                    findings.push(finding);
                    continue;
                }
                evaluators.push(sheet);
            }
            Err(unreadable) => {
                let mut finding = unreadable.finding;
                finding.order.0 = order;
                findings.push(finding);
                if let Some(sha256) = unreadable.sha256 {
                    files.push(InputFile {
                        file: file_name(path),
                        role: Role::Scores,
                        sha256,
                        rows: 0,
                    });
                }
            }
        }
    }
    for (k, path) in paths.not_workbooks.iter().enumerate() {
        let order = first_order + 1 + paths.scores.len() + k;
        findings.push(crate::read::inputs::not_a_workbook(path, order));
    }

    // The files are read: this thread's reader process goes now, not at exit.
    crate::read::isolate::end_this_threads_reader();

    let committee = CommitteeInputs {
        criteria_file,
        criteria,
        evaluators,
    };
    report_unscored(&committee, vendors, first_order, &mut findings);
    Ok(CommitteeRead {
        committee,
        findings,
        files,
    })
}

/// An item × vendor that no evaluator scored: an error on the criteria file.
fn report_unscored(
    committee: &CommitteeInputs,
    vendors: &[String],
    order: usize,
    findings: &mut Vec<Finding>,
) {
    for (i, criterion) in committee.criteria.iter().enumerate() {
        for (v, vendor) in vendors.iter().enumerate() {
            let scored = (committee.evaluators.iter()).any(|e| e.scores[i][v].is_some());
            if scored {
                continue;
            }
            let kind = CommitteeProblem::Unscored {
                item: criterion.label().to_string(),
                vendor: vendor.clone(),
            };
            let mut finding = Finding::file(
                &committee.criteria_file,
                Severity::Error,
                FindingKind::Committee(kind),
            );
            finding.order = (order, usize::MAX, i as u32, v as u32);
            findings.push(finding);
        }
    }
}

/// Reads the items of a criteria workbook, in sheet and row order.
pub fn read_criteria(wb: &Workbook, order: usize, findings: &mut Vec<Finding>) -> Vec<Criterion> {
    let mut r = Reporter::new(&wb.file, order, findings);
    let mut criteria: Vec<Criterion> = Vec::new();
    // Normalized ID → 1-based row of its first item.
    let mut seen: HashMap<String, u32> = HashMap::new();
    for_each_table_sheet(&mut r, wb, &CRITERIA, |r, sheet, header| {
        for row in sheet.rows.iter().filter(|row| row.index > header.row) {
            let get = |i: usize| header.col(i).map_or(&CellValue::Empty, |c| row.get(c));
            let item = cell_text(get(ITEM));
            let id_cell = get(ID);
            let id = match id_of(id_cell) {
                Ok((_, id)) => id.into_owned(),
                Err(date) => {
                    let col = header.col(ID).expect("a date came from the ID column");
                    report_date_id(r, sheet, row.index, col, &date);
                    continue;
                }
            };
            let problem = |r: &mut Reporter, col: usize, kind: CommitteeProblem, value: &str| {
                let col = header.col(col).unwrap_or(0);
                let finding = r
                    .on(sheet, Severity::Error, FindingKind::Committee(kind))
                    .at_cell(row.index, col)
                    .with_value(value);
                r.push(finding);
            };
            if item.is_empty() {
                if !id.is_empty() || !get(MAX).is_blank() {
                    problem(r, ITEM, CommitteeProblem::BlankItem, &id);
                }
                continue;
            }
            if id.is_empty() && TOTAL_ROWS.contains(&compare_key(&item).as_str()) {
                continue;
            }
            let Some(max) = points_of(get(MAX)).filter(|m| *m > 0.0) else {
                problem(r, MAX, CommitteeProblem::BadMax, &cell_text(get(MAX)));
                continue;
            };
            if !id.is_empty() {
                if let Some(&first_row) = seen.get(&id) {
                    let kind = CommitteeProblem::DuplicateItem {
                        id: id.clone(),
                        first_row,
                    };
                    problem(r, ID, kind, &id);
                    continue;
                }
                seen.insert(id.clone(), row.index + 1);
            }
            let text = |i: usize| cell_text(get(i)).into_owned();
            criteria.push(Criterion {
                id,
                item: item.into_owned(),
                viewpoint: text(VIEWPOINT),
                group: text(GROUP),
                max,
            });
        }
    });
    criteria
}

/// A number of points: a number cell, or numeric text (full-width digits,
/// a trailing 点).
fn points_of(value: &CellValue) -> Option<f64> {
    let v = match value {
        CellValue::Number(v) => *v,
        CellValue::Text(s) => {
            let text = nfkc(s);
            let text = text.trim();
            text.strip_suffix('点')
                .unwrap_or(text)
                .trim()
                .parse()
                .ok()?
        }
        _ => return None,
    };
    v.is_finite().then_some(v)
}

/// The items by normalized ID and by the key of their text (when one item
/// alone has it).
struct ItemKeys {
    by_id: HashMap<String, usize>,
    by_text: HashMap<String, Option<usize>>,
}

impl ItemKeys {
    fn new(criteria: &[Criterion]) -> ItemKeys {
        let mut keys = ItemKeys {
            by_id: HashMap::new(),
            by_text: HashMap::new(),
        };
        for (i, c) in criteria.iter().enumerate() {
            if !c.id.is_empty() {
                keys.by_id.insert(c.id.clone(), i);
            }
            keys.by_text
                .entry(compare_key(&c.item))
                .and_modify(|found| *found = None)
                .or_insert(Some(i));
        }
        keys
    }

    /// The item a row names: by its ID, else by its text.
    fn find(&self, id: &str, text: &str) -> Option<usize> {
        (!id.is_empty())
            .then(|| self.by_id.get(id).copied())
            .flatten()
            .or_else(|| self.by_text.get(&compare_key(text)).copied().flatten())
    }
}

/// The settings' grades by compare key, and their codes for messages.
struct Grades {
    by_key: HashMap<String, f64>,
    codes: Vec<String>,
}

impl Grades {
    fn new(settings: &Settings) -> Grades {
        let ordered = settings.committee.grades_in_order();
        Grades {
            by_key: (ordered.iter())
                .map(|(code, share)| (compare_key(code), *share))
                .collect(),
            codes: ordered.iter().map(|(code, _)| code.to_string()).collect(),
        }
    }
}

/// What a score cell holds.
#[derive(Debug, PartialEq)]
enum Mark {
    Blank,
    Points(f64),
    OutOfRange,
    NotAScore,
}

impl Grades {
    /// Reads a score cell of an item worth `max`.
    fn mark(&self, value: &CellValue, max: f64) -> Mark {
        if value.is_blank() {
            return Mark::Blank;
        }
        if let CellValue::Text(s) = value
            && let Some(share) = self.by_key.get(&compare_key(s))
        {
            return Mark::Points(share * max);
        }
        match points_of(value) {
            Some(p) if (-1e-9..=max + 1e-9).contains(&p) => Mark::Points(p.clamp(0.0, max)),
            Some(_) => Mark::OutOfRange,
            None => Mark::NotAScore,
        }
    }
}

/// Reads scoresheets against the criteria and the evaluated vendors.
struct ScoresReader<'a> {
    criteria: &'a [Criterion],
    items: ItemKeys,
    vendors: VendorKeys,
    vendor_names: &'a [String],
    grades: Grades,
}

/// What a header column of a scoresheet holds.
enum Holds {
    Scores(usize),
    Comments(usize),
    /// Neither a schema column nor a vendor's: scores here are reported.
    Unknown(String),
}

impl ScoresReader<'_> {
    fn read(&self, wb: &Workbook, order: usize, findings: &mut Vec<Finding>) -> Scoresheet {
        let (items, vendors) = (self.criteria.len(), self.vendor_names.len());
        let mut sheet = Scoresheet {
            evaluator: crate::read::response::vendor_name(&wb.file),
            file: wb.file.clone(),
            scores: vec![vec![None; vendors]; items],
            comments: Vec::new(),
        };
        let mut r = Reporter::new(&wb.file, order, findings);
        // The 1-based row each item was first scored on.
        let mut rows: Vec<Option<u32>> = vec![None; items];
        // Whether some sheet has a score column for each vendor.
        let mut columns = vec![false; vendors];
        let any = for_each_table_sheet_either(
            &mut r,
            wb,
            (&SCORES_BY_ITEM, &SCORES_BY_ID),
            |r, s, header| self.read_sheet(r, s, header, &mut sheet, &mut rows, &mut columns),
        );
        if any {
            for (v, found) in columns.iter().enumerate() {
                if !found {
                    let vendor = self.vendor_names[v].clone();
                    let kind = CommitteeProblem::MissingVendorColumn { vendor };
                    let finding = r.about_file(Severity::Warning, FindingKind::Committee(kind));
                    r.push(finding);
                }
            }
            for (i, row) in rows.iter().enumerate() {
                if row.is_none() {
                    let item = self.criteria[i].label().to_string();
                    let kind = FindingKind::Committee(CommitteeProblem::MissingItem { item });
                    let finding = r.about_file(Severity::Warning, kind);
                    r.push(finding);
                }
            }
        }
        sheet
    }

    /// What each header cell of a scoresheet's header holds, by column.
    fn columns(&self, header: &TableHeader) -> Vec<(u32, Holds)> {
        let schema: Vec<u32> = header.columns.iter().flatten().copied().collect();
        let mut taken = vec![false; self.vendor_names.len()];
        let mut columns = Vec::new();
        for (col, text) in &header.headers {
            if schema.contains(col) {
                continue;
            }
            let holds = match self.vendors.find(text) {
                Some(Found::One(v)) if !taken[v] => {
                    taken[v] = true;
                    Holds::Scores(v)
                }
                Some(_) => Holds::Unknown(text.clone()),
                None => match self.comment_vendor(text) {
                    Some(v) => Holds::Comments(v),
                    None => Holds::Unknown(text.clone()),
                },
            };
            columns.push((*col, holds));
        }
        columns
    }

    /// The vendor a comments header (`A社コメント`, `A社 Comment`) names.
    fn comment_vendor(&self, header: &str) -> Option<usize> {
        let text: String = header.nfkc().collect();
        let lower = text.to_lowercase();
        let stem = COMMENT_SUFFIXES.iter().find_map(|suffix| {
            lower
                .ends_with(suffix)
                .then(|| &lower[..lower.len() - suffix.len()])
        })?;
        let stem = stem.trim_end_matches(|c: char| c.is_whitespace() || "_・-:".contains(c));
        match self.vendors.find(stem)? {
            Found::One(v) => Some(v),
            Found::Ambiguous => None,
        }
    }

    fn read_sheet(
        &self,
        r: &mut Reporter,
        s: &Sheet,
        header: &TableHeader,
        sheet: &mut Scoresheet,
        rows: &mut [Option<u32>],
        found: &mut [bool],
    ) {
        let columns = self.columns(header);
        for (_, holds) in &columns {
            if let Holds::Scores(v) = holds {
                found[*v] = true;
            }
        }
        let mut unknown_scored = vec![false; columns.len()];
        for row in s.rows.iter().filter(|row| row.index > header.row) {
            let get = |i: usize| header.col(i).map_or(&CellValue::Empty, |c| row.get(c));
            let text = cell_text(get(ITEM));
            let id = match id_of(get(ID)) {
                Ok((_, id)) => id.into_owned(),
                Err(date) => {
                    let col = header.col(ID).expect("a date came from the ID column");
                    report_date_id(r, s, row.index, col, &date);
                    continue;
                }
            };
            if id.is_empty() && text.is_empty() {
                continue;
            }
            let at = match id.is_empty() {
                true => header.col(ITEM),
                false => header.col(ID),
            };
            let at = at.or(header.col(ID)).unwrap_or(0);
            let Some(i) = self.items.find(&id, &text) else {
                let value = if text.is_empty() { &id } else { &*text };
                let kind = FindingKind::Committee(CommitteeProblem::UnknownItemRow);
                let finding = (r.on(s, Severity::Warning, kind))
                    .at_cell(row.index, at)
                    .with_value(value);
                r.push(finding);
                continue;
            };
            if let Some(first_row) = rows[i] {
                let kind = CommitteeProblem::DuplicateItem {
                    id: self.criteria[i].label().to_string(),
                    first_row,
                };
                let finding = (r.on(s, Severity::Error, FindingKind::Committee(kind)))
                    .at_cell(row.index, at)
                    .with_value(self.criteria[i].label());
                r.push(finding);
                continue;
            }
            rows[i] = Some(row.index + 1);
            for (k, (col, holds)) in columns.iter().enumerate() {
                let value = row.get(*col);
                match holds {
                    Holds::Scores(v) => {
                        sheet.scores[i][*v] = self.score(r, s, (row.index, *col), value, (i, *v));
                    }
                    Holds::Comments(v) if !value.is_blank() => sheet.comments.push(ScoreComment {
                        item: ItemIx::new(i),
                        vendor: VendorId::new(*v),
                        text: cell_text(value).into_owned(),
                    }),
                    Holds::Comments(_) => {}
                    Holds::Unknown(_) => {
                        let max = self.criteria[i].max;
                        unknown_scored[k] |= matches!(self.grades.mark(value, max), Mark::Points(_))
                    }
                }
            }
        }
        for (k, (col, holds)) in columns.iter().enumerate() {
            if let (Holds::Unknown(text), true) = (holds, unknown_scored[k]) {
                let kind = CommitteeProblem::UnknownVendorColumn {
                    header: text.clone(),
                };
                let named = text.clone();
                let kind = match self.vendors.find(text) {
                    Some(Found::Ambiguous) => {
                        CommitteeProblem::AmbiguousVendorColumn { header: named }
                    }
                    Some(Found::One(_)) => CommitteeProblem::VendorColumnTwice { header: named },
                    None => kind,
                };
                let finding = (r.on(s, Severity::Warning, FindingKind::Committee(kind)))
                    .at_cell(header.row, *col)
                    .with_value(text.as_str());
                r.push(finding);
            }
        }
    }

    /// One score cell: points, or `None` with the finding that says why.
    fn score(
        &self,
        r: &mut Reporter,
        s: &Sheet,
        (row, col): (u32, u32),
        value: &CellValue,
        (i, v): (usize, usize),
    ) -> Option<f64> {
        let criterion = &self.criteria[i];
        let max = criterion.max;
        let (severity, kind) = match self.grades.mark(value, max) {
            Mark::Points(p) => return Some(p),
            Mark::Blank => (
                Severity::Warning,
                CommitteeProblem::BlankScore {
                    item: criterion.label().to_string(),
                    vendor: self.vendor_names[v].clone(),
                },
            ),
            Mark::OutOfRange => (Severity::Error, CommitteeProblem::ScoreOutOfRange { max }),
            Mark::NotAScore => (
                Severity::Error,
                CommitteeProblem::NotAScore {
                    max,
                    grades: self.grades.codes.clone(),
                },
            ),
        };
        let finding = (r.on(s, severity, FindingKind::Committee(kind)))
            .at_cell(row, col)
            .with_value(cell_text(value).as_ref());
        r.push(finding);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::testkit::{sheet, workbook};

    #[test]
    fn the_schemas_are_unambiguous() {
        CRITERIA.assert_unambiguous();
        SCORES_BY_ITEM.assert_unambiguous();
        SCORES_BY_ID.assert_unambiguous();
    }

    fn criteria_book() -> Workbook {
        workbook(
            "評価基準.xlsx",
            vec![sheet(
                "評価基準",
                &[
                    &["提案評価基準"],
                    &[
                        "評価項目番号",
                        "区分",
                        "評価項目",
                        "評価の視点",
                        "配点（点）",
                    ],
                    &["1", "実績", "導入実績", "同規模団体での稼働実績", "10"],
                    &["2", "体制", "実施体制", "", "２０点"],
                    &["3", "", "操作性", "", "0"],
                    &["4", "", "", "", "5"],
                    &["1", "", "研修", "", "5"],
                    &["", "", "合計", "", "30"],
                ],
            )],
        )
    }

    fn kinds(findings: &[Finding]) -> Vec<(Severity, String, CommitteeProblem)> {
        findings
            .iter()
            .map(|f| match &f.kind {
                FindingKind::Committee(p) => (f.severity, f.cell.clone().unwrap(), p.clone()),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn criteria_rows_need_an_item_and_points_above_zero() {
        let mut findings = Vec::new();
        let criteria = read_criteria(&criteria_book(), 0, &mut findings);
        let got: Vec<(&str, &str, f64)> = (criteria.iter())
            .map(|c| (c.id.as_str(), c.item.as_str(), c.max))
            .collect();
        assert_eq!(got, [("1", "導入実績", 10.0), ("2", "実施体制", 20.0)]);
        assert_eq!(criteria[0].viewpoint, "同規模団体での稼働実績");
        assert_eq!(criteria[0].group, "実績");
        assert_eq!(
            kinds(&findings),
            [
                (Severity::Error, "E5".into(), CommitteeProblem::BadMax),
                (Severity::Error, "C6".into(), CommitteeProblem::BlankItem),
                (
                    Severity::Error,
                    "A7".into(),
                    CommitteeProblem::DuplicateItem {
                        id: "1".into(),
                        first_row: 3
                    }
                ),
            ]
        );
    }

    fn reader<'a>(
        criteria: &'a [Criterion],
        vendors: &'a [String],
        grades: &str,
    ) -> ScoresReader<'a> {
        let settings = Settings::from_toml(grades, "s.toml").unwrap();
        ScoresReader {
            criteria,
            items: ItemKeys::new(criteria),
            vendors: VendorKeys::new(vendors.iter().map(String::as_str)),
            vendor_names: vendors,
            grades: Grades::new(&settings),
        }
    }

    #[test]
    fn a_scoresheet_matches_rows_by_id_then_text_and_columns_by_vendor_name() {
        let criteria = read_criteria(&criteria_book(), 0, &mut Vec::new());
        let vendors = vec!["さくら電算".to_string(), "北日本情報システム".to_string()];
        let r = reader(
            &criteria,
            &vendors,
            "[committee]\ngrades = { A = 1.0, B = 0.5 }\n",
        );
        let wb = workbook(
            "委員A_山田.xlsx",
            vec![sheet(
                "評価",
                &[
                    &[
                        "評価項目番号",
                        "評価項目",
                        "株式会社さくら電算",
                        "北日本情報システム",
                        "さくら電算コメント",
                        "東和システム",
                        "備考",
                    ],
                    &["1", "導入実績", "8", "", "実績が豊富", "5", "要確認"],
                    &["", "実施体制", "ｂ", "25", "", "", ""],
                    &["", "合計", "18", "0", "", "", ""],
                ],
            )],
        );
        let mut findings = Vec::new();
        let s = r.read(&wb, 3, &mut findings);
        assert_eq!(s.evaluator, "委員A_山田");
        assert_eq!(
            s.scores,
            vec![vec![Some(8.0), None], vec![Some(10.0), None]]
        );
        assert_eq!(s.comments.len(), 1);
        assert_eq!(s.comments[0].text, "実績が豊富");
        assert_eq!(s.comments[0].vendor, VendorId::new(0));
        let got = kinds(&findings);
        assert_eq!(
            got[0],
            (
                Severity::Warning,
                "D2".into(),
                CommitteeProblem::BlankScore {
                    item: "1".into(),
                    vendor: "北日本情報システム".into()
                }
            )
        );
        assert_eq!(
            got[1],
            (
                Severity::Error,
                "D3".into(),
                CommitteeProblem::ScoreOutOfRange { max: 20.0 }
            )
        );
        assert_eq!(
            got[2],
            (
                Severity::Warning,
                "B4".into(),
                CommitteeProblem::UnknownItemRow
            )
        );
        // 東和システム is no vendor of the evaluation and holds a score; 備考 holds none.
        assert_eq!(
            got[3],
            (
                Severity::Warning,
                "F1".into(),
                CommitteeProblem::UnknownVendorColumn {
                    header: "東和システム".into()
                }
            )
        );
        assert_eq!(got.len(), 4);
        assert!(findings.iter().all(|f| f.order.0 == 3));
    }

    #[test]
    fn a_second_column_for_one_vendor_is_said_and_the_first_counts() {
        let criteria = read_criteria(&criteria_book(), 0, &mut Vec::new());
        let vendors = vec!["A社".to_string()];
        let r = reader(&criteria, &vendors, "");
        let wb = workbook(
            "委員C.xlsx",
            vec![sheet(
                "評価",
                &[
                    &["評価項目", "A社", "A社"],
                    &["導入実績", "7", "9"],
                    &["実施体制", "15", ""],
                ],
            )],
        );
        let mut findings = Vec::new();
        let s = r.read(&wb, 5, &mut findings);
        assert_eq!(s.scores, vec![vec![Some(7.0)], vec![Some(15.0)]]);
        assert_eq!(
            kinds(&findings),
            [(
                Severity::Warning,
                "C1".into(),
                CommitteeProblem::VendorColumnTwice {
                    header: "A社".into()
                }
            )]
        );
    }

    #[test]
    fn a_score_is_points_within_the_item_or_a_grade() {
        let criteria = read_criteria(&criteria_book(), 0, &mut Vec::new());
        let vendors = vec!["A社".to_string()];
        let graded = reader(
            &criteria,
            &vendors,
            "[committee]\ngrades = { A = 1.0, C = 0.5 }\n",
        );
        let t = |s: &str| CellValue::Text(s.into());
        assert_eq!(graded.grades.mark(&t("Ａ"), 20.0), Mark::Points(20.0));
        assert_eq!(graded.grades.mark(&t("c"), 20.0), Mark::Points(10.0));
        assert_eq!(graded.grades.mark(&t("B"), 20.0), Mark::NotAScore);
        assert_eq!(graded.grades.mark(&t("１５点"), 20.0), Mark::Points(15.0));
        assert_eq!(
            graded.grades.mark(&CellValue::Number(0.0), 20.0),
            Mark::Points(0.0)
        );
        assert_eq!(
            graded.grades.mark(&CellValue::Number(20.5), 20.0),
            Mark::OutOfRange
        );
        assert_eq!(
            graded.grades.mark(&CellValue::Number(-1.0), 20.0),
            Mark::OutOfRange
        );
        assert_eq!(graded.grades.mark(&t(" "), 20.0), Mark::Blank);
        assert_eq!(graded.grades.codes, ["A", "C"]);
    }

    #[test]
    fn a_scoresheet_without_item_texts_is_read_by_id_and_what_is_missing_is_said() {
        let criteria = read_criteria(&criteria_book(), 0, &mut Vec::new());
        let vendors = vec!["A社".to_string(), "B社".to_string()];
        let r = reader(&criteria, &vendors, "");
        let wb = workbook(
            "委員B.xlsx",
            vec![sheet("評価", &[&["No.", "A社"], &["２", "12"]])],
        );
        let mut findings = Vec::new();
        let s = r.read(&wb, 4, &mut findings);
        assert_eq!(s.scores, vec![vec![None, None], vec![Some(12.0), None]]);
        let kinds: Vec<&FindingKind> = findings.iter().map(|f| &f.kind).collect();
        assert_eq!(
            kinds,
            [
                &FindingKind::Committee(CommitteeProblem::MissingVendorColumn {
                    vendor: "B社".into()
                }),
                &FindingKind::Committee(CommitteeProblem::MissingItem { item: "1".into() })
            ]
        );
        assert!(findings.iter().all(|f| f.severity == Severity::Warning));
    }
}
