//! Words that announce a place (heads such as مدينة، بلدتي، ريف), the
//! directions that relate one place to another (شرق، جنوبي), prepositions
//! and the kinship words that start a kunya (أبو، ابن) — all as search keys
//! (normalized, article stripped).

/// What a head word says about the names after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    /// The head covers a list (`منطقتي الصوامع والصناعة`, `بلدات …`).
    pub plural: bool,
    /// The kind it announces, when it says one (`river`, `city` …).
    pub kind: Option<&'static str>,
    /// A word of position, not of kind (`داخل`, `جبهة`, `محيط`): it says no
    /// more than a preposition (`داخل المقر` is "inside the headquarters",
    /// `جبهة جديدة` "a new front"); see [`WEAK_HEADS`].
    pub weak: bool,
}

/// Heads that locate without naming a kind of place: a name that is also a
/// common word needs the same support after them as after a preposition,
/// and they never license a spelling whose article disagrees.
pub const WEAK_HEADS: &[&str] = &[
    "داخل",
    "جبهه",
    "جبهات",
    "محيط",
    "اطراف",
    "ضواحي",
    "تخوم",
    "مشارف",
    "مركز",
];

/// Head words as keys: (word, plural, kind).
pub const HEADS: &[(&str, bool, Option<&str>)] = &[
    ("مدينه", false, Some("city")),
    ("مدينتي", true, Some("city")),
    ("مدن", true, Some("city")),
    ("بلده", false, Some("town")),
    ("بلدتي", true, Some("town")),
    ("بلدات", true, Some("town")),
    ("قريه", false, Some("town")),
    ("قريتي", true, Some("town")),
    ("قري", true, Some("town")),
    ("حي", false, Some("neighbourhood")),
    ("حيي", true, Some("neighbourhood")),
    ("احياء", true, Some("neighbourhood")),
    ("منطقه", false, None),
    ("منطقتي", true, None),
    ("مناطق", true, None),
    ("ريف", false, None),
    ("ارياف", true, None),
    ("باديه", false, None),
    ("محافظه", false, Some("governorate")),
    ("محافظتي", true, Some("governorate")),
    ("محافظات", true, Some("governorate")),
    ("ناحيه", false, None),
    ("نواحي", true, None),
    ("قضاء", false, None),
    ("اقضيه", true, None),
    ("مخيم", false, Some("camp")),
    ("مخيمي", true, Some("camp")),
    ("مخيمات", true, Some("camp")),
    ("مطار", false, Some("airport")),
    ("قاعده", false, Some("base")),
    ("حقل", false, Some("oilfield")),
    ("حقلي", true, Some("oilfield")),
    ("حقول", true, Some("oilfield")),
    ("جبل", false, Some("mountain")),
    ("جبال", true, Some("mountain")),
    ("نهر", false, Some("river")),
    ("نهري", true, Some("river")),
    ("شارع", false, None),
    ("معبر", false, Some("crossing")),
    ("سهل", false, None),
    ("سهول", true, None),
    ("ضفه", false, Some("river")),
    ("ضفتي", true, Some("river")),
    ("اطراف", false, None),
    ("ضواحي", false, None),
    ("محيط", false, None),
    ("مقبره", false, None),
    ("دوار", false, None),
    ("ساحه", false, None),
    ("عاصمه", false, Some("city")),
    ("ولايه", false, None),
    ("مركز", false, None),
    ("جبهه", false, None),
    ("جبهات", true, None),
    ("تخوم", false, None),
    ("مشارف", false, None),
    ("داخل", false, None),
];

/// Directions that relate a place to the one after it (`شرق دير الزور`).
pub const DIRECTIONS: &[&str] = &[
    "شرق",
    "غرب",
    "شمال",
    "جنوب",
    "شرقي",
    "غربي",
    "شمالي",
    "جنوبي",
    "وسط",
    "شمال شرق",
];

/// Prepositions and similar words after which a name is read as a place.
pub const PREPOSITIONS: &[&str] = &[
    "في",
    "من",
    "الي",
    "علي",
    "عن",
    "داخل",
    "خارج",
    "نحو",
    "باتجاه",
    "اتجاه",
    "حتي",
    "قرب",
    "بين",
    "الى",
    "لدى",
    "لدي",
    "حول",
    "عبر",
    "تجاه",
    "مع",
    "و",
    "او",
    "ضد",
    "بعد",
    "قبل",
];

/// Words that start a kunya or a patronymic: a name after `أبو X` is a
/// nisba (`أبو مصطفى القطري`), not a place.
pub const KIN: &[&str] = &["ابو", "ابي", "ابا", "ام", "بن", "ابن", "بنت", "ال"];

/// The head entry for a key word, if it is one.
pub fn head(word: &str) -> Option<Head> {
    HEADS
        .iter()
        .find(|(w, _, _)| *w == word)
        .map(|&(w, plural, kind)| Head {
            plural,
            kind,
            weak: WEAK_HEADS.contains(&w),
        })
}

/// True when `word` (a key, article stripped) is a direction.
pub fn is_direction(word: &str) -> bool {
    DIRECTIONS.contains(&word)
}

/// True when `word` is a preposition.
pub fn is_preposition(word: &str) -> bool {
    PREPOSITIONS.contains(&word)
}

/// True when `word` starts a kunya or patronymic.
pub fn is_kin(word: &str) -> bool {
    KIN.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_keys() {
        // Every head must already be in key form (no ة, no hamza on alef).
        for (w, _, _) in HEADS {
            assert_eq!(rasad_text::key(w), *w, "{w}");
            assert!(!w.starts_with("ال"), "{w}");
        }
        assert!(head("منطقتي").unwrap().plural);
        assert!(!head("مدينه").unwrap().plural);
        assert_eq!(head("نهر").unwrap().kind, Some("river"));
        assert!(head("سوق").is_none());
        assert!(is_direction("شرق") && !is_direction("دير"));
        assert!(is_preposition("في") && is_kin("ابو"));
    }
}
