//! Any bytes given to the workbook reader end in sheets or a refusal: never an
//! abort, a hang or an unbounded allocation. Panics inside the parsing crates
//! are caught by the reader and become a "damaged file" refusal, so the target
//! restores the default panic hook (libFuzzer's would abort on a caught panic)
//! and what it finds are the failures no `catch_unwind` can stop.
//!
//! Seed the corpus with real workbooks first:
//! `mkdir -p fuzz/corpus/read_workbook && cp samples/*.xlsx samples/responses/*.xlsx tests/data/*.xls tests/data/*.ods fuzz/corpus/read_workbook/`
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
