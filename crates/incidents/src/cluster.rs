//! Grouping reports into incidents: a pairwise score, then average-linkage
//! clustering with cannot-link constraints.
//!
//! Two levels. Each article's *main* report (its first event that is not
//! background) carries the article's story: two main reports are compared
//! with the similarity of their articles (title and lead words, TF-IDF
//! cosine, only between articles published within a few days) on top of the
//! evidence of the events themselves. The other reports (*secondary*: side
//! events, recaps) join an incident only on the evidence of place and date.
//!
//! Evidence between two reports (`pair`):
//! - **time by how it is known**: two written dates must be the same day, a
//!   relative or inferred one may be a day off; a date that is only the
//!   publication date is the weak interval of the few days before it and
//!   never anchors a link; week or month dates never link by themselves;
//!   background events (dated days before publication) and year-level dates
//!   never link;
//! - **places by gazetteer id and admin level** ([`place::relation`]): the
//!   same place, one inside the other (weaker), neighbours, or different
//!   places (a penalty; far apart: cannot-link); a country alone is
//!   unlocated, and a capital's bare name (`صعدة`, which may be its
//!   governorate) neither agrees nor differs with a town of its governorate;
//! - **types**: the same type, or compatible ones (a suicide raid coded as
//!   battles by one outlet and explosions by another);
//! - **soft evidence**: actors in common, casualty counts that agree, words
//!   of the evidence sentences in common.
//!
//! Clustering is average linkage: the two groups with the highest mean score
//! over all their pairs (pairs with no evidence count zero) merge while that
//! mean reaches [`Settings::LINK`] and no pair between them is a cannot-link.
//! Unlike the connected components of "can be the same", it does not chain
//! (a strike on the 10th, a report of the 11th, another strike on the 12th),
//! and unlike joining the biggest compatible group it weighs every member.
//! Main reports are clustered first; secondary reports then join those
//! incidents or each other. Reports are sorted by (article, event) first, so
//! the result does not depend on the order they were added in.

use crate::place::{self, PlaceRelation};
use crate::report::{DateBasis, PlaceInfo, Report};
use crate::story::{words, ArticleInfo, Terms, Vectors};
use crate::summary::{summarize, Incident, StoryArticle};
use crate::when::Interval;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

mod candidates;
mod window;
use candidates::Scores;
pub use window::link_spans;

/// Thresholds of the matching rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Days a relative date may differ from another by (default 1).
    pub day_tolerance: i32,
    /// Distance under which two places count as the same (default 5 km: two
    /// districts of one city are different places).
    pub max_km: f64,
    /// Reports dated less precisely than this many days (a year) never merge.
    pub max_interval_days: i32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            day_tolerance: 1,
            max_km: 5.0,
            max_interval_days: 31,
        }
    }
}

impl Settings {
    /// The mean pair score two groups need to merge.
    pub const LINK: f64 = 0.6;
    /// Articles less similar than this are not one story.
    pub const STORY_MIN: f64 = 0.1;
    /// Articles further apart than this many days are not one story.
    pub const STORY_WINDOW_DAYS: i32 = 3;
    /// A date that is only the publication date: the event was in the few
    /// days up to it.
    pub const PUBLICATION_DAYS: i32 = 3;
    /// An event dated this many days before its article is background.
    pub const BACKGROUND_DAYS: i32 = 4;
    /// Places further apart than this never hold one incident.
    pub const FAR_KM: f64 = 60.0;

    /// The largest gap in days between two reports' day spans (see
    /// `window::link_spans`) that the clustering can ever link
    /// across: articles of one story are published within
    /// [`Settings::STORY_WINDOW_DAYS`], and a relative date may run
    /// `day_tolerance` days off. Reports further apart never form a
    /// candidate pair, so an update only reads the articles within reach.
    pub fn link_reach_days(&self) -> i32 {
        Settings::STORY_WINDOW_DAYS + self.day_tolerance
    }

    /// The longest day span a report can link over: its loosest date that
    /// still links (a month) widened by the publication interval.
    pub fn longest_span_days(&self) -> i32 {
        self.max_interval_days + Settings::PUBLICATION_DAYS
    }
}

/// How much the similarity of two main reports' stories counts in their
/// score: two outlets' articles about one incident share their headline and
/// lead words far more than their event sentences.
const STORY_WEIGHT: f64 = 3.0;

