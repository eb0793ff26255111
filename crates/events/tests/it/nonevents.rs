//! Trigger words that tell no conflict incident (data/events/nonevents.toml)
//! and their neighbours that still do. Sentences written for these tests.

use crate::support;

use support::{events, Inputs};

fn inputs() -> Inputs<'static> {
    Inputs {
        actors: &[
            ("قوات النظام", "SYR_GOV"),
            ("الجيش السوري", "SYR_GOV"),
            ("الحوثيين", "HOUTHIS"),
            ("الحوثيون", "HOUTHIS"),
            ("الحكومة اليمنية", "YEMEN_GOV"),
            ("هيئة تحرير الشام", "HTS"),
        ],
        places: &[
            ("حلب", "حلب"),
            ("بلدة كفرنبل", "كفرنبل"),
            ("مأرب", "مأرب"),
            ("الحديدة", "الحديدة"),
        ],
        ..Default::default()
    }
}

#[test]
fn no_event_from_non_incidents() {
    let inp = inputs();
    let table = [
        // agreements: a deal referred to, planned, talked about or made by
        // no party of a conflict
        "قال الرئيس إن بلاده ستخرج من الاتفاق التجاري مع الاتحاد الأوروبي.",
        "أعلن النادي عن توصله لاتفاق مع لاعب الوسط البرازيلي مقابل عشرين مليون يورو.",
        "تواصلت المباحثات بين الوفدين حول هدنة جديدة في الحديدة.",
        "وأكد الوزير أن حصة المياه مكفولة وفق اتفاقية السلام الموقعة قبل عقود.",
        "واتهم المتحدث الحكومة اليمنية بأنها أعاقت التوصل إلى اتفاق مع الحوثيين.",
        "وقد تقرر الإعلان عن هدنة بين الحوثيين والحكومة اليمنية لثلاثة أيام تبدأ الأحد.",
        // تقدم that submits, offers or progresses
        "تقدمت الشركة بدعوى قضائية ضد منافستها أمام المحكمة التجارية.",
        "تقدم المنصة الجديدة خدمة لمتابعة الأسعار في حلب.",
        "وتمنى الوزير للشعب الصديق اطراد التقدم والازدهار.",
        // questions
        "هل تصمد الهدنة بين الحوثيين والحكومة اليمنية؟",
        // accidents and nature
        "لقي خمسة أشخاص مصرعهم في حادث سير على طريق مأرب.",
        "قتل ثلاثة رعاة في صاعقة ضربت منطقة جبلية أمس.",
        "اصطدمت مروحيتان خلال تدريبات ليلية فوق منطقة جبلية ما أدى إلى سقوط 3 قتلى.",
        "وأنقذت فرق الدفاع المدني ثلاثة أشخاص محتجزين على طريق جبلي بعد السيول.",
        // an overturned car, a car's exhaust
        "توفي شخصان وأصيب ثلاثة في حادث انقلاب سيارتهم على طريق مأرب.",
        "وتتسرب الغازات السامة من عادم السيارة إلى داخلها إذا تلف الأنبوب.",
        // an animal's attack
        "اقتحم نمر هارب ساحة مدرسة في القرية وهاجم حارسها.",
        // fireworks, a metaphor of explosion, a unit read as a mine
        "وأطلقت البلدية آلاف القذائف من الألعاب النارية في سماء المدينة ليلة العيد.",
        "وحذر المحلل من الانفجار المتوقع في المنطقة إذا فشلت المفاوضات.",
        "ومنعت الهيئة دخول أغذية فاسدة بواقع 5300 كلغم خلال الشهر الماضي.",
        // an aid package listing weapons, theories of what happened
        "وتشمل حزمة المساعدات العسكرية قذائف مدفعية وصواريخ مضادة للدروع.",
        "ومن النظريات المتداولة أن الطائرة خطفت وحولت عن مسارها.",
        "وقع انفجار في مصنع للألعاب النارية خلال أعمال الإطفاء.",
        // sport
        "تصدى حارس المرمى لركلة الجزاء في الشوط الثاني من المباراة.",
        "ألغى الحكم هدفا بداعي التسلل في مباراة الدوري أمس.",
        "وفي المواجهات الأربع الماضية فاز الفريق مرتين وخسر مرتين أمام منافسه.",
        // crime and courts
        "أحبطت البلدية محاولة تهريب مواد غذائية فاسدة إلى السوق.",
        "ألقت الشرطة القبض على مهرب حاول إدخال كمية من الحبوب المخدرة.",
        "صدر بحق الجاني صك شرعي يقضي بثبوت التهمة بعد القبض عليه.",
        "نفذت السلطات حكم الإعدام في سجين أدين بقتل جاره قبل عامين.",
        "وأعربت المنظمة عن قلقها من عقوبة الإعدام الصادرة بحق شاب قتل شريكه.",
        "واعتقلت الشرطة اثنين من المشتبه بهم في سرقة المصرف.",
        // what had happened before (سبق أن)
        "وسبق أن قصفت قوات النظام مواقع في ريف حلب.",
        "وكان قد اعتقل عام 1990 وحكم عليه بالإعدام ثم خفف الحكم.",
        // figurative, verbal and policy wording
        "اشتبك أنصار الحزبين لفظيا خلال جلسة البرلمان.",
        "هاجم مسؤولون في جماعة الحوثيين المبعوث الدولي لدى وصوله إلى مأرب.",
        "هاجم الوزير الصحيفة بسبب مقال عن حلب.",
        "وأكد الجانبان أهمية التصدي للتدخلات الخارجية في شؤون المنطقة.",
        // requests, suspicion, drills
        "وذكرت الصحيفة أن الرئيس طلب ألا يقتصر الهجوم على المطار.",
        "أجرت القوات البحرية مناورات بالذخيرة الحية قرب الحديدة.",
        // a state of affairs
        "وقال الرئيس إن بلاده تواجه هجمات شرسة من جماعات متطرفة.",
        "وكتب المحلل أن الحركة تشن هجمات يومية على مواقع الجيش السوري.",
        "وقال الرئيس إن الاتفاق زاد منسوب هجمات الحوثيين على مأرب.",
        // arms trade
        "وافقت الوزارة على صفقة تحصل بموجبها المملكة على صواريخ دفاعية.",
        // a parade, an arsenal, priorities of armament
        "وبلغ العرض ذروته مع استعراض الصواريخ بعيدة المدى في الساحة الرئيسية.",
        "وتواصل الجماعة بناء ترسانتها من الصواريخ الدقيقة.",
        "وعثر مع الموقوف على جهاز تفجير عن بعد في حلب.",
        "ويقدر الخبراء أن الحوثيين يمتلكون مخزونا من الصواريخ بعيدة المدى.",
        "وقال الوزير إن وزارته تولي الأولوية للدفاع الجوي والصواريخ والطائرات المسيرة.",
        // a commemoration or a show
        "وألقى الرئيس كلمة بمناسبة الذكرى الأربعين لتحرير المدينة من الغزاة.",
        "يعرض المسلسل مشاهد لتفجير سيارة مفخخة في حلب.",
        // responsibility, its denial or a condemnation of an act told elsewhere
        "وحمل الجيش السوري هيئة تحرير الشام المسؤولية عن القصف على حلب.",
        "ونفت الحكومة اليمنية أي مسؤولية عن الهجوم على مأرب.",
    ];
    let told: Vec<&str> = table
        .into_iter()
        .filter(|text| !events(text, &inp).is_empty())
        .collect();
    assert!(told.is_empty(), "events from non-incidents: {told:#?}");
}

