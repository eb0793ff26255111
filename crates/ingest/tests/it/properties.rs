//! Properties of cleaning on arbitrary text: it never panics, and its spans
//! are sorted, disjoint, inside the text and reproduce the body.

use proptest::prelude::*;
use rasad_ingest::{clean, Format, RawDoc};

fn doc(text: String) -> RawDoc {
    RawDoc {
        id: "p".into(),
        text,
        format: Format::Text,
        url: None,
        outlet: None,
        published: None,
        title: None,
        origin: "proptest".into(),
    }
}

/// Lines made of chrome phrases, Arabic words, punctuation and odd characters.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("اترك رد".to_string()),
        Just("مقالات ذات صلة".to_string()),
        Just("إقرأ أيضاً:".to_string()),
        Just("| الوطن - وكالات".to_string()),
        Just("نشر الاثنين 04 ديسمبر, 2017 في تمام الساعة 16:40".to_string()),
        Just("- وليد عبد الرحيم".to_string()),
        Just("دمشق-سانا".to_string()),
        Just("صحيفة الوطن".to_string()),
        Just("عاجل".to_string()),
        "[ \u{a0}\u{200f}\t]{0,3}",
        "[ابتثجحخدذرزسشصضطظعغفقكلمنهوي ،.:«»()|\\-]{1,80}",
        "\\PC{0,40}",
        any::<String>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..14),
        prop::collection::vec(prop_oneof![Just("\n"), Just("\n\n"), Just("\r\n")], 14),
    )
        .prop_map(|(lines, seps)| {
            let mut s = String::new();
            for (i, l) in lines.iter().enumerate() {
                s.push_str(l);
                s.push_str(seps[i % seps.len()]);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_are_sound(t in text(), title in proptest::option::of("\\PC{0,20}")) {
        let mut d = doc(t);
        d.title = title;
        let c = clean(&d);
        let chars: Vec<char> = d.text.chars().collect();
        let mut last = 0;
        let mut parts = Vec::new();
        for (i, s) in c.body_spans.iter().enumerate() {
            prop_assert!(s.start < s.end, "empty span {:?}", s);
            prop_assert!(s.end <= chars.len());
            prop_assert!(i == 0 || s.start > last, "overlap or unsorted at {:?}", s);
            last = s.end;
            parts.push(chars[s.start..s.end].iter().collect::<String>());
        }
        prop_assert_eq!(parts.join("\n\n"), c.body);
        for s in c.title_span.iter().chain(c.dateline.iter()) {
            prop_assert!(s.start <= s.end && s.end <= chars.len());
        }
    }
}
