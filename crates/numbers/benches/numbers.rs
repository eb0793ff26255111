//! Throughput of `tag_quantities` on the seed articles, repeated.
//!
//! Reads `../shared/corpus/seeds` at run time; prints a note and measures a
//! synthetic text when it is absent.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasad_numbers::tag_quantities;
use rasad_text::Analysis;
use std::hint::black_box;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");

fn corpus() -> String {
    let mut text = String::new();
    match std::fs::read_dir(SEEDS) {
        Ok(dir) => {
            let mut paths: Vec<_> = dir.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in paths {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    text.push_str(&t);
                    text.push('\n');
                }
            }
        }
        Err(_) => eprintln!("note: {SEEDS} not found; benchmarking a synthetic text"),
    }
    if text.is_empty() {
        text = "قتل نحو 30 عنصرا وأصيب ثلاثة آخرون في 27 كانون الأول، ودفعوا عشرين ألف دولار.\n"
            .repeat(50);
    }
    // Repeat to about 1 MB.
    let times = (1_000_000 / text.len()).max(1);
    text.repeat(times)
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let a = Analysis::new(text.as_str(), vec![]);
    let expected = tag_quantities(&a, &[]).len();
    assert!(expected > 0);
    let mut g = c.benchmark_group("numbers");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("tag_quantities", |b| {
        b.iter(|| {
            let q = tag_quantities(black_box(&a), &[]);
            assert_eq!(q.len(), expected);
            q
        })
    });
    g.bench_function("analysis+tag_quantities", |b| {
        b.iter(|| {
            let a = Analysis::new(black_box(text.as_str()), vec![]);
            let q = tag_quantities(&a, &[]);
            assert_eq!(q.len(), expected);
            q
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
