//! The workbook and the JSON, rendered from a small consortium built in code
//! and read back (calamine for cells, zip for the parts calamine does not
//! expose: notes, styles, page setup).
//!
//! The consortium: three requirements, three vendors, three member towns.
//!
//! ```text
//!          | 優先 | 配点 | A社 (株式会社エー情報システム) | B社             | C社
//!   R-001  | 必須 | 3    | ◎ 3                            | × 0  (knockout) | ○ 2.1
//!   R-002  | 推奨 | 2    | △ 0.6 (¥1,200,000)             | △ 0.6 (別途見積) | ◎ 2
//!   R-003  | 任意 | 1    | ◎ 1                            | =1+1 0 (invalid) | (missing) 0
//!   score               4.6 (rank 1)                     0.6 (rank 3)      4.1 (rank 2)
//! ```

use std::io::{Cursor, Read};

use calamine::{Data, Range, Reader, Xlsx};

use super::roster::{OwnView, Roster};
use super::*;
use crate::model::*;

fn requirement(
    id: &str,
    area: &str,
    category: &str,
    text: &str,
    priority: Priority,
    weight: f64,
    row: u32,
) -> Requirement {
    Requirement {
        id: id.into(),
        area: area.into(),
        category: category.into(),
        text: text.into(),
        priority,
        weight,
        sheet: area.into(),
        row,
    }
}

/// An answer with its code as written, for [`Codes::coded`].
fn answer(code: &str, level: Level, cost: Cost, remarks: &str) -> (String, Answer) {
    let answer = Answer {
        level,
        cost,
        remarks: remarks.into(),
        at: Some(Place {
            sheet: std::sync::Arc::new("回答".into()),
            row: 1,
            col: 4,
        }),
        ..Answer::default()
    };
    (code.to_string(), answer)
}

fn levels(counts: [usize; 6]) -> LevelCounts {
    let mut l = LevelCounts::default();
    for (level, n) in Level::ALL.into_iter().zip(counts) {
        for _ in 0..n {
            l.add(level);
        }
    }
    l
}

/// The consortium's vendors, in the order their responses were given.
const VENDORS: [&str; 3] = ["A社", "B社", "C社"];

/// A vendor of the consortium by name.
fn vid(name: &str) -> VendorId {
    VendorId::new(
        VENDORS
            .iter()
            .position(|v| *v == name)
            .expect("a vendor of the consortium"),
    )
}

/// A flag on the requirement at `req` (matrix index), naming `vendors`.
fn flag(
    code: FlagCode,
    severity: FlagSeverity,
    req: Option<usize>,
    vendors: &[&str],
    detail: FlagDetail,
) -> Flag {
    Flag {
        code,
        severity,
        requirement: req.map(ReqIx::new),
        vendors: vendors.iter().map(|v| vid(v)).collect(),
        detail,
    }
}

/// How many vendors answered each level, per requirement.
fn requirement_levels(inputs: &Inputs) -> Vec<LevelCounts> {
    (0..inputs.requirements.len())
        .map(|i| {
            let mut counts = LevelCounts::default();
            for v in &inputs.vendors {
                counts.add(v.answers[i].level);
            }
            counts
        })
        .collect()
}

/// A roster naming the vendors by their own names.
fn roster(inputs: &Inputs, lang: Lang) -> Roster {
    Roster::names(inputs, &Labels::load(lang).unwrap())
}

