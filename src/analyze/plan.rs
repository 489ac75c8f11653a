//! SPEC §8.4: what to do with each requirement, decided once for the draft,
//! its `--apply` and the terminal.
//!
//! The first rule that applies is the recommendation; the draft shows the
//! others that apply after it. No vendor can meet it (F04) → remove;
//! mandatory and only one vendor capable (F01), or in the smallest relaxation
//! that restores competition (F06) → demote to desirable; the text names a
//! vendor or product (F07) → rewrite as a neutral function; every vendor
//! needs customization (F03) → review; then the §6 customization advice;
//! else keep. `--apply` carries out the removals and demotions, and only
//! those: rewriting is the secretariat's pen.

use crate::model::{
    Analysis, CustomizationAdvice, CustomizationItem, Flag, FlagCode, Priority, Recommendation,
    ReqIx, Requirement,
};

/// What the analysis says about one requirement, as the rules need it.
#[derive(Clone, Debug, Default)]
pub struct Facts<'a> {
    /// The flags raised on the requirement.
    pub flags: Vec<&'a Flag>,
    /// Whether it is in the F06 relief set.
    pub in_relief: bool,
    /// Its row of the §6 customization tally.
    pub customization: Option<&'a CustomizationItem>,
}

/// The recommendation for one requirement: the first of SPEC §8.4's rules
/// that applies.
pub fn recommend(requirement: &Requirement, facts: &Facts) -> Recommendation {
    applicable(requirement, facts)
        .into_iter()
        .next()
        .unwrap_or(Recommendation::Keep)
}

/// Every one of SPEC §8.4's rules that applies to one requirement, in the
/// rules' order: the first is the recommendation, the others are what the
/// secretariat must also do (a demoted requirement that names a product is
/// still to be rewritten without the name). Empty when the requirement is
/// kept as it is.
pub fn applicable(requirement: &Requirement, facts: &Facts) -> Vec<Recommendation> {
    let has = |code: FlagCode| facts.flags.iter().any(|f| f.code == code);
    let mut all = Vec::new();
    if has(FlagCode::F04) {
        all.push(Recommendation::Remove);
    }
    let sole_capable = requirement.priority == Priority::Mandatory && has(FlagCode::F01);
    if sole_capable || facts.in_relief {
        all.push(Recommendation::Demote {
            sole_capable,
            relief: facts.in_relief,
        });
    }
    if let Some(term) = facts.flags.iter().find_map(|f| f.brand()) {
        all.push(Recommendation::Rewrite { term: term.clone() });
    }
    if has(FlagCode::F03) {
        all.push(Recommendation::Review);
    }
    if let Some(item) = facts.customization {
        match item.recommendation {
            CustomizationAdvice::Standardize => all.push(Recommendation::Standardize),
            CustomizationAdvice::AdaptOperations => all.push(Recommendation::AdaptOperations {
                members: item.members.clone(),
            }),
            CustomizationAdvice::ReviewRequirement => all.push(Recommendation::ReviewRequirement),
            CustomizationAdvice::None => {}
        }
    }
    all
}

/// What the analysis says about each requirement, aligned with `requirements`.
fn facts_of<'a>(
    requirements: &[Requirement],
    flags: &'a [Flag],
    relief: &[ReqIx],
    customization: &'a [CustomizationItem],
) -> Vec<Facts<'a>> {
    let mut facts: Vec<Facts> = vec![Facts::default(); requirements.len()];
    for flag in flags {
        if let Some(r) = flag.requirement {
            facts[r.index()].flags.push(flag);
        }
    }
    for item in customization {
        facts[item.requirement.index()].customization = Some(item);
    }
    for r in relief {
        facts[r.index()].in_relief = true;
    }
    facts
}

/// The recommendation for every requirement, aligned with `requirements`.
/// `flags` are in requirement order, `customization` in matrix order.
pub(crate) fn recommendations(
    requirements: &[Requirement],
    flags: &[Flag],
    relief: &[ReqIx],
    customization: &[CustomizationItem],
) -> Vec<Recommendation> {
    let facts = facts_of(requirements, flags, relief, customization);
    requirements
        .iter()
        .zip(&facts)
        .map(|(requirement, facts)| recommend(requirement, facts))
        .collect()
}

