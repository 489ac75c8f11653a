//! `fairbid check`: validate returned response forms before the deadline, so a
//! secretariat can send a form back while the vendor can still fix it.

use anyhow::Result;

use crate::cli::CheckArgs;
use crate::cmd::{Status, input_paths, load_settings, pick_lang, write_json};
use crate::model::{Finding, Lang, Severity};
use crate::output::check_target;
use crate::read::discover::discover_responses;
use crate::read::inputs::{InputPaths, read_inputs};

pub fn run(args: &CheckArgs) -> Result<Status> {
    let settings = load_settings(args.inputs.settings.as_deref())?;
    let lang = pick_lang(args.lang, &settings);
    let discovered = discover_responses(&args.inputs.responses, lang)?;
    for notice in &discovered.notices {
        eprintln!("fairbid: {notice}");
    }
    if let Some(json) = args.json.as_ref().filter(|p| p.as_os_str() != "-") {
        check_target(
            json,
            &input_paths(&args.inputs, &discovered.files, &[]),
            args.force,
            lang,
        )?;
    }
    let paths = InputPaths {
        requirements: &args.inputs.requirements,
        responses: &discovered.files,
        requests: None,
        settings: args.inputs.settings.as_deref(),
    };
    let inputs = read_inputs(&paths, &settings, lang, &|_| {})?;

    if let Some(json) = &args.json {
        write_json(
            json,
            &serde_json::json!({ "validation": inputs.findings }),
            lang,
        )?;
    }
    if args.json.as_deref() != Some(std::path::Path::new("-")) {
        print!("{}", table(&inputs.findings, lang));
    }
    let errors = inputs
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    Ok(if errors {
        Status::ErrorsFound
    } else {
        Status::Done
    })
}

/// The findings as a plain table, one per line, then a count.
fn table(findings: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    for f in findings {
        let severity = match f.severity {
            Severity::Error => lang.pick("エラー", "error"),
            Severity::Warning => lang.pick("警告", "warning"),
        };
        let place = [f.sheet.as_deref(), f.cell.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("!");
        let value = f
            .value
            .as_ref()
            .map(|v| format!("  [{v}]"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}\t{place}\t{severity}\t{}{value}\n",
            f.file, f.message
        ));
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    out.push_str(&match lang {
        Lang::Ja => format!(
            "エラー {} 件、警告 {} 件\n",
            errors,
            findings.len() - errors
        ),
        Lang::En => format!("{} errors, {} warnings\n", errors, findings.len() - errors),
    });
    out
}
