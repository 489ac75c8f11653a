//! The member towns' customization requests (SPEC §3.4).
//!
//! Secretariats collect requests in one of two shapes: a *long* list, one row
//! per (town, requirement), or a *wide* grid, one column per town with a mark
//! where the town asks for the requirement. The shape is told by the header:
//! a member column means the long form. A town is known by its name; when the
//! settings list the consortium's towns, that list is the membership and a
//! request from anyone else is reported rather than counted.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::model::{Finding, FindingKind, MemberRequests, Severity};
use crate::normalize::compare_key;
use crate::read::header::{Field, Header, HeaderNeed, field_of_header};
use crate::read::matrix::{Matrix, id_of, report_date_id};
use crate::read::sheet_checks::{Reporter, for_each_data_sheet};
use crate::read::workbook::{CellValue, Sheet, SheetRow, Workbook, cell_text};
use crate::settings::Settings;

/// Marks in a wide-form cell that say "no request".
const NO_REQUEST: [&str; 9] = ["×", "-", "－", "不要", "なし", "0", "no", "false", ""];

/// Whether a wide-form cell marks a request: its text (numbers and booleans
/// as `0`, `1`, `true`, `false`), NFKC and lower-cased, is non-empty and not
/// a "no" mark once trimmed.
///
/// Not [`compare_key`], which would also drop the spaces inside the text and
/// read `な し` as `なし`: only the ends of the text are trimmed here.
fn marks_request(value: &CellValue) -> bool {
    let key: String = match value {
        CellValue::Bool(b) => return *b,
        other => cell_text(other)
            .nfkc()
            .flat_map(char::to_lowercase)
            .collect(),
    };
    !NO_REQUEST.contains(&key.trim())
}

/// The consortium's members as they become known.
struct Members {
    names: Vec<String>,
    by_key: HashMap<String, usize>,
    /// True when the settings list the members: no one else joins.
    fixed: bool,
}

impl Members {
    fn new(listed: &[String]) -> Self {
        let mut members = Members {
            names: Vec::new(),
            by_key: HashMap::new(),
            fixed: false,
        };
        for name in listed {
            members.admit(name);
        }
        members.fixed = !listed.is_empty();
        members
    }

    /// The index of a town, admitting it when the membership is not fixed;
    /// `None` for a town outside a fixed list.
    fn admit(&mut self, name: &str) -> Option<usize> {
        let key = compare_key(name);
        if let Some(&i) = self.by_key.get(&key) {
            return Some(i);
        }
        if self.fixed {
            return None;
        }
        self.names.push(name.trim().to_string());
        self.by_key.insert(key, self.names.len() - 1);
        Some(self.names.len() - 1)
    }
}

/// Reads the members' requests.
///
/// `file_order` goes into `Finding.order.0` so findings sort by input file.
pub fn read_requests(
    wb: &Workbook,
    matrix: &Matrix,
    settings: &Settings,
    file_order: usize,
    findings: &mut Vec<Finding>,
) -> MemberRequests {
    let before = findings.len();
    let mut r = Reporter::new(&wb.file, file_order, findings);
    let mut reading = RequestsReader {
        matrix,
        members: Members::new(&settings.members),
        by_requirement: vec![Vec::new(); matrix.requirements.len()],
        seen: 0,
    };
    for_each_data_sheet(&mut r, wb, HeaderNeed::Requests, |r, sheet, header| {
        if header.columns.get(Field::Member).is_some() {
            reading.read_long(r, sheet, header);
        } else {
            reading.read_wide(r, sheet, header);
        }
    });
    for members in &mut reading.by_requirement {
        members.sort_unstable();
        members.dedup();
    }
    // A file without a single request is said, unless an error about it
    // says why already: the customization tally would otherwise show no town
    // asking for anything, as if none had.
    let explained = r.findings[before..]
        .iter()
        .any(|f| f.severity == Severity::Error);
    if reading.seen == 0 && !explained {
        let finding = r.about_file(Severity::Warning, FindingKind::NoRequests);
        r.push(finding);
    }
    MemberRequests {
        file: wb.file.clone(),
        members: reading.members.names,
        by_requirement: reading.by_requirement,
    }
}

struct RequestsReader<'a> {
    matrix: &'a Matrix,
    members: Members,
    by_requirement: Vec<Vec<usize>>,
    /// Requests met (a long-form row, a wide-form mark), counted or not.
    seen: usize,
}

