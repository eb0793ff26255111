//! Names that are also common Arabic words (`needs_head` from word
//! frequencies and lemma forms): they count after a head word, and after a
//! preposition or a direction only when the article names another place of
//! the same area. Also the villages and quarters added to the supplement.

use rasad_gazetteer::Gazetteer;
use rasad_text::Analysis;
use std::sync::OnceLock;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::bundled_only)
}

fn names(text: &str) -> Vec<String> {
    let a = Analysis::new(text, vec![]);
    gaz().places(&a, &[]).into_iter().map(|e| e.name).collect()
}

#[test]
fn common_words_need_evidence() {
    let table: &[(&str, &[&str])] = &[
        // The word, no head, no other place nearby: nothing.
        ("وجاءت الزيارة في إطار التنسيق بين الجانبين", &[]),
        ("وامتدت الاحتجاجات إلى مدن في جنوب البلاد", &[]),
        ("خرجت مظاهرة سلمية تطالب بالإفراج عن المعتقلين", &[]),
        ("احترقت مساحات من محاصيل القطن", &[]),
        (
            "وقال الدفاع المدني (الخوذ البيضاء) إن فرقه انتشلت الجثث",
            &[],
        ),
        ("أكثر من ألفي شاب سووا أوضاعهم", &[]),
        // A head word always suffices.
        ("اعتقل الأمن شابين في مدينة السلمية", &["السلمية"]),
        ("سقطت قذيفة على بلدة الحراك", &["الحراك"]),
        // A preposition, with another place of the same governorate.
        (
            "اعتقلت القوات شابين من الحراك وآخر من درعا",
            &["الحراك", "درعا"],
        ),
        // A preposition alone is not enough.
        ("وقال إن الحراك مستمر، ودعا إلى الانضمام إلى الحراك", &[]),
        // A nisba-like common word stays a place where it is always one.
        (
            "قصفت الطائرات بلدة حاس في ريف إدلب الجنوبي",
            &["حاس", "إدلب"],
        ),
    ];
    for (text, want) in table {
        assert_eq!(names(text), *want, "{text}");
    }
}

#[test]
fn supplement_villages_and_quarters() {
    let table: &[(&str, &[&str])] = &[
        (
            "قصفت المدفعية قرى مرعناز وفافين في ريف حلب الشمالي",
            &["مرعناز", "فافين", "حلب"],
        ),
        (
            "دارت اشتباكات في الغزاوية قرب دير سمعان",
            &["الغزاوية", "دير سمعان"],
        ),
        ("أقلعت الطائرة من قاعدة حميميم", &["حميميم"]),
        (
            "اعتقلت الأسايش شباناً من حي العنترية في القامشلي",
            &["العنترية", "القامشلي"],
        ),
        (
            "تجمع المحتجون عند جسر الجمهورية في بغداد",
            &["جسر الجمهورية", "بغداد"],
        ),
        ("خطف مسلحون رعاة في وادي الشاي قرب الزركة", &["وادي الشاي"]),
        ("كان المصاب في طريق طويلة إلى المشفى", &[]),
    ];
    for (text, want) in table {
        assert_eq!(names(text), *want, "{text}");
    }
}
