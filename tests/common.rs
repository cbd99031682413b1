//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use ownlint::config::Config;
use ownlint::diagnostic::Diagnostic;
use ownlint::lint::{self, EnabledRule, Run};
use ownlint::report::{Human, HumanOptions};
use ownlint::source::{FileId, Format, Origin, SourceFile};

/// `ownlint` in `dir`, with a fixed width, no colour and outside GitHub Actions, so that the
/// output does not depend on the terminal or the CI runner the tests run in.
pub fn ownlint(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("ownlint").unwrap();
    cmd.current_dir(dir)
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS");
    cmd
}

/// What a run printed and its exit code (-1 when a signal ended it).
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    #[track_caller]
    pub fn stdout_has(&self, text: &str) {
        assert!(
            self.stdout.contains(text),
            "{text:?} not in stdout:\n{}",
            self.stdout
        );
    }

    #[track_caller]
    pub fn stderr_has(&self, text: &str) {
        assert!(
            self.stderr.contains(text),
            "{text:?} not in stderr:\n{}",
            self.stderr
        );
    }
}

/// Run a command to its end.
pub fn output(cmd: &mut assert_cmd::Command) -> Output {
    let out = cmd.output().unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

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
        Config::load(Some(&path), dir, &ownlint::rules::catalog())
            .expect("fixture configuration is valid")
    } else {
        Config::default()
    }
}

/// Lint files with the given rules and return the findings.
pub fn run(files: &[SourceFile], config: &Config, rules: &[EnabledRule]) -> Vec<Diagnostic> {
    lint::run(files, &Run::new(&config.settings, rules)).diagnostics
}

/// Render findings as the human report does, with a fixed theme: no colour, width 80.
pub fn render(files: &[SourceFile], diagnostics: &[Diagnostic]) -> String {
    let human = Human::new(HumanOptions {
        color: false,
        width: 80,
    });
    diagnostics
        .iter()
        .map(|d| human.render(files, d))
        .collect::<Vec<_>>()
        .join("\n")
}
