//! Clock times: `16:40`, `الساعة الثالثة فجراً`, `العاشرة والنصف مساءً`,
//! `الساعة 11:35 من مساء أمس`, `الواحدة بعد منتصف الليل`.

use crate::lexicon::Part;

/// A time of day: hour 0–23 and, when written, minutes.
pub type Clock = (u8, Option<u8>);

/// True when a clock time read with `part` after it belongs to the day after
/// the day it is written with (`الواحدة بعد منتصف الليل`), unless that day is
/// itself named by its morning (`فجر الخميس`, `صباح اليوم`).
pub fn next_day(part: Option<Part>, day_part: Option<Part>) -> bool {
    part == Some(Part::AfterMidnight) && !matches!(day_part, Some(Part::Dawn | Part::Morning))
}

/// Builds a clock time from an hour and minutes as written (`minutes` may be
/// negative for `إلا ربعاً`), shifted by the part of the day written after it
/// (or, failing that, before the day it belongs to: `مساء أمس`): evening and
/// night hours move to the 24-hour clock, morning and dawn hours stay. None
/// for impossible times.
pub fn clock(hour: u32, minutes: Option<i32>, part: Option<Part>) -> Option<Clock> {
    if hour > 24 {
        return None;
    }
    let mut h = hour as i32;
    let mut m = minutes;
    if let Some(mm) = m {
        if !(-59..=59).contains(&mm) {
            return None;
        }
        if mm < 0 {
            h -= 1;
            m = Some(60 + mm);
        }
    }
    if h < 0 {
        h += 12;
    }
    if h <= 12 {
        h = match part {
            Some(Part::Noon) if (1..=5).contains(&h) => h + 12,
            Some(Part::Afternoon | Part::Evening) if h < 12 => h + 12,
            Some(Part::Night) if (6..12).contains(&h) => h + 12,
            Some(Part::Night | Part::Dawn | Part::AfterMidnight) if h == 12 => 0,
            _ => h,
        };
    }
    if h == 24 {
        h = 0;
    }
    Some((u8::try_from(h).ok()?, m.and_then(|x| u8::try_from(x).ok())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_shift_hours() {
        let table = [
            (3, None, Some(Part::Dawn), Some((3, None))),
            (4, Some(30), Some(Part::Afternoon), Some((16, Some(30)))),
            (16, Some(40), None, Some((16, Some(40)))),
            (9, None, Some(Part::Evening), Some((21, None))),
            (12, None, Some(Part::Night), Some((0, None))),
            (2, None, Some(Part::Night), Some((2, None))),
            (1, None, Some(Part::Noon), Some((13, None))),
            (12, None, Some(Part::Noon), Some((12, None))),
            (11, Some(35), Some(Part::Evening), Some((23, Some(35)))),
            (8, None, Some(Part::Night), Some((20, None))),
            (11, None, Some(Part::Morning), Some((11, None))),
            (5, None, Some(Part::Dawn), Some((5, None))),
            (1, None, Some(Part::AfterMidnight), Some((1, None))),
            (12, None, Some(Part::AfterMidnight), Some((0, None))),
            (10, Some(-15), None, Some((9, Some(45)))),
            (25, None, None, None),
            (10, Some(75), None, None),
        ];
        for (h, m, p, want) in table {
            assert_eq!(clock(h, m, p), want, "{h} {m:?} {p:?}");
        }
    }
}
