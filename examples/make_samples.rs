//! Writes `samples/`: a fictional consortium of six towns buying one shared
//! core system (自治体クラウド), with everything `fairbid evaluate` reads — the
//! secretariat's requirement matrix, five vendors' response workbooks, the
//! towns' customization requests — and the settings for them.
//!
//! ```text
//! cargo run --example make_samples -- samples
//! ```
//!
//! The argument is the output folder; the files in it are overwritten.
//!
//! Why the data look the way they do: a newcomer should see every fairness
//! flag on realistic material, so the outcome is *designed* (the `DESIGNED`
//! table: the incumbent is the only capable vendor on requirements written
//! around its product, one vendor is knocked out, one rewords the matrix …) and
//! every other answer is drawn from a fixed-seed generator, so each run writes
//! the same bytes. At the end the example reads every file back with calamine
//! and prints what it designed, so the claims in `samples/README.md` can be
//! checked by eye.

use std::error::Error;
use std::fs;
use std::path::Path;

use calamine::{Reader, open_workbook_auto};
use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Formula, Workbook, Worksheet,
};

type Res<T> = Result<T, Box<dyn Error>>;

// ───────────────────────────── The consortium ─────────────────────────────

const TITLE: &str = "北陵県西部六町村 自治体クラウド基幹系システム共同調達";
const SECRETARIAT: &str = "北陵県西部町村 情報システム共同化協議会 事務局";
const TOWNS: [&str; 6] = [
    "桜川町",
    "北見沢村",
    "南原町",
    "青葉町",
    "深山村",
    "西ノ宮町",
];

/// Product names of the incumbent that the matrix mentions (F07 looks for them).
const BRAND_TERMS: [&str; 3] = ["さくら住記Plus", "さくら税務クラウド", "SAKURA-Link"];

/// Every workbook carries this creation date, so the files are byte-identical
/// from run to run.
const DOCUMENT_DATE: (u16, u8, u8) = (2025, 6, 2);

// ───────────────────────────── Requirements ─────────────────────────────

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

#[derive(Clone, Copy)]
struct Requirement {
    id: &'static str,
    major: &'static str,
    minor: &'static str,
    text: &'static str,
    priority: Priority,
    /// 配点: 3 / 2 / 1 by priority unless a key requirement is worth more.
    points: u8,
}

const fn must(
    id: &'static str,
    major: &'static str,
    minor: &'static str,
    text: &'static str,
) -> Requirement {
    Requirement {
        id,
        major,
        minor,
        text,
        priority: Priority::Must,
        points: 3,
    }
}

const fn should(
    id: &'static str,
    major: &'static str,
    minor: &'static str,
    text: &'static str,
) -> Requirement {
    Requirement {
        id,
        major,
        minor,
        text,
        priority: Priority::Should,
        points: 2,
    }
}

const fn may(
    id: &'static str,
    major: &'static str,
    minor: &'static str,
    text: &'static str,
) -> Requirement {
    Requirement {
        id,
        major,
        minor,
        text,
        priority: Priority::May,
        points: 1,
    }
}

impl Requirement {
    /// A 重点項目: worth more than its priority's default.
    const fn worth(self, points: u8) -> Requirement {
        Requirement { points, ..self }
    }
}

/// The columns a sheet can have, in the matrix and in the responses.
#[derive(Clone, Copy, PartialEq)]
enum Col {
    Id,
    Area,
    Major,
    Minor,
    Text,
    Priority,
    Points,
    /// The secretariat's note on a requirement.
    Note,
    Answer,
    Cost,
    /// The vendor's remark on its answer.
    Remarks,
}

