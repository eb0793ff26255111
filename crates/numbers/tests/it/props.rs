//! Property tests: the tagger and parsers never panic, spans point into the
//! text, bounds are ordered, and digit strings round-trip.

use proptest::prelude::*;
use rasad_numbers::{parse_amount_words, parse_cardinal_words, parse_number, tag_quantities};
use rasad_text::Analysis;

/// Arabic-heavy text: letters, number words, digits of three scripts and their
/// separators, punctuation, diacritics, Latin and whitespace.
fn arabic_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => "[\u{0621}-\u{064A}]{1,8}",
        3 => prop::sample::select(vec![
            "ثلاثة", "آلاف", "ألف", "مئتين", "وخمسة", "وعشرين", "عشرات", "نحو", "أكثر من",
            "على الأقل", "بين", "و", "عنصرين", "دولار", "بالمئة", "كانون", "عام", "الـ",
            "أحد", "عشر", "مليون", "ونصف", "واحد", "مدني", "%", "بضعة", "ما بين", "إلى",
        ]).prop_map(str::to_owned),
        2 => "[\u{0660}-\u{0669}\u{06F0}-\u{06F9}0-9]{1,6}",
        2 => "[.,٬٫/:\\-+%]",
        1 => "[\u{064B}-\u{0652}\u{0640}]",
        1 => "[«»“”،؛؟.!()\"]",
        1 => "[a-zA-Z]{1,4}",
        2 => "[ \n\t\u{00A0}]",
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn tagger_spans_are_sound(s in arabic_text()) {
        let a = Analysis::new(s.as_str(), vec![]);
        let n = s.chars().count();
        for q in tag_quantities(&a, &[]) {
            prop_assert!(q.span.start < q.span.end && q.span.end <= n, "{:?}", q);
            prop_assert_eq!(a.slice(q.span), q.text.as_str());
            if let (Some(l), Some(b)) = (q.low, q.best) { prop_assert!(l <= b); }
            if let (Some(b), Some(h)) = (q.best, q.high) { prop_assert!(b <= h); }
            if let (Some(l), Some(h)) = (q.low, q.high) { prop_assert!(l <= h); }
            prop_assert!(q.low.is_some() || q.best.is_some() || q.high.is_some());
        }
    }

    #[test]
    fn quantities_do_not_overlap(s in arabic_text()) {
        let a = Analysis::new(s.as_str(), vec![]);
        let q = tag_quantities(&a, &[]);
        for w in q.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start, "{:?}", w);
        }
    }

    #[test]
    fn word_parsers_never_panic(s in arabic_text()) {
        let k = rasad_text::key(&s);
        if let Some((v, used)) = parse_cardinal_words(&k) {
            prop_assert!(used <= k.len() && k.is_char_boundary(used));
            prop_assert!(v.is_finite() && v >= 0.0);
        }
        if let Some((_, used)) = parse_amount_words(&k) {
            prop_assert!(used <= k.len() && k.is_char_boundary(used));
        }
        let _ = parse_number(&s);
    }

    #[test]
    fn ascii_digits_round_trip(n in any::<u32>()) {
        prop_assert_eq!(parse_number(&n.to_string()), Some(f64::from(n)));
    }

    #[test]
    fn arabic_indic_digits_round_trip(n in any::<u32>()) {
        let s: String = n.to_string().chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0x0660).unwrap())
            .collect();
        prop_assert_eq!(parse_number(&s), Some(f64::from(n)));
    }

    #[test]
    fn persian_digits_round_trip(n in any::<u32>()) {
        let s: String = n.to_string().chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0x06F0).unwrap())
            .collect();
        prop_assert_eq!(parse_number(&s), Some(f64::from(n)));
    }

    #[test]
    fn a_count_of_people_is_found(n in 1u32..10_000_000) {
        let s = format!("قتل {n} عنصرا في القصف");
        let a = Analysis::new(s.as_str(), vec![]);
        let q = tag_quantities(&a, &[]);
        prop_assert_eq!(q.len(), 1);
        prop_assert_eq!(q[0].best, Some(f64::from(n)));
        prop_assert_eq!(q[0].unit, Some(rasad_record::Unit::People));
    }

    #[test]
    fn grouped_thousands_round_trip(n in 1000u32..1_000_000_000) {
        // 1234567 → 1.234.567 and 1,234,567 and 1٬234٬567
        let d = n.to_string();
        let mut groups = Vec::new();
        let mut end = d.len();
        while end > 3 { groups.push(&d[end - 3..end]); end -= 3; }
        groups.push(&d[..end]);
        groups.reverse();
        for sep in [".", ",", "٬"] {
            prop_assert_eq!(parse_number(&groups.join(sep)), Some(f64::from(n)));
        }
    }
}
