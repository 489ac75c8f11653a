//! Settings refused (SPEC §3.5, §7): why a settings file cannot be used,
//! worded in the run's language.
//!
//! A settings file steers every score: a legend that lists one code under two
//! levels scores that answer by whichever level is read first, a negative
//! weight rewards failing a requirement, a factor above 1 pays more than the
//! requirement is worth. Such a file is refused before anything is read,
//! naming the key and the range it must stay in, so that the secretariat
//! fixes the file rather than discovering a strange ranking later. The
//! refusal carries facts; [`SettingsRefusal::say`] words them in Japanese or
//! English, the language of the run (`--lang`, else the file's own `lang`).

use std::fmt;

use crate::model::{Lang, Level};
use crate::normalize::legend::code_key;
use crate::settings::Settings;

/// What is wrong with a settings file.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingsProblem {
    /// The file could not be read; `detail` is the system's words.
    Unreadable { detail: String },
    /// A key fairbid does not know (a typo): `key` with its section.
    UnknownKey { key: String },
    /// Not TOML, or a value of the wrong type; `line` is 1-based when known,
    /// `detail` the parser's words.
    Malformed { line: Option<usize>, detail: String },
    /// A number outside the range its key allows.
    OutOfRange {
        key: String,
        found: String,
        range: Allowed,
    },
    /// One legend code (after the legend's normalization: ○ 〇 ◯ one code,
    /// width and case ignored) listed under two levels.
    CodeOnTwoLevels {
        code: String,
        first: Level,
        second: Level,
    },
    /// A legend code that is blank: it would read every blank answer as
    /// that level.
    BlankCode { level: Level },
    /// `tax_basis` other than 税込 or 税抜.
    TaxBasis { found: String },
    /// `award.method = "ceiling_ratio"` without `award.ceiling`.
    CeilingRatioWithoutCeiling,
    /// The three parts of a cost split (`[share]`) not summing to 1.
    SharesNotOne {
        equal: f64,
        population: f64,
        business: f64,
    },
    /// Two `committee.grades` codes that are one code once width and case
    /// are ignored.
    GradeTwice { first: String, second: String },
    /// A blank `committee.grades` code.
    BlankGrade,
}

/// The range a number must stay in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Allowed {
    /// 0 to 1, both included (factors, similarity and share thresholds).
    Fraction,
    /// 0 or more (weights).
    NonNegative,
    /// At least this whole number (counts and limits).
    AtLeast(u64),
    /// A whole number from the first to the second, both included.
    Between(u64, u64),
    /// More than 0 (an amount).
    Positive,
    /// 0 or more and below 1 (a guaranteed saving).
    BelowOne,
}

/// A settings file refused, with the file's name and the language it asks
/// for (its `lang` key, when the file says so even though it was refused).
#[derive(Clone, Debug, PartialEq)]
pub struct SettingsRefusal {
    pub origin: String,
    pub file_lang: Option<Lang>,
    pub problem: SettingsProblem,
}

impl SettingsRefusal {
    /// The refusal of the settings parsed from `text`.
    pub fn new(origin: &str, text: &str, problem: SettingsProblem) -> SettingsRefusal {
        SettingsRefusal {
            origin: origin.to_string(),
            file_lang: lang_in(text),
            problem,
        }
    }

    /// The refusal of a file the TOML reader rejected: an unknown key is
    /// named, anything else is told with its line.
    pub fn of_parse_error(origin: &str, text: &str, error: &toml::de::Error) -> SettingsRefusal {
        let message = error.message();
        let line = error.span().map(|span| {
            text.get(..span.start)
                .unwrap_or(text)
                .lines()
                .count()
                .max(1)
        });
        let problem = match unknown_field(message) {
            Some(key) => SettingsProblem::UnknownKey {
                key: match line.and_then(|l| section_of_line(text, l)) {
                    Some(section) => format!("{section}.{key}"),
                    None => key,
                },
            },
            None => SettingsProblem::Malformed {
                line,
                detail: message.trim().to_string(),
            },
        };
        SettingsRefusal::new(origin, text, problem)
    }

    /// The language the refusal is told in: `--lang` when given, else the
    /// file's `lang`, else Japanese.
    pub fn lang(&self, arg: Option<Lang>) -> Lang {
        arg.or(self.file_lang).unwrap_or_default()
    }

