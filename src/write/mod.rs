//! Writing the outputs: the evaluation workbook (SPEC §8.1) and the JSON
//! (SPEC §8.2).
//!
//! Writers render what the analysis decided and decide nothing themselves:
//! every score, flag and recommendation comes from [`Analysis`]. The only
//! arithmetic here is presentation (sums per business area, counts per
//! severity), so that the workbook and the JSON can never disagree.

pub mod award_labels;
mod committee_json;
pub mod committee_words;
pub mod criteria;
pub mod dossier;
pub mod draft;
pub mod findings;
pub mod form;
mod json;
pub mod labels;
pub mod prices_starter;
pub mod roster;
pub mod scoresheet;
pub mod share;
pub mod starter_decisions;
pub(crate) mod xlsx;

#[cfg(test)]
mod tests;

pub use dossier::{dossier_file_name, dossier_workbook};
pub use draft::{Draft, draft_workbook};
pub use json::report_json;
pub use labels::Labels;

use crate::model::Lang;
use crate::settings::Settings;

/// Provenance and print context of one run.
pub struct RunInfo<'a> {
    pub settings: &'a Settings,
    pub lang: Lang,
    /// document date, Unix seconds (SOURCE_DATE_EPOCH when set)
    pub created: i64,
}
