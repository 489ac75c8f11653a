//! Reading an untrusted workbook in a process of its own.
//!
//! The guards of `workbook` refuse, before calamine sees them, the files
//! whose numbers would make it reserve more than a machine has. They predict
//! a parser's allocations one format quirk at a time, and a quirk nobody has
//! met yet still aborts the process: an allocation failure or a stack
//! overflow cannot be caught. So when the binary runs, each input workbook is
//! parsed by a child of the same binary (`fairbid __read-workbook`) under a
//! memory limit and a time limit; the child sends back the sheets it read (or
//! why it refused the file), and a child that aborts, is killed or runs out of
//! time becomes one validation row naming the file and the limit. The run
//! goes on with the other vendors.
//!
//! The limits are the settings `max_read_mib` (address space of the child,
//! `RLIMIT_AS` on Unix) and `max_read_seconds` (wall time, enforced by the
//! parent on every system, and CPU time by `RLIMIT_CPU` on Unix). On Windows
//! there is no memory limit, but the same isolation: a crash of the child
//! stays a row.
//!
//! Library callers and unit tests parse in-process: isolation is chosen by
//! the command line, through [`Settings::reader`].

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::inputs::{VendorRead, vendor_read};
use super::matrix::Matrix;
use super::table::TaxNote;
use super::workbook::{Refusal, Sheet};
use crate::digest::sha256_hex;
use crate::model::Stopped;
use crate::normalize::Legend;
use crate::settings::{LegendSettings, Settings};

/// The name of the hidden subcommand the child runs.
pub const SUBCOMMAND: &str = "__read-workbook";

/// The program that reads workbooks in processes of their own, once the
/// binary has said it is one ([`read_with_this_binary`]).
static READER: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Called by the `fairbid` binary at start: its input workbooks are read by
/// children of itself. Without this call (the library, tests) they are read
/// in-process.
pub fn read_with_this_binary() {
    if let Ok(exe) = std::env::current_exe() {
        let _ = READER.set(exe);
    }
    keep_large_blocks_apart();
}

/// Keeps glibc from moving its mmap threshold. A reply of megabytes,
/// received and freed, would otherwise raise the threshold to its size, and
/// every later block of that size would land in an arena it fragments: 30 %
/// more peak memory at 20,000 requirements, measured. Elsewhere a no-op.
fn keep_large_blocks_apart() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt sets an allocator parameter; 128 KiB is glibc's default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// The reader program, when there is one: what [`Settings::reader`] is set to
/// when settings are loaded.
pub fn reader_program() -> Option<PathBuf> {
    READER.get().cloned()
}

/// What a child sends back: the sheets of the file, or why it refused it.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) enum Reply {
    Read {
        sha256: String,
        sheets: Vec<Sheet>,
    },
    Refused {
        refusal: Refusal,
        sha256: Option<String>,
    },
}

/// The limits a reader process works under: one per run, and part of the
/// key a thread's reader is kept by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_file_mib: u64,
    pub max_part_mib: u64,
    pub max_read_mib: u64,
    pub max_read_seconds: u64,
}

impl Limits {
    fn of(settings: &Settings) -> Limits {
        Limits {
            max_file_mib: settings.max_file_mib,
            max_part_mib: settings.max_part_mib,
            max_read_mib: settings.max_read_mib,
            max_read_seconds: settings.max_read_seconds,
        }
    }
}

