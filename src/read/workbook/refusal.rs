//! Why a file was not read, in words the secretariat can act on.
//!
//! Every guard and every parser under `workbook` ends a failed read in one
//! of these refusals. Its message names the problem and what to ask of the
//! sender, so that one bad vendor file becomes a validation row and never
//! stops the run.

use std::fmt::Display;

use serde::{Deserialize, Serialize};

use super::cells::MAX_DENSE_CELLS;
use crate::model::Lang;
use crate::read::isolate::Stopped;

/// What a file that is not a workbook looks like, when that is easy to tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Looks {
    Empty,
    Csv,
    Text,
    Html,
    Xml,
    Pdf,
    /// A zip archive that is neither OOXML nor OpenDocument spreadsheet.
    OtherZip,
    /// An OpenDocument file that is not a spreadsheet (text, presentation).
    OtherOpenDocument,
    /// A compound file (.doc, .ppt, .msg) without a workbook stream.
    OtherOffice,
    Unknown,
}

impl Looks {
    fn describe(self, lang: Lang) -> Option<&'static str> {
        let text = match self {
            Looks::Empty => lang.pick("ファイルが空です", "the file is empty"),
            Looks::Csv => lang.pick("中身がCSVテキストです", "the content is CSV text"),
            Looks::Text => lang.pick("中身がテキストです", "the content is plain text"),
            Looks::Html => lang.pick("中身がHTMLです", "the content is HTML"),
            Looks::Xml => lang.pick("中身がXMLテキストです", "the content is XML text"),
            Looks::Pdf => lang.pick("中身がPDFです", "the content is a PDF"),
            Looks::OtherZip => lang.pick(
                "ZIP形式ですがExcelブックではありません",
                "a zip archive, but not an Excel workbook",
            ),
            Looks::OtherOpenDocument => lang.pick(
                "表計算以外のOpenDocument文書です",
                "an OpenDocument file that is not a spreadsheet",
            ),
            Looks::OtherOffice => lang.pick(
                "Office文書ですがExcelブックではありません",
                "an Office document, but not an Excel workbook",
            ),
            Looks::Unknown => return None,
        };
        Some(text)
    }
}

/// Why a file was not read. Each names the problem and what the secretariat
/// should do about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Refusal {
    /// The file could not be opened or read.
    Unreadable {
        detail: String,
    },
    FileTooLarge {
        bytes: u64,
        limit_mib: u64,
    },
    PartTooLarge {
        part: String,
        bytes: u64,
        limit_mib: u64,
    },
    NotWorkbook(Looks),
    Encrypted,
    /// An Excel binary workbook (.xlsb), which fairbid does not read.
    Xlsb,
    /// Cut off or corrupt; `detail` is the parser's own words.
    Damaged {
        detail: String,
    },
    /// The shared-string table declares more strings than its part can hold.
    CraftedSharedStrings {
        declared: u64,
        part: String,
    },
    /// A sheet whose grid or content is absurdly large.
    SheetTooLarge {
        sheet: String,
        cells: u64,
    },
    /// A sheet the parser could not read.
    SheetUnreadable {
        sheet: String,
        detail: String,
    },
    /// The process that read the file stopped without an answer: out of
    /// memory, out of time, or crashed (`read::isolate`).
    ReaderStopped(Stopped),
}

