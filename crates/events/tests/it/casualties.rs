//! Casualty claims: count, kind, side, tally, sub-counts. Sentences written
//! for these tests.

use crate::support;

use rasad_record::CasualtyKind::{self, *};
use support::{build, claims, outlet_claims, Inputs};

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
    // an officer named by his rank is one of the side named after him
    check(
        "قتل عقيد في قوات النظام بانفجار عبوة ناسفة على طريق المطار.",
        Inputs {
            actors: &[("قوات النظام", "SYR_GOV")],
            ..Default::default()
        },
        &[("SYR_GOV", Killed, 1.0)],
    );
    // a choking count is a count of the injured
    check(
        "أصيب نحو 40 شخصا بحالات اختناق بعد القصف، وسجلت 12 حالة اختناق أخرى.",
        Inputs {
            quants: &[("40", 40.0), ("12", 12.0)],
            ..Default::default()
        },
        &[("CIVILIANS", Injured, 40.0), ("CIVILIANS", Injured, 12.0)],
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

/// Text, actors, quantities, wanted claims.
type Row = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, f64)],
    &'static [Want],
);

/// Wire-copy classes of issue 12 (sentences written for these tests): the
/// victim noun of a count read past its qualifier and before its verb,
/// nationalities, a bare casualty noun, `ما لا يقل عن`, a plural verb
/// after its subject.
#[test]
fn wire_copy_claims_table() {
    let table: &[Row] = &[
        // qualifier after the noun: the noun still names unnamed people
        (
            "قتل 23 شخصاً على الأقل في غارات على مدينة سرت.",
            &[],
            &[("23 شخصاً على الأقل", 23.0)],
            &[("CIVILIANS", Killed, 23.0)],
        ),
        // the count before its verb
        (
            "وقال مسؤول محلي إن 14 شخصاً قتلوا في الانفجار.",
            &[],
            &[("14", 14.0)],
            &[("CIVILIANS", Killed, 14.0)],
        ),
        // a civilian noun before the verb is counted, not singular
        (
            "وأكد الطبيب أن 9 مدنيين أصيبوا في القصف.",
            &[],
            &[("9", 9.0)],
            &[("CIVILIANS", Injured, 9.0)],
        ),
        // victims by nationality, the army named after them is the shooter
        (
            "قتل 31 يمنياً خلال مواجهات مع الجيش قرب الحدود.",
            &[("الجيش", "SAU_GOV")],
            &[("31", 31.0)],
            &[("CIVILIANS", Killed, 31.0)],
        ),
        // a bare casualty noun after its count
        (
            "وأوضح أن الحصيلة بلغت 27 قتيلاً وقرابة 40 جريحاً.",
            &[],
            &[("27", 27.0), ("قرابة 40", 40.0)],
            &[("CIVILIANS", Killed, 27.0), ("CIVILIANS", Injured, 40.0)],
        ),
        // ما لا يقل عن is a lower bound, not a negation
        (
            "وقال المسعفون إن ما لا يقل عن 35 قتيلاً سقطوا في السوق.",
            &[],
            &[("ما لا يقل عن 35", 35.0)],
            &[("CIVILIANS", Killed, 35.0)],
        ),
        // the subject of a plural passive verb told after أن, words away
        (
            "وذكرت الوزارة أن خمسة عمال يعملون في شركة للطاقة قد اختطفوا قرب المصفاة.",
            &[],
            &[("خمسة", 5.0)],
            &[("CIVILIANS", Captured, 5.0)],
        ),
    ];
    for (text, actors, quants, want) in table {
        check(
            text,
            Inputs {
                actors,
                quants,
                ..Default::default()
            },
            want,
        );
    }
}

