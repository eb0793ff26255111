//! rasad-gazetteer (in progress).
