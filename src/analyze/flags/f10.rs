//! F10 concentration: one vendor is the sole capable vendor in a large share
//! of the F01 flags.
//!
//! Why: many requirements that only one vendor meets, all the same vendor,
//! suggest a specification written around it — often the incumbent
//! (ベンダーによる囲い込み). Raised when that vendor holds at least
//! `f10_share` of the F01 flags and there are at least `f10_min_flags` of
//! them; procurement-wide, severity high, the vendor listed.
//! Exclusion: a few F01 flags are chance, not a pattern.

use crate::model::{Flag, FlagCode, FlagDetail, FlagSeverity, Lang};

use super::{Say, Text, join_ids, percent_down};
use crate::analyze::Context;

/// Runs after the requirement-level rules: it counts their F01 flags.
pub(super) fn check(ctx: &Context, out: &mut Vec<Flag>) {
    let sole: Vec<&Flag> = out.iter().filter(|f| f.code == FlagCode::F01).collect();
    let total = sole.len();
    if total == 0 || total < ctx.settings.f10_min_flags {
        return;
    }
    let mut raised = Vec::new();
    for result in &ctx.scored.results {
        let requirements: Vec<_> = sole
            .iter()
            .filter(|f| f.vendors.first() == Some(&result.vendor))
            .filter_map(|f| f.requirement)
            .collect();
        let count = requirements.len();
        if count == 0 || (count as f64) < ctx.settings.f10_share * total as f64 {
            continue;
        }
        raised.push(Flag {
            code: FlagCode::F10,
            severity: FlagSeverity::High,
            requirement: None,
            vendors: vec![result.vendor],
            detail: FlagDetail::Concentration {
                count,
                total,
                requirements,
            },
        });
    }
    out.extend(raised);
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let lang = say.lang;
    let vendor = say.vendor(flag.vendors[0]);
    let FlagDetail::Concentration {
        count,
        total,
        requirements,
    } = &flag.detail
    else {
        unreachable!("F10 carries the requirements it counts")
    };
    let (count, total) = (*count, *total);
    let percent = percent_down(count as f64 / total as f64);
    let ids = join_ids(lang, &say.ids(requirements));
    let message = match lang {
        Lang::Ja => format!(
            "1 社しか対応できない要件（F01）{total} 件のうち {count} 件（{percent}%）で、対応できるのは {vendor} です（{ids}）。"
        ),
        Lang::En => format!(
            "{vendor} is the only capable vendor in {count} of the {total} sole-capable requirements (F01), {percent}% ({ids})."
        ),
    };
    let recommendation = lang.pick(
        "仕様が特定のベンダー（現行ベンダーなど）を前提に書かれているおそれがあります（ベンダーによる囲い込み）。該当する要件を目的に沿って書き直し、他のベンダーの意見を聴いたうえで、必須・配点を見直してください。",
        "The specification may be written around one vendor, such as the incumbent (vendor lock-in). Rewrite these requirements around their purpose, seek other vendors' views, and review their priority and weight.",
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

    /// Four requirements only one vendor meets: A社 three times, B社 once.
    fn case() -> Case {
        Case::new()
            .req("JR-101", D, 2.0)
            .req("JR-102", D, 2.0)
            .req("JR-103", D, 2.0)
            .req("JR-104", D, 2.0)
            .req("JR-105", D, 2.0)
            .vendor("A社", "◎◎○×◎")
            .vendor("B社", "×△×◎◎")
            .vendor("C社", "×××△◎")
    }

    #[test]
    fn one_vendor_holds_most_sole_capable_requirements() {
        let a = case().run();
        assert_eq!(flags_of(&a, FlagCode::F01).len(), 4);
        let f10 = flags_of(&a, FlagCode::F10);
        assert_eq!(f10.len(), 1);
        assert_eq!(f10[0].severity, FlagSeverity::High);
        assert_eq!(f10[0].requirement, None);
        assert_eq!(names(&f10[0].vendors), vec!["A社"]);
        assert_eq!(
            f10[0].message,
            "1 社しか対応できない要件（F01）4 件のうち 3 件（75%）で、対応できるのは A社 です（JR-101、JR-102、JR-103）。"
        );
        assert_eq!(a.flags.last().unwrap().code, FlagCode::F10);
        let en = case().run_in(Lang::En);
        let f = &flags_of(&en, FlagCode::F10)[0];
        assert_eq!(
            f.message,
            "A社 is the only capable vendor in 3 of the 4 sole-capable requirements (F01), 75% (JR-101, JR-102, JR-103)."
        );
        assert_eq!(
            f.recommendation,
            "The specification may be written around one vendor, such as the incumbent (vendor lock-in). Rewrite these requirements around their purpose, seek other vendors' views, and review their priority and weight."
        );
    }

    #[test]
    fn needs_the_minimum_number_of_flags() {
        let a = case().with(|s| s.f10_min_flags = 5).run();
        assert!(flags_of(&a, FlagCode::F10).is_empty());
        let three = Case::new()
            .req("JR-101", D, 2.0)
            .req("JR-102", D, 2.0)
            .req("JR-103", D, 2.0)
            .vendor("A社", "◎◎◎")
            .vendor("B社", "×××")
            .run();
        assert_eq!(flags_of(&three, FlagCode::F10).len(), 1);
        let two = Case::new()
            .req("JR-101", D, 2.0)
            .req("JR-102", D, 2.0)
            .vendor("A社", "◎◎")
            .vendor("B社", "××")
            .run();
        assert!(flags_of(&two, FlagCode::F10).is_empty());
    }

    #[test]
    fn needs_the_share() {
        // A社 holds 3 of 4: below a share of 0.8.
        let a = case().with(|s| s.f10_share = 0.8).run();
        assert!(flags_of(&a, FlagCode::F10).is_empty());
        // Exactly half counts, for each vendor that holds it.
        let half = Case::new()
            .req("JR-101", D, 2.0)
            .req("JR-102", D, 2.0)
            .req("JR-103", D, 2.0)
            .req("JR-104", D, 2.0)
            .vendor("A社", "◎◎××")
            .vendor("B社", "××◎◎")
            .run();
        let f10 = flags_of(&half, FlagCode::F10);
        let vendors: Vec<&str> = f10.iter().map(|f| f.vendors[0].as_str()).collect();
        assert_eq!(vendors, vec!["A社", "B社"]);
    }
}
