//! The source part of the lexicon: `data/sources/sources.toml` (named
//! sources, citing frames, open-class bodies) and `data/sources/frames.words`
//! (the small words of citing frames).

use crate::keys::{bundled_words, few, key_set, FewWords};
use crate::layer;
use rasad_text::words::KeySet;
use rasad_text::PhraseMatcher;
use serde::Deserialize;

const FRAMES: &str = include_str!("../../../../data/sources/frames.words");

/// Most words after an open body's head when `[open] max_words` is not set.
const DEFAULT_OPEN_WORDS: usize = 5;

/// One named source of `data/sources/sources.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct SourceDef {
    /// Stable id (`SOHR`).
    pub id: String,
    /// Canonical Arabic name.
    pub name: String,
    /// monitor | agency | outlet | official | ngo | generic
    pub kind: String,
    /// Side of the source.
    #[serde(default)]
    pub side: Option<String>,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Only cited with a head word (صحيفة الوطن).
    #[serde(default)]
    pub needs_head: bool,
    /// Only cited through a statement (بيان).
    #[serde(default)]
    pub needs_statement: bool,
    /// Generic signature only (`المصدر: وكالات`).
    #[serde(default)]
    pub signature_only: bool,
    /// Editor's note.
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
struct SourceFile {
    source: Vec<SourceDef>,
    #[serde(default)]
    open: OpenDef,
    #[serde(default)]
    citing: CitingDef,
}

/// Open-class official bodies cited by a verb (`[open]` of sources.toml).
#[derive(Debug, Default, Deserialize)]
struct OpenDef {
    #[serde(default)]
    heads: Vec<String>,
    #[serde(default)]
    spokesman: Vec<String>,
    #[serde(default)]
    stops: Vec<String>,
    #[serde(default)]
    max_words: usize,
}

/// The citing-frame word lists (`[citing]` of sources.toml).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CitingDef {
    before: Vec<String>,
    after: Vec<String>,
    speech: Vec<String>,
    reporters: Vec<String>,
    outlet_heads: Vec<String>,
    statement: Vec<String>,
    units: Vec<String>,
    place_heads: Vec<String>,
    self_cites: Vec<String>,
}

/// `[open]` in key form.
#[derive(Debug, Default)]
pub(crate) struct OpenSources {
    /// Head nouns of bodies (`وزارة`، `مديرية`، `منظمة`).
    pub heads: KeySet,
    /// Spokesman nouns before `باسم` (`المتحدث باسم وزارة …`).
    pub spokesman: KeySet,
    /// Words that end the name (`في`، `أن`، `بيان`، weekdays).
    pub stops: KeySet,
    /// Most words after the head.
    pub max_words: usize,
}

/// `[citing]` in key form.
#[derive(Debug)]
pub(crate) struct Citing {
    /// Citing words looked for before a source (`قال`، `بحسب`), and right
    /// before an official body the list does not know.
    pub before: KeySet,
    /// Citing verbs right after a source (`المرصد وثق`).
    pub after: KeySet,
    /// Speech verbs that make a person or an actor a source (`قال`، `أعلن`).
    pub speech: KeySet,
    /// Reporter nouns in construct with a source (`مراسل سانا`).
    pub reporters: KeySet,
    /// Head words that introduce an outlet's name (`صحيفة`).
    pub outlet_heads: KeySet,
    /// Words that mark a statement of an actor-source (`بيان`).
    pub statement: KeySet,
    /// Numbered units named as bodies (`اللواء 30`); without a number a rank.
    pub units: KeySet,
    /// Heads of bodies that, after `مصدر في`, say where the source works.
    pub place_heads: KeySet,
}

/// The sections of `data/sources/frames.words`.
#[derive(Debug)]
pub(crate) struct FrameWords {
    /// After a citing verb, before the body (`نقلت عن`، `أفادت به`).
    pub citing_particles: FewWords,
    /// `صادر` of `بيان صادر عن وزارة …`.
    pub issued: FewWords,
    /// `عن` of `بيان صادر عن وزارة …`.
    pub issued_by: FewWords,
    /// `باسم` of `المتحدث باسم …`.
    pub on_behalf: FewWords,
    /// Nouns of an unnamed source (`مصدر`، `مصادر`).
    pub source_nouns: FewWords,
    /// Nouns of an unnamed official (`عضو`), which, like a source noun, end a
    /// quoting frame.
    pub officials: FewWords,
    /// `في` of `مصدر في X`.
    pub within: FewWords,
    /// Words that begin a clause (`أن`، `الذي`): a quoting frame ends there.
    pub clause: FewWords,
    /// Stop words an apposition lets through (`المتحدث باسم`، `الرسمي`).
    pub apposition: FewWords,
}

impl FrameWords {
    fn bundled() -> FrameWords {
        let w = bundled_words(FRAMES);
        FrameWords {
            citing_particles: few(&w, "citing_particles"),
            issued: few(&w, "issued"),
            issued_by: few(&w, "issued_by"),
            on_behalf: few(&w, "on_behalf"),
            source_nouns: few(&w, "source_nouns"),
            officials: few(&w, "officials"),
            within: few(&w, "within"),
            clause: few(&w, "clause"),
            apposition: few(&w, "apposition"),
        }
    }
}

/// Everything the source rules read.
#[derive(Debug)]
pub(crate) struct SourceLexicon {
    /// The named sources (ids of the source layer).
    pub defs: Vec<SourceDef>,
    /// Open-class official bodies.
    pub open: OpenSources,
    /// Citing frames.
    pub citing: Citing,
    /// The small words of citing frames.
    pub frames: FrameWords,
}

impl SourceLexicon {
    /// Reads `sources.toml`, adding named sources and self-citations to
    /// `matcher`.
    pub fn load(text: &str, matcher: &mut PhraseMatcher) -> Result<Self, toml::de::Error> {
        let sf: SourceFile = toml::from_str(text)?;
        for (i, s) in sf.source.iter().enumerate() {
            matcher.insert_in(layer::SOURCES, &s.name, i);
            for al in &s.aliases {
                matcher.insert_in(layer::SOURCES, al, i);
            }
        }
        for p in &sf.citing.self_cites {
            matcher.insert_in(layer::SELF_CITES, p, 0);
        }
        Ok(SourceLexicon {
            defs: sf.source,
            open: open_sources(&sf.open),
            citing: citing(&sf.citing),
            frames: FrameWords::bundled(),
        })
    }
}

fn open_sources(o: &OpenDef) -> OpenSources {
    OpenSources {
        heads: key_set(&o.heads),
        spokesman: key_set(&o.spokesman),
        stops: key_set(&o.stops),
        max_words: if o.max_words == 0 {
            DEFAULT_OPEN_WORDS
        } else {
            o.max_words
        },
    }
}

fn citing(d: &CitingDef) -> Citing {
    Citing {
        before: key_set(&d.before),
        after: key_set(&d.after),
        speech: key_set(&d.speech),
        reporters: key_set(&d.reporters),
        outlet_heads: key_set(&d.outlet_heads),
        statement: key_set(&d.statement),
        units: key_set(&d.units),
        place_heads: key_set(&d.place_heads),
    }
}
