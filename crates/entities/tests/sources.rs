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
        (
            "وقالت وكالة سانا إن الجيش تقدم.",
            None,
            &["الوكالة العربية السورية للأنباء"],
        ),
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
        ("وأعلن الجيش السوري السيطرة على البلدة.", None, &[]),
        (
            "أعلنت وزارة الدفاع الروسية مقتل 40 مسلحاً.",
            None,
            &["وزارة الدفاع الروسية"],
        ),
        (
            "وأفاد مصدر الوكالة بأن القصف تجدد.",
            Some("ستيب"),
            &["وكالة ستيب الإخبارية"],
        ),
        (
            "وأفاد مراسلنا بأن القصف تجدد.",
            Some("عين المدينة"),
            &["عين المدينة"],
        ),
        ("قتل عشرة في الغارة.\nالمصدر: وكالات", None, &["وكالات"]),
        ("وكالات الأنباء نقلت الخبر.", None, &[]),
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