    /// The refusal in words: the file, the key, what it must be, what to do.
    pub fn say(&self, lang: Lang) -> String {
        let origin = &self.origin;
        let what = match (&self.problem, lang) {
            (SettingsProblem::Unreadable { detail }, Lang::Ja) => {
                format!(
                    "設定ファイルを読み取れません（{detail}）。--settings のパスを確認してください。"
                )
            }
            (SettingsProblem::Unreadable { detail }, Lang::En) => {
                format!("cannot read the settings file ({detail}). Check the --settings path.")
            }
            (SettingsProblem::UnknownKey { key }, Lang::Ja) => format!(
                "設定項目「{key}」はありません（綴りの誤りの可能性があります）。`fairbid init` が書き出す settings.toml で項目名を確認してください。"
            ),
            (SettingsProblem::UnknownKey { key }, Lang::En) => format!(
                "unknown setting `{key}` (a typo?). See the settings.toml that `fairbid init` writes for every key."
            ),
            (SettingsProblem::Malformed { line, detail }, Lang::Ja) => format!(
                "設定ファイル{}を読み取れません（{detail}）。TOML形式で、値の型（数値・文字列・一覧）が正しいか確認してください。",
                line.map_or(String::new(), |l| format!("の {l} 行目"))
            ),
            (SettingsProblem::Malformed { line, detail }, Lang::En) => format!(
                "not valid fairbid settings{} ({detail}). Check the TOML and the type of each value (number, text, list); `fairbid init` writes every key.",
                line.map_or(String::new(), |l| format!(" at line {l}"))
            ),
            (SettingsProblem::OutOfRange { key, found, range }, Lang::Ja) => {
                let range = match range {
                    Allowed::Fraction => "0以上1以下の数値".to_string(),
                    Allowed::NonNegative => "0以上の数値".to_string(),
                    Allowed::AtLeast(n) => format!("{n}以上の整数"),
                    Allowed::Between(a, b) => format!("{a}以上{b}以下の整数"),
                    Allowed::Positive => "0より大きい数値".to_string(),
                    Allowed::BelowOne => "0以上1未満の数値".to_string(),
                };
                format!("設定項目「{key}」は{range}で指定してください（指定値：{found}）。")
            }
            (SettingsProblem::OutOfRange { key, found, range }, Lang::En) => {
                let range = match range {
                    Allowed::Fraction => "a number from 0 to 1".to_string(),
                    Allowed::NonNegative => "a number of 0 or more".to_string(),
                    Allowed::AtLeast(n) => format!("a whole number of at least {n}"),
                    Allowed::Between(a, b) => format!("a whole number from {a} to {b}"),
                    Allowed::Positive => "a number above 0".to_string(),
                    Allowed::BelowOne => "a number of 0 or more and below 1".to_string(),
                };
                format!("setting `{key}` must be {range}, found {found}.")
            }
            (
                SettingsProblem::CodeOnTwoLevels {
                    code,
                    first,
                    second,
                },
                Lang::Ja,
            ) => format!(
                "凡例の記号「{code}」が legend.{} と legend.{} の両方にあります（全角・半角、大文字・小文字、○〇◯は同じ記号として扱います）。どちらか一方の codes から削除してください。",
                first.key(),
                second.key()
            ),
            (
                SettingsProblem::CodeOnTwoLevels {
                    code,
                    first,
                    second,
                },
                Lang::En,
            ) => format!(
                "legend code “{code}” is listed under both legend.{} and legend.{} (width, case and ○〇◯ are one code); remove it from one of the two codes lists.",
                first.key(),
                second.key()
            ),
            (SettingsProblem::BlankCode { level }, Lang::Ja) => format!(
                "legend.{}.codes に空の記号があります。空欄の回答は未回答として扱うため、記号には文字を指定してください。",
                level.key()
            ),
            (SettingsProblem::BlankCode { level }, Lang::En) => format!(
                "legend.{}.codes holds a blank code; a blank answer is always missing, so every code needs a character.",
                level.key()
            ),
            (SettingsProblem::TaxBasis { found }, Lang::Ja) => format!(
                "設定項目「tax_basis」は「税込」か「税抜」で指定してください（指定値：{found}）。"
            ),
            (SettingsProblem::TaxBasis { found }, Lang::En) => {
                format!("setting `tax_basis` must be 税込 or 税抜, found {found}.")
            }
            (SettingsProblem::CeilingRatioWithoutCeiling, Lang::Ja) => "設定項目「award.method」の「ceiling_ratio」（予定価格基準）には「award.ceiling」（予定価格、円）の指定が必要です。".to_string(),
            (SettingsProblem::CeilingRatioWithoutCeiling, Lang::En) => "setting `award.method = \"ceiling_ratio\"` needs `award.ceiling` (the budgeted price, yen).".to_string(),
            (
                SettingsProblem::SharesNotOne {
                    equal,
                    population,
                    business,
                },
                Lang::Ja,
            ) => format!(
                "share.equal（均等割）・share.population（人口割）・share.business（業務数割）の合計は1にしてください（指定値：{equal} + {population} + {business} = {}）。",
                equal + population + business
            ),
            (
                SettingsProblem::SharesNotOne {
                    equal,
                    population,
                    business,
                },
                Lang::En,
            ) => format!(
                "share.equal + share.population + share.business must sum to 1, found {equal} + {population} + {business} = {}.",
                equal + population + business
            ),
            (SettingsProblem::GradeTwice { first, second }, Lang::Ja) => format!(
                "committee.grades の評語「{first}」と「{second}」は同じ評語です（全角・半角、大文字・小文字は区別しません）。どちらか一方を削除してください。"
            ),
            (SettingsProblem::GradeTwice { first, second }, Lang::En) => format!(
                "committee.grades codes “{first}” and “{second}” are one code (width and case are ignored); remove one of them."
            ),
            (SettingsProblem::BlankGrade, Lang::Ja) => {
                "committee.grades に空の評語があります。評語には文字を指定してください。"
                    .to_string()
            }
            (SettingsProblem::BlankGrade, Lang::En) => {
                "committee.grades holds a blank code; every grade needs a character.".to_string()
            }
        };
        format!("{origin}: {what}")
    }
}