fn consortium() -> (Inputs, Analysis) {
    let requirements = vec![
        requirement(
            "R-001",
            "住民記録",
            "窓口業務",
            "転入届の受付時に本人確認書類の種類を記録できること。",
            Priority::Mandatory,
            3.0,
            5,
        ),
        requirement(
            "R-002",
            "住民記録",
            "証明発行",
            "住民票の写しを圧着はがき形式で出力できること。",
            Priority::Desirable,
            2.0,
            6,
        ),
        requirement(
            "R-003",
            "税務",
            "個人住民税",
            "特別徴収税額通知を電子で送付できること。",
            Priority::Optional,
            1.0,
            5,
        ),
    ];
    let vendor = |name: &str, display: Option<&str>, coded: Vec<(String, Answer)>| {
        let (answers, codes) = Codes::coded(coded);
        VendorResponse {
            name: name.into(),
            display_name: display.map(String::from),
            file: format!("{name}.xlsx"),
            codes,
            copies: Default::default(),
            answers,
        }
    };
    let vendors = vec![
        vendor(
            "A社",
            Some("株式会社エー情報システム"),
            vec![
                answer("◎", Level::Standard, Cost::NotStated, ""),
                answer(
                    "△",
                    Level::Customization,
                    Cost::Yen(1_200_000.0),
                    "帳票レイアウトの追加で対応します。",
                ),
                answer("◎", Level::Standard, Cost::NotStated, ""),
            ],
        ),
        vendor(
            "B社",
            None,
            vec![
                answer("×", Level::Unsupported, Cost::NotStated, ""),
                answer(
                    "△",
                    Level::Customization,
                    Cost::unknown("別途見積"),
                    "=HYPERLINK(\"x\")",
                ),
                answer("=1+1", Level::Invalid, Cost::NotStated, ""),
            ],
        ),
        vendor(
            "C社",
            Some("C社"),
            vec![
                answer(
                    "○",
                    Level::Alternative,
                    Cost::NotStated,
                    "運用で対応します。",
                ),
                answer("◎", Level::Standard, Cost::NotStated, ""),
                answer("", Level::Missing, Cost::NotStated, ""),
            ],
        ),
    ];
    let requests = MemberRequests {
        file: "要望.xlsx".into(),
        members: vec!["甲町".into(), "乙村".into(), "丙町".into()],
        by_requirement: vec![vec![], vec![0, 1], vec![0]],
    };
    let findings = vec![
        Finding::file(
            "B社.xlsx",
            Severity::Error,
            FindingKind::InvalidAnswer {
                code: "=1+1".into(),
                legend: [
                    (Level::Standard, vec!["◎".to_string()]),
                    (Level::Alternative, vec!["○".to_string()]),
                    (Level::Customization, vec!["△".to_string()]),
                    (Level::Unsupported, vec!["×".to_string()]),
                ]
                .into(),
            },
        )
        .on_sheet("回答", 0)
        .at_cell(6, 3)
        .with_value("=1+1"),
        Finding::file(
            "B社.xlsx",
            Severity::Warning,
            FindingKind::Formula {
                field: CheckedField::Cost,
            },
        )
        .on_sheet("回答", 0)
        .at_cell(6, 4)
        .with_value("@SUM(A1)"),
        Finding::file(
            "C社.xlsx",
            Severity::Warning,
            FindingKind::MissingRequirement { id: "R-003".into() },
        )
        .on_sheet("回答", 0)
        .at_cell(6, 3),
    ];
    let sha = |c: char| c.to_string().repeat(64);
    let files = vec![
        InputFile {
            file: "要件一覧.xlsx".into(),
            role: Role::Requirements,
            sha256: sha('a'),
            rows: 3,
        },
        InputFile {
            file: "A社.xlsx".into(),
            role: Role::Response,
            sha256: sha('b'),
            rows: 3,
        },
        InputFile {
            file: "B社.xlsx".into(),
            role: Role::Response,
            sha256: sha('c'),
            rows: 3,
        },
        InputFile {
            file: "C社.xlsx".into(),
            role: Role::Response,
            sha256: sha('d'),
            rows: 2,
        },
        InputFile {
            file: "要望.xlsx".into(),
            role: Role::Requests,
            sha256: sha('e'),
            rows: 2,
        },
    ];
    let inputs = Inputs {
        requirements,
        vendors,
        requests: Some(requests),
        prices: None,
        findings,
        files,
        committee: None,
        decisions: None,
        key: None,
    };

    let result = |name: &str,
                  rank,
                  points: [f64; 3],
                  compliant,
                  knockouts: &[usize],
                  counts,
                  cost,
                  unknown| {
        let score: f64 = points.iter().sum();
        VendorResult {
            vendor: vid(name),
            rank,
            score,
            max_score: 6.0,
            percent: 100.0 * score / 6.0,
            compliant,
            knockouts: knockouts.iter().map(|&k| ReqIx::new(k)).collect(),
            levels: levels(counts),
            customization_cost: cost,
            customization_cost_unknown: unknown,
            points: points.to_vec(),
        }
    };
    let f09 = flag(
        FlagCode::F09,
        FlagSeverity::High,
        Some(0),
        &["C社"],
        FlagDetail::Altered {
            similarity: 0.82,
            copy: "転入届の受付時に本人確認書類を記録できること。".into(),
        },
    );
    let analysis = Analysis {
        vendors: vec![
            result(
                "A社",
                1,
                [3.0, 0.6, 1.0],
                true,
                &[],
                [2, 0, 1, 0, 0, 0],
                1_200_000.0,
                0,
            ),
            result(
                "C社",
                2,
                [2.1, 2.0, 0.0],
                true,
                &[],
                [1, 1, 0, 0, 1, 0],
                0.0,
                0,
            ),
            result(
                "B社",
                3,
                [0.0, 0.6, 0.0],
                false,
                &[0],
                [0, 0, 1, 1, 0, 1],
                0.0,
                1,
            ),
        ],
        // R-001: A社 ◎, B社 ×, C社 ○; R-002: △, △, ◎; R-003: ◎, invalid, missing.
        requirement_levels: vec![
            levels([1, 1, 0, 1, 0, 0]),
            levels([1, 0, 2, 0, 0, 0]),
            levels([1, 0, 0, 0, 1, 1]),
        ],
        flags: vec![
            flag(
                FlagCode::F02,
                FlagSeverity::Low,
                Some(0),
                &["A社"],
                FlagDetail::Counts,
            ),
            flag(
                FlagCode::F05,
                FlagSeverity::High,
                Some(0),
                &["B社"],
                FlagDetail::Knockout {
                    levels: vec![Level::Unsupported],
                },
            ),
            f09,
            flag(
                FlagCode::F08,
                FlagSeverity::Medium,
                Some(2),
                &["A社", "C社"],
                FlagDetail::Pivotal {
                    gap: 1.0,
                    margin: 0.5,
                },
            ),
        ],
        competition: Competition {
            compliant_vendors: 2,
            min_competitors: 2,
            relief: vec![],
        },
        customization: vec![
            CustomizationItem {
                requirement: ReqIx::new(1),
                vendors: vec![vid("A社"), vid("B社")],
                cost_min: Some(1_200_000.0),
                cost_median: Some(1_200_000.0),
                cost_max: Some(1_200_000.0),
                cost_unknown: 1,
                // 甲町, 乙村
                members: vec![MemberId::new(0), MemberId::new(1)],
                recommendation: CustomizationAdvice::Standardize,
                vendor_costs: vec![Some(1_200_000.0), None],
            },
            CustomizationItem {
                requirement: ReqIx::new(2),
                vendors: vec![],
                cost_min: None,
                cost_median: None,
                cost_max: None,
                cost_unknown: 0,
                members: vec![MemberId::new(0)],
                recommendation: CustomizationAdvice::AdaptOperations,
                vendor_costs: vec![],
            },
        ],
        sensitivity: Some(Sensitivity {
            first: vid("A社"),
            second: vid("C社"),
            margin: 0.5,
            groups: vec![
                GroupSensitivity {
                    kind: GroupKind::Area,
                    name: "住民記録".into(),
                    area: "住民記録".into(),
                    category: None,
                    swap_factor: Some(2.0 / 3.0),
                },
                GroupSensitivity {
                    kind: GroupKind::Area,
                    name: "税務".into(),
                    area: "税務".into(),
                    category: None,
                    swap_factor: None,
                },
            ],
        }),
        knockout_whatifs: vec![KnockoutWhatIf {
            requirement: ReqIx::new(0),
            vendors: vec![vid("B社")],
            compliant_if_relaxed: 3,
        }],
        relief_sets: vec![(2, Some(vec![])), (3, Some(vec![ReqIx::new(0)])), (4, None)],
        recommendations: vec![
            Recommendation::Keep,
            Recommendation::Standardize,
            Recommendation::AdaptOperations {
                members: vec![MemberId::new(0)],
            },
        ],
        award: None,
        committee: None,
        decisions: None,
        legend_whatifs: Vec::new(),
    };
    (inputs, analysis)
}

/// 2025-04-01 00:00:00 UTC.
const CREATED: i64 = 1_743_465_600;

fn render(inputs: &Inputs, analysis: &Analysis, lang: Lang) -> Vec<u8> {
    render_at(inputs, analysis, lang, CREATED)
}

/// The workbook as `evaluate` writes it, dated `created`.
fn render_at(inputs: &Inputs, analysis: &Analysis, lang: Lang, created: i64) -> Vec<u8> {
    let settings = Settings {
        title: "○○広域連合 基幹系システム".into(),
        ..Settings::default()
    };
    let run = RunInfo {
        settings: &settings,
        lang,
        created,
    };
    xlsx::render(inputs, analysis, &run, xlsx::matrix::MAX_NOTES).unwrap()
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).unwrap()
}

fn sheet(bytes: &[u8], name: &str) -> Range<Data> {
    open(bytes).worksheet_range(name).unwrap()
}

