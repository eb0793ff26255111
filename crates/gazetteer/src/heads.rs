//! Words around place names: heads that announce them (مدينة، بلدتي، ريف),
//! the directions that relate one place to another (شرق، جنوبي), prepositions,
//! the kinship words that start a kunya (أبو، ابن), and the few word classes
//! the open-class reader needs. All live in `data/gazetteer/place_words.words`
//! and are compared as search keys (normalized, article stripped).

use rasad_text::words::{Key, KeySet, WordLists};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The bundled word lists (see `data/gazetteer/README.md`).
const PLACE_WORDS: &str = include_str!("../../../data/gazetteer/place_words.words");

/// The kinds a head may announce (the part of `[heads.KIND]` after the dot);
/// `crates/events` ranks them.
const KINDS: &[&str] = &[
    "city",
    "town",
    "neighbourhood",
    "governorate",
    "camp",
    "airport",
    "base",
    "oilfield",
    "mountain",
    "river",
    "crossing",
];

/// What a head word says about the names after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    /// The head covers a list (`منطقتي الصوامع والصناعة`, `بلدات …`).
    pub plural: bool,
    /// The kind it announces, when it says one (`river`, `city` …).
    pub kind: Option<&'static str>,
    /// A word of position, not of kind (`داخل`, `جبهة`, `محيط`): it says no
    /// more than a preposition (`داخل المقر` is "inside the headquarters",
    /// `جبهة جديدة` "a new front").
    pub weak: bool,
}

/// The loaded lists.
struct Words {
    /// Head words in file order (their index tags them in the matcher).
    heads: Vec<(Key, Head)>,
    by_word: FxHashMap<Key, Head>,
    directions: KeySet,
    prepositions: KeySet,
    kin: KeySet,
    patronymic: KeySet,
    given_name_starts: KeySet,
    banks: KeySet,
    river_words: KeySet,
    possessive_suffixes: Vec<Key>,
    plural_endings: Vec<Key>,
    division_heads: KeySet,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let lists = WordLists::parse(PLACE_WORDS)
        .unwrap_or_else(|e| panic!("data/gazetteer/place_words.words: {e}"));
    Words::new(&lists)
});

/// The head of section `name` (`heads.city`, `lists`, `position`), if the
/// section lists heads.
fn section_head(name: &str) -> Option<Head> {
    let (group, kind) = match name.split_once('.') {
        Some((group, kind)) => {
            let kind = KINDS.iter().find(|k| **k == kind).copied();
            (
                group,
                Some(kind.unwrap_or_else(|| panic!("unknown kind [{name}]"))),
            )
        }
        None => (name, None),
    };
    let (plural, weak) = match group {
        "heads" => (false, false),
        "lists" => (true, false),
        "position" if kind.is_none() => (false, true),
        "position_lists" if kind.is_none() => (true, true),
        _ => return None,
    };
    Some(Head { plural, kind, weak })
}

impl Words {
    fn new(lists: &WordLists) -> Words {
        let mut heads = Vec::new();
        for name in lists.names() {
            if let Some(head) = section_head(name) {
                heads.extend(lists.keys(name).iter().map(|k| (k.clone(), head)));
            }
        }
        let by_word = heads.iter().cloned().collect();
        Words {
            heads,
            by_word,
            directions: lists.set("directions"),
            prepositions: lists.set("prepositions"),
            kin: lists.set("kin"),
            patronymic: lists.set("patronymic"),
            given_name_starts: lists.set("given_name_starts"),
            banks: lists.set("banks"),
            river_words: lists.set("river_words"),
            possessive_suffixes: lists.keys("possessive_suffixes").to_vec(),
            plural_endings: lists.keys("plural_endings").to_vec(),
            division_heads: lists.set("division_heads"),
        }
    }
}

/// Every head word with what it says, in a fixed order.
pub(crate) fn all() -> &'static [(Key, Head)] {
    &WORDS.heads
}

/// The head entry for a key word, if it is one.
pub fn head(word: &str) -> Option<Head> {
    WORDS.by_word.get(word).copied()
}

