//! The person-name part of the lexicon: `data/names/` (given names, kunya
//! heads, titles, stop words, well-known persons, and the words the person
//! rules read around names in `persons.words`).

use crate::keys::{bundled_words, few, line_set, lines, FewWords};
use crate::kunya::{self, person_key};
use crate::layer;
use rasad_text::words::{Key, KeySet};
use rasad_text::PhraseMatcher;
use rustc_hash::FxHashSet;
use serde::Deserialize;

const MALE: &str = include_str!("../../../../data/names/male.txt");
const FEMALE: &str = include_str!("../../../../data/names/female.txt");
const DIVINE: &str = include_str!("../../../../data/names/divine.txt");
const AMBIGUOUS: &str = include_str!("../../../../data/names/ambiguous.txt");
const TITLES: &str = include_str!("../../../../data/names/titles.txt");
const STOP: &str = include_str!("../../../../data/names/stop.txt");
const NOT_PERSONS: &str = include_str!("../../../../data/names/not_persons.txt");
const PERSONS: &str = include_str!("../../../../data/names/persons.words");

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

/// The sections of `data/names/persons.words`.
#[derive(Debug)]
pub(crate) struct PersonWords {
    /// Ranks and honorifics before a name (article stripped).
    pub ranks: KeySet,
    /// Roles and ranks that take a complement before the name.
    pub roles: KeySet,
    /// Markers of an alias (`الملقب`).
    pub alias_markers: FewWords,
    /// Relative pronouns (`الذي`).
    pub relatives: FewWords,
    /// `أن` and its forms.
    pub complementizers: FewWords,
    /// Speech verbs that close a two-word name.
    pub name_closers: FewWords,
    /// Words before two name words in apposition to a title, besides the
    /// speech verbs.
    pub name_openers: FewWords,
    /// `عبد` of compounds.
    pub servant: FewWords,
    /// `بن`، `ابن`، `بنت`.
    pub filiation: FewWords,
    /// Prepositions of a role's complement.
    pub role_prepositions: FewWords,
    /// The preposition على in key form.
    pub ala: FewWords,
}

impl PersonWords {
    fn bundled() -> PersonWords {
        let w = bundled_words(PERSONS);
        let roles = w.keys("roles").iter().chain(w.keys("ranks")).cloned();
        PersonWords {
            ranks: w.set("ranks"),
            roles: roles.collect(),
            alias_markers: few(&w, "alias_markers"),
            relatives: few(&w, "relatives"),
            complementizers: few(&w, "complementizers"),
            name_closers: few(&w, "name_closers"),
            name_openers: few(&w, "name_openers"),
            servant: few(&w, "servant"),
            filiation: few(&w, "filiation"),
            role_prepositions: few(&w, "role_prepositions"),
            ala: few(&w, "ala"),
        }
    }
}

/// Everything the person rules read.
#[derive(Debug)]
pub(crate) struct NameLexicon {
    /// Given names, and `عبد` + each divine name.
    pub given: KeySet,
    /// Words a name can start with: kunya heads, given names that are not
    /// stop words, and `عبد` (one lookup per token instead of four).
    pub name_starts: KeySet,
    /// Given names that are also common words.
    pub ambiguous: KeySet,
    /// Second elements of `عبد` compounds.
    pub divine: KeySet,
    /// Kunya heads.
    pub kunya: KeySet,
    /// Words never part of a name.
    pub stop: KeySet,
    /// Name-like strings that are places or institutions, in person-key form.
    pub not_persons: FxHashSet<String>,
    /// Well-known persons (ids of the famous layer).
    pub famous: Vec<FamousDef>,
    /// Words read around names.
    pub words: PersonWords,
}

impl NameLexicon {
    /// Reads the name lists and `famous.toml`, adding titles and well-known
    /// names to `matcher`.
    pub fn load(famous: &str, matcher: &mut PhraseMatcher) -> Result<Self, toml::de::Error> {
        let ff: FamousFile = toml::from_str(famous)?;
        let words = PersonWords::bundled();
        for t in lines(TITLES) {
            matcher.insert_in(layer::TITLES, t, 0);
        }
        for (i, f) in ff.person.iter().enumerate() {
            matcher.insert_in(layer::FAMOUS, &f.name, i);
            for al in &f.aliases {
                matcher.insert_in(layer::FAMOUS, al, i);
            }
        }
        let divine = line_set(DIVINE);
        let given = given_names(&divine, &words.servant);
        let stop = line_set(STOP);
        let kunya = kunya::heads().clone();
        let name_starts = kunya
            .iter()
            .chain(given.iter().filter(|g| !stop.contains(g.as_str())))
            .chain(words.servant.iter())
            .cloned()
            .collect();
        Ok(NameLexicon {
            given,
            name_starts,
            ambiguous: line_set(AMBIGUOUS),
            divine,
            kunya,
            stop,
            not_persons: lines(NOT_PERSONS).map(person_key).collect(),
            famous: ff.person,
            words,
        })
    }
}

/// Male and female given names, and each `عبد` compound written as one word
/// (`عبدالرحمن`).
fn given_names(divine: &KeySet, servant: &FewWords) -> KeySet {
    let compounds = servant
        .iter()
        .flat_map(|s| divine.iter().map(move |d| Key::new(&format!("{s}{d}"))));
    line_set(MALE)
        .iter()
        .chain(line_set(FEMALE).iter())
        .cloned()
        .chain(compounds)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_starts_are_kunyas_and_unstopped_given_names() {
        let lx = NameLexicon::load("person = []", &mut PhraseMatcher::new()).unwrap();
        for w in lx.name_starts.iter().map(Key::as_str) {
            let ok = lx.kunya.contains(w)
                || (lx.given.contains(w) && !lx.stop.contains(w))
                || lx.words.servant.contains(w);
            assert!(ok, "{w}");
        }
        for g in lx.given.iter().filter(|g| !lx.stop.contains(g.as_str())) {
            assert!(lx.name_starts.contains(g.as_str()), "{g}");
        }
        assert!(lx.kunya.iter().all(|k| lx.name_starts.contains(k.as_str())));
        assert!(lx
            .words
            .servant
            .iter()
            .all(|k| lx.name_starts.contains(k.as_str())));
        assert!(lx.words.servant.iter().next().is_some());
    }
}
