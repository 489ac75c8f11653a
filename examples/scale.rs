//! Writes a consortium at the scale of the largest joint procurements: a
//! requirement matrix of N rows over 20 business-area sheets, one response
//! workbook per vendor, the member towns' requests, and the settings — what
//! `fairbid evaluate` reads, for measuring how fast it reads it.
//!
//! ```text
//! cargo run --release --example scale -- --requirements 20000 --vendors 12 --members 40 DIR
//! ```
//!
//! DIR receives `requirements.xlsx`, `responses/*.xlsx`, `requests.xlsx` and
//! `settings.toml` (overwritten). Everything is drawn from one seeded
//! generator (`--seed`, default 1), so the same arguments write the same bytes.
//!
//! What the files hold, so that every stage of `evaluate` has real work:
//! - the matrix: 20 sheets (住民記録 … 人事給与) of N / 20 rows under a title,
//!   `要件ID | 大分類 | 中分類 | 要件内容 | 必須区分 | 配点 | 備考`;
//! - each vendor echoes the requirement text, and alters a few percent of it
//!   (a dropped clause, a softened condition, a changed word) — F09 — while
//!   another few percent differ only in width or spacing (no flag);
//! - three response forms (one sheet per area; one combined sheet with costs
//!   in thousands of yen; per-area sheets with other header words), three
//!   legends (◎○△×, A–D, 標準/代替/カスタマイズ/不可), costs as numbers and as
//!   text (`120万円`, `¥1,200,000`, `1.5万`, `１２０万円`, `別途見積`, `無償`),
//!   remarks on most non-standard answers, a few blank or illegible answers;
//! - the incumbent is the only capable vendor on a sliver of requirements
//!   (F01, F10), some of which name its product (F07); four vendors are
//!   knocked out on a handful of mandatory requirements (F05);
//! - the requests: wide form, one column per member town, `○` where a town
//!   asks for customization.

use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Parser;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

type Res<T> = Result<T, Box<dyn Error + Send + Sync>>;

#[derive(Parser)]
#[command(about = "Write a generated consortium of the given size for benchmarking fairbid")]
struct Args {
    /// Requirements in the matrix (spread over 20 area sheets).
    #[arg(long, default_value_t = 20_000)]
    requirements: usize,
    /// Vendor response workbooks.
    #[arg(long, default_value_t = 12)]
    vendors: usize,
    /// Member towns in the requests workbook.
    #[arg(long, default_value_t = 40)]
    members: usize,
    /// Seed of the generator: the same seed writes the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write into (created when missing).
    dir: PathBuf,
}

const TITLE: &str = "東山県広域連合 自治体クラウド基幹系・内部情報系システム共同調達";

/// Business areas, one matrix sheet each, with the ID prefix of their rows.
const AREAS: [(&str, &str); 20] = [
    ("住民記録", "JK"),
    ("印鑑登録", "IN"),
    ("個人住民税", "KZ"),
    ("法人住民税", "HZ"),
    ("固定資産税", "KT"),
    ("軽自動車税", "KJ"),
    ("収納管理", "SN"),
    ("滞納管理", "TN"),
    ("国民健康保険", "KH"),
    ("国民年金", "NK"),
    ("後期高齢者医療", "KK"),
    ("介護保険", "KG"),
    ("障害者福祉", "SF"),
    ("児童手当", "JT"),
    ("子ども・子育て支援", "KS"),
    ("生活保護", "SH"),
    ("健康管理", "KN"),
    ("選挙", "SK"),
    ("財務会計", "ZK"),
    ("人事給与", "JY"),
];

