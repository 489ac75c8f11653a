//! Finding the header row of a sheet and the column of each field.
//!
//! Offices lay out their sheets freely: titles and merged banners above the
//! header, columns in any order, headers written `要件 ＩＤ`, `No.` or
//! `カスタマイズ費用（千円）`. The header is therefore found by content, not by
//! position: the first of rows 1–20 whose cells name the fields the input needs
//! (SPEC §3.1). A cell names a field only when its key *equals* an alias's key,
//! so a header like `要件ID備考` never passes for an ID column.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::Lang;
use crate::normalize::{header_key, split_header_note};
use crate::read::table::{AmountNote, TaxNote};
use crate::read::workbook::{CellValue, Sheet, cell_text};

/// Rows searched for a header (rows 1–20 of the sheet).
pub const HEADER_SEARCH_ROWS: u32 = 20;

/// The fields a column can hold (SPEC §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Area,
    Category,
    Text,
    Priority,
    Weight,
    Answer,
    Cost,
    Remarks,
    Member,
    Status,
}

impl Field {
    /// Every field, in the order of the alias table.
    pub const ALL: [Field; 11] = [
        Field::Id,
        Field::Area,
        Field::Category,
        Field::Text,
        Field::Priority,
        Field::Weight,
        Field::Answer,
        Field::Cost,
        Field::Remarks,
        Field::Member,
        Field::Status,
    ];

    fn slot(self) -> usize {
        self as usize
    }
}

/// The headers that name a member town (§3.1): the requests' long form and
/// the members workbook of a cost split (§14) read them alike.
pub const MEMBER_ALIASES: &[&str] = &[
    "団体名",
    "市町村名",
    "自治体名",
    "構成団体",
    "Member",
    "Municipality",
];

/// The header texts of a requirement ID (SPEC §3.1), in the matrix, the
/// responses, the requests and the decisions alike.
pub const ID_ALIASES: &[&str] = &[
    "要件ID",
    "要件番号",
    "要件No",
    "項番",
    "番号",
    "No",
    "ID",
    "機能ID",
    "機能要件ID",
    "Req ID",
    "Requirement ID",
];

/// The header texts of the vendor a row names (SPEC §12), in the prices and
/// the decisions alike.
pub const VENDOR_ALIASES: &[&str] = &[
    "提案者",
    "事業者",
    "事業者名",
    "会社名",
    "業者名",
    "ベンダー",
    "Vendor",
    "Bidder",
    "Supplier",
];

/// What SPEC §3.1 says of one field: the header texts that name it, and
/// the header the response form writes for it, so that the form and the
/// reader cannot disagree on a column.
#[derive(Debug)]
pub struct FieldSpec {
    /// The header texts that name the field; an earlier alias wins a tie.
    pub aliases: &'static [&'static str],
    /// The header the response form writes (Japanese, English); `None` for a
    /// field the form has no column for. Each reads back as the field: an
    /// alias, with at most a note after it. The cost header's `（円）` note is
    /// dropped when matching and keeps the amounts in yen, and its line break
    /// (white space, ignored when matching) keeps the column narrow.
    pub form_header: Option<(&'static str, &'static str)>,
}

