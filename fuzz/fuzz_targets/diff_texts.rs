//! The diff of two texts: the input (any bytes, invalid UTF-8 replaced) is cut at its first
//! NUL byte into the two texts (no NUL: the input against itself with its lines reversed).
//! The diff must keep the invariants of `tests/common/diff.rs`, and a text diffed with itself
//! must be identical.
#![no_main]

use article_analyzer::diff_texts;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (a, b) = match input.split_once('\0') {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => {
            let reversed: Vec<&str> = input.lines().rev().collect();
            (input.to_string(), reversed.join("\n"))
        }
    };
    common::assert_diff_invariants(&a, &b, &diff_texts(&a, &b));
    let same = diff_texts(&a, &a);
    common::assert_diff_invariants(&a, &a, &same);
    assert!(same.summary.identical, "{}", same.summary.sentence);
});