const MAJORS: [&str; 8] = [
    "受付",
    "審査・決定",
    "照会",
    "異動処理",
    "帳票発行",
    "統計",
    "連携",
    "管理",
];
const MINORS: [&str; 10] = [
    "窓口",
    "一括処理",
    "画面",
    "帳票",
    "履歴",
    "通知",
    "外部連携",
    "権限",
    "マスタ",
    "監査",
];
const OBJECTS: [&str; 24] = [
    "申請データ",
    "異動履歴",
    "世帯情報",
    "宛名情報",
    "賦課情報",
    "収納履歴",
    "通知書",
    "証明書",
    "台帳",
    "口座情報",
    "減免情報",
    "資格情報",
    "給付実績",
    "決定通知",
    "督促状",
    "催告履歴",
    "統計表",
    "操作ログ",
    "送付先情報",
    "個人番号",
    "法定帳票",
    "予約情報",
    "審査結果",
    "支払明細",
];
const ACTIONS: [&str; 16] = [
    "登録、修正及び削除",
    "条件を指定して検索し一覧表示",
    "一括で作成",
    "CSV形式で出力",
    "履歴として保持し照会",
    "エラー内容を画面上で確認",
    "他業務システムと連携",
    "職員の権限に応じて制御",
    "任意の期間を指定して集計",
    "プレビューした上で印刷",
    "自動で判定",
    "訂正前の内容と比較して表示",
    "発行日時とともに記録",
    "即日で処理",
    "バッチ処理で夜間に更新",
    "一件ずつ確認しながら更新",
];
const CONDITIONS: [&str; 12] = [
    "",
    "窓口での受付時に、",
    "法改正があった場合にも、",
    "年度切替後においても、",
    "本庁及び支所のいずれの端末からも、",
    "住所変更があった場合、",
    "大量データであっても、",
    "システム停止を伴わずに、",
    "",
    "構成団体ごとに、",
    "過年度分を含めて、",
    "",
];
const QUALIFIERS: [&str; 10] = [
    "",
    "なお、出力項目は利用者が選択できること。",
    "また、処理結果を確認リストとして出力できること。",
    "",
    "処理件数に上限を設けないこと。",
    "なお、操作内容は操作ログとして記録されること。",
    "また、帳票レイアウトは国の標準仕様書に準拠すること。",
    "",
    "なお、構成団体ごとにパラメータで切り替えられること。",
    "また、エラー時は処理を中断せず継続できること。",
];

/// Product names of the incumbent (F07 looks for them).
const BRANDS: [&str; 3] = ["さくら住記Plus", "さくら税務クラウド", "SAKURA-Link"];

const VENDOR_NAMES: [&str; 16] = [
    "さくら電算",
    "北日本情報システム",
    "東和システムサービス",
    "みらいソリューションズ",
    "中央ITセンター",
    "やまびこ情報技術",
    "青葉データサービス",
    "西海システム開発",
    "つばさネットワークス",
    "ひかり行政システム",
    "湊コンピュータ",
    "大地ソフトウェア",
    "あおぞら情報処理",
    "北斗電子計算センター",
    "しらかば情報サービス",
    "朝日システムズ",
];

const TOWN_HEADS: [&str; 20] = [
    "桜",
    "北見",
    "南原",
    "青葉",
    "深山",
    "西ノ宮",
    "東",
    "若松",
    "川辺",
    "高森",
    "松浦",
    "白石",
    "大野",
    "中津",
    "朝日",
    "小川",
    "美郷",
    "新田",
    "緑ヶ丘",
    "岩瀬",
];
const TOWN_TAILS: [&str; 4] = ["町", "村", "市", "川町"];

/// Every workbook carries this creation date, so files are identical from run to run.
const DOCUMENT_DATE: (u16, u8, u8) = (2026, 4, 1);

/// SplitMix64: small, fast and good enough to draw test data from.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Priority {
    Must,
    Should,
    May,
}

impl Priority {
    fn label(self) -> &'static str {
        match self {
            Priority::Must => "必須",
            Priority::Should => "推奨",
            Priority::May => "任意",
        }
    }
}

struct Requirement {
    area: usize,
    id: String,
    major: &'static str,
    minor: &'static str,
    text: String,
    priority: Priority,
    /// A 配点 written in the matrix; most rows leave it to the priority.
    points: Option<f64>,
    /// Written around the incumbent's product: only vendor 0 is capable.
    incumbent_only: bool,
}

