//! What reading produces: the requirements, the vendors' answers aligned with
//! them, the member towns' requests and the files read, with where each value
//! stood in its workbook.

use std::collections::HashMap;
use std::sync::Arc;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::{CommitteeInputs, Finding};

/// The normalized answer of one vendor to one requirement (SPEC §2).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
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

/// One row of the requirement matrix (SPEC §3.2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Cost {
    /// No cost stated (blank, `-`, `－`).
    #[default]
    NotStated,
    /// An amount in yen.
    Yen(f64),
    /// Text that is not an amount (`別途見積`, `要相談`), kept as written.
    /// Boxed: such text is rare, and a thin pointer keeps every cost of
    /// millions of answers at 16 bytes instead of 24.
    Unknown(Box<String>),
}

impl Cost {
    /// A cost stated as text that is not an amount.
    pub fn unknown(text: impl Into<String>) -> Cost {
        Cost::Unknown(Box::new(text.into()))
    }
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// One allocation shared by the answers of a sheet; an `Arc<String>`
    /// rather than an `Arc<str>` so that the place is two words, not three.
    pub sheet: Arc<String>,
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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The code as written (trimmed), in the vendor's [`Codes`]: read it
    /// with [`VendorResponse::code`]. The default is no code (a missing row).
    pub code: CodeIx,
    pub level: Level,
    pub cost: Cost,
    /// The vendor's remarks (備考), empty when none. Boxed text, not a
    /// `String`: answers are kept by the million, and no remark grows.
    pub remarks: Box<str>,
    /// Where the answer cell stands; `None` for a missing row.
    pub at: Option<Place>,
}

/// A code in a vendor's [`Codes`]; 0 is no code (empty).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CodeIx(u32);

/// The codes a vendor wrote (trimmed), each kept once; an answer holds the
/// index of its code. A vendor writes a handful of codes (◎ ○ △ ×) over
/// hundreds of thousands of answers: an index takes 4 bytes of each answer,
/// the code itself took 24.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Codes {
    /// `list[k - 1]` is code `k`.
    list: Vec<CompactString>,
    /// Code → index, while codes are being added (not sent between processes).
    #[serde(skip)]
    index: HashMap<CompactString, CodeIx>,
}

impl PartialEq for Codes {
    fn eq(&self, other: &Codes) -> bool {
        self.list == other.list
    }
}

impl Codes {
    /// The code at `ix`; empty for no code.
    pub fn get(&self, ix: CodeIx) -> &str {
        match ix.0 {
            0 => "",
            k => self
                .list
                .get(k as usize - 1)
                .map_or("", |code| code.as_str()),
        }
    }

    /// The index of `code`, added if new; no code for an empty one.
    pub fn add(&mut self, code: &str) -> CodeIx {
        if code.is_empty() {
            return CodeIx::default();
        }
        if self.index.is_empty() && !self.list.is_empty() {
            // Decoded from a reader process: the index was not sent.
            self.index = (self.list.iter().enumerate())
                .map(|(k, code)| (code.clone(), CodeIx(k as u32 + 1)))
                .collect();
        }
        if let Some(&ix) = self.index.get(code) {
            return ix;
        }
        self.list.push(code.into());
        let ix = CodeIx(u32::try_from(self.list.len()).expect("fewer than 2³² codes"));
        self.index.insert(code.into(), ix);
        ix
    }

    /// Answers given with their codes as written (a test's or a sample's):
    /// each answer takes its code's index in the codes returned.
    pub fn coded<S: AsRef<str>>(
        answers: impl IntoIterator<Item = (S, Answer)>,
    ) -> (Vec<Answer>, Codes) {
        let mut codes = Codes::default();
        let answers = (answers.into_iter())
            .map(|(code, answer)| Answer {
                code: codes.add(code.as_ref()),
                ..answer
            })
            .collect();
        codes.done();
        (answers, codes)
    }

    /// Lets the index go once every code is in.
    pub fn done(&mut self) {
        self.index = HashMap::new();
        self.list.shrink_to_fit();
    }
}

/// A vendor's copies of requirement texts that are not exact copies of the
/// matrix's (F09 compares them), by requirement index. Kept beside the
/// answers rather than in each: a few percent of the rows carry one, and a
/// field in every answer would cost 16 bytes each of millions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Copies(std::collections::BTreeMap<u32, Box<str>>);

