//! `evaluate --dossiers DIR`: one workbook per vendor for the debriefing,
//! holding that vendor's own answers and results and nothing of any other
//! vendor — checked cell by cell and in the raw XML of every part.

mod common;

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader};
use common::{Readback, Workdir, response, text, vendor};

/// Three vendors whose scores share no digits with anything else in a dossier.
///
/// ```text
///            prio  w  さくら電算       北日本情報システム  中央ITセンター
///   R-001    必須  5  ◎ 5              ◎ 5                 ○ 3.5
///   R-002    必須  4  ◎ 4              × 0 (knockout)       ◎ 4
///   R-003    推奨  3  ○ 2.1 (alone)    △ 0.9 (別途見積)     × 0
///   R-004    任意  2  △ 0.6 (120万円)  ◎ 2                 ◎ 2
///   score             11.7  rank 1     7.9  rank 3          9.5  rank 2
/// ```
fn consortium(w: &Workdir) {
    w.xlsx(
        "requirements.xlsx",
        &[(
            "住民記録",
            vec![
                vec!["要件ID", "分類", "要件内容", "必須区分", "配点"],
                vec![
                    "R-001",
                    "証明",
                    "住民票の写しを交付できること。",
                    "必須",
                    "n:5",
                ],
                vec![
                    "R-002",
                    "異動",
                    "転入届を受け付けできること。",
                    "必須",
                    "n:4",
                ],
                vec![
                    "R-003",
                    "異動",
                    "異動届を一画面で入力できること。",
                    "推奨",
                    "n:3",
                ],
                vec!["R-004", "統計", "人口統計を出力できること。", "任意", "n:2"],
            ],
        )],
    );
    response(
        w,
        "さくら電算",
        &[
            ("R-001", "◎", "", "現行システムで対応済み"),
            ("R-002", "◎", "", ""),
            ("R-003", "○", "", "入力画面の設定で対応"),
            ("R-004", "△", "120万円", "帳票を追加開発"),
        ],
    );
    response(
        w,
        "北日本情報システム",
        &[
            ("R-001", "◎", "", ""),
            ("R-002", "×", "", "次期版で対応予定"),
            ("R-003", "△", "別途見積", ""),
            ("R-004", "◎", "", ""),
        ],
    );
    response(
        w,
        "中央ITセンター",
        &[
            ("R-001", "○", "", "運用で対応"),
            ("R-002", "◎", "", ""),
            ("R-003", "×", "", ""),
            ("R-004", "◎", "", ""),
        ],
    );
}

const VENDORS: [(&str, f64); 3] = [
    ("さくら電算", 11.7),
    ("北日本情報システム", 7.9),
    ("中央ITセンター", 9.5),
];

/// `evaluate` with the JSON report in `report.json` and the dossiers in `講評/`.
fn evaluate(w: &Workdir, extra: &[&str]) -> common::Run {
    let mut args = vec!["--json", "report.json", "--dossiers", "講評"];
    args.extend_from_slice(extra);
    w.evaluate(&args)
}

/// Every cell of every sheet of a workbook.
fn cells(path: &Path) -> Vec<(String, Data)> {
    let mut book = Readback::open(path);
    let mut all = Vec::new();
    for name in book.sheet_names() {
        let range = book.wb.worksheet_range(&name).unwrap();
        all.extend(range.rows().flatten().map(|d| (name.clone(), d.clone())));
    }
    all
}

/// Every part of the zip, as text.
fn parts(path: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).unwrap();
            (
                part.name().map(|n| n.into_owned()).unwrap_or_default(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        })
        .collect()
}

