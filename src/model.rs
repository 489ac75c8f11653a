//! The domain model shared by every pipeline stage.
//!
//! Reading produces [`Inputs`]; analysis turns them into an [`Analysis`];
//! writers render both. Everything here is plain data so that each stage can be
//! tested on values built in code, without a workbook in sight.

use std::sync::Arc;

use compact_str::CompactString;
use serde::{Serialize, Serializer};

/// The normalized answer of one vendor to one requirement (SPEC §2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Package standard function, parameters included (標準機能).
    Standard,
    /// Another function or a change of operation, no code change (代替・運用).
    Alternative,
    /// Needs a code change (カスタマイズ).
    Customization,
    /// Cannot be met (対応不可).
    Unsupported,
    /// No answer was given (blank cell or no row).
    #[default]
    Missing,
    /// A value outside the legend.
    Invalid,
}

impl Level {
    /// All levels in the order reports list them.
    pub const ALL: [Level; 6] = [
        Level::Standard,
        Level::Alternative,
        Level::Customization,
        Level::Unsupported,
        Level::Missing,
        Level::Invalid,
    ];

    /// The four levels a legend code can name.
    pub const ANSWERED: [Level; 4] = [
        Level::Standard,
        Level::Alternative,
        Level::Customization,
        Level::Unsupported,
    ];

    /// Met without changing code: `standard` or `alternative`.
    pub fn is_capable(self) -> bool {
        matches!(self, Level::Standard | Level::Alternative)
    }

    /// Capable, or met by customization.
    pub fn is_feasible(self) -> bool {
        self.is_capable() || self == Level::Customization
    }

    /// The stable key used in JSON and settings.
    pub fn key(self) -> &'static str {
        match self {
            Level::Standard => "standard",
            Level::Alternative => "alternative",
            Level::Customization => "customization",
            Level::Unsupported => "unsupported",
            Level::Missing => "missing",
            Level::Invalid => "invalid",
        }
    }
}

/// How much a requirement matters (必須 / 推奨 / 任意).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Mandatory,
    Desirable,
    Optional,
}

impl Priority {
    pub fn key(self) -> &'static str {
        match self {
            Priority::Mandatory => "mandatory",
            Priority::Desirable => "desirable",
            Priority::Optional => "optional",
        }
    }
}

/// Output language of labels and messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

/// One row of the requirement matrix (SPEC §3.2).
#[derive(Clone, Debug, PartialEq)]
pub struct Requirement {
    /// Normalized ID (NFKC, upper-case, no white space, dashes unified).
    pub id: String,
    /// Business area (業務); the sheet name when the matrix has no area column.
    pub area: String,
    /// Category columns joined with ` / `; empty when none.
    pub category: String,
    /// The requirement text as written in the matrix.
    pub text: String,
    pub priority: Priority,
    /// Points available for this requirement.
    pub weight: f64,
    /// Where the row stands in the matrix workbook.
    pub sheet: String,
    /// 1-based row number in `sheet`.
    pub row: u32,
}

/// A customization cost as stated by a vendor (SPEC §3.3).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Cost {
    /// No cost stated (blank, `-`, `－`).
    #[default]
    NotStated,
    /// An amount in yen.
    Yen(f64),
    /// Text that is not an amount (`別途見積`, `要相談`), kept as written.
    Unknown(String),
}

impl Cost {
    pub fn yen(&self) -> Option<f64> {
        match self {
            Cost::Yen(v) => Some(*v),
            _ => None,
        }
    }
}

/// Where an answer cell stands in the vendor's workbook.
///
/// A consortium's responses hold millions of answers, so the place is kept
/// small: the sheet name is shared by every answer on the sheet and the
/// cell is a row/column pair, spelled out as `B12` only when shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub sheet: Arc<str>,
    /// 0-based row and column.
    pub row: u32,
    pub col: u32,
}

impl Place {
    /// The A1 reference of the cell.
    pub fn cell(&self) -> String {
        cell_ref(self.row, self.col)
    }
}

/// One vendor's answer to one requirement.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answer {
    /// The code as written (trimmed); empty when missing. Codes are a
    /// character or two, so they are stored inline, without an allocation.
    pub code: CompactString,
    pub level: Level,
    pub cost: Cost,
    /// The vendor's remarks (備考), empty when none.
    pub remarks: String,
    /// The vendor's copy of the requirement text, when the response carries
    /// one that is not an exact copy of the matrix's (F09 compares it).
    pub text: Option<String>,
    /// Where the answer cell stands; `None` for a missing row.
    pub at: Option<Place>,
}

