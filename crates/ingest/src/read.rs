//! Walking the paths given on the command line: files, and folders walked
//! recursively in name order; `.txt`, `.html`/`.htm` and `.jsonl` are read.
//!
//! A file's id is unique by its path: a file named on the command line is
//! its name without extension; a file found in a folder is its path below
//! that folder (`a/1` and `b/1` for `a/1.txt` and `b/1.txt`), with its
//! extension when another readable file beside it has the same stem
//! (`b/1.txt`, `b/1.html`).

use crate::jsonl::JsonLines;
use crate::{decode, html, DocError, Format, RawDoc, ReadOptions};
use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Folders nested deeper than this are not walked.
const MAX_DEPTH: usize = 64;

/// What a path holds, judged by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    JsonLines,
}

/// The kind of a file from its extension (case-insensitive), if it is read.
pub fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Some(Kind::Text),
        "html" | "htm" => Some(Kind::Html),
        "jsonl" => Some(Kind::JsonLines),
        _ => None,
    }
}

/// The id of a file named on the command line: its name without extension.
fn id_of(path: &Path) -> String {
    path.file_stem()
        .map(name_text)
        .unwrap_or_else(|| path.display().to_string())
}

/// The id of a file found under the folder `root`: its path below `root`,
/// folders joined by `/`, without its extension (`a/1` for `root/a/1.txt`),
/// so that files of one name in two folders are two articles; `keep_ext`
/// keeps the extension, for a file beside another of the same stem (`1.txt`
/// and `1.html`).
fn walked_id(root: &Path, path: &Path, keep_ext: bool) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut parts: Vec<String> = Vec::new();
    if let Some(dir) = rel.parent() {
        parts.extend(dir.iter().map(name_text));
    }
    let last = if keep_ext {
        rel.file_name()
    } else {
        rel.file_stem()
    };
    match last {
        Some(name) => parts.push(name_text(name)),
        None => return id_of(path),
    }
    parts.join("/")
}

/// A file name as text: valid UTF-8 as it is, each byte of an invalid
/// sequence as `%XX`, so that two names differing only in such bytes keep
/// two ids (a lossy conversion made them one).
fn name_text(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

fn fail(path: &Path, reason: impl Into<String>) -> DocError {
    fail_as(id_of(path), path, reason)
}

fn fail_as(id: String, path: &Path, reason: impl Into<String>) -> DocError {
    DocError {
        id,
        origin: path.display().to_string(),
        reason: reason.into(),
    }
}

/// A file to read, with the id its documents get (JSON lines carry their
/// own), or a failure in its place.
enum Item {
    File(PathBuf, Kind, String),
    Fail(DocError),
}

/// Lists the files to read under `paths`, in order, with failures in place.
fn list(paths: &[PathBuf]) -> Vec<Item> {
    let mut out = Vec::new();
    for p in paths {
        match fs::metadata(p) {
            Err(e) => out.push(Item::Fail(fail(p, format!("cannot read: {e}")))),
            Ok(m) if m.is_dir() => walk(p, p, 0, &mut out),
            Ok(m) if !m.is_file() => out.push(Item::Fail(fail(p, NOT_REGULAR))),
            Ok(_) => match kind_of(p) {
                Some(k) => out.push(Item::File(p.clone(), k, id_of(p))),
                None => out.push(Item::Fail(fail(
                    p,
                    "unsupported file type (expected .txt, .html, .htm or .jsonl)",
                ))),
            },
        }
    }
    out
}

/// Lists the files under `dir` (a folder below `root`, the folder given).
fn walk(root: &Path, dir: &Path, depth: usize, out: &mut Vec<Item>) {
    if depth > MAX_DEPTH {
        out.push(Item::Fail(fail(dir, "folders nested too deeply")));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push(Item::Fail(fail(dir, format!("cannot read folder: {e}"))));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    let shared = shared_stems(&paths);
    for p in paths {
        let Ok(meta) = fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.file_type().is_symlink() {
            // follow links to files, never to folders (no cycles)
            match fs::metadata(&p) {
                Ok(m) if m.is_file() => {}
                _ => continue,
            }
        } else if meta.is_dir() {
            walk(root, &p, depth + 1, out);
            continue;
        }
        if let Some(k) = kind_of(&p) {
            let keep_ext = p.file_stem().is_some_and(|s| shared.iter().any(|x| x == s));
            let id = walked_id(root, &p, keep_ext);
            // a FIFO, socket or device named *.txt would block the read
            match fs::metadata(&p) {
                Ok(m) if m.is_file() => out.push(Item::File(p, k, id)),
                _ => out.push(Item::Fail(fail_as(id, &p, NOT_REGULAR))),
            }
        }
    }
}

/// The stems two or more readable files of one folder share (`1` for
/// `1.txt` and `1.html`): such files keep their extension in their ids.
fn shared_stems(paths: &[PathBuf]) -> Vec<std::ffi::OsString> {
    let mut stems: Vec<_> = paths
        .iter()
        .filter(|p| kind_of(p).is_some())
        .filter_map(|p| p.file_stem().map(|s| s.to_os_string()))
        .collect();
    stems.sort();
    let mut shared: Vec<_> = stems
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0].clone())
        .collect();
    shared.dedup();
    shared
}

