//! Reading the inputs: workbooks, header detection, the matrix, the vendors'
//! responses and the members' requests.

pub mod workbook;
pub mod inputs;
