//! F16 decisive_evaluator: leaving one evaluator out changes who ranks first.
//!
//! Why: a selection that one evaluator's scores decide rests on a single
//! judgment; the committee should be able to show why that judgment holds.
//! Each evaluator is left out in turn and the others' scores aggregated by
//! the same rule (with `trimmed`, fewer than `trim_min` remaining means a
//! plain mean); the first-ranked vendor — of the award when prices are
//! given, else of the committee ranking — is compared with the one of the
//! whole committee. Severity high; `vendors` = [the winner with all, the
//! winner without]. Exclusion: fewer than three evaluators.

use crate::model::{
    CommitteeDetail, CommitteeResult, Flag, FlagCode, FlagDetail, FlagSeverity, Lang,
};

use super::{Say, Text};

pub(super) fn check(result: &CommitteeResult, out: &mut Vec<Flag>) {
    let Some(with_all) = result.winner else {
        return;
    };
    for &(evaluator, without) in &result.leave_one_out {
        let Some(without) = without.filter(|&w| w != with_all) else {
            continue;
        };
        out.push(Flag {
            code: FlagCode::F16,
            severity: FlagSeverity::High,
            requirement: None,
            vendors: vec![with_all, without],
            detail: FlagDetail::Committee(CommitteeDetail::Decisive { evaluator }),
        });
    }
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let FlagDetail::Committee(CommitteeDetail::Decisive { evaluator }) = &flag.detail else {
        unreachable!("F16 carries its evaluator")
    };
    let who = say.evaluator(*evaluator);
    let (with_all, without) = (say.vendor(flag.vendors[0]), say.vendor(flag.vendors[1]));
    let message = match say.lang {
        Lang::Ja => format!("{who} の評価を除くと、1位が {with_all} から {without} に替わります。"),
        Lang::En => {
            format!("Without {who}'s scores, {without} instead of {with_all} would rank first.")
        }
    };
    let recommendation = say.lang.pick(
        "1人の委員の評価で選定結果が決まっています。その委員の評価の根拠を委員会で確認し、判断の理由を記録に残してください。",
        "One evaluator's scores decide the selection: review the reasons for them in committee and record why the judgment holds.",
    );
    Text {
        message,
        recommendation: recommendation.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze::committee::tests::{committee, settings};
    use crate::analyze::committee::{analyze, ranking_winner};
    use crate::model::{
        Aggregate, CommitteeDetail, EvaluatorId, FlagCode, FlagDetail, FlagSeverity, VendorId,
    };

    /// 委員1 gives A社 10 and B社 2; the two others give A社 5 and B社 7.
    fn case() -> crate::model::CommitteeInputs {
        committee(&[10.0], &[&[&[10.0, 2.0]], &[&[5.0, 7.0]], &[&[5.0, 7.0]]])
    }

    #[test]
    fn an_evaluator_without_whom_another_vendor_wins_is_decisive() {
        let c = case();
        let s = settings(Aggregate::Mean);
        let result = analyze(&c, 2, &s, &ranking_winner);
        assert_eq!(result.winner, Some(VendorId::new(0)));
        let mut flags = Vec::new();
        super::check(&result, &mut flags);
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].code, FlagCode::F16);
        assert_eq!(flags[0].severity, FlagSeverity::High);
        assert_eq!(flags[0].vendors, [VendorId::new(0), VendorId::new(1)]);
        assert_eq!(
            flags[0].detail,
            FlagDetail::Committee(CommitteeDetail::Decisive {
                evaluator: EvaluatorId::new(0)
            })
        );
        let loo: Vec<_> = (result.leave_one_out.iter())
            .map(|(e, w)| (e.index(), w.map(VendorId::index)))
            .collect();
        assert_eq!(loo, [(0, Some(1)), (1, Some(0)), (2, Some(0))]);
    }

    #[test]
    fn the_award_decides_the_winner_when_it_is_given() {
        // An award in which B社 wins whatever the committee says (its price
        // points outweigh): no evaluator changes the winner.
        let c = case();
        let award = |_: &[f64]| Some(VendorId::new(1));
        let result = analyze(&c, 2, &settings(Aggregate::Mean), &award);
        let mut flags = Vec::new();
        super::check(&result, &mut flags);
        assert!(flags.is_empty(), "{flags:?}");
        assert_eq!(result.winner, Some(VendorId::new(1)));
    }

    #[test]
    fn leaving_one_out_uses_the_same_aggregate() {
        // Five evaluators under `trimmed` (trim_min 5): without one, four
        // remain and the plain mean decides.
        let c = committee(
            &[10.0],
            &[
                &[&[10.0, 4.0]],
                &[&[6.0, 6.5]],
                &[&[6.0, 6.5]],
                &[&[6.0, 6.5]],
                &[&[0.0, 6.5]],
            ],
        );
        let result = analyze(&c, 2, &settings(Aggregate::Trimmed), &ranking_winner);
        // All five: A社 6 (10 and 0 dropped), B社 6.5 → B社.
        assert_eq!(result.winner, Some(VendorId::new(1)));
        // Without 委員5: A社 (10 + 6 + 6 + 6) / 4 = 7 > B社 (4 + 6.5 × 3) / 4 = 5.875.
        assert_eq!(result.leave_one_out[4].1, Some(VendorId::new(0)));
        assert_eq!(result.leave_one_out[0].1, Some(VendorId::new(1)));
    }
}
