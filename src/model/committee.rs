//! Committee scoring (SPEC §13): the evaluation criteria, each evaluator's
//! scoresheet, the problems found in them, and what analysis derives — the
//! aggregate per item and vendor, the committee score and ranking, the bias
//! table and the leave-one-out winners.
//!
//! As everywhere in the model, analysis refers to items, evaluators and
//! vendors by id; only writers name them.

use serde::{Deserialize, Serialize};

use super::{EvaluatorId, ItemIx, VendorId};

/// How the evaluators' scores of one item × vendor are combined
/// (`committee.aggregate`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    /// The mean of every evaluator who scored it (全委員の平均).
    #[default]
    Mean,
    /// The mean without one highest and one lowest score, once at least
    /// `committee.trim_min` evaluators scored it; a plain mean below that.
    Trimmed,
    /// The middle score; of an even count, the mean of the middle two.
    Median,
}

impl Aggregate {
    /// The settings' and the JSON's spelling.
    pub fn key(self) -> &'static str {
        match self {
            Aggregate::Mean => "mean",
            Aggregate::Trimmed => "trimmed",
            Aggregate::Median => "median",
        }
    }
}

/// One evaluation item of the criteria workbook (評価項目).
#[derive(Clone, Debug, PartialEq)]
pub struct Criterion {
    /// The item's normalized ID; empty when the criteria have no ID column.
    pub id: String,
    /// The item as written (評価項目).
    pub item: String,
    /// What the evaluators look at (評価の視点); empty when none.
    pub viewpoint: String,
    /// The item's group (区分, 大項目); empty when none.
    pub group: String,
    /// The item's maximum points (配点), > 0.
    pub max: f64,
}

impl Criterion {
    /// How sentences and tables name the item: its ID, else its text.
    pub fn label(&self) -> &str {
        if self.id.is_empty() {
            &self.item
        } else {
            &self.id
        }
    }
}

/// An evaluator's comment on one vendor's item.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreComment {
    pub item: ItemIx,
    pub vendor: VendorId,
    pub text: String,
}

/// One evaluator's scoresheet, aligned with the criteria and the vendors.
#[derive(Clone, Debug, PartialEq)]
pub struct Scoresheet {
    /// The evaluator: the file stem, NFC-normalized and trimmed.
    pub evaluator: String,
    pub file: String,
    /// `scores[item][vendor]`: the points given (a grade already turned into
    /// points), `None` where the evaluator gave none.
    pub scores: Vec<Vec<Option<f64>>>,
    /// Comments in sheet order.
    pub comments: Vec<ScoreComment>,
}

/// What `--criteria` and `--scores` gave.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommitteeInputs {
    /// The criteria workbook's file name.
    pub criteria_file: String,
    /// The items, in sheet and row order.
    pub criteria: Vec<Criterion>,
    /// The readable scoresheets, in file-name order.
    pub evaluators: Vec<Scoresheet>,
}

impl CommitteeInputs {
    /// The points evaluator `e` gave vendor `v` on item `i`.
    pub fn score(&self, e: EvaluatorId, i: ItemIx, v: VendorId) -> Option<f64> {
        self.evaluators[e.index()].scores[i.index()][v.index()]
    }

    pub fn criterion(&self, i: ItemIx) -> &Criterion {
        &self.criteria[i.index()]
    }

    pub fn evaluator(&self, e: EvaluatorId) -> &str {
        &self.evaluators[e.index()].evaluator
    }
}