/// A reader process kept by one thread for the files it reads, one after
/// another: a process of its own per file would start each file with a
/// cold heap, and its page faults alone cost a tenth of the reading.
struct Worker {
    exe: PathBuf,
    limits: Limits,
    child: std::process::Child,
    requests: std::process::ChildStdin,
    /// Whether the process holds the matrix responses are matched against.
    has_matrix: bool,
    /// Each reply as the process sends it; an error once its output ends.
    replies: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    /// The last few kilobytes the process wrote on standard error, complete
    /// once `listening` has ended (with the process).
    said: std::sync::Arc<std::sync::Mutex<String>>,
    listening: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Worker {
    /// A reader between files waits for its next request: it is ended and
    /// reaped, not left to the system.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Worker {
    fn start(exe: &Path, limits: &Limits) -> std::io::Result<Worker> {
        let mut child = Command::new(exe)
            .arg(SUBCOMMAND)
            .arg("--max-file-mib")
            .arg(limits.max_file_mib.to_string())
            .arg("--max-part-mib")
            .arg(limits.max_part_mib.to_string())
            .arg("--max-read-mib")
            .arg(limits.max_read_mib.to_string())
            .arg("--max-read-seconds")
            .arg(limits.max_read_seconds.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let requests = child.stdin.take().expect("stdin is piped");
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let (sent, replies) = std::sync::mpsc::channel();
        let most = limits.max_read_mib.saturating_mul(1024 * 1024);
        std::thread::spawn(move || {
            loop {
                let reply = receive(&mut stdout, most);
                let ended = reply.is_err();
                if sent.send(reply).is_err() || ended {
                    break;
                }
            }
        });
        let said = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let keep = said.clone();
        let listening = std::thread::spawn(move || {
            let mut chunk = [0u8; 1024];
            while let Ok(n) = stderr.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                if let Ok(mut text) = keep.lock() {
                    text.push_str(&String::from_utf8_lossy(&chunk[..n]));
                    if text.len() > 8192 {
                        let cut = text.len() - 4096;
                        let cut = (cut..text.len())
                            .find(|&i| text.is_char_boundary(i))
                            .unwrap_or(text.len());
                        text.drain(..cut);
                    }
                }
            }
        });
        Ok(Worker {
            exe: exe.to_path_buf(),
            limits: limits.clone(),
            child,
            requests,
            has_matrix: false,
            replies,
            said,
            listening: Some(listening),
        })
    }

    /// Reads one file. `Err` when the process stopped (it is then gone).
    fn read(&mut self, path: &Path) -> Result<Reply, Stopped> {
        let ask = encode(&Ask::Sheets {
            path: path_bytes(path),
        });
        let bytes = self.ask(&[&ask])?;
        postcard::from_bytes::<Reply>(&bytes).map_err(|e| Stopped::Crashed {
            how: format!("unreadable reply: {e}"),
        })
    }

    /// Reads and matches a vendor's response in the process; `matrix` gives
    /// the encoded matrix, waiting for it, when the process has none yet.
    fn read_response(
        &mut self,
        path: &Path,
        order: usize,
        matrix: impl FnOnce() -> Option<Arc<Vec<u8>>>,
    ) -> Result<Option<VendorRead>, Stopped> {
        let ask = encode(&Ask::Response {
            path: path_bytes(path),
            order,
        });
        let bytes = if self.has_matrix {
            self.ask(&[&ask])?
        } else {
            // The process parses while the matrix is still being read here.
            frame(&mut self.requests, &ask)
                .and_then(|()| self.requests.flush())
                .map_err(|_| self.gone())?;
            let Some(matrix) = matrix() else {
                // The run stops without a matrix: this process is of no use.
                return Ok(None);
            };
            self.has_matrix = true;
            self.ask(&[&matrix])?
        };
        postcard::from_bytes::<VendorRead>(&bytes)
            .map(|read| Some(read.compacted()))
            .map_err(|e| Stopped::Crashed {
                how: format!("unreadable reply: {e}"),
            })
    }

    /// How a process that is gone ended.
    fn gone(&mut self) -> Stopped {
        let status = self.child.wait().ok();
        // Its standard error ends with it: what it wrote last is in.
        if let Some(listening) = self.listening.take() {
            let _ = listening.join();
        }
        let said = self.said.lock().map(|t| t.clone()).unwrap_or_default();
        stopped(status, &said, &self.limits)
    }

    /// Sends `asks` (encoded frames) and waits, within the time limit, for
    /// the one reply they call for.
    fn ask(&mut self, asks: &[&[u8]]) -> Result<Vec<u8>, Stopped> {
        let limits = &self.limits;
        let asked = (asks.iter())
            .try_for_each(|ask| frame(&mut self.requests, ask))
            .and_then(|()| self.requests.flush());
        let limit = Duration::from_secs(limits.max_read_seconds.max(1));
        let bytes = match asked.map(|()| self.replies.recv_timeout(limit)) {
            Ok(Ok(Ok(bytes))) => bytes,
            Ok(Err(std::sync::mpsc::RecvTimeoutError::Timeout)) => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return Err(Stopped::TimedOut {
                    limit_seconds: limits.max_read_seconds,
                });
            }
            // Its output ended, or the request could not be written: the
            // process is gone.
            _ => return Err(self.gone()),
        };
        Ok(bytes)
    }
}

