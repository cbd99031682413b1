//! The YAML reader on any bytes: no panic, every finding's span inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let run = ownlint::testing::lint_only(&[("fuzz.yaml", data)]);
    ownlint::testing::assert_sound(&run);
});
