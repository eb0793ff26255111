//! The compact form of an article (schema 4): the original text, the body
//! and the extraction record in one zstd frame, each string once.
//!
//! The body is the text with page chrome cut away, so after the text it
//! costs zstd little more than back-references. The record is stored
//! without its `body` (the only long copy of the text in it) and given back
//! byte for byte: the body's JSON string is put back where it was cut out.
//!
//! Frame contents before compression (integers little-endian `u32`):
//!
//! ```text
//! text_len text  body_len body  body_at record
//! ```
//!
//! `body_len` is [`SAME_AS_TEXT`] when the body equals the text (plain text
//! files that needed no cleaning; `body` is then empty). `body_at` is the
//! byte offset in `record` where the body's JSON string content goes back
//! (between the quotes of `"body":""`), or [`NO_CUT`] when the record is
//! stored whole.
//!
//! Opaque JSON of other tables (incident features, incidents) is stored as
//! one zstd frame too ([`compress_json`]); a value still stored as text by
//! an older rasad reads as it is ([`expand_json`]).
//!
//! Once a store has a zstd dictionary for a kind of row ([`crate::dict`]),
//! frames of that kind are compressed with it; a frame names its
//! dictionary, so reading needs the store's connection only to load a
//! dictionary this process has not seen yet.

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use std::borrow::Cow;

/// The zstd level of article frames. Measured on 3,000 stored real
/// articles (39.8 MB of text, body and record; 10.3 MB of text), on a
/// loaded machine: level 1 gave 7.61 MB in 1.0 s, level 3 7.30 MB in 1.3 s,
/// level 9 6.91 MB in 3.6 s, level 19 6.65 MB in 19 s. Level 9 would cost
/// more CPU than extraction saves for 5 % of disk; 3 is zstd's default.
pub const LEVEL: i32 = 3;

/// `body_len` when the body is the text itself.
pub const SAME_AS_TEXT: u32 = u32::MAX;

/// `body_at` when the record is stored whole (its body was not found where
/// serde puts it).
pub const NO_CUT: u32 = u32::MAX;

/// An article as stored: what a reader gets back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The original decoded text (what record spans count into).
    pub text: String,
    /// The cleaned body.
    pub body: String,
    /// The extraction record, JSON, exactly as it was written.
    pub record: String,
}

/// Why a stored frame could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("the stored article is not a zstd frame: {0}")]
    Zstd(#[from] std::io::Error),
    #[error("the stored article is cut short or malformed")]
    Malformed,
}

/// The record with the body's JSON string content cut out (leaving
/// `"body":""`), and where it was cut; `None` when the body is not found
/// right after its key (then the record is stored whole).
fn cut_body(record: &str, body: &str) -> Option<(String, usize)> {
    let escaped = serde_json::to_string(body).ok()?;
    let inner = &escaped[1..escaped.len() - 1];
    // Inside a JSON string every quote is escaped, so `"body":"` unescaped
    // is the key of the top-level field (the record has no other `body`).
    let key = "\"body\":\"";
    let at = record.find(key)? + key.len();
    if !record[at..].starts_with(inner) || !record[at + inner.len()..].starts_with('"') {
        return None;
    }
    let mut cut = String::with_capacity(record.len() - inner.len());
    cut.push_str(&record[..at]);
    cut.push_str(&record[at + inner.len()..]);
    Some((cut, at))
}

fn push_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

/// Length as stored: a string over 4 GB cannot be an article (ingest caps
/// files far lower), so it is an error of the caller.
fn len32(s: &str) -> u32 {
    u32::try_from(s.len()).expect("an article string over 4 GB")
}

/// Packs an article into one compressed frame.
pub fn pack(text: &str, body: &str, record: &str) -> Vec<u8> {
    let cut = cut_body(record, body);
    let (record_part, body_at) = match &cut {
        Some((r, at)) => (r.as_str(), *at as u32),
        None => (record, NO_CUT),
    };
    let same = text == body;
    let mut raw = Vec::with_capacity(text.len() + body.len() + record_part.len() + 12);
    push_u32(&mut raw, len32(text));
    raw.extend_from_slice(text.as_bytes());
    if same {
        push_u32(&mut raw, SAME_AS_TEXT);
    } else {
        push_u32(&mut raw, len32(body));
        raw.extend_from_slice(body.as_bytes());
    }
    push_u32(&mut raw, body_at);
    raw.extend_from_slice(record_part.as_bytes());
    zstd::bulk::compress(&raw, LEVEL).expect("zstd compresses any input in memory")
}

