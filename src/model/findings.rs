//! Problems found in the inputs (SPEC §7): rows of the Validation sheet, never
//! errors that stop the run, each with the file, sheet and cell it came from.
//!
//! A finding says what was found (its [`FindingKind`], with the facts its
//! message needs) and where; it holds no sentence. Its words come from the
//! label catalogue when it is shown (`write::findings`), in the language of
//! that output.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{CommitteeProblem, Level, cell_ref, column_letters};

/// Severity of a validation row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What a header row must name for each kind of input (`read::header`
/// detects it; a finding names the headers expected).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HeaderNeed {
    /// The requirement matrix: ID and text.
    Matrix,
    /// A vendor response: the answer, and the ID or the text to match rows by.
    Response,
    /// Member requests: an ID.
    Requests,
    /// The prices (§12): the vendor.
    Prices,
    /// The committee's decisions (§11): vendor, ruling and reason.
    Decisions,
    /// The evaluation criteria (§13): item and maximum points.
    Criteria,
    /// An evaluator's scoresheet (§13): the item (or its ID).
    Scores,
    /// The consortium's members (§14): member, population and current cost.
    Members,
    /// The key of a blind review (§15): label and vendor.
    Key,
}

/// A column whose formulas and merged cells are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckedField {
    Answer,
    Cost,
}

/// The codes of each level a legend code can name, in [`Level::ANSWERED`]
/// order: built once per response, shared by its invalid-answer findings.
pub type LegendCodes = Arc<[(Level, Vec<String>)]>;

