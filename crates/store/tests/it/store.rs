//! Store behaviour through the public API: duplicates, search across
//! spelling variants, filters, snippets pointing into the original text.

use rasad_record::{Basis, Calendar, Document, Precision, Span, Time};
use rasad_store::{prepare, Outcome, Query, SnippetBase, Store, StoreError};

fn doc(id: &str, body: &str) -> Document {
    let mut d = Document::empty(id);
    d.body = body.to_string();
    d.title = Some(format!("عنوان {id}"));
    d
}

fn dated(mut d: Document, day: &str, outlet: &str) -> Document {
    d.published = Some(Time {
        value: Some(day.to_string()),
        precision: Precision::Day,
        calendar: Calendar::Gregorian,
        basis: Basis::Explicit,
    });
    d.outlet = Some(outlet.to_string());
    d
}

/// Stores documents whose text is "chrome + body + chrome".
fn store_of(docs: &[Document]) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let batch: Vec<_> = docs
        .iter()
        .map(|d| prepare(&wrap(&d.body), &format!("{}.txt", d.id), d).unwrap())
        .collect();
    let out = s.write_batch(&batch).unwrap();
    assert!(out.iter().all(|o| *o == Outcome::Inserted), "{out:?}");
    s
}

fn wrap(body: &str) -> String {
    format!("شارك الخبر\n\n{body}\n\nاقرأ أيضا: خبر آخر")
}

fn q(text: &str) -> Query {
    Query {
        text: text.into(),
        limit: 10,
        ..Query::default()
    }
}

fn ids(s: &Store, query: &Query) -> Vec<String> {
    let mut v: Vec<String> = s.search(query).unwrap().into_iter().map(|h| h.id).collect();
    v.sort();
    v
}

fn slice(s: &str, sp: Span) -> String {
    s.chars().skip(sp.start).take(sp.len()).collect()
}

