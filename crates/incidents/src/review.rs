//! Analysts' corrections applied on top of extraction.
//!
//! A [`Correction`] is one entry of the store's append-only review log: who,
//! when, what and why. It points at a report (one event of one article) by an
//! [`Anchor`] — the article id, the event's index and the event's first piece
//! of evidence — never at an incident's id, which changes when new articles
//! join an incident. So a correction follows its event through re-ingest,
//! re-extraction by a newer rasad (the evidence finds the event when its index
//! moved) and re-linking of incidents.
//!
//! [`apply`] runs over the log in log order: first corrections of a
//! report's casualty claim change the report itself ([`claim`]); then two passes:
//! 1. structure — events marked not an event leave their incident, splits move
//!    the chosen reports into an incident of their own, merges join two
//!    incidents; the changed incidents are summarized again;
//! 2. values — `set` replaces a field of the incident holding the anchor (the
//!    extracted value is kept next to it in [`Applied::original`]), marks set
//!    the reviewed flag, notes are attached.

pub mod claim;

use crate::report::{Count, PlaceInfo, Report};
use crate::summary::{summarize, Incident, IncidentActor};
use claim::ClaimField;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One report of an incident, as a correction names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Anchor {
    /// Document id of the article.
    pub article: String,
    /// Index of the event in the article's record when the correction was made.
    pub event_index: usize,
    /// The event's first evidence text then, to find it again if the index moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl Anchor {
    /// The anchor of a report as an incident lists it.
    pub fn of_ref(report: &crate::summary::ReportRef) -> Anchor {
        Anchor {
            article: report.article.clone(),
            event_index: report.event_index,
            evidence: report.evidence.first().cloned(),
        }
    }

    /// The anchor of a report as it is now.
    pub fn of(report: &Report) -> Anchor {
        Anchor {
            article: report.article.clone(),
            event_index: report.event_index,
            evidence: report.evidence.first().cloned(),
        }
    }
}

/// A field of an incident a reviewer can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Fatalities,
    Injured,
    Type,
    Subtype,
    Date,
    Place,
    Actor1,
    Actor2,
}

impl Field {
    /// Every field with its name in `rasad review set ID name=value`.
    pub const ALL: [(&'static str, Field); 8] = [
        ("fatalities", Field::Fatalities),
        ("injured", Field::Injured),
        ("type", Field::Type),
        ("subtype", Field::Subtype),
        ("date", Field::Date),
        ("place", Field::Place),
        ("actor1", Field::Actor1),
        ("actor2", Field::Actor2),
    ];

    /// The field named `name`.
    pub fn parse(name: &str) -> Option<Field> {
        Field::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }

    /// The field's name.
    pub fn name(self) -> &'static str {
        Field::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map(|(n, _)| *n)
            .expect("every field is listed")
    }
}

/// A reviewer's mark on an incident or an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    /// The incident was checked against its articles.
    Reviewed,
    /// A reviewed mark withdrawn.
    Unreviewed,
    /// The anchored event is not an event (a statement, history, a denial…).
    NotEvent,
}

/// What a correction does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Action {
    /// Replace a field; `value` is what the reviewer typed, `place` the
    /// gazetteer entry it was resolved to (for `place`).
    Set {
        field: Field,
        value: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        place: Option<PlaceInfo>,
    },
    /// Mark the incident (or, for `not-event`, the anchored event).
    Mark { mark: Mark },
    /// Move these reports of the anchor's incident into an incident of their own.
    Split { reports: Vec<Anchor> },
    /// Join the anchor's incident with the incident holding `with`.
    Merge { with: Anchor },
    /// A note on the incident.
    Note { text: String },
    /// One part of the anchored report's casualty claim (see [`claim`]).
    Claim { part: ClaimField, value: String },
}

/// One entry of the review log about an incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// Position in the log (applied in this order).
    pub seq: i64,
    /// When it was made (RFC 3339).
    pub at: String,
    /// Who made it.
    pub reviewer: String,
    /// The report it is about.
    pub anchor: Anchor,
    /// What it does.
    #[serde(flatten)]
    pub action: Action,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A correction as it shows on the incident it applies to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    pub seq: i64,
    pub at: String,
    pub reviewer: String,
    /// `fatalities`, `place`, … or `reviewed`, `split`, `merge`, `not-event`, `note`.
    pub what: String,
    /// The value extraction gave (for `set`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// The value the reviewer gave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Applied {
    fn new(c: &Correction, what: &str, original: Option<String>, value: Option<String>) -> Self {
        Applied {
            seq: c.seq,
            at: c.at.clone(),
            reviewer: c.reviewer.clone(),
            what: what.to_string(),
            original,
            value,
            note: c.note.clone(),
        }
    }
}

