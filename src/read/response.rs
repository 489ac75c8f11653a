//! One vendor's response workbook, aligned with the matrix (SPEC §3.3).
//!
//! Vendors return the form edited by hand: rows inserted or deleted, IDs
//! retyped in full width, answers left blank, costs written `120万円` or in
//! thousands of yen. Each row is matched to a requirement by its normalized ID
//! (or, failing an ID, by its text), and every departure from the form becomes
//! a finding at its cell, so that the committee sees exactly what was read.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use compact_str::CompactString;
use unicode_normalization::UnicodeNormalization;

use crate::model::{
    Answer, Codes, Copies, Cost, Finding, FindingKind, LegendCodes, Level, Place, Priority,
    Severity, VendorResponse,
};
use crate::normalize::{CostText, Legend, YenParse, header_key, read_cost_text};
use crate::read::header::{Field, Header, HeaderNeed, detect_header};
use crate::read::matrix::{Matrix, id_of, report_date_id};
use crate::read::sheet_checks::{
    CheckedColumn, Reporter, for_each_data_sheet, report_formulas, report_merged,
};
use crate::read::table::TaxNote;
use crate::read::workbook::{CellValue, Sheet, SheetRow, Visibility, Workbook, cell_text};

/// The vendor's identity: the file stem, NFC-normalized and trimmed, so that
/// the same name typed on two systems is one vendor.
pub fn vendor_name(file: &str) -> String {
    let stem = Path::new(file)
        .file_stem()
        .map_or_else(|| file.to_string(), |s| s.to_string_lossy().into_owned());
    stem.nfc().collect::<String>().trim().to_string()
}

/// Labels on a cover sheet next to which a vendor writes its name.
const NAME_LABELS: [&str; 9] = [
    "会社名",
    "事業者名",
    "ベンダー名",
    "商号",
    "提案者名",
    "vendor",
    "company",
    "vendorname",
    "companyname",
];

/// Rows of a sheet searched for the vendor's name: a cover is short, and a
/// large sheet without a header should cost nothing here.
const COVER_ROWS: u32 = 50;

/// The first name written next to a name label, in the first of `rows`.
fn name_in_rows<'a>(rows: impl Iterator<Item = &'a SheetRow>) -> Option<String> {
    for row in rows {
        for (i, (_, value)) in row.cells.iter().enumerate() {
            if !matches!(value, CellValue::Text(_)) {
                continue;
            }
            if !NAME_LABELS.contains(&header_key(&cell_text(value)).as_str()) {
                continue;
            }
            let name = row.cells[i + 1..]
                .iter()
                .map(|(_, v)| cell_text(v))
                .find(|t| !t.is_empty());
            if let Some(name) = name {
                return Some(name.into_owned());
            }
        }
    }
    None
}

/// The name the vendor wrote on a cover: the first one next to a name label
/// on the first visible sheet that has one, above that sheet's header when
/// it has one, so that no data row is taken for a name.
///
/// The header is looked for again rather than kept from reading the sheet:
/// the search covers 20 rows, and sheets without a header need it too.
pub fn display_name(wb: &Workbook) -> Option<String> {
    wb.sheets
        .iter()
        .filter(|s| s.visibility == Visibility::Visible)
        .find_map(|sheet| {
            let above = detect_header(sheet, HeaderNeed::Response)
                .map_or(COVER_ROWS, |h| h.row.min(COVER_ROWS));
            name_in_rows(sheet.rows.iter().take_while(|row| row.index < above))
        })
}

/// Reads one vendor's response.
///
/// `None` when no sheet of the file has a detectable header (then an error
/// finding says so, and the vendor is left out of the evaluation).
/// `file_order` goes into `Finding.order.0` so findings sort by input file.
/// `tax_basis` is the settings' basis costs are compared on: a cost or a
/// cost column stated on the other basis is reported.
pub fn read_response(
    wb: &Workbook,
    matrix: &Matrix,
    legend: &Legend,
    tax_basis: TaxNote,
    file_order: usize,
    findings: &mut Vec<Finding>,
) -> Option<VendorResponse> {
    let mut r = Reporter::new(&wb.file, file_order, findings);
    let mut reading = ResponseReader {
        matrix,
        legend,
        tax_basis,
        answers: vec![Answer::default(); matrix.requirements.len()],
        codes: Codes::default(),
        copies: Copies::default(),
        legend_codes: None,
        seen_codes: Vec::new(),
        sheet_name: None,
    };
    let any_header = for_each_data_sheet(&mut r, wb, HeaderNeed::Response, |r, sheet, header| {
        let columns = SheetColumns::new(header);
        let checked = columns.checked();
        report_formulas(r, sheet, header.row, &checked);
        report_merged(r, sheet, header.row, &checked);
        reading.report_cost_column_basis(r, sheet, header.row, &columns);
        for row in sheet.rows.iter().filter(|row| row.index > header.row) {
            reading.read_row(r, sheet, &columns, row);
        }
    });
    if !any_header {
        return None;
    }
    reading.report_missing(&mut r);
    report_three_level_legend(&mut r, &reading.answers, &reading.codes, legend);
    reading.codes.done();
    Some(VendorResponse {
        name: vendor_name(&wb.file),
        display_name: display_name(wb),
        file: wb.file.clone(),
        answers: reading.answers,
        codes: reading.codes,
        copies: reading.copies,
    })
}

/// One sheet's columns, looked up once.
struct SheetColumns {
    id: Option<u32>,
    text: Option<u32>,
    answer: u32,
    cost: Option<u32>,
    remarks: Option<u32>,
    cost_scale: f64,
    cost_tax: Option<TaxNote>,
}

