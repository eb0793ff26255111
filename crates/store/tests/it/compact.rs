//! The compact store (schema 4): an article comes back exactly as written
//! (record byte for byte, text, every span still pointing at its words),
//! and a store written at schema 3 migrates in place and reads back the
//! same articles, searches and incident rows.

use rasad_extract::{Extractor, Options};
use rasad_ingest::{Format, RawDoc};
use rasad_record::{Document, Span};
use rasad_store::prepare::{content_hash, index_terms};
use rasad_store::schema::{self, MIGRATIONS};
use rasad_store::{prepare, spans, Outcome, Query, Store};
use rusqlite::{params, Connection};

/// Articles written for these tests in the patterns of wire reports: page
/// chrome around the body, a dateline, places, actors, casualty counts.
const ARTICLES: &[(&str, &str)] = &[
    (
        "c1",
        "الرئيسية | أخبار\n\nقصف مدفعي على أطراف البلدة\n\nدير الزور - قال ناشطون إن قصفا مدفعيا استهدف أطراف مدينة الميادين صباح الثلاثاء، ما أدى إلى مقتل ثلاثة مدنيين وجرح خمسة آخرين.\nوأضاف المرصد السوري لحقوق الإنسان أن القصف مصدره قوات النظام.\n\nشارك الخبر على فيسبوك",
    ),
    (
        "c2",
        "غارات على ريف إدلب الجنوبي\n\nإدلب - شنت طائرات حربية يوم الأحد غارات على قرى في ريف إدلب الجنوبي، وقالت مصادر محلية إن امرأتين وطفلا قتلوا في الغارات.\n\nاقرأ أيضا: تقارير أخرى",
    ),
    (
        "c3",
        "اشتباكات قرب الرقة بين قوات سوريا الديمقراطية وعناصر تنظيم داعش أسفرت عن مقتل سبعة عناصر من التنظيم بحسب بيان للقوات.",
    ),
];

fn raw(id: &str, text: &str) -> RawDoc {
    RawDoc {
        id: id.into(),
        text: text.into(),
        format: Format::Text,
        url: Some(format!("https://example.org/{id}")),
        outlet: Some("عنب بلدي".into()),
        published: Some("2017-06-13".into()),
        title: None,
        origin: format!("{id}.txt"),
    }
}

/// Each article extracted: (record, text).
fn extracted() -> Vec<(Document, String)> {
    let ex = Extractor::new(Options {
        reference_date: jiff::civil::date(2017, 6, 20),
    });
    ARTICLES
        .iter()
        .map(|(id, text)| (ex.extract(&raw(id, text)), text.to_string()))
        .collect()
}

fn slice(s: &str, sp: Span) -> String {
    s.chars().skip(sp.start).take(sp.len()).collect()
}

/// Every span of a record with the words it was read as (places, actors,
/// persons, sources), for checking against the text read back.
fn entity_words(d: &Document, text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in d.places.iter().chain(&d.persons).chain(&d.sources) {
        for s in &e.spans {
            out.push((e.name.clone(), slice(text, *s)));
        }
    }
    out
}

#[test]
fn an_article_comes_back_exactly_as_written() {
    let docs = extracted();
    assert!(
        docs.iter().any(|(d, _)| !d.places.is_empty()),
        "the test articles have places"
    );
    let mut s = Store::open_in_memory().unwrap();
    let batch: Vec<_> = docs
        .iter()
        .map(|(d, t)| prepare(t, &format!("{}.txt", d.id), d).unwrap())
        .collect();
    s.write_batch(&batch).unwrap();
    for (d, text) in &docs {
        let (record, stored_text) = s.article(&d.id).unwrap().unwrap();
        assert_eq!(record, serde_json::to_string(d).unwrap(), "{}", d.id);
        assert_eq!(&stored_text, text);
        let back: Document = serde_json::from_str(&record).unwrap();
        assert_eq!(&back, d);
        assert_eq!(
            entity_words(&back, &stored_text),
            entity_words(d, text),
            "spans point at the same words"
        );
        let a = s.stored(&d.id).unwrap().unwrap();
        assert_eq!(a.body, d.body);
    }
    // The record's copy of the body is not what is stored.
    let (d, text) = &docs[0];
    let stored: i64 = s
        .connection()
        .query_row(
            "SELECT length(packed) FROM articles WHERE id = ?1",
            [&d.id],
            |r| r.get(0),
        )
        .unwrap();
    let record = serde_json::to_string(d).unwrap();
    assert!(
        (stored as usize) < text.len() + record.len() - d.body.len(),
        "{stored} bytes packed"
    );
}

