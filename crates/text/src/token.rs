//! Tokenization of normalized text into words and numbers, each with its place
//! in the key and in the original.

use crate::chartable::CharTable;
use crate::normalize::Normalized;
use rasad_record::Span;
use std::sync::OnceLock;

/// A word or number of a [`Normalized`] text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the normalized text.
    pub start: usize,
    /// End of the byte range in the normalized text.
    pub end: usize,
    /// Character span in the original text.
    pub span: Span,
}

impl Token {
    /// The token's text in the normalized string it was cut from.
    pub fn text<'a>(&self, normalized: &'a str) -> &'a str {
        &normalized[self.start..self.end]
    }
}

/// Letters and digits (`char::is_alphanumeric`), with ASCII and the Arabic
/// block answered from bitmaps: the general Unicode tables are slow and this
/// runs on every character.
struct WordChars(CharTable);

impl WordChars {
    fn get() -> &'static WordChars {
        static W: OnceLock<WordChars> = OnceLock::new();
        W.get_or_init(|| WordChars(CharTable::new(char::is_alphanumeric)))
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        self.0.lookup(c).unwrap_or_else(|| c.is_alphanumeric())
    }
}

/// Splits a normalized text into tokens: maximal runs of letters and digits.
/// Punctuation and spaces separate tokens and are not tokens themselves.
pub fn tokenize(n: &Normalized) -> Vec<Token> {
    let s = n.as_str();
    let word = WordChars::get();
    let mut out = Vec::with_capacity(s.len() / 6);
    let mut begin: Option<usize> = None;
    for (b, c) in s.char_indices() {
        match (word.contains(c), begin) {
            (true, None) => begin = Some(b),
            (false, Some(st)) => {
                out.push(Token {
                    start: st,
                    end: b,
                    span: n.span(st, b),
                });
                begin = None;
            }
            _ => {}
        }
    }
    if let Some(st) = begin {
        out.push(Token {
            start: st,
            end: s.len(),
            span: n.span(st, s.len()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Level;

    #[test]
    fn tokens_and_offsets() {
        let orig = "قُتل «18» عنصراً بالبوكمال.";
        let n = Normalized::new(orig, Level::Key);
        let toks = tokenize(&n);
        let texts: Vec<&str> = toks.iter().map(|t| t.text(n.as_str())).collect();
        assert_eq!(texts, ["قتل", "18", "عنصرا", "بالبوكمال"]);
        let chars: Vec<char> = orig.chars().collect();
        let got: Vec<String> = toks
            .iter()
            .map(|t| chars[t.span.start..t.span.end].iter().collect())
            .collect();
        assert_eq!(got, ["قُتل", "18", "عنصراً", "بالبوكمال"]);
    }

    #[test]
    fn fast_path_agrees_with_unicode() {
        let w = WordChars::get();
        for c in ('\u{0}'..='\u{0800}').chain('\u{FB50}'..='\u{FEFF}') {
            assert_eq!(w.contains(c), c.is_alphanumeric(), "{c:?}");
        }
        assert!(w.contains('ب') && w.contains('٣') && w.contains('x'));
        assert!(!w.contains('،') && !w.contains(' ') && !w.contains('«'));
    }

    #[test]
    fn empty_text_has_no_tokens() {
        assert!(tokenize(&Normalized::new("", Level::Key)).is_empty());
        assert!(tokenize(&Normalized::new(" ،. ", Level::Key)).is_empty());
    }
}
