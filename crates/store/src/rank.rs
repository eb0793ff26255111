//! `rasad_bm25()`: FTS5's BM25 ranking with every article's length kept in
//! memory.
//!
//! FTS5's own `bm25()` reads the length of each matching row from the index's
//! `docsize` table: one B-tree lookup per row, about 70 % of the ranking's time
//! when a query matches thousands of articles (a common word, a big province).
//! `rasad_bm25(article_fts, w1, w2, ...)` is the same formula computed in the
//! same order, so its scores are equal to `bm25()`'s bit for bit (tested), but
//! each connection asks FTS5 for a row's length once and then remembers it.
//! That is sound because the store never rewrites or deletes an article: a
//! stored row's length never changes. Lengths are only learnt from committed
//! rows (searches do not run inside write transactions).
//!
//! This is the only `unsafe` code of the store: the FTS5 extension interface is
//! a C API that rusqlite does not wrap. Every pointer comes from SQLite for the
//! duration of one call; every failure becomes an SQLite error code, never a
//! panic across the C boundary.

use crate::StoreError;
use rusqlite::{ffi, Connection};
use std::cell::RefCell;
use std::ffi::{c_int, c_void, CStr};

/// The function's SQL name.
pub const FUNCTION: &str = "rasad_bm25";
const NAME: &CStr = c"rasad_bm25";

/// Rowids from here on are ranked without memory (their length is read each
/// time), which bounds the memory to 16 MB per connection.
const MAX_REMEMBERED_ROWID: i64 = 1 << 22;

/// BM25 parameters, as FTS5 fixes them.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Each row's length in tokens plus one, by rowid (0: not known yet). Used
/// only from calls on one connection, which SQLite never runs concurrently.
#[derive(Default)]
struct Lengths(RefCell<Vec<u32>>);

/// What one query computes once: the average row length, each phrase's IDF
/// and a scratch array for the phrase frequencies of the current row.
struct QueryData {
    avgdl: f64,
    idf: Vec<f64>,
    freq: Vec<f64>,
}

/// Registers `rasad_bm25()` on `conn` (its memory lives as long as the
/// connection).
pub(crate) fn register(conn: &Connection) -> Result<(), StoreError> {
    let failed = |rc: c_int, what: &str| {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(
            ffi::Error::new(rc),
            Some(format!("registering {FUNCTION}: {what}")),
        ))
    };
    // SAFETY: the handle is valid while `conn` is borrowed; the statement is
    // finalized before returning; `api` is written by SQLite during the step
    // and points to the connection's FTS5 global, which lives as long as the
    // connection.
    unsafe {
        let db = conn.handle();
        let mut api: *mut ffi::fts5_api = std::ptr::null_mut();
        let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
        let rc = ffi::sqlite3_prepare_v2(
            db,
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut stmt,
            std::ptr::null_mut(),
        );
        if rc != ffi::SQLITE_OK {
            return Err(failed(rc, "no FTS5"));
        }
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt);
        let create = match api.as_ref().and_then(|a| a.xCreateFunction) {
            Some(f) => f,
            None => return Err(failed(ffi::SQLITE_ERROR, "no FTS5 API")),
        };
        let data = Box::into_raw(Box::<Lengths>::default());
        let rc = create(
            api,
            NAME.as_ptr(),
            data.cast(),
            Some(rank),
            Some(drop_lengths),
        );
        if rc != ffi::SQLITE_OK {
            // Not registered: SQLite did not take ownership.
            drop(Box::from_raw(data));
            return Err(failed(rc, "not created"));
        }
    }
    Ok(())
}

unsafe extern "C" fn drop_lengths(p: *mut c_void) {
    // SAFETY: `p` is the box registered above; SQLite calls this once.
    drop(Box::from_raw(p.cast::<Lengths>()));
}

unsafe extern "C" fn drop_query(p: *mut c_void) {
    // SAFETY: `p` is a box made by `query_data`; FTS5 calls this once.
    drop(Box::from_raw(p.cast::<QueryData>()));
}

unsafe extern "C" fn count_row(
    _: *const ffi::Fts5ExtensionApi,
    _: *mut ffi::Fts5Context,
    n: *mut c_void,
) -> c_int {
    // SAFETY: `n` is the counter passed to xQueryPhrase below.
    *n.cast::<i64>() += 1;
    ffi::SQLITE_OK
}

