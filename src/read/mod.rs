//! Reading the inputs: workbooks, header detection, the matrix, the vendors'
//! responses and the members' requests.

pub mod decisions;
pub mod discover;
mod duplicates;
pub mod evaluation;
mod fill_down;
pub mod header;
pub mod inputs;
pub mod isolate;
pub mod matrix;
pub mod members;
pub mod requests;
pub mod response;
pub mod sheet_checks;
pub mod table;
pub mod workbook;

#[cfg(test)]
mod testkit;
