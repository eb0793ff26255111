//! One day written in both calendars and joined by `الموافق`: `24 رجب 1433 هـ
//! الموافق 14 حزيران 2012`, `24/7/1433هـ الموافق 14/6/2012م`.
//!
//! Both expressions stay mentions of their own calendar, but they name one
//! day: the Gregorian date, written by the outlet itself, wins over the Umm
//! al-Qura conversion of the Hijri one (an observed month may begin a day
//! later), and a Gregorian date written without its year takes the year of
//! the Hijri one.

use crate::found::Found;
use crate::gregorian;
use crate::lexicon::{Lex, LEXICON};
use crate::parse::{Cal, Core, DateSpec, Expr, YearSpec};
use crate::point::Resolved;
use crate::scan::{Gap, Kind, Tok};
use rasad_record::{Basis, Precision};

/// Punctuation allowed around `الموافق` (in the key, where the Arabic comma
/// is already `,`).
const AROUND: &str = ",()-–";

/// The calendar date an expression names with its day, if it does.
fn day_spec(e: &Expr) -> Option<DateSpec> {
    match e.core {
        Core::Date(s) if s.day.is_some() => Some(s),
        _ => None,
    }
}

/// For every found expression, the index of its partner across `الموافق`.
pub(crate) fn partners(
    key: &str,
    toks: &[Tok],
    found: &[Found],
    ends: &[usize],
) -> Vec<Option<usize>> {
    let mut out = vec![None; found.len()];
    for i in 0..found.len().saturating_sub(1) {
        let (from, to) = (ends[i], found[i + 1].t0);
        if to <= from || toks[to].gap == Gap::Line {
            continue;
        }
        let (Some(a), Some(b)) = (day_spec(&found[i].e), day_spec(&found[i + 1].e)) else {
            continue;
        };
        if a.cal == b.cal {
            continue;
        }
        let mut k = from;
        let mut joined = false;
        while k < to {
            let t = toks[k];
            let w = &key[t.s as usize..t.e as usize];
            if t.gap == Gap::Line {
                break;
            }
            if t.kind == Kind::Punct && AROUND.contains(w) {
                k += 1;
                continue;
            }
            if !joined {
                if let Some(h) =
                    LEXICON.find(key, toks, k, true, |l| (l == Lex::Equals).then_some(()))
                {
                    joined = true;
                    k = h.end;
                    continue;
                }
            } else if LEXICON.equals_link.contains(w) {
                // الموافق لـ 14 حزيران
                k += 1;
                continue;
            }
            break;
        }
        if joined && k == to {
            out[i] = Some(i + 1);
            out[i + 1] = Some(i);
        }
    }
    out
}

/// Makes the two dates of every pair name the same day.
pub(crate) fn reconcile(found: &[Found], partner: &[Option<usize>], res: &mut [Resolved]) {
    for i in 0..found.len() {
        let Some(j) = partner[i].filter(|&j| j > i) else {
            continue;
        };
        let (Some(a), Some(b)) = (day_spec(&found[i].e), day_spec(&found[j].e)) else {
            continue;
        };
        let (g, h, gs, hs) = match (a.cal, b.cal) {
            (Cal::Gregorian, Cal::Hijri) => (i, j, a, b),
            (Cal::Hijri, Cal::Gregorian) => (j, i, b, a),
            _ => continue,
        };
        match (gs.year, hs.year, res[g].day, res[h].day) {
            // the Hijri day is the Gregorian one
            (YearSpec::Explicit(_), _, Some(gd), _) => {
                let basis = res[g].time.basis;
                set_day(&mut res[h], gd, &found[h].e, basis);
            }
            // the Gregorian day without its year: the one nearest the Hijri day
            (YearSpec::None, YearSpec::Explicit(_), _, Some(hd)) => {
                let (m, d) = (gs.month, gs.day.unwrap_or(1));
                let y = i32::from(hd.year());
                let best = (y - 1..=y + 1)
                    .filter_map(|y| gregorian::date(y, m, d))
                    .min_by_key(|c| gregorian::days_between(hd, *c).unsigned_abs());
                if let Some(gd) = best {
                    set_day(&mut res[g], gd, &found[g].e, Basis::Explicit);
                }
            }
            _ => {}
        }
    }
}

/// Sets the day of a resolved date, keeping its own clock time.
fn set_day(r: &mut Resolved, day: jiff::civil::Date, e: &Expr, basis: Basis) {
    let prec = match e.clock {
        Some((_, Some(_))) => Precision::Minute,
        Some((_, None)) => Precision::Hour,
        None => Precision::Day,
    };
    let shown = if e.next_day && e.clock.is_some() {
        gregorian::add_days(day, 1).unwrap_or(day)
    } else {
        day
    };
    r.time.value = Some(gregorian::timex(shown, prec, e.clock));
    r.time.precision = prec;
    r.time.basis = basis;
    r.day = Some(day);
    r.end = None;
}
