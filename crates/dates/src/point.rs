//! What resolving produces: the [`Anchor`] expressions are counted from, the
//! [`Point`] or period an expression names, and the [`Resolved`] time built
//! from it. Both the `resolve` module (calendar dates) and the `relative`
//! module (expressions counted from the anchor) build on this one, which
//! depends on neither.

use crate::gregorian;
use jiff::civil::Date;
use rasad_record::{Basis, Calendar, Precision, Time};

/// What relative expressions are counted from: the publication date, known to
/// day, month or year precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The day (the first of the month or year when less precise).
    pub date: Date,
    /// `Day`, `Month` or `Year`.
    pub prec: Precision,
}

impl Anchor {
    /// The anchor a TIMEX value stands for (`2018-12-28T10:00`, `2018-10`,
    /// `2018`); None for weeks and malformed values.
    pub fn from_value(v: &str) -> Option<Anchor> {
        let num = |r: std::ops::Range<usize>| v.get(r).and_then(|s| s.parse::<i32>().ok());
        let y = num(0..4)?;
        let sep_ok = |i: usize| v.as_bytes().get(i) == Some(&b'-');
        if v.len() >= 10 && sep_ok(4) && sep_ok(7) {
            let d = gregorian::date(
                y,
                u8::try_from(num(5..7)?).ok()?,
                u8::try_from(num(8..10)?).ok()?,
            )?;
            return Some(Anchor {
                date: d,
                prec: Precision::Day,
            });
        }
        if v.len() == 7 && sep_ok(4) {
            let d = gregorian::date(y, u8::try_from(num(5..7)?).ok()?, 1)?;
            return Some(Anchor {
                date: d,
                prec: Precision::Month,
            });
        }
        if v.len() == 4 {
            let d = gregorian::date(y, 1, 1)?;
            return Some(Anchor {
                date: d,
                prec: Precision::Year,
            });
        }
        None
    }

    /// The last day the anchor may stand for.
    pub fn limit(&self) -> Date {
        match self.prec {
            Precision::Month => self.date.last_of_month(),
            Precision::Year => {
                gregorian::date(i32::from(self.date.year()), 12, 31).unwrap_or(self.date)
            }
            _ => self.date,
        }
    }

    /// `(year, month)` of the anchor.
    pub fn ym(&self) -> (i32, u8) {
        gregorian::ym(self.date)
    }
}

/// A resolved point or period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    Day(Date),
    Week(Date),
    Month(i32, u8),
    Year(i32),
    /// A period of days (a Hijri month or year): first and last day.
    Days(Date, Date),
    /// Cannot be resolved.
    Null,
}

/// The result of resolving one expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub time: Time,
    /// The end of a range.
    pub end: Option<String>,
    /// The resolved day, when there is one (used to infer the publication date).
    pub day: Option<Date>,
}

/// Builds the resolved time for a point.
pub fn finish(
    p: Point,
    end: Option<Point>,
    cal: Calendar,
    basis: Basis,
    clock: Option<crate::clock::Clock>,
) -> Resolved {
    let (value, prec, day) = render(p, clock);
    let end = match (p, end) {
        (Point::Days(_, last), _) => Some(last.to_string()),
        (_, Some(e)) => render(e, None).0,
        _ => None,
    };
    Resolved {
        time: Time {
            precision: if value.is_some() {
                prec
            } else {
                Precision::Unknown
            },
            value,
            calendar: cal,
            basis,
        },
        end: if p == Point::Null { None } else { end },
        day,
    }
}

fn render(
    p: Point,
    clock: Option<crate::clock::Clock>,
) -> (Option<String>, Precision, Option<Date>) {
    match p {
        Point::Day(d) => {
            let prec = match clock {
                Some((_, Some(_))) => Precision::Minute,
                Some((_, None)) => Precision::Hour,
                None => Precision::Day,
            };
            (Some(gregorian::timex(d, prec, clock)), prec, Some(d))
        }
        Point::Week(d) => (
            Some(gregorian::timex(d, Precision::Week, None)),
            Precision::Week,
            None,
        ),
        Point::Month(y, m) => match gregorian::date(y, m, 1) {
            Some(d) => (
                Some(gregorian::timex(d, Precision::Month, None)),
                Precision::Month,
                None,
            ),
            None => (None, Precision::Unknown, None),
        },
        Point::Year(y) if gregorian::YEARS.contains(&y) => {
            (Some(format!("{y:04}")), Precision::Year, None)
        }
        Point::Days(a, _) => (Some(a.to_string()), Precision::Day, None),
        _ => (None, Precision::Unknown, None),
    }
}
