//! The integration tests of rasad-eval: one test binary for the crate
//! (as ripgrep does), each former `tests/NAME.rs` a module here, so a
//! workspace build links one test executable per crate instead of one per
//! file. One file's tests: `cargo test -p rasad-eval --test it NAME::`.

// Helpers shared by the modules below.
mod corpus;
mod shared;

mod demo_corpus;
mod equivalence;
mod gazetteer_seeds;
mod owndev_corpus;
mod random_pool;
mod real_dev;
