//! `fairbid template` end to end: the form is made from a matrix, filled in
//! the way a vendor can fill it (only its unlocked cells, edited in place so
//! that protection and validation stay), and read back by `evaluate`.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Reader, Xlsx, open_workbook};
use common::package::{Filled, Value, cell_style, row_heights, xf_is_unlocked};
use common::{Readback, Workdir, long_matrix, standard_matrix, text, vendor};
use fairbid::model::Lang;
use fairbid::read::inputs::{InputPaths, read_inputs};
use fairbid::settings::Settings;
use serde_json::json;

const LEGEND_LIST: &str =
    "\"◎,A,標準,標準対応,○,B,代替,運用,△,C,カスタマイズ,改修,×,✕,✖,D,不可,対応不可\"";

fn template(w: &Workdir, extra: &[&str]) -> common::Run {
    let mut args = vec!["template", "--requirements", "requirements.xlsx"];
    args.extend_from_slice(extra);
    w.run(&args)
}

/// Where each answer sheet of a form keeps its cells, read from the form
/// itself with calamine: sheet position, header row, columns by header.
struct Layout {
    /// Answer sheets by name.
    sheets: BTreeMap<String, SheetLayout>,
}

struct SheetLayout {
    /// 1-based number of the sheet's part (`xl/worksheets/sheetN.xml`).
    part: usize,
    /// The header row's cells, by column.
    header: Vec<String>,
    /// Requirement ID → 0-based row.
    rows: BTreeMap<String, u32>,
}

impl Layout {
    fn read(form: &Path, id_header: &str) -> Layout {
        let mut wb: Xlsx<_> = open_workbook(form).unwrap();
        let mut sheets = BTreeMap::new();
        for (i, name) in wb.sheet_names().to_vec().into_iter().enumerate() {
            let range = wb.worksheet_range(&name).unwrap();
            let (top, left) = range.start().unwrap_or((0, 0));
            assert_eq!(left, 0, "{name} starts in column A");
            let rows: Vec<Vec<String>> =
                range.rows().map(|r| r.iter().map(text).collect()).collect();
            let Some(h) = rows
                .iter()
                .position(|r| r.first().map(String::as_str) == Some(id_header))
            else {
                continue;
            };
            let ids = rows[h + 1..]
                .iter()
                .enumerate()
                .map(|(k, r)| (r[0].clone(), top + (h + 1 + k) as u32))
                .collect();
            sheets.insert(
                name,
                SheetLayout {
                    part: i + 1,
                    header: rows[h].clone(),
                    rows: ids,
                },
            );
        }
        Layout { sheets }
    }

    /// The sheet part and A1 cell of a requirement's cell under `header`.
    fn cell(&self, id: &str, header: &str) -> (usize, String) {
        for sheet in self.sheets.values() {
            if let Some(row) = sheet.rows.get(id) {
                let col = sheet
                    .header
                    .iter()
                    .position(|h| h.starts_with(header))
                    .unwrap_or_else(|| panic!("no column {header} in {:?}", sheet.header));
                return (
                    sheet.part,
                    format!("{}{}", (b'A' + col as u8) as char, row + 1),
                );
            }
        }
        panic!("no requirement {id} in the form");
    }
}

/// One vendor's answers: (ID, code, cost, remarks).
type Answers<'a> = [(&'a str, &'a str, Option<f64>, &'a str)];

