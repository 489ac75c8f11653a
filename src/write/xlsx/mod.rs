//! The evaluation workbook (SPEC §8.1): one file per sheet, Summary first.
//!
//! Each sheet module exposes `write(ws, ctx)`, which names the sheet, fills
//! it, and sets its print layout. Shared formats live in [`format`], widths
//! and page setup in [`layout`].

pub(crate) mod award;
mod by_area;
mod by_member;
mod committee;
mod customization;
mod decisions;
mod fairness;
pub(crate) mod format;
pub(crate) mod layout;
pub(crate) mod matrix;
mod price;
pub(crate) mod provenance;
mod remarks;
mod sensitivity;
pub(crate) mod stream;
mod summary;
pub(crate) mod validation;

use anyhow::Context;
use rust_xlsxwriter::{ColNum, DocProperties, ExcelDateTime, Workbook, Worksheet};

use super::RunInfo;
use super::labels::Labels;
use super::roster::Roster;
use crate::analyze::flags::Say;
use crate::model::{Analysis, Inputs, Lang, MemberId, ReqIx, VendorId};
use crate::settings::Settings;
use format::Styles;
pub(crate) use matrix::Shown;

/// What every printed sheet shares, whatever it shows: the run's words,
/// formats and page (title, date, marking).
pub struct Page<'a> {
    pub settings: &'a Settings,
    pub lang: Lang,
    pub labels: Labels,
    pub styles: Styles,
    /// The case title (settings.title, or the default title).
    pub title: String,
    /// The document date as printed.
    pub date: String,
}

impl<'a> Page<'a> {
    /// The page of one run.
    pub fn new(run: &RunInfo<'a>) -> anyhow::Result<Page<'a>> {
        let labels = Labels::load(run.lang)?;
        let title = match run.settings.title.trim() {
            "" => labels.common.default_title.clone(),
            t => t.to_string(),
        };
        Ok(Page {
            settings: run.settings,
            lang: run.lang,
            date: format::date_text(run.created, run.lang),
            title,
            labels,
            styles: Styles::new(),
        })
    }
}

/// What every sheet writer of the evaluation and the draft reads: the page,
/// the evaluation, and the roster that names its vendors.
///
/// The vendors' answers are not here: the Matrix is handed what it shows
/// of them ([`Shown`]), the draft reads them from its inputs before any
/// workbook takes them.
pub struct Ctx<'a> {
    pub page: Page<'a>,
    pub inputs: &'a Inputs,
    pub analysis: &'a Analysis,
    pub roster: Roster,
    /// Most remarks the Matrix writes as cell notes.
    pub max_notes: usize,
}

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = Page<'a>;

    fn deref(&self) -> &Page<'a> {
        &self.page
    }
}

impl Ctx<'_> {
    /// A vendor of the evaluation as shown on a sheet: its name, and the
    /// cover-sheet name in brackets when that says something more.
    pub fn vendor_label(&self, vendor: VendorId) -> &str {
        self.roster.shown(vendor)
    }

    /// A vendor's name in sentences.
    pub fn vendor_name(&self, vendor: VendorId) -> &str {
        self.roster.name(vendor)
    }

    /// A requirement's ID.
    pub fn id(&self, r: ReqIx) -> &str {
        &self.inputs.requirements[r.index()].id
    }

    /// Requirements' IDs joined by the list separator: `JR-001、JR-002`.
    pub fn ids(&self, requirements: &[ReqIx]) -> String {
        let ids: Vec<&str> = requirements.iter().map(|&r| self.id(r)).collect();
        ids.join(&self.labels.common.list_separator)
    }

    /// Vendors' names joined by the list separator.
    pub fn names(&self, vendors: &[VendorId]) -> String {
        let names: Vec<&str> = vendors.iter().map(|&v| self.vendor_name(v)).collect();
        names.join(&self.labels.common.list_separator)
    }

    /// Member towns' names joined by the list separator.
    pub fn members(&self, members: &[MemberId]) -> String {
        let Some(requests) = &self.inputs.requests else {
            return String::new();
        };
        let names: Vec<&str> = (members.iter())
            .map(|&m| requests.members[m.index()].as_str())
            .collect();
        names.join(&self.labels.common.list_separator)
    }

    /// What the flags' words need, in the run's language.
    pub fn say(&self) -> Say<'_> {
        self.roster
            .say(self.lang, &self.inputs.requirements, self.analysis)
            .with_committee(self.inputs.committee.as_ref())
    }
}

/// Deflate level 2: on a 20,000 × 12 matrix the whole workbook takes about a
/// tenth fewer instructions than at level 3 for a file 4 % larger (level 1 is
/// faster still but makes the file 60 % larger).
const ZIP_LEVEL: u8 = 2;

/// Takes the vendors' answers out of `inputs`, keeping what the Matrix
/// shows of them (code, level, remarks): no sheet reads the rest, and at
/// 200,000 requirements × 12 vendors they are the largest thing in memory.
/// `inputs.vendors[k].answers` are empty afterwards.
pub(crate) fn take_shown(inputs: &mut Inputs) -> Vec<Shown> {
    inputs
        .vendors
        .iter_mut()
        .map(|v| Shown::new(&std::mem::take(&mut v.answers), &v.codes))
        .collect()
}

