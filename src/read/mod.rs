//! Reading the inputs: workbooks, header detection, the matrix, the vendors'
//! responses and the members' requests.

pub mod discover;
pub mod safety;
pub mod workbook;
pub mod xlsx_parts;
