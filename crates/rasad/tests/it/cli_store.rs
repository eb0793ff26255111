//! End-to-end tests of `rasad ingest`, `rasad search` and `rasad demo`: the
//! real binary on generated corpora in temporary folders.

use rasad_record::Document;
use rasad_store::{prepare, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn rasad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rasad"))
}

fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("rasad runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Words to build distinct synthetic articles from (not taken from any corpus).
const PLACES: &[&str] = &[
    "الرقة",
    "إدلب",
    "حلب",
    "دير الزور",
    "البوكمال",
    "الميادين",
    "منبج",
    "درعا",
];
const ACTS: &[&str] = &[
    "غارة جوية على",
    "قصف مدفعي استهدف",
    "اشتباكات عنيفة في",
    "انفجار عبوة ناسفة في",
];
const UNITS: &[&str] = &[
    "واحد",
    "اثنان",
    "ثلاثة",
    "أربعة",
    "خمسة",
    "ستة",
    "سبعة",
    "ثمانية",
    "تسعة",
    "عشرة",
];

/// A distinct article for number `i`: the number is spelled out word by word
/// so that every body differs after normalization.
fn article(i: usize) -> String {
    let spelled: Vec<&str> = i
        .to_string()
        .bytes()
        .map(|b| UNITS[(b - b'0') as usize])
        .collect();
    format!(
        "{} {} أمس، وقالت مصادر محلية إن الحصيلة بلغت {} قتلى بحسب المرصد.\n\nوأضافت المصادر أن الرقم المرجعي للخبر هو {}.\n",
        ACTS[i % ACTS.len()],
        PLACES[i % PLACES.len()],
        i % 40 + 2,
        spelled.join(" ")
    )
}

/// Writes `n` articles as `dir/a00000.txt`… and returns the folder.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let c = dir.join("corpus");
    std::fs::create_dir_all(&c).unwrap();
    for i in 0..n {
        std::fs::write(c.join(format!("a{i:05}.txt")), article(i)).unwrap();
    }
    c
}

fn count(db: &Path) -> u64 {
    Store::open(db).unwrap().count().unwrap()
}

/// Articles committed so far, read with a plain read-only connection: cheap
/// enough to poll while an ingest runs (opening a `Store` also opens and
/// catches up the search index, which can outlast a small ingest).
fn stored_rows(db: &Path) -> u64 {
    use rusqlite::{Connection, OpenFlags};
    let Ok(c) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return 0;
    };
    c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
        .map_or(0, |n| n as u64)
}

