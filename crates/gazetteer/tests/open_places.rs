//! Open-class places (villages, wadis, squares, checkpoints … that the
//! gazetteer does not list) read after a head word, and the contexts in which
//! a gazetteer name is no place of the story (outlets, time zones, seats of
//! citing organizations, slogans). Sentences written for these tests.

use rasad_gazetteer::Gazetteer;
use rasad_record::Entity;
use rasad_text::Analysis;
use std::sync::OnceLock;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::bundled_only)
}

fn places(text: &str) -> Vec<Entity> {
    let a = Analysis::new(text, vec![]);
    gaz().places(&a, &[])
}

fn names(text: &str) -> Vec<String> {
    places(text).into_iter().map(|e| e.name).collect()
}

fn check(table: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (text, want) in table {
        let got = names(text);
        if got != *want {
            failures.push(format!("{text}\n   got  {got:?}\n   want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn names_after_open_heads() {
    check(&[
        (
            "سيطرت الفصائل على قرية الخوين لساعات قبل أن تنسحب",
            &["قرية الخوين"],
        ),
        (
            "انفجرت عبوة قرب دوار السبع بحرات وسط مدينة منبج",
            &["دوار السبع بحرات", "منبج"],
        ),
        (
            "قصف الطيران حي كافوري شمالي الخرطوم",
            &["حي كافوري", "الخرطوم"],
        ),
        ("قال مدير ناحية سنونى إن القتيل مدني", &["ناحية سنونى"]),
        // A later gazetteer word of another article form does not end it.
        (
            "وقال مدير ناحية سنونى، إن الطائرة التركية قصفت سيارة",
            &["ناحية سنونى"],
        ),
        (
            "عثر على جثة في وادي المخيسة جنوب الحسكة",
            &["وادي المخيسة", "الحسكة"],
        ),
        (
            "تجمع المتظاهرون في ساحة الكرامة وسط السويداء",
            &["ساحة الكرامة", "السويداء"],
        ),
        ("تعرض جسر العطشانة للقصف", &["جسر العطشانة"]),
        (
            "قتل جنديان بهجوم على حاجز القوس في درعا",
            &["حاجز القوس", "درعا"],
        ),
        (
            "استهدفت القوات تلة الصنوبر قرب بلدة معرشمارين في ريف إدلب",
            &["تلة الصنوبر", "بلدة معرشمارين", "إدلب"],
        ),
        (
            "نزح الأهالي إلى مخيم الحنطة على أطراف المدينة",
            &["مخيم الحنطة"],
        ),
        (
            "سقطت قذائف على قرية أم الحنين وقرية عين الدلافين",
            &["قرية أم الحنين", "قرية عين الدلافين"],
        ),
        (
            "دارت اشتباكات في حي بستان الديوان بمدينة حمص",
            &["حي بستان الديوان", "حمص"],
        ),
        (
            "قصفت المدفعية قرية «الزيادية» بريف حماة",
            &["قرية الزيادية", "حماة"],
        ),
        ("قتل راع في بلدة كفرعويد", &["بلدة كفرعويد"]),
        // A gazetteer name written with the article it lacks, after a head.
        ("سيطرت الفصائل على قرية المعلك", &["معلك"]),
        // ... but not a word that starts names (العين is a city of the UAE).
        ("قصفت المدفعية قرية عين الطواحين", &[]),
        // A name written twice with two heads is one place.
        (
            "قتل مدنيان في قرية الخوين ثم فرّ المسلحون من بلدة الخوين",
            &["قرية الخوين"],
        ),
    ]);
}

#[test]
fn what_is_not_a_name() {
    check(&[
        ("تقع المدينة ضمن منطقة خفض التصعيد", &[]),
        ("أعلن الجيش المنطقة منطقة عسكرية مغلقة", &[]),
        ("قصفت الطائرات موقع عسكري قرب حماة", &["حماة"]),
        ("أصيب مدني في حي سكني", &[]),
        ("افتتحت المنظمة نقطة طبية في إدلب", &["إدلب"]),
        ("قتل في ساحة المعركة عشرات المقاتلين", &[]),
        ("أقامت القوات الروسية جسر جوي لنقل المعدات", &[]),
        ("تعيش العائلات في مخيم عشوائي", &[]),
        ("انتشرت القوات في منطقة شرق الفرات", &["الفرات"]),
        ("قتل ثلاثة مدنيين في قرية تقع على طريق حلب", &["حلب"]),
        ("وصلت التعزيزات إلى قرية صغيرة", &[]),
        ("هاجم مسلحون حاجز النظام في درعا", &["درعا"]),
        (
            "سقطت قذيفة في ساحة المدرسة بحي الوعر في حمص",
            &["الوعر", "حمص"],
        ),
        ("استهدفت الطائرات نقطة تركية قرب إدلب", &["إدلب"]),
        ("عادت العائلات إلى منطقة زراعية قرب حماة", &["حماة"]),
        ("شكّل الهجوم نقطة تحول في المعركة", &[]),
        // Strict heads need a gazetteer place after them in the sentence.
        ("هاجم مسلحون حاجز الفوج مساء أمس", &[]),
        (
            "وذكر موقع عنب بلدي أن الأهالي في دير الزور غاضبون",
            &["دير الزور"],
        ),
        // A head with the article refers back: no new place.
        ("وأوضح أن القرية المذكورة خالية", &[]),
        // Digits and dates end the name before it starts.
        ("وقعت المعارك في منطقة 7 آذار", &[]),
        (
            "انسحبت القوات من قرية الخوين والمناطق المحيطة",
            &["قرية الخوين"],
        ),
    ]);
}

#[test]
fn open_places_have_no_id_and_take_the_governorate_after_them() {
    let got = places("قتل مدنيان في قرية الخوين في ريف حماة الشمالي");
    let z = got.iter().find(|e| e.name == "قرية الخوين");
    let z = z.unwrap_or_else(|| panic!("no open place in {got:?}"));
    assert_eq!(z.id, None);
    assert_eq!(z.kind.as_deref(), Some("town"));
    assert_eq!(z.admin1.as_deref(), Some("حماة"));
    let got = places("اشتباكات قرب تلة الصنوبر شمال حلب");
    let t = got.iter().find(|e| e.name == "تلة الصنوبر");
    assert_eq!(t.and_then(|e| e.admin1.as_deref()), Some("حلب"));
    // Nothing after it in the sentence: no governorate.
    let got = places("قتل مدنيان في قرية الخوين. وقصفت الطائرات حماة");
    let z = got.iter().find(|e| e.name == "قرية الخوين");
    assert_eq!(z.map(|e| e.admin1.clone()), Some(None));
    // Spans: the head and the name, in the original text.
    let text = "قصف على «قرية الخوين» صباحاً";
    let a = Analysis::new(text, vec![]);
    let got = gaz().places(&a, &[]);
    assert_eq!(got.len(), 1);
    assert_eq!(a.slice(got[0].spans[0]), "قرية الخوين");
}

#[test]
fn outlets_time_zones_seats_and_slogans() {
    check(&[
        ("وقالت قناة الميادين إن القصف استمر", &[]),
        ("ونقل موقع الميادين نت عن مصادر محلية", &[]),
        ("وقال مراسل الميادين في دمشق إن الانفجار قوي", &["دمشق"]),
        ("وقال مسؤول لـ\"الميادين\" إن المفاوضات توقفت", &[]),
        ("بحسب الميادين فإن الهجوم فشل", &[]),
        (
            "قصفت الطائرات مدينة الميادين شرق دير الزور",
            &["الميادين", "دير الزور"],
        ),
        (
            "وصلت التعزيزات إلى الميادين والبوكمال",
            &["الميادين", "البوكمال"],
        ),
        ("ارتقى ثلاثة شهداء على طريق القدس", &[]),
        ("بدأ القصف عند الساعة الرابعة بتوقيت دمشق", &[]),
        ("في الثامنة مساء بتوقيت مكة المكرمة", &[]),
        (
            "قال المرصد السوري لحقوق الإنسان، ومقره لندن، إن 5 قتلوا في إدلب",
            &["إدلب"],
        ),
        ("أفادت منظمة حقوقية ومقرها في بريطانيا بمقتل مدنيين", &[]),
        ("وذكرت صحيفة «القدس العربي» أن الاجتماع تأجل", &[]),
        // The place itself, named elsewhere in the story, stays.
        (
            "وصل الوفد إلى لندن. وقال المرصد، ومقره لندن، إن الوضع هادئ",
            &["لندن"],
        ),
    ]);
}

#[test]
fn lists_after_plural_heads() {
    check(&[
        (
            "قصفت المدفعية قرى المعلوكة والخوين وأم الحنين في ريف حماة",
            &["المعلوكة", "الخوين", "أم الحنين", "حماة"],
        ),
        (
            "نزح الأهالي من بلدتي الدلافين، والخوين",
            &["الدلافين", "الخوين"],
        ),
        // A known place ends the list; the ones after it are its own.
        ("تقدمت القوات في قرى المعلوكة وهجين", &["المعلوكة", "هجين"]),
        ("سيطرت الفصائل على قرى عدة في الريف", &[]),
        ("يعيش النازحون في مخيمات تفتقر إلى الخدمات", &[]),
        ("قصفت الطائرات بلدتي كفرعويد وحيش", &["كفرعويد", "حيش"]),
        ("انتشلت فرق الإنقاذ ثلاثة أطفال أحياء بعد القصف", &[]),
        ("تعيش العائلات في مخيمات النزوح قرب الحدود", &[]),
        ("قصفت الطائرات قرى وبلدات ريف إدلب", &["إدلب"]),
    ]);
}
