//! Event dates as day intervals, and when two of them can be the same day.

use jiff::civil::Date;

/// A TIMEX value as an inclusive interval of days, with its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    /// First day (days since 1970-01-01).
    pub first: i32,
    /// Last day, inclusive.
    pub last: i32,
}

/// Days since 1970-01-01 of a civil date.
pub fn day_number(d: Date) -> i32 {
    let epoch = jiff::civil::date(1970, 1, 1);
    (d - epoch).get_days()
}

/// The civil date of a day number.
pub fn date_of(day: i32) -> Option<Date> {
    jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(day as i64))
        .ok()
}

impl Interval {
    /// Parses a TIMEX value: `2018-12-27`, `2018-12-27T16:40`, `2018-12`,
    /// `2018-W40`, `2018`. Values with unknown parts (`XXXX-10-13`) and null give
    /// None.
    pub fn parse(value: &str) -> Option<Interval> {
        let v = value.get(..10).unwrap_or(value);
        if let Ok(d) = v.parse::<Date>() {
            let n = day_number(d);
            return Some(Interval { first: n, last: n });
        }
        if let Some((y, w)) = value.split_once("-W") {
            let y: i16 = y.parse().ok()?;
            let w: i8 = w.get(..2).unwrap_or(w).parse().ok()?;
            let wd = jiff::civil::ISOWeekDate::new(y, w, jiff::civil::Weekday::Monday).ok()?;
            let n = day_number(wd.date());
            return Some(Interval {
                first: n,
                last: n + 6,
            });
        }
        if value.len() == 7 {
            let (y, m) = value.split_once('-')?;
            let first = jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok()?;
            let last = first.last_of_month();
            return Some(Interval {
                first: day_number(first),
                last: day_number(last),
            });
        }
        if value.len() == 4 {
            let y: i16 = value.parse().ok()?;
            let first = jiff::civil::Date::new(y, 1, 1).ok()?;
            let last = jiff::civil::Date::new(y, 12, 31).ok()?;
            return Some(Interval {
                first: day_number(first),
                last: day_number(last),
            });
        }
        None
    }

    /// Number of days covered.
    pub fn days(&self) -> i32 {
        self.last - self.first + 1
    }

    /// True when the two intervals, each widened by `tolerance` days, overlap.
    pub fn meets(&self, other: &Interval, tolerance: i32) -> bool {
        self.first - tolerance <= other.last && other.first - tolerance <= self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let d = |s: &str| day_number(s.parse().unwrap());
        let cases: &[(&str, Option<(i32, i32)>)] = &[
            ("2018-12-27", Some((d("2018-12-27"), d("2018-12-27")))),
            ("2017-12-04T16:40", Some((d("2017-12-04"), d("2017-12-04")))),
            ("2018-10", Some((d("2018-10-01"), d("2018-10-31")))),
            ("2018-02", Some((d("2018-02-01"), d("2018-02-28")))),
            ("2018-W40", Some((d("2018-10-01"), d("2018-10-07")))),
            ("2012", Some((d("2012-01-01"), d("2012-12-31")))),
            ("XXXX-10-13", None),
            ("", None),
            ("2018-13", None),
        ];
        for (v, want) in cases {
            let got = Interval::parse(v).map(|i| (i.first, i.last));
            assert_eq!(got, *want, "{v}");
        }
    }

    #[test]
    fn meets_with_tolerance() {
        let a = Interval::parse("2019-03-01").unwrap();
        let b = Interval::parse("2019-03-02").unwrap();
        let c = Interval::parse("2019-03-04").unwrap();
        let m = Interval::parse("2019-03").unwrap();
        assert!(a.meets(&b, 1));
        assert!(!a.meets(&b, 0));
        assert!(!a.meets(&c, 1));
        assert!(m.meets(&c, 0));
        assert_eq!(date_of(a.first).unwrap().to_string(), "2019-03-01");
    }
}
