//! F02 sole_standard: exactly one vendor meets the requirement with a standard
//! function while two or more meet it without customization.
//!
//! Why: others can meet the purpose by an alternative or an operational change,
//! so a requirement worded around one package's standard screen or form tilts
//! the points. Severity is always low: competition still exists.
//! Exclusion: with a single capable vendor F01 applies instead.

use crate::model::{Flag, FlagCode, FlagDetail, FlagSeverity, Lang, Level};

use super::{RequirementView, Say, Text, count_en};
use crate::analyze::Context;

pub(super) fn check(ctx: &Context, row: &RequirementView, out: &mut Vec<Flag>) {
    if row.levels.standard != 1 || row.levels.capable() < 2 {
        return;
    }
    let Some((vendor, _)) = ctx
        .answers(row.index)
        .find(|(_, a)| a.level == Level::Standard)
    else {
        return;
    };
    out.push(row.flag(
        FlagCode::F02,
        FlagSeverity::Low,
        vec![vendor.vendor],
        FlagDetail::Counts,
    ));
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let lang = say.lang;
    let (requirement, levels) = say.requirement(flag);
    let id = &requirement.id;
    let vendor = say.vendor(flag.vendors[0]);
    let alternatives = levels.alternative;
    let message = match lang {
        Lang::Ja => format!(
            "要件 {id} を標準機能で満たすのは {vendor} のみです（ほかに代替・運用で対応できるベンダーが {alternatives} 社あります）。"
        ),
        Lang::En => format!(
            "Only {vendor} meets requirement {id} with a standard function ({} {} it by an alternative or an operational change).",
            count_en(alternatives, "other vendor"),
            if alternatives == 1 { "meets" } else { "meet" }
        ),
    };
    let recommendation = lang.pick(
        "標準機能であることを前提にした書き方は特定のベンダーを有利にします。代替・運用でも目的を果たせるのであれば、目的を基準に要件と配点を見直してください。",
        "Wording that presumes a standard function favours one vendor. If an alternative or an operational change serves the purpose, revise the requirement and its weight around the purpose.",
    );
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
    fn one_standard_among_capable_vendors() {
        let case = Case::new()
            .req("JR-020", M, 3.0)
            .vendor("A社", "○")
            .vendor("B社", "◎")
            .vendor("C社", "○")
            .vendor("D社", "×");
        let a = case.run();
        let f02 = flags_of(&a, FlagCode::F02);
        assert_eq!(f02.len(), 1);
        assert_eq!(f02[0].severity, FlagSeverity::Low);
        assert_eq!(names(&f02[0].vendors), vec!["B社"]);
        assert_eq!(
            f02[0].message,
            "要件 JR-020 を標準機能で満たすのは B社 のみです（ほかに代替・運用で対応できるベンダーが 2 社あります）。"
        );
        let en = case.run_in(Lang::En);
        let f = &flags_of(&en, FlagCode::F02)[0];
        assert_eq!(
            f.message,
            "Only B社 meets requirement JR-020 with a standard function (2 other vendors meet it by an alternative or an operational change)."
        );
        assert_eq!(
            f.recommendation,
            "Wording that presumes a standard function favours one vendor. If an alternative or an operational change serves the purpose, revise the requirement and its weight around the purpose."
        );
    }

    #[test]
    fn one_other_vendor_in_the_singular() {
        let en = Case::new()
            .req("JR-020", M, 3.0)
            .vendor("A社", "○")
            .vendor("B社", "◎")
            .run_in(Lang::En);
        assert_eq!(
            flags_of(&en, FlagCode::F02)[0].message,
            "Only B社 meets requirement JR-020 with a standard function (1 other vendor meets it by an alternative or an operational change)."
        );
    }

    #[test]
    fn not_raised_when_only_one_is_capable() {
        let a = Case::new()
            .req("JR-020", D, 2.0)
            .vendor("A社", "◎")
            .vendor("B社", "△")
            .run();
        assert!(flags_of(&a, FlagCode::F02).is_empty());
        assert_eq!(flags_of(&a, FlagCode::F01).len(), 1);
    }

    #[test]
    fn not_raised_with_two_standard_or_none() {
        let a = Case::new()
            .req("JR-020", D, 2.0)
            .req("JR-021", D, 2.0)
            .vendor("A社", "◎○")
            .vendor("B社", "◎○")
            .vendor("C社", "○×")
            .run();
        assert!(flags_of(&a, FlagCode::F02).is_empty());
    }
}
