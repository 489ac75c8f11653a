//! The answer legend: which code means which level, and what it earns.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::model::Level;
use crate::settings::LegendSettings;

/// The key a legend code is compared by: NFKC, trimmed, lower-cased, with the
/// circle variants ○ 〇 ◯ folded into one (NFKC keeps them distinct).
pub fn code_key(s: &str) -> String {
    s.trim()
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '〇' | '◯' | '⚪' => '○',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A legend ready for lookups.
#[derive(Clone, Debug)]
pub struct Legend {
    codes: HashMap<String, Level>,
    factors: [f64; 4],
    /// The codes as configured, per answered level, for forms and reports.
    listed: [Vec<String>; 4],
}

impl Legend {
    /// Builds the lookup from settings. Settings that list one code under two
    /// levels are refused when read (`settings_refusal`); a legend built from
    /// such settings in code gives the code to the first level (standard →
    /// unsupported).
    pub fn new(settings: &LegendSettings) -> Legend {
        let mut codes = HashMap::new();
        let mut factors = [0.0; 4];
        let mut listed: [Vec<String>; 4] = Default::default();
        for (i, level) in Level::ANSWERED.into_iter().enumerate() {
            let l = settings.level(level).expect("answered level");
            factors[i] = l.factor;
            listed[i] = l.codes.clone();
            for code in &l.codes {
                codes.entry(code_key(code)).or_insert(level);
            }
        }
        Legend {
            codes,
            factors,
            listed,
        }
    }

    /// The level of an answer cell's text: blank → `Missing`, a code of the
    /// legend → its level, anything else → `Invalid`.
    pub fn level_of(&self, answer: &str) -> Level {
        let key = code_key(answer);
        if key.is_empty() {
            return Level::Missing;
        }
        self.codes.get(&key).copied().unwrap_or(Level::Invalid)
    }

    /// The points factor of a level; missing and invalid earn nothing.
    pub fn factor(&self, level: Level) -> f64 {
        match Level::ANSWERED.iter().position(|l| *l == level) {
            Some(i) => self.factors[i],
            None => 0.0,
        }
    }

    /// The configured codes of an answered level (empty for missing / invalid).
    pub fn codes(&self, level: Level) -> &[String] {
        match Level::ANSWERED.iter().position(|l| *l == level) {
            Some(i) => &self.listed[i],
            None => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn legend() -> Legend {
        Legend::new(&LegendSettings::default())
    }

    #[test]
    fn circle_variants_are_one_code() {
        let l = legend();
        for c in ["○", "〇", "◯", " ○ "] {
            assert_eq!(l.level_of(c), Level::Alternative, "{c:?}");
        }
    }

    #[test]
    fn full_width_and_lower_case_letters() {
        let l = legend();
        assert_eq!(l.level_of("Ａ"), Level::Standard);
        assert_eq!(l.level_of("a"), Level::Standard);
        assert_eq!(l.level_of("ｃ"), Level::Customization);
        assert_eq!(l.level_of("Ｄ"), Level::Unsupported);
    }

    #[test]
    fn every_default_code_maps_to_its_level() {
        let l = legend();
        for (code, level) in [
            ("◎", Level::Standard),
            ("標準対応", Level::Standard),
            ("運用", Level::Alternative),
            ("改修", Level::Customization),
            ("×", Level::Unsupported),
            ("✕", Level::Unsupported),
            ("✖", Level::Unsupported),
            ("対応不可", Level::Unsupported),
        ] {
            assert_eq!(l.level_of(code), level, "{code}");
        }
    }

    #[test]
    fn blank_is_missing_and_unknown_is_invalid() {
        let l = legend();
        assert_eq!(l.level_of(""), Level::Missing);
        assert_eq!(l.level_of("  "), Level::Missing);
        assert_eq!(l.level_of("？"), Level::Invalid);
        assert_eq!(l.level_of("E"), Level::Invalid);
    }

    #[test]
    fn factors_follow_settings() {
        let l = legend();
        assert_eq!(l.factor(Level::Standard), 1.0);
        assert_eq!(l.factor(Level::Alternative), 0.7);
        assert_eq!(l.factor(Level::Customization), 0.3);
        assert_eq!(l.factor(Level::Unsupported), 0.0);
        assert_eq!(l.factor(Level::Missing), 0.0);
        assert_eq!(l.factor(Level::Invalid), 0.0);
    }
}
