//! Property tests: normalization is idempotent and never loses the way back.

use proptest::prelude::*;
use rasad_text::phrase::Gap;
use rasad_text::{clitic, tokenize, Analysis, Level, Normalized, PhraseMatcher};

/// Arabic-heavy text: letters, diacritics, tatweel, digits of three scripts,
/// Arabic punctuation, presentation forms, Latin and whitespace.
fn arabic_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        6 => "[\u{0621}-\u{064A}]{1,8}",
        2 => "[\u{064B}-\u{0652}\u{0670}\u{0640}]",
        1 => "[\u{0660}-\u{0669}\u{06F0}-\u{06F9}0-9]{1,4}",
        1 => "[«»“”،؛؟.!\\-:/()\"]",
        1 => "[\u{FB50}-\u{FDFF}\u{FE70}-\u{FEFC}]",
        1 => "[a-zA-Z]{1,5}",
        1 => "[ \n\t\u{00A0}\u{200F}\u{200C}]",
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

/// Text made of dictionary words with proclitics and separators, so that
/// phrases of several layers start, end and overlap everywhere.
fn phrase_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("دير"),
        Just("الزور"),
        Just("ريف"),
        Just("قوات"),
        Just("سوريا"),
        Just("الديمقراطية"),
        Just("التحالف"),
        Just("الدولي"),
        Just("حلب"),
        Just("بريف"),
    ];
    let clitic = prop_oneof![
        Just(""),
        Just(""),
        Just("و"),
        Just("ب"),
        Just("لل"),
        Just("وال")
    ];
    let sep = prop_oneof![
        Just(" "),
        Just(" "),
        Just(" \""),
        Just("\" "),
        Just("، "),
        Just(" ("),
        Just("\n")
    ];
    proptest::collection::vec((clitic, word, sep), 0..30).prop_map(|v| {
        v.into_iter()
            .map(|(c, w, s)| format!("{c}{w}{s}"))
            .collect()
    })
}

/// The phrase lists of three layers (they share words and whole phrases).
const LAYERS: [&[&str]; 3] = [
    &["دير الزور", "ريف دير الزور", "حلب", "ريف حلب", "بريف"],
    &[
        "قوات سوريا الديمقراطية",
        "التحالف",
        "التحالف الدولي",
        "قوات",
    ],
    &["ريف", "دير", "سوريا", "الزور حلب", "قوات سوريا"],
];

proptest! {
    #[test]
    fn layers_match_as_if_alone(s in phrase_text(), quoted in any::<bool>()) {
        let gap = if quoted { Gap::Quoted } else { Gap::Space };
        let mut all = PhraseMatcher::with_gap(gap);
        let mut alone: Vec<PhraseMatcher> = Vec::new();
        for (layer, phrases) in LAYERS.iter().enumerate() {
            let mut m = PhraseMatcher::with_gap(gap);
            for (id, p) in phrases.iter().enumerate() {
                all.insert_in(layer, p, id);
                m.insert(p, id);
            }
            alone.push(m);
        }
        let n = Normalized::new(&s, Level::Key);
        let toks = tokenize(&n);
        let found = all.find_layers(&n, &toks);
        prop_assert_eq!(found.len(), LAYERS.len());
        for (layer, m) in alone.iter().enumerate() {
            let want = m.find(&n, &toks);
            let got = &found[layer];
            prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                prop_assert_eq!(all.key(g.phrase), m.key(w.phrase));
                prop_assert_eq!(all.ids(g.phrase), m.ids(w.phrase));
                prop_assert_eq!(
                    (&g.tokens, g.span, g.name_span, g.guessed, g.prefix_chars, g.prefix_bytes),
                    (&w.tokens, w.span, w.name_span, w.guessed, w.prefix_chars, w.prefix_bytes)
                );
            }
        }
    }

    #[test]
    fn key_is_idempotent(s in arabic_text()) {
        let once = Normalized::new(&s, Level::Key).into_string();
        let twice = Normalized::new(&once, Level::Key).into_string();
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn display_is_idempotent(s in arabic_text()) {
        let once = Normalized::new(&s, Level::Display).into_string();
        let twice = Normalized::new(&once, Level::Display).into_string();
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn key_is_the_normalized_text(s in arabic_text(), t in any::<String>()) {
        for x in [&s, &t] {
            prop_assert_eq!(rasad_text::key(x), Normalized::new(x, Level::Key).into_string());
            prop_assert_eq!(
                rasad_text::normalize::fold_text(x, Level::Display),
                Normalized::new(x, Level::Display).into_string()
            );
        }
    }

    #[test]
    fn key_of_display_equals_key(s in arabic_text()) {
        let display = Normalized::new(&s, Level::Display).into_string();
        prop_assert_eq!(
            Normalized::new(&display, Level::Key).into_string(),
            Normalized::new(&s, Level::Key).into_string()
        );
    }

    #[test]
    fn token_spans_point_at_their_words(s in arabic_text()) {
        let n = Normalized::new(&s, Level::Key);
        let chars: Vec<char> = s.chars().collect();
        let mut last_end = 0;
        for t in tokenize(&n) {
            prop_assert!(t.span.start < t.span.end, "empty span");
            prop_assert!(t.span.end <= chars.len());
            prop_assert!(t.span.start >= last_end, "spans out of order");
            last_end = t.span.start;
            let original: String = chars[t.span.start..t.span.end].iter().collect();
            let renormalized = Normalized::new(&original, Level::Key).into_string();
            prop_assert!(
                renormalized.contains(t.text(n.as_str())),
                "{:?} does not normalize to {:?}", original, t.text(n.as_str())
            );
        }
    }

    #[test]
    fn any_string_never_panics(s in any::<String>()) {
        let a = Analysis::new(s.as_str(), vec![]);
        for sent in a.sentences() {
            prop_assert!(sent.end <= a.key().original_chars());
            let _ = a.slice(*sent);
        }
        for t in a.tokens() {
            let w = t.text(a.key_str());
            let _ = clitic::readings(w);
            prop_assert!(w.ends_with(clitic::search_stem(w)));
        }
    }

    #[test]
    fn phrase_matches_lie_on_tokens(s in arabic_text()) {
        let mut m = PhraseMatcher::new();
        for (i, p) in ["دير الزور", "البوكمال", "ب", "حي الكتب", "ا ا"].iter().enumerate() {
            m.insert(p, i);
        }
        let n = Normalized::new(&s, Level::Key);
        let toks = tokenize(&n);
        for hit in m.find(&n, &toks) {
            prop_assert!(hit.tokens.end <= toks.len());
            prop_assert!(hit.span.contains(&hit.name_span));
            prop_assert_eq!(hit.span.start, toks[hit.tokens.start].span.start);
            prop_assert_eq!(hit.span.end, toks[hit.tokens.end - 1].span.end);
        }
    }
}
