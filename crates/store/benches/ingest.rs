//! Store throughput and search latency on ≥ 10,000 articles built by varying
//! the seed articles (read from `../shared` at run time, never copied into the
//! repository): sentences shuffled, numbers and place names swapped, so every
//! body differs.
//!
//! - `store/insert_10k`: prepare (index terms, offsets, hash, record JSON) and
//!   write 10,000 articles into a fresh WAL database, batches of 500.
//! - `store/extract_insert_1k`: the same with full extraction first, on 1,000.
//! - `search/<query>`: one ranked search with snippets on the 10k database.
//!
//! Each loop asserts the number of articles stored or hits found.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rasad_extract::{Extractor, Options};
use rasad_ingest::{Format, RawDoc};
use rasad_record::{Basis, Calendar, Document, Precision, Time};
use rasad_store::{prepare, Query, Store};
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const DOCS: usize = 10_000;
const BATCH: usize = 500;
const QUERIES: &[&str] = &[
    "داعش",
    "البوكمال",
    "بالرقة",
    "دير الزور",
    "قوات النظام",
    "التحالف الدولي",
    "هجوم",
    "مقتل عناصر",
    "٢٠١٧",
    "المرصد السوري",
];
const PLACES: &[&str] = &[
    "البوكمال",
    "الميادين",
    "الرقة",
    "هجين",
    "الباغوز",
    "الشعفة",
    "السوسة",
    "منبج",
    "الطبقة",
    "الحسكة",
    "القامشلي",
    "تدمر",
    "السخنة",
    "العشارة",
    "البصيرة",
    "الشحيل",
];
const OUTLETS: &[&str] = &["الوطن", "أخبار الآن", "فرات بوست", "عنب بلدي"];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn seeds() -> Option<Vec<String>> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/seeds"
    ));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    (!texts.is_empty()).then_some(texts)
}

/// One variant of a seed: title kept, body sentences shuffled, digit runs and
/// known place names replaced at random.
fn variant(seed: &str, rng: &mut Rng) -> (String, String) {
    let (title, body) = seed.split_once('\n').unwrap_or(("", seed));
    let mut sents: Vec<String> = rasad_text::sentences(body)
        .into_iter()
        .map(|s| body.chars().skip(s.start).take(s.len()).collect())
        .collect();
    for i in (1..sents.len()).rev() {
        sents.swap(i, rng.below(i + 1));
    }
    let mut out = String::with_capacity(body.len() + 64);
    for (i, s) in sents.iter().enumerate() {
        out.push_str(s);
        out.push_str(if i % 3 == 2 { "\n\n" } else { " " });
    }
    // Numbers of up to three digits (years stay, so dates stay plausible).
    let mut swapped = String::with_capacity(out.len());
    let mut digits = String::new();
    for c in out.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if digits.len() > 3 {
            swapped.push_str(&digits);
        } else if !digits.is_empty() {
            swapped.push_str(&(rng.below(500) + 1).to_string());
        }
        digits.clear();
        swapped.push(c);
    }
    swapped.pop();
    // Places.
    let words: Vec<String> = swapped
        .split(' ')
        .map(|w| match PLACES.iter().find(|p| w.ends_with(*p)) {
            Some(p) => format!(
                "{}{}",
                &w[..w.len() - p.len()],
                PLACES[rng.below(PLACES.len())]
            ),
            None => w.to_string(),
        })
        .collect();
    (title.trim().to_string(), words.join(" "))
}

/// ≥ `DOCS` raw documents with distinct bodies.
fn corpus(seeds: &[String]) -> Vec<RawDoc> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut seen = HashSet::new();
    let mut docs = Vec::with_capacity(DOCS);
    while docs.len() < DOCS {
        let k = docs.len();
        let (title, body) = variant(&seeds[k % seeds.len()], &mut rng);
        if !seen.insert(rasad_store::prepare::content_hash(&body)) {
            continue;
        }
        let day = 1 + rng.below(28);
        docs.push(RawDoc {
            id: format!("v{k:05}"),
            text: format!("{title}\n\n{body}"),
            format: Format::Text,
            url: None,
            outlet: Some(OUTLETS[k % OUTLETS.len()].to_string()),
            published: Some(format!("2018-12-{day:02}")),
            title: Some(title),
            origin: format!("v{k:05}.txt"),
        });
    }
    docs
}

/// The record a store sees without extraction: metadata and the body.
fn bare_record(raw: &RawDoc) -> Document {
    let mut d = Document::empty(raw.id.clone());
    d.title = raw.title.clone();
    d.outlet = raw.outlet.clone();
    d.published = raw.published.clone().map(|v| Time {
        value: Some(v),
        precision: Precision::Day,
        calendar: Calendar::Gregorian,
        basis: Basis::Explicit,
    });
    d.body = raw
        .text
        .split_once("\n\n")
        .map_or(raw.text.as_str(), |x| x.1)
        .to_string();
    d
}

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("bench.db")).unwrap();
    (dir, store)
}

fn insert_all(store: &mut Store, docs: &[(RawDoc, Document)]) -> u64 {
    for chunk in docs.chunks(BATCH) {
        let batch: Vec<_> = chunk
            .iter()
            .map(|(raw, d)| prepare(&raw.text, &raw.origin, d).unwrap())
            .collect();
        store.write_batch(&batch).unwrap();
    }
    store.count().unwrap()
}

