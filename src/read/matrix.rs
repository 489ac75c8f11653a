//! The requirement matrix (SPEC §3.2): every visible sheet with a header
//! contributes its rows, in sheet then row order.
//!
//! Real RFPs keep one sheet per business area, written by different people,
//! so each sheet gets its own header and its own column positions; IDs typed
//! in full width or turned into dates by Excel are caught here, once, so that
//! every later stage can trust a normalized ID.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::model::{Finding, FindingKind, Priority, Requirement, Severity};
use crate::normalize::{compare_key, nfkc, normalize_id, parse_priority};
use crate::read::fill_down::{FillDown, Filled};
use crate::read::header::{Field, Header, HeaderNeed};
use crate::read::sheet_checks::{Reporter, for_each_data_sheet};
use crate::read::workbook::{CellValue, Sheet, SheetRow, Workbook, cell_text};
use crate::settings::Settings;

/// The requirements in matrix order, indexed for matching response rows.
/// It crosses to the reader processes once per process (`read::isolate`),
/// without the text index, which each process builds when it needs it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    pub requirements: Vec<Requirement>,
    /// Normalized ID → index.
    ids: HashMap<String, usize>,
    /// Text compare key → index, `None` when two requirements share the text.
    /// Built on the first row that has no ID: responses that keep the IDs,
    /// the usual case, never pay for normalizing every requirement text.
    #[serde(skip)]
    texts: OnceLock<HashMap<String, Option<usize>>>,
    /// IDs of rows whose status is 削除 / removed: responses and requests may
    /// still answer them (they were written for the previous round) and are
    /// not reported for it.
    removed: HashSet<String>,
}

impl Matrix {
    /// Indexes requirements whose IDs are already normalized and unique.
    pub fn new(requirements: Vec<Requirement>) -> Matrix {
        let mut ids = HashMap::with_capacity(requirements.len());
        for (i, req) in requirements.iter().enumerate() {
            ids.entry(req.id.clone()).or_insert(i);
        }
        Matrix {
            requirements,
            ids,
            texts: OnceLock::new(),
            removed: HashSet::new(),
        }
    }

    /// Whether the matrix lists this normalized ID as removed (status 削除).
    pub fn was_removed(&self, normalized_id: &str) -> bool {
        self.removed.contains(normalized_id)
    }

    pub fn index_of_id(&self, normalized_id: &str) -> Option<usize> {
        self.ids.get(normalized_id).copied()
    }

    /// The one requirement whose text equals `text` after compare_key, if exactly one.
    pub fn index_of_text(&self, text: &str) -> Option<usize> {
        let texts = self.texts.get_or_init(|| text_index(&self.requirements));
        texts.get(&compare_key(text)).copied().flatten()
    }
}

fn text_index(requirements: &[Requirement]) -> HashMap<String, Option<usize>> {
    let mut texts = HashMap::with_capacity(requirements.len());
    for (i, req) in requirements.iter().enumerate() {
        let key = compare_key(&req.text);
        if key.is_empty() {
            continue;
        }
        match texts.entry(key) {
            Entry::Vacant(e) => {
                e.insert(Some(i));
            }
            Entry::Occupied(mut e) => {
                e.insert(None);
            }
        }
    }
    texts
}

/// The statuses that take a row out of the matrix (`draft --apply` writes
/// them). Shared with the draft, which strikes through the rows the reader
/// leaves out: both must agree on what removes a row.
pub(crate) fn is_removed(status: &str) -> bool {
    matches!(compare_key(status).as_str(), "削除" | "removed")
}

/// A weight cell's value when it is a number ≥ 0 (numeric text counts).
fn weight_of(value: &CellValue) -> Option<f64> {
    let v = match value {
        CellValue::Number(v) => *v,
        CellValue::Text(s) => nfkc(s).trim().parse().ok()?,
        _ => return None,
    };
    (v.is_finite() && v >= 0.0).then_some(v)
}