/// Builds a database through the library (independent of rasad-ingest).
fn library_db(dir: &Path) -> PathBuf {
    let db = dir.join("lib.db");
    let mut store = Store::open(&db).unwrap();
    let mut batch = Vec::new();
    for (id, body, day, outlet) in [
        (
            "r1",
            "شنت طائرات التحالف غارة على مواقع بالرقّة وقتل ١٢ عنصرا",
            "2018-12-27",
            "الوطن",
        ),
        (
            "r2",
            "وصلت تعزيزات للرقة صباح اليوم",
            "2019-01-05",
            "أخبار الآن",
        ),
        (
            "i1",
            "غارة روسية على ريف إدلب الجنوبي",
            "2019-02-10",
            "الوطن",
        ),
    ] {
        let mut d = Document::empty(id);
        d.title = Some(format!("خبر {id}"));
        d.body = body.into();
        d.outlet = Some(outlet.into());
        d.published = Some(rasad_record::Time {
            value: Some(day.into()),
            precision: rasad_record::Precision::Day,
            calendar: rasad_record::Calendar::Gregorian,
            basis: rasad_record::Basis::Explicit,
        });
        let text = format!("{}\n\n{body}\n\nتعليقات", d.title.clone().unwrap());
        batch.push(prepare(&text, &format!("{id}.txt"), &d).unwrap());
    }
    store.write_batch(&batch).unwrap();
    db
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn ids(hits: &[serde_json::Value]) -> Vec<String> {
    let mut v: Vec<String> = hits
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn search_json_finds_clitic_and_digit_variants_with_marks() {
    let dir = tempfile::tempdir().unwrap();
    let db = library_db(dir.path());
    let out = run(rasad().args(["search", "الرقه", "--json", "--db"]).arg(&db));
    assert!(out.status.success(), "{}", stderr(&out));
    let hits = json_lines(&out);
    assert_eq!(ids(&hits), ["r1", "r2"]);
    for h in &hits {
        for k in [
            "id",
            "title",
            "outlet",
            "published",
            "score",
            "snippet",
            "marks",
        ] {
            assert!(h.get(k).is_some(), "{k} missing in {h}");
        }
        // Each mark covers a form of the searched word in the snippet.
        let snippet: Vec<char> = h["snippet"].as_str().unwrap().chars().collect();
        let marks = h["marks"].as_array().unwrap();
        assert!(!marks.is_empty());
        for m in marks {
            let (s, e) = (
                m[0].as_u64().unwrap() as usize,
                m[1].as_u64().unwrap() as usize,
            );
            let word: String = snippet[s..e].iter().collect();
            assert!(["بالرقّة", "للرقة"].contains(&word.as_str()), "{word}");
        }
    }
    let out = run(rasad().args(["search", "١٢", "--json", "--db"]).arg(&db));
    assert_eq!(ids(&json_lines(&out)), ["r1"]);
}

#[test]
fn search_filters_and_plain_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = library_db(dir.path());
    let q = |extra: &[&str]| {
        let out = run(rasad()
            .args(["search", "غارة", "--json", "--db"])
            .arg(&db)
            .args(extra));
        assert!(out.status.success(), "{}", stderr(&out));
        ids(&json_lines(&out))
    };
    assert_eq!(q(&[]), ["i1", "r1"]);
    assert_eq!(q(&["--from", "2019-01-01"]), ["i1"]);
    assert_eq!(q(&["--to", "2018-12-31"]), ["r1"]);
    assert_eq!(
        q(&[
            "--outlet",
            "الوطن",
            "--from",
            "2019-02-10",
            "--to",
            "2019-02-10"
        ]),
        ["i1"]
    );
    assert!(q(&["--outlet", "اخبار الان"]).is_empty());
    // Any of an outlet's names in data/outlets: its Latin name, its domain.
    let watan = q(&["--outlet", "الوطن"]);
    assert!(!watan.is_empty());
    for name in ["Al-Watan", "alwatan.sy", "صحيفة الوطن"] {
        assert_eq!(q(&["--outlet", name]), watan, "{name}");
    }
    assert_eq!(q(&["--limit", "1"]).len(), 1);

    // Not a terminal: matches between ** (never Arabic quotation marks),
    // or unmarked with --marks none.
    let out = run(rasad().args(["search", "بالرقة", "--db"]).arg(&db));
    assert!(stdout(&out).contains("**بالرقّة**"), "{}", stdout(&out));
    assert!(!stdout(&out).contains('\x1b') && !stdout(&out).contains('«'));
    let out = run(rasad()
        .args(["search", "بالرقة", "--marks", "none", "--db"])
        .arg(&db));
    assert!(stdout(&out).contains("بالرقّة") && !stdout(&out).contains("**"));
    // A bad date is a usage error.
    let out = run(rasad()
        .args(["search", "غارة", "--from", "yesterday", "--db"])
        .arg(&db));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn search_without_database_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = run(rasad().args(["search", "غارة", "--db"]).arg(&db));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no database"), "{}", stderr(&out));
    assert!(!db.exists(), "searching must not create a database");
}

#[test]
fn demo_without_corpus_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(rasad()
        .args(["demo", "--corpus"])
        .arg(dir.path().join("missing"))
        .arg("--db")
        .arg(dir.path().join("d.db")));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing"), "{}", stderr(&out));
}

