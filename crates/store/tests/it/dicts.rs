//! zstd dictionaries (schema 6): a store gets one per kind of row once it
//! holds enough rows, its earlier rows are compressed again with it, and
//! every row reads back the same; a store written at schema 5 (no
//! dictionaries) migrates in place.

use rasad_record::Document;
use rasad_store::dict::{self, Kind, TRAIN_ROWS};
use rasad_store::links::{IncidentRow, LinkArticle};
use rasad_store::pack::{compress_json, pack};
use rasad_store::prepare::content_hash;
use rasad_store::schema::{self, MIGRATIONS};
use rasad_store::{prepare, Prepared, Query, Store};
use rusqlite::{params, Connection};

/// Sentences written for these tests in the patterns of conflict reports;
/// an article is a few of them with its own figures.
const SENTENCES: &[&str] = &[
    "قال مصدر محلي إن قصفا مدفعيا استهدف أطراف البلدة صباح اليوم",
    "وأسفر القصف عن مقتل عدد من المدنيين بينهم أطفال",
    "شنت طائرات حربية غارات على قرى في الريف الجنوبي",
    "اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام قرب الطريق الدولي",
    "أعلن الدفاع المدني انتشال جثث من تحت الأنقاض",
    "وذكرت مصادر طبية أن المستشفى الميداني استقبل جرحى",
    "نزح آلاف السكان نحو المخيمات القريبة من الحدود",
    "فجر مجهولون عبوة ناسفة بسيارة عسكرية على مدخل المدينة",
    "وقالت الشبكة الحقوقية إنها وثقت الانتهاكات في تقريرها الشهري",
    "سيطرت القوات على تلة استراتيجية بعد معارك استمرت أياما",
];

const OUTLETS: &[&str] = &["عنب بلدي", "الوطن", "سانا", "الشرق الأوسط"];

/// Article `i`: some of the sentences, each with a figure of its own.
fn article(i: usize) -> (Document, String) {
    let mut d = Document::empty(format!("d{i}"));
    let n = 3 + i % 5;
    let body: Vec<String> = (0..n)
        .map(|k| {
            let s = SENTENCES[(i * 7 + k * 3) % SENTENCES.len()];
            format!("{s} ({} شخصا، {}).", (i * 13 + k) % 97, i + k)
        })
        .collect();
    d.body = body.join(" ");
    let head: Vec<&str> = SENTENCES[i % SENTENCES.len()].split(' ').take(4).collect();
    d.title = Some(format!("{} {i}", head.join(" ")));
    d.outlet = Some(OUTLETS[i % OUTLETS.len()].to_string());
    let text = format!("الرئيسية | أخبار\n\n{}\n\nشارك الخبر", d.body);
    (d, text)
}

fn prepared(range: std::ops::Range<usize>) -> Vec<Prepared> {
    range
        .map(|i| {
            let (d, text) = article(i);
            prepare(&text, &format!("{i}.txt"), &d).unwrap()
        })
        .collect()
}

fn features(i: usize) -> String {
    format!(
        "{{\"article\":\"d{i}\",\"words\":[[\"قصف\",{}],[\"مدنيين\",1.0]]}}",
        i % 9
    )
}

fn incident(i: usize) -> String {
    format!("{{\"id\":\"i{i}\",\"type\":\"battles\",\"reports\":[{{\"article\":\"d{i}\"}}]}}")
}

