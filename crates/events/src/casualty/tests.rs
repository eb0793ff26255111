//! Table-driven rows for the casualty rules: for each side rule a sentence
//! of our own where that rule, and no earlier one, names the side. The
//! inputs the earlier stages would find (actor mentions, counts) are given
//! by hand.

use super::site::Site;
use super::{breakdown, claims, Claim};
use crate::certainty::sentence_sources;
use crate::context::Ctx;
use crate::tests::document;

/// The claims read from `text`.
pub(super) fn read(text: &str, actors: &[(&str, &str)], quants: &[(&str, f64)]) -> Vec<Claim> {
    let (a, doc) = document(text, actors, quants);
    let ctx = Ctx::new(&a, &doc);
    claims(&ctx, &sentence_sources(&ctx))
}

/// Calls `f` with the site of the `nth` casualty word of `text` (the first
/// sentence that holds it, no claim read before).
pub(super) fn at_word<R>(
    text: &str,
    actors: &[(&str, &str)],
    quants: &[(&str, f64)],
    nth: usize,
    f: impl FnOnce(&Site) -> R,
) -> R {
    let (a, doc) = document(text, actors, quants);
    let ctx = Ctx::new(&a, &doc);
    let hit = ctx.casualty[nth];
    let si = ctx
        .sent_of_tok(hit.start)
        .expect("the word is in a sentence");
    let s = ctx.sents[si];
    let regions = breakdown::regions(&ctx, s.t0, s.t1);
    let site = Site::new(&ctx, hit, si, &regions, &[], 0).expect("a casualty word");
    f(&site)
}

/// One row: the rule, the sentence, actor mentions, counts, and the side the
/// rule names with the count of its claim.
type SideRow = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, f64)],
    &'static str,
    f64,
);

