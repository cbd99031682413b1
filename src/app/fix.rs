//! `check --fix`: the safe fixes of a run's findings written to the files they are in. `check`
//! then lints again, until a run leaves nothing to fix (a fix can reveal a finding another
//! fixes: a CODEOWNERS rule written after the rule that overrode it leaves the first one
//! shadowed), and reports that last run.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use crate::app::cli::InputArgs;
use crate::app::message::{Level, Message};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::lint::fixes;
use crate::source::SourceFile;
use crate::source::stdin::is_stdin;
use crate::util::fs::write_atomically;

/// Runs that write fixes before the next is reported as it is, for files that keep changing.
const MAX_PASSES: usize = 8;

/// What `--fix` changed so far.
#[derive(Debug, Default)]
pub struct Fixed {
    pub edits: usize,
    pub passes: usize,
    /// The files written, as reports show them.
    pub files: BTreeSet<String>,
}

/// `--fix` cannot write a document read from stdin.
pub fn refuse_stdin(input: &InputArgs) -> Result<(), Error> {
    match input.paths.iter().any(|p| is_stdin(p)) {
        true => Err(Error::usage(
            "--fix cannot write a document read from stdin: name its file instead",
        )),
        false => Ok(()),
    }
}

/// Write the safe fixes of `diagnostics` into `files` (the run's current files); whether any
/// was written, so that the files are to be linted again. Nothing is written once
/// [`MAX_PASSES`] runs have.
pub fn apply(
    files: &[SourceFile],
    diagnostics: &[Diagnostic],
    fixed: &mut Fixed,
) -> Result<bool, Error> {
    if fixed.passes == MAX_PASSES {
        return Ok(false);
    }
    let mut edits = 0;
    for (id, found) in fixes::safe_fixes(diagnostics) {
        // Only the run's current files are written (not a base revision's).
        let Some(file) = files.get(id.index()) else {
            continue;
        };
        // A file read with a byte that is not UTF-8 is held as repaired text: writing it
        // back would change more than the fix.
        if file.invalid_utf8_at.is_some() {
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
    fixed.passes += 1;
    fixed.edits += edits;
    Ok(edits > 0)
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
