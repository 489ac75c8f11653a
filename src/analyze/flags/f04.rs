//! F04 infeasible: no vendor can meet the requirement at all.
//!
//! Why: a requirement nobody meets does not separate the vendors; as a
//! mandatory requirement it disqualifies all of them.
//! Exclusion: an evaluation without any readable vendor raises nothing — an
//! empty field says nothing about the requirement.

use crate::model::{Flag, FlagCode, FlagDetail, FlagSeverity, Lang, Level, Priority};

use super::{RequirementView, Say, Text, level_breakdown};
use crate::analyze::Context;

pub(super) fn check(ctx: &Context, row: &RequirementView, out: &mut Vec<Flag>) {
    if row.levels.feasible() != 0 || ctx.scored.results.is_empty() {
        return;
    }
    let severity = FlagSeverity::of(row.requirement.priority);
    out.push(row.flag(FlagCode::F04, severity, Vec::new(), FlagDetail::Counts));
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let lang = say.lang;
    let (requirement, levels) = say.requirement(flag);
    let (id, priority) = (&requirement.id, requirement.priority);
    let breakdown = level_breakdown(
        lang,
        &levels,
        &[Level::Unsupported, Level::Missing, Level::Invalid],
    );
    let message = match lang {
        Lang::Ja => format!("要件 {id} にはどのベンダーも対応できません（{breakdown}）。"),
        Lang::En => format!("No vendor can meet requirement {id} ({breakdown})."),
    };
    let recommendation = if priority == Priority::Mandatory {
        lang.pick(
            "必須要件のままでは全ベンダーが失格となります。実現できる要件か確認し、削除するか範囲を見直してください。",
            "As a mandatory requirement it disqualifies every vendor. Check that it can be met at all, and remove it or narrow its scope.",
        )
    } else {
        lang.pick(
            "どのベンダーも対応できない要件は評価の差になりません。実現できる要件か確認し、削除するか範囲を見直してください。",
            "A requirement no vendor can meet does not separate the vendors. Check that it can be met at all, and remove it or narrow its scope.",
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
    fn nobody_feasible() {
        let a = Case::new()
            .req("JR-040", M, 3.0)
            .req("JR-041", D, 2.0)
            .vendor("A社", "××")
            .vendor("B社", "×_")
            .vendor("C社", "_?")
            .run();
        let f04 = flags_of(&a, FlagCode::F04);
        assert_eq!(f04.len(), 2);
        assert_eq!(f04[0].severity, FlagSeverity::High);
        assert_eq!(f04[1].severity, FlagSeverity::Medium);
        assert!(f04[0].vendors.is_empty());
        assert_eq!(
            f04[0].message,
            "要件 JR-040 にはどのベンダーも対応できません（対応不可 2 社・未回答 1 社）。"
        );
        assert!(
            f04[0]
                .recommendation
                .starts_with("必須要件のままでは全ベンダーが失格")
        );
        let en = Case::new()
            .req("JR-040", O, 1.0)
            .vendor("A社", "×")
            .run_in(Lang::En);
        let f = &flags_of(&en, FlagCode::F04)[0];
        assert_eq!(f.severity, FlagSeverity::Low);
        assert_eq!(
            f.message,
            "No vendor can meet requirement JR-040 (1 unsupported)."
        );
    }

    #[test]
    fn not_raised_when_one_vendor_customizes_or_without_vendors() {
        let a = Case::new()
            .req("JR-040", M, 3.0)
            .vendor("A社", "×")
            .vendor("B社", "△")
            .run();
        assert!(flags_of(&a, FlagCode::F04).is_empty());
        let empty = Case::new().req("JR-040", M, 3.0).run();
        assert!(flags_of(&empty, FlagCode::F04).is_empty());
    }
}
