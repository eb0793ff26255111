//! The embedded analyst pages: search at `/`, one article at
//! `/articles/{id}` and one incident at `/incidents/{id}`. The HTML is static
//! (it never contains article data); the script fetches JSON and builds the
//! page with DOM APIs and `textContent` only, under a Content-Security-Policy
//! that allows no inline script and no other origin.
//!
//! The incidents overview at `/incidents` has its own script
//! (`overview.js`): a timeline chart and a map drawn as SVG over the region's
//! country outlines (`data/region/outline.geojson`, served as
//! `/assets/region.geojson`).

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The search page.
pub const INDEX_HTML: &str = include_str!("../assets/index.html");
/// The article page (the same for every id; the script reads it from the URL).
pub const ARTICLE_HTML: &str = include_str!("../assets/article.html");
/// The incident page (the same for every id; the script reads it from the URL).
pub const INCIDENT_HTML: &str = include_str!("../assets/incident.html");
/// The pages' script.
pub const APP_JS: &str = include_str!("../assets/app.js");
/// The pages' style sheet.
pub const APP_CSS: &str = include_str!("../assets/app.css");

/// The incidents overview page (timeline, map and list of incidents).
pub const OVERVIEW_HTML: &str = include_str!("../assets/incidents.html");
/// The overview page's script.
pub const OVERVIEW_JS: &str = include_str!("../assets/overview.js");
/// Country outlines of the region for the map (Natural Earth, see
/// `data/region/README.md`).
pub const REGION_GEOJSON: &str = include_str!("../../../data/region/outline.geojson");

/// The policy of the pages: own script, style and API only.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

fn asset(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /`.
pub async fn index() -> Response {
    asset(INDEX_HTML, "text/html; charset=utf-8")
}

/// `GET /articles/{id}`.
pub async fn article() -> Response {
    asset(ARTICLE_HTML, "text/html; charset=utf-8")
}

/// `GET /incidents/{id}`: every outlet's claims side by side.
pub async fn incident() -> Response {
    asset(INCIDENT_HTML, "text/html; charset=utf-8")
}

/// `GET /assets/app.js`.
pub async fn app_js() -> Response {
    asset(APP_JS, "text/javascript; charset=utf-8")
}

/// `GET /assets/app.css`.
pub async fn app_css() -> Response {
    asset(APP_CSS, "text/css; charset=utf-8")
}

/// `GET /incidents`: the incidents overview (filters, timeline, map, list).
pub async fn overview() -> Response {
    asset(OVERVIEW_HTML, "text/html; charset=utf-8")
}

/// `GET /assets/overview.js`.
pub async fn overview_js() -> Response {
    asset(OVERVIEW_JS, "text/javascript; charset=utf-8")
}

/// `GET /assets/region.geojson`: the map's country outlines.
pub async fn region_geojson() -> Response {
    asset(REGION_GEOJSON, "application/geo+json")
}

/// The interactive map (zoom, pan, clusters), used by the overview page.
pub const MAP_JS: &str = include_str!("../assets/map.js");
/// Coarse governorate boundaries, their names and towns, derived offline
/// from the gazetteer (see `data/region/README.md`).
pub const ADMIN1_GEOJSON: &str = include_str!("../../../data/region/admin1.geojson");

/// The review queue (`/review`: unreviewed incidents first, with filters).
pub const REVIEW_HTML: &str = include_str!("../assets/review.html");
/// An incident's review history (`/incidents/{id}/history`).
pub const HISTORY_HTML: &str = include_str!("../assets/history.html");
/// Outlets (`/outlets`) and one outlet's statistics, term usage and notes
/// (`/outlets/{name}`).
pub const OUTLET_HTML: &str = include_str!("../assets/outlet.html");
/// The review pages' script (also the review controls of the incident and
/// article pages).
pub const REVIEW_JS: &str = include_str!("../assets/review.js");

fn html(body: &'static str) -> Response {
    asset(body, "text/html; charset=utf-8")
}

/// The analysts' pages and assets added with the review layer (issue 17):
/// the review queue, an incident's history, outlets, their script, and the
/// map's script and governorate data.
pub fn analyst_routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/review", get(|| async { html(REVIEW_HTML) }))
        .route(
            "/incidents/{id}/history",
            get(|| async { html(HISTORY_HTML) }),
        )
        .route("/outlets", get(|| async { html(OUTLET_HTML) }))
        .route("/outlets/{name}", get(|| async { html(OUTLET_HTML) }))
        .route(
            "/assets/review.js",
            get(|| async { asset(REVIEW_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/assets/map.js",
            get(|| async { asset(MAP_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/assets/admin1.geojson",
            get(|| async { asset(ADMIN1_GEOJSON, "application/geo+json") }),
        )
}
