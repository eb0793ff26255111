//! The calendar vocabulary of `data/calendar/*.toml`, folded to the search key
//! and compiled once into a word table.
//!
//! Every form becomes a list of key words. The table maps the first word to the
//! forms that start with it, longest first, so the parser can ask "which
//! calendar words start at token `i`?" with one hash lookup.

use crate::scan::{Gap, Tok};
use rasad_text::clitic::{AND, ARTICLE};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::sync::LazyLock;

const MONTHS: &str = include_str!("../../../data/calendar/months.toml");
const DAYS: &str = include_str!("../../../data/calendar/days.toml");
const RELATIVE: &str = include_str!("../../../data/calendar/relative.toml");

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// A part of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Dawn,
    Morning,
    Noon,
    Afternoon,
    Evening,
    Night,
    /// The small hours after midnight, which belong to the next day.
    AfterMidnight,
}

/// What a calendar word (or phrase) means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lex {
    /// A Gregorian month; `ambiguous` forms are ordinary words too.
    GMonth { n: u8, ambiguous: bool },
    /// A Hijri month.
    HMonth(u8),
    /// A weekday, ISO numbering (Monday 1).
    Weekday { n: u8, ambiguous: bool },
    /// A day relative to the publication date (اليوم 0, أمس -1).
    DayRel(i8),
    /// A part of the day written before a day (فجر أمس).
    PartBefore(Part),
    /// A part of the day written after a clock time (الثالثة فجراً).
    PartAfter(Part),
    /// An ordinal day word (الثالث والعشرين).
    Ordinal(u8),
    /// An hour word (الثالثة).
    Hour(u8),
    /// Minutes written after an hour (والنصف).
    Minutes(i8),
    /// A count in words (ثلاثة).
    Cardinal(u32),
    /// A unit, singular (يوم).
    UnitOne(Unit),
    /// A unit, dual (يومين).
    UnitTwo(Unit),
    /// A unit, plural (أيام).
    UnitMany(Unit),
    /// A period noun with the article (الأسبوع).
    Period(Unit),
    /// الماضي -1, الجاري 0, المقبل +1.
    Rel(i8),
    /// هذا / هذه.
    This,
    /// قبل / منذ.
    Ago,
    /// خلال.
    During,
    /// نحو / حوالي.
    Approx,
    /// الأخيرة.
    Last,
    /// مطلع / منتصف / أواخر.
    Edge,
    /// عام / سنة before a year.
    YearWord,
    /// في / منذ before a bare year.
    YearContext,
    /// هـ after a year.
    HijriMarker,
    /// م after a year.
    GregMarker,
    /// شهر before a month.
    MonthWord,
    /// يوم before a day.
    DayWord,
    /// من between a day and a month.
    Of,
    /// الموافق.
    Equals,
    /// الساعة.
    HourWord,
    /// دقيقة / دقائق after a count of minutes.
    MinuteWord,
    /// نشر: a publication dateline follows.
    PubCue,
}

/// A form: the words after the first one, and its meaning.
#[derive(Debug)]
struct Entry {
    rest: Vec<String>,
    lex: Lex,
}

/// A match of a form at a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<T> {
    /// What the parser asked for.
    pub val: T,
    /// Index of the first token after the form.
    pub end: usize,
    /// Key bytes of a proclitic (و، ف، ب، ل، ك) stripped from the first word.
    pub skip: usize,
}

/// The compiled vocabulary.
#[derive(Debug, Default)]
pub struct Lexicon {
    first: FxHashMap<String, Vec<Entry>>,
    /// The word the today checks apply to (`اليوم`), matched at a word's end.
    pub today_words: FxHashSet<String>,
    /// Words after which اليوم is "the day", not today.
    pub today_not_after: FxHashSet<String>,
    /// Words before which اليوم is "the day", not today.
    pub today_not_before: FxHashSet<String>,
    /// Period nouns that are also an adjective (`العام` "general").
    pub general_words: FxHashSet<String>,
    /// Words after which العام is "general", not "the year".
    pub general_heads: FxHashSet<String>,
    /// A preposition between a date and its clock time (`في`).
    pub clock_intro: FxHashSet<String>,
    /// Words joining the two days of a night (`ليلة السبت على الأحد`).
    pub night_joiners: FxHashSet<String>,
    /// A word after `الموافق` before its date (`الموافق لـ 14 حزيران`).
    pub equals_link: FxHashSet<String>,
}

/// The lexicon, built on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::build(MONTHS, DAYS, RELATIVE));

#[derive(Deserialize)]
struct Numbered {
    number: u8,
    forms: Vec<String>,
    #[serde(default)]
    ambiguous: bool,
}

#[derive(Deserialize)]
struct MonthsFile {
    ambiguous: Vec<String>,
    gregorian: Vec<Numbered>,
    hijri: Vec<Numbered>,
    markers: Markers,
}

