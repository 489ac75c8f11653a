//! §6 customization tally: which requirements need code changes, at what
//! cost, who asks for them, and what the consortium should do about each.
//!
//! Customization is where a shared system's savings leak away: a change one
//! town wants is paid by all, and a change every town wants belongs in the
//! package (複数団体共通のカスタマイズは標準機能へ).

use crate::model::{CustomizationAdvice, CustomizationItem, Level, MemberId, ReqIx};

use super::Context;

/// One row per requirement that a vendor answers `customization` or a member
/// requests, in matrix order.
pub(crate) fn tally(ctx: &Context) -> Vec<CustomizationItem> {
    let inputs = ctx.inputs;
    let no_requests: &[usize] = &[];
    let member_count = inputs.requests.as_ref().map_or(0, |r| r.members.len());
    let requested = |i: usize| {
        inputs
            .requests
            .as_ref()
            .and_then(|r| r.by_requirement.get(i))
            .map_or(no_requests, Vec::as_slice)
    };
    let tallied =
        |i: usize| ctx.scored.requirement_levels[i].customization > 0 || !requested(i).is_empty();
    // Counted first: the list is kept until the workbook is written, and
    // pushed one by one it would have up to twice the room it needs.
    let count = (0..inputs.requirements.len())
        .filter(|&i| tallied(i))
        .count();
    let mut items = Vec::with_capacity(count);
    for i in 0..inputs.requirements.len() {
        if !tallied(i) {
            continue;
        }
        let requested = requested(i);
        let levels = ctx.scored.requirement_levels[i];
        let (vendors, vendor_costs): (Vec<_>, Vec<Option<f64>>) = ctx
            .answers(i)
            .filter(|(_, a)| a.level == Level::Customization)
            .map(|(r, a)| (r.vendor, a.cost.yen()))
            .unzip();
        let mut known: Vec<f64> = vendor_costs.iter().flatten().copied().collect();
        known.sort_by(f64::total_cmp);
        let members: Vec<MemberId> = requested.iter().map(|&m| MemberId::new(m)).collect();
        let recommendation = advice(
            members.len(),
            member_count,
            ctx.settings.standardize_share,
            levels.only_customization(),
        );
        items.push(CustomizationItem {
            requirement: ReqIx::new(i),
            cost_min: known.first().copied(),
            cost_median: median(&known),
            cost_max: known.last().copied(),
            cost_unknown: vendor_costs.iter().filter(|c| c.is_none()).count(),
            vendors,
            members,
            recommendation,
            vendor_costs,
        });
    }
    items
}

/// The first §6 recommendation that applies.
fn advice(
    requesting: usize,
    members: usize,
    share: f64,
    only_customization: bool,
) -> CustomizationAdvice {
    if requesting >= 2 && requesting as f64 >= share * members as f64 {
        CustomizationAdvice::Standardize
    } else if requesting == 1 {
        CustomizationAdvice::AdaptOperations
    } else if requesting == 0 && only_customization {
        CustomizationAdvice::ReviewRequirement
    } else {
        CustomizationAdvice::None
    }
}

