//! Incidents end to end: articles written for this test (three outlets on one
//! air strike with different tolls, a strike in the same town two days later,
//! and one in another town the same day) are ingested, and `rasad incidents`
//! must merge the first three and keep the decoys apart.

use std::io::Write;
use std::process::{Command, Stdio};

const ARTICLES: &[(&str, &str, &str, &str)] = &[
    ("enab-1", "عنب بلدي", "2019-05-10",
     "قتل 12 مدنياً وأصيب آخرون جراء غارات جوية شنتها طائرات حربية روسية على مدينة معرة النعمان في ريف إدلب الجنوبي اليوم الجمعة، بحسب الدفاع المدني."),
    ("smart-1", "سمارت", "2019-05-10",
     "قتل 15 مدنياً بينهم أطفال في غارات جوية روسية استهدفت الأحياء السكنية في مدينة معرة النعمان جنوبي إدلب اليوم، وفق ما أفادت مصادر محلية."),
    ("sohr-1", "المرصد السوري لحقوق الإنسان", "2019-05-11",
     "وثق المرصد السوري لحقوق الإنسان مقتل 31 مدنياً في غارات جوية نفذتها طائرات روسية أمس الجمعة على مدينة معرة النعمان بريف إدلب."),
    ("enab-2", "عنب بلدي", "2019-05-12",
     "قتل 4 مدنيين بغارة جوية روسية على مدينة معرة النعمان جنوبي إدلب اليوم الأحد."),
    ("smart-2", "سمارت", "2019-05-10",
     "قتل مدنيان بغارة جوية روسية على مدينة سراقب شرقي إدلب اليوم الجمعة."),
];

fn rasad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rasad"))
}

#[test]
fn reports_of_one_strike_merge_and_decoys_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut child = rasad()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for (id, outlet, published, text) in ARTICLES {
            let line = serde_json::json!({"id": id, "outlet": outlet, "published": published, "text": text});
            writeln!(stdin, "{line}").unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = rasad()
        .args(["incidents", "--json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let incidents: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let groups: Vec<Vec<String>> = incidents
        .iter()
        .map(|i| {
            let mut v: Vec<String> = i["reports"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["article"].as_str().unwrap().to_string())
                .collect();
            v.sort();
            v
        })
        .collect();
    assert!(
        groups.contains(&vec![
            "enab-1".to_string(),
            "smart-1".into(),
            "sohr-1".into()
        ]),
        "{groups:?}"
    );
    assert!(groups.contains(&vec!["enab-2".to_string()]), "{groups:?}");
    assert!(groups.contains(&vec!["smart-2".to_string()]), "{groups:?}");
    let main = incidents
        .iter()
        .find(|i| i["reports"].as_array().unwrap().len() == 3)
        .unwrap();
    assert_eq!(main["fatalities"]["low"], 12.0);
    assert_eq!(main["fatalities"]["high"], 31.0);
    assert!(main["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["kind"] == "count"));
    for key in ["id", "date", "places", "actors", "fatalities", "reports"] {
        assert!(main.get(key).is_some(), "{key}");
    }

    // The same incidents come out of the CSV and GeoJSON exports.
    let out = rasad()
        .args(["export", "--format", "csv", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.starts_with("event_id,event_date,time_precision,event_type"));
    assert_eq!(csv.lines().count(), incidents.len() + 1);
    let out = rasad()
        .args(["export", "--format", "geojson", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let fc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fc["features"].as_array().unwrap().len(), incidents.len());

    // verify: a reference saying 12 killed that day in Maarat al-Numan.
    let reference = dir.path().join("ref.csv");
    std::fs::write(
        &reference,
        "date,place,fatalities\n2019-05-10,معرة النعمان,12\n",
    )
    .unwrap();
    let out = rasad()
        .args(["verify", "--json", "--db"])
        .arg(&db)
        .arg("--reference")
        .arg(&reference)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let checks: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let label = |a: &str| {
        checks
            .iter()
            .find(|c| c["article"] == a)
            .map(|c| c["label"].as_str().unwrap().to_string())
    };
    assert_eq!(label("enab-1").as_deref(), Some("consistent"));
    assert_eq!(label("sohr-1").as_deref(), Some("inconsistent"));
    assert_eq!(label("smart-2").as_deref(), Some("unmatched"));
}

#[test]
fn missing_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = rasad()
        .args(["incidents", "--db"])
        .arg(dir.path().join("none.db"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database"));
}

/// `rasad eval --clusters`: the same articles as JSON lines and a TSV saying
/// which report one incident; the three reports of the strike are linked
/// and the decoys are not.
#[test]
fn eval_clusters_scores_the_linking() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs.jsonl");
    let mut lines = String::new();
    for (id, outlet, published, text) in ARTICLES {
        let line =
            serde_json::json!({"id": id, "outlet": outlet, "published": published, "text": text});
        lines.push_str(&format!("{line}\n"));
    }
    std::fs::write(&docs, lines).unwrap();
    let tsv = dir.path().join("clusters.tsv");
    std::fs::write(
        &tsv,
        "article\tcluster\nenab-1\tA\nsmart-1\tA\nsohr-1\tA\nenab-2\t-\nsmart-2\t-\n",
    )
    .unwrap();
    let out = rasad()
        .args([
            "eval",
            "--json",
            "--reference-date",
            "2019-05-12",
            "--clusters",
        ])
        .arg(&tsv)
        .arg("--docs")
        .arg(&docs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["articles"], 5);
    assert_eq!(r["main"]["pairwise"]["f1"], 1.0, "{r}");
    assert_eq!(r["main"]["bcubed"]["f1"], 1.0, "{r}");
    assert_eq!(r["main"]["singletons_linked"], 0, "{r}");
}