fn requirements(n: usize, rng: &mut Rng) -> Vec<Requirement> {
    let per_area = n.div_ceil(AREAS.len());
    (0..n)
        .map(|i| {
            let area = (i / per_area).min(AREAS.len() - 1);
            let number = i - area * per_area + 1;
            let object = rng.pick(&OBJECTS);
            let mut text = format!(
                "{}{}の{}ができること。",
                rng.pick(&CONDITIONS),
                object,
                rng.pick(&ACTIONS),
            );
            // Real requirements are nearly all distinct: a second clause and
            // a volume make the generated ones so too.
            if rng.chance(500) {
                let _ = write!(
                    text,
                    "{}についても同様に{}ができること。",
                    rng.pick(&OBJECTS),
                    rng.pick(&ACTIONS)
                );
            }
            if rng.chance(400) {
                let _ = write!(
                    text,
                    "処理件数は1日あたり{}件を想定すること。",
                    100 * (1 + rng.below(500))
                );
            }
            text.push_str(rng.pick(&QUALIFIERS));
            let incumbent_only = rng.chance(6);
            if incumbent_only && rng.chance(300) {
                text = format!("{}と同等の操作性で、{text}", rng.pick(&BRANDS));
            }
            let priority = match rng.below(10) {
                0..=3 => Priority::Must,
                4..=7 => Priority::Should,
                _ => Priority::May,
            };
            // The incumbent's features are never mandatory here: the other
            // vendors would all be knocked out.
            let priority = if incumbent_only && priority == Priority::Must {
                Priority::Should
            } else {
                priority
            };
            Requirement {
                area,
                id: format!("{}-{number:05}", AREAS[area].1),
                major: rng.pick(&MAJORS),
                minor: rng.pick(&MINORS),
                text,
                priority,
                points: rng.chance(20).then_some(5.0),
                incumbent_only,
            }
        })
        .collect()
}

fn properties(title: &str) -> Res<DocProperties> {
    let (y, m, d) = DOCUMENT_DATE;
    Ok(DocProperties::new()
        .set_title(title)
        .set_author("東山県広域連合 事務局")
        .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?))
}

fn write_headers(sheet: &mut Worksheet, row: u32, headers: &[&str], bold: &Format) -> Res<()> {
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *text, bold)?;
    }
    Ok(())
}

// requirements.xlsx, one sheet per area:
//
// | 1 || 機能要件一覧（住民記録）                                       |
// | 2 ||                                                                |
// | 3 || 要件ID | 大分類 | 中分類 | 要件内容 | 必須区分 | 配点 | 備考 |
// | 4 || JK-00001 | 受付 | 窓口 | 窓口での受付時に、… | 必須 |     |      |
fn write_matrix(path: &Path, reqs: &[Requirement]) -> Res<()> {
    let mut book = Workbook::new();
    book.set_properties(&properties(&format!("{TITLE} 機能要件一覧"))?);
    let bold = Format::new().set_bold();
    for (area, (name, _)) in AREAS.iter().enumerate() {
        let sheet = book.add_worksheet_with_low_memory()?;
        sheet.set_name(*name)?;
        sheet.write_string_with_format(0, 0, format!("機能要件一覧（{name}）"), &bold)?;
        let headers = [
            "要件ID",
            "大分類",
            "中分類",
            "要件内容",
            "必須区分",
            "配点",
            "備考",
        ];
        write_headers(sheet, 2, &headers, &bold)?;
        for (row, req) in (3..).zip(reqs.iter().filter(|r| r.area == area)) {
            sheet.write_string(row, 0, &req.id)?;
            sheet.write_string(row, 1, req.major)?;
            sheet.write_string(row, 2, req.minor)?;
            sheet.write_string(row, 3, &req.text)?;
            sheet.write_string(row, 4, req.priority.label())?;
            if let Some(points) = req.points {
                sheet.write_number(row, 5, points)?;
            }
            if req.incumbent_only {
                sheet.write_string(row, 6, "現行システムの運用を踏襲")?;
            }
        }
    }
    book.save(path)?;
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum Level {
    Standard,
    Alternative,
    Customization,
    Unsupported,
    Blank,
    Illegible,
}

/// How a vendor fills in the form.
#[derive(Clone, Copy)]
enum Form {
    /// One sheet per area: `要件ID | 業務 | 大分類 | 中分類 | 要件内容 | 必須区分 | 回答 | カスタマイズ費用 | 備考`.
    PerArea,
    /// One sheet for all: `業務 | 要件ID | 要件内容 | 回答 | 改修費用（千円） | 備考`.
    Combined,
    /// One sheet per area, other words: `要件番号 | 要件内容 | 回答区分 | 費用 | 補足`.
    OtherWords,
}

#[derive(Clone, Copy)]
enum Codes {
    Symbols,
    Letters,
    Words,
}

impl Codes {
    fn code(self, level: Level) -> &'static str {
        let i = match level {
            Level::Standard => 0,
            Level::Alternative => 1,
            Level::Customization => 2,
            Level::Unsupported => 3,
            Level::Blank => return "",
            Level::Illegible => return "要確認",
        };
        match self {
            Codes::Symbols => ["◎", "○", "△", "×"][i],
            Codes::Letters => ["A", "B", "C", "D"][i],
            Codes::Words => ["標準", "代替", "カスタマイズ", "不可"][i],
        }
    }
}

