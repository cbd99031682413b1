//! `.ownlint.yaml`: read with the same YAML reader as ownership files, then validated into a
//! [`Config`]. Every problem points at its place in the file, and a file with several
//! problems has them all reported at once (`validate`).
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
//! catalog:
//!   owners: groups                   # Backstage owners are Groups, never Users
//! export:
//!   openslo:                         # where calendar windows start (both or neither)
//!     calendar-start: "2024-01-01 00:00:00"
//!     time-zone: Europe/Berlin
//! ```

pub mod calendar;
mod validate;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::GlobSet;

use crate::diagnostic::{RuleMeta, Severity};
use crate::error::Error;
use crate::parse::labels::LabelTable;
use crate::source::walk::{self, Selection};
use crate::source::{FileId, Flavor, Format, Origin, SourceFile};
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
    "codeowners",
    "catalog",
];

/// The settings of `codeowners`.
const CODEOWNERS_KEYS: &[&str] = &["check", "flavor", "file"];

/// The settings under `catalog`.
const CATALOG_KEYS: &[&str] = &["owners"];

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
    /// Each registered team's handles in CODEOWNERS (`@org/team`, `@user`, an email), in the
    /// order of `teams`; empty for a team registered by its name alone.
    pub team_handles: Vec<Vec<String>>,
    /// Each registered team's index in `teams`, by [`crate::model::names::key_hash`] of its
    /// name: the first of a name written twice.
    pub team_index: HashMap<u64, usize>,
    /// Severity overrides by rule code; `None` turns a rule off.
    pub severities: HashMap<&'static str, Option<Severity>>,
    /// Where the OpenSLO export's calendar windows start, when the configuration says
    /// (`export.openslo`); the documents never do.
    pub calendar_start: Option<CalendarStart>,
    pub codeowners: CodeownersSettings,
    pub catalog: CatalogSettings,
}

/// `catalog` in the configuration: how Backstage catalog entities are held.
#[derive(Debug, Default)]
pub struct CatalogSettings {
    /// `owners: groups`: an entity's owner is a Group, never a User.
    pub groups_only: bool,
}

/// `codeowners` in the configuration.
#[derive(Debug, Default)]
pub struct CodeownersSettings {
    /// Check the CODEOWNERS file against the documents: `Some(true)` even when there is none
    /// (then each domain path is said to have no rule), `Some(false)` never; `None` when
    /// the repository has one.
    pub check: Option<bool>,
    /// Which host reads the file; `None`: as its place says ([`Flavor::of_path`]).
    pub flavor: Option<Flavor>,
    /// Where the file is, from the configuration's folder; `None`: where the host looks.
    pub file: Option<PathBuf>,
}

impl Settings {
    /// The handles the team registry gives the team named `owner` (compared as names are),
    /// or `None` when it is not registered or has none.
    pub fn handles(&self, owner: &str) -> Option<&[String]> {
        self.handles_by_key(crate::model::names::key_hash(owner))
    }

    /// Whether the team registry has a team named `name` (compared as names are: case and
    /// white space aside); false without a registry.
    pub fn is_registered(&self, name: &str) -> bool {
        let Some(teams) = &self.teams else {
            return false;
        };
        let key = crate::model::names::key(name);
        self.team_index
            .get(&crate::model::names::key_hash(name))
            .is_some_and(|&i| crate::model::names::key(&teams[i]) == key)
    }

    /// [`Settings::handles`] of the team whose name has key hash `key`.
    pub fn handles_by_key(&self, key: u64) -> Option<&[String]> {
        let handles = self.team_handles.get(*self.team_index.get(&key)?)?;
        (!handles.is_empty()).then_some(handles.as_slice())
    }

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
    /// Where each team of the registry (`teams`) is written in the configuration file, in
    /// the order of `settings.teams`: for an editor's go to definition.
    pub team_entries: Vec<crate::source::Span>,
    /// The configuration file's text as read, which those places are in.
    pub text: String,
}

