//! The committee's words (SPEC §13): the Committee sheet's and the
//! scoresheet's labels, and the messages of the problems found in the
//! criteria and scoresheets, from `[committee]` of the label catalogues.

use serde::Deserialize;

use super::labels::{Labels, fill};
use crate::analyze::flags::points;
use crate::model::{Aggregate, CommitteeProblem};
use crate::settings::CommitteeSettings;

/// `[committee]`: the Committee sheet.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitteeLabels {
    pub sheet: String,
    pub title: String,
    pub formula: String,
    pub rule_mean: String,
    pub rule_trimmed: String,
    pub rule_median: String,
    pub spread_note: String,
    pub scores: String,
    pub item_id: String,
    pub group: String,
    pub item: String,
    pub viewpoint: String,
    pub max: String,
    pub vendor: String,
    pub aggregate: String,
    pub spread: String,
    pub mark: String,
    pub ranking: String,
    pub rank: String,
    pub score: String,
    pub max_score: String,
    pub percent: String,
    pub bias: String,
    pub bias_note: String,
    pub evaluator: String,
    pub leniency: String,
    pub too_few: String,
    pub leave_one_out: String,
    pub loo_note: String,
    /// [`Self::loo_note`] when the first is the award's (`--prices`).
    pub loo_note_award: String,
    pub winner: String,
    pub changed: String,
    pub changed_yes: String,
    pub changed_no: String,
    pub comments: String,
    pub comment: String,
    pub scoresheet: ScoresheetLabels,
    pub findings: CommitteeFindingLabels,
}

/// `[committee.scoresheet]`: the evaluator's scoresheet.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoresheetLabels {
    pub cover: String,
    pub sheet: String,
    pub title: String,
    pub case: String,
    pub evaluator: String,
    pub date: String,
    pub instructions: String,
    pub instructions_points: String,
    pub instructions_grades: String,
    pub instructions_comment: String,
    pub instructions_blank: String,
    pub instructions_file: String,
    pub comment_suffix: String,
    pub invalid_title: String,
    pub invalid_points: String,
    pub invalid_grade: String,
}

/// `[committee.findings]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommitteeFindingLabels {
    pub blank_item: String,
    pub bad_max: String,
    pub duplicate_item: String,
    pub no_criteria: String,
    pub blank_score: String,
    pub score_out_of_range: String,
    pub not_a_score: String,
    pub not_a_grade: String,
    pub unknown_item_row: String,
    pub missing_item: String,
    pub missing_vendor_column: String,
    pub unknown_vendor_column: String,
    pub ambiguous_vendor_column: String,
    pub duplicate_scoresheet: String,
    pub vendor_column_twice: String,
    pub duplicate_evaluator: String,
    pub unscored: String,
}

impl CommitteeLabels {
    /// The aggregate rule and the committee score in words.
    pub fn formula(&self, settings: &CommitteeSettings) -> String {
        let rule = match settings.aggregate {
            Aggregate::Mean => self.rule_mean.clone(),
            Aggregate::Trimmed => fill(
                &self.rule_trimmed,
                &[("trim_min", &settings.trim_min.to_string())],
            ),
            Aggregate::Median => self.rule_median.clone(),
        };
        fill(&self.formula, &[("rule", &rule)])
    }
}

