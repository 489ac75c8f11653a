//! The committee's decisions applied (SPEC §11), and what they did.
//!
//! Decisions are applied before analysis: scores, knockouts, flags and the
//! customization tally then see the ruled level, and nothing downstream has
//! to know a decision was made. The vendor's code stays as written; the
//! level it gave is kept beside the ruling, so that the record can show the
//! score before any decision and the answers each row changed.
//!
//! Which row rules an answer: the most specific row that matches it — id
//! and code, then id alone, then code alone, then neither — and among equals
//! the later row. A row without an id applies only to answers the vendor
//! wrote; a row with an id applies to that requirement even when the
//! response has no row for it.

use std::collections::HashMap;

use crate::model::{
    DecisionResults, Decisions, FindingKind, Inputs, LegendWhatIf, Level, RowEffect, Ruled,
    Severity, VendorId, VendorResult,
};
use crate::normalize::Legend;
use crate::normalize::legend::code_key;

use super::answer;
use super::score::{ExactSum, Scored, greater};

/// The valid rows of one vendor, by how specific they are; each map holds
/// the last row of its key.
#[derive(Default)]
struct Rules {
    /// Requirement → (code key, row), for rows with an id and a code.
    id_code: HashMap<usize, Vec<(String, usize)>>,
    id: HashMap<usize, usize>,
    code: HashMap<String, usize>,
    any: Option<usize>,
    /// Code keys of the rows without an id: they settle the legend warning.
    blank_id_codes: Vec<String>,
    used: bool,
}

impl Rules {
    /// Each vendor's rules, from the valid rows in file order.
    fn by_vendor(decisions: &Decisions, vendors: usize) -> Vec<Rules> {
        let mut rules: Vec<Rules> = (0..vendors).map(|_| Rules::default()).collect();
        for (row, d) in decisions.rows.iter().enumerate() {
            let (true, Some(vendor)) = (d.valid, d.vendor) else {
                continue;
            };
            let r = &mut rules[vendor.index()];
            r.used = true;
            let key = code_key(&d.code);
            match (d.requirement, key.is_empty()) {
                (Some(req), false) => {
                    let rows = r.id_code.entry(req.index()).or_default();
                    rows.retain(|(k, _)| *k != key);
                    rows.push((key, row));
                }
                (Some(req), true) => {
                    r.id.insert(req.index(), row);
                }
                (None, false) => {
                    r.blank_id_codes.push(key.clone());
                    r.code.insert(key, row);
                }
                (None, true) => r.any = Some(row),
            }
        }
        rules
    }

    /// The row that rules answer `i`, if any.
    /// `code` is the answer's code as written.
    fn winner(&self, i: usize, code: &str) -> Option<usize> {
        let key = code_key(code);
        if !key.is_empty()
            && let Some(&(_, row)) =
                (self.id_code.get(&i)).and_then(|rows| rows.iter().find(|(k, _)| *k == key))
        {
            return Some(row);
        }
        if let Some(&row) = self.id.get(&i) {
            return Some(row);
        }
        // Rows without an id rule only what the vendor wrote: a blank
        // answer cell and a requirement without a row both have no code.
        if key.is_empty() {
            return None;
        }
        self.code.get(&key).copied().or(self.any)
    }
}

/// Applies `inputs.decisions` to the vendors' answers: each ruled answer
/// takes the ruling as its level and is recorded in `decisions.ruled`; a
/// vendor's unconfirmed-legend warning goes once a row without an id rules
/// on the code in question. Without decisions, nothing changes.
pub fn apply(inputs: &mut Inputs) {
    let Inputs {
        requirements,
        vendors,
        decisions,
        findings,
        ..
    } = inputs;
    let Some(decisions) = decisions.as_mut() else {
        return;
    };
    let rules = Rules::by_vendor(decisions, vendors.len());
    let mut ruled = vec![Vec::new(); vendors.len()];
    for ((vendor, rules), ruled) in vendors.iter_mut().zip(&rules).zip(&mut ruled) {
        if !rules.used {
            continue;
        }
        let codes = &vendor.codes;
        for (i, answer) in vendor.answers.iter_mut().enumerate() {
            let Some(row) = rules.winner(i, codes.get(answer.code)) else {
                continue;
            };
            let ruling = decisions.rows[row]
                .ruling
                .expect("a valid row has a ruling");
            ruled.push(Ruled {
                requirement: crate::model::ReqIx::new(i),
                code: codes.get(answer.code).to_string(),
                before: answer.level,
                row,
            });
            answer.level = ruling;
        }
        // A blank or missing mandatory answer the committee ruled is no
        // longer a form to send back; the record keeps that it was blank.
        let settled: HashMap<&str, Level> = (ruled.iter())
            .filter(|r| r.before == Level::Missing)
            .map(|r| {
                let i = r.requirement.index();
                (requirements[i].id.as_str(), vendor.answers[i].level)
            })
            .collect();
        for finding in findings.iter_mut().filter(|f| f.file == vendor.file) {
            let (FindingKind::BlankMandatoryAnswer { id }
            | FindingKind::MissingMandatoryRequirement { id }) = &finding.kind
            else {
                continue;
            };
            if let Some(&level) = settled.get(id.as_str()) {
                let id = id.clone();
                finding.kind = FindingKind::RuledMandatoryAnswer { id, level };
                finding.severity = Severity::Warning;
            }
        }
        findings.retain(|f| match &f.kind {
            FindingKind::ThreeLevelLegend { code, .. } if f.file == vendor.file => {
                !rules.blank_id_codes.contains(&code_key(code))
            }
            _ => true,
        });
    }
    decisions.ruled = ruled;
}

