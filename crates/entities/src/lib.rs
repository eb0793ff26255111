//! rasad-entities (in progress).
