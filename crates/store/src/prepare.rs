//! Turning an extraction record into a row: index terms, token offsets into the
//! original text, content hash. Pure and CPU-bound, so callers may run it on
//! worker threads and hand the results to [`crate::Store::write_batch`].

use rasad_record::{Document, Span};
use rasad_text::{clitic, key, tokenize, CharIndex, Level, Normalized};

/// Which string the stored token spans (and so the snippets) count into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnippetBase {
    /// The original decoded text: the body was found in it line by line.
    Text,
    /// The cleaned body: used only when the body could not be located in the
    /// text (the cleaner rewrote something).
    Body,
}

impl SnippetBase {
    /// The value stored in the `snippet_base` column.
    pub fn as_str(self) -> &'static str {
        match self {
            SnippetBase::Text => "text",
            SnippetBase::Body => "body",
        }
    }
    /// Parses the stored value (anything unknown reads as `Body`).
    pub fn parse(s: &str) -> Self {
        if s == "text" {
            SnippetBase::Text
        } else {
            SnippetBase::Body
        }
    }
}

/// Why a document cannot be stored. The caller counts it as failed and goes on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejected {
    #[error("the document has no id")]
    NoId,
    #[error("the article body has no words")]
    EmptyBody,
    #[error("the record could not be serialized: {0}")]
    Record(String),
}

/// One article ready to be written.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub(crate) id: String,
    pub(crate) origin: String,
    pub(crate) url: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) outlet_key: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) published_day: Option<String>,
    /// Text, body and record in one compressed frame ([`crate::pack`]).
    pub(crate) packed: Vec<u8>,
    pub(crate) content_hash: [u8; 32],
    /// Bytes of text, body and record before packing.
    pub(crate) size: usize,
}

impl Prepared {
    /// True when the article's publication date is known (from metadata or
    /// its text).
    pub fn dated(&self) -> bool {
        self.published.is_some()
    }
    /// The article id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Where the article came from (a path, `stdin:LINE`).
    pub fn origin(&self) -> &str {
        &self.origin
    }
    /// Approximate size in bytes of the article before packing (for
    /// throughput and batch budgets).
    pub fn size(&self) -> usize {
        self.size
    }
    /// Bytes the article takes once packed (text, body and record).
    pub fn packed_size(&self) -> usize {
        self.packed.len()
    }
}

/// Prepares one article: `text` is the document as decoded (what record spans
/// count into), `origin` where it came from, `doc` its extraction record.
pub fn prepare(text: &str, origin: &str, doc: &Document) -> Result<Prepared, Rejected> {
    if doc.id.trim().is_empty() {
        return Err(Rejected::NoId);
    }
    let key = Normalized::new(&doc.body, Level::Key);
    // The search index takes its terms from the stored body (`fulltext`);
    // here they only tell an article with words from one without.
    if terms_of(&key).0.is_empty() {
        return Err(Rejected::EmptyBody);
    }
    let record = serde_json::to_string(doc).map_err(|e| Rejected::Record(e.to_string()))?;
    let published = doc.published.as_ref().and_then(|t| t.value.clone());
    Ok(Prepared {
        id: doc.id.clone(),
        origin: origin.to_string(),
        url: doc.url.clone(),
        outlet_key: doc
            .outlet
            .as_deref()
            .map(outlet_key)
            .filter(|k| !k.is_empty()),
        outlet: doc.outlet.clone(),
        title: doc.title.clone(),
        published_day: published.as_deref().and_then(day_of),
        published,
        size: text.len() + doc.body.len() + record.len(),
        packed: crate::pack::pack(text, &doc.body, &record),
        content_hash: hash_key(key.as_str()),
    })
}

/// What a snippet is cut from: the body's index terms, each term's span,
/// and which string the spans count into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetTerms {
    /// `Text` when the body's lines were found in the text (spans count into
    /// the text, as record spans do), else `Body`.
    pub base: SnippetBase,
    /// The body's index terms, space-separated (as the index holds them).
    pub terms: String,
    /// One span per term.
    pub spans: Vec<Span>,
}

/// The index terms of `body` with their spans in `text` (or in `body` when
/// its lines are not all found in `text`). Derived when a hit is shown, so
/// the store keeps neither (schema 4).
pub fn snippet_terms(text: &str, body: &str) -> SnippetTerms {
    let (terms, body_spans) = index_terms(body);
    match Alignment::new(text, body) {
        Some(al) => SnippetTerms {
            base: SnippetBase::Text,
            terms,
            spans: body_spans.iter().map(|s| al.map(*s)).collect(),
        },
        None => SnippetTerms {
            base: SnippetBase::Body,
            terms,
            spans: body_spans,
        },
    }
}

/// The index terms of a text: for each token of its search key, the clitic-split
/// stem ([`clitic::search_stem`]), joined by single spaces; and each token's
/// character span in `s`.
pub fn index_terms(s: &str) -> (String, Vec<Span>) {
    terms_of(&Normalized::new(s, Level::Key))
}

/// [`index_terms`] of an already normalized text.
fn terms_of(n: &Normalized) -> (String, Vec<Span>) {
    let toks = tokenize(n);
    let mut terms = String::with_capacity(n.as_str().len());
    let mut spans = Vec::with_capacity(toks.len());
    for t in &toks {
        if !terms.is_empty() {
            terms.push(' ');
        }
        terms.push_str(clitic::search_stem(t.text(n.as_str())));
        spans.push(t.span);
    }
    (terms, spans)
}

/// The duplicate key of a body: blake3 of its search key with whitespace runs
/// collapsed, so the same article with other spacing, diacritics or hamza
/// spelling is one document.
pub fn content_hash(body: &str) -> [u8; 32] {
    hash_key(&key(body))
}

