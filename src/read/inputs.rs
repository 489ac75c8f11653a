//! Reading every input of one run: the matrix, each vendor's response, the
//! members' requests.
//!
//! The matrix and the requests are required inputs: when they cannot be read
//! the run stops (exit 2) with a [`Stop`] naming the file, which the command
//! words. A vendor's file is
//! never required: a broken one becomes an error row and the other vendors are
//! still evaluated. Vendors are read on all cores, one workbook per worker at a
//! time, and each workbook is dropped as soon as its answers are taken, so
//! memory holds the answers, not the workbooks.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::{Scope, ScopedJoinHandle};

use crate::blind::key::KeyNames;
use crate::model::{
    Finding, FindingKind, InputFile, Inputs, MemberRequests, OtherFile, Role, Severity,
    VendorResponse,
};
use crate::normalize::Legend;
use crate::read::duplicates::{self, Received};
use crate::read::isolate::Reply;
use crate::read::matrix::{Matrix, read_matrix};
use crate::read::prices::{PriceRow, match_prices, read_price_rows};
use crate::read::requests::read_requests;
use crate::read::response::read_response;
use crate::read::table::TaxNote;
use crate::read::workbook::{Unreadable, Workbook, file_name, into_workbook, open};
use crate::settings::Settings;

/// Why a run stops while reading: a required input that gives nothing to
/// evaluate. The command words it in the run's language.
#[derive(Debug)]
pub enum Stop {
    /// A required input (the matrix, the requests) could not be opened; the
    /// finding says why.
    Unreadable { path: PathBuf, finding: Finding },
    /// No requirement could be read from the matrix; `first_error` is the
    /// matrix's first error finding, when it has one.
    NoRequirement {
        path: PathBuf,
        first_error: Option<Finding>,
    },
}

/// Opens an input the run cannot do without: failure stops the run.
#[allow(clippy::result_large_err)]
pub fn open_required(path: &Path, settings: &Settings) -> Result<Workbook, Stop> {
    open(path, settings).map_err(|u| Stop::Unreadable {
        path: path.to_path_buf(),
        finding: u.finding,
    })
}

/// What to read.
pub struct InputPaths<'a> {
    pub requirements: &'a Path,
    /// Response workbooks, already expanded from folders.
    pub responses: &'a [PathBuf],
    /// The files of the responses folders that are not workbooks: a row each.
    pub not_workbooks: &'a [PathBuf],
    pub requests: Option<&'a Path>,
    pub settings: Option<&'a Path>,
    /// The prices (SPEC §12).
    pub prices: Option<&'a Path>,
    /// The key of blind copies (SPEC §15): a price row names the vendor by
    /// its real name or its label.
    pub key: Option<&'a KeyNames>,
}

