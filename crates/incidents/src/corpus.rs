//! Incidents of a whole collection of records: building them, filtering them,
//! and per-outlet statistics. Shared by `rasad incidents`/`outlets` and
//! `rasad serve`.

use crate::neardup::NearDuplicates;
use crate::place::name_key;
use crate::review::{self, Correction, Unresolved};
use crate::{reports, Incident, IncidentBuilder, Report, Settings};
use rasad_record::Document;
use serde::Serialize;
use std::collections::BTreeMap;

/// Per-outlet statistics.
#[derive(Debug, Clone, Serialize, Default)]
pub struct OutletStats {
    pub outlet: String,
    pub articles: usize,
    pub incidents: usize,
    /// Actor code → the terms this outlet uses for it.
    pub terms: BTreeMap<String, Vec<String>>,
    /// How often its killed count is above / equal to / below the others' median.
    pub counts_above: usize,
    pub counts_equal: usize,
    pub counts_below: usize,
}

/// Incident filters (dates inclusive; a place matches itself or what lies in it).
#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub from: Option<jiff::civil::Date>,
    pub to: Option<jiff::civil::Date>,
    pub place: Option<String>,
    pub actor: Option<String>,
}

/// Estimated Jaccard similarity of two bodies from which the later one is a
/// syndicated copy of the earlier (light edits of one wire text).
pub const COPY_SIMILARITY: f64 = 0.8;

/// Builds the incidents of a set of extraction records (each with its text):
/// near-duplicates are found in (published, id) order so that the original of
/// a syndicated story is the earliest whatever the ingest order.
pub fn build(docs: &[(Document, String)]) -> Vec<Incident> {
    build_with_reports(docs).0
}

/// [`build`], also returning every report the incidents were built from.
pub fn build_with_reports(docs: &[(Document, String)]) -> (Vec<Incident>, Vec<Report>) {
    let mut order: Vec<&(Document, String)> = docs.iter().collect();
    order.sort_by(|a, b| {
        let p = |d: &Document| d.published.as_ref().and_then(|t| t.value.clone());
        p(&a.0).cmp(&p(&b.0)).then_with(|| a.0.id.cmp(&b.0.id))
    });
    let mut copies = NearDuplicates::new(COPY_SIMILARITY);
    let mut b = IncidentBuilder::new(Settings::default());
    let mut all = Vec::new();
    for (doc, text) in order {
        let copy_of = copies.add(&doc.id, &doc.body);
        b.add_article(crate::ArticleInfo::from_document(doc));
        for mut r in reports(doc, text) {
            r.copy_of = copy_of.clone();
            all.push(r.clone());
            b.add(r);
        }
    }
    (b.incidents(), all)
}

/// [`build`] with analysts' corrections applied on top (see [`crate::review`]);
/// also returns the corrections whose event is no longer found.
pub fn build_reviewed(
    docs: &[(Document, String)],
    corrections: &[Correction],
) -> (Vec<Incident>, Vec<Unresolved>) {
    let (incidents, all) = build_with_reports(docs);
    if corrections.is_empty() {
        return (incidents, Vec::new());
    }
    review::apply(incidents, &all, corrections)
}

/// True when the incident is at `place` (or inside it), any spelling, with
/// proclitics (`بإدلب`) or by its English name (`Idlib`): see
/// [`crate::place::place_keys`].
pub fn at_place(inc: &Incident, place: &str) -> bool {
    thread_local! {
        /// The last query's keys: one query is checked against every incident.
        static LAST: std::cell::RefCell<(String, Vec<String>)> = Default::default();
    }
    LAST.with(|cell| {
        let mut last = cell.borrow_mut();
        if last.1.is_empty() || last.0 != place {
            *last = (place.to_string(), crate::place::place_keys(place));
        }
        at_keys(inc, &last.1)
    })
}

/// True when one of the incident's places or its admin1 has one of `keys`.
pub fn at_keys(inc: &Incident, keys: &[String]) -> bool {
    inc.places.iter().any(|p| {
        keys.contains(&name_key(&p.name))
            || p.admin1
                .as_deref()
                .is_some_and(|a| keys.contains(&name_key(a)))
    })
}

/// True when the incident passes the filters.
pub fn keep(inc: &Incident, f: &Filters) -> bool {
    let day = inc.date.as_deref().unwrap_or("");
    let day10 = day.get(..day.len().min(10)).unwrap_or(day);
    f.from
        .is_none_or(|d| !day.is_empty() && day >= d.to_string().as_str())
        && f.to
            .is_none_or(|d| !day.is_empty() && day10 <= d.to_string().as_str())
        && f.place.as_deref().is_none_or(|p| at_place(inc, p))
        && f.actor
            .as_deref()
            .is_none_or(|a| inc.actors.iter().any(|x| x.id == a))
}