impl RequestsReader<'_> {
    /// One row per request: (member, ID).
    fn read_long(&mut self, r: &mut Reporter, sheet: &Sheet, header: &Header) {
        let id_col = header
            .columns
            .get(Field::Id)
            .expect("a requests header has an ID column");
        let member_col = header
            .columns
            .get(Field::Member)
            .expect("the long form has a member column");
        for row in sheet.rows.iter().filter(|row| row.index > header.row) {
            let id_cell = row.get(id_col);
            let town = cell_text(row.get(member_col));
            if id_cell.is_blank() && town.is_empty() {
                continue;
            }
            self.seen += 1;
            if town.is_empty() {
                let finding = r
                    .on(sheet, Severity::Warning, FindingKind::BlankMember)
                    .at_cell(row.index, member_col)
                    .with_value(cell_text(id_cell).as_ref());
                r.push(finding);
                continue;
            }
            let member = self.member(r, sheet, row.index, member_col, &town);
            let requirement = self.requirement(r, sheet, row, id_col, &town);
            if let (Some(member), Some(requirement)) = (member, requirement) {
                self.by_requirement[requirement].push(member);
            }
        }
    }

    /// One column per member, a mark where the member requests the row's requirement.
    fn read_wide(&mut self, r: &mut Reporter, sheet: &Sheet, header: &Header) {
        let id_col = header
            .columns
            .get(Field::Id)
            .expect("a requests header has an ID column");
        // (column, member index or None for a town outside a fixed list, name), ascending.
        let columns: Vec<(u32, Option<usize>, &str)> = header
            .columns
            .headers
            .iter()
            .filter(|(col, text)| *col != id_col && field_of_header(text).is_none())
            .map(|(col, text)| (*col, self.members.admit(text), text.as_str()))
            .collect();
        for row in sheet.rows.iter().filter(|row| row.index > header.row) {
            // The member columns first: the ID and requirement text of each
            // row are never normalized as if they were marks.
            let marked: Vec<&(u32, Option<usize>, &str)> = row
                .cells
                .iter()
                .filter_map(|(col, value)| {
                    columns
                        .binary_search_by_key(col, |(c, _, _)| *c)
                        .ok()
                        .map(|i| (&columns[i], value))
                })
                .filter(|(_, value)| marks_request(value))
                .map(|(column, _)| column)
                .collect();
            self.seen += marked.len();
            let id_cell = row.get(id_col);
            if id_cell.is_blank() {
                if !marked.is_empty() {
                    let towns: Vec<&str> = marked.iter().map(|(_, _, name)| *name).collect();
                    let finding = r
                        .on(sheet, Severity::Warning, FindingKind::BlankRowId)
                        .at_cell(row.index, id_col)
                        .with_value(towns.join(", "));
                    r.push(finding);
                }
                continue;
            }
            let requirement = self.requirement(r, sheet, row, id_col, "");
            for &&(col, member, name) in &marked {
                match member {
                    Some(member) => {
                        if let Some(requirement) = requirement {
                            self.by_requirement[requirement].push(member);
                        }
                    }
                    None => report_outsider(r, sheet, row.index, col, name),
                }
            }
        }
    }

    /// A town's member index; reports a town outside the settings' list.
    fn member(
        &mut self,
        r: &mut Reporter,
        sheet: &Sheet,
        row: u32,
        col: u32,
        town: &str,
    ) -> Option<usize> {
        let member = self.members.admit(town);
        if member.is_none() {
            report_outsider(r, sheet, row, col, town);
        }
        member
    }

    /// The requirement a row's ID names; reports dates and unknown IDs.
    /// `context` is the requesting town, named in the value of a blank ID.
    fn requirement(
        &self,
        r: &mut Reporter,
        sheet: &Sheet,
        row: &SheetRow,
        id_col: u32,
        context: &str,
    ) -> Option<usize> {
        let id_cell = row.get(id_col);
        let (raw, id) = match id_of(id_cell) {
            Ok(ids) => ids,
            Err(date) => {
                report_date_id(r, sheet, row.index, id_col, &date);
                return None;
            }
        };
        if id.is_empty() {
            let finding = r
                .on(sheet, Severity::Warning, FindingKind::BlankRequestId)
                .at_cell(row.index, id_col)
                .with_value(context);
            r.push(finding);
            return None;
        }
        let index = self.matrix.index_of_id(&id);
        if index.is_none() && !self.matrix.was_removed(&id) {
            let finding = r
                .on(sheet, Severity::Warning, FindingKind::RequestIdNotInMatrix)
                .at_cell(row.index, id_col)
                .with_value(raw);
            r.push(finding);
        }
        index
    }
}

