//! `rasad gazetteer`: look names up in the gazetteer and add GeoNames dumps
//! to a user gazetteer.
//!
//! The user gazetteer is a tab-separated file in the format of
//! `data/gazetteer/geonames.tsv` (see `data/gazetteer/README.md`), by default
//! `$XDG_DATA_HOME/rasad/gazetteer.tsv` (or `~/.local/share/rasad/…`), or the
//! file given with `--db`. The extractor loads it when the environment
//! variable `RASAD_GAZETTEER` names it.

use anyhow::Context;
use rasad_gazetteer::{format_row, import_geonames, Gazetteer, Row, EXTRA_ENV, HEADER};
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// List the places a name may refer to: name, id, kind, admin1, country,
    /// coordinates (most important first).
    Lookup {
        /// The name, in any spelling (بالبوكمال, البو كمال …).
        name: String,
        /// Print JSON lines instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Add a GeoNames dump (the 19-column tab-separated format of SY.txt or
    /// allCountries.txt) to the user gazetteer: places with Arabic names only.
    Import {
        /// The GeoNames dump.
        file: PathBuf,
        /// The user gazetteer file (TSV) to create or update; default
        /// $RASAD_GAZETTEER, else $XDG_DATA_HOME/rasad/gazetteer.tsv.
        #[arg(long)]
        db: Option<PathBuf>,
        /// Only these countries (ISO codes, comma-separated).
        #[arg(long, value_delimiter = ',')]
        countries: Vec<String>,
    },
}

pub fn run(c: Command) -> anyhow::Result<ExitCode> {
    match c {
        Command::Lookup { name, json } => lookup(&name, json),
        Command::Import {
            file,
            db,
            countries,
        } => import(&file, db, &countries),
    }
}

fn lookup(name: &str, json: bool) -> anyhow::Result<ExitCode> {
    let g = Gazetteer::bundled();
    let found = g.lookup(name);
    if found.is_empty() {
        eprintln!("no place called {name:?}");
        return Ok(ExitCode::from(1));
    }
    let mut out = std::io::stdout().lock();
    for p in found {
        let coord = |x: f64| {
            if x.is_finite() {
                format!("{x:.4}")
            } else {
                "-".into()
            }
        };
        if json {
            let v = serde_json::json!({
                "name": p.name, "id": p.id, "en": p.en, "kind": p.kind(), "feature": p.feature,
                "admin1": p.admin1, "admin2": p.admin2, "country": p.country,
                "lat": p.lat.is_finite().then_some(p.lat), "lon": p.lon.is_finite().then_some(p.lon),
                "population": p.population,
            });
            writeln!(out, "{v}")?;
        } else {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{},{}\t{}",
                p.name,
                p.id,
                p.kind(),
                p.feature,
                if p.admin1.is_empty() { "-" } else { &p.admin1 },
                p.country,
                coord(p.lat),
                coord(p.lon),
                p.en
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The default user gazetteer file.
fn default_db() -> anyhow::Result<PathBuf> {
    if let Some(p) = std::env::var_os(EXTRA_ENV) {
        return Ok(PathBuf::from(p));
    }
    let base = match std::env::var_os("XDG_DATA_HOME") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(
            std::env::var_os("HOME").context("neither --db, RASAD_GAZETTEER nor HOME is set")?,
        )
        .join(".local/share"),
    };
    Ok(base.join("rasad/gazetteer.tsv"))
}

fn import(file: &Path, db: Option<PathBuf>, countries: &[String]) -> anyhow::Result<ExitCode> {
    let db = match db {
        Some(p) => p,
        None => default_db()?,
    };
    let input =
        std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let only = (!countries.is_empty()).then_some(countries);
    let (rows, stats) = import_geonames(BufReader::new(input), only)
        .with_context(|| format!("reading {}", file.display()))?;
    for problem in &stats.problems {
        eprintln!("{}: skipped {problem}", file.display());
    }
    // Merge with what the file already holds: new rows replace old ones by id.
    let mut merged: Vec<Row> = Vec::new();
    if db.exists() {
        let text = std::fs::read_to_string(&db)
            .with_context(|| format!("cannot read {}", db.display()))?;
        let (old, errors) = rasad_gazetteer::parse(&text, false);
        if let Some(e) = errors.first() {
            eprintln!(
                "{}: {} malformed line(s) dropped, first: {e}",
                db.display(),
                errors.len()
            );
        }
        let new_ids: std::collections::HashSet<&str> =
            rows.iter().map(|r| r.place.id.as_str()).collect();
        merged.extend(
            old.into_iter()
                .filter(|r| !new_ids.contains(r.place.id.as_str())),
        );
    }
    let kept_before = merged.len();
    merged.extend(rows);
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let tmp = db.with_extension("tsv.tmp");
    {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(&tmp)
                .with_context(|| format!("cannot write {}", tmp.display()))?,
        );
        writeln!(
            w,
            "# rasad user gazetteer: imported from GeoNames (CC BY 4.0, geonames.org)"
        )?;
        writeln!(w, "{HEADER}")?;
        for r in &merged {
            writeln!(
                w,
                "{}",
                format_row(r, &format!("imported from {}", file.display()))
            )?;
        }
        w.flush()?;
    }
    std::fs::rename(&tmp, &db).with_context(|| format!("cannot replace {}", db.display()))?;
    eprintln!(
        "read {} lines ({} malformed), kept {} places with Arabic names; {} now holds {} places ({} kept from before)",
        stats.lines,
        stats.malformed,
        stats.kept,
        db.display(),
        merged.len(),
        kept_before
    );
    eprintln!("use it with: export {EXTRA_ENV}={}", db.display());
    Ok(ExitCode::SUCCESS)
}