/// One column: what it holds, its header text, its width (Excel character units).
type Column = (Col, &'static str, f64);

struct Area {
    name: &'static str,
    /// A note line under the sheet's title (the tax sheet has a banner).
    banner: Option<&'static str>,
    columns: &'static [Column],
    requirements: &'static [Requirement],
}

#[rustfmt::skip]
const AREAS: [Area; 4] = [
    Area { name: "住民記録", banner: None, columns: STANDARD_COLUMNS, requirements: JUMIN_KIROKU },
    Area { name: "個人住民税", banner: Some(TAX_BANNER), columns: STANDARD_COLUMNS, requirements: KOJIN_JUMINZEI },
    Area { name: "国民健康保険", banner: None, columns: KOKUHO_COLUMNS, requirements: KOKUHO },
    Area { name: "収納", banner: None, columns: SHUNO_COLUMNS, requirements: SHUNO },
];

const TAX_BANNER: &str = "※ 必須区分　必須：本調達で必ず満たすこと（対応不可の場合は失格）／推奨：対応が望ましい／任意：提案があれば評価する　　配点は評価点の重み";

// 住民記録 and 個人住民税 (the tax sheet adds the banner row):
//
//  ______________________________________________________________________
// |   ||   A    |    B     |   C    |      D       |    E     | F  |  G  |
// |___||________|__________|________|______________|__________|____|_____|
// | 1 || 機能要件一覧（住民記録）    (merged title)                         |
// | 2 ||                                                                  |
// | 3 || 要件ID | 大分類   | 中分類 | 要件内容     | 必須区分 |配点| 備考|
// | 4 || JR-001 | 住民異動 | 転入   | 転入届の受付…| 必須     | 3  |     |
// |___||________|__________|________|______________|__________|____|_____|
//   \ 住民記録 / 個人住民税 / 国民健康保険 / 収納 / (hidden) 選択肢 /
const STANDARD_COLUMNS: &[Column] = &[
    (Col::Id, "要件ID", 9.5),
    (Col::Major, "大分類", 12.0),
    (Col::Minor, "中分類", 14.0),
    (Col::Text, "要件内容", 62.0),
    (Col::Priority, "必須区分", 9.0),
    (Col::Points, "配点", 6.0),
    (Col::Note, "備考", 26.0),
];

// 国民健康保険: `No.` and `機能要件`, one category column, no 配点 (weights
// come from the priority):
//
// | 3 || No.    | 分類 | 機能要件                 | 必須区分 | 備考 |
// | 4 || KK-001 | 資格 | 住民記録の異動に連動して…| 必須     |      |
const KOKUHO_COLUMNS: &[Column] = &[
    (Col::Id, "No.", 9.5),
    (Col::Major, "分類", 12.0),
    (Col::Text, "機能要件", 66.0),
    (Col::Priority, "必須区分", 9.0),
    (Col::Note, "備考", 26.0),
];

// 収納: `要件番号` and `重要度`:
//
// | 3 || 要件番号 | 大分類 | 中分類 | 要件内容 | 重要度 | 配点 | 備考 |
const SHUNO_COLUMNS: &[Column] = &[
    (Col::Id, "要件番号", 10.0),
    (Col::Major, "大分類", 12.0),
    (Col::Minor, "中分類", 14.0),
    (Col::Text, "要件内容", 62.0),
    (Col::Priority, "重要度", 8.0),
    (Col::Points, "配点", 6.0),
    (Col::Note, "備考", 26.0),
];

#[rustfmt::skip]
const JUMIN_KIROKU: &[Requirement] = &[
    must("JR-001", "住民異動", "転入", "転入届の受付時に、住基ネット経由の転出証明書情報を取り込み、氏名・生年月日・前住所等の入力を省略できること。"),
    must("JR-002", "住民異動", "転入", "転入届の受付において、異動日・届出日・異動事由を入力し、住民票を作成できること。"),
    must("JR-003", "住民異動", "転出", "転出届の受付により転出予定者として登録し、転出証明書を発行できること。"),
    must("JR-004", "住民異動", "転出", "マイナンバーカードを利用した転出届（転出の特例）の情報を住基ネットから取り込み、処理できること。"),
    must("JR-005", "住民異動", "転居", "転居届により住所を変更し、同一世帯の世帯員を一括で異動できること。"),
    must("JR-006", "住民異動", "世帯変更", "世帯分離・世帯合併・世帯主変更の処理ができること。"),
    must("JR-007", "住民異動", "出生・死亡", "戸籍システムから出生・死亡の異動情報を取り込み、住民票に反映できること。"),
    must("JR-008", "住民異動", "訂正", "異動処理の取消し・訂正を、修正前の履歴を残したうえで行えること。"),
    must("JR-009", "住民異動", "他業務連携", "異動処理の結果を、税・国保・福祉の各業務システムへ即時に連携できること。"),
    must("JR-010", "住民異動", "外国人住民", "外国人住民について在留資格・在留期間等を管理し、出入国在留管理庁からの法務省通知を取り込めること。"),
    should("JR-011", "住民異動", "住所入力", "住所の入力時に、町丁字・地番の辞書から選択して入力できること。"),
    must("JR-012", "住民異動", "異動入力", "さくら住記Plusと同等の一画面完結型の異動入力画面（世帯全員の異動を一画面で処理）を備えること。").worth(5),
    may("JR-013", "住民異動", "進捗管理", "異動届の受付から決裁までの進捗状況を一覧で確認できること。"),
    must("JR-014", "証明発行", "住民票の写し", "住民票の写し（世帯全員・個人）を、本籍・続柄・個人番号等の記載の省略有無を選択して交付できること。").worth(5),
    should("JR-015", "証明発行", "記載事項証明", "住民票記載事項証明書を発行できること。"),
    must("JR-016", "証明発行", "コンビニ交付", "住民票の写し・印鑑登録証明書のコンビニ交付に対応し、証明書交付センターとの連携ができること。"),
    should("JR-017", "証明発行", "証明書印刷", "証明書の発行時に、偽造防止用紙への印刷と、公印・職務代理者の切替えができること。"),
    should("JR-018", "証明発行", "交付履歴", "証明書の交付履歴（請求者・交付日時・枚数）を記録し、検索できること。"),
    should("JR-019", "証明発行", "広域交付", "広域交付住民票の請求を受け付け、交付できること。"),
    may("JR-020", "証明発行", "手数料", "証明書交付手数料を集計し、日計表を出力できること。"),
    must("JR-021", "宛名管理", "宛名", "住民以外の者（住登外者）を宛名として登録し、全業務共通の宛名番号で管理できること。"),
    should("JR-022", "宛名管理", "送付先", "業務ごとに送付先・代理人を登録できること。"),
    must("JR-023", "宛名管理", "支援措置", "DV等支援措置の対象者を登録し、証明書の発行時及び照会時に警告を表示できること。"),
    must("JR-024", "宛名管理", "外字", "氏名の外字を含めて管理し、文字情報基盤の文字で表示・印刷できること。"),
    should("JR-025", "宛名管理", "旧氏・通称", "旧氏及び通称の併記に対応できること。"),
    should("JR-026", "宛名管理", "宛名検索", "宛名検索を、カナ氏名のあいまい検索・生年月日・住所の組合せで行えること。"),
    must("JR-027", "外部連携", "住基ネット", "住民基本台帳ネットワークシステム（CS）と連携し、本人確認情報の更新を自動で行えること。"),
    must("JR-028", "外部連携", "番号連携", "団体内統合宛名システムを経由して、中間サーバーと副本データを連携できること。"),
    should("JR-029", "外部連携", "マイナンバーカード", "マイナンバーカードの交付・暗証番号再設定・失効の状況を管理できること。"),
    should("JR-030", "外部連携", "戸籍附票", "戸籍の附票システムと連携し、附票記載事項を通知できること。"),
    should("JR-031", "統計・帳票", "人口統計", "月末時点の人口・世帯数を、行政区別・年齢階層別に集計できること。"),
    may("JR-032", "統計・帳票", "報告資料", "住民基本台帳人口移動報告など、国・県への報告資料を作成できること。"),
    should("JR-033", "統計・帳票", "独自帳票", "現行システム（さくら住記Plus）で作成している独自帳票（住民異動集計表ほか12種）を、同一のレイアウトで出力できること。"),
    may("JR-034", "統計・帳票", "帳票編集", "帳票のレイアウト（項目の配置・フォント）を職員が変更できること。"),
    should("JR-035", "統計・帳票", "選挙連携", "選挙人名簿システムへの登録用データを出力できること。"),
    should("JR-036", "統計・帳票", "データ抽出", "住民記録の任意の項目を条件指定で抽出し、CSV形式で出力できること。"),
    must("JR-037", "共通", "権限管理", "職員ごとに操作権限（照会のみ・更新可・証明発行可）を設定できること。"),
    must("JR-038", "共通", "操作ログ", "照会・更新・証明発行の操作ログを記録し、検索・出力できること。"),
    may("JR-039", "共通", "入力支援", "AI-OCRにより住民異動届の手書きの記載内容を読み取り、入力画面に反映できること。"),
    should("JR-040", "外部連携", "団体間照会", "他団体の住民記録システムと、住所・世帯情報をリアルタイムで相互に照会できること。"),
];

#[rustfmt::skip]
const KOJIN_JUMINZEI: &[Requirement] = &[
    must("ZE-001", "課税資料", "給与支払報告書", "eLTAXから給与支払報告書データを取り込み、課税資料として登録できること。"),
    should("ZE-002", "課税資料", "給与支払報告書", "紙で提出された給与支払報告書を、パンチデータから取り込めること。"),
    must("ZE-003", "課税資料", "国税連携", "国税連携システムから所得税確定申告書データを取り込めること。"),
    must("ZE-004", "課税資料", "公的年金", "公的年金等支払報告書データを取り込み、年金所得者の課税資料とできること。"),
    should("ZE-005", "課税資料", "名寄せ", "同一人に複数の課税資料がある場合に名寄せを行い、候補を一覧で表示できること。"),
    should("ZE-006", "課税資料", "申告受付", "住民税申告書の受付入力を、窓口で対話形式により行えること。"),
    should("ZE-007", "課税資料", "扶養控除", "扶養控除の重複を自動で抽出し、確認リストを出力できること。"),
    must("ZE-008", "賦課", "税額計算", "所得割・均等割及び森林環境税を、地方税法に基づき正しく計算できること。").worth(5),
    should("ZE-009", "賦課", "税制改正", "税制改正に伴う計算ロジックの変更を、保守の範囲内で行うこと。"),
    must("ZE-010", "賦課", "税額控除", "寄附金税額控除（ふるさと納税ワンストップ特例を含む）を計算できること。"),
    must("ZE-011", "賦課", "税額控除", "住宅借入金等特別税額控除を計算できること。"),
    should("ZE-012", "賦課", "減免", "減免の申請を受け付け、減免額を計算して税額に反映できること。"),
    must("ZE-013", "賦課", "更正", "税額の更正を行い、更正の履歴を管理できること。"),
    should("ZE-014", "賦課", "未申告", "未申告者を抽出し、申告勧奨通知を出力できること。"),
    must("ZE-015", "特別徴収", "税額通知", "特別徴収税額決定通知書（特別徴収義務者用・納税義務者用）を出力できること。"),
    must("ZE-016", "特別徴収", "電子通知", "特別徴収税額通知を、eLTAXを経由して電子的に送付できること（納税義務者用の電子通知を含む）。"),
    should("ZE-017", "特別徴収", "異動届", "給与所得者異動届出書により、特別徴収から普通徴収への切替えを処理できること。"),
    must("ZE-018", "特別徴収", "年金特徴", "公的年金からの特別徴収の対象者を抽出し、日本年金機構等とデータを連携できること。"),
    should("ZE-019", "普通徴収", "納税通知書", "普通徴収の納税通知書を、圧着はがき形式で出力できること。"),
    must("ZE-020", "普通徴収", "納付書", "納付書に地方税統一QRコード（eL-QR）を印字できること。"),
    must("ZE-021", "証明", "課税証明", "所得課税証明書・非課税証明書を発行できること。"),
    should("ZE-022", "証明", "コンビニ交付", "所得課税証明書のコンビニ交付に対応できること。"),
    must("ZE-023", "統計・帳票", "課税状況調", "市町村税課税状況等の調を作成できること。"),
    may("ZE-024", "統計・帳票", "県様式", "県独自様式の「個人住民税課税実績表」（県税務課指定様式）を出力できること。"),
    must("ZE-025", "データ移行", "課税台帳", "現行の「さくら税務クラウド」の課税台帳データを、データ変換なしで取り込めること。"),
    must("ZE-026", "外部連携", "他業務連携", "課税情報を国保・介護・福祉の各業務へ連携できること。"),
    may("ZE-027", "賦課", "シミュレーション", "税制改正による税額への影響をシミュレーションできること。"),
    should("ZE-028", "照会", "課税台帳", "課税台帳を個人単位・世帯単位で照会・出力できること。"),
    should("ZE-029", "照会", "過年度", "過年度（5年分）の課税情報を照会できること。"),
    may("ZE-030", "課税資料", "扶養・専従者", "扶養親族及び事業専従者の情報を、課税資料ごとに管理できること。"),
    may("ZE-031", "課税資料", "提出管理", "給与支払報告書の提出状況を事業所ごとに管理し、未提出の事業所へ督促通知を出力できること。"),
    may("ZE-032", "課税資料", "申告相談", "申告相談会場の予約状況を管理できること。"),
    may("ZE-033", "課税資料", "オンライン申告", "住民がスマートフォンから住民税申告書を作成・提出できるオンライン申告機能を有すること。"),
    should("ZE-034", "賦課", "還付・充当", "税額の減額更正に伴う還付・充当を、収納システムと連携して処理できること。"),
    should("ZE-035", "統計・帳票", "課税台帳出力", "課税台帳を年度・町丁字単位で一括出力できること。"),
];

#[rustfmt::skip]
const KOKUHO: &[Requirement] = &[
    must("KK-001", "資格", "", "住民記録の異動に連動して、国保資格の取得・喪失を処理できること。"),
    must("KK-002", "資格", "", "社会保険への加入等による資格喪失の届出を受け付け、処理できること。"),
    must("KK-003", "資格", "", "資格確認書及び資格情報のお知らせを発行できること。"),
    must("KK-004", "資格", "", "オンライン資格確認等システムへ、中間サーバーを経由して資格情報を連携できること。"),
    should("KK-005", "資格", "", "マル学・マル遠等の住所地特例対象者を管理できること。"),
    should("KK-006", "資格", "", "国保連合会の被保険者台帳と資格情報を突合できること。"),
    should("KK-007", "資格", "", "資格異動の処理結果を、さくら住基Plusと同一の画面レイアウトで確認できること。"),
    must("KK-008", "賦課", "", "国保税（医療分・後期高齢者支援金分・介護納付金分）を所得割・均等割・平等割で賦課できること。"),
    must("KK-009", "賦課", "", "各町村の税率・賦課限度額を団体ごとに設定できること。"),
    must("KK-010", "賦課", "", "未就学児に係る均等割の軽減を計算できること。"),
    must("KK-011", "賦課", "", "低所得世帯に対する7割・5割・2割軽減を自動で判定できること。"),
    should("KK-012", "賦課", "", "非自発的失業者に係る軽減を計算できること。"),
    should("KK-013", "賦課", "", "町村条例で定める独自の減免区分（所得割の段階的減免など）を、団体ごとに設定できること。"),
    must("KK-014", "賦課", "", "月割による賦課・更正を行い、更正通知書を出力できること。"),
    should("KK-015", "賦課", "", "仮算定・本算定の方式を団体ごとに選択できること。"),
    must("KK-016", "給付", "", "高額療養費の支給申請を受け付け、支給額を計算できること。"),
    should("KK-017", "給付", "", "高額療養費の支給申請勧奨通知を出力できること。"),
    must("KK-018", "給付", "", "出産育児一時金・葬祭費の支給を管理できること。"),
    should("KK-019", "給付", "", "療養費（柔道整復・補装具等）の支給を管理できること。"),
    should("KK-020", "給付", "", "限度額適用認定証の交付を管理できること。"),
    must("KK-021", "外部連携", "", "国保総合システム（国保連合会）とデータを連携できること。"),
    should("KK-022", "外部連携", "", "国保事業費納付金の算定に必要なデータを県へ提供できること。"),
    must("KK-023", "統計・帳票", "", "国民健康保険事業状況報告書（事業月報・年報）を作成できること。"),
    should("KK-024", "統計・帳票", "", "被保険者数・世帯数を月次で集計できること。"),
    may("KK-025", "保健事業", "", "特定健診の対象者を抽出し、健診システムへ連携できること。"),
    may("KK-026", "給付", "", "第三者行為求償の事案を管理できること。"),
    may("KK-027", "資格", "", "国保税の滞納世帯から特別療養費の対象世帯を抽出できること。"),
    may("KK-028", "資格", "", "被保険者がスマートフォンから資格情報・納付状況を確認できること。"),
    should("KK-029", "賦課", "", "所得未申告世帯を抽出し、簡易申告書を送付できること。"),
    should("KK-030", "資格", "", "高齢受給者証を交付できること。"),
];

#[rustfmt::skip]
const SHUNO: &[Requirement] = &[
    must("SN-001", "収納", "消込", "金融機関からの収納データ（口座振替結果・MPN）を取り込み、自動で消込できること。"),
    should("SN-002", "収納", "窓口収納", "窓口で収納した領収済通知書を、バーコード読取により消込できること。"),
    must("SN-003", "収納", "コンビニ収納", "コンビニ収納・スマートフォン決済（eL-QRを含む）の速報・確報データで消込できること。"),
    must("SN-004", "収納", "口座振替", "口座振替の申込・廃止を管理し、振替依頼データを作成できること。"),
    should("SN-005", "収納", "口座振替", "口座振替の不能者に、振替不能通知書を出力できること。"),
    must("SN-006", "収納", "過誤納", "過誤納金の還付・充当を処理し、還付通知書を出力できること。"),
    must("SN-007", "滞納整理", "督促", "納期限の経過後に督促状を一括で出力できること。"),
    should("SN-008", "滞納整理", "催告", "滞納者を条件で抽出し、催告書を出力できること。"),
    must("SN-009", "滞納整理", "延滞金", "延滞金を法定の割合で自動計算できること。").worth(5),
    should("SN-010", "滞納整理", "分納", "分納誓約を登録し、履行状況を管理できること。"),
    should("SN-011", "滞納整理", "滞納処分", "財産調査・差押・執行停止の経過を記録できること。"),
    should("SN-012", "滞納整理", "交渉記録", "滞納者ごとの交渉経過を記録し、全税目の滞納状況を一覧で確認できること。"),
    must("SN-013", "証明", "納税証明", "納税証明書（完納証明を含む）を発行できること。"),
    must("SN-014", "外部連携", "財務会計", "財務会計システムへ、収入データを日次で連携できること。"),
    should("SN-015", "外部連携", "財務会計", "さくら電算製の財務会計システムと、専用インターフェース（SAKURA-Link）で収納消込データを連携できること。"),
    may("SN-016", "収納", "口座振替", "口座振替の依頼データを、全銀協フォーマットで作成できること。"),
    should("SN-017", "統計・帳票", "収納率", "収納率を税目・年度・団体別に集計できること。"),
    should("SN-018", "滞納整理", "滞納繰越", "滞納繰越分の調定を管理できること。"),
    should("SN-019", "収納", "納付書再発行", "納付書の再発行を、窓口で即時に行えること。"),
    should("SN-020", "滞納整理", "不納欠損", "不納欠損の処理を行い、欠損調書を出力できること。"),
    may("SN-021", "収納", "税外債権", "税以外の債権（保育料・住宅使用料等）も一元的に管理できること。"),
    may("SN-022", "滞納整理", "電話催告", "滞納者への電話催告の記録を残せること。"),
    should("SN-023", "滞納整理", "督促", "督促状・催告書を、圧着はがき形式で出力できること。"),
    must("SN-024", "外部連携", "賦課連携", "収納情報を、住民税・国保税の各賦課システムと即時に連携できること。"),
    may("SN-025", "収納", "自動取込", "夜間・休日の収納データを、翌開庁日に自動で取り込めること。"),
];

/// The secretariat's notes in the matrix's 備考 column.
const MATRIX_NOTES: &[(&str, &str)] = &[
    ("JR-012", "現行の運用を踏襲"),
    ("JR-016", "交付センター利用料は本調達の対象外"),
    ("JR-024", "文字情報基盤（MJ）準拠"),
    ("ZE-008", "森林環境税（国税）を含む"),
    ("ZE-019", "構成団体から要望あり"),
    ("ZE-025", "データ移行に関する要件"),
    ("KK-009", "構成6町村で税率が異なる"),
    ("KK-013", "減免区分は別紙参照"),
    ("SN-009", "特例基準割合の改定に対応"),
];

// ───────────────────────────── Vendors ─────────────────────────────

/// The level an answer means, as fairbid will read it with the default legend.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Level {
    Standard,
    Alternative,
    Customization,
    Unsupported,
    /// The vendor left the answer cell empty.
    Blank,
}

