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
    /// The consortium's cost split (`fairbid share`, §14).
    pub share: ShareSettings,
    /// The award: technical and price points (SPEC §12).
    pub award: AwardSettings,
    /// Words that name a vendor besides its name (its products, its people),
    /// replaced by its label in blind copies (SPEC §15): vendor → terms.
    pub blind_terms: indexmap::IndexMap<String, Vec<String>>,
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
            share: ShareSettings::default(),
            award: AwardSettings::default(),
            blind_terms: indexmap::IndexMap::new(),
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

/// How the consortium splits its joint cost (§14): the weights of the
/// equal, population and business parts, the saving each town is
/// guaranteed, the rounding unit and the cost of a new member joining.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ShareSettings {
    /// 均等割: the share of the total split equally.
    pub equal: f64,
    /// 人口割: the share split by population.
    pub population: f64,
    /// 業務数割: the share split by businesses used.
    pub business: f64,
    /// The saving every town is guaranteed, a fraction of its current cost;
    /// `None`: no guarantee and no caps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_saving: Option<f64>,
    /// 端数処理: shares are floored to this many yen.
    pub unit: u64,
    /// What a new member adds to the total (yen).
    pub join_cost: f64,
}

impl Default for ShareSettings {
    fn default() -> Self {
        ShareSettings {
            equal: 0.3,
            population: 0.7,
            business: 0.0,
            min_saving: None,
            unit: 1000,
            join_cost: 0.0,
        }
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

impl ShareSettings {
    /// Refuses weights that do not sum to 1, naming the keys, and values
    /// out of range.
    pub(crate) fn check(&self) -> Result<(), crate::settings_refusal::SettingsProblem> {
        use crate::settings_refusal::{Allowed, SettingsProblem, within};
        for (key, w) in [
            ("share.equal", self.equal),
            ("share.population", self.population),
            ("share.business", self.business),
        ] {
            within(key, w, Allowed::Fraction)?;
        }
        let sum = self.equal + self.population + self.business;
        if (sum - 1.0).abs() > 1e-9 {
            return Err(SettingsProblem::SharesNotOne {
                equal: self.equal,
                population: self.population,
                business: self.business,
            });
        }
        if let Some(g) = self.min_saving {
            within("share.min_saving", g, Allowed::BelowOne)?;
        }
        within("share.unit", self.unit as f64, Allowed::AtLeast(1))?;
        within("share.join_cost", self.join_cost, Allowed::NonNegative)
    }
}

/// `[award]`: how technical points and price make the award (SPEC §12).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AwardSettings {
    /// 機能要件適合度の配点.
    pub fit_points: f64,
    /// 委員評価の配点 (§13).
    pub committee_points: f64,
    /// 価格点の配点.
    pub price_points: f64,
    pub method: crate::model::AwardMethod,
    pub rounding: crate::model::Rounding,
    /// Decimal places each points figure is rounded to.
    pub decimals: u32,
    /// 標準点 of the division method.
    pub base_points: f64,
    /// 提案上限額 or 予定価格, yen; a price above it is disqualified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<f64>,
    pub ceiling_kind: CeilingKind,
    /// Share of the technical points set below which a vendor is disqualified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub technical_minimum: Option<f64>,
    /// Contract years the yearly parts of a price are summed over.
    pub years: u32,
    /// Add the customization cost from the responses to the compared price.
    pub add_customization: bool,
    pub low_price_ratio: f64,
    pub low_median_ratio: f64,
    pub tipping_share: f64,
}

/// What `award.ceiling` is: the published proposal ceiling or the budgeted price.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CeilingKind {
    #[default]
    #[serde(rename = "提案上限額")]
    ProposalCeiling,
    #[serde(rename = "予定価格")]
    BudgetedPrice,
}

impl Default for AwardSettings {
    fn default() -> Self {
        AwardSettings {
            fit_points: 100.0,
            committee_points: 0.0,
            price_points: 50.0,
            method: crate::model::AwardMethod::LowestRatio,
            rounding: crate::model::Rounding::Floor,
            decimals: 2,
            base_points: 0.0,
            ceiling: None,
            ceiling_kind: CeilingKind::ProposalCeiling,
            technical_minimum: None,
            years: 5,
            add_customization: false,
            low_price_ratio: 0.6,
            low_median_ratio: 0.7,
            tipping_share: 0.2,
        }
    }
}