const SIDE_ROWS: &[SideRow] = &[
    (
        "ordinal_previous",
        "قتل عنصران من الفصيل وجرح ثالث.",
        &[("الفصيل", "FAC")],
        &[],
        "FAC",
        1.0,
    ),
    (
        "pronoun_antecedent",
        "داهمت الشرطة مقر العصابة وقتلت اثنين من أفرادها.",
        &[("الشرطة", "POLICE"), ("العصابة", "GANG")],
        &[("اثنين", 2.0)],
        "GANG",
        2.0,
    ),
    (
        "idafa_after_word",
        "ارتفع عدد قتلى الفصيل إلى 9.",
        &[("الفصيل", "FAC")],
        &[("9", 9.0)],
        "FAC",
        9.0,
    ),
    (
        "idafa_after_word",
        "أعلنت المصادر مقتل الطفل في القصف.",
        &[],
        &[],
        "CIVILIANS",
        1.0,
    ),
    (
        "between_count_and_word",
        "لقي أربعة من عناصر الشرطة حتفهم.",
        &[("الشرطة", "POLICE")],
        &[("أربعة", 4.0)],
        "POLICE",
        4.0,
    ),
    (
        "next_to_count",
        "قتل ستة عناصر من الفصيل.",
        &[("الفصيل", "FAC")],
        &[("ستة", 6.0)],
        "FAC",
        6.0,
    ),
    (
        "singular_noun_side",
        "وأفادت المصادر أن طفلا أصيب بشظية.",
        &[],
        &[],
        "CIVILIANS",
        1.0,
    ),
    (
        "others_in_sentence",
        "قتل ثلاثة عناصر من الفصيل وجرح خمسة آخرون.",
        &[("الفصيل", "FAC")],
        &[("ثلاثة", 3.0), ("خمسة", 5.0)],
        "FAC",
        5.0,
    ),
    (
        "definite_head",
        "اشتبك لواء الفتح مع الفصيل وقتل أربعة من عناصر اللواء.",
        &[("لواء الفتح", "LIWA"), ("الفصيل", "FAC")],
        &[("أربعة", 4.0)],
        "LIWA",
        4.0,
    ),
    (
        "attack_target",
        "قصفت المدفعية مواقع لقوات الجبهة ما أدى إلى مقتل تسعة مقاتلين.",
        &[("قوات الجبهة", "FRONT")],
        &[("تسعة", 9.0)],
        "FRONT",
        9.0,
    ),
    (
        "bomber_subject",
        "أقدم عنصر من الكتيبة على تفجير نفسه قرب الحاجز.",
        &[("الكتيبة", "KAT")],
        &[],
        "KAT",
        1.0,
    ),
    (
        "previous_in_sentence",
        "قتل عنصران من الفصيل، وأصيب أربعة.",
        &[("الفصيل", "FAC")],
        &[("أربعة", 4.0)],
        "FAC",
        4.0,
    ),
    (
        "others_told_before",
        "قتل خمسة من عناصر الفصيل في الكمين. كما جرح ثلاثة عناصر مسلحين آخرين.",
        &[("الفصيل", "FAC")],
        &[("خمسة", 5.0), ("ثلاثة", 3.0)],
        "FAC",
        3.0,
    ),
    (
        "same_victims_told_before",
        "قتل أربعة من عناصر الفصيل في الكمين. ونقلت سيارات الإسعاف ستة جرحى.",
        &[("الفصيل", "FAC")],
        &[("أربعة", 4.0), ("ستة", 6.0)],
        "FAC",
        6.0,
    ),
    (
        "default_side",
        "قتل ثلاثة أشخاص في انفجار.",
        &[],
        &[("ثلاثة", 3.0)],
        "CIVILIANS",
        3.0,
    ),
    (
        "default_side",
        "قتل جنديان في هجوم على حاجز. وأرسل الجيش العراقي تعزيزات.",
        &[("الجيش العراقي", "IRAQ_GOV")],
        &[],
        "IRAQ_GOV",
        2.0,
    ),
    (
        "unnamed_dead",
        "أسفر الانفجار عن 14 قتيلا.",
        &[],
        &[("14", 14.0)],
        "CIVILIANS",
        14.0,
    ),
    (
        "unnamed_dead",
        "ارتفعت حصيلة القتلى إلى 25.",
        &[],
        &[("25", 25.0)],
        "CIVILIANS",
        25.0,
    ),
    (
        "merged_next_to_count",
        "قتل في القصف المدفعي على القرية أمس 7 قتلى من الفصيل.",
        &[("الفصيل", "FAC")],
        &[("7", 7.0)],
        "FAC",
        7.0,
    ),
    (
        "versus",
        "قتل 40 من عناصر الفصيل مقابل 12 من الكتيبة.",
        &[("الفصيل", "FAC"), ("الكتيبة", "KAT")],
        &[("40", 40.0), ("12", 12.0)],
        "KAT",
        12.0,
    ),
    (
        "coordinated",
        "قتل 9 عناصر من الفصيل و5 مقاتلين من الكتيبة.",
        &[("الفصيل", "FAC"), ("الكتيبة", "KAT")],
        &[("9", 9.0), ("5", 5.0)],
        "KAT",
        5.0,
    ),
    (
        "subcount_noun",
        "قتل تسعة أشخاص بينهم ستة أطفال.",
        &[],
        &[("تسعة", 9.0), ("ستة", 6.0)],
        "CIVILIANS",
        6.0,
    ),
    (
        "mixed_by_breakdown",
        "قتل 30 شخصا، بينهم 12 مدنيا وعناصر من الشرطة.",
        &[("الشرطة", "POLICE")],
        &[("30", 30.0), ("12", 12.0)],
        "MIXED",
        30.0,
    ),
    (
        // No actor named: the toll's side was only its noun's fallback.
        "mixed_by_breakdown",
        "قتل 25 شخصا بينهم 10 جنود وطفل واحد.",
        &[],
        &[("25", 25.0), ("10", 10.0)],
        "MIXED",
        25.0,
    ),
    (
        "mixed_by_breakdown",
        "قتل 40 شخصا على الأقل في القصف، بينهم 15 مدنيا.",
        &[],
        &[("40", 40.0), ("15", 15.0)],
        "MIXED",
        40.0,
    ),
    (
        "mixed_by_among_dead",
        "قتل 9 أشخاص في هجوم على مقر البلدية. ومن بين القتلى مهاجمون وشرطيون.",
        &[],
        &[("9", 9.0)],
        "MIXED",
        9.0,
    ),
    (
        "mixed_follows_previous",
        "قتل 9 أشخاص وجرح اثنان في هجوم على مقر البلدية. ومن بين القتلى مهاجمون وشرطيون.",
        &[],
        &[("9", 9.0), ("اثنان", 2.0)],
        "MIXED",
        2.0,
    ),
    (
        "mixed_by_sentence_sides",
        "قتل سبعة أشخاص في الهجوم على المقر وجرح عدد من العمال والحراس.",
        &[],
        &[("سبعة", 7.0)],
        "MIXED",
        7.0,
    ),
    (
        "mixed_follows_figure",
        "قتل سبعة أشخاص في الهجوم على المقر وجرح عدد من العمال والحراس. وأكد الطبيب مقتل سبعة أشخاص.",
        &[],
        &[("سبعة", 7.0)],
        "MIXED",
        7.0,
    ),
    (
        // the coalition after منذ dates the war, it is not the dead's side
        "mixed_by_war",
        "وخلفت الحرب في البلاد أكثر من ألفي قتيل منذ تدخل التحالف في 2016.",
        &[("التحالف", "COALITION")],
        &[("ألفي", 2000.0)],
        "MIXED",
        2000.0,
    ),
    (
        "mixed_by_war",
        "قتل 3000 شخص في الحرب الأهلية.",
        &[],
        &[("3000", 3000.0)],
        "MIXED",
        3000.0,
    ),
];

