//! The real seed articles (read at run time from `../shared`, never copied into
//! the repository): the gold body text stays, the gold chrome goes, and title
//! and outlet match the gold records.

use rasad_ingest::{clean, read_paths, ReadOptions};
use std::path::PathBuf;

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

/// The scorer's comparison key: letters only, hamza/yeh/teh-marbuta folded.
fn norm(s: &str) -> String {
    rasad_text::key(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[test]
fn seeds_match_gold() {
    let seeds = shared().join("corpus/seeds");
    let gold_path = shared().join("gold/seeds.jsonl");
    let (Ok(gold), true) = (std::fs::read_to_string(&gold_path), seeds.is_dir()) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but {} is missing",
            seeds.display()
        );
        eprintln!(
            "note: {} not found; skipping the seed test",
            seeds.display()
        );
        return;
    };
    let docs: Vec<_> = read_paths(&[seeds], &ReadOptions::default())
        .collect::<Result<_, _>>()
        .expect("seeds read");
    let mut checked = 0;
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let g: serde_json::Value = serde_json::from_str(line).expect("gold is JSON");
        let id = g["doc"].as_str().expect("doc id");
        let doc = docs.iter().find(|d| d.id == id).expect("seed present");
        let c = clean(doc);
        let body = norm(&c.body);
        for s in g["body_must_contain"].as_array().into_iter().flatten() {
            let s = s.as_str().unwrap_or_default();
            assert!(body.contains(&norm(s)), "{id}: body lost {s:?}");
        }
        for s in g["body_must_not_contain"].as_array().into_iter().flatten() {
            let s = s.as_str().unwrap_or_default();
            assert!(!body.contains(&norm(s)), "{id}: body kept {s:?}");
        }
        for key in ["title", "outlet"] {
            if let Some(want) = g[key].as_str() {
                let got = match key {
                    "title" => c.title.clone(),
                    _ => c.outlet.clone(),
                }
                .unwrap_or_default();
                let (w, gt) = (norm(want), norm(&got));
                assert!(
                    !gt.is_empty() && (w.contains(&gt) || gt.contains(&w)),
                    "{id}: {key} {got:?} vs {want:?}"
                );
            }
        }
        // the spans reproduce the body
        let chars: Vec<char> = doc.text.chars().collect();
        let joined: Vec<String> = c
            .body_spans
            .iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect();
        assert_eq!(joined.join("\n\n"), c.body, "{id}");
        checked += 1;
    }
    assert_eq!(checked, 5);
}
