//! The demo corpus (`corpus/demo`): its gold file must validate against its
//! documents, and the extractor, run on it in process, must score at least the
//! floor below.

mod corpus;

use corpus::Corpus;

const DEMO: Corpus = Corpus { name: "demo" };

/// Lowest F1 per part on the demo corpus (43 articles), a little below what
/// was measured, so that a real regression of any one part fails here.
const FLOORS: &[corpus::Floor] = &[
    ("cleaning", 0.97),
    ("title", 0.97),
    ("outlet", 0.94),
    ("published", 0.97),
    ("places", 0.95),
    ("actors", 0.92),
    ("persons", 0.90),
    ("sources", 0.97),
    ("times_found", 0.97),
    ("times_resolved", 0.97),
    ("quantities", 0.97),
    ("casualties", 0.91),
    ("events", 0.93),
    ("event_actors", 0.85),
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
