//! `ownlint init`: a commented `.ownlint.yaml` and, when the folder has no `ownership/`, a
//! starter document that passes `ownlint check` as it stands. Nothing is ever overwritten:
//! files are opened with `create_new`, so even a file that appears between the look and the
//! write is left alone.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::app::ExitStatus;
use crate::app::cli::InitArgs;
use crate::config;
use crate::error::Error;
use crate::util::sanitize::escape;

/// The configuration `init` writes. Prose comments start with `# `; settings are commented
/// out with a bare `#`, so removing that one character turns a setting on (a unit test below
/// does exactly that and loads the result).
const CONFIG_TEMPLATE: &str = r##"# ownlint configuration. Every setting is shown below, commented out: ownlint works
# without any of them. Remove the leading "#" of a setting's lines to turn it on.
# An unknown key, rule, field or severity is an error that points at its place here.
# `ownlint rules` lists the rules; `ownlint explain RULE` explains one.

# Which files to check: globs relative to this file. A matching file counts as named on
# the command line, so one without ownership content is a finding. Default: the
# `ownership/` folder beside this file, else this folder.
#include: ["ownership/**"]

# Files never to check: globs relative to this file.
#exclude: ["**/templates/**"]

# A severity per rule, by name or code: error, warning or off (an `off` rule does not run).
# Default: each rule's own severity, as `ownlint rules` shows it.
#rules:
#  placeholder-escalation-contact: error
#  OWN306: off

# More spellings for a field's label, in Markdown and in YAML. Fields: name, owner, backup,
# escalation_contact, slos, incident_authority, responsibilities, ownership_transfer, and
# ignored (labels to read past without a finding).
#labels:
#  owner: [Verantwortlich]
#  escalation_contact: [Eskalation]

# More values that mean "nobody yet", as regular expressions (linear time). `[Role]`, `TBD`
# and the like are placeholders already.
#placeholders: ["^TEAM-[0-9]+$"]

# The team registry: when set, an owner that is not one of these teams is an error
# (unknown-owner). Give each team its CODEOWNERS handles (`@org/team`, `@user` or an email)
# to write and check CODEOWNERS from the documents; `[Checkout Team, Payments Team]` lists
# names alone. Default: any owner is accepted.
#teams:
#  Checkout Team: "@acme/checkout"
#  Payments Team: ["@acme/payments", payments@acme.example]

# The repository's CODEOWNERS file is checked against the documents (the codeowners-*
# rules) when it exists. `check: true` checks even without one (each domain path is then
# said to have no rule), `false` never. `flavor`: whose rules it follows, `github` or
# `gitlab` (default: GitLab's for .gitlab/CODEOWNERS, else GitHub's). `file`: where it is,
# from this folder (default: where GitHub and GitLab look).
#codeowners:
#  check: true
#  flavor: gitlab
#  file: .gitlab/CODEOWNERS

# Backstage catalog entities (YAML with `apiVersion: backstage.io/v1alpha1`) are read too.
# `owners: groups`: an entity's owner is a Group, never a User (catalog-user-owner).
# Default: `any`, as Backstage allows.
#catalog:
#  owners: groups

# Where calendar windows start in `ownlint export --format openslo` (an SLO measured
# `monthly` or `per quarter`): a date and 24-hour time, and an IANA time zone written as
# Area/Location; both or neither. The documents never say. Default: the export assumes
# 2024-01-01 00:00:00 Etc/UTC, marks each document it gave that start, and says so.
#export:
#  openslo:
#    calendar-start: "2024-01-01 00:00:00"
#    time-zone: Europe/Berlin
"##;

/// The starter document: the canonical Markdown format with two example domains, because a
/// shared-ownership declaration must name two domains the file defines.
const STARTER_DOCUMENT: &str = "# Ownership

Who owns each domain of this system, who to escalate to, which SLOs the owner answers for,
and what the owner may do during an incident. Replace the examples with your own domains;
`ownlint check` checks this folder and `ownlint explain RULE` explains a finding.

## Domain Ownership

### Checkout Domain

**Owner:** Checkout Team
**Escalation Contact:** Alex Morgan (@amorgan)
**SLO Responsibility:**
- Checkout page load: P95 ≤ 300ms
- Checkout API availability: ≥ 99.9%

**Incident Authority:**
- Can disable checkout promotions during incidents
- Can roll back checkout service changes

**Responsibilities:**
- Cart and checkout flow
- Order confirmation

---

### Payments Domain

**Owner:** Payments Team
**Escalation Contact:** Sam Rivera (@srivera)
**SLO Responsibility:**
- Payment processing: P95 ≤ 500ms
- Payments API availability: ≥ 99.95%

**Incident Authority:**
- Can disable payment processing during incidents
- Can switch to the backup payment provider

**Responsibilities:**
- Payment processing
- Refunds

---

## Escalation Ladder

### Level 1: Domain Owner
- First point of contact
- Handles routine issues

### Level 2: Engineering Manager
- Escalation for cross-domain issues

### Level 3: CTO / VP Engineering
- Escalation for business-critical issues

---

## Shared Ownership (Exception)

Shared ownership is allowed only with an explicit SLA, a boundary for each party, an
escalation path and a sync cadence.

- **Checkout + Payments**: Shared ownership for order payment
  - Checkout team: Order confirmation
  - Payments team: Payment processing
  - Shared SLA: Order payment P95 ≤ 800ms
  - Escalation path: Payments on-call, then the Engineering Manager
  - Sync: weekly
