//! Rough per-stage timing on a folder of texts (development aid).
use rasad_entities::Lexicon;
use rasad_text::Analysis;
use std::time::Instant;
fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/seeds".into());
    let lx = Lexicon::bundled();
    let mut texts = Vec::new();
    if let Ok(d) = std::fs::read_dir(&dir) {
        for e in d.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                texts.push(t);
            }
        }
    }
    let an: Vec<Analysis> = texts
        .iter()
        .map(|t| Analysis::new(t.as_str(), vec![]))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * 50;
    let mb = bytes as f64 / 1e6;
    let t = Instant::now();
    for _ in 0..50 {
        for a in &an {
            std::hint::black_box(lx.actor_mentions(a));
        }
    }
    println!("actors  {:.1} MB/s", mb / t.elapsed().as_secs_f64());
    let t = Instant::now();
    for _ in 0..50 {
        for a in &an {
            std::hint::black_box(lx.sources(a, Some("ستيب")));
        }
    }
    println!("sources {:.1} MB/s", mb / t.elapsed().as_secs_f64());
    let t = Instant::now();
    for _ in 0..50 {
        for a in &an {
            std::hint::black_box(lx.persons(a, &[], &[]));
        }
    }
    println!("persons {:.1} MB/s", mb / t.elapsed().as_secs_f64());
}
