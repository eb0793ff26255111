//! The integration tests of rasad-events: one test binary for the crate
//! (as ripgrep does), each former `tests/NAME.rs` a module here, so a
//! workspace build links one test executable per crate instead of one per
//! file. One file's tests: `cargo test -p rasad-events --test it NAME::`.

// Helpers shared by the modules below.
mod support;

mod casualties;
mod claim_sides;
mod events;
mod heldout_classes;
mod nonevents;
mod properties;
mod told_events;
