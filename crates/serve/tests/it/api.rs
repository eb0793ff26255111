//! The HTTP API end to end over loopback: every endpoint, bad parameters,
//! auth on writes, JSON errors, limits, and pages that never carry article
//! text.

use crate::support;

use serde_json::Value;
use std::sync::OnceLock;
use support::http::{enc, get, request, Response};
use support::{start, Server, IMG, SCRIPT, XSS_ID};

const TOKEN: &str = "s3cret-token-for-tests";

/// The read-only server shared by the read tests.
fn shared() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| start(|_| {}))
}

fn is_json(r: &Response) {
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8"),
        "status {} body {}",
        r.status,
        r.text()
    );
}

/// Asserts a JSON error answer with this status and a message, leaking no internals.
fn error(r: &Response, status: u16) -> String {
    assert_eq!(r.status, status, "{}", r.text());
    is_json(r);
    let v = r.json();
    let obj = v.as_object().expect("object");
    assert_eq!(obj.len(), 1, "only `error`: {v}");
    let msg = v["error"].as_str().expect("error message").to_string();
    assert!(!msg.is_empty());
    for leak in ["SELECT", "sqlite", "/tmp", ".db", "panicked", "rusqlite"] {
        assert!(!msg.contains(leak), "error leaks {leak}: {msg}");
    }
    msg
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .expect("array")
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn search_finds_and_filters() {
    let a = shared().addr;
    let r = get(a, &format!("/api/search?q={}", enc("هجين")));
    assert_eq!(r.status, 200, "{}", r.text());
    is_json(&r);
    let v = r.json();
    let found = ids(&v, "hits");
    assert!(
        found.contains(&"hajin-1".to_string()) && found.contains(&"hajin-2".to_string()),
        "{v}"
    );
    assert!(!found.contains(&"raqqa-1".to_string()));
    let h = &v["hits"][0];
    for k in [
        "id",
        "title",
        "outlet",
        "published",
        "score",
        "snippet",
        "marks",
    ] {
        assert!(h.get(k).is_some(), "hit lacks {k}: {h}");
    }
    assert!(h["snippet"].as_str().unwrap().contains("هجين"));
    // Spelling variants and attached prepositions: بالرقه finds الرقة.
    let v = get(a, &format!("/api/search?q={}", enc("بالرقه"))).json();
    assert_eq!(ids(&v, "hits"), vec!["raqqa-1"]);
    // Filters.
    let v = get(a, &format!("/api/search?q={}&from=2018-01-01", enc("داعش"))).json();
    assert_eq!(ids(&v, "hits"), vec![XSS_ID]);
    let v = get(a, &format!("/api/search?q={}&to=2017-12-31", enc("داعش"))).json();
    assert_eq!(ids(&v, "hits"), vec!["raqqa-1"]);
    let v = get(
        a,
        &format!("/api/search?q={}&outlet={}", enc("هجين"), enc("الوطن")),
    )
    .json();
    assert_eq!(ids(&v, "hits"), vec!["hajin-2"]);
    let v = get(a, &format!("/api/search?q={}&limit=1", enc("هجين"))).json();
    assert_eq!(v["count"], 1);
    // FTS syntax is searched as text, never interpreted.
    let r = get(a, &format!("/api/search?q={}", enc("هجين OR NEAR(\"")));
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn search_rejects_bad_parameters() {
    let a = shared().addr;
    let q = enc("هجين");
    error(&get(a, "/api/search"), 400);
    error(&get(a, "/api/search?q="), 400);
    error(&get(a, "/api/search?q=%20%20"), 400);
    error(&get(a, &format!("/api/search?q={}", enc("\"*\" -"))), 400);
    error(&get(a, &format!("/api/search?q={}", "x".repeat(501))), 400);
    let m = error(&get(a, &format!("/api/search?q={q}&limit=0")), 400);
    assert!(m.contains("limit"), "{m}");
    error(&get(a, &format!("/api/search?q={q}&limit=101")), 400);
    error(&get(a, &format!("/api/search?q={q}&limit=ten")), 400);
    error(&get(a, &format!("/api/search?q={q}&limit=-1")), 400);
    let m = error(&get(a, &format!("/api/search?q={q}&from=2018-13-45")), 400);
    assert!(m.contains("from"), "{m}");
    error(&get(a, &format!("/api/search?q={q}&to=yesterday")), 400);
    let m = error(
        &get(
            a,
            &format!("/api/search?q={q}&from=2019-01-01&to=2018-01-01"),
        ),
        400,
    );
    assert!(m.contains("after"), "{m}");
    // A malformed query string (invalid percent-encoded UTF-8).
    error(&get(a, "/api/search?q=%FF%FE"), 400);
}

#[test]
fn search_pages_with_offset() {
    let a = shared().addr;
    let q = enc("هجين");
    let all = ids(
        &get(a, &format!("/api/search?q={q}&limit=100")).json(),
        "hits",
    );
    assert!(all.len() >= 2, "{all:?}");
    let mut paged = Vec::new();
    for offset in 0..all.len() {
        let v = get(a, &format!("/api/search?q={q}&limit=1&offset={offset}")).json();
        assert_eq!(v["count"], 1, "{v}");
        paged.extend(ids(&v, "hits"));
    }
    assert_eq!(paged, all, "pages of one hit follow the full order");
    let v = get(a, &format!("/api/search?q={q}&offset={}", all.len())).json();
    assert_eq!(v["count"], 0);
    error(&get(a, &format!("/api/search?q={q}&offset=-1")), 400);
    let m = error(&get(a, &format!("/api/search?q={q}&offset=1001")), 400);
    assert!(m.contains("offset"), "{m}");
}

#[test]
fn article_has_record_and_original_text() {
    let a = shared().addr;
    let r = get(a, "/api/articles/hajin-1");
    assert_eq!(r.status, 200);
    is_json(&r);
    let v = r.json();
    assert_eq!(v["id"], "hajin-1");
    assert_eq!(v["record"]["id"], "hajin-1");
    let text = v["text"].as_str().unwrap();
    assert!(text.starts_with("قتلى مدنيون في قصف على هجين"));
    // Record spans count chars of the text.
    let places = v["record"]["places"].as_array().unwrap();
    let chars: Vec<char> = text.chars().collect();
    let hajin = places
        .iter()
        .find(|p| p["name"].as_str().is_some_and(|n| n.contains("هجين")))
        .unwrap_or_else(|| panic!("no Hajin place: {places:?}"));
    let s = &hajin["spans"][0];
    let (s, e) = (
        s[0].as_u64().unwrap() as usize,
        s[1].as_u64().unwrap() as usize,
    );
    assert_eq!(chars[s..e].iter().collect::<String>(), "هجين");

    let m = error(&get(a, "/api/articles/no-such-article"), 404);
    assert!(m.contains("article"), "{m}");
    error(&get(a, &format!("/api/articles/{}", "a".repeat(300))), 404);
    error(
        &get(a, &format!("/api/articles/{}", enc("' OR 1=1 --"))),
        404,
    );
}

#[test]
fn article_json_escapes_markup_and_keeps_it_as_text() {
    let a = shared().addr;
    let r = get(a, &format!("/api/articles/{XSS_ID}"));
    assert_eq!(r.status, 200);
    let raw = r.text();
    assert!(
        !raw.contains('<') && !raw.contains('>'),
        "raw markup in JSON: {raw}"
    );
    assert!(raw.contains(r"\u003cscript\u003e"));
    let text = r.json()["text"].as_str().unwrap().to_string();
    assert!(text.contains(SCRIPT) && text.contains(IMG), "{text}");
    // Search snippets too.
    let r = get(a, &format!("/api/search?q={}", enc("البوكمال")));
    assert_eq!(r.status, 200);
    assert!(!r.text().contains('<'));
}

#[test]
fn pages_are_static_rtl_and_never_hold_article_text() {
    let a = shared().addr;
    let article_text = get(a, &format!("/api/articles/{XSS_ID}")).json()["text"]
        .as_str()
        .unwrap()
        .to_string();
    for path in ["/", &format!("/articles/{XSS_ID}"), "/articles/hajin-1"] {
        let r = get(a, path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        let csp = r.header("content-security-policy").expect("CSP");
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        let html = r.text();
        assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{path}");
        assert!(
            !html.contains("alert(1)") && !html.contains("onerror"),
            "{path}"
        );
        assert!(
            !html.contains("البوكمال") && !html.contains("هجين"),
            "{path}"
        );
        // No line of any article's text made it into the page.
        for line in article_text.lines().filter(|l| l.chars().count() > 10) {
            assert!(!html.contains(line), "{path} holds article text");
        }
        // Same template for every id: the page fetches the article as JSON.
        assert!(!html.contains(XSS_ID) && !html.contains("hajin-1"));
        // Scripts are external only (the CSP forbids inline ones).
        for tag in html.split("<script").skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            assert!(
                tag.contains("src=\"/assets/app.js\"") || tag.contains("src=\"/assets/review.js\""),
                "inline script in {path}"
            );
        }
    }
    let js = get(a, "/assets/app.js");
    assert_eq!(js.status, 200);
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let js = js.text();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.contains(sink), "app.js uses {sink}");
    }
    assert!(js.contains("textContent") && js.contains("/api/articles/"));
    assert_eq!(get(a, "/assets/app.css").status, 200);
}

