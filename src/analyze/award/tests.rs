//! The award's rules, each on a consortium built in code.

use super::*;
use crate::analyze::fixture::*;
use crate::model::{AwardMethod, FlagCode, FlagSeverity, Prices, VendorPrice};

const MILLION: f64 = 1_000_000.0;

/// One mandatory requirement of weight 0 (so it knocks out without moving
/// the fit), then 100 desirable requirements of weight 1: a vendor with
/// `fit` standard answers has fit points `fit` out of 100.
fn consortium(vendors: &[(&str, usize, bool)]) -> Case {
    let mut case = Case::new().req("M-000", M, 0.0);
    for i in 1..=100 {
        case = case.req(&format!("R-{i:03}"), D, 1.0);
    }
    for &(name, fit, compliant) in vendors {
        let codes: String = std::iter::once(if compliant { '◎' } else { '×' })
            .chain((0..100).map(|i| if i < fit { '◎' } else { '×' }))
            .collect();
        case = case.vendor(name, &codes);
    }
    case
}

/// Sets each vendor's price (yen); `None` leaves it without one.
fn priced(mut case: Case, prices: &[Option<f64>]) -> Case {
    let by_vendor = (case.inputs.vendors.iter())
        .zip(prices)
        .map(|(v, p)| {
            p.map(|price| VendorPrice {
                written: format!("株式会社{}", v.name),
                sheet: "価格".into(),
                row: 2,
                total: Some(price),
                initial: None,
                migration: None,
                annual: None,
                monthly: None,
                years: 5.0,
                years_given: false,
                price,
            })
        })
        .collect();
    case.inputs.prices = Some(Prices {
        file: "価格.xlsx".into(),
        by_vendor,
    });
    case
}

/// Three compliant vendors: technical 80, 70, 60; prices 100, 80, 50 million.
fn three() -> Case {
    let case = consortium(&[("A社", 80, true), ("B社", 70, true), ("C社", 60, true)]);
    priced(
        case,
        &[
            Some(100.0 * MILLION),
            Some(80.0 * MILLION),
            Some(50.0 * MILLION),
        ],
    )
}

/// A vendor's name, rank and two of its figures.
type Row<'a> = (&'a str, Option<usize>, Option<f64>, Option<f64>);

/// (name, rank, price points, total) in award order.
fn table(ran: &Ran) -> Vec<Row<'_>> {
    let award = ran.award.as_ref().expect("an award");
    (award.vendors.iter())
        .map(|v| (ran.name(v.vendor), v.rank, v.price_points, v.total))
        .collect()
}

#[test]
fn no_prices_no_award() {
    let ran = consortium(&[("A社", 80, true)]).run();
    assert!(ran.award.is_none());
}

#[test]
fn lowest_ratio_gives_points_by_the_lowest_price() {
    let ran = three().run();
    assert_eq!(
        table(&ran),
        vec![
            ("C社", Some(1), Some(50.0), Some(110.0)),
            ("A社", Some(2), Some(25.0), Some(105.0)),
            ("B社", Some(3), Some(31.25), Some(101.25)),
        ]
    );
    let award = ran.award.as_ref().unwrap();
    assert_eq!(award.lowest_price, Some(50.0 * MILLION));
    assert_eq!(award.median_price, Some(80.0 * MILLION));
    assert_eq!(
        ran.names(&[award.first.unwrap(), award.second.unwrap()]),
        ["C社", "A社"]
    );
}

#[test]
fn ceiling_ratio_gives_points_by_the_ceiling() {
    let ran = three()
        .with(|s| {
            s.award.method = AwardMethod::CeilingRatio;
            s.award.ceiling = Some(200.0 * MILLION);
        })
        .run();
    assert_eq!(
        table(&ran),
        vec![
            ("A社", Some(1), Some(25.0), Some(105.0)),
            ("B社", Some(2), Some(30.0), Some(100.0)),
            ("C社", Some(3), Some(37.5), Some(97.5)),
        ]
    );
    // B社 ties A社 at 70 + 50 × (1 − x ÷ 200 million) = 105: x = 60 million;
    // P* = (80 − 70) ÷ (0.6 − 0.5) = 100.
    let t = &ran.award.as_ref().unwrap().tipping;
    assert!((t.reversal_price.unwrap() - 60.0 * MILLION).abs() < 1e-3);
    assert!((t.price_points_tie.unwrap() - 100.0).abs() < 1e-9);
    assert!(t.second_cheaper);
}

