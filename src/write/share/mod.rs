//! The cost-split workbook and JSON (`fairbid share`, SPEC §14).
//!
//! The split is decided in `analyze::share`; these writers name the towns
//! and word each step, so that a town's finance office can redo its share
//! from the printed parts. Sheets: 按分 (the split, with its formula in
//! words and a chart), 加入試算 (one block per candidate), 個別カスタマイズ,
//! 検証結果 (the members workbook's warnings) and 来歴 (inputs and settings).

mod apportion;
mod customization;
mod joins;
mod json;
mod record;
pub mod starter;

use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet};

use super::RunInfo;
use super::labels::{Labels, fill};
use super::xlsx::format::{TextFormat, bordered, short_number, write_number, write_text, yen_text};
use super::xlsx::{Page, new_workbook};
use crate::analyze::share::{MemberCost, ShareOutcome};
use crate::model::{Finding, Town};
pub use json::share_json;

/// What an input of a share run was, for the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareRole {
    Members,
    Evaluation,
    Settings,
}

/// One input of a share run as the Provenance sheet lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareFile {
    pub file: String,
    pub role: ShareRole,
    pub sha256: String,
    /// Rows read (towns); 0 for the JSON and the settings.
    pub rows: usize,
}

/// Everything a share run hands its writers.
pub struct ShareReport<'a> {
    pub towns: &'a [Town],
    pub outcome: &'a ShareOutcome,
    /// The evaluation's name of the vendor whose customization is charged.
    pub vendor: Option<&'a str>,
    /// The members workbook's warnings (errors stop the run before this).
    pub findings: &'a [Finding],
    pub files: &'a [ShareFile],
}

/// What every sheet of the share workbook reads.
struct Sheet<'a> {
    page: Page<'a>,
    report: &'a ShareReport<'a>,
    /// Whole yen with separators: `¥1,234,567`.
    yen: Format,
    /// Counts with separators: `18,420`.
    count: Format,
    /// A percent with one decimal: `23.4`.
    percent: Format,
    /// The label of a fact above a table: bold, without a border, free
    /// to run into the empty cells beside it.
    label: TextFormat,
}

impl<'a> std::ops::Deref for Sheet<'a> {
    type Target = Page<'a>;

    fn deref(&self) -> &Page<'a> {
        &self.page
    }
}

impl Sheet<'_> {
    fn labels(&self) -> &Labels {
        &self.page.labels
    }

    fn town(&self, t: usize) -> &str {
        &self.report.towns[t].name
    }

    /// A label template filled with its facts.
    fn say(&self, template: &str, values: &[(&str, &str)]) -> String {
        fill(template, values)
    }

    /// The headers of a town's cost, from its share to its cost per resident.
    fn cost_headers(&self) -> [&str; 7] {
        let l = &self.labels().share;
        [
            &l.share,
            &l.individual,
            &l.new_cost,
            &l.saving,
            &l.saving_rate,
            &l.per_resident_before,
            &l.per_resident_after,
        ]
    }

    /// A town's cost under [`Sheet::cost_headers`], each figure with its format.
    fn cost_figures(&self, c: &MemberCost) -> [(Option<f64>, &Format); 7] {
        [
            (Some(c.share), &self.yen),
            (Some(c.individual), &self.yen),
            (Some(c.new_cost), &self.yen),
            (Some(c.saving), &self.yen),
            (c.saving_rate.map(|r| r * 100.0), &self.percent),
            (Some(c.per_resident_before), &self.yen),
            (Some(c.per_resident_after), &self.yen),
        ]
    }

    /// Writes figures rightwards from `first`; a missing one as a blank cell.
    fn write_figures(
        &self,
        ws: &mut Worksheet,
        (row, first): (RowNum, ColNum),
        figures: &[(Option<f64>, &Format)],
    ) -> anyhow::Result<()> {
        for (i, (value, format)) in figures.iter().enumerate() {
            let col = first + i as ColNum;
            match value {
                Some(v) => write_number(ws, row, col, *v, Some(format))?,
                None => write_text(ws, row, col, "", &self.styles.text)?,
            }
        }
        Ok(())
    }
}

/// A fraction as a percent for running text: `0.2` → `20`.
fn percent_text(fraction: f64) -> String {
    short_number(fraction * 100.0)
}

/// An amount for running text.
fn yen(amount: f64) -> String {
    yen_text(amount)
}

/// The workbook, ready to save.
pub fn share_workbook(report: &ShareReport, run: &RunInfo) -> anyhow::Result<Vec<u8>> {
    let mut page = Page::new(run)?;
    if run.settings.title.trim().is_empty() {
        page.title = page.labels.share.default_title.clone();
    }
    let mut wb = new_workbook(&page.title, run.created)?;
    let sheet = Sheet {
        page,
        report,
        yen: bordered().set_num_format("\"¥\"#,##0"),
        count: bordered().set_num_format("#,##0"),
        percent: bordered().set_num_format("0.0"),
        label: TextFormat::new(Format::new().set_bold()),
    };
    type Writer = fn(&mut Worksheet, &Sheet) -> anyhow::Result<()>;
    let writers: [Writer; 5] = [
        apportion::write,
        joins::write,
        customization::write,
        record::validation,
        record::provenance,
    ];
    for write in writers {
        let mut ws = Worksheet::new();
        write(&mut ws, &sheet)?;
        wb.push_worksheet(ws);
    }
    Ok(wb.save_to_buffer()?)
}