/// Builds incidents from reports (and, optionally, their articles' stories).
#[derive(Debug, Clone, Default)]
pub struct IncidentBuilder {
    settings: Settings,
    reports: Vec<Report>,
    /// Each report's evidence words numbered by the caller's vocabulary
    /// (see [`IncidentBuilder::add_numbered`]), else none.
    evidence: Vec<Option<Terms>>,
    /// Shared with the caller: an update's window hands the same articles
    /// to a builder per group, so they are not copied for each.
    articles: BTreeMap<String, Arc<ArticleInfo>>,
    /// Each article's story words numbered by the caller's vocabulary.
    story_terms: BTreeMap<String, Terms>,
    /// Words of that vocabulary (0: none given).
    vocabulary: usize,
}

/// Fewest reports and articles worth preparing the story and evidence
/// vectors on two threads (an update's window has hundreds; a test's few
/// are quicker on one).
const PARALLEL_MIN: usize = 400;

/// The words of a report's evidence sentences, weighted `1 + ln(count)`, in
/// word order: what its evidence vector is made of.
pub(crate) fn evidence_bag(r: &Report) -> Vec<(String, f64)> {
    let mut m: BTreeMap<String, f64> = BTreeMap::new();
    for s in &r.evidence {
        for w in words(s) {
            *m.entry(w).or_default() += 1.0;
        }
    }
    m.into_iter().map(|(k, v)| (k, 1.0 + v.ln())).collect()
}

/// What a report's date allows.
#[derive(Debug, Clone, Copy, PartialEq)]
struct When {
    /// The days it can be.
    iv: Interval,
    /// A day date that anchors a link (written, relative or inferred).
    anchored: bool,
    explicit: bool,
}

impl When {
    /// What a date interval allows, given how it is known: a day that is only
    /// the publication date is the weak interval of the days up to it.
    fn new(iv: Interval, basis: Option<DateBasis>) -> When {
        let day_precise = iv.days() == 1;
        if basis == Some(DateBasis::Publication) && day_precise {
            When {
                iv: Interval {
                    first: iv.first - Settings::PUBLICATION_DAYS,
                    last: iv.last,
                },
                anchored: false,
                explicit: false,
            }
        } else {
            When {
                iv,
                anchored: day_precise,
                explicit: day_precise && basis == Some(DateBasis::Explicit),
            }
        }
    }
}

/// A report prepared for comparison.
#[derive(Debug, Clone)]
pub(crate) struct Prep {
    when: Option<When>,
    /// Never linked: background, year-level date.
    pub(crate) inert: bool,
    pub(crate) main: bool,
    /// Index of its article's story vector.
    pub(crate) story: Option<usize>,
    /// Its article's publication day.
    pub(crate) published: Option<i32>,
    /// Its evidence words' vector index.
    evidence: usize,
    /// For a main report: the reports of its article that are not inert
    /// (their types are the story's).
    kinds: Vec<usize>,
}

fn day(v: &str) -> Option<i32> {
    Interval::parse(v.get(..10).unwrap_or(v))
        .filter(|i| i.days() == 1)
        .map(|i| i.first)
}

/// The days a prepared report can link over: its date's interval (a
/// publication-only date widened to the days before it), else the days up to
/// its publication; none for an inert report.
fn span(p: &Prep) -> Option<(i32, i32)> {
    if p.inert {
        return None;
    }
    let days = p.when.map(|w| (w.iv.first, w.iv.last));
    days.or(p.published.map(|d| (d - Settings::PUBLICATION_DAYS, d)))
}

/// True when two articles' story similarity links them by itself.
pub(crate) fn story_links(cosine: f64) -> bool {
    STORY_WEIGHT * cosine >= Settings::LINK
}

/// How two reports' dates fit: `None` when they cannot be one day.
/// `Some(bonus)` otherwise.
fn time_fit(a: &When, b: &When, tolerance: i32) -> Option<f64> {
    if a.anchored && b.anchored {
        let d = (a.iv.first - b.iv.first).abs();
        if d == 0 {
            return Some(0.4);
        }
        if a.explicit && b.explicit || d > tolerance {
            return None;
        }
        // A relative date resolved against a late publication (or crawl)
        // date runs late, seldom early: a day after a written date fits
        // better than a day before it.
        let (written, other) = match (a.explicit, b.explicit) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => return Some(0.2),
        };
        return Some(if other.iv.first > written.iv.first {
            0.2
        } else {
            0.1
        });
    }
    // A weak interval: compatible when they meet (an anchored day a day off
    // the interval too), but no evidence of its own.
    let tol = if a.anchored || b.anchored {
        tolerance
    } else {
        0
    };
    a.iv.meets(&b.iv, tol).then_some(0.0)
}

/// Type families that one incident can be coded as by different outlets.
fn family(kind: &str) -> u8 {
    match kind {
        "battles" | "explosions_remote_violence" | "violence_against_civilians" => 0,
        "protests" | "riots" => 1,
        _ => 2,
    }
}

