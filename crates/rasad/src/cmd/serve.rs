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
        rasad_serve::serve(listener, config).await?;
        anyhow::Ok(ExitCode::SUCCESS)
    })
}