/// The calls of the FTS5 extension API that the ranking uses.
struct Api {
    user_data: unsafe extern "C" fn(*mut ffi::Fts5Context) -> *mut c_void,
    row_count: unsafe extern "C" fn(*mut ffi::Fts5Context, *mut i64) -> c_int,
    total_size: unsafe extern "C" fn(*mut ffi::Fts5Context, c_int, *mut i64) -> c_int,
    phrase_count: unsafe extern "C" fn(*mut ffi::Fts5Context) -> c_int,
    inst_count: unsafe extern "C" fn(*mut ffi::Fts5Context, *mut c_int) -> c_int,
    inst: unsafe extern "C" fn(
        *mut ffi::Fts5Context,
        c_int,
        *mut c_int,
        *mut c_int,
        *mut c_int,
    ) -> c_int,
    rowid: unsafe extern "C" fn(*mut ffi::Fts5Context) -> i64,
    column_size: unsafe extern "C" fn(*mut ffi::Fts5Context, c_int, *mut c_int) -> c_int,
    query_phrase: unsafe extern "C" fn(
        *mut ffi::Fts5Context,
        c_int,
        *mut c_void,
        Option<
            unsafe extern "C" fn(
                *const ffi::Fts5ExtensionApi,
                *mut ffi::Fts5Context,
                *mut c_void,
            ) -> c_int,
        >,
    ) -> c_int,
    set_aux: unsafe extern "C" fn(
        *mut ffi::Fts5Context,
        *mut c_void,
        Option<unsafe extern "C" fn(*mut c_void)>,
    ) -> c_int,
    get_aux: unsafe extern "C" fn(*mut ffi::Fts5Context, c_int) -> *mut c_void,
}

impl Api {
    fn of(a: &ffi::Fts5ExtensionApi) -> Option<Api> {
        Some(Api {
            user_data: a.xUserData?,
            row_count: a.xRowCount?,
            total_size: a.xColumnTotalSize?,
            phrase_count: a.xPhraseCount?,
            inst_count: a.xInstCount?,
            inst: a.xInst?,
            rowid: a.xRowid?,
            column_size: a.xColumnSize?,
            query_phrase: a.xQueryPhrase?,
            set_aux: a.xSetAuxdata?,
            get_aux: a.xGetAuxdata?,
        })
    }
}

/// Turns an SQLite return code into a `Result`.
fn ok(rc: c_int) -> Result<(), c_int> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rc)
    }
}

/// The query's data, computed on the first row as FTS5's `bm25()` does.
///
/// # Safety
/// `fts` must be the context of the current call.
unsafe fn query_data<'a>(
    api: &Api,
    fts: *mut ffi::Fts5Context,
) -> Result<&'a mut QueryData, c_int> {
    let p = (api.get_aux)(fts, 0).cast::<QueryData>();
    if let Some(q) = p.as_mut() {
        return Ok(q);
    }
    let phrases = usize::try_from((api.phrase_count)(fts)).unwrap_or(0);
    let (mut rows, mut tokens) = (0i64, 0i64);
    ok((api.row_count)(fts, &mut rows))?;
    ok((api.total_size)(fts, -1, &mut tokens))?;
    let mut idf = Vec::with_capacity(phrases);
    for i in 0..phrases {
        let mut hits = 0i64;
        ok((api.query_phrase)(
            fts,
            i as c_int,
            (&mut hits as *mut i64).cast(),
            Some(count_row),
        ))?;
        // Same expression, same operation order as FTS5.
        let x = ((rows - hits) as f64 + 0.5) / (hits as f64 + 0.5);
        let x = x.ln();
        idf.push(if x <= 0.0 { 1e-6 } else { x });
    }
    let q = Box::into_raw(Box::new(QueryData {
        avgdl: tokens as f64 / rows as f64,
        idf,
        freq: vec![0.0; phrases],
    }));
    // On failure FTS5 calls the destructor itself.
    ok((api.set_aux)(fts, q.cast(), Some(drop_query)))?;
    Ok(&mut *q)
}

/// The current row's length in tokens, remembered per rowid.
///
/// # Safety
/// `fts` must be the context of the current call.
unsafe fn row_length(
    api: &Api,
    fts: *mut ffi::Fts5Context,
    lengths: &Lengths,
) -> Result<f64, c_int> {
    let rowid = (api.rowid)(fts);
    let slot = usize::try_from(rowid)
        .ok()
        .filter(|_| rowid < MAX_REMEMBERED_ROWID);
    let mut known = lengths.0.borrow_mut();
    if let Some(&n) = slot.and_then(|i| known.get(i)) {
        if n > 0 {
            return Ok(f64::from(n - 1));
        }
    }
    let mut n: c_int = 0;
    ok((api.column_size)(fts, -1, &mut n))?;
    if let (Some(i), Ok(len)) = (slot, u32::try_from(n)) {
        if known.len() <= i {
            known.resize(i + 1, 0);
        }
        known[i] = len.saturating_add(1);
    }
    Ok(f64::from(n))
}

