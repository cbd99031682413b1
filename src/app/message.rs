//! What ownlint says about its own run on stderr — its errors (bad usage, bad configuration,
//! unreadable files, nothing to lint), warnings and notes — in one voice:
//!
//! ```text
//! ownlint: error: invalid configuration: unknown setting `rulez`
//!    ╭─[.ownlint.yaml:2:1]
//!  2 │ rulez: {}
//!    · ──┬──
//!    ·   ╰── unknown setting
//!    ╰────
//!   help: did you mean `rules`?
//! ```
//!
//! One line naming the level and saying what happened, the configuration's text at the place
//! when the message is about it, then `help:`, `note:` and `usage:` lines. Findings in the
//! documents are not messages: the reports print them. Every line is escaped here, so no text
//! from a document or a command line reaches the terminal raw.

use std::fmt::{self, Write as _};
use std::io::{IsTerminal, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode, SourceSpan,
};

use crate::app::{cli::ColorChoice, terminal_width};
use crate::error::{ConfigErrors, ConfigProblem, Error, NothingToLint};
use crate::source::walk::{Skip, io_message};
use crate::util::plural;
use crate::util::sanitize::escape;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Note,
}

/// One thing ownlint says, with its advice.
#[derive(Debug)]
pub struct Message<'a> {
    level: Level,
    text: String,
    /// The configuration's text at the place the message is about.
    snippet: Option<Snippet<'a>>,
    advice: Vec<(Advice, String)>,
}

/// The kinds of line that follow a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Advice {
    /// What to do.
    Help,
    /// What to know.
    Note,
    /// How the command is typed.
    Usage,
}

impl Advice {
    fn as_str(self) -> &'static str {
        match self {
            Advice::Help => "help",
            Advice::Note => "note",
            Advice::Usage => "usage",
        }
    }
}

/// How a message is drawn: with colour or not, and how wide the snippet may be.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Style {
    /// As stderr wants it: colour on a terminal unless `NO_COLOR` says otherwise.
    pub fn stderr() -> Style {
        let is_terminal = std::io::stderr().is_terminal();
        Style {
            color: ColorChoice::Auto.enabled(is_terminal),
            width: terminal_width(is_terminal),
        }
    }
}

impl<'a> Message<'a> {
    pub fn new(level: Level, text: impl Into<String>) -> Message<'a> {
        Message {
            level,
            text: text.into(),
            snippet: None,
            advice: Vec::new(),
        }
    }

    /// What the message says, without its level and advice.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn error(text: impl Into<String>) -> Message<'a> {
        Message::new(Level::Error, text)
    }

    pub fn help(mut self, text: impl Into<String>) -> Message<'a> {
        self.advice.push((Advice::Help, text.into()));
        self
    }

    pub fn note(mut self, text: impl Into<String>) -> Message<'a> {
        self.advice.push((Advice::Note, text.into()));
        self
    }

    /// Write the message to `out` as stderr wants it; a message that cannot be written has
    /// nowhere else to go, so write errors are ignored.
    pub fn print(&self, out: &mut dyn Write) {
        let _ = out.write_all(self.render(Style::stderr()).as_bytes());
    }

    pub fn render(&self, style: Style) -> String {
        let (level, color) = match self.level {
            Level::Error => ("error", "\x1b[1;31m"),
            Level::Warning => ("warning", "\x1b[1;33m"),
            Level::Note => ("note", "\x1b[1;36m"),
        };
        let mut out = String::new();
        let level = if style.color {
            format!("{color}{level}\x1b[0m")
        } else {
            level.to_owned()
        };
        let _ = writeln!(out, "ownlint: {level}: {}", escape(&self.text));
        if let Some(snippet) = &self.snippet {
            out.push_str(&snippet.render(style));
        }
        for (kind, text) in &self.advice {
            let _ = writeln!(out, "  {}: {}", kind.as_str(), escape(text));
        }
        out
    }
}

/// Print a fatal error on stderr, in ownlint's voice.
pub fn print_error(err: &Error) {
    let mut stderr = std::io::stderr().lock();
    for (i, message) in messages(err).iter().enumerate() {
        // Messages with the configuration's text are told apart by a blank line.
        if i > 0 {
            let _ = writeln!(stderr);
        }
        message.print(&mut stderr);
    }
}

/// What an error says: one message, or one per problem of a configuration file.
pub fn messages(err: &Error) -> Vec<Message<'_>> {
    match err {
        Error::Config(config) => config
            .problems
            .iter()
            .map(|problem| configuration(config, problem))
            .collect(),
        Error::CommandLine(err) => vec![command_line(err)],
        Error::Usage {
            message,
            help: Some(help),
        } => vec![Message::error(message).help(help)],
        Error::NothingToLint(nothing) => vec![nothing_to_lint(err, nothing)],
        _ => vec![Message::error(with_causes(err))],
    }
}

/// An error's own message, then each of its causes: `cannot write x.json: permission denied`.
fn with_causes(err: &Error) -> String {
    let mut text = err.to_string();
    let mut cause = std::error::Error::source(err);
    while let Some(e) = cause {
        text.push_str(": ");
        match e.downcast_ref::<std::io::Error>() {
            Some(io) => text.push_str(&io_message(io)),
            None => text.push_str(&e.to_string()),
        }
        cause = e.source();
    }
    text
}