/// How a vendor writes its answer codes.
#[derive(Clone, Copy, PartialEq)]
enum Legend {
    /// ◎ ○ △ ×
    Symbols,
    /// Ａ Ｂ Ｃ Ｄ in full width, a b c d in one area typed by someone else.
    Letters,
    /// 標準 代替 カスタマイズ 不可
    Words,
    /// ○ △ × only: ○ meant "we can do it", standard or not; fairbid reads it
    /// as alternative and warns the committee.
    ThreeLevel,
}

/// How a vendor writes its costs.
#[derive(Clone, Copy)]
enum CostStyle {
    /// `¥1,200,000`
    YenSign,
    /// `120万円`
    ManEn,
    /// plain numbers in thousands, under a `（千円）` header
    Thousands,
    /// `120万`, `1.5万`, `別途見積`
    Man,
    /// plain numbers in yen, `-` on every row that costs nothing
    Plain,
}

/// The tone of a vendor's remarks.
#[derive(Clone, Copy)]
enum Voice {
    Polite,
    Terse,
}

/// What a vendor wrote in the cost cell.
#[derive(Clone, Copy, PartialEq)]
enum Cost {
    None,
    Yen(u32),
    /// 別途見積
    Quote,
    /// `-` on a customization row: the cost is unknown.
    Dash,
}

/// How the sheets of a response are split.
enum Sheets {
    /// One sheet per business area, named by this function from the area's
    /// position and name.
    PerArea(fn(usize, &str) -> String),
    /// All areas on one sheet.
    Combined(&'static str),
}

/// A vendor's response form: its sheets, the lines above the header
/// (`{area}` and `{company}` are filled in, `""` is a blank row), the columns.
struct Form {
    sheets: Sheets,
    title_lines: &'static [&'static str],
    columns: &'static [Column],
}

/// The look of a vendor's workbook.
struct Look {
    font: &'static str,
    header_fill: u32,
    tab: u32,
}

struct Vendor {
    /// The file stem, which is the vendor's identity in fairbid.
    file: &'static str,
    company: &'static str,
    department: &'static str,
    person: &'static str,
    phone: &'static str,
    mail: &'static str,
    /// Chances, per mille, of a standard, alternative and customization answer
    /// on a desirable requirement outside the designed scenario; the rest is
    /// unsupported. Mandatory rows lean to standard, optional rows away from
    /// it (`drawn_level`), and `even_out` smooths rows that would raise a flag.
    /// Tuned so that the scores land where the README says.
    profile: [u32; 3],
    /// Chance, per mille, that a customization cost is 別途見積.
    quote_rate: u32,
    seed: u64,
    legend: Legend,
    cost_style: CostStyle,
    voice: Voice,
    /// Requirement texts this vendor reworded in its copy (F09).
    altered: &'static [(&'static str, &'static str)],
    form: Form,
    look: Look,
}

const SAKURA: usize = 0;
const KITA: usize = 1;
const MIRAI: usize = 2;
const TOWA: usize = 3;
const CHUO: usize = 4;

const VENDORS: [Vendor; 5] = [
    // The incumbent. Copies the matrix's sheets one for one.
    //
    // | 1 || 機能要件回答書（住民記録）                                         |
    // | 2 ||                                                                     |
    // | 3 || 要件ID | 大分類 | 中分類 | 要件内容 | 必須区分 | 回答 | カスタマイズ費用 | 備考 |
    // | 4 || JR-001 | 住民異動 | 転入 | 転入届の…| 必須     | ◎   |                 |      |
    //   \ 表紙 / 住民記録 / 個人住民税 / 国民健康保険 / 収納 /
    Vendor {
        file: "さくら電算",
        company: "さくら電算株式会社",
        department: "公共ソリューション事業部 第一営業部",
        person: "桜井 健一",
        phone: "0155-22-3101",
        mail: "sakurai@sakura-densan.example.jp",
        profile: [280, 540, 120],
        quote_rate: 0,
        seed: 0x5A4B_0001,
        legend: Legend::Symbols,
        cost_style: CostStyle::YenSign,
        voice: Voice::Polite,
        altered: &[],
        form: Form {
            sheets: Sheets::PerArea(|_, area| area.to_string()),
            title_lines: &["機能要件回答書（{area}）", ""],
            columns: &[
                (Col::Id, "要件ID", 9.5),
                (Col::Major, "大分類", 11.0),
                (Col::Minor, "中分類", 12.0),
                (Col::Text, "要件内容", 56.0),
                (Col::Priority, "必須区分", 8.5),
                (Col::Answer, "回答", 7.0),
                (Col::Cost, "カスタマイズ費用", 15.0),
                (Col::Remarks, "備考", 36.0),
            ],
        },
        look: Look {
            font: "游ゴシック",
            header_fill: 0xF8D7E3,
            tab: 0xE48AAE,
        },
    },
    // | 1 || 【住民記録】機能要件への回答                           |
    // | 2 || 要件ID | 要件内容 | 対応可否 | カスタマイズ費用 | 備考 |
    // | 3 || JR-001 | 転入届の…| ◎       |                  |      |
    //   \ 表紙 / 01_住民記録 / 02_個人住民税 / 03_国民健康保険 / 04_収納 /
    Vendor {
        file: "北日本情報システム",
        company: "北日本情報システム株式会社",
        department: "自治体ソリューション本部",
        person: "北村 直樹",
        phone: "011-208-4410",
        mail: "n.kitamura@kitanihon-is.example.jp",
        profile: [425, 400, 110],
        quote_rate: 0,
        seed: 0x4B49_0002,
        legend: Legend::Symbols,
        cost_style: CostStyle::ManEn,
        voice: Voice::Polite,
        altered: &[],
        form: Form {
            sheets: Sheets::PerArea(|i, area| format!("{:02}_{area}", i + 1)),
            title_lines: &["【{area}】機能要件への回答"],
            columns: &[
                (Col::Id, "要件ID", 9.5),
                (Col::Text, "要件内容", 60.0),
                (Col::Answer, "対応可否", 9.0),
                (Col::Cost, "カスタマイズ費用", 15.0),
                (Col::Remarks, "備考", 40.0),
            ],
        },
        look: Look {
            font: "Meiryo UI",
            header_fill: 0xD9E5F3,
            tab: 0x4F81BD,
        },
    },
    // One combined sheet, costs in thousands, the legend above the header.
    //
    // | 1 || 機能要件回答書                                               |
    // | 2 || 回答凡例：Ａ＝標準機能　Ｂ＝代替・運用　Ｃ＝カスタマイズ　Ｄ＝対応不可 |
    // | 3 ||                                                              |
    // | 4 || 業務 | 要件ID | 要件内容 | 回答 | 改修費用（千円） | 備考      |
    // | 5 || 住民記録 | JR-001 | 転入届の… | Ａ |              |          |
    //   \ 表紙 / 機能要件回答 /
    Vendor {
        file: "みらいソリューションズ",
        company: "株式会社みらいソリューションズ",
        department: "公共営業部",
        person: "三浦 美咲",
        phone: "03-5812-7720",
        mail: "m.miura@mirai-sol.example.jp",
        profile: [240, 470, 180],
        quote_rate: 0,
        seed: 0x4D49_0003,
        legend: Legend::Letters,
        cost_style: CostStyle::Thousands,
        voice: Voice::Terse,
        altered: MIRAI_ALTERED,
        form: Form {
            sheets: Sheets::Combined("機能要件回答"),
            title_lines: &[
                "機能要件回答書",
                "回答凡例：Ａ＝標準機能　Ｂ＝代替・運用　Ｃ＝カスタマイズ　Ｄ＝対応不可",
                "",
            ],
            columns: &[
                (Col::Area, "業務", 12.0),
                (Col::Id, "要件ID", 9.5),
                (Col::Text, "要件内容", 60.0),
                (Col::Answer, "回答", 6.0),
                (Col::Cost, "改修費用（千円）", 14.0),
                (Col::Remarks, "備考", 30.0),
            ],
        },
        look: Look {
            font: "メイリオ",
            header_fill: 0xE2EFDA,
            tab: 0x70AD47,
        },
    },
    // Banner rows, 要件番号 and 回答区分, words as codes.
    //
    // | 1 || 機能要件回答書                                        |
    // | 2 || 東和システムサービス株式会社　業務：住民記録            |
    // | 3 ||                                                       |
    // | 4 || 要件番号 | 業務 | 要件内容 | 必須区分 | 回答区分 | 費用 | 補足 |
    // | 5 || JR-001 | 住民記録 | 転入届の… | 必須 | 標準 |      |      |
    //   \ 表紙 / 回答（住民記録） / 回答（個人住民税） / … /
    Vendor {
        file: "東和システムサービス",
        company: "東和システムサービス株式会社",
        department: "営業本部 官公庁営業課",
        person: "東 和也",
        phone: "022-716-5590",
        mail: "k.azuma@towa-ss.example.jp",
        profile: [330, 450, 150],
        quote_rate: 300,
        seed: 0x5457_0004,
        legend: Legend::Words,
        cost_style: CostStyle::Man,
        voice: Voice::Terse,
        altered: &[],
        form: Form {
            sheets: Sheets::PerArea(|_, area| format!("回答（{area}）")),
            title_lines: &["機能要件回答書", "{company}　業務：{area}", ""],
            columns: &[
                (Col::Id, "要件番号", 10.0),
                (Col::Area, "業務", 11.0),
                (Col::Text, "要件内容", 58.0),
                (Col::Priority, "必須区分", 8.5),
                (Col::Answer, "回答区分", 12.0),
                (Col::Cost, "費用", 10.0),
                (Col::Remarks, "補足", 30.0),
            ],
        },
        look: Look {
            font: "ＭＳ Ｐゴシック",
            header_fill: 0xD9D9D9,
            tab: 0x808080,
        },
    },
    // No title: the header is row 1. ○ △ × only.
    //
    // | 1 || 要件ID | 要件内容 | 必須区分 | 回答 | 費用（円） | 備考 |
    // | 2 || JR-001 | 転入届の… | 必須    | ○   | -          |      |
    //   \ 表紙 / 住民記録 / 個人住民税 / 国民健康保険 / 収納 /
    Vendor {
        file: "中央ITセンター",
        company: "一般財団法人 中央ITセンター",
        department: "自治体支援部",
        person: "中田 誠",
        phone: "048-601-2284",
        mail: "nakata@chuo-itc.example.jp",
        profile: [0, 850, 120],
        quote_rate: 0,
        seed: 0x4348_0005,
        legend: Legend::ThreeLevel,
        cost_style: CostStyle::Plain,
        voice: Voice::Polite,
        altered: &[],
        form: Form {
            sheets: Sheets::PerArea(|_, area| area.to_string()),
            title_lines: &[],
            columns: &[
                (Col::Id, "要件ID", 9.5),
                (Col::Text, "要件内容", 60.0),
                (Col::Priority, "必須区分", 8.5),
                (Col::Answer, "回答", 6.0),
                (Col::Cost, "費用（円）", 12.0),
                (Col::Remarks, "備考", 34.0),
            ],
        },
        look: Look {
            font: "游ゴシック",
            header_fill: 0xFCE4D6,
            tab: 0xED7D31,
        },
    },
];

