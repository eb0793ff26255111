//! The analyst pages in a real headless browser.
//!
//! Builds a temporary database from the demo corpus (`corpus/demo`) plus a
//! few fixture articles written here (two outlets telling one air strike with
//! different death tolls, and an article whose text carries markup that must
//! never run), serves it in-process on a loopback port, and runs
//! `crates/serve/e2e/run.mjs` (playwright-core driving the system Chromium)
//! against it. Screenshots land in `target/e2e-artifacts/`.
//!
//! Without Chromium, Node or `crates/serve/e2e/node_modules` the test prints
//! a notice and passes, unless `RASAD_E2E=1` is set (as `.ci/run` does), in
//! which case it fails and says how to install them.

use rasad_extract::{Extractor, Options};
use rasad_ingest::ReadOptions;
use rasad_serve::{AppState, Config};
use rasad_store::{prepare, Store};
use std::fs::File;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The fixture article whose text and title carry markup.
const HOSTILE_ID: &str = "e2e-hostile";

/// How long the whole browser run may take before it is stopped.
const RUN_LIMIT: Duration = Duration::from_secs(600);

/// How to get what the browser tests need.
const INSTALL: &str = "apt-get install chromium nodejs npm && npm ci --prefix crates/serve/e2e";

/// Fixture articles as JSON lines. The texts are fictional, written for
/// this test: two outlets report one strike on the same day and place with
/// different death tolls (so the incident has two outlet columns and a
/// disagreement), and one article carries a script element and an image
/// with an error handler in its title and text.
fn fixture_lines() -> String {
    let docs = [
        serde_json::json!({
            "id": "e2e-kafranbel-a", "outlet": "عنب بلدي", "published": "2019-08-14",
            "title": "قتلى مدنيون بغارات روسية على كفرنبل",
            "text": "قتلى مدنيون بغارات روسية على كفرنبل\n\nقتل 18 مدنياً، بينهم خمسة أطفال، يوم الثلاثاء 13 آب 2019، في غارات جوية للطيران الحربي الروسي على مدينة كفرنبل بريف إدلب الجنوبي، بحسب الدفاع المدني السوري."
        }),
        serde_json::json!({
            "id": "e2e-kafranbel-b", "outlet": "الوطن", "published": "2019-08-14",
            "title": "غارة جوية على كفرنبل",
            "text": "غارة جوية على كفرنبل\n\nقتل 4 مدنيين يوم الثلاثاء 13 آب 2019 في غارة جوية للطيران الحربي الروسي على مدينة كفرنبل في ريف إدلب، بحسب مصادر ميدانية."
        }),
        serde_json::json!({
            "id": HOSTILE_ID, "outlet": "أخبار الآن", "published": "2019-09-02",
            "title": "اشتباكات في البوكمال <img src=x onerror=\"window.__pwned=1\">",
            "text": "اشتباكات في البوكمال\n\nاندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش في مدينة البوكمال <script>window.__pwned=1</script> أسفرت عن مقتل خمسة عناصر من قوات النظام يوم الاثنين 2 أيلول 2019 <img src=x onerror=\"window.__pwned=1\"> بحسب مصادر محلية."
        }),
    ];
    docs.iter().map(|d| format!("{d}\n")).collect()
}

/// What the review scenario re-ingests: the fixtures again (duplicates)
/// plus a third outlet's report of the same strike (fictional, written for
/// this test).
fn reingest_lines() -> String {
    let new = serde_json::json!({
        "id": "e2e-kafranbel-c", "outlet": "سمارت", "published": "2019-08-14",
        "title": "قصف جوي يستهدف كفرنبل",
        "text": "قصف جوي يستهدف كفرنبل\n\nقتل 6 مدنيين يوم الثلاثاء 13 آب 2019 جراء غارات جوية روسية استهدفت الأحياء السكنية في مدينة كفرنبل جنوب إدلب، وفق ناشطين محليين."
    });
    format!("{}{new}\n", fixture_lines())
}

