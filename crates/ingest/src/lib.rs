//! rasad-ingest (in progress).
