//! Which vendor gets which label: a uniform random permutation from a seed.
//!
//! The seed is written in the key, so the secretariat can show later that the
//! labels were drawn, not chosen: the same seed and the same responses give
//! the same labels on any machine. The generator is SplitMix64 (Steele, Lea
//! and Flood, 2014), the permutation a Fisher–Yates shuffle with an unbiased
//! bounded draw (Lemire's rejection), so every order is equally likely.

use crate::model::Lang;

/// SplitMix64: small, well-studied, and the same on every platform.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform draw from `0..n` (`n > 0`), without modulo bias.
    pub fn below(&mut self, n: u64) -> u64 {
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }
}

/// `order[k]`: the label position of the `k`-th response, a uniform random
/// permutation of `0..n` drawn from `seed`.
pub fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(seed);
    for i in (1..n).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        order.swap(i, j);
    }
    order
}

/// The label at a position: 提案者A … 提案者Z, 提案者AA … (en: Bidder A …),
/// letters counted as Excel counts its columns.
pub fn label(position: usize, lang: Lang) -> String {
    let letters = crate::model::column_letters(position as u32);
    match lang {
        Lang::Ja => format!("提案者{letters}"),
        Lang::En => format!("Bidder {letters}"),
    }
}

/// The seed of a run: `--seed`, else one derived from `SOURCE_DATE_EPOCH`
/// (reproducible runs), else a fresh one from the clock and the process.
pub fn pick_seed(given: Option<u64>) -> u64 {
    if let Some(seed) = given {
        return seed;
    }
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        return SplitMix64::new(epoch).next_u64();
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let mut rng = SplitMix64::new(nanos ^ (u64::from(std::process::id()) << 32));
    // The address of a stack value adds what the clock does not (ASLR).
    let local = 0u8;
    rng.next_u64() ^ (std::ptr::addr_of!(local) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_its_reference_values() {
        // Reference outputs for seed 1234567 (Vigna's splitmix64.c).
        let mut rng = SplitMix64::new(1234567);
        assert_eq!(rng.next_u64(), 6457827717110365317);
        assert_eq!(rng.next_u64(), 3203168211198807973);
    }

    #[test]
    fn permutations_are_permutations_and_roughly_uniform() {
        let mut counts = [[0u32; 3]; 3];
        for seed in 0..6000 {
            let p = permutation(3, seed);
            let mut sorted = p.clone();
            sorted.sort();
            assert_eq!(sorted, [0, 1, 2]);
            for (k, &pos) in p.iter().enumerate() {
                counts[k][pos] += 1;
            }
        }
        for row in counts {
            for c in row {
                assert!((1800..2200).contains(&c), "{counts:?}");
            }
        }
        assert_eq!(permutation(5, 42), permutation(5, 42));
    }

    #[test]
    fn labels_count_like_columns() {
        assert_eq!(label(0, Lang::Ja), "提案者A");
        assert_eq!(label(25, Lang::En), "Bidder Z");
        assert_eq!(label(26, Lang::Ja), "提案者AA");
    }
}
