//! `fairbid check`: validate returned response forms before the deadline, so a
//! secretariat can send a form back while the vendor can still fix it.

use anyhow::Result;

use crate::cli::CheckArgs;
use crate::cmd::{Reading, Status, errors_and_warnings, finding_place, severity_word, write_json};
use crate::model::{Finding, Lang};
use crate::output::{check_target, to_stdout};
use crate::write::Labels;
use crate::write::findings::FindingJson;

pub fn run(args: &CheckArgs) -> Result<Status> {
    // No response at all is not refused: the matrix is still checked.
    let reading = Reading::start(&args.inputs, args.lang, false)?;
    let lang = reading.lang;
    if let Some(json) = args.json.as_ref().filter(|p| p.as_os_str() != "-") {
        let mut all_inputs = reading.input_paths(None);
        all_inputs.extend(args.decisions.clone());
        check_target(json, &all_inputs, args.force, lang)?;
    }
    let mut inputs = reading.read(None, false)?;
    reading.apply_decisions(args.decisions.as_deref(), &mut inputs)?;
    let labels = Labels::load(lang)?;

    if let Some(json) = &args.json {
        let validation: Vec<FindingJson> = (inputs.findings.iter())
            .map(|f| FindingJson::new(f, &labels))
            .collect();
        write_json(json, &serde_json::json!({ "validation": validation }), lang)?;
    }
    if args.json.as_deref() != Some(std::path::Path::new("-")) {
        let table = table(&inputs.findings, &labels, lang);
        to_stdout(lang, |out| Ok(out.write_all(table.as_bytes())?))?;
    }
    let (errors, _) = errors_and_warnings(&inputs.findings);
    Ok(if errors > 0 {
        Status::ErrorsFound
    } else {
        Status::Done
    })
}

/// The findings as a plain table, one per line, then a count; `labels` word
/// the findings, in `lang`.
fn table(findings: &[Finding], labels: &Labels, lang: Lang) -> String {
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
            labels.finding_message(f)
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
    use crate::model::{FindingKind, Level, Severity};

    #[test]
    fn the_table_has_one_tab_separated_line_per_finding_then_the_counts() {
        let invalid = FindingKind::InvalidAnswer {
            code: "？".into(),
            legend: [(Level::Standard, vec!["◎".to_string()])].into(),
        };
        let hidden = FindingKind::HiddenSheet {
            sheet: "旧回答".into(),
        };
        let findings = [
            Finding::file("E社.xlsx", Severity::Error, invalid)
                .on_sheet("回答", 0)
                .at_cell(1, 1)
                .with_value("？"),
            Finding::file("F社.xlsx", Severity::Warning, hidden),
        ];
        let [ja, en] = [Lang::Ja, Lang::En].map(|lang| Labels::load(lang).unwrap());
        assert_eq!(
            table(&findings, &ja, Lang::Ja),
            "E社.xlsx\t回答!B2\tエラー\t回答「？」は凡例にないため無効（0点）として扱います。凡例の記号（標準: ◎）のいずれかで回答してください。  [？]\n\
             F社.xlsx\t\t警告\tシート「旧回答」は非表示のため読み込みません。評価に使う内容は表示されているシートに記入してください。\n\
             エラー 1 件、警告 1 件\n"
        );
        assert_eq!(
            table(&findings, &en, Lang::En),
            "E社.xlsx\t回答!B2\terror\tThe answer \"？\" is not in the legend; it counts as invalid and scores 0. Answer with a legend code (standard: ◎).  [？]\n\
             F社.xlsx\t\twarning\tSheet \"旧回答\" is hidden and is not read; put everything to be evaluated on visible sheets.\n\
             1 errors, 1 warnings\n"
        );
        assert_eq!(table(&[], &ja, Lang::Ja), "エラー 0 件、警告 0 件\n");
    }
}