/// Why a FIFO, socket or device is not read (reading one may never end).
const NOT_REGULAR: &str = "not a regular file (a FIFO, socket or device): skipped";

/// Reads one text or HTML file; its id is its name without extension.
pub fn read_file(path: &Path, kind: Kind, opts: &ReadOptions) -> Result<RawDoc, DocError> {
    read_file_as(path, kind, id_of(path), opts)
}

/// Reads one text or HTML file as the document `id`.
fn read_file_as(
    path: &Path,
    kind: Kind,
    id: String,
    opts: &ReadOptions,
) -> Result<RawDoc, DocError> {
    let fail = |reason: String| fail_as(id.clone(), path, reason);
    let bytes = read_bytes(path, &id, opts).map_err(&fail)?;
    let is_html = kind == Kind::Html;
    let decoded = decode::decode_report(&bytes, is_html).map_err(&fail)?;
    if decoded.replaced > 0 {
        eprintln!(
            "rasad: {}: warning: {} invalid UTF-8 sequence(s) replaced with U+FFFD",
            path.display(),
            decoded.replaced
        );
    }
    let mut doc = RawDoc {
        id: id.clone(),
        text: decoded.text,
        format: Format::Text,
        url: None,
        outlet: None,
        published: None,
        title: None,
        origin: path.display().to_string(),
    };
    if is_html {
        let page = html::extract(&doc.text);
        if page.flattened {
            eprintln!(
                "rasad: {}: warning: elements nested deeper than {} were flattened",
                path.display(),
                html::MAX_DEPTH
            );
        }
        if page.text.trim().is_empty() {
            return Err(fail("the HTML page has no visible text".into()));
        }
        doc.format = Format::Html;
        doc.text = page.text;
        doc.title = page.title;
        doc.outlet = page.outlet;
        doc.published = page.published;
    }
    Ok(doc)
}

/// The bytes of a regular file whose `id` is valid, within the size limit
/// (checked before reading, and again after: the file may grow); else why not.
fn read_bytes(path: &Path, id: &str, opts: &ReadOptions) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if let Some(why) = crate::bad_id(id) {
        return Err(why.into());
    }
    if !meta.is_file() {
        return Err(NOT_REGULAR.into());
    }
    if meta.len() > opts.max_bytes {
        return Err(format!(
            "file is {} bytes, over the limit of {}",
            meta.len(),
            opts.max_bytes
        ));
    }
    let bytes = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(format!(
            "file is over the limit of {} bytes",
            opts.max_bytes
        ));
    }
    Ok(bytes)
}

/// The documents under `paths`, lazily, in order.
pub fn read_paths(
    paths: &[PathBuf],
    opts: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<RawDoc, DocError>>> {
    read_paths_counting(paths, opts, None)
}

/// [`read_paths`], adding to `read` the bytes of input consumed as it goes
/// (a file's size once it is read, a JSON line's length with its newline),
/// so that with [`input_bytes`] a caller can show how far it is.
pub fn read_paths_counting(
    paths: &[PathBuf],
    opts: &ReadOptions,
    read: Option<Arc<AtomicU64>>,
) -> Box<dyn Iterator<Item = Result<RawDoc, DocError>>> {
    let opts = opts.clone();
    Box::new(list(paths).into_iter().flat_map(
        move |item| -> Box<dyn Iterator<Item = Result<RawDoc, DocError>>> {
            match item {
                Item::Fail(e) => Box::new(std::iter::once(Err(e))),
                Item::File(p, Kind::JsonLines, _) => match fs::File::open(&p) {
                    Ok(f) => Box::new(
                        JsonLines::new(BufReader::new(f), p.display().to_string(), opts.max_bytes)
                            .counting(read.clone()),
                    ),
                    Err(e) => Box::new(std::iter::once(Err(fail(&p, format!("cannot read: {e}"))))),
                },
                Item::File(p, k, id) => {
                    let doc = read_file_as(&p, k, id, &opts);
                    if let Some(r) = &read {
                        r.fetch_add(fs::metadata(&p).map_or(0, |m| m.len()), Ordering::Relaxed);
                    }
                    Box::new(std::iter::once(doc))
                }
            }
        },
    ))
}

/// The total size in bytes of the files [`read_paths`] reads under `paths`
/// (what [`read_paths_counting`] counts up to).
pub fn input_bytes(paths: &[PathBuf]) -> u64 {
    list(paths)
        .iter()
        .filter_map(|item| match item {
            Item::File(p, ..) => fs::metadata(p).ok().map(|m| m.len()),
            Item::Fail(_) => None,
        })
        .sum()
}
