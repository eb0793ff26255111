//! The review log: analysts' corrections, notes and marks, append-only.
//!
//! The store keeps each entry's who/when/what/why in columns a person can
//! query with `sqlite3`, and the full entry as JSON in `payload`; what an
//! entry means for incidents is `rasad_incidents::review`'s business.

use crate::{Store, StoreError};
use rusqlite::params;

/// One entry of the review log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewEntry {
    /// Position in the log, given by the store (ignored when appending).
    pub seq: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Who.
    pub reviewer: String,
    /// `incident`, `article` or `outlet`.
    pub target: String,
    /// The incident id at the time, the article id, or the outlet name.
    pub subject: String,
    /// `set`, `mark`, `split`, `merge`, `note`.
    pub action: String,
    /// The field set, or the mark given.
    pub field: Option<String>,
    /// The value extraction gave.
    pub old_value: Option<String>,
    /// The value the reviewer gave.
    pub new_value: Option<String>,
    /// Why.
    pub note: Option<String>,
    /// The whole entry as JSON.
    pub payload: String,
}

impl Store {
    /// Appends entries to the review log in one transaction (all or none);
    /// returns their sequence numbers.
    pub fn append_review(&mut self, entries: &[ReviewEntry]) -> Result<Vec<i64>, StoreError> {
        let tx = self.conn.transaction()?;
        let mut seqs = Vec::with_capacity(entries.len());
        {
            let mut stmt = tx.prepare(
                "INSERT INTO review (at, reviewer, target, subject, action, field, old_value, new_value, note, payload)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for e in entries {
                stmt.execute(params![
                    e.at,
                    e.reviewer,
                    e.target,
                    e.subject,
                    e.action,
                    e.field,
                    e.old_value,
                    e.new_value,
                    e.note,
                    e.payload
                ])?;
                seqs.push(tx.last_insert_rowid());
            }
        }
        tx.commit()?;
        Ok(seqs)
    }

    /// The whole review log in order.
    pub fn review_log(&self) -> Result<Vec<ReviewEntry>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, reviewer, target, subject, action, field, old_value, new_value, note, payload
             FROM review ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ReviewEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                reviewer: r.get(2)?,
                target: r.get(3)?,
                subject: r.get(4)?,
                action: r.get(5)?,
                field: r.get(6)?,
                old_value: r.get(7)?,
                new_value: r.get(8)?,
                note: r.get(9)?,
                payload: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(subject: &str, action: &str) -> ReviewEntry {
        ReviewEntry {
            seq: 0,
            at: "2026-12-05T10:00:00Z".into(),
            reviewer: "amal".into(),
            target: "incident".into(),
            subject: subject.into(),
            action: action.into(),
            field: Some("fatalities".into()),
            old_value: Some("3".into()),
            new_value: Some("5".into()),
            note: Some("hospital list".into()),
            payload: "{}".into(),
        }
    }

    #[test]
    fn entries_come_back_in_order_with_their_numbers() {
        let mut store = Store::open_in_memory().unwrap();
        let seqs = store
            .append_review(&[entry("inc-1", "set"), entry("inc-2", "mark")])
            .unwrap();
        let log = store.review_log().unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(log.iter().map(|e| e.seq).collect::<Vec<_>>(), seqs);
        assert_eq!(log[1].subject, "inc-2");
        assert_eq!(log[0].new_value.as_deref(), Some("5"));
    }

    #[test]
    fn the_log_refuses_edits_and_deletes() {
        let mut store = Store::open_in_memory().unwrap();
        store.append_review(&[entry("inc-1", "set")]).unwrap();
        let conn = store.connection();
        assert!(conn
            .execute("UPDATE review SET new_value = '9'", [])
            .is_err());
        assert!(conn.execute("DELETE FROM review", []).is_err());
        assert_eq!(
            store.review_log().unwrap()[0].new_value.as_deref(),
            Some("5")
        );
    }

    #[test]
    fn an_unknown_target_is_refused_and_nothing_is_written() {
        let mut store = Store::open_in_memory().unwrap();
        let mut bad = entry("x", "note");
        bad.target = "person".into();
        assert!(store.append_review(&[entry("inc-1", "set"), bad]).is_err());
        assert!(store.review_log().unwrap().is_empty());
    }
}
