//! `fairbid draft`: from the RFI's answers, the RFP's matrix — each
//! requirement with what the analysis found and what to do about it, and
//! with `--apply` the changes that restore competition already made.

use anyhow::Result;

use crate::analyze::analyze;
use crate::cli::DraftArgs;
use crate::cmd::{Reading, Status, document_date};
use crate::model::Lang;
use crate::output::{check_target, write_atomic};
use crate::read::workbook::open_required;
use crate::write::draft::{ChangeKind, Plan};
use crate::write::{RunInfo, draft_workbook};

pub fn run(args: &DraftArgs) -> Result<Status> {
    let reading = Reading::start(&args.inputs, args.lang, false)?;
    let (settings, lang) = (&reading.settings, reading.lang);
    reading.require_responses()?;
    let all_inputs = reading.input_paths(args.requests.as_ref());
    check_target(&args.output, &all_inputs, args.force, lang)?;

    let inputs = reading.read(args.requests.as_deref(), true)?;
    let analysis = analyze(&inputs, settings, lang);

    // The matrix again, cell by cell: the draft keeps every value of it.
    let matrix = open_required(&args.inputs.requirements, settings, lang)?;
    let run = RunInfo {
        settings,
        lang,
        created: document_date(),
    };
    let draft = draft_workbook(&matrix, &inputs, &analysis, &run, args.apply)?;
    write_atomic(&args.output, &draft.bytes, lang)?;
    eprint!("{}", summary(&draft.plan, args.apply, lang));
    Ok(Status::Done)
}

/// One or two lines for the terminal: what the draft recommends or changed.
fn summary(plan: &Plan, apply: bool, lang: Lang) -> String {
    let count = |key: &str| {
        plan.recommendations
            .iter()
            .filter(|r| r.key() == key)
            .count()
    };
    let mut out = match lang {
        Lang::Ja => format!(
            "推奨対応: 削除 {}件・降格 {}件・書き直し {}件・見直し {}件・標準機能化 {}件・運用で対応 {}件・維持 {}件\n",
            count("remove"),
            count("demote"),
            count("rewrite"),
            count("review") + count("review_requirement"),
            count("standardize"),
            count("adapt_operations"),
            count("keep"),
        ),
        Lang::En => format!(
            "recommended: remove {}, demote {}, rewrite {}, review {}, standardize {}, adapt operations {}, keep {}\n",
            count("remove"),
            count("demote"),
            count("rewrite"),
            count("review") + count("review_requirement"),
            count("standardize"),
            count("adapt_operations"),
            count("keep"),
        ),
    };
    if apply {
        let demoted = plan.count(ChangeKind::Demote);
        let removed = plan.count(ChangeKind::Remove);
        out.push_str(&match lang {
            Lang::Ja => format!("変更: 推奨に降格 {demoted}件・削除 {removed}件\n"),
            Lang::En => format!("changed: {demoted} demoted to desirable, {removed} removed\n"),
        });
    }
    out
}
