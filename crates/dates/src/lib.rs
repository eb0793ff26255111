//! rasad-dates (in progress).