#[test]
fn duplicates_by_id_and_by_normalized_body_are_skipped() {
    let mut s = Store::open_in_memory().unwrap();
    let a = doc("a", "قتل خمسة مدنيين في الرقة");
    let a_again = doc("a", "نص مختلف تماما عن الأول");
    let a_copy = doc("b", "قُتِلَ  خمسة مدنيين\nفي الرقّة");
    let c = doc("c", "جرح ثلاثة في إدلب");
    let p = |d: &Document| prepare(&d.body, "x", d).unwrap();
    let out = s
        .write_batch(&[p(&a), p(&a_again), p(&a_copy), p(&c), p(&c)])
        .unwrap();
    assert_eq!(
        out,
        vec![
            Outcome::Inserted,
            Outcome::DuplicateId,
            Outcome::DuplicateContent {
                existing: "a".into()
            },
            Outcome::Inserted,
            Outcome::DuplicateId,
        ]
    );
    // The same batch again adds nothing.
    let again = s.write_batch(&[p(&a), p(&c)]).unwrap();
    assert!(again.iter().all(Outcome::is_duplicate));
    assert_eq!(s.count().unwrap(), 2);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn the_same_text_from_another_outlet_is_kept_as_a_copy_of_the_first() {
    let mut s = Store::open_in_memory().unwrap();
    let body = "أفاد مراسلنا بأن قذيفتين سقطتا على سوق البلدة ظهر الأحد";
    let from = |id: &str, outlet: Option<&str>| {
        let mut d = doc(id, body);
        d.outlet = outlet.map(str::to_string);
        prepare(&wrap(body), &format!("{id}.txt"), &d).unwrap()
    };
    let out = s
        .write_batch(&[
            from("wire", Some("وكالة الأنباء")),
            from("paper", Some("صحيفة المدينة")),
            // The same outlet spelled with other hamzas and spaces.
            from("paper-again", Some("صحيفة  المدينه")),
            from("bare", None),
        ])
        .unwrap();
    assert_eq!(
        out,
        [
            Outcome::Inserted,
            Outcome::Copy { of: "wire".into() },
            Outcome::DuplicateContent {
                existing: "paper".into()
            },
            Outcome::DuplicateContent {
                existing: "wire".into()
            },
        ]
    );
    // A third outlet in a later batch copies the first too.
    let later = s.write_batch(&[from("radio", Some("إذاعة"))]).unwrap();
    assert_eq!(later, [Outcome::Copy { of: "wire".into() }]);
    assert_eq!(s.count().unwrap(), 3);
    assert_eq!(s.copy_of("paper").unwrap().as_deref(), Some("wire"));
    assert_eq!(s.copy_of("wire").unwrap(), None);
    // Each copy is an article of its own: record, text and search hit.
    let record = s.record("radio").unwrap().unwrap();
    assert!(record.contains("إذاعة"), "{record}");
    let mut found = s.search(&q("قذيفتين")).unwrap();
    found.sort_by(|a, b| a.id.cmp(&b.id));
    let all: Vec<_> = found
        .iter()
        .flat_map(|h| std::iter::once(h.id.clone()).chain(h.copies.clone()))
        .collect();
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn search_folds_clitics_diacritics_and_digits() {
    let s = store_of(&[
        doc("raqqa1", "قصفت الطائرات مواقع بالرقة صباح اليوم"),
        doc("raqqa2", "وصل النازحون للرقة من الريف"),
        doc("raqqa3", "قُتِلَ ١٧ مدنيًا في الرَّقَّة أمس"),
        doc("idlib", "اشتباكات في بلدة قرب إدلب أسفرت عن 17 قتيلا"),
    ]);
    for query in ["الرقه", "الرقة", "بالرقة", "للرقة", "رقة", "الرَّقَّة"]
    {
        assert_eq!(
            ids(&s, &q(query)),
            ["raqqa1", "raqqa2", "raqqa3"],
            "{query}"
        );
    }
    assert_eq!(ids(&s, &q("قتل")), ["raqqa3"]);
    assert_eq!(ids(&s, &q("مدنيا")), ["raqqa3"]);
    assert_eq!(ids(&s, &q("١٧")), ["idlib", "raqqa3"]);
    assert_eq!(ids(&s, &q("17 الرقة")), ["raqqa3"], "all words must occur");
    assert_eq!(ids(&s, &q("ادلب")), ["idlib"]);
    // بلدة is not split into ب + لدة.
    assert_eq!(ids(&s, &q("بلدة")), ["idlib"]);
    assert!(ids(&s, &q("لدة")).is_empty());
}

#[test]
fn fts_syntax_in_queries_is_text() {
    let s = store_of(&[doc("a", "قصف على مواقع near the river")]);
    for query in [
        "\"قصف",
        "قصف*",
        "NEAR(قصف",
        "قصف -",
        "body:قصف",
        "قصف OR",
        "(قصف)",
    ] {
        let r = s.search(&q(query));
        assert!(r.is_ok(), "{query}: {r:?}");
    }
    assert_eq!(ids(&s, &q("\"قصف\"")), ["a"]);
    assert_eq!(ids(&s, &q("\"قصف على\"")), ["a"]);
    assert!(
        ids(&s, &q("\"على قصف\"")).is_empty(),
        "a phrase keeps its order"
    );
    assert!(ids(&s, &q("قصف -مواقع")).is_empty(), "-word excludes");
    assert_eq!(ids(&s, &q("قصف -غائب")), ["a"]);
    assert!(matches!(s.search(&q("-قصف")), Err(StoreError::EmptyQuery)));
    assert!(
        ids(&s, &q("قصف AND غائب")).is_empty(),
        "AND is a word, all words required"
    );
    assert!(matches!(s.search(&q(" * \"")), Err(StoreError::EmptyQuery)));
}

#[test]
fn snippets_point_into_the_original_text() {
    let d = doc(
        "a",
        "أفادت مصادر محلية بأن غارة جوية استهدفت بالرقّة مبنى سكنيا",
    );
    let text = wrap(&d.body);
    let s = store_of(&[d]);
    let hits = s.search(&q("الرقه غاره")).unwrap();
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h.base, SnippetBase::Text.as_str());
    let got: Vec<String> = h.snippet.matches.iter().map(|m| slice(&text, *m)).collect();
    assert_eq!(got, ["غارة", "بالرقّة"]);
    assert_eq!(
        slice(&text, h.snippet.span),
        "أفادت مصادر محلية بأن غارة جوية استهدفت بالرقّة مبنى سكنيا"
    );
    assert_eq!(s.text("a").unwrap().unwrap(), text);
    assert_eq!(
        h.snippet.render("[", "]"),
        "أفادت مصادر محلية بأن [غارة] جوية استهدفت [بالرقّة] مبنى سكنيا"
    );
    assert!(h.score > 0.0);
}

#[test]
fn ranking_prefers_more_matches_and_titles() {
    let s = store_of(&[
        doc(
            "once",
            "غارة واحدة على قرية في الريف الشرقي مع كلام كثير آخر لا علاقة له",
        ),
        doc("thrice", "غارة ثم غارة ثم غارة"),
    ]);
    let hits = s.search(&q("غارة")).unwrap();
    assert_eq!(hits[0].id, "thrice");
    assert!(hits[0].score > hits[1].score);
    let mut t = doc("titled", "خبر عن قرية");
    t.title = Some("غارة على قرية".into());
    let s = store_of(&[doc("body", "خبر عن غارة"), t]);
    let hits = s.search(&q("غارة")).unwrap();
    assert_eq!(hits.len(), 2);
}

#[test]
fn filters_on_day_and_outlet() {
    let s = store_of(&[
        dated(doc("d1", "غارة في الصباح"), "2018-12-01", "أخبار الآن"),
        dated(doc("d2", "غارة في المساء"), "2018-12-15T16:40", "الوطن"),
        dated(doc("d3", "غارة في الليل"), "2018-12", "الوطن"),
        doc("d4", "غارة بلا تاريخ"),
    ]);
    assert_eq!(ids(&s, &q("غارة")).len(), 4);
    let mut f = q("غارة");
    f.from = Some("2018-12-10".into());
    assert_eq!(ids(&s, &f), ["d2"]);
    f.from = Some("2018-12-01".into());
    f.to = Some("2018-12-01".into());
    assert_eq!(ids(&s, &f), ["d1"]);
    let mut o = q("غارة");
    o.outlet = Some("اخبار  الان".into());
    assert_eq!(ids(&s, &o), ["d1"]);
    o.outlet = Some("الوطن".into());
    assert_eq!(ids(&s, &o), ["d2", "d3"]);
    o.from = Some("2018-01-01".into());
    assert_eq!(
        ids(&s, &o),
        ["d2"],
        "a month-only date has no day to filter on"
    );
}

#[test]
fn limit_is_respected() {
    let docs: Vec<Document> = (0..30)
        .map(|i| doc(&format!("n{i:02}"), &format!("غارة رقم {i}")))
        .collect();
    let s = store_of(&docs);
    let mut query = q("غارة");
    query.limit = 7;
    assert_eq!(s.search(&query).unwrap().len(), 7);
}

#[test]
fn file_database_reopens_and_is_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let mut s = Store::open(&path).unwrap();
        let d = doc("a", "غارة");
        s.write_batch(&[prepare("غارة", "a", &d).unwrap()]).unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.count().unwrap(), 1);
    let mode: String = s
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let v: i64 = s
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, rasad_store::schema::current_version());
    assert!(s.record("a").unwrap().unwrap().contains("\"id\":\"a\""));
}

