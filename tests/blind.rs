//! `fairbid blind` end to end (SPEC §15): copies under labels with the
//! vendor's name gone from every part of the package, the key, and
//! `evaluate --key` on the copies.

mod common;

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use common::{Readback, Workdir, response, standard_matrix, standard_vendors};
use rust_xlsxwriter::{DocProperties, Format, Note, Shape, Workbook};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// Every part of a package, unpacked.
fn parts(path: &Path) -> HashMap<String, Vec<u8>> {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut parts = HashMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        parts.insert(entry.name().unwrap().into_owned(), data);
    }
    parts
}

/// A zip with its parts as given (order kept), deflated.
fn package(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Text in comparison form: NFKC, lower case, no white space.
fn fold(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The parts of a package whose bytes, read as UTF-8 or as UTF-16 (printer
/// settings), hold `name` in any width or spacing.
fn parts_naming(path: &Path, name: &str) -> Vec<String> {
    let name = fold(name);
    let mut found: Vec<String> = parts(path)
        .into_iter()
        .filter(|(_, data)| {
            let utf8 = String::from_utf8_lossy(data);
            let utf16: String = char::decode_utf16(
                data.chunks_exact(2)
                    .map(|p| u16::from_le_bytes([p[0], p[1]])),
            )
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect();
            fold(&utf8).contains(&name) || fold(&utf16).contains(&name)
        })
        .map(|(part, _)| part)
        .collect();
    found.sort();
    found
}

fn sha256(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A response of さくら電算 that names it everywhere a package can:
///
/// ```text
///   sheet 「さくら電算 表紙」           sheet 「回答」 (the form's table)
///   A1 提案書                            要件ID | 要件内容 | 回答 | 備考
///   A2 会社名 | 株式会社さくら電算         R-001  | …       | ◎    | さくら　電算のパッケージで対応
///   A3 rich: [さくら](bold)[電算クラウド]  R-002  | …       | ◎    | (note: ｻｸﾗ… by さくら電算 山田)
///   text box 「さくら電算 御中」          R-003 … R-004
///   header/footer 「株式会社さくら電算」   sheet 「補足」 inline strings
///   defined name さくら電算_範囲           properties, custom property
/// ```
/// Then, crafted into the package: an external link to さくら電算's own
/// workbook, printer settings naming its printer, an embedded object.
fn sakura_response(w: &Workdir) -> std::path::PathBuf {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_author("さくら電算 山田")
            .set_company("株式会社さくら電算")
            .set_manager("さくら電算 営業部")
            .set_title("さくら電算 回答書")
            .set_subject("さくら電算")
            .set_keywords("さくら電算")
            .set_comment("さくら電算 作成")
            .set_category("さくら電算")
            .set_status("さくら電算 確認済")
            .set_custom_property("提出者", "さくら電算"),
    );
    let cover = wb.add_worksheet();
    cover.set_name("さくら電算 表紙").unwrap();
    cover.write(0, 0, "提案書").unwrap();
    cover.write(1, 0, "会社名").unwrap();
    cover.write(1, 1, "株式会社さくら電算").unwrap();
    let bold = Format::new().set_bold();
    let plain = Format::new();
    cover
        .write_rich_string(2, 0, &[(&bold, "さくら"), (&plain, "電算クラウド")])
        .unwrap();
    cover
        .insert_shape(4, 0, &Shape::textbox().set_text("さくら電算 御中"))
        .unwrap();
    cover
        .set_header("&L株式会社さくら電算 提案書")
        .set_footer("&Cさくら電算");
    cover.set_landscape();

    let answers = wb.add_worksheet();
    answers.set_name("回答").unwrap();
    let rows = [
        ["要件ID", "要件内容", "回答", "備考"],
        [
            "R-001",
            "住民票の写しを交付できること。",
            "◎",
            "さくら　電算のパッケージで対応",
        ],
        ["R-002", "転入届を受け付けできること。", "◎", ""],
        ["R-003", "特別徴収税額通知書を出力できること。", "○", ""],
        ["R-004", "コンビニ収納に対応できること。", "△", ""],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                answers.write(r as u32, c as u16, *text).unwrap();
            }
        }
    }
    answers
        .insert_note(
            2,
            3,
            &Note::new("ｻｸﾗ電算より補足します").set_author("さくら電算 山田"),
        )
        .unwrap();
    answers
        .write_formula(6, 0, "=\"さくら電算\"&\"提出\"")
        .unwrap();

    let extra = wb.add_worksheet_with_constant_memory().unwrap();
    extra.set_name("補足").unwrap();
    extra.write(0, 0, "さくら電算の運用体制").unwrap();
    wb.define_name("さくら電算_範囲", "='さくら電算 表紙'!$A$1:$B$2")
        .unwrap();
    let built = w.path("built.xlsx");
    wb.save(&built).unwrap();

    // The parts rust_xlsxwriter does not write.
    let mut zip = zip::ZipArchive::new(Cursor::new(std::fs::read(&built).unwrap())).unwrap();
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.push((entry.name().unwrap().into_owned(), data));
    }
    let edit = |out: &mut Vec<(String, Vec<u8>)>, part: &str, from: &str, to: &str| {
        let (_, data) = out.iter_mut().find(|(n, _)| n == part).unwrap();
        let text = String::from_utf8(data.clone()).unwrap();
        assert!(text.contains(from), "{part}: {from}");
        *data = text.replacen(from, to, 1).into_bytes();
    };
    edit(
        &mut out,
        "[Content_Types].xml",
        "</Types>",
        r#"<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/><Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/><Override PartName="/xl/embeddings/oleObject1.bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/></Types>"#,
    );
    edit(
        &mut out,
        "xl/_rels/workbook.xml.rels",
        "</Relationships>",
        r#"<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>"#,
    );
    edit(
        &mut out,
        "xl/workbook.xml",
        "</sheets>",
        r#"</sheets><externalReferences><externalReference r:id="rIdX1"/></externalReferences>"#,
    );
    edit(
        &mut out,
        "xl/worksheets/sheet1.xml",
        "<pageSetup ",
        r#"<pageSetup r:id="rIdP1" "#,
    );
    let sheet_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdP1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings" Target="../printerSettings/printerSettings1.bin"/><Relationship Id="rIdO1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="../embeddings/oleObject1.bin"/></Relationships>"#;
    match out
        .iter_mut()
        .find(|(n, _)| n == "xl/worksheets/_rels/sheet1.xml.rels")
    {
        Some((_, data)) => {
            let text = String::from_utf8(data.clone()).unwrap();
            let ours = &sheet_rels[sheet_rels.find("<Relationship ").unwrap()..];
            *data = text.replace("</Relationships>", ours).into_bytes();
        }
        None => out.push((
            "xl/worksheets/_rels/sheet1.xml.rels".into(),
            sheet_rels.as_bytes().to_vec(),
        )),
    }
    out.push((
        "xl/externalLinks/externalLink1.xml".into(),
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="さくら電算見積"/></sheetNames></externalBook></externalLink>"#
            .as_bytes()
            .to_vec(),
    ));
    out.push((
        "xl/externalLinks/_rels/externalLink1.xml.rels".into(),
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/さくら電算/見積.xlsx" TargetMode="External"/></Relationships>"#
            .as_bytes()
            .to_vec(),
    ));
    let printer: Vec<u8> = "さくら電算 複合機 C3"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .chain([0u8; 64])
        .collect();
    out.push(("xl/printerSettings/printerSettings1.bin".into(), printer));
    out.push((
        "xl/embeddings/oleObject1.bin".into(),
        "さくら電算 会社案内".as_bytes().to_vec(),
    ));
    std::fs::remove_file(&built).unwrap();
    w.write("responses/さくら電算.xlsx", &package(&out))
}

