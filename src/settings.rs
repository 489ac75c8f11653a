//! Settings (SPEC §3.5): one optional TOML file.
//!
//! Every struct denies unknown fields so that a typo (`min_competitor = 3`) is an
//! error naming the key instead of a silently ignored line. The built-in defaults
//! equal `templates/settings.toml`, which `fairbid init` writes with its comments;
//! a test keeps the two in step.

use std::path::Path;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::digest::sha256_hex;
use crate::model::{Aggregate, Lang, Level, Priority};
use crate::settings_refusal::{self, SettingsProblem, SettingsRefusal};

/// The commented default settings file, embedded in the binary.
pub const DEFAULT_SETTINGS_TOML: &str = include_str!("../templates/settings.toml");

/// Codes and points factor of one legend level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegendLevel {
    pub codes: Vec<String>,
    pub factor: f64,
}

/// The answer legend: four levels, each with its codes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LegendSettings {
    pub standard: LegendLevel,
    pub alternative: LegendLevel,
    pub customization: LegendLevel,
    pub unsupported: LegendLevel,
}

impl LegendSettings {
    /// The codes and factor of an answered level; `None` for missing and invalid.
    pub fn level(&self, level: Level) -> Option<&LegendLevel> {
        match level {
            Level::Standard => Some(&self.standard),
            Level::Alternative => Some(&self.alternative),
            Level::Customization => Some(&self.customization),
            Level::Unsupported => Some(&self.unsupported),
            Level::Missing | Level::Invalid => None,
        }
    }
}

fn legend_level(codes: &[&str], factor: f64) -> LegendLevel {
    LegendLevel {
        codes: codes.iter().map(|c| c.to_string()).collect(),
        factor,
    }
}

impl Default for LegendSettings {
    fn default() -> Self {
        LegendSettings {
            standard: legend_level(&["◎", "A", "標準", "標準対応"], 1.0),
            alternative: legend_level(&["○", "B", "代替", "運用"], 0.7),
            customization: legend_level(&["△", "C", "カスタマイズ", "改修"], 0.3),
            unsupported: legend_level(&["×", "✕", "✖", "D", "不可", "対応不可"], 0.0),
        }
    }
}

/// Weight of a requirement without a weight cell, by priority.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Weights {
    pub mandatory: f64,
    pub desirable: f64,
    pub optional: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            mandatory: 3.0,
            desirable: 2.0,
            optional: 1.0,
        }
    }
}

impl Weights {
    pub fn of(&self, priority: Priority) -> f64 {
        match priority {
            Priority::Mandatory => self.mandatory,
            Priority::Desirable => self.desirable,
            Priority::Optional => self.optional,
        }
    }
}

/// All settings in force for one run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub title: String,
    pub marking: String,
    pub tax_basis: String,
    pub lang: Lang,
    pub default_priority: Priority,
    pub min_competitors: usize,
    pub brand_terms: Vec<String>,
    pub members: Vec<String>,
    pub f07_similarity: f64,
    pub f09_high_below: f64,
    pub f10_share: f64,
    pub f10_min_flags: usize,
    pub standardize_share: f64,
    pub max_file_mib: u64,
    pub max_part_mib: u64,
    /// Memory a workbook's reader may use, MiB (its own process; Unix).
    pub max_read_mib: u64,
    /// Time a workbook's reader may take, seconds.
    pub max_read_seconds: u64,
    pub weights: Weights,
    pub legend: LegendSettings,
    pub committee: CommitteeSettings,
    /// SHA-256 of the settings file these settings were parsed from (`None`
    /// for the built-in defaults), so that the run's record names the bytes
    /// actually in force, not a second reading of a file that may have
    /// changed since.
    #[serde(skip)]
    pub source_sha256: Option<String>,
    /// The program that reads each input workbook in a process of its own
    /// (`read::isolate`): the `fairbid` binary itself, set by the command
    /// line. `None` reads in this process (the library, tests).
    #[serde(skip)]
    pub reader: Option<std::path::PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            title: String::new(),
            marking: "取扱注意".to_string(),
            tax_basis: "税抜".to_string(),
            lang: Lang::Ja,
            default_priority: Priority::Desirable,
            min_competitors: 2,
            brand_terms: Vec::new(),
            members: Vec::new(),
            f07_similarity: 0.85,
            f09_high_below: 0.9,
            f10_share: 0.5,
            f10_min_flags: 3,
            standardize_share: 0.5,
            max_file_mib: 100,
            max_part_mib: 512,
            max_read_mib: 1024,
            max_read_seconds: 60,
            weights: Weights::default(),
            legend: LegendSettings::default(),
            committee: CommitteeSettings::default(),
            source_sha256: None,
            reader: None,
        }
    }
}

impl Settings {
    /// Parses settings text; `origin` names the file in error messages.
    /// A file refused is a [`SettingsRefusal`], which the command words in
    /// the run's language.
    pub fn from_toml(text: &str, origin: &str) -> Result<Settings> {
        let settings: Settings =
            toml::from_str(text).map_err(|e| SettingsRefusal::of_parse_error(origin, text, &e))?;
        settings_refusal::check(&settings)
            .map_err(|problem| SettingsRefusal::new(origin, text, problem))?;
        Ok(settings)
    }

