//! Actors, persons and cited sources.
//!
//! CONTRACT (used by rasad-extract; the implementation is in progress).

use rasad_record::{Actor, Entity, Span};
use rasad_text::Analysis;

/// The bundled actor dictionary, source list and name lexicons.
#[derive(Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    /// The lexicon bundled in the binary.
    pub fn bundled() -> Self {
        Lexicon {}
    }
    /// Every distinct actor the body mentions, with the terms used for it.
    pub fn actors(&self, a: &Analysis) -> Vec<Actor> {
        let _ = a;
        Vec::new()
    }
    /// Named persons; `authors` are bylines found by cleaning; `exclude` are
    /// spans already taken by places or actors.
    pub fn persons(&self, a: &Analysis, authors: &[String], exclude: &[Span]) -> Vec<Entity> {
        let _ = (a, authors, exclude);
        Vec::new()
    }
    /// Sources the article cites; `outlet` is the publishing outlet.
    pub fn sources(&self, a: &Analysis, outlet: Option<&str>) -> Vec<Entity> {
        let _ = (a, outlet);
        Vec::new()
    }
}
