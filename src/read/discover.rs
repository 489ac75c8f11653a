//! Turning the `--responses` arguments into the list of vendor workbooks.
//!
//! Secretariats collect the responses in a shared folder, where Excel leaves
//! its lock files (`~$A社.xlsx`) while a file is open, the system leaves
//! `Thumbs.db` and `.DS_Store`, and people drop notes and PDFs beside the
//! workbooks. Lock, hidden and system files are skipped with a notice on the
//! terminal; every other file that is not a workbook is kept for a row of its
//! own (SPEC §7), so that a response saved as CSV or as a Numbers file never
//! vanishes from the record. A file named explicitly is always read, so that
//! a misnamed response still gets its error row.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::model::Lang;

/// The workbook files to read, the other files of the folders (each a row
/// of the record), and the sentences telling what was passed over.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Discovered {
    pub files: Vec<PathBuf>,
    pub not_workbooks: Vec<PathBuf>,
    pub notices: Vec<String>,
}

/// Extensions calamine reads (compared case-insensitively).
const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Files the system leaves in folders: never a response.
const SYSTEM_FILES: [&str; 3] = ["thumbs.db", "desktop.ini", "ehthumbs.db"];

/// Whether the file is hidden (`.name`) or one the system leaves in folders.
pub fn is_system_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        let name = n.to_string_lossy();
        name.starts_with('.') || SYSTEM_FILES.iter().any(|s| name.eq_ignore_ascii_case(s))
    })
}

/// Whether the file name ends in a workbook extension.
pub fn has_workbook_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        WORKBOOK_EXTENSIONS
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    })
}

/// Whether the file name is an Excel lock file (`~$` prefix).
pub fn is_lock_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("~$"))
}

/// Expands the --responses arguments (files or folders) into workbook files, sorted by
/// file name within each folder, folders' files in argument order. In a folder, Excel lock
/// files (`~$*`), hidden files (`.*`) and system files (`Thumbs.db`, `desktop.ini`) are skipped
/// with a notice (a human sentence in `lang`, naming the file, returned in `notices`); the other
/// files without a workbook extension (.xlsx .xlsm .xlsb .xls .ods, case-insensitive) are
/// returned in `not_workbooks`, each to be a row of the record.
/// Files given explicitly are always kept. A path that does not exist is an Err with a message
/// naming it (the command exits 2 on it).
pub fn discover_responses(paths: &[PathBuf], lang: Lang) -> Result<Discovered> {
    let mut found = Discovered::default();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
                "{}",
                match lang {
                    Lang::Ja => format!(
                        "{}: 指定された回答ファイルまたはフォルダが見つかりません。--responses のパスを確認してください。",
                        path.display()
                    ),
                    Lang::En => format!(
                        "{}: no such response file or folder. Check the --responses path.",
                        path.display()
                    ),
                }
            ),
            Err(e) => {
                return Err(e).with_context(|| {
                    format!(
                        "{}: {}",
                        path.display(),
                        lang.pick("読み取れません", "cannot be read")
                    )
                });
            }
        };
        if meta.is_dir() {
            read_folder(path, lang, &mut found)?;
        } else {
            found.files.push(path.clone());
        }
    }
    Ok(found)
}

