//! Reading articles in the forms users have them (plain text, HTML, JSON lines;
//! any common encoding) and cleaning page chrome away.
//!
//! # Reading
//!
//! [`read_paths`] walks files and folders (recursively, files in name order)
//! and reads `.txt`, `.html`/`.htm` and `.jsonl` files; [`read_jsonl`] reads
//! JSON lines from any reader. Every document that cannot be read becomes one
//! [`DocError`] with a one-line reason (binary, empty, undecodable, too large,
//! unreadable, not JSON, missing `id` or `text`/`html`); the batch continues.
//!
//! Encodings: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, a charset
//! declared in HTML (`<meta charset>` / `http-equiv`), and otherwise a guess
//! biased towards windows-1256 and ISO-8859-6 ([`decode`]).
//!
//! # What spans count into
//!
//! For plain text and JSON `text`, [`RawDoc::text`] is the decoded text as it
//! was. For HTML (files or JSON `html`) it is the *extracted article text*:
//! the title line first (when known and not already the first line), then the
//! paragraphs of the main content (found with Readability, or the page's
//! visible text when that fails), one paragraph per block element, separated
//! by blank lines, whitespace inside a line collapsed. All spans — cleaning's
//! `body_spans` and every fact extracted later — count characters of that
//! text.
//!
//! # Cleaning
//!
//! [`clean()`] keeps the article body and drops page chrome; the phrase lists
//! are data (`data/chrome/*.toml`), the outlet names are
//! `data/outlets/outlets.tsv`.

pub mod budget;
pub mod clean;
pub mod decode;
pub mod html;
pub mod jsonl;
pub mod lexicon;
pub mod meta;
pub mod outlets;
pub mod publisher;
pub mod read;

use rasad_record::Span;
use std::io::BufRead;
use std::path::PathBuf;

/// The format a document arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A plain text file.
    Text,
    /// An HTML file (the text is the extracted article text).
    Html,
    /// A line of a JSON-lines stream.
    JsonLine,
}

/// A decoded document before cleaning.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDoc {
    /// The JSON line's `id`; for a file, its path below the folder given
    /// without extension, or its name for a file named directly (see
    /// [`read`]).
    pub id: String,
    /// The document text as decoded (for HTML: the extracted article text,
    /// title line first, paragraphs separated by blank lines; spans count
    /// into it).
    pub text: String,
    /// The format it arrived in.
    pub format: Format,
    /// Its address, when known.
    pub url: Option<String>,
    /// Outlet from metadata (JSON `outlet`, `og:site_name`).
    pub outlet: Option<String>,
    /// Publication time from metadata, as written (ISO 8601 or similar).
    pub published: Option<String>,
    /// Title from metadata (JSON `title`, `<title>`, `og:title`).
    pub title: Option<String>,
    /// Where it came from: a path, or `ORIGIN:LINE` for JSON lines (`stdin:3`).
    pub origin: String,
}

/// A document that could not be read: its id, origin and a one-line reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// The file name without extension, the JSON `id`, or `ORIGIN:LINE`.
    pub id: String,
    /// The path, or `ORIGIN:LINE`.
    pub origin: String,
    /// Why, in one line.
    pub reason: String,
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

impl std::error::Error for DocError {}

/// Why `id` cannot name a document, if it cannot: ids with control
/// characters (NUL, newlines) or invisible direction marks and overrides
/// (U+200E, U+202A–U+202E, U+2066–U+2069) would break output lines or show
/// one id as another.
pub fn bad_id(id: &str) -> Option<&'static str> {
    let bidi = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if id.chars().any(char::is_control) {
        Some("the id holds a control character (NUL, newline, …)")
    } else if id.chars().any(bidi) {
        Some("the id holds an invisible direction mark or override")
    } else {
        None
    }
}

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Files (and JSON lines) larger than this are failures (default 20 MB).
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// Reads files and folders (recursively, files in name order), yielding one
/// item per document in input order. A file named explicitly with an
/// unsupported extension is a failure; in folders such files are skipped.
pub fn read_paths(
    paths: &[PathBuf],
    opts: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<RawDoc, DocError>>> {
    read::read_paths(paths, opts)
}

pub use read::{input_bytes, read_paths_counting};

/// Reads JSON lines (one document per line) from a reader; `origin` names it.
pub fn read_jsonl<'a>(
    reader: impl BufRead + 'a,
    origin: &'a str,
    opts: &'a ReadOptions,
) -> Box<dyn Iterator<Item = Result<RawDoc, DocError>> + 'a> {
    Box::new(jsonl::JsonLines::new(reader, origin, opts.max_bytes))
}

/// The result of cleaning a document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cleaned {
    /// The article body without page chrome (kept regions joined by blank lines).
    pub body: String,
    /// The kept regions as character spans of `RawDoc::text`, in order.
    pub body_spans: Vec<Span>,
    /// The headline.
    pub title: Option<String>,
    /// Where the headline is in `RawDoc::text`, when it is there.
    pub title_span: Option<Span>,
    /// The publishing outlet (canonical short name when it is a known outlet).
    pub outlet: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// The publication dateline (`نشر الاثنين 04 ديسمبر, 2017 في تمام الساعة 16:40`).
    pub dateline: Option<Span>,
}

/// Removes page chrome and finds title, outlet, authors and dateline.
pub fn clean(doc: &RawDoc) -> Cleaned {
    let mut cleaned = clean::clean(doc);
    if cleaned.body_spans.is_empty() {
        // A text that is nothing but its headline (a one-line news flash): the
        // headline is also the body, or nothing would be extracted from it.
        let chars: Vec<char> = doc.text.chars().collect();
        let span = cleaned.title_span.unwrap_or_else(|| {
            let start = chars.iter().position(|c| !c.is_whitespace()).unwrap_or(0);
            let end = chars
                .iter()
                .rposition(|c| !c.is_whitespace())
                .map_or(start, |e| e + 1);
            Span::new(start, end)
        });
        if span.start < span.end && span.end <= chars.len() {
            cleaned.body = chars[span.start..span.end].iter().collect();
            cleaned.body_spans = vec![span];
        }
    }
    cleaned
}
