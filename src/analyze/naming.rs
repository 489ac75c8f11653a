//! Requirements that name a product or company, found before the response
//! form goes out (SPEC §8.4, `template`).
//!
//! No vendor has answered yet, so F07 cannot be raised on vendor names;
//! what can be known is whether the text holds one of the settings'
//! `brand_terms` (matched as F07 matches them), and whether the matrix is a
//! draft whose flags column already says F07. Either way the secretariat
//! should rewrite the requirement before vendors answer it; the form is
//! still written, since the decision is theirs.

use std::collections::HashSet;

use crate::analyze::flags::BrandTerms;
use crate::model::{Brand, ReqIx, Requirement};
use crate::settings::Settings;

/// A requirement that names a product or company, and how that is known.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub requirement: ReqIx,
    /// The first `brand_terms` entry its text holds.
    pub term: Option<String>,
    /// Its row of a draft's flags column holds F07.
    pub draft_flag: bool,
}

/// Every requirement whose text holds a `brand_terms` entry or whose row is
/// in `draft_f07` (sheet name, 1-based row), in matrix order.
pub fn named_requirements(
    requirements: &[Requirement],
    settings: &Settings,
    draft_f07: &HashSet<(String, u32)>,
) -> Vec<Named> {
    let terms = BrandTerms::of_settings(settings);
    (requirements.iter().enumerate())
        .filter_map(|(i, req)| {
            let term = match terms.first_in(&req.text) {
                Some(Brand::Term(t)) => Some(t.clone()),
                _ => None,
            };
            let draft_flag = draft_f07.contains(&(req.sheet.clone(), req.row));
            (term.is_some() || draft_flag).then_some(Named {
                requirement: ReqIx::new(i),
                term,
                draft_flag,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Priority;

    fn req(id: &str, text: &str, row: u32) -> Requirement {
        Requirement {
            id: id.into(),
            area: "住民記録".into(),
            category: String::new(),
            text: text.into(),
            priority: Priority::Mandatory,
            weight: 3.0,
            sheet: "住民記録".into(),
            row,
        }
    }

    #[test]
    fn terms_as_f07_finds_them_and_draft_flags() {
        let requirements = [
            req("JR-001", "住民票の写しを交付できること。", 2),
            // Full-width and spaced: the same term after NFKC.
            req("JR-002", "ｻｸﾗ住記 Plus と同等の画面で入力できること。", 3),
            req("JR-003", "転出証明書を発行できること。", 4),
        ];
        let settings = Settings {
            brand_terms: vec!["さくら住記Plus".into(), "サクラ住記Plus".into()],
            ..Settings::default()
        };
        let flagged: HashSet<(String, u32)> = [("住民記録".to_string(), 4)].into();
        let named = named_requirements(&requirements, &settings, &flagged);
        assert_eq!(
            named,
            vec![
                Named {
                    requirement: ReqIx::new(1),
                    term: Some("サクラ住記Plus".into()),
                    draft_flag: false,
                },
                Named {
                    requirement: ReqIx::new(2),
                    term: None,
                    draft_flag: true,
                },
            ]
        );
        // No terms, no draft: nothing to warn about.
        let none = named_requirements(&requirements, &Settings::default(), &HashSet::new());
        assert!(none.is_empty());
    }
}