fn type_fit(a: &Report, b: &Report) -> f64 {
    if a.kind == b.kind {
        if a.subtype == b.subtype {
            0.3
        } else {
            0.2
        }
    } else if family(&a.kind) == family(&b.kind) {
        0.0
    } else if family(&a.kind) == 2 || family(&b.kind) == 2 {
        -0.4
    } else {
        // Force against protesters: violence and protests.
        -0.1
    }
}

fn specific(ids: &[String]) -> BTreeSet<&str> {
    ids.iter()
        .map(String::as_str)
        .filter(|a| !matches!(*a, "CIVILIANS" | "UNKNOWN"))
        .collect()
}

fn all_actors(r: &Report) -> BTreeSet<&str> {
    let mut s = specific(&r.actor1);
    s.extend(specific(&r.actor2));
    s
}

fn actor_fit(a: &Report, b: &Report) -> f64 {
    let all = all_actors;
    let (x, y) = (all(a), all(b));
    let (p, q) = (specific(&a.actor1), specific(&b.actor1));
    if !x.is_disjoint(&y) {
        0.2
    } else if !p.is_empty() && !q.is_empty() {
        // Outlets often name different perpetrators: a small penalty only.
        -0.1
    } else {
        0.0
    }
}

fn casualty_fit(a: &Report, b: &Report) -> f64 {
    let best = |r: &Report| r.killed.and_then(|k| k.best.or(k.low));
    match (best(a), best(b)) {
        (Some(x), Some(y)) if x > 0.0 && y > 0.0 => {
            let (lo, hi) = (x.min(y), x.max(y));
            if hi - lo <= 2.0 || lo / hi >= 0.6 {
                0.3
            } else {
                0.0
            }
        }
        _ => 0.0,
    }
}

/// The pair score: `None` is a cannot-link.
pub(crate) struct Scorer<'a> {
    pub(crate) reports: &'a [Report],
    pub(crate) preps: &'a [Prep],
    pub(crate) stories: &'a Vectors,
    evidence: &'a Vectors,
    /// Each report's main places and all its places, keyed (see
    /// `place_relation`).
    primary_keyed: Vec<Vec<place::Keyed>>,
    all_keyed: Vec<Vec<place::Keyed>>,
    /// True where the main places are the headline's.
    titled: Vec<bool>,
    all: Vec<Vec<PlaceInfo>>,
    /// The reports whose pairs can be scored.
    pub(crate) among: Vec<bool>,
    settings: Settings,
}

impl<'a> Scorer<'a> {
    /// A scorer over reports in canonical order, with the headline places of
    /// each story (by story index). Only pairs of reports `among` accepts
    /// can be scored (the places of the others are not prepared).
    fn new(p: &'a Prepared, among: &[bool]) -> Self {
        let (reports, preps) = (&p.reports[..], &p.preps[..]);
        let (primary, titled): (Vec<Vec<PlaceInfo>>, Vec<bool>) = (0..reports.len())
            .map(|i| match among[i] {
                true => Scorer::primary(reports, preps, &p.title_places, i),
                false => (Vec::new(), false),
            })
            .unzip();
        let all: Vec<Vec<PlaceInfo>> = (0..reports.len())
            .map(|i| match among[i] {
                true => reports[i]
                    .places
                    .iter()
                    .chain(&primary[i])
                    .cloned()
                    .collect(),
                false => Vec::new(),
            })
            .collect();
        Scorer {
            reports,
            preps,
            stories: &p.stories,
            evidence: &p.evidence,
            primary_keyed: primary.iter().map(|q| place::keyed(q)).collect(),
            all_keyed: all.iter().map(|q| place::keyed(q)).collect(),
            titled,
            all,
            among: among.to_vec(),
            settings: p.settings,
        }
    }

    /// The main report (among those `active`) whose story is closest to
    /// story `s` (published on day `pd`), when it is close enough to link by
    /// the story alone.
    pub(crate) fn closest_main(&self, s: usize, pd: i32, active: &[bool]) -> Option<usize> {
        let mut best: Option<(f64, usize)> = None;
        let mains = self.preps.iter().enumerate();
        for (m, p) in mains.filter(|(m, p)| p.main && active[*m]) {
            let (Some(t), Some(qd)) = (p.story, p.published) else {
                continue;
            };
            if (pd - qd).abs() > Settings::STORY_WINDOW_DAYS {
                continue;
            }
            let c = self.stories.cosine(s, t);
            if best.is_none_or(|(b, _)| c > b) {
                best = Some((c, m));
            }
        }
        best.filter(|(c, _)| story_links(*c)).map(|(_, m)| m)
    }

