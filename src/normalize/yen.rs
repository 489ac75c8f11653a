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

/// What a cost cell's text says, with the notes vendors write around the
/// amount (SPEC §3.3): each is a fact the reader may warn about, while the
/// amount stays usable.
#[derive(Clone, Debug, PartialEq)]
pub struct CostText {
    pub parse: YenParse,
    /// The tax word written with the amount (`税込`, `税込み`, `税抜`,
    /// `税抜き`, `税別`, `内税`, `外税`), bracketed or not.
    pub tax: Option<&'static str>,
    /// `約`, `概算` or `程度`: the vendor gives an estimate.
    pub approximate: bool,
    /// Both ends of a range (`50万～100万円`), in yen as written; the
    /// amount is the upper end.
    pub range: Option<(f64, f64)>,
}

/// Tax words, longest first so that `税込み` is not read as `税込` plus `み`.
const TAX_WORDS: [&str; 7] = ["税込み", "税抜き", "税込", "税抜", "税別", "内税", "外税"];

/// Words that make an amount an estimate, before or after it.
const APPROXIMATE_BEFORE: [&str; 3] = ["概算", "約", "およそ"];
const APPROXIMATE_AFTER: [&str; 2] = ["程度", "前後"];

/// What separates the two ends of a range, after NFKC (`～` becomes `~`,
/// `－` becomes `-`; the wave dash `〜`, the minus sign, the dashes and the
/// long-vowel mark `ー` typed for a dash stay).
const RANGE_MARKS: [char; 8] = ['~', '〜', '-', '−', '‐', '–', '―', 'ー'];

/// Parses a cost cell's text into yen (SPEC §3.3).
pub fn parse_yen(raw: &str) -> YenParse {
    read_cost_text(raw).parse
}

/// Parses a cost cell's text into yen, keeping the notes written with it:
/// `¥500,000-` (a closing dash), `50万円（税別）`, `約50万円`, `50万～100万円`.
pub fn read_cost_text(raw: &str) -> CostText {
    let mut s: String = raw
        .nfkc()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    let mut text = CostText {
        parse: YenParse::Unparseable,
        tax: take_tax_word(&mut s),
        approximate: false,
        range: None,
    };
    for word in APPROXIMATE_BEFORE {
        if let Some(rest) = s.strip_prefix(word) {
            s = rest.to_string();
            text.approximate = true;
        }
    }
    for word in APPROXIMATE_AFTER {
        if let Some(rest) = s.strip_suffix(word) {
            s = rest.to_string();
            text.approximate = true;
        }
    }
    // `¥500,000-`: the dash that closes an amount on a Japanese form.
    if s.len() > 1 && s.ends_with(RANGE_MARKS) {
        let body = s.trim_end_matches(RANGE_MARKS);
        if body.ends_with(|c: char| c.is_ascii_digit() || matches!(c, '円' | '万' | '千' | '億'))
        {
            s = body.to_string();
        }
    }
    if let Some((low, high)) = split_range(&s) {
        let (low, high) = (amount(&low), amount(&high));
        if let (YenParse::Amount { yen: lo, plain: lp }, YenParse::Amount { yen: hi, plain: hp }) =
            (&low, &high)
            && lo <= hi
        {
            text.range = Some((*lo, *hi));
            text.parse = YenParse::Amount {
                yen: *hi,
                plain: *lp && *hp,
            };
        }
        return text;
    }
    text.parse = amount(&s);
    text
}

/// Removes a tax word, with the brackets around it, and returns it.
fn take_tax_word(s: &mut String) -> Option<&'static str> {
    let word = TAX_WORDS.into_iter().find(|w| s.contains(w))?;
    let at = s.find(word).expect("found above");
    let mut start = at;
    let mut end = at + word.len();
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    if let (Some(open), Some(close)) = (before, after)
        && matches!(
            (open, close),
            ('(', ')') | ('[', ']') | ('【', '】') | ('「', '」')
        )
    {
        start -= open.len_utf8();
        end += close.len_utf8();
    }
    s.replace_range(start..end, "");
    Some(word)
}

