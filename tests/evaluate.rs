//! `fairbid evaluate` end to end: fixtures built in code, the real binary,
//! outputs read back and asserted cell by cell.

mod common;

use calamine::Data;
use common::{
    Readback, Workdir, response, standard_matrix, standard_requests, standard_vendors, vendor,
    vendor_names,
};
use serde_json::json;

const JA_SHEETS: [&str; 10] = [
    "概要",
    "要件別評価",
    "公平性",
    "感度分析",
    "回答備考",
    "カスタマイズ",
    "団体別",
    "業務別",
    "検証結果",
    "来歴",
];

#[test]
fn scores_ranks_and_knockouts_in_the_json() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    let run = w.evaluate(&["--json", "-"]);
    run.expect_code(0);
    let report = run.json();

    assert_eq!(report["tool"]["name"], "fairbid");
    assert_eq!(report["requirements"], 4);
    assert_eq!(vendor_names(&report), ["A社", "B社", "C社"]);

    let a = vendor(&report, "A社");
    assert_eq!(a["rank"], 1);
    assert!((a["score"].as_f64().unwrap() - 7.7).abs() < 1e-9);
    assert_eq!(a["max_score"].as_f64().unwrap(), 9.0);
    assert!((a["percent"].as_f64().unwrap() - 100.0 * 7.7 / 9.0).abs() < 1e-9);
    assert_eq!(a["compliant"], true);
    assert_eq!(a["customization_cost"], 1_200_000);
    assert_eq!(a["customization_cost_unknown"], 0);
    assert_eq!(
        a["levels"],
        json!({"standard": 2, "alternative": 1, "customization": 1, "unsupported": 0, "missing": 0, "invalid": 0})
    );

    let c = vendor(&report, "C社");
    assert_eq!(
        c["rank"], 3,
        "a non-compliant vendor stands behind every compliant one"
    );
    assert_eq!(c["compliant"], false);
    assert_eq!(c["knockouts"], json!(["R-001"]));

    let f05: Vec<_> = report["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "F05")
        .collect();
    assert_eq!(f05.len(), 1);
    assert_eq!(f05[0]["requirement"], "R-001");
    assert_eq!(f05[0]["vendors"], json!(["C社"]));
    assert_eq!(f05[0]["severity"], "high");

    assert_eq!(report["competition"]["compliant_vendors"], 2);
    assert_eq!(report["competition"]["relief"], json!([]));

    let custom = &report["customization"][0];
    assert_eq!(custom["requirement"], "R-004");
    assert_eq!(custom["vendors"], json!(["A社"]));
    assert_eq!(custom["cost_median"], 1_200_000);
    assert_eq!(custom["recommendation"], "none");

    let inputs = report["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 4);
    assert_eq!(inputs[0]["role"], "requirements");
    assert_eq!(inputs[0]["rows"], 4);
    assert_eq!(inputs[0]["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn workbook_has_ten_sheets_and_agrees_with_the_json() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    let run = w.evaluate(&["-o", "evaluation.xlsx", "--json", "report.json"]);
    run.expect_code(0);
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.path("report.json")).unwrap()).unwrap();

    let mut book = Readback::open(&w.path("evaluation.xlsx"));
    assert_eq!(book.sheet_names(), JA_SHEETS);

    // 概要's ranking table: 順位 | ベンダー | 評価点 | … (the columns of
    // src/write/xlsx/summary.rs); rank and score are numbers, the score
    // exactly as computed (General format, shown as Excel shows it).
    const COL_RANK: usize = 0;
    const COL_VENDOR: usize = 1;
    const COL_SCORE: usize = 2;
    for v in report["vendors"].as_array().unwrap() {
        let name = v["name"].as_str().unwrap();
        let row = book.data_row_with("概要", name);
        assert_eq!(row[COL_VENDOR], Data::String(name.into()), "{row:?}");
        let rank = v["rank"].as_u64().unwrap() as f64;
        assert_eq!(row[COL_RANK], Data::Float(rank), "rank of {name}: {row:?}");
        let score = v["score"].as_f64().unwrap();
        assert_eq!(
            row[COL_SCORE],
            Data::Float(score),
            "score of {name}: {row:?}"
        );
    }

    let r1 = book.row_with("要件別評価", "R-001");
    assert!(r1.contains(&"住民票の写しを交付できること。".to_string()));
    assert!(r1.contains(&"×".to_string()), "C社's code as given: {r1:?}");
    assert!(
        r1.iter().any(|c| c.contains("F05")),
        "flag codes on the row: {r1:?}"
    );

    let f05 = book.row_with("公平性", "F05");
    assert!(f05.contains(&"R-001".to_string()));
    assert!(f05.iter().any(|c| c.contains("C社")));

    let custom = book.row_with("カスタマイズ", "R-004");
    assert!(custom.iter().any(|c| c.contains("A社")));

    let sha = report["inputs"][0]["sha256"].as_str().unwrap().to_string();
    book.row_with("来歴", &sha);
}

#[test]
fn english_labels_with_lang_en() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    w.evaluate(&["-o", "evaluation.xlsx", "--lang", "en"])
        .expect_code(0);
    let book = Readback::open(&w.path("evaluation.xlsx"));
    assert_eq!(
        book.sheet_names(),
        [
            "Summary",
            "Matrix",
            "Fairness",
            "Sensitivity",
            "Remarks",
            "Customization",
            "By member",
            "By area",
            "Validation",
            "Provenance"
        ]
    );
}

