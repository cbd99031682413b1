//! The pipeline kept between edits (`lint::Session`, what the language server runs) finds what a
//! fresh run finds: on every fixture folder, and after each of a series of edits, each file's
//! findings are those of `lint::run` on the same texts.

mod common;

use std::path::{Path, PathBuf};

use common::{config_for, fixtures, sources};
use ownlint::diagnostic::Diagnostic;
use ownlint::lint::{self, Run, Session, enabled_rules};
use ownlint::model::Flavor;
use ownlint::source::{FileId, Format, Origin, SourceFile};

/// Everything a finding says, so that two runs are compared whole.
fn said(files: &[SourceFile], diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}..{} {:?} {} | {:?} | {:?} | {:?} | {:?}",
                d.rule.code,
                files[d.file.index()].path,
                d.span.start,
                d.span.end,
                d.severity,
                d.message,
                d.label,
                d.secondary
                    .iter()
                    .map(|l| (
                        files[l.file.index()].path.clone(),
                        l.span,
                        l.message.clone()
                    ))
                    .collect::<Vec<_>>(),
                d.help,
                d.fix,
            )
        })
        .collect()
}

fn documents_in(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                folders.push(path);
            } else if !name.starts_with(".ownlint")
                && ownlint::source::Format::from_path(&path).is_some()
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// A change to a file's text.
type Edit = dyn Fn(&str) -> String;

/// A copy of a file with another text, as an editor's unsaved buffer replaces it.
fn edited(file: &SourceFile, text: String) -> SourceFile {
    SourceFile::new(
        file.id,
        file.path.clone(),
        file.fs_path.clone(),
        file.format,
        file.origin,
        text.into_bytes(),
    )
}

#[test]
fn a_session_finds_what_a_run_finds_on_every_fixture_folder() {
    let mut folders = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let paths = documents_in(&dir);
        if paths.is_empty() {
            continue;
        }
        let config = config_for(&dir);
        let rules = enabled_rules(&config.settings);
        let run = Run::new(&config.settings, &rules);
        let files = sources(&paths);
        let expected = said(&files, &lint::run(&files, &run).diagnostics);
        let mut session = Session::new(sources(&paths), &run);
        let found = session.lint(&run);
        assert_eq!(said(session.files(), &found), expected, "{}", dir.display());
        folders += 1;
    }
    assert!(folders >= 30, "only {folders} fixture folders read");
}

#[test]
fn after_each_edit_a_session_finds_what_a_fresh_run_finds() {
    let dir = fixtures().join("duplicate-domain");
    let mut paths = documents_in(&dir);
    paths.push(fixtures().join("seed/OWNERSHIP.md"));
    let config = config_for(&dir);
    let rules = enabled_rules(&config.settings);
    let run = Run::new(&config.settings, &rules);
    let mut session = Session::new(sources(&paths), &run);
    session.lint(&run);
    let last = FileId((paths.len() - 1) as u32);
    // Each edit is made to the session and to a fresh copy of the files, then compared: the
    // cross-file findings of the files not edited must follow.
    let edits: Vec<Box<Edit>> = vec![
        Box::new(|t| t.replace("[Engineering Manager]", "Jane Doe (@jdoe)")),
        Box::new(|t| t.replace("### Payments Domain", "### Billing Domain")),
        Box::new(|t| t.replacen("**Owner:**", "**Ownr:**", 1)),
        Box::new(|t| format!("{t}\n### Payments Domain\n\n**Owner:** Someone Else\n")),
        Box::new(|t| t.lines().skip(40).collect::<Vec<_>>().join("\n")),
        Box::new(|_| String::new()),
    ];
    let mut current: Vec<SourceFile> = sources(&paths);
    for (i, edit) in edits.iter().enumerate() {
        for id in [last, FileId(0)] {
            let file = &current[id.index()];
            let changed = edited(file, edit(&file.text));
            session.set_file(edited(&changed, changed.text.clone()), &run);
            current[id.index()] = changed;
            let expected = said(&current, &lint::run(&current, &run).diagnostics);
            let found = session.lint(&run);
            let got = said(session.files(), &found);
            assert_eq!(got, expected, "edit {i} of file {}", id.index());
        }
    }
}

/// A run compiles the documents' paths for the host of its CODEOWNERS file as it reads them;
/// a session whose CODEOWNERS file arrives, or changes host, after the documents were checked
/// compiles them when it holds them against the file. Either way, the same findings.
#[test]
fn a_codeowners_file_added_to_a_session_is_held_against_the_documents_read_before() {
    let dir = fixtures().join("codeowners-wrong-owner");
    let config = config_for(&dir);
    let rules = enabled_rules(&config.settings);
    let run = Run::new(&config.settings, &rules);
    let codeowners = |folder: &str, flavor| {
        let path = dir.join(folder).join("CODEOWNERS");
        SourceFile::new(
            FileId(1),
            format!("{folder}/CODEOWNERS"),
            path.clone(),
            Format::Codeowners(flavor),
            Origin::Explicit,
            std::fs::read(&path).unwrap(),
        )
    };
    let document = || sources(&[dir.join("fail-gitlab-files/domains.md")]);
    let mut session = Session::new(document(), &run);
    session.lint(&run);
    let mut compared = 0;
    for (folder, flavor) in [
        ("fail-gitlab-files", Flavor::GitLab),
        ("fail-files", Flavor::GitHub),
        ("pass-gitlab-files", Flavor::GitLab),
    ] {
        session.set_file(codeowners(folder, flavor), &run);
        let mut files = document();
        files.push(codeowners(folder, flavor));
        let expected = said(&files, &lint::run(&files, &run).diagnostics);
        let found = session.lint(&run);
        assert_eq!(said(session.files(), &found), expected, "{folder}");
        compared += expected.iter().filter(|d| d.starts_with("OWN60")).count();
        // The document read again, its paths compiled for this host; the next file's host
        // differs.
        session.set_file(document().remove(0), &run);
        let found = session.lint(&run);
        assert_eq!(
            said(session.files(), &found),
            expected,
            "{folder}, read again"
        );
    }
    // Not an empty comparison: the failing files have codeowners findings.
    assert!(compared >= 2, "{compared}");
}
