//! `rasad gazetteer` (in progress).

use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// List candidates for a name.
    Lookup { name: String },
}

pub fn run(_c: Command) -> anyhow::Result<ExitCode> {
    anyhow::bail!("rasad gazetteer is not available yet")
}
