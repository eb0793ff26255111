//! The number knowledge under `data/numbers/`, loaded once.
//!
//! Every form in the TOML files is written as in text and folded to the search
//! key ([`rasad_text::key`]) when loaded, so lookups run on key words.

use rasad_record::Unit;
use rasad_text::clitic;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::sync::LazyLock;

const CARDINALS: &str = include_str!("../../../data/numbers/cardinals.toml");
const NOUNS: &str = include_str!("../../../data/numbers/nouns.toml");
const QUALIFIERS: &str = include_str!("../../../data/numbers/qualifiers.toml");

/// The grammatical class of a cardinal word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 2–9.
    Unit,
    /// واحد: 1, a quantity only after a counted noun.
    One,
    /// أحد/إحدى: 1, only before عشر (11).
    TeenOne,
    /// 10, 20 … 90.
    Ten,
    /// 100 … 900.
    Hundred,
    /// 1000, 10^6, 10^9, 10^12.
    Scale,
}

/// One cardinal word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Word {
    pub value: f64,
    pub kind: Kind,
    /// A plural scale (آلاف): multiplies 3–10, vague alone.
    pub plural: bool,
    /// A dual scale (ألفين): 2 × scale, never multiplied.
    pub dual: bool,
}

/// What a qualifier does to the number it stands by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// low = best = high, approximate.
    Approx,
    /// low = best, high open.
    AtLeast,
    /// high = best, low open.
    AtMost,
    /// A range `بين A و B` follows.
    Between,
}

/// A list of multi-word phrases (key words), longest first.
#[derive(Debug, Clone)]
pub struct Phrases<T> {
    pub items: Vec<(Vec<String>, T)>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases { items: Vec::new() }
    }
}

impl<T: Copy> Phrases<T> {
    fn push(&mut self, phrase: &str, v: T) {
        let words: Vec<String> = rasad_text::key(phrase)
            .split(|c: char| !c.is_alphanumeric() && c != '%')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        if !words.is_empty() && !self.items.iter().any(|(w, _)| *w == words) {
            self.items.push((words, v));
        }
    }
    fn finish(&mut self) {
        self.items.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }
}

/// A currency noun: its default unit and adjectives that override it.
#[derive(Debug, Clone, Default)]
pub struct Currency {
    pub unit: Option<Unit>,
    pub adjectives: FxHashMap<String, Unit>,
}

