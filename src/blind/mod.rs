//! Blind review copies (匿名審査, SPEC §15): each response copied under a
//! label, with every trace of its vendor's name taken out of the package.
//!
//! Evaluators score proposals without knowing whose they are; the key that
//! maps labels back to vendors stays with the secretariat. A copy is the
//! vendor's own file edited at the package level (`package`), so it keeps
//! every format, validation, protection and layout the evaluators would see
//! in the original. Names are found in any width and spacing (`terms`); the
//! labels are drawn from a seed written in the key (`seed`), and the key is
//! written and read back by `key`.

pub mod key;
pub mod package;
pub mod seed;
pub mod terms;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::model::{Finding, Refusal, cell_ref};
use crate::normalize::vendor_key;
use crate::read::header::{Field, HeaderNeed, detect_header};
use crate::read::response::{display_name, vendor_name};
use crate::read::workbook::{self, Visibility, Workbook, cell_text};
use crate::settings::Settings;

pub use package::{Counts, Place};
pub use terms::Terms;

/// A vendor name left in a copy on purpose: the response's requirement text
/// (evaluation matches rows by it), for the secretariat to judge.
#[derive(Clone, Debug, PartialEq)]
pub struct Leak {
    pub sheet: String,
    /// A1 reference.
    pub cell: String,
    pub text: String,
}

/// Why a response has no copy.
#[derive(Clone, Debug, PartialEq)]
pub enum NoCopy {
    /// Not an .xlsx or .xlsm file (or a binary workbook under that name):
    /// ask the vendor for the response as .xlsx.
    NotXlsx { extension: String },
    /// The file was refused by the reader's guards (damaged, encrypted,
    /// too large …): the finding says why.
    Refused(Box<Finding>),
    /// The file changed between its reading and its copying.
    Changed,
    /// The package could not be edited (`detail` is the parser's).
    CopyFailed { detail: String },
    /// The copy made did not open: the reader's refusal of it.
    CopyUnreadable(Refusal),
}

/// A response ready to be copied: read, checked, its names known.
#[derive(Debug)]
pub struct Prepared {
    pub file: String,
    pub vendor: String,
    pub sha256: String,
    /// The company name the cover sheet gives, if any.
    pub cover_name: Option<String>,
    pub bytes: Vec<u8>,
    /// The response's requirement texts, as (sheet, cell, text).
    pub requirement_texts: Vec<(String, String, String)>,
}

/// One response as the key records it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub file: String,
    pub vendor: String,
    /// SHA-256 of the original, when its bytes could be read.
    pub sha256: Option<String>,
    pub outcome: Outcome,
}

/// What became of a response.
#[derive(Clone, Debug)]
pub enum Outcome {
    Copied(Copied),
    NotCopied(NoCopy),
}

/// A copy made.
#[derive(Clone, Debug)]
pub struct Copied {
    pub label: String,
    /// The copy's file name in the output folder.
    pub file: String,
    pub sha256: String,
    pub counts: Counts,
    /// Parts dropped from the package.
    pub dropped: Vec<String>,
    pub leaks: Vec<Leak>,
    /// The bytes to write (not kept in the key).
    pub bytes: Vec<u8>,
}

/// Whether a file name ends in `.xlsx` or `.xlsm`, and which.
pub fn package_extension(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" => Some("xlsx"),
        "xlsm" => Some("xlsm"),
        _ => None,
    }
}

/// Reads a response for copying: its extension, the guards and the parse of
/// `workbook::open`, then its package bytes for editing.
///
/// A response that cannot be copied comes back as its key entry.
pub fn prepare(path: &Path, settings: &Settings) -> Result<Prepared, Box<Entry>> {
    let file = workbook::file_name(path);
    let vendor = vendor_name(&file);
    let entry = |sha256, outcome| {
        Box::new(Entry {
            file: file.clone(),
            vendor: vendor.clone(),
            sha256,
            outcome: Outcome::NotCopied(outcome),
        })
    };
    let not_xlsx = || NoCopy::NotXlsx {
        extension: path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    if package_extension(path).is_none() {
        // Hashed within the size limit, as every input is.
        let sha = crate::read::isolate::hash_file(path, settings);
        return Err(entry(sha, not_xlsx()));
    }
    let wb = match workbook::open(path, settings) {
        Ok(wb) => wb,
        Err(unreadable) => {
            let refused = NoCopy::Refused(Box::new(unreadable.finding));
            return Err(entry(unreadable.sha256, refused));
        }
    };
    let bytes = match workbook::read_package(path, settings) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(entry(Some(wb.sha256.clone()), not_xlsx())),
        Err(refusal) => {
            let finding = Finding::file(
                &file,
                crate::model::Severity::Error,
                crate::model::FindingKind::Refused(refusal),
            );
            return Err(entry(Some(wb.sha256), NoCopy::Refused(Box::new(finding))));
        }
    };
    let sha = crate::digest::sha256_hex(&bytes);
    if sha != wb.sha256 {
        return Err(entry(Some(sha), NoCopy::Changed));
    }
    Ok(Prepared {
        cover_name: display_name(&wb),
        requirement_texts: requirement_texts(&wb),
        file,
        vendor,
        sha256: sha,
        bytes,
    })
}

