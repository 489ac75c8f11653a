//! Committee scoring (SPEC §13): the evaluators' scores aggregated per item
//! and vendor, the committee score and ranking, and the tables the checks
//! F14–F16 read — each evaluator's lean and leniency, and the winner
//! without each evaluator.
//!
//! A blank score is no score: it is left out of the item's aggregate, never
//! counted as a zero, so one evaluator's gap does not pull a vendor down.
//! Everything is decided in ids; the Committee sheet and the JSON word it.
//!
//! The first-ranked vendor F16 compares is handed in as a function of the
//! vendors' committee scores, so the award (§12), which adds price and fit
//! points, can stand in for the committee ranking used without prices.

use crate::model::{
    Aggregate, BiasCell, CommitteeInputs, CommitteeResult, CommitteeVendor, EvaluatorId, Flag,
    ItemIx, ItemResult, ReqIx, VendorId,
};
use crate::settings::{CommitteeSettings, Settings};

use super::flags;

/// Two scores closer than this are equal (SPEC §4).
pub(crate) const EPSILON: f64 = 1e-9;

/// The first-ranked vendor given each vendor's committee score (by
/// `VendorId::index`): how F16 sees the award.
pub type Winner<'a> = &'a dyn Fn(&[f64]) -> Option<VendorId>;

/// The committee's result, with its flags added to `flags` in the §13
/// order, when the run has criteria and scoresheets; the committee ranking
/// decides F16.
pub(crate) fn evaluate(
    inputs: &crate::model::Inputs,
    settings: &Settings,
    flags: &mut Vec<Flag>,
) -> Option<CommitteeResult> {
    evaluate_with(inputs, settings, &ranking_winner, flags)
}

/// [`evaluate`] with the first-ranked vendor decided by `winner`.
pub(crate) fn evaluate_with(
    inputs: &crate::model::Inputs,
    settings: &Settings,
    winner: Winner,
    flags: &mut Vec<Flag>,
) -> Option<CommitteeResult> {
    let committee = inputs.committee.as_ref()?;
    let result = analyze(committee, inputs.vendors.len(), &settings.committee, winner);
    flags::raise_committee(committee, &result, &settings.committee, flags);
    // Procurement-wide flags after the requirements', by code; the stable
    // sort keeps each code's item, evaluator and vendor order.
    flags.sort_by_key(|f| (f.requirement.map_or(usize::MAX, ReqIx::index), f.code));
    Some(result)
}

/// The aggregate of some scores by `how`; `None` when there are none.
pub fn aggregate(scores: &[f64], how: Aggregate, trim_min: usize) -> Option<f64> {
    if scores.is_empty() {
        return None;
    }
    let mut sorted = scores.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
    let n = sorted.len();
    Some(match how {
        Aggregate::Mean => mean(&sorted),
        Aggregate::Trimmed if n >= trim_min.max(3) => mean(&sorted[1..n - 1]),
        Aggregate::Trimmed => mean(&sorted),
        Aggregate::Median if n % 2 == 1 => sorted[n / 2],
        Aggregate::Median => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    })
}

/// The first of the committee ranking: the highest score, the earlier
/// vendor on a tie (within 1e-9).
pub fn ranking_winner(scores: &[f64]) -> Option<VendorId> {
    let mut best: Option<usize> = None;
    for (v, &score) in scores.iter().enumerate() {
        if best.is_none_or(|b| score > scores[b] + EPSILON) {
            best = Some(v);
        }
    }
    best.map(VendorId::new)
}

/// 1 + the number of vendors strictly ahead, each vendor by index.
fn ranks(scores: &[f64]) -> Vec<usize> {
    (scores.iter())
        .map(|&s| 1 + scores.iter().filter(|&&o| o > s + EPSILON).count())
        .collect()
}

/// What §13 derives from the scoresheets, for `vendors` evaluated vendors.
pub fn analyze(
    committee: &CommitteeInputs,
    vendors: usize,
    settings: &CommitteeSettings,
    winner: Winner,
) -> CommitteeResult {
    let evaluators = committee.evaluators.len();
    let all: Vec<EvaluatorId> = (0..evaluators).map(EvaluatorId::new).collect();
    let items = item_results(committee, vendors, settings, &all);
    let scores = totals(&items, vendors);
    let max_score: f64 = committee.criteria.iter().map(|c| c.max).sum();
    let rank = ranks(&scores);
    let mut ranked: Vec<CommitteeVendor> = (0..vendors)
        .map(|v| CommitteeVendor {
            vendor: VendorId::new(v),
            score: scores[v],
            max_score,
            rank: rank[v],
        })
        .collect();
    ranked.sort_by_key(|v| (v.rank, v.vendor));

    let (leniency, bias, leave_one_out) = if evaluators >= 3 {
        let (leniency, bias) = leanings(committee, vendors);
        let loo = all
            .iter()
            .map(|&e| {
                let others: Vec<EvaluatorId> = all.iter().copied().filter(|&o| o != e).collect();
                let items = item_results(committee, vendors, settings, &others);
                (e, winner(&totals(&items, vendors)))
            })
            .collect();
        (leniency, bias, loo)
    } else {
        (vec![None; evaluators], Vec::new(), Vec::new())
    };
    CommitteeResult {
        aggregate: settings.aggregate,
        items,
        vendors: ranked,
        leniency,
        bias,
        leave_one_out,
        winner: winner(&scores),
    }
}

