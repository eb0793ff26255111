//! Closed-loop clients: each thread keeps one HTTP/1.1 connection open (as a
//! browser does), sends a request drawn from the mix, reads the whole answer,
//! and sends the next at once. Latencies are recorded per endpoint.

use crate::corpus::Rng;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// One keep-alive connection.
struct Conn {
    addr: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
}

impl Conn {
    /// Sends `GET target` and reads the answer; the status code.
    fn get(&mut self, target: &str) -> std::io::Result<u16> {
        if self.stream.is_none() {
            let s = TcpStream::connect(self.addr)?;
            s.set_nodelay(true)?;
            s.set_read_timeout(Some(Duration::from_secs(30)))?;
            self.stream = Some(BufReader::with_capacity(64 * 1024, s));
        }
        let r = self.exchange(target);
        if r.is_err() {
            self.stream = None;
        }
        r
    }

    fn exchange(&mut self, target: &str) -> std::io::Result<u16> {
        let bad = |m: &str| std::io::Error::other(m.to_string());
        let s = self.stream.as_mut().ok_or_else(|| bad("not connected"))?;
        let head = format!("GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr);
        s.get_mut().write_all(head.as_bytes())?;
        let mut line = String::new();
        s.read_line(&mut line)?;
        let status: u16 = line
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| bad("no status line"))?;
        let (mut length, mut chunked, mut close) = (None, false, false);
        loop {
            line.clear();
            if s.read_line(&mut line)? == 0 {
                return Err(bad("closed in the headers"));
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
                match k.as_str() {
                    "content-length" => length = v.parse::<u64>().ok(),
                    "transfer-encoding" => chunked = v.contains("chunked"),
                    "connection" => close = v.eq_ignore_ascii_case("close"),
                    _ => {}
                }
            }
        }
        if chunked {
            loop {
                line.clear();
                s.read_line(&mut line)?;
                let size = u64::from_str_radix(line.trim(), 16).map_err(|_| bad("chunk size"))?;
                std::io::copy(&mut s.by_ref().take(size + 2), &mut std::io::sink())?;
                if size == 0 {
                    break;
                }
            }
        } else {
            let n = length.ok_or_else(|| bad("no content-length"))?;
            let got = std::io::copy(&mut s.by_ref().take(n), &mut std::io::sink())?;
            if got != n {
                return Err(bad("short body"));
            }
        }
        if close {
            self.stream = None;
        }
        Ok(status)
    }
}

/// Latencies of one endpoint.
#[derive(Default)]
pub struct Series {
    /// Answered with 200.
    pub ok: Vec<Duration>,
    /// Other statuses or connection failures.
    pub errors: usize,
}

/// Runs `clients` closed-loop clients for `seconds`; per endpoint (in
/// `classes` order) the latencies, and the wall time taken.
pub fn run(
    addr: SocketAddr,
    targets: &[(&'static str, String)],
    classes: &[&str],
    clients: usize,
    seconds: u64,
) -> (Vec<Series>, f64) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let per_client: Vec<Vec<Series>> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..clients)
            .map(|c| {
                s.spawn(move || {
                    let mut r = Rng(0xdead_beef ^ ((c as u64 + 1) << 20));
                    let mut conn = Conn { addr, stream: None };
                    let mut series: Vec<Series> =
                        classes.iter().map(|_| Series::default()).collect();
                    while Instant::now() < deadline {
                        let (class, target) = &targets[r.below(targets.len() as u64) as usize];
                        let k = classes.iter().position(|c| c == class).unwrap_or(0);
                        let t0 = Instant::now();
                        match conn.get(target) {
                            Ok(200) => series[k].ok.push(t0.elapsed()),
                            _ => series[k].errors += 1,
                        }
                    }
                    series
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().expect("client")).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let mut total: Vec<Series> = classes.iter().map(|_| Series::default()).collect();
    for series in per_client {
        for (t, s) in total.iter_mut().zip(series) {
            t.ok.extend(s.ok);
            t.errors += s.errors;
        }
    }
    (total, elapsed)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

/// The table header (the same columns as `load.lua` prints).
pub fn header() -> String {
    format!(
        "{:<10} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7}",
        "endpoint", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors"
    )
}

/// One table row.
pub fn row(name: &str, s: &mut Series, elapsed: f64) -> String {
    s.ok.sort();
    let v = &s.ok;
    format!(
        "{name:<10} {:>8} {:>8.0} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>7}",
        v.len(),
        v.len() as f64 / elapsed,
        percentile(v, 0.50),
        percentile(v, 0.90),
        percentile(v, 0.99),
        percentile(v, 1.0),
        s.errors
    )
}