/// The two ends of `50万~100万円`, `50万-100万`, `50〜100万円`: a range mark
/// with an amount on both sides. A unit written only after the upper end
/// belongs to both (`50～100万円` is 50万 to 100万).
fn split_range(s: &str) -> Option<(String, String)> {
    let at = s.find(RANGE_MARKS)?;
    let mark = s[at..].chars().next()?;
    let (low, high) = (&s[..at], &s[at + mark.len_utf8()..]);
    if low.is_empty() || high.is_empty() {
        return None;
    }
    let unit = high
        .trim_end_matches('円')
        .chars()
        .next_back()
        .filter(|c| matches!(c, '万' | '千' | '億'));
    let low_has_unit = low.contains(['万', '千', '億', '円']);
    let low = match unit {
        Some(unit) if !low_has_unit => format!("{low}{unit}"),
        _ => low.to_string(),
    };
    Some((low, high.to_string()))
}

/// One amount without notes.
fn amount(s: &str) -> YenParse {
    let plain = s.chars().all(|c| c.is_ascii_digit() || c == '.');
    let mut s = s.to_string();
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
            "100万~50万",
            "~100万",
        ] {
            assert_eq!(parse_yen(s), YenParse::Unparseable, "{s:?}");
        }
    }

    #[test]
    fn a_closing_dash_is_part_of_the_amount() {
        let t = read_cost_text("¥500,000-");
        assert_eq!(
            t.parse,
            YenParse::Amount {
                yen: 500_000.0,
                plain: false
            }
        );
        assert_eq!((t.tax, t.approximate, t.range), (None, false, None));
        assert_eq!(yen("500000－"), (500_000.0, true));
        assert_eq!(yen("120万円-"), (1_200_000.0, false));
    }

    #[test]
    fn a_tax_note_is_kept_beside_the_amount() {
        for (s, word, amount) in [
            ("50万円（税別）", "税別", 500_000.0),
            ("50万円(税込み)", "税込み", 500_000.0),
            ("税込 80万円", "税込", 800_000.0),
            ("1,200,000円【税抜】", "税抜", 1_200_000.0),
        ] {
            let t = read_cost_text(s);
            assert_eq!(t.tax, Some(word), "{s}");
            assert_eq!(
                t.parse,
                YenParse::Amount {
                    yen: amount,
                    plain: false
                },
                "{s}"
            );
        }
    }

    #[test]
    fn an_estimate_is_an_amount_marked_approximate() {
        for s in ["約50万円", "概算50万円", "50万円程度", "概算 約50万円"] {
            let t = read_cost_text(s);
            assert!(t.approximate, "{s}");
            assert_eq!(
                t.parse,
                YenParse::Amount {
                    yen: 500_000.0,
                    plain: false
                },
                "{s}"
            );
        }
        assert!(!read_cost_text("50万円").approximate);
    }

    #[test]
    fn a_range_is_its_upper_bound_with_both_ends_kept() {
        for s in [
            "50万～100万円",
            "50万-100万",
            "50万〜100万円",
            "50～100万円",
            "５０万円－１００万円",
            "50万ー100万円",
        ] {
            let t = read_cost_text(s);
            assert_eq!(t.range, Some((500_000.0, 1_000_000.0)), "{s}");
            assert_eq!(
                t.parse,
                YenParse::Amount {
                    yen: 1_000_000.0,
                    plain: false
                },
                "{s}"
            );
        }
        // Bare numbers on both ends stay plain: a 千円 header scales them.
        let t = read_cost_text("500-1000");
        assert_eq!(
            t.parse,
            YenParse::Amount {
                yen: 1_000.0,
                plain: true
            }
        );
        assert_eq!(t.range, Some((500.0, 1_000.0)));
        // Every note at once.
        let t = read_cost_text("約50万～100万円（税込）");
        assert_eq!((t.tax, t.approximate), (Some("税込"), true));
        assert_eq!(t.range, Some((500_000.0, 1_000_000.0)));
    }
}