impl fmt::Display for SettingsRefusal {
    /// In the file's language: a caller that knows the run's language
    /// words it with [`SettingsRefusal::say`] instead.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(self.lang(None)))
    }
}

impl std::error::Error for SettingsRefusal {}

/// Checks the values of settings that parsed: the first problem found, in
/// the order of the settings file.
pub fn check(settings: &Settings) -> Result<(), SettingsProblem> {
    let fraction = |key: &str, v: f64| within(key, v, Allowed::Fraction);
    fraction("f07_similarity", settings.f07_similarity)?;
    fraction("f09_high_below", settings.f09_high_below)?;
    fraction("f10_share", settings.f10_share)?;
    fraction("standardize_share", settings.standardize_share)?;
    at_least("min_competitors", settings.min_competitors as u64, 1)?;
    at_least("f10_min_flags", settings.f10_min_flags as u64, 1)?;
    at_least("max_file_mib", settings.max_file_mib, 1)?;
    at_least("max_part_mib", settings.max_part_mib, 1)?;
    at_least("max_read_mib", settings.max_read_mib, 64)?;
    at_least("max_read_seconds", settings.max_read_seconds, 1)?;
    if !matches!(settings.tax_basis.as_str(), "税込" | "税抜") {
        return Err(SettingsProblem::TaxBasis {
            found: settings.tax_basis.clone(),
        });
    }
    let weights = &settings.weights;
    for (key, w) in [
        ("weights.mandatory", weights.mandatory),
        ("weights.desirable", weights.desirable),
        ("weights.optional", weights.optional),
    ] {
        within(key, w, Allowed::NonNegative)?;
    }
    settings.share.check()?;
    settings.award.check()?;
    check_legend(settings)?;
    check_committee(&settings.committee)
}

