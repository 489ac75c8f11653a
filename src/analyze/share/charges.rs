//! Customization from an evaluation, charged as §14 says: a requirement
//! exactly one town requested, which the chosen vendor answers with
//! customization at a known cost, is that town's own (個別カスタマイズ),
//! outside the split; one requested by several towns or by none is the
//! consortium's (全体カスタマイズ) and is added to the total.
//!
//! The rule follows the policy groups adopted (DOMAIN.md): customization is
//! kept out of the joint comparison, and a town that wants its old way of
//! working pays for it, while what serves everyone is shared.

use crate::model::Town;
use crate::normalize::{Found, VendorKeys};
use crate::read::evaluation::Evaluation;

/// A requirement charged to the one town that requested it.
#[derive(Clone, Debug, PartialEq)]
pub struct Individual {
    pub requirement: String,
    /// The town's position in the members workbook (a member, or a
    /// candidate whose own cost shows when it joins).
    pub town: usize,
    pub cost: f64,
}

/// A requirement whose cost the consortium shares.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    pub requirement: String,
    /// The requesting towns as the evaluation names them (none, or several).
    pub members: Vec<String>,
    pub cost: f64,
}

/// The evaluation's customization for one vendor, charged.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Charges {
    pub individual: Vec<Individual>,
    pub shared: Vec<Shared>,
    /// Requirements the vendor answers customization without a cost.
    pub unknown: Vec<String>,
    /// (requirement, town): a requesting town the members workbook does not list.
    pub unknown_requesters: Vec<(String, String)>,
}

impl Charges {
    /// The shared customization added to the total.
    pub fn shared_total(&self) -> f64 {
        self.shared.iter().map(|s| s.cost).sum()
    }

    /// What each of `towns` towns pays on its own, by position.
    pub fn individual_by_town(&self, towns: usize) -> Vec<f64> {
        let mut own = vec![0.0; towns];
        for i in &self.individual {
            own[i.town] += i.cost;
        }
        own
    }
}

/// Why `--vendor` names no vendor of the evaluation.
#[derive(Clone, Debug, PartialEq)]
pub enum VendorMatch {
    NotFound,
    Ambiguous,
}

/// The evaluation's vendor that `written` names, company forms ignored (§12).
pub fn find_vendor(evaluation: &Evaluation, written: &str) -> Result<usize, VendorMatch> {
    let keys = VendorKeys::new(evaluation.vendors.iter().map(|v| v.name.as_str()));
    match keys.find(written) {
        Some(Found::One(i)) => Ok(i),
        Some(Found::Ambiguous) => Err(VendorMatch::Ambiguous),
        None => Err(VendorMatch::NotFound),
    }
}

/// Charges the customization `vendor` (a position in the evaluation's
/// vendors) answers. Towns are matched by name as vendors are.
pub fn charge(evaluation: &Evaluation, vendor: usize, towns: &[Town]) -> Charges {
    let name = &evaluation.vendors[vendor].name;
    let keys = VendorKeys::new(towns.iter().map(|t| t.name.as_str()));
    let mut charges = Charges::default();
    for item in &evaluation.customization {
        if !item.vendors.iter().any(|v| v == name) {
            continue;
        }
        let town_of = |written: &str| match keys.find(written) {
            Some(Found::One(t)) => Some(t),
            _ => None,
        };
        for written in &item.members {
            if town_of(written).is_none() {
                charges
                    .unknown_requesters
                    .push((item.requirement.clone(), written.clone()));
            }
        }
        let Some(cost) = item.costs.get(name).copied().flatten() else {
            charges.unknown.push(item.requirement.clone());
            continue;
        };
        match item.members.as_slice() {
            [one] if town_of(one).is_some() => {
                let town = town_of(one).expect("matched above");
                charges.individual.push(Individual {
                    requirement: item.requirement.clone(),
                    town,
                    cost,
                });
            }
            members => charges.shared.push(Shared {
                requirement: item.requirement.clone(),
                members: members.to_vec(),
                cost,
            }),
        }
    }
    charges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TownStatus;
    use crate::read::evaluation::{CustomizedRequirement, EvaluatedVendor};

    fn town(name: &str, status: TownStatus) -> Town {
        Town {
            name: name.into(),
            population: 1000.0,
            current: 1e8,
            businesses: None,
            status,
            sheet: "構成団体".into(),
            row: 2,
        }
    }

    fn item(id: &str, costs: &[(&str, Option<f64>)], members: &[&str]) -> CustomizedRequirement {
        CustomizedRequirement {
            requirement: id.into(),
            vendors: costs.iter().map(|(v, _)| v.to_string()).collect(),
            costs: costs.iter().map(|(v, c)| (v.to_string(), *c)).collect(),
            members: members.iter().map(|m| m.to_string()).collect(),
        }
    }

    #[test]
    fn one_requester_pays_alone_several_or_none_share_unknown_costs_are_listed() {
        let evaluation = Evaluation {
            vendors: vec![
                EvaluatedVendor {
                    name: "さくら電算".into(),
                },
                EvaluatedVendor {
                    name: "中央ITセンター".into(),
                },
            ],
            customization: vec![
                item("JR-033", &[("さくら電算", Some(1_800_000.0))], &["桜川町"]),
                item(
                    "ZE-010",
                    &[
                        ("さくら電算", Some(600_000.0)),
                        ("中央ITセンター", Some(1.0)),
                    ],
                    &["桜川町", "南原町"],
                ),
                item("KK-004", &[("さくら電算", Some(400_000.0))], &[]),
                item("JR-040", &[("さくら電算", None)], &["南原町"]),
                item("JR-050", &[("中央ITセンター", Some(9.0))], &["南原町"]),
                item("JR-060", &[("さくら電算", Some(50_000.0))], &["東山村"]),
                item("JR-070", &[("さくら電算", Some(70_000.0))], &["戊町"]),
            ],
            sha256: String::new(),
        };
        let towns = [
            town("桜川町", TownStatus::Member),
            town("南原町", TownStatus::Member),
            town("東山村", TownStatus::Candidate),
        ];
        let vendor = find_vendor(&evaluation, "株式会社さくら電算").unwrap();
        let c = charge(&evaluation, vendor, &towns);
        assert_eq!(
            c.individual,
            [
                Individual {
                    requirement: "JR-033".into(),
                    town: 0,
                    cost: 1_800_000.0
                },
                Individual {
                    requirement: "JR-060".into(),
                    town: 2,
                    cost: 50_000.0
                }
            ]
        );
        let shared: Vec<(&str, f64)> = (c.shared.iter())
            .map(|s| (s.requirement.as_str(), s.cost))
            .collect();
        assert_eq!(
            shared,
            [
                ("ZE-010", 600_000.0),
                ("KK-004", 400_000.0),
                ("JR-070", 70_000.0)
            ]
        );
        assert_eq!(c.shared_total(), 1_070_000.0);
        assert_eq!(c.unknown, ["JR-040"]);
        assert_eq!(c.unknown_requesters, [("JR-070".into(), "戊町".into())]);
        assert_eq!(c.individual_by_town(3), [1_800_000.0, 0.0, 50_000.0]);
        assert_eq!(
            find_vendor(&evaluation, "みらい"),
            Err(VendorMatch::NotFound)
        );
    }
}
