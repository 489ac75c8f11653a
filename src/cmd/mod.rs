//! One file per subcommand; each has one `run`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};
use indicatif::{ProgressBar, ProgressStyle};

use crate::blind::key::KeyNames;
use crate::cli::{InputArgs, LangArg};
use crate::model::{Finding, Inputs, Lang, Severity};
use crate::read::discover::discover_responses;
use crate::read::inputs::{InputPaths, Stop, read_inputs};
use crate::read::workbook::Workbook;
use crate::settings::Settings;
use crate::write::Labels;

pub mod award;
pub mod blind;
pub mod check;
pub mod draft;
pub mod evaluate;
pub mod init;
pub mod scoresheet;
pub mod share;
pub mod template;

/// How a command that ran ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Done.
    Done,
    /// Done, and errors were found in the inputs (`check`, `evaluate --strict`).
    ErrorsFound,
}

impl Status {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Status::Done => ExitCode::SUCCESS,
            Status::ErrorsFound => ExitCode::from(1),
        }
    }
}

/// Settings from `--settings`, or the built-in defaults; a refusal is told
/// in the file's own `lang`, else in Japanese.
pub fn load_settings(path: Option<&Path>) -> Result<Settings> {
    load_settings_in(path, None)
}

/// Settings from `--settings`, or the built-in defaults; a refusal is told
/// in the run's language: `lang` (the command's `--lang`) when given, else
/// the file's own `lang`, else Japanese.
pub fn load_settings_in(path: Option<&Path>, lang: Option<LangArg>) -> Result<Settings> {
    let mut settings = load_settings_file(path).map_err(|err| {
        match err.downcast_ref::<crate::settings_refusal::SettingsRefusal>() {
            Some(refusal) => anyhow!(refusal.say(refusal.lang(lang.map(Lang::from)))),
            None => err,
        }
    })?;
    settings.reader = crate::read::isolate::reader_program();
    Ok(settings)
}

/// The settings of a file, or the defaults.
fn load_settings_file(path: Option<&Path>) -> Result<Settings> {
    match path {
        Some(p) => Settings::load(p),
        None => Ok(Settings::default()),
    }
}

/// `--lang` wins over the settings' `lang`.
pub fn pick_lang(arg: Option<LangArg>, settings: &Settings) -> Lang {
    arg.map(Lang::from).unwrap_or(settings.lang)
}

/// What `check`, `draft` and `evaluate` start from: the settings, the run's
/// language and the response workbooks found under `--responses`. The three
/// read their inputs through it, so that a workbook one of them accepts the
/// others accept too; what each then checks before reading stays in its `run`.
pub struct Reading<'a> {
    pub args: &'a InputArgs,
    pub settings: Settings,
    pub lang: Lang,
    /// Response workbooks, expanded from folders.
    pub responses: Vec<PathBuf>,
    /// The other files of the responses folders, each a row of the record.
    pub not_workbooks: Vec<PathBuf>,
}

impl<'a> Reading<'a> {
    /// Loads the settings, picks the language and finds the response
    /// workbooks; the files passed over are told on standard error unless `quiet`.
    pub fn start(args: &'a InputArgs, lang: Option<LangArg>, quiet: bool) -> Result<Reading<'a>> {
        let settings = load_settings_in(args.settings.as_deref(), lang)?;
        let lang = pick_lang(lang, &settings);
        let discovered = discover_responses(&args.responses, lang)?;
        if !quiet {
            for notice in &discovered.notices {
                eprintln!("fairbid: {notice}");
            }
        }
        Ok(Reading {
            args,
            settings,
            lang,
            responses: discovered.files,
            not_workbooks: discovered.not_workbooks,
        })
    }

    /// Refuses a run without a response workbook, for the commands that
    /// have nothing to do without one.
    pub fn require_responses(&self) -> Result<()> {
        if self.responses.is_empty() {
            bail!(
                "{}",
                self.lang.pick(
                    "回答ブック（.xlsx .xlsm .xlsb .xls .ods）が見つかりません。--responses にベンダーの回答ファイルかそのフォルダを指定してください",
                    "no response workbook (.xlsx .xlsm .xlsb .xls .ods) found; give --responses the vendors' files or their folder"
                )
            );
        }
        Ok(())
    }

    /// Every input path of the run, for refusing an output that would overwrite one.
    pub fn input_paths(&self, requests: Option<&PathBuf>) -> Vec<PathBuf> {
        let mut all = vec![self.args.requirements.clone()];
        all.extend(self.responses.iter().cloned());
        all.extend(self.args.settings.iter().cloned());
        all.extend(requests.cloned());
        all
    }

    /// Reads the matrix, the responses and the requests, with a progress bar
    /// on standard error when `progress` and standard error is a terminal.
    pub fn read(&self, requests: Option<&Path>, progress: bool) -> Result<Inputs> {
        self.read_with_prices(requests, None, None, progress)
    }

    /// [`Reading::read`], and the prices (SPEC §12) when given.
    pub fn read_with_prices(
        &self,
        requests: Option<&Path>,
        prices: Option<&Path>,
        key: Option<&KeyNames>,
        progress: bool,
    ) -> Result<Inputs> {
        let bar = if progress && std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(self.responses.len() as u64);
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len}")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        } else {
            ProgressBar::hidden()
        };
        bar.set_message(self.lang.pick("回答を読み込み中", "reading responses"));
        let paths = InputPaths {
            requirements: &self.args.requirements,
            responses: &self.responses,
            not_workbooks: &self.not_workbooks,
            requests,
            settings: self.args.settings.as_deref(),
            prices,
            key,
        };
        let inputs = read_inputs(&paths, &self.settings, &|_| bar.inc(1))
            .map_err(|stop| stopped(stop, self.lang))?;
        bar.finish_and_clear();
        Ok(inputs)
    }
}

