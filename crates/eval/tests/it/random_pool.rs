//! The 1,000 articles drawn at random for `../shared/corpus/real/pool.jsonl`
//! (sport, economy, politics; some report real incidents). Events from them
//! are mostly false alarms: the ceiling keeps the number of these articles
//! that yield an event from creeping back. Rules were fixed after reading
//! these articles, so this is a development measure, not a held-out one.
//!
//! Skipped with a note when `../shared` is absent; a failure under CI.

use crate::corpus;

/// Random articles that yield an event: measured 131 of 1,000 (229 before
/// the headline rule, 151 before the street-shooting rule, 148 before the
/// rules for death sentences, outbreaks, prisoners held and arsenals; issue
/// 12). The ceiling sits a few above.
const CEILING: usize = 140;

#[test]
fn few_random_articles_yield_events() {
    let Some(shared) = corpus::shared() else {
        return;
    };
    let pool = shared.join("corpus/real/pool.jsonl");
    let text = std::fs::read_to_string(&pool).expect("the pool reads");
    let random: std::collections::HashSet<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["sample"] == "random")
        .filter_map(|v| v["id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(random.len(), 1000, "1,000 random articles in the pool");
    let extractor = rasad_extract::Extractor::new(rasad_extract::Options {
        reference_date: jiff::civil::date(2026, 1, 1),
    });
    let with_events = rasad_ingest::read_paths(&[pool], &Default::default())
        .map(|raw| raw.expect("every pool line reads"))
        .filter(|raw| random.contains(&raw.id))
        .filter(|raw| !extractor.extract(raw).events.is_empty())
        .count();
    assert!(
        with_events <= CEILING,
        "{with_events} random articles yield events (ceiling {CEILING})"
    );
}
