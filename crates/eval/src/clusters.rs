//! Scoring incident linking: which articles report the same incident.
//!
//! The gold is a TSV of `article id <TAB> cluster id` (one line per article;
//! a header line whose first field is `article`, `id` or `file`, blank lines
//! and `#` comments are skipped; an article id ending in `.txt` is read
//! without it). A cluster id that is empty or `-` means the article reports
//! no incident of the set: it is its own singleton, linked to nothing.
//!
//! The system side gives each article the set of incidents it reports. An
//! article with several incidents (a main incident plus recaps or side events)
//! is counted in two ways:
//!
//! - **main** (the headline score): each article counts once, in the incident
//!   of its main event (its lead story); articles with no incident are
//!   singletons;
//! - **any**: two articles are linked when they share *any* incident, so a
//!   recap that drags an article into another incident costs precision.
//!
//! Both are reported with pairwise precision/recall/F1 (over unordered article
//! pairs) and B-cubed precision/recall/F1 (per article: the share of the
//! articles linked to it that are in its gold cluster, and the share of its
//! gold cluster linked to it, averaged over articles). Only articles listed in
//! the gold are scored; a listed article missing from the system output is a
//! singleton.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// Scores of one way of counting.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct LinkScores {
    pub pairwise: Prf,
    pub bcubed: Prf,
    /// Gold pairs, system pairs (among gold articles) and pairs in both.
    pub gold_pairs: usize,
    pub system_pairs: usize,
    pub correct_pairs: usize,
    /// Gold clusters of two or more articles all linked together.
    pub whole: usize,
    /// Whole gold clusters whose articles are linked to no article of another
    /// gold cluster or singleton.
    pub whole_and_pure: usize,
    /// Gold singletons (decoys) linked to some other article.
    pub singletons_linked: usize,
}

/// The result of [`score_clusters`].
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ClusterReport {
    pub articles: usize,
    /// Gold clusters of two or more articles.
    pub gold_clusters: usize,
    pub gold_singletons: usize,
    /// Each article counted in its main incident.
    pub main: LinkScores,
    /// Articles linked when they share any incident.
    pub any: LinkScores,
    /// Gold articles absent from the system output.
    pub missing: Vec<String>,
}

/// Reads a gold cluster TSV (see the module docs): article id → cluster id,
/// `None` for an article of no incident.
pub fn parse_clusters(text: &str) -> Result<BTreeMap<String, Option<String>>, String> {
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or("").trim();
        let cluster = fields.next().map(str::trim).unwrap_or("");
        if n == 0 && matches!(id, "article" | "id" | "file") {
            continue;
        }
        if id.is_empty() {
            return Err(format!("line {}: no article id", n + 1));
        }
        let id = id.strip_suffix(".txt").unwrap_or(id).to_string();
        let cluster = (!cluster.is_empty() && cluster != "-").then(|| cluster.to_string());
        if out.insert(id.clone(), cluster).is_some() {
            return Err(format!("line {}: article {id} listed twice", n + 1));
        }
    }
    Ok(out)
}

/// Scores a system's incidents against gold clusters. `main` gives each
/// article its main incident, `any` every incident it reports (either may
/// lack articles: they are singletons).
pub fn score_clusters(
    gold: &BTreeMap<String, Option<String>>,
    main: &BTreeMap<String, String>,
    any: &BTreeMap<String, BTreeSet<String>>,
) -> ClusterReport {
    let ids: Vec<&String> = gold.keys().collect();
    let mut sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for c in gold.values().flatten() {
        *sizes.entry(c).or_default() += 1;
    }
    let gold_clusters = sizes.values().filter(|&&n| n >= 2).count();
    let gold_singletons = gold
        .values()
        .filter(|c| c.as_deref().is_none_or(|c| sizes[c] < 2))
        .count();
    let main_sets: BTreeMap<String, BTreeSet<String>> = main
        .iter()
        .map(|(a, c)| (a.clone(), BTreeSet::from([c.clone()])))
        .collect();
    let missing = ids
        .iter()
        .filter(|a| !any.contains_key(**a) && !main.contains_key(**a))
        .map(|a| a.to_string())
        .collect();
    ClusterReport {
        articles: ids.len(),
        gold_clusters,
        gold_singletons,
        main: link_scores(gold, &main_sets),
        any: link_scores(gold, any),
        missing,
    }
}

