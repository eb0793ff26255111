//! `rasad incidents`, `incident`, `timeline`, `outlets`, `export`, `verify`:
//! incidents built from the stored extraction records.
//!
//! Incidents live in the store (`rasad_incidents::persist`): ingest links
//! each new article into them, these commands read them (linking first any
//! article stored but not linked yet) and apply the review log on top;
//! `rasad incidents --rebuild` links the whole store again.

use anyhow::{bail, Context};
use rasad_incidents::corpus::{self, at_place};
use rasad_incidents::export::{self, Format};
use rasad_incidents::verify::{self, Columns, Label};
use rasad_incidents::{persist, review};
use rasad_incidents::{reports, Incident, Report, Settings};
use rasad_record::Document;
use rasad_store::Store;
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The database option shared by these commands.
#[derive(clap::Args, Clone)]
pub struct Db {
    /// The article database.
    #[arg(long, default_value = "rasad.db")]
    db: PathBuf,
}

/// Filters shared by `incidents` and `export`.
#[derive(clap::Args, Clone)]
pub struct Filters {
    /// Only incidents on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = super::parse_date)]
    from: Option<jiff::civil::Date>,
    /// Only incidents on or before this date.
    #[arg(long, value_parser = super::parse_date)]
    to: Option<jiff::civil::Date>,
    /// Only incidents at this place (or inside it).
    #[arg(long)]
    place: Option<String>,
    /// Only incidents with this actor code (ISIS, SYR_GOV, …).
    #[arg(long)]
    actor: Option<String>,
}

#[derive(clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    db: Db,
    #[command(flatten)]
    filters: Filters,
    /// One JSON object per incident.
    #[arg(long)]
    json: bool,
    /// Forget the stored incidents and link every article again first.
    #[arg(long)]
    rebuild: bool,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    #[command(flatten)]
    db: Db,
    /// Incident id (from `rasad incidents`).
    id: String,
    /// The incident as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    db: Db,
    /// Place name (any spelling; clitics and the article are ignored).
    place: String,
}

#[derive(clap::Args)]
pub struct OutletsArgs {
    #[command(flatten)]
    db: Db,
    /// One JSON object per outlet.
    #[arg(long)]
    json: bool,
}

#[derive(clap::ValueEnum, Clone, Copy)]
pub enum ExportFormat {
    Csv,
    /// ACLED's own columns, plus `reviewed` and `corrected`.
    Acled,
    Geojson,
    Jsonl,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    db: Db,
    #[command(flatten)]
    filters: Filters,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    format: ExportFormat,
}

#[derive(clap::Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    db: Db,
    /// Reference incidents: CSV with date, place, fatalities (docs/verify.md).
    #[arg(long)]
    reference: PathBuf,
    /// Read the reference with ACLED's column names.
    #[arg(long)]
    acled: bool,
    /// Column mapping, `field=column,...` (fields: date, place, fatalities, latitude, longitude).
    #[arg(long)]
    columns: Option<String>,
    /// One JSON object per claim.
    #[arg(long)]
    json: bool,
}

/// Opens an existing store (a missing one is an error, not a new file).
pub fn open(db: &Db) -> anyhow::Result<Store> {
    if !db.db.exists() {
        bail!(
            "no database at {} (run `rasad ingest` first)",
            db.db.display()
        );
    }
    Store::open(&db.db).with_context(|| format!("opening {}", db.db.display()))
}

/// The stored incidents with the review log applied, and the store. Articles
/// stored but not linked yet (by an older rasad, or an ingest that stopped)
/// are linked first. Corrections whose event is gone are reported on
/// standard error, never dropped silently.
pub fn built(db: &Db) -> anyhow::Result<(Vec<Incident>, Store)> {
    let mut store = open(db)?;
    persist::catch_up(&mut store).context("linking new articles into incidents")?;
    let (corrections, unreadable) = review::from_store(&store)?;
    for seq in unreadable {
        eprintln!("review #{seq}: written by a newer rasad, not applied");
    }
    let (incidents, unresolved) = persist::reviewed(&store, &corrections)?;
    for u in unresolved {
        eprintln!(
            "review #{}: event {}#{} is no longer in the store, not applied",
            u.seq, u.anchor.article, u.anchor.event_index
        );
    }
    Ok((incidents, store))
}

/// Every stored record with its text, in storage order.
fn load(db: &Db) -> anyhow::Result<Vec<(Document, String)>> {
    let store = open(db)?;
    let conn = store.connection();
    let mut stmt = conn.prepare("SELECT record, text FROM articles ORDER BY rowid")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (record, text) = row?;
        let doc: Document =
            serde_json::from_str(&record).context("a stored record is not readable")?;
        out.push((doc, text));
    }
    Ok(out)
}

