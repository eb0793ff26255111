//! Snippets: a window of the original text around the first matching words,
//! with every matching word in it marked.

use rasad_record::Span;
use serde::Serialize;
use std::collections::HashSet;

/// Words shown before the first match.
const BEFORE: usize = 8;
/// Words shown from the first match on.
const AFTER: usize = 24;

/// A cut of the original text around the first match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    /// The window's text, whitespace runs folded to one space, with `…` where
    /// it was cut.
    pub text: String,
    /// Character ranges of [`Self::text`] holding matching words.
    pub marks: Vec<Span>,
    /// The window as a span of the source string (see [`Hit::base`](crate::Hit::base)).
    pub span: Span,
    /// The matching words as spans of the source string.
    pub matches: Vec<Span>,
}

impl Snippet {
    /// The text with each mark wrapped in `open` … `close`.
    pub fn render(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + self.marks.len() * 8);
        let mut marks = self.marks.iter().filter(|m| !m.is_empty()).peekable();
        let mut open_until: Option<usize> = None;
        for (i, c) in self.text.chars().enumerate() {
            if open_until == Some(i) {
                out.push_str(close);
                open_until = None;
            }
            if let Some(m) = marks.next_if(|m| m.start == i) {
                out.push_str(open);
                open_until = Some(m.end);
            }
            out.push(c);
        }
        if open_until.is_some() {
            out.push_str(close);
        }
        out
    }
}

/// Cuts a snippet from `source`. `terms` are the article's index terms (one
/// per token, space-separated), `spans` each token's span in `source`, and
/// `wanted` the query's terms. With no match, the window starts at the
/// beginning.
pub fn cut(source: &str, terms: &str, spans: &[Span], wanted: &HashSet<String>) -> Snippet {
    let wanted: Vec<&[u8]> = wanted.iter().map(|w| w.as_bytes()).collect();
    cut_terms(source, terms.as_bytes(), spans, &wanted)
}

/// [`cut`] with the terms as bytes and the query's terms as a list (a query
/// has a few terms: comparing is cheaper than hashing). Only the terms up to
/// the end of the window are looked at.
pub(crate) fn cut_terms(source: &str, terms: &[u8], spans: &[Span], wanted: &[&[u8]]) -> Snippet {
    let hit = |t: &[u8]| wanted.contains(&t);
    let tokens = || terms.split(|&b| b == b' ').take(spans.len());
    let first = tokens().position(hit);
    let centre = first.unwrap_or(0);
    let lo = centre.saturating_sub(BEFORE);
    // Tokens up to one past the window: enough to know whether it was cut.
    let n = tokens().take(centre + AFTER + 1).count();
    let hi = (centre + AFTER).min(n);
    if lo >= hi {
        return Snippet {
            text: String::new(),
            marks: vec![],
            span: Span::new(0, 0),
            matches: vec![],
        };
    }
    let window = Span::new(spans[lo].start, spans[hi - 1].end.max(spans[lo].start));
    let matches: Vec<Span> = if first.is_some() {
        tokens()
            .enumerate()
            .skip(lo)
            .take(hi - lo)
            .filter(|(_, t)| hit(t))
            .map(|(i, _)| spans[i])
            .collect()
    } else {
        Vec::new()
    };

    // Walk the window's characters, folding whitespace, and remember where each
    // original character landed in the output.
    let prefix = if lo > 0 { "… " } else { "" };
    let mut text = String::with_capacity(prefix.len() + 2 * window.len() + 4);
    text.push_str(prefix);
    let mut out_chars = prefix.chars().count();
    let mut pos = Vec::with_capacity(window.len() + 1);
    let mut in_space = false;
    for c in source.chars().skip(window.start).take(window.len()) {
        pos.push(out_chars);
        if c.is_whitespace() {
            if !in_space {
                text.push(' ');
                out_chars += 1;
            }
            in_space = true;
        } else {
            text.push(c);
            out_chars += 1;
            in_space = false;
        }
    }
    pos.push(out_chars);
    if hi < n {
        text.push_str(" …");
    }
    let at = |orig: usize| pos[(orig - window.start).min(pos.len() - 1)];
    let marks = matches
        .iter()
        .filter(|m| m.start >= window.start)
        .map(|m| Span::new(at(m.start), at(m.end)))
        .collect();
    Snippet {
        text,
        marks,
        span: window,
        matches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::index_terms;

    fn wanted(w: &[&str]) -> HashSet<String> {
        w.iter().map(|s| s.to_string()).collect()
    }

    fn slice(s: &str, sp: Span) -> String {
        s.chars().skip(sp.start).take(sp.len()).collect()
    }

    #[test]
    fn marks_the_original_words() {
        let src = "قُتِلَ خمسة  في\nبالرقّة أمس، وجرح اثنان في الرقة.";
        let (terms, spans) = index_terms(src);
        let s = cut(src, &terms, &spans, &wanted(&["رقه"]));
        assert_eq!(s.text, "قُتِلَ خمسة في بالرقّة أمس، وجرح اثنان في الرقة");
        assert_eq!(
            s.render("[", "]"),
            "قُتِلَ خمسة في [بالرقّة] أمس، وجرح اثنان في [الرقة]"
        );
        let got: Vec<String> = s.matches.iter().map(|m| slice(src, *m)).collect();
        assert_eq!(got, ["بالرقّة", "الرقة"]);
        for (m, o) in s.marks.iter().zip(&s.matches) {
            assert_eq!(slice(&s.text, *m), slice(src, *o));
        }
    }

    #[test]
    fn long_texts_are_cut_with_ellipses() {
        let mut src = String::new();
        for i in 0..100 {
            src.push_str(&format!("كلمة{i} "));
        }
        src.push_str("الهدف ");
        for i in 0..100 {
            src.push_str(&format!("بعد{i} "));
        }
        let (terms, spans) = index_terms(&src);
        let s = cut(&src, &terms, &spans, &wanted(&["هدف"]));
        assert!(s.text.starts_with("… كلمة92 "), "{}", s.text);
        assert!(s.text.ends_with(" …"));
        assert_eq!(
            s.text.split(' ').filter(|w| *w != "…").count(),
            BEFORE + AFTER
        );
        assert_eq!(s.render("«", "»").matches("«الهدف»").count(), 1);
    }

    #[test]
    fn no_match_starts_at_the_top_and_empty_is_fine() {
        let src = "أول كلام هنا";
        let (terms, spans) = index_terms(src);
        let s = cut(src, &terms, &spans, &wanted(&["غائب"]));
        assert_eq!(s.text, "أول كلام هنا");
        assert!(s.marks.is_empty());
        let e = cut("", "", &[], &wanted(&["x"]));
        assert_eq!(e.text, "");
    }

    #[test]
    fn corrupt_spans_do_not_panic() {
        let s = cut(
            "قصير",
            "a b c",
            &[Span::new(0, 2), Span::new(50, 90)],
            &wanted(&["b"]),
        );
        assert_eq!(s.marks.len(), 1);
    }
}
