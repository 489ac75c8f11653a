//! §4 scoring: points, knockouts, ranks.
//!
//! Scores are exact sums (correctly rounded, whatever the order of the terms),
//! so that two vendors with the same points in different requirements get the
//! same score even over 200,000 requirements, and the 1e-9 tolerance of §4 only
//! has to absorb the rounding of the inputs themselves (0.1 + 0.2 against 0.3).

use crate::model::{Inputs, Level, LevelCounts, Priority, ReqIx, VendorId, VendorResult};
use crate::normalize::Legend;

use super::answer;

/// Two scores closer than this are equal (SPEC §4, also F08 and §5.1).
pub(crate) const TOLERANCE: f64 = 1e-9;

/// `a` is ahead of `b`: greater by at least the tolerance.
pub(crate) fn greater(a: f64, b: f64) -> bool {
    a - b >= TOLERANCE
}

/// `a` and `b` are equal within the tolerance.
pub(crate) fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < TOLERANCE
}

/// An exact floating-point sum (Shewchuk's algorithm, as Python's `math.fsum`):
/// the partials hold the running sum without any rounding, and [`ExactSum::value`]
/// rounds once. The result does not depend on the order of the terms.
#[derive(Clone, Debug, Default)]
pub(crate) struct ExactSum {
    partials: Vec<f64>,
}

impl ExactSum {
    pub fn add(&mut self, value: f64) {
        let mut x = value;
        let mut kept = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                self.partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        self.partials.truncate(kept);
        self.partials.push(x);
    }

    /// The sum, correctly rounded (half to even).
    pub fn value(&self) -> f64 {
        let p = &self.partials;
        let Some(&last) = p.last() else {
            return 0.0;
        };
        let mut n = p.len() - 1;
        let mut hi = last;
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        // Half-way cases: the partials below decide the direction of rounding.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
        hi
    }
}

/// The exact sum of some values.
pub(crate) fn exact_sum(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut sum = ExactSum::default();
    for v in values {
        sum.add(v);
    }
    sum.value()
}

/// A level that knocks a vendor out on a mandatory requirement.
fn knocks_out(level: Level) -> bool {
    matches!(level, Level::Unsupported | Level::Missing | Level::Invalid)
}

/// The scored vendors in the §8.2 order (rank, then name).
#[derive(Clone, Debug)]
pub(crate) struct Scored {
    pub results: Vec<VendorResult>,
    /// Matrix indices of each result's knockouts, aligned with `results`.
    pub knockouts: Vec<Vec<usize>>,
    /// The same knockouts per requirement (aligned with `Inputs::requirements`):
    /// positions in `results` of the vendors it knocks out, in order. F05 and
    /// the what-ifs read them per requirement.
    pub knocked_out: Vec<Vec<usize>>,
    /// How many vendors answered each level, per requirement (aligned with
    /// `Inputs::requirements`): counted while scoring, which visits every
    /// answer anyway, so that the flags and the tally need not.
    pub requirement_levels: Vec<LevelCounts>,
}

impl Scored {
    pub fn compliant_count(&self) -> usize {
        self.results.iter().filter(|r| r.compliant).count()
    }

    /// Positions (in `results`) of the first two compliant vendors, when there are two.
    pub fn first_two_compliant(&self) -> Option<(usize, usize)> {
        let mut compliant = self.results.iter().enumerate().filter(|(_, r)| r.compliant);
        let (first, _) = compliant.next()?;
        let (second, _) = compliant.next()?;
        Some((first, second))
    }
}

