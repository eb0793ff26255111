//! The integration tests of rasad (the binary): one test binary for the crate
//! (as ripgrep does), each former `tests/NAME.rs` a module here, so a
//! workspace build links one test executable per crate instead of one per
//! file. One file's tests: `cargo test -p rasad --test it NAME::`.

mod cli_export;
mod cli_extract;
mod cli_incidents;
mod cli_parquet;
mod cli_store;