";

const CONFIG_FILE: &str = ".ownlint.yaml";
const OWNERSHIP_FOLDER: &str = "ownership";
const STARTER_FILE: &str = "OWNERSHIP.md";

pub fn run(args: &InitArgs) -> Result<ExitStatus, Error> {
    let folder = args.folder.as_path();
    fs::create_dir_all(folder).map_err(|source| write_error(folder, source))?;
    // The lines on stdout only report what was done: a closed stdout must not stop the
    // files from being written, so write errors there are ignored.
    let mut stdout = io::stdout().lock();
    let mut stderr = io::stderr().lock();
    let mut created = 0;

    match config::FILE_NAMES
        .iter()
        .find(|name| exists(&folder.join(name)))
    {
        Some(name) => {
            let _ = writeln!(
                stderr,
                "ownlint: {} already exists, left as it is",
                shown(folder, Path::new(name))
            );
        }
        None => {
            let shown_path = shown(folder, Path::new(CONFIG_FILE));
            if create(&folder.join(CONFIG_FILE), CONFIG_TEMPLATE)? {
                let _ = writeln!(stdout, "created {shown_path}");
                created += 1;
            } else {
                let _ = writeln!(
                    stderr,
                    "ownlint: {shown_path} already exists, left as it is"
                );
            }
        }
    }

    let ownership = folder.join(OWNERSHIP_FOLDER);
    let folder_is_new = match fs::create_dir(&ownership) {
        Ok(()) => true,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => false,
        Err(source) => return Err(write_error(&ownership, source)),
    };
    if folder_is_new {
        let starter = ownership.join(STARTER_FILE);
        let shown_path = shown(folder, &Path::new(OWNERSHIP_FOLDER).join(STARTER_FILE));
        match create(&starter, STARTER_DOCUMENT) {
            Ok(true) => {
                let _ = writeln!(stdout, "created {shown_path}");
                created += 1;
            }
            // The folder was made a moment ago, so only a concurrent writer can have put a
            // file there; theirs is kept.
            Ok(false) => {
                let _ = writeln!(
                    stderr,
                    "ownlint: {shown_path} already exists, left as it is"
                );
            }
            Err(e) => {
                // An empty folder left behind would make the next `init` skip the starter.
                let _ = fs::remove_dir(&ownership);
                return Err(e);
            }
        }
    } else {
        let _ = writeln!(
            stderr,
            "ownlint: {}/ already exists, no starter document written",
            shown(folder, Path::new(OWNERSHIP_FOLDER))
        );
    }

    if created == 0 {
        let _ = writeln!(stderr, "ownlint: nothing to do");
    }
    let _ = stdout.flush();
    Ok(ExitStatus::Success)
}

/// Whether anything is at `path`, a broken symbolic link included: `init` leaves it be.
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Write a new file; `Ok(false)` when one already exists at `path`.
fn create(path: &Path, text: &str) -> Result<bool, Error> {
    let mut file = match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
        Err(source) => return Err(write_error(path, source)),
    };
    if let Err(source) = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
    {
        // The file is ours (create_new made it): remove the half-written copy so the next
        // run writes it whole instead of leaving it alone.
        drop(file);
        let _ = fs::remove_file(path);
        return Err(write_error(path, source));
    }
    Ok(true)
}

/// A path as printed: relative to the folder given, escaped for the terminal.
fn shown(folder: &Path, name: &Path) -> String {
    let path = if folder == Path::new(".") {
        name.to_path_buf()
    } else {
        folder.join(name)
    };
    escape(&path.display().to_string()).into_owned()
}

/// The error for a file or folder that could not be written. The path is escaped here
/// because the error prints it as it is.
fn write_error(path: &Path, source: io::Error) -> Error {
    Error::Output {
        path: PathBuf::from(escape(&path.display().to_string()).into_owned()),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The configuration with every commented-out setting turned on.
    fn uncommented(template: &str) -> String {
        template
            .lines()
            .map(|line| match line.strip_prefix('#') {
                Some(rest) if !rest.is_empty() && !rest.starts_with(' ') => rest,
                Some(rest) if rest.starts_with("  ") => rest,
                _ => line,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn load(text: &str) -> Result<config::Config, Error> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        fs::write(&path, text).unwrap();
        config::Config::load(Some(&path), dir.path(), &crate::rules::catalog())
    }

    #[test]
    fn the_template_is_a_valid_configuration_as_written() {
        let config = load(CONFIG_TEMPLATE).unwrap();
        assert!(config.include.is_none());
        assert!(config.settings.teams.is_none());
    }

    #[test]
    fn every_setting_in_the_template_is_valid_when_turned_on() {
        let text = uncommented(CONFIG_TEMPLATE);
        let config = load(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        assert!(config.include.is_some());
        assert!(config.exclude.is_some());
        assert!(config.settings.teams.is_some());
        assert!(!config.settings.placeholders.is_empty());
        assert!(!config.settings.severities.is_empty());
        assert!(config.settings.calendar_start.is_some());
        assert_eq!(config.settings.codeowners.check, Some(true));
        assert!(config.settings.catalog.groups_only);
        assert!(config.settings.handles("Payments Team").is_some());
    }

    #[test]
    fn the_template_shows_every_setting() {
        let text = uncommented(CONFIG_TEMPLATE);
        for key in crate::config::KEYS {
            assert!(
                text.lines().any(|l| l.starts_with(&format!("{key}:"))),
                "`{key}` is missing from the template"
            );
        }
    }
}
