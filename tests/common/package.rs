//! A workbook edited at the package level, the way a person fills a
//! protected form: only the cells' XML changes, so styles, protection and
//! validation stay exactly as the writer made them.

use std::io::{Read, Write};
use std::path::Path;

/// A copy of a form with cells rewritten in the sheet XML: styles,
/// protection and validation stay exactly as the form made them.
pub struct Filled {
    parts: Vec<(String, Vec<u8>)>,
}

pub enum Value<'a> {
    Text(&'a str),
    Number(f64),
}

impl Filled {
    pub fn open(form: &Path) -> Filled {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(form).unwrap()).unwrap();
        let parts = (0..zip.len())
            .map(|i| {
                let mut entry = zip.by_index(i).unwrap();
                let mut bytes = Vec::new();
                entry.read_to_end(&mut bytes).unwrap();
                (entry.name().unwrap().to_string(), bytes)
            })
            .collect();
        Filled { parts }
    }

    pub fn part(&self, name: &str) -> String {
        let (_, bytes) = self
            .parts
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no part {name}"));
        String::from_utf8(bytes.clone()).unwrap()
    }

    pub fn set_part(&mut self, name: &str, xml: String) {
        let slot = self.parts.iter_mut().find(|(n, _)| n == name).unwrap();
        slot.1 = xml.into_bytes();
    }

    /// Fills a cell the way a vendor can: it must be unlocked.
    pub fn fill(&mut self, part: usize, cell: &str, value: Value) {
        let sheet = format!("xl/worksheets/sheet{part}.xml");
        let style = cell_style(&self.part(&sheet), cell);
        assert!(
            xf_is_unlocked(&self.part("xl/styles.xml"), style),
            "{sheet} {cell} is locked: a vendor could not fill it"
        );
        self.rewrite(part, cell, value);
    }

    /// Rewrites a cell whatever its protection (a vendor who unprotected the sheet).
    pub fn rewrite(&mut self, part: usize, cell: &str, value: Value) {
        let name = format!("xl/worksheets/sheet{part}.xml");
        let xml = self.part(&name);
        let start = xml
            .find(&format!("<c r=\"{cell}\""))
            .unwrap_or_else(|| panic!("{name} has no cell {cell}"));
        let open_end = start + xml[start..].find('>').unwrap();
        let end = if xml[..open_end].ends_with('/') {
            open_end + 1
        } else {
            start + xml[start..].find("</c>").unwrap() + 4
        };
        let style = cell_style(&xml, cell);
        let element = match value {
            Value::Text(t) => format!(
                "<c r=\"{cell}\" s=\"{style}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                t.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            ),
            Value::Number(n) => format!("<c r=\"{cell}\" s=\"{style}\"><v>{n}</v></c>"),
        };
        let rewritten = format!("{}{element}{}", &xml[..start], &xml[end..]);
        self.set_part(&name, rewritten);
    }

    pub fn save(&self, path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in &self.parts {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }
}

/// The `s` attribute of a cell in a sheet's XML.
pub fn cell_style(xml: &str, cell: &str) -> usize {
    let start = xml
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let tag = &xml[start..start + xml[start..].find('>').unwrap()];
    let s = tag.split(" s=\"").nth(1).expect("a styled cell");
    s[..s.find('"').unwrap()].parse().unwrap()
}

/// Whether the cell format at `index` of styles.xml is unlocked.
pub fn xf_is_unlocked(styles: &str, index: usize) -> bool {
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let xf = xfs.split("<xf ").nth(index + 1).expect("xf present");
    xf.contains("<protection locked=\"0\"/>")
}

/// The value of attribute `name` in a start tag's text (` name="value"`).
pub fn attr(element: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    element.find(&key).map(|i| {
        let rest = &element[i + key.len()..];
        rest[..rest.find('"').unwrap()].to_string()
    })
}

/// The `<row>` elements of sheet part `sheet_number` (`xl/worksheets/sheetN.xml`):
/// (1-based row, height in points if set), in the order written.
pub fn row_heights(xlsx: &Path, sheet_number: usize) -> Vec<(u32, Option<f64>)> {
    let sheet = Filled::open(xlsx).part(&format!("xl/worksheets/sheet{sheet_number}.xml"));
    sheet
        .split("<row ")
        .skip(1)
        .map(|row| {
            let row = format!(" {}", row.split('>').next().unwrap());
            let r = attr(&row, "r").unwrap().parse().unwrap();
            (r, attr(&row, "ht").map(|h| h.parse().unwrap()))
        })
        .collect()
}
