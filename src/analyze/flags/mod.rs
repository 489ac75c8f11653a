//! §5 fairness flags, one file per code.
//!
//! Each file holds the whole story of its flag: its rule (`check`), which
//! finds it and records its facts as a [`Flag`] — ids, numbers, no text — and
//! its words (`words`), which the writers call to say it in the run's
//! language under the names a roster chose; then the fixtures that cause it
//! and each of its exclusions. The requirement-level rules (F01–F05,
//! F07–F09) look at one requirement at a time, in one pass over the matrix;
//! the procurement-wide rules (F06, F10) run once at the end. A message says
//! what was found, naming vendors and numbers; a recommendation says what the
//! committee or secretariat should do.

mod f01;
mod f02;
mod f03;
mod f04;
mod f05;
mod f06;
mod f07;
mod f08;
mod f09;
mod f10;
pub(crate) mod f11;
pub(crate) mod f12;
pub(crate) mod f13;

pub(crate) use f07::BrandTerms;
mod f14;
mod f15;
mod f16;

use crate::model::{
    Analysis, CommitteeDetail, CommitteeInputs, CommitteeResult, EvaluatorId, Flag, FlagCode,
    FlagDetail, FlagSeverity, ItemIx, Lang, Level, LevelCounts, ReqIx, Requirement, VendorId,
};
use crate::settings::CommitteeSettings;

use serde::Serialize;

use super::Context;
use super::similarity::text_key;

/// One requirement as the requirement-level rules see it.
pub(crate) struct RequirementView<'a> {
    pub index: usize,
    pub requirement: &'a Requirement,
    /// How many vendors answered each level.
    pub levels: LevelCounts,
    /// The requirement text's compare key, shared by F07 and F09.
    pub text_key: String,
}

impl RequirementView<'_> {
    /// A flag on this requirement.
    pub fn flag(
        &self,
        code: FlagCode,
        severity: FlagSeverity,
        vendors: Vec<VendorId>,
        detail: FlagDetail,
    ) -> Flag {
        Flag {
            code,
            severity,
            requirement: Some(ReqIx::new(self.index)),
            vendors,
            detail,
        }
    }
}

/// A flag's message and recommendation, in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub message: String,
    pub recommendation: String,
}

/// What the words of a flag may look at: the requirements (their IDs and
/// priorities), the analysis (counts, ranks) and the vendors' names as the
/// roster shows them, in one language.
pub struct Say<'a> {
    pub lang: Lang,
    pub requirements: &'a [Requirement],
    pub analysis: &'a Analysis,
    /// `vendors[v]` is how vendor `v` is named (`VendorId::index`).
    pub vendors: &'a [String],
    /// The committee's items and evaluators (§13), when scored.
    pub committee: Option<&'a CommitteeInputs>,
}

impl<'a> Say<'a> {
    /// The name of a vendor as shown.
    pub fn vendor(&self, v: VendorId) -> &'a str {
        &self.vendors[v.index()]
    }

    /// The names of some vendors as shown, in order.
    pub fn vendors(&self, vendors: &[VendorId]) -> Vec<String> {
        vendors
            .iter()
            .map(|&v| self.vendor(v).to_string())
            .collect()
    }

    /// The ID of a requirement.
    pub fn id(&self, r: ReqIx) -> &'a str {
        &self.requirements[r.index()].id
    }

    /// The IDs of some requirements, in order.
    pub fn ids(&self, requirements: &[ReqIx]) -> Vec<String> {
        requirements
            .iter()
            .map(|&r| self.id(r).to_string())
            .collect()
    }

    /// With the committee's items and evaluators, for F14–F16.
    pub fn with_committee(self, committee: Option<&'a CommitteeInputs>) -> Say<'a> {
        Say { committee, ..self }
    }

    fn committee(&self) -> &'a CommitteeInputs {
        self.committee
            .expect("a committee flag is worded with the committee's inputs")
    }

    /// An evaluation item as sentences name it: its ID and text.
    pub fn item(&self, i: ItemIx) -> String {
        let c = self.committee().criterion(i);
        match self.lang {
            _ if c.id.is_empty() => format!("「{}」", c.item),
            Lang::Ja => format!("{}「{}」", c.id, c.item),
            Lang::En => format!("{} \"{}\"", c.id, c.item),
        }
    }

    /// An evaluator's name.
    pub fn evaluator(&self, e: EvaluatorId) -> &'a str {
        self.committee().evaluator(e)
    }

    /// The requirement a requirement-level flag is raised on.
    fn requirement(&self, flag: &Flag) -> (&'a Requirement, LevelCounts) {
        let r = flag
            .requirement
            .expect("a requirement-level flag names its requirement");
        (
            &self.requirements[r.index()],
            self.analysis.requirement_levels[r.index()],
        )
    }
}

