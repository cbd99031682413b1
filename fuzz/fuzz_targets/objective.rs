//! The SLO objective grammar on any text: no panic; a parsed objective's numbers are finite.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        ownlint::testing::assert_objective_sound(text);
    }
});