/// Reads every input. `on_vendor` is called after each vendor file (for progress).
///
/// Parsing a vendor's workbook does not need the matrix, only matching its
/// rows does: the vendors' workbooks are parsed on every core while this
/// thread reads the matrix and then the requests, and each vendor waits for
/// the matrix only to match its rows.
#[allow(clippy::result_large_err)]
pub fn read_inputs(
    paths: &InputPaths,
    settings: &Settings,
    on_vendor: &(dyn Fn(&Path) + Sync),
) -> Result<Inputs, Stop> {
    let legend = Legend::new(&settings.legend);
    // Set once: the matrix, or `None` when the run stops without one.
    let matrix: OnceLock<Option<Matrix>> = OnceLock::new();
    let mut order: Vec<usize> = (0..paths.responses.len()).collect();
    // Largest first (see `VendorReader::order`): one metadata call per file,
    // not one per comparison.
    let size = |i: usize| std::fs::metadata(&paths.responses[i]).map_or(0, |m| m.len());
    order.sort_by_cached_key(|&i| std::cmp::Reverse(size(i)));
    let vendors = VendorReader {
        paths: paths.responses,
        order,
        next: AtomicUsize::new(0),
        matrix: &matrix,
        matrix_message: MatrixMessage::default(),
        legend: &legend,
        settings,
        on_vendor,
    };
    let (required, vendor_results) = std::thread::scope(|scope| {
        let workers = vendors.spawn(scope);
        let required = {
            // Published even when reading stops early, so no vendor waits forever.
            let publish = Publish(&matrix);
            read_required(paths, settings, &publish)
        };
        let vendor_results = vendors.collect(workers);
        (required, vendor_results)
    });
    // The workers' reader processes ended with them; this thread's goes now.
    crate::read::isolate::end_this_threads_reader();
    let Required {
        mut findings,
        mut files,
        requests,
        requests_file,
        prices,
    } = required?;
    let requirements = matrix
        .into_inner()
        .flatten()
        .map(|m| m.requirements)
        .unwrap_or_default();

    let screened = screen_responses(&vendor_results);
    findings.extend(screened.findings);
    let mut vendors: Vec<VendorResponse> = Vec::new();
    for (result, evaluated) in vendor_results.into_iter().zip(screened.evaluated) {
        findings.extend(result.findings);
        if let Some(file) = result.file {
            files.push(file);
        }
        if let Some(vendor) = result.vendor.filter(|_| evaluated) {
            if let Some(first) = vendors.iter().find(|v| v.name == vendor.name) {
                let kind = FindingKind::DuplicateVendor {
                    name: vendor.name.clone(),
                    first_file: first.file.clone(),
                };
                findings.push(
                    Finding::file(&vendor.file, Severity::Error, kind)
                        .with_value(vendor.name.clone()),
                );
                continue;
            }
            vendors.push(vendor);
        }
    }

    if let Some(file) = requests_file {
        files.push(file);
    }
    let prices = prices.map(|(rows, file)| {
        let names: Vec<&str> = vendors.iter().map(|v| v.name.as_str()).collect();
        let order = prices_order(paths);
        let prices = match_prices(&file.file, rows, &names, paths.key, order, &mut findings);
        files.push(file);
        prices
    });

    // The hash is the one of the bytes `settings` were parsed from; settings
    // not loaded from that file have none, and no file is recorded.
    if let (Some(path), Some(sha256)) = (paths.settings, &settings.source_sha256) {
        files.push(InputFile {
            file: file_name(path),
            role: Role::Settings,
            sha256: sha256.clone(),
            rows: 0,
        });
    }

    // After every response, in the order the folders gave them.
    for (k, path) in paths.not_workbooks.iter().enumerate() {
        findings.push(not_a_workbook(path, paths.responses.len() + 2 + k));
    }

    findings.sort_by_key(|f| f.order);
    Ok(Inputs {
        requirements,
        vendors,
        requests,
        prices,
        findings,
        files,
        committee: None,
        decisions: None,
        key: None,
    })
}

/// The row of a file in a folder of workbooks that is not one (a CSV, a
/// PDF, a note), at `order` among the inputs' findings.
pub(crate) fn not_a_workbook(path: &Path, order: usize) -> Finding {
    let extension =
        (path.extension()).map_or_else(String::new, |e| e.to_string_lossy().into_owned());
    let kind = OtherFile::of(&extension);
    let mut finding = Finding::file(
        &file_name(path),
        kind.severity(),
        FindingKind::NotAWorkbookInFolder { extension, kind },
    );
    finding.order.0 = order;
    finding
}

/// The prices' place among the inputs' findings: after every other file.
fn prices_order(paths: &InputPaths) -> usize {
    paths.responses.len() + 2 + paths.not_workbooks.len()
}

/// Screens the responses read for copies and second responses (§7); a
/// file that gave no vendor is never a copy of one.
fn screen_responses(results: &[VendorRead]) -> duplicates::Screened {
    let received: Vec<(usize, Received)> = results
        .iter()
        .enumerate()
        .filter_map(|(i, result)| {
            let (vendor, file) = (result.vendor.as_ref()?, result.file.as_ref()?);
            let received = Received {
                file: &file.file,
                sha256: &file.sha256,
                company: vendor.display_name.as_deref(),
                order: i + 1,
            };
            Some((i, received))
        })
        .collect();
    let only: Vec<Received> = received.iter().map(|(_, r)| *r).collect();
    let screened = duplicates::screen(&only);
    let mut evaluated = vec![true; results.len()];
    for ((i, _), kept) in received.iter().zip(&screened.evaluated) {
        evaluated[*i] = *kept;
    }
    duplicates::Screened {
        evaluated,
        findings: screened.findings,
    }
}

/// What the required inputs gave: the matrix's and the requests' findings,
/// the matrix's provenance, the requests.
struct Required {
    findings: Vec<Finding>,
    files: Vec<InputFile>,
    requests: Option<MemberRequests>,
    requests_file: Option<InputFile>,
    /// The price rows, matched to the vendors once they are read.
    prices: Option<(Vec<PriceRow>, InputFile)>,
}

/// Sets the shared matrix to `None` when dropped unset: the vendors waiting
/// for it then stop instead of waiting forever.
struct Publish<'a>(&'a OnceLock<Option<Matrix>>);

