//! Text similarity in characters (F07, F09).
//!
//! Japanese text must be compared by character, never by byte. A vendor's copy
//! of a requirement usually differs in a few characters, so the common prefix
//! and suffix are stripped before the quadratic distance. For F07 a term is
//! looked for nearly in every requirement text: windows are only verified
//! where a piece of the term occurs exactly (if a window is within k edits of
//! the term, one of k + 1 pieces of the term survives unchanged in it).

use std::cell::OnceCell;
use std::collections::HashMap;

use unicode_normalization::IsNormalized;

/// [`compare_key`](crate::normalize::compare_key), faster on text NFKC
/// already leaves as it is (nearly every requirement): Unicode's quick check
/// proves that in one pass, and then only case and white space change.
/// Hiragana, katakana and kanji have no case, so they skip the case tables.
pub(crate) fn text_key(s: &str) -> String {
    if unicode_normalization::is_nfkc_quick(s.chars()) != IsNormalized::Yes {
        return crate::normalize::compare_key(s);
    }
    let mut key = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            if !c.is_whitespace() {
                key.push(c.to_ascii_lowercase());
            }
        } else if ('\u{3040}'..='\u{9FFF}').contains(&c) {
            key.push(c);
        } else {
            key.extend(c.to_lowercase().filter(|l| !l.is_whitespace()));
        }
    }
    key
}

/// Levenshtein distance between two character sequences.
///
/// After the common prefix and suffix go, the rest is compared with the
/// bit-parallel algorithm of Myers (1999) in Hyyrö's form for any length:
/// 64 cells of the distance table per machine word, so two reworded
/// 1,500-character requirements cost tens of microseconds, not the
/// milliseconds of the cell-by-cell table.
pub(crate) fn levenshtein(a: &[char], b: &[char]) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return long.len();
    }
    bit_parallel(short, long)
}

/// Myers' bit-vector edit distance, blocks of 64 characters of `pattern`
/// carried into each other (Hyyrö 2003). Column by column of `text`, the
/// vertical deltas of the distance table (+1 in `vp`, −1 in `vn`) are
/// updated for a whole word at once; the score follows the last row.
fn bit_parallel(pattern: &[char], text: &[char]) -> usize {
    let words = pattern.len().div_ceil(64);
    // Where each character stands in the pattern, one bit per position.
    let mut peq: HashMap<char, Vec<u64>> = HashMap::new();
    for (i, c) in pattern.iter().enumerate() {
        peq.entry(*c).or_insert_with(|| vec![0; words])[i / 64] |= 1 << (i % 64);
    }
    let none = vec![0u64; words];
    let mut vp = vec![u64::MAX; words];
    let mut vn = vec![0u64; words];
    let last = 1u64 << ((pattern.len() - 1) % 64);
    let mut score = pattern.len();
    for c in text {
        let eq = peq.get(c).unwrap_or(&none);
        // Row 0 of the table counts up along the text: a +1 comes in below.
        let (mut hp_in, mut hn_in, mut add_in) = (1u64, 0u64, false);
        for w in 0..words {
            let (e, p, n) = (eq[w], vp[w], vn[w]);
            let xv = e | n;
            let (sum, c1) = (e & p).overflowing_add(p);
            let (sum, c2) = sum.overflowing_add(u64::from(add_in));
            add_in = c1 || c2;
            let xh = (sum ^ p) | e;
            let hp = n | !(xh | p);
            let hn = p & xh;
            if w == words - 1 {
                if hp & last != 0 {
                    score += 1;
                } else if hn & last != 0 {
                    score -= 1;
                }
            }
            let hp_shifted = (hp << 1) | hp_in;
            let hn_shifted = (hn << 1) | hn_in;
            hp_in = hp >> 63;
            hn_in = hn >> 63;
            vp[w] = hn_shifted | !(xv | hp_shifted);
            vn[w] = hp_shifted & xv;
        }
    }
    score
}

/// 1 − Levenshtein distance / length of the longer text, in characters; 1 for two empty texts.
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    1.0 - levenshtein(&a, &b) as f64 / longer as f64
}

/// Whether `a` and `b` (of equal length) are at most `k` edits apart; stops
/// as soon as every path exceeds `k`.
fn within(a: &[char], b: &[char], k: usize) -> bool {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ac) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        let mut best = row[0];
        for (j, bc) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ac != bc);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
            best = best.min(row[j + 1]);
        }
        if best > k {
            return false;
        }
    }
    row[b.len()] <= k
}

/// Shortest term, in characters, that F07 also looks for nearly.
pub(crate) const NEAR_MIN_CHARS: usize = 4;

