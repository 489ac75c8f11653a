//! Zips a folder for the Windows package (`dist/package.sh`), with its
//! Japanese file names marked as UTF-8 so that Windows' Explorer shows them
//! as they are (サンプルを実行.bat, not mojibake).
//!
//! ```text
//! cargo run --release --example zip_folder -- OUT.zip DIR
//! ```
//!
//! Every entry is under DIR's own name (`fairbid-0.1.0-windows-x64/…`), in
//! sorted order, deflated, and dated `SOURCE_DATE_EPOCH` when it is set (else
//! now, in UTC): the same folder gives the same zip.

use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

fn main() -> anyhow::Result<()> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [out, dir] = args.as_slice() else {
        anyhow::bail!("usage: zip_folder OUT.zip DIR");
    };
    let root = dir
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| anyhow::anyhow!("{}: not a folder name", dir.display()))?;
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(when()?);
    let mut zip = ZipWriter::new(std::fs::File::create(out)?);
    add(&mut zip, dir, root, options)?;
    zip.finish()?;
    Ok(())
}

/// Adds the folder `path` as `name/` and everything in it, sorted by name.
fn add(
    zip: &mut ZipWriter<std::fs::File>,
    path: &Path,
    name: &str,
    options: SimpleFileOptions,
) -> anyhow::Result<()> {
    zip.add_directory(format!("{name}/"), options)?;
    let mut entries: Vec<_> = std::fs::read_dir(path)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let file_name = entry.file_name();
        let file_name = file_name
            .to_str()
            .ok_or_else(|| anyhow::anyhow!("{}: not UTF-8", entry.path().display()))?;
        let inner = format!("{name}/{file_name}");
        if entry.file_type()?.is_dir() {
            add(zip, &entry.path(), &inner, options)?;
        } else {
            zip.start_file(inner, options)?;
            zip.write_all(&std::fs::read(entry.path())?)?;
        }
    }
    Ok(())
}

/// The entries' date: `SOURCE_DATE_EPOCH`, else now (UTC).
fn when() -> anyhow::Result<DateTime> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => s.trim().parse::<i64>()?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs() as i64,
    };
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Ok(DateTime::from_date_and_time(
        year.clamp(1980, 2107) as u16,
        month as u8,
        day as u8,
        (rest / 3_600) as u8,
        (rest % 3_600 / 60) as u8,
        (rest % 60) as u8,
    )?)
}
