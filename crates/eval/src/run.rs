//! Running the extractor over a folder to get system records in process (what
//! `rasad eval` does when no `--system` file is given).

use crate::gold::Gold;
use crate::input::{document_files, Docs, InputError, System};
use rasad_extract::{Extractor, Options};
use rasad_ingest::{read_paths, ReadOptions};
use rasad_record::ErrorRecord;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Why the extractor could not be run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A reference date that is not `YYYY-MM-DD`.
    #[error("document {doc}: reference date {value:?} is not YYYY-MM-DD")]
    BadDate { doc: String, value: String },
    /// The folder could not be listed.
    #[error(transparent)]
    Input(#[from] InputError),
}

/// What an in-process run produced.
#[derive(Debug, Clone, Default)]
pub struct Run {
    /// One record per document read (error records for failures).
    pub system: System,
    /// The text each document's spans count into (for HTML, the visible text).
    pub texts: Docs,
    /// Documents that could not be read: `origin: reason`.
    pub failures: Vec<String>,
}

/// True for the file types the extractor reads (`.txt`, `.html`, `.htm`,
/// `.jsonl`, in any case).
pub fn is_document(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "txt" | "html" | "htm" | "jsonl"
        )
    })
}

/// Extracts every document under `dir` except the files in `skip` (and
/// files of types the extractor does not read). Each
/// document's reference date is `reference` when given, else its gold
/// record's `reference_date`, else `fallback`.
pub fn extract_dir(
    dir: &Path,
    skip: &[PathBuf],
    reference: Option<jiff::civil::Date>,
    gold: &[Gold],
    fallback: jiff::civil::Date,
) -> Result<Run, RunError> {
    let mut dates: HashMap<&str, jiff::civil::Date> = HashMap::new();
    for g in gold {
        if let Some(d) = &g.reference_date {
            let date = d
                .parse::<jiff::civil::Date>()
                .map_err(|_| RunError::BadDate {
                    doc: g.doc.clone(),
                    value: d.clone(),
                })?;
            dates.insert(g.doc.as_str(), date);
        }
    }
    let mut extractors: HashMap<jiff::civil::Date, Extractor> = HashMap::new();
    let mut run = Run::default();
    let mut records = Vec::new();
    // Files of other types beside the documents (a manifest, notes) are not
    // documents: they are left out, as `load_docs` leaves them out.
    let files: Vec<PathBuf> = document_files(dir, skip)?
        .into_iter()
        .filter(|p| is_document(p))
        .collect();
    for item in read_paths(&files, &ReadOptions::default()) {
        match item {
            Ok(raw) => {
                let date = reference
                    .or_else(|| dates.get(raw.id.as_str()).copied())
                    .unwrap_or(fallback);
                let ex = extractors.entry(date).or_insert_with(|| {
                    Extractor::new(Options {
                        reference_date: date,
                    })
                });
                records.push(ex.extract(&raw));
                run.texts.insert(raw.id.clone(), raw.text);
            }
            Err(e) => {
                run.failures.push(format!("{}: {}", e.origin, e.reason));
                if let Ok(v) = serde_json::to_value(ErrorRecord {
                    id: e.id,
                    error: e.reason,
                }) {
                    let _ = run.system.insert(v);
                }
            }
        }
    }
    for r in &records {
        if let Ok(v) = serde_json::to_value(r) {
            let _ = run.system.insert(v);
        }
    }
    Ok(run)
}
