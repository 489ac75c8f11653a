//! §12 the award (総合評価): eligibility, technical and price points,
//! totals, ranks, ties, and where price would turn the award.
//!
//! Every figure is computed the way a committee computes it by hand, so
//! that the printed sheet can be redone with a calculator: each points
//! figure is rounded (`award.rounding`, `award.decimals`) before it is
//! added, and a value within 1e-9 of a rounding boundary is on it (0.29 ×
//! 100 floors to 29, as on paper, not to 28.99). The tipping figures use the
//! unrounded ratios, since they answer "where would it turn", not "what is
//! printed".

use std::cmp::Ordering;

use crate::model::{
    Award, AwardMethod, AwardTie, AwardVendor, Ineligible, Inputs, Rounding, Tipping, VendorId,
    VendorResult,
};
use crate::settings::AwardSettings;

use super::score::{TOLERANCE, greater, same};

/// Rounds a points figure as `rounding` says, to `decimals` places; a value
/// within 1e-9 of a boundary (after scaling) counts as on it.
pub fn round_points(x: f64, rounding: Rounding, decimals: u32) -> f64 {
    let scale = 10f64.powi(decimals as i32);
    let y = x * scale;
    let on = |v: f64| {
        let r = v.round();
        ((v - r).abs() < TOLERANCE).then_some(r)
    };
    let n = match rounding {
        Rounding::None => return x,
        Rounding::Floor => on(y).unwrap_or_else(|| y.floor()),
        // Half up (四捨五入): y + 0.5 on an integer rounds up to it.
        Rounding::Round => on(y + 0.5).unwrap_or_else(|| (y + 0.5).floor()),
    };
    n / scale
}

/// A sum of rounded figures without the binary fraction's dust (0.1 + 0.2
/// reads 0.3): the sum of two figures of `decimals` places has as many.
fn tidy(x: f64, rounding: Rounding, decimals: u32) -> f64 {
    if rounding == Rounding::None {
        return x;
    }
    let scale = 10f64.powi(decimals as i32);
    (x * scale).round() / scale
}

/// The unrounded price ratio of each price (price points ÷ points set),
/// over the prices of the vendors that compete on price. `None` for
/// `division`, which gives no price points.
pub fn ratios(method: AwardMethod, prices: &[f64], ceiling: Option<f64>) -> Option<Vec<f64>> {
    let lowest = prices.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = prices.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let ratio = |p: f64| match method {
        AwardMethod::LowestRatio => lowest / p,
        AwardMethod::CeilingRatio => {
            1.0 - p / ceiling.expect("settings refuse ceiling_ratio without a ceiling")
        }
        AwardMethod::Linear if highest - lowest <= TOLERANCE * highest.abs().max(1.0) => 1.0,
        AwardMethod::Linear => (highest - p) / (highest - lowest),
        AwardMethod::Division => f64::NAN,
    };
    (method != AwardMethod::Division).then(|| prices.iter().map(|&p| ratio(p)).collect())
}

/// One vendor's price figures over a field of bids.
#[derive(Clone, Copy)]
struct Points {
    ratio: Option<f64>,
    points: Option<f64>,
    total: Option<f64>,
    value: Option<f64>,
}

/// The vendors that compete on price, with their technical points and prices.
struct Field {
    vendors: Vec<VendorId>,
    technical: Vec<f64>,
    prices: Vec<f64>,
}

impl Field {
    /// Each vendor's price figures over this field.
    fn points(&self, s: &AwardSettings) -> Vec<Points> {
        match ratios(s.method, &self.prices, s.ceiling) {
            Some(ratios) => (ratios.iter().zip(&self.technical))
                .map(|(&ratio, &technical)| {
                    let points = round_points(s.price_points * ratio, s.rounding, s.decimals);
                    let total = tidy(technical + points, s.rounding, s.decimals);
                    Points {
                        ratio: Some(ratio),
                        points: Some(points),
                        total: Some(total),
                        value: None,
                    }
                })
                .collect(),
            None => (self.prices.iter().zip(&self.technical))
                .map(|(&price, &technical)| {
                    let value = (s.base_points + technical) / (price / 1_000_000.0);
                    Points {
                        ratio: None,
                        points: None,
                        total: None,
                        value: Some(value),
                    }
                })
                .collect(),
        }
    }
}

/// How two vendors stand: by what ranks them, then by technical points.
fn standing(a: (f64, f64), b: (f64, f64)) -> Ordering {
    let by = |x: f64, y: f64| {
        if same(x, y) {
            Ordering::Equal
        } else if greater(x, y) {
            Ordering::Greater
        } else {
            Ordering::Less
        }
    };
    by(a.0, b.0).then_with(|| by(a.1, b.1))
}

