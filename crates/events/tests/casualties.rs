//! Casualty claims: count, kind, side, tally, sub-counts. Sentences written
//! for these tests.

mod support;

use rasad_record::CasualtyKind::{self, *};
use support::{build, claims, Inputs};

type Want = (&'static str, CasualtyKind, f64);

fn check(text: &str, inp: Inputs, want: &[Want]) {
    let got = claims(text, &inp);
    let want: Vec<(Option<String>, CasualtyKind, Option<f64>)> = want
        .iter()
        .map(|(g, k, b)| (Some(g.to_string()), *k, Some(*b)))
        .collect();
    assert_eq!(got, want, "{text}");
}

#[test]
fn count_and_side_from_actor_after() {
    check(
        "قتل 12 عنصراً من قوات النظام في اشتباكات مع الفصائل بريف حماة.",
        Inputs {
            actors: &[("قوات النظام", "SYR_GOV"), ("الفصائل", "OPPOSITION")],
            quants: &[("12", 12.0)],
            ..Default::default()
        },
        &[("SYR_GOV", Killed, 12.0)],
    );
}

#[test]
fn singular_victim_noun_counts_one_and_others_inherit() {
    check(
        "قتل مدني وأصيب خمسة آخرون بقصف مدفعي على بلدة كفرنبل.",
        Inputs {
            quants: &[("خمسة", 5.0)],
            ..Default::default()
        },
        &[("CIVILIANS", Killed, 1.0), ("CIVILIANS", Injured, 5.0)],
    );
}

#[test]
fn perpetrator_is_not_the_side() {
    check(
        "مقتل ثلاثة أطفال بغارة لطائرات روسية على معرة النعمان.",
        Inputs {
            actors: &[("طائرات روسية", "RUSSIA")],
            quants: &[("ثلاثة", 3.0)],
            ..Default::default()
        },
        &[("CIVILIANS", Killed, 3.0)],
    );
}

#[test]
fn vague_counts_are_not_reported() {
    check(
        "وأصيب العشرات من عناصر الحشد الشعبي بجراح.",
        Inputs {
            actors: &[("الحشد الشعبي", "PMF")],
            quants: &[("العشرات", -1.0)],
            ..Default::default()
        },
        &[],
    );
}

#[test]
fn negated_claims_are_not_claims() {
    check("ولم تسجل إصابات بين المدنيين.", Inputs::default(), &[]);
}

#[test]
fn tally_with_period_and_versus() {
    let text = "وارتفعت حصيلة قتلى داعش إلى 300 قتيل منذ بداية الشهر مقابل 120 من عناصر البيشمركة.";
    let (a, doc) = build(
        text,
        &Inputs {
            actors: &[("داعش", "ISIS"), ("البيشمركة", "KRG")],
            quants: &[("300", 300.0), ("120", 120.0)],
            times: &[("بداية الشهر", "2016-10")],
            ..Default::default()
        },
    );
    let (cs, evs) = rasad_events::extract(&a, &doc);
    let got: Vec<_> = cs
        .iter()
        .map(|c| (c.group.clone().unwrap_or_default(), c.kind, c.best, c.tally))
        .collect();
    assert_eq!(
        got,
        vec![
            ("ISIS".to_string(), Killed, Some(300.0), true),
            ("KRG".to_string(), Killed, Some(120.0), true)
        ]
    );
    assert_eq!(cs[0].period.as_deref(), Some("2016-10"));
    assert!(evs.is_empty(), "a tally is not an incident: {evs:?}");
}

#[test]
fn subcounts_point_at_their_total() {
    let text = "وقتل 20 عنصراً من داعش بينهم خمسة انتحاريين واثنان من القادة.";
    let (a, doc) = build(
        text,
        &Inputs {
            actors: &[("داعش", "ISIS")],
            quants: &[("20", 20.0), ("خمسة", 5.0), ("اثنان", 2.0)],
            ..Default::default()
        },
    );
    let (cs, _) = rasad_events::extract(&a, &doc);
    assert_eq!(cs.len(), 3, "{cs:?}");
    assert_eq!(cs[0].best, Some(20.0));
    assert_eq!(cs[0].part_of, None);
    assert_eq!((cs[1].best, cs[1].part_of), (Some(5.0), Some(0)));
    assert_eq!((cs[2].best, cs[2].part_of), (Some(2.0), Some(0)));
    assert!(cs.iter().all(|c| c.group.as_deref() == Some("ISIS")));
}

#[test]
fn captured_needs_its_object() {
    check(
        "وأسر مقاتلو الفصائل جنديين من الجيش التركي.",
        Inputs {
            actors: &[("الجيش التركي", "TURKEY"), ("الفصائل", "OPPOSITION")],
            quants: &[("جنديين", 2.0)],
            ..Default::default()
        },
        &[("TURKEY", Captured, 2.0)],
    );
    check(
        "ونزحت 50 أسر من القرية.",
        Inputs {
            quants: &[("50", 50.0)],
            ..Default::default()
        },
        &[],
    );
}

#[test]
fn attribution_is_the_cited_source() {
    let text = "ووثق المرصد السوري مقتل 7 مدنيين في القصف.";
    let (a, doc) = build(
        text,
        &Inputs {
            sources: &[("المرصد السوري", "المرصد السوري لحقوق الإنسان")],
            quants: &[("7", 7.0)],
            ..Default::default()
        },
    );
    let (cs, _) = rasad_events::extract(&a, &doc);
    assert_eq!(cs.len(), 1);
    assert_eq!(
        cs[0].attributed_to.as_deref(),
        Some("المرصد السوري لحقوق الإنسان")
    );
}

#[test]
fn dates_are_not_counts() {
    check(
        "قتل مدني في 13 تشرين الأول بقصف على البلدة.",
        Inputs {
            times: &[("13 تشرين الأول", "2018-10-13")],
            quants: &[("13", 13.0)],
            ..Default::default()
        },
        &[("CIVILIANS", Killed, 1.0)],
    );
}

#[test]
fn breakdown_ends_before_a_new_claim_of_others() {
    check(
        "قتل أربعة مدنيين بينهم امرأتان وأصيب تسعة آخرون بقصف على بلدة معرة حرمة.",
        Inputs {
            quants: &[("أربعة", 4.0), ("امرأتان", 2.0), ("تسعة", 9.0)],
            ..Default::default()
        },
        &[
            ("CIVILIANS", Killed, 4.0),
            ("CIVILIANS", Injured, 9.0),
            ("CIVILIANS", Killed, 2.0),
        ],
    );
    check(
        "قتل خمسة عناصر من قوات النظام بينهم ضابط وجرح ثلاثة آخرون في هجوم قرب بلدة اللطامنة.",
        Inputs {
            actors: &[("قوات النظام", "SYR_GOV")],
            quants: &[("خمسة", 5.0), ("ثلاثة", 3.0)],
            ..Default::default()
        },
        &[
            ("SYR_GOV", Killed, 5.0),
            ("SYR_GOV", Injured, 3.0),
            ("SYR_GOV", Killed, 1.0),
        ],
    );
}

#[test]
fn dual_victim_nouns_count_two() {
    let cases: &[(&str, Inputs, &[Want])] = &[
        (
            "استشهد مدنيان وأصيب أربعة آخرون بجروح جراء قصف على بلدة كفرزيتا.",
            Inputs {
                quants: &[("أربعة", 4.0)],
                ..Default::default()
            },
            &[("CIVILIANS", Killed, 2.0), ("CIVILIANS", Injured, 4.0)],
        ),
        (
            "قتل طفلان في انفجار عبوة ناسفة بمدينة الباب.",
            Inputs::default(),
            &[("CIVILIANS", Killed, 2.0)],
        ),
        (
            "أصيب جنديان من قوات النظام بنيران قناص في ريف اللاذقية.",
            Inputs {
                actors: &[("قوات النظام", "SYR_GOV")],
                ..Default::default()
            },
            &[("SYR_GOV", Injured, 2.0)],
        ),
    ];
    for (text, inp, want) in cases {
        let got = claims(text, inp);
        let want: Vec<_> = want
            .iter()
            .map(|(g, k, b)| (Some(g.to_string()), *k, Some(*b)))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}