impl Labels {
    /// The message of a problem in the criteria or a scoresheet.
    pub fn committee_problem_message(&self, problem: &CommitteeProblem) -> String {
        let t = &self.committee.findings;
        match problem {
            CommitteeProblem::BlankItem => t.blank_item.clone(),
            CommitteeProblem::BadMax => t.bad_max.clone(),
            CommitteeProblem::DuplicateItem { id, first_row } => fill(
                &t.duplicate_item,
                &[("id", id), ("first_row", &first_row.to_string())],
            ),
            CommitteeProblem::NoCriteria => t.no_criteria.clone(),
            CommitteeProblem::BlankScore { item, vendor } => {
                fill(&t.blank_score, &[("item", item), ("vendor", vendor)])
            }
            CommitteeProblem::ScoreOutOfRange { max } => {
                fill(&t.score_out_of_range, &[("max", &points(*max))])
            }
            CommitteeProblem::NotAScore { max, grades } if grades.is_empty() => {
                fill(&t.not_a_score, &[("max", &points(*max))])
            }
            CommitteeProblem::NotAScore { max, grades } => fill(
                &t.not_a_grade,
                &[
                    ("max", &points(*max)),
                    ("grades", &grades.join(&self.common.list_separator)),
                ],
            ),
            CommitteeProblem::UnknownItemRow => t.unknown_item_row.clone(),
            CommitteeProblem::MissingItem { item } => fill(&t.missing_item, &[("item", item)]),
            CommitteeProblem::MissingVendorColumn { vendor } => {
                fill(&t.missing_vendor_column, &[("vendor", vendor)])
            }
            CommitteeProblem::UnknownVendorColumn { header } => {
                fill(&t.unknown_vendor_column, &[("header", header)])
            }
            CommitteeProblem::AmbiguousVendorColumn { header } => {
                fill(&t.ambiguous_vendor_column, &[("header", header)])
            }
            CommitteeProblem::VendorColumnTwice { header } => {
                fill(&t.vendor_column_twice, &[("header", header)])
            }
            CommitteeProblem::DuplicateScoresheet { first_file } => {
                fill(&t.duplicate_scoresheet, &[("first_file", first_file)])
            }
            CommitteeProblem::DuplicateEvaluator { name, first_file } => fill(
                &t.duplicate_evaluator,
                &[("name", name), ("first_file", first_file)],
            ),
            CommitteeProblem::Unscored { item, vendor } => {
                fill(&t.unscored, &[("item", item), ("vendor", vendor)])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Finding, FindingKind, Lang, Severity};

    /// Fails to compile when a problem is added without a sample.
    fn samples() -> Vec<CommitteeProblem> {
        use CommitteeProblem::*;
        let all = vec![
            BlankItem,
            BadMax,
            DuplicateItem {
                id: "3".into(),
                first_row: 4,
            },
            NoCriteria,
            BlankScore {
                item: "2".into(),
                vendor: "さくら電算".into(),
            },
            ScoreOutOfRange { max: 20.0 },
            NotAScore {
                max: 10.0,
                grades: vec![],
            },
            NotAScore {
                max: 10.0,
                grades: vec!["A".into(), "B".into()],
            },
            UnknownItemRow,
            MissingItem { item: "5".into() },
            MissingVendorColumn {
                vendor: "北日本情報システム".into(),
            },
            UnknownVendorColumn {
                header: "東和".into(),
            },
            AmbiguousVendorColumn {
                header: "さくら".into(),
            },
            DuplicateScoresheet {
                first_file: "委員A.xlsx".into(),
            },
            VendorColumnTwice {
                header: "さくら電算".into(),
            },
            DuplicateEvaluator {
                name: "委員A".into(),
                first_file: "委員A.xlsx".into(),
            },
            Unscored {
                item: "1".into(),
                vendor: "A社".into(),
            },
        ];
        for p in &all {
            match p {
                BlankItem | BadMax | DuplicateItem { .. } | NoCriteria | BlankScore { .. } => {}
                ScoreOutOfRange { .. } | NotAScore { .. } | UnknownItemRow => {}
                MissingItem { .. } | MissingVendorColumn { .. } | UnknownVendorColumn { .. } => {}
                AmbiguousVendorColumn { .. } | DuplicateEvaluator { .. } | Unscored { .. } => {}
                DuplicateScoresheet { .. } | VendorColumnTwice { .. } => {}
            }
        }
        all
    }

    #[test]
    fn every_problem_has_its_words_in_both_languages() {
        let ja = Labels::load(Lang::Ja).unwrap();
        let en = Labels::load(Lang::En).unwrap();
        for problem in samples() {
            let f = Finding::file(
                "委員A.xlsx",
                Severity::Error,
                FindingKind::Committee(problem),
            );
            let (j, e) = (ja.finding_message(&f), en.finding_message(&f));
            for m in [&j, &e] {
                assert!(!m.trim().is_empty() && !m.contains(['{', '}']), "{m}");
            }
            assert_ne!(j, e);
        }
        let f = FindingKind::Committee(CommitteeProblem::NotAScore {
            max: 10.0,
            grades: vec!["A".into(), "B".into()],
        });
        let f = Finding::file("委員A.xlsx", Severity::Error, f);
        assert!(
            ja.finding_message(&f)
                .contains("0から10までの数値か、評語（A、B）")
        );
    }

    #[test]
    fn the_formula_names_the_rule() {
        let ja = Labels::load(Lang::Ja).unwrap();
        let trimmed = CommitteeSettings {
            aggregate: Aggregate::Trimmed,
            ..CommitteeSettings::default()
        };
        let text = ja.committee.formula(&trimmed);
        assert!(
            text.contains("5 人以上のときは最高点と最低点を1つずつ除いた平均"),
            "{text}"
        );
        assert!(text.contains("0点とはしません"));
    }
}