    /// The score of reports `i` and `j` (`i < j`): `None` is a cannot-link.
    fn pair(&self, i: usize, j: usize) -> Option<f64> {
        let (a, b) = (&self.reports[i], &self.reports[j]);
        let (pa, pb) = (&self.preps[i], &self.preps[j]);
        if pa.inert || pb.inert || a.article == b.article {
            return Some(0.0);
        }
        let time = match (&pa.when, &pb.when) {
            (Some(x), Some(y)) => time_fit(x, y, self.settings.day_tolerance)?,
            _ => 0.0,
        };
        let place = match self.place_relation(i, j)? {
            PlaceRelation::Same | PlaceRelation::Near => 1.0,
            PlaceRelation::Inside => 0.5,
            PlaceRelation::Unknown => 0.0,
            PlaceRelation::Different | PlaceRelation::Far => -0.6,
        };
        let story = match (pa.story, pb.story, pa.published, pb.published) {
            (Some(x), Some(y), Some(dx), Some(dy))
                if (dx - dy).abs() <= Settings::STORY_WINDOW_DAYS =>
            {
                self.stories.cosine(x, y)
            }
            _ => 0.0,
        };
        let soft = self.soft(i, j);
        // Something must say which incident it is: the same place, or the
        // same story. A date, a type and a toll alone link nothing.
        let identified = place >= 0.5 || story >= Settings::STORY_MIN;
        Some(if !identified {
            0.0
        } else if pa.main && pb.main {
            STORY_WEIGHT * story + place + time + soft
        } else if self.secondary_agrees(i, j, place, time) {
            place + time + soft + story
        } else {
            0.0
        })
    }

    /// Soft evidence: types (for two main reports, the best over their
    /// stories' kinds), actors, casualty counts, evidence words.
    fn soft(&self, i: usize, j: usize) -> f64 {
        let (a, b) = (&self.reports[i], &self.reports[j]);
        let (pa, pb) = (&self.preps[i], &self.preps[j]);
        let evidence = self.evidence.cosine(pa.evidence, pb.evidence);
        let types = if pa.main && pb.main {
            // A story's kinds: the extractor may type the lead event of one
            // outlet as protests and of another as arrests.
            pa.kinds
                .iter()
                .flat_map(|&x| pb.kinds.iter().map(move |&y| (x, y)))
                .map(|(x, y)| type_fit(&self.reports[x], &self.reports[y]))
                .fold(f64::MIN, f64::max)
        } else {
            type_fit(a, b)
        };
        types + actor_fit(a, b) + casualty_fit(a, b) + 0.5 * evidence
    }

    /// A secondary event joins only where place and date agree (and two
    /// secondary events only on the same day, place and type), both dates
    /// anchored.
    fn secondary_agrees(&self, i: usize, j: usize, place: f64, time: f64) -> bool {
        let (a, b) = (&self.reports[i], &self.reports[j]);
        let (pa, pb) = (&self.preps[i], &self.preps[j]);
        let anchored = pa.when.is_some_and(|w| w.anchored) && pb.when.is_some_and(|w| w.anchored);
        let agree = if pa.main || pb.main {
            place >= 1.0 && time > 0.0 && family(&a.kind) == family(&b.kind)
        } else {
            place >= 1.0 && time >= 0.4 && a.kind == b.kind
        };
        anchored && agree
    }

    /// A report's main places: for an article's main event, the places its
    /// headline names (a story happens where its headline says), else the
    /// event's first place that is not a country.
    fn primary(
        reports: &[Report],
        preps: &[Prep],
        title_places: &[Vec<PlaceInfo>],
        i: usize,
    ) -> (Vec<PlaceInfo>, bool) {
        let (r, p) = (&reports[i], &preps[i]);
        if p.main {
            if let Some(s) = p.story {
                let t: Vec<PlaceInfo> = title_places[s]
                    .iter()
                    .filter(|q| !place::is_country(q))
                    .cloned()
                    .collect();
                if !t.is_empty() {
                    return (t, true);
                }
            }
        }
        let first = r.places.iter().find(|q| !place::is_country(q)).cloned();
        (first.into_iter().collect(), false)
    }