/// The ID of an ID cell, as (raw text, normalized), both borrowed from the
/// cell when they can be; `Err` with the date text when Excel turned the ID
/// into a date.
pub(crate) fn id_of(value: &CellValue) -> Result<(Cow<'_, str>, Cow<'_, str>), String> {
    let raw = match value {
        CellValue::Date(d) => return Err(d.clone()),
        other => cell_text(other),
    };
    let normalized = match &raw {
        Cow::Borrowed(text) => normalize_id(text),
        // A number's text lives in `raw` itself.
        Cow::Owned(text) => Cow::Owned(normalize_id(text).into_owned()),
    };
    Ok((raw, normalized))
}

/// Reports an ID cell holding a date.
pub(crate) fn report_date_id(r: &mut Reporter, sheet: &Sheet, row: u32, col: u32, date: &str) {
    let finding = r
        .on(sheet, Severity::Error, FindingKind::DateId)
        .at_cell(row, col)
        .with_value(date);
    r.push(finding);
}

/// Reads the requirement matrix.
///
/// `file_order` goes into `Finding.order.0` so findings sort by input file.
pub fn read_matrix(
    wb: &Workbook,
    settings: &Settings,
    file_order: usize,
    findings: &mut Vec<Finding>,
) -> Matrix {
    let mut r = Reporter::new(&wb.file, file_order, findings);
    let mut requirements: Vec<Requirement> = Vec::new();
    // Normalized ID → index of its requirement: the matrix's index, built
    // here once, and where a duplicate's first occurrence is.
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut removed = HashSet::new();
    for_each_data_sheet(&mut r, wb, HeaderNeed::Matrix, |r, sheet, header| {
        let reader = SheetReader::new(sheet, header, settings);
        let mut fill = FillDown::new(sheet, reader.area, reader.categories);
        for row in sheet.rows.iter().filter(|row| row.index > header.row) {
            // Every row carries its area and category down, a block's
            // heading row and removed rows included.
            let filled = fill.next(row);
            if let Some(id) = reader.removed_id(row) {
                removed.insert(id);
                continue;
            }
            if let Some(req) = reader.read_row(r, row, filled) {
                match ids.entry(req.id.clone()) {
                    Entry::Vacant(e) => {
                        e.insert(requirements.len());
                        requirements.push(req);
                    }
                    Entry::Occupied(e) => {
                        let first = &requirements[*e.get()];
                        reader.report_duplicate(r, row, &req.id, &first.sheet, first.row);
                    }
                }
            }
        }
    });
    // Kept for the whole run: without the room pushing left.
    requirements.shrink_to_fit();
    Matrix {
        requirements,
        ids,
        texts: OnceLock::new(),
        removed,
    }
}

/// One sheet's columns, looked up once.
struct SheetReader<'a> {
    sheet: &'a Sheet,
    settings: &'a Settings,
    id: u32,
    text: u32,
    area: Option<u32>,
    categories: &'a [u32],
    priority: Option<u32>,
    weight: Option<u32>,
    status: Option<u32>,
}

impl<'a> SheetReader<'a> {
    fn new(sheet: &'a Sheet, header: &'a Header, settings: &'a Settings) -> Self {
        let c = &header.columns;
        SheetReader {
            sheet,
            settings,
            id: c.get(Field::Id).expect("a matrix header has an ID column"),
            text: c
                .get(Field::Text)
                .expect("a matrix header has a text column"),
            area: c.get(Field::Area),
            categories: &c.categories,
            priority: c.get(Field::Priority),
            weight: c.get(Field::Weight),
            status: c.get(Field::Status),
        }
    }

    /// The normalized ID of a row whose status is 削除 / removed (an empty
    /// ID when the row has none or holds a date).
    fn removed_id(&self, row: &SheetRow) -> Option<String> {
        let col = self.status?;
        if !is_removed(&cell_text(row.get(col))) {
            return None;
        }
        Some(
            id_of(row.get(self.id))
                .map(|(_, id)| id.into_owned())
                .unwrap_or_default(),
        )
    }

