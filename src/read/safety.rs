//! Checks that run on a file's bytes before a spreadsheet parser touches them.
//!
//! Vendor files come from outside the buyer's control. calamine is fast and
//! correct on real workbooks, but a few kilobytes of crafted input can make it
//! reserve terabytes (a shared-string count, a dense sheet grid, a looping
//! compound-file chain), and an allocation failure aborts the whole process: no
//! `catch_unwind` stops it. So every number calamine would trust is checked
//! here first, against what the file's own size could really hold, and a file
//! that fails a check is refused with a message saying what to do.

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use crate::model::Lang;

/// Largest dense grid (rows × columns) an .xls or .ods sheet may declare. A full
/// .xls sheet (65,536 × 256) is 16.7 M cells; calamine holds these formats as a
/// dense grid of 32-byte cells (twice, while copying), so 20 M keeps a
/// legitimate sheet readable and a crafted one from exhausting memory.
pub const MAX_DENSE_CELLS: u64 = 20_000_000;

/// Largest amount of cell data calamine may build for one .ods sheet. ODS can
/// repeat a cell or a row a million times with one attribute, so the content
/// is estimated (repeats × size) before calamine expands it.
pub const MAX_ODS_SHEET_BYTES: u64 = 1 << 30;

/// The smallest shared-string entry, `<si/>`: a part of N bytes cannot hold
/// more than N / 5 strings, so a larger declared count is a lie.
const MIN_SHARED_STRING_BYTES: u64 = 5;

/// What a file that is not a workbook looks like, when that is easy to tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, PartialEq)]
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

/// Reads a whole file once, refusing before reading when it is larger than
/// `max_bytes` (and again if it grew while being read).
pub fn read_bounded(path: &Path, max_bytes: u64, limit_mib: u64) -> Result<Vec<u8>, Refusal> {
    let unreadable = |e: std::io::Error| Refusal::Unreadable {
        detail: e.to_string(),
    };
    let file = File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_dir() {
        return Err(Refusal::Unreadable {
            detail: "is a directory".to_string(),
        });
    }
    if meta.len() > max_bytes {
        return Err(Refusal::FileTooLarge {
            bytes: meta.len(),
            limit_mib,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Refusal::FileTooLarge {
            bytes: bytes.len() as u64,
            limit_mib,
        });
    }
    Ok(bytes)
}

/// The container a file's first bytes announce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// `PK..`: xlsx, xlsm or ods.
    Zip,
    /// `D0 CF 11 E0 A1 B1 1A E1`: .xls, or an encrypted OOXML workbook.
    Compound,
    Not(Looks),
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Tells the container from the magic bytes; the extension is not trusted.
pub fn sniff(bytes: &[u8]) -> Container {
    if bytes.is_empty() {
        return Container::Not(Looks::Empty);
    }
    if bytes.len() >= 4 && bytes[..2] == *b"PK" && matches!(&bytes[2..4], [3, 4] | [5, 6] | [7, 8])
    {
        return Container::Zip;
    }
    if bytes.starts_with(&CFB_MAGIC) {
        return Container::Compound;
    }
    if bytes.starts_with(b"%PDF") {
        return Container::Not(Looks::Pdf);
    }
    Container::Not(looks_like_text(&bytes[..bytes.len().min(8192)]))
}

/// Names text content: HTML (web systems often export an HTML table as
/// `.xls`), XML, CSV or plain text; anything with control bytes is unknown.
fn looks_like_text(sample: &[u8]) -> Looks {
    let text: String = if let Some(rest) = sample.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = sample.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)
    } else {
        let rest = sample.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(sample);
        let control = rest
            .iter()
            .any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F);
        if control {
            return Looks::Unknown;
        }
        // Shift_JIS and other legacy encodings are still text: only the
        // ASCII markup and separators matter here.
        String::from_utf8_lossy(rest).into_owned()
    };
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Looks::Unknown;
    }
    let head = text.trim_start().to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<html")
        || head.contains("<table")
    {
        return Looks::Html;
    }
    if head.starts_with('<') {
        return Looks::Xml;
    }
    if text
        .lines()
        .any(|line| line.contains(',') || line.contains('\t'))
    {
        Looks::Csv
    } else {
        Looks::Text
    }
}

/// Refuses a zip whose entries declare more than `max_part_bytes` unpacked.
/// The zip reader stops inflating at the declared size, so the declaration
/// bounds what any later reader can be made to hold.
pub fn check_part_sizes<R: Read + Seek>(
    zip: &ZipArchive<R>,
    max_part_bytes: u64,
    limit_mib: u64,
) -> Result<(), Refusal> {
    for i in 0..zip.len() {
        let entry = zip.by_index_data(i).map_err(|e| Refusal::Damaged {
            detail: e.to_string(),
        })?;
        if entry.size() > max_part_bytes {
            return Err(Refusal::PartTooLarge {
                part: String::from_utf8_lossy(entry.name_raw()).into_owned(),
                bytes: entry.size(),
                limit_mib,
            });
        }
    }
    Ok(())
}

/// Raw (not unescaped) attributes of a start tag, scanned the way calamine
/// scans them, so both readers see the same values; stops at a malformed one.
pub(crate) struct RawAttrs<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> Iterator for RawAttrs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw;
        let bytes = raw.as_bytes();
        let mut pos = self.pos;
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let key_start = pos;
        while pos < bytes.len() && bytes[pos] != b'=' {
            pos += 1;
        }
        if pos >= bytes.len() {
            self.pos = bytes.len();
            return None;
        }
        let key = raw[key_start..pos].trim_ascii_end();
        pos += 1;
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(&q) if q == b'"' || q == b'\'' => q,
            _ => {
                self.pos = bytes.len();
                return None;
            }
        };
        pos += 1;
        let start = pos;
        while pos < bytes.len() && bytes[pos] != quote {
            pos += 1;
        }
        let value = &raw[start..pos];
        self.pos = (pos + 1).min(bytes.len());
        Some((key, value))
    }
}

