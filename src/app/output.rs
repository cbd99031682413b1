//! Writing reports: to a file atomically (a temporary file in the same folder, renamed into
//! place, so a reader never sees half a report and a full disk leaves nothing behind), and
//! the token that fences human output from the GitHub Actions runner.

use std::hash::{BuildHasher, Hasher};
use std::io::{self, BufWriter, Write};

use crate::error::Error;

/// Print data for `who`, `stats` and the like: pretty JSON, or the human form, to stdout.
pub fn print_data<T: serde::Serialize>(
    format: crate::app::cli::DataFormat,
    data: &T,
    human: impl FnOnce(&mut dyn Write, &T) -> io::Result<()>,
) -> Result<(), Error> {
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        crate::app::cli::DataFormat::Json => serde_json::to_writer_pretty(&mut out, data)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        // Inside GitHub Actions, document text must not become workflow commands.
        crate::app::cli::DataFormat::Human => {
            fenced(&mut out, in_github_actions(), |out| human(out, data))
        }
    }
    .and_then(|()| out.flush())
    .map_err(Error::Write)
}

/// Whether ownlint runs inside GitHub Actions, whose runner reads workflow commands from
/// the job's output.
pub fn in_github_actions() -> bool {
    std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true")
}

/// A random token for `::stop-commands::`, so that text quoted from a document cannot end the
/// fence and issue commands.
pub fn stop_commands_token() -> String {
    let random = std::collections::hash_map::RandomState::new();
    let mut token = String::new();
    for round in 0..2u64 {
        let mut h = random.build_hasher();
        h.write_u64(round);
        h.write_u32(std::process::id());
        if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            h.write_u128(now.as_nanos());
        }
        token.push_str(&format!("{:016x}", h.finish()));
    }
    token
}

/// Write with `write`, between `::stop-commands::<token>` and `::<token>::` when `fence`:
/// inside GitHub Actions, output that quotes documents cannot issue workflow commands.
pub fn fenced(
    out: &mut dyn Write,
    fence: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if !fence {
        return write(out);
    }
    let token = stop_commands_token();
    writeln!(out, "::stop-commands::{token}")?;
    write(out)?;
    writeln!(out, "::{token}::")
}
