//! The search index: a tantivy index of the same index terms FTS5 holds
//! ([`crate::prepare::index_terms`]), kept in a directory beside the SQLite
//! file, ranked top-k with block-max WAND so a search for a common word does
//! not score every article that has it.
//!
//! SQLite stays the store of record. The index is derived from it and holds
//! the articles up to some rowid (articles are only ever appended, in rowid
//! order): every write commits SQLite first and then brings the index up to
//! SQLite's last rowid (`Fulltext::sync`), so an interrupted write leaves the
//! index behind, never ahead, and the next write or search finds it behind
//! (its last rowid below SQLite's) and indexes the rest. A missing index, one
//! of another format, or one that does not match the database (more articles
//! than the database, or other ones) is built again from SQLite.
//!
//! Terms are given to tantivy pre-tokenized, split as FTS5's `ascii`
//! tokenizer splits them ([`tokens`]), so both indexes hold the same words.
//! The title counts [`TITLE_REPEATS`] times, as FTS5's ranking weighed it.

use crate::prepare::index_terms;
use crate::StoreError;
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, Weak};
use tantivy::collector::{FilterCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED,
};
use tantivy::tokenizer::{PreTokenizedString, Token};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Version of what the index holds and how; an index of another version is
/// built again. Bump it when the terms, the schema or the title weight change.
const FORMAT: u32 = 1;

/// How many times a title's terms are indexed: a title match weighs twice a
/// body match, as FTS5's `bm25(article_fts, 2.0, 1.0)` weighed it.
pub const TITLE_REPEATS: usize = 2;

/// Positions left free between the copies of the title and the body, so a
/// phrase never matches across them.
const POSITION_GAP: usize = 1;

/// Memory of the index writer (tantivy's minimum is 15 MB per thread): one
/// ingest batch of 500 articles fits, so a batch makes one segment.
const WRITER_MEMORY: usize = 64 << 20;

/// Rows read from SQLite per round while catching up, so a rebuild never
/// holds more than this many articles' terms.
const CATCH_UP_ROWS: i64 = 2_000;

/// The suffix of the index directory beside the database file.
const DIR_SUFFIX: &str = ".search";

/// One index, shared by every [`crate::Store`] of the same database in this
/// process (a server's pool): one reader and at most one writer.
pub(crate) struct Fulltext {
    index: Index,
    reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    terms: Field,
    rowid: Field,
    /// Highest rowid the current searcher holds.
    upto: AtomicI64,
}

/// The indexes open in this process, by directory.
static OPEN: LazyLock<Mutex<HashMap<PathBuf, Weak<Fulltext>>>> = LazyLock::new(Default::default);

/// The index directory of a database file: `rasad.db` → `rasad.db.search`.
pub fn dir_of(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(DIR_SUFFIX);
    db.with_file_name(name)
}

fn schema() -> (Schema, Field, Field) {
    let mut b = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("raw")
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let terms = b.add_text_field(
        "terms",
        TextOptions::default().set_indexing_options(indexing),
    );
    let rowid = b.add_u64_field("rowid", FAST | INDEXED);
    (b.build(), terms, rowid)
}

/// What the index notes with each commit.
fn payload(upto: i64) -> String {
    format!("{FORMAT} {upto}")
}

/// The committed index's highest rowid, `None` when it has no payload of
/// this format.
fn committed_upto(index: &Index) -> Result<Option<i64>, StoreError> {
    let meta = index.load_metas()?;
    Ok(meta.payload.as_deref().and_then(|p| {
        let (v, upto) = p.split_once(' ')?;
        (v.parse::<u32>().ok()? == FORMAT).then_some(upto.parse().ok()?)
    }))
}

impl Fulltext {
    /// The index of the database at `db`, opened once per process; created
    /// (empty: [`Fulltext::sync`] fills it) when missing or of another format.
    pub(crate) fn open(db: &Path) -> Result<Arc<Fulltext>, StoreError> {
        let dir = dir_of(db);
        let key = std::path::absolute(&dir).unwrap_or_else(|_| dir.clone());
        let mut open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = open.get(&key).and_then(Weak::upgrade) {
            return Ok(f);
        }
        let index = match Index::open_in_dir(&dir) {
            Ok(i) if committed_upto(&i)?.is_some() => i,
            _ => {
                if dir.exists() {
                    std::fs::remove_dir_all(&dir).map_err(|e| StoreError::Index(e.to_string()))?;
                }
                std::fs::create_dir_all(&dir).map_err(|e| StoreError::Index(e.to_string()))?;
                let index = Index::create_in_dir(&dir, schema().0)?;
                // Committed empty at once, so another process opening it
                // finds an index of this format rather than making its own.
                let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
                let mut commit = writer.prepare_commit()?;
                commit.set_payload(&payload(0));
                commit.commit()?;
                index
            }
        };
        let f = Arc::new(Self::with(index)?);
        open.insert(key, Arc::downgrade(&f));
        Ok(f)
    }

