//! The file as a whole, before any parser: its bytes, read once within the
//! size limit, and the container its first bytes announce.
//!
//! Vendors rename files, and web systems export HTML tables as `.xls`, so the
//! extension says nothing: the format is sniffed from the bytes, and a file
//! that is no workbook is named for what it is (CSV, HTML, PDF …) so that the
//! sender can be asked for the right thing.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::bytes::utf16;
use super::cfb::CFB_MAGIC;
use super::refusal::{Looks, Refusal};

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

#[cfg(test)]
mod tests {
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
}
