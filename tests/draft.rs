//! From the RFI to a fair RFP: `fairbid draft` end to end, and the
//! robustness of the ranking on the evaluation's Sensitivity sheet. Every
//! fixture is built so that the right answer is known by hand.

mod common;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use common::package::{Filled, attr, row_heights};
use common::{Readback, Workdir, long_matrix, response};
use serde_json::json;

/// The RFI where one vendor alone is compliant.
///
/// ```text
/// 住民記録 (title row, then the header; a 備考 column fairbid does not know)
///   要件ID | 業務     | 要件                       | 必須区分 | 配点 | 備考
///   R-001  | 住民記録 | 住民票の写しを交付…         | 必須     | 3    | 現行どおり
///   R-002  | 住民記録 | 転入届を受け付け…           | 必須     | 3    |
///   R-003  | 住民記録 | 転出証明書を発行…           | 必須     | 3    |
///   R-004  | 住民記録 | 異動届を一画面で入力…       | 必須     | 2    |
///   R-005  | 住民記録 | 他団体の住民記録と相互照会… | 推奨     | 2    | 県の要望
/// 税務 (no 配点 column: weights come from the priority)
///   要件ID | 要件                  | 必須区分
///   T-001  | 特別徴収税額通知を…   | 必須      (weight 3)
///
///            R-001 R-002 R-003 R-004 R-005 T-001   score
///   A社      ◎     ◎     ◎     ◎     ×     ◎       14     compliant
///   B社      ◎     ×     ○     ×     ×     ×       5.1    out on R-002, R-004, T-001
///   C社      ◎     ◎     ×     ×     ×     △       6.9    out on R-003, R-004
/// ```
/// F06: one compliant vendor of two needed. Relaxing {R-003, R-004} admits
/// C社; B社 would need three. R-004 and T-001 are F01 (A社 alone capable),
/// R-005 is F04 (nobody can). `--apply` demotes R-003, R-004, T-001 and
/// removes R-005: A社 and C社 compliant, scores unchanged.
fn one_compliant_rfi(w: &Workdir) {
    w.xlsx(
        "requirements.xlsx",
        &[
            (
                "表紙",
                vec![
                    vec!["北陸県西部六町村 住民記録システム 機能要件書"],
                    vec![],
                    vec!["版", "n:2"],
                    vec!["問合せ先", "共同調達事務局（西部町 企画課）"],
                ],
            ),
            (
                "住民記録",
                vec![
                    vec!["機能要件一覧（住民記録）"],
                    vec!["要件ID", "業務", "要件", "必須区分", "配点", "備考"],
                    vec![
                        "R-001",
                        "住民記録",
                        "住民票の写しを交付できること。",
                        "必須",
                        "n:3",
                        "現行どおり",
                    ],
                    vec![
                        "R-002",
                        "住民記録",
                        "転入届を受け付けできること。",
                        "必須",
                        "n:3",
                    ],
                    vec![
                        "R-003",
                        "住民記録",
                        "転出証明書を発行できること。",
                        "必須",
                        "n:3",
                    ],
                    vec![
                        "R-004",
                        "住民記録",
                        "異動届を一画面で入力できること。",
                        "必須",
                        "n:2",
                    ],
                    vec![
                        "R-005",
                        "住民記録",
                        "他団体の住民記録と相互照会できること。",
                        "推奨",
                        "n:2",
                        "県の要望",
                    ],
                ],
            ),
            (
                "税務",
                vec![
                    vec!["要件ID", "要件", "必須区分"],
                    vec!["T-001", "特別徴収税額通知を電子で送付できること。", "必須"],
                ],
            ),
        ],
    );
    let answers = |codes: [&'static str; 6]| {
        ["R-001", "R-002", "R-003", "R-004", "R-005", "T-001"]
            .into_iter()
            .zip(codes)
            .map(|(id, code)| (id, code, "", ""))
            .collect::<Vec<_>>()
    };
    response(w, "A社", &answers(["◎", "◎", "◎", "◎", "×", "◎"]));
    response(w, "B社", &answers(["◎", "×", "○", "×", "×", "×"]));
    response(w, "C社", &answers(["◎", "◎", "×", "×", "×", "△"]));
}

/// `fairbid draft` of `requirements.xlsx` with the `responses` folder into
/// `output`, with `extra` arguments.
fn draft(w: &Workdir, output: &str, extra: &[&str]) -> common::Run {
    let mut args = vec!["-o", output];
    args.extend_from_slice(extra);
    w.draft(&args)
}

