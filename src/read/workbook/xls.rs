//! Reading an Excel 97–2003 workbook (.xls): BIFF records in a compound file.
//!
//! calamine builds every sheet of an .xls as a dense grid while opening the
//! file, hidden sheets too, sized by each sheet's DIMENSIONS record and by its
//! cells' extent, both of which a crafted file sets at will. So the workbook
//! stream is walked here first, record by record as calamine walks it, and a
//! file that is encrypted, holds no workbook, or would make an absurd grid is
//! refused before calamine sees it. Merged ranges come from calamine, which
//! reads them while opening; hidden rows and columns it does not expose.

use std::io::Cursor;

use calamine::{Dimensions, Reader, Xls, XlsError};

use super::bytes::{u16_at, u32_at, utf16};
use super::cells::{MAX_DENSE_CELLS, read_dense};
use super::cfb::Compound;
use super::refusal::{Looks, Refusal, parser_refusal};
use super::sheet::{MergedRange, Sheet, Visibility};

/// Reads an .xls workbook once its compound file and BIFF records have
/// passed the checks below, with each visible sheet's merged ranges.
pub(super) fn read(bytes: &[u8]) -> Result<Vec<Sheet>, Refusal> {
    check_compound(bytes)?;
    let mut xls = Xls::new(Cursor::new(bytes))
        .map_err(|e| parser_refusal(matches!(e, XlsError::Password), e))?;
    let mut sheets = read_dense(&mut xls)?;
    for sheet in sheets
        .iter_mut()
        .filter(|s| s.visibility == Visibility::Visible)
    {
        // calamine has read them (MERGEDCELLS records) while opening the file.
        let ranges = xls
            .merge_cells_by_sheet_name(&sheet.name)
            .unwrap_or_default();
        sheet.merged = ranges.iter().map(merged_range).collect();
    }
    Ok(sheets)
}

/// A merged range as calamine gives it, corners put in order.
fn merged_range(d: &Dimensions) -> MergedRange {
    MergedRange {
        first_row: d.start.0.min(d.end.0),
        first_col: d.start.1.min(d.end.1),
        last_row: d.start.0.max(d.end.0),
        last_col: d.start.1.max(d.end.1),
    }
}

/// Checks a compound file before calamine's .xls reader sees it: encryption,
/// a workbook stream, chains that end, and sheets whose grid calamine would
/// build densely (it does so while opening, for every sheet, hidden ones too).
fn check_compound(bytes: &[u8]) -> Result<(), Refusal> {
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
            // FILEPASS: XOR obfuscation (type 0) or RC4 (type 1), both set by
            // a password; calamine would read the obfuscated bytes as garbage.
            0x002F => return Err(Refusal::Encrypted),
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
        limit: MAX_DENSE_CELLS,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::workbook::CellValue;
    use crate::read::workbook::crafted::{answer_biff, biff, compound, number, record};

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
                limit: MAX_DENSE_CELLS,
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
                limit: MAX_DENSE_CELLS,
            })
        );
    }

    #[test]
    fn xls_file_pass_record_is_encrypted() {
        // FILEPASS right after the globals' BOF: RC4 (type 1), then XOR
        // obfuscation (type 0, key and verifier), which Excel writes for a
        // "password to open" in older formats.
        for file_pass in [&[1u8, 0, 1, 0][..], &[0, 0, 0x34, 0x12, 0x78, 0x56]] {
            let mut stream = biff("回答", &[]);
            let bof_len = 20;
            let tail = stream.split_off(bof_len);
            let inserted = record(0x002F, file_pass);
            let added = inserted.len() as u32;
            stream.extend(inserted);
            stream.extend(tail);
            // The sheet offset moved by the inserted record's bytes.
            let at = bof_len + added as usize + 4;
            let pos = u32_at(&stream, at) + added;
            stream[at..at + 4].copy_from_slice(&pos.to_le_bytes());
            assert_eq!(
                check_compound(&compound(&[("Workbook", &stream)])),
                Err(Refusal::Encrypted),
                "{file_pass:?}"
            );
        }
    }

    #[test]
    fn merged_ranges_of_an_xls_are_read() {
        let stream = answer_biff(&[(1, 2, 1, 1), (5, 4, 3, 0)]);
        let sheets = read(&compound(&[("Workbook", &stream)])).unwrap();
        assert_eq!(sheets[0].cell(1, 1), &CellValue::Text("◎".into()));
        assert_eq!(
            sheets[0].merged,
            [
                MergedRange {
                    first_row: 1,
                    first_col: 1,
                    last_row: 2,
                    last_col: 1,
                },
                MergedRange {
                    first_row: 4,
                    first_col: 0,
                    last_row: 5,
                    last_col: 3,
                },
            ]
        );
    }
}