/// Scores every vendor, finds its knockouts and ranks them (SPEC §4).
pub(crate) fn score(inputs: &Inputs, legend: &Legend) -> Scored {
    let requirements = &inputs.requirements;
    let max_score = exact_sum(requirements.iter().map(|r| r.weight));
    let mut results = Vec::with_capacity(inputs.vendors.len());
    let mut knockouts = Vec::with_capacity(inputs.vendors.len());
    let mut requirement_levels = vec![LevelCounts::default(); requirements.len()];
    for (v, vendor) in inputs.vendors.iter().enumerate() {
        let mut points = Vec::with_capacity(requirements.len());
        let mut score = ExactSum::default();
        let mut cost = ExactSum::default();
        let mut cost_unknown = 0;
        let mut levels = LevelCounts::default();
        let mut knocked = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let answer = answer(vendor, i);
            let p = requirement.weight * legend.factor(answer.level);
            points.push(p);
            score.add(p);
            levels.add(answer.level);
            requirement_levels[i].add(answer.level);
            if requirement.priority == Priority::Mandatory && knocks_out(answer.level) {
                knocked.push(i);
            }
            if answer.level == Level::Customization {
                match answer.cost.yen() {
                    Some(yen) => cost.add(yen),
                    None => cost_unknown += 1,
                }
            }
        }
        let score = score.value();
        results.push(VendorResult {
            vendor: VendorId::new(v),
            rank: 0,
            score,
            max_score,
            percent: if max_score > 0.0 {
                100.0 * score / max_score
            } else {
                0.0
            },
            compliant: knocked.is_empty(),
            knockouts: knocked.iter().map(|&i| ReqIx::new(i)).collect(),
            levels,
            customization_cost: cost.value(),
            customization_cost_unknown: cost_unknown,
            points,
        });
        knockouts.push(knocked);
    }
    let ranks: Vec<usize> = results
        .iter()
        .map(|r| 1 + results.iter().filter(|o| ahead(o, r)).count())
        .collect();
    for (r, rank) in results.iter_mut().zip(ranks) {
        r.rank = rank;
    }
    // Each vendor's knockout indices move with its result.
    let mut ranked: Vec<(VendorResult, Vec<usize>)> = results.into_iter().zip(knockouts).collect();
    // Ties by name: the order a committee reads a shared rank in.
    let name = |r: &VendorResult| inputs.vendors[r.vendor.index()].name.as_str();
    ranked.sort_by(|(a, _), (b, _)| (a.rank, name(a), a.vendor).cmp(&(b.rank, name(b), b.vendor)));
    let (results, knockouts): (Vec<VendorResult>, Vec<Vec<usize>>) = ranked.into_iter().unzip();
    let mut knocked_out = vec![Vec::new(); requirements.len()];
    for (p, knocked) in knockouts.iter().enumerate() {
        for &i in knocked {
            knocked_out[i].push(p);
        }
    }
    Scored {
        results,
        knockouts,
        knocked_out,
        requirement_levels,
    }
}