/// `fairbid draft --apply` on the RFI of [`one_compliant_rfi`], into `RFP案.xlsx`.
fn draft_with_apply(w: &Workdir) -> common::Run {
    let run = draft(w, "RFP案.xlsx", &["--apply"]);
    run.expect_code(0);
    run
}

fn codes(report: &serde_json::Value, code: &str) -> Vec<serde_json::Value> {
    report["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .cloned()
        .collect()
}

fn scores(report: &serde_json::Value) -> HashMap<String, (f64, bool)> {
    report["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["name"].as_str().unwrap().to_string(),
                (
                    v["score"].as_f64().unwrap(),
                    v["compliant"].as_bool().unwrap(),
                ),
            )
        })
        .collect()
}

/// A sheet read back as rows, with the column of each header of `header_row`.
struct Table {
    rows: Vec<Vec<String>>,
    columns: HashMap<String, usize>,
}

impl Table {
    fn read(book: &mut Readback, sheet: &str, header: &str) -> Table {
        let rows = book.rows(sheet);
        let header_row = rows
            .iter()
            .find(|r| r.first().is_some_and(|c| c == header))
            .unwrap_or_else(|| panic!("no header {header} in {sheet}: {rows:?}"));
        let columns = header_row
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.is_empty())
            .map(|(i, h)| (h.clone(), i))
            .collect();
        Table { rows, columns }
    }

    fn row(&self, id: &str) -> &Vec<String> {
        self.rows
            .iter()
            .find(|r| r.first().is_some_and(|c| c == id))
            .unwrap_or_else(|| panic!("no row {id}"))
    }

    fn get(&self, id: &str, column: &str) -> String {
        let col = *self
            .columns
            .get(column)
            .unwrap_or_else(|| panic!("no column {column} in {:?}", self.columns));
        self.row(id).get(col).cloned().unwrap_or_default()
    }
}

