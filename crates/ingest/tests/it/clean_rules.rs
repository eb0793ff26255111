//! One table per cleaning rule, with text written for the tests (not taken
//! from the seeds): what must stay, what must go, and what is found.

use rasad_ingest::{clean, Cleaned, Format, RawDoc};

fn doc(text: &str) -> RawDoc {
    RawDoc {
        id: "t".into(),
        text: text.into(),
        format: Format::Text,
        url: None,
        outlet: None,
        published: None,
        title: None,
        origin: "test".into(),
    }
}

fn run(text: &str) -> Cleaned {
    clean(&doc(text))
}

const P1: &str = "قالت مصادر محلية إن قوات النظام قصفت بالمدفعية الثقيلة أحياء في مدينة درعا البلد صباح اليوم، ما أدى إلى مقتل ثلاثة مدنيين وإصابة آخرين بجروح متفاوتة.";
const P2: &str = "وأضافت المصادر أن القصف تركز على الأحياء الجنوبية من المدينة، وسط حركة نزوح للأهالي نحو الريف الغربي وتخوف من تصعيد جديد خلال الأيام المقبلة.";
const TITLE: &str = "مقتل ثلاثة مدنيين بقصف مدفعي على درعا البلد";

/// Builds an article: title, two paragraphs, with `before`/`between`/`after` inserted.
fn article(before: &str, between: &str, after: &str) -> String {
    format!("{before}{TITLE}\n\n{P1}\n\n{between}{P2}\n\n{after}")
}

fn assert_clean(text: &str, gone: &[&str]) -> Cleaned {
    let c = run(text);
    assert!(c.body.contains(P1), "lost P1 in {text:?}\nbody: {}", c.body);
    assert!(c.body.contains(P2), "lost P2 in {text:?}\nbody: {}", c.body);
    for g in gone {
        assert!(!c.body.contains(g), "kept {g:?}\nbody: {}", c.body);
    }
    c
}

#[test]
fn comment_prompts_and_like_widgets_go() {
    for tail in [
        "اترك رد\n\nلن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *\n\nالتعليق\n\nالاسم *",
        "اترك تعليقاً",
        "أضف تعليق",
        "%d مدونون معجبون بهذه:",
        "أعجبني تحميل...",
        "زر الذهاب إلى الأعلى",
    ] {
        assert_clean(&article("", "", tail), &[tail.lines().next().unwrap_or_default(), "بريدك"]);
    }
}

#[test]
fn related_blocks_go_with_their_headlines() {
    for (tail, gone) in [
        (
            "مقالات ذات صلة\n\nغارات روسية على ريف إدلب الجنوبي\n\nانفجار سيارة مفخخة في أعزاز",
            vec!["غارات روسية", "انفجار سيارة", "ذات صلة"],
        ),
        (
            "إقرأ أيضاً:\n\nالأمم المتحدة تحذر من كارثة في مخيم الركبان\n\nتركيا تعزز نقاطها في إدلب",
            vec!["الركبان", "تعزز نقاطها", "أيضا"],
        ),
        (
            "أخبار ذات صلة\nقصف على دوما\nحصار الغوطة الشرقية",
            vec!["دوما", "الغوطة"],
        ),
        // the caption of a related item, just above the block heading
        (
            "مقاتلون من المعارضة على جبهة ريف حلب\n\nمقالات ذات صلة\n\nزر الذهاب إلى الأعلى",
            vec!["جبهة ريف حلب", "ذات صلة"],
        ),
    ] {
        assert_clean(&article("", "", tail), &gone);
    }
}

#[test]
fn an_inline_read_also_line_goes_alone() {
    for line in [
        "إقرأ: عملية إنزال جديدة للتحالف قرب الحدود\n\n",
        "اقرأ أيضا: الأمم المتحدة تطالب بوقف القصف\n\n",
        "اقرأ المزيد: مقتل قيادي بارز في غارة\n\n",
    ] {
        assert_clean(&article("", line, ""), &[line.trim()]);
    }
}