/// Every rule that applies to each requirement of an analysis, aligned with
/// `requirements` ([`applicable`]): the draft's recommendation column shows
/// them all, the first one first.
pub fn all_applicable(
    requirements: &[Requirement],
    analysis: &Analysis,
) -> Vec<Vec<Recommendation>> {
    let facts = facts_of(
        requirements,
        &analysis.flags,
        &analysis.competition.relief,
        &analysis.customization,
    );
    requirements
        .iter()
        .zip(&facts)
        .map(|(requirement, facts)| applicable(requirement, facts))
        .collect()
}

/// A change `--apply` makes to the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// Mandatory → desirable, weight kept (status 降格 / demoted).
    Demote,
    /// Status 削除 / removed: no longer a requirement.
    Remove,
}

/// One change and why it was made.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub requirement: ReqIx,
    pub kind: ChangeKind,
    /// The flags that call for it: F04 for a removal, F01 and/or F06 for a demotion.
    pub reasons: Vec<FlagCode>,
}

/// The changes `--apply` makes, in matrix order: the removals and demotions
/// the recommendations call for.
pub fn changes(recommendations: &[Recommendation]) -> Vec<Change> {
    let kind = |rec: &Recommendation| match rec {
        Recommendation::Remove => Some(ChangeKind::Remove),
        Recommendation::Demote { .. } => Some(ChangeKind::Demote),
        _ => None,
    };
    (recommendations.iter().enumerate())
        .filter_map(|(i, rec)| {
            kind(rec).map(|kind| Change {
                requirement: ReqIx::new(i),
                kind,
                reasons: rec.reasons(),
            })
        })
        .collect()
}

