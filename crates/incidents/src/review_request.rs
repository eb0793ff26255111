//! What a reviewer asks for (from the CLI or the API), turned into review-log
//! corrections against the incidents as they are shown now.
//!
//! Both `rasad review` and `POST /api/review` go through [`corrections`], so a
//! change means the same thing whichever way it was made, and is checked
//! before anything is written.

use crate::review::claim::{self, ClaimField};
use crate::review::{
    current, incident_anchor, parse_count, Action, Anchor, Correction, Field, Mark,
};
use crate::{Incident, PlaceInfo};
use rasad_store::ReviewEntry;
use serde::Deserialize;

/// A reviewer's request about incidents (ids as `rasad incidents` prints them).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Request {
    /// `field=value` changes (see [`Field::ALL`]).
    Set { id: String, changes: Vec<String> },
    /// `reviewed`, `unreviewed` or `not-event` (of every event of the
    /// incident, or only of `reports`: `ARTICLE` or `ARTICLE#EVENT`).
    Mark {
        id: String,
        mark: String,
        #[serde(default)]
        reports: Vec<String>,
    },
    /// Reports (`ARTICLE` or `ARTICLE#EVENT`) moved into an incident of their own.
    Split { id: String, reports: Vec<String> },
    /// Two incidents joined.
    Merge { id: String, other: String },
    /// A note on the incident.
    Note { id: String, text: String },
}

impl Request {
    /// The incident the request is about.
    pub fn id(&self) -> &str {
        match self {
            Request::Set { id, .. }
            | Request::Mark { id, .. }
            | Request::Split { id, .. }
            | Request::Merge { id, .. }
            | Request::Note { id, .. } => id,
        }
    }
}

/// Who, when and why, shared by the corrections of one request.
#[derive(Debug, Clone)]
pub struct Author {
    pub reviewer: String,
    /// RFC 3339.
    pub at: String,
    pub note: Option<String>,
}

/// Finds a place for `place=NAME` (the gazetteer lives outside this crate).
pub type PlaceResolver<'a> = &'a dyn Fn(&str) -> Result<PlaceInfo, String>;

/// The corrections a request makes, checked against `incidents`; an error
/// says what is wrong, and nothing should be written then.
pub fn corrections(
    incidents: &[Incident],
    request: &Request,
    author: &Author,
    places: PlaceResolver,
) -> Result<Vec<Correction>, String> {
    if author.reviewer.trim().is_empty() {
        return Err("say who is reviewing (a reviewer name)".into());
    }
    let new = |anchor: Anchor, action: Action| Correction {
        seq: 0,
        at: author.at.clone(),
        reviewer: author.reviewer.clone(),
        anchor,
        action,
        note: author.note.clone(),
    };
    let inc = find(incidents, request.id())?;
    match request {
        Request::Set { changes, .. } => {
            if changes.is_empty() {
                return Err("nothing to set (field=value)".into());
            }
            let anchor = anchor_of(inc)?;
            changes
                .iter()
                .map(|c| {
                    if let Some(found) = claim_change(inc, c) {
                        let (anchor, part, value) = found?;
                        return Ok(new(anchor, Action::Claim { part, value }));
                    }
                    let (field, value, place) = parse_change(c, places)?;
                    Ok(new(
                        anchor.clone(),
                        Action::Set {
                            field,
                            value,
                            place,
                        },
                    ))
                })
                .collect()
        }
        Request::Mark { mark, reports, .. } => mark_corrections(inc, mark, reports, new),
        Request::Split { reports, .. } => {
            let chosen = chosen_reports(inc, reports)?;
            Ok(vec![new(
                anchor_of(inc)?,
                Action::Split { reports: chosen },
            )])
        }
        Request::Merge { other, .. } => {
            let b = find(incidents, other)?;
            if inc.id == b.id {
                return Err("an incident cannot be merged with itself".into());
            }
            let with = anchor_of(b)?;
            Ok(vec![new(anchor_of(inc)?, Action::Merge { with })])
        }
        Request::Note { text, .. } if text.trim().is_empty() => Err("an empty note".into()),
        Request::Note { text, .. } => {
            let text = text.clone();
            Ok(vec![new(anchor_of(inc)?, Action::Note { text })])
        }
    }
}

