//! Source citing frames on sentences written for the tests.

use rasad_entities::Lexicon;
use rasad_text::Analysis;
use std::sync::OnceLock;

fn lx() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(Lexicon::bundled)
}

fn names(text: &str, outlet: Option<&str>) -> Vec<String> {
    let a = Analysis::new(text, vec![]);
    lx().sources(&a, outlet)
        .into_iter()
        .map(|x| x.name)
        .collect()
}

#[test]
fn table() {
    let table: &[(&str, Option<&str>, &[&str])] = &[
        (
            "وثق المرصد السوري لحقوق الإنسان مقتل 12 مدنياً.",
            None,
            &["المرصد السوري لحقوق الإنسان"],
        ),
        (
            "وبحسب «المرصد» فإن الحصيلة ارتفعت.",
            None,
            &["المرصد السوري لحقوق الإنسان"],
        ),
        ("المرصد مبنى قديم على التلة.", None, &[]),
        ("وقالت وكالة سانا إن الجيش تقدم.", None, &["وكالة سانا"]),
        (
            "ذكرت الوكالة العربية السورية للأنباء أن الطرق فتحت.",
            None,
            &["الوكالة العربية السورية للأنباء"],
        ),
        ("وأفاد ناشطون بسقوط قذائف على الحي.", None, &["ناشطون"]),
        ("وكشف الناشطون أن القادة فروا.", None, &[]),
        ("وأكدت المصادر أن الاشتباكات توقفت.", None, &[]),
        (
            "وقال شهود عيان إن الانفجار هز المدينة.",
            None,
            &["شهود عيان"],
        ),
        ("قال شهود إن الانفجار هز المدينة.", None, &[]),
        // generic media, officials and monitors cited for a figure
        (
            "بينما ذكرت وسائل إعلام موالية للحكومة أن عدد القتلى بلغ 14.",
            None,
            &["وسائل إعلام"],
        ),
        (
            "ونقلت الوكالة عن مسؤولين محليين قولهم إن الجسر دمر.",
            None,
            &["مسؤولون"],
        ),
        ("وقال مراقبون إن عدد القتلى بلغ عشرين.", None, &["مراقبون"]),
        (
            "ونقلت وكالة رويترز عن مصدر أمني أن الهجوم صد.",
            None,
            &["رويترز", "مصدر أمني"],
        ),
        ("تصدر صحيفة الوطن كل صباح.", None, &[]),
        ("وذكرت صحيفة الوطن أن الجيش تقدم.", None, &["الوطن"]),
        ("دافع أهل الوطن عن أرضهم كما قال الشاعر.", None, &[]),
        (
            "قصفت طائرات التحالف الدولي القرية حسب ناشطين.",
            None,
            &["ناشطون"],
        ),
        (
            "وقال التحالف الدولي في بيان إنه نفذ 12 ضربة.",
            None,
            &["التحالف الدولي"],
        ),
        // An actor announcing is the source of what it announces.
        (
            "وأعلن الجيش السوري السيطرة على البلدة.",
            None,
            &["الجيش السوري"],
        ),
        ("وتقدم الجيش السوري نحو البلدة بعد قصفها.", None, &[]),
        (
            "أعلنت وزارة الدفاع الروسية مقتل 40 مسلحاً.",
            None,
            &["وزارة الدفاع الروسية"],
        ),
        (
            "وأفاد مصدر الوكالة بأن القصف تجدد.",
            Some("ستيب"),
            &["مصدر الوكالة"],
        ),
        (
            "وأفاد مراسلنا بأن القصف تجدد.",
            Some("عين المدينة"),
            &["مراسلنا"],
        ),
        ("قتل عشرة في الغارة.\nالمصدر: وكالات", None, &["وكالات"]),
        ("وكالات الأنباء نقلت الخبر.", None, &[]),
        (
            "وأكد مصدر عسكري لمراسل سانا أن الضربات دمرت آليات.",
            None,
            &["مصدر عسكري", "سانا"],
        ),
        (
            "وقال ناشطو \"فرات بوست\" إن الطريق قطع.",
            None,
            &["فرات بوست"],
        ),
    ];
    for (text, outlet, want) in table {
        assert_eq!(names(text, *outlet), *want, "{text}");
    }
}

#[test]
fn ids_and_kinds() {
    let a = Analysis::new("بحسب المرصد السوري، وأفادت مصادر محلية.", vec![]);
    let got: Vec<(Option<String>, Option<String>)> = lx()
        .sources(&a, None)
        .into_iter()
        .map(|e| (e.id, e.kind))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("SOHR".into()), Some("monitor".into())),
            (Some("GENERIC_LOCAL_SOURCES".into()), Some("generic".into()))
        ]
    );
}