/// The award of one evaluation; `None` without prices.
///
/// `results` are the vendors in the §8.2 order. `committee` gives each
/// vendor's committee score ÷ committee max (§13), by `VendorId` index,
/// when the committee scored; without it committee points are 0.
pub fn award(
    inputs: &Inputs,
    s: &AwardSettings,
    results: &[VendorResult],
    committee: Option<&[Option<f64>]>,
) -> Option<Award> {
    let prices = inputs.prices.as_ref()?;
    let round = |x: f64| round_points(x, s.rounding, s.decimals);
    let mut vendors: Vec<AwardVendor> = results
        .iter()
        .map(|r| {
            let fit = if r.max_score > 0.0 {
                round(s.fit_points * r.score / r.max_score)
            } else {
                0.0
            };
            let committee = (s.committee_points > 0.0).then(|| {
                let share = committee
                    .and_then(|c| c.get(r.vendor.index()).copied().flatten())
                    .unwrap_or(0.0);
                round(s.committee_points * share)
            });
            let technical = tidy(fit + committee.unwrap_or(0.0), s.rounding, s.decimals);
            let price = prices.by_vendor[r.vendor.index()].as_ref().map(|p| {
                p.price
                    + if s.add_customization {
                        r.customization_cost
                    } else {
                        0.0
                    }
            });
            let mut reasons = Vec::new();
            if !r.compliant {
                reasons.push(Ineligible::NonCompliant);
            }
            match (price, s.ceiling) {
                (None, _) => reasons.push(Ineligible::NoPrice),
                (Some(p), Some(c)) if p > c => reasons.push(Ineligible::OverCeiling),
                _ => {}
            }
            if let Some(minimum) = s.technical_minimum {
                let floor = minimum * (s.fit_points + s.committee_points);
                if floor - technical >= TOLERANCE {
                    reasons.push(Ineligible::BelowTechnicalMinimum);
                }
            }
            AwardVendor {
                vendor: r.vendor,
                rank: None,
                reasons,
                price,
                fit_points: fit,
                committee_points: committee,
                technical_points: technical,
                price_ratio: None,
                price_points: None,
                total: None,
                value: None,
            }
        })
        .collect();

    let eligible: Vec<usize> = (0..vendors.len())
        .filter(|&i| vendors[i].eligible())
        .collect();
    let field = Field {
        vendors: eligible.iter().map(|&i| vendors[i].vendor).collect(),
        technical: eligible
            .iter()
            .map(|&i| vendors[i].technical_points)
            .collect(),
        prices: eligible
            .iter()
            .map(|&i| vendors[i].price.expect("an eligible vendor has a price"))
            .collect(),
    };
    for (&i, p) in eligible.iter().zip(field.points(s)) {
        let v = &mut vendors[i];
        (v.price_ratio, v.price_points, v.total, v.value) = (p.ratio, p.points, p.total, p.value);
    }

    // Eligible first, by what ranks them then technical points, a tie left
    // to lot in the §8.2 order (the sort is stable); then the ineligible.
    let key = |v: &AwardVendor| (v.ranked_by().unwrap_or(f64::NAN), v.technical_points);
    vendors.sort_by(|a, b| match (a.eligible(), b.eligible()) {
        (true, true) => standing(key(b), key(a)),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => Ordering::Equal,
    });
    let count = eligible.len();
    for i in 0..count {
        let ahead = (0..count)
            .filter(|&j| standing(key(&vendors[j]), key(&vendors[i])) == Ordering::Greater)
            .count();
        vendors[i].rank = Some(1 + ahead);
    }
    let (technical_tie_breaks, ties) = ties(&vendors[..count]);
    let first = vendors.first().filter(|v| v.eligible()).map(|v| v.vendor);
    let second = vendors.get(1).filter(|v| v.eligible()).map(|v| v.vendor);
    let tipping = match (first, second) {
        (Some(a), Some(b)) => tipping(&field, s, a, b),
        _ => Tipping::default(),
    };
    let mut sorted = field.prices.clone();
    sorted.sort_by(f64::total_cmp);
    Some(Award {
        method: s.method,
        fit_points: s.fit_points,
        committee_points: s.committee_points,
        price_points: s.price_points,
        vendors,
        technical_tie_breaks,
        ties,
        first,
        second,
        tipping,
        lowest_price: sorted.first().copied(),
        median_price: median(&sorted),
    })
}

/// The median of sorted values; an even count's is the mean of the middle two.
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Among eligible vendors in award order: the runs of equal totals that
/// technical points decide, and the ranks shared (left to lot).
fn ties(ranked: &[AwardVendor]) -> (Vec<Vec<VendorId>>, Vec<AwardTie>) {
    let mut broken = Vec::new();
    let mut lots = Vec::new();
    let mut start = 0;
    while start < ranked.len() {
        let by = ranked[start].ranked_by().unwrap_or(f64::NAN);
        let end = (start..ranked.len())
            .find(|&j| !same(ranked[j].ranked_by().unwrap_or(f64::NAN), by))
            .unwrap_or(ranked.len());
        let run = &ranked[start..end];
        if run.len() > 1 && run.iter().any(|v| v.rank != run[0].rank) {
            broken.push(run.iter().map(|v| v.vendor).collect());
        }
        let mut k = start;
        while k < end {
            let rank = ranked[k].rank;
            let shared = (k..end).take_while(|&j| ranked[j].rank == rank).count();
            if shared > 1 {
                lots.push(AwardTie {
                    rank: rank.expect("an eligible vendor has a rank"),
                    vendors: ranked[k..k + shared].iter().map(|v| v.vendor).collect(),
                });
            }
            k += shared;
        }
        start = end;
    }
    (broken, lots)
}