struct Vendor {
    name: String,
    form: Form,
    codes: Codes,
    /// Per mille of standard, alternative and customization answers (the rest unsupported).
    profile: [usize; 3],
    /// Mandatory requirements this vendor cannot meet (knockouts).
    knockouts: usize,
}

fn vendors(count: usize) -> Vec<Vendor> {
    (0..count)
        .map(|k| Vendor {
            name: match VENDOR_NAMES.get(k) {
                Some(name) => (*name).to_string(),
                None => format!("ベンダー{:02}", k + 1),
            },
            form: [Form::PerArea, Form::Combined, Form::OtherWords][k % 3],
            codes: [Codes::Symbols, Codes::Letters, Codes::Words, Codes::Symbols][k % 4],
            profile: [
                [820, 120, 50],
                [700, 180, 80],
                [760, 120, 90],
                [650, 200, 100],
            ][k % 4],
            knockouts: if k >= count.saturating_sub(4) {
                1 + k % 3
            } else {
                0
            },
        })
        .collect()
}

struct Answer {
    level: Level,
    text: String,
    cost: Option<Cost>,
    remark: &'static str,
}

enum Cost {
    Yen(f64),
    Text(String),
}

fn answers(vendor_index: usize, vendor: &Vendor, reqs: &[Requirement], seed: u64) -> Vec<Answer> {
    let mut rng = Rng::new(seed ^ (vendor_index as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407));
    // Knocked-out requirements: spread over the matrix, mandatory only.
    let mandatory: Vec<usize> = (0..reqs.len())
        .filter(|&i| reqs[i].priority == Priority::Must)
        .collect();
    let knockouts: Vec<usize> = (0..vendor.knockouts.min(mandatory.len()))
        .map(|j| mandatory[(j * 7919 + vendor_index * 104_729) % mandatory.len()])
        .collect();
    reqs.iter()
        .enumerate()
        .map(|(i, req)| {
            let level = if knockouts.contains(&i) {
                Level::Unsupported
            } else if req.incumbent_only {
                if vendor_index == 0 {
                    Level::Standard
                } else if rng.chance(700) {
                    Level::Customization
                } else {
                    Level::Unsupported
                }
            } else if rng.chance(2) && req.priority != Priority::Must {
                // A blank or illegible answer on a mandatory requirement is a
                // knockout: those are the designed ones above.
                if rng.chance(500) {
                    Level::Blank
                } else {
                    Level::Illegible
                }
            } else {
                let draw = rng.below(1000);
                let [s, a, c] = vendor.profile;
                match draw {
                    d if d < s => Level::Standard,
                    d if d < s + a => Level::Alternative,
                    d if d < s + a + c => Level::Customization,
                    // A mandatory requirement nobody meets would knock out
                    // every vendor: those become customization.
                    _ if req.priority == Priority::Must => Level::Customization,
                    _ => Level::Unsupported,
                }
            };
            let text = echo(&req.text, &mut rng);
            let cost = (level == Level::Customization).then(|| cost(&mut rng));
            let remark = remark(level, &mut rng);
            Answer {
                level,
                text,
                cost,
                remark,
            }
        })
        .collect()
}

/// The vendor's copy of a requirement: usually the text itself; about 3 %
/// reworded (F09), about 2 % only in another width or spacing (no flag).
fn echo(text: &str, rng: &mut Rng) -> String {
    match rng.below(1000) {
        0..=9 => text.replacen("できること", "できること（運用により対応）", 1),
        10..=19 => match text.find('。') {
            Some(end) if end + '。'.len_utf8() < text.len() => {
                text[..end + '。'.len_utf8()].to_string()
            }
            _ => format!("{text}ただし、一部帳票を除く。"),
        },
        20..=29 => text
            .replacen("即日", "翌日", 1)
            .replacen("一括", "個別", 1)
            .replacen("自動", "手動", 1)
            .replacen("CSV", "PDF", 1),
        30..=39 => format!(" {} ", text.replace('、', "、 ")),
        40..=49 => text.replace("CSV", "ＣＳＶ"),
        _ => text.to_string(),
    }
}