/// みらいソリューションズ retyped the matrix into one sheet and weakened three
/// requirements on the way (F09: two high, one medium).
#[rustfmt::skip]
const MIRAI_ALTERED: &[(&str, &str)] = &[
    ("JR-009", "異動処理の結果を、税・国保・福祉の各業務システムへ翌日に連携できること。"),
    ("JR-017", "証明書の発行時に、偽造防止用紙への印刷と、公印・職務代理者の切替えができること（ただし一部帳票を除く）。"),
    ("SN-001", "金融機関からの収納データを取り込み、自動で消込できること。"),
];

// ───────────────────────────── The designed scenario ─────────────────────────────

// Answers per vendor, in the order of VENDORS:
// [さくら電算, 北日本情報システム, みらいソリューションズ, 東和システムサービス, 中央ITセンター].
const S: Level = Level::Standard;
const A: Level = Level::Alternative;
const C: Level = Level::Customization;
const U: Level = Level::Unsupported;
const BLANK: Level = Level::Blank;

/// The requirements whose answers are designed, and the finding each is for.
/// Every other row is drawn, then evened out so that it raises no flag.
#[rustfmt::skip]
const DESIGNED: &[(&str, [Level; 5], &str)] = &[
    ("JR-012", [S, C, C, C, C], "F01 さくら電算 / F07 さくら住記Plus / F08 配点5で順位を決める"),
    ("JR-016", [S, S, S, U, A], "F05 東和システムサービス（コンビニ交付）"),
    ("JR-033", [S, U, C, U, C], "F01 さくら電算 / F07 さくら住記Plus / 1町の要望 → adapt_operations"),
    ("JR-026", [A, S, A, A, A], "F02 北日本情報システムだけが標準機能"),
    ("JR-034", [C, S, S, C, A], "さくら電算の費用が別途見積（費用不明）/ 3町が要望 → standardize"),
    ("JR-036", [S, A, S, S, A], "北日本情報システム: 代替なのに費用あり（警告）"),
    ("JR-039", [U, S, U, U, U], "F01 北日本情報システム（AI-OCR）"),
    ("JR-040", [U, U, U, U, U], "F04 どのベンダーも対応できない"),
    ("ZE-006", [S, A, A, C, A], "F02 さくら電算だけが標準機能"),
    ("ZE-014", [S, S, A, C, A], "東和システムサービス: 1.5万（軽微な改修）"),
    ("ZE-016", [S, S, A, U, A], "F05 東和システムサービス（eLTAX電子通知）"),
    ("ZE-019", [S, C, S, A, C], "2社がカスタマイズ、4町村が要望 → standardize"),
    ("ZE-024", [C, C, C, U, C], "F03 県独自様式（カスタマイズでしか満たせない）/ 要望なし → review_requirement"),
    ("ZE-025", [S, C, C, C, C], "F01 さくら電算 / F07 さくら税務クラウド"),
    ("ZE-033", [U, U, S, U, U], "F01 みらいソリューションズ（オンライン申告）"),
    ("KK-004", [S, S, S, U, A], "F05 東和システムサービス（オンライン資格確認）"),
    ("KK-007", [S, U, C, U, U], "F01 さくら電算 / F07 近似一致（さくら住基Plus）"),
    ("KK-013", [C, C, C, C, U], "F03 町村独自の減免 / 3町村が要望 → standardize"),
    ("SN-003", [S, S, S, U, A], "F05 東和システムサービス（コンビニ収納）"),
    ("SN-010", [S, S, A, C, A], "東和システムサービス: カスタマイズで費用が「-」（費用不明）"),
    ("SN-015", [S, C, U, U, C], "F01 さくら電算 / F07 さくら電算・SAKURA-Link"),
    ("SN-025", [S, S, A, S, BLANK], "中央ITセンター: 回答欄が空欄（missing）"),
];

/// Costs of designed rows, in yen.
const DESIGNED_COSTS: &[(&str, usize, Cost)] = &[
    ("JR-012", KITA, Cost::Yen(3_500_000)),
    ("JR-012", MIRAI, Cost::Yen(4_200_000)),
    ("JR-012", TOWA, Cost::Quote),
    ("JR-012", CHUO, Cost::Yen(2_800_000)),
    ("JR-033", MIRAI, Cost::Yen(2_400_000)),
    ("JR-033", CHUO, Cost::Yen(3_600_000)),
    ("JR-034", SAKURA, Cost::Quote),
    ("JR-036", KITA, Cost::Yen(300_000)),
    ("ZE-014", TOWA, Cost::Yen(15_000)),
    ("ZE-019", KITA, Cost::Yen(800_000)),
    ("ZE-019", CHUO, Cost::Yen(650_000)),
    ("ZE-024", SAKURA, Cost::Yen(450_000)),
    ("ZE-024", KITA, Cost::Yen(400_000)),
    ("ZE-024", MIRAI, Cost::Yen(500_000)),
    ("ZE-024", CHUO, Cost::Yen(300_000)),
    ("ZE-025", KITA, Cost::Yen(1_800_000)),
    ("ZE-025", MIRAI, Cost::Yen(2_000_000)),
    ("ZE-025", TOWA, Cost::Quote),
    ("ZE-025", CHUO, Cost::Yen(1_500_000)),
    ("KK-007", MIRAI, Cost::Yen(800_000)),
    ("KK-013", SAKURA, Cost::Yen(600_000)),
    ("KK-013", KITA, Cost::Yen(900_000)),
    ("KK-013", MIRAI, Cost::Yen(1_200_000)),
    ("KK-013", TOWA, Cost::Yen(1_500_000)),
    ("SN-010", TOWA, Cost::Dash),
    ("SN-015", KITA, Cost::Yen(1_200_000)),
    ("SN-015", CHUO, Cost::Yen(900_000)),
];

/// Remarks of designed rows.
#[rustfmt::skip]
const DESIGNED_REMARKS: &[(&str, usize, &str)] = &[
    ("JR-012", SAKURA, "さくら住記Plusの標準画面で対応いたします。"),
    ("JR-012", KITA, "当社の異動画面はタブ切替方式です。一画面化には画面の改修が必要です。"),
    ("JR-012", MIRAI, "異動画面の改修"),
    ("JR-012", TOWA, "画面改修。費用は仕様確定後に見積"),
    ("JR-012", CHUO, "世帯一括異動画面の一画面化には、画面の改修が必要です。"),
    ("JR-033", SAKURA, "現行の帳票をそのまま出力いたします。"),
    ("JR-033", KITA, "当社標準帳票（住民異動集計表等）での代替をご検討ください。"),
    ("JR-034", SAKURA, "帳票編集ツールの導入が必要です。費用は別途お見積りいたします。"),
    ("JR-036", KITA, "抽出作業を当社SEが代行いたします（年4回まで、有償）。"),
    ("JR-039", KITA, "AI-OCRオプション（当社標準）で対応いたします。"),
    ("JR-040", SAKURA, "法令上の根拠がないため、対応いたしかねます。"),
    ("JR-040", KITA, "他団体との住民情報の相互照会は、個人情報保護の観点から対応しておりません。"),
    ("ZE-014", TOWA, "通知文面の変更（軽微）"),
    ("ZE-019", KITA, "圧着はがき様式の帳票追加が必要です（圧着機は別途）。"),
    ("ZE-019", TOWA, "外部委託（印刷業者）での圧着加工で対応"),
    ("ZE-024", KITA, "県指定様式の帳票を追加開発いたします。"),
    ("ZE-025", SAKURA, "現行システムと同一のデータ形式のため、変換は不要です。"),
    ("ZE-025", KITA, "移行作業で対応します。変換なしでの取込みには取込機能の個別開発が必要です。"),
    ("ZE-033", MIRAI, "スマート申告オプション（標準提供）"),
    ("KK-007", SAKURA, "現行画面と同一のレイアウトで提供いたします。"),
    ("KK-013", KITA, "減免区分はパラメータで5種類まで設定可能です。段階的減免には計算ロジックの改修が必要です。"),
    ("KK-013", CHUO, "町村独自の減免計算には対応しておりません。"),
    ("SN-010", TOWA, "分納管理機能の追加開発。費用は要件確認後"),
    ("SN-015", KITA, "汎用CSV形式での連携は標準です。専用インターフェースには個別開発が必要です。"),
];

