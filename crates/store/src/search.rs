//! Ranked full-text search (FTS5 `bm25()`), with filters and snippets.
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
    /// Relevance (higher is better): the negated FTS5 bm25 score.
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

impl Store {
    /// Runs a search: best hits first, at most `q.limit`.
    pub fn search(&self, q: &Query) -> Result<Vec<Hit>, StoreError> {
        let (expr, wanted) = match_expression(&q.text).ok_or(StoreError::EmptyQuery)?;
        let outlet = q.outlet.as_deref().map(outlet_key);
        let limit = i64::try_from(q.limit).unwrap_or(i64::MAX);
        // First the ranking alone (small rows through the sorter), then the
        // details of the few hits kept.
        let mut rank = self.conn.prepare_cached(&format!(
            "SELECT article_fts.rowid, bm25(article_fts, {TITLE_WEIGHT}, 1.0) AS r
             FROM article_fts JOIN articles a ON a.rowid = article_fts.rowid
             WHERE article_fts MATCH ?1
               AND (?2 IS NULL OR a.published_day >= ?2)
               AND (?3 IS NULL OR a.published_day <= ?3)
               AND (?4 IS NULL OR a.outlet_key = ?4)
             ORDER BY r LIMIT ?5"
        ))?;
        let ranked: Vec<(i64, f64)> = rank
            .query_map(params![expr, q.from, q.to, outlet, limit], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut details = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.outlet, a.published, a.url, a.text, a.body, a.snippet_base,
                    a.token_spans, f.body
             FROM articles a JOIN article_fts f ON f.rowid = a.rowid
             WHERE a.rowid = ?1",
        )?;
        let mut hits = Vec::with_capacity(ranked.len());
        for (rowid, bm25) in ranked {
            let row = details
                .query_row([rowid], |r| {
                    let base = SnippetBase::parse(&r.get::<_, String>(7)?);
                    let source: String = if base == SnippetBase::Text {
                        r.get(5)?
                    } else {
                        r.get(6)?
                    };
                    let token_spans: Vec<u8> = r.get(8)?;
                    let terms: String = r.get(9)?;
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