/// Everything loaded from `data/numbers/`.
#[derive(Debug)]
pub struct Lexicon {
    pub words: FxHashMap<String, Word>,
    /// Words that read as a number word with a proclitic but are other words
    /// (`لست` "I am not").
    pub not_numbers: FxHashSet<String>,
    /// Scale words that are also the construct dual (`ألفا دولار` = 2000).
    pub construct_duals: FxHashSet<String>,
    /// Every bare form that can start a number: words, vague amounts, duals
    /// (a fast first filter for the tagger).
    pub starts: FxHashSet<String>,
    pub vague: FxHashMap<String, (f64, f64)>,
    pub half: FxHashSet<String>,
    pub ordinals: FxHashMap<String, u32>,
    pub duals: FxHashMap<String, Unit>,
    pub counted: FxHashMap<String, Unit>,
    pub currencies: FxHashMap<String, Currency>,
    pub percent: Phrases<()>,
    pub measure: Phrases<()>,
    pub label: Phrases<()>,
    pub months: FxHashSet<String>,
    /// `من` between a number and its noun (`5 من المقاتلين`) or month.
    pub partitive: FxHashSet<String>,
    /// Era letters after a year (`2012م`, `1439هـ`).
    pub era: FxHashSet<String>,
    /// The Hijri era letter (`1439 هـ`).
    pub hijri: FxHashSet<String>,
    pub before: Phrases<Effect>,
    pub after: Phrases<Effect>,
    /// Words between the two numbers of a range written apart (`10 إلى 15`).
    pub range_joiners: FxHashSet<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardinalsFile {
    #[serde(default)]
    not_numbers: Vec<String>,
    #[serde(default)]
    construct_duals: Vec<String>,
    word: Vec<WordRow>,
    half: Vec<String>,
    vague: Vec<VagueRow>,
    ordinal: Vec<OrdinalRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordRow {
    value: f64,
    kind: Kind,
    #[serde(default)]
    plural: bool,
    #[serde(default)]
    dual: bool,
    forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueRow {
    forms: Vec<String>,
    low: f64,
    high: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrdinalRow {
    value: u32,
    forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NounsFile {
    dual: Vec<UnitRow>,
    counted: Vec<UnitRow>,
    currency: Vec<CurrencyRow>,
    context: ContextLists,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextLists {
    percent: Vec<String>,
    measure: Vec<String>,
    label: Vec<String>,
    months: Vec<String>,
    partitive: Vec<String>,
    era: Vec<String>,
    hijri: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitRow {
    unit: Unit,
    forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyRow {
    unit: Unit,
    forms: Vec<String>,
    #[serde(default)]
    adjectives: FxHashMap<String, Unit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifiersFile {
    range_joiners: Vec<String>,
    before: Vec<EffectRow>,
    after: Vec<EffectRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EffectRow {
    effect: Effect,
    phrases: Vec<String>,
}

/// A form of the data as a key word.
fn k(s: &str) -> String {
    rasad_text::key(s).trim().to_owned()
}

/// The forms of `rows` as keys, each with its row's value. A form two rows
/// list keeps the first row's value when `first_wins`, else the last one's.
fn by_form<R, T: Copy>(
    rows: &[R],
    first_wins: bool,
    row: impl Fn(&R) -> (&[String], T),
) -> FxHashMap<String, T> {
    let mut map = FxHashMap::default();
    for r in rows {
        let (forms, v) = row(r);
        for f in forms {
            if first_wins {
                map.entry(k(f)).or_insert(v);
            } else {
                map.insert(k(f), v);
            }
        }
    }
    map
}

/// The forms of a list as a set of keys.
fn key_set(forms: &[String]) -> FxHashSet<String> {
    forms.iter().map(|f| k(f)).collect()
}

/// Phrases with their values, longest first.
fn phrases<'p, T: Copy>(items: impl IntoIterator<Item = (&'p String, T)>) -> Phrases<T> {
    let mut out = Phrases::default();
    for (p, v) in items {
        out.push(p, v);
    }
    out.finish();
    out
}

/// Currency nouns keyed on their first word. Multi-word forms (`ليرة
/// تركية`) carry their unit through the adjective table of that word.
fn currencies(rows: &[CurrencyRow]) -> FxHashMap<String, Currency> {
    let mut currencies: FxHashMap<String, Currency> = FxHashMap::default();
    for row in rows {
        let adjectives: Vec<(String, Unit)> =
            row.adjectives.iter().map(|(a, u)| (k(a), *u)).collect();
        for f in &row.forms {
            let kf = k(f);
            let mut parts = kf.split(' ');
            let head = parts.next().unwrap_or_default().to_owned();
            let entry = currencies.entry(head).or_insert_with(|| Currency {
                unit: Some(row.unit),
                adjectives: FxHashMap::default(),
            });
            if let Some(adj) = parts.next() {
                entry.adjectives.insert(adj.to_owned(), row.unit);
            } else {
                entry.unit = Some(row.unit);
                entry.adjectives.extend(adjectives.iter().cloned());
            }
        }
    }
    currencies
}

/// Every cardinal form with its word; the first row listing a form wins.
fn cardinal_words(rows: &[WordRow]) -> FxHashMap<String, Word> {
    by_form(rows, true, |row| {
        let w = Word {
            value: row.value,
            kind: row.kind,
            plural: row.plural,
            dual: row.dual,
        };
        (&row.forms, w)
    })
}

impl Lexicon {
    fn load() -> Self {
        let c: CardinalsFile = toml::from_str(CARDINALS).expect("data/numbers/cardinals.toml");
        let n: NounsFile = toml::from_str(NOUNS).expect("data/numbers/nouns.toml");
        let q: QualifiersFile = toml::from_str(QUALIFIERS).expect("data/numbers/qualifiers.toml");
        let words = cardinal_words(&c.word);
        let vague = by_form(&c.vague, false, |r| (&r.forms, (r.low, r.high)));
        let duals = by_form(&n.dual, false, |r| (&r.forms, r.unit));
        let starts = words
            .keys()
            .chain(vague.keys())
            .chain(duals.keys())
            .cloned()
            .collect();
        let effects = |rows: &[EffectRow]| {
            phrases(
                rows.iter()
                    .flat_map(|r| r.phrases.iter().map(move |p| (p, r.effect))),
            )
        };
        let ctx = &n.context;
        Lexicon {
            not_numbers: key_set(&c.not_numbers),
            construct_duals: key_set(&c.construct_duals),
            starts,
            half: key_set(&c.half),
            ordinals: by_form(&c.ordinal, false, |r| (&r.forms, r.value)),
            counted: by_form(&n.counted, true, |r| (&r.forms, r.unit)),
            currencies: currencies(&n.currency),
            percent: phrases(ctx.percent.iter().map(|p| (p, ()))),
            measure: phrases(ctx.measure.iter().map(|p| (p, ()))),
            label: phrases(ctx.label.iter().map(|p| (p, ()))),
            months: key_set(&ctx.months),
            partitive: key_set(&ctx.partitive),
            era: key_set(&ctx.era),
            hijri: key_set(&ctx.hijri),
            before: effects(&q.before),
            after: effects(&q.after),
            range_joiners: key_set(&q.range_joiners),
            words,
            vague,
            duals,
        }
    }

    /// True when `w` is the ten of a teen (`عشر`, `عشرة` of `خمسة عشر`).
    pub fn is_ten(&self, w: &str) -> bool {
        self.words
            .get(w)
            .is_some_and(|x| x.kind == Kind::Ten && x.value == 10.0)
    }
}

/// The bundled lexicon, parsed on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// A key word split into proclitics, article and bare form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// Bytes of proclitics (and article) before the bare form.
    pub prefix: usize,
    /// True when the article (ال, or لل = ل + ال) was removed.
    pub article: bool,
    /// The bare form.
    pub bare: &'a str,
}

/// Fewest letters left once a prefix is cut off (`وست` is و + ست, `بل` is
/// no ب + ل).
const MIN_BARE_CHARS: usize = 2;

/// The readings of `word` for which `known` holds; the first one found
/// wins, in this order: the word as written; without a proclitic (`واربعه`,
/// longest proclitic first); without the article (`العشرات`); without a
/// proclitic and the article (`والعشرين`, `وبالعشرات`); without ل + article
/// (`للعشرات`, `وللعشرات`).
pub fn split_known<'a>(word: &'a str, known: impl Fn(&str) -> bool) -> Option<Split<'a>> {
    if known(word) {
        return Some(Split {
            prefix: 0,
            article: false,
            bare: word,
        });
    }
    let (with_article, without) = word
        .chars()
        .next()
        .map_or((&[][..], &[][..]), clitic::sequences);
    let cut = |p: &str, article: bool| -> Option<Split<'a>> {
        let rest = word.strip_prefix(p)?;
        (rest.chars().count() >= MIN_BARE_CHARS && known(rest)).then_some(Split {
            prefix: p.len(),
            article,
            bare: rest,
        })
    };
    without
        .iter()
        .find_map(|p| cut(p, false))
        .or_else(|| cut(clitic::ARTICLE, true))
        // At most one of these fits a word (`وال`, `وبال`, `ولل` differ in
        // their second letter), so their order does not matter.
        .or_else(|| with_article.iter().find_map(|p| cut(p, true)))
}

/// Looks a noun up in `map`, also without the accusative alif (عنصرا → عنصر)
/// and without proclitics and article.
pub fn noun<'m, T>(map: &'m FxHashMap<String, T>, word: &str) -> Option<&'m T> {
    noun_form(map, word).or_else(|| {
        split_known(word, |w| noun_form(map, w).is_some()).and_then(|s| noun_form(map, s.bare))
    })
}

/// Looks a noun up in `map` as written or with only the article removed (no
/// proclitics: بعربات is "by vehicles", not a counted noun).
pub fn noun_plain<'m, T>(map: &'m FxHashMap<String, T>, word: &str) -> Option<&'m T> {
    noun_form(map, word).or_else(|| {
        word.strip_prefix(clitic::ARTICLE)
            .filter(|r| r.chars().count() >= MIN_BARE_CHARS)
            .and_then(|r| noun_form(map, r))
    })
}

