//! The actor part of the lexicon: `data/actors/actors.toml` (terms, country
//! cues, code roles) and `data/actors/context.words` (words read around a
//! term).

use crate::keys::{bundled_words, few, key, key_set, FewWords};
use crate::layer;
use rasad_text::clitic::strip_article;
use rasad_text::words::{Key, KeySet};
use rasad_text::PhraseMatcher;
use rustc_hash::FxHashMap;
use serde::Deserialize;

const CONTEXT: &str = include_str!("../../../../data/actors/context.words");

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
    /// A head of state or government named by nationality (`الرئيس
    /// المصري`): the country's forces only in an article about that country
    /// (its cues lead), not a foreign leader commenting from afar.
    Home,
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

impl Cue {
    /// The cue of a name of `actors.toml` (`syria`, `elsewhere`).
    pub fn named(name: &str) -> Option<Cue> {
        Some(match name.trim() {
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
            _ => return None,
        })
    }

    /// The cues one sign of `self` counts for: Yemen and Libya are wars
    /// outside Syria and Iraq, so they count as `Elsewhere` too.
    pub(crate) fn counted(self) -> &'static [Cue] {
        match self {
            Cue::Yemen => &[Cue::Yemen, Cue::Elsewhere],
            Cue::Libya => &[Cue::Libya, Cue::Elsewhere],
            Cue::Syria => &[Cue::Syria],
            Cue::Iraq => &[Cue::Iraq],
            Cue::Kurdistan => &[Cue::Kurdistan],
            Cue::Israel => &[Cue::Israel],
            Cue::Turkey => &[Cue::Turkey],
            Cue::Lebanon => &[Cue::Lebanon],
            Cue::Egypt => &[Cue::Egypt],
            Cue::Elsewhere => &[Cue::Elsewhere],
        }
    }
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
    /// The terms name the actor only with the article (النصرة, not نصرة
    /// "support": نصرة لغزة).
    pub definite: bool,
    /// Editor's note.
    pub note: String,
}

#[derive(Debug, Deserialize)]
struct ActorFile {
    codes: FxHashMap<String, String>,
    group: Vec<GroupDef>,
    compose: ComposeDef,
    cues: FxHashMap<String, Vec<String>>,
    followers: FollowersDef,
    victim: VictimDef,
    armies: ArmiesDef,
    theatres: FxHashMap<String, String>,
    roles: Roles,
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
    definite: bool,
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

#[derive(Debug, Deserialize)]
struct ArmiesDef {
    named: Vec<String>,
    by_cue: FxHashMap<String, String>,
}

/// The codes the context rules resolve bare words to (`[roles]`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Roles {
    /// Bare النظام in an article about Syria.
    pub regime: String,
    /// Generic Kurdish forces.
    pub kurdish: String,
    /// Generic Kurdish forces in an article about Iraqi Kurdistan.
    pub kurdistan: String,
    /// The US-led coalition (its anaphor التحالف too).
    pub coalition: String,
    /// The coalition in an article about Yemen.
    pub yemen_coalition: String,
    /// Bare الجيش الوطني in an article about Yemen.
    pub yemen_national: String,
    /// Bare الجيش الوطني in an article about Libya.
    pub libya_national: String,
    /// Codes never quoted as a source.
    pub not_sources: Vec<String>,
}

/// National armies a bare army word may refer to (`[armies]`).
#[derive(Debug, Clone)]
pub(crate) struct Armies {
    /// Codes of national armies.
    pub named: Vec<String>,
    /// The army of a country cue.
    pub by_cue: Vec<(Cue, String)>,
}

/// Words around a civilians term that make it a victim or a witness.
#[derive(Debug)]
pub(crate) struct VictimWords {
    /// Harm words near the term (`مقتل مدنيين`), article stripped.
    pub harm: KeySet,
    /// Speech words right before it (`قال مدنيون`), article stripped.
    pub witness: KeySet,
    /// Most tokens between the term and a harm word.
    pub window: usize,
}

/// The sections of `data/actors/context.words`.
#[derive(Debug)]
pub(crate) struct ContextWords {
    /// Attack words that make a country an actor.
    pub attack: KeySet,
    /// Adjectives that make a bare actor word something else.
    pub adjectives: FewWords,
    /// Words of a military base (bare القاعدة is then no al-Qaeda).
    pub bases: FewWords,
    /// A country right after these is a seat (`ومقره لندن`).
    pub seat_before: FewWords,
    /// `من` of `من لندن مقرا`.
    pub seat_from: FewWords,
    /// `مقرا` of `من لندن مقرا`.
    pub seat_after: FewWords,
    /// Plural nouns in ي (no singular nisba).
    pub plural_nouns: FewWords,
    /// Words next to a country that make it the patron of a force
    /// (`المدعومة من إيران`، `التابعة لإيران`، `بدعم روسيا`).
    pub backing: KeySet,
    /// Verbs right after a country that make it a patron (`إيران تدعم`).
    pub backing_after: FewWords,
    /// `من` between a backing word and the country.
    pub backing_from: FewWords,
    /// Words next to a country that make it the one blamed
    /// (`روسيا تتحمل المسؤولية`، `مسؤولية روسيا`).
    pub blame: KeySet,
    /// Verbs before a country that deny or claim an act (`نفت واشنطن أن
    /// تكون شنت الغارة`).
    pub denial: KeySet,
    /// Adjectives that make a head of state a former one (`المعزول`).
    pub former: FewWords,
    /// Conjunctions that join two actors as separate words (`و`، `أو`).
    pub conjunctions: FewWords,
}

