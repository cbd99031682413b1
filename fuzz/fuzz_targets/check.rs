//! The whole pipeline on up to three files (the input split at 0xFF bytes, which UTF-8 never
//! contains): Markdown and YAML, every rule, every report format, and the promises of
//! `testing::assert_sound` on the result.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 3] = ["a.md", "b.yaml", "c.md"];

fuzz_target!(|data: &[u8]| {
    let inputs: Vec<(&str, &[u8])> = NAMES.iter().copied().zip(data.splitn(3, |&b| b == 0xFF)).collect();
    let run = ownlint::testing::check(&inputs);
    ownlint::testing::assert_sound(&run);
});
