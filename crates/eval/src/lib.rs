//! rasad-eval (in progress).
