//! `rasad export --format parquet --out DIR` read back with the parquet
//! crate's own reader: every table's rows against the store's records and
//! `rasad incidents --json`, and the joins between them.

use parquet::file::reader::SerializedFileReader;
use parquet::record::{Field, Row};
use rasad_record::Document;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn rasad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rasad"))
}

/// Every row of a Parquet file as column name → field.
fn read(path: &Path) -> Vec<BTreeMap<String, Field>> {
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    reader.into_iter().map(|r| row_map(&r.unwrap())).collect()
}

fn row_map(row: &Row) -> BTreeMap<String, Field> {
    row.get_column_iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn text(f: &Field) -> Option<String> {
    match f {
        Field::Str(s) => Some(s.clone()),
        _ => None,
    }
}

fn long(f: &Field) -> Option<i64> {
    match f {
        Field::Long(n) => Some(*n),
        _ => None,
    }
}

fn double(f: &Field) -> Option<f64> {
    match f {
        Field::Double(x) => Some(*x),
        _ => None,
    }
}

fn texts(f: &Field) -> Vec<String> {
    match f {
        Field::ListInternal(l) => l.elements().iter().filter_map(text).collect(),
        _ => panic!("not a list: {f:?}"),
    }
}

/// The stored records, in storage order.
fn records(db: &Path) -> Vec<Document> {
    let store = rasad_store::Store::open(db).unwrap();
    let mut out = Vec::new();
    store
        .each_article(0, |_, _, a| -> Result<(), rasad_store::StoreError> {
            out.push(serde_json::from_str(&a.record).unwrap());
            Ok(())
        })
        .unwrap();
    out
}

fn export(db: &Path, out: &Path) {
    let run = rasad()
        .args(["export", "--format", "parquet", "--db"])
        .arg(db)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn parquet_tables_match_the_store_and_join() {
    let dir = tempfile::tempdir().unwrap();
    let (db, out) = (dir.path().join("t.db"), dir.path().join("pq"));
    super::cli_incidents::ingest(&db, super::cli_incidents::ARTICLES);
    export(&db, &out);
    let docs = records(&db);
    let events = read(&out.join("events.parquet"));
    let claims = read(&out.join("claims.parquet"));
    let reports = read(&out.join("reports.parquet"));

    let n_events: usize = docs.iter().map(|d| d.events.len()).sum();
    let n_claims: usize = docs.iter().map(|d| d.casualties.len()).sum();
    assert!(n_events >= 5 && n_claims >= 5, "{n_events} {n_claims}");
    assert_eq!(events.len(), n_events);
    assert_eq!(claims.len(), n_claims);

    // Each event row is its record's event.
    let by_id: BTreeMap<&str, &Document> = docs.iter().map(|d| (d.id.as_str(), d)).collect();
    for row in &events {
        let doc = by_id[text(&row["article_id"]).unwrap().as_str()];
        let e = &doc.events[long(&row["event_index"]).unwrap() as usize];
        assert_eq!(text(&row["type"]).as_deref(), Some(e.kind.as_str()));
        assert_eq!(text(&row["subtype"]).as_deref(), Some(e.subtype.as_str()));
        let date = e.date.as_ref().and_then(|t| t.value.clone());
        assert_eq!(text(&row["date"]), date);
        let names: Vec<String> = e.places.iter().map(|p| p.name.clone()).collect();
        assert_eq!(texts(&row["place_names"]), names);
        assert_eq!(text(&row["outlet"]), doc.outlet);
        let place = doc.places.iter().find(|p| Some(&p.name) == names.first());
        assert_eq!(double(&row["latitude"]), place.and_then(|p| p.lat));
        assert_eq!(row["background"], Field::Bool(false));
    }
    // Publication days as Parquet dates: 2019-05-10 is day 18,026 of 1970.
    let enab = events
        .iter()
        .find(|r| text(&r["article_id"]).as_deref() == Some("enab-1"));
    assert_eq!(enab.unwrap()["published_day"], Field::Date(18_026));

    // Each claim row is its record's claim, and its event carries it.
    for row in &claims {
        let doc = by_id[text(&row["article_id"]).unwrap().as_str()];
        let c = &doc.casualties[long(&row["claim_index"]).unwrap() as usize];
        assert_eq!(double(&row["best"]), c.best);
        assert_eq!(text(&row["victims"]), c.group);
        assert_eq!(long(&row["start"]), Some(c.span.start as i64));
        if let Some(ev) = long(&row["event_index"]) {
            let carried = &doc.events[ev as usize].fatalities;
            assert!(carried.iter().any(|f| f.span == c.span && f.best == c.best));
        }
    }
    assert!(claims.iter().any(|r| long(&r["event_index"]).is_some()));

    // Reports: one row per report of each incident, with the article's URL;
    // every report joins to an event row.
    let incidents: Vec<Value> = String::from_utf8(
        rasad()
            .args(["incidents", "--json", "--db"])
            .arg(&db)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    let want: Vec<(String, String, i64)> = incidents
        .iter()
        .flat_map(|i| {
            i["reports"].as_array().unwrap().iter().map(move |r| {
                let id = i["id"].as_str().unwrap().to_string();
                let article = r["article"].as_str().unwrap().to_string();
                (id, article, r["event_index"].as_i64().unwrap())
            })
        })
        .collect();
    let got: Vec<(String, String, i64)> = reports
        .iter()
        .map(|r| {
            let id = text(&r["incident_id"]).unwrap();
            (
                id,
                text(&r["article_id"]).unwrap(),
                long(&r["event_index"]).unwrap(),
            )
        })
        .collect();
    assert_eq!(got, want);
    for r in &reports {
        let article = text(&r["article_id"]).unwrap();
        assert_eq!(
            text(&r["url"]),
            Some(format!("https://news.example/{article}"))
        );
        let joins = events
            .iter()
            .any(|e| e["article_id"] == r["article_id"] && e["event_index"] == r["event_index"]);
        assert!(joins, "report {article} has no event row");
    }
}

#[test]
fn parquet_needs_a_folder_and_the_others_refuse_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    super::cli_incidents::ingest(&db, &super::cli_incidents::ARTICLES[..1]);
    let run = |args: &[&str]| {
        rasad()
            .arg("export")
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let no_out = run(&["--format", "parquet"]);
    assert!(!no_out.status.success());
    assert!(String::from_utf8_lossy(&no_out.stderr).contains("--out"));
    let folder = dir.path().join("x");
    let csv_out = run(&["--format", "csv", "--out", folder.to_str().unwrap()]);
    assert!(!csv_out.status.success());
    assert!(!folder.exists());
}