#[test]
fn incidents_list_filter_and_show() {
    let a = shared().addr;
    let r = get(a, "/api/incidents");
    assert_eq!(r.status, 200);
    is_json(&r);
    let v = r.json();
    let total = v["total"].as_u64().unwrap();
    assert!(total >= 2, "{v}");
    let all = ids(&v, "incidents");
    assert_eq!(all.len() as u64, total);
    // Hajin: both reports in one incident.
    let v = get(a, &format!("/api/incidents?place={}", enc("هجين"))).json();
    let hajin = &v["incidents"][0];
    assert!(v["total"].as_u64().unwrap() >= 1, "{v}");
    let articles: Vec<&str> = hajin["reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["article"].as_str())
        .collect();
    assert!(
        articles.contains(&"hajin-1") && articles.contains(&"hajin-2"),
        "{hajin}"
    );
    // Date and actor filters.
    let v = get(a, "/api/incidents?from=2018-01-01").json();
    for inc in v["incidents"].as_array().unwrap() {
        assert!(inc["date"].as_str().unwrap() >= "2018-01-01", "{inc}");
    }
    let v = get(a, "/api/incidents?to=2017-12-31").json();
    assert!(v["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["date"].as_str().unwrap() <= "2017-12-31~"));
    let v = get(a, "/api/incidents?actor=NO_SUCH_ACTOR").json();
    assert_eq!(v["total"], 0);
    let v = get(a, "/api/incidents?limit=1&offset=1").json();
    assert_eq!(v["incidents"].as_array().unwrap().len(), 1);
    assert_eq!(v["incidents"][0]["id"], all[1].as_str());
    // Bad parameters.
    error(&get(a, "/api/incidents?from=2018-02-30"), 400);
    error(&get(a, "/api/incidents?from=2019-01-01&to=2018-01-01"), 400);
    error(&get(a, "/api/incidents?limit=0"), 400);
    error(&get(a, "/api/incidents?limit=1001"), 400);
    error(&get(a, "/api/incidents?offset=x"), 400);
    // One incident.
    let id = hajin["id"].as_str().unwrap();
    let r = get(a, &format!("/api/incidents/{}", enc(id)));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["id"], id);
    error(&get(a, "/api/incidents/no-such-incident"), 404);
}

#[test]
fn timeline_and_outlets() {
    let a = shared().addr;
    let r = get(a, &format!("/api/timeline/{}", enc("هجين")));
    assert_eq!(r.status, 200);
    is_json(&r);
    let v = r.json();
    assert_eq!(v["place"], "هجين");
    let entries = v["incidents"].as_array().unwrap();
    assert!(!entries.is_empty(), "{v}");
    let outlets = entries[0]["outlets"].as_array().unwrap();
    assert!(outlets.len() >= 2, "two outlets reported Hajin: {v}");
    let dates: Vec<&str> = entries.iter().filter_map(|e| e["date"].as_str()).collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "date order: {dates:?}"
    );
    // Unknown place: empty, not an error.
    let v = get(a, &format!("/api/timeline/{}", enc("مكان غير موجود"))).json();
    assert_eq!(v["incidents"].as_array().unwrap().len(), 0);

    let r = get(a, "/api/outlets");
    assert_eq!(r.status, 200);
    is_json(&r);
    let v = r.json();
    let list = v["outlets"].as_array().unwrap();
    let articles: u64 = list.iter().map(|o| o["articles"].as_u64().unwrap()).sum();
    assert_eq!(articles, 4, "{v}");
    assert!(list.iter().any(|o| o["outlet"] == "الوطن"));
}

#[test]
fn openapi_describes_every_endpoint() {
    let r = get(shared().addr, "/api/openapi.json");
    assert_eq!(r.status, 200);
    is_json(&r);
    let v = r.json();
    assert_eq!(v["openapi"], "3.1.0");
    for p in [
        "/api/search",
        "/api/articles",
        "/api/articles/{id}",
        "/api/incidents",
        "/api/incidents/{id}",
        "/api/timeline/{place}",
        "/api/outlets",
        "/api/review",
        "/api/openapi.json",
    ] {
        assert!(v["paths"].get(p).is_some(), "openapi lacks {p}");
    }
}

#[test]
fn unknown_paths_and_methods_are_json_errors() {
    let a = shared().addr;
    error(&get(a, "/api/nope"), 404);
    error(&get(a, "/etc/passwd"), 404);
    error(
        &request(a, "POST", "/api/search?q=x", &[], b"").unwrap(),
        405,
    );
    error(
        &request(a, "DELETE", "/api/articles/hajin-1", &[], b"").unwrap(),
        405,
    );
    // No token configured: writes do not exist.
    let r = request(
        a,
        "POST",
        "/api/articles",
        &[("Authorization", "Bearer anything")],
        b"{\"id\":\"x\",\"text\":\"y\"}\n",
    )
    .unwrap();
    assert!(r.status == 404 || r.status == 405, "{}", r.status);
    is_json(&r);
    // No CORS unless configured.
    let r = request(
        a,
        "GET",
        "/api/outlets",
        &[("Origin", "https://evil.example")],
        b"",
    )
    .unwrap();
    assert_eq!(r.status, 200);
    assert!(r.header("access-control-allow-origin").is_none());
}

#[test]
fn posting_articles_needs_the_token_and_rebuilds_incidents() {
    let s = start(|c| {
        c.token = Some(TOKEN.into());
        c.body_limit = 64 * 1024;
    });
    let a = s.addr;
    let line = serde_json::json!({
        "id": "manbij-1", "outlet": "عنب بلدي", "published": "2018-12-20",
        "text": "انفجار في منبج\n\nقتل ثلاثة مدنيين بانفجار عبوة ناسفة في مدينة منبج بريف حلب الشرقي يوم الخميس 20 كانون الأول 2018."
    })
    .to_string()
        + "\n";
    let auth = format!("Bearer {TOKEN}");
    // No or wrong token: 401, nothing stored.
    let r = request(a, "POST", "/api/articles", &[], line.as_bytes()).unwrap();
    error(&r, 401);
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    error(
        &request(
            a,
            "POST",
            "/api/articles",
            &[("Authorization", "Bearer wrong")],
            line.as_bytes(),
        )
        .unwrap(),
        401,
    );
    error(
        &request(
            a,
            "POST",
            "/api/articles",
            &[("Authorization", TOKEN)],
            line.as_bytes(),
        )
        .unwrap(),
        401,
    );
    let before = get(a, "/api/incidents").json()["total"].as_u64().unwrap();
    assert_eq!(
        get(a, &format!("/api/search?q={}", enc("منبج"))).json()["count"],
        0
    );
    // With the token.
    let r = request(
        a,
        "POST",
        "/api/articles",
        &[("Authorization", &auth)],
        line.as_bytes(),
    )
    .unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    is_json(&r);
    let v = r.json();
    assert_eq!(
        (
            v["read"].as_u64(),
            v["new"].as_u64(),
            v["duplicate"].as_u64()
        ),
        (Some(1), Some(1), Some(0)),
        "{v}"
    );
    let v = get(a, &format!("/api/search?q={}", enc("منبج"))).json();
    assert_eq!(ids(&v, "hits"), vec!["manbij-1"]);
    assert_eq!(get(a, "/api/articles/manbij-1").status, 200);
    let after = get(a, "/api/incidents").json()["total"].as_u64().unwrap();
    assert!(after > before, "incidents rebuilt: {before} → {after}");
    // Again: a duplicate.
    let v = request(
        a,
        "POST",
        "/api/articles",
        &[("Authorization", &auth)],
        line.as_bytes(),
    )
    .unwrap()
    .json();
    assert_eq!(v["duplicate"], 1, "{v}");
    // A bad line is a failure, the others go on.
    let mixed = format!(
        "not json\n{}\n",
        serde_json::json!({"id": "empty", "text": ""})
    );
    let r = request(
        a,
        "POST",
        "/api/articles",
        &[("Authorization", &auth)],
        mixed.as_bytes(),
    )
    .unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["new"], 0);
    assert_eq!(v["failed"].as_array().unwrap().len(), 2, "{v}");
    // Empty body; too large a body.
    error(
        &request(a, "POST", "/api/articles", &[("Authorization", &auth)], b"").unwrap(),
        400,
    );
    let big = vec![b'x'; 65 * 1024];
    error(
        &request(
            a,
            "POST",
            "/api/articles",
            &[("Authorization", &auth)],
            &big,
        )
        .unwrap(),
        413,
    );
}

