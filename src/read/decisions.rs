//! The committee's decisions (裁定, SPEC §11): one row per decision — the
//! vendor, optionally a requirement and a code, the ruling and its reason.
//!
//! The workbook is a committee's own record, typed by a secretariat: the
//! vendor is written with its company form (`株式会社さくら電算`), the ID in
//! full width, the ruling as a legend code (`◎`) or a level's name (`標準`).
//! Every row that cannot be applied as written — a vendor or ID nobody
//! evaluated, a ruling outside the legend, no reason — is an error row at its
//! cell and applies to nothing: a decision the record cannot justify must
//! not move a score.
//!
//! ```text
//!   裁定記録
//!   事業者名       | 要件ID | 回答 | 判定 | 理由                 | 決定日
//!   株式会社北日本 |        | ○    | 標準 | 質疑回答No.12で確認  | 2025-06-10
//!   さくら電算     | JR-014 |      | 代替 | 質疑回答No.15で確認  | 2025-06-12
//! ```

use std::collections::HashMap;
use std::path::Path;

use crate::model::{
    Decision, DecisionProblem, Decisions, Finding, FindingKind, HeaderNeed, InputFile, Inputs,
    Level, ReqIx, Role, Severity, VendorId,
};
use crate::normalize::{Found, Legend, VendorKeys, compare_key};
use crate::read::header::{ID_ALIASES, VENDOR_ALIASES};
use crate::read::inputs::{Stop, open_required};
use crate::read::matrix::id_of;
use crate::read::sheet_checks::{Reporter, for_each_table_sheet};
use crate::read::table::{Column, Schema, TableHeader};
use crate::read::workbook::{CellValue, Sheet, SheetRow, Workbook, cell_text};
use crate::settings::Settings;

const VENDOR: usize = 0;
const ID: usize = 1;
const CODE: usize = 2;
const RULING: usize = 3;
const REASON: usize = 4;
const DATE: usize = 5;

/// The columns of a decisions sheet (§11); the vendor aliases are §12's.
pub static SCHEMA: Schema = Schema {
    need: HeaderNeed::Decisions,
    columns: &[
        Column {
            aliases: VENDOR_ALIASES,
            required: true,
        },
        Column {
            aliases: ID_ALIASES,
            required: false,
        },
        Column {
            aliases: &["回答", "回答コード", "Code"],
            required: false,
        },
        Column {
            aliases: &["判定", "裁定", "決定", "Ruling"],
            required: true,
        },
        Column {
            aliases: &["理由", "根拠", "Reason"],
            required: true,
        },
        Column {
            aliases: &["決定日", "日付", "Date"],
            required: false,
        },
    ],
};

/// The level names a ruling may give instead of a legend code.
const LEVEL_NAMES: [(&str, Level); 8] = [
    ("standard", Level::Standard),
    ("標準", Level::Standard),
    ("alternative", Level::Alternative),
    ("代替", Level::Alternative),
    ("customization", Level::Customization),
    ("カスタマイズ", Level::Customization),
    ("unsupported", Level::Unsupported),
    ("対応不可", Level::Unsupported),
];

/// The level a ruling names: a level name, else a legend code of an
/// answered level; `None` for anything else (blank included).
pub fn ruling_level(text: &str, legend: &Legend) -> Option<Level> {
    let key = compare_key(text);
    if let Some(&(_, level)) = LEVEL_NAMES
        .iter()
        .find(|(name, _)| compare_key(name) == key)
    {
        return Some(level);
    }
    let level = legend.level_of(text);
    Level::ANSWERED.contains(&level).then_some(level)
}

/// Reads the decisions file into `inputs.decisions`, with its findings and
/// its place on the record. The file is a required input once named: a
/// file that cannot be opened stops the run.
#[allow(clippy::result_large_err)]
pub fn read_decisions_file(
    path: &Path,
    inputs: &mut Inputs,
    settings: &Settings,
) -> Result<(), Stop> {
    let wb = open_required(path, settings)?;
    let legend = Legend::new(&settings.legend);
    // After every other input's findings.
    let order = inputs.findings.iter().map(|f| f.order.0).max().unwrap_or(0) + 1;
    let mut findings = Vec::new();
    let decisions = read_decisions(&wb, inputs, &legend, order, &mut findings);
    findings.sort_by_key(|f| f.order);
    inputs.findings.extend(findings);
    inputs.files.push(InputFile {
        file: wb.file.clone(),
        role: Role::Decisions,
        sha256: wb.sha256.clone(),
        rows: decisions.rows.len(),
    });
    inputs.decisions = Some(decisions);
    Ok(())
}