#[test]
fn ingest_twice_adds_nothing_and_counts_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), 30);
    // A copy under another name is a duplicate by content.
    std::fs::copy(c.join("a00003.txt"), c.join("z_copy.txt")).unwrap();
    let db = dir.path().join("t.db");
    let out = run(rasad()
        .arg("ingest")
        .arg(&c)
        .arg("--db")
        .arg(&db)
        .args(["--reference-date", "2019-01-01"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("read 31, new 30, duplicate 1, failed 0"),
        "{}",
        stderr(&out)
    );
    // Every skipped document is named with its reason.
    assert!(
        stderr(&out).contains("z_copy.txt: duplicate of a00003 (same text)"),
        "{}",
        stderr(&out)
    );
    let out = run(rasad().arg("ingest").arg(&c).arg("--db").arg(&db));
    assert!(
        stderr(&out).contains("a00007.txt: id a00007 is already stored"),
        "{}",
        stderr(&out)
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("read 31, new 0, duplicate 31, failed 0"),
        "{}",
        stderr(&out)
    );
    assert_eq!(count(&db), 30);

    // The stored articles are searchable through the CLI.
    let out = run(rasad()
        .args(["search", "بالرقة", "--json", "--limit", "100", "--db"])
        .arg(&db));
    let hits = json_lines(&out);
    assert_eq!(hits.len(), 30 / PLACES.len() + 1, "{}", stderr(&out));
}

#[test]
fn bad_documents_fail_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), 6);
    std::fs::write(
        c.join("b_binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 255, 254, 0, 1, 2, 3].repeat(50),
    )
    .unwrap();
    std::fs::write(c.join("b_empty.txt"), b"").unwrap();
    std::fs::write(c.join("b_huge.txt"), article(7).repeat(40)).unwrap();
    let db = dir.path().join("t.db");
    let out = run(rasad().arg("ingest").arg(&c).arg("--db").arg(&db).args([
        "--max-bytes",
        "2000",
        "--batch-size",
        "4",
    ]));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("read 9, new 6, duplicate 0, failed 3"),
        "{err}"
    );
    for f in ["b_binary.txt", "b_empty.txt", "b_huge.txt"] {
        let line = err
            .lines()
            .find(|l| l.contains(f))
            .unwrap_or_else(|| panic!("{f} not reported: {err}"));
        assert!(line.trim_start().starts_with("failed:"), "{line}");
    }
    assert_eq!(count(&db), 6);
}

#[test]
fn stdin_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut lines = String::new();
    for i in 0..3 {
        let v = serde_json::json!({"id": format!("j{i}"), "text": article(i), "outlet": "الوطن"});
        lines.push_str(&format!("{v}\n"));
    }
    lines.push_str("{not json\n");
    let mut child = rasad()
        .args(["ingest", "-", "--db"])
        .arg(&db)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("new 3") && err.contains("failed 1"), "{err}");
    assert!(err.contains("stdin"), "{err}");
    let out = run(rasad()
        .args(["search", "غارة", "--outlet", "الوطن", "--json", "--db"])
        .arg(&db));
    assert_eq!(ids(&json_lines(&out)), ["j0"]);
}

/// kill -9 in the middle of an ingest leaves a consistent database holding
/// whole batches only; the same command then finishes the job.
#[test]
fn killed_ingest_resumes() {
    const N: usize = 4000;
    const BATCH: u64 = 50;
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), N);
    let db = dir.path().join("k.db");
    let args = |cmd: &mut Command| {
        cmd.arg("ingest").arg(&c).arg("--db").arg(&db).args([
            "--batch-size",
            &BATCH.to_string(),
            "--jobs",
            "1",
            "--reference-date",
            "2019-01-01",
        ]);
    };
    let mut cmd = rasad();
    args(&mut cmd);
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no batch committed in time"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest finished before it could be killed"
        );
        if stored_rows(&db) >= 2 * BATCH {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success());
    let partial = count(&db);
    assert!(
        partial > 0 && partial < N as u64,
        "killed with {partial} stored"
    );
    assert_eq!(partial % BATCH, 0, "only whole batches are stored");
    assert_eq!(Store::open(&db).unwrap().integrity_check().unwrap(), "ok");

    let mut cmd = rasad();
    args(&mut cmd);
    let out = run(&mut cmd);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "read {N}, new {}, duplicate {partial}, failed 0",
            N as u64 - partial
        )),
        "{err}"
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(store.count().unwrap(), N as u64);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// One HTTP/1.1 GET on a fresh connection; the whole answer as text.
fn http_get(addr: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("server listens");
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    answer
}

