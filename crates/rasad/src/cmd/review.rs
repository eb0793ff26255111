//! `rasad review`: analysts' corrections, marks, splits, merges and notes,
//! written to the store's append-only review log and applied on top of
//! extraction by every command that shows incidents.
//!
//! ```text
//! rasad review --reviewer amal set inc-0a1b2c fatalities=12 place=دوما --note "hospital list"
//! rasad review --reviewer amal mark inc-0a1b2c reviewed
//! rasad review --reviewer amal split inc-0a1b2c article-7 article-9#1
//! rasad review --reviewer amal merge inc-0a1b2c inc-33d4e5
//! rasad review --reviewer amal note outlet "وكالة س" "state-owned; counts often low"
//! rasad review log
//! ```

use super::incidents::{built, Db};
use anyhow::bail;
use rasad_incidents::review_request::{self, Author, Request};
use rasad_store::ReviewEntry;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: Db,
    /// Who is reviewing (required for every change; or RASAD_REVIEWER).
    #[arg(long, env = "RASAD_REVIEWER")]
    reviewer: Option<String>,
    /// Why: a note kept with the change.
    #[arg(long, global = true)]
    note: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand, Clone)]
enum Command {
    /// Correct fields of an incident: `fatalities=N`, `injured=N`, `type=…`,
    /// `subtype=…`, `date=YYYY-MM-DD`, `place=NAME` (a gazetteer name, or
    /// `NAME@LAT,LON` for a place it lacks), `actor1=CODE;CODE`, `actor2=…`;
    /// one report's casualty claim: `claim.ARTICLE#EVENT.killed=N` (or
    /// `LOW-HIGH`), `.injured=…`, `.source=NAME`, `.group=CODE`,
    /// `.kind=killed|injured`.
    Set {
        /// Incident id (from `rasad incidents`).
        id: String,
        /// `field=value` pairs.
        #[arg(required = true)]
        changes: Vec<String>,
    },
    /// Mark an incident `reviewed` or `unreviewed`, or its events `not-event`
    /// (all of them, or only the REPORTS named: `ARTICLE` or `ARTICLE#EVENT`).
    Mark {
        id: String,
        #[arg(value_parser = ["reviewed", "unreviewed", "not-event"])]
        mark: String,
        reports: Vec<String>,
    },
    /// Move reports (`ARTICLE` or `ARTICLE#EVENT`) out of an incident into one of their own.
    Split {
        id: String,
        #[arg(required = true)]
        reports: Vec<String>,
    },
    /// Join two incidents.
    Merge { id: String, other: String },
    /// A note on an incident, an article or an outlet.
    Note {
        #[arg(value_parser = ["incident", "article", "outlet"])]
        target: String,
        subject: String,
        text: String,
    },
    /// The review log, oldest first (optionally only entries about SUBJECT).
    Log {
        subject: Option<String>,
        /// One JSON object per entry.
        #[arg(long)]
        json: bool,
    },
}

/// `rasad review`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Command::Log { subject, json } = &args.command {
        return log(&args.db, subject.as_deref(), *json);
    }
    let Some(reviewer) = args.reviewer.clone().filter(|r| !r.trim().is_empty()) else {
        bail!("say who is reviewing: --reviewer NAME (or RASAD_REVIEWER)");
    };
    let author = Author {
        reviewer,
        at: jiff::Timestamp::now().to_string(),
        note: args.note.clone(),
    };
    let entries = match &args.command {
        Command::Note {
            target,
            subject,
            text,
        } if target != "incident" => {
            vec![review_request::subject_note(target, subject, text, &author)
                .map_err(anyhow::Error::msg)?]
        }
        command => incident_entries(&args.db, &request(command), &author)?,
    };
    let mut store = super::incidents::open(&args.db)?;
    let seqs = store.append_review(&entries)?;
    for (e, seq) in entries.iter().zip(&seqs) {
        println!("#{seq} {} {} {}", e.action, e.subject, describe(e));
    }
    Ok(ExitCode::SUCCESS)
}

/// The library's request for a command about incidents.
fn request(command: &Command) -> Request {
    match command.clone() {
        Command::Set { id, changes } => Request::Set { id, changes },
        Command::Mark { id, mark, reports } => Request::Mark { id, mark, reports },
        Command::Split { id, reports } => Request::Split { id, reports },
        Command::Merge { id, other } => Request::Merge { id, other },
        Command::Note { subject, text, .. } => Request::Note { id: subject, text },
        Command::Log { .. } => unreachable!("the log writes nothing"),
    }
}

fn describe(e: &ReviewEntry) -> String {
    match (&e.field, &e.old_value, &e.new_value) {
        (Some(f), Some(o), Some(n)) => format!("{f}: {o} → {n}"),
        (Some(f), None, Some(n)) => format!("{f}: {n}"),
        (Some(f), _, None) => f.clone(),
        (None, _, Some(n)) => n.clone(),
        _ => String::new(),
    }
}

/// The log entries of a request about an incident (none written when one is wrong).
fn incident_entries(
    db: &Db,
    request: &Request,
    author: &Author,
) -> anyhow::Result<Vec<ReviewEntry>> {
    let incidents = built(db)?.0;
    review_request::entries(
        &incidents,
        request,
        author,
        &review_request::gazetteer_place,
    )
    .map_err(anyhow::Error::msg)
}

/// `rasad review log`.
fn log(db: &Db, subject: Option<&str>, json: bool) -> anyhow::Result<ExitCode> {
    let store = super::incidents::open(db)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for e in store.review_log()? {
        if subject.is_some_and(|s| s != e.subject) {
            continue;
        }
        if json {
            let v = serde_json::json!({
                "seq": e.seq, "at": e.at, "reviewer": e.reviewer, "target": e.target,
                "subject": e.subject, "action": e.action, "field": e.field,
                "old": e.old_value, "new": e.new_value, "note": e.note,
            });
            writeln!(out, "{v}")?;
        } else {
            let why = super::why(e.note.as_deref());
            writeln!(
                out,
                "#{} {} {} {} {} {} {}{why}",
                e.seq,
                e.at,
                e.reviewer,
                e.target,
                e.subject,
                e.action,
                describe(&e)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