/// A correction whose event is no longer in the store (its article was
/// removed, or re-extraction no longer finds the event).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unresolved {
    pub seq: i64,
    pub anchor: Anchor,
}

type Key = (String, usize);

/// The report an anchor names now: the same article and index with the same
/// evidence, else the article's report with that evidence.
fn resolve(anchor: &Anchor, reports: &BTreeMap<Key, Report>) -> Option<Key> {
    let key = (anchor.article.clone(), anchor.event_index);
    let same =
        |r: &Report| anchor.evidence.is_none() || r.evidence.first() == anchor.evidence.as_ref();
    if reports.get(&key).is_some_and(same) {
        return Some(key);
    }
    let ev = anchor.evidence.as_ref()?;
    reports
        .range((anchor.article.clone(), 0)..(anchor.article.clone(), usize::MAX))
        .find(|(_, r)| r.evidence.first() == Some(ev))
        .map(|(k, _)| k.clone())
}

/// Incidents as groups of report keys, with what each carried besides its
/// reports (story articles) and whether the structure pass changed it.
struct Groups {
    members: Vec<Vec<Key>>,
    changed: Vec<bool>,
}

impl Groups {
    fn of(incidents: &[Incident]) -> Groups {
        let members: Vec<Vec<Key>> = incidents
            .iter()
            .map(|i| {
                i.reports
                    .iter()
                    .map(|r| (r.article.clone(), r.event_index))
                    .collect()
            })
            .collect();
        let changed = vec![false; members.len()];
        Groups { members, changed }
    }

    fn holding(&self, key: &Key) -> Option<usize> {
        self.members.iter().position(|m| m.contains(key))
    }

    fn remove(&mut self, key: &Key) {
        if let Some(g) = self.holding(key) {
            self.members[g].retain(|k| k != key);
            self.changed[g] = true;
        }
    }

    fn split(&mut self, keys: &[Key]) {
        let moved: Vec<Key> = keys
            .iter()
            .filter(|k| self.holding(k).is_some())
            .cloned()
            .collect();
        for k in &moved {
            self.remove(k);
        }
        if !moved.is_empty() {
            self.members.push(moved);
            self.changed.push(true);
        }
    }

    fn merge(&mut self, a: usize, b: usize) {
        if a == b {
            return;
        }
        let taken = std::mem::take(&mut self.members[b]);
        self.members[a].extend(taken);
        self.changed[a] = true;
        self.changed[b] = true;
    }
}

/// Pass 1: not-event marks, splits and merges, in log order.
fn restructure(groups: &mut Groups, log: &[(Key, &Correction)], reports: &BTreeMap<Key, Report>) {
    for (key, c) in log {
        match &c.action {
            Action::Mark {
                mark: Mark::NotEvent,
            } => groups.remove(key),
            Action::Split { reports: chosen } => {
                let keys: Vec<Key> = chosen.iter().filter_map(|a| resolve(a, reports)).collect();
                groups.split(&keys);
            }
            Action::Merge { with } => {
                let other = resolve(with, reports).and_then(|k| groups.holding(&k));
                if let (Some(a), Some(b)) = (groups.holding(key), other) {
                    groups.merge(a, b);
                }
            }
            _ => {}
        }
    }
}

/// The incidents after pass 1: unchanged ones as built, changed ones
/// summarized again from their reports (story articles stay with the part
/// that keeps the incident's first report).
fn rebuild(
    incidents: Vec<Incident>,
    groups: &Groups,
    reports: &BTreeMap<Key, Report>,
) -> Vec<Incident> {
    let mut out = Vec::new();
    let mut stories = BTreeMap::new();
    for (g, inc) in incidents.iter().enumerate() {
        if groups.changed[g] {
            if let Some(first) = inc.reports.first() {
                stories.insert(
                    (first.article.clone(), first.event_index),
                    inc.story_articles.clone(),
                );
            }
        }
    }
    for (g, members) in groups.members.iter().enumerate() {
        if !groups.changed[g] {
            out.push(incidents[g].clone());
            continue;
        }
        let rs: Vec<&Report> = members.iter().filter_map(|k| reports.get(k)).collect();
        if rs.is_empty() {
            continue;
        }
        let mut inc = summarize(&rs);
        if let Some(s) = members.iter().find_map(|k| stories.remove(k)) {
            inc.story_articles = s;
        }
        out.push(inc);
    }
    out
}