#[test]
fn share_tag_and_link_lines_go() {
    for tail in [
        "شارك",
        "شارك على فيسبوك",
        "فيسبوك تويتر واتساب تلغرام",
        "Facebook Twitter WhatsApp Telegram",
        "الوسوم: درعا، قصف، مدنيين",
        "كلمات مفتاحية: درعا البلد",
        "Tags: Daraa, Syria",
        "رابط الخبر بصحيفة الوطن اونلاين",
        "الرابط المختصر: https://example.org/?p=123",
        "جميع الحقوق محفوظة © 2019",
    ] {
        assert_clean(&article("", "", tail), &[tail]);
    }
}

#[test]
fn section_labels_above_the_title_go() {
    for label in [
        "سورية\n\n",
        "الشأن السوري\n\n",
        "خبر عاجل\n\n",
        "عاجل\n",
        "تقارير ميدانية\n\n",
    ] {
        let c = assert_clean(&article(label, "", ""), &[label.trim()]);
        assert_eq!(c.title.as_deref(), Some(TITLE), "{label:?}");
    }
}

#[test]
fn the_title_and_its_repeats_leave_the_body() {
    let text =
        format!("عاجل\n\n{TITLE}\n\n{TITLE}\n\nنشر الخميس 12 آذار 2020\n\n{TITLE}\n\n{P1}\n\n{P2}");
    let c = assert_clean(&text, &[TITLE, "نشر الخميس"]);
    assert_eq!(c.title.as_deref(), Some(TITLE));
    let span = c.title_span.expect("title span");
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(
        chars[span.start..span.end].iter().collect::<String>(),
        TITLE
    );
    let d = c.dateline.expect("dateline");
    assert_eq!(
        chars[d.start..d.end].iter().collect::<String>(),
        "الخميس 12 آذار 2020"
    );
}

#[test]
fn metadata_title_wins_and_its_line_goes() {
    let mut d = doc(&article("", "", ""));
    d.title = Some("عنوان من البيانات الوصفية".into());
    let c = clean(&d);
    assert_eq!(c.title.as_deref(), Some("عنوان من البيانات الوصفية"));
    d.title = Some(TITLE.into());
    let c = clean(&d);
    assert!(!c.body.contains(TITLE));
    assert!(c.title_span.is_some());
}

#[test]
fn outlet_dateline_and_byline_lines_go_and_are_read() {
    for (head, outlet, author) in [
        ("| الوطن - وكالات\n\n", Some("الوطن"), None),
        (
            "أخبار الآن | دبي – الإمارات (سامر الأحمد)\n\n",
            Some("أخبار الآن"),
            Some("سامر الأحمد"),
        ),
        (
            "أبوظبي - سكاي نيوز عربية\n\n",
            Some("سكاي نيوز عربية"),
            None,
        ),
        ("عنب بلدي – درعا\n\n", Some("عنب بلدي"), None),
        ("- سامر الأحمد\n\n", None, Some("سامر الأحمد")),
        ("بقلم: سامر الأحمد\n\n", None, Some("سامر الأحمد")),
        ("كتب: سامر الأحمد\n\n", None, Some("سامر الأحمد")),
    ] {
        let text = format!("{TITLE}\n\n{head}{P1}\n\n{P2}");
        let c = assert_clean(&text, &[head.trim()]);
        assert_eq!(c.title.as_deref(), Some(TITLE), "{head:?}");
        assert_eq!(c.outlet.as_deref(), outlet, "{head:?}");
        assert_eq!(c.authors.first().map(String::as_str), author, "{head:?}");
    }
}

#[test]
fn signatures_at_the_end_go_and_name_the_outlet() {
    for (tail, outlet) in [
        ("صحيفة الوطن", Some("الوطن")),
        ("المصدر: الجزيرة + وكالات", Some("الجزيرة")),
        ("المصدر: وكالات", None),
        ("المصدر: عنب بلدي", Some("عنب بلدي")),
    ] {
        let c = assert_clean(&article("", "", tail), &[tail]);
        assert_eq!(c.outlet.as_deref(), outlet, "{tail:?}");
    }
}