impl ContextWords {
    fn bundled() -> ContextWords {
        let w = bundled_words(CONTEXT);
        ContextWords {
            attack: w.set("attack"),
            adjectives: few(&w, "adjectives"),
            bases: few(&w, "bases"),
            seat_before: few(&w, "seat_before"),
            seat_from: few(&w, "seat_from"),
            seat_after: few(&w, "seat_after"),
            plural_nouns: few(&w, "plural_nouns"),
            backing: w.set("backing"),
            backing_after: few(&w, "backing_after"),
            backing_from: few(&w, "backing_from"),
            blame: w.set("blame"),
            denial: w.set("denial"),
            conjunctions: few(&w, "conjunctions"),
            former: few(&w, "former"),
        }
    }
}

/// Everything the actor rules read: groups, cues, code roles, context words.
#[derive(Debug)]
pub(crate) struct ActorLexicon {
    /// Actor code → English label.
    pub codes: FxHashMap<String, String>,
    /// The dictionary groups (ids of the actor layer).
    pub groups: Vec<ActorGroup>,
    /// The cue kind of each country cue (ids of the cue layer).
    pub cue_kinds: Vec<Cue>,
    /// Words allowed after a bare actor word (`التنظيم الإرهابي`).
    pub followers: KeySet,
    /// Harm and witness words of the victim rule.
    pub victim: VictimWords,
    /// National armies.
    pub armies: Armies,
    /// Codes whose names are cues of a theatre.
    pub theatres: FxHashMap<String, Cue>,
    /// Codes the context rules resolve to.
    pub roles: Roles,
    /// Words read around a term.
    pub words: ContextWords,
}

impl ActorLexicon {
    /// Reads `actors.toml`, adding its terms and cues to `matcher`.
    pub fn load(text: &str, matcher: &mut PhraseMatcher) -> Result<Self, toml::de::Error> {
        let af: ActorFile = toml::from_str(text)?;
        let mut groups = insert_groups(af.group, matcher);
        insert_compositions(&af.compose, &mut groups, matcher);
        let cue_kinds = insert_cues(&af.cues, matcher);
        let stripped = |v: &[String]| -> KeySet {
            v.iter().map(|w| Key::new(strip_article(&key(w)))).collect()
        };
        Ok(ActorLexicon {
            codes: af.codes,
            groups,
            cue_kinds,
            followers: key_set(&af.followers.allowed),
            victim: VictimWords {
                harm: stripped(&af.victim.harm),
                witness: stripped(&af.victim.witness),
                window: af.victim.window,
            },
            armies: Armies {
                named: af.armies.named,
                by_cue: cue_table(af.armies.by_cue),
            },
            theatres: af
                .theatres
                .into_iter()
                .filter_map(|(code, name)| Some((code, Cue::named(&name)?)))
                .collect(),
            roles: af.roles,
            words: ContextWords::bundled(),
        })
    }
}

/// The explicit groups: each term into the actor layer with its group index.
fn insert_groups(defs: Vec<GroupDef>, matcher: &mut PhraseMatcher) -> Vec<ActorGroup> {
    let mut groups = Vec::with_capacity(defs.len());
    for g in defs {
        for t in &g.terms {
            matcher.insert_in(layer::ACTORS, t, groups.len());
        }
        groups.push(ActorGroup {
            code: g.code,
            kind: g.kind,
            side: g.side,
            rule: g.rule,
            cue: g.cue,
            affiliation: g.affiliation,
            indefinite: g.indefinite,
            definite: g.definite,
            note: g.note,
        });
    }
    groups
}

/// `[compose]`: military noun × nationality adjective, one group per nation;
/// the explicit groups, inserted first, keep their phrases.
fn insert_compositions(
    compose: &ComposeDef,
    groups: &mut Vec<ActorGroup>,
    matcher: &mut PhraseMatcher,
) {
    for n in &compose.nation {
        let gi = groups.len();
        groups.push(ActorGroup {
            code: n.code.clone(),
            kind: "external_forces".into(),
            side: Side::Neutral,
            rule: Rule::Name,
            cue: None,
            affiliation: None,
            indefinite: false,
            definite: false,
            note: "military noun + nationality".into(),
        });
        for noun in &compose.nouns {
            for adj in &n.adjectives {
                let p = format!("{noun} {adj}");
                if matcher.lookup_in(layer::ACTORS, &p).is_none() {
                    matcher.insert_in(layer::ACTORS, &p, gi);
                }
            }
        }
    }
}

/// `[cues]`: each cue word into the cue layer; returns the kind of each.
fn insert_cues(cues: &FxHashMap<String, Vec<String>>, matcher: &mut PhraseMatcher) -> Vec<Cue> {
    let mut kinds = Vec::new();
    for (name, words) in cues {
        let Some(kind) = Cue::named(name) else {
            continue;
        };
        for w in words {
            matcher.insert_in(layer::CUES, w, kinds.len());
            kinds.push(kind);
        }
    }
    kinds
}

/// A table keyed by cue name, with the unknown names left out.
fn cue_table(table: FxHashMap<String, String>) -> Vec<(Cue, String)> {
    table
        .into_iter()
        .filter_map(|(name, code)| Some((Cue::named(&name)?, code)))
        .collect()
}
