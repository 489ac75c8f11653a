//! Analysis (SPEC §4–§6): scores, knockouts and ranks, the fairness flags, the
//! robustness of the ranking and the customization tally.
//!
//! Everything here is a pure function of [`Inputs`] and [`Settings`], so each
//! rule is tested on inputs built in code. The work is linear in requirements ×
//! vendors: a consortium matrix can hold 200,000 requirements, and nothing may
//! compare requirements with each other.

pub mod award;
mod committee;
mod competition;
mod customization;
pub mod decisions;
pub mod flags;
pub mod naming;
pub mod plan;
mod score;
mod sensitivity;
pub mod share;
mod similarity;

#[cfg(test)]
mod fixture;

use crate::model::{Analysis, Answer, Competition, Inputs, VendorResponse, VendorResult};
use crate::normalize::Legend;
use crate::settings::Settings;
pub use committee::{Winner, aggregate, ranking_winner};

use score::Scored;

/// The relief sets §5.1 reports: how many compliant vendors each one reaches.
const RELIEF_TARGETS: [usize; 3] = [2, 3, 4];

/// Everything §4–§6 derives from the inputs. `inputs.vendors` are the readable vendors; their
/// `answers[i]` align with `inputs.requirements[i]`.
///
/// The result names nothing and says nothing: vendors, requirements and
/// member towns are ids, flags are codes with their facts. Writers word it,
/// in the run's language and under the names a roster chooses.
pub fn analyze(inputs: &Inputs, settings: &Settings) -> Analysis {
    let legend = Legend::new(&settings.legend);
    let scored = score::score(inputs, &legend);
    let min_competitors = settings.min_competitors;
    let relief = competition::relief(inputs, &scored, min_competitors);
    let ctx = Context {
        inputs,
        settings,
        scored: &scored,
        relief: relief.as_ref(),
    };
    let mut flags = flags::raise(&ctx);
    let (committee, award) = committee_and_award(inputs, settings, &scored, &mut flags);
    let competition = Competition {
        compliant_vendors: scored.compliant_count(),
        min_competitors,
        relief: relief
            .as_ref()
            .map(|r| r.requirements.clone())
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
            (k, set)
        })
        .collect();
    let customization = customization::tally(&ctx);
    let recommendations = plan::recommendations(
        &inputs.requirements,
        &flags,
        &competition.relief,
        &customization,
    );
    Analysis {
        flags,
        competition,
        customization,
        recommendations,
        sensitivity: sensitivity::sensitivity(inputs, &scored),
        knockout_whatifs: competition::knockout_whatifs(&scored),
        relief_sets,
        award,
        decisions: decisions::results(inputs, &legend, &scored),
        legend_whatifs: decisions::legend_whatifs(inputs, &legend, &scored),
        vendors: scored.results,
        requirement_levels: scored.requirement_levels,
        committee,
    }
}

/// What every rule may look at: the inputs, the settings and the scored vendors.
pub(crate) struct Context<'a> {
    pub inputs: &'a Inputs,
    pub settings: &'a Settings,
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
            .map(move |r| (r, answer(&inputs.vendors[r.vendor.index()], i)))
    }
}

