//! Whole-article extraction of the seed articles, as insta snapshots.
//!
//! The seeds are real articles kept outside the repository (`../shared`); the
//! tests read them at run time and skip with a note when they are absent (a
//! failure when `CI` is set).
//! A changed snapshot shows exactly what a change did to every field.

use rasad_extract::{Extractor, Options};
use rasad_ingest::{read_paths, ReadOptions};
use std::path::PathBuf;

fn seeds_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/seeds"
    ))
}

fn extractor() -> Extractor {
    Extractor::new(Options {
        reference_date: jiff::civil::date(2019, 1, 1),
    })
}

#[test]
fn seed_records_snapshot() {
    let dir = seeds_dir();
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but {} is missing",
            dir.display()
        );
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let ex = extractor();
    let mut seen = 0;
    for doc in read_paths(&[dir], &ReadOptions::default()) {
        let raw = doc.expect("every seed reads");
        let record = ex.extract(&raw);
        assert_eq!(record.id, raw.id);
        // The seeds are someone else's articles: the snapshot keeps what was
        // extracted (names, values, spans) but not the article text itself.
        let mut value = serde_json::to_value(&record).expect("records serialize");
        for field in ["body", "title"] {
            if let Some(s) = value[field].as_str() {
                value[field] = format!("<{} chars>", s.chars().count()).into();
            }
        }
        insta::assert_json_snapshot!(raw.id.clone(), value);
        seen += 1;
    }
    assert_eq!(seen, 5, "all five seeds are read");
}

#[test]
fn every_span_lies_in_the_text_and_body() {
    let dir = seeds_dir();
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but {} is missing",
            dir.display()
        );
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let ex = extractor();
    for doc in read_paths(&[dir], &ReadOptions::default()) {
        let raw = doc.expect("every seed reads");
        let n = raw.text.chars().count();
        let r = ex.extract(&raw);
        let mut spans = Vec::new();
        for e in r.places.iter().chain(&r.persons).chain(&r.sources) {
            spans.extend(e.spans.iter().copied());
        }
        for a in &r.actors {
            spans.extend(a.spans.iter().copied());
        }
        spans.extend(r.times.iter().map(|t| t.span));
        spans.extend(r.quantities.iter().map(|q| q.span));
        spans.extend(r.casualties.iter().map(|c| c.span));
        for e in &r.events {
            spans.extend(e.evidence.iter().copied());
        }
        for s in spans {
            assert!(s.start < s.end && s.end <= n, "{}: bad span {s:?}", raw.id);
        }
        for t in &r.times {
            let text: String = raw
                .text
                .chars()
                .skip(t.span.start)
                .take(t.span.len())
                .collect();
            assert_eq!(text, t.text, "{}: time text differs from its span", raw.id);
        }
    }
}
