//! Opening workbooks end to end: every format, every refusal.

use std::io::{Read, Write};
use std::path::PathBuf;

use rust_xlsxwriter::{Format, Workbook as XlsxWriter};

use super::crafted;
use super::*;
use crate::model::Lang;

fn settings() -> Settings {
    Settings::default()
}

fn save(dir: &Path, name: &str, book: &mut XlsxWriter) -> PathBuf {
    let path = dir.join(name);
    book.save(&path).unwrap();
    path
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The workbook's zip with one part's text edited.
fn rewrite(bytes: &[u8], part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut source = ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut found = false;
    for i in 0..source.len() {
        let mut entry = source.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        if name == part {
            found = true;
            content = edit(String::from_utf8(content).unwrap()).into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&content).unwrap();
    }
    assert!(found, "{part} not in the workbook");
    out.finish().unwrap().into_inner()
}

fn error_message(path: &Path, settings: &Settings, lang: Lang) -> String {
    let finding = open(path, settings).unwrap_err().finding;
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(
        finding.file,
        path.file_name().unwrap().to_string_lossy(),
        "the file name, without directories"
    );
    assert_eq!(
        (finding.sheet.as_deref(), finding.cell.as_deref()),
        (None, None)
    );
    crate::write::Labels::load(lang)
        .unwrap()
        .finding_message(&finding)
}

fn text(s: &str) -> CellValue {
    CellValue::Text(s.into())
}

/// A response workbook drawn as it looks in Excel:
///
/// ```text
///      A           B                          C
///  1   要件ID      回答                        費用
///  2   JR-001      ◎                          12
///  3   2024-01-01  標準機能で対応可能（帳票…）  TRUE
///  4   2024-01-01 09:30
/// ```
fn response_values(dir: &Path) -> PathBuf {
    let mut book = XlsxWriter::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let sheet = book.add_worksheet().set_name("回答").unwrap();
    sheet.write_string(0, 0, "要件ID").unwrap();
    sheet.write_string(0, 1, "回答").unwrap();
    sheet.write_string(0, 2, "費用").unwrap();
    sheet.write_string(1, 0, "JR-001").unwrap();
    sheet.write_string(1, 1, "◎").unwrap();
    sheet.write_number(1, 2, 12).unwrap();
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 1, 1).unwrap();
    sheet.write_datetime_with_format(2, 0, &day, &date).unwrap();
    sheet
        .write_string(2, 1, " 標準機能で対応可能（帳票はパラメータ設定） ")
        .unwrap();
    sheet.write_boolean(2, 2, true).unwrap();
    let moment = rust_xlsxwriter::ExcelDateTime::parse_from_str("2024-01-01 09:30:00").unwrap();
    sheet
        .write_datetime_with_format(3, 0, &moment, &time)
        .unwrap();
    save(dir, "A社.xlsx", &mut book)
}

#[test]
fn values_read_back_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = response_values(dir.path());
    let book = open(&path, &settings()).unwrap();
    assert_eq!(book.file, "A社.xlsx");
    assert_eq!(book.path, path);
    assert_eq!(book.sheets.len(), 1);
    let sheet = &book.sheets[0];
    assert_eq!((sheet.name.as_str(), sheet.index), ("回答", 0));
    assert_eq!(sheet.cell(0, 0), &text("要件ID"));
    assert_eq!(sheet.cell(1, 1), &text("◎"));
    assert_eq!(sheet.cell(1, 2), &CellValue::Number(12.0));
    assert_eq!(sheet.cell(2, 0), &CellValue::Date("2024-01-01".to_string()));
    assert_eq!(
        sheet.cell(2, 1),
        &text(" 標準機能で対応可能（帳票はパラメータ設定） ")
    );
    assert_eq!(sheet.cell(2, 2), &CellValue::Bool(true));
    assert_eq!(
        sheet.cell(3, 0),
        &CellValue::Date("2024-01-01T09:30:00".to_string())
    );
    assert_eq!(sheet.cell(3, 1), &CellValue::Empty);
    let indices: Vec<u32> = sheet.rows.iter().map(|r| r.index).collect();
    assert_eq!(indices, vec![0, 1, 2, 3]);
    let cols: Vec<u32> = sheet.rows[2].cells.iter().map(|(c, _)| *c).collect();
    assert_eq!(cols, vec![0, 1, 2]);
}

