//! §5.1 weight sensitivity: how far a group's weights must move before the
//! first two compliant vendors swap.
//!
//! Scaling a group's weights by f moves the first's score to f·G₁ + R₁ and the
//! second's to f·G₂ + R₂; they tie at f = (R₁ − R₂) / (G₂ − G₁). A committee
//! reads a swap factor near 1 as a ranking that hangs on how that business
//! area was weighted.

use indexmap::IndexMap;

use crate::model::{GroupKind, GroupSensitivity, Inputs, Sensitivity};

use super::score::{ExactSum, Scored, TOLERANCE, same};

/// `None` when fewer than two vendors are compliant.
pub(crate) fn sensitivity(inputs: &Inputs, scored: &Scored) -> Option<Sensitivity> {
    let (p1, p2) = scored.first_two_compliant()?;
    let (first, second) = (&scored.results[p1], &scored.results[p2]);
    // Each group's points for the first and the second vendor, in order of
    // first appearance: areas by name, categories by (area, category).
    let mut areas: IndexMap<(&str, &str), (ExactSum, ExactSum)> = IndexMap::new();
    let mut categories: IndexMap<(&str, &str), (ExactSum, ExactSum)> = IndexMap::new();
    for (i, requirement) in inputs.requirements.iter().enumerate() {
        let (a, b) = (first.points[i], second.points[i]);
        let area = requirement.area.as_str();
        let sums = areas.entry((area, "")).or_default();
        sums.0.add(a);
        sums.1.add(b);
        if !requirement.category.is_empty() {
            let sums = categories
                .entry((area, requirement.category.as_str()))
                .or_default();
            sums.0.add(a);
            sums.1.add(b);
        }
    }
    let groups = areas
        .iter()
        .map(|g| (GroupKind::Area, g))
        .chain(categories.iter().map(|g| (GroupKind::Category, g)))
        .map(|(kind, ((area, category), (g1, g2)))| {
            let (name, category) = match kind {
                GroupKind::Area => (area.to_string(), None),
                GroupKind::Category => (format!("{area} / {category}"), Some(category.to_string())),
            };
            GroupSensitivity {
                kind,
                name,
                area: area.to_string(),
                category,
                swap_factor: swap_factor(first.score, second.score, g1.value(), g2.value()),
            }
        })
        .collect();
    Some(Sensitivity {
        first: first.vendor,
        second: second.vendor,
        margin: first.score - second.score,
        groups,
    })
}