fn cost(rng: &mut Rng) -> Cost {
    let man = (1 + rng.below(400)) * 5; // 5万 … 2000万
    let yen = man as f64 * 10_000.0;
    match rng.below(12) {
        0..=3 => Cost::Yen(yen),
        4 => Cost::Text(format!("{man}万円")),
        5 => Cost::Text(format!("¥{}", thousands(man * 10_000))),
        6 => Cost::Text(format!("{:.1}万", man as f64 + 0.5)),
        7 => Cost::Text(full_width(&format!("{man}万円"))),
        8 => Cost::Text(format!("{}千円", thousands(man * 10))),
        9 => Cost::Text("別途見積".to_string()),
        10 => Cost::Text("無償".to_string()),
        _ => Cost::Text(format!("{}円", thousands(man * 10_000))),
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn remark(level: Level, rng: &mut Rng) -> &'static str {
    let pool: &[&str] = match level {
        Level::Standard if rng.chance(40) => &["パラメータ設定により対応します。"],
        Level::Alternative => &[
            "帳票出力後に手作業で補正する運用で対応します。",
            "汎用検索機能で代替します。",
            "EUCツールでデータを抽出して対応します。",
            "次期バージョン（令和9年度）で標準機能化を予定しています。",
        ],
        Level::Customization => &[
            "個別改修により対応します（概算工期2か月）。",
            "帳票レイアウトの追加開発が必要です。",
            "外部連携インタフェースの改修で対応します。",
        ],
        Level::Unsupported if rng.chance(500) => {
            &["パッケージの設計思想と異なるため対応できません。"]
        }
        _ => &[""],
    };
    rng.pick(pool)
}

fn write_response(
    path: &Path,
    vendor: &Vendor,
    reqs: &[Requirement],
    answers: &[Answer],
) -> Res<()> {
    let mut book = Workbook::new();
    book.set_properties(&properties(&format!("{TITLE} 機能要件回答書"))?);
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0");

    let cover = book.add_worksheet().set_name("表紙")?;
    cover.write_string_with_format(0, 0, TITLE, &bold)?;
    cover.write_string(1, 0, "機能要件回答書")?;
    cover.write_string(3, 0, "会社名")?;
    cover.write_string(3, 1, format!("{}株式会社", vendor.name))?;

    let (headers, thousands_of_yen): (&[&str], bool) = match vendor.form {
        Form::PerArea => (
            &[
                "要件ID",
                "業務",
                "大分類",
                "中分類",
                "要件内容",
                "必須区分",
                "回答",
                "カスタマイズ費用",
                "備考",
            ],
            false,
        ),
        Form::Combined => (
            &[
                "業務",
                "要件ID",
                "要件内容",
                "回答",
                "改修費用（千円）",
                "備考",
            ],
            true,
        ),
        Form::OtherWords => (&["要件番号", "要件内容", "回答区分", "費用", "補足"], false),
    };
    let sheets: Vec<(String, Vec<usize>)> = match vendor.form {
        Form::Combined => vec![("機能要件回答".to_string(), (0..reqs.len()).collect())],
        Form::PerArea | Form::OtherWords => AREAS
            .iter()
            .enumerate()
            .map(|(area, (name, _))| {
                let rows = (0..reqs.len()).filter(|&i| reqs[i].area == area).collect();
                (format!("回答（{name}）"), rows)
            })
            .collect(),
    };
    for (name, rows) in sheets {
        let sheet = book.add_worksheet_with_low_memory()?;
        sheet.set_name(&name)?;
        sheet.write_string_with_format(0, 0, "機能要件回答書", &bold)?;
        write_headers(sheet, 2, headers, &bold)?;
        for (row, &i) in (3..).zip(&rows) {
            let (req, answer) = (&reqs[i], &answers[i]);
            for (col, header) in headers.iter().enumerate() {
                let col = col as u16;
                let text: &str = match *header {
                    "要件ID" | "要件番号" => &req.id,
                    "業務" => AREAS[req.area].0,
                    "大分類" => req.major,
                    "中分類" => req.minor,
                    "要件内容" => &answer.text,
                    "必須区分" => req.priority.label(),
                    "回答" | "回答区分" => vendor.codes.code(answer.level),
                    "備考" | "補足" => answer.remark,
                    _ => match &answer.cost {
                        None => "",
                        Some(Cost::Yen(yen)) => {
                            let shown = if thousands_of_yen { yen / 1000.0 } else { *yen };
                            sheet.write_number_with_format(row, col, shown, &money)?;
                            ""
                        }
                        Some(Cost::Text(text)) => text,
                    },
                };
                if !text.is_empty() {
                    sheet.write_string(row, col, text)?;
                }
            }
        }
    }
    book.save(path)?;
    Ok(())
}

fn town_names(count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let head = TOWN_HEADS[i % TOWN_HEADS.len()];
            let tail = TOWN_TAILS[(i / TOWN_HEADS.len()) % TOWN_TAILS.len()];
            match i / (TOWN_HEADS.len() * TOWN_TAILS.len()) {
                0 => format!("{head}{tail}"),
                round => format!("{head}{}{tail}", ["", "第二", "第三", "第四"][round.min(3)]),
            }
        })
        .collect()
}

