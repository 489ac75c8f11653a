//! Committee scoring (SPEC §13) on the command line: `template --scoresheet`
//! writes the evaluator's scoresheet, and `evaluate --criteria --scores`
//! reads the criteria and the returned scoresheets after the responses
//! (a scoresheet's columns are the evaluated vendors).

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::analyze::flags::{count_en, points};
use crate::blind::key::KeyRead;
use crate::cli::{CommitteeArgs, TemplateArgs};
use crate::cmd::template::finding_line;
use crate::cmd::{
    Status, document_date, errors_and_warnings, load_settings_in, open_required, pick_lang, stopped,
};
use crate::model::{Analysis, CommitteeProblem, Finding, FindingKind, Inputs, Lang, Severity};
use crate::output::{check_target, write_atomic};
use crate::read::committee::{CommitteePaths, read_committee, read_criteria};
use crate::read::discover::discover_responses;
use crate::read::response::vendor_name;
use crate::read::workbook::file_name;
use crate::settings::Settings;
use crate::write::roster::Roster;
use crate::write::scoresheet::scoresheet;
use crate::write::{Labels, RunInfo};

/// The scoresheet's columns under the labels of a blind key: each vendor
/// (a response's name, or a copy's label) is found in the key by its name
/// or its label. A vendor the key does not know stops the command: one
/// column under a company name would tell the evaluators whose it is.
fn under_labels(
    path: &Path,
    vendors: &[String],
    settings: &Settings,
    lang: Lang,
) -> Result<Vec<String>> {
    let key = KeyRead::of_evaluation(path, settings);
    let labels = Labels::load(lang)?;
    for finding in &key.findings {
        eprintln!("fairbid: {}", finding_line(finding, &labels, lang));
    }
    let found: Vec<(&str, Option<&str>)> = (vendors.iter())
        .map(|v| (v.as_str(), key.names.find(v)))
        .collect();
    let unknown: Vec<&str> = (found.iter())
        .filter(|(_, label)| label.is_none())
        .map(|&(vendor, _)| vendor)
        .collect();
    if !unknown.is_empty() {
        bail!(
            "{}: {}",
            path.display(),
            match lang {
                Lang::Ja => format!(
                    "鍵に見当たらない提案者があります（{}）。匿名の評価表に社名の列ができてしまうため作成しません。fairbid blind で作った鍵と、その写し（または元の回答）を指定してください",
                    unknown.join("、")
                ),
                Lang::En => format!(
                    "the key does not name {}; a blind scoresheet would have a column under a company name, so none is written. Give the key fairbid blind wrote and its copies (or the original responses)",
                    unknown.join(", ")
                ),
            }
        );
    }
    let mut columns: Vec<String> = Vec::new();
    for label in found.into_iter().filter_map(|(_, label)| label) {
        if !columns.iter().any(|c| c == label) {
            columns.push(label.to_string());
        }
    }
    Ok(columns)
}