#[rustfmt::skip]
const COST_STEPS: [u32; 10] = [
    150_000, 200_000, 300_000, 450_000, 500_000, 800_000, 1_000_000, 1_200_000, 1_500_000, 2_000_000,
];

#[rustfmt::skip]
const POLITE: [&[&str]; 4] = [
    &["標準機能で対応いたします。", "パラメータ設定により対応いたします。", "多数の導入団体で稼働実績がございます。"],
    &[
        "EUC機能によるデータ抽出で代替いたします。",
        "汎用帳票出力機能により代替可能です。",
        "運用（職員による確認作業）での対応をお願いいたします。",
        "別画面での照会により確認いただけます。",
        "CSV出力後、表計算ソフトでの加工により対応可能です。",
        "操作手順の工夫により対応可能です（操作マニュアルでご案内します）。",
    ],
    &[
        "帳票の追加改修が必要です。",
        "画面項目の追加改修にて対応いたします。",
        "連携インターフェースの個別開発が必要です。",
        "計算ロジックの追加改修が必要です。費用は概算です。",
        "次期バージョンでの標準機能化を検討しております。",
    ],
    &[
        "現行パッケージでは対応しておりません。",
        "次期バージョンでの対応を検討中です。",
        "当社パッケージの設計方針と異なるため、対応いたしかねます。",
    ],
];

#[rustfmt::skip]
const TERSE: [&[&str]; 4] = [
    &["標準対応", "パラメータ設定で対応"],
    &["EUCにて代替", "汎用帳票で代替", "運用で対応", "照会画面で確認可", "CSV出力後に加工"],
    &["帳票改修", "画面改修", "連携IF個別開発", "計算ロジック改修（概算）"],
    &["対応予定なし", "次期版で検討", "パッケージ対象外"],
];

/// Chance, per mille, that a vendor writes a remark, by level.
const REMARK_RATE: [u32; 4] = [60, 650, 950, 700];

// ───────────────────────────── Member requests ─────────────────────────────

// Wide form, one column per town; ○, 要 and 1 mark a request, `-` does not.
//
//  _______________________________________________________________________________
// |   ||   A    |     B      |   C    |    D     |  E   |  F   |  G   |   H    |  I  |
// | 1 || 構成団体別 カスタマイズ要望一覧                                            |
// | 2 ||                                                                         |
// | 3 || 要件ID | 要件内容   | 桜川町 | 北見沢村 |南原町|青葉町|深山村|西ノ宮町| 備考|
// | 4 || ZE-019 | 普通徴収の…|   ○    |          |  ○   |  ○   |      |   ○    |     |
//   \ 要望一覧 /
#[rustfmt::skip]
const REQUESTS: &[(&str, [&str; 6], &str)] = &[
    ("JR-012", ["○", "○", "", "", "", ""], "窓口の処理時間を短縮したい"),
    ("JR-020", ["", "", "", "", "", "要"], "会計課への日計報告に使用"),
    ("JR-026", ["", "", "", "", "○", ""], ""),
    ("JR-033", ["○", "", "", "", "", ""], "現行帳票を窓口で使用しているため"),
    ("JR-034", ["○", "", "○", "○", "", ""], "様式の軽微な変更を職員で行いたい"),
    ("JR-036", ["", "○", "", "", "", "要"], ""),
    ("ZE-006", ["", "○", "○", "", "", ""], "申告相談の繁忙期対策"),
    ("ZE-014", ["", "", "", "1", "", ""], ""),
    ("ZE-019", ["○", "", "○", "○", "-", "○"], "郵送料の削減（封書→はがき）"),
    ("ZE-022", ["", "", "○", "", "", ""], "窓口の混雑緩和"),
    ("ZE-031", ["○", "", "", "", "", ""], ""),
    ("KK-007", ["", "○", "", "", "", ""], "職員の操作研修を省きたい"),
    ("KK-013", ["", "○", "要", "", "○", ""], "各町村の条例による減免に対応するため"),
    ("KK-017", ["○", "", "○", "", "○", "○"], "申請漏れの防止"),
    ("KK-029", ["", "○", "", "", "", ""], ""),
    ("SN-010", ["", "", "", "", "", "○"], ""),
    ("SN-011", ["", "", "○", "○", "", ""], "滞納整理の記録を一元化したい"),
    ("SN-019", ["", "", "", "", "○", ""], ""),
    ("SN-021", ["○", "○", "", "○", "○", "○"], "税外債権の管理を統合したい"),
    ("SN-023", ["○", "", "", "○", "", "1"], "郵送料の削減"),
];

// ───────────────────────────── Main ─────────────────────────────

fn main() -> Res<()> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: cargo run --example make_samples -- <output folder>")?;
    let out = Path::new(&out);
    fs::create_dir_all(out.join("responses"))?;
    check_tables();

    write_requirements(&out.join("requirements.xlsx"))?;
    let answers = all_answers();
    for (vendor, answers) in VENDORS.iter().zip(&answers) {
        write_response(
            &out.join("responses").join(format!("{}.xlsx", vendor.file)),
            vendor,
            answers,
        )?;
    }
    write_requests(&out.join("requests.xlsx"))?;
    write_decisions(&out.join("decisions.xlsx"))?;
    fs::write(out.join("settings.toml"), settings_toml())?;

    summarize(out)?;
    print_designed_outcome(&answers);
    Ok(())
}

/// Every ID a table names must exist: a typo would silently drop a design.
fn check_tables() {
    let ids: Vec<&str> = all_requirements().map(|r| r.id).collect();
    let named = DESIGNED
        .iter()
        .map(|d| d.0)
        .chain(DESIGNED_COSTS.iter().map(|d| d.0))
        .chain(DESIGNED_REMARKS.iter().map(|d| d.0))
        .chain(MIRAI_ALTERED.iter().map(|d| d.0))
        .chain(MATRIX_NOTES.iter().map(|d| d.0))
        .chain(REQUESTS.iter().map(|d| d.0));
    for id in named {
        assert!(ids.contains(&id), "unknown requirement {id} in a table");
    }
    for (i, id) in ids.iter().enumerate() {
        assert!(!ids[..i].contains(id), "duplicate requirement {id}");
    }
}

fn all_requirements() -> impl Iterator<Item = &'static Requirement> {
    AREAS.iter().flat_map(|a| a.requirements.iter())
}

// ───────────────────────────── Answers ─────────────────────────────

/// A fixed-seed linear congruential generator (Knuth's MMIX constants): enough
/// variety for sample answers, the same sequence on every machine.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % u64::from(n)) as u32
    }
}

struct Answer {
    level: Level,
    cost: Cost,
    remark: String,
    /// The requirement text as the vendor copied it.
    text: &'static str,
}

/// Every vendor's answers, in VENDORS order, each in matrix order.
fn all_answers() -> Vec<Vec<Answer>> {
    let reqs: Vec<&Requirement> = all_requirements().collect();
    // Five draws per vendor and row, designed or not, so that a change to the
    // design leaves the other rows as they were.
    let draws: Vec<Vec<[u32; 5]>> = VENDORS
        .iter()
        .map(|vendor| {
            let mut lcg = Lcg(vendor.seed);
            reqs.iter()
                .map(|_| [1000, 2, 1000, 1000, 1000].map(|n| lcg.below(n)))
                .collect()
        })
        .collect();
    // How common each requirement's function is among packages (0: every
    // package has it). Half the rows of each vendor follow it, so the vendors
    // agree on the basics and differ on the rest, as real answers do.
    let mut lcg = Lcg(0x4A49_4348);
    let commonness: Vec<u32> = reqs.iter().map(|_| lcg.below(1000)).collect();

    // The levels as fairbid reads them; and what the three-level vendor
    // meant by its ○ (standard or not), which its remarks follow.
    let mut levels: Vec<Vec<Level>> = vec![Vec::new(); VENDORS.len()];
    let mut meant: Vec<Vec<Level>> = vec![Vec::new(); VENDORS.len()];
    for (i, req) in reqs.iter().enumerate() {
        let designed = DESIGNED.iter().find(|d| d.0 == req.id);
        let intended: Vec<Level> = (0..VENDORS.len())
            .map(|v| {
                let [own, shared, ..] = draws[v][i];
                let draw = if shared == 0 { commonness[i] } else { own };
                designed
                    .map(|d| d.1[v])
                    .unwrap_or_else(|| drawn_level(VENDORS[v].profile, draw, req.priority))
            })
            .collect();
        let mut row: Vec<Level> = intended
            .iter()
            .zip(&VENDORS)
            .map(|(&level, vendor)| match (vendor.legend, level) {
                (Legend::ThreeLevel, Level::Standard) => Level::Alternative,
                _ => level,
            })
            .collect();
        if designed.is_none() {
            even_out(&mut row, i);
        }
        for (v, level) in row.into_iter().enumerate() {
            let collapsed = level == Level::Alternative && intended[v] == Level::Standard;
            meant[v].push(if collapsed { Level::Standard } else { level });
            levels[v].push(level);
        }
    }

    VENDORS
        .iter()
        .enumerate()
        .map(|(v, vendor)| {
            reqs.iter()
                .zip(levels[v].iter().zip(&meant[v]))
                .zip(&draws[v])
                .map(
                    |((req, (&level, &meant)), &[_, _, cost_draw, remark_draw, pick])| {
                        let cost = match DESIGNED_COSTS.iter().find(|d| d.0 == req.id && d.1 == v) {
                            Some(d) => d.2,
                            None if level == Level::Customization
                                && cost_draw < vendor.quote_rate =>
                            {
                                Cost::Quote
                            }
                            None if level == Level::Customization => {
                                Cost::Yen(COST_STEPS[(cost_draw % 10) as usize])
                            }
                            None => Cost::None,
                        };
                        let remark =
                            match DESIGNED_REMARKS.iter().find(|d| d.0 == req.id && d.1 == v) {
                                Some(d) => d.2.to_string(),
                                None => drawn_remark(vendor.voice, meant, remark_draw, pick),
                            };
                        let text = vendor
                            .altered
                            .iter()
                            .find(|a| a.0 == req.id)
                            .map_or(req.text, |a| a.1);
                        Answer {
                            level,
                            cost,
                            remark,
                            text,
                        }
                    },
                )
                .collect()
        })
        .collect()
}