fn find<'a>(incidents: &'a [Incident], id: &str) -> Result<&'a Incident, String> {
    incidents
        .iter()
        .find(|i| i.id == id)
        .ok_or_else(|| format!("no incident {id} (ids are printed by `rasad incidents`)"))
}

fn anchor_of(inc: &Incident) -> Result<Anchor, String> {
    incident_anchor(inc).ok_or_else(|| format!("incident {} has no reports", inc.id))
}

/// `claim.REPORT.PART=VALUE` about one report of `inc` (`None` when the
/// change is about the incident's own fields).
fn claim_change(
    inc: &Incident,
    change: &str,
) -> Option<Result<(Anchor, ClaimField, String), String>> {
    let (name, value) = change.split_once('=')?;
    let found = claim::split_name(name.trim())?;
    let value = value.trim().to_string();
    Some(found.and_then(|(report, part)| {
        claim::check(part, &value)?;
        let (article, event) = match report.rsplit_once('#') {
            Some((a, e)) => (a, e.parse::<usize>().ok()),
            None => (report, None),
        };
        let mut hits = inc
            .reports
            .iter()
            .filter(|r| r.article == article && event.is_none_or(|e| r.event_index == e));
        match (hits.next(), hits.next()) {
            (Some(r), None) => Ok((Anchor::of_ref(r), part, value)),
            (None, _) => Err(format!("incident {} has no report {report}", inc.id)),
            _ => Err(format!("{report}: name the event (ARTICLE#EVENT)")),
        }
    }))
}

/// A claim's value as the incident shows it now (for the log's old value).
fn current_claim(inc: &Incident, a: &Anchor, part: ClaimField) -> Option<String> {
    let of = |t: &crate::summary::Tally| t.claims.iter().find(|c| c.article == a.article).cloned();
    let value = match part {
        ClaimField::Killed => of(&inc.fatalities).and_then(|c| c.count.best),
        ClaimField::Injured => of(&inc.injured).and_then(|c| c.count.best),
        ClaimField::Source => {
            return of(&inc.fatalities)
                .or(of(&inc.injured))
                .and_then(|c| c.source);
        }
        ClaimField::Group | ClaimField::Kind => return None,
    };
    value.map(|v| v.to_string())
}

/// `mark`: one correction for the incident, or one per event for `not-event`.
fn mark_corrections(
    inc: &Incident,
    mark: &str,
    reports: &[String],
    new: impl Fn(Anchor, Action) -> Correction,
) -> Result<Vec<Correction>, String> {
    if !reports.is_empty() && mark != "not-event" {
        return Err(format!("{mark} marks the whole incident: name no reports"));
    }
    let whole = |mark| Ok(vec![new(anchor_of(inc)?, Action::Mark { mark })]);
    let events = if reports.is_empty() {
        inc.reports.iter().map(Anchor::of_ref).collect()
    } else {
        named_reports(inc, reports)?
    };
    match mark {
        "reviewed" => whole(Mark::Reviewed),
        "unreviewed" => whole(Mark::Unreviewed),
        "not-event" => Ok(events
            .into_iter()
            .map(|a| {
                new(
                    a,
                    Action::Mark {
                        mark: Mark::NotEvent,
                    },
                )
            })
            .collect()),
        other => Err(format!(
            "{other}: a mark is reviewed, unreviewed or not-event"
        )),
    }
}

/// `ARTICLE` (all its events in the incident) or `ARTICLE#EVENT`; a split
/// must leave at least one report behind.
fn chosen_reports(inc: &Incident, names: &[String]) -> Result<Vec<Anchor>, String> {
    let out = named_reports(inc, names)?;
    if out.is_empty() || out.len() >= inc.reports.len() {
        return Err(format!(
            "a split must move some reports and leave at least one in incident {}",
            inc.id
        ));
    }
    Ok(out)
}

