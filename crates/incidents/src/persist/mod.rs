//! Incidents kept in the store and updated per new article.
//!
//! Every stored article above the store's `linked_rowid` is *pending*.
//! [`catch_up`] links pending articles in batches, each batch in one
//! transaction with the counter moved past it: an ingest that stops between
//! writing articles and linking them leaves them pending, and the next write
//! or read links them. Linking reads only the articles within reach of the
//! new ones' days (see `update.rs`), so its cost follows the reports of those
//! days, not the size of the store. Readers load the stored incidents
//! ([`incidents`]) and apply the review log on top ([`reviewed`]); the
//! store's generation tells a long-running reader when to load again.

mod features;
mod update;

pub use features::{Features, REPORTS_LINKED};

use crate::corpus::{outlet_stats_from, OutletStats};
use crate::review::{self, Correction, Unresolved};
use crate::{Incident, Settings};
use rasad_record::Document;
use rasad_store::{Store, StoreError};
use std::collections::BTreeSet;

/// Pending articles linked per transaction.
pub const BATCH: usize = 2000;

/// Why incidents could not be read or written.
#[derive(Debug)]
pub enum Error {
    Store(StoreError),
    /// A stored incident or feature row is not readable.
    Json(serde_json::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Store(e) => write!(f, "{e}"),
            Error::Json(e) => write!(f, "a stored incident row is not readable: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        Error::Store(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
}

/// Links every pending article; returns how many were linked. Does nothing
/// (one read) when the store is up to date.
pub fn catch_up(store: &mut Store) -> Result<usize, Error> {
    let mut total = 0;
    let mut run = update::Run::default();
    while !store.links().up_to_date()? {
        total += store.links_write(|links| Ok::<_, Error>((link_batch(links, &mut run)?, true)))?;
    }
    Ok(total)
}

/// Forgets every incident and links the whole store again.
pub fn rebuild(store: &mut Store) -> Result<usize, Error> {
    store.links_write(|links| Ok::<_, Error>((links.clear()?, true)))?;
    catch_up(store)
}

/// Links one batch of pending articles; returns how many. The articles are
/// read one at a time and only their features kept, so memory follows the
/// features of a batch, not its texts.
fn link_batch(links: &rasad_store::links::Links, run: &mut update::Run) -> Result<usize, Error> {
    let settings = Settings::default();
    let mut new = Vec::new();
    let mut read = 0;
    let mut held = Vec::with_capacity(FEATURES_CHUNK);
    let last = links.each_pending(BATCH, |p| {
        read += 1;
        held.push(p);
        if held.len() == FEATURES_CHUNK {
            features_of(links, &mut held, &mut new)?;
        }
        Ok::<_, Error>(())
    })?;
    features_of(links, &mut held, &mut new)?;
    let Some(last) = last else {
        return Ok(0);
    };
    link_new(links, new, settings, run)?;
    links.set_linked_rowid(last)?;
    Ok(read)
}

/// Pending articles read before their features are computed together, on
/// every core (parsing a record and tokenizing its text for the story and
/// the MinHash was a fifth of a bulk link on one core); few enough that
/// their texts and records stay small next to a batch's features.
const FEATURES_CHUNK: usize = 64;

/// Computes the features of the `held` articles (in order, on every core),
/// records their outlets' terms and adds the features to `new`; empties
/// `held`.
fn features_of(
    links: &rasad_store::links::Links,
    held: &mut Vec<rasad_store::links::Pending>,
    new: &mut Vec<Features>,
) -> Result<(), Error> {
    // A record this rasad cannot read links nothing (it is still counted
    // as linked, so it is not read again on every open).
    let of = |p: &rasad_store::links::Pending| {
        let doc = serde_json::from_str::<Document>(&p.record).ok()?;
        let f = Features::of(&doc, &p.text);
        Some((doc, f))
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let part = held.len().div_ceil(threads).max(1);
    let done: Vec<Option<(Document, Features)>> = std::thread::scope(|s| {
        let handles: Vec<_> = held
            .chunks(part)
            .map(|c| s.spawn(move || c.iter().map(of).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    held.clear();
    for (doc, f) in done.into_iter().flatten() {
        add_terms(links, &doc)?;
        new.push(f);
    }
    Ok(())
}

/// Stores the features of new articles and links them; returns the number
/// of incidents written.
fn link_new(
    links: &rasad_store::links::Links,
    new: Vec<Features>,
    settings: Settings,
    run: &mut update::Run,
) -> Result<usize, Error> {
    let mut spanned = Vec::with_capacity(new.len());
    for f in new {
        let row = f.row(settings)?;
        links.put_article(&row)?;
        run.forget(&row.article);
        spanned.push((f, row.spans));
    }
    let mut written = 0;
    let mut carried = update::Loaded::new();
    for g in update::groups(spanned, settings.link_reach_days()) {
        written += update::link_group(links, g, settings, &mut carried, run)?;
    }
    Ok(written)
}

/// Links articles given by their features (not stored as articles: for
/// benchmarks and tools that generate them), in one transaction; returns
/// the number of incidents written.
pub fn link_features(store: &mut Store, features: Vec<Features>) -> Result<usize, Error> {
    store.links_write(|links| {
        let n = link_new(
            links,
            features,
            Settings::default(),
            &mut update::Run::default(),
        )?;
        Ok::<_, Error>((n, true))
    })
}

/// Records the terms the article's outlet uses for each actor.
fn add_terms(links: &rasad_store::links::Links, doc: &Document) -> Result<(), StoreError> {
    let outlet = doc.outlet.clone().unwrap_or_else(|| "(unknown)".into());
    for a in &doc.actors {
        links.add_terms(&outlet, &a.id, &a.terms)?;
    }
    Ok(())
}

/// The stored incidents, by date then id (pending articles are not linked
/// here: call [`catch_up`] first).
pub fn incidents(store: &Store) -> Result<Vec<Incident>, Error> {
    let rows = store.links().all_incidents()?;
    let mut out = parse_all(&rows)?;
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// Fewest incident rows worth a thread of their own when parsing.
const PARSE_CHUNK: usize = 4_096;

/// Parses stored incident rows, in order, on every core (a server start
/// parses them all: 36,000 incidents took a second on one core).
fn parse_all(rows: &[String]) -> Result<Vec<Incident>, Error> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = rows.len().div_ceil(threads).max(PARSE_CHUNK);
    let parse = |part: &[String]| -> Result<Vec<Incident>, Error> {
        part.iter()
            .map(|json| Ok(serde_json::from_str::<Incident>(json)?))
            .collect()
    };
    if rows.len() <= chunk {
        return parse(rows);
    }
    let parts: Vec<Result<Vec<Incident>, Error>> = std::thread::scope(|s| {
        let handles: Vec<_> = rows
            .chunks(chunk)
            .map(|part| s.spawn(move || parse(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut out = Vec::with_capacity(rows.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}

/// The stored incidents with analysts' corrections applied on top (see
/// [`crate::review`]); also the corrections whose event is no longer found.
/// Only the reports of the incidents the corrections name are read.
pub fn reviewed(
    store: &Store,
    corrections: &[Correction],
) -> Result<(Vec<Incident>, Vec<Unresolved>), Error> {
    let all = incidents(store)?;
    if corrections.is_empty() {
        return Ok((all, Vec::new()));
    }
    let named: BTreeSet<&str> = corrections.iter().flat_map(anchored_articles).collect();
    let held: BTreeSet<String> = all
        .iter()
        .filter(|i| i.reports.iter().any(|r| named.contains(r.article.as_str())))
        .flat_map(|i| i.reports.iter().map(|r| r.article.clone()))
        .chain(named.iter().map(|s| s.to_string()))
        .collect();
    let ids: Vec<&str> = held.iter().map(String::as_str).collect();
    let mut reports = Vec::new();
    for json in store.links().features(&ids)?.values() {
        let f: Features = serde_json::from_str(json)?;
        reports.extend(f.reports.iter().cloned());
    }
    Ok(review::apply(all, &reports, corrections))
}

/// The articles a correction names (its anchor, and a split's or merge's).
fn anchored_articles(c: &Correction) -> Vec<&str> {
    let mut out = vec![c.anchor.article.as_str()];
    match &c.action {
        review::Action::Split { reports } => out.extend(reports.iter().map(|a| a.article.as_str())),
        review::Action::Merge { with } => out.push(with.article.as_str()),
        _ => {}
    }
    out
}

/// Per-outlet statistics from the stored counts and terms and `incidents`.
pub fn outlet_stats(store: &Store, incidents: &[Incident]) -> Result<Vec<OutletStats>, Error> {
    let links = store.links();
    let articles = links.outlet_articles()?;
    let terms = links.outlet_terms()?;
    Ok(outlet_stats_from(&articles, &terms, incidents))
}

/// What a reviewed view of the incidents was made from: the incidents'
/// generation and the last review entry. A reader holding another version
/// loads again (cheap to read: two indexed lookups).
pub fn version(store: &Store) -> Result<(i64, i64), Error> {
    let links = store.links();
    Ok((links.generation()?, links.review_seq()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::ArticleInfo;
    use proptest::prelude::*;

    /// A generated article: one clash at place `place` on `day` of May 2019,
    /// its story the place's word, a word of its own and one all share;
    /// `copy` gives it the body signature of article `copy` (a syndicated
    /// copy of it).
    fn article(k: usize, day: u32, place: usize, copy: Option<usize>) -> Features {
        let date = format!("2019-05-{day:02}");
        let id = format!("a{k}");
        let r: crate::Report = serde_json::from_value(serde_json::json!({
            "article": id, "event_index": 0, "outlet": format!("o{}", k % 3),
            "published": date, "type": "battles", "subtype": "armed_clash",
            "date": date, "date_basis": "explicit",
            "places": [{"name": format!("town{place}"), "id": format!("g{place}"),
                        "lat": 33.0 + place as f64 * 0.7, "lon": 36.0, "kind": "town"}],
            "actor1": [], "actor2": [], "associated": [],
            "killed": {"low": null, "best": (k % 4) as f64, "high": null},
            "injured": null, "killed_by_group": {}, "attributed_to": [],
            "certainty": "asserted", "evidence": [format!("clash word{place} near town{place}")],
            "terms": {}
        }))
        .unwrap();
        let words = vec![
            ("common".to_string(), 1.0),
            (format!("place{place}"), 1.0 + 2f64.ln()),
            (format!("own{k}"), 1.0),
        ];
        let info = ArticleInfo {
            article: id,
            outlet: Some(format!("o{}", k % 3)),
            published: Some(date.clone()),
            words,
            title_places: Vec::new(),
        };
        let seed = copy.unwrap_or(k) as u64;
        let sig = (0..crate::neardup::HASHES as u64)
            .map(|h| {
                (seed + 1)
                    .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                    .rotate_left(h as u32)
                    ^ h
            })
            .collect();
        Features::new(info, Some(date), vec![r], sig)
    }

    /// The stored incidents as JSON, in order.
    fn stored(store: &Store) -> Vec<String> {
        incidents(store)
            .unwrap()
            .iter()
            .map(|i| serde_json::to_string(i).unwrap())
            .collect()
    }

    /// Links `batches` one after the other into a new store, all in one
    /// run (`shared`) or each with a fresh one; returns the stored
    /// incidents and how many stored articles the last run kept parsed.
    /// Every article the run keeps parsed is as stored.
    fn link_batches(batches: &[Vec<Features>], shared: bool) -> (Vec<String>, usize) {
        let mut store = Store::open_in_memory().unwrap();
        let mut run = update::Run::default();
        for b in batches {
            if !shared {
                run = update::Run::default();
            }
            store
                .links_write(|links| {
                    let n = link_new(links, b.clone(), Settings::default(), &mut run)?;
                    Ok::<_, Error>((n, true))
                })
                .unwrap();
            assert_eq!(run.stale(&store.links()), Vec::<String>::new());
        }
        (stored(&store), run.parsed_len())
    }

    /// A generated article's number, day, place and the article it copies.
    type Row = (usize, u32, usize, Option<usize>);

    /// Batches of articles as catch_up links them.
    fn batches(rows: &[Vec<Row>]) -> Vec<Vec<Features>> {
        rows.iter()
            .map(|b| b.iter().map(|&(k, d, p, c)| article(k, d, p, c)).collect())
            .collect()
    }

    #[test]
    fn one_run_over_several_batches_links_as_fresh_runs_do() {
        // Two batches over the same days (as an archive ingested out of
        // date order gives): the second reads the first's articles, kept
        // parsed by the shared run; article 3 is written again with another
        // place and a copy of article 0 arrives late.
        let first: Vec<_> = (0..30)
            .map(|k| (k, 1 + (k as u32 * 3) % 28, k % 5, None))
            .collect();
        let mut second: Vec<_> = (30..60)
            .map(|k| (k, 1 + (k as u32 * 7) % 28, k % 5, None))
            .collect();
        second.push((3, 4, 9, None));
        second.push((60, 1, 0, Some(0)));
        let b = batches(&[first, second]);
        let (shared, kept) = link_batches(&b, true);
        let (fresh, _) = link_batches(&b, false);
        assert!(kept > 0, "the shared run kept nothing parsed");
        assert!(
            shared
                .iter()
                .any(|i| i.matches("\"article\":").count() >= 2),
            "no incident joins two articles: the test links nothing"
        );
        assert_eq!(shared, fresh);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        #[test]
        fn a_shared_run_never_changes_what_is_linked(
            rows in prop::collection::vec(
                prop::collection::vec((0usize..40, 1u32..29, 0usize..6, prop::option::of(0usize..40)), 1..25),
                1..4,
            )
        ) {
            let b = batches(&rows);
            prop_assert_eq!(link_batches(&b, true).0, link_batches(&b, false).0);
        }
    }

    #[test]
    fn rows_parsed_on_several_threads_keep_their_order_and_errors() {
        let r: crate::Report = serde_json::from_value(serde_json::json!({
            "article": "a", "event_index": 0, "outlet": "o", "published": null,
            "type": "battles", "subtype": "armed_clash", "date": "2019-05-10",
            "places": [], "actor1": [], "actor2": [], "associated": [],
            "killed": null, "injured": null, "killed_by_group": {}, "attributed_to": [],
            "certainty": "asserted", "evidence": [], "terms": {}
        }))
        .unwrap();
        let one = crate::summary::summarize(&[&r]);
        let rows: Vec<String> = (0..3 * PARSE_CHUNK + 7)
            .map(|k| {
                let mut inc = one.clone();
                inc.id = format!("inc-{k}");
                serde_json::to_string(&inc).unwrap()
            })
            .collect();
        let got = parse_all(&rows).unwrap();
        assert_eq!(got.len(), rows.len());
        assert!(got
            .iter()
            .enumerate()
            .all(|(k, i)| i.id == format!("inc-{k}")));
        let mut bad = rows.clone();
        bad[2 * PARSE_CHUNK + 1] = "{".into();
        assert!(matches!(parse_all(&bad), Err(Error::Json(_))));
    }
}