pub(crate) fn raw_attrs<'a>(e: &'a BytesStart<'_>) -> RawAttrs<'a> {
    raw_attrs_of(e.attributes_raw())
}

/// The same scan over the attribute text of a tag (after its name).
pub(crate) fn raw_attrs_of(raw: &str) -> RawAttrs<'_> {
    RawAttrs { raw, pos: 0 }
}

/// The first attribute whose key is exactly `name`, raw.
pub(crate) fn raw_attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Option<&'a str> {
    raw_attrs(e)
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A raw attribute value with its entities replaced; as written when they
/// are malformed, since a name shown with a stray `&` beats no name.
pub(crate) fn unescaped(raw: &str) -> String {
    quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_string(), |s| s.into_owned())
}

/// Text in UTF-16 of the given byte order (the `u16::from_*_bytes`
/// function); an odd last byte is dropped and bad surrogates replaced.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

/// A decimal count as calamine reads it: ASCII digits only; larger than any
/// `u64` saturates.
pub(crate) fn parse_count(raw: &str) -> Option<u64> {
    let raw = raw.as_bytes();
    if raw.is_empty() || !raw.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(raw.iter().fold(0u64, |n, d| {
        n.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    }))
}

/// An XML reader configured as calamine configures its own, so both see the
/// same elements.
pub(crate) fn xml_reader<R: std::io::BufRead>(source: R) -> quick_xml::Reader<R> {
    let mut reader = quick_xml::Reader::from_reader(source);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    reader
}

/// Refuses a shared-string table whose `uniqueCount` is more than its part's
/// declared size could hold: calamine reserves that many entries up front, and
/// 10^11 of them abort the process.
pub fn check_shared_strings<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Result<(), Refusal> {
    let parts: Vec<usize> = (0..zip.len())
        .filter(|&i| {
            zip.by_index_data(i).is_ok_and(|e| {
                let name = String::from_utf8_lossy(e.name_raw()).to_ascii_lowercase();
                name.ends_with("sharedstrings.xml")
            })
        })
        .collect();
    for i in parts {
        let entry = zip.by_index(i).map_err(|e| Refusal::Damaged {
            detail: e.to_string(),
        })?;
        let part = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let capacity = entry.size() / MIN_SHARED_STRING_BYTES;
        let mut reader = xml_reader(BufReader::new(entry));
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                    let declared = raw_attr(&e, "uniqueCount").and_then(parse_count);
                    if let Some(declared) = declared.filter(|&n| n > capacity) {
                        return Err(Refusal::CraftedSharedStrings { declared, part });
                    }
                    break;
                }
                // Calamine fails on these too, with its own error.
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    Ok(())
}

/// Whether a zip is an OpenDocument spreadsheet, another OpenDocument file,
/// or neither (no `mimetype` entry).
pub fn open_document_kind<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Option<Result<(), Looks>> {
    let mut entry = zip.by_name("mimetype").ok()?;
    let mut head = Vec::with_capacity(128);
    if (&mut entry).take(128).read_to_end(&mut head).is_err() {
        return Some(Err(Looks::OtherZip));
    }
    let head = head.trim_ascii();
    if head.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") {
        Some(Ok(()))
    } else if head.starts_with(b"application/vnd.oasis.opendocument.") {
        Some(Err(Looks::OtherOpenDocument))
    } else {
        None
    }
}

