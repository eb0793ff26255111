//! The text as lines, each with its character span and match key.

use crate::lexicon::match_key;
use rasad_record::Span;

/// One non-blank line of the document.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// Characters of the trimmed line in the document text.
    pub span: Span,
    /// Byte range of the trimmed line in the document text.
    pub bytes: (usize, usize),
    /// The trimmed line as written.
    pub text: &'a str,
    /// Its match key (see [`match_key`]).
    pub key: String,
    /// Number of words in the key.
    pub words: usize,
}

impl Line<'_> {
    /// True when the line ends like a sentence (a full stop or similar).
    pub fn ends_sentence(&self) -> bool {
        let t = self.text.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '\u{22}' | '”' | '»' | ')' | '\'' | '’')
        });
        t.ends_with(['.', '!', '?', '؟', '。']) && !t.ends_with("...") && !t.ends_with('…')
    }

    /// True for a line long enough to be a paragraph of the article.
    pub fn is_paragraph(&self) -> bool {
        self.words >= 30 || (self.words >= 12 && self.text.ends_with(['.', '۔']))
    }
}

fn is_edge_junk(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\u{2060}'
                | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Splits `text` into its non-blank lines (a line holding only spaces or
/// invisible marks is blank).
pub fn split(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut char_at = 0usize; // chars before the current line start
    let mut byte_at = 0usize;
    for raw in text.split_inclusive('\n') {
        let line_chars = raw.chars().count();
        let body = raw.trim_end_matches(['\n', '\r']);
        let lead_bytes = body.len() - body.trim_start_matches(is_edge_junk).len();
        let trimmed = body
            .trim_start_matches(is_edge_junk)
            .trim_end_matches(is_edge_junk);
        if !trimmed.is_empty() {
            let lead_chars = body[..lead_bytes].chars().count();
            let start = char_at + lead_chars;
            let end = start + trimmed.chars().count();
            let b0 = byte_at + lead_bytes;
            let key = match_key(trimmed);
            let words = if key.is_empty() {
                0
            } else {
                key.split(' ').count()
            };
            out.push(Line {
                span: Span::new(start, end),
                bytes: (b0, b0 + trimmed.len()),
                text: trimmed,
                key,
                words,
            });
        }
        char_at += line_chars;
        byte_at += raw.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_at_the_trimmed_lines() {
        let text = "  عنوان الخبر \r\n\n\u{a0}\u{200f}\nسطر ثان.\nx";
        let lines = split(text);
        let got: Vec<&str> = lines.iter().map(|l| l.text).collect();
        assert_eq!(got, ["عنوان الخبر", "سطر ثان.", "x"]);
        let chars: Vec<char> = text.chars().collect();
        for l in &lines {
            let s: String = chars[l.span.start..l.span.end].iter().collect();
            assert_eq!(s, l.text);
            assert_eq!(&text[l.bytes.0..l.bytes.1], l.text);
        }
        assert!(lines[1].ends_sentence());
        assert_eq!(lines[0].words, 2);
    }
}
