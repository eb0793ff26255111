//! Which pairs of reports can score at all, found through an index instead
//! of comparing every report with every other report of its days.
//!
//! A pair scores above zero only when something says which incident it is
//! (see `Scorer::pair`): places that are the same, near each other or one
//! inside the other, or stories at least [`Settings::STORY_MIN`] alike.
//! The index posts every report under its places' keys
//! ([`place::link_keys`]) and its story under the story's words; a report
//! probes its places' keys and the words of its story that can still reach
//! `STORY_MIN` (a prefix filter: a pair sharing none of them has a cosine
//! below it). Every other pair scores 0 or is a cannot-link, and a
//! cannot-link only matters between reports that positive links join, so
//! clustering also scores every pair inside each such group
//! ([`Scorer::add_cannot_links`]). The scores are then the ones comparing
//! every pair would give wherever they can change a result.

use super::{span, Scorer, Settings};
use crate::place::{self, PlaceKey};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Pair scores by (smaller, larger) report index; `None` is a cannot-link.
pub(crate) type Scores = BTreeMap<(usize, usize), Option<f64>>;

/// Below [`Settings::STORY_MIN`] by this much still counts as reaching it
/// (rounding of the sums of products).
const ROUNDING: f64 = 1e-9;

/// Fewest probing reports worth scoring on two threads (a digest of many
/// events, or a dense day of an archive; most updates probe a few).
const PARALLEL_PROBES: usize = 64;

/// The reports of a scorer indexed by place keys and story words.
struct Index {
    places: FxHashMap<PlaceKey, Vec<usize>>,
    /// Word id → stories that have it.
    words: FxHashMap<u32, Vec<usize>>,
    /// Story → its reports that compare stories (published, with a span).
    story_reports: Vec<Vec<usize>>,
    /// Each probing report's keys (empty for one with no span or not probing).
    probes: Vec<Vec<PlaceKey>>,
    /// Each probing story's words that can reach `STORY_MIN`.
    story_probes: Vec<Vec<u32>>,
}

/// True when two day spans are within `reach` days of each other.
fn within(a: (i32, i32), b: (i32, i32), reach: i32) -> bool {
    a.0 <= b.1 + reach && b.0 <= a.1 + reach
}

