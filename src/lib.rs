//! fairbid: fair, fast evaluation of public procurement on Excel workbooks.
//!
//! The pipeline reads the requirement matrix, the vendors' response workbooks
//! and the member towns' customization requests (`read`), normalizes the
//! Japanese text they hold (`normalize`), scores the answers and raises the
//! fairness flags (`analyze`), and writes the evaluation workbook and the JSON
//! (`write`). Each stage is a set of plain functions over the types in `model`.

pub mod analyze;
pub mod cli;
pub mod cmd;
pub mod digest;
pub mod model;
pub mod normalize;
pub mod output;
pub mod read;
pub mod settings;
pub mod settings_refusal;
pub mod write;