impl SheetColumns {
    fn new(header: &Header) -> Self {
        let c = &header.columns;
        SheetColumns {
            id: c.get(Field::Id),
            text: c.get(Field::Text),
            answer: c
                .get(Field::Answer)
                .expect("a response header has an answer column"),
            cost: c.get(Field::Cost),
            remarks: c.get(Field::Remarks),
            cost_scale: header.cost_scale,
            cost_tax: header.cost_tax,
        }
    }

    /// The columns whose formulas and merged cells are reported.
    fn checked(&self) -> Vec<CheckedColumn> {
        let mut checked = vec![CheckedColumn::answer(self.answer)];
        checked.extend(self.cost.map(CheckedColumn::cost));
        checked
    }
}

fn cell_at(row: &SheetRow, col: Option<u32>) -> &CellValue {
    col.map_or(&CellValue::Empty, |c| row.get(c))
}

/// A cost cell in yen; `Unknown` with the text when it is not an amount.
/// The notes written with a text amount (tax, estimate, range) come with
/// it, the range already in the column's scale.
fn cost_of(value: &CellValue, scale: f64) -> (Cost, Option<CostText>) {
    match value {
        CellValue::Empty => (Cost::NotStated, None),
        CellValue::Number(v) if *v >= 0.0 => (Cost::Yen(v * scale), None),
        CellValue::Text(text) => {
            let mut read = read_cost_text(text);
            let cost = match read.parse {
                YenParse::Amount { yen, plain } => {
                    let scale = if plain { scale } else { 1.0 };
                    read.range = read.range.map(|(low, high)| (low * scale, high * scale));
                    Cost::Yen(yen * scale)
                }
                YenParse::NotStated => Cost::NotStated,
                YenParse::Unparseable => Cost::unknown(text.trim()),
            };
            (cost, Some(read))
        }
        other => (Cost::unknown(cell_text(other)), None),
    }
}

/// The state of reading one response across its sheets.
struct ResponseReader<'a> {
    matrix: &'a Matrix,
    legend: &'a Legend,
    /// The tax basis costs are compared on (settings `tax_basis`).
    tax_basis: TaxNote,
    /// Per requirement, the answer counted: the first row read for it, whose
    /// place is set (a requirement still without one has no row yet).
    answers: Vec<Answer>,
    /// The codes of the answers, each kept once.
    codes: Codes,
    /// The copies of requirement texts that differ from the matrix's (F09).
    copies: Copies,
    /// The legend's codes per level, for the invalid-answer finding, built
    /// on the first invalid answer and shared by the others.
    legend_codes: Option<LegendCodes>,
    /// Answer texts already looked up in the legend: a response uses a
    /// handful of codes, so this spares normalizing each cell again.
    seen_codes: Vec<(String, Level)>,
    /// The name of the sheet being read, shared by the places of its answers.
    sheet_name: Option<Arc<String>>,
}