/// [`content_hash`] of an already normalized body.
fn hash_key(k: &str) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    for (i, w) in k.split_whitespace().enumerate() {
        if i > 0 {
            h.update(b" ");
        }
        h.update(w.as_bytes());
    }
    *h.finalize().as_bytes()
}

/// The comparison form of an outlet name: search key, whitespace collapsed.
pub fn outlet_key(outlet: &str) -> String {
    key(outlet).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `YYYY-MM-DD` when a TIMEX value names a day (`2018-12-27`,
/// `2017-12-04T16:40`), else `None` (`2018-12`, `XXXX-10-13`).
pub fn day_of(value: &str) -> Option<String> {
    let b = value.as_bytes();
    let ok = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || b[10] == b'T');
    ok.then(|| value[..10].to_string())
}

/// Where the body's lines lie in the original text: segments of
/// `(body_char, text_char, len_chars)`, in order.
struct Alignment {
    segments: Vec<(usize, usize, usize)>,
}

impl Alignment {
    /// Finds each non-blank line of `body` (trimmed) in `text`, in order.
    /// `None` when some line is not there.
    fn new(text: &str, body: &str) -> Option<Alignment> {
        if text == body {
            let n = body.chars().count();
            return Some(Alignment {
                segments: vec![(0, 0, n)],
            });
        }
        let text_ix = CharIndex::new(text);
        let body_ix = CharIndex::new(body);
        let mut segments = Vec::new();
        let mut cursor = 0usize; // byte offset in text
        let mut line_start = 0usize; // byte offset in body
        for line in body.split('\n') {
            let lead = line.len() - line.trim_start().len();
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                // Usually the line follows right after the previous one.
                let rest = &text[cursor..];
                let skip = rest.len() - rest.trim_start().len();
                let at = if rest[skip..].starts_with(trimmed) {
                    cursor + skip
                } else {
                    cursor + rest.find(trimmed)?
                };
                let b = body_ix.char(line_start + lead);
                let t = text_ix.char(at);
                segments.push((b, t, trimmed.chars().count()));
                cursor = at + trimmed.len();
            }
            line_start += line.len() + 1;
        }
        Some(Alignment { segments })
    }

    /// Maps a span of the body (lying inside one line) to the text.
    fn map(&self, s: Span) -> Span {
        let i = self.segments.partition_point(|seg| seg.0 <= s.start);
        match i.checked_sub(1).map(|i| self.segments[i]) {
            Some((b, t, _)) => Span::new(s.start - b + t, s.end - b + t),
            None => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(s: &str, sp: Span) -> String {
        s.chars().skip(sp.start).take(sp.len()).collect()
    }

    fn doc(id: &str, body: &str) -> Document {
        let mut d = Document::empty(id);
        d.body = body.to_string();
        d
    }

    #[test]
    fn terms_are_clitic_split_keys() {
        let (t, s) = index_terms("قُتِلَ ٥ بالرقّة، وللرقة بلدة");
        assert_eq!(t, "قتل 5 رقه رقه بلده");
        assert_eq!(s.len(), 5);
        assert_eq!(slice("قُتِلَ ٥ بالرقّة، وللرقة بلدة", s[2]), "بالرقّة");
    }

    #[test]
    fn spans_point_into_the_original_text_when_body_was_cut_from_it() {
        let text =
            "عنوان الخبر\n\nشارك على فيسبوك\n  قتل خمسة في الرقة.\nوجرح آخرون.\n\nاترك تعليقا";
        let body = "قتل خمسة في الرقة.\n\nوجرح آخرون.";
        let p = snippet_terms(text, body);
        assert_eq!(p.base, SnippetBase::Text);
        let words: Vec<String> = p.spans.iter().map(|s| slice(text, *s)).collect();
        assert_eq!(words, ["قتل", "خمسة", "في", "الرقة", "وجرح", "آخرون"]);
    }

    #[test]
    fn rewritten_body_falls_back_to_body_offsets() {
        let p = snippet_terms("نص آخر تماما", "قتل خمسة");
        assert_eq!(p.base, SnippetBase::Body);
        assert_eq!(p.spans, vec![Span::new(0, 3), Span::new(4, 8)]);
        assert_eq!(p.terms, "قتل خمسه");
    }

    #[test]
    fn empty_body_and_missing_id_are_rejected() {
        assert_eq!(
            prepare("", "x", &doc("x", " ، . ")).unwrap_err(),
            Rejected::EmptyBody
        );
        assert_eq!(
            prepare("نص", "x", &doc(" ", "نص")).unwrap_err(),
            Rejected::NoId
        );
    }

    #[test]
    fn hash_ignores_spacing_and_diacritics_but_not_words() {
        assert_eq!(
            content_hash("قُتِلَ  خمسة\nفي الرقّة"),
            content_hash("قتل خمسة في الرقة")
        );
        assert_ne!(content_hash("قتل خمسة"), content_hash("قتل ستة"));
    }

    #[test]
    fn days_of_timex_values() {
        assert_eq!(day_of("2018-12-27").as_deref(), Some("2018-12-27"));
        assert_eq!(day_of("2017-12-04T16:40").as_deref(), Some("2017-12-04"));
        assert_eq!(day_of("2018-12"), None);
        assert_eq!(day_of("XXXX-10-13"), None);
        assert_eq!(day_of("2018-12-27x"), None);
        assert_eq!(day_of("٢٠١٨-١٢-٢٧"), None);
    }

    #[test]
    fn outlet_keys_fold() {
        assert_eq!(outlet_key(" أخبار  الآن "), outlet_key("اخبار الان"));
    }
}
