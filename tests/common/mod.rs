//! Test fixtures built in code: workbooks written with rust_xlsxwriter into a
//! temporary folder, the real binary run on them, outputs read back with calamine.
#![allow(dead_code)]

pub mod package;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::Workbook;

/// A temporary folder holding one test's inputs and outputs.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a workbook; each sheet is a name and rows of cells. A cell
    /// `n:12` is written as the number 12, `f:SUM(1,2)` as a formula, anything
    /// else as text; an empty string leaves the cell empty.
    pub fn xlsx(&self, name: &str, sheets: &[(&str, Vec<Vec<&str>>)]) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        let mut wb = Workbook::new();
        for (sheet_name, rows) in sheets {
            let ws = wb.add_worksheet();
            ws.set_name(*sheet_name).unwrap();
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    if cell.is_empty() {
                        continue;
                    } else if let Some(n) = cell.strip_prefix("n:") {
                        ws.write_number(r, c, n.parse::<f64>().unwrap()).unwrap();
                    } else if let Some(f) = cell.strip_prefix("f:") {
                        ws.write_formula(r, c, f).unwrap();
                    } else {
                        ws.write_string(r, c, *cell).unwrap();
                    }
                }
            }
        }
        wb.save(&path).unwrap();
        path
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Runs the real binary in this folder, with a fixed document date.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::cargo_bin("fairbid")
            .unwrap()
            .current_dir(self.dir.path())
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .args(args)
            .output()
            .unwrap();
        Run {
            output,
            args: args.iter().map(|a| a.to_string()).collect(),
        }
    }
}

impl Workdir {
    /// `evaluate --requirements requirements.xlsx --responses responses`,
    /// then `extra`.
    pub fn evaluate(&self, extra: &[&str]) -> Run {
        self.evaluate_matrix("requirements.xlsx", extra)
    }

    /// `draft --requirements requirements.xlsx --responses responses`, then
    /// `extra`.
    pub fn draft(&self, extra: &[&str]) -> Run {
        let mut args = vec![
            "draft",
            "--requirements",
            "requirements.xlsx",
            "--responses",
            "responses",
        ];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// `evaluate` of the matrix file `matrix` against `responses/`, then `extra`.
    pub fn evaluate_matrix(&self, matrix: &str, extra: &[&str]) -> Run {
        let mut args = vec![
            "evaluate",
            "--requirements",
            matrix,
            "--responses",
            "responses",
        ];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// `evaluate` of the matrix file `matrix` against `responses/`; the run
    /// must succeed, and its JSON report (on stdout) is returned.
    pub fn evaluate_json(&self, matrix: &str) -> serde_json::Value {
        let run = self.evaluate_matrix(matrix, &["--json", "-"]);
        run.expect_code(0);
        run.json()
    }

    /// Whether two files of this folder hold the same bytes.
    pub fn same_bytes(&self, a: &str, b: &str) -> bool {
        std::fs::read(self.path(a)).unwrap() == std::fs::read(self.path(b)).unwrap()
    }
}

/// A vendor's entry in a JSON report, by name.
pub fn vendor<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("no vendor {name} in {report:#}"))
}

/// The vendors' names in a JSON report, in its order (the ranking).
pub fn vendor_names(report: &serde_json::Value) -> Vec<String> {
    report["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_string())
        .collect()
}

/// One run of the binary: status, stdout and stderr from the same run.
pub struct Run {
    pub output: Output,
    args: Vec<String>,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
    /// Asserts the exit code, showing everything on failure.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code(),
            code,
            "fairbid {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.args,
            self.stdout(),
            self.stderr()
        );
        self
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.output.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\n{}",
                self.stdout(),
                self.stderr()
            )
        })
    }
}

/// A workbook read back: sheet names and cell text.
pub struct Readback {
    pub wb: Xlsx<std::io::BufReader<std::fs::File>>,
}

impl Readback {
    pub fn open(path: &Path) -> Readback {
        Readback {
            wb: open_workbook(path).expect("output opens with calamine"),
        }
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.wb.sheet_names().to_vec()
    }

    /// Every row of a sheet as display text.
    pub fn rows(&mut self, sheet: &str) -> Vec<Vec<String>> {
        let range = self.wb.worksheet_range(sheet).expect("sheet exists");
        range
            .rows()
            .map(|row| row.iter().map(text).collect())
            .collect()
    }

    /// The first row of a sheet holding `needle` in some cell.
    pub fn row_with(&mut self, sheet: &str, needle: &str) -> Vec<String> {
        self.rows(sheet)
            .into_iter()
            .find(|r| r.iter().any(|c| c == needle))
            .unwrap_or_else(|| panic!("no row with {needle:?} in sheet {sheet}"))
    }

    /// Raw cell values of the first row holding `needle`.
    pub fn data_row_with(&mut self, sheet: &str, needle: &str) -> Vec<Data> {
        let range = self.wb.worksheet_range(sheet).expect("sheet exists");
        range
            .rows()
            .find(|r| r.iter().any(|c| text(c) == needle))
            .unwrap_or_else(|| panic!("no row with {needle:?} in sheet {sheet}"))
            .to_vec()
    }

