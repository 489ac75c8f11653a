//! Writes the committee part of `samples/`: the criteria (`criteria.xlsx`,
//! the starter `fairbid init` writes) and five evaluators' scoresheets
//! (`scores/`), each the sheet `fairbid template --scoresheet` makes for the
//! sample vendors, filled through its unlocked cells.
//!
//! ```text
//! cargo run --example make_committee_samples -- samples
//! ```
//!
//! Run it after `make_samples` (it reads `responses/` and `settings.toml`).
//! The outcome is designed: the evaluators broadly agree that
//! 北日本情報システム wrote the best proposal, but 委員D_高橋 scores the
//! incumbent さくら電算 about a third of each item's points above everyone
//! else — enough to put it first. So the committee sheet shows that bias
//! (F15), that the first place rests on that one evaluator (F16), and the
//! items where the committee is split (F14). Every score is an integer
//! drawn from a fixed table, so each run writes the same bytes.

use std::error::Error;
use std::io::{Read, Write};
use std::path::Path;

use fairbid::model::Lang;
use fairbid::read::committee::read_criteria;
use fairbid::read::discover::discover_responses;
use fairbid::read::response::vendor_name;
use fairbid::read::workbook::{Workbook, read_sheets};
use fairbid::settings::Settings;
use fairbid::write::RunInfo;
use fairbid::write::criteria::starter_criteria;
use fairbid::write::scoresheet::{HEADER_ROW, scoresheet};

type Res<T> = Result<T, Box<dyn Error>>;

/// 2026-01-01, the samples' document date.
const CREATED: i64 = 1_767_225_600;

/// Each vendor's quality per item (share of the item's points), in the
/// responses' file-name order: さくら電算, みらいソリューションズ,
/// 中央ITセンター, 北日本情報システム, 東和システムサービス. Items: 導入実績,
/// 実施体制, 移行計画, 操作性, セキュリティ, 運用保守, 研修.
const QUALITY: [[f64; 7]; 5] = [
    [0.80, 0.70, 0.80, 0.60, 0.70, 0.70, 0.60],
    [0.55, 0.65, 0.60, 0.75, 0.65, 0.60, 0.70],
    [0.50, 0.55, 0.55, 0.50, 0.60, 0.55, 0.50],
    [0.75, 0.80, 0.75, 0.75, 0.75, 0.75, 0.70],
    [0.45, 0.50, 0.50, 0.60, 0.55, 0.50, 0.55],
];

