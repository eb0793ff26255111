//! Incidents and outlet statistics as the store keeps them (the same
//! persisted incidents and filtering rules as `rasad incidents`).
//!
//! Everything a request needs is prepared once per load (at start, and
//! whenever the store's incidents or review log changed) rather than per
//! request: each incident's JSON, already escaped
//! for the API, and an index from place keys to incidents, so a filtered page
//! costs a lookup and a copy of the page's bytes.

use crate::error::escape_html_chars;
use crate::ServeError;
use axum::body::Bytes;
pub use rasad_incidents::corpus::{at_place, Filters, OutletStats};
use rasad_incidents::corpus::{build_reviewed, outlet_stats};
use rasad_incidents::persist;
use rasad_incidents::place::name_key;
use rasad_incidents::review::Correction;
use rasad_incidents::Incident;
use rasad_record::Document;
use rasad_store::Store;
use std::collections::HashMap;

/// The incidents of the store at one moment.
#[derive(Debug, Default)]
pub struct Built {
    /// Every incident, in the builder's order.
    pub incidents: Vec<Incident>,
    /// The store's (incident generation, last review entry) it was read at
    /// (see `rasad_incidents::persist::version`); (0, 0) when built in memory.
    pub version: (i64, i64),
    /// Incident id → index in `incidents`.
    pub by_id: HashMap<String, usize>,
    /// Statistics per outlet, by outlet name.
    pub outlets: Vec<OutletStats>,
    /// Each incident's JSON as `GET /api/incidents/{id}` serves it (markup
    /// characters escaped), in `incidents` order.
    json: Vec<Bytes>,
    /// Place key (of a place's name or its province) → indices of the
    /// incidents at it, ascending: what [`at_place`] compares, computed once.
    by_place: HashMap<String, Vec<usize>>,
    /// Actor code → indices of the incidents naming it, ascending.
    by_actor: HashMap<String, Vec<usize>>,
    /// Each incident's first ten bytes of date and their number (0: no date),
    /// all the day filters compare, kept inline for a fast scan.
    days: Vec<([u8; 10], u8)>,
}

/// Logs the corrections whose event is no longer stored.
fn warn_unresolved(unresolved: Vec<rasad_incidents::review::Unresolved>) {
    for u in unresolved {
        tracing::warn!(
            "review #{}: event {}#{} is no longer stored; not applied",
            u.seq,
            u.anchor.article,
            u.anchor.event_index
        );
    }
}

/// The incidents an index lists under `k` (none when absent).
fn list<'a>(index: &'a HashMap<String, Vec<usize>>, k: &str) -> &'a [usize] {
    index.get(k).map_or(&[], Vec::as_slice)
}

/// The first ten bytes of a date (a whole day), inline.
fn day10(date: Option<&str>) -> ([u8; 10], u8) {
    let b = date.unwrap_or("").as_bytes();
    let n = b.len().min(10);
    let mut out = [0u8; 10];
    out[..n].copy_from_slice(&b[..n]);
    (out, n as u8)
}

impl Built {
    /// Reads the incidents persisted in the store (linking first any article
    /// stored but not linked yet) with the review log applied on top.
    pub fn load(store: &mut Store) -> Result<Built, ServeError> {
        let fail = |e: rasad_incidents::persist::Error| ServeError::Build(e.to_string());
        persist::catch_up(store).map_err(fail)?;
        let version = persist::version(store).map_err(fail)?;
        let (corrections, unreadable) = rasad_incidents::review::from_store(store)
            .map_err(|e| ServeError::Build(e.to_string()))?;
        if !unreadable.is_empty() {
            tracing::warn!(
                "review entries {unreadable:?} were written by a newer rasad; not applied"
            );
        }
        let (incidents, unresolved) = persist::reviewed(store, &corrections).map_err(fail)?;
        warn_unresolved(unresolved);
        let outlets = persist::outlet_stats(store, &incidents).map_err(fail)?;
        let mut built = Built::from_incidents(incidents, outlets);
        built.version = version;
        Ok(built)
    }

    /// Builds incidents and statistics from records and their texts.
    pub fn from_docs(docs: &[(Document, String)]) -> Built {
        Built::from_reviewed(docs, &[])
    }

    /// [`Built::from_docs`] with analysts' corrections applied on top.
    pub fn from_reviewed(docs: &[(Document, String)], corrections: &[Correction]) -> Built {
        let (incidents, unresolved) = build_reviewed(docs, corrections);
        warn_unresolved(unresolved);
        let outlets = outlet_stats(docs, &incidents);
        Built::from_incidents(incidents, outlets)
    }

