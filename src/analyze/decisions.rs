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
    Answer, DecisionResults, Decisions, FindingKind, Inputs, LegendWhatIf, Level,
    Ruled, RowEffect, VendorId, VendorResult,
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
    fn winner(&self, i: usize, answer: &Answer) -> Option<usize> {
        let key = code_key(&answer.code);
        if !key.is_empty()
            && let Some(&(_, row)) = (self.id_code.get(&i))
                .and_then(|rows| rows.iter().find(|(k, _)| *k == key))
        {
            return Some(row);
        }
        if let Some(&row) = self.id.get(&i) {
            return Some(row);
        }
        // Rows without an id rule only what the vendor wrote.
        if answer.at.is_none() || key.is_empty() {
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
        for (i, answer) in vendor.answers.iter_mut().enumerate() {
            let Some(row) = rules.winner(i, answer) else {
                continue;
            };
            let ruling = decisions.rows[row].ruling.expect("a valid row has a ruling");
            ruled.push(Ruled {
                requirement: crate::model::ReqIx::new(i),
                code: answer.code.to_string(),
                before: answer.level,
                row,
            });
            answer.level = ruling;
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
pub(crate) fn results(inputs: &Inputs, legend: &Legend, scored: &Scored) -> Option<DecisionResults> {
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
pub(crate) fn legend_whatifs(inputs: &Inputs, legend: &Legend, scored: &Scored) -> Vec<LegendWhatIf> {
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
        let rank = 1 + (scored.results.iter())
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

