//! The printed record (SPEC §8.1): the Remarks and By member sheets, and
//! the page setup read from the produced workbook's XML.

mod common;

use std::io::Read;
use std::path::Path;

use common::{Readback, Workdir, response, standard_matrix, standard_requests, standard_vendors};

/// One part of an xlsx package, as text.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The `_xlnm.Print_Titles` of the sheet at `index` (0-based), from workbook.xml.
fn print_titles(workbook_xml: &str, index: usize) -> Option<String> {
    let open = format!("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{index}\">");
    let start = workbook_xml.find(&open)? + open.len();
    let end = start + workbook_xml[start..].find("</definedName>")?;
    Some(workbook_xml[start..end].to_string())
}

#[test]
fn every_remark_is_a_row_of_the_remarks_sheet() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    // A second remark, on another requirement by another vendor, with a
    // long requirement text shortened beside it.
    response(
        &w,
        "C社",
        &[
            ("R-001", "×", "", "令和8年度の制度改正後に対応予定"),
            ("R-002", "◎", "", ""),
            ("R-003", "◎", "", ""),
            ("R-004", "◎", "", ""),
        ],
    );
    w.evaluate(&["-o", "evaluation.xlsx"]).expect_code(0);
    let mut book = Readback::open(&w.path("evaluation.xlsx"));
    let rows = book.rows("回答備考");
    assert_eq!(
        rows[2],
        ["要件ID", "要件（抜粋）", "ベンダー", "回答", "得点", "備考"]
    );
    // Matrix order: R-001 (C社) before R-003 (A社); one row per remark.
    assert_eq!(
        rows[3],
        [
            "R-001",
            "住民票の写しを交付できること。",
            "C社",
            "×",
            "0",
            "令和8年度の制度改正後に対応予定"
        ]
    );
    assert_eq!(
        rows[4],
        [
            "R-003",
            "特別徴収税額通知書を出力できること。",
            "A社",
            "○",
            "1.4",
            "帳票は運用で対応"
        ]
    );
    assert_eq!(rows.len(), 5, "{rows:?}");
    // The Matrix keeps its notes: the remark is still on the answer cell.
    let notes = part(&w.path("evaluation.xlsx"), "xl/comments1.xml");
    assert!(notes.contains("帳票は運用で対応"), "{notes}");
}

#[test]
fn no_remark_says_so() {
    let w = Workdir::new();
    standard_matrix(&w);
    for vendor in ["A社", "B社"] {
        let rows = [("R-001", "◎", "", ""), ("R-002", "◎", "", "")];
        response(&w, vendor, &rows);
    }
    w.evaluate(&["-o", "evaluation.xlsx", "--lang", "en"])
        .expect_code(0);
    let mut book = Readback::open(&w.path("evaluation.xlsx"));
    let rows = book.rows("Remarks");
    assert_eq!(rows[3][0], "No answer has a remark.");
    assert_eq!(rows.len(), 4);
}

#[test]
fn by_member_is_a_sheet_with_its_own_header() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    standard_requests(&w);
    w.evaluate(&["-o", "evaluation.xlsx", "--requests", "requests.xlsx"])
        .expect_code(0);
    let path = w.path("evaluation.xlsx");
    let mut book = Readback::open(&path);
    let names = book.sheet_names();
    let at = names.iter().position(|n| n == "団体別").expect("団体別");
    assert_eq!(names[at - 1], "カスタマイズ");
    let rows = book.rows("団体別");
    assert_eq!(rows[0][0], "構成団体別の要望");
    assert_eq!(rows[2], ["団体", "要件ID", "要件", "推奨対応", "要望件数"]);
    // 甲町 asked for R-003, which two members ask for: standardize.
    let kou = book.row_with("団体別", "甲町");
    assert_eq!(kou[1], "R-003");
    assert_eq!(kou[4], "1");
    let otsu: Vec<Vec<String>> = rows.iter().filter(|r| r[0] == "乙村").cloned().collect();
    assert_eq!(otsu.len(), 2);
    assert_eq!((otsu[0][1].as_str(), otsu[0][4].as_str()), ("R-003", "2"));
    assert_eq!((otsu[1][1].as_str(), otsu[1][4].as_str()), ("R-004", ""));
    let hei = book.row_with("団体別", "丙町");
    assert_eq!(hei[2], "要望なし");
    // Its pages repeat its own header row (row 3), and the Customization
    // sheet no longer carries the members' table under its header.
    let workbook = part(&path, "xl/workbook.xml");
    assert_eq!(
        print_titles(&workbook, at).as_deref(),
        Some("団体別!$3:$3"),
        "{workbook}"
    );
    let custom = book.rows("カスタマイズ");
    assert!(
        custom
            .iter()
            .flatten()
            .all(|c| c != "構成団体別の要望" && c != "団体"),
        "{custom:?}"
    );
}