/// A term looked for nearly: some window of the text of the term's length
/// with similarity ≥ the threshold.
#[derive(Clone, Debug)]
pub(crate) struct NearTerm {
    chars: Vec<char>,
    /// The most edits a window may need and still reach the threshold.
    max_edits: usize,
    /// Pieces of the term (text, offset in characters) of which one must occur exactly.
    pieces: Vec<(String, usize)>,
}

impl NearTerm {
    /// `None` when only an exact occurrence can reach the threshold (short
    /// terms, or a threshold no edit satisfies).
    pub fn new(key: &str, threshold: f64) -> Option<NearTerm> {
        let chars: Vec<char> = key.chars().collect();
        let m = chars.len();
        if m < NEAR_MIN_CHARS {
            return None;
        }
        // The same arithmetic as the similarity itself, so the cut is exact.
        let max_edits = (0..=m)
            .take_while(|&d| 1.0 - d as f64 / m as f64 >= threshold)
            .last()?;
        if max_edits == 0 {
            return None;
        }
        let parts = max_edits + 1;
        let pieces = if parts <= m {
            (0..parts)
                .map(|j| {
                    let (from, to) = (j * m / parts, (j + 1) * m / parts);
                    (chars[from..to].iter().collect(), from)
                })
                .collect()
        } else {
            Vec::new()
        };
        Some(NearTerm {
            chars,
            max_edits,
            pieces,
        })
    }

    /// The leftmost window of `text` (a compare key) near the term; `None`
    /// when there is none. A text shorter than the term has no window.
    ///
    /// `chars` holds the characters of `text`, split on first need: F07
    /// shares it among all its terms for one requirement, and most
    /// requirements contain no piece of any term, so they are never split.
    /// The pieces are searched in the string itself, which is faster than
    /// comparing characters one window at a time.
    pub fn find(&self, text: &str, chars: &OnceCell<Vec<char>>) -> Option<String> {
        let m = self.chars.len();
        let k = self.max_edits;
        let mut starts: Vec<usize> = Vec::new();
        if self.pieces.is_empty() {
            let n = chars.get_or_init(|| text.chars().collect()).len();
            starts.extend(0..=n.saturating_sub(m));
        } else {
            for (piece, offset) in &self.pieces {
                for at in occurrences(text, piece) {
                    // The piece stands within k characters of its place in the window.
                    if at + k >= *offset {
                        starts.extend(at.saturating_sub(offset + k)..=at + k - offset);
                    }
                }
            }
            if starts.is_empty() {
                return None;
            }
            starts.sort_unstable();
            starts.dedup();
        }
        let chars = chars.get_or_init(|| text.chars().collect());
        if chars.len() < m {
            return None;
        }
        starts
            .into_iter()
            .take_while(|&s| s + m <= chars.len())
            .find(|&s| within(&self.chars, &chars[s..s + m], k))
            .map(|s| chars[s..s + m].iter().collect())
    }
}