/// Reads every decision row of a workbook against the evaluated vendors
/// and the matrix of `inputs`.
pub fn read_decisions(
    wb: &Workbook,
    inputs: &Inputs,
    legend: &Legend,
    file_order: usize,
    findings: &mut Vec<Finding>,
) -> Decisions {
    let mut r = Reporter::new(&wb.file, file_order, findings);
    let reader = DecisionReader {
        vendors: VendorKeys::new(inputs.vendors.iter().map(|v| v.name.as_str())),
        key: inputs.key.as_ref(),
        ids: (inputs.requirements.iter().enumerate())
            .map(|(i, req)| (req.id.as_str(), i))
            .collect(),
        legend,
    };
    let mut rows = Vec::new();
    for_each_table_sheet(&mut r, wb, &SCHEMA, |r, sheet, header| {
        for row in sheet.rows.iter().filter(|row| row.index > header.row) {
            if let Some(decision) = reader.read_row(r, sheet, header, row) {
                rows.push(decision);
            }
        }
    });
    Decisions {
        file: wb.file.clone(),
        rows,
        ruled: Vec::new(),
    }
}

struct DecisionReader<'a> {
    vendors: VendorKeys,
    /// On blind copies (`evaluate --key`), a row may name the vendor by its
    /// real name: the key gives its label.
    key: Option<&'a crate::blind::key::KeyNames>,
    /// Normalized ID → matrix index.
    ids: HashMap<&'a str, usize>,
    legend: &'a Legend,
}

