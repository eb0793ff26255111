//! Error classes reported by the held-out evaluation (issue 5), each as rows
//! of short sentences written for these tests (none is taken from the
//! held-out articles): extra and split events, side locations, non-event
//! sentences, casualty sides and wordings, releases and denials.

use crate::support;

use rasad_record::{CasualtyKind, CasualtyKind::*, Event, Role};
use support::{build, claims, events, role, Inputs};

fn place_names(e: &Event) -> Vec<&str> {
    e.places.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn sentences_that_tell_no_event() {
    let inp = Inputs {
        actors: &[("قوات النظام", "SYR_GOV"), ("الفصائل", "OPPOSITION")],
        places: &[("درعا", "درعا"), ("حلب", "حلب")],
        ..Default::default()
    };
    let table = [
        // a planned future step
        "ومن المقرر أن تبدأ عملية إجلاء المقاتلين من درعا يوم السبت المقبل.",
        // a diplomatic note of protest
        "وسلمت الخارجية سفير تركيا في حلب مذكرة احتجاج رسمية.",
        // a statement about a side
        "وزعم مركز المصالحة أن الفصائل تحضر لهجوم كيماوي في حلب.",
    ];
    for text in table {
        let evs = events(text, &inp);
        assert!(evs.is_empty(), "{text}: {evs:?}");
    }
}

#[test]
fn a_release_is_no_capture_event() {
    let evs = events(
        "وأفرجت الهيئة عن نحو عشرين شخصا من أبناء البلدة كانت قد اعتقلتهم الشهر الماضي.",
        &Inputs {
            actors: &[("الهيئة", "HTS")],
            ..Default::default()
        },
    );
    assert!(evs.is_empty(), "{evs:?}");
    // an arrest told on its own stays one
    let evs = events(
        "اعتقلت الهيئة عشرين شخصا من أبناء البلدة.",
        &Inputs {
            actors: &[("الهيئة", "HTS")],
            ..Default::default()
        },
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
}

#[test]
fn soldiers_killed_by_an_aggression_are_not_the_aggressors() {
    // the actor found alone or with the word as one dictionary term
    for surface in ["إسرائيلي", "عدوان إسرائيلي"] {
        let got = claims(
            "استشهد جنديان جراء عدوان إسرائيلي على موقع عسكري.",
            &Inputs {
                actors: &[(surface, "ISRAEL")],
                ..Default::default()
            },
        );
        assert!(
            got.iter().all(|c| c.0.as_deref() != Some("ISRAEL")),
            "{surface}: {got:?}"
        );
    }
}

#[test]
fn a_kidnapped_protest_activist_is_a_kidnapping_not_a_protest() {
    let inp = Inputs {
        places: &[("كربلاء", "كربلاء")],
        ..Default::default()
    };
    let evs = events(
        "خطف مسلحون مجهولون ناشطا في الاحتجاجات وسط كربلاء مساء أمس.",
        &inp,
    );
    let kinds: Vec<&str> = evs.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, vec!["violence_against_civilians"], "{evs:?}");
}

#[test]
fn a_denial_does_not_replace_the_event_told_before_it() {
    let inp = Inputs {
        actors: &[("قوات الأمن", "IRAQ_GOV")],
        places: &[("الناصرية", "الناصرية")],
        ..Default::default()
    };
    let evs = events(
        "خطف مسلحون مجهولون ناشطا مدنيا في الناصرية. ونفت قوات الأمن أي علاقة لها بعملية الخطف.",
        &inp,
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(evs[0].kind, "violence_against_civilians", "{evs:?}");
}

#[test]
fn one_strike_with_its_interception_and_blasts_is_one_event() {
    let inp = Inputs {
        actors: &[("إسرائيلية", "ISRAEL"), ("الإسرائيلي", "ISRAEL")],
        places: &[
            ("مطار الضمير", "مطار الضمير"),
            ("دمشق", "دمشق"),
            ("الجولان", "الجولان"),
        ],
        ..Default::default()
    };
    let table: &[(&str, &str)] = &[
        (
            "استهدفت غارات إسرائيلية مطار الضمير. وتصدت الدفاعات الجوية للصواريخ وأسقطت عددا منها. وسمع دوي انفجارات في دمشق.",
            "مطار الضمير",
        ),
        // the territory the missiles were fired from is no place of the strike
        (
            "قصف الطيران الإسرائيلي مطار الضمير بصواريخ أطلقت من أجواء الجولان.",
            "مطار الضمير",
        ),
    ];
    for (text, place) in table {
        let evs = events(text, &inp);
        assert_eq!(evs.len(), 1, "{text}: {evs:?}");
        assert_eq!(evs[0].kind, "explosions_remote_violence", "{text}");
        assert_eq!(place_names(&evs[0]), vec![*place], "{text}: {evs:?}");
    }
}

#[test]
fn the_seat_of_a_citing_organisation_is_no_place_of_the_event() {
    let inp = Inputs {
        places: &[("لندن", "لندن"), ("معرة النعمان", "معرة النعمان")],
        sources: &[("المرصد السوري", "المرصد السوري")],
        quants: &[("ثلاثة", 3.0)],
        ..Default::default()
    };
    let evs = events(
        "قال المرصد السوري ومقره لندن إن ثلاثة مدنيين قتلوا بقصف على معرة النعمان.",
        &inp,
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(place_names(&evs[0]), vec!["معرة النعمان"], "{evs:?}");
}

/// Text, actors, quantities, wanted (group, kind, best) claims.
type ClaimRow = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, f64)],
    &'static [(&'static str, CasualtyKind, f64)],
);