/// A noun as written, without the accusative alif (عنصرا), or in the construct
/// state of a sound plural (مسلحي → مسلحين).
fn noun_form<'m, T>(map: &'m FxHashMap<String, T>, w: &str) -> Option<&'m T> {
    map.get(w)
        .or_else(|| w.strip_suffix('ا').and_then(|s| map.get(s)))
        .or_else(|| {
            if w.ends_with('ي') {
                let mut plural = String::with_capacity(w.len() + 2);
                plural.push_str(w);
                plural.push('ن');
                map.get(plural.as_str())
            } else {
                None
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads_and_folds() {
        let l = &*LEXICON;
        assert_eq!(l.words.get("اربعه").map(|w| w.value), Some(4.0));
        assert_eq!(l.words.get("ميه").map(|w| w.value), Some(100.0));
        assert_eq!(l.words.get("مايتين").map(|w| w.value), Some(200.0));
        assert!(l.words.get("الاف").is_some_and(|w| w.plural));
        assert_eq!(l.vague.get("عشرات"), Some(&(20.0, 99.0)));
        assert_eq!(l.duals.get("عنصرين"), Some(&Unit::People));
        assert_eq!(l.ordinals.get("الثالث"), Some(&3));
        assert!(l.months.contains("ايلول"));
        assert_eq!(
            l.currencies.get("دولار").and_then(|c| c.unit),
            Some(Unit::Usd)
        );
        assert_eq!(
            l.currencies
                .get("ليره")
                .and_then(|c| c.adjectives.get("تركيه").copied()),
            Some(Unit::Currency)
        );
    }

    #[test]
    fn splits() {
        let known = |w: &str| LEXICON.words.contains_key(w);
        let s = split_known("واربعه", known).unwrap();
        assert_eq!((s.prefix, s.article, s.bare), ("و".len(), false, "اربعه"));
        let s = split_known("والعشرين", known).unwrap();
        assert!(s.article);
        assert_eq!(s.bare, "عشرين");
        assert!(split_known("البوكمال", known).is_none());
    }

    #[test]
    fn nouns_without_accusative_alif() {
        assert_eq!(noun(&LEXICON.counted, "عنصرا"), Some(&Unit::People));
        assert_eq!(noun(&LEXICON.counted, "المدنيين"), Some(&Unit::People));
        assert_eq!(noun(&LEXICON.counted, "طاولة"), None);
    }
}
