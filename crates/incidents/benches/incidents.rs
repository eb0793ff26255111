//! Incident building for 100,000 generated reports (one per article): several
//! outlets' versions of the same incidents, spread over two years and 300
//! places. Asserts the incident count inside the loop.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasad_incidents::{Count, DateBasis, IncidentBuilder, PlaceInfo, Report, Settings};
use rasad_record::{Basis, Certainty};
use std::collections::BTreeMap;

const KINDS: [&str; 4] = [
    "battles",
    "explosions_remote_violence",
    "violence_against_civilians",
    "strategic_developments",
];

/// A small deterministic generator (xorshift), so the corpus is the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn generate(n: usize) -> Vec<Report> {
    let mut rng = Rng(0x5eed);
    let places: Vec<PlaceInfo> = (0..300)
        .map(|i| PlaceInfo {
            name: format!("مكان {i}"),
            id: Some(format!("rasad:p{i}")),
            lat: Some(32.0 + (i / 20) as f64 * 0.4),
            lon: Some(36.0 + (i % 20) as f64 * 0.4),
            admin1: Some(format!("محافظة {}", i / 30)),
            kind: Some("PPL".into()),
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    let base = jiff::civil::date(2017, 1, 1);
    while out.len() < n {
        // One incident, told by one to five outlets.
        let day = base + jiff::Span::new().days(rng.below(730) as i64);
        let place = places[rng.below(places.len() as u64) as usize].clone();
        let kind = KINDS[rng.below(KINDS.len() as u64) as usize];
        let tellers = 1 + rng.below(5) as usize;
        for t in 0..tellers.min(n - out.len()) {
            let shift = if t > 0 && rng.below(4) == 0 { 1 } else { 0 };
            let k = rng.below(40) as f64;
            out.push(Report {
                article: format!("a{}", out.len()),
                event_index: 0,
                outlet: Some(format!("outlet{t}")),
                published: None,
                kind: kind.into(),
                subtype: "x".into(),
                date: Some((day + jiff::Span::new().days(shift)).to_string()),
                date_basis: Some(DateBasis::from(if shift == 0 {
                    Basis::Explicit
                } else {
                    Basis::Relative
                })),
                places: vec![place.clone()],
                actor1: vec!["ISIS".into()],
                actor2: vec![],
                associated: vec![],
                killed: Some(Count {
                    low: Some(k),
                    best: Some(k),
                    high: Some(k),
                }),
                injured: None,
                killed_by_group: BTreeMap::new(),
                attributed_to: vec![],
                certainty: Certainty::Asserted,
                evidence: vec![],
                terms: BTreeMap::new(),
                copy_of: None,
            });
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let reports = generate(100_000);
    let build = |reports: &[Report]| {
        let mut b = IncidentBuilder::new(Settings::default());
        for r in reports {
            b.add(r.clone());
        }
        b.incidents().len()
    };
    let expected = build(&reports);
    assert!(expected > 20_000 && expected < 100_000, "{expected}");
    let mut g = c.benchmark_group("incidents");
    g.sample_size(10);
    g.throughput(Throughput::Elements(reports.len() as u64));
    g.bench_function("build_100k", |b| {
        b.iter(|| assert_eq!(build(&reports), expected))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
