//! Ranked full-text search (FTS5's BM25, computed by [`crate::rank`]), with
//! filters, paging and snippets.
//!
//! The query goes through the same normalization and clitic splitting as the
//! index (and through clitic readings and names, see [`crate::query`]), so
//! `الرقه` finds `الرقة` and `بالرقة`, `بإدلب` finds `إدلب`, a plain query finds
//! diacritized text, and Arabic-Indic digits find ASCII ones. Every term is
//! quoted, so FTS5 syntax in user input (`"`, `*`, `NEAR`, `-`, `:`) is
//! searched for as text, never interpreted.

use crate::filter::keeps_stored;
use crate::prepare::{outlet_key, snippet_terms, SnippetBase};
use crate::snippet::{cut_terms, Snippet};
use crate::{Store, StoreError};
use rusqlite::OptionalExtension;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashSet};
use std::sync::LazyLock;

/// Weight of a title match relative to a body match in the ranking.
const TITLE_WEIGHT: f64 = 2.0;

/// A search request.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// What the user typed. All of its words must occur (title or body).
    pub text: String,
    /// Maximum number of hits.
    pub limit: usize,
    /// Earliest publication day (`YYYY-MM-DD`, inclusive). Articles whose day
    /// is unknown are left out when a day filter is given.
    pub from: Option<String>,
    /// Latest publication day (`YYYY-MM-DD`, inclusive).
    pub to: Option<String>,
    /// Outlet, compared after normalization.
    pub outlet: Option<String>,
}

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// TIMEX value of the publication time.
    pub published: Option<String>,
    pub url: Option<String>,
    /// Relevance (higher is better): the negated FTS5 bm25 score (as
    /// [`crate::rank`] computes it, equal to FTS5's `bm25()`).
    pub score: f64,
    /// The snippet around the first matching words.
    pub snippet: Snippet,
    /// Which string the snippet's spans count into: `text` (the original
    /// decoded text, as record spans do) or `body`.
    pub base: &'static str,
    /// Ids of lower-ranked near-copies of this article (the same wire text
    /// in other outlets: see [`near_copy`]), folded into this hit.
    pub copies: Vec<String>,
}

/// Bodies shorter than this (in index terms) are never taken for copies.
const COPY_MIN_TERMS: usize = 30;
/// Share of shared five-term shingles above which two bodies are copies.
const COPY_JACCARD: f64 = 0.8;

/// The five-term shingles of a body's index terms, hashed.
fn shingles(terms: &[u8]) -> Option<HashSet<u64>> {
    use std::hash::{Hash, Hasher};
    let words: Vec<&[u8]> = terms
        .split(|&b| b == b' ')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < COPY_MIN_TERMS {
        return None;
    }
    Some(
        words
            .windows(5)
            .map(|w| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                w.hash(&mut h);
                h.finish()
            })
            .collect(),
    )
}

/// Two bodies are near-copies when at least `COPY_JACCARD` of their
/// five-term shingles are shared (the same agency text with another
/// dateline, credit line or closing sentence).
pub fn near_copy(a: &HashSet<u64>, b: &HashSet<u64>) -> bool {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    union > 0 && shared as f64 >= COPY_JACCARD * union as f64
}

/// The FTS5 expression for a user query and the set of index terms it looks
/// for, without the index's counts (every word read literally: see
/// [`crate::query`]); `None` when the query has no words.
pub fn match_expression(query: &str) -> Option<(String, HashSet<String>)> {
    crate::query::parse(query, &mut |_| 0).expression()
}

/// Article count of one index term.
const TERM_DF: &str = "SELECT doc FROM temp.article_vocab WHERE term = ?1";

/// Every match with its score, in no order: filters and the choice of the
/// best are made while reading (see [`Store::search_page`]).
static RANK: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT rowid, {}(article_fts, {TITLE_WEIGHT}, 1.0) FROM article_fts
         WHERE article_fts MATCH ?1",
        crate::rank::FUNCTION
    )
});

/// What a hit shows, for one article: the snippet is cut from the packed
/// text and body ([`crate::pack`]), its terms and spans derived from them
/// ([`crate::prepare::snippet_terms`]).
const DETAILS: &str = "SELECT id, title, outlet, published, url, packed
     FROM articles WHERE rowid = ?1";

/// The `n` best of a stream of (score, rowid): lowest score first (FTS5
/// scores are negated relevance), equal scores in rowid order, so the order
/// is total and pages of it neither overlap nor skip.
struct Best {
    n: usize,
    heap: BinaryHeap<(Score, i64)>,
}