/// `blind --responses responses -o blind --key key.xlsx`, then `extra`.
fn blind(w: &Workdir, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "blind",
        "--responses",
        "responses",
        "-o",
        "blind",
        "--key",
        "key.xlsx",
    ];
    args.extend_from_slice(extra);
    w.run(&args)
}

/// `evaluate` of the copies in `blind/` with the key `key`, the JSON on
/// standard output, then `extra`.
fn evaluate_copies(w: &Workdir, key: &str, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "evaluate",
        "--requirements",
        "requirements.xlsx",
        "--responses",
        "blind",
        "--key",
        key,
        "--json",
        "-",
    ];
    args.extend_from_slice(extra);
    w.run(&args)
}

/// The key's rows (every cell as text) on its first sheet.
fn key_rows(path: &Path) -> Vec<Vec<String>> {
    let mut key = Readback::open(path);
    let first = key.sheet_names()[0].clone();
    key.rows(&first)
}

/// The (label, vendor) pairs of a key: rows below the header with a label.
fn key_pairs(path: &Path) -> Vec<(String, String)> {
    let rows = key_rows(path);
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "ラベル"))
        .unwrap();
    rows[header + 1..]
        .iter()
        .filter(|r| !r[0].is_empty())
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect()
}

#[test]
fn no_part_of_a_copy_holds_the_vendors_name_and_the_key_counts_each_place() {
    let w = Workdir::new();
    let original = sakura_response(&w);
    response(&w, "ひかり情報", &[("R-001", "◎", "", "")]);
    // Every place the fixture names the vendor, before.
    let before = parts_naming(&original, "さくら電算");
    for part in [
        "xl/sharedStrings.xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/sheet3.xml",
        "xl/drawings/drawing1.xml",
        "docProps/core.xml",
        "docProps/app.xml",
        "docProps/custom.xml",
        "xl/externalLinks/externalLink1.xml",
        "xl/externalLinks/_rels/externalLink1.xml.rels",
        "xl/printerSettings/printerSettings1.bin",
        "xl/embeddings/oleObject1.bin",
    ] {
        assert!(before.contains(&part.to_string()), "{part} in {before:?}");
    }
    assert!(
        before.iter().any(|p| p.starts_with("xl/comments")),
        "{before:?}"
    );

    let run = blind(&w, &["--seed", "7"]);
    run.expect_code(0);
    let pairs = key_pairs(&w.path("key.xlsx"));
    let label = &pairs.iter().find(|(_, v)| v == "さくら電算").unwrap().0;
    let copy = w.path(&format!("blind/{label}.xlsx"));
    assert_eq!(parts_naming(&copy, "さくら電算"), Vec::<String>::new());
    assert_eq!(parts_naming(&copy, "さくら電算 山田"), Vec::<String>::new());
    let copy_parts = parts(&copy);
    for dropped in [
        "xl/externalLinks/externalLink1.xml",
        "xl/printerSettings/printerSettings1.bin",
        "xl/embeddings/oleObject1.bin",
        "docProps/custom.xml",
    ] {
        assert!(!copy_parts.contains_key(dropped), "{dropped}");
    }
    // Nothing points at a dropped part any more.
    for (name, data) in &copy_parts {
        let text = String::from_utf8_lossy(data);
        for gone in [
            "externalLink1",
            "printerSettings1",
            "oleObject1",
            "custom.xml",
            "rIdP1",
        ] {
            assert!(!text.contains(gone), "{name} still names {gone}");
        }
    }

    // The copy reads as the vendor wrote it, under the label.
    let mut book = Readback::open(&copy);
    let sheets = book.sheet_names();
    assert_eq!(sheets[0], format!("{label} 表紙"));
    // The cover's company name is a term of its own: replaced whole.
    assert_eq!(book.row_with(&sheets[0], "会社名")[1], *label);
    assert_eq!(book.rows(&sheets[0])[2][0], format!("{label}クラウド"));
    assert_eq!(
        book.row_with("回答", "R-001")[3],
        format!("{label}のパッケージで対応")
    );
    assert_eq!(book.rows("補足")[0][0], format!("{label}の運用体制"));
    let workbook_xml = String::from_utf8(copy_parts["xl/workbook.xml"].clone()).unwrap();
    assert!(
        workbook_xml.contains(&format!("{label}_範囲")),
        "{workbook_xml}"
    );
    assert!(workbook_xml.contains(&format!("'{label} 表紙'!$A$1:$B$2")));
    assert!(!workbook_xml.contains("externalReferences"));

    // The key: hashes of both files, and a count in every place.
    let rows = key_rows(&w.path("key.xlsx"));
    assert_eq!(rows[1][1], "7");
    assert_eq!(rows[1][3..5], ["作成日", "2026年1月1日"]);
    let header = rows.iter().position(|r| r[0] == "ラベル").unwrap();
    let row = rows.iter().find(|r| r[1] == "さくら電算").unwrap();
    assert_eq!(row[2], "さくら電算.xlsx");
    assert_eq!(row[3], sha256(&original));
    assert_eq!(row[4], format!("{label}.xlsx"));
    assert_eq!(row[5], sha256(&copy));
    for col in 6..13 {
        let n: f64 = row[col].parse().unwrap();
        assert!(n >= 1.0, "{} is {}", rows[header][col], row[col]);
    }
    // The external link and its relationships, the printer settings, the
    // embedded object, the custom properties.
    assert_eq!(row[13], "5", "parts dropped");
    assert_eq!(row[14], "0", "names left");
    // The original is untouched.
    assert_eq!(parts_naming(&original, "さくら電算"), before);
}

