//! Shared state: a small pool of SQLite connections, the incidents built from
//! every stored record (rebuilt after an ingest), and the optional extractor.

use crate::error::ApiError;
use crate::incidents::Built;
use crate::ServeError;
use rasad_extract::Extractor;
use rasad_store::Store;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The article database (must exist).
    pub db: PathBuf,
    /// When set, `POST /api/articles` exists and requires `Authorization: Bearer TOKEN`.
    pub token: Option<String>,
    /// When set, cross-origin requests from exactly this origin are allowed.
    pub cors: Option<String>,
    /// Largest accepted request body in bytes.
    pub body_limit: usize,
    /// Requests per second allowed per client address (token bucket refill);
    /// `None` disables rate limiting.
    pub rate_per_sec: Option<f64>,
    /// Token bucket size (burst) per client address.
    pub burst: u32,
    /// Longest time a request may take.
    pub timeout: Duration,
    /// SQLite connections in the pool (default: one per core, at least 2).
    pub connections: usize,
    /// The collection date used when extracting posted articles (default today).
    pub reference_date: Option<jiff::civil::Date>,
}

impl Config {
    /// Defaults for `db`: read-only, no CORS, 10 MB bodies, 20 requests/s with
    /// bursts of 60 per client, 30 s timeout.
    pub fn new(db: impl Into<PathBuf>) -> Self {
        Config {
            db: db.into(),
            token: None,
            cors: None,
            body_limit: 10 * 1024 * 1024,
            rate_per_sec: Some(20.0),
            burst: 60,
            timeout: Duration::from_secs(30),
            connections: std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .max(2),
            reference_date: None,
        }
    }
}

/// A fixed set of connections; a request takes a free one (or waits for one).
pub struct Pool {
    conns: Vec<Mutex<Store>>,
    next: AtomicUsize,
}

impl Pool {
    /// Opens `n` connections to `db`.
    pub fn open(db: &std::path::Path, n: usize) -> Result<Pool, ServeError> {
        let mut conns = Vec::with_capacity(n.max(1));
        for _ in 0..n.max(1) {
            conns.push(Mutex::new(Store::open(db)?));
        }
        Ok(Pool {
            conns,
            next: AtomicUsize::new(0),
        })
    }

    /// Runs `f` with a connection (blocking; call from `spawn_blocking`).
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> T) -> Result<T, ApiError> {
        let n = self.conns.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed) % n;
        for i in 0..n {
            if let Ok(mut s) = self.conns[(start + i) % n].try_lock() {
                return Ok(f(&mut s));
            }
        }
        // Every connection is busy: wait for ours. A poisoned lock only means
        // a panic elsewhere; the connection itself is still usable.
        let mut s = self.conns[start].lock().unwrap_or_else(|p| p.into_inner());
        Ok(f(&mut s))
    }
}

/// Everything the handlers share.
pub struct Inner {
    /// SQLite connections.
    pub pool: Pool,
    /// Incidents and outlet statistics built from every stored record.
    pub built: RwLock<Arc<Built>>,
    /// The bearer token for writes, if writes are enabled.
    pub token: Option<String>,
    /// The extractor for posted articles (present when writes are enabled).
    pub extractor: Option<Extractor>,
    /// Serializes ingests (one rebuild at a time).
    pub ingest_lock: Mutex<()>,
}

/// The handlers' state (cheap to clone).
#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl AppState {
    /// Opens the database and builds the incidents (blocking: call before the
    /// runtime starts serving, or from `spawn_blocking`).
    pub fn open(config: &Config) -> Result<AppState, ServeError> {
        if !config.db.is_file() {
            return Err(ServeError::NoDatabase(config.db.clone()));
        }
        let pool = Pool::open(&config.db, config.connections)?;
        let built = pool
            .with(|s| Built::load(s))
            .map_err(|e| ServeError::Build(e.to_string()))??;
        let extractor = config.token.as_ref().map(|_| {
            let reference_date = config
                .reference_date
                .unwrap_or_else(|| jiff::Zoned::now().date());
            Extractor::new(rasad_extract::Options { reference_date })
        });
        Ok(AppState(Arc::new(Inner {
            pool,
            built: RwLock::new(Arc::new(built)),
            token: config.token.clone(),
            extractor,
            ingest_lock: Mutex::new(()),
        })))
    }

    /// The current incidents (a snapshot: later rebuilds do not change it).
    pub fn built(&self) -> Arc<Built> {
        self.0
            .built
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Runs blocking database work off the async threads.
    pub async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Inner) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || f(&inner))
            .await
            .map_err(ApiError::internal)?
    }
}