#[test]
fn a_standfirst_repeated_at_the_end_goes() {
    let text = format!("{TITLE}\n\n{P1}\n\n{P2}\n\n{P1}");
    let c = run(&text);
    assert_eq!(c.body.matches(P1).count(), 1, "{}", c.body);
}

#[test]
fn a_lead_dateline_names_the_outlet_and_leaves_the_body() {
    let text = format!("{TITLE}\n\nدمشق-سانا {P1}\n\n{P2}");
    let c = assert_clean(&text, &["دمشق-سانا"]);
    assert_eq!(c.outlet.as_deref(), Some("سانا"));
}

#[test]
fn an_agency_calling_itself_the_agency_is_the_outlet() {
    let text = format!(
        "{TITLE}\n\nوقال مصدر محلي لوكالة «سمارت» إن القصف استهدف الأحياء السكنية بعد منتصف الليل.\n\n{P1}\n\nوأفاد مراسل الوكالة بأن الطيران حلق فوق المدينة.\n\n{P2}"
    );
    assert_eq!(run(&text).outlet.as_deref(), Some("سمارت"));
    // a wire cited by another outlet is not the outlet
    let text = format!("{TITLE}\n\nوقال مسؤول لوكالة رويترز إن القصف استمر.\n\n{P1}\n\n{P2}");
    assert_eq!(run(&text).outlet, None);
}

#[test]
fn metadata_outlet_is_canonicalized() {
    let mut d = doc(&article("", "", ""));
    d.outlet = Some("Enab Baladi".into());
    assert_eq!(clean(&d).outlet.as_deref(), Some("عنب بلدي"));
    d.outlet = Some("Some Blog".into());
    assert_eq!(clean(&d).outlet.as_deref(), Some("Some Blog"));
}

#[test]
fn prose_that_looks_like_chrome_stays() {
    let lines = [
        "وقال شاهد عيان إن القصف استمر ساعتين دون توقف على الأحياء الشرقية.",
        "وأضاف المصدر: إن القوات انسحبت من النقاط المتقدمة بعد منتصف الليل.",
        "وشارك في الهجوم عشرات المقاتلين من الفصائل المحلية في ريف المدينة.",
    ];
    let text = format!("{TITLE}\n\n{P1}\n\n{}\n\n{P2}", lines.join("\n\n"));
    let c = run(&text);
    for l in lines {
        assert!(c.body.contains(l), "lost {l:?}");
    }
}

#[test]
fn a_long_first_paragraph_is_not_a_title() {
    let c = run(&format!("{P1}\n\n{P2}"));
    assert_eq!(c.title, None);
    assert!(c.body.starts_with(P1));
}

#[test]
fn degenerate_inputs() {
    for text in ["", "\n\n\n", "اترك رد", "عاجل", "*", "\u{200f}\u{a0}"] {
        let c = run(text);
        assert!(c.body_spans.iter().all(|s| s.start < s.end));
    }
}

#[test]
fn menus_above_the_headline_and_footers_below_go() {
    let menu = "الرئيسية\nسياسة\nاقتصاد\nرياضة\nثقافة\nمنوعات\n\n";
    let footer = "من نحن\nاتصل بنا\nسياسة الخصوصية\nتطبيقنا\nالنشرة\nالأرشيف";
    let c = assert_clean(
        &article(menu, "", footer),
        &["رياضة", "ثقافة", "الأرشيف", "تطبيقنا"],
    );
    assert_eq!(c.title.as_deref(), Some(TITLE));
}

#[test]
fn place_and_writer_under_the_headline() {
    let text = format!("{TITLE}\n\nبيروت: سامر الأحمد\n\n{P1}\n\n{P2}");
    let c = assert_clean(&text, &["بيروت: سامر"]);
    assert_eq!(c.authors, ["سامر الأحمد"]);
    let text = format!("{TITLE}\n\nدمشق - خاص\n\n{P1}\n\n{P2}");
    let c = assert_clean(&text, &["دمشق - خاص"]);
    assert_eq!(c.outlet, None);
}