/// Nine vendors: the Matrix prints across pages with the ID to text
/// columns (A:D) and its two header rows repeated, at a scale, not fitted
/// to one page wide; every sheet is A4 landscape with the title
/// and date above and the page number below.
#[test]
fn a_matrix_of_more_than_eight_vendors_prints_across_pages() {
    let w = Workdir::new();
    standard_matrix(&w);
    for k in 1..=9 {
        // Each file its own bytes: identical responses count once.
        let remark = format!("ベンダー{k:02}の標準機能");
        let answers = [
            ("R-001", "◎", "", remark.as_str()),
            ("R-002", "○", "", ""),
            ("R-003", "△", "", ""),
            ("R-004", "×", "", ""),
        ];
        response(&w, &format!("ベンダー{k:02}"), &answers);
    }
    let settings = w.write(
        "settings.toml",
        "title = \"令和8年度 基幹業務システム標準化 共同調達\"\nmarking = \"取扱注意\"\n"
            .as_bytes(),
    );
    let settings = settings.to_str().unwrap();
    w.evaluate(&["-o", "evaluation.xlsx", "--settings", settings])
        .expect_code(0);
    let path = w.path("evaluation.xlsx");
    let workbook = part(&path, "xl/workbook.xml");
    assert_eq!(
        print_titles(&workbook, 1).as_deref(),
        Some("要件別評価!$A:$D,要件別評価!$2:$3"),
        "{workbook}"
    );
    let matrix = part(&path, "xl/worksheets/sheet2.xml");
    assert!(!matrix.contains("fitToPage"), "not fitted to one page");
    let scale: u32 = attribute(&matrix, "pageSetup", "scale").parse().unwrap();
    assert!((40..100).contains(&scale), "scale {scale}");
    // Pages break between vendors, never between a vendor's code (columns
    // G, I, K, … from 6) and its points.
    let breaks: Vec<u32> = matrix
        .split("<brk id=\"")
        .skip(1)
        .map(|b| b.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert!(matrix.contains("<colBreaks"), "{matrix}");
    assert!(!breaks.is_empty());
    assert!(
        breaks.iter().all(|&b| b > 6 && (b - 6) % 2 == 0),
        "{breaks:?}"
    );
    for sheet in 1..=10 {
        let xml = part(&path, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert_eq!(
            attribute(&xml, "pageSetup", "paperSize"),
            "9",
            "sheet{sheet}"
        );
        assert_eq!(attribute(&xml, "pageSetup", "orientation"), "landscape");
        assert!(
            xml.contains("<oddHeader>&amp;L令和8年度 基幹業務システム標準化 共同調達&amp;R"),
            "sheet{sheet}: {xml}"
        );
        assert!(
            xml.contains("<oddFooter>&amp;C&amp;P / &amp;N&amp;R取扱注意</oddFooter>"),
            "sheet{sheet}"
        );
    }
}

/// Up to eight vendors the Matrix is fitted one page wide and repeats no column.
#[test]
fn a_matrix_of_eight_vendors_prints_one_page_wide() {
    let w = Workdir::new();
    standard_matrix(&w);
    for k in 1..=8 {
        let answers = [("R-001", "◎", "", ""), ("R-002", "◎", "", "")];
        response(&w, &format!("ベンダー{k:02}"), &answers);
    }
    w.evaluate(&["-o", "evaluation.xlsx"]).expect_code(0);
    let path = w.path("evaluation.xlsx");
    let workbook = part(&path, "xl/workbook.xml");
    assert_eq!(
        print_titles(&workbook, 1).as_deref(),
        Some("要件別評価!$2:$3")
    );
    let matrix = part(&path, "xl/worksheets/sheet2.xml");
    assert!(
        matrix.contains("<pageSetUpPr fitToPage=\"1\"/>"),
        "{matrix}"
    );
    assert_eq!(attribute(&matrix, "pageSetup", "fitToHeight"), "0");
}

/// The value of `name` on the first `<element …>` of `xml`.
fn attribute(xml: &str, element: &str, name: &str) -> String {
    let start = xml
        .find(&format!("<{element} "))
        .unwrap_or_else(|| panic!("no <{element}> in {xml}"));
    let tag = &xml[start..start + xml[start..].find('>').unwrap()];
    let key = format!(" {name}=\"");
    let at = tag
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + key.len();
    tag[at..at + tag[at..].find('"').unwrap()].to_string()
}

/// The rows a sheet's chart spans, from its drawing: (first, last), 0-based.
fn chart_rows(drawing_xml: &str) -> (u32, u32) {
    let row = |tag: &str| -> u32 {
        let at = drawing_xml.find(tag).unwrap_or_else(|| panic!("{tag}"));
        let rest = &drawing_xml[at..];
        let start = rest.find("<xdr:row>").unwrap() + "<xdr:row>".len();
        rest[start..start + rest[start..].find('<').unwrap()]
            .parse()
            .unwrap()
    };
    (row("<xdr:from>"), row("<xdr:to>"))
}

/// Each chart stands above the table it plots, under the sheet's opening
/// lines, where it fits the first page: the Summary's ends before the
/// ranking's header row, By area's before the area table's, and both start
/// within the first eight rows.
#[test]
fn charts_stand_above_their_tables_on_the_first_page() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    w.evaluate(&["-o", "evaluation.xlsx"]).expect_code(0);
    let path = w.path("evaluation.xlsx");
    let mut book = Readback::open(&path);
    // Drawings are numbered in sheet order: Summary, Sensitivity, By area.
    for (drawing, sheet, header) in [(1, "概要", "順位"), (3, "業務別", "業務")] {
        let (first, last) = chart_rows(&part(&path, &format!("xl/drawings/drawing{drawing}.xml")));
        let rows = book.rows(sheet);
        let table = rows
            .iter()
            .position(|r| r.first().is_some_and(|c| c == header))
            .unwrap_or_else(|| panic!("{sheet}: {rows:?}"));
        assert!(first <= 8, "{sheet}: chart from row {first}");
        assert!(
            last < table as u32,
            "{sheet}: chart to row {last}, table at {table}"
        );
        // 22 rows of 20 px at most: the chart is no taller than 440 px.
        assert!(last - first <= 23, "{sheet}: {first}..{last}");
    }
}
