//! Quote extraction and attribution over text the cleaner did not choose: the input (any
//! bytes, invalid UTF-8 replaced) is split at blank lines and every paragraph is handed to
//! `extract_quotes_from_blocks` as a kept body block, so every quote mark, name and cue of the
//! input reaches the quote finder. The quotes must keep the invariants of `tests/common`.
#![no_main]

use article_analyzer::extract_quotes_from_blocks;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let blocks = common::paragraph_blocks(&input);
    let quotes = extract_quotes_from_blocks(&input, &blocks);
    common::assert_quote_invariants(&input, &blocks, &quotes);
});
