//! Requirement IDs as typed by hand: `ＪＲ－００１`, ` jr-001 `, `JR‐001` are one ID.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Normalizes a requirement ID (SPEC §3.2): NFKC, trim, upper-case, remove
/// white space, and every dash look-alike becomes `-`.
///
/// Every row of every input goes through here, and almost every ID is
/// printable ASCII, which NFKC leaves as it is and which holds no white space
/// and no dash look-alike: such an ID is only upper-cased, in one pass, and
/// comes back borrowed when it already is.
pub fn normalize_id(raw: &str) -> Cow<'_, str> {
    if !raw.bytes().all(|b| b.is_ascii_graphic()) {
        return Cow::Owned(normalize_id_fully(raw));
    }
    if raw.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(raw.to_ascii_uppercase())
    } else {
        Cow::Borrowed(raw)
    }
}

/// The rule of [`normalize_id`] in full, for any text.
fn normalize_id_fully(raw: &str) -> String {
    raw.nfkc()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | 'ｰ' | 'ー' | '－' => '-',
            c => c,
        })
        .flat_map(char::to_uppercase)
        .collect()
}

/// The text of a numeric ID cell: `12.0` → `12`; other numbers as written.
pub fn id_from_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_look_alikes_width_case_and_space() {
        for raw in [
            "JR-001",
            "ＪＲ－００１",
            " jr-001 ",
            "JR‐001",
            "JR—001",
            "JR − 001",
            "JRー001",
            "JRｰ001",
            "JR–001",
        ] {
            assert_eq!(normalize_id(raw), "JR-001", "{raw:?}");
        }
    }

    #[test]
    fn ascii_path_equals_the_full_rule() {
        for raw in [
            "JR-001",
            "jr-001",
            "ＪＲ－００１",
            "JR 001",
            "JR‐001",
            "a.b_c/1",
            "住民-1",
            "12",
            "",
            "~",
        ] {
            assert_eq!(normalize_id(raw), normalize_id_fully(raw), "{raw:?}");
        }
    }

    #[test]
    fn an_id_already_normalized_is_borrowed() {
        for raw in ["JR-001", "12", "A.B_C/1", ""] {
            assert!(
                matches!(normalize_id(raw), Cow::Borrowed(id) if id == raw),
                "{raw:?}"
            );
        }
        for raw in ["jr-001", "JR 001", "ＪＲ－００１"] {
            assert!(matches!(normalize_id(raw), Cow::Owned(_)), "{raw:?}");
        }
    }

    #[test]
    fn integral_numbers_lose_their_fraction() {
        assert_eq!(id_from_number(12.0), "12");
        assert_eq!(id_from_number(1.5), "1.5");
    }
}