#[test]
fn an_accident_headline_sets_the_topic() {
    let inp = inputs();
    // the body's casualty words and explosion tell the accident of the
    // headline
    let text =
        "تحطم مروحية في جبال الشمال\n\nقتل تسعة أشخاص كانوا على متنها. وسمع انفجار قبل سقوطها.";
    let evs = events(text, &inp);
    assert!(evs.is_empty(), "{evs:?}");
    // a strike in the body is still one
    let text = "تحطم مروحية في جبال الشمال\n\nوشنت طائرات حربية غارة جوية على مأرب أمس.";
    let evs = events(text, &inp);
    assert!(!evs.is_empty(), "{text}");
}

#[test]
fn an_accident_title_sets_the_topic() {
    let inp = inputs();
    let body = "توفي فتى عمره 17 عاما في مسبح داخل فندق في حلب حسب الشرطة.";
    let with_title = |title: &str| {
        let (a, mut doc) = support::build(body, &inp);
        doc.title = Some(title.to_string());
        rasad_events::extract(&a, &doc).1
    };
    // the body alone reads as a death with no cause: an event
    assert!(!with_title("وفاة فتى في فندق").is_empty());
    let evs = with_title("حزن بعد غرق فتى في مسبح فندق");
    assert!(evs.is_empty(), "{evs:?}");
    // a title naming an act of violence is no accident title
    assert!(!with_title("غرق فتى بعد قصف على فندق في حلب").is_empty());
}

