//! rasad-store (in progress).
