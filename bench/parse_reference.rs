//! The floor ownlint is measured against: walk the same files with the same walker, read them,
//! and parse each with the same parsers and options (pulldown-cmark with ownlint's Markdown
//! options; serde-saphyr for YAML), on all cores, and do nothing else. Part of the benchmark
//! (`bench/run.sh`); it prints the number of events and YAML files parsed so that the work
//! cannot be optimised away.
//!
//! Usage: `cargo run --release --example parse_reference -- PATH...`

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use pulldown_cmark::Parser;
use rayon::prelude::*;

fn main() {
    let roots: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let mut files = Vec::new();
    for root in &roots {
        let walker = ignore::WalkBuilder::new(root)
            .hidden(false)
            .filter_entry(|e| e.file_name() != ".git")
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker.flatten() {
            if entry.file_type().is_some_and(|t| t.is_file()) {
                files.push(entry.into_path());
            }
        }
    }
    let events = AtomicUsize::new(0);
    let yaml_files = AtomicUsize::new(0);
    files.par_iter().for_each(|path| {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let Ok(bytes) = std::fs::read(path) else {
            return;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            return;
        };
        match ext {
            "md" | "markdown" => {
                let n = Parser::new_ext(&text, ownlint::parse::markdown::options())
                    .into_offset_iter()
                    .count();
                events.fetch_add(n, Ordering::Relaxed);
            }
            "yaml" | "yml" => {
                let parsed: Result<serde::de::IgnoredAny, _> = serde_saphyr::from_str(&text);
                if parsed.is_ok() {
                    yaml_files.fetch_add(1, Ordering::Relaxed);
                }
            }
            _ => {}
        }
    });
    println!(
        "{} files, {} Markdown events, {} YAML files",
        files.len(),
        events.load(Ordering::Relaxed),
        yaml_files.load(Ordering::Relaxed)
    );
}