/// The dev set whose incidents the map screenshots show: the real dev
/// articles beside the repository (`../shared/corpus/real/dev/dev.jsonl`),
/// else the repository's own `corpus/owndev`.
fn dev_set() -> PathBuf {
    let real = workspace().join("../shared/corpus/real/dev/dev.jsonl");
    if real.is_file() {
        real
    } else {
        workspace().join("corpus/owndev")
    }
}

/// The workspace root (two levels above this crate).
fn workspace() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// The Chromium binary: `RASAD_CHROMIUM`, else the Debian and Ubuntu paths.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("RASAD_CHROMIUM") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// Whether `node --version` runs.
fn node_runs() -> bool {
    Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What is missing to run the browser tests (empty when nothing is).
fn missing(e2e: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if chromium().is_none() {
        out.push("chromium (/usr/bin/chromium or RASAD_CHROMIUM)".to_string());
    }
    if !node_runs() {
        out.push("node".to_string());
    }
    if !e2e
        .join("node_modules/playwright-core/package.json")
        .is_file()
    {
        out.push(format!("{}/node_modules (npm ci)", e2e.display()));
    }
    out
}

/// Reads, extracts and stores the demo corpus and the fixtures into `db`.
fn build_database(db: &Path) -> usize {
    let opts = ReadOptions::default();
    let demo = workspace().join("corpus/demo");
    let lines = fixture_lines();
    let docs = rasad_ingest::read_paths(&[demo], &opts).chain(rasad_ingest::read_jsonl(
        lines.as_bytes(),
        "fixture",
        &opts,
    ));
    store_docs(db, docs)
}

/// Extracts and stores `docs` into `db`; returns how many.
fn store_docs(
    db: &Path,
    docs: impl Iterator<Item = Result<rasad_ingest::RawDoc, rasad_ingest::DocError>>,
) -> usize {
    let extractor = Extractor::new(Options {
        reference_date: jiff::civil::date(2020, 1, 1),
    });
    let mut ready = Vec::new();
    for doc in docs {
        let raw = doc.unwrap_or_else(|e| panic!("a test document does not read: {e}"));
        let record = extractor.extract(&raw);
        let prepared = prepare(&raw.text, &raw.origin, &record)
            .unwrap_or_else(|e| panic!("{} does not prepare: {e:?}", raw.origin));
        ready.push(prepared);
    }
    let mut store = Store::open(db).expect("open store");
    store.write_batch(&ready).expect("write");
    ready.len()
}

/// The write token of the test server (the review scenario posts with it).
const E2E_TOKEN: &str = "e2e-review-token";

/// Starts the server over `db` on a loopback port (no rate limit: the
/// browser loads pages, scripts and API answers in bursts).
fn serve(db: &Path) -> SocketAddr {
    let mut config = Config::new(db);
    config.reference_date = Some(jiff::civil::date(2020, 1, 1));
    config.rate_per_sec = None;
    config.token = Some(E2E_TOKEN.into());
    let state = AppState::open(&config).expect("state");
    rasad_serve::spawn_loopback(state, config, Some(2)).expect("server starts")
}

/// Where screenshots and the run's log go: `target/e2e-artifacts`.
fn artifact_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"));
    target.join("e2e-artifacts")
}