fn bench(c: &mut Criterion) {
    let Some(seeds) = seeds() else {
        eprintln!("skipping: the seed corpus (../shared/corpus/seeds) is not here");
        return;
    };
    let raws = corpus(&seeds);
    let bytes: usize = raws.iter().map(|r| r.text.len()).sum();
    eprintln!(
        "corpus: {} articles, {:.1} MB of text",
        raws.len(),
        bytes as f64 / 1e6
    );
    let docs: Vec<(RawDoc, Document)> = raws.iter().map(|r| (r.clone(), bare_record(r))).collect();

    let mut g = c.benchmark_group("store");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(30))
        .warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Elements(DOCS as u64));
    g.bench_function("insert_10k", |b| {
        b.iter_batched(
            fresh,
            |(_dir, mut store)| assert_eq!(insert_all(&mut store, &docs), DOCS as u64),
            BatchSize::PerIteration,
        )
    });
    let ex = Extractor::new(Options {
        reference_date: jiff::civil::date(2019, 1, 1),
    });
    let some = &raws[..1000];
    g.throughput(Throughput::Elements(some.len() as u64));
    g.bench_function("extract_insert_1k", |b| {
        b.iter_batched(
            fresh,
            |(_dir, mut store)| {
                for chunk in some.chunks(BATCH) {
                    let batch: Vec<_> = chunk
                        .iter()
                        .map(|raw| prepare(&raw.text, &raw.origin, &ex.extract(raw)).unwrap())
                        .collect();
                    store.write_batch(&batch).unwrap();
                }
                assert_eq!(store.count().unwrap(), some.len() as u64);
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();

    // The same work timed once more by the CPU time of this thread, which
    // other load on a shared machine does not inflate.
    let (_dir, mut store) = fresh();
    let (wall, cpu) = timed(|| assert_eq!(insert_all(&mut store, &docs), DOCS as u64));
    report("insert 10k (no extraction)", DOCS, bytes, wall, cpu);
    let (_dir, mut store) = fresh();
    let some_bytes: usize = some.iter().map(|r| r.text.len()).sum();
    let (wall, cpu) = timed(|| {
        for chunk in some.chunks(BATCH) {
            let batch: Vec<_> = chunk
                .iter()
                .map(|raw| prepare(&raw.text, &raw.origin, &ex.extract(raw)).unwrap())
                .collect();
            store.write_batch(&batch).unwrap();
        }
        assert_eq!(store.count().unwrap(), some.len() as u64);
    });
    report("extract + insert 1k", some.len(), some_bytes, wall, cpu);

    // Search on the 10k database.
    let (_dir, mut store) = fresh();
    assert_eq!(insert_all(&mut store, &docs), DOCS as u64);
    let query = |text: &str| Query {
        text: text.into(),
        limit: 10,
        ..Query::default()
    };
    let expected: Vec<usize> = QUERIES
        .iter()
        .map(|q| store.search(&query(q)).unwrap().len())
        .collect();
    assert!(
        expected.iter().all(|&n| n > 0),
        "every query finds something: {expected:?}"
    );

    let mut g = c.benchmark_group("search");
    g.sample_size(30)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500));
    for (q, &n) in QUERIES.iter().zip(&expected) {
        let qq = query(q);
        g.bench_function(*q, |b| {
            b.iter(|| assert_eq!(store.search(&qq).unwrap().len(), n))
        });
    }
    let mut filtered = query("داعش");
    filtered.from = Some("2018-12-10".into());
    filtered.to = Some("2018-12-20".into());
    filtered.outlet = Some("اخبار الان".into());
    let nf = store.search(&filtered).unwrap().len();
    assert!(nf > 0);
    g.bench_function("filtered", |b| {
        b.iter(|| assert_eq!(store.search(&filtered).unwrap().len(), nf))
    });
    g.finish();

    // The median over the query list, each query timed alone.
    let mut times = Vec::new();
    for _ in 0..20 {
        for (q, &n) in QUERIES.iter().zip(&expected) {
            let t = Instant::now();
            assert_eq!(store.search(&query(q)).unwrap().len(), n);
            times.push(t.elapsed());
        }
    }
    times.sort();
    eprintln!(
        "search over {} queries × 20: median {:?}, p90 {:?}, max {:?}",
        QUERIES.len(),
        times[times.len() / 2],
        times[times.len() * 9 / 10],
        times[times.len() - 1]
    );
}

/// This thread's CPU time in nanoseconds (Linux), if readable.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Runs `f`, returning its wall time and CPU time.
fn timed(f: impl FnOnce()) -> (Duration, Option<Duration>) {
    let c0 = thread_cpu_ns();
    let t0 = Instant::now();
    f();
    let wall = t0.elapsed();
    let cpu = c0
        .zip(thread_cpu_ns())
        .map(|(a, b)| Duration::from_nanos(b.saturating_sub(a)));
    (wall, cpu)
}

fn report(what: &str, docs: usize, bytes: usize, wall: Duration, cpu: Option<Duration>) {
    let rate = |d: Duration| {
        let s = d.as_secs_f64();
        format!(
            "{:.0} docs/s, {:.1} MB/s",
            docs as f64 / s,
            bytes as f64 / 1e6 / s
        )
    };
    match cpu {
        Some(cpu) => eprintln!(
            "{what}: wall {wall:.2?} ({}); CPU {cpu:.2?} ({})",
            rate(wall),
            rate(cpu)
        ),
        None => eprintln!("{what}: wall {wall:.2?} ({})", rate(wall)),
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
