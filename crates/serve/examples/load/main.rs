//! Load test of `rasad serve` (not run by `cargo test`).
//!
//! A database of generated Arabic articles is built once and cached as
//! `target/load/articles-N.db` (delete it to rebuild after the extractor
//! changed). The request mix (`mix.rs`: searches with filters and paging,
//! incident lists with filters, single incidents, single articles) is written
//! to `target/load/targets-N.tsv`. Closed-loop clients, each on one keep-alive
//! connection, then send requests for a number of seconds and a table gives
//! requests, throughput and latency percentiles (p50/p90/p99/max, ms) for the
//! whole mix (`all`) and for each endpoint's share of it. The rate limiter is
//! off (`Config::rate_per_sec = None`, `rasad serve --rate 0`), as every
//! client shares one loopback address. `load.sh` prints the same columns
//! from wrk, whose rows after `all` are each endpoint run alone.
//!
//! Measured on the project's 2-core machine, shared with other work (load
//! average 6 to 10), 10,000 articles, 50 clients in this process: 3,000
//! requests/s, search p99 70 ms, the other endpoints p99 under 11 ms (before
//! the work of issue 7: 395 requests/s, p99 735 ms). Expect the tails to move
//! with whatever else runs on the machine; compare runs made together.
//!
//! ```sh
//! # server and clients in this process (they share the cores):
//! cargo run --release -p rasad-serve --example load -- [ARTICLES] [CLIENTS] [SECONDS]
//! # only build the database and the targets file:
//! cargo run --release -p rasad-serve --example load -- prepare [ARTICLES]
//! # only the clients, against a server already running on ADDR:
//! cargo run --release -p rasad-serve --example load -- clients ADDR [ARTICLES] [CLIENTS] [SECONDS]
//! # the real binary under wrk (lighter clients), 10 and 50 connections:
//! crates/serve/examples/load.sh [ARTICLES] [SECONDS]
//! ```
//!
//! Defaults: 10,000 articles, 50 clients, 20 seconds.

mod client;
mod corpus;
mod mix;

use rasad_serve::{AppState, Config};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Instant;

fn arg(args: &[String], i: usize, default: usize) -> usize {
    args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default)
}

/// Builds (or reuses) the database, opens the server state and writes the
/// targets file.
fn prepare(n: usize) -> (PathBuf, AppState, Vec<(&'static str, String)>) {
    let db = corpus::cached_db(n);
    let mut config = Config::new(&db);
    config.rate_per_sec = None;
    let t = Instant::now();
    let state = AppState::open(&config).expect("open the server state");
    let built = state.built();
    eprintln!(
        "{} incidents built in {:.1}s",
        built.incidents.len(),
        t.elapsed().as_secs_f64()
    );
    let ids: Vec<String> = built.incidents.iter().map(|i| i.id.clone()).collect();
    let mut actors: Vec<String> = built
        .incidents
        .iter()
        .flat_map(|i| i.actors.iter().map(|a| a.id.clone()))
        .collect();
    actors.sort();
    actors.dedup();
    let targets = mix::targets(&mix::Universe {
        articles: n,
        incident_ids: &ids,
        actors: &actors,
    });
    let file = corpus::cache_dir().join(format!("targets-{n}.tsv"));
    std::fs::write(&file, mix::to_tsv(&targets)).expect("write the targets");
    eprintln!("{} targets in {}", targets.len(), file.display());
    (db, state, targets)
}

/// Reads the targets file written by `prepare`.
fn read_targets(n: usize) -> Vec<(&'static str, String)> {
    let file = corpus::cache_dir().join(format!("targets-{n}.tsv"));
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{} ({e}): run `load prepare {n}` first", file.display()));
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(c, t)| {
            mix::CLASSES
                .iter()
                .find(|k| **k == c)
                .map(|k| (*k, t.to_string()))
        })
        .collect()
}

fn report(addr: SocketAddr, targets: &[(&'static str, String)], clients: usize, seconds: u64) {
    let (mut series, elapsed) = client::run(addr, targets, mix::CLASSES, clients, seconds);
    let mut all = client::Series::default();
    for s in &series {
        all.ok.extend(&s.ok);
        all.errors += s.errors;
    }
    println!(
        "{clients} clients, {elapsed:.1}s, {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("{}", client::header());
    println!("{}", client::row("all", &mut all, elapsed));
    for (name, s) in mix::CLASSES.iter().zip(series.iter_mut()) {
        println!("{}", client::row(name, s, elapsed));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("prepare") => {
            prepare(arg(&args, 1, 10_000));
        }
        Some("clients") => {
            let addr: SocketAddr = args
                .get(1)
                .and_then(|a| a.parse().ok())
                .expect("clients ADDR [ARTICLES] [CLIENTS] [SECONDS]");
            let n = arg(&args, 2, 10_000);
            let targets = read_targets(n);
            report(addr, &targets, arg(&args, 3, 50), arg(&args, 4, 20) as u64);
        }
        _ => {
            let n = arg(&args, 0, 10_000);
            let (clients, seconds) = (arg(&args, 1, 50), arg(&args, 2, 20) as u64);
            let (db, state, targets) = prepare(n);
            let mut config = Config::new(&db);
            config.rate_per_sec = None;
            let addr = rasad_serve::spawn_loopback(state, config, None).expect("server starts");
            report(addr, &targets, clients, seconds);
        }
    }
}
