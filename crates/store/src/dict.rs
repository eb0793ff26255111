//! zstd dictionaries trained on the store's own rows (schema 6).
//!
//! An article frame (3–10 KB before compression) or an incident row is too
//! small for zstd to learn much from it alone: the record's keys, the
//! outlets' stock phrases and the common words are learnt again in every
//! frame. A dictionary trained on the store's first rows of a kind gives
//! every later frame of that kind that knowledge for free. Measured on
//! 10,000 stored articles (held-out rows: the dictionary trained on other
//! pool articles than the ones compressed): article frames 33 % smaller,
//! linking features 29 %, incident rows about half.
//!
//! Each kind gets one dictionary, trained once when its table first holds
//! [`TRAIN_ROWS`] rows; the rows stored before it are then compressed again
//! with it, and every later row is written with it. A frame names its
//! dictionary (zstd's dictionary id in the frame header), so frames without
//! one (older stores, rows not compressed again yet) still read. A
//! dictionary is never changed or deleted once stored.

use crate::StoreError;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};
use zstd::dict::{DecoderDictionary, EncoderDictionary};

/// Rows of a kind stored before its dictionary is trained: enough for a
/// dictionary as good as one trained on more (500 sampled articles gave
/// frames within 1 % of 1,000), few enough that a small store gains soon.
pub const TRAIN_ROWS: i64 = 1_000;

/// Most rows read to train a dictionary, spread evenly over the table.
const SAMPLE_ROWS: i64 = 1_000;

/// Fewest rows a dictionary is trained from (zstd cannot learn from fewer).
const MIN_SAMPLES: usize = 64;

/// Dictionary size: zstd's default (110 KB). 64 KB gave frames 1.5 %
/// larger; per store it costs 0.3 MB for the three kinds.
const DICT_BYTES: usize = 112_640;

/// Rows compressed again per transaction, so writers wait little.
const RECOMPRESS_ROWS: i64 = 500;

/// What a dictionary is for: each kind of row has its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Article frames (`articles.packed`, see [`crate::pack`]).
    Article,
    /// Linking features (`link_articles.features`).
    Features,
    /// Incidents (`incidents.incident`).
    Incident,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 3] = [Kind::Article, Kind::Features, Kind::Incident];

    fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Features => "features",
            Kind::Incident => "incident",
        }
    }

    /// The table and column holding the rows of this kind.
    fn column(self) -> (&'static str, &'static str) {
        match self {
            Kind::Article => ("articles", "packed"),
            Kind::Features => ("link_articles", "features"),
            Kind::Incident => ("incidents", "incident"),
        }
    }
}

/// A stored dictionary, ready to compress and decompress with.
pub struct Dict {
    /// zstd's dictionary id (also in every frame compressed with it).
    pub id: u32,
    enc: EncoderDictionary<'static>,
    dec: DecoderDictionary<'static>,
}

/// The dictionaries loaded in this process, by id. An id is derived from
/// the dictionary's content (zstd's trainer hashes it), so one id names one
/// dictionary in every store this process opens.
static LOADED: LazyLock<RwLock<HashMap<u32, Arc<Dict>>>> = LazyLock::new(Default::default);

fn cached(id: u32) -> Option<Arc<Dict>> {
    LOADED
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(&id)
        .cloned()
}

/// The dictionary `id` of this store, read once per process.
fn load(conn: &Connection, id: u32) -> rusqlite::Result<Option<Arc<Dict>>> {
    if let Some(d) = cached(id) {
        return Ok(Some(d));
    }
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT dict FROM zstd_dicts WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(bytes.map(|b| {
        let d = Arc::new(Dict {
            id,
            enc: EncoderDictionary::copy(&b, crate::pack::LEVEL),
            dec: DecoderDictionary::copy(&b),
        });
        let mut map = LOADED.write().unwrap_or_else(|e| e.into_inner());
        map.entry(id).or_insert(d).clone()
    }))
}

