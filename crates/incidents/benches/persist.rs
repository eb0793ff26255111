//! Persisted incidents on a store of 100,000 generated reports (see
//! `gen/mod.rs`): linking one new article (its days' articles read, the
//! incidents it links to written again) and loading every incident and the
//! outlet statistics as a server does at start. Counts are asserted inside
//! the loops.

use criterion::{criterion_group, criterion_main, Criterion};
use rasad_incidents::persist;
use rasad_store::Store;
use std::time::Instant;

mod gen;

/// Reports in the store before the benchmark adds any.
const REPORTS: usize = 100_000;
/// Articles linked per transaction while the store is filled.
const FILL_CHUNK: usize = 5_000;

/// Links the generated articles day by day; returns the generator (with
/// its incidents) and the number of articles.
fn fill(store: &mut Store) -> (gen::Generator, usize) {
    let mut g = gen::Generator::new(0x5eed, REPORTS);
    let t = Instant::now();
    let (mut n, mut reports) = (0, 0);
    let mut chunk = Vec::new();
    while let Some(day) = g.next_day() {
        chunk.extend(day);
        if chunk.len() >= FILL_CHUNK {
            n += chunk.len();
            reports += chunk.iter().map(|f| f.reports.len()).sum::<usize>();
            persist::link_features(store, std::mem::take(&mut chunk)).unwrap();
        }
    }
    n += chunk.len();
    reports += chunk.iter().map(|f| f.reports.len()).sum::<usize>();
    persist::link_features(store, chunk).unwrap();
    eprintln!(
        "linked {n} articles ({reports} reports) from scratch in {:.1?}",
        t.elapsed()
    );
    (g, n)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("bench.db")).unwrap();
    let (mut gen, _) = fill(&mut store);
    let incidents = persist::incidents(&store).unwrap().len();
    assert!(incidents > 20_000 && incidents < 100_000, "{incidents}");
    let mut g = c.benchmark_group("persist");
    g.sample_size(20);
    let mut k = 0u64;
    g.bench_function("add_one_article_100k", |b| {
        b.iter(|| {
            // A sixth outlet's article about an incident already stored.
            k += 1;
            let at = gen.rng.below(gen.incidents.len() as u64) as usize;
            let f = gen.incidents[at].article(&mut gen.rng, format!("new{k}"), 5);
            let written = persist::link_features(&mut store, vec![f]).unwrap();
            assert!(written >= 1, "{written}");
        })
    });
    g.bench_function("load_incidents_100k", |b| {
        b.iter(|| {
            let all = persist::incidents(&store).unwrap();
            let stats = persist::outlet_stats(&store, &all).unwrap();
            assert!(all.len() >= incidents, "{}", all.len());
            assert!(stats.len() >= 5, "{}", stats.len());
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
