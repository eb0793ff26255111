//! `rasad ingest`: read articles, extract their records, store them.
//!
//! Documents are read in input order, extracted on worker threads (all
//! cores) while one writer thread commits them in input order, one
//! transaction per batch (bounded by count and bytes: see
//! [`super::pipeline`]), so a killed run leaves every finished batch stored
//! and nothing half-written; running the same command
//! again skips what is stored (duplicates by id, or by normalized body from
//! the same outlet or with none; the same body from another outlet is stored
//! as a copy) and finishes the job.

use super::pipeline::{self, Batch, Budget};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rasad_extract::{Extractor, Options};
use rasad_ingest::{budget, read_jsonl, read_paths_counting, DocError, RawDoc, ReadOptions};
use rasad_store::{prepare, Outcome, Prepared, Store};
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
    /// New articles whose text was stored already from another outlet:
    /// (file or origin, what it copies). Counted in `new`.
    pub copies: Vec<(String, String)>,
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
        for (origin, what) in &self.copies {
            eprintln!("  copy: {origin}: {what}");
        }
        for (origin, reason) in &self.failures {
            eprintln!("  failed: {origin}: {reason}");
        }
    }
}

/// Bytes (text, body and record before packing) per transaction at most:
/// a batch ends at this many bytes or `batch_size` documents, whichever
/// comes first (one document always fits). Small enough that a commit is
/// short and the writer never holds much; large enough that the commit
/// cost is spread over hundreds of typical articles.
pub const BATCH_BYTES: usize = 8 * 1024 * 1024;

/// Text bytes of documents read but not yet handed to the writer, at most
/// (one document always fits): the reader waits when extraction falls this
/// far behind, so memory stays bounded whatever the input.
pub const IN_FLIGHT_BYTES: usize = 64 * 1024 * 1024;

/// Why a document was not stored, when it was not: `duplicate of X (same
/// text)` or `id X is already stored`.
fn skip_reason(outcome: &Outcome, id: &str) -> Option<String> {
    match outcome {
        Outcome::Inserted | Outcome::Copy { .. } => None,
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
        let stdin = paths.iter().any(|p| p.as_os_str() == "-");
        let consumed = Arc::new(AtomicU64::new(0));
        if !stdin {
            self.show_total(rasad_ingest::input_bytes(paths));
        }
        let started = Instant::now();
        for path in paths {
            let docs: Box<dyn Iterator<Item = Result<RawDoc, DocError>>> =
                if path.as_os_str() == "-" {
                    read_jsonl(io::stdin().lock(), "stdin", &self.read)
                } else {
                    let counter = Some(Arc::clone(&consumed));
                    read_paths_counting(std::slice::from_ref(path), &self.read, counter)
                };
            self.stream(store, docs, &consumed, summary, started)?;
        }
        self.progress.finish_and_clear();
        // Incidents are updated in the store for the new articles (their
        // days only); a run stopped before this leaves them for the next.
        rasad_incidents::persist::catch_up(store).context("linking new articles into incidents")?;
        Ok(())
    }

    /// Turns the spinner into a bar over `total` input bytes (rate and ETA).
    fn show_total(&self, total: u64) {
        if total == 0 || self.progress.is_hidden() {
            return;
        }
        self.progress.set_length(total);
        if let Ok(style) = ProgressStyle::with_template(
            "{bar:30} {percent:>3}% {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} \
             [{elapsed} < {eta}] {msg}",
        ) {
            self.progress.set_style(style);
        }
    }

    /// Runs one input through the pipeline ([`super::pipeline`]): this
    /// thread reads, `jobs` workers extract and prepare, one writer commits.
    fn stream(
        &self,
        store: &mut Store,
        docs: Box<dyn Iterator<Item = Result<RawDoc, DocError>> + '_>,
        consumed: &AtomicU64,
        summary: &mut Summary,
        started: Instant,
    ) -> anyhow::Result<()> {
        let jobs = self.jobs.max(1);
        let budget = Budget::new(IN_FLIGHT_BYTES);
        let (work_tx, work_rx) = sync_channel::<pipeline::Work>(jobs * pipeline::QUEUE_PER_JOB);
        let (order_tx, order_rx) =
            sync_channel::<pipeline::Slot>(jobs * pipeline::QUEUE_PER_JOB * 2);
        let work_rx = Mutex::new(work_rx);
        std::thread::scope(|s| {
            for _ in 0..jobs {
                s.spawn(|| pipeline::worker(&work_rx, |raw| self.prepare_one(Ok(raw))));
            }
            let writer = s.spawn(|| self.write_all(store, order_rx, &budget, summary, started));
            let at = || consumed.load(Ordering::Relaxed);
            pipeline::read_into(docs, &work_tx, &order_tx, &budget, at);
            drop(work_tx);
            drop(order_tx);
            writer
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
        })
    }

    /// The writer: takes results in input order, writes them a batch per
    /// transaction, counts into `summary`. Stops at a database error.
    fn write_all(
        &self,
        store: &mut Store,
        order: Receiver<pipeline::Slot>,
        budget: &Budget,
        summary: &mut Summary,
        started: Instant,
    ) -> anyhow::Result<()> {
        let mut batch = Batch::new(self.batch_size, BATCH_BYTES);
        for (slot, size, at) in order {
            let done = pipeline::result_of(&slot, "?");
            budget.give(size);
            summary.read += 1;
            self.progress.inc(1);
            if self.progress.length().is_some() {
                self.progress.set_position(at);
            }
            match done {
                Ok(p) => {
                    if batch.push(p) {
                        self.commit(store, batch.take(), summary, started)?;
                    }
                }
                Err(failure) => summary.failures.push(failure),
            }
        }
        self.commit(store, batch.take(), summary, started)
    }

    /// Writes one batch in one transaction and counts its outcomes.
    fn commit(
        &self,
        store: &mut Store,
        ready: Vec<Prepared>,
        summary: &mut Summary,
        started: Instant,
    ) -> anyhow::Result<()> {
        if ready.is_empty() {
            return Ok(());
        }
        let outcomes = store
            .write_batch(&ready)
            .context("writing to the database")?;
        for (o, p) in outcomes.into_iter().zip(&ready) {
            match skip_reason(&o, p.id()) {
                None => {
                    summary.new += 1;
                    summary.undated += usize::from(!p.dated());
                    if let Outcome::Copy { of } = &o {
                        let what = format!("copy of {of} (same text, another outlet)");
                        summary.copies.push((p.origin().to_string(), what));
                    }
                }
                Some(why) => {
                    summary.duplicate += 1;
                    summary.skipped.push((p.origin().to_string(), why));
                }
            }
        }
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        self.progress.set_message(format!(
            "{} documents ({:.0}/s): new {}, duplicate {}, failed {}",
            summary.read,
            summary.read as f64 / secs,
            summary.new,
            summary.duplicate,
            summary.failures.len()
        ));
        Ok(())
    }

    /// Extracts and prepares one document within the budget; a failure is
    /// (origin, one-line reason).
    fn prepare_one(&self, item: Result<RawDoc, DocError>) -> Result<Prepared, (String, String)> {
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