/// Fills the form as a vendor: the cover's company name and every answer given.
fn fill_form(form: &Path, lang: Lang, company: &str, answers: &Answers) -> Filled {
    let (id, answer, cost, remarks, company_label) = match lang {
        Lang::Ja => ("要件ID", "回答", "カスタマイズ費用", "備考", "会社名"),
        Lang::En => (
            "Requirement ID",
            "Answer",
            "Customization cost",
            "Remarks",
            "Company",
        ),
    };
    let layout = Layout::read(form, id);
    let mut filled = Filled::open(form);
    let mut cover = Readback::open(form);
    let cover_name = cover.sheet_names()[0].clone();
    let row = cover
        .rows(&cover_name)
        .iter()
        .position(|r| r[0] == company_label)
        .expect("a company field on the cover");
    filled.fill(1, &format!("B{}", row + 1), Value::Text(company));
    for (req, code, amount, note) in answers {
        let (part, cell) = layout.cell(req, answer);
        filled.fill(part, &cell, Value::Text(code));
        if let Some(amount) = amount {
            let (part, cell) = layout.cell(req, cost);
            filled.fill(part, &cell, Value::Number(*amount));
        }
        if !note.is_empty() {
            let (part, cell) = layout.cell(req, remarks);
            filled.fill(part, &cell, Value::Text(note));
        }
    }
    filled
}

fn save_response(w: &Workdir, filled: &Filled, vendor: &str) -> PathBuf {
    let path = w.path(&format!("responses/{vendor}.xlsx"));
    filled.save(&path);
    path
}

const HOKURIKU: &Answers = &[
    ("R-001", "◎", None, ""),
    ("R-002", "◎", None, ""),
    ("R-003", "○", None, "帳票は運用で対応"),
    (
        "R-004",
        "△",
        Some(1_200_000.0),
        "収納代行業者との連携部分を改修",
    ),
];

const MIRAI: &Answers = &[
    ("R-001", "A", None, ""),
    ("R-002", "B", None, "転入届は窓口で受け付け、後日一括で入力"),
    ("R-003", "×", None, ""),
    ("R-004", "標準", None, ""),
];