fn slice(text: &str, sp: rasad_record::Span) -> String {
    text.chars().skip(sp.start).take(sp.len()).collect()
}

/// A date beside the outlet or the place on a header line is the dateline,
/// and the outlet is still read: (line under the title, outlet, date).
#[test]
fn a_date_beside_the_outlet_in_the_header_is_the_dateline() {
    for (line, outlet, date) in [
        ("عفرين - هاوار | 10/07/2019", Some("هاوار"), "10/07/2019"),
        ("أربيل - روداو | 3 آب 2019", Some("روداو"), "3 آب 2019"),
        ("2019-05-20 | 14:30", None, "2019-05-20 | 14:30"),
        ("نشر في 12 آذار 2019", None, "12 آذار 2019"),
        (
            "آخر تحديث: 14 أيار 2019 - 09:15",
            None,
            "14 أيار 2019 - 09:15",
        ),
        (
            "دمشق · سانا · الأحد 1 كانون الأول 2019",
            Some("سانا"),
            "الأحد 1 كانون الأول 2019",
        ),
    ] {
        let text = format!("{TITLE}\n{line}\n\n{P1}\n\n{P2}");
        let c = assert_clean(&text, &[line]);
        let d = c
            .dateline
            .unwrap_or_else(|| panic!("no dateline in {line:?}"));
        assert_eq!(slice(&text, d), date, "{line}");
        assert_eq!(c.outlet.as_deref(), outlet, "{line}");
    }
}

/// A date line closing the article is its dateline when the top has none, and
/// leaves the body; an outlet beside it signs the article.
#[test]
fn a_date_line_at_the_end_is_the_dateline() {
    for (tail, outlet, date) in [
        ("1 كانون الأول 2019", None, "1 كانون الأول 2019"),
        ("13/3/2019 - 11:42", None, "13/3/2019 - 11:42"),
        ("الوطن - 2018/04/19", Some("الوطن"), "2018/04/19"),
        (
            "الاثنين 2 أيلول 2019\n\nتعليقات الفيسبوك",
            None,
            "الاثنين 2 أيلول 2019",
        ),
        ("نشر في 2019-05-20\n\nمقالات ذات صلة", None, "2019-05-20"),
    ] {
        let text = article("", "", tail);
        let first = tail.lines().next().unwrap_or_default();
        let c = assert_clean(&text, &[first]);
        let d = c
            .dateline
            .unwrap_or_else(|| panic!("no dateline in {tail:?}"));
        assert_eq!(slice(&text, d), date, "{tail}");
        assert_eq!(c.outlet.as_deref(), outlet, "{tail}");
    }
    // a header dateline wins over a date at the end
    let text = format!("{TITLE}\nنشر في 12 آذار 2019\n\n{P1}\n\n{P2}\n\n1 كانون الأول 2019");
    let d = run(&text).dateline.expect("dateline");
    assert_eq!(slice(&text, d), "12 آذار 2019");
    // a headline with a date beside it stays the title
    let text = format!("غارات على إدلب - 12 آذار 2019\n\n{P1}\n\n{P2}");
    let c = run(&text);
    assert_eq!(c.title.as_deref(), Some("غارات على إدلب - 12 آذار 2019"));
    // a closing sentence that holds a date stays in the body
    let last = "وكانت المعارك قد اندلعت في 3 آذار 2019 بعد هجوم واسع.";
    let c = run(&article("", "", last));
    assert!(c.body.contains(last), "{}", c.body);
    assert_eq!(c.dateline, None);
}

#[test]
fn share_related_and_comment_variants_go() {
    for tail in [
        "شارك هذا الخبر: فيسبوك | تويتر | واتساب",
        "روابط ذات صلة\nعبد المهدي يدعو إلى التهدئة ويعد بإصلاحات",
        "تعليقات الفيسبوك",
    ] {
        let gone: Vec<&str> = tail.lines().collect();
        assert_clean(&article("", "", tail), &gone);
    }
}

