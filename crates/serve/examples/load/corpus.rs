//! The generated corpus of the load test: deterministic Arabic articles
//! (places, actors, event words, dates and counts drawn from small lists) and
//! a database of them, built once and cached under the target directory.

use rasad_extract::{Extractor, Options};
use rasad_store::{prepare, Prepared, Store};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Place names used in articles and queries.
pub const PLACES: &[&str] = &[
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
/// Actor names used in articles.
pub const ACTORS: &[&str] = &[
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
/// Outlets of the articles.
pub const OUTLETS: &[&str] = &[
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
pub struct Rng(pub u64);
impl Rng {
    /// The next value.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// One element of `xs`.
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
    /// A value in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
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

fn build_db(path: &Path, n: usize) {
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

/// Where cached databases live: `$CARGO_TARGET_DIR/load` or the workspace's
/// `target/load`.
pub fn cache_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"))
        .join("load")
}

/// The database of `n` generated articles, built on first use (into a
/// temporary file renamed when complete, so an interrupted build is redone).
/// Delete the file to rebuild it after the extractor changed.
pub fn cached_db(n: usize) -> PathBuf {
    let dir = cache_dir();
    std::fs::create_dir_all(&dir).expect("create the cache directory");
    let db = dir.join(format!("articles-{n}.db"));
    if db.is_file() {
        eprintln!("using {}", db.display());
        return db;
    }
    let tmp = dir.join(format!("articles-{n}.db.partial"));
    for suffix in ["", "-wal", "-shm"] {
        let mut p = tmp.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    build_db(&tmp, n);
    std::fs::rename(&tmp, &db).expect("rename the built database");
    eprintln!("cached {}", db.display());
    db
}
