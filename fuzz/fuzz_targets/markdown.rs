//! The Markdown reader on any bytes: no panic, every finding's span inside the file; and
//! wherever the fast scanner takes the text, the same events and document as pulldown-cmark.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let run = ownlint::testing::lint_only(&[("fuzz.md", data)]);
    ownlint::testing::assert_sound(&run);
    if let Ok(text) = std::str::from_utf8(data) {
        ownlint::testing::fast_markdown_agrees(text);
    }
});
