//! Actors, persons and cited sources of Arabic conflict news.
//!
//! Knowledge is data, bundled at build time and compiled once by
//! [`Lexicon::bundled`]:
//! - `data/actors/`: every actor term → spec actor code, with type, side,
//!   affiliation, note and a resolution rule, the codes' roles, and the words
//!   read around a term (see [`actors`]);
//! - `data/sources/`: named sources with stable ids, citing frames (see
//!   [`sources`]);
//! - `data/names/`: given names, kunya heads, titles, stop words, well-known
//!   persons, the words read around names (see [`persons`]).
//!
//! Per document, [`Lexicon::actors`] (or the per-mention
//! [`Lexicon::actor_mentions`]), [`Lexicon::sources`] and [`Lexicon::persons`]
//! read an [`rasad_text::Analysis`] and report spans of the original text. No
//! input makes them panic. A pipeline that wants all three calls
//! [`Lexicon::scan`] once and reads them from the [`Scan`]: every dictionary is
//! one layer of a single phrase matcher, so the document's tokens are matched
//! once and the actor mentions resolved once.
//!
//! Modules depend one way: `keys`, `layer`, `hits` and `kunya` on nothing of
//! the crate but each other's lower ones; [`lexicon`] on those; the readers
//! [`actors`], [`persons`] and [`sources`] on the lexicon (sources also on
//! actors and persons); [`scan`] on all of them.

pub mod actors;
mod covering;
mod hits;
mod keys;
pub mod kunya;
mod layer;
pub mod lexicon;
pub mod persons;
pub mod scan;
pub mod sources;

pub use actors::{ActorMention, MentionKind};
pub use lexicon::{ActorGroup, Lexicon, Rule, Side, SourceDef};
pub use scan::Scan;