    /// How two reports' places relate, `None` for a cannot-link: their main
    /// places decide (a governorate both mention does not make two towns
    /// one place), or the main place of one among the other's places; when every place of one is far from every place of the
    /// other, they cannot be one incident.
    fn place_relation(&self, i: usize, j: usize) -> Option<PlaceRelation> {
        let km = self.settings.max_km;
        let (primary, all) = (&self.primary_keyed, &self.all_keyed);
        let main = place::relation_keyed(&primary[i], &primary[j], km);
        if main >= PlaceRelation::Unknown {
            return Some(main);
        }
        // The main place of one among the other's places (an extractor
        // that put a stray place first): agreement at lower confidence. A
        // governorate both mention is not enough.
        // Two headlines naming different places are not rescued by it.
        let titled = self.titled[i] && self.titled[j];
        let mentioned = place::relation_keyed(&primary[i], &all[j], km).max(place::relation_keyed(
            &all[i],
            &primary[j],
            km,
        ));
        if !titled && mentioned >= PlaceRelation::Near {
            return Some(PlaceRelation::Inside);
        }
        if main == PlaceRelation::Far {
            // Main places far apart: stories about different places, and
            // not one incident at all when no other place brings them near.
            let everywhere = place::relation_keyed(&all[i], &all[j], km);
            (everywhere != PlaceRelation::Far).then_some(PlaceRelation::Different)
        } else {
            Some(PlaceRelation::Different)
        }
    }
}

impl IncidentBuilder {
    /// An empty builder with these thresholds.
    pub fn new(settings: Settings) -> Self {
        IncidentBuilder {
            settings,
            ..Default::default()
        }
    }

    /// Number of reports added.
    pub fn len(&self) -> usize {
        self.reports.len()
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.reports.is_empty()
    }

    /// Adds one report.
    pub fn add(&mut self, report: Report) {
        self.reports.push(report);
        self.evidence.push(None);
    }

    /// Adds one report with its [`evidence_bag`] numbered by the caller's
    /// vocabulary (see [`IncidentBuilder::set_vocabulary`]).
    pub(crate) fn add_numbered(&mut self, report: Report, evidence: Terms) {
        self.reports.push(report);
        self.evidence.push(Some(evidence));
    }

    /// Adds what the story level knows about an article (its words, headline
    /// places, publication day); an article with no report joins the
    /// incident of its story's closest article.
    pub fn add_article(&mut self, info: ArticleInfo) {
        self.add_shared_article(Arc::new(info));
    }

    /// [`IncidentBuilder::add_article`] without copying `info`.
    pub fn add_shared_article(&mut self, info: Arc<ArticleInfo>) {
        self.story_terms.remove(&info.article);
        self.articles.insert(info.article.clone(), info);
    }

    /// [`IncidentBuilder::add_shared_article`] with the story's words
    /// numbered by the caller's vocabulary.
    pub(crate) fn add_numbered_article(&mut self, info: Arc<ArticleInfo>, story: Terms) {
        let id = info.article.clone();
        self.add_shared_article(info);
        self.story_terms.insert(id, story);
    }

    /// The size of the vocabulary the numbered words come from: when every
    /// article and report was added numbered, the vectors are built from
    /// the numbers (the same vectors, without hashing words).
    pub(crate) fn set_vocabulary(&mut self, words: usize) {
        self.vocabulary = words;
    }

    /// True when every article's and report's words are numbered.
    fn numbered(&self) -> bool {
        self.vocabulary > 0
            && self.story_terms.len() == self.articles.len()
            && self.evidence.iter().all(Option::is_some)
    }