/// A `rasad serve` on the store `db` at a free loopback port, with `extra`
/// arguments: the child, its standard error after the first line, that
/// line (the announcement) and the address it announces.
fn start_serve(
    db: &Path,
    extra: &[&std::ffi::OsStr],
) -> (
    std::process::Child,
    std::io::BufReader<std::process::ChildStderr>,
    String,
    String,
) {
    use std::io::BufRead;
    let mut child = rasad()
        .args(["serve", "--rate", "0", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .args(extra)
        .env_remove("RASAD_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rasad serve starts");
    let mut log = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    log.read_line(&mut first).unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("the address is announced: {first}"))
        .to_string();
    (child, log, first, addr)
}

/// A server's internal error (here the articles table dropped under it) is
/// logged on standard error with its cause and never sent to the client; the
/// write token comes from a file instead of the command line (`ps`).
#[test]
fn serve_logs_internal_errors_and_reads_the_token_from_a_file() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let db = library_db(dir.path());
    let token = dir.path().join("token");
    std::fs::write(&token, "a-long-enough-token\n").unwrap();
    let (mut child, mut log, first, addr) =
        start_serve(&db, &["--token-file".as_ref(), token.as_os_str()]);
    assert!(first.contains("POST /api/articles enabled"), "{first}");
    assert!(http_get(&addr, "/api/articles/r1").starts_with("HTTP/1.1 200"));
    Store::open(&db)
        .unwrap()
        .connection()
        .execute_batch("DROP TABLE articles")
        .unwrap();
    let answer = http_get(&addr, "/api/articles/r1");
    child.kill().unwrap();
    child.wait().unwrap();
    let mut rest = String::new();
    log.read_to_string(&mut rest).unwrap();
    assert!(answer.starts_with("HTTP/1.1 500"), "{answer}");
    assert!(
        !answer.contains("no such table"),
        "internals leaked: {answer}"
    );
    assert!(
        rest.contains("internal error") && rest.contains("no such table"),
        "the cause is logged: {rest}"
    );
}

/// Longest wait for `rasad serve` to exit after a stop signal: generous for
/// a loaded machine (the stop itself takes milliseconds), and finite, since
/// before the fix SIGINT did nothing and the server ran on.
#[cfg(unix)]
const STOP_WAIT: Duration = Duration::from_secs(60);

