//! Property tests: no input panics, every span lies in the text and the body.

use proptest::prelude::*;
use rasad_entities::Lexicon;
use rasad_record::Span;
use rasad_text::Analysis;
use std::sync::OnceLock;

fn lx() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(Lexicon::bundled)
}

const WORDS: &[&str] = &[
    "داعش",
    "التنظيم",
    "قوات",
    "النظام",
    "الجيش",
    "السوري",
    "التحالف",
    "الدولي",
    "قسد",
    "مدنيين",
    "قتل",
    "أبو",
    "أبي",
    "محمد",
    "الحسن",
    "الملقب",
    "بـ",
    "\"",
    "«",
    "»",
    "،",
    ".",
    "\n",
    "وقال",
    "المرصد",
    "مصادر",
    "محلية",
    "ناشطون",
    "المدعو",
    "القيادي",
    "عبد",
    "الله",
    "اللـه",
    "وكالات",
    ":",
    "-",
    "ـ",
    "ً",
    "على",
    "x",
    "١٢",
    "للتنظيم",
    "والملقب",
    "بأبي",
    "(",
    ")",
    "طائرات",
    "مجهولة",
    "إسرائيل",
    "قصفت",
];

fn doc() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(WORDS).prop_map(str::to_string),
            any::<String>()
        ],
        0..40,
    )
    .prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_in_body(text in doc(), cut in 0usize..50) {
        let n = text.chars().count();
        let body = if cut < n { vec![Span::new(cut, n)] } else { vec![] };
        let a = Analysis::new(text.as_str(), body);
        let actors = lx().actors(&a);
        let sources = lx().sources(&a, Some("الوطن"));
        let persons = lx().persons(&a, &["بلال الفارس".to_string()], &[]);
        for m in lx().actor_mentions(&a) {
            prop_assert!(m.span.end <= n && m.span.start <= m.span.end);
            prop_assert!(a.in_body(m.span));
        }
        for sp in actors.iter().flat_map(|x| x.spans.iter()).chain(sources.iter().flat_map(|x| x.spans.iter())) {
            prop_assert!(sp.end <= n && a.in_body(*sp));
        }
        for sp in persons.iter().flat_map(|x| x.spans.iter()) {
            prop_assert!(sp.end <= n && sp.start <= sp.end);
        }
    }
}
