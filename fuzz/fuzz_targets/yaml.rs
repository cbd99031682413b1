//! The YAML reader on any bytes: no panic, every finding's span inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let run = ownlint::harness::lint_only(&[("fuzz.yaml", data)]);
    ownlint::harness::assert_sound(&run);
});
