//! F12 low_price: a price so low that it must be checked before the award
//! (著しい低価格).
//!
//! Why: a price far below the ceiling or the others' may not be sustainable
//! (dumping, a misread specification, quality cut in operation); public
//! buyers confirm such a price is sound before awarding — 価格の妥当性確認, or
//! the 低入札価格調査 under a 予定価格. Raised for each eligible vendor whose
//! price is below `low_price_ratio` × `ceiling` (when a ceiling is set) or
//! below `low_median_ratio` × the eligible vendors' median price; one flag
//! per vendor, severity medium. Exclusion: ineligible vendors (they cannot
//! win).

use crate::model::{Flag, FlagCode, FlagDetail, FlagSeverity, Lang, VendorId};
use crate::settings::{AwardSettings, CeilingKind};
use crate::write::xlsx::format::yen_text;

use super::{Say, Text, join, points};

/// `order` is the §8.2 vendor order the flags are listed in.
pub(crate) fn check(
    award: &crate::model::Award,
    s: &AwardSettings,
    order: &[VendorId],
    out: &mut Vec<Flag>,
) {
    let ceiling_limit = s
        .ceiling
        .map(|c| (s.low_price_ratio, s.low_price_ratio * c));
    let median_limit = (award.median_price).map(|m| (s.low_median_ratio, s.low_median_ratio * m));
    for &vendor in order {
        let v = award.of(vendor);
        let Some(price) = v.price.filter(|_| v.eligible()) else {
            continue;
        };
        let below = |limit: Option<(f64, f64)>| limit.filter(|&(_, l)| price < l);
        let (by_ceiling, by_median) = (below(ceiling_limit), below(median_limit));
        if by_ceiling.is_none() && by_median.is_none() {
            continue;
        }
        out.push(Flag {
            code: FlagCode::F12,
            severity: FlagSeverity::Medium,
            requirement: None,
            vendors: vec![vendor],
            detail: FlagDetail::LowPrice {
                price,
                ceiling_limit: by_ceiling,
                median_limit: by_median,
                budgeted: s.ceiling_kind == CeilingKind::BudgetedPrice,
            },
        });
    }
}

/// The check a low price calls for, by the kind of ceiling.
pub(crate) fn inquiry(kind: CeilingKind, lang: Lang) -> &'static str {
    match kind {
        CeilingKind::ProposalCeiling => lang.pick("価格の妥当性確認", "a price soundness review"),
        CeilingKind::BudgetedPrice => {
            lang.pick("低入札価格調査", "a low-bid investigation (低入札価格調査)")
        }
    }
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let FlagDetail::LowPrice {
        price,
        ceiling_limit,
        median_limit,
        budgeted,
    } = flag.detail
    else {
        unreachable!("F12 carries the price and its limits")
    };
    let lang = say.lang;
    let vendor = say.vendor(flag.vendors[0]);
    let ceiling = if budgeted {
        lang.pick("予定価格", "the budgeted price")
    } else {
        lang.pick("提案上限額", "the proposal ceiling")
    };
    let mut limits = Vec::new();
    if let Some((ratio, l)) = ceiling_limit {
        limits.push(match lang {
            Lang::Ja => format!("{ceiling}の {} 倍（{}）", points(ratio), yen_text(l)),
            Lang::En => format!("{} × {ceiling} ({})", points(ratio), yen_text(l)),
        });
    }
    if let Some((ratio, l)) = median_limit {
        limits.push(match lang {
            Lang::Ja => format!("対象者の中央値の {} 倍（{}）", points(ratio), yen_text(l)),
            Lang::En => format!("{} × the eligible median ({})", points(ratio), yen_text(l)),
        });
    }
    let limits = join(lang, &limits);
    let message = match lang {
        Lang::Ja => format!(
            "{vendor} の提案価格 {} は {limits} を下回る著しい低価格です。",
            yen_text(price)
        ),
        Lang::En => format!(
            "{vendor}'s price {} is below {limits}: an abnormally low price.",
            yen_text(price)
        ),
    };
    let kind = if budgeted {
        CeilingKind::BudgetedPrice
    } else {
        CeilingKind::ProposalCeiling
    };
    let recommendation = match lang {
        Lang::Ja => format!(
            "落札者とする前に{}を行い、見積の内訳・体制・運用保守の範囲で履行できる価格かを確認してください。",
            inquiry(kind, lang)
        ),
        Lang::En => format!(
            "Before the award, carry out {}: check the breakdown, the staffing and the scope of operation to confirm the contract can be delivered at this price.",
            inquiry(kind, lang)
        ),
    };
    Text {
        message,
        recommendation,
    }
}