#[test]
fn sha256_is_of_the_file_bytes() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = response_values(dir.path());
    let book = open(&path, &settings()).unwrap();
    assert_eq!(book.sha256, sha256_hex(&std::fs::read(&path).unwrap()));
}

#[test]
fn hidden_and_very_hidden_sheets_carry_no_cells() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = XlsxWriter::new();
    let visible = book.add_worksheet().set_name("回答").unwrap();
    visible.write_string(0, 0, "要件ID").unwrap();
    let hidden = book.add_worksheet().set_name("非表示").unwrap();
    hidden.write_string(0, 0, "社外秘の単価").unwrap();
    hidden.set_hidden(true);
    let very = book.add_worksheet().set_name("作業用").unwrap();
    very.write_string(0, 0, "計算用").unwrap();
    very.set_very_hidden(true);
    let path = save(dir.path(), "B社.xlsx", &mut book);
    let sheets = open(&path, &settings()).unwrap().sheets;
    let summary: Vec<(&str, usize, Visibility, usize)> = sheets
        .iter()
        .map(|s| (s.name.as_str(), s.index, s.visibility, s.rows.len()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("回答", 0, Visibility::Visible, 1),
            ("非表示", 1, Visibility::Hidden, 0),
            ("作業用", 2, Visibility::VeryHidden, 0),
        ]
    );
}

#[test]
fn hidden_rows_columns_merges_and_formulas_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = XlsxWriter::new();
    let sheet = book.add_worksheet().set_name("回答").unwrap();
    sheet
        .merge_range(0, 0, 1, 2, "機能要件回答書", &Format::new())
        .unwrap();
    sheet.write_string(2, 0, "JR-001").unwrap();
    sheet.write_string(3, 0, "JR-002").unwrap();
    sheet.set_row_hidden(2).unwrap();
    sheet.set_column_hidden(2).unwrap();
    sheet.write_formula(4, 1, "=SUM(C3:C4)").unwrap();
    sheet.write_formula(5, 3, "=\"△\"").unwrap();
    let path = save(dir.path(), "C社.xlsx", &mut book);
    let sheet = &open(&path, &settings()).unwrap().sheets[0];
    assert_eq!(sheet.hidden_rows, vec![2]);
    assert_eq!(sheet.hidden_cols, vec![2]);
    assert_eq!(
        sheet.merged,
        vec![MergedRange {
            first_row: 0,
            first_col: 0,
            last_row: 1,
            last_col: 2
        }]
    );
    assert_eq!(sheet.cell(0, 0), &text("機能要件回答書"));
    assert_eq!(
        sheet.formulas,
        vec![
            (4, 1, "SUM(C3:C4)".to_string()),
            (5, 3, "\"△\"".to_string())
        ]
    );
    assert_eq!(sheet.formula(4, 1), Some("SUM(C3:C4)"));
    assert_eq!(sheet.formula(4, 0), None);
    // Cells on a hidden row are still read.
    assert_eq!(sheet.cell(2, 0), &text("JR-001"));
}

#[test]
fn hidden_true_spellings_and_shared_formulas_from_other_writers() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = XlsxWriter::new();
    let sheet = book.add_worksheet();
    for row in 0..3 {
        sheet.write_number(row, 0, f64::from(row + 1)).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let edited = rewrite(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        let start = xml.find("<sheetData>").unwrap();
        let end = xml.find("</sheetData>").unwrap() + "</sheetData>".len();
        let data = r#"<cols><col min="2" max="4" width="9" hidden="true"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row><row r="2" hidden="true"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row><row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c></row></sheetData>"#;
        format!("{}{data}{}", &xml[..start], &xml[end..])
    });
    let path = write(dir.path(), "D社.xlsx", &edited);
    let sheet = &open(&path, &settings()).unwrap().sheets[0];
    assert_eq!(sheet.hidden_rows, vec![1]);
    assert_eq!(sheet.hidden_cols, vec![1, 2, 3]);
    assert_eq!(
        sheet.formulas,
        vec![
            (0, 1, "A1*2".to_string()),
            (1, 1, "A2*2".to_string()),
            (2, 1, "A3*2".to_string()),
        ]
    );
    assert_eq!(sheet.cell(2, 1), &CellValue::Number(6.0));
}