impl Scorer<'_> {
    /// The scores of candidate pairs: reports whose day spans are within
    /// reach of each other and which share a place key or a story word;
    /// inert reports link to nothing. Only pairs of reports the scorer is
    /// `among`, one of them accepted by `from`, are scored; pairs scoring
    /// exactly 0 are left out (a missing pair scores 0).
    pub(crate) fn candidate_scores(&self, from: &[bool]) -> Scores {
        let spans: Vec<Option<(i32, i32)>> = self
            .preps
            .iter()
            .zip(&self.among)
            .map(|(p, &on)| if on { span(p) } else { None })
            .collect();
        let index = self.index(&spans, from);
        let probing: Vec<usize> = (0..spans.len())
            .filter(|&i| from[i] && spans[i].is_some())
            .collect();
        if probing.len() < PARALLEL_PROBES {
            return self.scores_from(&probing, &spans, &index, from);
        }
        // Each pair is scored from one report only (see `scores_from`), so
        // the two halves give disjoint pairs.
        let (first, second) = probing.split_at(probing.len() / 2);
        std::thread::scope(|s| {
            let other = s.spawn(|| self.scores_from(second, &spans, &index, from));
            let mut scores = self.scores_from(first, &spans, &index, from);
            scores.extend(
                other
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            );
            scores
        })
    }

    /// The scores of the candidate pairs of the `probing` reports.
    fn scores_from(
        &self,
        probing: &[usize],
        spans: &[Option<(i32, i32)>],
        index: &Index,
        from: &[bool],
    ) -> Scores {
        let reach = self.settings.link_reach_days();
        let mut scores = Scores::new();
        let mut mark = vec![usize::MAX; spans.len()];
        for &i in probing {
            let Some(si) = spans[i] else { continue };
            for j in index.candidates(i, self, &mut mark) {
                // A pair of two `from` reports is scored from the smaller.
                if j == i || (from[j] && j < i) {
                    continue;
                }
                let (a, b) = (i.min(j), i.max(j));
                if !spans[j].is_some_and(|sj| within(si, sj, reach)) {
                    continue;
                }
                let s = self.pair(a, b);
                if s != Some(0.0) {
                    scores.insert((a, b), s);
                }
            }
        }
        scores
    }

    /// Adds the cannot-links between `active` reports that positive scores
    /// join (directly or through others) and that the index did not give:
    /// average linkage reads cannot-links only inside such groups.
    pub(crate) fn add_cannot_links(&self, scores: &mut Scores, active: &[bool]) {
        let mut parent: Vec<usize> = (0..active.len()).collect();
        for (&(a, b), s) in scores.iter() {
            if s.is_some_and(|s| s > 0.0) {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in (0..active.len()).filter(|&i| active[i]) {
            groups.entry(root(&mut parent, i)).or_default().push(i);
        }
        let reach = self.settings.link_reach_days();
        // A group of two is one positive pair, scored already.
        for members in groups.values().filter(|m| m.len() > 2) {
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    let (Some(sa), Some(sb)) = (span(&self.preps[a]), span(&self.preps[b])) else {
                        continue;
                    };
                    if within(sa, sb, reach)
                        && !scores.contains_key(&(a, b))
                        && self.pair(a, b).is_none()
                    {
                        scores.insert((a, b), None);
                    }
                }
            }
        }
    }

    /// The index of the reports with a span; probe keys only for those
    /// `from` accepts (an update probes from its new reports alone).
    fn index(&self, spans: &[Option<(i32, i32)>], from: &[bool]) -> Index {
        let km = self.settings.max_km;
        let mut places: FxHashMap<PlaceKey, Vec<usize>> = FxHashMap::default();
        let mut probes = vec![Vec::new(); spans.len()];
        let mut story_reports = vec![Vec::new(); self.stories.len()];
        for i in (0..spans.len()).filter(|&i| spans[i].is_some()) {
            for p in &self.all[i] {
                let (post, probe) = place::link_keys(p, km);
                for k in post {
                    places.entry(k).or_default().push(i);
                }
                if from[i] {
                    probes[i].extend(probe);
                }
            }
            probes[i].sort();
            probes[i].dedup();
            if let (Some(s), Some(_)) = (self.preps[i].story, self.preps[i].published) {
                story_reports[s].push(i);
            }
        }
        let mut words: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        let mut heaviest: FxHashMap<u32, f64> = FxHashMap::default();
        for s in (0..story_reports.len()).filter(|&s| !story_reports[s].is_empty()) {
            for (&w, &v) in self.stories.terms(s) {
                words.entry(w).or_default().push(s);
                let h = heaviest.entry(w).or_default();
                *h = h.max(v);
            }
        }
        let probing: Vec<bool> = story_reports
            .iter()
            .map(|r| r.iter().any(|&i| from[i]))
            .collect();
        let story_probes = (0..story_reports.len())
            .map(|s| {
                if probing[s] {
                    self.story_prefix(s, &heaviest)
                } else {
                    Vec::new()
                }
            })
            .collect();
        Index {
            places,
            words,
            story_reports,
            probes,
            story_probes,
        }
    }

    /// The words of story `s` another story must share for the two to be
    /// [`Settings::STORY_MIN`] alike: by their weight times the largest
    /// weight any story gives them, the heaviest first, until the rest
    /// cannot reach it together.
    fn story_prefix(&self, s: usize, heaviest: &FxHashMap<u32, f64>) -> Vec<u32> {
        let mut bounds: Vec<(f64, u32)> = self
            .stories
            .terms(s)
            .iter()
            .map(|(&w, &v)| (v * heaviest[&w], w))
            .collect();
        bounds.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut rest: f64 = bounds.iter().map(|b| b.0).sum();
        let mut out = Vec::new();
        for (bound, w) in bounds {
            if rest < Settings::STORY_MIN - ROUNDING {
                break;
            }
            out.push(w);
            rest -= bound;
        }
        out
    }
}

impl Index {
    /// The reports sharing a place key or a story prefix word with report
    /// `i` (each once; `mark` remembers which were given for `i`).
    fn candidates(&self, i: usize, scorer: &Scorer, mark: &mut [usize]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut add = |j: usize, out: &mut Vec<usize>| {
            if mark[j] != i {
                mark[j] = i;
                out.push(j);
            }
        };
        for k in &self.probes[i] {
            for &j in self.places.get(k).into_iter().flatten() {
                add(j, &mut out);
            }
        }
        let p = &scorer.preps[i];
        if let (Some(s), Some(_)) = (p.story, p.published) {
            for w in &self.story_probes[s] {
                for &t in &self.words[w] {
                    for &j in &self.story_reports[t] {
                        add(j, &mut out);
                    }
                }
            }
        }
        out
    }
}