#[test]
fn linear_spreads_points_between_the_highest_and_the_lowest() {
    let ran = three().with(|s| s.award.method = AwardMethod::Linear).run();
    assert_eq!(
        table(&ran),
        vec![
            ("C社", Some(1), Some(50.0), Some(110.0)),
            ("B社", Some(2), Some(20.0), Some(90.0)),
            ("A社", Some(3), Some(0.0), Some(80.0)),
        ]
    );
    // All prices equal: every vendor gets the whole price points.
    let equal = priced(
        consortium(&[("A社", 80, true), ("B社", 70, true)]),
        &[Some(MILLION), Some(MILLION)],
    )
    .with(|s| s.award.method = AwardMethod::Linear)
    .run();
    let points: Vec<_> = table(&equal).iter().map(|r| r.2).collect();
    assert_eq!(points, vec![Some(50.0), Some(50.0)]);
}

#[test]
fn division_ranks_by_value_without_price_points() {
    let ran = three()
        .with(|s| {
            s.award.method = AwardMethod::Division;
            s.award.base_points = 20.0;
        })
        .run();
    let award = ran.award.as_ref().unwrap();
    let got: Vec<Row> = (award.vendors.iter())
        .map(|v| (ran.name(v.vendor), v.rank, v.total, v.value))
        .collect();
    // (20 + 60) ÷ 50 = 1.6; (20 + 70) ÷ 80 = 1.125; (20 + 80) ÷ 100 = 1.
    assert_eq!(
        got,
        vec![
            ("C社", Some(1), None, Some(1.6)),
            ("B社", Some(2), None, Some(1.125)),
            ("A社", Some(3), None, Some(1.0)),
        ]
    );
    assert!(award.vendors.iter().all(|v| v.price_points.is_none()));
    // The reversal price under division: (base + t₂) × price₁ ÷ (base + t₁).
    assert_eq!(award.tipping.price_points_tie, None);
    let reversal = award.tipping.reversal_price.unwrap();
    assert!(
        (reversal - 90.0 * 50.0 * MILLION / 80.0).abs() < 1e-3,
        "{reversal}"
    );
}

#[test]
fn each_figure_is_floored_and_a_boundary_counts_as_on_it() {
    assert_eq!(0.29 * 100.0, 28.999999999999996);
    assert_eq!(round_points(0.29 * 100.0, Rounding::Floor, 0), 29.0);
    assert_eq!(round_points(0.29, Rounding::Floor, 2), 0.29);
    assert_eq!(round_points(28.999, Rounding::Floor, 2), 28.99);
    assert_eq!(round_points(2.345, Rounding::Round, 2), 2.35);
    assert_eq!(round_points(2.344, Rounding::Round, 2), 2.34);
    assert_eq!(round_points(2.3449, Rounding::None, 2), 2.3449);
    // In the award: 100 × 2,900,000 ÷ 10,000,000 floors to 29, not 28.99.
    let ran = priced(
        consortium(&[("A社", 50, true), ("B社", 40, true)]),
        &[Some(10_000_000.0), Some(2_900_000.0)],
    )
    .with(|s| s.award.price_points = 100.0)
    .run();
    let a = table(&ran).into_iter().find(|r| r.0 == "A社").unwrap();
    assert_eq!((a.2, a.3), (Some(29.0), Some(79.0)));
    // 1/3 of the fit floors to 33.33, and the figure is added as printed.
    let third = priced(consortium(&[("A社", 100, true)]), &[Some(MILLION)])
        .with(|s| s.award.fit_points = 100.0 / 3.0 + 1e-12)
        .run();
    let a = &third.award.as_ref().unwrap().vendors[0];
    assert_eq!((a.fit_points, a.total), (33.33, Some(83.33)));
}

