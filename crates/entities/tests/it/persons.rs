//! Person names on sentences written for the tests.

use rasad_entities::Lexicon;
use rasad_record::Span;
use rasad_text::Analysis;
use std::sync::OnceLock;

fn lx() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(Lexicon::bundled)
}

fn people(text: &str) -> Vec<(String, Vec<String>)> {
    let a = Analysis::new(text, vec![]);
    lx().persons(&a, &[], &[])
        .into_iter()
        .map(|e| (e.name, e.aliases))
        .collect()
}

/// (text, expected persons with their aliases).
type Case<'a> = (&'a str, &'a [(&'a str, &'a [&'a str])]);

#[test]
fn table() {
    let table: &[Case] = &[
        ("قتل القيادي \"سامر خليل\" بغارة.", &[("سامر خليل", &[])]),
        (
            "وصل الأمير “أبو عبيدة المصري” إلى إدلب.",
            &[("أبو عبيدة المصري", &[])],
        ),
        (
            "فر القيادي “يوسف عمر” الملقب بـ “أبي خالد الشامي” إلى تركيا.",
            &[("يوسف عمر", &["أبو خالد الشامي"])],
        ),
        (
            "المدعو \"خالد أحمد الحسين\" والملقب بــ\"أبو علي الديري\"، أمير الحسبة.",
            &[("خالد أحمد الحسين", &["أبو علي الديري"])],
        ),
        (
            "اعتقل كل من ياسر العلي ومحمد الحمود وعبد الرحمن الخلف وفراس السعيد.",
            &[
                ("ياسر العلي", &[]),
                ("محمد الحمود", &[]),
                ("عبد الرحمن الخلف", &[]),
                ("فراس السعيد", &[]),
            ],
        ),
        (
            "قتل الطفل عبد الله الخضر بشظية.",
            &[("عبد الله الخضر", &[])],
        ),
        (
            "قالت الناطقة باسم الحملة، نسرين عبد اللـه، إن التقدم مستمر.",
            &[("نسرين عبد الله", &[])],
        ),
        (
            "ظهر أبي بكر البغدادي في تسجيل، ثم قال البغدادي إن الحرب طويلة.",
            &[("أبو بكر البغدادي", &[])],
        ),
        (
            "أكد المتحدث باسم التحالف الكولونيل شون ريان في بيان أن العملية مستمرة.",
            &[("شون ريان", &[])],
        ),
        (
            "قال الرئيس الأمريكي دونالد ترامب إن القوات ستنسحب.",
            &[("دونالد ترامب", &[])],
        ),
        // not persons
        ("قال القيادي في الفصيل إن الهجوم صد.", &[]),
        ("أصيب الطفل بجروح خطيرة.", &[]),
        ("قال محمد إن الطريق مقطوع.", &[]),
        ("سقطت قذيفة على الحدود يوم الخميس.", &[]),
        ("وصل صالح الأسبوع الماضي.", &[]),
        ("فر المقاتلون إلى أبو كمال ثم إلى أبو ظبي.", &[]),
        ("قال ناشطو فرات بوست إن القادة فروا.", &[]),
        ("أكد المتحدث باسم عملية عاصفة الجزيرة التقدم.", &[]),
        ("نشرت شبكة أمل الإخبارية صوراً.", &[]),
    ];
    for (text, want) in table {
        let want: Vec<(String, Vec<String>)> = want
            .iter()
            .map(|(n, al)| (n.to_string(), al.iter().map(|s| s.to_string()).collect()))
            .collect();
        assert_eq!(people(text), want, "{text}");
    }
}

#[test]
fn bylines_and_exclusions() {
    let text = "كتب: بلال الفارس\nقتل عماد الحمصي في حي الوعر.";
    let a = Analysis::new(text, vec![]);
    let got: Vec<String> = lx()
        .persons(&a, &["بلال الفارس".to_string()], &[])
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(got, vec!["بلال الفارس", "عماد الحمصي"]);
    // an excluded span (a place, an actor) is not a person
    let start = text
        .find("عماد")
        .map(|b| text[..b].chars().count())
        .unwrap();
    let got: Vec<String> = lx()
        .persons(&a, &[], &[Span::new(start, start + 4)])
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(got, vec!["بلال الفارس"]);
}