/// How many changes of a kind there are.
pub fn count(changes: &[Change], kind: ChangeKind) -> usize {
    changes.iter().filter(|c| c.kind == kind).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::fixture::*;
    use crate::model::{Brand, FlagDetail, FlagSeverity, MemberId, VendorId};

    fn req(priority: Priority) -> Requirement {
        Requirement {
            id: "JR-001".into(),
            area: "住民記録".into(),
            category: String::new(),
            text: "住民票の写しを交付できること。".into(),
            priority,
            weight: 3.0,
            sheet: "住民記録".into(),
            row: 2,
        }
    }

    fn flag(code: FlagCode) -> Flag {
        let detail = match code {
            FlagCode::F07 => FlagDetail::Brand {
                term: Brand::Term("さくら住記Plus".into()),
                near: None,
            },
            _ => FlagDetail::Counts,
        };
        Flag {
            code,
            severity: FlagSeverity::High,
            requirement: Some(ReqIx::new(0)),
            vendors: vec![VendorId::new(0)],
            detail,
        }
    }

    fn item(advice: CustomizationAdvice, members: &[usize]) -> CustomizationItem {
        CustomizationItem {
            requirement: ReqIx::new(0),
            vendors: vec![],
            cost_min: None,
            cost_median: None,
            cost_max: None,
            cost_unknown: 0,
            members: members.iter().map(|&m| MemberId::new(m)).collect(),
            recommendation: advice,
            vendor_costs: vec![],
        }
    }

    fn rec(
        priority: Priority,
        codes: &[FlagCode],
        relief: bool,
        c: Option<&CustomizationItem>,
    ) -> Recommendation {
        let flags: Vec<Flag> = codes.iter().map(|&c| flag(c)).collect();
        let facts = Facts {
            flags: flags.iter().collect(),
            in_relief: relief,
            customization: c,
        };
        recommend(&req(priority), &facts)
    }

    #[test]
    fn the_first_rule_that_applies_wins() {
        use FlagCode::*;
        use Priority::*;
        let adapt = item(CustomizationAdvice::AdaptOperations, &[1]);
        // F04 before everything, even a relief set.
        assert_eq!(
            rec(Mandatory, &[F04, F07], true, None),
            Recommendation::Remove
        );
        // Mandatory F01 demotes; so does the relief set; both are recorded.
        assert_eq!(
            rec(Mandatory, &[F01, F07], true, Some(&adapt)),
            Recommendation::Demote {
                sole_capable: true,
                relief: true
            }
        );
        assert_eq!(
            rec(Mandatory, &[F05], true, None),
            Recommendation::Demote {
                sole_capable: false,
                relief: true
            }
        );
        // A desirable F01 is not demoted: the name in its text comes next.
        assert_eq!(
            rec(Desirable, &[F01, F07], false, None),
            Recommendation::Rewrite {
                term: Brand::Term("さくら住記Plus".into())
            }
        );
        assert_eq!(
            rec(Desirable, &[F03], false, Some(&adapt)),
            Recommendation::Review
        );
        assert_eq!(
            rec(Optional, &[F02], false, Some(&adapt)),
            Recommendation::AdaptOperations {
                members: vec![MemberId::new(1)]
            }
        );
        let standardize = item(CustomizationAdvice::Standardize, &[0, 1]);
        assert_eq!(
            rec(Desirable, &[], false, Some(&standardize)),
            Recommendation::Standardize
        );
        let review = item(CustomizationAdvice::ReviewRequirement, &[]);
        assert_eq!(
            rec(Desirable, &[], false, Some(&review)),
            Recommendation::ReviewRequirement
        );
        let none = item(CustomizationAdvice::None, &[]);
        assert_eq!(
            rec(Mandatory, &[F02, F05], false, Some(&none)),
            Recommendation::Keep
        );
        assert_eq!(rec(Desirable, &[F01], false, None), Recommendation::Keep);
    }

    /// Every rule that applies, in the rules' order: a demoted mandatory
    /// requirement that names the incumbent's product is also to be
    /// rewritten, and the members' request comes last.
    #[test]
    fn every_rule_that_applies_follows_the_first() {
        use FlagCode::*;
        let adapt = item(CustomizationAdvice::AdaptOperations, &[1]);
        let flags: Vec<Flag> = [F01, F07, F03].iter().map(|&c| flag(c)).collect();
        let facts = Facts {
            flags: flags.iter().collect(),
            in_relief: true,
            customization: Some(&adapt),
        };
        let keys: Vec<&str> = applicable(&req(Priority::Mandatory), &facts)
            .iter()
            .map(Recommendation::key)
            .collect();
        assert_eq!(keys, ["demote", "rewrite", "review", "adapt_operations"]);
        assert_eq!(recommend(&req(Priority::Mandatory), &facts).key(), "demote");
        // Nothing applies: kept, and nothing more to say.
        assert!(applicable(&req(Priority::Desirable), &Facts::default()).is_empty());
        assert_eq!(
            recommend(&req(Priority::Desirable), &Facts::default()),
            Recommendation::Keep
        );
    }

    /// The analysis decides once, for every requirement; `--apply` makes the
    /// removals and demotions, in matrix order, with their reasons.
    #[test]
    fn the_analysis_carries_the_plan() {
        let a = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", M, 3.0)
            .req("JR-003", D, 2.0)
            .text("さくら電算の帳票と同じ様式で出力できること")
            .req("JR-004", M, 3.0)
            .vendor("さくら電算", "◎◎◎×")
            .vendor("B社", "×◎◎×")
            .vendor("C社", "◎◎◎×")
            .run();
        let keys: Vec<&str> = a.recommendations.iter().map(Recommendation::key).collect();
        assert_eq!(keys, vec!["keep", "keep", "rewrite", "remove"]);
        let changes = changes(&a.recommendations);
        assert_eq!(
            changes,
            vec![Change {
                requirement: ReqIx::new(3),
                kind: ChangeKind::Remove,
                reasons: vec![FlagCode::F04],
            }]
        );
        assert_eq!(count(&changes, ChangeKind::Remove), 1);
        assert_eq!(count(&changes, ChangeKind::Demote), 0);
        let b = Case::new()
            .req("JR-001", M, 3.0)
            .req("JR-002", M, 3.0)
            .vendor("A社", "◎◎")
            .vendor("B社", "×◎")
            .vendor("C社", "◎×")
            .with(|s| s.min_competitors = 3)
            .run();
        let changes = super::changes(&b.recommendations);
        let got: Vec<(usize, ChangeKind, Vec<FlagCode>)> = changes
            .iter()
            .map(|c| (c.requirement.index(), c.kind, c.reasons.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, ChangeKind::Demote, vec![FlagCode::F06]),
                (1, ChangeKind::Demote, vec![FlagCode::F06]),
            ]
        );
    }
}
