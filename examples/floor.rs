//! The floor of `fairbid evaluate` (SPEC §10): in one process, the time
//! calamine takes to read every cell of every input, plus the time
//! rust_xlsxwriter takes to write as many cells as fairbid's workbook holds
//! (same sheets, same values), nothing else. No program that reads those
//! inputs with calamine and writes that workbook with rust_xlsxwriter can be
//! faster, so `evaluate`'s time over the floor is the cost of everything
//! fairbid adds: checks, matching, analysis, formats, notes, the JSON.
//!
//! ```text
//! cargo run --release --example floor -- --requirements DIR/requirements.xlsx \
//!     --responses DIR/responses --requests DIR/requests.xlsx --workbook evaluation.xlsx
//! ```
//!
//! `--workbook` is the workbook `evaluate` wrote from those inputs: its cells
//! are read back first (not timed) to know what to write. Reading runs on one
//! thread, as the definition says; `--threads N` also times the reading with
//! the files spread over N threads, the way `evaluate` reads the vendors.
//! Writing uses the settings `evaluate` uses (deflate level 2, the biggest
//! sheet in low-memory mode) and no formats.
//!
//! Prints one line of `key=value` pairs for `bench/run.sh`.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use calamine::{Data, Reader, open_workbook_auto};
use clap::Parser;
use fairbid::model::Lang;
use fairbid::read::discover::discover_responses;

type Res<T> = Result<T, Box<dyn Error + Send + Sync>>;

#[derive(Parser)]
#[command(
    about = "Time calamine reading every input cell and rust_xlsxwriter writing fairbid's cells"
)]
struct Args {
    #[arg(long)]
    requirements: PathBuf,
    /// A folder of response workbooks (every .xlsx .xlsm .xls .ods in it).
    #[arg(long)]
    responses: PathBuf,
    #[arg(long)]
    requests: Option<PathBuf>,
    /// The workbook `fairbid evaluate` wrote from these inputs.
    #[arg(long)]
    workbook: PathBuf,
    /// Also time the reading spread over this many threads (0: skip).
    #[arg(long, default_value_t = 0)]
    threads: usize,
}

/// Reads every cell of every sheet; returns (cells, bytes of text) so that
/// nothing is optimized away.
fn read_all(path: &Path) -> Res<(u64, u64)> {
    let mut workbook = open_workbook_auto(path)?;
    let (mut cells, mut bytes) = (0u64, 0u64);
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name)?;
        for (_, _, value) in range.used_cells() {
            cells += 1;
            if let Data::String(s) = value {
                bytes += s.len() as u64;
            }
        }
    }
    Ok((cells, bytes))
}

/// The files `evaluate` reads, found by the same rules.
fn inputs(args: &Args) -> Res<Vec<PathBuf>> {
    let mut files = vec![args.requirements.clone()];
    let responses = discover_responses(std::slice::from_ref(&args.responses), Lang::Ja)?;
    files.extend(responses.files);
    files.extend(args.requests.clone());
    Ok(files)
}

/// Reads the files on `threads` threads, one file per thread at a time.
fn read_parallel(files: &[PathBuf], threads: usize) -> Res<u64> {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> Res<u64> {
                    let mut cells = 0;
                    while let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                        cells += read_all(path)?.0;
                    }
                    Ok(cells)
                })
            })
            .collect();
        handles.into_iter().try_fold(0, |sum, h| {
            Ok(sum + h.join().map_err(|_| "a reader thread panicked")??)
        })
    })
}

/// One sheet of fairbid's workbook: its name and its cells, row by row.
struct SheetCells {
    name: String,
    cells: Vec<(u32, u16, Data)>,
}

fn output_cells(path: &Path) -> Res<Vec<SheetCells>> {
    let mut workbook = open_workbook_auto(path)?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name)?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let cells = range
            .used_cells()
            .map(|(r, c, v)| (row0 + r as u32, (col0 as usize + c) as u16, v.clone()))
            .collect();
        sheets.push(SheetCells { name, cells });
    }
    Ok(sheets)
}

fn write_all(sheets: &[SheetCells], out: &Path) -> Res<u64> {
    let biggest = (0..sheets.len()).max_by_key(|&i| sheets[i].cells.len());
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.set_zip_compression_level(2);
    let mut written = 0;
    for (i, sheet) in sheets.iter().enumerate() {
        let ws = if Some(i) == biggest {
            workbook.add_worksheet_with_low_memory()?
        } else {
            workbook.add_worksheet()
        };
        ws.set_name(&sheet.name)?;
        for (row, col, value) in &sheet.cells {
            match value {
                Data::String(s) => {
                    ws.write_string(*row, *col, s)?;
                }
                Data::Float(n) => {
                    ws.write_number(*row, *col, *n)?;
                }
                Data::Int(n) => {
                    ws.write_number(*row, *col, *n as f64)?;
                }
                Data::Bool(b) => {
                    ws.write_boolean(*row, *col, *b)?;
                }
                other => {
                    ws.write_string(*row, *col, other.to_string())?;
                }
            }
            written += 1;
        }
    }
    workbook.save(out)?;
    Ok(written)
}

fn main() -> Res<()> {
    let args = Args::parse();
    let files = inputs(&args)?;
    let sheets = output_cells(&args.workbook)?;
    let scratch = tempfile::tempdir()?;

    let start = Instant::now();
    let (mut cells_read, mut text_bytes) = (0, 0);
    for file in &files {
        let (cells, bytes) = read_all(file)?;
        cells_read += cells;
        text_bytes += bytes;
    }
    let read = start.elapsed().as_secs_f64();

    let start = Instant::now();
    let cells_written = write_all(&sheets, &scratch.path().join("floor.xlsx"))?;
    let write = start.elapsed().as_secs_f64();

    let mut line = format!(
        "files={} cells_read={cells_read} text_mib={:.1} read_s={read:.3} cells_written={cells_written} write_s={write:.3} floor_s={:.3}",
        files.len(),
        text_bytes as f64 / (1024.0 * 1024.0),
        read + write
    );
    if args.threads > 1 {
        let start = Instant::now();
        read_parallel(&files, args.threads)?;
        let read_parallel = start.elapsed().as_secs_f64();
        line.push_str(&format!(
            " read_parallel_s={read_parallel:.3} floor_parallel_s={:.3}",
            read_parallel + write
        ));
    }
    println!("{line}");
    Ok(())
}
