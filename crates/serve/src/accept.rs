//! The accept loop, with the connection limits `axum::serve` does not set.
//!
//! `axum::serve` gives hyper no timer, so a client that never sends a header,
//! sends one byte at a time (slowloris), or keeps an idle keep-alive
//! connection holds a descriptor for ever; 1,100 such connections from one
//! client exhausted a 1,024-descriptor limit and starved everyone else. Here:
//!
//! - every connection must deliver a request's headers within
//!   [`ConnLimits::header_timeout`] of the server starting to wait for them,
//!   which also closes idle keep-alive connections after that time;
//! - at most [`ConnLimits::max_connections`] are open at once (derived from
//!   the descriptor limit, which [`raise_descriptor_limit`] lifts to the hard
//!   limit at start), and at most [`ConnLimits::max_per_address`] from one
//!   client address: connections beyond either cap are closed at once.
//!
//! [`serve_router_until`] stops gracefully: it stops accepting, lets every
//! open connection finish the request it is answering (idle keep-alive
//! connections close at once) and waits for them, at most
//! [`SHUTDOWN_GRACE`].

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower::ServiceExt;

/// Per-connection limits.
#[derive(Debug, Clone, Copy)]
pub struct ConnLimits {
    /// Longest wait for a request's headers (first request or the next one on
    /// a keep-alive connection).
    pub header_timeout: Duration,
    /// Open connections at most, over all clients.
    pub max_connections: usize,
    /// Open connections at most from one client address.
    pub max_per_address: usize,
}

/// Longest wait, once a stop is asked for, for open connections to finish
/// their requests: a search or an export of a large store takes seconds,
/// and a client that keeps reading slowly must not hold the stop for ever.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Descriptors kept free for SQLite files, logs and the listener itself.
const RESERVED_DESCRIPTORS: u64 = 64;

impl Default for ConnLimits {
    /// 10 s for headers; connections up to the current descriptor limit
    /// (less a reserve), 64 per address.
    fn default() -> Self {
        let fds = rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(1024, |(soft, _)| soft);
        ConnLimits {
            header_timeout: Duration::from_secs(10),
            max_connections: fds.saturating_sub(RESERVED_DESCRIPTORS).clamp(16, 65_536) as usize,
            max_per_address: 64,
        }
    }
}

/// Raises the soft limit on open descriptors to the hard limit and returns
/// the limit now in force (`None` where it cannot be read).
pub fn raise_descriptor_limit() -> Option<u64> {
    rlimit::increase_nofile_limit(u64::MAX).ok()
}

/// Open connections per client address; a slot is given back when dropped.
#[derive(Default)]
struct PerAddress(Mutex<HashMap<IpAddr, usize>>);

/// One connection counted against its address.
struct Slot {
    table: Arc<PerAddress>,
    ip: IpAddr,
}

impl PerAddress {
    /// Counts a connection from `ip`, or `None` when it already has `cap`.
    fn take(table: &Arc<PerAddress>, ip: IpAddr, cap: usize) -> Option<Slot> {
        let mut map = table.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = map.entry(ip).or_insert(0);
        if *n >= cap {
            return None;
        }
        *n += 1;
        Some(Slot {
            table: table.clone(),
            ip,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut map = self.table.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = map.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.ip);
            }
        }
    }
}

/// Serves `router` on `listener` until the listener fails for good.
pub async fn serve_router(
    listener: TcpListener,
    router: Router,
    limits: ConnLimits,
) -> std::io::Result<()> {
    serve_router_until(listener, router, limits, std::future::pending()).await
}

/// Serves `router` on `listener` until the listener fails for good or
/// `stop` completes; then stops gracefully (see the module doc).
pub async fn serve_router_until(
    listener: TcpListener,
    router: Router,
    limits: ConnLimits,
    stop: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let per_address = Arc::new(PerAddress::default());
    let (stopping, stop_seen) = tokio::sync::watch::channel(false);
    let mut served = tokio::task::JoinSet::new();
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            _ = &mut stop => break,
            a = listener.accept() => a,
        };
        // Finished connections leave the set as new ones come.
        while served.try_join_next().is_some() {}
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) if is_transient(&e) => {
                // Out of descriptors or a connection reset before accept:
                // wait a little instead of spinning.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            continue; // over the global cap: the stream is dropped (closed)
        };
        let Some(slot) = PerAddress::take(&per_address, peer.ip(), limits.max_per_address) else {
            continue; // over this address's cap
        };
        served.spawn(connection(
            stream,
            peer,
            router.clone(),
            limits,
            (permit, slot),
            stop_seen.clone(),
        ));
    }
    drop(listener);
    let _ = stopping.send(true);
    let all_done = async { while served.join_next().await.is_some() {} };
    if tokio::time::timeout(SHUTDOWN_GRACE, all_done)
        .await
        .is_err()
    {
        tracing::warn!("stopping with connections still open after {SHUTDOWN_GRACE:?}");
    }
    Ok(())
}

/// Errors of `accept` after which the listener still works.
fn is_transient(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionAborted | ConnectionReset | Interrupted | WouldBlock
    ) || e.raw_os_error().is_some_and(|c| c == 23 || c == 24) // ENFILE, EMFILE
}

/// Serves one connection; `held` (the global permit and the address slot)
/// is released when it ends. Once `stop` turns true the connection finishes
/// the request it is answering and closes.
async fn connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: ConnLimits,
    held: (OwnedSemaphorePermit, Slot),
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let service =
        hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(req)
        });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let stopping = async move {
        // The guard `wait_for` returns is dropped here, before any await.
        let _ = stop.wait_for(|s| *s).await.map(|_| ());
    };
    let served = tokio::select! {
        r = conn.as_mut() => r,
        () = stopping => {
            conn.as_mut().graceful_shutdown();
            conn.await
        }
    };
    if let Err(e) = served {
        tracing::debug!("connection from {peer} ended: {e}");
    }
    drop(held);
}
