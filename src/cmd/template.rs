//! `fairbid template`: the response form the secretariat sends to vendors,
//! made from the requirement matrix so that every vendor answers the same
//! requirements, with the same codes, in a workbook `evaluate` reads back
//! without a warning.

use anyhow::{Result, bail};

use crate::cli::TemplateArgs;
use crate::cmd::{
    Status, document_date, errors_and_warnings, finding_place, load_settings_in, no_requirement,
    open_required, pick_lang, severity_word,
};
use crate::model::{Finding, Lang};
use crate::output::{check_target, write_atomic};
use crate::read::matrix::read_matrix;
use crate::write::form::response_form;
use crate::write::{Labels, RunInfo};

pub fn run(args: &TemplateArgs) -> Result<Status> {
    if args.scoresheet {
        return crate::cmd::scoresheet::run(args);
    }
    let settings = load_settings_in(args.settings.as_deref(), args.lang)?;
    let lang = pick_lang(args.lang, &settings);
    let Some(requirements) = &args.requirements else {
        bail!("--requirements FILE (or --scoresheet --criteria FILE --responses DIR)");
    };
    let mut inputs = vec![requirements.clone()];
    inputs.extend(args.settings.iter().cloned());
    check_target(&args.output, &inputs, args.force, lang)?;

    let wb = open_required(requirements, &settings, lang)?;
    let mut findings = Vec::new();
    let matrix = read_matrix(&wb, &settings, 0, &mut findings);
    let labels = Labels::load(lang)?;
    for finding in &findings {
        eprintln!("fairbid: {}", finding_line(finding, &labels, lang));
    }
    if matrix.requirements.is_empty() {
        bail!("{}: {}", requirements.display(), no_requirement(lang));
    }
    let (errors, _) = errors_and_warnings(&findings);
    if errors > 0 {
        // A form sent with a requirement missing cannot be corrected once
        // the vendors have answered it.
        bail!(
            "{}: {}",
            requirements.display(),
            match lang {
                Lang::Ja => format!(
                    "要件一覧にエラーが {errors} 件あります（上の一覧）。このままでは回答様式から要件が漏れるため、要件一覧を直してからもう一度実行してください"
                ),
                Lang::En => format!(
                    "the requirement matrix has {errors} errors (listed above); the form would miss requirements, so fix the matrix and run again"
                ),
            }
        );
    }

    let run = RunInfo {
        settings: &settings,
        lang,
        created: document_date(),
    };
    let bytes = response_form(&matrix.requirements, &run)?;
    write_atomic(&args.output, &bytes, lang)?;

    let requirements = matrix.requirements.len();
    let mut areas: Vec<&str> = Vec::new();
    for req in &matrix.requirements {
        if !areas.contains(&req.area.as_str()) {
            areas.push(&req.area);
        }
    }
    eprintln!(
        "{}",
        match lang {
            Lang::Ja => format!(
                "回答様式 {} を作成しました（要件 {requirements} 件、業務 {} シート）。",
                args.output.display(),
                areas.len()
            ),
            Lang::En => format!(
                "wrote the response form {} ({requirements} requirements on {} business-area sheets)",
                args.output.display(),
                areas.len()
            ),
        }
    );
    Ok(Status::Done)
}

/// One finding on one line: where, what (worded by `labels`, in `lang`), and
/// the value found.
pub(crate) fn finding_line(f: &Finding, labels: &Labels, lang: Lang) -> String {
    let place = match finding_place(f) {
        p if p.is_empty() => f.file.clone(),
        p => format!("{}!{p}", f.file),
    };
    let value = f
        .value
        .as_ref()
        .map(|v| format!(" [{v}]"))
        .unwrap_or_default();
    format!(
        "{place}: {}: {}{value}",
        severity_word(f.severity, lang),
        labels.finding_message(f)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FindingKind, Severity};

    #[test]
    fn a_finding_reads_as_one_line() {
        let f = Finding::file("要件一覧.xlsx", Severity::Error, FindingKind::MissingId)
            .on_sheet("住民記録", 0)
            .at_cell(4, 0)
            .with_value("住民票の写しを交付できること。");
        let ja = Labels::load(Lang::Ja).unwrap();
        assert_eq!(
            finding_line(&f, &ja, Lang::Ja),
            "要件一覧.xlsx!住民記録!A5: エラー: 要件にIDがありません。すべての要件に一意のID（例：JR-001）を付けてください。 [住民票の写しを交付できること。]"
        );
        let hidden = FindingKind::HiddenSheet {
            sheet: "旧要件".into(),
        };
        let f = Finding::file("req.xlsx", Severity::Warning, hidden);
        let en = Labels::load(Lang::En).unwrap();
        assert_eq!(
            finding_line(&f, &en, Lang::En),
            "req.xlsx: warning: Sheet \"旧要件\" is hidden and is not read; put everything to be evaluated on visible sheets."
        );
    }
}
