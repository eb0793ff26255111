//! The incidents overview page (`/incidents`), its script and the region
//! outline it draws the map on: served with the pages' CSP and the right
//! content types, the outline is valid GeoJSON of the region, and the script
//! builds the page without HTML parsing.

use crate::support;

use serde_json::Value;
use std::sync::OnceLock;
use support::http::{get, Response};
use support::{start, Server};

/// The read-only server shared by these tests.
fn shared() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| start(|_| {}))
}

/// Asserts the pages' policy: own script only, nothing inline.
fn has_csp(r: &Response, what: &str) {
    let csp = r
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"));
    assert!(
        csp.contains("script-src 'self'") && csp.contains("default-src 'none'"),
        "{what}: {csp}"
    );
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
    assert_eq!(
        r.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
}

/// The value of every `attr="…"` in `html`.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let key = format!("{attr}=\"");
    html.match_indices(&key)
        .filter_map(|(i, _)| {
            let rest = &html[i + key.len()..];
            rest.find('"').map(|e| &rest[..e])
        })
        .collect()
}

#[test]
fn page_is_static_rtl_html_under_the_csp() {
    let r = get(shared().addr, "/incidents");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    has_csp(&r, "/incidents");
    let html = r.text();
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(html.contains(r#"data-page="incidents""#));
    let ids = attr_values(&html, "id");
    for id in [
        "filters", "from", "to", "place", "actor", "type", "status", "timeline", "map", "list",
    ] {
        assert!(ids.contains(&id), "no #{id} in the page");
    }
    assert!(html.contains(r#"id="status" role="status""#));
    // Scripts are external and our own: app.js (the display names) before the
    // overview; no inline style (the CSP would block it) and no handler
    // attributes.
    let srcs: Vec<&str> = html
        .split("<script")
        .skip(1)
        .map(|t| &t[..t.find('>').unwrap_or(t.len())])
        .collect();
    assert_eq!(srcs.len(), 3, "{srcs:?}");
    assert!(srcs[0].contains(r#"src="/assets/app.js""#), "{srcs:?}");
    assert!(srcs[1].contains(r#"src="/assets/map.js""#), "{srcs:?}");
    assert!(srcs[2].contains(r#"src="/assets/overview.js""#), "{srcs:?}");
    assert!(!html.contains("<style") && !html.contains(" style="));
    assert!(!html.contains(" onclick=") && !html.contains(" onload="));
    // The same template whatever the data: no incident id or place in it.
    let incidents = get(shared().addr, "/api/incidents").json();
    for inc in incidents["incidents"].as_array().expect("incidents") {
        assert!(!html.contains(inc["id"].as_str().expect("id")));
    }
    assert!(!html.contains("هجين"));
}

#[test]
fn every_page_header_links_to_the_overview() {
    let a = shared().addr;
    for path in ["/", "/articles/hajin-1", "/incidents/any-id", "/incidents"] {
        let html = get(a, path).text();
        let header = html
            .split("<header")
            .nth(1)
            .and_then(|h| h.split("</header>").next())
            .unwrap_or_else(|| panic!("{path}: no <header>"));
        assert!(
            attr_values(header, "href").contains(&"/incidents"),
            "{path}: the header does not link to /incidents"
        );
    }
}

#[test]
fn every_element_the_script_looks_up_is_in_the_page() {
    let html = get(shared().addr, "/incidents").text();
    let js = get(shared().addr, "/assets/overview.js").text();
    let ids = attr_values(&html, "id");
    let mut looked_up = 0;
    for (i, _) in js.match_indices("getElementById(") {
        let arg = &js[i + "getElementById(".len()..];
        let Some(name) = arg.strip_prefix('"').and_then(|a| a.split('"').next()) else {
            continue; // a variable: checked through FILTERS below
        };
        looked_up += 1;
        assert!(
            ids.contains(&name),
            "overview.js looks up #{name}, not in the page"
        );
    }
    assert!(looked_up >= 5, "{looked_up}");
    // The filters the script reads are the form's inputs, with their names.
    for f in ["from", "to", "place", "actor", "type"] {
        assert!(
            js.contains(&format!("\"{f}\"")),
            "overview.js lacks filter {f}"
        );
        assert!(
            html.contains(&format!(r#"id="{f}" name="{f}""#)),
            "the form's #{f} has no name={f}"
        );
    }
}

#[test]
fn script_builds_with_dom_apis_only() {
    let r = get(shared().addr, "/assets/overview.js");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    has_csp(&r, "overview.js");
    // The map is drawn by map.js (served the same way).
    let map = get(shared().addr, "/assets/map.js");
    assert_eq!(map.status, 200);
    has_csp(&map, "map.js");
    let js = r.text() + &map.text();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "setTimeout(\"",
        "DOMParser",
        "createContextualFragment",
    ] {
        assert!(!js.contains(sink), "overview.js uses {sink}");
    }
    for needed in [
        "createElementNS",
        "textContent",
        "/api/incidents",
        "/assets/region.geojson",
        "rect",
        "\"bar",
        "\"land\"",
        "\"incident t-",
        "dataset.ready",
    ] {
        assert!(js.contains(needed), "overview.js lacks {needed}");
    }
}

/// The outline, fetched and parsed.
fn outline() -> Value {
    let r = get(shared().addr, "/assets/region.geojson");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/geo+json"));
    has_csp(&r, "region.geojson");
    assert!(r.body.len() < 300 * 1024, "{} bytes", r.body.len());
    r.json()
}

/// The polygons (rings of [lon, lat]) of a Polygon or MultiPolygon.
fn polygons(geometry: &Value) -> Vec<Vec<Vec<(f64, f64)>>> {
    let ring = |r: &Value| -> Vec<(f64, f64)> {
        r.as_array()
            .expect("ring")
            .iter()
            .map(|p| {
                let p = p.as_array().expect("position");
                assert_eq!(p.len(), 2, "positions are [lon, lat]");
                (p[0].as_f64().expect("lon"), p[1].as_f64().expect("lat"))
            })
            .collect()
    };
    let poly = |p: &Value| -> Vec<Vec<(f64, f64)>> {
        p.as_array().expect("polygon").iter().map(ring).collect()
    };
    match geometry["type"].as_str() {
        Some("Polygon") => vec![poly(&geometry["coordinates"])],
        Some("MultiPolygon") => geometry["coordinates"]
            .as_array()
            .expect("coordinates")
            .iter()
            .map(poly)
            .collect(),
        other => panic!("unexpected geometry {other:?}"),
    }
}

/// Even-odd point in polygon over every ring.
fn contains(polys: &[Vec<Vec<(f64, f64)>>], (x, y): (f64, f64)) -> bool {
    polys.iter().any(|poly| {
        let mut inside = false;
        for ring in poly {
            for w in ring.windows(2) {
                let ((x1, y1), (x2, y2)) = (w[0], w[1]);
                if (y1 > y) != (y2 > y) && x < x1 + (y - y1) * (x2 - x1) / (y2 - y1) {
                    inside = !inside;
                }
            }
        }
        inside
    })
}

/// Twice the signed area of a ring (positive when counter-clockwise).
fn signed_area(ring: &[(f64, f64)]) -> f64 {
    ring.windows(2)
        .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
        .sum()
}

#[test]
fn outline_is_geojson_of_the_region() {
    let doc = outline();
    assert_eq!(doc["type"], "FeatureCollection");
    let features = doc["features"].as_array().expect("features");
    let mut by_name = std::collections::HashMap::new();
    for f in features {
        assert_eq!(f["type"], "Feature");
        let en = f["properties"]["name_en"].as_str().expect("name_en");
        let ar = f["properties"]["name_ar"].as_str().expect("name_ar");
        assert!(
            ar.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)),
            "{en}: Arabic name {ar:?}"
        );
        let polys = polygons(&f["geometry"]);
        assert!(!polys.is_empty(), "{en}: no polygon");
        for poly in &polys {
            for (k, ring) in poly.iter().enumerate() {
                assert!(ring.len() >= 4, "{en}: ring of {} points", ring.len());
                assert_eq!(ring.first(), ring.last(), "{en}: ring not closed");
                for &(lon, lat) in ring {
                    assert!(
                        (20.0..=65.0).contains(&lon) && (10.0..=45.0).contains(&lat),
                        "{en}: ({lon}, {lat}) outside the region"
                    );
                }
                // RFC 7946 winding: exterior counter-clockwise, holes clockwise.
                assert_eq!(signed_area(ring) > 0.0, k == 0, "{en}: ring {k} winding");
            }
        }
        by_name.insert(en.to_string(), polys);
    }
    for country in [
        "Syria",
        "Iraq",
        "Lebanon",
        "Jordan",
        "Israel",
        "Palestine",
        "Turkey",
        "Iran",
        "Saudi Arabia",
        "Kuwait",
        "Egypt",
        "Cyprus",
    ] {
        assert!(by_name.contains_key(country), "no {country} in the outline");
    }
    // The shapes are where they belong (arcs decoded, not scrambled).
    let capitals = [
        ("Syria", (36.29, 33.51)),        // Damascus
        ("Iraq", (44.37, 33.31)),         // Baghdad
        ("Lebanon", (35.90, 33.85)),      // Zahle (Beirut lies on the simplified coast)
        ("Jordan", (35.93, 31.95)),       // Amman
        ("Turkey", (32.85, 39.93)),       // Ankara
        ("Iran", (51.39, 35.69)),         // Tehran
        ("Egypt", (31.24, 30.04)),        // Cairo
        ("Saudi Arabia", (46.72, 24.69)), // Riyadh
    ];
    for (country, point) in capitals {
        assert!(
            contains(&by_name[country], point),
            "{point:?} not in {country}"
        );
        for (other, polys) in &by_name {
            if other != country {
                assert!(!contains(polys, point), "{point:?} also in {other}");
            }
        }
    }
    // The Mediterranean is sea.
    assert!(by_name.values().all(|p| !contains(p, (33.0, 34.0))));
}

#[test]
fn incidents_carry_what_the_page_draws() {
    let a = shared().addr;
    // The page asks for the largest page and passes the type along; an API
    // that does not know `type` must still answer.
    let r = get(a, "/api/incidents?type=battles&limit=1000&offset=0");
    assert_eq!(r.status, 200, "{}", r.text());
    let v = get(a, "/api/incidents?limit=1000&offset=0").json();
    let incidents = v["incidents"].as_array().expect("incidents");
    assert!(!incidents.is_empty());
    let doc = outline();
    let bbox: Vec<f64> = doc["bbox"]
        .as_array()
        .expect("outline bbox")
        .iter()
        .map(|x| x.as_f64().expect("number"))
        .collect();
    let mut located = 0;
    for inc in incidents {
        assert!(inc["id"].is_string() && inc["type"].is_string(), "{inc}");
        assert!(inc["fatalities"].is_object(), "{inc}");
        let first = inc["places"]
            .as_array()
            .expect("places")
            .iter()
            .find(|p| p["lat"].is_f64() && p["lon"].is_f64());
        if let Some(p) = first {
            let (lon, lat) = (p["lon"].as_f64().unwrap(), p["lat"].as_f64().unwrap());
            assert!(
                (bbox[0]..=bbox[2]).contains(&lon) && (bbox[1]..=bbox[3]).contains(&lat),
                "{} at ({lon}, {lat}) is off the map",
                inc["id"]
            );
            located += 1;
        }
    }
    assert!(located >= 2, "{located} located incidents");
}
