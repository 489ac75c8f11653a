//! The prices workbook (SPEC §12): one row per vendor, its lifecycle price.
//!
//! A secretariat compiles the vendors' quotations (見積書) into one sheet:
//! a total, or the parts of one (初期費用, 移行費用, 年間運用費 …) over the
//! contract years, often in 千円 with the tax basis in the header note. The
//! names are typed by hand with the company form (`株式会社さくら電算`), so
//! rows are matched to the responses by [`VendorKeys`], and every row that
//! cannot be trusted — no amount, a zero, the other tax basis, a name with no
//! response, a second row — is an error row and gives no price: a price is
//! compared only when it is certainly the vendor's, in yen, on one basis.
//!
//! ```text
//!   提案価格一覧（5年間）
//!   事業者名           | 初期費用（千円・税抜） | 移行費用 | 年間運用費 | 契約期間
//!   株式会社さくら電算 | 12,000               | 3,000    | 9,600      | 5年
//! ```

use crate::blind::key::KeyNames;
use crate::model::{Finding, FindingKind, HeaderNeed, Prices, Severity, VendorPrice};
use crate::normalize::yen::read_cost_text;
use crate::normalize::{Found, VendorKeys, YenParse, nfkc};
use crate::read::header::VENDOR_ALIASES;
use crate::read::sheet_checks::{CheckedColumn, Reporter, for_each_table_sheet, report_formulas};
use crate::read::table::{Column, Schema, TableHeader, TaxNote};
use crate::read::workbook::{CellValue, Sheet, Workbook, cell_text};
use crate::settings::Settings;

const VENDOR: usize = 0;
const TOTAL: usize = 1;
const INITIAL: usize = 2;
const MIGRATION: usize = 3;
const ANNUAL: usize = 4;
const MONTHLY: usize = 5;
const YEARS: usize = 6;

/// The amount columns, in the order the breakdown is shown.
const AMOUNTS: [usize; 5] = [TOTAL, INITIAL, MIGRATION, ANNUAL, MONTHLY];

/// The prices table and its aliases (SPEC §12).
pub static PRICES: Schema = Schema {
    need: HeaderNeed::Prices,
    columns: &[
        Column {
            aliases: VENDOR_ALIASES,
            required: true,
        },
        Column {
            aliases: &[
                "提案価格",
                "見積価格",
                "見積金額",
                "総額",
                "合計金額",
                "入札価格",
                "Total",
                "Price",
                "Bid",
            ],
            required: false,
        },
        Column {
            aliases: &[
                "初期費用",
                "導入費用",
                "導入費",
                "構築費用",
                "Initial",
                "Setup",
            ],
            required: false,
        },
        Column {
            aliases: &["移行費用", "データ移行費用", "移行費", "Migration"],
            required: false,
        },
        Column {
            aliases: &[
                "年額",
                "年間費用",
                "年間運用費",
                "運用保守費",
                "保守費",
                "年間利用料",
                "Annual",
            ],
            required: false,
        },
        Column {
            aliases: &["月額", "月額利用料", "月額費用", "Monthly"],
            required: false,
        },
        Column {
            aliases: &["契約期間", "期間", "年数", "Years", "Term"],
            required: false,
        },
    ],
};

/// One price row as read, before it is matched to a vendor.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceRow {
    pub written: String,
    pub sheet: String,
    pub sheet_index: usize,
    /// 0-based row and the vendor cell's column.
    pub row: u32,
    pub col: u32,
    /// `None` when the row is an error row (already reported).
    pub price: Option<VendorPrice>,
}

/// Reads every price row of the workbook. `file_order` goes into
/// `Finding.order.0` so findings sort by input file.
pub fn read_price_rows(
    wb: &Workbook,
    settings: &Settings,
    file_order: usize,
    findings: &mut Vec<Finding>,
) -> Vec<PriceRow> {
    let mut r = Reporter::new(&wb.file, file_order, findings);
    let mut rows = Vec::new();
    for_each_table_sheet(&mut r, wb, &PRICES, |r, sheet, header| {
        read_sheet(r, sheet, header, settings, &mut rows);
    });
    rows
}

