//! Reading every input of one run: the matrix, each vendor's response, the
//! members' requests.
//!
//! The matrix and the requests are required inputs: when they cannot be read
//! the run stops (exit 2) with a message naming the file. A vendor's file is
//! never required: a broken one becomes an error row and the other vendors are
//! still evaluated. Vendors are read on all cores, one workbook per worker at a
//! time, and each workbook is dropped as soon as its answers are taken, so
//! memory holds the answers, not the workbooks.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Result, anyhow};

use crate::model::{Finding, InputFile, Inputs, Lang, Role, Severity, VendorResponse};
use crate::normalize::Legend;
use crate::read::matrix::{Matrix, read_matrix};
use crate::read::requests::read_requests;
use crate::read::response::read_response;
use crate::read::workbook::{Workbook, open, sha256_hex};
use crate::settings::Settings;

/// What to read.
pub struct InputPaths<'a> {
    pub requirements: &'a Path,
    /// Response workbooks, already expanded from folders.
    pub responses: &'a [PathBuf],
    pub requests: Option<&'a Path>,
    pub settings: Option<&'a Path>,
}

/// Reads every input. `on_vendor` is called after each vendor file (for progress).
pub fn read_inputs(
    paths: &InputPaths,
    settings: &Settings,
    lang: Lang,
    on_vendor: &(dyn Fn(&Path) + Sync),
) -> Result<Inputs> {
    let mut findings = Vec::new();
    let mut files = Vec::new();

    let matrix_wb = open_required(paths.requirements, settings, lang)?;
    let matrix = read_matrix(&matrix_wb, settings, lang, 0, &mut findings);
    if matrix.requirements.is_empty() {
        let detail = findings
            .iter()
            .find(|f| f.severity == Severity::Error)
            .map(|f| format!(" ({})", f.message))
            .unwrap_or_default();
        return Err(anyhow!(
            "{}: {}{detail}",
            paths.requirements.display(),
            lang.pick(
                "要件が1件も読めません。要件IDと要件内容の見出し行（例: 要件ID・要件内容）を1〜20行目に置いてください",
                "no requirement could be read; put a header row with an ID and a requirement text column (e.g. 要件ID, 要件内容) in rows 1–20"
            )
        ));
    }
    files.push(input_file(
        &matrix_wb,
        Role::Requirements,
        matrix.requirements.len(),
    ));
    drop(matrix_wb);

    let legend = Legend::new(&settings.legend);
    let vendor_results = read_vendors(paths.responses, &matrix, &legend, settings, lang, on_vendor);
    let mut vendors: Vec<VendorResponse> = Vec::new();
    for result in vendor_results {
        findings.extend(result.findings);
        if let Some(file) = result.file {
            files.push(file);
        }
        if let Some(vendor) = result.vendor {
            if let Some(first) = vendors.iter().find(|v| v.name == vendor.name) {
                findings.push(
                    Finding::file(
                        &vendor.file,
                        Severity::Error,
                        match lang {
                            Lang::Ja => format!(
                                "ベンダー名「{}」が {} と重複しています（ベンダー名はファイル名です）。どちらかのファイル名を変えてください。この回答は評価に含めていません。",
                                vendor.name, first.file
                            ),
                            Lang::En => format!(
                                "vendor name “{}” repeats {} (the file name is the vendor's name); rename one of the files. This response was left out.",
                                vendor.name, first.file
                            ),
                        },
                    )
                    .with_value(vendor.name.clone()),
                );
                continue;
            }
            vendors.push(vendor);
        }
    }

    let requests = match paths.requests {
        Some(path) => {
            let wb = open_required(path, settings, lang)?;
            let order = 1 + paths.responses.len();
            let requests = read_requests(&wb, &matrix, settings, lang, order, &mut findings);
            let rows = requests.by_requirement.iter().map(Vec::len).sum();
            files.push(input_file(&wb, Role::Requests, rows));
            Some(requests)
        }
        None => None,
    };

    if let Some(path) = paths.settings {
        let bytes = std::fs::read(path)
            .map_err(|e| anyhow!("{}: cannot read the settings file: {e}", path.display()))?;
        files.push(InputFile {
            file: file_name(path),
            role: Role::Settings,
            sha256: sha256_hex(&bytes),
            rows: 0,
        });
    }

    findings.sort_by_key(|f| f.order);
    Ok(Inputs {
        requirements: matrix.requirements,
        vendors,
        requests,
        findings,
        files,
    })
}

/// One vendor file's outcome.
struct VendorRead {
    vendor: Option<VendorResponse>,
    file: Option<InputFile>,
    findings: Vec<Finding>,
}

/// Reads the vendors on every core; results come back in the order given.
fn read_vendors(
    paths: &[PathBuf],
    matrix: &Matrix,
    legend: &Legend,
    settings: &Settings,
    lang: Lang,
    on_vendor: &(dyn Fn(&Path) + Sync),
) -> Vec<VendorRead> {
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<VendorRead>>> =
        Mutex::new((0..paths.len()).map(|_| None).collect());
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(paths.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    let result = read_vendor(path, i + 1, matrix, legend, settings, lang);
                    on_vendor(path);
                    slots
                        .lock()
                        .expect("no worker panics while holding the lock")[i] = Some(result);
                }
            });
        }
    });
    slots
        .into_inner()
        .expect("workers finished")
        .into_iter()
        .map(|slot| slot.expect("every vendor read"))
        .collect()
}

fn read_vendor(
    path: &Path,
    order: usize,
    matrix: &Matrix,
    legend: &Legend,
    settings: &Settings,
    lang: Lang,
) -> VendorRead {
    let mut findings = Vec::new();
    let wb = match open(path, settings, lang) {
        Ok(wb) => wb,
        Err(mut finding) => {
            finding.order.0 = order;
            return VendorRead {
                vendor: None,
                file: unreadable_file(path, settings),
                findings: vec![finding],
            };
        }
    };
    let vendor = read_response(&wb, matrix, legend, settings, lang, order, &mut findings);
    let rows = vendor
        .as_ref()
        .map_or(0, |v| v.answers.iter().filter(|a| a.cell.is_some()).count());
    VendorRead {
        file: Some(input_file(&wb, Role::Response, rows)),
        vendor,
        findings,
    }
}

/// Opens a required input; failure stops the run with the finding's message.
fn open_required(path: &Path, settings: &Settings, lang: Lang) -> Result<Workbook> {
    open(path, settings, lang).map_err(|f| anyhow!("{}: {}", path.display(), f.message))
}

fn input_file(wb: &Workbook, role: Role, rows: usize) -> InputFile {
    InputFile {
        file: wb.file.clone(),
        role,
        sha256: wb.sha256.clone(),
        rows,
    }
}

/// Provenance of a response that could not be read: its hash when the file
/// is within the size limit, so the record still shows what was received.
fn unreadable_file(path: &Path, settings: &Settings) -> Option<InputFile> {
    let size = std::fs::metadata(path).ok()?.len();
    if size > settings.max_file_bytes() {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    Some(InputFile {
        file: file_name(path),
        role: Role::Response,
        sha256: sha256_hex(&bytes),
        rows: 0,
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
