//! `rasad`: Arabic conflict news to evidence-linked event data.
//!
//! A thin command-line layer over the library crates; each subcommand lives in
//! `cmd/`.

mod cmd;

/// mimalloc instead of the system allocator: linking a window builds and
/// drops thousands of small maps and vectors per group, and glibc's malloc
/// and free were a third of the CPU time of a bulk link (DESIGN.md §14).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "rasad",
    version,
    about = "Arabic conflict news to evidence-linked event data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the extraction record of each document (one JSON object per line).
    Extract(cmd::extract::Args),
    /// Read articles into the store.
    Ingest(cmd::ingest::Args),
    /// Full-text search of the store.
    Search(cmd::search::Args),
    /// Score extraction against gold records.
    Eval(cmd::eval::Args),
    /// Look up or extend the gazetteer.
    #[command(subcommand)]
    Gazetteer(cmd::gazetteer::Command),
    /// Ingest the bundled demo corpus, then show a search and one record.
    Demo(cmd::demo::Args),
    /// List incidents: events of several articles merged.
    Incidents(cmd::incidents::ListArgs),
    /// One incident, every report's claims side by side.
    Incident(cmd::incidents::ShowArgs),
    /// A place's incidents over time, with the outlets that reported each.
    Timeline(cmd::incidents::TimelineArgs),
    /// Per outlet: articles, incidents, terms used for each actor, counts above or below others.
    Outlets(cmd::incidents::OutletsArgs),
    /// Export incidents: ACLED's columns (CSV, XLSX), GeoJSON or JSON lines;
    /// or events, claims and reports as Parquet tables.
    Export(cmd::incidents::ExportArgs),
    /// The actor codes `--actor` takes, with their names and terms.
    Actors(cmd::actors::Args),
    /// Check articles' casualty claims against a reference list of incidents.
    Verify(cmd::incidents::VerifyArgs),
    /// Correct, mark, split, merge and annotate incidents (an append-only review log).
    Review(cmd::review::Args),
    /// Serve the JSON API and the analyst pages over HTTP.
    Serve(cmd::serve::Args),
}

/// Diagnostics (a server's internal errors among them) go to standard error;
/// `RASAD_LOG` sets the filter (`info`, `rasad_serve=debug`; default `warn`).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("RASAD_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
}

fn main() -> ExitCode {
    cmd::reset_sigpipe();
    init_logging();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Search(a) => cmd::search::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Gazetteer(c) => cmd::gazetteer::run(c),
        Command::Demo(a) => cmd::demo::run(a),
        Command::Incidents(a) => cmd::incidents::list(a),
        Command::Incident(a) => cmd::incidents::show(a),
        Command::Timeline(a) => cmd::incidents::timeline(a),
        Command::Outlets(a) => cmd::incidents::outlets(a),
        Command::Export(a) => cmd::incidents::export(a),
        Command::Verify(a) => cmd::incidents::verify(a),
        Command::Actors(a) => cmd::actors::run(a),
        Command::Review(a) => cmd::review::run(a),
        Command::Serve(a) => cmd::serve::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if cmd::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("rasad: {e:#}");
            ExitCode::from(2)
        }
    }
}