impl ResponseReader<'_> {
    fn read_row(&mut self, r: &mut Reporter, sheet: &Sheet, cols: &SheetColumns, row: &SheetRow) {
        let Some((index, key_col, key)) = self.match_row(r, sheet, cols, row) else {
            return;
        };
        if let Some(first) = &self.answers[index].at {
            let kind = FindingKind::DuplicateAnswer {
                first_sheet: first.sheet.to_string(),
                first_row: first.row + 1,
            };
            let finding = r
                .on(sheet, Severity::Warning, kind)
                .at_cell(row.index, key_col)
                .with_value(key);
            r.push(finding);
            return;
        }
        self.answers[index] = self.answer_of(r, sheet, cols, row, index);
    }

    /// The requirement a row answers, with the cell and value it was matched
    /// by; `None` (with a finding when the row states anything) when it
    /// matches none.
    ///
    /// The value is borrowed from the row: it is shown only when the row
    /// turns out to be a duplicate, so the usual row copies nothing.
    fn match_row<'r>(
        &self,
        r: &mut Reporter,
        sheet: &Sheet,
        cols: &SheetColumns,
        row: &'r SheetRow,
    ) -> Option<(usize, u32, Cow<'r, str>)> {
        // A date ID is already an error; the row is then matched by its text
        // when it can be, without a second finding.
        let mut id_was_date = false;
        if let Some(id_col) = cols.id {
            let id_cell = row.get(id_col);
            if !id_cell.is_blank() {
                match id_of(id_cell) {
                    Err(date) => {
                        report_date_id(r, sheet, row.index, id_col, &date);
                        id_was_date = true;
                    }
                    Ok((raw, id)) => {
                        if let Some(index) = self.matrix.index_of_id(&id) {
                            return Some((index, id_col, raw));
                        }
                        if self.matrix.was_removed(&id) {
                            return None;
                        }
                        let finding = r
                            .on(sheet, Severity::Warning, FindingKind::UnknownId)
                            .at_cell(row.index, id_col)
                            .with_value(raw);
                        r.push(finding);
                        return None;
                    }
                }
            }
        }
        let states_something = !id_was_date
            && (!row.get(cols.answer).is_blank()
                || !cell_at(row, cols.cost).is_blank()
                || !cell_at(row, cols.remarks).is_blank());
        let text_col = cols.text;
        let text = cell_text(cell_at(row, text_col));
        if let Some(col) = text_col
            && !text.is_empty()
        {
            if let Some(index) = self.matrix.index_of_text(&text) {
                return Some((index, col, text));
            }
            if states_something {
                let finding = r
                    .on(sheet, Severity::Warning, FindingKind::UnmatchedText)
                    .at_cell(row.index, col)
                    .with_value(text.as_ref());
                r.push(finding);
            }
            return None;
        }
        if states_something {
            let finding = r
                .on(sheet, Severity::Warning, FindingKind::UnmatchedRow)
                .at_cell(row.index, cols.id.unwrap_or(cols.answer))
                .with_value(cell_text(row.get(cols.answer)).as_ref());
            r.push(finding);
        }
        None
    }

    fn answer_of(
        &mut self,
        r: &mut Reporter,
        sheet: &Sheet,
        cols: &SheetColumns,
        row: &SheetRow,
        index: usize,
    ) -> Answer {
        let code = CompactString::from(cell_text(row.get(cols.answer)));
        let level = self.level_of(&code);
        match level {
            // A blank mandatory answer is a knockout: the form must go back.
            Level::Missing if self.matrix.requirements[index].priority == Priority::Mandatory => {
                let finding = r
                    .on(
                        sheet,
                        Severity::Error,
                        blank_mandatory(&self.matrix.requirements[index].id),
                    )
                    .at_cell(row.index, cols.answer);
                r.push(finding);
            }
            Level::Missing => {
                let finding = r
                    .on(sheet, Severity::Warning, FindingKind::BlankAnswer)
                    .at_cell(row.index, cols.answer);
                r.push(finding);
            }
            Level::Invalid => {
                let kind = FindingKind::InvalidAnswer {
                    code: code.to_string(),
                    legend: self.legend_codes(),
                };
                let finding = r
                    .on(sheet, Severity::Error, kind)
                    .at_cell(row.index, cols.answer)
                    .with_value(code.as_str());
                r.push(finding);
            }
            _ => {}
        }
        let cost = self.cost_of(r, sheet, cols, row, level);
        // An exact copy of the matrix text says nothing the matrix does not,
        // and 12 vendors' copies of 200,000 requirements would be the
        // largest thing in memory: only a copy that differs is kept (F09).
        let text = cell_text(cell_at(row, cols.text));
        if !text.is_empty() && text != self.matrix.requirements[index].text {
            self.copies.insert(index, text);
        }
        Answer {
            level,
            cost,
            remarks: cell_text(cell_at(row, cols.remarks)).into(),
            at: Some(Place {
                sheet: self.sheet_name(sheet),
                row: row.index,
                col: cols.answer,
            }),
            code: self.codes.add(&code),
        }
    }

    /// The sheet's name, shared: one allocation per sheet, not per answer.
    fn sheet_name(&mut self, sheet: &Sheet) -> Arc<String> {
        match &self.sheet_name {
            Some(name) if **name == *sheet.name => name.clone(),
            _ => self
                .sheet_name
                .insert(Arc::new(sheet.name.to_string()))
                .clone(),
        }
    }

    fn cost_of(
        &self,
        r: &mut Reporter,
        sheet: &Sheet,
        cols: &SheetColumns,
        row: &SheetRow,
        level: Level,
    ) -> Cost {
        let cell = cell_at(row, cols.cost);
        let (cost, notes) = cost_of(cell, cols.cost_scale);
        let at = cols.cost.unwrap_or(cols.answer);
        if let (Some(notes), Cost::Yen(_)) = (&notes, &cost) {
            self.report_cost_notes(r, sheet, (row.index, at), cell, notes);
        }
        match &cost {
            Cost::Unknown(text) => {
                let finding = r
                    .on(sheet, Severity::Warning, FindingKind::UnreadableCost)
                    .at_cell(row.index, at)
                    .with_value(text.as_str());
                r.push(finding);
            }
            Cost::NotStated if level == Level::Customization => {
                let finding = r
                    .on(
                        sheet,
                        Severity::Warning,
                        FindingKind::CustomizationWithoutCost,
                    )
                    .at_cell(row.index, at);
                r.push(finding);
            }
            Cost::Yen(v) if *v > 0.0 && level != Level::Customization => {
                let finding = r
                    .on(
                        sheet,
                        Severity::Warning,
                        FindingKind::CostWithoutCustomization,
                    )
                    .at_cell(row.index, at)
                    .with_value(cell_text(cell).as_ref());
                r.push(finding);
            }
            _ => {}
        }
        cost
    }

    /// Warns of what a vendor wrote around an amount: a tax basis other than
    /// the settings', an estimate, a range (whose upper end is used).
    fn report_cost_notes(
        &self,
        r: &mut Reporter,
        sheet: &Sheet,
        (row, col): (u32, u32),
        cell: &CellValue,
        notes: &CostText,
    ) {
        let mut kinds = Vec::new();
        if let Some(stated) = notes.tax.and_then(TaxNote::in_text)
            && stated != self.tax_basis
        {
            kinds.push(FindingKind::CostTaxNote {
                stated: stated.key().to_string(),
                basis: self.tax_basis.key().to_string(),
            });
        }
        if notes.approximate {
            kinds.push(FindingKind::ApproximateCost);
        }
        if let Some((low, high)) = notes.range {
            kinds.push(FindingKind::CostRange { low, high });
        }
        for kind in kinds {
            let finding = r
                .on(sheet, Severity::Warning, kind)
                .at_cell(row, col)
                .with_value(cell_text(cell).as_ref());
            r.push(finding);
        }
    }

    /// Warns once per sheet when the cost header states a tax basis other
    /// than the settings' (`カスタマイズ費用（千円・税込）` in a 税抜 run).
    fn report_cost_column_basis(
        &self,
        r: &mut Reporter,
        sheet: &Sheet,
        header_row: u32,
        cols: &SheetColumns,
    ) {
        let (Some(col), Some(stated)) = (cols.cost, cols.cost_tax) else {
            return;
        };
        if stated == self.tax_basis {
            return;
        }
        let kind = FindingKind::CostColumnTaxBasis {
            stated: stated.key().to_string(),
            basis: self.tax_basis.key().to_string(),
        };
        let header = sheet
            .rows
            .iter()
            .find(|row| row.index == header_row)
            .map(|row| cell_text(row.get(col)).into_owned())
            .unwrap_or_default();
        let finding = r
            .on(sheet, Severity::Warning, kind)
            .at_cell(header_row, col)
            .with_value(header);
        r.push(finding);
    }

    fn level_of(&mut self, code: &str) -> Level {
        if let Some((_, level)) = self.seen_codes.iter().find(|(c, _)| c == code) {
            return *level;
        }
        let level = self.legend.level_of(code);
        if self.seen_codes.len() < 32 {
            self.seen_codes.push((code.to_string(), level));
        }
        level
    }

    /// The legend's codes per level, for the invalid-answer finding.
    fn legend_codes(&mut self) -> LegendCodes {
        let legend = self.legend;
        self.legend_codes
            .get_or_insert_with(|| {
                Level::ANSWERED
                    .iter()
                    .map(|&level| (level, legend.codes(level).to_vec()))
                    .collect()
            })
            .clone()
    }

    /// Reports every requirement without a row: deleted rows show this way.
    fn report_missing(&self, r: &mut Reporter) {
        for (i, req) in self.matrix.requirements.iter().enumerate() {
            if self.answers[i].at.is_some() {
                continue;
            }
            // A mandatory requirement left out is a knockout, as a blank answer is.
            let (severity, kind) = if req.priority == Priority::Mandatory {
                let kind = FindingKind::MissingMandatoryRequirement { id: req.id.clone() };
                (Severity::Error, kind)
            } else {
                let kind = FindingKind::MissingRequirement { id: req.id.clone() };
                (Severity::Warning, kind)
            };
            let mut finding = r.about_file(severity, kind).with_value(req.id.as_str());
            // After every sheet's rows, in matrix order.
            finding.order = (r.file_order, usize::MAX, i as u32 + 1, 0);
            r.push(finding);
        }
    }
}

