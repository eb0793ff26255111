//! Reading files and folders: one test per kind of bad input, plus the order
//! and formats of good ones. Files are written to a temporary folder.

use rasad_ingest::{read_jsonl, read_paths, DocError, Format, RawDoc, ReadOptions};
use std::fs;
use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(&p, bytes).expect("write");
    p
}

fn read(paths: &[PathBuf]) -> Vec<Result<RawDoc, DocError>> {
    read_paths(paths, &ReadOptions::default()).collect()
}

fn only_error(paths: &[PathBuf]) -> DocError {
    let got = read(paths);
    assert_eq!(got.len(), 1, "{got:?}");
    got.into_iter()
        .next()
        .and_then(Result::err)
        .expect("an error")
}

const ARTICLE: &str =
    "مقتل ثلاثة مدنيين بقصف على ريف إدلب\n\nقالت مصادر محلية إن ثلاثة مدنيين قتلوا.";

#[test]
fn folders_are_walked_in_name_order_and_other_files_skipped() {
    let d = tempfile::tempdir().expect("tempdir");
    write(d.path(), "b.txt", ARTICLE.as_bytes());
    write(d.path(), "a/z.txt", ARTICLE.as_bytes());
    write(d.path(), "c.HTML", format!("<p>{ARTICLE}</p>").as_bytes());
    write(d.path(), "notes.md", b"ignored");
    write(d.path(), "image.png", &[0x89, b'P', b'N', b'G', 0, 0]);
    write(
        d.path(),
        "d.jsonl",
        "{\"id\":\"j1\",\"text\":\"نص أول\"}\n{\"id\":\"j2\",\"text\":\"نص ثان\"}\n".as_bytes(),
    );
    let got: Vec<RawDoc> = read(&[d.path().to_path_buf()])
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("all good");
    let ids: Vec<&str> = got.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a/z", "b", "c", "j1", "j2"]);
    assert_eq!(got[0].format, Format::Text);
    assert_eq!(got[2].format, Format::Html);
    assert_eq!(got[3].format, Format::JsonLine);
    assert_eq!(got[0].text, ARTICLE);
}

#[test]
fn an_unsupported_file_named_explicitly_fails() {
    let d = tempfile::tempdir().expect("tempdir");
    let p = write(d.path(), "notes.md", ARTICLE.as_bytes());
    let e = only_error(&[p]);
    assert_eq!(e.id, "notes");
    assert!(e.reason.contains("unsupported"), "{e:?}");
}

#[test]
fn binary_files_fail() {
    let d = tempfile::tempdir().expect("tempdir");
    let p = write(
        d.path(),
        "bin.txt",
        &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0],
    );
    assert!(only_error(&[p]).reason.contains("binary"));
    let p = write(
        d.path(),
        "ctl.txt",
        &[1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16, b'a'],
    );
    assert!(only_error(&[p]).reason.contains("binary"));
}

#[test]
fn empty_and_whitespace_files_fail() {
    let d = tempfile::tempdir().expect("tempdir");
    let p = write(d.path(), "empty.txt", b"");
    assert!(only_error(&[p]).reason.contains("empty"));
    let p = write(d.path(), "ws.txt", " \n\t\r\n \u{a0}".as_bytes());
    assert!(only_error(&[p]).reason.contains("whitespace"));
    let p = write(
        d.path(),
        "blank.html",
        b"<html><body><script>x()</script></body></html>",
    );
    assert!(only_error(&[p]).reason.contains("no visible text"));
}

#[test]
fn undecodable_files_fail() {
    let d = tempfile::tempdir().expect("tempdir");
    // a UTF-16 byte-order mark followed by an unpaired surrogate
    let p = write(d.path(), "bad16.txt", &[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]);
    assert!(only_error(&[p]).reason.contains("UTF-16"));
}

#[test]
fn files_over_the_limit_fail() {
    let d = tempfile::tempdir().expect("tempdir");
    let p = write(d.path(), "big.txt", ARTICLE.as_bytes());
    let got: Vec<_> = read_paths(&[p], &ReadOptions { max_bytes: 10 }).collect();
    let e = got[0].as_ref().expect_err("too big");
    assert!(e.reason.contains("limit"), "{e:?}");
}

#[test]
fn missing_paths_fail_and_the_batch_continues() {
    let d = tempfile::tempdir().expect("tempdir");
    let good = write(d.path(), "good.txt", ARTICLE.as_bytes());
    let missing = d.path().join("missing.txt");
    let got = read(&[missing, good]);
    assert_eq!(got.len(), 2);
    let e = got[0].as_ref().expect_err("missing");
    assert_eq!(e.id, "missing");
    assert!(e.reason.contains("cannot read"), "{e:?}");
    assert!(got[1].is_ok());
}

