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
//! let ctx = DateContext { reference: "2019-01-01".parse().unwrap(), published: None, dateline: None, reference_known: true };
//! let r = tag_times(&a, &ctx);
//! assert_eq!(r.published.unwrap().value.as_deref(), Some("2018-12-28"));
//! assert_eq!(r.mentions[0].text, "امس الخميس 27 كانون الأول (ديسمبر)");
//! assert_eq!(r.mentions[0].time.value.as_deref(), Some("2018-12-27"));
//! ```

pub mod clock;
mod found;
pub mod gregorian;
pub mod hijri;
mod lead;
pub mod lexicon;
pub mod metadata;
mod pairs;
pub mod parse;
pub mod point;
pub mod relative;
pub mod resolve;
pub mod scan;
pub mod weekday;

use found::{full_date, gregorian_side, Found};
use lexicon::{Lex, LEXICON};
use parse::{Cal, Core, DateSpec, Parser, YearSpec};
use rasad_record::{Basis, Calendar, Precision, Span, Time, TimeMention};
use rasad_text::Analysis;
use resolve::{resolve, Anchor};
use scan::{Gap, Kind, Tok};

/// What the tagger knows about the document besides its text.
#[derive(Debug, Clone)]
pub struct DateContext {
    /// The date the documents were collected (`--reference-date`).
    pub reference: jiff::civil::Date,
    /// False when no collection date was given (`reference` is then only
    /// today): nothing is placed by it. Without a publication date a
    /// relative or yearless date stays unresolved (`value` null, basis
    /// [`Basis::Unanchored`]), and no publication date is inferred from a
    /// weekday or `الجاري` alone.
    pub reference_known: bool,
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
                    || (w.ends_with(rasad_text::clitic::ARTICLE)
                        && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Num))
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

/// How many tokens back a publication cue may start: the longest cue
/// (`تاريخ آخر تحديث`) and a colon.
const PUB_CUE_REACH: usize = 4;

/// How far into the key (bytes) a date alone on its line is still a
/// dateline: the first few lines of a page (a headline and a standfirst).
const DATELINE_TOP_BYTES: usize = 600;

/// Words on a dateline besides the date (a place or an outlet name).
const DATELINE_OTHER_WORDS: usize = 1;