/// What each row changed and each vendor's score before any decision.
pub(crate) fn results(
    inputs: &Inputs,
    legend: &Legend,
    scored: &Scored,
) -> Option<DecisionResults> {
    let decisions = inputs.decisions.as_ref()?;
    let mut rows = vec![RowEffect::default(); decisions.rows.len()];
    let mut score_before = vec![0.0; inputs.vendors.len()];
    for result in &scored.results {
        let v = result.vendor.index();
        let ruled = decisions.ruled.get(v).map_or(&[][..], Vec::as_slice);
        for r in ruled {
            rows[r.row].changed += 1;
            rows[r.row].before.add(r.before);
        }
        score_before[v] = if ruled.is_empty() {
            result.score
        } else {
            let mut before = ruled.iter().peekable();
            score_with(inputs, legend, v, |i, level| {
                match before.next_if(|r| r.requirement.index() == i) {
                    Some(r) => r.before,
                    None => level,
                }
            })
        };
    }
    Some(DecisionResults { rows, score_before })
}

/// The score of vendor `v` with each answer's level replaced by
/// `level(i, ruled level)`, visiting the answers in matrix order.
fn score_with(
    inputs: &Inputs,
    legend: &Legend,
    v: usize,
    mut level: impl FnMut(usize, Level) -> Level,
) -> f64 {
    let mut sum = ExactSum::default();
    for (i, req) in inputs.requirements.iter().enumerate() {
        let ruled = answer(&inputs.vendors[v], i).level;
        sum.add(req.weight * legend.factor(level(i, ruled)));
    }
    sum.value()
}

/// For each vendor whose legend is still unconfirmed (its §7 warning
/// stands), the rank it would have if its alternative answers were
/// standard: its knockouts do not change (alternative and standard are both
/// capable), the other vendors stay as they are. Answers a decision ruled
/// keep their ruling.
pub(crate) fn legend_whatifs(
    inputs: &Inputs,
    legend: &Legend,
    scored: &Scored,
) -> Vec<LegendWhatIf> {
    let mut whatifs = Vec::new();
    for result in &scored.results {
        let v = result.vendor.index();
        let vendor = &inputs.vendors[v];
        let Some(code) = inputs.findings.iter().find_map(|f| match &f.kind {
            FindingKind::ThreeLevelLegend { code, .. } if f.file == vendor.file => Some(code),
            _ => None,
        }) else {
            continue;
        };
        let ruled = (inputs.decisions.as_ref())
            .and_then(|d| d.ruled.get(v))
            .map_or(&[][..], Vec::as_slice);
        let mut ruled = ruled.iter().peekable();
        let score = score_with(inputs, legend, v, |i, level| {
            let by_decision = ruled.next_if(|r| r.requirement.index() == i).is_some();
            if level == Level::Alternative && !by_decision {
                Level::Standard
            } else {
                level
            }
        });
        let rank = 1
            + (scored.results.iter())
                .filter(|o| o.vendor != result.vendor && ahead(o, result.compliant, score))
                .count();
        whatifs.push(LegendWhatIf {
            vendor: VendorId::new(v),
            code: code.clone(),
            score,
            rank,
        });
    }
    whatifs
}

