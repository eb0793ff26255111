//! The grammar: finds time expressions in the token stream of the search key and
//! reads what they say, without resolving anything yet.
//!
//! An expression is an optional run of prefixes (part of the day, edge word,
//! `يوم`, weekday, relative day) followed by a core (a day and month, a month, a
//! numeric date, a period, a count of units ago, a year) and an optional clock
//! time. Every piece is looked up in the [`Lexicon`].

mod main;

use crate::clock::{self, Clock};
use crate::lexicon::{Hit, Lex, Lexicon, Part, Unit};
use crate::scan::{Gap, Kind, Tok};
use jiff::civil::Weekday;
use rasad_text::clitic::{AND, ARTICLE};

/// The calendar an expression is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cal {
    Gregorian,
    Hijri,
}

/// The year of a written date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSpec {
    /// Not written.
    None,
    /// Written as a number.
    Explicit(i32),
    /// Relative to the anchor's year (`من العام الماضي` = -1).
    Relative(i32),
}

/// A calendar date as written: month always, day and year when given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpec {
    pub cal: Cal,
    pub year: YearSpec,
    pub month: u8,
    pub day: Option<u8>,
    /// `الماضي` -1, `الجاري` 0, `المقبل` +1 after the month.
    pub rel: Option<i8>,
}

/// What an expression denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Core {
    /// A calendar date (`27 كانون الأول`, `17/11/2017`, `الثالث من رمضان`).
    Date(DateSpec),
    /// A day relative to the publication date (`أمس` = -1).
    RelDay(i8),
    /// A weekday (`السبت`), with `الماضي`/`المقبل` when written.
    Weekday(Option<i8>),
    /// A week, month or year relative to the publication date, optionally a
    /// day of that month (`الـ3 من الشهر الجاري`).
    Period {
        unit: Unit,
        offset: i32,
        day: Option<u8>,
    },
    /// `قبل ثلاثة أيام`; `n` None for `قبل أيام`.
    Ago { n: Option<u32>, unit: Unit },
    /// `خلال الشهرين الماضيين`: from `n` units ago until the anchor.
    Range { n: Option<u32>, unit: Unit },
    /// A year (`في 2012`, `عام 1439 هـ`), possibly a pair (`عامي 2014 و2015`).
    Year {
        y: i32,
        hijri: bool,
        end: Option<i32>,
    },
    /// A clock time with no day.
    Clock,
}

/// One expression found in the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expr {
    /// Key byte range.
    pub k0: usize,
    pub k1: usize,
    pub core: Core,
    /// `اليوم`/`أمس` written with a date (`امس الخميس 27 كانون الأول`).
    pub dayrel: Option<i8>,
    pub weekday: Option<Weekday>,
    pub part: Option<Part>,
    pub clock: Option<Clock>,
    /// Introduced by an edge word (`مطلع`, `منتصف`).
    pub edge: bool,
    /// The clock time lies in the small hours after the day written
    /// (`الواحدة بعد منتصف ليل الخميس` is Friday 01:00).
    pub next_day: bool,
}

/// A clock time as read, before the part of the day of its day is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawClock {
    hour: u32,
    minutes: Option<i32>,
    /// The part of the day written after the time (`الثامنة مساءً`).
    part: Option<Part>,
}

impl RawClock {
    /// The clock time, with the part written after it or else `day_part`, the
    /// part written before its day (`الساعة 11:35 من مساء أمس` is 23:35), and
    /// whether it falls on the next day.
    fn finish(self, day_part: Option<Part>) -> Option<(Clock, bool)> {
        let c = clock::clock(self.hour, self.minutes, self.part.or(day_part))?;
        Some((c, clock::next_day(self.part, day_part)))
    }
}

/// Year, month and day of three numbers (value, digits) written year first
/// (`2017-11-17`) or day first (`17/11/2017`); a month past 12 with a day
/// that could be one is read month first (`11/17/2017`).
fn ymd(a: (u32, usize), b: (u32, usize), c: (u32, usize)) -> Option<(i32, u32, u32)> {
    let ((y, ly), (mut m, lm), (mut d, ld)) = if a.1 == 4 { (a, b, c) } else { (c, b, a) };
    if ly != 4 || lm > 2 || ld > 2 {
        return None;
    }
    if m > 12 && d <= 12 {
        std::mem::swap(&mut m, &mut d);
    }
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y as i32, m, d))
}

