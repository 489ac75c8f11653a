//! `fairbid share` (SPEC §14) end to end: members workbooks built in code,
//! the real binary, the split workbook read back with calamine.

mod common;

use calamine::{Data, Reader};
use common::{Readback, Workdir, text};
use sha2::{Digest, Sha256};

/// Three members and, when `candidate`, a town considering joining.
///
/// ```text
///   構成団体一覧
///   団体名 | 人口   | 現行経費（千円） | 区分
///   甲町   | 30,000 | 80,000           |
///   乙村   | 20,000 | 50,000           | 参加
///   丙町   | 10,000 | 30,000           |
///   丁村   | 12,000 | 40,000           | 加入予定
/// ```
fn members(w: &Workdir, candidate: bool) {
    let mut rows: Vec<Vec<&str>> = vec![
        vec!["構成団体一覧"],
        vec!["団体名", "人口", "現行経費（千円）", "区分"],
        vec!["甲町", "n:30000", "n:80000", ""],
        vec!["乙村", "n:20000", "n:50000", "参加"],
        vec!["丙町", "n:10000", "n:30000", ""],
    ];
    if candidate {
        rows.push(vec!["丁村", "n:12000", "n:40000", "加入予定"]);
    }
    members_sheet(w, rows);
}

/// `members.xlsx` with one sheet 構成団体 of these rows.
fn members_sheet(w: &Workdir, rows: Vec<Vec<&str>>) {
    w.xlsx("members.xlsx", &[("構成団体", rows)]);
}

fn share(w: &Workdir, extra: &[&str]) -> common::Run {
    let mut args = vec!["share", "--members", "members.xlsx", "-o", "share.xlsx"];
    args.extend_from_slice(extra);
    w.run(&args)
}

fn json(w: &Workdir, extra: &[&str]) -> serde_json::Value {
    let mut args = extra.to_vec();
    args.extend_from_slice(&["--json", "-"]);
    let run = share(w, &args);
    run.expect_code(0);
    run.json()
}

fn shares(report: &serde_json::Value) -> Vec<f64> {
    (report["members"].as_array().unwrap().iter())
        .map(|m| m["share"].as_f64().unwrap())
        .collect()
}

fn settings(w: &Workdir, text: &str) {
    w.write("settings.toml", text.as_bytes());
}

/// The hand calculation. Total 1億2000万 = ¥120,000,000; equal 0.3,
/// population 0.7; populations 30,000 / 20,000 / 10,000 (Σ 60,000); the
/// current costs are in thousands of yen (header note 千円).
/// - 均等割: 36,000,000 ÷ 3 = 12,000,000 each;
/// - 人口割: 84,000,000 × 30/60 = 42,000,000; × 20/60 = 28,000,000;
///   × 10/60 = 14,000,000;
/// - shares 54,000,000 / 40,000,000 / 26,000,000 (whole thousands);
/// - savings 80 − 54 = 26,000,000 (32.5 %), 10,000,000 (20 %), 4,000,000;
/// - per resident: 80,000,000 ÷ 30,000 = 2,666.67 before, 1,800 after.
#[test]
fn one_case_checked_against_a_hand_calculation() {
    let w = Workdir::new();
    members(&w, false);
    let r = json(&w, &["--total", "1億2000万"]);
    assert_eq!(r["given_total"], 120_000_000);
    assert_eq!(r["total"], 120_000_000);
    let m = &r["members"][0];
    assert_eq!(m["member"], "甲町");
    assert_eq!(m["current"], 80_000_000);
    assert_eq!(m["equal"], 12_000_000);
    assert_eq!(m["population_part"], 42_000_000);
    assert_eq!(m["share"], 54_000_000);
    assert_eq!(m["saving"], 26_000_000);
    assert_eq!(m["saving_rate"], 0.325);
    assert_eq!(m["per_resident_after"], 1800.0);
    assert!((m["per_resident_before"].as_f64().unwrap() - 80_000_000.0 / 30_000.0).abs() < 1e-6);
    assert_eq!(shares(&r), [54_000_000.0, 40_000_000.0, 26_000_000.0]);
    assert_eq!(r["members"][1]["saving_rate"], 0.2);
    assert_eq!(r["guarantee"]["feasible"], true);
    assert_eq!(r["guarantee"]["max_feasible"], 0.25);
    assert_eq!(r["settings"]["min_saving"], serde_json::Value::Null);
    assert_eq!(r["joins"], serde_json::json!([]));
}

