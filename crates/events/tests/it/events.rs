//! Events: type and sub-type, roles, dates, places, merging and the
//! discipline rules. Sentences written for these tests.

use crate::support;

use rasad_record::{Certainty, Event, Role};
use support::{events, role, Inputs};

fn kinds(evs: &[Event]) -> Vec<(String, String)> {
    evs.iter()
        .map(|e| (e.kind.clone(), e.subtype.clone()))
        .collect()
}

#[test]
fn types_table() {
    let table: &[(&str, &str, &str)] = &[
        (
            "انفجرت سيارة مفخخة في سوق بغداد الجديدة صباح اليوم.",
            "explosions_remote_violence",
            "remote_explosive_landmine_ied",
        ),
        (
            "فجر انتحاري نفسه بحزام ناسف وسط تجمع في الرمادي.",
            "explosions_remote_violence",
            "suicide_bomb",
        ),
        (
            "قتل 15 مدنياً بينهم أطفال في غارات جوية على مدينة أريحا.",
            "explosions_remote_violence",
            "air_drone_strike",
        ),
        (
            "ألقت المروحيات براميل متفجرة على مدينة إدلب.",
            "explosions_remote_violence",
            "air_drone_strike",
        ),
        (
            "قصفت المدفعية التركية قرى في ريف عفرين.",
            "explosions_remote_violence",
            "shelling_artillery_missile_attack",
        ),
        (
            "شنت طائرات إسرائيلية غارات على مواقع قرب دمشق.",
            "explosions_remote_violence",
            "air_drone_strike",
        ),
        (
            "اختطف مسلحون مجهولون طبيباً في مدينة الموصل.",
            "violence_against_civilians",
            "abduction_forced_disappearance",
        ),
        (
            "خرجت مظاهرة في مدينة درعا تطالب بالإفراج عن المعتقلين.",
            "protests",
            "peaceful_protest",
        ),
        (
            "فرقت قوات الأمن تظاهرة في البصرة بالغاز المسيل للدموع.",
            "protests",
            "protest_with_intervention",
        ),
        (
            "شنت قوات الأمن حملة اعتقالات في حي الوعر.",
            "strategic_developments",
            "arrests",
        ),
        (
            "توصلت الفصائل والنظام إلى اتفاق في درعا البلد.",
            "strategic_developments",
            "agreement",
        ),
        (
            "اندلعت اشتباكات عنيفة بين الفصائل وقوات النظام في جبهة الساحل.",
            "battles",
            "armed_clash",
        ),
    ];
    for (text, k, st) in table {
        let evs = events(text, &Inputs::default());
        assert_eq!(kinds(&evs), vec![(k.to_string(), st.to_string())], "{text}");
    }
}

#[test]
fn non_events_table() {
    let table: &[&str] = &[
        "وتوعد التنظيم بشن هجمات جديدة على المدينة.",
        "ويخطط الجيش لشن هجوم واسع على إدلب.",
        "وسوف تشن القوات هجوماً على البلدة خلال أيام.",
        "وحث الخطيب على قتال الكفار وشن الغارات.",
        "وارتكبت الطائرات عشرات المجازر خلال الأشهر الماضية.",
        "ولم تسجل أي اشتباكات في المنطقة منذ أسبوع.",
        "وعادة ما يشن التنظيم هجماته بين الحين والآخر.",
        "وقد يشن التنظيم هجوماً على المدينة قريباً.",
        "إقرأ أيضاً: غارات روسية على ريف حلب",
    ];
    for text in table {
        let evs = events(text, &Inputs::default());
        assert!(evs.is_empty(), "{text}: {:?}", kinds(&evs));
    }
}