/// True when `word` (a key, article stripped) is a direction.
pub fn is_direction(word: &str) -> bool {
    WORDS.directions.contains(word)
}

/// True when `word` is a preposition.
pub fn is_preposition(word: &str) -> bool {
    WORDS.prepositions.contains(word)
}

/// True when `word` starts a kunya, patronymic or family name.
pub fn is_kin(word: &str) -> bool {
    WORDS.kin.contains(word)
}

/// True when `word` says "son/daughter of" right before a name.
pub(crate) fn is_patronymic(word: &str) -> bool {
    WORDS.patronymic.contains(word)
}

/// True when `word` starts a two-word given name (`عبد`).
pub(crate) fn starts_given_name(word: &str) -> bool {
    WORDS.given_name_starts.contains(word)
}

/// True when a place name's phrase key starts with a bank word and goes on
/// (`ضفه غربيه`).
pub(crate) fn is_bank_name(phrase_key: &str) -> bool {
    phrase_key
        .split_once(' ')
        .is_some_and(|(first, _)| WORDS.banks.contains(first))
}

/// True when `word` names a river or says "of the river" (`نهر`, `فرات`).
pub(crate) fn is_river_word(word: &str) -> bool {
    WORDS.river_words.contains(word)
}

/// The possessive pronoun suffixes (`نا`, `هم`).
pub(crate) fn possessive_suffixes() -> impl Iterator<Item = &'static str> {
    WORDS.possessive_suffixes.iter().map(Key::as_str)
}

/// True when `word` ends like a sound feminine plural (`عمليات`).
pub(crate) fn has_plural_ending(word: &str) -> bool {
    WORDS
        .plural_endings
        .iter()
        .any(|e| word.ends_with(e.as_str()))
}

/// True when `word` (a key) names a division in front of its name
/// (`محافظه`).
pub(crate) fn is_division_head(word: &str) -> bool {
    WORDS.division_heads.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_keys_without_article() {
        assert!(all().len() >= 50, "{} heads", all().len());
        for (w, _) in all() {
            assert!(!w.as_str().starts_with(rasad_text::clitic::ARTICLE), "{w}");
            assert_eq!(head(w.as_str()).map(|_| ()), Some(()), "{w}");
        }
        let mut keys: Vec<&str> = all().iter().map(|(k, _)| k.as_str()).collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n, "a head word is listed in two sections");
    }

    #[test]
    fn sections_say_number_kind_and_position() {
        let key = rasad_text::key;
        assert!(head(&key("منطقتي")).unwrap().plural);
        let city = head(&key("مدينة")).unwrap();
        assert!(!city.plural && !city.weak);
        assert_eq!(city.kind, Some("city"));
        assert_eq!(head(&key("نهر")).unwrap().kind, Some("river"));
        assert_eq!(head(&key("ريف")).unwrap().kind, None);
        assert!(head(&key("داخل")).unwrap().weak);
        assert!(head(&key("جبهات")).is_some_and(|h| h.weak && h.plural));
        assert!(head(&key("سوق")).is_none());
        assert!(section_head("notes").is_none());
    }

    #[test]
    fn word_classes() {
        let key = rasad_text::key;
        assert!(is_direction("شرق") && !is_direction("دير"));
        assert!(is_preposition("في") && is_preposition(&key("إلى")));
        assert!(is_kin(&key("أبو")) && is_kin(&key("آل")) && !is_kin("دير"));
        assert!(is_patronymic("بن") && !is_patronymic(&key("أبو")));
        assert!(starts_given_name("عبد"));
        assert!(is_bank_name(&key("ضفة غربية")) && !is_bank_name(&key("ضفة")));
        assert!(is_river_word(&key("دجلة")));
        assert!(possessive_suffixes().any(|s| s == "نا"));
        assert!(has_plural_ending("عمليات") && !has_plural_ending("عملية"));
        assert!(is_division_head(&key("محافظة")));
    }
}
