//! The demo corpus (`corpus/demo`): its gold file must validate against its
//! documents, and the extractor, run on it in process, must score at least the
//! floor below.

mod corpus;

use corpus::Corpus;

const DEMO: Corpus = Corpus { name: "demo" };

/// The lowest `overall` the current extractor may score on the demo corpus.
/// With every stage landed the corpus (43 articles) scores 0.969; the floor
/// sits a little below so that a real regression fails here.
const OVERALL_FLOOR: f64 = 0.95;

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
    assert!(
        report.overall >= OVERALL_FLOOR,
        "overall {} fell below the floor {OVERALL_FLOOR}",
        report.overall
    );
}
