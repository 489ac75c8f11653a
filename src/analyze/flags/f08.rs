//! F08 pivotal: one requirement alone decides the order of the first two
//! compliant vendors.
//!
//! Why: when the points one requirement gives the first vendor over the
//! second reach their whole margin, removing it would reverse or tie the
//! ranking; the committee should be sure of that requirement's weight and of
//! how its answers were judged. Severity medium.
//! Exclusions: fewer than two compliant vendors; the two tied (no margin).

use crate::model::{Flag, FlagCode, FlagDetail, FlagSeverity, Lang};

use super::{RequirementView, Say, Text, points};
use crate::analyze::Context;
use crate::analyze::score::{TOLERANCE, greater};

/// The first and second compliant vendors and their margin.
pub(super) struct Pivot {
    first: usize,
    second: usize,
    margin: f64,
}

impl Pivot {
    /// `None` without two compliant vendors apart by a margin.
    pub fn new(ctx: &Context) -> Option<Pivot> {
        let (first, second) = ctx.scored.first_two_compliant()?;
        let results = &ctx.scored.results;
        let margin = results[first].score - results[second].score;
        if !greater(results[first].score, results[second].score) {
            return None;
        }
        Some(Pivot {
            first,
            second,
            margin,
        })
    }

    pub fn check(&self, ctx: &Context, row: &RequirementView, out: &mut Vec<Flag>) {
        let first = &ctx.scored.results[self.first];
        let second = &ctx.scored.results[self.second];
        let gap = first.points[row.index] - second.points[row.index];
        if gap <= self.margin - TOLERANCE {
            return;
        }
        let vendors = vec![first.vendor, second.vendor];
        let detail = FlagDetail::Pivotal {
            gap,
            margin: self.margin,
        };
        out.push(row.flag(FlagCode::F08, FlagSeverity::Medium, vendors, detail));
    }
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let lang = say.lang;
    let (requirement, _) = say.requirement(flag);
    let id = &requirement.id;
    let FlagDetail::Pivotal { gap, margin } = flag.detail else {
        unreachable!("F08 carries the gap and the margin")
    };
    let (first, second) = (flag.vendors[0], flag.vendors[1]);
    let (a, ra) = (say.vendor(first), say.analysis.result(first).rank);
    let (b, rb) = (say.vendor(second), say.analysis.result(second).rank);
    let (gap, margin) = (points(gap), points(margin));
    let message = match lang {
        Lang::Ja => format!(
            "要件 {id} で {ra} 位の {a} は {rb} 位の {b} より {gap} 点多く得点しており、両社の差（{margin} 点）以上です。この要件だけで順位が入れ替わるか同点になります。"
        ),
        Lang::En => format!(
            "Requirement {id} gives {a} (rank {ra}) {gap} points more than {b} (rank {rb}), at least their whole margin of {margin} points: this requirement alone decides their order."
        ),
    };
    let recommendation = lang.pick(
        "順位を左右する要件です。配点と両社の回答の判定が妥当か選定委員会で確認し、その根拠を記録に残してください。",
        "This requirement decides the ranking. Have the committee confirm its weight and how both answers were judged, and record the reasons.",
    );
    Text {
        message,
        recommendation: recommendation.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze::fixture::*;
    use crate::model::{FlagCode, FlagSeverity, Lang};

    #[test]
    fn a_requirement_worth_the_whole_margin() {
        let case = Case::new()
            .req("JR-080", D, 2.0)
            .req("JR-081", D, 2.0)
            .req("JR-082", D, 2.0)
            .req("JR-083", D, 2.0)
            .vendor("A社", "◎◎◎×")
            .vendor("B社", "◎○△○")
            .vendor("C社", "××××");
        let a = case.run();
        // A社 6, B社 2 + 1.4 + 0.6 + 1.4 = 5.4: margin 0.6.
        // JR-081 gives A社 0.6 more (equal to the margin, within 1e-9), JR-082 1.4 more.
        let f08 = flags_of(&a, FlagCode::F08);
        let got: Vec<&str> = f08
            .iter()
            .map(|f| f.requirement.as_deref().unwrap())
            .collect();
        assert_eq!(got, vec!["JR-081", "JR-082"]);
        assert_eq!(f08[0].severity, FlagSeverity::Medium);
        assert_eq!(names(&f08[0].vendors), vec!["A社", "B社"]);
        assert_eq!(
            f08[1].message,
            "要件 JR-082 で 1 位の A社 は 2 位の B社 より 1.4 点多く得点しており、両社の差（0.6 点）以上です。この要件だけで順位が入れ替わるか同点になります。"
        );
        let en = case.run_in(Lang::En);
        let f = &flags_of(&en, FlagCode::F08)[1];
        assert_eq!(
            f.message,
            "Requirement JR-082 gives A社 (rank 1) 1.4 points more than B社 (rank 2), at least their whole margin of 0.6 points: this requirement alone decides their order."
        );
        assert_eq!(
            f.recommendation,
            "This requirement decides the ranking. Have the committee confirm its weight and how both answers were judged, and record the reasons."
        );
    }

    #[test]
    fn non_compliant_vendors_are_skipped() {
        let a = Case::new()
            .req("JR-080", M, 3.0)
            .req("JR-081", D, 2.0)
            .vendor("A社", "◎◎")
            .vendor("B社", "×◎")
            .vendor("C社", "◎△")
            .run();
        // First A社 (5), second C社 (3.6); B社 is knocked out.
        let f08 = flags_of(&a, FlagCode::F08);
        assert_eq!(f08.len(), 1);
        assert_eq!(f08[0].requirement.as_deref(), Some("JR-081"));
        assert_eq!(names(&f08[0].vendors), vec!["A社", "C社"]);
    }

    #[test]
    fn not_raised_when_tied_or_below_the_margin_or_one_compliant() {
        let tied = Case::new()
            .req("JR-080", D, 0.1)
            .req("JR-081", D, 0.2)
            .req("JR-082", D, 0.3)
            .vendor("A社", "◎◎×")
            .vendor("B社", "××◎")
            .run();
        assert!(flags_of(&tied, FlagCode::F08).is_empty());
        let spread = Case::new()
            .req("JR-080", D, 2.0)
            .req("JR-081", D, 2.0)
            .vendor("A社", "◎◎")
            .vendor("B社", "××")
            .run();
        // Margin 4; each requirement gives only 2.
        assert!(flags_of(&spread, FlagCode::F08).is_empty());
        let alone = Case::new()
            .req("JR-080", M, 2.0)
            .vendor("A社", "◎")
            .vendor("B社", "×")
            .run();
        assert!(flags_of(&alone, FlagCode::F08).is_empty());
    }
}
