//! The function words and stems the rules look for by name, from
//! `data/events/grammar.words` (each list's use is told there), in key form:
//! compared with the words of the key text and their clitic readings.

use rasad_text::words::{Key, KeySet, WordLists};
use std::sync::LazyLock;

const DATA: &str = include_str!("../../../data/events/grammar.words");

/// The lists of `grammar.words`. Sets are looked up whole words; `Vec<Key>`
/// lists are stems or endings, matched with [`starts_any`] / [`ends_any`].
pub struct Grammar {
    pub to: KeySet,
    pub count_noun: KeySet,
    pub self_endings: Vec<Key>,
    pub civilian_stem: Vec<Key>,
    pub partitive: KeySet,
    pub complementizer: KeySet,
    pub plural_verb_ending: Vec<Key>,
    pub own_wa: Vec<Key>,
    pub gunmen: Vec<Key>,
    pub cause: KeySet,
    pub lower_bound_verb: KeySet,
    pub agent_noun: Vec<Key>,
    pub unknown_stem: Vec<Key>,
    pub unknown_people: KeySet,
    pub targeting_verb: KeySet,
    pub demonstrative: KeySet,
    pub same: KeySet,
    pub any: KeySet,
    pub in_: KeySet,
    pub on: KeySet,
    pub air_adjective: KeySet,
    pub warplane: KeySet,
    pub ceasefire: KeySet,
    pub response: KeySet,
    pub generic_attack: Vec<Key>,
    pub hedge: KeySet,
    pub range_between: KeySet,
    pub relative: KeySet,
    pub start_verb: KeySet,
    pub false_reading: KeySet,
}

/// The bundled lists, read once. The file is part of the build: a slip in
/// it is a programming error every test meets.
pub fn grammar() -> &'static Grammar {
    static G: LazyLock<Grammar> = LazyLock::new(|| {
        Grammar::new(&WordLists::parse(DATA).expect("data/events/grammar.words parses"))
    });
    &G
}

impl Grammar {
    fn new(w: &WordLists) -> Grammar {
        let stems = |name: &str| w.keys(name).to_vec();
        Grammar {
            to: w.set("to"),
            count_noun: w.set("count_noun"),
            self_endings: stems("self"),
            civilian_stem: stems("civilian_stem"),
            partitive: w.set("partitive"),
            complementizer: w.set("complementizer"),
            plural_verb_ending: stems("plural_verb_ending"),
            own_wa: stems("own_wa"),
            gunmen: stems("gunmen"),
            cause: w.set("cause"),
            lower_bound_verb: w.set("lower_bound_verb"),
            agent_noun: stems("agent_noun"),
            unknown_stem: stems("unknown_stem"),
            unknown_people: w.set("unknown_people"),
            targeting_verb: w.set("targeting_verb"),
            demonstrative: w.set("demonstrative"),
            same: w.set("same"),
            any: w.set("any"),
            in_: w.set("in"),
            on: w.set("on"),
            air_adjective: w.set("air_adjective"),
            warplane: w.set("warplane"),
            ceasefire: w.set("ceasefire"),
            response: w.set("response"),
            generic_attack: stems("generic_attack"),
            hedge: w.set("hedge"),
            range_between: w.set("range_between"),
            relative: w.set("relative"),
            start_verb: w.set("start_verb"),
            false_reading: w.set("false_reading"),
        }
    }
}

/// True when `word` starts with one of the stems.
pub fn starts_any(word: &str, stems: &[Key]) -> bool {
    stems.iter().any(|s| word.starts_with(s.as_str()))
}

/// True when `word` ends with one of the endings.
pub fn ends_any(word: &str, endings: &[Key]) -> bool {
    endings.iter().any(|s| word.ends_with(s.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_read_in_key_form() {
        let g = grammar();
        assert!(g.to.contains("الي"));
        assert!(g.on.contains("علي"));
        assert!(g.any.contains("باي"));
        assert!(g.air_adjective.contains("جويه"));
        assert!(starts_any("طايرات", &g.agent_noun));
        assert!(ends_any("بنفسها", &g.self_endings));
        assert!(!starts_any("مدينه", &g.civilian_stem));
    }
}
