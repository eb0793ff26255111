//! rasad-extract (in progress).
