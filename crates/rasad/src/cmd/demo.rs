//! `rasad demo`: ingest the bundled demo corpus into a fresh database, then show
//! a search and one article's extraction record.

use super::ingest::{default_jobs, progress_bar, Pipeline};
use anyhow::Context;
use rasad_extract::{Extractor, Options};
use rasad_ingest::ReadOptions;
use rasad_store::{Query, Store};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The query the demo shows.
const DEMO_QUERY: &str = "غارة";

#[derive(clap::Args)]
pub struct Args {
    /// The database file (deleted and recreated).
    #[arg(long, default_value = "rasad-demo.db")]
    db: PathBuf,
    /// The demo corpus folder (default: `corpus/demo` of the checkout).
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// The date the demo articles were collected (YYYY-MM-DD; default today).
    #[arg(long, value_parser = super::parse_date)]
    reference_date: Option<jiff::civil::Date>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let corpus = match args.corpus {
        Some(c) => c,
        None => find_corpus()?,
    };
    let files = demo_files(&corpus)?;
    recreate(&args.db)?;
    let mut store = Store::open(&args.db)
        .with_context(|| format!("creating the database {}", args.db.display()))?;
    let reference_date = args
        .reference_date
        .unwrap_or_else(|| jiff::Zoned::now().date());
    let extractor = std::sync::Arc::new(Extractor::new(Options { reference_date }));
    let pipeline = Pipeline {
        extractor,
        budget: super::ingest::doc_budget(super::ingest::DOC_TIMEOUT_SECS),
        read: ReadOptions::default(),
        jobs: default_jobs(),
        batch_size: 500,
        progress: progress_bar(),
    };
    eprintln!(
        "rasad: ingesting {} demo articles from {}",
        files.len(),
        corpus.display()
    );
    let summary = pipeline.ingest(&mut store, &files)?;
    summary.report(&args.db);

    let stdout = io::stdout();
    let bold = stdout.is_terminal();
    let mut out = BufWriter::new(stdout.lock());
    writeln!(
        out,
        "$ rasad search --db {} {DEMO_QUERY}\n",
        args.db.display()
    )?;
    let hits = store.search(&Query {
        text: DEMO_QUERY.into(),
        limit: 5,
        ..Query::default()
    })?;
    super::search::print_hits(
        &mut out,
        &hits,
        super::search::marks(super::search::Marks::Auto, bold),
    )?;
    if hits.is_empty() {
        writeln!(out, "(no results)\n")?;
    }
    let shown = match hits.first() {
        Some(h) => Some(h.id.clone()),
        None => store.first_id()?,
    };
    if let Some(id) = shown {
        if let Some(record) = store.record(&id)? {
            writeln!(out, "The extraction record of {id}:\n")?;
            writeln!(out, "{}", pretty_record(&record)?)?;
        }
    }
    out.flush()?;
    Ok(if summary.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `corpus/demo` under the current directory, else next to the crate sources.
fn find_corpus() -> anyhow::Result<PathBuf> {
    let here = PathBuf::from("corpus/demo");
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/demo");
    for c in [&here, &built] {
        if c.is_dir() {
            return Ok(c.clone());
        }
    }
    anyhow::bail!(
        "the demo corpus is missing: looked in {} and {}; run from the rasad checkout or pass --corpus",
        here.display(),
        built.display()
    )
}

/// The articles of the demo corpus (`*.txt`, `*.html`; `gold.jsonl` holds
/// gold records, not articles), in name order.
fn demo_files(corpus: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus)
        .with_context(|| format!("reading {}", corpus.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .is_some_and(|x| x == "txt" || x == "html" || x == "htm")
        })
        .collect();
    files.sort();
    if files.is_empty() {
        anyhow::bail!(
            "the demo corpus {} has no articles (*.txt)",
            corpus.display()
        );
    }
    Ok(files)
}

/// Deletes the database and its WAL files so the demo starts fresh.
fn recreate(db: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(e).with_context(|| format!("removing {}", PathBuf::from(p).display()))
            }
        }
    }
    Ok(())
}

/// Pretty JSON of a stored record, fields in record order, with arrays of
/// numbers (spans) kept on one line.
fn pretty_record(record: &str) -> anyhow::Result<String> {
    let pretty = match serde_json::from_str::<rasad_record::Document>(record) {
        Ok(doc) => serde_json::to_string_pretty(&doc)?,
        Err(_) => {
            let value: serde_json::Value =
                serde_json::from_str(record).context("reading a stored record")?;
            serde_json::to_string_pretty(&value)?
        }
    };
    Ok(inline_number_arrays(&pretty))
}

/// Folds `[\n  1,\n  2\n]` into `[1, 2]`. Only brackets whose content is
/// numbers, commas and whitespace including a newline are touched; JSON
/// strings never hold a raw newline, so their text is left alone.
fn inline_number_arrays(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find(|c: char| !(c.is_ascii_digit() || " \n,.-+eE".contains(c)));
        match close {
            Some(end) if after[end..].starts_with(']') && after[..end].contains('\n') => {
                let items: Vec<&str> = after[..end]
                    .split(',')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .collect();
                out.push('[');
                out.push_str(&items.join(", "));
                out.push(']');
                rest = &after[end + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::inline_number_arrays;

    #[test]
    fn number_arrays_fold_and_strings_stay() {
        let v =
            serde_json::json!({"spans": [[1, 2], [30, 4]], "t": "[1,  2]", "n": [], "w": ["a"]});
        let s = inline_number_arrays(&serde_json::to_string_pretty(&v).unwrap());
        assert!(s.contains("[1, 2]") && s.contains("[30, 4]"), "{s}");
        assert!(s.contains("\"[1,  2]\""), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
