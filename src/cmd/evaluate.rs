//! `fairbid evaluate`: the main job — read, score, flag, tally, write.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Result, bail};

use crate::analyze::analyze;
use crate::blind::key::KeyRead;
use crate::cli::EvaluateArgs;
use crate::cmd::{Reading, Status, document_date, errors_and_warnings, write_json};
use crate::model::{Analysis, Inputs, Lang, VendorId};
use crate::output::{
    check_target, check_workbook_name, write_atomic, write_atomic_with, written_line,
};
use crate::read::inputs::release_freed_memory;
use crate::settings::Settings;
use crate::write::roster::{OwnView, Roster};
use crate::write::xlsx::{fill as fill_workbook, take_shown};
use crate::write::{Labels, RunInfo, dossier_file_name, dossier_workbook, report_json};

pub fn run(args: &EvaluateArgs) -> Result<Status> {
    let mut stages = Stages::new();
    let reading = Reading::start(&args.inputs, args.lang, args.quiet)?;
    let (settings, lang) = (&reading.settings, reading.lang);
    reading.require_responses()?;

    let mut all_inputs = reading.input_paths(args.requests.as_ref());
    all_inputs.extend(crate::cmd::scoresheet::input_paths(&args.committee));
    all_inputs.extend(args.decisions.clone());
    all_inputs.extend(args.prices.iter().cloned());
    all_inputs.extend(args.key.iter().cloned());
    crate::cmd::award::refuse_mismatched_committee_points(
        args.prices.is_some(),
        args.committee.criteria.is_some(),
        settings,
        lang,
    )?;
    if let Some(out) = &args.output {
        check_workbook_name(out, lang)?;
        check_target(out, &all_inputs, args.force, lang)?;
    }
    if let Some(json) = args.json.as_ref().filter(|p| p.as_os_str() != "-") {
        check_target(json, &all_inputs, args.force, lang)?;
        if args.output.as_ref() == Some(json) {
            bail!(
                "{}: {}",
                json.display(),
                lang.pick(
                    "評価ブックとJSONの出力先が同じです。-o と --json には別々のファイルを指定してください",
                    "the workbook and the JSON need different files"
                )
            );
        }
    }

    // The key first: a price or decision row may name a copy's vendor by
    // its real name.
    let key = (args.key.as_deref()).map(|path| KeyRead::of_evaluation(path, settings));
    let mut inputs = reading.read_with_prices(
        args.requests.as_deref(),
        args.prices.as_deref(),
        key.as_ref().map(|k| &k.names),
        !args.quiet,
    )?;
    if let Some(key) = key {
        key.attach(&mut inputs);
    }
    reading.apply_decisions(args.decisions.as_deref(), &mut inputs)?;
    crate::cmd::scoresheet::read_into(&mut inputs, &args.committee, settings, lang, args.quiet)?;
    release_freed_memory();
    stages.lap("read");

    let analysis = analyze(&inputs, settings);
    stages.lap("analyze");
    let roster = Roster::names(&inputs, &Labels::load(lang)?);
    let run = RunInfo {
        settings,
        lang,
        created: document_date(),
    };
    // Every dossier's path is checked before anything is written, so that a
    // refused one leaves no half-written set behind.
    let dossiers = match &args.dossiers {
        Some(dir) => dossier_targets(dir, &analysis, &roster, &all_inputs, args, lang)?,
        None => Vec::new(),
    };

    // Dossiers first: they read the vendors' answers, which the evaluation
    // workbook drops once its Matrix sheet is written.
    for &(vendor, ref path) in &dossiers {
        let view = OwnView::of(&inputs, &analysis, &roster, vendor);
        let bytes = dossier_workbook(&view, &run)?;
        write_atomic(path, &bytes, lang)?;
    }
    if !dossiers.is_empty() {
        stages.lap("dossiers");
    }
    let json = |inputs: &Inputs, analysis: &Analysis| -> Result<()> {
        match &args.json {
            Some(json) => write_json(json, &report_json(inputs, analysis, &roster, lang)?, lang),
            None => Ok(()),
        }
    };
    let workbook = match &args.output {
        Some(out) => {
            // Only the Matrix reads the vendors' answers after this point, and
            // only their codes, levels and remarks: the rest goes now.
            let shown = take_shown(&mut inputs);
            release_freed_memory();
            // The JSON is written while the workbook is filled: it reads what
            // the sheets read and takes nothing, and the fill leaves part of
            // a core idle.
            let (workbook, json) = std::thread::scope(|scope| {
                let json = scope.spawn(|| json(&inputs, &analysis));
                let workbook = fill_workbook(&inputs, shown, &analysis, &run);
                (workbook, json.join())
            });
            let workbook = workbook?;
            json.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            Some((out, workbook))
        }
        None => {
            json(&inputs, &analysis)?;
            None
        }
    };
    stages.lap(if workbook.is_some() {
        "workbook filled, json"
    } else {
        "json"
    });

    let closing = (!args.quiet)
        .then(|| closing_lines(&inputs, &analysis, &roster, &dossiers, args, settings, lang))
        .transpose()?;
    let (errors, _) = errors_and_warnings(&inputs.findings);
    // Everything the save needs is in the workbook now. The inputs and the
    // analysis go first, so that zipping the sheets has their memory.
    drop((inputs, analysis, roster));
    release_freed_memory();
    stages.lap("inputs freed");
    if let Some((out, mut workbook)) = workbook {
        write_atomic_with(out, lang, |file| {
            workbook.save_to_writer(file)?;
            Ok(())
        })?;
        stages.lap("workbook saved");
    }
    if let Some(closing) = closing {
        eprint!("{closing}");
    }

    Ok(if args.strict && errors > 0 {
        Status::ErrorsFound
    } else {
        Status::Done
    })
}

