//! Finding a vendor's names in text and putting its label in their place.
//!
//! Vendors write their own name as it comes: `株式会社さくら電算`,
//! `ｻｸﾗ電算` in half width, `さくら 電算` with a space, `SAKURA` in capitals.
//! A text is compared in its NFKC, lower-cased form without white space, and
//! every match is mapped back to the characters of the original it came
//! from, so that only those characters are replaced and the rest of the text
//! (its own width, spacing and line breaks) is kept as written.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// Terms shorter than this (after normalization) are never searched for: a
/// one-letter term would replace every `A` of a workbook.
const MIN_TERM_CHARS: usize = 2;

/// One vendor's terms and the label that replaces them.
#[derive(Clone, Debug)]
pub struct Terms {
    /// Normalized terms, longest first (the longest match wins).
    keys: Vec<Vec<char>>,
    /// The same as strings, for the quick test most texts stop at.
    key_strings: Vec<String>,
    label: String,
}

/// A text in comparison form, each character knowing the byte span of the
/// original it came from.
struct Folded {
    chars: Vec<char>,
    /// `spans[i]`: bytes `start..end` of the original behind `chars[i]`.
    spans: Vec<(usize, usize)>,
}

/// The comparison form of a piece of text: NFKC, lower case, no white space.
fn fold_str(text: &str) -> Vec<char> {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Folds `text` cluster by cluster (a starter with the marks that follow
/// it, so that `カ` + U+3099 composes to `ガ` as a whole string would).
fn fold(text: &str) -> Folded {
    let mut folded = Folded {
        chars: Vec::with_capacity(text.len()),
        spans: Vec::with_capacity(text.len()),
    };
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        let mut end = start + c.len_utf8();
        while let Some(&(i, next)) = iter.peek() {
            if canonical_combining_class(next) == 0 && !is_kana_mark(next) {
                break;
            }
            end = i + next.len_utf8();
            iter.next();
        }
        for f in fold_str(&text[start..end]) {
            folded.chars.push(f);
            folded.spans.push((start, end));
        }
    }
    folded
}

/// Company forms as they fold (NFKC turns ㈱ into `(株)`): a name written
/// with one is also looked for without it, since the vendor writes
/// `さくら電算` in its remarks as often as `株式会社さくら電算` on its cover.
const COMPANY_FORMS: [&str; 10] = [
    "株式会社",
    "(株)",
    "有限会社",
    "(有)",
    "合同会社",
    ",inc.",
    "inc.",
    "co.,ltd.",
    "co.ltd.",
    "ltd.",
];

/// A folded name without its company form, when it had one (empty when
/// it was nothing else).
fn without_company_form(key: &[char]) -> Option<Vec<char>> {
    let text: String = key.iter().collect();
    let mut bare = text.clone();
    for form in COMPANY_FORMS {
        if let Some(rest) = bare.strip_prefix(form) {
            bare = rest.to_string();
        }
        if let Some(rest) = bare.strip_suffix(form) {
            bare = rest.to_string();
        }
    }
    (bare != text).then(|| bare.chars().collect())
}

/// The half-width voiced marks (ﾞ ﾟ) combine with the kana before them under
/// NFKC although their combining class is 0.
fn is_kana_mark(c: char) -> bool {
    matches!(c, '\u{FF9E}' | '\u{FF9F}' | '\u{3099}' | '\u{309A}')
}

impl Terms {
    /// The terms of one vendor (its name, its cover name, its `blind_terms`)
    /// and its label; blank and too-short terms are dropped.
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>, label: &str) -> Terms {
        let mut keys: Vec<Vec<char>> = terms
            .into_iter()
            .map(fold_str)
            .flat_map(|key| match without_company_form(&key) {
                // Only a company form: it names every company, not this one.
                Some(bare) if bare.is_empty() => [None, None],
                bare => [Some(key), bare],
            })
            .flatten()
            .filter(|k| k.len() >= MIN_TERM_CHARS)
            .collect();
        keys.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        keys.dedup();
        Terms {
            key_strings: keys.iter().map(|k| k.iter().collect()).collect(),
            keys,
            label: label.to_string(),
        }
    }

    /// The same terms with another label (a name that may hold no space).
    pub fn with_label(&self, label: &str) -> Terms {
        Terms {
            keys: self.keys.clone(),
            key_strings: self.key_strings.clone(),
            label: label.to_string(),
        }
    }

    /// The label put in place of each match.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The byte spans of `text` that hold a term, left to right, not
    /// overlapping (at each place the longest term wins).
    pub fn find(&self, text: &str) -> Vec<(usize, usize)> {
        if self.keys.is_empty() || text.is_empty() {
            return Vec::new();
        }
        // Most texts hold no term: one pass over the whole text tells, and
        // only a text that holds one is mapped back character by character.
        let whole: String = (text.nfkc())
            .flat_map(char::to_lowercase)
            .filter(|c| !c.is_whitespace())
            .collect();
        if !self.key_strings.iter().any(|k| whole.contains(k.as_str())) {
            return Vec::new();
        }
        let folded = fold(text);
        let mut found = Vec::new();
        let mut i = 0;
        while i < folded.chars.len() {
            let rest = &folded.chars[i..];
            match self.keys.iter().find(|k| rest.starts_with(k)) {
                Some(key) => {
                    let last = i + key.len() - 1;
                    found.push((folded.spans[i].0, folded.spans[last].1));
                    // A cluster folding to several characters is never split.
                    let end = folded.spans[last].1;
                    i = last + 1;
                    while i < folded.chars.len() && folded.spans[i].0 < end {
                        i += 1;
                    }
                }
                None => i += 1,
            }
        }
        found
    }

    /// Whether `text` holds a term.
    pub fn occurs_in(&self, text: &str) -> bool {
        !self.find(text).is_empty()
    }

    /// `text` with each term replaced by the label, and how many were.
    pub fn replace(&self, text: &str) -> (String, usize) {
        let mut segments = [text.to_string()];
        let n = self.replace_segments(&mut segments);
        let [out] = segments;
        (out, n)
    }

    /// Replaces the terms of a text written in pieces (the runs of a rich
    /// text, the paragraphs' runs of a text box): matched over the pieces
    /// joined, so a name split across two runs is found; the label goes into
    /// the piece where the match starts and the rest of the match is taken
    /// out of the pieces it spans. Returns how many terms were replaced.
    pub fn replace_segments(&self, segments: &mut [String]) -> usize {
        let joined: String = segments.concat();
        let found = self.find(&joined);
        if found.is_empty() {
            return 0;
        }
        let mut offset = 0;
        let mut next = found.iter().peekable();
        for segment in segments.iter_mut() {
            let (seg_start, seg_end) = (offset, offset + segment.len());
            offset = seg_end;
            if !found.iter().any(|&(s, e)| s < seg_end && e > seg_start) {
                continue;
            }
            let mut out = String::with_capacity(segment.len());
            let mut pos = seg_start;
            while pos < seg_end {
                // The matches starting before this piece's end.
                match next.peek() {
                    Some(&&(s, e)) if s < seg_end && e > pos => {
                        let s_here = s.max(pos);
                        out.push_str(&joined[pos..s_here]);
                        if s >= seg_start {
                            out.push_str(&self.label);
                        }
                        pos = e.min(seg_end);
                        if e <= seg_end {
                            next.next();
                        }
                    }
                    Some(&&(_, e)) if e <= pos => {
                        next.next();
                    }
                    _ => {
                        out.push_str(&joined[pos..seg_end]);
                        pos = seg_end;
                    }
                }
            }
            *segment = out;
        }
        found.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sakura() -> Terms {
        Terms::new(["さくら電算", "株式会社さくら電算", "Sakura"], "提案者A")
    }

    #[test]
    fn width_case_space_and_forms_are_matched_and_the_rest_is_kept() {
        let t = sakura();
        assert_eq!(t.replace("株式会社さくら電算の提案").0, "提案者Aの提案");
        assert_eq!(t.replace("（さくら 電算）").0, "（提案者A）");
        assert_eq!(t.replace("ＳＡＫＵＲＡ　Cloud").0, "提案者A　Cloud");
        assert_eq!(t.replace("sakura と さくら電算").1, 2);
        assert_eq!(t.replace("桜電算").1, 0);
        // Half-width kana with voiced marks compose as NFKC composes them.
        let g = Terms::new(["ガイア"], "Bidder B");
        assert_eq!(g.replace("ｶﾞｲｱ社").0, "Bidder B社");
        assert_eq!(g.replace("カ\u{3099}イア").0, "Bidder B");
    }

    #[test]
    fn a_name_split_across_runs_is_replaced_in_the_first_run() {
        let t = sakura();
        let mut runs = vec![
            "提出者: さくら".to_string(),
            "電算".to_string(),
            "（Sakura）".to_string(),
        ];
        assert_eq!(t.replace_segments(&mut runs), 2);
        assert_eq!(runs, ["提出者: 提案者A", "", "（提案者A）"]);
    }

    #[test]
    fn a_name_with_its_company_form_is_found_without_it_too() {
        let t = Terms::new(["株式会社さくら電算"], "提案者A");
        assert_eq!(t.replace("さくら電算の標準機能").0, "提案者Aの標準機能");
        assert_eq!(t.replace("㈱さくら電算").0, "㈱提案者A");
        assert_eq!(t.replace("さくら電算（株）").0, "提案者A（株）");
        let e = Terms::new(["Sakura Densan Co., Ltd."], "Bidder A");
        assert_eq!(e.replace("by Sakura Densan.").0, "by Bidder A.");
        // A cover name that is only a form names every company: not a term.
        let form_only = Terms::new(["株式会社", "（株）"], "提案者A");
        assert_eq!(form_only.replace("株式会社みどり技研（株）").1, 0);
    }

    #[test]
    fn one_letter_terms_are_not_searched() {
        let t = Terms::new(["A", " "], "提案者A");
        assert_eq!(t.replace("A社 B社").1, 0);
    }
}
