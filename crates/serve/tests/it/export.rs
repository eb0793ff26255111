//! `GET /api/export`: the rows of each file are the incidents the same
//! filters list in `GET /api/incidents` (less those without a full date,
//! counted in a header); CSV starts with a byte-order mark and ACLED's
//! header; GeoJSON and XLSX hold the same incidents.

use crate::support;
use std::sync::OnceLock;
use support::http::{enc, get};
use support::{start, Server};

fn shared() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| start(|_| {}))
}

/// Ids `GET /api/incidents?QUERY` lists with a full date, and how many
/// without one.
fn listed(query: &str) -> (Vec<String>, usize) {
    let v = get(shared().addr, &format!("/api/incidents?limit=1000&{query}")).json();
    let mut ids = Vec::new();
    let mut undated = 0;
    for inc in v["incidents"].as_array().unwrap() {
        let day = inc["date"].as_str().unwrap_or("");
        if day
            .get(..10)
            .is_some_and(|d| d.parse::<jiff::civil::Date>().is_ok())
        {
            ids.push(inc["id"].as_str().unwrap().to_string());
        } else {
            undated += 1;
        }
    }
    ids.sort();
    (ids, undated)
}

/// The `event_id_cnty` column of a CSV export, and its left-out count.
fn csv_ids(query: &str) -> (Vec<String>, usize) {
    let r = get(shared().addr, &format!("/api/export?{query}"));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(r
        .header("content-disposition")
        .unwrap()
        .contains("attachment"));
    assert_eq!(&r.body[..3], b"\xEF\xBB\xBF", "byte-order mark");
    let mut reader = csv::Reader::from_reader(&r.body[3..]);
    assert_eq!(&reader.headers().unwrap()[0], "event_id_cnty");
    let mut ids: Vec<String> = reader
        .records()
        .map(|x| x.unwrap()[0].to_string())
        .collect();
    ids.sort();
    let left: usize = r.header("x-rasad-left-out").unwrap().parse().unwrap();
    (ids, left)
}

#[test]
fn exported_rows_are_the_filtered_incidents() {
    for query in [
        String::new(),
        "from=2018-01-01".into(),
        format!("place={}", enc("هجين")),
        "actor=ISIS".into(),
        "to=2017-12-31".into(),
    ] {
        let (want, undated) = listed(&query);
        let (got, left) = csv_ids(&query);
        assert_eq!(got, want, "{query}");
        assert_eq!(left, undated, "{query}");
    }
    let (all, _) = listed("");
    assert!(all.len() >= 2, "{all:?}");
}

#[test]
fn geojson_and_xlsx_hold_the_same_incidents() {
    let (want, _) = listed("from=2018-01-01");
    let r = get(shared().addr, "/api/export?format=geojson&from=2018-01-01");
    assert_eq!(r.status, 200);
    let v = r.json();
    let mut ids: Vec<String> = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["properties"]["event_id_cnty"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    ids.sort();
    assert_eq!(ids, want);
    let r = get(shared().addr, "/api/export?format=xlsx");
    assert_eq!(r.status, 200);
    assert_eq!(&r.body[..2], b"PK");
    let r = get(shared().addr, "/api/export?format=pdf");
    assert_eq!(r.status, 400);
}

#[test]
fn place_filter_reads_proclitics_and_english_names() {
    let (hajin, _) = listed(&format!("place={}", enc("هجين")));
    assert!(!hajin.is_empty());
    assert_eq!(listed(&format!("place={}", enc("بهجين"))).0, hajin);
    assert_eq!(listed("place=Hajin").0, hajin);
    assert_eq!(csv_ids("place=Hajin").0, hajin);
}