/// Reads `n` bytes at `*at` as UTF-8, moving `*at` past them.
fn take_str(raw: &[u8], at: &mut usize, n: usize) -> Result<String, PackError> {
    let end = at.checked_add(n).ok_or(PackError::Malformed)?;
    let bytes = raw.get(*at..end).ok_or(PackError::Malformed)?;
    *at = end;
    String::from_utf8(bytes.to_vec()).map_err(|_| PackError::Malformed)
}

fn take_u32(raw: &[u8], at: &mut usize) -> Result<u32, PackError> {
    let b = raw.get(*at..*at + 4).ok_or(PackError::Malformed)?;
    *at += 4;
    Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Unpacks a frame written by [`pack`] (or compressed again with a
/// dictionary this process has loaded).
pub fn unpack(frame: &[u8]) -> Result<Article, PackError> {
    unpack_raw(decode_in(None, frame)?)
}

/// Unpacks a frame of the store at `conn` (its dictionary read from there
/// when this process has not loaded it yet).
pub fn unpack_in(conn: &Connection, frame: &[u8]) -> Result<Article, PackError> {
    unpack_raw(decode_in(Some(conn), frame)?)
}

/// The frame compressed with `dict` (as it is when it already was).
pub fn repack<'a>(
    conn: &Connection,
    frame: &'a [u8],
    dict: &crate::dict::Dict,
) -> Result<Cow<'a, [u8]>, PackError> {
    if crate::dict::frame_dict(frame) == Some(dict.id) {
        return Ok(Cow::Borrowed(frame));
    }
    let raw = decode_in(Some(conn), frame)?;
    Ok(Cow::Owned(crate::dict::compress(&raw, Some(dict))))
}

/// Reads the bytes of a decompressed frame.
fn unpack_raw(raw: Vec<u8>) -> Result<Article, PackError> {
    let mut at = 0;
    let n = take_u32(&raw, &mut at)? as usize;
    let text = take_str(&raw, &mut at, n)?;
    let body = match take_u32(&raw, &mut at)? {
        SAME_AS_TEXT => text.clone(),
        n => take_str(&raw, &mut at, n as usize)?,
    };
    let body_at = take_u32(&raw, &mut at)?;
    let rest = raw.len().saturating_sub(at);
    let mut record = take_str(&raw, &mut at, rest)?;
    if body_at != NO_CUT {
        let escaped = serde_json::to_string(&body).map_err(|_| PackError::Malformed)?;
        let at = body_at as usize;
        if !record.is_char_boundary(at) || at > record.len() {
            return Err(PackError::Malformed);
        }
        record.insert_str(at, &escaped[1..escaped.len() - 1]);
    }
    Ok(Article { text, body, record })
}

/// Largest content size a frame header may give for it to be decoded into
/// a buffer of that size at once; a larger (or damaged) header is decoded
/// as a stream, which grows its buffer as the data comes.
pub(crate) const ONE_BUFFER_MAX: u64 = 1 << 28;

