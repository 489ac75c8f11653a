//! F07 brand_in_text: the requirement text names a participating vendor or a
//! product or company from `brand_terms`.
//!
//! Why: a requirement that names a product (「〇〇システムと同等」) is written
//! around that vendor. Texts and terms are compared after NFKC, lower-casing
//! and removing white space; any term matches exactly, and a term of four
//! characters or more also nearly (similarity ≥ `f07_similarity` against a
//! window of the text of the term's length), to catch 「ふじみクラウト」 for
//! 「ふじみクラウド」. One flag per requirement; `term` is the first term
//! found (vendor names in vendor order, then `brand_terms` in order) and
//! `vendors` every vendor whose name was found.
//! Exclusion: a term under four characters matches only exactly (「A社」
//! near 「B社」 would flag every text).

use std::cell::OnceCell;

use crate::model::{Brand, Flag, FlagCode, FlagDetail, FlagSeverity, Lang};
use crate::normalize::compare_key;
use crate::settings::Settings;

use super::{RequirementView, Say, Text, join};
use crate::analyze::Context;
use crate::analyze::similarity::NearTerm;

/// One term to look for.
struct Term {
    /// A vendor (by its name) or a `brand_terms` entry.
    brand: Brand,
    key: String,
    near: Option<NearTerm>,
}

/// The vendor names and brand terms, prepared once for every requirement.
pub(crate) struct BrandTerms {
    terms: Vec<Term>,
}

impl BrandTerms {
    pub fn new(ctx: &Context) -> BrandTerms {
        let vendors = ctx.scored.results.iter().map(|r| {
            let name = ctx.inputs.vendors[r.vendor.index()].name.as_str();
            (name, Brand::Vendor(r.vendor))
        });
        BrandTerms::of(vendors.chain(brands(ctx.settings)), ctx.settings)
    }

    /// Only the settings' `brand_terms`: what can be looked for before any
    /// vendor has answered (`template`, before the form goes out).
    pub fn of_settings(settings: &Settings) -> BrandTerms {
        BrandTerms::of(brands(settings), settings)
    }

    fn of<'a>(named: impl Iterator<Item = (&'a str, Brand)>, settings: &Settings) -> BrandTerms {
        let threshold = settings.f07_similarity;
        let terms = named
            .filter_map(|(written, brand)| {
                let key = compare_key(written);
                if key.is_empty() {
                    return None;
                }
                Some(Term {
                    brand,
                    near: NearTerm::new(&key, threshold),
                    key,
                })
            })
            .collect();
        BrandTerms { terms }
    }

    /// The first term a requirement text holds, as written or nearly, the
    /// way F07 finds it.
    pub fn first_in(&self, text: &str) -> Option<&Brand> {
        let key = compare_key(text);
        let chars = OnceCell::new();
        (self.terms.iter())
            .find(|term| find(term, &key, &chars).is_some())
            .map(|term| &term.brand)
    }

    pub fn check(&self, row: &RequirementView, out: &mut Vec<Flag>) {
        let mut first: Option<(&Term, Option<String>)> = None;
        let mut vendors = Vec::new();
        // Split into characters only if some term's piece is found.
        let chars = OnceCell::new();
        for term in &self.terms {
            // Once a term is found, only vendor names can still add to the flag.
            let vendor = match term.brand {
                Brand::Vendor(v) => Some(v),
                Brand::Term(_) => None,
            };
            if first.is_some() && vendor.is_none() {
                break;
            }
            let Some(found) = find(term, &row.text_key, &chars) else {
                continue;
            };
            vendors.extend(vendor);
            if first.is_none() {
                first = Some((term, found));
            }
        }
        let Some((term, near)) = first else {
            return;
        };
        let detail = FlagDetail::Brand {
            term: term.brand.clone(),
            near,
        };
        let severity = FlagSeverity::of(row.requirement.priority);
        out.push(row.flag(FlagCode::F07, severity, vendors, detail));
    }
}

/// The settings' `brand_terms`, each as the term it is.
fn brands(settings: &Settings) -> impl Iterator<Item = (&str, Brand)> {
    (settings.brand_terms.iter()).map(|t| (t.as_str(), Brand::Term(t.clone())))
}