#[test]
fn chart_sheets_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = XlsxWriter::new();
    let data = book.add_worksheet().set_name("集計").unwrap();
    data.write_number(0, 0, 3).unwrap();
    data.write_number(1, 0, 5).unwrap();
    let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Bar);
    chart.add_series().set_values("集計!$A$1:$A$2");
    book.add_chartsheet()
        .set_name("グラフ")
        .unwrap()
        .insert_chart(0, 0, &chart)
        .unwrap();
    let path = save(dir.path(), "E社.xlsx", &mut book);
    let sheets = open(&path, &settings()).unwrap().sheets;
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].name, "集計");
}

#[test]
fn stray_cell_at_the_last_cell_reads_without_a_grid() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = XlsxWriter::new();
    let sheet = book.add_worksheet().set_name("回答").unwrap();
    for row in 0..5 {
        sheet
            .write_string(row, 0, format!("JR-00{}", row + 1))
            .unwrap();
    }
    sheet.write_string(1_048_575, 16_383, "×").unwrap();
    let path = save(dir.path(), "F社.xlsx", &mut book);
    let sheet = &open(&path, &settings()).unwrap().sheets[0];
    let cells: Vec<(u32, u32, String)> = sheet
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(move |(c, v)| (r.index, *c, v.display())))
        .collect();
    assert_eq!(
        cells,
        vec![
            (0, 0, "JR-001".to_string()),
            (1, 0, "JR-002".to_string()),
            (2, 0, "JR-003".to_string()),
            (3, 0, "JR-004".to_string()),
            (4, 0, "JR-005".to_string()),
            (1_048_575, 16_383, "×".to_string()),
        ]
    );
}

#[test]
fn xls_and_ods_read_the_same_cells() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for name in ["response.xls", "response.ods"] {
        let book = open(&data.join(name), &settings()).unwrap();
        let summary: Vec<(&str, Visibility, usize)> = book
            .sheets
            .iter()
            .map(|s| (s.name.as_str(), s.visibility, s.rows.len()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("回答", Visibility::Visible, 3),
                ("非表示", Visibility::Hidden, 0)
            ],
            "{name}"
        );
        let sheet = &book.sheets[0];
        assert_eq!(sheet.cell(0, 0), &text("要件ID"), "{name}");
        assert_eq!(sheet.cell(1, 1), &text("◎"), "{name}");
        assert_eq!(sheet.cell(1, 2), &CellValue::Number(12.0), "{name}");
        assert_eq!(
            sheet.cell(2, 0),
            &CellValue::Date("2024-01-01".to_string()),
            "{name}"
        );
        assert_eq!(sheet.cell(2, 1), &text("標準機能で対応可能"), "{name}");
    }
}

#[test]
fn format_is_sniffed_not_taken_from_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let xls = std::fs::read(data.join("response.xls")).unwrap();
    let path = write(dir.path(), "G社.xlsx", &xls);
    let book = open(&path, &settings()).unwrap();
    assert_eq!(book.sheets[0].cell(1, 1), &text("◎"));
    let xlsx = std::fs::read(response_values(dir.path())).unwrap();
    let path = write(dir.path(), "H社.xls", &xlsx);
    let book = open(&path, &settings()).unwrap();
    assert_eq!(book.sheets[0].cell(1, 1), &text("◎"));
}

#[test]
fn empty_file_is_not_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "空.xlsx", b"");
    assert_eq!(
        error_message(&path, &settings(), Lang::Ja),
        "ブックとして読めません（ファイルが空です）。Excel形式（.xlsx）で保存し直して再提出を依頼してください。"
    );
}

#[test]
fn csv_named_xlsx_is_named_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "A社.xlsx", "要件ID,回答\nJR-001,◎\n".as_bytes());
    assert_eq!(
        error_message(&path, &settings(), Lang::Ja),
        "ブックとして読めません（中身がCSVテキストです）。Excel形式（.xlsx）で保存し直して再提出を依頼してください。"
    );
    assert_eq!(
        error_message(&path, &settings(), Lang::En),
        "Not a workbook (the content is CSV text). Ask the sender to save it in Excel format (.xlsx) and send it again."
    );
}

