//! Incidents and outlet statistics built from every stored record, with the
//! same loading, near-duplicate and filtering rules as `rasad incidents`.
//!
//! Everything a request needs is prepared once per build (at start and after
//! each ingest) rather than per request: each incident's JSON, already escaped
//! for the API, and an index from place keys to incidents, so a filtered page
//! costs a lookup and a copy of the page's bytes.

use crate::error::escape_html_chars;
use crate::ServeError;
use axum::body::Bytes;
pub use rasad_incidents::corpus::{at_place, Filters, OutletStats};
use rasad_incidents::corpus::{build, outlet_stats};
use rasad_incidents::place::name_key;
use rasad_incidents::Incident;
use rasad_record::Document;
use rasad_store::Store;
use std::collections::HashMap;

/// The incidents of the store at one moment.
#[derive(Debug, Default)]
pub struct Built {
    /// Every incident, in the builder's order.
    pub incidents: Vec<Incident>,
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
}

impl Built {
    /// Reads every stored record and builds the incidents.
    pub fn load(store: &Store) -> Result<Built, ServeError> {
        let conn = store.connection();
        let mut stmt = conn
            .prepare("SELECT record, text FROM articles ORDER BY rowid")
            .map_err(|e| ServeError::Build(e.to_string()))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| ServeError::Build(e.to_string()))?;
        let mut docs = Vec::new();
        for row in rows {
            let (record, text) = row.map_err(|e| ServeError::Build(e.to_string()))?;
            match serde_json::from_str::<Document>(&record) {
                Ok(doc) => docs.push((doc, text)),
                Err(e) => tracing::warn!("skipping an unreadable stored record: {e}"),
            }
        }
        Ok(Built::from_docs(&docs))
    }

    /// Builds incidents and statistics from records and their texts.
    pub fn from_docs(docs: &[(Document, String)]) -> Built {
        let incidents = build(docs);
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
        for (i, inc) in incidents.iter().enumerate() {
            let names = inc.places.iter().map(|p| p.name.as_str());
            let provinces = inc.places.iter().filter_map(|p| p.admin1.as_deref());
            for k in names.chain(provinces).map(name_key) {
                let v = by_place.entry(k).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        Built {
            incidents,
            by_id,
            outlets,
            json,
            by_place,
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
    /// place index and with the filter values converted once.
    pub fn matching(&self, f: &Filters) -> Vec<usize> {
        let from = f.from.map(|d| d.to_string());
        let to = f.to.map(|d| d.to_string());
        let actor = f.actor.as_deref();
        let keep = |i: &usize| {
            let Some(inc) = self.incidents.get(*i) else {
                return false;
            };
            let day = inc.date.as_deref().unwrap_or("");
            let day10 = day.get(..day.len().min(10)).unwrap_or(day);
            from.as_deref().is_none_or(|d| !day.is_empty() && day >= d)
                && to.as_deref().is_none_or(|d| !day.is_empty() && day10 <= d)
                && actor.is_none_or(|a| inc.actors.iter().any(|x| x.id == a))
        };
        match f.place.as_deref() {
            Some(p) => self
                .by_place
                .get(&name_key(p))
                .map(|v| v.iter().copied().filter(keep).collect())
                .unwrap_or_default(),
            None => (0..self.incidents.len()).filter(keep).collect(),
        }
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
            disagreements: vec![],
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