/// Estimates, per table of an .ods `content.xml`, the dense grid and the cell
/// data calamine will build (it expands `number-rows-repeated` and
/// `number-columns-repeated` into real copies), and refuses an absurd one.
pub fn check_ods_content<R: Read + Seek>(zip: &mut ZipArchive<R>) -> Result<(), Refusal> {
    let Ok(entry) = zip.by_name("content.xml") else {
        // Calamine reports the missing part itself.
        return Ok(());
    };
    let mut reader = xml_reader(BufReader::new(entry));
    // calamine's .ods reader waits for `</table:table>` (and for the end of
    // a cell note) without stopping at the end of the input, so a cut-off
    // `content.xml` makes it loop forever. A well-formed document has every
    // end tag it waits for.
    reader.config_mut().check_end_names = true;
    let cut_off = |detail: String| Refusal::Damaged {
        detail: format!("content.xml: {detail}"),
    };
    let mut depth = 0usize;
    let mut buf = Vec::new();
    let mut table: Option<OdsTable> = None;
    loop {
        buf.clear();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| cut_off(e.to_string()))?;
        let empty = matches!(event, Event::Empty(_));
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Eof if depth > 0 => {
                return Err(cut_off("the document ends inside an element".to_string()));
            }
            Event::Eof => return Ok(()),
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = raw_attr(&e, "table:name")
                    .map(unescaped)
                    .unwrap_or_default();
                table = Some(OdsTable::new(name));
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(t) = table.take() {
                    t.check()?;
                }
            }
            Event::Start(e) | Event::Empty(e) => {
                let Some(t) = table.as_mut() else { continue };
                match e.name().as_ref() {
                    "table:table-row" => {
                        let repeats = raw_attr(&e, "table:number-rows-repeated")
                            .and_then(parse_count)
                            .unwrap_or(1);
                        t.start_row(repeats);
                        if empty {
                            t.end_row()?;
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        t.start_cell(&e);
                        if empty {
                            t.end_cell();
                        }
                    }
                    "text:s" => {
                        let spaces = raw_attr(&e, "text:c").and_then(parse_count).unwrap_or(1);
                        t.add_content(spaces);
                    }
                    _ => {}
                }
            }
            Event::Text(text) => {
                if let Some(t) = table.as_mut() {
                    t.add_content(text.len() as u64);
                }
            }
            Event::End(e) => {
                let Some(t) = table.as_mut() else { continue };
                match e.name().as_ref() {
                    "table:table-row" => t.end_row()?,
                    "table:table-cell" | "table:covered-table-cell" => t.end_cell(),
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// Running totals for one .ods table; all arithmetic saturates.
struct OdsTable {
    name: String,
    /// Rows seen so far, repeats included (capped as calamine caps them).
    rows: u64,
    first_used_row: Option<u64>,
    last_used_row: u64,
    widest: u64,
    bytes: u64,
    row_repeats: u64,
    row_col: u64,
    row_width: u64,
    row_bytes: u64,
    cell: Option<OdsCell>,
}

struct OdsCell {
    repeats: u64,
    used: bool,
    content: u64,
}

const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLS: u64 = 16_384;
/// Bytes of one cell in calamine's grids (value and formula).
const DENSE_CELL_BYTES: u64 = 32 + 24;

impl OdsTable {
    fn new(name: String) -> Self {
        OdsTable {
            name,
            rows: 0,
            first_used_row: None,
            last_used_row: 0,
            widest: 0,
            bytes: 0,
            row_repeats: 1,
            row_col: 0,
            row_width: 0,
            row_bytes: 0,
            cell: None,
        }
    }

    fn start_row(&mut self, repeats: u64) {
        let remaining = ODS_MAX_ROWS.saturating_sub(self.rows);
        self.row_repeats = repeats.min(remaining);
        self.row_col = 0;
        self.row_width = 0;
        self.row_bytes = 0;
    }

    fn end_row(&mut self) -> Result<(), Refusal> {
        self.end_cell();
        if self.row_width > 0 {
            self.first_used_row.get_or_insert(self.rows);
            self.last_used_row = self.rows.saturating_add(self.row_repeats.max(1) - 1);
            self.widest = self.widest.max(self.row_width);
            // calamine holds the row once as read (every cell up to the last
            // used one, value and formula), then once per repeat in its grid.
            let row = self
                .row_width
                .saturating_mul(DENSE_CELL_BYTES)
                .saturating_add(self.row_bytes);
            self.bytes = self
                .bytes
                .saturating_add(row.saturating_mul(self.row_repeats.saturating_add(1)));
        }
        self.rows = self.rows.saturating_add(self.row_repeats);
        self.row_width = 0;
        self.row_bytes = 0;
        self.check_bytes()
    }

    fn start_cell(&mut self, e: &BytesStart<'_>) {
        self.end_cell();
        let repeats = raw_attr(e, "table:number-columns-repeated")
            .and_then(parse_count)
            .unwrap_or(1);
        let mut used = false;
        let mut content = 0u64;
        for key in [
            "office:value",
            "office:string-value",
            "office:date-value",
            "office:time-value",
            "office:boolean-value",
            "office:value-type",
            "table:formula",
        ] {
            if let Some(v) = raw_attr(e, key) {
                used = true;
                content = content.saturating_add(v.len() as u64);
            }
        }
        self.cell = Some(OdsCell {
            repeats,
            used,
            content,
        });
    }

    fn add_content(&mut self, len: u64) {
        if let Some(cell) = self.cell.as_mut() {
            cell.used = true;
            cell.content = cell.content.saturating_add(len);
        }
    }

    fn end_cell(&mut self) {
        let Some(cell) = self.cell.take() else { return };
        let remaining = ODS_MAX_COLS.saturating_sub(self.row_col);
        let repeats = cell.repeats.min(remaining);
        self.row_col = self.row_col.saturating_add(repeats);
        if cell.used {
            self.row_width = self.row_col;
            // The text, as value and formula strings, in each repeated copy.
            let text = cell.content.saturating_mul(2);
            self.row_bytes = self.row_bytes.saturating_add(text.saturating_mul(repeats));
        }
    }

    fn check_bytes(&self) -> Result<(), Refusal> {
        if self.bytes > MAX_ODS_SHEET_BYTES {
            return Err(Refusal::SheetTooLarge {
                sheet: self.name.clone(),
                cells: self.cells(),
            });
        }
        Ok(())
    }

    fn cells(&self) -> u64 {
        match self.first_used_row {
            None => 0,
            Some(first) => (self.last_used_row - first + 1).saturating_mul(self.widest),
        }
    }

    fn check(self) -> Result<(), Refusal> {
        let cells = self.cells();
        if cells > MAX_DENSE_CELLS || self.bytes > MAX_ODS_SHEET_BYTES {
            return Err(Refusal::SheetTooLarge {
                sheet: self.name,
                cells,
            });
        }
        Ok(())
    }
}

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// One directory entry of a compound file.
#[derive(Clone, Debug)]
struct DirEntry {
    name: String,
    start: u32,
    len: u64,
}

/// A compound file (MS-CFB), walked the way calamine walks it, but with every
/// chain bounded by the file's own sector count: calamine follows chains
/// without a bound, so a sector pointing to itself loops until memory runs out.
pub struct Compound<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    maxid: u32,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    entries: Vec<DirEntry>,
}

impl<'a> Compound<'a> {
    /// Parses the header, the FAT, the directory and the mini stream.
    /// A sector that is not wholly inside the file is damage.
    pub fn parse(bytes: &'a [u8]) -> Result<Compound<'a>, String> {
        if bytes.len() < 512 || !bytes.starts_with(&CFB_MAGIC) {
            return Err("compound file header cut off".to_string());
        }
        let version = u16_at(bytes, 26);
        let sector_size = match u16_at(bytes, 30) {
            9 => 512,
            12 => 4096,
            s => return Err(format!("compound file sector shift {s:#x}")),
        };
        if bytes.len() < sector_size {
            return Err("compound file header cut off".to_string());
        }
        if u16_at(bytes, 32) != 6 {
            return Err("compound file mini sector shift".to_string());
        }
        let maxid = (bytes.len() / sector_size) as u32;
        let mut cfb = Compound {
            bytes,
            sector_size,
            maxid,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            entries: Vec::new(),
        };

        let mut difat: Vec<u32> = u32s(&bytes[76..512]).collect();
        let mut sector_id = u32_at(bytes, 68);
        let mut difat_sectors = 0u64;
        while sector_id < RESERVED_SECTORS {
            difat_sectors += 1;
            if difat_sectors > u64::from(maxid) + 1 {
                return Err("compound file DIFAT chain loops".to_string());
            }
            difat.extend(u32s(cfb.sector(sector_id)?));
            sector_id = difat.pop().ok_or("compound file DIFAT chain")?;
        }
        let fat_sectors: Vec<u32> = difat.into_iter().filter(|&id| id < DIFSECT).collect();
        if fat_sectors.len() as u64 > u64::from(maxid) + 1 {
            return Err("compound file FAT longer than the file".to_string());
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * sector_size / 4);
        for id in fat_sectors {
            fat.extend(u32s(cfb.sector(id)?));
        }
        cfb.fat = fat;

        let dir_start = u32_at(bytes, 48);
        let dirs = cfb.chain(dir_start, u64::MAX)?;
        cfb.entries = dirs
            .chunks_exact(128)
            .map(|c| {
                let mut name = utf16(&c[..64], u16::from_le_bytes);
                if let Some(nul) = name.find('\0') {
                    name.truncate(nul);
                }
                let len = if sector_size == 512 {
                    u64::from(u32_at(c, 120))
                } else {
                    u64::from_le_bytes(c[120..128].try_into().expect("8 bytes"))
                };
                DirEntry {
                    name,
                    start: u32_at(c, 116),
                    len,
                }
            })
            .collect();
        if cfb.entries.is_empty() || (version != 3 && cfb.entries[0].start == ENDOFCHAIN) {
            return Err("compound file without a root directory".to_string());
        }

        let mini_fat_len = u64::from(u32_at(bytes, 64));
        if mini_fat_len > 0 {
            let root = cfb.entries[0].clone();
            cfb.mini_stream = cfb.chain(root.start, root.len)?;
            let mini_fat_start = u32_at(bytes, 60);
            let mini_fat = cfb.chain(
                mini_fat_start,
                mini_fat_len.saturating_mul(sector_size as u64),
            )?;
            cfb.mini_fat = u32s(&mini_fat).collect();
        }
        Ok(cfb)
    }

    /// A whole sector; sector `id` starts after the header sector.
    fn sector(&self, id: u32) -> Result<&'a [u8], String> {
        if id > self.maxid {
            return Err(format!("compound file sector {id} beyond the end"));
        }
        let start = (id as usize + 1) * self.sector_size;
        self.bytes
            .get(start..start + self.sector_size)
            .ok_or_else(|| format!("compound file sector {id} cut off"))
    }

    /// Follows a FAT chain for at most `len` bytes; a chain longer than the
    /// file has sectors loops.
    fn chain(&self, start: u32, len: u64) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut id = start;
        let mut steps = 0u64;
        while id != ENDOFCHAIN {
            let sector = self.sector(id)?;
            let remaining = len - out.len() as u64;
            let take = (sector.len() as u64).min(remaining) as usize;
            out.extend_from_slice(&sector[..take]);
            if out.len() as u64 >= len {
                break;
            }
            steps += 1;
            if steps > u64::from(self.maxid) + 1 {
                return Err("compound file sector chain loops".to_string());
            }
            id = *self
                .fat
                .get(id as usize)
                .ok_or("compound file chain leaves the FAT")?;
        }
        Ok(out)
    }

    /// Follows a mini-FAT chain inside the mini stream.
    fn mini_chain(&self, start: u32, len: u64) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN {
            if u64::from(id) > u64::from(self.maxid) * 8 {
                return Err(format!("compound file mini sector {id} beyond the end"));
            }
            let begin = id as usize * 64;
            let sector = self
                .mini_stream
                .get(begin..begin + 64)
                .ok_or_else(|| format!("compound file mini sector {id} cut off"))?;
            let remaining = len - out.len() as u64;
            let take = 64u64.min(remaining) as usize;
            out.extend_from_slice(&sector[..take]);
            if out.len() as u64 >= len {
                break;
            }
            id = *self
                .mini_fat
                .get(id as usize)
                .ok_or("compound file chain leaves the mini FAT")?;
        }
        Ok(out)
    }

    /// Whether an entry of that name (ASCII case-insensitive) exists.
    pub fn has_entry(&self, name: &str) -> bool {
        self.entry(name).is_some()
    }

    fn entry(&self, name: &str) -> Option<&DirEntry> {
        self.entries
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(name))
    }

    /// The bytes of a stream, read as calamine reads it (mini stream below
    /// 4,096 bytes); `None` when there is no such entry.
    pub fn stream(&self, name: &str) -> Option<Result<Vec<u8>, String>> {
        let entry = self.entry(name)?;
        Some(if entry.len < 4096 {
            self.mini_chain(entry.start, entry.len)
        } else {
            self.chain(entry.start, entry.len)
        })
    }
}

