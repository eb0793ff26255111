//! Table-driven rows for the casualty rules.