/// `a` is strictly ahead of `b`: compliant before non-compliant, then the higher score.
fn ahead(a: &VendorResult, b: &VendorResult) -> bool {
    if a.compliant != b.compliant {
        return a.compliant;
    }
    greater(a.score, b.score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::fixture::*;
    use crate::model::{Cost, ReqIx, VendorId};

    #[test]
    fn exact_sum_ignores_the_order_of_terms() {
        assert_eq!(exact_sum([1e100, 1.0, -1e100]), 1.0);
        assert_eq!(exact_sum([0.1; 10]), 1.0);
        let terms: Vec<f64> = (0..2000)
            .map(|i| (i % 7) as f64 * 0.1 + (i % 3) as f64 * 0.7)
            .collect();
        let forward = exact_sum(terms.iter().copied());
        let backward = exact_sum(terms.iter().rev().copied());
        let mut shuffled = terms.clone();
        shuffled.sort_by(|a, b| b.total_cmp(a));
        assert_eq!(forward, backward);
        assert_eq!(forward, exact_sum(shuffled));
        assert_eq!(exact_sum([]), 0.0);
        // Correct rounding of a half-way case: 1 + 2^-53 + 2^-105 rounds up.
        assert_eq!(
            exact_sum([1.0, 2f64.powi(-53), 2f64.powi(-105)]),
            1.0 + f64::EPSILON
        );
    }

    /// Multiples of 2^-20 sum exactly in integers; the exact sum must be that
    /// integer sum rounded once.
    #[test]
    fn exact_sum_is_correctly_rounded() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let scale = 2f64.powi(-20);
        for _ in 0..200 {
            let mut total: i128 = 0;
            let mut values = Vec::new();
            for _ in 0..50 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Up to 2^60 units of 2^-20, either sign: not all representable sums.
                let k = (seed >> 4) as i64 >> (seed % 40);
                let k = (if seed & 1 == 0 { k } else { -k }) as f64;
                // `k` is integral (rounded to 53 bits), so the integer sum is exact.
                total += k as i128;
                values.push(k * scale);
            }
            assert_eq!(exact_sum(values.iter().copied()), total as f64 * scale);
        }
    }

    #[test]
    fn points_score_percent_and_levels() {
        let a = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", D, 2.0)
            .req("JR-003", O, 1.0)
            .req("JR-004", D, 2.0)
            .vendor("A社", "◎○△?")
            .run();
        let v = &a.vendors[0];
        assert_eq!(v.points, vec![3.0, 2.0 * 0.7, 0.3, 0.0]);
        assert_eq!(v.score, exact_sum([3.0, 1.4, 0.3]));
        assert_eq!(v.max_score, 8.0);
        assert_eq!(v.percent, 100.0 * v.score / 8.0);
        assert_eq!(
            (
                v.levels.standard,
                v.levels.alternative,
                v.levels.customization
            ),
            (1, 1, 1)
        );
        assert_eq!(
            (v.levels.unsupported, v.levels.missing, v.levels.invalid),
            (0, 0, 1)
        );
        assert!(v.compliant);
        assert_eq!(v.rank, 1);
    }

    #[test]
    fn levels_are_counted_per_requirement_too() {
        let case = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", D, 2.0)
            .vendor("A社", "◎△")
            .vendor("B社", "○_")
            .vendor("C社", "×△");
        let scored = score(&case.inputs, &Legend::new(&case.settings.legend));
        assert_eq!(
            scored.requirement_levels,
            vec![
                LevelCounts {
                    standard: 1,
                    alternative: 1,
                    unsupported: 1,
                    ..LevelCounts::default()
                },
                LevelCounts {
                    customization: 2,
                    missing: 1,
                    ..LevelCounts::default()
                },
            ]
        );
    }

    #[test]
    fn percent_is_zero_without_weights() {
        let a = Case::new().req("JR-001", D, 0.0).vendor("A社", "◎").run();
        assert_eq!(a.vendors[0].max_score, 0.0);
        assert_eq!(a.vendors[0].percent, 0.0);
    }

    #[test]
    fn knockouts_are_unsupported_missing_or_invalid_on_mandatory() {
        let a = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", M, 3.0)
            .req("JR-003", M, 3.0)
            .req("JR-004", M, 3.0)
            .req("JR-005", D, 2.0)
            .vendor("A社", "×_?△×")
            .run();
        let v = &a.vendors[0];
        assert_eq!(a.ids(&v.knockouts), vec!["JR-001", "JR-002", "JR-003"]);
        assert!(!v.compliant);
    }

    #[test]
    fn knockout_indices_follow_their_vendor_into_rank_order() {
        let case = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", M, 3.0)
            .req("JR-003", D, 2.0)
            .vendor("C社", "×◎◎")
            .vendor("B社", "◎×◎")
            .vendor("A社", "◎◎◎");
        let scored = score(&case.inputs, &Legend::new(&case.settings.legend));
        let name = |r: &VendorResult| case.inputs.vendors[r.vendor.index()].name.as_str();
        let order: Vec<&str> = scored.results.iter().map(name).collect();
        assert_eq!(order, vec!["A社", "B社", "C社"]);
        assert_eq!(scored.knockouts, vec![vec![], vec![1], vec![0]]);
        assert_eq!(scored.knocked_out, vec![vec![2], vec![1], vec![]]);
        let ids: Vec<&[ReqIx]> = scored.results.iter().map(|r| &r.knockouts[..]).collect();
        assert_eq!(ids, vec![&[][..], &[ReqIx::new(1)], &[ReqIx::new(0)]]);
    }

    #[test]
    fn equal_scores_share_a_rank() {
        let a = Case::new()
            .req("JR-001", D, 2.0)
            .req("JR-002", D, 2.0)
            .vendor("D社", "××")
            .vendor("C社", "◎×")
            .vendor("B社", "×◎")
            .vendor("A社", "◎◎")
            .run();
        let got: Vec<(&str, usize)> = a
            .vendors
            .iter()
            .map(|v| (a.name(v.vendor), v.rank))
            .collect();
        assert_eq!(got, vec![("A社", 1), ("B社", 2), ("C社", 2), ("D社", 4)]);
        assert_eq!(a.vendors[0].vendor, VendorId::new(3));
        assert_eq!(a.vendors[3].vendor, VendorId::new(0));
    }

    #[test]
    fn non_compliant_ranks_behind_compliant_even_with_a_higher_score() {
        let a = Case::new()
            .req("JR-001", M, 1.0)
            .req("JR-002", D, 10.0)
            .vendor("A社", "×◎")
            .vendor("B社", "◎×")
            .vendor("C社", "_◎")
            .run();
        let got: Vec<(&str, usize, bool)> = a
            .vendors
            .iter()
            .map(|v| (a.name(v.vendor), v.rank, v.compliant))
            .collect();
        assert_eq!(
            got,
            vec![("B社", 1, true), ("A社", 2, false), ("C社", 2, false)]
        );
    }

    #[test]
    fn scores_closer_than_the_tolerance_are_equal() {
        // 0.1 + 0.2 = 0.30000000000000004, not 0.3.
        let a = Case::new()
            .req("JR-001", D, 0.1)
            .req("JR-002", D, 0.2)
            .req("JR-003", D, 0.3)
            .vendor("B社", "◎◎×")
            .vendor("A社", "××◎")
            .run();
        assert_ne!(a.vendors[0].score, a.vendors[1].score);
        assert_eq!((a.vendors[0].rank, a.vendors[1].rank), (1, 1));
        assert_eq!(a.name(a.vendors[0].vendor), "A社");
        assert!(same(0.1 + 0.2, 0.3));
        assert!(!greater(0.1 + 0.2, 0.3));
        assert!(greater(0.3 + 2e-9, 0.3));
    }

    #[test]
    fn the_same_points_in_another_order_give_the_same_score() {
        // The second half of the matrix mirrors the first: A社 earns the weights
        // in one order, B社 in the reverse order. A running sum differs.
        let n = 300;
        let weight = |i: usize| {
            let j = if i < n / 2 { i } else { n - 1 - i };
            0.1 + (j % 7) as f64 * 0.013 + (j % 3) as f64 * 0.7
        };
        let mut case = Case::new();
        for i in 0..n {
            case = case.req(&format!("R-{i:03}"), D, weight(i));
        }
        let a: String = (0..n).map(|i| if i < n / 2 { '◎' } else { '×' }).collect();
        let b: String = (0..n).map(|i| if i < n / 2 { '×' } else { '◎' }).collect();
        let naive_a: f64 = (0..n / 2).map(weight).sum();
        let naive_b: f64 = (n / 2..n).map(weight).sum();
        assert_ne!(naive_a, naive_b, "a running sum depends on the order");
        let run = case.vendor("A社", &a).vendor("B社", &b).run();
        assert_eq!(run.vendors[0].score, run.vendors[1].score);
        assert_eq!((run.vendors[0].rank, run.vendors[1].rank), (1, 1));
    }

    #[test]
    fn customization_costs_known_and_unknown() {
        let a = Case::new()
            .req("JR-001", D, 2.0)
            .req("JR-002", D, 2.0)
            .req("JR-003", D, 2.0)
            .req("JR-004", D, 2.0)
            .vendor("A社", "△△△◎")
            .cost("A社", "JR-001", Cost::Yen(1_200_000.0))
            .cost("A社", "JR-002", Cost::unknown("別途見積"))
            .cost("A社", "JR-004", Cost::Yen(500_000.0))
            .run();
        let v = &a.vendors[0];
        assert_eq!(v.customization_cost, 1_200_000.0);
        assert_eq!(v.customization_cost_unknown, 2);
    }
}