/// Cells of a sheet part whose font is struck through, by reference (`A7`).
fn struck_cells(xlsx: &Path, sheet_number: usize) -> Vec<String> {
    let file = std::fs::File::open(xlsx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let styles = part("xl/styles.xml");
    let sheet = part(&format!("xl/worksheets/sheet{sheet_number}.xml"));
    let section = |xml: &str, tag: &str| {
        let start = xml.find(&format!("<{tag}")).unwrap();
        let end = xml[start..].find(&format!("</{tag}>")).unwrap() + start;
        xml[start..end].to_string()
    };
    let fonts = section(&styles, "fonts");
    let struck_fonts: Vec<bool> = fonts
        .split("<font>")
        .skip(1)
        .map(|f| f.split("</font>").next().unwrap().contains("<strike/>"))
        .collect();
    let xfs = section(&styles, "cellXfs");
    let struck_styles: Vec<bool> = xfs
        .split("<xf ")
        .skip(1)
        .map(|xf| {
            let font: usize = attr(&format!(" {xf}"), "fontId").unwrap().parse().unwrap();
            struck_fonts[font]
        })
        .collect();
    sheet
        .split("<c ")
        .skip(1)
        .filter_map(|c| {
            let c = format!(" {}", c.split('>').next().unwrap());
            let style: usize = attr(&c, "s")?.parse().unwrap();
            struck_styles[style].then(|| attr(&c, "r").unwrap())
        })
        .collect()
}

#[test]
fn apply_restores_competition_and_lists_every_change() {
    let w = Workdir::new();
    one_compliant_rfi(&w);
    let rfi = w.evaluate_json("requirements.xlsx");
    let f06 = codes(&rfi, "F06");
    assert_eq!(f06.len(), 1, "the RFI lacks competition");
    assert_eq!(f06[0]["relief"], json!(["R-003", "R-004"]));
    assert_eq!(rfi["competition"]["compliant_vendors"], 1);

    let run = draft_with_apply(&w);
    assert!(
        run.stderr().contains("変更: 推奨に降格 3件・削除 1件"),
        "{}",
        run.stderr()
    );

    // The next round reads the draft as its matrix: competition restored,
    // the removed requirement gone, every score on the same scale.
    let rfp = w.evaluate_json("RFP案.xlsx");
    assert!(codes(&rfp, "F06").is_empty(), "{rfp:#}");
    assert_eq!(rfp["competition"]["compliant_vendors"], 2);
    assert_eq!(rfp["requirements"], 5);
    let (before, after) = (scores(&rfi), scores(&rfp));
    for vendor in ["A社", "B社", "C社"] {
        assert!(
            (before[vendor].0 - after[vendor].0).abs() < 1e-9,
            "{vendor}: {before:?} → {after:?}"
        );
    }
    assert!(after["A社"].1 && after["C社"].1 && !after["B社"].1);
    assert_eq!(rfp["vendors"][0]["max_score"], 14.0);
    assert!(
        !rfp["validation"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"] == "RFP案.xlsx"),
        "the draft reads without a single finding: {rfp:#}"
    );

    let mut book = Readback::open(&w.path("RFP案.xlsx"));
    assert_eq!(book.sheet_names(), ["表紙", "住民記録", "税務", "変更履歴"]);

    // A sheet without requirements (the cover) is kept, value by value.
    let cover = book.rows("表紙");
    assert_eq!(cover[0][0], "北陸県西部六町村 住民記録システム 機能要件書");
    assert_eq!(cover[2][..2], ["版", "2"]);
    assert_eq!(
        cover[3][..2],
        ["問合せ先", "共同調達事務局（西部町 企画課）"]
    );

    // Every original cell where it was, the analysis beside it.
    let rows = book.rows("住民記録");
    assert_eq!(rows[0][0], "機能要件一覧（住民記録）");
    let sheet = Table::read(&mut book, "住民記録", "要件ID");
    assert_eq!(
        sheet.rows[1][..6],
        ["要件ID", "業務", "要件", "必須区分", "配点", "備考"]
    );
    assert_eq!(
        sheet.rows[1][6..],
        [
            "フラグ",
            "対応可能数",
            "実現可能数",
            "要望団体",
            "推奨対応",
            "状態"
        ]
    );
    assert_eq!(sheet.get("R-001", "備考"), "現行どおり");
    assert_eq!(sheet.get("R-001", "推奨対応"), "維持");
    assert_eq!(sheet.get("R-001", "状態"), "");
    assert_eq!(sheet.get("R-003", "必須区分"), "推奨");
    assert_eq!(sheet.get("R-003", "配点"), "3", "the weight is kept");
    assert_eq!(sheet.get("R-003", "状態"), "降格");
    assert_eq!(
        sheet.get("R-003", "推奨対応"),
        "推奨に降格する（緩和すると必要な競争者数に届く）"
    );
    assert_eq!(sheet.get("R-004", "フラグ"), "F01 F05");
    assert_eq!(sheet.get("R-004", "対応可能数"), "1");
    assert_eq!(sheet.get("R-004", "実現可能数"), "1");
    assert_eq!(sheet.get("R-004", "配点"), "2");
    assert_eq!(sheet.get("R-004", "状態"), "降格");
    assert_eq!(sheet.get("R-005", "状態"), "削除");
    assert_eq!(sheet.get("R-005", "備考"), "県の要望");
    assert_eq!(
        sheet.get("R-005", "推奨対応"),
        "削除する（どのベンダーも実現できない）"
    );
    assert_eq!(sheet.get("R-005", "実現可能数"), "0");

    // The removed row stays, struck through from end to end (row 7).
    let struck = struck_cells(&w.path("RFP案.xlsx"), 2);
    for col in ["A", "B", "C", "D", "E", "F", "G", "L"] {
        assert!(struck.contains(&format!("{col}7")), "{col}7 in {struck:?}");
    }
    assert!(struck.iter().all(|c| c.ends_with('7')), "{struck:?}");

    // A sheet without a weight column gets one, so the demoted requirement
    // keeps the mandatory weight 3 instead of the desirable 2.
    let tax = Table::read(&mut book, "税務", "要件ID");
    assert_eq!(
        tax.rows[0],
        [
            "要件ID",
            "要件",
            "必須区分",
            "配点",
            "フラグ",
            "対応可能数",
            "実現可能数",
            "要望団体",
            "推奨対応",
            "状態"
        ]
    );
    assert_eq!(tax.get("T-001", "必須区分"), "推奨");
    assert_eq!(tax.get("T-001", "配点"), "3");
    assert_eq!(tax.get("T-001", "状態"), "降格");

    // The Changes sheet: exactly the changed requirements, with reasons.
    let changes = Table::read(&mut book, "変更履歴", "対象要件");
    let changed: Vec<&str> = changes
        .rows
        .iter()
        .skip_while(|r| r[0] != "対象要件")
        .skip(1)
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(changed, ["R-003", "R-004", "R-005", "T-001"]);
    assert_eq!(changes.get("R-003", "変更内容"), "推奨に降格（配点は維持）");
    assert_eq!(changes.get("R-003", "シート"), "住民記録");
    assert_eq!(changes.get("R-003", "行"), "5");
    assert_eq!(changes.get("R-003", "変更前"), "必須");
    assert_eq!(changes.get("R-003", "変更後"), "推奨");
    assert_eq!(
        changes.get("R-003", "理由"),
        "競争性を確保する最小の緩和の対象（F06）"
    );
    assert_eq!(
        changes.get("R-004", "理由"),
        "対応可能なベンダーが1社のみの必須要件（F01）、競争性を確保する最小の緩和の対象（F06）"
    );
    assert_eq!(changes.get("R-005", "変更内容"), "削除（取り消し線で残す）");
    assert_eq!(changes.get("R-005", "変更後"), "削除");
    assert_eq!(
        changes.get("R-005", "理由"),
        "どのベンダーも実現できない（F04）"
    );
    assert_eq!(
        changes.get("T-001", "理由"),
        "対応可能なベンダーが1社のみの必須要件（F01）"
    );
    assert_eq!(
        changes.rows[1][0],
        "必須要件をすべて満たすベンダー: 変更前 1社 → 変更後 2社（必要な競争者数: 2社）。降格した要件は配点を維持し、削除した要件は取り消し線を付けて残しています。"
    );
}

#[test]
fn an_english_draft_marks_rows_removed_and_a_draft_of_a_draft_adds_nothing() {
    let w = Workdir::new();
    one_compliant_rfi(&w);
    let draft = |input: &str, output: &str| {
        w.run(&[
            "draft",
            "--requirements",
            input,
            "--responses",
            "responses",
            "-o",
            output,
            "--apply",
            "--lang",
            "en",
        ])
        .expect_code(0);
    };
    draft("requirements.xlsx", "draft.xlsx");
    let mut book = Readback::open(&w.path("draft.xlsx"));
    assert_eq!(book.sheet_names(), ["表紙", "住民記録", "税務", "Changes"]);
    let sheet = Table::read(&mut book, "住民記録", "要件ID");
    assert_eq!(sheet.get("R-005", "Status"), "removed");
    assert_eq!(sheet.get("R-004", "Status"), "demoted");
    assert_eq!(sheet.get("R-004", "必須区分"), "Desirable");
    assert_eq!(
        sheet.get("R-004", "Recommendation"),
        "Demote to desirable (only one vendor is capable, relaxing it reaches the competitors needed)"
    );
    let rfp = w.evaluate_json("draft.xlsx");
    assert_eq!(rfp["requirements"], 5);
    assert!(codes(&rfp, "F06").is_empty());

    // The draft of the draft reuses the status and analysis columns it finds
    // and has nothing left to change.
    draft("draft.xlsx", "draft2.xlsx");
    let mut again = Readback::open(&w.path("draft2.xlsx"));
    assert_eq!(
        again.sheet_names(),
        ["表紙", "住民記録", "税務", "Changes"],
        "the earlier list of changes gives way to this draft's own"
    );
    let sheet2 = Table::read(&mut again, "住民記録", "要件ID");
    assert_eq!(sheet2.rows[1], sheet.rows[1], "no second set of columns");
    assert_eq!(sheet2.get("R-005", "Status"), "removed");
    assert_eq!(sheet2.get("R-004", "Status"), "demoted");
    let changes = again.rows("Changes");
    assert!(changes.iter().any(|r| r[0] == "No changes."), "{changes:?}");
}

/// One requirement per rule of the recommendation, in the order they apply.
///
/// ```text
///            prio  w  A社 B社 C社  requests      expected
///   D-01     必須  3  ◎   ◎   ◎                  keep
///   D-02     推奨  2  ×   ×   ×                  remove (F04)
///   D-03     必須  3  ◎   ×   ×                  demote (F01, and the relief set)
///   D-04     必須  3  ◎   ◎   ×                  keep (knocks C社 out, not relieved)
///   D-05     必須  3  ◎   ×   ◎                  demote (relief set)
///   D-06     推奨  2  ◎   ◎   ◎    甲町          rewrite (names B社)
///   D-07     推奨  2  △   △   ×    甲町 乙村     review (F03)
///   D-08     推奨  2  ◎   ◎   ◎    甲町 乙村     standardize
///   D-09     任意  1  ◎   ◎   △    丙町          adapt operations
///   D-10     推奨  2  ◎   ×   ×                  keep (F01, but not mandatory)
///   D-11     任意  1  ◎   ◎   △                  keep (§6 says none)
/// ```
/// Only A社 is compliant. Relaxing {D-03, D-05} admits B社 (score 12.6),
/// {D-03, D-04} admits C社 (10.6): the higher score wins the tie.
fn every_rule(w: &Workdir) {
    let req = |id: &'static str, text: &'static str, prio: &'static str, weight: &'static str| {
        vec![id, text, prio, weight]
    };
    w.xlsx(
        "requirements.xlsx",
        &[(
            "要件",
            vec![
                vec!["要件ID", "要件内容", "必須区分", "配点"],
                req("D-01", "住民票の写しを交付できること。", "必須", "n:3"),
                req(
                    "D-02",
                    "他団体と住民記録を相互照会できること。",
                    "推奨",
                    "n:2",
                ),
                req("D-03", "異動届を一画面で入力できること。", "必須", "n:3"),
                req("D-04", "転出証明書を発行できること。", "必須", "n:3"),
                req("D-05", "転入届を受け付けできること。", "必須", "n:3"),
                req(
                    "D-06",
                    "B社の帳票と同じ様式で納税通知書を出力できること。",
                    "推奨",
                    "n:2",
                ),
                req("D-07", "独自の減免区分を設定できること。", "推奨", "n:2"),
                req(
                    "D-08",
                    "圧着はがき形式で通知を出力できること。",
                    "推奨",
                    "n:2",
                ),
                req("D-09", "窓口で手数料を収納できること。", "任意", "n:1"),
                req("D-10", "AI-OCRで申請書を読み取れること。", "推奨", "n:2"),
                req("D-11", "操作ログを出力できること。", "任意", "n:1"),
            ],
        )],
    );
    let answers = |codes: [&'static str; 11]| {
        (1..=11)
            .map(|n| format!("D-{n:02}"))
            .zip(codes)
            .collect::<Vec<_>>()
    };
    for (vendor, codes) in [
        (
            "A社",
            ["◎", "×", "◎", "◎", "◎", "◎", "△", "◎", "◎", "◎", "◎"],
        ),
        (
            "B社",
            ["◎", "×", "×", "◎", "×", "◎", "△", "◎", "◎", "×", "◎"],
        ),
        (
            "C社",
            ["◎", "×", "×", "×", "◎", "◎", "×", "◎", "△", "×", "△"],
        ),
    ] {
        let rows = answers(codes);
        let rows: Vec<(&str, &str, &str, &str)> = rows
            .iter()
            .map(|(id, code)| (id.as_str(), *code, "", ""))
            .collect();
        response(w, vendor, &rows);
    }
    w.xlsx(
        "requests.xlsx",
        &[(
            "要望",
            vec![
                vec!["要件ID", "甲町", "乙村", "丙町"],
                vec!["D-06", "○", "", ""],
                vec!["D-07", "○", "○", ""],
                vec!["D-08", "○", "○", ""],
                vec!["D-09", "", "", "○"],
            ],
        )],
    );
}

#[test]
fn without_apply_each_requirement_gets_the_first_rule_that_applies_then_the_others() {
    let w = Workdir::new();
    every_rule(&w);
    let run = w.evaluate(&["--requests", "requests.xlsx", "--json", "-"]);
    run.expect_code(0);
    let rfi = run.json();
    assert_eq!(codes(&rfi, "F06")[0]["relief"], json!(["D-03", "D-05"]));

    w.draft(&["--requests", "requests.xlsx", "-o", "draft.xlsx"])
        .expect_code(0);
    let mut book = Readback::open(&w.path("draft.xlsx"));
    assert_eq!(
        book.sheet_names(),
        ["要件"],
        "no Changes sheet without --apply"
    );
    let t = Table::read(&mut book, "要件", "要件ID");
    let expected = [
        ("D-01", "維持"),
        ("D-02", "削除する（どのベンダーも実現できない）"),
        (
            "D-03",
            "推奨に降格する（対応可能なベンダーが1社のみ、緩和すると必要な競争者数に届く）",
        ),
        ("D-04", "維持"),
        ("D-05", "推奨に降格する（緩和すると必要な競争者数に届く）"),
        // The name first; 甲町's request applies too, on a line of its own.
        (
            "D-06",
            "製品名・社名（B社）を除き、必要な機能として中立的に書き直す\n甲町に業務をパッケージに合わせるよう依頼する（ノンカスタマイズ）",
        ),
        (
            "D-07",
            "要件を見直す（どのベンダーもカスタマイズが必要）\nベンダーに標準機能化を要請する（複数団体の共通要望）",
        ),
        (
            "D-08",
            "ベンダーに標準機能化を要請する（複数団体の共通要望）",
        ),
        (
            "D-09",
            "丙町に業務をパッケージに合わせるよう依頼する（ノンカスタマイズ）",
        ),
        ("D-10", "維持"),
        ("D-11", "維持"),
    ];
    for (id, words) in expected {
        assert_eq!(t.get(id, "推奨対応"), words, "{id}");
        assert_eq!(
            t.get(id, "状態"),
            "",
            "{id}: nothing changes without --apply"
        );
    }
    assert_eq!(t.get("D-03", "必須区分"), "必須");
    assert_eq!(t.get("D-07", "要望団体"), "甲町、乙村");
    assert_eq!(t.get("D-07", "フラグ"), "F03");
    assert_eq!(t.get("D-07", "対応可能数"), "0");
    assert_eq!(t.get("D-07", "実現可能数"), "2");
    assert_eq!(t.get("D-10", "フラグ"), "F01");
    assert!(t.get("D-06", "フラグ").contains("F07"));

    // Read back as a matrix, the draft is the same procurement.
    let run = w.evaluate_matrix(
        "draft.xlsx",
        &["--requests", "requests.xlsx", "--json", "-"],
    );
    run.expect_code(0);
    let again = run.json();
    assert_eq!(again["vendors"], rfi["vendors"]);
    assert_eq!(
        again["flags"].as_array().unwrap().len(),
        rfi["flags"].as_array().unwrap().len()
    );
    assert_eq!(again["validation"], rfi["validation"]);
}

#[test]
fn draft_keeps_its_inputs_and_an_existing_output() {
    let w = Workdir::new();
    one_compliant_rfi(&w);
    let matrix = std::fs::read(w.path("requirements.xlsx")).unwrap();
    let refused = draft(&w, "requirements.xlsx", &["--force"]);
    refused.expect_code(2);
    assert!(
        refused
            .stderr()
            .contains("requirements.xlsx: この出力先は入力ファイルの一つです"),
        "{}",
        refused.stderr()
    );
    let refused = draft(&w, "requirements.xlsx", &["--force", "--lang", "en"]);
    refused.expect_code(2);
    assert!(
        refused
            .stderr()
            .contains("requirements.xlsx: this output path is also an input"),
        "{}",
        refused.stderr()
    );
    assert_eq!(std::fs::read(w.path("requirements.xlsx")).unwrap(), matrix);

    w.write("draft.xlsx", b"earlier draft");
    let kept = draft(&w, "draft.xlsx", &[]);
    kept.expect_code(2);
    assert!(kept.stderr().contains("--force"), "{}", kept.stderr());
    assert_eq!(
        std::fs::read(w.path("draft.xlsx")).unwrap(),
        b"earlier draft"
    );
    draft(&w, "draft.xlsx", &["--force"]).expect_code(0);
}

/// The matrix sheets of a draft are written row by row (at 200,000
/// requirements they would not fit in memory whole): the columns are sized
/// first, so a row whose text wraps still gets the height that shows every
/// line, and every row is written once, in order.
#[test]
fn draft_rows_grow_to_their_wrapped_text_and_come_once_in_order() {
    let w = Workdir::new();
    one_compliant_rfi(&w);
    draft_with_apply(&w);
    // Sheet 2 is 住民記録: title (row 1), header (row 2), R-001 … R-005 (rows 3–7).
    let rows = row_heights(&w.path("RFP案.xlsx"), 2);
    let numbers: Vec<u32> = rows.iter().map(|(r, _)| *r).collect();
    assert!(
        numbers.windows(2).all(|pair| pair[0] < pair[1]),
        "rows out of order or twice: {numbers:?}"
    );
    let height = |r: u32| rows.iter().find(|(n, _)| *n == r).unwrap().1;
    // R-001 is kept: every cell fits one line.
    assert_eq!(height(3), None, "{rows:?}");
    // R-004 is demoted: its recommendation (sole capable vendor, and the
    // relief that restores competition) takes two lines of its column.
    let demoted = height(6).expect("the demoted row has a height");
    assert!((demoted - 34.0).abs() < 1.0, "{rows:?}");
    // The header row wraps its longer labels within their columns.
    assert!(height(2).is_some(), "{rows:?}");
}

/// A matrix sheet long enough to be written to disk as it is filled (at
/// 200,000 requirements the draft's sheets would not fit in memory whole)
/// keeps what a short one has: its last row, whose requirement wraps, gets
/// the height that shows every line and comes once (a streamed sheet
/// writes a row with a height twice when nothing follows it), every
/// requirement is read back from the draft, and a second run writes the
/// same bytes.
#[test]
fn a_long_sheet_of_the_draft_streams_with_its_heights_and_every_row_once() {
    let w = Workdir::new();
    const N: usize = 1_200;
    let (ids, long) = long_matrix(&w, N);
    for vendor in ["A社", "B社"] {
        let answers: Vec<(&str, &str, &str, &str)> =
            ids.iter().map(|id| (id.as_str(), "◎", "", "")).collect();
        response(&w, vendor, &answers);
    }
    for output in ["RFP案.xlsx", "again.xlsx"] {
        draft(&w, output, &[]).expect_code(0);
    }
    // SPEC §9: the same inputs give the same bytes, streamed or not.
    assert!(w.same_bytes("RFP案.xlsx", "again.xlsx"));

    let draft = w.path("RFP案.xlsx");
    let xml = Filled::open(&draft).part("xl/worksheets/sheet1.xml");
    assert!(
        xml.contains("t=\"inlineStr\""),
        "the long sheet is streamed"
    );
    let rows = row_heights(&draft, 1);
    let numbers: Vec<u32> = rows.iter().map(|(r, _)| *r).collect();
    assert!(
        numbers.windows(2).all(|pair| pair[0] < pair[1]),
        "rows out of order or twice"
    );
    // Header on row 1, R-0001 on row 2: the last requirement is on row N + 1.
    let last = rows.iter().find(|(r, _)| *r == N as u32 + 1).unwrap();
    assert!(last.1.is_some_and(|h| h > 34.0), "{last:?}");
    let short = rows.iter().find(|(r, _)| *r == 2).unwrap();
    assert_eq!(short.1, None);

    let mut book = Readback::open(&draft);
    let sheet = Table::read(&mut book, "住民記録", "要件ID");
    let requirements = (sheet.rows.iter())
        .filter(|r| r.first().is_some_and(|c| c.starts_with("R-")))
        .count();
    assert_eq!(requirements, N);
    assert_eq!(sheet.get(&ids[N - 1], "要件"), long);
}

/// Weight sensitivity against a hand computation.
///
/// ```text
///            area      category  w   A社        B社        A−B
///   R-01     住民記録  証明      10  × 0        ◎ 10       −10
///   R-02     住民記録  異動       5  ◎ 5        ◎ 5          0
///   T-01     税務      賦課      21  ◎ 21       × 0        +21
///   S-01     収納      収納      10  ◎ 10       ○ 7         +3
///   score                            36         22         margin 14
/// ```
/// 住民記録: G₁ 5, G₂ 15, R₁ 31, R₂ 7 → f = 24 / 10 = 2.4.
/// 税務: G₁ 21, G₂ 0, R₁ 15, R₂ 22 → f = −7 / −21 = 1/3.
/// 収納: G₁ 10, G₂ 7, R₁ 26, R₂ 15 → f = 11 / −3 < 0: no change swaps them.
/// Category 異動: equal points, no swap. F08: T-01 alone gives A社 21 ≥ 14.
#[test]
fn sensitivity_sheet_agrees_with_the_hand_computation() {
    let w = Workdir::new();
    w.xlsx(
        "requirements.xlsx",
        &[(
            "要件",
            vec![
                vec!["要件ID", "業務", "分類", "要件", "必須区分", "配点"],
                vec![
                    "R-01",
                    "住民記録",
                    "証明",
                    "住民票の写しを交付できること。",
                    "推奨",
                    "n:10",
                ],
                vec![
                    "R-02",
                    "住民記録",
                    "異動",
                    "転入届を受け付けできること。",
                    "推奨",
                    "n:5",
                ],
                vec![
                    "T-01",
                    "税務",
                    "賦課",
                    "個人住民税を賦課できること。",
                    "推奨",
                    "n:21",
                ],
                vec![
                    "S-01",
                    "収納",
                    "収納",
                    "コンビニ収納に対応できること。",
                    "推奨",
                    "n:10",
                ],
            ],
        )],
    );
    let ids = ["R-01", "R-02", "T-01", "S-01"];
    let rows = |codes: [&'static str; 4]| {
        ids.into_iter()
            .zip(codes)
            .map(|(id, code)| (id, code, "", ""))
            .collect::<Vec<_>>()
    };
    response(&w, "A社", &rows(["×", "◎", "◎", "◎"]));
    response(&w, "B社", &rows(["◎", "◎", "×", "○"]));
    let run = w.evaluate(&["-o", "評価.xlsx", "--json", "-"]);
    run.expect_code(0);
    let report = run.json();
    let groups = &report["sensitivity"]["groups"];
    assert!((groups[0]["swap_factor"].as_f64().unwrap() - 2.4).abs() < 1e-12);

    let mut book = Readback::open(&w.path("評価.xlsx"));
    assert_eq!(book.sheet_names()[3], "感度分析");
    let rows = book.rows("感度分析");
    let find = |text: &str| {
        rows.iter()
            .position(|r| r.first().is_some_and(|c| c == text))
            .unwrap_or_else(|| panic!("no {text} in {rows:?}"))
    };
    let top = find("配点の重み感度");
    assert_eq!(rows[top + 1][0], "1位: A社 / 2位: B社 / 差: 14点");
    assert_eq!(
        rows[top + 2][0],
        "順位は、業務「住民記録」の配点を×2.4に上げない限り変わりません。"
    );
    let pivotal = find("順位を左右する要件（F08）");
    assert_eq!(
        rows[pivotal + 1][0],
        "この要件1件を除くだけで1位と2位が入れ替わる（または並ぶ）要件: 1件"
    );
    assert_eq!(
        rows[pivotal + 3][..2],
        ["T-01", "個人住民税を賦課できること。"]
    );

    let table = find("業務・分類ごとの入替倍率（得点は各業務・分類内の合計）");
    assert_eq!(
        rows[table + 1][..6],
        [
            "種別",
            "業務・分類",
            "A社（1位）の得点",
            "B社（2位）の得点",
            "入替倍率",
            "判定"
        ]
    );
    let group = |kind: &str, name: &str| {
        rows[table + 2..]
            .iter()
            .find(|r| r[0] == kind && r[1] == name)
            .unwrap_or_else(|| panic!("no {kind} {name}"))
            .clone()
    };
    let factor = |row: &[String]| row[4].parse::<f64>().unwrap();
    let area = group("業務", "住民記録");
    assert_eq!(area[2..4], ["5", "15"]);
    assert!((factor(&area) - 2.4).abs() < 1e-12);
    assert_eq!(area[5], "配点を×2.4に上げると並ぶ");
    let tax = group("業務", "税務");
    assert!((factor(&tax) - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(tax[5], "配点を×0.33に下げると並ぶ");
    let collection = group("業務", "収納");
    assert_eq!(
        collection[2..6],
        ["10", "7", "", "どの倍率でも入れ替わらない"]
    );
    let moving = group("分類", "住民記録 / 異動");
    assert_eq!(moving[4..6], ["", "どの倍率でも入れ替わらない"]);
    assert!((factor(&group("分類", "住民記録 / 証明")) - 2.4).abs() < 1e-12);
    // Areas first, then categories, each in order of first appearance.
    let kinds: Vec<(&str, &str)> = rows[table + 2..]
        .iter()
        .take(7)
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("業務", "住民記録"),
            ("業務", "税務"),
            ("業務", "収納"),
            // A category is a group within its area, named area first.
            ("分類", "住民記録 / 証明"),
            ("分類", "住民記録 / 異動"),
            ("分類", "税務 / 賦課"),
            ("分類", "収納 / 収納"),
        ]
    );

    // The Fairness sheet keeps the flags only.
    let fairness = book.rows("公平性");
    assert!(
        !fairness
            .iter()
            .flatten()
            .any(|c| c == "配点の重み感度" || c == "必須要件を1件だけ緩和した場合"),
        "robustness is printed once, on its own sheet"
    );
}

/// A mandatory requirement only the incumbent meets, written around the
/// incumbent's product: demoted first, and still to be rewritten without
/// the name — the draft says both, with and without `--apply`.
#[test]
fn a_demoted_requirement_naming_the_product_still_says_rewrite() {
    let w = Workdir::new();
    w.xlsx(
        "requirements.xlsx",
        &[(
            "住民記録",
            vec![
                vec!["要件ID", "要件内容", "必須区分"],
                vec![
                    "JR-012",
                    "さくら住記Plusと同等の一画面完結型の異動入力画面を備えること。",
                    "必須",
                ],
                vec!["JR-013", "転出証明書を発行できること。", "必須"],
            ],
        )],
    );
    for (vendor, first) in [("さくら電算", "◎"), ("B社", "×"), ("C社", "×")] {
        response(
            &w,
            vendor,
            &[("JR-012", first, "", ""), ("JR-013", "◎", "", "")],
        );
    }
    w.write(
        "settings.toml",
        "brand_terms = [\"さくら住記Plus\"]\n".as_bytes(),
    );
    let rewrite = "製品名・社名（さくら住記Plus）を除き、必要な機能として中立的に書き直す";
    for apply in [false, true] {
        let out = format!("draft-{apply}.xlsx");
        let mut args = vec!["--settings", "settings.toml", "-o", &out];
        if apply {
            args.push("--apply");
        }
        w.draft(&args).expect_code(0);
        let mut book = Readback::open(&w.path(&out));
        let t = Table::read(&mut book, "住民記録", "要件ID");
        let words = t.get("JR-012", "推奨対応");
        let lines: Vec<&str> = words.lines().collect();
        assert_eq!(lines.len(), 2, "{words}");
        assert!(
            lines[0].starts_with("推奨に降格する（対応可能なベンダーが1社のみ"),
            "{words}"
        );
        assert_eq!(lines[1], rewrite);
        assert_eq!(t.get("JR-013", "推奨対応"), "維持");
        let status = if apply { "降格" } else { "" };
        assert_eq!(t.get("JR-012", "状態"), status);
    }
}
