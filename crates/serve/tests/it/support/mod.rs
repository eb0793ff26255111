//! Shared test support: fixture articles, a database built from them, and a
//! server started in-process on a loopback port.

pub mod http;

use rasad_extract::{Extractor, Options};
use rasad_ingest::ReadOptions;
use rasad_serve::{AppState, Config};
use rasad_store::{prepare, Store};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::OnceLock;

/// The article whose text carries markup that must never run.
pub const XSS_ID: &str = "xss";
/// Markup in the XSS article.
pub const SCRIPT: &str = "<script>alert(1)</script>";
pub const IMG: &str = "<img src=x onerror=alert(1)>";

/// The fixture articles as JSON lines.
pub fn fixture_lines() -> String {
    let docs = [
        serde_json::json!({
            "id": "hajin-1", "outlet": "عنب بلدي", "published": "2018-12-12",
            "title": "قتلى مدنيون في قصف على هجين",
            "text": "قتلى مدنيون في قصف على هجين\n\nقتل 12 مدنياً، الأربعاء 12 كانون الأول 2018، في قصف جوي لطيران التحالف الدولي على بلدة هجين بريف دير الزور الشرقي، بحسب المرصد السوري لحقوق الإنسان."
        }),
        serde_json::json!({
            "id": "hajin-2", "outlet": "الوطن", "published": "2018-12-12",
            "title": "غارات التحالف على هجين",
            "text": "غارات التحالف على هجين\n\nقال ناشطون إن 15 مدنياً قتلوا يوم الأربعاء 12 كانون الأول 2018 في غارات لطيران التحالف الدولي على بلدة هجين في ريف دير الزور، فيما أكد المرصد السوري مقتل 12 شخصاً."
        }),
        serde_json::json!({
            "id": XSS_ID, "outlet": "أخبار الآن", "published": "2018-11-20",
            "title": "اشتباكات في البوكمال",
            "text": format!("اشتباكات في البوكمال\n\nاندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش في مدينة البوكمال {SCRIPT} أسفرت عن مقتل خمسة عناصر من قوات النظام يوم الثلاثاء 20 تشرين الثاني 2018 {IMG} بحسب مصادر محلية.")
        }),
        serde_json::json!({
            "id": "raqqa-1", "outlet": "عنب بلدي", "published": "2017-10-17",
            "title": "قسد تسيطر على الرقة",
            "text": "قسد تسيطر على الرقة\n\nأعلنت قوات سوريا الديمقراطية (قسد) سيطرتها الكاملة على مدينة الرقة يوم الثلاثاء 17 تشرين الأول 2017 بعد معارك مع تنظيم داعش استمرت أربعة أشهر."
        }),
    ];
    docs.iter().map(|d| format!("{d}\n")).collect()
}

/// The extractor used for fixtures (built once per test binary).
pub fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| {
        Extractor::new(Options {
            reference_date: jiff::civil::date(2019, 1, 1),
        })
    })
}

/// Ingests JSON lines into the database at `db`.
pub fn ingest(db: &Path, lines: &str) {
    let mut store = Store::open(db).expect("open store");
    let opts = ReadOptions::default();
    let ready: Vec<_> = rasad_ingest::read_jsonl(lines.as_bytes(), "fixture", &opts)
        .map(|r| {
            let raw = r.expect("fixture reads");
            let doc = extractor().extract(&raw);
            prepare(&raw.text, &raw.origin, &doc).expect("fixture prepares")
        })
        .collect();
    store.write_batch(&ready).expect("write");
}

/// A running server over its own temporary database.
pub struct Server {
    pub addr: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Server {
    /// The server's database file.
    pub fn db(&self) -> std::path::PathBuf {
        self._dir.path().join("t.db")
    }
}

/// Starts a server over a fresh database holding the fixtures; `tune`
/// adjusts the configuration (token, limits, CORS).
pub fn start(tune: impl FnOnce(&mut Config)) -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    ingest(&db, &fixture_lines());
    let mut config = Config::new(&db);
    config.reference_date = Some(jiff::civil::date(2019, 1, 1));
    config.rate_per_sec = None;
    tune(&mut config);
    let state = AppState::open(&config).expect("state");
    let addr = rasad_serve::spawn_loopback(state, config, Some(2)).expect("server starts");
    Server { addr, _dir: dir }
}
