//! The compound file (MS-CFB) that holds an .xls workbook, walked with every
//! chain bounded.
//!
//! calamine follows the FAT, DIFAT and mini-FAT chains of a compound file
//! without a bound, so a sector pointing to itself loops until memory runs
//! out. This walk reads the same structures the way calamine reads them (the
//! directory as a flat list, the first entry of a name wins, streams under
//! 4,096 bytes from the mini stream), so the guard in `xls` checks the very
//! bytes calamine will parse; but no chain may be longer than the file has
//! sectors, and no table larger than the file.
//!
//! Why not the `cfb` crate (0.14): it is careful (its chains and trees are
//! checked for loops), but it cannot stand in for this walk.
//! - It finds a stream through the directory's red-black tree, calamine by
//!   scanning the flat list of entries. A file with two `Workbook` entries,
//!   or one left out of the tree, would have the guard check one stream while
//!   calamine parses another.
//! - It refuses, even in its permissive mode, directories calamine reads
//!   (siblings out of name order, a name of odd length, not valid UTF-16 or
//!   holding `/`, an unknown colour or object type, a root stream whose
//!   length is not a multiple of 64): .xls files read today would be refused,
//!   a change of behaviour.
//! - Its allocation is bounded by the DIFAT, not by the file: it reads one FAT
//!   sector per DIFAT entry and checks for repeats only after the whole FAT is
//!   built, so a DIFAT naming one sector over and over makes it allocate about
//!   127 times the file's size before it refuses (measured: 1 GiB for an
//!   8 MiB file; 12 GiB at the default 100 MiB limit would abort the run).
//!   Here the FAT may not list more sectors than the file has.

use super::bytes::{u16_at, u32_at, u32s, utf16};

/// The first bytes of every compound file.
pub(super) const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub(super) const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

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
pub(super) struct Compound<'a> {
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
    pub(super) fn parse(bytes: &'a [u8]) -> Result<Compound<'a>, String> {
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
    pub(super) fn has_entry(&self, name: &str) -> bool {
        self.entry(name).is_some()
    }

    fn entry(&self, name: &str) -> Option<&DirEntry> {
        self.entries
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(name))
    }

    /// The bytes of a stream, read as calamine reads it (mini stream below
    /// 4,096 bytes); `None` when there is no such entry.
    pub(super) fn stream(&self, name: &str) -> Option<Result<Vec<u8>, String>> {
        let entry = self.entry(name)?;
        Some(if entry.len < 4096 {
            self.mini_chain(entry.start, entry.len)
        } else {
            self.chain(entry.start, entry.len)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compound file of `n` sectors after the header: sector 0 is the FAT,
    /// sectors 1.. form the DIFAT chain, and every DIFAT entry, in the header
    /// and in the chain, names sector 1 as a FAT sector again.
    fn repeated_fat_sector(n: usize) -> Vec<u8> {
        let mut file = vec![0u8; 512];
        file[..8].copy_from_slice(&CFB_MAGIC);
        file[26..28].copy_from_slice(&3u16.to_le_bytes());
        file[30..32].copy_from_slice(&9u16.to_le_bytes());
        file[32..34].copy_from_slice(&6u16.to_le_bytes());
        file[48..52].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
        file[68..72].copy_from_slice(&1u32.to_le_bytes());
        for chunk in file[76..512].chunks_exact_mut(4) {
            chunk.copy_from_slice(&1u32.to_le_bytes());
        }
        file.extend([0xFF; 512]);
        for s in 1..n {
            for _ in 0..127 {
                file.extend(1u32.to_le_bytes());
            }
            let next = if s + 1 < n { s as u32 + 1 } else { ENDOFCHAIN };
            file.extend(next.to_le_bytes());
        }
        file
    }

    #[test]
    fn a_fat_longer_than_the_file_is_refused_before_it_is_built() {
        // The cfb crate builds this FAT (127 times the file) before it
        // checks it: 1 GiB for these 8 MiB at n = 16,384.
        let file = repeated_fat_sector(64);
        match Compound::parse(&file) {
            Err(detail) => assert_eq!(detail, "compound file FAT longer than the file"),
            Ok(_) => panic!("parsed"),
        }
    }
}
