//! F06 low_competition: fewer compliant vendors than `min_competitors`.
//!
//! Why: without competition the consortium loses its main source of savings.
//! The flag carries the relief set: the fewest mandatory requirements whose
//! relaxation would let enough vendors compete (searched exactly in
//! `competition`), and the vendors compliant once they are relaxed.
//! Exclusion: with fewer vendors than `min_competitors` no relaxation helps;
//! the relief and the vendors are then empty.

use crate::model::{Flag, FlagCode, FlagDetail, FlagSeverity, Lang, ReqIx};

use super::{Say, Text, count_en, join, join_ids};
use crate::analyze::Context;

pub(super) fn check(ctx: &Context, out: &mut Vec<Flag>) {
    let min = ctx.settings.min_competitors;
    let compliant = ctx.scored.compliant_count();
    if compliant >= min {
        return;
    }
    // No relief exactly when fewer vendors than `min` take part.
    let vendors = ctx.relief.map_or_else(Vec::new, |relief| {
        (relief.vendors.iter())
            .map(|&p| ctx.scored.results[p].vendor)
            .collect()
    });
    out.push(Flag {
        code: FlagCode::F06,
        severity: FlagSeverity::High,
        requirement: None,
        vendors,
        detail: FlagDetail::LowCompetition {
            compliant,
            min,
            relief: ctx.relief.map(|r| r.requirements.clone()),
        },
    });
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let FlagDetail::LowCompetition {
        compliant,
        min,
        relief,
    } = &flag.detail
    else {
        unreachable!("F06 carries the competition it found")
    };
    match relief {
        None => too_few_vendors(say.lang, say.analysis.vendors.len(), *min),
        Some(relief) => relief_text(say, *compliant, *min, relief, &say.vendors(&flag.vendors)),
    }
}

/// Fewer vendors than `min` take part: only more vendors can help.
fn too_few_vendors(lang: Lang, total: usize, min: usize) -> Text {
    let message = match lang {
        Lang::Ja => {
            format!("評価対象のベンダーは {total} 社で、競争に必要な {min} 社に届きません。")
        }
        Lang::En => format!(
            "{} evaluated, fewer than the {min} competition needs.",
            match total {
                1 => "Only 1 vendor was".to_string(),
                n => format!("Only {n} vendors were"),
            }
        ),
    };
    let recommendation = lang.pick(
        "要件を緩和しても競争は成立しません。情報提供依頼（RFI）の対象を広げる、公告期間を延ばすなど、参加するベンダーを増やす方策を検討してください。",
        "No relaxation can restore competition. Widen the request for information (RFI), lengthen the notice period, or otherwise bring more vendors in.",
    );
    Text {
        message,
        recommendation: recommendation.to_string(),
    }
}

/// Enough vendors take part: the relief set would let `min` of them compete.
fn relief_text(
    say: &Say,
    compliant: usize,
    min: usize,
    relief: &[ReqIx],
    vendors: &[String],
) -> Text {
    let lang = say.lang;
    let relief = say.ids(relief);
    let count = vendors.len();
    let message = match lang {
        Lang::Ja => format!(
            "必須要件をすべて満たすベンダーは {compliant} 社で、競争に必要な {min} 社を下回っています。必須要件 {} を緩和すれば {} の {count} 社が適合します。",
            join_ids(lang, &relief),
            join(lang, vendors)
        ),
        Lang::En => format!(
            "{} every mandatory requirement, fewer than the {min} competition needs. Relaxing {} ({}) would make {count} vendors compliant: {}.",
            match compliant {
                1 => "1 vendor meets".to_string(),
                n => format!("{n} vendors meet"),
            },
            count_en(relief.len(), "mandatory requirement"),
            join_ids(lang, &relief),
            join(lang, vendors)
        ),
    };
    let recommendation = lang.pick(
        "緩和候補の必須要件について必須とする理由を確認し、推奨への降格か、目的に沿った書き直しを検討してください。",
        "Review why the relief requirements are mandatory, and consider demoting them to desirable or rewriting them around their purpose.",
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
    fn too_few_compliant_vendors() {
        let case = Case::new()
            .req("JR-060", M, 3.0)
            .req("JR-061", M, 3.0)
            .vendor("A社", "◎◎")
            .vendor("B社", "◎×")
            .vendor("C社", "×◎")
            .with(|s| s.min_competitors = 3);
        let a = case.run();
        let f06 = flags_of(&a, FlagCode::F06);
        assert_eq!(f06.len(), 1);
        let f = f06[0];
        assert_eq!(f.severity, FlagSeverity::High);
        assert_eq!(f.requirement, None);
        assert_eq!(a.analysis.flags.last().unwrap().requirement, None);
        assert_eq!(
            f.relief,
            Some(vec!["JR-060".to_string(), "JR-061".to_string()])
        );
        assert_eq!(names(&f.vendors), vec!["A社", "B社", "C社"]);
        assert_eq!(
            f.message,
            "必須要件をすべて満たすベンダーは 1 社で、競争に必要な 3 社を下回っています。必須要件 JR-060、JR-061 を緩和すれば A社、B社、C社 の 3 社が適合します。"
        );
        let en = case.run_in(Lang::En);
        assert_eq!(
            flags_of(&en, FlagCode::F06)[0].message,
            "1 vendor meets every mandatory requirement, fewer than the 3 competition needs. Relaxing 2 mandatory requirements (JR-060, JR-061) would make 3 vendors compliant: A社, B社, C社."
        );
    }

    #[test]
    fn fewer_vendors_than_needed_leaves_relief_empty() {
        let a = Case::new()
            .req("JR-060", M, 3.0)
            .vendor("A社", "×")
            .run_in(Lang::En);
        let f = &flags_of(&a, FlagCode::F06)[0];
        assert_eq!(f.relief, Some(vec![]));
        assert!(f.vendors.is_empty());
        assert_eq!(
            f.message,
            "Only 1 vendor was evaluated, fewer than the 2 competition needs."
        );
        assert!(a.competition.relief.is_empty());
    }

    #[test]
    fn not_raised_with_enough_compliant_vendors() {
        let a = Case::new()
            .req("JR-060", M, 3.0)
            .vendor("A社", "◎")
            .vendor("B社", "△")
            .vendor("C社", "×")
            .run();
        assert!(flags_of(&a, FlagCode::F06).is_empty());
        let alone = Case::new()
            .req("JR-060", M, 3.0)
            .vendor("A社", "◎")
            .with(|s| s.min_competitors = 1)
            .run();
        assert!(flags_of(&alone, FlagCode::F06).is_empty());
    }
}