/// A toll of unnamed people is MIXED when its breakdown, a sentence on who
/// the dead were, or the war it counts names several sides.
#[test]
fn mixed_totals_table() {
    let table: &[Row] = &[
        (
            "قتل 40 شخصاً، بينهم 15 مدنياً، في غارة على قرية الحمرا.",
            &[],
            &[("40", 40.0), ("15", 15.0)],
            &[("MIXED", Killed, 40.0), ("CIVILIANS", Killed, 15.0)],
        ),
        (
            "قتل 9 أشخاص في هجوم على مبنى البلدية. ومن بين القتلى موظفون وحراس.",
            &[],
            &[("9", 9.0)],
            &[("MIXED", Killed, 9.0)],
        ),
        (
            "لقي 20 مقاتلاً حتفهم في الضربة، بينهم أفغان.",
            &[],
            &[("20", 20.0)],
            &[("MIXED", Killed, 20.0)],
        ),
        (
            "وخلفت الحرب أكثر من 5000 قتيل منذ بدايتها.",
            &[],
            &[("أكثر من 5000", 5000.0)],
            &[("MIXED", Killed, 5000.0)],
        ),
        // children among the dead say nothing of the rest
        (
            "قتل 12 شخصاً، بينهم 4 أطفال، في قصف على البلدة.",
            &[],
            &[("12", 12.0), ("4", 4.0)],
            &[("CIVILIANS", Killed, 12.0), ("CIVILIANS", Killed, 4.0)],
        ),
    ];
    for (text, actors, quants, want) in table {
        check(
            text,
            Inputs {
                actors,
                quants,
                ..Default::default()
            },
            want,
        );
    }
}

/// A figure told again (headline, lead) with the same side and source is
/// one claim with its other mentions; a changed figure is a new claim.
#[test]
fn repeated_figure_is_one_claim_with_mentions() {
    let text = "مقتل 17 مدنياً في قصف على البلدة. وقتل 17 مدنياً في القصف. ثم ارتفع عدد القتلى إلى 21 مدنياً.";
    let inp = Inputs {
        quants: &[("17", 17.0), ("21", 21.0)],
        ..Default::default()
    };
    let (a, doc) = build(text, &inp);
    let (cs, _) = rasad_events::extract(&a, &doc);
    let killed17: Vec<_> = cs.iter().filter(|c| c.best == Some(17.0)).collect();
    assert_eq!(killed17.len(), 1, "{cs:?}");
    assert_eq!(killed17[0].mentions.len(), 1, "{cs:?}");
    assert!(cs.iter().any(|c| c.best == Some(21.0)), "{cs:?}");
}

/// A toll noun before the casualty word (حصيلة القتلى، عدد الضحايا) with its
/// figure brought by إلى/بلغ and no victim noun: a claim of the dead, as a
/// bare `N قتيلاً` is. A toll update is its own claim next to the act.
#[test]
fn toll_noun_figure_after_reach_word() {
    type Row = (
        &'static str,
        &'static [(&'static str, f64)],
        &'static [Want],
    );
    let table: &[Row] = &[
        (
            "ارتفعت حصيلة القتلى إلى 37 في انفجار الشاحنة المفخخة بسوق مدينة الكوت.",
            &[("37", 37.0)],
            &[("CIVILIANS", Killed, 37.0)],
        ),
        (
            "وقال مدير المستشفى إن عدد الضحايا بلغ 19 حتى مساء الثلاثاء.",
            &[("19", 19.0)],
            &[("CIVILIANS", Killed, 19.0)],
        ),
        (
            "وارتفع عدد الجرحى إلى 64 بعد القصف المدفعي على الأحياء الشرقية.",
            &[("64", 64.0)],
            &[("CIVILIANS", Injured, 64.0)],
        ),
        (
            "قتل تسعة أشخاص في قصف على بلدة معرشورين، ثم ارتفعت حصيلة القتلى إلى 13.",
            &[("تسعة", 9.0), ("13", 13.0)],
            &[("CIVILIANS", Killed, 9.0), ("CIVILIANS", Killed, 13.0)],
        ),
    ];
    for (text, quants, want) in table {
        check(
            text,
            Inputs {
                quants,
                ..Default::default()
            },
            want,
        );
    }
}

/// Disease cases counted by a toll noun (عدد المصابين بالفيروس إلى N حالة)
/// are no casualty claim.
#[test]
fn toll_of_disease_cases_is_no_claim() {
    check(
        "وارتفع عدد المصابين بالفيروس في البلاد إلى 812 حالة منذ بداية العام.",
        Inputs {
            quants: &[("812", 812.0)],
            ..Default::default()
        },
        &[],
    );
}

