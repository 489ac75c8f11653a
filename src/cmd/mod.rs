//! One file per subcommand; each has one `run`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{InputArgs, LangArg};
use crate::model::Lang;
use crate::settings::Settings;

pub mod check;
pub mod draft;
pub mod evaluate;
pub mod init;
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

/// Settings from `--settings`, or the built-in defaults.
pub fn load_settings(path: Option<&Path>) -> Result<Settings> {
    match path {
        Some(p) => Settings::load(p),
        None => Ok(Settings::default()),
    }
}

/// `--lang` wins over the settings' `lang`.
pub fn pick_lang(arg: Option<LangArg>, settings: &Settings) -> Lang {
    arg.map(Lang::from).unwrap_or(settings.lang)
}

/// Every input path of a run, for refusing an output that would overwrite one.
pub fn input_paths(
    inputs: &InputArgs,
    responses: &[PathBuf],
    extra: &[Option<&PathBuf>],
) -> Vec<PathBuf> {
    let mut all = vec![inputs.requirements.clone()];
    all.extend(responses.iter().cloned());
    all.extend(inputs.settings.iter().cloned());
    all.extend(extra.iter().flatten().map(|p| (*p).clone()));
    all
}

/// A progress bar on standard error, hidden when it is not a terminal or when quiet.
pub fn progress(len: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
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
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        write(&mut out)?;
        out.flush()?;
        Ok(())
    } else {
        crate::output::write_atomic_with(target, lang, |out| write(out))
    }
}