#[test]
fn analyst_pages_in_headless_chromium() {
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e");
    let lacking = missing(&e2e);
    if !lacking.is_empty() {
        let why = format!(
            "missing: {}; install with `{INSTALL}` (from the workspace root)",
            lacking.join(", ")
        );
        if std::env::var("RASAD_E2E").as_deref() == Ok("1") {
            panic!("RASAD_E2E=1 but the browser tests cannot run: {why}");
        }
        // Written to the process's standard error, past the test harness's
        // capture, so the notice shows in every `cargo test` run.
        let bar = "!".repeat(72);
        let notice = format!(
            "\n{bar}\n!! browser tests skipped: {why}\n!! (set RASAD_E2E=1 to make this a failure)\n{bar}\n\n"
        );
        let _ = std::io::stderr().write_all(notice.as_bytes());
        return;
    }

    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("e2e.db");
    let stored = build_database(&db);
    assert!(
        stored > 40,
        "the demo corpus and fixtures gave {stored} documents"
    );
    let addr = serve(&db);
    let reingest = dir.path().join("reingest.jsonl");
    std::fs::write(&reingest, reingest_lines()).expect("reingest file");
    // The map's screenshots show the dev set, served from a database of its own.
    let dev_db = dir.path().join("dev.db");
    let opts = ReadOptions::default();
    let dev = store_docs(&dev_db, rasad_ingest::read_paths(&[dev_set()], &opts));
    assert!(
        dev >= 10,
        "the dev set {} gave {dev} documents",
        dev_set().display()
    );
    let dev_addr = serve(&dev_db);
    let artifacts = artifact_dir();
    std::fs::create_dir_all(&artifacts).expect("artifact dir");
    // The log is written in this run's own folder (other runs in a shared
    // checkout may use target/e2e-artifacts at the same time) and copied
    // beside the screenshots at the end.
    let log_path = dir.path().join("run.log");
    let log = File::create(&log_path).expect("run.log");

    let mut cmd = Command::new("node");
    cmd.arg(e2e.join("run.mjs"))
        .arg(format!("http://{addr}"))
        .arg(&artifacts)
        .arg("--hostile")
        .arg(HOSTILE_ID)
        .arg("--reingest")
        .arg(&reingest)
        .arg("--map-base")
        .arg(format!("http://{dev_addr}"))
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log handle"))
        .stderr(log);
    cmd.env("RASAD_E2E_TOKEN", E2E_TOKEN);
    if let Some(c) = chromium() {
        cmd.env("RASAD_CHROMIUM", c);
    }
    let mut child = cmd.spawn().expect("start node");
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for node") {
            break Some(s);
        }
        if started.elapsed() > RUN_LIMIT {
            // Ends only the process this test started.
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let output = std::fs::read_to_string(&log_path).unwrap_or_default();
    let _ = std::fs::write(artifacts.join("run.log"), &output);
    println!("{output}");
    println!("screenshots and log: {}", artifacts.display());
    match status {
        None => panic!("run.mjs took longer than {RUN_LIMIT:?} (its output is above)"),
        Some(s) => assert!(
            s.success(),
            "run.mjs failed ({s}); its output is above, screenshots in {}",
            artifacts.display()
        ),
    }
    export_has_the_review(&db, &artifacts);
}

/// The ACLED export of the store the browser reviewed (after the re-ingest):
/// the reviewed incident's row carries the toll and place typed on its page,
/// `reviewed` and the corrected fields.
fn export_has_the_review(db: &Path, artifacts: &Path) {
    let result: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(artifacts.join("review-result.json")).expect("review-result.json"),
    )
    .expect("review result");
    let mut store = Store::open(db).expect("reopen store");
    let built = rasad_serve::incidents::Built::load(&mut store).expect("incidents");
    let mut out = Vec::new();
    rasad_incidents::export::write(
        &built.incidents,
        rasad_incidents::export::Format::Acled,
        &rasad_incidents::export::Links::default(),
        &mut out,
    )
    .expect("export");
    let mut rows = csv::Reader::from_reader(&out[..]);
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let id = result["incident"].as_str().unwrap();
    let row: Vec<String> = rows
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>())
        .find(|r| r[col("event_id_cnty")] == id)
        .unwrap_or_else(|| panic!("no export row for {id}"));
    assert_eq!(row[col("fatalities")], "77");
    assert_eq!(row[col("location")], "حي الجامع");
    assert_eq!(row[col("reviewed")], "true");
    // The toll, place and a claim's source (incident page), the injured
    // (article page), the split and the merge.
    assert_eq!(
        row[col("corrected")],
        "claim;fatalities;injured;merge;place;split"
    );
}