/// The value of `field` on the incident as shown now: what a correction
/// replaces, kept as its `original` and written to the log's old value.
pub fn current(inc: &Incident, field: Field) -> Option<String> {
    let roles = |role: &str| {
        let ids: Vec<&str> = inc
            .actors
            .iter()
            .filter(|a| a.role == role)
            .map(|a| a.id.as_str())
            .collect();
        ids.join(";")
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

fn set_count(tally: &mut crate::summary::Tally, value: &str) {
    let n = value.trim().parse::<f64>().ok();
    tally.low = n;
    tally.best = n;
    tally.high = n;
}

fn set_actors(inc: &mut Incident, role: &str, value: &str) {
    inc.actors.retain(|a| a.role != role);
    for id in value.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        inc.actors.push(IncidentActor {
            id: id.to_string(),
            role: role.to_string(),
            reports: 0,
        });
    }
}

fn set_place(inc: &mut Incident, value: &str, place: Option<&PlaceInfo>) {
    let place = place.cloned().unwrap_or_else(|| PlaceInfo {
        name: value.to_string(),
        id: None,
        lat: None,
        lon: None,
        admin1: None,
        kind: None,
    });
    inc.places.retain(|p| p.name != place.name);
    inc.places.insert(0, place);
    inc.where_prec = 1;
}

/// Replaces one field of `inc`; returns the value extraction had.
fn set_field(
    inc: &mut Incident,
    field: Field,
    value: &str,
    place: Option<&PlaceInfo>,
) -> Option<String> {
    let original = current(inc, field);
    match field {
        Field::Fatalities => set_count(&mut inc.fatalities, value),
        Field::Injured => set_count(&mut inc.injured, value),
        Field::Type => inc.kind = value.to_string(),
        Field::Subtype => inc.subtypes = vec![value.to_string()],
        Field::Date => {
            inc.date_prec = 1;
            inc.date = Some(value.to_string());
        }
        Field::Place => set_place(inc, value, place),
        Field::Actor1 => set_actors(inc, "actor1", value),
        Field::Actor2 => set_actors(inc, "actor2", value),
    }
    original
}

/// Pass 0: claim corrections change their reports (the incidents holding
/// them are summarized again); returns each one's extracted value by seq.
fn correct_claims(
    reports: &mut BTreeMap<Key, Report>,
    groups: &mut Groups,
    log: &[(Key, &Correction)],
) -> BTreeMap<i64, Option<String>> {
    let mut originals = BTreeMap::new();
    for (key, c) in log {
        let Action::Claim { part, value } = &c.action else {
            continue;
        };
        let Some(r) = reports.get_mut(key) else {
            continue;
        };
        originals.insert(c.seq, claim::value(r, *part));
        claim::set(r, *part, value);
        if let Some(g) = groups.holding(key) {
            groups.changed[g] = true;
        }
    }
    originals
}

/// How a claim correction shows: `ARTICLE#EVENT part=value`.
fn claim_text(key: &Key, part: ClaimField, value: Option<&str>) -> Option<String> {
    value.map(|v| format!("{}#{} {}={v}", key.0, key.1, part.name()))
}

/// Pass 2 for one correction on the incident holding its anchor (`key`);
/// `original` is a claim correction's extracted value.
fn apply_value(inc: &mut Incident, key: &Key, c: &Correction, original: Option<&str>) {
    let applied = match &c.action {
        Action::Claim { part, value } => Applied::new(
            c,
            "claim",
            claim_text(key, *part, original),
            claim_text(key, *part, Some(value)),
        ),
        Action::Set {
            field,
            value,
            place,
        } => {
            let original = set_field(inc, *field, value, place.as_ref());
            Applied::new(c, field.name(), original, Some(value.clone()))
        }
        Action::Mark { mark } => {
            inc.reviewed = *mark == Mark::Reviewed || (*mark != Mark::Unreviewed && inc.reviewed);
            let what = match mark {
                Mark::Reviewed => "reviewed",
                Mark::Unreviewed => "unreviewed",
                Mark::NotEvent => "not-event",
            };
            Applied::new(c, what, None, None)
        }
        Action::Split { .. } => Applied::new(c, "split", None, None),
        Action::Merge { .. } => Applied::new(c, "merge", None, None),
        Action::Note { text } => Applied::new(c, "note", None, Some(text.clone())),
    };
    inc.corrections.push(applied);
}

/// Applies the review log to incidents built by extraction. `reports` holds
/// every report the incidents were built from (keyed by article and event
/// index). Returns the corrected incidents and the corrections whose event
/// could not be found.
pub fn apply(
    incidents: Vec<Incident>,
    reports: &[Report],
    corrections: &[Correction],
) -> (Vec<Incident>, Vec<Unresolved>) {
    let mut by_key: BTreeMap<Key, Report> = reports
        .iter()
        .map(|r| ((r.article.clone(), r.event_index), r.clone()))
        .collect();
    let mut log = Vec::new();
    let mut unresolved = Vec::new();
    let mut sorted: Vec<&Correction> = corrections.iter().collect();
    sorted.sort_by_key(|c| c.seq);
    for c in sorted {
        match resolve(&c.anchor, &by_key) {
            Some(k) => log.push((k, c)),
            None => unresolved.push(Unresolved {
                seq: c.seq,
                anchor: c.anchor.clone(),
            }),
        }
    }
    let mut groups = Groups::of(&incidents);
    let originals = correct_claims(&mut by_key, &mut groups, &log);
    restructure(&mut groups, &log, &by_key);
    let mut out = rebuild(incidents, &groups, &by_key);
    for (key, c) in &log {
        let holder = out.iter_mut().find(|i| {
            i.reports
                .iter()
                .any(|r| r.article == key.0 && r.event_index == key.1)
        });
        if let Some(inc) = holder {
            let original = originals.get(&c.seq).cloned().flatten();
            apply_value(inc, key, c, original.as_deref());
        }
    }
    (out, unresolved)
}

/// The names of the fields reviewers set on `inc`, sorted (for the export's
/// `corrected` column).
pub fn corrected_fields(inc: &Incident) -> Vec<&str> {
    let set: BTreeSet<&str> = inc
        .corrections
        .iter()
        .filter(|a| {
            Field::parse(&a.what).is_some()
                || matches!(a.what.as_str(), "split" | "merge" | "not-event" | "claim")
        })
        .map(|a| a.what.as_str())
        .collect();
    set.into_iter().collect()
}

/// The corrections among review-log entries given as (seq, target, payload):
/// entries about incidents whose payload is a [`Correction`]; notes on
/// articles and outlets are left out. An unreadable payload (a newer rasad's
/// action) is returned apart so the caller can say so.
pub fn from_log<'a>(
    entries: impl IntoIterator<Item = (i64, &'a str, &'a str)>,
) -> (Vec<Correction>, Vec<i64>) {
    let mut out = Vec::new();
    let mut unreadable = Vec::new();
    for (seq, target, payload) in entries {
        if target != "incident" {
            continue;
        }
        match serde_json::from_str::<Correction>(payload) {
            Ok(mut c) => {
                c.seq = seq;
                out.push(c);
            }
            Err(_) => unreadable.push(seq),
        }
    }
    (out, unreadable)
}