#[test]
fn a_broken_vendor_file_leaves_the_others_evaluated() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    w.write("responses/D社.xlsx", "要件ID,回答\nR-001,◎\n".as_bytes());
    response(
        &w,
        "E社",
        &[
            ("R-001", "？", "", ""),
            ("R-002", "◎", "", ""),
            ("R-003", "◎", "", ""),
            ("R-004", "◎", "", ""),
        ],
    );
    w.xlsx(
        "responses/F社.xlsx",
        &[("表紙", vec![vec!["回答書"], vec!["会社名", "F社"]])],
    );

    let run = w.evaluate(&["--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    let names = vendor_names(&report);
    assert!(names.contains(&"A社".to_string()) && names.contains(&"E社".to_string()));
    assert!(
        !names.contains(&"D社".to_string()),
        "a CSV file is no vendor"
    );
    assert!(
        !names.contains(&"F社".to_string()),
        "a file without a header is no vendor"
    );

    let validation = report["validation"].as_array().unwrap();
    let d = validation
        .iter()
        .find(|f| f["file"] == "D社.xlsx")
        .expect("D社.xlsx reported");
    assert_eq!(d["severity"], "error");
    // The record still shows what was received from the vendor.
    let received = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["file"] == "D社.xlsx")
        .expect("D社.xlsx in the record of inputs");
    assert_eq!(received["role"], "response");
    assert_eq!(received["rows"], 0);
    assert_eq!(
        received["sha256"], "0b4e15718fd4ea19fe12f173e611b1e048719229a348442108622ba27942228b",
        "sha256 of the CSV bytes as written"
    );
    assert!(
        validation
            .iter()
            .any(|f| f["file"] == "F社.xlsx" && f["severity"] == "error")
    );
    let e = validation
        .iter()
        .find(|f| f["file"] == "E社.xlsx" && f["severity"] == "error")
        .expect("invalid code reported");
    assert_eq!(e["sheet"], "回答");
    assert_eq!(e["cell"], "B2");
    assert_eq!(e["value"], "？");
    assert_eq!(vendor(&report, "E社")["levels"]["invalid"], 1);
    assert_eq!(vendor(&report, "E社")["compliant"], false);

    // --strict turns the same errors into exit 1
    w.evaluate(&["--json", "-", "--strict"]).expect_code(1);
}