/// Character positions of every occurrence of `piece` in `text`, overlapping ones included.
fn occurrences<'a>(text: &'a str, piece: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    let mut chars_before = 0;
    std::iter::from_fn(move || {
        let found = from + text[from..].find(piece)?;
        chars_before += text[from..found].chars().count();
        let next = text[found..].chars().next()?;
        from = found + next.len_utf8();
        let at = chars_before;
        chars_before += 1;
        Some(at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn levenshtein_counts_characters_not_bytes() {
        assert_eq!(
            levenshtein(&chars("住民記録システム"), &chars("住民記録システム")),
            0
        );
        assert_eq!(levenshtein(&chars("東京都"), &chars("東京都庁")), 1);
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("あいう")), 3);
        assert_eq!(
            levenshtein(&chars("窓口で交付する"), &chars("窓口にて交付する")),
            2
        );
    }

    #[test]
    fn levenshtein_agrees_with_strsim() {
        let texts = [
            "住民票の写しを交付できること",
            "住民票の写しを即日交付できること",
            "住民票の写しを交付できる",
            "印鑑登録証明書を交付できること",
            "",
            "abcabcabc",
            "cbacbacba",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    levenshtein(&chars(a), &chars(b)),
                    strsim::levenshtein(a, b),
                    "{a} / {b}"
                );
            }
        }
    }

    /// The cell-by-cell table, for checking the bit-parallel distance.
    fn table(a: &[char], b: &[char]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ac) in a.iter().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for (j, bc) in b.iter().enumerate() {
                let substitute = diagonal + usize::from(ac != bc);
                diagonal = row[j + 1];
                row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
            }
        }
        row[b.len()]
    }

    #[test]
    fn bit_parallel_distance_agrees_with_the_table_across_word_boundaries() {
        // Texts from a small alphabet, so that they share many characters,
        // of lengths around one, two and three machine words.
        let alphabet: Vec<char> = "住民票の写し交付できるこ".chars().collect();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..300 {
            let len_a = (next() % 200) as usize;
            let len_b = (next() % 200) as usize;
            let mut text = |n: usize| -> Vec<char> {
                (0..n)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            };
            let (a, b) = (text(len_a), text(len_b));
            assert_eq!(levenshtein(&a, &b), table(&a, &b), "{a:?} / {b:?}");
        }
        for n in [63, 64, 65, 127, 128, 129] {
            let a: Vec<char> = "あ".repeat(n).chars().collect();
            let b: Vec<char> = "い".repeat(n).chars().collect();
            assert_eq!(levenshtein(&a, &b), n);
            let mut c = a.clone();
            c[n / 2] = 'う';
            c.push('え');
            assert_eq!(levenshtein(&a, &c), 2);
        }
    }

    #[test]
    fn similarity_divides_by_the_longer_text() {
        assert_eq!(similarity("東京都", "東京都庁"), 0.75);
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("あ", ""), 0.0);
    }

    /// Every window, the slow way.
    fn brute(term: &str, text: &str, threshold: f64) -> Option<String> {
        let t = chars(term);
        let x = chars(text);
        if x.len() < t.len() {
            return None;
        }
        (0..=x.len() - t.len())
            .map(|s| x[s..s + t.len()].iter().collect::<String>())
            .find(|w| similarity(term, w) >= threshold)
    }

    #[test]
    fn near_search_agrees_with_every_window() {
        let terms = [
            "住民記録システム",
            "ふじみクラウド",
            "abcdefghijklmnopqrst",
            "ab12cd34",
            "○○情報システム",
        ];
        let texts = [
            "住民記録シスタムと連携できること",
            "住民記録のシステムと連携できること",
            "ふじみクラウトを利用できること",
            "ふじクラウドを利用できること",
            "xxabcdefghijklmnopqrsxxabcdefghijklmnopqrst",
            "zzbcdefghijklmnopqrtyy",
            "ab12dc34を含む",
            "b12cd34",
            "○○情報システムズ製",
            "××情報システムズ製",
            "",
        ];
        for threshold in [0.0, 0.5, 0.7, 0.85, 0.9, 1.0] {
            for term in terms {
                for text in texts {
                    let near = NearTerm::new(term, threshold);
                    let fast = near.as_ref().and_then(|n| n.find(text, &OnceCell::new()));
                    // Without room for an edit F07 only looks for the term exactly.
                    let slow = near.and_then(|_| brute(term, text, threshold));
                    assert_eq!(fast, slow, "{term} in {text} at {threshold}");
                }
            }
        }
    }

    #[test]
    fn occurrences_overlap() {
        assert_eq!(
            occurrences("ああああ", "ああ").collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
        assert_eq!(occurrences("xあyあ", "あ").collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(occurrences("abc", "d").count(), 0);
    }

    #[test]
    fn text_key_equals_compare_key() {
        let texts = [
            "住民票の写しを 交付できること",
            "ＣＳＶ形式で出力できること",
            "CSV 形式で\t出力\u{3000}できること",
            "ｶﾀｶﾅ の帳票",
            "ÀÉÎ Straße İstanbul ΣΑΣ",
            "〜 ～ ○〇◯ ㈱ ① ㍻",
            "が（合成済み）と か\u{3099}（結合文字）",
            "",
            " \u{00A0}\u{2003}\n",
        ];
        for text in texts {
            assert_eq!(
                text_key(text),
                crate::normalize::compare_key(text),
                "{text}"
            );
        }
        // The range the fast path passes through as is has no case and no
        // white space.
        for c in '\u{3040}'..='\u{9FFF}' {
            assert!(c.to_lowercase().eq([c]) && !c.is_whitespace(), "{c}");
        }
        for c in ['\u{000B}', '\u{0085}', 'A', 'Z'] {
            let text = format!("住民{c}記録");
            assert_eq!(text_key(&text), crate::normalize::compare_key(&text));
        }
    }

    #[test]
    fn near_terms_need_four_characters_and_room_for_an_edit() {
        assert!(NearTerm::new("abc", 0.0).is_none());
        // 6 characters: one edit gives 0.833 < 0.85, so only exact.
        assert!(NearTerm::new("ふじみクラウ", 0.85).is_none());
        // 7 characters: one edit gives 0.857 ≥ 0.85.
        assert!(NearTerm::new("ふじみクラウド", 0.85).is_some());
    }
}
