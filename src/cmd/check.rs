//! `fairbid check`: validate returned response forms before the deadline, so a
//! secretariat can send a form back while the vendor can still fix it.

use anyhow::Result;

use crate::cli::CheckArgs;
use crate::cmd::{Reading, Status, write_json};
use crate::model::{Finding, Lang, Severity};
use crate::output::check_target;

pub fn run(args: &CheckArgs) -> Result<Status> {
    // No response at all is not refused: the matrix is still checked.
    let reading = Reading::start(&args.inputs, args.lang, false)?;
    let lang = reading.lang;
    if let Some(json) = args.json.as_ref().filter(|p| p.as_os_str() != "-") {
        check_target(json, &reading.input_paths(None), args.force, lang)?;
    }
    let inputs = reading.read(None, false)?;

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
