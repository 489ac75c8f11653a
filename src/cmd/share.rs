//! `fairbid share`: the consortium's joint cost split between its member
//! towns (SPEC §14) — read the members, charge the chosen vendor's
//! customization, split, try each candidate's join, write the workbook and
//! the JSON.
//!
//! A split is only as good as its worst row: an error in the members
//! workbook stops the run (exit 2) with every row listed, rather than
//! splitting between the towns that happened to read well.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::analyze::share::{SplitError, VendorMatch, find_vendor, share};
use crate::cli::ShareArgs;
use crate::cmd::check::table;
use crate::cmd::{Status, document_date, load_settings, open_required, pick_lang, write_json};
use crate::model::{Finding, FindingKind, Lang, MemberProblem, Severity};
use crate::normalize::{YenParse, parse_yen};
use crate::output::{check_target, write_atomic};
use crate::read::evaluation::{Evaluation, EvaluationProblem, read_evaluation};
use crate::read::members::read_members;
use crate::read::workbook::file_name;
use crate::write::share::{ShareFile, ShareReport, ShareRole, share_json, share_workbook};
use crate::write::{Labels, RunInfo};

pub fn run(args: &ShareArgs) -> Result<Status> {
    let settings = load_settings(args.settings.as_deref())?;
    let lang = pick_lang(args.lang, &settings);
    let total = given_total(&args.total, lang)?;
    let inputs: Vec<PathBuf> = [Some(&args.members), args.evaluation.as_ref()]
        .into_iter()
        .flatten()
        .chain(args.settings.as_ref())
        .cloned()
        .collect();
    check_outputs(args, &inputs, lang)?;

    let wb = open_required(&args.members, &settings, lang)?;
    let mut findings = Vec::new();
    let towns = read_members(&wb, settings.share.business > 0.0, 0, &mut findings);
    let labels = Labels::load(lang)?;
    if findings.iter().any(|f| f.severity == Severity::Error) {
        eprint!("{}", table(&findings, &labels, lang));
        bail!(
            "{}: {}",
            args.members.display(),
            lang.pick(
                "構成団体一覧に誤りがあるため按分できません。上の行を直してから実行し直してください",
                "the members workbook has errors, so the cost cannot be split; fix the rows above and run again"
            )
        );
    }
    let mut files = vec![ShareFile {
        file: wb.file.clone(),
        role: ShareRole::Members,
        sha256: wb.sha256.clone(),
        rows: towns.rows,
    }];
    drop(wb);

    let evaluation = match (&args.evaluation, &args.vendor) {
        (Some(path), Some(vendor)) => Some(evaluation(path, vendor, lang)?),
        _ => None,
    };
    if let (Some(path), Some((e, _))) = (&args.evaluation, &evaluation) {
        files.push(ShareFile {
            file: file_name(path),
            role: ShareRole::Evaluation,
            sha256: e.sha256.clone(),
            rows: 0,
        });
    }
    if let (Some(path), Some(sha256)) = (&args.settings, &settings.source_sha256) {
        files.push(ShareFile {
            file: file_name(path),
            role: ShareRole::Settings,
            sha256: sha256.clone(),
            rows: 0,
        });
    }

    let customization = evaluation.as_ref().map(|(e, v)| (e, *v));
    let outcome = share(&towns.towns, total, customization, &settings.share)
        .map_err(|e| split_error(e, &args.members, lang))?;
    if let Some(path) = &args.evaluation {
        for (requirement, town) in &outcome.charges.unknown_requesters {
            let kind = FindingKind::Member(MemberProblem::UnknownRequester { town: town.clone() });
            findings.push(
                Finding::file(&file_name(path), Severity::Warning, kind)
                    .with_value(format!("{requirement}: {town}")),
            );
        }
    }

    let vendor = evaluation
        .as_ref()
        .map(|(e, v)| e.vendors[*v].name.as_str());
    let report = ShareReport {
        towns: &towns.towns,
        outcome: &outcome,
        vendor,
        findings: &findings,
        files: &files,
    };
    let run = RunInfo {
        settings: &settings,
        lang,
        created: document_date(),
    };
    let bytes = share_workbook(&report, &run)?;
    write_atomic(&args.output, &bytes, lang)?;
    if let Some(json) = &args.json {
        write_json(json, &share_json(&report, &settings.share), lang)?;
    }

    if !findings.is_empty() {
        eprint!("{}", table(&findings, &labels, lang));
    }
    eprint!("{}", summary(&report, lang));
    let json = (args.json.as_deref()).filter(|p| p.as_os_str() != "-");
    let files: Vec<&std::path::Path> = std::iter::once(args.output.as_path()).chain(json).collect();
    eprint!("{}", crate::output::written_line(&files, lang));
    Ok(Status::Done)
}

/// `--total` as yen text (`4億2600万`, `426,000,000`, `¥426,000,000`).
fn given_total(text: &str, lang: Lang) -> Result<f64> {
    match parse_yen(text) {
        YenParse::Amount { yen, .. } if yen > 0.0 => Ok(yen),
        _ => bail!(
            "--total {text}: {}",
            lang.pick(
                "按分する総額を円で指定してください（例：4億2600万、426000000）",
                "give the joint cost to split in yen (e.g. 4億2600万, 426000000)"
            )
        ),
    }
}