fn read_sheet(
    r: &mut Reporter,
    sheet: &Sheet,
    header: &TableHeader,
    settings: &Settings,
    out: &mut Vec<PriceRow>,
) {
    let vendor_col = header.col(VENDOR).expect("the vendor column is required");
    // A total or a part computed by a formula is read as last calculated:
    // a workbook saved by a program that does not calculate reads it blank.
    let amounts: Vec<CheckedColumn> = (AMOUNTS.iter())
        .filter_map(|&i| header.col(i))
        .map(CheckedColumn::cost)
        .collect();
    report_formulas(r, sheet, header.row, &amounts);
    for row in sheet.rows.iter().filter(|row| row.index > header.row) {
        let written = cell_text(row.get(vendor_col)).trim().to_string();
        let any_amount = AMOUNTS
            .iter()
            .filter_map(|&i| header.col(i))
            .any(|c| !row.get(c).is_blank());
        if written.is_empty() {
            if any_amount {
                let finding = r
                    .on(sheet, Severity::Error, FindingKind::PriceWithoutVendor)
                    .at_cell(row.index, vendor_col);
                r.push(finding);
            }
            continue;
        }
        let reading = RowReading {
            sheet,
            header,
            settings,
            row: row.index,
            written: &written,
        };
        let price = reading.price(r, |col| row.get(col));
        out.push(PriceRow {
            written,
            sheet: sheet.name.clone(),
            sheet_index: sheet.index,
            row: row.index,
            col: vendor_col,
            price,
        });
    }
}

/// The reading of one price row.
struct RowReading<'a> {
    sheet: &'a Sheet,
    header: &'a TableHeader,
    settings: &'a Settings,
    row: u32,
    written: &'a str,
}

impl RowReading<'_> {
    fn error(&self, r: &mut Reporter, col: u32, kind: FindingKind, value: &str) {
        let finding = r
            .on(self.sheet, Severity::Error, kind)
            .at_cell(self.row, col)
            .with_value(value);
        r.push(finding);
    }

    fn warn(&self, r: &mut Reporter, col: u32, kind: FindingKind, value: &str) {
        let finding = r
            .on(self.sheet, Severity::Warning, kind)
            .at_cell(self.row, col)
            .with_value(value);
        r.push(finding);
    }

    /// The row's price, or `None` after reporting why it has none.
    fn price<'c>(
        &self,
        r: &mut Reporter,
        get: impl Fn(u32) -> &'c CellValue,
    ) -> Option<VendorPrice> {
        let mut amounts: [Option<f64>; 7] = [None; 7];
        let mut ok = true;
        let expected = self.settings.tax_basis.as_str();
        for &i in &AMOUNTS {
            let Some(col) = self.header.col(i) else {
                continue;
            };
            let value = get(col);
            let note = self.header.amount_note(i);
            let read = match amount(value, note.scale) {
                Ok(read) => read,
                Err(()) => {
                    let column = header_text(self.header, col);
                    let text = cell_text(value);
                    self.error(r, col, FindingKind::PriceUnreadable { column }, &text);
                    ok = false;
                    continue;
                }
            };
            amounts[i] = read.yen;
            if read.approximate {
                self.warn(r, col, FindingKind::ApproximateCost, &cell_text(value));
            }
            if let Some((low, high)) = read.range {
                let kind = FindingKind::CostRange { low, high };
                self.warn(r, col, kind, &cell_text(value));
            }
            let tax = read.tax.or(note.tax);
            if let Some(tax) = tax.filter(|t| amounts[i].is_some() && t.key() != expected) {
                let kind = FindingKind::PriceTaxBasis {
                    found: tax.key().to_string(),
                    expected: expected.to_string(),
                };
                self.error(r, col, kind, &cell_text(value));
                ok = false;
            }
        }
        let years = match self.header.col(YEARS).map(|c| (c, get(c))) {
            Some((col, value)) if !value.is_blank() => match years_of(value) {
                Some(y) => Some(y),
                None => {
                    let column = header_text(self.header, col);
                    self.error(
                        r,
                        col,
                        FindingKind::PriceUnreadable { column },
                        &cell_text(value),
                    );
                    ok = false;
                    None
                }
            },
            _ => None,
        };
        if !ok {
            return None;
        }
        let parts = [INITIAL, MIGRATION, ANNUAL, MONTHLY];
        if amounts[TOTAL].is_none() && parts.iter().all(|&i| amounts[i].is_none()) {
            let col = self.header.col(VENDOR).expect("a vendor column");
            self.error(r, col, FindingKind::PriceWithoutAmount, self.written);
            return None;
        }
        let years_given = years.is_some();
        let years = years.unwrap_or(f64::from(self.settings.award.years));
        let part = |i: usize| amounts[i].unwrap_or(0.0);
        let price = amounts[TOTAL].unwrap_or_else(|| {
            part(INITIAL) + part(MIGRATION) + part(ANNUAL) * years + part(MONTHLY) * 12.0 * years
        });
        if price <= 0.0 {
            let col = (self.header.col(TOTAL))
                .filter(|_| amounts[TOTAL].is_some())
                .or(self.header.col(VENDOR))
                .expect("a vendor column");
            self.error(r, col, FindingKind::PriceZero, self.written);
            return None;
        }
        Some(VendorPrice {
            written: self.written.to_string(),
            sheet: self.sheet.name.clone(),
            row: self.row + 1,
            total: amounts[TOTAL],
            initial: amounts[INITIAL],
            migration: amounts[MIGRATION],
            annual: amounts[ANNUAL],
            monthly: amounts[MONTHLY],
            years,
            years_given,
            price,
        })
    }
}

