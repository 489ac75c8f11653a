//! The record of a share run: the members workbook's warnings (検証結果)
//! and what produced the split (来歴) — the inputs with their SHA-256 and
//! the settings in force — so that the towns can check the figures later.

use rust_xlsxwriter::Worksheet;

use super::{ShareRole, Sheet};
use crate::write::xlsx::provenance::{InputRow, write_record};
use crate::write::xlsx::validation::write_findings;

pub fn validation(ws: &mut Worksheet, sh: &Sheet) -> anyhow::Result<()> {
    write_findings(ws, sh, sh.report.findings)
}

pub fn provenance(ws: &mut Worksheet, sh: &Sheet) -> anyhow::Result<()> {
    let l = sh.labels();
    let files: Vec<InputRow> = (sh.report.files.iter())
        .map(|f| InputRow {
            file: &f.file,
            role: match f.role {
                ShareRole::Members => &l.share.members_file,
                ShareRole::Evaluation => &l.share.evaluation_file,
                ShareRole::Settings => &l.roles.settings,
            },
            sha256: &f.sha256,
            rows: f.rows,
        })
        .collect();
    write_record(ws, sh, &files)
}