/// `template --scoresheet`: the evaluator's scoresheet from the criteria
/// and the vendors' responses (one column per vendor).
pub fn run(args: &TemplateArgs) -> Result<Status> {
    let settings = load_settings_in(args.settings.as_deref(), args.lang)?;
    let lang = pick_lang(args.lang, &settings);
    let criteria_path = args.criteria.as_ref().expect("clap requires --criteria");
    let discovered = discover_responses(&args.responses, lang)?;
    for notice in &discovered.notices {
        eprintln!("fairbid: {notice}");
    }
    let mut vendors: Vec<String> = Vec::new();
    for path in &discovered.files {
        let name = vendor_name(&file_name(path));
        if !vendors.contains(&name) {
            vendors.push(name);
        }
    }
    if vendors.is_empty() {
        bail!(
            "{}",
            lang.pick(
                "回答ブックが見つかりません。--responses に提案者の回答ファイルかそのフォルダを指定してください（提案者ごとに得点欄を作ります）",
                "no response workbook found; give --responses the vendors' files or their folder (the scoresheet has a column per vendor)"
            )
        );
    }
    let mut inputs = vec![criteria_path.clone()];
    inputs.extend(discovered.files.iter().cloned());
    inputs.extend(args.settings.iter().cloned());
    inputs.extend(args.key.iter().cloned());
    check_target(&args.output, &inputs, args.force, lang)?;
    if let Some(key) = &args.key {
        vendors = under_labels(key, &vendors, &settings, lang)?;
    }

    let wb = open_required(criteria_path, &settings, lang)?;
    let mut findings = Vec::new();
    let criteria = read_criteria(&wb, 0, &mut findings);
    let labels = Labels::load(lang)?;
    for finding in &findings {
        eprintln!("fairbid: {}", finding_line(finding, &labels, lang));
    }
    if criteria.is_empty() {
        let none = Finding::file(
            &wb.file,
            Severity::Error,
            FindingKind::Committee(CommitteeProblem::NoCriteria),
        );
        bail!(
            "{}: {}",
            criteria_path.display(),
            labels.finding_message(&none)
        );
    }
    let (errors, _) = errors_and_warnings(&findings);
    if errors > 0 {
        // A scoresheet without an item cannot be corrected once scored.
        bail!(
            "{}: {}",
            criteria_path.display(),
            match lang {
                Lang::Ja => format!(
                    "評価基準にエラーが {errors} 件あります（上の一覧）。このままでは評価表から評価項目が漏れるため、評価基準を直してからもう一度実行してください"
                ),
                Lang::En => format!(
                    "the criteria have {errors} errors (listed above); the scoresheet would miss items, so fix the criteria and run again"
                ),
            }
        );
    }
    let run = RunInfo {
        settings: &settings,
        lang,
        created: document_date(),
    };
    let bytes = scoresheet(&criteria, &vendors, &run)?;
    write_atomic(&args.output, &bytes, lang)?;
    eprintln!(
        "{}",
        match lang {
            Lang::Ja => format!(
                "委員評価表 {} を作成しました（評価項目 {} 件、提案者 {} 社）。評価委員ごとにコピーし、ファイル名を評価委員の名前にして配付してください。",
                args.output.display(),
                criteria.len(),
                vendors.len()
            ),
            Lang::En => format!(
                "wrote the scoresheet {} ({} items, {} vendors); give each evaluator a copy named after them",
                args.output.display(),
                criteria.len(),
                vendors.len()
            ),
        }
    );
    Ok(Status::Done)
}

/// The committee's input paths, for refusing an output that would overwrite one.
pub fn input_paths(args: &CommitteeArgs) -> Vec<PathBuf> {
    args.criteria.iter().chain(&args.scores).cloned().collect()
}

/// Reads the criteria and the scoresheets of `args` into `inputs`, whose
/// vendors are read already; nothing without `--criteria`. Unreadable
/// criteria stop the run; a broken scoresheet is a row of the record.
pub fn read_into(
    inputs: &mut Inputs,
    args: &CommitteeArgs,
    settings: &Settings,
    lang: Lang,
    quiet: bool,
) -> Result<()> {
    let Some(criteria) = &args.criteria else {
        return Ok(());
    };
    let discovered = discover_responses(&args.scores, lang)?;
    if !quiet {
        for notice in &discovered.notices {
            eprintln!("fairbid: {notice}");
        }
    }
    if discovered.files.is_empty() {
        bail!(
            "{}",
            lang.pick(
                "委員評価表（.xlsx など）が見つかりません。--scores に評価委員ごとの評価表かそのフォルダを指定してください",
                "no scoresheet workbook found; give --scores the evaluators' scoresheets or their folder"
            )
        );
    }
    let vendors: Vec<String> = inputs.vendors.iter().map(|v| v.name.clone()).collect();
    let paths = CommitteePaths {
        criteria,
        scores: &discovered.files,
        not_workbooks: &discovered.not_workbooks,
    };
    // After every other input's findings.
    let first_order = usize::MAX / 2;
    let read = read_committee(&paths, settings, &vendors, first_order)
        .map_err(|stop| stopped(stop, lang))?;
    inputs.findings.extend(read.findings);
    inputs.findings.sort_by_key(|f| f.order);
    inputs.files.extend(read.files);
    inputs.committee = Some(read.committee);
    Ok(())
}

/// The committee's ranking for the terminal, after the evaluation's; empty
/// without committee scoring.
pub fn summary(inputs: &Inputs, analysis: &Analysis, roster: &Roster, lang: Lang) -> String {
    let (Some(committee), Some(result)) = (&inputs.committee, &analysis.committee) else {
        return String::new();
    };
    let max = result.vendors.first().map_or(0.0, |v| v.max_score);
    let mut out = match lang {
        Lang::Ja => format!(
            "委員評価（評価委員 {} 人、満点 {} 点）\n",
            committee.evaluators.len(),
            points(max)
        ),
        Lang::En => format!(
            "Committee scores ({}, out of {})\n",
            count_en(committee.evaluators.len(), "evaluator"),
            points(max)
        ),
    };
    for v in &result.vendors {
        out.push_str(&format!(
            "  {:>2}. {}  {}\n",
            v.rank,
            roster.name(v.vendor),
            points(v.score)
        ));
    }
    out
}
