//! Whole extraction (text → record) throughput on the seed corpus.
//! Reports bytes per second; asserts the number of facts found so that a fast
//! wrong answer fails.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasad_extract::{Extractor, Options};
use rasad_ingest::{read_paths, ReadOptions};
use std::path::PathBuf;

fn bench(c: &mut Criterion) {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/seeds"
    ));
    if !dir.is_dir() {
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let docs: Vec<_> = read_paths(&[dir], &ReadOptions::default())
        .filter_map(Result::ok)
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let ex = Extractor::new(Options {
        reference_date: jiff::civil::date(2019, 1, 1),
    });
    let facts = |r: &rasad_record::Document| {
        r.places.len() + r.actors.len() + r.times.len() + r.quantities.len() + r.events.len()
    };
    let expected: usize = docs.iter().map(|d| facts(&ex.extract(d))).sum();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("seeds", |b| {
        b.iter(|| {
            let found: usize = docs.iter().map(|d| facts(&ex.extract(d))).sum();
            assert_eq!(found, expected);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
