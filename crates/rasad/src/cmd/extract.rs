//! `rasad extract`: print one extraction record per document.

use anyhow::Context;
use rasad_extract::{Extractor, Options};
use rasad_ingest::{read_jsonl, read_paths, DocError, RawDoc, ReadOptions};
use rasad_record::ErrorRecord;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The date the documents were collected (YYYY-MM-DD). Without it, a
    /// document with no publication date keeps its relative dates
    /// unresolved (`value` null, basis `unanchored`).
    #[arg(long, value_parser = super::parse_date)]
    reference_date: Option<jiff::civil::Date>,
    /// Files larger than this many bytes are failures.
    #[arg(long, default_value_t = 20 * 1024 * 1024)]
    max_bytes: u64,
    /// Name on each casualty claim and event the rule that made it (`rule`:
    /// `side:next_to_count`, `trigger:غاره`, `implied_by_claims`).
    #[arg(long)]
    explain: bool,
    /// Files or folders; `-` reads JSON lines from standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let reference_date = args
        .reference_date
        .unwrap_or_else(|| jiff::Zoned::now().date());
    let mut extractor = Extractor::new(Options { reference_date }).explain(args.explain);
    if args.reference_date.is_none() {
        extractor = extractor.without_reference();
    }
    let opts = ReadOptions {
        max_bytes: args.max_bytes,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    // A spinner with counts on standard error when it is a terminal.
    let progress = super::ingest::progress_bar();
    for path in &args.paths {
        let docs: Box<dyn Iterator<Item = Result<RawDoc, DocError>>> = if path.as_os_str() == "-" {
            read_jsonl(io::stdin().lock(), "stdin", &opts)
        } else {
            read_paths(std::slice::from_ref(path), &opts)
        };
        for item in docs {
            progress.inc(1);
            let line = match item {
                Ok(raw) => serde_json::to_string(&extractor.extract(&raw)),
                Err(e) => {
                    failed += 1;
                    eprintln!("rasad: {}: {}", e.origin, e.reason);
                    serde_json::to_string(&ErrorRecord {
                        id: e.id,
                        error: e.reason,
                    })
                }
            }
            .context("serializing a record")?;
            writeln!(out, "{line}").context("writing to standard output")?;
        }
    }
    progress.finish_and_clear();
    out.flush().context("writing to standard output")?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
