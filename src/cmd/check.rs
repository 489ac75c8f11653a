//! `fairbid check`: validate returned response forms before the deadline, so a
//! secretariat can send a form back while the vendor can still fix it.

use anyhow::Result;

use crate::cli::CheckArgs;
use crate::cmd::{Reading, Status, errors_and_warnings, finding_place, severity_word, write_json};
use crate::model::{Finding, Lang};
use crate::output::{check_target, to_stdout};

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
        let table = table(&inputs.findings, lang);
        to_stdout(lang, |out| Ok(out.write_all(table.as_bytes())?))?;
    }
    let (errors, _) = errors_and_warnings(&inputs.findings);
    Ok(if errors > 0 {
        Status::ErrorsFound
    } else {
        Status::Done
    })
}

/// The findings as a plain table, one per line, then a count.
fn table(findings: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    for f in findings {
        let value = f
            .value
            .as_ref()
            .map(|v| format!("  [{v}]"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}\t{}\t{}\t{}{value}\n",
            f.file,
            finding_place(f),
            severity_word(f.severity, lang),
            f.message
        ));
    }
    let (errors, warnings) = errors_and_warnings(findings);
    out.push_str(&match lang {
        Lang::Ja => format!("エラー {errors} 件、警告 {warnings} 件\n"),
        Lang::En => format!("{errors} errors, {warnings} warnings\n"),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    #[test]
    fn the_table_has_one_tab_separated_line_per_finding_then_the_counts() {
        let findings = [
            Finding::file("E社.xlsx", Severity::Error, "回答が凡例にありません。")
                .on_sheet("回答", 0)
                .at_cell(1, 1)
                .with_value("？"),
            Finding::file("F社.xlsx", Severity::Warning, "非表示のシートがあります。"),
        ];
        assert_eq!(
            table(&findings, Lang::Ja),
            "E社.xlsx\t回答!B2\tエラー\t回答が凡例にありません。  [？]\n\
             F社.xlsx\t\t警告\t非表示のシートがあります。\n\
             エラー 1 件、警告 1 件\n"
        );
        assert_eq!(
            table(&findings, Lang::En),
            "E社.xlsx\t回答!B2\terror\t回答が凡例にありません。  [？]\n\
             F社.xlsx\t\twarning\t非表示のシートがあります。\n\
             1 errors, 1 warnings\n"
        );
        assert_eq!(table(&[], Lang::Ja), "エラー 0 件、警告 0 件\n");
    }
}