impl Field {
    /// The field's entry in the schema of SPEC §3.1.
    pub fn spec(self) -> &'static FieldSpec {
        match self {
            Field::Id => &FieldSpec {
                aliases: ID_ALIASES,
                form_header: Some(("要件ID", "Requirement ID")),
            },
            Field::Area => &FieldSpec {
                aliases: &[
                    "業務",
                    "業務名",
                    "業務区分",
                    "Business area",
                    "Area",
                    "Module",
                ],
                form_header: Some(("業務", "Business area")),
            },
            Field::Category => &FieldSpec {
                aliases: &[
                    "大分類",
                    "中分類",
                    "小分類",
                    "分類",
                    "機能分類",
                    "Category",
                    "Subcategory",
                ],
                form_header: Some(("分類", "Category")),
            },
            Field::Text => &FieldSpec {
                aliases: &[
                    "要件",
                    "機能要件",
                    "要件内容",
                    "要求内容",
                    "機能概要",
                    "Requirement",
                    "Description",
                ],
                form_header: Some(("要件内容", "Requirement")),
            },
            Field::Priority => &FieldSpec {
                aliases: &[
                    "必須区分",
                    "必須/任意",
                    "重要度",
                    "優先度",
                    "要求レベル",
                    "Priority",
                ],
                form_header: Some(("必須区分", "Priority")),
            },
            Field::Weight => &FieldSpec {
                aliases: &["配点", "重み", "ウェイト", "Weight", "Points"],
                form_header: Some(("配点", "Weight")),
            },
            Field::Answer => &FieldSpec {
                aliases: &[
                    "回答",
                    "対応可否",
                    "対応状況",
                    "適合状況",
                    "回答区分",
                    "Answer",
                    "Response",
                    "Compliance",
                ],
                form_header: Some(("回答", "Answer")),
            },
            Field::Cost => &FieldSpec {
                aliases: &[
                    "カスタマイズ費用",
                    "改修費用",
                    "費用",
                    "概算費用",
                    "Cost",
                    "Customization cost",
                ],
                form_header: Some(("カスタマイズ費用\n（円）", "Customization cost (yen)")),
            },
            Field::Remarks => &FieldSpec {
                aliases: &[
                    "備考",
                    "補足",
                    "代替案",
                    "回答内容",
                    "説明",
                    "Remarks",
                    "Comment",
                    "Notes",
                ],
                form_header: Some(("備考", "Remarks")),
            },
            Field::Member => &FieldSpec {
                aliases: MEMBER_ALIASES,
                form_header: None,
            },
            Field::Status => &FieldSpec {
                aliases: &["状態", "ステータス", "Status"],
                form_header: None,
            },
        }
    }

    /// The header texts that name the field (SPEC §3.1); an earlier alias
    /// wins a tie.
    pub fn aliases(self) -> &'static [&'static str] {
        self.spec().aliases
    }

    /// The header the response form writes for the field, in `lang`; `None`
    /// for a field the form has no column for.
    pub fn form_header(self, lang: Lang) -> Option<&'static str> {
        let (ja, en) = self.spec().form_header?;
        Some(lang.pick(ja, en))
    }
}

/// Every alias's header key → (field, position in the field's list).
fn alias_keys() -> &'static HashMap<String, (Field, usize)> {
    static KEYS: OnceLock<HashMap<String, (Field, usize)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = HashMap::new();
        for field in Field::ALL {
            for (rank, alias) in field.aliases().iter().enumerate() {
                keys.entry(header_key(alias)).or_insert((field, rank));
            }
        }
        keys
    })
}

/// The field a header cell's text names; `None` for a column fairbid does not know.
pub fn field_of_header(text: &str) -> Option<Field> {
    alias_keys().get(&header_key(text)).map(|(field, _)| *field)
}

/// What a header row must name for each kind of input: plain data in
/// `model`, since a finding names the headers a sheet lacked.
pub use crate::model::HeaderNeed;

impl HeaderNeed {
    /// Whether the columns found satisfy this need.
    fn is_met(self, columns: &ColumnMap) -> bool {
        let has = |f| columns.get(f).is_some();
        match self {
            HeaderNeed::Matrix => has(Field::Id) && has(Field::Text),
            HeaderNeed::Response => has(Field::Answer) && (has(Field::Id) || has(Field::Text)),
            HeaderNeed::Requests => has(Field::Id),
            // Inputs with a table of their own are detected by `read::table`.
            _ => false,
        }
    }