/// A problem in the criteria or a scoresheet (a `FindingKind::Committee`),
/// with the facts its message needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CommitteeProblem {
    /// A criteria row with an ID or points but no item.
    BlankItem,
    /// An item's maximum (配点) that is not a number > 0: the item is left out.
    BadMax,
    /// An item ID seen before, at row `first_row` (1-based).
    DuplicateItem { id: String, first_row: u32 },
    /// A criteria workbook without a single item.
    NoCriteria,
    /// A blank score: left out of the item's aggregate.
    BlankScore { item: String, vendor: String },
    /// Points outside 0 … `max`.
    ScoreOutOfRange { max: f64 },
    /// Neither points nor a grade; `grades` are the settings' codes (empty:
    /// points only).
    NotAScore { max: f64, grades: Vec<String> },
    /// A scoresheet row that matches no item (a 合計 row, an added item).
    UnknownItemRow,
    /// An item of the criteria that a scoresheet has no row for.
    MissingItem { item: String },
    /// A vendor of the evaluation that a scoresheet has no column for.
    MissingVendorColumn { vendor: String },
    /// A column whose header names no vendor of the evaluation, yet holds scores.
    UnknownVendorColumn { header: String },
    /// A column header naming two vendors at once (their names differ only
    /// by a company form).
    AmbiguousVendorColumn { header: String },
    /// A scoresheet byte-identical (same SHA-256) to `first_file`: not counted.
    DuplicateScoresheet { first_file: String },
    /// A second score column for one vendor: the first (leftmost) counts.
    VendorColumnTwice { header: String },
    /// An evaluator whose name another file already gave.
    DuplicateEvaluator { name: String, first_file: String },
    /// An item × vendor that no evaluator scored: it adds nothing to the vendor's score.
    Unscored { item: String, vendor: String },
}

/// What analysis derives for one item.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemResult {
    /// The aggregate of each vendor (`VendorId::index`); `None` when no
    /// evaluator scored it.
    pub aggregate: Vec<Option<f64>>,
    /// (highest − lowest) ÷ max of each vendor; `None` with fewer than two scores.
    pub spread: Vec<Option<f64>>,
}

/// A vendor's committee score.
#[derive(Clone, Debug, PartialEq)]
pub struct CommitteeVendor {
    pub vendor: VendorId,
    /// Σ item aggregates.
    pub score: f64,
    /// Σ item max.
    pub max_score: f64,
    /// 1 + the number of vendors strictly ahead (1e-9 ties).
    pub rank: usize,
}

/// One cell of the bias table (F15).
#[derive(Clone, Debug, PartialEq)]
pub struct BiasCell {
    pub evaluator: EvaluatorId,
    pub vendor: VendorId,
    /// d(e, v): the mean of (e's score − the others' mean) ÷ item max.
    pub lean: f64,
    /// B(e, v) = d(e, v) − L(e).
    pub bias: f64,
}

/// The committee's result (SPEC §13).
#[derive(Clone, Debug, PartialEq)]
pub struct CommitteeResult {
    pub aggregate: Aggregate,
    /// By item (`ItemIx::index`).
    pub items: Vec<ItemResult>,
    /// By committee rank, then vendor order.
    pub vendors: Vec<CommitteeVendor>,
    /// L(e) of each evaluator; `None` with fewer than three evaluators or
    /// when the evaluator shares no scored item with another.
    pub leniency: Vec<Option<f64>>,
    /// B(e, v) for each evaluator and each vendor e scored, evaluator order
    /// then vendor order; empty with fewer than three evaluators.
    pub bias: Vec<BiasCell>,
    /// The first-ranked vendor without each evaluator; empty with fewer than
    /// three evaluators.
    pub leave_one_out: Vec<(EvaluatorId, Option<VendorId>)>,
    /// The first-ranked vendor with every evaluator.
    pub winner: Option<VendorId>,
}

impl CommitteeResult {
    /// A vendor's committee score and rank.
    pub fn vendor(&self, vendor: VendorId) -> Option<&CommitteeVendor> {
        self.vendors.iter().find(|v| v.vendor == vendor)
    }
}

/// The facts of a committee flag (F14–F16).
#[derive(Clone, Debug, PartialEq)]
pub enum CommitteeDetail {
    /// F14: the lowest and highest scores of the item for the flag's vendor.
    Spread {
        item: ItemIx,
        low: f64,
        high: f64,
        max: f64,
    },
    /// F15: the evaluator's bias toward the flag's vendor, its lean and leniency.
    Bias {
        evaluator: EvaluatorId,
        bias: f64,
        lean: f64,
        leniency: f64,
    },
    /// F16: leaving this evaluator out changes the winner.
    Decisive { evaluator: EvaluatorId },
}
