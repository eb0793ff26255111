//! The integration tests of rasad-serve: one test binary for the crate
//! (as ripgrep does), each former `tests/NAME.rs` a module here, so a
//! workspace build links one test executable per crate instead of one per
//! file. One file's tests: `cargo test -p rasad-serve --test it NAME::`.

// Helpers shared by the modules below.
mod support;

mod api;
mod browser;
mod export;
mod overview;
mod pages;
mod review_pages;
