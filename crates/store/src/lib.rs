//! The article store: SQLite (WAL) with an FTS5 index over the normalized,
//! clitic-split body, so Arabic searches find words whatever their spelling,
//! diacritics or attached prepositions, and snippets are cut from the original
//! text with the matching words marked.
//!
//! ```
//! use rasad_record::Document;
//! use rasad_store::{prepare, Query, Store};
//! let mut store = Store::open_in_memory().unwrap();
//! let mut doc = Document::empty("a1");
//! doc.body = "قُتِلَ خمسة مدنيين بالرقّة".into();
//! let p = prepare(&doc.body.clone(), "a1.txt", &doc).unwrap();
//! store.write_batch(&[p]).unwrap();
//! let hits = store.search(&Query { text: "الرقه".into(), limit: 10, ..Query::default() }).unwrap();
//! assert_eq!(hits[0].snippet.render("[", "]"), "قُتِلَ خمسة مدنيين [بالرقّة]");
//! ```
//!
//! Layout: [`schema`] (migrations keyed on `PRAGMA user_version`), [`mod@prepare`]
//! (rows from records), [`mod@write`] (batched transactional inserts, duplicates),
//! [`search`] (ranked queries), [`fulltext`] (the tantivy index they rank
//! with, beside the database file), [`rank`] (BM25 over FTS5),
//! [`snippet`] (windows of the original text), [`pack`] (the compressed
//! article: text, body and record once each),
//! [`spans`] (token offset encoding), [`links`] (persisted incidents).

pub mod dict;
pub(crate) mod filter;
pub mod fulltext;
pub mod links;
pub mod pack;
pub mod prepare;
pub mod query;
pub mod rank;
pub mod review;
pub mod schema;
pub mod search;
pub mod snippet;
pub mod spans;
pub mod write;

pub use pack::Article;
pub use prepare::{prepare, snippet_terms, Prepared, Rejected, SnippetBase, SnippetTerms};
pub use review::ReviewEntry;
pub use search::{Hit, Query};
pub use snippet::Snippet;
pub use write::Outcome;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OptionalExtension};
use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("schema migration {step} failed: {source}")]
    Migration { step: i64, source: rusqlite::Error },
    #[error(
        "the database has schema version {found}, newer than this rasad supports ({supported})"
    )]
    TooNew { found: i64, supported: i64 },
    #[error("the query has no words to search for")]
    EmptyQuery,
    #[error(
        "the database belongs to another program (it is not a rasad store); refusing to change it"
    )]
    Foreign,
    #[error("article {0} was neither stored nor a duplicate")]
    Conflict(String),
    #[error("a stored article cannot be read: {0}")]
    Pack(#[from] pack::PackError),
    #[error("search index: {0}")]
    Index(String),
}

impl From<tantivy::TantivyError> for StoreError {
    fn from(e: tantivy::TantivyError) -> Self {
        StoreError::Index(e.to_string())
    }
}

/// Page size of a new database file. Most rows are compressed frames of
/// 1–3 KB (articles, linking features, incidents), and a 4 KB page holds
/// one of them and leaves the rest of the page unused: 5,000 stored
/// articles took 48 MB with 4 KB pages and 41 MB with 16 KB pages
/// (`VACUUM`ed copies; 64 KB pages gave 40.6 MB, with larger reads per
/// lookup).
pub const PAGE_SIZE: i64 = 16_384;