/// A vendor's answer to requirement `i`. Readers align every response with
/// the matrix, a missing row included (`Level::Missing`).
///
/// # Panics
/// When the answers are not there: a reader left a response short, or the
/// evaluation workbook has already taken them for its Matrix. Either is a
/// bug, and reading it as a missing answer would hide it in the record.
pub(crate) fn answer(vendor: &VendorResponse, i: usize) -> &Answer {
    match vendor.answers.get(i) {
        Some(answer) => answer,
        None => panic!(
            "{}: no answer {i} of {} — answers are read whole, and only until the Matrix takes them",
            vendor.file,
            vendor.answers.len()
        ),
    }
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
        for (f, worded) in a.analysis.flags.iter().zip(&a.flags) {
            assert_eq!(worded.name, f.code.name());
            assert_eq!(
                worded.requirement.as_deref(),
                f.requirement.map(|r| a.id(r))
            );
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
        assert_eq!(a.ids(&a.competition.relief), vec!["JR-001"]);
        let sets: Vec<(usize, Option<Vec<&str>>)> = (a.relief_sets.iter())
            .map(|(k, set)| (*k, set.as_ref().map(|s| a.ids(s))))
            .collect();
        assert_eq!(
            sets,
            vec![
                (2, Some(vec!["JR-001"])),
                (3, Some(vec!["JR-001", "JR-002"])),
                (4, None),
            ]
        );
        let f06 = flags_of(&a, FlagCode::F06);
        assert_eq!(f06[0].relief.as_deref(), Some(&["JR-001".to_string()][..]));
        assert_eq!(f06[0].severity, FlagSeverity::High);
    }

    /// A writer or rule that asks for an answer that is not there is a bug:
    /// it fails loudly instead of reading the answer as missing.
    #[test]
    #[should_panic(expected = "no answer 0 of 0")]
    fn answers_taken_away_fail_loudly() {
        let mut case = Case::new().req("JR-001", M, 3.0).vendor("A社", "◎");
        case.inputs.vendors[0].answers.clear();
        case.run();
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

#[cfg(test)]
mod scale {
    use std::time::Instant;

    use super::fixture::*;
    use crate::model::{Cost, MemberRequests};

    /// A generated consortium: `n` requirements over 20 areas, 12 vendors
    /// copying the text verbatim (so, as read, without a copy), 40 member
    /// towns. Deterministic.
    fn consortium(n: usize) -> Case {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut case = Case::new();
        for i in 0..n {
            let priority = [M, D, D, O][(next() % 4) as usize];
            let area = format!("業務{:02}", i % 20);
            let category = format!("分類{:02} / 小分類{}", (i / 50) % 30, i % 7);
            case = case
                .req_in(&format!("R-{i:06}"), priority, 1.0 + (i % 3) as f64, &area, &category)
                .text(&format!(
                    "{area}の{category}について、住民からの申請を受け付け、証明書を即日交付できること（第{i}項）"
                ));
        }
        let codes = ['◎', '◎', '◎', '○', '○', '△', '×', '_'];
        for v in 0..12 {
            let answers: String = (0..n)
                .map(|i| {
                    let r = next() % 1000;
                    if case.inputs.requirements[i].priority == M && r < 990 {
                        '◎'
                    } else {
                        codes[(r % 8) as usize]
                    }
                })
                .collect();
            case = case.vendor(
                &format!(
                    "{}情報システム",
                    [
                        "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子", "丑"
                    ][v]
                ),
                &answers,
            );
        }
        for v in &mut case.inputs.vendors {
            for (i, a) in v.answers.iter_mut().enumerate() {
                if a.level == crate::model::Level::Customization && i % 3 == 0 {
                    a.cost = Cost::Yen(100_000.0 * (i % 17) as f64);
                }
            }
        }
        let members: Vec<String> = (0..40).map(|m| format!("町{m:02}")).collect();
        let by_requirement = (0..n)
            .map(|i| {
                if i % 25 == 0 {
                    vec![i % 40, (i / 25) % 40]
                } else {
                    Vec::new()
                }
            })
            .map(|mut v: Vec<usize>| {
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        case.inputs.requests = Some(MemberRequests {
            file: "要望.xlsx".into(),
            members,
            by_requirement,
        });
        case.with(|s| {
            s.brand_terms = vec!["ふじみクラウド住民記録".into(), "Fujimi Cloud".into()];
            s.min_competitors = 12;
        })
    }

    /// `cargo test --release --lib scale -- --ignored --nocapture`
    #[test]
    #[ignore = "timing; run in release"]
    fn time_grows_linearly_with_requirements() {
        let mut times = Vec::new();
        for n in [20_000, 200_000] {
            let case = consortium(n);
            let start = Instant::now();
            let a = case.run();
            let took = start.elapsed().as_secs_f64();
            println!(
                "n = {n}: {took:.3} s, {} flags, {} customization rows",
                a.flags.len(),
                a.customization.len()
            );
            times.push(took);
        }
        assert!(times[1] <= 12.0 * times[0].max(0.05), "{times:?}");
    }
}

/// The committee's result (§13) and the award (§12), with their flags
/// (F11–F16) added after the others, by code.
///
/// The committee score feeds the award's committee points, and F16 asks,
/// for each evaluator left out, who would then win: the award's first when
/// prices were given, else the committee's own first.
fn committee_and_award(
    inputs: &Inputs,
    settings: &Settings,
    scored: &score::Scored,
    flags: &mut Vec<crate::model::Flag>,
) -> (
    Option<crate::model::CommitteeResult>,
    Option<crate::model::Award>,
) {
    let max_score: f64 =
        (inputs.committee.as_ref()).map_or(0.0, |c| c.criteria.iter().map(|item| item.max).sum());
    let shares = |scores: &[f64]| -> Vec<Option<f64>> {
        (scores.iter())
            .map(|&s| (max_score > 0.0).then(|| s / max_score))
            .collect()
    };
    let award_winner = |scores: &[f64]| {
        let shares = shares(scores);
        award::award(inputs, &settings.award, &scored.results, Some(&shares)).and_then(|a| a.first)
    };
    let mut committee_flags = Vec::new();
    let committee = if inputs.prices.is_some() {
        committee::evaluate_with(inputs, settings, &award_winner, &mut committee_flags)
    } else {
        committee::evaluate(inputs, settings, &mut committee_flags)
    };
    let committee_shares = committee.as_ref().map(|c| {
        let mut scores = vec![0.0; inputs.vendors.len()];
        for v in &c.vendors {
            scores[v.vendor.index()] = v.score;
        }
        shares(&scores)
    });
    let award = award::award(
        inputs,
        &settings.award,
        &scored.results,
        committee_shares.as_deref(),
    );
    if let Some(award) = &award {
        let order: Vec<_> = scored.results.iter().map(|r| r.vendor).collect();
        flags::raise_award(award, &settings.award, &order, flags);
    }
    flags.extend(committee_flags);
    // Procurement-wide flags after the requirements', by code; the stable
    // sort keeps each code's own order.
    flags.sort_by_key(|f| (f.requirement.map_or(usize::MAX, |r| r.index()), f.code));
    (committee, award)
}