#[test]
fn each_dossier_holds_its_vendor_and_nothing_of_the_others() {
    let w = Workdir::new();
    consortium(&w);
    evaluate(&w, &["-o", "評価.xlsx"]).expect_code(0);
    // The scan finds what it looks for: the committee's own workbook holds
    // every vendor's name and score.
    let full = cells(&w.path("評価.xlsx"));
    let full_xml = parts(&w.path("評価.xlsx"));
    for (name, score) in VENDORS {
        assert!(full.iter().any(|(_, d)| text(d).contains(name)), "{name}");
        assert!(
            full.iter()
                .any(|(_, d)| matches!(d, Data::Float(f) if (f - score).abs() < 1e-9))
        );
        assert!(
            full_xml.iter().any(|(_, body)| body.contains(name)),
            "{name}"
        );
    }
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.path("report.json")).unwrap()).unwrap();
    for (name, score) in VENDORS {
        let v = vendor(&report, name);
        assert!(
            (v["score"].as_f64().unwrap() - score).abs() < 1e-9,
            "{name}"
        );
    }

    let mut files: Vec<String> = std::fs::read_dir(w.path("講評"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "さくら電算_個別評価.xlsx",
            "中央ITセンター_個別評価.xlsx",
            "北日本情報システム_個別評価.xlsx"
        ]
    );

    for (own, own_score) in VENDORS {
        let path = w.path(&format!("講評/{own}_個別評価.xlsx"));
        let all = cells(&path);
        let xml = parts(&path);
        let has_number = |x: f64| {
            all.iter()
                .any(|(_, d)| matches!(d, Data::Float(f) if (f - x).abs() < 1e-9))
        };
        assert!(has_number(own_score), "{own}: its own score");
        for (other, other_score) in VENDORS.iter().filter(|(n, _)| *n != own) {
            for (sheet, d) in &all {
                assert!(
                    !text(d).contains(other),
                    "{own}'s dossier names {other} on {sheet}: {d:?}"
                );
                assert!(
                    !text(d).contains(&other_score.to_string()),
                    "{own}'s dossier shows {other}'s score on {sheet}: {d:?}"
                );
            }
            assert!(
                !has_number(*other_score),
                "{own}: {other}'s score {other_score}"
            );
            for (part, body) in &xml {
                assert!(!body.contains(other), "{own}: {other} in {part}");
            }
        }
    }
}

#[test]
fn a_dossier_shows_answers_score_rank_and_notes() {
    let w = Workdir::new();
    consortium(&w);
    evaluate(&w, &[]).expect_code(0);

    let sakura = w.path("講評/さくら電算_個別評価.xlsx");
    let mut book = Readback::open(&sakura);
    assert_eq!(book.sheet_names(), ["評価結果", "回答と得点", "特記事項"]);
    let result = book.rows("評価結果");
    assert_eq!(result[0][0], "個別評価結果: さくら電算");
    let field = |rows: &[Vec<String>], label: &str| {
        rows.iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("no {label} in {rows:?}"))[1]
            .clone()
    };
    assert_eq!(field(&result, "順位"), "1位（3社中）");
    assert_eq!(field(&result, "評価点"), "11.7");
    assert_eq!(field(&result, "満点"), "14");
    assert_eq!(field(&result, "必須要件"), "適合");
    assert_eq!(field(&result, "貴社のみが対応可能と回答した要件"), "1");
    assert_eq!(field(&result, "カスタマイズ費用（税抜・円）"), "1200000");

    let answers = book.rows("回答と得点");
    assert_eq!(
        answers[1],
        [
            "要件ID",
            "業務",
            "分類",
            "要件",
            "必須区分",
            "配点",
            "回答",
            "回答区分",
            "得点",
            "カスタマイズ費用",
            "備考",
            "特記"
        ]
    );
    let points: f64 = answers[4][8].parse().unwrap();
    assert!((points - 3.0 * 0.7).abs() < 1e-9, "{points}");
    assert_eq!(
        [&answers[4][..8], &answers[4][9..]].concat(),
        [
            "R-003",
            "住民記録",
            "異動",
            "異動届を一画面で入力できること。",
            "推奨",
            "3",
            "○",
            "代替・運用",
            "",
            "入力画面の設定で対応",
            "貴社のみ対応可能（F01）"
        ]
    );
    assert_eq!(answers[5][9], "1200000");
    assert_eq!(answers[5][10], "帳票を追加開発");

    let notes = book.rows("特記事項");
    let r3 = notes.iter().find(|r| r[0] == "R-003").expect("F01 noted");
    assert_eq!(r3[4], "貴社のみ対応可能（F01）");
    assert!(!notes.iter().any(|r| r[0] == "R-002"));

    // The knocked-out vendor: rank 3, non-compliant, R-002 noted with its answer.
    let north = w.path("講評/北日本情報システム_個別評価.xlsx");
    let mut book = Readback::open(&north);
    let result = book.rows("評価結果");
    assert_eq!(field(&result, "順位"), "3位（3社中）");
    assert_eq!(field(&result, "必須要件"), "不適合");
    assert_eq!(field(&result, "満たさなかった必須要件"), "R-002");
    assert_eq!(field(&result, "費用不明（件）"), "1");
    let notes = book.rows("特記事項");
    let r2 = notes.iter().find(|r| r[0] == "R-002").expect("F05 noted");
    assert_eq!(r2[3], "×");
    assert_eq!(r2[4], "必須要件の不適合（F05）");
    assert_eq!(
        r2[5],
        "必須要件に対し回答が「対応不可」のため、必須要件を満たさないと判定しました。"
    );
    // The problems found in its own form travel with it.
    assert!(
        notes.iter().any(|r| r.iter().any(|c| c == "別途見積")),
        "{notes:?}"
    );
}

