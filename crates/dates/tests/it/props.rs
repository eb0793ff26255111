//! Properties that hold for any input: no panic, spans inside the text, a
//! mention's text is the slice at its span, mentions in order without overlap,
//! values well formed.

use proptest::prelude::*;
use rasad_dates::{tag_times, DateContext};
use rasad_text::Analysis;

/// Pieces of date expressions and noise, to build inputs that reach deep into
/// the grammar.
const PIECES: &[&str] = &[
    "امس",
    "اليوم",
    "الخميس",
    "الاثنين",
    "27",
    "الـ10",
    "من",
    "كانون الأول",
    "(ديسمبر)",
    "ديسمبر",
    "/",
    "2017",
    "1440",
    "هـ",
    "رمضان",
    "الثالث والعشرين",
    "الساعة",
    "16:40",
    "الثالثة",
    "فجراً",
    "مساء",
    "الشهر",
    "الجاري",
    "الماضي",
    "المقبل",
    "قبل",
    "ثلاثة",
    "أيام",
    "يومين",
    "خلال",
    "الشهرين",
    "الماضيين",
    "عام",
    "في",
    "منذ",
    "مطلع",
    "آب",
    "مارس",
    "17/11/2017",
    "،",
    ",",
    "\n",
    " ",
    "ـ",
    "٢٠١٨",
    "31",
    "30",
    "شباط",
    "29",
    "تشرين 2",
    "نشر",
    "هذا",
    "الأسبوع",
    "ساعة",
    "والنصف",
    "ليلا",
    "0",
    "99999",
    "-",
    ".",
    "أول من أمس",
    "صفر",
    "ذي الحجة",
    "30",
    "جمادى الآخرة",
    "عامي",
    "و",
    "2014",
    "2015",
];

fn check(text: &str, published: Option<String>) {
    let a = Analysis::new(text, vec![]);
    let ctx = DateContext {
        reference: "2019-01-01".parse().unwrap(),
        published,
        dateline: None,
        reference_known: true,
    };
    let r = tag_times(&a, &ctx);
    let n = text.chars().count();
    let mut last = 0;
    for m in &r.mentions {
        assert!(
            m.span.start < m.span.end && m.span.end <= n,
            "{:?} in {n}",
            m.span
        );
        assert!(m.span.start >= last, "overlap or order: {:?}", m.span);
        last = m.span.end;
        assert_eq!(a.slice(m.span), m.text);
        if let Some(v) = &m.time.value {
            assert!(v.len() >= 4 && v.is_ascii(), "{v}");
            assert!(v[..4].chars().all(|c| c.is_ascii_digit()), "{v}");
        } else {
            assert_eq!(m.time.precision, rasad_record::Precision::Unknown);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string(s in "\\PC{0,200}") {
        check(&s, None);
    }

    #[test]
    fn date_pieces(parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..30), sep in proptest::sample::select(&[" ", "", "  "][..])) {
        let text = parts.join(sep);
        check(&text, None);
        check(&text, Some("2018-10".into()));
        check(&text, Some("2018-06-08".into()));
    }

    #[test]
    fn any_published(p in "\\PC{0,30}", s in "\\PC{0,60}") {
        check(&s, Some(p));
    }
}
