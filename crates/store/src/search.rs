//! Ranked full-text search (BM25, top-k by block-max WAND over the index of
//! [`crate::fulltext`]), with filters, paging and snippets.
//!
//! The query goes through the same normalization and clitic splitting as the
//! index (and through clitic readings and names, see [`crate::query`]), so
//! `الرقه` finds `الرقة` and `بالرقة`, `بإدلب` finds `إدلب`, a plain query finds
//! diacritized text, and Arabic-Indic digits find ASCII ones. Every term is
//! quoted, so FTS5 syntax in user input (`"`, `*`, `NEAR`, `-`, `:`) is
//! searched for as text, never interpreted.

use crate::prepare::{outlet_key, snippet_terms, SnippetBase};
use crate::snippet::{cut_terms, Snippet};
use crate::{Store, StoreError};
use rusqlite::OptionalExtension;
use serde::Serialize;
use std::collections::HashSet;

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
    /// Relevance (higher is better): the index's BM25 score (the title
    /// counted [`crate::fulltext::TITLE_REPEATS`] times).
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

/// What a hit shows, for one article: the snippet is cut from the packed
/// text and body ([`crate::pack`]), its terms and spans derived from them
/// ([`crate::prepare::snippet_terms`]).
const DETAILS: &str = "SELECT id, title, outlet, published, url, packed
     FROM articles WHERE rowid = ?1";

impl Store {
    /// The FTS5 expression of a user query read with this index's term counts
    /// ([`crate::query`]), and the index terms it looks for; `None` when the
    /// query has no words.
    pub fn expression(&self, text: &str) -> Result<Option<(String, HashSet<String>)>, StoreError> {
        Ok(self.parsed(text)?.expression())
    }

    /// A user query read with this index's term counts ([`crate::query`]):
    /// each term's article count in the search index.
    pub fn parsed(&self, text: &str) -> Result<crate::query::Parsed, StoreError> {
        let searcher = self.fulltext.searcher();
        let mut failed = None;
        let mut df = |term: &str| -> u64 {
            match self.fulltext.doc_freq(&searcher, term) {
                Ok(n) => n,
                Err(e) => {
                    failed.get_or_insert(e);
                    0
                }
            }
        };
        let parsed = crate::query::parse(text, &mut df);
        if let Some(e) = failed {
            return Err(e);
        }
        Ok(parsed)
    }

    /// Runs a search: best hits first, at most `q.limit`.
    pub fn search(&self, q: &Query) -> Result<Vec<Hit>, StoreError> {
        self.search_page(q, 0)
    }

    /// Runs a search and returns the hits ranked `offset + 1 ..= offset +
    /// q.limit` (a later page of the same order; equal scores are ordered by
    /// storage order, so pages neither overlap nor skip).
    pub fn search_page(&self, q: &Query, offset: usize) -> Result<Vec<Hit>, StoreError> {
        let parsed = self.parsed(&q.text)?;
        let (_, wanted) = parsed.expression().ok_or(StoreError::EmptyQuery)?;
        let query = self.fulltext.query(&parsed).ok_or(StoreError::EmptyQuery)?;
        let wanted: Vec<&[u8]> = wanted.iter().map(|w| w.as_bytes()).collect();
        let outlet = q.outlet.as_deref().map(outlet_key);
        let want = offset.saturating_add(q.limit);
        let mut keep = want.saturating_mul(2).saturating_add(10);
        loop {
            let ranked = self.rank(
                query.as_ref(),
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
        for (rowid, score) in ranked {
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
            let article = crate::pack::unpack_in(&self.conn, &packed)?;
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
                score,
                snippet,
                base: st.base.as_str(),
                copies: Vec::new(),
            });
            prints.push(print);
        }
        Ok(hits)
    }

