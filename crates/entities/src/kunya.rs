//! Kunyas (`أبو مصطفى القطري`): the head is declined (أبو nominative, أبي
//! genitive, أبا accusative); names are output in the nominative and compared on
//! a key where the three forms are one. The heads are listed in
//! `data/names/kunya.words`.

use crate::keys::{bundled_words, few, key, FewWords};
use rasad_text::words::KeySet;
use std::sync::LazyLock;

const KUNYA: &str = include_str!("../../../data/names/kunya.words");

/// The nominative head, as a name is written out (`أبو الحسن`).
const NOMINATIVE: &str = "أبو";

/// The kunya lists in key form.
struct Heads {
    /// Every head (`ابو`، `ابي`، `ابا`، `ام`).
    all: KeySet,
    /// The oblique forms of the nominative head (`ابي`، `ابا`).
    oblique: FewWords,
    /// The nominative head in key form (`ابو`).
    nominative: String,
}

static HEADS: LazyLock<Heads> = LazyLock::new(|| {
    let w = bundled_words(KUNYA);
    Heads {
        all: w.set("heads"),
        oblique: few(&w, "oblique"),
        nominative: key(NOMINATIVE),
    }
});

/// The kunya heads in key form.
pub(crate) fn heads() -> &'static KeySet {
    &HEADS.all
}

/// True when the key word is a kunya head.
pub fn is_head(word_key: &str) -> bool {
    HEADS.all.contains(word_key)
}

/// The name with a genitive or accusative kunya head put in the nominative:
/// `أبي الحسن الحمصي` → `أبو الحسن الحمصي`. Other names are returned unchanged.
pub fn nominative(name: &str) -> String {
    let mut words = name.split(' ');
    let Some(first) = words.next() else {
        return String::new();
    };
    let rest: Vec<&str> = words.collect();
    let head = if !rest.is_empty() && HEADS.oblique.contains(&key(first)) {
        NOMINATIVE
    } else {
        first
    };
    if rest.is_empty() {
        head.to_string()
    } else {
        format!("{head} {}", rest.join(" "))
    }
}

/// Comparison key of a person's name: folded, kunya heads unified, spaces
/// removed (`عبد الله` = `عبدالله`).
pub fn person_key(name: &str) -> String {
    key(name)
        .split(' ')
        .map(|w| {
            if HEADS.oblique.contains(w) {
                HEADS.nominative.as_str()
            } else {
                w
            }
        })
        .collect::<String>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nominative_table() {
        let table = [
            ("أبي الحسن الحمصي", "أبو الحسن الحمصي"),
            ("أبا بكر البغدادي", "أبو بكر البغدادي"),
            ("ابي محمد", "أبو محمد"),
            ("أبو مصطفى القطري", "أبو مصطفى القطري"),
            ("أم محمد", "أم محمد"),
            ("أبي", "أبي"),
            ("أحمد حسن", "أحمد حسن"),
            ("", ""),
        ];
        for (name, want) in table {
            assert_eq!(nominative(name), want, "{name}");
        }
    }

    #[test]
    fn key_table() {
        assert_eq!(
            person_key("أبي الحسن الحمصي"),
            person_key("أبو الحسن الحمصي")
        );
        assert_eq!(person_key("عبد الله"), person_key("عبدالله"));
        assert_ne!(person_key("أبو بكر"), person_key("أم بكر"));
        assert!(is_head("ابي") && !is_head("ابن"));
    }
}