/// The header cell of a column as written, for a finding.
fn header_text(header: &TableHeader, col: u32) -> String {
    (header.headers.iter())
        .find(|(c, _)| *c == col)
        .map_or_else(String::new, |(_, text)| text.clone())
}

/// An amount cell as read: yen, the tax word written in it, and what a
/// person should check (an estimate, a range).
struct Amount {
    yen: Option<f64>,
    tax: Option<TaxNote>,
    approximate: bool,
    range: Option<(f64, f64)>,
}

/// An amount cell in yen, read as a §3.3 cost: `yen` is `None` when blank
/// (a part not quoted), `Err` when it is not an amount. Numbers and bare
/// numeric text take the header's unit; text with a unit of its own
/// (`120万円`) is yen as written; a tax word, a closing `-`, `約` and a range
/// (its upper end) are read as vendors write them.
fn amount(value: &CellValue, scale: f64) -> Result<Amount, ()> {
    let plain = |yen: Option<f64>| Amount {
        yen,
        tax: None,
        approximate: false,
        range: None,
    };
    match value {
        CellValue::Empty => Ok(plain(None)),
        CellValue::Number(v) if v.is_finite() && *v >= 0.0 => Ok(plain(Some(v * scale))),
        CellValue::Text(text) => {
            let read = read_cost_text(text);
            let unit = match read.parse {
                YenParse::Amount { plain: true, .. } => scale,
                _ => 1.0,
            };
            let yen = match read.parse {
                YenParse::Amount { yen, .. } => Some(yen * unit),
                YenParse::NotStated => None,
                YenParse::Unparseable => return Err(()),
            };
            Ok(Amount {
                yen,
                tax: read.tax.and_then(TaxNote::in_text),
                approximate: read.approximate,
                range: read.range.map(|(low, high)| (low * unit, high * unit)),
            })
        }
        _ => Err(()),
    }
}