#[test]
fn subject_target_and_support() {
    let text = "هاجم مقاتلو داعش مواقع لقوات النظام في حي الجبيلة بدعم من المدفعية، بينما شنت قوات سوريا الديمقراطية بمساندة التحالف الدولي هجوماً على بلدة الشعفة.";
    let evs = events(
        text,
        &Inputs {
            actors: &[
                ("داعش", "ISIS"),
                ("قوات النظام", "SYR_GOV"),
                ("قوات سوريا الديمقراطية", "SDF"),
                ("التحالف الدولي", "US_COALITION"),
            ],
            places: &[("حي الجبيلة", "الجبيلة"), ("الشعفة", "الشعفة")],
            ..Default::default()
        },
    );
    assert_eq!(evs.len(), 2, "{evs:?}");
    assert_eq!(role(&evs[0], Role::Actor1), ["ISIS"]);
    assert_eq!(role(&evs[0], Role::Actor2), ["SYR_GOV"]);
    assert_eq!(role(&evs[1], Role::Actor1), ["SDF"]);
    assert_eq!(role(&evs[1], Role::Associated), ["US_COALITION"]);
    assert_eq!(evs[1].places[0].name, "الشعفة");
}

#[test]
fn repel_turns_the_roles() {
    let text = "صد الجيش العراقي هجوماً لداعش على قرية في قضاء تلعفر.";
    let evs = events(
        text,
        &Inputs {
            actors: &[("الجيش العراقي", "IRAQ_GOV"), ("داعش", "ISIS")],
            places: &[("تلعفر", "تلعفر")],
            ..Default::default()
        },
    );
    assert_eq!(evs.len(), 1);
    assert_eq!(role(&evs[0], Role::Actor1), ["ISIS"]);
    assert_eq!(role(&evs[0], Role::Actor2), ["IRAQ_GOV"]);
}

#[test]
fn territory_depends_on_who_takes_it() {
    let inp = Inputs {
        actors: &[("الجيش السوري", "SYR_GOV"), ("هيئة تحرير الشام", "HTS")],
        places: &[("خان شيخون", "خان شيخون")],
        ..Default::default()
    };
    let evs = events("أعلن الجيش السوري استعادة مدينة خان شيخون بعد معارك.", &inp);
    assert_eq!(
        kinds(&evs),
        vec![("battles".into(), "government_regains_territory".into())]
    );
    let evs = events("سيطرت هيئة تحرير الشام على خان شيخون.", &inp);
    assert_eq!(
        kinds(&evs),
        vec![(
            "battles".into(),
            "non_state_actor_overtakes_territory".into()
        )]
    );
}

#[test]
fn one_incident_over_sentences_is_one_event() {
    let text = "شن التنظيم هجوماً على حواجز البيشمركة في قرية بشير. واستمرت الاشتباكات ساعات قبل أن يتراجع المهاجمون. وقتل خمسة من عناصر البيشمركة.";
    let evs = events(
        text,
        &Inputs {
            actors: &[("التنظيم", "ISIS"), ("البيشمركة", "KRG")],
            places: &[("بشير", "بشير")],
            quants: &[("خمسة", 5.0)],
            times: &[],
            ..Default::default()
        },
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(evs[0].evidence.len(), 3);
    assert_eq!(evs[0].fatalities.len(), 1);
    assert_eq!(evs[0].fatalities[0].group.as_deref(), Some("KRG"));
}

#[test]
fn different_dates_are_different_events() {
    let text = "قتل مدني بقصف للتحالف على بلدة هجين في 3 أيلول. وقتل طفل بقصف للتحالف على بلدة هجين في 9 أيلول.";
    let evs = events(
        text,
        &Inputs {
            actors: &[("تحالف", "US_COALITION")],
            places: &[("هجين", "هجين")],
            times: &[("3 أيلول", "2018-09-03"), ("9 أيلول", "2018-09-09")],
            ..Default::default()
        },
    );
    assert_eq!(evs.len(), 2, "{evs:?}");
    assert_eq!(evs[0].subtype, "air_drone_strike");
    assert_eq!(role(&evs[0], Role::Actor1), ["US_COALITION"]);
    assert!(role(&evs[0], Role::Actor2).contains(&"CIVILIANS"));
    assert_eq!(
        evs[1].date.as_ref().and_then(|d| d.value.as_deref()),
        Some("2018-09-09")
    );
}

#[test]
fn casualty_without_trigger_implies_an_event() {
    let text = "قتل شاب برصاص قناص في حي الميدان.";
    let evs = events(
        text,
        &Inputs {
            places: &[("حي الميدان", "الميدان")],
            ..Default::default()
        },
    );
    assert_eq!(
        kinds(&evs),
        vec![("violence_against_civilians".into(), "attack".into())]
    );
    assert_eq!(evs[0].fatalities.len(), 1);
}

#[test]
fn claimed_and_denied() {
    let evs = events(
        "وزعمت وسائل إعلام موالية أن الفصائل قصفت أحياء حلب.",
        &Inputs::default(),
    );
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].certainty, Certainty::Claimed);
    let evs = events(
        "ونفت وزارة الدفاع أن تكون طائراتها قصفت السوق.",
        &Inputs::default(),
    );
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].certainty, Certainty::Denied);
}