/// P* and the reversal price between first `a` and second `b`.
fn tipping(field: &Field, s: &AwardSettings, a: VendorId, b: VendorId) -> Tipping {
    let at = |v: VendorId| {
        field
            .vendors
            .iter()
            .position(|&x| x == v)
            .expect("first and second compete on price")
    };
    let (ia, ib) = (at(a), at(b));
    let (t1, t2) = (field.technical[ia], field.technical[ib]);
    let Some(ratios) = ratios(s.method, &field.prices, s.ceiling) else {
        let base = s.base_points;
        let reversal = (base + t1 > 0.0).then(|| (base + t2) * field.prices[ia] / (base + t1));
        return Tipping {
            price_points_tie: None,
            reversal_price: reversal,
            second_cheaper: field.prices[ib] < field.prices[ia],
        };
    };
    let (p1, p2) = (ratios[ia], ratios[ib]);
    let price_points_tie = if (p2 - p1).abs() < 1e-12 {
        None
    } else {
        let tie = (t1 - t2) / (p2 - p1);
        (tie > -TOLERANCE).then_some(tie.max(0.0))
    };
    Tipping {
        price_points_tie,
        reversal_price: reversal_price(field, s, ia, ib),
        second_cheaper: p2 > p1,
    }
}

/// The price at which the second's unrounded total equals the first's,
/// every other price unchanged and every ratio recomputed; `None` when no
/// price in (0, ceiling] ties them.
///
/// The second's lead over the first falls as its price rises whatever the
/// method (a lower price never costs it points, nor gives the first any),
/// so the tie is found by halving the interval where the lead changes sign;
/// a jump across zero (two vendors under `linear`) is no tie.
fn reversal_price(field: &Field, s: &AwardSettings, ia: usize, ib: usize) -> Option<f64> {
    let lead = |x: f64| {
        let mut prices = field.prices.clone();
        prices[ib] = x;
        let r = ratios(s.method, &prices, s.ceiling).expect("a ratio method");
        (field.technical[ib] + s.price_points * r[ib])
            - (field.technical[ia] + s.price_points * r[ia])
    };
    let highest = field.prices.iter().copied().fold(0.0, f64::max);
    let mut hi = s.ceiling.unwrap_or(highest * 1_000.0);
    let mut lo = highest * 1e-9;
    if lead(lo) < 0.0 || lead(hi) > 0.0 {
        return None;
    }
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if lead(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let x = (lo + hi) / 2.0;
    (lead(x).abs() < 1e-6).then_some(x)
}

/// The totals of first and second with vendor `without` left out of the
/// price competition (its price no longer sets the lowest or highest), for
/// F11; `None` when a vendor of the three does not compete on price.
pub fn totals_without(
    award: &Award,
    s: &AwardSettings,
    without: VendorId,
) -> Option<((f64, f64), (f64, f64))> {
    let (a, b) = (award.first?, award.second?);
    let kept: Vec<&AwardVendor> = (award.vendors.iter())
        .filter(|v| v.eligible() && v.vendor != without)
        .collect();
    let field = Field {
        vendors: kept.iter().map(|v| v.vendor).collect(),
        technical: kept.iter().map(|v| v.technical_points).collect(),
        prices: kept.iter().map(|v| v.price.unwrap_or(f64::NAN)).collect(),
    };
    let points = field.points(s);
    let standing_of = |v: VendorId| {
        let i = field.vendors.iter().position(|&x| x == v)?;
        let p = points[i];
        Some((p.total.or(p.value)?, field.technical[i]))
    };
    Some((standing_of(a)?, standing_of(b)?))
}

/// Whether the order of first and second stands, given their (ranking
/// figure, technical points) after a change: a first ahead on the figure
/// must stay ahead on it (a tie counts as a change, SPEC §12 F11), a first
/// tied on it must not fall behind.
pub fn order_kept(award: &Award, first: (f64, f64), second: (f64, f64)) -> bool {
    let figure = |v: Option<VendorId>| {
        let v = award.of(v.expect("first and second"));
        v.ranked_by().unwrap_or(f64::NAN)
    };
    let by = |a: f64, b: f64| standing((a, 0.0), (b, 0.0));
    let after = by(first.0, second.0);
    match by(figure(award.first), figure(award.second)) {
        Ordering::Greater => after == Ordering::Greater,
        _ => after != Ordering::Less,
    }
}

#[cfg(test)]
mod tests;