/// Per outlet: articles, incidents covered, the terms it uses for each actor,
/// and how often its killed counts sit above, at or below the others' median.
pub fn outlet_stats(docs: &[(Document, String)], incidents: &[Incident]) -> Vec<OutletStats> {
    let mut articles: BTreeMap<Option<String>, usize> = BTreeMap::new();
    let mut terms: Vec<(String, String, String)> = Vec::new();
    for (doc, _) in docs {
        *articles.entry(doc.outlet.clone()).or_default() += 1;
        for a in &doc.actors {
            for term in &a.terms {
                terms.push((outlet_name(&doc.outlet), a.id.clone(), term.clone()));
            }
        }
    }
    let articles: Vec<(Option<String>, usize)> = articles.into_iter().collect();
    outlet_stats_from(&articles, &terms, incidents)
}

/// The name statistics give an outlet (`(unknown)` when none is known).
fn outlet_name(o: &Option<String>) -> String {
    o.clone().unwrap_or_else(|| "(unknown)".into())
}

/// [`outlet_stats`] from article counts per outlet and (outlet, actor,
/// term) triples in the order they were first used.
pub fn outlet_stats_from(
    articles: &[(Option<String>, usize)],
    terms: &[(String, String, String)],
    incidents: &[Incident],
) -> Vec<OutletStats> {
    let mut stats: BTreeMap<String, OutletStats> = BTreeMap::new();
    let name = outlet_name;
    for (o, n) in articles {
        stats.entry(name(o)).or_default().articles += n;
    }
    for (o, actor, term) in terms {
        let t = stats
            .entry(o.clone())
            .or_default()
            .terms
            .entry(actor.clone())
            .or_default();
        if !t.contains(term) {
            t.push(term.clone());
        }
    }
    for inc in incidents {
        let mut seen: Vec<String> = inc.reports.iter().map(|r| name(&r.outlet)).collect();
        seen.sort();
        seen.dedup();
        for o in &seen {
            stats.entry(o.clone()).or_default().incidents += 1;
        }
        let claims: Vec<(String, f64)> = inc
            .fatalities
            .claims
            .iter()
            .filter_map(|c| c.count.best.map(|b| (name(&c.outlet), b)))
            .collect();
        for (o, v) in &claims {
            let mut others: Vec<f64> = claims
                .iter()
                .filter(|(p, _)| p != o)
                .map(|(_, x)| *x)
                .collect();
            if others.is_empty() {
                continue;
            }
            others.sort_by(f64::total_cmp);
            let median = others[(others.len() - 1) / 2];
            let s = stats.entry(o.clone()).or_default();
            match v.total_cmp(&median) {
                std::cmp::Ordering::Greater => s.counts_above += 1,
                std::cmp::Ordering::Equal => s.counts_equal += 1,
                std::cmp::Ordering::Less => s.counts_below += 1,
            }
        }
    }
    stats
        .into_iter()
        .map(|(outlet, mut s)| {
            s.outlet = outlet;
            s
        })
        .collect()
}

/// Which incidents each article reports: `main` gives each article its main
/// incident, `any` every incident it has a report in.
#[derive(Debug, Clone, Default)]
pub struct ArticleIncidents {
    pub main: BTreeMap<String, String>,
    pub any: BTreeMap<String, std::collections::BTreeSet<String>>,
}

/// Each article's incidents. An article's main incident is the one holding
/// its main report (the lead event of its story, `ReportRef::main`), or an
/// incident that lists it among its story's articles without an event; an
/// article with neither is counted in its incident with the most articles
/// (then its earliest event).
pub fn article_incidents(incidents: &[Incident]) -> ArticleIncidents {
    let mut out = ArticleIncidents::default();
    // article → (is main, articles in the incident, -event index, incident id)
    type Choice = (bool, usize, std::cmp::Reverse<usize>, String);
    let mut best: BTreeMap<String, Choice> = BTreeMap::new();
    for inc in incidents {
        let mut arts: Vec<&str> = inc.reports.iter().map(|r| r.article.as_str()).collect();
        arts.extend(inc.story_articles.iter().map(|s| s.article.as_str()));
        arts.sort();
        arts.dedup();
        let mut consider = |article: &str, main: bool, index: usize| {
            out.any
                .entry(article.to_string())
                .or_default()
                .insert(inc.id.clone());
            let c: Choice = (main, arts.len(), std::cmp::Reverse(index), inc.id.clone());
            match best.get(article) {
                Some(b) if (b.0, b.1, b.2) >= (c.0, c.1, c.2) => {}
                _ => {
                    best.insert(article.to_string(), c);
                }
            }
        };
        for r in &inc.reports {
            consider(&r.article, r.main, r.event_index);
        }
        for s in &inc.story_articles {
            consider(&s.article, true, usize::MAX);
        }
    }
    out.main = best.into_iter().map(|(a, c)| (a, c.3)).collect();
    out
}
