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

use crate::model::{CommitteeDetail, CommitteeResult, Flag, FlagCode, FlagDetail, FlagSeverity, Lang};

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
        Lang::Ja => format!(
            "{who} の評価を除くと、1位が {with_all} から {without} に替わります。"
        ),
        Lang::En => format!(
            "Without {who}'s scores, {without} instead of {with_all} would rank first."
        ),
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
