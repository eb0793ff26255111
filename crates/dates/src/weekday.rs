//! Weekdays relative to an anchor day: `السبت` is the last Saturday on or
//! before the anchor, `السبت الماضي` the last one before it, `السبت المقبل` the
//! next one after it.

use crate::gregorian::add_days;
use jiff::civil::{Date, Weekday};

/// The weekday numbered ISO-style (Monday 1 … Sunday 7).
pub fn from_iso(n: u8) -> Option<Weekday> {
    i8::try_from(n)
        .ok()
        .and_then(|n| Weekday::from_monday_one_offset(n).ok())
}

/// The day falling on `w` relative to `anchor`: `dir` < 0 strictly before,
/// 0 on or before, > 0 strictly after.
pub fn nearest(anchor: Date, w: Weekday, dir: i8) -> Option<Date> {
    let a = i64::from(anchor.weekday().to_monday_zero_offset());
    let b = i64::from(w.to_monday_zero_offset());
    let back = (a - b).rem_euclid(7);
    match dir {
        d if d > 0 => add_days(anchor, 7 - back),
        0 => add_days(anchor, -back),
        _ => add_days(anchor, if back == 0 { -7 } else { -back }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_weekdays() {
        let fri: Date = "2018-06-08".parse().unwrap();
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(nearest(fri, Weekday::Friday, 0), Some(fri));
        assert_eq!(nearest(fri, Weekday::Friday, -1), Some(d("2018-06-01")));
        assert_eq!(nearest(fri, Weekday::Friday, 1), Some(d("2018-06-15")));
        assert_eq!(nearest(fri, Weekday::Saturday, 0), Some(d("2018-06-02")));
        assert_eq!(nearest(fri, Weekday::Saturday, 1), Some(d("2018-06-09")));
        assert_eq!(nearest(fri, Weekday::Thursday, -1), Some(d("2018-06-07")));
        assert_eq!(from_iso(7), Some(Weekday::Sunday));
        assert_eq!(from_iso(0), None);
    }
}
