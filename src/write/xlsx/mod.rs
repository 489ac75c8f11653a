//! The evaluation workbook (SPEC §8.1): one file per sheet, Summary first.
//!
//! Each sheet module exposes `write(ws, ctx)`, which names the sheet, fills
//! it, and sets its print layout. Shared formats live in [`format`], widths
//! and page setup in [`layout`].

mod by_area;
mod customization;
mod fairness;
pub(crate) mod format;
pub(crate) mod layout;
mod matrix;
mod provenance;
mod summary;
mod validation;

use anyhow::Context;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet};

use super::RunInfo;
use super::labels::Labels;
use crate::model::{Analysis, Answer, Cost, Inputs, Lang, Level};
use crate::settings::Settings;
use format::Styles;

/// What every sheet writer reads.
pub struct Ctx<'a> {
    pub inputs: &'a Inputs,
    pub analysis: &'a Analysis,
    pub settings: &'a Settings,
    pub lang: Lang,
    pub labels: Labels,
    pub styles: Styles,
    /// The case title (settings.title, or the default title).
    pub title: String,
    /// The document date as printed.
    pub date: String,
    /// Most remarks the Matrix writes as cell notes.
    pub max_notes: usize,
}

/// The answer shown where the inputs hold none (a vendor result or an
/// index that does not line up with the inputs): nothing was answered.
static NO_ANSWER: Answer = Answer {
    code: String::new(),
    level: Level::Missing,
    cost: Cost::NotStated,
    remarks: String::new(),
    text: None,
    sheet: None,
    cell: None,
};

impl Ctx<'_> {
    /// The answers of an evaluated vendor (`VendorResult::vendor`).
    pub fn answers(&self, vendor: usize) -> &[Answer] {
        self.inputs
            .vendors
            .get(vendor)
            .map_or(&[], |v| v.answers.as_slice())
    }

    /// A vendor's answer to requirement `i`.
    pub fn answer(&self, vendor: usize, i: usize) -> &Answer {
        self.answers(vendor).get(i).unwrap_or(&NO_ANSWER)
    }

    /// A vendor of the evaluation as shown: its name, and the cover-sheet
    /// name in brackets when that says something more.
    pub fn vendor_label(&self, vendor: usize) -> String {
        match self.inputs.vendors.get(vendor) {
            Some(v) => self.labels.vendor(&v.name, v.display_name.as_deref()),
            None => String::new(),
        }
    }
}

/// Deflate level 2: on a 20,000 × 12 matrix the whole workbook takes about a
/// tenth fewer instructions than at level 3 for a file 4 % larger (level 1 is
/// faster still but makes the file 60 % larger).
const ZIP_LEVEL: u8 = 2;

pub fn workbook(inputs: &Inputs, analysis: &Analysis, run: &RunInfo) -> anyhow::Result<Vec<u8>> {
    render(inputs, analysis, run, matrix::MAX_NOTES)
}

/// The workbook, with at most `max_notes` remarks as cell notes.
pub(crate) fn render(
    inputs: &Inputs,
    analysis: &Analysis,
    run: &RunInfo,
    max_notes: usize,
) -> anyhow::Result<Vec<u8>> {
    let labels = Labels::load(run.lang)?;
    let title = match run.settings.title.trim() {
        "" => labels.common.default_title.clone(),
        t => t.to_string(),
    };
    let ctx = Ctx {
        inputs,
        analysis,
        settings: run.settings,
        lang: run.lang,
        date: format::date_text(run.created, run.lang),
        title,
        labels,
        styles: Styles::new(),
        max_notes,
    };

    let created = ExcelDateTime::from_timestamp(run.created)
        .context("the document date is outside the years 1900–9999")?;
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format::fit_text(&ctx.title, 255).as_ref())
            .set_creation_datetime(&created),
    );
    wb.set_zip_compression_level(ZIP_LEVEL);

    // The Matrix holds requirements × vendors cells and writes its rows in
    // order, so it streams them (rust_xlsxwriter's low-memory mode): 200,000
    // requirements × 12 vendors stay well under 1 GiB. It is filled on a
    // thread of its own while this one fills the other sheets; the sheets
    // are put in their order once both are done.
    let mut matrix_sheet = wb.new_worksheet_with_low_memory()?;
    let mut others: Vec<Worksheet> = (0..6).map(|_| Worksheet::new()).collect();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let matrix = scope.spawn(|| matrix::write(&mut matrix_sheet, &ctx));
        let [
            summary,
            fairness,
            customization,
            by_area,
            validation,
            provenance,
        ] = others.as_mut_slice()
        else {
            unreachable!("six sheets besides the Matrix")
        };
        summary::write(summary, &ctx)?;
        fairness::write(fairness, &ctx)?;
        customization::write(customization, &ctx)?;
        by_area::write(by_area, &ctx)?;
        validation::write(validation, &ctx)?;
        provenance::write(provenance, &ctx)?;
        matrix
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    let mut others = others.into_iter();
    wb.push_worksheet(others.next().expect("the Summary"));
    wb.push_worksheet(matrix_sheet);
    others.for_each(|sheet| {
        wb.push_worksheet(sheet);
    });

    Ok(wb.save_to_buffer()?)
}