/// Refuses a workbook path not ending in `.xlsx`, an existing output
/// without `--force`, an output equal to an input, and one file for both.
fn check_outputs(args: &ShareArgs, inputs: &[PathBuf], lang: Lang) -> Result<()> {
    let is_xlsx =
        (args.output.extension()).is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        bail!(
            "{}: {}",
            args.output.display(),
            lang.pick(
                "按分ブックの出力先は .xlsx で終わるファイル名にしてください",
                "the workbook's path must end in .xlsx"
            )
        );
    }
    check_target(&args.output, inputs, args.force, lang)?;
    if let Some(json) = args.json.as_ref().filter(|p| p.as_os_str() != "-") {
        check_target(json, inputs, args.force, lang)?;
        if json == &args.output {
            bail!(
                "{}: {}",
                json.display(),
                lang.pick(
                    "按分ブックとJSONの出力先が同じです。-o と --json には別々のファイルを指定してください",
                    "the workbook and the JSON need different files"
                )
            );
        }
    }
    Ok(())
}

/// The evaluation and the position of the vendor `--vendor` names in it.
fn evaluation(path: &Path, vendor: &str, lang: Lang) -> Result<(Evaluation, usize)> {
    let evaluation = read_evaluation(path).map_err(|problem| {
        let (ja, en, detail) = match problem {
            EvaluationProblem::Unreadable(d) => (
                "評価結果のファイルを読めません。ファイルの場所と読み取り権限を確認してください",
                "cannot read the evaluation file; check its path and permissions",
                d,
            ),
            EvaluationProblem::NotEvaluation(d) => (
                "fairbid evaluate --json が書き出した評価結果ではありません。評価結果のJSONを指定してください",
                "not an evaluation written by fairbid evaluate --json; give that JSON file",
                d,
            ),
        };
        anyhow::anyhow!("{}: {} ({detail})", path.display(), lang.pick(ja, en))
    })?;
    match find_vendor(&evaluation, vendor) {
        Ok(v) => Ok((evaluation, v)),
        Err(why) => {
            let names: Vec<&str> = evaluation.vendors.iter().map(|v| v.name.as_str()).collect();
            let (ja, en) = match why {
                VendorMatch::NotFound => (
                    "この事業者は評価結果にありません",
                    "this vendor is not in the evaluation",
                ),
                VendorMatch::Ambiguous => (
                    "この名前に当たる事業者が評価結果に複数あります",
                    "this name matches more than one vendor of the evaluation",
                ),
            };
            bail!(
                "--vendor {vendor}: {}. {}: {}",
                lang.pick(ja, en),
                lang.pick("評価結果の事業者", "the evaluation's vendors"),
                names.join(", ")
            )
        }
    }
}

fn split_error(error: SplitError, members: &Path, lang: Lang) -> anyhow::Error {
    let (ja, en) = match error {
        SplitError::NoMembers => (
            "按分する構成団体がありません。区分が空欄か「参加」の団体を1つ以上記入してください",
            "no member town to split between; list at least one town with a blank status or 参加",
        ),
        SplitError::NoBusinesses => (
            "設定で業務数割（share.business）を使っていますが、利用業務数の合計が0です。利用業務数を記入するか、share.business を 0 にしてください",
            "the settings weigh the business share (share.business) but the members use no business; fill in the businesses or set share.business to 0",
        ),
    };
    anyhow::anyhow!("{}: {}", members.display(), lang.pick(ja, en))
}

/// One line per member for the terminal: share, new cost and saving.
fn summary(report: &ShareReport, lang: Lang) -> String {
    use crate::write::xlsx::format::yen_text;
    let o = report.outcome;
    let mut out = match lang {
        Lang::Ja => format!("按分総額 {}\n", yen_text(o.split.total)),
        Lang::En => format!("total split {}\n", yen_text(o.split.total)),
    };
    for (m, c) in o.split.members.iter().zip(&o.costs) {
        let rate = c
            .saving_rate
            .map_or_else(String::new, |r| format!(" ({:.1}%)", r * 100.0));
        let (cost, saving) = (yen_text(c.new_cost), yen_text(c.saving));
        let name = &report.towns[m.town].name;
        out.push_str(&match lang {
            Lang::Ja => format!("  {name}  新経費 {cost}  削減 {saving}{rate}\n"),
            Lang::En => format!("  {name}  new cost {cost}  saving {saving}{rate}\n"),
        });
    }
    if let Some(g) = o.split.guarantee.as_ref().filter(|g| !g.feasible) {
        out.push_str(&match lang {
            Lang::Ja => format!(
                "保証削減率は実現できません（不足 {}、実現可能な最大 {:.1}%）\n",
                yen_text(g.shortfall),
                o.split.max_feasible * 100.0
            ),
            Lang::En => format!(
                "the guaranteed saving cannot be met ({} short; at most {:.1}%)\n",
                yen_text(g.shortfall),
                o.split.max_feasible * 100.0
            ),
        });
    }
    out
}
