//! Numbers written in words: cardinals with every case ending, compounds joined
//! by و, teens, hundreds, scales, vague amounts (عشرات، مئات، آلاف، بضعة) and
//! ordinals.
//!
//! The parsers work on key words (see [`rasad_text::key`]): a slice of words for
//! the tagger, or a string for other crates ([`parse_cardinal_words`]).

use crate::lexicon::{split_known, Kind, Split, Word, LEXICON};
use rasad_text::clitic;

/// The conjunction that joins the parts of a number (`خمسة وعشرين`).
const CONJUNCTION: char = 'و';

/// The value of a number phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A definite number.
    Exact(f64),
    /// A vague amount: `عشرات` is 20–99, best unknown.
    Vague { low: f64, high: f64 },
}

/// A number phrase read from the start of a word slice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordsParse {
    pub value: Value,
    /// Words consumed.
    pub words: usize,
    /// Bytes of proclitics (و، ب، ل، ف …, and the article) before the first
    /// number word.
    pub prefix: usize,
    /// The first word carried the article (الثلاثة، العشرات).
    pub article: bool,
    /// The phrase is a lone `واحد`: a quantity only after a counted noun.
    pub lone_one: bool,
}

#[derive(Default)]
struct Group {
    total: f64,
    group: f64,
    has_unit: bool,
    has_ten: bool,
    has_hundred: bool,
    teen: bool,
    /// A teen was read somewhere in the phrase (for أحد عشر).
    any_teen: bool,
    last_scale: Option<f64>,
    /// The last word read was a unit (for teens and ثلاث مئة).
    last_unit: Option<f64>,
    last_was_scale: bool,
}

impl Group {
    fn reset_flags(&mut self) {
        self.group = 0.0;
        self.has_unit = false;
        self.has_ten = false;
        self.has_hundred = false;
        self.teen = false;
        self.last_unit = None;
    }

    /// Adds a word joined without و. True when it was taken.
    fn direct(&mut self, w: Word) -> bool {
        match w.kind {
            Kind::Ten
                if w.value == 10.0 && self.last_unit.is_some() && !self.has_ten && !self.teen =>
            {
                self.group += 10.0;
                self.teen = true;
                self.any_teen = true;
                self.last_unit = None;
                self.last_was_scale = false;
                true
            }
            Kind::Hundred if w.value == 100.0 => match self.last_unit {
                Some(u) if (3.0..=9.0).contains(&u) && self.group == u && !self.has_hundred => {
                    self.group = u * 100.0;
                    self.has_unit = false;
                    self.has_hundred = true;
                    self.last_unit = None;
                    self.last_was_scale = false;
                    true
                }
                _ => false,
            },
            Kind::Scale if !w.dual => {
                if self.group <= 0.0 || self.last_scale.is_some_and(|s| w.value >= s) {
                    return false;
                }
                if w.plural && !(2.0..=10.0).contains(&self.group) {
                    return false;
                }
                self.total += self.group * w.value;
                self.reset_flags();
                self.last_scale = Some(w.value);
                self.last_was_scale = true;
                true
            }
            _ => false,
        }
    }

    /// Adds a word joined with و. True when it was taken.
    fn conjoined(&mut self, w: Word) -> bool {
        let ok = match w.kind {
            Kind::Unit | Kind::One => !self.has_unit && !self.teen,
            Kind::Ten if w.value == 10.0 => !self.has_unit && !self.has_ten && !self.teen,
            Kind::Ten => !self.has_ten && !self.teen,
            Kind::Hundred => self.group == 0.0 && self.total > 0.0,
            Kind::TeenOne | Kind::Scale => false,
        };
        if !ok {
            return false;
        }
        self.group += w.value;
        self.last_was_scale = false;
        match w.kind {
            Kind::Unit | Kind::One => {
                self.has_unit = true;
                self.last_unit = Some(w.value);
            }
            Kind::Ten => {
                self.has_ten = true;
                self.last_unit = None;
            }
            _ => {
                self.has_hundred = true;
                self.last_unit = None;
            }
        }
        true
    }

