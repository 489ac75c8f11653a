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
}