#[test]
fn encodings_are_detected() {
    let d = tempfile::tempdir().expect("tempdir");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(ARTICLE.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in ARTICLE.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    let (w1256, _, _) = encoding_rs::WINDOWS_1256.encode(ARTICLE);
    let (iso, _, _) = encoding_rs::ISO_8859_6.encode("قصف مدفعي على بلدة في ريف حماة الشمالي");
    let paths = [
        write(d.path(), "1.txt", &bom),
        write(d.path(), "2.txt", &le),
        write(d.path(), "3.txt", &be),
        write(d.path(), "4.txt", &w1256),
        write(d.path(), "5.txt", &iso),
    ];
    let got = read(&paths);
    for (i, g) in got.iter().enumerate().take(4) {
        assert_eq!(g.as_ref().expect("decoded").text, ARTICLE, "file {}", i + 1);
    }
    assert_eq!(
        got[4].as_ref().expect("decoded").text,
        "قصف مدفعي على بلدة في ريف حماة الشمالي"
    );
}

#[test]
fn html_meta_charset_is_honoured() {
    let d = tempfile::tempdir().expect("tempdir");
    let mut page =
        b"<html><head><meta charset=\"windows-1256\"><title>\xe3\xde\xca\xe1</title></head><body><p>"
            .to_vec();
    let (body, _, _) = encoding_rs::WINDOWS_1256.encode(ARTICLE);
    page.extend_from_slice(&body);
    page.extend_from_slice(b"</p></body></html>");
    let p = write(d.path(), "p.htm", &page);
    let got = read(&[p]);
    let doc = got[0].as_ref().expect("read");
    assert!(doc.text.contains("قالت مصادر محلية"), "{}", doc.text);
    assert_eq!(doc.title.as_deref(), Some("مقتل"));
}

#[test]
fn bad_json_lines_fail_one_by_one() {
    let input = "{\"id\":\"a\",\"text\":\"نص\"}\n{broken\n{\"text\":\"x\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"html\":\"<p>حلب</p>\"}\n";
    let opts = ReadOptions::default();
    let got: Vec<_> = read_jsonl(input.as_bytes(), "stdin", &opts).collect();
    assert_eq!(got.len(), 5);
    assert!(got[0].is_ok());
    assert_eq!(got[1].as_ref().expect_err("not JSON").origin, "stdin:2");
    assert!(got[2].as_ref().expect_err("no id").reason.contains("id"));
    assert!(got[3]
        .as_ref()
        .expect_err("no text")
        .reason
        .contains("text"));
    assert_eq!(got[4].as_ref().expect("html").text, "حلب");
}

/// Runs `f` on another thread and fails when it has not finished in `secs`.
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(secs))
        .expect("did not finish in time")
}

#[cfg(unix)]
#[test]
fn a_fifo_named_txt_is_skipped_with_a_reason_not_read() {
    let d = tempfile::tempdir().expect("tempdir");
    write(d.path(), "a.txt", ARTICLE.as_bytes());
    let fifo = d.path().join("b.txt");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("mkfifo unavailable: skipped");
        return;
    }
    let dir = d.path().to_path_buf();
    let got = within(20, move || read(&[dir]));
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].is_ok());
    let e = got[1].as_ref().expect_err("the FIFO is no document");
    assert!(e.reason.contains("not a regular file"), "{e:?}");
    // named explicitly, too
    let got = within(20, move || read(&[fifo]));
    assert!(got[0]
        .as_ref()
        .is_err_and(|e| e.reason.contains("not a regular file")));
}