    /// An index in memory (for an in-memory store).
    pub(crate) fn in_memory() -> Result<Arc<Fulltext>, StoreError> {
        Ok(Arc::new(Self::with(Index::create_in_ram(schema().0))?))
    }

    fn with(index: Index) -> Result<Fulltext, StoreError> {
        let schema = index.schema();
        let terms = schema.get_field("terms")?;
        let rowid = schema.get_field("rowid")?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let f = Fulltext {
            index,
            reader,
            writer: Mutex::new(None),
            terms,
            rowid,
            upto: AtomicI64::new(0),
        };
        f.note_searcher()?;
        Ok(f)
    }

    /// Reads the highest rowid of the current searcher.
    fn note_searcher(&self) -> Result<(), StoreError> {
        let searcher = self.reader.searcher();
        let mut upto = 0;
        for s in searcher.segment_readers() {
            if s.num_docs() > 0 {
                upto = upto.max(s.fast_fields().u64("rowid")?.max_value() as i64);
            }
        }
        self.upto.store(upto, Ordering::Release);
        Ok(())
    }

    /// The highest rowid the searches see.
    pub(crate) fn upto(&self) -> i64 {
        self.upto.load(Ordering::Acquire)
    }

    /// Brings the index up to SQLite's last article: reloads the searcher
    /// when another writer committed, else indexes the missing articles
    /// (rebuilding from scratch when the index does not match the database).
    /// Returns false when another process holds the index's writer (it
    /// catches up itself; searches meanwhile see the index as it was).
    pub(crate) fn sync(&self, conn: &Connection) -> Result<bool, StoreError> {
        let last = last_rowid(conn)?;
        if self.upto() == last {
            return Ok(true);
        }
        self.reader.reload()?;
        self.note_searcher()?;
        if self.upto() == last {
            return Ok(true);
        }
        let mut slot = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            match self.index.writer_with_num_threads(1, WRITER_MEMORY) {
                Ok(w) => *slot = Some(w),
                Err(tantivy::TantivyError::LockFailure(..)) => return Ok(false),
                Err(e) => return Err(e.into()),
            }
        }
        let Some(writer) = slot.as_mut() else {
            return Ok(false);
        };
        let mut upto = self.committed_or_zero()?;
        if !matches(conn, upto, self.reader.searcher().num_docs())? {
            writer.delete_all_documents()?;
            upto = 0;
        }
        self.catch_up(conn, writer, upto)?;
        self.reader.reload()?;
        self.note_searcher()?;
        Ok(true)
    }

    fn committed_or_zero(&self) -> Result<i64, StoreError> {
        Ok(committed_upto(&self.index)?.unwrap_or(0))
    }

    /// Indexes the articles after `upto` and commits, noting the last one.
    fn catch_up(
        &self,
        conn: &Connection,
        writer: &mut IndexWriter,
        mut upto: i64,
    ) -> Result<(), StoreError> {
        // The full-text table is contentless (schema 4): the terms are made
        // again from the stored title and the packed body.
        let mut stmt = conn.prepare_cached(
            "SELECT rowid, title, packed FROM articles WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
        )?;
        loop {
            let mut rows = stmt.query(rusqlite::params![upto, CATCH_UP_ROWS])?;
            let mut read = 0;
            while let Some(r) = rows.next()? {
                let rowid: i64 = r.get(0)?;
                let title: Option<String> = r.get(1)?;
                let packed: Vec<u8> = r.get(2)?;
                let article = crate::pack::unpack_in(conn, &packed)?;
                let title = title
                    .as_deref()
                    .map(|t| index_terms(t).0)
                    .unwrap_or_default();
                let body = index_terms(&article.body).0;
                writer.add_document(self.document(rowid, &title, &body))?;
                upto = rowid;
                read += 1;
            }
            if read < CATCH_UP_ROWS {
                break;
            }
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&payload(upto));
        commit.commit()?;
        Ok(())
    }

    /// The index document of one article.
    fn document(&self, rowid: i64, title: &str, body: &str) -> TantivyDocument {
        let mut toks = Vec::new();
        let mut next = 0;
        for _ in 0..TITLE_REPEATS {
            next = push_tokens(&mut toks, title, next);
        }
        push_tokens(&mut toks, body, next);
        let mut doc = TantivyDocument::default();
        doc.add_pre_tokenized_text(
            self.terms,
            PreTokenizedString {
                text: String::new(),
                tokens: toks,
            },
        );
        doc.add_u64(self.rowid, rowid.max(0) as u64);
        doc
    }

    /// The `keep` best matches of `query` whose rowid passes `keeps`, as
    /// (rowid, score), best first; equal scores in index order.
    pub(crate) fn top(
        &self,
        query: &dyn Query,
        keep: usize,
        keeps: Option<Arc<dyn Fn(u64) -> bool + Send + Sync>>,
    ) -> Result<Vec<(i64, f64)>, StoreError> {
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(keep.max(1));
        let found = match keeps {
            None => searcher.search(query, &top.order_by_score())?,
            Some(f) => {
                let filter = FilterCollector::new(
                    "rowid".to_string(),
                    move |r: u64| f(r),
                    top.order_by_score(),
                );
                searcher.search(query, &filter)?
            }
        };
        let mut out = Vec::with_capacity(found.len());
        for (score, addr) in found {
            let col = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64("rowid")?;
            if let Some(r) = col.first(addr.doc_id) {
                out.push((r as i64, f64::from(score)));
            }
        }
        Ok(out)
    }

    /// The query of a parsed user query: each phrase a term or phrase
    /// query, alternatives as unions, slots as intersections (top-k by
    /// block-max WAND when they are single terms).
    pub(crate) fn query(&self, parsed: &crate::query::Parsed) -> Option<Box<dyn Query>> {
        let groups: Vec<Box<dyn Query>> = parsed
            .groups
            .iter()
            .filter_map(|g| all(g.iter().filter_map(|s| self.slot(s)).collect()))
            .collect();
        let positive = any(groups)?;
        let not: Vec<Box<dyn Query>> = parsed.not.iter().filter_map(|s| self.slot(s)).collect();
        if not.is_empty() {
            return Some(positive);
        }
        let mut clauses = vec![(Occur::Must, positive)];
        clauses.extend(not.into_iter().map(|q| (Occur::MustNot, q)));
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// Any of a slot's phrases.
    fn slot(&self, slot: &[crate::query::Phrase]) -> Option<Box<dyn Query>> {
        any(slot.iter().filter_map(|p| self.phrase(p)).collect())
    }

    fn phrase(&self, phrase: &[String]) -> Option<Box<dyn Query>> {
        let mut toks = Vec::new();
        for t in phrase {
            let at = toks.len();
            push_tokens(&mut toks, t, at);
        }
        let terms: Vec<Term> = toks
            .iter()
            .map(|t| Term::from_field_text(self.terms, &t.text))
            .collect();
        match terms.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(
                terms.into_iter().next()?,
                IndexRecordOption::WithFreqs,
            ))),
            _ => Some(Box::new(PhraseQuery::new(terms))),
        }
    }

    /// The current searcher (one per query: the counts of its terms agree).
    pub(crate) fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// Articles holding the index term `term`, as FTS5's vocabulary counted
    /// them: a string the tokenizer would not keep as one term is in none.
    pub(crate) fn doc_freq(
        &self,
        searcher: &tantivy::Searcher,
        term: &str,
    ) -> Result<u64, StoreError> {
        match tokens(term).as_slice() {
            [one] if one == term => {
                Ok(searcher.doc_freq(&Term::from_field_text(self.terms, term))?)
            }
            _ => Ok(0),
        }
    }

    /// The reader (tests compare the top-k ranking with exhaustive scoring).
    #[cfg(test)]
    pub(crate) fn reader_for_tests(&self) -> &IndexReader {
        &self.reader
    }
}

