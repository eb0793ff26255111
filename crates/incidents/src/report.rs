//! One event of one article, with what incident building needs to know about it.

use rasad_record::{Basis, Casualty, CasualtyKind, Certainty, Document, Event, Role};
use rasad_text::CharIndex;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A place of an event, with coordinates and containment where known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceInfo {
    pub name: String,
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Feature kind from the gazetteer (`PPL`, `ADM1`, `neighbourhood` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// A count of people as one report gives it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
}

/// One event reported by one article: the unit incidents are built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Document id of the article.
    pub article: String,
    /// Index of the event in the article's record.
    pub event_index: usize,
    pub outlet: Option<String>,
    pub published: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub subtype: String,
    /// TIMEX value of the event date (null when unknown).
    pub date: Option<String>,
    /// How the date was known: written (`explicit`), resolved from an anchor
    /// (`relative`), inferred, or only the publication date (`publication`,
    /// a weak interval that never anchors a link).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<DateBasis>,
    /// Places, most specific first.
    pub places: Vec<PlaceInfo>,
    pub actor1: Vec<String>,
    pub actor2: Vec<String>,
    pub associated: Vec<String>,
    /// People killed according to this report: its largest single claim
    /// (sub-counts and tallies left out; figures are never added up).
    pub killed: Option<Count>,
    /// People injured according to this report.
    pub injured: Option<Count>,
    /// Killed per victim group, as this report gives them (the largest claim
    /// per group).
    pub killed_by_group: BTreeMap<String, Count>,
    /// Sources the article cites for the event.
    pub attributed_to: Vec<String>,
    pub certainty: Certainty,
    /// The evidence sentences, as written.
    pub evidence: Vec<String>,
    /// For each actor code of the event: the terms this article uses for it.
    pub terms: BTreeMap<String, Vec<String>>,
    /// The earlier article this one is a near-duplicate of (a syndicated copy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
}

/// How an event's date is known, for linking: two written dates must agree,
/// a relative one may be a day off, and a date that is only the article's
/// publication date says no more than "a few days before publication".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    Explicit,
    Relative,
    Inferred,
    Publication,
}

impl From<Basis> for DateBasis {
    fn from(b: Basis) -> Self {
        match b {
            Basis::Explicit => DateBasis::Explicit,
            Basis::Relative | Basis::Unanchored => DateBasis::Relative,
            Basis::Inferred => DateBasis::Inferred,
        }
    }
}

/// The basis of an event's date: an "explicit" date that no explicit date
/// written in the text gives is the publication date the extractor fell back
/// on (`اختطف أربعة إيطاليين` in an article of the 24th, no date written).
fn date_basis(doc: &Document, date: &rasad_record::Time) -> DateBasis {
    let day = |v: &str| v.get(..10).unwrap_or(v).to_string();
    match (date.basis, date.value.as_deref()) {
        (Basis::Explicit, Some(v)) => {
            let written = doc.times.iter().any(|t| {
                t.time.basis == Basis::Explicit
                    && t.time.value.as_deref().is_some_and(|w| day(w) == day(v))
            });
            if written {
                DateBasis::Explicit
            } else {
                DateBasis::Publication
            }
        }
        (b, _) => b.into(),
    }
}

/// The larger of a report's figures: a report's toll is its largest single
/// claim, never a sum (an article that states 18 killed twice, or updates 12
/// to 18, claims 18; the claims of several sources are kept apart by the
/// incident, not added up).
fn larger(a: Option<Count>, c: &Casualty) -> Option<Count> {
    let b = Count {
        low: c.low.or(c.best),
        best: c.best,
        high: c.high,
    };
    let key = |x: &Count| x.best.or(x.high).or(x.low).unwrap_or(0.0);
    Some(match a {
        Some(a) if key(&a) >= key(&b) => a,
        _ => b,
    })
}

/// The reports of one extraction record: one per event. `text` is the
/// article's decoded text (for the evidence sentences); pass "" to leave them
/// out.
pub fn reports(doc: &Document, text: &str) -> Vec<Report> {
    let ix = CharIndex::new(text);
    let n = text.chars().count();
    doc.events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (killed, injured, killed_by_group) = tolls(e);
            let evidence = e
                .evidence
                .iter()
                .filter(|s| !text.is_empty() && s.end <= n && s.start < s.end)
                .map(|s| ix.slice(text, *s).to_string())
                .collect();
            Report {
                article: doc.id.clone(),
                event_index: i,
                outlet: doc.outlet.clone(),
                published: doc.published.as_ref().and_then(|t| t.value.clone()),
                kind: e.kind.clone(),
                subtype: e.subtype.clone(),
                date: e.date.as_ref().and_then(|t| t.value.clone()),
                date_basis: e.date.as_ref().map(|t| date_basis(doc, t)),
                places: place_infos(doc, e),
                actor1: role_ids(e, Role::Actor1),
                actor2: role_ids(e, Role::Actor2),
                associated: role_ids(e, Role::Associated),
                killed,
                injured,
                killed_by_group,
                attributed_to: e.attributed_to.clone(),
                certainty: e.certainty,
                evidence,
                terms: actor_terms(doc, e),
                copy_of: None,
            }
        })
        .collect()
}