/// Kurdish given names; three-part names whose given names are common words.
#[test]
fn kurdish_and_three_part_names() {
    let table: &[(&str, &[&str])] = &[
        (
            "وأكد محافظ أربيل أوميد خوشناو أن الأجهزة الأمنية فتحت تحقيقاً.",
            &["أوميد خوشناو"],
        ),
        (
            "وقالت الناشطة روجين أحمد إن القصف طال المدرسة.",
            &["روجين أحمد"],
        ),
        (
            "وقال إن القتيل هو سعيد حسن سعيد، وإن الغارة أثارت الذعر.",
            &["سعيد حسن سعيد"],
        ),
        // A common word alone or with one name part stays a word.
        ("وكان يوماً سعيداً للأهالي.", &[]),
        ("عاد حسن الحظ إلى الفريق.", &[]),
    ];
    for (text, want) in table {
        let got: Vec<String> = people(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, *want, "{text}");
    }
}

/// Verbs that are given names and highway names are not persons.
#[test]
fn verbs_and_highways_are_not_persons() {
    let table: &[(&str, &[&str])] = &[
        ("ورفعت العلم الوطني فوق المبنى البلدي.", &[]),
        ("قطعت الفصائل طريق إم 4 قرب أريحا.", &[]),
        ("وقال اللواء رفعت الأسد إن الجيش انسحب.", &["رفعت الأسد"]),
    ];
    for (text, want) in table {
        let got: Vec<String> = people(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(got, *want, "{text}");
    }
}

fn names_only(text: &str) -> Vec<String> {
    people(text).into_iter().map(|(n, _)| n).collect()
}

/// Foreign and unknown names after a role and its complement, before a title
/// in apposition, and well-known leaders; never a preposition, an adverb or a
/// kinship word read as a name.
#[test]
fn roles_apposition_and_leaders_table() {
    let table: &[(&str, &[&str])] = &[
        (
            "وقال وزير الخارجية النرويجي ينس ستولتنبرغ في مؤتمر صحفي إن الحوار ممكن.",
            &["ينس ستولتنبرغ"],
        ),
        (
            "دعا رئيس بعثة الأمم المتحدة للدعم في السودان توماس كلاين إلى وقف القتال.",
            &["توماس كلاين"],
        ),
        (
            "وقالت المتحدثة باسم الخارجية الفرنسية سيلين موريل لوكالة الأنباء إن الاجتماع تأجل.",
            &["سيلين موريل"],
        ),
        (
            "وقال بيتر هوفمان، المتحدث باسم الجيش الألماني، إن الطائرة سقطت.",
            &["بيتر هوفمان"],
        ),
        (
            "تعهد الرئيس الفرنسي، إيمانويل ماكرون، بالرد على الهجوم.",
            &["إيمانويل ماكرون"],
        ),
        (
            "التقى المبعوث الأممي مارتن غريفيث بالرئيس عبد ربه منصور هادي في الرياض، وقال غريفيث إن اللقاء مثمر.",
            &["مارتن غريفيث", "عبد ربه منصور هادي"],
        ),
        // not names
        ("ولفت مدير المرصد إلى وجود خبراء من الحرس الثوري.", &[]),
        ("خرج المحتجون أمام مبنى المحافظة وسط هتافات غاضبة.", &[]),
        ("ولم يتغير عمر الصراع في نظر المراقبين.", &[]),
        (
            "اعتقل سامر هلال الحلبي ابن عم المحافظ في المدينة.",
            &["سامر هلال الحلبي"],
        ),
    ];
    for (text, want) in table {
        assert_eq!(names_only(text), *want, "{text}");
    }
}

#[test]
fn accusative_pairs_are_no_names() {
    assert_eq!(
        names_only("وأبدى رئيس الحكومة تأييداً شديداً للخطة."),
        Vec::<String>::new()
    );
}

#[test]
fn nisba_pairs_are_no_names() {
    assert_eq!(
        names_only("وأشار قائد عسكري سوري إلى أن الوحدات تتقدم."),
        Vec::<String>::new()
    );
}
