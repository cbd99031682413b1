//! `.ownlint.yaml`: read with the same YAML reader as ownership files, then validated into a
//! [`Config`]. Every error points at its place in the file.
//!
//! ```yaml
//! include: ["ownership/**"]          # globs, relative to this file
//! exclude: ["**/templates/**"]
//! rules:                             # by name or code: error, warning or off
//!   placeholder-escalation-contact: error
//!   OWN305: off
//! labels:                            # more spellings for a field
//!   owner: [Verantwortlich]
//!   escalation_contact: [Eskalation]
//! placeholders: ["^TEAM-[0-9]+$"]    # regular expressions (linear time)
//! teams: [Payment Service Team, Platform Team]
//! export:
//!   openslo:                         # where calendar windows start (both or neither)
//!     calendar-start: "2024-01-01 00:00:00"
//!     time-zone: Europe/Berlin
//! ```

pub mod calendar;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde_saphyr::Spanned;

use crate::diagnostic::Severity;
use crate::diagnostic::{RuleMeta, closest_rule_name, find_rule};
use crate::error::{ConfigErrors, ConfigProblem, Error};
use crate::model::FieldKind;
use crate::parse::labels::LabelTable;
use crate::parse::yaml::{Node, parse_tree};
use crate::source::walk::Selection;
use crate::source::{FileId, Format, Origin, SourceFile, Span};
use crate::util::sanitize::{DisplayText, escape};
use crate::util::suggest::closest_match;
pub use calendar::CalendarStart;

/// The names the configuration file may have, in the order they are looked for.
pub const FILE_NAMES: &[&str] = &[".ownlint.yaml", ".ownlint.yml"];

/// The settings a configuration file may have.
pub const KEYS: &[&str] = &[
    "include",
    "exclude",
    "rules",
    "labels",
    "placeholders",
    "teams",
    "export",
];

/// The settings of `export.openslo`.
const OPENSLO_KEYS: &[&str] = &["calendar-start", "time-zone"];

/// What rules see of the configuration.
#[derive(Debug, Default)]
pub struct Settings {
    pub labels: LabelTable,
    /// Extra placeholder patterns.
    pub placeholders: Vec<regex::Regex>,
    /// The team registry, when one is configured.
    pub teams: Option<Vec<String>>,
    /// Severity overrides by rule code; `None` turns a rule off.
    pub severities: HashMap<&'static str, Option<Severity>>,
    /// Where the OpenSLO export's calendar windows start, when the configuration says
    /// (`export.openslo`); the documents never do.
    pub calendar_start: Option<CalendarStart>,
}

impl Settings {
    /// The severity a rule runs at, or `None` when it is off.
    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        match self.severities.get(rule.code) {
            Some(overridden) => *overridden,
            None => Some(rule.default_severity),
        }
    }
}

/// The validated configuration of one run.
#[derive(Debug, Default)]
pub struct Config {
    /// The configuration file, when there is one.
    pub path: Option<PathBuf>,
    /// The folder globs are relative to: the configuration file's, else the current one.
    pub root: PathBuf,
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    pub settings: Settings,
}

impl Config {
    /// The files the configuration lets in, for the walk.
    pub fn selection(&self) -> Selection<'_> {
        Selection {
            root: &self.root,
            configured: self.path.is_some(),
            include: self.include.as_ref(),
            exclude: self.exclude.as_ref(),
        }
    }

    /// Load `--config PATH`, or the configuration file found from `cwd` (up to the
    /// repository's root inside one, `cwd`'s own outside one), or the defaults. `catalog` is
    /// every rule the configuration may name (the rule registry's metadata).
    pub fn load(
        explicit: Option<&Path>,
        cwd: &Path,
        catalog: &[&'static RuleMeta],
    ) -> Result<Config, Error> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => discover(cwd),
        };
        let Some(path) = path else {
            return Ok(Config {
                root: cwd.to_path_buf(),
                ..Config::default()
            });
        };
        let bytes = std::fs::read(&path).map_err(|source| Error::ConfigRead {
            path: path.clone(),
            source,
        })?;
        let display = path.display().to_string();
        let file = SourceFile::new(
            FileId(0),
            display,
            path.clone(),
            Format::Yaml,
            Origin::Explicit,
            bytes,
        );
        let root = path
            .parent()
            .map(Path::to_path_buf)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."));
        let mut config = Config {
            path: Some(path),
            root,
            ..Config::default()
        };
        Validator {
            file: &file,
            catalog,
        }
        .read(&mut config)?;
        Ok(config)
    }
}