/// The evaluation workbook filled and ready to save (its long sheets already
/// on disk), holding nothing of `inputs` or `analysis`: the caller can let
/// them go before the save, which zips the sheets without holding the whole
/// file in memory. `shown[k]` are the answers of `inputs.vendors[k]` as
/// [`take_shown`] left them.
pub(crate) fn fill(
    inputs: &Inputs,
    shown: Vec<Shown>,
    analysis: &Analysis,
    run: &RunInfo,
) -> anyhow::Result<Workbook> {
    build(inputs, analysis, run, matrix::MAX_NOTES, shown)
}

/// The workbook as bytes, with at most `max_notes` remarks as cell notes,
/// made the way `evaluate` makes it: answers taken, then streamed out.
#[cfg(test)]
pub(crate) fn render(
    inputs: &Inputs,
    analysis: &Analysis,
    run: &RunInfo,
    max_notes: usize,
) -> anyhow::Result<Vec<u8>> {
    let mut inputs = inputs.clone();
    let shown = take_shown(&mut inputs);
    let mut bytes = Vec::new();
    build(&inputs, analysis, run, max_notes, shown)?
        .save_to_writer(std::io::Cursor::new(&mut bytes))?;
    Ok(bytes)
}

/// The context every sheet writer reads, for one run, with the vendors
/// under their own names.
pub(crate) fn context<'a>(
    inputs: &'a Inputs,
    analysis: &'a Analysis,
    run: &RunInfo<'a>,
    max_notes: usize,
) -> anyhow::Result<Ctx<'a>> {
    let page = Page::new(run)?;
    let roster = Roster::names(inputs, &page.labels);
    Ok(Ctx {
        page,
        inputs,
        analysis,
        roster,
        max_notes,
    })
}

/// An empty workbook dated `created` and titled `title`, so that the same
/// inputs give the same bytes.
pub(crate) fn new_workbook(title: &str, created: i64) -> anyhow::Result<Workbook> {
    let created = ExcelDateTime::from_timestamp(created)
        .context("the document date is outside the years 1900–9999")?;
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format::fit_text(title, 255).as_ref())
            .set_creation_datetime(&created),
    );
    wb.set_zip_compression_level(ZIP_LEVEL);
    Ok(wb)
}

/// Numbers every format in the workbook, in a fixed order, before any sheet
/// is filled. Streamed sheets number a format when they first write it;
/// with every format already numbered, two of them can be filled side by
/// side and the workbook still comes out the same, byte for byte, each run.
fn register_formats(wb: &mut Workbook, styles: &Styles) -> anyhow::Result<()> {
    // A sheet that is never added to the workbook: only its writes count.
    let mut ws = wb.new_worksheet_with_constant_memory()?;
    for (col, format) in styles.all().into_iter().enumerate() {
        ws.write_blank(0, col as ColNum, format)?;
    }
    Ok(())
}

/// A sheet's writer: names the sheet, fills it, sets its print layout.
type SheetWriter = fn(&mut Worksheet, &Ctx) -> anyhow::Result<()>;

/// The sheets held in memory until the workbook is saved, in workbook
/// order; the Matrix goes after the Summary, the Remarks, Customization
/// and By member after the Sensitivity.
const HELD: [SheetWriter; 6] = [
    summary::write,
    fairness::write,
    sensitivity::write,
    by_area::write,
    validation::write,
    provenance::write,
];