/// Warns when the vendor never answers `standard` but answers `alternative`:
/// the form was likely read with the 3-level ○△× legend, where ○ means
/// "supported", so ○ may be scored too low.
fn report_three_level_legend(r: &mut Reporter, answers: &[Answer], codes: &Codes, legend: &Legend) {
    if answers.iter().any(|a| a.level == Level::Standard) {
        return;
    }
    let Some(first) = answers.iter().find(|a| a.level == Level::Alternative) else {
        return;
    };
    let kind = FindingKind::ThreeLevelLegend {
        standard: legend.codes(Level::Standard).to_vec(),
        code: codes.get(first.code).to_string(),
    };
    let finding = r
        .about_file(Severity::Warning, kind)
        .with_value(codes.get(first.code));
    r.push(finding);
}

/// The error of a blank answer on mandatory requirement `id`.
fn blank_mandatory(id: &str) -> FindingKind {
    FindingKind::BlankMandatoryAnswer { id: id.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Requirement;
    use crate::read::testkit::{sheet, workbook};
    use crate::read::workbook::MergedRange;
    use crate::settings::LegendSettings;

    /// A desirable requirement: a blank or missing answer to it is a warning.
    fn requirement(id: &str, text: &str) -> Requirement {
        Requirement {
            id: id.into(),
            area: "住民記録".into(),
            category: String::new(),
            text: text.into(),
            priority: Priority::Desirable,
            weight: 2.0,
            sheet: "住民記録".into(),
            row: 2,
        }
    }

    fn matrix() -> Matrix {
        Matrix::new(vec![
            requirement("JR-001", "住民票の写しを交付できること"),
            requirement("JR-002", "転入届を受け付けられること"),
            requirement("JR-003", "転出証明書を発行できること"),
        ])
    }

    fn read(wb: &Workbook) -> (Option<VendorResponse>, Vec<Finding>) {
        let mut findings = Vec::new();
        let legend = Legend::new(&LegendSettings::default());
        let v = read_response(wb, &matrix(), &legend, TaxNote::Excluded, 1, &mut findings);
        (v, findings)
    }

    fn ja(f: &Finding) -> String {
        crate::write::Labels::load(crate::model::Lang::Ja)
            .unwrap()
            .finding_message(f)
    }

    fn summary(findings: &[Finding]) -> Vec<(Severity, Option<String>, Option<String>)> {
        findings
            .iter()
            .map(|f| (f.severity, f.cell.clone(), f.value.clone()))
            .collect()
    }

    fn w(cell: &str, value: Option<&str>) -> (Severity, Option<String>, Option<String>) {
        (
            Severity::Warning,
            Some(cell.into()),
            value.map(str::to_string),
        )
    }

    #[test]
    fn a_clean_response_reads_without_findings() {
        let wb = workbook(
            "A社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["要件ID", "要件", "回答", "カスタマイズ費用", "備考"],
                    &["JR-001", "住民票の写しを交付できること", "◎", "", ""],
                    &[
                        "JR-002",
                        "転入届を受け付けられること",
                        "○",
                        "",
                        "運用で対応",
                    ],
                    &[
                        "JR-003",
                        "転出証明書を発行できること",
                        "△",
                        "1200000",
                        "帳票追加",
                    ],
                ],
            )],
        );
        let (v, findings) = read(&wb);
        assert_eq!(findings, []);
        let v = v.unwrap();
        assert_eq!(v.name, "A社");
        assert_eq!(v.display_name, None);
        assert_eq!(v.file, "A社.xlsx");
        assert_eq!(v.code(&v.answers[2]), "△");
        assert_eq!(
            v.answers[2],
            Answer {
                code: v.answers[2].code,
                level: Level::Customization,
                cost: Cost::Yen(1_200_000.0),
                remarks: "帳票追加".into(),
                at: Some(Place {
                    sheet: Arc::new("回答".into()),
                    row: 3,
                    col: 2,
                }),
            }
        );
        assert_eq!(&*v.answers[1].remarks, "運用で対応");
        // An exact copy of the matrix text is not kept.
        assert_eq!(v.copies.get(2), None);
    }

    #[test]
    fn only_a_copy_that_differs_from_the_matrix_is_kept() {
        let wb = workbook(
            "A社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["要件ID", "要件", "回答"],
                    &["JR-001", "住民票の写しを交付できること", "◎"],
                    &["JR-002", "転入届を受け付けられること（一部運用）", "◎"],
                    &["JR-003", "", "◎"],
                ],
            )],
        );
        let (v, _) = read(&wb);
        let v = v.unwrap();
        assert_eq!(v.copies.get(0), None);
        assert_eq!(
            v.copies.get(1),
            Some("転入届を受け付けられること（一部運用）")
        );
        assert_eq!(v.copies.get(2), None);
    }

    #[test]
    fn circle_variants_and_full_width_ids() {
        let wb = workbook(
            "B社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["要件ID", "回答"],
                    &["ＪＲ－００１", "○"],
                    &["jr-002", "〇"],
                    &["JR‐003", "◯"],
                    &["JR-004", "A"],
                ],
            )],
        );
        let (v, findings) = read(&wb);
        let v = v.unwrap();
        assert!(v.answers.iter().all(|a| a.level == Level::Alternative));
        assert_eq!(
            v.answers[0].at.as_ref().map(Place::cell).as_deref(),
            Some("B2")
        );
        // JR-004 is an inserted row; the vendor never answers standard.
        assert_eq!(summary(&findings)[0], w("A5", Some("JR-004")));
        assert_eq!(findings.len(), 1 + 1);
        assert_eq!(findings[1].cell, None);
        assert_eq!(findings[1].value.as_deref(), Some("○"));
        assert!(ja(&findings[1]).contains("3段階"));
    }

    #[test]
    fn blank_and_invalid_answers() {
        let wb = workbook(
            "C社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["要件ID", "回答"],
                    &["JR-001", ""],
                    &["JR-002", "？"],
                    &["JR-003", "◎"],
                ],
            )],
        );
        let (v, findings) = read(&wb);
        let v = v.unwrap();
        let levels: Vec<Level> = v.answers.iter().map(|a| a.level).collect();
        assert_eq!(levels, [Level::Missing, Level::Invalid, Level::Standard]);
        assert_eq!(
            v.answers[0].at.as_ref().map(Place::cell).as_deref(),
            Some("B2")
        );
        assert_eq!(v.code(&v.answers[1]), "？");
        assert_eq!(
            summary(&findings),
            [
                w("B2", None),
                (Severity::Error, Some("B3".into()), Some("？".into()))
            ]
        );
        let message = ja(&findings[1]);
        assert!(message.contains("標準: ◎ A 標準 標準対応"), "{message}");
        assert_eq!(findings[1].order, (1, 0, 3, 2));
    }

    /// Reads `wb` against a matrix whose JR-001 and JR-003 are mandatory.
    fn read_mandatory(wb: &Workbook, tax_basis: TaxNote) -> (VendorResponse, Vec<Finding>) {
        let mut requirements = matrix().requirements;
        requirements[0].priority = Priority::Mandatory;
        requirements[2].priority = Priority::Mandatory;
        let mut findings = Vec::new();
        let legend = Legend::new(&LegendSettings::default());
        let matrix = Matrix::new(requirements);
        let v = read_response(wb, &matrix, &legend, tax_basis, 1, &mut findings);
        (v.unwrap(), findings)
    }

    #[test]
    fn a_blank_or_missing_mandatory_answer_is_an_error() {
        let wb = workbook(
            "C社.xlsx",
            vec![sheet(
                "回答",
                &[&["要件ID", "回答"], &["JR-001", ""], &["JR-002", ""]],
            )],
        );
        let (v, findings) = read_mandatory(&wb, TaxNote::Excluded);
        assert_eq!(v.answers[2].level, Level::Missing);
        let got: Vec<(Severity, Option<&str>, &FindingKind)> = findings
            .iter()
            .map(|f| (f.severity, f.cell.as_deref(), &f.kind))
            .collect();
        assert_eq!(
            got,
            [
                // Mandatory JR-001 blank: the form must go back.
                (
                    Severity::Error,
                    Some("B2"),
                    &FindingKind::BlankMandatoryAnswer {
                        id: "JR-001".into()
                    }
                ),
                // Desirable JR-002 blank: a warning, as before.
                (Severity::Warning, Some("B3"), &FindingKind::BlankAnswer),
                // Mandatory JR-003 has no row at all.
                (
                    Severity::Error,
                    None,
                    &FindingKind::MissingMandatoryRequirement {
                        id: "JR-003".into()
                    }
                ),
            ]
        );
        let message = ja(&findings[0]);
        assert!(message.contains("差し戻し"), "{message}");
    }

    #[test]
    fn costs_with_notes_are_amounts_with_a_warning_each() {
        let wb = workbook(
            "A社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["要件ID", "回答", "カスタマイズ費用"],
                    &["JR-001", "△", "¥500,000-"],
                    &["JR-002", "△", "50万円（税込）"],
                    &["JR-003", "△", "約50万～100万円(税抜)"],
                ],
            )],
        );
        let (v, findings) = read_mandatory(&wb, TaxNote::Excluded);
        let costs: Vec<&Cost> = v.answers.iter().map(|a| &a.cost).collect();
        assert_eq!(
            costs,
            [
                &Cost::Yen(500_000.0),
                &Cost::Yen(500_000.0),
                &Cost::Yen(1_000_000.0)
            ]
        );
        let got: Vec<(&str, &FindingKind)> = findings
            .iter()
            .map(|f| (f.cell.as_deref().unwrap(), &f.kind))
            .collect();
        assert_eq!(
            got,
            [
                // The closing dash says nothing; 税込 differs from 税抜.
                (
                    "C3",
                    &FindingKind::CostTaxNote {
                        stated: "税込".into(),
                        basis: "税抜".into()
                    }
                ),
                // 税抜 is the basis: only the estimate and the range are told.
                ("C4", &FindingKind::ApproximateCost),
                (
                    "C4",
                    &FindingKind::CostRange {
                        low: 500_000.0,
                        high: 1_000_000.0
                    }
                ),
            ]
        );
        assert!(findings.iter().all(|f| f.severity == Severity::Warning));
        let range = ja(&findings[2]);
        assert!(
            range.contains("¥500,000") && range.contains("¥1,000,000"),
            "{range}"
        );
        // In a 税込 run the 税込 cost is silent and the 税抜 one is told.
        let (_, findings) = read_mandatory(&wb, TaxNote::Included);
        let taxed: Vec<&str> = findings
            .iter()
            .filter(|f| matches!(f.kind, FindingKind::CostTaxNote { .. }))
            .map(|f| f.cell.as_deref().unwrap())
            .collect();
        assert_eq!(taxed, ["C4"]);
    }

    #[test]
    fn a_cost_column_on_the_other_tax_basis_is_told_once() {
        let wb = workbook(
            "A社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["要件ID", "回答", "カスタマイズ費用（千円・税込）"],
                    &["JR-001", "△", "500"],
                    &["JR-002", "△", "-"],
                    &["JR-003", "◎", ""],
                ],
            )],
        );
        let (v, findings) = read_mandatory(&wb, TaxNote::Excluded);
        assert_eq!(v.answers[0].cost, Cost::Yen(500_000.0));
        let column: Vec<&Finding> = findings
            .iter()
            .filter(|f| matches!(f.kind, FindingKind::CostColumnTaxBasis { .. }))
            .collect();
        assert_eq!(column.len(), 1);
        assert_eq!(column[0].cell.as_deref(), Some("C1"));
        assert_eq!(
            column[0].value.as_deref(),
            Some("カスタマイズ費用（千円・税込）")
        );
        let (_, findings) = read_mandatory(&wb, TaxNote::Included);
        assert!(
            !findings
                .iter()
                .any(|f| matches!(f.kind, FindingKind::CostColumnTaxBasis { .. }))
        );
    }

    #[test]
    fn inserted_and_deleted_rows() {
        let wb = workbook(
            "A社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["要件ID", "要件", "回答"],
                    &["JR-001", "住民票の写しを交付できること", "◎"],
                    &["JR-001-2", "独自の追加要件", "◎"],
                    &["JR-003", "転出証明書を発行できること", "◎"],
                ],
            )],
        );
        let (v, findings) = read(&wb);
        let v = v.unwrap();
        assert_eq!(v.answers[1], Answer::default());
        assert_eq!(
            summary(&findings),
            [
                w("A3", Some("JR-001-2")),
                (Severity::Warning, None, Some("JR-002".into()))
            ]
        );
        assert_eq!(findings[1].sheet, None);
        assert_eq!(findings[1].order, (1, usize::MAX, 2, 0));
    }

    #[test]
    fn same_id_twice_first_counts() {
        let wb = workbook(
            "A社.xlsx",
            vec![
                sheet(
                    "住民記録",
                    &[
                        &["要件ID", "回答"],
                        &["JR-001", "◎"],
                        &["JR-002", "◎"],
                        &["JR-003", "◎"],
                    ],
                ),
                sheet("追加", &[&["要件ID", "回答"], &["JR-002", "×"]]),
            ],
        );
        let (v, findings) = read(&wb);
        let v = v.unwrap();
        assert_eq!(v.answers[1].level, Level::Standard);
        assert_eq!(summary(&findings), [w("A2", Some("JR-002"))]);
        assert_eq!(findings[0].sheet.as_deref(), Some("追加"));
        assert!(ja(&findings[0]).contains("「住民記録」3行目"));
    }

    #[test]
    fn rows_without_id_match_by_text() {
        let wb = workbook(
            "A社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["要件ID", "要件", "回答"],
                    &["", "住民票の写しを 交付できること", "◎"],
                    &["", "転入届を受付できること", "○"],
                    &["", "■ 異動", ""],
                    &["JR-002", "", "◎"],
                    &["JR-003", "", "◎"],
                ],
            )],
        );
        let (v, findings) = read(&wb);
        let v = v.unwrap();
        assert_eq!(v.answers[0].level, Level::Standard);
        assert_eq!(v.copies.get(0), Some("住民票の写しを 交付できること"));
        assert_eq!(v.copies.get(1), None);
        assert_eq!(
            summary(&findings),
            [w("B3", Some("転入届を受付できること"))]
        );
    }

    #[test]
    fn row_with_neither_id_nor_text_cannot_be_matched() {
        let wb = workbook(
            "A社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["要件ID", "要件", "回答"],
                    &["JR-001", "", "◎"],
                    &["JR-002", "", "◎"],
                    &["JR-003", "", "◎"],
                    &["", "", "△"],
                ],
            )],
        );
        let (_, findings) = read(&wb);
        assert_eq!(summary(&findings), [w("A5", Some("△"))]);
    }

    #[test]
    fn response_without_id_column_matches_by_text() {
        let wb = workbook(
            "A社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["機能要件", "対応可否"],
                    &["住民票の写しを交付できること", "◎"],
                    &["転入届を受け付けられること", "◎"],
                    &["転出証明書を発行できること", "×"],
                ],
            )],
        );
        let (v, findings) = read(&wb);
        assert_eq!(findings, []);
        assert_eq!(v.unwrap().answers[2].level, Level::Unsupported);
    }

    #[test]
    fn date_in_the_id_column_is_an_error() {
        let wb = workbook(
            "A社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["要件ID", "回答"],
                    &["JR-001", "◎"],
                    &["JR-002", "◎"],
                    &["date:2024-01-03", "◎"],
                ],
            )],
        );
        let (_, findings) = read(&wb);
        assert_eq!(
            summary(&findings),
            [
                (
                    Severity::Error,
                    Some("A4".into()),
                    Some("2024-01-03".into())
                ),
                (Severity::Warning, None, Some("JR-003".into())),
            ]
        );
    }

    #[test]
    fn costs_in_yen_thousands_and_text() {
        let wb = workbook(
            "A社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["要件ID", "回答", "カスタマイズ費用（千円）"],
                    &["JR-001", "△", "120"],
                    &["JR-002", "△", "120万円"],
                    &["JR-003", "△", "'１，５００"],
                ],
            )],
        );
        let (v, findings) = read(&wb);
        let costs: Vec<Cost> = v.unwrap().answers.into_iter().map(|a| a.cost).collect();
        assert_eq!(
            costs,
            [
                Cost::Yen(120_000.0),
                Cost::Yen(1_200_000.0),
                Cost::Yen(1_500_000.0)
            ]
        );
        // No standard answer, but no alternative either: no legend warning.
        assert_eq!(findings, []);
    }

    #[test]
    fn the_header_scale_applies_to_bare_numbers_only() {
        let text = |s: &str| CellValue::Text(s.into());
        let cost_of = |v: &CellValue, scale: f64| cost_of(v, scale).0;
        assert_eq!(cost_of(&text("120"), 1000.0), Cost::Yen(120_000.0));
        assert_eq!(cost_of(&text("１，２００"), 1000.0), Cost::Yen(1_200_000.0));
        assert_eq!(cost_of(&CellValue::Number(1.5), 1000.0), Cost::Yen(1_500.0));
        assert_eq!(cost_of(&text("¥120"), 1000.0), Cost::Yen(120.0));
        assert_eq!(cost_of(&text("120円"), 1000.0), Cost::Yen(120.0));
        assert_eq!(cost_of(&text("12万"), 1000.0), Cost::Yen(120_000.0));
        assert_eq!(cost_of(&text("無償"), 1000.0), Cost::Yen(0.0));
    }

    #[test]
    fn unknown_missing_and_misplaced_costs() {
        let wb = workbook(
            "A社.xlsx",
            vec![sheet(
                "回答",
                &[
                    &["要件ID", "回答", "費用"],
                    &["JR-001", "△", "別途見積"],
                    &["JR-002", "△", "－"],
                    &["JR-003", "◎", "50000"],
                ],
            )],
        );
        let (v, findings) = read(&wb);
        let costs: Vec<Cost> = v.unwrap().answers.into_iter().map(|a| a.cost).collect();
        assert_eq!(
            costs,
            [
                Cost::unknown("別途見積"),
                Cost::NotStated,
                Cost::Yen(50_000.0)
            ]
        );
        assert_eq!(
            summary(&findings),
            [
                w("C2", Some("別途見積")),
                w("C3", None),
                w("C4", Some("50000"))
            ]
        );
    }

    #[test]
    fn vendor_name_is_the_file_stem_cover_name_is_shown() {
        let wb = workbook(
            " ○○情報システム.xlsx",
            vec![
                sheet(
                    "表紙",
                    &[&["回答書"], &["会社名：", "", "株式会社○○情報システム"]],
                ),
                sheet(
                    "回答",
                    &[
                        &["要件ID", "回答"],
                        &["JR-001", "◎"],
                        &["JR-002", "◎"],
                        &["JR-003", "◎"],
                    ],
                ),
            ],
        );
        let (v, findings) = read(&wb);
        assert_eq!(findings, []);
        let v = v.unwrap();
        assert_eq!(v.name, "○○情報システム");
        assert_eq!(v.display_name.as_deref(), Some("株式会社○○情報システム"));
        // A decomposed カ + ゛ in the file name is the same vendor as ガ.
        assert_eq!(vendor_name("\u{30AB}\u{3099}イア.xlsx"), "ガイア");
    }

    #[test]
    fn the_vendor_name_is_never_taken_from_a_data_row() {
        let wb = workbook(
            "A社.xlsx",
            vec![
                sheet(
                    "回答",
                    &[
                        &["要件ID", "回答", "備考"],
                        &["JR-001", "◎", "会社名", "○○商事"],
                    ],
                ),
                sheet("表紙", &[&["会社名", "株式会社○○情報システム"]]),
            ],
        );
        let v = read(&wb).0.unwrap();
        assert_eq!(v.display_name.as_deref(), Some("株式会社○○情報システム"));
    }

    #[test]
    fn hidden_sheet_not_read() {
        let mut hidden = sheet(
            "前回回答",
            &[
                &["要件ID", "回答"],
                &["JR-001", "×"],
                &["JR-002", "×"],
                &["JR-003", "×"],
            ],
        );
        hidden.visibility = Visibility::VeryHidden;
        let wb = workbook(
            "A社.xlsx",
            vec![
                hidden,
                sheet(
                    "回答",
                    &[
                        &["要件ID", "回答"],
                        &["JR-001", "◎"],
                        &["JR-002", "◎"],
                        &["JR-003", "◎"],
                    ],
                ),
            ],
        );
        let (v, findings) = read(&wb);
        assert!(
            v.unwrap()
                .answers
                .iter()
                .all(|a| a.level == Level::Standard)
        );
        assert_eq!(
            summary(&findings),
            [(Severity::Warning, None, Some("veryHidden".into()))]
        );
        assert_eq!(findings[0].sheet.as_deref(), Some("前回回答"));
    }

    #[test]
    fn no_header_anywhere_leaves_the_vendor_out() {
        let wb = workbook(
            "D社.xlsx",
            vec![sheet(
                "回答",
                &[&["No", "内容", "可否"], &["JR-001", "住民票", "◎"]],
            )],
        );
        let (v, findings) = read(&wb);
        assert_eq!(v, None);
        assert_eq!(
            summary(&findings),
            [w("A1", Some("No")), (Severity::Error, None, None)]
        );
        assert_eq!(findings[1].file, "D社.xlsx");
    }

    #[test]
    fn formulas_merges_and_hidden_lines_are_reported() {
        let mut s = sheet(
            "回答",
            &[
                &["要件ID", "回答", "費用"],
                &["JR-001", "◎", ""],
                &["JR-002", "△", "300000"],
                &["JR-003", "", ""],
            ],
        );
        s.formulas.push((2, 2, "100000*3".into()));
        s.merged.push(MergedRange {
            first_row: 2,
            first_col: 1,
            last_row: 3,
            last_col: 1,
        });
        s.hidden_cols.push(2);
        let wb = workbook("A社.xlsx", vec![s]);
        let (v, findings) = read(&wb);
        assert_eq!(v.unwrap().answers[2].level, Level::Missing);
        assert_eq!(
            summary(&findings),
            [
                w("C:C", None),
                w("C3", Some("=100000*3")),
                w("B3", Some("B3:B4")),
                w("B4", None),
            ]
        );
    }

    #[test]
    fn a_merged_answer_cell_of_an_xls_is_reported() {
        use crate::read::workbook::crafted::{answer_biff, compound};
        let stream = answer_biff(&[(1, 2, 1, 1)]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("A社.xls");
        std::fs::write(&path, compound(&[("Workbook", &stream)])).unwrap();
        let wb = crate::read::workbook::open(&path, &Default::default()).unwrap();
        let (v, findings) = read(&wb);
        assert_eq!(v.unwrap().answers[1].level, Level::Missing);
        let merged = findings
            .iter()
            .find(|f| f.value.as_deref() == Some("B2:B3"))
            .expect("a finding on the merged answer cells");
        assert_eq!(merged.severity, Severity::Warning);
        assert_eq!(merged.sheet.as_deref(), Some("回答"));
        assert_eq!(merged.cell.as_deref(), Some("B2"));
        let message = ja(merged);
        assert!(
            message.starts_with("回答欄に結合セル B2:B3 があります。"),
            "{message}"
        );
    }
}

