//! The integration tests of rasad-store: one test binary for the crate
//! (as ripgrep does), each former `tests/NAME.rs` a module here, so a
//! workspace build links one test executable per crate instead of one per
//! file. One file's tests: `cargo test -p rasad-store --test it NAME::`.

mod compact;
mod dicts;
mod index;
mod store;