/// Every query of the list (`None` for none).
fn all(mut qs: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    match qs.len() {
        0 => None,
        1 => qs.pop(),
        _ => Some(Box::new(BooleanQuery::intersection(qs))),
    }
}

/// Any query of the list (`None` for none).
fn any(mut qs: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    match qs.len() {
        0 => None,
        1 => qs.pop(),
        _ => Some(Box::new(BooleanQuery::union(qs))),
    }
}

/// SQLite's last article rowid (0 when empty).
fn last_rowid(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(rowid), 0) FROM articles")?
        .query_row([], |r| r.get(0))?)
}

/// True when an index holding `docs` articles up to rowid `upto` can be the
/// index of this database: it has exactly the database's articles up to
/// there (an index of a replaced or restored database does not).
fn matches(conn: &Connection, upto: i64, docs: u64) -> Result<bool, StoreError> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM articles WHERE rowid <= ?1")?
        .query_row([upto], |r| r.get(0))?;
    Ok(n.max(0) as u64 == docs && upto <= last_rowid(conn)?)
}

/// Appends the tokens of space-separated index terms as FTS5's `ascii`
/// tokenizer reads them (runs of non-ASCII characters and ASCII letters and
/// digits, ASCII letters lowercased), numbered from position `from`;
/// returns the position after them plus `POSITION_GAP`.
pub fn push_tokens(out: &mut Vec<Token>, terms: &str, from: usize) -> usize {
    let mut pos = from;
    for t in terms.split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric()) {
        if t.is_empty() {
            continue;
        }
        out.push(Token {
            position: pos,
            text: t.to_ascii_lowercase(),
            ..Token::default()
        });
        pos += 1;
    }
    pos + POSITION_GAP
}

/// The terms of a text as the index holds them (for tests and tools).
pub fn tokens(terms: &str) -> Vec<String> {
    let mut out = Vec::new();
    push_tokens(&mut out, terms, 0);
    out.into_iter().map(|t| t.text).collect()
}
