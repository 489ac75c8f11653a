//! Committee scoring end to end (SPEC §13): criteria and scoresheets built
//! in code, `evaluate --criteria --scores` run on them, the JSON and the
//! Committee sheet read back; the scoresheet from `template --scoresheet`
//! filled through its unlocked cells only and read back exactly.

mod common;

use std::path::Path;

use common::package::{Filled, Value, cell_style, xf_is_unlocked};
use common::{Readback, Workdir, standard_matrix, standard_vendors};
use serde_json::{Value as Json, json};

/// Three items: 1 導入実績 (10), 2 実施体制 (20), 3 移行計画 (20); a total row.
fn criteria(w: &Workdir) {
    w.xlsx(
        "criteria.xlsx",
        &[(
            "評価基準",
            vec![
                vec!["提案評価基準（基幹系システム）"],
                vec!["評価項目番号", "区分", "評価項目", "評価の視点", "配点"],
                vec!["1", "実績", "導入実績", "同規模団体での稼働実績", "n:10"],
                vec!["2", "体制", "実施体制", "プロジェクト体制と要員", "n:20"],
                vec!["3", "移行", "移行計画", "データ移行の手順と検証", "n:20"],
                vec!["", "", "合計", "", "n:50"],
            ],
        )],
    );
}

/// One evaluator's scoresheet: rows of (item ID, item, [A社, B社, C社]).
fn scores(w: &Workdir, evaluator: &str, rows: &[(&str, &str, [&str; 3])]) {
    let mut sheet = vec![
        vec!["委員評価表", "評価委員名", evaluator],
        vec![],
        vec!["評価項目番号", "評価項目", "A社", "B社", "C社"],
    ];
    for (id, item, cells) in rows {
        let mut row = vec![*id, *item];
        row.extend(cells.iter().copied());
        sheet.push(row);
    }
    w.xlsx(&format!("scores/{evaluator}.xlsx"), &[("評価", sheet)]);
}

/// Three evaluators who agree but for one spread (委員C on 実施体制 of B社).
fn three_evaluators(w: &Workdir) {
    scores(
        w,
        "委員A_山田",
        &[
            ("1", "導入実績", ["n:8", "n:6", "n:7"]),
            ("2", "実施体制", ["n:16", "n:12", "n:14"]),
            ("3", "移行計画", ["n:15", "n:14", "n:12"]),
        ],
    );
    scores(
        w,
        "委員B_佐藤",
        &[
            ("1", "導入実績", ["n:7", "n:6", "n:7"]),
            ("2", "実施体制", ["n:15", "n:13", "n:14"]),
            ("3", "移行計画", ["n:16", "n:13", "n:12"]),
        ],
    );
    scores(
        w,
        "委員C_鈴木",
        &[
            ("1", "導入実績", ["n:9", "n:6", "n:8"]),
            ("2", "実施体制", ["n:16", "n:19", "n:13"]),
            ("3", "移行計画", ["n:14", "n:14", "n:13"]),
        ],
    );
}

fn setup() -> Workdir {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    criteria(&w);
    w
}

fn evaluate(w: &Workdir, extra: &[&str]) -> common::Run {
    let mut args = vec!["--criteria", "criteria.xlsx", "--scores", "scores"];
    args.extend_from_slice(extra);
    w.evaluate(&args)
}

fn validation(report: &Json) -> Vec<(String, String, String, String)> {
    (report["validation"].as_array().unwrap().iter())
        .map(|v| {
            let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
            (s("file"), s("cell"), s("severity"), s("message"))
        })
        .collect()
}

fn flags(report: &Json, code: &str) -> Vec<Json> {
    (report["flags"].as_array().unwrap().iter())
        .filter(|f| f["code"] == code)
        .cloned()
        .collect()
}

