//! Persisted incidents (migration 3): the rows `rasad-incidents` keeps so
//! that incidents are read, not rebuilt, and updated per new article at a
//! cost proportional to the articles of its days.
//!
//! The store knows rows, not incidents: each linked article's features (JSON
//! the incidents crate writes and reads back) and the day spans over which
//! its reports can link, each incident's JSON and its members, the terms
//! each outlet uses per actor, and two counters (`linked_rowid`, the last
//! article linked; `generation`, bumped by every change).

use crate::dict::{self, Kind};
use crate::pack::{compress_json, expand_json};
use crate::{Store, StoreError};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, TransactionBehavior};
use std::collections::{BTreeMap, BTreeSet};

/// Most ids bound in one `IN (…)` list (SQLite allows 32,766).
const IN_CHUNK: usize = 500;

/// A stored article not linked yet.
#[derive(Debug, Clone)]
pub struct Pending {
    pub rowid: i64,
    pub id: String,
    /// The extraction record (JSON).
    pub record: String,
    /// The original decoded text.
    pub text: String,
}

/// One article's linking features as the incidents crate stores them.
#[derive(Debug, Clone)]
pub struct LinkArticle {
    pub article: String,
    pub outlet: Option<String>,
    /// Opaque to the store (JSON).
    pub features: String,
    /// Inclusive day ranges (days since 1970-01-01) its reports can link over.
    pub spans: Vec<(i32, i32)>,
}

/// One incident to store.
#[derive(Debug, Clone)]
pub struct IncidentRow {
    pub id: String,
    /// Its day (days since 1970-01-01), when it has one.
    pub day: Option<i32>,
    /// Opaque to the store (JSON).
    pub json: String,
    /// (article, event index; -1 for an article with no event of its own).
    pub members: Vec<(String, i64)>,
}

/// The incident tables, through a connection or a transaction.
pub struct Links<'a>(&'a Connection);

impl Store {
    /// Reads the incident tables.
    pub fn links(&self) -> Links<'_> {
        Links(&self.conn)
    }

    /// Runs `f` on the incident tables in one write transaction (taken
    /// before reading, so two writers never link the same articles), bumps
    /// the generation when `f` says it changed something, and commits; an
    /// error of `f` rolls everything back.
    pub fn links_write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Links) -> Result<(T, bool), E>,
    ) -> Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let (out, changed) = f(&Links(&tx))?;
        if changed {
            tx.execute(
                "UPDATE link_state SET value = value + 1 WHERE key = 'generation'",
                [],
            )
            .map_err(StoreError::from)?;
        }
        tx.commit().map_err(StoreError::from)?;
        crate::dict::train_due(&self.conn, &[Kind::Features, Kind::Incident])?;
        Ok(out)
    }
}

/// Binds `ids` in chunks to `sql` (which has one `{}` for the `?` list) and
/// collects one column of strings from every row.
fn strings_in(conn: &Connection, sql: &str, ids: &[&str]) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    for chunk in ids.chunks(IN_CHUNK) {
        let marks = vec!["?"; chunk.len()].join(",");
        let mut stmt = conn.prepare(&sql.replace("{}", &marks))?;
        let rows = stmt.query_map(params_from_iter(chunk.iter()), |r| r.get(0))?;
        for r in rows {
            out.push(r?);
        }
    }
    Ok(out)
}

/// One row of the pending query (rowid, id, packed frame).
fn pending_row(conn: &Connection, r: &rusqlite::Row<'_>) -> Result<Pending, StoreError> {
    let a = crate::pack::unpack_in(
        conn,
        r.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?,
    )?;
    Ok(Pending {
        rowid: r.get(0)?,
        id: r.get(1)?,
        record: a.record,
        text: a.text,
    })
}

