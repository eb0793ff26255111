//! What the tests reading `../shared` (the material beside the repository:
//! real articles, gold records, the reference scorer) share: finding it, and
//! failing rather than skipping in CI.

use std::path::{Path, PathBuf};

/// `../shared`, beside the repository.
pub fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// True when the tests run in CI (`CI` set and not `false`/`0`/empty).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// Called when something a test needs is missing: in CI the test fails,
/// elsewhere it is skipped with a note.
pub fn missing(what: &str) {
    if in_ci() {
        panic!("{what} is missing, and CI is set: the test cannot be skipped");
    }
    eprintln!("note: skipped: {what} is not available");
}

/// The path under `../shared`, when it exists (else [`missing`]).
pub fn require(relative: &str) -> Option<PathBuf> {
    let p = shared_dir().join(relative);
    if p.exists() {
        Some(p)
    } else {
        missing(&format!("../shared/{relative}"));
        None
    }
}