#[test]
fn equal_totals_go_to_the_higher_technical_points() {
    // A: 80 + 40 (price 1.25 × the lowest); B: 70 + 50. Both 120.
    let ran = priced(
        consortium(&[("B社", 70, true), ("A社", 80, true), ("C社", 30, true)]),
        &[
            Some(80.0 * MILLION),
            Some(100.0 * MILLION),
            Some(90.0 * MILLION),
        ],
    )
    .run();
    assert_eq!(
        table(&ran)[..2],
        [
            ("A社", Some(1), Some(40.0), Some(120.0)),
            ("B社", Some(2), Some(50.0), Some(120.0)),
        ]
    );
    let award = ran.award.as_ref().unwrap();
    assert_eq!(award.technical_tie_breaks.len(), 1);
    assert_eq!(ran.names(&award.technical_tie_breaks[0]), ["A社", "B社"]);
    assert!(award.ties.is_empty());
}

#[test]
fn equal_in_total_and_technical_points_is_left_to_lot() {
    let ran = priced(
        consortium(&[("A社", 80, true), ("B社", 80, true), ("C社", 60, true)]),
        &[Some(MILLION), Some(MILLION), Some(MILLION)],
    )
    .run();
    assert_eq!(
        table(&ran),
        vec![
            ("A社", Some(1), Some(50.0), Some(130.0)),
            ("B社", Some(1), Some(50.0), Some(130.0)),
            ("C社", Some(3), Some(50.0), Some(110.0)),
        ]
    );
    let award = ran.award.as_ref().unwrap();
    assert_eq!(award.ties.len(), 1);
    assert_eq!(award.ties[0].rank, 1);
    assert_eq!(ran.names(&award.ties[0].vendors), ["A社", "B社"]);
    assert!(award.technical_tie_breaks.is_empty());
}

#[test]
fn every_reason_of_ineligibility_is_listed() {
    let ran = priced(
        consortium(&[
            ("A社", 90, true),
            ("B社", 30, false),
            ("C社", 85, true),
            ("D社", 70, true),
        ]),
        &[
            Some(100.0 * MILLION),
            None,
            Some(201.0 * MILLION),
            Some(120.0 * MILLION),
        ],
    )
    .with(|s| {
        s.award.ceiling = Some(200.0 * MILLION);
        s.award.technical_minimum = Some(0.6);
    })
    .run();
    let award = ran.award.as_ref().unwrap();
    let reasons: Vec<(&str, Vec<Ineligible>)> = (award.vendors.iter())
        .map(|v| (ran.name(v.vendor), v.reasons.clone()))
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("A社", vec![]),
            ("D社", vec![]),
            // Listed in the §8.2 order after the eligible: C社 (fit 85) before B社.
            ("C社", vec![Ineligible::OverCeiling]),
            (
                "B社",
                vec![
                    Ineligible::NonCompliant,
                    Ineligible::NoPrice,
                    Ineligible::BelowTechnicalMinimum
                ]
            ),
        ]
    );
    for v in &award.vendors[2..] {
        assert_eq!((v.rank, v.price_points, v.total), (None, None, None));
    }
    // The lowest price is the eligible vendors': A社's, not C社's or anyone's above.
    assert_eq!(award.lowest_price, Some(100.0 * MILLION));
    // Exactly on the minimum (60 of 100) is not below it.
    let on = priced(consortium(&[("A社", 60, true)]), &[Some(MILLION)])
        .with(|s| s.award.technical_minimum = Some(0.6))
        .run();
    assert!(on.award.as_ref().unwrap().vendors[0].eligible());
}

#[test]
fn committee_points_plug_into_the_technical_points() {
    let case = priced(
        consortium(&[("A社", 80, true), ("B社", 70, true)]),
        &[Some(MILLION), Some(MILLION)],
    )
    .with(|s| {
        s.award.fit_points = 80.0;
        s.award.committee_points = 20.0;
    });
    let analysis = crate::analyze::analyze(&case.inputs, &case.settings);
    let shares = [Some(0.5), Some(0.95)];
    let award = award(
        &case.inputs,
        &case.settings.award,
        &analysis.vendors,
        Some(&shares),
    )
    .unwrap();
    let got: Vec<(f64, Option<f64>, f64)> = (award.vendors.iter())
        .map(|v| (v.fit_points, v.committee_points, v.technical_points))
        .collect();
    assert_eq!(
        got,
        vec![(56.0, Some(19.0), 75.0), (64.0, Some(10.0), 74.0)]
    );
    // Without committee scores (§13 not given) the term is 0, not missing.
    assert_eq!(
        analysis.award.as_ref().unwrap().vendors[0].committee_points,
        Some(0.0)
    );
}

