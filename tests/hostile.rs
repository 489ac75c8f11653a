//! Bent and broken response files, end to end: each gives its exact
//! validation row (or is read correctly), nothing panics or aborts, and the
//! other vendors are still evaluated.

mod common;

use std::io::{Read, Write};

use common::{
    Readback, Workdir, response, standard_matrix, standard_vendors, vendor, vendor_names,
};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The validation rows of one file.
fn rows_of<'a>(report: &'a Value, file: &str) -> Vec<&'a Value> {
    report["validation"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == file)
        .collect()
}

/// The one error row of a file that could not be read at all.
fn only_error(report: &Value, file: &str) -> String {
    let rows = rows_of(report, file);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0]["severity"], "error");
    assert_eq!(rows[0]["sheet"], Value::Null);
    assert_eq!(rows[0]["cell"], Value::Null);
    rows[0]["message"].as_str().unwrap().to_string()
}

/// A good response as xlsx bytes, for crafting damaged copies.
fn good_response_bytes(w: &Workdir) -> Vec<u8> {
    let path = response(
        w,
        "原本",
        &[
            ("R-001", "◎", "", ""),
            ("R-002", "◎", "", ""),
            ("R-003", "◎", "", ""),
            ("R-004", "◎", "", ""),
        ],
    );
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(path).unwrap();
    bytes
}

