//! The main expression: prefixes (part of the day, `يوم`, `شهر`, a weekday, a
//! relative day, an edge word), then a core (a numeric date, a day and month,
//! a month, a period, or the relative day or weekday alone), then a clock time
//! when the expression names a day.

use super::{Cal, Core, DateSpec, Expr, Parser, YearSpec};
use crate::clock::Clock;
use crate::lexicon::{Lex, Part, Unit};
use crate::weekday;
use jiff::civil::Weekday;

/// At most one prefix of each of the six kinds is read.
const MAX_PREFIXES: usize = 6;

/// The prefixes read before a core.
#[derive(Debug, Clone, Copy, Default)]
struct Prefixes {
    /// Key bytes of a proclitic on the first word.
    skip: usize,
    part: Option<Part>,
    edge: bool,
    day_word: bool,
    month_word: bool,
    /// The weekday, and whether its form is also an ordinary word.
    wd: Option<(Weekday, bool)>,
    /// The relative day and the token it is written at.
    dayrel: Option<(i8, usize)>,
    /// The token after the weekday.
    wd_end: usize,
}

/// A core read after the prefixes: what it says, the token after it, and
/// the proclitic bytes of its first word.
type CoreHit = (Core, usize, usize);

/// True when a core names one day, so that a clock time may follow it.
fn names_a_day(core: Core) -> bool {
    matches!(
        core,
        Core::Date(DateSpec { day: Some(_), .. })
            | Core::RelDay(_)
            | Core::Weekday(_)
            | Core::Period { day: Some(_), .. }
    )
}