/// A newspaper's issue number after the date closes the dateline (Asharq
/// Al-Awsat prints `… 2019 مـ رقم العدد [14859]`).
#[test]
fn an_issue_number_closes_the_dateline() {
    for (line, date) in [
        (
            "الأحد - 3 ذو الحجة 1440 هـ - 04 أغسطس 2019 مـ رقم العدد [14859]",
            "الأحد - 3 ذو الحجة 1440 هـ - 04 أغسطس 2019",
        ),
        ("الخميس 12 أيلول 2019 العدد 5210", "الخميس 12 أيلول 2019"),
    ] {
        let text = format!("{TITLE}\n{line}\n\n{P1}\n\n{P2}");
        let c = assert_clean(&text, &[line]);
        let d = c
            .dateline
            .unwrap_or_else(|| panic!("no dateline in {line:?}"));
        assert_eq!(slice(&text, d), date, "{line}");
    }
    // without a date the words are not a dateline
    assert_eq!(run(&article("", "", "العدد 5210")).dateline, None);
}

/// A dateline with a tatweel dash, the RT Arabic brand as written, follow-us
/// lines naming the outlet and undated update stamps.
#[test]
fn tatweel_datelines_rt_follow_us_and_update_stamps() {
    let text = format!("{TITLE}\n\nدمشق ــ سانا {P1}\n\n{P2}");
    let c = assert_clean(&text, &["ــ سانا"]);
    assert_eq!(c.outlet.as_deref(), Some("سانا"));
    // a tatweel inside a word is no separator
    let text = format!("{TITLE}\n\nمـدينة {P1}\n\n{P2}");
    assert_eq!(run(&text).outlet, None);
    let text = format!("{TITLE}\n\nموسكو - RT عربي\n\n{P1}\n\n{P2}");
    assert_eq!(run(&text).outlet.as_deref(), Some("RT عربي"));
    let text = format!("{TITLE}\n\nبيروت ــ آر تي عربي\n\n{P1}\n\n{P2}");
    assert_eq!(run(&text).outlet.as_deref(), Some("RT عربي"));
    for line in [
        "تابعوا أخبار عنب بلدي على تلغرام",
        "لمتابعة آخر الأخبار تابعونا على قناة سانا",
        "تابعونا عبر صفحتنا على فيسبوك",
    ] {
        assert_clean(&article("", "", &format!("{line}\n")), &[line]);
    }
    let stamp = "آخر تحديث: منذ ساعتين";
    assert_clean(&article(&format!("{stamp}\n\n"), "", ""), &[stamp]);
    // prose that begins like a stamp stays
    let prose = "وقال مسؤول إن السكان تابعوا أخبار المعارك عبر الإذاعة المحلية طوال الليل.";
    let c = run(&article("", &format!("{prose}\n\n"), ""));
    assert!(c.body.contains(prose), "{}", c.body);
}

const P3: &str = "وأشار المرصد إلى أن فرق الإسعاف نقلت الجرحى إلى مستشفى المدينة الوطني، فيما أغلقت الطرق المؤدية إلى السوق الرئيسية حتى المساء.";