/// A flag as the §8.2 JSON and the tests show it: named and worded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WordedFlag {
    pub code: FlagCode,
    pub name: &'static str,
    pub severity: FlagSeverity,
    /// The requirement's ID; `None` for procurement-wide flags (F06, F10).
    pub requirement: Option<String>,
    pub vendors: Vec<String>,
    pub message: String,
    pub recommendation: String,
    /// F09: 1 − Levenshtein distance / length of the longer text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// F06: the relief set's requirement IDs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relief: Option<Vec<String>>,
    /// F07: the first term found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// F14: the item's ID (its text when the criteria have no ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// F15, F16: the evaluator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluator: Option<String>,
    /// F15: B(e, v).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bias: Option<f64>,
}

/// A flag named and worded.
pub fn worded(flag: &Flag, say: &Say) -> WordedFlag {
    let Text {
        message,
        recommendation,
    } = words(flag, say);
    WordedFlag {
        code: flag.code,
        name: flag.code.name(),
        severity: flag.severity,
        requirement: flag.requirement.map(|r| say.id(r).to_string()),
        vendors: say.vendors(&flag.vendors),
        message,
        recommendation,
        similarity: flag.similarity(),
        relief: flag.relief().map(|r| say.ids(r)),
        term: flag.brand().map(|t| f07::term_words(t, say).to_string()),
        item: match &flag.detail {
            FlagDetail::Committee(CommitteeDetail::Spread { item, .. }) => {
                Some(say.committee().criterion(*item).label().to_string())
            }
            _ => None,
        },
        evaluator: match &flag.detail {
            FlagDetail::Committee(
                CommitteeDetail::Bias { evaluator, .. } | CommitteeDetail::Decisive { evaluator },
            ) => Some(say.evaluator(*evaluator).to_string()),
            _ => None,
        },
        bias: match &flag.detail {
            FlagDetail::Committee(CommitteeDetail::Bias { bias, .. }) => Some(*bias),
            _ => None,
        },
    }
}

/// A flag in words: its own file's `words`.
pub fn words(flag: &Flag, say: &Say) -> Text {
    match flag.code {
        FlagCode::F01 => f01::words(flag, say),
        FlagCode::F02 => f02::words(flag, say),
        FlagCode::F03 => f03::words(flag, say),
        FlagCode::F04 => f04::words(flag, say),
        FlagCode::F05 => f05::words(flag, say),
        FlagCode::F06 => f06::words(flag, say),
        FlagCode::F07 => f07::words(flag, say),
        FlagCode::F08 => f08::words(flag, say),
        FlagCode::F09 => f09::words(flag, say),
        FlagCode::F10 => f10::words(flag, say),
        FlagCode::F11 => f11::words(flag, say),
        FlagCode::F12 => f12::words(flag, say),
        FlagCode::F13 => f13::words(flag, say),
        FlagCode::F14 => f14::words(flag, say),
        FlagCode::F15 => f15::words(flag, say),
        FlagCode::F16 => f16::words(flag, say),
    }
}

/// The committee's flags (§13), F14 by item then vendor, F15 by evaluator
/// then vendor, F16 by evaluator.
pub(crate) fn raise_committee(
    committee: &CommitteeInputs,
    result: &CommitteeResult,
    settings: &CommitteeSettings,
    out: &mut Vec<Flag>,
) {
    f14::check(committee, result, settings, out);
    f15::check(result, settings, out);
    f16::check(result, out);
}

/// Every flag of the inputs, by requirement in matrix order (procurement-wide
/// last), then by code.
pub(crate) fn raise(ctx: &Context) -> Vec<Flag> {
    let count = ctx.inputs.requirements.len();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Small matrices are not worth a thread.
    let runs = cores.min(count / 1_000).max(1);
    let mut flags = requirement_flags(ctx, runs);
    f06::check(ctx, &mut flags);
    f10::check(ctx, &mut flags);
    // Already in order; the stable sort keeps vendor order within a code.
    flags.sort_by_key(|f| (f.requirement.map_or(usize::MAX, ReqIx::index), f.code));
    flags
}