/// What the run asks of a reader process, one frame each.
#[derive(Serialize, Deserialize)]
enum Ask {
    /// The sheets of a workbook (the matrix, the requests, a draft's matrix).
    Sheets { path: Vec<u8> },
    /// A vendor's response, read and matched against the process's matrix;
    /// a process without one reads the next frame, a `Matrix`, first.
    Response { path: Vec<u8>, order: usize },
    /// The matrix responses are matched against, and the legend their codes
    /// are read by: sent once per process.
    Matrix {
        matrix: Box<Matrix>,
        legend: LegendSettings,
        /// The settings' `tax_basis`: costs stated otherwise are reported.
        tax_basis: String,
    },
}

/// An ask as its frame's bytes.
fn encode(ask: &Ask) -> Vec<u8> {
    postcard::to_allocvec(ask).expect("an ask always encodes")
}

/// The matrix as reader processes receive it: encoded once per run, sent
/// once per process.
pub(crate) fn matrix_message(matrix: &Matrix, settings: &Settings) -> Vec<u8> {
    encode(&Ask::Matrix {
        matrix: Box::new(matrix.clone()),
        legend: settings.legend.clone(),
        tax_basis: settings.tax_basis.clone(),
    })
}

std::thread_local! {
    /// This thread's reader process, started for its first file.
    static WORKER: std::cell::RefCell<Option<Worker>> = const { std::cell::RefCell::new(None) };
}

/// Parses `path` in this thread's reader process of `exe`, starting one
/// when there is none (or when the last one stopped).
pub(crate) fn read_in_child(
    exe: &Path,
    path: &Path,
    settings: &Settings,
) -> Result<Reply, Stopped> {
    with_worker(exe, settings, |worker| worker.read(path))
}

/// Reads and matches a vendor's response in this thread's reader process:
/// `Ok(None)` when the run stops without a matrix.
pub(crate) fn read_response_in_child(
    exe: &Path,
    path: &Path,
    order: usize,
    settings: &Settings,
    matrix: impl FnOnce() -> Option<Arc<Vec<u8>>>,
) -> Result<Option<VendorRead>, Stopped> {
    with_worker(exe, settings, |worker| {
        worker.read_response(path, order, matrix)
    })
}

/// Runs `work` with this thread's reader process, starting one when there
/// is none (or when the last one stopped, or the limits changed); a process
/// that stopped is let go.
fn with_worker<T>(
    exe: &Path,
    settings: &Settings,
    work: impl FnOnce(&mut Worker) -> Result<T, Stopped>,
) -> Result<T, Stopped> {
    let limits = Limits::of(settings);
    WORKER.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot
            .as_ref()
            .is_some_and(|w| w.exe != exe || w.limits != limits)
        {
            *slot = None;
        }
        if slot.is_none() {
            *slot = Some(Worker::start(exe, &limits).map_err(|e| Stopped::Crashed {
                how: format!("could not start {}: {e}", exe.display()),
            })?);
        }
        let worker = slot.as_mut().expect("a worker was just started");
        let done = work(worker);
        if done.is_err() {
            *slot = None;
        }
        done
    })
}

/// Ends this thread's reader process, if it has one: a thread that has
/// read its inputs does not keep a process and its memory for the rest of
/// the run. (A thread's process also ends with the thread.)
pub fn end_this_threads_reader() {
    WORKER.with(|slot| *slot.borrow_mut() = None);
}

/// Writes one frame: its length (8 bytes, little-endian), then its bytes.
fn frame(to: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    to.write_all(&(bytes.len() as u64).to_le_bytes())?;
    to.write_all(bytes)
}

