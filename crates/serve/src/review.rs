//! The review API: `POST /api/review` (token-guarded) writes an analyst's
//! correction, mark, split, merge or note to the store's append-only review
//! log and rebuilds the incidents; `GET /api/review` lists the log.
//!
//! The body is the same request `rasad review` makes, as JSON:
//!
//! ```json
//! {"reviewer": "amal", "note": "hospital list", "op": "set",
//!  "id": "inc-0a1b2c3d4e5f", "changes": ["fatalities=12", "place=دوما"]}
//! ```
//!
//! `op` is `set`, `mark` (`"mark": "reviewed"`), `split` (`"reports":
//! ["ARTICLE#EVENT"]`), `merge` (`"other": ID`) or `note` (`"text"`); notes
//! on an article or an outlet use `"op": "note", "target": "outlet",
//! "subject": NAME, "text": …`.

use crate::error::{ApiError, ApiJson};
use crate::state::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use rasad_incidents::review_request::{self, Author, Request};
use rasad_store::ReviewEntry;
use serde::{Deserialize, Serialize};

/// A note on an article or an outlet.
#[derive(Deserialize)]
pub struct SubjectNote {
    target: String,
    subject: String,
    text: String,
}

/// The body of `POST /api/review` (fields private: it is only read).
#[derive(Deserialize)]
pub struct Body {
    reviewer: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(flatten)]
    what: What,
}

/// What a review request is about: an article or outlet, or an incident.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum What {
    /// A note on an article or an outlet.
    Subject(SubjectNote),
    /// A change to an incident.
    Incident(Request),
}

/// One log entry as the API shows it.
#[derive(Serialize)]
struct Entry {
    seq: i64,
    at: String,
    reviewer: String,
    target: String,
    subject: String,
    action: String,
    field: Option<String>,
    old: Option<String>,
    new: Option<String>,
    note: Option<String>,
}

impl From<ReviewEntry> for Entry {
    fn from(e: ReviewEntry) -> Entry {
        Entry {
            seq: e.seq,
            at: e.at,
            reviewer: e.reviewer,
            target: e.target,
            subject: e.subject,
            action: e.action,
            field: e.field,
            old: e.old_value,
            new: e.new_value,
            note: e.note,
        }
    }
}

/// `POST /api/review`: checks the request against the incidents shown now,
/// appends its entries (all or none) and rebuilds the incidents.
pub async fn post_review(
    State(st): State<AppState>,
    body: Result<Json<Body>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) =
        body.map_err(|e| ApiError::BadRequest(format!("not a review request: {}", e.body_text())))?;
    let author = Author {
        reviewer: body.reviewer,
        at: jiff::Timestamp::now().to_string(),
        note: body.note,
    };
    let written = st
        .blocking(move |inner| {
            let _one_at_a_time = inner.ingest_lock.lock().unwrap_or_else(|p| p.into_inner());
            // Checked against the incidents as the store has them now.
            let built = inner.current()?;
            let entries = match &body.what {
                What::Subject(n) => {
                    review_request::subject_note(&n.target, &n.subject, &n.text, &author)
                        .map(|e| vec![e])
                }
                What::Incident(r) => review_request::entries(
                    &built.incidents,
                    r,
                    &author,
                    &review_request::gazetteer_place,
                ),
            }
            .map_err(ApiError::BadRequest)?;
            let seqs = inner
                .pool
                .with(|s| s.append_review(&entries))?
                .map_err(ApiError::internal)?;
            inner.reload()?;
            Ok(entries
                .into_iter()
                .zip(seqs)
                .map(|(mut e, seq)| {
                    e.seq = seq;
                    Entry::from(e)
                })
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(ApiJson(written).into_response())
}

/// `GET /api/review`: the whole review log, oldest first.
pub async fn review_log(State(st): State<AppState>) -> Result<Response, ApiError> {
    let log = st
        .blocking(|inner| {
            inner
                .pool
                .with(|s| s.review_log())?
                .map_err(ApiError::internal)
        })
        .await?;
    let entries: Vec<Entry> = log.into_iter().map(Entry::from).collect();
    Ok(ApiJson(entries).into_response())
}