/// How `term` is in the text: `Some(None)` as written, `Some(Some(window))`
/// nearly; `chars` are the characters of `text_key`, once split.
fn find(term: &Term, text_key: &str, chars: &OnceCell<Vec<char>>) -> Option<Option<String>> {
    if text_key.contains(&term.key) {
        return Some(None);
    }
    term.near.as_ref()?.find(text_key, chars).map(Some)
}

/// The name F07 found, as shown: a vendor as the roster names it.
pub(super) fn term_words<'a>(term: &'a Brand, say: &Say<'a>) -> &'a str {
    match term {
        Brand::Vendor(v) => say.vendor(*v),
        Brand::Term(t) => t,
    }
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let lang = say.lang;
    let (requirement, _) = say.requirement(flag);
    let id = &requirement.id;
    let FlagDetail::Brand { term, near } = &flag.detail else {
        unreachable!("F07 carries the name found")
    };
    let written = term_words(term, say);
    let vendors = say.vendors(&flag.vendors);
    let is_vendor = matches!(term, Brand::Vendor(_));
    let what = match (lang, is_vendor) {
        (Lang::Ja, true) => "参加ベンダーの名称",
        (Lang::Ja, false) => "製品名・社名",
        (Lang::En, true) => "the name of a participating vendor",
        (Lang::En, false) => "the product or company name",
    };
    let mut message = match (lang, near) {
        (Lang::Ja, None) => {
            format!("要件 {id} の文言に{what}「{written}」が含まれています。")
        }
        (Lang::Ja, Some(window)) => {
            format!("要件 {id} の文言に{what}「{written}」に近い表記「{window}」が含まれています。")
        }
        (Lang::En, None) => {
            format!("The text of requirement {id} contains {what} “{written}”.")
        }
        (Lang::En, Some(window)) => {
            format!(
                "The text of requirement {id} contains “{window}”, close to {what} “{written}”."
            )
        }
    };
    if vendors.len() > 1 {
        message.push_str(&match lang {
            Lang::Ja => format!("該当するベンダーは {} です。", join(lang, &vendors)),
            Lang::En => format!(" Vendors named: {}.", join(lang, &vendors)),
        });
    }
    let recommendation = lang.pick(
        "製品名や社名を含む要件は、そのベンダーを有利にします。名称を削除し、求める機能や目的で書き直してください。",
        "Naming a product or company favours that vendor. Remove the name and state the function or purpose instead.",
    );
    Text {
        message,
        recommendation: recommendation.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze::fixture::*;
    use crate::model::{FlagCode, FlagSeverity, Lang};

    fn brand(terms: &[&str]) -> impl FnOnce(&mut crate::settings::Settings) {
        let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
        move |s| s.brand_terms = terms
    }

    #[test]
    fn vendor_name_in_the_text() {
        let a = Case::new()
            .req("JR-070", M, 3.0)
            .text("B社の現行システムと同じ画面構成であること")
            .vendor("A社", "◎")
            .vendor("B社", "◎")
            .run();
        let f07 = flags_of(&a, FlagCode::F07);
        assert_eq!(f07.len(), 1);
        assert_eq!(f07[0].severity, FlagSeverity::High);
        assert_eq!(f07[0].term.as_deref(), Some("B社"));
        assert_eq!(names(&f07[0].vendors), vec!["B社"]);
        assert_eq!(
            f07[0].message,
            "要件 JR-070 の文言に参加ベンダーの名称「B社」が含まれています。"
        );
    }

    #[test]
    fn one_flag_naming_every_vendor_found_and_the_first_term() {
        // C社 ranks first, so its name is the first term looked for.
        let a = Case::new()
            .req("JR-070", D, 2.0)
            .text("ｆｕｊｉｍｉ ｃｌｏｕｄ 又は A社・C社 製品と互換であること")
            .req("JR-071", D, 2.0)
            .vendor("A社", "△◎")
            .vendor("B社", "△◎")
            .vendor("C社", "◎◎")
            .with(brand(&["Fujimi Cloud"]))
            .run();
        let f07 = flags_of(&a, FlagCode::F07);
        assert_eq!(f07.len(), 1);
        assert_eq!(f07[0].severity, FlagSeverity::Medium);
        assert_eq!(f07[0].term.as_deref(), Some("C社"));
        assert_eq!(names(&f07[0].vendors), vec!["C社", "A社"]);
        assert_eq!(
            f07[0].message,
            "要件 JR-070 の文言に参加ベンダーの名称「C社」が含まれています。該当するベンダーは C社、A社 です。"
        );
    }

    #[test]
    fn brand_term_after_normalization() {
        let a = Case::new()
            .req("JR-070", O, 1.0)
            .text("ｆｕｊｉｍｉ ｃｌｏｕｄ と連携できること")
            .vendor("A社", "◎")
            .with(brand(&["Fujimi Cloud"]))
            .run_in(Lang::En);
        let f = &flags_of(&a, FlagCode::F07)[0];
        assert_eq!(f.severity, FlagSeverity::Low);
        assert_eq!(f.term.as_deref(), Some("Fujimi Cloud"));
        assert!(f.vendors.is_empty());
        assert_eq!(
            f.message,
            "The text of requirement JR-070 contains the product or company name “Fujimi Cloud”."
        );
    }

    #[test]
    fn near_match_at_the_threshold_is_raised_and_below_is_not() {
        // 20 characters: three edits give 1 − 3/20 = 0.85, four give 0.80.
        let term = "住民記録システム標準仕様書準拠パッケージ";
        assert_eq!(term.chars().count(), 20);
        let case = |text: &str| {
            Case::new()
                .req("JR-070", D, 2.0)
                .text(text)
                .vendor("A社", "◎")
                .with(brand(&[term]))
        };
        let three = case("住民基録システム標準使用書準拠パッケージを導入すること").run();
        let f = &flags_of(&three, FlagCode::F07)[0];
        assert_eq!(f.term.as_deref(), Some(term));
        assert_eq!(
            f.message,
            "要件 JR-070 の文言に製品名・社名「住民記録システム標準仕様書準拠パッケージ」に近い表記「住民基録システム標準使用書準拠パッケージ」が含まれています。"
        );
        let four = case("住民基録システム標準使用書準拠パッケーヅを導入すること");
        assert!(flags_of(&four.run(), FlagCode::F07).is_empty());
        let lower = four.with(|s| s.f07_similarity = 0.8);
        assert_eq!(flags_of(&lower.run(), FlagCode::F07).len(), 1);
    }

    #[test]
    fn vendor_name_nearly_in_the_text() {
        // 厶 (U+5376) looks like ム: one edit in eight characters, 0.875.
        let a = Case::new()
            .req("JR-070", M, 3.0)
            .text("○○情報システ厶社製の帳票と同一の様式であること")
            .vendor("○○情報システム", "◎")
            .vendor("△△ソリューションズ", "◎")
            .run();
        let f = &flags_of(&a, FlagCode::F07)[0];
        assert_eq!(f.term.as_deref(), Some("○○情報システム"));
        assert_eq!(names(&f.vendors), vec!["○○情報システム"]);
        assert_eq!(
            f.message,
            "要件 JR-070 の文言に参加ベンダーの名称「○○情報システム」に近い表記「○○情報システ厶」が含まれています。"
        );
    }

    #[test]
    fn seven_characters_allow_one_edit_at_the_default() {
        let case = |text: &str| {
            Case::new()
                .req("JR-070", D, 2.0)
                .text(text)
                .vendor("A社", "◎")
                .with(brand(&["ふじみクラウド"]))
                .run()
        };
        assert_eq!(
            flags_of(&case("ふじみクラウトと連携すること"), FlagCode::F07).len(),
            1
        );
        assert!(flags_of(&case("ふしみクラウトと連携すること"), FlagCode::F07).is_empty());
    }

    #[test]
    fn short_terms_match_only_exactly() {
        let case = |text: &str| {
            Case::new()
                .req("JR-070", D, 2.0)
                .text(text)
                .vendor("A社", "◎")
                .with(brand(&["ＡＢＣ"]))
                .with(|s| s.f07_similarity = 0.0)
        };
        assert!(flags_of(&case("ABD方式で出力すること").run(), FlagCode::F07).is_empty());
        let exact = case("abc方式で出力すること").run();
        assert_eq!(
            flags_of(&exact, FlagCode::F07)[0].term.as_deref(),
            Some("ＡＢＣ")
        );
    }

    #[test]
    fn not_raised_without_names_and_blank_terms_are_ignored() {
        let a = Case::new()
            .req("JR-070", D, 2.0)
            .text("住民票の写しを交付できること")
            .vendor("A社", "◎")
            .with(brand(&["  ", "ふじみクラウド"]))
            .run();
        assert!(flags_of(&a, FlagCode::F07).is_empty());
    }
}
