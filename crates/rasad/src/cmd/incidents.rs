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
    /// Only incidents at this place (or inside it): any spelling, with
    /// proclitics (بإدلب) or in English (Idlib).
    #[arg(long)]
    place: Option<String>,
    /// Only incidents with this actor: a code in any case (isis), its English
    /// name or an Arabic term (داعش); `rasad actors` lists them.
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
    /// ACLED's 31 columns in ACLED's order with ACLED's labels, then rasad's
    /// (report URLs, toll range, each outlet's claim, review state).
    Csv,
    /// The same as `csv`.
    Acled,
    Geojson,
    Jsonl,
    /// The CSV's columns as an Excel workbook (binary: redirect to a file).
    Xlsx,
    /// Three Parquet tables in the `--out` folder: events.parquet (one row
    /// per extracted event), claims.parquet (one per casualty claim) and
    /// reports.parquet (one per report of an incident); they join on
    /// article_id and event_index.
    Parquet,
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
    /// Start the CSV with a byte-order mark, so Excel reads it as UTF-8.
    #[arg(long)]
    excel: bool,
    /// The folder Parquet tables are written to (created if missing);
    /// required with `--format parquet`, the other formats print to standard
    /// output. The filters select the incidents of reports.parquet; events
    /// and claims cover every stored article.
    #[arg(long)]
    out: Option<PathBuf>,
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

/// The reports of every stored article, read one article at a time (only
/// the reports are held, never every record and text at once).
fn all_reports(db: &Db) -> anyhow::Result<Vec<Report>> {
    let store = open(db)?;
    let mut out = Vec::new();
    store.each_article(0, |_, _, a| -> anyhow::Result<()> {
        let doc: Document =
            serde_json::from_str(&a.record).context("a stored record is not readable")?;
        out.extend(reports(&doc, &a.text));
        Ok(())
    })?;
    Ok(out)
}

