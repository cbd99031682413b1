//! Generate an ownership repository for the benchmark: `gen_corpus OUT --domains N
//! [--format md|mixed] [--defects RATE] [--seed S] [--per-file K] [--codeowners]`.
//! Deterministic: the same arguments write the same bytes. Writes `OUT/expected.tsv` beside it
//! (rule, file, line of every seeded defect) unless `--no-expected`. `--codeowners` gives every
//! domain a path of its own and writes the team registry (`.ownlint.yaml`) and a
//! `.github/CODEOWNERS` that matches the documents.

#[path = "corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

use corpus::{Format, Options};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_corpus: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut out = None;
    let mut options = Options {
        domains: 0,
        per_file: 50,
        format: Format::Markdown,
        defects: 0.0,
        seed: 0,
        codeowners: false,
    };
    let mut write_expected = true;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--domains" => options.domains = number(&value("--domains")?)?,
            "--per-file" => options.per_file = number(&value("--per-file")?)?,
            "--seed" => options.seed = number(&value("--seed")?)? as u64,
            "--defects" => {
                let v = value("--defects")?;
                options.defects = v
                    .parse()
                    .ok()
                    .filter(|d| (0.0..=1.0).contains(d))
                    .ok_or(format!("--defects takes a share from 0 to 1, not `{v}`"))?;
            }
            "--format" => {
                options.format = match value("--format")?.as_str() {
                    "md" => Format::Markdown,
                    "mixed" => Format::Mixed,
                    other => return Err(format!("--format is md or mixed, not `{other}`")),
                }
            }
            "--no-expected" => write_expected = false,
            "--codeowners" => options.codeowners = true,
            _ if arg.starts_with('-') => return Err(format!("unknown option `{arg}`")),
            _ => out = Some(PathBuf::from(arg)),
        }
    }
    let out = out.ok_or("usage: gen_corpus OUT --domains N [--format md|mixed] [--defects RATE] [--seed S] [--per-file K] [--codeowners]")?;
    if options.domains == 0 {
        return Err("--domains must be at least 1".into());
    }
    let corpus = corpus::generate(&options);
    corpus::write(&corpus, &out).map_err(|e| e.to_string())?;
    if write_expected {
        let mut tsv = String::new();
        for (rule, file, line) in &corpus.expected {
            tsv.push_str(&format!("{rule}\t{file}\t{line}\n"));
        }
        std::fs::write(out.join("expected.tsv"), tsv).map_err(|e| e.to_string())?;
    }
    let bytes: usize = corpus.files.iter().map(|(_, t)| t.len()).sum();
    eprintln!(
        "gen_corpus: wrote {} files ({:.1} MB), {} domains, {} shared-ownership declarations, {} defects to {}",
        corpus.files.len(),
        bytes as f64 / 1e6,
        options.domains,
        corpus.shared_declarations,
        corpus.expected.len(),
        out.display()
    );
    Ok(())
}

fn number(s: &str) -> Result<usize, String> {
    s.parse()
        .map_err(|_| format!("`{s}` is not a whole number"))
}
