//! The §14 JSON: the split as a program reads it, keys in the order the
//! specification lists them, numbers unrounded (whole amounts as integers).

use serde::Serialize;

use super::ShareReport;
use crate::analyze::share::{Join, MemberCost, MemberSplit, Split};
use crate::model::serialize_amount;
use crate::settings::ShareSettings;

#[derive(Serialize)]
pub struct ShareJson<'a> {
    #[serde(serialize_with = "serialize_amount")]
    total: f64,
    #[serde(serialize_with = "serialize_amount")]
    given_total: f64,
    settings: SettingsJson,
    guarantee: GuaranteeJson,
    members: Vec<MemberJson<'a>>,
    customization: CustomizationJson<'a>,
    joins: Vec<JoinJson<'a>>,
}

/// The `[share]` settings in force; `min_saving` null when no guarantee.
#[derive(Serialize)]
struct SettingsJson {
    equal: f64,
    population: f64,
    business: f64,
    min_saving: Option<f64>,
    unit: u64,
    #[serde(serialize_with = "serialize_amount")]
    join_cost: f64,
}

#[derive(Serialize)]
struct GuaranteeJson {
    feasible: bool,
    #[serde(serialize_with = "serialize_amount")]
    shortfall: f64,
    max_feasible: f64,
    /// No member could take the rounding remainder within its cap.
    remainder_over_cap: bool,
}

#[derive(Serialize)]
struct MemberJson<'a> {
    member: &'a str,
    #[serde(serialize_with = "serialize_amount")]
    population: f64,
    #[serde(serialize_with = "serialize_amount")]
    current: f64,
    #[serde(serialize_with = "serialize_amount")]
    equal: f64,
    #[serde(serialize_with = "serialize_amount")]
    population_part: f64,
    #[serde(serialize_with = "serialize_amount")]
    business_part: f64,
    #[serde(serialize_with = "serialize_amount")]
    base: f64,
    #[serde(serialize_with = "serialize_amount")]
    adjustment: f64,
    #[serde(serialize_with = "serialize_amount")]
    share: f64,
    #[serde(serialize_with = "serialize_amount")]
    individual_customization: f64,
    #[serde(serialize_with = "serialize_amount")]
    new_cost: f64,
    #[serde(serialize_with = "serialize_amount")]
    saving: f64,
    saving_rate: Option<f64>,
    per_resident_before: f64,
    per_resident_after: f64,
    capped: bool,
}

#[derive(Serialize)]
struct CustomizationJson<'a> {
    individual: Vec<IndividualJson<'a>>,
    shared: Vec<SharedJson<'a>>,
    unknown: &'a [String],
}

#[derive(Serialize)]
struct IndividualJson<'a> {
    requirement: &'a str,
    member: &'a str,
    #[serde(serialize_with = "serialize_amount")]
    cost: f64,
}

#[derive(Serialize)]
struct SharedJson<'a> {
    requirement: &'a str,
    members: &'a [String],
    #[serde(serialize_with = "serialize_amount")]
    cost: f64,
}

#[derive(Serialize)]
struct JoinJson<'a> {
    candidate: &'a str,
    #[serde(serialize_with = "serialize_amount")]
    total: f64,
    members: Vec<ChangeJson<'a>>,
    #[serde(serialize_with = "serialize_amount")]
    candidate_share: f64,
    #[serde(serialize_with = "serialize_amount")]
    candidate_saving: f64,
    candidate_saving_rate: Option<f64>,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    member: &'a str,
    #[serde(serialize_with = "serialize_amount")]
    share_before: f64,
    #[serde(serialize_with = "serialize_amount")]
    share_after: f64,
    #[serde(serialize_with = "serialize_amount")]
    change: f64,
}

/// The JSON document of a share run.
pub fn share_json<'a>(report: &'a ShareReport, settings: &ShareSettings) -> ShareJson<'a> {
    let o = report.outcome;
    let name = |t: usize| report.towns[t].name.as_str();
    ShareJson {
        total: o.split.total,
        given_total: o.given_total,
        settings: SettingsJson {
            equal: settings.equal,
            population: settings.population,
            business: settings.business,
            min_saving: settings.min_saving,
            unit: settings.unit,
            join_cost: settings.join_cost,
        },
        guarantee: guarantee(&o.split),
        members: (o.split.members.iter())
            .zip(&o.costs)
            .map(|(m, c)| member(report, m, c))
            .collect(),
        customization: CustomizationJson {
            individual: (o.charges.individual.iter())
                .map(|i| IndividualJson {
                    requirement: &i.requirement,
                    member: name(i.town),
                    cost: i.cost,
                })
                .collect(),
            shared: (o.charges.shared.iter())
                .map(|s| SharedJson {
                    requirement: &s.requirement,
                    members: &s.members,
                    cost: s.cost,
                })
                .collect(),
            unknown: &o.charges.unknown,
        },
        joins: o.joins.iter().map(|j| join(report, j)).collect(),
    }
}

fn guarantee(split: &Split) -> GuaranteeJson {
    let (feasible, shortfall) = split
        .guarantee
        .as_ref()
        .map_or((true, 0.0), |g| (g.feasible, g.shortfall));
    GuaranteeJson {
        feasible,
        shortfall,
        max_feasible: split.max_feasible,
        remainder_over_cap: split.remainder_over_cap,
    }
}

fn member<'a>(report: &'a ShareReport, m: &MemberSplit, c: &MemberCost) -> MemberJson<'a> {
    let town = &report.towns[m.town];
    MemberJson {
        member: &town.name,
        population: town.population,
        current: town.current,
        equal: m.equal,
        population_part: m.population_part,
        business_part: m.business_part,
        base: m.base,
        adjustment: m.adjustment,
        share: c.share,
        individual_customization: c.individual,
        new_cost: c.new_cost,
        saving: c.saving,
        saving_rate: c.saving_rate,
        per_resident_before: c.per_resident_before,
        per_resident_after: c.per_resident_after,
        capped: m.capped,
    }
}

fn join<'a>(report: &'a ShareReport, j: &Join) -> JoinJson<'a> {
    let name = |t: usize| report.towns[t].name.as_str();
    JoinJson {
        candidate: name(j.candidate),
        total: j.split.total,
        members: (j.members.iter())
            .map(|&(t, before, after)| ChangeJson {
                member: name(t),
                share_before: before,
                share_after: after,
                change: after - before,
            })
            .collect(),
        candidate_share: j.candidate_cost.share,
        candidate_saving: j.candidate_cost.saving,
        candidate_saving_rate: j.candidate_cost.saving_rate,
    }
}
