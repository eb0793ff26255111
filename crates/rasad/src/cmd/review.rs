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
use anyhow::{bail, Context};
use rasad_incidents::review::{
    incident_anchor, parse_count, Action, Anchor, Correction, Field, Mark,
};
use rasad_incidents::{Incident, PlaceInfo};
use rasad_store::{ReviewEntry, Store};
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

#[derive(clap::Subcommand)]
enum Command {
    /// Correct fields of an incident: `fatalities=N`, `injured=N`, `type=…`,
    /// `subtype=…`, `date=YYYY-MM-DD`, `place=NAME` (a gazetteer name, or
    /// `NAME@LAT,LON` for a place it lacks), `actor1=CODE;CODE`, `actor2=…`.
    Set {
        /// Incident id (from `rasad incidents`).
        id: String,
        /// `field=value` pairs.
        #[arg(required = true)]
        changes: Vec<String>,
    },
    /// Mark an incident `reviewed` or `unreviewed`, or its events `not-event`.
    Mark {
        id: String,
        #[arg(value_parser = ["reviewed", "unreviewed", "not-event"])]
        mark: String,
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
    let entries = entries(&args, &reviewer)?;
    let mut store = Store::open(args.db.path()).context("opening the store")?;
    let seqs = store.append_review(&entries)?;
    for (e, seq) in entries.iter().zip(&seqs) {
        println!("#{seq} {} {} {}", e.action, e.subject, describe(e));
    }
    Ok(ExitCode::SUCCESS)
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

/// The log entries a command writes (nothing is written when one is wrong).
fn entries(args: &Args, reviewer: &str) -> anyhow::Result<Vec<ReviewEntry>> {
    let at = jiff::Timestamp::now().to_string();
    let new = |anchor: Anchor, action: Action| Correction {
        seq: 0,
        at: at.clone(),
        reviewer: reviewer.to_string(),
        anchor,
        action,
        note: args.note.clone(),
    };
    if let Command::Note {
        target,
        subject,
        text,
    } = &args.command
    {
        return Ok(vec![note_entry(
            target, subject, text, &at, reviewer, args, new,
        )?]);
    }
    let incidents = built(&args.db)?.0;
    let corrections = match &args.command {
        Command::Set { id, changes } => {
            let inc = find(&incidents, id)?;
            let anchor = anchor_of(inc)?;
            let mut out = Vec::new();
            for change in changes {
                let (field, value, place) = parse_change(change)?;
                out.push(new(
                    anchor.clone(),
                    Action::Set {
                        field,
                        value,
                        place,
                    },
                ));
            }
            out
        }
        Command::Mark { id, mark } => mark_corrections(find(&incidents, id)?, mark, new)?,
        Command::Split { id, reports } => {
            let inc = find(&incidents, id)?;
            let chosen = chosen_reports(inc, reports)?;
            vec![new(anchor_of(inc)?, Action::Split { reports: chosen })]
        }
        Command::Merge { id, other } => {
            let (a, b) = (find(&incidents, id)?, find(&incidents, other)?);
            if a.id == b.id {
                bail!("an incident cannot be merged with itself");
            }
            vec![new(
                anchor_of(a)?,
                Action::Merge {
                    with: anchor_of(b)?,
                },
            )]
        }
        Command::Note { .. } | Command::Log { .. } => unreachable!("handled above"),
    };
    let incident_id = match &args.command {
        Command::Set { id, .. }
        | Command::Mark { id, .. }
        | Command::Split { id, .. }
        | Command::Merge { id, .. } => id.clone(),
        _ => unreachable!("handled above"),
    };
    corrections
        .into_iter()
        .map(|c| entry(&incidents, &incident_id, c))
        .collect()
}

fn find<'a>(incidents: &'a [Incident], id: &str) -> anyhow::Result<&'a Incident> {
    incidents
        .iter()
        .find(|i| i.id == id)
        .with_context(|| format!("no incident {id} (ids are printed by `rasad incidents`)"))
}

fn anchor_of(inc: &Incident) -> anyhow::Result<Anchor> {
    incident_anchor(inc).with_context(|| format!("incident {} has no reports", inc.id))
}

/// `mark`: one correction for the incident, or one per event for `not-event`.
fn mark_corrections(
    inc: &Incident,
    mark: &str,
    new: impl Fn(Anchor, Action) -> Correction,
) -> anyhow::Result<Vec<Correction>> {
    Ok(match mark {
        "reviewed" => vec![new(
            anchor_of(inc)?,
            Action::Mark {
                mark: Mark::Reviewed,
            },
        )],
        "unreviewed" => vec![new(
            anchor_of(inc)?,
            Action::Mark {
                mark: Mark::Unreviewed,
            },
        )],
        _ => inc
            .reports
            .iter()
            .map(|r| {
                new(
                    Anchor::of_ref(r),
                    Action::Mark {
                        mark: Mark::NotEvent,
                    },
                )
            })
            .collect(),
    })
}

/// `ARTICLE` (all its events in the incident) or `ARTICLE#EVENT`.
fn chosen_reports(inc: &Incident, names: &[String]) -> anyhow::Result<Vec<Anchor>> {
    let mut out = Vec::new();
    for name in names {
        let (article, event) = match name.rsplit_once('#') {
            Some((a, e)) => (
                a,
                Some(
                    e.parse::<usize>()
                        .with_context(|| format!("{name}: event after # is a number"))?,
                ),
            ),
            None => (name.as_str(), None),
        };
        let found: Vec<Anchor> = inc
            .reports
            .iter()
            .filter(|r| r.article == article && event.is_none_or(|e| r.event_index == e))
            .map(Anchor::of_ref)
            .collect();
        if found.is_empty() {
            bail!("incident {} has no report {name}", inc.id);
        }
        out.extend(found);
    }
    if out.len() >= inc.reports.len() {
        bail!(
            "a split must leave at least one report in incident {}",
            inc.id
        );
    }
    Ok(out)
}