#[test]
fn related_headlines_between_paragraphs_go() {
    for (between, gone) in [
        // two headlines of other stories, one a question
        (
            "من هو القائد الجديد لقوات الحدود؟\nالمعارضة: من خطوط الجبهة إلى طاولة التفاوض\n",
            vec!["القائد الجديد", "طاولة التفاوض"],
        ),
        // three, with quotes and a leading number
        (
            "في الصحف: الوزير \"يتعهد بالمحاسبة\" في الجنوب\n40 قتيلا على الأقل في \"قصف مدفعي\" على البلدة\nثلاث قوى تتنازع السيطرة على الساحل\n",
            vec!["يتعهد بالمحاسبة", "40 قتيلا", "تتنازع"],
        ),
    ] {
        let text = format!("{TITLE}\n\n{P1}\n{between}{P2}\n{P3}\n");
        let c = run(&text);
        for p in [P1, P2, P3] {
            assert!(c.body.contains(p), "lost {p}\nbody: {}", c.body);
        }
        for g in gone {
            assert!(!c.body.contains(g), "kept {g:?}\nbody: {}", c.body);
        }
    }
    // one short line between paragraphs is a subheading: it stays
    let text = format!("{TITLE}\n\n{P1}\nالأهالي يطالبون بممر آمن للخروج\n{P2}\n{P3}\n");
    assert!(run(&text).body.contains("يطالبون بممر آمن"));
    // a body whose paragraphs do not end like sentences is left alone
    let open = |p: &str| p.trim_end_matches('.').to_string();
    let text = format!(
        "{TITLE}\n\n{}\nالأهالي يطالبون بممر آمن للخروج\nالأمطار تغرق خيام النازحين في الشمال\n{}\n{}\n",
        P1,
        open(P2),
        open(P3)
    );
    let c = run(&text);
    assert!(
        c.body.contains("يطالبون بممر آمن") && c.body.contains("تغرق خيام"),
        "{}",
        c.body
    );
}

#[test]
fn app_promotions_and_read_more_marks_go() {
    for (line, gone) in [
        (
            "يمكنكم تسلم إشعارات عاجلة عند تنزيل تطبيقنا الجديد على الهاتف",
            "تسلم إشعارات",
        ),
        ("اقرأ.. وزير الدفاع يزور الجبهة الشمالية", "يزور الجبهة"),
        (
            "قد يهمك/ مسؤول أممي: الممرات الإنسانية مغلقة",
            "الممرات الإنسانية",
        ),
        ("للمزيد: اجتماع طارئ لمجلس الأمن بشأن المعبر", "اجتماع طارئ"),
        ("______________________________", "____"),
    ] {
        assert_clean(&article("", &format!("{line}\n"), ""), &[gone]);
        assert_clean(&article("", "", line), &[gone]);
    }
}

#[test]
fn chrome_glued_after_the_last_sentence_goes() {
    for (tail, gone) in [
        (" سمات درعا قصف نزوح", "سمات"),
        (
            " سمات درعا قصف � وأضافت المصادر كلاماً مكرراً. سمات درعا",
            "مكرراً",
        ),
        ("مقالات أخرى للكاتبعنوان أول!عنوان ثان؟", "عنوان أول"),
    ] {
        let text = format!("{TITLE}\n\n{P1}\n\n{P2}{tail}");
        let c = assert_clean(&text, &[gone]);
        assert!(c.body.ends_with('.'), "{:?}", c.body);
    }
    // the word in a sentence of its own stays
    let text = format!("{TITLE}\n\n{P1}\n\n{P2} سمات المرحلة المقبلة تتضح في الخطاب الرسمي.");
    let c = run(&text);
    assert!(c.body.contains("سمات المرحلة"), "{}", c.body);
}

fn with_url(text: &str, url: &str) -> Cleaned {
    let mut d = doc(text);
    d.url = Some(url.into());
    clean(&d)
}