    /// One data row as a requirement; `None` (with a finding where due) when
    /// the row is not one.
    fn read_row(&self, r: &mut Reporter, row: &SheetRow, filled: Filled) -> Option<Requirement> {
        let id_cell = row.get(self.id);
        let text = cell_text(row.get(self.text));
        if id_cell.is_blank() && text.is_empty() {
            return None;
        }
        let (raw_id, id) = match id_of(id_cell) {
            Ok(ids) => ids,
            Err(date) => {
                report_date_id(r, self.sheet, row.index, self.id, &date);
                return None;
            }
        };
        if id.is_empty() {
            let finding = r
                .on(self.sheet, Severity::Error, FindingKind::MissingId)
                .at_cell(row.index, self.id)
                .with_value(text.as_ref());
            r.push(finding);
            return None;
        }
        if text.is_empty() {
            let finding = r
                .on(
                    self.sheet,
                    Severity::Warning,
                    FindingKind::BlankRequirementText,
                )
                .at_cell(row.index, self.text)
                .with_value(raw_id);
            r.push(finding);
        }
        let priority = self.priority_of(r, row);
        let weight = self.weight_of(r, row, priority);
        Some(Requirement {
            id: id.into_owned(),
            area: filled.area,
            category: filled.category,
            text: text.into_owned(),
            priority,
            weight,
            sheet: self.sheet.name.clone(),
            row: row.index + 1,
        })
    }

    fn priority_of(&self, r: &mut Reporter, row: &SheetRow) -> Priority {
        let Some(col) = self.priority else {
            return self.settings.default_priority;
        };
        let value = cell_text(row.get(col));
        if value.is_empty() {
            return self.settings.default_priority;
        }
        if let Some(priority) = parse_priority(&value) {
            return priority;
        }
        let finding = r
            .on(self.sheet, Severity::Warning, FindingKind::UnknownPriority)
            .at_cell(row.index, col)
            .with_value(value.as_ref());
        r.push(finding);
        Priority::Desirable
    }

    fn weight_of(&self, r: &mut Reporter, row: &SheetRow, priority: Priority) -> f64 {
        let by_priority = self.settings.weights.of(priority);
        let Some(col) = self.weight else {
            return by_priority;
        };
        let cell = row.get(col);
        if cell.is_blank() {
            return by_priority;
        }
        if let Some(weight) = weight_of(cell) {
            return weight;
        }
        let kind = FindingKind::BadWeight {
            fallback: by_priority,
        };
        let finding = r
            .on(self.sheet, Severity::Warning, kind)
            .at_cell(row.index, col)
            .with_value(cell_text(cell).as_ref());
        r.push(finding);
        by_priority
    }

