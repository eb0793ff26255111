//! Walking the paths given on the command line: files, and folders walked
//! recursively in name order; `.txt`, `.html`/`.htm` and `.jsonl` are read.

use crate::jsonl::JsonLines;
use crate::{decode, html, DocError, Format, RawDoc, ReadOptions};
use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};

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

fn id_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn fail(path: &Path, reason: impl Into<String>) -> DocError {
    DocError {
        id: id_of(path),
        origin: path.display().to_string(),
        reason: reason.into(),
    }
}

enum Item {
    File(PathBuf, Kind),
    Fail(DocError),
}

/// Lists the files to read under `paths`, in order, with failures in place.
fn list(paths: &[PathBuf]) -> Vec<Item> {
    let mut out = Vec::new();
    for p in paths {
        match fs::metadata(p) {
            Err(e) => out.push(Item::Fail(fail(p, format!("cannot read: {e}")))),
            Ok(m) if m.is_dir() => walk(p, 0, &mut out),
            Ok(m) if !m.is_file() => out.push(Item::Fail(fail(p, NOT_REGULAR))),
            Ok(_) => match kind_of(p) {
                Some(k) => out.push(Item::File(p.clone(), k)),
                None => out.push(Item::Fail(fail(
                    p,
                    "unsupported file type (expected .txt, .html, .htm or .jsonl)",
                ))),
            },
        }
    }
    out
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<Item>) {
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
            walk(&p, depth + 1, out);
            continue;
        }
        if let Some(k) = kind_of(&p) {
            // a FIFO, socket or device named *.txt would block the read
            match fs::metadata(&p) {
                Ok(m) if m.is_file() => out.push(Item::File(p, k)),
                _ => out.push(Item::Fail(fail(&p, NOT_REGULAR))),
            }
        }
    }
}

/// Why a FIFO, socket or device is not read (reading one may never end).
const NOT_REGULAR: &str = "not a regular file (a FIFO, socket or device): skipped";

/// Reads one text or HTML file.
pub fn read_file(path: &Path, kind: Kind, opts: &ReadOptions) -> Result<RawDoc, DocError> {
    let bytes = read_bytes(path, opts)?;
    let is_html = kind == Kind::Html;
    let decoded = decode::decode_report(&bytes, is_html).map_err(|r| fail(path, r))?;
    if decoded.replaced > 0 {
        eprintln!(
            "rasad: {}: warning: {} invalid UTF-8 sequence(s) replaced with U+FFFD",
            path.display(),
            decoded.replaced
        );
    }
    let mut doc = RawDoc {
        id: id_of(path),
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
            return Err(fail(path, "the HTML page has no visible text"));
        }
        doc.format = Format::Html;
        doc.text = page.text;
        doc.title = page.title;
        doc.outlet = page.outlet;
        doc.published = page.published;
    }
    Ok(doc)
}

/// The bytes of a regular file whose name is a valid id, within the size
/// limit (checked before reading, and again after: the file may grow).
fn read_bytes(path: &Path, opts: &ReadOptions) -> Result<Vec<u8>, DocError> {
    let meta = fs::metadata(path).map_err(|e| fail(path, format!("cannot read: {e}")))?;
    if let Some(why) = crate::bad_id(&id_of(path)) {
        return Err(fail(path, why));
    }
    if !meta.is_file() {
        return Err(fail(path, NOT_REGULAR));
    }
    if meta.len() > opts.max_bytes {
        return Err(fail(
            path,
            format!(
                "file is {} bytes, over the limit of {}",
                meta.len(),
                opts.max_bytes
            ),
        ));
    }
    let bytes = fs::read(path).map_err(|e| fail(path, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(fail(
            path,
            format!("file is over the limit of {} bytes", opts.max_bytes),
        ));
    }
    Ok(bytes)
}

/// The documents under `paths`, lazily, in order.
pub fn read_paths(
    paths: &[PathBuf],
    opts: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<RawDoc, DocError>>> {
    let opts = opts.clone();
    Box::new(list(paths).into_iter().flat_map(
        move |item| -> Box<dyn Iterator<Item = Result<RawDoc, DocError>>> {
            match item {
                Item::Fail(e) => Box::new(std::iter::once(Err(e))),
                Item::File(p, Kind::JsonLines) => match fs::File::open(&p) {
                    Ok(f) => Box::new(JsonLines::new(
                        BufReader::new(f),
                        p.display().to_string(),
                        opts.max_bytes,
                    )),
                    Err(e) => Box::new(std::iter::once(Err(fail(&p, format!("cannot read: {e}"))))),
                },
                Item::File(p, k) => Box::new(std::iter::once(read_file(&p, k, &opts))),
            }
        },
    ))
}