    fn value(&self) -> f64 {
        self.total + self.group
    }
}

fn start(w: Word) -> Option<Group> {
    let mut g = Group::default();
    match w.kind {
        Kind::Unit | Kind::One | Kind::TeenOne => {
            g.group = w.value;
            g.has_unit = true;
            g.last_unit = Some(w.value);
        }
        Kind::Ten => {
            g.group = w.value;
            g.has_ten = true;
        }
        Kind::Hundred => {
            g.group = w.value;
            g.has_hundred = true;
        }
        Kind::Scale if w.plural => return None,
        Kind::Scale => {
            g.total = if w.dual { 2.0 * w.value } else { w.value };
            g.last_scale = Some(w.value);
            g.last_was_scale = true;
        }
    }
    Some(g)
}

/// Reads a cardinal or vague number phrase from the start of `ws` (key words).
/// The first word may carry proclitics and the article; later words may only
/// carry the conjunction و. `None` when `ws` does not start with a number word,
/// or starts with `أحد`/`إحدى` not followed by `عشر`.
pub fn parse_words(ws: &[&str]) -> Option<WordsParse> {
    let lex = &*LEXICON;
    let first = *ws.first()?;
    if let Some(sp) = split_known(first, |w| lex.vague.contains_key(w)) {
        return Some(vague_amount(ws, sp));
    }
    let sp = split_known(first, |w| lex.words.contains_key(w))?;
    let w0 = lex.words[sp.bare];
    let mut g = start(w0)?;
    let n = g.read_rest(ws);
    if w0.kind == Kind::TeenOne && !g.any_teen {
        return None;
    }
    Some(WordsParse {
        value: Value::Exact(g.value()),
        words: n,
        prefix: sp.prefix,
        article: sp.article,
        lone_one: w0.kind == Kind::One && n == 1,
    })
}

/// A vague amount (`عشرات`, `بضعة`), times a plural scale after it:
/// `عشرات الآلاف` 20000–99999, `مئات الملايين`.
fn vague_amount(ws: &[&str], sp: Split) -> WordsParse {
    let lex = &*LEXICON;
    let (low, high) = lex.vague[sp.bare];
    let vague = |low, high, words| WordsParse {
        value: Value::Vague { low, high },
        words,
        prefix: sp.prefix,
        article: sp.article,
        lone_one: false,
    };
    let scale = ws.get(1).and_then(|next| {
        let bare = next.strip_prefix(clitic::ARTICLE).unwrap_or(next);
        lex.words.get(bare).or_else(|| lex.words.get(*next))
    });
    match scale {
        Some(w) if w.kind == Kind::Scale && w.plural && w.value > high => {
            vague(low * w.value, (high + 1.0) * w.value - 1.0, 2)
        }
        _ => vague(low, high, 1),
    }
}

impl Group {
    /// Reads the words after the first: scales and teens joined without و
    /// (`ثلاثة آلاف`, `خمسة عشر`), parts joined with و, written on or apart
    /// (`وعشرين`, `مائة و خمسين`), and a half after a scale (`مليون ونصف`).
    /// Returns the words the number spans.
    fn read_rest(&mut self, ws: &[&str]) -> usize {
        let lex = &*LEXICON;
        let mut n = 1;
        while let Some(next) = ws.get(n) {
            if let Some(w) = lex.words.get(*next) {
                if self.direct(*w) {
                    n += 1;
                    continue;
                }
                break;
            }
            let (rest, used) = match next.strip_prefix(CONJUNCTION) {
                Some("") => match ws.get(n + 1) {
                    Some(w) => (*w, 2),
                    None => break,
                },
                Some(r) => (r, 1),
                None => break,
            };
            if self.last_was_scale && lex.half.contains(rest) {
                if let Some(s) = self.last_scale {
                    self.total += s / 2.0;
                    n += used;
                }
                break;
            }
            match lex.words.get(rest) {
                Some(w) if self.conjoined(*w) => n += used,
                _ => break,
            }
        }
        n
    }
}

