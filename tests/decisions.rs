//! `evaluate --decisions` end to end (SPEC §11): the committee's rulings
//! change levels, scores and ranks, never the vendors' files; every row is on
//! the Decisions sheet and in the JSON; a row that cannot be applied is an
//! error row at its cell.

mod common;

use common::{Readback, Workdir, response, standard_matrix, vendor, vendor_names};

/// Four vendors on the standard matrix (weights 3, 3, 2, 1):
///
/// ```text
/// A社 ◎ ◎ ○ ×   3 + 3 + 1.4 + 0     = 7.4
/// B社 ◎ ○ ○ ×   3 + 2.1 + 1.4 + 0   = 6.5
/// C社 ○ ◎ × ◎   2.1 + 3 + 0 + 1     = 6.1
/// D社 ○ ○ ○ ×   2.1 + 2.1 + 1.4 + 0 = 5.6  (never ◎: the 3-level legend)
/// ```
/// With D社's ○ ruled standard: 3 + 3 + 2 + 0 = 8, first.
fn four_vendors(w: &Workdir) {
    standard_matrix(w);
    let rows = |codes: [&'static str; 4]| {
        let ids = ["R-001", "R-002", "R-003", "R-004"];
        let mut rows = Vec::new();
        for (id, code) in ids.into_iter().zip(codes) {
            rows.push((id, code, "", ""));
        }
        rows
    };
    response(w, "A社", &rows(["◎", "◎", "○", "×"]));
    response(w, "B社", &rows(["◎", "○", "○", "×"]));
    response(w, "C社", &rows(["○", "◎", "×", "◎"]));
    response(w, "D社", &rows(["○", "○", "○", "×"]));
}

const HEADER: [&str; 6] = ["事業者名", "要件ID", "回答", "判定", "理由", "決定日"];

fn decisions(w: &Workdir, rows: &[[&str; 6]]) {
    let mut sheet = vec![vec!["選定委員会 裁定記録"], HEADER.to_vec()];
    sheet.extend(rows.iter().map(|r| r.to_vec()));
    w.xlsx("裁定.xlsx", &[("裁定", sheet)]);
}

fn score(report: &serde_json::Value, name: &str) -> f64 {
    vendor(report, name)["score"].as_f64().unwrap()
}