#[test]
fn same_seed_same_labels_and_every_label_is_drawn() {
    let w = Workdir::new();
    for name in ["A社", "B社", "C社", "D社", "E社"] {
        response(&w, name, &[("R-001", "◎", "", "")]);
    }
    let labels = |out: &str, seed: &str| {
        let key = format!("{out}.xlsx");
        w.run(&[
            "blind",
            "--responses",
            "responses",
            "-o",
            out,
            "--key",
            &key,
            "--seed",
            seed,
        ])
        .expect_code(0);
        let mut pairs = key_pairs(&w.path(&key));
        pairs.sort_by(|a, b| a.1.cmp(&b.1));
        pairs
    };
    let first = labels("one", "42");
    assert_eq!(first, labels("two", "42"));
    let mut drawn: Vec<&str> = first.iter().map(|(l, _)| l.as_str()).collect();
    drawn.sort();
    assert_eq!(
        drawn,
        ["提案者A", "提案者B", "提案者C", "提案者D", "提案者E"]
    );
    // Some other seed orders them otherwise.
    assert!((1..8).any(|s| labels(&format!("s{s}"), &s.to_string()) != first));
    // The copy of each vendor is its own response, under its label.
    for (label, vendor) in &first {
        let mut book = Readback::open(&w.path(&format!("one/{label}.xlsx")));
        assert_eq!(book.row_with("回答", "R-001")[1], "◎", "{vendor}");
    }
}