/// The same text posted from another outlet is stored as a copy of the
/// first (named in the answer and in the article), and the incident lists
/// both outlets; from the same outlet again it is a duplicate.
#[test]
fn the_same_text_from_another_outlet_is_posted_as_a_copy() {
    let s = start(|c| c.token = Some(TOKEN.into()));
    let a = s.addr;
    let text =
        "قتل أربعة مدنيين بقصف مدفعي على بلدة الهبيط في ريف إدلب الجنوبي يوم الثلاثاء 14 أيار 2019.";
    let post = |id: &str, outlet: &str| {
        let line = serde_json::json!({"id": id, "outlet": outlet, "published": "2019-05-14", "text": text});
        let auth = format!("Bearer {TOKEN}");
        let r = request(
            a,
            "POST",
            "/api/articles",
            &[("Authorization", &auth)],
            format!("{line}\n").as_bytes(),
        )
        .unwrap();
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()
    };
    let v = post("hbeit-1", "عنب بلدي");
    assert_eq!(
        (v["new"].as_u64(), v["copies"].as_array().map(Vec::len)),
        (Some(1), Some(0)),
        "{v}"
    );
    let v = post("hbeit-2", "سمارت");
    assert_eq!(
        (v["new"].as_u64(), v["duplicate"].as_u64()),
        (Some(1), Some(0)),
        "{v}"
    );
    assert_eq!(v["copies"][0]["id"], "hbeit-2", "{v}");
    assert_eq!(v["copies"][0]["copy_of"], "hbeit-1", "{v}");
    let v = post("hbeit-3", "عنب بلدي");
    assert_eq!(
        (v["new"].as_u64(), v["duplicate"].as_u64()),
        (Some(0), Some(1)),
        "{v}"
    );
    assert_eq!(get(a, "/api/articles/hbeit-2").json()["copy_of"], "hbeit-1");
    assert!(get(a, "/api/articles/hbeit-1").json()["copy_of"].is_null());
    error(&get(a, "/api/articles/hbeit-3"), 404);
    let v = get(a, "/api/incidents?limit=1000").json();
    let inc = v["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["reports"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["article"] == "hbeit-1")
        })
        .unwrap_or_else(|| panic!("no incident holds hbeit-1: {v}"));
    let outlets: Vec<(&str, Option<&str>)> = inc["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["outlet"].as_str().unwrap_or(""), r["copy_of"].as_str()))
        .collect();
    assert!(outlets.contains(&("عنب بلدي", None)), "{inc}");
    assert!(outlets.contains(&("سمارت", Some("hbeit-1"))), "{inc}");
}

