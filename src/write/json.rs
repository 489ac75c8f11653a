//! The §8.2 JSON document: the machine-readable twin of the workbook.
//!
//! Keys are written in the order the specification shows them, so that a
//! diff between two runs reads top to bottom like the report itself. Every
//! number is passed through unrounded; amounts without a fraction print as
//! integers (the model's serializers take care of that).
//!
//! The document borrows the analysis and is serialized straight to its file:
//! at consortium scale a tree of `serde_json::Value`s and the text built
//! from it would each be hundreds of megabytes more than the analysis itself.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::model::{
    Analysis, Competition, CustomizationItem, Finding, Flag, InputFile, Inputs, KnockoutWhatIf,
    Sensitivity, VendorResult,
};
use crate::settings::Settings;

/// The §8.2 JSON document, borrowing what it shows.
#[derive(Serialize)]
pub struct Report<'a> {
    tool: Tool,
    requirements: usize,
    vendors: &'a [VendorResult],
    flags: &'a [Flag],
    competition: &'a Competition,
    customization: &'a [CustomizationItem],
    validation: &'a [Finding],
    inputs: &'a [InputFile],
    sensitivity: &'a Option<Sensitivity>,
    knockout_whatifs: &'a [KnockoutWhatIf],
    relief_sets: ReliefSets<'a>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// Relief sets keyed by the number of compliant vendors they reach (`"2"`).
struct ReliefSets<'a>(&'a [(usize, Option<Vec<String>>)]);

impl Serialize for ReliefSets<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (target, set) in self.0 {
            map.serialize_entry(&target.to_string(), set)?;
        }
        map.end()
    }
}

/// The §8.2 JSON document.
///
/// Everything the document holds was settled by the analysis (the settings in
/// force show through `competition.min_competitors`); `settings` stays in the
/// signature so that the JSON and the workbook are called alike.
pub fn report_json<'a>(
    inputs: &'a Inputs,
    analysis: &'a Analysis,
    _settings: &Settings,
) -> Report<'a> {
    Report {
        tool: Tool {
            name: "fairbid",
            version: env!("CARGO_PKG_VERSION"),
        },
        requirements: inputs.requirements.len(),
        vendors: &analysis.vendors,
        flags: &analysis.flags,
        competition: &analysis.competition,
        customization: &analysis.customization,
        validation: &inputs.findings,
        inputs: &inputs.files,
        sensitivity: &analysis.sensitivity,
        knockout_whatifs: &analysis.knockout_whatifs,
        relief_sets: ReliefSets(&analysis.relief_sets),
    }
}
