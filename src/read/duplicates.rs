//! Responses received twice (SPEC §7).
//!
//! A secretariat collects responses by mail and shared folders; the same
//! workbook often arrives twice under two names (`A社.xlsx`, `A社_再送.xlsx`),
//! and one company sometimes sends two versions. Evaluated as they are, three
//! copies of one response are three vendors tied first: the compliant count,
//! and with it the low-competition and sole-capable flags, would be wrong.
//! So a byte-identical copy is not evaluated (an error row naming both
//! files), and two responses whose covers name one company are told (a
//! warning: which one counts is the committee's call).

use std::collections::HashMap;

use crate::model::{Finding, FindingKind, Severity};
use crate::normalize::vendor_key;

/// What a received response says of itself, for the screening.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Received<'a> {
    /// The file name, as the record shows it.
    pub file: &'a str,
    pub sha256: &'a str,
    /// The company name on its cover, when it has one.
    pub company: Option<&'a str>,
    /// Its place among the inputs (`Finding.order.0`).
    pub order: usize,
}

/// Which responses are evaluated, and the rows that say why others are not.
#[derive(Debug, Default)]
pub(crate) struct Screened {
    /// By position in the responses given: false for a byte-identical copy
    /// of a response earlier in file-name order.
    pub evaluated: Vec<bool>,
    pub findings: Vec<Finding>,
}

/// Screens the responses: of byte-identical files the first in file-name
/// order is evaluated, every other is an error row naming it; among the
/// responses evaluated, a cover naming the same company (by
/// [`vendor_key`], so `株式会社さくら電算` and `さくら電算（株）` meet) as an
/// earlier response's is a warning row naming that response.
pub(crate) fn screen(received: &[Received]) -> Screened {
    let mut evaluated = vec![true; received.len()];
    let mut findings = Vec::new();
    // Hash → position of the response kept: the first in file-name order.
    let mut kept: HashMap<&str, usize> = HashMap::new();
    for (i, r) in received.iter().enumerate() {
        let first = kept.entry(r.sha256).or_insert(i);
        if received[*first].file > r.file {
            *first = i;
        }
    }
    for (i, r) in received.iter().enumerate() {
        let first = kept[r.sha256];
        if first == i {
            continue;
        }
        evaluated[i] = false;
        let kind = FindingKind::DuplicateFile {
            first_file: received[first].file.to_string(),
        };
        findings.push(at(r, Severity::Error, kind).with_value(r.sha256));
    }
    let mut companies: HashMap<String, usize> = HashMap::new();
    for (i, r) in received.iter().enumerate() {
        let Some(company) = r.company.filter(|c| !c.trim().is_empty()) else {
            continue;
        };
        if !evaluated[i] {
            continue;
        }
        let Some(&first) = companies.get(&vendor_key(company)) else {
            companies.insert(vendor_key(company), i);
            continue;
        };
        let kind = FindingKind::SameCompany {
            company: company.to_string(),
            other_file: received[first].file.to_string(),
        };
        findings.push(at(r, Severity::Warning, kind).with_value(company));
    }
    Screened {
        evaluated,
        findings,
    }
}

/// A row about a whole response, listed with that response's other rows.
fn at(r: &Received, severity: Severity, kind: FindingKind) -> Finding {
    let mut finding = Finding::file(r.file, severity, kind);
    finding.order.0 = r.order;
    finding
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received<'a>(file: &'a str, sha256: &'a str, company: Option<&'a str>) -> Received<'a> {
        Received {
            file,
            sha256,
            company,
            order: 0,
        }
    }

    #[test]
    fn the_first_identical_file_by_name_is_kept() {
        // Given out of name order: the kept file is the first by name.
        let given = [
            received("A社_再送.xlsx", "aa", None),
            received("B社.xlsx", "bb", None),
            received("A社.xlsx", "aa", None),
            received("A社_控え.xlsx", "aa", None),
        ];
        let s = screen(&given);
        assert_eq!(s.evaluated, [false, true, true, false]);
        let rows: Vec<(&str, Severity, &FindingKind)> = s
            .findings
            .iter()
            .map(|f| (f.file.as_str(), f.severity, &f.kind))
            .collect();
        let first = FindingKind::DuplicateFile {
            first_file: "A社.xlsx".into(),
        };
        assert_eq!(
            rows,
            [
                ("A社_再送.xlsx", Severity::Error, &first),
                ("A社_控え.xlsx", Severity::Error, &first),
            ]
        );
        assert_eq!(s.findings[0].value.as_deref(), Some("aa"));
    }

    #[test]
    fn two_covers_naming_one_company_are_a_warning() {
        let given = [
            received("さくら電算.xlsx", "aa", Some("株式会社さくら電算")),
            received("さくら電算_改訂版.xlsx", "bb", Some("さくら電算（株）")),
            received("みどり情報.xlsx", "cc", Some("みどり情報株式会社")),
            received("無記名.xlsx", "dd", None),
        ];
        let s = screen(&given);
        assert_eq!(s.evaluated, [true; 4]);
        assert_eq!(s.findings.len(), 1);
        let f = &s.findings[0];
        assert_eq!(
            (f.file.as_str(), f.severity),
            ("さくら電算_改訂版.xlsx", Severity::Warning)
        );
        assert_eq!(
            f.kind,
            FindingKind::SameCompany {
                company: "さくら電算（株）".into(),
                other_file: "さくら電算.xlsx".into()
            }
        );
    }

    #[test]
    fn an_identical_copy_is_not_also_a_same_company_warning() {
        let given = [
            received("A社.xlsx", "aa", Some("A社")),
            received("A社_再送.xlsx", "aa", Some("A社")),
        ];
        let s = screen(&given);
        assert_eq!(s.findings.len(), 1);
        assert!(matches!(
            s.findings[0].kind,
            FindingKind::DuplicateFile { .. }
        ));
    }
}
