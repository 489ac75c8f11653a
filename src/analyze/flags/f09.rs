//! F09 text_altered: a vendor's copy of the requirement text differs from the
//! matrix.
//!
//! Why: an answer to a reworded requirement may not answer the requirement;
//! 「窓口で即日交付できること」 answered ◎ after deleting 「即日」 is not a
//! standard function. Texts are compared after NFKC, lower-casing and removing
//! white space, so full-width letters and spacing never raise it. One flag per
//! vendor and requirement, with the similarity (1 − Levenshtein distance /
//! length of the longer text); high below `f09_high_below`, else medium.
//! Exclusions: no copy, or a blank copy (the vendor left the column empty).

use crate::model::{Flag, FlagCode, FlagDetail, FlagSeverity, Lang};

use super::{RequirementView, Say, Text, percent_down};
use crate::analyze::Context;
use crate::analyze::similarity::{similarity, text_key};

/// Characters of the vendor's text quoted in the message.
const EXCERPT_CHARS: usize = 40;

pub(super) fn check(ctx: &Context, row: &RequirementView, out: &mut Vec<Flag>) {
    for result in &ctx.scored.results {
        let vendor = &ctx.inputs.vendors[result.vendor.index()];
        let Some(copy) = vendor.copies.get(row.index) else {
            continue;
        };
        let key = text_key(copy);
        if key.is_empty() || key == row.text_key {
            continue;
        }
        let similarity = similarity(&key, &row.text_key);
        let severity = if similarity < ctx.settings.f09_high_below {
            FlagSeverity::High
        } else {
            FlagSeverity::Medium
        };
        let detail = FlagDetail::Altered {
            similarity,
            copy: copy.trim().to_string(),
        };
        out.push(row.flag(FlagCode::F09, severity, vec![result.vendor], detail));
    }
}

