//! What counts as an event and how many: statements, threats, conditionals
//! and denials of "any" act make none; one incident told over several
//! sentences or with two nouns is one; roles and attribution read from the
//! clause. Sentences written for these tests.

use crate::support;

use rasad_record::Role;
use support::{build, events, outlet_claims, role, Inputs};

#[test]
fn no_event_from_statements_threats_conditionals_and_denials() {
    let inp = Inputs {
        actors: &[
            ("التحالف", "US_COALITION"),
            ("قوات النظام", "SYR_GOV"),
            ("سلاح الجو الروسي", "RUSSIA"),
        ],
        ..Default::default()
    };
    let table = [
        "أدانت وزارة الخارجية القصف المدفعي على الأحياء السكنية.",
        "حذرت الأمم المتحدة من غارات جوية على المخيمات.",
        "دعت المنظمة إلى وقف القصف على المدنيين.",
        "قال القائد إن قواته ستشن هجوما واسعا على المدينة.",
        "تعتزم قوات النظام اقتحام البلدة خلال أيام.",
        "في حال تقدمت قوات النظام نحو المدينة فإن الفصائل ستشن هجمات.",
        "نفت وزارة الدفاع وقوع أي قصف على القرية.",
        "ارتكبت طائرات التحالف عشرات المجازر بحق المدنيين.",
        "انسحبت الفصائل من المدينة دون تدخل من سلاح الجو الروسي.",
        "ويأتي الهجوم في سياق سلسلة هجمات مماثلة على المنشآت.",
        "وقالت اللجنة إن قوات النظام خرقت الاتفاق مئات المرات.",
    ];
    for text in table {
        let evs = events(text, &inp);
        assert!(evs.is_empty(), "{text}: {evs:?}");
    }
}

#[test]
fn one_incident_told_over_several_sentences_is_one_event() {
    let places = &[
        ("الرمادي", "الرمادي"),
        ("حي الملعب", "حي الملعب"),
        ("قرية البوعلي", "قرية البوعلي"),
        ("مشفى الرمادي العام", "مشفى الرمادي العام"),
    ];
    let table: &[(&str, usize)] = &[
        // a sentence opened by a speech verb tells more of the incident,
        // whatever places it adds
        (
            "انفجرت عبوة ناسفة في حي الملعب بمدينة الرمادي. وقال المصدر إن قذائف سقطت على قرية البوعلي بعد الانفجار.",
            1,
        ),
        // an act named with the article is the one already told, even as
        // another type (the clashes the explosion set off)
        (
            "انفجرت سيارة مفخخة في حي الملعب. واندلعت بعد ساعة الاشتباكات في قرية البوعلي. ونقل الجرحى إلى مشفى الرمادي العام.",
            1,
        ),
        // a suicide bomber whose belt exploded, then "the attack"
        (
            "فجر انتحاري نفسه بحزام ناسف في الرمادي. وتبنى التنظيم الهجوم في بيان.",
            1,
        ),
        // the same day, once with a clock time
        (
            "أطلقت قذائف على حي الملعب فجر اليوم. وقال المصدر إن القذائف سقطت في الساعة الثانية من فجر اليوم على قرية البوعلي.",
            1,
        ),
        // the two sides of a clash told the other way round by a source
        (
            "اندلعت اشتباكات بين التنظيم والقوات الأمنية في قرية البوعلي. وقال المصدر إن القوات الأمنية هاجمت مواقع التنظيم في القرية.",
            1,
        ),
        // "the same day" is the story's day, whatever it resolved to
        (
            "اندلعت اشتباكات في قرية البوعلي أمس الأول. وقال المصدر إن الاشتباكات توقفت مساء اليوم نفسه.",
            1,
        ),
        // unidentified gunmen in the account of a named group's kidnapping
        (
            "اختطف التنظيم خمسة رعاة في قرية البوعلي. وقال المصدر إن المسلحين هاجموا الرعاة واقتادوهم إلى جهة مجهولة.",
            1,
        ),
        // two strikes in two places told without a link stay two
        (
            "قصفت طائرات حربية قرية البوعلي صباحا. وفي المساء انفجرت عبوة في حي الملعب.",
            2,
        ),
    ];
    for (text, n) in table {
        let inp = Inputs {
            places,
            actors: &[
                ("التنظيم", "ISIS"),
                ("المسلحين", "UNKNOWN"),
                ("القوات الأمنية", "IRAQ_GOV"),
            ],
            times: &[
                ("فجر اليوم", "2019-07-06"),
                ("الساعة الثانية من فجر اليوم", "2019-07-06T02:00"),
                ("أمس الأول", "2019-07-04"),
                ("مساء اليوم", "2019-07-06"),
            ],
            ..Default::default()
        };
        let evs = events(text, &inp);
        assert_eq!(evs.len(), *n, "{text}: {evs:?}");
        if *n == 1 {
            assert!(!role(&evs[0], Role::Actor2).contains(&"UNKNOWN"), "{text}");
        }
    }
}