/// Rewrites one part of an xlsx package.
fn with_part(bytes: &[u8], part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name == part {
            content = edit(String::from_utf8(content).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn files_that_are_not_workbooks_are_error_rows_naming_the_problem() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    let good = good_response_bytes(&w);
    w.write("responses/CSV社.xlsx", "要件ID,回答\nR-001,◎\n".as_bytes());
    w.write(
        "responses/HTML社.xlsx",
        b"<!DOCTYPE html><html><body><table><tr><td>R-001</td></tr></table></body></html>",
    );
    w.write("responses/空社.xlsx", b"");
    w.write(
        "responses/乱数社.xlsx",
        &[0x13, 0x37, 0xfe, 0x00, 0x42, 0x99, 0x01, 0x7f],
    );
    w.write("responses/途切れ社.xlsx", &good[..good.len() / 2]);
    w.write(
        "responses/暗号社.xlsx",
        &std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/encrypted.xlsx"),
        )
        .unwrap(),
    );

    let report = w.evaluate_json("requirements.xlsx");
    assert_eq!(vendor_names(&report), ["A社", "B社", "C社"]);
    assert!(only_error(&report, "CSV社.xlsx").contains("CSV"));
    assert!(only_error(&report, "HTML社.xlsx").contains("HTML"));
    assert!(only_error(&report, "空社.xlsx").contains("空"));
    assert!(!only_error(&report, "乱数社.xlsx").is_empty());
    assert!(!only_error(&report, "途切れ社.xlsx").is_empty());
    assert!(only_error(&report, "暗号社.xlsx").contains("パスワード"));
    // every file received is still on the record, with the hash of its bytes
    let inputs = report["inputs"].as_array().unwrap();
    for name in [
        "CSV社.xlsx",
        "HTML社.xlsx",
        "空社.xlsx",
        "乱数社.xlsx",
        "途切れ社.xlsx",
        "暗号社.xlsx",
    ] {
        let received = inputs
            .iter()
            .find(|i| i["file"] == name)
            .unwrap_or_else(|| panic!("{name} not in {inputs:#?}"));
        assert_eq!(received["role"], "response", "{name}");
        assert_eq!(received["rows"], 0, "{name}");
        let bytes = std::fs::read(w.path(&format!("responses/{name}"))).unwrap();
        let sha: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(received["sha256"], sha, "{name}");
    }
}

#[test]
fn crafted_files_that_abort_a_naive_reader_are_refused_or_read() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    let good = good_response_bytes(&w);
    // a shared-string table that claims 10^11 entries
    let bomb = with_part(&good, "xl/sharedStrings.xml", |xml| {
        let at = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = at + xml[at..].find('"').unwrap();
        format!("{}100000000000{}", &xml[..at], &xml[end..])
    });
    w.write("responses/共有文字列社.xlsx", &bomb);

    // a valid answer sheet with one stray cell at XFD1048576
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("回答").unwrap();
    let rows = [
        ["要件ID", "回答"],
        ["R-001", "◎"],
        ["R-002", "◎"],
        ["R-003", "△"],
        ["R-004", "◎"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(w.path("responses/伸長社.xlsx")).unwrap();

    let report = w.evaluate_json("requirements.xlsx");
    assert!(only_error(&report, "共有文字列社.xlsx").contains("100000000000"));
    let stretched = vendor(&report, "伸長社");
    assert_eq!(stretched["levels"]["standard"], 3);
    assert_eq!(stretched["levels"]["customization"], 1);
    assert!((stretched["score"].as_f64().unwrap() - (3.0 + 3.0 + 0.6 + 1.0)).abs() < 1e-9);
}

#[test]
fn what_vendors_do_to_a_form_is_reported_cell_by_cell() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);

    // Hidden row 3, hidden column E, a formula in an answer cell, a merged
    // range over answer cells, an inserted row and a deleted row.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("回答").unwrap();
    let rows = [
        ["要件ID", "回答", "カスタマイズ費用", "備考", "社内メモ"],
        ["R-001", "◎", "", "", ""],
        ["R-002", "◎", "", "", "非表示の列"],
        ["R-099", "◎", "", "独自に追加した行", ""],
        ["R-004", "", "", "", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    sheet.set_row_hidden(2).unwrap();
    sheet.set_column_hidden(4).unwrap();
    sheet.write_formula(1, 1, "=\"◎\"").unwrap();
    sheet.merge_range(4, 1, 4, 2, "△", &Format::new()).unwrap();
    book.save(w.path("responses/改変社.xlsx")).unwrap();

    let report = w.evaluate_json("requirements.xlsx");
    let rows = rows_of(&report, "改変社.xlsx");
    let find = |cell: &str| {
        rows.iter()
            .find(|f| f["cell"] == cell)
            .unwrap_or_else(|| panic!("no row at {cell}: {rows:#?}"))
    };
    assert_eq!(find("3:3")["severity"], "warning", "hidden row");
    assert_eq!(find("E:E")["severity"], "warning", "hidden column");
    assert_eq!(
        find("B2")["severity"],
        "warning",
        "formula in an answer cell"
    );
    assert_eq!(find("B5")["severity"], "warning", "merged answer cells");
    let inserted = rows
        .iter()
        .find(|f| f["value"] == "R-099")
        .expect("inserted row reported");
    assert_eq!(inserted["severity"], "warning");
    assert_eq!(inserted["cell"], "A4");
    let deleted = rows
        .iter()
        .find(|f| f["value"] == "R-003" && f["cell"].is_null())
        .expect("deleted row reported as missing");
    assert_eq!(deleted["severity"], "warning");
    for f in &rows {
        assert_eq!(f["sheet"].as_str().unwrap_or("回答"), "回答");
    }
    // the answers still count: hidden row read, merged value at its top-left cell
    let v = vendor(&report, "改変社");
    assert_eq!(v["levels"]["missing"], 1, "R-003 deleted");
    assert_eq!(v["levels"]["customization"], 1, "R-004 merged △");
}

#[test]
fn three_level_legend_and_codes_outside_the_legend() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    response(
        &w,
        "三段階社",
        &[
            ("R-001", "○", "", ""),
            ("R-002", "○", "", ""),
            ("R-003", "△", "50万円", ""),
            ("R-004", "済", "", ""),
        ],
    );
    let report = w.evaluate_json("requirements.xlsx");
    let rows = rows_of(&report, "三段階社.xlsx");
    let legend = rows
        .iter()
        .find(|f| f["cell"].is_null() && f["message"].as_str().unwrap().contains("○△×"))
        .expect("3-level legend warning");
    assert_eq!(legend["severity"], "warning");
    let invalid = rows
        .iter()
        .find(|f| f["cell"] == "B5")
        .expect("invalid code");
    assert_eq!(invalid["severity"], "error");
    assert_eq!(invalid["value"], "済");
}

#[test]
fn long_text_and_control_characters_survive_the_round_trip() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    // As long as a cell may hold (32,767 UTF-16 units), and one char longer.
    let long = "長".repeat(32_767);
    let control = "改行\nタブ\t制御\u{7}文字";
    response(
        &w,
        "長文社",
        &[
            ("R-001", "◎", "", &long),
            ("R-002", "◎", "", control),
            ("R-003", "◎", "", "ここを差し替える"),
            ("R-004", "◎", "", ""),
        ],
    );
    // rust_xlsxwriter refuses text longer than a cell holds; a vendor's
    // other tools may not: one char over, put into the shared strings.
    let path = w.path("responses/長文社.xlsx");
    let longer = "長".repeat(32_768);
    let bytes = with_part(
        &std::fs::read(&path).unwrap(),
        "xl/sharedStrings.xml",
        |xml| {
            assert!(xml.contains("ここを差し替える"));
            xml.replace("ここを差し替える", &longer)
        },
    );
    std::fs::write(&path, bytes).unwrap();
    let run = w.evaluate(&["-o", "evaluation.xlsx", "--json", "-", "--dossiers", "d"]);
    run.expect_code(0);
    assert!(vendor_names(&run.json()).contains(&"長文社".to_string()));
    let book = Readback::open(&w.path("evaluation.xlsx"));
    assert_eq!(book.sheet_names()[0], "概要");

    // The remarks come back in the vendor's dossier (回答と得点, column 備考):
    // the JSON carries no remarks, and the Matrix shows them as cell notes,
    // which calamine does not read.
    let mut dossier = Readback::open(&w.path("d/長文社_個別評価.xlsx"));
    let answers = dossier.rows("回答と得点");
    const REMARKS: usize = 10;
    assert_eq!(answers[1][REMARKS], "備考");
    let remarks = |id: &str| {
        answers
            .iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("no {id} in {answers:?}"))[REMARKS]
            .clone()
    };
    // Control characters are kept as written (xlsx escapes them as _x0007_).
    assert_eq!(remarks("R-002"), control);
    // The longest text a cell holds comes back whole.
    let kept = remarks("R-001");
    assert_eq!(kept.encode_utf16().count(), 32_767);
    assert_eq!(kept, long);
    // Longer text is cut to the limit, with a marker that says so.
    let cut = remarks("R-003");
    assert_eq!(cut.encode_utf16().count(), 32_767);
    let marker = "…[truncated]";
    assert_eq!(
        cut,
        format!(
            "{}{marker}",
            "長".repeat(32_767 - marker.encode_utf16().count())
        )
    );
}