/// Splits a key string into words (maximal runs of letters and digits) with
/// their byte ranges.
fn words_of(key: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut begin = None;
    for (b, c) in key.char_indices() {
        match (c.is_alphanumeric(), begin) {
            (true, None) => begin = Some(b),
            (false, Some(s)) => {
                out.push((s, b));
                begin = None;
            }
            _ => {}
        }
    }
    if let Some(s) = begin {
        out.push((s, key.len()));
    }
    out
}

/// Parses a cardinal written in words at the start of `key` (a search key, see
/// [`rasad_text::key`]; leading spaces are skipped). Returns the value and the
/// bytes of `key` consumed, up to the end of the last number word.
///
/// ```
/// use rasad_numbers::parse_cardinal_words;
/// let k = rasad_text::key("اثنين وأربعين ألف دولار");
/// let (v, used) = parse_cardinal_words(&k).unwrap();
/// assert_eq!(v, 42000.0);
/// assert_eq!(&k[..used], "اثنين واربعين الف");
/// ```
///
/// Vague amounts (`عشرات`) have no single value and give `None`; use
/// [`parse_amount_words`] for them.
pub fn parse_cardinal_words(key: &str) -> Option<(f64, usize)> {
    match parse_amount_words(key)? {
        (Value::Exact(v), used) => Some((v, used)),
        _ => None,
    }
}

/// Like [`parse_cardinal_words`], also for vague amounts (`عشرات` → 20–99).
pub fn parse_amount_words(key: &str) -> Option<(Value, usize)> {
    let spans = words_of(key);
    let first = spans.first()?;
    if !key[..first.0].trim().is_empty() {
        return None;
    }
    let ws: Vec<&str> = spans.iter().map(|&(s, e)| &key[s..e]).collect();
    let p = parse_words(&ws)?;
    Some((p.value, spans[p.words - 1].1))
}

/// Parses an ordinal in words at the start of `ws` (key words): `الثالث` → 3,
/// `الحادي عشر` → 11, `الثالث والعشرين` → 23, `العشرين` → 20. Returns the value
/// and the words consumed.
pub fn parse_ordinal(ws: &[&str]) -> Option<(u32, usize)> {
    let lex = &*LEXICON;
    let first = *ws.first()?;
    if let Some(sp) = split_known(first, |w| lex.ordinals.contains_key(w)) {
        let v = lex.ordinals[sp.bare];
        if let Some(next) = ws.get(1) {
            if v < 10 && lex.is_ten(next) {
                return Some((v + 10, 2));
            }
            if v < 10 {
                let rest = next
                    .strip_prefix(CONJUNCTION)
                    .and_then(|r| r.strip_prefix(clitic::ARTICLE));
                if let Some(rest) = rest {
                    if let Some(w) = lex.words.get(rest) {
                        if w.kind == Kind::Ten && w.value >= 20.0 {
                            return Some((v + w.value as u32, 2));
                        }
                    }
                }
            }
        }
        return Some((v, 1));
    }
    let sp = split_known(first, |w| {
        lex.words.get(w).is_some_and(|x| x.kind == Kind::Ten)
    })?;
    let w = lex.words[sp.bare];
    (sp.article && w.value >= 20.0).then_some((w.value as u32, 1))
}