impl Parser<'_> {
    /// Prefixes, a core and a clock: `مساء أمس الخميس 27 كانون الأول الساعة
    /// 9`, `الأسبوع الماضي`, `السبت الماضي`.
    pub(super) fn main(&self, i: usize) -> Option<(Expr, usize)> {
        let (mut p, j) = self.prefixes(i);
        let first = j == i;
        let (core, end) = match self.core(&p, j, first) {
            Some((core, end, skip)) => {
                if first {
                    p.skip += skip;
                }
                (core, end)
            }
            None => self.day_alone(&p, j)?,
        };
        if self.unsupported_weekday(&p, core) {
            return None;
        }
        let clock = names_a_day(core)
            .then(|| self.trailing_clock(end, p.part))
            .flatten();
        let end = clock.map_or(end, |c| c.2);
        let mut e = self.expr(i, p.skip, end, core);
        e.dayrel = p.dayrel.map(|d| d.0);
        e.weekday = p.wd.map(|w| w.0);
        e.part = p.part;
        e.clock = clock.map(|c| c.0);
        e.edge = p.edge;
        e.next_day = clock.is_some_and(|c| c.1);
        Some((e, end))
    }

    /// The prefixes from token `i`, and the token after them.
    fn prefixes(&self, i: usize) -> (Prefixes, usize) {
        let mut p = Prefixes {
            wd_end: i,
            ..Prefixes::default()
        };
        let mut j = i;
        for _ in 0..MAX_PREFIXES {
            match self.prefix(&mut p, j, j == i) {
                Some(next) => j = next,
                None => break,
            }
        }
        (p, j)
    }

    /// Reads one prefix of a kind not yet read at `j` into `p`: the token
    /// after it. A proclitic counts only on the first word.
    fn prefix(&self, p: &mut Prefixes, j: usize, first: bool) -> Option<usize> {
        let (skip, next) = self.read_prefix(p, j, first)?;
        if first {
            p.skip += skip;
        }
        Some(next)
    }

    /// The kinds in the order they are tried: a part of the day, `يوم`,
    /// `شهر`, a weekday, a relative day, an edge word. Returns the proclitic
    /// bytes and the token after the prefix.
    fn read_prefix(&self, p: &mut Prefixes, j: usize, first: bool) -> Option<(usize, usize)> {
        let flag = |lex: Lex| {
            self.at(j, first, |l| (l == lex).then_some(()))
                .map(|h| (h.skip, h.end))
        };
        if p.part.is_none() {
            if let Some(h) = self.at(j, first, |l| match l {
                Lex::PartBefore(part) => Some(part),
                _ => None,
            }) {
                p.part = Some(h.val);
                return Some((h.skip, h.end));
            }
        }
        if !p.day_word {
            if let Some(h) = flag(Lex::DayWord) {
                p.day_word = true;
                return Some(h);
            }
        }
        if !p.month_word {
            if let Some(h) = flag(Lex::MonthWord) {
                p.month_word = true;
                return Some(h);
            }
        }
        if p.wd.is_none() {
            if let Some(h) = self.weekday_prefix(p, j, first) {
                return Some(h);
            }
        }
        if p.dayrel.is_none() {
            if let Some(h) = self.dayrel_prefix(p, j, first) {
                return Some(h);
            }
        }
        if !p.edge {
            if let Some(h) = flag(Lex::Edge) {
                p.edge = true;
                return Some(h);
            }
        }
        None
    }

    /// A weekday prefix (`الخميس`, `الخميس،`): the proclitic bytes and the
    /// token after it (and after a comma that continues the line).
    fn weekday_prefix(&self, p: &mut Prefixes, j: usize, first: bool) -> Option<(usize, usize)> {
        let h = self.at(j, first, |l| match l {
            Lex::Weekday { n, ambiguous } => weekday::from_iso(n).map(|w| (w, ambiguous)),
            _ => None,
        })?;
        p.wd = Some(h.val);
        p.wd_end = h.end;
        let comma = self.punct(h.end, ",") && self.cont(h.end + 1);
        Some((h.skip, h.end + usize::from(comma)))
    }

    /// A relative day prefix (`أمس`, `اليوم`), and `اليوم، الجمعة`: the comma
    /// before a weekday is skipped.
    fn dayrel_prefix(&self, p: &mut Prefixes, j: usize, first: bool) -> Option<(usize, usize)> {
        let h = self.at(j, first, |l| match l {
            Lex::DayRel(d) => Some(d),
            _ => None,
        })?;
        p.dayrel = Some((h.val, j));
        let mut next = h.end;
        if self.punct(next, ",") && self.cont(next + 1) && p.wd.is_none() {
            let weekday = self.is(next + 1, false, |l| matches!(l, Lex::Weekday { .. }));
            if weekday.is_some() {
                next += 1;
            }
        }
        Some((h.skip, next))
    }

    /// The core at `j`, tried in order: a numeric date, a day and month (or a
    /// day of the current month), a month, a period.
    fn core(&self, p: &Prefixes, j: usize, first: bool) -> Option<CoreHit> {
        if let Some((spec, e)) = self.numeric(j, first) {
            return Some((Core::Date(spec), e, 0));
        }
        if let Some(hit) = self.day_month(j, first) {
            return Some(hit);
        }
        if let Some(hit) = self.month_alone(p, j, first) {
            return Some(hit);
        }
        if p.dayrel.is_none() && p.wd.is_none() {
            return self.period(p, j, first);
        }
        None
    }

    /// `27 كانون الأول 2018`, `الخامس عشر من شهر رمضان`, and the day of a
    /// month counted from publication (`الـ3 من الشهر الجاري`).
    fn day_month(&self, j: usize, first: bool) -> Option<CoreHit> {
        let (d, e, sk) = self.day(j, first)?;
        let k = self.is(e, false, |l| l == Lex::Of).unwrap_or(e);
        let km = self
            .is(k, false, |l| l == Lex::MonthWord)
            .filter(|&m| self.month(m, false).is_some())
            .unwrap_or(k);
        if let Some((cal, n, _amb, e2, _)) = self.month(km, false) {
            let spec = DateSpec {
                cal,
                year: YearSpec::None,
                month: n,
                day: Some(d),
                rel: None,
            };
            let (spec, end) = self.year_or_rel(spec, e2);
            return Some((Core::Date(spec), end, sk));
        }
        if k == e {
            return None;
        }
        let (core, end) = self.day_of_this_month(d, k)?;
        Some((core, end, sk))
    }

    /// After `day من` at `k`: `الـ3 من الشهر الجاري`, `الثالث من الجاري`.
    fn day_of_this_month(&self, d: u8, k: usize) -> Option<(Core, usize)> {
        let day_of = |offset: i32| Core::Period {
            unit: Unit::Month,
            offset,
            day: Some(d),
        };
        if let Some(e2) = self.is(k, false, |l| l == Lex::Period(Unit::Month)) {
            let (off, e3) = self.rel(e2).map_or((0, e2), |(r, e3)| (i32::from(r), e3));
            return Some((day_of(off), e3));
        }
        match self.rel(k) {
            Some((0, e2)) => Some((day_of(0), e2)),
            _ => None,
        }
    }

    /// The year after a month (`2017`, `من العام الماضي`), else its relation
    /// to publication (`الماضي`, `الجاري`), when `spec` has no year yet.
    fn year_or_rel(&self, mut spec: DateSpec, mut end: usize) -> (DateSpec, usize) {
        if spec.year == YearSpec::None {
            if let Some((y, e)) = self.year_spec(end, spec.cal) {
                spec.year = y;
                end = e;
            }
        }
        if spec.year == YearSpec::None {
            if let Some((r, e)) = self.rel(end) {
                spec.rel = Some(r);
                end = e;
            }
        }
        (spec, end)
    }

    /// A month without a day of its own (`آذار 2019`, `رمضان الماضي`, `مطلع
    /// آب`), or the English order `ديسمبر 4, 2017`. A month name that is also
    /// an ordinary word (`آب`) needs support: an edge word, `شهر`, a year or
    /// a relation; a Hijri month an edge word, `شهر` or a written year.
    fn month_alone(&self, p: &Prefixes, j: usize, first: bool) -> Option<CoreHit> {
        let (cal, n, amb, e, sk) = self.month(j, first)?;
        let mut spec = DateSpec {
            cal,
            year: YearSpec::None,
            month: n,
            day: None,
            rel: None,
        };
        let mut e = e;
        if let Some((d, y, e3)) = self.day_comma_year(cal, e) {
            spec.day = Some(d);
            spec.year = YearSpec::Explicit(y);
            e = e3;
        }
        let (spec, e) = self.year_or_rel(spec, e);
        let supported = match cal {
            Cal::Gregorian => {
                !amb || p.edge || p.month_word || spec.year != YearSpec::None || spec.rel.is_some()
            }
            Cal::Hijri => p.edge || p.month_word || matches!(spec.year, YearSpec::Explicit(_)),
        };
        supported.then_some((Core::Date(spec), e, sk))
    }

    /// `ديسمبر 4, 2017`: a day and a year after a Gregorian month at `e`.
    fn day_comma_year(&self, cal: Cal, e: usize) -> Option<(u8, i32, usize)> {
        if cal != Cal::Gregorian {
            return None;
        }
        let (d, 1..=2) = self.num(e, false)? else {
            return None;
        };
        if !(1..=31).contains(&d) || !self.punct(e + 1, ",") {
            return None;
        }
        match self.year_spec(e + 2, cal)? {
            (YearSpec::Explicit(y), e3) => Some((d as u8, y, e3)),
            _ => None,
        }
    }

    /// A period counted from publication: `هذا الأسبوع`, `الشهر الماضي`,
    /// `مطلع الأسبوع` (an edge word makes it the current one).
    fn period(&self, p: &Prefixes, j: usize, first: bool) -> Option<CoreHit> {
        let this = self.at(j, first, |l| (l == Lex::This).then_some(()));
        let k = this.map_or(j, |h| h.end);
        let h = self.at(k, first && this.is_none(), |l| match l {
            Lex::Period(u) if u != Unit::Hour && u != Unit::Day => Some(u),
            _ => None,
        })?;
        let adjective = this.is_none() && !p.edge && self.general_adjective(k);
        let rel = self.rel(h.end).filter(|_| !adjective);
        let offset = match (this, rel) {
            (_, Some((r, _))) => i32::from(r),
            (Some(_), None) => 0,
            (None, None) if p.edge => 0,
            _ => return None,
        };
        let core = Core::Period {
            unit: h.val,
            offset,
            day: None,
        };
        let end = rel.map_or(h.end, |r| r.1);
        Some((core, end, this.map_or(h.skip, |t| t.skip)))
    }

    /// `العام` after a definite noun of the `general.heads` list is the
    /// adjective "general", not "the year": `الأمين العام السابق للحزب` is
    /// the former secretary-general.
    fn general_adjective(&self, k: usize) -> bool {
        k > 0
            && self.cont(k)
            && self.lx.general_words.contains(self.text(k))
            && self.lx.general_heads.contains(self.text(k - 1))
    }

    /// A relative day alone (`أمس`), or a weekday alone (`السبت`, `الأحد
    /// الماضي`, `ليلة السبت على الأحد`). `None` when there is neither, or the
    /// word is not a day here.
    fn day_alone(&self, p: &Prefixes, j: usize) -> Option<(Core, usize)> {
        if let Some((d, at)) = p.dayrel {
            let plain_today = d == 0 && p.wd.is_none() && p.part.is_none() && !p.day_word;
            if plain_today && self.not_today(at) {
                return None;
            }
            return Some((Core::RelDay(d), j));
        }
        let (_, ambiguous) = p.wd?;
        let rel = self.rel(j);
        if ambiguous && !p.day_word && p.part.is_none() && rel.is_none() {
            return None;
        }
        let end = match rel {
            Some((_, e)) => e,
            // "الأحد، قصفت ...": the comma is not part of the expression
            None if j > p.wd_end && self.punct(p.wd_end, ",") => p.wd_end,
            None => self.night_second_day(j),
        };
        Some((Core::Weekday(rel.map(|r| r.0)), end))
    }

    /// `اليوم` that is "the day", not today: `اليوم التالي للهجوم`, `في ذلك
    /// اليوم` (the `today` lists of `data/calendar/relative.toml`).
    fn not_today(&self, at: usize) -> bool {
        let word = self.text(at);
        if !self
            .lx
            .today_words
            .iter()
            .any(|w| word.ends_with(w.as_str()))
        {
            return false;
        }
        let after = self.text(at + 1);
        let before = if at > 0 { self.text(at - 1) } else { "" };
        (self.cont(at + 1) && self.lx.today_not_after.contains(after))
            || (self.cont(at) && self.lx.today_not_before.contains(before))
    }

    /// The second day of a night written after the first: `ليلة السبت على
    /// الأحد`, `ليل الجمعة - السبت`. The token after the expression.
    fn night_second_day(&self, end: usize) -> usize {
        let joined = self.lx.night_joiners.contains(self.text(end)) || self.punct(end, "-/");
        if !joined || !self.cont(end) {
            return end;
        }
        self.is(end + 1, false, |l| matches!(l, Lex::Weekday { .. }))
            .unwrap_or(end)
    }

    /// A weekday form that is also an ordinary word (`الجمعة` "the Friday
    /// prayer", `السبت`) stands for a day only with `يوم`, a part of the
    /// day, a relative day, or a date or weekday core.
    fn unsupported_weekday(&self, p: &Prefixes, core: Core) -> bool {
        matches!(p.wd, Some((_, true)))
            && !p.day_word
            && p.part.is_none()
            && p.dayrel.is_none()
            && !matches!(core, Core::Date(_) | Core::Weekday(_))
    }

    /// A clock time right after a day (`الخميس 3 آذار الساعة 9 مساء`): the
    /// clock, whether it falls on the next day, and the token after it.
    fn trailing_clock(&self, end: usize, part: Option<Part>) -> Option<(Clock, bool, usize)> {
        let (raw, e) = self.clock_at(end, false, true)?;
        let (c, next_day) = raw.finish(part)?;
        Some((c, next_day, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LEXICON;
    use crate::scan::scan;

    /// The first expression of `text` (parsing from every token in turn):
    /// its text and what it says.
    fn first(text: &str) -> Option<(String, Core)> {
        let key = rasad_text::key(text);
        let toks = scan(&key);
        let p = Parser::new(&key, &toks, &LEXICON);
        (0..toks.len()).find_map(|i| {
            let (e, _) = p.parse(i)?;
            Some((key[e.k0..e.k1].to_string(), e.core))
        })
    }

    #[test]
    fn a_night_spans_two_weekdays() {
        let (text, core) = first("قصفت الطائرات ليل الجمعة إلى السبت مواقع").unwrap();
        assert_eq!(text, rasad_text::key("ليل الجمعة إلى السبت"));
        assert_eq!(core, Core::Weekday(None));
        let (text, _) = first("قصفت الطائرات ليل الجمعة - السبت مواقع").unwrap();
        assert_eq!(text, rasad_text::key("ليل الجمعة - السبت"));
    }

    #[test]
    fn the_day_that_is_not_today() {
        assert_eq!(first("عادت القوات في اليوم التالي للمعركة"), None);
        let (_, core) = first("عادت القوات اليوم إلى مواقعها").unwrap();
        assert_eq!(core, Core::RelDay(0));
    }

    #[test]
    fn general_is_not_the_year() {
        assert_eq!(first("التقى الأمين العام السابق للمنظمة وفدا"), None);
        let (_, core) = first("زار الوفد المدينة العام الماضي").unwrap();
        assert!(matches!(
            core,
            Core::Period {
                unit: Unit::Year,
                offset: -1,
                ..
            }
        ));
    }

    #[test]
    fn a_clock_after_a_date_with_a_preposition() {
        let (text, _) = first("انفجرت سيارة الخميس 3 آذار 2019، في الساعة 9 صباحا").unwrap();
        assert_eq!(
            text,
            rasad_text::key("الخميس 3 آذار 2019، في الساعة 9 صباحا")
        );
    }
}