#[test]
fn background_and_relative_clauses_make_no_event() {
    let inp = Inputs {
        actors: &[("داعش", "ISIS")],
        places: &[("الرقة", "الرقة")],
        ..Default::default()
    };
    let evs = events("وتراجع نفوذ داعش بعد اشتداد المعارك في الرقة.", &inp);
    assert!(evs.is_empty(), "{:?}", kinds(&evs));
    let evs = events(
        "وزار الوفد الرقة، التي كان استعادها الجيش العام الماضي.",
        &inp,
    );
    assert!(evs.is_empty(), "{:?}", kinds(&evs));
}

#[test]
fn negated_actor_takes_no_part() {
    let text = "هاجم التنظيم مواقع الجيش دون تدخل من سلاح الجو الروسي.";
    let evs = events(
        text,
        &Inputs {
            actors: &[
                ("التنظيم", "ISIS"),
                ("الجيش", "SYR_GOV"),
                ("سلاح الجو الروسي", "RUSSIA"),
            ],
            ..Default::default()
        },
    );
    assert_eq!(evs.len(), 1);
    assert!(
        !evs[0].actors.iter().any(|a| a.id == "RUSSIA"),
        "{:?}",
        evs[0].actors
    );
}

#[test]
fn date_from_sentence_else_paragraph_else_published() {
    let text =
        "في 5 آذار شن التنظيم هجوماً على حقل العمر.\nوفي منطقة أخرى قصفت الطائرات قرية الكشمة.";
    let evs = events(
        text,
        &Inputs {
            times: &[("5 آذار", "2019-03-05")],
            places: &[("حقل العمر", "حقل العمر"), ("الكشمة", "الكشمة")],
            // a battle needs a side (see lib::sideless_battle)
            actors: &[("التنظيم", "ISIS")],
            published: Some("2019-03-07"),
            ..Default::default()
        },
    );
    assert_eq!(evs.len(), 2);
    assert_eq!(
        evs[0].date.as_ref().and_then(|d| d.value.as_deref()),
        Some("2019-03-05")
    );
    assert!(evs[1].date.is_some());
}

