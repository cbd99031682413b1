//! The whole `check` pipeline in memory, for the property tests and the fuzz targets: files
//! given as bytes are read, parsed, checked by every rule, and rendered in every report
//! format, exactly as `ownlint check` does with files on disk.

use std::ops::Range;
use std::path::PathBuf;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::lint::{self, Run as LintRun, enabled_rules};
use crate::parse::fast;
use crate::parse::labels::LabelTable;
use crate::parse::markdown::{body_start, parse, parse_with_pulldown, pulldown_events};
use crate::report::{self, Findings, HumanOptions, Reporter, reporter};
use crate::source::{FileId, Format, Origin, SourceFile, Span};

/// One report of a run: the format's name and the bytes written.
pub type Rendered = (String, Vec<u8>);

/// The result of an in-memory run.
pub struct Run {
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    pub reports: Vec<Rendered>,
}

/// Source files from `(path, bytes)` pairs; the format follows the extension (Markdown when
/// there is none), as if each file had been named on the command line.
pub fn source_files(inputs: &[(&str, &[u8])]) -> Vec<SourceFile> {
    inputs
        .iter()
        .enumerate()
        .map(|(i, (path, bytes))| {
            let format = Format::from_path(std::path::Path::new(path)).unwrap_or(Format::Markdown);
            SourceFile::new(
                FileId(i as u32),
                (*path).to_owned(),
                PathBuf::from(path),
                format,
                Origin::Explicit,
                bytes.to_vec(),
            )
        })
        .collect()
}

/// Lint the files with every rule at its default severity; no reports.
pub fn lint_only(inputs: &[(&str, &[u8])]) -> Run {
    let files = source_files(inputs);
    let settings = Settings::default();
    let rules = enabled_rules(&settings);
    let diagnostics = lint::run(&files, &LintRun::new(&settings, &rules)).diagnostics;
    Run {
        files,
        diagnostics,
        reports: Vec::new(),
    }
}

/// Lint the files with every rule at its default severity, through the pipeline `ownlint
/// check` uses, and render every report format.
pub fn check(inputs: &[(&str, &[u8])]) -> Run {
    let files = source_files(inputs);
    let settings = Settings::default();
    let rules = enabled_rules(&settings);
    let run = LintRun::new(&settings, &rules);
    let linted = lint::run(&files, &run);
    let summary = linted.summary();
    let catalog = crate::rules::catalog();
    let findings = Findings {
        files: &files,
        catalog: &catalog,
        linted: linted.checked_files(),
        diagnostics: &linted.diagnostics,
        fingerprints: &linted.fingerprints,
        summary,
        unreadable: &[],
    };
    let ran = run.rules_run();
    let plain = HumanOptions {
        color: false,
        width: 100,
    };
    // Every output format, so that a new one is checked here as soon as it exists, and
    // human output once more in colour.
    let mut reporters: Vec<(String, Box<dyn Reporter>)> = report::Format::ALL
        .iter()
        .map(|format| {
            (
                format.as_str().to_owned(),
                reporter(*format, plain, ran.clone()),
            )
        })
        .collect();
    reporters.push((
        "human-color".to_owned(),
        reporter(
            report::Format::Human,
            HumanOptions {
                color: true,
                width: 80,
            },
            ran,
        ),
    ));
    let mut reports = Vec::with_capacity(reporters.len());
    for (name, reporter) in &mut reporters {
        let mut out = Vec::new();
        reporter
            .report(&findings, &mut out)
            .expect("writing to memory cannot fail");
        reports.push((std::mem::take(name), out));
    }
    let diagnostics = linted.diagnostics;
    drop(linted.workspace);
    Run {
        files,
        diagnostics,
        reports,
    }
}

/// Panic when a run breaks a promise that holds for any input whatsoever: every span lies
/// inside its file on character boundaries; every report is UTF-8; the JSON reports parse;
/// the GitHub report is exactly one workflow command per finding; human and concise output
/// carry no control character from a document (colour codes are ownlint's own SGR sequences).
pub fn assert_sound(run: &Run) {
    for d in &run.diagnostics {
        assert_span_inside(&run.files, d.file, d.span, d.rule.code);
        for label in &d.secondary {
            assert_span_inside(&run.files, label.file, label.span, d.rule.code);
        }
    }
    for (name, bytes) in &run.reports {
        let text = std::str::from_utf8(bytes)
            .unwrap_or_else(|e| panic!("the {name} report is not UTF-8: {e}"));
        match name.as_str() {
            "json" | "sarif" | "gitlab" => {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
                    panic!("the {name} report is not JSON: {e}\n{text}");
                }
            }
            "github" => {
                assert_eq!(
                    text.lines().count(),
                    run.diagnostics.len(),
                    "one workflow command per finding:\n{text}"
                );
                for line in text.lines() {
                    assert!(
                        line.starts_with("::error file=") || line.starts_with("::warning file="),
                        "not a workflow command: {line:?}"
                    );
                    assert!(!line.contains('\r'), "a carriage return: {line:?}");
                }
            }
            "human" | "concise" | "junit" => assert_no_control(name, text, false),
            "human-color" => assert_no_control(name, text, true),
            _ => {}
        }
    }
}