/// The reports of `inc` named `ARTICLE` (all its events in the incident) or
/// `ARTICLE#EVENT`; each name must find one.
fn named_reports(inc: &Incident, names: &[String]) -> Result<Vec<Anchor>, String> {
    let mut out = Vec::new();
    for name in names {
        let (article, event) = match name.rsplit_once('#') {
            Some((a, e)) => {
                let e = e
                    .parse::<usize>()
                    .map_err(|_| format!("{name}: the event after # is a number"))?;
                (a, Some(e))
            }
            None => (name.as_str(), None),
        };
        let found: Vec<Anchor> = inc
            .reports
            .iter()
            .filter(|r| r.article == article && event.is_none_or(|e| r.event_index == e))
            .map(Anchor::of_ref)
            .collect();
        if found.is_empty() {
            return Err(format!("incident {} has no report {name}", inc.id));
        }
        out.extend(found);
    }
    Ok(out)
}

/// `field=value`, checked: counts are numbers ≥ 0, dates `YYYY-MM-DD`,
/// places found by `places` (or written `NAME@LAT,LON`).
pub fn parse_change(
    change: &str,
    places: PlaceResolver,
) -> Result<(Field, String, Option<PlaceInfo>), String> {
    let Some((name, value)) = change.split_once('=') else {
        return Err(format!("{change}: expected field=value"));
    };
    let names: Vec<&str> = Field::ALL.iter().map(|(n, _)| *n).collect();
    let field = Field::parse(name.trim())
        .ok_or_else(|| format!("{name}: not a field ({})", names.join(", ")))?;
    let value = value.trim().to_string();
    match field {
        Field::Fatalities | Field::Injured if parse_count(&value).is_none() => {
            Err(format!("{name}={value}: a count is a number ≥ 0"))
        }
        Field::Date if value.parse::<jiff::civil::Date>().is_err() => {
            Err(format!("date={value}: expected YYYY-MM-DD"))
        }
        Field::Place => {
            let place = match written_place(&value) {
                Some(p) => p?,
                None => places(&value)?,
            };
            Ok((field, place.name.clone(), Some(place)))
        }
        _ if value.is_empty() => Err(format!("{name}: empty value")),
        _ => Ok((field, value, None)),
    }
}

