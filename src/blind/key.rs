//! The key of a blind review (SPEC §15): which label is which vendor, and
//! the record that the copies hide it.
//!
//! The key is what the secretariat files and shows if the fairness of the
//! review is questioned: the seed the labels were drawn from, each original
//! and each copy by SHA-256 (so anyone can check that the copies evaluated
//! are the ones made from the responses received), what was replaced where,
//! and what was left for the secretariat to judge. `evaluate --key` reads it
//! back to name the vendors behind the labels.

use std::collections::HashMap;
use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::{Entry, NoCopy, Outcome, Place};
use crate::model::{
    Finding, FindingKind, HeaderNeed, InputFile, Inputs, Lang, Role, Severity, VendorId,
};
use crate::normalize::{Found, VendorKeys};
use crate::read::sheet_checks::{Reporter, for_each_table_sheet};
use crate::read::table::{Column, Schema};
use crate::read::workbook::{self, cell_text};
use crate::settings::Settings;
use crate::write::Labels;
use crate::write::labels::BlindLabels;

/// The key's columns read back: the label and the vendor.
const KEY_SCHEMA: Schema = Schema {
    need: HeaderNeed::Key,
    columns: &[
        Column {
            aliases: &["ラベル", "Label", "匿名ラベル"],
            required: true,
        },
        Column {
            aliases: &["ベンダー", "Vendor", "事業者名", "提案者名"],
            required: true,
        },
    ],
};
const LABEL: usize = 0;
const VENDOR: usize = 1;

/// Everything the key workbook records of one run.
pub struct KeyRecord<'a> {
    pub seed: u64,
    pub entries: &'a [Entry],
    pub lang: Lang,
    /// The document date, as `evaluate` dates its workbook.
    pub created: i64,
    pub marking: &'a str,
}

/// The key workbook's bytes.
pub fn key_workbook(record: &KeyRecord) -> anyhow::Result<Vec<u8>> {
    let labels = Labels::load(record.lang)?;
    let t = &labels.blind;
    let mut wb = Workbook::new();
    let created = rust_xlsxwriter::ExcelDateTime::from_timestamp(record.created)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#D9E1F2")
        .set_border(FormatBorder::Thin);
    let cell = Format::new().set_text_wrap().set_border(FormatBorder::Thin);
    let number = Format::new().set_border(FormatBorder::Thin);

    let ws = wb.add_worksheet();
    ws.set_name(&t.key_sheet)?;
    ws.write_with_format(0, 0, &t.title, &Format::new().set_bold().set_font_size(14))?;
    ws.write(0, 5, record.marking)?;
    ws.write_with_format(1, 0, &t.seed, &bold)?;
    // As text: a 64-bit seed does not fit an Excel number's 15 digits.
    ws.write_string(1, 1, record.seed.to_string())?;
    ws.write_with_format(1, 3, &labels.common.date, &bold)?;
    ws.write(
        1,
        4,
        crate::write::xlsx::format::date_text(record.created, record.lang),
    )?;
    ws.write(2, 0, &t.how_to_check)?;
    let mut headers = vec![
        &t.label,
        &t.vendor,
        &t.original,
        &t.original_sha256,
        &t.copy,
        &t.copy_sha256,
    ];
    let place_headers = [
        &t.place_cells,
        &t.place_comments,
        &t.place_headers_footers,
        &t.place_sheet_names,
        &t.place_defined_names,
        &t.place_text_boxes,
        &t.place_properties,
    ];
    headers.extend(place_headers);
    headers.extend([&t.dropped, &t.leaks, &t.note]);
    const HEADER_ROW: u32 = 4;
    for (c, h) in headers.iter().enumerate() {
        ws.write_with_format(HEADER_ROW, c as u16, h.as_str(), &head)?;
    }
    for (i, entry) in record.entries.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        write_entry(ws, row, entry, t, &labels, (&cell, &number))?;
    }
    let widths = [12.0, 22.0, 24.0, 30.0, 16.0, 30.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for c in 6..13u16 {
        ws.set_column_width(c, 9.0)?;
    }
    ws.set_column_width(13, 10.0)?;
    ws.set_column_width(14, 10.0)?;
    ws.set_column_width(15, 50.0)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    page(ws, record.marking, HEADER_ROW)?;

    let leaks = wb.add_worksheet();
    leaks.set_name(&t.leaks_sheet)?;
    leaks.write_with_format(0, 0, &t.leaks_title, &bold)?;
    leaks.write(1, 0, &t.leaks_advice)?;
    for (c, h) in [&t.label, &t.vendor, &t.sheet, &t.cell, &t.text]
        .iter()
        .enumerate()
    {
        leaks.write_with_format(3, c as u16, h.as_str(), &head)?;
    }
    let mut row = 4;
    for entry in record.entries {
        let Outcome::Copied(copied) = &entry.outcome else {
            continue;
        };
        for leak in &copied.leaks {
            leaks.write_with_format(row, 0, &copied.label, &cell)?;
            leaks.write_with_format(row, 1, &entry.vendor, &cell)?;
            leaks.write_with_format(row, 2, &leak.sheet, &cell)?;
            leaks.write_with_format(row, 3, &leak.cell, &cell)?;
            leaks.write_with_format(row, 4, &leak.text, &cell)?;
            row += 1;
        }
    }
    if row == 4 {
        leaks.write(4, 0, &t.no_leaks)?;
    }
    for (c, w) in [12.0, 22.0, 16.0, 8.0, 70.0].iter().enumerate() {
        leaks.set_column_width(c as u16, *w)?;
    }
    page(leaks, record.marking, 3)?;
    Ok(wb.save_to_buffer()?)
}