#[test]
fn generalization_table() {
    // (text, actors, places, want (type, subtype), want actor1)
    type Row<'a> = (
        &'a str,
        &'a [(&'a str, &'a str)],
        &'a [(&'a str, &'a str)],
        (&'a str, &'a str),
        Option<&'a str>,
    );
    let table: &[Row] = &[
        (
            "قُتل ثمانية مدنيين بانفجار سيارة مفخخة في سوق بمنطقة الشعلة، بحسب مصدر في الشرطة العراقية.",
            &[("الشرطة العراقية", "IRAQ_GOV")],
            &[("الشعلة", "الشعلة")],
            ("explosions_remote_violence", "remote_explosive_landmine_ied"),
            None,
        ),
        (
            "واندلعت اشتباكات بين قوات سوريا الديمقراطية وفصائل الجيش الوطني على أطراف رأس العين.",
            &[("قوات سوريا الديمقراطية", "SDF"), ("فصائل الجيش الوطني", "SNA")],
            &[("رأس العين", "رأس العين")],
            ("battles", "armed_clash"),
            Some("SDF"),
        ),
        (
            "اختطف مسلحون مجهولون ناشطاً من أمام منزله في حي الزهور.",
            &[("مسلحون مجهولون", "UNKNOWN")],
            &[("حي الزهور", "الزهور")],
            ("violence_against_civilians", "abduction_forced_disappearance"),
            Some("UNKNOWN"),
        ),
        (
            "وأكد ناشطون أن قسد اعتقلت أحد المسؤولين في بلدة الشحيل.",
            &[("قسد", "SDF")],
            &[("الشحيل", "الشحيل")],
            ("strategic_developments", "arrests"),
            Some("SDF"),
        ),
        (
            "وأطلقت قوات الأمن النار على المتظاهرين في ساحة التحرير ما أدى إلى مقتل متظاهر.",
            &[("قوات الأمن", "IRAQ_GOV")],
            &[("ساحة التحرير", "ساحة التحرير")],
            ("protests", "excessive_force_against_protesters"),
            Some("IRAQ_GOV"),
        ),
    ];
    for (text, actors, places, (k, st), a1) in table {
        let evs = events(
            text,
            &Inputs {
                actors,
                places,
                ..Default::default()
            },
        );
        assert_eq!(kinds(&evs), vec![(k.to_string(), st.to_string())], "{text}");
        if let Some(a) = a1 {
            assert_eq!(role(&evs[0], Role::Actor1), [*a], "{text}");
        } else {
            // no named actor: an unidentified perpetrator at most
            assert!(
                role(&evs[0], Role::Actor1).iter().all(|a| *a == "UNKNOWN"),
                "{text}: {:?}",
                evs[0].actors
            );
        }
    }
}

#[test]
fn investigations_recall_the_event_not_a_new_one() {
    let table: &[(&str, usize)] = &[
        (
            "انفجرت عبوة ناسفة على طريق بلدة الراعي صباح اليوم. وفتحت الشرطة تحقيقا في الهجوم.",
            1,
        ),
        (
            "سقطت قذائف على حي سكني في مدينة جرابلس. وتجري السلطات التحقيقات في ملابسات القصف.",
            1,
        ),
    ];
    for (text, n) in table {
        let evs = events(text, &Inputs::default());
        assert_eq!(evs.len(), *n, "{text}: {:?}", kinds(&evs));
    }
}

#[test]
fn an_attack_by_remote_means_is_one_strike() {
    let table: &[(&str, &str)] = &[
        (
            "تعرضت قاعدة عسكرية قرب مدينة الحسكة لهجوم بطائرة مسيرة مفخخة مساء أمس.",
            "explosions_remote_violence",
        ),
        (
            "استهدف هجوم بعبوة ناسفة دورية على طريق بلدة الشدادي.",
            "explosions_remote_violence",
        ),
    ];
    for (text, kind) in table {
        let evs = events(text, &Inputs::default());
        let ks = kinds(&evs);
        assert!(ks.iter().all(|(k, _)| k == kind), "{text}: {ks:?}");
        assert_eq!(ks.len(), 1, "{text}: {ks:?}");
    }
}

/// Issue 12: what is no event, and a clash against civilians only.
#[test]
fn no_event_classes_table() {
    let table = [
        // an arms deal names weapons as goods
        "وافقت الحكومة على صفقة محتملة قيمتها مليار دولار تحصل بموجبها على صواريخ جديدة.",
        // a sweeping statement of a leader
        "قال الرئيس إن البلاد تواجه هجمات شرسة من جماعات متطرفة.",
        // an agreement as a topic, with no party and no verb concluding it
        "وتناول اللقاء اتفاق السلام النهائي وآفاقه.",
        // a figurative conquest
        "كانت المدينة حديقة حتى غزاها الغرباء.",
    ];
    for text in table {
        let evs = events(text, &Inputs::default());
        assert!(evs.is_empty(), "{text}: {evs:?}");
    }
}

#[test]
fn a_clash_against_civilians_only_is_an_attack() {
    let text = "قتل 12 متظاهراً برصاص الشرطة خلال مواجهات في ساحة البلدة.";
    let evs = events(
        text,
        &Inputs {
            actors: &[("الشرطة", "EGY_GOV")],
            quants: &[("12", 12.0)],
            ..Default::default()
        },
    );
    assert!(!evs.iter().any(|e| e.kind == "battles"), "{evs:?}");
}
