//! An evaluation's JSON (`evaluate --json`, §8.2) read back for a cost
//! split (§14): the vendors' names and the customization tally, the only
//! parts a split needs.
//!
//! The file is fairbid's own output, but it travels by hand between the
//! committee and the secretariat: a file that is not that JSON stops the
//! split with its name, never a split without the customization the town
//! believes is in it.

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::digest::sha256_hex;

/// What a split reads of an evaluation.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Evaluation {
    pub vendors: Vec<EvaluatedVendor>,
    pub customization: Vec<CustomizedRequirement>,
    /// SHA-256 of the file's bytes, for the record.
    #[serde(skip)]
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct EvaluatedVendor {
    pub name: String,
}

/// One row of the customization tally (§6).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CustomizedRequirement {
    /// The normalized requirement ID.
    pub requirement: String,
    /// The vendors that answered customization.
    pub vendors: Vec<String>,
    /// Each listed vendor's cost; null when unknown.
    pub costs: IndexMap<String, Option<f64>>,
    /// The members that requested it.
    pub members: Vec<String>,
}

/// Why an evaluation file cannot be used.
#[derive(Debug)]
pub enum EvaluationProblem {
    /// It cannot be read; the system's words.
    Unreadable(String),
    /// It is not an evaluation's JSON; serde's words.
    NotEvaluation(String),
}

/// Reads an evaluation's JSON.
pub fn read_evaluation(path: &Path) -> Result<Evaluation, EvaluationProblem> {
    let bytes = std::fs::read(path).map_err(|e| EvaluationProblem::Unreadable(e.to_string()))?;
    let mut evaluation: Evaluation = serde_json::from_slice(&bytes)
        .map_err(|e| EvaluationProblem::NotEvaluation(e.to_string()))?;
    evaluation.sha256 = sha256_hex(&bytes);
    Ok(evaluation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_a_split_needs_and_ignores_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("evaluation.json");
        std::fs::write(
            &path,
            r#"{"tool": {"name": "fairbid"}, "requirements": 3,
                "vendors": [{"name": "さくら電算", "rank": 1}],
                "customization": [{"requirement": "JR-010", "vendors": ["さくら電算"],
                  "costs": {"さくら電算": null}, "cost_min": null, "members": ["甲町"],
                  "recommendation": "adapt_operations"}]}"#,
        )
        .unwrap();
        let e = read_evaluation(&path).unwrap();
        assert_eq!(e.vendors[0].name, "さくら電算");
        assert_eq!(e.customization[0].costs["さくら電算"], None);
        assert_eq!(e.sha256.len(), 64);
        std::fs::write(&path, "{\"vendors\": 3}").unwrap();
        assert!(matches!(
            read_evaluation(&path),
            Err(EvaluationProblem::NotEvaluation(_))
        ));
    }
}
