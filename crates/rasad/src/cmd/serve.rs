//! `rasad serve`: the HTTP API and analyst pages (crate `rasad-serve`).

use anyhow::Context;
use rasad_serve::Config;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The article database (must exist).
    #[arg(long, default_value = "rasad.db")]
    db: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Enable `POST /api/articles`, requiring `Authorization: Bearer TOKEN`.
    /// Prefer `RASAD_TOKEN` or `--token-file`: a flag is visible in `ps`.
    #[arg(long, env = "RASAD_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Read the token from the first line of this file.
    #[arg(long, conflicts_with = "token")]
    token_file: Option<PathBuf>,
    /// Allow cross-origin requests from this origin (e.g. `https://example.org`).
    #[arg(long)]
    cors: Option<String>,
    /// Requests per second allowed per client address (0 disables the limit).
    #[arg(long, default_value_t = 20.0)]
    rate: f64,
    /// Burst size of the per-client rate limit.
    #[arg(long, default_value_t = 60)]
    burst: u32,
    /// Largest request body in bytes.
    #[arg(long, default_value_t = 10 * 1024 * 1024)]
    max_body: usize,
}

/// The token from `--token`/`RASAD_TOKEN` or the first line of `--token-file`.
fn token(args: &Args) -> anyhow::Result<Option<String>> {
    let token = match &args.token_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading the token file {}", path.display()))?;
            Some(text.lines().next().unwrap_or("").trim().to_string())
        }
        None => args.token.clone(),
    };
    if token.as_deref().is_some_and(|t| t.trim().len() < 8) {
        anyhow::bail!("the token must be at least 8 characters");
    }
    Ok(token)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // Before the limits are derived from it: idle clients must not exhaust
    // a low soft limit on descriptors.
    rasad_serve::accept::raise_descriptor_limit();
    let mut config = Config::new(&args.db);
    config.token = token(&args)?;
    config.cors = args.cors;
    config.rate_per_sec = (args.rate > 0.0).then_some(args.rate);
    config.burst = args.burst;
    config.body_limit = args.max_body;
    // Before the runtime: its threads inherit the blocked signals.
    let stop = stop_signal()?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("listening on {}", args.addr))?;
        let writes = if config.token.is_some() {
            "POST /api/articles enabled"
        } else {
            "read-only"
        };
        eprintln!(
            "rasad: serving {} on http://{} ({writes})",
            args.db.display(),
            listener.local_addr()?
        );
        let stopped = async {
            // A dropped sender (the signal thread gone) never stops the server.
            if stop.await.is_err() {
                std::future::pending::<()>().await;
            }
            eprintln!("rasad: stopping (answering open requests first)");
        };
        rasad_serve::serve_until(listener, config, stopped).await?;
        eprintln!("rasad: stopped");
        anyhow::Ok(ExitCode::SUCCESS)
    })
}

/// Exit status when a second SIGINT/SIGTERM ends the process before the
/// graceful stop is done (128 + SIGINT, as a shell reports it).
#[cfg(unix)]
const FORCED_EXIT: i32 = 130;

/// A receiver told when SIGINT or SIGTERM arrives: both are blocked in
/// every thread (so call this before the runtime starts its threads, which
/// inherit the mask) and one thread waits for them. The first starts the
/// graceful stop; a second ends the process at once. An ignored SIGINT
/// inherited from a shell (a background job) is reset, so `kill -INT`
/// stops the server too.
#[cfg(unix)]
fn stop_signal() -> anyhow::Result<tokio::sync::oneshot::Receiver<()>> {
    // SAFETY: plain libc calls on a local signal set; no handler is
    // installed (the signals are only ever taken by `sigwait`).
    let set = unsafe {
        let mut set = std::mem::MaybeUninit::<libc::sigset_t>::uninit();
        libc::sigemptyset(set.as_mut_ptr());
        let mut set = set.assume_init();
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            anyhow::bail!("blocking SIGINT and SIGTERM failed");
        }
        // Blocked first, so no signal can take the default action between.
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::signal(libc::SIGTERM, libc::SIG_DFL);
        set
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            let mut first = Some(tx);
            loop {
                let mut sig = 0;
                // SAFETY: `set` is an initialized signal set owned by this thread.
                if unsafe { libc::sigwait(&set, &mut sig) } != 0 {
                    return;
                }
                match first.take() {
                    Some(tx) => {
                        let _ = tx.send(());
                    }
                    None => std::process::exit(FORCED_EXIT),
                }
            }
        })
        .context("starting the signal thread")?;
    Ok(rx)
}

/// Elsewhere Ctrl-C keeps its default action (the process ends).
#[cfg(not(unix))]
fn stop_signal() -> anyhow::Result<tokio::sync::oneshot::Receiver<()>> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::mem::forget(tx);
    Ok(rx)
}
