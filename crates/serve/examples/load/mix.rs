//! The request mix: a deterministic list of request targets, each tagged with
//! its endpoint, drawn in proportion to how the analyst pages use the API.
//!
//! - `search` (40 %): a place, a place and an event word, event words alone
//!   (thousands of matches), with date and outlet filters, and the pages'
//!   "more" paging (`limit` 20, 40, 60, 100) and `offset` paging;
//! - `incidents` (25 %): lists a page at a time, by place, actor, date range;
//! - `incident` (20 %): one incident by id;
//! - `article` (15 %): one stored record with its text.

use crate::corpus::{Rng, OUTLETS, PLACES};
use std::fmt::Write as _;

/// The endpoints measured, in table order.
pub const CLASSES: &[&str] = &["search", "incidents", "incident", "article"];

/// Targets per endpoint in the list (the mix's weights).
const WEIGHTS: &[usize] = &[400, 250, 200, 150];

/// Event words searched for (with or without a place).
const WORDS: &[&str] = &["قصف", "مدنيا", "اشتباكات", "داعش", "غارات", "عبوة ناسفة"];

/// Percent-encodes a query value or path segment.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// What the targets are drawn from.
pub struct Universe<'a> {
    /// Number of generated articles (ids `gen-0` …).
    pub articles: usize,
    /// Ids of the built incidents.
    pub incident_ids: &'a [String],
    /// Actor codes occurring in incidents.
    pub actors: &'a [String],
}

fn search(r: &mut Rng) -> String {
    let q = match r.below(4) {
        0 => r.pick(PLACES).to_string(),
        1 | 2 => format!("{} {}", r.pick(PLACES), r.pick(WORDS)),
        _ => r.pick(WORDS).to_string(),
    };
    let mut t = format!("/api/search?q={}", enc(&q));
    match r.below(6) {
        0 => {
            let y = 2016 + r.below(3);
            let _ = write!(t, "&from={y}-01-01&to={y}-12-31");
        }
        1 => {
            let _ = write!(t, "&from={}-06-01", 2016 + r.below(3));
        }
        2 => {
            let _ = write!(t, "&outlet={}", enc(r.pick(OUTLETS)));
        }
        _ => {}
    }
    match r.below(8) {
        0..=3 => t.push_str("&limit=20"),
        4 => t.push_str("&limit=40"),
        5 => t.push_str("&limit=100"),
        _ => {
            let _ = write!(t, "&limit=20&offset={}", 20 * (1 + r.below(3)));
        }
    }
    t
}

fn incidents(r: &mut Rng, u: &Universe) -> String {
    let mut t = String::from("/api/incidents?limit=");
    t.push_str(if r.below(4) == 0 { "100" } else { "20" });
    match r.below(5) {
        0 => {
            let _ = write!(t, "&offset={}", 20 * r.below(100));
        }
        1 => {
            let _ = write!(t, "&place={}", enc(r.pick(PLACES)));
        }
        2 if !u.actors.is_empty() => {
            let a = &u.actors[r.below(u.actors.len() as u64) as usize];
            let _ = write!(t, "&actor={}&offset={}", enc(a), 20 * r.below(5));
        }
        3 => {
            let (y, m) = (2016 + r.below(3), 1 + r.below(11));
            let _ = write!(t, "&from={y}-{m:02}-01&to={y}-{:02}-28", m + 1);
        }
        _ => {
            let y = 2016 + r.below(3);
            let _ = write!(t, "&place={}&from={y}-01-01", enc(r.pick(PLACES)));
        }
    }
    t
}

/// The targets as `(endpoint, path and query)`, always the same for the same
/// universe.
pub fn targets(u: &Universe) -> Vec<(&'static str, String)> {
    let mut r = Rng(0x5eed_1234_abcd_0001);
    let mut out = Vec::new();
    for (&class, &n) in CLASSES.iter().zip(WEIGHTS) {
        for _ in 0..n {
            let t = match class {
                "search" => search(&mut r),
                "incidents" => incidents(&mut r, u),
                "incident" if !u.incident_ids.is_empty() => {
                    let i = r.below(u.incident_ids.len() as u64) as usize;
                    format!("/api/incidents/{}", enc(&u.incident_ids[i]))
                }
                "article" if u.articles > 0 => {
                    format!("/api/articles/gen-{}", r.below(u.articles as u64))
                }
                _ => continue,
            };
            out.push((class, t));
        }
    }
    out
}

/// The targets as tab-separated lines (`endpoint\tpath`), for wrk's script.
pub fn to_tsv(targets: &[(&str, String)]) -> String {
    targets.iter().map(|(c, t)| format!("{c}\t{t}\n")).collect()
}