/// min_saving 0.2: caps 64 / 40 / 24 million. 丙町's base 26,000,000 is
/// over its cap: the 2,000,000 goes 54 : 40 to 甲町 and 乙村, which puts
/// 乙村 at 40,851,063.83, over its cap; the second round gives its
/// 851,063.83 to 甲町: 56,000,000 / 40,000,000 / 24,000,000.
#[test]
fn a_guarantee_that_needs_more_than_one_round() {
    let w = Workdir::new();
    members(&w, false);
    settings(&w, "[share]\nmin_saving = 0.2\n");
    let r = json(
        &w,
        &["--total", "120,000,000", "--settings", "settings.toml"],
    );
    assert_eq!(shares(&r), [56_000_000.0, 40_000_000.0, 24_000_000.0]);
    let capped: Vec<bool> = (r["members"].as_array().unwrap().iter())
        .map(|m| m["capped"].as_bool().unwrap())
        .collect();
    assert_eq!(capped, [false, true, true]);
    assert_eq!(r["members"][0]["adjustment"], 2_000_000);
    assert_eq!(r["members"][2]["adjustment"], -2_000_000);
    assert_eq!(r["guarantee"]["feasible"], true);
    assert_eq!(r["guarantee"]["shortfall"], 0);

    let mut book = Readback::open(&w.path("share.xlsx"));
    let rows = book.rows("按分");
    assert!(
        rows.iter().flatten().any(|c| c.contains("（2回）")),
        "the sheet says the 再按分 took two rounds"
    );
}

/// min_saving 0.3: caps 56 + 35 + 21 = 112 million < 120 million: the
/// shortfall is 8,000,000, the highest feasible guarantee 1 − 120/160 =
/// 25 %, and the base shares stand.
#[test]
fn an_infeasible_guarantee_reports_its_shortfall_and_the_highest_feasible() {
    let w = Workdir::new();
    members(&w, false);
    settings(&w, "[share]\nmin_saving = 0.3\n");
    let r = json(&w, &["--total", "1億2000万", "--settings", "settings.toml"]);
    assert_eq!(r["guarantee"]["feasible"], false);
    assert_eq!(r["guarantee"]["shortfall"], 8_000_000);
    assert_eq!(r["guarantee"]["max_feasible"], 0.25);
    assert_eq!(shares(&r), [54_000_000.0, 40_000_000.0, 26_000_000.0]);

    let mut book = Readback::open(&w.path("share.xlsx"));
    let said = book
        .rows("按分")
        .into_iter()
        .flatten()
        .find(|c| c.contains("実現できません"))
        .expect("the infeasibility is on the sheet");
    assert!(
        said.contains("¥8,000,000") && said.contains("25%"),
        "{said}"
    );
}

