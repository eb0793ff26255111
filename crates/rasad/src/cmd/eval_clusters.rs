//! `rasad eval --clusters FILE`: incident linking scored against clusters of
//! articles (see `rasad_eval::clusters` for how articles with several
//! incidents count).

use anyhow::Context;
use rasad_extract::{Extractor, Options};
use rasad_ingest::{read_paths, ReadOptions};
use rasad_record::Document;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Records from a saved `rasad extract` output (error lines are skipped).
fn load_records(path: &Path) -> anyhow::Result<Vec<Document>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        if value.get("error").is_some() {
            continue;
        }
        let doc: Document = serde_json::from_value(value)
            .with_context(|| format!("{}:{}: not an extraction record", path.display(), n + 1))?;
        out.push(doc);
    }
    Ok(out)
}

pub fn run(
    clusters: &Path,
    system: Option<&Path>,
    docs: Option<&Path>,
    reference_date: Option<jiff::civil::Date>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(clusters)
        .with_context(|| format!("reading {}", clusters.display()))?;
    let gold = rasad_eval::parse_clusters(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", clusters.display()))?;

    // The documents' texts (evidence sentences are cut from them).
    let mut raws = Vec::new();
    if let Some(d) = docs {
        for item in read_paths(&[PathBuf::from(d)], &ReadOptions::default()) {
            match item {
                Ok(raw) => raws.push(raw),
                Err(e) => eprintln!("rasad: {}: {}", e.origin, e.reason),
            }
        }
    }
    let records: Vec<(Document, String)> = match system {
        Some(path) => {
            let texts: BTreeMap<String, String> =
                raws.into_iter().map(|r| (r.id, r.text)).collect();
            load_records(path)?
                .into_iter()
                .map(|d| {
                    let t = texts.get(&d.id).cloned().unwrap_or_default();
                    (d, t)
                })
                .collect()
        }
        None => {
            let reference_date = reference_date.unwrap_or_else(|| jiff::Zoned::now().date());
            let extractor = Extractor::new(Options { reference_date });
            raws.into_iter()
                .map(|r| (extractor.extract(&r), r.text))
                .collect()
        }
    };
    let incidents = rasad_incidents::corpus::build(&records);
    let links = rasad_incidents::corpus::article_incidents(&incidents);
    let report = rasad_eval::score_clusters(&gold, &links.main, &links.any);
    let out = if json {
        serde_json::to_string(&report)? + "\n"
    } else {
        report.render()
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    lock.write_all(out.as_bytes())
        .context("writing to standard output")?;
    lock.flush().context("writing to standard output")?;
    Ok(ExitCode::SUCCESS)
}