/// `fairbid check … | head -1`: the reader goes away before the table is
/// written. The run ends quietly with exit 0, as ripgrep does, not with a
/// panic about a broken pipe.
#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    use std::process::{Command, Stdio};
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    // Errors to list, so that `check` would exit 1 were the table read.
    response(&w, "E社", &[("R-001", "？", "", "")]);
    for args in [
        &[
            "check",
            "--requirements",
            "requirements.xlsx",
            "--responses",
            "responses",
        ][..],
        &[
            "check",
            "--requirements",
            "requirements.xlsx",
            "--responses",
            "responses",
            "--json",
            "-",
        ][..],
    ] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("fairbid"))
            .current_dir(w.path(""))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Closed before the child has read its inputs, let alone written.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!stderr.contains("fairbid:"), "{stderr}");
    }
}

/// `fairbid check > /dev/full`: a write that fails is exit 2 with a message
/// naming standard output, not a panic.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_standard_output_is_exit_2_with_a_message() {
    use std::process::Command;
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(assert_cmd::cargo::cargo_bin("fairbid"))
        .current_dir(w.path(""))
        .args([
            "check",
            "--requirements",
            "requirements.xlsx",
            "--responses",
            "responses",
        ])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("標準出力に書き込めません"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// `--force` replaces a file, never a device: `-o null.xlsx --force`, a link
/// to /dev/null (named as a workbook must be), is refused and the device is
/// left as it was.
#[cfg(unix)]
#[test]
fn force_never_replaces_a_device() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    std::os::unix::fs::symlink("/dev/null", w.path("null.xlsx")).unwrap();
    let run = w.evaluate(&["-o", "null.xlsx", "--force", "--lang", "en"]);
    run.expect_code(2);
    assert!(
        run.stderr()
            .contains("null.xlsx: is not a regular file (a device or other special file)"),
        "{}",
        run.stderr()
    );
    use std::os::unix::fs::FileTypeExt;
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device());
}

