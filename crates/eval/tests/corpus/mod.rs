//! What the corpus tests (`demo_corpus.rs`, `heldout_corpus.rs`) share: a
//! folder of articles in the repository with its gold file, the shape every
//! article must have, and a scored in-process run.

use rasad_eval::{extract_dir, load_docs, load_gold, score, Docs, Gold, Report};
use std::path::{Path, PathBuf};

/// A corpus of the repository: `corpus/NAME/` with `corpus/gold/NAME.jsonl`.
pub struct Corpus {
    pub name: &'static str,
}

impl Corpus {
    /// The folder of the articles.
    pub fn dir(&self) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus")
            .join(self.name)
    }

    /// The gold file.
    pub fn gold_path(&self) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus/gold")
            .join(format!("{}.jsonl", self.name))
    }

    /// The gold records.
    pub fn gold(&self) -> Vec<Gold> {
        load_gold(self.gold_path()).expect("gold parses")
    }

    /// The articles.
    pub fn articles(&self) -> Docs {
        load_docs(self.dir()).expect("documents load")
    }

    /// Every article is named `NNN_slug` and its word count is in `words`.
    pub fn assert_short_news_pieces(&self, words: std::ops::RangeInclusive<usize>) {
        for (id, text) in &self.articles() {
            let n = text.split_whitespace().count();
            assert!(words.contains(&n), "{id}: {n} words");
            let stem = id.split('_').next().unwrap_or("");
            assert!(
                stem.len() == 3 && stem.bytes().all(|b| b.is_ascii_digit()),
                "{id}: NNN_slug"
            );
        }
    }

    /// Runs the extractor in process (documents without a gold
    /// `reference_date` resolve against `today`) and scores it.
    pub fn score(&self, today: jiff::civil::Date) -> Report {
        let gold = self.gold();
        let mut docs = self.articles();
        let run = extract_dir(&self.dir(), &[self.gold_path()], None, &gold, today)
            .expect("extractor runs");
        docs.extend(run.texts);
        let report = score(&gold, &run.system, &docs);
        println!("{}", report.render(false));
        report
    }
}

impl Corpus {
    /// The gold passes `lint` against the texts, there is exactly one gold
    /// record per article, and every record has a reference date and a title.
    /// Returns the gold for further checks.
    pub fn assert_gold_fits_articles(&self) -> Vec<Gold> {
        let gold = self.gold();
        let docs = self.articles();
        let problems = rasad_eval::lint(&gold, &docs);
        assert!(
            problems.is_empty(),
            "gold problems:\n{}",
            problems.join("\n")
        );
        let docs_ids: Vec<&String> = docs.keys().collect();
        let mut gold_ids: Vec<&String> = gold.iter().map(|g| &g.doc).collect();
        gold_ids.sort();
        assert_eq!(gold_ids, docs_ids, "one gold record per article");
        for g in &gold {
            assert!(g.reference_date.is_some(), "{}: reference_date", g.doc);
            assert!(g.title.is_some(), "{}: title", g.doc);
        }
        gold
    }
}