/// The answer standing in for a row a response does not have (or an index
/// that does not line up with the inputs): nothing was answered.
pub static NO_ANSWER: Answer = Answer {
    code: CompactString::const_new(""),
    level: Level::Missing,
    cost: Cost::NotStated,
    remarks: String::new(),
    text: None,
    at: None,
};

/// One vendor's response workbook, aligned with the matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct VendorResponse {
    /// The vendor's identity: the file stem, NFC-normalized and trimmed.
    pub name: String,
    /// A name found on a cover sheet, shown but never used as the identity.
    pub display_name: Option<String>,
    /// The file name as given.
    pub file: String,
    /// `answers[i]` answers `requirements[i]`; missing rows are `Level::Missing`.
    pub answers: Vec<Answer>,
}

/// The member towns' customization requests (SPEC §3.4).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemberRequests {
    pub file: String,
    /// The consortium's members, in column / first-appearance order.
    pub members: Vec<String>,
    /// `by_requirement[i]` holds indices into `members` that request requirement `i`,
    /// ascending and without repeats.
    pub by_requirement: Vec<Vec<usize>>,
}

/// Severity of a validation row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the inputs (SPEC §7). Data-quality problems are
/// findings, never errors that stop the run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub file: String,
    pub sheet: Option<String>,
    /// A1-style cell, or a row (`5:5`) or column (`C:C`) range.
    pub cell: Option<String>,
    pub severity: Severity,
    pub message: String,
    pub value: Option<String>,
    /// Sort key: (input order, sheet order, row, column); not serialized.
    #[serde(skip)]
    pub order: (usize, usize, u32, u32),
}

/// The role an input file plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Requirements,
    Response,
    Requests,
    Settings,
}

/// One input file as recorded for provenance (SPEC §8.1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputFile {
    pub file: String,
    pub role: Role,
    pub sha256: String,
    /// Data rows read (requirements, answers or requests).
    pub rows: usize,
}

/// Everything read from the inputs, ready for analysis.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs {
    /// Requirements in matrix order (sheet order, then row order).
    pub requirements: Vec<Requirement>,
    /// The vendors that could be read, in the order given.
    pub vendors: Vec<VendorResponse>,
    pub requests: Option<MemberRequests>,
    pub findings: Vec<Finding>,
    pub files: Vec<InputFile>,
}

/// Counts of answers per level: one vendor's over the matrix, or every
/// vendor's on one requirement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LevelCounts {
    pub standard: usize,
    pub alternative: usize,
    pub customization: usize,
    pub unsupported: usize,
    pub missing: usize,
    pub invalid: usize,
}

impl LevelCounts {
    pub fn add(&mut self, level: Level) {
        *self.get_mut(level) += 1;
    }

    /// Answers met without changing code (see [`Level::is_capable`]).
    pub fn capable(&self) -> usize {
        self.standard + self.alternative
    }

    /// Answers met at all, customization included (see [`Level::is_feasible`]).
    pub fn feasible(&self) -> usize {
        self.capable() + self.customization
    }

    /// Someone can meet the requirement, but only by customization: whoever
    /// wins must change code. F03 flags it and §6 advises reviewing the
    /// requirement, so both rules read the same test.
    pub fn only_customization(&self) -> bool {
        self.capable() == 0 && self.customization > 0
    }

    pub fn get(&self, level: Level) -> usize {
        match level {
            Level::Standard => self.standard,
            Level::Alternative => self.alternative,
            Level::Customization => self.customization,
            Level::Unsupported => self.unsupported,
            Level::Missing => self.missing,
            Level::Invalid => self.invalid,
        }
    }

    fn get_mut(&mut self, level: Level) -> &mut usize {
        match level {
            Level::Standard => &mut self.standard,
            Level::Alternative => &mut self.alternative,
            Level::Customization => &mut self.customization,
            Level::Unsupported => &mut self.unsupported,
            Level::Missing => &mut self.missing,
            Level::Invalid => &mut self.invalid,
        }
    }
}

/// Serializes a float as an integer when it has no fraction, so that yen
/// amounts read `1200000`, not `1200000.0`.
pub fn serialize_amount<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

/// [`serialize_amount`] for optional amounts (`null` when unknown).
pub fn serialize_opt_amount<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serialize_amount(v, s),
        None => s.serialize_none(),
    }
}