fn mib(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

impl Refusal {
    /// The message for the validation row, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::Unreadable { detail } => match lang {
                Lang::Ja => format!(
                    "ファイルを開けません（{detail}）。ファイルの場所と読み取り権限を確認してください。"
                ),
                Lang::En => format!(
                    "Cannot open the file ({detail}). Check its location and read permission."
                ),
            },
            Refusal::FileTooLarge { bytes, limit_mib } => match lang {
                Lang::Ja => format!(
                    "ファイルが大きすぎるため読み込みませんでした（{} MiB、上限 max_file_mib = {limit_mib} MiB）。正しいファイルか確認し、必要なら設定の max_file_mib を引き上げてください。",
                    mib(*bytes)
                ),
                Lang::En => format!(
                    "The file is too large and was not read ({} MiB; the limit max_file_mib is {limit_mib} MiB). Check that it is the right file, or raise max_file_mib in the settings.",
                    mib(*bytes)
                ),
            },
            Refusal::PartTooLarge {
                part,
                bytes,
                limit_mib,
            } => match lang {
                Lang::Ja => format!(
                    "ブック内の部品 {part} の展開後の大きさが上限を超えるため読み込みませんでした（{} MiB、上限 max_part_mib = {limit_mib} MiB）。壊れているか細工されたファイルの可能性があります。提出元に確認し、正当なファイルなら設定の max_part_mib を引き上げてください。",
                    mib(*bytes)
                ),
                Lang::En => format!(
                    "The workbook part {part} unpacks to more than the limit and was not read ({} MiB; the limit max_part_mib is {limit_mib} MiB). The file may be damaged or crafted: check with the sender, and raise max_part_mib in the settings if the file is genuine.",
                    mib(*bytes)
                ),
            },
            Refusal::NotWorkbook(looks) => match (lang, looks.describe(lang)) {
                (Lang::Ja, Some(what)) => format!(
                    "ブックとして読めません（{what}）。Excel形式（.xlsx）で保存し直して再提出を依頼してください。"
                ),
                (Lang::Ja, None) => "ブックとして読めません（Excel・OpenDocumentのどの形式でもありません）。Excel形式（.xlsx）で保存し直して再提出を依頼してください。".to_string(),
                (Lang::En, Some(what)) => format!(
                    "Not a workbook ({what}). Ask the sender to save it in Excel format (.xlsx) and send it again."
                ),
                (Lang::En, None) => "Not a workbook (neither an Excel nor an OpenDocument format). Ask the sender to save it in Excel format (.xlsx) and send it again.".to_string(),
            },
            Refusal::Encrypted => lang
                .pick(
                    "パスワードで保護（暗号化）されているため読めません。パスワードを外して保存し直し、再提出を依頼してください。",
                    "The workbook is encrypted / password-protected and cannot be read. Ask the sender to save it without a password and send it again.",
                )
                .to_string(),
            Refusal::Xlsb => lang
                .pick(
                    "Excelバイナリブック（.xlsb）は読み込めません。Excel形式（.xlsx）で保存し直して再提出を依頼してください。",
                    "Excel binary workbooks (.xlsb) are not read. Ask the sender to save it in Excel format (.xlsx) and send it again.",
                )
                .to_string(),
            Refusal::Damaged { detail } => match lang {
                Lang::Ja => format!(
                    "ファイルが途中で切れているか壊れているため読めません（{detail}）。Excelで開けるか確認し、Excel形式（.xlsx）で保存し直して再提出を依頼してください。"
                ),
                Lang::En => format!(
                    "The file is cut off or damaged and cannot be read ({detail}). Check that it opens in Excel, and ask the sender to save it in Excel format (.xlsx) and send it again."
                ),
            },
            Refusal::CraftedSharedStrings { declared, part } => match lang {
                Lang::Ja => format!(
                    "共有文字列 {part} が宣言する件数（{declared} 件）が部品の大きさで収まる数を超えています。壊れているか細工されたファイルのため読み込みを中止しました。Excelで開けるか確認し、保存し直して再提出を依頼してください。"
                ),
                Lang::En => format!(
                    "The shared-string table {part} declares more strings ({declared}) than its size can hold. The file is damaged or crafted and was not read. Check that it opens in Excel, and ask the sender to save it again and resend."
                ),
            },
            Refusal::SheetTooLarge { sheet, cells } => match lang {
                Lang::Ja => format!(
                    "シート「{sheet}」の使用範囲が大きすぎるため読み込みませんでした（{cells} セル、上限 {MAX_DENSE_CELLS} セル）。壊れているか細工されたファイルの可能性があります。不要な行と列を削除し、Excel形式（.xlsx）で保存し直して再提出を依頼してください。"
                ),
                Lang::En => format!(
                    "Sheet \"{sheet}\" spans too many cells and was not read ({cells} cells; the limit is {MAX_DENSE_CELLS}). The file may be damaged or crafted. Ask the sender to delete unused rows and columns, save it in Excel format (.xlsx) and send it again."
                ),
            },
            Refusal::ReaderStopped(Stopped::OutOfMemory { limit_mib }) => match lang {
                Lang::Ja => format!(
                    "読み込みに上限を超えるメモリが必要なため中止しました（上限 max_read_mib = {limit_mib} MiB）。壊れているか細工されたファイルの可能性があります。Excelで開けるか確認し、Excel形式（.xlsx）で保存し直して再提出を依頼してください。正当な大きいファイルなら設定の max_read_mib を引き上げてください。"
                ),
                Lang::En => format!(
                    "Reading the file needed more memory than the limit and was stopped (max_read_mib = {limit_mib} MiB). The file may be damaged or crafted: check that it opens in Excel, and ask the sender to save it in Excel format (.xlsx) and send it again. If it is a genuine large file, raise max_read_mib in the settings."
                ),
            },
            Refusal::ReaderStopped(Stopped::TimedOut { limit_seconds }) => match lang {
                Lang::Ja => format!(
                    "読み込みが制限時間内に終わらないため中止しました（上限 max_read_seconds = {limit_seconds} 秒）。壊れているか細工されたファイルの可能性があります。Excelで開けるか確認し、保存し直して再提出を依頼してください。正当な大きいファイルなら設定の max_read_seconds を引き上げてください。"
                ),
                Lang::En => format!(
                    "Reading the file did not finish in time and was stopped (max_read_seconds = {limit_seconds} s). The file may be damaged or crafted: check that it opens in Excel, and ask the sender to save it again and resend. If it is a genuine large file, raise max_read_seconds in the settings."
                ),
            },
            Refusal::ReaderStopped(Stopped::Crashed { how }) => match lang {
                Lang::Ja => format!(
                    "読み込み処理が異常終了したため読めません（{how}）。壊れているか細工されたファイルの可能性があります。Excelで開けるか確認し、Excel形式（.xlsx）で保存し直して再提出を依頼してください。"
                ),
                Lang::En => format!(
                    "The reader stopped abnormally on this file ({how}). The file may be damaged or crafted: check that it opens in Excel, and ask the sender to save it in Excel format (.xlsx) and send it again."
                ),
            },
            Refusal::SheetUnreadable { sheet, detail } => match lang {
                Lang::Ja => format!(
                    "シート「{sheet}」が読めません（{detail}）。Excelで開けるか確認し、Excel形式（.xlsx）で保存し直して再提出を依頼してください。"
                ),
                Lang::En => format!(
                    "Sheet \"{sheet}\" cannot be read ({detail}). Check that it opens in Excel, and ask the sender to save it in Excel format (.xlsx) and send it again."
                ),
            },
        }
    }
}

