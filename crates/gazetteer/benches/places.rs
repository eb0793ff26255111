//! Place matching throughput over the seed articles (read at run time from
//! ../shared, skipped when absent), repeated to a few hundred kilobytes.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasad_gazetteer::Gazetteer;
use rasad_text::Analysis;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");

fn bench(c: &mut Criterion) {
    let mut text = String::new();
    if let Ok(dir) = std::fs::read_dir(SEEDS) {
        let mut files: Vec<_> = dir.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            text.push_str(&std::fs::read_to_string(f).unwrap_or_default());
            text.push('\n');
        }
    }
    if text.is_empty() {
        println!("skipped: no seed articles in {SEEDS}");
        return;
    }
    let text = text.repeat(10);
    let g = Gazetteer::bundled_only();
    let a = Analysis::new(text.clone(), vec![]);
    let expected = g.places(&a, &[]).len();
    assert!(expected >= 30, "only {expected} places");
    let mut group = c.benchmark_group("gazetteer");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("places", |b| {
        b.iter(|| {
            let n = g.places(&a, &[]).len();
            assert_eq!(n, expected);
        })
    });
    group.bench_function("load", |b| b.iter(|| Gazetteer::bundled_only().len()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