    /// Indexes built incidents and prepares their JSON.
    pub fn from_incidents(incidents: Vec<Incident>, outlets: Vec<OutletStats>) -> Built {
        let by_id = incidents
            .iter()
            .enumerate()
            .map(|(i, inc)| (inc.id.clone(), i))
            .collect();
        let json = incidents
            .iter()
            .map(|inc| match serde_json::to_vec(inc) {
                Ok(v) => Bytes::from(escape_html_chars(v)),
                Err(e) => {
                    // Incidents are plain data; this cannot happen, but a
                    // server must not die of it.
                    tracing::error!("serializing incident {}: {e}", inc.id);
                    Bytes::from_static(b"null")
                }
            })
            .collect();
        let mut by_place: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_actor: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, inc) in incidents.iter().enumerate() {
            for a in &inc.actors {
                let v = by_actor.entry(a.id.clone()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
            let names = inc.places.iter().map(|p| p.name.as_str());
            let provinces = inc.places.iter().filter_map(|p| p.admin1.as_deref());
            for k in names.chain(provinces).map(name_key) {
                let v = by_place.entry(k).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        let days = incidents.iter().map(|i| day10(i.date.as_deref())).collect();
        Built {
            incidents,
            version: (0, 0),
            by_id,
            outlets,
            json,
            by_place,
            by_actor,
            days,
        }
    }

    /// The incident with this id.
    pub fn get(&self, id: &str) -> Option<&Incident> {
        self.by_id.get(id).and_then(|&i| self.incidents.get(i))
    }

    /// The JSON of the incident with this id (as served, markup escaped).
    pub fn json_of(&self, id: &str) -> Option<Bytes> {
        self.by_id.get(id).and_then(|&i| self.json.get(i)).cloned()
    }

    /// Indices (ascending) of the incidents passing the filters: the same
    /// incidents as [`rasad_incidents::corpus::keep`] keeps, found through the
    /// place and actor indexes, with days compared on inline bytes.
    pub fn matching(&self, f: &Filters) -> Vec<usize> {
        let from = f.from.map(|d| d.to_string());
        let to = f.to.map(|d| d.to_string());
        let actor = f.actor.as_deref();
        // `keep` compares the whole date with `from`: for a ten-byte bound
        // (every four-digit year) its first ten bytes decide.
        let from_ok = |i: usize| -> bool {
            let Some(b) = from.as_deref() else {
                return true;
            };
            let (d, n) = self.days.get(i).copied().unwrap_or(([0; 10], 0));
            if b.len() == 10 {
                n > 0 && d[..usize::from(n)] >= *b.as_bytes()
            } else {
                let day = self
                    .incidents
                    .get(i)
                    .and_then(|x| x.date.as_deref())
                    .unwrap_or("");
                !day.is_empty() && day >= b
            }
        };
        let to_ok = |i: usize| -> bool {
            let Some(b) = to.as_deref() else {
                return true;
            };
            let (d, n) = self.days.get(i).copied().unwrap_or(([0; 10], 0));
            n > 0 && d[..usize::from(n)] <= *b.as_bytes()
        };
        let (candidates, check_actor): (Box<dyn Iterator<Item = usize>>, bool) =
            match (f.place.as_deref(), actor) {
                (Some(p), _) => (Box::new(self.at_place(p).into_iter()), actor.is_some()),
                (None, Some(a)) => (Box::new(list(&self.by_actor, a).iter().copied()), false),
                (None, None) => (Box::new(0..self.incidents.len()), false),
            };
        let named = actor.map(|a| list(&self.by_actor, a));
        candidates
            .filter(|&i| {
                from_ok(i)
                    && to_ok(i)
                    && (!check_actor || named.is_some_and(|v| v.binary_search(&i).is_ok()))
            })
            .collect()
    }

    /// The incidents at a place as a user typed it (proclitics, English
    /// name: `rasad_incidents::place::place_keys`), ascending.
    fn at_place(&self, place: &str) -> Vec<usize> {
        let mut v: Vec<usize> = rasad_incidents::place::place_keys(place)
            .iter()
            .flat_map(|k| list(&self.by_place, k).iter().copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The incidents passing the filters, in builder order.
    pub fn filter<'a>(&'a self, f: &Filters) -> impl Iterator<Item = &'a Incident> + 'a {
        self.matching(f)
            .into_iter()
            .filter_map(|i| self.incidents.get(i))
    }

    /// `{"incidents": [...], "offset": O, "total": T}` for a page of the
    /// incidents passing `f`, from the prepared JSON.
    pub fn page_json(&self, f: &Filters, offset: usize, limit: usize) -> Vec<u8> {
        let all = self.matching(f);
        let page = all.iter().skip(offset).take(limit);
        let size: usize = page.clone().map(|&i| self.json[i].len() + 1).sum();
        let mut out = Vec::with_capacity(size + 64);
        out.extend_from_slice(b"{\"incidents\":[");
        for (n, &i) in page.enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.extend_from_slice(&self.json[i]);
        }
        out.extend_from_slice(
            format!("],\"offset\":{offset},\"total\":{}}}", all.len()).as_bytes(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasad_incidents::corpus::keep;
    use rasad_incidents::summary::IncidentActor;
    use rasad_incidents::{PlaceInfo, Tally};

    fn place(name: &str, admin1: Option<&str>) -> PlaceInfo {
        PlaceInfo {
            name: name.into(),
            id: None,
            lat: None,
            lon: None,
            admin1: admin1.map(Into::into),
            kind: None,
        }
    }

    fn tally(best: Option<f64>) -> Tally {
        Tally {
            low: best,
            best,
            high: best.map(|b| b * 1.25),
            claims: vec![],
        }
    }

    fn incident(id: &str, date: Option<&str>, places: Vec<PlaceInfo>, actors: &[&str]) -> Incident {
        Incident {
            id: id.into(),
            kind: "Explosions/Remote violence".into(),
            subtypes: vec![],
            date: date.map(Into::into),
            date_prec: 1,
            places,
            where_prec: 1,
            actors: actors
                .iter()
                .map(|a| IncidentActor {
                    id: (*a).into(),
                    role: "actor1".into(),
                    reports: 1,
                })
                .collect(),
            fatalities: tally(Some(12.0)),
            injured: tally(None),
            reports: vec![],
            story_articles: vec![],
            disagreements: vec![],
            reviewed: false,
            corrections: vec![],
        }
    }

    fn sample() -> Built {
        let incidents = vec![
            incident(
                "a",
                Some("2018-12-12"),
                vec![place("هجين", Some("دير الزور"))],
                &["COALITION"],
            ),
            incident(
                "b",
                Some("2017-10-17"),
                vec![place("الرقة", Some("الرقة"))],
                &["SDF", "ISIS"],
            ),
            incident("c", None, vec![place("البوكمال", None)], &["ISIS"]),
            incident(
                "d",
                Some("2018-11"),
                vec![
                    place("بلدة هجين", None),
                    place("الميادين", Some("دير الزور")),
                ],
                &[],
            ),
            incident("e", Some("2018-11-20/2018-11-22"), vec![], &["SYR_GOV"]),
            incident(
                "f <x> & y",
                Some("2018-01-01"),
                vec![place("دير الزور", None)],
                &["SYR_GOV"],
            ),
        ];
        Built::from_incidents(incidents, vec![])
    }

    #[test]
    fn matching_keeps_what_keep_keeps() {
        let b = sample();
        let d = |s: &str| Some(s.parse::<jiff::civil::Date>().unwrap());
        let places = [
            None,
            Some("هجين"),
            Some("الرقه"),
            Some("دير الزور"),
            Some("ديرالزور"),
            Some("الميادين"),
            Some("حلب"),
        ];
        let actors = [None, Some("ISIS"), Some("SYR_GOV"), Some("NOBODY")];
        let ranges = [
            (None, None),
            (d("2018-01-01"), None),
            (None, d("2018-11-30")),
            (d("2018-11-01"), d("2018-12-31")),
        ];
        let mut nonempty = 0;
        for p in places {
            for a in actors {
                for (from, to) in ranges {
                    let f = Filters {
                        from,
                        to,
                        place: p.map(Into::into),
                        actor: a.map(Into::into),
                    };
                    let want: Vec<usize> = (0..b.incidents.len())
                        .filter(|&i| keep(&b.incidents[i], &f))
                        .collect();
                    assert_eq!(b.matching(&f), want, "{f:?}");
                    nonempty += usize::from(!want.is_empty());
                }
            }
        }
        assert!(nonempty > 10, "the filters select something");
    }

    #[test]
    fn pages_are_the_serialized_incidents() {
        let b = sample();
        let f = Filters::default();
        let v: serde_json::Value = serde_json::from_slice(&b.page_json(&f, 1, 2)).unwrap();
        assert_eq!(v["total"], 6);
        assert_eq!(v["offset"], 1);
        let want = serde_json::to_value(&b.incidents[1..3]).unwrap();
        assert_eq!(v["incidents"], want);
        let v: serde_json::Value = serde_json::from_slice(&b.page_json(&f, 10, 5)).unwrap();
        assert_eq!(v["incidents"].as_array().unwrap().len(), 0);
        assert_eq!(v["total"], 6);
        let one = b.json_of("f <x> & y").unwrap();
        assert!(!one.iter().any(|c| matches!(c, b'<' | b'>' | b'&')));
        let back: Incident = serde_json::from_slice(&one).unwrap();
        assert_eq!(back, b.incidents[5]);
        assert!(b.json_of("nope").is_none());
    }
}