/// The library's filters from the command line's.
fn filters(f: &Filters) -> corpus::Filters {
    corpus::Filters {
        from: f.from,
        to: f.to,
        place: f.place.clone(),
        actor: f.actor.clone(),
    }
}

fn keep(inc: &Incident, f: &Filters) -> bool {
    corpus::keep(inc, &filters(f))
}

fn num(x: Option<f64>) -> String {
    x.map(|v| format!("{v}")).unwrap_or_else(|| "?".into())
}

fn outlets_of(inc: &Incident) -> String {
    let mut v: Vec<String> = inc
        .reports
        .iter()
        .map(|r| r.outlet.clone().unwrap_or_else(|| r.article.clone()))
        .collect();
    v.sort();
    v.dedup();
    v.join("، ")
}

fn line(inc: &Incident) -> String {
    let actors: Vec<String> = inc
        .actors
        .iter()
        .map(|a| format!("{}:{}", a.role, a.id))
        .collect();
    format!(
        "{}  {}  {}/{}  {}  killed {}–{} (best {})  {} report(s), {} disagreement(s)  [{}]  {}",
        inc.id,
        inc.date.as_deref().unwrap_or("????"),
        inc.kind,
        inc.subtypes.join("|"),
        inc.places.first().map(|p| p.name.as_str()).unwrap_or("?"),
        num(inc.fatalities.low),
        num(inc.fatalities.high),
        num(inc.fatalities.best),
        inc.reports.len(),
        inc.disagreements.len(),
        actors.join(" "),
        outlets_of(inc),
    )
}