/// `other` is strictly ahead of a vendor with `compliant` and `score` (§4).
fn ahead(other: &VendorResult, compliant: bool, score: f64) -> bool {
    if other.compliant != compliant {
        return other.compliant;
    }
    greater(other.score, score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::analyze;
    use crate::analyze::fixture::*;
    use crate::model::{Decision, Finding, ReqIx, Severity};
    use crate::normalize::Legend;
    use crate::settings::Settings;

    /// A valid decision on vendor `v`: `id` a matrix index, `code` as written.
    fn rule(v: usize, id: Option<usize>, code: &str, ruling: Level) -> Decision {
        Decision {
            vendor: Some(VendorId::new(v)),
            vendor_text: format!("vendor {v}"),
            requirement: id.map(ReqIx::new),
            id_text: id.map_or(String::new(), |i| format!("JR-00{}", i + 1)),
            code: code.to_string(),
            ruling: Some(ruling),
            ruling_text: ruling.key().to_string(),
            reason: "質疑回答No.12で確認".into(),
            date: String::new(),
            valid: true,
            sheet: "裁定".into(),
            row: 2,
        }
    }

    fn with_rows(case: Case, rows: Vec<Decision>) -> Inputs {
        let mut inputs = case.inputs;
        inputs.decisions = Some(Decisions {
            file: "裁定.xlsx".into(),
            rows,
            ruled: Vec::new(),
        });
        inputs
    }

    fn levels(inputs: &Inputs, v: usize) -> Vec<Level> {
        inputs.vendors[v].answers.iter().map(|a| a.level).collect()
    }

    fn four() -> Case {
        Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", M, 3.0)
            .req("JR-003", D, 2.0)
            .req("JR-004", O, 1.0)
    }

    #[test]
    fn the_more_specific_row_wins_whatever_its_place() {
        use Level::*;
        let mut inputs = with_rows(
            four().vendor("A社", "○○○×"),
            vec![
                rule(0, None, "", Unsupported),
                rule(0, None, "〇", Standard),
                rule(0, Some(1), "", Customization),
                rule(0, Some(0), "○", Alternative),
                rule(0, Some(0), "", Unsupported),
            ],
        );
        apply(&mut inputs);
        // JR-001: id and code (row 3) beats id alone (row 4), though earlier.
        // JR-002: id alone (row 2) beats code alone (row 1).
        // JR-003: code alone (row 1), written ○ and ruled with 〇: one code.
        // JR-004: neither (row 0): the only row for ×.
        assert_eq!(
            levels(&inputs, 0),
            [Alternative, Customization, Standard, Unsupported]
        );
        let vendor = &inputs.vendors[0];
        assert_eq!(vendor.code(&vendor.answers[0]), "○", "the code stays");
        let ruled = &inputs.decisions.as_ref().unwrap().ruled[0];
        let rows: Vec<usize> = ruled.iter().map(|r| r.row).collect();
        assert_eq!(rows, [3, 2, 1, 0]);
        assert!(ruled.iter().take(3).all(|r| r.before == Alternative));
    }

    #[test]
    fn among_equal_rows_the_later_wins() {
        use Level::*;
        let case = four().vendor("A社", "○○◎◎");
        let mut inputs = with_rows(
            case.clone(),
            vec![
                rule(0, None, "○", Standard),
                rule(0, None, "○", Customization),
                rule(0, Some(2), "", Unsupported),
                rule(0, Some(2), "", Alternative),
            ],
        );
        apply(&mut inputs);
        assert_eq!(
            levels(&inputs, 0),
            [Customization, Customization, Alternative, Standard]
        );
        let settings = Settings::default();
        let analysis = analyze(&inputs, &settings);
        let results = analysis.decisions.as_ref().unwrap();
        let changed: Vec<usize> = results.rows.iter().map(|r| r.changed).collect();
        assert_eq!(changed, [0, 2, 0, 1]);
        assert_eq!(results.rows[1].before.alternative, 2);
        assert_eq!(results.rows[3].before.standard, 1);
        // Before: 2.1 + 2.1 + 2 + 1; after: 0.9 + 0.9 + 1.4 + 1.
        assert!((results.score_before[0] - 7.2).abs() < 1e-9);
        assert!((analysis.vendors[0].score - 4.2).abs() < 1e-9);
    }

    #[test]
    fn a_row_without_an_id_rules_only_what_the_vendor_wrote() {
        use Level::*;
        let mut case = four().vendor("A社", "○__◎");
        // JR-003 has no row in the response; JR-002's answer cell is blank.
        case.inputs.vendors[0].answers[2].at = None;
        let mut inputs = with_rows(case.clone(), vec![rule(0, None, "", Standard)]);
        apply(&mut inputs);
        assert_eq!(levels(&inputs, 0), [Standard, Missing, Missing, Standard]);
        let analysis = analyze(&inputs, &Settings::default());
        assert_eq!(analysis.vendors[0].knockouts, [ReqIx::new(1)]);

        // A row naming the ID rules the requirement the response left out.
        let mut inputs = with_rows(case, vec![rule(0, Some(2), "", Alternative)]);
        apply(&mut inputs);
        assert_eq!(
            levels(&inputs, 0),
            [Alternative, Missing, Alternative, Standard]
        );
        // A code row never matches a requirement without an answer.
        let mut inputs = with_rows(
            four().vendor("A社", "○_◎◎"),
            vec![rule(0, Some(1), "○", Standard)],
        );
        apply(&mut inputs);
        assert_eq!(levels(&inputs, 0)[1], Missing);
    }

    #[test]
    fn an_error_row_applies_to_nothing() {
        let mut bad = rule(0, None, "", Level::Standard);
        bad.valid = false;
        let mut inputs = with_rows(four().vendor("A社", "○○○○"), vec![bad]);
        apply(&mut inputs);
        assert_eq!(levels(&inputs, 0), [Level::Alternative; 4]);
        assert!(inputs.decisions.unwrap().ruled[0].is_empty());
    }

    fn legend_warning(file: &str) -> Finding {
        Finding::file(
            file,
            Severity::Warning,
            FindingKind::ThreeLevelLegend {
                standard: vec!["◎".into()],
                code: "○".into(),
            },
        )
    }

    fn warned(inputs: &Inputs) -> usize {
        (inputs.findings.iter())
            .filter(|f| matches!(f.kind, FindingKind::ThreeLevelLegend { .. }))
            .count()
    }

    #[test]
    fn the_legend_warning_is_settled_by_a_row_without_an_id_on_its_code() {
        let case = four().vendor("A社", "○○○×").vendor("B社", "○○○×");
        let mut case = case;
        case.inputs.findings = vec![legend_warning("A社.xlsx"), legend_warning("B社.xlsx")];

        // A ruling on one requirement does not say what ○ meant.
        let mut inputs = with_rows(case.clone(), vec![rule(0, Some(0), "○", Level::Standard)]);
        apply(&mut inputs);
        assert_eq!(warned(&inputs), 2);
        // Nor does a row without an id on another code.
        let mut inputs = with_rows(case.clone(), vec![rule(0, None, "×", Level::Unsupported)]);
        apply(&mut inputs);
        assert_eq!(warned(&inputs), 2);
        // A row without an id on ○ (written 〇 here) settles A社's, not B社's.
        let mut inputs = with_rows(case, vec![rule(0, None, "〇", Level::Alternative)]);
        apply(&mut inputs);
        assert_eq!(warned(&inputs), 1);
        assert_eq!(inputs.findings[0].file, "B社.xlsx");
    }

    #[test]
    fn an_unconfirmed_legend_gets_the_rank_it_would_have_if_its_circle_meant_standard() {
        // D社 answers ○ where the others answer ◎: 5.6 against 7.4, 6.5, 6.1.
        let mut case = four()
            .vendor("A社", "◎◎○×")
            .vendor("B社", "◎○○×")
            .vendor("C社", "○◎×◎")
            .vendor("D社", "○○○×");
        case.inputs.findings = vec![legend_warning("D社.xlsx")];
        let ran = case.run();
        assert_eq!(ran.result(VendorId::new(3)).rank, 4);
        let whatif = &ran.legend_whatifs;
        assert_eq!(whatif.len(), 1);
        assert_eq!(whatif[0].vendor, VendorId::new(3));
        assert_eq!(whatif[0].code, "○");
        // 3 + 3 + 2 + 0 = 8 > 7.4: first.
        assert!((whatif[0].score - 8.0).abs() < 1e-9);
        assert_eq!(whatif[0].rank, 1);

        // Settled, there is no what-if, and the ruling ranks D社 first.
        let mut inputs = with_rows(case, vec![rule(3, None, "○", Level::Standard)]);
        apply(&mut inputs);
        let analysis = analyze(&inputs, &Settings::default());
        assert!(analysis.legend_whatifs.is_empty());
        assert_eq!(analysis.result(VendorId::new(3)).rank, 1);
        let before = analysis.decisions.as_ref().unwrap().score_before[3];
        assert!((before - 5.6).abs() < 1e-9);
        let legend = Legend::new(&Settings::default().legend);
        assert_eq!(legend.factor(Level::Standard), 1.0);
    }
}