/// One vendor's result (SPEC §4, §8.2 `vendors`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VendorResult {
    pub name: String,
    pub rank: usize,
    pub score: f64,
    pub max_score: f64,
    pub percent: f64,
    pub compliant: bool,
    /// Normalized IDs of the mandatory requirements this vendor is knocked out on, matrix order.
    pub knockouts: Vec<String>,
    pub levels: LevelCounts,
    /// Sum of the known customization costs, yen.
    #[serde(serialize_with = "serialize_amount")]
    pub customization_cost: f64,
    /// Customization answers whose cost is unknown or not stated.
    pub customization_cost_unknown: usize,
    /// Index into `Inputs::vendors`.
    #[serde(skip)]
    pub vendor: usize,
    /// Points per requirement, aligned with `Inputs::requirements`.
    #[serde(skip)]
    pub points: Vec<f64>,
}

/// Severity of a fairness flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FlagSeverity {
    High,
    Medium,
    Low,
}

impl FlagSeverity {
    /// Severity by priority: mandatory → high, desirable → medium, optional → low.
    pub fn of(priority: Priority) -> Self {
        match priority {
            Priority::Mandatory => FlagSeverity::High,
            Priority::Desirable => FlagSeverity::Medium,
            Priority::Optional => FlagSeverity::Low,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            FlagSeverity::High => "high",
            FlagSeverity::Medium => "medium",
            FlagSeverity::Low => "low",
        }
    }
}

/// The fairness flags of SPEC §5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum FlagCode {
    F01,
    F02,
    F03,
    F04,
    F05,
    F06,
    F07,
    F08,
    F09,
    F10,
}

impl FlagCode {
    pub const ALL: [FlagCode; 10] = [
        FlagCode::F01,
        FlagCode::F02,
        FlagCode::F03,
        FlagCode::F04,
        FlagCode::F05,
        FlagCode::F06,
        FlagCode::F07,
        FlagCode::F08,
        FlagCode::F09,
        FlagCode::F10,
    ];

    /// The stable snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            FlagCode::F01 => "sole_capable",
            FlagCode::F02 => "sole_standard",
            FlagCode::F03 => "none_capable",
            FlagCode::F04 => "infeasible",
            FlagCode::F05 => "knockout",
            FlagCode::F06 => "low_competition",
            FlagCode::F07 => "brand_in_text",
            FlagCode::F08 => "pivotal",
            FlagCode::F09 => "text_altered",
            FlagCode::F10 => "concentration",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            FlagCode::F01 => "F01",
            FlagCode::F02 => "F02",
            FlagCode::F03 => "F03",
            FlagCode::F04 => "F04",
            FlagCode::F05 => "F05",
            FlagCode::F06 => "F06",
            FlagCode::F07 => "F07",
            FlagCode::F08 => "F08",
            FlagCode::F09 => "F09",
            FlagCode::F10 => "F10",
        }
    }
}

/// One fairness flag (SPEC §5, §8.2 `flags`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flag {
    pub code: FlagCode,
    pub name: &'static str,
    pub severity: FlagSeverity,
    /// Normalized requirement ID; `None` for procurement-wide flags (F06, F10).
    pub requirement: Option<String>,
    pub vendors: Vec<String>,
    pub message: String,
    pub recommendation: String,
    /// F09: 1 − Levenshtein distance / length of the longer text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// F06: the smallest set of mandatory requirements whose relaxation restores competition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relief: Option<Vec<String>>,
    /// F07: the first term found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// Index into `Inputs::requirements`, for sorting and cross-reference.
    #[serde(skip)]
    pub requirement_index: Option<usize>,
}

/// Competition summary (SPEC §8.2 `competition`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Competition {
    pub compliant_vendors: usize,
    pub min_competitors: usize,
    pub relief: Vec<String>,
}

/// The §6 recommendation for a customized requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomizationAdvice {
    Standardize,
    AdaptOperations,
    ReviewRequirement,
    None,
}

impl CustomizationAdvice {
    pub fn key(self) -> &'static str {
        match self {
            CustomizationAdvice::Standardize => "standardize",
            CustomizationAdvice::AdaptOperations => "adapt_operations",
            CustomizationAdvice::ReviewRequirement => "review_requirement",
            CustomizationAdvice::None => "none",
        }
    }
}