/// Official bodies not in the list, the outlet in its own article, datelines
/// and written names.
#[test]
fn open_bodies_outlet_and_written_names() {
    let table: &[(&str, Option<&str>, &[&str])] = &[
        (
            "وقالت وزارة الصحة العراقية في بيان إن المستشفيات استقبلت 7 جثث.",
            None,
            &["وزارة الصحة العراقية"],
        ),
        (
            "ووثق مكتب توثيق الشهداء في درعا 17 عملية اغتيال.",
            None,
            &["مكتب توثيق الشهداء في درعا"],
        ),
        (
            "وبحسب فريق منسقو استجابة سوريا فإن الخروقات تجاوزت 1500.",
            None,
            &["منسقو استجابة سوريا"],
        ),
        (
            "وقالت القيادة العامة لقوى الأمن الداخلي في بيان إن العملية نجحت.",
            None,
            &["القيادة العامة لقوى الأمن الداخلي"],
        ),
        (
            "وقالت الهيئة الصحية في الشهباء إن المصابين نقلوا إلى المشفى.",
            None,
            &["الهيئة الصحية"],
        ),
        (
            "وقال المتحدث باسم مديرية الدفاع المدني في محافظة البصرة إن الحريق أخمد.",
            None,
            &["مديرية الدفاع المدني"],
        ),
        (
            "وفقاً للمفوضية السامية لحقوق الإنسان فإن 40 مدنياً قتلوا.",
            None,
            &["المفوضية السامية لحقوق الإنسان"],
        ),
        // Not cited: no citing word, or the body is an actor.
        ("زار الوزير وزارة الصحة صباحاً.", None, &[]),
        // Quoted bodies.
        (
            "وقالت «شبكة أخبار حلب الجنوبي» إن الأهالي نزحوا.",
            None,
            &["شبكة أخبار حلب الجنوبي"],
        ),
        ("وأضافت المنظمة أن القصف استهدف المدرسة.", None, &[]),
        (
            "وقالت هيئة تحرير الشام إن مقاتليها صدوا الهجوم.",
            None,
            &["هيئة تحرير الشام"],
        ),
        // The accused is no source; nor the force a source works in.
        ("واتهم ناشطون قوات النظام بقصف الحي.", None, &["ناشطون"]),
        ("وقال مصدر في الجيش العراقي إن الهجوم صُدّ.", None, &[]),
        // The outlet as addressee, in a dateline, or told by a source.
        (
            "وقال أحد أقارب المعتقلين لعنب بلدي إن الدورية داهمت المنزل.",
            Some("عنب بلدي"),
            &[],
        ),
        (
            "إدلب - عنب بلدي\nاعتقلت الهيئة ثلاثة ناشطين.",
            Some("عنب بلدي"),
            &[],
        ),
        (
            "وقال مصدر محلي لوكالة ستيب الإخبارية إن التنظيم هاجم القرية.",
            Some("ستيب"),
            &["مصدر محلي", "وكالة ستيب الإخبارية"],
        ),
        (
            "ووثق المرصد السوري مقتل 12 مدنياً.",
            Some("المرصد السوري لحقوق الإنسان"),
            &["المرصد السوري لحقوق الإنسان"],
        ),
        // Self-citation as written; a source known by another name as written.
        (
            "وقال مراسلنا إن القصف استمر.",
            Some("شبكة شام"),
            &["مراسلنا"],
        ),
        ("وذكرت سانا أن الدفاعات تصدت للصواريخ.", None, &["سانا"]),
    ];
    for (text, outlet, want) in table {
        assert_eq!(names(text, *outlet), *want, "{text}");
    }
}

