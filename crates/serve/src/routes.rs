//! The JSON API handlers. Parameters are read as strings and checked here, so
//! every bad value gets a clear 400 (never a framework message).

use crate::error::{ApiError, ApiJson};
use crate::incidents::Filters;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rasad_ingest::{budget, ReadOptions};
use rasad_store::{prepare, Outcome, Prepared};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::sync::Arc;

/// Longest accepted search query, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Largest `limit` of a search.
pub const MAX_SEARCH_LIMIT: usize = 100;
/// Largest `offset` of a search (later pages are not worth ranking).
pub const MAX_SEARCH_OFFSET: usize = 1000;
/// Largest `limit` of an incident list.
pub const MAX_INCIDENT_LIMIT: usize = 1000;
/// Longest id or place accepted in a path.
const MAX_KEY_CHARS: usize = 256;

/// The OpenAPI document, served as is.
pub const OPENAPI: &str = include_str!("../openapi.json");

pub(crate) fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|_| ApiError::BadRequest("malformed query string".into()))
}

fn path(p: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    let Path(s) = p.map_err(|_| ApiError::BadRequest("malformed path".into()))?;
    if s.trim().is_empty() || s.chars().count() > MAX_KEY_CHARS {
        return Err(ApiError::NotFound("not found".into()));
    }
    Ok(s)
}

/// Parses an optional `YYYY-MM-DD` parameter.
fn date(name: &str, v: Option<&str>) -> Result<Option<jiff::civil::Date>, ApiError> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<jiff::civil::Date>()
            .map(Some)
            .map_err(|_| ApiError::BadRequest(format!("{name}: not a date (YYYY-MM-DD)"))),
    }
}

pub(crate) fn date_range(
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(Option<jiff::civil::Date>, Option<jiff::civil::Date>), ApiError> {
    let (from, to) = (date("from", from)?, date("to", to)?);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(ApiError::BadRequest("from is after to".into()));
        }
    }
    Ok((from, to))
}

fn number(
    name: &str,
    v: Option<&str>,
    default: usize,
    min: usize,
    max: usize,
) -> Result<usize, ApiError> {
    let Some(s) = v.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(default);
    };
    match s.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(ApiError::BadRequest(format!(
            "{name}: must be a whole number from {min} to {max}"
        ))),
    }
}

pub(crate) fn nonempty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Parameters of `GET /api/search`.
#[derive(Debug, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    from: Option<String>,
    to: Option<String>,
    outlet: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

/// One search hit as the API shows it (no record: the pages fetch
/// `/api/articles/{id}` for that).
#[derive(Serialize)]
struct HitOut {
    id: String,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    url: Option<String>,
    score: f64,
    snippet: String,
    marks: Vec<rasad_record::Span>,
}

/// The answer of `GET /api/search`.
#[derive(Serialize)]
struct SearchOut {
    count: usize,
    hits: Vec<HitOut>,
}

/// A JSON answer from bytes that are JSON already (markup characters
/// escaped by whoever made them).
fn json_bytes(body: impl Into<axum::body::Body>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static(crate::error::JSON_TYPE),
        )],
        body.into(),
    )
        .into_response()
}