#[test]
fn a_damaged_an_encrypted_and_a_csv_response_are_key_rows_and_the_others_are_copied() {
    let w = Workdir::new();
    response(&w, "A社", &[("R-001", "◎", "", "")]);
    response(&w, "B社", &[("R-001", "○", "", "")]);
    w.write("responses/C社.xlsx", b"PK\x03\x04 this is not a workbook");
    let encrypted = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/encrypted.xlsx");
    w.write("responses/D社.xlsx", &std::fs::read(encrypted).unwrap());
    w.write("responses/E社.csv", "要件ID,回答\nR-001,◎\n".as_bytes());
    let run = blind(&w, &["--seed", "1"]);
    run.expect_code(1);
    let rows = key_rows(&w.path("key.xlsx"));
    let row = |vendor: &str| rows.iter().find(|r| r[1] == vendor).unwrap().clone();
    for copied in ["A社", "B社"] {
        let r = row(copied);
        assert!(r[0].starts_with("提案者"), "{r:?}");
        assert!(w.path(&format!("blind/{}.xlsx", r[0])).exists());
    }
    let labels: Vec<String> = ["A社", "B社"].iter().map(|v| row(v)[0].clone()).collect();
    let mut sorted = labels.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["提案者A", "提案者B"],
        "no gap for the files not copied"
    );
    for (vendor, says) in [
        ("C社", "読み込めない"),
        ("D社", "パスワード"),
        ("E社", ".xlsx"),
    ] {
        let r = row(vendor);
        assert_eq!(r[0], "", "{vendor} has no label");
        assert!(r[15].contains(says), "{vendor}: {}", r[15]);
    }
    assert_eq!(row("E社")[3], sha256(&w.path("responses/E社.csv")));
    let mut copies: Vec<_> = std::fs::read_dir(w.path("blind"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    copies.sort();
    assert_eq!(copies, ["提案者A.xlsx", "提案者B.xlsx"]);
}

/// The first `<tag …>…</tag>` or `<tag …/>` element of a part, as written.
fn element(xml: &str, tag: &str) -> Option<String> {
    let start = xml.find(&format!("<{tag}"))?;
    let rest = &xml[start..];
    let close = format!("</{tag}>");
    let end = match (rest.find(&close), rest.find("/>")) {
        (Some(c), _) => c + close.len(),
        (None, Some(e)) => e + 2,
        _ => return None,
    };
    Some(rest[..end].to_string())
}

#[test]
fn a_copy_of_the_template_form_keeps_its_protection_and_drop_downs() {
    let w = Workdir::new();
    standard_matrix(&w);
    w.run(&[
        "template",
        "--requirements",
        "requirements.xlsx",
        "-o",
        "form.xlsx",
    ])
    .expect_code(0);
    // The vendor writes its name on the form's answer sheet: the sheet
    // itself is edited, so what it keeps is kept by the editing.
    let form = parts(&w.path("form.xlsx"));
    let mut edited: Vec<(String, Vec<u8>)> = Vec::new();
    let mut answer_sheets = Vec::new();
    for (name, data) in &form {
        let mut data = data.clone();
        let text = String::from_utf8_lossy(&data).into_owned();
        if name.starts_with("xl/worksheets/sheet") && text.contains("<dataValidation") {
            let footer =
                "<headerFooter><oddFooter>&amp;Lさくら電算 回答</oddFooter></headerFooter>";
            let text = match text.find("<headerFooter") {
                Some(_) => text.replacen("<oddFooter>", "<oddFooter>さくら電算 ", 1),
                None => text.replacen("</worksheet>", &format!("{footer}</worksheet>"), 1),
            };
            data = text.into_bytes();
            answer_sheets.push(name.clone());
        }
        edited.push((name.clone(), data));
    }
    assert!(!answer_sheets.is_empty());
    edited.sort_by_key(|(n, _)| (n != "[Content_Types].xml", n.clone()));
    w.write("responses/さくら電算.xlsx", &package(&edited));
    blind(&w, &[]).expect_code(0);
    let copy = parts(&w.path("blind/提案者A.xlsx"));
    for sheet in &answer_sheets {
        let before = String::from_utf8_lossy(&edited.iter().find(|(n, _)| n == sheet).unwrap().1)
            .into_owned();
        let after = String::from_utf8_lossy(&copy[sheet]).into_owned();
        assert_ne!(before, after, "{sheet} was edited");
        assert!(!fold(&after).contains("さくら電算"));
        for tag in [
            "sheetProtection",
            "dataValidations",
            "cols",
            "sheetViews",
            "pageSetup",
        ] {
            assert_eq!(
                element(&before, tag),
                element(&after, tag),
                "{sheet}: {tag}"
            );
        }
        assert!(element(&after, "sheetProtection").is_some());
        assert!(element(&after, "dataValidations").is_some());
    }
    // The styles (formats, unlocked answer cells) are the same bytes.
    assert_eq!(form["xl/styles.xml"], copy["xl/styles.xml"]);
}

#[test]
fn evaluating_the_copies_gives_the_same_scores_levels_and_flags_under_the_labels() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    // The vendors name themselves in their remarks and on a cover.
    w.xlsx(
        "responses/ひかり情報.xlsx",
        &[
            ("表紙", vec![vec!["会社名", "株式会社ひかり情報システム"]]),
            (
                "回答",
                vec![
                    vec!["要件ID", "回答", "備考"],
                    vec!["R-001", "◎", "ひかり情報システムの標準機能"],
                    vec!["R-002", "×", ""],
                    vec!["R-003", "◎", ""],
                    vec!["R-004", "○", "ひかり情報の運用で対応"],
                ],
            ),
        ],
    );
    let originals = w.evaluate_json("requirements.xlsx");
    blind(&w, &["--seed", "3"]).expect_code(0);
    let run = evaluate_copies(&w, "key.xlsx", &["-o", "eval.xlsx"]);
    run.expect_code(0);
    let copies = run.json();
    let pairs: HashMap<String, String> = key_pairs(&w.path("key.xlsx")).into_iter().collect();
    let by_name = |report: &serde_json::Value| -> HashMap<String, serde_json::Value> {
        report["vendors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| (v["name"].as_str().unwrap().to_string(), v.clone()))
            .collect()
    };
    let (before, after) = (by_name(&originals), by_name(&copies));
    assert_eq!(before.len(), 4);
    for (name, b) in &before {
        let a = &after[name];
        assert_eq!(pairs[a["label"].as_str().unwrap()], *name);
        for field in [
            "rank",
            "score",
            "percent",
            "compliant",
            "levels",
            "knockouts",
            "customization_cost",
        ] {
            assert_eq!(a[field], b[field], "{name}: {field}");
        }
    }
    // The flags: the same codes on the same requirements, naming the same
    // vendors once labels are read back (F07 compares names: aside).
    let flags = |report: &serde_json::Value, real: &dyn Fn(&str) -> String| {
        let mut flags: Vec<String> = report["flags"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] != "F07")
            .map(|f| {
                let mut vendors: Vec<String> = f["vendors"]
                    .as_array()
                    .map(|vs| vs.iter().map(|v| real(v.as_str().unwrap())).collect())
                    .unwrap_or_default();
                vendors.sort();
                format!("{} {} {:?}", f["code"], f["requirement"], vendors)
            })
            .collect();
        flags.sort();
        flags
    };
    let same = |n: &str| n.to_string();
    let real = |l: &str| pairs.get(l).cloned().unwrap_or_else(|| l.to_string());
    let before_flags = flags(&originals, &same);
    assert!(!before_flags.is_empty());
    assert_eq!(flags(&copies, &real), before_flags);

    // The Summary names each label's vendor beside it; the Matrix does not.
    let mut book = Readback::open(&w.path("eval.xlsx"));
    let summary = book.sheet_names()[0].clone();
    let summary_cells: Vec<String> = book.rows(&summary).concat();
    for (label, name) in &pairs {
        let beside = format!("{label}（{name}）");
        assert!(
            summary_cells.contains(&beside),
            "{beside} in {summary_cells:?}"
        );
    }
    let matrix = book.sheet_names()[1].clone();
    let shown: Vec<String> = book.rows(&matrix).concat();
    for name in pairs.values() {
        assert!(
            !shown.iter().any(|c| c.contains(name.as_str())),
            "{name} on the Matrix"
        );
    }
}