/// An open article database.
pub struct Store {
    pub(crate) conn: Connection,
    /// Days and outlets of the stored articles, for search filters.
    pub(crate) columns: RefCell<filter::Columns>,
    /// The search index (shared by the stores of one database file).
    pub(crate) fulltext: Arc<fulltext::Fulltext>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, switches it to WAL
    /// and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let conn = Connection::open(path.as_ref())?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // Before anything writes (WAL mode, migrations): never alter another
        // program's database.
        schema::check_owner(&conn)?;
        // Only a new, empty file takes it (before WAL: the page size of a
        // WAL database is fixed); an existing store keeps its own.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        // In WAL mode NORMAL keeps the database consistent through crashes; only
        // the last transactions may be lost on power failure.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 32 MB of page cache: index merges during large ingests stay in memory.
        conn.pragma_update(None, "cache_size", -32_000)?;
        let fulltext = fulltext::Fulltext::open(path.as_ref())?;
        Self::init(conn, fulltext)
    }

    /// An in-memory database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::init(
            Connection::open_in_memory()?,
            fulltext::Fulltext::in_memory()?,
        )
    }

    fn init(mut conn: Connection, fulltext: Arc<fulltext::Fulltext>) -> Result<Store, StoreError> {
        // Plans never depend on bound values: otherwise SQLite prepares a
        // statement again whenever a value it looked at changes (the search
        // ranking and FTS5's own lookups did so on every search).
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        rank::register(&conn)?;
        schema::migrate(&mut conn)?;
        // A store with rows enough and no dictionary yet (one written before
        // schema 6) gets its dictionaries now, its rows compressed again.
        dict::train_due(&conn, &dict::Kind::ALL)?;
        // Built or brought up to date now (a missing or stale index).
        fulltext.sync(&conn)?;
        Ok(Store {
            conn,
            columns: RefCell::default(),
            fulltext,
        })
    }

    /// Number of stored articles.
    pub fn count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// The stored extraction record (JSON) of an article.
    pub fn record(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self.stored(id)?.map(|a| a.record))
    }

    /// The id of the first stored article (in storage order).
    pub fn first_id(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT id FROM articles ORDER BY rowid LIMIT 1", [], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// The stored extraction record (JSON) and the original decoded text of
    /// an article, in one read.
    pub fn article(&self, id: &str) -> Result<Option<(String, String)>, StoreError> {
        Ok(self.stored(id)?.map(|a| (a.record, a.text)))
    }

    /// An article as stored: text, body and record, unpacked.
    pub fn stored(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT packed FROM articles WHERE id = ?1")?;
        let frame: Option<Vec<u8>> = stmt.query_row([id], |r| r.get(0)).optional()?;
        Ok(frame.map(|f| pack::unpack_in(&self.conn, &f)).transpose()?)
    }

    /// Calls `f` with every stored article after rowid `after`, in storage
    /// order, as (rowid, id, article), one at a time: memory holds one
    /// article whatever the size of the store. Stops at the first error of
    /// `f`.
    pub fn each_article<E: From<StoreError>>(
        &self,
        after: i64,
        mut f: impl FnMut(i64, String, Article) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT rowid, id, packed FROM articles WHERE rowid > ?1 ORDER BY rowid",
            )
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([after]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let rowid: i64 = r.get(0).map_err(StoreError::from)?;
            let id: String = r.get(1).map_err(StoreError::from)?;
            let frame = r.get_ref(2).map_err(StoreError::from)?;
            let blob = frame
                .as_blob()
                .map_err(|e| StoreError::from(rusqlite::Error::from(e)))?;
            let article = pack::unpack_in(&self.conn, blob).map_err(StoreError::from)?;
            f(rowid, id, article)?;
        }
        Ok(())
    }

    /// Every stored article's URL, as (article id, URL), for articles that
    /// have one.
    pub fn urls(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, url FROM articles WHERE url IS NOT NULL AND url != ''")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The original decoded text of an article.
    pub fn text(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self.stored(id)?.map(|a| a.text))
    }

    /// `PRAGMA integrity_check`; `"ok"` when it passes. (The search index
    /// is derived: one that does not match the database is built again.)
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// Fills `temp.article_fts`, an FTS5 table of the stored articles' index
    /// terms as schemas 1–6 kept them in the file: tests compare the search
    /// index's matches and `rasad_bm25` with FTS5's.
    #[cfg(test)]
    pub(crate) fn fts_for_tests(&self) {
        let c = &self.conn;
        c.execute_batch(
            "DROP TABLE IF EXISTS temp.article_fts;
             CREATE VIRTUAL TABLE temp.article_fts USING fts5(title, body, tokenize = 'ascii');",
        )
        .unwrap();
        let mut st = c
            .prepare("SELECT rowid, title, packed FROM articles ORDER BY rowid")
            .unwrap();
        let rows: Vec<(i64, String, String)> = st
            .query_map([], |r| {
                let title: Option<String> = r.get(1)?;
                let a = pack::unpack_in(c, &r.get::<_, Vec<u8>>(2)?).unwrap();
                let terms = |t: &str| prepare::index_terms(t).0;
                Ok((
                    r.get(0)?,
                    terms(title.as_deref().unwrap_or("")),
                    terms(&a.body),
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut put = c
            .prepare("INSERT INTO temp.article_fts (rowid, title, body) VALUES (?1, ?2, ?3)")
            .unwrap();
        for row in rows {
            put.execute(rusqlite::params![row.0, row.1, row.2]).unwrap();
        }
    }

    /// The underlying connection (read-only use: reports, tests).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