#[test]
fn background_word_governs_only_the_first_act_after_it() {
    let inp = Inputs {
        actors: &[("الطائرات الروسية", "RUSSIA"), ("التنظيم", "ISIS")],
        places: &[("جبل البشري", "جبل البشري")],
        ..Default::default()
    };
    // the raid after "عقب الهجوم" is news; the attack is its setting
    let evs = events(
        "شنت الطائرات الروسية عقب الهجوم غارات على مواقع التنظيم في جبل البشري.",
        &inp,
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(evs[0].kind, "explosions_remote_violence");
    assert_eq!(role(&evs[0], Role::Actor1), vec!["RUSSIA"]);
    // an act in construct with the background noun is the same act
    let evs = events("وصل الجرحى إلى المشفى بعد تفجير عبوة ناسفة.", &inp);
    assert!(evs.is_empty(), "{evs:?}");
}

#[test]
fn territory_verbs_need_ground() {
    let inp = Inputs {
        actors: &[("المسلحون", "UNKNOWN")],
        places: &[("تل أبيض", "تل أبيض")],
        ..Default::default()
    };
    let table: &[(&str, usize)] = &[
        ("سيطر المسلحون على هواتف الأهالي وأموالهم.", 0),
        ("سيطر المسلحون على تل أبيض بعد معارك.", 1),
        ("سيطر المسلحون على قرية قريبة من الحدود.", 1),
    ];
    for (text, n) in table {
        let evs = events(text, &inp);
        assert_eq!(evs.len(), *n, "{text}: {evs:?}");
    }
}

#[test]
fn air_defences_meeting_a_strike_are_the_strike() {
    let inp = Inputs {
        actors: &[("إسرائيلي", "ISRAEL")],
        places: &[("مطار المزة", "مطار المزة")],
        ..Default::default()
    };
    let evs = events(
        "تصدت وسائط الدفاع الجوي فجر اليوم لعدوان جوي إسرائيلي بالصواريخ على محيط مطار المزة.",
        &inp,
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(evs[0].kind, "explosions_remote_violence");
    assert!(!role(&evs[0], Role::Actor2).contains(&"ISRAEL"), "{evs:?}");
}

#[test]
fn unnamed_perpetrators_are_unknown() {
    let table = [
        "انفجرت عبوة ناسفة بسيارة مدنية على طريق المطار.",
        "اغتيل مختار القرية أمام منزله.",
    ];
    for text in table {
        let evs = events(text, &Inputs::default());
        assert_eq!(evs.len(), 1, "{text}");
        assert_eq!(role(&evs[0], Role::Actor1), vec!["UNKNOWN"], "{text}");
    }
    // a place of unknown whereabouts names no perpetrator
    let evs = events(
        "اندلعت اشتباكات في القرية واقتيد عدد من السكان إلى جهة مجهولة.",
        &Inputs::default(),
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert!(role(&evs[0], Role::Actor1).is_empty(), "{evs:?}");
    // a named perpetrator stays
    let evs = events(
        "انفجرت عبوة ناسفة زرعها التنظيم على طريق المطار.",
        &Inputs {
            actors: &[("التنظيم", "ISIS")],
            ..Default::default()
        },
    );
    assert!(!role(&evs[0], Role::Actor1).contains(&"UNKNOWN"), "{evs:?}");
}

#[test]
fn died_with_the_people_between_the_two_words() {
    let table: &[(&str, &str, f64)] = &[
        (
            "لقي 5 عناصر من قوات النظام حتفهم بانفجار لغم.",
            "SYR_GOV",
            5.0,
        ),
        ("لقي شاب حتفه برصاص مجهولين.", "CIVILIANS", 1.0),
        ("لقي أربعة مدنيين حتفهم في القصف.", "CIVILIANS", 4.0),
    ];
    for (text, g, n) in table {
        let inp = Inputs {
            actors: &[("قوات النظام", "SYR_GOV")],
            quants: &[("5", 5.0), ("أربعة", 4.0)],
            ..Default::default()
        };
        let (a, doc) = build(text, &inp);
        let cs = rasad_events::extract(&a, &doc).0;
        let got: Vec<(Option<&str>, Option<f64>)> =
            cs.iter().map(|c| (c.group.as_deref(), c.best)).collect();
        assert_eq!(got, vec![(Some(*g), Some(*n))], "{text}");
    }
}

#[test]
fn a_claim_is_attributed_to_the_source_cited_not_the_outlet_spoken_to() {
    let table: &[(&str, Option<&str>)] = &[
        (
            "قال مصدر محلي لوكالة الأنباء إن ثلاثة مدنيين قتلوا بقصف.",
            Some("مصدر محلي"),
        ),
        (
            "قتل ثلاثة مدنيين بقصف، بحسب المرصد السوري.",
            Some("المرصد السوري"),
        ),
        // nothing cited: the outlet's own word
        ("قتل ثلاثة مدنيين بقصف على البلدة.", Some("الوكالة")),
        // an unnamed speaker who talked to an outlet is still the source
        (
            "قال مصدر طبي لوكالة الأنباء إن ثلاثة مدنيين قتلوا.",
            Some("مصدر طبي"),
        ),
        // a speaker no source names: the outlet spoken to
        (
            "قال طبيب في المستشفى لوكالة الأنباء إن ثلاثة مدنيين قتلوا.",
            Some("وكالة الأنباء"),
        ),
    ];
    for (text, want) in table {
        let cs = outlet_claims(
            text,
            &Inputs {
                quants: &[("ثلاثة", 3.0)],
                sources: &[
                    ("مصدر محلي", "مصدر محلي"),
                    ("مصدر طبي", "مصدر طبي"),
                    ("وكالة الأنباء", "وكالة الأنباء"),
                    ("المرصد السوري", "المرصد السوري"),
                ],
                ..Default::default()
            },
        );
        assert_eq!(cs.len(), 1, "{text}");
        assert_eq!(cs[0].attributed_to.as_deref(), *want, "{text}");
    }
}

/// Text, actors (surface, code), wanted actor1, wanted actor2 ("" for any).
/// The events of `text` with these actor mentions.
fn with_actors(text: &str, actors: &[(&str, &str)]) -> Vec<rasad_record::Event> {
    events(
        text,
        &Inputs {
            actors,
            ..Default::default()
        },
    )
}

/// A row of the role tables: the text, its actor mentions and two actor
/// codes each table reads its own way.
type RoleRow = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
);

#[test]
fn roles_from_the_clause_around_the_trigger() {
    let table: &[RoleRow] = &[
        // a targeting verb opening the clause: its subject follows it
        (
            "استهدفت قوات النظام بالقذائف قرى في ريف إدلب وقتل مدني.",
            &[("قوات النظام", "SYR_GOV")],
            "SYR_GOV",
            "CIVILIANS",
        ),
        // ... after its subject, what follows it is the target
        (
            "قسد استهدفت مواقع التنظيم بقذائف الهاون.",
            &[("قسد", "SDF"), ("التنظيم", "ISIS")],
            "SDF",
            "ISIS",
        ),
        // subject, imperfect verb, object
        (
            "القوات التركية تقصف قرى ريف عين عيسى حيث تنتشر قسد.",
            &[("القوات التركية", "TURKEY"), ("قسد", "SDF")],
            "TURKEY",
            "",
        ),
        // an agent after من قبل in a passive clause
        (
            "قصفت بلدة كفرنبل بالصواريخ من قبل قوات النظام.",
            &[("قوات النظام", "SYR_GOV")],
            "SYR_GOV",
            "",
        ),
        // the doer of a raid named in a relative verb (شنتها، نفذتها), even
        // hedged (على الأرجح), and the owner of the area it hit
        (
            "قتل مدني في غارة شنتها طائرات التحالف على قرية في ريف الحسكة.",
            &[("طائرات التحالف", "US_COALITION")],
            "US_COALITION",
            "CIVILIANS",
        ),
        (
            "أصابت غارة نفذتها على الأرجح قوات التحالف منطقة خاضعة لسيطرة التنظيم قرب الحدود.",
            &[("قوات التحالف", "US_COALITION"), ("التنظيم", "ISIS")],
            "US_COALITION",
            "ISIS",
        ),
        // the group of the dead after من is the target, not the subject
        (
            "قصفت طائرات التحالف مقرا في البلدة ما أدى لمقتل 9 أشخاص بينهم مدنيان ومسلحون من التنظيم.",
            &[("طائرات التحالف", "US_COALITION"), ("التنظيم", "ISIS")],
            "US_COALITION",
            "ISIS",
        ),
        // an aside after a comma (، وهي …) names no subject of the act
        (
            "أصابت الضربة الجوية البلدة الحدودية، وهي من آخر المناطق التي يتحصن فيها التنظيم.",
            &[("التنظيم", "ISIS")],
            "UNKNOWN",
            "",
        ),
    ];
    for (text, actors, a1, a2) in table {
        let evs = with_actors(text, actors);
        assert_eq!(evs.len(), 1, "{text}: {evs:?}");
        assert_eq!(role(&evs[0], Role::Actor1), vec![*a1], "{text}");
        if !a2.is_empty() {
            assert!(role(&evs[0], Role::Actor2).contains(a2), "{text}: {evs:?}");
        }
    }
    // an actor deep in the object of the verb is not its subject
    let evs = events(
        "اعتقلت دورية أمنية شخصين كانا ينقلان أموالا لعوائل عناصر التنظيم.",
        &Inputs {
            actors: &[("التنظيم", "ISIS")],
            ..Default::default()
        },
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert!(!role(&evs[0], Role::Actor1).contains(&"ISIS"), "{evs:?}");
}

#[test]
fn statements_listing_operations_and_raids_of_a_kidnapping() {
    let inp = Inputs {
        actors: &[("التنظيم", "ISIS"), ("القوات الأمنية", "IRAQ_GOV")],
        places: &[("الفلوجة", "الفلوجة"), ("الرمادي", "الرمادي")],
        ..Default::default()
    };
    // arrests in two towns listed by one statement are two operations
    let evs = events(
        "اعتقلت القوات الأمنية ثلاثة مطلوبين في الفلوجة. وأضاف البيان أن مفرزة أخرى اعتقلت متهمين في الرمادي.",
        &inp,
    );
    assert_eq!(evs.len(), 2, "{evs:?}");
    // the raid in which the kidnappers took their victims is the kidnapping
    let evs = events(
        "اختطف مسلحو التنظيم أربعة مدنيين في الفلوجة. وقال مصدر إن المسلحين داهموا منازلهم قبل اقتيادهم.",
        &inp,
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(evs[0].kind, "violence_against_civilians");
}

/// An attribution closing a sentence (بحسب، وفق X) names the source of the
/// claims of the clause right before it; an earlier clause keeps its own.
#[test]
fn a_closing_attribution_covers_the_clause_before_it() {
    let text = "أعلنت الوزارة مقتل ثلاثة مدنيين، وذلك في قصف على البلدة، وأسفر القصف عن جرح خمسة جنود، بحسب المرصد السوري.";
    let cs = outlet_claims(
        text,
        &Inputs {
            quants: &[("ثلاثة", 3.0), ("خمسة", 5.0)],
            sources: &[("الوزارة", "الوزارة"), ("المرصد السوري", "المرصد السوري")],
            ..Default::default()
        },
    );
    let by: Vec<(Option<f64>, Option<&str>)> = cs
        .iter()
        .map(|c| (c.best, c.attributed_to.as_deref()))
        .collect();
    assert_eq!(
        by,
        vec![
            (Some(3.0), Some("الوزارة")),
            (Some(5.0), Some("المرصد السوري"))
        ],
        "{text}"
    );
}

#[test]
fn a_killing_told_with_the_blast_that_did_it_is_that_blast() {
    let inp = Inputs::default();
    for text in [
        "أعلنت مصادر محلية اغتيال رئيس المجلس المحلي بتفجير عبوة ناسفة استهدفت سيارته.",
        "اغتيل قائد الشرطة في انفجار عبوة ناسفة زرعت في سيارته.",
    ] {
        let evs = events(text, &inp);
        assert_eq!(evs.len(), 1, "{text}: {evs:?}");
        assert_eq!(evs[0].kind, "explosions_remote_violence", "{text}");
    }
}

#[test]
fn a_time_between_a_reporting_verb_and_its_clause_dates_the_report() {
    let inp = Inputs {
        times: &[("الأحد", "2018-08-05"), ("ليل السبت", "2018-08-04")],
        ..Default::default()
    };
    let evs = events(
        "أعلنت الوكالة الأحد أن قائد الشرطة قضى في انفجار ضرب سيارته ليل السبت.",
        &inp,
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    let date = evs[0].date.as_ref().and_then(|t| t.value.as_deref());
    assert_eq!(date, Some("2018-08-04"), "{evs:?}");
    // with no date of the act, the report's date is the event's
    let evs = events(
        "أعلنت الوكالة الأحد أن قائد الشرطة قتل في انفجار استهدف سيارته.",
        &inp,
    );
    let date = evs[0].date.as_ref().and_then(|t| t.value.as_deref());
    assert_eq!(date, Some("2018-08-05"), "{evs:?}");
}

#[test]
fn who_blames_another_is_no_party() {
    let evs = events(
        "حملت الحكومة طائرات التحالف مسؤولية قصف القرية.",
        &Inputs {
            actors: &[("الحكومة", "SYR_GOV"), ("طائرات التحالف", "US_COALITION")],
            ..Default::default()
        },
    );
    assert!(
        evs.iter()
            .all(|e| !role(e, Role::Actor1).contains(&"SYR_GOV")),
        "{evs:?}"
    );
}

#[test]
fn one_incident_retold_with_another_type_is_one_event() {
    let inp = Inputs {
        places: &[("الرقة", "الرقة"), ("عين عيسى", "عين عيسى")],
        times: &[("أمس", "2019-10-25")],
        actors: &[("قسد", "SDF"), ("الفصائل", "SNA")],
        quants: &[("ثلاثة", 3.0)],
        ..Default::default()
    };
    // an attack on a bus, then the children it killed: one incident
    let evs = events(
        "هاجم مسلحون حافلة في الرقة أمس. وقتل ثلاثة أطفال بانفجار عبوة في الرقة أمس.",
        &inp,
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    // clashes between two named sides and a shelling of the same day stay two
    let evs = events(
        "اندلعت اشتباكات بين قسد والفصائل في عين عيسى أمس. وسقطت قذائف على عين عيسى أمس.",
        &inp,
    );
    assert_eq!(evs.len(), 2, "{evs:?}");
}

#[test]
fn the_dead_of_a_strike_with_no_arm_named_are_a_strikes() {
    let inp = Inputs {
        quants: &[("14", 14.0)],
        actors: &[("قوات النظام", "SYR_GOV")],
        ..Default::default()
    };
    let evs = events(
        "قتل 14 عنصرا من قوات النظام في الضربة التي استهدفت المطار العسكري قرب المدينة.",
        &inp,
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(evs[0].kind, "explosions_remote_violence", "{evs:?}");
    // a blow in words makes no event
    let evs = events("تلقى الاقتصاد ضربة موجعة بعد قرار البنك.", &inp);
    assert!(evs.is_empty(), "{evs:?}");
}

/// `ضمن فعاليات المسيرة التي انطلقت في 30 مارس`: the date a relative
/// clause gives a campaign's start is not the date of the shooting it
/// tells more of; the event keeps its day (and is not taken for a recap).
#[test]
fn a_campaign_start_does_not_date_the_act() {
    let inp = Inputs {
        actors: &[("الجيش الإسرائيلي", "ISRAEL")],
        places: &[("قطاع غزة", "قطاع غزة")],
        times: &[("30 مارس", "2018-03-30")],
        quants: &[("20", 20.0), ("18", 18.0)],
        published: Some("2018-05-14"),
        ..Default::default()
    };
    let text = "قتل 20 شابا بنيران الجيش الإسرائيلي قرب السياج شرقي قطاع غزة. \
                وذكر مسعفون سقوط 18 قتيلا بنيران الجيش الإسرائيلي قرب السياج \
                في إطار المسيرة التي انطلقت في 30 مارس الماضي.";
    let evs = events(text, &inp);
    let dates: Vec<Option<&str>> = evs
        .iter()
        .map(|e| e.date.as_ref().and_then(|d| d.value.as_deref()))
        .collect();
    assert!(dates.contains(&Some("2018-05-14")), "{dates:?}");
    assert!(!dates.contains(&Some("2018-03-30")), "{dates:?}");
}

/// Who was struck, who accuses and who only describes a speaker: the group
/// of dead leaders and the owner of a struck object are targets; an
/// accuser and an actor in a speaker's description are no party; the
/// accused is the agent. Each row: the text, its actor mentions, the actor
/// that must be actor2 of every event and the one that must have no role
/// in any ("": no check).
#[test]
fn the_struck_the_accused_and_the_speaker() {
    let table: &[RoleRow] = &[
        // leaders are victims: their group was struck
        (
            "أعلنت القيادة مقتل عدد من قادة الفصيل في غارة على مقرهم.",
            &[("الفصيل", "FAC")],
            "FAC",
            "",
        ),
        // the owner of what a targeting verb's object names, past a word
        // (قذائف) that would make it the agent
        (
            "دمرت غارة استهدفت شحنة قذائف تابعة لقوات الفصيل قرب البلدة.",
            &[("قوات الفصيل", "FAC")],
            "FAC",
            "",
        ),
        // the accuser after the verb, then the accused
        (
            "قتل خمسة مدنيين في غارة على السوق، واتهم الفصيل الكتيبة بشن الغارة.",
            &[("الفصيل", "FAC"), ("الكتيبة", "KAT")],
            "",
            "FAC",
        ),
        // the accuser before the verb
        (
            "قتل خمسة مدنيين في غارة على السوق. الفصيل يتهم الكتيبة بشن الغارة.",
            &[("الفصيل", "FAC"), ("الكتيبة", "KAT")],
            "",
            "FAC",
        ),
        // who controls the speakers' town is no party to the act
        (
            "قتل خمسة مدنيين في قصف على السوق. وقال مسعفون من البلدة التي تحكمها قوات الفصيل إن الجرحى كثر في القصف.",
            &[("الفصيل", "FAC")],
            "",
            "FAC",
        ),
    ];
    for (text, actors, struck, none) in table {
        let evs = with_actors(text, actors);
        assert!(!evs.is_empty(), "{text}");
        for e in &evs {
            let hit = struck.is_empty() || role(e, Role::Actor2).contains(struck);
            assert!(hit, "{text}: {evs:?}");
            let all: Vec<&str> = e.actors.iter().map(|a| a.id.as_str()).collect();
            assert!(none.is_empty() || !all.contains(none), "{text}: {evs:?}");
        }
    }
    // the accused did the act, as alleged
    let evs = events(
        "قتل خمسة مدنيين في غارة على السوق، واتهم الفصيل الكتيبة بشن الغارة.",
        &Inputs {
            actors: &[("الفصيل", "FAC"), ("الكتيبة", "KAT")],
            ..Default::default()
        },
    );
    assert_eq!(role(&evs[0], Role::Actor1), vec!["KAT"], "{evs:?}");
}

/// An air strike with no agent is the article's only air force's, unless
/// the text calls the aircraft unidentified or the force was struck.
#[test]
fn an_agentless_air_strike_is_the_sole_air_force_named() {
    type Row = (
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static [&'static str],
    );
    let rows: &[Row] = &[
        (
            "قتل عشرة مدنيين في غارات جوية على سوق المدينة. وأعلن التحالف أنه يحقق في الأمر.",
            &[("التحالف", "SAUDI_COALITION")],
            &["SAUDI_COALITION"],
        ),
        // two air forces named: no telling which
        (
            "قتل عشرة مدنيين في غارات جوية على سوق المدينة. وأعلن التحالف والجيش الروسي أنهما يحققان في الأمر.",
            &[("التحالف", "SAUDI_COALITION"), ("الجيش الروسي", "RUSSIA")],
            &["SAUDI_COALITION", "RUSSIA"],
        ),
        // unidentified on purpose
        (
            "قتل عشرة مدنيين في غارات نفذتها طائرات حربية مجهولة على سوق المدينة. وأعلن التحالف أنه يحقق في الأمر.",
            &[("التحالف", "SAUDI_COALITION")],
            &["UNKNOWN"],
        ),
        // the only air force named was the target
        (
            "قتل خمسة جنود في غارات جوية على مواقع الجيش التركي قرب الحدود.",
            &[("الجيش التركي", "TURKEY")],
            &[],
        ),
    ];
    for (text, actors, not_or_want) in rows {
        let evs = with_actors(text, actors);
        assert!(!evs.is_empty(), "{text}");
        let a1 = role(&evs[0], Role::Actor1);
        match *not_or_want {
            [one] => assert_eq!(a1, vec![*one], "{text}: {evs:?}"),
            many => assert!(many.iter().all(|x| !a1.contains(x)), "{text}: {evs:?}"),
        }
    }
}

/// A second source cited by its own verb later in the sentence tells the
/// figure after it; the first keeps the figure it gave.
#[test]
fn a_source_cited_anew_in_the_sentence_tells_the_figure_after_it() {
    let cs = outlet_claims(
        "أفاد شهود بمقتل ثلاثة مدنيين بقصف على السوق، بينما ذكرت مصادر محلية أن عدد القتلى بلغ خمسة.",
        &Inputs {
            quants: &[("ثلاثة", 3.0), ("خمسة", 5.0)],
            sources: &[("شهود", "شهود"), ("مصادر محلية", "مصادر محلية")],
            ..Default::default()
        },
    );
    let by: Vec<(Option<f64>, Option<&str>)> = cs
        .iter()
        .map(|c| (c.best, c.attributed_to.as_deref()))
        .collect();
    assert_eq!(
        by,
        vec![(Some(3.0), Some("شهود")), (Some(5.0), Some("مصادر محلية"))],
        "{cs:?}"
    );
}

/// A sentence that is one quotation is the speaker's of the sentence after
/// it when that one opens with a speech verb.
#[test]
fn a_quotation_standing_alone_is_the_next_speakers() {
    let cs = outlet_claims(
        "وتعذر الوصول إلى البلدة.\n\"الحصيلة الأولية ثلاثة قتلى وعشرات المصابين...\"\nوكتبت المنظمة على تويتر: \"نطالب بفتح الطرق\".",
        &Inputs {
            quants: &[("ثلاثة", 3.0)],
            sources: &[("المنظمة", "المنظمة")],
            ..Default::default()
        },
    );
    let by: Vec<Option<&str>> = cs.iter().map(|c| c.attributed_to.as_deref()).collect();
    assert_eq!(by, vec![Some("المنظمة")], "{cs:?}");
}

/// A toll told as what an act answered (`ردا على`) is the writer's
/// background, not the word of the speaker who announced the act.
#[test]
fn a_toll_an_act_answered_is_the_outlets_word() {
    let inp = Inputs {
        quants: &[("ثلاثة", 3.0)],
        sources: &[("الوزارة", "الوزارة")],
        ..Default::default()
    };
    let answered = outlet_claims(
        "وقالت الوزارة إنها أغلقت المعبر ردا على قتل ثلاثة مدنيين.",
        &inp,
    );
    let by: Vec<Option<&str>> = answered
        .iter()
        .map(|c| c.attributed_to.as_deref())
        .collect();
    assert_eq!(by, vec![Some(support::OUTLET)], "{answered:?}");
    let told = outlet_claims("وقالت الوزارة إن ثلاثة مدنيين قتلوا.", &inp);
    let by: Vec<Option<&str>> = told.iter().map(|c| c.attributed_to.as_deref()).collect();
    assert_eq!(by, vec![Some("الوزارة")], "{told:?}");
}
