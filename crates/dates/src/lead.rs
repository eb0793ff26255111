//! The date at the head of the body: when no header gives the publication
//! date, a full date set at the start of one of the first lines of the body,
//! the way agency datelines are written, dates the report:
//! `دمشق - 12 آذار 2019: قتل …`, `حلب، 5 أيار 2014 (رويترز) - …`,
//! `الخميس 24 رجب 1433 هـ الموافق 14 حزيران 2012`.
//!
//! A date inside a sentence (`ارتكب النظام في 21 آب 2013 مجزرة`) is no such
//! clue: it may be background.

use crate::found::{full_date, gregorian_side, Found};
use crate::scan::{Gap, Kind, Tok};
use rasad_text::Analysis;

/// How many lines of the body are read.
pub(crate) const LEAD_LINES: usize = 3;

/// How many words (a place, an agency) may stand before the date.
const HEAD_WORDS: usize = 3;

/// Marks that separate a dateline head or tail from the date (in the key,
/// where the Arabic comma is already `,`).
const SEPARATORS: &str = "-–—:,|/()";

/// The first token of the body.
fn body_start(a: &Analysis, toks: &[Tok]) -> usize {
    let Some(b) = a.body().first() else {
        return 0;
    };
    toks.partition_point(|t| a.span(t.s as usize, t.e as usize).start < b.start)
}

fn is_sep(key: &str, t: &Tok) -> bool {
    t.kind == Kind::Punct && SEPARATORS.contains(&key[t.s as usize..t.e as usize])
}

/// The index of the found expression that dates the body from its head, if
/// any: the Gregorian partner of a Hijri date when one is written with it.
pub(crate) fn lead_date(
    a: &Analysis,
    toks: &[Tok],
    found: &[Found],
    ends: &[usize],
    partner: &[Option<usize>],
) -> Option<usize> {
    let key = a.key_str();
    let b0 = body_start(a, toks);
    let mut line = 0usize;
    let mut k = b0;
    let mut line_start = b0;
    for (i, f) in found.iter().enumerate() {
        if f.t0 < b0 {
            continue;
        }
        // count the lines up to this expression
        while k < f.t0 {
            k += 1;
            if toks[k].gap == Gap::Line {
                line += 1;
                line_start = k;
            }
        }
        if line >= LEAD_LINES {
            return None;
        }
        if !full_date(&f.e) || f.e.dayrel.is_some() {
            continue;
        }
        // a short head (place, agency) closed by a separator, or nothing
        let head = &toks[line_start..f.t0];
        let words = head.iter().filter(|t| t.kind == Kind::Word).count();
        if !head.is_empty() && (words > HEAD_WORDS || !head.last().is_some_and(|t| is_sep(key, t)))
        {
            continue;
        }
        // then the end of the line or a separator, after the pair if any
        let other = partner[i].filter(|&j| j > i);
        let end = ends[other.unwrap_or(i)];
        let tail_ok = toks.get(end).is_none_or(|t| {
            t.gap == Gap::Line || is_sep(key, t) || &key[t.s as usize..t.e as usize] == "."
        });
        if tail_ok {
            return Some(gregorian_side(found, partner, i));
        }
    }
    None
}