/// `rasad incidents`.
pub fn list(args: ListArgs) -> anyhow::Result<ExitCode> {
    if args.rebuild {
        let n = persist::rebuild(&mut open(&args.db)?).context("linking the store again")?;
        eprintln!("rasad: linked {n} article(s) again");
    }
    let incidents = built(&args.db)?.0;
    let mut out = BufWriter::new(io::stdout().lock());
    for inc in incidents.iter().filter(|i| keep(i, &args.filters)) {
        if args.json {
            serde_json::to_writer(&mut out, inc)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", line(inc))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `rasad incident ID`: every report's claims side by side.
pub fn show(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let incidents = built(&args.db)?.0;
    let Some(inc) = incidents.iter().find(|i| i.id == args.id) else {
        bail!("no incident {}", args.id);
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, inc)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{}", line(inc))?;
    writeln!(
        out,
        "date precision {} · place precision {}",
        inc.date_prec, inc.where_prec
    )?;
    for r in &inc.reports {
        writeln!(
            out,
            "\n── {} ({}) ──",
            r.outlet.as_deref().unwrap_or("?"),
            r.article
        )?;
        writeln!(
            out,
            "   {} · {} · {:?}",
            r.subtype,
            r.date.as_deref().unwrap_or("?"),
            r.certainty
        )?;
        writeln!(out, "   actor1 {:?} · actor2 {:?}", r.actor1, r.actor2)?;
        if let Some(k) = r.killed {
            writeln!(
                out,
                "   killed {} (low {}, high {})",
                num(k.best),
                num(k.low),
                num(k.high)
            )?;
        }
        for e in &r.evidence {
            writeln!(out, "   « {e} »")?;
        }
    }
    write_review(&mut out, inc)?;
    if !inc.disagreements.is_empty() {
        writeln!(out, "\nDisagreements:")?;
        for d in &inc.disagreements {
            writeln!(out, " • {}", serde_json::to_string(d)?)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The review of an incident: its state and each correction, the extracted
/// value next to the reviewer's.
fn write_review(out: &mut impl Write, inc: &Incident) -> io::Result<()> {
    if !inc.reviewed && inc.corrections.is_empty() {
        return Ok(());
    }
    let state = if inc.reviewed {
        "reviewed"
    } else {
        "not reviewed"
    };
    writeln!(out, "\nReview ({state}):")?;
    for c in &inc.corrections {
        let change = match (&c.original, &c.value) {
            (Some(o), Some(v)) => format!(": {o} → {v}"),
            (None, Some(v)) => format!(": {v}"),
            _ => String::new(),
        };
        let why = super::why(c.note.as_deref());
        writeln!(
            out,
            " #{} {} {} {}{change}{why}",
            c.seq, c.at, c.reviewer, c.what
        )?;
    }
    Ok(())
}

/// `rasad timeline PLACE`.
pub fn timeline(args: TimelineArgs) -> anyhow::Result<ExitCode> {
    let incidents = built(&args.db)?.0;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut n = 0;
    for inc in incidents.iter().filter(|i| at_place(i, &args.place)) {
        n += 1;
        writeln!(
            out,
            "{}  {:<28} killed {}  {}  ← {}",
            inc.date.as_deref().unwrap_or("????"),
            format!(
                "{}/{}",
                inc.kind,
                inc.subtypes.first().map(String::as_str).unwrap_or("")
            ),
            num(inc.fatalities.best),
            inc.id,
            outlets_of(inc)
        )?;
    }
    if n == 0 {
        writeln!(out, "no incidents at {}", args.place)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `rasad outlets`.
pub fn outlets(args: OutletsArgs) -> anyhow::Result<ExitCode> {
    let (incidents, store) = built(&args.db)?;
    let stats = persist::outlet_stats(&store, &incidents)?;
    let notes = outlet_notes(&args.db)?;
    let mut out = BufWriter::new(io::stdout().lock());
    for s in stats {
        let mine: Vec<&(String, String)> = notes.iter().filter(|(o, _)| *o == s.outlet).collect();
        if args.json {
            let mut v = serde_json::to_value(&s)?;
            let texts: Vec<&str> = mine.iter().map(|(_, t)| t.as_str()).collect();
            v["notes"] = serde_json::json!(texts);
            serde_json::to_writer(&mut out, &v)?;
            writeln!(out)?;
            continue;
        }
        for (_, text) in &mine {
            writeln!(out, "{}	note: {text}", s.outlet)?;
        }
        {
            let terms: Vec<String> = s
                .terms
                .iter()
                .map(|(k, v)| format!("{k}: {}", v.join("، ")))
                .collect();
            writeln!(
                out,
                "{}\t{} article(s)\t{} incident(s)\tcounts above/equal/below others: {}/{}/{}\n\t{}",
                s.outlet, s.articles, s.incidents, s.counts_above, s.counts_equal, s.counts_below,
                terms.join(" · ")
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Reviewers' notes on outlets, oldest first: (outlet, "text (reviewer, date)").
fn outlet_notes(db: &Db) -> anyhow::Result<Vec<(String, String)>> {
    let log = open(db)?.review_log()?;
    Ok(log
        .into_iter()
        .filter(|e| e.target == "outlet")
        .map(|e| {
            let day = e.at.get(..10).unwrap_or(&e.at).to_string();
            let text = e.new_value.unwrap_or_default();
            (e.subject, format!("{text} ({}, {day})", e.reviewer))
        })
        .collect())
}

/// `rasad export`.
pub fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let incidents: Vec<Incident> = built(&args.db)?
        .0
        .into_iter()
        .filter(|i| keep(i, &args.filters))
        .collect();
    let format = match args.format {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Acled => Format::Acled,
        ExportFormat::Geojson => Format::GeoJson,
        ExportFormat::Jsonl => Format::JsonLines,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    export::write(&incidents, format, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `rasad verify`.
pub fn verify(args: VerifyArgs) -> anyhow::Result<ExitCode> {
    let mut cols = if args.acled {
        Columns::acled()
    } else {
        Columns::default()
    };
    if let Some(spec) = &args.columns {
        cols = cols.with_mapping(spec).map_err(anyhow::Error::msg)?;
    }
    let data = std::fs::read(&args.reference)
        .with_context(|| format!("reading {}", args.reference.display()))?;
    let reference = verify::read_reference(&data, &cols)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.reference.display()))?;
    let docs = load(&args.db)?;
    let all: Vec<Report> = docs.iter().flat_map(|(d, t)| reports(d, t)).collect();
    let checks = verify::check(&all, &reference, Settings::default().max_km);
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        for c in &checks {
            serde_json::to_writer(&mut out, c)?;
            writeln!(out)?;
        }
    } else {
        let mut by_article: BTreeMap<&str, Vec<&verify::ClaimCheck>> = BTreeMap::new();
        for c in &checks {
            by_article.entry(&c.article).or_default().push(c);
        }
        for (article, cs) in &by_article {
            writeln!(out, "{article}: {:?}", verify::article_label(cs))?;
            for c in cs {
                let reference = c
                    .reference
                    .as_ref()
                    .map(|r| format!("{} {} {}", r.date, r.place, r.fatalities));
                writeln!(
                    out,
                    "   {:?}: claims {} killed at {} on {} (reference: {})",
                    c.label,
                    c.claimed,
                    c.place.as_deref().unwrap_or("?"),
                    c.date.as_deref().unwrap_or("?"),
                    reference.unwrap_or_else(|| "none".into())
                )?;
            }
        }
        let count = |l: Label| checks.iter().filter(|c| c.label == l).count();
        writeln!(
            out,
            "{} claim(s): {} consistent, {} inconsistent, {} unmatched",
            checks.len(),
            count(Label::Consistent),
            count(Label::Inconsistent),
            count(Label::Unmatched)
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
