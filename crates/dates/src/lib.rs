//! Arabic dates and times: Gregorian (both month-name families), Hijri, numeric
//! and relative expressions, resolved to TIMEX3 values.
//!
//! [`tag_times`] finds every time expression of a document, decides when the
//! document was published, and resolves each expression against that date:
//!
//! 1. the key is cut into tokens ([`scan`]) and read by a small grammar
//!    ([`parse`]) whose vocabulary is `data/calendar/*.toml` ([`lexicon`]);
//! 2. the publication date comes from metadata, else the dateline, else a
//!    publication cue (`نشر ...`), else the text itself (`امس الخميس 27 كانون
//!    الأول` → the day after; `اليوم الجمعة الثالث والعشرين من رمضان` → that day;
//!    `13 تشرين الأول الجاري` → October, to the month);
//! 3. each expression is resolved ([`mod@resolve`], [`relative`]) against it, or
//!    against the reference date for dates written without a year.
//!
//! ```
//! use rasad_dates::{tag_times, DateContext};
//! use rasad_text::Analysis;
//! let a = Analysis::new("قتل خمسة مدنيين امس الخميس 27 كانون الأول (ديسمبر) في البوكمال", vec![]);
//! let ctx = DateContext { reference: "2019-01-01".parse().unwrap(), published: None, dateline: None };
//! let r = tag_times(&a, &ctx);
//! assert_eq!(r.published.unwrap().value.as_deref(), Some("2018-12-28"));
//! assert_eq!(r.mentions[0].text, "امس الخميس 27 كانون الأول (ديسمبر)");
//! assert_eq!(r.mentions[0].time.value.as_deref(), Some("2018-12-27"));
//! ```

pub mod clock;
pub mod gregorian;
pub mod hijri;
mod lead;
pub mod lexicon;
pub mod metadata;
mod pairs;
pub mod parse;
pub mod relative;
pub mod resolve;
pub mod scan;
pub mod weekday;

use lexicon::{Lex, LEXICON};
use parse::{Cal, Core, DateSpec, Expr, Parser, YearSpec};
use rasad_record::{Basis, Calendar, Precision, Span, Time, TimeMention};
use rasad_text::Analysis;
use resolve::{resolve, Anchor};
use scan::{Gap, Kind, Tok};

/// What the tagger knows about the document besides its text.
#[derive(Debug, Clone)]
pub struct DateContext {
    /// The date the documents were collected (`--reference-date`).
    pub reference: jiff::civil::Date,
    /// Publication time from metadata, as written; always wins over inference.
    pub published: Option<String>,
    /// The dateline span found by cleaning, if any.
    pub dateline: Option<Span>,
}

/// Time expressions of a document and its publication time.
#[derive(Debug, Clone, Default)]
pub struct TimeResult {
    /// When the document was published, and how that is known.
    pub published: Option<Time>,
    /// Every time expression of the body and the dateline, in text order.
    pub mentions: Vec<TimeMention>,
    /// The metadata publication time as given, when it could not be read
    /// (the publication time was then inferred from the text, or is unknown).
    pub published_unread: Option<String>,
}

/// An expression with the token it starts at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub(crate) e: Expr,
    pub(crate) t0: usize,
}

/// Of expression `i` and its partner across `الموافق` (if any), the one
/// written in the Gregorian calendar.
pub(crate) fn gregorian_side(found: &[Found], partner: &[Option<usize>], i: usize) -> usize {
    match partner.get(i).copied().flatten() {
        Some(j)
            if matches!(
                found[j].e.core,
                Core::Date(DateSpec {
                    cal: Cal::Gregorian,
                    ..
                })
            ) =>
        {
            j
        }
        _ => i,
    }
}