/// Creates a database at schema 3 with the articles stored as rasad wrote
/// them then (text, body and record in columns, token spans, the index
/// with its content) and incident rows as JSON text.
fn write_schema_3(path: &std::path::Path, docs: &[(Document, String)]) {
    let c = Connection::open(path).unwrap();
    c.pragma_update(None, "application_id", schema::APPLICATION_ID)
        .unwrap();
    for (v, step) in MIGRATIONS[..3].iter().enumerate() {
        c.execute_batch(step).unwrap();
        c.pragma_update(None, "user_version", v as i64 + 1).unwrap();
    }
    for (rowid, (d, text)) in docs.iter().enumerate() {
        let (body_terms, body_spans) = index_terms(&d.body);
        let title_terms = index_terms(d.title.as_deref().unwrap_or("")).0;
        c.execute(
            "INSERT INTO articles (rowid, id, origin, url, outlet, outlet_key, title, published,
                published_day, text, body, record, content_hash, snippet_base, token_spans,
                ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, NULL, NULL, ?7, ?8, ?9, ?10, 'body', ?11,
                '2020-01-01T00:00:00Z')",
            params![
                rowid as i64 + 1,
                d.id,
                format!("{}.txt", d.id),
                d.url,
                d.outlet,
                d.title,
                text,
                d.body,
                serde_json::to_string(d).unwrap(),
                &content_hash(&d.body)[..],
                spans::encode(&body_spans),
            ],
        )
        .unwrap();
        c.execute(
            "INSERT INTO article_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
            params![rowid as i64 + 1, title_terms, body_terms],
        )
        .unwrap();
        c.execute(
            "INSERT INTO link_articles (article, outlet, features) VALUES (?1, 'o', ?2)",
            params![d.id, format!("{{\"feature\":\"{}\"}}", d.id)],
        )
        .unwrap();
    }
    c.execute(
        "INSERT INTO incidents (id, day, incident) VALUES ('i1', 17330, '{\"id\":\"i1\"}')",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO incident_members (article, event, incident) VALUES ('c1', 0, 'i1')",
        [],
    )
    .unwrap();
}

#[test]
fn a_schema_3_store_migrates_in_place_and_reads_back_the_same() {
    let docs = extracted();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    write_schema_3(&path, &docs);
    let s = Store::open(&path).unwrap();
    assert_eq!(
        schema::version(s.connection()).unwrap(),
        schema::current_version()
    );
    assert_eq!(s.integrity_check().unwrap(), "ok");
    assert_eq!(s.count().unwrap(), docs.len() as u64);
    for (d, text) in &docs {
        let (record, stored_text) = s.article(&d.id).unwrap().unwrap();
        assert_eq!(record, serde_json::to_string(d).unwrap());
        assert_eq!(&stored_text, text);
    }
    // The index was carried over: a word of the second article finds it,
    // with a snippet from its text.
    let hits = s
        .search(&Query {
            text: "غارات".into(),
            limit: 10,
            ..Query::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "c2");
    assert!(hits[0].snippet.render("[", "]").contains("[غارات]"));
    // Incident rows read back the same JSON.
    let l = s.links();
    assert_eq!(l.all_incidents().unwrap(), ["{\"id\":\"i1\"}"]);
    assert_eq!(l.incidents_json(&["c1"]).unwrap(), ["{\"id\":\"i1\"}"]);
    let f = l.features(&["c2"]).unwrap();
    assert_eq!(f["c2"], "{\"feature\":\"c2\"}");
    // The old columns are gone, and so is the FTS5 index (schema 7).
    let has = |sql: &str| -> i64 { s.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        has("SELECT count(*) FROM pragma_table_info('articles') WHERE name IN ('text', 'body', 'record')"),
        0
    );
    assert_eq!(
        has("SELECT count(*) FROM sqlite_master WHERE name LIKE 'article_fts%'"),
        0
    );
    // Schema 5: the same text from an outlet is kept as a copy of the old
    // article (stored with no outlet), the same text with none is not.
    let mut s = s;
    let (c1, c1_text) = &docs[0];
    let mut copy = c1.clone();
    copy.id = "c1-copy".into();
    copy.outlet = Some("وكالة أخرى".into());
    let mut bare = copy.clone();
    bare.id = "c1-bare".into();
    bare.outlet = None;
    let out = s
        .write_batch(&[
            prepare(c1_text, "copy.txt", &copy).unwrap(),
            prepare(c1_text, "bare.txt", &bare).unwrap(),
        ])
        .unwrap();
    assert_eq!(
        out,
        [
            Outcome::Copy { of: "c1".into() },
            Outcome::DuplicateContent {
                existing: "c1".into()
            }
        ]
    );
    assert_eq!(s.copy_of("c1-copy").unwrap().as_deref(), Some("c1"));
    assert_eq!(s.copy_of("c1").unwrap(), None);
    drop(s);
    // Opening again changes nothing.
    let again = Store::open(&path).unwrap();
    assert_eq!(again.count().unwrap(), docs.len() as u64 + 1);
}

#[test]
fn each_article_streams_in_storage_order_from_a_rowid() {
    let docs = extracted();
    let mut s = Store::open_in_memory().unwrap();
    let batch: Vec<_> = docs
        .iter()
        .map(|(d, t)| prepare(t, "x", d).unwrap())
        .collect();
    s.write_batch(&batch).unwrap();
    let mut seen = Vec::new();
    s.each_article(1, |rowid, id, a| -> Result<(), rasad_store::StoreError> {
        assert!(a.record.contains(&format!("\"id\":\"{id}\"")));
        seen.push((rowid, id));
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, [(2, "c2".to_string()), (3, "c3".to_string())]);
}
