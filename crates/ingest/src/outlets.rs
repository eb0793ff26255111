//! The outlet list (`data/outlets/outlets.tsv`): canonical short names of
//! Arabic-language news outlets with their spellings, Latin names and domains.

use crate::lexicon::{match_key, META};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// One outlet of the bundled list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlet {
    /// The short Arabic name the outlet is cited by (`عنب بلدي`).
    pub name: String,
    /// ISO country code of its seat.
    pub country: String,
    /// Its side in the conflicts it covers (`loyalist`, `opposition`, `kurdish`, …).
    pub side: String,
    /// Every name it is written by (canonical name, spellings, Latin names),
    /// folded for search with [`crate::lexicon::fold`]; domains excluded.
    pub names: Vec<String>,
}

struct Index {
    outlets: Vec<Outlet>,
    by_key: FxHashMap<String, usize>,
    /// Host names (`skynewsarabia.com`) and host/section paths
    /// (`bbc.co.uk/arabic`), without `www.`.
    by_domain: FxHashMap<String, usize>,
}

/// True for a variant that is a web address (`aawsat.com`, `bbc.co.uk/arabic`).
fn is_domain(v: &str) -> bool {
    v.is_ascii() && v.contains('.') && !v.contains(' ')
}

fn compact(key: &str) -> String {
    key.chars().filter(|c| *c != ' ').collect()
}

/// The key without leading outlet-kind words (`صحيفة الوطن` → `الوطن`).
/// Trailing ones (`أونلاين`, `نيوز`) stay: `المصدر أونلاين` is not `المصدر`.
fn strip_leading_kind(key: &str) -> String {
    let toks: Vec<&str> = key.split(' ').collect();
    let a = toks
        .iter()
        .take_while(|t| META.outlet_type_words.contains(**t))
        .count();
    toks[a..].join(" ")
}

/// The key with outlet-kind words (`موقع`, `صحيفة`, `الإخباري`, `news`) removed.
fn strip_kind(key: &str) -> String {
    let toks: Vec<&str> = key.split(' ').collect();
    let mut a = 0;
    let mut b = toks.len();
    while a < b && META.outlet_type_words.contains(toks[a]) {
        a += 1;
    }
    while b > a && META.outlet_type_words.contains(toks[b - 1]) {
        b -= 1;
    }
    toks[a..b].join(" ")
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut outlets = Vec::new();
    let mut by_key = FxHashMap::default();
    let mut by_domain = FxHashMap::default();
    let mut stripped = Vec::new();
    for line in include_str!("../../../data/outlets/outlets.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(name), Some(variants)) = (cols.first(), cols.get(1)) else {
            continue;
        };
        let idx = outlets.len();
        let mut names = Vec::new();
        for v in std::iter::once(*name).chain(variants.split('|')) {
            let v = v.trim();
            if is_domain(v) {
                let d = v.to_ascii_lowercase();
                by_domain
                    .entry(d.trim_start_matches("www.").to_string())
                    .or_insert(idx);
            } else {
                let f = crate::lexicon::fold(v);
                if !f.is_empty() && !names.contains(&f) {
                    names.push(f);
                }
            }
        }
        outlets.push(Outlet {
            name: name.trim().to_string(),
            country: cols.get(2).unwrap_or(&"").trim().to_string(),
            side: cols.get(3).unwrap_or(&"").trim().to_string(),
            names,
        });
        for v in std::iter::once(*name).chain(variants.split('|')) {
            let k = match_key(v);
            if k.is_empty() {
                continue;
            }
            by_key.entry(compact(&k)).or_insert(idx);
            stripped.push((strip_leading_kind(&k), idx));
        }
    }
    // «تلفزيون سوريا» without its kind word is a country, not the outlet:
    // a stripped name that is a section label (a country, a region) is skipped
    for (k, idx) in stripped {
        if !k.is_empty() && !crate::lexicon::CHROME.section_labels.contains(&k) {
            by_key.entry(compact(&k)).or_insert(idx);
        }
    }
    Index {
        outlets,
        by_key,
        by_domain,
    }
});

