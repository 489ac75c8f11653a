//! The key vendor names are matched by across files (SPEC §12, §11, §14).
//!
//! A vendor's name comes from its response's file stem; the prices sheet,
//! the committee's decisions and a share run write it again by hand, often
//! with the company form: `株式会社さくら電算`, `さくら電算（株）`,
//! `Sakura Densan Co., Ltd.`. The key drops what differs between such
//! spellings and nothing else, so two different companies never meet.

use unicode_normalization::UnicodeNormalization;

/// The Japanese company forms, after NFKC (which turns `㈱` into `(株)` and
/// full-width brackets into ASCII ones).
const JAPANESE_FORMS: [&str; 5] = ["株式会社", "(株)", "有限会社", "(有)", "合同会社"];

/// The English company forms, as whole words (`.` and `,` already split off).
const ENGLISH_FORMS: [&str; 3] = ["inc", "co", "ltd"];

/// The match key of a vendor name: NFKC, lower-cased, without the company
/// forms 株式会社, (株), ㈱, 有限会社, (有), 合同会社, Inc., Co., Ltd., and
/// without white space, `.` and `,`.
///
/// The English forms are dropped only as whole words, so `Cosmo` keeps its
/// `co`. A name made only of a company form keeps it (its key is never empty
/// for a non-empty name).
pub fn vendor_key(name: &str) -> String {
    let mut text: String = name.nfkc().flat_map(char::to_lowercase).collect();
    for form in JAPANESE_FORMS {
        text = text.replace(form, " ");
    }
    let key: String = text
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|word| !word.is_empty() && !ENGLISH_FORMS.contains(word))
        .collect();
    if key.is_empty() {
        return name
            .nfkc()
            .flat_map(char::to_lowercase)
            .filter(|c| !c.is_whitespace())
            .collect();
    }
    key
}

/// Finds a vendor by a name written in another file.
///
/// Built once from the evaluated vendors' names (in vendor order); `find`
/// returns the position of the vendor whose key equals the written name's
/// key. Two vendors with one key (`さくら電算` and `株式会社さくら電算` as two
/// responses) are ambiguous: `find` answers `Ambiguous` rather than guess.
#[derive(Debug, Clone, Default)]
pub struct VendorKeys {
    keys: std::collections::HashMap<String, Found>,
}

/// What a written vendor name matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The vendor at this position.
    One(usize),
    /// Two or more vendors share the key.
    Ambiguous,
}

impl VendorKeys {
    /// The keys of `names`, position by position.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut keys = std::collections::HashMap::new();
        for (position, name) in names.into_iter().enumerate() {
            keys.entry(vendor_key(name))
                .and_modify(|found| *found = Found::Ambiguous)
                .or_insert(Found::One(position));
        }
        Self { keys }
    }

    /// The vendor `written` names, if any.
    pub fn find(&self, written: &str) -> Option<Found> {
        self.keys.get(&vendor_key(written)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_forms_width_and_space_are_ignored() {
        let key = vendor_key("さくら電算");
        for written in [
            "株式会社さくら電算",
            "さくら電算株式会社",
            "さくら電算（株）",
            "㈱さくら電算",
            "さくら 電算",
            "有限会社さくら電算",
            "合同会社 さくら電算",
            "さくら電算(有)",
        ] {
            assert_eq!(vendor_key(written), key, "{written}");
        }
        let english = vendor_key("Sakura Densan");
        for written in [
            "Sakura Densan Co., Ltd.",
            "SAKURA DENSAN INC.",
            "ｓａｋｕｒａ　ｄｅｎｓａｎ",
            "Sakura Densan Co.,Ltd.",
        ] {
            assert_eq!(vendor_key(written), english, "{written}");
        }
    }

    #[test]
    fn a_form_inside_a_word_stays() {
        assert_ne!(vendor_key("Cosmo Systems"), vendor_key("smo Systems"));
        assert_eq!(vendor_key("Cosmo Co."), "cosmo");
        assert_ne!(vendor_key("さくら電算"), vendor_key("さくら電機"));
    }

    #[test]
    fn a_name_of_only_a_form_keeps_it() {
        assert_eq!(vendor_key("株式会社"), "株式会社");
    }

    #[test]
    fn vendors_are_found_by_key_and_ambiguity_is_said() {
        let keys = VendorKeys::new(["さくら電算", "みなと情報システム", "Sakura Densan"]);
        assert_eq!(keys.find("株式会社さくら電算"), Some(Found::One(0)));
        assert_eq!(keys.find("みなと情報システム㈱"), Some(Found::One(1)));
        assert_eq!(keys.find("Sakura Densan Co., Ltd."), Some(Found::One(2)));
        assert_eq!(keys.find("ひかり"), None);
        let twice = VendorKeys::new(["さくら電算", "株式会社さくら電算"]);
        assert_eq!(twice.find("さくら電算"), Some(Found::Ambiguous));
    }
}
