//! The command line, declared with clap's derive API. No logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Lint ownership documents kept as code: one owner per domain, escalation contacts, SLOs,
/// incident authority and shared-ownership agreements.
#[derive(Debug, Parser)]
// The version with the commit it was built from, when built from git: build.rs.
#[command(name = "ownlint", version = env!("OWNLINT_VERSION"), propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check ownership documents and report every problem with its place in the source.
    Check(CheckArgs),
    /// List every rule: code, name, default severity and what it reports.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Explain(ExplainArgs),
    /// Who owns this, and who do I escalate to? Look up a domain, responsibility, SLO, team
    /// or escalation contact.
    Who(WhoArgs),
    /// Export the checked model: JSON, YAML (the format ownlint reads), OpenSLO or CODEOWNERS.
    ///
    /// The documents are checked by the same pipeline as `ownlint check`, with the rules and
    /// severities of the configuration (`--select` and `--ignore` are `check`'s alone, so
    /// that a command line cannot turn a check off to let an export through).
    Export(ExportArgs),
    /// Print the JSON Schema of the YAML format, for editors.
    Schema,
    /// Write a commented `.ownlint.yaml` and, when there is none, a starter `ownership/`.
    Init(InitArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Ownership health at a glance: domains per team, SLOs per domain, findings per rule.
    ///
    /// The findings are counted as `ownlint check` counts them with the rules and severities
    /// of the configuration (`--select` and `--ignore` are `check`'s alone). A domain counts
    /// for its one real owner; one with a placeholder owner (`TBD`) or several owners counts
    /// as "(no single owner)".
    Stats(StatsArgs),
    /// Run the language server on stdin and stdout, for editors: every finding as you type,
    /// the `who` card on hover, go to definition, the outline and quick fixes.
    ///
    /// The server lints the workspace folders the editor opens as `ownlint check` run in each
    /// would, with the configuration found there (`.ownlint.yaml`, reloaded when it changes).
    /// docs/editors.md shows how to set up VS Code, Neovim, Helix and Zed.
    Server,
}

#[derive(Debug, Args)]
pub struct WhoArgs {
    /// A domain, responsibility, SLO, owner team or escalation contact; matched ignoring
    /// case, and fuzzily.
    pub query: String,

    #[command(flatten)]
    pub input: InputArgs,

    /// How to print the answer.
    #[arg(long, value_enum, default_value_t = DataFormat::Human)]
    pub format: DataFormat,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// What to export.
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,

    /// Export even when the model has error-severity findings.
    #[arg(long)]
    pub allow_errors: bool,

    /// Write the export to this file (replaced whole, never half-written) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub output_file: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The whole model as JSON.
    Json,
    /// The whole model as YAML, in the format ownlint reads.
    Yaml,
    /// One OpenSLO v1 `SLO` document per SLO.
    Openslo,
    /// A CODEOWNERS file: each domain's paths, owned by its owner's handles (`teams` in
    /// `.ownlint.yaml`).
    Codeowners,
    /// A Backstage catalog: a Group per owner team, a System per domain.
    Backstage,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to set up.
    #[arg(default_value = ".")]
    pub folder: PathBuf,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// How to print the figures.
    #[arg(long, value_enum, default_value_t = DataFormat::Human)]
    pub format: DataFormat,
}

/// Output for commands that print data rather than findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    /// For people.
    Human,
    /// For scripts and chat bots.
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One rule per line.
    Human,
    /// A JSON array.
    Json,
    /// The rule reference (`docs/rules.md`).
    Markdown,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule, by name (`orphaned-domain`) or code (`OWN101`).
    #[arg(value_parser = RuleParser, hide_possible_values = true)]
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// When to use colour in human output. `NO_COLOR` turns `auto` off.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Exit with 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Write the report to this file (atomically, making missing folders) instead of stdout;
    /// stdout then gets the summary, and inside GitHub Actions an annotation per finding as
    /// well.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    /// Record the current findings in this file, to adopt ownlint on a repository that
    /// already has findings, and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,

    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Compare with the ownership files at this git revision (`origin/main`): an owner
    /// changed without a transfer record, or a domain removed, is a finding.
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,

    /// Run only these rules: names, codes or code prefixes (`OWN3`), comma-separated.
    #[arg(long, value_name = "RULES", value_delimiter = ',', value_parser = RuleParser, hide_possible_values = true)]
    pub select: Vec<String>,

    /// Do not run these rules: names, codes or code prefixes, comma-separated.
    #[arg(long, value_name = "RULES", value_delimiter = ',', value_parser = RuleParser, hide_possible_values = true)]
    pub ignore: Vec<String>,

    /// List the files read and the files skipped on stderr.
    #[arg(short, long)]
    pub verbose: bool,

    /// Apply the fixes that keep what the documents say (a CODEOWNERS rule made to follow
    /// them, a blank line, an unused suppression removed), then report what is left.
    /// Suggestions that guess, such as the closest name, are left to a person.
    #[arg(long, conflicts_with_all = ["write_baseline", "base"])]
    pub fix: bool,
}

/// Which files to read, for every command that reads ownership documents.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders to read; `-` reads one document from stdin (see --stdin-filename).
    /// Default: the `ownership/` folder beside the configuration file or in the current
    /// folder, else the current folder.
    pub paths: Vec<PathBuf>,

    /// Use this configuration file instead of looking for `.ownlint.yaml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Refuse files larger than this (bytes, or with K, M or G: `64M`); such a file is
    /// reported as unreadable (exit 2).
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = crate::source::read::parse_size)]
    pub max_file_size: u64,

    /// Follow symbolic links met while walking folders. Without it they are skipped (and
    /// listed on stderr), so a link cannot pull files from outside the folders given.
    #[arg(long)]
    pub follow_links: bool,

    /// Name the document read from stdin (`-`): reports show the name, its extension sets the
    /// format, and the document stands in for the file at that path.
    ///
    /// For editors checking an unsaved buffer. `.yaml` and `.yml` make the document YAML, any
    /// other name Markdown, as does no name (reports then show `<stdin>`). The configuration,
    /// found from the current folder as for every run, applies its include and exclude globs
    /// to the name as to a file met in a folder: an excluded document is said on stderr and
    /// not linted. The file at that path is not read, the document takes its place: so
    /// `--stdin-filename ownership/payments.md - ownership/` checks the buffer against the
    /// rest of the folder.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
}

/// The output formats are the reports' own: one list, in `report`.
pub use crate::report::Format as OutputFormat;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Decide once whether to colour a stream.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// A rule, as typed on the command line: taken as it is, for the command to look up (ignoring
/// case, with code prefixes, and with its own "did you mean"), and offered to shell
/// completion as every rule's name and code.
#[derive(Clone, Copy, Debug)]
pub struct RuleParser;

impl clap::builder::TypedValueParser for RuleParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        use clap::builder::PossibleValue;
        Some(Box::new(crate::rules::ALL.iter().flat_map(|rule| {
            let m = rule.meta();
            [
                PossibleValue::new(m.name).help(m.code),
                PossibleValue::new(m.code).help(m.name),
            ]
        })))
    }
}

/// Write the completion script for `shell` to stdout.
pub fn print_completions(shell: clap_complete::Shell) {
    use clap::CommandFactory;
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "ownlint", &mut std::io::stdout());
}