#[test]
fn rate_limit_answers_429() {
    let s = start(|c| {
        c.rate_per_sec = Some(0.01);
        c.burst = 3;
    });
    for _ in 0..3 {
        assert_eq!(get(s.addr, "/api/outlets").status, 200);
    }
    let r = get(s.addr, "/api/outlets");
    error(&r, 429);
    assert_eq!(r.header("retry-after"), Some("1"));
}

#[test]
fn cors_only_for_the_configured_origin() {
    let s = start(|c| c.cors = Some("https://analysts.example".into()));
    let r = request(
        s.addr,
        "GET",
        "/api/outlets",
        &[("Origin", "https://analysts.example")],
        b"",
    )
    .unwrap();
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://analysts.example")
    );
    // Another origin is never echoed back (the browser then refuses the answer).
    let r = request(
        s.addr,
        "GET",
        "/api/outlets",
        &[("Origin", "https://evil.example")],
        b"",
    )
    .unwrap();
    assert_ne!(
        r.header("access-control-allow-origin"),
        Some("https://evil.example")
    );
    assert_ne!(r.header("access-control-allow-origin"), Some("*"));
}

/// A server whose connections must send headers within one second and of
/// which one address may hold three.
fn strict() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(|| {
        start(|c| {
            c.conn_limits.header_timeout = std::time::Duration::from_secs(1);
            c.conn_limits.max_per_address = 3;
        })
    })
}

