//! Consortium cost sharing (費用按分, SPEC §14): what each town pays of the
//! joint cost, what it saves against today, and what a new member does to
//! everyone's share (割り勘効果).
//!
//! Every town joins only if its own cost falls, so the outcome keeps each
//! step apart for the towns to check: the split (`split`), the
//! customization charged (`charges`), each town's new cost, and each
//! candidate's join. Towns are positions in the members workbook; only the
//! writers name them.

pub mod charges;
pub mod split;

use crate::model::{Town, TownStatus};
use crate::read::evaluation::Evaluation;
use crate::settings::ShareSettings;
pub use charges::{Charges, Individual, Shared, VendorMatch, charge, find_vendor};
pub use split::{Guarantee, MemberSplit, Split, SplitError, split};

/// What one member pays and saves, in yen.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberCost {
    /// Its share of the total (the split's `share`).
    pub share: f64,
    /// 個別カスタマイズ charged to it alone.
    pub individual: f64,
    /// share + individual.
    pub new_cost: f64,
    /// current − new cost.
    pub saving: f64,
    /// saving ÷ current; `None` when the current cost is 0.
    pub saving_rate: Option<f64>,
    /// current ÷ population (一人当たり経費).
    pub per_resident_before: f64,
    /// new cost ÷ population.
    pub per_resident_after: f64,
}

impl MemberCost {
    fn of(town: &Town, share: f64, individual: f64) -> MemberCost {
        let new_cost = share + individual;
        let saving = town.current - new_cost;
        MemberCost {
            share,
            individual,
            new_cost,
            saving,
            saving_rate: (town.current > 0.0).then(|| saving / town.current),
            per_resident_before: town.current / town.population,
            per_resident_after: new_cost / town.population,
        }
    }
}

/// One candidate's join (加入試算): the split remade with it as a member
/// and the total raised by `join_cost`.
#[derive(Clone, Debug, PartialEq)]
pub struct Join {
    /// The candidate's position in the members workbook.
    pub candidate: usize,
    pub split: Split,
    /// Each member's share before and after, in the base split's order:
    /// (town, before, after).
    pub members: Vec<(usize, f64, f64)>,
    /// What the candidate pays and saves, its own customization included.
    pub candidate_cost: MemberCost,
}

/// The whole outcome of a share run.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareOutcome {
    /// `--total` as given.
    pub given_total: f64,
    pub charges: Charges,
    /// The split of the given total plus the shared customization.
    pub split: Split,
    /// Each member's cost, in the split's order.
    pub costs: Vec<MemberCost>,
    pub joins: Vec<Join>,
}