#[test]
fn a_figure_the_lead_states_and_a_source_repeats_is_the_sources() {
    let text = "قتل تسعة مدنيين في قصف على البلدة. وأعلنت مديرية الصحة مقتل تسعة مدنيين وجرح عشرين. وقال المرصد إن تسعة مدنيين قتلوا.";
    let cs = outlet_claims(
        text,
        &Inputs {
            sources: &[("مديرية الصحة", "مديرية الصحة"), ("المرصد", "المرصد")],
            quants: &[("تسعة", 9.0), ("عشرين", 20.0)],
            ..Default::default()
        },
    );
    let killed: Vec<_> = cs.iter().filter(|c| c.kind == Killed).collect();
    // the lead's figure is the first source's; the second source's equal
    // figure stays its own claim
    assert_eq!(killed.len(), 2, "{cs:?}");
    assert_eq!(killed[0].attributed_to.as_deref(), Some("مديرية الصحة"));
    assert_eq!(killed[0].mentions.len(), 1, "{cs:?}");
    assert_eq!(killed[1].attributed_to.as_deref(), Some("المرصد"));
}

#[test]
fn a_sources_figure_the_outlet_repeats_is_one_claim() {
    let text = "وقال المرصد إن تسعة مدنيين قتلوا في القصف. وبذلك قتل تسعة مدنيين في البلدة.";
    let cs = outlet_claims(
        text,
        &Inputs {
            sources: &[("المرصد", "المرصد")],
            quants: &[("تسعة", 9.0)],
            ..Default::default()
        },
    );
    assert_eq!(cs.len(), 1, "{cs:?}");
    assert_eq!(cs[0].attributed_to.as_deref(), Some("المرصد"));
}

#[test]
fn a_claim_is_told_under_the_sources_in_its_scope() {
    // (text, wanted source; "الوكالة" is the outlet's own word)
    let table: &[(&str, &str)] = &[
        // a source named in a later clause does not source the claim
        (
            "قتل خمسة مدنيين في القصف، بينما تقول المنظمة إن معظم الضحايا نساء.",
            "الوكالة",
        ),
        // ... unless the clause is an attribution (كما أفاد)
        (
            "قتل خمسة مدنيين في القصف، كما أفادت المنظمة في بيان.",
            "المنظمة",
        ),
        // a speaker's quotation closed: the outlet goes on in its own words
        (
            "قال الجيش إن \"العملية حققت أهدافها كاملة في المنطقة\" في وقت أدى القصف إلى مقتل خمسة مدنيين.",
            "الوكالة",
        ),
        // a quoted name is no quotation of speech
        (
            "قال الجيش إن مقاتلي \"الكتيبة الثالثة\" قتلوا خمسة مدنيين.",
            "الجيش",
        ),
    ];
    for (text, want) in table {
        let cs = outlet_claims(
            text,
            &Inputs {
                sources: &[("المنظمة", "المنظمة"), ("الجيش", "الجيش")],
                quants: &[("خمسة", 5.0)],
                ..Default::default()
            },
        );
        assert_eq!(cs.len(), 1, "{text}: {cs:?}");
        assert_eq!(cs[0].attributed_to.as_deref(), Some(*want), "{text}");
    }
}

#[test]
fn a_war_scale_death_toll_is_a_tally() {
    for (text, n, tally) in [
        ("أسفر النزاع في البلاد عن مقتل أربعة آلاف شخص.", 4000.0, true),
        ("قتل أربعون شخصا في القصف على السوق.", 40.0, false),
    ] {
        let (a, doc) = build(
            text,
            &Inputs {
                quants: &[("أربعة آلاف", 4000.0), ("أربعون", 40.0)],
                ..Default::default()
            },
        );
        let (cs, evs) = rasad_events::extract(&a, &doc);
        assert_eq!(cs.len(), 1, "{text}: {cs:?}");
        assert_eq!(cs[0].best, Some(n), "{text}");
        assert_eq!(cs[0].tally, tally, "{text}");
        // a tally of a war is no incident
        assert_eq!(evs.is_empty(), tally, "{text}: {evs:?}");
    }
}
