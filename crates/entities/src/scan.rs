//! One pass of every entity dictionary over a document.
//!
//! Actor terms, country cues, named sources, the outlets' self-citations,
//! titles and well-known persons are the layers of one
//! [`rasad_text::PhraseMatcher`] (quotation marks allowed between the words of
//! a phrase: `قوات "سوريا الديمقراطية"`). [`Lexicon::scan`] reads the tokens
//! once; actors, sources and persons then read the hits of their layers, and
//! the actor mentions, which sources need too, are resolved once.

use crate::actors::ActorMention;
use crate::lexicon::Lexicon;
use rasad_record::{Actor, Entity, Span};
use rasad_text::phrase::PhraseMatch;
use rasad_text::Analysis;
use std::cell::OnceCell;
use std::ops::Range;

/// Layers of the entity matcher.
pub(crate) mod layer {
    /// Actor terms (ids: actor group indices).
    pub const ACTORS: usize = 0;
    /// Country cues (ids: indices into the cue kinds).
    pub const CUES: usize = 1;
    /// Named sources (ids: source indices).
    pub const SOURCES: usize = 2;
    /// An outlet citing itself (`مراسلنا`, `مصدر الوكالة`).
    pub const SELF_CITES: usize = 3;
    /// Titles and roles before names.
    pub const TITLES: usize = 4;
    /// Well-known persons' names and aliases (ids: famous indices).
    pub const FAMOUS: usize = 5;
    /// Number of layers.
    pub const COUNT: usize = 6;
}

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
        let article = prefix.ends_with("ال") || prefix.ends_with("لل");
        let bare_start = t0.start + prefix.len();
        let name_start = if prefix.ends_with("ال") {
            bare_start - "ال".len()
        } else if prefix.ends_with("لل") {
            bare_start - "ل".len()
        } else {
            bare_start
        };
        Hit {
            phrase: m.phrase,
            tokens: m.tokens.clone(),
            span: Span::new(a.span(name_start, t0.end).start, last.span.end),
            article,
            clitic_bytes: name_start - t0.start,
        }
    }

    /// Key text of the proclitics removed before the article or bare word.
    pub fn clitics<'a>(&self, a: &'a Analysis) -> &'a str {
        let word = a.tokens()[self.tokens.start].text(a.key_str());
        &word[..self.clitic_bytes]
    }
}

/// The entity dictionaries' hits in one document; actors, sources and
/// persons are read from it. Build it with [`Lexicon::scan`].
pub struct Scan<'l, 'a> {
    pub(crate) lx: &'l Lexicon,
    pub(crate) a: &'a Analysis,
    hits: Vec<Vec<Hit>>,
    mentions: OnceCell<Vec<ActorMention>>,
}

impl Lexicon {
    /// Matches every dictionary of the lexicon over `a` in one pass.
    pub fn scan<'l, 'a>(&'l self, a: &'a Analysis) -> Scan<'l, 'a> {
        let mut hits: Vec<Vec<Hit>> = self
            .matcher
            .find_layers(a.key(), a.tokens())
            .iter()
            .map(|layer| layer.iter().map(|m| Hit::new(a, m)).collect())
            .collect();
        hits.resize_with(layer::COUNT, Vec::new);
        Scan {
            lx: self,
            a,
            hits,
            mentions: OnceCell::new(),
        }
    }
}

impl<'l, 'a> Scan<'l, 'a> {
    /// The document scanned.
    pub fn analysis(&self) -> &'a Analysis {
        self.a
    }

    /// Hits of one layer, in text order.
    pub(crate) fn hits(&self, layer: usize) -> &[Hit] {
        self.hits.get(layer).map_or(&[], Vec::as_slice)
    }

    /// Every actor mention of the body (see [`Lexicon::actor_mentions`]),
    /// resolved on first use.
    pub fn actor_mentions(&self) -> &[ActorMention] {
        self.mentions.get_or_init(|| self.lx.mentions_in(self))
    }

    /// Every distinct actor of the body (see [`Lexicon::actors`]).
    pub fn actors(&self) -> Vec<Actor> {
        self.lx.actors_in(self)
    }

    /// Sources the article cites (see [`Lexicon::sources`]).
    pub fn sources(&self, outlet: Option<&str>) -> Vec<Entity> {
        self.lx.sources_in(self, outlet)
    }

    /// Named persons (see [`Lexicon::persons`]).
    pub fn persons(&self, authors: &[String], exclude: &[Span]) -> Vec<Entity> {
        self.lx.persons_in(self, authors, exclude)
    }
}

/// The surface form of a hit as written, for `terms` and names: proclitics
/// removed, `لل` restored to `ال`, tatweel and quotation marks removed, spaces
/// collapsed.
pub(crate) fn surface(a: &Analysis, hit: &Hit) -> String {
    let raw = a.slice(hit.span);
    let mut out = String::with_capacity(raw.len());
    let ll = hit.article && !raw.starts_with('ا') && !raw.starts_with('أ') && !raw.starts_with('ٱ');
    if ll {
        out.push('ا');
    }
    out.push_str(&tidy(raw));
    out
}

/// Removes tatweel, quotation marks and brackets, and collapses whitespace.
pub(crate) fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if c == 'ـ'
            || matches!(
                c,
                '"' | '«' | '»' | '“' | '”' | '„' | '\'' | '(' | ')' | '‘' | '’'
            )
        {
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
    use rasad_text::PhraseMatcher;

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
        assert_eq!(tidy(""), "");
    }

    #[test]
    fn one_scan_serves_every_reader() {
        let lx = Lexicon::bundled();
        let a = Analysis::new(
            "قال المرصد السوري لحقوق الإنسان إن قوات النظام قصفت مواقع التنظيم.",
            vec![],
        );
        let sc = lx.scan(&a);
        assert_eq!(sc.hits.len(), layer::COUNT);
        assert!(!sc.hits(layer::ACTORS).is_empty());
        assert!(!sc.hits(layer::SOURCES).is_empty());
        assert_eq!(sc.actors(), lx.actors(&a));
        assert_eq!(sc.sources(None), lx.sources(&a, None));
        assert_eq!(sc.actor_mentions(), lx.actor_mentions(&a).as_slice());
        assert!(sc.hits(99).is_empty());
    }
}