/// The bundled gazetteer's most important place called `name` (any spelling).
pub fn gazetteer_place(name: &str) -> Result<PlaceInfo, String> {
    let g = rasad_gazetteer::Gazetteer::bundled();
    let Some(p) = g.lookup(name).into_iter().next() else {
        return Err(format!(
            "{name}: not in the gazetteer (give NAME@LAT,LON for a new place)"
        ));
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

/// `NAME@LAT,LON`: a place the gazetteer lacks, with its coordinates.
fn written_place(value: &str) -> Option<Result<PlaceInfo, String>> {
    let (name, coords) = value.rsplit_once('@')?;
    let latlon = coords
        .split_once(',')
        .and_then(|(a, b)| Some((a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?)))
        .filter(|(a, b)| a.abs() <= 90.0 && b.abs() <= 180.0 && !name.trim().is_empty());
    Some(match latlon {
        Some((lat, lon)) => Ok(PlaceInfo {
            name: name.trim().to_string(),
            id: None,
            lat: Some(lat),
            lon: Some(lon),
            admin1: None,
            kind: None,
        }),
        None => Err(format!("{value}: expected NAME@LAT,LON")),
    })
}

/// The review-log entries of a request (checked first: nothing to write when
/// any part of it is wrong).
pub fn entries(
    incidents: &[Incident],
    request: &Request,
    author: &Author,
    places: PlaceResolver,
) -> Result<Vec<ReviewEntry>, String> {
    let list = corrections(incidents, request, author, places)?;
    let inc = find(incidents, request.id())?;
    Ok(list.iter().map(|c| entry(inc, c)).collect())
}

/// The log row of an incident correction, with the value shown before it.
pub fn entry(inc: &Incident, c: &Correction) -> ReviewEntry {
    let (action, field, old_value, new_value) = log_columns(inc, c);
    ReviewEntry {
        seq: 0,
        at: c.at.clone(),
        reviewer: c.reviewer.clone(),
        target: "incident".into(),
        subject: inc.id.clone(),
        action: action.into(),
        field,
        old_value,
        new_value,
        note: c.note.clone(),
        payload: serde_json::to_string(c).expect("a correction is plain data"),
    }
}

/// A note on an article or an outlet (`target` is `article` or `outlet`).
pub fn subject_note(
    target: &str,
    subject: &str,
    text: &str,
    author: &Author,
) -> Result<ReviewEntry, String> {
    if !matches!(target, "article" | "outlet") {
        return Err(format!(
            "{target}: notes go on an incident, an article or an outlet"
        ));
    }
    if author.reviewer.trim().is_empty() || text.trim().is_empty() {
        return Err("a note needs a reviewer and a text".into());
    }
    Ok(ReviewEntry {
        seq: 0,
        at: author.at.clone(),
        reviewer: author.reviewer.clone(),
        target: target.to_string(),
        subject: subject.to_string(),
        action: "note".into(),
        field: None,
        old_value: None,
        new_value: Some(text.to_string()),
        note: author.note.clone(),
        payload: serde_json::json!({ "note": text }).to_string(),
    })
}

type Columns = (&'static str, Option<String>, Option<String>, Option<String>);

/// The log columns of a correction: action, field, the value shown now and
/// the value given.
fn log_columns(inc: &Incident, c: &Correction) -> Columns {
    let at = |a: &Anchor| format!("{}#{}", a.article, a.event_index);
    match &c.action {
        Action::Set { field, value, .. } => (
            "set",
            Some(field.name().into()),
            current(inc, *field),
            Some(value.clone()),
        ),
        Action::Mark { mark } => {
            let name = match mark {
                Mark::Reviewed => "reviewed",
                Mark::Unreviewed => "unreviewed",
                Mark::NotEvent => "not-event",
            };
            ("mark", Some(name.into()), None, None)
        }
        Action::Split { reports } => (
            "split",
            None,
            None,
            Some(reports.iter().map(at).collect::<Vec<_>>().join(" ")),
        ),
        Action::Merge { with } => ("merge", None, None, Some(at(with))),
        Action::Note { text } => ("note", None, None, Some(text.clone())),
        Action::Claim { part, value } => {
            let shown = |v: &str| format!("{} {}={v}", at(&c.anchor), part.name());
            (
                "set",
                Some("claim".into()),
                current_claim(inc, &c.anchor, *part).map(|v| shown(&v)),
                Some(shown(value)),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_places(name: &str) -> Result<PlaceInfo, String> {
        Err(format!("{name}: not in the gazetteer"))
    }

    #[test]
    fn changes_are_checked_before_anything_is_written() {
        type Want = Result<(Field, &'static str), &'static str>;
        let table: &[(&str, Want)] = &[
            ("fatalities=12", Ok((Field::Fatalities, "12"))),
            ("injured = 3", Ok((Field::Injured, "3"))),
            ("date=2019-05-11", Ok((Field::Date, "2019-05-11"))),
            ("actor1=ISIS;SYR_GOV", Ok((Field::Actor1, "ISIS;SYR_GOV"))),
            ("place=حي الجامع@35.6,36.6", Ok((Field::Place, "حي الجامع"))),
            ("fatalities=-1", Err("a count")),
            ("fatalities=many", Err("a count")),
            ("date=11/05/2019", Err("YYYY-MM-DD")),
            ("toll=3", Err("not a field")),
            ("fatalities", Err("field=value")),
            ("place=حي@95,36", Err("NAME@LAT,LON")),
            ("place=كفرنبل", Err("not in the gazetteer")),
            ("subtype=", Err("empty value")),
        ];
        for (change, want) in table {
            let got = parse_change(change, &no_places);
            match (got, want) {
                (Ok((f, v, _)), Ok((wf, wv))) => {
                    assert_eq!((f, v.as_str()), (*wf, *wv), "{change}")
                }
                (Err(e), Err(w)) => assert!(e.contains(w), "{change}: {e}"),
                (got, want) => panic!("{change}: got {got:?}, want {want:?}"),
            }
        }
    }
}
