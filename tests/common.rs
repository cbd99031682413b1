//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use ownlint::config::Config;
use ownlint::diagnostic::Diagnostic;
use ownlint::lint::{EnabledRule, lint};
use ownlint::report::{Human, HumanOptions, ShownFiles};
use ownlint::source::{FileId, Format, Origin, SourceFile};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A fixture as a source file, shown by its path relative to the fixtures folder.
pub fn source(path: &Path) -> SourceFile {
    let display = path
        .strip_prefix(fixtures())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let format = Format::from_path(path).expect("a Markdown or YAML fixture");
    let bytes = std::fs::read(path).expect("fixture is readable");
    SourceFile::new(
        FileId(0),
        display,
        path.to_path_buf(),
        format,
        Origin::Explicit,
        bytes,
    )
}

/// Several fixtures as one run's files.
pub fn sources(paths: &[PathBuf]) -> Vec<SourceFile> {
    paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut f = source(p);
            f.id = FileId(i as u32);
            f
        })
        .collect()
}

/// The configuration in a fixture folder, or the defaults.
pub fn config_for(dir: &Path) -> Config {
    let path = dir.join(".ownlint.yaml");
    if path.exists() {
        Config::load(Some(&path), dir).expect("fixture configuration is valid")
    } else {
        Config::default()
    }
}

/// Lint files with the given rules and return the findings.
pub fn run(files: &[SourceFile], config: &Config, rules: &[EnabledRule]) -> Vec<Diagnostic> {
    lint(files, &config.settings, rules).diagnostics
}

/// Render findings as the human report does, with a fixed theme: no colour, width 80.
pub fn render(files: &[SourceFile], diagnostics: &[Diagnostic]) -> String {
    let human = Human::new(HumanOptions {
        color: false,
        width: 80,
    });
    let mut shown = ShownFiles::new(files);
    diagnostics
        .iter()
        .map(|d| human.render(files, &mut shown, d))
        .collect::<Vec<_>>()
        .join("\n")
}
