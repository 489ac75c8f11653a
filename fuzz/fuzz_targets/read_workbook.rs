//! Any bytes given to the workbook reader end in sheets or a refusal: never an
//! abort, a hang or an unbounded allocation. Panics inside the parsing crates
//! are caught by the reader and become a "damaged file" refusal, so the target
//! restores the default panic hook (libFuzzer's would abort on a caught panic)
//! and what it finds are the failures no `catch_unwind` can stop.
//!
//! Seed the corpus with real workbooks first:
//! `mkdir -p fuzz/corpus/read_workbook && cp samples/*.xlsx samples/responses/*.xlsx tests/data/*.xls tests/data/*.ods tests/data/*.xlsb fuzz/corpus/read_workbook/`
//!
//! Bad inputs worth adding to the corpus, each with a test that builds it in
//! code: the xlsx whose 30,000 `<sheet>` entries point at one 2,000-row part
//! (`tests/hostile.rs`, a memory bomb only the reader process's limit stops),
//! an XOR-obfuscated .xls (a FILEPASS record of type 0, `read/workbook/xls.rs`),
//! a password-protected .ods (`encryption-data` in its manifest), an .xlsb
//! (`tests/data/any_sheets.xlsb`). This target parses in-process, as the
//! library does: an input that needs more memory than the fuzzer allows is a
//! finding here even though the binary, which reads each workbook in a
//! process of its own under `max_read_mib`, turns it into a validation row.
#![no_main]

use std::sync::Once;

use fairbid::read::workbook::read_sheets;
use fairbid::settings::Settings;
use libfuzzer_sys::fuzz_target;

static QUIET_PANICS: Once = Once::new();

fuzz_target!(|bytes: &[u8]| {
    QUIET_PANICS.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let _ = read_sheets(bytes, &Settings::default());
});