/// Reads one frame as [`frame`] wrote it, refusing one over `limit` bytes.
fn receive(from: &mut impl Read, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut len = [0u8; 8];
    from.read_exact(&mut len)?;
    let len = u64::from_le_bytes(len);
    if len > limit {
        return Err(std::io::Error::other(
            "reply larger than the reader's memory",
        ));
    }
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(len as usize)
        .map_err(std::io::Error::other)?;
    from.take(len).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != len {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(bytes)
}

/// A path as bytes for the reader process, and back.
#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
fn path_from(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(windows)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::windows::ffi::OsStrExt;
    path.as_os_str()
        .encode_wide()
        .flat_map(u16::to_le_bytes)
        .collect()
}

#[cfg(windows)]
fn path_from(bytes: Vec<u8>) -> PathBuf {
    use std::os::windows::ffi::OsStringExt;
    let wide: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    PathBuf::from(std::ffi::OsString::from_wide(&wide))
}

/// Why a child that sent no reply stopped.
fn stopped(status: Option<std::process::ExitStatus>, said: &str, settings: &Limits) -> Stopped {
    // Rust's allocator says so before it aborts; so does the CPU limit's signal.
    if said.contains("memory allocation of") || said.contains("capacity overflow") {
        return Stopped::OutOfMemory {
            limit_mib: settings.max_read_mib,
        };
    }
    #[cfg(unix)]
    if let Some(signal) = status.and_then(|s| std::os::unix::process::ExitStatusExt::signal(&s)) {
        if signal == libc::SIGXCPU {
            return Stopped::TimedOut {
                limit_seconds: settings.max_read_seconds,
            };
        }
        if signal == libc::SIGSEGV || signal == libc::SIGBUS {
            // A stack overflow or a failed mapping under the address-space
            // limit: the parser wanted more memory than it was given.
            return Stopped::OutOfMemory {
                limit_mib: settings.max_read_mib,
            };
        }
    }
    Stopped::Crashed {
        how: status.map_or_else(|| "no exit status".to_string(), |s| s.to_string()),
    }
}

/// The SHA-256 of a file whose child stopped, for the record: read here, in
/// the parent, within the file size limit (a larger file is not hashed).
pub(crate) fn hash_file(path: &Path, settings: &Settings) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    let limit = settings.max_file_bytes();
    if file.metadata().ok()?.len() > limit {
        return None;
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).ok()?;
    Some(sha256_hex(&bytes))
}

/// The child's side: limit this process, then read each file asked for on
/// standard input and send its reply on standard output, until the input
/// ends.
pub fn serve(limits: &Limits) -> ExitCode {
    limit_this_process(limits.max_read_mib);
    // A parser's panic is caught and becomes a refusal; printing it would
    // take the lock the allocation-failure report needs, and a failure while
    // printing would then wait for that lock forever. The reply says why;
    // the panic's words are kept to tell memory running out (a thread that
    // cannot get its stack) from malformed data.
    std::panic::set_hook(Box::new(|info| {
        let said = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned());
        if let (Some(said), Ok(mut last)) = (said, LAST_PANIC.try_lock()) {
            *last = Some(said);
        }
    }));
    let settings = Settings {
        max_file_mib: limits.max_file_mib,
        max_part_mib: limits.max_part_mib,
        ..Settings::default()
    };
    let mut requests = std::io::stdin().lock();
    let mut replies = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let most = limits.max_read_mib.saturating_mul(1024 * 1024);
    let next = |requests: &mut std::io::StdinLock| {
        receive(requests, most)
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Ask>(&bytes).ok())
    };
    let mut matching: Option<(Box<Matrix>, Legend, TaxNote)> = None;
    let tax_basis = crate::read::inputs::tax_basis_of;
    while let Some(ask) = next(&mut requests) {
        let sent = match ask {
            Ask::Sheets { path } => {
                let reply = parse_here(&path_from(path), &settings, limits);
                postcard::to_allocvec(&reply)
            }
            Ask::Response { path, order } => {
                let path = path_from(path);
                let reply = parse_here(&path, &settings, limits);
                if matching.is_none() {
                    match next(&mut requests) {
                        Some(Ask::Matrix {
                            matrix,
                            legend,
                            tax_basis: basis,
                        }) => {
                            matching = Some((matrix, Legend::new(&legend), tax_basis(&basis)));
                        }
                        _ => return ExitCode::from(4),
                    }
                }
                let (matrix, legend, basis) = matching.as_ref().expect("the matrix was just read");
                let opened = super::workbook::into_workbook(&path, reply);
                let rules = (legend, *basis);
                postcard::to_allocvec(&vendor_read(&path, opened, order, matrix, rules))
            }
            Ask::Matrix {
                matrix,
                legend,
                tax_basis: basis,
            } => {
                matching = Some((matrix, Legend::new(&legend), tax_basis(&basis)));
                continue;
            }
        };
        let sent = sent
            .map_err(std::io::Error::other)
            .and_then(|bytes| frame(&mut replies, &bytes))
            .and_then(|()| replies.flush());
        if sent.is_err() {
            return ExitCode::from(3);
        }
    }
    ExitCode::SUCCESS
}