/// The outlet whose web address `url` is (`https://www.alyaum.com/article/1`
/// → `اليوم`): its host, or host and first path segment
/// (`bbc.co.uk/arabic`), or a parent domain of the host (`arabic.cnn.com`
/// under `cnn.com` when only that is listed).
pub fn by_url(url: &str) -> Option<&'static Outlet> {
    let rest = url.trim();
    let rest = rest.split_once("://").map_or(rest, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mut host = host.trim_start_matches("www.").trim_end_matches('.');
    let segment = path
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !segment.is_empty() {
        if let Some(i) = INDEX.by_domain.get(&format!("{host}/{segment}")) {
            return INDEX.outlets.get(*i);
        }
    }
    loop {
        if let Some(i) = INDEX.by_domain.get(host) {
            return INDEX.outlets.get(*i);
        }
        match host.split_once('.') {
            // keep at least a name and a suffix (`cnn.com`, not `com`)
            Some((_, parent)) if parent.contains('.') => host = parent,
            _ => return None,
        }
    }
}

/// Looks a name up in the outlet list, ignoring spelling variation, spaces,
/// punctuation and kind words (`موقع بيلست الاخباري` → `بيلست`).
pub fn lookup(name: &str) -> Option<&'static Outlet> {
    let k = match_key(name);
    if k.is_empty() {
        return None;
    }
    let idx = INDEX
        .by_key
        .get(&compact(&k))
        .or_else(|| INDEX.by_key.get(&compact(&strip_kind(&k))))?;
    INDEX.outlets.get(*idx)
}

/// The canonical name for an outlet as written, or the written name (without
/// kind words) when it is not in the list.
pub fn canonical(name: &str) -> String {
    match lookup(name) {
        Some(o) => o.name.clone(),
        None => name.trim().to_string(),
    }
}

/// Number of outlets in the bundled list.
pub fn count() -> usize {
    INDEX.outlets.len()
}

/// True for the generic "sources" that are not an outlet (`وكالات`, `متابعات`).
pub fn is_generic_source(name: &str) -> bool {
    let k = match_key(name);
    META.generic_sources.contains(&k) || k.split(' ').all(|t| META.generic_sources.contains(t))
}

/// The key with outlet-kind words removed, exposed for the metadata finder.
pub(crate) fn without_kind_words(key: &str) -> String {
    strip_kind(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_large_and_well_formed() {
        assert!(count() >= 150, "{}", count());
        let text = include_str!("../../../data/outlets/outlets.tsv");
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            assert_eq!(line.split('\t').count(), 5, "line {}: {line}", n + 1);
        }
    }

    #[test]
    fn lookups() {
        for (written, want) in [
            ("سكاي نيوز عربية", Some("سكاي نيوز عربية")),
            ("موقع بيلست الاخباري", Some("بيلست")),
            ("pelest news", Some("بيلست")),
            ("ستيب الإخبارية", Some("ستيب")),
            ("وكالة ستيب", Some("ستيب")),
            ("enabbaladi.net", Some("عنب بلدي")),
            ("Enab Baladi", Some("عنب بلدي")),
            ("اخبار الان", Some("أخبار الآن")),
            ("رووداو", Some("روداو")),
            ("قناة الجزيرة", Some("الجزيرة")),
            ("تلفزيون سوريا", Some("تلفزيون سوريا")),
            ("سوريا", None),
            ("العراق", None),
            ("وكالات", None),
            ("المصدر", None),
            ("الفرات", None),
            ("مدينة حلب", None),
            ("", None),
        ] {
            assert_eq!(lookup(written).map(|o| o.name.as_str()), want, "{written}");
        }
        assert_eq!(canonical("غير معروف"), "غير معروف");
        assert!(is_generic_source("وكالات"));
        assert!(is_generic_source("مواقع التواصل"));
        assert!(!is_generic_source("الجزيرة"));
    }
}