#[test]
fn lock_files_are_notices_and_other_files_rows() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    w.write("responses/~$A社.xlsx", b"lock");
    w.write("responses/メモ.txt", "回答の受付状況".as_bytes());
    let run = w.evaluate(&["--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    assert_eq!(report["vendors"].as_array().unwrap().len(), 3);
    let rows: Vec<(String, String)> = report["validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // SPEC §7: a lock file stays a notice; any other file is on the record.
    assert!(!rows.iter().any(|(f, _)| f.contains("~$")), "{rows:?}");
    assert!(
        rows.contains(&("メモ.txt".to_string(), "warning".to_string())),
        "{rows:?}"
    );
    assert!(run.stderr().contains("~$A社.xlsx"), "{}", run.stderr());
    assert!(!run.stderr().contains("メモ.txt"), "{}", run.stderr());
}

#[test]
fn existing_output_is_kept_without_force() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    w.write("evaluation.xlsx", b"previous evaluation");
    let run = w.evaluate(&["-o", "evaluation.xlsx"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr().trim_end(),
        "fairbid: evaluation.xlsx: 既にあります。上書きするには --force を付けるか、別の名前を指定してください"
    );
    let run = w.evaluate(&["-o", "evaluation.xlsx", "--lang", "en"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr().trim_end(),
        "fairbid: evaluation.xlsx: already exists; use --force to replace it, or choose another name"
    );
    assert_eq!(
        std::fs::read(w.path("evaluation.xlsx")).unwrap(),
        b"previous evaluation"
    );

    w.evaluate(&["-o", "evaluation.xlsx", "--force"])
        .expect_code(0);
    let book = Readback::open(&w.path("evaluation.xlsx"));
    assert_eq!(book.sheet_names()[0], "概要");
}

#[test]
fn the_workbook_and_the_json_are_refused_as_one_file() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    let run = w.evaluate(&["-o", "out.xlsx", "--json", "out.xlsx"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr().trim_end(),
        "fairbid: out.xlsx: 評価ブックとJSONの出力先が同じです。-o と --json には別々のファイルを指定してください"
    );
    let run = w.evaluate(&["-o", "out.xlsx", "--json", "out.xlsx", "--lang", "en"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr().trim_end(),
        "fairbid: out.xlsx: the workbook and the JSON need different files"
    );
    assert!(!w.path("out.xlsx").exists());
}

#[test]
fn an_output_equal_to_an_input_is_refused_and_inputs_are_untouched() {
    let w = Workdir::new();
    let matrix = standard_matrix(&w);
    standard_vendors(&w);
    let before = std::fs::read(&matrix).unwrap();
    let a_before = std::fs::read(w.path("responses/A社.xlsx")).unwrap();
    let run = w.evaluate(&["-o", "responses/A社.xlsx", "--force"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr().trim_end(),
        "fairbid: responses/A社.xlsx: この出力先は入力ファイルの一つです。別の出力ファイルを指定してください（入力ファイルは書き換えません）"
    );
    let run = w.evaluate(&["-o", "responses/A社.xlsx", "--force", "--lang", "en"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr().trim_end(),
        "fairbid: responses/A社.xlsx: this output path is also an input; choose another output file (inputs are never modified)"
    );
    w.evaluate(&["-o", "out.xlsx"]).expect_code(0);
    assert_eq!(std::fs::read(&matrix).unwrap(), before);
    assert_eq!(
        std::fs::read(w.path("responses/A社.xlsx")).unwrap(),
        a_before
    );
}

#[test]
fn same_inputs_give_a_byte_identical_workbook() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    w.evaluate(&["-o", "one.xlsx"]).expect_code(0);
    w.evaluate(&["-o", "two.xlsx"]).expect_code(0);
    assert!(w.same_bytes("one.xlsx", "two.xlsx"));
}

/// The JSON is written while the workbook is filled, after the Matrix has
/// taken the vendors' answers for itself: it is the same file written alone.
#[test]
fn the_json_beside_the_workbook_is_the_json_alone() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    w.evaluate(&["-o", "evaluation.xlsx", "--json", "beside.json"])
        .expect_code(0);
    w.evaluate(&["--json", "alone.json"]).expect_code(0);
    let beside = std::fs::read_to_string(w.path("beside.json")).unwrap();
    assert!(beside.contains("\"customization\""), "{beside}");
    assert!(w.same_bytes("beside.json", "alone.json"));
}

#[test]
fn an_unreadable_matrix_stops_with_exit_2_naming_it() {
    let w = Workdir::new();
    w.write(
        "requirements.xlsx",
        b"<html><body>not a workbook</body></html>",
    );
    standard_vendors(&w);
    let run = w.evaluate(&["--json", "-"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("requirements.xlsx"),
        "{}",
        run.stderr()
    );
    assert!(run.stdout().is_empty());
}

#[test]
fn evaluate_needs_an_output() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    let run = w.evaluate(&[]);
    run.expect_code(2);
    // clap names the group of outputs of which one is required.
    assert!(
        run.stderr().starts_with(
            "error: the following required arguments were not provided:\n  <--output <FILE.xlsx>|--json <FILE|->>\n"
        ),
        "{}",
        run.stderr()
    );
    assert!(run.stdout().is_empty(), "{}", run.stdout());
}

#[test]
fn input_text_that_looks_like_a_formula_stays_text() {
    let w = Workdir::new();
    w.xlsx(
        "requirements.xlsx",
        &[(
            "要件",
            vec![
                vec!["要件ID", "要件内容", "必須区分"],
                vec![
                    "R-001",
                    "=HYPERLINK(\"http://example.invalid\",\"x\")",
                    "必須",
                ],
                vec!["R-002", "@SUM(A1)", "推奨"],
            ],
        )],
    );
    response(
        &w,
        "A社",
        &[
            ("R-001", "◎", "", "+cmd|' /C calc'!A0"),
            ("R-002", "◎", "", ""),
        ],
    );
    response(
        &w,
        "B社",
        &[("R-001", "◎", "", ""), ("R-002", "-1", "", "")],
    );
    w.evaluate(&["-o", "evaluation.xlsx"]).expect_code(0);
    let mut book = Readback::open(&w.path("evaluation.xlsx"));
    for sheet in JA_SHEETS {
        assert_eq!(
            book.formula_count(sheet),
            0,
            "a formula leaked into {sheet}"
        );
    }
    let row = book.row_with("要件別評価", "R-002");
    assert!(row.contains(&"@SUM(A1)".to_string()));

    // every other workbook fairbid writes keeps it text too
    w.evaluate(&["--json", "-", "--dossiers", "dossiers"])
        .expect_code(0);
    w.draft(&["-o", "draft.xlsx", "--apply"]).expect_code(0);
    w.run(&[
        "template",
        "--requirements",
        "requirements.xlsx",
        "-o",
        "form.xlsx",
    ])
    .expect_code(0);
    let mut written = vec![w.path("draft.xlsx"), w.path("form.xlsx")];
    for entry in std::fs::read_dir(w.path("dossiers")).unwrap() {
        written.push(entry.unwrap().path());
    }
    assert_eq!(written.len(), 4, "two dossiers, the draft and the form");
    for path in written {
        let mut book = Readback::open(&path);
        for sheet in book.sheet_names() {
            assert_eq!(
                book.formula_count(&sheet),
                0,
                "a formula leaked into {}!{sheet}",
                path.display()
            );
        }
    }
}

#[test]
fn member_requests_drive_the_customization_advice() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    standard_requests(&w);
    let run = w.evaluate(&["--requests", "requests.xlsx", "--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    let items = report["customization"].as_array().unwrap();
    let r3 = items.iter().find(|i| i["requirement"] == "R-003").unwrap();
    assert_eq!(r3["members"], json!(["甲町", "乙村"]));
    assert_eq!(r3["recommendation"], "standardize");
    let r4 = items.iter().find(|i| i["requirement"] == "R-004").unwrap();
    assert_eq!(r4["members"], json!(["乙村"]));
    assert_eq!(r4["recommendation"], "adapt_operations");
}

#[test]
fn settings_typo_is_an_error_naming_the_key() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    w.write("settings.toml", b"min_competitor = 3\n");
    let run = w.evaluate(&["--settings", "settings.toml", "--json", "-"]);
    run.expect_code(2);
    assert!(run.stderr().contains("min_competitor"), "{}", run.stderr());
}

#[test]
fn check_exits_1_on_errors_and_0_on_a_clean_return() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    let clean = w.run(&[
        "check",
        "--requirements",
        "requirements.xlsx",
        "--responses",
        "responses/A社.xlsx",
    ]);
    clean.expect_code(0);
    response(&w, "E社", &[("R-001", "？", "", "")]);
    let run = w.run(&[
        "check",
        "--requirements",
        "requirements.xlsx",
        "--responses",
        "responses/E社.xlsx",
    ]);
    run.expect_code(1);
    assert!(run.stdout().contains("B2"), "{}", run.stdout());
    assert!(run.stdout().contains("？"), "{}", run.stdout());
}

#[test]
fn init_writes_a_matrix_that_evaluate_reads() {
    let w = Workdir::new();
    w.run(&["init", "start"]).expect_code(0);
    let settings = std::fs::read_to_string(w.path("start/settings.toml")).unwrap();
    assert!(settings.contains("min_competitors = 2"));
    response(
        &w,
        "A社",
        &[
            ("JR-001", "◎", "", ""),
            ("JR-002", "◎", "", ""),
            ("JR-003", "◎", "", ""),
            ("ZE-001", "◎", "", ""),
            ("KK-001", "◎", "", ""),
            ("KK-002", "◎", "", ""),
        ],
    );
    let run = w.evaluate_matrix(
        "start/requirements.xlsx",
        &["--settings", "start/settings.toml", "--json", "-"],
    );
    run.expect_code(0);
    let report = run.json();
    assert_eq!(report["requirements"], 6);
    assert_eq!(report["vendors"][0]["percent"].as_f64().unwrap(), 100.0);
    // a second init refuses to overwrite
    w.run(&["init", "start"]).expect_code(2);
}

/// One starter file already there refuses the whole init: nothing is
/// written beside it, and what it says names every file it writes.
#[test]
fn init_writes_all_its_files_or_none() {
    let w = Workdir::new();
    w.write("start/criteria.xlsx", b"the committee's own criteria");
    let refused = w.run(&["init", "start"]);
    refused.expect_code(2);
    assert!(
        refused.stderr().contains("criteria.xlsx"),
        "{}",
        refused.stderr()
    );
    let mut left: Vec<String> = std::fs::read_dir(w.path("start"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["criteria.xlsx"]);
    assert_eq!(
        std::fs::read(w.path("start/criteria.xlsx")).unwrap(),
        b"the committee's own criteria"
    );
    let run = w.run(&["init", "fresh"]);
    run.expect_code(0);
    for file in [
        "requirements.xlsx",
        "settings.toml",
        "decisions.xlsx",
        "prices.xlsx",
        "criteria.xlsx",
        "members.xlsx",
    ] {
        assert!(w.path("fresh").join(file).is_file(), "{file}");
        assert!(run.stderr().contains(file), "{file}: {}", run.stderr());
    }
}

/// The starter matrix is dated by SOURCE_DATE_EPOCH like every other
/// workbook: two inits a second or more apart give the same bytes.
#[test]
fn init_is_reproducible() {
    let w = Workdir::new();
    w.run(&["init", "one"]).expect_code(0);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    w.run(&["init", "two"]).expect_code(0);
    let one = std::fs::read(w.path("one/requirements.xlsx")).unwrap();
    let two = std::fs::read(w.path("two/requirements.xlsx")).unwrap();
    assert!(one == two, "the two starter matrices differ");
}

#[test]
fn answers_to_removed_requirements_are_neither_counted_nor_reported() {
    let w = Workdir::new();
    w.xlsx(
        "requirements.xlsx",
        &[(
            "要件",
            vec![
                vec!["要件ID", "要件内容", "必須区分", "状態"],
                vec!["R-001", "住民票の写しを交付できること。", "必須", ""],
                vec![
                    "R-002",
                    "旧システムと同じ画面配置であること。",
                    "必須",
                    "削除",
                ],
            ],
        )],
    );
    response(&w, "A社", &[("R-001", "◎", "", ""), ("R-002", "×", "", "")]);
    w.xlsx(
        "requests.xlsx",
        &[("要望", vec![vec!["要件ID", "甲町"], vec!["R-002", "○"]])],
    );
    let run = w.evaluate(&["--requests", "requests.xlsx", "--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    assert_eq!(report["requirements"], 1);
    assert_eq!(report["validation"], json!([]));
    assert_eq!(vendor(&report, "A社")["compliant"], true);
    assert_eq!(vendor(&report, "A社")["max_score"].as_f64().unwrap(), 3.0);
}
