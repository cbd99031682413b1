//! Writing reports: to a file atomically (a temporary file in the same folder, renamed into
//! place, so a reader never sees half a report and a full disk leaves nothing behind), and
//! the token that fences human output from the GitHub Actions runner.

use std::hash::{BuildHasher, Hasher};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::error::Error;

/// Print data for `who`, `stats` and the like: pretty JSON, or the human form, to stdout.
pub fn print_data<T: serde::Serialize>(
    format: crate::cli::DataFormat,
    data: &T,
    human: impl FnOnce(&mut dyn Write, &T) -> io::Result<()>,
) -> Result<(), Error> {
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        crate::cli::DataFormat::Json => serde_json::to_writer_pretty(&mut out, data)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        // Inside GitHub Actions, document text must not become workflow commands.
        crate::cli::DataFormat::Human => {
            fenced(&mut out, in_github_actions(), |out| human(out, data))
        }
    }
    .and_then(|()| out.flush())
    .map_err(Error::Write)
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

pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let fail = |source: io::Error| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".ownlint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        write(&mut out).map_err(fail)?;
        out.flush().map_err(fail)?;
    }
    temp.as_file().sync_all().map_err(fail)?;
    // A report is for everyone who can read the folder, not private like a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(fail)?;
    }
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
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
