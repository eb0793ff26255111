//! `rasad ingest`: read articles, extract their records, store them.
//!
//! Documents are read in input order, extracted on worker threads a batch at a
//! time, and written one transaction per batch, so a killed run leaves every
//! finished batch stored and nothing half-written; running the same command
//! again skips what is stored (duplicates by id or normalized body) and
//! finishes the job.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rasad_extract::{Extractor, Options};
use rasad_ingest::{budget, read_jsonl, read_paths, DocError, RawDoc, ReadOptions};
use rasad_store::{prepare, Outcome, Prepared, Store};
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders (walked recursively); `-` reads JSON lines from
    /// standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The database file (created when missing).
    #[arg(long, default_value = "rasad.db")]
    db: PathBuf,
    /// Files larger than this many bytes are failures.
    #[arg(long, default_value_t = 20 * 1024 * 1024)]
    max_bytes: u64,
    /// The date the documents were collected (YYYY-MM-DD). Without it, an
    /// article with no publication date keeps its relative dates unresolved.
    #[arg(long, value_parser = super::parse_date)]
    reference_date: Option<jiff::civil::Date>,
    /// Extraction threads (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 500, hide = true)]
    batch_size: usize,
    /// Seconds one document may take to extract; a document over it fails
    /// alone and the run goes on (0: no limit).
    #[arg(long, default_value_t = DOC_TIMEOUT_SECS)]
    doc_timeout: f64,
}

/// The default per-document budget, in seconds: a 19 MB article (about the
/// largest file `--max-bytes` lets in) extracts in some 15 s of one core, so
/// only a document that would hold its batch for minutes reaches it.
pub const DOC_TIMEOUT_SECS: f64 = 300.0;

/// The budget `--doc-timeout` gives (`None` for 0 or less: no limit).
pub fn doc_budget(secs: f64) -> Option<std::time::Duration> {
    (secs > 0.0)
        .then(|| std::time::Duration::try_from_secs_f64(secs).ok())
        .flatten()
}

/// What an ingest run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Documents read (including those that failed).
    pub read: usize,
    /// Stored as new articles.
    pub new: usize,
    /// Skipped: already stored (same id or same normalized body).
    pub duplicate: usize,
    /// Failures: (file or origin, one-line reason).
    pub failures: Vec<(String, String)>,
    /// Duplicates, each named: (file or origin, why it was skipped).
    pub skipped: Vec<(String, String)>,
    /// New articles with no publication date (neither in metadata nor found
    /// in the text).
    pub undated: usize,
    /// True when `--reference-date` was given.
    pub reference_given: bool,
}

impl Summary {
    /// Prints the summary and each failure to standard error.
    pub fn report(&self, db: &Path) {
        eprintln!(
            "rasad: read {}, new {}, duplicate {}, failed {} ({})",
            self.read,
            self.new,
            self.duplicate,
            self.failures.len(),
            db.display()
        );
        if self.undated > 0 {
            let how = if self.reference_given {
                "their dates without a year were placed by --reference-date"
            } else {
                "their relative dates are unresolved (give --reference-date to place them)"
            };
            eprintln!(
                "rasad: {} new article(s) with no publication date: {how}",
                self.undated
            );
        }
        for (origin, reason) in &self.skipped {
            eprintln!("  skipped: {origin}: {reason}");
        }
        for (origin, reason) in &self.failures {
            eprintln!("  failed: {origin}: {reason}");
        }
    }
}

/// Text bytes per batch at most: 500 documents of 0.6 MB each once held
/// 1.8 GB at a time; a batch now ends at this many bytes or `batch_size`
/// documents, whichever comes first (one document always fits).
pub const BATCH_BYTES: usize = 32 * 1024 * 1024;

/// The next batch: documents up to `max_docs` of them or until their text
/// reaches `max_bytes`, at least one (read failures weigh nothing).
pub fn next_batch<I: Iterator<Item = Result<RawDoc, DocError>>>(
    docs: &mut std::iter::Peekable<I>,
    max_docs: usize,
    max_bytes: usize,
) -> Vec<Result<RawDoc, DocError>> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    while batch.len() < max_docs.max(1) {
        let size = match docs.peek() {
            None => break,
            Some(Ok(raw)) => raw.text.len(),
            Some(Err(_)) => 0,
        };
        if !batch.is_empty() && bytes + size > max_bytes {
            break;
        }
        bytes += size;
        batch.extend(docs.next());
    }
    batch
}