/// True when a publication cue (`نشر`, `تاريخ النشر:`) comes right before
/// token `t0` on the same line.
fn after_pub_cue(key: &str, toks: &[Tok], t0: usize) -> bool {
    for back in 1..=PUB_CUE_REACH {
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
    if f.e.k0 > DATELINE_TOP_BYTES {
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
    words_outside <= DATELINE_OTHER_WORDS
}

/// Parses a publication time given as metadata: ISO forms first
/// (`2018-12-28`, `2018-12-28T10:00:00Z`), then the machine forms of
/// [`metadata`] (RFC 2822 `Tue, 20 Mar 2018 00:21:34 GMT`, Unix time,
/// `20/03/2018`), then `2018-12` and `2018`, else the first full date the
/// tagger finds in it (`الثلاثاء 20 آذار 2018`).
pub fn parse_published(s: &str, reference: jiff::civil::Date) -> Option<Time> {
    let s = s.trim();
    iso_published(s)
        .or_else(|| {
            let (date, clock) = metadata::machine_form(s)?;
            Some(match clock {
                Some((h, m)) => explicit(format!("{date}T{h:02}:{m:02}"), Precision::Minute),
                None => explicit(date.to_string(), Precision::Day),
            })
        })
        .or_else(|| {
            let a = Anchor::from_value(s).filter(|_| s.is_ascii())?;
            let value = match a.prec {
                Precision::Month | Precision::Year => gregorian::timex(a.date, a.prec, None),
                _ => a.date.to_string(),
            };
            Some(explicit(value, a.prec))
        })
        .or_else(|| written_published(s, reference))
}

/// A Gregorian time known from metadata.
fn explicit(value: String, precision: Precision) -> Time {
    Time {
        value: Some(value),
        precision,
        calendar: Calendar::Gregorian,
        basis: Basis::Explicit,
    }
}

/// `2018-12-28`, `2018-12-28T10:00:00Z`, `2018-12-28 10:00` (to the minute;
/// seconds and zone are dropped).
fn iso_published(s: &str) -> Option<Time> {
    let b = s.as_bytes();
    let iso_date = s.len() >= 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-');
    let a = s
        .get(..10)
        .filter(|_| iso_date)
        .and_then(Anchor::from_value)?;
    let day = a.date.to_string();
    let clock = s
        .get(11..16)
        .filter(|_| matches!(b.get(10), Some(b'T' | b' ')));
    let hm = clock.and_then(|t| {
        let h = t.get(0..2).and_then(|x| x.parse::<u8>().ok())?;
        let m = t.get(3..5).and_then(|x| x.parse::<u8>().ok())?;
        (t.as_bytes().get(2) == Some(&b':') && h < 24 && m < 60).then_some((h, m))
    });
    Some(match hm {
        Some((h, m)) => explicit(format!("{day}T{h:02}:{m:02}"), Precision::Minute),
        None => explicit(day, Precision::Day),
    })
}

/// The first full date the tagger finds in a written publication time
/// (`الثلاثاء 20 آذار 2018`).
fn written_published(s: &str, reference: jiff::civil::Date) -> Option<Time> {
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

/// Decides the publication time from metadata, else from the clues of the
/// text, in this order: the dateline, a date after a publication cue or
/// alone on a top line, a date heading the body, `اليوم`/`أمس` with a date,
/// `اليوم`/`أمس` with a weekday, a date of the current month, the latest
/// full date written with its weekday.
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
    let c = Clues {
        a,
        ctx,
        toks,
        found,
        ends,
        partner,
    };
    c.dateline_date()
        .or_else(|| c.cued_date())
        .or_else(|| c.lead_date())
        .or_else(|| c.dated_dayrel())
        .or_else(|| weekday_publication(ctx, found))
        .or_else(|| c.current_month().filter(|_| ctx.reference_known))
        .or_else(|| c.latest_dated_weekday())
}

/// What the publication rules read: the document, its tokens and its
/// expressions (with the token after each and its partner across `الموافق`).
struct Clues<'a> {
    a: &'a Analysis,
    ctx: &'a DateContext,
    toks: &'a [Tok],
    found: &'a [Found],
    ends: &'a [usize],
    partner: &'a [Option<usize>],
}

impl Clues<'_> {
    /// Expression `f` resolved without an anchor, when it names a day (or an
    /// hour of one).
    fn day_time(&self, f: &Found) -> Option<Time> {
        if !self.ctx.reference_known && !full_date(&f.e) {
            return None;
        }
        let r = resolve(&f.e, None, self.ctx.reference);
        matches!(
            r.time.precision,
            Precision::Day | Precision::Hour | Precision::Minute
        )
        .then_some(r.time)
    }

    /// The day of expression `i`, or of its Gregorian partner when it is
    /// written in both calendars.
    fn gregorian_day(&self, i: usize) -> Option<Time> {
        self.day_time(&self.found[gregorian_side(self.found, self.partner, i)])
    }

    /// A date in the dateline cleaning found (`نشر الاثنين 04 ديسمبر, 2017`).
    fn dateline_date(&self) -> Option<Time> {
        let d = self.ctx.dateline?;
        self.found.iter().enumerate().find_map(|(i, f)| {
            let inside = d.overlaps(&self.a.span(f.e.k0, f.e.k1));
            (inside && matches!(f.e.core, Core::Date(_)))
                .then(|| self.gregorian_day(i))
                .flatten()
        })
    }

    /// A day date after a publication cue (`تاريخ النشر: 12 آذار 2019`), or a
    /// full date alone on a top line (a pair on its own line is one dateline).
    fn cued_date(&self) -> Option<Time> {
        let key = self.a.key_str();
        self.found.iter().enumerate().find_map(|(i, f)| {
            let end = self.ends[self.partner[i].filter(|&j| j > i).unwrap_or(i)];
            let clue = matches!(f.e.core, Core::Date(DateSpec { day: Some(_), .. }))
                && f.e.dayrel.is_none()
                && (after_pub_cue(key, self.toks, f.t0)
                    || (full_date(&f.e) && dateline_like(key, self.toks, f, end)));
            clue.then(|| self.gregorian_day(i)).flatten()
        })
    }

    /// No header date: a full date at the head of the body's first lines
    /// (`دمشق - 12 آذار 2019: قتل …`), when not after the reference date.
    fn lead_date(&self) -> Option<Time> {
        let i = lead::lead_date(self.a, self.toks, self.found, self.ends, self.partner)?;
        let t = self.day_time(&self.found[i]).filter(|t| {
            t.value
                .as_deref()
                .and_then(Anchor::from_value)
                .is_some_and(|x| x.date <= self.ctx.reference)
        })?;
        Some(Time {
            basis: Basis::Inferred,
            ..t
        })
    }

    /// `اليوم` / `أمس` written with the date it stands for (`امس الخميس 27
    /// كانون الأول` was published on the 28th).
    fn dated_dayrel(&self) -> Option<Time> {
        self.found.iter().find_map(|f| {
            let (Some(off), Core::Date(DateSpec { day: Some(_), .. })) = (f.e.dayrel, f.e.core)
            else {
                return None;
            };
            let r = resolve(&f.e, None, self.ctx.reference);
            let d = r
                .day
                .and_then(|d| gregorian::add_days(d, -i64::from(off)))?;
            Some(inferred_day(d, r.time.calendar))
        })
    }

    /// A date "of the current month" names the month of publication (`13
    /// تشرين الأول الجاري`).
    fn current_month(&self) -> Option<Time> {
        self.found.iter().find_map(|f| {
            let Core::Date(DateSpec {
                cal: Cal::Gregorian,
                year: YearSpec::None,
                month,
                rel: Some(0),
                ..
            }) = f.e.core
            else {
                return None;
            };
            let (ry, rm) = gregorian::ym(self.ctx.reference);
            let (y, m) = gregorian::place_month(month, ry, rm, gregorian::Direction::OnOrBefore)?;
            let d = gregorian::date(y, m, 1)?;
            Some(Time {
                value: Some(gregorian::timex(d, Precision::Month, None)),
                precision: Precision::Month,
                calendar: Calendar::Gregorian,
                basis: Basis::Inferred,
            })
        })
    }

    /// A full date written with its weekday (`الأربعاء 13 شباط 2019`), the way
    /// reports date the day's events: the latest one not after the reference.
    fn latest_dated_weekday(&self) -> Option<Time> {
        self.found
            .iter()
            .filter(|f| full_date(&f.e) && f.e.dayrel.is_none() && f.e.weekday.is_some())
            .filter_map(|f| {
                let d = resolve(&f.e, None, self.ctx.reference).day?;
                (Some(d.weekday()) == f.e.weekday && d <= self.ctx.reference).then_some(d)
            })
            .max()
            .map(|d| inferred_day(d, Calendar::Gregorian))
    }
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
    let w = publication_weekday(found)?;
    let reference = ctx.reference;
    // the latest full date of the text, on or before the reference
    let latest_day = found
        .iter()
        .filter(|f| full_date(&f.e) && f.e.dayrel.is_none())
        .filter_map(|f| resolve(&f.e, None, reference).day)
        .filter(|d| *d <= reference)
        .max();
    let day = match latest_day {
        Some(d0) => weekday_after_event(w, d0, reference)?,
        None if !ctx.reference_known => return None,
        None => weekday_in_named_months(w, reference, &month_clues(found))?,
    };
    Some(inferred_day(day, Calendar::Gregorian))
}