#[test]
fn the_outlet_of_the_address_is_the_publisher_when_the_text_names_it() {
    for (text, url, want) in [
        (
            format!("{TITLE}\n\nحلب – عين اليوم\n{P1}\n{P2}"),
            "http://www.3alyoum.com/news/a/1",
            Some("عين اليوم"),
        ),
        (
            format!("{TITLE}\n\n{P1}\nوقال مسؤول محلي لسكاي نيوز عربية إن الطريق مغلق.\n{P2}"),
            "https://www.skynewsarabia.com/middle-east/1",
            Some("سكاي نيوز عربية"),
        ),
        (
            format!("{TITLE}\n\nبيروت، لبنان (CNN)-- {P1}\n{P2}"),
            "https://arabic.cnn.com/middle-east/x",
            Some("CNN بالعربية"),
        ),
        (
            format!("{TITLE}\n\n{P1}\n{P2}\nرابط الخبر بصحيفة الوئام: {TITLE}"),
            "http://www.alweeam.com.sa/1/",
            Some("الوئام"),
        ),
        // the address's outlet never named: no outlet, even when a wire is credited
        (
            format!("{TITLE}\n\n{P1}\n{P2}\nالمصدر: رويترز"),
            "https://www.france24.com/ar/x",
            None,
        ),
        // a one-word name used as a word is no naming
        (
            format!("{TITLE}\n\n{P1}\nوصل الوفد إلى الرياض اليوم الأحد.\n{P2}"),
            "http://www.alriyadh.com/1",
            None,
        ),
        (
            format!("{TITLE}\n\n{P1}\nوقال المتحدث لـ«الرياض» إن الوفد وصل.\n{P2}"),
            "http://www.alriyadh.com/1",
            Some("الرياض"),
        ),
    ] {
        let c = with_url(&text, url);
        assert_eq!(c.outlet.as_deref(), want, "{url}: {text}");
        assert!(c.body.contains(P1) && c.body.contains(P2), "{}", c.body);
    }
}

#[test]
fn teasers_of_other_stories_after_an_agency_dateline_go() {
    let t1 = "افتتح وزير النقل الأردني، سامر الخطيب، الثلاثاء، جسراً جديداً فوق نهر الزرقاء بطول كيلومترين بعد أعوام من التأخير في التنفيذ.";
    let t2 = "أعلنت شركة طيران خليجية، الأربعاء، عن إطلاق رحلات مباشرة إلى ثلاث مدن أوروبية جديدة ابتداء من فصل الصيف المقبل بأسعار مخفضة.";
    let lead = format!("بيروت، لبنان (CNN)-- {P1}");
    let text = format!("{TITLE}\n\n{P1}\n\n{lead}\n{P2}\n{P3}\n{t1}\n{t2}\n");
    let c = run(&text);
    assert!(c.body.contains(P2) && c.body.contains(P3), "{}", c.body);
    assert!(
        !c.body.contains("جسراً جديداً") && !c.body.contains("رحلات مباشرة"),
        "{}",
        c.body
    );
    // without the agency dateline the closing paragraphs stay
    let text = format!("{TITLE}\n\n{P1}\n\n{P1}\n{P2}\n{P3}\n{t1}\n{t2}\n");
    let c = run(&text);
    assert!(
        c.body.contains("جسراً جديداً") && c.body.contains("رحلات مباشرة"),
        "{}",
        c.body
    );
    // one unrelated closing paragraph is not a block of teasers
    let text = format!("{TITLE}\n\n{P1}\n\n{lead}\n{P2}\n{P3}\n{t1}\n");
    assert!(run(&text).body.contains("جسراً جديداً"));
}

#[test]
fn chrome_lines_and_bracketed_datelines_name_the_outlet_without_an_address() {
    for (text, want) in [
        (
            format!("{TITLE}\n\n{P1}\n\nعمّان، الأردن (CNN)-- {P2}"),
            Some("CNN بالعربية"),
        ),
        (
            format!(
                "{TITLE}\n\n{P1}\n\n{P2}\nرابط الخبر بصحيفة الوئام: {TITLE} في المدينة القديمة"
            ),
            Some("الوئام"),
        ),
        (
            format!(
                "{TITLE}\n\n{P1}\n\n{P2}\nحملوا تطبيق بي بي سي عربي لتصلكم آخر التطورات أولا بأول"
            ),
            Some("بي بي سي عربي"),
        ),
        (
            format!("{TITLE}\n\n{P1}\nإقرأ أيضا في بي بي سي: {TITLE}\n{P2}"),
            Some("بي بي سي عربي"),
        ),
        // a read-also link naming a city that is also a paper's name, late in the line
        (
            format!("{TITLE}\n\n{P1}\nاقرأ أيضا: اجتماع للفصائل الفلسطينية في القدس\n{P2}"),
            None,
        ),
    ] {
        assert_eq!(run(&text).outlet.as_deref(), want, "{text}");
    }
}
