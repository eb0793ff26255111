//! Linking new articles into the persisted incidents, window by window.
//!
//! New articles are grouped by the days their reports can link over. For a
//! group, the store gives every article with a span within
//! [`Settings::link_reach_days`] of the group's days (the *window*: no other
//! article can form a candidate pair with the new ones). The builder finds
//! the window's articles the new ones score with (`linked`); the incidents
//! holding those are taken whole (and the incidents holding their other
//! articles, until nothing is added), grouped again with the new articles,
//! and replace the old rows. Every other incident stays as it was: a new
//! article changes only the incidents it links to.

use super::features::{mark_copies, Features};
use super::Error;
use crate::story::Vocabulary;
use crate::summary::Incident;
use crate::when::Interval;
use crate::{IncidentBuilder, Settings};
use rasad_store::links::{IncidentRow, Links};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Most new articles linked as one group: a bulk ingest of days sorted by
/// date becomes windows of a few days each, never the whole store at once.
/// Large enough for a few days of a dense archive (1,370 articles a day at
/// a million reports over two years), so an ingest reads each window a few
/// times, not once per few hundred articles; [`GROUP_DAYS`] still bounds
/// the days a window covers.
pub const GROUP_MAX: usize = 5_000;

/// Most days a group's spans cover: new articles spread over months (an
/// archive ingested out of order) are linked in groups of a week at most,
/// so no window reads more than a few weeks of the store.
pub const GROUP_DAYS: i32 = 7;

/// Fewest articles whose words give the document frequencies of an update
/// (TF-IDF of stories and evidence): a window of a sparse store (a few
/// articles in its days) is topped up with the articles nearest in time, so
/// a word all of its few articles share is not taken for a common word.
/// Dense stores have more than this in any window.
pub const IDF_SAMPLE: usize = 500;

/// New articles in groups whose day spans lie within reach of each other,
/// each group at most [`GROUP_MAX`] articles over [`GROUP_DAYS`]; articles with no span (no date at all)
/// form groups of their own.
pub fn groups(new: Vec<(Features, Vec<(i32, i32)>)>, reach: i32) -> Vec<Group> {
    let mut dated: Vec<(i32, i32, Features)> = Vec::new();
    let mut undated: Vec<Features> = Vec::new();
    for (f, spans) in new {
        match (
            spans.iter().map(|s| s.0).min(),
            spans.iter().map(|s| s.1).max(),
        ) {
            (Some(a), Some(b)) => dated.push((a, b, f)),
            _ => undated.push(f),
        }
    }
    dated.sort_by_key(|d| (d.0, d.1));
    let mut out: Vec<Group> = Vec::new();
    for (first, last, f) in dated {
        match out.last_mut() {
            Some(g)
                if first <= g.days.1 + reach
                    && last.max(g.days.1) - g.days.0 <= GROUP_DAYS
                    && g.articles.len() < GROUP_MAX =>
            {
                g.days.1 = g.days.1.max(last);
                g.articles.push(f);
            }
            _ => out.push(Group {
                days: (first, last),
                articles: vec![f],
                dated: true,
            }),
        }
    }
    for chunk in undated.chunks(GROUP_MAX) {
        out.push(Group {
            days: (0, 0),
            articles: chunk.to_vec(),
            dated: false,
        });
    }
    out
}

/// New articles linked together.
pub struct Group {
    /// First and last day their reports can link over.
    days: (i32, i32),
    articles: Vec<Features>,
    /// False for articles with no date at all (they link to nothing).
    dated: bool,
}

/// The articles loaded for one update, by id.
pub type Loaded = BTreeMap<String, Features>;

/// Most stored articles a linking run keeps parsed ([`Run`]): about 10 KB
/// each, so at most a few hundred MB; a run that reads more starts over
/// (a batch sweeps its days in order, and the next batch sweeps them
/// again, so what one batch parsed is what the next reads).
pub const PARSED_MAX: usize = 20_000;

/// What one linking run (every batch of one [`super::catch_up`]) keeps
/// from group to group: the numbers of the words, and the stored articles
/// it has read, parsed and numbered. A sparse store's window is topped up
/// to [`IDF_SAMPLE`] articles, so every group read hundreds of articles
/// again: parsing them and numbering their words was a fifth of a bulk
/// link. The parsed features are the ones a read would give (an article
/// written again in the run is forgotten), so linking is unchanged.
#[derive(Default)]
pub(crate) struct Run {
    pub(crate) vocabulary: Vocabulary,
    parsed: rustc_hash::FxHashMap<String, Features>,
}

impl Run {
    /// Stored articles kept parsed.
    #[cfg(test)]
    pub(crate) fn parsed_len(&self) -> usize {
        self.parsed.len()
    }

