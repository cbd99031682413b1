//! Writing a file whole or not at all, into a folder made when missing.

use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Write a file with `write` through a temporary file in the same folder, renamed into place:
/// a reader never sees half a report, and a failed run leaves no file behind. Missing folders
/// on the way are made first, as ruff does, so that `--output-file out/report.sarif` works in
/// a fresh checkout.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    create_folder(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".ownlint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    temp.as_file().sync_all()?;
    // A report is for everyone who can read the folder, not private like a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Make `dir` and its missing parents. A file standing where a folder must be is named, since
/// the system's own words for it ("file exists", "not a directory") do not say which.
fn create_folder(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        let in_the_way = dir
            .ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .find(|a| std::fs::metadata(a).is_ok_and(|m| !m.is_dir()));
        let why = match in_the_way {
            Some(file) => format!("{} is a file, not a folder", file.display()),
            None => e.to_string(),
        };
        io::Error::new(
            e.kind(),
            format!("cannot create the folder {}: {why}", dir.display()),
        )
    })
}
