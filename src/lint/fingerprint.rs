//! Fingerprints: a finding's identity that survives unrelated edits. A finding is known by its
//! rule, its file, what it says (the message names the domain, the field and the value) and the
//! text it points at, never by its line; identical findings in one file are told apart by
//! their order. Used by SARIF `partialFingerprints`, GitLab reports and baselines.

use std::hash::Hasher;

use fnv::FnvHasher;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// The fingerprint of each finding, in order. Stable across runs, machines and versions of
/// the hash library (FNV-1a).
pub fn fingerprints(files: &[SourceFile], diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
    diagnostics
        .iter()
        .map(|d| {
            let file = &files[d.file.index()];
            let mut h = FnvHasher::default();
            for part in [
                d.rule.code,
                file.path.as_str(),
                &normalize(&d.message),
                &normalize(file.slice(d.span)),
            ] {
                h.write(part.as_bytes());
                h.write_u8(0);
            }
            let base = h.finish();
            let n = seen.entry(base).or_insert(0);
            *n += 1;
            format!("{base:016x}:{}", *n)
        })
        .collect()
}

/// Case and white space folded, so that reformatting does not change a fingerprint.
fn normalize(s: &str) -> String {
    s.split_whitespace()
        .flat_map(|w| w.chars().flat_map(char::to_lowercase).chain([' ']))
        .collect()
}
