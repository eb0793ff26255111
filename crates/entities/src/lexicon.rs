//! Loading the bundled knowledge (`data/actors`, `data/sources`, `data/names`)
//! into matchers and sets, once.

use crate::scan::layer;
use rasad_text::clitic::strip_article;
use rasad_text::phrase::Gap;
use rasad_text::PhraseMatcher;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

const ACTORS: &str = include_str!("../../../data/actors/actors.toml");
pub(crate) const SOURCES: &str = include_str!("../../../data/sources/sources.toml");
const MALE: &str = include_str!("../../../data/names/male.txt");
const FEMALE: &str = include_str!("../../../data/names/female.txt");
const DIVINE: &str = include_str!("../../../data/names/divine.txt");
const AMBIGUOUS: &str = include_str!("../../../data/names/ambiguous.txt");
const KUNYA: &str = include_str!("../../../data/names/kunya.txt");
const TITLES: &str = include_str!("../../../data/names/titles.txt");
const STOP: &str = include_str!("../../../data/names/stop.txt");
const NOT_PERSONS: &str = include_str!("../../../data/names/not_persons.txt");
const FAMOUS: &str = include_str!("../../../data/names/famous.toml");

/// How a dictionary match of an actor term becomes a mention (see
/// `data/actors/actors.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Always a mention.
    #[default]
    Name,
    /// Refers back to its code once named (التنظيم، التحالف، الهيئة، الحشد).
    Anaphor,
    /// A bare army word, resolved to the national army the article is about.
    Army,
    /// Bare النظام: SYR_GOV in an article about Syria.
    Regime,
    /// Generic Kurdish forces: SDF, or KRG in an article about Iraqi Kurdistan.
    Kurdish,
    /// The coalition: US-led unless the article is about Yemen.
    Coalition,
    /// A country name: an actor only next to an attack word.
    State,
    /// Civilians: only as victims.
    Victim,
    /// A Syrian-only name that other places use too (bare الجيش الوطني, the
    /// PKK as the SDF): a mention unless the article is about Iraq or another
    /// war (Yemen, Libya, Sudan) and names nothing Syrian.
    Syrian,
    /// A word a press uses for one actor only when the article is about that
    /// actor's theatre (العدو، طائرة معادية for Israel; المقاومة الإسلامية for
    /// Hezbollah): a mention when the article names the code explicitly or
    /// carries the group's `cue` (`israel`, `lebanon`).
    Cued,
    /// Bare الجيش الوطني: the SNA in Syria, YEMEN_GOV in an article about
    /// Yemen, LNA in one about Libya, nothing in another war.
    National,
    /// Bare القاعدة (also "the base", "the rule"): al-Qaeda when quoted or
    /// next to another jihadist name, in an article that names no base.
    Qaeda,
    /// Not an actor: shadows shorter terms inside it.
    Block,
    /// Not an actor: a context cue.
    Cue,
}

/// The side whose press uses a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Pro-government (Damascus, its allies).
    Loyalist,
    /// Syrian opposition media.
    Opposition,
    /// Kurdish media.
    Kurdish,
    /// Used by everyone.
    #[default]
    Neutral,
    /// The jihadists' own wording.
    Jihadist,
}

#[derive(Debug, Deserialize)]
struct ActorFile {
    codes: FxHashMap<String, String>,
    group: Vec<GroupDef>,
    compose: ComposeDef,
    cues: FxHashMap<String, Vec<String>>,
    followers: FollowersDef,
    victim: VictimDef,
}

