//! The two other inputs of the scorer: the system's records (JSON lines, as
//! `rasad extract` prints them) and the original documents (to place the gold
//! expressions in the text).

use rasad_record::Document;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Document text by id.
pub type Docs = BTreeMap<String, String>;

/// Why the system records or the documents could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{origin}:{line}: {message}")]
    Invalid {
        origin: String,
        line: usize,
        message: String,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> InputError + '_ {
    move |source| InputError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The system's records, by id (`str(record["id"])` as Python writes it; a
/// later line with the same id replaces an earlier one).
#[derive(Debug, Clone, Default)]
pub struct System {
    records: HashMap<String, Value>,
}

impl System {
    /// No records.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a record; it must be a JSON object.
    pub fn insert(&mut self, record: Value) -> Result<(), String> {
        if !record.is_object() {
            return Err("not a JSON object".into());
        }
        let id = crate::py::py_str(record.get("id").unwrap_or(&Value::Null));
        self.records.insert(id, record);
        Ok(())
    }

    /// Parses JSON lines; `origin` names the text in errors.
    pub fn from_jsonl(text: &str, origin: &str) -> Result<Self, InputError> {
        let mut s = System::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let fail = |message: String| InputError::Invalid {
                origin: origin.to_string(),
                line: i + 1,
                message,
            };
            let v: Value =
                serde_json::from_str(line).map_err(|e| fail(format!("not JSON: {e}")))?;
            s.insert(v).map_err(fail)?;
        }
        Ok(s)
    }

    /// Records produced in process by the extractor.
    pub fn from_documents<'a>(docs: impl IntoIterator<Item = &'a Document>) -> Self {
        let mut s = System::new();
        for d in docs {
            if let Ok(v) = serde_json::to_value(d) {
                let _ = s.insert(v);
            }
        }
        s
    }

    /// The record for a document id.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.records.get(id)
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when there are no records.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// Reads a system output file (JSON lines).
pub fn load_system(path: impl AsRef<Path>) -> Result<System, InputError> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(io(path))?;
    System::from_jsonl(&text, &path.display().to_string())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), InputError> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let p = entry.map_err(io(dir))?.path();
        if p.is_dir() {
            walk(&p, out)?;
        }
        out.push(p);
    }
    Ok(())
}

/// Reads the original documents under `dir` (recursively, in path order):
/// `.txt`, `.html` and `.htm` files by file stem (decoded as UTF-8, invalid
/// bytes replaced), and `.jsonl` files by each line's `id` (`text`, else
/// `html`, else empty). A later document with the same id replaces an earlier one.
pub fn load_docs(dir: impl AsRef<Path>) -> Result<Docs, InputError> {
    load_docs_except(dir, &[])
}

/// The files under `dir` (recursively, in path order), leaving out `skip`
/// (compared after canonicalization, so a gold file kept beside its
/// documents is not read as one).
pub fn document_files(dir: &Path, skip: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut paths = Vec::new();
    walk(dir, &mut paths)?;
    paths.sort();
    let skip: Vec<PathBuf> = skip.iter().filter_map(|p| p.canonicalize().ok()).collect();
    Ok(paths
        .into_iter()
        .filter(|p| p.is_file())
        .filter(|p| !p.canonicalize().is_ok_and(|c| skip.contains(&c)))
        .collect())
}

/// [`load_docs`], leaving out the files in `skip` (such as the gold file
/// when it is kept in the documents' folder, as in `corpus/demo`).
pub fn load_docs_except(dir: impl AsRef<Path>, skip: &[PathBuf]) -> Result<Docs, InputError> {
    let mut docs = Docs::new();
    for p in document_files(dir.as_ref(), skip)?.iter() {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        let stem = || {
            p.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        match ext {
            "txt" | "html" | "htm" => {
                let bytes = std::fs::read(p).map_err(io(p))?;
                docs.insert(stem(), String::from_utf8_lossy(&bytes).into_owned());
            }
            "jsonl" => {
                let text = std::fs::read_to_string(p).map_err(io(p))?;
                for (i, line) in text.lines().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    let fail = |message: String| InputError::Invalid {
                        origin: p.display().to_string(),
                        line: i + 1,
                        message,
                    };
                    let v: Value =
                        serde_json::from_str(line).map_err(|e| fail(format!("not JSON: {e}")))?;
                    let id = v.get("id").ok_or_else(|| fail("no \"id\"".into()))?;
                    let text = [v.get("text"), v.get("html")]
                        .into_iter()
                        .flatten()
                        .find(|x| crate::py::truthy(x))
                        .and_then(Value::as_str)
                        .unwrap_or("");
                    docs.insert(crate::py::py_str(id), text.to_string());
                }
            }
            _ => {}
        }
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_lines_by_id() {
        let s =
            System::from_jsonl("{\"id\": \"a\", \"body\": \"x\"}\n\n{\"id\": 7}\n", "s").unwrap();
        assert_eq!(s.len(), 2);
        assert!(s.get("a").is_some() && s.get("7").is_some());
        let e = System::from_jsonl("{\"id\": \"a\"}\nnope\n", "s.jsonl").unwrap_err();
        assert!(e.to_string().starts_with("s.jsonl:2: not JSON"), "{e}");
        let e = System::from_jsonl("[1, 2]\n", "s.jsonl").unwrap_err();
        assert_eq!(e.to_string(), "s.jsonl:1: not a JSON object");
    }

    #[test]
    fn docs_from_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("001_a.txt"), "نص").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.html"), b"<p>x\xff</p>").unwrap();
        std::fs::write(
            dir.path().join("more.jsonl"),
            "{\"id\": \"c\", \"text\": \"ج\"}\n{\"id\": 4, \"html\": \"<b>\"}\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("notes.md"), "ignored").unwrap();
        let d = load_docs(dir.path()).unwrap();
        assert_eq!(d.len(), 4);
        assert_eq!(d["001_a"], "نص");
        assert_eq!(d["b"], "<p>x\u{fffd}</p>");
        assert_eq!(d["c"], "ج");
        assert_eq!(d["4"], "<b>");
        std::fs::write(dir.path().join("bad.jsonl"), "{\"text\": \"x\"}\n").unwrap();
        assert!(load_docs(dir.path())
            .unwrap_err()
            .to_string()
            .ends_with("bad.jsonl:1: no \"id\""));
        assert!(load_docs(dir.path().join("missing")).is_err());
    }
}
