//! The Parquet export (`rasad export --format parquet --out DIR`): three
//! tables that join on (`article_id`, `event_index`):
//!
//! - `events.parquet`: one row per extracted event;
//! - `claims.parquet`: one row per casualty claim, with the events that
//!   carry it;
//! - `reports.parquet`: one row per report of an incident (an event of an
//!   article linked into it), with the article's outlet and URL.
//!
//! Events and claims are written from records streamed one at a time
//! ([`RecordTables::add`]); each table is written in row groups of
//! [`ROW_GROUP_ROWS`](crate::columnar::ROW_GROUP_ROWS) rows.

use crate::columnar::{epoch_day, Cell, Field, Kind, Table, TableError};
use crate::export::Links;
use crate::report::{reports, Report};
use crate::summary::Incident;
use rasad_record::{Casualty, Document};
use std::io::Write;

/// File names of the tables inside the export folder.
pub const EVENTS_FILE: &str = "events.parquet";
pub const CLAIMS_FILE: &str = "claims.parquet";
pub const REPORTS_FILE: &str = "reports.parquet";

use Kind::{Day, Flag, Float, Int, IntList, Text, TextList};

/// Columns of `events.parquet`. The place columns without `s` are the most
/// specific place (the first), with its gazetteer coordinates.
pub const EVENT_FIELDS: &[Field] = &[
    Field::required("article_id", Text),
    Field::required("event_index", Int),
    Field::optional("outlet", Text),
    Field::optional("published", Text),
    Field::optional("published_day", Day),
    Field::required("type", Text),
    Field::required("subtype", Text),
    Field::optional("date", Text),
    Field::optional("date_day", Day),
    Field::optional("date_precision", Text),
    Field::optional("date_basis", Text),
    Field::required("background", Flag),
    Field::required("certainty", Text),
    Field::optional("place_name", Text),
    Field::optional("place_id", Text),
    Field::optional("latitude", Float),
    Field::optional("longitude", Float),
    Field::optional("admin1", Text),
    Field::required("place_names", TextList),
    Field::required("place_ids", TextList),
    Field::required("actor1", TextList),
    Field::required("actor2", TextList),
    Field::required("associated", TextList),
    Field::required("attributed_to", TextList),
    Field::optional("killed_low", Float),
    Field::optional("killed_best", Float),
    Field::optional("killed_high", Float),
    Field::optional("injured_best", Float),
];

/// Columns of `claims.parquet`. Offsets count characters of the article's
/// original text (as every span of the record does).
pub const CLAIM_FIELDS: &[Field] = &[
    Field::required("article_id", Text),
    Field::required("claim_index", Int),
    Field::optional("event_index", Int),
    Field::required("event_indexes", IntList),
    Field::required("kind", Text),
    Field::optional("victims", Text),
    Field::optional("low", Float),
    Field::optional("best", Float),
    Field::optional("high", Float),
    Field::required("tally", Flag),
    Field::optional("period", Text),
    Field::optional("part_of", Int),
    Field::optional("source", Text),
    Field::required("start", Int),
    Field::required("end", Int),
    Field::required("mentions", Int),
    Field::required("mention_starts", IntList),
    Field::required("mention_ends", IntList),
];

/// Columns of `reports.parquet`.
pub const REPORT_FIELDS: &[Field] = &[
    Field::required("incident_id", Text),
    Field::required("article_id", Text),
    Field::required("event_index", Int),
    Field::required("main", Flag),
    Field::optional("outlet", Text),
    Field::optional("url", Text),
    Field::optional("published", Text),
    Field::optional("published_day", Day),
    Field::optional("copy_of", Text),
];

/// Rows written to each table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rows {
    pub events: usize,
    pub claims: usize,
}

/// The events and claims tables, fed one record at a time.
pub struct RecordTables<W: Write + Send> {
    events: Table<W>,
    claims: Table<W>,
}

fn text(s: Option<&str>) -> Cell {
    Cell::Text(s.map(str::to_string))
}

fn texts<'a>(v: impl IntoIterator<Item = &'a String>) -> Cell {
    Cell::TextList(v.into_iter().map(|s| Some(s.clone())).collect())
}

fn day(s: Option<&str>) -> Cell {
    Cell::Day(s.and_then(epoch_day))
}

/// A value serialized by serde as a bare string (`"explicit"`).
fn label<T: serde::Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