/// The dictionary rows of `kind` are written with, when it has one.
pub fn current(conn: &Connection, kind: Kind) -> rusqlite::Result<Option<Arc<Dict>>> {
    let id: Option<u32> = conn
        .prepare_cached("SELECT id FROM zstd_dicts WHERE kind = ?1 AND id IS NOT NULL")?
        .query_row([kind.name()], |r| r.get(0))
        .optional()?;
    match id {
        Some(id) => load(conn, id),
        None => Ok(None),
    }
}

/// The dictionary a frame was compressed with (`None`: none).
pub fn frame_dict(frame: &[u8]) -> Option<u32> {
    zstd::zstd_safe::get_dict_id_from_frame(frame).map(|n| n.get())
}

/// Compresses `raw` with `dict` (or without one).
pub fn compress(raw: &[u8], dict: Option<&Dict>) -> Vec<u8> {
    thread_local! {
        static CCTX: std::cell::RefCell<zstd::zstd_safe::CCtx<'static>> =
            std::cell::RefCell::new(zstd::zstd_safe::CCtx::create());
    }
    let Some(d) = dict else {
        return zstd::bulk::compress(raw, crate::pack::LEVEL)
            .expect("zstd compresses any input in memory");
    };
    let mut out = Vec::with_capacity(zstd::zstd_safe::compress_bound(raw.len()));
    CCTX.with(|c| {
        c.borrow_mut()
            .compress_using_cdict(&mut out, raw, d.enc.as_cdict())
    })
    .expect("zstd compresses any input into a buffer of its bound");
    out
}

/// Decompresses a frame written with dictionary `id`, reading the
/// dictionary from `conn` when this process has not loaded it yet.
pub(crate) fn decode_with(
    conn: Option<&Connection>,
    id: u32,
    frame: &[u8],
) -> std::io::Result<Vec<u8>> {
    thread_local! {
        static DCTX: std::cell::RefCell<zstd::zstd_safe::DCtx<'static>> =
            std::cell::RefCell::new(zstd::zstd_safe::DCtx::create());
    }
    let found = match conn {
        Some(c) => load(c, id).map_err(std::io::Error::other)?,
        None => cached(id),
    };
    let d = found.ok_or_else(|| std::io::Error::other(format!("unknown zstd dictionary {id}")))?;
    let n = match zstd::zstd_safe::get_frame_content_size(frame) {
        Ok(Some(n)) if n <= crate::pack::ONE_BUFFER_MAX => n as usize,
        _ => return Err(std::io::Error::other("a dictionary frame without its size")),
    };
    let mut out = Vec::with_capacity(n);
    DCTX.with(|c| {
        c.borrow_mut()
            .decompress_using_ddict(&mut out, frame, d.dec.as_ddict())
    })
    .map_err(|code| std::io::Error::other(zstd::zstd_safe::get_error_name(code)))?;
    Ok(out)
}

/// The bytes of a stored value of any kind before compression: a frame
/// decoded, or text an older rasad stored as it is.
fn raw_of(conn: &Connection, v: ValueRef<'_>) -> Result<Vec<u8>, StoreError> {
    match v {
        ValueRef::Text(t) => Ok(t.to_vec()),
        ValueRef::Blob(b) => Ok(crate::pack::decode_in(Some(conn), b).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Blob, e.into())
        })?),
        _ => Err(rusqlite::Error::InvalidColumnType(0, "frame".into(), v.data_type()).into()),
    }
}

/// Trains the dictionary of every kind in `kinds` that is due, then
/// compresses that kind's stored rows again with it (see the module doc).
pub(crate) fn train_due(conn: &Connection, kinds: &[Kind]) -> Result<(), StoreError> {
    let mut rewrote = false;
    for &kind in kinds {
        if let Some(d) = train(conn, kind)? {
            recompress(conn, kind, &d)?;
            rewrote = true;
        }
    }
    if rewrote {
        // Rows compressed again shrink inside their pages, and rows are
        // appended at the end of the table, so only a VACUUM gives that
        // space back (a 10,000-article store migrated in place: 70 MB
        // without, 49 MB with). Once per kind in a store's life. Space
        // only: when another connection keeps it from running, the store
        // is merely larger.
        let _ = conn.execute_batch("VACUUM");
    }
    Ok(())
}