#[test]
fn html_named_xlsx_is_named_html() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><body><table><tr><td>JR-001</td><td>◎</td></tr></table></body></html>";
    let path = write(dir.path(), "B社.xlsx", html.as_bytes());
    assert_eq!(
        error_message(&path, &settings(), Lang::Ja),
        "ブックとして読めません（中身がHTMLです）。Excel形式（.xlsx）で保存し直して再提出を依頼してください。"
    );
}

#[test]
fn random_bytes_are_not_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let path = write(dir.path(), "C社.xlsx", &bytes);
    assert_eq!(
        error_message(&path, &settings(), Lang::Ja),
        "ブックとして読めません（Excel・OpenDocumentのどの形式でもありません）。Excel形式（.xlsx）で保存し直して再提出を依頼してください。"
    );
}

#[test]
fn truncated_zip_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(response_values(dir.path())).unwrap();
    let path = write(dir.path(), "D社.xlsx", &bytes[..bytes.len() / 2]);
    let message = error_message(&path, &settings(), Lang::Ja);
    // The parser's own words are English: the Japanese message leaves them out.
    assert_eq!(
        message,
        "ファイルが途中で切れているか壊れているため読めません。Excelで開けるか確認し、Excel形式（.xlsx）で保存し直して再提出を依頼してください。"
    );
    let message = error_message(&path, &settings(), Lang::En);
    assert!(
        message.starts_with("The file is cut off or damaged and cannot be read ("),
        "{message}"
    );
}

#[test]
fn every_truncation_of_a_workbook_is_a_clean_error() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(response_values(dir.path())).unwrap();
    for cut in (0..bytes.len()).step_by(97) {
        // `guarded` turns a panic into an error too: a clean error is one
        // made on purpose, not the caught panic.
        match read_sheets(&bytes[..cut], &settings()) {
            Ok(_) => panic!("cut at {cut} read as a workbook"),
            Err(Refusal::Damaged { detail }) if detail == PANIC_DETAIL => {
                panic!("cut at {cut} panicked in the reader")
            }
            Err(_) => {}
        }
    }
}

#[test]
fn encrypted_workbook_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = crafted::compound(&[
        ("EncryptionInfo", b"\x04\x00\x04\x00\x40\x00\x00\x00"),
        (
            "EncryptedPackage",
            b"\x10\x00\x00\x00\x00\x00\x00\x00ciphertext",
        ),
    ]);
    let path = write(dir.path(), "E社.xlsx", &file);
    assert_eq!(
        error_message(&path, &settings(), Lang::Ja),
        "パスワードで保護（暗号化）されているため読めません。パスワードを外して保存し直し、再提出を依頼してください。"
    );
    assert_eq!(
        error_message(&path, &settings(), Lang::En),
        "The workbook is encrypted / password-protected and cannot be read. Ask the sender to save it without a password and send it again."
    );
}

#[test]
fn file_over_the_size_limit_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = response_values(dir.path());
    let settings = Settings {
        max_file_mib: 0,
        ..Settings::default()
    };
    let message = error_message(&path, &settings, Lang::Ja);
    assert!(message.contains("上限 max_file_mib = 0 MiB"), "{message}");
}

#[test]
fn part_over_the_size_limit_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = response_values(dir.path());
    let settings = Settings {
        max_part_mib: 0,
        ..Settings::default()
    };
    let message = error_message(&path, &settings, Lang::En);
    assert!(
        message.starts_with("The workbook part [Content_Types].xml unpacks to more than the limit"),
        "{message}"
    );
    assert!(message.contains("max_part_mib is 0 MiB"), "{message}");
}

#[test]
fn shared_string_count_of_ten_to_the_eleventh_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(response_values(dir.path())).unwrap();
    let edited = rewrite(&bytes, "xl/sharedStrings.xml", |xml| {
        let at = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = at + xml[at..].find('"').unwrap();
        format!("{}100000000000{}", &xml[..at], &xml[end..])
    });
    let path = write(dir.path(), "F社.xlsx", &edited);
    let message = error_message(&path, &settings(), Lang::Ja);
    assert!(
        message.starts_with(
            "共有文字列 xl/sharedStrings.xml が宣言する件数（100000000000 件）が部品の大きさで収まる数を超えています。"
        ),
        "{message}"
    );
}