/// The corrections in a store's review log (see [`from_log`]).
pub fn from_store(
    store: &rasad_store::Store,
) -> Result<(Vec<Correction>, Vec<i64>), rasad_store::StoreError> {
    let log = store.review_log()?;
    Ok(from_log(
        log.iter()
            .map(|e| (e.seq, e.target.as_str(), e.payload.as_str())),
    ))
}

/// The incident's report a correction about the whole incident is anchored
/// to: the one its id comes from (the least article id and event index).
pub fn incident_anchor(inc: &Incident) -> Option<Anchor> {
    inc.reports
        .iter()
        .min_by(|a, b| (&a.article, a.event_index).cmp(&(&b.article, b.event_index)))
        .map(Anchor::of_ref)
}

/// A figure a reviewer typed (a whole number or a decimal, not negative) as
/// a count, to check input before it is written to the log.
pub fn parse_count(value: &str) -> Option<Count> {
    let n = value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| *n >= 0.0 && n.is_finite())?;
    Some(Count {
        low: Some(n),
        best: Some(n),
        high: Some(n),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(article: &str, event: usize, evidence: &str, killed: f64) -> Report {
        let mut r: Report = serde_json::from_value(serde_json::json!({
            "article": article, "event_index": event, "outlet": article, "published": null,
            "type": "explosions_remote_violence", "subtype": "air_drone_strike",
            "date": "2019-05-10", "places": [], "actor1": [], "actor2": [], "associated": [],
            "killed": null, "injured": null, "killed_by_group": {}, "attributed_to": [],
            "certainty": "asserted", "evidence": [evidence], "terms": {}
        }))
        .unwrap();
        let n = Some(killed);
        r.killed = Some(Count {
            low: n,
            best: n,
            high: n,
        });
        r
    }

    /// Two incidents: a+b (one attack told by two outlets) and c alone.
    fn world() -> (Vec<Incident>, Vec<Report>) {
        let rs = vec![
            report("a", 0, "غارة على السوق", 10.0),
            report("b", 0, "قصف السوق", 12.0),
            report("c", 0, "اشتباك عند الحاجز", 2.0),
        ];
        let incidents = vec![summarize(&[&rs[0], &rs[1]]), summarize(&[&rs[2]])];
        (incidents, rs)
    }

    fn anchor(article: &str, evidence: &str) -> Anchor {
        Anchor {
            article: article.into(),
            event_index: 0,
            evidence: Some(evidence.into()),
        }
    }

    fn correction(seq: i64, anchor: Anchor, action: Action) -> Correction {
        Correction {
            seq,
            at: "t".into(),
            reviewer: "amal".into(),
            anchor,
            action,
            note: None,
        }
    }

    fn set(seq: i64, a: Anchor, field: Field, value: &str) -> Correction {
        correction(
            seq,
            a,
            Action::Set {
                field,
                value: value.into(),
                place: None,
            },
        )
    }

    fn holding<'a>(incs: &'a [Incident], article: &str) -> &'a Incident {
        incs.iter()
            .find(|i| i.reports.iter().any(|r| r.article == article))
            .unwrap()
    }

    #[test]
    fn a_claim_correction_changes_its_report_and_the_tally_follows() {
        let (incs, rs) = world();
        let claim = |seq, part, value: &str| {
            correction(
                seq,
                anchor("b", "قصف السوق"),
                Action::Claim {
                    part,
                    value: value.into(),
                },
            )
        };
        let log = [
            claim(1, ClaimField::Killed, "30"),
            claim(2, ClaimField::Source, "الدفاع المدني"),
        ];
        let (out, _) = apply(incs.clone(), &rs, &log);
        let ab = holding(&out, "a");
        let b = ab
            .fatalities
            .claims
            .iter()
            .find(|c| c.article == "b")
            .unwrap();
        assert_eq!(
            (b.count.best, b.source.as_deref()),
            (Some(30.0), Some("الدفاع المدني"))
        );
        assert_eq!(
            (ab.fatalities.low, ab.fatalities.high),
            (Some(10.0), Some(30.0))
        );
        let shown: Vec<_> = ab
            .corrections
            .iter()
            .map(|a| (a.original.as_deref(), a.value.as_deref()))
            .collect();
        assert_eq!(shown[0], (Some("b#0 killed=12"), Some("b#0 killed=30")));
        assert_eq!(corrected_fields(ab), vec!["claim"]);
        // The figure was of injured, not killed: it leaves the death toll.
        let (out, _) = apply(incs, &rs, &[claim(1, ClaimField::Kind, "injured")]);
        let ab = holding(&out, "a");
        assert_eq!(
            (ab.fatalities.low, ab.fatalities.high),
            (Some(10.0), Some(10.0))
        );
        assert_eq!(ab.injured.best, Some(12.0));
    }

    #[test]
    fn a_set_replaces_the_value_and_keeps_the_original() {
        let (incs, rs) = world();
        let c = set(1, anchor("b", "قصف السوق"), Field::Fatalities, "15");
        let (out, unresolved) = apply(incs, &rs, &[c]);
        assert!(unresolved.is_empty());
        let inc = holding(&out, "a");
        assert_eq!(inc.fatalities.best, Some(15.0));
        assert_eq!(inc.corrections[0].original.as_deref(), Some("10")); // the lower median of 10 and 12
        assert_eq!(corrected_fields(inc), vec!["fatalities"]);
        assert!(holding(&out, "c").corrections.is_empty());
    }

    #[test]
    fn the_later_entry_wins_and_marks_toggle() {
        let (incs, rs) = world();
        let a = anchor("c", "اشتباك عند الحاجز");
        let log = [
            set(1, a.clone(), Field::Place, "دوما"),
            correction(
                2,
                a.clone(),
                Action::Mark {
                    mark: Mark::Reviewed,
                },
            ),
            set(3, a.clone(), Field::Place, "حرستا"),
            correction(
                4,
                a.clone(),
                Action::Mark {
                    mark: Mark::Unreviewed,
                },
            ),
            correction(
                5,
                a,
                Action::Mark {
                    mark: Mark::Reviewed,
                },
            ),
        ];
        let (out, _) = apply(incs, &rs, &log);
        let inc = holding(&out, "c");
        assert_eq!(inc.places[0].name, "حرستا");
        assert!(inc.reviewed);
        assert_eq!(inc.where_prec, 1);
    }

    #[test]
    fn split_merge_and_not_event_change_the_incidents() {
        type Case = (Vec<Correction>, usize, Vec<(&'static str, &'static str)>);
        let cases: Vec<Case> = vec![
            // (log, number of incidents, pairs that must share an incident)
            (vec![], 2, vec![("a", "b")]),
            (
                vec![correction(
                    1,
                    anchor("a", "غارة على السوق"),
                    Action::Split {
                        reports: vec![anchor("b", "قصف السوق")],
                    },
                )],
                3,
                vec![],
            ),
            (
                vec![correction(
                    1,
                    anchor("a", "غارة على السوق"),
                    Action::Merge {
                        with: anchor("c", "اشتباك عند الحاجز"),
                    },
                )],
                1,
                vec![("a", "c"), ("b", "c")],
            ),
            (
                vec![correction(
                    1,
                    anchor("c", "اشتباك عند الحاجز"),
                    Action::Mark {
                        mark: Mark::NotEvent,
                    },
                )],
                1,
                vec![("a", "b")],
            ),
        ];
        for (log, count, together) in cases {
            let (incs, rs) = world();
            let (out, _) = apply(incs, &rs, &log);
            assert_eq!(out.len(), count, "{log:?}");
            for (x, y) in together {
                assert_eq!(holding(&out, x).id, holding(&out, y).id, "{x} {y} {log:?}");
            }
        }
    }

    #[test]
    fn a_split_incident_is_summarized_again() {
        let (incs, rs) = world();
        let split = correction(
            1,
            anchor("a", "غارة على السوق"),
            Action::Split {
                reports: vec![anchor("b", "قصف السوق")],
            },
        );
        let (out, _) = apply(incs, &rs, &[split]);
        assert_eq!(holding(&out, "a").fatalities.best, Some(10.0));
        assert_eq!(holding(&out, "b").fatalities.best, Some(12.0));
        assert_ne!(holding(&out, "a").id, holding(&out, "b").id);
    }

    #[test]
    fn an_anchor_follows_its_evidence_when_the_index_moves() {
        let (incs, mut rs) = world();
        // Re-extraction put a new event first in article c.
        rs[2].event_index = 1;
        let mut incs = incs;
        incs[1].reports[0].event_index = 1;
        let c = set(1, anchor("c", "اشتباك عند الحاجز"), Field::Injured, "4");
        let gone = set(2, anchor("z", "لا شيء"), Field::Injured, "1");
        let (out, unresolved) = apply(incs, &rs, &[c, gone]);
        assert_eq!(holding(&out, "c").injured.best, Some(4.0));
        assert_eq!(unresolved.len(), 1);
        assert_eq!(unresolved[0].anchor.article, "z");
    }

    #[test]
    fn corrections_round_trip_through_the_log_payload() {
        let c = set(0, anchor("a", "غارة"), Field::Date, "2019-05-11");
        let payload = serde_json::to_string(&c).unwrap();
        let (read, bad) = from_log([
            (7, "incident", payload.as_str()),
            (8, "outlet", "{}"),
            (9, "incident", "{\"action\":\"teleport\"}"),
        ]);
        assert_eq!(bad, vec![9]);
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].seq, 7);
        assert_eq!(read[0].action, c.action);
    }
}
