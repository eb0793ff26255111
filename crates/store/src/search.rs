//! Ranked full-text search (FTS5's BM25, computed by [`crate::rank`]), with
//! filters, paging and snippets.
//!
//! The query goes through the same normalization and clitic splitting as the
//! index, so `الرقه` finds `الرقة` and `بالرقة`, a plain query finds
//! diacritized text, and Arabic-Indic digits find ASCII ones. Every term is
//! quoted, so FTS5 syntax in user input (`"`, `*`, `NEAR`, `-`, `:`) is
//! searched for as text, never interpreted.

use crate::prepare::{index_terms, outlet_key, SnippetBase};
use crate::snippet::{cut, Snippet};
use crate::{spans, Store, StoreError};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::collections::HashSet;
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
}

/// The FTS5 expression for a user query and the set of index terms it looks
/// for; `None` when the query has no words.
pub fn match_expression(query: &str) -> Option<(String, HashSet<String>)> {
    let (terms, _) = index_terms(query);
    if terms.is_empty() {
        return None;
    }
    let mut expr = String::with_capacity(terms.len() + 8);
    let mut set = HashSet::new();
    for t in terms.split(' ') {
        if !expr.is_empty() {
            expr.push(' ');
        }
        expr.push('"');
        expr.push_str(&t.replace('"', "\"\""));
        expr.push('"');
        set.insert(t.to_string());
    }
    Some((expr, set))
}

/// The ranking alone when no filter is given: FTS5 needs no other table, and
/// the sorter keeps only the best `limit + offset` small rows. Ties go to the
/// earlier article, so pages never overlap.
static RANK_ALL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT rowid, rasad_bm25(article_fts, {TITLE_WEIGHT}, 1.0) AS r
         FROM article_fts
         WHERE article_fts MATCH ?1
         ORDER BY r, rowid LIMIT ?2 OFFSET ?3"
    )
});

/// The ranking with date and outlet filters (read from `articles`).
static RANK_FILTERED: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT article_fts.rowid, rasad_bm25(article_fts, {TITLE_WEIGHT}, 1.0) AS r
         FROM article_fts JOIN articles a ON a.rowid = article_fts.rowid
         WHERE article_fts MATCH ?1
           AND (?4 IS NULL OR a.published_day >= ?4)
           AND (?5 IS NULL OR a.published_day <= ?5)
           AND (?6 IS NULL OR a.outlet_key = ?6)
         ORDER BY r, article_fts.rowid LIMIT ?2 OFFSET ?3"
    )
});

/// What a hit shows, for one article: the snippet's source string is read
/// only in the base the snippet spans count into.
const DETAILS: &str = "SELECT a.id, a.title, a.outlet, a.published, a.url, a.snippet_base,
        CASE a.snippet_base WHEN 'text' THEN a.text ELSE a.body END,
        a.token_spans, f.body
     FROM articles a JOIN article_fts f ON f.rowid = a.rowid
     WHERE a.rowid = ?1";

impl Store {
    /// Runs a search: best hits first, at most `q.limit`.
    pub fn search(&self, q: &Query) -> Result<Vec<Hit>, StoreError> {
        self.search_page(q, 0)
    }

    /// Runs a search and returns the hits ranked `offset + 1 ..= offset +
    /// q.limit` (a later page of the same order; equal scores are ordered by
    /// storage order, so pages neither overlap nor skip).
    pub fn search_page(&self, q: &Query, offset: usize) -> Result<Vec<Hit>, StoreError> {
        let (expr, wanted) = match_expression(&q.text).ok_or(StoreError::EmptyQuery)?;
        let outlet = q.outlet.as_deref().map(outlet_key);
        let limit = i64::try_from(q.limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        // First the ranking alone (small rows through the sorter), then the
        // details of the few hits kept.
        let filtered = q.from.is_some() || q.to.is_some() || outlet.is_some();
        let ranked: Vec<(i64, f64)> = if filtered {
            let mut rank = self.conn.prepare_cached(&RANK_FILTERED)?;
            let rows = rank.query_map(params![expr, limit, offset, q.from, q.to, outlet], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            rows.collect::<Result<_, _>>()?
        } else {
            let mut rank = self.conn.prepare_cached(&RANK_ALL)?;
            let rows =
                rank.query_map(params![expr, limit, offset], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut details = self.conn.prepare_cached(DETAILS)?;
        let mut hits = Vec::with_capacity(ranked.len());
        for (rowid, bm25) in ranked {
            let row = details
                .query_row([rowid], |r| {
                    let base = SnippetBase::parse(&r.get::<_, String>(5)?);
                    let source: String = r.get(6)?;
                    let token_spans: Vec<u8> = r.get(7)?;
                    let terms: String = r.get(8)?;
                    let snippet = cut(&source, &terms, &spans::decode(&token_spans), &wanted);
                    Ok(Hit {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        outlet: r.get(2)?,
                        published: r.get(3)?,
                        url: r.get(4)?,
                        score: -bm25,
                        snippet,
                        base: base.as_str(),
                    })
                })
                .optional()?;
            hits.extend(row);
        }
        Ok(hits)
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
        for sql in [RANK_ALL.as_str(), DETAILS] {
            let stmt = s.conn.prepare_cached(sql).unwrap();
            assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
        }
    }

    #[test]
    fn expressions_quote_every_term() {
        let (e, set) = match_expression("بالرقّة ٢٠١٨").unwrap();
        assert_eq!(e, "\"رقه\" \"2018\"");
        assert!(set.contains("رقه") && set.contains("2018"));
        let (e, _) = match_expression("داعش OR \"NEAR(\" -قتل* col:x").unwrap();
        assert_eq!(e, "\"داعش\" \"or\" \"near\" \"قتل\" \"col\" \"x\"");
        assert!(match_expression(" \"*\" - ").is_none());
    }
}