/// One response's row.
fn write_entry(
    ws: &mut Worksheet,
    row: u32,
    entry: &Entry,
    t: &BlindLabels,
    labels: &Labels,
    (cell, number): (&Format, &Format),
) -> anyhow::Result<()> {
    ws.write_with_format(row, 1, &entry.vendor, cell)?;
    ws.write_with_format(row, 2, &entry.file, cell)?;
    ws.write_with_format(row, 3, entry.sha256.as_deref().unwrap_or(""), cell)?;
    match &entry.outcome {
        Outcome::Copied(copied) => {
            ws.write_with_format(row, 0, &copied.label, cell)?;
            ws.write_with_format(row, 4, &copied.file, cell)?;
            ws.write_with_format(row, 5, &copied.sha256, cell)?;
            for (k, place) in Place::ALL.iter().enumerate() {
                ws.write_with_format(row, 6 + k as u16, copied.counts.get(*place) as f64, number)?;
            }
            ws.write_with_format(row, 13, copied.dropped.len() as f64, number)?;
            ws.write_with_format(row, 14, copied.leaks.len() as f64, number)?;
            let note = if copied.leaks.is_empty() {
                String::new()
            } else {
                t.note_leaks.clone()
            };
            ws.write_with_format(row, 15, note, cell)?;
        }
        Outcome::NotCopied(why) => {
            for c in [0u16, 4, 5].into_iter().chain(6..15) {
                ws.write_blank(row, c, cell)?;
            }
            let note = match why {
                NoCopy::NotXlsx { extension } => t.not_xlsx.replace("{extension}", extension),
                NoCopy::Refused(finding) => {
                    format!("{} {}", t.refused, labels.finding_message(finding))
                }
                NoCopy::Changed => t.changed.clone(),
                NoCopy::CopyFailed { detail } => t.copy_failed.replace("{detail}", detail),
                NoCopy::CopyUnreadable(refusal) => t
                    .copy_failed
                    .replace("{detail}", &labels.refusal_message(refusal)),
            };
            ws.write_with_format(row, 15, note, cell)?;
        }
    }
    Ok(())
}