/// Why a document was not stored, when it was not: `duplicate of X (same
/// text)` or `id X is already stored`.
fn skip_reason(outcome: &Outcome, id: &str) -> Option<String> {
    match outcome {
        Outcome::Inserted => None,
        Outcome::DuplicateId => Some(format!("id {id} is already stored")),
        Outcome::DuplicateContent { existing } => {
            Some(format!("duplicate of {existing} (same text)"))
        }
    }
}

/// How to run the pipeline.
pub struct Pipeline {
    pub extractor: Arc<Extractor>,
    /// Longest extraction of one document (`None`: no limit).
    pub budget: Option<Duration>,
    pub read: ReadOptions,
    pub jobs: usize,
    pub batch_size: usize,
    pub progress: ProgressBar,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let reference_date = args
        .reference_date
        .unwrap_or_else(|| jiff::Zoned::now().date());
    let mut extractor = Extractor::new(Options { reference_date });
    if args.reference_date.is_none() {
        extractor = extractor.without_reference();
    }
    let extractor = Arc::new(extractor);
    let mut store = Store::open(&args.db)
        .with_context(|| format!("opening the database {}", args.db.display()))?;
    let pipeline = Pipeline {
        extractor,
        budget: doc_budget(args.doc_timeout),
        read: ReadOptions {
            max_bytes: args.max_bytes,
        },
        jobs: args.jobs.unwrap_or_else(default_jobs),
        batch_size: args.batch_size,
        progress: progress_bar(),
    };
    let mut summary = Summary {
        reference_given: args.reference_date.is_some(),
        ..Summary::default()
    };
    let stopped = pipeline.ingest_into(&mut store, &args.paths, &mut summary);
    // Also when the run stopped (a full disk): what was stored is said.
    summary.report(&args.db);
    stopped?;
    Ok(if summary.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One thread per core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A spinner with counts on standard error when it is a terminal, else nothing.
pub fn progress_bar() -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos} documents {per_sec} [{elapsed}] {msg}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

impl Pipeline {
    /// Reads every path (`-` is standard input as JSON lines) into `store`.
    /// Only a database error stops the run; a document that cannot be read,
    /// extracted or stored is a failure and the others go on.
    pub fn ingest(&self, store: &mut Store, paths: &[PathBuf]) -> anyhow::Result<Summary> {
        let mut summary = Summary::default();
        self.ingest_into(store, paths, &mut summary)?;
        Ok(summary)
    }

    /// [`Pipeline::ingest`], counting into `summary` as it goes, so that a
    /// run stopped by a database error (a full disk) still tells what it did.
    pub fn ingest_into(
        &self,
        store: &mut Store,
        paths: &[PathBuf],
        summary: &mut Summary,
    ) -> anyhow::Result<()> {
        for path in paths {
            let docs: Box<dyn Iterator<Item = Result<RawDoc, DocError>>> =
                if path.as_os_str() == "-" {
                    read_jsonl(io::stdin().lock(), "stdin", &self.read)
                } else {
                    read_paths(std::slice::from_ref(path), &self.read)
                };
            let mut docs = docs.peekable();
            while docs.peek().is_some() {
                let chunk = next_batch(&mut docs, self.batch_size, BATCH_BYTES);
                self.process(store, chunk, summary)?;
            }
        }
        self.progress.finish_and_clear();
        // Incidents are updated in the store for the new articles (their
        // days only); a run stopped before this leaves them for the next.
        rasad_incidents::persist::catch_up(store).context("linking new articles into incidents")?;
        Ok(())
    }

    fn process(
        &self,
        store: &mut Store,
        chunk: Vec<Result<RawDoc, DocError>>,
        summary: &mut Summary,
    ) -> anyhow::Result<()> {
        summary.read += chunk.len();
        let mut ready: Vec<Prepared> = Vec::with_capacity(chunk.len());
        for item in self.prepare_all(chunk) {
            match item {
                Ok(p) => ready.push(p),
                Err(failure) => summary.failures.push(failure),
            }
        }
        let outcomes = store
            .write_batch(&ready)
            .context("writing to the database")?;
        for (o, p) in outcomes.into_iter().zip(&ready) {
            match skip_reason(&o, p.id()) {
                None => {
                    summary.new += 1;
                    summary.undated += usize::from(!p.dated());
                }
                Some(why) => {
                    summary.duplicate += 1;
                    summary.skipped.push((p.origin().to_string(), why));
                }
            }
        }
        self.progress.set_message(format!(
            "new {}, duplicate {}, failed {}",
            summary.new,
            summary.duplicate,
            summary.failures.len()
        ));
        Ok(())
    }