    fn report_duplicate(
        &self,
        r: &mut Reporter,
        row: &SheetRow,
        id: &str,
        first_sheet: &str,
        first_row: u32,
    ) {
        let kind = FindingKind::DuplicateId {
            id: id.to_string(),
            first_sheet: first_sheet.to_string(),
            first_row,
        };
        let finding = r
            .on(self.sheet, Severity::Error, kind)
            .at_cell(row.index, self.id)
            .with_value(cell_text(row.get(self.id)).as_ref());
        r.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::read::testkit::{sheet, workbook};
    use crate::read::workbook::{MergedRange, Visibility};

    fn worded(f: &Finding, lang: Lang) -> String {
        crate::write::Labels::load(lang).unwrap().finding_message(f)
    }

    fn read(wb: &Workbook) -> (Matrix, Vec<Finding>) {
        read_with(wb, &Settings::default())
    }

    fn read_with(wb: &Workbook, settings: &Settings) -> (Matrix, Vec<Finding>) {
        let mut findings = Vec::new();
        let m = read_matrix(wb, settings, 0, &mut findings);
        (m, findings)
    }

    fn ids(m: &Matrix) -> Vec<&str> {
        m.requirements.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn a_requirement_row_in_full() {
        let wb = workbook(
            "要件一覧.xlsx",
            vec![sheet(
                "住民記録",
                &[
                    &["住民記録システム 機能要件一覧"],
                    &[
                        "要件ID",
                        "業務",
                        "大分類",
                        "中分類",
                        "要件",
                        "必須区分",
                        "配点",
                    ],
                    &[
                        "JR-001",
                        "住民記録",
                        "窓口業務",
                        "証明発行",
                        "住民票の写しを交付できること",
                        "必須",
                        "5",
                    ],
                ],
            )],
        );
        let (m, findings) = read(&wb);
        assert_eq!(findings, []);
        assert_eq!(
            m.requirements,
            [Requirement {
                id: "JR-001".into(),
                area: "住民記録".into(),
                category: "窓口業務 / 証明発行".into(),
                text: "住民票の写しを交付できること".into(),
                priority: Priority::Mandatory,
                weight: 5.0,
                sheet: "住民記録".into(),
                row: 3,
            }]
        );
    }

    #[test]
    fn every_sheet_contributes_and_sheet_name_is_the_area() {
        let wb = workbook(
            "要件一覧.xlsx",
            vec![
                sheet("表紙", &[&["○○市町村会 基幹系システム 機能要件一覧"]]),
                sheet(
                    "住民記録",
                    &[&["No", "要件"], &["JR-001", "住民票の写しを交付できること"]],
                ),
                sheet(
                    "個人住民税",
                    &[&["No", "要件"], &["ZE-001", "課税台帳を作成できること"]],
                ),
            ],
        );
        let (m, findings) = read(&wb);
        assert_eq!(findings, []);
        assert_eq!(ids(&m), ["JR-001", "ZE-001"]);
        assert_eq!(m.requirements[0].area, "住民記録");
        assert_eq!(m.requirements[1].area, "個人住民税");
        assert_eq!(m.requirements[1].sheet, "個人住民税");
    }

    #[test]
    fn blank_rows_skipped_text_without_id_is_an_error() {
        let wb = workbook(
            "要件一覧.xlsx",
            vec![sheet(
                "住民記録",
                &[
                    &["要件ID", "要件"],
                    &["JR-001", "住民票の写しを交付できること"],
                    &["", "  "],
                    &["", "転入届を受け付けられること"],
                ],
            )],
        );
        let (m, findings) = read(&wb);
        assert_eq!(ids(&m), ["JR-001"]);
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.cell.as_deref(), Some("A4"));
        assert_eq!(f.sheet.as_deref(), Some("住民記録"));
        assert_eq!(f.value.as_deref(), Some("転入届を受け付けられること"));
        assert_eq!(f.order, (0, 0, 4, 1));
    }

    #[test]
    fn id_without_text_is_kept_and_warned() {
        let wb = workbook(
            "要件一覧.xlsx",
            vec![sheet("住民記録", &[&["要件ID", "要件"], &["JR-001", ""]])],
        );
        let (m, findings) = read(&wb);
        assert_eq!(ids(&m), ["JR-001"]);
        assert_eq!(m.requirements[0].text, "");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(findings[0].cell.as_deref(), Some("B2"));
        assert_eq!(findings[0].value.as_deref(), Some("JR-001"));
    }

    #[test]
    fn removed_status_is_not_a_requirement() {
        let wb = workbook(
            "RFP案.xlsx",
            vec![sheet(
                "住民記録",
                &[
                    &["要件ID", "要件", "状態"],
                    &["JR-001", "住民票の写しを交付できること", "維持"],
                    &["JR-002", "旧システムと同じ画面配置であること", "削除"],
                    &["JR-003", "転入届を受け付けられること", " Removed "],
                ],
            )],
        );
        let (m, findings) = read(&wb);
        assert_eq!(findings, []);
        assert_eq!(ids(&m), ["JR-001"]);
        assert!(m.was_removed("JR-002") && m.was_removed("JR-003"));
        assert!(!m.was_removed("JR-001"));
        assert_eq!(m.index_of_id("JR-002"), None);
    }

    #[test]
    fn date_in_the_id_column_is_an_error() {
        let wb = workbook(
            "要件一覧.xlsx",
            vec![sheet(
                "住民記録",
                &[
                    &["要件ID", "要件"],
                    &["date:2024-01-01", "住民票の写しを交付できること"],
                    &["1-2", "転入届を受け付けられること"],
                ],
            )],
        );
        let (m, findings) = read(&wb);
        assert_eq!(ids(&m), ["1-2"]);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(findings[0].cell.as_deref(), Some("A2"));
        assert_eq!(findings[0].value.as_deref(), Some("2024-01-01"));
        assert_eq!(findings[0].kind, FindingKind::DateId);
        assert!(worded(&findings[0], Lang::Ja).contains("日付"));
    }

    #[test]
    fn numeric_and_full_width_ids_are_normalized() {
        let wb = workbook(
            "要件一覧.xlsx",
            vec![sheet(
                "住民記録",
                &[
                    &["項番", "要件"],
                    &["12", "住民票の写しを交付できること"],
                    &["ＪＲ－００１", "転入届を受け付けられること"],
                ],
            )],
        );
        let (m, _) = read(&wb);
        assert_eq!(ids(&m), ["12", "JR-001"]);
        assert_eq!(m.index_of_id("JR-001"), Some(1));
    }

    #[test]
    fn duplicate_id_second_dropped_and_reported() {
        let wb = workbook(
            "要件一覧.xlsx",
            vec![
                sheet(
                    "住民記録",
                    &[
                        &["要件ID", "要件"],
                        &["JR-001", "住民票の写しを交付できること"],
                    ],
                ),
                sheet(
                    "印鑑登録",
                    &[
                        &["要件ID", "要件"],
                        &["jr－001", "印鑑登録証明書を交付できること"],
                    ],
                ),
            ],
        );
        let (m, findings) = read(&wb);
        assert_eq!(ids(&m), ["JR-001"]);
        assert_eq!(m.requirements[0].text, "住民票の写しを交付できること");
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.sheet.as_deref(), Some("印鑑登録"));
        assert_eq!(f.cell.as_deref(), Some("A2"));
        assert_eq!(f.value.as_deref(), Some("jr－001"));
        let message = worded(f, Lang::Ja);
        assert!(message.contains("「住民記録」2行目"), "{message}");
    }