    /// The fields whose aliases make a sheet look like it was meant to carry
    /// this input, so that a missing header is worth a warning.
    pub fn required_fields(self) -> &'static [Field] {
        match self {
            HeaderNeed::Matrix => &[Field::Id, Field::Text],
            HeaderNeed::Response => &[Field::Answer, Field::Id, Field::Text],
            HeaderNeed::Requests => &[Field::Id],
            _ => &[],
        }
    }
}

/// Which 0-based column holds each field of a header row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ColumnMap {
    fields: [Option<u32>; Field::ALL.len()],
    /// Every category column, left to right.
    pub categories: Vec<u32>,
    /// Every non-empty header cell's text (trimmed), by column, ascending.
    pub headers: Vec<(u32, String)>,
}

impl ColumnMap {
    /// The column of a field; for `Category`, the leftmost category column.
    pub fn get(&self, field: Field) -> Option<u32> {
        match field {
            Field::Category => self.categories.first().copied(),
            _ => self.fields[field.slot()],
        }
    }
}

/// A detected header row.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// 0-based row index of the header.
    pub row: u32,
    pub columns: ColumnMap,
    /// 1, 1,000 or 10,000: the cost header's `千円` / `万円` note scales that
    /// column's plain numbers.
    pub cost_scale: f64,
    /// The tax basis the cost header's note states (`（千円・税込）`).
    pub cost_tax: Option<TaxNote>,
}

/// Reads one row as a header: the column of each field it names, and what
/// the cost header's note says of its amounts.
fn read_header_row(cells: &[(u32, CellValue)]) -> (ColumnMap, AmountNote) {
    let keys = alias_keys();
    let mut columns = ColumnMap::default();
    let mut ranks = [usize::MAX; Field::ALL.len()];
    let mut cost_note = AmountNote::parse(None);
    for (col, value) in cells {
        let text = cell_text(value);
        if text.is_empty() {
            continue;
        }
        columns.headers.push((*col, text.to_string()));
        let (key, note) = split_header_note(&text);
        let Some(&(field, rank)) = keys.get(&key) else {
            continue;
        };
        if field == Field::Category {
            columns.categories.push(*col);
            continue;
        }
        // Strictly earlier alias only: on a tie the leftmost column, seen first, stays.
        if rank < ranks[field.slot()] {
            ranks[field.slot()] = rank;
            columns.fields[field.slot()] = Some(*col);
            if field == Field::Cost {
                cost_note = AmountNote::parse(note.as_deref());
            }
        }
    }
    (columns, cost_note)
}

/// Finds the header row in rows 1–20: the first row whose cells match all the
/// fields `need` requires.
pub fn detect_header(sheet: &Sheet, need: HeaderNeed) -> Option<Header> {
    sheet
        .rows
        .iter()
        .take_while(|row| row.index < HEADER_SEARCH_ROWS)
        .find_map(|row| {
            let (columns, cost_note) = read_header_row(&row.cells);
            need.is_met(&columns).then_some(Header {
                row: row.index,
                columns,
                cost_scale: cost_note.scale,
                cost_tax: cost_note.tax,
            })
        })
}

