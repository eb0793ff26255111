//! The integration tests of rasad-gazetteer: one test binary for the crate
//! (as ripgrep does), each former `tests/NAME.rs` a module here, so a
//! workspace build links one test executable per crate instead of one per
//! file. One file's tests: `cargo test -p rasad-gazetteer --test it NAME::`.

mod common_words;
mod open_places;
mod real_text_classes;
mod traps;