#[test]
fn neighbours_still_events() {
    let inp = inputs();
    let table: &[(&str, &str)] = &[
        // an attack verb whose subject is armed
        (
            "هاجم مسلحو الحوثيين موقعا للحكومة اليمنية قرب مأرب.",
            "battles",
        ),
        // successive strikes told of one day are no habit
        (
            "شنت طائرات النظام غارات متلاحقة على بلدة كفرنبل صباح اليوم.",
            "explosions_remote_violence",
        ),
        // a party that fights is no person of words
        ("هاجم حزب الله موقعا لقوات النظام قرب حلب.", "battles"),
        // an agreement concluded between parties of a conflict
        (
            "توصل الحوثيون والحكومة اليمنية إلى اتفاق لوقف القتال في الحديدة.",
            "strategic_developments",
        ),
        // an advance with an armed subject, or towards a place (with a named
        // side: a battle with no side and no dead is no event, see events.rs)
        (
            "تقدمت قوات النظام نحو بلدة كفرنبل بعد اشتباكات عنيفة.",
            "battles",
        ),
        (
            "وسيطر مقاتلو هيئة تحرير الشام على التلة ثم تقدموا باتجاه بلدة كفرنبل.",
            "battles",
        ),
        // a new act after a reference word (indefinite: not the one told before)
        (
            "وردا على ذلك شنت طائرات حربية غارة جوية على مأرب.",
            "explosions_remote_violence",
        ),
        // a strike named beside accident words
        (
            "شنت طائرات حربية غارة جوية على سوق مأرب ما أدى إلى اندلاع حريق كبير.",
            "explosions_remote_violence",
        ),
        // security forces arresting militants, with a judge quoted
        (
            "وقال القاضي إن القوات الأمنية ألقت القبض على خمسة إرهابيين في حلب.",
            "strategic_developments",
        ),
        // clashes told as they happen
        (
            "واندلعت اشتباكات عنيفة بين الجيش السوري وهيئة تحرير الشام في ريف حلب.",
            "battles",
        ),
        // riot police, a unit named like a storm, a media office
        (
            "وأطلقت شرطة مكافحة الشغب قنابل الغاز على محتجين رموا عناصرها بالحجارة.",
            "riots",
        ),
        (
            "وقال المكتب الإعلامي للجيش السوري إن طائراته قصفت مواقع هيئة تحرير الشام في حلب.",
            "explosions_remote_violence",
        ),
        // an attack on a ship told as news
        (
            "تعرضت سفينة تجارية قرب الحديدة لهجوم صاروخي شنه الحوثيون أمس.",
            "battles",
        ),
    ];
    for (text, kind) in table {
        let evs = events(text, &inp);
        assert!(
            evs.iter().any(|e| e.kind == *kind),
            "{text}: want {kind}, got {evs:?}"
        );
    }
}