/// The scores of item `i` and vendor `v` by the evaluators `who`.
fn scores_of(committee: &CommitteeInputs, who: &[EvaluatorId], i: ItemIx, v: VendorId) -> Vec<f64> {
    who.iter()
        .filter_map(|&e| committee.score(e, i, v))
        .collect()
}

/// Each item's aggregate and spread per vendor, over the evaluators `who`.
fn item_results(
    committee: &CommitteeInputs,
    vendors: usize,
    settings: &CommitteeSettings,
    who: &[EvaluatorId],
) -> Vec<ItemResult> {
    (committee.criteria.iter().enumerate())
        .map(|(i, criterion)| {
            let (mut aggregates, mut spreads) = (Vec::new(), Vec::new());
            for v in 0..vendors {
                let scores = scores_of(committee, who, ItemIx::new(i), VendorId::new(v));
                aggregates.push(aggregate(&scores, settings.aggregate, settings.trim_min));
                let low = scores.iter().copied().reduce(f64::min);
                let high = scores.iter().copied().reduce(f64::max);
                spreads.push(match (low, high) {
                    (Some(low), Some(high)) if scores.len() >= 2 => {
                        Some((high - low) / criterion.max)
                    }
                    _ => None,
                });
            }
            ItemResult {
                aggregate: aggregates,
                spread: spreads,
            }
        })
        .collect()
}

/// Each vendor's committee score: Σ item aggregates (an item nobody scored adds nothing).
fn totals(items: &[ItemResult], vendors: usize) -> Vec<f64> {
    (0..vendors)
        .map(|v| items.iter().filter_map(|i| i.aggregate[v]).sum())
        .collect()
}