    /// The `keep` best matches of `query` passing the filters, as (rowid,
    /// score), best first: top-k from the index ([`crate::fulltext`]), with
    /// the filters checked in memory ([`crate::filter`]) as matches are
    /// collected.
    fn rank(
        &self,
        query: &dyn tantivy::query::Query,
        from: Option<&str>,
        to: Option<&str>,
        outlet: Option<&str>,
        keep: usize,
    ) -> Result<Vec<(i64, f64)>, StoreError> {
        // Articles committed since the index last caught up are indexed now.
        self.fulltext.sync(&self.conn)?;
        let keeps = if from.is_some() || to.is_some() || outlet.is_some() {
            // Read after the index caught up: every article it holds is
            // known (one committed later is not seen by this search).
            let mut columns = self.columns.borrow_mut();
            columns.refresh(&self.conn)?;
            Some(columns.passing(from, to, outlet))
        } else {
            None
        };
        self.fulltext.top(query, keep, keeps)
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

    /// The matching articles passing the filters, by SQL over FTS5 (the
    /// same analysis, matched by another engine), sorted by id.
    fn reference(s: &Store, q: &Query) -> Vec<String> {
        let (expr, _) = s.expression(&q.text).unwrap().unwrap();
        s.fts_for_tests();
        let sql = "SELECT a.id FROM article_fts JOIN articles a ON a.rowid = article_fts.rowid
             WHERE article_fts MATCH ?1
               AND (?2 IS NULL OR a.published_day >= ?2)
               AND (?3 IS NULL OR a.published_day <= ?3)
               AND (?4 IS NULL OR a.outlet_key = ?4)
             ORDER BY a.id";
        let outlet = q.outlet.as_deref().map(outlet_key);
        let mut st = s.conn.prepare(sql).unwrap();
        let rows = st
            .query_map(rusqlite::params![expr, q.from, q.to, outlet], |r| r.get(0))
            .unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    /// Every match, scored exhaustively by the index (no top-k pruning),
    /// best first, equal scores in index order.
    fn exhaustive(s: &Store, text: &str) -> Vec<(i64, f64)> {
        let parsed = s.parsed(text).unwrap();
        let query = s.fulltext.query(&parsed).unwrap();
        let searcher = s.fulltext.reader_for_tests().searcher();
        let all = searcher
            .search(query.as_ref(), &tantivy::collector::DocSetCollector)
            .unwrap();
        let mut scored: Vec<(f32, tantivy::DocAddress)> = all
            .into_iter()
            .map(|a| {
                let e = query.explain(&searcher, a).unwrap();
                (e.value(), a)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .map(|(sc, a)| {
                let col = searcher
                    .segment_reader(a.segment_ord)
                    .fast_fields()
                    .u64("rowid")
                    .unwrap();
                (col.first(a.doc_id).unwrap() as i64, f64::from(sc))
            })
            .collect()
    }

    #[test]
    fn ranking_and_filters_equal_the_references() {
        let mut s = varied(90);
        let mut compared = 0;
        let mut run = |s: &Store| {
            for text in [
                "قصف",
                "حلب قصف",
                "مدنيين",
                "ادلب داعش",
                "رقم",
                "قصف OR غارات",
                "\"حلب مدنيين\"",
                "قصف -حلب",
            ] {
                // The best-first order of every match, scored exhaustively.
                let order = exhaustive(s, text);
                for (from, to, outlet) in [
                    (None, None, None),
                    (Some("2017-01-01"), None, None),
                    (None, Some("2017-06-30"), None),
                    (Some("2016-03-01"), Some("2017-12-31"), Some("عنب  بلدي")),
                    (None, None, Some("الوطن")),
                    (None, None, Some("زمان الوصل")),
                ] {
                    let mut q = Query {
                        text: text.into(),
                        limit: 1000,
                        from: from.map(Into::into),
                        to: to.map(Into::into),
                        outlet: outlet.map(Into::into),
                    };
                    let all = s.search(&q).unwrap();
                    let mut found = ids(&all);
                    found.sort();
                    assert_eq!(found, reference(s, &q), "{q:?}: the matches FTS5 finds");
                    let rowid = |id: &str| -> i64 {
                        s.conn
                            .query_row("SELECT rowid FROM articles WHERE id = ?1", [id], |r| {
                                r.get(0)
                            })
                            .unwrap()
                    };
                    let kept: Vec<i64> = all.iter().map(|h| rowid(&h.id)).collect();
                    let want: Vec<(i64, f64)> = order
                        .iter()
                        .filter(|(r, _)| kept.contains(r))
                        .copied()
                        .collect();
                    let got: Vec<(i64, f64)> =
                        all.iter().map(|h| (rowid(&h.id), h.score)).collect();
                    assert_eq!(got, want, "{q:?}: best first, as scored exhaustively");
                    for (limit, offset) in [(10, 0), (7, 5), (3, 40)] {
                        q.limit = limit;
                        let page = s.search_page(&q, offset).unwrap();
                        let end = (offset + limit).min(all.len());
                        let start = offset.min(end);
                        assert_eq!(ids(&page), ids(&all[start..end]), "{q:?} at {offset}");
                    }
                    compared += all.len();
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
        let stmt = s.conn.prepare_cached(DETAILS).unwrap();
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
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