/// `GET /api/search`: ranked full-text search, a page at a time.
pub async fn search(
    State(st): State<AppState>,
    q: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = query(q)?;
    let text = nonempty(p.q).ok_or_else(|| ApiError::BadRequest("q: missing or empty".into()))?;
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::BadRequest(format!(
            "q: longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    let limit = number("limit", p.limit.as_deref(), 10, 1, MAX_SEARCH_LIMIT)?;
    let offset = number("offset", p.offset.as_deref(), 0, 0, MAX_SEARCH_OFFSET)?;
    let (from, to) = date_range(p.from.as_deref(), p.to.as_deref())?;
    let q = rasad_store::Query {
        text,
        limit,
        from: from.map(|d| d.to_string()),
        to: to.map(|d| d.to_string()),
        outlet: nonempty(p.outlet),
    };
    let hits = st
        .read(move |s| s.search_page(&q, offset).map_err(ApiError::from))
        .await?;
    let hits: Vec<HitOut> = hits
        .into_iter()
        .map(|h| HitOut {
            id: h.id,
            title: h.title,
            outlet: h.outlet,
            published: h.published,
            url: h.url,
            score: (h.score * 1000.0).round() / 1000.0,
            snippet: h.snippet.text,
            marks: h.snippet.marks,
        })
        .collect();
    Ok(ApiJson(SearchOut {
        count: hits.len(),
        hits,
    })
    .into_response())
}

/// `GET /api/articles/{id}`: the stored record and the original text.
pub async fn article(
    State(st): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path(id)?;
    let key = id.clone();
    let found = st
        .lookup(move |s| {
            let Some(article) = s.article(&key)? else {
                return Ok(None);
            };
            Ok(Some((article, s.copy_of(&key)?)))
        })
        .await?;
    let ((record, text), copy_of) =
        found.ok_or_else(|| ApiError::NotFound("no such article".into()))?;
    // The record is JSON this program wrote: checked, then copied as it is
    // rather than parsed into a tree and written again.
    serde_json::from_str::<serde::de::IgnoredAny>(&record).map_err(ApiError::internal)?;
    let mut out = Vec::with_capacity(record.len() + text.len() + id.len() + 40);
    out.extend_from_slice(b"{\"id\":");
    serde_json::to_writer(&mut out, &id).map_err(ApiError::internal)?;
    out.extend_from_slice(b",\"record\":");
    out.extend_from_slice(record.as_bytes());
    out.extend_from_slice(b",\"text\":");
    serde_json::to_writer(&mut out, &text).map_err(ApiError::internal)?;
    out.extend_from_slice(b",\"copy_of\":");
    serde_json::to_writer(&mut out, &copy_of).map_err(ApiError::internal)?;
    out.push(b'}');
    Ok(json_bytes(crate::error::escape_html_chars(out)))
}

/// Parameters of `GET /api/incidents`.
#[derive(Debug, Deserialize)]
pub struct IncidentParams {
    from: Option<String>,
    to: Option<String>,
    place: Option<String>,
    actor: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

/// `GET /api/incidents`: incidents passing the filters, a page at a time.
pub async fn incidents(
    State(st): State<AppState>,
    q: Result<Query<IncidentParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = query(q)?;
    let (from, to) = date_range(p.from.as_deref(), p.to.as_deref())?;
    let limit = number("limit", p.limit.as_deref(), 100, 1, MAX_INCIDENT_LIMIT)?;
    let offset = number("offset", p.offset.as_deref(), 0, 0, usize::MAX)?;
    let f = Filters {
        from,
        to,
        place: nonempty(p.place),
        actor: nonempty(p.actor),
    };
    // Each incident's JSON was made when the incidents were built: a page is
    // a filter over prepared keys and a copy of bytes.
    Ok(json_bytes(st.current().await?.page_json(&f, offset, limit)))
}

/// `GET /api/incidents/{id}`.
pub async fn incident(
    State(st): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path(id)?;
    let body = st
        .current()
        .await?
        .json_of(&id)
        .ok_or_else(|| ApiError::NotFound("no such incident".into()))?;
    Ok(json_bytes(body))
}

/// One line of a timeline.
#[derive(Serialize)]
struct TimelineEntry<'a> {
    id: &'a str,
    date: Option<&'a str>,
    #[serde(rename = "type")]
    kind: &'a str,
    subtypes: &'a [String],
    killed: Option<f64>,
    outlets: Vec<String>,
}

/// `GET /api/timeline/{place}`: a place's incidents in date order.
pub async fn timeline(
    State(st): State<AppState>,
    place: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let place = path(place)?;
    let built = st.current().await?;
    // The place index prepared with the incidents, as for `/api/incidents?place=`.
    let at = Filters {
        place: Some(place.clone()),
        ..Filters::default()
    };
    let mut entries: Vec<TimelineEntry> = built
        .filter(&at)
        .map(|i| {
            let mut outlets: Vec<String> = i
                .reports
                .iter()
                .map(|r| r.outlet.clone().unwrap_or_else(|| r.article.clone()))
                .collect();
            outlets.sort();
            outlets.dedup();
            TimelineEntry {
                id: &i.id,
                date: i.date.as_deref(),
                kind: &i.kind,
                subtypes: &i.subtypes,
                killed: i.fatalities.best,
                outlets,
            }
        })
        .collect();
    // Undated incidents last.
    entries.sort_by(|a, b| (a.date.is_none(), a.date, a.id).cmp(&(b.date.is_none(), b.date, b.id)));
    Ok(ApiJson(json!({ "place": place, "incidents": entries })).into_response())
}

/// `GET /api/outlets`: per-outlet statistics.
pub async fn outlets(State(st): State<AppState>) -> Result<Response, ApiError> {
    let built = st.current().await?;
    Ok(ApiJson(json!({ "outlets": built.outlets })).into_response())
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static(crate::error::JSON_TYPE),
        )],
        OPENAPI,
    )
        .into_response()
}