/// Creates a database at schema 5 holding `n` articles, their features
/// and an incident each, as rasad wrote them then: frames without a
/// dictionary, the full-text rows beside them.
fn write_schema_5(path: &std::path::Path, n: usize) {
    let c = Connection::open(path).unwrap();
    c.pragma_update(None, "application_id", schema::APPLICATION_ID)
        .unwrap();
    // Migration 4 names the SQL functions that rewrote the rows of schema
    // 3; here its tables are empty and they are never called.
    for name in ["rasad_pack", "rasad_json"] {
        let flags = rusqlite::functions::FunctionFlags::SQLITE_UTF8;
        c.create_scalar_function(name, -1, flags, |_| -> rusqlite::Result<i64> {
            Err(rusqlite::Error::InvalidQuery)
        })
        .unwrap();
    }
    for (v, step) in MIGRATIONS[..5].iter().enumerate() {
        c.execute_batch(step).unwrap();
        c.pragma_update(None, "user_version", v as i64 + 1).unwrap();
    }
    let tx = c.unchecked_transaction().unwrap();
    for i in 0..n {
        let (d, text) = article(i);
        let record = serde_json::to_string(&d).unwrap();
        tx.execute(
            "INSERT INTO articles (id, origin, outlet, title, content_hash, ingested_at, packed)
             VALUES (?1, ?2, ?3, ?4, ?5, '2020-01-01T00:00:00Z', ?6)",
            params![
                d.id,
                format!("{i}.txt"),
                d.outlet,
                d.title,
                &content_hash(&d.body)[..],
                pack(&text, &d.body, &record),
            ],
        )
        .unwrap();
        let terms = rasad_store::prepare::index_terms(&d.body).0;
        let title = rasad_store::prepare::index_terms(d.title.as_deref().unwrap()).0;
        tx.execute(
            "INSERT INTO article_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
            params![i as i64 + 1, title, terms],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO link_articles (article, outlet, features) VALUES (?1, 'o', ?2)",
            params![d.id, compress_json(&features(i), None)],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO incidents (id, day, incident) VALUES (?1, 17000, ?2)",
            params![format!("i{i}"), compress_json(&incident(i), None)],
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

/// How many rows of `table.column` are frames of dictionary `id`.
fn with_dict(s: &Store, table: &str, column: &str, id: u32) -> usize {
    let mut stmt = s
        .connection()
        .prepare(&format!("SELECT {column} FROM {table}"))
        .unwrap();
    let frames = stmt
        .query_map([], |r| r.get::<_, Vec<u8>>(0))
        .unwrap()
        .map(Result::unwrap);
    frames.filter(|f| dict::frame_dict(f) == Some(id)).count()
}

fn total_bytes(s: &Store, table: &str, column: &str) -> i64 {
    s.connection()
        .query_row(
            &format!("SELECT sum(length({column})) FROM {table}"),
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn dict_id(s: &Store, kind: Kind) -> u32 {
    dict::current(s.connection(), kind).unwrap().unwrap().id
}

#[test]
fn a_schema_5_store_gets_dictionaries_and_reads_back_the_same() {
    let n = TRAIN_ROWS as usize + 100;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    write_schema_5(&path, n);
    let before = {
        let c = Connection::open(&path).unwrap();
        let sum = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
        [
            sum("SELECT sum(length(packed)) FROM articles"),
            sum("SELECT sum(length(features)) FROM link_articles"),
            sum("SELECT sum(length(incident)) FROM incidents"),
        ]
    };
    let mut s = Store::open(&path).unwrap();
    assert_eq!(
        schema::version(s.connection()).unwrap(),
        schema::current_version()
    );
    assert_eq!(s.integrity_check().unwrap(), "ok");
    let tables = [
        (Kind::Article, "articles", "packed"),
        (Kind::Features, "link_articles", "features"),
        (Kind::Incident, "incidents", "incident"),
    ];
    for ((kind, table, column), old) in tables.iter().zip(before) {
        let id = dict_id(&s, *kind);
        assert_eq!(with_dict(&s, table, column, id), n, "{table}: every row");
        let new = total_bytes(&s, table, column);
        assert!(new < old, "{table}: {old} → {new} bytes");
    }
    for i in (0..n).step_by(37) {
        let (d, text) = article(i);
        let (record, stored_text) = s.article(&d.id).unwrap().unwrap();
        assert_eq!(record, serde_json::to_string(&d).unwrap());
        assert_eq!(stored_text, text);
        let id = d.id.as_str();
        assert_eq!(s.links().features(&[id]).unwrap()[id], features(i));
    }
    assert_eq!(s.links().all_incidents().unwrap().len(), n);
    // The index was carried over and its snippets come from the frames.
    let hits = s
        .search(&Query {
            text: "الأنقاض".into(),
            limit: 3,
            ..Query::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 3);
    assert!(hits[0].snippet.render("[", "]").contains("[الأنقاض]"));
    // Rows written from now on use the dictionaries.
    s.write_batch(&prepared(n..n + 5)).unwrap();
    let id = dict_id(&s, Kind::Article);
    assert_eq!(with_dict(&s, "articles", "packed", id), n + 5);
    let (d, text) = article(n + 2);
    assert_eq!(s.article(&d.id).unwrap().unwrap().1, text);
    s.links_write(|l| {
        l.put_article(&LinkArticle {
            article: d.id.clone(),
            outlet: None,
            features: features(n + 2),
            spans: vec![(17000, 17001)],
        })?;
        l.replace(
            &[],
            &[IncidentRow {
                id: "new".into(),
                day: Some(17000),
                json: incident(n + 2),
                members: vec![(d.id.clone(), 0)],
            }],
        )?;
        Ok::<_, rasad_store::StoreError>(((), true))
    })
    .unwrap();
    let l = s.links();
    assert_eq!(l.features(&[&d.id]).unwrap()[&d.id], features(n + 2));
    assert_eq!(l.incidents_json(&[&d.id]).unwrap(), [incident(n + 2)]);
    let f = dict_id(&s, Kind::Features);
    assert_eq!(with_dict(&s, "link_articles", "features", f), n + 1);
    let inc = dict_id(&s, Kind::Incident);
    assert_eq!(with_dict(&s, "incidents", "incident", inc), n + 1);
}

#[test]
fn a_new_store_trains_its_dictionary_once_it_has_enough_articles() {
    let below = TRAIN_ROWS as usize - 1;
    let mut s = Store::open_in_memory().unwrap();
    s.write_batch(&prepared(0..below)).unwrap();
    assert!(dict::current(s.connection(), Kind::Article)
        .unwrap()
        .is_none());
    s.write_batch(&prepared(below..below + 10)).unwrap();
    let id = dict_id(&s, Kind::Article);
    assert_eq!(with_dict(&s, "articles", "packed", id), below + 10);
    for i in [0, below / 2, below + 9] {
        let (d, text) = article(i);
        let a = s.stored(&d.id).unwrap().unwrap();
        assert_eq!(
            (a.record, a.text, a.body),
            (serde_json::to_string(&d).unwrap(), text, d.body)
        );
    }
    // The dictionary is kept: more rows never train another.
    s.write_batch(&prepared(below + 10..below + 20)).unwrap();
    assert_eq!(dict_id(&s, Kind::Article), id);
}

#[test]
fn a_frame_of_a_dictionary_the_store_lacks_is_an_error_not_garbage() {
    let mut s = Store::open_in_memory().unwrap();
    s.write_batch(&prepared(0..TRAIN_ROWS as usize)).unwrap();
    let frame: Vec<u8> = s
        .connection()
        .query_row("SELECT packed FROM articles LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert!(rasad_store::pack::unpack_in(s.connection(), &frame).is_ok());
    // A frame of a dictionary trained elsewhere.
    let samples: Vec<String> = (0..500).map(features).collect();
    let other = zstd::dict::from_samples(&samples, 4_096).unwrap();
    let foreign = zstd::bulk::Compressor::with_dictionary(3, &other)
        .unwrap()
        .compress(&frame)
        .unwrap();
    assert!(dict::frame_dict(&foreign).is_some());
    assert_ne!(dict::frame_dict(&foreign), dict::frame_dict(&frame));
    assert!(rasad_store::pack::unpack_in(s.connection(), &foreign).is_err());
    assert!(rasad_store::pack::unpack(&foreign).is_err());
}
