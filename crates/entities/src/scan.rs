//! One pass of every entity dictionary over a document, read by actors,
//! sources and persons.
//!
//! [`Lexicon::scan`] matches the tokens once (see `hits.rs`); the actor
//! mentions, which sources need too, are resolved once, on first use.

use crate::actors::{self, ActorMention};
use crate::hits::Hits;
use crate::layer;
use crate::lexicon::Lexicon;
use crate::{persons, sources};
use rasad_record::{Actor, Entity, Span};
use rasad_text::Analysis;
use std::cell::OnceCell;

/// The entity dictionaries' hits in one document; actors, sources and
/// persons are read from it. Build it with [`Lexicon::scan`].
pub struct Scan<'l, 'a> {
    lx: &'l Lexicon,
    hits: Hits<'a>,
    mentions: OnceCell<Vec<ActorMention>>,
}

impl Lexicon {
    /// Matches every dictionary of the lexicon over `a` in one pass.
    pub fn scan<'l, 'a>(&'l self, a: &'a Analysis) -> Scan<'l, 'a> {
        Scan {
            lx: self,
            hits: Hits::new(&self.matcher, a, layer::COUNT),
            mentions: OnceCell::new(),
        }
    }

    /// Every actor mention of the body, in text order, after coreference of
    /// التنظيم/التحالف/الهيئة/الحشد (referring back to a named actor) and the
    /// context resolution of الجيش/النظام/القوات الكردية.
    ///
    /// For the events engineer: `span` is the term itself (no proclitic),
    /// `kind` tells a name from an anaphor or a context guess, `side` which
    /// press uses the term.
    pub fn actor_mentions(&self, a: &Analysis) -> Vec<ActorMention> {
        self.scan(a).actor_mentions().to_vec()
    }

    /// Every distinct actor the body mentions, once per code, in order of first
    /// mention, with the distinct terms used for it.
    pub fn actors(&self, a: &Analysis) -> Vec<Actor> {
        self.scan(a).actors()
    }

    /// Sources the article cites, once each, in order of first citation;
    /// `outlet` is the publishing outlet (self-citations resolve to it).
    pub fn sources(&self, a: &Analysis, outlet: Option<&str>) -> Vec<Entity> {
        self.scan(a).sources(outlet)
    }

    /// Named persons; `authors` are bylines found by cleaning; `exclude` are
    /// spans already taken by places, actors or sources.
    pub fn persons(&self, a: &Analysis, authors: &[String], exclude: &[Span]) -> Vec<Entity> {
        self.scan(a).persons(authors, exclude)
    }
}

impl<'l, 'a> Scan<'l, 'a> {
    /// The document scanned.
    pub fn analysis(&self) -> &'a Analysis {
        self.hits.a
    }

    /// Every actor mention of the body (see [`Lexicon::actor_mentions`]),
    /// resolved on first use.
    pub fn actor_mentions(&self) -> &[ActorMention] {
        self.mentions
            .get_or_init(|| actors::mentions(self.lx, &self.hits))
    }

    /// Every distinct actor of the body (see [`Lexicon::actors`]).
    pub fn actors(&self) -> Vec<Actor> {
        actors::distinct(self.lx, self.actor_mentions())
    }

    /// Sources the article cites (see [`Lexicon::sources`]).
    pub fn sources(&self, outlet: Option<&str>) -> Vec<Entity> {
        sources::cited(self.lx, &self.hits, self.actor_mentions(), outlet)
    }

    /// Named persons (see [`Lexicon::persons`]).
    pub fn persons(&self, authors: &[String], exclude: &[Span]) -> Vec<Entity> {
        persons::named(self.lx, &self.hits, authors, exclude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_scan_serves_every_reader() {
        let lx = Lexicon::bundled();
        let a = Analysis::new(
            "قال المرصد السوري لحقوق الإنسان إن قوات النظام قصفت مواقع التنظيم.",
            vec![],
        );
        let sc = lx.scan(&a);
        assert_eq!(sc.hits.count(), layer::COUNT);
        assert!(!sc.hits.of(layer::ACTORS).is_empty());
        assert!(!sc.hits.of(layer::SOURCES).is_empty());
        assert_eq!(sc.actors(), lx.actors(&a));
        assert_eq!(sc.sources(None), lx.sources(&a, None));
        assert_eq!(sc.actor_mentions(), lx.actor_mentions(&a).as_slice());
        assert!(sc.hits.of(99).is_empty());
    }
}