/// Parses one file under the limits, out of memory said as such.
fn parse_here(path: &Path, settings: &Settings, limits: &Limits) -> Reply {
    allow_cpu_seconds(limits.max_read_seconds);
    if let Ok(mut last) = LAST_PANIC.lock() {
        *last = None;
    }
    out_of_memory_as_such(super::workbook::parse(path, settings), limits.max_read_mib)
}

/// The words of the last panic in this reader process (see [`serve`]).
static LAST_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// A parser that ran out of memory under the limit sometimes panics instead
/// of aborting — a thread cannot get its stack, a buffer its capacity — and
/// the panic is caught as malformed data. Said as what it is.
fn out_of_memory_as_such(reply: Reply, limit_mib: u64) -> Reply {
    let Reply::Refused {
        refusal: Refusal::Damaged { detail },
        sha256,
    } = &reply
    else {
        return reply;
    };
    let memory = detail == super::workbook::PANIC_DETAIL
        && LAST_PANIC
            .lock()
            .ok()
            .and_then(|l| l.clone())
            .is_some_and(|said| {
                [
                    "failed to spawn thread",
                    "memory",
                    "capacity overflow",
                    "Cannot allocate",
                ]
                .iter()
                .any(|m| said.contains(m))
            });
    if !memory {
        return reply;
    }
    Reply::Refused {
        refusal: Refusal::ReaderStopped(Stopped::OutOfMemory { limit_mib }),
        sha256: sha256.clone(),
    }
}

/// Sets this process's memory limit (Unix), and no core file.
#[cfg(unix)]
fn limit_this_process(max_mib: u64) {
    set_limit(libc::RLIMIT_AS, max_mib.saturating_mul(1024 * 1024));
    set_limit(libc::RLIMIT_CORE, 0);
}

#[cfg(unix)]
fn set_limit(resource: libc::__rlimit_resource_t, value: u64) {
    let limit = libc::rlimit {
        rlim_cur: value as libc::rlim_t,
        rlim_max: value as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct it is given and nothing else.
    unsafe { libc::setrlimit(resource, &limit) };
}

/// Lets the next file use `seconds` of CPU time, and a second more: past it
/// the system stops the process, should the parent's clock not.
#[cfg(unix)]
fn allow_cpu_seconds(seconds: u64) {
    // SAFETY: getrusage fills the struct it is given.
    let used = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) as u64
    };
    let soft = used.saturating_add(seconds).saturating_add(1);
    let limit = libc::rlimit {
        rlim_cur: soft as libc::rlim_t,
        rlim_max: libc::RLIM_INFINITY,
    };
    // SAFETY: as above.
    unsafe { libc::setrlimit(libc::RLIMIT_CPU, &limit) };
}

#[cfg(not(unix))]
fn limit_this_process(_max_mib: u64) {}

#[cfg(not(unix))]
fn allow_cpu_seconds(_seconds: u64) {}