/// The sheet's share of each town redone from its printed parts:
/// share = 均等割 + 人口割 + 業務数割 + 再按分調整 floored to the unit, but
/// for the one town that takes the remainder; the shares sum to the total
/// printed above the table.
#[test]
fn the_sheets_shares_are_redone_from_the_printed_parts() {
    let w = Workdir::new();
    members_sheet(
        &w,
        vec![
            vec!["団体名", "住民基本台帳人口", "現行経費", "利用業務数"],
            vec!["桜川町", "n:18420", "n:186500000", "n:22"],
            vec!["北見沢村", "n:3980", "n:68200000", "n:18"],
            vec!["南原町", "n:12650", "n:142800000", "n:22"],
            vec!["青葉町", "n:24310", "n:231400000", "n:25"],
            vec!["深山村", "n:5270", "n:82900000", "n:18"],
            vec!["西ノ宮町", "n:9840", "n:121300000", "n:20"],
        ],
    );
    settings(
        &w,
        "[share]\nequal = 0.3\npopulation = 0.5\nbusiness = 0.2\nmin_saving = 0.3\n",
    );
    share(
        &w,
        &["--total", "5億8654万3210", "--settings", "settings.toml"],
    )
    .expect_code(0);

    let mut book = Readback::open(&w.path("share.xlsx"));
    let range = book.wb.worksheet_range("按分").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let total = number(&rows.iter().find(|r| text(&r[0]) == "按分総額").unwrap()[3]);
    assert_eq!(total, 586_543_210.0);
    let header = rows.iter().position(|r| text(&r[0]) == "団体名").unwrap();
    let col = |name: &str| {
        rows[header]
            .iter()
            .position(|c| text(c) == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let [equal, population, business, adjustment, share] =
        ["均等割", "人口割", "業務数割", "再按分調整", "負担額"].map(col);
    let members: Vec<&Vec<Data>> = rows[header + 1..]
        .iter()
        .take_while(|r| text(&r[0]) != "合計")
        .collect();
    assert_eq!(members.len(), 6);
    let mut sum = 0.0;
    let mut took_remainder = 0;
    for r in &members {
        let before_rounding = number(&r[equal])
            + number(&r[population])
            + number(&r[business])
            + number(&r[adjustment]);
        let floored = (before_rounding / 1000.0 + 1e-9).floor() * 1000.0;
        let printed = number(&r[share]);
        if printed != floored {
            took_remainder += 1;
            assert!(printed > floored && printed - floored < 1000.0 * 6.0);
        }
        sum += printed;
    }
    assert_eq!(took_remainder, 1, "one town takes the remainder");
    assert!((sum - total).abs() < 1e-6, "{sum} ≠ {total}");
    let words: Vec<String> = rows.iter().map(|r| text(&r[0])).collect();
    assert!(
        words
            .iter()
            .any(|t| t.starts_with("均等割 ＝ 按分総額 ¥586,543,210 × 0.3 ÷ 団体数 6")),
        "{words:?}"
    );
    assert!(words.iter().any(|t| t.contains("利用業務数合計 125")));
}

fn number(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// An evaluation's JSON with the vendor さくら電算: JR-033 requested by 甲町
/// alone (its own), ZE-010 by two towns and KK-004 by none (shared, added
/// to the total), JR-040 of unknown cost, JR-050 not answered by this
/// vendor, JR-060 by a town the members workbook does not list.
fn evaluation(w: &Workdir) {
    let json = serde_json::json!({
        "tool": {"name": "fairbid", "version": "0.1.0"},
        "requirements": 60,
        "vendors": [{"name": "さくら電算", "rank": 1}, {"name": "中央ITセンター", "rank": 2}],
        "customization": [
            {"requirement": "JR-033", "vendors": ["さくら電算"], "costs": {"さくら電算": 1800000},
             "members": ["甲町"], "recommendation": "adapt_operations"},
            {"requirement": "ZE-010", "vendors": ["さくら電算", "中央ITセンター"],
             "costs": {"さくら電算": 600000, "中央ITセンター": 900000},
             "members": ["甲町", "乙村"], "recommendation": "standardize"},
            {"requirement": "KK-004", "vendors": ["さくら電算"], "costs": {"さくら電算": 400000},
             "members": [], "recommendation": "review_requirement"},
            {"requirement": "JR-040", "vendors": ["さくら電算"], "costs": {"さくら電算": null},
             "members": ["乙村"], "recommendation": "adapt_operations"},
            {"requirement": "JR-050", "vendors": ["中央ITセンター"], "costs": {"中央ITセンター": 5000000},
             "members": ["丙町"], "recommendation": "adapt_operations"},
            {"requirement": "JR-060", "vendors": ["さくら電算"], "costs": {"さくら電算": 70000},
             "members": ["戊町"], "recommendation": "adapt_operations"}
        ]
    });
    w.write("evaluation.json", json.to_string().as_bytes());
}

/// JR-033 is 甲町's own: on top of its share, outside the split. ZE-010,
/// KK-004 and JR-060 (its one requester unknown) are shared: the total
/// becomes 120,000,000 + 1,070,000.
#[test]
fn individual_customization_goes_to_its_town_and_shared_is_added_to_the_total() {
    let w = Workdir::new();
    members(&w, false);
    evaluation(&w);
    let extra = [
        "--total",
        "1億2000万",
        "--evaluation",
        "evaluation.json",
        "--vendor",
        "株式会社さくら電算",
    ];
    let r = json(&w, &extra);
    assert_eq!(r["given_total"], 120_000_000);
    assert_eq!(r["total"], 121_070_000);
    let c = &r["customization"];
    assert_eq!(
        c["individual"],
        serde_json::json!([{"requirement": "JR-033", "member": "甲町", "cost": 1800000}])
    );
    let shared: Vec<&str> = (c["shared"].as_array().unwrap().iter())
        .map(|s| s["requirement"].as_str().unwrap())
        .collect();
    assert_eq!(shared, ["ZE-010", "KK-004", "JR-060"]);
    assert_eq!(c["unknown"], serde_json::json!(["JR-040"]));
    let total: f64 = shares(&r).iter().sum();
    assert_eq!(total, 121_070_000.0);
    let m = &r["members"][0];
    assert_eq!(m["individual_customization"], 1_800_000);
    assert_eq!(
        m["new_cost"].as_f64().unwrap(),
        m["share"].as_f64().unwrap() + 1_800_000.0
    );
    assert_eq!(r["members"][1]["individual_customization"], 0);

    let mut book = Readback::open(&w.path("share.xlsx"));
    assert_eq!(
        book.sheet_names(),
        ["按分", "加入試算", "個別カスタマイズ", "検証結果", "来歴"]
    );
    assert_eq!(
        book.row_with("個別カスタマイズ", "JR-033")[..3],
        ["JR-033", "甲町", "1800000"]
    );
    assert_eq!(
        book.row_with("個別カスタマイズ", "ZE-010")[..3],
        ["ZE-010", "甲町、乙村", "600000"]
    );
    let unknown = book.row_with("検証結果", "evaluation.json");
    assert!(unknown.iter().any(|c| c.contains("戊町")), "{unknown:?}");
    let member = book.row_with("按分", "甲町");
    assert!(member.contains(&"1800000".to_string()), "{member:?}");
}

#[test]
fn a_vendor_not_in_the_evaluation_stops_the_split_naming_the_vendors() {
    let w = Workdir::new();
    members(&w, false);
    evaluation(&w);
    let run = share(
        &w,
        &[
            "--total",
            "1億",
            "--evaluation",
            "evaluation.json",
            "--vendor",
            "みらい",
        ],
    );
    run.expect_code(2);
    assert!(
        run.stderr().contains("さくら電算, 中央ITセンター"),
        "{}",
        run.stderr()
    );
    assert!(!w.path("share.xlsx").exists());
}

/// 丁村 joins at no extra cost: every existing share falls (the equal part
/// is split four ways, the population part over 72,000 residents).
#[test]
fn a_join_lowers_every_existing_share() {
    let w = Workdir::new();
    members(&w, true);
    let r = json(&w, &["--total", "1億2000万"]);
    assert_eq!(shares(&r), [54_000_000.0, 40_000_000.0, 26_000_000.0]);
    let join = &r["joins"][0];
    assert_eq!(join["candidate"], "丁村");
    assert_eq!(join["total"], 120_000_000);
    for m in join["members"].as_array().unwrap() {
        assert!(m["change"].as_f64().unwrap() < 0.0, "{m}");
        assert_eq!(
            m["change"].as_f64().unwrap(),
            m["share_after"].as_f64().unwrap() - m["share_before"].as_f64().unwrap()
        );
    }
    // 甲町 after: 9,000,000 + 84,000,000 × 30/72 = 44,000,000; 乙村 and 丙町
    // floor 32,333,333.33 and 20,666,666.67 to 32,333,000 and 20,666,000,
    // and the remainder 1,000 goes to the largest share, 甲町's.
    assert_eq!(join["members"][0]["share_after"], 44_001_000);
    assert_eq!(join["members"][1]["share_after"], 32_333_000);
    // 丁村: 9,000,000 + 84,000,000 × 12/72 = 23,000,000; saves 17,000,000.
    assert_eq!(join["candidate_share"], 23_000_000);
    assert_eq!(join["candidate_saving"], 17_000_000);
    assert_eq!(join["candidate_saving_rate"], 0.425);

    let mut book = Readback::open(&w.path("share.xlsx"));
    assert_eq!(
        book.row_with("加入試算", "甲町")[..4],
        ["甲町", "54000000", "44001000", "-9999000"]
    );
    assert!(
        book.rows("加入試算")
            .iter()
            .flatten()
            .any(|c| c == "丁村 が加入した場合")
    );

    // A join cost raises the total the candidate joins into.
    settings(&w, "[share]\njoin_cost = 3600000\n");
    let r = json(
        &w,
        &[
            "--total",
            "1億2000万",
            "--settings",
            "settings.toml",
            "--force",
        ],
    );
    assert_eq!(r["joins"][0]["total"], 123_600_000);
}

/// Every bad row is a row naming file, sheet and cell; the split is not
/// made and nothing is written.
#[test]
fn bad_member_rows_are_validation_rows_and_stop_the_split() {
    let w = Workdir::new();
    members_sheet(
        &w,
        vec![
            vec!["団体名", "人口", "現行経費", "区分"],
            vec!["甲町", "n:30000", "n:80000000", ""],
            vec!["乙村", "", "n:50000000", ""],
            vec!["丙町", "n:10000", "未定", "脱退予定"],
        ],
    );
    let run = share(&w, &["--total", "1億"]);
    run.expect_code(2);
    let err = run.stderr();
    for line in [
        "members.xlsx\t構成団体!B3\tエラー\t人口が1以上の数値ではない",
        "members.xlsx\t構成団体!C4\tエラー\t現行経費が金額として読み取れない",
        "members.xlsx\t構成団体!D4\tエラー\t区分が読み取れません",
    ] {
        assert!(err.contains(line), "{line}\n{err}");
    }
    assert!(err.contains("[未定]"), "{err}");
    assert!(!w.path("share.xlsx").exists());
}

#[test]
fn weights_not_summing_to_one_are_refused_naming_the_keys() {
    let w = Workdir::new();
    members(&w, false);
    settings(&w, "[share]\nequal = 0.5\npopulation = 0.7\n");
    let run = share(&w, &["--total", "1億", "--settings", "settings.toml"]);
    run.expect_code(2);
    let err = run.stderr();
    for said in [
        "share.equal",
        "share.population",
        "share.business",
        "合計は1",
    ] {
        assert!(err.contains(said), "{said}\n{err}");
    }
    assert!(!w.path("share.xlsx").exists());
}

#[test]
fn outputs_are_checked_before_anything_is_read() {
    let w = Workdir::new();
    members(&w, false);
    let run = w.run(&[
        "share",
        "--members",
        "members.xlsx",
        "--total",
        "1億",
        "-o",
        "share.csv",
    ]);
    run.expect_code(2);
    assert!(run.stderr().contains(".xlsx"), "{}", run.stderr());
    let run = w.run(&[
        "share",
        "--members",
        "members.xlsx",
        "--total",
        "1億",
        "-o",
        "members.xlsx",
    ]);
    run.expect_code(2);
    share(&w, &["--total", "1億"]).expect_code(0);
    share(&w, &["--total", "1億"]).expect_code(2);
    share(&w, &["--total", "1億", "--force"]).expect_code(0);
    share(&w, &["--total", "たくさん", "--force"]).expect_code(2);
    let run = w.run(&[
        "share",
        "--members",
        "members.xlsx",
        "--total",
        "1億",
        "-o",
        "s.xlsx",
        "--vendor",
        "A社",
    ]);
    run.expect_code(2);
}

/// English labels, and the record: the members workbook by its SHA-256 and
/// the settings in force.
#[test]
fn english_sheets_and_the_provenance_of_the_inputs() {
    let w = Workdir::new();
    members(&w, true);
    settings(&w, "[share]\nunit = 10000\n");
    share(
        &w,
        &[
            "--total",
            "1億",
            "--settings",
            "settings.toml",
            "--lang",
            "en",
        ],
    )
    .expect_code(0);
    let mut book = Readback::open(&w.path("share.xlsx"));
    assert_eq!(
        book.sheet_names(),
        [
            "Split",
            "Joining",
            "Customization",
            "Validation",
            "Provenance"
        ]
    );
    let hash: String = Sha256::digest(std::fs::read(w.path("members.xlsx")).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        book.row_with("Provenance", "members.xlsx")[..4],
        ["members.xlsx", "Members", hash.as_str(), "4"]
    );
    assert!(
        book.rows("Provenance")
            .iter()
            .flatten()
            .any(|c| c == "unit = 10000")
    );
    let header = book.row_with("Split", "Member");
    assert!(header.contains(&"Guarantee adjustment".to_string()));
}

/// `init` writes a members workbook that `share` reads without a warning.
#[test]
fn the_starter_members_workbook_splits_cleanly() {
    let w = Workdir::new();
    w.run(&["init", "starter"]).expect_code(0);
    let run = w.run(&[
        "share",
        "--members",
        "starter/members.xlsx",
        "--total",
        "5億8600万",
        "-o",
        "share.xlsx",
        "--json",
        "-",
    ]);
    run.expect_code(0);
    assert!(!run.stderr().contains("警告"), "{}", run.stderr());
    // The files written are named as every command names them; the JSON
    // went to standard output, not to a file.
    assert!(
        run.stderr().ends_with("書き出したファイル: share.xlsx\n"),
        "{}",
        run.stderr()
    );
    let r = run.json();
    assert_eq!(r["members"].as_array().unwrap().len(), 6);
    assert_eq!(r["joins"][0]["candidate"], "東山村");
    assert!(
        (r["members"].as_array().unwrap().iter()).all(|m| m["saving"].as_f64().unwrap() > 0.0),
        "every sample town saves"
    );
}

/// The JSON `evaluate` writes is what `share` reads: each vendor's own
/// cost (§8.2 `costs`) and the requesting towns. A社 answers R-004 with
/// customization at 120万円 and 甲町 alone requests it: 甲町's own.
#[test]
fn an_evaluation_written_by_evaluate_charges_its_towns() {
    let w = Workdir::new();
    common::standard_matrix(&w);
    common::standard_vendors(&w);
    w.xlsx(
        "requests.xlsx",
        &[(
            "要望",
            vec![
                vec!["要件ID", "甲町", "乙村", "丙町"],
                vec!["R-004", "○", "", ""],
            ],
        )],
    );
    w.evaluate(&["--requests", "requests.xlsx", "--json", "evaluation.json"])
        .expect_code(0);
    let evaluation: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.path("evaluation.json")).unwrap()).unwrap();
    assert_eq!(
        evaluation["customization"][0]["costs"],
        serde_json::json!({"A社": 1200000})
    );
    members(&w, false);
    let r = json(
        &w,
        &[
            "--total",
            "1億2000万",
            "--evaluation",
            "evaluation.json",
            "--vendor",
            "A社",
        ],
    );
    assert_eq!(
        r["customization"]["individual"],
        serde_json::json!([{"requirement": "R-004", "member": "甲町", "cost": 1200000}])
    );
    assert_eq!(r["total"], 120_000_000);
    assert_eq!(r["members"][0]["new_cost"], 55_200_000);
}

/// With `SOURCE_DATE_EPOCH` set (as `Workdir` runs), the same inputs give
/// the same bytes.
#[test]
fn the_same_inputs_give_the_same_workbook() {
    let w = Workdir::new();
    members(&w, true);
    share(&w, &["--total", "1億"]).expect_code(0);
    std::fs::rename(w.path("share.xlsx"), w.path("first.xlsx")).unwrap();
    share(&w, &["--total", "1億"]).expect_code(0);
    assert!(w.same_bytes("first.xlsx", "share.xlsx"));
}