/// [`parse_ordinal`] on a key string: the value and the bytes consumed.
pub fn parse_ordinal_words(key: &str) -> Option<(u32, usize)> {
    let spans = words_of(key);
    let first = spans.first()?;
    if !key[..first.0].trim().is_empty() {
        return None;
    }
    let ws: Vec<&str> = spans.iter().map(|&(s, e)| &key[s..e]).collect();
    let (v, n) = parse_ordinal(&ws)?;
    Some((v, spans[n - 1].1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(s: &str) -> Option<f64> {
        parse_cardinal_words(&rasad_text::key(s)).map(|x| x.0)
    }

    #[test]
    fn cardinal_table() {
        let cases: &[(&str, Option<f64>)] = &[
            ("ثلاثة", Some(3.0)),
            ("ثلاث", Some(3.0)),
            ("خمسين", Some(50.0)),
            ("خمسون", Some(50.0)),
            ("مائة", Some(100.0)),
            ("مئة", Some(100.0)),
            ("مئتين", Some(200.0)),
            ("مائتي", Some(200.0)),
            ("عشرين ألف", Some(20000.0)),
            ("اثنين وأربعين ألف", Some(42000.0)),
            ("مئتين وخمسة وعشرين", Some(225.0)),
            ("ثلاثة الاف", Some(3000.0)),
            ("ثلاثة آلاف ومئتين", Some(3200.0)),
            ("عشرة آلاف", Some(10000.0)),
            ("أحد عشر ألفاً", Some(11000.0)),
            ("خمسة عشر", Some(15.0)),
            ("إحدى عشرة", Some(11.0)),
            ("اثنا عشر", Some(12.0)),
            ("ثلاث مئة", Some(300.0)),
            ("ثلاثمائة وخمسين ألفا", Some(350000.0)),
            ("مليون ونصف", Some(1500000.0)),
            ("ألفين", Some(2000.0)),
            ("ألفين وخمسمائة", Some(2500.0)),
            ("مليونين وخمسمائة ألف", Some(2500000.0)),
            ("مائة ألف", Some(100000.0)),
            ("وأربعة", Some(4.0)),
            ("مائة و خمسين", Some(150.0)),
            ("ثلاثة آلاف و خمسمائة", Some(3500.0)),
            ("ستة و", Some(6.0)),
            ("بنحو", None),
            ("أحد", None),
            ("عشرات", None),
        ];
        for (t, want) in cases {
            assert_eq!(card(t), *want, "{t}");
        }
    }

    #[test]
    fn stops_at_separate_numbers() {
        // Two units joined by و are two numbers.
        let k = rasad_text::key("ستة وأربعة");
        let (v, used) = parse_cardinal_words(&k).unwrap();
        assert_eq!(v, 6.0);
        assert_eq!(&k[..used], "سته");
        // Two tens: a range, not a sum.
        assert_eq!(card("خمسين وستين"), Some(50.0));
    }

    #[test]
    fn vague_table() {
        let cases: &[(&str, f64, f64)] = &[
            ("عشرات", 20.0, 99.0),
            ("العشرات", 20.0, 99.0),
            ("مئات", 200.0, 999.0),
            ("آلاف", 2000.0, 9999.0),
            ("بضعة", 3.0, 9.0),
            ("عشرات الآلاف", 20000.0, 99999.0),
            ("بضعة آلاف", 3000.0, 9999.0),
        ];
        for (t, low, high) in cases {
            let k = rasad_text::key(t);
            let (v, used) = parse_amount_words(&k).unwrap();
            assert_eq!(
                v,
                Value::Vague {
                    low: *low,
                    high: *high
                },
                "{t}"
            );
            assert_eq!(used, k.len(), "{t}");
        }
    }

    #[test]
    fn ordinal_table() {
        let cases: &[(&str, Option<u32>)] = &[
            ("الثالث", Some(3)),
            ("الأول", Some(1)),
            ("الحادي عشر", Some(11)),
            ("الثالث والعشرين", Some(23)),
            ("العشرين", Some(20)),
            ("الثانية", Some(2)),
            ("ثلاثة", None),
            ("عشرين", None),
        ];
        for (t, want) in cases {
            let k = rasad_text::key(t);
            assert_eq!(parse_ordinal_words(&k).map(|x| x.0), *want, "{t}");
        }
    }
}