#[derive(Deserialize)]
struct Markers {
    hijri: Vec<String>,
    gregorian: Vec<String>,
}

#[derive(Deserialize)]
struct OrdUnit {
    number: u8,
    forms: Vec<String>,
    compound: Vec<String>,
}

#[derive(Deserialize)]
struct Ordinals {
    units: Vec<OrdUnit>,
    ten: Vec<String>,
    teen: Vec<String>,
    tens: Vec<Numbered>,
}

#[derive(Deserialize)]
struct MinutesEntry {
    minutes: i8,
    forms: Vec<String>,
}

#[derive(Deserialize)]
struct DaysFile {
    weekday: Vec<Numbered>,
    ordinals: Ordinals,
    hour: Vec<Numbered>,
    minutes: Vec<MinutesEntry>,
}

#[derive(Deserialize)]
struct Offset {
    offset: i8,
    forms: Vec<String>,
}

#[derive(Deserialize)]
struct PartEntry {
    part: Part,
    before: Vec<String>,
    after: Vec<String>,
}

#[derive(Deserialize)]
struct PeriodEntry {
    unit: Unit,
    forms: Vec<String>,
}

#[derive(Deserialize)]
struct UnitEntry {
    unit: Unit,
    one: Vec<String>,
    two: Vec<String>,
    many: Vec<String>,
}

#[derive(Deserialize)]
struct CardinalEntry {
    number: u32,
    forms: Vec<String>,
}

#[derive(Deserialize)]
struct RelativeFile {
    day: Vec<Offset>,
    today: Today,
    part: Vec<PartEntry>,
    relative: Vec<Offset>,
    period: Vec<PeriodEntry>,
    unit: Vec<UnitEntry>,
    cardinal: Vec<CardinalEntry>,
    general: General,
    words: Words,
}

#[derive(Deserialize)]
struct General {
    words: Vec<String>,
    heads: Vec<String>,
}

#[derive(Deserialize)]
struct Today {
    words: Vec<String>,
    not_followed_by: Vec<String>,
    not_preceded_by: Vec<String>,
}

#[derive(Deserialize)]
struct Words {
    this: Vec<String>,
    ago: Vec<String>,
    during: Vec<String>,
    approx: Vec<String>,
    last: Vec<String>,
    edge: Vec<String>,
    year_words: Vec<String>,
    year_context: Vec<String>,
    month_word: Vec<String>,
    day_word: Vec<String>,
    of: Vec<String>,
    equals: Vec<String>,
    hour_word: Vec<String>,
    minute_word: Vec<String>,
    publication_cues: Vec<String>,
    clock_intro: Vec<String>,
    night_joiners: Vec<String>,
    equals_link: Vec<String>,
}

/// The highest day of a month: compound ordinals past it are not built.
const MAX_DAY: u8 = 31;

/// Every key word of every form, as a set.
fn word_set(forms: &[String]) -> FxHashSet<String> {
    forms.iter().flat_map(|f| key_words(f)).collect()
}

/// Splits a form into key words the way the scanner cuts text (letters and
/// digits apart, punctuation dropped).
fn key_words(form: &str) -> Vec<String> {
    let key = rasad_text::key(form);
    crate::scan::scan(&key)
        .iter()
        .filter(|t| t.kind != crate::scan::Kind::Punct)
        .map(|t| key[t.s as usize..t.e as usize].to_string())
        .collect()
}

impl Lexicon {
    fn add(&mut self, form: &str, lex: Lex) {
        let mut words = key_words(form);
        if words.is_empty() {
            return;
        }
        let first = words.remove(0);
        let list = self.first.entry(first).or_default();
        if list.iter().any(|e| e.rest == words && e.lex == lex) {
            return;
        }
        list.push(Entry { rest: words, lex });
        list.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
    }

    fn add_all(&mut self, forms: &[String], lex: Lex) {
        for f in forms {
            self.add(f, lex);
        }
    }

    /// Builds the lexicon from the three data files. Panics only on malformed
    /// bundled data, which the unit tests load.
    fn build(months: &str, days: &str, relative: &str) -> Self {
        let m: MonthsFile = toml::from_str(months).expect("data/calendar/months.toml");
        let d: DaysFile = toml::from_str(days).expect("data/calendar/days.toml");
        let r: RelativeFile = toml::from_str(relative).expect("data/calendar/relative.toml");
        let mut lx = Lexicon::default();
        lx.add_months(&m);
        lx.add_days(&d);
        lx.add_relative(&r);
        lx.add_units(&r.unit);
        for c in &r.cardinal {
            lx.add_all(&c.forms, Lex::Cardinal(c.number));
        }
        lx.add_words(&r.words);
        lx.set_context_words(&r);
        lx
    }

