//! `rasad extract` end to end: one line per document, error lines for broken
//! documents, exit codes, standard input, and a closed pipe.

use std::io::Write;
use std::process::{Command, Stdio};

fn rasad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rasad"))
}

fn lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect()
}

#[test]
fn folder_with_a_broken_file_prints_every_document_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "قتل مدنيان بقصف على مدينة إدلب أمس.",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), b"").unwrap();
    std::fs::write(
        dir.path().join("c.txt"),
        "شنت طائرات حربية غارات على بلدة سراقب.",
    )
    .unwrap();
    let out = rasad()
        .args(["extract", "--reference-date", "2020-02-10"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "one document failed");
    let recs = lines(&out.stdout);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c"], "input order, failures included");
    assert!(recs[1]["error"].as_str().is_some_and(|e| !e.is_empty()));
    assert!(recs[0].get("error").is_none());
    assert!(recs[0]["body"].as_str().unwrap().contains("إدلب"));
    for key in [
        "places",
        "actors",
        "persons",
        "sources",
        "times",
        "quantities",
        "casualties",
        "events",
    ] {
        assert!(recs[2][key].is_array(), "{key} is a list");
    }
}

#[test]
fn all_good_documents_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.txt"), "اشتباكات في ريف حلب الشمالي.").unwrap();
    let out = rasad().arg("extract").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out.stdout).len(), 1);
}

#[test]
fn standard_input_reads_json_lines() {
    let mut child = rasad()
        .args(["extract", "--reference-date", "2019-01-01", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, r#"{{"id": "j1", "text": "قصف مدفعي على بلدة تل رفعت.", "outlet": "عنب بلدي", "published": "2019-03-02"}}"#).unwrap();
        writeln!(stdin, "not json").unwrap();
        writeln!(
            stdin,
            r#"{{"id": "j3", "html": "<html><body><p>غارة على معرة النعمان</p></body></html>"}}"#
        )
        .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let recs = lines(&out.stdout);
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[0]["id"], "j1");
    assert_eq!(recs[0]["outlet"], "عنب بلدي");
    assert_eq!(recs[0]["published"]["value"], "2019-03-02", "metadata wins");
    assert!(recs[1]["error"].is_string());
    assert_eq!(recs[2]["id"], "j3");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn bad_usage_exits_2() {
    let out = rasad()
        .args(["extract", "--reference-date", "yesterday", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = rasad().arg("extract").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn closed_pipe_is_a_clean_exit() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        std::fs::write(
            dir.path().join(format!("{i:04}.txt")),
            "اشتباكات عنيفة في محيط مدينة الباب. ".repeat(20),
        )
        .unwrap();
    }
    let mut child = rasad()
        .arg("extract")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe, like `| head -1`.
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    let _ = std::io::Read::read(&mut stdout, &mut buf).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success() || out.status.code() == Some(0),
        "status {:?}",
        out.status
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}
