//! What an update of persisted incidents needs from the builder: the days an
//! article's reports can link over, and which articles new ones link to.

use super::{day, span, story_links, IncidentBuilder, Prepared, Scorer, Settings};
use crate::report::Report;
use crate::story::ArticleInfo;
use std::collections::BTreeSet;

/// The day spans over which an article's reports can link (its reports'
/// dates as the clustering reads them, inert ones left out) and its
/// publication day (its story links within
/// [`Settings::STORY_WINDOW_DAYS`] of it).
pub fn link_spans(settings: Settings, info: &ArticleInfo, reports: &[Report]) -> Vec<(i32, i32)> {
    let mut b = IncidentBuilder::new(settings);
    b.add_article(ArticleInfo {
        words: Vec::new(),
        ..info.clone()
    });
    let mut out: Vec<(i32, i32)> = reports
        .iter()
        .filter_map(|r| span(&b.prep(r, 0, None)))
        .collect();
    if let Some(p) = info.published.as_deref().and_then(day) {
        out.push((p, p));
    }
    out.sort();
    out.dedup();
    out
}

impl IncidentBuilder {
    /// The articles whose reports or stories have a positive score with a
    /// report or story of the `new` articles, the new ones included: an
    /// update re-groups them (with the incidents holding them) and leaves
    /// every other incident as it is (a new report can only join incidents
    /// it scores with; its cannot-links only keep it apart).
    pub fn linked(&self, new: &BTreeSet<String>) -> BTreeSet<String> {
        self.linked_with(&self.prepared(), new)
    }

    /// [`IncidentBuilder::linked`] over reports already prepared (so an
    /// update that loads nothing more prepares its window once).
    pub(crate) fn linked_with(&self, p: &Prepared, new: &BTreeSet<String>) -> BTreeSet<String> {
        let scorer = p.scorer();
        let fresh: Vec<bool> = p.reports.iter().map(|r| new.contains(&r.article)).collect();
        let scores = scorer.candidate_scores(&fresh);
        let mut out = new.clone();
        // Only positive scores: a cannot-link (two places far apart) keeps
        // incidents apart that are apart already.
        for (&(i, j), _) in scores.iter().filter(|(_, s)| s.is_some_and(|s| s > 0.0)) {
            out.insert(p.reports[i].article.clone());
            out.insert(p.reports[j].article.clone());
        }
        self.linked_stories(p, &scorer, new, &mut out);
        out
    }

    /// Story links of articles with no report: a new one to its closest main
    /// report, an older one to a new main report close enough to take it.
    fn linked_stories(
        &self,
        p: &Prepared,
        scorer: &Scorer,
        new: &BTreeSet<String>,
        out: &mut BTreeSet<String>,
    ) {
        let with_reports: BTreeSet<&str> = p.reports.iter().map(|r| r.article.as_str()).collect();
        let all = vec![true; p.reports.len()];
        let new_mains: Vec<(usize, i32)> = (0..p.preps.len())
            .filter(|&i| p.preps[i].main && new.contains(&p.reports[i].article))
            .filter_map(|i| Some((p.preps[i].story?, p.preps[i].published?)))
            .collect();
        for (s, id) in p.story_ids.iter().enumerate() {
            if with_reports.contains(id.as_str()) {
                continue;
            }
            let Some(pd) = self.articles[id].published.as_deref().and_then(day) else {
                continue;
            };
            if new.contains(id) {
                if let Some(m) = scorer.closest_main(s, pd, &all) {
                    out.insert(p.reports[m].article.clone());
                }
            } else if new_mains.iter().any(|&(t, qd)| {
                (pd - qd).abs() <= Settings::STORY_WINDOW_DAYS
                    && story_links(scorer.stories.cosine(s, t))
            }) {
                out.insert(id.clone());
            }
        }
    }
}
