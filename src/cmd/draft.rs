//! `fairbid draft`: from the RFI's answers, the RFP's matrix — each
//! requirement with what the analysis found and what to do about it, and
//! with `--apply` the changes that restore competition already made.

use anyhow::Result;

use crate::analyze::analyze;
use crate::analyze::plan::{Change, ChangeKind, count};
use crate::cli::DraftArgs;
use crate::cmd::{Reading, Status, document_date, open_required};
use crate::model::{Lang, Recommendation};
use crate::output::{check_target, check_workbook_name, write_atomic_with, written_line};
use crate::write::{RunInfo, draft_workbook};

pub fn run(args: &DraftArgs) -> Result<Status> {
    let reading = Reading::start(&args.inputs, args.lang, false)?;
    let (settings, lang) = (&reading.settings, reading.lang);
    reading.require_responses()?;
    let mut all_inputs = reading.input_paths(args.requests.as_ref());
    all_inputs.extend(args.decisions.clone());
    check_workbook_name(&args.output, lang)?;
    check_target(&args.output, &all_inputs, args.force, lang)?;

    let mut inputs = reading.read(args.requests.as_deref(), true)?;
    reading.apply_decisions(args.decisions.as_deref(), &mut inputs)?;
    let analysis = analyze(&inputs, settings);
    // The draft writes what the analysis found, never an answer: at
    // 200,000 requirements the answers are the largest thing in memory,
    // and the matrix is about to be read again beside the draft's sheets.
    for vendor in &mut inputs.vendors {
        vendor.answers = Vec::new();
    }

    // The matrix again, cell by cell: the draft keeps every value of it.
    let matrix = open_required(&args.inputs.requirements, settings, lang)?;
    let run = RunInfo {
        settings,
        lang,
        created: document_date(),
    };
    let mut draft = draft_workbook(matrix, &inputs, &analysis, &run, args.apply)?;
    let summary = summary(&analysis.recommendations, &draft.changes, args.apply, lang);
    // The draft's sheets hold every value they show: the matrix's cells,
    // the inputs and the analysis go before the workbook is zipped.
    drop((inputs, analysis));
    write_atomic_with(&args.output, lang, |out| {
        Ok(draft.workbook.save_to_writer(out)?)
    })?;
    eprint!("{summary}");
    eprint!("{}", written_line(&[&args.output], lang));
    Ok(Status::Done)
}

/// One or two lines for the terminal: what the draft recommends or changed.
fn summary(
    recommendations: &[Recommendation],
    changes: &[Change],
    apply: bool,
    lang: Lang,
) -> String {
    // Counted by the variant rather than by its key, so that a new
    // recommendation cannot go missing from the summary: the match must name it.
    let mut counts = [0usize; 7];
    for r in recommendations {
        counts[match r {
            Recommendation::Remove => 0,
            Recommendation::Demote { .. } => 1,
            Recommendation::Rewrite { .. } => 2,
            Recommendation::Review | Recommendation::ReviewRequirement => 3,
            Recommendation::Standardize => 4,
            Recommendation::AdaptOperations { .. } => 5,
            Recommendation::Keep => 6,
        }] += 1;
    }
    let [remove, demote, rewrite, review, standardize, adapt, keep] = counts;
    let mut out = match lang {
        Lang::Ja => format!(
            "推奨対応: 削除 {remove}件・降格 {demote}件・書き直し {rewrite}件・見直し {review}件・標準機能化 {standardize}件・運用で対応 {adapt}件・維持 {keep}件\n"
        ),
        Lang::En => format!(
            "recommended: remove {remove}, demote {demote}, rewrite {rewrite}, review {review}, standardize {standardize}, adapt operations {adapt}, keep {keep}\n"
        ),
    };
    if apply {
        let demoted = count(changes, ChangeKind::Demote);
        let removed = count(changes, ChangeKind::Remove);
        out.push_str(&match lang {
            Lang::Ja => format!("変更: 推奨に降格 {demoted}件・削除 {removed}件\n"),
            Lang::En => format!("changed: {demoted} demoted to desirable, {removed} removed\n"),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Brand, FlagCode, MemberId, ReqIx};

    #[test]
    fn the_summary_counts_each_recommendation_and_each_change() {
        let recommendations = vec![
            Recommendation::Remove,
            Recommendation::Demote {
                sole_capable: true,
                relief: false,
            },
            Recommendation::Demote {
                sole_capable: false,
                relief: true,
            },
            Recommendation::Rewrite {
                term: Brand::Term("○○住基".to_string()),
            },
            Recommendation::Review,
            Recommendation::ReviewRequirement,
            Recommendation::Standardize,
            Recommendation::AdaptOperations {
                members: vec![MemberId::new(0)],
            },
            Recommendation::Keep,
            Recommendation::Keep,
            Recommendation::Keep,
        ];
        let changes = vec![
            Change {
                requirement: ReqIx::new(0),
                kind: ChangeKind::Remove,
                reasons: vec![FlagCode::F04],
            },
            Change {
                requirement: ReqIx::new(1),
                kind: ChangeKind::Demote,
                reasons: vec![FlagCode::F01],
            },
            Change {
                requirement: ReqIx::new(2),
                kind: ChangeKind::Demote,
                reasons: vec![FlagCode::F06],
            },
        ];
        let summary = |apply, lang| summary(&recommendations, &changes, apply, lang);
        assert_eq!(
            summary(false, Lang::Ja),
            "推奨対応: 削除 1件・降格 2件・書き直し 1件・見直し 2件・標準機能化 1件・運用で対応 1件・維持 3件\n"
        );
        assert_eq!(
            summary(true, Lang::Ja),
            "推奨対応: 削除 1件・降格 2件・書き直し 1件・見直し 2件・標準機能化 1件・運用で対応 1件・維持 3件\n\
             変更: 推奨に降格 2件・削除 1件\n"
        );
        assert_eq!(
            summary(true, Lang::En),
            "recommended: remove 1, demote 2, rewrite 1, review 2, standardize 1, adapt operations 1, keep 3\n\
             changed: 2 demoted to desirable, 1 removed\n"
        );
    }
}
