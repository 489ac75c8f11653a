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

use anyhow::{Context, Result, anyhow};

use crate::model::Lang;

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

/// The line of a command's terminal summary that names every file it
/// wrote, so that a secretariat knows what to pick up.
pub fn written_line(paths: &[&Path], lang: Lang) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    match lang {
        Lang::Ja => format!("書き出したファイル: {}\n", names.join("、")),
        Lang::En => format!("wrote: {}\n", names.join(", ")),
    }
}

/// Refuses a workbook output whose name does not end in `.xlsx` (any case):
/// what is written is an xlsx package, and a file named `out.pdf` or
/// `out.xls` holding one would not open as what its name says.
pub fn check_workbook_name(target: &Path, lang: Lang) -> Result<()> {
    let is_xlsx = target
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        return Ok(());
    }
    Err(anyhow!(
        "{}: {}",
        target.display(),
        lang.pick(
            "ブックの出力先は .xlsx で終わるファイル名にしてください（例: -o 評価結果.xlsx）。PDF が必要なときは、作成した .xlsx を Excel などで開いて PDF として保存してください",
            "a workbook output must end in .xlsx (e.g. -o evaluation.xlsx); for a PDF, open the .xlsx in Excel or another spreadsheet program and save it as PDF",
        )
    ))
}

/// Refuses an output that is one of the inputs, or that exists without `force`.
pub fn check_target(target: &Path, inputs: &[PathBuf], force: bool, lang: Lang) -> Result<()> {
    let refuse = |ja: &str, en: &str| anyhow!("{}: {}", target.display(), lang.pick(ja, en));
    let t = resolved(target);
    if inputs.iter().any(|input| resolved(input) == t) {
        return Err(refuse(
            "この出力先は入力ファイルの一つです。別の出力ファイルを指定してください（入力ファイルは書き換えません）",
            "this output path is also an input; choose another output file (inputs are never modified)",
        ));
    }
    if target.is_dir() {
        return Err(refuse(
            "フォルダです。出力にはファイル名を指定してください",
            "is a folder; give a file name for the output",
        ));
    }
    // Where a link leads: a link to a device is a device.
    if let Ok(meta) = std::fs::metadata(target)
        && !meta.is_file()
    {
        return Err(refuse(
            "通常のファイルではありません（デバイスなど）。--force でも置き換えません。出力には通常のファイル名を指定してください",
            "is not a regular file (a device or other special file); not even --force replaces it. Give the path of an ordinary file",
        ));
    }
    if target.exists() && !force {
        return Err(refuse(
            "既にあります。上書きするには --force を付けるか、別の名前を指定してください",
            "already exists; use --force to replace it, or choose another name",
        ));
    }
    Ok(())
}

/// Writes to standard output. A reader that went away (`fairbid check | head
/// -1`) is not an error of ours: the run ends quietly, as `head` wanted
/// ([`is_broken_pipe`]); any other failure, a full disk say, is an error
/// that names standard output.
pub fn to_stdout(lang: Lang, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    write(&mut out)
        .and_then(|()| Ok(out.flush()?))
        .with_context(|| {
            lang.pick(
                "標準出力に書き込めません（ディスクの空きやリダイレクト先を確認してください）",
                "cannot write to standard output (check the free space or where it is redirected)",
            )
        })
}

/// Whether an error comes from writing to a pipe whose reader has closed it.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes `bytes` to `target` atomically: a temporary file in the same folder,
/// flushed, then renamed over the target.
pub fn write_atomic(target: &Path, bytes: &[u8], lang: Lang) -> Result<()> {
    write_atomic_with(target, lang, |out| Ok(out.write_all(bytes)?))
}

/// Like [`write_atomic`], from a writer: a large workbook goes to disk as it
/// is zipped instead of first into memory.
pub fn write_atomic_with(
    target: &Path,
    lang: Lang,
    write: impl FnOnce(&mut BufWriter<&File>) -> Result<()>,
) -> Result<()> {
    let failed =
        |path: &Path, ja: &str, en: &str| format!("{}: {}", path.display(), lang.pick(ja, en));
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        std::fs::create_dir_all(dir).with_context(|| {
            failed(
                dir,
                "出力先のフォルダを作成できません",
                "cannot create the output folder",
            )
        })?;
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
        failed(
            dir,
            "このフォルダに一時ファイルを作成できません",
            "cannot create a temporary file in this folder",
        )
    })?;
    let cannot_write = || failed(target, "出力を書き込めません", "cannot write the output");
    let mut out = BufWriter::new(tmp.as_file());
    write(&mut out).with_context(cannot_write)?;
    out.flush()
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(cannot_write)?;
    drop(out);
    tmp.persist(target).map_err(|e| e.error).with_context(|| {
        failed(
            target,
            "書き出したファイルを出力先に置けません",
            "cannot move the output into place",
        )
    })?;
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
        let err = check_target(&out, &[], false, Lang::Ja).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: 既にあります。上書きするには --force を付けるか、別の名前を指定してください",
                out.display()
            )
        );
        let err = check_target(&out, &[], false, Lang::En).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: already exists; use --force to replace it, or choose another name",
                out.display()
            )
        );
        check_target(&out, &[], true, Lang::Ja).unwrap();
        write_atomic(&out, b"new", Lang::Ja).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        // no temporary file left behind
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_a_folder_as_output_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let err = check_target(dir.path(), &[], true, Lang::Ja).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: フォルダです。出力にはファイル名を指定してください",
                dir.path().display()
            )
        );
        let err = check_target(dir.path(), &[], true, Lang::En).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: is a folder; give a file name for the output",
                dir.path().display()
            )
        );
    }

    #[test]
    fn a_write_that_fails_says_so_in_the_runs_language() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("メモ.txt");
        std::fs::write(&file, b"memo").unwrap();
        // The output's folder is a file: no temporary file can go there.
        let out = file.join("評価.xlsx");
        let err = write_atomic(&out, b"new", Lang::Ja).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: このフォルダに一時ファイルを作成できません",
                file.display()
            )
        );
        let err = write_atomic(&out, b"new", Lang::En).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: cannot create a temporary file in this folder",
                file.display()
            )
        );
        assert_eq!(std::fs::read(&file).unwrap(), b"memo");
    }

    #[cfg(unix)]
    #[test]
    fn output_gets_ordinary_file_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.txt");
        std::fs::File::create(&plain).unwrap();
        let out = dir.path().join("out.xlsx");
        write_atomic(&out, b"x", Lang::Ja).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), mode(&plain));
    }

    #[test]
    fn refuses_an_output_equal_to_an_input_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("A社.xlsx");
        std::fs::write(&input, b"vendor").unwrap();
        let same = dir.path().join(".").join("A社.xlsx");
        let inputs = std::slice::from_ref(&input);
        let err = check_target(&same, inputs, true, Lang::Ja).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: この出力先は入力ファイルの一つです。別の出力ファイルを指定してください（入力ファイルは書き換えません）",
                same.display()
            )
        );
        let err = check_target(&same, inputs, true, Lang::En).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: this output path is also an input; choose another output file (inputs are never modified)",
                same.display()
            )
        );
        assert_eq!(std::fs::read(&input).unwrap(), b"vendor");
    }
}
