//! rasad-numbers (in progress).