/// The factor at which the two vendors tie, from their scores and their points in the group.
fn swap_factor(s1: f64, s2: f64, g1: f64, g2: f64) -> Option<f64> {
    if same(g1, g2) {
        return None;
    }
    let (r1, r2) = (s1 - g1, s2 - g2);
    // Equal outside the group: they tie when the group weighs nothing.
    if same(r1, r2) {
        return Some(0.0);
    }
    let f = (r1 - r2) / (g2 - g1);
    if f >= 0.0 {
        Some(f)
    } else if f > -TOLERANCE {
        Some(0.0)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::fixture::*;

    #[test]
    fn swap_factor_computed_by_hand() {
        // 住民記録: A社 0, B社 10 points. 税務: A社 24, B社 0.
        // Scores 24 and 10. Scaling 住民記録 by f: 24 = 10 f → f = 2.4.
        // Scaling 税務 by f: 24 f = 10 → f = 10 / 24.
        let a = Case::new()
            .req_in("JR-001", D, 10.0, "住民記録", "窓口業務 / 証明発行")
            .req_in("ZE-001", D, 8.0, "税務", "")
            .req_in("ZE-002", D, 8.0, "税務", "賦課")
            .req_in("ZE-003", D, 8.0, "税務", "窓口業務 / 証明発行")
            .vendor("A社", "×◎◎◎")
            .vendor("B社", "◎×××")
            .run();
        let s = a.sensitivity.as_ref().expect("two compliant vendors");
        assert_eq!(
            (a.name(s.first), a.name(s.second), s.margin),
            ("A社", "B社", 14.0)
        );
        let got: Vec<(GroupKind, &str, Option<f64>)> = s
            .groups
            .iter()
            .map(|g| (g.kind, g.name.as_str(), g.swap_factor))
            .collect();
        assert_eq!(
            got,
            vec![
                (GroupKind::Area, "住民記録", Some(2.4)),
                (GroupKind::Area, "税務", Some(10.0 / 24.0)),
                // 窓口業務 / 証明発行 is two groups, one in each area:
                // A社 0, B社 10 inside; outside 24 and 0: f = 24 / 10.
                (
                    GroupKind::Category,
                    "住民記録 / 窓口業務 / 証明発行",
                    Some(2.4)
                ),
                // A社 8, B社 0 inside; outside 16 and 10: f = 6 / −8 < 0.
                (GroupKind::Category, "税務 / 賦課", None),
                // A社 8, B社 0 inside: likewise none.
                (GroupKind::Category, "税務 / 窓口業務 / 証明発行", None),
            ]
        );
        let g = &s.groups[2];
        assert_eq!(
            (g.area.as_str(), g.category.as_deref()),
            ("住民記録", Some("窓口業務 / 証明発行"))
        );
        assert_eq!(
            (s.groups[0].area.as_str(), s.groups[0].category.as_deref()),
            ("住民記録", None)
        );
    }

    #[test]
    fn one_category_in_two_areas_is_two_groups() {
        // Both areas have 外部連携. Pooled, A社 and B社 would earn 3 each
        // inside it (no swap factor); within its area each is decisive.
        let a = Case::new()
            .req_in("JR-001", D, 3.0, "住民記録", "外部連携")
            .req_in("ZE-001", D, 3.0, "個人住民税", "外部連携")
            .req_in("ZE-002", D, 1.0, "個人住民税", "賦課")
            .vendor("A社", "◎×◎")
            .vendor("B社", "×◎×")
            .run();
        let s = a.sensitivity.as_ref().unwrap();
        let got: Vec<(&str, Option<f64>)> = (s.groups.iter())
            .filter(|g| g.kind == GroupKind::Category)
            .map(|g| (g.name.as_str(), g.swap_factor))
            .collect();
        assert_eq!(
            got,
            [
                // A社 3 inside, 1 outside; B社 0 and 3: f = (1 − 3) / (0 − 3).
                ("住民記録 / 外部連携", Some(2.0 / 3.0)),
                // A社 0 inside, 4 outside; B社 3 and 0: f = 4 / 3.
                ("個人住民税 / 外部連携", Some(4.0 / 3.0)),
                // A社 1 inside, 3 outside; B社 0 and 3: equal outside,
                // they tie when it weighs nothing.
                ("個人住民税 / 賦課", Some(0.0)),
            ]
        );
    }

    #[test]
    fn equal_points_in_the_group_have_no_swap_factor() {
        let a = Case::new()
            .req_in("JR-001", D, 2.0, "住民記録", "")
            .req_in("ZE-001", D, 2.0, "税務", "")
            .vendor("A社", "◎◎")
            .vendor("B社", "◎×")
            .run();
        let s = a.sensitivity.as_ref().unwrap();
        assert_eq!(s.groups[0].swap_factor, None);
        // 税務 decides everything: with no weight they tie.
        assert_eq!(s.groups[1].swap_factor, Some(0.0));
    }

    #[test]
    fn outside_points_equal_within_the_tolerance_tie_at_zero() {
        // Outside 税務 A社 earns 0.1 + 0.2, B社 0.3: equal within 1e-9.
        let a = Case::new()
            .req_in("JR-001", D, 0.1, "住民記録", "")
            .req_in("JR-002", D, 0.2, "住民記録", "")
            .req_in("JR-003", D, 0.3, "窓口", "")
            .req_in("ZE-001", D, 2.0, "税務", "")
            .vendor("A社", "◎◎×◎")
            .vendor("B社", "××◎×")
            .run();
        let s = a.sensitivity.as_ref().unwrap();
        assert_eq!(s.groups[2].name, "税務");
        let f = s.groups[2].swap_factor.unwrap();
        assert_eq!(f, 0.0);
        assert!(f.is_sign_positive(), "no -0 in the JSON");
    }

    #[test]
    fn needs_two_compliant_vendors() {
        let a = Case::new()
            .req("JR-001", M, 3.0)
            .vendor("A社", "◎")
            .vendor("B社", "×")
            .run();
        assert_eq!(a.sensitivity, None);
    }

    #[test]
    fn first_and_second_are_the_first_two_compliant() {
        let a = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", D, 9.0)
            .vendor("A社", "×◎")
            .vendor("B社", "◎×")
            .vendor("C社", "○×")
            .run();
        let s = a.sensitivity.as_ref().unwrap();
        assert_eq!((a.name(s.first), a.name(s.second)), ("B社", "C社"));
        assert!((s.margin - 0.9).abs() < 1e-12);
    }
}