#[derive(Debug, Deserialize)]
struct GroupDef {
    code: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    side: Side,
    #[serde(default)]
    rule: Rule,
    #[serde(default)]
    cue: Option<String>,
    #[serde(default)]
    affiliation: Option<String>,
    #[serde(default)]
    indefinite: bool,
    #[serde(default)]
    note: String,
    terms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ComposeDef {
    nouns: Vec<String>,
    nation: Vec<NationDef>,
}

#[derive(Debug, Deserialize)]
struct NationDef {
    code: String,
    adjectives: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct FollowersDef {
    allowed: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct VictimDef {
    harm: Vec<String>,
    witness: Vec<String>,
    window: usize,
}

/// One actor group of the dictionary: what its terms share.
#[derive(Debug, Clone)]
pub struct ActorGroup {
    /// Actor code (`ISIS`, … or `NONE` for blocks and cues).
    pub code: String,
    /// Actor type (`state_forces`, `jihadist`, …).
    pub kind: String,
    /// Side whose press uses these terms.
    pub side: Side,
    /// Resolution rule.
    pub rule: Rule,
    /// Context cue name for `Cue` groups.
    pub cue: Option<String>,
    /// Affiliation (`IRAN`, `IRGC`, `TURKEY`).
    pub affiliation: Option<String>,
    /// The terms never take the article (حماس, not الحماس "enthusiasm").
    pub indefinite: bool,
    /// Editor's note.
    pub note: String,
}

#[derive(Debug, Deserialize)]
struct SourceFile {
    source: Vec<SourceDef>,
    #[serde(default)]
    open: OpenDef,
}

/// Open-class official bodies cited by a verb (`[open]` of sources.toml).
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct OpenDef {
    /// Citing words right before the body (`قالت`، `بحسب`).
    #[serde(default)]
    pub citing: Vec<String>,
    /// Head nouns of bodies (`وزارة`، `مديرية`، `منظمة`).
    #[serde(default)]
    pub heads: Vec<String>,
    /// Spokesman nouns before `باسم` (`المتحدث باسم وزارة …`).
    #[serde(default)]
    pub spokesman: Vec<String>,
    /// Words that end the name (`في`، `أن`، `بيان`، weekdays).
    #[serde(default)]
    pub stops: Vec<String>,
    /// Most words after the head.
    #[serde(default)]
    pub max_words: usize,
}

/// `OpenDef` in key form.
#[derive(Debug, Default)]
pub(crate) struct OpenSources {
    pub citing: FxHashSet<String>,
    pub heads: FxHashSet<String>,
    pub spokesman: FxHashSet<String>,
    pub stops: FxHashSet<String>,
    pub max_words: usize,
}

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
struct FamousFile {
    person: Vec<FamousDef>,
}

/// A well-known person.
#[derive(Debug, Clone, Deserialize)]
pub struct FamousDef {
    /// Canonical name.
    pub name: String,
    /// Full alternative names (always recognized).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Short forms recognized only after the full name appeared.
    #[serde(default)]
    pub short: Vec<String>,
    /// Editor's note.
    #[serde(default)]
    pub note: String,
}

/// Country cue kinds counted for the context rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// Syria.
    Syria,
    /// Iraq.
    Iraq,
    /// Iraqi Kurdistan.
    Kurdistan,
    /// Israel/Palestine.
    Israel,
    /// Turkey.
    Turkey,
    /// Lebanon (Hezbollah's theatre).
    Lebanon,
    /// Yemen (the Saudi-led coalition, the Houthis).
    Yemen,
    /// Libya.
    Libya,
    /// Egypt.
    Egypt,
    /// A war outside the spec's theatres (Yemen, Libya, Sudan).
    Elsewhere,
}

/// The bundled actor dictionary, source list and name lexicons.
#[derive(Debug)]
pub struct Lexicon {
    pub(crate) codes: FxHashMap<String, String>,
    pub(crate) groups: Vec<ActorGroup>,
    /// Every dictionary, one layer each (see [`crate::scan::layer`]): actor
    /// phrases → group index, country cues → cue index, sources → source
    /// index, self-citations, titles, famous names → famous index.
    pub(crate) matcher: PhraseMatcher,
    pub(crate) cue_kinds: Vec<Cue>,
    pub(crate) followers: FxHashSet<String>,
    pub(crate) harm: FxHashSet<String>,
    pub(crate) witness: FxHashSet<String>,
    pub(crate) victim_window: usize,
    pub(crate) attack: FxHashSet<String>,
    pub(crate) sources: Vec<SourceDef>,
    /// Open-class official bodies.
    pub(crate) open: OpenSources,
    pub(crate) given: FxHashSet<String>,
    /// Words a name can start with: kunya heads, given names that are not
    /// stop words, and `عبد` (one lookup per token instead of four).
    pub(crate) name_starts: FxHashSet<String>,
    pub(crate) ambiguous: FxHashSet<String>,
    pub(crate) divine: FxHashSet<String>,
    pub(crate) kunya: FxHashSet<String>,
    pub(crate) stop: FxHashSet<String>,
    pub(crate) not_persons: FxHashSet<String>,
    pub(crate) famous: Vec<FamousDef>,
}

/// Key form of a word or phrase (folded, spaces collapsed).
pub(crate) fn key(s: &str) -> String {
    let folded = rasad_text::key(s);
    // Most keys have nothing to collapse.
    let tidy = !folded.starts_with(char::is_whitespace)
        && !folded.ends_with(char::is_whitespace)
        && !folded.char_indices().any(|(b, c)| {
            c.is_whitespace() && (c != ' ' || folded[b + 1..].starts_with(char::is_whitespace))
        });
    if tidy {
        return folded;
    }
    let mut out = String::with_capacity(folded.len());
    for w in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn key_set(s: &str) -> FxHashSet<String> {
    lines(s).map(key).collect()
}

/// Attack words for the `state` rule (a country as the author of an attack).
const ATTACK: &[&str] = &[
    "قصف",
    "قصفت",
    "تقصف",
    "يقصف",
    "غارة",
    "غارات",
    "غارتين",
    "شن",
    "شنت",
    "تشن",
    "يشن",
    "استهدف",
    "استهدفت",
    "تستهدف",
    "يستهدف",
    "ضربة",
    "ضربات",
    "هجوم",
    "هجمات",
    "عدوان",
    "اعتداء",
    "اعتداءات",
    "قصفها",
    "غاراتها",
    "هاجمت",
    "هاجم",
];

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
        let af: ActorFile = toml::from_str(actors)?;
        let sf: SourceFile = toml::from_str(sources)?;
        let ff: FamousFile = toml::from_str(famous)?;

        let mut groups = Vec::new();
        let mut matcher = PhraseMatcher::with_gap(Gap::Quoted);
        for g in af.group {
            let gi = groups.len();
            for t in &g.terms {
                matcher.insert_in(layer::ACTORS, t, gi);
            }
            groups.push(ActorGroup {
                code: g.code,
                kind: g.kind,
                side: g.side,
                rule: g.rule,
                cue: g.cue,
                affiliation: g.affiliation,
                indefinite: g.indefinite,
                note: g.note,
            });
        }
        for n in &af.compose.nation {
            let gi = groups.len();
            groups.push(ActorGroup {
                code: n.code.clone(),
                kind: "external_forces".into(),
                side: Side::Neutral,
                rule: Rule::Name,
                cue: None,
                affiliation: None,
                indefinite: false,
                note: "military noun + nationality".into(),
            });
            for noun in &af.compose.nouns {
                for adj in &n.adjectives {
                    let p = format!("{noun} {adj}");
                    // Explicit groups were inserted first and keep their phrases.
                    if matcher.lookup_in(layer::ACTORS, &p).is_none() {
                        matcher.insert_in(layer::ACTORS, &p, gi);
                    }
                }
            }
        }

        let mut cue_kinds = Vec::new();
        for (name, words) in &af.cues {
            let kind = match name.as_str() {
                "syria" => Cue::Syria,
                "iraq" => Cue::Iraq,
                "kurdistan" => Cue::Kurdistan,
                "israel" => Cue::Israel,
                "turkey" => Cue::Turkey,
                "lebanon" => Cue::Lebanon,
                "yemen" => Cue::Yemen,
                "libya" => Cue::Libya,
                "egypt" => Cue::Egypt,
                "elsewhere" => Cue::Elsewhere,
                _ => continue,
            };
            for w in words {
                matcher.insert_in(layer::CUES, w, cue_kinds.len());
                cue_kinds.push(kind);
            }
        }

        for (i, s) in sf.source.iter().enumerate() {
            matcher.insert_in(layer::SOURCES, &s.name, i);
            for al in &s.aliases {
                matcher.insert_in(layer::SOURCES, al, i);
            }
        }
        for p in &crate::sources::citing_def().self_cites {
            matcher.insert_in(layer::SELF_CITES, p, 0);
        }

        let mut given = key_set(MALE);
        given.extend(key_set(FEMALE));
        let divine = key_set(DIVINE);
        for d in &divine {
            given.insert(format!("عبد{d}"));
        }
        for t in lines(TITLES) {
            matcher.insert_in(layer::TITLES, t, 0);
        }
        for (i, f) in ff.person.iter().enumerate() {
            matcher.insert_in(layer::FAMOUS, &f.name, i);
            for al in &f.aliases {
                matcher.insert_in(layer::FAMOUS, al, i);
            }
        }
        let kunya = key_set(KUNYA);
        let stop = key_set(STOP);
        let name_starts: FxHashSet<String> = kunya
            .iter()
            .chain(given.iter().filter(|g| !stop.contains(*g)))
            .cloned()
            .chain(std::iter::once("عبد".to_string()))
            .collect();
        let bare_set = |v: &[String]| -> FxHashSet<String> {
            v.iter()
                .map(|w| strip_article(&key(w)).to_string())
                .collect()
        };
        Ok(Lexicon {
            codes: af.codes,
            groups,
            matcher,
            cue_kinds,
            followers: af.followers.allowed.iter().map(|w| key(w)).collect(),
            harm: bare_set(&af.victim.harm),
            witness: bare_set(&af.victim.witness),
            victim_window: af.victim.window,
            attack: ATTACK.iter().map(|w| key(w)).collect(),
            sources: sf.source,
            open: {
                let f = |v: &[String]| -> FxHashSet<String> { v.iter().map(|w| key(w)).collect() };
                OpenSources {
                    citing: f(&sf.open.citing),
                    heads: f(&sf.open.heads),
                    spokesman: f(&sf.open.spokesman),
                    stops: f(&sf.open.stops),
                    max_words: if sf.open.max_words == 0 {
                        5
                    } else {
                        sf.open.max_words
                    },
                }
            },
            name_starts,
            given,
            ambiguous: key_set(AMBIGUOUS),
            divine,
            kunya,
            stop,
            not_persons: lines(NOT_PERSONS).map(crate::kunya::person_key).collect(),
            famous: ff.person,
        })
    }