/// `[committee]` (§13): the trimmed mean keeps a score, the thresholds are
/// shares, each grade a share of the item's points under a code of its own.
fn check_committee(c: &crate::settings::CommitteeSettings) -> Result<(), SettingsProblem> {
    at_least("committee.trim_min", c.trim_min as u64, 3)?;
    within("committee.spread", c.spread, Allowed::Fraction)?;
    within("committee.bias", c.bias, Allowed::Fraction)?;
    let mut seen: Vec<(String, &str)> = Vec::new();
    for (code, share) in &c.grades {
        within(
            &format!("committee.grades.{code}"),
            *share,
            Allowed::Fraction,
        )?;
        let key = crate::normalize::compare_key(code);
        if key.is_empty() {
            return Err(SettingsProblem::BlankGrade);
        }
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            return Err(SettingsProblem::GradeTwice {
                first: first.to_string(),
                second: code.clone(),
            });
        }
        seen.push((key, code));
    }
    Ok(())
}

/// Every factor a fraction, every code a character, no code on two levels.
fn check_legend(settings: &Settings) -> Result<(), SettingsProblem> {
    let mut seen: Vec<(String, Level)> = Vec::new();
    for level in Level::ANSWERED {
        let l = settings.legend.level(level).expect("answered level");
        within(
            &format!("legend.{}.factor", level.key()),
            l.factor,
            Allowed::Fraction,
        )?;
        for code in &l.codes {
            let key = code_key(code);
            if key.is_empty() {
                return Err(SettingsProblem::BlankCode { level });
            }
            match seen.iter().find(|(k, _)| *k == key) {
                Some((_, first)) if *first != level => {
                    return Err(SettingsProblem::CodeOnTwoLevels {
                        code: code.trim().to_string(),
                        first: *first,
                        second: level,
                    });
                }
                Some(_) => {}
                None => seen.push((key, level)),
            }
        }
    }
    Ok(())
}

/// Refuses `v` outside `range`, naming `key`: for every section's checks.
pub(crate) fn within(key: &str, v: f64, range: Allowed) -> Result<(), SettingsProblem> {
    let ok = v.is_finite()
        && match range {
            Allowed::Fraction => (0.0..=1.0).contains(&v),
            Allowed::NonNegative => v >= 0.0,
            Allowed::AtLeast(n) => v >= n as f64,
            Allowed::Between(a, b) => (a as f64..=b as f64).contains(&v),
            Allowed::Positive => v > 0.0,
            Allowed::BelowOne => (0.0..1.0).contains(&v),
        };
    if ok {
        return Ok(());
    }
    Err(SettingsProblem::OutOfRange {
        key: key.to_string(),
        found: v.to_string(),
        range,
    })
}

fn at_least(key: &str, v: u64, least: u64) -> Result<(), SettingsProblem> {
    if v >= least {
        return Ok(());
    }
    Err(SettingsProblem::OutOfRange {
        key: key.to_string(),
        found: v.to_string(),
        range: Allowed::AtLeast(least),
    })
}

/// The key of serde's "unknown field `x`, expected …" message.
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    Some(rest.split('`').next()?.to_string())
}

/// The `[section]` a 1-based line of the file stands in, if any.
fn section_of_line(text: &str, line: usize) -> Option<String> {
    text.lines()
        .take(line)
        .filter_map(|l| {
            let l = l.trim();
            let inner = l.strip_prefix('[')?.split(']').next()?;
            Some(inner.trim_matches(['[', ']']).trim().to_string())
        })
        .last()
}

