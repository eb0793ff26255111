//! API errors: every failure leaves as `{"error": "message"}` with a status
//! code and no internals (no SQL, no paths). Internal causes are logged.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// An error answer of the API.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A parameter is missing, malformed or out of range (400).
    #[error("{0}")]
    BadRequest(String),
    /// No such resource (404).
    #[error("{0}")]
    NotFound(String),
    /// The method is not allowed on this path (405).
    #[error("method not allowed")]
    MethodNotAllowed,
    /// Missing or wrong bearer token (401).
    #[error("missing or invalid bearer token")]
    Unauthorized,
    /// The request body is larger than the limit (413).
    #[error("request body too large")]
    TooLarge,
    /// The client sent too many requests (429).
    #[error("too many requests")]
    TooManyRequests,
    /// The request took too long (503).
    #[error("the request timed out")]
    Timeout,
    /// Anything else (500); the cause is logged, never sent.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// The status code of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// An internal error from any cause (logged, not shown).
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        ApiError::Internal(cause.to_string())
    }
}

impl From<rasad_store::StoreError> for ApiError {
    fn from(e: rasad_store::StoreError) -> Self {
        match e {
            rasad_store::StoreError::EmptyQuery => {
                ApiError::BadRequest("the query has no words to search for".into())
            }
            other => ApiError::internal(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            tracing::error!("internal error: {cause}");
        }
        let status = self.status();
        let mut resp = json_response(status, &serde_json::json!({ "error": self.to_string() }));
        if matches!(self, ApiError::Unauthorized) {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

/// The media type of every JSON answer.
pub const JSON_TYPE: &str = "application/json; charset=utf-8";

/// A JSON answer with `Content-Type: application/json; charset=utf-8`.
pub fn json_response(status: StatusCode, value: &impl serde::Serialize) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => (
            status,
            [(header::CONTENT_TYPE, HeaderValue::from_static(JSON_TYPE))],
            escape_html_chars(body),
        )
            .into_response(),
        Err(e) => {
            tracing::error!("serializing an answer: {e}");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, HeaderValue::from_static(JSON_TYPE))],
                r#"{"error":"internal error"}"#,
            )
                .into_response()
        }
    }
}

/// Rewrites `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`. In JSON these
/// bytes occur only inside strings, where the escapes mean the same thing, so
/// the document is unchanged for a JSON reader, while a browser that
/// mis-sniffs it as HTML finds no markup in it.
pub fn escape_html_chars(json: Vec<u8>) -> Vec<u8> {
    if !json.iter().any(|b| matches!(b, b'<' | b'>' | b'&')) {
        return json;
    }
    let mut out = Vec::with_capacity(json.len() + 32);
    for b in json {
        match b {
            b'<' => out.extend_from_slice(br"\u003c"),
            b'>' => out.extend_from_slice(br"\u003e"),
            b'&' => out.extend_from_slice(br"\u0026"),
            _ => out.push(b),
        }
    }
    out
}

/// A successful JSON answer (200).
pub struct ApiJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        json_response(StatusCode::OK, &self.0)
    }
}

/// Result type of handlers.
pub type ApiResult<T> = Result<ApiJson<T>, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_hide_their_cause() {
        let e = ApiError::internal("no such table: articles at /secret/path.db");
        assert_eq!(e.to_string(), "internal error");
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn markup_characters_are_escaped_without_changing_the_value() {
        let v =
            serde_json::json!({"t": "<script>alert(1)</script> & <img src=x onerror=alert(1)>"});
        let out = escape_html_chars(serde_json::to_vec(&v).unwrap());
        let s = String::from_utf8(out.clone()).unwrap();
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn empty_query_is_a_bad_request() {
        let e: ApiError = rasad_store::StoreError::EmptyQuery.into();
        assert_eq!(e.status(), StatusCode::BAD_REQUEST);
    }
}