/// Bodies cited with a statement, `وفق ما أفادت به`، `بحسب ما نقلت`, spokesmen of
/// a body and `مصدر في X`: each is reported under the body's name (the scorer
/// matches `مصدر في X` and `X` either way).
#[test]
fn statements_spokesmen_and_sources_in_bodies() {
    let table: &[(&str, &[&str])] = &[
        (
            "وذكرت هيئة الحشد الشعبي في بيان أن القوات صدت هجوماً.",
            &["هيئة الحشد الشعبي"],
        ),
        (
            "وأعلنت قيادة عمليات سامراء في بيان مقتل ثلاثة مسلحين.",
            &["قيادة عمليات سامراء"],
        ),
        (
            "وقالت قيادة شرطة ديالى في بيان إن دورية تعرضت لهجوم.",
            &["قيادة شرطة ديالى"],
        ),
        (
            "وذكرت خلية الإعلام الأمني في بيان أن طائرة قصفت وكراً.",
            &["خلية الإعلام الأمني"],
        ),
        (
            "وأعلنت المقاومة الإسلامية في بيان استهداف موقع المطلة.",
            &["المقاومة الإسلامية"],
        ),
        (
            "وقالت لجنة حقوق الإنسان في بيان إن المعتقلين تعرضوا للتعذيب.",
            &["لجنة حقوق الإنسان"],
        ),
        (
            "وذكر اللواء 30 في الحشد الشعبي في بيان أن عناصره أحبطوا هجوماً.",
            &["اللواء 30 في الحشد الشعبي"],
        ),
        (
            "وفق ما أفادت به مديرية صحة درعا فإن الجرحى نقلوا إلى المشفى.",
            &["مديرية صحة درعا"],
        ),
        ("بحسب ما نقلت وكالة رويترز فإن الهجوم صد.", &["رويترز"]),
        (
            "وقال المتحدث باسم خلية الإعلام الأمني إن القوات تقدمت.",
            &["خلية الإعلام الأمني"],
        ),
        (
            "وقال مصدر في قيادة عمليات الأنبار إن القوات تقدمت.",
            &["قيادة عمليات الأنبار"],
        ),
        (
            "وقال مصدر أمني في قيادة شرطة ديالى إن دورية تعرضت لهجوم.",
            &["مصدر أمني", "قيادة شرطة ديالى"],
        ),
        // a source noun in construct with the body, an actor body included
        (
            "قتل أربعة أشخاص في الانفجار وفق مصادر الشرطة العراقية.",
            &["الشرطة العراقية"],
        ),
        (
            "وقالت مصادر وزارة الصحة إن المستشفيات استقبلت الجرحى.",
            &["وزارة الصحة"],
        ),
        // Not cited: the body is only mentioned; a rank is no unit. An actor
        // body announcing is cited.
        ("زار الوفد هيئة الحشد الشعبي صباحاً.", &[]),
        (
            "وأعلنت قيادة عمليات سامراء مقتل ثلاثة مسلحين.",
            &["قيادة عمليات سامراء"],
        ),
        ("وقال اللواء الركن إن القوات تقدمت.", &[]),
        // where a source works is no body it speaks for
        (
            "وقال مصدر طبي في مشفى المدينة إن الجرحى وصلوا.",
            &["مصدر طبي"],
        ),
        (
            "وقال مصدر أمني في محافظة كركوك إن القوات تقدمت.",
            &["مصدر أمني"],
        ),
    ];
    let wrong: Vec<String> = table
        .iter()
        .filter(|(text, want)| names(text, None) != *want)
        .map(|(text, want)| format!("{text}: {:?}, want {want:?}", names(text, None)))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Named persons and actors quoted for the facts: a speech verb before them,
/// with their titles between, or right after them; never the person a
/// statement is about, nor words inside a quotation.
#[test]
fn quoted_persons_and_actors_table() {
    let table: &[(&str, &[&str])] = &[
        (
            "وقال المتحدث باسم التحالف العقيد سامي الحربي إن الطائرات أصابت أهدافاً عسكرية.",
            &["المتحدث باسم التحالف", "سامي الحربي"],
        ),
        (
            "قال مبعوث الأمم المتحدة، كريم الشمري، إنه سيدعو الأطراف إلى الحوار.",
            &["الأمم المتحدة", "كريم الشمري"],
        ),
        (
            "وأكد محافظ المدينة عادل الزبيدي أن الهجوم أوقع خمسة قتلى.",
            &["عادل الزبيدي"],
        ),
        (
            "وأعلن الجيش الإسرائيلي مقتل جندي على حدود غزة.",
            &["الجيش الإسرائيلي"],
        ),
        (
            "ويقول الجيش الإسرائيلي إن قواته رصدت مسلحين قرب السياج وأطلقت النار باتجاههم.",
            &["الجيش الإسرائيلي"],
        ),
        // the person spoken about, and a quotation
        (
            "قالت مصادر محلية إن سامر الحلبي قتل في الغارة.",
            &["مصادر محلية"],
        ),
        ("وقال المصدر \"الجيش يتقدم في كل الجبهات\".", &[]),
        ("ويعمل الباحث في المركز التابع للجيش السوري منذ سنوات.", &[]),
    ];
    for (text, want) in table {
        assert_eq!(names(text, None), *want, "{text}");
    }
}

/// What an actor announced in a dated recap, or statements an actor made
/// (`تصريحات أطلقها`), are no citation of the article's facts.
#[test]
fn recaps_are_not_citations() {
    let table: &[(&str, &[&str])] = &[
        ("وفي 12/3/2016 أعلن الجيش السوري السيطرة على تدمر.", &[]),
        ("تتزامن الأحداث وتصريحات أطلقها الجيش السوري أمس.", &[]),
        (
            "وأعلن الجيش السوري اليوم السيطرة على تدمر.",
            &["الجيش السوري"],
        ),
    ];
    for (text, want) in table {
        assert_eq!(names(text, None), *want, "{text}");
    }
}

/// A row of [`issue_13_frames_table`]: text, outlet, a name that must be
/// cited, a name that must not be.
type Row<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

/// Citing frames of issue 13: a relative clause's pronoun, the agency a
/// statement was given to, sources joined by و, statements relayed with
/// `نقل … عن`; and what is no citation: a commander after `بقيادة`, the
/// victim of an assassination, a quotation after a bare head, a body's name
/// given in quotes, `مصادرنا` inside a quotation.
#[test]
fn issue_13_frames_table() {
    let table: &[Row] = &[
        (
            "يأتي هذا في الوقت الذي أكدت فيه وزارة الصحة العراقية ارتفاع عدد المصابين.",
            None,
            Some("وزارة الصحة العراقية"),
            None,
        ),
        (
            "وقال مسعف في مستشفى البلدة الكبير لوكالة الأنباء الفرنسية إن الجرحى كثر.",
            None,
            Some("وكالة الأنباء الفرنسية"),
            None,
        ),
        (
            "وقال مسعف في مستشفى البلدة الكبير لوكالة الأنباء الفرنسية إن الجرحى كثر.",
            Some("وكالة الأنباء الفرنسية"),
            None,
            Some("وكالة الأنباء الفرنسية"),
        ),
        (
            "وقال خبير أمني لموقع \"سكاي نيوز عربية\" إن التفجير كان كبيراً.",
            None,
            Some("سكاي نيوز عربية"),
            None,
        ),
        (
            "وقال خبير أمني لموقع \"سكاي نيوز عربية\" إن التفجير كان كبيراً.",
            Some("سكاي نيوز عربية"),
            None,
            Some("سكاي نيوز عربية"),
        ),
        (
            "واتهمت وكالة الأنباء الرسمية (سانا) وصحيفة الوطن الطائرات الأمريكية بقصف الجسر.",
            None,
            Some("الوطن"),
            None,
        ),
        (
            "ونقلت وكالة رويترز عن الجيش الروسي قوله إن الطائرات عادت إلى قواعدها.",
            None,
            Some("الجيش الروسي"),
            None,
        ),
        (
            "وأكدت قوات الحماية، بقيادة العقيد محمد سالم، أنها صدت الهجوم.",
            None,
            None,
            Some("محمد سالم"),
        ),
        (
            "أعلنت وسائل إعلام محلية اغتيال محمد سالم قرب منزله في البلدة.",
            None,
            None,
            Some("محمد سالم"),
        ),
        (
            "وقالت الوكالة «الجهات المختصة تتابع القضية».",
            None,
            None,
            Some("الوكالة الجهات المختصة"),
        ),
        (
            "ونفت وكالة الأنباء الرسمية \"سانا\" وقوع أي هجوم على البلدة.",
            None,
            None,
            Some("وكالة الأنباء"),
        ),
        (
            "وأفادت وكالة الأنباء الرسمية الفلسطينية \"وفا\" بإصابة عشرة شبان.",
            None,
            Some("وفا"),
            Some("وكالة الأنباء"),
        ),
        (
            "وقال المتحدث باسم مجلس المحافظة لـ\"الوطن\" إن الطرق أغلقت.",
            None,
            Some("مجلس المحافظة"),
            None,
        ),
        (
            "واتهم المكتب الإعلامي لـ\"قسد\" في بيان مسلحين بالهجوم على القرية.",
            None,
            Some("المكتب الإعلامي لقسد"),
            None,
        ),
        (
            "وقالت المتحدثة: \"تقارير من مصادرنا تشير إلى هجوم جديد\".",
            Some("سي إن إن"),
            None,
            Some("مصادرنا"),
        ),
    ];
    for (text, outlet, cited, not_cited) in table {
        let got = names(text, *outlet);
        if let Some(c) = cited {
            assert!(got.iter().any(|g| g == c), "{text}: {got:?} lacks {c}");
        }
        if let Some(n) = not_cited {
            assert!(!got.iter().any(|g| g == n), "{text}: {got:?} has {n}");
        }
    }
}

/// A person cited by full name and later by surname alone (`وأضافت
/// كوهلر`) is the source of both sentences; a surname two persons share
/// names neither.
#[test]
fn a_surname_alone_cites_the_person_again() {
    let spans = |text: &str| -> Vec<(String, usize)> {
        let a = Analysis::new(text, vec![]);
        lx().sources(&a, None)
            .into_iter()
            .map(|x| (x.name, x.spans.len()))
            .collect()
    };
    let got = spans("قالت المتحدثة سارة كوهلر إن الجسر مغلق. وأضافت كوهلر أن العمل مستمر.");
    assert_eq!(got, vec![("سارة كوهلر".to_string(), 2)]);
    let got = spans(
        "قال سامر حداد إن الجسر مغلق. وقال خالد حداد، مدير الميناء، إن الطريق مفتوح. وأضاف حداد أن العمل مستمر.",
    );
    assert!(got.iter().all(|(_, n)| *n == 1), "{got:?}");
}
