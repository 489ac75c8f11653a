//! Opening a workbook safely, and the workbook as fairbid holds it.
//!
//! Vendor files come from outside the buyer's control. calamine is fast and
//! correct on real workbooks, but a few kilobytes of crafted input can make it
//! reserve terabytes (a shared-string count, a dense sheet grid, a looping
//! compound-file chain), and an allocation failure aborts the whole process:
//! no `catch_unwind` stops it. So a file's bytes are read once (`file`),
//! hashed for the provenance record, sniffed for their real format, and
//! checked by the guard of that format against every number calamine would
//! trust (`package`, `xlsx`, `ods`, `cfb` and `xls`) before calamine parses
//! them from memory. A file that fails a check is refused (`refusal`), and
//! its finding says why. Whatever the format, the cells end in the one model
//! of `sheet`.

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use zip::ZipArchive;

use super::isolate::{self, Reply};
use crate::digest::sha256_hex;
use crate::model::{Finding, FindingKind, Severity};
use crate::settings::Settings;
use file::Container;
use refusal::damaged;

mod bytes;
mod cells;
mod cfb;
#[cfg(test)]
pub(crate) mod crafted;
mod file;
mod ods;
mod package;
mod refusal;
mod sheet;
mod xls;
mod xlsb;
mod xlsx;
mod xlsx_parts;
mod xml;

pub use refusal::{Looks, Refusal};
pub use sheet::{CellValue, MergedRange, Sheet, SheetRow, Visibility, Workbook, cell_text};

/// A workbook that could not be read.
#[derive(Debug)]
pub struct Unreadable {
    /// Severity Error with `file` = the file name (no directories), no
    /// sheet/cell, the refusal as its kind.
    pub finding: Finding,
    /// SHA-256 of the file when its bytes could be read (within the size
    /// limit), so the record still shows what was received.
    pub sha256: Option<String>,
}

/// The name an input is known by in findings and in the run's record: the
/// file name without its directories (the whole path when it has none, as
/// `..`). One function, so that a file is named alike wherever it appears.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Opens a workbook after the safety checks.
// The error is the validation row itself, returned once per file: its size
// costs nothing, and callers push it straight into the findings.
#[allow(clippy::result_large_err)]
///
/// With [`Settings::reader`] set (the binary), the file is parsed in a
/// process of its own (`read::isolate`), so that no file can take the run
/// down; otherwise here.
pub fn open(path: &Path, settings: &Settings) -> Result<Workbook, Unreadable> {
    let reply = match &settings.reader {
        Some(exe) => {
            isolate::read_in_child(exe, path, settings).unwrap_or_else(|stopped| Reply::Refused {
                refusal: Refusal::ReaderStopped(stopped),
                sha256: isolate::hash_file(path, settings),
            })
        }
        None => parse(path, settings),
    };
    into_workbook(path, reply)
}

/// The workbook a parse gave, or the row saying why there is none.
#[allow(clippy::result_large_err)]
pub(crate) fn into_workbook(path: &Path, reply: Reply) -> Result<Workbook, Unreadable> {
    let file = file_name(path);
    let refuse = |refusal: Refusal, sha256: Option<String>| Unreadable {
        finding: Finding::file(&file, Severity::Error, FindingKind::Refused(refusal)),
        sha256,
    };
    match reply {
        Reply::Read { sha256, sheets } => Ok(Workbook {
            path: path.to_path_buf(),
            file: file.clone(),
            sha256,
            sheets,
        }),
        Reply::Refused { refusal, sha256 } => Err(refuse(refusal, sha256)),
    }
}

/// Reads, hashes, checks and parses a file in this process: what a reader
/// child does, and what `open` does without one.
pub(crate) fn parse(path: &Path, settings: &Settings) -> Reply {
    let bytes = match file::read_bounded(path, settings.max_file_bytes(), settings.max_file_mib) {
        Ok(bytes) => bytes,
        Err(refusal) => {
            return Reply::Refused {
                refusal,
                sha256: None,
            };
        }
    };
    let sha256 = sha256_hex(&bytes);
    match read_sheets(&bytes, settings) {
        Ok(sheets) => Reply::Read { sha256, sheets },
        Err(refusal) => Reply::Refused {
            refusal,
            sha256: Some(sha256),
        },
    }
}

/// Reads the sheets of a workbook held in memory, whatever its format.
pub fn read_sheets(bytes: &[u8], settings: &Settings) -> Result<Vec<Sheet>, Refusal> {
    guarded(|| read_any(bytes, settings))
}

fn read_any(bytes: &[u8], settings: &Settings) -> Result<Vec<Sheet>, Refusal> {
    match file::sniff(bytes) {
        Container::Not(looks) => Err(Refusal::NotWorkbook(looks)),
        Container::Compound => xls::read(bytes),
        Container::Zip => read_zip(bytes, settings),
    }
}

/// The detail of a refusal made from a caught panic; tests tell it apart
/// from the refusals the checks and parsers make on purpose.
pub(crate) const PANIC_DETAIL: &str = "the reader stopped on malformed data";

/// Runs a parser, turning a panic on malformed input into a refusal. (An
/// allocation failure cannot be caught: that is what the guards are for.)
fn guarded<T>(parse: impl FnOnce() -> Result<T, Refusal>) -> Result<T, Refusal> {
    catch_unwind(AssertUnwindSafe(parse)).unwrap_or_else(|_| Err(damaged(PANIC_DETAIL)))
}

fn read_zip(bytes: &[u8], settings: &Settings) -> Result<Vec<Sheet>, Refusal> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    package::check_part_sizes(&zip, settings.max_part_bytes(), settings.max_part_mib)?;
    match ods::open_document_kind(&mut zip) {
        Some(Ok(())) => ods::read(bytes, &mut zip),
        Some(Err(looks)) => Err(Refusal::NotWorkbook(looks)),
        None => xlsx::read(bytes, &mut zip),
    }
}

#[cfg(test)]
mod tests;

/// A zip package's bytes for editing (`fairbid blind`), read within the
/// size limit with its parts' declared sizes checked, as `open` checks them
/// before parsing; `Ok(None)` when the file is no zip (an `.xls` renamed).
pub fn read_package(path: &Path, settings: &Settings) -> Result<Option<Vec<u8>>, Refusal> {
    let bytes = file::read_bounded(path, settings.max_file_bytes(), settings.max_file_mib)?;
    if file::sniff(&bytes) != Container::Zip {
        return Ok(None);
    }
    let zip = ZipArchive::new(Cursor::new(&bytes[..])).map_err(damaged)?;
    package::check_part_sizes(&zip, settings.max_part_bytes(), settings.max_part_mib)?;
    Ok(Some(bytes))
}
