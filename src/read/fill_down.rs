//! Area and category columns filled down (SPEC §3.2).
//!
//! Real matrices write a 大分類 once per block, merged over its rows or just
//! in its first row, and leave the cells below blank for the eye to carry
//! down:
//!
//! ```text
//!   要件ID | 業務     | 大分類   | 中分類   | 要件
//!   JR-001 | 住民記録 | 窓口業務 | 証明発行 | 住民票の写しを…
//!   JR-002 |          |          |          | 印鑑登録証明書を…   ← 住民記録 / 窓口業務 / 証明発行
//!   JR-003 |          |          | 異動     | 転入届を…           ← 窓口業務 / 異動
//!   JR-004 |          | 帳票     |          | 宛名ラベルを…       ← 帳票 (a new 大分類 starts afresh)
//! ```
//!
//! Without the fill, JR-002 would fall into no category and the weight
//! sensitivity of §5.1 would weigh its block without it. A merged range's
//! value belongs to every cell of the range; a blank category cell takes
//! the value above it when every category column to its left holds the same
//! value as in the row above; a blank area takes the area above, and the
//! first rows of a sheet without one take the sheet's name.

use std::borrow::Cow;

use crate::read::workbook::{MergedRange, Sheet, SheetRow, cell_text};

/// A row's area and category, after the fill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Filled {
    pub area: String,
    /// The category columns' texts joined left to right with ` / `.
    pub category: String,
}

/// Fills one sheet's area and category columns down, row after row.
pub(crate) struct FillDown<'s> {
    sheet: &'s Sheet,
    area: Option<u32>,
    categories: &'s [u32],
    /// The merged ranges touching each filled column (area first, then the
    /// categories), by first row: a cell finds its range by binary search.
    merges: Vec<Vec<MergedRange>>,
    /// The area of the row above, after the fill.
    area_above: Option<String>,
    /// Each category column's value in the row above, after the fill.
    above: Vec<String>,
}

impl<'s> FillDown<'s> {
    /// `area` and `categories` are the sheet's columns (0-based).
    pub fn new(sheet: &'s Sheet, area: Option<u32>, categories: &'s [u32]) -> FillDown<'s> {
        let columns = area.iter().chain(categories);
        let merges = columns
            .map(|&col| {
                let mut ranges: Vec<MergedRange> = (sheet.merged.iter())
                    .filter(|m| m.first_col <= col && col <= m.last_col)
                    .copied()
                    .collect();
                ranges.sort_by_key(|m| m.first_row);
                ranges
            })
            .collect();
        FillDown {
            sheet,
            area,
            categories,
            merges,
            area_above: None,
            above: vec![String::new(); categories.len()],
        }
    }

    /// The area and category of `row`; rows must come in sheet order, every
    /// row below the header, so that a block's heading row carries down too.
    pub fn next(&mut self, row: &SheetRow) -> Filled {
        let offset = usize::from(self.area.is_some());
        let mut category = String::new();
        let mut same_to_the_left = true;
        for (j, &col) in self.categories.iter().enumerate() {
            let (written, continued) = self.value(row, col, offset + j);
            let value = if written.is_empty() && same_to_the_left {
                self.above[j].clone()
            } else {
                written.into_owned()
            };
            same_to_the_left &= value == self.above[j];
            // A range merged across category columns names one category once.
            if !value.is_empty() && !continued {
                if !category.is_empty() {
                    category.push_str(" / ");
                }
                category.push_str(&value);
            }
            self.above[j] = value;
        }
        let area = match self.area.map(|col| self.value(row, col, 0).0) {
            Some(area) if !area.is_empty() => area.into_owned(),
            _ => (self.area_above.clone()).unwrap_or_else(|| self.sheet.name.clone()),
        };
        self.area_above = Some(area.clone());
        Filled { area, category }
    }

    /// The text of a cell, or of the top-left cell of the merged range it
    /// lies in; `true` with it when the cell continues a range from a column
    /// to its left.
    fn value(&self, row: &'s SheetRow, col: u32, slot: usize) -> (Cow<'s, str>, bool) {
        let own = cell_text(row.get(col));
        let ranges = &self.merges[slot];
        let i = ranges.partition_point(|m| m.first_row <= row.index);
        let Some(range) = i.checked_sub(1).map(|i| ranges[i]) else {
            return (own, false);
        };
        if row.index > range.last_row || (range.first_row, range.first_col) == (row.index, col) {
            return (own, false);
        }
        let continued = col > range.first_col;
        if !own.is_empty() {
            return (own, continued);
        }
        let top_left = self
            .sheet
            .rows
            .binary_search_by_key(&range.first_row, |r| r.index)
            .map_or(Cow::Borrowed(""), |i| {
                cell_text(self.sheet.rows[i].get(range.first_col))
            });
        (top_left, continued)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::testkit::sheet;

    /// Fills every row below the header (row 0) of a sheet laid out as
    /// 業務 | 大分類 | 中分類 | 小分類 | 要件ID.
    fn fill(s: &Sheet) -> Vec<(String, String)> {
        let categories = [1, 2, 3];
        let mut f = FillDown::new(s, Some(0), &categories);
        (s.rows.iter().skip(1))
            .map(|row| {
                let filled = f.next(row);
                (filled.area, filled.category)
            })
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        (expected.iter())
            .map(|(a, c)| (a.to_string(), c.to_string()))
            .collect()
    }

    #[test]
    fn blank_cells_take_the_value_above_within_their_block() {
        let s = sheet(
            "住民記録",
            &[
                &["業務", "大分類", "中分類", "小分類", "要件ID"],
                &["", "窓口業務", "証明発行", "住民票", "R-001"],
                &["", "", "", "", "R-002"],
                &["", "", "", "印鑑", "R-003"],
                &["", "", "異動", "", "R-004"],
                &["個人住民税", "", "", "", "R-005"],
                &["", "帳票", "", "", "R-006"],
            ],
        );
        assert_eq!(
            fill(&s),
            pairs(&[
                // No area yet: the sheet's name.
                ("住民記録", "窓口業務 / 証明発行 / 住民票"),
                ("住民記録", "窓口業務 / 証明発行 / 住民票"),
                ("住民記録", "窓口業務 / 証明発行 / 印鑑"),
                // A new 中分類 starts its 小分類 afresh.
                ("住民記録", "窓口業務 / 異動"),
                ("個人住民税", "窓口業務 / 異動"),
                // A new 大分類 starts its 中分類 afresh.
                ("個人住民税", "帳票"),
            ])
        );
    }

    #[test]
    fn a_merged_value_belongs_to_every_cell_of_its_range() {
        let mut s = sheet(
            "税務",
            &[
                &["業務", "大分類", "中分類", "小分類", "要件ID"],
                &["個人住民税", "賦課", "特別徴収", "", "R-007"],
                &["", "", "", "", "R-008"],
                &["", "", "普通徴収", "", "R-009"],
                &["", "収納", "", "", "R-010"],
            ],
        );
        s.merged = vec![
            // 賦課 over rows 2–4 of its column.
            MergedRange {
                first_row: 1,
                first_col: 1,
                last_row: 3,
                last_col: 1,
            },
            // 特別徴収 merged across 中分類 and 小分類: named once.
            MergedRange {
                first_row: 1,
                first_col: 2,
                last_row: 2,
                last_col: 3,
            },
        ];
        assert_eq!(
            fill(&s),
            pairs(&[
                ("個人住民税", "賦課 / 特別徴収"),
                ("個人住民税", "賦課 / 特別徴収"),
                ("個人住民税", "賦課 / 普通徴収"),
                ("個人住民税", "収納"),
            ])
        );
    }
}