    /// Each report (in `order`) prepared for comparison, the story vectors of
    /// the articles, the evidence vectors of the reports, and the article id
    /// of each story vector.
    fn prepare(&self, order: &[usize]) -> (Vec<Prep>, Vectors, Vectors, Vec<String>) {
        let story_ids: Vec<&String> = self.articles.keys().collect();
        let story_of: BTreeMap<&str, usize> = story_ids
            .iter()
            .enumerate()
            .map(|(i, a)| (a.as_str(), i))
            .collect();
        let (stories, evidence) = self.vectors(order);
        // an article's main report: its first that is not inert
        let mut with_main: BTreeSet<&str> = BTreeSet::new();
        let mut preps: Vec<Prep> = order
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let r = &self.reports[i];
                let mut p = self.prep(r, k, story_of.get(r.article.as_str()).copied());
                p.main = !p.inert && with_main.insert(r.article.as_str());
                p
            })
            .collect();
        self.story_kinds(order, &mut preps);
        let ids = story_ids.into_iter().cloned().collect();
        (preps, stories, evidence, ids)
    }

    /// The story vectors of the articles and the evidence vectors of the
    /// reports (in `order`): on two threads when there are many.
    fn vectors(&self, order: &[usize]) -> (Vectors, Vectors) {
        let numbered = self.numbered();
        let stories = || self.story_vectors(numbered);
        let evidence = || self.evidence_vectors(order, numbered);
        if self.reports.len() + self.articles.len() < PARALLEL_MIN {
            return (stories(), evidence());
        }
        std::thread::scope(|s| {
            let e = s.spawn(evidence);
            let st = stories();
            let e = e.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            (st, e)
        })
    }

    /// The story words of each article (in id order) as TF-IDF vectors.
    fn story_vectors(&self, numbered: bool) -> Vectors {
        if numbered {
            let bags: Vec<&[(u32, f64)]> = self.story_terms.values().map(|t| &t[..]).collect();
            return Vectors::from_terms(&bags, self.vocabulary);
        }
        let bags: Vec<&[(String, f64)]> =
            self.articles.values().map(|a| a.words.as_slice()).collect();
        Vectors::new(&bags)
    }

    /// The words of each report's evidence sentences (in `order`), weighted
    /// `1 + ln(count)`, as TF-IDF vectors.
    fn evidence_vectors(&self, order: &[usize], numbered: bool) -> Vectors {
        if numbered {
            let bags: Vec<&[(u32, f64)]> = order
                .iter()
                .filter_map(|&i| self.evidence[i].as_deref())
                .collect();
            return Vectors::from_terms(&bags, self.vocabulary);
        }
        let bags: Vec<Vec<(String, f64)>> = order
            .iter()
            .map(|&i| evidence_bag(&self.reports[i]))
            .collect();
        let refs: Vec<&[(String, f64)]> = bags.iter().map(Vec::as_slice).collect();
        Vectors::new(&refs)
    }

    /// Report `r` (the `k`-th in canonical order) prepared, not yet marked
    /// main: its date, its article's publication day, and whether it is inert
    /// (dated too loosely, or background: days before its publication).
    fn prep(&self, r: &Report, k: usize, story: Option<usize>) -> Prep {
        let published = r.published.as_deref().and_then(day).or_else(|| {
            self.articles
                .get(&r.article)
                .and_then(|a| a.published.as_deref())
                .and_then(day)
        });
        let iv = r.date.as_deref().and_then(Interval::parse);
        let too_loose = iv.is_some_and(|iv| iv.days() > self.settings.max_interval_days);
        let background = match (iv, published) {
            (Some(iv), Some(p)) => iv.last <= p - Settings::BACKGROUND_DAYS,
            _ => false,
        };
        Prep {
            when: iv.map(|iv| When::new(iv, r.date_basis)),
            inert: too_loose || background,
            main: false,
            story,
            published,
            evidence: k,
            kinds: Vec::new(),
        }
    }

    /// For each main report, the reports of its article that are not inert
    /// (`order` is by article, so an article's reports are one run).
    fn story_kinds(&self, order: &[usize], preps: &mut [Prep]) {
        let mut start = 0;
        while start < order.len() {
            let art = &self.reports[order[start]].article;
            let end = (start..order.len())
                .find(|&m| &self.reports[order[m]].article != art)
                .unwrap_or(order.len());
            let kinds: Vec<usize> = (start..end).filter(|&m| !preps[m].inert).collect();
            for p in &mut preps[start..end] {
                if p.main {
                    p.kinds = kinds.clone();
                }
            }
            start = end;
        }
    }

    /// Everything the pair score needs, over the reports in canonical order
    /// (by article and event: the result does not depend on arrival order).
    pub(crate) fn prepared(&self) -> Prepared {
        let order = self.canonical_order();
        let parts = self.prepare(&order);
        let reports: Vec<Report> = order.iter().map(|&i| self.reports[i].clone()).collect();
        self.assemble(reports, parts)
    }

    /// [`IncidentBuilder::prepared`], the reports moved out of the builder
    /// instead of copied (an update's window prepares hundreds of articles
    /// per group and needs only their articles afterwards: what
    /// [`IncidentBuilder::linked_with`] and
    /// [`IncidentBuilder::incidents_with`] read). The builder keeps no
    /// report: prepare it again only after adding them again.
    pub(crate) fn take_prepared(&mut self) -> Prepared {
        let order = self.canonical_order();
        let parts = self.prepare(&order);
        let mut taken: Vec<Option<Report>> = std::mem::take(&mut self.reports)
            .into_iter()
            .map(Some)
            .collect();
        let reports = order
            .iter()
            .map(|&i| taken[i].take().expect("each report once"))
            .collect();
        self.evidence.clear();
        self.assemble(reports, parts)
    }

    /// The report indexes in canonical order (by article and event: the
    /// result does not depend on arrival order).
    fn canonical_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.reports.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.reports[a], &self.reports[b]);
            (&x.article, x.event_index).cmp(&(&y.article, y.event_index))
        });
        order
    }

    /// The prepared reports from the builder's `reports` in canonical
    /// order and what [`IncidentBuilder::prepare`] made of them.
    fn assemble(
        &self,
        reports: Vec<Report>,
        (preps, stories, evidence, story_ids): (Vec<Prep>, Vectors, Vectors, Vec<String>),
    ) -> Prepared {
        let title_places: Vec<Vec<PlaceInfo>> = story_ids
            .iter()
            .map(|a| self.articles[a].title_places.clone())
            .collect();
        Prepared {
            reports,
            preps,
            stories,
            evidence,
            story_ids,
            title_places,
            settings: self.settings,
        }
    }

    /// The incidents so far, each with its reports, ordered by date then id.
    pub fn incidents(&mut self) -> Vec<Incident> {
        self.incidents_among(None)
    }

    /// The incidents of the reports and stories of the `focus` articles
    /// only (all when `None`); the others still weigh the words of the
    /// stories and evidence (TF-IDF), so a window of articles gives the
    /// focus the document frequencies of its days.
    pub fn incidents_among(&self, focus: Option<&BTreeSet<String>>) -> Vec<Incident> {
        self.incidents_with(&self.prepared(), focus)
    }

    /// [`IncidentBuilder::incidents_among`] over reports already prepared
    /// (by [`IncidentBuilder::prepared`] of this builder as it is).
    pub(crate) fn incidents_with(
        &self,
        p: &Prepared,
        focus: Option<&BTreeSet<String>>,
    ) -> Vec<Incident> {
        let active: Vec<bool> = p
            .reports
            .iter()
            .map(|r| focus.is_none_or(|f| f.contains(&r.article)))
            .collect();
        let scorer = p.scorer_among(&active);
        let mut scores = scorer.candidate_scores(&active);
        scorer.add_cannot_links(&mut scores, &active);
        let groups = two_phase_linkage(&p.preps, &scores, &active);
        let mut extra = self.story_articles(&scorer, &p.story_ids, &groups, &active, focus);
        let mut out: Vec<Incident> = groups
            .iter()
            .enumerate()
            .map(|(g, members)| {
                let rs: Vec<&Report> = members.iter().map(|&m| &p.reports[m]).collect();
                let mut inc = summarize(&rs);
                for (r, &m) in inc.reports.iter_mut().zip(members) {
                    r.main = p.preps[m].main;
                }
                inc.story_articles = extra.remove(&g).unwrap_or_default();
                inc
            })
            .collect();
        out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        out
    }

    /// Articles with no report join the group of the main report whose story
    /// is closest to theirs (published within [`Settings::STORY_WINDOW_DAYS`],
    /// similar enough to link by the story alone): group → articles. Only
    /// `active` reports and `focus` articles take part.
    fn story_articles(
        &self,
        scorer: &Scorer,
        story_ids: &[String],
        groups: &[Vec<usize>],
        active: &[bool],
        focus: Option<&BTreeSet<String>>,
    ) -> BTreeMap<usize, Vec<StoryArticle>> {
        let with_reports: BTreeSet<&str> =
            scorer.reports.iter().map(|r| r.article.as_str()).collect();
        let group_of: BTreeMap<usize, usize> = groups
            .iter()
            .enumerate()
            .flat_map(|(g, m)| m.iter().map(move |&i| (i, g)))
            .collect();
        let mut extra: BTreeMap<usize, Vec<StoryArticle>> = BTreeMap::new();
        for (s, id) in story_ids.iter().enumerate() {
            if with_reports.contains(id.as_str()) || focus.is_some_and(|f| !f.contains(id)) {
                continue;
            }
            let info = &self.articles[id];
            let Some(pd) = info.published.as_deref().and_then(day) else {
                continue;
            };
            if let Some(m) = scorer.closest_main(s, pd, active) {
                extra.entry(group_of[&m]).or_default().push(StoryArticle {
                    article: id.clone(),
                    outlet: info.outlet.clone(),
                    published: info.published.clone(),
                });
            }
        }
        extra
    }
}