impl Publish<'_> {
    fn matrix(&self, matrix: Matrix) -> &Matrix {
        let _ = self.0.set(Some(matrix));
        self.0
            .get()
            .and_then(Option::as_ref)
            .expect("the matrix was just set")
    }
}

impl Drop for Publish<'_> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// Reads the matrix, publishes it to the vendors, then reads the requests.
#[allow(clippy::result_large_err)]
fn read_required(
    paths: &InputPaths,
    settings: &Settings,
    publish: &Publish,
) -> Result<Required, Stop> {
    let mut findings = Vec::new();
    let mut files = Vec::new();

    let matrix_wb = open_required(paths.requirements, settings)?;
    let matrix = read_matrix(&matrix_wb, settings, 0, &mut findings);
    if matrix.requirements.is_empty() {
        return Err(Stop::NoRequirement {
            path: paths.requirements.to_path_buf(),
            first_error: findings.into_iter().find(|f| f.severity == Severity::Error),
        });
    }
    files.push(input_file(
        &matrix_wb,
        Role::Requirements,
        matrix.requirements.len(),
    ));
    drop(matrix_wb);
    let matrix = publish.matrix(matrix);

    let (requests, requests_file) = match paths.requests {
        Some(path) => {
            let wb = open_required(path, settings)?;
            let order = 1 + paths.responses.len();
            let requests = read_requests(&wb, matrix, settings, order, &mut findings);
            let rows = requests.by_requirement.iter().map(Vec::len).sum();
            (Some(requests), Some(input_file(&wb, Role::Requests, rows)))
        }
        None => (None, None),
    };
    let prices = match paths.prices {
        Some(path) => {
            let wb = open_required(path, settings)?;
            let rows = read_price_rows(&wb, settings, prices_order(paths), &mut findings);
            let read = rows.iter().filter(|r| r.price.is_some()).count();
            Some((rows, input_file(&wb, Role::Prices, read)))
        }
        None => None,
    };
    Ok(Required {
        findings,
        files,
        requests,
        requests_file,
        prices,
    })
}

/// Hands freed memory back to the system. glibc keeps what a thread frees
/// in that thread's arena, in pages that the longer-lived allocations made
/// beside them keep from being reused elsewhere: at 200,000 requirements the
/// vendors' workbooks, read and dropped one after the other, would leave
/// hundreds of megabytes that nothing uses in the process. Elsewhere a no-op.
pub(crate) fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim only returns free pages of glibc's heaps to
        // the system; it touches no memory in use and has no preconditions.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// One vendor file's outcome: what a reader process sends back for a
/// response (`read::isolate`), or what this process makes of it.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct VendorRead {
    vendor: Option<VendorResponse>,
    file: Option<InputFile>,
    findings: Vec<Finding>,
}

impl VendorRead {
    /// Gives back what decoding a reply spends beyond what reading the
    /// workbook here would: a vector decoded element by element grows by
    /// doubling, up to a third more than it holds, and each answer's place
    /// comes with its own copy of the sheet's name. At 200,000 requirements
    /// that is 8 MB of room and 8 MB of names a vendor; the answers share
    /// one name a sheet again, as when read in this process.
    pub(crate) fn compacted(mut self) -> VendorRead {
        if let Some(vendor) = &mut self.vendor {
            vendor.answers.shrink_to_fit();
            // Answers come sheet by sheet: the last name is nearly always it.
            let mut sheets: Vec<std::sync::Arc<String>> = Vec::new();
            let mut last = 0;
            for place in vendor.answers.iter_mut().filter_map(|a| a.at.as_mut()) {
                if sheets.get(last).is_none_or(|s| *s != place.sheet) {
                    match sheets.iter().position(|s| *s == place.sheet) {
                        Some(k) => last = k,
                        None => {
                            last = sheets.len();
                            sheets.push(place.sheet.clone());
                        }
                    }
                }
                place.sheet = sheets[last].clone();
            }
        }
        self
    }
}

/// A vendor's workbook, opened or not, matched against the matrix.
pub(crate) fn vendor_read(
    path: &Path,
    opened: Result<Workbook, Unreadable>,
    order: usize,
    matrix: &Matrix,
    (legend, tax_basis): (&Legend, TaxNote),
) -> VendorRead {
    match opened {
        Ok(wb) => read_vendor(&wb, order, matrix, legend, tax_basis),
        Err(Unreadable {
            mut finding,
            sha256,
        }) => {
            finding.order.0 = order;
            VendorRead {
                vendor: None,
                // The hash when the bytes could be read, so the record
                // still shows what was received.
                file: sha256.map(|sha256| InputFile {
                    file: file_name(path),
                    role: Role::Response,
                    sha256,
                    rows: 0,
                }),
                findings: vec![finding],
            }
        }
    }
}

