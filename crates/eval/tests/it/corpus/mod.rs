//! What the corpus tests (`demo_corpus.rs`, `owndev_corpus.rs`,
//! `real_dev.rs`) share: a folder of articles with its gold file, the shape
//! every article must have, a scored in-process run, and per-part floors.

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

/// A floor under one part's F1: `(part name, lowest F1)`.
pub type Floor = (&'static str, f64);

/// Asserts every part in `floors` scores at least its floor, and lists every
/// part that fell below at once (a gain in one part never hides a loss in
/// another). A part the report does not have is a failure too.
pub fn assert_floors(corpus: &str, report: &Report, floors: &[Floor]) {
    let below: Vec<String> = floors
        .iter()
        .filter_map(|&(name, floor)| match report.part_named(name) {
            Some(p) if p.f1 >= floor => None,
            Some(p) => Some(format!("{name} F1 {} < floor {floor}", p.f1)),
            None => Some(format!("{name}: no such part in the report")),
        })
        .collect();
    assert!(below.is_empty(), "{corpus}: {}", below.join("; "));
}

/// `../shared` beside the repository, where the real articles live (never
/// copied into the repository). `None` when it is absent, after a note; under
/// CI (`CI` set) its absence is a failure, not a skip.
pub fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if dir.join("corpus/real").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but {} is missing",
        dir.display()
    );
    eprintln!("note: skipped: {} is not available", dir.display());
    None
}

/// Extracts every document of one JSON-lines file in process (each line's
/// `published` is its reference; `fallback` for lines without one) and scores
/// it against `gold`, with the texts read from the same lines.
pub fn score_jsonl(jsonl: &Path, gold: &Path, fallback: jiff::civil::Date) -> Report {
    use rasad_extract::{Extractor, Options};
    let gold = load_gold(gold).expect("gold parses");
    let extractor = Extractor::new(Options {
        reference_date: fallback,
    });
    let mut system = rasad_eval::System::new();
    let mut texts = Docs::new();
    let read = rasad_ingest::read_paths(&[jsonl.to_path_buf()], &Default::default());
    for raw in read {
        let raw = raw.expect("every real dev line reads");
        let record = serde_json::to_value(extractor.extract(&raw)).expect("record serializes");
        system.insert(record).expect("record has an id");
        texts.insert(raw.id.clone(), raw.text);
    }
    let report = score(&gold, &system, &texts);
    println!("{}", report.render(false));
    report
}
