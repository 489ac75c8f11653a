//! The §8.2 JSON document: the machine-readable twin of the workbook.
//!
//! Keys are written in the order the specification shows them, so that a
//! diff between two runs reads top to bottom like the report itself. Every
//! number is passed through unrounded; amounts without a fraction print as
//! integers (the model's serializers take care of that).

use serde_json::{Map, Value, json};

use crate::model::{Analysis, Inputs};
use crate::settings::Settings;

/// The §8.2 JSON document.
///
/// Everything the document holds was settled by the analysis (the settings in
/// force show through `competition.min_competitors`); `settings` stays in the
/// signature so that the JSON and the workbook are called alike.
pub fn report_json(inputs: &Inputs, analysis: &Analysis, _settings: &Settings) -> Value {
    let mut doc = Map::new();
    doc.insert(
        "tool".into(),
        json!({"name": "fairbid", "version": env!("CARGO_PKG_VERSION")}),
    );
    doc.insert("requirements".into(), json!(inputs.requirements.len()));
    doc.insert("vendors".into(), to_value(&analysis.vendors));
    doc.insert("flags".into(), to_value(&analysis.flags));
    doc.insert("competition".into(), to_value(&analysis.competition));
    doc.insert("customization".into(), to_value(&analysis.customization));
    doc.insert("validation".into(), to_value(&inputs.findings));
    doc.insert("inputs".into(), to_value(&inputs.files));
    doc.insert("sensitivity".into(), to_value(&analysis.sensitivity));
    doc.insert(
        "knockout_whatifs".into(),
        to_value(&analysis.knockout_whatifs),
    );
    let mut relief = Map::new();
    for (target, set) in &analysis.relief_sets {
        relief.insert(target.to_string(), to_value(set));
    }
    doc.insert("relief_sets".into(), Value::Object(relief));
    Value::Object(doc)
}

/// The model types serialize into plain maps, lists and numbers, which
/// cannot fail (serde_json turns a non-finite float into `null`).
fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}