/// Reads the vendors on every core, one workbook per worker at a time.
struct VendorReader<'a> {
    paths: &'a [PathBuf],
    /// Indices into `paths`, largest file first: the long reads start early
    /// and the short ones fill in at the end, so the cores finish together,
    /// and the last workbooks in memory beside all the answers are small.
    order: Vec<usize>,
    /// The next position in `order`.
    next: AtomicUsize,
    matrix: &'a OnceLock<Option<Matrix>>,
    /// The matrix as reader processes receive it.
    matrix_message: MatrixMessage,
    legend: &'a Legend,
    settings: &'a Settings,
    on_vendor: &'a (dyn Fn(&Path) + Sync),
}

/// The matrix as reader processes receive it: encoded once, and let go
/// once each reading thread's process has it, since at 200,000 requirements
/// it is a hundred megabytes held beside every vendor's answers. A process
/// started again after a crash gets it encoded anew.
#[derive(Default)]
struct MatrixMessage {
    encoded: std::sync::Mutex<Option<std::sync::Arc<Vec<u8>>>>,
    /// Processes that have been handed the matrix.
    handed: AtomicUsize,
}

impl MatrixMessage {
    /// The encoded matrix for one process, of `workers` in all.
    fn take(&self, workers: usize, encode: impl FnOnce() -> Vec<u8>) -> std::sync::Arc<Vec<u8>> {
        let mut encoded = self.encoded.lock().unwrap_or_else(|e| e.into_inner());
        let message = (encoded.get_or_insert_with(|| std::sync::Arc::new(encode()))).clone();
        if self.handed.fetch_add(1, Ordering::Relaxed) + 1 >= workers {
            *encoded = None;
        }
        message
    }
}

/// The workers of one run and where they leave each vendor's outcome.
struct Workers<'scope> {
    handles: Vec<ScopedJoinHandle<'scope, Vec<(usize, VendorRead)>>>,
}

impl<'a> VendorReader<'a> {
    fn tax_basis(&self) -> TaxNote {
        tax_basis_of(&self.settings.tax_basis)
    }

    /// Threads reading the vendors: one a core, at most one a file.
    fn workers(&self) -> usize {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(self.paths.len())
    }

    fn spawn<'scope>(&'scope self, scope: &'scope Scope<'scope, '_>) -> Workers<'scope> {
        let handles = (0..self.workers())
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let next = self.next.fetch_add(1, Ordering::Relaxed);
                        let Some(&i) = self.order.get(next) else {
                            break;
                        };
                        let path = &self.paths[i];
                        let Some(result) = self.read(path, i + 1) else {
                            break;
                        };
                        // The workbook is gone; only its answers stay.
                        release_freed_memory();
                        (self.on_vendor)(path);
                        done.push((i, result));
                    }
                    done
                })
            })
            .collect();
        Workers { handles }
    }

    /// Every vendor's outcome in the order given; empty when the matrix
    /// could not be read.
    fn collect(&self, workers: Workers) -> Vec<VendorRead> {
        let mut slots: Vec<Option<VendorRead>> = (0..self.paths.len()).map(|_| None).collect();
        for handle in workers.handles {
            let done = match handle.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            for (i, result) in done {
                slots[i] = Some(result);
            }
        }
        slots.into_iter().flatten().collect()
    }

    /// Parses the vendor's workbook, then waits for the matrix to match its
    /// rows; `None` when the run stopped without a matrix.
    ///
    /// With reader processes, the whole of it happens in this thread's
    /// reader, which gets the matrix once: only the answers come back, not
    /// the sheets, whose trip cost a tenth of the reading.
    fn read(&self, path: &Path, order: usize) -> Option<VendorRead> {
        if let Some(exe) = &self.settings.reader {
            let matrix = || {
                let matrix = self.matrix.wait().as_ref()?;
                Some(self.matrix_message.take(self.workers(), || {
                    crate::read::isolate::matrix_message(matrix, self.settings)
                }))
            };
            return match crate::read::isolate::read_response_in_child(
                exe,
                path,
                order,
                self.settings,
                matrix,
            ) {
                Ok(read) => read,
                Err(stopped) => {
                    let opened = into_workbook(
                        path,
                        Reply::Refused {
                            refusal: crate::model::Refusal::ReaderStopped(stopped),
                            sha256: crate::read::isolate::hash_file(path, self.settings),
                        },
                    );
                    let matrix = self.matrix.wait().as_ref()?;
                    Some(vendor_read(
                        path,
                        opened,
                        order,
                        matrix,
                        (self.legend, self.tax_basis()),
                    ))
                }
            };
        }
        let opened = open(path, self.settings);
        let matrix = self.matrix.wait().as_ref()?;
        Some(vendor_read(
            path,
            opened,
            order,
            matrix,
            (self.legend, self.tax_basis()),
        ))
    }
}

