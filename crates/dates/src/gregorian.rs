//! Gregorian dates: checked construction, TIMEX formatting, and the search for
//! the year of a date written without one.

use jiff::civil::{Date, Weekday};
use rasad_record::Precision;

/// Years accepted as Gregorian years written in news text.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// How far back (in years) a date without a year may be placed.
const LOOKBACK: i32 = 40;

/// A valid date, or None (31 February, year out of range).
pub fn date(y: i32, m: u8, d: u8) -> Option<Date> {
    if !YEARS.contains(&y) {
        return None;
    }
    let y = i16::try_from(y).ok()?;
    let m = i8::try_from(m).ok()?;
    let d = i8::try_from(d).ok()?;
    Date::new(y, m, d).ok()
}

/// `d` plus `n` days, None when out of range.
pub fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map_or(0, |s| i64::from(s.get_days()))
}

/// The month `(y, m)` shifted by `n` months.
pub fn add_months(y: i32, m: u8, n: i32) -> Option<(i32, u8)> {
    let idx = y
        .checked_mul(12)?
        .checked_add(i32::from(m) - 1)?
        .checked_add(n)?;
    let (y, m) = (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u8);
    YEARS.contains(&y).then_some((y, m))
}

/// The last day of month `(y, m)`.
pub fn last_of_month(y: i32, m: u8) -> Option<Date> {
    date(y, m, 1).map(|d| d.last_of_month())
}

/// `(year, month)` of a date.
pub fn ym(d: Date) -> (i32, u8) {
    (i32::from(d.year()), d.month() as u8)
}

/// TIMEX value of a date at a precision (`2018-12-27`, `2018-12`, `2018`,
/// `2018-W52`); hours and minutes come from `clock`.
pub fn timex(d: Date, p: Precision, clock: Option<(u8, Option<u8>)>) -> String {
    match p {
        Precision::Year => format!("{:04}", d.year()),
        Precision::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Precision::Week => {
            let w = d.iso_week_date();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Precision::Hour | Precision::Minute => match clock {
            Some((h, Some(mi))) => format!("{}T{:02}:{:02}", d, h, mi),
            Some((h, None)) => format!("{}T{:02}", d, h),
            None => d.to_string(),
        },
        Precision::Day | Precision::Unknown => d.to_string(),
    }
}

/// How a date without a year must relate to the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// On or before the limit.
    OnOrBefore,
    /// Strictly before the limit.
    Before,
    /// Strictly after the limit.
    After,
}

/// The year for day `m`/`d` written without one: the latest (or, `After`, the
/// earliest) date that relates to `limit` as asked and falls on `weekday` when
/// one is given. Without a match on the weekday the weekday is ignored.
pub fn place_day(
    m: u8,
    d: u8,
    weekday: Option<Weekday>,
    limit: Date,
    dir: Direction,
) -> Option<Date> {
    let ly = i32::from(limit.year());
    let ok = |c: Date| match dir {
        Direction::OnOrBefore => c <= limit,
        Direction::Before => c < limit,
        Direction::After => c > limit,
    };
    for wd in [weekday, None] {
        if dir == Direction::After {
            for y in ly..=ly + LOOKBACK {
                if let Some(c) = date(y, m, d) {
                    if ok(c) && wd.is_none_or(|w| c.weekday() == w) {
                        return Some(c);
                    }
                }
            }
        } else {
            for y in (ly - LOOKBACK..=ly).rev() {
                if let Some(c) = date(y, m, d) {
                    if ok(c) && wd.is_none_or(|w| c.weekday() == w) {
                        return Some(c);
                    }
                }
            }
        }
        if weekday.is_none() {
            break;
        }
    }
    None
}

/// The year for month `m` written without one, relative to the month `(ly, lm)`.
pub fn place_month(m: u8, ly: i32, lm: u8, dir: Direction) -> Option<(i32, u8)> {
    let y = match dir {
        Direction::OnOrBefore if m <= lm => ly,
        Direction::OnOrBefore => ly - 1,
        Direction::Before if m < lm => ly,
        Direction::Before => ly - 1,
        Direction::After if m > lm => ly,
        Direction::After => ly + 1,
    };
    YEARS.contains(&y).then_some((y, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn checked_dates() {
        assert!(date(2018, 2, 29).is_none());
        assert!(date(2016, 2, 29).is_some());
        assert!(date(1800, 1, 1).is_none());
        assert!(date(2018, 13, 1).is_none());
        assert!(date(2018, 0, 1).is_none());
    }

    #[test]
    fn places_days_and_months() {
        let lim = d("2019-01-01");
        assert_eq!(
            place_day(12, 27, Some(Weekday::Thursday), lim, Direction::OnOrBefore),
            Some(d("2018-12-27"))
        );
        assert_eq!(
            place_day(1, 5, None, lim, Direction::OnOrBefore),
            Some(d("2018-01-05"))
        );
        assert_eq!(
            place_day(1, 1, None, lim, Direction::Before),
            Some(d("2018-01-01"))
        );
        assert_eq!(
            place_day(2, 29, None, lim, Direction::OnOrBefore),
            Some(d("2016-02-29"))
        );
        assert_eq!(
            place_month(12, 2018, 6, Direction::Before),
            Some((2017, 12))
        );
        assert_eq!(
            place_month(6, 2018, 6, Direction::OnOrBefore),
            Some((2018, 6))
        );
        assert_eq!(place_month(1, 2018, 6, Direction::After), Some((2019, 1)));
        assert_eq!(add_months(2018, 1, -2), Some((2017, 11)));
        assert_eq!(days_between(d("2018-12-30"), d("2019-01-02")), 3);
        assert_eq!(days_between(d("2019-01-02"), d("2018-12-30")), -3);
    }

    #[test]
    fn timex_formats() {
        let x = d("2018-10-03");
        assert_eq!(timex(x, Precision::Day, None), "2018-10-03");
        assert_eq!(timex(x, Precision::Month, None), "2018-10");
        assert_eq!(timex(x, Precision::Week, None), "2018-W40");
        assert_eq!(
            timex(x, Precision::Minute, Some((16, Some(40)))),
            "2018-10-03T16:40"
        );
        assert_eq!(timex(x, Precision::Hour, Some((3, None))), "2018-10-03T03");
    }
}