/// Every text of the requirement-text column of the response's sheets, as
/// (sheet, cell, text): evaluation matches rows by these, so they stay.
fn requirement_texts(wb: &Workbook) -> Vec<(String, String, String)> {
    let mut texts = Vec::new();
    for sheet in wb
        .sheets
        .iter()
        .filter(|s| s.visibility == Visibility::Visible)
    {
        let Some(header) = detect_header(sheet, HeaderNeed::Response) else {
            continue;
        };
        let Some(col) = header.columns.get(Field::Text) else {
            continue;
        };
        for row in sheet.rows.iter().filter(|r| r.index > header.row) {
            let text = cell_text(row.get(col));
            if !text.is_empty() {
                texts.push((
                    sheet.name.clone(),
                    cell_ref(row.index, col),
                    text.into_owned(),
                ));
            }
        }
    }
    texts
}

/// A vendor's terms: its name, its cover sheet's name and its
/// `blind_terms` (the settings key matched as vendor names are matched).
pub fn vendor_terms(prepared: &Prepared, settings: &Settings, label: &str) -> Terms {
    let key = vendor_key(&prepared.vendor);
    let extra = (settings.blind_terms.iter())
        .filter(|(vendor, _)| vendor_key(vendor) == key)
        .flat_map(|(_, terms)| terms.iter().map(String::as_str));
    let names = [
        Some(prepared.vendor.as_str()),
        prepared.cover_name.as_deref(),
    ];
    Terms::new(names.into_iter().flatten().chain(extra), label)
}

/// The key entry of a prepared response copied under `label`: the package
/// edited, and the copy checked to open before it is handed back.
pub fn copy_entry(prepared: Prepared, settings: &Settings, label: &str, extension: &str) -> Entry {
    let outcome = match make_copy(&prepared, settings, label, extension) {
        Ok(copied) => Outcome::Copied(copied),
        Err(no) => Outcome::NotCopied(no),
    };
    Entry {
        file: prepared.file,
        vendor: prepared.vendor,
        sha256: Some(prepared.sha256),
        outcome,
    }
}

fn make_copy(
    prepared: &Prepared,
    settings: &Settings,
    label: &str,
    extension: &str,
) -> Result<Copied, NoCopy> {
    let terms = vendor_terms(prepared, settings, label);
    let leaks: Vec<Leak> = (prepared.requirement_texts.iter())
        .filter(|(_, _, text)| terms.occurs_in(text))
        .map(|(sheet, cell, text)| Leak {
            sheet: sheet.clone(),
            cell: cell.clone(),
            text: text.clone(),
        })
        .collect();
    let kept: HashSet<String> = leaks.iter().map(|l| l.text.clone()).collect();
    let blinding = package::Blinding {
        terms: &terms,
        kept: &kept,
    };
    let edited = package::blind_package(&prepared.bytes, &blinding)
        .map_err(|e| NoCopy::CopyFailed { detail: e.0 })?;
    workbook::read_sheets(&edited.bytes, settings).map_err(NoCopy::CopyUnreadable)?;
    Ok(Copied {
        label: label.to_string(),
        file: format!("{label}.{extension}"),
        sha256: crate::digest::sha256_hex(&edited.bytes),
        counts: edited.counts,
        dropped: edited.dropped,
        leaks,
        bytes: edited.bytes,
    })
}

/// The path of a copy in the output folder.
pub fn copy_path(dir: &Path, copied: &Copied) -> PathBuf {
    dir.join(&copied.file)
}