/// Decodes zstd data with this thread's decompression context: creating a
/// context per row (as `decode_all` does) was 3 % of linking a window of
/// articles. Data that is not one frame with its size in the header (all
/// that [`pack`] and [`compress_json`] write have it) is decoded as a
/// stream. A frame compressed with a dictionary is decoded with it
/// ([`crate::dict`]; read from `conn` when not loaded yet).
pub(crate) fn decode_in(conn: Option<&Connection>, data: &[u8]) -> std::io::Result<Vec<u8>> {
    if let Some(id) = crate::dict::frame_dict(data) {
        return crate::dict::decode_with(conn, id, data);
    }
    thread_local! {
        static DCTX: std::cell::RefCell<Option<zstd::bulk::Decompressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    if let Ok(Some(n)) = zstd::zstd_safe::get_frame_content_size(data) {
        if n <= ONE_BUFFER_MAX {
            let one = DCTX.with(|cell| {
                let mut cell = cell.borrow_mut();
                if cell.is_none() {
                    *cell = Some(zstd::bulk::Decompressor::new()?);
                }
                let d = cell.as_mut().expect("set above");
                d.decompress(data, n as usize)
            });
            if let Ok(raw) = one {
                if raw.len() as u64 == n {
                    return Ok(raw);
                }
            }
        }
    }
    zstd::stream::decode_all(data)
}

/// Opaque JSON as one zstd frame (level [`LEVEL`]: these rows are
/// rewritten as incidents change, so speed counts more than the last few
/// per cent), with the store's dictionary for its kind when it has one.
pub fn compress_json(json: &str, dict: Option<&crate::dict::Dict>) -> Vec<u8> {
    crate::dict::compress(json.as_bytes(), dict)
}

/// Reads a column written by [`compress_json`], or a text column an older
/// rasad wrote; `conn` is the store the value was read from (for its
/// dictionaries; `None` reads only frames of dictionaries already loaded).
pub fn expand_json(conn: Option<&Connection>, v: ValueRef<'_>) -> rusqlite::Result<String> {
    match v {
        ValueRef::Text(t) => Ok(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => {
            let raw = decode_in(conn, b).map_err(|e| conversion(Box::new(e)))?;
            String::from_utf8(raw).map_err(|e| conversion(Box::new(e)))
        }
        _ => Err(rusqlite::Error::InvalidColumnType(
            0,
            "json".into(),
            v.data_type(),
        )),
    }
}

fn conversion(e: Box<dyn std::error::Error + Send + Sync>) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Blob, e)
}

/// Registers the SQL functions migration 4 uses: `rasad_pack(text, body,
/// record)` ([`pack`]) and `rasad_json(json)` ([`compress_json`]).
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("rasad_pack", 3, flags, |ctx| {
        let text: String = ctx.get(0)?;
        let body: String = ctx.get(1)?;
        let record: String = ctx.get(2)?;
        Ok(pack(&text, &body, &record))
    })?;
    conn.create_scalar_function("rasad_json", 1, flags, |ctx| {
        Ok(compress_json(&expand_json(None, ctx.get_raw(0))?, None))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(body: &str) -> String {
        let mut d = rasad_record::Document::empty("a1");
        d.title = Some("عنوان \"بين قوسين\" body".into());
        d.body = body.into();
        serde_json::to_string(&d).unwrap()
    }

    #[test]
    fn round_trip_is_exact() {
        let text = "عنوان\n\nقُتل ثلاثة مدنيين \"في\" قصف على البلدة.\tسطر\\ثان\n\nشارك";
        let body = "قُتل ثلاثة مدنيين \"في\" قصف على البلدة.\tسطر\\ثان";
        for (t, b) in [(text, body), (body, body), (text, "")] {
            let r = record(b);
            let a = unpack(&pack(t, b, &r)).unwrap();
            assert_eq!((a.text.as_str(), a.body.as_str()), (t, b));
            assert_eq!(a.record, r);
        }
    }

    #[test]
    fn the_body_is_not_stored_in_the_record() {
        let body = "جملة طويلة عن قصف مدفعي على أطراف المدينة. ".repeat(40);
        let r = record(&body);
        let (cut, at) = cut_body(&r, &body).unwrap();
        assert!(!cut.contains("قصف"), "{cut}");
        assert_eq!(&cut[at - 8..at + 1], "\"body\":\"\"");
        // Stored twice (text and body equal) the frame is far smaller than the text.
        assert!(pack(&body, &body, &r).len() * 4 < body.len());
    }

    #[test]
    fn a_record_without_its_body_where_expected_is_stored_whole() {
        let r = "{\"id\":\"x\",\"body\":\"غير هذا\"}";
        let a = unpack(&pack("نص", "نص", r)).unwrap();
        assert_eq!(a.record, r);
        assert_eq!(cut_body(r, "نص"), None);
    }

    #[test]
    fn damaged_frames_are_errors() {
        assert!(unpack(b"not zstd").is_err());
        let short = zstd::bulk::compress(&[9, 0, 0, 0, b'a'], 1).unwrap();
        assert!(matches!(unpack(&short), Err(PackError::Malformed)));
    }

    #[test]
    fn json_columns_read_old_text_and_new_frames() {
        let j = "{\"a\":[1,2,3]}";
        assert_eq!(expand_json(None, ValueRef::Text(j.as_bytes())).unwrap(), j);
        let z = compress_json(j, None);
        assert_eq!(expand_json(None, ValueRef::Blob(&z)).unwrap(), j);
    }
}
