//! Header detection for the inputs that carry a table of their own: prices
//! (§12), decisions (§11), criteria and scores (§13), members (§14).
//!
//! Each of these inputs names its columns with aliases of its own, and the
//! same header means different things in two of them (`配点` is a weight in
//! the matrix and an item's maximum in the criteria; `回答` an answer in a
//! response and a code in a decision). So each input declares a [`Schema`]
//! — its columns, their aliases, which are required — and is detected
//! against that schema alone, by the rules of §3.1: the first of rows 1–20
//! naming every required column, a cell naming a column only when its key
//! *equals* an alias's key, an earlier alias winning a tie, then the leftmost.

use std::collections::HashMap;

use crate::model::HeaderNeed;
use crate::normalize::{header_key, split_header_note};
use crate::read::header::HEADER_SEARCH_ROWS;
use crate::read::workbook::{CellValue, Sheet, cell_text};

/// One column of a table: the header texts that name it.
#[derive(Debug)]
pub struct Column {
    /// The header texts that name the column; an earlier alias wins a tie.
    pub aliases: &'static [&'static str],
    /// Whether a header row must name it.
    pub required: bool,
}

/// The columns of one kind of table, in a fixed order: a reader refers to a
/// column by its position in `columns` (name them with constants).
#[derive(Debug)]
pub struct Schema {
    /// What a finding says was expected when no header is found.
    pub need: HeaderNeed,
    pub columns: &'static [Column],
}

/// The tax basis a header note or a cell note states (§3.1, §12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaxNote {
    /// 税込 (tax included).
    Included,
    /// 税抜, 税別 (tax excluded).
    Excluded,
}

impl TaxNote {
    /// The settings' spelling (`tax_basis`): 税込 or 税抜.
    pub fn key(self) -> &'static str {
        match self {
            TaxNote::Included => "税込",
            TaxNote::Excluded => "税抜",
        }
    }

    /// The tax basis a piece of text states, if any: `税込`, `税込み`,
    /// `内税` → included; `税抜`, `税抜き`, `税別`, `外税` → excluded.
    pub fn in_text(text: &str) -> Option<TaxNote> {
        let key = crate::normalize::compare_key(text);
        if ["税込", "内税"].iter().any(|t| key.contains(t)) {
            Some(TaxNote::Included)
        } else if ["税抜", "税別", "外税"].iter().any(|t| key.contains(t)) {
            Some(TaxNote::Excluded)
        } else {
            None
        }
    }
}

/// What a header cell's bracketed note says of an amount column: its unit
/// (`千円` → 1,000, `万円` → 10,000, else 1) and its tax basis, alone or
/// together (`（千円・税込）`, `(単位:万円、税抜)`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AmountNote {
    pub scale: f64,
    pub tax: Option<TaxNote>,
}

impl AmountNote {
    /// Reads a header note (already NFKC, lower-cased, without white space).
    pub fn parse(note: Option<&str>) -> AmountNote {
        let Some(note) = note else {
            return AmountNote {
                scale: 1.0,
                tax: None,
            };
        };
        let scale = if note.contains("千円") {
            1_000.0
        } else if note.contains("万円") {
            10_000.0
        } else {
            1.0
        };
        AmountNote {
            scale,
            tax: TaxNote::in_text(note),
        }
    }
}

/// A detected header row of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct TableHeader {
    /// 0-based row index of the header.
    pub row: u32,
    /// The 0-based column of each schema column, by position.
    pub columns: Vec<Option<u32>>,
    /// The bracketed note of each schema column's header cell, by position.
    pub notes: Vec<Option<String>>,
    /// Every non-empty header cell (trimmed text), by column, ascending:
    /// for inputs whose other columns mean something (a scoresheet's vendor
    /// columns).
    pub headers: Vec<(u32, String)>,
}

impl TableHeader {
    /// The column of schema column `i`.
    pub fn col(&self, i: usize) -> Option<u32> {
        self.columns[i]
    }

    /// What schema column `i`'s header note says of its amounts.
    pub fn amount_note(&self, i: usize) -> AmountNote {
        AmountNote::parse(self.notes[i].as_deref())
    }
}

impl Schema {
    /// Every alias's header key → (column position, rank among its aliases).
    fn keys(&self) -> HashMap<String, (usize, usize)> {
        let mut keys = HashMap::new();
        for (position, column) in self.columns.iter().enumerate() {
            for (rank, alias) in column.aliases.iter().enumerate() {
                keys.entry(header_key(alias)).or_insert((position, rank));
            }
        }
        keys
    }

    /// The schema column a header text names, if any.
    pub fn column_of_header(&self, text: &str) -> Option<usize> {
        self.keys()
            .get(&header_key(text))
            .map(|&(position, _)| position)
    }

    /// Finds the header row in rows 1–20: the first row naming every
    /// required column.
    pub fn detect(&self, sheet: &Sheet) -> Option<TableHeader> {
        let keys = self.keys();
        sheet
            .rows
            .iter()
            .take_while(|row| row.index < HEADER_SEARCH_ROWS)
            .find_map(|row| {
                let header = self.read_row(&keys, row.index, &row.cells);
                let met = self
                    .columns
                    .iter()
                    .zip(&header.columns)
                    .all(|(column, found)| !column.required || found.is_some());
                met.then_some(header)
            })
    }