#[test]
fn a_requirement_text_naming_the_vendor_is_left_and_listed_as_a_leak() {
    let w = Workdir::new();
    w.xlsx(
        "responses/さくら電算.xlsx",
        &[(
            "回答",
            vec![
                vec!["要件ID", "要件内容", "回答", "備考"],
                vec![
                    "R-001",
                    "さくら電算製の帳票エンジンと連携できること。",
                    "◎",
                    "さくら電算として対応",
                ],
                vec!["R-002", "転入届を受け付けできること。", "◎", ""],
            ],
        )],
    );
    blind(&w, &[]).expect_code(0);
    let mut book = Readback::open(&w.path("blind/提案者A.xlsx"));
    let row = book.row_with("回答", "R-001");
    assert_eq!(row[1], "さくら電算製の帳票エンジンと連携できること。");
    assert_eq!(row[3], "提案者Aとして対応");
    let mut key = Readback::open(&w.path("key.xlsx"));
    let leaks = key.row_with("残した名前", "さくら電算製の帳票エンジンと連携できること。");
    assert_eq!(leaks[..4], ["提案者A", "さくら電算", "回答", "B2"]);
    // The key with its sheet of names left reads back without a problem.
    standard_matrix(&w);
    let report = evaluate_copies(&w, "key.xlsx", &[]).expect_code(0).json();
    assert_eq!(report["vendors"][0]["name"], "さくら電算");
    let key_findings: Vec<_> = report["validation"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "key.xlsx")
        .collect();
    assert!(key_findings.is_empty(), "{key_findings:?}");
    assert_eq!(
        key_rows(&w.path("key.xlsx"))
            .iter()
            .find(|r| r[1] == "さくら電算")
            .unwrap()[14],
        "1"
    );
}