/// A new file takes 16 KB pages (rows of compressed frames filled 4 KB
/// pages badly); a store written with 4 KB pages keeps them and opens.
#[test]
fn new_files_get_large_pages_and_old_ones_keep_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let page = |s: &Store| -> i64 {
        s.connection()
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap()
    };
    let new = dir.path().join("new.db");
    let s = Store::open(&new).unwrap();
    assert_eq!(page(&s), rasad_store::PAGE_SIZE);
    assert_ne!(rasad_store::PAGE_SIZE, 4096);
    let old = dir.path().join("old.db");
    {
        let c = rusqlite::Connection::open(&old).unwrap();
        c.pragma_update(None, "page_size", 4096).unwrap();
        c.execute("CREATE TABLE t (x)", []).unwrap();
        c.execute("DROP TABLE t", []).unwrap();
    }
    let mut s = Store::open(&old).unwrap();
    assert_eq!(page(&s), 4096);
    let d = doc("a", "غارة");
    s.write_batch(&[prepare("غارة", "a", &d).unwrap()]).unwrap();
    assert_eq!(s.count().unwrap(), 1);
}

/// `rasad search --db other.sqlite` once added rasad's tables to another
/// program's database (and switched it to WAL). It is refused untouched.
#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE contacts (name TEXT)")
            .unwrap();
    }
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::Foreign), "{err}");
    let c = rusqlite::Connection::open(&path).unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(tables, ["contacts"]);
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
}

