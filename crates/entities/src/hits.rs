//! The phrases of every entity dictionary found in one document.
//!
//! Actor terms, country cues, named sources, the outlets' self-citations,
//! titles and well-known persons are the layers of one
//! [`rasad_text::PhraseMatcher`] (quotation marks allowed between the words of
//! a phrase: `قوات "سوريا الديمقراطية"`). [`Hits::new`] reads the tokens once;
//! actors, sources and persons then read the hits of their layers.

use rasad_record::Span;
use rasad_text::clitic::{self, ARTICLE, L_ARTICLE};
use rasad_text::phrase::PhraseMatch;
use rasad_text::{Analysis, PhraseMatcher};
use std::ops::Range;

/// One dictionary phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Phrase index in the lexicon's matcher.
    pub phrase: usize,
    /// Token range matched.
    pub tokens: Range<usize>,
    /// Original span of the name: proclitics left out, the article kept.
    pub span: Span,
    /// The first word carried the article (`ال`, or `لل` = ل + ال).
    pub article: bool,
    /// Key bytes of the proclitics removed before the article or bare word.
    clitic_bytes: usize,
}

impl Hit {
    /// The hit of a phrase match of `a`: the article, kept in the span, and
    /// the proclitics before it told apart (`وللتنظيم`: proclitics `ول`, name
    /// `لتنظيم` read as `التنظيم`).
    pub fn new(a: &Analysis, m: &PhraseMatch) -> Hit {
        let s = a.key_str();
        let toks = a.tokens();
        let t0 = &toks[m.tokens.start];
        let last = &toks[m.tokens.end - 1];
        let word = t0.text(s);
        let prefix = &word[..m.prefix_bytes.min(word.len())];
        let bare_start = t0.start + prefix.len();
        // The article stays in the name; of لل only the second lam is its.
        let name_start = if prefix.ends_with(ARTICLE) {
            bare_start - ARTICLE.len()
        } else if prefix.ends_with(L_ARTICLE) {
            bare_start - 'ل'.len_utf8()
        } else {
            bare_start
        };
        Hit {
            phrase: m.phrase,
            tokens: m.tokens.clone(),
            span: Span::new(a.span(name_start, t0.end).start, last.span.end),
            article: clitic::ends_in_article(prefix),
            clitic_bytes: name_start - t0.start,
        }
    }

    /// Key text of the proclitics removed before the article or bare word.
    pub fn clitics<'a>(&self, a: &'a Analysis) -> &'a str {
        let word = a.tokens()[self.tokens.start].text(a.key_str());
        &word[..self.clitic_bytes]
    }
}

/// The hits of every layer in one document.
pub(crate) struct Hits<'a> {
    /// The document.
    pub a: &'a Analysis,
    layers: Vec<Vec<Hit>>,
}

impl<'a> Hits<'a> {
    /// Matches every layer of `matcher` over `a` in one pass.
    pub fn new(matcher: &PhraseMatcher, a: &'a Analysis, layers: usize) -> Hits<'a> {
        let mut found: Vec<Vec<Hit>> = matcher
            .find_layers(a.key(), a.tokens())
            .iter()
            .map(|layer| layer.iter().map(|m| Hit::new(a, m)).collect())
            .collect();
        found.resize_with(layers, Vec::new);
        Hits { a, layers: found }
    }

    /// Hits of one layer, in text order.
    pub fn of(&self, layer: usize) -> &[Hit] {
        self.layers.get(layer).map_or(&[], Vec::as_slice)
    }

    /// Number of layers.
    #[cfg(test)]
    pub fn count(&self) -> usize {
        self.layers.len()
    }
}

/// The surface form of a hit as written, for `terms` and names: proclitics
/// removed, `لل` restored to `ال`, tatweel and quotation marks removed, spaces
/// collapsed.
pub(crate) fn surface(a: &Analysis, hit: &Hit) -> String {
    let raw = a.slice(hit.span);
    let mut out = String::with_capacity(raw.len());
    let ll = hit.article && !raw.starts_with(['ا', 'أ', 'ٱ']);
    if ll {
        out.push('ا');
    }
    out.push_str(&tidy(raw));
    out
}

/// A quotation mark of any style (`"`، `«`، `»`، `“`، `”`، `'`).
pub(crate) fn is_quote(c: char) -> bool {
    matches!(c, '\u{22}' | '«' | '»' | '“' | '”' | '\'')
}

/// Removes tatweel, quotation marks and brackets, and collapses whitespace.
pub(crate) fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if c == 'ـ' || is_quote(c) || matches!(c, '„' | '(' | ')' | '‘' | '’') {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasad_text::phrase::Gap;

    fn found(phrases: &[&str], text: &str) -> Vec<(String, bool, String)> {
        let mut m = PhraseMatcher::with_gap(Gap::Quoted);
        for (i, p) in phrases.iter().enumerate() {
            m.insert(p, i);
        }
        let a = Analysis::new(text, vec![]);
        m.find(a.key(), a.tokens())
            .iter()
            .map(|pm| {
                let h = Hit::new(&a, pm);
                (surface(&a, &h), h.article, h.clitics(&a).to_string())
            })
            .collect()
    }

    /// (phrases, text, expected (surface, article, clitics)).
    type Case<'a> = (&'a [&'a str], &'a str, &'a [(&'a str, bool, &'a str)]);

    #[test]
    fn hits_table() {
        let table: &[Case] = &[
            (
                &["قوات سوريا الديمقراطية"],
                "لقوات \"سوريا الديمقراطية\" التي",
                &[("قوات سوريا الديمقراطية", false, "ل")],
            ),
            (&["التنظيم"], "مقاتلي التنظيم", &[("التنظيم", true, "")]),
            (&["التنظيم"], "للتنظيم في", &[("التنظيم", true, "ل")]),
            (&["التنظيم"], "وللتنظيم في", &[("التنظيم", true, "ول")]),
            (&["التنظيم"], "تنظيم جديد", &[("تنظيم", false, "")]),
            (
                &["داعش", "تنظيم داعش"],
                "وتنظيم «داعش»",
                &[("تنظيم داعش", false, "و")],
            ),
            (&["قسد"], "وقسد والنظام", &[("قسد", false, "و")]),
            (&["دير الزور"], "دير، الزور", &[]),
            (
                &["وكالة ستيب الإخبارية"],
                "لوكالة “ستيب الإخبارية”:",
                &[("وكالة ستيب الإخبارية", false, "ل")],
            ),
            (&["العبد الله"], "العبد اللـه", &[("العبد الله", true, "")]),
        ];
        for (phrases, text, want) in table {
            let want: Vec<(String, bool, String)> = want
                .iter()
                .map(|(a, b, c)| (a.to_string(), *b, c.to_string()))
                .collect();
            assert_eq!(found(phrases, text), want, "{text}");
        }
    }

    #[test]
    fn tidy_table() {
        assert_eq!(tidy("قوات  «سوريا»\nالديمقراطية"), "قوات سوريا الديمقراطية");
        assert_eq!(tidy("العبد اللـه"), "العبد الله");
        assert_eq!(tidy("\"عنب بلدي\" (سانا)"), "عنب بلدي سانا");
        assert_eq!(tidy(""), "");
    }
}