pub(super) fn words(flag: &Flag, say: &Say) -> Text {
    let lang = say.lang;
    let (requirement, _) = say.requirement(flag);
    let id = &requirement.id;
    let vendor = say.vendor(flag.vendors[0]);
    let FlagDetail::Altered { similarity, copy } = &flag.detail else {
        unreachable!("F09 carries the similarity and the copy")
    };
    let percent = percent_down(*similarity);
    let mut excerpt: String = copy.chars().take(EXCERPT_CHARS).collect();
    if copy.chars().nth(EXCERPT_CHARS).is_some() {
        excerpt.push('…');
    }
    let message = match lang {
        Lang::Ja => format!(
            "{vendor} の回答書では要件 {id} の文言が要件一覧と異なります（一致率 {percent}%）。回答書の文言：「{excerpt}」"
        ),
        Lang::En => format!(
            "In the response of {vendor} the text of requirement {id} differs from the matrix ({percent}% similar). Response text: “{excerpt}”"
        ),
    };
    let recommendation = match lang {
        Lang::Ja => format!(
            "改変された文言への回答は、元の要件への回答とみなせない場合があります。{vendor} に変更の意図を確認し、要件一覧の原文に対する回答を求めてください。"
        ),
        Lang::En => format!(
            "An answer to altered text may not answer the original requirement. Ask {vendor} why the text was changed, and for an answer to the text of the matrix."
        ),
    };
    Text {
        message,
        recommendation,
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze::fixture::*;
    use crate::model::{FlagCode, FlagSeverity, Lang};

    const TEXT: &str = "住民票の写しを窓口で即日交付できること";

    fn case() -> Case {
        Case::new()
            .req("JR-090", O, 1.0)
            .text(TEXT)
            .vendor("A社", "◎")
            .vendor("B社", "◎")
            .vendor("C社", "◎")
    }

    #[test]
    fn altered_copies_one_flag_per_vendor() {
        // 19 characters; deleting 即日 leaves 17: similarity 1 − 2/19 ≈ 0.894 < 0.9.
        let altered = case()
            .copy("A社", "JR-090", "住民票の写しを窓口で交付できること")
            .copy("C社", "JR-090", "住民票の写しを窓口で即日交付できるこ")
            .copy("B社", "JR-090", TEXT);
        let a = altered.run();
        let f09 = flags_of(&a, FlagCode::F09);
        assert_eq!(f09.len(), 2);
        assert_eq!(names(&f09[0].vendors), vec!["A社"]);
        assert_eq!(f09[0].severity, FlagSeverity::High);
        assert_eq!(f09[0].similarity, Some(1.0 - 2.0 / 19.0));
        assert_eq!(
            f09[0].message,
            "A社 の回答書では要件 JR-090 の文言が要件一覧と異なります（一致率 89.4%）。回答書の文言：「住民票の写しを窓口で交付できること」"
        );
        assert_eq!(
            f09[0].recommendation,
            "改変された文言への回答は、元の要件への回答とみなせない場合があります。A社 に変更の意図を確認し、要件一覧の原文に対する回答を求めてください。"
        );
        let en = altered.run_in(Lang::En);
        let f = &flags_of(&en, FlagCode::F09)[0];
        assert_eq!(
            f.message,
            "In the response of A社 the text of requirement JR-090 differs from the matrix (89.4% similar). Response text: “住民票の写しを窓口で交付できること”"
        );
        assert_eq!(
            f.recommendation,
            "An answer to altered text may not answer the original requirement. Ask A社 why the text was changed, and for an answer to the text of the matrix."
        );
        assert_eq!(names(&f09[1].vendors), vec!["C社"]);
        assert_eq!(f09[1].severity, FlagSeverity::Medium);
        assert_eq!(f09[1].similarity, Some(1.0 - 1.0 / 19.0));
        // The requirement is optional: F09's severity ignores the priority.
        let high_below = case()
            .copy("C社", "JR-090", "住民票の写しを窓口で即日交付できるこ")
            .with(|s| s.f09_high_below = 0.96)
            .run();
        assert_eq!(
            flags_of(&high_below, FlagCode::F09)[0].severity,
            FlagSeverity::High
        );
    }

    /// Readers keep no exact copy (`text` is `None`), but one that got
    /// through would still raise nothing.
    #[test]
    fn verbatim_copies_raise_nothing() {
        let a = case()
            .copy("A社", "JR-090", TEXT)
            .copy("B社", "JR-090", TEXT)
            .copy("C社", "JR-090", TEXT)
            .run();
        assert!(flags_of(&a, FlagCode::F09).is_empty());
        assert!(flags_of(&case().run(), FlagCode::F09).is_empty());
    }

    #[test]
    fn blank_copy_raises_nothing() {
        let a = case()
            .copy("A社", "JR-090", "")
            .copy("B社", "JR-090", " 　 ")
            .run();
        assert!(flags_of(&a, FlagCode::F09).is_empty());
    }

    #[test]
    fn width_and_white_space_differences_raise_nothing() {
        let a = case()
            .copy(
                "A社",
                "JR-090",
                "住民票の写しを 窓口で 即日交付できること\n",
            )
            .copy("B社", "JR-090", "住民票の写しを窓口で即日交付できること　")
            .run();
        assert!(flags_of(&a, FlagCode::F09).is_empty());
        let latin = Case::new()
            .req("JR-091", D, 2.0)
            .text("CSV形式で出力できること")
            .vendor("A社", "◎")
            .copy("A社", "JR-091", "ＣＳＶ 形式で出力できること")
            .run();
        assert!(flags_of(&latin, FlagCode::F09).is_empty());
        let lower = Case::new()
            .req("JR-091", D, 2.0)
            .text("CSV形式で出力できること")
            .vendor("A社", "◎")
            .copy("A社", "JR-091", "csv形式で出力できること")
            .run();
        assert!(flags_of(&lower, FlagCode::F09).is_empty());
    }

    #[test]
    fn long_excerpts_are_cut() {
        let long = "あ".repeat(50);
        let a = case().copy("A社", "JR-090", &long).run();
        let f = &flags_of(&a, FlagCode::F09)[0];
        assert!(
            f.message.ends_with(&format!("「{}…」", "あ".repeat(40))),
            "{}",
            f.message
        );
        assert_eq!(f.similarity, Some(0.0));
    }
}