impl Config {
    /// The repository's CODEOWNERS file, to read with the documents when its rules are checked
    /// against them: where the configuration says (`codeowners.file`), else where the host
    /// looks from the configuration's folder; none when `codeowners.check` is `false`.
    pub fn codeowners_file(&self, cwd: &Path, follow_links: bool) -> Option<walk::Found> {
        let settings = &self.settings.codeowners;
        if settings.check == Some(false) {
            return None;
        }
        walk::codeowners_file(
            &self.root,
            cwd,
            settings.flavor,
            settings.file.as_deref(),
            follow_links,
        )
    }

    /// The host whose CODEOWNERS semantics the domains' paths follow: the configured one
    /// (`codeowners.flavor`), else the one whose place the repository's CODEOWNERS file is in
    /// (`.gitlab/CODEOWNERS` is GitLab's), else GitHub. Even with `codeowners.check: false`:
    /// the paths mean what the host the repository is on makes of them.
    pub fn codeowners_flavor(&self, cwd: &Path) -> Flavor {
        let settings = &self.settings.codeowners;
        if let Some(flavor) = settings.flavor {
            return flavor;
        }
        let file = walk::codeowners_file(&self.root, cwd, None, settings.file.as_deref(), true);
        match file {
            Some(walk::Found::File(candidate)) => candidate.format.codeowners_flavor(),
            _ => None,
        }
        .unwrap_or_default()
    }

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
        // From `cwd`, whatever the path given: a relative `--config sub/.ownlint.yaml` has its
        // `ownership/` folder and its globs in `cwd/sub`.
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| cwd.to_path_buf(), |p| cwd.join(p));
        let mut config = Config {
            path: Some(path),
            root,
            ..Config::default()
        };
        validate::read(&file, catalog, &mut config).map_err(Error::Config)?;
        config.text = file.text;
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
    #[test]
    fn catalog_owners_are_groups_or_any() {
        let groups_only = |text: &str| load(text).unwrap().settings.catalog.groups_only;
        assert!(!groups_only(""));
        assert!(groups_only("catalog:\n  owners: groups\n"));
        assert!(!groups_only("catalog:\n  owners: any\n"));
        assert!(load("catalog:\n  owners: teams\n").is_err());
        assert!(load("catalog:\n  owner: groups\n").is_err());
    }

    #[test]
    fn teams_are_names_or_names_with_their_codeowners_handles() {
        let config = load("teams: [Payments, Search]\n").unwrap();
        assert_eq!(
            config.settings.teams,
            Some(vec!["Payments".into(), "Search".into()])
        );
        assert_eq!(config.settings.team_handles, vec![Vec::<String>::new(); 2]);

        let text = "teams:\n  Payments: \"@acme/payments\"\n  Search: [\"@acme/search\", a@b.io]\n";
        let config = load(text).unwrap();
        assert_eq!(
            config.settings.teams,
            Some(vec!["Payments".into(), "Search".into()])
        );
        assert_eq!(
            config.settings.team_handles,
            vec![
                vec!["@acme/payments".to_owned()],
                vec!["@acme/search".into(), "a@b.io".into()]
            ]
        );
        let names: Vec<&str> = config
            .team_entries
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(names, ["Payments", "Search"]);

        for (bad, why) in [
            ("payments", "starts with `@`"),
            ("@acme/pay ments", "letters, digits"),
            ("@", "letters, digits"),
            ("a@b", "not an email"),
            ("@acme//x", "letters, digits"),
        ] {
            match load(&format!("teams:\n  Payments: \"{bad}\"\n")) {
                Err(Error::Config(e)) => {
                    assert!(
                        e.problems[0].message.contains(why),
                        "{bad}: {}",
                        e.problems[0].message
                    )
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        for good in [
            "@user",
            "@org/team-name",
            "@group/sub/team",
            "@@maintainer",
            "a.b@c.io",
        ] {
            assert!(
                load(&format!("teams:\n  T: \"{good}\"\n")).is_ok(),
                "{good}"
            );
        }
    }
}