/// Reports a request from a town that the settings do not list as a member.
fn report_outsider(r: &mut Reporter, sheet: &Sheet, row: u32, col: u32, town: &str) {
    let kind = FindingKind::NotAMember {
        town: town.to_string(),
    };
    let finding = r
        .on(sheet, Severity::Warning, kind)
        .at_cell(row, col)
        .with_value(town);
    r.push(finding);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Priority, Requirement};
    use crate::read::testkit::{sheet, workbook};
    use crate::read::workbook::Visibility;

    fn matrix() -> Matrix {
        let req = |id: &str, text: &str| Requirement {
            id: id.into(),
            area: "住民記録".into(),
            category: String::new(),
            text: text.into(),
            priority: Priority::Desirable,
            weight: 2.0,
            sheet: "住民記録".into(),
            row: 2,
        };
        Matrix::new(vec![
            req("JR-001", "住民票の写しを交付できること"),
            req("JR-002", "転入届を受け付けられること"),
            req("JR-003", "圧着はがきで通知書を出力できること"),
        ])
    }

    fn read_with(wb: &Workbook, settings: &Settings) -> (MemberRequests, Vec<Finding>) {
        let mut findings = Vec::new();
        let m = read_requests(wb, &matrix(), settings, 4, &mut findings);
        (m, findings)
    }

    fn read(wb: &Workbook) -> (MemberRequests, Vec<Finding>) {
        read_with(wb, &Settings::default())
    }

    fn cells(findings: &[Finding]) -> Vec<(Severity, String, String)> {
        findings
            .iter()
            .map(|f| {
                (
                    f.severity,
                    f.cell.clone().unwrap_or_default(),
                    f.value.clone().unwrap_or_default(),
                )
            })
            .collect()
    }

    fn w(cell: &str, value: &str) -> (Severity, String, String) {
        (Severity::Warning, cell.into(), value.into())
    }

    #[test]
    fn no_request_marks() {
        for text in [
            "×",
            "-",
            "－",
            "不要",
            "なし",
            "0",
            "NO",
            " No ",
            "false",
            "FALSE",
            "",
            "  ",
            "ｎｏ",
            "　なし　",
        ] {
            assert!(!marks_request(&CellValue::Text(text.into())), "{text:?}");
        }
        for text in ["○", "要", "1", "true", "✓", "あり", "な し"] {
            assert!(marks_request(&CellValue::Text(text.into())), "{text:?}");
        }
        assert!(marks_request(&CellValue::Number(1.0)));
        assert!(!marks_request(&CellValue::Number(0.0)));
        assert!(marks_request(&CellValue::Bool(true)));
        assert!(!marks_request(&CellValue::Bool(false)));
        assert!(!marks_request(&CellValue::Empty));
    }

    #[test]
    fn wide_form_one_column_per_member() {
        let wb = workbook(
            "要望.xlsx",
            vec![sheet(
                "カスタマイズ要望",
                &[
                    &["構成団体のカスタマイズ要望"],
                    &["要件ID", "要件", "甲町", "乙村", "丙町", "備考"],
                    &[
                        "JR-001",
                        "住民票の写しを交付できること",
                        "○",
                        "×",
                        "",
                        "窓口で要望",
                    ],
                    &[
                        "JR-003",
                        "圧着はがきで通知書を出力できること",
                        "○",
                        "1",
                        "TRUE",
                        "",
                    ],
                    &["jr-003", "", "", "", "○", ""],
                    &["JR-009", "旧システムと同じ画面", "○", "", "", ""],
                ],
            )],
        );
        let (m, findings) = read(&wb);
        assert_eq!(m.file, "要望.xlsx");
        assert_eq!(m.members, ["甲町", "乙村", "丙町"]);
        assert_eq!(m.by_requirement, [vec![0], vec![], vec![0, 1, 2]]);
        assert_eq!(cells(&findings), [w("A6", "JR-009")]);
        assert_eq!(findings[0].order, (4, 0, 6, 1));
    }

    #[test]
    fn wide_form_members_without_requests_still_count() {
        let wb = workbook(
            "要望.xlsx",
            vec![sheet(
                "要望",
                &[&["No", "甲町", "乙村"], &["JR-002", "○", "不要"]],
            )],
        );
        let (m, findings) = read(&wb);
        assert_eq!(findings, []);
        assert_eq!(m.members, ["甲町", "乙村"]);
        assert_eq!(m.by_requirement, [vec![], vec![0], vec![]]);
    }

    #[test]
    fn long_form_one_row_per_request() {
        let wb = workbook(
            "要望.xlsx",
            vec![sheet(
                "要望一覧",
                &[
                    &["団体名", "要件ID", "要望内容"],
                    &["乙村", "JR-003", "圧着はがきの様式を追加"],
                    &["甲町", "JR-003", "同上"],
                    &["甲町", "JR-001", "証明書の様式変更"],
                    &["乙村 ", "ＪＲ－００３", "重複"],
                    &["丙町", "JR-404", "独自帳票"],
                    &["", "JR-002", "団体名なし"],
                ],
            )],
        );
        let (m, findings) = read(&wb);
        assert_eq!(m.members, ["乙村", "甲町", "丙町"]);
        assert_eq!(m.by_requirement, [vec![1], vec![], vec![0, 1]]);
        assert_eq!(cells(&findings), [w("B6", "JR-404"), w("A7", "JR-002")]);
    }

    #[test]
    fn settings_members_override() {
        let settings = Settings {
            members: vec!["甲町".into(), "乙村".into(), "丁市".into()],
            ..Settings::default()
        };
        let wide = workbook(
            "要望.xlsx",
            vec![sheet(
                "要望",
                &[
                    &["要件ID", "乙村", "戊町"],
                    &["JR-001", "○", "○"],
                    &["JR-002", "", "×"],
                ],
            )],
        );
        let (m, findings) = read_with(&wide, &settings);
        assert_eq!(m.members, ["甲町", "乙村", "丁市"]);
        assert_eq!(m.by_requirement, [vec![1], vec![], vec![]]);
        assert_eq!(cells(&findings), [w("C2", "戊町")]);

        let long = workbook(
            "要望.xlsx",
            vec![sheet(
                "要望",
                &[
                    &["Municipality", "Req ID"],
                    &["丁市", "JR-002"],
                    &["戊町", "JR-002"],
                ],
            )],
        );
        let (m, findings) = read_with(&long, &settings);
        assert_eq!(m.members, ["甲町", "乙村", "丁市"]);
        assert_eq!(m.by_requirement, [vec![], vec![2], vec![]]);
        assert_eq!(cells(&findings), [w("A3", "戊町")]);
    }

    #[test]
    fn rows_without_a_usable_id() {
        let wb = workbook(
            "要望.xlsx",
            vec![sheet(
                "要望",
                &[
                    &["要件ID", "甲町", "乙村"],
                    &["", "○", "○"],
                    &["", "×", ""],
                    &["date:2024-01-02", "○", ""],
                ],
            )],
        );
        let (m, findings) = read(&wb);
        assert_eq!(m.by_requirement, [Vec::<usize>::new(), vec![], vec![]]);
        assert_eq!(
            cells(&findings),
            [
                w("A2", "甲町, 乙村"),
                (Severity::Error, "A4".into(), "2024-01-02".into())
            ]
        );
    }

    #[test]
    fn no_header_is_an_error_for_the_file() {
        let wb = workbook(
            "要望.xlsx",
            vec![sheet("要望", &[&["団体", "要望"], &["甲町", "JR-001"]])],
        );
        let (m, findings) = read(&wb);
        assert!(m.members.is_empty());
        assert_eq!(m.by_requirement.len(), 3);
        assert_eq!(
            cells(&findings),
            [(Severity::Error, String::new(), String::new())]
        );
    }

    /// A file read without a single request is a warning, not a silence;
    /// a file whose error says why gets no second row.
    #[test]
    fn a_file_without_a_request_is_a_warning() {
        let wb = workbook(
            "要望.xlsx",
            vec![sheet(
                "要望",
                &[&["要件ID", "甲町", "乙村"], &["JR-001", "", ""]],
            )],
        );
        let (m, findings) = read(&wb);
        assert_eq!(m.members, ["甲町", "乙村"]);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(findings[0].kind, FindingKind::NoRequests);
        assert_eq!(
            (findings[0].sheet.as_deref(), findings[0].cell.as_deref()),
            (None, None)
        );

        let no_header = workbook(
            "要望.xlsx",
            vec![sheet("要望", &[&["団体", "要望"], &["甲町", "JR-001"]])],
        );
        let (_, findings) = read(&no_header);
        assert!(!findings.iter().any(|f| f.kind == FindingKind::NoRequests));
    }

    #[test]
    fn hidden_sheet_not_read() {
        let mut hidden = sheet("旧要望", &[&["要件ID", "戊町"], &["JR-001", "○"]]);
        hidden.visibility = Visibility::Hidden;
        let wb = workbook(
            "要望.xlsx",
            vec![
                hidden,
                sheet("要望", &[&["要件ID", "甲町"], &["JR-002", "○"]]),
            ],
        );
        let (m, findings) = read(&wb);
        assert_eq!(m.members, ["甲町"]);
        assert_eq!(m.by_requirement, [vec![], vec![0], vec![]]);
        assert_eq!(
            cells(&findings),
            [(Severity::Warning, String::new(), "hidden".into())]
        );
    }
}