/// A4 landscape, fit to the width, the header rows repeated, the marking
/// in the page header.
fn page(ws: &mut Worksheet, marking: &str, header_row: u32) -> anyhow::Result<()> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    if !marking.is_empty() {
        ws.set_header(format!("&R{}", marking.replace('&', "&&")));
    }
    ws.set_footer("&C&P / &N");
    Ok(())
}

/// The labels and vendors of a key, as read back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyNames {
    /// (label, vendor), in the key's order.
    pub pairs: Vec<(String, String)>,
}

impl KeyNames {
    /// The vendor behind a label (compared as vendor names are compared).
    pub fn name_of(&self, label: &str) -> Option<&str> {
        let keys = VendorKeys::new(self.pairs.iter().map(|(l, _)| l.as_str()));
        match keys.find(label)? {
            Found::One(i) => Some(self.pairs[i].1.as_str()),
            Found::Ambiguous => None,
        }
    }

    /// The label of the vendor a price or decision row names, written as
    /// the vendor's real name or as its label.
    pub fn find(&self, written: &str) -> Option<&str> {
        let by_label = VendorKeys::new(self.pairs.iter().map(|(l, _)| l.as_str()));
        let by_name = VendorKeys::new(self.pairs.iter().map(|(_, v)| v.as_str()));
        let found = by_label.find(written).or_else(|| by_name.find(written))?;
        match found {
            Found::One(i) => Some(self.pairs[i].0.as_str()),
            Found::Ambiguous => None,
        }
    }
}

/// Reads a key workbook: its (label, vendor) pairs, and the findings of its
/// rows (no header, a label twice, a label without its vendor). A key that
/// cannot be read gives no pair and its refusal.
pub fn read_key(path: &Path, settings: &Settings, file_order: usize) -> KeyRead {
    let mut findings = Vec::new();
    let wb = match workbook::open(path, settings) {
        Ok(wb) => wb,
        Err(unreadable) => {
            let mut finding = unreadable.finding;
            finding.order.0 = file_order;
            return KeyRead {
                names: KeyNames::default(),
                findings: vec![finding],
                file: unreadable.sha256.map(|sha256| InputFile {
                    file: workbook::file_name(path),
                    role: Role::Key,
                    sha256,
                    rows: 0,
                }),
            };
        }
    };
    let mut names = KeyNames::default();
    let mut first_row: HashMap<String, (String, u32)> = HashMap::new();
    let mut r = Reporter::new(&wb.file, file_order, &mut findings);
    // The key's own table is its first: the sheet of names left repeats
    // labels and vendors under the same headers, one row per leak.
    let mut read_one = false;
    for_each_table_sheet(&mut r, &wb, &KEY_SCHEMA, |r, sheet, header| {
        let (Some(label_col), Some(vendor_col)) = (header.col(LABEL), header.col(VENDOR)) else {
            return;
        };
        if std::mem::replace(&mut read_one, true) {
            return;
        }
        for row in sheet.rows.iter().filter(|row| row.index > header.row) {
            let label = cell_text(row.get(label_col)).trim().to_string();
            let vendor = cell_text(row.get(vendor_col)).trim().to_string();
            if label.is_empty() {
                // A response that was not copied has no label: nothing to name.
                continue;
            }
            if vendor.is_empty() {
                let f = r
                    .on(sheet, Severity::Error, FindingKind::KeyVendorBlank)
                    .at_cell(row.index, vendor_col)
                    .with_value(label.clone());
                r.push(f);
                continue;
            }
            let key = crate::normalize::vendor_key(&label);
            if let Some((first_sheet, first)) = first_row.get(&key) {
                let kind = FindingKind::KeyLabelTwice {
                    label: label.clone(),
                    first_sheet: first_sheet.clone(),
                    first_row: first + 1,
                };
                let f = r
                    .on(sheet, Severity::Error, kind)
                    .at_cell(row.index, label_col)
                    .with_value(label);
                r.push(f);
                continue;
            }
            first_row.insert(key, (sheet.name.clone(), row.index));
            names.pairs.push((label, vendor));
        }
    });
    let file = InputFile {
        file: wb.file.clone(),
        role: Role::Key,
        sha256: wb.sha256.clone(),
        rows: names.pairs.len(),
    };
    KeyRead {
        names,
        findings,
        file: Some(file),
    }
}

