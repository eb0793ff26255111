//! Load test (not run by `cargo test`): builds a database of generated Arabic
//! articles, starts the server on loopback, runs concurrent clients against
//! search and incidents, and prints latency percentiles and throughput.
//!
//! ```sh
//! cargo run --release -p rasad-serve --example load -- [ARTICLES] [CLIENTS] [SECONDS]
//! ```

#[path = "../tests/support/http.rs"]
mod http;

use rasad_extract::{Extractor, Options};
use rasad_serve::{AppState, Config};
use rasad_store::{prepare, Prepared, Store};
use std::time::{Duration, Instant};

const PLACES: &[&str] = &[
    "هجين",
    "البوكمال",
    "الرقة",
    "دير الزور",
    "منبج",
    "إدلب",
    "حلب",
    "الميادين",
    "تدمر",
    "درعا",
    "حماة",
    "حمص",
    "الطبقة",
    "الحسكة",
    "القامشلي",
    "جسر الشغور",
    "معرة النعمان",
    "سراقب",
    "عفرين",
    "الباب",
];
const ACTORS: &[&str] = &[
    "قوات النظام",
    "تنظيم داعش",
    "قوات سوريا الديمقراطية",
    "طيران التحالف الدولي",
    "الطيران الروسي",
    "هيئة تحرير الشام",
    "الجيش الوطني السوري",
    "الجيش التركي",
];
const VERBS: &[&str] = &[
    "قصف جوي",
    "قصف مدفعي",
    "اشتباكات عنيفة",
    "انفجار عبوة ناسفة",
    "غارات جوية",
    "هجوم بطائرة مسيرة",
];
const OUTLETS: &[&str] = &[
    "عنب بلدي",
    "الوطن",
    "أخبار الآن",
    "سانا",
    "المدن",
    "زمان الوصل",
];
const MONTHS: &[&str] = &[
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];
const FILLER: &[&str] = &[
    "وأفاد ناشطون بأن فرق الدفاع المدني عملت على انتشال الضحايا من تحت الأنقاض.",
    "وتشهد المنطقة توتراً متصاعداً منذ أسابيع وسط نزوح عشرات العائلات.",
    "ولم يصدر أي تعليق رسمي على الحادثة حتى ساعة إعداد هذا الخبر.",
    "وأشارت المصادر إلى أن عدد القتلى مرشح للارتفاع بسبب وجود إصابات خطيرة.",
    "وكانت المنطقة قد شهدت هجمات مماثلة خلال الشهر الماضي.",
];

/// A small deterministic generator (no dependency).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn article(i: usize) -> String {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15 ^ (i as u64 + 1).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let place = r.pick(PLACES);
    let actor = r.pick(ACTORS);
    let verb = r.pick(VERBS);
    let outlet = r.pick(OUTLETS);
    let (year, month, day) = (2016 + r.below(3), 1 + r.below(12), 1 + r.below(28));
    let killed = 1 + r.below(40);
    let injured = r.below(60);
    let mut text = format!(
        "{verb} في {place} (رقم {i})\n\nقتل {killed} مدنياً وأصيب {injured} آخرون في {day} {} {year} جراء {verb} نفذه {actor} على مدينة {place}، بحسب المرصد السوري لحقوق الإنسان.",
        MONTHS[(month - 1) as usize]
    );
    for _ in 0..(1 + r.below(4)) {
        text.push(' ');
        text.push_str(r.pick(FILLER));
    }
    serde_json::json!({
        "id": format!("gen-{i}"),
        "outlet": outlet,
        "published": format!("{year}-{month:02}-{day:02}"),
        "text": text,
    })
    .to_string()
}

