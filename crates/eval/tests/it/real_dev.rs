//! The real development set: 54 real articles from 12 outlets (15 incidents
//! reported by 2–4 outlets each, plus 5 decoys that report no incident),
//! read from `../shared/corpus/real/dev/` and scored against
//! `../shared/gold/real-dev.jsonl`. Nothing of them is copied into the
//! repository. Rules were fixed after reading these articles' errors, so this
//! is a development set: the floors below keep what was reached from slipping;
//! they do not measure generalization.
//!
//! Skipped with a note when `../shared` is absent; a failure under CI.

use crate::corpus;

use std::path::PathBuf;

/// Lowest F1 per part (measured value in the comment; floors sit about 0.03
/// below so that a real regression of one part fails here on its own; actors
/// and sources, raised in issue 13, about 0.02).
const FLOORS: &[corpus::Floor] = &[
    ("cleaning", 0.97),         // measured 1.000
    ("title", 0.97),            // measured 1.000
    ("outlet", 0.97),           // measured 1.000
    ("published", 0.97),        // measured 1.000
    ("places", 0.97),           // measured 0.998
    ("actors", 0.91),           // measured 0.935
    ("persons", 0.90),          // measured 0.930
    ("sources", 0.92),          // measured 0.936
    ("times_found", 0.96),      // measured 0.994
    ("times_resolved", 0.95),   // measured 0.983
    ("quantities", 0.91),       // measured 0.947
    ("casualties", 0.83),       // measured 0.851
    ("casualty_sources", 0.88), // measured 0.908
    ("events", 0.79),           // measured 0.815
    ("event_actors", 0.79),     // measured 0.809
];

fn real_dev() -> Option<(PathBuf, PathBuf)> {
    let shared = corpus::shared()?;
    Some((
        shared.join("corpus/real/dev/dev.jsonl"),
        shared.join("gold/real-dev.jsonl"),
    ))
}

#[test]
fn every_part_stays_above_its_floor() {
    let Some((docs, gold)) = real_dev() else {
        return;
    };
    let report = corpus::score_jsonl(&docs, &gold, jiff::civil::date(2026, 1, 1));
    corpus::assert_floors("real dev", &report, FLOORS);
}

/// The decoys (statements, an arms sale, a court ruling, an opinion column)
/// report no incident: they must yield no event.
#[test]
fn decoys_yield_no_event() {
    let Some((docs, _)) = real_dev() else {
        return;
    };
    let manifest = docs.with_file_name("manifest.tsv");
    let manifest = std::fs::read_to_string(manifest).expect("manifest reads");
    let decoys: Vec<&str> = manifest
        .lines()
        .filter(|l| l.contains("NONE_decoy"))
        .filter_map(|l| l.split('\t').next())
        .map(|f| f.trim_end_matches(".txt"))
        .collect();
    assert_eq!(decoys.len(), 5, "five decoys in the manifest");
    let extractor = rasad_extract::Extractor::new(rasad_extract::Options {
        reference_date: jiff::civil::date(2026, 1, 1),
    });
    for raw in rasad_ingest::read_paths(&[docs], &Default::default()) {
        let raw = raw.expect("every real dev line reads");
        if decoys.contains(&raw.id.as_str()) {
            let events = extractor.extract(&raw).events;
            assert!(events.is_empty(), "decoy {} yields {events:?}", raw.id);
        }
    }
}