/// The weekday of publication every `اليوم <weekday>` / `أمس <weekday>`
/// clue agrees on (`أمس الأحد` → Monday); `None` without one or when two
/// disagree.
fn publication_weekday(found: &[Found]) -> Option<jiff::civil::Weekday> {
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
    want
}

/// With a dated event `d0`: the latest weekday `w` on or before the
/// reference when it lies within [`RECENT_DAYS`] after `d0`, else the first
/// one after `d0` (the reference date is far from the report).
fn weekday_after_event(
    w: jiff::civil::Weekday,
    d0: jiff::civil::Date,
    reference: jiff::civil::Date,
) -> Option<jiff::civil::Date> {
    let last = weekday::nearest(reference, w, 0)?;
    let near = gregorian::add_days(d0, RECENT_DAYS)?;
    if last >= d0 && last <= near {
        return Some(last);
    }
    let first = gregorian::add_days(d0, -1).and_then(|d| weekday::nearest(d, w, 1))?;
    (first <= reference).then_some(first)
}

/// A month the text names and how it relates to the month of publication:
/// (year when written, month, relation: 1 on or before, 0 this month, -1
/// before).
type MonthClue = (Option<i32>, u8, i8);

/// The Gregorian months the text names with a year (`تموز 2018`), or as this
/// month (`آب الجاري`) or a past one (`آب الماضي`).
fn month_clues(found: &[Found]) -> Vec<MonthClue> {
    found
        .iter()
        .filter_map(|f| match f.e.core {
            Core::Date(DateSpec {
                cal: Cal::Gregorian,
                year,
                month,
                rel,
                ..
            }) => match (year, rel) {
                (YearSpec::Explicit(y), _) => Some((Some(y), month, 1)),
                (YearSpec::None, Some(r)) if r <= 0 => Some((None, month, r)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The latest weekday `w` on or before the reference, within
/// [`WEEKDAY_LOOKBACK_DAYS`], whose month agrees with every month clue.
fn weekday_in_named_months(
    w: jiff::civil::Weekday,
    reference: jiff::civil::Date,
    clues: &[MonthClue],
) -> Option<jiff::civil::Date> {
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
            return Some(d);
        }
        d = gregorian::add_days(d, -7)?;
    }
    None
}

/// A time resolved without a publication date against a reference date
/// nobody gave: unresolved, and said so (`أمس` or `13 آذار` in an undated
/// article collected on an unknown day). Written-out dates stay.
fn unanchor(t: &mut Time) {
    if t.basis != Basis::Explicit {
        t.value = None;
        t.basis = Basis::Unanchored;
    }
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
    if anchor.is_none() && !ctx.reference_known {
        for r in &mut resolved {
            unanchor(&mut r.time);
        }
    }
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
