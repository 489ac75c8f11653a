//! The domain model shared by every pipeline stage.
//!
//! Reading produces [`Inputs`]; analysis turns them into an [`Analysis`];
//! writers render both. Everything here is plain data so that each stage can be
//! tested on values built in code, without a workbook in sight.
//!
//! - `inputs`: what was read, with the origin of every value;
//! - `findings`: the problems found while reading (SPEC §7);
//! - `analysis`: what §4–§6 derive;
//! - `ids`: the small index types analysis refers to vendors, requirements and
//!   member towns by, so that names are chosen only when a result is written.

mod analysis;
mod award;
mod committee;
mod decisions;
mod findings;
mod ids;
mod inputs;
mod share;

pub use analysis::*;
pub use award::*;
pub use committee::*;
pub use decisions::*;
pub use findings::*;
pub use ids::*;
pub use inputs::*;
pub use share::*;

use serde::Serialize;

/// Output language of labels and messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// Picks the text for this language.
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}