/// The highest rowid of a kind's table and the rowid its last failed
/// training saw (0 when never tried).
fn due(conn: &Connection, kind: Kind) -> Result<bool, StoreError> {
    let (table, _) = kind.column();
    let last: Option<i64> =
        conn.query_row(&format!("SELECT max(rowid) FROM {table}"), [], |r| r.get(0))?;
    let tried: Option<(Option<u32>, i64)> = conn
        .prepare_cached("SELECT id, trained_at FROM zstd_dicts WHERE kind = ?1")?
        .query_row([kind.name()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let last = last.unwrap_or(0);
    Ok(match tried {
        None => last >= TRAIN_ROWS,
        Some((Some(_), _)) => false,
        // A failed try is tried again once the table has doubled.
        Some((None, at)) => last >= 2 * at.max(TRAIN_ROWS),
    })
}

/// Trains and stores the dictionary of `kind` when it is due; `None` when
/// it is not due, or training failed (noted, so it is tried again only
/// once the table has doubled).
fn train(conn: &Connection, kind: Kind) -> Result<Option<Arc<Dict>>, StoreError> {
    if !due(conn, kind)? {
        return Ok(None);
    }
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    // Another writer may have trained it while this one waited.
    if !due(&tx, kind)? {
        return Ok(None);
    }
    let (table, column) = kind.column();
    let last: i64 = tx.query_row(&format!("SELECT max(rowid) FROM {table}"), [], |r| r.get(0))?;
    let step = (last / SAMPLE_ROWS).max(1);
    let samples = {
        let sql = format!("SELECT {column} FROM {table} WHERE rowid % ?1 = 0 LIMIT ?2");
        let mut stmt = tx.prepare(&sql)?;
        let mut rows = stmt.query(params![step, SAMPLE_ROWS])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(raw_of(&tx, r.get_ref(0)?)?);
        }
        out
    };
    let trained = (samples.len() >= MIN_SAMPLES)
        .then(|| zstd::dict::from_samples(&samples, DICT_BYTES).ok())
        .flatten();
    let id = trained
        .as_deref()
        .and_then(zstd::zstd_safe::get_dict_id_from_dict);
    let id = id.map(|n| n.get());
    tx.execute(
        "INSERT OR REPLACE INTO zstd_dicts (kind, id, dict, trained_at) VALUES (?1, ?2, ?3, ?4)",
        params![kind.name(), id, trained.filter(|_| id.is_some()), last],
    )?;
    tx.commit()?;
    Ok(match id {
        Some(id) => load(conn, id)?,
        None => None,
    })
}

/// Compresses every row of `kind` not written with `dict` again with it,
/// [`RECOMPRESS_ROWS`] rows per transaction.
fn recompress(conn: &Connection, kind: Kind, dict: &Dict) -> Result<(), StoreError> {
    let (table, column) = kind.column();
    let select =
        format!("SELECT rowid, {column} FROM {table} WHERE rowid > ?1 ORDER BY rowid LIMIT ?2");
    let update = format!("UPDATE {table} SET {column} = ?1 WHERE rowid = ?2");
    let mut after = 0;
    loop {
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        // The chunk is read whole before it is written: a table is not
        // changed under a statement still reading it.
        let chunk = {
            let mut stmt = tx.prepare_cached(&select)?;
            let mut rows = stmt.query(params![after, RECOMPRESS_ROWS])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                let rowid: i64 = r.get(0)?;
                let v = r.get_ref(1)?;
                let done = matches!(v, ValueRef::Blob(b) if frame_dict(b) == Some(dict.id));
                out.push((rowid, (!done).then(|| raw_of(&tx, v)).transpose()?));
            }
            out
        };
        let mut put = tx.prepare_cached(&update)?;
        for (rowid, raw) in &chunk {
            if let Some(raw) = raw {
                put.execute(params![compress(raw, Some(dict)), rowid])?;
            }
        }
        drop(put);
        tx.commit()?;
        match chunk.last() {
            Some((rowid, _)) if chunk.len() as i64 == RECOMPRESS_ROWS => after = *rowid,
            _ => return Ok(()),
        }
    }
}