    #[test]
    fn priorities_default_and_unknown() {
        let settings = Settings {
            default_priority: Priority::Optional,
            ..Settings::default()
        };
        let wb = workbook(
            "要件一覧.xlsx",
            vec![sheet(
                "住民記録",
                &[
                    &["要件ID", "要件", "重要度"],
                    &["JR-001", "住民票の写しを交付できること", "Ｍ"],
                    &["JR-002", "転入届を受け付けられること", ""],
                    &["JR-003", "転出証明書を発行できること", "できれば"],
                ],
            )],
        );
        let (m, findings) = read_with(&wb, &settings);
        let got: Vec<_> = m
            .requirements
            .iter()
            .map(|r| (r.priority, r.weight))
            .collect();
        assert_eq!(
            got,
            [
                (Priority::Mandatory, 3.0),
                (Priority::Optional, 1.0),
                (Priority::Desirable, 2.0)
            ]
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(findings[0].cell.as_deref(), Some("C4"));
        assert_eq!(findings[0].value.as_deref(), Some("できれば"));
    }

    #[test]
    fn weights_numbers_numeric_text_and_fallback() {
        let wb = workbook(
            "要件一覧.xlsx",
            vec![sheet(
                "住民記録",
                &[
                    &["要件ID", "要件", "必須区分", "配点"],
                    &["JR-001", "住民票の写しを交付できること", "必須", "10"],
                    &["JR-002", "転入届を受け付けられること", "必須", "'１．５"],
                    &["JR-003", "転出証明書を発行できること", "任意", ""],
                    &["JR-004", "異動届を受け付けられること", "推奨", "0"],
                    &["JR-005", "住所変更を記録できること", "推奨", "-1"],
                    &["JR-006", "除票を管理できること", "必須", "高"],
                ],
            )],
        );
        let (m, findings) = read(&wb);
        let weights: Vec<f64> = m.requirements.iter().map(|r| r.weight).collect();
        assert_eq!(weights, [10.0, 1.5, 1.0, 0.0, 2.0, 3.0]);
        let cells: Vec<_> = findings
            .iter()
            .map(|f| (f.cell.clone().unwrap(), f.value.clone().unwrap()))
            .collect();
        assert_eq!(
            cells,
            [
                ("D6".to_string(), "-1".to_string()),
                ("D7".to_string(), "高".to_string())
            ]
        );
    }

    /// SPEC §3.2: a merged category belongs to its top-left cell only. Read
    /// from a real file, so that the merge is there to be misused: the rows
    /// it covers get no category (nothing is filled down), and the merge is
    /// not reported, as merges are only in answer and cost columns (SPEC §7).
    #[test]
    fn merged_and_blank_categories_are_filled_down() {
        // A real xlsx: 窓口業務 merged over three rows, 証明発行 written once,
        // 異動 starting a new 中分類, the area written once.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("要件一覧.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let s = book.add_worksheet().set_name("一覧").unwrap();
        let rows = [
            ["要件ID", "業務", "大分類", "中分類", "小分類", "要件"],
            [
                "JR-001",
                "住民記録",
                "",
                "",
                "証明発行",
                "住民票の写しを交付できること",
            ],
            ["JR-002", "", "", "", "", "印鑑登録証明書を交付できること"],
            ["JR-003", "", "", "異動", "", "転入届を受け付けられること"],
            [
                "ZE-001",
                "個人住民税",
                "帳票",
                "",
                "",
                "納税通知書を出力できること",
            ],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                s.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
        s.merge_range(1, 2, 3, 2, "窓口業務", &rust_xlsxwriter::Format::new())
            .unwrap();
        book.save(&path).unwrap();
        let wb = crate::read::workbook::open(&path, &Settings::default()).unwrap();
        assert_eq!(
            wb.sheets[0].merged,
            [MergedRange {
                first_row: 1,
                first_col: 2,
                last_row: 3,
                last_col: 2,
            }]
        );
        let (m, findings) = read(&wb);
        assert_eq!(findings, []);
        let got: Vec<(&str, &str)> = (m.requirements.iter())
            .map(|r| (r.area.as_str(), r.category.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("住民記録", "窓口業務 / 証明発行"),
                ("住民記録", "窓口業務 / 証明発行"),
                ("住民記録", "窓口業務 / 異動"),
                ("個人住民税", "帳票"),
            ]
        );
    }

    #[test]
    fn hidden_sheets_are_not_read_hidden_rows_are() {
        let mut hidden = sheet("旧要件", &[&["要件ID", "要件"], &["OLD-001", "旧要件"]]);
        hidden.visibility = Visibility::Hidden;
        let mut s = sheet(
            "住民記録",
            &[
                &["要件ID", "要件"],
                &["JR-001", "住民票の写しを交付できること"],
            ],
        );
        s.hidden_rows.push(1);
        let wb = workbook("要件一覧.xlsx", vec![hidden, s]);
        let (m, findings) = read(&wb);
        assert_eq!(ids(&m), ["JR-001"]);
        let got: Vec<_> = findings
            .iter()
            .map(|f| (f.sheet.clone().unwrap(), f.cell.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("旧要件".to_string(), None),
                ("住民記録".to_string(), Some("2:2".to_string()))
            ]
        );
    }

    #[test]
    fn no_header_warns_per_sheet_and_errors_for_the_file() {
        let wb = workbook(
            "要件一覧.xlsx",
            vec![
                sheet("表紙", &[&["機能要件一覧"]]),
                sheet(
                    "住民記録",
                    &[
                        &["要件ID", "内容"],
                        &["JR-001", "住民票の写しを交付できること"],
                    ],
                ),
            ],
        );
        let mut findings = Vec::new();
        let m = read_matrix(&wb, &Settings::default(), 2, &mut findings);
        assert!(m.requirements.is_empty());
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(findings[0].sheet.as_deref(), Some("住民記録"));
        assert_eq!(findings[0].cell.as_deref(), Some("A1"));
        assert_eq!(findings[1].severity, Severity::Error);
        assert_eq!(findings[1].sheet, None);
        assert_eq!(findings[1].order, (2, 0, 0, 0));
        assert!(worded(&findings[1], Lang::En).contains("No sheet has a header row"));
    }

    #[test]
    fn text_index_needs_exactly_one_match() {
        let wb = workbook(
            "要件一覧.xlsx",
            vec![sheet(
                "住民記録",
                &[
                    &["要件ID", "要件"],
                    &["JR-001", "住民票の写しを交付できること"],
                    &["JR-002", "帳票を出力できること"],
                    &["JR-003", "帳票を 出力できること"],
                ],
            )],
        );
        let (m, _) = read(&wb);
        assert_eq!(m.index_of_text("住民票の写しを 交付できること"), Some(0));
        assert_eq!(m.index_of_text("帳票を出力できること"), None);
        assert_eq!(m.index_of_text("存在しない要件"), None);
    }
}