#[test]
fn word_document_in_a_zip_is_not_a_workbook() {
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let doc = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body/></w:document>"#;
    let file = crafted::zip_of(&[
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
    ]);
    assert_eq!(
        read_sheets(&file, &settings()),
        Err(Refusal::NotWorkbook(Looks::OtherZip))
    );
}

/// An Excel binary workbook is read as calamine reads it: every visible
/// worksheet with its cells, chart sheets left out.
#[test]
fn binary_workbook_is_read() {
    use calamine::{Data, Reader, Xlsb};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/any_sheets.xlsb");
    let bytes = std::fs::read(&path).unwrap();
    let sheets = read_sheets(&bytes, &settings()).unwrap();
    let mut xlsb = Xlsb::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let worksheets: Vec<calamine::Sheet> = (xlsb.sheets_metadata().iter())
        .filter(|m| m.typ == calamine::SheetType::WorkSheet)
        .cloned()
        .collect();
    assert_eq!(sheets.len(), worksheets.len());
    let mut cells = 0;
    for (sheet, meta) in sheets.iter().zip(&worksheets) {
        assert_eq!(sheet.name, meta.name);
        if sheet.visibility != Visibility::Visible {
            assert!(sheet.rows.is_empty(), "{}", sheet.name);
            continue;
        }
        let range = xlsb.worksheet_range(&meta.name).unwrap();
        let (top, left) = range.start().unwrap_or((0, 0));
        for (r, c, data) in range.used_cells() {
            let (row, col) = (top + r as u32, left + c as u32);
            match data {
                Data::String(s) if s.is_empty() => {}
                Data::String(s) => {
                    assert_eq!(sheet.cell(row, col).display(), *s);
                    cells += 1;
                }
                Data::Float(f) => {
                    assert_eq!(sheet.cell(row, col), &CellValue::Number(*f));
                    cells += 1;
                }
                _ => {}
            }
        }
    }
    assert!(cells > 0, "the fixture has cells");
}

#[test]
fn binary_workbook_that_is_not_one_is_damaged() {
    let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#;
    let file = crafted::zip_of(&[
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.bin", b"\x83\x01"),
    ]);
    assert!(
        matches!(
            read_sheets(&file, &settings()),
            Err(Refusal::Damaged { .. })
        ),
        "{:?}",
        read_sheets(&file, &settings())
    );
}

#[test]
fn ods_built_in_code_reads_and_its_bombs_do_not() {
    let file = crafted::ods(
        "回答",
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>JR-001</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="12"/></table:table-row>"#,
    );
    let sheets = read_sheets(&file, &settings()).unwrap();
    assert_eq!(sheets[0].cell(0, 0), &text("JR-001"));
    assert_eq!(sheets[0].cell(0, 1), &CellValue::Number(12.0));
    let bomb = crafted::ods(
        "回答",
        r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#,
    );
    assert!(matches!(
        read_sheets(&bomb, &settings()),
        Err(Refusal::SheetTooLarge { .. })
    ));
}

#[test]
fn missing_file_is_an_error_row() {
    let dir = tempfile::tempdir().unwrap();
    let message = error_message(&dir.path().join("G社.xlsx"), &settings(), Lang::Ja);
    assert_eq!(
        message,
        "ファイルを開けません。ファイルの場所と読み取り権限を確認してください。"
    );
    let message = error_message(&dir.path().join("G社.xlsx"), &settings(), Lang::En);
    assert!(message.starts_with("Cannot open the file ("), "{message}");
}

/// An .ods saved with a password: its manifest lists the encryption of its
/// parts and `content.xml` is ciphertext. It is said to be password-protected,
/// not cut off.
#[test]
fn password_protected_ods_says_so() {
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="4021"><manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>"#;
    let file = crafted::zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        (
            "content.xml",
            &[0x8f, 0x12, 0xc3, 0x00, 0x7a, 0xee, 0x01, 0x55],
        ),
    ]);
    assert_eq!(read_sheets(&file, &settings()), Err(Refusal::Encrypted));
    // The same package without the encryption is only cut off.
    let plain = crafted::zip_of(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        (
            "content.xml",
            &[0x8f, 0x12, 0xc3, 0x00, 0x7a, 0xee, 0x01, 0x55],
        ),
    ]);
    assert_ne!(read_sheets(&plain, &settings()), Err(Refusal::Encrypted));
}