/// The reports of a builder prepared for scoring (see
/// [`IncidentBuilder::prepared`]).
pub(crate) struct Prepared {
    pub(crate) reports: Vec<Report>,
    pub(crate) preps: Vec<Prep>,
    stories: Vectors,
    evidence: Vectors,
    /// The article of each story vector.
    pub(crate) story_ids: Vec<String>,
    title_places: Vec<Vec<PlaceInfo>>,
    settings: Settings,
}

impl Prepared {
    /// The pair scorer over these reports.
    pub(crate) fn scorer(&self) -> Scorer<'_> {
        Scorer::new(self, &vec![true; self.reports.len()])
    }

    /// The pair scorer over the reports `among` accepts only.
    pub(crate) fn scorer_among(&self, among: &[bool]) -> Scorer<'_> {
        Scorer::new(self, among)
    }
}

/// Main reports are clustered first; then every other report joins those
/// groups or one another, the main groups never merging with each other
/// again.
/// Only `active` reports are grouped.
fn two_phase_linkage(preps: &[Prep], scores: &Scores, active: &[bool]) -> Vec<Vec<usize>> {
    let n = preps.len();
    let on = |i: &usize| active[*i];
    let mains = (0..n).filter(on).filter(|&i| preps[i].main);
    let mut start = average_linkage(mains.map(|i| vec![i]).collect(), scores, |_, _| true);
    let main_groups = start.len();
    let others = (0..n).filter(on).filter(|&i| !preps[i].main);
    start.extend(others.map(|i| vec![i]));
    average_linkage(start, scores, |a, b| a >= main_groups || b >= main_groups)
}

