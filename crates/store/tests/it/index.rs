//! The search index beside the database file: built again when deleted,
//! caught up when a write stopped between SQLite and the index, rebuilt
//! when it belongs to another database.

use rasad_record::Document;
use rasad_store::fulltext::dir_of;
use rasad_store::{prepare, Query, Store};
use std::path::Path;

/// Articles `first..last`: every third about shelling, the rest about
/// raids, each with its own number.
fn batch(first: usize, last: usize) -> Vec<rasad_store::Prepared> {
    (first..last)
        .map(|i| {
            let mut d = Document::empty(format!("n{i}"));
            d.body = if i % 3 == 0 {
                format!("قصف مدفعي على قرية في ريف حماة الشمالي رقم {i}")
            } else {
                format!("غارة جوية على بلدة في ريف إدلب الجنوبي رقم {i}")
            };
            prepare(&d.body.clone(), "t.txt", &d).unwrap()
        })
        .collect()
}

/// Ids and scores of a search, best first.
fn hits(s: &Store, text: &str) -> Vec<(String, f64)> {
    let q = Query {
        text: text.into(),
        limit: 100,
        ..Query::default()
    };
    s.search(&q)
        .unwrap()
        .into_iter()
        .map(|h| (h.id, h.score))
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn a_deleted_index_is_built_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let before = {
        let mut s = Store::open(&db).unwrap();
        s.write_batch(&batch(0, 30)).unwrap();
        hits(&s, "قصف حماة")
    };
    assert_eq!(before.len(), 10);
    assert!(dir_of(&db).is_dir());
    std::fs::remove_dir_all(dir_of(&db)).unwrap();
    let s = Store::open(&db).unwrap();
    assert!(dir_of(&db).is_dir(), "the index is made again");
    assert_eq!(hits(&s, "قصف حماة"), before);
    assert_eq!(hits(&s, "غارة").len(), 20);
}

#[test]
fn a_write_stopped_before_the_index_is_caught_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let saved = dir.path().join("saved");
    {
        let mut s = Store::open(&db).unwrap();
        s.write_batch(&batch(0, 12)).unwrap();
        // The index as it was after the first write.
        copy_dir(&dir_of(&db), &saved);
        s.write_batch(&batch(12, 24)).unwrap();
        assert_eq!(hits(&s, "قصف").len(), 8);
    }
    // As if the process had stopped after SQLite committed the second batch
    // and before the index did.
    std::fs::remove_dir_all(dir_of(&db)).unwrap();
    copy_dir(&saved, &dir_of(&db));
    let s = Store::open(&db).unwrap();
    let found = hits(&s, "قصف");
    assert_eq!(found.len(), 8, "{found:?}");
    assert!(found.iter().any(|(id, _)| id == "n21"));
}

#[test]
fn an_index_of_another_database_is_built_again() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one.db"), dir.path().join("two.db"));
    {
        let mut s = Store::open(&one).unwrap();
        s.write_batch(&batch(0, 30)).unwrap();
    }
    {
        let mut s = Store::open(&two).unwrap();
        s.write_batch(&batch(100, 106)).unwrap();
    }
    // The first database's index put beside the second one.
    std::fs::remove_dir_all(dir_of(&two)).unwrap();
    copy_dir(&dir_of(&one), &dir_of(&two));
    let s = Store::open(&two).unwrap();
    let found = hits(&s, "غارة");
    let mut ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["n100", "n101", "n103", "n104"]);
}

#[test]
fn stores_of_one_file_share_the_index_and_see_each_others_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let mut a = Store::open(&db).unwrap();
    let b = Store::open(&db).unwrap();
    a.write_batch(&batch(0, 9)).unwrap();
    assert_eq!(hits(&b, "قصف").len(), 3);
    a.write_batch(&batch(9, 18)).unwrap();
    assert_eq!(hits(&b, "قصف").len(), 6);
}