#[test]
fn scores_are_aggregated_ranked_and_reported_in_the_json() {
    let w = setup();
    three_evaluators(&w);
    let run = evaluate(&w, &["--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    assert!(
        run.stderr()
            .contains("委員評価（評価委員 3 人、満点 50 点）\n   1. A社  38.67"),
        "{}",
        run.stderr()
    );
    let c = &report["committee"];
    assert_eq!(c["aggregate"], "mean");
    assert_eq!(
        c["evaluators"],
        json!(["委員A_山田", "委員B_佐藤", "委員C_鈴木"])
    );
    assert_eq!(c["items"][0]["id"], "1");
    assert_eq!(c["items"][0]["item"], "導入実績");
    assert_eq!(c["items"][0]["max"], 10.0);
    assert_eq!(
        c["items"][0]["scores"]["A社"],
        json!({"委員A_山田": 8.0, "委員B_佐藤": 7.0, "委員C_鈴木": 9.0})
    );
    assert_eq!(c["items"][0]["aggregate"]["A社"], 8.0);
    // A社 8 + 47/3 + 15 = 38.67, B社 6 + 44/3 + 41/3 = 34.33, C社 22/3 + 41/3 + 37/3 = 33.33.
    let names: Vec<&str> = (c["vendors"].as_array().unwrap().iter())
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["A社", "B社", "C社"]);
    let a = &c["vendors"][0];
    assert!((a["score"].as_f64().unwrap() - (8.0 + 47.0 / 3.0 + 15.0)).abs() < 1e-9);
    assert_eq!(
        (a["max_score"].clone(), a["rank"].clone()),
        (json!(50.0), json!(1))
    );
    // Three evaluators: every (evaluator, vendor) has its bias; nobody decides alone.
    assert_eq!(c["bias"].as_array().unwrap().len(), 9);
    assert_eq!(
        c["leave_one_out"],
        json!([
            {"evaluator": "委員A_山田", "winner": "A社"},
            {"evaluator": "委員B_佐藤", "winner": "A社"},
            {"evaluator": "委員C_鈴木", "winner": "A社"}
        ])
    );
    // 実施体制 of B社: 12 to 19 of 20 points, a spread of 35 %.
    let f14 = flags(&report, "F14");
    assert_eq!(f14.len(), 1, "{f14:?}");
    assert_eq!(f14[0]["item"], "2");
    assert_eq!(f14[0]["vendors"], json!(["B社"]));
    assert_eq!(f14[0]["severity"], "medium");
    assert_eq!(f14[0]["requirement"], Json::Null);
    assert_eq!(
        f14[0]["message"],
        "評価項目 2「実施体制」の B社 の評価が、委員によって 12 点から 19 点まで分かれています（配点 20 点）。"
    );
    // The criteria and the three scoresheets are on the record.
    let roles: Vec<(&str, &str, u64)> = (report["inputs"].as_array().unwrap().iter())
        .filter(|i| i["role"] == "criteria" || i["role"] == "scores")
        .map(|i| {
            (
                i["file"].as_str().unwrap(),
                i["role"].as_str().unwrap(),
                i["rows"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("criteria.xlsx", "criteria", 3),
            ("委員A_山田.xlsx", "scores", 9),
            ("委員B_佐藤.xlsx", "scores", 9),
            ("委員C_鈴木.xlsx", "scores", 9),
        ]
    );
    // The 合計 rows are not items and raise nothing; every cell is scored.
    assert_eq!(validation(&report), []);
}

#[test]
fn the_committee_sheet_aggregate_is_redone_from_the_printed_scores() {
    let w = setup();
    three_evaluators(&w);
    let settings = w.write(
        "settings.toml",
        "[committee]\naggregate = \"median\"\n".as_bytes(),
    );
    let s = settings.to_str().unwrap();
    evaluate(&w, &["-o", "out.xlsx", "--settings", s]).expect_code(0);
    let mut rb = Readback::open(&w.path("out.xlsx"));
    assert!(rb.sheet_names().contains(&"委員評価".to_string()));
    let rows = rb.rows("委員評価");
    assert!(
        rows[1][0].contains("評価した委員の得点の中央値"),
        "{:?}",
        rows[1]
    );
    let header = rows.iter().position(|r| r[0] == "評価項目番号").unwrap();
    assert_eq!(
        rows[header][..10],
        [
            "評価項目番号",
            "評価項目",
            "配点",
            "提案者",
            "委員A_山田",
            "委員B_佐藤",
            "委員C_鈴木",
            "集計",
            "ばらつき(%)",
            "印"
        ]
    );
    let table = &rows[header + 1..header + 10];
    let mut totals = std::collections::BTreeMap::<String, f64>::new();
    for row in table {
        let mut printed: Vec<f64> = row[4..7].iter().map(|c| c.parse().unwrap()).collect();
        printed.sort_by(f64::total_cmp);
        let aggregate: f64 = row[7].parse().unwrap();
        assert_eq!(aggregate, printed[1], "median of {row:?}");
        *totals.entry(row[3].clone()).or_default() += aggregate;
    }
    let mark = table
        .iter()
        .find(|r| r[9] == "F14")
        .expect("one spread marked");
    assert_eq!((mark[0].as_str(), mark[3].as_str()), ("2", "B社"));
    // The ranking's committee scores are the sums of the printed aggregates.
    let ranking = rows.iter().position(|r| r[2] == "順位").unwrap();
    for row in &rows[ranking + 1..ranking + 4] {
        let score: f64 = row[4].parse().unwrap();
        assert!((score - totals[&row[3]]).abs() < 1e-9, "{row:?}");
        assert_eq!(row[5], "50");
    }
    assert_eq!(rows[ranking + 1][2..4], ["1", "A社"]);
    // The bias table: a row per vendor, a column per evaluator, L below.
    // The short tables come first, the scores table last: its header is
    // the one repeated on every printed page.
    let bias = (rows.iter())
        .position(|r| r[3] == "提案者" && r[4] == "委員A_山田")
        .unwrap();
    assert!(ranking < bias && bias < header);
    let vendors: Vec<&str> = rows[bias + 1..bias + 5]
        .iter()
        .map(|r| r[3].as_str())
        .collect();
    assert_eq!(vendors, ["A社", "B社", "C社", "L（全体の傾向）"]);
    // The leave-one-out table, one row per evaluator.
    let loo = rows.iter().rposition(|r| r[2] == "評価委員").unwrap();
    assert_eq!(rows[loo + 3][2..5], ["委員C_鈴木", "A社", "変わらない"]);
    assert!(bias < loo && loo < header);
    let workbook = Filled::open(&w.path("out.xlsx")).part("xl/workbook.xml");
    let sheet = rb
        .sheet_names()
        .iter()
        .position(|n| n == "委員評価")
        .unwrap();
    let titles = format!(
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{sheet}\">委員評価!${row}:${row}</definedName>",
        row = header + 1
    );
    assert!(workbook.contains(&titles), "{workbook}");
}

#[test]
fn trimmed_drops_the_extremes_with_five_evaluators_and_not_with_four() {
    let w = setup();
    // 導入実績 of A社 by five evaluators: 2, 6, 6, 7, 10 → trimmed (6 + 6 + 7) / 3.
    // 導入実績 of B社 by four (one blank): 2, 6, 7, 9 → a plain mean, 6.
    let marks = [
        ("委員1", "n:2", "n:2"),
        ("委員2", "n:6", "n:6"),
        ("委員3", "n:6", "n:7"),
        ("委員4", "n:7", "n:9"),
        ("委員5", "n:10", ""),
    ];
    for (who, a, b) in marks {
        scores(
            &w,
            who,
            &[
                ("1", "導入実績", [a, b, "n:5"]),
                ("2", "実施体制", ["n:10", "n:10", "n:10"]),
                ("3", "移行計画", ["n:10", "n:10", "n:10"]),
            ],
        );
    }
    let settings = w.write("settings.toml", b"[committee]\naggregate = \"trimmed\"\n");
    let run = evaluate(
        &w,
        &["--json", "-", "--settings", settings.to_str().unwrap()],
    );
    run.expect_code(0);
    let report = run.json();
    let item = &report["committee"]["items"][0];
    assert!((item["aggregate"]["A社"].as_f64().unwrap() - 19.0 / 3.0).abs() < 1e-12);
    assert_eq!(item["aggregate"]["B社"], 6.0);
    assert_eq!(item["scores"]["B社"]["委員5"], Json::Null);
    // The blank is a warning naming the cell, and no zero entered B社's figure.
    let blank: Vec<_> = validation(&report)
        .into_iter()
        .filter(|(file, ..)| file == "委員5.xlsx")
        .collect();
    assert_eq!(blank.len(), 1);
    assert_eq!(blank[0].1, "D4");
    assert_eq!(blank[0].2, "warning");
    assert!(blank[0].3.contains("0点とはしません"), "{}", blank[0].3);
}

#[test]
fn grades_are_shares_of_the_item_points() {
    let w = setup();
    for who in ["委員A", "委員B"] {
        scores(
            &w,
            who,
            &[
                ("1", "導入実績", ["A", "ｂ", "C"]),
                ("2", "実施体制", ["A", "B", "n:5"]),
                ("3", "移行計画", ["E", "D", "C"]),
            ],
        );
    }
    let settings = w.write(
        "settings.toml",
        "[committee]\ngrades = { A = 1.0, B = 0.75, C = 0.5, D = 0.25, E = 0.0 }\n".as_bytes(),
    );
    let run = evaluate(
        &w,
        &["--json", "-", "--settings", settings.to_str().unwrap()],
    );
    run.expect_code(0);
    let report = run.json();
    let items = &report["committee"]["items"];
    assert_eq!(
        items[0]["aggregate"],
        json!({"A社": 10.0, "B社": 7.5, "C社": 5.0})
    );
    assert_eq!(
        items[1]["aggregate"],
        json!({"A社": 20.0, "B社": 15.0, "C社": 5.0})
    );
    assert_eq!(
        items[2]["aggregate"],
        json!({"A社": 0.0, "B社": 5.0, "C社": 10.0})
    );
    assert_eq!(validation(&report), []);
}

#[test]
fn bad_cells_are_error_rows_and_the_other_scores_still_count() {
    let w = setup();
    three_evaluators(&w);
    // 委員D: a score above the item's points, a word, a total row, a
    // column for a vendor not in the evaluation; 移行計画 missing.
    w.xlsx(
        "scores/委員D_田中.xlsx",
        &[(
            "評価",
            vec![
                vec![
                    "評価項目番号",
                    "評価項目",
                    "A社",
                    "B社",
                    "C社",
                    "東和システム",
                ],
                vec!["1", "導入実績", "n:12", "良い", "n:7", "n:5"],
                vec!["2", "実施体制", "n:15", "n:14", "n:14", ""],
                vec!["", "合計", "n:27", "n:14", "n:21", ""],
            ],
        )],
    );
    let run = evaluate(&w, &["--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    let rows: Vec<_> = validation(&report)
        .into_iter()
        .filter(|(file, ..)| file == "委員D_田中.xlsx")
        .collect();
    let got: Vec<(&str, &str)> = rows
        .iter()
        .map(|(_, c, s, _)| (c.as_str(), s.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("", "warning"),
            ("F1", "warning"),
            ("C2", "error"),
            ("D2", "error"),
            ("B4", "warning"),
        ],
        "{rows:#?}"
    );
    assert!(
        rows[0].3.contains("評価項目 3 の行がありません"),
        "{}",
        rows[0].3
    );
    assert!(rows[1].3.contains("東和システム"));
    assert!(rows[2].3.contains("0〜10点の範囲外"), "{}", rows[2].3);
    assert!(rows[3].3.contains("0から10までの数値"), "{}", rows[3].3);
    assert!(rows[4].3.contains("合計"), "{}", rows[4].3);
    let sheet: Vec<&str> = (report["validation"].as_array().unwrap().iter())
        .filter(|v| v["file"] == "委員D_田中.xlsx" && v["cell"] == "C2")
        .map(|v| v["sheet"].as_str().unwrap())
        .collect();
    assert_eq!(sheet, ["評価"]);
    // A社's 導入実績 is the mean of the three valid scores; C社's takes 委員D's 7.
    let item = &report["committee"]["items"][0];
    assert_eq!(item["aggregate"]["A社"], 8.0);
    assert_eq!(item["aggregate"]["C社"], 7.25);
}

#[test]
fn an_item_nobody_scored_is_an_error_on_the_criteria() {
    let w = setup();
    scores(
        &w,
        "委員A",
        &[
            ("1", "導入実績", ["n:8", "n:6", ""]),
            ("2", "実施体制", ["n:16", "n:12", "n:14"]),
            ("3", "移行計画", ["n:15", "n:14", "n:12"]),
        ],
    );
    let run = evaluate(&w, &["--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    let errors: Vec<_> = validation(&report)
        .into_iter()
        .filter(|(_, _, s, _)| s == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "criteria.xlsx");
    assert!(
        errors[0]
            .3
            .contains("評価項目 1 の C社 をどの委員も評価していません")
    );
    assert_eq!(
        report["committee"]["items"][0]["aggregate"]["C社"],
        Json::Null
    );
}

#[test]
fn a_decisive_and_a_biased_evaluator_are_flagged() {
    let w = setup();
    // 委員A favours B社 on every item; without 委員A, A社 would be first.
    let rows = |a: [&'static str; 3], b: [&'static str; 3], c: [&'static str; 3]| {
        vec![
            ("1", "導入実績", a),
            ("2", "実施体制", b),
            ("3", "移行計画", c),
        ]
    };
    scores(
        &w,
        "委員A",
        &rows(
            ["n:5", "n:10", "n:5"],
            ["n:10", "n:20", "n:10"],
            ["n:10", "n:20", "n:10"],
        ),
    );
    scores(
        &w,
        "委員B",
        &rows(
            ["n:8", "n:7", "n:5"],
            ["n:16", "n:14", "n:10"],
            ["n:16", "n:14", "n:10"],
        ),
    );
    scores(
        &w,
        "委員C",
        &rows(
            ["n:8", "n:7", "n:5"],
            ["n:16", "n:14", "n:10"],
            ["n:16", "n:14", "n:10"],
        ),
    );
    let run = evaluate(&w, &["--json", "-", "-o", "out.xlsx"]);
    run.expect_code(0);
    let report = run.json();
    assert_eq!(report["committee"]["vendors"][0]["name"], "B社");
    let f16 = flags(&report, "F16");
    assert_eq!(f16.len(), 1);
    assert_eq!(f16[0]["evaluator"], "委員A");
    assert_eq!(f16[0]["vendors"], json!(["B社", "A社"]));
    assert_eq!(
        f16[0]["message"],
        "委員A の評価を除くと、1位が B社 から A社 に替わります。"
    );
    let f15 = flags(&report, "F15");
    let who: Vec<(&str, &str)> = f15
        .iter()
        .map(|f| {
            (
                f["evaluator"].as_str().unwrap(),
                f["vendors"][0].as_str().unwrap(),
            )
        })
        .collect();
    assert!(who.contains(&("委員A", "B社")), "{who:?}");
    let b = f15
        .iter()
        .find(|f| f["evaluator"] == "委員A" && f["vendors"][0] == "B社")
        .unwrap();
    assert!(b["bias"].as_f64().unwrap() >= 0.15);
    assert_eq!(b["severity"], "high");
    // Committee flags come last, by code.
    let codes: Vec<&str> = (report["flags"].as_array().unwrap().iter())
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    let first_committee = codes
        .iter()
        .position(|c| ["F14", "F15", "F16"].contains(c))
        .unwrap();
    assert!(
        codes[first_committee..].windows(2).all(|p| p[0] <= p[1]),
        "{codes:?}"
    );
    assert!(
        codes[first_committee..]
            .iter()
            .all(|c| c.starts_with("F1") && c.len() == 3 && c >= &"F14")
    );
    // The Fairness sheet lists them and the Committee sheet marks the change.
    let mut rb = Readback::open(&w.path("out.xlsx"));
    let fairness = rb.sheet_names()[2].clone();
    assert_eq!(rb.row_with(&fairness, "F16")[1], "1人の委員が結果を左右");
    let row = rb.row_with("委員評価", "変わる（F16）");
    assert_eq!(row[2..4], ["委員A", "A社"], "{row:?}");
}

/// The scoresheet's header row and the 0-based row of each item ID.
fn layout(path: &Path) -> (Vec<String>, Vec<(String, u32)>) {
    layout_in(path, ["表紙", "評価"], "評価項目番号")
}

fn layout_in(path: &Path, sheets: [&str; 2], id: &str) -> (Vec<String>, Vec<(String, u32)>) {
    let mut rb = Readback::open(path);
    assert_eq!(rb.sheet_names(), sheets);
    let rows = rb.rows(sheets[1]);
    let h = rows.iter().position(|r| r[0] == id).unwrap();
    let items = (rows[h + 1..].iter().enumerate())
        .map(|(k, r)| (r[0].clone(), (h + 1 + k) as u32))
        .collect();
    (rows[h].clone(), items)
}

fn a1(col: usize, row: u32) -> String {
    format!("{}{}", (b'A' + col as u8) as char, row + 1)
}

#[test]
fn a_scoresheet_filled_through_its_unlocked_cells_reads_back_exactly() {
    let w = setup();
    w.run(&[
        "template",
        "--scoresheet",
        "--criteria",
        "criteria.xlsx",
        "--responses",
        "responses",
        "-o",
        "委員評価表.xlsx",
    ])
    .expect_code(0);
    let form = w.path("委員評価表.xlsx");
    let (header, items) = layout(&form);
    assert_eq!(
        header,
        [
            "評価項目番号",
            "区分",
            "評価項目",
            "評価の視点",
            "配点",
            "A社",
            "B社",
            "C社",
            "A社コメント",
            "B社コメント",
            "C社コメント"
        ]
    );
    assert_eq!(
        items.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
    let mut rb = Readback::open(&form);
    assert_eq!(
        rb.row_with("評価", "導入実績")[..5],
        ["1", "実績", "導入実績", "同規模団体での稼働実績", "10"]
    );
    let cover = rb.rows("表紙");
    let name_row = cover.iter().position(|r| r[0] == "評価委員名").unwrap();

    let mut filled = Filled::open(&form);
    let sheet = filled.part("xl/worksheets/sheet2.xml");
    let styles = filled.part("xl/styles.xml");
    // The item cells are locked, and the sheet is protected.
    for col in 0..5 {
        assert!(!xf_is_unlocked(
            &styles,
            cell_style(&sheet, &a1(col, items[0].1))
        ));
    }
    assert!(sheet.contains("<sheetProtection"));
    // Each score cell takes 0 … the item's points.
    assert!(
        sheet.contains("<formula1>0</formula1><formula2>20</formula2>"),
        "{sheet}"
    );
    assert!(sheet.contains(&format!("sqref=\"F{0}:H{0}\"", items[0].1 + 1)));
    filled.fill(1, &format!("B{}", name_row + 1), Value::Text("山田 太郎"));
    let given = [[8.0, 6.0, 7.5], [16.0, 12.0, 0.0], [20.0, 14.0, 12.0]];
    for ((_, row), points) in items.iter().zip(given) {
        for (v, p) in points.iter().enumerate() {
            filled.fill(2, &a1(5 + v, *row), Value::Number(*p));
        }
    }
    filled.fill(
        2,
        &a1(8, items[0].1),
        Value::Text("同規模の稼働実績が3団体"),
    );
    filled.save(&w.path("scores/委員A_山田.xlsx"));

    let run = evaluate(&w, &["--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    assert_eq!(report["validation"], json!([]));
    let c = &report["committee"];
    assert_eq!(c["evaluators"], json!(["委員A_山田"]));
    for (i, points) in given.iter().enumerate() {
        for (v, name) in ["A社", "B社", "C社"].iter().enumerate() {
            assert_eq!(c["items"][i]["scores"][name]["委員A_山田"], points[v]);
        }
    }
    // A comment reaches the Committee sheet.
    evaluate(&w, &["-o", "out.xlsx"]).expect_code(0);
    let mut out = Readback::open(&w.path("out.xlsx"));
    let rows = out.rows("委員評価");
    let row = (rows.iter())
        .find(|r| {
            r.last()
                .is_some_and(|c| c.contains("同規模の稼働実績が3団体"))
        })
        .expect("the comment on its item × vendor row");
    assert_eq!(row[..4], ["1", "導入実績", "10", "A社"]);
    assert!(row.last().unwrap().starts_with("委員A_山田："), "{row:?}");
}

#[test]
fn a_scoresheet_with_grades_drops_down_the_grades() {
    let w = setup();
    let settings = w.write(
        "settings.toml",
        "[committee]\ngrades = { A = 1.0, B = 0.5, C = 0.0 }\n".as_bytes(),
    );
    w.run(&[
        "template",
        "--scoresheet",
        "--criteria",
        "criteria.xlsx",
        "--responses",
        "responses",
        "--settings",
        settings.to_str().unwrap(),
        "-o",
        "sheet.xlsx",
    ])
    .expect_code(0);
    let filled = Filled::open(&w.path("sheet.xlsx"));
    let sheet = filled.part("xl/worksheets/sheet2.xml");
    assert!(sheet.contains("<formula1>\"A,B,C\"</formula1>"), "{sheet}");
    let mut rb = Readback::open(&w.path("sheet.xlsx"));
    let cover = rb.rows("表紙");
    assert!(
        cover
            .iter()
            .any(|r| r[1].contains("A = 100%、B = 50%、C = 0%")),
        "{cover:?}"
    );
}

#[test]
fn unreadable_criteria_stop_the_run_and_a_scoresheet_needs_criteria() {
    let w = setup();
    three_evaluators(&w);
    w.write("bad.xlsx", b"not a workbook");
    let run = w.evaluate(&[
        "--criteria",
        "bad.xlsx",
        "--scores",
        "scores",
        "--json",
        "-",
    ]);
    run.expect_code(2);
    assert!(run.stderr().contains("bad.xlsx"), "{}", run.stderr());
    let run = w.evaluate(&["--scores", "scores", "--json", "-"]);
    run.expect_code(2);
}

#[test]
fn init_writes_criteria_a_scoresheet_is_made_from_and_the_committee_settings() {
    let w = Workdir::new();
    standard_vendors(&w);
    w.run(&["init", "start"]).expect_code(0);
    let settings = std::fs::read_to_string(w.path("start/settings.toml")).unwrap();
    assert!(
        settings.contains("[committee]\naggregate = \"mean\""),
        "{settings}"
    );
    assert!(settings.contains("trim_min = 5"));
    let run = w.run(&[
        "template",
        "--scoresheet",
        "--criteria",
        "start/criteria.xlsx",
        "--responses",
        "responses",
        "--settings",
        "start/settings.toml",
        "-o",
        "sheet.xlsx",
    ]);
    run.expect_code(0);
    assert!(
        run.stderr().contains("評価項目 7 件、提案者 3 社"),
        "{}",
        run.stderr()
    );
    let (_, items) = layout(&w.path("sheet.xlsx"));
    assert_eq!(items.len(), 7);
    let mut rb = Readback::open(&w.path("sheet.xlsx"));
    assert_eq!(rb.row_with("評価", "移行計画")[4], "20");
}

#[test]
fn an_english_scoresheet_reads_back_as_written() {
    let w = setup();
    w.run(&[
        "template",
        "--scoresheet",
        "--criteria",
        "criteria.xlsx",
        "--responses",
        "responses",
        "--lang",
        "en",
        "-o",
        "sheet.xlsx",
    ])
    .expect_code(0);
    let form = w.path("sheet.xlsx");
    let (header, items) = layout_in(&form, ["Cover", "Scores"], "Item ID");
    assert_eq!(
        header[..9],
        [
            "Item ID",
            "Group",
            "Item",
            "Viewpoint",
            "Max",
            "A社",
            "B社",
            "C社",
            "A社 Comment"
        ]
    );
    let mut filled = Filled::open(&form);
    for (k, (_, row)) in items.iter().enumerate() {
        for v in 0..3 {
            filled.fill(2, &a1(5 + v, *row), Value::Number((k + v) as f64));
        }
    }
    filled.fill(2, &a1(10, items[1].1), Value::Text("Clear plan"));
    filled.save(&w.path("scores/Evaluator_A.xlsx"));
    let run = evaluate(&w, &["--json", "-", "--lang", "en"]);
    run.expect_code(0);
    let report = run.json();
    assert_eq!(report["validation"], json!([]));
    let items = &report["committee"]["items"];
    assert_eq!(items[2]["scores"]["C社"]["Evaluator_A"], 4.0);
    assert_eq!(items[0]["aggregate"]["A社"], 0.0);
    assert!(
        run.stderr()
            .contains("Committee scores (1 evaluator, out of 50)")
    );
    evaluate(&w, &["-o", "out.xlsx", "--lang", "en"]).expect_code(0);
    let mut rb = Readback::open(&w.path("out.xlsx"));
    let rows = rb.rows("Committee");
    assert!(rows[1][0].starts_with("Item aggregate = the mean of the evaluators who scored it"));
    let header = rows.iter().position(|r| r[0] == "Item ID").unwrap();
    assert_eq!(rows[header][3..5], ["Vendor", "Evaluator_A"]);
    let too_few =
        "Fewer than three evaluators: bias (F15) and leave-one-out (F16) are not checked.";
    assert!(rows.iter().any(|r| r[0] == too_few));
    // The comment beside its score, after the evaluator's name.
    let commented = (rows[header + 1..].iter())
        .filter(|r| r.last().is_some_and(|c| !c.is_empty()))
        .map(|r| (r[0].as_str(), r[3].as_str(), r.last().unwrap().as_str()))
        .collect::<Vec<_>>();
    assert_eq!(commented, [("2", "C社", "Evaluator_A: Clear plan")]);
}

#[test]
fn scoresheets_are_discovered_and_checked_like_responses() {
    let w = setup();
    three_evaluators(&w);
    // Excel's lock file of an open scoresheet, a CSV export, and a
    // scoresheet whose scores stand on a hidden sheet beside a visible one.
    w.write("scores/~$委員A_山田.xlsx", b"lock");
    w.write("scores/委員E.csv", "評価項目番号,A社\n1,8\n".as_bytes());
    let mut wb = rust_xlsxwriter::Workbook::new();
    let visible = wb.add_worksheet().set_name("評価").unwrap();
    for (c, h) in ["評価項目番号", "評価項目", "A社", "B社", "C社"]
        .iter()
        .enumerate()
    {
        visible.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (id, item)) in [("1", "導入実績"), ("2", "実施体制"), ("3", "移行計画")]
        .iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        visible.write_string(r, 0, *id).unwrap();
        visible.write_string(r, 1, *item).unwrap();
        for c in 2..5 {
            visible.write_number(r, c, 5.0).unwrap();
        }
    }
    let hidden = wb.add_worksheet().set_name("下書き").unwrap();
    hidden.write_string(0, 0, "評価項目").unwrap();
    hidden.set_hidden(true);
    wb.save(w.path("scores/委員D_田中.xlsx")).unwrap();

    let run = evaluate(&w, &["--json", "-"]);
    run.expect_code(0);
    assert!(
        run.stderr().contains("~$委員A_山田.xlsx"),
        "{}",
        run.stderr()
    );
    let report = run.json();
    let rows = validation(&report);
    let csv = rows
        .iter()
        .find(|r| r.0 == "委員E.csv")
        .expect("the CSV is on the record");
    assert_eq!(csv.2, "error");
    let hidden = rows
        .iter()
        .find(|r| r.0 == "委員D_田中.xlsx")
        .expect("the hidden sheet is on the record");
    assert_eq!(hidden.2, "warning");
    assert!(hidden.3.contains("下書き"), "{}", hidden.3);
    assert_eq!(
        report["committee"]["evaluators"],
        json!(["委員A_山田", "委員B_佐藤", "委員C_鈴木", "委員D_田中"])
    );
    assert_eq!(
        report["committee"]["items"][0]["scores"]["A社"]["委員D_田中"],
        5.0
    );
    // The Provenance sheet names each scoresheet and the criteria by role.
    evaluate(&w, &["-o", "out.xlsx"]).expect_code(0);
    let mut rb = Readback::open(&w.path("out.xlsx"));
    let provenance = rb.sheet_names().last().unwrap().clone();
    assert_eq!(rb.row_with(&provenance, "criteria.xlsx")[1], "評価基準");
    assert_eq!(rb.row_with(&provenance, "委員D_田中.xlsx")[1], "委員評価表");
}

#[test]
fn a_scoresheet_returned_twice_is_counted_once() {
    let w = setup();
    three_evaluators(&w);
    // 委員D returned 委員A's file under their own name.
    std::fs::copy(
        w.path("scores/委員A_山田.xlsx"),
        w.path("scores/委員D_田中.xlsx"),
    )
    .unwrap();
    let run = evaluate(&w, &["--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    let rows: Vec<_> = validation(&report)
        .into_iter()
        .filter(|r| r.0 == "委員D_田中.xlsx")
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].2, "error");
    assert!(
        rows[0]
            .3
            .contains("委員A_山田.xlsx と内容がまったく同じ評価表"),
        "{}",
        rows[0].3
    );
    assert_eq!(
        report["committee"]["evaluators"],
        json!(["委員A_山田", "委員B_佐藤", "委員C_鈴木"])
    );
}

/// Prices for the three standard vendors, in yen.
fn prices(w: &Workdir) {
    w.xlsx(
        "価格.xlsx",
        &[(
            "価格",
            vec![
                vec!["事業者名", "提案価格（円・税抜）"],
                vec!["A社", "n:60000000"],
                vec!["B社", "n:52000000"],
                vec!["C社", "n:45000000"],
            ],
        )],
    );
}

#[test]
fn the_committee_score_feeds_the_award_as_its_share_of_the_committee_points() {
    let w = setup();
    three_evaluators(&w);
    prices(&w);
    w.write(
        "settings.toml",
        "[award]\ncommittee_points = 30\n".as_bytes(),
    );
    let run = evaluate(
        &w,
        &[
            "--prices",
            "価格.xlsx",
            "--settings",
            "settings.toml",
            "--json",
            "-",
        ],
    );
    run.expect_code(0);
    let report = run.json();
    let committee = |name: &str| {
        (report["committee"]["vendors"].as_array().unwrap().iter())
            .find(|v| v["name"] == name)
            .unwrap()["score"]
            .as_f64()
            .unwrap()
    };
    let award = |name: &str| {
        (report["award"]["vendors"].as_array().unwrap().iter())
            .find(|v| v["name"] == name)
            .unwrap()
            .clone()
    };
    // 委員評価点 = 30 × committee score ÷ 50, rounded to 2 places: A社 23.2.
    for name in ["A社", "B社"] {
        let points = award(name)["committee_points"].as_f64().unwrap();
        let expected = (30.0 * committee(name) / 50.0 * 100.0).round() / 100.0;
        assert!(
            (points - expected).abs() < 1e-9,
            "{name}: {points} vs {expected}"
        );
        let technical = award(name)["technical_points"].as_f64().unwrap();
        let fit = award(name)["fit_points"].as_f64().unwrap();
        assert!((technical - (fit + points)).abs() < 1e-9, "{name}");
    }
    assert!((award("A社")["committee_points"].as_f64().unwrap() - 23.2).abs() < 1e-9);
}

#[test]
fn scores_and_prices_without_committee_points_are_refused() {
    let w = setup();
    three_evaluators(&w);
    prices(&w);
    let run = evaluate(&w, &["--prices", "価格.xlsx", "--json", "-"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("committee_points") && run.stderr().contains("--criteria"),
        "{}",
        run.stderr()
    );
    // Without --prices the committee is shown on its own, and nothing is refused.
    evaluate(&w, &["--json", "-"]).expect_code(0);
}