fn build_db(path: &std::path::Path, n: usize) {
    let extractor = Extractor::new(Options {
        reference_date: jiff::civil::date(2019, 1, 1),
    });
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let started = Instant::now();
    let mut store = Store::open(path).expect("open store");
    let chunk = 1000;
    for start in (0..n).step_by(chunk) {
        let end = (start + chunk).min(n);
        let lines: String = (start..end).map(|i| article(i) + "\n").collect();
        let opts = rasad_ingest::ReadOptions::default();
        let raws: Vec<_> = rasad_ingest::read_jsonl(lines.as_bytes(), "gen", &opts)
            .filter_map(Result::ok)
            .collect();
        let per = raws.len().div_ceil(threads);
        let ready: Vec<Prepared> = std::thread::scope(|s| {
            let hs: Vec<_> = raws
                .chunks(per.max(1))
                .map(|part| {
                    let ex = &extractor;
                    s.spawn(move || {
                        part.iter()
                            .filter_map(|raw| {
                                prepare(&raw.text, &raw.origin, &ex.extract(raw)).ok()
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            hs.into_iter()
                .flat_map(|h| h.join().expect("worker"))
                .collect()
        });
        store.write_batch(&ready).expect("write");
    }
    eprintln!(
        "built {} articles in {:.1}s",
        store.count().unwrap_or(0),
        started.elapsed().as_secs_f64()
    );
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().ok());
    let n = args.next().flatten().unwrap_or(10_000);
    let clients = args.next().flatten().unwrap_or(50);
    let seconds = args.next().flatten().unwrap_or(20) as u64;
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("load.db");
    build_db(&db, n);

    let mut config = Config::new(&db);
    config.rate_per_sec = None;
    let t = Instant::now();
    let state = AppState::open(&config).expect("state");
    let incidents = state.built().incidents.len();
    eprintln!(
        "built {incidents} incidents in {:.1}s",
        t.elapsed().as_secs_f64()
    );
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            rasad_serve::serve_state(listener, state, &config)
                .await
                .expect("serve");
        });
    });
    let addr = rx.recv().expect("address");

    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let results: Vec<(Vec<Duration>, Vec<Duration>, usize)> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..clients)
            .map(|c| {
                s.spawn(move || {
                    let mut r = Rng(0xdead_beef ^ ((c as u64 + 1) << 20));
                    let (mut search, mut inc, mut errors) = (Vec::new(), Vec::new(), 0);
                    while Instant::now() < deadline {
                        let is_search = r.below(4) != 0;
                        let target = if is_search {
                            let mut q = http::enc(r.pick(PLACES));
                            if r.below(2) == 0 {
                                q.push_str("%20");
                                q.push_str(&http::enc(r.pick(&[
                                    "قصف",
                                    "مدنيا",
                                    "اشتباكات",
                                    "داعش",
                                    "غارات",
                                ])));
                            }
                            let mut t = format!("/api/search?q={q}&limit=10");
                            if r.below(3) == 0 {
                                t.push_str(&format!("&from={}-01-01", 2016 + r.below(3)));
                            }
                            t
                        } else {
                            match r.below(3) {
                                0 => format!("/api/incidents?limit=20&offset={}", r.below(200)),
                                1 => format!(
                                    "/api/incidents?limit=20&place={}",
                                    http::enc(r.pick(PLACES))
                                ),
                                _ => format!("/api/timeline/{}", http::enc(r.pick(PLACES))),
                            }
                        };
                        let t0 = Instant::now();
                        match http::request(addr, "GET", &target, &[], b"") {
                            Ok(resp) if resp.status == 200 => {
                                let d = t0.elapsed();
                                if is_search {
                                    search.push(d)
                                } else {
                                    inc.push(d)
                                }
                            }
                            _ => errors += 1,
                        }
                    }
                    (search, inc, errors)
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().expect("client")).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let mut all = Vec::new();
    let (mut search, mut inc, mut errors) = (Vec::new(), Vec::new(), 0);
    for (s, i, e) in results {
        all.extend(&s);
        all.extend(&i);
        search.extend(s);
        inc.extend(i);
        errors += e;
    }
    for v in [&mut all, &mut search, &mut inc] {
        v.sort();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{n} articles, {incidents} incidents, {clients} clients, {elapsed:.1}s, {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for (name, v) in [
        ("all", &all),
        ("search", &search),
        ("incidents/timeline", &inc),
    ] {
        println!(
            "{name:<20} {:>7} requests  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
            v.len(),
            ms(percentile(v, 0.50)),
            ms(percentile(v, 0.99)),
            ms(percentile(v, 1.0)),
        );
    }
    println!(
        "throughput {:.0} requests/s, {errors} errors",
        all.len() as f64 / elapsed
    );
}
