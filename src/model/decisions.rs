//! The committee's decisions (裁定, SPEC §11) as read, and the answers they
//! ruled on.
//!
//! A decision never edits a vendor's file: the answer keeps its code as the
//! vendor wrote it, and its level becomes the ruling. What each answer was
//! before is kept here, so that the record shows both and a score before any
//! decision can be told beside the one after.

use serde::{Deserialize, Serialize};

use super::{Level, ReqIx, VendorId};

/// One row of the decisions workbook.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The vendor named, when it matched exactly one evaluated vendor.
    pub vendor: Option<VendorId>,
    /// The vendor as written.
    pub vendor_text: String,
    /// The requirement named; `None` with a blank `id_text`: every answer
    /// the vendor wrote.
    pub requirement: Option<ReqIx>,
    /// The ID as written (trimmed); empty when the row names none.
    pub id_text: String,
    /// The code as written (trimmed); empty: every code.
    pub code: String,
    /// The level ruled, when the ruling is a legend code or a level name.
    pub ruling: Option<Level>,
    /// The ruling as written.
    pub ruling_text: String,
    pub reason: String,
    /// The date as written (an Excel date as `2025-04-01`).
    pub date: String,
    /// False for an error row: it applies to nothing.
    pub valid: bool,
    /// Where the row stands: its sheet and 1-based row.
    pub sheet: String,
    pub row: u32,
}

/// An answer whose level came from a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ruled {
    pub requirement: ReqIx,
    /// The code as the vendor wrote it (empty for a missing answer).
    pub code: String,
    /// The level the vendor's code gave.
    pub before: Level,
    /// The position in [`Decisions::rows`] of the row that ruled it.
    pub row: usize,
}

/// The decisions file, its rows, and what they ruled.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decisions {
    pub file: String,
    /// The rows in sheet order, then row order (later rows win among equals).
    pub rows: Vec<Decision>,
    /// Per vendor (aligned with `Inputs::vendors`), its ruled answers in
    /// matrix order; filled when the decisions are applied.
    pub ruled: Vec<Vec<Ruled>>,
}

/// Why a decision row applies to nothing (an error row of §7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionProblem {
    /// A row without a vendor.
    BlankVendor,
    /// No evaluated vendor has this name.
    UnknownVendor { name: String },
    /// The name matches two evaluated vendors.
    AmbiguousVendor { name: String },
    /// An ID the matrix does not have.
    UnknownId { id: String },
    /// A row without a ruling.
    BlankRuling,
    /// A ruling that is neither a legend code nor a level name.
    RulingOutsideLegend { ruling: String },
    /// A row without a reason.
    BlankReason,
}

/// What one decision row did: the answers whose ruled level came from it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowEffect {
    pub changed: usize,
    /// The levels those answers had before, counted.
    pub before: super::LevelCounts,
}

/// What the decisions did to the evaluation (§11), for the Decisions sheet
/// and the JSON.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecisionResults {
    /// Aligned with [`Decisions::rows`].
    pub rows: Vec<RowEffect>,
    /// Each vendor's score before any decision, aligned with `Inputs::vendors`.
    pub score_before: Vec<f64>,
}

/// The rank a vendor whose legend is unconfirmed (§7, §8.1) would have if
/// its alternative codes (its ○) meant standard, all else unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendWhatIf {
    pub vendor: VendorId,
    /// The alternative code in question, as the vendor wrote it.
    pub code: String,
    pub score: f64,
    pub rank: usize,
}
