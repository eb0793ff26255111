//! Actors, persons and cited sources of Arabic conflict news.
//!
//! Knowledge is data, bundled at build time and compiled once by
//! [`Lexicon::bundled`]:
//! - `data/actors/actors.toml`: every actor term → spec actor code, with type,
//!   side, affiliation, note and a resolution rule (see [`actors`]);
//! - `data/sources/sources.toml`: named sources with stable ids (see [`sources`]);
//! - `data/names/`: given names, kunya heads, titles, stop words, well-known
//!   persons (see [`persons`]).
//!
//! Per document, [`Lexicon::actors`] (or the per-mention
//! [`Lexicon::actor_mentions`]), [`Lexicon::sources`] and [`Lexicon::persons`]
//! read an [`rasad_text::Analysis`] and report spans of the original text. No
//! input makes them panic. A pipeline that wants all three calls
//! [`Lexicon::scan`] once and reads them from the [`Scan`]: every dictionary is
//! one layer of a single phrase matcher, so the document's tokens are matched
//! once and the actor mentions resolved once.

pub mod actors;
pub mod kunya;
pub mod lexicon;
pub mod persons;
pub mod scan;
pub mod sources;

pub use actors::{ActorMention, MentionKind};
pub use lexicon::{ActorGroup, Lexicon, Rule, Side, SourceDef};
pub use scan::Scan;
