//! Subcommands. Each module has an `Args` (clap) and a `run` returning the exit
//! code.

pub mod actors;
pub mod demo;
pub mod eval;
pub mod eval_clusters;
pub mod extract;
pub mod gazetteer;
pub mod incidents;
pub mod ingest;
pub mod pipeline;
pub mod review;
pub mod search;
pub mod serve;

/// Parses `YYYY-MM-DD` for date options.
pub fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("not a date (YYYY-MM-DD): {e}"))
}

/// A reviewer's reason as printed after a review line (` — why`), or nothing.
pub fn why(note: Option<&str>) -> String {
    note.map(|n| format!(" — {n}")).unwrap_or_default()
}

/// True when the error chain ends in a closed pipe (`rasad … | head`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Nothing to do: Rust ignores SIGPIPE, and write errors of kind BrokenPipe are
/// turned into a clean exit by `main`.
pub fn reset_sigpipe() {}