fn check_rows(table: &[ClaimRow]) {
    for (text, actors, quants, want) in table {
        let got = claims(
            text,
            &Inputs {
                actors,
                quants,
                ..Default::default()
            },
        );
        let want: Vec<(Option<String>, CasualtyKind, Option<f64>)> = want
            .iter()
            .map(|(g, k, b)| (Some(g.to_string()), *k, Some(*b)))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn victims_do_not_take_the_attackers_code() {
    check_rows(&[
        (
            "استشهد جنديان سوريان وأصيب ثالث جراء عدوان إسرائيلي على ريف القنيطرة.",
            &[("إسرائيلي", "ISRAEL"), ("سوريان", "SYR_GOV")],
            &[],
            &[("SYR_GOV", Killed, 2.0), ("SYR_GOV", Injured, 1.0)],
        ),
        (
            "قتل أربعة مدنيين جراء قصف للقوات التركية على القرية.",
            &[("القوات التركية", "TURKEY")],
            &[("أربعة", 4.0)],
            &[("CIVILIANS", Killed, 4.0)],
        ),
    ]);
}

#[test]
fn casualty_wordings_missed_on_unseen_articles() {
    check_rows(&[
        (
            "أفاد المصدر بمقتل ضابط وجنديين من قوات النظام وإصابة 4 آخرين.",
            &[("قوات النظام", "SYR_GOV")],
            // the quantity stage reads the dual as a count too
            &[("4", 4.0), ("جنديين", 2.0)],
            &[("SYR_GOV", Killed, 3.0), ("SYR_GOV", Injured, 4.0)],
        ),
        (
            "ارتقى شهيدان مدنيان بقصف على البلدة.",
            &[],
            &[],
            &[("CIVILIANS", Killed, 2.0)],
        ),
        (
            "قالت منظمة إن 4 مدنيين قتلوا في القصف.",
            &[],
            &[("4", 4.0)],
            &[("CIVILIANS", Killed, 4.0)],
        ),
        (
            "قتل ثلاثة مدنيين بالقصف بينما بقي مصير خمسة آخرين مجهولا.",
            &[],
            &[("ثلاثة", 3.0), ("خمسة", 5.0)],
            &[("CIVILIANS", Killed, 3.0), ("CIVILIANS", Missing, 5.0)],
        ),
        (
            "أصيب طفل بجروح بانفجار لغم في البلدة.",
            &[],
            &[],
            &[("CIVILIANS", Injured, 1.0)],
        ),
    ]);
}

#[test]
fn releases_and_denied_kidnappings_are_no_captured_count() {
    check_rows(&[
        (
            "أفرج التنظيم عن نحو عشرين مدنيا كان قد احتجزهم.",
            &[("التنظيم", "ISIS")],
            &[("عشرين", 20.0)],
            &[],
        ),
        (
            "نفت الشرطة خطف ثلاثة مدنيين في المدينة.",
            &[],
            &[("ثلاثة", 3.0)],
            &[],
        ),
    ]);
}

#[test]
fn barrels_dropped_from_helicopters_name_the_helicopters_owner() {
    let evs = events(
        "قتل مدنيان جراء إلقاء براميل متفجرة من مروحيات النظام على البلدة.",
        &Inputs {
            actors: &[("النظام", "SYR_GOV")],
            ..Default::default()
        },
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(role(&evs[0], Role::Actor1), vec!["SYR_GOV"], "{evs:?}");
}

#[test]
fn tallies_single_victims_and_found_bodies() {
    // cumulative counts: one tally claim, no event of their own
    let table: &[(&str, (&str, f64), CasualtyKind)] = &[
        (
            "وبلغت حصيلة القتلى المدنيين قرابة 470 قتيلا منذ بداية الحملة.",
            ("470", 470.0),
            Killed,
        ),
        (
            "وقالت الهيئة إن عدد المعتقلين تجاوز خمسين ألف شخص.",
            ("خمسين ألف", 50000.0),
            Captured,
        ),
    ];
    for (text, q, kind) in table {
        let (a, doc) = build(
            text,
            &Inputs {
                quants: &[*q],
                ..Default::default()
            },
        );
        let (cs, evs) = rasad_events::extract(&a, &doc);
        let got: Vec<_> = cs.iter().map(|c| (c.kind, c.best, c.tally)).collect();
        assert_eq!(got, vec![(*kind, Some(q.1), true)], "{text}");
        assert!(evs.is_empty(), "{text}: {evs:?}");
    }
    check_rows(&[
        (
            "تم العثور على جثتي اثنين من الرعاة قرب القرية.",
            &[],
            &[("اثنين", 2.0)],
            &[("CIVILIANS", Killed, 2.0)],
        ),
        (
            "وذكر المصدر أن طفلا أصيب بجروح في القصف.",
            &[],
            &[],
            &[("CIVILIANS", Injured, 1.0)],
        ),
        (
            "خطف مسلحون مجهولون الناشط المدني في المدينة.",
            &[("مسلحون مجهولون", "UNKNOWN")],
            &[],
            &[("CIVILIANS", Captured, 1.0)],
        ),
    ]);
}

#[test]
fn the_attacked_units_fighters_are_not_the_attackers() {
    check_rows(&[(
        "هاجم مسلحو التنظيم نقطة للجيش العراقي وقتل ثلاثة من عناصرها.",
        &[("التنظيم", "ISIS"), ("للجيش العراقي", "IRAQ_GOV")],
        &[("ثلاثة", 3.0)],
        &[("IRAQ_GOV", Killed, 3.0)],
    )]);
    // the members of an unnamed position attacked are not the attackers
    let got = claims(
        "هاجم مسلحو التنظيم نقطة عسكرية وقتلوا ثلاثة من عناصرها.",
        &Inputs {
            actors: &[("التنظيم", "ISIS")],
            quants: &[("ثلاثة", 3.0)],
            ..Default::default()
        },
    );
    assert!(
        got.iter()
            .all(|c| !matches!(c.0.as_deref(), Some("ISIS" | "antecedent"))),
        "{got:?}"
    );
}

#[test]
fn take_off_and_launch_sites_are_no_place_of_the_strike() {
    let inp = Inputs {
        actors: &[("الطائرات الروسية", "RUSSIA")],
        places: &[
            ("قاعدة حميميم", "قاعدة حميميم"),
            ("كفرنبل", "كفرنبل"),
            ("الأراضي التركية", "تركيا"),
        ],
        ..Default::default()
    };
    let table = [
        "قصفت الطائرات الروسية التي أقلعت من قاعدة حميميم بلدة كفرنبل.",
        "سقطت قذائف أطلقت من الأراضي التركية على بلدة كفرنبل.",
    ];
    for text in table {
        let evs = events(text, &inp);
        assert_eq!(evs.len(), 1, "{text}: {evs:?}");
        assert_eq!(place_names(&evs[0]), vec!["كفرنبل"], "{text}: {evs:?}");
    }
}
