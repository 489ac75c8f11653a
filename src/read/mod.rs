//! Reading the inputs: workbooks, header detection, the matrix, the vendors'
//! responses and the members' requests.

pub mod inputs;
pub mod workbook;
