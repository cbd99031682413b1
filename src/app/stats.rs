//! `ownlint stats`: a large repository's ownership health at a glance — how many domains
//! each owner team holds, how many SLOs each domain answers for, and the findings per rule
//! (with the configuration's severities and the documents' suppressions, as `check` counts
//! them).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::app::cli::StatsArgs;
use crate::app::inputs::{Inputs, print_problems};
use crate::app::{ExitStatus, output};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::index::DomainId;
use crate::lint::enabled_rules;
use crate::model::{DomainOrigin, Text, names};
use crate::report::plural;
use crate::semantics;
use crate::util::sanitize::escape;

/// What `stats` reports.
#[derive(Debug, Default, Serialize)]
pub struct Stats {
    pub files: usize,
    pub domains: usize,
    /// Owner teams, most domains first; domains without an owner (or with a placeholder such
    /// as `TBD`) are under `null`.
    pub teams: Vec<TeamStats>,
    /// How many domains answer for how many SLOs: `slos` → `domains`.
    pub slos_per_domain: Vec<SloCount>,
    /// Domains without any SLO, by name.
    pub domains_without_slos: Vec<String>,
    /// Rules with findings, most findings first.
    pub rules: Vec<RuleStats>,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Serialize)]
pub struct TeamStats {
    /// The one real owner; `None` for the domains without one (no owner, a placeholder such
    /// as `TBD`, or several owners), as `check` reads them.
    pub team: Option<String>,
    pub domains: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct SloCount {
    pub slos: usize,
    pub domains: usize,
}

#[derive(Debug, Serialize)]
pub struct RuleStats {
    pub code: &'static str,
    pub name: &'static str,
    pub errors: usize,
    pub warnings: usize,
}

pub fn run(args: &StatsArgs) -> Result<ExitStatus, Error> {
    let inputs = Inputs::load(&args.input)?;
    print_problems(
        &inputs.skipped_links,
        &inputs.problems,
        &mut io::stderr().lock(),
    );
    let stats = collect(&inputs);
    output::print_data(args.format, &stats, write_human)?;
    Ok(ExitStatus::read_all(&inputs.problems))
}

/// The figures for the files of a run.
pub fn collect(inputs: &Inputs) -> Stats {
    let settings = &inputs.config.settings;
    let rules = enabled_rules(settings);
    let linted = inputs.lint(&rules);
    let mut stats = Stats {
        files: linted.skipped.iter().filter(|s| !**s).count(),
        ..Stats::default()
    };

    let mut rules: BTreeMap<&'static str, RuleStats> = BTreeMap::new();
    for d in &linted.diagnostics {
        let entry = rules.entry(d.rule.code).or_insert(RuleStats {
            code: d.rule.code,
            name: d.rule.name,
            errors: 0,
            warnings: 0,
        });
        match d.severity {
            Severity::Error => {
                entry.errors += 1;
                stats.errors += 1;
            }
            Severity::Warning => {
                entry.warnings += 1;
                stats.warnings += 1;
            }
        }
    }
    stats.rules = rules.into_values().collect();
    stats
        .rules
        .sort_by_key(|r| (std::cmp::Reverse(r.errors + r.warnings), r.code));

    // Teams are grouped by their folded name (a Backstage Group's slug is its team's name:
    // `names::same_team`), shown as first written.
    let mut teams: Vec<TeamStats> = Vec::new();
    let mut team_index: BTreeMap<Option<String>, usize> = BTreeMap::new();
    let mut slo_counts: BTreeMap<usize, usize> = BTreeMap::new();
    // A catalog entity that describes a domain of the documents is that domain, counted once.
    let ws = &linted.workspace;
    let described: rustc_hash::FxHashSet<DomainId> = ws
        .described_in_catalog()
        .into_iter()
        .map(|(_, e)| e)
        .collect();
    for document in ws.documents() {
        for (i, domain) in document.domains.iter().enumerate() {
            let id = DomainId {
                file: document.file,
                domain: i as u32,
            };
            if described.contains(&id) {
                continue;
            }
            stats.domains += 1;
            let name = domain.display_name().to_owned();
            // A domain counts for its one real owner; a placeholder (`TBD`) or two owners is
            // no single owner, as `check` reads it.
            let owner = semantics::owner(domain, settings);
            let owner = owner.as_ref().map(Text::as_str);
            let key = owner.map(team_key);
            let i = *team_index.entry(key).or_insert_with(|| {
                teams.push(TeamStats {
                    team: owner.map(str::to_owned),
                    domains: Vec::new(),
                });
                teams.len() - 1
            });
            teams[i].domains.push(name.clone());
            // A catalog entity carries no SLOs in Backstage's model: not counted as lacking.
            if domain.origin == DomainOrigin::Catalog {
                continue;
            }
            *slo_counts.entry(domain.slos.len()).or_default() += 1;
            if domain.slos.is_empty() {
                stats.domains_without_slos.push(name);
            }
        }
    }
    teams.sort_by(|a, b| {
        b.domains
            .len()
            .cmp(&a.domains.len())
            .then_with(|| a.team.cmp(&b.team))
    });
    stats.teams = teams;
    stats.slos_per_domain = slo_counts
        .into_iter()
        .map(|(slos, domains)| SloCount { slos, domains })
        .collect();
    stats
}

/// The key a team is grouped by: its folded name as a slug, the form a Backstage Group
/// names it by; the folded name itself when it has no ASCII letter or digit.
fn team_key(owner: &str) -> String {
    let key = names::key(owner);
    match crate::util::label::dns_label(&key) {
        slug if slug.is_empty() => key,
        slug => slug,
    }
}

/// How many names a human listing shows before `…`.
const NAMES_SHOWN: usize = 6;

fn write_human(out: &mut dyn Write, stats: &Stats) -> io::Result<()> {
    writeln!(
        out,
        "{} in {}, {}",
        plural(stats.domains, "domain"),
        plural(stats.files, "file"),
        plural(
            stats.teams.iter().filter(|t| t.team.is_some()).count(),
            "owner team"
        )
    )?;
    writeln!(out)?;
    writeln!(out, "Domains per owner team")?;
    let width = stats
        .teams
        .iter()
        .map(|t| {
            t.team
                .as_deref()
                .map_or(NO_OWNER.len(), |s| s.chars().count())
        })
        .max()
        .unwrap_or(0)
        .min(40);
    for team in &stats.teams {
        let name = team.team.as_deref().map_or(NO_OWNER.into(), escape);
        writeln!(
            out,
            "  {name:<width$}  {:>5}  {}",
            team.domains.len(),
            some_names(&team.domains)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "SLOs per domain")?;
    for count in &stats.slos_per_domain {
        let slos = if count.slos == 1 { "SLO " } else { "SLOs" };
        let domains = if count.domains == 1 {
            "domain"
        } else {
            "domains"
        };
        writeln!(
            out,
            "  {:>3} {slos}  {:>5} {domains}",
            count.slos, count.domains
        )?;
    }
    if !stats.domains_without_slos.is_empty() {
        writeln!(
            out,
            "  without SLOs: {}",
            some_names(&stats.domains_without_slos)
        )?;
    }
    writeln!(out)?;
    if stats.rules.is_empty() {
        writeln!(out, "Findings per rule: none")?;
    } else {
        writeln!(
            out,
            "{:<46}{:>8}{:>10}",
            "Findings per rule", "errors", "warnings"
        )?;
    }
    for rule in &stats.rules {
        writeln!(
            out,
            "  {} {:<37}{:>8}{:>10}",
            rule.code, rule.name, rule.errors, rule.warnings
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}, {}",
        plural(stats.errors, "error"),
        plural(stats.warnings, "warning")
    )
}

/// The first few names, escaped, and how many more there are.
fn some_names(names: &[String]) -> String {
    let mut shown: Vec<String> = names
        .iter()
        .take(NAMES_SHOWN)
        .map(|d| escape(d).into_owned())
        .collect();
    if names.len() > NAMES_SHOWN {
        shown.push(format!("… {} more", names.len() - NAMES_SHOWN));
    }
    shown.join(", ")
}

/// How the human report names the domains without one real owner.
const NO_OWNER: &str = "(no single owner)";