#[test]
fn deeply_nested_html_is_flattened_and_read_fast() {
    let depth = 100_000;
    let mut page = String::from("<html><head><title>قصف على المدينة</title></head><body>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str("<p>قالت مصادر محلية إن القصف استهدف السوق الرئيسية في المدينة صباح اليوم وأوقع جرحى بين المدنيين.</p>");
    page.push_str(&"</div>".repeat(depth));
    page.push_str("</body></html>");
    let d = tempfile::tempdir().expect("tempdir");
    let p = write(d.path(), "deep.html", page.as_bytes());
    let got = within(60, move || read(&[p]));
    let doc = got[0].as_ref().expect("read");
    assert!(doc.text.contains("القصف استهدف السوق"), "{}", doc.text);
}

#[test]
fn a_utf8_file_with_a_stray_byte_is_read_as_utf8() {
    let d = tempfile::tempdir().expect("tempdir");
    let mut bytes = ARTICLE.as_bytes().to_vec();
    bytes.insert(ARTICLE.find(' ').expect("space"), 0x92);
    let p = write(d.path(), "stray.txt", &bytes);
    let got = read(&[p]);
    let doc = got[0].as_ref().expect("read");
    assert_eq!(doc.text.replace('\u{FFFD}', ""), ARTICLE);
}

/// Ids with NUL, newlines or direction overrides broke output lines or showed
/// one id as another: such documents fail with a reason, the rest are read.
#[test]
fn ids_with_control_or_direction_characters_are_refused() {
    let lines = [
        r#"{"id":"good-1","text":"قصف على حلب"}"#,
        r#"{"id":"a\u0000b","text":"قصف على حلب"}"#,
        r#"{"id":"two\nlines","text":"قصف على حلب"}"#,
        r#"{"id":"\u202egnp.exe","text":"قصف على حلب"}"#,
    ]
    .join("\n");
    let opts = ReadOptions::default();
    let got: Vec<_> = read_jsonl(lines.as_bytes(), "t", &opts).collect();
    assert_eq!(got.len(), 4);
    assert_eq!(got[0].as_ref().map(|d| d.id.as_str()), Ok("good-1"));
    for bad in &got[1..] {
        let e = bad.as_ref().expect_err("refused");
        assert!(e.reason.contains("id holds"), "{e:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "report\u{202e}txt.txt", ARTICLE.as_bytes());
    assert!(only_error(&[file]).reason.contains("direction"));
}

/// A numeric id past 64 bits or with a fraction was rounded through a float
/// (two articles could share one id); it is refused, whole numbers are kept.
#[test]
fn numeric_ids_are_whole_or_refused() {
    let lines = [
        r#"{"id":12345678901234567,"text":"قصف على حلب"}"#,
        r#"{"id":123456789012345678901234,"text":"قصف على حلب"}"#,
        r#"{"id":1.5,"text":"قصف على حلب"}"#,
    ]
    .join("\n");
    let opts = ReadOptions::default();
    let got: Vec<_> = read_jsonl(lines.as_bytes(), "t", &opts).collect();
    assert_eq!(
        got[0].as_ref().map(|d| d.id.as_str()),
        Ok("12345678901234567")
    );
    for bad in &got[1..] {
        assert!(bad.as_ref().expect_err("refused").reason.contains("whole"));
    }
}

/// `a/1.txt`, `b/1.txt` and `b/1.html` are three articles: their ids were
/// all `1`, and two of them were dropped as duplicates.
#[test]
fn ids_are_unique_by_path() {
    let d = tempfile::tempdir().expect("tempdir");
    write(d.path(), "a/1.txt", ARTICLE.as_bytes());
    write(d.path(), "b/1.txt", ARTICLE.as_bytes());
    write(d.path(), "b/1.html", format!("<p>{ARTICLE}</p>").as_bytes());
    write(d.path(), "b/2.txt", ARTICLE.as_bytes());
    let ids: Vec<String> = read(&[d.path().to_path_buf()])
        .into_iter()
        .map(|r| r.expect("read").id)
        .collect();
    assert_eq!(ids, ["a/1", "b/1.html", "b/1.txt", "b/2"]);
    // A file named directly keeps its name as its id.
    let direct = read(&[d.path().join("b/2.txt")]);
    assert_eq!(direct[0].as_ref().expect("read").id, "2");
}

/// Two names that differ only in bytes that are not UTF-8 were both read
/// as `x\u{FFFD}`: one id for two articles.
#[cfg(unix)]
#[test]
fn non_utf8_file_names_keep_distinct_ids() {
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().expect("tempdir");
    for name in [&b"x\xff.txt"[..], &b"x\xfe.txt"[..]] {
        let p = d.path().join(std::ffi::OsStr::from_bytes(name));
        fs::write(p, ARTICLE).expect("write");
    }
    let ids: Vec<String> = read(&[d.path().to_path_buf()])
        .into_iter()
        .map(|r| r.expect("read").id)
        .collect();
    assert_eq!(ids, ["x%FE", "x%FF"]);
}

#[test]
fn bytes_read_are_counted_up_to_the_input_size() {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;
    let dir = tempfile::tempdir().expect("tempdir");
    let lines = "{\"id\":\"j1\",\"text\":\"قصف على البلدة\"}\n{\"id\":\"j2\",\"text\":\"غارة على القرية\"}\n";
    write(dir.path(), "a/one.txt", "خبر أول عن قصف".as_bytes());
    write(dir.path(), "b/lines.jsonl", lines.as_bytes());
    write(dir.path(), "c/two.txt", "خبر ثان عن غارة".as_bytes());
    let paths = [dir.path().to_path_buf()];
    let total = rasad_ingest::input_bytes(&paths);
    let want = "خبر أول عن قصف".len() + lines.len() + "خبر ثان عن غارة".len();
    assert_eq!(total, want as u64);
    let counter = Arc::new(AtomicU64::new(0));
    let opts = ReadOptions::default();
    let mut docs = rasad_ingest::read_paths_counting(&paths, &opts, Some(Arc::clone(&counter)));
    let mut seen = Vec::new();
    for d in docs.by_ref() {
        seen.push((d.expect("a document").id, counter.load(Ordering::Relaxed)));
    }
    let ids: Vec<&str> = seen.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["a/one", "j1", "j2", "c/two"]);
    assert!(seen.windows(2).all(|w| w[0].1 < w[1].1), "{seen:?}");
    assert_eq!(seen.last().map(|s| s.1), Some(total));
}