fn configuration<'a>(config: &'a ConfigErrors, problem: &'a ConfigProblem) -> Message<'a> {
    let mut message = Message::error(format!("invalid configuration: {}", problem.message));
    message.snippet = Some(Snippet {
        source: NamedSource::new(&config.path, config.text.clone()),
        span: SourceSpan::new(problem.span.start.into(), problem.span.len()),
        label: &problem.label,
    });
    if let Some(help) = &problem.help {
        message = message.help(help);
    }
    message
}

/// A command line clap rejected, said in ownlint's voice with what clap found useful to add:
/// its suggestions (`tip:`) and the usage line.
///
/// clap's message is `error: <what>`, maybe followed by indented lines that complete it
/// (`<RULE>` for a missing argument, `[possible values: …]`), then paragraphs: tips, the
/// usage, and where to read more.
fn command_line(err: &clap::Error) -> Message<'static> {
    let rendered = err.render().to_string();
    let mut lines = rendered.lines();
    let first = lines.next().unwrap_or_default();
    let mut message = Message::error(first.strip_prefix("error: ").unwrap_or(first));
    let mut in_first_paragraph = true;
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            in_first_paragraph = false;
        } else if let Some(values) = trimmed.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            message = message.note(values);
        } else if in_first_paragraph {
            message.text = format!("{} {trimmed}", message.text);
        } else if let Some(tip) = trimmed.strip_prefix("tip: ") {
            message = message.help(tip);
        } else if let Some(usage) = trimmed.strip_prefix("Usage: ") {
            message.advice.push((Advice::Usage, usage.to_owned()));
        } else if line.starts_with(' ')
            && message
                .advice
                .last()
                .is_some_and(|(a, _)| *a == Advice::Usage)
        {
            // A second way to type the command, under the first.
            message.advice.push((Advice::Usage, trimmed.to_owned()));
        } else {
            // "For more information, try '--help'.", in the shape of ownlint's advice.
            let mut help = trimmed.trim_end_matches('.').to_owned();
            if let Some(first) = help.get(..1) {
                help.replace_range(..1, &first.to_lowercase());
            }
            message = message.help(help);
        }
    }
    message
}

fn nothing_to_lint<'a>(err: &Error, nothing: &NothingToLint) -> Message<'a> {
    let looked_in: Vec<String> = nothing
        .looked_in
        .iter()
        .map(|(given, absolute)| {
            if given == absolute {
                given.clone()
            } else {
                format!("{given} ({absolute})")
            }
        })
        .collect();
    let mut message = Message::error(err.to_string());
    message = if nothing.walked_folders {
        // The walker leaves these out without a word: they cannot be counted, only said.
        message.note(format!(
            "looked in {}, leaving out what .gitignore and .ignore files name",
            looked_in.join(", ")
        ))
    } else {
        message.note(format!("looked in {}", looked_in.join(", ")))
    };
    message = match (nothing.files_read, nothing.without_ownership_content) {
        (0, _) => message.note("read no Markdown or YAML file"),
        (read, 0) => message.note(format!("read {}", plural(read, "Markdown or YAML file"))),
        (read, without) => message.note(format!(
            "read {}: {without} without ownership content",
            plural(read, "Markdown or YAML file")
        )),
    };
    let skipped: Vec<String> = [
        (nothing.not_markdown_or_yaml, Skip::NotMarkdownOrYaml),
        (
            nothing.left_out_by_configuration,
            Skip::LeftOutByConfiguration,
        ),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, why)| format!("{} {}", plural(count, "file"), why.describe()))
    .collect();
    if !skipped.is_empty() {
        message = message.note(format!("skipped {}", skipped.join(", ")));
    }
    if nothing.without_ownership_content > 0 {
        message = message
            .help("`ownlint explain no-domains` says what ownlint reads as ownership content");
    }
    message
        .help("`ownlint init` writes a starter ownership document and configuration")
        .help("`ownlint check --verbose` lists every file read and skipped, and why")
}

/// The configuration's text at a place, drawn by miette.
#[derive(Debug)]
struct Snippet<'a> {
    /// The configuration's text under its path (miette wants it owned; a problem of the
    /// configuration is rare and its file small).
    source: NamedSource<String>,
    span: SourceSpan,
    label: &'a str,
}

impl Snippet<'_> {
    fn render(&self, style: Style) -> String {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_links(false)
            .with_width(style.width)
            .without_syntax_highlighting();
        let mut out = String::new();
        if handler.render_report(&mut out, self).is_err() {
            return String::new();
        }
        // miette starts with the message, which the snippet leaves empty: one line to drop,
        // since the message is said in ownlint's voice above it.
        match out.split_once('\n') {
            Some((_, snippet)) => snippet.to_owned(),
            None => String::new(),
        }
    }
}

impl fmt::Display for Snippet<'_> {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}

impl std::error::Error for Snippet<'_> {}

impl miette::Diagnostic for Snippet<'_> {
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = LabeledSpan::new_primary_with_span(Some(self.label.to_owned()), self.span);
        Some(Box::new(std::iter::once(label)))
    }
}