impl Copies {
    /// The vendor's copy of requirement `i`'s text, when it differs.
    pub fn get(&self, i: usize) -> Option<&str> {
        let i = u32::try_from(i).ok()?;
        self.0.get(&i).map(|text| &**text)
    }

    /// Records the vendor's copy of requirement `i`'s text.
    pub fn insert(&mut self, i: usize, text: impl Into<Box<str>>) {
        let i = u32::try_from(i).expect("a matrix holds fewer than 2³² requirements");
        self.0.insert(i, text.into());
    }

    /// Every copy, by requirement index.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &str)> {
        self.0.iter().map(|(&i, text)| (i as usize, &**text))
    }
}

/// One vendor's response workbook, aligned with the matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VendorResponse {
    /// The vendor's identity: the file stem, NFC-normalized and trimmed.
    pub name: String,
    /// A name found on a cover sheet, shown but never used as the identity.
    pub display_name: Option<String>,
    /// The file name as given.
    pub file: String,
    /// `answers[i]` answers `requirements[i]`; missing rows are `Level::Missing`.
    pub answers: Vec<Answer>,
    /// The codes of the answers.
    pub codes: Codes,
    /// The copies of requirement texts that differ from the matrix's.
    pub copies: Copies,
}

impl VendorResponse {
    /// The code of `answer` (one of this vendor's) as written; empty when none.
    pub fn code(&self, answer: &Answer) -> &str {
        self.codes.get(answer.code)
    }
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

/// The role an input file plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Requirements,
    Response,
    Requests,
    Settings,
    Prices,
    /// The committee's evaluation criteria (§13).
    Criteria,
    /// An evaluator's scoresheet (§13).
    Scores,
    Decisions,
    /// The key of a blind review (`evaluate --key`).
    Key,
}

/// One input file as recorded for provenance (SPEC §8.1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// The prices (SPEC §12), when given.
    pub prices: Option<super::Prices>,
    pub findings: Vec<Finding>,
    pub files: Vec<InputFile>,
    /// The criteria and scoresheets, with `--criteria` and `--scores` (§13).
    pub committee: Option<CommitteeInputs>,
    /// The committee's decisions (§11), when given.
    pub decisions: Option<super::Decisions>,
    /// The key of a blind review (`evaluate --key`): the vendors are the
    /// labelled copies, and these are the names behind the labels.
    pub key: Option<crate::blind::key::KeyNames>,
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
            sheet: Arc::new("住民記録".into()),
            row: 11,
            col: 4,
        };
        assert_eq!(place.cell(), "E12");
    }

    /// 12 vendors' answers to 200,000 requirements are in memory at once,
    /// and they are the largest thing there: every 8 bytes of an answer are
    /// 19 MB at that size, and `evaluate`, `check` and `draft` peak with them.
    #[test]
    fn an_answer_stays_small() {
        assert!(size_of::<Answer>() <= 56, "{}", size_of::<Answer>());
        assert!(size_of::<Option<Place>>() <= 16);
        assert!(size_of::<Cost>() <= 16);
    }

    #[test]
    fn a_vendor_keeps_each_code_once() {
        let mut codes = Codes::default();
        let standard = codes.add("◎");
        let unsupported = codes.add("×");
        assert_eq!(codes.add("◎"), standard);
        assert_ne!(standard, unsupported);
        assert_eq!(codes.add(""), CodeIx::default(), "no code");
        assert_eq!(codes.get(CodeIx::default()), "");
        assert_eq!((codes.get(standard), codes.get(unsupported)), ("◎", "×"));
        codes.done();
        // Decoded from a reader process, without the index: still one each.
        let mut decoded: Codes =
            postcard::from_bytes(&postcard::to_allocvec(&codes).unwrap()).unwrap();
        assert_eq!(decoded, codes);
        assert_eq!(decoded.add("×"), unsupported);
        let alternative = decoded.add("○");
        assert_eq!(decoded.get(alternative), "○");
        assert_eq!(decoded.list.len(), 3);

        let (answers, coded) = Codes::coded([("△", Answer::default()), ("△", Answer::default())]);
        assert_eq!(answers[0].code, answers[1].code);
        assert_eq!(coded.get(answers[1].code), "△");
    }
}
