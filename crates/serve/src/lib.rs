//! `rasad serve`: an HTTP API for analysts over the article store.
//!
//! Read-only JSON endpoints (search, articles, incidents, timelines, outlets,
//! the OpenAPI document) and the analyst pages; `POST /api/articles` exists
//! only when a bearer token is configured. Incidents are built once at start
//! and rebuilt after each ingest; SQLite work runs on blocking threads over a
//! small connection pool.
//!
//! - [`accept`]: the accept loop with header timeout and connection caps;
//! - [`routes`]: the API handlers and parameter checks;
//! - [`error`]: JSON errors without internals;
//! - [`export`]: the filtered incidents as CSV, XLSX or GeoJSON files;
//! - [`state`]: configuration, connection pool, shared incidents;
//! - [`incidents`]: incidents and outlet statistics from the stored records;
//! - [`limits`]: rate limit, timeout, security headers;
//! - [`pages`]: the embedded HTML, script and style.

pub mod accept;
pub mod error;
pub mod export;
pub mod incidents;
pub mod limits;
pub mod pages;
pub mod review;
pub mod routes;
pub mod state;

pub use error::ApiError;
pub use state::{AppState, Config};

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method};
use axum::routing::{get, post};
use axum::{middleware, Router};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("no database at {0} (run `rasad ingest` first, or pass --db)")]
    NoDatabase(PathBuf),
    #[error(transparent)]
    Store(#[from] rasad_store::StoreError),
    #[error("building incidents: {0}")]
    Build(String),
    #[error("invalid --cors origin {0:?}")]
    Cors(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The router with every route and layer.
pub fn app(state: AppState, config: &Config) -> Result<Router, ServeError> {
    let mut api = Router::new()
        .route("/api/search", get(routes::search))
        .route("/api/articles/{id}", get(routes::article))
        .route("/api/incidents", get(routes::incidents))
        .route("/api/export", get(export::export))
        .route("/api/incidents/{id}", get(routes::incident))
        .route("/api/timeline/{place}", get(routes::timeline))
        .route("/api/outlets", get(routes::outlets))
        .route("/api/openapi.json", get(routes::openapi))
        .route("/incidents", get(pages::overview))
        .route("/assets/overview.js", get(pages::overview_js))
        .route("/assets/region.geojson", get(pages::region_geojson))
        .route("/", get(pages::index))
        .route("/articles/{id}", get(pages::article))
        .route("/incidents/{id}", get(pages::incident))
        .route("/assets/app.js", get(pages::app_js))
        .route("/assets/app.css", get(pages::app_css))
        .merge(pages::analyst_routes())
        // Reads give up after `timeout`. A write is not cut short: its work
        // would go on and commit after a 503 had said it failed, so its
        // answer waits for the commit and tells what was stored.
        .route_layer(middleware::from_fn_with_state(
            config.timeout,
            limits::timeout,
        ));
    if config.token.is_some() {
        let guard = || middleware::from_fn_with_state(state.clone(), routes::require_token);
        api = api
            .route(
                "/api/articles",
                post(routes::post_articles).route_layer(guard()),
            )
            .route(
                "/api/review",
                // `route_layer` guards only the methods added before it: the
                // log stays readable, writes need the token.
                post(review::post_review)
                    .route_layer(guard())
                    .get(review::review_log),
            );
    } else {
        api = api.route("/api/review", get(review::review_log));
    }
    let mut router = api
        .fallback(routes::not_found)
        .method_not_allowed_fallback(routes::method_not_allowed)
        .layer(DefaultBodyLimit::max(config.body_limit))
        .with_state(state);
    if let Some(rate) = config.rate_per_sec {
        let limiter = Arc::new(limits::RateLimiter::new(rate, config.burst));
        router = router.layer(middleware::from_fn_with_state(limiter, limits::rate_limit));
    }
    if let Some(origin) = &config.cors {
        let origin: HeaderValue = origin
            .parse()
            .map_err(|_| ServeError::Cors(origin.clone()))?;
        router = router.layer(
            tower_http::cors::CorsLayer::new()
                .allow_origin(origin)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]),
        );
    }
    Ok(router.layer(middleware::from_fn(limits::security_headers)))
}

/// Opens the state and serves on `listener` until the future is dropped or
/// the listener fails.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> Result<(), ServeError> {
    serve_until(listener, config, std::future::pending()).await
}

/// Like [`serve`], and stops gracefully once `stop` completes: no new
/// connections, open requests answered (see [`accept::serve_router_until`]),
/// then the store's connections are closed as the state is dropped.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    config: Config,
    stop: impl std::future::Future<Output = ()>,
) -> Result<(), ServeError> {
    let cfg = config.clone();
    let state = tokio::task::spawn_blocking(move || AppState::open(&cfg))
        .await
        .map_err(|e| ServeError::Build(e.to_string()))??;
    let router = app(state.clone(), &config)?;
    accept::serve_router_until(listener, router, config.conn_limits, stop).await?;
    let loaded = tokio::task::spawn_blocking(move || state.wait_loaded(accept::SHUTDOWN_GRACE))
        .await
        .unwrap_or(false);
    if !loaded {
        tracing::warn!("stopping while the incidents are still loading");
    }
    Ok(())
}

/// Serves an already opened state on `listener`.
pub async fn serve_state(
    listener: tokio::net::TcpListener,
    state: AppState,
    config: &Config,
) -> Result<(), ServeError> {
    let router = app(state, config)?;
    accept::serve_router(listener, router, config.conn_limits).await?;
    Ok(())
}

/// Serves `state` on a loopback port (`127.0.0.1:0`) from a background thread
/// with its own runtime of `workers` threads (`None`: one per core), and
/// returns the bound address once the server listens. For tests, load tests
/// and embedding; the server runs until the process ends.
pub fn spawn_loopback(
    state: AppState,
    config: Config,
    workers: Option<usize>,
) -> Result<SocketAddr, ServeError> {
    let (tx, rx) = std::sync::mpsc::channel::<Result<SocketAddr, String>>();
    std::thread::spawn(move || {
        let mut builder = tokio::runtime::Builder::new_multi_thread();
        if let Some(n) = workers {
            builder.worker_threads(n.max(1));
        }
        let rt = match builder.enable_all().build() {
            Ok(rt) => rt,
            Err(e) => {
                let _ = tx.send(Err(format!("runtime: {e}")));
                return;
            }
        };
        rt.block_on(async move {
            let listener = match tokio::net::TcpListener::bind("127.0.0.1:0").await {
                Ok(l) => l,
                Err(e) => {
                    let _ = tx.send(Err(format!("bind: {e}")));
                    return;
                }
            };
            let addr = listener.local_addr().map_err(|e| format!("address: {e}"));
            let failed = addr.is_err();
            let _ = tx.send(addr);
            if !failed {
                if let Err(e) = serve_state(listener, state, &config).await {
                    tracing::error!("loopback server stopped: {e}");
                }
            }
        });
    });
    rx.recv()
        .map_err(|_| ServeError::Build("the server thread ended before listening".into()))?
        .map_err(ServeError::Build)
}