/// Waits until the server closes `s` (end of stream or reset); the time it took.
fn closed_after(mut s: std::net::TcpStream) -> std::time::Duration {
    use std::io::Read;
    let t = std::time::Instant::now();
    s.set_read_timeout(Some(std::time::Duration::from_secs(8)))
        .unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return t.elapsed(),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return t.elapsed(),
            Err(e) => panic!("still open after {:?}: {e}", t.elapsed()),
        }
    }
}

#[test]
fn silent_slow_and_idle_connections_are_closed() {
    use std::io::Write;
    let addr = strict().addr;
    let silent = std::net::TcpStream::connect(addr).unwrap();
    assert!(closed_after(silent) < std::time::Duration::from_secs(4));
    // Slowloris: a header line every 300 ms, never the blank line.
    let mut slow = std::net::TcpStream::connect(addr).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    let t = std::time::Instant::now();
    let mut writes = 0;
    while slow.write_all(b"X-A: b\r\n").is_ok() && writes < 30 {
        writes += 1;
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    assert!(
        t.elapsed() < std::time::Duration::from_secs(5),
        "{writes} writes"
    );
    // Idle keep-alive after one answered request.
    let mut idle = std::net::TcpStream::connect(addr).unwrap();
    write!(idle, "GET /api/outlets HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert!(closed_after(idle) < std::time::Duration::from_secs(5));
}

#[test]
fn one_address_cannot_hold_every_connection() {
    let addr = strict().addr;
    // Three idle connections from 127.0.0.1 fill its share; a fourth is
    // closed at once, while a client on another loopback address is served.
    let held: Vec<_> = (0..3)
        .map(|_| std::net::TcpStream::connect(addr).unwrap())
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let extra = std::net::TcpStream::connect(addr).unwrap();
    assert!(closed_after(extra) < std::time::Duration::from_millis(900));
    let other = other_loopback_get(addr, "/api/outlets");
    assert!(other.starts_with("HTTP/1.1 200"), "{other}");
    drop(held);
}

#[test]
fn connections_over_the_overall_cap_are_closed_and_slots_come_back() {
    let s = start(|c| {
        c.conn_limits.header_timeout = std::time::Duration::from_secs(1);
        c.conn_limits.max_connections = 3;
        c.conn_limits.max_per_address = 64;
    });
    // Three idle connections take every slot: a fourth, even from another
    // address, is closed at once.
    let held: Vec<_> = (0..3)
        .map(|_| std::net::TcpStream::connect(s.addr).unwrap())
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let extra = std::net::TcpStream::connect(s.addr).unwrap();
    assert!(closed_after(extra) < std::time::Duration::from_millis(900));
    // The header timeout closes the idle ones and their slots serve again.
    for h in held {
        assert!(closed_after(h) < std::time::Duration::from_secs(4));
    }
    let other = other_loopback_get(s.addr, "/api/outlets");
    assert!(other.starts_with("HTTP/1.1 200"), "{other}");
}

/// A GET from 127.0.0.2 (another client address on the loopback network).
fn other_loopback_get(addr: std::net::SocketAddr, path: &str) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let stream = rt.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
        socket.connect(addr).await.unwrap()
    });
    let mut s = stream.into_std().unwrap();
    s.set_nonblocking(false).unwrap();
    use std::io::{Read, Write};
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// A post that takes longer than the read timeout once answered 503 and was
/// stored anyway. Its answer now waits for the commit and says what was
/// stored.
#[test]
fn a_slow_post_answers_what_it_stored() {
    let s = start(|c| {
        c.token = Some(TOKEN.into());
        c.timeout = std::time::Duration::from_millis(1);
    });
    let lines: String = (0..20)
        .map(|i| {
            serde_json::json!({
                "id": format!("slow-{i}"), "published": "2018-12-20",
                "text": format!("انفجار في منبج\n\nقتل {} مدنيين بانفجار عبوة ناسفة في مدينة منبج يوم الخميس.", i + 3)
            })
            .to_string()
                + "\n"
        })
        .collect();
    let auth = format!("Bearer {TOKEN}");
    let r = request(
        s.addr,
        "POST",
        "/api/articles",
        &[("Authorization", &auth)],
        lines.as_bytes(),
    )
    .unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["new"].as_u64(), Some(20), "{}", r.text());
}