#[test]
fn the_tipping_point_and_the_reversal_price() {
    // First B社 (70 + 50 = 120, cheapest), second A社 (80 + 25 = 105).
    let ran = priced(
        consortium(&[("A社", 80, true), ("B社", 70, true)]),
        &[Some(200.0 * MILLION), Some(100.0 * MILLION)],
    )
    .run();
    let award = ran.award.as_ref().unwrap();
    assert_eq!(ran.name(award.first.unwrap()), "B社");
    let t = &award.tipping;
    // P* = (70 − 80) ÷ (0.5 − 1) = 20; the first is the cheaper.
    assert_eq!(t.price_points_tie, Some(20.0));
    assert!(!t.second_cheaper);
    // A社 ties at 80 + 50 × 100 ÷ x = 120: x = 125 million.
    let x = t.reversal_price.unwrap();
    assert!((x - 125.0 * MILLION).abs() < 1e-3, "{x}");
}

#[test]
fn a_tipping_point_that_cannot_be_reached_is_null() {
    // A社 leads on technical points and price alike: no P* ≥ 0 ties them.
    let ran = priced(
        consortium(&[("A社", 80, true), ("B社", 70, true)]),
        &[Some(100.0 * MILLION), Some(150.0 * MILLION)],
    )
    .run();
    let t = &ran.award.as_ref().unwrap().tipping;
    assert_eq!(t.price_points_tie, None);
    // B社 can still tie by cutting its price: at x ≤ 100 million it takes the
    // 50 points and A社's fall: 70 + 50 = 80 + 50 × x ÷ 100 at x = 80 million.
    let x = t.reversal_price.unwrap();
    assert!((x - 80.0 * MILLION).abs() < 1e-3, "{x}");
    // A gap of more than the price points: no price ties them either.
    let far = priced(
        consortium(&[("A社", 90, true), ("B社", 30, true)]),
        &[Some(100.0 * MILLION), Some(150.0 * MILLION)],
    )
    .run();
    let t = &far.award.as_ref().unwrap().tipping;
    assert_eq!((t.price_points_tie, t.reversal_price), (None, None));
}

#[test]
fn f11_removing_a_losing_bid_swaps_the_first_two() {
    // With C社's low bid: A社 80 + 25 = 105, B社 72 + 31.25 = 103.25, C社 40 + 50 = 90.
    // Without it B社 is the lowest: A社 80 + 40 = 120, B社 72 + 50 = 122.
    let case = priced(
        consortium(&[("A社", 80, true), ("B社", 72, true), ("C社", 40, true)]),
        &[
            Some(100.0 * MILLION),
            Some(80.0 * MILLION),
            Some(50.0 * MILLION),
        ],
    );
    let ran = case.run();
    let award = ran.award.as_ref().unwrap();
    assert_eq!(
        ran.names(&[award.first.unwrap(), award.second.unwrap()]),
        ["A社", "B社"]
    );
    let f11 = flags_of(&ran, FlagCode::F11);
    assert_eq!(f11.len(), 1);
    assert_eq!(names(&f11[0].vendors), ["C社"]);
    assert_eq!(f11[0].severity, FlagSeverity::High);
    assert_eq!(f11[0].requirement, None);
    assert!(
        f11[0].message.contains("A社 120 点・B社 122 点"),
        "{}",
        f11[0].message
    );
    // The award flags come after every other, by code.
    let codes: Vec<FlagCode> = ran.flags.iter().map(|f| f.code).collect();
    let first_award = codes.iter().position(|&c| c >= FlagCode::F11).unwrap();
    assert!(codes[first_award..].windows(2).all(|w| w[0] <= w[1]));
    assert!(codes[..first_award].iter().all(|&c| c < FlagCode::F11));
    // Under ceiling_ratio each price is scored on its own: no F11.
    let ceiling = case
        .with(|s| {
            s.award.method = AwardMethod::CeilingRatio;
            s.award.ceiling = Some(200.0 * MILLION);
        })
        .run();
    assert!(flags_of(&ceiling, FlagCode::F11).is_empty());
}

