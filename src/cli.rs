//! The command line (SPEC §8.3).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::Lang;

/// Fair, fast evaluation of public procurement on Excel workbooks.
///
/// fairbid reads a requirement matrix and the vendors' response workbooks,
/// scores them, flags requirements that favour one vendor, tallies
/// customization, and writes an evaluation workbook a selection committee can
/// print and file.
#[derive(Debug, Parser)]
#[command(name = "fairbid", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score the responses, raise the fairness flags and write the evaluation.
    Evaluate(EvaluateArgs),
    /// Write the response form vendors fill in, from the requirement matrix.
    Template(TemplateArgs),
    /// Validate returned response forms against the matrix (exit 1 on any error).
    Check(CheckArgs),
    /// Write the RFP draft: the matrix with the analysis beside each requirement.
    Draft(DraftArgs),
    /// Write a starter requirement matrix and the commented default settings.
    Init(InitArgs),
    /// Split the consortium's joint cost between the member towns (費用按分).
    Share(ShareArgs),
    /// Copy the responses under labels for a blind review, and write the key.
    Blind(BlindArgs),
    /// Internal: read the workbooks asked for on standard input, under
    /// limits, and send their sheets back to the fairbid process that
    /// started this one (`read::isolate`).
    #[command(name = crate::read::isolate::SUBCOMMAND, hide = true)]
    ReadWorkbook(ReadWorkbookArgs),
}

/// The limits a reader process works under, and its file.
#[derive(Debug, Args)]
pub struct ReadWorkbookArgs {
    #[arg(long)]
    pub max_file_mib: u64,
    #[arg(long)]
    pub max_part_mib: u64,
    #[arg(long)]
    pub max_read_mib: u64,
    #[arg(long)]
    pub max_read_seconds: u64,
}

/// Output language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Ja,
    En,
}

impl From<LangArg> for Lang {
    fn from(value: LangArg) -> Self {
        match value {
            LangArg::Ja => Lang::Ja,
            LangArg::En => Lang::En,
        }
    }
}

/// Inputs shared by every command that reads responses.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The requirement matrix (要件一覧): .xlsx, .xlsm, .xls or .ods.
    #[arg(long, value_name = "FILE")]
    pub requirements: PathBuf,
    /// Vendor response workbooks, or folders of them (one workbook per vendor).
    #[arg(long, value_name = "DIR|FILE", num_args = 1.., required = true)]
    pub responses: Vec<PathBuf>,
    /// Settings file (TOML); `fairbid init` writes one with every key.
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("outputs").required(true).multiple(true).args(["output", "json"])))]
pub struct EvaluateArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Member towns' customization requests (wide or long form).
    #[arg(long, value_name = "FILE")]
    pub requests: Option<PathBuf>,
    #[command(flatten)]
    pub committee: CommitteeArgs,
    /// The committee's decisions (裁定): rulings on answers, applied before scoring.
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,
    /// Write the evaluation workbook here.
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,
    /// Write the JSON report here (`-` for standard output).
    #[arg(long, value_name = "FILE|-")]
    pub json: Option<PathBuf>,
    /// Language of labels and messages (default: the settings' `lang`, else ja).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The vendors' prices, one row per vendor: adds the award (総合評価) of
    /// technical points plus price points, settings `[award]`.
    #[arg(long, value_name = "FILE")]
    pub prices: Option<PathBuf>,
    /// Write one workbook per vendor into this folder, holding only that
    /// vendor's answers, score and notes (for the debriefing).
    #[arg(long, value_name = "DIR")]
    pub dossiers: Option<PathBuf>,
    /// Exit 1 when the inputs hold any validation error.
    #[arg(long)]
    pub strict: bool,
    /// The key of a blind review (`fairbid blind`): the responses are the
    /// labelled copies; the real names go beside the labels on the Award
    /// sheet (the Summary without --prices) and into the JSON.
    #[arg(long, value_name = "FILE.xlsx")]
    pub key: Option<PathBuf>,
    /// Replace existing output files.
    #[arg(long)]
    pub force: bool,
    /// No progress and no summary on the terminal.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Committee scoring (委員評価, SPEC §13).
