//! Builders of crafted files for the tests of the guards and of the reader.

use std::io::{Cursor, Write};

use zip::ZipArchive;

use super::cfb::{CFB_MAGIC, ENDOFCHAIN};

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
            ENDOFCHAIN
        } else {
            (next + i + 1) as u32
        };
    }
    next += dir_sectors;
    let mut data = Vec::new();
    let mut dir = Vec::new();
    dir.extend(entry("Root Entry", 5, ENDOFCHAIN, 0, 1));
    for (i, (name, bytes)) in streams.iter().enumerate() {
        let mut bytes = bytes.to_vec();
        if bytes.len() < 4096 {
            bytes.resize(4096, 0);
        }
        let sectors = bytes.len().div_ceil(512);
        let start = next as u32;
        for s in 0..sectors {
            fat[next + s] = if s + 1 == sectors {
                ENDOFCHAIN
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
    header[..8].copy_from_slice(&CFB_MAGIC);
    header[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    header[26..28].copy_from_slice(&3u16.to_le_bytes());
    header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[30..32].copy_from_slice(&9u16.to_le_bytes());
    header[32..34].copy_from_slice(&6u16.to_le_bytes());
    header[44..48].copy_from_slice(&1u32.to_le_bytes());
    header[48..52].copy_from_slice(&1u32.to_le_bytes());
    header[56..60].copy_from_slice(&4096u32.to_le_bytes());
    header[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
    header[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
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

/// A LABEL record (BIFF8, UTF-16 text) at a 0-based cell.
pub fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut data = row.to_le_bytes().to_vec();
    data.extend(col.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend((units.len() as u16).to_le_bytes());
    data.push(1);
    data.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    record(0x0204, &data)
}

/// A MERGEDCELLS record of 0-based (first row, last row, first col, last col) ranges.
/// The BIFF stream of a small answer sheet 回答 (要件ID | 回答; JR-001 ◎;
/// JR-002 with its answer blank) with these merged ranges.
pub fn answer_biff(merges: &[(u16, u16, u16, u16)]) -> Vec<u8> {
    biff(
        "回答",
        &[
            label(0, 0, "要件ID"),
            label(0, 1, "回答"),
            label(1, 0, "JR-001"),
            label(1, 1, "◎"),
            label(2, 0, "JR-002"),
            merged_cells(merges),
        ],
    )
}

pub fn merged_cells(ranges: &[(u16, u16, u16, u16)]) -> Vec<u8> {
    let mut data = (ranges.len() as u16).to_le_bytes().to_vec();
    for (rf, rl, cf, cl) in ranges {
        for v in [rf, rl, cf, cl] {
            data.extend(v.to_le_bytes());
        }
    }
    record(0x00E5, &data)
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
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
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

/// A zip held in memory, opened for reading.
pub fn zip(bytes: &[u8]) -> ZipArchive<Cursor<&[u8]>> {
    ZipArchive::new(Cursor::new(bytes)).unwrap()
}