/// L(e) of each evaluator and B(e, v) of each evaluator and vendor e scored
/// (F15). d(e, v) is the mean, over the items e scored that another
/// evaluator scored too, of (e's score − the others' mean) ÷ item max;
/// L(e) the mean of d(e, v) over those vendors; B = d − L.
fn leanings(committee: &CommitteeInputs, vendors: usize) -> (Vec<Option<f64>>, Vec<BiasCell>) {
    let evaluators = committee.evaluators.len();
    let all: Vec<EvaluatorId> = (0..evaluators).map(EvaluatorId::new).collect();
    let mut leniency = Vec::with_capacity(evaluators);
    let mut bias = Vec::new();
    for &e in &all {
        let others: Vec<EvaluatorId> = all.iter().copied().filter(|&o| o != e).collect();
        let leans: Vec<(VendorId, f64)> = (0..vendors)
            .filter_map(|v| {
                let v = VendorId::new(v);
                let terms: Vec<f64> = (0..committee.criteria.len())
                    .filter_map(|i| {
                        let i = ItemIx::new(i);
                        let own = committee.score(e, i, v)?;
                        let rest = scores_of(committee, &others, i, v);
                        let mean = aggregate(&rest, Aggregate::Mean, 0)?;
                        Some((own - mean) / committee.criterion(i).max)
                    })
                    .collect();
                let lean = aggregate(&terms, Aggregate::Mean, 0)?;
                Some((v, lean))
            })
            .collect();
        let values: Vec<f64> = leans.iter().map(|&(_, d)| d).collect();
        let l = aggregate(&values, Aggregate::Mean, 0);
        leniency.push(l);
        if let Some(l) = l {
            bias.extend(leans.into_iter().map(|(vendor, lean)| BiasCell {
                evaluator: e,
                vendor,
                lean,
                bias: lean - l,
            }));
        }
    }
    (leniency, bias)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Criterion, Scoresheet};

    /// Criteria of `maxes`, and one scoresheet per evaluator:
    /// `sheets[e][i][v]`, a negative number for a blank.
    pub(crate) fn committee(maxes: &[f64], sheets: &[&[&[f64]]]) -> CommitteeInputs {
        CommitteeInputs {
            criteria_file: "評価基準.xlsx".into(),
            criteria: (maxes.iter().enumerate())
                .map(|(i, &max)| Criterion {
                    id: format!("{}", i + 1),
                    item: format!("項目{}", i + 1),
                    viewpoint: String::new(),
                    group: String::new(),
                    max,
                })
                .collect(),
            evaluators: (sheets.iter().enumerate())
                .map(|(e, items)| Scoresheet {
                    evaluator: format!("委員{}", e + 1),
                    file: format!("委員{}.xlsx", e + 1),
                    scores: (items.iter())
                        .map(|vs| vs.iter().map(|&s| (s >= 0.0).then_some(s)).collect())
                        .collect(),
                    comments: Vec::new(),
                })
                .collect(),
        }
    }

    /// The committee's flags of `c` over `vendors` vendors, ranked by the committee.
    pub(crate) fn flags_of(
        c: &CommitteeInputs,
        vendors: usize,
        settings: &CommitteeSettings,
    ) -> Vec<Flag> {
        let result = analyze(c, vendors, settings, &ranking_winner);
        let mut flags = Vec::new();
        flags::raise_committee(c, &result, settings, &mut flags);
        flags
    }

    pub(crate) fn settings(aggregate: Aggregate) -> CommitteeSettings {
        CommitteeSettings {
            aggregate,
            ..CommitteeSettings::default()
        }
    }

    #[test]
    fn trimmed_drops_the_extremes_only_with_enough_evaluators() {
        let five = [2.0, 9.0, 6.0, 7.0, 6.0];
        assert_eq!(aggregate(&five, Aggregate::Trimmed, 5), Some(19.0 / 3.0));
        assert_eq!(aggregate(&five, Aggregate::Mean, 5), Some(6.0));
        // Four evaluators under trim_min 5: a plain mean.
        let four = [2.0, 9.0, 6.0, 7.0];
        assert_eq!(aggregate(&four, Aggregate::Trimmed, 5), Some(6.0));
        assert_eq!(aggregate(&four, Aggregate::Trimmed, 4), Some(6.5));
        assert_eq!(aggregate(&four, Aggregate::Median, 5), Some(6.5));
        assert_eq!(aggregate(&five, Aggregate::Median, 5), Some(6.0));
        assert_eq!(aggregate(&[], Aggregate::Mean, 5), None);
    }

    #[test]
    fn a_blank_is_left_out_not_a_zero() {
        // One item worth 10, two vendors; 委員2 left B社 blank.
        let c = committee(&[10.0], &[&[&[8.0, 6.0]], &[&[6.0, -1.0]]]);
        let r = analyze(&c, 2, &settings(Aggregate::Mean), &ranking_winner);
        assert_eq!(r.items[0].aggregate, [Some(7.0), Some(6.0)]);
        assert_eq!(r.items[0].spread, [Some(0.2), None]);
        assert_eq!(r.vendors[0].score, 7.0);
        assert_eq!(r.vendors[1].score, 6.0, "not (6 + 0) / 2 = 3");
        assert_eq!(r.vendors[0].max_score, 10.0);
        assert_eq!(r.winner, Some(VendorId::new(0)));
        // Two evaluators: no bias table, no leave-one-out.
        assert!(r.bias.is_empty() && r.leave_one_out.is_empty());
    }

    #[test]
    fn equal_scores_share_a_rank_and_the_earlier_vendor_leads() {
        let c = committee(&[10.0], &[&[&[5.0, 7.0, 7.0 + 1e-12]]]);
        let r = analyze(&c, 3, &settings(Aggregate::Mean), &ranking_winner);
        let got: Vec<(usize, usize)> = r
            .vendors
            .iter()
            .map(|v| (v.vendor.index(), v.rank))
            .collect();
        assert_eq!(got, [(1, 1), (2, 1), (0, 3)]);
        assert_eq!(r.winner, Some(VendorId::new(1)));
    }

    #[test]
    fn lean_and_leniency_follow_the_rule() {
        // Two items (10, 20), two vendors, three evaluators.
        let c = committee(
            &[10.0, 20.0],
            &[
                &[&[9.0, 5.0], &[18.0, 10.0]],
                &[&[7.0, 7.0], &[14.0, 14.0]],
                &[&[7.0, 7.0], &[14.0, 14.0]],
            ],
        );
        let r = analyze(&c, 2, &settings(Aggregate::Mean), &ranking_winner);
        // 委員1 on A社: (9 − 7) / 10 = 0.2 and (18 − 14) / 20 = 0.2; on B社 −0.2 twice.
        let cell = |e: usize, v: usize| {
            r.bias
                .iter()
                .find(|b| b.evaluator.index() == e && b.vendor.index() == v)
                .unwrap()
        };
        assert!((cell(0, 0).lean - 0.2).abs() < 1e-12);
        assert!((cell(0, 1).lean + 0.2).abs() < 1e-12);
        assert!(r.leniency[0].unwrap().abs() < 1e-12);
        assert!((cell(0, 0).bias - 0.2).abs() < 1e-12);
        // 委員2 on A社: 7 − (9 + 7) / 2 = −1 → −0.1; on B社 7 − 6 = 1 → 0.1.
        assert!((cell(1, 0).lean + 0.1).abs() < 1e-12);
        assert_eq!(r.bias.len(), 6);
    }
}