/// The row of one event: its report (dates, places with coordinates, actors
/// by role, toll) and the record's own fields.
fn event_row(doc: &Document, r: &Report) -> Vec<Cell> {
    let e = &doc.events[r.event_index];
    let published = r.published.as_deref();
    let background = r
        .date
        .as_deref()
        .zip(published)
        .is_some_and(|(d, p)| rasad_events::merge::background(d, p));
    let first = r.places.first();
    vec![
        Cell::Text(Some(doc.id.clone())),
        Cell::Int(Some(r.event_index as i64)),
        text(r.outlet.as_deref()),
        text(published),
        day(published),
        Cell::Text(Some(r.kind.clone())),
        Cell::Text(Some(r.subtype.clone())),
        text(r.date.as_deref()),
        day(r.date.as_deref()),
        Cell::Text(e.date.as_ref().and_then(|t| label(&t.precision))),
        Cell::Text(r.date_basis.as_ref().and_then(label)),
        Cell::Flag(Some(background)),
        Cell::Text(label(&r.certainty)),
        text(first.map(|p| p.name.as_str())),
        text(first.and_then(|p| p.id.as_deref())),
        Cell::Float(first.and_then(|p| p.lat)),
        Cell::Float(first.and_then(|p| p.lon)),
        text(first.and_then(|p| p.admin1.as_deref())),
        texts(r.places.iter().map(|p| &p.name)),
        Cell::TextList(r.places.iter().map(|p| p.id.clone()).collect()),
        texts(&r.actor1),
        texts(&r.actor2),
        texts(&r.associated),
        texts(&r.attributed_to),
        Cell::Float(r.killed.and_then(|c| c.low)),
        Cell::Float(r.killed.and_then(|c| c.best)),
        Cell::Float(r.killed.and_then(|c| c.high)),
        Cell::Float(r.injured.and_then(|c| c.best)),
    ]
}

/// Whether an event's casualty is the document's claim `c` (the event holds
/// a copy of it: same words, kind, side and figures).
fn same_claim(a: &Casualty, c: &Casualty) -> bool {
    a.span == c.span
        && a.kind == c.kind
        && a.group == c.group
        && a.low == c.low
        && a.best == c.best
        && a.high == c.high
}

/// The row of the document's claim `i`, with the indexes of the events that
/// carry it (the first is `event_index`).
fn claim_row(doc: &Document, i: usize) -> Vec<Cell> {
    let c = &doc.casualties[i];
    let events: Vec<i64> = doc
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.fatalities.iter().any(|f| same_claim(f, c)))
        .map(|(k, _)| k as i64)
        .collect();
    let n = |x: usize| Cell::Int(Some(x as i64));
    vec![
        Cell::Text(Some(doc.id.clone())),
        n(i),
        Cell::Int(events.first().copied()),
        Cell::IntList(events),
        Cell::Text(label(&c.kind)),
        text(c.group.as_deref()),
        Cell::Float(c.low),
        Cell::Float(c.best),
        Cell::Float(c.high),
        Cell::Flag(Some(c.tally)),
        text(c.period.as_deref()),
        Cell::Int(c.part_of.map(|p| p as i64)),
        text(c.attributed_to.as_deref()),
        n(c.span.start),
        n(c.span.end),
        n(1 + c.mentions.len()),
        Cell::IntList(c.mentions.iter().map(|s| s.start as i64).collect()),
        Cell::IntList(c.mentions.iter().map(|s| s.end as i64).collect()),
    ]
}

impl<W: Write + Send> RecordTables<W> {
    /// The two tables, written to `events` and `claims`.
    pub fn new(events: W, claims: W) -> Result<Self, TableError> {
        Ok(RecordTables {
            events: Table::new("events", EVENT_FIELDS, events)?,
            claims: Table::new("claims", CLAIM_FIELDS, claims)?,
        })
    }

    /// Adds a record's events and claims.
    pub fn add(&mut self, doc: &Document) -> Result<(), TableError> {
        // No text: the evidence sentences are not exported (the spans are
        // in the record), so the report needs none.
        for r in reports(doc, "") {
            self.events.push(event_row(doc, &r))?;
        }
        for i in 0..doc.casualties.len() {
            self.claims.push(claim_row(doc, i))?;
        }
        Ok(())
    }

    /// Writes the last row groups and the footers.
    pub fn finish(self) -> Result<Rows, TableError> {
        Ok(Rows {
            events: self.events.finish()?,
            claims: self.claims.finish()?,
        })
    }
}

/// Writes `reports.parquet` to `out`: one row per report of each incident,
/// in the incidents' order; returns the number of rows.
pub fn write_reports<W: Write + Send>(
    incidents: &[Incident],
    links: &Links,
    out: W,
) -> Result<usize, TableError> {
    let mut t = Table::new("reports", REPORT_FIELDS, out)?;
    for inc in incidents {
        for r in &inc.reports {
            t.push(vec![
                Cell::Text(Some(inc.id.clone())),
                Cell::Text(Some(r.article.clone())),
                Cell::Int(Some(r.event_index as i64)),
                Cell::Flag(Some(r.main)),
                text(r.outlet.as_deref()),
                text(links.url(&r.article)),
                text(r.published.as_deref()),
                day(r.published.as_deref()),
                text(r.copy_of.as_deref()),
            ])?;
        }
    }
    t.finish()
}
