//! Analysis (SPEC §4–§6): scores, knockouts and ranks, the fairness flags, the
//! robustness of the ranking and the customization tally.
//!
//! Everything here is a pure function of [`Inputs`] and [`Settings`], so each
//! rule is tested on inputs built in code. The work is linear in requirements ×
//! vendors: a consortium matrix can hold 200,000 requirements, and nothing may
//! compare requirements with each other.

mod competition;
mod customization;
mod flags;
mod score;
mod sensitivity;
mod similarity;

#[cfg(test)]
mod fixture;

use crate::model::{
    Analysis, Answer, Competition, Cost, Inputs, Lang, Level, VendorResponse, VendorResult,
};
use crate::normalize::Legend;
use crate::settings::Settings;

use score::Scored;

/// The relief sets §5.1 reports: how many compliant vendors each one reaches.
const RELIEF_TARGETS: [usize; 3] = [2, 3, 4];

/// Everything §4–§6 derives from the inputs. `inputs.vendors` are the readable vendors; their
/// `answers[i]` align with `inputs.requirements[i]`.
pub fn analyze(inputs: &Inputs, settings: &Settings, lang: Lang) -> Analysis {
    let legend = Legend::new(&settings.legend);
    let scored = score::score(inputs, &legend);
    let min_competitors = settings.min_competitors;
    let relief = competition::relief(inputs, &scored, min_competitors);
    let ctx = Context {
        inputs,
        settings,
        lang,
        scored: &scored,
        relief: relief.as_ref(),
    };
    let flags = flags::raise(&ctx);
    let competition = Competition {
        compliant_vendors: scored.compliant_count(),
        min_competitors,
        relief: relief
            .as_ref()
            .map(|r| competition::ids(inputs, &r.requirements))
            .unwrap_or_default(),
    };
    let relief_sets = RELIEF_TARGETS
        .iter()
        .map(|&k| {
            let set = if k == min_competitors {
                relief.as_ref().map(|r| r.requirements.clone())
            } else {
                competition::relief(inputs, &scored, k).map(|r| r.requirements)
            };
            (k, set.map(|s| competition::ids(inputs, &s)))
        })
        .collect();
    Analysis {
        flags,
        competition,
        customization: customization::tally(inputs, &scored, settings),
        sensitivity: sensitivity::sensitivity(inputs, &scored),
        knockout_whatifs: competition::knockout_whatifs(inputs, &scored),
        relief_sets,
        vendors: scored.results,
    }
}

/// What every rule may look at: the inputs, the settings and the scored vendors.
pub(crate) struct Context<'a> {
    pub inputs: &'a Inputs,
    pub settings: &'a Settings,
    pub lang: Lang,
    pub scored: &'a Scored,
    /// The F06 relief for `min_competitors`; `None` when there are fewer vendors.
    pub relief: Option<&'a competition::Relief>,
}

impl<'a> Context<'a> {
    /// Each vendor's answer to requirement `i`, in the §8.2 vendor order.
    pub fn answers(
        &self,
        i: usize,
    ) -> impl Iterator<Item = (&'a VendorResult, &'a Answer)> + use<'a> {
        let inputs = self.inputs;
        self.scored
            .results
            .iter()
            .map(move |r| (r, answer(&inputs.vendors[r.vendor], i)))
    }
}

/// The answer standing in for a row a response does not have.
static NO_ANSWER: Answer = Answer {
    code: String::new(),
    level: Level::Missing,
    cost: Cost::NotStated,
    remarks: String::new(),
    text: None,
    sheet: None,
    cell: None,
};

/// A vendor's answer to requirement `i`. Readers align every response with the
/// matrix; a short `answers` still reads as missing rather than panicking.
pub(crate) fn answer(vendor: &VendorResponse, i: usize) -> &Answer {
    vendor.answers.get(i).unwrap_or(&NO_ANSWER)
}

#[cfg(test)]
mod tests {
    use super::fixture::*;
    use crate::model::{FlagCode, FlagSeverity, Lang};

    /// Flags come by requirement in matrix order, then code; procurement-wide last.
    #[test]
    fn flags_are_sorted_by_requirement_then_code() {
        let a = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", D, 2.0)
            .text("ベンダーB社のパッケージと同じ帳票を出力できること")
            .req("JR-003", M, 3.0)
            .vendor("A社", "◎××")
            .vendor("B社", "×◎×")
            .vendor("C社", "××△")
            .run();
        let got: Vec<(Option<&str>, FlagCode)> = a
            .flags
            .iter()
            .map(|f| (f.requirement.as_deref(), f.code))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("JR-001"), FlagCode::F01),
                (Some("JR-001"), FlagCode::F05),
                (Some("JR-002"), FlagCode::F01),
                (Some("JR-002"), FlagCode::F07),
                (Some("JR-003"), FlagCode::F03),
                (Some("JR-003"), FlagCode::F05),
                (None, FlagCode::F06),
            ]
        );
        for f in &a.flags {
            assert_eq!(f.name, f.code.name());
            let index = f.requirement_index;
            assert_eq!(index.is_some(), f.requirement.is_some());
            if let Some(i) = index {
                assert_eq!(f.requirement.as_deref(), Some(a_id(i)));
            }
        }
        fn a_id(i: usize) -> &'static str {
            ["JR-001", "JR-002", "JR-003"][i]
        }
    }

    #[test]
    fn competition_and_relief_sets_are_reported() {
        let a = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", M, 3.0)
            .vendor("A社", "◎◎")
            .vendor("B社", "×◎")
            .vendor("C社", "××")
            .run();
        assert_eq!(a.competition.compliant_vendors, 1);
        assert_eq!(a.competition.min_competitors, 2);
        assert_eq!(a.competition.relief, vec!["JR-001".to_string()]);
        assert_eq!(
            a.relief_sets,
            vec![
                (2, Some(vec!["JR-001".to_string()])),
                (3, Some(vec!["JR-001".to_string(), "JR-002".to_string()])),
                (4, None),
            ]
        );
        let f06 = flags_of(&a, FlagCode::F06);
        assert_eq!(f06[0].relief.as_deref(), Some(&["JR-001".to_string()][..]));
        assert_eq!(f06[0].severity, FlagSeverity::High);
    }

    #[test]
    fn messages_follow_the_language() {
        let case = Case::new()
            .req("JR-010", M, 3.0)
            .vendor("A社", "◎")
            .vendor("B社", "×")
            .vendor("C社", "×")
            .vendor("D社", "△");
        let ja = case.run();
        let en = case.run_in(Lang::En);
        let f01_ja = &flags_of(&ja, FlagCode::F01)[0];
        let f01_en = &flags_of(&en, FlagCode::F01)[0];
        assert!(
            f01_ja.message.contains("満たせるのは A社 のみ"),
            "{}",
            f01_ja.message
        );
        assert!(
            f01_en.message.starts_with("Only A社 can meet"),
            "{}",
            f01_en.message
        );
        assert_ne!(f01_ja.recommendation, f01_en.recommendation);
    }
}
