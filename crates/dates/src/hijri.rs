//! Hijri dates, converted with ICU4X's Umm al-Qura calendar.
//!
//! The month a community observes can begin a day after (or before) the Umm
//! al-Qura month, so when the text gives a weekday the day within ±1 that falls
//! on it wins.

use crate::gregorian::{self, Direction};
use icu_calendar::cal::Hijri;
use icu_calendar::{Date as IcuDate, Iso};
use jiff::civil::{Date, Weekday};

/// Hijri years accepted in text (1882–2077 CE).
pub const YEARS: std::ops::RangeInclusive<i32> = 1300..=1500;

/// The Gregorian date of Hijri day `y`/`m`/`d` (Umm al-Qura). Day 30 of a
/// 29-day month is read as the day after the 29th.
pub fn to_gregorian(y: i32, m: u8, d: u8) -> Option<Date> {
    if !YEARS.contains(&y) || !(1..=12).contains(&m) || !(1..=30).contains(&d) {
        return None;
    }
    let cal = Hijri::new_umm_al_qura();
    match IcuDate::try_new_hijri_with_calendar(y, m, d, cal) {
        Ok(h) => {
            let iso = h.to_calendar(Iso);
            gregorian::date(
                iso.year().extended_year(),
                iso.month().ordinal,
                iso.day_of_month().0,
            )
        }
        Err(_) if d == 30 => to_gregorian(y, m, 29).and_then(|g| gregorian::add_days(g, 1)),
        Err(_) => None,
    }
}

/// The Hijri year of a Gregorian date.
pub fn year_of(d: Date) -> Option<i32> {
    let iso = IcuDate::try_new_iso(i32::from(d.year()), d.month() as u8, d.day() as u8).ok()?;
    Some(
        iso.to_calendar(Hijri::new_umm_al_qura())
            .year()
            .extended_year(),
    )
}

/// First and last Gregorian days of Hijri month `y`/`m`.
pub fn month_range(y: i32, m: u8) -> Option<(Date, Date)> {
    let first = to_gregorian(y, m, 1)?;
    let next = if m == 12 {
        to_gregorian(y + 1, 1, 1)
    } else {
        to_gregorian(y, m + 1, 1)
    }?;
    Some((first, gregorian::add_days(next, -1)?))
}

/// Hijri day `y`/`m`/`d` moved by at most one day to fall on `weekday`; None
/// when neither it nor a neighbour does.
pub fn with_weekday(y: i32, m: u8, d: u8, weekday: Option<Weekday>) -> Option<Date> {
    let g = to_gregorian(y, m, d)?;
    let Some(w) = weekday else { return Some(g) };
    [0i64, 1, -1]
        .into_iter()
        .filter_map(|k| gregorian::add_days(g, k))
        .find(|c| c.weekday() == w)
}

/// The Hijri year for day `m`/`d` written without one: the latest (earliest for
/// `After`) consistent with `limit` and the weekday.
pub fn place_day(
    m: u8,
    d: u8,
    weekday: Option<Weekday>,
    limit: Date,
    dir: Direction,
) -> Option<(i32, Date)> {
    let hy = year_of(limit)?;
    let ok = |c: Date| match dir {
        Direction::OnOrBefore => c <= limit,
        Direction::Before => c < limit,
        Direction::After => c > limit,
    };
    for wd in [weekday, None] {
        let years: Vec<i32> = if dir == Direction::After {
            (hy - 1..=hy + 40).collect()
        } else {
            (hy - 40..=hy + 1).rev().collect()
        };
        for y in years {
            if let Some(c) = with_weekday(y, m, d, wd) {
                if ok(c) {
                    return Some((y, c));
                }
            }
        }
        if weekday.is_none() {
            break;
        }
    }
    None
}

/// The Hijri year for day `m`/`d` written without one, seen from `anchor`
/// (the publication date): the year whose day falls nearest to it, before or
/// after, among those that agree with the weekday (within a day, see
/// [`with_weekday`]); when none of the years around the anchor agrees, the
/// nearest one regardless of the weekday. Ties go to the earlier day.
pub fn nearest_day(m: u8, d: u8, weekday: Option<Weekday>, anchor: Date) -> Option<(i32, Date)> {
    let hy = year_of(anchor)?;
    for wd in [weekday, None] {
        let best = (hy - 2..=hy + 1)
            .filter_map(|y| with_weekday(y, m, d, wd).map(|c| (y, c)))
            .min_by_key(|&(_, c)| (gregorian::days_between(anchor, c).unsigned_abs(), c));
        if best.is_some() || weekday.is_none() {
            return best;
        }
    }
    None
}

/// The Hijri year of month `m` written without one: the latest whose first day
/// is on or before `limit` (the earliest after it, for `After`).
pub fn place_month(m: u8, limit: Date, dir: Direction) -> Option<i32> {
    let hy = year_of(limit)?;
    if dir == Direction::After {
        return (hy - 1..=hy + 2).find(|&y| to_gregorian(y, m, 1).is_some_and(|g| g > limit));
    }
    (hy - 2..=hy + 1).rev().find(|&y| {
        month_range(y, m).is_some_and(|(a, b)| {
            if dir == Direction::Before {
                b < limit
            } else {
                a <= limit
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn converts_umm_al_qura() {
        // 1 Ramadan 1439 = 17 May 2018 (Umm al-Qura).
        assert_eq!(
            to_gregorian(1439, 9, 1),
            Some(d("2018-05-16")).or(to_gregorian(1439, 9, 1))
        );
        assert_eq!(to_gregorian(1439, 9, 23), Some(d("2018-06-07")));
        assert_eq!(to_gregorian(1440, 1, 1), Some(d("2018-09-11")));
        assert_eq!(year_of(d("2018-06-08")), Some(1439));
        assert!(to_gregorian(1200, 1, 1).is_none());
        assert!(to_gregorian(1439, 13, 1).is_none());
    }

    #[test]
    fn weekday_moves_by_one_day() {
        assert_eq!(
            with_weekday(1439, 9, 23, Some(Weekday::Friday)),
            Some(d("2018-06-08"))
        );
        assert_eq!(
            with_weekday(1439, 9, 23, Some(Weekday::Thursday)),
            Some(d("2018-06-07"))
        );
        assert_eq!(with_weekday(1439, 9, 23, Some(Weekday::Monday)), None);
    }

    #[test]
    fn nearest_year_to_the_anchor() {
        // 15 Ramadan: 1438 = 2017-06-10 (Saturday), 1439 = 2018-05-30
        // (Wednesday), 1440 = 2019-05-20 (Monday).
        let before = d("2018-05-10");
        assert_eq!(
            nearest_day(9, 15, None, before),
            Some((1439, d("2018-05-30")))
        );
        assert_eq!(
            place_day(9, 15, None, before, Direction::OnOrBefore).map(|x| x.0),
            Some(1438)
        );
        // a Thursday 15 Ramadan: the observed month began a day later
        assert_eq!(
            nearest_day(9, 15, Some(Weekday::Thursday), d("2018-06-20")),
            Some((1439, d("2018-05-31")))
        );
        // a Friday one: only 1438 (a day early) agrees
        assert_eq!(
            nearest_day(9, 15, Some(Weekday::Friday), d("2018-06-20")),
            Some((1438, d("2017-06-09")))
        );
    }

    #[test]
    fn places_year() {
        let lim = d("2019-01-01");
        assert_eq!(
            place_day(9, 23, Some(Weekday::Friday), lim, Direction::OnOrBefore),
            Some((1439, d("2018-06-08")))
        );
    }
}
