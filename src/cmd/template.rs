//! `fairbid template`: the response form the secretariat sends to vendors,
//! made from the requirement matrix so that every vendor answers the same
//! requirements, with the same codes, in a workbook `evaluate` reads back
//! without a warning.

use anyhow::{Result, bail};

use crate::analyze::naming::{Named, named_requirements};
use crate::cli::TemplateArgs;
use crate::cmd::{
    Status, document_date, errors_and_warnings, finding_place, load_settings_in, no_requirement,
    open_required, pick_lang, severity_word,
};
use crate::model::{Finding, FlagCode, Lang, Requirement};
use crate::output::{check_target, check_workbook_name, write_atomic_with};
use crate::read::draft_flags::rows_flagged;
use crate::read::matrix::read_matrix;
use crate::write::form::form_workbook;
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
    check_workbook_name(&args.output, lang)?;
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

    // Named products go out to every vendor with the form: warn, naming
    // each, and let the secretariat decide (the form is still written).
    let draft_headers = [
        Labels::load(Lang::Ja)?.draft.flags,
        Labels::load(Lang::En)?.draft.flags,
    ];
    let headers: Vec<&str> = draft_headers.iter().map(String::as_str).collect();
    let draft_f07 = rows_flagged(&wb, &headers, FlagCode::F07.code());
    // The form is made from the requirements alone: the matrix's cells go
    // before its sheets are filled.
    drop(wb);
    for named in named_requirements(&matrix.requirements, &settings, &draft_f07) {
        let req = &matrix.requirements[named.requirement.index()];
        eprintln!("fairbid: {}", naming_warning(req, &named, lang));
    }

    let run = RunInfo {
        settings: &settings,
        lang,
        created: document_date(),
    };
    let mut form = form_workbook(&matrix.requirements, &run)?;
    let requirements = matrix.requirements.len();
    let mut areas: Vec<&str> = Vec::new();
    for req in &matrix.requirements {
        if !areas.contains(&req.area.as_str()) {
            areas.push(&req.area);
        }
    }
    let areas = areas.len();
    // The form's sheets hold every value they show.
    drop(matrix);
    write_atomic_with(&args.output, lang, |out| Ok(form.save_to_writer(out)?))?;
    eprintln!(
        "{}",
        match lang {
            Lang::Ja => format!(
                "回答様式 {} を作成しました（要件 {requirements} 件、業務 {} シート）。",
                args.output.display(),
                areas
            ),
            Lang::En => format!(
                "wrote the response form {} ({requirements} requirements on {} business-area sheets)",
                args.output.display(),
                areas
            ),
        }
    );
    Ok(Status::Done)
}

/// The warning about a requirement that names a product or company: where
/// it is, what names it, and what to do before the form goes out.
fn naming_warning(req: &Requirement, named: &Named, lang: Lang) -> String {
    let place = format!("{}!{}", req.sheet, req.row);
    let why = match (lang, &named.term, named.draft_flag) {
        (Lang::Ja, Some(term), false) => format!("文言に製品名・社名「{term}」が含まれています"),
        (Lang::Ja, Some(term), true) => {
            format!("文言に製品名・社名「{term}」が含まれ、要件案のフラグ列にも F07 があります")
        }
        (Lang::Ja, None, _) => "要件案のフラグ列に F07（製品名・社名の記載）があります".to_string(),
        (Lang::En, Some(term), false) => format!("its text names the product or company “{term}”"),
        (Lang::En, Some(term), true) => format!(
            "its text names the product or company “{term}”, and the draft's flags column says F07"
        ),
        (Lang::En, None, _) => {
            "the draft's flags column says F07 (a product or company named)".to_string()
        }
    };
    match lang {
        Lang::Ja => format!(
            "警告: 要件 {}（{place}）: {why}。特定のベンダーを有利にするため、名称を除いて求める機能で書き直してから回答様式を配布してください（回答様式はこのまま作成します）。",
            req.id
        ),
        Lang::En => format!(
            "warning: requirement {} ({place}): {why}. It favours one vendor: rewrite it as the function needed before the form goes out (the form is written as it is).",
            req.id
        ),
    }
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