/// Sums of pair scores and cannot-links between groups (by group index).
type Links = BTreeMap<(usize, usize), (f64, bool)>;

/// Average-linkage agglomeration of `groups` over sparse pair scores (a
/// missing pair scores 0, `None` is a cannot-link): the two groups with the
/// highest mean merge while it reaches [`Settings::LINK`]; `may(a, b)` says
/// which groups (by starting index) may merge at all. Ties go to the
/// smaller indices, so the result depends only on the input.
fn average_linkage(
    groups: Vec<Vec<usize>>,
    scores: &Scores,
    may: impl Fn(usize, usize) -> bool,
) -> Vec<Vec<usize>> {
    let k = groups.len();
    let mut owner: BTreeMap<usize, usize> = BTreeMap::new();
    for (g, m) in groups.iter().enumerate() {
        for &i in m {
            owner.insert(i, g);
        }
    }
    // Sums and cannot-links between live groups.
    let mut link: Links = BTreeMap::new();
    for (&(a, b), s) in scores {
        let (Some(&ga), Some(&gb)) = (owner.get(&a), owner.get(&b)) else {
            continue;
        };
        if ga == gb {
            continue;
        }
        let key = (ga.min(gb), ga.max(gb));
        let e = link.entry(key).or_insert((0.0, false));
        match s {
            Some(v) => e.0 += v,
            None => e.1 = true,
        }
    }
    // Groups with no positive link between them never merge: cluster each
    // connected component of positive links on its own.
    let mut parent: Vec<usize> = (0..k).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (&(a, b), &(sum, cannot)) in &link {
        if sum > 0.0 && !cannot {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut parts: BTreeMap<usize, Links> = BTreeMap::new();
    for (key, v) in link {
        let r = root(&mut parent, key.0);
        if r == root(&mut parent, key.1) {
            parts.entry(r).or_default().insert(key, v);
        }
    }
    let mut members: Vec<Option<Vec<usize>>> = groups.into_iter().map(Some).collect();
    // Which starting groups each live group holds (for `may`).
    let mut origins: Vec<Vec<usize>> = (0..k).map(|g| vec![g]).collect();
    for (_, link) in parts {
        merge_component(link, &mut members, &mut origins, &may);
    }
    members.into_iter().flatten().collect()
}

/// Average linkage inside one component: `link` holds the sums and
/// cannot-links between its live groups.
fn merge_component(
    mut link: Links,
    members: &mut [Option<Vec<usize>>],
    origins: &mut [Vec<usize>],
    may: &impl Fn(usize, usize) -> bool,
) {
    let threshold = Settings::LINK;
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for (&(a, b), &(sum, cannot)) in &link {
            if cannot || sum <= 0.0 {
                continue;
            }
            let (Some(ma), Some(mb)) = (&members[a], &members[b]) else {
                continue;
            };
            let mean = sum / (ma.len() * mb.len()) as f64;
            if mean < threshold || best.is_some_and(|(m, _, _)| mean <= m + 1e-12) {
                continue;
            }
            if origins[a]
                .iter()
                .all(|&x| origins[b].iter().all(|&y| may(x, y)))
            {
                best = Some((mean, a, b));
            }
        }
        let Some((_, a, b)) = best else { break };
        // Merge b into a.
        let mb = members[b].take().expect("live");
        members[a].as_mut().expect("live").extend(mb);
        let ob = std::mem::take(&mut origins[b]);
        origins[a].extend(ob);
        let touching: Vec<((usize, usize), (f64, bool))> = link
            .iter()
            .filter(|(&(x, y), _)| x == b || y == b || x == a || y == a)
            .map(|(&k, &v)| (k, v))
            .collect();
        for (key, _) in &touching {
            link.remove(key);
        }
        let mut merged: BTreeMap<usize, (f64, bool)> = BTreeMap::new();
        for ((x, y), (s, c)) in touching {
            let other = if x == a || x == b { y } else { x };
            if other == a || other == b {
                continue;
            }
            let e = merged.entry(other).or_insert((0.0, false));
            e.0 += s;
            e.1 |= c;
        }
        for (other, v) in merged {
            link.insert((a.min(other), a.max(other)), v);
        }
    }
}
