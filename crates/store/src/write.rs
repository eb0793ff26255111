//! Batched, transactional writes with duplicate detection.
//!
//! An article is skipped when its id is stored, or when its text (the
//! normalized body, [`crate::prepare::content_hash`]) is stored from the
//! same outlet or it has no outlet. The same text from another outlet is
//! stored as an article of its own, marked as a copy of the article first
//! stored with that text: that outlet reported it too, which the incident
//! view shows as evidence.

use crate::dict::{Dict, Kind};
use crate::prepare::Prepared;
use crate::{Store, StoreError};
use rusqlite::{params, Transaction, TransactionBehavior};

/// What happened to one prepared article in a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Stored as a new article.
    Inserted,
    /// Stored as a new article whose text is stored already from another
    /// outlet: a copy of `of`, the article first stored with that text.
    Copy { of: String },
    /// An article with the same id is already stored (skipped).
    DuplicateId,
    /// An article with the same normalized body is already stored under
    /// `existing`, from the same outlet or this one has none (skipped).
    DuplicateContent { existing: String },
}

impl Outcome {
    /// True for either kind of duplicate (nothing stored).
    pub fn is_duplicate(&self) -> bool {
        matches!(
            self,
            Outcome::DuplicateId | Outcome::DuplicateContent { .. }
        )
    }
}

/// Where an article whose text may be stored already goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Placement {
    /// The text is new.
    New,
    /// The text is stored from other outlets: a copy of this article.
    CopyOf(String),
    /// The text is stored from this outlet (or the article has none): a
    /// duplicate of this article.
    Duplicate(String),
}

/// Where an article from `outlet` (its key) goes, given the articles
/// stored with the same text as (id, outlet key), in storage order (the
/// first is the original).
fn placement(same_text: &[(String, Option<String>)], outlet: Option<&str>) -> Placement {
    let Some((first, _)) = same_text.first() else {
        return Placement::New;
    };
    let Some(outlet) = outlet else {
        return Placement::Duplicate(first.clone());
    };
    match same_text.iter().find(|(_, o)| o.as_deref() == Some(outlet)) {
        Some((id, _)) => Placement::Duplicate(id.clone()),
        None => Placement::CopyOf(first.clone()),
    }
}

impl Store {
    /// Writes a batch in one transaction: either every new article of the batch
    /// is stored (with its index entry) or, on a database error, none is.
    /// Duplicates (same id, or same normalized body from the same outlet,
    /// whether already stored or earlier in the same batch) are skipped; the
    /// same body from another outlet is stored as a copy. Returns one
    /// outcome per article, in order.
    pub fn write_batch(&mut self, batch: &[Prepared]) -> Result<Vec<Outcome>, StoreError> {
        // The write lock first: the duplicate checks below then see every
        // article another writer could store before this batch commits.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let dict = crate::dict::current(&tx, Kind::Article)?;
        let out = batch
            .iter()
            .map(|p| write_one(&tx, p, dict.as_deref()))
            .collect::<Result<Vec<_>, _>>()?;
        tx.commit()?;
        // SQLite is the record: the index follows it. A failure here leaves
        // the index behind, which the next write or search finds and repairs
        // (`Fulltext::sync`), so the stored batch is not reported as failed.
        let _ = self.fulltext.sync(&self.conn);
        crate::dict::train_due(&self.conn, &[Kind::Article])?;
        Ok(out)
    }

    /// The article this one copies (same text, another outlet, stored
    /// first), when it is a copy.
    pub fn copy_of(&self, id: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT copy_of FROM articles WHERE id = ?1")?;
        let found: Option<Option<String>> = stmt.query_row([id], |r| r.get(0)).optional()?;
        Ok(found.flatten())
    }
}

/// Writes one article inside the batch's transaction (or names why not),
/// its frame compressed again with the store's dictionary when it has one.
fn write_one(tx: &Transaction, p: &Prepared, dict: Option<&Dict>) -> Result<Outcome, StoreError> {
    let mut by_id = tx.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
    if by_id.exists([&p.id])? {
        return Ok(Outcome::DuplicateId);
    }
    let mut by_hash = tx.prepare_cached(
        "SELECT id, outlet_key FROM articles WHERE content_hash = ?1 ORDER BY rowid",
    )?;
    let same_text = by_hash
        .query_map([&p.content_hash[..]], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<(String, Option<String>)>, _>>()?;
    let copy_of = match placement(&same_text, p.outlet_key.as_deref()) {
        Placement::New => None,
        Placement::CopyOf(of) => Some(of),
        Placement::Duplicate(existing) => return Ok(Outcome::DuplicateContent { existing }),
    };
    let packed = match dict {
        Some(d) => crate::pack::repack(tx, &p.packed, d)?,
        None => std::borrow::Cow::Borrowed(&p.packed[..]),
    };
    let mut insert = tx.prepare_cached(
        "INSERT INTO articles (id, origin, url, outlet, outlet_key, title, published,
            published_day, content_hash, ingested_at, packed, copy_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
            strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?10, ?11)",
    )?;
    insert.execute(params![
        p.id,
        p.origin,
        p.url,
        p.outlet,
        p.outlet_key,
        p.title,
        p.published,
        p.published_day,
        &p.content_hash[..],
        packed,
        copy_of,
    ])?;
    Ok(match copy_of {
        Some(of) => Outcome::Copy { of },
        None => Outcome::Inserted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(rows: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        rows.iter()
            .map(|(id, o)| (id.to_string(), o.map(str::to_string)))
            .collect()
    }

    #[test]
    fn another_outlet_makes_a_copy_of_the_first_and_the_same_outlet_a_duplicate() {
        let none = stored(&[]);
        assert_eq!(placement(&none, Some("a")), Placement::New);
        assert_eq!(placement(&none, None), Placement::New);
        let two = stored(&[("x", Some("a")), ("y", Some("b"))]);
        assert_eq!(placement(&two, Some("c")), Placement::CopyOf("x".into()));
        assert_eq!(placement(&two, Some("b")), Placement::Duplicate("y".into()));
        assert_eq!(placement(&two, None), Placement::Duplicate("x".into()));
        // A text first stored without an outlet: an outlet's copy is kept.
        let bare = stored(&[("x", None)]);
        assert_eq!(placement(&bare, Some("a")), Placement::CopyOf("x".into()));
        assert_eq!(placement(&bare, None), Placement::Duplicate("x".into()));
    }
}