/// Events of `body` read under `title` (the count 12 read as a number).
fn under_title(title: &str, body: &str) -> Vec<rasad_record::Event> {
    let inp = Inputs {
        quants: &[("12", 12.0)],
        ..inputs()
    };
    let (a, mut doc) = support::build(body, &inp);
    doc.title = Some(title.to_string());
    rasad_events::extract(&a, &doc).1
}

#[test]
fn a_headline_about_something_else_reports_no_passing_incident() {
    // a strike told in passing deep in an article about aid, a film or talks
    let body = "اجتمع الوزيران أمس لبحث خطة الدعم الاقتصادي.\n\nوأكد الوزير أن المنحة ستصرف على دفعات.\n\nوكانت طائرات حربية قد شنت غارة على مأرب الشهر الجاري.";
    let quiet = [
        "الأردن يعلق آمالا كبيرة على منحة الجيران",
        "مهرجان السينما يختتم دورته بعرض فيلم إيطالي",
        "الوزيران يبحثان خطة الدعم الاقتصادي",
    ];
    for title in quiet {
        let evs = under_title(title, body);
        assert!(evs.is_empty(), "{title}: {evs:?}");
    }
    // a headline that tells an incident, names an armed force, is a bulletin
    // (too short to read) or present-tense headline verbs: the body's strike
    // is reported
    let told = [
        "طائرات حربية تستهدف مأرب",
        "عدوان جديد على مأرب",
        "الحوثيون يبحثون خطة الدعم",
        "مقتل ثلاثة في مأرب",
        "نشرة المساء",
        "",
    ];
    for title in told {
        let evs = under_title(title, body);
        assert!(!evs.is_empty(), "{title:?}");
    }
}

#[test]
fn a_lead_counting_casualties_shares_the_news_with_a_quiet_headline() {
    let body = "افتتح الرئيس المعرض أمس، بينما قتل 12 مدنيا في غارة شنتها طائرات حربية على مأرب.\n\nوحضر الحفل عدد من السفراء.";
    let evs = under_title("افتتاح معرض الكتاب بحضور الرئيس", body);
    assert!(!evs.is_empty());
    // the same figure told far from the lead is not the article's news
    let late = "افتتح الرئيس المعرض أمس.\n\nوحضر الحفل عدد من السفراء.\n\nوقال السفير إن الزيارة مهمة.\n\nوكان 12 مدنيا قد قتلوا في غارة شنتها طائرات حربية على مأرب.";
    let evs = under_title("افتتاح معرض الكتاب بحضور الرئيس", late);
    assert!(evs.is_empty(), "{evs:?}");
}

#[test]
fn a_definite_act_with_a_backward_adjective_is_recalled() {
    let inp = inputs();
    let recalled = [
        "واتهمت الحكومة اليمنية الحوثيين بالهجمات الأخيرة على مأرب.",
        "وتحدث الوزير عن الغارات السابقة على الحديدة.",
    ];
    for text in recalled {
        let evs = events(text, &inp);
        assert!(evs.is_empty(), "{text}: {evs:?}");
    }
    // indefinite, or a definite act with no backward adjective
    let told = [
        "وشن الحوثيون هجمات أخيرة على مأرب قبل الهدنة.",
        "وأسفرت الغارة على الحديدة عن مقتل خمسة مدنيين.",
    ];
    for text in told {
        let evs = events(text, &inp);
        assert!(!evs.is_empty(), "{text}");
    }
}