/// Splits the total between the members and tries each candidate's join.
/// `customization`: the evaluation and the position of the chosen vendor.
pub fn share(
    towns: &[Town],
    given_total: f64,
    customization: Option<(&Evaluation, usize)>,
    settings: &ShareSettings,
) -> Result<ShareOutcome, SplitError> {
    let charges = match customization {
        Some((evaluation, vendor)) => charge(evaluation, vendor, towns),
        None => Charges::default(),
    };
    let total = given_total + charges.shared_total();
    let members: Vec<usize> = (0..towns.len())
        .filter(|&t| towns[t].status == TownStatus::Member)
        .collect();
    let base = split(towns, &members, total, settings)?;
    let own = charges.individual_by_town(towns.len());
    let costs = (base.members.iter())
        .map(|m| MemberCost::of(&towns[m.town], m.share, own[m.town]))
        .collect();
    let mut joins = Vec::new();
    for candidate in (0..towns.len()).filter(|&t| towns[t].status == TownStatus::Candidate) {
        // The candidate takes its place in workbook order, so ties go to
        // the first listed as in the base split.
        let mut with: Vec<usize> = members.clone();
        let at = with.partition_point(|&t| t < candidate);
        with.insert(at, candidate);
        let after = split(towns, &with, total + settings.join_cost, settings)?;
        // Every member keeps its order; the candidate stands at `at`.
        let staying = (after.members.iter().enumerate())
            .filter(|&(i, _)| i != at)
            .map(|(_, a)| a);
        let members = (base.members.iter())
            .zip(staying)
            .map(|(m, a)| {
                debug_assert_eq!(m.town, a.town);
                (m.town, m.share, a.share)
            })
            .collect();
        let candidate_cost =
            MemberCost::of(&towns[candidate], after.members[at].share, own[candidate]);
        joins.push(Join {
            candidate,
            split: after,
            members,
            candidate_cost,
        });
    }
    Ok(ShareOutcome {
        given_total,
        charges,
        split: base,
        costs,
        joins,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::evaluation::{CustomizedRequirement, EvaluatedVendor};

    fn town(name: &str, population: f64, current: f64, status: TownStatus) -> Town {
        Town {
            name: name.into(),
            population,
            current,
            businesses: None,
            status,
            sheet: "構成団体".into(),
            row: 2,
        }
    }

    fn settings() -> ShareSettings {
        ShareSettings::default()
    }

    /// A join with a zero join cost lowers every existing share: the equal
    /// part is divided by one more town and the population part by more
    /// residents.
    ///
    /// By hand: total 60,000,000, equal 0.3, population 0.7; 甲町 40,000 and
    /// 乙村 20,000 residents. Before: 9,000,000 + 28,000,000 = 37,000,000 and
    /// 9,000,000 + 14,000,000 = 23,000,000. With 丙村 (20,000 residents,
    /// listed between them): equal 6,000,000 each; population 42,000,000 ×
    /// 40/80 = 21,000,000 and × 20/80 = 10,500,000 → 27,000,000 / 16,500,000
    /// / 16,500,000.
    #[test]
    fn a_join_lowers_every_existing_share() {
        let towns = [
            town("甲町", 40_000.0, 50_000_000.0, TownStatus::Member),
            town("丙村", 20_000.0, 30_000_000.0, TownStatus::Candidate),
            town("乙村", 20_000.0, 30_000_000.0, TownStatus::Member),
        ];
        let o = share(&towns, 60_000_000.0, None, &settings()).unwrap();
        assert_eq!(
            o.costs.iter().map(|c| c.share).collect::<Vec<_>>(),
            [37_000_000.0, 23_000_000.0]
        );
        let join = &o.joins[0];
        assert_eq!(join.candidate, 1);
        assert_eq!(
            join.members,
            [
                (0, 37_000_000.0, 27_000_000.0),
                (2, 23_000_000.0, 16_500_000.0)
            ]
        );
        assert!(join.members.iter().all(|(_, before, after)| after < before));
        assert_eq!(join.candidate_cost.share, 16_500_000.0);
        assert_eq!(join.candidate_cost.saving, 13_500_000.0);
        assert_eq!(join.candidate_cost.saving_rate, Some(0.45));
    }

    /// 桜川町 alone requested JR-033 (¥1,800,000): its own, outside the
    /// split. ZE-010 (¥600,000), requested by both, is added to the total.
    #[test]
    fn individual_customization_is_charged_to_its_town_and_shared_added_to_the_total() {
        let towns = [
            town("桜川町", 30_000.0, 90_000_000.0, TownStatus::Member),
            town("南原町", 10_000.0, 40_000_000.0, TownStatus::Member),
        ];
        let evaluation = Evaluation {
            vendors: vec![EvaluatedVendor {
                name: "さくら電算".into(),
            }],
            customization: vec![
                CustomizedRequirement {
                    requirement: "JR-033".into(),
                    vendors: vec!["さくら電算".into()],
                    costs: [("さくら電算".to_string(), Some(1_800_000.0))].into(),
                    members: vec!["桜川町".into()],
                },
                CustomizedRequirement {
                    requirement: "ZE-010".into(),
                    vendors: vec!["さくら電算".into()],
                    costs: [("さくら電算".to_string(), Some(600_000.0))].into(),
                    members: vec!["桜川町".into(), "南原町".into()],
                },
            ],
            sha256: String::new(),
        };
        let o = share(&towns, 100_000_000.0, Some((&evaluation, 0)), &settings()).unwrap();
        assert_eq!(o.split.total, 100_600_000.0);
        let sum: f64 = o.costs.iter().map(|c| c.share).sum();
        assert_eq!(sum, 100_600_000.0);
        assert_eq!(o.costs[0].individual, 1_800_000.0);
        assert_eq!(o.costs[1].individual, 0.0);
        assert_eq!(o.costs[0].new_cost, o.costs[0].share + 1_800_000.0);
        assert_eq!(o.costs[0].saving, 90_000_000.0 - o.costs[0].new_cost);
        assert_eq!(
            o.costs[1].per_resident_after,
            o.costs[1].new_cost / 10_000.0
        );
    }
}
