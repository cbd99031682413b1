//! Reading a configuration file's YAML tree into a [`Config`], and every problem in it. Each
//! setting is read on its own, and each item of a list: a problem is recorded at its place
//! and the reading goes on, so that one run shows everything wrong with the file rather
//! than one problem per run.

use std::cell::RefCell;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde_saphyr::Spanned;

use std::path::PathBuf;

use super::{
    CATALOG_KEYS, CODEOWNERS_KEYS, CalendarStart, CatalogSettings, CodeownersSettings, Config,
    KEYS, OPENSLO_KEYS, Settings, calendar,
};
use crate::diagnostic::Severity;
use crate::diagnostic::{RuleMeta, find_rule, rule_suggestions};
use crate::error::{ConfigErrors, ConfigProblem};
use crate::model::FieldKind;
use crate::parse::labels::LabelTable;
use crate::parse::yaml::{Node, parse_tree};
use crate::source::Flavor;
use crate::source::{SourceFile, Span};
use crate::util::sanitize::{DisplayText, escape};
use crate::util::suggest::{closest_match, did_you_mean};

/// The entries of a YAML mapping.
type Entries = [(Spanned<Node>, Spanned<Node>)];

/// A problem was recorded: the value it is about is left unread.
struct Recorded;

type Read<T> = Result<T, Recorded>;

/// Read `file` into `config`; every problem found, when there is one.
pub(super) fn read(
    file: &SourceFile,
    catalog: &[&'static RuleMeta],
    config: &mut Config,
) -> Result<(), Box<ConfigErrors>> {
    // The configuration is input too: its text is shown with control characters escaped.
    let shown = DisplayText::new(&file.text);
    let validator = Validator {
        file,
        shown: &shown,
        catalog,
        problems: RefCell::new(Vec::new()),
    };
    let _ = validator.settings(config);
    let problems = validator.problems.into_inner();
    if problems.is_empty() {
        return Ok(());
    }
    Err(Box::new(ConfigErrors {
        path: escape(&file.path).into_owned(),
        text: shown.text.into_owned(),
        problems,
    }))
}

struct Validator<'f> {
    file: &'f SourceFile,
    shown: &'f DisplayText<'f>,
    catalog: &'f [&'static RuleMeta],
    /// In the order they are found, which is the file's.
    problems: RefCell<Vec<ConfigProblem>>,
}

