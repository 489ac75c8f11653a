//! `evaluate --prices`: the award end to end — the prices workbook as a
//! secretariat compiles it, the real binary, the Award and Price sheets read
//! back and one total redone by hand from the printed figures.

mod common;

use calamine::Data;
use common::{Readback, Workdir, response, standard_matrix, standard_vendors};

/// The standard matrix and vendors (A社 7.7, B社 6.1, C社 6.0 knocked out
/// of 9), D社 answering everything ◎ (9), and a prices workbook as a
/// secretariat types it: company forms, amounts in 千円, 5 years.
///
/// ```text
///   提案価格一覧（5年間）
///   事業者名     | 初期費用（千円・税抜） | 移行費用（千円） | 年間運用費（千円） | 契約期間
///   株式会社A社  | 12,000 | 3,000 | 9,000 | 5年     → 60,000,000
///   B社（株）    | 10000  | 2000  | 8000  | 5       → 52,000,000
///   ㈱C社        | 9000   | 1000  | 7000  |         → 45,000,000 (award.years)
///   ひかり情報   | 5000   |       | 5000  | 5年     → no response: an error row
///   (no row for D社: an error row)
/// ```
fn consortium() -> Workdir {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    response(
        &w,
        "D社",
        &[
            ("R-001", "◎", "", ""),
            ("R-002", "◎", "", ""),
            ("R-003", "◎", "", ""),
            ("R-004", "◎", "", ""),
        ],
    );
    w.xlsx(
        "価格.xlsx",
        &[(
            "価格",
            vec![
                vec!["提案価格一覧（5年間）"],
                vec![
                    "事業者名",
                    "初期費用（千円・税抜）",
                    "移行費用（千円）",
                    "年間運用費（千円）",
                    "契約期間",
                ],
                vec!["株式会社A社", "12,000", "3,000", "9,000", "5年"],
                vec!["B社（株）", "n:10000", "n:2000", "n:8000", "n:5"],
                vec!["㈱C社", "n:9000", "n:1000", "n:7000", ""],
                vec!["ひかり情報", "n:5000", "", "n:5000", "5年"],
            ],
        )],
    );
    w
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// The column of a header in a sheet's rows.
fn column(rows: &[Vec<String>], header: &str) -> usize {
    rows.iter()
        .find_map(|r| r.iter().position(|c| c == header))
        .unwrap_or_else(|| panic!("no header {header:?}"))
}

#[test]
fn the_award_sheet_comes_first_and_a_total_is_redone_from_the_printed_figures() {
    let w = consortium();
    w.evaluate(&["--prices", "価格.xlsx", "-o", "out.xlsx"])
        .expect_code(0);
    let mut book = Readback::open(&w.path("out.xlsx"));
    let names = book.sheet_names();
    assert_eq!(names[0], "総合評価");
    assert_eq!(names[1], "概要");
    let price_at = names.iter().position(|n| n == "価格").unwrap();
    assert_eq!(names[price_at - 1], "業務別");
    assert_eq!(names[price_at + 1], "検証結果");
    // Beside the award, the Summary's rank is the fit's.
    book.row_with("概要", "適合度順位");

    // The points set, as printed: 価格 50 点.
    let award = book.rows("総合評価");
    let set = award
        .iter()
        .flatten()
        .find(|c| c.starts_with("配点："))
        .expect("the points set line");
    let price_points: f64 = set
        .rsplit("価格 ")
        .next()
        .and_then(|t| t.strip_suffix(" 点"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(price_points, 50.0);

    // The compared prices, as printed on the Price sheet.
    let prices = book.rows("価格");
    let compared = column(&prices, "比較価格");
    let price_of =
        |book: &mut Readback, vendor: &str| number(&book.data_row_with("価格", vendor)[compared]);
    let (a, b) = (price_of(&mut book, "A社"), price_of(&mut book, "B社"));
    assert_eq!((a, b), (60_000_000.0, 52_000_000.0));
    let lowest = a.min(b);

    // A社's row on the Award sheet: technical points, price points, total.
    let technical = column(&award, "技術点");
    let points = column(&award, "価格点");
    let total = column(&award, "合計点");
    let row = book.data_row_with("総合評価", "A社");
    assert_eq!(number(&row[0]), 1.0, "A社 ranks first");
    let redone_points = (price_points * lowest / a * 100.0 + 1e-9).floor() / 100.0;
    assert_eq!(redone_points, 43.33);
    assert_eq!(number(&row[points]), redone_points);
    let redone = number(&row[technical]) + redone_points;
    assert!((number(&row[total]) - redone).abs() < 1e-9, "{row:?}");
    // 100 × 7.7 ÷ 9 = 85.555… floors to 85.55.
    assert_eq!(number(&row[technical]), 85.55);
    // Points print with the two places the rule keeps (43.30, not 43.3).
    let a_row = award
        .iter()
        .position(|r| r.iter().any(|c| c == "A社"))
        .unwrap();
    let form = common::package::Filled::open(&w.path("out.xlsx"));
    let sheet = form.part("xl/worksheets/sheet1.xml");
    let cell = format!("{}{}", (b'A' + total as u8) as char, a_row + 1);
    let xf = common::package::cell_style(&sheet, &cell);
    let styles = form.part("xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let xf = xfs.split("<xf ").nth(xf + 1).unwrap();
    let id = xf
        .split("numFmtId=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(
        styles.contains(&format!("<numFmt numFmtId=\"{id}\" formatCode=\"0.00\"/>")),
        "{xf} in {styles}"
    );

    // The ineligible, with their reasons in words; no rank, no total.
    let c = book.row_with("総合評価", "C社");
    assert_eq!(c[0], "—");
    assert!(c.contains(&"対象外".to_string()));
    assert!(c.contains(&"必須要件不適合".to_string()), "{c:?}");
    let d = book.row_with("総合評価", "D社");
    assert!(d.contains(&"価格なし".to_string()), "{d:?}");
    assert_eq!(d[total], "—");
    // The formula in words and the tipping sentence.
    let text: Vec<&String> = award.iter().flatten().collect();
    assert!(text.iter().any(|t| t.contains("最低提案価格 ¥52,000,000")));
    assert!(text.iter().any(|t| t.contains("切り捨て")));
    assert!(text.iter().any(|t| t.contains("価格逆転額")), "{text:?}");
    // B社 is the cheaper second: more price points would favour it.
    assert!(
        text.iter()
            .any(|t| t.contains("価格点の配点を 133.35 点以上にすると順位が入れ替わります")),
        "{text:?}"
    );

    // The Price sheet's breakdown: 千円 scaled, years from the row or the default.
    let a_row = book.row_with("価格", "A社");
    assert!(a_row.contains(&"株式会社A社".to_string()));
    assert!(a_row.contains(&"12000000".to_string()), "{a_row:?}");
    let c_row = book.row_with("価格", "C社");
    assert!(c_row.contains(&"5（既定）".to_string()), "{c_row:?}");

    // Every mismatch is a row of the Validation sheet.
    let validation = book.rows("検証結果");
    let about = |needle: &str| {
        validation
            .iter()
            .any(|r| r.iter().any(|c| c == "価格.xlsx") && r.iter().any(|c| c.contains(needle)))
    };
    assert!(about("ひかり情報"), "{validation:?}");
    assert!(about("D社 の価格の行がありません"), "{validation:?}");
    // The record names the prices file and the [award] settings in force.
    let provenance = book.rows("来歴");
    assert!(
        provenance
            .iter()
            .any(|r| r.contains(&"価格.xlsx".to_string()) && r.contains(&"提案価格".to_string())),
        "{provenance:?}"
    );
    assert!(provenance.iter().flatten().any(|c| c == "[award]"));
}

#[test]
fn the_json_carries_the_award() {
    let w = consortium();
    let run = w.evaluate(&["--prices", "価格.xlsx", "--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    let award = &report["award"];
    assert_eq!(award["method"], "lowest_ratio");
    assert_eq!(award["points"]["price"], 50.0);
    let vendors = award["vendors"].as_array().unwrap();
    let names: Vec<&str> = vendors
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["A社", "B社", "D社", "C社"]);
    assert_eq!(vendors[0]["rank"], 1);
    assert_eq!(vendors[0]["price"], 60_000_000);
    assert_eq!(vendors[0]["price_points"], 43.33);
    assert!((vendors[1]["total"].as_f64().unwrap() - 117.77).abs() < 1e-9);
    assert_eq!(vendors[2]["rank"], serde_json::Value::Null);
    assert_eq!(vendors[2]["reasons"], serde_json::json!(["no_price"]));
    assert_eq!(vendors[3]["reasons"], serde_json::json!(["non_compliant"]));
    assert_eq!(vendors[3]["total"], serde_json::Value::Null);
    assert_eq!(award["ties"], serde_json::json!([]));
    // B社 is the cheaper: P* = (85.55 − 67.77) ÷ (1 − 52/60).
    let tie = award["tipping"]["price_points_tie"].as_f64().unwrap();
    assert!(
        (tie - (85.55 - 67.77) / (1.0 - 52.0 / 60.0)).abs() < 1e-9,
        "{tie}"
    );
    // B社 ties when its price gives A社 85.55 + 50 × x ÷ 60,000,000 = 117.77.
    let reversal = award["tipping"]["reversal_price"].as_f64().unwrap();
    assert!(
        (reversal - 60_000_000.0 * (117.77 - 85.55) / 50.0).abs() < 1e-3,
        "{reversal}"
    );
    // The terminal says why a bidder is out in the sheet's words.
    let said = w.evaluate(&["--prices", "価格.xlsx", "--json", "-"]);
    assert!(
        said.stderr().contains("   -. C社  (必須要件不適合)"),
        "{}",
        said.stderr()
    );
    // Without --prices there is no award in the report.
    let plain = w.evaluate(&["--json", "-"]);
    plain.expect_code(0);
    assert!(plain.json().get("award").is_none());
}

#[test]
fn committee_points_without_committee_scores_are_refused() {
    let w = consortium();
    w.write(
        "settings.toml",
        "[award]\ncommittee_points = 30\n".as_bytes(),
    );
    let run = w.evaluate(&[
        "--prices",
        "価格.xlsx",
        "--settings",
        "settings.toml",
        "--json",
        "-",
    ]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("award.committee_points"),
        "{}",
        run.stderr()
    );
}

#[test]
fn prices_on_the_other_tax_basis_are_never_compared() {
    let w = consortium();
    w.xlsx(
        "税込.xlsx",
        &[(
            "価格",
            vec![
                vec!["提案者", "提案価格（千円・税込）"],
                vec!["A社", "n:66000"],
                vec!["B社", "n:57200"],
            ],
        )],
    );
    let run = w.evaluate(&["--prices", "税込.xlsx", "--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    let vendors = report["award"]["vendors"].as_array().unwrap();
    assert!(vendors.iter().all(|v| v["rank"].is_null()));
    let rows: Vec<&serde_json::Value> = report["validation"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "税込.xlsx" && f["cell"] == "B2")
        .collect();
    assert_eq!(rows.len(), 1, "{report:#}");
    assert_eq!(rows[0]["severity"], "error");
    assert!(rows[0]["message"].as_str().unwrap().contains("税込"));
}

#[test]
fn init_writes_a_prices_form_that_evaluate_reads() {
    let w = consortium();
    w.run(&["init", "start"]).expect_code(0);
    let run = w.evaluate(&["--prices", "start/prices.xlsx", "--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    let rows: Vec<&serde_json::Value> = (report["validation"].as_array().unwrap().iter())
        .filter(|f| f["file"] == "prices.xlsx")
        .collect();
    // Its header is found; its example rows name no bidder of this run.
    let cells: Vec<&str> = rows
        .iter()
        .map(|f| f["cell"].as_str().unwrap_or(""))
        .collect();
    assert!(cells.contains(&"A5") && cells.contains(&"A6"), "{rows:#?}");
    assert!(rows.iter().all(|f| f["severity"] == "error"));
    assert!(
        rows[0]["message"]
            .as_str()
            .unwrap()
            .contains("株式会社〇〇情報システム"),
        "{rows:#?}"
    );
    // A second init refuses to replace it.
    w.run(&["init", "start"]).expect_code(2);
}

#[test]
fn a_tie_left_to_lot_is_said_on_the_award_sheet() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    // B社 and E社 answer alike (E社 with a remark, so the files differ)
    // and quote alike.
    let rows = [
        ("R-001", "◎", "", ""),
        ("R-002", "〇", "", ""),
        ("R-003", "×", "", ""),
        ("R-004", "◎", "", "標準機能で対応"),
    ];
    response(&w, "E社", &rows);
    w.xlsx(
        "価格.xlsx",
        &[(
            "価格",
            vec![
                vec!["提案者", "提案価格（万円）"],
                vec!["A社", "n:9000"],
                vec!["B社", "n:5000"],
                vec!["C社", "n:5000"],
                vec!["E社", "n:5000"],
            ],
        )],
    );
    w.evaluate(&["--prices", "価格.xlsx", "-o", "out.xlsx"])
        .expect_code(0);
    let mut book = Readback::open(&w.path("out.xlsx"));
    let text: Vec<String> = book.rows("総合評価").into_iter().flatten().collect();
    assert!(
        text.iter()
            .any(|t| t.contains("位は B社、E社 が合計点・技術点とも同点のため、くじで決定します")),
        "{text:?}"
    );
}

#[test]
fn the_award_is_worded_in_english_too() {
    let w = consortium();
    w.evaluate(&["--prices", "価格.xlsx", "--lang", "en", "-o", "en.xlsx"])
        .expect_code(0);
    let mut book = Readback::open(&w.path("en.xlsx"));
    let names = book.sheet_names();
    assert_eq!(names[0], "Award");
    assert!(names.contains(&"Price".to_string()));
    book.row_with("Summary", "Fit rank");
    for sheet in ["Award", "Price"] {
        let text: Vec<String> = book.rows(sheet).into_iter().flatten().collect();
        assert!(
            text.iter().all(|t| !t.contains(['{', '}'])),
            "{sheet}: {text:?}"
        );
        assert!(
            text.iter().all(|t| !t.contains("価格点")),
            "{sheet}: {text:?}"
        );
    }
    let award: Vec<String> = book.rows("Award").into_iter().flatten().collect();
    assert!(
        award
            .iter()
            .any(|t| t
                .starts_with("Price points (lowest-price ratio) = 50 × lowest price ¥52,000,000")),
        "{award:?}"
    );
}
