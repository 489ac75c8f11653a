//! The members workbook of a cost split (SPEC §14): one row per town with
//! its population, its current cost and, for towns considering joining,
//! its status.
//!
//! ```text
//!   構成団体一覧
//!   団体名   | 人口   | 現行経費（千円） | 利用業務数 | 区分
//!   桜川町   | 18,420 | 96,500           | 22         |
//!   東山村   |  4,150 | 31,800           | 18         | 加入予定
//! ```
//!
//! Every figure decides what a town pays, so a row that cannot be read in
//! full is an error naming its cell, never a town left out in silence or a
//! figure guessed at; the command refuses to split until it is fixed.

use std::collections::HashMap;

use crate::model::{
    CheckedField, Finding, FindingKind, HeaderNeed, MemberProblem, Severity, Town, TownStatus,
};
use crate::normalize::{YenParse, compare_key, parse_yen, vendor_key};
use crate::read::header::MEMBER_ALIASES;
use crate::read::sheet_checks::{
    CheckedColumn, Reporter, for_each_table_sheet, report_formulas, report_merged,
};
use crate::read::table::{AmountNote, Column, Schema, TableHeader};
use crate::read::workbook::{CellValue, Sheet, SheetRow, Workbook, cell_text};

const MEMBER: usize = 0;
const POPULATION: usize = 1;
const CURRENT: usize = 2;
const BUSINESSES: usize = 3;
const STATUS: usize = 4;

/// The columns of the members workbook. The member aliases are §3.1's.
pub static MEMBERS: Schema = Schema {
    need: HeaderNeed::Members,
    columns: &[
        Column {
            aliases: MEMBER_ALIASES,
            required: true,
        },
        Column {
            aliases: &["人口", "住民基本台帳人口", "Population"],
            required: true,
        },
        Column {
            aliases: &["現行経費", "現行費用", "現在の経費", "Current cost"],
            required: true,
        },
        Column {
            aliases: &["利用業務数", "業務数", "Businesses"],
            required: false,
        },
        Column {
            aliases: &["区分", "参加区分", "Status"],
            required: false,
        },
    ],
};

/// Names of a totals row under the table: not a town.
const TOTAL_ROWS: [&str; 4] = ["合計", "計", "total", "総計"];

/// The towns of a members workbook, in row order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Towns {
    pub towns: Vec<Town>,
    /// Data rows read, good or not.
    pub rows: usize,
}

/// Reads the towns. `need_businesses`: the settings weigh the business
/// share, so every town must state its businesses. Rows with a problem are
/// left out of `towns` and raise an error finding each.
pub fn read_members(
    wb: &Workbook,
    need_businesses: bool,
    file_order: usize,
    findings: &mut Vec<Finding>,
) -> Towns {
    let mut r = Reporter::new(&wb.file, file_order, findings);
    let mut reading = Reading {
        need_businesses,
        towns: Towns::default(),
        first_row: HashMap::new(),
    };
    for_each_table_sheet(&mut r, wb, &MEMBERS, |r, sheet, header| {
        reading.read_sheet(r, sheet, header)
    });
    reading.towns
}

struct Reading {
    need_businesses: bool,
    towns: Towns,
    /// Each town's key → the 1-based row that named it first.
    first_row: HashMap<String, u32>,
}

impl Reading {
    fn read_sheet(&mut self, r: &mut Reporter, sheet: &Sheet, header: &TableHeader) {
        let col = |i| header.col(i);
        let current_col = col(CURRENT).expect("current is required");
        let checked = [CheckedColumn {
            col: current_col,
            field: CheckedField::Cost,
        }];
        report_formulas(r, sheet, header.row, &checked);
        report_merged(r, sheet, header.row, &checked);
        let scale = header.amount_note(CURRENT);
        for row in sheet.rows.iter().filter(|row| row.index > header.row) {
            let cells = [MEMBER, POPULATION, CURRENT, BUSINESSES, STATUS]
                .map(|i| col(i).map_or(&CellValue::Empty, |c| row.get(c)));
            if cells.iter().all(|c| c.is_blank()) {
                continue;
            }
            let name = cell_text(cells[MEMBER]).into_owned();
            if TOTAL_ROWS.contains(&compare_key(&name).as_str()) {
                continue;
            }
            self.towns.rows += 1;
            if let Some(town) = self.read_row(r, sheet, header, row, name, scale) {
                self.towns.towns.push(town);
            }
        }
    }