/// Keeps a row outside the design uneventful, so that every flag in the
/// samples comes from a designed row: at least two vendors capable (no F01,
/// F03, F04), and never exactly one standard vendor among them (no F02) —
/// a second vendor's alternative becomes standard, or, when only the
/// three-level vendor is left to lift, the lone standard becomes alternative.
/// The vendor to change is looked for from a different one on each row
/// (`row_index`), so that no vendor gains from the order of VENDORS.
fn even_out(row: &mut [Level], row_index: usize) {
    let capable = |l: &Level| matches!(l, Level::Standard | Level::Alternative);
    let order: Vec<usize> = (0..row.len())
        .map(|k| (row_index + k) % row.len())
        .collect();
    for &v in &order {
        if row.iter().filter(|l| capable(l)).count() >= 2 {
            break;
        }
        if !capable(&row[v]) {
            row[v] = Level::Alternative;
        }
    }
    let standard: Vec<usize> = (0..row.len())
        .filter(|&v| row[v] == Level::Standard)
        .collect();
    if let [only] = standard[..] {
        let lift = order
            .iter()
            .copied()
            .find(|&v| row[v] == Level::Alternative && VENDORS[v].legend != Legend::ThreeLevel);
        match lift {
            Some(v) => row[v] = Level::Standard,
            None => row[only] = Level::Alternative,
        }
    }
}

/// A level from the vendor's profile. Every package covers the legally
/// required basics, so mandatory rows lean to standard and optional rows
/// spread out. Vendors answer × on a mandatory requirement only where the
/// design says so; elsewhere they offer a change.
fn drawn_level(profile: [u32; 3], draw: u32, priority: Priority) -> Level {
    let [s, a, c] = profile;
    let draw = match priority {
        Priority::Must => draw * 6 / 10,
        Priority::Should => draw,
        Priority::May => (draw * 13 / 10).min(999),
    };
    let level = if draw < s {
        Level::Standard
    } else if draw < s + a {
        Level::Alternative
    } else if draw < s + a + c {
        Level::Customization
    } else {
        Level::Unsupported
    };
    if level == Level::Unsupported && priority == Priority::Must {
        Level::Customization
    } else {
        level
    }
}

fn drawn_remark(voice: Voice, level: Level, draw: u32, pick: u32) -> String {
    let i = match level {
        Level::Standard => 0,
        Level::Alternative => 1,
        Level::Customization => 2,
        Level::Unsupported => 3,
        Level::Blank => return String::new(),
    };
    if draw >= REMARK_RATE[i] {
        return String::new();
    }
    let pool = match voice {
        Voice::Polite => POLITE[i],
        Voice::Terse => TERSE[i],
    };
    pool[pick as usize % pool.len()].to_string()
}

/// The answer code as the vendor writes it; `area` is the business area's
/// position (みらいソリューションズ typed one area in lower-case ASCII).
fn code(legend: Legend, level: Level, area: usize) -> &'static str {
    let i = match level {
        Level::Standard => 0,
        Level::Alternative => 1,
        Level::Customization => 2,
        Level::Unsupported => 3,
        Level::Blank => return "",
    };
    let codes = match legend {
        Legend::Symbols => ["◎", "○", "△", "×"],
        Legend::Letters if area == 2 => ["a", "b", "c", "d"],
        Legend::Letters => ["Ａ", "Ｂ", "Ｃ", "Ｄ"],
        Legend::Words => ["標準", "代替", "カスタマイズ", "不可"],
        Legend::ThreeLevel => ["○", "○", "△", "×"],
    };
    codes[i]
}

/// A cost cell: text, or a number with its number format.
enum CostCell {
    Empty,
    Text(String),
    Number(f64, &'static str),
}

fn cost_cell(style: CostStyle, cost: Cost) -> CostCell {
    match (cost, style) {
        (Cost::None, CostStyle::Plain) => CostCell::Text("-".into()),
        (Cost::None, _) => CostCell::Empty,
        (Cost::Quote, _) => CostCell::Text("別途見積".into()),
        (Cost::Dash, _) => CostCell::Text("-".into()),
        (Cost::Yen(yen), CostStyle::YenSign) => CostCell::Text(format!("¥{}", thousands(yen))),
        (Cost::Yen(yen), CostStyle::ManEn) => CostCell::Text(format!("{}万円", man(yen))),
        (Cost::Yen(yen), CostStyle::Man) => CostCell::Text(format!("{}万", man(yen))),
        (Cost::Yen(yen), CostStyle::Thousands) => CostCell::Number(f64::from(yen / 1000), "#,##0"),
        (Cost::Yen(yen), CostStyle::Plain) => CostCell::Number(f64::from(yen), "#,##0"),
    }
}

/// `1200000` → `1,200,000`.
fn thousands(n: u32) -> String {
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

/// Yen in units of 万: `1200000` → `120`, `15000` → `1.5`.
fn man(yen: u32) -> String {
    if yen.is_multiple_of(10_000) {
        (yen / 10_000).to_string()
    } else {
        format!("{}", f64::from(yen) / 10_000.0)
    }
}

// ───────────────────────────── Workbook helpers ─────────────────────────────

/// The formats one workbook uses, all in its font.
struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    cell: Format,
    wrap: Format,
    center: Format,
    label: Format,
}

fn formats(font: &str, header_fill: u32) -> Formats {
    let base = Format::new().set_font_name(font).set_font_size(10);
    let boxed = base
        .clone()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    Formats {
        title: base.clone().set_bold().set_font_size(14),
        subtitle: base
            .clone()
            .set_font_size(9)
            .set_font_color(Color::RGB(0x404040)),
        header: boxed
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_background_color(Color::RGB(header_fill))
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        cell: boxed.clone(),
        wrap: boxed.clone().set_text_wrap(),
        center: boxed.clone().set_align(FormatAlign::Center),
        label: boxed
            .set_bold()
            .set_background_color(Color::RGB(header_fill)),
    }
}

/// Display width in Excel character units: a full-width character takes
/// about 1.8 at the 10-point size these workbooks use.
fn display_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 1.8 })
        .sum()
}

/// Row height (points) that shows every wrapped text of the row.
fn row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| (display_width(text) / (width - 1.5)).ceil().max(1.0))
        .fold(1.0, f64::max);
    lines * 13.5 + 3.0
}

fn properties(title: &str, author: &str, company: &str) -> Res<DocProperties> {
    let (y, m, d) = DOCUMENT_DATE;
    Ok(DocProperties::new()
        .set_title(title)
        .set_author(author)
        .set_company(company)
        .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?))
}

/// A4 landscape, fit to width, the header rows repeated, the procurement's
/// name on top and the page number below: how a secretariat prints.
fn print_setup(sheet: &mut Worksheet, header_row: u32) -> Res<()> {
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_header(format!("&L&8{TITLE}&R&8&A"));
    sheet.set_footer("&C&8&P / &N");
    Ok(())
}

fn write_header(sheet: &mut Worksheet, row: u32, columns: &[Column], f: &Formats) -> Res<()> {
    for (c, (_, header, width)) in columns.iter().enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, *width)?;
        sheet.write_string_with_format(row, c, *header, &f.header)?;
    }
    sheet.set_row_height(row, 27)?;
    Ok(())
}

/// Writes one row's cells; `value` gives each column's text.
fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    columns: &[Column],
    f: &Formats,
    mut value: impl FnMut(Col) -> String,
) -> Res<()> {
    let mut wrapped = Vec::new();
    for (c, (col, _, width)) in columns.iter().enumerate() {
        let text = value(*col);
        let format = match col {
            Col::Text | Col::Note | Col::Remarks => {
                wrapped.push((text.clone(), *width));
                &f.wrap
            }
            Col::Priority | Col::Points | Col::Answer => &f.center,
            _ => &f.cell,
        };
        match (col, text.parse::<f64>()) {
            (Col::Points, Ok(n)) => sheet.write_number_with_format(row, c as u16, n, format)?,
            _ => sheet.write_string_with_format(row, c as u16, &text, format)?,
        };
    }
    let cells: Vec<(&str, f64)> = wrapped.iter().map(|(t, w)| (t.as_str(), *w)).collect();
    sheet.set_row_height(row, row_height(&cells))?;
    Ok(())
}

// ───────────────────────────── requirements.xlsx ─────────────────────────────

fn write_requirements(path: &Path) -> Res<()> {
    let mut book = Workbook::new();
    book.set_properties(&properties(
        &format!("{TITLE} 機能要件一覧"),
        SECRETARIAT,
        SECRETARIAT,
    )?);
    let f = formats("游ゴシック", 0xDDEBF7);
    write_overview(&mut book, &f)?;
    for area in &AREAS {
        write_matrix_sheet(&mut book, area, &f)?;
    }
    // The drop-down list of 必須区分 lives on a hidden sheet, as secretariats do.
    let list = book.add_worksheet().set_name("選択肢")?;
    for (i, p) in [Priority::Must, Priority::Should, Priority::May]
        .iter()
        .enumerate()
    {
        list.write_string(i as u32, 0, p.label())?;
    }
    list.set_hidden(true);
    book.save(path)?;
    Ok(())
}

// The first sheet: what this workbook is, and the 必須区分 legend.
//
// | 1 || 北陵県西部六町村 自治体クラウド基幹系システム共同調達 |
// | 2 || 機能要件一覧                                       |
// | 4 || 作成         | 北陵県西部町村 情報システム共同化協議会 事務局 |
// | 8 || 必須区分     | 意味                                |
// | 9 || 必須         | 本調達で必ず満たすこと …            |
//   \ 概要 / 住民記録 / … /
fn write_overview(book: &mut Workbook, f: &Formats) -> Res<()> {
    let sheet = book.add_worksheet().set_name("概要")?;
    sheet.set_paper_size(9).set_print_fit_to_pages(1, 1);
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 80)?;
    sheet.write_string_with_format(0, 0, TITLE, &f.title)?;
    sheet.write_string_with_format(1, 0, "機能要件一覧", &f.title)?;
    let facts = [
        ("作成", SECRETARIAT),
        (
            "構成団体",
            "桜川町・北見沢村・南原町・青葉町・深山村・西ノ宮町（6町村）",
        ),
        (
            "対象業務",
            "住民記録、個人住民税、国民健康保険、収納（シートごとに記載）",
        ),
    ];
    for (i, (k, v)) in facts.iter().enumerate() {
        sheet.write_string_with_format(3 + i as u32, 0, *k, &f.label)?;
        sheet.write_string_with_format(3 + i as u32, 1, *v, &f.wrap)?;
    }
    let legend = [
        ("必須区分", "意味"),
        (
            "必須",
            "本調達で必ず満たすこと。対応不可の場合は失格とする（配点3）。",
        ),
        ("推奨", "対応が望ましい機能（配点2）。"),
        ("任意", "提案があれば評価する機能（配点1）。"),
    ];
    for (i, (k, v)) in legend.iter().enumerate() {
        let row = 7 + i as u32;
        let format = if i == 0 { &f.header } else { &f.cell };
        sheet.write_string_with_format(row, 0, *k, if i == 0 { format } else { &f.label })?;
        sheet.write_string_with_format(row, 1, *v, format)?;
    }
    sheet.write_string_with_format(
        12,
        0,
        "※ 配点欄のある業務はその値を、配点欄のない業務（国民健康保険）は必須区分の配点を用いる。重点項目は配点5とする。",
        &f.subtitle,
    )?;
    Ok(())
}