#[test]
fn a_form_filled_through_its_unlocked_cells_evaluates_without_a_single_finding() {
    let w = Workdir::new();
    standard_matrix(&w);
    template(&w, &["-o", "form.xlsx"]).expect_code(0);
    let form = w.path("form.xlsx");

    let hokuriku = fill_form(&form, Lang::Ja, "株式会社北陸情報システム", HOKURIKU);
    save_response(&w, &hokuriku, "北陸情報システム");
    let mirai = fill_form(&form, Lang::Ja, "みらい電算株式会社", MIRAI);
    save_response(&w, &mirai, "みらい電算");

    // The filled copies keep the form's protection and drop-down.
    let sheet = hokuriku.part("xl/worksheets/sheet3.xml");
    assert!(sheet.contains("<sheetProtection"));
    assert!(sheet.contains(LEGEND_LIST));

    let report = w.evaluate_json("requirements.xlsx");
    assert_eq!(report["validation"], json!([]), "{report:#}");
    assert_eq!(report["requirements"], 4);

    let h = vendor(&report, "北陸情報システム");
    assert_eq!(h["rank"], 1);
    assert!((h["score"].as_f64().unwrap() - 7.7).abs() < 1e-9);
    assert_eq!(h["max_score"].as_f64().unwrap(), 9.0);
    assert_eq!(h["compliant"], true);
    assert_eq!(h["customization_cost"], 1_200_000);
    assert_eq!(h["customization_cost_unknown"], 0);
    assert_eq!(
        h["levels"],
        json!({"standard": 2, "alternative": 1, "customization": 1, "unsupported": 0, "missing": 0, "invalid": 0})
    );
    let m = vendor(&report, "みらい電算");
    assert_eq!(m["rank"], 2);
    assert!((m["score"].as_f64().unwrap() - 6.1).abs() < 1e-9);
    assert_eq!(
        m["levels"],
        json!({"standard": 2, "alternative": 1, "customization": 0, "unsupported": 1, "missing": 0, "invalid": 0})
    );
    assert_eq!(report["customization"][0]["requirement"], "R-004");
    assert_eq!(report["customization"][0]["cost_median"], 1_200_000);
    let codes: Vec<&str> = report["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"F09"), "{codes:?}");

    // The cover's company name is read as the vendor's display name, and the
    // remarks come through.
    let settings = Settings::default();
    let responses = [
        w.path("responses/北陸情報システム.xlsx"),
        w.path("responses/みらい電算.xlsx"),
    ];
    let matrix = w.path("requirements.xlsx");
    let inputs = read_inputs(
        &InputPaths {
            requirements: &matrix,
            responses: &responses,
            not_workbooks: &[],
            requests: None,
            settings: None,
            prices: None,
            key: None,
        },
        &settings,
        &|_| {},
    )
    .unwrap();
    assert_eq!(
        inputs.vendors[0].display_name.as_deref(),
        Some("株式会社北陸情報システム")
    );
    assert_eq!(
        inputs.vendors[1].display_name.as_deref(),
        Some("みらい電算株式会社")
    );
    assert_eq!(&*inputs.vendors[0].answers[2].remarks, "帳票は運用で対応");
    // the form's locked text came back unchanged: an exact copy of the
    // matrix text is not kept (nothing to compare for F09)
    assert_eq!(inputs.vendors[0].copies.get(3), None);
}

/// A business area long enough for its sheet to be written to disk as it
/// is filled (at 200,000 requirements the form would not fit in memory
/// whole): its rows come once and in order, the last one — whose
/// requirement wraps — with the height that shows every line; the form is
/// the same bytes each run; filled by a vendor, it evaluates without a
/// single finding.
#[test]
fn a_long_area_sheet_is_streamed_and_still_round_trips() {
    let w = Workdir::new();
    const N: usize = 1_100;
    let (ids, _) = long_matrix(&w, N);
    template(&w, &["-o", "form.xlsx"]).expect_code(0);
    template(&w, &["-o", "again.xlsx"]).expect_code(0);
    assert!(w.same_bytes("form.xlsx", "again.xlsx"));

    let form = w.path("form.xlsx");
    let layout = Layout::read(&form, "要件ID");
    let sheet = &layout.sheets["住民記録"];
    let filled = Filled::open(&form);
    let part = filled.part(&format!("xl/worksheets/sheet{}.xml", sheet.part));
    assert!(
        part.contains("t=\"inlineStr\""),
        "the long sheet is streamed"
    );
    let heights = row_heights(&form, sheet.part);
    let numbers: Vec<u32> = heights.iter().map(|(r, _)| *r).collect();
    assert!(
        numbers.windows(2).all(|pair| pair[0] < pair[1]),
        "rows out of order or twice"
    );
    let height = |id: &str| {
        let row = sheet.rows[id] + 1;
        heights.iter().find(|(r, _)| *r == row).unwrap().1
    };
    assert!(height(&ids[N - 1]).is_some_and(|h| h > 34.0));
    assert_eq!(height(&ids[0]), None);

    let answers: Vec<(&str, &str, Option<f64>, &str)> =
        ids.iter().map(|id| (id.as_str(), "◎", None, "")).collect();
    let hokuriku = fill_form(&form, Lang::Ja, "株式会社北陸情報システム", &answers);
    save_response(&w, &hokuriku, "北陸情報システム");
    let report = w.evaluate_json("requirements.xlsx");
    assert_eq!(report["validation"], json!([]), "{report:#}");
    assert_eq!(report["requirements"], N);
    assert_eq!(vendor(&report, "北陸情報システム")["levels"]["standard"], N);
}

#[test]
fn a_matrix_with_an_area_column_and_awkward_text_round_trips_too() {
    let w = Workdir::new();
    w.xlsx(
        "requirements.xlsx",
        &[(
            "要件一覧",
            vec![
                vec![
                    "No.",
                    "業務名",
                    "大分類",
                    "中分類",
                    "機能要件",
                    "重要度",
                    "配点",
                ],
                vec![
                    "ＪＲ－００１",
                    "住民記録",
                    "異動",
                    "転入",
                    "転入届を受け付けできること。",
                    "必須",
                    "",
                ],
                vec![
                    "ZE-001",
                    "税務/収納",
                    "賦課",
                    "",
                    "=SUM(A1) のような文字列も要件として扱えること。",
                    "推奨",
                    "n:4",
                ],
                vec![
                    "KK-001",
                    "国民健康保険",
                    "資格",
                    "",
                    "-（ハイフンで始まる要件）",
                    "任意",
                    "n:0.5",
                ],
                vec![
                    "JR-002",
                    "住民記録",
                    "証明",
                    "",
                    "+81 で始まる電話番号を登録できること。",
                    "M",
                    "",
                ],
            ],
        )],
    );
    template(&w, &["-o", "form.xlsx"]).expect_code(0);
    let form = w.path("form.xlsx");
    let mut rb = Readback::open(&form);
    assert_eq!(
        rb.sheet_names(),
        ["表紙", "記入要領", "住民記録", "税務／収納", "国民健康保険"]
    );
    assert_eq!(rb.formula_count("税務／収納"), 0);
    let row = rb.row_with("税務／収納", "ZE-001");
    assert_eq!(
        row,
        [
            "ZE-001",
            "税務/収納",
            "賦課",
            "=SUM(A1) のような文字列も要件として扱えること。",
            "推奨",
            "4",
            "",
            "",
            ""
        ]
    );
    assert_eq!(rb.row_with("住民記録", "JR-001")[2], "異動 / 転入");

    let answers: &Answers = &[
        ("JR-001", "◎", None, ""),
        ("JR-002", "◎", None, ""),
        ("ZE-001", "◎", None, ""),
        ("KK-001", "◎", None, ""),
    ];
    let filled = fill_form(&form, Lang::Ja, "さくら電算株式会社", answers);
    save_response(&w, &filled, "さくら電算");
    let report = w.evaluate_json("requirements.xlsx");
    assert_eq!(report["validation"], json!([]), "{report:#}");
    let v = vendor(&report, "さくら電算");
    assert_eq!(
        v["score"].as_f64().unwrap(),
        v["max_score"].as_f64().unwrap()
    );
    assert_eq!(v["max_score"].as_f64().unwrap(), 3.0 + 4.0 + 0.5 + 3.0);
    // One vendor cannot make a competition (F06); nothing else is raised.
    let codes: Vec<&str> = report["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["F06"]);
}

#[test]
fn the_form_holds_every_requirement_once_on_its_area_sheet() {
    let w = Workdir::new();
    standard_matrix(&w);
    let run = template(&w, &["-o", "form.xlsx"]);
    run.expect_code(0);
    assert!(run.stderr().contains("要件 4 件"), "{}", run.stderr());
    let mut rb = Readback::open(&w.path("form.xlsx"));
    assert_eq!(rb.sheet_names(), ["表紙", "記入要領", "住民記録", "税"]);

    let header = [
        "要件ID",
        "業務",
        "分類",
        "要件内容",
        "必須区分",
        "配点",
        "回答",
        "カスタマイズ費用\n（円）",
        "備考",
    ];
    let resident = rb.rows("住民記録");
    assert_eq!(resident[0][0], "住民記録");
    assert_eq!(resident[2], header);
    assert_eq!(
        resident[3],
        [
            "R-001",
            "住民記録",
            "証明",
            "住民票の写しを交付できること。",
            "必須",
            "3",
            "",
            "",
            ""
        ]
    );
    assert_eq!(
        resident[4],
        [
            "R-002",
            "住民記録",
            "異動",
            "転入届を受け付けできること。",
            "必須",
            "3",
            "",
            "",
            ""
        ]
    );
    assert_eq!(resident.len(), 5);
    let tax = rb.rows("税");
    assert_eq!(tax[2], header);
    assert_eq!(
        tax[3],
        [
            "R-003",
            "税",
            "賦課",
            "特別徴収税額通知書を出力できること。",
            "推奨",
            "2",
            "",
            "",
            ""
        ]
    );
    assert_eq!(
        tax[4],
        [
            "R-004",
            "税",
            "収納",
            "コンビニ収納に対応できること。",
            "任意",
            "1",
            "",
            "",
            ""
        ]
    );
    assert_eq!(tax.len(), 5);

    let mut ids: Vec<String> = ["住民記録", "税"]
        .iter()
        .flat_map(|s| rb.rows(s).into_iter().skip(3).map(|r| r[0].clone()))
        .collect();
    ids.sort();
    assert_eq!(ids, ["R-001", "R-002", "R-003", "R-004"]);

    let cover = rb.rows("表紙");
    let labels: Vec<&str> = cover.iter().map(|r| r[0].as_str()).collect();
    for label in ["会社名", "担当者", "連絡先（電話・メール）", "回答日"] {
        assert!(
            labels.contains(&label),
            "{label} not on the cover: {labels:?}"
        );
    }
    let instructions = rb.rows("記入要領");
    let legend: Vec<(String, String, String)> = instructions
        .iter()
        .filter(|r| ["標準機能", "代替・運用", "カスタマイズ", "対応不可"].contains(&r[0].as_str()))
        .map(|r| (r[0].clone(), r[2].clone(), r[3].clone()))
        .collect();
    assert_eq!(
        legend,
        [
            ("標準機能".into(), "◎、A、標準、標準対応".into(), "1".into()),
            ("代替・運用".into(), "○、B、代替、運用".into(), "0.7".into()),
            (
                "カスタマイズ".into(),
                "△、C、カスタマイズ、改修".into(),
                "0.3".into()
            ),
            (
                "対応不可".into(),
                "×、✕、✖、D、不可、対応不可".into(),
                "0".into()
            ),
        ]
    );
    let all_text = instructions.concat().concat();
    assert!(all_text.contains("税抜"), "the tax basis is stated");
    assert!(all_text.contains("1社につき1ファイル"));
}

#[test]
fn requirement_cells_are_locked_and_answers_drop_down_the_legend() {
    let w = Workdir::new();
    standard_matrix(&w);
    template(&w, &["-o", "form.xlsx"]).expect_code(0);
    let form = Filled::open(&w.path("form.xlsx"));
    let styles = form.part("xl/styles.xml");
    for part in [1, 2, 3, 4] {
        let xml = form.part(&format!("xl/worksheets/sheet{part}.xml"));
        assert!(xml.contains("<sheetProtection sheet=\"1\""), "sheet{part}");
        assert!(xml.contains("paperSize=\"9\""), "sheet{part} prints on A4");
    }
    for part in [3, 4] {
        let xml = form.part(&format!("xl/worksheets/sheet{part}.xml"));
        let protection = &xml[xml.find("<sheetProtection").unwrap()..];
        let protection = &protection[..protection.find("/>").unwrap()];
        for allowed in [
            "formatColumns=\"0\"",
            "formatRows=\"0\"",
            "autoFilter=\"0\"",
        ] {
            assert!(protection.contains(allowed), "{allowed} in {protection}");
        }
        assert!(xml.contains(&format!(
            "sqref=\"G4:G5\"><formula1>{LEGEND_LIST}</formula1>"
        )));
        assert!(xml.contains("type=\"list\""));
        assert!(xml.contains("<dataValidation type=\"decimal\" operator=\"greaterThanOrEqual\""));
        assert!(xml.contains("sqref=\"H4:H5\"><formula1>0</formula1>"));
        assert!(xml.contains("prompt=\"カスタマイズと回答した行にだけ"));
        assert!(xml.contains("error=\"費用は0以上の数値"));
        assert!(xml.contains("<pane ySplit=\"3\" topLeftCell=\"A4\""));
        assert!(xml.contains("orientation=\"landscape\""));
        assert!(xml.contains("<autoFilter ref=\"A3:I5\"/>"));
        for cell in ["G4", "H4", "I4", "G5", "H5", "I5"] {
            assert!(
                xf_is_unlocked(&styles, cell_style(&xml, cell)),
                "{cell} unlocked"
            );
        }
        for cell in ["A4", "B4", "C4", "D4", "E4", "F4", "A3", "G3"] {
            assert!(
                !xf_is_unlocked(&styles, cell_style(&xml, cell)),
                "{cell} locked"
            );
        }
    }
    let workbook = form.part("xl/workbook.xml");
    assert!(workbook.contains(
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"2\">住民記録!$3:$3</definedName>"
    ));
}

#[test]
fn an_edited_requirement_text_raises_f09_with_its_similarity() {
    let w = Workdir::new();
    standard_matrix(&w);
    template(&w, &["-o", "form.xlsx"]).expect_code(0);
    let form = w.path("form.xlsx");
    for (vendor, answers) in [("北陸情報システム", HOKURIKU), ("みらい電算", MIRAI)] {
        let mut filled = fill_form(&form, Lang::Ja, vendor, answers);
        if vendor == "北陸情報システム" {
            // The vendor unprotected the sheet and reworded a requirement.
            let (part, cell) = Layout::read(&form, "要件ID").cell("R-001", "要件内容");
            filled.rewrite(
                part,
                &cell,
                Value::Text("住民票の写しを即日交付できること。"),
            );
        }
        save_response(&w, &filled, vendor);
    }
    let report = w.evaluate_json("requirements.xlsx");
    assert_eq!(report["validation"], json!([]), "{report:#}");
    let f09: Vec<&serde_json::Value> = report["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "F09")
        .collect();
    assert_eq!(f09.len(), 1, "{report:#}");
    assert_eq!(f09[0]["requirement"], "R-001");
    assert_eq!(f09[0]["vendors"], json!(["北陸情報システム"]));
    assert_eq!(f09[0]["severity"], "high");
    // 15 characters, 2 inserted: 1 − 2/17.
    let similarity = f09[0]["similarity"].as_f64().unwrap();
    assert!((similarity - 15.0 / 17.0).abs() < 1e-9, "{similarity}");
}

#[test]
fn english_form_has_english_labels_and_round_trips() {
    let w = Workdir::new();
    standard_matrix(&w);
    template(&w, &["-o", "form-en.xlsx", "--lang", "en"]).expect_code(0);
    let form = w.path("form-en.xlsx");
    let mut rb = Readback::open(&form);
    assert_eq!(
        rb.sheet_names(),
        ["Cover", "Instructions", "住民記録", "税"]
    );
    let rows = rb.rows("住民記録");
    assert_eq!(
        rows[2],
        [
            "Requirement ID",
            "Business area",
            "Category",
            "Requirement",
            "Priority",
            "Weight",
            "Answer",
            "Customization cost (yen)",
            "Remarks"
        ]
    );
    assert_eq!(rows[3][4], "Must");
    assert_eq!(rb.row_with("税", "R-003")[4], "Should");
    assert_eq!(rb.row_with("税", "R-004")[4], "Could");
    assert_eq!(rb.row_with("Cover", "Company").len(), 2);

    let filled = fill_form(
        &form,
        Lang::En,
        "Hokuriku Information Systems Co., Ltd.",
        HOKURIKU,
    );
    save_response(&w, &filled, "北陸情報システム");
    let report = w.evaluate_json("requirements.xlsx");
    assert_eq!(report["validation"], json!([]), "{report:#}");
    assert!(
        (vendor(&report, "北陸情報システム")["score"]
            .as_f64()
            .unwrap()
            - 7.7)
            .abs()
            < 1e-9
    );
}

#[test]
fn an_existing_output_is_kept_without_force_and_an_input_is_never_overwritten() {
    let w = Workdir::new();
    let matrix = standard_matrix(&w);
    let matrix_bytes = std::fs::read(&matrix).unwrap();
    w.write("form.xlsx", b"an older form");

    let run = template(&w, &["-o", "form.xlsx"]);
    run.expect_code(2);
    assert!(run.stderr().contains("--force"), "{}", run.stderr());
    assert_eq!(
        std::fs::read(w.path("form.xlsx")).unwrap(),
        b"an older form"
    );

    template(&w, &["-o", "form.xlsx", "--force"]).expect_code(0);
    assert_eq!(
        Readback::open(&w.path("form.xlsx")).sheet_names()[0],
        "表紙"
    );

    let run = template(&w, &["-o", "requirements.xlsx", "--force"]);
    run.expect_code(2);
    assert!(
        run.stderr()
            .contains("requirements.xlsx: この出力先は入力ファイルの一つです"),
        "{}",
        run.stderr()
    );
    let run = template(&w, &["-o", "requirements.xlsx", "--force", "--lang", "en"]);
    run.expect_code(2);
    assert!(
        run.stderr()
            .contains("requirements.xlsx: this output path is also an input"),
        "{}",
        run.stderr()
    );
    assert_eq!(std::fs::read(&matrix).unwrap(), matrix_bytes);
}

#[test]
fn the_same_matrix_gives_the_same_bytes() {
    let w = Workdir::new();
    standard_matrix(&w);
    template(&w, &["-o", "a.xlsx"]).expect_code(0);
    template(&w, &["-o", "b.xlsx"]).expect_code(0);
    assert!(w.same_bytes("a.xlsx", "b.xlsx"));
}

#[test]
fn a_matrix_that_cannot_be_read_stops_with_exit_2() {
    let w = Workdir::new();
    w.write("requirements.xlsx", b"this is not a workbook");
    let run = template(&w, &["-o", "form.xlsx"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("requirements.xlsx"),
        "{}",
        run.stderr()
    );
    assert!(!w.path("form.xlsx").exists());

    let w = Workdir::new();
    w.xlsx(
        "requirements.xlsx",
        &[("表紙", vec![vec!["機能要件一覧"], vec!["○○市町村会"]])],
    );
    let run = template(&w, &["-o", "form.xlsx"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("要件が1件も読めません"),
        "{}",
        run.stderr()
    );
    assert!(!w.path("form.xlsx").exists());
}

#[test]
fn a_matrix_with_errors_is_not_turned_into_a_form() {
    let w = Workdir::new();
    w.xlsx(
        "requirements.xlsx",
        &[(
            "住民記録",
            vec![
                vec!["要件ID", "要件内容"],
                vec!["R-001", "住民票の写しを交付できること。"],
                vec!["R-001", "転入届を受け付けできること。"],
            ],
        )],
    );
    let run = template(&w, &["-o", "form.xlsx"]);
    run.expect_code(2);
    let stderr = run.stderr();
    assert!(stderr.contains("住民記録!A3"), "{stderr}");
    assert!(stderr.contains("エラーが 1 件"), "{stderr}");
    assert!(!w.path("form.xlsx").exists());
}

#[test]
fn the_settings_give_the_title_the_tax_basis_and_the_legend() {
    let w = Workdir::new();
    standard_matrix(&w);
    w.write(
        "settings.toml",
        "title = \"○○市町村会 基幹系システム共同調達\"\n\
         tax_basis = \"税込\"\n\
         [legend.standard]\ncodes = [\"S\", \"標準\"]\nfactor = 1.0\n\
         [legend.alternative]\ncodes = [\"P\"]\nfactor = 0.5\n\
         [legend.customization]\ncodes = [\"C\"]\nfactor = 0.2\n\
         [legend.unsupported]\ncodes = [\"N\"]\nfactor = 0.0\n"
            .as_bytes(),
    );
    template(&w, &["-o", "form.xlsx", "--settings", "settings.toml"]).expect_code(0);
    let form = w.path("form.xlsx");
    let mut rb = Readback::open(&form);
    let cover = rb.rows("表紙");
    assert_eq!(cover[0][0], "○○市町村会 基幹系システム共同調達");
    assert_eq!(cover[1][0], "機能要件 回答書");
    let instructions = rb.rows("記入要領").concat().concat();
    assert!(
        instructions.contains("（C）と回答した行にだけ"),
        "{instructions}"
    );
    assert!(instructions.contains("（税込）"), "{instructions}");
    let legend: Vec<(String, String)> = rb
        .rows("記入要領")
        .into_iter()
        .filter(|r| ["標準機能", "代替・運用", "カスタマイズ", "対応不可"].contains(&r[0].as_str()))
        .map(|r| (r[2].clone(), r[3].clone()))
        .collect();
    assert_eq!(
        legend,
        [
            ("S、標準".to_string(), "1".to_string()),
            ("P".to_string(), "0.5".to_string()),
            ("C".to_string(), "0.2".to_string()),
            ("N".to_string(), "0".to_string()),
        ]
    );
    let filled = Filled::open(&form);
    let sheet = filled.part("xl/worksheets/sheet3.xml");
    assert!(
        sheet.contains("<formula1>\"S,標準,P,C,N\"</formula1>"),
        "{sheet}"
    );
    assert!(sheet.contains("（税込）"));
    assert!(sheet.contains("&amp;L○○市町村会 基幹系システム共同調達&amp;R&amp;A"));

    let answers: &Answers = &[
        ("R-001", "S", None, ""),
        ("R-002", "P", None, ""),
        ("R-003", "C", Some(550_000.0), ""),
        ("R-004", "N", None, ""),
    ];
    let filled = fill_form(&form, Lang::Ja, "○○情報システム株式会社", answers);
    save_response(&w, &filled, "○○情報システム");
    let run = w.evaluate(&["--settings", "settings.toml", "--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    assert_eq!(report["validation"], json!([]), "{report:#}");
    // 3 × 1.0 + 3 × 0.5 + 2 × 0.2 + 1 × 0 = 4.9
    let v = vendor(&report, "○○情報システム");
    assert!((v["score"].as_f64().unwrap() - 4.9).abs() < 1e-9);
    assert_eq!(v["customization_cost"], 550_000);
}

/// A matrix naming the incumbent's product, and one that is a draft whose
/// flags column says F07: `template` warns on the terminal, naming each
/// requirement and where it is, and still writes the form with every
/// requirement.
#[test]
fn named_products_are_warned_about_and_the_form_is_still_written() {
    let w = Workdir::new();
    w.xlsx(
        "requirements.xlsx",
        &[(
            "住民記録",
            vec![
                vec!["要件ID", "要件内容", "必須区分", "フラグ"],
                vec!["JR-011", "住民票の写しを交付できること。", "必須", ""],
                vec![
                    "JR-012",
                    "さくら住記Plusと同等の一画面完結型の異動入力画面を備えること。",
                    "必須",
                    "F01",
                ],
                vec![
                    "JR-013",
                    "現行システムと同じ帳票様式で出力できること。",
                    "推奨",
                    "F01 F07",
                ],
                vec!["JR-014", "転出証明書を発行できること。", "必須", "F07X"],
            ],
        )],
    );
    w.write(
        "settings.toml",
        "brand_terms = [\"さくら住記Plus\"]\n".as_bytes(),
    );
    let run = template(&w, &["--settings", "settings.toml", "-o", "form.xlsx"]);
    run.expect_code(0);
    let err = run.stderr();
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("警告: 要件")).collect();
    assert_eq!(warnings.len(), 2, "{err}");
    assert!(
        warnings[0].contains("要件 JR-012（住民記録!3）")
            && warnings[0].contains("製品名・社名「さくら住記Plus」"),
        "{err}"
    );
    assert!(
        warnings[1].contains("要件 JR-013（住民記録!4）") && warnings[1].contains("フラグ列に F07"),
        "{err}"
    );
    // The form is written all the same, with the named requirement in it.
    let mut book = Readback::open(&w.path("form.xlsx"));
    let sheets = book.sheet_names();
    let found = sheets
        .iter()
        .any(|s| book.rows(s).iter().flatten().any(|c| c == "JR-012"));
    assert!(found, "JR-012 on the form");

    // In English, the same warnings in English.
    let run = template(
        &w,
        &[
            "--settings",
            "settings.toml",
            "-o",
            "form-en.xlsx",
            "--lang",
            "en",
        ],
    );
    run.expect_code(0);
    let err = run.stderr();
    assert!(
        err.contains("warning: requirement JR-012 (住民記録!3): its text names the product or company “さくら住記Plus”"),
        "{err}"
    );
}