impl Links<'_> {
    /// A counter of `link_state`.
    fn state(&self, key: &str) -> Result<i64, StoreError> {
        let v: Option<i64> = self
            .0
            .query_row("SELECT value FROM link_state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(v.unwrap_or(0))
    }

    /// Bumped by every change of the incidents: a reader holding an older
    /// value reloads.
    pub fn generation(&self) -> Result<i64, StoreError> {
        self.state("generation")
    }

    /// The last entry of the review log (0 when empty): with the
    /// generation, what a reader compares to know its view is current.
    pub fn review_seq(&self) -> Result<i64, StoreError> {
        Ok(self
            .0
            .query_row("SELECT coalesce(max(seq), 0) FROM review", [], |r| r.get(0))?)
    }

    /// The rowid of the last article linked.
    pub fn linked_rowid(&self) -> Result<i64, StoreError> {
        self.state("linked_rowid")
    }

    /// Records that every article up to `rowid` is linked.
    pub fn set_linked_rowid(&self, rowid: i64) -> Result<(), StoreError> {
        self.0.execute(
            "UPDATE link_state SET value = ?1 WHERE key = 'linked_rowid'",
            [rowid],
        )?;
        Ok(())
    }

    /// Up to `limit` stored articles not linked yet, in storage order.
    pub fn pending(&self, limit: usize) -> Result<Vec<Pending>, StoreError> {
        let mut out = Vec::new();
        self.each_pending(limit, |p| {
            out.push(p);
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// Hands up to `limit` stored articles not linked yet to `f`, one at a
    /// time in storage order, and returns the rowid of the last one: only
    /// one article's text and record are held at once, whatever their size
    /// (a batch of 2,000 articles of 0.6 MB each held 1.7 GB as a list).
    pub fn each_pending<E: From<StoreError>>(
        &self,
        limit: usize,
        mut f: impl FnMut(Pending) -> Result<(), E>,
    ) -> Result<Option<i64>, E> {
        let after = self.linked_rowid()?;
        let mut stmt = self
            .0
            .prepare_cached(
                "SELECT rowid, id, packed FROM articles WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
            )
            .map_err(StoreError::from)?;
        let mut rows = stmt
            .query(params![after, limit as i64])
            .map_err(StoreError::from)?;
        let mut last = None;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let p = pending_row(self.0, r)?;
            last = Some(p.rowid);
            f(p)?;
        }
        Ok(last)
    }

    /// True when every stored article is linked.
    pub fn up_to_date(&self) -> Result<bool, StoreError> {
        let last: Option<i64> = self
            .0
            .query_row("SELECT max(rowid) FROM articles", [], |r| r.get(0))?;
        Ok(last.unwrap_or(0) <= self.linked_rowid()?)
    }

    /// Stores (or replaces) an article's features and spans.
    pub fn put_article(&self, a: &LinkArticle) -> Result<(), StoreError> {
        self.0
            .prepare_cached("DELETE FROM link_spans WHERE article = ?1")?
            .execute([&a.article])?;
        self.0
            .prepare_cached(
                "INSERT INTO link_articles (article, outlet, features) VALUES (?1, ?2, ?3)
                 ON CONFLICT (article) DO UPDATE SET outlet = ?2, features = ?3",
            )?
            .execute(params![
                a.article,
                a.outlet,
                compress_json(
                    &a.features,
                    dict::current(self.0, Kind::Features)?.as_deref()
                )
            ])?;
        let mut span = self.0.prepare_cached(
            "INSERT INTO link_spans (article, first_day, last_day) VALUES (?1, ?2, ?3)",
        )?;
        for (first, last) in &a.spans {
            span.execute(params![a.article, first, last])?;
        }
        Ok(())
    }

    /// Articles with a span meeting the days `[first, last]`; no span is
    /// longer than `longest` days, which bounds the index range read.
    pub fn articles_meeting(
        &self,
        first: i32,
        last: i32,
        longest: i32,
    ) -> Result<BTreeSet<String>, StoreError> {
        let mut stmt = self.0.prepare_cached(
            "SELECT DISTINCT article FROM link_spans
             WHERE first_day BETWEEN ?1 AND ?2 AND last_day >= ?3",
        )?;
        let rows = stmt.query_map(params![first - longest, last, first], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Up to `limit` articles on each side of `day` (by the first day of
    /// their spans), nearest first: a sample of the articles of the time.
    pub fn nearest(&self, day: i32, limit: usize) -> Result<BTreeSet<String>, StoreError> {
        let mut out = BTreeSet::new();
        for sql in [
            "SELECT article FROM link_spans WHERE first_day <= ?1 ORDER BY first_day DESC LIMIT ?2",
            "SELECT article FROM link_spans WHERE first_day > ?1 ORDER BY first_day LIMIT ?2",
        ] {
            let mut stmt = self.0.prepare_cached(sql)?;
            let rows = stmt.query_map(params![day, limit as i64], |r| r.get::<_, String>(0))?;
            for r in rows {
                out.insert(r?);
            }
        }
        Ok(out)
    }

    /// The features of these articles (article → JSON).
    pub fn features(&self, ids: &[&str]) -> Result<BTreeMap<String, String>, StoreError> {
        let mut out = BTreeMap::new();
        for chunk in ids.chunks(IN_CHUNK) {
            let marks = vec!["?"; chunk.len()].join(",");
            let sql =
                format!("SELECT article, features FROM link_articles WHERE article IN ({marks})");
            let mut stmt = self.0.prepare(&sql)?;
            let rows = stmt.query_map(params_from_iter(chunk.iter()), |r| {
                Ok((r.get(0)?, expand_json(Some(self.0), r.get_ref(1)?)?))
            })?;
            for r in rows {
                let (a, f) = r?;
                out.insert(a, f);
            }
        }
        Ok(out)
    }

    /// The incidents holding a report (or the story) of these articles.
    pub fn incidents_of(&self, articles: &[&str]) -> Result<BTreeSet<String>, StoreError> {
        let sql = "SELECT DISTINCT incident FROM incident_members WHERE article IN ({})";
        Ok(strings_in(self.0, sql, articles)?.into_iter().collect())
    }

    /// The articles these incidents hold.
    pub fn articles_of(&self, incidents: &[&str]) -> Result<BTreeSet<String>, StoreError> {
        let sql = "SELECT DISTINCT article FROM incident_members WHERE incident IN ({})";
        Ok(strings_in(self.0, sql, incidents)?.into_iter().collect())
    }

    /// Replaces incidents: deletes `old` (and their members), then stores `new`.
    pub fn replace(&self, old: &[&str], new: &[IncidentRow]) -> Result<(), StoreError> {
        for chunk in old.chunks(IN_CHUNK) {
            let marks = vec!["?"; chunk.len()].join(",");
            for table in [("incident_members", "incident"), ("incidents", "id")] {
                let sql = format!("DELETE FROM {} WHERE {} IN ({marks})", table.0, table.1);
                self.0.execute(&sql, params_from_iter(chunk.iter()))?;
            }
        }
        let mut inc = self.0.prepare_cached(
            "INSERT OR REPLACE INTO incidents (id, day, incident) VALUES (?1, ?2, ?3)",
        )?;
        let mut member = self.0.prepare_cached(
            "INSERT OR REPLACE INTO incident_members (article, event, incident) VALUES (?1, ?2, ?3)",
        )?;
        let dict = dict::current(self.0, Kind::Incident)?;
        for row in new {
            inc.execute(params![
                row.id,
                row.day,
                compress_json(&row.json, dict.as_deref())
            ])?;
            for (article, event) in &row.members {
                member.execute(params![article, event, row.id])?;
            }
        }
        Ok(())
    }

    /// Every stored incident's JSON, by day then id.
    pub fn all_incidents(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .0
            .prepare("SELECT incident FROM incidents ORDER BY day, id")?;
        let rows = stmt.query_map([], |r| expand_json(Some(self.0), r.get_ref(0)?))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The JSON of the incidents holding these articles.
    pub fn incidents_json(&self, articles: &[&str]) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for chunk in articles.chunks(IN_CHUNK) {
            let marks = vec!["?"; chunk.len()].join(",");
            let sql = format!(
                "SELECT incident FROM incidents WHERE id IN
                 (SELECT incident FROM incident_members WHERE article IN ({marks}))"
            );
            let mut stmt = self.0.prepare(&sql)?;
            let rows = stmt.query_map(params_from_iter(chunk.iter()), |r| {
                expand_json(Some(self.0), r.get_ref(0)?)
            })?;
            for r in rows {
                out.push(r?);
            }
        }
        Ok(out)
    }

    /// Records terms an outlet uses for an actor.
    pub fn add_terms(&self, outlet: &str, actor: &str, terms: &[String]) -> Result<(), StoreError> {
        let mut stmt = self.0.prepare_cached(
            "INSERT OR IGNORE INTO outlet_terms (outlet, actor, term) VALUES (?1, ?2, ?3)",
        )?;
        for t in terms {
            stmt.execute(params![outlet, actor, t])?;
        }
        Ok(())
    }

    /// Linked articles per outlet (`None`: no outlet known).
    pub fn outlet_articles(&self) -> Result<Vec<(Option<String>, usize)>, StoreError> {
        let mut stmt = self
            .0
            .prepare("SELECT outlet, count(*) FROM link_articles GROUP BY outlet")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every (outlet, actor, term), in that order.
    pub fn outlet_terms(&self) -> Result<Vec<(String, String, String)>, StoreError> {
        let mut stmt = self.0.prepare(
            "SELECT outlet, actor, term FROM outlet_terms ORDER BY outlet, actor, rowid",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Forgets every incident and linked article (for a full rebuild).
    pub fn clear(&self) -> Result<(), StoreError> {
        self.0.execute_batch(
            "DELETE FROM incident_members; DELETE FROM incidents; DELETE FROM link_spans;
             DELETE FROM link_articles; DELETE FROM outlet_terms;
             UPDATE link_state SET value = 0 WHERE key = 'linked_rowid';",
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, spans: &[(i32, i32)]) -> LinkArticle {
        LinkArticle {
            article: id.into(),
            outlet: Some("o".into()),
            features: "{}".into(),
            spans: spans.to_vec(),
        }
    }

    #[test]
    fn windows_members_and_generation() {
        let mut s = Store::open_in_memory().unwrap();
        let g0 = s.links().generation().unwrap();
        s.links_write(|l| {
            l.put_article(&article("a", &[(100, 100)]))?;
            l.put_article(&article("b", &[(90, 120)]))?;
            l.put_article(&article("c", &[(200, 200)]))?;
            let row = IncidentRow {
                id: "i1".into(),
                day: Some(100),
                json: "{}".into(),
                members: vec![("a".into(), 0), ("b".into(), -1)],
            };
            l.replace(&[], &[row])?;
            Ok::<_, StoreError>(((), true))
        })
        .unwrap();
        let l = s.links();
        assert_eq!(l.generation().unwrap(), g0 + 1);
        // A month-long span meets a window after its first day.
        let w = l.articles_meeting(115, 118, 40).unwrap();
        assert_eq!(w.into_iter().collect::<Vec<_>>(), ["b"]);
        assert!(l.articles_meeting(150, 160, 40).unwrap().is_empty());
        let inc = l.incidents_of(&["b"]).unwrap();
        assert_eq!(inc.iter().collect::<Vec<_>>(), ["i1"]);
        assert_eq!(l.articles_of(&["i1"]).unwrap().len(), 2);
        assert_eq!(l.outlet_articles().unwrap(), [(Some("o".into()), 3)]);
        assert_eq!(l.nearest(195, 1).unwrap().len(), 2);
    }

    #[test]
    fn replace_drops_the_old_incident_and_its_members() {
        let mut s = Store::open_in_memory().unwrap();
        s.links_write(|l| {
            let row = |id: &str, a: &str| IncidentRow {
                id: id.into(),
                day: None,
                json: "{}".into(),
                members: vec![(a.into(), 0)],
            };
            l.replace(&[], &[row("i1", "a"), row("i2", "b")])?;
            l.replace(&["i1", "i2"], &[row("i3", "a")])?;
            Ok::<_, StoreError>(((), false))
        })
        .unwrap();
        let l = s.links();
        assert_eq!(l.all_incidents().unwrap().len(), 1);
        assert!(l.incidents_of(&["b"]).unwrap().is_empty());
        assert_eq!(l.generation().unwrap(), 0, "no change reported");
    }
}