    /// One town, or `None` after reporting each of the row's problems.
    fn read_row(
        &mut self,
        r: &mut Reporter,
        sheet: &Sheet,
        header: &TableHeader,
        row: &SheetRow,
        name: String,
        scale: AmountNote,
    ) -> Option<Town> {
        let mut ok = true;
        let mut problem = |r: &mut Reporter, column: usize, problem: MemberProblem| {
            ok = false;
            let col = header.col(column).unwrap_or(0);
            let finding = r
                .on(sheet, Severity::Error, FindingKind::Member(problem))
                .at_cell(row.index, col)
                .with_value(cell_text(row.get(col)));
            r.push(finding);
        };
        if name.is_empty() {
            problem(r, MEMBER, MemberProblem::BlankName);
        } else if let Some(&first_row) = self.first_row.get(&vendor_key(&name)) {
            problem(r, MEMBER, MemberProblem::DuplicateTown { first_row });
        }
        let cell = |i: usize| header.col(i).map_or(&CellValue::Empty, |c| row.get(c));
        let population = count(cell(POPULATION)).filter(|p| *p > 0.0);
        if population.is_none() {
            problem(r, POPULATION, MemberProblem::BadPopulation);
        }
        let current = amount(cell(CURRENT), scale.scale);
        if current.is_none() {
            problem(r, CURRENT, MemberProblem::BadCurrent);
        }
        let businesses = match cell(BUSINESSES) {
            c if c.is_blank() => None,
            c => match count(c) {
                Some(b) => Some(b),
                None => {
                    problem(r, BUSINESSES, MemberProblem::BadBusinesses);
                    None
                }
            },
        };
        if self.need_businesses && cell(BUSINESSES).is_blank() {
            if header.col(BUSINESSES).is_some() {
                problem(r, BUSINESSES, MemberProblem::BadBusinesses);
            } else {
                problem(r, MEMBER, MemberProblem::BadBusinesses);
            }
        }
        let status = status_of(&cell_text(cell(STATUS)));
        if status.is_none() {
            problem(r, STATUS, MemberProblem::UnknownStatus);
        }
        if !name.is_empty() {
            self.first_row
                .entry(vendor_key(&name))
                .or_insert(row.index + 1);
        }
        let (Some(population), Some(current), Some(status)) = (population, current, status) else {
            return None;
        };
        ok.then(|| Town {
            name,
            population,
            current,
            businesses,
            status,
            sheet: sheet.name.clone(),
            row: row.index + 1,
        })
    }
}

/// A count written as a number or as text (`18,420`, `１８４２０人`, `22業務`):
/// `None` when it is not a number ≥ 0.
fn count(value: &CellValue) -> Option<f64> {
    let n = match value {
        CellValue::Number(n) => *n,
        CellValue::Text(_) => {
            let key = compare_key(&cell_text(value)).replace(',', "");
            let key = key
                .strip_suffix('人')
                .or_else(|| key.strip_suffix("業務"))
                .unwrap_or(&key);
            key.parse::<f64>().ok()?
        }
        _ => return None,
    };
    (n.is_finite() && n >= 0.0).then_some(n)
}

/// A yen amount: a number or bare numeric text times the header's unit
/// (千円, 万円); text with its own unit (`9650万円`) as written.
fn amount(value: &CellValue, scale: f64) -> Option<f64> {
    match value {
        CellValue::Number(n) if n.is_finite() && *n >= 0.0 => Some(n * scale),
        CellValue::Text(_) => match parse_yen(&cell_text(value)) {
            YenParse::Amount { yen, plain: true } => Some(yen * scale),
            YenParse::Amount { yen, plain: false } => Some(yen),
            YenParse::NotStated | YenParse::Unparseable => None,
        },
        _ => None,
    }
}