impl DecisionReader<'_> {
    /// One decision; `None` for a row with nothing in the schema's columns.
    fn read_row(
        &self,
        r: &mut Reporter,
        sheet: &Sheet,
        header: &TableHeader,
        row: &SheetRow,
    ) -> Option<Decision> {
        let get = |i: usize| header.col(i).map_or(&CellValue::Empty, |c| row.get(c));
        let text = |i: usize| cell_text(get(i)).into_owned();
        // A line with nothing but a number or a date is an unfilled line of
        // the form (forms number their lines in advance), not a decision.
        if [VENDOR, CODE, RULING, REASON]
            .iter()
            .all(|&i| get(i).is_blank())
        {
            return None;
        }
        // (schema column, value found, problem): each an error row at its cell.
        let mut problems: Vec<(usize, String, DecisionProblem)> = Vec::new();
        let mut problem = |i: usize, value: String, problem: DecisionProblem| {
            problems.push((i, value, problem));
        };
        let mut date_id = false;

        let vendor_text = text(VENDOR);
        let written = (self.key)
            .and_then(|key| key.find(&vendor_text))
            .unwrap_or(&vendor_text);
        let vendor = match self.vendors.find(written) {
            Some(Found::One(position)) => Some(VendorId::new(position)),
            Some(Found::Ambiguous) => {
                let name = vendor_text.clone();
                problem(
                    VENDOR,
                    name.clone(),
                    DecisionProblem::AmbiguousVendor { name },
                );
                None
            }
            None if vendor_text.is_empty() => {
                problem(VENDOR, String::new(), DecisionProblem::BlankVendor);
                None
            }
            None => {
                let name = vendor_text.clone();
                problem(
                    VENDOR,
                    name.clone(),
                    DecisionProblem::UnknownVendor { name },
                );
                None
            }
        };

        let (id_text, requirement) = match id_of(get(ID)) {
            Err(date) => {
                date_id = true;
                let col = header.col(ID).unwrap_or(0);
                crate::read::matrix::report_date_id(r, sheet, row.index, col, &date);
                (date, None)
            }
            Ok((raw, _)) if raw.is_empty() => (String::new(), None),
            Ok((raw, id)) => match self.ids.get(id.as_ref()) {
                Some(&i) => (raw.into_owned(), Some(ReqIx::new(i))),
                None => {
                    let id = raw.into_owned();
                    problem(
                        ID,
                        id.clone(),
                        DecisionProblem::UnknownId { id: id.clone() },
                    );
                    (id, None)
                }
            },
        };

        let ruling_text = text(RULING);
        let ruling = ruling_level(&ruling_text, self.legend);
        if ruling_text.is_empty() {
            problem(RULING, String::new(), DecisionProblem::BlankRuling);
        } else if ruling.is_none() {
            let ruling = ruling_text.clone();
            problem(
                RULING,
                ruling.clone(),
                DecisionProblem::RulingOutsideLegend { ruling },
            );
        }
        let reason = text(REASON);
        if reason.is_empty() {
            problem(REASON, String::new(), DecisionProblem::BlankReason);
        }
        let valid = problems.is_empty() && !date_id;
        for (i, value, problem) in problems {
            let col = header.col(i).unwrap_or(0);
            let finding = r
                .on(sheet, Severity::Error, FindingKind::Decision(problem))
                .at_cell(row.index, col)
                .with_value(value);
            r.push(finding);
        }
        Some(Decision {
            vendor,
            vendor_text,
            requirement,
            id_text,
            code: text(CODE),
            ruling,
            ruling_text,
            reason,
            date: text(DATE),
            valid,
            sheet: sheet.name.clone(),
            row: row.index + 1,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, Priority, Requirement, VendorResponse};
    use crate::read::testkit::{sheet, workbook};
    use crate::settings::LegendSettings;

    fn inputs(vendors: &[&str]) -> Inputs {
        let requirement = |id: &str| Requirement {
            id: id.into(),
            area: "住民記録".into(),
            category: String::new(),
            text: "住民票の写しを交付できること。".into(),
            priority: Priority::Mandatory,
            weight: 3.0,
            sheet: "住民記録".into(),
            row: 2,
        };
        Inputs {
            requirements: vec![requirement("JR-001"), requirement("JR-002")],
            vendors: (vendors.iter())
                .map(|name| VendorResponse {
                    name: name.to_string(),
                    display_name: None,
                    file: format!("{name}.xlsx"),
                    codes: Default::default(),
                    copies: Default::default(),
                    answers: vec![Answer::default(); 2],
                })
                .collect(),
            ..Inputs::default()
        }
    }

    fn read(rows: &[&[&str]], vendors: &[&str]) -> (Decisions, Vec<Finding>) {
        let wb = workbook("裁定.xlsx", vec![sheet("裁定", rows)]);
        let legend = Legend::new(&LegendSettings::default());
        let mut findings = Vec::new();
        let decisions = read_decisions(&wb, &inputs(vendors), &legend, 9, &mut findings);
        (decisions, findings)
    }

    const HEADER: &[&str] = &[
        "No.",
        "事業者名",
        "要件ID",
        "回答",
        "判定",
        "理由",
        "決定日",
    ];

    #[test]
    fn the_schema_is_unambiguous() {
        SCHEMA.assert_unambiguous();
    }

    #[test]
    fn rows_are_read_as_written_and_matched_by_their_keys() {
        let (d, findings) = read(
            &[
                &["裁定記録"],
                HEADER,
                &[
                    "1",
                    "株式会社 北日本情報システム",
                    "",
                    "〇",
                    "標準",
                    "質疑回答No.12で確認",
                    "date:2025-06-10",
                ],
                &[
                    "2",
                    "さくら電算",
                    "ｊｒ－００２",
                    "",
                    "◎",
                    "質疑回答No.15で確認",
                    "6月12日",
                ],
                &[],
                &[
                    "3",
                    "さくら電算（株）",
                    "JR-001",
                    "",
                    "Customization",
                    "再提出で確認",
                    "",
                ],
            ],
            &["北日本情報システム", "さくら電算"],
        );
        assert_eq!(findings, []);
        assert_eq!(d.rows.len(), 3, "the blank row is skipped");
        let r = &d.rows[0];
        assert_eq!(r.vendor, Some(VendorId::new(0)));
        assert_eq!((r.requirement, r.code.as_str()), (None, "〇"));
        assert_eq!(r.ruling, Some(Level::Standard));
        assert_eq!(
            (r.date.as_str(), r.sheet.as_str(), r.row),
            ("2025-06-10", "裁定", 3)
        );
        let r = &d.rows[1];
        assert_eq!(r.vendor, Some(VendorId::new(1)));
        assert_eq!(r.requirement, Some(ReqIx::new(1)));
        assert_eq!(r.ruling, Some(Level::Standard));
        assert_eq!(r.date, "6月12日");
        assert_eq!(d.rows[2].ruling, Some(Level::Customization));
        assert!(d.rows.iter().all(|r| r.valid));
    }

    #[test]
    fn a_ruling_is_a_level_name_or_a_legend_code() {
        let legend = Legend::new(&LegendSettings::default());
        for (text, level) in [
            ("標準", Level::Standard),
            ("代替", Level::Alternative),
            ("カスタマイズ", Level::Customization),
            ("対応不可", Level::Unsupported),
            ("standard", Level::Standard),
            ("Unsupported", Level::Unsupported),
            ("ｂ", Level::Alternative),
            ("◯", Level::Alternative),
            ("△", Level::Customization),
        ] {
            assert_eq!(ruling_level(text, &legend), Some(level), "{text}");
        }
        for text in ["", "可", "missing", "invalid", "OK"] {
            assert_eq!(ruling_level(text, &legend), None, "{text}");
        }
    }

    fn problems(findings: &[Finding]) -> Vec<(String, Option<DecisionProblem>)> {
        (findings.iter())
            .map(|f| {
                let problem = match &f.kind {
                    FindingKind::Decision(p) => Some(p.clone()),
                    _ => None,
                };
                (f.cell.clone().unwrap_or_default(), problem)
            })
            .collect()
    }

    #[test]
    fn each_kind_of_error_row_is_named_at_its_cell_and_applies_to_nothing() {
        use DecisionProblem::*;
        let (d, findings) = read(
            &[
                HEADER,
                &["1", "東和システム", "", "○", "標準", "質疑回答No.3", ""],
                &["2", "さくら電算", "", "○", "標準", "質疑回答No.4", ""],
                &["3", "北日本", "JR-099", "", "標準", "質疑回答No.5", ""],
                &["4", "北日本", "", "○", "可", "質疑回答No.6", ""],
                &["5", "北日本", "", "○", "標準", "", ""],
                &[
                    "6",
                    "北日本",
                    "date:2025-01-01",
                    "",
                    "標準",
                    "質疑回答No.7",
                    "",
                ],
                &["7", "", "", "○", "標準", "質疑回答No.8", ""],
                &["8", "北日本", "", "○", "", "質疑回答No.9", ""],
                &["9", "", "JR-001", "", "", "", "2025-01-01"],
            ],
            &["北日本", "さくら電算", "株式会社さくら電算"],
        );
        assert!(d.rows.iter().all(|r| !r.valid));
        assert_eq!(d.rows.len(), 8, "the unfilled numbered line is no decision");
        assert!(findings.iter().all(|f| f.severity == Severity::Error));
        assert!(
            findings
                .iter()
                .all(|f| f.file == "裁定.xlsx" && f.sheet.as_deref() == Some("裁定"))
        );
        assert_eq!(
            problems(&findings),
            [
                (
                    "B2".into(),
                    Some(UnknownVendor {
                        name: "東和システム".into()
                    })
                ),
                (
                    "B3".into(),
                    Some(AmbiguousVendor {
                        name: "さくら電算".into()
                    })
                ),
                (
                    "C4".into(),
                    Some(UnknownId {
                        id: "JR-099".into()
                    })
                ),
                (
                    "E5".into(),
                    Some(RulingOutsideLegend {
                        ruling: "可".into()
                    })
                ),
                ("F6".into(), Some(BlankReason)),
                ("C7".into(), None),
                ("B8".into(), Some(BlankVendor)),
                ("E9".into(), Some(BlankRuling)),
            ]
        );
        assert_eq!(findings[5].kind, FindingKind::DateId);
    }

    #[test]
    fn a_sheet_without_the_required_headers_is_a_finding() {
        let (d, findings) = read(
            &[
                &["事業者名", "要件ID", "判定"],
                &["北日本", "JR-001", "標準"],
            ],
            &["北日本"],
        );
        assert!(d.rows.is_empty());
        assert!(findings.iter().any(|f| matches!(
            f.kind,
            FindingKind::NoHeaderInFile {
                need: HeaderNeed::Decisions
            }
        )));
    }
}
