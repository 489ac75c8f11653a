//! The prices read (SPEC §12) and the award derived from them: eligibility,
//! technical and price points, totals, ranks, ties and tipping points.
//!
//! Like the rest of the analysis the award is ids and numbers: the Award and
//! Price sheets and the JSON word it.

use super::VendorId;

/// One vendor's price as the prices workbook gives it, in yen, on the tax
/// basis of the settings (a price on the other basis is never here).
#[derive(Clone, Debug, PartialEq)]
pub struct VendorPrice {
    /// The vendor's name as written in the prices workbook.
    pub written: String,
    /// Sheet and 1-based row of the price row.
    pub sheet: String,
    pub row: u32,
    pub total: Option<f64>,
    pub initial: Option<f64>,
    pub migration: Option<f64>,
    pub annual: Option<f64>,
    pub monthly: Option<f64>,
    /// The contract years the parts are summed over (the row's, else `award.years`).
    pub years: f64,
    /// Whether `years` came from the row.
    pub years_given: bool,
    /// The lifecycle price (ライフサイクルコスト): `total` when given, else
    /// initial + migration + annual × years + monthly × 12 × years.
    pub price: f64,
}

/// The prices workbook as read and matched to the evaluated vendors.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prices {
    pub file: String,
    /// `by_vendor[v]` is the price of `Inputs::vendors[v]`; `None` when it has
    /// none (no row, or its row is an error row).
    pub by_vendor: Vec<Option<VendorPrice>>,
}

/// How price points are given (`award.method`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardMethod {
    /// 最低価格基準: points × lowest price ÷ price.
    #[default]
    LowestRatio,
    /// 予定価格基準: points × (1 − price ÷ ceiling).
    CeilingRatio,
    /// points × (highest − price) ÷ (highest − lowest).
    Linear,
    /// 除算方式: (base points + technical points) ÷ price in millions of yen.
    Division,
}

impl AwardMethod {
    pub fn key(self) -> &'static str {
        match self {
            AwardMethod::LowestRatio => "lowest_ratio",
            AwardMethod::CeilingRatio => "ceiling_ratio",
            AwardMethod::Linear => "linear",
            AwardMethod::Division => "division",
        }
    }
}

/// How each points figure is rounded before it is added (`award.rounding`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// 切捨て.
    #[default]
    Floor,
    /// 四捨五入.
    Round,
    /// Not rounded.
    None,
}

/// Why a vendor cannot win the award (SPEC §12, in this order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ineligible {
    NonCompliant,
    NoPrice,
    OverCeiling,
    BelowTechnicalMinimum,
}

impl Ineligible {
    pub fn key(self) -> &'static str {
        match self {
            Ineligible::NonCompliant => "non_compliant",
            Ineligible::NoPrice => "no_price",
            Ineligible::OverCeiling => "over_ceiling",
            Ineligible::BelowTechnicalMinimum => "below_technical_minimum",
        }
    }
}

/// One vendor's award figures. Points are rounded as `award.rounding` says.
#[derive(Clone, Debug, PartialEq)]
pub struct AwardVendor {
    pub vendor: VendorId,
    /// `None` when ineligible.
    pub rank: Option<usize>,
    /// Every reason that applies; empty when eligible.
    pub reasons: Vec<Ineligible>,
    /// The compared price: the lifecycle price, plus the customization cost
    /// from the responses with `award.add_customization`; `None` without a price.
    pub price: Option<f64>,
    pub fit_points: f64,
    /// `None` when the committee carries no points (`committee_points` = 0).
    pub committee_points: Option<f64>,
    pub technical_points: f64,
    /// The unrounded price ratio (price points ÷ points set); `None` when
    /// ineligible or for `division`.
    pub price_ratio: Option<f64>,
    pub price_points: Option<f64>,
    pub total: Option<f64>,
    /// `division`: (base + technical points) ÷ price in millions of yen.
    pub value: Option<f64>,
}

impl AwardVendor {
    pub fn eligible(&self) -> bool {
        self.reasons.is_empty()
    }

    /// What ranks the vendor: the total, or the value for `division`.
    pub fn ranked_by(&self) -> Option<f64> {
        self.value.or(self.total)
    }
}

/// Eligible vendors sharing a rank after the technical tie-break: decided by lot.
#[derive(Clone, Debug, PartialEq)]
pub struct AwardTie {
    pub rank: usize,
    pub vendors: Vec<VendorId>,
}

/// Where price would turn the award between first and second.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tipping {
    /// P*: the price points set at which first and second tie; `None` when
    /// no positive setting does (or for `division`).
    pub price_points_tie: Option<f64>,
    /// 価格逆転額: the price the second would have to offer to tie the first.
    pub reversal_price: Option<f64>,
    /// Whether the second is cheaper (more price points per point set):
    /// raising the price points then favours it.
    pub second_cheaper: bool,
}

/// The award (SPEC §12).
#[derive(Clone, Debug, PartialEq)]
pub struct Award {
    pub method: AwardMethod,
    /// The points set: fit, committee, price.
    pub fit_points: f64,
    pub committee_points: f64,
    pub price_points: f64,
    /// Eligible vendors by rank (a tie left to lot in vendor order), then the
    /// ineligible ones in the §8.2 vendor order.
    pub vendors: Vec<AwardVendor>,
    /// Ties on the total broken by the technical points, each in award order.
    pub technical_tie_breaks: Vec<Vec<VendorId>>,
    /// Ties left to lot.
    pub ties: Vec<AwardTie>,
    pub first: Option<VendorId>,
    pub second: Option<VendorId>,
    pub tipping: Tipping,
    /// The lowest and the median compared price of the eligible vendors.
    pub lowest_price: Option<f64>,
    pub median_price: Option<f64>,
}

impl Award {
    /// The award figures of a vendor.
    ///
    /// # Panics
    /// When the vendor was not evaluated.
    pub fn of(&self, vendor: VendorId) -> &AwardVendor {
        self.vendors
            .iter()
            .find(|v| v.vendor == vendor)
            .expect("an evaluated vendor")
    }
}
