//! Throughput of `tag_times` over the seed corpus (read from ../shared at run
//! time; skipped with a note when absent). The analysis (normalization,
//! tokens) is built outside the timed loop: it is shared by every tagger.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasad_dates::{tag_times, DateContext};
use rasad_text::Analysis;
use std::hint::black_box;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
/// Mentions the tagger reports on the five seeds (checked in the loop).
const EXPECTED: usize = 27;
const REPEAT: usize = 40;

fn load() -> Option<Vec<String>> {
    let mut paths: Vec<_> = std::fs::read_dir(SEEDS)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    paths.sort();
    let docs: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    (!docs.is_empty()).then_some(docs)
}

fn bench(c: &mut Criterion) {
    let Some(docs) = load() else {
        eprintln!("note: {SEEDS} not found; dates bench skipped");
        return;
    };
    let ctx = DateContext {
        reference: "2019-01-01".parse().unwrap(),
        published: None,
        dateline: None,
        reference_known: true,
    };
    let analyses: Vec<Analysis> = docs
        .iter()
        .map(|d| Analysis::new(d.as_str(), vec![]))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();

    let mut g = c.benchmark_group("dates");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("seeds", |b| {
        b.iter(|| {
            let n: usize = analyses
                .iter()
                .map(|a| tag_times(black_box(a), &ctx).mentions.len())
                .sum();
            assert_eq!(n, EXPECTED);
        })
    });

    let big = vec![docs.join("\n\n"); REPEAT].join("\n\n");
    let big_a = Analysis::new(big.as_str(), vec![]);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("seeds_x40_one_document", |b| {
        b.iter(|| {
            let n = tag_times(black_box(&big_a), &ctx).mentions.len();
            assert_eq!(n, EXPECTED * REPEAT);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