/// An evaluator: name, leniency (added to every share), and a lean toward
/// one vendor (vendor index, share added).
type Evaluator = (&'static str, f64, Option<(usize, f64)>);

const EVALUATORS: [Evaluator; 5] = [
    ("委員A_山田", 0.0, None),
    ("委員B_佐藤", 0.05, None),
    ("委員C_鈴木", 0.0, None),
    ("委員D_高橋", 0.0, Some((0, 0.35))),
    ("委員E_田中", -0.04, None),
];

/// Comments: (evaluator, item, vendor, text).
const COMMENTS: [(usize, usize, usize, &str); 5] = [
    (0, 0, 0, "県内6団体で稼働中。共同利用の実績も十分。"),
    (
        2,
        2,
        3,
        "移行リハーサルを2回計画しており、検証の手順が具体的。",
    ),
    (3, 3, 0, "現行と同じ画面のため職員の習熟が不要。"),
    (3, 2, 3, "移行時の各町村の作業量が多い。"),
    (4, 4, 1, "操作ログの保存期間が要件より短い。"),
];

/// A small, fixed wobble of −1, 0 or +1 point per cell, so that evaluators
/// who agree still differ as people do.
fn wobble(e: usize, i: usize, v: usize) -> f64 {
    ((e * 7 + i * 3 + v * 5) % 3) as f64 - 1.0
}

fn main() -> Res<()> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: cargo run --example make_committee_samples -- <samples folder>")?;
    let out = Path::new(&out);
    let settings = Settings::load(&out.join("settings.toml"))?;

    let criteria_bytes = starter_criteria(Lang::Ja, CREATED)?;
    std::fs::write(out.join("criteria.xlsx"), &criteria_bytes)?;
    let wb = Workbook {
        path: out.join("criteria.xlsx"),
        file: "criteria.xlsx".into(),
        sha256: String::new(),
        sheets: read_sheets(&criteria_bytes, &settings).map_err(|r| format!("{r:?}"))?,
    };
    let mut findings = Vec::new();
    let criteria = read_criteria(&wb, 0, &mut findings);
    assert!(findings.is_empty(), "{findings:?}");

    let responses = discover_responses(&[out.join("responses")], Lang::Ja)?;
    let vendors: Vec<String> = (responses.files.iter())
        .map(|p| vendor_name(&p.file_name().unwrap().to_string_lossy()))
        .collect();
    assert_eq!(vendors.len(), QUALITY.len(), "{vendors:?}");
    let run = RunInfo {
        settings: &settings,
        lang: Lang::Ja,
        created: CREATED,
    };
    let blank = scoresheet(&criteria, &vendors, &run)?;

    std::fs::create_dir_all(out.join("scores"))?;
    for (e, (name, leniency, lean)) in EVALUATORS.iter().enumerate() {
        let mut sheet = Package::read(&blank)?;
        sheet.set(1, "B4", Cell::Text(name.split('_').nth(1).unwrap_or(name)));
        print!("{name}:");
        for (i, c) in criteria.iter().enumerate() {
            let row = HEADER_ROW + 1 + i as u32;
            for (v, quality) in QUALITY.iter().enumerate() {
                let extra = lean.filter(|&(to, _)| to == v).map_or(0.0, |(_, s)| s);
                let share = quality[i] + leniency + extra;
                let points = (share * c.max + wobble(e, i, v)).round().clamp(0.0, c.max);
                sheet.set(2, &a1(5 + v, row), Cell::Number(points));
                print!(" {points}");
            }
        }
        for &(_, i, v, text) in COMMENTS.iter().filter(|c| c.0 == e) {
            let row = HEADER_ROW + 1 + i as u32;
            sheet.set(2, &a1(5 + vendors.len() + v, row), Cell::Text(text));
        }
        println!();
        sheet.write(&out.join("scores").join(format!("{name}.xlsx")))?;
    }
    Ok(())
}

/// The A1 reference of a 0-based cell (columns A–Z).
fn a1(col: usize, row: u32) -> String {
    format!("{}{}", (b'A' + col as u8) as char, row + 1)
}

enum Cell<'a> {
    Text(&'a str),
    Number(f64),
}

/// A workbook's parts, edited in place: a cell's value is written into the
/// cell the scoresheet left blank, keeping its style (unlocked, validated).
struct Package {
    parts: Vec<(String, Vec<u8>)>,
}

impl Package {
    fn read(bytes: &[u8]) -> Res<Package> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
        let mut parts = Vec::new();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i)?;
            let mut data = Vec::new();
            entry.read_to_end(&mut data)?;
            parts.push((entry.name()?.to_string(), data));
        }
        Ok(Package { parts })
    }

    /// Fills the blank cell `cell` of sheet `n` (1-based).
    fn set(&mut self, n: usize, cell: &str, value: Cell) {
        let name = format!("xl/worksheets/sheet{n}.xml");
        let part = self.parts.iter_mut().find(|(p, _)| *p == name).unwrap();
        let xml = String::from_utf8(part.1.clone()).unwrap();
        let start = xml
            .find(&format!("<c r=\"{cell}\" "))
            .unwrap_or_else(|| panic!("{cell}"));
        let end = start + xml[start..].find("/>").unwrap();
        let open = &xml[start..end];
        let element = match value {
            Cell::Number(p) => format!("{open}><v>{p}</v></c>"),
            Cell::Text(t) => format!("{open} t=\"inlineStr\"><is><t>{t}</t></is></c>"),
        };
        part.1 = format!("{}{element}{}", &xml[..start], &xml[end + 2..]).into_bytes();
    }

    fn write(&self, path: &Path) -> Res<()> {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in &self.parts {
            zip.start_file(name.as_str(), options)?;
            zip.write_all(data)?;
        }
        zip.finish()?;
        Ok(())
    }
}