/// The configuration file for a run in `start`, the current folder. Inside a git repository
/// (a folder from `start` up holds `.git`, a folder or, in a worktree or submodule, a file)
/// the first one found walking up from `start` to the repository's root; outside one, only
/// `start`'s own. A configuration in a folder above the repository, or in a shared parent of
/// a folder that is in none (`/tmp`), is never read: whoever can write there cannot steer
/// the run.
fn discover(start: &Path) -> Option<PathBuf> {
    let top = start
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .unwrap_or(start);
    for dir in start.ancestors() {
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if dir == top {
            break;
        }
    }
    None
}

/// The entries of a YAML mapping.
type Entries = [(Spanned<Node>, Spanned<Node>)];

struct Validator<'f> {
    file: &'f SourceFile,
    catalog: &'f [&'static RuleMeta],
}

impl Validator<'_> {
    fn error(
        &self,
        span: Span,
        message: impl Into<String>,
        label: &str,
        help: Option<String>,
    ) -> Error {
        // The configuration is input too: its text is shown with control characters escaped.
        let shown = DisplayText::new(&self.file.text);
        let span = shown.range(span.range());
        Error::Config(Box::new(ConfigErrors {
            path: escape(&self.file.path).into_owned(),
            text: shown.text.into_owned(),
            problems: vec![ConfigProblem {
                message: escape(&message.into()).into_owned(),
                span,
                label: label.to_owned(),
                help: help.map(|h| escape(&h).into_owned()),
            }],
        }))
    }

    fn span(&self, node: &Spanned<Node>) -> Span {
        let s = node.referenced.span();
        match (s.byte_offset(), s.byte_len()) {
            (Some(o), Some(n)) => Span::new(o as usize, (o + n) as usize),
            _ => Span::empty_at(0),
        }
    }

    fn string(&self, node: &Spanned<Node>, what: &str) -> Result<String, Error> {
        match &node.value {
            Node::Scalar { value, .. } => Ok(value.clone()),
            _ => Err(self.error(self.span(node), format!("expected {what}"), "here", None)),
        }
    }

    fn strings(&self, node: &Spanned<Node>, what: &str) -> Result<Vec<(String, Span)>, Error> {
        match &node.value {
            Node::Seq(items) => items
                .iter()
                .map(|i| Ok((self.string(i, what)?, self.span(i))))
                .collect(),
            Node::Null => Ok(Vec::new()),
            Node::Scalar { value, .. } => Ok(vec![(value.clone(), self.span(node))]),
            Node::Map(_) => Err(self.error(
                self.span(node),
                format!("expected a list of {what}"),
                "a mapping",
                None,
            )),
        }
    }

    fn map<'n>(&self, node: &'n Spanned<Node>, what: &str) -> Result<&'n Entries, Error> {
        match &node.value {
            Node::Map(entries) => Ok(entries),
            Node::Null => Ok(&[]),
            _ => Err(self.error(
                self.span(node),
                format!("expected a mapping of {what}"),
                "here",
                None,
            )),
        }
    }

    fn read(&self, config: &mut Config) -> Result<(), Error> {
        if let Some(at) = self.file.invalid_utf8_at {
            return Err(self.error(
                Span::empty_at(at),
                "the file is not UTF-8",
                "invalid byte",
                None,
            ));
        }
        if self.file.text.trim().is_empty() {
            return Ok(());
        }
        let root = parse_tree(self.file, &self.file.text)
            .map_err(|p| self.error(p.span, p.message, "here", p.help))?;
        for (key, value) in self.map(&root, "settings")? {
            let name = self.string(key, "a setting name")?;
            match name.as_str() {
                "include" => config.include = self.globs(value, &name)?,
                "exclude" => config.exclude = self.globs(value, &name)?,
                "rules" => self.rules(value, &mut config.settings)?,
                "labels" => self.labels(value, &mut config.settings.labels)?,
                "placeholders" => {
                    for (pattern, span) in self.strings(value, "regular expressions")? {
                        let re = regex::RegexBuilder::new(&pattern)
                            .size_limit(1 << 20)
                            .build()
                            .map_err(|e| {
                                self.error(
                                    span,
                                    "invalid placeholder pattern",
                                    "this pattern",
                                    Some(first_line(&e.to_string())),
                                )
                            })?;
                        config.settings.placeholders.push(re);
                    }
                }
                "teams" => {
                    let teams = self.strings(value, "team names")?;
                    config.settings.teams = Some(teams.into_iter().map(|(t, _)| t).collect());
                }
                "export" => self.export(value, &mut config.settings)?,
                _ => return Err(self.unknown_setting(key, &name, "", KEYS)),
            }
        }
        Ok(())
    }

    /// `unknown setting `name``, with the closest of the settings `known` (those of the
    /// mapping at `path`, `""` at the top).
    fn unknown_setting(
        &self,
        key: &Spanned<Node>,
        name: &str,
        path: &str,
        known: &[&str],
    ) -> Error {
        let help = closest_match(name, known.iter().map(|k| (*k, ())))
            .map(|(k, _)| format!("did you mean `{k}`?"))
            .unwrap_or_else(|| format!("known settings: {}", known.join(", ")));
        self.error(
            self.span(key),
            format!("unknown setting `{path}{name}`"),
            "unknown setting",
            Some(help),
        )
    }

    /// `export:`, the settings of the exports: `openslo:` only, for now.
    fn export(&self, node: &Spanned<Node>, settings: &mut Settings) -> Result<(), Error> {
        for (key, value) in self.map(node, "export formats to their settings")? {
            let name = self.string(key, "an export format")?;
            match name.as_str() {
                "openslo" => settings.calendar_start = self.openslo(value)?,
                _ => return Err(self.unknown_setting(key, &name, "export.", &["openslo"])),
            }
        }
        Ok(())
    }

    /// `export.openslo`: the start of the calendar windows, a date-time and its zone. One
    /// without the other would leave half of the start assumed, so both or neither.
    fn openslo(&self, node: &Spanned<Node>) -> Result<Option<CalendarStart>, Error> {
        let (mut start_time, mut time_zone) = (None, None);
        for (k, value) in self.map(node, "OpenSLO settings")? {
            let name = self.string(k, "an OpenSLO setting")?;
            let (slot, check): (_, calendar::Check) = match name.as_str() {
                "calendar-start" => (&mut start_time, calendar::check_start_time),
                "time-zone" => (&mut time_zone, calendar::check_time_zone),
                _ => {
                    return Err(self.unknown_setting(k, &name, "export.openslo.", OPENSLO_KEYS));
                }
            };
            let text = self.string(value, &format!("a `{name}` value"))?;
            check(&text).map_err(|p| {
                self.error(
                    self.span(value),
                    format!("invalid `export.openslo.{name}`"),
                    p.label,
                    Some(p.help),
                )
            })?;
            *slot = Some((text, self.span(k)));
        }
        match (start_time, time_zone) {
            (Some((start_time, _)), Some((time_zone, _))) => Ok(Some(CalendarStart {
                start_time,
                time_zone,
            })),
            (None, None) => Ok(None),
            (Some((_, at)), None) => Err(self.set_alone(at, "calendar-start", "time-zone")),
            (None, Some((_, at))) => Err(self.set_alone(at, "time-zone", "calendar-start")),
        }
    }

    fn set_alone(&self, at: Span, given: &str, missing: &str) -> Error {
        self.error(
            at,
            format!("`export.openslo.{given}` without `{missing}`"),
            "set alone",
            Some(format!(
                "a start is a date-time in a zone: set `{missing}` as well, or neither"
            )),
        )
    }

    fn globs(&self, node: &Spanned<Node>, what: &str) -> Result<Option<GlobSet>, Error> {
        let patterns = self.strings(node, "glob patterns")?;
        if patterns.is_empty() {
            return Ok(None);
        }
        let mut set = GlobSetBuilder::new();
        for (pattern, span) in patterns {
            let glob = GlobBuilder::new(&pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    self.error(
                        span,
                        format!("invalid `{what}` glob"),
                        "this pattern",
                        Some(e.kind().to_string()),
                    )
                })?;
            set.add(glob);
        }
        set.build().map(Some).map_err(|e| {
            self.error(
                self.span(node),
                format!("invalid `{what}` globs"),
                "here",
                Some(e.to_string()),
            )
        })
    }

    fn rules(&self, node: &Spanned<Node>, settings: &mut Settings) -> Result<(), Error> {
        for (key, value) in self.map(node, "rule names to severities")? {
            let name = self.string(key, "a rule name or code")?;
            let rule = find_rule(self.catalog, &name).ok_or_else(|| {
                let help =
                    closest_rule_name(self.catalog, &name).map(|n| format!("did you mean `{n}`?"));
                self.error(
                    self.span(key),
                    format!("unknown rule `{name}`"),
                    "unknown rule",
                    help,
                )
            })?;
            let level = self.string(value, "a severity: error, warning or off")?;
            let severity = match level.to_ascii_lowercase().as_str() {
                "error" | "deny" => Some(Severity::Error),
                "warning" | "warn" => Some(Severity::Warning),
                "off" | "allow" => None,
                _ => {
                    return Err(self.error(
                        self.span(value),
                        format!("unknown severity `{level}`"),
                        "unknown severity",
                        Some("use `error`, `warning` or `off`".to_owned()),
                    ));
                }
            };
            settings.severities.insert(rule.code, severity);
        }
        Ok(())
    }

    fn labels(&self, node: &Spanned<Node>, table: &mut LabelTable) -> Result<(), Error> {
        const FIELDS: &[(&str, FieldKind)] = &[
            ("name", FieldKind::Name),
            ("owner", FieldKind::Owner),
            ("backup", FieldKind::Backup),
            ("escalation_contact", FieldKind::EscalationContact),
            ("slos", FieldKind::Slos),
            ("incident_authority", FieldKind::IncidentAuthority),
            ("responsibilities", FieldKind::Responsibilities),
            ("ownership_transfer", FieldKind::OwnershipTransfer),
            ("ignored", FieldKind::Other),
        ];
        for (key, value) in self.map(node, "fields to label spellings")? {
            let field = self.string(key, "a field name")?;
            let Some(&(_, kind)) = FIELDS.iter().find(|(f, _)| *f == field) else {
                let help = closest_match(&field, FIELDS.iter().map(|(f, _)| (*f, ())))
                    .map(|(f, _)| format!("did you mean `{f}`?"))
                    .or_else(|| {
                        let names: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
                        Some(format!("fields: {}", names.join(", ")))
                    });
                return Err(self.error(
                    self.span(key),
                    format!("unknown field `{field}`"),
                    "unknown field",
                    help,
                ));
            };
            for (alias, _) in self.strings(value, "label spellings")? {
                table.add_alias(&alias, kind);
            }
        }
        Ok(())
    }
}

