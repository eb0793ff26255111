//! Prints actors, persons and sources of every `.txt` file of a folder as JSON
//! lines the scorer reads (`cargo run -p rasad-entities --example seeds -- DIR`).

use rasad_entities::Lexicon;
use rasad_text::Analysis;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/seeds".into());
    let lx = Lexicon::bundled();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    for p in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let a = Analysis::new(text.as_str(), vec![]);
        let actors = lx.actors(&a);
        let sources = lx.sources(&a, None);
        let mut taken: Vec<_> = actors.iter().flat_map(|x| x.spans.clone()).collect();
        taken.extend(sources.iter().flat_map(|x| x.spans.clone()));
        let persons = lx.persons(&a, &[], &taken);
        let id = p
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let rec =
            serde_json::json!({"id": id, "actors": actors, "persons": persons, "sources": sources});
        println!("{rec}");
    }
}
