//! What analysis derives from the inputs (SPEC §4–§6): scores, ranks, flags,
//! competition, sensitivity and the customization tally.

use serde::{Serialize, Serializer};

use super::{CommitteeDetail, CommitteeResult, Level, MemberId, Priority, ReqIx, VendorId};

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

/// One vendor's result (SPEC §4, §8.2 `vendors`). The vendor is named only
/// when the result is written (see `write::Roster`).
#[derive(Clone, Debug, PartialEq)]
pub struct VendorResult {
    pub vendor: VendorId,
    pub rank: usize,
    pub score: f64,
    pub max_score: f64,
    pub percent: f64,
    pub compliant: bool,
    /// The mandatory requirements this vendor is knocked out on, matrix order.
    pub knockouts: Vec<ReqIx>,
    pub levels: LevelCounts,
    /// Sum of the known customization costs, yen.
    pub customization_cost: f64,
    /// Customization answers whose cost is unknown or not stated.
    pub customization_cost_unknown: usize,
    /// Points per requirement, aligned with `Inputs::requirements`.
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
    F11,
    F12,
    F13,
    F14,
    F15,
    F16,
}

impl FlagCode {
    pub const ALL: [FlagCode; 16] = [
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
        FlagCode::F11,
        FlagCode::F12,
        FlagCode::F13,
        FlagCode::F14,
        FlagCode::F15,
        FlagCode::F16,
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
            FlagCode::F11 => "rank_reversal",
            FlagCode::F12 => "low_price",
            FlagCode::F13 => "price_decides",
            FlagCode::F14 => "evaluator_spread",
            FlagCode::F15 => "evaluator_bias",
            FlagCode::F16 => "decisive_evaluator",
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
            FlagCode::F11 => "F11",
            FlagCode::F12 => "F12",
            FlagCode::F13 => "F13",
            FlagCode::F14 => "F14",
            FlagCode::F15 => "F15",
            FlagCode::F16 => "F16",
        }
    }
}

/// One fairness flag (SPEC §5, §8.2 `flags`): what was found, as data. Its
/// words (message and recommendation, in either language) are made when it
/// is written, by its own file's `words` (`analyze::flags::words`).
#[derive(Clone, Debug, PartialEq)]
pub struct Flag {
    pub code: FlagCode,
    pub severity: FlagSeverity,
    /// `None` for procurement-wide flags (F06, F10).
    pub requirement: Option<ReqIx>,
    /// The vendors the flag is about, in the §8.2 vendor order (F05: the
    /// vendors knocked out; F06: those compliant once the relief is relaxed;
    /// F08: the first and the second).
    pub vendors: Vec<VendorId>,
    pub detail: FlagDetail,
}

impl Flag {
    /// F09: 1 − Levenshtein distance / length of the longer text.
    pub fn similarity(&self) -> Option<f64> {
        match &self.detail {
            FlagDetail::Altered { similarity, .. } => Some(*similarity),
            _ => None,
        }
    }

    /// F07: the first name found.
    pub fn brand(&self) -> Option<&Brand> {
        match &self.detail {
            FlagDetail::Brand { term, .. } => Some(term),
            _ => None,
        }
    }

    /// F06: the smallest set of mandatory requirements whose relaxation
    /// restores competition; empty when no relaxation can.
    pub fn relief(&self) -> Option<&[ReqIx]> {
        match &self.detail {
            FlagDetail::LowCompetition { relief, .. } => Some(relief.as_deref().unwrap_or(&[])),
            _ => None,
        }
    }
}

/// The facts of a flag beyond its requirement and vendors, per code: what
/// its words and the committee need to know.
#[derive(Clone, Debug, PartialEq)]
pub enum FlagDetail {
    /// F01–F04: the requirement's counts of answers per level say the rest.
    Counts,
    /// F05: the level each knocked-out vendor answered, aligned with `vendors`.
    Knockout { levels: Vec<Level> },
    /// F06: `compliant` vendors against the `min` competition needs; the
    /// relief set, or `None` when fewer vendors than `min` take part.
    LowCompetition {
        compliant: usize,
        min: usize,
        relief: Option<Vec<ReqIx>>,
    },
    /// F07: the name found in the text, and the window of the text that
    /// only nearly matches it (`None` when it is there as written).
    Brand { term: Brand, near: Option<String> },
    /// F08: the points the requirement gives the first over the second, and
    /// their whole margin.
    Pivotal { gap: f64, margin: f64 },
    /// F09: how alike the vendor's copy is, and the copy itself (trimmed).
    Altered { similarity: f64, copy: String },
    /// F10: the vendor is the sole capable one in `count` of the `total` F01
    /// flags, on these requirements.
    Concentration {
        count: usize,
        total: usize,
        requirements: Vec<ReqIx>,
    },
    /// F11: without this bid, the first and second of the award would
    /// score these totals (first's, second's).
    RankReversal { first: f64, second: f64 },
    /// F12: the price, and each limit it fell below as (ratio, limit) —
    /// of the ceiling, of the median (`None`: not below); `budgeted` when
    /// the ceiling is a 予定価格 (the check is then the 低入札価格調査).
    LowPrice {
        price: f64,
        ceiling_limit: Option<(f64, f64)>,
        median_limit: Option<(f64, f64)>,
        budgeted: bool,
    },
    /// F13: the price points at which first and second tie, and the points set.
    PriceDecides { tie: f64, points: f64 },
    /// F14–F16: the committee's facts (§13).
    Committee(CommitteeDetail),
}