    /// Reads a settings file, keeping the hash of the bytes parsed.
    pub fn load(path: &Path) -> Result<Settings> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            let problem = SettingsProblem::Unreadable {
                detail: e.to_string(),
            };
            SettingsRefusal::new(&origin, "", problem)
        })?;
        let mut settings = Settings::from_toml(&text, &origin)?;
        settings.source_sha256 = Some(sha256_hex(text.as_bytes()));
        Ok(settings)
    }

    /// The settings in force as TOML, for the Provenance sheet.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    /// Bytes in `max_file_mib`.
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_mib.saturating_mul(1024 * 1024)
    }

    /// Bytes in `max_part_mib`.
    pub fn max_part_bytes(&self) -> u64 {
        self.max_part_mib.saturating_mul(1024 * 1024)
    }
}

/// Committee scoring (SPEC §13), `[committee]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CommitteeSettings {
    pub aggregate: Aggregate,
    /// `trimmed` drops the highest and lowest only from this many scores up.
    pub trim_min: usize,
    /// F14: (highest − lowest) ÷ item max at or above this is a spread.
    pub spread: f64,
    /// F15: |B(e, v)| at or above this is a bias.
    pub bias: f64,
    /// Grade code → share of the item's max; empty: points only.
    pub grades: std::collections::BTreeMap<String, f64>,
}

impl Default for CommitteeSettings {
    fn default() -> Self {
        CommitteeSettings {
            aggregate: Aggregate::Mean,
            trim_min: 5,
            spread: 0.3,
            bias: 0.15,
            grades: std::collections::BTreeMap::new(),
        }
    }
}

impl CommitteeSettings {
    /// The grades, highest share first (then by code): the drop-down's order.
    pub fn grades_in_order(&self) -> Vec<(&str, f64)> {
        let mut grades: Vec<(&str, f64)> =
            self.grades.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        grades.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        grades
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_defaults_equal_the_commented_file() {
        let parsed = Settings::from_toml(DEFAULT_SETTINGS_TOML, "settings.toml").unwrap();
        assert_eq!(parsed, Settings::default());
    }

    #[test]
    fn a_loaded_file_keeps_the_hash_of_its_bytes_and_only_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "min_competitors = 3\n").unwrap();
        let settings = Settings::load(&path).unwrap();
        assert_eq!(settings.min_competitors, 3);
        assert_eq!(
            settings.source_sha256.as_deref(),
            Some("b6009d80260be96c50dc51a1d72e16b5ff35ab61ee10475224471068824bb531")
        );
        assert!(!settings.to_toml().contains("source_sha256"));
        assert_eq!(Settings::default().source_sha256, None);
    }

    #[test]
    fn unknown_key_is_an_error_naming_it() {
        let err = Settings::from_toml("min_competitor = 3\n", "my.toml").unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("min_competitor"), "{text}");
        assert!(text.contains("my.toml"), "{text}");
    }

    #[test]
    fn unknown_nested_key_is_an_error() {
        let err = Settings::from_toml("[legend.standard]\ncode = [\"S\"]\n", "s.toml").unwrap_err();
        assert!(format!("{err:#}").contains("code"));
    }

    #[test]
    fn partial_file_keeps_other_defaults() {
        let s = Settings::from_toml("min_competitors = 3\nlang = \"en\"\n", "s.toml").unwrap();
        assert_eq!(s.min_competitors, 3);
        assert_eq!(s.lang, Lang::En);
        assert_eq!(s.weights, Weights::default());
    }

    #[test]
    fn committee_settings_are_checked() {
        let s = Settings::from_toml(
            "[committee]\naggregate = \"trimmed\"\ngrades = { A = 1.0, B = 0.5 }\n",
            "s.toml",
        )
        .unwrap();
        assert_eq!(s.committee.aggregate, Aggregate::Trimmed);
        assert_eq!(s.committee.grades_in_order(), [("A", 1.0), ("B", 0.5)]);
        for bad in [
            "[committee]\nspread = 1.5\n",
            "[committee]\ntrim_min = 2\n",
            "[committee]\ngrades = { A = 1.2 }\n",
            "[committee]\ngrades = { a = 1.0, Ａ = 0.5 }\n",
            "[committee]\naggregate = \"mode\"\n",
            "[committee]\nspreads = 0.3\n",
        ] {
            let err = Settings::from_toml(bad, "s.toml").unwrap_err();
            assert!(format!("{err:#}").contains("s.toml"), "{bad}");
        }
        let err = Settings::from_toml("[committee]\nbias = 2\n", "s.toml").unwrap_err();
        assert!(format!("{err:#}").contains("committee.bias"));
    }

    #[test]
    fn out_of_range_threshold_is_refused() {
        assert!(Settings::from_toml("f10_share = 1.5\n", "s.toml").is_err());
        assert!(Settings::from_toml("tax_basis = \"込み\"\n", "s.toml").is_err());
    }
}
