//! The split of one total between the members (SPEC §14): base shares, the
//! guarantee (再按分) and the rounding (端数処理).
//!
//! Each step is kept apart in the result — the equal, population and
//! business parts, the guarantee's adjustment, the rounding — so that the
//! printed sheet lets anyone redo a town's share by hand:
//! share = base + adjustment + rounding, and base + adjustment floored to
//! the unit for every town but the one that takes the remainder.

use crate::model::Town;
use crate::settings::ShareSettings;

/// A split that cannot be made at all.
#[derive(Clone, Debug, PartialEq)]
pub enum SplitError {
    /// No town of the workbook is a member.
    NoMembers,
    /// The business share has a weight but no member uses a business.
    NoBusinesses,
}

/// One member's part of a split, in yen.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberSplit {
    /// The town's position in the members workbook.
    pub town: usize,
    /// 均等割: total × equal ÷ n.
    pub equal: f64,
    /// 人口割: total × population × pop ÷ Σ pop.
    pub population_part: f64,
    /// 業務数割: total × business × biz ÷ Σ biz.
    pub business_part: f64,
    /// equal + population_part + business_part.
    pub base: f64,
    /// What the guarantee moved to or from the town (再按分).
    pub adjustment: f64,
    /// What flooring to the unit, and the remainder, changed.
    pub rounding: f64,
    /// What the town pays of the total: base + adjustment + rounding.
    pub share: f64,
    /// The guarantee's cap: current × (1 − min_saving), when a guarantee is set.
    pub cap: Option<f64>,
    /// The guarantee set the share to the cap.
    pub capped: bool,
}

/// The guarantee's outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Guarantee {
    pub min_saving: f64,
    /// Σ cap ≥ total: every member can be held to its cap.
    pub feasible: bool,
    /// total − Σ cap when infeasible, else 0.
    pub shortfall: f64,
    /// Rounds of 再按分 until no member exceeded its cap.
    pub rounds: usize,
}

/// A total split between the members.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    pub total: f64,
    /// The members in workbook order.
    pub members: Vec<MemberSplit>,
    /// `None` without `min_saving`.
    pub guarantee: Option<Guarantee>,
    /// The highest guarantee the total allows: 1 − total ÷ Σ current.
    pub max_feasible: f64,
    /// What flooring left over, and the position in `members` that took it.
    pub remainder: f64,
    pub remainder_to: usize,
    /// No member could take the remainder within its cap: the largest share did.
    pub remainder_over_cap: bool,
}

/// A share floored to the unit. A share a hair below a whole unit (float
/// error of the spread) counts as that unit.
fn floor_to(value: f64, unit: f64) -> f64 {
    ((value + 1e-6) / unit).floor() * unit
}

/// Tolerance in yen when comparing shares and caps.
const EPS: f64 = 1e-6;

/// Splits `total` between the towns at `members` (positions in `towns`,
/// in workbook order).
pub fn split(
    towns: &[Town],
    members: &[usize],
    total: f64,
    settings: &ShareSettings,
) -> Result<Split, SplitError> {
    if members.is_empty() {
        return Err(SplitError::NoMembers);
    }
    let n = members.len() as f64;
    let pop_sum: f64 = members.iter().map(|&t| towns[t].population).sum();
    let biz = |t: usize| towns[t].businesses.unwrap_or(0.0);
    let biz_sum: f64 = members.iter().map(|&t| biz(t)).sum();
    if settings.business > 0.0 && biz_sum <= 0.0 {
        return Err(SplitError::NoBusinesses);
    }
    let caps: Vec<Option<f64>> = members
        .iter()
        .map(|&t| settings.min_saving.map(|g| towns[t].current * (1.0 - g)))
        .collect();
    let mut parts: Vec<MemberSplit> = members
        .iter()
        .zip(&caps)
        .map(|(&t, &cap)| {
            let equal = total * settings.equal / n;
            let population_part = total * settings.population * towns[t].population / pop_sum;
            let business_part = if settings.business > 0.0 {
                total * settings.business * biz(t) / biz_sum
            } else {
                0.0
            };
            let base = equal + population_part + business_part;
            MemberSplit {
                town: t,
                equal,
                population_part,
                business_part,
                base,
                adjustment: 0.0,
                rounding: 0.0,
                share: base,
                cap,
                capped: false,
            }
        })
        .collect();

    let current_sum: f64 = members.iter().map(|&t| towns[t].current).sum();
    let max_feasible = 1.0 - total / current_sum;
    let guarantee = settings.min_saving.map(|g| {
        let cap_sum: f64 = caps.iter().flatten().sum();
        let feasible = cap_sum + EPS >= total;
        let rounds = if feasible { reapportion(&mut parts) } else { 0 };
        Guarantee {
            min_saving: g,
            feasible,
            shortfall: if feasible { 0.0 } else { total - cap_sum },
            rounds,
        }
    });
    let caps_hold = guarantee.as_ref().is_some_and(|g| g.feasible);
    let (remainder, remainder_to, remainder_over_cap) =
        round(&mut parts, total, settings.unit as f64, caps_hold);
    Ok(Split {
        total,
        members: parts,
        guarantee,
        max_feasible,
        remainder,
        remainder_to,
        remainder_over_cap,
    })
}

