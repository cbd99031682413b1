//! Reading the files a run found. The file system is not trusted: a file can vanish or be
//! replaced between the walk and the read, a FIFO or a device can carry an ownership file's
//! name, and a file can be far larger than any ownership document. Each of these becomes an
//! [`IoProblem`] for that file while the rest of the run goes on; nothing blocks.

use std::fs::File;
use std::io::{self, Read};

use crate::error::IoProblem;
use crate::source::walk::{Candidate, NOT_REGULAR, io_message};
use crate::source::{FileId, SourceFile};
use crate::util::parallel;

/// The default of `--max-file-size`: far above any real ownership document (the largest
/// generated corpus file is under 100 kB), far below what would make a run slow.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Read the candidates in parallel, in order; a file that cannot be read is a problem.
pub fn read_all(candidates: Vec<Candidate>, max_size: u64) -> (Vec<SourceFile>, Vec<IoProblem>) {
    // Each file is read and decoded (its UTF-8 checked) on the thread that reads it; ids
    // are given after, in order, to the files read.
    let read = parallel::map_owned(candidates, |c| match read_limited(&c, max_size) {
        Ok(bytes) => Ok(SourceFile::new(
            FileId(0),
            c.display,
            c.fs_path,
            c.format,
            c.origin,
            bytes,
        )),
        Err(message) => Err(IoProblem {
            path: c.display.clone(),
            message,
        }),
    });
    let mut files = Vec::with_capacity(read.len());
    let mut problems = Vec::new();
    for r in read {
        match r {
            Ok(mut file) => {
                file.id = FileId(files.len() as u32);
                files.push(file);
            }
            Err(p) => problems.push(p),
        }
    }
    (files, problems)
}

/// The bytes of one regular file of at most `max_size` bytes, or why not.
pub fn read_limited(candidate: &Candidate, max_size: u64) -> Result<Vec<u8>, String> {
    let file = open_without_blocking(candidate).map_err(|e| io_message(&e))?;
    // The type and size are those of the file opened, not of what the walk saw.
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    if !meta.is_file() {
        return Err(NOT_REGULAR.to_owned());
    }
    if meta.len() > max_size {
        return Err(too_large(meta.len(), max_size));
    }
    // A file that grows while it is read stops at the limit all the same.
    read_within(file, meta.len(), max_size).map_err(|why| match why {
        Unread::Io(e) => io_message(&e),
        Unread::TooLarge(size) => too_large(size, max_size),
    })
}

/// The bytes of stdin, at most `max_size` of them, or why not: a file's limit, checked as the
/// bytes arrive since a pipe has no size to look at first.
pub fn read_stdin(max_size: u64) -> Result<Vec<u8>, String> {
    read_within(io::stdin().lock(), 0, max_size).map_err(|why| match why {
        Unread::Io(e) => io_message(&e),
        Unread::TooLarge(_) => format!(
            "stdin is larger than the limit of {} (raise it with --max-file-size)",
            human_size(max_size)
        ),
    })
}

/// Why bytes were not read.
enum Unread {
    Io(io::Error),
    /// More than the limit: the bytes read when reading stopped.
    TooLarge(u64),
}

/// Read to the end, stopping one byte past `max_size`; `expected` is the size, when known.
fn read_within(reader: impl Read, expected: u64, max_size: u64) -> Result<Vec<u8>, Unread> {
    let mut bytes = Vec::with_capacity(expected.min(max_size) as usize);
    reader
        .take(max_size + 1)
        .read_to_end(&mut bytes)
        .map_err(Unread::Io)?;
    if bytes.len() as u64 > max_size {
        return Err(Unread::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(size: u64, max_size: u64) -> String {
    format!(
        "file is {}, larger than the limit of {} (raise it with --max-file-size)",
        human_size(size),
        human_size(max_size)
    )
}

/// Open for reading. On Unix the file is opened non-blocking, so that a FIFO put in a
/// file's place after the walk is never waited on (the type check that follows refuses it);
/// for a regular file the flag changes nothing.
fn open_without_blocking(candidate: &Candidate) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(&candidate.fs_path)
}

/// A size for people: bytes, KiB, MiB or GiB with one decimal where it matters.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit {
            return if bytes.is_multiple_of(unit) {
                format!("{} {name}", bytes / unit)
            } else {
                format!("{:.1} {name}", bytes as f64 / unit as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

/// Parse a `--max-file-size` value: bytes, or a number with `K`, `M` or `G` (powers of
/// 1024, `KiB`/`KB` spellings accepted).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(digits_end);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size; write bytes or a number with K, M or G"))?;
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("`{text}` has an unknown unit; use K, M or G")),
    };
    // Spans are 32-bit offsets: a file is at most 4 GiB.
    number
        .checked_mul(multiplier)
        .filter(|&n| n <= u64::from(u32::MAX))
        .ok_or_else(|| format!("`{text}` is over the largest limit, 4 GiB"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, Origin};

    fn candidate(path: &std::path::Path) -> Candidate {
        Candidate {
            fs_path: path.to_path_buf(),
            display: path.display().to_string(),
            format: Format::Markdown,
            origin: Origin::Explicit,
        }
    }

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_size("16M"), Ok(16 << 20));
        assert_eq!(parse_size("16MiB"), Ok(16 << 20));
        assert_eq!(parse_size("1 k"), Ok(1024));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999G").is_err());
        assert_eq!(human_size(16 << 20), "16 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(12), "12 bytes");
    }

    #[test]
    fn a_file_that_vanished_after_the_walk_is_a_problem_and_the_rest_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("a.md");
        let gone = dir.path().join("b.md");
        std::fs::write(&kept, "# A\n").unwrap();
        std::fs::write(&gone, "# B\n").unwrap();
        let candidates = vec![candidate(&kept), candidate(&gone)];
        std::fs::remove_file(&gone).unwrap();
        let (files, problems) = read_all(candidates, DEFAULT_MAX_FILE_SIZE);
        assert_eq!(files.len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "no such file or folder");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_the_limit_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, vec![b'x'; 2048]).unwrap();
        let (files, problems) = read_all(vec![candidate(&path)], 1024);
        assert!(files.is_empty());
        assert_eq!(
            problems[0].message,
            "file is 2 KiB, larger than the limit of 1 KiB (raise it with --max-file-size)"
        );
        let (files, _) = read_all(vec![candidate(&path)], 2048);
        assert_eq!(files.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_put_in_a_files_place_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        let (files, problems) = read_all(vec![candidate(&path)], DEFAULT_MAX_FILE_SIZE);
        assert!(files.is_empty());
        assert_eq!(problems[0].message, NOT_REGULAR);
    }
}
