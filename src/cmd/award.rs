//! What `evaluate --prices` adds to the command: the check that the points
//! set can be given, and the award's lines on the terminal.

use anyhow::{Result, bail};

use crate::model::{Award, Lang};
use crate::settings::Settings;
use crate::write::Labels;
use crate::write::roster::Roster;
use crate::write::xlsx::award::reason;

/// Refuses a run whose `[award]` and committee files do not fit together
/// (SPEC §12). Committee points with no scores to fill them: every vendor
/// would lose them alike, and the totals would silently be out of a smaller
/// maximum. Scores with no committee points: the committee's work would
/// weigh nothing in the award, though it was read and shown.
pub fn refuse_mismatched_committee_points(
    prices: bool,
    committee: bool,
    settings: &Settings,
    lang: Lang,
) -> Result<()> {
    let points = settings.award.committee_points;
    if prices && !committee && points > 0.0 {
        bail!(
            "{}",
            match lang {
                Lang::Ja => format!(
                    "設定 award.committee_points = {points} ですが、委員評価（--criteria と --scores）が指定されていません。委員評価を指定するか、award.committee_points = 0 にしてください"
                ),
                Lang::En => format!(
                    "the settings give award.committee_points = {points} but no committee scores (--criteria and --scores) were given; give them, or set award.committee_points = 0"
                ),
            }
        );
    }
    if prices && committee && points <= 0.0 {
        bail!(
            "{}",
            lang.pick(
                "委員評価（--criteria と --scores）が指定されていますが、設定 award.committee_points が 0 のため総合評価に反映されません。設定ファイルの [award] に committee_points（委員評価の配点）を書くか、--criteria と --scores を外してください",
                "committee scores (--criteria and --scores) were given, but award.committee_points is 0, so they would count for nothing in the award; set committee_points (the committee's points) under [award] in the settings, or leave out --criteria and --scores"
            )
        );
    }
    Ok(())
}

/// The award's ranking for the terminal; an ineligible vendor with its
/// reasons in the words of the Award sheet.
pub fn summary(
    award: &Award,
    roster: &Roster,
    labels: &Labels,
    settings: &Settings,
    lang: Lang,
) -> String {
    let mut out = String::from(lang.pick("総合評価:\n", "Award:\n"));
    for v in &award.vendors {
        let name = roster.name(v.vendor);
        let line = match (v.rank, v.ranked_by()) {
            (Some(rank), Some(by)) => format!("  {rank:>2}. {name}  {by:.2}\n"),
            _ => {
                let kind = settings.award.ceiling_kind;
                let reasons: Vec<String> = (v.reasons.iter())
                    .map(|&why| reason(&labels.award, kind, why))
                    .collect();
                let reasons = reasons.join(&labels.common.list_separator);
                format!("   -. {name}  ({reasons})\n")
            }
        };
        out.push_str(&line);
    }
    out
}