    /// Number of formulas in a sheet.
    pub fn formula_count(&mut self, sheet: &str) -> usize {
        let range = self.wb.worksheet_formula(sheet).expect("sheet exists");
        range.used_cells().filter(|(_, _, f)| !f.is_empty()).count()
    }
}

pub fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => {
            if f.fract() == 0.0 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// The standard matrix: four requirements over two areas on two sheets.
///
/// ```text
/// 住民記録                                     税
///   (title row)                                  要件ID | 分類 | 要件内容 | 必須区分
///   要件ID | 分類 | 要件内容 | 必須区分           R-003  | 賦課 | 特別徴収…  | 推奨
///   R-001  | 証明 | 住民票の写し… | 必須          R-004  | 収納 | コンビニ…  | 任意
///   R-002  | 異動 | 転入届…       | 必須
/// ```
/// Weights from priority: 3, 3, 2, 1 (max 9).
pub fn standard_matrix(w: &Workdir) -> PathBuf {
    w.xlsx(
        "requirements.xlsx",
        &[
            (
                "住民記録",
                vec![
                    vec!["機能要件一覧（住民記録）"],
                    vec![],
                    vec!["要件ID", "分類", "要件内容", "必須区分"],
                    vec!["R-001", "証明", "住民票の写しを交付できること。", "必須"],
                    vec!["R-002", "異動", "転入届を受け付けできること。", "必須"],
                ],
            ),
            (
                "税",
                vec![
                    vec!["要件ID", "分類", "要件内容", "必須区分"],
                    vec![
                        "R-003",
                        "賦課",
                        "特別徴収税額通知書を出力できること。",
                        "推奨",
                    ],
                    vec!["R-004", "収納", "コンビニ収納に対応できること。", "任意"],
                ],
            ),
        ],
    )
}

/// One vendor's response: one sheet, rows of (ID, answer, cost, remarks).
pub fn response(w: &Workdir, vendor: &str, rows: &[(&str, &str, &str, &str)]) -> PathBuf {
    let mut sheet = vec![vec!["要件ID", "回答", "カスタマイズ費用", "備考"]];
    for (id, answer, cost, remarks) in rows {
        sheet.push(vec![*id, *answer, *cost, *remarks]);
    }
    w.xlsx(&format!("responses/{vendor}.xlsx"), &[("回答", sheet)])
}

/// A matrix of one business area, 住民記録, of `n` mandatory requirements
/// `R-0001`…: long enough for its sheets to be written to disk as they are
/// filled. Every text fits a line but the last, which wraps. Returns the IDs
/// and the last text.
pub fn long_matrix(w: &Workdir, n: usize) -> (Vec<String>, String) {
    let ids: Vec<String> = (1..=n).map(|i| format!("R-{i:04}")).collect();
    let long = "住民票の写しを、本人確認書類の提示を受けたうえで、窓口及びコンビニエンスストアで交付できること。".repeat(3);
    let mut rows = vec![vec!["要件ID", "要件", "必須区分", "配点"]];
    for (i, id) in ids.iter().enumerate() {
        let text = if i + 1 == n {
            long.as_str()
        } else {
            "転入届を受け付けできること。"
        };
        rows.push(vec![id.as_str(), text, "必須", "n:1"]);
    }
    w.xlsx("requirements.xlsx", &[("住民記録", rows)]);
    (ids, long)
}

/// The standard three vendors.
///
/// A社 ◎ ◎ ○ △(120万円): 3 + 3 + 1.4 + 0.3 = 7.7, compliant
/// B社 ◎ ○ × ◎:          3 + 2.1 + 0 + 1 = 6.1, compliant
/// C社 × ◎ ◎ ◎:          0 + 3 + 2 + 1 = 6.0, knocked out on R-001
pub fn standard_vendors(w: &Workdir) {
    response(
        w,
        "A社",
        &[
            ("R-001", "◎", "", ""),
            ("R-002", "◎", "", ""),
            ("R-003", "○", "", "帳票は運用で対応"),
            ("R-004", "△", "120万円", ""),
        ],
    );
    response(
        w,
        "B社",
        &[
            ("R-001", "◎", "", ""),
            ("R-002", "〇", "", ""),
            ("R-003", "×", "", ""),
            ("R-004", "◎", "", ""),
        ],
    );
    response(
        w,
        "C社",
        &[
            ("R-001", "×", "", ""),
            ("R-002", "◎", "", ""),
            ("R-003", "◎", "", ""),
            ("R-004", "◎", "", ""),
        ],
    );
}

/// The member towns' requests of the standard case: 甲町 and 乙村 ask for
/// R-003, 乙村 alone for R-004 (丙町's `×` is not a request).
pub fn standard_requests(w: &Workdir) -> PathBuf {
    w.xlsx(
        "requests.xlsx",
        &[(
            "要望",
            vec![
                vec!["要件ID", "甲町", "乙村", "丙町"],
                vec!["R-003", "○", "○", ""],
                vec!["R-004", "", "○", "×"],
            ],
        )],
    )
}