/// The `lang` a settings text asks for, read leniently: a file refused for
/// another key still says which language its reader wants.
fn lang_in(text: &str) -> Option<Lang> {
    let table: toml::Table = toml::from_str(text).ok().or_else(|| {
        // A file that is not even TOML: its `lang = "…"` line alone.
        let line = text.lines().find(|l| l.trim_start().starts_with("lang"))?;
        toml::from_str(line).ok()
    })?;
    match table.get("lang")?.as_str()? {
        "ja" => Some(Lang::Ja),
        "en" => Some(Lang::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> SettingsRefusal {
        let err = Settings::from_toml(text, "s.toml").unwrap_err();
        err.downcast::<SettingsRefusal>()
            .unwrap_or_else(|e| panic!("not a refusal: {e:#}"))
    }

    fn out_of_range(text: &str) -> (String, Allowed) {
        match refused(text).problem {
            SettingsProblem::OutOfRange { key, range, .. } => (key, range),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn one_code_on_two_levels_is_refused_after_normalization() {
        // 〇 (U+3007) is the default alternative's ○ (named as the later
        // level writes it); ｂ is B.
        for (text, code, second) in [
            (
                "[legend.standard]\ncodes = [\"◎\", \"〇\"]\nfactor = 1.0\n",
                "○",
                Level::Alternative,
            ),
            (
                "[legend.unsupported]\ncodes = [\"×\", \"ｂ\"]\nfactor = 0.0\n",
                "ｂ",
                Level::Unsupported,
            ),
        ] {
            let r = refused(text);
            match &r.problem {
                SettingsProblem::CodeOnTwoLevels {
                    code: c, second: s, ..
                } => {
                    assert_eq!((c.as_str(), *s), (code, second), "{text}");
                }
                other => panic!("{text}: {other:?}"),
            }
            let ja = r.say(Lang::Ja);
            assert!(ja.contains("legend.") && ja.contains(code), "{ja}");
        }
        // A code listed twice under one level is harmless.
        let ok = "[legend.alternative]\ncodes = [\"○\", \"〇\", \"◯\", \"B\"]\nfactor = 0.7\n";
        Settings::from_toml(ok, "s.toml").unwrap();
    }

    #[test]
    fn weights_and_thresholds_out_of_range_are_refused_naming_the_key() {
        use Allowed::*;
        let cases = [
            (
                "[weights]\nmandatory = -1\n",
                "weights.mandatory",
                NonNegative,
            ),
            (
                "[legend.standard]\ncodes = [\"◎\"]\nfactor = 1.5\n",
                "legend.standard.factor",
                Fraction,
            ),
            (
                "[legend.unsupported]\ncodes = [\"×\"]\nfactor = -0.1\n",
                "legend.unsupported.factor",
                Fraction,
            ),
            ("f07_similarity = 1.2\n", "f07_similarity", Fraction),
            ("f09_high_below = -0.5\n", "f09_high_below", Fraction),
            ("f10_share = 2\n", "f10_share", Fraction),
            ("standardize_share = 1.01\n", "standardize_share", Fraction),
            ("min_competitors = 0\n", "min_competitors", AtLeast(1)),
            ("f10_min_flags = 0\n", "f10_min_flags", AtLeast(1)),
            ("max_file_mib = 0\n", "max_file_mib", AtLeast(1)),
            ("max_read_mib = 10\n", "max_read_mib", AtLeast(64)),
        ];
        for (text, key, range) in cases {
            assert_eq!(out_of_range(text), (key.to_string(), range), "{text}");
        }
        // The edges are allowed.
        let edges =
            "f07_similarity = 1.0\nf10_share = 0.0\nmin_competitors = 1\n[weights]\noptional = 0\n";
        Settings::from_toml(edges, "s.toml").unwrap();
    }

    #[test]
    fn words_in_both_languages_name_the_file_and_the_key() {
        let r = refused("min_competitors = 0\n");
        assert_eq!(
            r.say(Lang::Ja),
            "s.toml: 設定項目「min_competitors」は1以上の整数で指定してください（指定値：0）。"
        );
        assert_eq!(
            r.say(Lang::En),
            "s.toml: setting `min_competitors` must be a whole number of at least 1, found 0."
        );
    }

    #[test]
    fn an_unknown_key_is_named_with_its_section() {
        let r = refused("min_competitor = 3\n");
        assert_eq!(
            r.problem,
            SettingsProblem::UnknownKey {
                key: "min_competitor".into()
            }
        );
        assert!(
            r.say(Lang::Ja)
                .contains("設定項目「min_competitor」はありません")
        );
        let r = refused("title = \"x\"\n\n[weights]\nmandatry = 3\n");
        assert_eq!(
            r.problem,
            SettingsProblem::UnknownKey {
                key: "weights.mandatry".into()
            }
        );
    }

    #[test]
    fn the_file_own_lang_is_kept_for_its_refusal() {
        let r = refused("lang = \"en\"\nmin_competitor = 3\n");
        assert_eq!(r.lang(None), Lang::En);
        assert_eq!(r.lang(Some(Lang::Ja)), Lang::Ja);
        assert_eq!(refused("min_competitor = 3\n").lang(None), Lang::Ja);
        let r = refused("lang = \"en\"\nf10_share = = 1\n");
        assert!(matches!(
            r.problem,
            SettingsProblem::Malformed { line: Some(2), .. }
        ));
        assert_eq!(r.lang(None), Lang::En);
    }
}