/// SIGINT (Ctrl-C) and SIGTERM stop `rasad serve` gracefully: it says so,
/// exits with status 0 although a client holds an idle connection open, and
/// closes the store (the last connection to close removes the WAL file).
#[cfg(unix)]
#[test]
fn serve_stops_gracefully_on_sigint_and_sigterm() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let db = library_db(dir.path());
    for signal in ["INT", "TERM"] {
        let (mut child, mut log, _, addr) = start_serve(&db, &[]);
        assert!(http_get(&addr, "/api/articles/r1").starts_with("HTTP/1.1 200"));
        let idle = std::net::TcpStream::connect(&addr).expect("server listens");
        let sent = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(sent.success());
        let start = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > STOP_WAIT {
                child.kill().unwrap();
                panic!("SIG{signal}: still running after {STOP_WAIT:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        drop(idle);
        let mut rest = String::new();
        log.read_to_string(&mut rest).unwrap();
        assert_eq!(status.code(), Some(0), "SIG{signal}: {rest}");
        assert!(rest.contains("rasad: stopped"), "SIG{signal}: {rest}");
        let wal = dir
            .path()
            .join(format!("{}-wal", db.file_name().unwrap().to_string_lossy()));
        assert!(!wal.exists(), "SIG{signal}: the store was not closed");
    }
}

/// A run stopped by the disk (here a file-size limit, which makes writes
/// fail as a full disk does) still prints what it read and stored.
#[test]
fn ingest_stopped_by_the_disk_prints_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("big");
    std::fs::create_dir_all(&c).unwrap();
    for i in 0..300 {
        // Distinct, long bodies: the store outgrows the limit early.
        let filler: String = (0..400).map(|k| format!("كلمة{} ", i * 400 + k)).collect();
        std::fs::write(
            c.join(format!("a{i:04}.txt")),
            format!("{}\n\n{filler}", article(i)),
        )
        .unwrap();
    }
    let db = dir.path().join("t.db");
    let script = format!(
        // 1 MB (2048 blocks): room for the schema (an empty store is 31
        // pages of 16 KB, `rasad_store::PAGE_SIZE`) and its first
        // write-ahead log frames, far from room for the articles.
        "trap '' XFSZ; ulimit -f 2048; exec '{}' ingest '{}' --db '{}'",
        env!("CARGO_BIN_EXE_rasad"),
        c.display(),
        db.display()
    );
    let out = run(Command::new("sh").arg("-c").arg(script));
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("writing to the database"), "{err}");
    assert!(err.contains("rasad: read "), "no summary: {err}");
}

/// A database of one-line articles (sentences written for this test).
fn db_of(dir: &Path, docs: &[(&str, &str)]) -> PathBuf {
    let db = dir.join("words.db");
    let mut store = Store::open(&db).unwrap();
    let batch: Vec<_> = docs
        .iter()
        .map(|(id, body)| {
            let mut d = Document::empty(*id);
            d.body = (*body).into();
            prepare(body, &format!("{id}.txt"), &d).unwrap()
        })
        .collect();
    store.write_batch(&batch).unwrap();
    db
}

#[test]
fn search_reads_clitics_or_aliases_and_latin_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_of(
        dir.path(),
        &[
            ("e1", "سقطت قذائف على أطراف إدلب الشرقية"),
            ("e2", "عاد المهجرون إلى إدلب بعد الهدنة"),
            ("e3", "تظاهر المئات بإدلب ضد الغلاء"),
            ("e4", "تعزيزات عسكرية تصل إلى حماة وإدلب"),
            ("d1", "هاجم عناصر داعش حاجزا قرب الطريق"),
            ("d2", "فجر مسلحون من داعش جسرا صغيرا"),
            ("d3", "تبنى تنظيم الدولة الإسلامية تفجير السوق"),
            ("d4", "دارت معارك بين فصيل محلي وداعش في البادية"),
            ("h1", "وصلت قافلة مساعدات إلى حلب"),
        ],
    );
    let search = |words: &[&str]| {
        let out = run(rasad()
            .arg("search")
            .args(words)
            .args(["--json", "--limit", "50", "--db"])
            .arg(&db));
        assert!(out.status.success(), "{}", stderr(&out));
        ids(&json_lines(&out))
    };
    let idlib = ["e1", "e2", "e3", "e4"];
    let isis = ["d1", "d2", "d3", "d4"];
    // (query words, expected ids)
    let table: &[(&[&str], &[&str])] = &[
        (&["إدلب"], &idlib),
        (&["بإدلب"], &idlib),
        (&["وإدلب"], &idlib),
        (&["Idlib"], &idlib),
        (&["داعش"], &isis),
        (&["وداعش"], &isis),
        (&["ISIS"], &isis),
        (&["تنظيم", "الدولة"], &isis),
        (&["Aleppo"], &["h1"]),
        (&["حلب", "OR", "حماة"], &["e4", "h1"]),
        (&["قافلة", "OR", "جسرا"], &["d2", "h1"]),
        (&["قافلة", "or", "جسرا"], &[]),
    ];
    for (words, want) in table {
        assert_eq!(search(words), *want, "{words:?}");
    }
}