/// What one problem is, with the facts its message needs. Where it is (file,
/// sheet, cell) and the value found are on the [`Finding`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FindingKind {
    // Every reader (`read::sheet_checks`).
    /// A hidden or very hidden sheet, never read.
    HiddenSheet { sheet: String },
    /// A hidden row of a sheet read; `row` is 1-based.
    HiddenRow { row: u32 },
    /// A hidden column of a sheet read, in letters.
    HiddenColumn { letters: String },
    /// A formula in an answer or cost cell.
    Formula { field: CheckedField },
    /// A merged range touching an answer or cost column (`A1:B2`).
    Merged { field: CheckedField, range: String },
    /// A sheet that looks meant to carry data but has no header.
    MissingHeader { need: HeaderNeed },
    /// No sheet of the file has a header.
    NoHeaderInFile { need: HeaderNeed },
    /// Excel turned an ID into a date.
    DateId,

    // The requirement matrix (`read::matrix`).
    /// A requirement without an ID.
    MissingId,
    /// A requirement without a text.
    BlankRequirementText,
    /// A priority that is none of 必須 / 推奨 / 任意.
    UnknownPriority,
    /// A weight that is not a number ≥ 0; `fallback` is the priority's weight used.
    BadWeight { fallback: f64 },
    /// An ID seen before, at `first_sheet` row `first_row` (1-based).
    DuplicateId {
        id: String,
        first_sheet: String,
        first_row: u32,
    },

    // A vendor's response (`read::response`).
    /// A requirement answered twice; the first row, at `first_sheet` row
    /// `first_row` (1-based), counts.
    DuplicateAnswer { first_sheet: String, first_row: u32 },
    /// An ID not in the matrix.
    UnknownId,
    /// No ID, and a text equal to no single requirement.
    UnmatchedText,
    /// Neither an ID nor a text.
    UnmatchedRow,
    /// A blank answer.
    BlankAnswer,
    /// An answer not in the legend; `legend` lists the codes of each level a
    /// code can name, in [`Level::ANSWERED`] order.
    InvalidAnswer { code: String, legend: LegendCodes },
    /// A cost that is not an amount.
    UnreadableCost,
    /// A customization answered without a cost.
    CustomizationWithoutCost,
    /// A cost on a row not answered as customization.
    CostWithoutCustomization,
    /// A requirement of the matrix without a row in the response.
    MissingRequirement { id: String },
    /// No standard answer while the alternative `code` is used: the 3-level
    /// ○△× legend, likely; `standard` are the legend's standard codes.
    ThreeLevelLegend { standard: Vec<String>, code: String },

    // The members' requests (`read::requests`).
    /// A request without a member.
    BlankMember,
    /// A wide-form row with marks but no ID.
    BlankRowId,
    /// A long-form request without an ID.
    BlankRequestId,
    /// A request for an ID not in the matrix.
    RequestIdNotInMatrix,
    /// A town the settings do not list as a member.
    NotAMember { town: String },
    /// A requests file read without a single request.
    NoRequests,

    // Across the inputs (`read::inputs`).
    /// A vendor whose name another file already gave.
    DuplicateVendor { name: String, first_file: String },
    /// A file in a responses folder that is not a workbook (`read::discover`):
    /// never read, always on the record.
    NotAWorkbookInFolder { extension: String, kind: OtherFile },

    // The prices (`read::prices`, SPEC §12).
    /// A price row with amounts but no vendor.
    PriceWithoutVendor,
    /// A price row with neither a total nor a part.
    PriceWithoutAmount,
    /// An amount or the years not readable; `column` is the header as written.
    PriceUnreadable { column: String },
    /// A price of zero: no ratio exists.
    PriceZero,
    /// A price on another tax basis than the settings' (税込 / 税抜).
    PriceTaxBasis { found: String, expected: String },
    /// A price row naming no evaluated vendor.
    PriceUnknownVendor { vendor: String },
    /// A price row whose name fits two evaluated vendors.
    PriceAmbiguousVendor { vendor: String },
    /// A second row for a vendor; `first_row` (1-based) was the first.
    PriceDuplicate { vendor: String, first_row: u32 },
    /// An evaluated vendor without a price row.
    PriceMissing { vendor: String },
    // The committee's decisions (`read::decisions`).
    /// A decision row that applies to nothing.
    Decision(super::DecisionProblem),

    // The file itself (`read::workbook`).
    /// A file that was not read.
    Refused(Refusal),

    /// The committee's criteria and scoresheets (`read::committee`).
    Committee(CommitteeProblem),
    // Reading rules of §3.3 and §7 (`read::response`, `read::inputs`).
    /// A blank answer on mandatory requirement `id`: a knockout, so the
    /// form must go back to the vendor.
    BlankMandatoryAnswer { id: String },
    /// A mandatory requirement without a row in the response: a knockout.
    MissingMandatoryRequirement { id: String },
    /// A blank or missing mandatory answer the committee's decisions ruled
    /// (§11): no longer a knockout to send back, but kept on the record.
    RuledMandatoryAnswer { id: String, level: Level },
    /// A response byte-identical (same SHA-256) to `first_file`, which comes
    /// earlier in file-name order: this one is not evaluated.
    DuplicateFile { first_file: String },
    /// A response whose cover names the same company as `other_file`'s.
    SameCompany { company: String, other_file: String },
    /// A cost written with a tax note (`stated`: 税込 or 税抜) other than the
    /// settings' `tax_basis` (`basis`).
    CostTaxNote { stated: String, basis: String },
    /// A cost column whose header note states a tax basis other than the
    /// settings' `tax_basis`.
    CostColumnTaxBasis { stated: String, basis: String },
    /// A cost written as an estimate (`約`, `概算`, `程度`).
    ApproximateCost,
    /// A cost written as a range: the upper end, `high`, is used (yen).
    CostRange { low: f64, high: f64 },
    /// A row of the members workbook of a cost split (`read::members`, §14).
    Member(super::MemberProblem),
    // The key of a blind review (`blind::key`).
    /// A label without its vendor.
    KeyVendorBlank,
    /// A label given before, at `first_sheet` row `first_row` (1-based).
    KeyLabelTwice {
        label: String,
        first_sheet: String,
        first_row: u32,
    },
}

/// What a file that is not a workbook looks like, when that is easy to tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Looks {
    Empty,
    Csv,
    Text,
    Html,
    Xml,
    Pdf,
    /// A zip archive that is neither OOXML nor OpenDocument spreadsheet.
    OtherZip,
    /// An OpenDocument file that is not a spreadsheet (text, presentation).
    OtherOpenDocument,
    /// A compound file (.doc, .ppt, .msg) without a workbook stream.
    OtherOffice,
    Unknown,
}

/// Why a file was not read. Every guard and every parser under
/// `read::workbook` ends a failed read in one of these; its message names the
/// problem and what the secretariat should ask of the sender.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Refusal {
    /// The file could not be opened or read.
    Unreadable {
        detail: String,
    },
    FileTooLarge {
        bytes: u64,
        limit_mib: u64,
    },
    PartTooLarge {
        part: String,
        bytes: u64,
        limit_mib: u64,
    },
    NotWorkbook(Looks),
    Encrypted,
    /// Cut off or corrupt; `detail` is the parser's own words.
    Damaged {
        detail: String,
    },
    /// The shared-string table declares more strings than its part can hold.
    CraftedSharedStrings {
        declared: u64,
        part: String,
    },
    /// A sheet whose grid or content is absurdly large.
    SheetTooLarge {
        sheet: String,
        cells: u64,
        limit: u64,
    },
    /// A sheet the parser could not read.
    SheetUnreadable {
        sheet: String,
        detail: String,
    },
    /// The process that read the file stopped without an answer
    /// (`read::isolate`).
    ReaderStopped(Stopped),
}