fn link_scores(
    gold: &BTreeMap<String, Option<String>>,
    system: &BTreeMap<String, BTreeSet<String>>,
) -> LinkScores {
    let ids: Vec<&String> = gold.keys().collect();
    let n = ids.len();
    let same_gold = |i: usize, j: usize| {
        i == j || matches!((&gold[ids[i]], &gold[ids[j]]), (Some(a), Some(b)) if a == b)
    };
    let empty = BTreeSet::new();
    let labels: Vec<&BTreeSet<String>> = ids
        .iter()
        .map(|a| system.get(*a).unwrap_or(&empty))
        .collect();
    let linked = |i: usize, j: usize| i == j || !labels[i].is_disjoint(labels[j]);

    let (mut gp, mut sp, mut cp) = (0, 0, 0);
    let (mut bp, mut br) = (0.0, 0.0);
    for i in 0..n {
        let (mut sys, mut gld, mut both) = (0usize, 0usize, 0usize);
        for j in 0..n {
            let (g, s) = (same_gold(i, j), linked(i, j));
            sys += usize::from(s);
            gld += usize::from(g);
            both += usize::from(g && s);
            if j > i {
                gp += usize::from(g);
                sp += usize::from(s);
                cp += usize::from(g && s);
            }
        }
        bp += both as f64 / sys as f64;
        br += both as f64 / gld as f64;
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let nf = n.max(1) as f64;

    let mut clusters: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in ids.iter().enumerate() {
        if let Some(c) = &gold[*a] {
            clusters.entry(c).or_default().push(i);
        }
    }
    let (mut whole, mut pure, mut singletons_linked) = (0, 0, 0);
    for m in clusters.values() {
        if m.len() < 2 {
            continue;
        }
        let all = m.iter().all(|&i| m.iter().all(|&j| linked(i, j)));
        if all {
            whole += 1;
            if m.iter()
                .all(|&i| (0..n).all(|j| !linked(i, j) || m.contains(&j)))
            {
                pure += 1;
            }
        }
    }
    for i in 0..n {
        let single = (0..n).all(|j| j == i || !same_gold(i, j));
        if single && (0..n).any(|j| j != i && linked(i, j)) {
            singletons_linked += 1;
        }
    }
    LinkScores {
        pairwise: Prf::new(ratio(cp, sp), ratio(cp, gp)),
        bcubed: Prf::new(bp / nf, br / nf),
        gold_pairs: gp,
        system_pairs: sp,
        correct_pairs: cp,
        whole,
        whole_and_pure: pure,
        singletons_linked,
    }
}

impl ClusterReport {
    /// The report as a small table.
    pub fn render(&self) -> String {
        let mut s = format!(
            "articles {} · gold clusters {} · gold singletons {}\n",
            self.articles, self.gold_clusters, self.gold_singletons
        );
        s.push_str(
            "count  pair_P  pair_R  pair_F1  b3_P   b3_R   b3_F1  whole  pure  singletons_linked\n",
        );
        for (name, l) in [("main", &self.main), ("any", &self.any)] {
            s.push_str(&format!(
                "{:<5}  {:.3}   {:.3}   {:.3}    {:.3}  {:.3}  {:.3}  {:>2}/{:<2}  {:>2}    {}\n",
                name,
                l.pairwise.precision,
                l.pairwise.recall,
                l.pairwise.f1,
                l.bcubed.precision,
                l.bcubed.recall,
                l.bcubed.f1,
                l.whole,
                self.gold_clusters,
                l.whole_and_pure,
                l.singletons_linked
            ));
        }
        if !self.missing.is_empty() {
            s.push_str(&format!(
                "not in the system output (singletons): {}\n",
                self.missing.join(" ")
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(rows: &[(&str, &str)]) -> BTreeMap<String, Option<String>> {
        parse_clusters(
            &rows
                .iter()
                .map(|(a, c)| format!("{a}\t{c}\n"))
                .collect::<String>(),
        )
        .unwrap()
    }

    fn main(rows: &[(&str, &str)]) -> BTreeMap<String, String> {
        rows.iter()
            .map(|(a, c)| (a.to_string(), c.to_string()))
            .collect()
    }

    fn any(rows: &[(&str, &[&str])]) -> BTreeMap<String, BTreeSet<String>> {
        rows.iter()
            .map(|(a, c)| (a.to_string(), c.iter().map(|x| x.to_string()).collect()))
            .collect()
    }

    #[test]
    fn parsing_skips_headers_and_reads_singletons() {
        let g =
            parse_clusters("file\tcluster\n001.txt\tA\n002\t-\n# note\n\n003\t\n004\tA\n").unwrap();
        assert_eq!(g.len(), 4);
        assert_eq!(g["001"].as_deref(), Some("A"));
        assert_eq!(g["002"], None);
        assert_eq!(g["003"], None);
        assert!(parse_clusters("a\tX\na\tY\n").is_err());
    }

    #[test]
    fn perfect_linking_scores_one() {
        let g = gold(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "2"), ("e", "-")]);
        let m = main(&[("a", "x"), ("b", "x"), ("c", "y"), ("d", "y"), ("e", "z")]);
        let r = score_clusters(&g, &m, &any(&[]));
        assert_eq!(r.main.pairwise.f1, 1.0);
        assert_eq!(r.main.bcubed.f1, 1.0);
        assert_eq!((r.main.whole, r.main.whole_and_pure), (2, 2));
        assert_eq!(r.gold_singletons, 1);
        assert_eq!(r.main.singletons_linked, 0);
    }

    #[test]
    fn a_merge_and_a_split_cost_what_they_should() {
        // Gold {a,b,c} {d}; system {a,b} {c,d}.
        let g = gold(&[("a", "1"), ("b", "1"), ("c", "1"), ("d", "-")]);
        let m = main(&[("a", "x"), ("b", "x"), ("c", "y"), ("d", "y")]);
        let r = score_clusters(&g, &m, &any(&[]));
        // Pairs: gold ab ac bc; system ab cd; correct ab.
        assert_eq!(
            (r.main.gold_pairs, r.main.system_pairs, r.main.correct_pairs),
            (3, 2, 1)
        );
        assert!((r.main.pairwise.precision - 0.5).abs() < 1e-9);
        assert!((r.main.pairwise.recall - 1.0 / 3.0).abs() < 1e-9);
        // B-cubed P: a 1, b 1, c 1/2, d 1/2 → 0.75; R: a 2/3, b 2/3, c 1/3, d 1 → 2/3.
        assert!((r.main.bcubed.precision - 0.75).abs() < 1e-9);
        assert!((r.main.bcubed.recall - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(r.main.whole, 0);
        assert_eq!(r.main.singletons_linked, 1);
    }

    #[test]
    fn any_counts_a_shared_side_incident() {
        let g = gold(&[("a", "1"), ("b", "1"), ("c", "-")]);
        let m = main(&[("a", "x"), ("b", "x"), ("c", "z")]);
        let a = any(&[("a", &["x"]), ("b", &["x", "w"]), ("c", &["z", "w"])]);
        let r = score_clusters(&g, &m, &a);
        assert_eq!(r.main.pairwise.precision, 1.0);
        assert!((r.any.pairwise.precision - 0.5).abs() < 1e-9);
        assert_eq!(r.any.singletons_linked, 1);
        assert_eq!((r.any.whole, r.any.whole_and_pure), (1, 0));
    }

    #[test]
    fn missing_articles_are_singletons() {
        let g = gold(&[("a", "1"), ("b", "1")]);
        let r = score_clusters(&g, &main(&[("a", "x")]), &any(&[]));
        assert_eq!(r.missing, vec!["b".to_string()]);
        assert_eq!(r.main.pairwise.recall, 0.0);
        assert_eq!(
            r.main.pairwise.precision, 1.0,
            "no system pair: nothing wrong"
        );
    }
}