/// One document that takes long to extract stalled its whole batch: it now
/// fails alone when it outlives `--doc-timeout`, with a one-line reason,
/// and the documents around it are stored.
#[test]
fn a_document_over_its_time_budget_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(dir.path(), 4);
    let long: String = (100..2100).map(article).collect();
    std::fs::write(c.join("a00001_long.txt"), long).unwrap();
    let db = dir.path().join("t.db");
    let t = Instant::now();
    let out = run(rasad().arg("ingest").arg(&c).arg("--db").arg(&db).args([
        "--doc-timeout",
        "0.5",
        "--jobs",
        "1",
    ]));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("new 4, duplicate 0, failed 1"), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("a00001_long.txt"))
        .unwrap_or_else(|| panic!("the long document is not reported: {err}"));
    assert!(
        line.contains("failed:") && line.contains("longer than 0.5 s"),
        "{line}"
    );
    assert_eq!(count(&db), 4);
    assert!(t.elapsed() < Duration::from_secs(60), "{:?}", t.elapsed());
}

/// Ingests JSON `lines` from standard input; returns (exit code, stderr).
fn ingest_lines(db: &Path, lines: &[serde_json::Value]) -> (Option<i32>, String) {
    use std::io::Write;
    let mut child = rasad()
        .args(["ingest", "-", "--db"])
        .arg(db)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for l in lines {
        writeln!(stdin, "{l}").unwrap();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    (out.status.code(), stderr(&out))
}

/// A number id is its decimal text (DESIGN.md §18): `1` and `"1"` are one
/// id, so the second article is skipped and named, never dropped silently;
/// `"01"` is another id.
#[test]
fn a_number_id_and_its_decimal_text_are_one_id_and_the_second_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let (code, err) = ingest_lines(
        &db,
        &[
            serde_json::json!({"id": 1, "text": article(1)}),
            serde_json::json!({"id": "1", "text": article(2)}),
            serde_json::json!({"id": "01", "text": article(3)}),
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("read 3, new 2, duplicate 1, failed 0"),
        "{err}"
    );
    assert!(err.contains("stdin:2: id 1 is already stored"), "{err}");
    assert_eq!(count(&db), 2);
}

/// The soft and hard limits on open files of process `pid`, from
/// `/proc/PID/limits` (`Max open files  SOFT  HARD  files`).
#[cfg(target_os = "linux")]
fn open_files_limits(pid: u32) -> (String, String) {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .unwrap_or_else(|| panic!("no open-files line: {limits}"));
    let mut cells = line["Max open files".len()..].split_whitespace();
    let soft = cells.next().unwrap().to_string();
    (soft, cells.next().unwrap().to_string())
}

/// Soft limit on open files `rasad serve` is started under: far below any
/// hard limit, so idle clients would exhaust it unless it is raised.
#[cfg(target_os = "linux")]
const LOWERED_NOFILE: u64 = 128;

/// `rasad serve` started under a lowered soft limit on open files raises it
/// to the hard limit before it listens (the connection caps are derived
/// from it).
#[cfg(target_os = "linux")]
#[test]
fn serve_raises_the_open_files_limit_to_the_hard_limit() {
    use std::io::{BufRead, BufReader};
    let (_, hard) = open_files_limits(std::process::id());
    if hard != "unlimited" && hard.parse::<u64>().unwrap() <= LOWERED_NOFILE {
        eprintln!("the hard limit {hard} leaves nothing to raise: not tested");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = library_db(dir.path());
    let script = format!(
        "ulimit -S -n {LOWERED_NOFILE} && exec '{}' serve --rate 0 --addr 127.0.0.1:0 --db '{}'",
        env!("CARGO_BIN_EXE_rasad"),
        db.display()
    );
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .env_remove("RASAD_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rasad serve starts");
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The shell exec'd rasad: the child's pid is the server's.
    let limits = open_files_limits(child.id());
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        first.contains("http://"),
        "the server did not start: {first}"
    );
    assert_eq!(limits.0, limits.1, "soft limit not raised: {limits:?}");
    assert_eq!(limits.1, hard, "{limits:?}");
}
