//! Requirement IDs as typed by hand: `ＪＲ－００１`, ` jr-001 `, `JR‐001` are one ID.

use unicode_normalization::UnicodeNormalization;

/// Normalizes a requirement ID (SPEC §3.2): NFKC, trim, upper-case, remove
/// white space, and every dash look-alike becomes `-`.
pub fn normalize_id(raw: &str) -> String {
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
    fn integral_numbers_lose_their_fraction() {
        assert_eq!(id_from_number(12.0), "12");
        assert_eq!(id_from_number(1.5), "1.5");
    }
}