/// Checks a compound file before calamine's .xls reader sees it: encryption,
/// a workbook stream, chains that end, and sheets whose grid calamine would
/// build densely (it does so while opening, for every sheet, hidden ones too).
pub fn check_compound(bytes: &[u8]) -> Result<(), Refusal> {
    let damaged = |detail: String| Refusal::Damaged { detail };
    let cfb = Compound::parse(bytes).map_err(damaged)?;
    if cfb.has_entry("EncryptedPackage") || cfb.has_entry("EncryptionInfo") {
        return Err(Refusal::Encrypted);
    }
    let stream = match cfb.stream("Workbook").or_else(|| cfb.stream("Book")) {
        None => return Err(Refusal::NotWorkbook(Looks::OtherOffice)),
        Some(stream) => stream.map_err(damaged)?,
    };
    check_biff(&stream)
}

/// One BIFF record: type and data; CONTINUE records following it are skipped
/// as calamine skips them.
struct Records<'a> {
    stream: &'a [u8],
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<(u16, &'a [u8]), String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.stream.len() < 4 {
            return if self.stream.is_empty() {
                None
            } else {
                Some(Err("BIFF record cut off".to_string()))
            };
        }
        let typ = u16_at(self.stream, 0);
        let len = u16_at(self.stream, 2) as usize;
        if self.stream.len() < len + 4 {
            return Some(Err("BIFF record cut off".to_string()));
        }
        let (record, next) = self.stream.split_at(len + 4);
        self.stream = next;
        if next.len() > 4 && u16_at(next, 0) == 0x003C {
            while self.stream.len() > 4 && u16_at(self.stream, 0) == 0x003C {
                let len = u16_at(self.stream, 2) as usize;
                if self.stream.len() < len + 4 {
                    return Some(Err("BIFF continue record cut off".to_string()));
                }
                self.stream = &self.stream[len + 4..];
            }
        }
        Some(Ok((typ, &record[4..])))
    }
}