/// A cell as text: strings as they are, numbers as Rust prints them.
fn at(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

/// The first row whose column `col` holds `text`.
fn find_row(range: &Range<Data>, col: u32, text: &str) -> u32 {
    let (_, end) = (range.start().unwrap(), range.end().unwrap());
    (0..=end.0)
        .find(|&r| at(range, r, col) == text)
        .unwrap_or_else(|| panic!("no row with {text:?} in column {col}"))
}

fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut part = zip.by_name(name).unwrap();
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

/// The cell format (`<xf …>` of styles.xml) of a cell of the `n`th sheet.
fn cell_xf(bytes: &[u8], n: usize, cell: &str) -> String {
    let sheet = zip_part(bytes, &format!("xl/worksheets/sheet{n}.xml"));
    let start = sheet
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("{cell} on sheet{n}"));
    let tag = &sheet[start..start + sheet[start..].find('>').unwrap()];
    let index: usize = tag
        .split(" s=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map_or(0, |s| s.parse().unwrap());
    let styles = zip_part(bytes, "xl/styles.xml");
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    xfs.split("<xf ")
        .nth(index + 1)
        .expect("xf present")
        .to_string()
}

#[test]
fn sheets_in_order_in_both_languages() {
    let (inputs, analysis) = consortium();
    let ja = open(&render(&inputs, &analysis, Lang::Ja)).sheet_names();
    assert_eq!(
        ja,
        [
            "概要",
            "要件別評価",
            "公平性",
            "感度分析",
            "回答備考",
            "カスタマイズ",
            "団体別",
            "業務別",
            "検証結果",
            "来歴"
        ]
    );
    let en = open(&render(&inputs, &analysis, Lang::En)).sheet_names();
    assert_eq!(
        en,
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
fn summary_ranks_vendors_and_says_price_is_not_scored() {
    let (inputs, analysis) = consortium();
    let bytes = render(&inputs, &analysis, Lang::Ja);
    let s = sheet(&bytes, "概要");
    assert_eq!(at(&s, 0, 0), "○○広域連合 基幹系システム");
    assert_eq!(at(&s, 1, 0), "作成日: 2025年4月1日");
    assert!(at(&s, 2, 0).contains("機能要件適合度"));
    assert!(at(&s, 2, 0).contains("価格は含みません"));
    assert_eq!(
        at(&s, 3, 0),
        "必須要件をすべて満たすベンダー: 2社（必要な競争者数: 2社）"
    );
    assert_eq!(at(&s, 4, 0), "公平性フラグ: 高 2件 / 中 1件 / 低 1件");
    assert_eq!(at(&s, 5, 0), "入力の検証: エラー 1件 / 警告 2件");

    let h = find_row(&s, 0, "順位");
    assert_eq!(at(&s, h, 12), "カスタマイズ費用（税抜・円）");
    assert_eq!(at(&s, h, 8), "カスタマイズ");
    let rows: Vec<[String; 6]> = (h + 1..h + 4)
        .map(|r| {
            [
                at(&s, r, 0),
                at(&s, r, 1),
                at(&s, r, 2),
                at(&s, r, 5),
                at(&s, r, 12),
                at(&s, r, 14),
            ]
        })
        .collect();
    assert_eq!(
        rows[0],
        [
            "1",
            "A社（株式会社エー情報システム）",
            "4.6",
            "適合",
            "1200000",
            ""
        ]
        .map(String::from)
    );
    assert_eq!(
        rows[1],
        ["2", "C社", "4.1", "適合", "0", ""].map(String::from)
    );
    assert_eq!(
        rows[2],
        ["3", "B社", "0.6", "不適合", "0", "R-001"].map(String::from)
    );
    // Level counts of B社: standard 0 … invalid 1; unknown cost 1.
    let b: Vec<String> = (6..14).map(|c| at(&s, h + 3, c)).collect();
    assert_eq!(b, ["0", "0", "1", "1", "0", "1", "0", "1"]);
    let percent: f64 = at(&s, h + 1, 4).parse().unwrap();
    assert!((percent - 76.666_666).abs() < 1e-4);
}

#[test]
fn summary_in_english() {
    let (inputs, analysis) = consortium();
    let s = sheet(&render(&inputs, &analysis, Lang::En), "Summary");
    assert!(at(&s, 2, 0).contains("Price is not part of it"));
    let h = find_row(&s, 0, "Rank");
    assert_eq!(at(&s, h, 12), "Customization cost (yen, excl. tax)");
    assert_eq!(at(&s, h + 3, 5), "Non-compliant");
}

#[test]
fn matrix_shows_codes_points_capable_and_flags() {
    let (inputs, analysis) = consortium();
    let bytes = render(&inputs, &analysis, Lang::Ja);
    let m = sheet(&bytes, "要件別評価");
    // Legend row, vendor row, header row.
    assert_eq!(at(&m, 0, 0), "凡例");
    assert_eq!(at(&m, 0, 1), "標準機能");
    assert_eq!(at(&m, 1, 6), "A社（株式会社エー情報システム）");
    assert_eq!(at(&m, 1, 8), "C社");
    assert_eq!(at(&m, 1, 10), "B社");
    let header: Vec<String> = (0..14).map(|c| at(&m, 2, c)).collect();
    assert_eq!(
        header,
        [
            "要件ID",
            "業務",
            "分類",
            "要件",
            "必須区分",
            "配点",
            "回答",
            "得点",
            "回答",
            "得点",
            "回答",
            "得点",
            "対応可能数",
            "フラグ"
        ]
    );
    let r1: Vec<String> = (0..14).map(|c| at(&m, 3, c)).collect();
    assert_eq!(
        r1,
        [
            "R-001",
            "住民記録",
            "窓口業務",
            "転入届の受付時に本人確認書類の種類を記録できること。",
            "必須",
            "3",
            "◎",
            "3",
            "○",
            "2.1",
            "×",
            "0",
            "2",
            "F02 F05 F09"
        ]
    );
    assert_eq!(at(&m, 4, 13), "");
    assert_eq!(at(&m, 5, 13), "F08");
    assert_eq!(at(&m, 5, 8), "", "C社 gave no answer to R-003");
    assert_eq!(at(&m, 5, 12), "1");
}

#[test]
fn input_text_is_never_a_formula() {
    let (inputs, analysis) = consortium();
    let bytes = render(&inputs, &analysis, Lang::Ja);
    let m = sheet(&bytes, "要件別評価");
    assert_eq!(at(&m, 5, 10), "=1+1");
    let v = sheet(&bytes, "検証結果");
    let row = find_row(&v, 5, "@SUM(A1)");
    assert_eq!(at(&v, row, 2), "E7");
    let mut book = open(&bytes);
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "formula on {name}"
        );
    }
    // Both texts keep a quote prefix against later edits.
    assert!(cell_xf(&bytes, 2, "K6").contains("quotePrefix=\"1\""));
    let cell = cell_ref(row, 5);
    assert!(
        cell_xf(&bytes, 9, &cell).contains("quotePrefix=\"1\""),
        "{cell}"
    );
}

#[test]
fn remarks_are_notes_on_the_answer_cell() {
    let (inputs, analysis) = consortium();
    let bytes = render(&inputs, &analysis, Lang::Ja);
    let comments = zip_part(&bytes, "xl/comments1.xml");
    assert!(comments.contains("帳票レイアウトの追加で対応します。"));
    assert!(comments.contains("運用で対応します。"));
    // A社 on R-002 is G5, C社 on R-001 is I4.
    assert!(comments.contains("ref=\"G5\""), "{comments}");
    assert!(comments.contains("ref=\"I4\""), "{comments}");
    assert!(comments.contains("<author>A社</author>"));
}

#[test]
fn too_many_remarks_go_into_columns() {
    let (inputs, analysis) = consortium();
    let settings = Settings::default();
    let run = RunInfo {
        settings: &settings,
        lang: Lang::Ja,
        created: CREATED,
    };
    // Three remarks, at most two as notes.
    let bytes = xlsx::render(&inputs, &analysis, &run, 2).unwrap();
    let m = sheet(&bytes, "要件別評価");
    assert_eq!(
        at(&m, 0, 8),
        "備考が3件と多いため、セルのメモではなく各ベンダーの「備考」列に記載しています。"
    );
    let header: Vec<String> = (6..17).map(|c| at(&m, 2, c)).collect();
    assert_eq!(
        header,
        [
            "回答",
            "得点",
            "備考",
            "回答",
            "得点",
            "備考",
            "回答",
            "得点",
            "備考",
            "対応可能数",
            "フラグ"
        ]
    );
    assert_eq!(at(&m, 1, 9), "C社");
    // A社 on R-002, C社 on R-001, B社 on R-002.
    assert_eq!(at(&m, 4, 8), "帳票レイアウトの追加で対応します。");
    assert_eq!(at(&m, 3, 11), "運用で対応します。");
    assert_eq!(at(&m, 4, 14), "=HYPERLINK(\"x\")");
    assert_eq!(at(&m, 3, 16), "F02 F05 F09");
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    assert!(
        zip.by_name("xl/comments1.xml").is_err(),
        "no notes when remarks are in columns"
    );
}

#[test]
fn fairness_lists_flags_and_robustness() {
    let (inputs, analysis) = consortium();
    let bytes = render(&inputs, &analysis, Lang::Ja);
    let f = sheet(&bytes, "公平性");
    assert_eq!(at(&f, 1, 0), "コード");
    let r = find_row(&f, 0, "F05");
    let row: Vec<String> = (0..8).map(|c| at(&f, r, c)).collect();
    // The flag's words, as its own file says them under the roster's names.
    let roster = roster(&inputs, Lang::Ja);
    let say = roster.say(Lang::Ja, &inputs.requirements, &analysis);
    let f05 = (analysis.flags.iter())
        .find(|f| f.code == FlagCode::F05)
        .unwrap();
    let words = crate::analyze::flags::words(f05, &say);
    assert_eq!(
        words.message,
        "必須要件 R-001 により B社 が失格となります（B社：対応不可）。"
    );
    assert_eq!(
        row,
        [
            "F05",
            "必須要件の不適合",
            "高",
            "R-001",
            "転入届の受付時に本人確認書類の種類を記録できること。",
            "B社",
            &words.message,
            &words.recommendation
        ]
    );
    let r = find_row(&f, 0, "F09");
    assert_eq!(at(&f, r, 8), "0.82");
    let r = find_row(&f, 0, "F08");
    assert_eq!(at(&f, r, 5), "A社、C社");
    assert_eq!(at(&f, r, 2), "中");

    assert!(
        !(0..40).any(|r| at(&f, r, 0) == "必須要件を1件だけ緩和した場合"),
        "the robustness tables have their own sheet"
    );
}

#[test]
fn sensitivity_sheet_holds_swap_factors_what_ifs_and_relief() {
    let (inputs, analysis) = consortium();
    let bytes = render(&inputs, &analysis, Lang::Ja);
    let f = sheet(&bytes, "感度分析");
    assert_eq!(at(&f, 0, 0), "感度分析（順位の安定性）");
    let st = find_row(&f, 0, "配点の重み感度");
    assert_eq!(at(&f, st + 1, 0), "1位: A社 / 2位: C社 / 差: 0.5点");
    assert_eq!(
        at(&f, st + 2, 0),
        "順位は、業務「住民記録」の配点を×0.67に下げない限り変わりません。"
    );

    // The nearest groups, plotted: only 住民記録 has a swap factor.
    let near = find_row(&f, 1, "住民記録");
    assert_eq!(at(&f, near - 1, 2), "入替倍率");
    assert!((at(&f, near, 2).parse::<f64>().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(at(&f, near, 3), "配点を×0.67に下げると並ぶ");
    let chart = zip_part(&bytes, "xl/charts/chart2.xml");
    assert!(chart.contains("<c:barDir val=\"bar\"/>"));
    assert!(
        chart.contains(&format!("感度分析!$C${}", near + 1)),
        "{chart}"
    );

    let p = find_row(&f, 0, "順位を左右する要件（F08）");
    assert_eq!(
        at(&f, p + 1, 0),
        "この要件1件を除くだけで1位と2位が入れ替わる（または並ぶ）要件: 1件"
    );
    assert_eq!(at(&f, p + 3, 0), "R-003");

    let w = find_row(&f, 0, "必須要件を1件だけ緩和した場合");
    assert_eq!(at(&f, w + 2, 0), "R-001");
    assert_eq!(at(&f, w + 2, 2), "B社");
    assert_eq!(at(&f, w + 2, 3), "3");
    let rs = find_row(&f, 0, "競争性の確保に必要な最小の緩和");
    assert_eq!(at(&f, rs + 2, 1), "緩和不要（達成済み）");
    assert_eq!(at(&f, rs + 3, 1), "R-001");
    assert_eq!(at(&f, rs + 4, 1), "該当なし（ベンダー数が不足）");

    // Every group last, with the points a committee member checks by hand:
    // 住民記録 A社 3 + 0.6, C社 2.1 + 2; 税務 A社 1, C社 0.
    let g = find_row(
        &f,
        0,
        "業務・分類ごとの入替倍率（得点は各業務・分類内の合計）",
    );
    assert_eq!(at(&f, g + 1, 2), "A社（1位）の得点");
    assert_eq!(at(&f, g + 2, 0), "業務");
    assert_eq!(at(&f, g + 2, 1), "住民記録");
    assert!((at(&f, g + 2, 2).parse::<f64>().unwrap() - 3.6).abs() < 1e-9);
    assert!((at(&f, g + 2, 3).parse::<f64>().unwrap() - 4.1).abs() < 1e-9);
    assert_eq!(at(&f, g + 3, 1), "税務");
    assert_eq!(at(&f, g + 3, 4), "");
    assert_eq!(at(&f, g + 3, 5), "どの倍率でも入れ替わらない");
}

#[test]
fn fairness_without_flags_or_sensitivity_says_so() {
    let (inputs, mut analysis) = consortium();
    analysis.flags.clear();
    analysis.sensitivity = None;
    let bytes = render(&inputs, &analysis, Lang::En);
    let f = sheet(&bytes, "Fairness");
    assert_eq!(at(&f, 2, 0), "No fairness flags were raised.");
    let s = sheet(&bytes, "Sensitivity");
    find_row(
        &s,
        0,
        "Fewer than two vendors meet every mandatory requirement, so weight sensitivity was not computed.",
    );
    find_row(&s, 0, "Relaxing one mandatory requirement");
}

#[test]
fn customization_tally_and_requests_by_member() {
    let (inputs, analysis) = consortium();
    let bytes = render(&inputs, &analysis, Lang::Ja);
    let c = sheet(&bytes, "カスタマイズ");
    assert_eq!(
        at(&c, 1, 0),
        "費用は税抜・円。中央値は費用が判明しているベンダーのみで計算しています。"
    );
    let r = find_row(&c, 0, "R-002");
    let row: Vec<String> = (0..10).map(|col| at(&c, r, col)).collect();
    assert_eq!(
        row,
        [
            "R-002",
            "住民記録",
            "住民票の写しを圧着はがき形式で出力できること。",
            "A社：¥1,200,000\nB社：費用不明",
            "1200000",
            "1200000",
            "1200000",
            "1",
            "甲町、乙村",
            "標準機能化を要請"
        ]
    );
    assert_eq!(at(&c, r + 1, 0), "R-003");
    assert_eq!(at(&c, r + 1, 4), "");
    assert_eq!(at(&c, r + 1, 9), "運用で対応（ノンカスタマイズ）");
    // The members' table is a sheet of its own.
    assert!((0..=c.end().unwrap().0).all(|r| at(&c, r, 0) != "団体"));

    let c = sheet(&bytes, "団体別");
    assert_eq!(at(&c, 0, 0), "構成団体別の要望");
    let m = find_row(&c, 0, "団体");
    assert_eq!(m, 2);
    let rows: Vec<[String; 5]> = (m + 1..m + 5)
        .map(|r| {
            [
                at(&c, r, 0),
                at(&c, r, 1),
                at(&c, r, 2),
                at(&c, r, 3),
                at(&c, r, 4),
            ]
        })
        .collect();
    assert_eq!(rows[0][..2], ["甲町", "R-002"]);
    assert_eq!(rows[0][3..], ["標準機能化を要請", "2"]);
    assert_eq!(rows[1][..2], ["甲町", "R-003"]);
    assert_eq!(rows[1][3..], ["運用で対応（ノンカスタマイズ）", ""]);
    assert_eq!(
        rows[2],
        [
            "乙村",
            "R-002",
            "住民票の写しを圧着はがき形式で出力できること。",
            "標準機能化を要請",
            "1"
        ]
    );
    assert_eq!(rows[3], ["丙町", "—", "要望なし", "—", "0"]);
}

#[test]
fn by_area_percent_per_vendor() {
    let (inputs, analysis) = consortium();
    let bytes = render(&inputs, &analysis, Lang::Ja);
    let b = sheet(&bytes, "業務別");
    // The chart stands between the title and the table.
    let h = find_row(&b, 0, "業務");
    assert!(h > 10, "{h}");
    let header: Vec<String> = (0..6).map(|c| at(&b, h, c)).collect();
    assert_eq!(
        header,
        [
            "業務",
            "要件数",
            "配点合計",
            "A社（株式会社エー情報システム）",
            "C社",
            "B社"
        ]
    );
    assert_eq!(
        [at(&b, h + 1, 0), at(&b, h + 1, 1), at(&b, h + 1, 2)],
        ["住民記録", "2", "5"]
    );
    let pct = |r, c| at(&b, r, c).parse::<f64>().unwrap();
    assert!((pct(h + 1, 3) - 72.0).abs() < 1e-9);
    assert!((pct(h + 1, 4) - 82.0).abs() < 1e-9);
    assert!((pct(h + 1, 5) - 12.0).abs() < 1e-9);
    assert_eq!(at(&b, h + 2, 0), "税務");
    assert!((pct(h + 2, 3) - 100.0).abs() < 1e-9);
    // Charts are numbered in sheet order: Summary, Sensitivity, By area.
    assert!(zip_part(&bytes, "xl/charts/chart3.xml").contains("<c:barDir val=\"col\"/>"));
}

#[test]
fn validation_rows_and_empty_state() {
    let (mut inputs, analysis) = consortium();
    let bytes = render(&inputs, &analysis, Lang::Ja);
    let v = sheet(&bytes, "検証結果");
    assert_eq!(at(&v, 1, 0), "エラー 1件 / 警告 2件");
    let row: Vec<String> = (0..6).map(|c| at(&v, 3, c)).collect();
    assert_eq!(
        row,
        [
            "B社.xlsx",
            "回答",
            "D7",
            "エラー",
            "回答「=1+1」は凡例にないため無効（0点）として扱います。凡例の記号（標準: ◎／代替: ○／カスタマイズ: △／対応不可: ×）のいずれかで回答してください。",
            "=1+1"
        ]
    );
    assert_eq!(at(&v, 5, 3), "警告");
    assert_eq!(at(&v, 5, 5), "");

    inputs.findings.clear();
    let v = sheet(&render(&inputs, &analysis, Lang::Ja), "検証結果");
    assert_eq!(at(&v, 3, 0), "入力に問題は見つかりませんでした。");
}

#[test]
fn provenance_records_files_and_settings() {
    let (inputs, analysis) = consortium();
    let p = sheet(&render(&inputs, &analysis, Lang::Ja), "来歴");
    assert_eq!(
        at(&p, 1, 1),
        format!("fairbid {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(at(&p, 2, 1), "2025年4月1日");
    assert_eq!(at(&p, 3, 1), "日本語");
    let r = find_row(&p, 0, "A社.xlsx");
    assert_eq!(
        [at(&p, r, 1), at(&p, r, 2), at(&p, r, 3)],
        ["ベンダー回答".to_string(), "b".repeat(64), "3".to_string()]
    );
    find_row(&p, 0, "min_competitors = 2");
    find_row(&p, 0, "title = \"○○広域連合 基幹系システム\"");
}

#[test]
fn every_sheet_prints_on_a4_landscape_one_page_wide() {
    let (inputs, analysis) = consortium();
    let bytes = render(&inputs, &analysis, Lang::Ja);
    for n in 1..=8 {
        let xml = zip_part(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "sheet{n}");
        assert!(
            xml.contains("<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\""),
            "sheet{n}"
        );
        assert!(
            xml.contains(
                "<oddHeader>&amp;L○○広域連合 基幹系システム&amp;R2025年4月1日</oddHeader>"
            ),
            "sheet{n}"
        );
        assert!(
            xml.contains("<oddFooter>&amp;C&amp;P / &amp;N&amp;R取扱注意</oddFooter>"),
            "sheet{n}"
        );
    }
    let workbook = zip_part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"));
}

#[test]
fn same_inputs_and_date_give_the_same_bytes() {
    let (inputs, analysis) = consortium();
    let first = render(&inputs, &analysis, Lang::Ja);
    let second = render(&inputs, &analysis, Lang::Ja);
    assert!(first == second, "two renders differ");
    // Only the date differs: the document's creation time shows the next day.
    let other = render_at(&inputs, &analysis, Lang::Ja, CREATED + 86_400);
    assert!(first != other);
    assert!(zip_part(&first, "docProps/core.xml").contains("2025-04-01T00:00:00Z"));
    assert!(zip_part(&other, "docProps/core.xml").contains("2025-04-02T00:00:00Z"));
}

#[test]
fn text_longer_than_a_cell_is_cut_with_a_marker() {
    let (mut inputs, analysis) = consortium();
    inputs.requirements[0].text = "長".repeat(40_000);
    inputs.vendors[0].answers[1].remarks = "備".repeat(40_000).into();
    let bytes = render(&inputs, &analysis, Lang::Ja);
    let m = sheet(&bytes, "要件別評価");
    let text = at(&m, 3, 3);
    assert_eq!(text.encode_utf16().count(), 32_767);
    assert!(text.ends_with("…[truncated]"));
    // The remark is a cell note, cut the same way.
    let notes = zip_part(&bytes, "xl/comments1.xml");
    let remark = notes.matches('備').count();
    assert!((1..32_767).contains(&remark), "{remark}");
    assert!(notes.contains("…[truncated]"));
}

/// Readers align every response with the matrix: an answer the vendor did
/// not give is there, as missing, and shows as unanswered.
#[test]
fn answers_missing_from_the_inputs_show_as_unanswered() {
    let (mut inputs, analysis) = consortium();
    let unanswered = Answer {
        level: Level::Missing,
        ..Answer::default()
    };
    inputs.vendors[0].answers.truncate(1);
    inputs.vendors[0].answers.resize(3, unanswered);
    let m = sheet(&render(&inputs, &analysis, Lang::Ja), "要件別評価");
    assert_eq!(at(&m, 3, 6), "◎");
    assert_eq!(at(&m, 4, 6), "");
    assert_eq!(at(&m, 5, 12), "0", "only A社 was capable on R-003");
}

/// A response shorter than the matrix is a reader's bug, not a vendor that
/// left answers out: the Matrix does not read it as unanswered.
#[test]
#[should_panic(expected = "index out of bounds")]
fn a_response_shorter_than_the_matrix_is_a_bug() {
    let (mut inputs, analysis) = consortium();
    inputs.vendors[0].answers.truncate(1);
    render(&inputs, &analysis, Lang::Ja);
}

#[test]
fn a_percent_of_nothing_is_a_blank_cell() {
    let (inputs, mut analysis) = consortium();
    analysis.vendors[0].percent = f64::NAN;
    let s = sheet(&render(&inputs, &analysis, Lang::Ja), "概要");
    let h = find_row(&s, 0, "順位");
    assert_eq!(at(&s, h + 1, 4), "");
    assert_eq!(at(&s, h + 2, 4), "68.33333333333333");
}

#[test]
fn no_vendors_still_renders() {
    let (mut inputs, mut analysis) = consortium();
    inputs.vendors.clear();
    analysis.vendors.clear();
    analysis.flags.clear();
    analysis.customization.clear();
    analysis.sensitivity = None;
    // Without vendors nothing is knocked out, and nothing is left to name.
    analysis.knockout_whatifs.clear();
    inputs.requests = None;
    analysis.requirement_levels = requirement_levels(&inputs);
    analysis.recommendations = vec![Recommendation::Keep; inputs.requirements.len()];
    let bytes = render(&inputs, &analysis, Lang::Ja);
    let s = sheet(&bytes, "概要");
    find_row(&s, 1, "評価できたベンダーはありません。");
    let c = sheet(&bytes, "団体別");
    find_row(&c, 0, "カスタマイズ要望の入力はありません。");
}

#[test]
fn json_keys_in_order_and_values() {
    let (inputs, mut analysis) = consortium();
    analysis.sensitivity = None;
    let roster = roster(&inputs, Lang::Ja);
    let json =
        serde_json::to_value(report_json(&inputs, &analysis, &roster, Lang::Ja).unwrap()).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "tool",
            "requirements",
            "vendors",
            "flags",
            "competition",
            "customization",
            "validation",
            "inputs",
            "sensitivity",
            "knockout_whatifs",
            "relief_sets"
        ]
    );
    assert_eq!(
        json["tool"],
        serde_json::json!({"name": "fairbid", "version": env!("CARGO_PKG_VERSION")})
    );
    assert_eq!(json["requirements"], 3);
    let a = &json["vendors"][0];
    let vendor_keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        vendor_keys,
        [
            "name",
            "rank",
            "score",
            "max_score",
            "percent",
            "compliant",
            "knockouts",
            "levels",
            "customization_cost",
            "customization_cost_unknown"
        ]
    );
    assert_eq!(a["name"], "A社");
    assert_eq!(a["customization_cost"].to_string(), "1200000");
    assert_eq!(a["percent"].as_f64().unwrap(), 100.0 * 4.6 / 6.0);
    assert_eq!(
        json["vendors"][2]["knockouts"],
        serde_json::json!(["R-001"])
    );
    assert_eq!(json["flags"][2]["similarity"], 0.82);
    assert!(json["flags"][0].get("similarity").is_none());
    assert_eq!(json["flags"][1]["severity"], "high");
    assert_eq!(json["flags"][1]["name"], "knockout");
    assert_eq!(
        json["competition"],
        serde_json::json!({"compliant_vendors": 2, "min_competitors": 2, "relief": []})
    );
    assert_eq!(
        json["customization"][0]["cost_median"].to_string(),
        "1200000"
    );
    assert_eq!(json["customization"][0]["recommendation"], "standardize");
    assert_eq!(
        json["customization"][1]["cost_min"],
        serde_json::Value::Null
    );
    assert_eq!(
        json["customization"][1]["recommendation"],
        "adapt_operations"
    );
    assert_eq!(json["validation"][0]["cell"], "D7");
    assert_eq!(json["validation"][2]["value"], serde_json::Value::Null);
    assert!(json["validation"][0].get("order").is_none());
    assert_eq!(json["inputs"][4]["role"], "requests");
    assert_eq!(json["sensitivity"], serde_json::Value::Null);
    assert_eq!(
        json["knockout_whatifs"],
        serde_json::json!([{"requirement": "R-001", "vendors": ["B社"], "compliant_if_relaxed": 3}])
    );
    assert_eq!(
        json["relief_sets"],
        serde_json::json!({"2": [], "3": ["R-001"], "4": null})
    );
    let relief_keys: Vec<&str> = json["relief_sets"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(relief_keys, ["2", "3", "4"]);
}

#[test]
fn json_sensitivity_when_present() {
    let (inputs, analysis) = consortium();
    let roster = roster(&inputs, Lang::Ja);
    let json =
        serde_json::to_value(report_json(&inputs, &analysis, &roster, Lang::Ja).unwrap()).unwrap();
    assert_eq!(json["sensitivity"]["first"], "A社");
    assert_eq!(json["sensitivity"]["margin"], 0.5);
    assert_eq!(json["sensitivity"]["groups"][0]["kind"], "area");
    assert_eq!(
        json["sensitivity"]["groups"][1]["swap_factor"],
        serde_json::Value::Null
    );
}

/// Writes the sample consortium's workbooks to the temporary directory, to
/// look at them as a person would (`cargo test --lib write_samples -- --ignored`,
/// then open or convert `fairbid-sample-ja.xlsx`).
#[test]
#[ignore]
fn write_samples() {
    let (inputs, analysis) = consortium();
    for (lang, tag) in [(Lang::Ja, "ja"), (Lang::En, "en")] {
        let path = std::env::temp_dir().join(format!("fairbid-sample-{tag}.xlsx"));
        std::fs::write(&path, render(&inputs, &analysis, lang)).unwrap();
        println!("{}", path.display());
    }
}

/// A larger consortium for looking at layout: 4 areas × 10 requirements with
/// long texts, 8 vendors, answers cycling through the legend. Scores are
/// added up here only to fill the sheets; ranks follow the scores.
fn large_consortium() -> (Inputs, Analysis) {
    let (mut inputs, mut analysis) = consortium();
    let areas = ["住民記録", "個人住民税", "固定資産税", "介護保険"];
    let texts = [
        "転入届の受付時に、本人確認書類の種類と番号を記録し、後日の照会で確認できること。",
        "住民票の写しの交付にあたり、請求者と対象者の関係を記録し、第三者請求の場合は交付理由を入力できること。",
        "圧着はがき形式の通知書を出力できること。",
        "条例で定める減免の区分を、年度ごとにパラメータで設定できること（カスタマイズによらないこと）。",
        "異動履歴を画面上で時系列に一覧表示し、任意の時点の世帯構成を再現できること。",
    ];
    let codes = [
        ("◎", Level::Standard),
        ("○", Level::Alternative),
        ("△", Level::Customization),
        ("×", Level::Unsupported),
        ("", Level::Missing),
        ("要確認", Level::Invalid),
    ];
    inputs.requirements.clear();
    for (a, area) in areas.iter().enumerate() {
        for k in 0..10 {
            let priority = [Priority::Mandatory, Priority::Desirable, Priority::Optional][k % 3];
            let weight = [3.0, 2.0, 1.0][k % 3];
            let id = format!("{}-{:03}", ["JR", "KJ", "KT", "KH"][a], k + 1);
            let text = texts[(a + k) % texts.len()];
            inputs.requirements.push(requirement(
                &id,
                area,
                "窓口業務 / 証明発行",
                text,
                priority,
                weight,
                k as u32 + 5,
            ));
        }
    }
    let names = [
        "A社",
        "B社",
        "C社",
        "○○情報システム",
        "△△ソリューションズ",
        "D社",
        "E社",
        "北海道共同電算センター",
    ];
    inputs.vendors = names
        .iter()
        .enumerate()
        .map(|(v, name)| {
            let (answers, codes) = Codes::coded((0..inputs.requirements.len()).map(|i| {
                let (code, level) = codes[((i * (v + 1)) / 3 + v) % if v < 3 { 3 } else { 6 }];
                let cost = if level == Level::Customization {
                    Cost::Yen(150_000.0 * (v + 1) as f64)
                } else {
                    Cost::NotStated
                };
                let remarks = if i % 7 == 0 {
                    "パラメータ設定で対応します。帳票は標準様式を使用します。"
                } else {
                    ""
                };
                answer(code, level, cost, remarks)
            }));
            VendorResponse {
                name: name.to_string(),
                display_name: (v == 0).then(|| "株式会社エー情報システム".to_string()),
                file: format!("{name}.xlsx"),
                codes,
                copies: Default::default(),
                answers,
            }
        })
        .collect();
    let factor = |level: Level| match level {
        Level::Standard => 1.0,
        Level::Alternative => 0.7,
        Level::Customization => 0.3,
        _ => 0.0,
    };
    let max: f64 = inputs.requirements.iter().map(|r| r.weight).sum();
    let mut results: Vec<VendorResult> = inputs
        .vendors
        .iter()
        .enumerate()
        .map(|(v, vendor)| {
            let points: Vec<f64> = vendor
                .answers
                .iter()
                .zip(&inputs.requirements)
                .map(|(a, r)| r.weight * factor(a.level))
                .collect();
            let knockouts: Vec<ReqIx> = vendor
                .answers
                .iter()
                .zip(&inputs.requirements)
                .enumerate()
                .filter(|(_, (a, r))| r.priority == Priority::Mandatory && !a.level.is_feasible())
                .map(|(i, _)| ReqIx::new(i))
                .collect();
            let mut counts = LevelCounts::default();
            vendor.answers.iter().for_each(|a| counts.add(a.level));
            let score: f64 = points.iter().sum();
            VendorResult {
                vendor: VendorId::new(v),
                rank: 0,
                score,
                max_score: max,
                percent: 100.0 * score / max,
                compliant: knockouts.is_empty(),
                knockouts,
                levels: counts,
                customization_cost: vendor.answers.iter().filter_map(|a| a.cost.yen()).sum(),
                customization_cost_unknown: 0,
                points,
            }
        })
        .collect();
    results.sort_by(|a, b| {
        b.compliant
            .cmp(&a.compliant)
            .then(b.score.total_cmp(&a.score))
    });
    for (i, result) in results.iter_mut().enumerate() {
        result.rank = i + 1;
    }
    analysis.vendors = results;
    analysis.requirement_levels = requirement_levels(&inputs);
    analysis.flags = (0..inputs.requirements.len())
        .step_by(4)
        .map(|i| {
            flag(
                FlagCode::F01,
                FlagSeverity::High,
                Some(i),
                &["A社"],
                FlagDetail::Counts,
            )
        })
        .collect();
    analysis.customization.truncate(1);
    analysis.customization[0].requirement = ReqIx::new(3);
    analysis.recommendations = crate::analyze::plan::recommendations(
        &inputs.requirements,
        &analysis.flags,
        &analysis.competition.relief,
        &analysis.customization,
    );
    (inputs, analysis)
}

/// Writes the sample consortiums' workbooks to the temporary directory, to
/// look at them as a person would (`cargo test --lib write_samples -- --ignored`).
#[test]
#[ignore]
fn write_large_samples() {
    let (inputs, analysis) = large_consortium();
    let path = std::env::temp_dir().join("fairbid-sample-large-ja.xlsx");
    std::fs::write(&path, render(&inputs, &analysis, Lang::Ja)).unwrap();
    println!("{}", path.display());
}

/// Time and size of the workbook for 20,000 requirements × 12 vendors, one
/// answer in ten with remarks (`cargo test --release --lib workbook_at_scale
/// -- --ignored --nocapture`).
#[test]
#[ignore]
fn workbook_at_scale() {
    let (mut inputs, mut analysis) = large_consortium();
    let n = 20_000;
    let base = inputs.requirements.clone();
    inputs.requirements = (0..n)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            r.id = format!("R-{i:05}");
            r.area = format!("業務{:02}", i % 20);
            r
        })
        .collect();
    let template: Vec<VendorResponse> = inputs.vendors.clone();
    inputs.vendors = (0..12)
        .map(|v| {
            let mut vendor = template[v % template.len()].clone();
            vendor.name = format!("ベンダー{v:02}");
            vendor.answers = (0..n)
                .map(|i| {
                    let mut a = template[v % template.len()].answers[i % base.len()].clone();
                    a.remarks = if i % 10 == 0 {
                        "パラメータ設定で対応します。".into()
                    } else {
                        Box::default()
                    };
                    a
                })
                .collect();
            vendor
        })
        .collect();
    analysis.vendors = (0..12)
        .map(|v| {
            let mut r = analysis.vendors[v % analysis.vendors.len()].clone();
            r.vendor = VendorId::new(v);
            r.points = (0..n).map(|i| (i % 3) as f64).collect();
            r
        })
        .collect();
    analysis.requirement_levels = requirement_levels(&inputs);
    analysis.flags.clear();
    analysis.customization.clear();
    analysis.recommendations = vec![Recommendation::Keep; n];
    let start = std::time::Instant::now();
    let bytes = render(&inputs, &analysis, Lang::Ja);
    println!(
        "{} rows × 12 vendors: {:?}, {} bytes",
        n,
        start.elapsed(),
        bytes.len()
    );
}

/// Four vendors with names unlike any label, each writing its own codes,
/// and flags that name several of them at once: F05 knocks out ふじみ情報
/// and 東和情報システム on JR-101, F07 finds a near spelling of
/// 東和情報システム in JR-102, F09 quotes ふじみ情報's altered copy of
/// JR-103, F01, F02 and F08 name みなと計算センター (and, for F08, さくら電算
/// second) on JR-105.
fn named_consortium() -> Inputs {
    let requirements = vec![
        requirement(
            "JR-101",
            "住民記録",
            "窓口業務",
            "転入届の受付時に本人確認書類の種類を記録できること。",
            Priority::Mandatory,
            3.0,
            5,
        ),
        requirement(
            "JR-102",
            "住民記録",
            "証明発行",
            // 厶 (U+5376) for ム: one edit in eight characters.
            "東和情報システ厶社製の帳票と同一の様式で証明書を出力できること。",
            Priority::Desirable,
            2.5,
            6,
        ),
        requirement(
            "JR-103",
            "住民記録",
            "証明発行",
            "住民票の写しを窓口で即日交付できること。",
            Priority::Desirable,
            1.5,
            7,
        ),
        requirement(
            "JR-104",
            "住民記録",
            "照会",
            "異動履歴を時系列で一覧表示できること。",
            Priority::Optional,
            1.2,
            8,
        ),
        requirement(
            "JR-105",
            "税務",
            "個人住民税",
            "特別徴収税額通知を電子で送付できること。",
            Priority::Desirable,
            2.0,
            5,
        ),
    ];
    // Each vendor writes the legend its own way: [standard, alternative,
    // customization, unsupported].
    let vendor = |name: &str, codes: [&str; 4], levels: &str, cost: f64| {
        let answers = levels.chars().map(|c| {
            let (k, level) = match c {
                'S' => (0, Level::Standard),
                'A' => (1, Level::Alternative),
                'C' => (2, Level::Customization),
                _ => (3, Level::Unsupported),
            };
            let cost = match level {
                Level::Customization => Cost::Yen(cost),
                _ => Cost::NotStated,
            };
            answer(codes[k], level, cost, &format!("{name}の回答です。"))
        });
        let (answers, codes) = Codes::coded(answers);
        VendorResponse {
            name: name.into(),
            display_name: Some(format!("株式会社{name}")),
            file: format!("{name}.xlsx"),
            codes,
            copies: Default::default(),
            answers,
        }
    };
    let mut vendors = vec![
        vendor("さくら電算", ["◎", "○", "△", "×"], "SACSU", 1_111_000.0),
        vendor("ふじみ情報", ["標準", "代替", "改修", "不可"], "USSAU", 0.0),
        vendor(
            "東和情報システム",
            ["Ａ", "Ｂ", "Ｃ", "Ｄ"],
            "USCUU",
            987_650.0,
        ),
        vendor("みなと計算センター", ["A", "B", "C", "D"], "SAAUS", 0.0),
    ];
    (vendors[1].copies).insert(2, "住民票の写しを窓口で交付できること。");
    let findings = (vendors.iter())
        .map(|v| {
            // A message that names the vendor's file, as a probe for the
            // dossiers of the others.
            Finding::file(
                &v.file,
                Severity::Warning,
                FindingKind::DuplicateVendor {
                    name: v.name.clone(),
                    first_file: v.file.clone(),
                },
            )
            .on_sheet("回答", 0)
            .at_cell(6, 4)
            .with_value(format!("=SUM({})", v.name))
        })
        .collect();
    Inputs {
        requirements,
        vendors,
        findings,
        ..Inputs::default()
    }
}

/// Every cell of every sheet of a workbook.
fn every_cell(bytes: &[u8]) -> Vec<Data> {
    let mut book = open(bytes);
    let mut cells = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        cells.extend(range.used_cells().map(|(_, _, d)| d.clone()));
    }
    cells
}

