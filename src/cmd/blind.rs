//! `fairbid blind`: labelled copies of the responses for a blind review,
//! and the key that names them (SPEC §15).

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::blind::key::{KeyRecord, key_workbook};
use crate::blind::seed::{label, permutation, pick_seed};
use crate::blind::{Entry, Outcome, Prepared, copy_entry, package_extension, prepare};
use crate::cli::BlindArgs;
use crate::cmd::{Status, document_date, load_settings, pick_lang};
use crate::model::Lang;
use crate::output::{check_target, write_atomic};
use crate::read::discover::discover_responses;

pub fn run(args: &BlindArgs) -> Result<Status> {
    let settings = load_settings(args.settings.as_deref())?;
    let lang = pick_lang(args.lang, &settings);
    let discovered = discover_responses(&args.responses, lang)?;
    if !args.quiet {
        for notice in &discovered.notices {
            eprintln!("fairbid: {notice}");
        }
    }
    let files: Vec<&PathBuf> = discovered
        .files
        .iter()
        .chain(&discovered.not_workbooks)
        .collect();
    if files.is_empty() {
        bail!(
            "{}",
            lang.pick(
                "回答ファイルが見つかりません。--responses にベンダーの回答ファイル（.xlsx）かそのフォルダを指定してください",
                "no response found; give --responses the vendors' .xlsx files or their folder"
            )
        );
    }
    refuse_output_over_inputs(args, &files, lang)?;
    let mut inputs: Vec<PathBuf> = files.iter().map(|p| p.to_path_buf()).collect();
    inputs.extend(args.settings.iter().cloned());
    check_target(&args.key, &inputs, args.force, lang)?;

    // Read every response first: only the ones that can be copied draw a
    // label, so the evaluators see 提案者A, B, C … without a gap.
    let seed = pick_seed(args.seed);
    let mut entries: Vec<Option<Entry>> = Vec::with_capacity(files.len());
    let mut ready: Vec<(usize, Prepared, &'static str)> = Vec::new();
    for (k, path) in files.iter().enumerate() {
        match prepare(path, &settings) {
            Ok(prepared) => {
                let ext = package_extension(path).expect("prepared packages are .xlsx or .xlsm");
                ready.push((k, prepared, ext));
                entries.push(None);
            }
            Err(entry) => entries.push(Some(*entry)),
        }
    }
    if !args.quiet {
        for vendor in unmatched_terms(&settings, &ready) {
            eprintln!(
                "fairbid: {}",
                match lang {
                    Lang::Ja => format!(
                        "設定の [blind_terms] の「{vendor}」に当たる回答がありません。ベンダー名を回答ファイルの名前（拡張子を除く）と同じにしてください。"
                    ),
                    Lang::En => format!(
                        "[blind_terms] names \"{vendor}\", which is no response's vendor; name it as its response file is named."
                    ),
                }
            );
        }
    }
    let order = permutation(ready.len(), seed);
    // Every copy's path is checked before anything is written.
    for (&position, (_, _, ext)) in order.iter().zip(&ready) {
        let path = args.output.join(format!("{}.{ext}", label(position, lang)));
        check_target(&path, &inputs, args.force, lang)?;
        if path == args.key {
            bail!(
                "{}: {}",
                path.display(),
                lang.pick(
                    "写しと対照表の出力先が同じです。--key には -o のフォルダの外のファイルを指定してください",
                    "a copy and the key would be the same file; give --key a file outside the -o folder"
                )
            );
        }
    }
    for (&position, (k, prepared, ext)) in order.iter().zip(ready) {
        let mut entry = copy_entry(prepared, &settings, &label(position, lang), ext);
        if let Outcome::Copied(copied) = &mut entry.outcome {
            write_atomic(&args.output.join(&copied.file), &copied.bytes, lang)?;
            // Written: the key needs only its hash.
            copied.bytes = Vec::new();
        }
        entries[k] = Some(entry);
    }
    let mut entries: Vec<Entry> = entries.into_iter().flatten().collect();
    // The key lists the copies by label, then the responses without a copy.
    entries.sort_by_key(|e| match &e.outcome {
        Outcome::Copied(c) => (0, label_order(&c.label), String::new()),
        Outcome::NotCopied(_) => (1, 0, e.file.clone()),
    });
    let key = key_workbook(&KeyRecord {
        seed,
        entries: &entries,
        lang,
        created: document_date(),
        marking: &settings.marking,
    })?;
    write_atomic(&args.key, &key, lang)?;
    if !args.quiet {
        eprint!("{}", summary(&entries, &args.output, &args.key, seed, lang));
    }
    let not_copied = entries
        .iter()
        .any(|e| matches!(e.outcome, Outcome::NotCopied(_)));
    Ok(if not_copied {
        Status::ErrorsFound
    } else {
        Status::Done
    })
}

/// The vendors of `[blind_terms]` that no response to copy belongs to: a
/// misspelt vendor would leave its products' names in its copy unseen.
fn unmatched_terms<'s>(
    settings: &'s crate::settings::Settings,
    ready: &[(usize, Prepared, &str)],
) -> Vec<&'s str> {
    let vendors =
        crate::normalize::VendorKeys::new(ready.iter().map(|(_, p, _)| p.vendor.as_str()));
    settings
        .blind_terms
        .keys()
        .filter(|vendor| vendors.find(vendor).is_none())
        .map(String::as_str)
        .collect()
}