/// The library's filters from the command line's; an actor no code or name
/// matches is an error, not an empty list.
fn filters(f: &Filters) -> anyhow::Result<corpus::Filters> {
    Ok(corpus::Filters {
        from: f.from,
        to: f.to,
        place: f.place.clone(),
        actor: f.actor.as_deref().map(super::actors::resolve).transpose()?,
    })
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
    let f = filters(&args.filters)?;
    let incidents = built(&args.db)?.0;
    let mut out = BufWriter::new(io::stdout().lock());
    for inc in incidents.iter().filter(|i| corpus::keep(i, &f)) {
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
        "date precision {} · place precision {}\n",
        inc.date_prec, inc.where_prec
    )?;
    write_reports(&mut out, inc)?;
    write_review(&mut out, inc)?;
    if !inc.disagreements.is_empty() {
        writeln!(out, "\nDisagreements:")?;
        for d in &inc.disagreements {
            writeln!(out, " • {}", disagreement(d))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Columns of the reports table of `rasad incident`.
const REPORT_COLUMNS: [&str; 7] = [
    "outlet",
    "article",
    "date",
    "type",
    "killed",
    "certainty",
    "actors",
];

/// One report as the cells of [`REPORT_COLUMNS`].
fn report_cells(r: &rasad_incidents::summary::ReportRef) -> [String; 7] {
    let killed = r
        .killed
        .map_or("–".to_string(), |k| match (k.low, k.best, k.high) {
            (Some(l), _, Some(h)) if l != h => format!("{}–{}", num(Some(l)), num(Some(h))),
            (l, b, _) => num(b.or(l)),
        });
    let actors = format!("{} → {}", r.actor1.join(", "), r.actor2.join(", "));
    let article = match &r.copy_of {
        Some(of) => format!("{} (copy of {of})", r.article),
        None => r.article.clone(),
    };
    [
        r.outlet.clone().unwrap_or_else(|| "?".into()),
        article,
        r.date.clone().unwrap_or_else(|| "?".into()),
        r.subtype.clone(),
        killed,
        format!("{:?}", r.certainty).to_lowercase(),
        actors,
    ]
}

/// The reports side by side, one row each (columns padded to their widest
/// cell, counted in characters), then each report's evidence.
fn write_reports(out: &mut impl Write, inc: &Incident) -> io::Result<()> {
    let rows: Vec<[String; 7]> = inc.reports.iter().map(report_cells).collect();
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([REPORT_COLUMNS[i].len()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..REPORT_COLUMNS.len()).map(width).collect();
    let pad = |cells: &[&str]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect();
        padded.join(" │ ").trim_end().to_string()
    };
    writeln!(out, "{}", pad(&REPORT_COLUMNS))?;
    writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "─".repeat(*w))
            .collect::<Vec<_>>()
            .join("─┼─")
    )?;
    for r in &rows {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        writeln!(out, "{}", pad(&cells))?;
    }
    for r in &inc.reports {
        for e in &r.evidence {
            writeln!(
                out,
                "\n{} ({}): {e}",
                r.outlet.as_deref().unwrap_or("?"),
                r.article
            )?;
        }
    }
    Ok(())
}

/// A disagreement in one line: what differs, then each outlet's value.
fn disagreement(d: &rasad_incidents::Disagreement) -> String {
    use rasad_incidents::Disagreement as D;
    fn each<T>(values: &[(String, T)], show: impl Fn(&T) -> String) -> String {
        values
            .iter()
            .map(|(who, v)| format!("{who}: {}", show(v)))
            .collect::<Vec<_>>()
            .join(" · ")
    }
    match d {
        D::Count { what, values } => format!("{what} count — {}", each(values, |n| num(Some(*n)))),
        D::Perpetrator { values } => format!("perpetrator — {}", each(values, |v| v.join(", "))),
        D::Outcome { values } => format!("outcome — {}", each(values, Clone::clone)),
        D::Certainty { values } => format!(
            "certainty — {}",
            each(values, |c| format!("{c:?}").to_lowercase())
        ),
        D::Terms { actor, values } => {
            format!("terms for {actor} — {}", each(values, |v| v.join(", ")))
        }
    }
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

/// `rasad export`. Incidents without a full date have no ACLED row: they
/// are counted on standard error.
pub fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let parquet = matches!(args.format, ExportFormat::Parquet);
    match (&args.out, parquet) {
        (None, true) => bail!("--format parquet writes a folder of tables: give it with --out DIR"),
        (Some(_), false) => {
            bail!("--out is for --format parquet; the other formats print to standard output")
        }
        _ => {}
    }
    let f = filters(&args.filters)?;
    // A spinner while the incidents are linked and written, on a terminal.
    let progress = super::ingest::progress_bar();
    progress.set_message("building incidents");
    let (incidents, store) = built(&args.db)?;
    progress.set_message("writing");
    let incidents: Vec<Incident> = incidents
        .into_iter()
        .filter(|i| corpus::keep(i, &f))
        .collect();
    let links = export::Links::new(store.urls()?);
    if let Some(dir) = &args.out {
        let n = export_parquet(&store, &incidents, &links, dir)?;
        progress.finish_and_clear();
        eprintln!(
            "rasad: {} event(s), {} claim(s), {} report(s) written to {}",
            n.events,
            n.claims,
            n.reports,
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let format = match args.format {
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Acled => Format::Acled,
        ExportFormat::Geojson => Format::GeoJson,
        ExportFormat::Jsonl => Format::JsonLines,
        ExportFormat::Xlsx => Format::Xlsx,
        ExportFormat::Parquet => unreachable!("written above"),
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if args.excel && matches!(format, Format::Csv | Format::Acled) {
        out.write_all(export::BOM.as_bytes())?;
    }
    let n = export::write(&incidents, format, &links, &mut out)?;
    out.flush()?;
    progress.finish_and_clear();
    if n.left_out > 0 {
        eprintln!(
            "rasad: {} incident(s) left out: their date is not a full day (ACLED's event_date must be one)",
            n.left_out
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Rows of the three Parquet tables.
struct ParquetRows {
    events: usize,
    claims: usize,
    reports: usize,
}

/// A file of the export folder, buffered.
fn create(dir: &std::path::Path, name: &str) -> anyhow::Result<BufWriter<std::fs::File>> {
    let path = dir.join(name);
    let f = std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
    Ok(BufWriter::new(f))
}

/// Writes events.parquet and claims.parquet from the stored records, read
/// one at a time in storage order, and reports.parquet from `incidents`.
fn export_parquet(
    store: &Store,
    incidents: &[Incident],
    links: &export::Links,
    dir: &std::path::Path,
) -> anyhow::Result<ParquetRows> {
    use rasad_incidents::tables::{self, RecordTables};
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut records = RecordTables::new(
        create(dir, tables::EVENTS_FILE)?,
        create(dir, tables::CLAIMS_FILE)?,
    )?;
    store.each_article(0, |_, _, article| -> anyhow::Result<()> {
        // A record this rasad cannot read (a newer version's) has no rows,
        // as in the incidents.
        if let Ok(doc) = serde_json::from_str::<Document>(&article.record) {
            records.add(&doc)?;
        }
        Ok(())
    })?;
    let n = records.finish()?;
    let reports = tables::write_reports(incidents, links, create(dir, tables::REPORTS_FILE)?)?;
    Ok(ParquetRows {
        events: n.events,
        claims: n.claims,
        reports,
    })
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
    let all = all_reports(&args.db)?;
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
