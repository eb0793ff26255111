//! Schema migrations, keyed on `PRAGMA user_version`.
//!
//! [`MIGRATIONS`] is an append-only list: step `i` (0-based) takes a database
//! from version `i` to version `i + 1`. Each step runs in its own transaction
//! together with the version bump, so a crash leaves the database at a version
//! boundary and the next open resumes from there. Never edit a released step;
//! add a new one.

use crate::StoreError;
use rusqlite::{Connection, TransactionBehavior};

/// The numbered migration steps, in order.
pub const MIGRATIONS: &[&str] = &[
    // 1: articles, their full-text index and the token offsets for snippets.
    // The index columns hold pre-tokenized terms (see `prepare::index_terms`)
    // separated by single spaces, so FTS5's `ascii` tokenizer (which splits on
    // ASCII non-alphanumerics only) sees exactly our terms, and cheaply.
    r#"
    CREATE TABLE articles (
        rowid         INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        origin        TEXT NOT NULL,
        url           TEXT,
        outlet        TEXT,
        outlet_key    TEXT,
        title         TEXT,
        published     TEXT,
        published_day TEXT,
        text          TEXT NOT NULL,
        body          TEXT NOT NULL,
        record        TEXT NOT NULL,
        content_hash  BLOB NOT NULL UNIQUE,
        snippet_base  TEXT NOT NULL CHECK (snippet_base IN ('text', 'body')),
        token_spans   BLOB NOT NULL,
        ingested_at   TEXT NOT NULL
    );
    CREATE INDEX articles_published_day ON articles(published_day);
    CREATE INDEX articles_outlet_key ON articles(outlet_key);
    CREATE VIRTUAL TABLE article_fts USING fts5(
        title,
        body,
        tokenize = 'ascii'
    );
    "#,
    // 2: the review log — analysts' corrections, append-only (see `review`).
    // A correction names the event it concerns (article id, event index and
    // evidence, inside `payload`), never an incident number, so it survives
    // re-ingest and re-linking. Triggers refuse updates and deletes: a
    // correction is withdrawn by a later entry, never by editing history.
    r#"
    CREATE TABLE review (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT NOT NULL,
        reviewer   TEXT NOT NULL,
        target     TEXT NOT NULL CHECK (target IN ('incident', 'article', 'outlet')),
        subject    TEXT NOT NULL,
        action     TEXT NOT NULL,
        field      TEXT,
        old_value  TEXT,
        new_value  TEXT,
        note       TEXT,
        payload    TEXT NOT NULL
    );
    CREATE INDEX review_subject ON review(target, subject);
    CREATE TRIGGER review_no_update BEFORE UPDATE ON review
        BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
    CREATE TRIGGER review_no_delete BEFORE DELETE ON review
        BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END;
    "#,
    // 3: persisted incidents (see `links`). Each article's linking features
    // (its reports and story, JSON) and the day spans its reports can link
    // across; the incidents (JSON) and which report of which article each
    // holds (event -1: an article of the story with no event); the terms
    // each outlet uses per actor; and two counters: the highest article
    // rowid already linked (articles above it are linked on the next write
    // or read, so a crash between the two never loses one) and a generation
    // bumped by every change, so readers know when to reload.
    r#"
    CREATE TABLE link_articles (
        rowid     INTEGER PRIMARY KEY,
        article   TEXT NOT NULL UNIQUE,
        outlet    TEXT,
        features  TEXT NOT NULL
    );
    CREATE INDEX link_articles_outlet ON link_articles(outlet);
    CREATE TABLE link_spans (
        article   TEXT NOT NULL,
        first_day INTEGER NOT NULL,
        last_day  INTEGER NOT NULL
    );
    CREATE INDEX link_spans_days ON link_spans(first_day, last_day);
    CREATE INDEX link_spans_article ON link_spans(article);
    CREATE TABLE incidents (
        id        TEXT PRIMARY KEY,
        day       INTEGER,
        incident  TEXT NOT NULL
    );
    CREATE INDEX incidents_day ON incidents(day);
    CREATE TABLE incident_members (
        article   TEXT NOT NULL,
        event     INTEGER NOT NULL,
        incident  TEXT NOT NULL,
        PRIMARY KEY (article, event)
    ) WITHOUT ROWID;
    CREATE INDEX incident_members_incident ON incident_members(incident);
    CREATE TABLE outlet_terms (
        rowid     INTEGER PRIMARY KEY,
        outlet    TEXT NOT NULL,
        actor     TEXT NOT NULL,
        term      TEXT NOT NULL,
        UNIQUE (outlet, actor, term)
    );
    CREATE TABLE link_state (
        key       TEXT PRIMARY KEY,
        value     INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO link_state (key, value) VALUES ('linked_rowid', 0), ('generation', 0);
    "#,
    // 4: the compact store (see `pack`). An article's text, body and record
    // become one zstd frame (`packed`, the record without its copy of the
    // body); token spans and the snippet base are derived from them when a
    // hit is shown, so they are not stored. The full-text index keeps no
    // copy of its input (contentless; `contentless_delete` so a row can
    // still be removed). The day and outlet indexes go: filters read those
    // columns by rowid (`filter`), never through an index. Incident rows
    // (features, incidents) become zstd frames of their JSON. Runs with
    // `rasad_pack` and `rasad_json` registered (`pack::register`); the
    // space freed is returned by the VACUUM `Store::open` runs after it.
    r#"
    CREATE TABLE articles_v4 (
        rowid         INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        origin        TEXT NOT NULL,
        url           TEXT,
        outlet        TEXT,
        outlet_key    TEXT,
        title         TEXT,
        published     TEXT,
        published_day TEXT,
        content_hash  BLOB NOT NULL UNIQUE,
        ingested_at   TEXT NOT NULL,
        packed        BLOB NOT NULL
    );
    INSERT INTO articles_v4 (rowid, id, origin, url, outlet, outlet_key, title, published,
            published_day, content_hash, ingested_at, packed)
        SELECT rowid, id, origin, url, outlet, outlet_key, title, published, published_day,
            content_hash, ingested_at, rasad_pack(text, body, record)
        FROM articles ORDER BY rowid;
    DROP TABLE articles;
    ALTER TABLE articles_v4 RENAME TO articles;
    CREATE VIRTUAL TABLE article_fts_v4 USING fts5(
        title,
        body,
        tokenize = 'ascii',
        content = '',
        contentless_delete = 1
    );
    INSERT INTO article_fts_v4 (rowid, title, body)
        SELECT rowid, title, body FROM article_fts ORDER BY rowid;
    DROP TABLE article_fts;
    ALTER TABLE article_fts_v4 RENAME TO article_fts;
    UPDATE link_articles SET features = rasad_json(features);
    UPDATE incidents SET incident = rasad_json(incident);
    "#,
    // 5: the same text from another outlet is kept (see `write`): the text
    // hash is no longer unique on its own, only with the outlet (no outlet
    // counts as one outlet, ''), and `copy_of` names the article first
    // stored with that text. SQLite cannot drop a UNIQUE constraint, so the
    // table is rebuilt, rowids kept (the full-text rows follow them).
    r#"
    CREATE TABLE articles_v5 (
        rowid         INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        origin        TEXT NOT NULL,
        url           TEXT,
        outlet        TEXT,
        outlet_key    TEXT,
        title         TEXT,
        published     TEXT,
        published_day TEXT,
        content_hash  BLOB NOT NULL,
        ingested_at   TEXT NOT NULL,
        packed        BLOB NOT NULL,
        copy_of       TEXT
    );
    INSERT INTO articles_v5 (rowid, id, origin, url, outlet, outlet_key, title, published,
            published_day, content_hash, ingested_at, packed)
        SELECT rowid, id, origin, url, outlet, outlet_key, title, published, published_day,
            content_hash, ingested_at, packed
        FROM articles ORDER BY rowid;
    DROP TABLE articles;
    ALTER TABLE articles_v5 RENAME TO articles;
    CREATE UNIQUE INDEX articles_text_outlet
        ON articles(content_hash, ifnull(outlet_key, ''));
    "#,
    // 6: zstd dictionaries trained on the store's own rows (see `dict`), one
    // per kind of row (article frames, linking features, incidents), trained
    // once: `id` is zstd's dictionary id (every frame compressed with it
    // names it), `trained_at` the table's last rowid when it was trained
    // (without `id`: when training failed, tried again once the table has
    // doubled). The rows are compressed again by `dict::train_due`, which
    // `Store::open` runs after the migrations, not by this step.
    r#"
    CREATE TABLE zstd_dicts (
        kind       TEXT PRIMARY KEY,
        id         INTEGER UNIQUE,
        dict       BLOB,
        trained_at INTEGER NOT NULL
    );
    "#,
    // 7: the FTS5 index goes. Searches run on the tantivy index beside the
    // file (`fulltext`, built from the stored bodies), which also gives the
    // term counts the query parser reads; FTS5's copy of every article's
    // terms cost 1.4 MB per 1,000 articles and an insert per article.
    r#"
    DROP TABLE article_fts;
    "#,
];

/// The last step that rebuilds the articles table or drops a large one: a
/// database brought through it is vacuumed, so the old rows' pages go back
/// to the disk.
pub const LAST_REBUILD_STEP: i64 = 7;

/// The version migration 4 (the compact store) brings a database to.
pub const COMPACT_STEP: i64 = 4;

/// rasad's SQLite `application_id` (the bytes `rasd`), written with the first
/// migration so that another program's database is never taken for ours.
pub const APPLICATION_ID: i32 = 0x7261_7364;

/// Fails with [`StoreError::Foreign`] when the database at `conn` belongs to
/// another program: it has tables but neither rasad's `application_id` nor
/// (for databases rasad wrote before the id existed) a schema version with
/// an `articles` table. An empty database is rasad's to create. Reads only.
pub fn check_owner(conn: &Connection) -> Result<(), StoreError> {
    let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if id == APPLICATION_ID {
        return Ok(());
    }
    let count =
        |sql: &str| -> Result<i64, StoreError> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    let objects = count("SELECT count(*) FROM sqlite_master")?;
    let articles =
        count("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'articles'")?;
    let older_rasad = id == 0 && version(conn)? >= 1 && articles == 1;
    if objects == 0 && id == 0 || older_rasad {
        Ok(())
    } else {
        Err(StoreError::Foreign)
    }
}

/// The schema version this build writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Reads the database's schema version.
pub fn version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Applies every step the database has not seen yet, each in its own
/// transaction. Returns the number of steps applied. Fails (without touching
/// anything) when the database was written by a newer rasad.
pub fn migrate(conn: &mut Connection) -> Result<usize, StoreError> {
    // Fast path without the write lock: a reader opening an up-to-date
    // database never waits for a running ingest.
    if version(conn)? == current_version() {
        return Ok(0);
    }
    crate::pack::register(conn)?;
    let mut applied = 0;
    let from = version(conn)?;
    loop {
        // Take the write lock before reading the version so two processes
        // opening the same new database cannot both apply a step.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let v = version(&tx)?;
        if v > current_version() {
            return Err(StoreError::TooNew {
                found: v,
                supported: current_version(),
            });
        }
        if v == current_version() {
            tx.commit()?;
            if from > 0 && from < LAST_REBUILD_STEP {
                // The rows migrations 4, 5 and 7 rewrote or dropped leave
                // free pages behind: give them back to the disk.
                conn.execute_batch("VACUUM")?;
            }
            return Ok(applied);
        }
        if v == 0 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        let step = MIGRATIONS[v as usize];
        tx.execute_batch(step).map_err(|e| StoreError::Migration {
            step: v + 1,
            source: e,
        })?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
        applied += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_idempotent() {
        let mut c = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut c).unwrap(), MIGRATIONS.len());
        assert_eq!(version(&c).unwrap(), current_version());
        assert_eq!(migrate(&mut c).unwrap(), 0);
        assert_eq!(version(&c).unwrap(), current_version());
    }

    #[test]
    fn newer_database_is_refused() {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "user_version", current_version() + 1)
            .unwrap();
        let err = migrate(&mut c).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
        // Nothing was created.
        let n: i64 = c
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn another_programs_database_is_refused() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE notes (body TEXT)").unwrap();
        assert!(matches!(check_owner(&c), Err(StoreError::Foreign)));
        // Even one that happens to have an `articles` table but no version.
        c.execute_batch("CREATE TABLE articles (x)").unwrap();
        assert!(matches!(check_owner(&c), Err(StoreError::Foreign)));
    }

    #[test]
    fn new_and_own_databases_are_accepted() {
        let mut c = Connection::open_in_memory().unwrap();
        check_owner(&c).unwrap();
        migrate(&mut c).unwrap();
        let id: i32 = c
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(id, APPLICATION_ID);
        check_owner(&c).unwrap();
        // A database of an older rasad (no id yet) is still ours.
        c.pragma_update(None, "application_id", 0).unwrap();
        check_owner(&c).unwrap();
    }

    #[test]
    fn failed_step_leaves_previous_version() {
        let mut c = Connection::open_in_memory().unwrap();
        // A table with a clashing name makes step 1 fail.
        c.execute_batch("CREATE TABLE articles (x)").unwrap();
        let err = migrate(&mut c).unwrap_err();
        assert!(
            matches!(err, StoreError::Migration { step: 1, .. }),
            "{err}"
        );
        assert_eq!(version(&c).unwrap(), 0);
        let fts: i64 = c
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'article_fts'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(fts, 0, "the failed step was rolled back");
    }
}