/// A score ordered as SQLite orders REAL values (they are never NaN here).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Score(f64);
impl Eq for Score {}
impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.partial_cmp(&other.0).unwrap_or(Ordering::Equal)
    }
}

impl Best {
    fn new(n: usize) -> Self {
        Best {
            n,
            heap: BinaryHeap::with_capacity(n.min(1024) + 1),
        }
    }

    fn push(&mut self, score: f64, rowid: i64) {
        let item = (Score(score), rowid);
        if self.heap.len() < self.n {
            self.heap.push(item);
        } else if self.heap.peek().is_some_and(|worst| item < *worst) {
            self.heap.pop();
            self.heap.push(item);
        }
    }

    fn into_sorted(self) -> Vec<(i64, f64)> {
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|(s, id)| (id, s.0))
            .collect()
    }
}

impl Store {
    /// The FTS5 expression of a user query read with this index's term counts
    /// ([`crate::query`]), and the index terms it looks for; `None` when the
    /// query has no words.
    pub fn expression(&self, text: &str) -> Result<Option<(String, HashSet<String>)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(TERM_DF)?;
        let mut failed = None;
        let mut df = |term: &str| -> u64 {
            match stmt.query_row([term], |r| r.get::<_, i64>(0)).optional() {
                Ok(n) => n.unwrap_or(0).max(0) as u64,
                Err(e) => {
                    failed.get_or_insert(e);
                    0
                }
            }
        };
        let parsed = crate::query::parse(text, &mut df);
        if let Some(e) = failed {
            return Err(e.into());
        }
        Ok(parsed.expression())
    }

    /// Runs a search: best hits first, at most `q.limit`.
    pub fn search(&self, q: &Query) -> Result<Vec<Hit>, StoreError> {
        self.search_page(q, 0)
    }

    /// Runs a search and returns the hits ranked `offset + 1 ..= offset +
    /// q.limit` (a later page of the same order; equal scores are ordered by
    /// storage order, so pages neither overlap nor skip).
    pub fn search_page(&self, q: &Query, offset: usize) -> Result<Vec<Hit>, StoreError> {
        let (expr, wanted) = self.expression(&q.text)?.ok_or(StoreError::EmptyQuery)?;
        let wanted: Vec<&[u8]> = wanted.iter().map(|w| w.as_bytes()).collect();
        let outlet = q.outlet.as_deref().map(outlet_key);
        let want = offset.saturating_add(q.limit);
        let mut keep = want.saturating_mul(2).saturating_add(10);
        loop {
            let ranked = self.rank(
                &expr,
                q.from.as_deref(),
                q.to.as_deref(),
                outlet.as_deref(),
                keep,
            )?;
            let exhausted = ranked.len() < keep;
            let mut hits = self.fold_copies(ranked, &wanted, want)?;
            if hits.len() >= want || exhausted {
                return Ok(hits.split_off(offset.min(hits.len())));
            }
            keep = keep.saturating_mul(4);
        }
    }

    /// Hits of the ranked matches in order, each near-copy of a hit before
    /// it folded into that hit ([`near_copy`]); at most `want` hits.
    fn fold_copies(
        &self,
        ranked: Vec<(i64, f64)>,
        wanted: &[&[u8]],
        want: usize,
    ) -> Result<Vec<Hit>, StoreError> {
        let mut details = self.conn.prepare_cached(DETAILS)?;
        let mut hits: Vec<Hit> = Vec::new();
        let mut prints: Vec<Option<HashSet<u64>>> = Vec::new();
        for (rowid, bm25) in ranked {
            type Row = (
                String,
                Option<String>,
                Option<String>,
                Option<String>,
                Option<String>,
            );
            let Some((row, packed)) = details
                .query_row([rowid], |r| {
                    let row: Row = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
                    Ok((row, r.get::<_, Vec<u8>>(5)?))
                })
                .optional()?
            else {
                continue;
            };
            let (id, title, outlet, published, url) = row;
            let article = crate::pack::unpack(&packed)?;
            let st = snippet_terms(&article.text, &article.body);
            let print = shingles(st.terms.as_bytes());
            if let Some(p) = &print {
                let copy_of = prints
                    .iter()
                    .position(|q| q.as_ref().is_some_and(|q| near_copy(p, q)));
                if let Some(i) = copy_of {
                    hits[i].copies.push(id);
                    continue;
                }
            }
            if hits.len() >= want {
                continue;
            }
            let source = match st.base {
                SnippetBase::Text => &article.text,
                SnippetBase::Body => &article.body,
            };
            let snippet = cut_terms(source, st.terms.as_bytes(), &st.spans, wanted);
            hits.push(Hit {
                id,
                title,
                outlet,
                published,
                url,
                score: -bm25,
                snippet,
                base: st.base.as_str(),
                copies: Vec::new(),
            });
            prints.push(print);
        }
        Ok(hits)
    }

    /// The `keep` best matches of `expr` passing the filters, as (rowid,
    /// score), best first. Every match is scored (cheap, see
    /// [`crate::rank`]); filters are checked in memory
    /// ([`crate::filter`]); only `keep` matches are held at a time.
    fn rank(
        &self,
        expr: &str,
        from: Option<&str>,
        to: Option<&str>,
        outlet: Option<&str>,
        keep: usize,
    ) -> Result<Vec<(i64, f64)>, StoreError> {
        let mut columns = self.columns.borrow_mut();
        let filter = if from.is_some() || to.is_some() || outlet.is_some() {
            columns.refresh(&self.conn)?;
            Some(columns.filter(from, to, outlet))
        } else {
            None
        };
        let mut best = Best::new(keep);
        let mut stmt = self.conn.prepare_cached(&RANK)?;
        let mut rows = stmt.query([expr])?;
        while let Some(r) = rows.next()? {
            let rowid: i64 = r.get(0)?;
            if let Some(f) = &filter {
                let kept = match columns.keeps(rowid, f) {
                    Some(k) => k,
                    // Stored after the refresh above.
                    None => keeps_stored(&self.conn, rowid, from, to, outlet)?,
                };
                if !kept {
                    continue;
                }
            }
            best.push(r.get(1)?, rowid);
        }
        Ok(best.into_sorted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::prepare::prepare;
    use rasad_record::Document;

    /// Articles that all match `قصف`, many with the same score.
    fn store(n: usize, outlet: &str) -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let docs: Vec<_> = (0..n)
            .map(|i| {
                let mut d = Document::empty(format!("a{i}"));
                d.outlet = Some(outlet.into());
                // Three kinds of body: ties within each, different scores across.
                d.body = match i % 3 {
                    0 => format!("قصف على البلدة رقم {i}"),
                    1 => format!("قصف وقصف على المدينة رقم {i}"),
                    _ => format!("خبر طويل عن قصف في ريف المحافظة الشرقي رقم {i}"),
                };
                prepare(&d.body.clone(), "t.txt", &d).unwrap()
            })
            .collect();
        s.write_batch(&docs).unwrap();
        s
    }

    fn ids(hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| h.id.clone()).collect()
    }

    #[test]
    fn pages_follow_one_order_with_or_without_filters() {
        let s = store(30, "عنب بلدي");
        let q = |limit: usize, outlet: Option<&str>| Query {
            text: "قصف".into(),
            limit,
            outlet: outlet.map(Into::into),
            ..Query::default()
        };
        let all = s.search(&q(100, None)).unwrap();
        assert_eq!(all.len(), 30);
        assert!(
            all.windows(2).all(|w| w[0].score >= w[1].score),
            "best first"
        );
        let mut paged = Vec::new();
        for page in 0..4 {
            paged.extend(s.search_page(&q(8, None), page * 8).unwrap());
        }
        assert_eq!(ids(&paged), ids(&all), "pages neither overlap nor skip");
        // The filtered plan reads another table but keeps the same order.
        let filtered = s.search(&q(100, Some("عنب  بلدي"))).unwrap();
        assert_eq!(ids(&filtered), ids(&all));
        let second = s.search_page(&q(10, Some("عنب بلدي")), 10).unwrap();
        assert_eq!(ids(&second), ids(&all[10..20]));
        assert!(s.search(&q(10, Some("الوطن"))).unwrap().is_empty());
        assert!(s.search_page(&q(10, None), 30).unwrap().is_empty());
    }

    /// Articles with days, outlets and bodies drawn from small lists; some
    /// without a day or an outlet.
    fn varied(n: usize) -> Store {
        use rasad_record::{Basis, Calendar, Precision, Time};
        let words = ["قصف", "حلب", "مدنيين", "غارات", "ادلب", "داعش"];
        let outlets = ["عنب بلدي", "الوطن", "سانا"];
        let mut s = Store::open_in_memory().unwrap();
        let docs: Vec<_> = (0..n)
            .map(|i| {
                let mut d = Document::empty(format!("v{i}"));
                let body: Vec<&str> = (0..2 + i % 9)
                    .map(|k| words[(i + k * k) % words.len()])
                    .collect();
                d.body = format!("{} رقم {i}", body.join(" "));
                if i % 5 != 0 {
                    d.published = Some(Time {
                        value: Some(format!(
                            "201{}-{:02}-{:02}",
                            6 + i % 3,
                            1 + i % 12,
                            1 + i % 28
                        )),
                        precision: Precision::Day,
                        calendar: Calendar::Gregorian,
                        basis: Basis::Explicit,
                    });
                }
                if i % 7 != 0 {
                    d.outlet = Some(outlets[i % outlets.len()].into());
                }
                prepare(&d.body.clone(), "t.txt", &d).unwrap()
            })
            .collect();
        s.write_batch(&docs).unwrap();
        s
    }

    /// The ranking as one SQL statement over FTS5's own `bm25()` (what the
    /// store did before ranking in memory).
    fn reference(s: &Store, q: &Query, offset: usize) -> Vec<(String, f64)> {
        let (expr, _) = s.expression(&q.text).unwrap().unwrap();
        let sql = "SELECT a.id, bm25(article_fts, 2.0, 1.0) AS r
             FROM article_fts JOIN articles a ON a.rowid = article_fts.rowid
             WHERE article_fts MATCH ?1
               AND (?4 IS NULL OR a.published_day >= ?4)
               AND (?5 IS NULL OR a.published_day <= ?5)
               AND (?6 IS NULL OR a.outlet_key = ?6)
             ORDER BY r, article_fts.rowid LIMIT ?2 OFFSET ?3";
        let outlet = q.outlet.as_deref().map(outlet_key);
        let mut st = s.conn.prepare(sql).unwrap();
        let rows = st
            .query_map(
                rusqlite::params![expr, q.limit as i64, offset as i64, q.from, q.to, outlet],
                |r| Ok((r.get(0)?, -r.get::<_, f64>(1)?)),
            )
            .unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn ranking_and_filters_equal_the_sql_reference() {
        let mut s = varied(90);
        let mut compared = 0;
        let mut run = |s: &Store| {
            for text in ["قصف", "حلب قصف", "مدنيين", "ادلب داعش", "رقم"] {
                for (from, to, outlet) in [
                    (None, None, None),
                    (Some("2017-01-01"), None, None),
                    (None, Some("2017-06-30"), None),
                    (Some("2016-03-01"), Some("2017-12-31"), Some("عنب  بلدي")),
                    (None, None, Some("الوطن")),
                    (None, None, Some("زمان الوصل")),
                ] {
                    for (limit, offset) in [(10, 0), (7, 5), (100, 0), (3, 40)] {
                        let q = Query {
                            text: text.into(),
                            limit,
                            from: from.map(Into::into),
                            to: to.map(Into::into),
                            outlet: outlet.map(Into::into),
                        };
                        let got: Vec<(String, f64)> = s
                            .search_page(&q, offset)
                            .unwrap()
                            .into_iter()
                            .map(|h| (h.id, h.score))
                            .collect();
                        assert_eq!(got, reference(s, &q, offset), "{q:?} offset {offset}");
                        compared += got.len();
                    }
                }
            }
        };
        run(&s);
        // Articles stored after the filters were read are seen too.
        let more = varied(120);
        let extra: Vec<_> = (90..120)
            .map(|i| {
                let id = format!("v{i}");
                let (record, text) = more.article(&id).unwrap().unwrap();
                let d: Document = serde_json::from_str(&record).unwrap();
                prepare(&text, "t.txt", &d).unwrap()
            })
            .collect();
        s.write_batch(&extra).unwrap();
        run(&s);
        assert!(compared > 1000, "{compared}");
    }

    #[test]
    fn searches_are_not_prepared_again() {
        let s = store(12, "x");
        for (limit, offset) in [(5, 0), (7, 3), (1, 11), (100, 0)] {
            let q = Query {
                text: "قصف".into(),
                limit,
                ..Query::default()
            };
            let hits = s.search_page(&q, offset).unwrap();
            assert_eq!(hits.len(), limit.min(12 - offset));
        }
        // Store::open asks for plans independent of bound values; without
        // that, each new limit or rowid prepared these statements again.
        for sql in [RANK.as_str(), DETAILS] {
            let stmt = s.conn.prepare_cached(sql).unwrap();
            assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
        }
    }

    #[test]
    fn expressions_quote_every_term() {
        let (e, set) = match_expression("بالرقّة ٢٠١٨").unwrap();
        assert_eq!(e, "\"رقه\" AND \"2018\"");
        assert!(set.contains("رقه") && set.contains("2018"));
        let (e, _) = match_expression("داعشي OR \"NEAR(\" -قتل* col:x").unwrap();
        assert!(
            e.ends_with(" OR (\"near\" AND \"col\" AND \"x\")) NOT (\"قتل\")"),
            "{e}"
        );
        assert!(match_expression(" \"*\" - ").is_none());
    }
}
