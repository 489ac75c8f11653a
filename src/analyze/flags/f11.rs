//! F11 rank_reversal: the award between the first two depends on whether a
//! losing bid was made.
//!
//! Why: under `lowest_ratio` and `linear` every vendor's price points depend
//! on the other bids (the lowest or the highest price). A vendor with no
//! chance of winning can then decide who wins by bidding or not — the
//! "irrelevant alternative" defect of relative price formulas. Raised for
//! each eligible vendor other than the first two whose removal (price
//! points recomputed without it) changes the order of the first two, a tie
//! counting as a change; procurement-wide, severity high, that vendor listed.
//! Exclusions: `ceiling_ratio` and `division` score each price on its own,
//! so no other bid moves them.

use crate::analyze::award::{order_kept, totals_without};
use crate::model::{AwardMethod, Flag, FlagCode, FlagDetail, FlagSeverity, Lang, VendorId};
use crate::settings::AwardSettings;

use super::{Say, Text, points};

/// `order` is the §8.2 vendor order the flags are listed in.
pub(crate) fn check(
    award: &crate::model::Award,
    s: &AwardSettings,
    order: &[VendorId],
    out: &mut Vec<Flag>,
) {
    if !matches!(s.method, AwardMethod::LowestRatio | AwardMethod::Linear) {
        return;
    }
    let (Some(first), Some(second)) = (award.first, award.second) else {
        return;
    };
    for &vendor in order {
        if vendor == first || vendor == second || !award.of(vendor).eligible() {
            continue;
        }
        let Some((a, b)) = totals_without(award, s, vendor) else {
            continue;
        };
        if order_kept(award, a, b) {
            continue;
        }
        out.push(Flag {
            code: FlagCode::F11,
            severity: FlagSeverity::High,
            requirement: None,
            vendors: vec![vendor],
            detail: FlagDetail::RankReversal {
                first: a.0,
                second: b.0,
            },
        });
    }
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let FlagDetail::RankReversal { first, second } = flag.detail else {
        unreachable!("F11 carries the totals without the bid")
    };
    let award = say
        .analysis
        .award
        .as_ref()
        .expect("F11 comes with an award");
    let vendor = say.vendor(flag.vendors[0]);
    let a = say.vendor(award.first.expect("a first"));
    let b = say.vendor(award.second.expect("a second"));
    let (first, second) = (points(first), points(second));
    let message = match say.lang {
        Lang::Ja => format!(
            "{vendor} の提案がなかったとすると、価格点を計算し直して {a} {first} 点・{b} {second} 点となり、1位と2位の順位が入れ替わる（または同点になる）。"
        ),
        Lang::En => format!(
            "Without {vendor}'s bid, the price points recomputed give {a} {first} and {b} {second}: the first two swap places (or tie)."
        ),
    };
    let recommendation = say.lang.pick(
        "落札者が、受注の見込みのない他社の入札の有無で決まります（最低価格基準・線形の価格点の性質）。評価方法の妥当性を委員会で確認し、次回の調達では価格点を予定価格基準（各社の価格だけで決まる方式）にすることを検討してください。",
        "The winner depends on whether a bid with no chance of winning was made (a property of lowest-ratio and linear price points). Have the committee confirm the method, and consider ceiling-ratio price points, which depend on each vendor's own price only, in the next procurement.",
    );
    Text {
        message,
        recommendation: recommendation.to_string(),
    }
}
