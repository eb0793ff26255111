//! `rasad actors`: the actor codes `--actor` takes, with their English names
//! and the terms the press uses for each (`data/actors/actors.toml`).

use rasad_store::query::{actor_table, ActorEntry};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// One JSON object per actor.
    #[arg(long)]
    json: bool,
}

/// One line per actor: code, English name, terms.
fn line(e: &ActorEntry) -> String {
    format!("{}\t{}\t{}", e.code, e.name, e.terms.join(", "))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    for e in actor_table() {
        if args.json {
            let v = serde_json::json!({"code": e.code, "name": e.name, "terms": e.terms});
            writeln!(out, "{v}")?;
        } else {
            writeln!(out, "{}", line(&e))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The actor code a user typed (any case, English or Arabic name), or an
/// error naming `rasad actors`.
pub fn resolve(name: &str) -> anyhow::Result<String> {
    rasad_store::query::actor_code(name).ok_or_else(|| {
        anyhow::anyhow!("no actor called {name:?} (`rasad actors` lists the codes and names)")
    })
}