#[test]
fn f11_counts_a_tie_as_a_change() {
    // Without C社: A社 80 + 40 = 120, B社 70 + 50 = 120 — A社 would still
    // win on technical points, but the total no longer decides it.
    let ran = priced(
        consortium(&[("A社", 80, true), ("B社", 70, true), ("C社", 40, true)]),
        &[
            Some(100.0 * MILLION),
            Some(80.0 * MILLION),
            Some(50.0 * MILLION),
        ],
    )
    .run();
    let f11 = flags_of(&ran, FlagCode::F11);
    assert_eq!(f11.len(), 1);
    assert!(
        f11[0].message.contains("A社 120 点・B社 120 点"),
        "{}",
        f11[0].message
    );
}

#[test]
fn f11_is_quiet_when_no_losing_bid_moves_the_first_two() {
    let ran = three().run();
    assert!(flags_of(&ran, FlagCode::F11).is_empty());
}

#[test]
fn f12_marks_an_abnormally_low_price() {
    // Median of 100, 80, 50 is 80: below 0.7 × 80 = 56 is C社's 50.
    let ran = three().run();
    let f12 = flags_of(&ran, FlagCode::F12);
    assert_eq!(f12.len(), 1);
    assert_eq!(names(&f12[0].vendors), ["C社"]);
    assert_eq!(f12[0].severity, FlagSeverity::Medium);
    assert_eq!(
        f12[0].message,
        "C社 の提案価格 ¥50,000,000 は 対象者の中央値の 0.7 倍（¥56,000,000） を下回る著しい低価格です。"
    );
    assert!(f12[0].recommendation.contains("価格の妥当性確認"));
    // Below 0.6 × a 予定価格 of 150 million = 90: B社 and C社; the check is then
    // the 低入札価格調査.
    let ran = three()
        .with(|s| {
            s.award.ceiling = Some(150.0 * MILLION);
            s.award.ceiling_kind = crate::settings::CeilingKind::BudgetedPrice;
            s.award.low_median_ratio = 0.0;
        })
        .run();
    let f12 = flags_of(&ran, FlagCode::F12);
    let vendors: Vec<&str> = f12.iter().map(|f| f.vendors[0].as_str()).collect();
    assert_eq!(vendors, vec!["B社", "C社"]);
    assert!(f12[0].recommendation.contains("低入札価格調査"));
    assert!(
        f12[0].message.contains("予定価格の 0.6 倍（¥90,000,000）"),
        "{}",
        f12[0].message
    );
}

#[test]
fn f13_when_the_price_points_set_nearly_swaps_the_first_two() {
    // P* = 20 against 50 set: far. At 24 set, within 0.2 × 24 = 4.8.
    let case = priced(
        consortium(&[("A社", 80, true), ("B社", 70, true)]),
        &[Some(200.0 * MILLION), Some(100.0 * MILLION)],
    );
    assert!(flags_of(&case.run(), FlagCode::F13).is_empty());
    let near = case.with(|s| s.award.price_points = 24.0).run();
    let f13 = flags_of(&near, FlagCode::F13);
    assert_eq!(f13.len(), 1);
    assert_eq!(names(&f13[0].vendors), ["B社", "A社"]);
    assert_eq!(f13[0].severity, FlagSeverity::Low);
}

#[test]
fn customization_cost_is_added_only_when_asked() {
    let case = Case::new()
        .req("R-001", D, 1.0)
        .vendor("A社", "△")
        .vendor("B社", "◎")
        .cost("A社", "R-001", crate::model::Cost::Yen(MILLION));
    let case = priced(case, &[Some(10.0 * MILLION), Some(10.5 * MILLION)]);
    let price = |ran: &Ran, name: &str| {
        let award = ran.award.as_ref().unwrap();
        let v = award
            .vendors
            .iter()
            .find(|v| ran.name(v.vendor) == name)
            .unwrap();
        v.price
    };
    let shown = case.run();
    assert_eq!(price(&shown, "A社"), Some(10.0 * MILLION));
    assert_eq!(
        shown.award.as_ref().unwrap().lowest_price,
        Some(10.0 * MILLION)
    );
    let added = case.with(|s| s.award.add_customization = true).run();
    assert_eq!(price(&added, "A社"), Some(11.0 * MILLION));
    assert_eq!(
        added.award.as_ref().unwrap().lowest_price,
        Some(10.5 * MILLION)
    );
}
