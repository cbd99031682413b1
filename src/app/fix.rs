//! `check --fix`: lint, apply the safe fixes of the findings to the files they are in, and
//! lint again until no fix is left (a fix can reveal a finding another fixes: a CODEOWNERS
//! rule written after the rule that overrode it leaves the first one shadowed). The report
//! that follows is of the files as fixed.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use crate::app::cli::CheckArgs;
use crate::app::inputs::Inputs;
use crate::app::message::{Level, Message};
use crate::error::Error;
use crate::lint::{self, Run, baseline, fixes, selected_rules};
use crate::source::stdin::is_stdin;
use crate::util::fs::write_atomically;

/// Runs of lint and fix before giving up on a file that keeps changing.
const MAX_PASSES: usize = 8;

/// What `--fix` changed.
#[derive(Debug, Default)]
pub struct Fixed {
    pub edits: usize,
    /// The files written, as reports show them.
    pub files: BTreeSet<String>,
}

pub fn fix(args: &CheckArgs) -> Result<Fixed, Error> {
    if args.input.paths.iter().any(|p| is_stdin(p)) {
        return Err(Error::usage(
            "--fix cannot write a document read from stdin: name its file instead",
        ));
    }
    let mut fixed = Fixed::default();
    for _ in 0..MAX_PASSES {
        let inputs = Inputs::load_with_codeowners(&args.input)?;
        let rules = selected_rules(&inputs.config.settings, &args.select, &args.ignore)?;
        let baseline = match &args.baseline {
            Some(path) => Some(baseline::load(path)?),
            None => None,
        };
        let run = Run {
            settings: &inputs.config.settings,
            rules: &rules,
            base: None,
            baseline: baseline.as_deref(),
            keep_documents: false,
        };
        let linted = lint::run(&inputs.files, &run);
        let mut edits = 0;
        for file in &inputs.files {
            // A file read with a byte that is not UTF-8 is held as repaired text: writing it
            // back would change more than the fix.
            if file.invalid_utf8_at.is_some() {
                continue;
            }
            let found = fixes::safe_fixes(&linted.diagnostics, file.id);
            if found.is_empty() {
                continue;
            }
            let (text, applied) = fixes::apply(&file.text, &found);
            if applied == 0 {
                continue;
            }
            // Through a symbolic link, the file it points at: the link stays.
            let target = std::fs::canonicalize(&file.fs_path).unwrap_or(file.fs_path.clone());
            write(&target, &text)?;
            edits += applied;
            fixed.files.insert(file.path.clone());
        }
        if edits == 0 {
            break;
        }
        fixed.edits += edits;
    }
    Ok(fixed)
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    write_atomically(path, |w| w.write_all(text.as_bytes())).map_err(Error::output(path))
}

/// `fixed 3 findings in .github/CODEOWNERS`, on stderr.
pub fn say(fixed: &Fixed, out: &mut dyn Write) {
    if fixed.edits == 0 {
        return;
    }
    let findings = match fixed.edits {
        1 => "1 finding".to_owned(),
        n => format!("{n} findings"),
    };
    let files: Vec<&str> = fixed.files.iter().map(String::as_str).collect();
    let text = format!("fixed {findings} in {}", files.join(", "));
    Message::new(Level::Note, text).print(out);
}