/// The sheet name of a BoundSheet8 record (BIFF8 short Unicode string, or
/// single bytes in older versions).
fn bound_sheet_name(data: &[u8]) -> String {
    let Some(&cch) = data.get(6) else {
        return String::new();
    };
    let cch = cch as usize;
    match data.get(7) {
        Some(&flags) if data.len() >= 8 + cch * if flags & 1 != 0 { 2 } else { 1 } => {
            if flags & 1 != 0 {
                utf16(&data[8..8 + cch * 2], u16::from_le_bytes)
            } else {
                data[8..8 + cch].iter().map(|&b| b as char).collect()
            }
        }
        _ => String::from_utf8_lossy(&data[7.min(data.len())..]).into_owned(),
    }
}

/// Walks the BIFF workbook stream as calamine will: the globals for FILEPASS
/// and the sheets' offsets, then each sheet's records for its DIMENSIONS
/// (calamine reserves rows × columns from it) and its cells' extent (calamine
/// builds a dense grid over it).
fn check_biff(stream: &[u8]) -> Result<(), Refusal> {
    let damaged = |detail: String| Refusal::Damaged { detail };
    let mut sheets = Vec::new();
    for record in (Records { stream }) {
        let (typ, data) = record.map_err(damaged)?;
        match typ {
            0x002F if data.len() >= 2 && u16_at(data, 0) != 0 => return Err(Refusal::Encrypted),
            0x0085 if data.len() >= 6 => {
                sheets.push((u32_at(data, 0) as usize, bound_sheet_name(data)));
            }
            0x000A => break,
            _ => {}
        }
    }
    for (pos, name) in sheets {
        let Some(sheet) = stream.get(pos..) else {
            return Err(damaged(format!("sheet {name} starts beyond the stream")));
        };
        check_biff_sheet(sheet, &name)?;
    }
    Ok(())
}

