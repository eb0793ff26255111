//! The review pages (queue, history, outlets), their script, the map's
//! script and the governorate data it draws: static RTL pages under the CSP,
//! scripts without HTML sinks whose element ids exist in the pages, and
//! governorate data that matches the gazetteer's names.

use crate::support;

use rasad_serve::pages::{
    ARTICLE_HTML, CSP, HISTORY_HTML, INCIDENT_HTML, MAP_JS, OUTLET_HTML, REVIEW_HTML, REVIEW_JS,
};
use serde_json::Value;
use std::sync::OnceLock;
use support::http::{enc, get};
use support::{start, Server};

fn shared() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| start(|_| {}))
}

/// Sinks through which data could be parsed as HTML or code.
const SINKS: [&str; 9] = [
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
    "eval(",
    "new Function",
    "DOMParser",
    "createContextualFragment",
    "setAttribute(\"on",
];

#[test]
fn review_pages_are_static_rtl_under_the_csp() {
    let a = shared().addr;
    let inc = get(a, "/api/incidents").json()["incidents"][0]["id"]
        .as_str()
        .expect("an incident")
        .to_string();
    for (path, name) in [
        ("/review".to_string(), "review"),
        ("/review?state=&outlet=x".to_string(), "review"),
        ("/outlets".to_string(), "outlet"),
        (format!("/outlets/{}", enc("عنب بلدي")), "outlet"),
        (format!("/incidents/{}/history", enc(&inc)), "history"),
    ] {
        let r = get(a, &path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(r.header("content-security-policy"), Some(CSP), "{path}");
        let html = r.text();
        assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{path}");
        assert!(
            html.contains(&format!(r#"<body data-page="{name}""#)),
            "{path}"
        );
        assert!(html.contains(r#"id="status" role="status""#), "{path}");
        assert!(
            !html.contains(&inc) && !html.contains("عنب بلدي"),
            "{path} holds data"
        );
        assert!(!html.contains("<style") && !html.contains(" style=") && !html.contains(" on"));
        for tag in html.split("<script").skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            assert!(
                tag.contains(r#"src="/assets/app.js""#)
                    || tag.contains(r#"src="/assets/review.js""#),
                "{path}: {tag}"
            );
        }
    }
}

#[test]
fn review_and_map_scripts_use_no_html_sinks() {
    let a = shared().addr;
    for (path, body) in [("/assets/review.js", REVIEW_JS), ("/assets/map.js", MAP_JS)] {
        let r = get(a, path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(
            r.header("content-type"),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(r.header("content-security-policy"), Some(CSP));
        assert_eq!(r.text(), body);
        for sink in SINKS {
            assert!(!body.contains(sink), "{path} uses {sink}");
        }
        // Offline: nothing fetched from another origin (the SVG namespace
        // is a name, not a request).
        let urls = body.matches("http").count();
        assert_eq!(
            urls,
            body.matches("http://www.w3.org/2000/svg").count(),
            "{path}"
        );
        assert!(body.matches("textContent").count() + body.matches("svg(\"text\"").count() >= 2);
    }
}

#[test]
fn every_id_review_js_looks_up_is_in_a_page() {
    let pages = [
        REVIEW_HTML,
        HISTORY_HTML,
        OUTLET_HTML,
        INCIDENT_HTML,
        ARTICLE_HTML,
    ];
    let mut seen = 0;
    for part in REVIEW_JS.split("byId(\"").skip(1) {
        let id = &part[..part.find('"').expect("closing quote")];
        seen += 1;
        assert!(
            pages.iter().any(|p| p.contains(&format!(r#"id="{id}""#))),
            "review.js looks up #{id}, which no page has"
        );
    }
    assert!(seen > 15, "review.js looks up {seen} ids");
    // The incident and article pages load it after app.js.
    for html in [INCIDENT_HTML, ARTICLE_HTML] {
        let app = html.find("/assets/app.js").expect("app.js");
        let review = html.find("/assets/review.js").expect("review.js");
        assert!(app < review);
    }
}

/// The governorate data as served.
fn admin1() -> Value {
    let r = get(shared().addr, "/assets/admin1.geojson");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/geo+json"));
    assert!(r.body.len() < 512 * 1024, "{} bytes", r.body.len());
    r.json()
}

#[test]
fn governorates_are_named_as_the_gazetteer_names_them_and_lie_in_the_region() {
    let doc = admin1();
    let features = doc["features"].as_array().expect("features");
    let kind = |k: &str| {
        features
            .iter()
            .filter(move |f| f["properties"]["kind"] == k)
            .collect::<Vec<_>>()
    };
    let syria: Vec<&str> = kind("admin1")
        .into_iter()
        .filter(|f| f["properties"]["country"] == "SY")
        .map(|f| f["properties"]["name_ar"].as_str().unwrap())
        .collect();
    // The governorates incidents name (the gazetteer's admin1 of Syrian towns).
    let g = rasad_gazetteer::Gazetteer::bundled();
    for town in ["إدلب", "حلب", "دير الزور", "درعا"] {
        let gov = &g.lookup(town)[0].admin1;
        assert!(
            syria.contains(&gov.as_str()),
            "{town} is in {gov}, not drawn: {syria:?}"
        );
    }
    for f in kind("admin1") {
        let p = f["geometry"]["coordinates"].as_array().unwrap();
        let (x, y) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
        let b: Vec<f64> = f["properties"]["bbox"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        assert!(b[0] <= x && x <= b[2] && b[1] <= y && y <= b[3], "{f}");
        assert!(
            (20.0..=63.5).contains(&x) && (12.0..=43.0).contains(&y),
            "{f}"
        );
    }
    let lines = kind("boundary");
    assert!(lines.iter().any(|f| f["properties"]["country"] == "SY"));
    assert!(lines.iter().any(|f| f["properties"]["country"] == "IQ"));
    for f in &lines {
        for line in f["geometry"]["coordinates"].as_array().unwrap() {
            assert!(
                line.as_array().unwrap().len() >= 2,
                "a boundary of one point"
            );
        }
    }
    let towns = kind("town");
    assert!(towns.len() > 100, "{} towns", towns.len());
    assert!(towns.iter().any(|t| t["properties"]["name_ar"] == "كفرنبل"));
}