/// A refusal for a file the parser found cut off or corrupt, in its words.
pub(super) fn damaged(detail: impl Display) -> Refusal {
    Refusal::Damaged {
        detail: detail.to_string(),
    }
}

/// A calamine reader's error as a refusal. Each reader has its own error
/// type, and a password is the one error its sender can remove, so the
/// caller says whether it is one.
pub(super) fn parser_refusal(password: bool, e: impl Display) -> Refusal {
    if password {
        Refusal::Encrypted
    } else {
        damaged(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_limit_and_the_fix() {
        let m = Refusal::FileTooLarge {
            bytes: 3 * 1024 * 1024,
            limit_mib: 1,
        }
        .message(Lang::Ja);
        assert_eq!(
            m,
            "ファイルが大きすぎるため読み込みませんでした（3.0 MiB、上限 max_file_mib = 1 MiB）。正しいファイルか確認し、必要なら設定の max_file_mib を引き上げてください。"
        );
        let m = Refusal::NotWorkbook(Looks::Csv).message(Lang::En);
        assert_eq!(
            m,
            "Not a workbook (the content is CSV text). Ask the sender to save it in Excel format (.xlsx) and send it again."
        );
        let m = Refusal::SheetTooLarge {
            sheet: "回答".into(),
            cells: 30_000_000,
        }
        .message(Lang::Ja);
        assert!(
            m.contains("シート「回答」") && m.contains("30000000 セル"),
            "{m}"
        );
    }
}