#[test]
fn each_side_rule_names_the_side_of_its_example() {
    for &(rule, text, actors, quants, side, best) in SIDE_ROWS {
        let got = read(text, actors, quants);
        let by_rule: Vec<&Claim> = got.iter().filter(|c| c.side_rule == Some(rule)).collect();
        assert!(
            !by_rule.is_empty(),
            "{rule}: no claim sided by it in {text}: {:?}",
            got.iter()
                .map(|c| (c.side_rule, c.group.clone(), c.best))
                .collect::<Vec<_>>()
        );
        assert!(
            by_rule
                .iter()
                .any(|c| c.group.as_deref() == Some(side) && c.best == Some(best)),
            "{rule}: {text}: {:?}",
            by_rule
                .iter()
                .map(|c| (c.group.clone(), c.best))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn every_side_rule_has_a_row() {
    for (name, _) in super::side::SIDE_RULES {
        assert!(
            SIDE_ROWS.iter().any(|r| r.0 == *name),
            "side rule {name} has no row"
        );
    }
}

/// Without its rule, a row's claim is sided otherwise or not at all: the
/// rows test the rules, not the words around them.
#[test]
fn a_side_rule_row_depends_on_its_rule() {
    // the soldiers' army named outside the sentence: without it, no side
    let got = read("قتل جنديان في هجوم على حاجز.", &[], &[]);
    assert!(got.iter().all(|c| c.group.is_none()), "{got:?}");
    // an ordinal with no claim before it in the sentence has no side
    let got = read("وجرح ثالث في القصف.", &[], &[]);
    assert!(got.iter().all(|c| c.group.is_none()), "{got:?}");
}

#[test]
fn a_casualty_word_inside_a_breakdown_belongs_to_the_total() {
    let got = read(
        "قتل سبعة أشخاص بينهم طفلان قتلا في منزلهما.",
        &[],
        &[("سبعة", 7.0)],
    );
    let killed: Vec<Option<f64>> = got
        .iter()
        .filter(|c| c.part_of.is_none())
        .map(|c| c.best)
        .collect();
    assert_eq!(killed, vec![Some(7.0)], "{got:?}");
}

/// A count with a casualty word of another kind ends the breakdown: the
/// wounded after the dead are no part of them.
#[test]
fn wounded_after_a_breakdown_of_the_dead_are_a_claim_of_their_own() {
    let got = read(
        "قتل 12 شخصا بينهم امرأة إضافة إلى نحو 300 جريح في المواجهات.",
        &[],
        &[("12", 12.0), ("نحو 300", 300.0)],
    );
    let wounded: Vec<(Option<f64>, bool)> = got
        .iter()
        .filter(|c| c.kind == rasad_record::CasualtyKind::Injured)
        .map(|c| (c.best, c.part_of.is_none()))
        .collect();
    assert_eq!(wounded, vec![(Some(300.0), true)], "{got:?}");
}

/// The force after `مع` right after a clash word fought the dead; it is
/// not their side.
#[test]
fn the_other_side_of_a_clash_is_not_the_side_of_the_dead() {
    let got = read(
        "وقتل تسعة مسلحين خلال اشتباكات مع الكتيبة.",
        &[("الكتيبة", "KAT")],
        &[("تسعة", 9.0)],
    );
    let sides: Vec<Option<&str>> = got.iter().map(|c| c.group.as_deref()).collect();
    assert!(!sides.contains(&Some("KAT")), "{got:?}");
}

type Actors = &'static [(&'static str, &'static str)];
type Counts = &'static [(&'static str, f64)];

/// Tolls whose side a word names, or that nothing shows to hold several
/// sides, are not made `MIXED`.
#[test]
fn named_or_plain_tolls_stay_on_their_side() {
    // (sentence, actor mentions, counts, the side its first claim keeps)
    type Row = (&'static str, Actors, Counts, &'static str);
    let rows: &[Row] = &[
        (
            "قتل 9 أشخاص في غارة على سوق المدينة.",
            &[],
            &[("9", 9.0)],
            "CIVILIANS",
        ),
        (
            "قتل 20 مدنيا بينهم 8 أطفال.",
            &[],
            &[("20", 20.0), ("8", 8.0)],
            "CIVILIANS",
        ),
        (
            // a singular victim noun names its side before the shooters do
            "قال مصدر طبي إن متظاهرا قتل اليوم برصاص حراس مقر منظمة بدر في المدينة.",
            &[("منظمة بدر", "PMF")],
            &[],
            "CIVILIANS",
        ),
        (
            // women and children are no two sides: the toll stays civilians
            "قتل 9 أشخاص وأصيب نساء وأطفال في غارة على سوق المدينة.",
            &[],
            &[("9", 9.0)],
            "CIVILIANS",
        ),
        (
            "قتل 6 مسلحين من الفصيل بينهم قياديون من الفصيل.",
            &[("الفصيل", "FAC")],
            &[("6", 6.0)],
            "FAC",
        ),
    ];
    for &(text, actors, quants, side) in rows {
        let got = read(text, actors, quants);
        let first = got.first().unwrap_or_else(|| panic!("no claim in {text}"));
        assert_eq!(
            first.group.as_deref(),
            Some(side),
            "{text}: {:?}",
            first.side_rule
        );
    }
}

/// Nouns that count by their form (`count` in casualty.toml): one for the
/// singular, two for the dual, none when a number, the article, another
/// casualty word or a range word stands before them.
#[test]
fn nouns_count_by_their_form() {
    // (sentence, counts, the (kind, best) of every claim read)
    type Row = (&'static str, Counts, &'static [(&'static str, f64)]);
    let rows: &[Row] = &[
        (
            "أسفرت الغارة عن قتيلين وخمسة جرحى.",
            &[("خمسة", 5.0)],
            &[("killed", 2.0), ("injured", 5.0)],
        ),
        (
            "أسفر الانفجار عن سقوط قتيل وجريحين.",
            &[],
            &[("killed", 1.0), ("injured", 2.0)],
        ),
        (
            "أعلنت الوزارة أن هناك 9 قتلى وجريحين في الهجوم.",
            &[("9", 9.0)],
            &[("killed", 9.0), ("injured", 2.0)],
        ),
        (
            "سقط في المعارك 80 قتيل وجريح.",
            &[("80", 80.0)],
            &[("killed", 80.0)],
        ),
        ("أوقعت القذيفة عددا من الجنود بين قتيل وجريح.", &[], &[]),
        ("وقال المسؤول إن القتيل كان يعمل في المستشفى.", &[], &[]),
    ];
    for &(text, quants, want) in rows {
        let got: Vec<(String, f64)> = read(text, &[], quants)
            .iter()
            .filter(|c| c.best.is_some() && c.part_of.is_none())
            .map(|c| {
                (
                    format!("{:?}", c.kind).to_lowercase(),
                    c.best.unwrap_or(0.0),
                )
            })
            .collect();
        let want: Vec<(String, f64)> = want.iter().map(|&(k, b)| (k.to_string(), b)).collect();
        assert_eq!(got, want, "{text}");
    }
}