/// One row of the customization tally (SPEC §6, §8.2 `customization`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CustomizationItem {
    pub requirement: String,
    /// Vendors answering `customization`, in vendor order (§8.2).
    pub vendors: Vec<String>,
    #[serde(serialize_with = "serialize_opt_amount")]
    pub cost_min: Option<f64>,
    #[serde(serialize_with = "serialize_opt_amount")]
    pub cost_median: Option<f64>,
    #[serde(serialize_with = "serialize_opt_amount")]
    pub cost_max: Option<f64>,
    pub cost_unknown: usize,
    pub members: Vec<String>,
    pub recommendation: CustomizationAdvice,
    #[serde(skip)]
    pub requirement_index: usize,
    /// Each customizing vendor's known cost, aligned with `vendors`.
    #[serde(skip)]
    pub vendor_costs: Vec<Option<f64>>,
}

/// Kind of a sensitivity group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupKind {
    Area,
    Category,
}

/// Weight sensitivity of one group (SPEC §5.1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupSensitivity {
    pub kind: GroupKind,
    pub name: String,
    pub swap_factor: Option<f64>,
}

/// Robustness of the ranking between the first two compliant vendors.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sensitivity {
    pub first: String,
    pub second: String,
    pub margin: f64,
    pub groups: Vec<GroupSensitivity>,
}

/// What relaxing one knockout requirement alone would do (SPEC §5.1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KnockoutWhatIf {
    pub requirement: String,
    pub vendors: Vec<String>,
    pub compliant_if_relaxed: usize,
}

/// Everything the analysis stage derives from the inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Vendors by rank, then name.
    pub vendors: Vec<VendorResult>,
    /// Flags by requirement in matrix order (procurement-wide last), then code.
    pub flags: Vec<Flag>,
    pub competition: Competition,
    /// Customized or requested requirements in matrix order.
    pub customization: Vec<CustomizationItem>,
    /// `None` when fewer than two vendors are compliant.
    pub sensitivity: Option<Sensitivity>,
    pub knockout_whatifs: Vec<KnockoutWhatIf>,
    /// Relief sets for reaching 2, 3 and 4 compliant vendors; `None` when there
    /// are not that many vendors.
    pub relief_sets: Vec<(usize, Option<Vec<String>>)>,
}

impl Finding {
    /// A finding about a whole file.
    pub fn file(file: &str, severity: Severity, message: impl Into<String>) -> Finding {
        Finding {
            file: file.to_string(),
            sheet: None,
            cell: None,
            severity,
            message: message.into(),
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

/// Column letters of a 0-based column: 0 → `A`, 26 → `AA`.
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// A1-style reference of a 0-based cell: (0, 0) → `A1`.
pub fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", column_letters(col), row as u64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_references() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(11, 5), "F12");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16383), "XFD");
    }

    #[test]
    fn a_place_spells_its_cell() {
        let place = Place {
            sheet: "住民記録".into(),
            row: 11,
            col: 4,
        };
        assert_eq!(place.cell(), "E12");
    }

    /// 12 vendors' answers to 200,000 requirements are in memory at once:
    /// an answer that grew back to holding its place as strings would put
    /// the 1 GiB ceiling of SPEC §10 out of reach.
    #[test]
    fn an_answer_stays_small() {
        assert!(size_of::<Answer>() <= 128, "{}", size_of::<Answer>());
        assert!(size_of::<Option<Place>>() <= 24);
    }

    #[test]
    fn capable_and_feasible_counts() {
        let mut levels = LevelCounts::default();
        for level in [Level::Customization, Level::Unsupported, Level::Missing] {
            levels.add(level);
        }
        assert_eq!((levels.capable(), levels.feasible()), (0, 1));
        assert!(levels.only_customization());
        levels.add(Level::Alternative);
        levels.add(Level::Standard);
        assert_eq!((levels.capable(), levels.feasible()), (2, 3));
        assert!(!levels.only_customization());
        let nobody = LevelCounts {
            unsupported: 3,
            ..LevelCounts::default()
        };
        assert_eq!(nobody.feasible(), 0);
        assert!(!nobody.only_customization());
    }

    #[test]
    fn finding_places() {
        let f = Finding::file("a.xlsx", Severity::Warning, "m")
            .on_sheet("S", 2)
            .at_row(4);
        assert_eq!(f.cell.as_deref(), Some("5:5"));
        let f = Finding::file("a.xlsx", Severity::Warning, "m").at_column(2);
        assert_eq!(f.cell.as_deref(), Some("C:C"));
    }
}