#[derive(Debug, Args)]
pub struct CommitteeArgs {
    /// The committee's evaluation criteria (評価基準): items and their points.
    #[arg(long, value_name = "FILE", requires = "scores")]
    pub criteria: Option<PathBuf>,
    /// The evaluators' scoresheets, or folders of them (one workbook per
    /// evaluator; the file name is the evaluator).
    #[arg(long, value_name = "DIR|FILE", num_args = 1.., requires = "criteria")]
    pub scores: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The requirement matrix (要件一覧): .xlsx, .xlsm, .xls or .ods.
    #[arg(long, value_name = "FILE", required_unless_present = "scoresheet")]
    pub requirements: Option<PathBuf>,
    /// Write the evaluator's scoresheet (委員評価表) instead of the response
    /// form, from --criteria and --responses.
    #[arg(long, requires_all = ["criteria", "responses"], conflicts_with = "requirements")]
    pub scoresheet: bool,
    /// The committee's evaluation criteria (with --scoresheet).
    #[arg(long, value_name = "FILE", requires = "scoresheet")]
    pub criteria: Option<PathBuf>,
    /// The vendors' responses, or their folder (with --scoresheet): one
    /// column per vendor.
    #[arg(long, value_name = "DIR|FILE", num_args = 1.., requires = "scoresheet")]
    pub responses: Vec<PathBuf>,
    /// The key of `fairbid blind` (with --scoresheet): the columns are the
    /// vendors' labels, so the evaluators never see whose proposal it is.
    #[arg(long, value_name = "FILE", requires = "scoresheet")]
    pub key: Option<PathBuf>,
    /// Write the response form here.
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    pub output: PathBuf,
    /// Settings file (TOML): the legend, the title and the tax basis shown on the form.
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
    /// Language of the form (default: the settings' `lang`, else ja).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// The committee's decisions (裁定): rulings on answers, applied before scoring.
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,
    /// Write the problems as JSON here (`-` for standard output).
    #[arg(long, value_name = "FILE|-")]
    pub json: Option<PathBuf>,
    /// Language of messages (default: the settings' `lang`, else ja).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Replace an existing JSON file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
    /// Member towns' customization requests (wide or long form).
    #[arg(long, value_name = "FILE")]
    pub requests: Option<PathBuf>,
    /// The committee's decisions (裁定): rulings on answers, applied before scoring.
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,
    /// Write the draft matrix here.
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    pub output: PathBuf,
    /// Make the changes: demote the relief set and the sole-capable mandatory
    /// requirements to desirable, mark infeasible ones removed, list every change.
    #[arg(long)]
    pub apply: bool,
    /// Language of the added columns and messages (default: the settings' `lang`, else ja).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The members workbook: town, population, current cost, businesses, status.
    #[arg(long, value_name = "FILE")]
    pub members: PathBuf,
    /// The joint cost to split, in yen, for the same period as the current
    /// costs (`4億2600万`, `426000000`).
    #[arg(long, value_name = "AMOUNT")]
    pub total: String,
    /// An evaluation's JSON (`evaluate --json`): the chosen vendor's
    /// customization is charged to the towns.
    #[arg(long, value_name = "FILE.json", requires = "vendor")]
    pub evaluation: Option<PathBuf>,
    /// The vendor whose customization is charged, as the evaluation names it.
    #[arg(long, value_name = "NAME", requires = "evaluation")]
    pub vendor: Option<String>,
    /// Write the split workbook here.
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    pub output: PathBuf,
    /// Write the split as JSON here (`-` for standard output).
    #[arg(long, value_name = "FILE|-")]
    pub json: Option<PathBuf>,
    /// Settings file (TOML): the `[share]` section.
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
    /// Language of labels and messages (default: the settings' `lang`, else ja).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Replace existing output files.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to write `requirements.xlsx` and `settings.toml` into (created when missing).
    pub dir: PathBuf,
    /// Language of the starter matrix.
    #[arg(long, value_enum, default_value = "ja")]
    pub lang: LangArg,
    /// Replace existing files.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct BlindArgs {
    /// Vendor response workbooks, or folders of them (one workbook per vendor).
    #[arg(long, value_name = "DIR|FILE", num_args = 1.., required = true)]
    pub responses: Vec<PathBuf>,
    /// Folder to write the labelled copies into (created when missing).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Write the key (label, vendor, hashes, replacements) here; it stays
    /// with the secretariat.
    #[arg(long, value_name = "FILE.xlsx")]
    pub key: PathBuf,
    /// Seed of the random labels (default: from SOURCE_DATE_EPOCH when set,
    /// else random); written in the key.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Settings file (TOML): `[blind_terms]` and the reading limits.
    #[arg(long, value_name = "FILE")]
    pub settings: Option<PathBuf>,
    /// Language of the labels (提案者A / Bidder A) and the key (default: the
    /// settings' `lang`, else ja).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Replace existing copies and key.
    #[arg(long)]
    pub force: bool,
    /// No summary on the terminal.
    #[arg(short, long)]
    pub quiet: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn draft_needs_an_output_and_takes_apply() {
        let base = [
            "fairbid",
            "draft",
            "--requirements",
            "要件一覧.xlsx",
            "--responses",
            "responses",
        ];
        let err = Cli::try_parse_from(base).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
        let cli = Cli::try_parse_from(base.iter().chain(&["-o", "案.xlsx", "--apply"])).unwrap();
        match cli.command {
            Command::Draft(args) => {
                assert!(args.apply);
                assert_eq!(args.output, PathBuf::from("案.xlsx"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn evaluate_needs_an_output() {
        let err = Cli::try_parse_from([
            "fairbid",
            "evaluate",
            "--requirements",
            "r.xlsx",
            "--responses",
            "dir",
        ])
        .unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
        assert!(
            Cli::try_parse_from([
                "fairbid",
                "evaluate",
                "--requirements",
                "r.xlsx",
                "--responses",
                "a.xlsx",
                "b.xlsx",
                "--json",
                "-",
            ])
            .is_ok()
        );
    }
}