/// `field=value` checked before anything is written.
fn parse_change(change: &str) -> anyhow::Result<(Field, String, Option<PlaceInfo>)> {
    let Some((name, value)) = change.split_once('=') else {
        bail!("{change}: expected field=value");
    };
    let names: Vec<&str> = Field::ALL.iter().map(|(n, _)| *n).collect();
    let field = Field::parse(name.trim())
        .with_context(|| format!("{name}: not a field ({})", names.join(", ")))?;
    let value = value.trim().to_string();
    match field {
        Field::Fatalities | Field::Injured if parse_count(&value).is_none() => {
            bail!("{name}={value}: a count is a number ≥ 0")
        }
        Field::Date if value.parse::<jiff::civil::Date>().is_err() => {
            bail!("date={value}: expected YYYY-MM-DD")
        }
        Field::Place => {
            let place = resolve_place(&value)?;
            return Ok((field, place.name.clone(), Some(place)));
        }
        _ if value.is_empty() => bail!("{name}: empty value"),
        _ => {}
    }
    Ok((field, value, None))
}

/// `NAME@LAT,LON` as written, or the gazetteer's most important place called NAME.
fn resolve_place(value: &str) -> anyhow::Result<PlaceInfo> {
    if let Some((name, coords)) = value.rsplit_once('@') {
        let (lat, lon) = coords
            .split_once(',')
            .and_then(|(a, b)| Some((a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?)))
            .filter(|(a, b)| a.abs() <= 90.0 && b.abs() <= 180.0)
            .with_context(|| format!("{value}: expected NAME@LAT,LON"))?;
        return Ok(PlaceInfo {
            name: name.trim().to_string(),
            id: None,
            lat: Some(lat),
            lon: Some(lon),
            admin1: None,
            kind: None,
        });
    }
    let g = rasad_gazetteer::Gazetteer::bundled();
    let Some(p) = g.lookup(value).into_iter().next() else {
        bail!("{value}: not in the gazetteer (give NAME@LAT,LON for a new place)");
    };
    Ok(PlaceInfo {
        name: p.name.clone(),
        id: Some(p.id.clone()),
        lat: p.lat.is_finite().then_some(p.lat),
        lon: p.lon.is_finite().then_some(p.lon),
        admin1: (!p.admin1.is_empty()).then(|| p.admin1.clone()),
        kind: Some(p.kind().to_string()),
    })
}

/// The log row of an incident correction, with the value extraction gave.
fn entry(incidents: &[Incident], id: &str, c: Correction) -> anyhow::Result<ReviewEntry> {
    let inc = find(incidents, id)?;
    let (action, field, old, new) = match &c.action {
        Action::Set { field, value, .. } => (
            "set",
            Some(field.name().to_string()),
            current(inc, *field),
            Some(value.clone()),
        ),
        Action::Mark { mark } => (
            "mark",
            Some(
                serde_json::to_value(mark)?
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            ),
            None,
            None,
        ),
        Action::Split { reports } => (
            "split",
            None,
            None,
            Some(
                reports
                    .iter()
                    .map(|a| format!("{}#{}", a.article, a.event_index))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        ),
        Action::Merge { with } => (
            "merge",
            None,
            None,
            Some(format!("{}#{}", with.article, with.event_index)),
        ),
        Action::Note { text } => ("note", None, None, Some(text.clone())),
    };
    Ok(ReviewEntry {
        seq: 0,
        at: c.at.clone(),
        reviewer: c.reviewer.clone(),
        target: "incident".into(),
        subject: id.to_string(),
        action: action.into(),
        field,
        old_value: old,
        new_value: new,
        note: c.note.clone(),
        payload: serde_json::to_string(&c)?,
    })
}

/// The value of `field` on the incident as shown now.
fn current(inc: &Incident, field: Field) -> Option<String> {
    let roles = |role: &str| {
        inc.actors
            .iter()
            .filter(|a| a.role == role)
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>()
            .join(";")
    };
    match field {
        Field::Fatalities => inc.fatalities.best.map(|v| v.to_string()),
        Field::Injured => inc.injured.best.map(|v| v.to_string()),
        Field::Type => Some(inc.kind.clone()),
        Field::Subtype => Some(inc.subtypes.join(";")),
        Field::Date => inc.date.clone(),
        Field::Place => inc.places.first().map(|p| p.name.clone()),
        Field::Actor1 => Some(roles("actor1")),
        Field::Actor2 => Some(roles("actor2")),
    }
}

/// A note on an incident (a correction) or on an article or outlet.
fn note_entry(
    target: &str,
    subject: &str,
    text: &str,
    at: &str,
    reviewer: &str,
    args: &Args,
    new: impl Fn(Anchor, Action) -> Correction,
) -> anyhow::Result<ReviewEntry> {
    if target == "incident" {
        let incidents = built(&args.db)?.0;
        let c = new(
            anchor_of(find(&incidents, subject)?)?,
            Action::Note {
                text: text.to_string(),
            },
        );
        return entry(&incidents, subject, c);
    }
    Ok(ReviewEntry {
        seq: 0,
        at: at.to_string(),
        reviewer: reviewer.to_string(),
        target: target.to_string(),
        subject: subject.to_string(),
        action: "note".into(),
        field: None,
        old_value: None,
        new_value: Some(text.to_string()),
        note: args.note.clone(),
        payload: serde_json::json!({ "note": text }).to_string(),
    })
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
            let why = e
                .note
                .as_deref()
                .map(|n| format!("  — {n}"))
                .unwrap_or_default();
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