/// The score of the current row: FTS5's `bm25()`, negated likewise (lower is
/// better).
///
/// # Safety
/// The arguments are those SQLite passes to an FTS5 auxiliary function.
unsafe fn score(
    api: &Api,
    fts: *mut ffi::Fts5Context,
    weights: &[*mut ffi::sqlite3_value],
) -> Result<f64, c_int> {
    let lengths = (api.user_data)(fts).cast::<Lengths>();
    let lengths = lengths.as_ref().ok_or(ffi::SQLITE_MISUSE)?;
    let q = query_data(api, fts)?;
    q.freq.iter_mut().for_each(|f| *f = 0.0);
    let mut n = 0;
    ok((api.inst_count)(fts, &mut n))?;
    for i in 0..n {
        let (mut phrase, mut column, mut offset) = (0, 0, 0);
        ok((api.inst)(fts, i, &mut phrase, &mut column, &mut offset))?;
        let w = match usize::try_from(column).ok().and_then(|c| weights.get(c)) {
            Some(&v) => ffi::sqlite3_value_double(v),
            None => 1.0,
        };
        if let Some(f) = usize::try_from(phrase).ok().and_then(|p| q.freq.get_mut(p)) {
            *f += w;
        }
    }
    let d = row_length(api, fts, lengths)?;
    let mut s = 0.0;
    for (idf, &f) in q.idf.iter().zip(&q.freq) {
        s += idf * ((f * (K1 + 1.0)) / (f + K1 * (1.0 - B + B * d / q.avgdl)));
    }
    Ok(-s)
}

unsafe extern "C" fn rank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n: c_int,
    values: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: SQLite passes a valid API table, context and `n` values.
    let Some(api) = api.as_ref().and_then(Api::of) else {
        ffi::sqlite3_result_error_code(ctx, ffi::SQLITE_MISUSE);
        return;
    };
    let weights: &[*mut ffi::sqlite3_value] = match usize::try_from(n) {
        Ok(n) if n > 0 && !values.is_null() => std::slice::from_raw_parts(values, n),
        _ => &[],
    };
    match score(&api, fts, weights) {
        Ok(s) => ffi::sqlite3_result_double(ctx, s),
        Err(rc) => ffi::sqlite3_result_error_code(ctx, rc),
    }
}

#[cfg(test)]
mod tests {
    use crate::prepare::prepare;
    use crate::Store;
    use rasad_record::Document;

    fn store() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let words = ["قصف", "مدنيين", "حلب", "ادلب", "غارات", "داعش", "اشتباكات"];
        let docs: Vec<_> = (0..60)
            .map(|i| {
                let mut d = Document::empty(format!("a{i}"));
                let n = 3 + i % 11;
                let body: Vec<&str> = (0..n)
                    .map(|k| words[(i * 3 + k * k) % words.len()])
                    .collect();
                d.body = format!("{} رقم {i}", body.join(" "));
                if i % 4 == 0 {
                    d.title = Some(format!("{} في {}", words[i % 3], words[2 + i % 2]));
                }
                prepare(&d.body.clone(), "t.txt", &d).unwrap()
            })
            .collect();
        s.write_batch(&docs).unwrap();
        s
    }

    #[test]
    fn scores_equal_fts5_bm25_bit_for_bit() {
        let s = store();
        s.fts_for_tests();
        let mut st = s
            .connection()
            .prepare(
                "SELECT rowid, bm25(article_fts, 2.0, 1.0), rasad_bm25(article_fts, 2.0, 1.0),
                        bm25(article_fts), rasad_bm25(article_fts)
                 FROM article_fts WHERE article_fts MATCH ?1",
            )
            .unwrap();
        let mut rows_seen = 0;
        // Twice: the second pass reads the remembered lengths.
        for _ in 0..2 {
            for q in [
                "\"قصف\"",
                "\"حلب\" \"قصف\"",
                "\"مدنيين\"",
                "\"ادلب\" \"رقم\"",
                "\"رقم\"",
            ] {
                let rows: Vec<(i64, f64, f64, f64, f64)> = st
                    .query_map([q], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                    })
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                assert!(!rows.is_empty(), "{q}");
                for (id, a, b, c, d) in rows {
                    assert_eq!(a.to_bits(), b.to_bits(), "{q} row {id}: {a} vs {b}");
                    assert_eq!(c.to_bits(), d.to_bits(), "{q} row {id}: {c} vs {d}");
                    rows_seen += 1;
                }
            }
        }
        assert!(rows_seen > 100);
    }

    #[test]
    fn rows_added_later_are_ranked_right() {
        let mut s = store();
        let sql = "SELECT rowid FROM article_fts WHERE article_fts MATCH '\"قصف\"'
                   ORDER BY rasad_bm25(article_fts, 2.0, 1.0), rowid";
        let bm = sql.replace("rasad_bm25", "bm25");
        let ids = |s: &Store, sql: &str| -> Vec<i64> {
            let mut st = s.connection().prepare(sql).unwrap();
            let v = st
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            v
        };
        s.fts_for_tests();
        assert_eq!(ids(&s, sql), ids(&s, &bm));
        let mut d = Document::empty("late");
        d.body = "قصف قصف قصف".into();
        s.write_batch(&[prepare(&d.body.clone(), "t.txt", &d).unwrap()])
            .unwrap();
        s.fts_for_tests();
        let after = ids(&s, sql);
        assert_eq!(after, ids(&s, &bm));
        let late: i64 = s
            .connection()
            .query_row("SELECT rowid FROM articles WHERE id = 'late'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(after.contains(&late), "{after:?}");
    }
}
