//! The layering of `src/`, enforced: each top-level module may import only the modules the
//! table below allows, and the table itself has no cycle, so that the data flows one way
//! (sources → parse → model → rules → diagnostics → report). ARCHITECTURE.md explains each
//! layer; this is where its rules are written, once.
//!
//! The test reads every `crate::…` path in the source (imports and paths in code alike, with
//! comments left out). Unit tests at the bottom of a file (`#[cfg(test)] mod tests`) may use
//! anything: they are not part of the layering.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and the modules it may import. A module not listed here
/// is a failure: a new module must take its place in the layering.
const ALLOWED: &[(&str, &[&str])] = &[
    ("util", &[]),
    ("error", &[]),
    ("source", &["error", "util"]),
    ("model", &["source", "util"]),
    ("diagnostic", &["source", "util"]),
    ("parse", &["model", "source", "util"]),
    (
        "config",
        &["parse", "model", "diagnostic", "source", "error", "util"],
    ),
    ("semantics", &["model", "config", "source", "util"]),
    ("index", &["semantics", "model", "config", "source", "util"]),
    (
        "rules",
        &[
            "index",
            "semantics",
            "model",
            "diagnostic",
            "config",
            "source",
            "util",
        ],
    ),
    (
        "lint",
        &[
            "rules",
            "index",
            "semantics",
            "parse",
            "model",
            "diagnostic",
            "config",
            "source",
            "error",
            "util",
        ],
    ),
    ("report", &["diagnostic", "source", "error", "util"]),
    // The export writes the format the parser reads: its schema's keys are the label table's.
    (
        "export",
        &["semantics", "parse", "model", "config", "source", "util"],
    ),
    (
        "app",
        &[
            "lint",
            "report",
            "export",
            "rules",
            "index",
            "semantics",
            "parse",
            "model",
            "diagnostic",
            "config",
            "source",
            "error",
            "util",
        ],
    ),
    // The test oracle (`testing` feature): the whole pipeline and every report, in memory.
    (
        "testing",
        &[
            "lint",
            "report",
            "rules",
            "index",
            "parse",
            "model",
            "diagnostic",
            "config",
            "source",
            "util",
        ],
    ),
];

/// Files at the root of `src/` that are not a layer: the crate root and the binary.
const ROOTS: &[&str] = &["lib.rs", "main.rs"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to: `src/lint/changes.rs` → `lint`, `src/error.rs` →
/// `error`; `None` for the crate root and the binary.
fn layer_of(file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src()).unwrap();
    let first = relative.components().next()?.as_os_str().to_str()?;
    if ROOTS.contains(&first) {
        return None;
    }
    Some(first.trim_end_matches(".rs").to_owned())
}

/// The code of a file without comments and without the unit tests at its bottom.
fn code(text: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed == "#[cfg(test)]" && lines.get(i + 1).is_some_and(|l| l.trim() == "mod tests {")
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        let line = match line.find("// ") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The top-level modules named by the `crate::` paths of some code: `crate::lint::run`,
/// `crate::{model, source::Span}`, `$crate::diagnostic::RuleMeta`.
fn referenced(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            // A group: the first name of each item at depth zero.
            let mut depth = 0;
            let mut item_start = true;
            let mut name = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_alphanumeric() || c == '_') => name.push(c),
                    _ if item_start && !name.is_empty() => {
                        out.insert(std::mem::take(&mut name));
                        item_start = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                out.insert(name);
            }
        } else {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
        rest = after;
    }
    out
}

fn allowed() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    ALLOWED
        .iter()
        .map(|(layer, may)| (*layer, may.iter().copied().collect()))
        .collect()
}

#[test]
fn every_import_follows_the_layering() {
    let allowed = allowed();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.sort();
    let mut broken = Vec::new();
    for file in &files {
        let Some(layer) = layer_of(file) else {
            continue;
        };
        let Some(may) = allowed.get(layer.as_str()) else {
            broken.push(format!(
                "{}: `{layer}` is not a layer of tests/layering.rs",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for target in referenced(&code(&text)) {
            // Items of the crate root (`crate::Error`, re-exports) are not modules.
            if target == layer || !allowed.contains_key(target.as_str()) {
                continue;
            }
            if !may.contains(target.as_str()) {
                broken.push(format!(
                    "{}: `{layer}` may not import `{target}`",
                    file.strip_prefix(src()).unwrap().display()
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the layering:\n{}",
        broken.join("\n")
    );
}

#[test]
fn every_folder_of_src_is_a_layer() {
    let allowed = allowed();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(src()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if ROOTS.contains(&name.as_str()) {
            continue;
        }
        let layer = name.trim_end_matches(".rs");
        if !allowed.contains_key(layer) {
            missing.push(layer.to_owned());
        }
    }
    assert!(missing.is_empty(), "not in the layering: {missing:?}");
}

#[test]
fn the_layering_has_no_cycle() {
    let allowed = allowed();
    // Depth-first search for a path back to the start.
    fn reaches(
        allowed: &BTreeMap<&str, BTreeSet<&str>>,
        from: &str,
        to: &str,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        allowed.get(from).into_iter().flatten().any(|next| {
            *next == to || seen.insert((*next).to_owned()) && reaches(allowed, next, to, seen)
        })
    }
    for layer in allowed.keys() {
        assert!(
            !reaches(&allowed, layer, layer, &mut BTreeSet::new()),
            "`{layer}` can reach itself through the allowed imports"
        );
    }
}

/// Inside `model/`, files import each other only one way.
#[test]
fn the_model_files_do_not_import_each_other_in_a_cycle() {
    let dir = src().join("model");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let name = file.file_stem().unwrap().to_str().unwrap().to_owned();
        let text = code(&std::fs::read_to_string(file).unwrap());
        let mut targets = BTreeSet::new();
        for prefix in ["super::", "crate::model::"] {
            for (at, _) in text.match_indices(prefix) {
                let after = &text[at + prefix.len()..];
                let target: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !target.is_empty() && target != name && target != "super" {
                    targets.insert(target);
                }
            }
        }
        edges.insert(name, targets);
    }
    for start in edges.keys() {
        let mut stack: Vec<&String> = vec![start];
        let mut seen = BTreeSet::new();
        while let Some(at) = stack.pop() {
            for next in edges.get(at).into_iter().flatten() {
                assert!(
                    next != start,
                    "model/{start}.rs imports itself through {at}.rs"
                );
                if seen.insert(next.clone()) {
                    stack.push(next);
                }
            }
        }
    }
}

/// The checker itself: groups, nested groups, macros' `$crate`, and comments left out.
#[test]
fn the_checker_reads_paths_as_rust_writes_them() {
    let found = referenced(&code(
        "use crate::{model::{Text, Slo}, source::Span};\n\
         // use crate::report::Human;\n\
         let x = $crate::diagnostic::Severity::Error;\n\
         crate::util::parallel::map(a, b);\n\
         #[cfg(test)]\nmod tests {\n    use crate::app::cli;\n}\n",
    ));
    let expected: BTreeSet<String> = ["model", "source", "diagnostic", "util"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(found, expected);
}