#[test]
fn dossiers_are_kept_without_force_and_never_replace_a_response() {
    let w = Workdir::new();
    consortium(&w);
    evaluate(&w, &[]).expect_code(0);
    let earlier = std::fs::read(w.path("講評/さくら電算_個別評価.xlsx")).unwrap();
    std::fs::remove_file(w.path("report.json")).unwrap();

    let run = evaluate(&w, &[]);
    run.expect_code(2);
    assert!(run.stderr().contains("--force"), "{}", run.stderr());
    assert!(
        !w.path("report.json").exists(),
        "a refused dossier stops the run before anything is written"
    );
    evaluate(&w, &["--force"]).expect_code(0);
    let again = std::fs::read(w.path("講評/さくら電算_個別評価.xlsx")).unwrap();
    assert_eq!(again, earlier, "same inputs and date, same bytes");

    // A dossier folder equal to the responses folder leaves every response as it was.
    let original = std::fs::read(w.path("responses/中央ITセンター.xlsx")).unwrap();
    w.evaluate(&["--json", "-", "--dossiers", "responses", "--force"])
        .expect_code(0);
    assert_eq!(
        std::fs::read(w.path("responses/中央ITセンター.xlsx")).unwrap(),
        original
    );
    assert!(w.path("responses/中央ITセンター_個別評価.xlsx").exists());

    // A response file that bears a dossier's name is an input: the run is
    // refused before anything is written, even with --force.
    for entry in std::fs::read_dir(w.path("responses")).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with("_個別評価.xlsx") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let clash = response(
        &w,
        "中央ITセンター_個別評価",
        &[
            ("R-001", "◎", "", "同名の回答"),
            ("R-002", "◎", "", ""),
            ("R-003", "◎", "", ""),
            ("R-004", "◎", "", ""),
        ],
    );
    let clash_bytes = std::fs::read(&clash).unwrap();
    let run = w.evaluate(&["--json", "-", "--dossiers", "responses", "--force"]);
    run.expect_code(2);
    assert_eq!(
        run.stderr().trim_end(),
        "fairbid: responses/中央ITセンター_個別評価.xlsx: この出力先は入力ファイルの一つです。別の出力ファイルを指定してください（入力ファイルは書き換えません）"
    );
    // In English the dossier is named "_debriefing": the same clash, in English.
    let clash_en = w.path("responses/中央ITセンター_debriefing.xlsx");
    std::fs::rename(&clash, &clash_en).unwrap();
    let run = w.evaluate(&[
        "--json",
        "-",
        "--dossiers",
        "responses",
        "--force",
        "--lang",
        "en",
    ]);
    run.expect_code(2);
    assert_eq!(
        run.stderr().trim_end(),
        "fairbid: responses/中央ITセンター_debriefing.xlsx: this output path is also an input; choose another output file (inputs are never modified)"
    );
    assert!(run.stdout().is_empty(), "{}", run.stdout());
    std::fs::rename(&clash_en, &clash).unwrap();
    assert!(run.stdout().is_empty(), "{}", run.stdout());
    assert_eq!(std::fs::read(&clash).unwrap(), clash_bytes);
    let mut left: Vec<String> = std::fs::read_dir(w.path("responses"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "さくら電算.xlsx",
            "中央ITセンター.xlsx",
            "中央ITセンター_個別評価.xlsx",
            "北日本情報システム.xlsx"
        ],
        "no other dossier written"
    );
}
