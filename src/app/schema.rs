//! `ownlint schema`: the JSON Schema (draft-07) of the YAML format, generated from the same
//! structs `ownlint export` writes, for editors (the YAML language server) and CI.

use std::io::{self, Write};

use schemars::Schema;
use schemars::generate::SchemaSettings;

use crate::app::ExitStatus;
use crate::error::Error;
use crate::export::OwnershipFile;

pub fn run() -> Result<ExitStatus, Error> {
    let mut text =
        serde_json::to_string_pretty(&ownership_schema()).expect("a schema serialises to JSON");
    text.push('\n');
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes()).map_err(Error::Write)?;
    out.flush().map_err(Error::Write)?;
    Ok(ExitStatus::Success)
}

/// The schema of an ownership file. Draft-07 because it is the newest draft the YAML
/// language server (and most editors) validate with.
pub fn ownership_schema() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<OwnershipFile>()
}