fn write_matrix_sheet(book: &mut Workbook, area: &Area, f: &Formats) -> Res<()> {
    let sheet = book.add_worksheet().set_name(area.name)?;
    let last_col = area.columns.len() as u16 - 1;
    sheet.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("機能要件一覧（{}）", area.name),
        &f.title,
    )?;
    sheet.set_row_height(0, 24)?;
    let mut header_row = 2;
    if let Some(banner) = area.banner {
        sheet.merge_range(1, 0, 1, last_col, banner, &f.subtitle)?;
        header_row = 3;
    }
    write_header(sheet, header_row, area.columns, f)?;
    for (i, req) in area.requirements.iter().enumerate() {
        write_row(
            sheet,
            header_row + 1 + i as u32,
            area.columns,
            f,
            |col| match col {
                Col::Id => req.id.to_string(),
                Col::Major => req.major.to_string(),
                Col::Minor => req.minor.to_string(),
                Col::Text => req.text.to_string(),
                Col::Priority => req.priority.label().to_string(),
                Col::Points => req.points.to_string(),
                Col::Note => MATRIX_NOTES
                    .iter()
                    .find(|n| n.0 == req.id)
                    .map_or("", |n| n.1)
                    .to_string(),
                _ => String::new(),
            },
        )?;
    }
    let last_row = header_row + area.requirements.len() as u32;
    let priority_col = area
        .columns
        .iter()
        .position(|c| c.0 == Col::Priority)
        .expect("priority column") as u16;
    let choices = DataValidation::new().allow_list_formula(Formula::new("=選択肢!$A$1:$A$3"));
    sheet.add_data_validation(
        header_row + 1,
        priority_col,
        last_row,
        priority_col,
        &choices,
    )?;
    sheet.set_freeze_panes(header_row + 1, 1)?;
    sheet.autofilter(header_row, 0, last_row, last_col)?;
    print_setup(sheet, header_row)?;
    Ok(())
}

// ───────────────────────────── responses/*.xlsx ─────────────────────────────

fn write_response(path: &Path, vendor: &Vendor, answers: &[Answer]) -> Res<()> {
    let mut book = Workbook::new();
    book.set_properties(&properties(
        &format!("{TITLE} 機能要件回答書"),
        vendor.person,
        vendor.company,
    )?);
    let f = formats(vendor.look.font, vendor.look.header_fill);
    write_cover(&mut book, vendor, &f)?;

    // Each area's rows with their answers, in matrix order.
    let mut rows = answers.iter();
    let areas: Vec<AreaRows> = AREAS
        .iter()
        .enumerate()
        .map(|(i, area)| {
            (
                i,
                area,
                area.requirements.iter().zip(rows.by_ref()).collect(),
            )
        })
        .collect();
    match vendor.form.sheets {
        Sheets::PerArea(name) => {
            for (i, area, rows) in &areas {
                write_answer_sheet(
                    &mut book,
                    vendor,
                    &f,
                    &name(*i, area.name),
                    area.name,
                    &[(*i, area, rows.clone())],
                )?;
            }
        }
        Sheets::Combined(name) => write_answer_sheet(&mut book, vendor, &f, name, "", &areas)?,
    }
    book.save(path)?;
    Ok(())
}

// The cover (表紙): who answers, and the legend the vendor used.
//
// | 1 || 北陵県西部六町村 自治体クラウド基幹系システム共同調達 |
// | 2 || 機能要件回答書                                       |
// | 4 || 会社名 | さくら電算株式会社                           |
// | 5 || 担当部署 | …                                          |
// | …                                                         |
// |11 || 凡例   | 意味                                         |
// |12 || ◎      | パッケージの標準機能で対応（パラメータ設定を含む） |
fn write_cover(book: &mut Workbook, vendor: &Vendor, f: &Formats) -> Res<()> {
    let sheet = book.add_worksheet().set_name("表紙")?;
    sheet.set_paper_size(9).set_print_fit_to_pages(1, 1);
    sheet.set_tab_color(Color::RGB(vendor.look.tab));
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, 62)?;
    sheet.write_string_with_format(0, 0, TITLE, &f.title)?;
    sheet.write_string_with_format(1, 0, "機能要件回答書", &f.title)?;
    let facts = [
        ("会社名", vendor.company),
        ("担当部署", vendor.department),
        ("担当者", vendor.person),
        ("電話", vendor.phone),
        ("メール", vendor.mail),
        ("提出日", "令和7年6月20日"),
    ];
    for (i, (k, v)) in facts.iter().enumerate() {
        sheet.write_string_with_format(3 + i as u32, 0, *k, &f.label)?;
        sheet.write_string_with_format(3 + i as u32, 1, *v, &f.cell)?;
    }
    let legend: &[(&str, &str)] = match vendor.legend {
        Legend::Symbols => &[
            ("◎", "パッケージの標準機能で対応（パラメータ設定を含む）"),
            ("○", "代替機能または運用で対応"),
            ("△", "カスタマイズ（プログラム改修）で対応"),
            ("×", "対応不可"),
        ],
        Legend::Words => &[
            ("標準", "標準機能で対応"),
            ("代替", "代替機能・運用で対応"),
            ("カスタマイズ", "改修で対応（費用欄に概算を記載）"),
            ("不可", "対応不可"),
        ],
        Legend::ThreeLevel => &[
            ("○", "対応可能"),
            ("△", "カスタマイズにより対応"),
            ("×", "対応不可"),
        ],
        // みらいソリューションズ states its legend on the answer sheet.
        Legend::Letters => &[],
    };
    let mut row = 10;
    if !legend.is_empty() {
        sheet.write_string_with_format(row, 0, "凡例", &f.header)?;
        sheet.write_string_with_format(row, 1, "意味", &f.header)?;
        for (code, meaning) in legend {
            row += 1;
            sheet.write_string_with_format(row, 0, *code, &f.center)?;
            sheet.write_string_with_format(row, 1, *meaning, &f.cell)?;
        }
        row += 2;
    }
    let note = match vendor.cost_style {
        CostStyle::Thousands => "※ 改修費用は千円単位、消費税抜きの概算です。",
        _ => "※ 費用は消費税抜きの概算です。",
    };
    sheet.write_string_with_format(row, 0, note, &f.subtitle)?;
    Ok(())
}

type AreaRows<'a> = (usize, &'a Area, Vec<(&'a Requirement, &'a Answer)>);

fn write_answer_sheet(
    book: &mut Workbook,
    vendor: &Vendor,
    f: &Formats,
    name: &str,
    area_name: &str,
    areas: &[AreaRows],
) -> Res<()> {
    let sheet = book.add_worksheet().set_name(name)?;
    sheet.set_tab_color(Color::RGB(vendor.look.tab));
    let columns = vendor.form.columns;
    for (row, line) in vendor.form.title_lines.iter().enumerate() {
        let text = line
            .replace("{area}", area_name)
            .replace("{company}", vendor.company);
        let format = if row == 0 { &f.title } else { &f.subtitle };
        sheet.write_string_with_format(row as u32, 0, &text, format)?;
    }
    let header_row = vendor.form.title_lines.len() as u32;
    write_header(sheet, header_row, columns, f)?;
    let mut row = header_row;
    for (area_index, area, rows) in areas {
        for (req, answer) in rows {
            row += 1;
            write_row(sheet, row, columns, f, |col| match col {
                Col::Id => req.id.to_string(),
                Col::Area => area.name.to_string(),
                Col::Major => req.major.to_string(),
                Col::Minor => req.minor.to_string(),
                Col::Text => answer.text.to_string(),
                Col::Priority => req.priority.label().to_string(),
                Col::Answer => code(vendor.legend, answer.level, *area_index).to_string(),
                Col::Remarks => answer.remark.clone(),
                Col::Points | Col::Note | Col::Cost => String::new(),
            })?;
            let cost_col = columns
                .iter()
                .position(|c| c.0 == Col::Cost)
                .expect("cost column") as u16;
            let right = f.cell.clone().set_align(FormatAlign::Right);
            match cost_cell(vendor.cost_style, answer.cost) {
                CostCell::Empty => {}
                CostCell::Text(t) => {
                    sheet.write_string_with_format(row, cost_col, &t, &right)?;
                }
                CostCell::Number(n, num_format) => {
                    sheet.write_number_with_format(
                        row,
                        cost_col,
                        n,
                        &right.set_num_format(num_format),
                    )?;
                }
            }
        }
    }
    sheet.set_freeze_panes(header_row + 1, 0)?;
    print_setup(sheet, header_row)?;
    Ok(())
}

// ───────────────────────────── requests.xlsx ─────────────────────────────

fn write_requests(path: &Path) -> Res<()> {
    let mut book = Workbook::new();
    book.set_properties(&properties(
        &format!("{TITLE} カスタマイズ要望一覧"),
        SECRETARIAT,
        SECRETARIAT,
    )?);
    let f = formats("游ゴシック", 0xFFF2CC);
    let sheet = book.add_worksheet().set_name("要望一覧")?;
    let mut columns: Vec<Column> = vec![(Col::Id, "要件ID", 9.5), (Col::Text, "要件内容", 50.0)];
    columns.extend(TOWNS.iter().map(|t| (Col::Answer, *t, 9.0)));
    columns.push((Col::Remarks, "備考", 30.0));
    let last_col = columns.len() as u16 - 1;
    sheet.merge_range(
        0,
        0,
        0,
        last_col,
        "構成団体別 カスタマイズ要望一覧",
        &f.title,
    )?;
    sheet.write_string_with_format(
        1,
        0,
        "※ 要望のある団体の欄に「○」を記入（各団体の回答を事務局で集約）",
        &f.subtitle,
    )?;
    let header_row = 3;
    write_header(sheet, header_row, &columns, &f)?;
    for (i, (id, marks, note)) in REQUESTS.iter().enumerate() {
        let req = all_requirements()
            .find(|r| r.id == *id)
            .expect("checked in check_tables");
        let row = header_row + 1 + i as u32;
        let mut town = marks.iter();
        write_row(sheet, row, &columns, &f, |col| match col {
            Col::Id => id.to_string(),
            Col::Text => req.text.to_string(),
            Col::Answer => town.next().expect("one mark per town").to_string(),
            Col::Remarks => note.to_string(),
            _ => String::new(),
        })?;
    }
    sheet.set_freeze_panes(header_row + 1, 2)?;
    print_setup(sheet, header_row)?;
    book.save(path)?;
    Ok(())
}