fn check_biff_sheet(stream: &[u8], name: &str) -> Result<(), Refusal> {
    let too_large = |cells: u64| Refusal::SheetTooLarge {
        sheet: name.to_string(),
        cells,
    };
    let mut extent: Option<(u32, u32, u32, u32)> = None;
    let mut include = |row: u32, first_col: u32, last_col: u32| {
        let e = extent.get_or_insert((row, first_col, row, last_col));
        e.0 = e.0.min(row);
        e.1 = e.1.min(first_col);
        e.2 = e.2.max(row);
        e.3 = e.3.max(last_col);
    };
    let mut seen_bof = false;
    let mut depth = 0usize;
    for record in (Records { stream }) {
        // Calamine stops on the same malformed record.
        let Ok((typ, data)) = record else { break };
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 => {
                if seen_bof {
                    depth += 1;
                } else {
                    seen_bof = true;
                }
            }
            0x0200 => {
                let (rf, rl, mut cf, cl) = match data.len() {
                    10 => (
                        u32::from(u16_at(data, 0)),
                        u32::from(u16_at(data, 2)),
                        u32::from(u16_at(data, 4)),
                        u32::from(u16_at(data, 6)),
                    ),
                    14 | 16 => (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u32::from(u16_at(data, 8)),
                        u32::from(u16_at(data, 10)),
                    ),
                    _ => break,
                };
                if 0xFF < cf || cl < cf {
                    cf = 0;
                }
                let (start, end) = if 1 <= rl && 1 <= cl {
                    ((rf, cf), (rl - 1, cl - 1))
                } else {
                    ((rf, cf), (rf, cf))
                };
                // The same wrapping arithmetic calamine uses.
                let rows = u64::from(end.0.wrapping_sub(start.0).wrapping_add(1));
                let cols = u64::from(end.1.wrapping_sub(start.1).wrapping_add(1));
                let cells = rows.saturating_mul(cols);
                if cells > MAX_DENSE_CELLS {
                    return Err(too_large(cells));
                }
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if data.len() >= 4 => {
                let row = u32::from(u16_at(data, 0));
                let col = u32::from(u16_at(data, 2));
                include(row, col, col);
            }
            0x00BD if data.len() >= 6 => {
                let row = u32::from(u16_at(data, 0));
                let first = u32::from(u16_at(data, 2));
                let last = u32::from(u16_at(data, data.len() - 2));
                if first <= last {
                    include(row, first, last);
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    if let Some((r0, c0, r1, c1)) = extent {
        let cells = u64::from(r1 - r0 + 1).saturating_mul(u64::from(c1 - c0 + 1));
        if cells > MAX_DENSE_CELLS {
            return Err(too_large(cells));
        }
    }
    Ok(())
}

/// Builders of crafted files for the tests of this module and of the reader.
#[cfg(test)]
pub(crate) mod crafted {
    use std::io::{Cursor, Write};

    const FREESECT: u32 = 0xFFFF_FFFF;
    const FATSECT: u32 = 0xFFFF_FFFD;
    const NOSTREAM: u32 = 0xFFFF_FFFF;

    /// A minimal compound file (version 3, 512-byte sectors, one FAT sector)
    /// holding the given streams in regular sectors. Streams under 4,096 bytes
    /// are zero-padded to 4,096 so that readers take them from the FAT.
    pub fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
        let mut fat = vec![FREESECT; 128];
        fat[0] = FATSECT;
        let entries = streams.len() + 1;
        let dir_sectors = entries.div_ceil(4);
        let mut next = 1usize;
        for i in 0..dir_sectors {
            fat[next + i] = if i + 1 == dir_sectors {
                super::ENDOFCHAIN
            } else {
                (next + i + 1) as u32
            };
        }
        next += dir_sectors;
        let mut data = Vec::new();
        let mut dir = Vec::new();
        dir.extend(entry("Root Entry", 5, super::ENDOFCHAIN, 0, 1));
        for (i, (name, bytes)) in streams.iter().enumerate() {
            let mut bytes = bytes.to_vec();
            if bytes.len() < 4096 {
                bytes.resize(4096, 0);
            }
            let sectors = bytes.len().div_ceil(512);
            let start = next as u32;
            for s in 0..sectors {
                fat[next + s] = if s + 1 == sectors {
                    super::ENDOFCHAIN
                } else {
                    (next + s + 1) as u32
                };
            }
            next += sectors;
            bytes.resize(sectors * 512, 0);
            data.extend(bytes);
            let sibling = if i + 1 < streams.len() {
                (i + 2) as u32
            } else {
                NOSTREAM
            };
            dir.extend(entry(name, 2, start, sectors as u64 * 512, sibling));
        }
        assert!(next <= 128, "one FAT sector holds 128 sectors");
        dir.resize(dir_sectors * 512, 0);

        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(&super::CFB_MAGIC);
        header[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
        header[26..28].copy_from_slice(&3u16.to_le_bytes());
        header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        header[30..32].copy_from_slice(&9u16.to_le_bytes());
        header[32..34].copy_from_slice(&6u16.to_le_bytes());
        header[44..48].copy_from_slice(&1u32.to_le_bytes());
        header[48..52].copy_from_slice(&1u32.to_le_bytes());
        header[56..60].copy_from_slice(&4096u32.to_le_bytes());
        header[60..64].copy_from_slice(&super::ENDOFCHAIN.to_le_bytes());
        header[68..72].copy_from_slice(&super::ENDOFCHAIN.to_le_bytes());
        for (i, chunk) in header[76..512].chunks_exact_mut(4).enumerate() {
            let id = if i == 0 { 0 } else { FREESECT };
            chunk.copy_from_slice(&id.to_le_bytes());
        }
        let mut out = header;
        for id in fat {
            out.extend(id.to_le_bytes());
        }
        out.extend(dir);
        out.extend(data);
        out
    }

    fn entry(name: &str, kind: u8, start: u32, len: u64, sibling: u32) -> Vec<u8> {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[i * 2..i * 2 + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
        e[66] = kind;
        e[67] = 1;
        e[68..72].copy_from_slice(&NOSTREAM.to_le_bytes());
        e[72..76].copy_from_slice(&sibling.to_le_bytes());
        let child = if kind == 5 { 1 } else { NOSTREAM };
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..128].copy_from_slice(&len.to_le_bytes());
        e
    }

    /// One BIFF record.
    pub fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    /// A BIFF8 workbook stream: globals with one sheet named `name`, then
    /// that sheet's substream holding `records` between its BOF and EOF.
    pub fn biff(name: &str, records: &[Vec<u8>]) -> Vec<u8> {
        let bof = record(
            0x0809,
            &[0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        );
        let units: Vec<u16> = name.encode_utf16().collect();
        let mut bound = vec![0u8; 4];
        bound.extend([0, 0, units.len() as u8, 1]);
        bound.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        let globals_len = bof.len() + 4 + bound.len() + 4;
        bound[..4].copy_from_slice(&(globals_len as u32).to_le_bytes());
        let mut stream = bof.clone();
        stream.extend(record(0x0085, &bound));
        stream.extend(record(0x000A, &[]));
        assert_eq!(stream.len(), globals_len);
        let mut sheet_bof = bof;
        sheet_bof[4..6].copy_from_slice(&0x0010u16.to_le_bytes());
        stream.extend(sheet_bof);
        for r in records {
            stream.extend(r);
        }
        stream.extend(record(0x000A, &[]));
        stream
    }

    /// A NUMBER record at a 0-based cell.
    pub fn number(row: u16, col: u16, value: f64) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(col.to_le_bytes());
        data.extend(0u16.to_le_bytes());
        data.extend(value.to_le_bytes());
        record(0x0203, &data)
    }

    /// A zip holding the given parts, stored uncompressed.
    pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, bytes) in parts {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    /// An .ods package whose one table (named `name`) holds `rows` (the
    /// `<table:table-row>` elements, written out).
    pub fn ods(name: &str, rows: &str) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{name}">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
        zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("META-INF/manifest.xml", manifest.as_bytes()),
            ("content.xml", content.as_bytes()),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::crafted::*;
    use super::*;

    #[test]
    fn sniffs_containers_and_names_text_content() {
        assert_eq!(sniff(b""), Container::Not(Looks::Empty));
        assert_eq!(sniff(b"PK\x03\x04rest"), Container::Zip);
        assert_eq!(sniff(&CFB_MAGIC), Container::Compound);
        assert_eq!(sniff(b"%PDF-1.7\n\x00\x01"), Container::Not(Looks::Pdf));
        assert_eq!(
            sniff("要件ID,回答\nJR-001,◎\n".as_bytes()),
            Container::Not(Looks::Csv)
        );
        assert_eq!(
            sniff(b"\xEF\xBB\xBFID\tAnswer\r\n1\tA\r\n"),
            Container::Not(Looks::Csv)
        );
        // Excel's "Unicode text": UTF-16 with tabs.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("ID\t回答\r\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(sniff(&utf16), Container::Not(Looks::Csv));
        let utf16_be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("ID\t回答\r\n".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(sniff(&utf16_be), Container::Not(Looks::Csv));
        // Shift_JIS text without separators: 回答 = 89 F1 93 9A.
        assert_eq!(sniff(b"\x89\xF1\x93\x9A\r\n"), Container::Not(Looks::Text));
        assert_eq!(
            sniff(b"  <!DOCTYPE html><html><table><tr><td>1</td></tr></table>"),
            Container::Not(Looks::Html)
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><Workbook/>"),
            Container::Not(Looks::Xml)
        );
        assert_eq!(
            sniff(&[0x13, 0x37, 0x00, 0xFF, 0x42]),
            Container::Not(Looks::Unknown)
        );
    }

    #[test]
    fn counts_are_read_as_calamine_reads_them() {
        assert_eq!(parse_count("100000000000"), Some(100_000_000_000));
        assert_eq!(parse_count("0012"), Some(12));
        assert_eq!(parse_count("99999999999999999999999"), Some(u64::MAX));
        assert_eq!(parse_count("+5"), None);
        assert_eq!(parse_count("1e9"), None);
        assert_eq!(parse_count(""), None);
    }

    #[test]
    fn raw_attributes_are_not_unescaped_and_first_wins() {
        let e = BytesStart::from_content(
            r#"sst count = '3' uniqueCount="7" uniqueCount="9" name="a&amp;b""#,
            3,
        );
        assert_eq!(raw_attr(&e, "count"), Some("3"));
        assert_eq!(raw_attr(&e, "uniqueCount"), Some("7"));
        assert_eq!(raw_attr(&e, "name"), Some("a&amp;b"));
        assert_eq!(raw_attr(&e, "missing"), None);
    }

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

    #[test]
    fn compound_file_with_encrypted_package_is_encrypted() {
        let file = compound(&[
            ("EncryptionInfo", b"\x04\x00\x04\x00"),
            ("EncryptedPackage", b"x"),
        ]);
        assert_eq!(check_compound(&file), Err(Refusal::Encrypted));
        let file = compound(&[("EncryptedPackage", b"x")]);
        assert_eq!(check_compound(&file), Err(Refusal::Encrypted));
    }

    #[test]
    fn compound_file_without_workbook_stream_is_another_office_file() {
        let file = compound(&[("WordDocument", b"text")]);
        assert_eq!(
            check_compound(&file),
            Err(Refusal::NotWorkbook(Looks::OtherOffice))
        );
    }

    #[test]
    fn looping_directory_chain_is_damage_not_a_hang() {
        let mut file = compound(&[("Workbook", &biff("回答", &[]))]);
        // FAT entry of the directory sector (sector 1) points to itself.
        let fat_entry = 512 + 4;
        file[fat_entry..fat_entry + 4].copy_from_slice(&1u32.to_le_bytes());
        match check_compound(&file) {
            Err(Refusal::Damaged { detail }) => assert!(detail.contains("loops"), "{detail}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn truncated_compound_file_is_damaged() {
        let file = compound(&[("Workbook", &biff("回答", &[number(0, 0, 1.0)]))]);
        let cut = &file[..file.len() - 700];
        assert!(matches!(check_compound(cut), Err(Refusal::Damaged { .. })));
    }

    #[test]
    fn small_xls_stream_passes() {
        let stream = biff("回答", &[number(0, 0, 1.0), number(9, 3, 2.0)]);
        assert_eq!(check_compound(&compound(&[("Workbook", &stream)])), Ok(()));
    }

    #[test]
    fn xls_dimensions_claiming_billions_of_cells_are_refused() {
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(u32::MAX.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        dims.extend(256u16.to_le_bytes());
        dims.extend([0, 0]);
        let stream = biff("回答", &[record(0x0200, &dims)]);
        assert_eq!(
            check_compound(&compound(&[("Workbook", &stream)])),
            Err(Refusal::SheetTooLarge {
                sheet: "回答".to_string(),
                cells: u64::from(u32::MAX) * 256,
            })
        );
    }

    #[test]
    fn xls_cells_at_opposite_corners_are_refused() {
        let stream = biff("回答", &[number(0, 0, 1.0), number(65535, 16383, 2.0)]);
        assert_eq!(
            check_compound(&compound(&[("Workbook", &stream)])),
            Err(Refusal::SheetTooLarge {
                sheet: "回答".to_string(),
                cells: 65536 * 16384,
            })
        );
    }

    #[test]
    fn xls_file_pass_record_is_encrypted() {
        let mut stream = biff("回答", &[]);
        // FILEPASS (RC4) right after the globals' BOF.
        let bof_len = 20;
        let tail = stream.split_off(bof_len);
        stream.extend(record(0x002F, &[1, 0, 1, 0]));
        stream.extend(tail);
        // The sheet offset moved by the inserted record's 8 bytes.
        let pos = u32_at(&stream, bof_len + 8 + 4) + 8;
        stream[bof_len + 12..bof_len + 16].copy_from_slice(&pos.to_le_bytes());
        assert_eq!(
            check_compound(&compound(&[("Workbook", &stream)])),
            Err(Refusal::Encrypted)
        );
    }

    fn zip(bytes: &[u8]) -> ZipArchive<std::io::Cursor<&[u8]>> {
        ZipArchive::new(std::io::Cursor::new(bytes)).unwrap()
    }

    #[test]
    fn ods_spaces_repeated_a_trillion_times_are_refused() {
        let file = ods(
            "回答",
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="1000000000000"/></text:p></table:table-cell></table:table-row>"#,
        );
        assert!(matches!(
            check_ods_content(&mut zip(&file)),
            Err(Refusal::SheetTooLarge { sheet, .. }) if sheet == "回答"
        ));
    }

    #[test]
    fn ods_rows_and_columns_repeated_to_the_limits_are_refused() {
        let file = ods(
            "回答",
            r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#,
        );
        assert!(matches!(
            check_ods_content(&mut zip(&file)),
            Err(Refusal::SheetTooLarge { .. })
        ));
    }

    #[test]
    fn ods_rows_padded_to_the_last_column_are_counted() {
        // Each row reads as 16,384 cells (empties up to the used one): 2,000
        // such rows are 1.8 GB in calamine's row buffer.
        let row = r#"<table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#;
        let file = ods("回答", &row.repeat(2000));
        assert!(matches!(
            check_ods_content(&mut zip(&file)),
            Err(Refusal::SheetTooLarge { .. })
        ));
        let file = ods("回答", &row.repeat(10));
        assert_eq!(check_ods_content(&mut zip(&file)), Ok(()));
    }

    #[test]
    fn ods_cut_off_inside_a_table_is_damaged_not_an_endless_loop() {
        let file = ods(
            "回答",
            r#"<table:table-row><table:table-cell/></table:table-row>"#,
        );
        let mut parts = zip(&file);
        let mut content = String::new();
        parts
            .by_name("content.xml")
            .unwrap()
            .read_to_string(&mut content)
            .unwrap();
        let cut = &content[..content.find("</table:table>").unwrap()];
        let file = zip_of(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", cut.as_bytes()),
        ]);
        assert!(matches!(
            check_ods_content(&mut zip(&file)),
            Err(Refusal::Damaged { detail }) if detail.starts_with("content.xml: ")
        ));
        let file = zip_of(&[(
            "content.xml",
            content
                .replace("</table:table-row>", "</table:table-cell>")
                .as_bytes(),
        )]);
        assert!(matches!(
            check_ods_content(&mut zip(&file)),
            Err(Refusal::Damaged { .. })
        ));
    }

    #[test]
    fn ods_trailing_empty_repeats_are_fine() {
        // LibreOffice ends every sheet with repeated empty rows and cells.
        let file = ods(
            "回答",
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>◎</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
        );
        assert_eq!(check_ods_content(&mut zip(&file)), Ok(()));
    }

    #[test]
    fn open_document_kinds() {
        let sheet = ods("回答", "");
        assert_eq!(open_document_kind(&mut zip(&sheet)), Some(Ok(())));
        let text = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert_eq!(
            open_document_kind(&mut zip(&text)),
            Some(Err(Looks::OtherOpenDocument))
        );
        let other = zip_of(&[("a.txt", b"x")]);
        assert_eq!(open_document_kind(&mut zip(&other)), None);
    }

    #[test]
    fn shared_string_count_beyond_the_part_is_refused() {
        let sst = br#"<?xml version="1.0"?><sst xmlns="x" count="1" uniqueCount="100000000000"><si><t>a</t></si></sst>"#;
        let file = zip_of(&[("xl/sharedStrings.xml", sst)]);
        assert_eq!(
            check_shared_strings(&mut zip(&file)),
            Err(Refusal::CraftedSharedStrings {
                declared: 100_000_000_000,
                part: "xl/sharedStrings.xml".to_string(),
            })
        );
        let honest = br#"<sst count="2" uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>"#;
        let file = zip_of(&[("xl/sharedStrings.xml", honest)]);
        assert_eq!(check_shared_strings(&mut zip(&file)), Ok(()));
    }

    #[test]
    fn part_sizes_are_checked_against_the_limit() {
        let file = zip_of(&[("xl/worksheets/sheet1.xml", &[b' '; 2048])]);
        assert_eq!(check_part_sizes(&zip(&file), 4096, 1), Ok(()));
        assert_eq!(
            check_part_sizes(&zip(&file), 1024, 0),
            Err(Refusal::PartTooLarge {
                part: "xl/worksheets/sheet1.xml".to_string(),
                bytes: 2048,
                limit_mib: 0,
            })
        );
    }
}
