//! One document prepared once for every extractor: the original text, its
//! search key with offsets, tokens, sentences and the body regions.

use crate::normalize::{CharIndex, Level, Normalized};
use crate::segment::sentences;
use crate::token::{tokenize, Token};
use rasad_record::Span;

/// A document text analysed for extraction. Extractors read the key (for
/// matching) and report spans of the original.
#[derive(Debug, Clone)]
pub struct Analysis {
    text: String,
    key: Normalized,
    tokens: Vec<Token>,
    sentences: Vec<Span>,
    body: Vec<Span>,
    /// The body regions' starts in order, with the largest end among the
    /// regions starting at or before each ([`Analysis::in_body`]).
    body_reach: Vec<(usize, usize)>,
    chars: CharIndex,
}

impl Analysis {
    /// Analyses `text`; `body` lists the character spans that hold the article
    /// body (everything else is page chrome, title or dateline). An empty `body`
    /// means the whole text.
    pub fn new(text: impl Into<String>, body: Vec<Span>) -> Self {
        let text = text.into();
        let key = Normalized::new(&text, Level::Key);
        let tokens = tokenize(&key);
        let chars = CharIndex::new(&text);
        let body = if body.is_empty() {
            vec![Span::new(0, key.original_chars())]
        } else {
            body
        };
        let mut sents = Vec::new();
        for b in &body {
            let bytes = chars.byte(b.start)..chars.byte(b.end);
            for s in sentences(&text[bytes]) {
                sents.push(Span::new(s.start + b.start, s.end + b.start));
            }
        }
        let mut reach: Vec<(usize, usize)> = body.iter().map(|b| (b.start, b.end)).collect();
        reach.sort_unstable();
        let mut m = 0;
        for r in &mut reach {
            m = m.max(r.1);
            r.1 = m;
        }
        Analysis {
            text,
            key,
            tokens,
            sentences: sents,
            body,
            body_reach: reach,
            chars,
        }
    }

    /// The original text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The normalized search key with its offset map.
    pub fn key(&self) -> &Normalized {
        &self.key
    }
    /// The key as a string (what regexes and matchers run on).
    pub fn key_str(&self) -> &str {
        self.key.as_str()
    }
    /// Tokens of the key, with original spans.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }
    /// Sentences of the body, as original spans, in order.
    pub fn sentences(&self) -> &[Span] {
        &self.sentences
    }
    /// Body regions, as original spans, in order.
    pub fn body(&self) -> &[Span] {
        &self.body
    }
    /// True when `span` lies inside one body region.
    pub fn in_body(&self, span: Span) -> bool {
        // Asked per hit: a region starting at or before the span contains it
        // iff the largest end among them reaches its end (a binary search,
        // not a scan of every region, which made long articles quadratic).
        let n = self.body_reach.partition_point(|&(s, _)| s <= span.start);
        n > 0 && self.body_reach[n - 1].1 >= span.end
    }
    /// Index of the sentence containing the start of `span`.
    pub fn sentence_of(&self, span: Span) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= span.start);
        (i < self.sentences.len() && self.sentences[i].start <= span.start).then_some(i)
    }
    /// The original text of a span.
    pub fn slice(&self, span: Span) -> &str {
        self.chars.slice(&self.text, span)
    }
    /// The original span of a byte range of the key.
    pub fn span(&self, key_from: usize, key_to: usize) -> Span {
        self.key.span(key_from, key_to)
    }
    /// Char/byte conversion for the original text.
    pub fn char_index(&self) -> &CharIndex {
        &self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_sentences_and_slices() {
        let text = "عنوان\n\nقتل 5 في البوكمال. وجرح 3.\n\nاترك رد";
        let a = Analysis::new(text, vec![Span::new(7, 33)]);
        assert_eq!(a.sentences().len(), 2);
        assert_eq!(a.slice(a.sentences()[0]), "قتل 5 في البوكمال.");
        assert_eq!(a.slice(a.sentences()[1]), "وجرح 3.");
        let at = a.key_str().find("البوكمال").unwrap();
        let sp = a.span(at, at + "البوكمال".len());
        assert_eq!(a.slice(sp), "البوكمال");
        assert!(a.in_body(sp));
        assert_eq!(a.sentence_of(sp), Some(0));
        let chrome = a.key_str().find("اترك").unwrap();
        assert!(!a.in_body(a.span(chrome, chrome + 2)));
    }

    /// `in_body` answers as a scan of every region does, regions given out
    /// of order and overlapping.
    #[test]
    fn in_body_answers_as_the_scan_does() {
        let text = "ا".repeat(20);
        for body in [
            vec![Span::new(12, 15), Span::new(2, 9), Span::new(4, 5)],
            vec![Span::new(3, 3), Span::new(0, 4), Span::new(16, 20)],
        ] {
            let a = Analysis::new(text.clone(), body.clone());
            for start in 0..20 {
                for end in start..=20 {
                    let sp = Span::new(start, end);
                    let scan = body.iter().any(|b| b.contains(&sp));
                    assert_eq!(a.in_body(sp), scan, "{body:?} {sp:?}");
                }
            }
        }
    }

    #[test]
    fn empty_body_means_everything() {
        let a = Analysis::new("قتل 5", vec![]);
        assert_eq!(a.body(), &[Span::new(0, 5)]);
    }
}
