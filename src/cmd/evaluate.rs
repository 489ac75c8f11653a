//! `fairbid evaluate`: the main job — read, score, flag, tally, write.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::analyze::analyze;
use crate::cli::EvaluateArgs;
use crate::cmd::{
    Status, document_date, input_paths, load_settings, pick_lang, progress, write_json,
};
use crate::model::{Analysis, Inputs, Lang, Severity};
use crate::output::check_target;
use crate::read::discover::discover_responses;
use crate::read::inputs::{InputPaths, read_inputs, release_freed_memory};
use crate::write::xlsx::{save as save_workbook, take_shown};
use crate::write::{RunInfo, report_json};

pub fn run(args: &EvaluateArgs) -> Result<Status> {
    let mut stages = Stages::new();
    let settings = load_settings(args.inputs.settings.as_deref())?;
    let lang = pick_lang(args.lang, &settings);
    let discovered = discover_responses(&args.inputs.responses, lang)?;
    if !args.quiet {
        for notice in &discovered.notices {
            eprintln!("fairbid: {notice}");
        }
    }
    if discovered.files.is_empty() {
        bail!(
            "{}",
            lang.pick(
                "回答ブック（.xlsx .xlsm .xls .ods）が見つかりません。--responses にベンダーの回答ファイルかそのフォルダを指定してください",
                "no response workbook (.xlsx .xlsm .xls .ods) found; give --responses the vendors' files or their folder"
            )
        );
    }

    let all_inputs = input_paths(&args.inputs, &discovered.files, &[args.requests.as_ref()]);
    if let Some(out) = &args.output {
        check_target(out, &all_inputs, args.force)?;
    }
    if let Some(json) = args.json.as_ref().filter(|p| p.as_os_str() != "-") {
        check_target(json, &all_inputs, args.force)?;
        if args.output.as_ref() == Some(json) {
            bail!(
                "{}: the workbook and the JSON need different files",
                json.display()
            );
        }
    }

    let bar = progress(discovered.files.len(), args.quiet);
    bar.set_message(lang.pick("回答を読み込み中", "reading responses"));
    let paths = InputPaths {
        requirements: &args.inputs.requirements,
        responses: &discovered.files,
        requests: args.requests.as_deref(),
        settings: args.inputs.settings.as_deref(),
    };
    let mut inputs = read_inputs(&paths, &settings, lang, &|_| bar.inc(1))?;
    bar.finish_and_clear();
    release_freed_memory();
    stages.lap("read");

    let analysis = analyze(&inputs, &settings, lang);
    stages.lap("analyze");

    if let Some(out) = &args.output {
        let run = RunInfo {
            settings: &settings,
            lang,
            created: document_date(),
        };
        // Only the Matrix reads the vendors' answers after the analysis, and
        // only their codes, levels and remarks: the rest goes now.
        let shown = take_shown(&mut inputs);
        release_freed_memory();
        save_atomic(out, |file| {
            save_workbook(&inputs, shown, &analysis, &run, file)
        })?;
        stages.lap("workbook");
    }
    if let Some(json) = &args.json {
        write_json(json, &report_json(&inputs, &analysis, &settings))?;
        stages.lap("json");
    }
    if !args.quiet {
        eprint!("{}", summary(&inputs, &analysis, lang));
    }

    let errors = inputs
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    Ok(if args.strict && errors {
        Status::ErrorsFound
    } else {
        Status::Done
    })
}

/// Writes a file the way `output::write_atomic` does — a temporary file
/// beside the target, flushed, then renamed over it — from a writer, so that
/// a large workbook goes to disk as it is zipped instead of first into memory.
fn save_atomic(
    target: &Path,
    write: impl FnOnce(&mut BufWriter<&File>) -> Result<()>,
) -> Result<()> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the output folder", dir.display()))?;
    }
    let tmp = tempfile::Builder::new()
        .prefix(".fairbid-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| {
            format!(
                "{}: cannot create a temporary file in this folder",
                dir.display()
            )
        })?;
    let mut out = BufWriter::new(tmp.as_file());
    write(&mut out)?;
    out.flush()
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("{}: cannot write the output", target.display()))?;
    drop(out);
    tmp.persist(target)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot move the output into place", target.display()))?;
    Ok(())
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
fn summary(inputs: &Inputs, analysis: &Analysis, lang: Lang) -> String {
    let mut out = String::new();
    for v in &analysis.vendors {
        let compliant = if v.compliant {
            lang.pick("適合", "compliant")
        } else {
            lang.pick("不適合", "non-compliant")
        };
        out.push_str(&format!(
            "  {:>2}. {}  {:.1}%  ({compliant})\n",
            v.rank, v.name, v.percent
        ));
    }
    let errors = inputs
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = inputs.findings.len() - errors;
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