    fn read_row(
        &self,
        keys: &HashMap<String, (usize, usize)>,
        row: u32,
        cells: &[(u32, CellValue)],
    ) -> TableHeader {
        let n = self.columns.len();
        let mut header = TableHeader {
            row,
            columns: vec![None; n],
            notes: vec![None; n],
            headers: Vec::new(),
        };
        let mut ranks = vec![usize::MAX; n];
        for (col, value) in cells {
            let text = cell_text(value);
            if text.is_empty() {
                continue;
            }
            header.headers.push((*col, text.trim().to_string()));
            let (key, note) = split_header_note(&text);
            let Some(&(position, rank)) = keys.get(&key) else {
                continue;
            };
            // Strictly earlier alias only: on a tie the leftmost column, seen first, stays.
            if rank < ranks[position] {
                ranks[position] = rank;
                header.columns[position] = Some(*col);
                header.notes[position] = note;
            }
        }
        header
    }

    /// The first cell of rows 1–20 that equals an alias of a required
    /// column, as (row, col, text): evidence that the sheet was meant to
    /// carry this table though no full header was found.
    pub fn required_alias_cell(&self, sheet: &Sheet) -> Option<(u32, u32, String)> {
        let keys = self.keys();
        for row in sheet
            .rows
            .iter()
            .take_while(|row| row.index < HEADER_SEARCH_ROWS)
        {
            for (col, value) in &row.cells {
                let text = cell_text(value);
                if text.is_empty() {
                    continue;
                }
                if let Some(&(position, _)) = keys.get(&header_key(&text))
                    && self.columns[position].required
                {
                    return Some((row.index, *col, text.into_owned()));
                }
            }
        }
        None
    }

    /// Panics when one alias key names two columns of this schema: a test
    /// of each schema calls it, so a new alias never makes a header ambiguous.
    pub fn assert_unambiguous(&self) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (position, column) in self.columns.iter().enumerate() {
            for alias in column.aliases {
                let key = header_key(alias);
                if let Some(other) = seen.insert(key.clone(), position) {
                    assert_eq!(
                        other, position,
                        "{key} names columns {other} and {position}"
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::testkit::sheet;

    const VENDOR: usize = 0;
    const TOTAL: usize = 1;
    const NOTE: usize = 2;

    static SCHEMA: Schema = Schema {
        need: HeaderNeed::Requests,
        columns: &[
            Column {
                aliases: &["提案者", "事業者名", "Vendor"],
                required: true,
            },
            Column {
                aliases: &["提案価格", "見積金額", "Total"],
                required: false,
            },
            Column {
                aliases: &["備考"],
                required: false,
            },
        ],
    };

    #[test]
    fn the_schema_is_unambiguous() {
        SCHEMA.assert_unambiguous();
    }

    #[test]
    fn the_first_row_naming_the_required_columns_is_the_header() {
        let s = sheet(
            "価格",
            &[
                &["提案価格一覧"],
                &["備考", "見積金額（千円・税込）", "事 業 者 名", "提案価格"],
                &["", "1200", "さくら電算", ""],
            ],
        );
        let h = SCHEMA.detect(&s).unwrap();
        assert_eq!(h.row, 1);
        assert_eq!(h.col(VENDOR), Some(2));
        // 提案価格 stands before 見積金額 among the aliases: it wins though it is to the right.
        assert_eq!(h.col(TOTAL), Some(3));
        assert_eq!(h.col(NOTE), Some(0));
        assert_eq!(h.headers.len(), 4);
    }

    #[test]
    fn a_header_note_gives_the_unit_and_the_tax_basis() {
        let s = sheet("価格", &[&["提案者", "提案価格（千円・税込）"]]);
        let h = SCHEMA.detect(&s).unwrap();
        assert_eq!(
            h.amount_note(TOTAL),
            AmountNote {
                scale: 1_000.0,
                tax: Some(TaxNote::Included)
            }
        );
        assert_eq!(
            AmountNote::parse(Some("単位:万円、税抜")),
            AmountNote {
                scale: 10_000.0,
                tax: Some(TaxNote::Excluded)
            }
        );
        assert_eq!(AmountNote::parse(None).scale, 1.0);
        assert_eq!(TaxNote::in_text("50万円（税別）"), Some(TaxNote::Excluded));
        assert_eq!(TaxNote::in_text("(税込み)"), Some(TaxNote::Included));
        assert_eq!(TaxNote::in_text("50万円"), None);
    }

    #[test]
    fn without_a_required_column_there_is_no_header_but_the_evidence_is_found() {
        let s = sheet("価格", &[&["番号", "提案価格"], &["1", "100"], &["提案者"]]);
        assert!(SCHEMA.detect(&s).is_some(), "row 3 names the vendor column");
        let s = sheet("価格", &[&["番号", "提案価格"]]);
        assert!(SCHEMA.detect(&s).is_none());
        assert_eq!(SCHEMA.required_alias_cell(&s), None);
        let s = sheet("価格", &[&["価格表"], &["", "Vendor "]]);
        let h = SCHEMA.detect(&s).unwrap();
        assert_eq!((h.row, h.col(VENDOR)), (1, Some(1)));
        assert_eq!(
            SCHEMA.required_alias_cell(&s),
            Some((1, 1, "Vendor".to_string()))
        );
    }
}
