//! Incremental, order-independent grouping of reports into incidents.
//!
//! Two reports *can* be one incident when they agree on the event type, their
//! dates meet (within the precision both allow, ± a tolerance), their most
//! specific places agree (same, one inside the other, or near), and their
//! actors do not contradict. Taking the connected components of that relation
//! would chain distinct incidents (a strike on the 10th, a report dated the
//! 11th, another strike on the 12th), so grouping runs in two phases:
//!
//! 1. reports dated to the same day that can be one incident are linked in a
//!    union-find as they arrive (the components do not depend on order);
//! 2. when incidents are read, each *weak* group — no explicitly dated report,
//!    or dated only to a week or month — joins the strongest group it can be one
//!    incident with (explicitly dated first, then more reports, then the
//!    smaller id), and only a stronger one, so the attachments form no cycle.
//!
//! Both phases are functions of the set of reports, so the result is the same
//! whatever order reports arrive in.

use crate::place;
use crate::report::Report;
use crate::summary::{summarize, Incident};
use crate::when::Interval;
use rasad_record::Basis;
use std::collections::BTreeMap;

/// Thresholds of the matching rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Days two day-precise dates may differ by (default 1).
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

/// Builds incidents from reports, one report at a time.
#[derive(Debug, Clone, Default)]
pub struct IncidentBuilder {
    settings: Settings,
    reports: Vec<Report>,
    intervals: Vec<Option<Interval>>,
    parent: Vec<usize>,
    /// (type, first day) → reports, for the date window search.
    index: BTreeMap<(String, i32), Vec<usize>>,
    longest: i32,
}

/// How strong a group is: explicitly dated to a day, its size, then the
/// smaller first report key.
type Rank = (bool, usize, std::cmp::Reverse<(String, usize)>);

fn contradict(a: &[String], b: &[String]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.contains(x))
}

/// True when two reports can be the same incident.
pub fn same_incident(a: &Report, ia: &Interval, b: &Report, ib: &Interval, s: &Settings) -> bool {
    // Two explicit day dates must agree exactly (two car bombs a day apart are
    // two incidents); the tolerance absorbs relative dates resolved against
    // publication dates that differ.
    let explicit =
        |r: &Report, i: &Interval| r.date_basis == Some(Basis::Explicit) && i.days() == 1;
    let tolerance = if explicit(a, ia) && explicit(b, ib) {
        0
    } else {
        s.day_tolerance
    };
    a.kind == b.kind
        && a.article != b.article
        && ia.meets(ib, tolerance)
        && place::compatible(&a.places, &b.places, s.max_km)
        && !(contradict(&a.actor1, &b.actor1) && contradict(&a.actor2, &b.actor2))
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

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index becomes the root: deterministic.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }

    fn candidates(&self, kind: &str, iv: &Interval) -> impl Iterator<Item = usize> + '_ {
        let tol = self.settings.day_tolerance;
        let lo = (kind.to_string(), iv.first - tol - self.longest);
        let hi = (kind.to_string(), iv.last + tol);
        self.index
            .range(lo..=hi)
            .flat_map(|(_, v)| v.iter().copied())
    }

    /// Adds one report, linking it to the reports of the same day it can be
    /// one incident with.
    pub fn add(&mut self, report: Report) {
        let i = self.reports.len();
        let iv = report
            .date
            .as_deref()
            .and_then(Interval::parse)
            .filter(|iv| iv.days() <= self.settings.max_interval_days);
        self.parent.push(i);
        if let Some(iv) = iv {
            if iv.days() == 1 {
                let same_day: Vec<usize> = self
                    .candidates(&report.kind, &iv)
                    .filter(|&j| self.intervals[j] == Some(iv))
                    .filter(|&j| same_incident(&report, &iv, &self.reports[j], &iv, &self.settings))
                    .collect();
                for j in same_day {
                    self.union(i, j);
                }
            }
            self.index
                .entry((report.kind.clone(), iv.first))
                .or_default()
                .push(i);
            self.longest = self.longest.max(iv.days());
        }
        self.intervals.push(iv);
        self.reports.push(report);
    }

    fn key(&self, i: usize) -> (&str, usize) {
        (&self.reports[i].article, self.reports[i].event_index)
    }

    /// Phase 2: the group each group finally belongs to.
    fn attach(&mut self) -> Vec<usize> {
        let n = self.reports.len();
        let roots: Vec<usize> = (0..n).map(|i| self.find(i)).collect();
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, &r) in roots.iter().enumerate() {
            members.entry(r).or_default().push(i);
        }
        // Rank of a group: explicitly dated to a day, size, then the smaller key.
        let anchored = |b: &Self, m: &[usize]| {
            m.iter().any(|&i| {
                b.reports[i].date_basis == Some(Basis::Explicit)
                    && b.intervals[i].is_some_and(|iv| iv.days() == 1)
            })
        };
        let mut rank: BTreeMap<usize, Rank> = BTreeMap::new();
        for (&r, m) in &members {
            let min = m.iter().map(|&i| self.key(i)).min().expect("non-empty");
            rank.insert(
                r,
                (
                    anchored(self, m),
                    m.len(),
                    std::cmp::Reverse((min.0.to_string(), min.1)),
                ),
            );
        }
        let mut target: BTreeMap<usize, usize> = BTreeMap::new();
        for (&r, m) in &members {
            if rank[&r].0 {
                continue; // anchored groups stay as they are
            }
            let mut best: Option<usize> = None;
            for &i in m {
                let Some(iv) = self.intervals[i] else {
                    continue;
                };
                for j in self.candidates(&self.reports[i].kind, &iv) {
                    let rj = roots[j];
                    if rj == r
                        || rank[&rj] <= rank[&r]
                        || best.is_some_and(|b| rank[&b] >= rank[&rj])
                    {
                        continue;
                    }
                    let Some(jv) = self.intervals[j] else {
                        continue;
                    };
                    if same_incident(&self.reports[i], &iv, &self.reports[j], &jv, &self.settings) {
                        best = Some(rj);
                    }
                }
            }
            if let Some(b) = best {
                target.insert(r, b);
            }
        }
        // Follow attachments to their end (they only go to higher ranks).
        roots
            .iter()
            .map(|&r| {
                let mut t = r;
                while let Some(&next) = target.get(&t) {
                    t = next;
                }
                t
            })
            .collect()
    }

    /// The incidents so far, each with its reports, ordered by date then id.
    pub fn incidents(&mut self) -> Vec<Incident> {
        let group = self.attach();
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, g) in group.into_iter().enumerate() {
            groups.entry(g).or_default().push(i);
        }
        let mut out: Vec<Incident> = groups
            .values()
            .map(|members| {
                let reports: Vec<&Report> = members.iter().map(|&m| &self.reports[m]).collect();
                summarize(&reports)
            })
            .collect();
        out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        out
    }
}