#[test]
fn blind_terms_from_the_settings_are_replaced_too() {
    let w = Workdir::new();
    response(
        &w,
        "さくら電算",
        &[("R-001", "◎", "", "SAKURA-Cloud 標準機能")],
    );
    w.write(
        "settings.toml",
        "[blind_terms]\n\"株式会社さくら電算\" = [\"SAKURA-Cloud\"]\n\"みどり技研\" = [\"MIDORI\"]\n"
            .as_bytes(),
    );
    let blinded = blind(&w, &["--settings", "settings.toml", "--lang", "en"]);
    blinded.expect_code(0);
    let mut book = Readback::open(&w.path("blind/Bidder A.xlsx"));
    assert_eq!(book.row_with("回答", "R-001")[3], "Bidder A 標準機能");
    // An English key reads back: the Summary of the copies names the vendor.
    standard_matrix(&w);
    let run = evaluate_copies(&w, "key.xlsx", &["--lang", "en"]);
    let report = run.expect_code(0).json();
    assert_eq!(report["vendors"][0]["label"], "Bidder A");
    assert_eq!(report["vendors"][0]["name"], "さくら電算");
    // A vendor of the settings without a response is told, not ignored.
    let told = blinded.stderr();
    assert!(
        told.contains("\"みどり技研\", which is no response's vendor"),
        "{told}"
    );
    assert!(!told.contains("さくら電算"), "{told}");
}

