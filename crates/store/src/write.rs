//! Batched, transactional writes with duplicate detection.

use crate::prepare::Prepared;
use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension};

/// What happened to one prepared article in a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Stored as a new article.
    Inserted,
    /// An article with the same id is already stored (skipped).
    DuplicateId,
    /// An article with the same normalized body is already stored under
    /// `existing` (skipped).
    DuplicateContent { existing: String },
}

impl Outcome {
    /// True for either kind of duplicate.
    pub fn is_duplicate(&self) -> bool {
        !matches!(self, Outcome::Inserted)
    }
}

impl Store {
    /// Writes a batch in one transaction: either every new article of the batch
    /// is stored (with its index entry) or, on a database error, none is.
    /// Duplicates (same id, or same normalized body, whether already stored or
    /// earlier in the same batch) are skipped. Returns one outcome per article,
    /// in order.
    pub fn write_batch(&mut self, batch: &[Prepared]) -> Result<Vec<Outcome>, StoreError> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(batch.len());
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO articles (id, origin, url, outlet, outlet_key, title, published,
                    published_day, content_hash, ingested_at, packed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
                    strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?10)
                 ON CONFLICT DO NOTHING",
            )?;
            let mut index = tx.prepare_cached(
                "INSERT INTO article_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
            )?;
            let mut by_id = tx.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
            let mut by_hash =
                tx.prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?;
            for p in batch {
                let n = insert.execute(params![
                    p.id,
                    p.origin,
                    p.url,
                    p.outlet,
                    p.outlet_key,
                    p.title,
                    p.published,
                    p.published_day,
                    &p.content_hash[..],
                    p.packed,
                ])?;
                if n == 1 {
                    let rowid = tx.last_insert_rowid();
                    index.execute(params![rowid, p.title_terms, p.body_terms])?;
                    out.push(Outcome::Inserted);
                } else if by_id.query_row([&p.id], |_| Ok(())).optional()?.is_some() {
                    out.push(Outcome::DuplicateId);
                } else {
                    let existing: Option<String> = by_hash
                        .query_row([&p.content_hash[..]], |r| r.get(0))
                        .optional()?;
                    match existing {
                        Some(existing) => out.push(Outcome::DuplicateContent { existing }),
                        None => return Err(StoreError::Conflict(p.id.clone())),
                    }
                }
            }
        }
        tx.commit()?;
        // SQLite is the record: the index follows it. A failure here leaves
        // the index behind, which the next write or search finds and repairs
        // (`Fulltext::sync`), so the stored batch is not reported as failed.
        let _ = self.fulltext.sync(&self.conn);
        Ok(out)
    }
}
