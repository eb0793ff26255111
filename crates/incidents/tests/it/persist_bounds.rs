//! What linking keeps of one article is bounded, whatever the article's size:
//! a digest telling a hundred events links its first
//! [`REPORTS_LINKED`](rasad_incidents::persist::REPORTS_LINKED) only.

use rasad_extract::{Extractor, Options};
use rasad_incidents::persist::{self, Features, REPORTS_LINKED};
use rasad_ingest::{read_paths, ReadOptions};

/// A short article of one event, written for this test.
const TEXT: &str = "قتل ثلاثة مدنيين وأصيب خمسة آخرون في غارة جوية استهدفت سوقا شعبيا \
                    في بلدة سراقب بريف إدلب يوم الاثنين، بحسب ناشطين محليين.";

#[test]
fn a_digest_of_many_events_links_a_bounded_number_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("digest.jsonl");
    let row = serde_json::json!({
        "id": "digest", "text": TEXT, "outlet": "outlet-a", "published": "2019-05-14"
    });
    std::fs::write(&path, format!("{row}\n")).unwrap();
    let extractor = Extractor::new(Options {
        reference_date: jiff::civil::date(2019, 6, 1),
    });
    let raw = read_paths(&[path], &ReadOptions::default())
        .next()
        .unwrap()
        .unwrap();
    let mut doc = extractor.extract(&raw);
    assert!(!doc.events.is_empty(), "the sentence gives no event");
    let told = 3 * REPORTS_LINKED;
    doc.events = (0..told).map(|_| doc.events[0].clone()).collect();
    assert_eq!(rasad_incidents::reports(&doc, &raw.text).len(), told);

    let mut store = rasad_store::Store::open_in_memory().unwrap();
    let p = rasad_store::prepare(&raw.text, "test", &doc).unwrap();
    store.write_batch(&[p]).unwrap();
    assert_eq!(persist::catch_up(&mut store).unwrap(), 1);
    let stored = store.links().features(&["digest"]).unwrap();
    let f: Features = serde_json::from_str(&stored["digest"]).unwrap();
    assert_eq!(f.reports.len(), REPORTS_LINKED);
    let members: usize = persist::incidents(&store)
        .unwrap()
        .iter()
        .map(|i| i.reports.len())
        .sum();
    assert!(members <= REPORTS_LINKED, "{members}");
}