#[test]
fn an_ordinary_crime_story_yields_no_conflict_event() {
    let inp = Inputs {
        quants: &[("ثلاثة", 3.0)],
        ..inputs()
    };
    let crime = "اعتقلت الشرطة المشتبه به بعد ساعة من الحادث.\n\nوفتح رجل النار على رواد مقهى في حلب وقتل ثلاثة مدنيين من رواده.";
    let evs = events(crime, &inp);
    assert!(evs.is_empty(), "{evs:?}");
    // an armed group named anywhere makes it a conflict story
    let armed = "اعتقلت الشرطة المشتبه به بعد ساعة من الحادث.\n\nوفتح رجل النار على رواد مقهى في حلب وقتل ثلاثة مدنيين من رواده.\n\nوتبنت هيئة تحرير الشام إطلاق النار في بيان.";
    assert!(!events(armed, &inp).is_empty());
}

/// A shooting in the lead of a story that names no armed actor or force is
/// a crime; a ceasefire's shooting word, or one beside a blast, is not.
#[test]
fn a_street_shooting_with_no_armed_side_is_a_crime() {
    let inp = Inputs {
        quants: &[("ثلاثة", 3.0)],
        ..inputs()
    };
    let street = "أصيب ثلاثة أشخاص في إطلاق نار عند مدخل سوق في المدينة الساحلية.\n\nوقال شهود إن رجلا فر بعد الحادث.";
    assert!(
        events(street, &inp).is_empty(),
        "{:?}",
        events(street, &inp)
    );
    let blast = "قتل ثلاثة أشخاص في انفجار سيارة مفخخة تلاه إطلاق نار قرب مقر الحكومة في حلب.";
    assert!(!events(blast, &inp).is_empty());
    // a lone gunman is no armed force; gunmen are
    let gunman =
        "قتل ثلاثة أشخاص حين فتح مسلح النار على رواد قاعة حفلات في المدينة الساحلية قبل أن ينتحر.";
    assert!(
        events(gunman, &inp).is_empty(),
        "{:?}",
        events(gunman, &inp)
    );
    let gunmen = "قتل ثلاثة أشخاص حين فتح مسلحون النار على رواد قاعة حفلات في حلب ثم فروا.";
    assert!(!events(gunmen, &inp).is_empty());
    let truce = "وقعت العشيرتان اتفاقا لوقف إطلاق النار في حلب بعد اشتباكات قتل فيها ثلاثة أشخاص.";
    assert!(!events(truce, &inp).is_empty());
}

/// Counted people who died of a disease, or who are held in a prison, imply
/// no incident; the same counts after an attack or a raid do.
#[test]
fn counts_of_the_sick_and_the_held_imply_no_event() {
    let inp = Inputs {
        quants: &[("عشرة", 10.0), ("مئة", 100.0)],
        ..inputs()
    };
    let none = [
        "لقي عشرة أشخاص مصرعهم بفيروس نادر في الجنوب خلال أسبوعين.",
        "يواصل مئة أسير في سجن النقب إضرابهم عن الطعام منذ أسبوع.",
    ];
    let drill = "تحطمت مروحيتان لقوات النظام خلال تدريبات عسكرية ما أدى إلى مقتل عشرة جنود.";
    assert!(events(drill, &inp).is_empty(), "{drill}");
    let told = [
        "لقي عشرة أشخاص مصرعهم بقذائف سقطت على الجنوب أمس.",
        "اعتقلت قوات النظام مئة شاب في حلب ونقلتهم إلى سجن المدينة.",
    ];
    for text in none {
        assert!(events(text, &inp).is_empty(), "{text}");
    }
    for text in told {
        assert!(!events(text, &inp).is_empty(), "{text}");
    }
}

#[test]
fn a_condemnation_noun_points_back_at_the_act() {
    let inp = inputs();
    for text in [
        "وعبر مدير التعليم عن استنكاره لحادث التفجير الذي وقع في مأرب.",
        "وأعلنت الحكومة اليمنية إدانتها للهجوم على الحديدة.",
        "وتدرس الحكومة اليمنية ردها على الهجوم على الحديدة.",
    ] {
        let evs = events(text, &inp);
        assert!(evs.is_empty(), "{text}: {evs:?}");
    }
}