    /// Month names of both calendars and the year markers.
    fn add_months(&mut self, m: &MonthsFile) {
        let ambiguous: FxHashSet<Vec<String>> = m.ambiguous.iter().map(|f| key_words(f)).collect();
        for g in &m.gregorian {
            for f in &g.forms {
                let ambiguous = ambiguous.contains(&key_words(f));
                self.add(
                    f,
                    Lex::GMonth {
                        n: g.number,
                        ambiguous,
                    },
                );
            }
        }
        for h in &m.hijri {
            self.add_all(&h.forms, Lex::HMonth(h.number));
        }
        self.add_all(&m.markers.hijri, Lex::HijriMarker);
        self.add_all(&m.markers.gregorian, Lex::GregMarker);
    }

    /// Weekdays, ordinal day words, hour words and fractions of the hour.
    fn add_days(&mut self, d: &DaysFile) {
        for w in &d.weekday {
            let (n, ambiguous) = (w.number, w.ambiguous);
            self.add_all(&w.forms, Lex::Weekday { n, ambiguous });
        }
        self.add_ordinals(&d.ordinals);
        for h in &d.hour {
            self.add_all(&h.forms, Lex::Hour(h.number));
        }
        for mi in &d.minutes {
            self.add_all(&mi.forms, Lex::Minutes(mi.minutes));
        }
    }

    /// Ordinal day words: the units, عشر, the tens, and the compounds the
    /// loader builds (`الحادي عشر`, `الثالث والعشرين`, `الثالث و العشرين`).
    fn add_ordinals(&mut self, o: &Ordinals) {
        for u in &o.units {
            self.add_all(&u.forms, Lex::Ordinal(u.number));
            for c in &u.compound {
                for t in &o.teen {
                    self.add(&format!("{c} {t}"), Lex::Ordinal(10 + u.number));
                }
                for tens in o.tens.iter().filter(|t| t.number + u.number <= MAX_DAY) {
                    let n = Lex::Ordinal(tens.number + u.number);
                    for tf in &tens.forms {
                        self.add(&format!("{c} {AND}{tf}"), n);
                        self.add(&format!("{c} {AND} {tf}"), n);
                    }
                }
            }
        }
        self.add_all(&o.ten, Lex::Ordinal(10));
        for tens in &o.tens {
            self.add_all(&tens.forms, Lex::Ordinal(tens.number));
        }
    }

    /// Relative days, parts of the day, الماضي/الجاري/المقبل, هذا/هذه and
    /// period nouns.
    fn add_relative(&mut self, r: &RelativeFile) {
        for x in &r.day {
            self.add_all(&x.forms, Lex::DayRel(x.offset));
        }
        for p in &r.part {
            self.add_all(&p.before, Lex::PartBefore(p.part));
            self.add_all(&p.after, Lex::PartAfter(p.part));
        }
        for x in &r.relative {
            self.add_all(&x.forms, Lex::Rel(x.offset));
        }
        self.add_all(&r.words.this, Lex::This);
        for p in &r.period {
            self.add_all(&p.forms, Lex::Period(p.unit));
        }
    }

    /// Counted units; the dual and plural also with the article
    /// (`خلال الشهرين الماضيين`).
    fn add_units(&mut self, units: &[UnitEntry]) {
        for u in units {
            self.add_all(&u.one, Lex::UnitOne(u.unit));
            for (forms, lex) in [
                (&u.two, Lex::UnitTwo(u.unit)),
                (&u.many, Lex::UnitMany(u.unit)),
            ] {
                for f in forms {
                    self.add(f, lex);
                    self.add(&format!("{ARTICLE}{f}"), lex);
                }
            }
        }
    }

    /// The small words that introduce or connect time expressions (هذا/هذه
    /// are added with the period nouns).
    fn add_words(&mut self, w: &Words) {
        let lists = [
            (&w.ago, Lex::Ago),
            (&w.during, Lex::During),
            (&w.approx, Lex::Approx),
            (&w.last, Lex::Last),
            (&w.edge, Lex::Edge),
            (&w.year_words, Lex::YearWord),
            (&w.year_context, Lex::YearContext),
            (&w.month_word, Lex::MonthWord),
            (&w.day_word, Lex::DayWord),
            (&w.of, Lex::Of),
            (&w.equals, Lex::Equals),
            (&w.hour_word, Lex::HourWord),
            (&w.minute_word, Lex::MinuteWord),
            (&w.publication_cues, Lex::PubCue),
        ];
        for (forms, lex) in lists {
            self.add_all(forms, lex);
        }
    }

    /// The word sets the grammar's context checks read (not forms of
    /// expressions themselves).
    fn set_context_words(&mut self, r: &RelativeFile) {
        self.today_words = word_set(&r.today.words);
        self.today_not_after = word_set(&r.today.not_followed_by);
        self.today_not_before = word_set(&r.today.not_preceded_by);
        self.general_words = word_set(&r.general.words);
        self.general_heads = word_set(&r.general.heads);
        self.clock_intro = word_set(&r.words.clock_intro);
        self.night_joiners = word_set(&r.words.night_joiners);
        self.equals_link = word_set(&r.words.equals_link);
    }

