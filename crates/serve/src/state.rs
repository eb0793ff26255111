//! Shared state: a small pool of SQLite connections, the incidents as the
//! store keeps them (loaded again when the store's incidents or review log
//! changed, by this server or another process), and the optional extractor.

use crate::error::ApiError;
use crate::incidents::Built;
use crate::ServeError;
use rasad_extract::Extractor;
use rasad_store::Store;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;
use tokio::sync::Semaphore;

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
    /// SQLite connections for searches (default: one per core, at least 2);
    /// half as many again serve reads of one article.
    pub connections: usize,
    /// The collection date used when extracting posted articles that carry
    /// no published date; without one their relative dates stay unresolved
    /// (as `rasad ingest` without `--reference-date`).
    pub reference_date: Option<jiff::civil::Date>,
    /// Header timeout and connection caps.
    pub conn_limits: crate::accept::ConnLimits,
    /// Longest extraction of one posted document; a document over it fails
    /// alone in the answer (`None`: no limit).
    pub doc_budget: Option<Duration>,
}

/// Default per-document budget of a post: a posted body is at most a few
/// megabytes, extracted in seconds; a document still running after this
/// holds the writers' queue.
pub const POST_DOC_BUDGET: Duration = Duration::from_secs(120);

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
            conn_limits: crate::accept::ConnLimits::default(),
            doc_budget: Some(POST_DOC_BUDGET),
        }
    }
}

/// The version of the incidents before they are first read: no store has
/// it (generations and review sequence numbers start at 0), so the first
/// request that needs them waits for the load.
const NOT_LOADED: (i64, i64) = (-1, -1);

/// How often a stop checks whether the first load of the incidents ended
/// (a stop is not urgent to the millisecond; the load takes far longer).
const LOADER_POLL: Duration = Duration::from_millis(20);

/// Page cache per read connection, in KiB: a database of 10,000 articles
/// (60 MB) stays in memory once read. Memory-mapped I/O was measured slower
/// here: mapped pages are parsed again on every visit, cached ones are not.
const CACHE_KIB: i64 = 64 * 1024;

/// A fixed set of connections, each used by one request at a time.
///
/// Async handlers first wait for a permit (one per connection) without
/// holding a thread, then run their SQLite work on a blocking thread with a
/// connection that is free by then; so there are never more blocking threads
/// doing reads than connections, and no thread spins or queues on a busy
/// connection while another is idle.
pub struct Pool {
    idle: Mutex<Vec<Store>>,
    freed: Condvar,
    permits: Arc<Semaphore>,
}

/// A connection taken from the pool, put back when dropped (also when the
/// work using it panicked).
struct Lease<'a> {
    pool: &'a Pool,
    store: Option<Store>,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(s) = self.store.take() {
            self.pool
                .idle
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(s);
            self.pool.freed.notify_one();
        }
    }
}

impl Pool {
    /// Opens `n` connections to `db` (at least one).
    pub fn open(db: &std::path::Path, n: usize) -> Result<Pool, ServeError> {
        let n = n.max(1);
        let mut conns = Vec::with_capacity(n);
        for _ in 0..n {
            let store = Store::open(db)?;
            store
                .connection()
                .pragma_update(None, "cache_size", -CACHE_KIB)
                .map_err(rasad_store::StoreError::from)?;
            conns.push(store);
        }
        Ok(Pool {
            idle: Mutex::new(conns),
            freed: Condvar::new(),
            permits: Arc::new(Semaphore::new(n)),
        })
    }

    fn take(&self) -> Lease<'_> {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(s) = idle.pop() {
                return Lease {
                    pool: self,
                    store: Some(s),
                };
            }
            idle = self.freed.wait(idle).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Runs `f` with a connection, waiting for one to be free (blocking: call
    /// from `spawn_blocking` or before serving).
    pub fn with<T>(&self, f: impl FnOnce(&mut Store) -> T) -> Result<T, ApiError> {
        let mut lease = self.take();
        let store = lease
            .store
            .as_mut()
            .ok_or_else(|| ApiError::internal("pool lease without a connection"))?;
        Ok(f(store))
    }
}

