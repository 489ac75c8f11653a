//! The reading rules of SPEC §3.1–§3.3, §5.1 and §7, through real files and
//! the real binary: mandatory answers, responses received twice, costs as
//! vendors write them, filled-down categories, groups within areas, and
//! settings refused in the run's language.

mod common;

use common::{Workdir, response, standard_matrix, vendor_names};
use serde_json::{Value, json};

/// The validation rows of a JSON report whose message contains `needle`,
/// as (file, cell, severity).
fn rows_saying(report: &Value, needle: &str) -> Vec<(String, Value, String)> {
    report["validation"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["message"].as_str().unwrap().contains(needle))
        .map(|row| {
            (
                row["file"].as_str().unwrap().to_string(),
                row["cell"].clone(),
                row["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The codes of the flags of a JSON report, with their requirement.
fn flags(report: &Value) -> Vec<(String, Value)> {
    report["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["requirement"].clone(),
            )
        })
        .collect()
}

fn check(w: &Workdir, response: &str) -> common::Run {
    w.run(&[
        "check",
        "--requirements",
        "requirements.xlsx",
        "--responses",
        response,
    ])
}

#[test]
fn a_blank_mandatory_answer_fails_check_and_a_blank_optional_one_does_not() {
    let w = Workdir::new();
    standard_matrix(&w);
    // R-004 is optional: blank is a warning, the form is fine.
    response(
        &w,
        "A社",
        &[
            ("R-001", "◎", "", ""),
            ("R-002", "◎", "", ""),
            ("R-003", "◎", "", ""),
            ("R-004", "", "", ""),
        ],
    );
    check(&w, "responses/A社.xlsx").expect_code(0);
    // R-001 is mandatory: blank is an error at its cell; R-002, mandatory,
    // has no row at all: an error too.
    response(
        &w,
        "B社",
        &[
            ("R-001", "", "", ""),
            ("R-003", "◎", "", ""),
            ("R-004", "◎", "", ""),
        ],
    );
    let run = check(&w, "responses/B社.xlsx");
    run.expect_code(1);
    let out = run.stdout();
    let line = out
        .lines()
        .find(|l| l.contains("B2"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("エラー") && line.contains("差し戻し"),
        "{line}"
    );
    let line = out
        .lines()
        .find(|l| l.contains("R-002"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("エラー") && line.contains("必須要件"),
        "{line}"
    );

    // evaluate shows both as error rows, and knocks B社 out.
    std::fs::remove_file(w.path("responses/A社.xlsx")).unwrap();
    let run = w.evaluate(&["--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    assert_eq!(
        rows_saying(&report, "必須要件"),
        [
            ("B社.xlsx".to_string(), json!("B2"), "error".to_string()),
            ("B社.xlsx".to_string(), Value::Null, "error".to_string()),
        ]
    );
    assert_eq!(common::vendor(&report, "B社")["compliant"], false);
}

#[test]
fn byte_identical_responses_count_once() {
    let w = Workdir::new();
    standard_matrix(&w);
    let a = response(
        &w,
        "A社",
        &[
            ("R-001", "◎", "", ""),
            ("R-002", "◎", "", ""),
            ("R-003", "◎", "", ""),
            ("R-004", "◎", "", ""),
        ],
    );
    let bytes = std::fs::read(&a).unwrap();
    w.write("responses/A社_再送.xlsx", &bytes);
    w.write("responses/A社_控え.xlsx", &bytes);
    response(
        &w,
        "C社",
        &[
            ("R-001", "×", "", ""),
            ("R-002", "◎", "", ""),
            ("R-003", "◎", "", ""),
            ("R-004", "◎", "", ""),
        ],
    );
    let run = w.evaluate(&["--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    // Not three vendors tied first: one A社, and C社 knocked out.
    assert_eq!(vendor_names(&report), ["A社", "C社"]);
    assert_eq!(report["competition"]["compliant_vendors"], 1);
    let flags = flags(&report);
    // A社 alone meets R-001, and one compliant vendor is too few.
    assert!(flags.contains(&("F01".into(), json!("R-001"))), "{flags:?}");
    assert!(flags.contains(&("F06".into(), Value::Null)), "{flags:?}");
    let copies = rows_saying(&report, "A社.xlsx と内容がまったく同じ");
    assert_eq!(
        copies,
        [
            (
                "A社_再送.xlsx".to_string(),
                Value::Null,
                "error".to_string()
            ),
            (
                "A社_控え.xlsx".to_string(),
                Value::Null,
                "error".to_string()
            ),
        ]
    );
    // Every file received stays on the record with its hash.
    let inputs = report["inputs"].as_array().unwrap();
    assert_eq!(inputs.iter().filter(|i| i["role"] == "response").count(), 4);
}

#[test]
fn two_covers_naming_one_company_are_a_warning_naming_both() {
    let w = Workdir::new();
    standard_matrix(&w);
    let answers = |answer: &'static str| {
        let mut rows = vec![vec!["要件ID", "回答"]];
        for id in ["R-001", "R-002", "R-003", "R-004"] {
            rows.push(vec![id, answer]);
        }
        rows
    };
    w.xlsx(
        "responses/さくら電算.xlsx",
        &[
            ("表紙", vec![vec!["会社名", "株式会社さくら電算"]]),
            ("回答", answers("◎")),
        ],
    );
    w.xlsx(
        "responses/さくら電算_改訂.xlsx",
        &[
            ("表紙", vec![vec!["会社名", "さくら電算（株）"]]),
            ("回答", answers("○")),
        ],
    );
    let report = w.evaluate_json("requirements.xlsx");
    // Both are evaluated: which one counts is the committee's call.
    assert_eq!(vendor_names(&report).len(), 2);
    let rows = rows_saying(&report, "さくら電算.xlsx と同じ");
    assert_eq!(
        rows,
        [(
            "さくら電算_改訂.xlsx".to_string(),
            Value::Null,
            "warning".to_string()
        )]
    );
}

#[test]
fn costs_as_vendors_write_them() {
    let w = Workdir::new();
    standard_matrix(&w);
    w.xlsx(
        "responses/A社.xlsx",
        &[(
            "回答",
            vec![
                vec!["要件ID", "回答", "カスタマイズ費用"],
                vec!["R-001", "△", "¥500,000-"],
                vec!["R-002", "△", "50万円（税込）"],
                vec!["R-003", "△", "約30万円"],
                vec!["R-004", "△", "50万～100万円"],
            ],
        )],
    );
    w.xlsx(
        "responses/B社.xlsx",
        &[(
            "回答",
            vec![
                vec!["要件ID", "回答", "カスタマイズ費用（千円・税込）"],
                vec!["R-001", "△", "n:300"],
                vec!["R-002", "◎", ""],
                vec!["R-003", "◎", ""],
                vec!["R-004", "◎", ""],
            ],
        )],
    );
    let report = w.evaluate_json("requirements.xlsx");
    // (min, max) of the known costs of each requirement.
    let costs = |req: &str| {
        let items = report["customization"].as_array().unwrap();
        let item = items.iter().find(|i| i["requirement"] == req).unwrap();
        (
            item["cost_min"].as_f64().unwrap(),
            item["cost_max"].as_f64().unwrap(),
        )
    };
    // B社 300 (千円) and A社 ¥500,000-.
    assert_eq!(costs("R-001"), (300_000.0, 500_000.0));
    assert_eq!(costs("R-002"), (500_000.0, 500_000.0));
    assert_eq!(costs("R-003"), (300_000.0, 300_000.0));
    // The range's upper end.
    assert_eq!(costs("R-004"), (1_000_000.0, 1_000_000.0));
    let at = |needle: &str| -> Vec<(String, Value)> {
        rows_saying(&report, needle)
            .into_iter()
            .map(|(file, cell, severity)| {
                assert_eq!(severity, "warning");
                (file, cell)
            })
            .collect()
    };
    // The closing dash is silent; the rest are told at their cells.
    assert_eq!(at("費用が税込で記入"), [("A社.xlsx".into(), json!("C3"))]);
    assert_eq!(at("概算"), [("A社.xlsx".into(), json!("C4"))]);
    assert_eq!(
        at("上限の ¥1,000,000 で読み込みました"),
        [("A社.xlsx".into(), json!("C5"))]
    );
    assert_eq!(at("費用の列が税込"), [("B社.xlsx".into(), json!("C1"))]);
    assert!(
        rows_saying(&report, "")
            .iter()
            .all(|(_, cell, _)| cell != "C2")
    );

    // In a 税込 run (the settings reach every reader process) neither is told.
    w.write("settings.toml", "tax_basis = \"税込\"\n".as_bytes());
    let run = w.evaluate(&["--settings", "settings.toml", "--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    assert_eq!(rows_saying(&report, "税込で記入"), []);
    assert_eq!(rows_saying(&report, "費用の列が"), []);
    assert_eq!(rows_saying(&report, "概算").len(), 1);
}

/// A matrix as a secretariat writes it, a real xlsx: one sheet, 業務 and
/// 大分類 merged over their blocks, 中分類 written once per block; both
/// areas have a 外部連携 category.
///
/// ```text
///   要件ID | 業務(merged) | 大分類(merged) | 中分類   | 要件     | 必須区分
///   JR-001 | 住民記録     | 外部連携       | 連携     | …        | 推奨
///   JR-002 |              |                |          | …        | 推奨
///   JR-003 |              | 窓口業務       |          | …        | 推奨
///   ZE-001 | 個人住民税   | 外部連携       |          | …        | 推奨
///   ZE-002 |              | 賦課           | 特別徴収 | …        | 推奨
/// ```
fn merged_matrix(w: &Workdir) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("機能要件").unwrap();
    let rows: [[&str; 6]; 6] = [
        ["要件ID", "業務", "大分類", "中分類", "要件", "必須区分"],
        [
            "JR-001",
            "",
            "",
            "連携",
            "住基ネットと連携できること",
            "推奨",
        ],
        ["JR-002", "", "", "", "コンビニ交付と連携できること", "推奨"],
        [
            "JR-003",
            "",
            "窓口業務",
            "",
            "窓口で証明書を発行できること",
            "推奨",
        ],
        [
            "ZE-001",
            "個人住民税",
            "外部連携",
            "",
            "eLTAXと連携できること",
            "推奨",
        ],
        [
            "ZE-002",
            "",
            "賦課",
            "特別徴収",
            "特別徴収税額を計算できること",
            "推奨",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            ws.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    let plain = Format::new();
    ws.merge_range(1, 1, 3, 1, "住民記録", &plain).unwrap();
    ws.merge_range(1, 2, 2, 2, "外部連携", &plain).unwrap();
    book.save(w.path("requirements.xlsx")).unwrap();
}

#[test]
fn merged_categories_fill_down_into_groups_within_their_area() {
    let w = Workdir::new();
    merged_matrix(&w);
    let rows = |answers: [&'static str; 5]| {
        let ids = ["JR-001", "JR-002", "JR-003", "ZE-001", "ZE-002"];
        let mut rows = vec![vec!["要件ID", "回答"]];
        rows.extend(ids.iter().zip(answers).map(|(id, a)| vec![*id, a]));
        rows
    };
    // All weights 2. A社 8 points, B社 6.
    w.xlsx(
        "responses/A社.xlsx",
        &[("回答", rows(["◎", "◎", "◎", "×", "◎"]))],
    );
    w.xlsx(
        "responses/B社.xlsx",
        &[("回答", rows(["×", "◎", "×", "◎", "◎"]))],
    );
    let run = w.evaluate(&["--json", "-", "-o", "out.xlsx"]);
    run.expect_code(0);
    let report = run.json();
    let sens = &report["sensitivity"];
    assert_eq!(
        (sens["first"].as_str(), sens["margin"].as_f64()),
        (Some("A社"), Some(2.0))
    );
    let groups: Vec<(String, String, String, Value)> = sens["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["kind"].as_str().unwrap().to_string(),
                g["name"].as_str().unwrap().to_string(),
                g["area"].as_str().unwrap().to_string(),
                g.get("category").cloned().unwrap_or(Value::Null),
            )
        })
        .collect();
    let group = |kind: &str, name: &str, area: &str, category: Value| {
        (
            kind.to_string(),
            name.to_string(),
            area.to_string(),
            category,
        )
    };
    assert_eq!(
        groups,
        [
            // The merged 業務 belongs to JR-002 and JR-003 too.
            group("area", "住民記録", "住民記録", Value::Null),
            group("area", "個人住民税", "個人住民税", Value::Null),
            // JR-002 takes 外部連携 from the merge and 連携 from the row above.
            group(
                "category",
                "住民記録 / 外部連携 / 連携",
                "住民記録",
                json!("外部連携 / 連携")
            ),
            // A new 大分類 starts its 中分類 afresh.
            group(
                "category",
                "住民記録 / 窓口業務",
                "住民記録",
                json!("窓口業務")
            ),
            // 外部連携 of the other area is a group of its own.
            group(
                "category",
                "個人住民税 / 外部連携",
                "個人住民税",
                json!("外部連携")
            ),
            group(
                "category",
                "個人住民税 / 賦課 / 特別徴収",
                "個人住民税",
                json!("賦課 / 特別徴収")
            ),
        ]
    );
    // 住民記録 / 外部連携 / 連携: A社 4, B社 2 inside; outside A社 4, B社 4:
    // they tie at f = (4 − 4) / (2 − 4) = 0.
    assert_eq!(sens["groups"][2]["swap_factor"], json!(0.0));
    // 個人住民税 / 外部連携: A社 0, B社 2 inside; outside 8 and 4: f = 4 / 2.
    assert_eq!(sens["groups"][4]["swap_factor"], json!(2.0));

    // The Sensitivity sheet names the groups so, with the points inside each
    // (the rows of its group table: kind, group, first's, second's points).
    let mut book = common::Readback::open(&w.path("out.xlsx"));
    let table: Vec<Vec<String>> = book
        .rows("感度分析")
        .into_iter()
        .map(|r| r.into_iter().filter(|c| !c.is_empty()).collect::<Vec<_>>())
        .filter(|r| {
            r.len() >= 4
                && r[0] == "分類"
                && r[2].parse::<f64>().is_ok()
                && r[3].parse::<f64>().is_ok()
        })
        .map(|r| r[..4].to_vec())
        .collect();
    let row = |kind: &str, name: &str, p1: &str, p2: &str| {
        vec![
            kind.to_string(),
            name.to_string(),
            p1.to_string(),
            p2.to_string(),
        ]
    };
    assert_eq!(
        table,
        [
            row("分類", "住民記録 / 外部連携 / 連携", "4", "2"),
            row("分類", "住民記録 / 窓口業務", "2", "0"),
            row("分類", "個人住民税 / 外部連携", "0", "2"),
            row("分類", "個人住民税 / 賦課 / 特別徴収", "2", "2"),
        ]
    );
}

#[test]
fn settings_out_of_range_are_refused_in_the_run_language() {
    let w = Workdir::new();
    standard_matrix(&w);
    common::standard_vendors(&w);
    let evaluate = |settings: &str, extra: &[&str]| {
        w.write("settings.toml", settings.as_bytes());
        let mut args = vec!["--settings", "settings.toml", "--json", "-"];
        args.extend_from_slice(extra);
        let run = w.evaluate(&args);
        run.expect_code(2);
        assert!(run.stdout().is_empty(), "{}", run.stdout());
        run.stderr()
    };
    // ○ and 〇 are one code: on two levels the legend is refused.
    let legend = "[legend.standard]\ncodes = [\"◎\", \"〇\"]\nfactor = 1.0\n";
    let ja = evaluate(legend, &[]);
    assert!(
        ja.contains("settings.toml")
            && ja.contains("legend.standard")
            && ja.contains("legend.alternative")
            && ja.contains("削除してください"),
        "{ja}"
    );
    let en = evaluate(legend, &["--lang", "en"]);
    assert!(
        en.contains("is listed under both legend.standard and legend.alternative"),
        "{en}"
    );
    // A negative weight, a factor above 1, no competitors required.
    let ja = evaluate("[weights]\ndesirable = -2\n", &[]);
    assert!(
        ja.contains("設定項目「weights.desirable」は0以上の数値"),
        "{ja}"
    );
    let ja = evaluate(
        "[legend.customization]\ncodes = [\"△\"]\nfactor = 1.3\n",
        &[],
    );
    assert!(
        ja.contains("「legend.customization.factor」は0以上1以下"),
        "{ja}"
    );
    let ja = evaluate("min_competitors = 0\n", &[]);
    assert!(ja.contains("「min_competitors」は1以上の整数"), "{ja}");
    // An unknown key, in Japanese by default, in the file's own language
    // when it asks for English.
    let ja = evaluate("min_competitor = 3\n", &[]);
    assert!(
        ja.contains("設定項目「min_competitor」はありません"),
        "{ja}"
    );
    let en = evaluate("lang = \"en\"\nmin_competitor = 3\n", &[]);
    assert!(en.contains("unknown setting `min_competitor`"), "{en}");
    // `check` and `template` refuse the same way.
    w.write("settings.toml", b"f10_share = 1.5\n");
    let run = w.run(&[
        "check",
        "--requirements",
        "requirements.xlsx",
        "--responses",
        "responses",
        "--settings",
        "settings.toml",
    ]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("「f10_share」は0以上1以下"),
        "{}",
        run.stderr()
    );
    let run = w.run(&[
        "template",
        "--requirements",
        "requirements.xlsx",
        "-o",
        "form.xlsx",
        "--settings",
        "settings.toml",
        "--lang",
        "en",
    ]);
    run.expect_code(2);
    assert!(
        run.stderr()
            .contains("setting `f10_share` must be a number from 0 to 1"),
        "{}",
        run.stderr()
    );
    assert!(!w.path("form.xlsx").exists());
}
