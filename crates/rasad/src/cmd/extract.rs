//! `rasad extract`: print one extraction record per document.

use anyhow::Context;
use rasad_extract::{Extractor, Options};
use rasad_ingest::{budget, read_jsonl, read_paths, DocError, RawDoc, ReadOptions};
use rasad_record::ErrorRecord;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

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
    /// Seconds one document may take to extract; a document over it is an
    /// error record and the others go on (0: no limit).
    #[arg(long, default_value_t = super::ingest::DOC_TIMEOUT_SECS)]
    doc_timeout: f64,
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
    let extractor = Arc::new(extractor);
    let budget = super::ingest::doc_budget(args.doc_timeout);
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
            let line = match item.and_then(|raw| extract_within(&extractor, budget, raw)) {
                Ok(line) => line,
                Err(e) => {
                    failed += 1;
                    eprintln!("rasad: {}: {}", e.origin, e.reason);
                    serde_json::to_string(&ErrorRecord {
                        id: e.id,
                        error: e.reason,
                    })
                    .context("serializing a record")?
                }
            };
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

/// The record of `raw` as a JSON line, extracted within `limit`; a document
/// over it (or whose extraction failed) is an error with a one-line reason.
fn extract_within(
    extractor: &Arc<Extractor>,
    limit: Option<Duration>,
    raw: RawDoc,
) -> Result<String, DocError> {
    let (id, origin) = (raw.id.clone(), raw.origin.clone());
    let extractor = Arc::clone(extractor);
    let done = budget::within(limit, move || {
        serde_json::to_string(&extractor.extract(&raw)).map_err(|e| e.to_string())
    });
    match done.into_result() {
        Ok(Ok(line)) => Ok(line),
        Ok(Err(reason)) | Err(reason) => Err(DocError { id, origin, reason }),
    }
}
