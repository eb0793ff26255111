//! `rasad eval`: score extraction records against gold records.
//!
//! With `--system FILE` it scores a saved `rasad extract` output; without it,
//! it runs the extractor on `--docs` itself. The output is the reference
//! scorer's: notes, then one row per part, then `overall: F`.
//!
//! With `--clusters FILE` (article id → cluster id, TSV) it scores incident
//! linking instead: incidents are built from the records (`--system`, or the
//! extractor run on `--docs`, a folder or a JSON-lines file) and compared
//! with the clusters pairwise and by B-cubed (`rasad_eval::clusters`).

use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Gold records (JSON lines; see docs/gold-format.md).
    #[arg(long, required_unless_present = "clusters")]
    gold: Option<PathBuf>,
    /// Folder of the original documents (NAME.txt, NAME.html, or .jsonl with id/text);
    /// with --clusters also a single .jsonl file.
    #[arg(long, required_unless_present = "system")]
    docs: Option<PathBuf>,
    /// Score incident linking against a TSV of article id → cluster id
    /// (`-` or empty: the article reports no incident of the set).
    #[arg(long, conflicts_with_all = ["gold", "lint"])]
    clusters: Option<PathBuf>,
    /// Saved extraction records (JSON lines); when absent the extractor is run on --docs.
    #[arg(long)]
    system: Option<PathBuf>,
    /// Print JSON (parts, overall, notes) instead of the table.
    #[arg(long)]
    json: bool,
    /// List every miss and extra.
    #[arg(long)]
    verbose: bool,
    /// Reference date for the extractor (YYYY-MM-DD); default: each gold
    /// record's reference_date, else today.
    #[arg(long, value_parser = super::parse_date)]
    reference_date: Option<jiff::civil::Date>,
    /// Also check the gold file against the documents (texts occur verbatim,
    /// codes and types are known) and fail when it has problems.
    #[arg(long)]
    lint: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(clusters) = &args.clusters {
        return super::eval_clusters::run(
            clusters,
            args.system.as_deref(),
            args.docs.as_deref(),
            args.reference_date,
            args.json,
        );
    }
    let (Some(gold_path), Some(docs_path)) = (&args.gold, &args.docs) else {
        anyhow::bail!("--gold and --docs are needed (or --clusters)");
    };
    let gold = rasad_eval::load_gold(gold_path)?;
    // A gold file kept in the documents' folder (corpus/demo) is not a document.
    let skip = [gold_path.clone()];
    let mut docs = rasad_eval::load_docs_except(docs_path, &skip)
        .with_context(|| format!("reading the documents in {}", docs_path.display()))?;
    let system = match &args.system {
        Some(path) => rasad_eval::load_system(path)?,
        None => {
            let today = jiff::Zoned::now().date();
            let run = rasad_eval::extract_dir(docs_path, &skip, args.reference_date, &gold, today)?;
            for f in &run.failures {
                eprintln!("rasad: {f}");
            }
            // Spans count into the text the extractor read (for HTML, the visible text).
            docs.extend(run.texts);
            run.system
        }
    };
    if args.lint {
        let problems = rasad_eval::lint(&gold, &docs);
        for p in &problems {
            eprintln!("gold: {p}");
        }
        if !problems.is_empty() {
            anyhow::bail!(
                "{}: {} problem(s) in the gold records",
                gold_path.display(),
                problems.len()
            );
        }
    }
    let report = rasad_eval::score(&gold, &system, &docs);
    let out = if args.json {
        report.to_json(args.verbose) + "\n"
    } else {
        report.render(args.verbose)
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    lock.write_all(out.as_bytes())
        .context("writing to standard output")?;
    lock.flush().context("writing to standard output")?;
    Ok(ExitCode::SUCCESS)
}