impl AwardSettings {
    /// The first value that parses but makes no sense, naming its key.
    pub(crate) fn check(&self) -> std::result::Result<(), SettingsProblem> {
        use crate::settings_refusal::Allowed;
        let out = |key: &str, found: String, range: Allowed| SettingsProblem::OutOfRange {
            key: format!("award.{key}"),
            found,
            range,
        };
        for (key, v) in [
            ("fit_points", self.fit_points),
            ("committee_points", self.committee_points),
            ("price_points", self.price_points),
            ("base_points", self.base_points),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(out(key, v.to_string(), Allowed::NonNegative));
            }
        }
        if self.decimals > 6 {
            let found = self.decimals.to_string();
            return Err(out("decimals", found, Allowed::Between(0, 6)));
        }
        if let Some(c) = self.ceiling.filter(|c| !(c.is_finite() && *c > 0.0)) {
            return Err(out("ceiling", c.to_string(), Allowed::Positive));
        }
        if let Some(v) = self.technical_minimum.filter(|v| !(0.0..=1.0).contains(v)) {
            return Err(out("technical_minimum", v.to_string(), Allowed::Fraction));
        }
        if !(1..=30).contains(&self.years) {
            let found = self.years.to_string();
            return Err(out("years", found, Allowed::Between(1, 30)));
        }
        for (key, v) in [
            ("low_price_ratio", self.low_price_ratio),
            ("low_median_ratio", self.low_median_ratio),
            ("tipping_share", self.tipping_share),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(out(key, v.to_string(), Allowed::Fraction));
            }
        }
        if self.method == crate::model::AwardMethod::CeilingRatio && self.ceiling.is_none() {
            return Err(SettingsProblem::CeilingRatioWithoutCeiling);
        }
        Ok(())
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
    fn share_weights_not_summing_to_one_are_refused_naming_the_keys() {
        let err =
            Settings::from_toml("[share]\nequal = 0.5\npopulation = 0.7\n", "s.toml").unwrap_err();
        let text = format!("{err:#}");
        for key in ["share.equal", "share.population", "share.business", "1.2"] {
            assert!(text.contains(key), "{text}");
        }
        let ok = Settings::from_toml("[share]\nequal = 0.5\npopulation = 0.5\n", "s.toml");
        assert_eq!(ok.unwrap().share.equal, 0.5);
        assert!(Settings::from_toml("[share]\nmin_saving = 1.0\n", "s.toml").is_err());
        assert!(Settings::from_toml("[share]\nunit = 0\n", "s.toml").is_err());
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

    #[test]
    fn award_settings_out_of_range_are_refused_naming_the_key() {
        for (text, key) in [
            ("[award]\nprice_points = -1\n", "award.price_points"),
            (
                "[award]\ntechnical_minimum = 60\n",
                "award.technical_minimum",
            ),
            ("[award]\nmethod = \"ceiling_ratio\"\n", "award.ceiling"),
            ("[award]\nceiling = 0\n", "award.ceiling"),
            ("[award]\nyears = 0\n", "award.years"),
            ("[award]\ndecimals = 9\n", "award.decimals"),
            ("[award]\ntipping_share = 2\n", "award.tipping_share"),
        ] {
            let err = Settings::from_toml(text, "s.toml").unwrap_err();
            assert!(format!("{err:#}").contains(key), "{text}: {err:#}");
        }
        assert!(Settings::from_toml("[award]\nmethod = \"median\"\n", "s.toml").is_err());
        let s = Settings::from_toml(
            "[award]\nmethod = \"ceiling_ratio\"\nceiling = 3e7\nceiling_kind = \"予定価格\"\n",
            "s.toml",
        )
        .unwrap();
        assert_eq!(s.award.ceiling_kind, CeilingKind::BudgetedPrice);
    }
}