    /// True when some form starts with `word` (or with `word` less one
    /// proclitic letter).
    pub fn knows(&self, word: &str) -> bool {
        self.first.contains_key(word)
            || strip_clitic(word).is_some_and(|w| self.first.contains_key(w))
    }

    /// The longest form starting at token `i` whose meaning `f` accepts. With
    /// `clitic`, the first word may carry one proclitic letter.
    pub fn find<T>(
        &self,
        key: &str,
        toks: &[Tok],
        i: usize,
        clitic: bool,
        f: impl Fn(Lex) -> Option<T>,
    ) -> Option<Hit<T>> {
        let t = toks.get(i)?;
        let word = &key[t.s as usize..t.e as usize];
        if let Some(h) = self.find_word(key, toks, i, word, 0, &f) {
            return Some(h);
        }
        if clitic {
            if let Some(rest) = strip_clitic(word) {
                return self.find_word(key, toks, i, rest, word.len() - rest.len(), &f);
            }
        }
        None
    }

    fn find_word<T>(
        &self,
        key: &str,
        toks: &[Tok],
        i: usize,
        word: &str,
        skip: usize,
        f: &impl Fn(Lex) -> Option<T>,
    ) -> Option<Hit<T>> {
        let list = self.first.get(word)?;
        'entries: for e in list {
            let Some(val) = f(e.lex) else { continue };
            let mut j = i + 1;
            for w in &e.rest {
                match toks.get(j) {
                    Some(t) if t.gap != Gap::Line && &key[t.s as usize..t.e as usize] == w => {
                        j += 1
                    }
                    _ => continue 'entries,
                }
            }
            return Some(Hit { val, end: j, skip });
        }
        None
    }
}

/// The word without one leading proclitic letter, when at least two letters
/// remain.
fn strip_clitic(word: &str) -> Option<&str> {
    let mut cs = word.chars();
    let c = cs.next()?;
    if matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
        let rest = cs.as_str();
        if rest.chars().count() >= 2 {
            return Some(rest);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;

    fn find(text: &str, f: impl Fn(Lex) -> Option<Lex>) -> Option<(Lex, usize)> {
        let key = rasad_text::key(text);
        let toks = scan(&key);
        LEXICON
            .find(&key, &toks, 0, true, f)
            .map(|h| (h.val, h.end))
    }

    #[test]
    fn data_loads_and_longest_form_wins() {
        assert_eq!(
            find("كانون الأول", Some),
            Some((
                Lex::GMonth {
                    n: 12,
                    ambiguous: false
                },
                2
            ))
        );
        assert_eq!(
            find("تشرين 2", Some),
            Some((
                Lex::GMonth {
                    n: 11,
                    ambiguous: false
                },
                2
            ))
        );
        assert_eq!(
            find("آب", Some),
            Some((
                Lex::GMonth {
                    n: 8,
                    ambiguous: true
                },
                1
            ))
        );
        assert_eq!(find("ذي الحجة", Some), Some((Lex::HMonth(12), 2)));
        assert_eq!(find("الثالث والعشرين", Some), Some((Lex::Ordinal(23), 2)));
        assert_eq!(find("الحادي عشر", Some), Some((Lex::Ordinal(11), 2)));
        assert_eq!(find("الثالث و العشرين", Some), Some((Lex::Ordinal(23), 3)));
        assert_eq!(find("الحادي والثلاثون", Some), Some((Lex::Ordinal(31), 2)));
        assert_eq!(find("الواحد والعشرين", Some), Some((Lex::Ordinal(21), 2)));
        assert_eq!(
            find("بعد منتصف الليل", |l| matches!(
                l,
                Lex::PartAfter(_)
            )
            .then_some(l)),
            Some((Lex::PartAfter(Part::AfterMidnight), 3))
        );
        assert_eq!(find("أول من أمس", Some), Some((Lex::DayRel(-2), 3)));
        assert_eq!(find("وأمس", Some), Some((Lex::DayRel(-1), 1)));
        assert_eq!(
            find("الثانية عشرة", |l| matches!(l, Lex::Hour(_))
                .then_some(l)),
            Some((Lex::Hour(12), 2))
        );
    }

    #[test]
    fn every_gregorian_month_has_both_families() {
        for n in 1..=12u8 {
            let count = LEXICON
                .first
                .values()
                .flatten()
                .filter(|e| matches!(e.lex, Lex::GMonth { n: m, .. } if m == n))
                .count();
            assert!(count >= 3, "month {n} has {count} forms");
        }
    }
}