impl Reading<'_> {
    /// Reads the committee's decisions (§11), when given, and applies them
    /// to the answers before any analysis; an unreadable file stops the run.
    pub fn apply_decisions(&self, path: Option<&Path>, inputs: &mut Inputs) -> Result<()> {
        if let Some(path) = path {
            crate::read::decisions::read_decisions_file(path, inputs, &self.settings)
                .map_err(|stop| stopped(stop, self.lang))?;
            crate::analyze::decisions::apply(inputs);
        }
        Ok(())
    }
}

/// Opens an input the run cannot do without (the matrix): failure stops the
/// run with the path and the reason, in `lang`.
pub fn open_required(path: &Path, settings: &Settings, lang: Lang) -> Result<Workbook> {
    crate::read::inputs::open_required(path, settings).map_err(|stop| stopped(stop, lang))
}

/// The error that stops a run whose required input gave nothing to
/// evaluate: the path, and why in `lang`.
pub fn stopped(stop: Stop, lang: Lang) -> anyhow::Error {
    let labels = match Labels::load(lang) {
        Ok(labels) => labels,
        Err(e) => return e,
    };
    match stop {
        Stop::Unreadable { path, finding } => {
            anyhow!("{}: {}", path.display(), labels.finding_message(&finding))
        }
        Stop::NoRequirement { path, first_error } => {
            let detail = first_error
                .map(|f| format!(" ({})", labels.finding_message(&f)))
                .unwrap_or_default();
            anyhow!("{}: {}{detail}", path.display(), no_requirement(lang))
        }
    }
}

/// Why a matrix without a requirement stops the run.
pub fn no_requirement(lang: Lang) -> &'static str {
    lang.pick(
        "要件が1件も読めません。要件IDと要件内容の見出し行（例: 要件ID・要件内容）を1〜20行目に置いてください",
        "no requirement could be read; put a header row with an ID and a requirement text column (e.g. 要件ID, 要件内容) in rows 1–20",
    )
}

/// How many findings are errors and how many are warnings.
pub fn errors_and_warnings(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}

/// A finding's severity as `check`'s table and `template`'s messages name it.
pub fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => lang.pick("エラー", "error"),
        Severity::Warning => lang.pick("警告", "warning"),
    }
}

/// Where in its file a finding is, as Excel writes a reference (`sheet!cell`),
/// as far as it is known; empty when the finding is about the whole file.
pub fn finding_place(f: &Finding) -> String {
    [f.sheet.as_deref(), f.cell.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("!")
}

/// The document date: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
pub fn document_date() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        })
}

/// Writes a JSON document to a file (atomically) or to standard output for
/// `-`, pretty-printed and serialized as it is written: the document is
/// never held as text.
pub fn write_json(target: &Path, value: &impl serde::Serialize, lang: Lang) -> Result<()> {
    use std::io::Write;
    let write = |out: &mut dyn Write| -> Result<()> {
        serde_json::to_writer_pretty(&mut *out, value)?;
        out.write_all(b"\n")?;
        Ok(())
    };
    if target == Path::new("-") {
        crate::output::to_stdout(lang, write)
    } else {
        crate::output::write_atomic_with(target, lang, |out| write(out))
    }
}