    /// The English label of an actor code.
    pub fn label<'a>(&'a self, code: &'a str) -> &'a str {
        self.codes.get(code).map(String::as_str).unwrap_or(code)
    }

    /// The actor groups of the dictionary (for review tools and the events
    /// engineer: type, side, affiliation and note of each term group).
    pub fn groups(&self) -> &[ActorGroup] {
        &self.groups
    }

    /// The named sources of the dictionary.
    pub fn source_defs(&self) -> &[SourceDef] {
        &self.sources
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_collapse_whitespace() {
        for (raw, want) in [
            ("قوات  النظام", "قوات النظام"),
            (" قوات\tالنظام\n", "قوات النظام"),
            ("قوات النظام", "قوات النظام"),
            ("أبو\u{a0}محمد", "ابو محمد"),
            ("", ""),
            ("  ", ""),
        ] {
            assert_eq!(key(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn name_starts_are_kunyas_and_unstopped_given_names() {
        let lx = Lexicon::bundled();
        for w in lx.name_starts.iter() {
            let ok = lx.kunya.contains(w)
                || (lx.given.contains(w) && !lx.stop.contains(w))
                || w == "عبد";
            assert!(ok, "{w}");
        }
        for g in lx.given.iter().filter(|g| !lx.stop.contains(*g)) {
            assert!(lx.name_starts.contains(g), "{g}");
        }
        assert!(lx.kunya.iter().all(|k| lx.name_starts.contains(k)));
        assert!(lx.name_starts.contains("عبد"));
    }
}
