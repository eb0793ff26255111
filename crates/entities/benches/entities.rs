//! Throughput of actors + sources + persons on the seed articles (read at run
//! time from ../shared; skipped when absent).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasad_entities::Lexicon;
use rasad_text::Analysis;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");

fn seeds() -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(SEEDS) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = seeds();
    if docs.is_empty() {
        eprintln!("note: seeds not found at {SEEDS}; benchmark skipped");
        return;
    }
    let lx = Lexicon::bundled();
    // Seeds repeated to a ~100 KB document set.
    let texts: Vec<String> = docs.iter().cycle().take(docs.len() * 3).cloned().collect();
    let analyses: Vec<Analysis> = texts
        .iter()
        .map(|t| Analysis::new(t.as_str(), vec![]))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("actors+sources+persons", |b| {
        b.iter(|| {
            let mut n = 0;
            for a in &analyses {
                let actors = lx.actors(a);
                let sources = lx.sources(a, None);
                let spans: Vec<_> = actors.iter().flat_map(|x| x.spans.clone()).collect();
                let persons = lx.persons(a, &[], &spans);
                assert!(!actors.is_empty());
                n += actors.len() + sources.len() + persons.len();
            }
            assert!(n > 0);
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
