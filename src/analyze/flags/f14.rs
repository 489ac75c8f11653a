//! F14 evaluator_spread: the evaluators disagree widely on one item of one
//! vendor.
//!
//! Why: when the highest and lowest scores of an item × vendor lie at least
//! `committee.spread` (30 %) of the item's points apart, the committee has
//! not reached a shared reading of the proposal (the lack-of-consensus rule
//! of e-procurement suites); the scores should be discussed before they are
//! finalized. Severity medium; one flag per item × vendor, `vendors` = [v].
//! Exclusion: an item × vendor scored by fewer than two evaluators has no spread.

use crate::model::{
    CommitteeDetail, CommitteeInputs, CommitteeResult, Flag, FlagCode, FlagDetail, FlagSeverity,
    ItemIx, Lang, VendorId,
};
use crate::settings::CommitteeSettings;

use super::{Say, Text, points};
use crate::analyze::committee::EPSILON;

pub(super) fn check(
    committee: &CommitteeInputs,
    result: &CommitteeResult,
    settings: &CommitteeSettings,
    out: &mut Vec<Flag>,
) {
    for (i, item) in result.items.iter().enumerate() {
        let criterion = &committee.criteria[i];
        for (v, spread) in item.spread.iter().enumerate() {
            let Some(spread) = spread else { continue };
            if *spread < settings.spread - EPSILON {
                continue;
            }
            let scores: Vec<f64> = (0..committee.evaluators.len())
                .filter_map(|e| committee.evaluators[e].scores[i][v])
                .collect();
            out.push(Flag {
                code: FlagCode::F14,
                severity: FlagSeverity::Medium,
                requirement: None,
                vendors: vec![VendorId::new(v)],
                detail: FlagDetail::Committee(CommitteeDetail::Spread {
                    item: ItemIx::new(i),
                    low: scores.iter().copied().fold(f64::INFINITY, f64::min),
                    high: scores.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                    max: criterion.max,
                }),
            });
        }
    }
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let FlagDetail::Committee(CommitteeDetail::Spread {
        item,
        low,
        high,
        max,
    }) = &flag.detail
    else {
        unreachable!("F14 carries its item and scores")
    };
    let vendor = say.vendor(flag.vendors[0]);
    let item = say.item(*item);
    let (low, high, max) = (points(*low), points(*high), points(*max));
    let message = match say.lang {
        Lang::Ja => format!(
            "評価項目 {item}の {vendor} の評価が、委員によって {low} 点から {high} 点まで分かれています（配点 {max} 点）。"
        ),
        Lang::En => format!(
            "The evaluators scored {vendor} on item {item} from {low} to {high} of {max} points."
        ),
    };
    let recommendation = say.lang.pick(
        "評価を確定する前に、委員会で各委員の評価の根拠を確認し合い、必要なら評価を見直してください。",
        "Before finalizing, discuss the reasons behind each evaluator's score in committee and revise scores where needed.",
    );
    Text {
        message,
        recommendation: recommendation.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze::committee::tests::{committee, flags_of, settings};
    use crate::model::{Aggregate, CommitteeDetail, FlagCode, FlagDetail, FlagSeverity};

    #[test]
    fn a_spread_at_exactly_the_threshold_is_raised_and_below_it_is_not() {
        // Item 1 (7 points): 0.7 and 2.8 are 30 % apart, though the
        // difference divides to 0.29999999999999993. Item 2 (10 points):
        // 5 and 7.9 are 29 % apart. One evaluator alone has no spread.
        let c = committee(
            &[7.0, 10.0, 10.0],
            &[
                &[&[0.7, 5.0], &[5.0, 5.0], &[4.0, 4.0]],
                &[&[2.8, 5.0], &[7.9, 5.0], &[-1.0, -1.0]],
            ],
        );
        let flags = flags_of(&c, 2, &settings(Aggregate::Mean));
        let f14: Vec<_> = flags.iter().filter(|f| f.code == FlagCode::F14).collect();
        assert_eq!(f14.len(), 1, "{flags:?}");
        assert_eq!(f14[0].severity, FlagSeverity::Medium);
        assert_eq!(f14[0].vendors, [crate::model::VendorId::new(0)]);
        let FlagDetail::Committee(CommitteeDetail::Spread {
            item,
            low,
            high,
            max,
        }) = f14[0].detail
        else {
            panic!("{:?}", f14[0].detail)
        };
        assert_eq!((item.index(), low, high, max), (0, 0.7, 2.8, 7.0));
    }
}