/// A response whose workbook lists one 2,000-row sheet 30,000 times (167 KB
/// on disk): parsed naively it needs gigabytes and aborts the process. Each
/// workbook is read in a process of its own under `max_read_mib`, so this
/// one becomes an error row naming the limit and the other vendors are
/// evaluated as usual.
#[test]
fn a_workbook_that_needs_too_much_memory_is_a_row_and_the_run_goes_on() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("回答").unwrap();
    sheet.write_string(0, 0, "要件ID").unwrap();
    sheet.write_string(0, 1, "回答").unwrap();
    sheet.write_string(0, 2, "備考").unwrap();
    for r in 1..2_000u32 {
        sheet.write_string(r, 0, format!("R-{r:03}")).unwrap();
        sheet.write_string(r, 1, "◎").unwrap();
        sheet.write_string(r, 2, "標準機能で対応します").unwrap();
    }
    let path = w.path("one-sheet.xlsx");
    book.save(&path).unwrap();
    let bomb = with_part(&std::fs::read(&path).unwrap(), "xl/workbook.xml", |xml| {
        let start = xml.find("<sheets>").unwrap() + "<sheets>".len();
        let end = xml.find("</sheets>").unwrap();
        let sheets: String = (1..=30_000)
            .map(|i| format!(r#"<sheet name="S{i}" sheetId="{i}" r:id="rId1"/>"#))
            .collect();
        format!("{}{sheets}{}", &xml[..start], &xml[end..])
    });
    std::fs::remove_file(path).unwrap();
    w.write("responses/爆弾社.xlsx", &bomb);
    w.write(
        "settings.toml",
        "max_read_mib = 256\nmax_read_seconds = 20\n".as_bytes(),
    );
    let run = w.evaluate(&["--settings", "settings.toml", "--json", "-", "--lang", "en"]);
    run.expect_code(0);
    let report = run.json();
    assert_eq!(
        vendor_names(&report),
        ["A社", "B社", "C社"].map(String::from).to_vec()
    );
    let rows: Vec<&Value> = report["validation"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "爆弾社.xlsx")
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["severity"], "error");
    // Which limit stops it first depends on the build and the machine: a
    // debug build parses slowly enough to meet the time limit first.
    let message = rows[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "Reading the file needed more memory than the limit and was stopped (max_read_mib = 256 MiB)"
        ) || message.starts_with(
            "Reading the file did not finish in time and was stopped (max_read_seconds = 20 s)"
        ),
        "{message}"
    );
    // The file is on the record, with the hash of the bytes received.
    let input = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "爆弾社.xlsx")
        .unwrap();
    let expected: String = Sha256::digest(&bomb)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(input["sha256"], expected.as_str());
}

/// Every file in a responses folder is read or is a row: a response saved as
/// CSV or as a Numbers file is an error, a covering PDF a warning, an
/// Excel binary workbook (.xlsb) is read; lock, hidden and system files stay
/// notices on the terminal.
#[test]
fn every_file_in_a_responses_folder_is_read_or_a_row() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    w.write("responses/D社.csv", "要件ID,回答\nR-001,◎\n".as_bytes());
    w.write("responses/E社.numbers", b"PK\x03\x04 not really");
    w.write("responses/送付状.pdf", b"%PDF-1.4\n");
    w.write("responses/Thumbs.db", b"\0\0");
    w.write("responses/.DS_Store", b"\0\0");
    w.write("responses/~$A社.xlsx", b"lock");
    let xlsb = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/any_sheets.xlsb"),
    )
    .unwrap();
    w.write("responses/F社.xlsb", &xlsb);
    let run = w.evaluate(&["--json", "-", "--lang", "en"]);
    run.expect_code(0);
    let report = run.json();
    let rows: Vec<(String, String, String)> = report["validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let row = |file: &str| {
        rows.iter()
            .find(|(f, _, _)| f == file)
            .unwrap_or_else(|| panic!("no row for {file}: {rows:?}"))
    };
    assert_eq!(row("D社.csv").1, "error");
    assert!(
        row("D社.csv")
            .2
            .starts_with("A CSV file (.csv), not read as a response.")
    );
    assert_eq!(row("E社.numbers").1, "error");
    assert!(
        row("E社.numbers")
            .2
            .starts_with("Files in the .numbers format are not read.")
    );
    assert_eq!(row("送付状.pdf").1, "warning");
    assert!(
        row("送付状.pdf")
            .2
            .starts_with("Not a workbook (.pdf), so not read.")
    );
    // The .xlsb is opened and read: it is not a response form, so it has no
    // header, which is said of its sheets, not that it could not be read.
    let xlsb_rows: Vec<&(String, String, String)> =
        rows.iter().filter(|(f, _, _)| f == "F社.xlsb").collect();
    assert!(
        xlsb_rows.iter().any(|(_, severity, m)| severity == "error"
            && m.starts_with("No sheet has a header row, so this file cannot be read")),
        "{xlsb_rows:?}"
    );
    assert!(
        xlsb_rows
            .iter()
            .all(|(_, _, m)| !m.contains(".xlsb") && !m.contains("binary")),
        "{xlsb_rows:?}"
    );
    // Read, so on the record with the hash of its bytes.
    let expected: String = Sha256::digest(&xlsb)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let input = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "F社.xlsb")
        .expect("the .xlsb on the record");
    assert_eq!(input["sha256"], expected.as_str());
    assert_eq!(input["role"], "response");
    for quiet in ["Thumbs.db", ".DS_Store", "~$A社.xlsx"] {
        assert!(
            !rows.iter().any(|(f, _, _)| f == quiet),
            "{quiet}: {rows:?}"
        );
        assert!(run.stderr().contains(quiet), "{}", run.stderr());
    }
    // The good vendors are evaluated as ever.
    assert_eq!(
        vendor_names(&report),
        ["A社", "B社", "C社"].map(String::from).to_vec()
    );
}
