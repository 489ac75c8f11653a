//! F13 price_decides: the award between the first two turns on the price
//! points set.
//!
//! Why: when moving the price points a little (less than `tipping_share`
//! of them) would swap first and second, the split between technical and
//! price points — a choice made before the bids — decides the award. The
//! committee should know before it signs, and record why the split was set.
//! Raised when P*, the price points at which the two tie, is within
//! `tipping_share` × P of the points set P; `vendors` = [first, second],
//! severity low. Exclusions: no P* (no setting swaps them, or `division`).

use crate::model::{Flag, FlagCode, FlagDetail, FlagSeverity, Lang};
use crate::settings::AwardSettings;

use super::{Say, Text, points};

pub(crate) fn check(award: &crate::model::Award, s: &AwardSettings, out: &mut Vec<Flag>) {
    let (Some(first), Some(second)) = (award.first, award.second) else {
        return;
    };
    let Some(tie) = award.tipping.price_points_tie else {
        return;
    };
    let p = s.price_points;
    if (tie - p).abs() < s.tipping_share * p {
        out.push(Flag {
            code: FlagCode::F13,
            severity: FlagSeverity::Low,
            requirement: None,
            vendors: vec![first, second],
            detail: FlagDetail::PriceDecides { tie, points: p },
        });
    }
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let FlagDetail::PriceDecides { tie, points: p } = flag.detail else {
        unreachable!("F13 carries the tipping points")
    };
    let (a, b) = (say.vendor(flag.vendors[0]), say.vendor(flag.vendors[1]));
    let (tie, p) = (points(tie), points(p));
    let message = match say.lang {
        Lang::Ja => format!(
            "価格点の配点が {p} 点のところ {tie} 点になると {a} と {b} が同点になり、わずかな配点の違いで1位と2位が入れ替わります。"
        ),
        Lang::En => format!(
            "The price points are set at {p}; at {tie} {a} and {b} would tie: a small change in the split swaps the first two."
        ),
    };
    let recommendation = say.lang.pick(
        "技術点と価格点の配分が落札者を決めています。配分を定めた理由（公告時の評価基準）を記録に残し、配分を事後に変えないでください。",
        "The split between technical and price points decides the award. Record why the split was set (the published criteria) and do not change it after the bids.",
    );
    Text {
        message,
        recommendation: recommendation.to_string(),
    }
}
