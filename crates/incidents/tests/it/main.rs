//! The integration tests of rasad-incidents: one test binary for the crate
//! (as ripgrep does), each former `tests/NAME.rs` a module here, so a
//! workspace build links one test executable per crate instead of one per
//! file. One file's tests: `cargo test -p rasad-incidents --test it NAME::`.

mod clusters;
mod persist_bounds;
mod real_dev;