/// Every part of an xlsx package, as text.
fn every_part(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut raw = Vec::new();
            part.read_to_end(&mut raw).unwrap();
            (
                part.name().unwrap().to_string(),
                String::from_utf8_lossy(&raw).into_owned(),
            )
        })
        .collect()
}

/// A dossier is built from the vendor's own view: no other vendor's name,
/// code or score can reach it, even when a flag names it.
#[test]
fn a_dossier_shows_no_other_vendor_even_when_a_flag_names_it() {
    let inputs = named_consortium();
    let settings = Settings::default();
    let analysis = crate::analyze::analyze(&inputs, &settings);
    let [sakura, fujimi, towa, minato] = [0, 1, 2, 3].map(VendorId::new);
    let on = |code: FlagCode, r: usize| {
        (analysis.flags.iter())
            .find(|f| f.code == code && f.requirement == Some(ReqIx::new(r)))
            .unwrap_or_else(|| panic!("{code:?} on requirement {r}"))
    };
    // The flags name several vendors, the subject's competitors among them.
    assert_eq!(on(FlagCode::F05, 0).vendors, [fujimi, towa]);
    let f07 = on(FlagCode::F07, 1);
    assert_eq!(f07.vendors, [towa]);
    assert_eq!(f07.brand(), Some(&Brand::Vendor(towa)));
    assert_eq!(on(FlagCode::F09, 2).vendors, [fujimi]);
    assert_eq!(on(FlagCode::F01, 4).vendors, [minato]);
    assert_eq!(on(FlagCode::F08, 4).vendors, [minato, sakura]);
    assert_eq!(analysis.result(minato).rank, 1);
    assert_eq!(analysis.result(sakura).rank, 2);

    let roster = roster(&inputs, Lang::Ja);
    let run = RunInfo {
        settings: &settings,
        lang: Lang::Ja,
        created: CREATED,
    };
    let costs = |v: &VendorResponse| -> Vec<f64> {
        v.answers.iter().filter_map(|a| a.cost.yen()).collect()
    };
    for (k, own) in inputs.vendors.iter().enumerate() {
        let me = VendorId::new(k);
        let view = OwnView::of(&inputs, &analysis, &roster, me);
        let bytes = dossier_workbook(&view, &run).unwrap();
        let cells = every_cell(&bytes);
        let texts: Vec<&str> = (cells.iter())
            .filter_map(|d| match d {
                Data::String(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        let numbers: Vec<f64> = (cells.iter())
            .filter_map(|d| match d {
                Data::Float(f) => Some(*f),
                Data::Int(i) => Some(*i as f64),
                _ => None,
            })
            .collect();
        let has_number = |x: f64| numbers.iter().any(|n| (n - x).abs() < 1e-9);
        // The dossier is read back whole: its own vendor is there.
        let mine = analysis.result(me);
        assert!(texts.iter().any(|t| t.contains(&own.name)), "{}", own.name);
        assert!(has_number(mine.score), "{}'s own score", own.name);
        assert!(has_number(mine.percent), "{}'s own percent", own.name);
        let own_codes: Vec<&str> = own.answers.iter().map(|a| own.code(a)).collect();
        for code in &own_codes {
            assert!(texts.contains(code), "{}'s own code {code}", own.name);
        }

        for (j, other) in inputs.vendors.iter().enumerate() {
            if j == k {
                continue;
            }
            let theirs = analysis.result(VendorId::new(j));
            let who = format!("{} in the dossier of {}", other.name, own.name);
            for t in &texts {
                assert!(!t.contains(&other.name), "{who}: {t}");
            }
            for a in &other.answers {
                let code = other.code(a);
                if !own_codes.contains(&code) {
                    assert!(!texts.contains(&code), "{who}: code {code}");
                }
            }
            for (_, copy) in other.copies.iter() {
                assert!(!texts.iter().any(|t| t.contains(copy)), "{who}");
            }
            assert!(!has_number(theirs.score), "{who}: score {}", theirs.score);
            assert!(!has_number(theirs.percent), "{who}: percent");
            for cost in costs(other) {
                assert!(!has_number(cost), "{who}: cost {cost}");
            }
            for (part, text) in every_part(&bytes) {
                assert!(!text.contains(&other.name), "{who}: part {part}");
            }
        }
    }
}