/// 再按分: while a member's share exceeds its cap, it is set to its cap and
/// the excess is spread over the members below their caps in proportion
/// to their shares. Returns the rounds it took. Each round caps at least
/// one more member, so it ends within n rounds; Σ cap ≥ total is the
/// caller's to check.
fn reapportion(parts: &mut [MemberSplit]) -> usize {
    let mut rounds = 0;
    loop {
        let mut excess = 0.0;
        for p in parts.iter_mut() {
            let cap = p.cap.expect("a guarantee gives every member a cap");
            if !p.capped && p.share > cap + EPS {
                excess += p.share - cap;
                p.share = cap;
                p.capped = true;
            }
        }
        if excess <= 0.0 {
            break;
        }
        rounds += 1;
        let below: f64 = parts.iter().filter(|p| !p.capped).map(|p| p.share).sum();
        if below <= 0.0 {
            break;
        }
        for p in parts.iter_mut().filter(|p| !p.capped) {
            p.share += excess * p.share / below;
        }
    }
    for p in parts.iter_mut() {
        p.adjustment = p.share - p.base;
    }
    rounds
}

/// 端数処理: each share floored to `unit`; the remainder goes to the member
/// with the largest floored share among those it keeps within their cap
/// (all members when the caps do not hold), the first listed on ties; when
/// none can take it, the largest share does. Returns the remainder, who
/// took it and whether that breaks a cap.
fn round(parts: &mut [MemberSplit], total: f64, unit: f64, caps_hold: bool) -> (f64, usize, bool) {
    let floored: Vec<f64> = parts.iter().map(|p| floor_to(p.share, unit)).collect();
    let remainder = total - floored.iter().sum::<f64>();
    let largest = |eligible: &dyn Fn(usize) -> bool| {
        (0..parts.len())
            .filter(|&i| eligible(i))
            .fold(None, |best: Option<usize>, i| match best {
                Some(b) if floored[b] >= floored[i] => Some(b),
                _ => Some(i),
            })
    };
    let within = |i: usize| {
        !caps_hold
            || parts[i]
                .cap
                .is_none_or(|cap| floored[i] + remainder <= cap + EPS)
    };
    let (to, over_cap) = match largest(&within) {
        Some(i) => (i, false),
        None => (largest(&|_| true).expect("at least one member"), true),
    };
    for (i, p) in parts.iter_mut().enumerate() {
        let share = floored[i] + if i == to { remainder } else { 0.0 };
        p.rounding = share - p.base - p.adjustment;
        p.share = share;
    }
    (remainder, to, over_cap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TownStatus;

    fn town(name: &str, population: f64, current: f64) -> Town {
        Town {
            name: name.into(),
            population,
            current,
            businesses: None,
            status: TownStatus::Member,
            sheet: "構成団体".into(),
            row: 2,
        }
    }

    fn settings(equal: f64, population: f64, min_saving: Option<f64>) -> ShareSettings {
        ShareSettings {
            equal,
            population,
            business: 0.0,
            min_saving,
            unit: 1000,
            join_cost: 0.0,
        }
    }

    fn shares(s: &Split) -> Vec<f64> {
        s.members.iter().map(|m| m.share).collect()
    }

    /// Figures redone by hand.
    ///
    /// Total ¥100,000,000, equal 0.3, population 0.7; populations 20,000,
    /// 10,000 and 5,000 (Σ 35,000):
    /// - 均等割 30,000,000 ÷ 3 = 10,000,000 each;
    /// - 人口割 70,000,000 × 20/35 = 40,000,000; × 10/35 = 20,000,000;
    ///   × 5/35 = 10,000,000;
    /// - base 50,000,000 / 30,000,000 / 20,000,000: already whole
    ///   thousands, remainder 0.
    #[test]
    fn base_shares_redone_by_hand() {
        let towns = [
            town("桜川町", 20_000.0, 80_000_000.0),
            town("南原町", 10_000.0, 45_000_000.0),
            town("深山村", 5_000.0, 30_000_000.0),
        ];
        let s = split(&towns, &[0, 1, 2], 100_000_000.0, &settings(0.3, 0.7, None)).unwrap();
        assert_eq!(s.members[0].equal, 10_000_000.0);
        assert_eq!(s.members[1].population_part, 20_000_000.0);
        assert_eq!(shares(&s), [50_000_000.0, 30_000_000.0, 20_000_000.0]);
        assert_eq!(s.remainder, 0.0);
        assert!(s.guarantee.is_none());
    }

    /// Total 100,000, equal 1.0 over three: 33,333.33 each, floored to
    /// 33,000; the remainder 1,000 goes to the first listed (all equal).
    #[test]
    fn the_remainder_goes_to_the_largest_share_and_shares_sum_to_the_total() {
        let towns = [
            town("甲町", 1.0, 1e9),
            town("乙村", 1.0, 1e9),
            town("丙町", 1.0, 1e9),
        ];
        let s = split(&towns, &[0, 1, 2], 100_000.0, &settings(1.0, 0.0, None)).unwrap();
        assert_eq!(shares(&s), [34_000.0, 33_000.0, 33_000.0]);
        assert_eq!(s.remainder, 1_000.0);
        assert_eq!(s.remainder_to, 0);

        // Populations 1, 2, 3 of 100,001: 16,666.83 / 33,333.67 / 50,000.5,
        // floored 16,000 / 33,000 / 50,000; the remainder 1,001 goes to the
        // largest, the third.
        let s = split(
            &towns_with(&[1.0, 2.0, 3.0]),
            &[0, 1, 2],
            100_001.0,
            &settings(0.0, 1.0, None),
        )
        .unwrap();
        assert_eq!(shares(&s), [16_000.0, 33_000.0, 51_001.0]);
        assert_eq!(shares(&s).iter().sum::<f64>(), 100_001.0);
        assert_eq!(s.remainder_to, 2);
        assert!(!s.remainder_over_cap);
    }

    fn towns_with(populations: &[f64]) -> Vec<Town> {
        populations
            .iter()
            .enumerate()
            .map(|(i, &p)| town(&format!("町{i}"), p, 1e9))
            .collect()
    }

    /// With a guarantee the remainder goes to the largest share that stays
    /// within its cap: here the largest is held at its cap, so the second
    /// largest takes it.
    #[test]
    fn the_remainder_respects_the_caps() {
        // Total 100,500, population only: 1 : 2 : 3 → 16,750 / 33,500 / 50,250.
        let towns = [
            town("甲町", 1.0, 40_000.0),
            town("乙村", 2.0, 80_000.0),
            town("丙町", 3.0, 100_600.0),
        ];
        let s = split(
            &towns,
            &[0, 1, 2],
            100_500.0,
            &settings(0.0, 1.0, Some(0.5)),
        )
        .unwrap();
        // Caps 20,000 / 40,000 / 50,300; base shares under them: no 再按分.
        let g = s.guarantee.as_ref().unwrap();
        assert!(g.feasible);
        assert_eq!(g.rounds, 0);
        // Floored 16,000 / 33,000 / 50,000, remainder 1,500: 51,500 > 50,300,
        // so the second largest takes it: 34,500 ≤ 40,000.
        assert_eq!(shares(&s), [16_000.0, 34_500.0, 50_000.0]);
        assert_eq!(s.remainder_to, 1);
        // Without the guarantee the largest takes it.
        let s = split(&towns, &[0, 1, 2], 100_500.0, &settings(0.0, 1.0, None)).unwrap();
        assert_eq!(s.remainder_to, 2);
    }

    /// Caps so tight that no member can take the remainder: the largest
    /// share (the first listed on a tie) takes it and the split says so.
    /// Total 1,500, two equal towns: 750 each, caps 750 each; floored to
    /// 0 and 0, the remainder 1,500 fits no cap.
    #[test]
    fn a_remainder_no_cap_can_hold_goes_to_the_largest_share_and_is_said() {
        let towns = [town("甲町", 1.0, 1_500.0), town("乙村", 1.0, 1_500.0)];
        let s = split(&towns, &[0, 1], 1_500.0, &settings(0.0, 1.0, Some(0.5))).unwrap();
        assert!(s.guarantee.as_ref().unwrap().feasible);
        assert_eq!(shares(&s), [1_500.0, 0.0]);
        assert_eq!(s.remainder_to, 0);
        assert!(s.remainder_over_cap);
    }

    /// A guarantee that needs more than one round: capping the first town
    /// pushes the second over its cap.
    ///
    /// Total 100,000,000, population only, populations 50 / 30 / 20 →
    /// base 50,000,000 / 30,000,000 / 20,000,000. min_saving 0.2: caps
    /// 0.8 × current = 40,000,000 / 32,000,000 / 40,000,000 (Σ 112,000,000).
    /// Round 1: 甲町 capped, excess 10,000,000 spread 30 : 20 → 乙村
    /// 36,000,000 > 32,000,000, 丙町 24,000,000. Round 2: 乙村 capped, excess
    /// 4,000,000 all to 丙町 → 28,000,000. Adjustments −10,000,000 /
    /// +2,000,000 / +8,000,000.
    #[test]
    fn a_guarantee_that_needs_two_rounds() {
        let towns = [
            town("甲町", 50.0, 50_000_000.0),
            town("乙村", 30.0, 40_000_000.0),
            town("丙町", 20.0, 50_000_000.0),
        ];
        let s = split(
            &towns,
            &[0, 1, 2],
            100_000_000.0,
            &settings(0.0, 1.0, Some(0.2)),
        )
        .unwrap();
        let g = s.guarantee.as_ref().unwrap();
        assert!(g.feasible);
        assert_eq!(g.rounds, 2);
        assert_eq!(g.shortfall, 0.0);
        assert_eq!(shares(&s), [40_000_000.0, 32_000_000.0, 28_000_000.0]);
        let adjustments: Vec<f64> = s.members.iter().map(|m| m.adjustment.round()).collect();
        assert_eq!(adjustments, [-10_000_000.0, 2_000_000.0, 8_000_000.0]);
        assert_eq!(
            s.members.iter().map(|m| m.capped).collect::<Vec<_>>(),
            [true, true, false]
        );
    }

    /// Σ cap = 0.8 × 110,000,000 = 88,000,000 < 100,000,000: the shortfall is
    /// 12,000,000, the highest feasible guarantee 1 − 100/110 = 0.0909…, and
    /// the base shares stand.
    #[test]
    fn an_infeasible_guarantee_reports_its_shortfall_and_the_base_stands() {
        let towns = [
            town("甲町", 50.0, 60_000_000.0),
            town("乙村", 50.0, 50_000_000.0),
        ];
        let s = split(
            &towns,
            &[0, 1],
            100_000_000.0,
            &settings(0.0, 1.0, Some(0.2)),
        )
        .unwrap();
        let g = s.guarantee.as_ref().unwrap();
        assert!(!g.feasible);
        assert!((g.shortfall - 12_000_000.0).abs() < 1e-6);
        assert!((s.max_feasible - (1.0 - 100.0 / 110.0)).abs() < 1e-12);
        assert_eq!(shares(&s), [50_000_000.0, 50_000_000.0]);
        assert!(s.members.iter().all(|m| !m.capped && m.adjustment == 0.0));
    }

    #[test]
    fn no_member_or_no_business_cannot_be_split() {
        let towns = [town("甲町", 1.0, 1.0)];
        let mut with_business = settings(0.5, 0.0, None);
        with_business.business = 0.5;
        assert_eq!(
            split(&towns, &[], 1.0, &settings(1.0, 0.0, None)),
            Err(SplitError::NoMembers)
        );
        assert_eq!(
            split(&towns, &[0], 1.0, &with_business),
            Err(SplitError::NoBusinesses)
        );
    }
}