/// What a file in a responses folder that is not a workbook is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OtherFile {
    /// A CSV export: the form must come back as a workbook (error).
    Csv,
    /// A spreadsheet fairbid does not read (Numbers, flat ODS, a template):
    /// it must be saved as .xlsx (error).
    SaveAsXlsx,
    /// Anything else, such as a covering letter in PDF (warning).
    Other,
}

impl OtherFile {
    /// What a file of this extension (without the dot) is.
    pub fn of(extension: &str) -> OtherFile {
        const SAVE_AS_XLSX: [&str; 7] = ["numbers", "fods", "xltx", "xltm", "xlt", "ots", "et"];
        let ext = extension.to_ascii_lowercase();
        if ext == "csv" || ext == "tsv" {
            OtherFile::Csv
        } else if SAVE_AS_XLSX.contains(&ext.as_str()) {
            OtherFile::SaveAsXlsx
        } else {
            OtherFile::Other
        }
    }

    /// An error when the file is plainly a response in the wrong form.
    pub fn severity(self) -> Severity {
        match self {
            OtherFile::Csv | OtherFile::SaveAsXlsx => Severity::Error,
            OtherFile::Other => Severity::Warning,
        }
    }
}

/// How a workbook's reader process ended when it sent nothing usable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stopped {
    /// It needed more memory than `max_read_mib`.
    OutOfMemory { limit_mib: u64 },
    /// It ran longer than `max_read_seconds`.
    TimedOut { limit_seconds: u64 },
    /// It ended otherwise without a reply (a crash); `how` is the exit
    /// status as the system tells it.
    Crashed { how: String },
}

/// One problem found in the inputs (SPEC §7). Data-quality problems are
/// findings, never errors that stop the run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub file: String,
    pub sheet: Option<String>,
    /// A1-style cell, or a row (`5:5`) or column (`C:C`) range.
    pub cell: Option<String>,
    pub severity: Severity,
    pub kind: FindingKind,
    pub value: Option<String>,
    /// Sort key: (input order, sheet order, row, column).
    pub order: (usize, usize, u32, u32),
}

impl Finding {
    /// A finding about a whole file.
    pub fn file(file: &str, severity: Severity, kind: FindingKind) -> Finding {
        Finding {
            file: file.to_string(),
            sheet: None,
            cell: None,
            severity,
            kind,
            value: None,
            order: (0, 0, 0, 0),
        }
    }

    /// Places the finding on a sheet (`sheet_index` is its position in the workbook).
    pub fn on_sheet(mut self, sheet: &str, sheet_index: usize) -> Finding {
        self.sheet = Some(sheet.to_string());
        self.order.1 = sheet_index;
        self
    }

    /// Places the finding on a cell; `row` and `col` are 0-based.
    pub fn at_cell(mut self, row: u32, col: u32) -> Finding {
        self.cell = Some(cell_ref(row, col));
        self.order.2 = row + 1;
        self.order.3 = col + 1;
        self
    }

    /// Places the finding on a whole row (`5:5`); `row` is 0-based.
    pub fn at_row(mut self, row: u32) -> Finding {
        self.cell = Some(format!("{0}:{0}", row + 1));
        self.order.2 = row + 1;
        self
    }

    /// Places the finding on a whole column (`C:C`); `col` is 0-based.
    pub fn at_column(mut self, col: u32) -> Finding {
        let letters = column_letters(col);
        self.cell = Some(format!("{letters}:{letters}"));
        self.order.3 = col + 1;
        self
    }

    /// Records the value found.
    pub fn with_value(mut self, value: impl Into<String>) -> Finding {
        self.value = Some(value.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finding_places() {
        let f = Finding::file("a.xlsx", Severity::Warning, FindingKind::DateId)
            .on_sheet("S", 2)
            .at_row(4);
        assert_eq!(f.cell.as_deref(), Some("5:5"));
        let f = Finding::file("a.xlsx", Severity::Warning, FindingKind::DateId).at_column(2);
        assert_eq!(f.cell.as_deref(), Some("C:C"));
    }
}
