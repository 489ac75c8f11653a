//! The floors of `fairbid evaluate` (SPEC §10).
//!
//! - **Floor**: in one process, on one thread, the time calamine takes to
//!   read every cell of every input, plus the time rust_xlsxwriter takes to
//!   write as many cells as fairbid's workbook holds (same sheets, same
//!   values), nothing else.
//! - **Two-thread floor**: the same work on both cores of the machine: the
//!   inputs split over two threads by size (largest first, each to the
//!   thread with the fewest bytes so far), then the output sheets split the
//!   same way by cells and filled on two threads in constant memory, saved
//!   at deflate level 2 as fairbid saves its workbook.
//!
//! No program that reads those inputs with calamine and writes that workbook
//! with rust_xlsxwriter can be faster than the two-thread floor on a 2-core
//! machine, so `evaluate`'s time over it is the cost of everything fairbid
//! adds: checks, matching, analysis, formats, notes, the JSON.
//!
//! ```text
//! cargo run --release --example floor -- --requirements DIR/requirements.xlsx \
//!     --responses DIR/responses --requests DIR/requests.xlsx --workbook evaluation.xlsx
//! ```
//!
//! `--workbook` is the workbook `evaluate` wrote from those inputs: its cells
//! are read back first (not timed) to know what to write. `--threads N`
//! measures the second floor on N threads instead of two (for a machine
//! with more cores). Neither floor writes formats.
//!
//! Prints one line of `key=value` pairs for `bench/run.sh`: `read_s`,
//! `write_s` and `floor_s` for the one-thread floor, `par_read_s`,
//! `par_write_s` and `par_floor_s` for the floor on `threads` threads.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::Instant;

use calamine::{Data, Reader, open_workbook_auto};
use clap::Parser;
use fairbid::model::Lang;
use fairbid::read::discover::discover_responses;
use rust_xlsxwriter::{Workbook, Worksheet};

type Res<T> = Result<T, Box<dyn Error + Send + Sync>>;

/// The deflate level fairbid's workbooks are saved with.
const ZIP_LEVEL: u8 = 2;

#[derive(Parser)]
#[command(
    about = "Time calamine reading every input cell and rust_xlsxwriter writing fairbid's cells, on one thread and on two"
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
    /// Threads of the second floor (SPEC §10: two, the cores of the target machine).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..))]
    threads: u16,
}

/// What was read: cells, and bytes of text so that nothing is optimized away.
#[derive(Default)]
struct Read {
    cells: u64,
    text_bytes: u64,
}

impl Read {
    fn add(mut self, other: Read) -> Read {
        self.cells += other.cells;
        self.text_bytes += other.text_bytes;
        self
    }
}

/// Reads every cell of every sheet of one workbook.
fn read_all(path: &Path) -> Res<Read> {
    let mut workbook = open_workbook_auto(path)?;
    let mut read = Read::default();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name)?;
        for (_, _, value) in range.used_cells() {
            read.cells += 1;
            if let Data::String(s) = value {
                read.text_bytes += s.len() as u64;
            }
        }
    }
    Ok(read)
}

/// Reads the files one after the other.
fn read_files(files: &[&PathBuf]) -> Res<Read> {
    files
        .iter()
        .try_fold(Read::default(), |sum, path| Ok(sum.add(read_all(path)?)))
}

/// The files `evaluate` reads, found by the same rules.
fn inputs(args: &Args) -> Res<Vec<PathBuf>> {
    let mut files = vec![args.requirements.clone()];
    let responses = discover_responses(std::slice::from_ref(&args.responses), Lang::Ja)?;
    files.extend(responses.files);
    files.extend(args.requests.clone());
    Ok(files)
}

/// Splits `items` into `parts` groups of about equal weight: heaviest first,
/// each to the group lightest so far (the greedy longest-first schedule).
/// Each group keeps its items in the order they were given.
fn split_by_weight<T>(items: Vec<T>, parts: usize, weight: impl Fn(&T) -> u64) -> Vec<Vec<T>> {
    let mut order: Vec<(u64, usize, T)> = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| (weight(&item), i, item))
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut groups: Vec<(u64, Vec<(usize, T)>)> = (0..parts).map(|_| (0, Vec::new())).collect();
    for (w, i, item) in order {
        let lightest = (0..parts)
            .min_by_key(|&g| groups[g].0)
            .expect("at least one group");
        groups[lightest].0 += w;
        groups[lightest].1.push((i, item));
    }
    groups
        .into_iter()
        .map(|(_, mut group)| {
            group.sort_by_key(|&(i, _)| i);
            group.into_iter().map(|(_, item)| item).collect()
        })
        .collect()
}

