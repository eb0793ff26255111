//! Links generated reports from scratch into a new store, day by day (an
//! archive ingested in order), and says how long linking and loading took.
//! Peak memory: run it under `/usr/bin/time -v`:
//!
//! ```text
//! cargo build --release -p rasad-incidents --example scale
//! /usr/bin/time -v target/release/examples/scale 1000000 /tmp/scale.db
//! ```
//!
//! `scale N DB add` then adds single articles to it and times each update;
//! `scale 0 DB load` times reading the incidents of any store (a server
//! start's work, pending articles left unlinked).
//! The store holds the articles' linking rows and the incidents (no article
//! texts), so `rasad serve --db /tmp/scale.db` starts on it as on a real one.

#[path = "../benches/gen/mod.rs"]
mod gen;

use rasad_incidents::persist;
use rasad_store::Store;
use std::time::{Duration, Instant};

/// Articles linked per transaction.
const CHUNK: usize = 5_000;

/// Articles between two progress lines (on stderr), so a run stopped by a
/// time limit says how far it got.
const PROGRESS: usize = 100_000;

/// Single articles added (each its own update) to a store already built.
const ADDED: usize = 30;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let reports: usize = args.next().map_or(Ok(1_000_000), |a| a.parse())?;
    let db = args.next().unwrap_or_else(|| "scale.db".into());
    match args.next().as_deref() {
        Some("add") => add(reports, &db),
        Some("load") => load(&db),
        _ => build(reports, &db),
    }
}

/// Loads the stored incidents and outlet statistics of any store (what a
/// server start reads), without linking pending articles.
fn load(db: &str) -> Result<(), Box<dyn std::error::Error>> {
    let store = Store::open(db)?;
    let (t, c) = (Instant::now(), process_cpu());
    let all = persist::incidents(&store)?;
    let stats = persist::outlet_stats(&store, &all)?;
    let cpu = process_cpu().zip(c).map(|(b, a)| b.saturating_sub(a));
    println!(
        "loaded {} incidents and {} outlets in {:.1?} (on the CPU, all threads: {cpu:.1?})",
        all.len(),
        stats.len(),
        t.elapsed()
    );
    Ok(())
}

/// Adds [`ADDED`] articles one at a time to the store `build` made with
/// `reports`, each a sixth outlet's article about a stored incident, and
/// prints the median and slowest update.
fn add(reports: usize, db: &str) -> Result<(), Box<dyn std::error::Error>> {
    let mut store = Store::open(db)?;
    let mut g = gen::Generator::new(0x5eed, reports);
    while g.next_day().is_some() {}
    let (mut times, mut cpu) = (Vec::new(), Vec::new());
    for k in 0..ADDED {
        let at = g.rng.below(g.incidents.len() as u64) as usize;
        let f = g.incidents[at].article(&mut g.rng, format!("added{}-{k}", std::process::id()), 5);
        let (t, c) = (Instant::now(), cpu_time());
        let written = persist::link_features(&mut store, vec![f])?;
        times.push(t.elapsed());
        cpu.extend(cpu_time().zip(c).map(|(b, a)| b.saturating_sub(a)));
        assert!(written >= 1, "{written}");
    }
    times.sort();
    cpu.sort();
    println!(
        "added {ADDED} articles one at a time: median {:.1?}, slowest {:.1?}",
        times[ADDED / 2],
        times[ADDED - 1]
    );
    if cpu.len() == ADDED {
        println!(
            "  on the CPU (this thread; waits for a busy CPU left out): median {:.1?}, slowest {:.1?}",
            cpu[ADDED / 2],
            cpu[ADDED - 1]
        );
    }
    Ok(())
}

/// Time this thread has run on a CPU (Linux: `/proc/thread-self/schedstat`),
/// so a machine busy with other work does not inflate the figure.
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Links the generated articles into a new store at `db`.
fn build(reports: usize, db: &str) -> Result<(), Box<dyn std::error::Error>> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
    let mut store = Store::open(db)?;
    let mut g = gen::Generator::new(0x5eed, reports);
    let t = Instant::now();
    let (mut articles, mut total) = (0, 0);
    let mut chunk = Vec::new();
    loop {
        let day = g.next_day();
        let last = day.is_none();
        chunk.extend(day.unwrap_or_default());
        if chunk.len() >= CHUNK || (last && !chunk.is_empty()) {
            articles += chunk.len();
            total += chunk.iter().map(|f| f.reports.len()).sum::<usize>();
            persist::link_features(&mut store, std::mem::take(&mut chunk))?;
            if articles % PROGRESS < CHUNK {
                eprintln!("{articles} articles linked after {:.1?}", t.elapsed());
            }
        }
        if last {
            break;
        }
    }
    let linked = t.elapsed();
    let incidents: i64 =
        store
            .connection()
            .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))?;
    println!(
        "linked {articles} articles, {total} reports into {incidents} incidents in {linked:.1?}"
    );
    let t = Instant::now();
    let all = persist::incidents(&store)?;
    let stats = persist::outlet_stats(&store, &all)?;
    println!(
        "loaded {} incidents and {} outlets in {:.1?}",
        all.len(),
        stats.len(),
        t.elapsed()
    );
    Ok(())
}

/// Time every thread of this process has run on a CPU (Linux:
/// `/proc/self/stat`, in clock ticks of 10 ms).
fn process_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = s.rsplit_once(')')?.1;
    let f: Vec<u64> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|x| x.parse().ok())
        .collect();
    (f.len() == 2).then(|| Duration::from_millis((f[0] + f[1]) * 10))
}