/// The tax basis costs are compared on, from the settings' `tax_basis`
/// (税込 or 税抜, checked when the settings were read).
pub(crate) fn tax_basis_of(basis: &str) -> TaxNote {
    TaxNote::in_text(basis).unwrap_or(TaxNote::Excluded)
}

fn read_vendor(
    wb: &Workbook,
    order: usize,
    matrix: &Matrix,
    legend: &Legend,
    tax_basis: TaxNote,
) -> VendorRead {
    let mut findings = Vec::new();
    let vendor = read_response(wb, matrix, legend, tax_basis, order, &mut findings);
    let rows = vendor
        .as_ref()
        .map_or(0, |v| v.answers.iter().filter(|a| a.at.is_some()).count());
    VendorRead {
        file: Some(input_file(wb, Role::Response, rows)),
        vendor,
        findings,
    }
}

fn input_file(wb: &Workbook, role: Role, rows: usize) -> InputFile {
    InputFile {
        file: wb.file.clone(),
        role,
        sha256: wb.sha256.clone(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{MatrixMessage, VendorRead};
    use crate::model::{Answer, Place, VendorResponse};

    #[test]
    fn the_matrix_message_is_let_go_once_every_process_has_it() {
        let message = MatrixMessage::default();
        let encodings = std::cell::Cell::new(0);
        let encode = || {
            encodings.set(encodings.get() + 1);
            vec![7u8; 16]
        };
        let first = message.take(2, encode);
        assert!(
            message.encoded.lock().unwrap().is_some(),
            "kept for the second"
        );
        let second = message.take(2, encode);
        assert!(Arc::ptr_eq(&first, &second), "encoded once for both");
        assert_eq!(encodings.get(), 1);
        assert!(
            message.encoded.lock().unwrap().is_none(),
            "let go after both"
        );
        // A process started again after a crash still gets the matrix.
        assert_eq!(*message.take(2, encode), vec![7u8; 16]);
        assert_eq!(encodings.get(), 2);
    }

    #[test]
    fn a_decoded_reply_shares_sheet_names_and_keeps_no_spare_room() {
        let place = |sheet: &str, row| Place {
            sheet: Arc::new(sheet.into()),
            row,
            col: 4,
        };
        let mut answers = Vec::with_capacity(64);
        for (sheet, row) in [
            ("住民記録", 3),
            ("住民記録", 4),
            ("税務", 3),
            ("住民記録", 5),
        ] {
            answers.push(Answer {
                at: Some(place(sheet, row)),
                ..Answer::default()
            });
        }
        answers.push(Answer::default());
        let read = VendorRead {
            vendor: Some(VendorResponse {
                name: "A社".into(),
                display_name: None,
                file: "A社.xlsx".into(),
                codes: Default::default(),
                copies: Default::default(),
                answers,
            }),
            file: None,
            findings: Vec::new(),
        };
        // As a reply arrives: decoded, every name its own copy.
        let bytes = postcard::to_allocvec(&read).unwrap();
        let decoded: VendorRead = postcard::from_bytes(&bytes).unwrap();
        let vendor = decoded.compacted().vendor.unwrap();
        assert_eq!(vendor.answers, read.vendor.as_ref().unwrap().answers);
        assert_eq!(vendor.answers.capacity(), vendor.answers.len());
        let sheet = |i: usize| vendor.answers[i].at.as_ref().unwrap().sheet.clone();
        assert!(Arc::ptr_eq(&sheet(0), &sheet(1)));
        assert!(
            Arc::ptr_eq(&sheet(0), &sheet(3)),
            "back to an earlier sheet"
        );
        assert!(!Arc::ptr_eq(&sheet(0), &sheet(2)));
        assert_eq!(&*sheet(2), "税務");
    }
}
