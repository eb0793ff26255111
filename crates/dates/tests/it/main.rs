//! The integration tests of rasad-dates: one test binary for the crate
//! (as ripgrep does), each former `tests/NAME.rs` a module here, so a
//! workspace build links one test executable per crate instead of one per
//! file. One file's tests: `cargo test -p rasad-dates --test it NAME::`.

mod anchor;
mod props;
mod regressions;
mod table;