/// A name F07 finds in a requirement's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Brand {
    /// A participating vendor's name: shown as the roster names the vendor.
    Vendor(VendorId),
    /// A product or company name from `brand_terms`, as written there.
    Term(String),
}

/// Competition summary (SPEC §8.2 `competition`).
#[derive(Clone, Debug, PartialEq)]
pub struct Competition {
    pub compliant_vendors: usize,
    pub min_competitors: usize,
    pub relief: Vec<ReqIx>,
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
#[derive(Clone, Debug, PartialEq)]
pub struct CustomizationItem {
    pub requirement: ReqIx,
    /// Vendors answering `customization`, in vendor order (§8.2).
    pub vendors: Vec<VendorId>,
    /// Each customizing vendor's known cost, aligned with `vendors`.
    pub vendor_costs: Vec<Option<f64>>,
    pub cost_min: Option<f64>,
    pub cost_median: Option<f64>,
    pub cost_max: Option<f64>,
    pub cost_unknown: usize,
    /// The member towns requesting it, in member order.
    pub members: Vec<MemberId>,
    pub recommendation: CustomizationAdvice,
}

/// What the draft recommends for one requirement (SPEC §8.4): the first
/// rule that applies, in this order.
#[derive(Clone, Debug, PartialEq)]
pub enum Recommendation {
    /// F04: no vendor can meet it at all.
    Remove,
    /// A mandatory requirement only one vendor meets (F01), or one of the
    /// smallest set whose relaxation restores competition (F06).
    Demote {
        sole_capable: bool,
        relief: bool,
    },
    /// F07: the text names a vendor or a product; `term` is the name found.
    Rewrite {
        term: Brand,
    },
    /// F03: every vendor would need customization.
    Review,
    /// §6: several members request the customization.
    Standardize,
    /// §6: one member requests it.
    AdaptOperations {
        members: Vec<MemberId>,
    },
    /// §6: the requirement itself drives customization.
    ReviewRequirement,
    Keep,
}

impl Recommendation {
    /// The flags that call for a removal or a demotion (F04; F01 and/or
    /// F06), in that order; none for the other recommendations.
    pub fn reasons(&self) -> Vec<FlagCode> {
        match self {
            Recommendation::Remove => vec![FlagCode::F04],
            Recommendation::Demote {
                sole_capable,
                relief,
            } => [(*sole_capable, FlagCode::F01), (*relief, FlagCode::F06)]
                .into_iter()
                .filter_map(|(why, code)| why.then_some(code))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The stable key, for the terminal and for tests.
    pub fn key(&self) -> &'static str {
        match self {
            Recommendation::Remove => "remove",
            Recommendation::Demote { .. } => "demote",
            Recommendation::Rewrite { .. } => "rewrite",
            Recommendation::Review => "review",
            Recommendation::Standardize => "standardize",
            Recommendation::AdaptOperations { .. } => "adapt_operations",
            Recommendation::ReviewRequirement => "review_requirement",
            Recommendation::Keep => "keep",
        }
    }
}

/// Kind of a sensitivity group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupKind {
    Area,
    Category,
}

/// Weight sensitivity of one group (SPEC §5.1): a business area, or a
/// category within its area (`住民記録 / 外部連携` and `個人住民税 / 外部連携`
/// are two groups), named area first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupSensitivity {
    pub kind: GroupKind,
    pub name: String,
    pub area: String,
    /// The joined category text; `None` for an area.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    pub swap_factor: Option<f64>,
}

/// Robustness of the ranking between the first two compliant vendors.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity {
    pub first: VendorId,
    pub second: VendorId,
    pub margin: f64,
    pub groups: Vec<GroupSensitivity>,
}

/// What relaxing one knockout requirement alone would do (SPEC §5.1).
#[derive(Clone, Debug, PartialEq)]
pub struct KnockoutWhatIf {
    pub requirement: ReqIx,
    /// The vendors it knocks out.
    pub vendors: Vec<VendorId>,
    pub compliant_if_relaxed: usize,
}

/// Everything the analysis stage derives from the inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Vendors by rank, then name.
    pub vendors: Vec<VendorResult>,
    /// How many vendors answered each level, per requirement (aligned with
    /// `Inputs::requirements`).
    pub requirement_levels: Vec<LevelCounts>,
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
    pub relief_sets: Vec<(usize, Option<Vec<ReqIx>>)>,
    /// What to do with each requirement (SPEC §8.4), aligned with
    /// `Inputs::requirements`: the draft shows it, `--apply` carries it out.
    pub recommendations: Vec<Recommendation>,
    /// The award (SPEC §12), when prices were given.
    pub award: Option<super::Award>,
    /// The committee's scores, with `--criteria` and `--scores` (§13).
    pub committee: Option<CommitteeResult>,
    /// What the committee's decisions did (§11), when given.
    pub decisions: Option<super::DecisionResults>,
    /// Vendors whose legend is unconfirmed, with their rank if ○ meant standard (§8.1).
    pub legend_whatifs: Vec<super::LegendWhatIf>,
}

impl Analysis {
    /// The result of a vendor.
    ///
    /// # Panics
    /// When the vendor was not evaluated: every id analysis hands out is one.
    pub fn result(&self, vendor: VendorId) -> &VendorResult {
        self.vendors
            .iter()
            .find(|r| r.vendor == vendor)
            .expect("an evaluated vendor")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
