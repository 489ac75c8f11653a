//! F01 sole_capable: exactly one vendor meets the requirement without
//! customization, and at least two vendors take part.
//!
//! Why: a requirement only one package meets hands that vendor the points, or
//! the contract when it is mandatory (特定のベンダーが有利になる要件).
//! Exclusion: with a single vendor every capable answer is "sole".

use crate::model::{Flag, FlagCode, FlagDetail, FlagSeverity, Lang, Level, Priority};

use super::{RequirementView, Say, Text, level_breakdown};
use crate::analyze::Context;

pub(super) fn check(ctx: &Context, row: &RequirementView, out: &mut Vec<Flag>) {
    if row.levels.capable() != 1 || ctx.scored.results.len() < 2 {
        return;
    }
    let Some((vendor, _)) = ctx.answers(row.index).find(|(_, a)| a.level.is_capable()) else {
        return;
    };
    out.push(row.flag(
        FlagCode::F01,
        FlagSeverity::of(row.requirement.priority),
        vec![vendor.vendor],
        FlagDetail::Counts,
    ));
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let lang = say.lang;
    let (requirement, levels) = say.requirement(flag);
    let vendor = say.vendor(flag.vendors[0]);
    let others = say.analysis.vendors.len() - 1;
    let priority = requirement.priority;
    let breakdown = level_breakdown(
        lang,
        &levels,
        &[
            Level::Customization,
            Level::Unsupported,
            Level::Missing,
            Level::Invalid,
        ],
    );
    let id = &requirement.id;
    let message = match lang {
        Lang::Ja => {
            format!("要件 {id} を満たせるのは {vendor} のみです（他 {others} 社は{breakdown}）。")
        }
        Lang::En => format!(
            "Only {vendor} can meet requirement {id} without customization (the other {others}: {breakdown})."
        ),
    };
    let recommendation = if priority == Priority::Mandatory {
        lang.pick(
            "特定のベンダーが有利になる要件の可能性があります。必須であれば推奨に降格するか、機能ではなく目的で書き直してください。",
            "This requirement may favour one vendor. As it is mandatory, demote it to desirable, or rewrite it around the purpose rather than a specific function.",
        )
    } else {
        lang.pick(
            "特定のベンダーが有利になる要件の可能性があります。配点が妥当か確認し、機能ではなく目的で書き直してください。",
            "This requirement may favour one vendor. Check that its weight is justified, and rewrite it around the purpose rather than a specific function.",
        )
    };
    Text {
        message,
        recommendation: recommendation.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze::fixture::*;
    use crate::model::{FlagCode, FlagSeverity, Lang};

    #[test]
    fn one_capable_vendor_among_several() {
        let a = Case::new()
            .req("JR-010", M, 3.0)
            .req("JR-011", D, 2.0)
            .req("JR-012", O, 1.0)
            .vendor("A社", "◎○○")
            .vendor("B社", "×××")
            .vendor("C社", "×△△")
            .vendor("D社", "△_?")
            .run();
        let f01 = flags_of(&a, FlagCode::F01);
        let got: Vec<(&str, FlagSeverity, Vec<&str>)> = f01
            .iter()
            .map(|f| {
                (
                    f.requirement.as_deref().unwrap(),
                    f.severity,
                    names(&f.vendors),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("JR-010", FlagSeverity::High, vec!["A社"]),
                ("JR-011", FlagSeverity::Medium, vec!["A社"]),
                ("JR-012", FlagSeverity::Low, vec!["A社"]),
            ]
        );
        assert_eq!(
            f01[0].message,
            "要件 JR-010 を満たせるのは A社 のみです（他 3 社は対応不可 2 社・カスタマイズ 1 社）。"
        );
        assert_eq!(
            f01[0].recommendation,
            "特定のベンダーが有利になる要件の可能性があります。必須であれば推奨に降格するか、機能ではなく目的で書き直してください。"
        );
        assert_eq!(
            f01[2].message,
            "要件 JR-012 を満たせるのは A社 のみです（他 3 社はカスタマイズ 1 社・対応不可 1 社・無効な回答 1 社）。"
        );
        let en = Case::new()
            .req("JR-010", M, 3.0)
            .vendor("A社", "◎")
            .vendor("B社", "×")
            .run_in(Lang::En);
        assert_eq!(
            flags_of(&en, FlagCode::F01)[0].message,
            "Only A社 can meet requirement JR-010 without customization (the other 1: 1 unsupported)."
        );
    }

    #[test]
    fn not_raised_with_one_vendor() {
        let a = Case::new().req("JR-010", M, 3.0).vendor("A社", "◎").run();
        assert!(flags_of(&a, FlagCode::F01).is_empty());
    }

    #[test]
    fn not_raised_with_two_capable_or_none() {
        let a = Case::new()
            .req("JR-010", M, 3.0)
            .req("JR-011", M, 3.0)
            .vendor("A社", "◎△")
            .vendor("B社", "○△")
            .vendor("C社", "××")
            .run();
        assert!(flags_of(&a, FlagCode::F01).is_empty());
    }
}