// requests.xlsx, wide form:
//
// | 1 || カスタマイズ要望一覧                                     |
// | 3 || 要件ID | 要件内容 | 桜町 | 北見町 | 南原町 | …            |
// | 4 || JK-00001 | 窓口での受付時に、… |  ○  |        |        |
fn write_requests(path: &Path, reqs: &[Requirement], towns: &[String], rng: &mut Rng) -> Res<()> {
    let mut book = Workbook::new();
    book.set_properties(&properties(&format!("{TITLE} カスタマイズ要望一覧"))?);
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet_with_low_memory()?;
    sheet.set_name("要望一覧")?;
    sheet.write_string_with_format(0, 0, "カスタマイズ要望一覧（構成団体別）", &bold)?;
    let mut headers = vec!["要件ID", "要件内容"];
    headers.extend(towns.iter().map(String::as_str));
    write_headers(sheet, 2, &headers, &bold)?;
    for (row, req) in (3..).zip(reqs) {
        sheet.write_string(row, 0, &req.id)?;
        sheet.write_string(row, 1, &req.text)?;
        // Most requirements nobody asks to change; a few, one town; a few, many.
        let share = match rng.below(1000) {
            0..=19 => 1,
            20..=27 => 2 + rng.below(towns.len().max(2) / 2),
            28..=30 => towns.len() / 2 + rng.below(towns.len() / 2 + 1),
            _ => 0,
        };
        for _ in 0..share.min(towns.len()) {
            let town = rng.below(towns.len());
            sheet.write_string(row, 2 + town as u16, "○")?;
        }
    }
    book.save(path)?;
    Ok(())
}

fn settings_toml() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Generated by `cargo run --release --example scale`");
    let _ = writeln!(out, "title = \"{TITLE}\"");
    let brands: Vec<String> = BRANDS.iter().map(|b| format!("\"{b}\"")).collect();
    let _ = writeln!(out, "brand_terms = [{}]", brands.join(", "));
    out
}

fn main() -> Res<()> {
    let args = Args::parse();
    if args.requirements == 0 || args.vendors == 0 || args.members == 0 {
        return Err("--requirements, --vendors and --members must be at least 1".into());
    }
    let responses = args.dir.join("responses");
    fs::create_dir_all(&responses)?;
    for entry in fs::read_dir(&responses)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "xlsx") {
            fs::remove_file(path)?;
        }
    }

    let mut rng = Rng::new(args.seed);
    let reqs = requirements(args.requirements, &mut rng);
    let vendors = vendors(args.vendors);
    let towns = town_names(args.members);

    write_matrix(&args.dir.join("requirements.xlsx"), &reqs)?;
    write_requests(&args.dir.join("requests.xlsx"), &reqs, &towns, &mut rng)?;
    fs::write(args.dir.join("settings.toml"), settings_toml())?;

    // Vendors are independent: one per core at a time.
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| -> Res<()> {
        let handles: Vec<_> = (0..workers.min(vendors.len()))
            .map(|_| {
                scope.spawn(|| -> Res<()> {
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(vendor) = vendors.get(k) else {
                            return Ok(());
                        };
                        let answers = answers(k, vendor, &reqs, args.seed);
                        let path = responses.join(format!("{}.xlsx", vendor.name));
                        write_response(&path, vendor, &reqs, &answers)?;
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().map_err(|_| "a writer thread panicked")??;
        }
        Ok(())
    })?;

    println!(
        "{}: {} requirements in {} area sheets, {} vendors, {} member towns (seed {})",
        args.dir.display(),
        reqs.len(),
        AREAS.len(),
        vendors.len(),
        towns.len(),
        args.seed
    );
    Ok(())
}