#[test]
fn a_ruling_on_the_three_level_legend_moves_the_vendor_from_fourth_to_first() {
    let w = Workdir::new();
    four_vendors(&w);
    let before = w.evaluate(&["--json", "-"]);
    before.expect_code(0);
    let before = before.json();
    assert_eq!(vendor_names(&before), ["A社", "B社", "C社", "D社"]);
    assert_eq!(vendor(&before, "D社")["rank"], 4);
    let warnings = |report: &serde_json::Value| -> Vec<String> {
        (report["validation"].as_array().unwrap().iter())
            .filter(|f| f["file"] == "D社.xlsx")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(warnings(&before).len(), 1, "{:?}", warnings(&before));
    assert!(warnings(&before)[0].contains("3段階"));
    let response_bytes = std::fs::read(w.path("responses/D社.xlsx")).unwrap();

    decisions(
        &w,
        &[
            [
                "株式会社Ｄ社",
                "",
                "〇",
                "標準",
                "質疑回答No.12で確認",
                "2025-06-10",
            ],
            [
                "B社",
                "R-003",
                "",
                "標準",
                "質疑回答No.15で確認",
                "2025-06-12",
            ],
        ],
    );
    let run = w.evaluate(&[
        "--decisions",
        "裁定.xlsx",
        "--json",
        "-",
        "-o",
        "評価.xlsx",
        "--dossiers",
        "講評",
    ]);
    run.expect_code(0);
    let after = run.json();
    assert_eq!(vendor_names(&after), ["D社", "A社", "B社", "C社"]);
    assert_eq!(vendor(&after, "D社")["rank"], 1);
    assert!((score(&after, "D社") - 8.0).abs() < 1e-9);
    // B社: R-003 ○ → 標準, 1.4 → 2.
    assert!((score(&after, "B社") - 7.1).abs() < 1e-9);
    assert_eq!(vendor(&after, "D社")["levels"]["standard"], 3);
    assert!(
        warnings(&after).is_empty(),
        "settled: {:?}",
        warnings(&after)
    );
    assert_eq!(
        std::fs::read(w.path("responses/D社.xlsx")).unwrap(),
        response_bytes,
        "the vendor's file is never edited"
    );

    let mut book = Readback::open(&w.path("評価.xlsx"));
    let summary = book.row_with("概要", "D社");
    assert_eq!(summary[0], "1");
    let said = book.rows("概要").into_iter().flatten().any(|c| {
        c == "選定委員会の裁定を 2 件適用しています（詳細は「裁定」シート）。適用しなかった行: 0 件。"
    });
    assert!(said, "the Summary says decisions were applied");
    // The Matrix: the code as written, then the ruled level.
    let matrix = book.row_with("要件別評価", "R-001");
    assert!(matrix.iter().any(|c| c == "○ → 標準機能"), "{matrix:?}");
    assert!(matrix.iter().any(|c| c == "◎"), "{matrix:?}");
    // B社's dossier: its ruled answer as the Matrix shows it, with the
    // ruling in the note column; the committee's reasons stay on the record.
    let mut dossier = Readback::open(&w.path("講評/B社_個別評価.xlsx"));
    let ruled = dossier.row_with("回答と得点", "R-003");
    assert_eq!(ruled[6..8], ["○ → 標準機能", "標準機能"], "{ruled:?}");
    assert_eq!(ruled[11], "選定委員会の裁定により「標準機能」と判定");
    let unruled = dossier.row_with("回答と得点", "R-002");
    assert_eq!(unruled[6], "○");
    assert_eq!(unruled[11], "");
    let all: Vec<String> = dossier.rows("回答と得点").concat();
    assert!(!all.iter().any(|c| c.contains("質疑回答")), "{all:?}");
    let record = book.row_with("来歴", "裁定.xlsx");
    assert_eq!(record[1], "裁定");
    assert_eq!(record[2].len(), 64, "the SHA-256 of the decisions file");
    assert_eq!(record[3], "2");
}

#[test]
fn the_decisions_sheet_shows_each_row_and_the_scores_before_and_after() {
    let w = Workdir::new();
    four_vendors(&w);
    decisions(
        &w,
        &[
            ["D社", "", "○", "標準", "質疑回答No.12で確認", "2025-06-10"],
            ["D社", "R-002", "", "代替", "質疑回答No.13で確認", ""],
            ["X社", "", "○", "標準", "質疑回答No.14で確認", ""],
        ],
    );
    w.evaluate(&["--decisions", "裁定.xlsx", "-o", "評価.xlsx"])
        .expect_code(0);
    let mut book = Readback::open(&w.path("評価.xlsx"));
    let names = book.sheet_names();
    let at = |name: &str| names.iter().position(|n| n == name).unwrap();
    assert_eq!(at("裁定"), at("業務別") + 1, "{names:?}");
    assert_eq!(at("検証結果"), at("裁定") + 1, "{names:?}");

    let rows = book.rows("裁定");
    let row = |needle: &str| {
        (rows.iter())
            .find(|r| r.iter().any(|c| c.contains(needle)))
            .unwrap_or_else(|| panic!("no {needle} in {rows:?}"))
            .clone()
    };
    // The row without an ID: ○ on R-001 and R-003 (R-002 goes to the
    // more specific row), both 代替・運用 before.
    let first = row("質疑回答No.12");
    assert_eq!(first[0], "裁定!3");
    assert_eq!(&first[1..5], ["D社", "（全要件）", "○", "標準機能"]);
    assert_eq!(&first[7..], ["適用", "2", "代替・運用 2件", "標準機能"]);
    let second = row("質疑回答No.13");
    assert_eq!(&second[7..], ["適用", "1", "代替・運用 1件", "代替・運用"]);
    let unknown = row("質疑回答No.14");
    assert_eq!(unknown[1], "X社");
    assert_eq!(&unknown[7..9], ["適用せず（検証結果を参照）", "0"]);

    // Scores: D社 5.6 before, 3 + 2.1 + 2 = 7.1 after.
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "裁定前の評価点"))
        .unwrap();
    let d = (rows[header..].iter()).find(|r| r[1] == "D社").unwrap();
    let number = |s: &str| s.parse::<f64>().unwrap();
    assert_eq!(d[2], "3", "answers ruled, by either row");
    assert!((number(&d[3]) - 5.6).abs() < 1e-9);
    assert!((number(&d[4]) - 7.1).abs() < 1e-9);
    // The change, redone from the printed ruled answers: Σ (after − before).
    let answers = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "裁定前の得点"))
        .unwrap();
    let ruled: Vec<&Vec<String>> = (rows[answers + 1..].iter())
        .filter(|r| r.get(1).is_some_and(|c| c == "D社"))
        .collect();
    assert_eq!(ruled.len(), 3);
    let redone: f64 = ruled.iter().map(|r| number(&r[8]) - number(&r[7])).sum();
    assert!((redone - (number(&d[4]) - number(&d[3]))).abs() < 1e-9);
    assert!((number(&d[5]) - redone).abs() < 1e-9);
    assert_eq!(
        &ruled[0][2..7],
        ["R-001", "○", "代替・運用", "標準機能", "3"]
    );
}