/// The filled workbook, ready to save. `shown[k]` are the answers of
/// `inputs.vendors[k]` as the Matrix and the Remarks show them; they are
/// dropped once both are written.
fn build(
    inputs: &Inputs,
    analysis: &Analysis,
    run: &RunInfo,
    max_notes: usize,
    shown: Vec<Shown>,
) -> anyhow::Result<Workbook> {
    let ctx = context(inputs, analysis, run, max_notes)?;
    let mut wb = new_workbook(&ctx.title, run.created)?;

    // The Matrix (requirements × vendors cells) and the Customization (a
    // row per customized requirement) write their rows in order and stream
    // them to disk (rust_xlsxwriter's constant-memory mode), so 200,000
    // requirements × 12 vendors fit in memory. Their text is written in the
    // cells, not in the shared string table: at 200,000 requirements the
    // table would hold every requirement text until the save, for a file
    // about a sixth smaller. Each is filled on a thread of its own while
    // this thread fills the other sheets.
    register_formats(&mut wb, &ctx.styles)?;
    // The Remarks and By member sheets are streamed too: the By member after
    // the Customization on its thread, the Remarks on this thread once the
    // held sheets are filled, reading the answers the Matrix reads.
    let mut matrix_sheet = wb.new_worksheet_with_constant_memory()?;
    let mut remarks_sheet = wb.new_worksheet_with_constant_memory()?;
    let mut customization_sheet = wb.new_worksheet_with_constant_memory()?;
    let mut by_member_sheet = wb.new_worksheet_with_constant_memory()?;
    let held = std::thread::scope(|scope| {
        let shown = &shown;
        let matrix = scope.spawn(|| matrix::write(&mut matrix_sheet, &ctx, shown));
        let customization = scope.spawn(|| {
            customization::write(&mut customization_sheet, &ctx)?;
            by_member::write(&mut by_member_sheet, &ctx)
        });
        let held = HELD
            .iter()
            .map(|write| {
                let mut ws = Worksheet::new();
                write(&mut ws, &ctx).map(|()| ws)
            })
            .collect::<anyhow::Result<Vec<_>>>()
            .and_then(|held| remarks::write(&mut remarks_sheet, &ctx, shown).map(|()| held));
        for streamed in [matrix, customization] {
            streamed
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        }
        held
    })?;
    // With prices, the Award first and the Price sheet before the Validation.
    let (award_sheet, price_sheet) = match &analysis.award {
        Some(a) => {
            let (mut first, mut price) = (Worksheet::new(), Worksheet::new());
            award::write(&mut first, &ctx, a)?;
            price::write(&mut price, &ctx, a)?;
            (Some(first), Some(price))
        }
        None => (None, None),
    };
    if let Some(sheet) = award_sheet {
        wb.push_worksheet(sheet);
    }
    // No sheet reads the answers any more.
    drop(shown);
    let mut held = held.into_iter();
    let mut next = || held.next().expect("every held sheet");
    let (summary, fairness, sensitivity, by_area) = (next(), next(), next(), next());
    for sheet in [
        summary,
        matrix_sheet,
        fairness,
        sensitivity,
        remarks_sheet,
        customization_sheet,
        by_member_sheet,
        by_area,
    ] {
        wb.push_worksheet(sheet);
    }
    // Then the Decisions, the Committee and the Price when given, then the record.
    if let (Some(decisions), Some(results)) = (&inputs.decisions, &analysis.decisions) {
        let mut ws = Worksheet::new();
        decisions::write(&mut ws, &ctx, decisions, results)?;
        wb.push_worksheet(ws);
    }
    let mut committee_sheet = Worksheet::new();
    if committee::write(&mut committee_sheet, &ctx)? {
        wb.push_worksheet(committee_sheet);
    }
    if let Some(sheet) = price_sheet {
        wb.push_worksheet(sheet);
    }
    for sheet in held {
        wb.push_worksheet(sheet);
    }
    Ok(wb)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use rust_xlsxwriter::Workbook;
    use zip::ZipArchive;

    use super::new_workbook;

    /// A workbook of sheets with `rows[i]` rows of numbers each, made as
    /// every fairbid workbook is made, saved.
    fn saved(rows: &[u32]) -> Vec<u8> {
        let mut wb: Workbook = new_workbook("t", 0).unwrap();
        for &n in rows {
            let ws = wb.add_worksheet();
            for r in 0..n {
                ws.write_number(r, 0, f64::from(r)).unwrap();
                ws.write_number(r, 1, f64::from(r % 977) / 7.0).unwrap();
            }
        }
        let mut bytes = Vec::new();
        wb.save_to_writer(Cursor::new(&mut bytes)).unwrap();
        bytes
    }

    /// The part `name` as stored in the zip: its local header, its
    /// compressed bytes and its data descriptor, up to the next part.
    fn stored(bytes: &[u8], name: &str) -> Vec<u8> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap();
        let at = zip.index_for_name(name).unwrap();
        let start = zip.by_index(at).unwrap().header_start() as usize;
        let end = zip.by_index(at + 1).unwrap().header_start() as usize;
        bytes[start..end].to_vec()
    }

    /// A save compresses the largest sheet as it writes it and, on two cores,
    /// the other large ones ahead on a second thread: a sheet comes out the
    /// same bytes either way (the same deflate stream; the local header with
    /// zero for its CRC, which goes in the data descriptor), so the file does
    /// not depend on the machine.
    #[test]
    fn a_sheet_compressed_ahead_is_stored_as_one_compressed_in_turn() {
        // Sheet 1 (about 2 MB of XML) is compressed ahead beside a larger
        // sheet 2, and in turn when it is the only sheet.
        let beside = saved(&[30_000, 60_000]);
        let alone = saved(&[30_000]);
        let part = "xl/worksheets/sheet1.xml";
        let (ahead, in_turn) = (stored(&beside, part), stored(&alone, part));
        assert!(
            in_turn.len() > 50_000,
            "a large sheet: {} bytes",
            in_turn.len()
        );
        assert_eq!(&in_turn[..4], b"PK\x03\x04");
        assert_eq!(
            in_turn[6] & 0b1000,
            0b1000,
            "a data descriptor follows the data"
        );
        assert_eq!(&in_turn[14..18], [0; 4], "no CRC in the local header");
        assert!(ahead == in_turn, "sheet1.xml is stored differently");
    }
}