/// A label's place in the alphabet sequence (A … Z, AA …), for sorting.
fn label_order(label: &str) -> u64 {
    let letters: String = label
        .chars()
        .rev()
        .take_while(char::is_ascii_uppercase)
        .collect();
    letters.chars().rev().fold(letters.len() as u64, |n, c| {
        n * 27 + (c as u64 - 'A' as u64 + 1)
    })
}

/// Refuses an output folder that holds a response: a copy must never land
/// beside the originals it would be confused with.
fn refuse_output_over_inputs(args: &BlindArgs, files: &[&PathBuf], lang: Lang) -> Result<()> {
    let out = args
        .output
        .canonicalize()
        .unwrap_or_else(|_| args.output.clone());
    let holds_input = files.iter().any(|f| {
        f.parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .and_then(|p| p.canonicalize().ok())
            .is_some_and(|p| p == out)
    });
    if holds_input {
        bail!(
            "{}: {}",
            args.output.display(),
            lang.pick(
                "回答ファイルのあるフォルダです。写しは別のフォルダに書き出してください（-o）",
                "this folder holds the responses; write the copies into another folder (-o)"
            )
        );
    }
    Ok(())
}

/// A few lines for the terminal.
fn summary(entries: &[Entry], out: &Path, key: &Path, seed: u64, lang: Lang) -> String {
    let copied = entries
        .iter()
        .filter(|e| matches!(e.outcome, Outcome::Copied(_)))
        .count();
    let mut text = match lang {
        Lang::Ja => format!(
            "匿名化した写し {copied} 件: {}\n対照表: {}（シード {seed}）\n",
            out.display(),
            key.display()
        ),
        Lang::En => format!(
            "{copied} blind copies in {}\nkey: {} (seed {seed})\n",
            out.display(),
            key.display()
        ),
    };
    for e in entries {
        match &e.outcome {
            Outcome::NotCopied(_) => text.push_str(&match lang {
                Lang::Ja => format!("  写しなし: {}（理由は対照表の備考）\n", e.file),
                Lang::En => format!("  no copy: {} (see the key's note)\n", e.file),
            }),
            Outcome::Copied(c) if !c.leaks.is_empty() => text.push_str(&match lang {
                Lang::Ja => format!(
                    "  {}: 要件の文言に社名が {} 件残っています\n",
                    c.label,
                    c.leaks.len()
                ),
                Lang::En => format!(
                    "  {}: {} vendor names left in requirement texts\n",
                    c.label,
                    c.leaks.len()
                ),
            }),
            Outcome::Copied(_) => {}
        }
    }
    text
}