// ───────────────────────────── decisions.xlsx ─────────────────────────────

/// The committee's rulings after the questions and answers (質疑回答), one
/// row each: (vendor as the secretariat typed it, ID, code, ruling, reason, date).
///
/// 中央ITセンター answered with the 3-level ○△× legend, where ○ means
/// "supported"; it confirmed that its ○ are standard functions of its package,
/// so every ○ it wrote is ruled standard (a row without an ID). 北日本情報システム
/// answered JR-036 "代替" with a cost; it confirmed a code change is needed,
/// so that one answer is ruled customization.
#[rustfmt::skip]
const DECISIONS: &[[&str; 6]] = &[
    ["中央ＩＴセンター", "", "○", "標準", "質疑回答No.12で確認（○△×の3段階の凡例で回答。○はパッケージの標準機能）", "2025-07-08"],
    ["株式会社北日本情報システム", "JR-036", "", "カスタマイズ", "質疑回答No.18で確認（帳票の改修が必要、費用30万円）", "2025-07-08"],
];

/// The decisions workbook of the selection committee (`evaluate --decisions`).
fn write_decisions(path: &Path) -> Res<()> {
    let mut book = Workbook::new();
    book.set_properties(&properties(
        &format!("{TITLE} 選定委員会 裁定記録"),
        SECRETARIAT,
        SECRETARIAT,
    )?);
    let f = formats("游ゴシック", 0xE2EFDA);
    let sheet = book.add_worksheet().set_name("裁定")?;
    let columns: &[Column] = &[
        (Col::Id, "No.", 5.0),
        (Col::Text, "事業者名", 28.0),
        (Col::Id, "要件ID", 9.5),
        (Col::Answer, "回答", 6.0),
        (Col::Answer, "判定", 12.0),
        (Col::Remarks, "理由", 60.0),
        (Col::Remarks, "決定日", 12.0),
    ];
    sheet.merge_range(
        0,
        0,
        0,
        columns.len() as u16 - 1,
        "選定委員会 裁定記録",
        &f.title,
    )?;
    sheet.write_string_with_format(
        1,
        0,
        "※ 要件IDが空欄の行は、その事業者が記入した回答のうち「回答」欄の記号に一致するものすべてに適用",
        &f.subtitle,
    )?;
    let header_row = 3;
    write_header(sheet, header_row, columns, &f)?;
    for (i, row) in DECISIONS.iter().enumerate() {
        let number = (i + 1).to_string();
        let cells = [
            number.as_str(),
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
        ];
        let mut next = cells.iter();
        write_row(sheet, header_row + 1 + i as u32, columns, &f, |_| {
            next.next().expect("one cell per column").to_string()
        })?;
    }
    sheet.set_freeze_panes(header_row + 1, 0)?;
    print_setup(sheet, header_row)?;
    book.save(path)?;
    Ok(())
}

// ───────────────────────────── settings.toml ─────────────────────────────

/// The default settings file with this consortium's title, brand terms and
/// members filled in; every other line (and comment) stays as `fairbid init`
/// writes it.
fn settings_toml() -> String {
    let template = include_str!("../templates/settings.toml");
    let list = |items: &[&str]| {
        items
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut replaced = 0;
    let mut out = String::from(
        "# samples/ の評価設定（cargo run --example make_samples -- samples が生成）\n",
    );
    for line in template.lines() {
        let line = if let Some(comment) = line.strip_prefix("title = \"\"") {
            replaced += 1;
            format!(
                "title = {TITLE:?}  # {}",
                comment.trim_start().trim_start_matches("# ")
            )
        } else if line == "brand_terms = []" {
            replaced += 1;
            format!("brand_terms = [{}]", list(&BRAND_TERMS))
        } else if line == "members = []" {
            replaced += 1;
            format!("members = [{}]", list(&TOWNS))
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    assert_eq!(
        replaced, 3,
        "templates/settings.toml changed: update settings_toml()"
    );
    out
}

// ───────────────────────────── Checks ─────────────────────────────

/// Reads every generated workbook back with calamine and prints its sheets
/// and their extents, so a broken file shows at once.
fn summarize(out: &Path) -> Res<()> {
    let mut files = vec![
        out.join("requirements.xlsx"),
        out.join("requests.xlsx"),
        out.join("decisions.xlsx"),
    ];
    let mut responses: Vec<_> = fs::read_dir(out.join("responses"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    responses.sort();
    files.extend(responses);
    println!("read back with calamine:");
    for file in files {
        let mut book = open_workbook_auto(&file)?;
        let mut sheets = Vec::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name)?;
            let (rows, cols) = range.get_size();
            sheets.push(format!("{name} {rows}×{cols}"));
        }
        let shown = file.strip_prefix(out).unwrap_or(&file);
        println!("  {:<40} {}", shown.display(), sheets.join(", "));
    }
    Ok(())
}

/// The outcome the design aims at, computed from the answers as fairbid's
/// default legend and weights read them (SPEC §4, §5): scores, knockouts, and
/// the requirements that should raise F01–F05 and F08.
fn print_designed_outcome(answers: &[Vec<Answer>]) {
    let reqs: Vec<&Requirement> = all_requirements().collect();
    let factor = |l: Level| match l {
        Level::Standard => 1.0,
        Level::Alternative => 0.7,
        Level::Customization => 0.3,
        Level::Unsupported | Level::Blank => 0.0,
    };
    let capable = |l: Level| matches!(l, Level::Standard | Level::Alternative);
    let max: f64 = reqs.iter().map(|r| f64::from(r.points)).sum();
    let count = |p: Priority| reqs.iter().filter(|r| r.priority == p).count();
    println!(
        "\ndesigned outcome: {} requirements (必須 {} / 推奨 {} / 任意 {}), max score {max}",
        reqs.len(),
        count(Priority::Must),
        count(Priority::Should),
        count(Priority::May)
    );

    let points = |v: usize, i: usize| f64::from(reqs[i].points) * factor(answers[v][i].level);
    let score = |v: usize| (0..reqs.len()).map(|i| points(v, i)).sum::<f64>();
    let knockouts = |v: usize| -> Vec<&str> {
        (0..reqs.len())
            .filter(|&i| {
                reqs[i].priority == Priority::Must
                    && matches!(answers[v][i].level, Level::Unsupported | Level::Blank)
            })
            .map(|i| reqs[i].id)
            .collect()
    };
    let mut order: Vec<usize> = (0..VENDORS.len()).collect();
    order.sort_by(|&a, &b| {
        (knockouts(a).is_empty(), score(a))
            .partial_cmp(&(knockouts(b).is_empty(), score(b)))
            .expect("finite")
            .reverse()
    });
    for &v in &order {
        let customized = answers[v]
            .iter()
            .filter(|a| a.level == Level::Customization)
            .count();
        let ko = knockouts(v);
        println!(
            "  {:<24} {:6.1} {:5.1} %  {}  customization {:>2} rows ({:.0} %)",
            VENDORS[v].file,
            score(v),
            100.0 * score(v) / max,
            if ko.is_empty() {
                "compliant".to_string()
            } else {
                format!("knocked out on {}", ko.join(" "))
            },
            customized,
            100.0 * customized as f64 / reqs.len() as f64
        );
    }

    let mut f01 = Vec::new();
    let listed = |code: &str, ids: Vec<String>| println!("  {code}: {}", ids.join(", "));
    for (i, req) in reqs.iter().enumerate() {
        let capable_vendors: Vec<usize> = (0..VENDORS.len())
            .filter(|&v| capable(answers[v][i].level))
            .collect();
        if capable_vendors.len() == 1 {
            f01.push((req.id, VENDORS[capable_vendors[0]].file));
        }
    }
    listed(
        "F01 sole capable",
        f01.iter().map(|(id, v)| format!("{id} {v}")).collect(),
    );
    let ids_where = |test: &dyn Fn(usize) -> bool| -> Vec<String> {
        (0..reqs.len())
            .filter(|&i| test(i))
            .map(|i| reqs[i].id.to_string())
            .collect()
    };
    let levels =
        |i: usize| -> Vec<Level> { (0..VENDORS.len()).map(|v| answers[v][i].level).collect() };
    listed(
        "F02 sole standard",
        ids_where(&|i| {
            let l = levels(i);
            l.iter().filter(|l| **l == Level::Standard).count() == 1
                && l.iter().filter(|l| capable(**l)).count() >= 2
        }),
    );
    listed(
        "F03 none capable",
        ids_where(&|i| {
            let l = levels(i);
            !l.iter().any(|l| capable(*l)) && l.contains(&Level::Customization)
        }),
    );
    listed(
        "F04 infeasible",
        ids_where(&|i| {
            !levels(i)
                .iter()
                .any(|l| capable(*l) || *l == Level::Customization)
        }),
    );
    listed(
        "F05 knockout",
        ids_where(&|i| {
            reqs[i].priority == Priority::Must
                && levels(i)
                    .iter()
                    .any(|l| matches!(l, Level::Unsupported | Level::Blank))
        }),
    );
    let (first, second) = (order[0], order[1]);
    let margin = score(first) - score(second);
    listed(
        &format!(
            "F08 pivotal ({} over {} by {margin:.1})",
            VENDORS[first].file, VENDORS[second].file
        ),
        ids_where(&|i| points(first, i) - points(second, i) >= margin - 1e-9),
    );
    let top = f01
        .iter()
        .filter(|(_, v)| *v == VENDORS[SAKURA].file)
        .count();
    println!(
        "  F10 concentration: {} sole capable in {top} of {} F01",
        VENDORS[SAKURA].file,
        f01.len()
    );

    // §6: requested or customized requirements and the recommendation they get.
    let mut tally: Vec<(&str, String)> = Vec::new();
    for (i, req) in reqs.iter().enumerate() {
        let members = REQUESTS.iter().find(|r| r.0 == req.id).map_or(0, |r| {
            r.1.iter().filter(|m| !m.is_empty() && **m != "-").count()
        });
        let l = levels(i);
        let customized = l.iter().filter(|l| **l == Level::Customization).count();
        if members == 0 && customized == 0 {
            continue;
        }
        let recommendation = if members >= 2 && members * 2 >= TOWNS.len() {
            "standardize"
        } else if members == 1 {
            "adapt_operations"
        } else if members == 0 && !l.iter().any(|l| capable(*l)) {
            "review_requirement"
        } else {
            "none"
        };
        tally.push((
            recommendation,
            format!("{}({members}町村/{customized}社)", req.id),
        ));
    }
    for kind in ["standardize", "adapt_operations", "review_requirement"] {
        listed(
            &format!("§6 {kind}"),
            tally
                .iter()
                .filter(|t| t.0 == kind)
                .map(|t| t.1.clone())
                .collect(),
        );
    }
    println!(
        "  §6 none: {} more",
        tally.iter().filter(|t| t.0 == "none").count()
    );
}