/// The award's flags (SPEC §12), after every other: by code, then in the
/// §8.2 vendor order `order`.
pub(crate) fn raise_award(
    award: &crate::model::Award,
    s: &crate::settings::AwardSettings,
    order: &[VendorId],
    out: &mut Vec<Flag>,
) {
    f11::check(award, s, order, out);
    f12::check(award, s, order, out);
    f13::check(award, s, out);
}

/// The requirement-level flags, in matrix order.
///
/// Each requirement's rules look at that requirement alone, so the matrix is
/// cut into `runs` consecutive runs, checked on threads of their own, and the
/// runs' flags are joined in order: any number of runs gives the same flags.
fn requirement_flags(ctx: &Context, runs: usize) -> Vec<Flag> {
    let brands = f07::BrandTerms::new(ctx);
    let pivot = f08::Pivot::new(ctx);
    let count = ctx.inputs.requirements.len();
    let run_of = |k: usize| (k * count / runs)..((k + 1) * count / runs);
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..runs)
            .map(|k| {
                let (brands, pivot) = (&brands, &pivot);
                scope.spawn(move || run_flags(ctx, brands, pivot.as_ref(), run_of(k)))
            })
            .collect();
        let mut flags = run_flags(ctx, &brands, pivot.as_ref(), run_of(0));
        for other in others {
            match other.join() {
                Ok(more) => flags.extend(more),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        flags
    })
}

/// The requirement-level flags of the requirements in `range`, in order.
fn run_flags(
    ctx: &Context,
    brands: &f07::BrandTerms,
    pivot: Option<&f08::Pivot>,
    range: std::ops::Range<usize>,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    for index in range {
        let requirement = &ctx.inputs.requirements[index];
        let row = RequirementView {
            index,
            requirement,
            levels: ctx.scored.requirement_levels[index],
            text_key: text_key(&requirement.text),
        };
        f01::check(ctx, &row, &mut flags);
        f02::check(ctx, &row, &mut flags);
        f03::check(ctx, &row, &mut flags);
        f04::check(ctx, &row, &mut flags);
        f05::check(ctx, &row, &mut flags);
        brands.check(&row, &mut flags);
        if let Some(pivot) = pivot {
            pivot.check(ctx, &row, &mut flags);
        }
        f09::check(ctx, &row, &mut flags);
    }
    flags
}

/// The label of a level in messages.
pub(crate) fn level_label(lang: Lang, level: Level) -> &'static str {
    match level {
        Level::Standard => lang.pick("標準機能", "standard"),
        Level::Alternative => lang.pick("代替・運用", "alternative"),
        Level::Customization => lang.pick("カスタマイズ", "customization"),
        Level::Unsupported => lang.pick("対応不可", "unsupported"),
        Level::Missing => lang.pick("未回答", "missing"),
        Level::Invalid => lang.pick("無効な回答", "invalid"),
    }
}

/// Counts of some levels, most frequent first: `対応不可 2 社・カスタマイズ 1 社`.
pub(crate) fn level_breakdown(lang: Lang, levels: &LevelCounts, which: &[Level]) -> String {
    let mut present: Vec<(Level, usize)> = which
        .iter()
        .map(|&l| (l, levels.get(l)))
        .filter(|&(_, n)| n > 0)
        .collect();
    present.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    let parts: Vec<String> = present
        .into_iter()
        .map(|(l, n)| match lang {
            Lang::Ja => format!("{} {n} 社", level_label(lang, l)),
            Lang::En => format!("{n} {}", level_label(lang, l)),
        })
        .collect();
    parts.join(lang.pick("・", ", "))
}

/// Names joined for a sentence: `A社、B社` / `A社, B社`.
pub(crate) fn join<S: AsRef<str>>(lang: Lang, names: &[S]) -> String {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    names.join(lang.pick("、", ", "))
}