/// The size the performance targets of SPEC §10 are set at: run with
/// `cargo test --release --lib timing -- --ignored --nocapture`.
#[cfg(test)]
mod timing {
    use super::*;
    use crate::model::{Priority, Requirement};
    use crate::read::workbook::{Sheet, SheetRow};
    use crate::settings::LegendSettings;

    #[test]
    #[ignore]
    fn twenty_thousand_rows_twelve_vendors() {
        let n = 20_000;
        let reqs: Vec<Requirement> = (0..n)
            .map(|i| Requirement {
                id: format!("JR-{i:05}"),
                area: "住民記録".into(),
                category: String::new(),
                text: format!("住民票の写しを交付できること{i}"),
                priority: Priority::Mandatory,
                weight: 3.0,
                sheet: "住民記録".into(),
                row: i + 2,
            })
            .collect();
        let matrix = Matrix::new(reqs);
        let mut rows = vec![SheetRow {
            index: 0,
            cells: ["要件ID", "要件", "回答", "カスタマイズ費用", "備考"]
                .iter()
                .enumerate()
                .map(|(c, s)| (c as u32, CellValue::Text((*s).into())))
                .collect(),
        }];
        for i in 0..n {
            rows.push(SheetRow {
                index: i + 1,
                cells: vec![
                    (0, CellValue::Text(format!("JR-{i:05}").into())),
                    (
                        1,
                        CellValue::Text(format!("住民票の写しを交付できること{i}").into()),
                    ),
                    (
                        2,
                        CellValue::Text(if i % 3 == 0 { "△" } else { "◎" }.into()),
                    ),
                    (
                        3,
                        if i % 3 == 0 {
                            CellValue::Number(1000.0)
                        } else {
                            CellValue::Empty
                        },
                    ),
                    (4, CellValue::Text("標準機能で対応".into())),
                ],
            });
        }
        let wb = Workbook {
            path: "A社.xlsx".into(),
            file: "A社.xlsx".into(),
            sha256: String::new(),
            sheets: vec![Sheet {
                name: "回答".into(),
                index: 0,
                visibility: Visibility::Visible,
                rows,
                hidden_rows: vec![],
                hidden_cols: vec![],
                merged: vec![],
                formulas: vec![],
            }],
        };
        let legend = Legend::new(&LegendSettings::default());
        let start = std::time::Instant::now();
        for _ in 0..12 {
            let mut findings = Vec::new();
            let v = read_response(&wb, &matrix, &legend, TaxNote::Excluded, 0, &mut findings);
            assert!(v.is_some());
            assert!(findings.is_empty(), "{:?}", &findings[..1]);
        }
        eprintln!("12 × 20,000 rows: {:?}", start.elapsed());
    }
}