#[test]
fn review_needs_the_token_and_changes_what_the_api_serves() {
    let s = start(|c| c.token = Some(TOKEN.into()));
    let a = s.addr;
    let list = get(a, "/api/incidents").json();
    let id = list["incidents"][0]["id"]
        .as_str()
        .expect("an incident")
        .to_string();
    let body = serde_json::json!({
        "reviewer": "amal", "note": "checked against the hospital list",
        "op": "set", "id": id, "changes": ["fatalities=23"]
    })
    .to_string();
    let json = ("Content-Type", "application/json");
    // Without the token: 401, nothing written.
    error(
        &request(a, "POST", "/api/review", &[json], body.as_bytes()).unwrap(),
        401,
    );
    assert_eq!(get(a, "/api/review").json(), serde_json::json!([]));
    let auth = format!("Bearer {TOKEN}");
    let post = |body: &str| {
        request(
            a,
            "POST",
            "/api/review",
            &[json, ("Authorization", &auth)],
            body.as_bytes(),
        )
        .unwrap()
    };
    // A wrong field or an unknown incident: 400, nothing written.
    let bad = body.replace("fatalities=23", "toll=23");
    assert!(error(&post(&bad), 400).contains("not a field"));
    let unknown = body.replace(&id, "inc-000000000000");
    assert!(error(&post(&unknown), 400).contains("no incident"));
    assert_eq!(get(a, "/api/review").json(), serde_json::json!([]));
    // Set, then mark reviewed.
    let r = post(&body);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()[0]["new"], "23");
    let mark = serde_json::json!({"reviewer": "amal", "op": "mark", "id": id, "mark": "reviewed"})
        .to_string();
    assert_eq!(post(&mark).status, 200);
    let inc = get(a, &format!("/api/incidents/{id}")).json();
    assert_eq!(inc["fatalities"]["best"], 23.0, "{inc}");
    assert_eq!(inc["reviewed"], true);
    assert_eq!(inc["corrections"][0]["reviewer"], "amal");
    let log = get(a, "/api/review").json();
    assert_eq!(log.as_array().unwrap().len(), 2, "{log}");
    assert_eq!(log[0]["note"], "checked against the hospital list");
}

/// Articles another process ingests (and links) show in the next incident
/// request, without a restart; the server never rebuilt anything to see them.
#[test]
fn incidents_written_by_another_process_show_on_the_next_request() {
    let server = support::start(|_| {});
    let a = server.addr;
    let before = get(a, "/api/incidents").json()["total"].as_u64().unwrap();
    let line = serde_json::json!({
        "id": "mayadin-1", "outlet": "الوطن", "published": "2018-09-03",
        "title": "انفجار في الميادين",
        "text": "انفجار في الميادين\n\nقتل سبعة مدنيين يوم الاثنين 3 أيلول 2018 في انفجار سيارة مفخخة وسط مدينة الميادين بريف دير الزور، وفق مصادر محلية."
    });
    support::ingest(&server.db(), &format!("{line}\n"));
    let mut store = rasad_store::Store::open(server.db()).unwrap();
    rasad_incidents::persist::catch_up(&mut store).unwrap();
    let v = get(a, "/api/incidents").json();
    assert!(v["total"].as_u64().unwrap() > before, "{v}");
    let shown = v["incidents"].as_array().unwrap().iter().any(|i| {
        i["reports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["article"] == "mayadin-1")
    });
    assert!(shown, "{v}");
}
