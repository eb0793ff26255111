//! Casualty claims and events, read from the clause with the facts the other
//! stages found.
//!
//! CONTRACT (used by rasad-extract; the implementation is in progress).

use rasad_record::{Casualty, Document, Event};
use rasad_text::Analysis;

/// Reads casualty claims and events. `doc` carries everything found so far
/// (published, places, actors, persons, sources, times, quantities, with spans).
pub fn extract(a: &Analysis, doc: &Document) -> (Vec<Casualty>, Vec<Event>) {
    let _ = (a, doc);
    (Vec::new(), Vec::new())
}
