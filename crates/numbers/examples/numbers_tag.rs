//! Prints the quantities of text files as JSON lines, and the time taken.
//!
//! `cargo run --release -p rasad-numbers --example tag -- [--repeat N] FILE...`
//!
//! Each line: `{"doc": stem, "quantities": [...]}`; a last line
//! `{"timing": {"bytes": B, "seconds": S, "repeat": N}}` gives the time spent in
//! analysis and tagging over N passes (used by `compare/compare.py`).

use rasad_numbers::tag_quantities;
use rasad_text::Analysis;
use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 1usize;
    if let Some(i) = args.iter().position(|a| a == "--repeat") {
        repeat = args
            .get(i + 1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(1)
            .max(1);
        args.drain(i..(i + 2).min(args.len()));
    }
    let docs: Vec<(String, String)> = args
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let stem = std::path::Path::new(p)
                .file_stem()?
                .to_string_lossy()
                .into_owned();
            Some((stem, text))
        })
        .collect();
    for (stem, text) in &docs {
        let a = Analysis::new(text.as_str(), vec![]);
        let q = tag_quantities(&a, &[]);
        println!("{}", serde_json::json!({"doc": stem, "quantities": q}));
    }
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..repeat {
        for (_, text) in &docs {
            let a = Analysis::new(text.as_str(), vec![]);
            found += tag_quantities(&a, &[]).len();
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{}",
        serde_json::json!({"timing": {"bytes": bytes * repeat, "seconds": seconds, "repeat": repeat, "found": found}})
    );
}