fn assert_span_inside(files: &[SourceFile], file: FileId, span: Span, code: &str) {
    let text = &files[file.index()].text;
    let (start, end) = (span.start as usize, span.end as usize);
    assert!(
        start <= end && end <= text.len(),
        "{code}: span {start}..{end} outside a file of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{code}: span {start}..{end} splits a character"
    );
}

/// No character that could drive a terminal; with `colour`, ESC only as an SGR sequence.
fn assert_no_control(name: &str, text: &str, colour: bool) {
    for (i, c) in text.char_indices() {
        if colour && c == '\u{1b}' {
            let rest = &text[i + 1..];
            let sgr = rest.strip_prefix('[').and_then(|r| {
                let end = r.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
                (r.as_bytes()[end] == b'm').then_some(())
            });
            assert!(
                sgr.is_some(),
                "{name}: an escape that is not a colour at {i}"
            );
            continue;
        }
        assert!(
            !crate::util::sanitize::is_unsafe(c) && c != '\r',
            "{name}: control character {:?} at {i}:\n{text}",
            c
        );
    }
}

/// Panic when the objective grammar breaks a promise on `text`: a parse error's span, and
/// every part of a parsed objective, lie inside the text on character boundaries, and no
/// parsed number is NaN.
pub fn assert_objective_sound(text: &str) {
    let whole = crate::model::Text::new(text, Span::new(0, text.len()));
    let inside = |span: Span, what: &str| {
        let (start, end) = (span.start as usize, span.end as usize);
        assert!(
            start <= end
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end),
            "{what} span {start}..{end} in {text:?}"
        );
    };
    match crate::parse::objective::parse_objective(&whole) {
        Ok(objectives) => {
            assert!(!objectives.is_empty(), "no objective read from {text:?}");
            for objective in objectives {
                if let Some(p) = objective.percentile {
                    inside(p.span, "percentile");
                    assert!(!p.value.is_nan(), "percentile NaN in {text:?}");
                }
                if let Some(w) = objective.window {
                    inside(w.span, "window");
                    assert!(w.amount > 0.0, "window not above 0 in {text:?}");
                }
                inside(objective.comparator.span, "comparator");
                inside(objective.value.span, "value");
                inside(objective.unit.span, "unit");
                inside(objective.span, "objective");
                assert!(!objective.value.value.is_nan(), "value NaN in {text:?}");
            }
        }
        Err(e) => inside(e.span, "error"),
    }
}

/// An event as compared: its debug form, and its range where the reader reads it.
type ComparedEvent = (String, Option<Range<usize>>);

fn normalize_events<'s>(
    src: &str,
    events: impl IntoIterator<Item = (Event<'s>, Range<usize>)>,
) -> Vec<ComparedEvent> {
    let mut out: Vec<ComparedEvent> = Vec::new();
    for (event, range) in events {
        if let Event::Text(text) = &event {
            // pulldown splits text at characters that might have been markup (`<`); the
            // reader joins pieces that are contiguous slices of the source.
            assert_eq!(&src[range.clone()], text.as_ref(), "text is a source slice");
            if let Some((last, Some(last_range))) = out.last_mut()
                && last.starts_with("Text(")
                && last_range.end == range.start
            {
                last_range.end = range.end;
                *last = format!("Text({:?})", &src[last_range.clone()]);
                continue;
            }
            out.push((format!("Text({:?})", &src[range.clone()]), Some(range)));
            continue;
        }
        let container = matches!(
            event,
            Event::Start(Tag::Paragraph | Tag::List(_) | Tag::Item)
                | Event::End(TagEnd::Paragraph | TagEnd::List(_) | TagEnd::Item)
        );
        let range = (!container).then_some(range);
        out.push((format!("{event:?}"), range));
    }
    out
}

/// Whether the fast Markdown scanner took `src`; panics when it took it and its events, or
/// the document read from them, differ from pulldown-cmark's (text pieces joined; container
/// ranges, which the reader does not use, aside).
pub fn fast_markdown_agrees(src: &str) -> bool {
    let start = body_start(src);
    let Some(fast_events) = fast::events(src, start) else {
        return false;
    };
    let fast = normalize_events(src, fast_events);
    let reference = normalize_events(src, pulldown_events(src, start));
    if fast != reference {
        let at = fast
            .iter()
            .zip(&reference)
            .position(|(a, b)| a != b)
            .unwrap_or(fast.len().min(reference.len()));
        panic!(
            "events differ at {at}:\nfast:      {:?}\npulldown:  {:?}\nsource:\n{src}",
            fast.get(at),
            reference.get(at)
        );
    }
    let labels = LabelTable::default();
    let a = format!("{:?}", parse(FileId(0), src, &labels));
    let b = format!("{:?}", parse_with_pulldown(FileId(0), src, &labels));
    assert_eq!(a, b, "documents differ for:\n{src}");
    true
}
