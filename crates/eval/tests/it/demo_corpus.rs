//! The demo corpus (`corpus/demo`): its gold file must validate against its
//! documents, and the extractor, run on it in process, must score at least the
//! floor below.

use crate::corpus;

use corpus::Corpus;

const DEMO: Corpus = Corpus { name: "demo" };

/// Lowest F1 per part on the demo corpus (43 articles), a little below what
/// was measured, so that a real regression of any one part fails here.
const FLOORS: &[corpus::Floor] = &[
    ("cleaning", 0.97),       // measured 1.000
    ("title", 0.97),          // measured 1.000
    ("outlet", 0.95),         // measured 0.976
    ("published", 0.97),      // measured 1.000
    ("places", 0.95),         // measured 0.981
    ("actors", 0.92),         // measured 0.950
    ("persons", 0.94),        // measured 0.968
    ("sources", 0.91),        // measured 0.938
    ("times_found", 0.97),    // measured 1.000
    ("times_resolved", 0.97), // measured 1.000
    ("quantities", 0.97),     // measured 1.000
    ("casualties", 0.87),     // measured 0.903
    ("events", 0.90),         // measured 0.925
    ("event_actors", 0.73),   // measured 0.764
];

#[test]
fn gold_validates_against_the_documents() {
    let gold = DEMO.assert_gold_fits_articles();
    assert!(
        gold.len() >= 24,
        "at least 24 articles, found {}",
        gold.len()
    );
}

#[test]
fn articles_are_short_news_pieces() {
    DEMO.assert_short_news_pieces(120..=350);
}

#[test]
fn extractor_scores_above_the_floor() {
    let report = DEMO.score(jiff::civil::date(2020, 1, 1));
    corpus::assert_floors("demo", &report, FLOORS);
}