/// A clock as read: the hour, the minutes when written, the token after it.
type ClockRead = (u32, Option<i32>, usize);

/// The parser over one key and its tokens.
pub struct Parser<'a> {
    key: &'a str,
    toks: &'a [Tok],
    lx: &'a Lexicon,
}

impl<'a> Parser<'a> {
    /// A parser over `key` cut into `toks`.
    pub fn new(key: &'a str, toks: &'a [Tok], lx: &'a Lexicon) -> Self {
        Parser { key, toks, lx }
    }

    fn text(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .map_or("", |t| &self.key[t.s as usize..t.e as usize])
    }

    /// True when token `i` exists and continues the line.
    fn cont(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.gap != Gap::Line)
    }

    fn touches(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.gap == Gap::None)
    }

    /// A form at `i`; `first` allows a proclitic and a line start.
    fn at<T>(&self, i: usize, first: bool, f: impl Fn(Lex) -> Option<T>) -> Option<Hit<T>> {
        if !first && !self.cont(i) {
            return None;
        }
        self.lx.find(self.key, self.toks, i, first, f)
    }

    fn is(&self, i: usize, first: bool, f: impl Fn(Lex) -> bool) -> Option<usize> {
        self.at(i, first, |l| f(l).then_some(())).map(|h| h.end)
    }

    /// True when token `i` is the conjunction و standing alone (`و 40 دقيقة`).
    fn is_and(&self, i: usize) -> bool {
        let mut cs = self.text(i).chars();
        cs.next() == Some(AND) && cs.next().is_none()
    }

    fn punct(&self, i: usize, set: &str) -> bool {
        self.cont(i) && self.toks[i].kind == Kind::Punct && set.contains(self.text(i))
    }

    /// A number of at most four digits: (value, digits).
    fn num(&self, i: usize, first: bool) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Num || (!first && t.gap == Gap::Line) {
            return None;
        }
        let s = self.text(i);
        if s.len() > 4 {
            return None;
        }
        s.parse().ok().map(|v| (v, s.len()))
    }

    /// A number, optionally with the article (`الـ10`): (value, digits, next, skip).
    fn art_num(&self, i: usize, first: bool) -> Option<(u32, usize, usize, usize)> {
        let t = self.toks.get(i)?;
        if t.kind == Kind::Word {
            if !first && t.gap == Gap::Line {
                return None;
            }
            let w = self.text(i);
            let skip = w.strip_suffix(ARTICLE)?.len();
            if (skip > 0 && !first) || w.chars().count() > 3 {
                return None;
            }
            let n = self.toks.get(i + 1)?;
            if n.gap == Gap::Line {
                return None;
            }
            let (v, d) = self.num(i + 1, false)?;
            return Some((v, d, i + 2, skip));
        }
        self.num(i, first).map(|(v, d)| (v, d, i + 1, 0))
    }

    /// A day of the month in digits or as an ordinal word: (day, next, skip).
    fn day(&self, i: usize, first: bool) -> Option<(u8, usize, usize)> {
        if let Some((v, d, next, skip)) = self.art_num(i, first) {
            return (d <= 2 && (1..=31).contains(&v)).then_some((v as u8, next, skip));
        }
        self.at(i, first, |l| match l {
            Lex::Ordinal(n) => Some(n),
            _ => None,
        })
        .map(|h| (h.val, h.end, h.skip))
    }

    /// A month name, with a paired name of the other family (`ديسمبر / كانون
    /// الأول`, `كانون الأول (ديسمبر)`): (calendar, number, ambiguous, next, skip).
    fn month(&self, i: usize, first: bool) -> Option<(Cal, u8, bool, usize, usize)> {
        let h = self.at(i, first, |l| match l {
            Lex::GMonth { n, ambiguous } => Some((Cal::Gregorian, n, ambiguous)),
            Lex::HMonth(n) => Some((Cal::Hijri, n, true)),
            _ => None,
        })?;
        let (cal, n, mut amb) = h.val;
        let mut next = h.end;
        if cal == Cal::Gregorian {
            let j = if self.punct(next, "/(-|\\") {
                next + 1
            } else {
                next
            };
            let pair = self.at(j, false, |l| match l {
                Lex::GMonth { n: m, .. } if m == n => Some(()),
                _ => None,
            });
            if let Some(p) = pair {
                next = if self.punct(p.end, ")") {
                    p.end + 1
                } else {
                    p.end
                };
                amb = false;
            }
        }
        Some((cal, n, amb, next, h.skip))
    }

    /// A year after a month: `2017`, `، 2017`, `عام 2017`, `من العام الماضي`,
    /// `1440 هـ`. Returns the year and the next token.
    fn year_spec(&self, i: usize, cal: Cal) -> Option<(YearSpec, usize)> {
        let mut j = i;
        if self.punct(j, ",") {
            j += 1;
        }
        let of = self.is(j, false, |l| l == Lex::Of);
        if let Some(e) = of {
            j = e;
        }
        // من العام الماضي / من هذا العام
        if let Some(e) = self.is(j, false, |l| l == Lex::This) {
            if let Some(e2) = self.is(e, false, |l| l == Lex::Period(Unit::Year)) {
                return Some((YearSpec::Relative(0), e2));
            }
        }
        if let Some(e) = self.is(j, false, |l| l == Lex::Period(Unit::Year)) {
            if let Some(r) = self.at(e, false, |l| match l {
                Lex::Rel(r) => Some(r),
                _ => None,
            }) {
                return Some((YearSpec::Relative(i32::from(r.val)), r.end));
            }
        }
        if let Some(e) = self.is(j, false, |l| l == Lex::YearWord) {
            j = e;
        }
        let (y, digits) = self.num(j, false)?;
        if digits != 4 {
            return None;
        }
        let y = y as i32;
        let mut end = j + 1;
        let hm = self.is(end, false, |l| l == Lex::HijriMarker);
        let gm = self.is(end, false, |l| l == Lex::GregMarker);
        let ok = match cal {
            Cal::Gregorian => crate::gregorian::YEARS.contains(&y) && hm.is_none(),
            Cal::Hijri => crate::hijri::YEARS.contains(&y) && gm.is_none(),
        };
        if !ok {
            return None;
        }
        if let Some(e) = hm.or(gm) {
            end = e;
        }
        Some((YearSpec::Explicit(y), end))
    }

    fn rel(&self, i: usize) -> Option<(i8, usize)> {
        self.at(i, false, |l| match l {
            Lex::Rel(r) => Some(r),
            _ => None,
        })
        .map(|h| (h.val, h.end))
    }

    /// Minutes counted after an hour: `و40 دقيقة`, `و 40 دقيقة`, `وعشر دقائق`.
    fn counted_minutes(&self, i: usize) -> Option<(i32, usize)> {
        if !self.cont(i) || !self.text(i).starts_with(AND) {
            return None;
        }
        let (m, next) = if self.is_and(i) {
            match self.num(i + 1, false) {
                Some((m, 1..=2)) => (m, i + 2),
                Some(_) => return None,
                None => {
                    let h = self.at(i + 1, false, |l| match l {
                        Lex::Cardinal(n) => Some(n),
                        _ => None,
                    })?;
                    (h.val, h.end)
                }
            }
        } else {
            let h = self.lx.find(self.key, self.toks, i, true, |l| match l {
                Lex::Cardinal(n) => Some(n),
                _ => None,
            })?;
            if h.skip != AND.len_utf8() {
                return None;
            }
            (h.val, h.end)
        };
        let end = self.is(next, false, |l| l == Lex::MinuteWord)?;
        (m < 60).then_some((m as i32, end))
    }

    /// A clock time at `i`: `الساعة 16:40`, `في تمام الساعة الثالثة فجراً`,
    /// `عند الساعة 9 و40 دقيقة`, or with `bare`, `16:40` right after a date.
    fn clock_at(&self, i: usize, first: bool, bare: bool) -> Option<(RawClock, usize)> {
        let mut j = i;
        if !first {
            if self.punct(j, ",-|") {
                j += 1;
            }
            if self.lx.clock_intro.contains(self.text(j)) && self.cont(j) {
                j += 1;
            }
        }
        let word = self.is(j, first && j == i, |l| l == Lex::HourWord);
        if let Some(e) = word {
            j = e;
        } else if !bare {
            return None;
        }
        let (h, m, mut next) = match self.num(j, false) {
            Some((h, digits)) => self.digit_clock(j, h, digits, word.is_some())?,
            None if word.is_some() => self.word_clock(j)?,
            None => return None,
        };
        let part = self.at(next, false, |l| match l {
            Lex::PartAfter(p) => Some(p),
            _ => None,
        });
        let part = part.map(|p| {
            next = p.end;
            p.val
        });
        // an impossible time is no clock at all
        clock::clock(h, m, part)?;
        let raw = RawClock {
            hour: h,
            minutes: m,
            part,
        };
        Some((raw, next))
    }

    /// A clock in digits, hour `h` of `digits` digits at `j`: `16:40`, or
    /// after the hour word `9 و40 دقيقة` and `9`.
    fn digit_clock(&self, j: usize, h: u32, digits: usize, worded: bool) -> Option<ClockRead> {
        if digits > 2 {
            return None;
        }
        if self.punct(j + 1, ":") && self.touches(j + 1) {
            let (m, md) = self.num(j + 2, false)?;
            if md != 2 || !self.touches(j + 2) {
                return None;
            }
            return Some((h, Some(m as i32), j + 3));
        }
        if !worded {
            return None;
        }
        Some(match self.counted_minutes(j + 1) {
            Some((m, e)) => (h, Some(m), e),
            None => (h, None, j + 1),
        })
    }

    /// A clock in words after the hour word: `الثالثة`, `الثالثة والنصف`,
    /// `التاسعة وعشر دقائق`.
    fn word_clock(&self, j: usize) -> Option<ClockRead> {
        let hw = self.at(j, false, |l| match l {
            Lex::Hour(n) => Some(n),
            _ => None,
        })?;
        let h = u32::from(hw.val);
        let fraction = self.at(hw.end, false, |l| match l {
            Lex::Minutes(m) => Some(m),
            _ => None,
        });
        if let Some(mh) = fraction {
            return Some((h, Some(i32::from(mh.val)), mh.end));
        }
        Some(match self.counted_minutes(hw.end) {
            Some((m, e)) => (h, Some(m), e),
            None => (h, None, hw.end),
        })
    }

    /// A numeric date: `17/11/2017`, `2017-11-17`, `17.11.2017` (day first),
    /// or a Hijri one, told by its year (`24/7/1433هـ`, `1433/7/24`); a year
    /// marker written after it (`هـ`, `م`) belongs to it.
    fn numeric(&self, i: usize, first: bool) -> Option<(DateSpec, usize)> {
        let (a, la) = self.num(i, first)?;
        let sep = self.text(i + 1);
        if !self.punct(i + 1, "/-.") || !self.touches(i + 1) {
            return None;
        }
        let (b, lb) = self.num(i + 2, false)?;
        if !self.touches(i + 2) || self.text(i + 3) != sep || !self.touches(i + 3) {
            return None;
        }
        let (c, lc) = self.num(i + 4, false)?;
        if !self.touches(i + 4) {
            return None;
        }
        // A longer chain of numbers (an address, a version) is not a date.
        if self.touches(i + 5)
            && self.punct(i + 5, "/-.")
            && self.num(i + 6, false).is_some()
            && self.touches(i + 6)
        {
            return None;
        }
        let (y, m, d) = ymd((a, la), (b, lb), (c, lc))?;
        let (cal, end) = self.numeric_calendar(y, d, i + 5)?;
        let spec = DateSpec {
            cal,
            year: YearSpec::Explicit(y),
            month: m as u8,
            day: Some(d as u8),
            rel: None,
        };
        Some((spec, end))
    }

    /// The calendar of a numeric date told by its year and a marker at
    /// `end` (`هـ`, `م`): a Gregorian year unless marked Hijri, a Hijri year
    /// (day 30 at most) unless marked Gregorian. The token after the marker.
    fn numeric_calendar(&self, y: i32, d: u32, end: usize) -> Option<(Cal, usize)> {
        let hm = self.is(end, false, |l| l == Lex::HijriMarker);
        let gm = self.is(end, false, |l| l == Lex::GregMarker);
        let cal = if crate::gregorian::YEARS.contains(&y) && hm.is_none() {
            Cal::Gregorian
        } else if crate::hijri::YEARS.contains(&y) && gm.is_none() && d <= 30 {
            Cal::Hijri
        } else {
            return None;
        };
        Some((cal, hm.or(gm).unwrap_or(end)))
    }

    /// The expression starting at token `i`, and the token after it.
    pub fn parse(&self, i: usize) -> Option<(Expr, usize)> {
        let t = self.toks.get(i)?;
        if t.kind == Kind::Num {
            return self.main(i).or_else(|| self.year(i));
        }
        if let Some(r) = self.clock_first(i) {
            return Some(r);
        }
        self.year(i)
            .or_else(|| self.ago(i))
            .or_else(|| self.range(i))
            .or_else(|| self.main(i))
    }

    fn expr(&self, i: usize, skip: usize, end: usize, core: Core) -> Expr {
        let k0 = self.toks[i].s as usize + skip;
        let k1 = self.toks[end.saturating_sub(1).max(i)].e as usize;
        Expr {
            k0,
            k1,
            core,
            dayrel: None,
            weekday: None,
            part: None,
            clock: None,
            edge: false,
            next_day: false,
        }
    }

    /// `الساعة الثالثة من فجر اليوم`: a clock, then the day it belongs to.
    fn clock_first(&self, i: usize) -> Option<(Expr, usize)> {
        let skip = self
            .at(i, true, |l| (l == Lex::HourWord).then_some(()))?
            .skip;
        let (raw, j) = self.clock_at(i, true, false)?;
        let k = self.is(j, false, |l| l == Lex::Of).unwrap_or(j);
        if let Some((mut e, end)) = self.main(k) {
            let dayish = matches!(e.core, Core::RelDay(_) | Core::Weekday(_))
                || matches!(e.core, Core::Date(DateSpec { day: Some(_), .. }));
            if dayish && e.clock.is_none() && self.cont(k) {
                if let Some((c, next_day)) = raw.finish(e.part) {
                    e.k0 = self.toks[i].s as usize + skip;
                    e.clock = Some(c);
                    e.next_day = next_day;
                    return Some((e, end));
                }
            }
        }
        let (c, _) = raw.finish(None)?;
        let mut e = self.expr(i, skip, j, Core::Clock);
        e.clock = Some(c);
        Some((e, j))
    }

    /// A year: `عام 2014`, `عامي 2014 و2015`, `في 2012` (the context word stays
    /// outside), `2017م`, `1439 هـ`.
    fn year(&self, i: usize) -> Option<(Expr, usize)> {
        let (skip, j) = self.year_start(i)?;
        let (y, 4) = self.num(j, j == i)? else {
            return None;
        };
        let y = y as i32;
        let (hijri, end) = self.year_marker(j + 1);
        let range = if hijri {
            crate::hijri::YEARS
        } else {
            crate::gregorian::YEARS
        };
        if !range.contains(&y) {
            return None;
        }
        let second = self.second_year(end, y, &range);
        let end = second.map_or(end, |s| s.1);
        let core = Core::Year {
            y,
            hijri,
            end: second.map(|s| s.0),
        };
        Some((self.expr(i, skip, end, core), end))
    }

    /// Where a year starts at `i`: after a year word (`عام`, with its
    /// proclitic bytes), or at a bare number that a context word before it
    /// (`في 2012`, `منذ 2011`) or a calendar marker after it (`2017م`) makes
    /// a year. The proclitic bytes and the token of the number.
    fn year_start(&self, i: usize) -> Option<(usize, usize)> {
        if let Some(h) = self.at(i, true, |l| (l == Lex::YearWord).then_some(())) {
            return Some((h.skip, h.end));
        }
        self.num(i, true)?;
        let context = i > 0
            && self.cont(i)
            && self
                .lx
                .find(self.key, self.toks, i - 1, true, |l| {
                    matches!(l, Lex::YearContext | Lex::Edge).then_some(())
                })
                .is_some_and(|h| h.end == i);
        let marked = self
            .is(i + 1, false, |l| {
                matches!(l, Lex::GregMarker | Lex::HijriMarker)
            })
            .is_some();
        (context || marked).then_some((0, i))
    }

    /// A calendar marker at `end` (`هـ` Hijri, `م` Gregorian): whether the
    /// year is Hijri, and the token after the marker.
    fn year_marker(&self, end: usize) -> (bool, usize) {
        match self.is(end, false, |l| l == Lex::HijriMarker) {
            Some(e) => (true, e),
            None => (
                false,
                self.is(end, false, |l| l == Lex::GregMarker).unwrap_or(end),
            ),
        }
    }

    /// The second year of a pair (`عامي 2014 و2015`, `2014 - 2015`): a later
    /// year of the same calendar, and the token after it.
    fn second_year(
        &self,
        end: usize,
        y: i32,
        range: &std::ops::RangeInclusive<i32>,
    ) -> Option<(i32, usize)> {
        let joined = (self.is_and(end) && self.cont(end)) || self.punct(end, "-/");
        if !joined {
            return None;
        }
        let (y2, 4) = self.num(end + 1, false)? else {
            return None;
        };
        let y2 = y2 as i32;
        (y2 > y && range.contains(&y2)).then_some((y2, end + 2))
    }

    /// `قبل ثلاثة أيام`, `منذ يومين`, `قبل أيام`.
    fn ago(&self, i: usize) -> Option<(Expr, usize)> {
        let h = self.at(i, true, |l| (l == Lex::Ago).then_some(()))?;
        let mut j = h.end;
        if let Some(e) = self.is(j, false, |l| l == Lex::Approx) {
            j = e;
        }
        let count = if let Some((v, _)) = self.num(j, false) {
            Some((v, j + 1))
        } else {
            self.at(j, false, |l| match l {
                Lex::Cardinal(n) => Some(n),
                _ => None,
            })
            .map(|c| (c.val, c.end))
        };
        let (n, unit, end) = match count {
            Some((n, k)) => {
                let u = self.at(k, false, |l| match l {
                    Lex::UnitOne(u) | Lex::UnitMany(u) => Some(u),
                    _ => None,
                })?;
                (Some(n), u.val, u.end)
            }
            None => {
                let u = self.at(j, false, |l| match l {
                    Lex::UnitOne(u) => Some((Some(1), u)),
                    Lex::UnitTwo(u) => Some((Some(2), u)),
                    Lex::UnitMany(u) => Some((None, u)),
                    _ => None,
                })?;
                (u.val.0, u.val.1, u.end)
            }
        };
        if self.counts_from_event(end) {
            return None;
        }
        let e = self.expr(i, h.skip, end, Core::Ago { n, unit });
        Some((e, end))
    }

    /// After `قبل يومين`: a word that makes the count run from an event or
    /// name a date, not from publication (`قبل يومين من الإعلان`, `قبل عام
    /// 2011`, `قبل أسبوع الخميس`).
    fn counts_from_event(&self, end: usize) -> bool {
        if !self.cont(end) {
            return false;
        }
        self.toks[end].kind == Kind::Num
            || self
                .is(end, false, |l| {
                    matches!(
                        l,
                        Lex::Of
                            | Lex::Weekday { .. }
                            | Lex::DayRel(_)
                            | Lex::GMonth { .. }
                            | Lex::HMonth(_)
                            | Lex::Ordinal(_)
                            | Lex::PartAfter(_)
                            | Lex::PartBefore(_)
                            | Lex::Period(_)
                    )
                })
                .is_some()
    }

    /// `خلال الشهرين الماضيين`, `خلال الـ24 ساعة الماضية`, `في الأيام الأخيرة`.
    fn range(&self, i: usize) -> Option<(Expr, usize)> {
        let h = self.at(i, true, |l| (l == Lex::During).then_some(()))?;
        let j = h.end;
        let count = self
            .art_num(j, false)
            .map(|(v, _, next, _)| (v, next))
            .or_else(|| {
                self.at(j, false, |l| match l {
                    Lex::Cardinal(n) => Some(n),
                    _ => None,
                })
                .map(|c| (c.val, c.end))
            });
        let (n, unit, end) = match count {
            Some((n, k)) => {
                let u = self.at(k, false, |l| match l {
                    Lex::UnitOne(u) | Lex::UnitMany(u) => Some(u),
                    _ => None,
                })?;
                (Some(n), u.val, u.end)
            }
            None => {
                let u = self.at(j, false, |l| match l {
                    Lex::UnitTwo(u) => Some((Some(2), u)),
                    Lex::UnitMany(u) => Some((None, u)),
                    _ => None,
                })?;
                (u.val.0, u.val.1, u.end)
            }
        };
        let past = self.rel(end).filter(|r| r.0 == -1).map(|r| r.1);
        let last = self.is(end, false, |l| l == Lex::Last);
        let end = past.or(last)?;
        let e = self.expr(i, h.skip, end, Core::Range { n, unit });
        Some((e, end))
    }
}
