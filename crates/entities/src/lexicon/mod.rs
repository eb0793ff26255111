//! The bundled knowledge, loaded once, one part per concern:
//! - `ActorLexicon`: `data/actors` (terms, country cues, code roles, context
//!   words);
//! - `SourceLexicon`: `data/sources` (named sources, citing frames, open-class
//!   bodies);
//! - `NameLexicon`: `data/names` (given names, kunyas, titles, well-known
//!   persons).
//!
//! Their phrases share one [`PhraseMatcher`], one layer each, so a document's
//! tokens are matched once.

mod actors;
mod names;
mod sources;

pub(crate) use actors::ActorLexicon;
pub use actors::{ActorGroup, Cue, Rule, Side};
pub use names::FamousDef;
pub(crate) use names::{NameLexicon, PersonWords};
pub use sources::SourceDef;
pub(crate) use sources::SourceLexicon;

use rasad_text::phrase::Gap;
use rasad_text::PhraseMatcher;

const ACTORS: &str = include_str!("../../../../data/actors/actors.toml");
const SOURCES: &str = include_str!("../../../../data/sources/sources.toml");
const FAMOUS: &str = include_str!("../../../../data/names/famous.toml");

/// The bundled actor dictionary, source list and name lexicons.
#[derive(Debug)]
pub struct Lexicon {
    /// Every dictionary, one layer each (see `layer.rs`): actor phrases
    /// → group index, country cues → cue index, sources → source index,
    /// self-citations, titles, famous names → famous index.
    pub(crate) matcher: PhraseMatcher,
    /// What the actor rules read.
    pub(crate) actor: ActorLexicon,
    /// What the source rules read.
    pub(crate) source: SourceLexicon,
    /// What the person rules read.
    pub(crate) name: NameLexicon,
}

impl Lexicon {
    /// The lexicon bundled in the binary. The data is checked by the tests, so
    /// a malformed file fails the build's test run, never a document.
    pub fn bundled() -> Self {
        Self::from_sources(ACTORS, SOURCES, FAMOUS).expect("bundled data parses")
    }

    /// Builds a lexicon from the texts of the TOML files (names lists bundled).
    pub fn from_sources(
        actors: &str,
        sources: &str,
        famous: &str,
    ) -> Result<Self, toml::de::Error> {
        // Quotation marks may stand between the words of a phrase
        // (`قوات "سوريا الديمقراطية"`).
        let mut matcher = PhraseMatcher::with_gap(Gap::Quoted);
        let actor = ActorLexicon::load(actors, &mut matcher)?;
        let source = SourceLexicon::load(sources, &mut matcher)?;
        let name = NameLexicon::load(famous, &mut matcher)?;
        Ok(Lexicon {
            matcher,
            actor,
            source,
            name,
        })
    }

    /// The English label of an actor code.
    pub fn label<'a>(&'a self, code: &'a str) -> &'a str {
        self.actor
            .codes
            .get(code)
            .map(String::as_str)
            .unwrap_or(code)
    }

    /// The actor groups of the dictionary (for review tools and the events
    /// engineer: type, side, affiliation and note of each term group).
    pub fn groups(&self) -> &[ActorGroup] {
        &self.actor.groups
    }

    /// The named sources of the dictionary.
    pub fn source_defs(&self) -> &[SourceDef] {
        &self.source.defs
    }
}
