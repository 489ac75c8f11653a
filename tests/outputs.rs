//! Output paths (SPEC §8.1, §8.3): a workbook output must end in `.xlsx`,
//! for every command that writes one, and the terminal names every file
//! written.

mod common;

use common::{Workdir, standard_matrix, standard_vendors};

#[test]
fn a_workbook_output_not_ending_in_xlsx_is_refused_with_exit_2() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    let inputs = ["--requirements", "requirements.xlsx"];
    let responses = ["--responses", "responses"];
    for out in ["out.pdf", "out.xls", "out", "out.xlsx.bak"] {
        let commands: [Vec<&str>; 3] = [
            [&["evaluate"][..], &inputs, &responses, &["-o", out]].concat(),
            [&["template"][..], &inputs, &["-o", out]].concat(),
            [&["draft"][..], &inputs, &responses, &["-o", out]].concat(),
        ];
        for args in commands {
            let run = w.run(&args);
            run.expect_code(2);
            let err = run.stderr();
            assert!(
                err.contains(&format!("{out}: ")) && err.contains(".xlsx で終わるファイル名"),
                "{args:?}: {err}"
            );
            assert!(!w.path(out).exists(), "{args:?} wrote {out}");
        }
    }
    // The case of the extension does not matter.
    w.run(&[
        "template",
        "--requirements",
        "requirements.xlsx",
        "-o",
        "FORM.XLSX",
    ])
    .expect_code(0);
    // In English too.
    let run = w.run(&[
        "template",
        "--requirements",
        "requirements.xlsx",
        "-o",
        "form.pdf",
        "--lang",
        "en",
    ]);
    run.expect_code(2);
    assert!(
        run.stderr()
            .contains("form.pdf: a workbook output must end in .xlsx"),
        "{}",
        run.stderr()
    );
}

#[test]
fn the_terminal_names_every_file_written() {
    let w = Workdir::new();
    standard_matrix(&w);
    standard_vendors(&w);
    let run = w.evaluate(&[
        "-o",
        "evaluation.xlsx",
        "--json",
        "evaluation.json",
        "--dossiers",
        "dossiers",
    ]);
    run.expect_code(0);
    let err = run.stderr();
    let line = err
        .lines()
        .find(|l| l.starts_with("書き出したファイル: "))
        .unwrap_or_else(|| panic!("{err}"));
    let named: Vec<&str> = line["書き出したファイル: ".len()..].split('、').collect();
    assert_eq!(named.len(), 5, "{line}");
    assert_eq!(named[..2], ["evaluation.xlsx", "evaluation.json"]);
    for file in &named {
        assert!(w.path(file).is_file(), "{file} named but not written");
    }
    let dossiers: Vec<_> = std::fs::read_dir(w.path("dossiers")).unwrap().collect();
    assert_eq!(dossiers.len(), 3);

    // With the JSON on standard output, only the files are named.
    let run = w.evaluate(&["-o", "again.xlsx", "--json", "-"]);
    run.expect_code(0);
    assert!(
        run.stderr().contains("書き出したファイル: again.xlsx\n"),
        "{}",
        run.stderr()
    );

    let run = w.draft(&["-o", "draft.xlsx", "--lang", "en"]);
    run.expect_code(0);
    assert!(
        run.stderr().contains("wrote: draft.xlsx\n"),
        "{}",
        run.stderr()
    );

    let run = w.run(&[
        "check",
        "--requirements",
        "requirements.xlsx",
        "--responses",
        "responses",
        "--json",
        "check.json",
    ]);
    run.expect_code(0);
    assert!(
        run.stderr().contains("書き出したファイル: check.json\n"),
        "{}",
        run.stderr()
    );
    assert!(w.path("check.json").is_file());
}