impl Validator<'_> {
    fn problem(
        &self,
        span: Span,
        message: impl Into<String>,
        label: &str,
        help: Option<String>,
    ) -> Recorded {
        self.problems.borrow_mut().push(ConfigProblem {
            message: escape(&message.into()).into_owned(),
            span: self.shown.range(span.range()),
            label: label.to_owned(),
            help: help.map(|h| escape(&h).into_owned()),
        });
        Recorded
    }

    fn span(&self, node: &Spanned<Node>) -> Span {
        let s = node.referenced.span();
        match (s.byte_offset(), s.byte_len()) {
            (Some(o), Some(n)) => Span::new(o as usize, (o + n) as usize),
            _ => Span::empty_at(0),
        }
    }

    fn string(&self, node: &Spanned<Node>, what: &str) -> Read<String> {
        match &node.value {
            Node::Scalar { value, .. } => Ok(value.clone()),
            _ => Err(self.problem(self.span(node), format!("expected {what}"), "here", None)),
        }
    }

    /// A list of strings (a single one is a list of one); the items that are not strings
    /// are recorded and left out.
    fn strings(&self, node: &Spanned<Node>, what: &str) -> Read<Vec<(String, Span)>> {
        match &node.value {
            Node::Seq(items) => Ok(items
                .iter()
                .filter_map(|i| Some((self.string(i, what).ok()?, self.span(i))))
                .collect()),
            Node::Null => Ok(Vec::new()),
            Node::Scalar { value, .. } => Ok(vec![(value.clone(), self.span(node))]),
            Node::Map(_) => Err(self.problem(
                self.span(node),
                format!("expected a list of {what}"),
                "a mapping",
                None,
            )),
        }
    }

    /// `teams`: the team names, or a mapping of each team's name to its handles in CODEOWNERS
    /// (one or a list of `@user`, `@org/team` or an email address).
    fn teams(&self, value: &Spanned<Node>, config: &mut Config) -> Read<()> {
        let mut teams = Vec::new();
        let mut handles = Vec::new();
        match &value.value {
            Node::Map(entries) => {
                for (key, given) in entries {
                    let Ok(name) = self.string(key, "a team name") else {
                        continue;
                    };
                    let mut valid = Vec::new();
                    for (handle, span) in self.strings(given, "handles").unwrap_or_default() {
                        match handle_problem(&handle) {
                            None => valid.push(handle),
                            Some(why) => {
                                self.problem(
                                    span,
                                    format!("`{handle}` is not a CODEOWNERS owner: {why}"),
                                    "this handle",
                                    Some(
                                        "write `@user`, `@org/team` or an email address".to_owned(),
                                    ),
                                );
                            }
                        }
                    }
                    teams.push((name, self.span(key)));
                    handles.push(valid);
                }
            }
            _ => {
                teams = self.strings(value, "team names")?;
                handles = vec![Vec::new(); teams.len()];
            }
        }
        config.team_entries = teams.iter().map(|(_, span)| *span).collect();
        for (i, (team, _)) in teams.iter().enumerate() {
            let key = crate::model::names::key_hash(team);
            config.settings.team_index.entry(key).or_insert(i);
        }
        config.settings.teams = Some(teams.into_iter().map(|(t, _)| t).collect());
        config.settings.team_handles = handles;
        Ok(())
    }

    fn map<'n>(&self, node: &'n Spanned<Node>, what: &str) -> Read<&'n Entries> {
        match &node.value {
            Node::Map(entries) => Ok(entries),
            Node::Null => Ok(&[]),
            _ => Err(self.problem(
                self.span(node),
                format!("expected a mapping of {what}"),
                "here",
                None,
            )),
        }
    }

    fn settings(&self, config: &mut Config) -> Read<()> {
        if let Some(at) = self.file.invalid_utf8_at {
            return Err(self.problem(
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
            .map_err(|p| self.problem(p.span, p.message, "here", p.help))?;
        for (key, value) in self.map(&root, "settings")? {
            let Ok(name) = self.string(key, "a setting name") else {
                continue;
            };
            // A setting with a problem is left unread; the next is read all the same.
            let _ = self.setting(key, &name, value, config);
        }
        Ok(())
    }

    fn setting(
        &self,
        key: &Spanned<Node>,
        name: &str,
        value: &Spanned<Node>,
        config: &mut Config,
    ) -> Read<()> {
        match name {
            "include" => config.include = self.globs(value, name)?,
            "exclude" => config.exclude = self.globs(value, name)?,
            "rules" => self.rules(value, &mut config.settings)?,
            "labels" => self.labels(value, &mut config.settings.labels)?,
            "placeholders" => {
                for (pattern, span) in self.strings(value, "regular expressions")? {
                    match regex::RegexBuilder::new(&pattern)
                        .size_limit(1 << 20)
                        .build()
                    {
                        Ok(re) => config.settings.placeholders.push(re),
                        Err(e) => {
                            self.problem(
                                span,
                                "invalid placeholder pattern",
                                "this pattern",
                                Some(last_line(&e.to_string())),
                            );
                        }
                    }
                }
            }
            "teams" => self.teams(value, config)?,
            "export" => self.export(value, &mut config.settings)?,
            "codeowners" => self.codeowners(value, &mut config.settings.codeowners)?,
            "catalog" => self.catalog(value, &mut config.settings.catalog)?,
            _ => return Err(self.unknown_setting(key, name, "", KEYS)),
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
    ) -> Recorded {
        let help = closest_match(name, known.iter().map(|k| (*k, ())))
            .map(|(k, _)| format!("did you mean `{k}`?"))
            .unwrap_or_else(|| format!("known settings: {}", known.join(", ")));
        self.problem(
            self.span(key),
            format!("unknown setting `{path}{name}`"),
            "unknown setting",
            Some(help),
        )
    }

    /// `codeowners:`: whether the repository's CODEOWNERS file is checked against the
    /// documents (`check`), which host reads it (`flavor`) and where it is (`file`).
    fn codeowners(&self, node: &Spanned<Node>, out: &mut CodeownersSettings) -> Read<()> {
        for (key, value) in self.map(node, "CODEOWNERS settings")? {
            let Ok(name) = self.string(key, "a CODEOWNERS setting") else {
                continue;
            };
            let Ok(text) = self.string(value, &format!("a `{name}` value")) else {
                continue;
            };
            let invalid = |expected: &str| {
                self.problem(
                    self.span(value),
                    format!("invalid `codeowners.{name}`: `{text}`"),
                    "this value",
                    Some(format!("write {expected}")),
                );
            };
            match name.as_str() {
                "check" => match text.as_str() {
                    "true" => out.check = Some(true),
                    "false" => out.check = Some(false),
                    _ => invalid("`true` or `false`"),
                },
                "flavor" => match text.to_ascii_lowercase().as_str() {
                    "github" => out.flavor = Some(Flavor::GitHub),
                    "gitlab" => out.flavor = Some(Flavor::GitLab),
                    _ => invalid("`github` or `gitlab`"),
                },
                // Inside the repository: the file's lines are shown in reports, and `--fix`
                // writes it, so a configuration from a pull request cannot name another.
                "file" if !inside(&text) => {
                    invalid("a path inside the repository, from its root: `.github/CODEOWNERS`")
                }
                "file" => out.file = Some(PathBuf::from(text)),
                _ => {
                    self.unknown_setting(key, &name, "codeowners.", CODEOWNERS_KEYS);
                }
            }
        }
        Ok(())
    }

    /// `catalog:`: what Backstage catalog entities are held to (`owners: groups` or `any`).
    fn catalog(&self, node: &Spanned<Node>, out: &mut CatalogSettings) -> Read<()> {
        for (key, value) in self.map(node, "catalog settings")? {
            let Ok(name) = self.string(key, "a catalog setting") else {
                continue;
            };
            if name != "owners" {
                self.unknown_setting(key, &name, "catalog.", CATALOG_KEYS);
                continue;
            }
            let Ok(text) = self.string(value, "an `owners` value") else {
                continue;
            };
            match text.as_str() {
                "groups" => out.groups_only = true,
                "any" => out.groups_only = false,
                _ => {
                    self.problem(
                        self.span(value),
                        format!("invalid `catalog.owners`: `{text}`"),
                        "this value",
                        Some(
                            "write `groups` (owners are Groups) or `any` (Groups or Users)"
                                .to_owned(),
                        ),
                    );
                }
            }
        }
        Ok(())
    }

    /// `export:`, the settings of the exports: `openslo:` only, for now.
    fn export(&self, node: &Spanned<Node>, settings: &mut Settings) -> Read<()> {
        for (key, value) in self.map(node, "export formats to their settings")? {
            let Ok(name) = self.string(key, "an export format") else {
                continue;
            };
            match name.as_str() {
                "openslo" => settings.calendar_start = self.openslo(value).unwrap_or(None),
                _ => {
                    self.unknown_setting(key, &name, "export.", &["openslo"]);
                }
            }
        }
        Ok(())
    }

    /// `export.openslo`: the start of the calendar windows, a date-time and its zone. One
    /// without the other would leave half of the start assumed, so both or neither.
    fn openslo(&self, node: &Spanned<Node>) -> Read<Option<CalendarStart>> {
        let (mut start_time, mut time_zone) = (None, None);
        for (k, value) in self.map(node, "OpenSLO settings")? {
            let Ok(name) = self.string(k, "an OpenSLO setting") else {
                continue;
            };
            let (slot, check): (_, calendar::Check) = match name.as_str() {
                "calendar-start" => (&mut start_time, calendar::check_start_time),
                "time-zone" => (&mut time_zone, calendar::check_time_zone),
                _ => {
                    self.unknown_setting(k, &name, "export.openslo.", OPENSLO_KEYS);
                    continue;
                }
            };
            let Ok(text) = self.string(value, &format!("a `{name}` value")) else {
                continue;
            };
            // A value with a problem still counts as set: "set alone" would be a second,
            // wrong, problem about it.
            if let Err(p) = check(&text) {
                self.problem(
                    self.span(value),
                    format!("invalid `export.openslo.{name}`"),
                    p.label,
                    Some(p.help),
                );
            }
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

    fn set_alone(&self, at: Span, given: &str, missing: &str) -> Recorded {
        self.problem(
            at,
            format!("`export.openslo.{given}` without `{missing}`"),
            "set alone",
            Some(format!(
                "a start is a date-time in a zone: set `{missing}` as well, or neither"
            )),
        )
    }

    fn globs(&self, node: &Spanned<Node>, what: &str) -> Read<Option<GlobSet>> {
        let patterns = self.strings(node, "glob patterns")?;
        if patterns.is_empty() {
            return Ok(None);
        }
        let mut set = GlobSetBuilder::new();
        for (pattern, span) in patterns {
            match GlobBuilder::new(&pattern).literal_separator(true).build() {
                Ok(glob) => {
                    set.add(glob);
                }
                Err(e) => {
                    self.problem(
                        span,
                        format!("invalid `{what}` glob"),
                        "this pattern",
                        Some(e.kind().to_string()),
                    );
                }
            }
        }
        set.build().map(Some).map_err(|e| {
            self.problem(
                self.span(node),
                format!("invalid `{what}` globs"),
                "here",
                Some(e.to_string()),
            )
        })
    }

    fn rules(&self, node: &Spanned<Node>, settings: &mut Settings) -> Read<()> {
        for (key, value) in self.map(node, "rule names to severities")? {
            let rule = self.rule(key);
            let severity = self.severity(value);
            if let (Ok(rule), Ok(severity)) = (rule, severity) {
                settings.severities.insert(rule.code, severity);
            }
        }
        Ok(())
    }

    fn rule(&self, key: &Spanned<Node>) -> Read<&'static RuleMeta> {
        let name = self.string(key, "a rule name or code")?;
        find_rule(self.catalog, &name).ok_or_else(|| {
            let help = did_you_mean(&rule_suggestions(self.catalog, &name));
            self.problem(
                self.span(key),
                format!("unknown rule `{name}`"),
                "unknown rule",
                help,
            )
        })
    }

    /// A rule's severity; `None` turns the rule off.
    fn severity(&self, value: &Spanned<Node>) -> Read<Option<Severity>> {
        let level = self.string(value, "a severity: error, warning or off")?;
        match level.to_ascii_lowercase().as_str() {
            "error" | "deny" => Ok(Some(Severity::Error)),
            "warning" | "warn" => Ok(Some(Severity::Warning)),
            "off" | "allow" => Ok(None),
            _ => Err(self.problem(
                self.span(value),
                format!("unknown severity `{level}`"),
                "unknown severity",
                Some("use `error`, `warning` or `off`".to_owned()),
            )),
        }
    }

    fn labels(&self, node: &Spanned<Node>, table: &mut LabelTable) -> Read<()> {
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
            let Ok(field) = self.string(key, "a field name") else {
                continue;
            };
            let Some(&(_, kind)) = FIELDS.iter().find(|(f, _)| *f == field) else {
                let help = closest_match(&field, FIELDS.iter().map(|(f, _)| (*f, ())))
                    .map(|(f, _)| format!("did you mean `{f}`?"))
                    .or_else(|| {
                        let names: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
                        Some(format!("fields: {}", names.join(", ")))
                    });
                self.problem(
                    self.span(key),
                    format!("unknown field `{field}`"),
                    "unknown field",
                    help,
                );
                continue;
            };
            for (alias, _) in self.strings(value, "label spellings").unwrap_or_default() {
                table.add_alias(&alias, kind);
            }
        }
        Ok(())
    }
}

/// The last line of a regex error, which says what is wrong.
fn last_line(s: &str) -> String {
    s.lines().last().unwrap_or(s).trim().to_owned()
}

/// Why a handle of the team registry cannot be a CODEOWNERS owner, GitHub's or GitLab's
/// ([`crate::parse::codeowners::is_owner`], which reads CODEOWNERS files): it is written into
/// one as it is.
fn handle_problem(handle: &str) -> Option<&'static str> {
    use crate::parse::codeowners::is_owner;
    if is_owner(Flavor::GitHub, handle) || is_owner(Flavor::GitLab, handle) {
        return None;
    }
    Some(match handle.starts_with('@') {
        true => "a user, team or group name has letters, digits, `-`, `_` and `.` only",
        false if handle.contains('@') => "not an email address",
        false => "a user or team starts with `@`",
    })
}

/// Whether `path` is a relative path that stays below the folder it is relative to: no root,
/// no drive, no `..`.
fn inside(path: &str) -> bool {
    use std::path::Component;
    !path.trim().is_empty()
        && std::path::Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}
