//! Writing outputs without losing anything (SPEC §9).
//!
//! An output is written to a temporary file beside its target and renamed into
//! place, so a crash never leaves half a workbook where the committee expects a
//! whole one. An existing file is replaced only with `--force`, and an output
//! path that names an input is refused: a typo must never overwrite a vendor's
//! response.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Where a path points once `.` and `..` and links are resolved, as far as it exists.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (parent.canonicalize(), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// Refuses an output that is one of the inputs, or that exists without `force`.
pub fn check_target(target: &Path, inputs: &[PathBuf], force: bool) -> Result<()> {
    let t = resolved(target);
    for input in inputs {
        if resolved(input) == t {
            bail!(
                "{}: this output path is also an input; choose another output file (inputs are never modified)",
                target.display()
            );
        }
    }
    if target.is_dir() {
        bail!(
            "{}: is a folder; give a file name for the output",
            target.display()
        );
    }
    if target.exists() && !force {
        bail!(
            "{}: already exists; use --force to replace it, or choose another name",
            target.display()
        );
    }
    Ok(())
}

/// Writes `bytes` to `target` atomically: a temporary file in the same folder,
/// flushed, then renamed over the target.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(target, |out| Ok(out.write_all(bytes)?))
}

/// Like [`write_atomic`], from a writer: a large workbook goes to disk as it
/// is zipped instead of first into memory.
pub fn write_atomic_with(
    target: &Path,
    write: impl FnOnce(&mut BufWriter<&File>) -> Result<()>,
) -> Result<()> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the output folder", dir.display()))?;
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".fairbid-").suffix(".tmp");
    // A temporary file is private (0600); the output is an ordinary file,
    // readable as any file the user creates (0666 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir).with_context(|| {
        format!(
            "{}: cannot create a temporary file in this folder",
            dir.display()
        )
    })?;
    let mut out = BufWriter::new(tmp.as_file());
    write(&mut out).with_context(|| format!("{}: cannot write the output", target.display()))?;
    out.flush()
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("{}: cannot write the output", target.display()))?;
    drop(out);
    tmp.persist(target)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot move the output into place", target.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_existing_without_force_and_accepts_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("評価.xlsx");
        std::fs::write(&out, b"old").unwrap();
        let err = check_target(&out, &[], false).unwrap_err();
        assert!(format!("{err}").contains("--force"));
        check_target(&out, &[], true).unwrap();
        write_atomic(&out, b"new").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        // no temporary file left behind
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn output_gets_ordinary_file_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.txt");
        std::fs::File::create(&plain).unwrap();
        let out = dir.path().join("out.xlsx");
        write_atomic(&out, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), mode(&plain));
    }

    #[test]
    fn refuses_an_output_equal_to_an_input_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("A社.xlsx");
        std::fs::write(&input, b"vendor").unwrap();
        let same = dir.path().join(".").join("A社.xlsx");
        let err = check_target(&same, std::slice::from_ref(&input), true).unwrap_err();
        assert!(format!("{err}").contains("also an input"));
        assert_eq!(std::fs::read(&input).unwrap(), b"vendor");
    }
}