/// The median of sorted values; an even count takes the mean of the middle two.
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::fixture::*;
    use crate::model::Cost;

    fn item<'a>(a: &'a Ran, id: &str) -> &'a CustomizationItem {
        (a.customization.iter())
            .find(|c| a.id(c.requirement) == id)
            .expect("a tallied requirement")
    }

    #[test]
    fn costs_min_median_max_and_unknown() {
        let a = Case::new()
            .req("JR-001", D, 2.0)
            .vendor("A社", "△")
            .vendor("B社", "△")
            .vendor("C社", "△")
            .vendor("D社", "△")
            .vendor("E社", "△")
            .vendor("F社", "◎")
            .cost("A社", "JR-001", Cost::Yen(1_000_000.0))
            .cost("B社", "JR-001", Cost::Yen(100_000.0))
            .cost("C社", "JR-001", Cost::unknown("別途見積"))
            .cost("D社", "JR-001", Cost::Yen(400_000.0))
            .cost("E社", "JR-001", Cost::Yen(200_000.0))
            .run();
        let c = &a.customization[0];
        // F社 (standard) ranks first; the others share rank 2, listed by name.
        assert_eq!(a.names(&c.vendors), vec!["A社", "B社", "C社", "D社", "E社"]);
        assert_eq!(
            c.vendor_costs,
            vec![
                Some(1_000_000.0),
                Some(100_000.0),
                None,
                Some(400_000.0),
                Some(200_000.0)
            ]
        );
        assert_eq!(c.cost_min, Some(100_000.0));
        assert_eq!(c.cost_median, Some(300_000.0));
        assert_eq!(c.cost_max, Some(1_000_000.0));
        assert_eq!(c.cost_unknown, 1);
        assert_eq!(c.requirement, crate::model::ReqIx::new(0));
    }

    #[test]
    fn no_known_cost_gives_nulls() {
        let a = Case::new().req("JR-001", D, 2.0).vendor("A社", "△").run();
        let c = &a.customization[0];
        assert_eq!((c.cost_min, c.cost_median, c.cost_max), (None, None, None));
        assert_eq!(c.cost_unknown, 1);
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5.0]), Some(5.0));
        assert_eq!(median(&[1.0, 2.0, 9.0]), Some(2.0));
        assert_eq!(median(&[1.0, 2.0, 4.0, 9.0]), Some(3.0));
    }

    #[test]
    fn each_recommendation() {
        let a = Case::new()
            .req("JR-001", D, 2.0) // two of three members: standardize
            .req("JR-002", D, 2.0) // one member: adapt operations
            .req("JR-003", D, 2.0) // nobody asks, every feasible vendor customizes
            .req("JR-004", D, 2.0) // nobody asks, one vendor has it: none
            .req("JR-005", D, 2.0) // requested, no vendor customizes: still tallied
            .req("JR-006", D, 2.0) // not customized, not requested: not tallied
            .vendor("A社", "△△△◎◎◎")
            .vendor("B社", "△◎△△○◎")
            .vendor("C社", "×◎×××◎")
            .members(&["甲町", "乙村", "丙町"])
            .request("丙町", "JR-001")
            .request("甲町", "JR-001")
            .request("乙村", "JR-002")
            .request("甲町", "JR-005")
            .request("乙村", "JR-005")
            .run();
        let items = &a.customization;
        let ids: Vec<&str> = items.iter().map(|c| a.id(c.requirement)).collect();
        assert_eq!(ids, vec!["JR-001", "JR-002", "JR-003", "JR-004", "JR-005"]);
        let one = item(&a, "JR-001");
        assert_eq!(a.members(&one.members), vec!["甲町", "丙町"]);
        assert_eq!(one.recommendation, CustomizationAdvice::Standardize);
        assert_eq!(
            item(&a, "JR-002").recommendation,
            CustomizationAdvice::AdaptOperations
        );
        assert_eq!(a.members(&item(&a, "JR-002").members), vec!["乙村"]);
        assert_eq!(
            item(&a, "JR-003").recommendation,
            CustomizationAdvice::ReviewRequirement
        );
        assert_eq!(item(&a, "JR-004").recommendation, CustomizationAdvice::None);
        let five = item(&a, "JR-005");
        assert!(five.vendors.is_empty());
        assert_eq!(five.recommendation, CustomizationAdvice::Standardize);
    }

    #[test]
    fn standardize_needs_the_share_of_members() {
        let case = Case::new()
            .req("JR-001", D, 2.0)
            .vendor("A社", "△")
            .members(&["甲町", "乙村", "丙町", "丁町", "戊村"])
            .request("甲町", "JR-001")
            .request("乙村", "JR-001");
        // Two of five is below half: no rule applies.
        assert_eq!(
            case.run().customization[0].recommendation,
            CustomizationAdvice::None
        );
        let lower = case.with(|s| s.standardize_share = 0.4);
        assert_eq!(
            lower.run().customization[0].recommendation,
            CustomizationAdvice::Standardize
        );
    }

    #[test]
    fn advice_rules_in_order() {
        use CustomizationAdvice::*;
        assert_eq!(advice(2, 2, 0.5, true), Standardize);
        assert_eq!(advice(1, 1, 0.5, true), AdaptOperations);
        assert_eq!(advice(0, 3, 0.5, true), ReviewRequirement);
        assert_eq!(advice(0, 0, 0.5, false), None);
        assert_eq!(advice(2, 10, 0.5, true), None);
    }
}
