//! F15 evaluator_bias: an evaluator scores one vendor consistently above
//! (or below) the rest of the committee, beyond their own leniency.
//!
//! Why: an evaluator who is generous (or strict) with every vendor changes
//! no ranking; one who is generous with one vendor alone may have a
//! conflict of interest (利益相反). So the evaluator's lean toward each
//! vendor is measured against the others, and their overall leniency is
//! taken off: B(e, v) = d(e, v) − L(e) (`analyze::committee`). Raised when
//! |B| ≥ `committee.bias` (0.15); severity high; `vendors` = [v].
//! Exclusions: fewer than three evaluators; a lenient evaluator who leans
//! alike toward every vendor.

use crate::model::{
    CommitteeDetail, CommitteeResult, Flag, FlagCode, FlagDetail, FlagSeverity, Lang,
};
use crate::settings::CommitteeSettings;

use super::{Say, Text, points};
use crate::analyze::committee::EPSILON;

pub(super) fn check(result: &CommitteeResult, settings: &CommitteeSettings, out: &mut Vec<Flag>) {
    for cell in &result.bias {
        if cell.bias.abs() < settings.bias - EPSILON {
            continue;
        }
        let leniency = result.leniency[cell.evaluator.index()].expect("a bias has its leniency");
        out.push(Flag {
            code: FlagCode::F15,
            severity: FlagSeverity::High,
            requirement: None,
            vendors: vec![cell.vendor],
            detail: FlagDetail::Committee(CommitteeDetail::Bias {
                evaluator: cell.evaluator,
                bias: cell.bias,
                lean: cell.lean,
                leniency,
            }),
        });
    }
}

/// A share of the item's points as a signed percentage: `+20`, `-7.5`.
fn signed_percent(share: f64) -> String {
    let text = points(share * 100.0);
    if text.starts_with('-') || text == "0" {
        text
    } else {
        format!("+{text}")
    }
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let FlagDetail::Committee(CommitteeDetail::Bias {
        evaluator,
        bias,
        lean,
        leniency,
    }) = &flag.detail
    else {
        unreachable!("F15 carries its evaluator and bias")
    };
    let vendor = say.vendor(flag.vendors[0]);
    let who = say.evaluator(*evaluator);
    let (b, d, l) = (
        signed_percent(*bias),
        signed_percent(*lean),
        signed_percent(*leniency),
    );
    let message = match (say.lang, *bias > 0.0) {
        (Lang::Ja, true) => format!(
            "{who} は {vendor} を他の委員より一貫して高く評価しています（他の委員との差は配点比 {d}%、この委員の全体の傾向 {l}% を除いて {b}%）。"
        ),
        (Lang::Ja, false) => format!(
            "{who} は {vendor} を他の委員より一貫して低く評価しています（他の委員との差は配点比 {d}%、この委員の全体の傾向 {l}% を除いて {b}%）。"
        ),
        (Lang::En, up) => format!(
            "{who} scores {vendor} consistently {} the rest of the committee: {d}% of the item points on average, {b}% once their own leniency ({l}%) is taken off.",
            if up { "above" } else { "below" }
        ),
    };
    let recommendation = say.lang.pick(
        "この委員と事業者との利害関係（利益相反）の有無を確認し、評価の根拠を委員会で確認して記録に残してください。",
        "Check whether this evaluator has a conflict of interest with the vendor, and review the reasons for the scores in committee, on the record.",
    );
    Text {
        message,
        recommendation: recommendation.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze::committee::tests::{committee, flags_of, settings};
    use crate::model::{
        Aggregate, CommitteeDetail, EvaluatorId, FlagCode, FlagDetail, FlagSeverity, VendorId,
    };

    #[test]
    fn a_bias_that_shows_only_once_leniency_is_taken_off() {
        // 委員1 is strict with B社 and C社 (3 where the others give 6) and
        // scores A社 like everyone else: its raw lean toward A社 is 0, its
        // leniency −0.2, its bias toward A社 +0.2.
        let c = committee(
            &[10.0],
            &[
                &[&[6.0, 3.0, 3.0]],
                &[&[6.0, 6.0, 6.0]],
                &[&[6.0, 6.0, 6.0]],
            ],
        );
        let flags = flags_of(&c, 3, &settings(Aggregate::Mean));
        let f15: Vec<_> = flags.iter().filter(|f| f.code == FlagCode::F15).collect();
        assert_eq!(f15.len(), 1, "{flags:?}");
        assert_eq!(f15[0].severity, FlagSeverity::High);
        assert_eq!(f15[0].vendors, [VendorId::new(0)]);
        let FlagDetail::Committee(CommitteeDetail::Bias {
            evaluator,
            bias,
            lean,
            leniency,
        }) = f15[0].detail
        else {
            panic!()
        };
        assert_eq!(evaluator, EvaluatorId::new(0));
        assert!(lean.abs() < 1e-12, "no lean before leniency is removed");
        assert!((leniency + 0.2).abs() < 1e-12);
        assert!((bias - 0.2).abs() < 1e-12);
    }

    #[test]
    fn a_lenient_evaluator_who_is_not_biased_raises_nothing() {
        // 委員1 gives every vendor 3 points more than the others.
        let c = committee(
            &[10.0],
            &[
                &[&[9.0, 9.0, 9.0]],
                &[&[6.0, 6.0, 6.0]],
                &[&[6.0, 6.0, 6.0]],
            ],
        );
        let flags = flags_of(&c, 3, &settings(Aggregate::Mean));
        assert!(flags.iter().all(|f| f.code != FlagCode::F15), "{flags:?}");
        // …while the same scores from only two evaluators are never checked.
        let two = committee(&[10.0], &[&[&[9.0, 6.0, 6.0]], &[&[6.0, 6.0, 6.0]]]);
        let flags = flags_of(&two, 3, &settings(Aggregate::Mean));
        assert!(flags.iter().all(|f| f.code != FlagCode::F15), "{flags:?}");
    }

    #[test]
    fn a_bias_at_exactly_the_threshold_is_raised() {
        // 委員1: A社 +1.5 over the others, B社 −1.5 (of 10): B = ±0.15.
        let c = committee(&[10.0], &[&[&[7.5, 4.5]], &[&[6.0, 6.0]], &[&[6.0, 6.0]]]);
        let flags = flags_of(&c, 2, &settings(Aggregate::Mean));
        let f15: Vec<_> = (flags.iter())
            .filter(|f| f.code == FlagCode::F15)
            .map(|f| f.vendors[0].index())
            .collect();
        assert_eq!(f15, [0, 1]);
    }
}
