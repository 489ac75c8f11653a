//! What `evaluate --prices` adds to the command: the check that the points
//! set can be given, and the award's lines on the terminal.

use anyhow::{Result, bail};

use crate::model::{Award, Lang};
use crate::settings::Settings;
use crate::write::roster::Roster;

/// Refuses a run whose `[award]` gives committee points no committee
/// scores can fill (SPEC §12): every vendor would lose them alike, and the
/// totals would silently be out of a smaller maximum.
pub fn refuse_unscored_committee(prices: bool, settings: &Settings, lang: Lang) -> Result<()> {
    if prices && settings.award.committee_points > 0.0 {
        bail!(
            "{}",
            match lang {
                Lang::Ja => format!(
                    "設定 award.committee_points = {} ですが、委員評価（--criteria と --scores）が指定されていません。委員評価を指定するか、award.committee_points = 0 にしてください",
                    settings.award.committee_points
                ),
                Lang::En => format!(
                    "the settings give award.committee_points = {} but no committee scores (--criteria and --scores) were given; give them, or set award.committee_points = 0",
                    settings.award.committee_points
                ),
            }
        );
    }
    Ok(())
}

/// The award's ranking for the terminal.
pub fn summary(award: &Award, roster: &Roster, lang: Lang) -> String {
    let mut out = String::from(lang.pick("総合評価:\n", "Award:\n"));
    for v in &award.vendors {
        let name = roster.name(v.vendor);
        let line = match (v.rank, v.ranked_by()) {
            (Some(rank), Some(by)) => format!("  {rank:>2}. {name}  {by:.2}\n"),
            _ => {
                let reasons: Vec<&str> = v.reasons.iter().map(|r| r.key()).collect();
                format!("   -. {name}  ({})\n", reasons.join(", "))
            }
        };
        out.push_str(&line);
    }
    out
}