    /// Extracts and prepares a chunk on up to `jobs` threads, keeping order.
    fn prepare_all(
        &self,
        chunk: Vec<Result<RawDoc, DocError>>,
    ) -> Vec<Result<Prepared, (String, String)>> {
        let jobs = self.jobs.clamp(1, chunk.len().max(1));
        if jobs == 1 {
            return chunk.into_iter().map(|d| self.prepare_one(d)).collect();
        }
        let per = chunk.len().div_ceil(jobs);
        let mut parts: Vec<Vec<Result<RawDoc, DocError>>> = Vec::with_capacity(jobs);
        let mut rest = chunk.into_iter();
        loop {
            let part: Vec<_> = rest.by_ref().take(per).collect();
            if part.is_empty() {
                break;
            }
            parts.push(part);
        }
        std::thread::scope(|s| {
            let handles: Vec<_> = parts
                .into_iter()
                .map(|part| {
                    s.spawn(move || {
                        part.into_iter()
                            .map(|d| self.prepare_one(d))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        })
    }

    /// Extracts and prepares one document within the budget; a failure is
    /// (origin, one-line reason).
    fn prepare_one(&self, item: Result<RawDoc, DocError>) -> Result<Prepared, (String, String)> {
        self.progress.inc(1);
        let raw = item.map_err(|e| (e.origin, e.reason))?;
        let origin = raw.origin.clone();
        let extractor = Arc::clone(&self.extractor);
        let done = budget::within(self.budget, move || {
            let doc = extractor.extract(&raw);
            prepare(&raw.text, &raw.origin, &doc)
        });
        match done.into_result() {
            Ok(Ok(p)) => Ok(p),
            Ok(Err(rejected)) => Err((origin, rejected.to_string())),
            Err(why) => Err((origin, why)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(bytes: usize) -> Result<RawDoc, DocError> {
        Ok(RawDoc {
            id: bytes.to_string(),
            text: "x".repeat(bytes),
            format: rasad_ingest::Format::Text,
            url: None,
            outlet: None,
            published: None,
            title: None,
            origin: "t".into(),
        })
    }

    fn failed() -> Result<RawDoc, DocError> {
        Err(DocError {
            id: "bad".into(),
            origin: "bad".into(),
            reason: "unreadable".into(),
        })
    }

    /// Documents, most documents per batch, most bytes, batch sizes wanted.
    type Row = (
        Vec<Result<RawDoc, DocError>>,
        usize,
        usize,
        &'static [usize],
    );

    /// Batch sizes (documents) for `docs` under `max_docs` and `max_bytes`.
    fn sizes(docs: Vec<Result<RawDoc, DocError>>, max_docs: usize, max_bytes: usize) -> Vec<usize> {
        let mut it = docs.into_iter().peekable();
        let mut out = Vec::new();
        while it.peek().is_some() {
            out.push(next_batch(&mut it, max_docs, max_bytes).len());
        }
        out
    }

    #[test]
    fn batches_end_at_the_document_count_or_the_byte_budget() {
        let table: &[Row] = &[
            // Small documents: the count ends each batch.
            ((0..5).map(|_| doc(10)).collect(), 2, 1000, &[2, 2, 1]),
            // Large documents: the byte budget does.
            ((0..5).map(|_| doc(400)).collect(), 500, 1000, &[2, 2, 1]),
            // A document over the budget still travels, alone.
            (vec![doc(10), doc(5000), doc(10)], 500, 1000, &[1, 1, 1]),
            // Read failures weigh nothing.
            (
                vec![doc(900), failed(), failed(), doc(200)],
                500,
                1000,
                &[3, 1],
            ),
        ];
        for (docs, max_docs, max_bytes, want) in table.iter().cloned() {
            assert_eq!(
                sizes(docs, max_docs, max_bytes),
                want,
                "{max_docs} docs, {max_bytes} bytes"
            );
        }
    }
}