fn read_folder(folder: &Path, lang: Lang, found: &mut Discovered) -> Result<()> {
    let cannot_read = || {
        format!(
            "{}: {}",
            folder.display(),
            lang.pick("フォルダを読み取れません", "cannot read the folder")
        )
    };
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(folder).with_context(cannot_read)? {
        let entry = entry.with_context(cannot_read)?;
        // Follows symbolic links, as opening the file will.
        let is_dir = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
        entries.push((entry.file_name(), entry.path(), is_dir));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, path, is_dir) in entries {
        let name = name.to_string_lossy();
        if is_dir {
            found.notices.push(match lang {
                Lang::Ja => format!(
                    "フォルダ {} の中のフォルダ「{name}」は読み込みません（中の回答はファイルかフォルダとして直接指定してください）。",
                    folder.display()
                ),
                Lang::En => format!(
                    "Skipped the folder \"{name}\" inside {}: name the responses in it directly.",
                    folder.display()
                ),
            });
        } else if is_lock_file(&path) {
            found.notices.push(match lang {
                Lang::Ja => format!(
                    "Excelのロックファイル「{name}」を読み飛ばしました（ブックを開いている間にExcelが作る一時ファイルです）。"
                ),
                Lang::En => format!(
                    "Skipped \"{name}\": an Excel lock file, left while a workbook is open."
                ),
            });
        } else if is_system_file(&path) {
            found.notices.push(match lang {
                Lang::Ja => format!("隠しファイル・システムファイル「{name}」を読み飛ばしました。"),
                Lang::En => format!("Skipped \"{name}\": a hidden or system file."),
            });
        } else if !has_workbook_extension(&path) {
            found.not_workbooks.push(path);
        } else {
            found.files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, b"x").unwrap();
        path
    }

    #[test]
    fn folder_skips_lock_and_system_files_and_keeps_non_workbooks_for_the_record() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "~$A社.xlsx");
        touch(dir.path(), "Thumbs.db");
        touch(dir.path(), ".DS_Store");
        let readme = touch(dir.path(), "readme.txt");
        let csv = touch(dir.path(), "C社.csv");
        let b = touch(dir.path(), "B社.xlsx");
        let a = touch(dir.path(), "A社.XLSX");
        let d = touch(dir.path(), "D社.xlsb");
        let found = discover_responses(&[dir.path().to_path_buf()], Lang::Ja).unwrap();
        assert_eq!(found.files, vec![a, b, d]);
        assert_eq!(found.not_workbooks, vec![csv, readme]);
        assert_eq!(found.notices.len(), 3, "{:?}", found.notices);
        assert!(
            found
                .notices
                .iter()
                .any(|n| n.contains("~$A社.xlsx") && n.contains("ロックファイル")),
            "{:?}",
            found.notices
        );
        assert!(
            found
                .notices
                .iter()
                .any(|n| n.contains("Thumbs.db") && n.contains("システムファイル")),
            "{:?}",
            found.notices
        );
        assert!(!found.notices.iter().any(|n| n.contains("readme.txt")));
    }

    #[test]
    fn notices_in_english() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "~$C社.xlsm");
        touch(dir.path(), "desktop.ini");
        let found = discover_responses(&[dir.path().to_path_buf()], Lang::En).unwrap();
        assert!(found.files.is_empty());
        assert_eq!(
            found.notices,
            vec![
                "Skipped \"desktop.ini\": a hidden or system file.",
                "Skipped \"~$C社.xlsm\": an Excel lock file, left while a workbook is open.",
            ]
        );
    }

    #[test]
    fn explicit_files_are_kept_and_folders_follow_argument_order() {
        let first = tempfile::tempdir().unwrap();
        let second = tempfile::tempdir().unwrap();
        let z = touch(second.path(), "Z社.ods");
        let notes = touch(first.path(), "回答メモ.txt");
        let y = touch(first.path(), "Y社.xls");
        let found = discover_responses(
            &[
                second.path().to_path_buf(),
                notes.clone(),
                first.path().to_path_buf(),
            ],
            Lang::Ja,
        )
        .unwrap();
        // The explicit .txt is read (and refused with its row); in the folder
        // it is kept for a row of its own.
        assert_eq!(found.files, vec![z, notes.clone(), y]);
        assert_eq!(found.not_workbooks, vec![notes]);
        assert!(found.notices.is_empty());
    }

    #[test]
    fn missing_path_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("D社.xlsx");
        let err = discover_responses(std::slice::from_ref(&missing), Lang::Ja).unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("D社.xlsx"), "{text}");
        assert!(text.contains("見つかりません"), "{text}");
    }

    #[test]
    fn extensions_and_lock_files() {
        assert!(has_workbook_extension(Path::new("a.XlSm")));
        assert!(has_workbook_extension(Path::new("a.ods")));
        assert!(!has_workbook_extension(Path::new("a.csv")));
        assert!(!has_workbook_extension(Path::new("xlsx")));
        assert!(is_lock_file(Path::new("dir/~$A社.xlsx")));
        assert!(!is_lock_file(Path::new("A~$.xlsx")));
    }
}
