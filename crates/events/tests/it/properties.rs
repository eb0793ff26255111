//! Properties: never panics; evidence spans are body sentences; fatalities
//! are among the casualties; sub-counts point at earlier records.

use crate::support;

use proptest::prelude::*;
use support::{build, Inputs};

const WORDS: &[&str] = &[
    "قتل",
    "مقتل",
    "جرح",
    "أصيب",
    "أسر",
    "اعتقل",
    "هجوم",
    "هاجم",
    "قصف",
    "غارة",
    "غارات",
    "اشتباكات",
    "صد",
    "تصدى",
    "سيطر",
    "انفجار",
    "عبوة",
    "ناسفة",
    "مدني",
    "أطفال",
    "عنصرا",
    "داعش",
    "النظام",
    "التحالف",
    "على",
    "مواقع",
    "ل",
    "من",
    "بينهم",
    "منذ",
    "ارتفع",
    "إلى",
    "مقابل",
    "لم",
    "دون",
    "سوف",
    "التي",
    "فيما",
    "بعد",
    "في",
    "البوكمال",
    "5",
    "12",
    "ثلاثة",
    "،",
    ".",
    "\n",
    "«",
    "»",
    "الـ",
    "زعم",
    "نفى",
    "أعلن",
    "تحرير",
    "آخرون",
    "عدد",
    "قتلى",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn never_panics_and_keeps_its_promises(idx in proptest::collection::vec(0..WORDS.len(), 0..60)) {
        let text: String = idx.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
        let inp = Inputs {
            actors: &[("داعش", "ISIS"), ("النظام", "SYR_GOV"), ("التحالف", "US_COALITION")],
            places: &[("البوكمال", "البوكمال")],
            quants: &[("5", 5.0), ("12", 12.0), ("ثلاثة", 3.0)],
            sources: &[],
            times: &[],
            published: Some("2018-01-01"),
        };
        let (a, doc) = build(&text, &inp);
        let (cs, evs) = rasad_events::extract(&a, &doc);
        for (i, c) in cs.iter().enumerate() {
            if let Some(p) = c.part_of { prop_assert!(p < i); }
            prop_assert!(c.best.is_some());
        }
        for e in &evs {
            prop_assert!(!e.evidence.is_empty());
            for sp in &e.evidence {
                prop_assert!(a.sentences().contains(sp));
            }
            for f in &e.fatalities {
                prop_assert!(cs.contains(f));
            }
        }
    }
}
