//! Machine forms of a publication time given as metadata (`published` of an
//! input record): what feeds and CMSs write, not what reporters write.
//!
//! - RFC 2822 (RSS `pubDate`): `Tue, 20 Mar 2018 00:21:34 GMT`,
//!   `20 Mar 2018 00:21 +0300`;
//! - RFC 3339 / ISO 8601 with or without a time: `2018-03-20T00:21:34+03:00`,
//!   `2018-03-20 00:21`, `2018-03-20` (read by the caller);
//! - Unix time in seconds (`1521505294`) or milliseconds (`1521505294000`);
//! - numeric dates of Arabic sites, day first unless the year leads:
//!   `20/03/2018`, `20-3-2018 10:30`, `2018/03/20`, `٢٠/٠٣/٢٠١٨`.
//!
//! The time of day is kept as written in the source's own offset (a reader's
//! local time), except Unix time, which has no offset and is read as UTC.

use crate::gregorian;
use jiff::civil::{Date, DateTime};

/// A date, and a time of day (hour, minute) when one was given.
pub type Stamp = (Date, Option<(u8, u8)>);

/// Reads a machine form of a publication time; `None` when `s` is none of
/// the forms listed in the module doc.
pub fn machine_form(s: &str) -> Option<Stamp> {
    let s = ascii_digits(s.trim());
    let s = s.as_str();
    rfc2822(s).or_else(|| unix(s)).or_else(|| numeric(s))
}

/// Arabic-Indic and Persian digits as ASCII (`٢٠١٨` → `2018`).
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            _ => c,
        })
        .collect()
}

/// The date and minute of a civil datetime, if its year is a plausible one.
fn stamp(dt: DateTime, with_time: bool) -> Option<Stamp> {
    let d = gregorian::date(
        i32::from(dt.year()),
        dt.month().unsigned_abs(),
        dt.day().unsigned_abs(),
    )?;
    let t = with_time.then(|| (dt.hour().unsigned_abs(), dt.minute().unsigned_abs()));
    Some((d, t))
}

/// RFC 2822 (`Tue, 20 Mar 2018 00:21:34 GMT`): the time as written, in the
/// source's offset. `UTC` and `Z` for the zone are taken for `GMT`.
fn rfc2822(s: &str) -> Option<Stamp> {
    if !s.is_ascii() || !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let parse = |x: &str| jiff::fmt::rfc2822::parse(x).ok();
    let z = parse(s).or_else(|| {
        let fixed = s
            .strip_suffix(" UTC")
            .or_else(|| s.strip_suffix(" Z"))
            .map(|head| format!("{head} GMT"))?;
        parse(&fixed)
    })?;
    stamp(z.datetime(), true)
}

/// Unix time: 9 to 10 digits are seconds, 12 to 13 milliseconds (read as UTC).
fn unix(s: &str) -> Option<Stamp> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let secs = match s.len() {
        9 | 10 => n,
        12 | 13 => n / 1000,
        _ => return None,
    };
    let ts = jiff::Timestamp::from_second(secs).ok()?;
    stamp(ts.to_zoned(jiff::tz::TimeZone::UTC).datetime(), true)
}

/// Numeric dates with `/`, `-` or `.`: `20/03/2018`, `2018/03/20`,
/// `20-3-2018 10:30`. Day first unless the year leads (the Arabic-site
/// order); an optional `HH:MM` follows after a space or `T`.
fn numeric(s: &str) -> Option<Stamp> {
    let (date, rest) = match s.find([' ', 'T']) {
        Some(i) => (&s[..i], s[i + 1..].trim()),
        None => (s, ""),
    };
    let sep = date.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = date.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|x| x.is_ascii_digit()))
    {
        return None;
    }
    let num = |p: &str| p.parse::<u16>().ok();
    let (y, m, d) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else if c.len() == 4 {
        (num(c)?, num(b)?, num(a)?)
    } else {
        return None;
    };
    let date = gregorian::date(i32::from(y), u8::try_from(m).ok()?, u8::try_from(d).ok()?)?;
    let time = clock(rest);
    if !rest.is_empty() && time.is_none() && !rest.starts_with(['+', '-', 'Z']) {
        return None;
    }
    Some((date, time))
}

/// `HH:MM` at the start of `s` (seconds and what follows are ignored).
fn clock(s: &str) -> Option<(u8, u8)> {
    let mut it = s.splitn(3, ':');
    let h: u8 = it.next()?.trim().parse().ok()?;
    let m: u8 = it.next()?.get(..2)?.parse().ok()?;
    (h < 24 && m < 60).then_some((h, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: &str) -> Option<String> {
        machine_form(s).map(|(d, t)| match t {
            Some((h, m)) => format!("{d}T{h:02}:{m:02}"),
            None => d.to_string(),
        })
    }

    #[test]
    fn machine_forms_table() {
        let table: &[(&str, Option<&str>)] = &[
            // RFC 2822, as RSS writes it
            ("Tue, 20 Mar 2018 00:21:34 GMT", Some("2018-03-20T00:21")),
            ("Wed, 04 Jul 2018 13:05:00 +0300", Some("2018-07-04T13:05")),
            ("4 Jul 2018 13:05 +0300", Some("2018-07-04T13:05")),
            ("Sat, 01 Sep 2018 22:10:00 UTC", Some("2018-09-01T22:10")),
            // Unix seconds and milliseconds (UTC)
            ("1521505294", Some("2018-03-20T00:21")),
            ("1521505294000", Some("2018-03-20T00:21")),
            // numeric, day first unless the year leads
            ("20/03/2018", Some("2018-03-20")),
            ("5-7-2016", Some("2016-07-05")),
            ("2018/03/20", Some("2018-03-20")),
            ("20.03.2018 10:30", Some("2018-03-20T10:30")),
            ("٢٠/٠٣/٢٠١٨", Some("2018-03-20")),
            // not machine forms
            ("2018", None),
            ("13/13/2018", None),
            ("20/03/18", None),
            ("yesterday", None),
            ("20/03/2018 بعد الظهر", None),
            ("", None),
        ];
        for (s, want) in table {
            assert_eq!(show(s).as_deref(), *want, "{s}");
        }
    }
}
