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
    match spec.cal {
        Cal::Gregorian if spec.day.is_some() => gregorian_day(spec, weekday, anchor, reference),
        Cal::Gregorian => gregorian_month(spec, anchor, reference),
        Cal::Hijri => hijri_date(spec, weekday, anchor, reference),
    }
}

/// A Gregorian day: with its year, with a year relative to the anchor's
/// (`من العام الماضي`), in the anchor's month (`13 تشرين الأول الجاري`), or
/// the nearest such day on the right side of the anchor or reference.
fn gregorian_day(
    spec: &DateSpec,
    weekday: Option<Weekday>,
    anchor: Option<&Anchor>,
    reference: Date,
) -> (Point, Basis) {
    let (m, d) = (spec.month, spec.day.unwrap_or(1));
    let day = |y: i32| gregorian::date(y, m, d).map_or(Point::Null, Point::Day);
    match (spec.year, anchor) {
        (YearSpec::Explicit(y), _) => (day(y), Basis::Explicit),
        (YearSpec::Relative(off), Some(a)) => {
            (day(i32::from(a.date.year()) + off), Basis::Relative)
        }
        (YearSpec::Relative(_), None) => (Point::Null, Basis::Relative),
        (YearSpec::None, Some(a)) if spec.rel == Some(0) && a.ym().1 == m => {
            (day(a.ym().0), Basis::Relative)
        }
        (YearSpec::None, _) => {
            let (limit, dir, basis) = frame(spec.rel, anchor, reference);
            let p = gregorian::place_day(m, d, weekday, limit, dir).map_or(Point::Null, Point::Day);
            (p, basis)
        }
    }
}

/// A Gregorian month without a day: with its year, relative to the anchor's
/// year, or placed before, at or after the anchor's (or reference) month.
fn gregorian_month(spec: &DateSpec, anchor: Option<&Anchor>, reference: Date) -> (Point, Basis) {
    let m = spec.month;
    match (spec.year, anchor) {
        (YearSpec::Explicit(y), _) => (Point::Month(y, m), Basis::Explicit),
        (YearSpec::Relative(off), Some(a)) => (Point::Month(a.ym().0 + off, m), Basis::Relative),
        (YearSpec::Relative(_), None) => (Point::Null, Basis::Relative),
        (YearSpec::None, _) => {
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
    }
}

/// A Hijri day or month (a month is the period of its days). Without a year,
/// with a publication date and no الماضي/المقبل: the year whose day falls
/// nearest to it; else the latest before the anchor or reference.
fn hijri_date(
    spec: &DateSpec,
    weekday: Option<Weekday>,
    anchor: Option<&Anchor>,
    reference: Date,
) -> (Point, Basis) {
    let m = spec.month;
    let days = |r: Option<(Date, Date)>| r.map_or(Point::Null, |(a, b)| Point::Days(a, b));
    match (spec.day, spec.year) {
        (Some(d), YearSpec::Explicit(y)) => {
            let p = hijri::with_weekday(y, m, d, weekday)
                .or_else(|| hijri::to_gregorian(y, m, d))
                .map_or(Point::Null, Point::Day);
            (p, Basis::Explicit)
        }
        (Some(d), YearSpec::None) => {
            let (limit, dir, basis) = frame(spec.rel, anchor, reference);
            let placed = match (anchor, spec.rel) {
                (Some(a), None) => hijri::nearest_day(m, d, weekday, a.date),
                _ => hijri::place_day(m, d, weekday, limit, dir),
            };
            (placed.map_or(Point::Null, |(_, g)| Point::Day(g)), basis)
        }
        (None, YearSpec::Explicit(y)) => (days(hijri::month_range(y, m)), Basis::Explicit),
        (None, YearSpec::None) => {
            let (limit, dir, basis) = frame(spec.rel, anchor, reference);
            let y = hijri::place_month(m, limit, dir);
            (days(y.and_then(|y| hijri::month_range(y, m))), basis)
        }
        (_, YearSpec::Relative(_)) => (Point::Null, Basis::Relative),
    }
}
