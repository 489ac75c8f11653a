//! F03 none_capable: no vendor meets the requirement without customization,
//! and at least one can by customization.
//!
//! Why: the requirement forces a code change on whoever wins; the cost is paid
//! by every member town and the change must be carried through every upgrade
//! (カスタマイズ抑制). Exclusion: when no vendor is even feasible, F04 applies.

use crate::model::{Flag, FlagCode, FlagDetail, FlagSeverity, Lang, Level};

use super::{RequirementView, Say, Text, join};
use crate::analyze::Context;

pub(super) fn check(ctx: &Context, row: &RequirementView, out: &mut Vec<Flag>) {
    if !row.levels.only_customization() {
        return;
    }
    let vendors = ctx
        .answers(row.index)
        .filter(|(_, a)| a.level == Level::Customization)
        .map(|(r, _)| r.vendor)
        .collect();
    out.push(row.flag(
        FlagCode::F03,
        FlagSeverity::of(row.requirement.priority),
        vendors,
        FlagDetail::Counts,
    ));
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let lang = say.lang;
    let (requirement, _) = say.requirement(flag);
    let id = &requirement.id;
    let vendors = say.vendors(&flag.vendors);
    let others = say.analysis.vendors.len() - vendors.len();
    let names = join(lang, &vendors);
    let one = vendors.len() == 1;
    let message = match (lang, others) {
        (Lang::Ja, 0) if one => format!(
            "要件 {id} を標準機能・代替で満たせるベンダーはなく、{names} はカスタマイズが必要です。"
        ),
        (Lang::Ja, 0) => format!(
            "要件 {id} を標準機能・代替で満たせるベンダーはなく、{names} のいずれもカスタマイズが必要です。"
        ),
        (Lang::Ja, _) => format!(
            "要件 {id} を標準機能・代替で満たせるベンダーはなく、対応できる {names} もカスタマイズが必要です（他 {others} 社は対応できません）。"
        ),
        (Lang::En, 0) if one => format!(
            "No vendor meets requirement {id} without customization: {names} needs a code change."
        ),
        (Lang::En, 0) => format!(
            "No vendor meets requirement {id} without customization: {names} all need a code change."
        ),
        (Lang::En, _) => format!(
            "No vendor meets requirement {id} without customization: {names} {} a code change, and the other {others} cannot meet it.",
            if one { "needs" } else { "need" }
        ),
    };
    let recommendation = lang.pick(
        "どのベンダーが受注してもカスタマイズが必要となり、導入費用と改修の継続負担が増えます。業務をパッケージに合わせられないか（ノンカスタマイズ）検討し、要件の必要性と書き方を見直してください。",
        "Whoever wins will need a code change, which raises the cost now and at every upgrade. Consider fitting the operation to the package (no customization), and review whether and how the requirement is needed.",
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
    fn only_customization_is_feasible() {
        let case = Case::new()
            .req("JR-030", D, 2.0)
            .req("JR-031", O, 1.0)
            .vendor("A社", "×△")
            .vendor("B社", "△△")
            .vendor("C社", "△△");
        let a = case.run();
        let f03 = flags_of(&a, FlagCode::F03);
        assert_eq!(f03.len(), 2);
        // Vendor order is rank order: A社 scores least.
        assert_eq!(f03[0].severity, FlagSeverity::Medium);
        assert_eq!(f03[1].severity, FlagSeverity::Low);
        assert_eq!(names(&f03[0].vendors), vec!["B社", "C社"]);
        assert_eq!(
            f03[0].message,
            "要件 JR-030 を標準機能・代替で満たせるベンダーはなく、対応できる B社、C社 もカスタマイズが必要です（他 1 社は対応できません）。"
        );
        assert_eq!(
            f03[1].message,
            "要件 JR-031 を標準機能・代替で満たせるベンダーはなく、B社、C社、A社 のいずれもカスタマイズが必要です。"
        );
        let en = case.run_in(Lang::En);
        let f03 = flags_of(&en, FlagCode::F03);
        assert_eq!(
            f03[0].message,
            "No vendor meets requirement JR-030 without customization: B社, C社 need a code change, and the other 1 cannot meet it."
        );
        assert_eq!(
            f03[1].message,
            "No vendor meets requirement JR-031 without customization: B社, C社, A社 all need a code change."
        );
        assert_eq!(
            f03[0].recommendation,
            "Whoever wins will need a code change, which raises the cost now and at every upgrade. Consider fitting the operation to the package (no customization), and review whether and how the requirement is needed."
        );
    }

    #[test]
    fn one_customizing_vendor_is_named_in_the_singular() {
        let case = Case::new()
            .req("JR-030", D, 2.0)
            .req("JR-031", D, 2.0)
            .vendor("A社", "△△")
            .vendor("B社", "×△");
        let ja = flags_of(&case.run(), FlagCode::F03)
            .iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>();
        assert_eq!(
            ja[0],
            "要件 JR-030 を標準機能・代替で満たせるベンダーはなく、対応できる A社 もカスタマイズが必要です（他 1 社は対応できません）。"
        );
        let en = case.run_in(Lang::En);
        let en = flags_of(&en, FlagCode::F03);
        assert_eq!(
            en[0].message,
            "No vendor meets requirement JR-030 without customization: A社 needs a code change, and the other 1 cannot meet it."
        );
        let alone = Case::new().req("JR-032", D, 2.0).vendor("A社", "△");
        assert_eq!(
            flags_of(&alone.run(), FlagCode::F03)[0].message,
            "要件 JR-032 を標準機能・代替で満たせるベンダーはなく、A社 はカスタマイズが必要です。"
        );
        assert_eq!(
            flags_of(&alone.run_in(Lang::En), FlagCode::F03)[0].message,
            "No vendor meets requirement JR-032 without customization: A社 needs a code change."
        );
    }

    #[test]
    fn mandatory_is_high() {
        let a = Case::new().req("JR-030", M, 3.0).vendor("A社", "△").run();
        assert_eq!(flags_of(&a, FlagCode::F03)[0].severity, FlagSeverity::High);
    }

    #[test]
    fn not_raised_when_one_is_capable_or_none_feasible() {
        let a = Case::new()
            .req("JR-030", D, 2.0)
            .req("JR-031", D, 2.0)
            .vendor("A社", "○×")
            .vendor("B社", "△_")
            .run();
        assert!(flags_of(&a, FlagCode::F03).is_empty());
        assert_eq!(flags_of(&a, FlagCode::F04).len(), 1);
    }
}