/// Everything the handlers share.
pub struct Inner {
    /// SQLite connections for searches, ingests and builds.
    pub pool: Pool,
    /// SQLite connections for reads of one row (articles by id), so they
    /// never queue behind searches that rank thousands of matches.
    pub lookups: Pool,
    /// Incidents and outlet statistics as last loaded from the store.
    pub built: RwLock<Arc<Built>>,
    /// Serializes loads (one at a time; the others then find it current).
    pub load_lock: Mutex<()>,
    /// The bearer token for writes, if writes are enabled.
    pub token: Option<String>,
    /// The extractor for posted articles (present when writes are enabled).
    pub extractor: Option<Arc<Extractor>>,
    /// Longest extraction of one posted document.
    pub doc_budget: Option<Duration>,
    /// Serializes ingests.
    pub ingest_lock: Mutex<()>,
    /// The thread of the first load of the incidents, until a stop waits
    /// for it ([`AppState::wait_loaded`]).
    pub loader: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl Inner {
    /// Loads the incidents from the store again (after an ingest or a
    /// review) and swaps them in; readers keep the snapshot they hold.
    pub fn reload(&self) -> Result<(), ApiError> {
        let _one = self.load_lock.lock().unwrap_or_else(|p| p.into_inner());
        self.load_now()
    }

    fn load_now(&self) -> Result<(), ApiError> {
        let built = self
            .pool
            .with(crate::incidents::Built::load)?
            .map_err(ApiError::internal)?;
        *self.built.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(built);
        Ok(())
    }

    /// The snapshot held now.
    fn snapshot(&self) -> Arc<Built> {
        self.built.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The incidents as the store has them now: the held snapshot when the
    /// store's version (incident generation, last review entry) is the one
    /// it was loaded at, else loaded again first (blocking). So articles
    /// ingested or reviews written by another process show on the next
    /// request.
    pub fn current(&self) -> Result<Arc<Built>, ApiError> {
        let version = |s: &mut Store| rasad_incidents::persist::version(s);
        let now = self.lookups.with(version)?.map_err(ApiError::internal)?;
        if self.snapshot().version == now {
            return Ok(self.snapshot());
        }
        let _one = self.load_lock.lock().unwrap_or_else(|p| p.into_inner());
        if self.snapshot().version != now {
            self.load_now()?;
        }
        Ok(self.snapshot())
    }
}

/// The handlers' state (cheap to clone).
#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl AppState {
    /// Opens the database and loads the incidents (blocking: call before the
    /// runtime starts serving, or from `spawn_blocking`).
    pub fn open(config: &Config) -> Result<AppState, ServeError> {
        if !config.db.is_file() {
            return Err(ServeError::NoDatabase(config.db.clone()));
        }
        let pool = Pool::open(&config.db, config.connections)?;
        let lookups = Pool::open(&config.db, config.connections.div_ceil(2))?;
        // The incidents are read after the server is up (their size grows
        // with the store): until then a request that needs them waits for
        // the load (`Inner::current`), the others are answered at once.
        let mut built = Built::from_incidents(Vec::new(), Vec::new());
        built.version = NOT_LOADED;
        let extractor = config.token.as_ref().map(|_| {
            let anchored = config.reference_date;
            let reference_date = anchored.unwrap_or_else(|| jiff::Zoned::now().date());
            let x = Extractor::new(rasad_extract::Options { reference_date });
            Arc::new(if anchored.is_some() {
                x
            } else {
                x.without_reference()
            })
        });
        let inner = Arc::new(Inner {
            pool,
            lookups,
            built: RwLock::new(Arc::new(built)),
            load_lock: Mutex::new(()),
            token: config.token.clone(),
            extractor,
            doc_budget: config.doc_budget,
            ingest_lock: Mutex::new(()),
            loader: Mutex::new(None),
        });
        let loading = inner.clone();
        let handle = std::thread::spawn(move || {
            if let Err(e) = loading.reload() {
                // The next request that needs the incidents tries again
                // and answers with the error.
                tracing::warn!("loading the incidents: {e:?}");
            }
        });
        *inner.loader.lock().unwrap_or_else(|e| e.into_inner()) = Some(handle);
        Ok(AppState(inner))
    }

    /// Waits, at most `limit`, for the first load of the incidents to end
    /// (it may link new articles: a stop must not cut its write off, and
    /// its connection must close before the process ends). True when it
    /// ended. Blocking.
    pub fn wait_loaded(&self, limit: Duration) -> bool {
        let taken = self
            .0
            .loader
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let Some(handle) = taken else {
            return true;
        };
        let start = std::time::Instant::now();
        while !handle.is_finished() {
            if start.elapsed() > limit {
                return false;
            }
            std::thread::sleep(LOADER_POLL);
        }
        let _ = handle.join();
        true
    }

    /// The incidents as last loaded (a snapshot: later loads do not change
    /// it), without checking the store.
    pub fn built(&self) -> Arc<Built> {
        self.0.snapshot()
    }

    /// The incidents as the store has them now (see [`Inner::current`]).
    pub async fn current(&self) -> Result<Arc<Built>, ApiError> {
        self.blocking(|inner| inner.current()).await
    }

    /// Runs read-only database work (searches) on a blocking thread once a
    /// connection is free; waiting for it holds no thread.
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        self.on(|inner| &inner.pool, f).await
    }

    /// Like [`AppState::read`], on the connections kept for reads of one row.
    pub async fn lookup<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        self.on(|inner| &inner.lookups, f).await
    }

    async fn on<T: Send + 'static>(
        &self,
        pool: fn(&Inner) -> &Pool,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let permit = pool(&self.0)
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(ApiError::internal)?;
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || {
            // Held until the work is done, even when the request timed out
            // and nobody waits for the answer any more.
            let _permit = permit;
            pool(&inner).with(|s| f(s))?
        })
        .await
        .map_err(ApiError::internal)?
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn db() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        Store::open(&db).unwrap();
        (dir, db)
    }

    #[test]
    fn a_panic_gives_the_connection_back() {
        let (_dir, db) = db();
        let pool = Pool::open(&db, 1).unwrap();
        let r = catch_unwind(AssertUnwindSafe(|| pool.with(|_| panic!("boom"))));
        assert!(r.is_err());
        assert_eq!(pool.idle.lock().unwrap().len(), 1);
        assert_eq!(pool.with(|s| s.count().unwrap()).unwrap(), 0);
    }

    #[test]
    fn reads_never_outnumber_connections() {
        let (_dir, db) = db();
        let mut config = Config::new(&db);
        config.connections = 2;
        let state = AppState::open(&config).unwrap();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        rt.block_on(async {
            let tasks: Vec<_> = (0..16)
                .map(|_| {
                    let (st, now, most) = (state.clone(), now.clone(), most.clone());
                    tokio::spawn(async move {
                        st.read(move |s| {
                            let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(n, Ordering::SeqCst);
                            std::thread::sleep(Duration::from_millis(5));
                            now.fetch_sub(1, Ordering::SeqCst);
                            Ok(s.count()?)
                        })
                        .await
                    })
                })
                .collect();
            for t in tasks {
                assert_eq!(t.await.unwrap().unwrap(), 0);
            }
        });
        let most = most.load(Ordering::SeqCst);
        assert!((1..=2).contains(&most), "{most} reads at once");
    }
}
