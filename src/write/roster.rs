//! How the vendors are named in an output: the one place a writer turns a
//! [`VendorId`] into words.
//!
//! The analysis refers to vendors by id only, so one analysis can be written
//! under the real names (the evaluation workbook, the JSON, the draft) or
//! under labels (blind review, SPEC §15). A vendor's dossier is written from
//! [`OwnView`], which holds that vendor's data alone: no other vendor's name,
//! answer or score can reach it, because none is there.

use std::collections::HashSet;

use crate::analyze::flags::Say;
use crate::model::{
    Analysis, Answer, Codes, Finding, FlagCode, Inputs, Lang, Level, ReqIx, Requirement, VendorId,
    VendorResult,
};

use super::labels::Labels;

/// The names of the vendors of one output.
#[derive(Clone, Debug)]
pub struct Roster {
    /// The name in sentences and in the JSON, by `VendorId::index`.
    names: Vec<String>,
    /// The name on sheets: with the cover sheet's company name in brackets
    /// when it says something more.
    shown: Vec<String>,
    /// The real name behind a blind label (`evaluate --key`), by vendor.
    real: Vec<Option<String>>,
}

impl Roster {
    /// The vendors' own names (their files' stems), as the record shows them.
    pub fn names(inputs: &Inputs, labels: &Labels) -> Roster {
        Roster {
            names: inputs.vendors.iter().map(|v| v.name.clone()).collect(),
            shown: (inputs.vendors.iter())
                .map(|v| labels.vendor(&v.name, v.display_name.as_deref()))
                .collect(),
            real: (inputs.vendors.iter())
                .map(|v| {
                    let key = inputs.key.as_ref()?;
                    key.name_of(&v.name).map(str::to_string)
                })
                .collect(),
        }
    }

    /// The vendors under labels (`labels[v]`), and nothing else of them.
    pub fn labels(labels: Vec<String>) -> Roster {
        Roster {
            shown: labels.clone(),
            names: labels,
            real: Vec::new(),
        }
    }

    /// A vendor's name in sentences and in the JSON.
    pub fn name(&self, vendor: VendorId) -> &str {
        &self.names[vendor.index()]
    }

    /// A vendor's name on a sheet.
    pub fn shown(&self, vendor: VendorId) -> &str {
        &self.shown[vendor.index()]
    }

    /// The real name behind a vendor's blind label, when the run has the
    /// key (`evaluate --key`) and the key names it.
    pub fn real_name(&self, vendor: VendorId) -> Option<&str> {
        self.real.get(vendor.index())?.as_deref()
    }

    /// A vendor as the Summary and the Award sheet show it: its label with
    /// its real name beside it when the key gives one.
    pub fn with_real_name(&self, vendor: VendorId, labels: &Labels) -> String {
        match self.real_name(vendor) {
            Some(real) => labels.vendor(self.name(vendor), Some(real)),
            None => self.shown(vendor).to_string(),
        }
    }

    /// What a flag's words need to name vendors and requirements.
    pub fn say<'a>(
        &'a self,
        lang: Lang,
        requirements: &'a [Requirement],
        analysis: &'a Analysis,
    ) -> Say<'a> {
        Say {
            lang,
            requirements,
            analysis,
            vendors: &self.names,
            committee: None,
        }
    }
}

/// Why a requirement is noted in a vendor's dossier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    /// A mandatory requirement the vendor failed.
    Knockout,
    /// A requirement the vendor alone was capable of (F01).
    SoleCapable,
}

/// One vendor's own view of the evaluation: what its dossier may show.
///
/// Made from the whole evaluation, it keeps this vendor's result, answers,
/// notes and file problems, and how many vendors were evaluated — nothing
/// that names, scores or quotes another vendor.
#[derive(Clone, Debug)]
pub struct OwnView<'a> {
    /// The vendor's name on its dossier.
    pub name: String,
    pub result: &'a VendorResult,
    /// `answers[i]` answers `requirements[i]`.
    pub answers: &'a [Answer],
    /// The codes `answers` hold.
    pub codes: &'a Codes,
    pub requirements: &'a [Requirement],
    /// The note of each requirement, aligned with `requirements`: a
    /// knockout before sole capability.
    pub notes: Vec<Option<Note>>,
    /// The level the committee's decisions ruled for each answer (§11),
    /// aligned with `requirements`; `None` where the vendor's code stands.
    pub ruled: Vec<Option<Level>>,
    /// The problems found in the vendor's own file.
    pub findings: Vec<&'a Finding>,
    /// How many vendors were evaluated (its rank reads "2位（5社中）").
    pub evaluated: usize,
}

impl<'a> OwnView<'a> {
    /// The view of `vendor`, which must be an evaluated vendor.
    pub fn of(
        inputs: &'a Inputs,
        analysis: &'a Analysis,
        roster: &Roster,
        vendor: VendorId,
    ) -> OwnView<'a> {
        let result = analysis.result(vendor);
        let response = &inputs.vendors[vendor.index()];
        let knockouts: HashSet<ReqIx> = result.knockouts.iter().copied().collect();
        // F01 names the one capable vendor.
        let sole: HashSet<ReqIx> = (analysis.flags.iter())
            .filter(|f| f.code == FlagCode::F01 && f.vendors == [vendor])
            .filter_map(|f| f.requirement)
            .collect();
        let notes = (0..inputs.requirements.len())
            .map(|i| {
                let r = ReqIx::new(i);
                if knockouts.contains(&r) {
                    Some(Note::Knockout)
                } else if sole.contains(&r) {
                    Some(Note::SoleCapable)
                } else {
                    None
                }
            })
            .collect();
        // Only the level: a decision's reason may name other vendors.
        let mut ruled = vec![None; inputs.requirements.len()];
        if let Some(decisions) = &inputs.decisions {
            for r in decisions.ruled.get(vendor.index()).into_iter().flatten() {
                ruled[r.requirement.index()] = decisions.rows[r.row].ruling;
            }
        }
        OwnView {
            name: roster.shown(vendor).to_string(),
            ruled,
            result,
            answers: &response.answers,
            codes: &response.codes,
            requirements: &inputs.requirements,
            notes,
            findings: (inputs.findings.iter())
                .filter(|f| f.file == response.file)
                .collect(),
            evaluated: analysis.vendors.len(),
        }
    }

    /// The vendor's answer to requirement `i`.
    ///
    /// # Panics
    /// When the answers were taken: a dossier is made before the Matrix.
    pub fn answer(&self, i: usize) -> &'a Answer {
        &self.answers[i]
    }

    /// The code of the vendor's answer to requirement `i`, as written.
    pub fn code(&self, i: usize) -> &'a str {
        self.codes.get(self.answers[i].code)
    }
}