/// Runs `work` on each group on a thread of its own and sums the results.
fn on_threads<T: Send, R: Send>(
    groups: Vec<Vec<T>>,
    init: R,
    sum: impl Fn(R, R) -> R,
    work: impl Fn(Vec<T>) -> Res<R> + Sync,
) -> Res<R> {
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = groups
            .into_iter()
            .map(|group| scope.spawn(move || work(group)))
            .collect();
        handles.into_iter().try_fold(init, |total, h| {
            Ok(sum(
                total,
                h.join().map_err(|_| "a floor thread panicked")??,
            ))
        })
    })
}

/// Reads the files split over `threads` threads by size.
fn read_parallel(files: &[PathBuf], threads: usize) -> Res<Read> {
    let sized = files
        .iter()
        .map(|path| Ok((std::fs::metadata(path)?.len(), path)))
        .collect::<Res<Vec<_>>>()?;
    let groups = split_by_weight(sized, threads, |&(size, _)| size);
    let groups = groups
        .into_iter()
        .map(|group| group.into_iter().map(|(_, path)| path).collect())
        .collect();
    on_threads(
        groups,
        Read::default(),
        Read::add,
        |group: Vec<&PathBuf>| read_files(&group),
    )
}

/// One sheet of fairbid's workbook: its name and its cells, row by row.
#[derive(Debug, PartialEq)]
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

/// Names one sheet and writes its cells, row by row (as constant memory
/// mode requires); returns the cells written.
fn fill(ws: &mut Worksheet, sheet: &SheetCells) -> Res<u64> {
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
    }
    Ok(sheet.cells.len() as u64)
}

fn new_workbook() -> Workbook {
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(ZIP_LEVEL);
    workbook
}

/// The one-thread floor's writing: the biggest sheet in low-memory mode,
/// the others held in memory, filled one after the other.
fn write_all(sheets: &[SheetCells], out: &Path) -> Res<u64> {
    let biggest = (0..sheets.len()).max_by_key(|&i| sheets[i].cells.len());
    let mut workbook = new_workbook();
    let mut written = 0;
    for (i, sheet) in sheets.iter().enumerate() {
        let ws = if Some(i) == biggest {
            workbook.add_worksheet_with_low_memory()?
        } else {
            workbook.add_worksheet()
        };
        written += fill(ws, sheet)?;
    }
    workbook.save(out)?;
    Ok(written)
}

/// The parallel floor's writing: every sheet streamed to disk (constant
/// memory), the sheets split over `threads` threads by cells, then added to
/// the workbook in their order and saved.
fn write_parallel(sheets: &[SheetCells], threads: usize, out: &Path) -> Res<u64> {
    let mut workbook = new_workbook();
    let mut worksheets = sheets
        .iter()
        .map(|_| workbook.new_worksheet_with_constant_memory())
        .collect::<Result<Vec<_>, _>>()?;
    let pairs: Vec<(&mut Worksheet, &SheetCells)> = worksheets.iter_mut().zip(sheets).collect();
    let groups = split_by_weight(pairs, threads, |(_, sheet)| sheet.cells.len() as u64);
    let written = on_threads(
        groups,
        0,
        |a, b| a + b,
        |group| {
            group
                .into_iter()
                .try_fold(0, |sum, (ws, sheet)| Ok(sum + fill(ws, sheet)?))
        },
    )?;
    for ws in worksheets {
        workbook.push_worksheet(ws);
    }
    workbook.save(out)?;
    Ok(written)
}

/// Seconds `work` takes, and what it returns.
fn timed<R>(work: impl FnOnce() -> Res<R>) -> Res<(f64, R)> {
    let start = Instant::now();
    let result = work()?;
    Ok((start.elapsed().as_secs_f64(), result))
}

