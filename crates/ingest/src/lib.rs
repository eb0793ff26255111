//! Reading articles in the forms users have them (plain text, HTML, JSON lines;
//! any common encoding) and cleaning page chrome away.
//!
//! CONTRACT (used by rasad-extract and the binary; the implementation is in
//! progress): the types and function signatures below are stable.

use rasad_record::Span;
use std::io::BufRead;
use std::path::PathBuf;

/// The format a document arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    JsonLine,
}

/// A decoded document before cleaning.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDoc {
    /// File name without extension, or the JSON line's `id`.
    pub id: String,
    /// The document text as decoded (for HTML: the visible text of the page,
    /// which is what spans count into).
    pub text: String,
    pub format: Format,
    pub url: Option<String>,
    /// Outlet from metadata (JSON `outlet`, `og:site_name`).
    pub outlet: Option<String>,
    /// Publication time from metadata, as written (ISO 8601 or similar).
    pub published: Option<String>,
    /// Title from metadata (JSON `title`, `<title>`, `og:title`).
    pub title: Option<String>,
    /// Where it came from: a path, or `stdin:LINE`.
    pub origin: String,
}

/// A document that could not be read: its id, origin and a one-line reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    pub id: String,
    pub origin: String,
    pub reason: String,
}

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files larger than this are failures (default 20 MB).
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_bytes: 20 * 1024 * 1024 }
    }
}

/// Reads files and folders (recursively, files in name order), yielding one
/// item per document in input order.
pub fn read_paths(
    paths: &[PathBuf],
    opts: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<RawDoc, DocError>>> {
    let _ = (paths, opts);
    Box::new(std::iter::empty())
}

/// Reads JSON lines (one document per line) from a reader; `origin` names it.
pub fn read_jsonl<'a>(
    reader: impl BufRead + 'a,
    origin: &'a str,
    opts: &'a ReadOptions,
) -> Box<dyn Iterator<Item = Result<RawDoc, DocError>> + 'a> {
    let _ = (reader, origin, opts);
    Box::new(std::iter::empty())
}

/// The result of cleaning a document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cleaned {
    /// The article body without page chrome (kept regions joined by blank lines).
    pub body: String,
    /// The kept regions as character spans of `RawDoc::text`, in order.
    pub body_spans: Vec<Span>,
    pub title: Option<String>,
    pub title_span: Option<Span>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    /// The publication dateline (`نشر الاثنين 04 ديسمبر, 2017 في تمام الساعة 16:40`).
    pub dateline: Option<Span>,
}

/// Removes page chrome and finds title, outlet, authors and dateline.
pub fn clean(doc: &RawDoc) -> Cleaned {
    Cleaned {
        body: doc.text.clone(),
        body_spans: vec![Span::new(0, doc.text.chars().count())],
        title: doc.title.clone(),
        outlet: doc.outlet.clone(),
        ..Cleaned::default()
    }
}