#[test]
fn clitic_alias_latin_and_or_queries_find_the_same_articles() {
    let s = store_of(&[
        doc("k1", "قصفت المدفعية أطراف مدينة الرستن صباحا"),
        doc("k2", "عاد النازحون إلى الرستن بعد توقف القصف"),
        doc("k3", "انقطعت الكهرباء بالرستن لساعات"),
        doc("k4", "دخلت قافلة إلى تلبيسة والرستن"),
        doc("n1", "نفذ مقاتلو داعش هجوما على نقطة للجيش"),
        doc("n2", "اتهمت الحكومة داعش بتفخيخ سيارة"),
        doc("n3", "قال تنظيم الدولة إنه أسقط طائرة مسيرة"),
        doc("n4", "وقعت اشتباكات بين الفصائل وداعش شرق النهر"),
        doc("b1", "افتتحت بلدة صغيرة مدرسة جديدة"),
        doc("a1", "وصل وفد أممي إلى حلب"),
    ]);
    let rastan = ["k1", "k2", "k3", "k4"];
    let isis = ["n1", "n2", "n3", "n4"];
    // (query, expected ids)
    let table: &[(&str, &[&str])] = &[
        ("الرستن", &rastan),
        ("بالرستن", &rastan),
        ("والرستن", &rastan),
        ("رستن", &rastan),
        ("بالرستن القصف", &["k2"]),
        ("داعش", &isis),
        ("وداعش", &isis),
        ("لداعش", &isis),
        ("ISIS", &isis),
        ("isis", &isis),
        ("تنظيم الدولة الإسلامية", &isis),
        ("Aleppo", &["a1"]),
        ("بلدة", &["b1"]),
        ("لدة", &[]),
        ("حلب OR تلبيسة", &["a1", "k4"]),
        ("وفد حلب OR قافلة تلبيسة", &["a1", "k4"]),
        ("وفد تلبيسة OR قافلة حلب", &[]),
    ];
    for (query, want) in table {
        assert_eq!(ids(&s, &q(query)), *want, "{query}");
    }
}

#[test]
fn near_copies_of_a_wire_text_are_one_hit() {
    // One agency text (written for this test) in three outlets, each with its
    // own dateline and closing line; another article on the same subject.
    let wire = "أفادت مصادر محلية بأن طائرات حربية شنت صباح اليوم سلسلة غارات على قرى وبلدات في ريف المحافظة الجنوبي ما أدى إلى مقتل سبعة مدنيين بينهم طفلان وإصابة آخرين بجروح متفاوتة ونقل المصابون إلى مشاف ميدانية قريبة وسط نقص في المعدات الطبية والأدوية بحسب ما ذكره مسعفون في المنطقة";
    let s = store_of(&[
        doc("w1", &format!("حماة - وكالات: {wire}")),
        doc("w2", &format!("{wire}. المصدر: وكالة أنباء")),
        doc("w3", &format!("عاجل | {wire} وتابع مراسلنا الحدث")),
        doc("o1", "قال مسعفون إن غارات على ريف المحافظة قتلت مدنيين أمس وإن المشافي الميدانية تعاني نقصا في الأدوية والمعدات منذ أسابيع طويلة بسبب الحصار المفروض على المنطقة منذ بداية العام الحالي وفق ما أكده أطباء يعملون هناك في ظروف صعبة جدا"),
    ]);
    let hits = s.search(&q("غارات مدنيين")).unwrap();
    assert_eq!(
        hits.len(),
        2,
        "{:?}",
        hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
    let folded: Vec<usize> = hits.iter().map(|h| h.copies.len()).collect();
    assert!(folded.contains(&2) && folded.contains(&0), "{folded:?}");
    // Short texts are never taken for copies.
    let s = store_of(&[
        doc("x1", "قصف على البلدة رقم واحد"),
        doc("x2", "قصف على البلدة رقم اثنين"),
    ]);
    assert_eq!(s.search(&q("قصف")).unwrap().len(), 2);
}