/// Finds every expression in the key, left to right, without overlaps.
fn find_all(key: &str, toks: &[Tok]) -> Vec<Found> {
    let lx = &*LEXICON;
    let p = Parser::new(key, toks, lx);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let trigger = match t.kind {
            Kind::Num => true,
            Kind::Word => {
                let w = &key[t.s as usize..t.e as usize];
                lx.knows(w)
                    || (w.ends_with("ال") && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Num))
            }
            Kind::Punct => false,
        };
        if trigger {
            if let Some((e, end)) = p.parse(i) {
                if end > i && e.k1 > e.k0 {
                    out.push(Found { e, t0: i });
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// True when a publication cue (`نشر`, `تاريخ النشر:`) comes right before
/// token `t0` on the same line.
fn after_pub_cue(key: &str, toks: &[Tok], t0: usize) -> bool {
    for back in 1..=4usize {
        let Some(i) = t0.checked_sub(back) else { break };
        let hit = LEXICON.find(key, toks, i, true, |l| (l == Lex::PubCue).then_some(()));
        if let Some(h) = hit {
            let between_ok = (h.end..t0).all(|k| toks[k].kind == Kind::Punct);
            let same_line = (i + 1..=t0).all(|k| toks[k].gap != Gap::Line);
            if between_ok && same_line {
                return true;
            }
        }
    }
    false
}

/// True when the expression stands (almost) alone on one of the first lines of
/// the text, the way scraped pages print their dateline.
fn dateline_like(key: &str, toks: &[Tok], f: &Found, end_tok: usize) -> bool {
    if f.e.k0 > 600 {
        return false;
    }
    let line_start = (0..=f.t0)
        .rev()
        .find(|&k| toks[k].gap == Gap::Line)
        .unwrap_or(0);
    let line_end = (end_tok..toks.len())
        .find(|&k| toks[k].gap == Gap::Line)
        .unwrap_or(toks.len());
    let words_outside = (line_start..f.t0)
        .chain(end_tok..line_end)
        .filter(|&k| toks[k].kind == Kind::Word)
        .count();
    let _ = key;
    words_outside <= 1
}

/// Is this a full calendar date with an explicit year (what a dateline holds)?
pub(crate) fn full_date(e: &Expr) -> bool {
    matches!(
        e.core,
        Core::Date(DateSpec {
            day: Some(_),
            year: YearSpec::Explicit(_),
            ..
        })
    )
}

/// Parses a publication time given as metadata: ISO forms first
/// (`2018-12-28`, `2018-12-28T10:00:00Z`), then the machine forms of
/// [`metadata`] (RFC 2822 `Tue, 20 Mar 2018 00:21:34 GMT`, Unix time,
/// `20/03/2018`), then `2018-12` and `2018`, else the first full date the
/// tagger finds in it (`الثلاثاء 20 آذار 2018`).
pub fn parse_published(s: &str, reference: jiff::civil::Date) -> Option<Time> {
    let s = s.trim();
    let b = s.as_bytes();
    let iso_date = s.len() >= 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-');
    if iso_date {
        if let Some(a) = s.get(..10).and_then(Anchor::from_value) {
            let mut value = a.date.to_string();
            let mut prec = Precision::Day;
            let t = s.get(11..16);
            if matches!(b.get(10), Some(b'T' | b' ')) {
                if let Some(t) = t {
                    let h = t.get(0..2).and_then(|x| x.parse::<u8>().ok());
                    let m = t.get(3..5).and_then(|x| x.parse::<u8>().ok());
                    if let (Some(h), Some(m), Some(b':')) = (h, m, t.as_bytes().get(2)) {
                        if h < 24 && m < 60 {
                            value = format!("{value}T{h:02}:{m:02}");
                            prec = Precision::Minute;
                        }
                    }
                }
            }
            return Some(Time {
                value: Some(value),
                precision: prec,
                calendar: Calendar::Gregorian,
                basis: Basis::Explicit,
            });
        }
    }
    if let Some((date, clock)) = metadata::machine_form(s) {
        let (value, precision) = match clock {
            Some((h, m)) => (format!("{date}T{h:02}:{m:02}"), Precision::Minute),
            None => (date.to_string(), Precision::Day),
        };
        return Some(Time {
            value: Some(value),
            precision,
            calendar: Calendar::Gregorian,
            basis: Basis::Explicit,
        });
    }
    if s.is_ascii() {
        if let Some(a) = Anchor::from_value(s) {
            let value = match a.prec {
                Precision::Month => gregorian::timex(a.date, Precision::Month, None),
                Precision::Year => gregorian::timex(a.date, Precision::Year, None),
                _ => a.date.to_string(),
            };
            return Some(Time {
                value: Some(value),
                precision: a.prec,
                calendar: Calendar::Gregorian,
                basis: Basis::Explicit,
            });
        }
    }
    let a = Analysis::new(s, vec![]);
    let toks = scan::scan(a.key_str());
    find_all(a.key_str(), &toks)
        .iter()
        .filter(|f| full_date(&f.e))
        .map(|f| resolve(&f.e, None, reference).time)
        .find(|t| t.value.is_some())
        .map(|mut t| {
            t.basis = Basis::Explicit;
            t
        })
}

/// Decides the publication time from metadata, the dateline, a publication
/// cue, or the text.
fn publication(
    a: &Analysis,
    ctx: &DateContext,
    toks: &[Tok],
    found: &[Found],
    ends: &[usize],
    partner: &[Option<usize>],
) -> Option<Time> {
    if let Some(t) = ctx
        .published
        .as_deref()
        .and_then(|s| parse_published(s, ctx.reference))
    {
        return Some(t);
    }
    let key = a.key_str();
    let day_time = |f: &Found| {
        let r = resolve(&f.e, None, ctx.reference);
        matches!(
            r.time.precision,
            Precision::Day | Precision::Hour | Precision::Minute
        )
        .then_some(r.time)
    };
    // (d) the dateline, a publication cue, a date alone on a top line; of a
    // date written in both calendars, the Gregorian one
    if let Some(d) = ctx.dateline {
        for (i, f) in found.iter().enumerate() {
            if d.overlaps(&a.span(f.e.k0, f.e.k1)) && matches!(f.e.core, Core::Date(_)) {
                if let Some(t) = day_time(&found[gregorian_side(found, partner, i)]) {
                    return Some(t);
                }
            }
        }
    }
    for (i, f) in found.iter().enumerate() {
        // a pair on its own line is one dateline
        let end = ends[partner[i].filter(|&j| j > i).unwrap_or(i)];
        if matches!(f.e.core, Core::Date(DateSpec { day: Some(_), .. }))
            && f.e.dayrel.is_none()
            && (after_pub_cue(key, toks, f.t0)
                || (full_date(&f.e) && dateline_like(key, toks, f, end)))
        {
            if let Some(t) = day_time(&found[gregorian_side(found, partner, i)]) {
                return Some(t);
            }
        }
    }
    // (d') no header date: a full date at the head of the body's first lines
    if let Some(i) = lead::lead_date(a, toks, found, ends, partner) {
        if let Some(t) = day_time(&found[i]).filter(|t| {
            t.value
                .as_deref()
                .and_then(Anchor::from_value)
                .is_some_and(|x| x.date <= ctx.reference)
        }) {
            return Some(Time {
                basis: Basis::Inferred,
                ..t
            });
        }
    }
    // (a, b) اليوم / أمس written with the date it stands for
    for f in found {
        let (Some(off), Core::Date(DateSpec { day: Some(_), .. })) = (f.e.dayrel, f.e.core) else {
            continue;
        };
        let r = resolve(&f.e, None, ctx.reference);
        if let Some(d) = r.day.and_then(|d| gregorian::add_days(d, -i64::from(off))) {
            return Some(Time {
                value: Some(d.to_string()),
                precision: Precision::Day,
                calendar: r.time.calendar,
                basis: Basis::Inferred,
            });
        }
    }
    // (e) اليوم / أمس with a weekday and no date (`اليوم الأربعاء`, `مساء أمس
    // الأحد`): the weekday of publication, placed by the other clues
    if let Some(t) = weekday_publication(ctx, found) {
        return Some(t);
    }
    // (c) a date "of the current month" names the month of publication
    for f in found {
        let Core::Date(DateSpec {
            cal: Cal::Gregorian,
            year: YearSpec::None,
            month,
            rel: Some(0),
            ..
        }) = f.e.core
        else {
            continue;
        };
        let (ry, rm) = gregorian::ym(ctx.reference);
        if let Some((y, m)) =
            gregorian::place_month(month, ry, rm, gregorian::Direction::OnOrBefore)
        {
            if let Some(d) = gregorian::date(y, m, 1) {
                return Some(Time {
                    value: Some(gregorian::timex(d, Precision::Month, None)),
                    precision: Precision::Month,
                    calendar: Calendar::Gregorian,
                    basis: Basis::Inferred,
                });
            }
        }
    }
    // (f) a full date written with its weekday (`الأربعاء 13 شباط 2019`),
    // the way reports date the day's events: the latest one
    found
        .iter()
        .filter(|f| full_date(&f.e) && f.e.dayrel.is_none() && f.e.weekday.is_some())
        .filter_map(|f| {
            let r = resolve(&f.e, None, ctx.reference);
            let d = r.day?;
            (Some(d.weekday()) == f.e.weekday && d <= ctx.reference).then_some(d)
        })
        .max()
        .map(|d| inferred_day(d, Calendar::Gregorian))
}

fn inferred_day(d: jiff::civil::Date, calendar: Calendar) -> Time {
    Time {
        value: Some(d.to_string()),
        precision: Precision::Day,
        calendar,
        basis: Basis::Inferred,
    }
}

/// How many days after the latest dated event of a report its publication
/// may still be placed at the latest matching weekday before the reference.
const RECENT_DAYS: i64 = 31;

/// How far back from the reference date a weekday clue is looked for.
const WEEKDAY_LOOKBACK_DAYS: i64 = 3 * 366;

/// The publication day told by `اليوم <weekday>` / `أمس <weekday>` written
/// without a date. Every such clue must agree on the weekday of publication.
/// Then: with a full date in the text, the latest matching day on or before
/// the reference date when it lies within [`RECENT_DAYS`] after the latest
/// such date, else the first matching day on or after that date (reports
/// follow their events closely); without one, the latest matching day on
/// or before the reference date that agrees with the months the text names
/// (`الشهر الجاري` / `آب الجاري` is the month of publication, `آب الماضي`
/// lies before it, `تموز 2018` on or before it).
fn weekday_publication(ctx: &DateContext, found: &[Found]) -> Option<Time> {
    let mut want: Option<jiff::civil::Weekday> = None;
    for f in found {
        let (Core::RelDay(off), Some(w)) = (f.e.core, f.e.weekday) else {
            continue;
        };
        let pw = w.wrapping_add(-i64::from(off));
        match want {
            Some(x) if x != pw => return None,
            _ => want = Some(pw),
        }
    }
    let w = want?;
    let reference = ctx.reference;
    // the latest full date of the text, on or before the reference
    let latest_day = found
        .iter()
        .filter(|f| full_date(&f.e) && f.e.dayrel.is_none())
        .filter_map(|f| resolve(&f.e, None, reference).day)
        .filter(|d| *d <= reference)
        .max();
    if let Some(d0) = latest_day {
        // the latest matching day when it is near the dated event, else the
        // first one after it (the reference date is far from the report)
        let last = weekday::nearest(reference, w, 0)?;
        let near = gregorian::add_days(d0, RECENT_DAYS)?;
        if last >= d0 && last <= near {
            return Some(inferred_day(last, Calendar::Gregorian));
        }
        let first = gregorian::add_days(d0, -1).and_then(|d| weekday::nearest(d, w, 1))?;
        return (first <= reference).then(|| inferred_day(first, Calendar::Gregorian));
    }
    // month clues: (year or None, month, relation to publication)
    let mut clues: Vec<(Option<i32>, u8, i8)> = Vec::new();
    for f in found {
        if let Core::Date(DateSpec {
            cal: Cal::Gregorian,
            year,
            month,
            rel,
            ..
        }) = f.e.core
        {
            match (year, rel) {
                (YearSpec::Explicit(y), _) => clues.push((Some(y), month, 1)),
                (YearSpec::None, Some(r)) if r <= 0 => clues.push((None, month, r)),
                _ => {}
            }
        }
    }
    let fits = |d: jiff::civil::Date| {
        let (y, m) = gregorian::ym(d);
        clues.iter().all(|&(cy, cm, r)| match (cy, r) {
            // a month with its year: on or before the publication month
            (Some(cy), _) => (cy, cm) <= (y, m),
            // الجاري: this month
            (None, 0) => cm == m,
            // الماضي: within the twelve months before
            (None, _) => cm != m,
        })
    };
    let mut d = weekday::nearest(reference, w, 0)?;
    let floor = gregorian::add_days(reference, -WEEKDAY_LOOKBACK_DAYS)?;
    while d >= floor {
        if fits(d) {
            return Some(inferred_day(d, Calendar::Gregorian));
        }
        d = gregorian::add_days(d, -7)?;
    }
    None
}

/// Finds and resolves every date or time expression in the body and the
/// dateline, and the publication time.
pub fn tag_times(a: &Analysis, ctx: &DateContext) -> TimeResult {
    let key = a.key_str();
    let toks = scan::scan(key);
    let found = find_all(key, &toks);
    // token index after each expression
    let ends: Vec<usize> = found
        .iter()
        .map(|f| {
            let k1 = f.e.k1 as u32;
            f.t0 + toks[f.t0..].iter().take_while(|t| t.e <= k1).count()
        })
        .collect();
    let partner = pairs::partners(key, &toks, &found, &ends);
    let published = publication(a, ctx, &toks, &found, &ends, &partner);
    let anchor = published
        .as_ref()
        .and_then(|t| t.value.as_deref())
        .and_then(Anchor::from_value);
    let mut resolved: Vec<_> = found
        .iter()
        .map(|f| resolve(&f.e, anchor.as_ref(), ctx.reference))
        .collect();
    pairs::reconcile(&found, &partner, &mut resolved);
    let mut mentions = Vec::with_capacity(found.len());
    for (f, r) in found.iter().zip(resolved) {
        let span = a.span(f.e.k0, f.e.k1);
        if span.is_empty() {
            continue;
        }
        let in_dateline = ctx.dateline.is_some_and(|d| d.overlaps(&span));
        if !in_dateline && !a.in_body(span) {
            continue;
        }
        mentions.push(TimeMention {
            time: r.time,
            text: a.slice(span).to_string(),
            span,
            end: r.end,
        });
    }
    let published_unread = ctx
        .published
        .as_deref()
        .filter(|s| !s.trim().is_empty() && parse_published(s, ctx.reference).is_none())
        .map(str::to_string);
    TimeResult {
        published,
        mentions,
        published_unread,
    }
}
