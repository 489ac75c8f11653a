//! Reading the inputs: workbooks, header detection, the matrix, the vendors'
//! responses and the members' requests.

pub mod committee;
pub mod decisions;
pub mod discover;
pub mod draft_flags;
mod duplicates;
pub mod evaluation;
mod fill_down;
pub mod header;
pub mod inputs;
pub mod isolate;
pub mod matrix;
pub mod members;
pub mod prices;
pub mod requests;
pub mod response;
pub mod sheet_checks;
pub mod table;
pub mod workbook;

#[cfg(test)]
mod testkit;