/// The places of an event, with what the document's place list knows of
/// each (coordinates, governorate, kind).
fn place_infos(doc: &Document, e: &Event) -> Vec<PlaceInfo> {
    e.places
        .iter()
        .map(|p| {
            let known = doc
                .places
                .iter()
                .find(|q| (p.id.is_some() && q.id == p.id) || q.name == p.name);
            PlaceInfo {
                name: p.name.clone(),
                id: p.id.clone(),
                lat: known.and_then(|q| q.lat),
                lon: known.and_then(|q| q.lon),
                admin1: known.and_then(|q| q.admin1.clone()),
                kind: known.and_then(|q| q.kind.clone()),
            }
        })
        .collect()
}

/// The actor codes of an event in one role, sorted, each once.
fn role_ids(e: &Event, role: Role) -> Vec<String> {
    let mut v: Vec<String> = e
        .actors
        .iter()
        .filter(|a| a.role == role)
        .map(|a| a.id.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// An event's killed and injured (its largest single claims) and killed per
/// victim group; sub-counts and tallies are left out.
fn tolls(e: &Event) -> (Option<Count>, Option<Count>, BTreeMap<String, Count>) {
    let mut killed = None;
    let mut injured = None;
    let mut by_group: BTreeMap<String, Count> = BTreeMap::new();
    for c in e
        .fatalities
        .iter()
        .filter(|c| c.part_of.is_none() && !c.tally)
    {
        match c.kind {
            CasualtyKind::Killed => {
                killed = larger(killed, c);
                let g = c.group.clone().unwrap_or_else(|| "UNKNOWN".into());
                let prev = by_group.remove(&g);
                if let Some(sum) = larger(prev, c) {
                    by_group.insert(g, sum);
                }
            }
            CasualtyKind::Injured => injured = larger(injured, c),
            _ => {}
        }
    }
    (killed, injured, by_group)
}

/// For each actor of an event that the document lists: the terms the
/// article uses for it.
fn actor_terms(doc: &Document, e: &Event) -> BTreeMap<String, Vec<String>> {
    let mut terms = BTreeMap::new();
    for a in &e.actors {
        if let Some(actor) = doc.actors.iter().find(|x| x.id == a.id) {
            terms.insert(a.id.clone(), actor.terms.clone());
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasad_record::{Calendar, Event, Precision, Span, Time, TimeMention};

    fn killed(n: f64, at: usize) -> Casualty {
        Casualty {
            group: Some("CIVILIANS".into()),
            kind: CasualtyKind::Killed,
            low: Some(n),
            best: Some(n),
            high: Some(n),
            span: Span {
                start: at,
                end: at + 5,
            },
            attributed_to: None,
            tally: false,
            period: None,
            part_of: None,
            mentions: Vec::new(),
            rule: None,
        }
    }

    fn day(value: &str, basis: Basis) -> Time {
        Time {
            value: Some(value.into()),
            precision: Precision::Day,
            calendar: Calendar::Gregorian,
            basis,
        }
    }

    fn doc(fatalities: Vec<Casualty>, written: bool) -> Document {
        let mut d = Document::empty("x");
        if written {
            d.times.push(TimeMention {
                time: day("2019-05-10", Basis::Explicit),
                text: "10 أيار".into(),
                span: Span { start: 0, end: 7 },
                end: None,
            });
        }
        d.events.push(Event {
            kind: "explosions_remote_violence".into(),
            subtype: "remote_explosive_landmine_ied".into(),
            date: Some(day("2019-05-10", Basis::Explicit)),
            places: vec![],
            actors: vec![],
            fatalities,
            attributed_to: vec![],
            certainty: Certainty::Asserted,
            evidence: vec![],
            rule: None,
        });
        d
    }

    /// `قتل 18 شخصا ... وارتفع عدد القتلى إلى 18`: the figure told twice, or
    /// updated, is the report's largest single claim, never a sum.
    #[test]
    fn a_repeated_or_updated_figure_is_not_added() {
        let rows: &[(&[f64], f64)] = &[(&[18.0, 18.0], 18.0), (&[12.0, 18.0], 18.0), (&[7.0], 7.0)];
        for (figures, want) in rows {
            let claims = figures
                .iter()
                .enumerate()
                .map(|(i, &n)| killed(n, i * 10))
                .collect();
            let r = &reports(&doc(claims, true), "")[0];
            assert_eq!(r.killed.and_then(|k| k.best), Some(*want), "{figures:?}");
        }
    }

    /// An "explicit" event date no written date gives is the publication date.
    #[test]
    fn a_date_written_nowhere_is_the_publication_date() {
        assert_eq!(
            reports(&doc(vec![], true), "")[0].date_basis,
            Some(DateBasis::Explicit)
        );
        assert_eq!(
            reports(&doc(vec![], false), "")[0].date_basis,
            Some(DateBasis::Publication)
        );
    }
}