/// The root of `i` in a union-find forest (paths halved).
fn root(p: &mut [usize], mut i: usize) -> usize {
    while p[i] != i {
        p[i] = p[p[i]];
        i = p[i];
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::Prepared;
    use crate::{reports, ArticleInfo, IncidentBuilder};
    use rasad_extract::{Extractor, Options};
    use rasad_ingest::{read_paths, ReadOptions};
    use std::path::Path;

    /// Every report and story of the documents under `path` in one builder.
    fn builder_of(path: &Path) -> IncidentBuilder {
        let extractor = Extractor::new(Options {
            reference_date: jiff::civil::date(2019, 1, 1),
        });
        let mut b = IncidentBuilder::new(Settings::default());
        let read = read_paths(&[path.to_path_buf()], &ReadOptions::default());
        for raw in read.filter_map(Result::ok) {
            let doc = extractor.extract(&raw);
            b.add_article(ArticleInfo::from_document(&doc));
            for r in reports(&doc, &raw.text) {
                b.add(r);
            }
        }
        b
    }

    /// Against scoring every pair within reach: the index gives every pair
    /// with a score other than 0 (with that score), and every cannot-link
    /// inside a set of reports that positive scores join. Returns the
    /// number of positive pairs.
    fn check(b: &IncidentBuilder) -> usize {
        let p = b.prepared();
        let scorer = p.scorer();
        let n = p.reports.len();
        let all = vec![true; n];
        let mut got = scorer.candidate_scores(&all);
        scorer.add_cannot_links(&mut got, &all);
        let mut parent: Vec<usize> = (0..n).collect();
        for (&(a, b), s) in &got {
            if s.is_some_and(|s| s > 0.0) {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
        let reach = Settings::default().link_reach_days();
        let mut positive = 0;
        for a in 0..n {
            for b in a + 1..n {
                let (Some(x), Some(y)) = (span(&p.preps[a]), span(&p.preps[b])) else {
                    continue;
                };
                if !within(x, y, reach) {
                    continue;
                }
                let joined = root(&mut parent, a) == root(&mut parent, b);
                match scorer.pair(a, b) {
                    Some(s) if s != 0.0 => {
                        assert_eq!(got.get(&(a, b)), Some(&Some(s)), "{a} {b}");
                        positive += usize::from(s > 0.0);
                    }
                    None if joined => assert_eq!(got.get(&(a, b)), Some(&None), "{a} {b}"),
                    _ => {}
                }
            }
        }
        positive
    }

    #[test]
    fn reports_taken_from_the_builder_prepare_what_copies_do() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let copying = builder_of(&root.join("corpus/demo"));
        let mut taking = copying.clone();
        let (p, q) = (copying.prepared(), taking.take_prepared());
        assert!(taking.is_empty(), "the reports stay in the builder");
        assert!(p.reports.len() >= 40, "{}", p.reports.len());
        assert_eq!(p.reports, q.reports);
        let json = |b: &IncidentBuilder, p: &Prepared| {
            serde_json::to_string(&b.incidents_with(p, None)).unwrap()
        };
        assert_eq!(json(&copying, &p), json(&taking, &q));
        let new: std::collections::BTreeSet<String> = p
            .reports
            .iter()
            .step_by(5)
            .map(|r| r.article.clone())
            .collect();
        let linked = copying.linked_with(&p, &new);
        assert!(linked.len() > new.len(), "the new articles link to nothing");
        assert_eq!(linked, taking.linked_with(&q, &new));
    }

    #[test]
    fn the_index_misses_no_pair_that_counts() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut both = builder_of(&root.join("corpus/demo"));
        assert!(both.len() >= 40, "{}", both.len());
        let own = builder_of(&root.join("corpus/owndev"));
        for r in &own.reports {
            both.add(r.clone());
        }
        for a in own.articles.values() {
            both.add_shared_article(a.clone());
        }
        let d = check(&both);
        eprintln!("demo and owndev positive pairs {d}");
        assert!(d >= 3, "{d}");
        let dev = root.join("../shared/corpus/real/dev/dev.jsonl");
        if dev.exists() {
            let v = check(&builder_of(&dev));
            eprintln!("dev positive pairs {v}");
            assert!(v >= 20, "{v}");
        }
    }
}