#[test]
fn a_key_with_a_label_twice_or_without_its_vendor_is_reported_and_the_rest_is_used() {
    let w = Workdir::new();
    standard_matrix(&w);
    for (label, answer) in [("提案者A", "◎"), ("提案者B", "×"), ("提案者C", "○")] {
        w.xlsx(
            &format!("blind/{label}.xlsx"),
            &[("回答", vec![vec!["要件ID", "回答"], vec!["R-001", answer]])],
        );
    }
    w.xlsx(
        "key.xlsx",
        &[(
            "対照表",
            vec![
                vec!["匿名審査 対照表"],
                vec![],
                vec!["ラベル", "ベンダー", "元ファイル"],
                vec!["提案者A", "さくら電算", "さくら電算.xlsx"],
                vec!["提案者B", "", "ひかり情報.xlsx"],
                vec!["提案者Ａ", "みどり技研", "みどり技研.xlsx"],
                vec!["", "あおば商事", "あおば商事.csv"],
            ],
        )],
    );
    let run = evaluate_copies(&w, "key.xlsx", &[]);
    run.expect_code(0);
    let report = run.json();
    let vendors = report["vendors"].as_array().unwrap();
    let a = vendors.iter().find(|v| v["label"] == "提案者A").unwrap();
    assert_eq!(a["name"], "さくら電算");
    // No name for B (its vendor cell is blank) nor C (not in the key).
    for label in ["提案者B", "提案者C"] {
        let v = vendors.iter().find(|v| v["name"] == label).unwrap();
        assert!(v.get("label").is_none(), "{v}");
    }
    let rows: Vec<(String, String, String)> = report["validation"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "key.xlsx")
        .map(|f| {
            (
                f["cell"].as_str().unwrap_or("").to_string(),
                f["value"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!((rows[0].0.as_str(), rows[0].1.as_str()), ("B5", "提案者B"));
    assert!(rows[0].2.contains("ベンダー名が空欄"), "{}", rows[0].2);
    assert_eq!((rows[1].0.as_str(), rows[1].1.as_str()), ("A6", "提案者Ａ"));
    assert!(rows[1].2.contains("4行目"), "{}", rows[1].2);
    // The key is on the run's record, by its hash.
    let recorded = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "key.xlsx")
        .unwrap();
    assert_eq!(recorded["role"], "key");
    assert_eq!(recorded["sha256"], sha256(&w.path("key.xlsx")));
    assert_eq!(recorded["rows"], 1);

    // A file that is no key: its header is named.
    w.xlsx("not-a-key.xlsx", &[("Sheet1", vec![vec!["メモ"]])]);
    let run = evaluate_copies(&w, "not-a-key.xlsx", &[]);
    let report = run.expect_code(0).json();
    let message = report["validation"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "not-a-key.xlsx")
        .unwrap()["message"]
        .clone();
    assert!(
        message
            .as_str()
            .unwrap()
            .contains("「ラベル」と「ベンダー」"),
        "{message}"
    );
}

#[test]
fn a_response_over_the_part_limit_is_refused_before_editing_and_the_others_are_copied() {
    let w = Workdir::new();
    response(&w, "A社", &[("R-001", "◎", "", "A社の標準機能")]);
    // 1.5 MiB of shared strings unpacked: over `max_part_mib = 1`.
    let remarks: Vec<String> = (0..50)
        .map(|i| format!("{}{i}", "あ".repeat(10_000)))
        .collect();
    let rows: Vec<Vec<&str>> = std::iter::once(vec!["要件ID", "回答", "備考"])
        .chain(remarks.iter().map(|r| vec!["R-001", "◎", r.as_str()]))
        .collect();
    w.xlsx("responses/B社.xlsx", &[("回答", rows)]);
    w.write("settings.toml", b"max_part_mib = 1\n");
    blind(&w, &["--settings", "settings.toml", "--seed", "9"]).expect_code(1);
    let rows = key_rows(&w.path("key.xlsx"));
    let b = rows.iter().find(|r| r[1] == "B社").unwrap();
    assert_eq!(b[0], "");
    assert!(b[15].contains("max_part_mib = 1"), "{}", b[15]);
    assert_eq!(b[3], sha256(&w.path("responses/B社.xlsx")));
    let a = rows.iter().find(|r| r[1] == "A社").unwrap();
    assert_eq!(a[0], "提案者A");
    let mut copy = Readback::open(&w.path("blind/提案者A.xlsx"));
    assert_eq!(copy.row_with("回答", "R-001")[3], "提案者Aの標準機能");
}

#[test]
fn on_the_copies_a_decision_row_names_the_vendor_by_its_real_name_or_its_label() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    blind(&w, &["--seed", "11"]).expect_code(0);
    let pairs = key_pairs(&w.path("key.xlsx"));
    let label_of = |name: &str| pairs.iter().find(|(_, v)| v == name).unwrap().0.clone();
    // B社's × on R-003 ruled standard after a question, named as written
    // on the committee's papers: the company name, with its form.
    let (b_label, c_label) = (label_of("B社"), label_of("C社"));
    let header = ["事業者名", "要件ID", "回答", "判定", "理由"];
    let rows = vec![
        header.to_vec(),
        vec!["株式会社B社", "R-003", "×", "標準", "質疑回答No.3で確認"],
        vec![c_label.as_str(), "R-001", "×", "標準", "質疑回答No.5で確認"],
    ];
    w.xlsx("裁定.xlsx", &[("裁定", rows)]);
    let report = evaluate_copies(&w, "key.xlsx", &["--decisions", "裁定.xlsx"])
        .expect_code(0)
        .json();
    let vendor = |name: &str| {
        report["vendors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name)
            .unwrap()
            .clone()
    };
    // B社: 3 + 2.1 + 2 (ruled standard) + 1; C社: 3 + 3 + 2 + 1, now compliant.
    assert_eq!(vendor("B社")["label"], b_label.as_str());
    assert_eq!(vendor("B社")["score"], 8.1);
    assert_eq!(vendor("C社")["score"], 9.0);
    assert_eq!(vendor("C社")["compliant"], true);
    let unknown = report["validation"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "裁定.xlsx" && f["severity"] == "error")
        .count();
    assert_eq!(unknown, 0, "{:#}", report["validation"]);
}

#[test]
fn on_the_copies_the_prices_name_the_companies_and_the_award_sheet_names_them_back() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    blind(&w, &["--seed", "5"]).expect_code(0);
    let pairs = key_pairs(&w.path("key.xlsx"));
    // The secretariat's prices name the companies, never the labels.
    w.xlsx(
        "価格.xlsx",
        &[(
            "価格",
            vec![
                vec!["事業者名", "提案価格（円）"],
                vec!["株式会社A社", "n:60000000"],
                vec!["B社", "n:52000000"],
                vec!["㈱C社", "n:45000000"],
            ],
        )],
    );
    let run = evaluate_copies(
        &w,
        "key.xlsx",
        &["--prices", "価格.xlsx", "-o", "eval.xlsx"],
    );
    run.expect_code(0);
    let report = run.json();
    let errors: Vec<_> = (report["validation"].as_array().unwrap().iter())
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let price = |name: &str| {
        (report["award"]["vendors"].as_array().unwrap().iter())
            .find(|v| v["name"] == name)
            .unwrap_or_else(|| panic!("{name} in the award"))["price"]
            .as_f64()
    };
    assert_eq!(price("A社"), Some(60_000_000.0));
    assert_eq!(price("C社"), Some(45_000_000.0));
    // The names come back beside the labels on the Award sheet, the first,
    // and on no other sheet.
    let mut book = Readback::open(&w.path("eval.xlsx"));
    let names = book.sheet_names();
    let award: Vec<String> = book.rows(&names[0]).concat();
    for (label, name) in &pairs {
        let beside = format!("{label}（{name}）");
        assert!(award.contains(&beside), "{beside} in {award:?}");
    }
    for sheet in &names[1..] {
        let cells: Vec<String> = book.rows(sheet).concat();
        for (label, name) in &pairs {
            let beside = format!("{label}（{name}）");
            assert!(!cells.contains(&beside), "{beside} on {sheet}");
        }
    }
}

#[test]
fn a_scoresheet_made_with_the_key_has_the_labels_and_no_company_name() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    w.xlsx(
        "criteria.xlsx",
        &[(
            "評価基準",
            vec![
                vec!["評価項目番号", "評価項目", "配点"],
                vec!["1", "導入実績", "n:10"],
                vec!["2", "実施体制", "n:20"],
            ],
        )],
    );
    blind(&w, &["--seed", "7"]).expect_code(0);
    let pairs = key_pairs(&w.path("key.xlsx"));
    let scoresheet = |responses: &str, out: &str| {
        w.run(&[
            "template",
            "--scoresheet",
            "--criteria",
            "criteria.xlsx",
            "--responses",
            responses,
            "--key",
            "key.xlsx",
            "-o",
            out,
        ])
    };
    // From the originals or from the copies: the same columns, the labels.
    scoresheet("responses", "from_originals.xlsx").expect_code(0);
    scoresheet("blind", "from_copies.xlsx").expect_code(0);
    let mut labels: Vec<String> = pairs.iter().map(|(l, _)| l.clone()).collect();
    labels.sort();
    for out in ["from_originals.xlsx", "from_copies.xlsx"] {
        let mut book = Readback::open(&w.path(out));
        let mut cells = Vec::new();
        for sheet in book.sheet_names() {
            cells.extend(book.rows(&sheet).concat());
        }
        for (_, name) in &pairs {
            assert!(
                !cells.iter().any(|c| c.contains(name.as_str())),
                "{name} in {out}"
            );
        }
        let mut columns: Vec<String> = (cells.iter())
            .filter(|c| pairs.iter().any(|(l, _)| l == *c))
            .cloned()
            .collect();
        columns.sort();
        columns.dedup();
        assert_eq!(columns, labels, "{out}");
    }
    // A response the key does not know: no scoresheet at all.
    common::response(&w, "D社", &[("R-001", "◎", "", "")]);
    let run = scoresheet("responses", "unknown.xlsx");
    run.expect_code(2);
    assert!(run.stderr().contains("D社"), "{}", run.stderr());
    assert!(!w.path("unknown.xlsx").exists());
}
