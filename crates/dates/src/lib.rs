//! Arabic dates and times: Gregorian (both month-name families), Hijri, numeric
//! and relative expressions, resolved to TIMEX3 values.
//!
//! CONTRACT (used by rasad-extract; the implementation is in progress).

use rasad_record::{Span, Time, TimeMention};
use rasad_text::Analysis;

/// What the tagger knows about the document besides its text.
#[derive(Debug, Clone)]
pub struct DateContext {
    /// The date the documents were collected (`--reference-date`).
    pub reference: jiff::civil::Date,
    /// Publication time from metadata, as written; always wins over inference.
    pub published: Option<String>,
    /// The dateline span found by cleaning, if any.
    pub dateline: Option<Span>,
}

/// Time expressions of a document and its publication time.
#[derive(Debug, Clone, Default)]
pub struct TimeResult {
    pub published: Option<Time>,
    pub mentions: Vec<TimeMention>,
}

/// Finds and resolves every date or time expression in the body and the
/// dateline, and the publication time.
pub fn tag_times(a: &Analysis, ctx: &DateContext) -> TimeResult {
    let _ = (a, ctx);
    TimeResult::default()
}