/// The first cell of rows 1–20 that equals an alias of a field `need`
/// requires, as (row, col, text): evidence that the sheet was meant to carry
/// data even though no full header was found.
pub fn required_alias_cell(sheet: &Sheet, need: HeaderNeed) -> Option<(u32, u32, String)> {
    let keys = alias_keys();
    let wanted = need.required_fields();
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
            if let Some((field, _)) = keys.get(&header_key(&text))
                && wanted.contains(field)
            {
                return Some((row.index, *col, text.into_owned()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::testkit::sheet;

    #[test]
    fn every_form_header_reads_back_as_its_field() {
        for lang in [Lang::Ja, Lang::En] {
            let form: Vec<(Field, &str)> = Field::ALL
                .into_iter()
                .filter_map(|field| Some((field, field.form_header(lang)?)))
                .collect();
            assert_eq!(form.len(), 9, "{lang:?}");
            for (field, header) in &form {
                // As `read_header_row` reads a header cell.
                let (key, _) = split_header_note(header);
                let named = alias_keys().get(&key).map(|(f, _)| f);
                assert_eq!(named, Some(field), "{lang:?} {header:?}");
            }
            let headers: Vec<&str> = form.iter().map(|(_, h)| *h).collect();
            let s = sheet("回答", &[&headers]);
            let h = detect_header(&s, HeaderNeed::Response).unwrap();
            for (col, (field, _)) in form.iter().enumerate() {
                let expected = Some(col as u32);
                assert_eq!(h.columns.get(*field), expected, "{lang:?} {field:?}");
            }
            assert_eq!(h.cost_scale, 1.0, "{lang:?}: the form's costs are in yen");
        }
    }

    #[test]
    fn no_alias_key_names_two_fields() {
        let mut seen: HashMap<String, Field> = HashMap::new();
        for field in Field::ALL {
            for alias in field.aliases() {
                let key = header_key(alias);
                if let Some(other) = seen.insert(key.clone(), field) {
                    assert_eq!(other, field, "{key} names {other:?} and {field:?}");
                }
            }
        }
    }

    #[test]
    fn full_width_spaced_id_header_matches() {
        let s = sheet(
            "要件一覧",
            &[
                &["要件 ＩＤ", "要件"],
                &["JR-001", "住民票の写しを交付できること"],
            ],
        );
        let h = detect_header(&s, HeaderNeed::Matrix).unwrap();
        assert_eq!(h.row, 0);
        assert_eq!(h.columns.get(Field::Id), Some(0));
        assert_eq!(h.columns.get(Field::Text), Some(1));
    }

    #[test]
    fn title_rows_above_the_header_are_skipped() {
        let s = sheet(
            "要件一覧",
            &[
                &["機能要件一覧（住民記録）"],
                &["", "作成：○○市町村会 事務局"],
                &[],
                &["No.", "業務", "要件", "必須区分"],
            ],
        );
        let h = detect_header(&s, HeaderNeed::Matrix).unwrap();
        assert_eq!(h.row, 3);
        assert_eq!(h.columns.get(Field::Id), Some(0));
        assert_eq!(h.columns.get(Field::Area), Some(1));
        assert_eq!(h.columns.get(Field::Priority), Some(3));
    }

    #[test]
    fn columns_in_any_order_and_unknown_columns_ignored() {
        let s = sheet(
            "回答",
            &[&[
                "備考",
                "担当者",
                "回答",
                "カスタマイズ費用",
                "要件",
                "要件ID",
                "小分類",
                "大分類",
            ]],
        );
        let h = detect_header(&s, HeaderNeed::Response).unwrap();
        let c = &h.columns;
        assert_eq!(c.get(Field::Remarks), Some(0));
        assert_eq!(c.get(Field::Answer), Some(2));
        assert_eq!(c.get(Field::Cost), Some(3));
        assert_eq!(c.get(Field::Text), Some(4));
        assert_eq!(c.get(Field::Id), Some(5));
        assert_eq!(c.categories, vec![6, 7]);
        assert_eq!(c.get(Field::Member), None);
        assert_eq!(c.headers.len(), 8);
        assert_eq!(c.headers[1], (1, "担当者".to_string()));
        assert_eq!(h.cost_scale, 1.0);
    }

    #[test]
    fn earlier_alias_wins_then_leftmost() {
        // 機能概要 stands after 要件 in the text aliases, so 要件 wins though it is to the right.
        let s = sheet("要件一覧", &[&["ID", "機能概要", "要件", "要件"]]);
        let h = detect_header(&s, HeaderNeed::Matrix).unwrap();
        assert_eq!(h.columns.get(Field::Text), Some(2));
        // Two ID aliases: 要件ID (first in the list) beats 項番 on its left.
        let s = sheet("要件一覧", &[&["項番", "要件ID", "要件"]]);
        let h = detect_header(&s, HeaderNeed::Matrix).unwrap();
        assert_eq!(h.columns.get(Field::Id), Some(1));
    }

    #[test]
    fn cost_header_note_sets_the_scale() {
        let s = sheet("回答", &[&["要件ID", "回答", "カスタマイズ費用（千円）"]]);
        let h = detect_header(&s, HeaderNeed::Response).unwrap();
        assert_eq!(h.columns.get(Field::Cost), Some(2));
        assert_eq!(h.cost_scale, 1_000.0);
        let s = sheet("回答", &[&["要件ID", "回答", "費用[万円]"]]);
        assert_eq!(
            detect_header(&s, HeaderNeed::Response).unwrap().cost_scale,
            10_000.0
        );
        let s = sheet("回答", &[&["要件ID", "回答", "改修費用(単位:千円)"]]);
        assert_eq!(
            detect_header(&s, HeaderNeed::Response).unwrap().cost_scale,
            1_000.0
        );
        let s = sheet("回答", &[&["要件ID", "回答", "費用(税抜)"]]);
        let h = detect_header(&s, HeaderNeed::Response).unwrap();
        assert_eq!((h.cost_scale, h.cost_tax), (1.0, Some(TaxNote::Excluded)));
        let s = sheet(
            "回答",
            &[&["要件ID", "回答", "カスタマイズ費用（千円・税込）"]],
        );
        let h = detect_header(&s, HeaderNeed::Response).unwrap();
        assert_eq!(
            (h.cost_scale, h.cost_tax),
            (1_000.0, Some(TaxNote::Included))
        );
        let s = sheet("回答", &[&["要件ID", "回答", "費用（単位：万円）"]]);
        let h = detect_header(&s, HeaderNeed::Response).unwrap();
        assert_eq!((h.cost_scale, h.cost_tax), (10_000.0, None));
    }

    #[test]
    fn a_header_must_equal_an_alias() {
        let s = sheet("要件一覧", &[&["要件ID備考", "要件の説明"]]);
        assert_eq!(detect_header(&s, HeaderNeed::Matrix), None);
        assert_eq!(required_alias_cell(&s, HeaderNeed::Matrix), None);
    }

    #[test]
    fn header_needs_per_input() {
        let answer_and_text = sheet("回答", &[&["要件", "回答"]]);
        assert!(detect_header(&answer_and_text, HeaderNeed::Response).is_some());
        assert!(detect_header(&answer_and_text, HeaderNeed::Matrix).is_none());
        let id_only = sheet("要望", &[&["要件ID", "甲町", "乙村"]]);
        assert!(detect_header(&id_only, HeaderNeed::Requests).is_some());
        assert!(detect_header(&id_only, HeaderNeed::Response).is_none());
    }

    #[test]
    fn only_rows_one_to_twenty_are_searched() {
        let mut rows: Vec<&[&str]> = vec![&["説明文"]; 20];
        rows.push(&["要件ID", "要件"]);
        let s = sheet("要件一覧", &rows);
        assert_eq!(detect_header(&s, HeaderNeed::Matrix), None);
        assert_eq!(required_alias_cell(&s, HeaderNeed::Matrix), None);
        rows.remove(0);
        let s = sheet("要件一覧", &rows);
        assert_eq!(detect_header(&s, HeaderNeed::Matrix).unwrap().row, 19);
    }

    #[test]
    fn alias_of_a_required_field_is_evidence() {
        let s = sheet("要件一覧", &[&["表紙"], &["", "要件ID", "担当"]]);
        assert_eq!(detect_header(&s, HeaderNeed::Matrix), None);
        assert_eq!(
            required_alias_cell(&s, HeaderNeed::Matrix),
            Some((1, 1, "要件ID".to_string()))
        );
        // 備考 is an alias, but not of a required field.
        let s = sheet("表紙", &[&["備考", "なし"]]);
        assert_eq!(required_alias_cell(&s, HeaderNeed::Matrix), None);
    }
}
