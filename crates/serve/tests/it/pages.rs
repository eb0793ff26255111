//! The analyst pages over loopback: each page is static, right to left, under
//! the Content-Security-Policy and free of article data; the script builds
//! everything with DOM APIs (no HTML sinks); the ids the script looks up exist
//! in the pages; the incident API carries what the incident page reads.

use crate::support;

use rasad_serve::pages::{APP_CSS, APP_JS, ARTICLE_HTML, CSP, INCIDENT_HTML, INDEX_HTML};
use serde_json::Value;
use std::sync::OnceLock;
use support::http::{enc, get};
use support::{fixture_lines, start, Server};

fn shared() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| start(|_| {}))
}

/// The fixture documents (id, title, text, outlet).
fn fixtures() -> Vec<Value> {
    fixture_lines()
        .lines()
        .map(|l| serde_json::from_str(l).expect("fixture JSON"))
        .collect()
}

/// The id of the incident that holds both Hajin reports.
fn hajin_incident(addr: std::net::SocketAddr) -> String {
    let v = get(addr, &format!("/api/incidents?place={}", enc("هجين"))).json();
    v["incidents"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no Hajin incident: {v}"))
        .to_string()
}

/// Every page path with the `data-page` it must carry.
fn page_paths(addr: std::net::SocketAddr) -> Vec<(String, &'static str)> {
    vec![
        ("/".into(), "search"),
        ("/?q=%D9%87%D8%AC%D9%8A%D9%86".into(), "search"),
        ("/articles/xss".into(), "article"),
        ("/articles/hajin-1".into(), "article"),
        ("/articles/no-such-article".into(), "article"),
        (
            format!("/incidents/{}", enc(&hajin_incident(addr))),
            "incident",
        ),
        ("/incidents/no-such-incident".into(), "incident"),
    ]
}

#[test]
fn every_page_is_static_rtl_under_the_csp() {
    let a = shared().addr;
    let docs = fixtures();
    for (path, name) in page_paths(a) {
        let r = get(a, &path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(
            r.header("content-type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        assert_eq!(r.header("content-security-policy"), Some(CSP), "{path}");
        let html = r.text();
        assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{path}");
        assert!(
            html.contains(&format!(r#"<body data-page="{name}""#)),
            "{path} is not the {name} page"
        );
        assert!(
            html.contains(r#"id="status" role="status""#),
            "{path} lacks #status"
        );
        // No article data: no id, title, outlet-specific line or markup of any fixture.
        for d in &docs {
            let id = d["id"].as_str().unwrap();
            assert!(!html.contains(&format!("\"{id}\"")), "{path} holds id {id}");
            let title = d["title"].as_str().unwrap();
            assert!(!html.contains(title), "{path} holds a title");
            for line in d["text"].as_str().unwrap().lines() {
                if line.chars().count() > 10 {
                    assert!(!html.contains(line), "{path} holds article text");
                }
            }
        }
        assert!(
            !html.contains("alert(") && !html.contains("onerror"),
            "{path}"
        );
        // Nothing inline that the CSP would block (or that could carry data).
        assert!(
            !html.contains("<style") && !html.contains(" style="),
            "{path}"
        );
        let lower = html.to_lowercase();
        for attr in [
            " onclick=",
            " onload=",
            " onsubmit=",
            " onerror=",
            "javascript:",
        ] {
            assert!(!lower.contains(attr), "{path} has {attr}");
        }
        for tag in html.split("<script").skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            assert!(
                tag.contains(r#"src="/assets/app.js""#)
                    || tag.contains(r#"src="/assets/review.js""#),
                "inline script in {path}"
            );
        }
    }
}

#[test]
fn incident_route_serves_the_incident_page() {
    let a = shared().addr;
    let id = hajin_incident(a);
    let html = get(a, &format!("/incidents/{}", enc(&id))).text();
    assert_eq!(html, INCIDENT_HTML);
    assert_ne!(INCIDENT_HTML, ARTICLE_HTML);
    // The page contract's containers.
    for needle in [
        r#"id="summary""#,
        r#"id="columns""#,
        r#"id="disagreements""#,
    ] {
        assert!(html.contains(needle), "incident page lacks {needle}");
    }
    // Deeper paths are not pages: a JSON 404.
    let r = get(a, &format!("/incidents/{}/extra", enc(&id)));
    assert_eq!(r.status, 404);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
}

#[test]
fn pages_hold_the_contract_ids() {
    for (html, ids) in [
        (
            INDEX_HTML,
            &[
                "search", "q", "from", "to", "outlet", "limit", "results", "more",
            ][..],
        ),
        (
            ARTICLE_HTML,
            &["title", "meta", "text", "details", "events", "legend"][..],
        ),
        (INCIDENT_HTML, &["summary", "columns", "disagreements"][..]),
    ] {
        for id in ids {
            assert!(html.contains(&format!(r#"id="{id}""#)), "page lacks #{id}");
        }
    }
    // The legend names every kind the text is marked with.
    for kind in ["place", "actor", "date", "number", "casualty", "source"] {
        assert!(
            ARTICLE_HTML.contains(&format!(r#"class="k-{kind}""#)),
            "legend lacks {kind}"
        );
        assert!(
            APP_CSS.contains(&format!(".k-{kind} {{")),
            "no style for {kind}"
        );
    }
}

#[test]
fn every_id_the_script_looks_up_is_in_a_page() {
    let pages = [INDEX_HTML, ARTICLE_HTML, INCIDENT_HTML];
    let mut seen = 0;
    for part in APP_JS.split("byId(\"").skip(1) {
        let id = &part[..part.find('"').expect("closing quote")];
        seen += 1;
        assert!(
            pages.iter().any(|p| p.contains(&format!(r#"id="{id}""#))),
            "app.js looks up #{id}, which no page has"
        );
    }
    assert!(
        seen > 10,
        "app.js should look elements up with byId: {seen}"
    );
}

#[test]
fn script_uses_no_html_sinks() {
    let a = shared().addr;
    let js = get(a, "/assets/app.js");
    assert_eq!(js.status, 200);
    assert_eq!(js.header("content-security-policy"), Some(CSP));
    let js = js.text();
    assert_eq!(js, APP_JS);
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "setAttribute(\"on",
        "srcdoc",
        "createContextualFragment",
        "DOMParser",
    ] {
        assert!(!js.contains(sink), "app.js uses {sink}");
    }
    // Values go in as text.
    assert!(js.matches("textContent").count() > 5);
    // Links built from data are checked (no javascript: URLs).
    assert!(js.contains("function safeUrl"));
    // The pages signal when they are rendered (browser tests wait for it).
    assert!(js.contains("document.body.dataset.ready = \"1\""));
    let css = get(a, "/assets/app.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    // Offline: the style sheet loads nothing from elsewhere.
    let css = css.text();
    assert!(!css.contains("url(") && !css.contains("@import"));
}

#[test]
fn incident_api_carries_what_the_incident_page_reads() {
    let a = shared().addr;
    let id = hajin_incident(a);
    let v = get(a, &format!("/api/incidents/{}", enc(&id))).json();
    for k in [
        "type",
        "subtypes",
        "date",
        "date_prec",
        "places",
        "where_prec",
        "actors",
        "fatalities",
        "injured",
        "reports",
        "disagreements",
    ] {
        assert!(v.get(k).is_some(), "incident lacks {k}: {v}");
    }
    let reports = v["reports"].as_array().expect("reports");
    let outlets: Vec<&str> = reports
        .iter()
        .filter_map(|r| r["outlet"].as_str())
        .collect();
    assert!(
        outlets.contains(&"عنب بلدي") && outlets.contains(&"الوطن"),
        "{outlets:?}"
    );
    let texts: Vec<String> = fixtures()
        .iter()
        .map(|d| d["text"].as_str().unwrap().to_string())
        .collect();
    for r in reports {
        for k in [
            "article",
            "event_index",
            "subtype",
            "actor1",
            "actor2",
            "certainty",
            "killed",
        ] {
            assert!(r.get(k).is_some(), "report lacks {k}: {r}");
        }
        // Evidence sentences are the article's own words.
        let ev = r["evidence"].as_array().expect("evidence");
        assert!(!ev.is_empty(), "{r}");
        for s in ev {
            let s = s.as_str().expect("evidence sentence text");
            assert!(
                texts.iter().any(|t| t.contains(s)),
                "not from an article: {s}"
            );
        }
    }
    for c in v["fatalities"]["claims"].as_array().expect("claims") {
        assert!(
            c.get("article").is_some() && c.get("source").is_some(),
            "{c}"
        );
    }
}