#[test]
fn the_json_lists_every_decision_with_what_it_changed() {
    let w = Workdir::new();
    four_vendors(&w);
    decisions(
        &w,
        &[
            [
                "D社",
                "",
                "○",
                "standard",
                "質疑回答No.12で確認",
                "2025-06-10",
            ],
            ["C社", "r-003", "", "×", "質疑回答No.20で確認", ""],
            ["D社", "", "○", "標準", "", ""],
        ],
    );
    let run = w.evaluate(&["--decisions", "裁定.xlsx", "--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    let d = report["decisions"].as_array().unwrap();
    assert_eq!(d.len(), 3);
    assert_eq!(
        d[0],
        serde_json::json!({
            "vendor": "D社", "requirement": null, "code": "○", "ruling": "standard",
            "reason": "質疑回答No.12で確認", "date": "2025-06-10", "applied": true,
            "changed": 3, "score_before": d[0]["score_before"], "score_after": 8.0
        })
    );
    assert!((d[0]["score_before"].as_f64().unwrap() - 5.6).abs() < 1e-9);
    assert_eq!(d[1]["requirement"], "R-003");
    assert_eq!(d[1]["ruling"], "unsupported");
    assert_eq!(d[1]["changed"], 1, "× on ×: still ruled by this row");
    assert_eq!(d[1]["code"], serde_json::Value::Null);
    assert_eq!(d[2]["applied"], false);
    assert_eq!(d[2]["changed"], 0);
    let input = (report["inputs"].as_array().unwrap().iter())
        .find(|f| f["file"] == "裁定.xlsx")
        .unwrap();
    assert_eq!(input["role"], "decisions");

    // Without a decisions file the key is absent.
    let plain = w.evaluate(&["--json", "-"]).json();
    assert!(plain.get("decisions").is_none());
}

#[test]
fn rows_that_cannot_be_applied_are_error_rows_and_change_nothing() {
    let w = Workdir::new();
    four_vendors(&w);
    decisions(
        &w,
        &[
            ["東和システム", "", "○", "標準", "質疑回答No.1", ""],
            ["D社", "R-099", "", "標準", "質疑回答No.2", ""],
            ["D社", "", "○", "可", "質疑回答No.3", ""],
            ["D社", "", "○", "標準", "", ""],
        ],
    );
    let run = w.evaluate(&["--decisions", "裁定.xlsx", "--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    assert!((score(&report, "D社") - 5.6).abs() < 1e-9);
    assert_eq!(vendor(&report, "D社")["rank"], 4);
    let errors: Vec<(String, String, String)> = (report["validation"].as_array().unwrap().iter())
        .filter(|f| f["file"] == "裁定.xlsx")
        .map(|f| {
            assert_eq!(f["severity"], "error");
            assert_eq!(f["sheet"], "裁定");
            let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (text("cell"), text("value"), text("message"))
        })
        .collect();
    let cells: Vec<&str> = errors.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(cells, ["A3", "B4", "D5", "E6"]);
    assert!(errors[0].2.contains("東和システム"));
    assert!(errors[1].2.contains("R-099"));
    assert!(errors[2].2.contains("凡例"));
    assert!(errors[3].2.contains("理由"));
    // The legend warning stands: no valid row settled it.
    assert!(
        (report["validation"].as_array().unwrap().iter())
            .any(|f| f["file"] == "D社.xlsx" && f["severity"] == "warning")
    );

    // `check` takes the decisions too and exits 1 on their errors.
    let check = w.run(&[
        "check",
        "--requirements",
        "requirements.xlsx",
        "--responses",
        "responses",
        "--decisions",
        "裁定.xlsx",
    ]);
    check.expect_code(1);
    assert!(check.stdout().contains("裁定.xlsx\t裁定!E6\tエラー"));
}

#[test]
fn an_id_row_does_not_settle_the_legend_and_the_summary_says_what_if() {
    let w = Workdir::new();
    four_vendors(&w);
    decisions(
        &w,
        &[["D社", "R-001", "○", "標準", "質疑回答No.12で確認", ""]],
    );
    let run = w.evaluate(&["--decisions", "裁定.xlsx", "--json", "-", "-o", "評価.xlsx"]);
    run.expect_code(0);
    let report = run.json();
    // R-001 ruled: 3 + 2.1 + 1.4 = 6.5, tied with B社 for second.
    assert!((score(&report, "D社") - 6.5).abs() < 1e-9);
    assert!(
        (report["validation"].as_array().unwrap().iter())
            .any(|f| f["file"] == "D社.xlsx" && f["message"].as_str().unwrap().contains("3段階"))
    );
    let mut book = Readback::open(&w.path("評価.xlsx"));
    let d = book.row_with("概要", "D社");
    let caveat = d.last().unwrap();
    // If ○ meant standard on R-002 and R-003 too: 3 + 3 + 2 = 8, first.
    assert!(
        caveat.contains("1 位") && caveat.contains("評価点 8"),
        "{caveat}"
    );
    let a = book.row_with("概要", "A社");
    assert_eq!(a.len(), d.len());
    assert_eq!(a.last().unwrap(), "");
}

#[test]
fn an_unreadable_decisions_file_stops_the_run() {
    let w = Workdir::new();
    four_vendors(&w);
    w.write("裁定.xlsx", b"not a workbook");
    let run = w.evaluate(&["--decisions", "裁定.xlsx", "--json", "-"]);
    run.expect_code(2);
    assert!(run.stderr().contains("裁定.xlsx"), "{}", run.stderr());
    // An output that would overwrite it is refused.
    decisions(&w, &[]);
    w.evaluate(&["--decisions", "裁定.xlsx", "-o", "裁定.xlsx", "--force"])
        .expect_code(2);
}

#[test]
fn init_writes_a_decisions_workbook_that_evaluate_reads() {
    let w = Workdir::new();
    w.run(&["init", "start"]).expect_code(0);
    let mut book = Readback::open(&w.path("start/decisions.xlsx"));
    let header = book.row_with("裁定", "判定");
    assert_eq!(
        &header[..6],
        ["事業者名", "要件ID", "回答", "判定", "理由", "決定日"]
    );
    // The starter's vendors are examples: on real responses they are the
    // only problems, each an unknown vendor at its cell.
    response(&w, "A社", &[("JR-001", "◎", "", "")]);
    let run = w.evaluate_matrix(
        "start/requirements.xlsx",
        &["--decisions", "start/decisions.xlsx", "--json", "-"],
    );
    run.expect_code(0);
    let report = run.json();
    let cells: Vec<&str> = (report["validation"].as_array().unwrap().iter())
        .filter(|f| f["file"] == "decisions.xlsx")
        .map(|f| f["cell"].as_str().unwrap())
        .collect();
    assert_eq!(cells, ["A4", "A5"]);
}

#[test]
fn draft_counts_the_ruled_levels_and_the_english_workbook_words_the_decisions() {
    let w = Workdir::new();
    four_vendors(&w);
    // R-004: only C社 capable (F01) until D社's × is accepted as 代替.
    decisions(
        &w,
        &[[
            "D社",
            "R-004",
            "×",
            "代替",
            "質疑回答No.21で運用での対応を確認",
            "",
        ]],
    );
    let draft = |out: &str, extra: &[&str]| {
        let mut args = vec!["-o", out];
        args.extend_from_slice(extra);
        w.draft(&args).expect_code(0);
        let mut book = Readback::open(&w.path(out));
        let rows = book.rows("税");
        let header = rows
            .iter()
            .find(|r| r.iter().any(|c| c == "対応可能数"))
            .unwrap();
        let col = header.iter().position(|c| c == "対応可能数").unwrap();
        let row = rows.iter().find(|r| r[0] == "R-004").unwrap();
        row[col].clone()
    };
    assert_eq!(draft("案.xlsx", &[]), "1");
    assert_eq!(draft("裁定後案.xlsx", &["--decisions", "裁定.xlsx"]), "2");

    w.evaluate(&["--decisions", "裁定.xlsx", "-o", "en.xlsx", "--lang", "en"])
        .expect_code(0);
    let mut book = Readback::open(&w.path("en.xlsx"));
    let row = book.row_with("Decisions", "D社");
    assert!(
        row.iter().any(|c| c == "(all codes)" || c == "×"),
        "{row:?}"
    );
    assert!(row.iter().any(|c| c == "applied"), "{row:?}");
    let matrix = book.row_with("Matrix", "R-004");
    assert!(matrix.iter().any(|c| c.starts_with("× → ")), "{matrix:?}");
    let summary = book.row_with("Summary", "D社");
    assert!(
        summary
            .last()
            .unwrap()
            .starts_with("Legend unconfirmed: if \"○\" meant standard, rank 1"),
        "{summary:?}"
    );
}

/// The samples tell the story the README tells: 中央ITセンター, on the
/// 3-level legend, is 4th until the committee rules on its ○, then 1st.
#[test]
fn the_sample_decisions_settle_the_three_level_vendor() {
    let w = Workdir::new();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let path = |name: &str| samples.join(name).to_string_lossy().into_owned();
    let (matrix, responses, decisions) = (
        path("requirements.xlsx"),
        path("responses"),
        path("decisions.xlsx"),
    );
    let run = |extra: &[&str]| {
        let mut args = vec![
            "evaluate",
            "--requirements",
            &matrix,
            "--responses",
            &responses,
            "--json",
            "-",
        ];
        args.extend_from_slice(extra);
        let run = w.run(&args);
        run.expect_code(0);
        run.json()
    };
    let before = run(&[]);
    assert_eq!(vendor(&before, "中央ITセンター")["rank"], 4);
    let after = run(&["--decisions", &decisions]);
    assert_eq!(vendor(&after, "中央ITセンター")["rank"], 1);
    let rows = after["decisions"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|d| d["applied"] == true));
    assert_eq!(rows[1]["requirement"], "JR-036");
    assert_eq!(rows[1]["ruling"], "customization");
    // On the sheet, 北日本's change is the difference of the two printed
    // scores, without the noise of a subtraction in binary.
    w.run(&[
        "evaluate",
        "--requirements",
        &matrix,
        "--responses",
        &responses,
        "--decisions",
        &decisions,
        "-o",
        "評価.xlsx",
    ])
    .expect_code(0);
    let mut book = Readback::open(&w.path("評価.xlsx"));
    let table = book.rows("裁定");
    let row = (table.iter())
        .find(|r| r[1].starts_with("北日本情報システム") && r[2] == "1")
        .expect("北日本's scores before and after");
    let (before, after, change): (f64, f64, f64) = (
        row[3].parse().unwrap(),
        row[4].parse().unwrap(),
        row[5].parse().unwrap(),
    );
    assert_eq!(row[5], "-0.8", "{row:?}");
    assert!((after - before - change).abs() < 1e-9);
}

/// A blank mandatory answer is an error row (the form goes back); once the
/// committee rules it, the row stays on the record as a warning that says
/// so, and the vendor is no longer knocked out.
#[test]
fn a_ruled_blank_mandatory_answer_is_settled_on_the_record() {
    let w = Workdir::new();
    four_vendors(&w);
    response(
        &w,
        "E社",
        &[
            ("R-001", "", "", ""),
            ("R-002", "◎", "", ""),
            ("R-003", "◎", "", ""),
            ("R-004", "◎", "", ""),
        ],
    );
    let rows = |report: &serde_json::Value| -> Vec<(String, String)> {
        (report["validation"].as_array().unwrap().iter())
            .filter(|f| f["file"] == "E社.xlsx")
            .map(|f| {
                let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
                (s("severity"), s("message"))
            })
            .collect()
    };
    let before = w.evaluate(&["--json", "-"]).json();
    let blank = rows(&before);
    assert_eq!(blank.len(), 1, "{blank:?}");
    assert_eq!(blank[0].0, "error");
    assert!(
        blank[0].1.contains("必須要件「R-001」の回答が空欄"),
        "{blank:?}"
    );
    assert_eq!(vendor(&before, "E社")["compliant"], false);

    decisions(
        &w,
        &[[
            "E社",
            "R-001",
            "",
            "標準",
            "質疑回答No.20で標準機能と確認",
            "2025-06-20",
        ]],
    );
    let after = w
        .evaluate(&["--decisions", "裁定.xlsx", "--json", "-"])
        .json();
    let settled = rows(&after);
    assert_eq!(settled.len(), 1, "{settled:?}");
    assert_eq!(settled[0].0, "warning");
    assert_eq!(
        settled[0].1,
        "必須要件「R-001」の回答は空欄（または行なし）でしたが、選定委員会の裁定により「標準機能」と判定しました（「裁定」シート）。差し戻しは不要です。"
    );
    assert_eq!(vendor(&after, "E社")["compliant"], true);
    assert!((vendor(&after, "E社")["score"].as_f64().unwrap() - 9.0).abs() < 1e-9);
}
