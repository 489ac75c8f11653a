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

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::workbook::{Refusal, Sheet};
use crate::digest::sha256_hex;
use crate::model::Stopped;
use crate::settings::Settings;

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

/// Parses `path` in a child process of `exe`.
pub(crate) fn read_in_child(
    exe: &Path,
    path: &Path,
    settings: &Settings,
) -> Result<Reply, Stopped> {
    let spawned = Command::new(exe)
        .arg(SUBCOMMAND)
        .arg("--max-file-mib")
        .arg(settings.max_file_mib.to_string())
        .arg("--max-part-mib")
        .arg(settings.max_part_mib.to_string())
        .arg("--max-read-mib")
        .arg(settings.max_read_mib.to_string())
        .arg("--max-read-seconds")
        .arg(settings.max_read_seconds.to_string())
        .arg("--")
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => {
            return Err(Stopped::Crashed {
                how: format!("could not start {}: {e}", exe.display()),
            });
        }
    };
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    // The reply is decoded as it arrives; what the child says on stderr is
    // kept (a little of it) to tell a memory failure from another crash.
    let reply = std::thread::spawn(move || {
        rmp_serde::decode::from_read::<_, Reply>(BufReader::with_capacity(1 << 16, stdout))
    });
    let said = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.take(4096).read_to_string(&mut text);
        text
    });

    let limit = Duration::from_secs(settings.max_read_seconds.max(1));
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    let (status, timed_out) = loop {
        match child.try_wait() {
            Ok(Some(status)) => break (Some(status), false),
            Ok(None) if start.elapsed() >= limit => {
                let _ = child.kill();
                break (child.wait().ok(), true);
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            Err(_) => break (None, false),
        }
    };
    let reply = reply.join().ok().and_then(Result::ok);
    let said = said.join().unwrap_or_default();
    if timed_out {
        return Err(Stopped::TimedOut {
            limit_seconds: settings.max_read_seconds,
        });
    }
    match (status, reply) {
        (Some(status), Some(reply)) if status.success() => Ok(reply),
        (status, _) => Err(stopped(status, &said, settings)),
    }
}

/// Why a child that sent no reply stopped.
fn stopped(status: Option<std::process::ExitStatus>, said: &str, settings: &Settings) -> Stopped {
    // Rust's allocator says so before it aborts; so does the CPU limit's signal.
    if said.contains("memory allocation of") || said.contains("capacity overflow") {
        return Stopped::OutOfMemory {
            limit_mib: settings.max_read_mib,
        };
    }
    #[cfg(unix)]
    if let Some(signal) = status.and_then(|s| std::os::unix::process::ExitStatusExt::signal(&s))
    {
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

/// The limits a child is given on its command line.
#[derive(Clone, Debug)]
pub struct ChildArgs {
    pub path: PathBuf,
    pub max_file_mib: u64,
    pub max_part_mib: u64,
    pub max_read_mib: u64,
    pub max_read_seconds: u64,
}

/// The child's side: limit this process, parse the file, send the reply on
/// standard output. Exit 0 when the reply is sent, whatever it says.
pub fn serve(args: &ChildArgs) -> ExitCode {
    limit_this_process(args.max_read_mib, args.max_read_seconds);
    // A parser's panic is caught and becomes a refusal; printing it would
    // take the lock the allocation-failure report needs, and a failure while
    // printing would then wait for that lock forever. The reply says why.
    std::panic::set_hook(Box::new(|_| {}));
    let settings = Settings {
        max_file_mib: args.max_file_mib,
        max_part_mib: args.max_part_mib,
        ..Settings::default()
    };
    let reply = super::workbook::parse(&args.path, &settings);
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match rmp_serde::encode::write(&mut out, &reply)
        .map_err(std::io::Error::other)
        .and_then(|()| out.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(3),
    }
}

/// Sets this process's memory and CPU-time limits (Unix), and no core file.
#[cfg(unix)]
fn limit_this_process(max_mib: u64, max_seconds: u64) {
    let set = |resource, value: u64| {
        let limit = libc::rlimit {
            rlim_cur: value as libc::rlim_t,
            rlim_max: value as libc::rlim_t,
        };
        // SAFETY: setrlimit reads the struct it is given and nothing else.
        unsafe { libc::setrlimit(resource, &limit) };
    };
    set(libc::RLIMIT_AS, max_mib.saturating_mul(1024 * 1024));
    // A second more than the parent waits: the parent's limit speaks first.
    set(libc::RLIMIT_CPU, max_seconds.saturating_add(1));
    set(libc::RLIMIT_CORE, 0);
}

#[cfg(not(unix))]
fn limit_this_process(_max_mib: u64, _max_seconds: u64) {}
