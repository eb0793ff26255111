//! The gazetteer: Arabic place names, matched on clitic-split tokens and
//! resolved in context.
//!
//! CONTRACT (used by rasad-extract; the implementation is in progress).

use rasad_record::{Entity, Span};
use rasad_text::Analysis;

/// A loaded gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    /// The gazetteer bundled in the binary.
    pub fn bundled() -> Self {
        Gazetteer {}
    }

    /// Every distinct place the body mentions, once each with all its spans.
    /// Matches overlapping `exclude` (actor names such as قوات سوريا
    /// الديمقراطية) are not places.
    pub fn places(&self, a: &Analysis, exclude: &[Span]) -> Vec<Entity> {
        let _ = (a, exclude);
        Vec::new()
    }
}