/// Requirement IDs for a sentence, at most ten, then how many more.
pub(crate) fn join_ids(lang: Lang, ids: &[String]) -> String {
    const SHOWN: usize = 10;
    let shown = join(lang, &ids[..ids.len().min(SHOWN)]);
    match ids.len().saturating_sub(SHOWN) {
        0 => shown,
        more => match lang {
            Lang::Ja => format!("{shown} ほか {more} 件"),
            Lang::En => format!("{shown} and {more} more"),
        },
    }
}

/// An English count with its noun: `1 vendor`, `3 vendors`.
pub(crate) fn count_en(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Points as a committee reads them: `4`, `3.5`, `2.13`.
pub(crate) fn points(x: f64) -> String {
    let text = format!("{x:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// A share as a percentage rounded down to one decimal, so that 89.96 % never
/// reads as 90 % next to a threshold of 90 %.
pub(crate) fn percent_down(share: f64) -> String {
    let tenths = (share * 1000.0 + 1e-9).floor() / 10.0;
    points(tenths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::fixture::*;
    use crate::analyze::{competition, score};
    use crate::normalize::Legend;

    /// Requirement-level flags of every code, spread over the matrix.
    fn spread() -> Case {
        Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", D, 2.0)
            .text("B社の現行システムと同じ画面構成であること")
            .req("JR-003", M, 3.0)
            .req("JR-004", D, 2.0)
            .req("JR-005", O, 1.0)
            .req("JR-006", D, 2.0)
            .req("JR-007", D, 2.0)
            .vendor("A社", "◎◎△◎××◎")
            .vendor("B社", "◎○△○×◎○")
            .vendor("C社", "×○△○_×◎")
            .copy("C社", "JR-007", "JR-007 の証明書を交付できること")
    }

    #[test]
    fn any_number_of_runs_gives_the_same_flags() {
        let case = spread();
        let scored = score::score(&case.inputs, &Legend::new(&case.settings.legend));
        let relief = competition::relief(&case.inputs, &scored, case.settings.min_competitors);
        let ctx = Context {
            inputs: &case.inputs,
            settings: &case.settings,
            scored: &scored,
            relief: relief.as_ref(),
        };
        let one = requirement_flags(&ctx, 1);
        let got: Vec<(usize, FlagCode)> = one
            .iter()
            .map(|f| (f.requirement.unwrap().index(), f.code))
            .collect();
        use FlagCode::*;
        assert_eq!(
            got,
            vec![
                (0, F05),
                (1, F02),
                (1, F07),
                (2, F03),
                (3, F02),
                (4, F04),
                (5, F01),
                (5, F08),
                (6, F09),
            ]
        );
        // Runs of 2, 2 and 3 requirements; then one run per requirement.
        assert_eq!(requirement_flags(&ctx, 3), one);
        assert_eq!(requirement_flags(&ctx, 7), one);
    }

    #[test]
    fn number_formats() {
        assert_eq!(points(4.0), "4");
        assert_eq!(points(3.5), "3.5");
        assert_eq!(points(2.1300000001), "2.13");
        assert_eq!(points(-0.0001), "0");
        assert_eq!(percent_down(0.8996), "89.9");
        assert_eq!(percent_down(0.9), "90");
        assert_eq!(percent_down(2.0 / 3.0), "66.6");
    }

    #[test]
    fn breakdown_most_frequent_first() {
        let mut levels = LevelCounts::default();
        levels.add(Level::Customization);
        levels.add(Level::Unsupported);
        levels.add(Level::Unsupported);
        let which = [Level::Customization, Level::Unsupported, Level::Missing];
        assert_eq!(
            level_breakdown(Lang::Ja, &levels, &which),
            "対応不可 2 社・カスタマイズ 1 社"
        );
        assert_eq!(
            level_breakdown(Lang::En, &levels, &which),
            "2 unsupported, 1 customization"
        );
    }

    #[test]
    fn english_counts() {
        assert_eq!(count_en(1, "vendor"), "1 vendor");
        assert_eq!(count_en(0, "vendor"), "0 vendors");
        assert_eq!(count_en(3, "requirement"), "3 requirements");
    }

    #[test]
    fn long_id_lists_are_cut() {
        let ids: Vec<String> = (1..=12).map(|i| format!("R-{i}")).collect();
        assert!(join_ids(Lang::Ja, &ids).ends_with("R-10 ほか 2 件"));
        assert_eq!(join_ids(Lang::En, &ids[..2]), "R-1, R-2");
    }
}
