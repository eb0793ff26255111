//! Expressions counted from the publication date: `أمس`, `السبت`, `الأسبوع
//! الماضي`, `الـ3 من الشهر الجاري`, `قبل ثلاثة أيام`, `خلال الشهرين الماضيين`.
//!
//! Without an anchor they stay unresolved (value null). With an anchor known
//! only to the month, day-level expressions resolve to that month.

use crate::gregorian;
use crate::lexicon::Unit;
use crate::parse::{Core, Expr};
use crate::point::{finish, Anchor, Point, Resolved};
use crate::weekday;
use rasad_record::{Basis, Calendar, Precision};

/// The anchor's own point at its precision (for day words when only the month
/// of publication is known).
fn coarse(a: &Anchor) -> Point {
    let (y, m) = a.ym();
    match a.prec {
        Precision::Year => Point::Year(y),
        _ => Point::Month(y, m),
    }
}

/// The point `n` units before the anchor (`n` may be negative: after).
fn back(a: &Anchor, n: i64, unit: Unit) -> Point {
    let (y, m) = a.ym();
    let day = a.prec == Precision::Day;
    let opt = |o: Option<Point>| o.unwrap_or(Point::Null);
    match unit {
        Unit::Hour if day => opt(gregorian::add_days(a.date, -n.div_euclid(24)).map(Point::Day)),
        Unit::Day if day => opt(gregorian::add_days(a.date, -n).map(Point::Day)),
        Unit::Week if day => opt(n
            .checked_mul(-7)
            .and_then(|k| gregorian::add_days(a.date, k))
            .map(Point::Week)),
        Unit::Hour | Unit::Day if a.prec == Precision::Month => coarse(a),
        Unit::Month if a.prec != Precision::Year => {
            let n = i32::try_from(n).unwrap_or(i32::MAX);
            opt(gregorian::add_months(y, m, n.saturating_neg()).map(|(y, m)| Point::Month(y, m)))
        }
        Unit::Year => {
            let n = i32::try_from(n).unwrap_or(i32::MAX);
            Point::Year(y.saturating_sub(n))
        }
        _ => Point::Null,
    }
}

/// The anchor itself at the precision of `unit`.
fn now(a: &Anchor, unit: Unit) -> Point {
    match (unit, a.prec) {
        (Unit::Hour | Unit::Day, Precision::Day) => Point::Day(a.date),
        (Unit::Week, Precision::Day) => Point::Week(a.date),
        (Unit::Year, _) => Point::Year(a.ym().0),
        (_, Precision::Year) => Point::Null,
        _ => Point::Month(a.ym().0, a.ym().1),
    }
}

/// Days a weekday named with اليوم/أمس may lie before the day they count
/// to: an article written on Monday (`اليوم الاثنين`) and dated by its
/// site two days later.
const WEEKDAY_SLACK: i64 = 3;

/// `اليوم الاثنين`، `أمس الأحد`: the day `off` days from the anchor, or,
/// when the weekday named with it falls up to [`WEEKDAY_SLACK`] days
/// before that day, that weekday (the text's own day wins over the site's
/// date).
fn rel_day(a: &Anchor, off: i8, w: Option<jiff::civil::Weekday>) -> Point {
    let p = back(a, -i64::from(off), Unit::Day);
    let (Point::Day(d), Some(w)) = (p, w) else {
        return p;
    };
    match weekday::nearest(d, w, 0) {
        Some(on) if (d - on).get_days() <= WEEKDAY_SLACK as i32 => Point::Day(on),
        _ => p,
    }
}

/// Resolves a relative expression.
pub fn resolve(e: &Expr, anchor: Option<&Anchor>) -> Resolved {
    let g = Calendar::Gregorian;
    let Some(a) = anchor else {
        return finish(Point::Null, None, g, Basis::Relative, None);
    };
    let day = a.prec == Precision::Day;
    let (p, end) = match e.core {
        Core::RelDay(off) if day => (rel_day(a, off, e.weekday), None),
        Core::RelDay(_) => (coarse(a), None),
        Core::Weekday(rel) => match e.weekday {
            Some(w) if day => (
                weekday::nearest(a.date, w, rel.unwrap_or(0)).map_or(Point::Null, Point::Day),
                None,
            ),
            Some(_) => (coarse(a), None),
            None => (Point::Null, None),
        },
        Core::Period {
            unit: Unit::Month,
            offset,
            day: d,
        } => {
            let (y, m) = a.ym();
            let p = match (a.prec, gregorian::add_months(y, m, offset)) {
                (Precision::Year, _) | (_, None) => Point::Null,
                (_, Some((y, m))) => match d {
                    Some(d) => gregorian::date(y, m, d).map_or(Point::Null, Point::Day),
                    None => Point::Month(y, m),
                },
            };
            (p, None)
        }
        Core::Period { unit, offset, .. } => (back(a, -i64::from(offset), unit), None),
        Core::Ago { n: Some(n), unit } => (back(a, i64::from(n), unit), None),
        Core::Range { n: Some(n), unit } => (back(a, i64::from(n), unit), Some(now(a, unit))),
        _ => (Point::Null, None),
    };
    // A clock only makes sense on a day.
    let clock = if matches!(p, Point::Day(_)) {
        e.clock
    } else {
        None
    };
    finish(p, end, g, Basis::Relative, clock)
}
