//! The integration tests of rasad-ingest: one test binary for the crate
//! (as ripgrep does), each former `tests/NAME.rs` a module here, so a
//! workspace build links one test executable per crate instead of one per
//! file. One file's tests: `cargo test -p rasad-ingest --test it NAME::`.

mod clean_rules;
mod headline_only;
mod properties;
mod read;
mod seeds;
