//! Turns a parsed expression into a [`rasad_record::Time`]: calendar dates get
//! their missing year from the anchor (the publication date) or the reference
//! date; relative expressions are resolved by [`crate::relative`]. What both
//! produce ([`Anchor`], [`Point`], [`Resolved`]) lives in [`crate::point`].

use crate::gregorian::{self, Direction};
use crate::hijri;
use crate::parse::{Cal, Core, DateSpec, Expr, YearSpec};
pub use crate::point::{finish, Anchor, Point, Resolved};
use crate::relative;
use jiff::civil::{Date, Weekday};
use rasad_record::{Basis, Calendar, Precision};

/// Resolves `e` against the anchor (if known) and the reference date. A clock
/// time after midnight (`الواحدة بعد منتصف الليل`) moves the value to the next
/// day; `day` stays the day written (it tells the publication date).
pub fn resolve(e: &Expr, anchor: Option<&Anchor>, reference: Date) -> Resolved {
    let mut r = resolve_written(e, anchor, reference);
    if e.next_day && matches!(r.time.precision, Precision::Hour | Precision::Minute) {
        if let Some(d) = r.day.and_then(|d| gregorian::add_days(d, 1)) {
            r.time.value = Some(gregorian::timex(d, r.time.precision, e.clock));
        }
    }
    r
}

fn resolve_written(e: &Expr, anchor: Option<&Anchor>, reference: Date) -> Resolved {
    match e.core {
        Core::Date(spec) => {
            let (p, basis) = date(&spec, e.weekday, anchor, reference);
            let cal = match spec.cal {
                Cal::Gregorian => Calendar::Gregorian,
                Cal::Hijri => Calendar::Hijri,
            };
            finish(p, None, cal, basis, e.clock)
        }
        Core::Year {
            y,
            hijri: false,
            end,
        } => finish(
            Point::Year(y),
            end.map(Point::Year),
            Calendar::Gregorian,
            Basis::Explicit,
            None,
        ),
        Core::Year {
            y,
            hijri: true,
            end,
        } => {
            let first = hijri::to_gregorian(y, 1, 1);
            let last = hijri::to_gregorian(end.unwrap_or(y) + 1, 1, 1)
                .and_then(|d| gregorian::add_days(d, -1));
            let p = match (first, last) {
                (Some(a), Some(b)) => Point::Days(a, b),
                _ => Point::Null,
            };
            finish(p, None, Calendar::Hijri, Basis::Explicit, None)
        }
        Core::Clock => finish(
            Point::Null,
            None,
            Calendar::Gregorian,
            Basis::Relative,
            None,
        ),
        _ => relative::resolve(e, anchor),
    }
}

/// The limit and direction for a date written without a year.
fn frame(rel: Option<i8>, anchor: Option<&Anchor>, reference: Date) -> (Date, Direction, Basis) {
    let (limit, basis) = match anchor {
        Some(a) => (a.limit(), Basis::Relative),
        None => (reference, Basis::Inferred),
    };
    let dir = match rel {
        Some(r) if r < 0 => match anchor {
            Some(a) if a.prec == Precision::Day => Direction::Before,
            _ => Direction::OnOrBefore,
        },
        Some(r) if r > 0 => Direction::After,
        _ => Direction::OnOrBefore,
    };
    let limit = match (dir, anchor) {
        (Direction::After, Some(a)) if a.prec != Precision::Day => a.limit(),
        _ => limit,
    };
    (limit, dir, basis)
}

/// Resolves a calendar date.
pub fn date(
    spec: &DateSpec,
    weekday: Option<Weekday>,
    anchor: Option<&Anchor>,
    reference: Date,
) -> (Point, Basis) {
    let m = spec.month;
    match (spec.cal, spec.day, spec.year) {
        (Cal::Gregorian, Some(d), YearSpec::Explicit(y)) => (
            gregorian::date(y, m, d).map_or(Point::Null, Point::Day),
            Basis::Explicit,
        ),
        (Cal::Gregorian, Some(d), YearSpec::Relative(off)) => match anchor {
            Some(a) => (
                gregorian::date(i32::from(a.date.year()) + off, m, d)
                    .map_or(Point::Null, Point::Day),
                Basis::Relative,
            ),
            None => (Point::Null, Basis::Relative),
        },
        (Cal::Gregorian, Some(d), YearSpec::None) => {
            if let (Some(0), Some(a)) = (spec.rel, anchor) {
                if a.ym().1 == m {
                    let p = gregorian::date(a.ym().0, m, d).map_or(Point::Null, Point::Day);
                    return (p, Basis::Relative);
                }
            }
            let (limit, dir, basis) = frame(spec.rel, anchor, reference);
            let p = gregorian::place_day(m, d, weekday, limit, dir).map_or(Point::Null, Point::Day);
            (p, basis)
        }
        (Cal::Gregorian, None, YearSpec::Explicit(y)) => (Point::Month(y, m), Basis::Explicit),
        (Cal::Gregorian, None, YearSpec::Relative(off)) => match anchor {
            Some(a) => (Point::Month(a.ym().0 + off, m), Basis::Relative),
            None => (Point::Null, Basis::Relative),
        },
        (Cal::Gregorian, None, YearSpec::None) => {
            let (basis, (ly, lm)) = match anchor {
                Some(a) => (Basis::Relative, a.ym()),
                None => (Basis::Inferred, gregorian::ym(reference)),
            };
            let dir = match spec.rel {
                Some(r) if r < 0 => Direction::Before,
                Some(r) if r > 0 => Direction::After,
                _ => Direction::OnOrBefore,
            };
            let p = gregorian::place_month(m, ly, lm, dir)
                .map_or(Point::Null, |(y, m)| Point::Month(y, m));
            (p, basis)
        }
        (Cal::Hijri, Some(d), YearSpec::Explicit(y)) => {
            let p = hijri::with_weekday(y, m, d, weekday)
                .or_else(|| hijri::to_gregorian(y, m, d))
                .map_or(Point::Null, Point::Day);
            (p, Basis::Explicit)
        }
        (Cal::Hijri, Some(d), YearSpec::None) => {
            let (limit, dir, basis) = frame(spec.rel, anchor, reference);
            // With a publication date and no الماضي/المقبل: the year whose
            // day falls nearest to it; else the latest before the reference.
            let placed = match (anchor, spec.rel) {
                (Some(a), None) => hijri::nearest_day(m, d, weekday, a.date),
                _ => hijri::place_day(m, d, weekday, limit, dir),
            };
            let p = placed.map_or(Point::Null, |(_, g)| Point::Day(g));
            (p, basis)
        }
        (Cal::Hijri, None, YearSpec::Explicit(y)) => {
            let p = hijri::month_range(y, m).map_or(Point::Null, |(a, b)| Point::Days(a, b));
            (p, Basis::Explicit)
        }
        (Cal::Hijri, None, YearSpec::None) => {
            let (limit, dir, basis) = frame(spec.rel, anchor, reference);
            let p = hijri::place_month(m, limit, dir)
                .and_then(|y| hijri::month_range(y, m))
                .map_or(Point::Null, |(a, b)| Point::Days(a, b));
            (p, basis)
        }
        (Cal::Hijri, _, YearSpec::Relative(_)) => (Point::Null, Basis::Relative),
    }
}
