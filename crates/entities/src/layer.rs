//! Layers of the entity matcher: every dictionary of the lexicon is one layer
//! of a single [`rasad_text::PhraseMatcher`], matched in one pass.

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
