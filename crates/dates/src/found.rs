//! An expression found in a document, with the token it starts at, and what
//! the publication rules ask of one (the modules that read found
//! expressions depend on this one, not on the crate root).

use crate::parse::{Cal, Core, DateSpec, Expr, YearSpec};

/// An expression with the token it starts at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub(crate) e: Expr,
    pub(crate) t0: usize,
}

/// Of expression `i` and its partner across `الموافق` (if any), the one
/// written in the Gregorian calendar.
pub(crate) fn gregorian_side(found: &[Found], partner: &[Option<usize>], i: usize) -> usize {
    match partner.get(i).copied().flatten() {
        Some(j)
            if matches!(
                found[j].e.core,
                Core::Date(DateSpec {
                    cal: Cal::Gregorian,
                    ..
                })
            ) =>
        {
            j
        }
        _ => i,
    }
}

/// Is this a full calendar date with an explicit year (what a dateline holds)?
pub(crate) fn full_date(e: &Expr) -> bool {
    matches!(
        e.core,
        Core::Date(DateSpec {
            day: Some(_),
            year: YearSpec::Explicit(_),
            ..
        })
    )
}
