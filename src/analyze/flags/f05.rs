//! F05 knockout: a mandatory requirement disqualifies at least one vendor.
//!
//! Why: every knockout removes a competitor; the committee must be able to say
//! why each mandatory requirement is indispensable. One flag per requirement,
//! listing the vendors it disqualifies; always high.
//! Exclusion: desirable and optional requirements never knock out.

use crate::model::{Flag, FlagCode, FlagDetail, FlagSeverity, Lang, Level};

use super::{RequirementView, Say, Text, join, level_label};
use crate::analyze::{Context, answer};

/// Scoring found the knockouts (only on mandatory requirements); this
/// records them with the level each vendor answered.
pub(super) fn check(ctx: &Context, row: &RequirementView, out: &mut Vec<Flag>) {
    let knocked = &ctx.scored.knocked_out[row.index];
    if knocked.is_empty() {
        return;
    }
    let (vendors, levels) = knocked
        .iter()
        .map(|&p| {
            let vendor = ctx.scored.results[p].vendor;
            let level = answer(&ctx.inputs.vendors[vendor.index()], row.index).level;
            (vendor, level)
        })
        .unzip();
    let detail = FlagDetail::Knockout { levels };
    out.push(row.flag(FlagCode::F05, FlagSeverity::High, vendors, detail));
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let lang = say.lang;
    let (requirement, _) = say.requirement(flag);
    let id = &requirement.id;
    let FlagDetail::Knockout { levels } = &flag.detail else {
        unreachable!("F05 carries the knocked-out levels")
    };
    let names = say.vendors(&flag.vendors);
    let knocked: Vec<(&String, Level)> = names.iter().zip(levels.iter().copied()).collect();
    let detail: Vec<String> = knocked
        .iter()
        .map(|(n, l)| match lang {
            Lang::Ja => format!("{n}：{}", level_label(lang, *l)),
            Lang::En => format!("{n}: {}", level_label(lang, *l)),
        })
        .collect();
    let message = match lang {
        Lang::Ja => format!(
            "必須要件 {id} により {} が失格となります（{}）。",
            join(lang, &names),
            detail.join("、")
        ),
        Lang::En => format!(
            "Mandatory requirement {id} disqualifies {} ({}).",
            join(lang, &names),
            detail.join("; ")
        ),
    };
    let unanswered = knocked
        .iter()
        .any(|(_, l)| matches!(l, Level::Missing | Level::Invalid));
    let mut recommendation = lang
        .pick(
            "必須とする理由を確認し、業務上不可欠でなければ推奨に降格してください。不可欠であれば、その根拠を選定委員会の記録に残してください。",
            "Confirm why the requirement is mandatory; if it is not indispensable, demote it to desirable. If it is, record the reason for the committee.",
        )
        .to_string();
    if unanswered {
        recommendation.push_str(lang.pick(
            "未回答・無効な回答は記入漏れの可能性があるため、該当ベンダーに確認してください。",
            " Missing or invalid answers may be omissions: ask the vendor to confirm.",
        ));
    }
    Text {
        message,
        recommendation,
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze::fixture::*;
    use crate::model::{FlagCode, FlagSeverity, Lang};

    #[test]
    fn one_flag_listing_every_knocked_out_vendor() {
        let a = Case::new()
            .req("JR-050", M, 3.0)
            .vendor("A社", "◎")
            .vendor("B社", "×")
            .vendor("C社", "_")
            .vendor("D社", "?")
            .vendor("E社", "△")
            .run();
        let f05 = flags_of(&a, FlagCode::F05);
        assert_eq!(f05.len(), 1);
        assert_eq!(f05[0].severity, FlagSeverity::High);
        assert_eq!(names(&f05[0].vendors), vec!["B社", "C社", "D社"]);
        assert_eq!(
            f05[0].message,
            "必須要件 JR-050 により B社、C社、D社 が失格となります（B社：対応不可、C社：未回答、D社：無効な回答）。"
        );
        assert!(
            f05[0]
                .recommendation
                .ends_with("該当ベンダーに確認してください。")
        );
    }

    #[test]
    fn unsupported_only_asks_no_confirmation() {
        let a = Case::new()
            .req("JR-050", M, 3.0)
            .vendor("A社", "×")
            .run_in(Lang::En);
        let f = &flags_of(&a, FlagCode::F05)[0];
        assert_eq!(
            f.message,
            "Mandatory requirement JR-050 disqualifies A社 (A社: unsupported)."
        );
        assert!(!f.recommendation.contains("omissions"));
    }

    #[test]
    fn not_raised_on_desirable_or_when_all_pass() {
        let a = Case::new()
            .req("JR-050", D, 2.0)
            .req("JR-051", M, 3.0)
            .vendor("A社", "×△")
            .vendor("B社", "_○")
            .run();
        assert!(flags_of(&a, FlagCode::F05).is_empty());
    }
}