fn first_line(s: &str) -> String {
    s.lines().last().unwrap_or(s).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, Error> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".ownlint.yaml");
        std::fs::write(&path, text).unwrap();
        Config::load(Some(&path), dir.path(), &[])
    }

    #[test]
    fn the_openslo_calendar_start_is_read_whole() {
        let config = load(
            "export:\n  openslo:\n    calendar-start: 2025-04-01 06:00:00\n    \
             time-zone: America/New_York\n",
        )
        .unwrap();
        assert_eq!(
            config.settings.calendar_start,
            Some(CalendarStart {
                start_time: "2025-04-01 06:00:00".to_owned(),
                time_zone: "America/New_York".to_owned(),
            })
        );
        for unset in ["teams: [A]\n", "export:\n", "export:\n  openslo:\n"] {
            assert_eq!(
                load(unset).unwrap().settings.calendar_start,
                None,
                "{unset}"
            );
        }
    }

    #[test]
    fn a_bad_openslo_setting_is_an_error_at_its_place() {
        let message = |text: &str| match load(text) {
            Err(Error::Config(e)) => {
                let p = &e.problems[0];
                (p.message.clone(), p.label.clone(), p.help.clone())
            }
            other => panic!("{text}: {other:?}"),
        };
        let (text, label, help) = message(
            "export:\n  openslo:\n    calendar-start: \"2024-02-30 00:00:00\"\n    \
             time-zone: Etc/UTC\n",
        );
        assert_eq!(text, "invalid `export.openslo.calendar-start`");
        assert_eq!(label, "no such day");
        assert_eq!(help.as_deref(), Some("2024-02 has 29 days"));
        let (text, _, help) = message("export:\n  openslo:\n    time-zone: Etc/UTC\n");
        assert_eq!(text, "`export.openslo.time-zone` without `calendar-start`");
        assert!(help.unwrap().contains("set `calendar-start` as well"));
        let (text, _, help) = message("export:\n  openslo:\n    timezone: Etc/UTC\n");
        assert_eq!(text, "unknown setting `export.openslo.timezone`");
        assert_eq!(help.as_deref(), Some("did you mean `time-zone`?"));
        let (text, _, help) = message("export:\n  opensl0: {}\n");
        assert_eq!(text, "unknown setting `export.opensl0`");
        assert_eq!(help.as_deref(), Some("did you mean `openslo`?"));
        let (text, _, _) = message("export:\n  openslo: [a]\n");
        assert_eq!(text, "expected a mapping of OpenSLO settings");
    }
}
