//! NFKC and the keys used to compare headers and requirement texts.

use unicode_normalization::UnicodeNormalization;

use crate::model::Priority;

/// Unicode NFKC: full-width letters and digits become half-width, half-width
/// katakana become full-width.
pub fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

/// The key two requirement texts are compared by (F07, F09, text matching):
/// NFKC, lower-cased, all white space removed.
pub fn compare_key(s: &str) -> String {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Splits a header cell into its key and its trailing bracketed note.
///
/// The key is NFKC, lower-cased, without white space, without a trailing `.`
/// or `:` and without one trailing note in `(…)`, `（…）`, `[…]` or `【…】`
/// (NFKC already turns the full-width round brackets into ASCII ones). So
/// `要件 ＩＤ` → `要件id`, `No.` → `no`, `カスタマイズ費用（千円）` →
/// (`カスタマイズ費用`, `千円`).
pub fn split_header_note(s: &str) -> (String, Option<String>) {
    let mut key = compare_key(s);
    while key.ends_with('.') || key.ends_with(':') {
        key.pop();
    }
    let mut note = None;
    for (open, close) in [('(', ')'), ('[', ']'), ('【', '】')] {
        if key.ends_with(close) {
            if let Some(start) = key.rfind(open) {
                if start > 0 {
                    note = Some(
                        key[start + open.len_utf8()..key.len() - close.len_utf8()].to_string(),
                    );
                    key.truncate(start);
                }
            }
            break;
        }
    }
    while key.ends_with('.') || key.ends_with(':') {
        key.pop();
    }
    (key, note)
}

/// The key a header cell is matched against the alias table by.
pub fn header_key(s: &str) -> String {
    split_header_note(s).0
}

/// Reads a priority cell (SPEC §3.2). `None` when the text is not a known
/// priority; the caller decides what a blank means.
pub fn parse_priority(s: &str) -> Option<Priority> {
    let key = compare_key(s);
    match key.as_str() {
        "必須" | "実装必須" | "must" | "mandatory" | "m" => Some(Priority::Mandatory),
        "推奨" | "重要" | "望ましい" | "標準オプション" | "should" | "desirable" | "s" => {
            Some(Priority::Desirable)
        }
        "任意" | "optional" | "could" | "o" => Some(Priority::Optional),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_key_folds_width_case_and_space() {
        assert_eq!(
            compare_key("住民票の 写し　を発行 ＡＢＣ"),
            "住民票の写しを発行abc"
        );
        assert_eq!(compare_key("ｶﾀｶﾅ"), "カタカナ");
    }

    #[test]
    fn header_keys_match_the_spec_examples() {
        assert_eq!(header_key("要件 ＩＤ"), "要件id");
        assert_eq!(header_key("要件ID"), "要件id");
        assert_eq!(header_key("No."), "no");
        assert_eq!(header_key("備考:"), "備考");
        assert_eq!(header_key("回答【必須】"), "回答");
        assert_eq!(header_key("Answer [A-D]"), "answer");
        assert_eq!(
            split_header_note("カスタマイズ費用（千円）"),
            ("カスタマイズ費用".to_string(), Some("千円".to_string()))
        );
        assert_eq!(split_header_note("費用(万円)").1.as_deref(), Some("万円"));
        // only one trailing note is dropped
        assert_eq!(header_key("費用(a)(b)"), "費用(a)");
        // a header that is only a bracket keeps its text
        assert_eq!(header_key("(備考)"), "(備考)");
    }

    #[test]
    fn priorities_from_the_spec_table() {
        for s in ["必須", "実装必須", "Must", "MANDATORY", "M", "Ｍ"] {
            assert_eq!(parse_priority(s), Some(Priority::Mandatory), "{s}");
        }
        for s in [
            "推奨",
            "重要",
            "望ましい",
            "標準オプション",
            "Should",
            "Desirable",
            "S",
        ] {
            assert_eq!(parse_priority(s), Some(Priority::Desirable), "{s}");
        }
        for s in ["任意", "Optional", "Could", "o"] {
            assert_eq!(parse_priority(s), Some(Priority::Optional), "{s}");
        }
        assert_eq!(parse_priority("できれば"), None);
        assert_eq!(parse_priority(""), None);
    }
}