    /// The articles kept parsed whose features are not the stored ones.
    #[cfg(test)]
    pub(crate) fn stale(&self, links: &Links) -> Vec<String> {
        let ids: Vec<&str> = self.parsed.keys().map(String::as_str).collect();
        let stored = links.features(&ids).unwrap();
        let value = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap();
        self.parsed
            .iter()
            .filter(|(id, f)| {
                let kept = serde_json::to_string(f).unwrap();
                stored.get(*id).is_none_or(|s| value(s) != value(&kept))
            })
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Forgets the parsed features of an article being written again.
    pub(crate) fn forget(&mut self, article: &str) {
        self.parsed.remove(article);
    }

    /// The stored features of `id` (its JSON `json`), parsed and numbered
    /// once per run.
    fn parse(&mut self, id: &str, json: &str) -> Result<Features, Error> {
        let mut f: Features = serde_json::from_str(json)?;
        f.numbered(&mut self.vocabulary);
        if self.parsed.len() >= PARSED_MAX {
            self.parsed.clear();
        }
        self.parsed.insert(id.to_string(), f.clone());
        Ok(f)
    }
}

/// Links one group: loads its window, finds what it links to, groups those
/// incidents again and writes them. Returns the number of incidents written.
/// `carried` holds the articles the previous group loaded (groups of one
/// ingest follow each other in time, so their windows overlap): they are
/// taken from it instead of read again, and it is left holding this
/// group's. `run` numbers the words of the articles loaded (so an article
/// carried from group to group is numbered once) and keeps the stored
/// articles parsed.
pub(crate) fn link_group(
    links: &Links,
    group: Group,
    settings: Settings,
    carried: &mut Loaded,
    run: &mut Run,
) -> Result<usize, Error> {
    let new: BTreeSet<String> = group
        .articles
        .iter()
        .map(|f| f.info.article.clone())
        .collect();
    let mut loaded: Loaded = group
        .articles
        .into_iter()
        .map(|f| (f.info.article.clone(), f))
        .collect();
    if group.dated {
        let reach = settings.link_reach_days();
        let (first, last) = (group.days.0 - reach, group.days.1 + reach);
        let window = links.articles_meeting(first, last, settings.longest_span_days())?;
        let few = window.len() < IDF_SAMPLE;
        load(links, &mut loaded, window, carried, run)?;
        if few {
            let nearest = links.nearest(group.days.0, IDF_SAMPLE / 2)?;
            load(links, &mut loaded, nearest, carried, run)?;
        }
    }
    let mut b = builder(&mut loaded, settings, &mut run.vocabulary);
    let prepared = b.take_prepared();
    let before = loaded.len();
    let linked = b.linked_with(&prepared, &new);
    let (focus, old) = close(links, &mut loaded, linked, carried, run)?;
    let incidents = if loaded.len() == before {
        b.incidents_with(&prepared, Some(&focus))
    } else {
        builder(&mut loaded, settings, &mut run.vocabulary).incidents_among(Some(&focus))
    };
    let rows = incidents.iter().map(row).collect::<Result<Vec<_>, _>>()?;
    let old: Vec<&str> = old.iter().map(String::as_str).collect();
    links.replace(&old, &rows)?;
    *carried = loaded;
    Ok(rows.len())
}

/// Adds the features of the `ids` not loaded yet: from `carried` when it
/// has them, else as stored (parsed once per `run`).
fn load(
    links: &Links,
    loaded: &mut Loaded,
    ids: BTreeSet<String>,
    carried: &mut Loaded,
    run: &mut Run,
) -> Result<(), Error> {
    let mut missing: Vec<&str> = Vec::new();
    for id in &ids {
        if loaded.contains_key(id) {
            continue;
        }
        if let Some(f) = carried.remove(id).or_else(|| run.parsed.get(id).cloned()) {
            loaded.insert(id.clone(), f);
        } else {
            missing.push(id);
        }
    }
    for (id, json) in links.features(&missing)? {
        let f = run.parse(&id, &json)?;
        loaded.insert(id, f);
    }
    Ok(())
}

/// The focus closed over stored incidents: every incident holding a focus
/// article is taken whole, until no incident brings another article. Returns
/// the focus and the incidents it replaces.
fn close(
    links: &Links,
    loaded: &mut Loaded,
    mut focus: BTreeSet<String>,
    carried: &mut Loaded,
    run: &mut Run,
) -> Result<(BTreeSet<String>, BTreeSet<String>), Error> {
    loop {
        let ids: Vec<&str> = focus.iter().map(String::as_str).collect();
        let incidents = links.incidents_of(&ids)?;
        let held: Vec<&str> = incidents.iter().map(String::as_str).collect();
        let members = links.articles_of(&held)?;
        if members.is_subset(&focus) {
            return Ok((focus, incidents));
        }
        load(links, loaded, members.clone(), carried, run)?;
        focus.extend(members);
    }
}

/// A builder over the loaded articles, copies marked among them, their
/// words numbered by `vocabulary`.
fn builder(
    loaded: &mut Loaded,
    settings: Settings,
    vocabulary: &mut Vocabulary,
) -> IncidentBuilder {
    let mut all: Vec<&mut Features> = loaded.values_mut().collect();
    mark_copies(&mut all);
    let mut b = IncidentBuilder::new(settings);
    for f in loaded.values_mut() {
        let (story, evidence) = f.numbered(vocabulary);
        b.add_numbered_article(Arc::clone(&f.info), story);
        for (r, terms) in f.reports.iter().zip(evidence) {
            let mut r = r.clone();
            r.copy_of = f.copy_of.clone();
            b.add_numbered(r, terms);
        }
    }
    b.set_vocabulary(vocabulary.len());
    b
}

/// The stored row of an incident: its JSON, its day and its members.
fn row(inc: &Incident) -> Result<IncidentRow, Error> {
    let mut members: Vec<(String, i64)> = inc
        .reports
        .iter()
        .map(|r| (r.article.clone(), r.event_index as i64))
        .collect();
    members.extend(inc.story_articles.iter().map(|s| (s.article.clone(), -1)));
    Ok(IncidentRow {
        id: inc.id.clone(),
        day: inc
            .date
            .as_deref()
            .and_then(Interval::parse)
            .map(|i| i.first),
        json: serde_json::to_string(inc)?,
        members,
    })
}
