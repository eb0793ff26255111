//! rasad-events (in progress).