/// What reading a key gave.
#[derive(Debug)]
pub struct KeyRead {
    pub names: KeyNames,
    /// Its problems, as validation rows.
    pub findings: Vec<Finding>,
    /// The key for the run's record, when its bytes could be read.
    pub file: Option<InputFile>,
}

impl KeyRead {
    /// Reads the key of `evaluate --key`, before the other inputs: the
    /// prices name the real vendors, and are matched through it.
    pub fn of_evaluation(path: &Path, settings: &Settings) -> KeyRead {
        read_key(path, settings, 0)
    }

    /// Puts the key into the inputs read: its names for the writers, its
    /// problems among the findings (after every other file's).
    pub fn attach(self, inputs: &mut Inputs) {
        let order = inputs.files.len() + inputs.findings.len() + 1;
        inputs
            .findings
            .extend(self.findings.into_iter().map(|mut finding| {
                finding.order.0 = order;
                finding
            }));
        inputs.files.extend(self.file);
        inputs.key = Some(self.names);
    }
}

/// The evaluated vendor a price or decision row names, written as the
/// vendor's real name (through the key) or as its label; `None` when no
/// vendor or more than one answers to it.
pub fn vendor_named(inputs: &Inputs, written: &str) -> Option<VendorId> {
    let keys = VendorKeys::new(inputs.vendors.iter().map(|v| v.name.as_str()));
    let label = inputs.key.as_ref().and_then(|k| k.find(written));
    match keys.find(label.unwrap_or(written))? {
        Found::One(i) => Some(VendorId::new(i)),
        Found::Ambiguous => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::VendorResponse;

    fn key() -> KeyNames {
        KeyNames {
            pairs: vec![
                ("提案者A".into(), "株式会社さくら電算".into()),
                ("提案者B".into(), "ひかり情報".into()),
            ],
        }
    }

    #[test]
    fn a_label_gives_its_vendor_and_a_name_or_label_gives_the_label() {
        let key = key();
        assert_eq!(key.name_of("提案者A"), Some("株式会社さくら電算"));
        assert_eq!(key.name_of("提案者Ｂ"), Some("ひかり情報"));
        assert_eq!(key.name_of("提案者C"), None);
        assert_eq!(key.find("さくら電算（株）"), Some("提案者A"));
        assert_eq!(key.find("提案者B"), Some("提案者B"));
        assert_eq!(key.find("みどり技研"), None);
    }

    #[test]
    fn price_and_decision_rows_find_the_vendor_by_name_or_label() {
        let vendor = |name: &str| VendorResponse {
            name: name.into(),
            display_name: None,
            file: format!("{name}.xlsx"),
            codes: Default::default(),
            copies: Default::default(),
            answers: Vec::new(),
        };
        let mut inputs = Inputs {
            vendors: vec![vendor("提案者B"), vendor("提案者A")],
            ..Inputs::default()
        };
        assert_eq!(vendor_named(&inputs, "提案者A"), Some(VendorId::new(1)));
        assert_eq!(vendor_named(&inputs, "ひかり情報"), None);
        inputs.key = Some(key());
        assert_eq!(vendor_named(&inputs, "ひかり情報"), Some(VendorId::new(0)));
        assert_eq!(
            vendor_named(&inputs, "㈱さくら電算"),
            Some(VendorId::new(1))
        );
        assert_eq!(vendor_named(&inputs, "提案者A"), Some(VendorId::new(1)));
        assert_eq!(vendor_named(&inputs, "みどり技研"), None);
    }
}
