//! Incidents and outlet statistics built from every stored record, with the
//! same loading, near-duplicate and filtering rules as `rasad incidents`.

use crate::ServeError;
pub use rasad_incidents::corpus::{at_place, Filters, OutletStats};
use rasad_incidents::corpus::{build, keep, outlet_stats};
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
        let by_id = incidents
            .iter()
            .enumerate()
            .map(|(i, inc)| (inc.id.clone(), i))
            .collect();
        Built {
            incidents,
            by_id,
            outlets,
        }
    }

    /// The incident with this id.
    pub fn get(&self, id: &str) -> Option<&Incident> {
        self.by_id.get(id).and_then(|&i| self.incidents.get(i))
    }

    /// The incidents passing the filters.
    pub fn filter<'a>(&'a self, f: &'a Filters) -> impl Iterator<Item = &'a Incident> + 'a {
        self.incidents.iter().filter(move |i| keep(i, f))
    }
}
