//! Yen amounts as vendors write them: `120万円`, `¥1,200,000`, `１２０万`,
//! `1億2000万`, `無償`.

use unicode_normalization::UnicodeNormalization;

/// What a cost cell's text says.
#[derive(Clone, Debug, PartialEq)]
pub enum YenParse {
    /// An amount in yen. `plain` when the text is a bare number (digits, a
    /// point, separators and spaces only): a header's `千円` / `万円` note
    /// applies to it, while text with its own unit or yen sign (`120万円`,
    /// `¥120`) is yen as written.
    Amount { yen: f64, plain: bool },
    /// No cost stated: blank, `-`, `－`.
    NotStated,
    /// Text that is not an amount (`別途見積`, `要相談`).
    Unparseable,
}

/// Parses a cost cell's text into yen (SPEC §3.3).
pub fn parse_yen(raw: &str) -> YenParse {
    let mut s: String = raw
        .nfkc()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    let plain = s.chars().all(|c| c.is_ascii_digit() || c == '.');
    s.retain(|c| !matches!(c, '、' | '¥' | '￥' | '\\'));
    if s.is_empty() || matches!(s.as_str(), "-" | "ー" | "―" | "−") {
        return YenParse::NotStated;
    }
    if s == "無償" || s == "無料" {
        return YenParse::Amount { yen: 0.0, plain };
    }
    let s = s.strip_suffix('円').unwrap_or(&s);
    parse_units(s).map_or(YenParse::Unparseable, |yen| YenParse::Amount { yen, plain })
}

/// `1億2000万` → 120,000,000: groups of a number followed by 億, 万 or 千 (in
/// falling order), then an optional plain remainder.
fn parse_units(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    let mut total = 0.0;
    let mut rest = s;
    let mut last_unit = f64::INFINITY;
    for (unit, scale) in [('億', 1e8), ('万', 1e4), ('千', 1e3)] {
        if let Some(pos) = rest.find(unit) {
            let number = plain_number(&rest[..pos])?;
            if scale >= last_unit {
                return None;
            }
            total += number * scale;
            last_unit = scale;
            rest = &rest[pos + unit.len_utf8()..];
        }
    }
    if !rest.is_empty() {
        total += plain_number(rest)?;
    }
    (total.is_finite() && total >= 0.0).then_some(total)
}

fn plain_number(s: &str) -> Option<f64> {
    let ok = !s.is_empty()
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
        && s.chars().filter(|c| *c == '.').count() <= 1
        && s.chars().any(|c| c.is_ascii_digit());
    if ok { s.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The amount and whether it was written as a bare number.
    fn yen(s: &str) -> (f64, bool) {
        match parse_yen(s) {
            YenParse::Amount { yen, plain } => (yen, plain),
            other => panic!("{s:?} gave {other:?}"),
        }
    }

    #[test]
    fn amounts_in_every_form_of_the_spec() {
        assert_eq!(yen("120万円"), (1_200_000.0, false));
        assert_eq!(yen("¥1,200,000"), (1_200_000.0, false));
        assert_eq!(yen("￥1,200,000"), (1_200_000.0, false));
        assert_eq!(yen("\\1,200,000"), (1_200_000.0, false));
        assert_eq!(yen("１２０万円"), (1_200_000.0, false));
        assert_eq!(yen("1.5万"), (15_000.0, false));
        assert_eq!(yen("1億2000万"), (120_000_000.0, false));
        assert_eq!(yen("1億2000万円"), (120_000_000.0, false));
        assert_eq!(yen("3千円"), (3_000.0, false));
        assert_eq!(yen("500000"), (500_000.0, true));
        assert_eq!(yen("1,234.5円"), (1_234.5, false));
        assert_eq!(yen("無償"), (0.0, false));
        assert_eq!(yen(" 80 万 円 "), (800_000.0, false));
    }

    #[test]
    fn bare_numbers_are_plain() {
        assert_eq!(yen("1,200"), (1_200.0, true));
        assert_eq!(yen(" 1 200.5 "), (1_200.5, true));
        assert_eq!(yen("１，２００"), (1_200.0, true));
        // A separator other than `,` is not part of a bare number.
        assert_eq!(yen("1、200"), (1_200.0, false));
    }

    #[test]
    fn no_cost_stated() {
        for s in ["", "  ", "-", "－"] {
            assert_eq!(parse_yen(s), YenParse::NotStated, "{s:?}");
        }
    }

    #[test]
    fn other_text_is_unparseable() {
        for s in [
            "別途見積",
            "要相談",
            "1.2.3",
            "万",
            "円",
            "12万億",
            "約100万",
        ] {
            assert_eq!(parse_yen(s), YenParse::Unparseable, "{s:?}");
        }
    }
}