/// Constant-time comparison of two byte strings.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// True when the headers carry `Authorization: Bearer TOKEN`.
pub fn authorized(headers: &HeaderMap, token: &str) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|t| same(t.trim().as_bytes(), token.as_bytes()))
}

/// Middleware on writes: 401 unless the bearer token matches (checked before
/// the body is read).
pub async fn require_token(State(st): State<AppState>, req: Request, next: Next) -> Response {
    match &st.0.token {
        Some(t) if authorized(req.headers(), t) => next.run(req).await,
        _ => ApiError::Unauthorized.into_response(),
    }
}

/// One document that could not be stored.
#[derive(Serialize)]
struct Failure {
    origin: String,
    reason: String,
}

/// A new article whose text was stored already from another outlet.
#[derive(Serialize)]
struct Copied {
    id: String,
    /// The article first stored with that text.
    copy_of: String,
}

/// What `POST /api/articles` did.
#[derive(Serialize, Default)]
struct IngestSummary {
    read: usize,
    /// Stored, copies included.
    new: usize,
    duplicate: usize,
    failed: Vec<Failure>,
    /// The new articles that are copies.
    copies: Vec<Copied>,
}

/// `POST /api/articles`: JSON lines in, extracted and stored; incidents are
/// rebuilt afterwards.
pub async fn post_articles(
    State(st): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge
        } else {
            ApiError::BadRequest("the request body could not be read".into())
        }
    })?;
    let max = body.len() as u64 + 1;
    let summary = st
        .blocking(move |inner| {
            let extractor = inner
                .extractor
                .as_ref()
                .ok_or_else(|| ApiError::NotFound("not found".into()))?;
            let _one_at_a_time = inner.ingest_lock.lock().unwrap_or_else(|p| p.into_inner());
            let opts = ReadOptions { max_bytes: max };
            let mut summary = IngestSummary::default();
            let mut ready: Vec<Prepared> = Vec::new();
            for item in rasad_ingest::read_jsonl(std::io::Cursor::new(&body[..]), "request", &opts)
            {
                summary.read += 1;
                let raw = match item {
                    Ok(raw) => raw,
                    Err(e) => {
                        summary.failed.push(Failure {
                            origin: e.origin,
                            reason: e.reason,
                        });
                        continue;
                    }
                };
                let origin = raw.origin.clone();
                let extractor = Arc::clone(extractor);
                let done = budget::within(inner.doc_budget, move || {
                    let doc = extractor.extract(&raw);
                    prepare(&raw.text, &raw.origin, &doc)
                });
                match done.into_result() {
                    Ok(Ok(p)) => ready.push(p),
                    Ok(Err(rejected)) => summary.failed.push(Failure {
                        origin,
                        reason: rejected.to_string(),
                    }),
                    Err(reason) => summary.failed.push(Failure { origin, reason }),
                }
            }
            if summary.read == 0 {
                return Err(ApiError::BadRequest(
                    "the body holds no documents (one JSON object per line)".into(),
                ));
            }
            // The answer waits for the articles and their incidents to be
            // committed (the incidents in their own transaction right after;
            // a crash between the two leaves them for the next open).
            let outcomes = inner.pool.with(|s| {
                let out = s.write_batch(&ready)?;
                rasad_incidents::persist::catch_up(s).map_err(ApiError::internal)?;
                Ok::<_, ApiError>(out)
            })??;
            for (o, p) in outcomes.into_iter().zip(&ready) {
                match o {
                    Outcome::Inserted => summary.new += 1,
                    Outcome::Copy { of } => {
                        summary.new += 1;
                        summary.copies.push(Copied {
                            id: p.id().to_string(),
                            copy_of: of,
                        });
                    }
                    Outcome::DuplicateId | Outcome::DuplicateContent { .. } => {
                        summary.duplicate += 1
                    }
                }
            }
            if summary.new > 0 {
                inner.reload()?;
            }
            Ok(summary)
        })
        .await?;
    Ok(ApiJson(summary).into_response())
}

/// Any other path: JSON 404.
pub async fn not_found() -> ApiError {
    ApiError::NotFound("not found".into())
}

/// A known path with another method: JSON 405.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
