//! Whole extraction (text → record) throughput on the seed corpus and on 200
//! real articles of the pool (every 15th line of
//! `../shared/corpus/real/pool.jsonl`: all years, outlets and topics).
//! Reports bytes per second (docs/s = 200 / time for `pool200`); asserts the
//! number of facts found so that a fast wrong answer fails.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasad_extract::{Extractor, Options};
use rasad_ingest::{read_paths, RawDoc, ReadOptions};
use std::path::PathBuf;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// Facts counted in every iteration.
fn facts(r: &rasad_record::Document) -> usize {
    r.places.len() + r.actors.len() + r.times.len() + r.quantities.len() + r.events.len()
}

/// Benchmarks extraction of `docs` as `extract/NAME`.
fn run(c: &mut Criterion, name: &str, docs: &[RawDoc]) {
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let ex = Extractor::new(Options {
        reference_date: jiff::civil::date(2019, 1, 1),
    });
    let expected: usize = docs.iter().map(|d| facts(&ex.extract(d))).sum();
    assert!(expected > 0, "{name}: nothing found");
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(name, |b| {
        b.iter(|| {
            let found: usize = docs.iter().map(|d| facts(&ex.extract(d))).sum();
            assert_eq!(found, expected);
        })
    });
    g.finish();
}

fn bench(c: &mut Criterion) {
    let seeds = PathBuf::from(SHARED).join("corpus/seeds");
    let pool = PathBuf::from(SHARED).join("corpus/real/pool.jsonl");
    if !seeds.is_dir() || !pool.is_file() {
        eprintln!("skipping: {SHARED} not found");
        return;
    }
    let read = |p: PathBuf| read_paths(&[p], &ReadOptions::default()).filter_map(Result::ok);
    run(c, "seeds", &read(seeds).collect::<Vec<_>>());
    let pool: Vec<RawDoc> = read(pool).step_by(15).take(200).collect();
    assert_eq!(pool.len(), 200);
    run(c, "pool200", &pool);
}

criterion_group!(benches, bench);
criterion_main!(benches);
