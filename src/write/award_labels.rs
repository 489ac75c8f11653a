//! The words of the award (SPEC §12): the Award and Price sheets, and the
//! price rows of the Validation sheet (`[award]` and `[findings.prices]`
//! of `templates/labels/*.toml`).

use serde::Deserialize;

/// Labels of the Award (総合評価) and Price (価格) sheets.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardLabels {
    pub sheet: String,
    pub price_sheet: String,
    pub title: String,
    /// The Summary's rank header when an Award sheet is present.
    pub fit_rank: String,
    pub ranking: String,
    pub rank: String,
    pub vendor: String,
    pub eligibility: String,
    pub eligible: String,
    pub ineligible: String,
    pub reasons: String,
    /// `{tax}`.
    pub price: String,
    pub fit: String,
    pub committee: String,
    pub technical: String,
    pub price_points: String,
    pub total: String,
    pub value: String,
    pub reason_non_compliant: String,
    /// `{kind}`: 提案上限額 or 予定価格.
    pub reason_over_ceiling: String,
    pub reason_no_price: String,
    pub reason_below_technical_minimum: String,
    pub ceiling_proposal: String,
    pub ceiling_budget: String,
    pub formula: String,
    /// `{fit}`, `{committee}`, `{price}`: the points set.
    pub points_set: String,
    /// `{points}`.
    pub formula_fit: String,
    /// `{points}`.
    pub formula_committee: String,
    pub formula_technical: String,
    /// `{name}`: the method's name; `{points}`, `{lowest}`.
    pub formula_lowest_ratio: String,
    /// `{name}`, `{points}`, `{kind}`, `{ceiling}`.
    pub formula_ceiling_ratio: String,
    /// `{name}`, `{points}`, `{highest}`, `{lowest}`.
    pub formula_linear: String,
    /// `{name}`, `{base}`.
    pub formula_division: String,
    pub formula_total: String,
    pub method_lowest_ratio: String,
    pub method_ceiling_ratio: String,
    pub method_linear: String,
    pub method_division: String,
    /// `{decimals}`.
    pub rounding_floor: String,
    /// `{decimals}`.
    pub rounding_round: String,
    pub rounding_none: String,
    /// `{kind}`, `{ceiling}`.
    pub ceiling_line: String,
    /// `{minimum}`, `{share}`.
    pub technical_minimum_line: String,
    /// `{vendor}`, `{fit}`, `{committee}`, `{price}`, `{total}`: one figure redone.
    pub example: String,
    /// `{vendors}`.
    pub tie_technical: String,
    /// `{rank}`, `{vendors}`.
    pub tie_lot: String,
    pub tipping: String,
    /// `{points}`, `{current}`.
    pub tipping_up: String,
    /// `{points}`, `{current}`.
    pub tipping_down: String,
    pub tipping_none: String,
    /// `{first}`, `{second}`, `{price}`.
    pub reversal: String,
    /// `{first}`, `{second}`.
    pub reversal_none: String,
    pub no_second: String,
    pub chart_title: String,
    pub price_title: String,
    /// `{tax}`.
    pub price_note: String,
    pub written: String,
    pub total_quoted: String,
    pub initial: String,
    pub migration: String,
    pub annual: String,
    pub monthly: String,
    pub years: String,
    pub years_default: String,
    pub lifecycle: String,
    pub customization: String,
    pub compared: String,
    pub customization_added: String,
    pub customization_not_added: String,
    /// `{kind}`.
    pub ratio_ceiling: String,
    pub ratio_lowest: String,
    pub low_price: String,
    pub no_price: String,
}

/// The price rows of the Validation sheet: one template per price finding.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceFindingLabels {
    pub without_vendor: String,
    pub without_amount: String,
    /// `{column}`.
    pub unreadable: String,
    pub zero: String,
    /// `{found}`, `{expected}`.
    pub tax_basis: String,
    /// `{vendor}`.
    pub unknown_vendor: String,
    /// `{vendor}`.
    pub ambiguous_vendor: String,
    /// `{vendor}`, `{first_row}`.
    pub duplicate: String,
    /// `{vendor}`.
    pub missing: String,
}
