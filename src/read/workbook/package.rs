//! A zip package (xlsx, xlsm, ods): the unpacked sizes its parts declare.
//!
//! The zip reader stops inflating an entry at its declared size, so checking
//! the declarations bounds what any later reader can be made to hold: a zip
//! bomb is refused before one byte of it is inflated.

use std::io::{Read, Seek};

use zip::ZipArchive;

use super::refusal::Refusal;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::workbook::crafted::{zip, zip_of};

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