fn main() -> Res<()> {
    let args = Args::parse();
    let threads = usize::from(args.threads);
    let files = inputs(&args)?;
    let sheets = output_cells(&args.workbook)?;
    let scratch = tempfile::tempdir()?;

    let refs: Vec<&PathBuf> = files.iter().collect();
    let (read_s, read) = timed(|| read_files(&refs))?;
    let (write_s, written) = timed(|| write_all(&sheets, &scratch.path().join("floor.xlsx")))?;
    let (par_read_s, par_read) = timed(|| read_parallel(&files, threads))?;
    let (par_write_s, par_written) =
        timed(|| write_parallel(&sheets, threads, &scratch.path().join("floor-par.xlsx")))?;
    if (par_read.cells, par_written) != (read.cells, written) {
        return Err(format!(
            "the floors did different work: read {} and {} cells, wrote {written} and {par_written}",
            read.cells, par_read.cells
        )
        .into());
    }

    println!(
        "files={} cells_read={} text_mib={:.1} cells_written={written} \
         read_s={read_s:.3} write_s={write_s:.3} floor_s={:.3} \
         threads={threads} par_read_s={par_read_s:.3} par_write_s={par_write_s:.3} par_floor_s={:.3}",
        files.len(),
        read.cells,
        read.text_bytes as f64 / (1024.0 * 1024.0),
        read_s + write_s,
        par_read_s + par_write_s,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two workbooks of Japanese text and numbers over several sheets, and
    /// their sheets as `output_cells` reads them back.
    fn sample(dir: &Path) -> Res<(Vec<PathBuf>, Vec<SheetCells>)> {
        let mut files = Vec::new();
        let mut expected = Vec::new();
        for (f, sheets) in [(0, 3u32), (1, 2)] {
            let mut workbook = Workbook::new();
            for s in 0..sheets {
                let ws = workbook.add_worksheet();
                let name = format!("業務{f}-{s}");
                ws.set_name(&name)?;
                let mut cells = Vec::new();
                for row in 0..(5 + 7 * s) {
                    let text = format!("住民記録システムは{row}件の異動を一括処理できること");
                    ws.write_string(row, 0, &text)?;
                    ws.write_number(row, 2, f64::from(row) * 1.5)?;
                    cells.push((row, 0, Data::String(text)));
                    cells.push((row, 2, Data::Float(f64::from(row) * 1.5)));
                }
                expected.push(SheetCells { name, cells });
            }
            let path = dir.join(format!("入力{f}.xlsx"));
            workbook.save(&path)?;
            files.push(path);
        }
        Ok((files, expected))
    }

    #[test]
    fn both_floors_read_every_cell_and_write_the_same_workbook() -> Res<()> {
        let dir = tempfile::tempdir()?;
        let (files, expected) = sample(dir.path())?;
        let all: usize = expected.iter().map(|sheet| sheet.cells.len()).sum();

        let refs: Vec<&PathBuf> = files.iter().collect();
        assert_eq!(read_files(&refs)?.cells, all as u64);
        assert_eq!(read_parallel(&files, 2)?.cells, all as u64);

        let mut sheets = Vec::new();
        for file in &files {
            sheets.extend(output_cells(file)?);
        }
        let one = dir.path().join("one.xlsx");
        let two = dir.path().join("two.xlsx");
        assert_eq!(write_all(&sheets, &one)?, all as u64);
        assert_eq!(write_parallel(&sheets, 2, &two)?, all as u64);
        // Same sheets, in the same order, with the same cells.
        assert_eq!(output_cells(&one)?, expected);
        assert_eq!(output_cells(&two)?, expected);
        Ok(())
    }

    #[test]
    fn heaviest_first_to_the_lightest_group() {
        // 9 → first (9); 7 → second (7); 5 → second (12); 4 → first (13);
        // 2 → second (14). Each group lists its items in the given order.
        let groups = split_by_weight(vec![4, 9, 2, 7, 5], 2, |&w| w);
        assert_eq!(groups, vec![vec![4, 9], vec![2, 7, 5]]);
        let totals: Vec<u64> = groups.iter().map(|g| g.iter().sum()).collect();
        assert_eq!(totals, vec![13, 14]);
    }

    #[test]
    fn one_group_keeps_the_order() {
        assert_eq!(
            split_by_weight(vec![1, 3, 2], 1, |&w| w),
            vec![vec![1, 3, 2]]
        );
    }

    #[test]
    fn more_groups_than_items_leave_some_empty() {
        let groups = split_by_weight(vec![5], 3, |&w| w);
        assert_eq!(groups.iter().filter(|g| g.is_empty()).count(), 2);
        assert_eq!(groups.concat(), vec![5]);
    }
}