/// Blank or 参加 (member, 構成団体): a member; 新規, 加入予定, 候補, candidate:
/// a town considering joining.
fn status_of(text: &str) -> Option<TownStatus> {
    match compare_key(text).as_str() {
        "" | "参加" | "member" | "構成団体" => Some(TownStatus::Member),
        "新規" | "加入予定" | "候補" | "candidate" => Some(TownStatus::Candidate),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::testkit::{sheet, workbook};

    fn read(rows: &[&[&str]], need_businesses: bool) -> (Towns, Vec<Finding>) {
        let wb = workbook("members.xlsx", vec![sheet("構成団体", rows)]);
        let mut findings = Vec::new();
        let towns = read_members(&wb, need_businesses, 0, &mut findings);
        (towns, findings)
    }

    fn places(findings: &[Finding]) -> Vec<(String, MemberProblem)> {
        findings
            .iter()
            .map(|f| {
                let FindingKind::Member(p) = &f.kind else {
                    panic!("{f:?}")
                };
                assert_eq!(f.severity, Severity::Error);
                (f.cell.clone().unwrap(), p.clone())
            })
            .collect()
    }

    #[test]
    fn the_schema_is_unambiguous() {
        MEMBERS.assert_unambiguous();
    }

    #[test]
    fn towns_with_scaled_costs_statuses_and_a_totals_row() {
        let (towns, findings) = read(
            &[
                &["構成団体一覧"],
                &[
                    "団体名",
                    "人口（人）",
                    "現行経費（千円・税込）",
                    "業務数",
                    "区分",
                ],
                &["桜川町", "18420", "96500", "22", ""],
                &["北見沢村", "'3,980人", "'2億4100万円", "", "参加"],
                &["東山村", "4150", "31800", "18", "加入予定"],
                &["合計", "26550", "", "", ""],
            ],
            false,
        );
        assert_eq!(findings, []);
        assert_eq!(towns.rows, 3);
        let t = &towns.towns;
        assert_eq!(t.len(), 3);
        assert_eq!(
            (t[0].name.as_str(), t[0].population, t[0].current),
            ("桜川町", 18420.0, 96_500_000.0)
        );
        assert_eq!(t[0].businesses, Some(22.0));
        assert_eq!((t[1].population, t[1].current), (3980.0, 241_000_000.0));
        assert_eq!(t[1].businesses, None);
        assert_eq!(t[2].status, TownStatus::Candidate);
        assert_eq!((t[2].sheet.as_str(), t[2].row), ("構成団体", 5));
    }

    /// Every problem is a row naming its cell; the town is left out.
    #[test]
    fn bad_rows_are_errors_naming_their_cells() {
        let (towns, findings) = read(
            &[
                &["団体名", "人口", "現行経費", "利用業務数", "区分"],
                &["桜川町", "18420", "96500000", "22", ""],
                &["", "5000", "1000000", "", ""],
                &["南原町", "0", "不明", "多い", "脱退"],
                &["桜川 町", "100", "100", "", ""],
                &["青葉町", "12000", "", "", ""],
            ],
            false,
        );
        assert_eq!(towns.towns.len(), 1);
        assert_eq!(towns.rows, 5);
        assert_eq!(
            places(&findings),
            [
                ("A3".to_string(), MemberProblem::BlankName),
                ("B4".to_string(), MemberProblem::BadPopulation),
                ("C4".to_string(), MemberProblem::BadCurrent),
                ("D4".to_string(), MemberProblem::BadBusinesses),
                ("E4".to_string(), MemberProblem::UnknownStatus),
                (
                    "A5".to_string(),
                    MemberProblem::DuplicateTown { first_row: 2 }
                ),
                ("C6".to_string(), MemberProblem::BadCurrent),
            ]
        );
        assert_eq!(findings[2].value.as_deref(), Some("不明"));
    }

    #[test]
    fn a_weighted_business_share_needs_every_count() {
        let (towns, findings) = read(
            &[
                &["団体名", "人口", "現行経費", "利用業務数"],
                &["桜川町", "18420", "96500000", "22"],
                &["青葉町", "12000", "60000000", ""],
            ],
            true,
        );
        assert_eq!(towns.towns.len(), 1);
        assert_eq!(
            places(&findings),
            [("D3".to_string(), MemberProblem::BadBusinesses)]
        );
    }

    /// A hidden row is read but said; a formula in a cost cell is said: the
    /// value read is the last calculated one.
    #[test]
    fn hidden_rows_and_formulas_are_warnings_and_the_town_still_counts() {
        let mut s = sheet(
            "構成団体",
            &[
                &["団体名", "人口", "現行経費（万円）"],
                &["桜川町", "18420", "'9,650"],
                &["南原町", "12650", "7280"],
            ],
        );
        s.hidden_rows = vec![2];
        s.formulas = vec![(1, 2, "9000+650".into())];
        let wb = workbook("members.xlsx", vec![s]);
        let mut findings = Vec::new();
        let towns = read_members(&wb, false, 0, &mut findings);
        assert_eq!(towns.towns.len(), 2);
        assert_eq!(towns.towns[0].current, 96_500_000.0);
        let said: Vec<(Severity, &str)> = findings
            .iter()
            .map(|f| (f.severity, f.cell.as_deref().unwrap()))
            .collect();
        assert_eq!(
            said,
            [(Severity::Warning, "3:3"), (Severity::Warning, "C2")]
        );
    }

    #[test]
    fn no_header_is_an_error_for_the_file() {
        let (towns, findings) = read(&[&["団体名", "人口"], &["桜川町", "18420"]], false);
        assert!(towns.towns.is_empty());
        assert_eq!(findings.len(), 2, "{findings:?}");
        assert_eq!(findings[1].severity, Severity::Error);
        assert_eq!(
            findings[1].kind,
            FindingKind::NoHeaderInFile {
                need: HeaderNeed::Members
            }
        );
    }
}