/// Contract years: a number > 0, or text such as `5年` / `5 years` / `60か月`.
fn years_of(value: &CellValue) -> Option<f64> {
    let years = match value {
        CellValue::Number(v) => *v,
        CellValue::Text(text) => {
            let s: String = nfkc(text).chars().filter(|c| !c.is_whitespace()).collect();
            let s = s.to_lowercase();
            let months = ["か月", "ヶ月", "ヵ月", "カ月", "月", "months"]
                .iter()
                .find_map(|unit| s.strip_suffix(unit));
            match months {
                Some(n) => n.parse::<f64>().ok()? / 12.0,
                None => {
                    let n = ["年間", "年", "years", "year"]
                        .iter()
                        .find_map(|unit| s.strip_suffix(unit))
                        .unwrap_or(&s);
                    n.parse::<f64>().ok()?
                }
            }
        }
        _ => return None,
    };
    (years.is_finite() && years > 0.0).then_some(years)
}

/// Matches the price rows to the evaluated vendors (`names`, in
/// `Inputs::vendors` order) and reports every mismatch: a row naming no
/// vendor evaluated (or two), a second row for a vendor, and each vendor
/// without a row; through `key`, a row may name a blind copy's vendor by its
/// real name. `file_order` as in [`read_price_rows`].
pub fn match_prices(
    file: &str,
    rows: Vec<PriceRow>,
    names: &[&str],
    key: Option<&KeyNames>,
    file_order: usize,
    findings: &mut Vec<Finding>,
) -> Prices {
    let keys = VendorKeys::new(names.iter().copied());
    let mut by_vendor: Vec<Option<VendorPrice>> = vec![None; names.len()];
    // The first row seen for each vendor (1-based), error row or not.
    let mut first_row: Vec<Option<u32>> = vec![None; names.len()];
    let place = |row: &PriceRow, kind: FindingKind| {
        let mut finding = Finding::file(file, Severity::Error, kind)
            .on_sheet(&row.sheet, row.sheet_index)
            .at_cell(row.row, row.col)
            .with_value(row.written.clone());
        finding.order.0 = file_order;
        finding
    };
    for row in rows {
        // On blind copies the vendors are labels; the prices name companies.
        let written = key.and_then(|k| k.find(&row.written));
        let vendor = match keys.find(written.unwrap_or(&row.written)) {
            Some(Found::One(v)) => v,
            Some(Found::Ambiguous) => {
                let kind = FindingKind::PriceAmbiguousVendor {
                    vendor: row.written.clone(),
                };
                findings.push(place(&row, kind));
                continue;
            }
            None => {
                let kind = FindingKind::PriceUnknownVendor {
                    vendor: row.written.clone(),
                };
                findings.push(place(&row, kind));
                continue;
            }
        };
        if let Some(first) = first_row[vendor] {
            // Neither row is trusted: which one the vendor meant is for the
            // secretariat to settle.
            let kind = FindingKind::PriceDuplicate {
                vendor: names[vendor].to_string(),
                first_row: first,
            };
            findings.push(place(&row, kind));
            by_vendor[vendor] = None;
            continue;
        }
        first_row[vendor] = Some(row.row + 1);
        by_vendor[vendor] = row.price;
    }
    for (v, name) in names.iter().enumerate() {
        if first_row[v].is_none() {
            let kind = FindingKind::PriceMissing {
                vendor: name.to_string(),
            };
            let mut finding = Finding::file(file, Severity::Error, kind).with_value(*name);
            finding.order = (file_order, usize::MAX, u32::MAX, v as u32);
            findings.push(finding);
        }
    }
    Prices {
        file: file.to_string(),
        by_vendor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::testkit::{sheet, workbook};

    fn read(rows: &[&[&str]], settings: &Settings) -> (Vec<PriceRow>, Vec<Finding>) {
        let wb = workbook("価格.xlsx", vec![sheet("価格", rows)]);
        let mut findings = Vec::new();
        let rows = read_price_rows(&wb, settings, 9, &mut findings);
        (rows, findings)
    }

    fn kinds(findings: &[Finding]) -> Vec<(&str, &FindingKind)> {
        findings
            .iter()
            .map(|f| (f.cell.as_deref().unwrap_or(""), &f.kind))
            .collect()
    }

    #[test]
    fn the_schema_is_unambiguous() {
        PRICES.assert_unambiguous();
    }

    #[test]
    fn parts_in_thousands_over_the_years_make_the_lifecycle_price() {
        let (rows, findings) = read(
            &[
                &["提案価格一覧（5年間）"],
                &[
                    "事業者名",
                    "初期費用（千円・税抜）",
                    "移行費用（千円）",
                    "年間運用費（千円）",
                    "月額（千円）",
                    "契約期間",
                ],
                &["株式会社さくら電算", "12,000", "3000", "9600", "", "5年"],
                &[
                    "北日本情報システム㈱",
                    "10000",
                    "-",
                    "'8000",
                    "100",
                    "'６年",
                ],
                &["中央ITセンター", "120万円", "", "", "", ""],
            ],
            &Settings::default(),
        );
        assert!(findings.is_empty(), "{findings:?}");
        let p = rows[0].price.as_ref().unwrap();
        assert_eq!(p.price, 12_000_000.0 + 3_000_000.0 + 9_600_000.0 * 5.0);
        assert_eq!((p.years, p.years_given, p.row), (5.0, true, 3));
        let p = rows[1].price.as_ref().unwrap();
        assert_eq!(p.migration, None);
        assert_eq!(
            p.price,
            10_000_000.0 + 6.0 * 8_000_000.0 + 6.0 * 12.0 * 100_000.0
        );
        // Text with a unit of its own is yen as written; no years: `award.years`.
        let p = rows[2].price.as_ref().unwrap();
        assert_eq!((p.price, p.years, p.years_given), (1_200_000.0, 5.0, false));
    }

    #[test]
    fn a_total_wins_over_the_parts() {
        let (rows, _) = read(
            &[
                &["提案者", "提案価格（万円）", "初期費用"],
                &["A社", "4,500", "999"],
            ],
            &Settings::default(),
        );
        assert_eq!(rows[0].price.as_ref().unwrap().price, 45_000_000.0);
    }

    #[test]
    fn rows_without_an_amount_a_zero_or_unreadable_text_are_error_rows() {
        let (rows, findings) = read(
            &[
                &["提案者", "提案価格", "初期費用", "年数"],
                &["A社", "", "", ""],
                &["B社", "0", "", ""],
                &["C社", "別途見積", "", ""],
                &["D社", "", "100", "十年"],
                &["", "500", "", ""],
            ],
            &Settings::default(),
        );
        assert!(rows.iter().all(|r| r.price.is_none()));
        assert_eq!(rows.len(), 4);
        assert_eq!(
            kinds(&findings),
            vec![
                ("A2", &FindingKind::PriceWithoutAmount),
                ("B3", &FindingKind::PriceZero),
                (
                    "B4",
                    &FindingKind::PriceUnreadable {
                        column: "提案価格".into()
                    }
                ),
                (
                    "D5",
                    &FindingKind::PriceUnreadable {
                        column: "年数".into()
                    }
                ),
                ("A6", &FindingKind::PriceWithoutVendor),
            ]
        );
        assert!(findings.iter().all(|f| f.severity == Severity::Error));
    }

    #[test]
    fn a_price_on_the_other_tax_basis_is_an_error_row() {
        let taxed = FindingKind::PriceTaxBasis {
            found: "税込".into(),
            expected: "税抜".into(),
        };
        // The header note says 税込 while the settings compare 税抜.
        let (rows, findings) = read(
            &[&["提案者", "提案価格（千円・税込）"], &["A社", "1000"]],
            &Settings::default(),
        );
        assert_eq!(rows[0].price, None);
        assert_eq!(kinds(&findings), vec![("B2", &taxed)]);
        // A note in the cell says so for that row alone.
        let (rows, findings) = read(
            &[
                &["提案者", "提案価格"],
                &["A社", "1,100万円（税込）"],
                &["B社", "1,000万円（税抜）"],
            ],
            &Settings::default(),
        );
        assert_eq!(rows[0].price, None);
        assert_eq!(rows[1].price.as_ref().unwrap().price, 10_000_000.0);
        assert_eq!(kinds(&findings), vec![("B2", &taxed)]);
        // Under tax_basis = 税込 the 税込 row is the one compared.
        let settings = Settings {
            tax_basis: "税込".into(),
            ..Settings::default()
        };
        let (rows, _) = read(
            &[&["提案者", "提案価格"], &["A社", "1,100万円（税込）"]],
            &settings,
        );
        assert_eq!(rows[0].price.as_ref().unwrap().price, 11_000_000.0);
    }

    #[test]
    fn names_with_company_forms_match_and_every_mismatch_is_a_row() {
        let (rows, mut findings) = read(
            &[
                &["会社名", "総額"],
                &["株式会社さくら電算", "5000"],
                &["ひかり情報", "4000"],
                &["Sakura Densan Co., Ltd.", "4500"],
                &["さくら電算（株）", "5100"],
            ],
            &Settings::default(),
        );
        assert!(findings.is_empty());
        let names = ["さくら電算", "東和システムサービス", "sakura densan"];
        let prices = match_prices("価格.xlsx", rows, &names, None, 9, &mut findings);
        let got: Vec<Option<f64>> = (prices.by_vendor.iter())
            .map(|p| p.as_ref().map(|p| p.price))
            .collect();
        // さくら電算 has two rows: neither is trusted.
        assert_eq!(got, vec![None, None, Some(4500.0)]);
        assert_eq!(
            kinds(&findings),
            vec![
                (
                    "A3",
                    &FindingKind::PriceUnknownVendor {
                        vendor: "ひかり情報".into()
                    }
                ),
                (
                    "A5",
                    &FindingKind::PriceDuplicate {
                        vendor: "さくら電算".into(),
                        first_row: 2
                    }
                ),
                (
                    "",
                    &FindingKind::PriceMissing {
                        vendor: "東和システムサービス".into()
                    }
                ),
            ]
        );
        assert!(findings.iter().all(|f| f.severity == Severity::Error));
    }

    #[test]
    fn amounts_as_vendors_write_them_are_read_and_the_estimates_said() {
        let (rows, findings) = read(
            &[
                &["提案者", "提案価格（千円）"],
                &["A社", "¥48,000,000-"],
                &["B社", "約5,000"],
                &["C社", "4,000～4,500"],
            ],
            &Settings::default(),
        );
        let prices: Vec<f64> = (rows.iter())
            .map(|r| r.price.as_ref().unwrap().price)
            .collect();
        // The 千円 note scales bare numbers and ranges, not yen written as such.
        assert_eq!(prices, vec![48_000_000.0, 5_000_000.0, 4_500_000.0]);
        assert_eq!(
            kinds(&findings),
            vec![
                ("B3", &FindingKind::ApproximateCost),
                (
                    "B4",
                    &FindingKind::CostRange {
                        low: 4_000_000.0,
                        high: 4_500_000.0
                    }
                ),
            ]
        );
        assert!(findings.iter().all(|f| f.severity == Severity::Warning));
    }

    #[test]
    fn a_formula_in_an_amount_is_reported() {
        let mut s = sheet(
            "価格",
            &[&["提案者", "提案価格", "備考"], &["A社", "1000", "x"]],
        );
        s.formulas = vec![(1, 1, "SUM(C5:C9)".into()), (1, 2, "A1".into())];
        let wb = workbook("価格.xlsx", vec![s]);
        let mut findings = Vec::new();
        read_price_rows(&wb, &Settings::default(), 9, &mut findings);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].cell.as_deref(), Some("B2"));
        assert_eq!(findings[0].severity, Severity::Warning);
    }

    #[test]
    fn years_as_written() {
        let y = |s: &str| years_of(&crate::read::testkit::cell(s));
        assert_eq!(y("5"), Some(5.0));
        assert_eq!(y("5年"), Some(5.0));
        assert_eq!(y("５年間"), Some(5.0));
        assert_eq!(y("60か月"), Some(5.0));
        assert_eq!(y("0"), None);
        assert_eq!(y("五年"), None);
    }
}