/// The lines `evaluate` ends with on the terminal: the ranking, what needs
/// attention, the award, the committee's scoring and the files written.
fn closing_lines(
    inputs: &Inputs,
    analysis: &Analysis,
    roster: &Roster,
    dossiers: &[(VendorId, PathBuf)],
    args: &EvaluateArgs,
    settings: &Settings,
    lang: Lang,
) -> Result<String> {
    let mut out = summary(inputs, analysis, roster, lang);
    if let Some(award) = &analysis.award {
        out.push_str(&crate::cmd::award::summary(
            award,
            roster,
            &Labels::load(lang)?,
            settings,
            lang,
        ));
    }
    out.push_str(&crate::cmd::scoresheet::summary(
        inputs, analysis, roster, lang,
    ));
    if let Some(dir) = &args.dossiers {
        let n = dossiers.len();
        out.push_str(&match lang {
            Lang::Ja => format!("個別評価 {n} 件: {}\n", dir.display()),
            Lang::En => format!("{n} dossiers in {}\n", dir.display()),
        });
    }
    let json = args.json.as_deref().filter(|p| p.as_os_str() != "-");
    let written: Vec<&Path> = (args.output.as_deref().into_iter())
        .chain(json)
        .chain(dossiers.iter().map(|(_, path)| path.as_path()))
        .collect();
    out.push_str(&written_line(&written, lang));
    Ok(out)
}

/// Each evaluated vendor with the path of its dossier in `dir`.
fn dossier_targets(
    dir: &Path,
    analysis: &Analysis,
    roster: &Roster,
    inputs: &[PathBuf],
    args: &EvaluateArgs,
    lang: Lang,
) -> Result<Vec<(VendorId, PathBuf)>> {
    if dir.is_file() {
        bail!(
            "{}: {}",
            dir.display(),
            lang.pick(
                "ファイルです。--dossiers には個別評価を書き出すフォルダを指定してください",
                "is a file; give --dossiers the folder to write the dossiers into"
            )
        );
    }
    let mut targets = Vec::with_capacity(analysis.vendors.len());
    for v in &analysis.vendors {
        let path = dir.join(dossier_file_name(roster.name(v.vendor), lang)?);
        check_target(&path, inputs, args.force, lang)?;
        for other in [args.output.as_ref(), args.json.as_ref()]
            .into_iter()
            .flatten()
        {
            if other == &path {
                bail!(
                    "{}: {}",
                    path.display(),
                    lang.pick(
                        "個別評価の出力先が評価ブックかJSONの出力先と同じです。-o と --json には個別評価とは別のファイルを指定してください",
                        "the workbook, the JSON and the dossiers need different files"
                    )
                );
            }
        }
        targets.push((v.vendor, path));
    }
    Ok(targets)
}

/// With `FAIRBID_TIMING=1`, each stage's wall time on stderr: where a slow
/// run spends its time, measured on the user's own inputs.
struct Stages {
    last: Option<Instant>,
}

impl Stages {
    fn new() -> Stages {
        let on = std::env::var_os("FAIRBID_TIMING").is_some_and(|v| v == "1");
        Stages {
            last: on.then(Instant::now),
        }
    }

    fn lap(&mut self, stage: &str) {
        if let Some(last) = self
            .last
            .as_mut()
            .map(|last| std::mem::replace(last, Instant::now()))
        {
            let seconds = last.elapsed().as_secs_f64();
            match peak_mib() {
                Some(peak) => eprintln!("fairbid: {stage}: {seconds:.3} s (peak {peak} MiB)"),
                None => eprintln!("fairbid: {stage}: {seconds:.3} s"),
            }
        }
    }
}

/// The process's peak resident memory so far, where the system tells it (Linux).
fn peak_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// A few lines for the terminal: the ranking, then what needs attention.
fn summary(inputs: &Inputs, analysis: &Analysis, roster: &Roster, lang: Lang) -> String {
    let mut out = String::new();
    for v in &analysis.vendors {
        let compliant = if v.compliant {
            lang.pick("適合", "compliant")
        } else {
            lang.pick("不適合", "non-compliant")
        };
        out.push_str(&format!(
            "  {:>2}. {}  {:.1}%  ({compliant})\n",
            v.rank,
            roster.name(v.vendor),
            v.percent
        ));
    }
    let (errors, warnings) = errors_and_warnings(&inputs.findings);
    out.push_str(&match lang {
        Lang::Ja => format!(
            "要件 {} 件・ベンダー {} 社・公平性フラグ {} 件・カスタマイズ対象 {} 件・検証エラー {} 件／警告 {} 件\n",
            inputs.requirements.len(),
            inputs.vendors.len(),
            analysis.flags.len(),
            analysis.customization.len(),
            errors,
            warnings
        ),
        Lang::En => format!(
            "{} requirements, {} vendors, {} fairness flags, {} customized requirements, {} validation errors / {} warnings\n",
            inputs.requirements.len(),
            inputs.vendors.len(),
            analysis.flags.len(),
            analysis.customization.len(),
            errors,
            warnings
        ),
    });
    out
}
