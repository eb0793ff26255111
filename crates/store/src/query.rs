//! Reading a user query: words, `OR`, clitic readings, names from the
//! dictionaries.
//!
//! Syntax: words are all required (`قصف إدلب`); `OR` in capitals between
//! words separates alternatives (`داعش OR النصرة` = either; `قصف إدلب OR
//! غارات حلب` = both of the first two or both of the last two); words in
//! quotes (`"` or `«»`) must follow one another (`"تنظيم الدولة"`); a word or
//! a quoted phrase after `-` must not occur (`قصف -حلب`), whatever the
//! alternatives. Everything else (`*`, `:`, `NEAR`, `AND`, an unclosed
//! quote) is text: every term is quoted in the FTS5 expression, never
//! interpreted.
//!
//! Each word is read as the index reads words ([`crate::prepare::index_terms`])
//! and, further, through its clitic readings: a query word stands for its bare
//! form and that form with a bare proclitic (و ف ب ك ل وب ول وك فب فل: see
//! [`rasad_text::clitic::bare_proclitics`]), so `بإدلب`, `وإدلب` and `إدلب`
//! find the same articles. Which reading of an
//! ambiguous word is meant (`بإدلب` = ب + إدلب, `بلدة` a word of its own) the
//! index decides: the reading found in more articles wins, and a clitic form
//! counts as the bare word only where the bare word occurs at least as often
//! (`بلدة` is not `ب` + `لدة`).
//!
//! Names: a run of query words equal to a term of `data/actors/actors.toml`
//! (groups of rule `name`) stands for every such term of the same actor code
//! (`داعش` finds `تنظيم الدولة الإسلامية`); Latin words equal to an actor code
//! (`ISIS`) or to the English name of a place in `data/gazetteer`
//! (`Idlib`, `Deir ez-Zor`) stand for the Arabic names.

use crate::prepare::index_terms;
use rasad_text::{clitic, tokenize, Level, Normalized};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Longest actor term (in words) looked for in a query.
const MAX_TERM_WORDS: usize = 6;
/// Longest English place name (in words) looked for in a query.
const MAX_LATIN_WORDS: usize = 4;

/// One phrase: index terms that must follow one another.
pub type Phrase = Vec<String>;

/// A parsed query: alternatives (`OR`) of groups; each group a list of
/// slots that must all match; each slot a list of phrases, any of which
/// matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub groups: Vec<Vec<Vec<Phrase>>>,
    /// Slots that must not match (`-word`, `-"a phrase"`).
    pub not: Vec<Vec<Phrase>>,
}

/// The FTS5 alternatives of one slot: `"a b"` or `("a" OR "b c")`.
fn slot_expression(slot: &[Phrase], wanted: Option<&mut HashSet<String>>) -> String {
    let phrases: Vec<String> = slot
        .iter()
        .map(|p| format!("\"{}\"", p.join(" ").replace('"', "\"\"")))
        .collect();
    if let Some(w) = wanted {
        w.extend(slot.iter().flatten().cloned());
    }
    if phrases.len() == 1 {
        phrases.into_iter().next().unwrap_or_default()
    } else {
        format!("({})", phrases.join(" OR "))
    }
}

impl Parsed {
    /// The FTS5 expression (every term quoted) and the set of index terms it
    /// looks for (for marking snippets). `None` when the query has no words.
    pub fn expression(&self) -> Option<(String, HashSet<String>)> {
        let mut wanted = HashSet::new();
        let groups: Vec<String> = self
            .groups
            .iter()
            .filter(|g| !g.is_empty())
            .map(|g| {
                g.iter()
                    .map(|slot| slot_expression(slot, Some(&mut wanted)))
                    .collect::<Vec<_>>()
                    .join(" AND ")
            })
            .collect();
        let positive = match groups.len() {
            0 => return None,
            1 => groups.into_iter().next().unwrap_or_default(),
            _ => groups
                .iter()
                .map(|g| format!("({g})"))
                .collect::<Vec<_>>()
                .join(" OR "),
        };
        if !self.not.is_empty() {
            let not: Vec<String> = self.not.iter().map(|s| slot_expression(s, None)).collect();
            return Some((format!("({positive}) NOT ({})", not.join(" OR ")), wanted));
        }
        Some((positive, wanted))
    }
}

/// One item of a query: a word, `OR`, a quoted phrase, or either after `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Or,
    Word(String),
    Phrase(String),
    Not(Box<Item>),
}

/// Quote marks that open a phrase, each with its closing mark.
const QUOTES: [(char, char); 2] = [('"', '"'), ('«', '»')];

/// The items of a query, left to right. An unclosed quote is text.
fn items(text: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let mut rest = text.trim_start();
    while let Some(c) = rest.chars().next() {
        let negated = c == '-' && rest.len() > 1 && !rest[1..].starts_with(char::is_whitespace);
        let body = if negated { &rest[1..] } else { rest };
        let (item, used) = next_item(body);
        rest = body[used..].trim_start();
        match item {
            Some(i) if negated => out.push(Item::Not(Box::new(i))),
            Some(i) => out.push(i),
            None => {}
        }
    }
    out
}

/// The item at the start of `s` and the bytes it takes.
fn next_item(s: &str) -> (Option<Item>, usize) {
    let first = s.chars().next().unwrap_or(' ');
    if let Some(&(open, close)) = QUOTES.iter().find(|(o, _)| *o == first) {
        let inner = &s[open.len_utf8()..];
        if let Some(end) = inner.find(close) {
            let used = open.len_utf8() + end + close.len_utf8();
            return (Some(Item::Phrase(inner[..end].to_string())), used);
        }
    }
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    let w = &s[..end];
    let item = if w == "OR" {
        Item::Or
    } else {
        Item::Word(w.to_string())
    };
    (Some(item), end)
}

/// Parses a query; `df` gives the number of articles an index term occurs in
/// (0 when unknown: then every word is read literally, without variants).
pub fn parse(text: &str, df: &mut dyn FnMut(&str) -> u64) -> Parsed {
    let mut groups: Vec<Vec<Item>> = vec![Vec::new()];
    let mut not = Vec::new();
    for item in items(text) {
        match item {
            Item::Or => groups.push(Vec::new()),
            Item::Not(i) => not.extend(item_slots(std::slice::from_ref(&*i), df)),
            i => groups.last_mut().map_or((), |g| g.push(i)),
        }
    }
    Parsed {
        groups: groups
            .iter()
            .map(|g| item_slots(g, df))
            .filter(|g| !g.is_empty())
            .collect(),
        not: not.into_iter().filter(|s| !s.is_empty()).collect(),
    }
}

/// The slots of a group of items: each run of words read as before
/// ([`group`]: actor and place names across words), each phrase one slot.
fn item_slots(items: &[Item], df: &mut dyn FnMut(&str) -> u64) -> Vec<Vec<Phrase>> {
    let mut slots = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for item in items {
        match item {
            Item::Word(w) => run.push(w),
            Item::Phrase(p) => {
                slots.extend(group(&run, df));
                run.clear();
                let terms = name_terms(p);
                let alts = phrase_alternatives(&terms, df);
                if !alts.is_empty() {
                    slots.push(alts);
                }
            }
            Item::Or | Item::Not(_) => {}
        }
    }
    slots.extend(group(&run, df));
    slots
}

/// A query token: a Latin word (lowercased) or an Arabic/other key word.
#[derive(Debug, Clone)]
enum Tok {
    Latin(String),
    Key(String),
}

fn tokens(words: &[&str]) -> Vec<Tok> {
    let mut out = Vec::new();
    for w in words {
        if w.is_ascii() && w.bytes().any(|b| b.is_ascii_alphabetic()) {
            out.extend(latin_words(w).into_iter().map(Tok::Latin));
        } else {
            let n = Normalized::new(w, Level::Key);
            for t in tokenize(&n) {
                out.push(Tok::Key(t.text(n.as_str()).to_string()));
            }
        }
    }
    out
}

/// Lowercase ASCII alphanumeric runs (`Deir ez-Zor` → deir, ez, zor).
fn latin_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The slots of one group of words.
fn group(words: &[&str], df: &mut dyn FnMut(&str) -> u64) -> Vec<Vec<Phrase>> {
    let toks = tokens(words);
    let mut slots = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((n, names)) = latin_run(&toks[i..]) {
            let mut slot: Vec<Phrase> = vec![toks[i..i + n]
                .iter()
                .map(|t| match t {
                    Tok::Latin(w) | Tok::Key(w) => w.clone(),
                })
                .collect()];
            for name in names {
                add_all(&mut slot, phrase_alternatives(&name_terms(name), df));
            }
            slots.push(slot);
            i += n;
            continue;
        }
        if let Some((n, group)) = actor_run(&toks[i..], df) {
            let mut slot = Vec::new();
            if n == 1 {
                if let Tok::Key(w) = &toks[i] {
                    slot = word_alternatives(w, df);
                }
            }
            for term in &ALIASES.groups[group] {
                add_all(&mut slot, phrase_alternatives(term, df));
            }
            slots.push(slot);
            i += n;
            continue;
        }
        match &toks[i] {
            Tok::Key(w) => slots.push(word_alternatives(w, df)),
            Tok::Latin(w) => slots.push(vec![vec![w.clone()]]),
        }
        i += 1;
    }
    slots
}

fn add_all(slot: &mut Vec<Phrase>, more: Vec<Phrase>) {
    for p in more {
        if !slot.contains(&p) {
            slot.push(p);
        }
    }
}

/// The index terms of a name (`إدلب` → [`ادلب`]).
fn name_terms(name: &str) -> Phrase {
    let (t, _) = index_terms(name);
    t.split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The phrases a query word stands for: its index term; the reading the index
/// knows best (`وداعش` → `داعش`); and that reading with each bare proclitic,
/// where such a form occurs and is not more common than the bare reading
/// (`بادلب`, `وادلب` for `إدلب`; not `بلده` for `لده`).
pub fn word_alternatives(word: &str, df: &mut dyn FnMut(&str) -> u64) -> Vec<Phrase> {
    let stem = clitic::search_stem(word);
    let best = best_reading(word, df);
    let mut out: Vec<Phrase> = vec![vec![stem.to_string()]];
    if best.0 != stem {
        out.push(vec![best.0.to_string()]);
    }
    out.extend(
        clitic_forms(best.0, best.1, df)
            .into_iter()
            .filter(|f| f != stem)
            .map(|f| vec![f]),
    );
    out
}

/// The reading of a word found in most articles, with that count: its index
/// term unless a clitic reading is more common (`وداعش` → `داعش`).
fn best_reading<'a>(word: &'a str, df: &mut dyn FnMut(&str) -> u64) -> (&'a str, u64) {
    let stem = clitic::search_stem(word);
    let mut best = (stem, df(stem));
    for r in clitic::readings(word) {
        if r.guessed && r.bare != best.0 {
            let n = df(r.bare);
            if n > best.1 {
                best = (r.bare, n);
            }
        }
    }
    best
}

/// `bare` with each bare proclitic, kept where the form occurs in the index
/// no more often than `bare` itself (`bare_df`).
fn clitic_forms(bare: &str, bare_df: u64, df: &mut dyn FnMut(&str) -> u64) -> Vec<String> {
    let arabic_start = bare
        .chars()
        .next()
        .is_some_and(|c| ('\u{0621}'..='\u{064A}').contains(&c));
    if bare_df == 0 || !arabic_start || bare.chars().count() < 3 {
        return Vec::new();
    }
    clitic::bare_proclitics()
        .iter()
        .map(|p| format!("{p}{bare}"))
        .filter(|f| {
            let n = df(f);
            n > 0 && n <= bare_df
        })
        .collect()
}

/// A name's phrases: one word through [`word_alternatives`]; several as the
/// phrase and with the first word's clitic forms (`وتنظيم الدولة`).
fn phrase_alternatives(terms: &Phrase, df: &mut dyn FnMut(&str) -> u64) -> Vec<Phrase> {
    match terms.as_slice() {
        [] => Vec::new(),
        [w] => word_alternatives(w, df),
        [first, rest @ ..] => {
            let mut out = vec![terms.clone()];
            let n = df(first);
            for f in clitic_forms(first, n, df) {
                let mut p = vec![f];
                p.extend(rest.iter().cloned());
                out.push(p);
            }
            out
        }
    }
}

/// The Arabic names a Latin place name or actor code stands for (`Idlib`,
/// `Deir ez-Zor`, `ISIS`); empty when it names nothing known.
pub fn latin_names(name: &str) -> &'static [String] {
    LATIN
        .get(&latin_words(name).join(" "))
        .map_or(&[], Vec::as_slice)
}

/// The longest run of Latin tokens at the start of `toks` naming places or
/// an actor code, with the Arabic names.
fn latin_run(toks: &[Tok]) -> Option<(usize, &'static [String])> {
    let mut words = Vec::new();
    for t in toks.iter().take(MAX_LATIN_WORDS) {
        match t {
            Tok::Latin(w) => words.push(w.as_str()),
            Tok::Key(_) => break,
        }
    }
    (1..=words.len())
        .rev()
        .find_map(|n| LATIN.get(&words[..n].join(" ")).map(|v| (n, v.as_slice())))
}

/// The longest run of key tokens at the start of `toks` equal to an actor
/// term, with the index of its group.
fn actor_run(toks: &[Tok], df: &mut dyn FnMut(&str) -> u64) -> Option<(usize, usize)> {
    let mut stems = Vec::new();
    for (k, t) in toks.iter().take(MAX_TERM_WORDS).enumerate() {
        match t {
            // the first word as the index reads it best (وداعش → داعش)
            Tok::Key(w) if k == 0 => stems.push(best_reading(w, df).0),
            Tok::Key(w) => stems.push(clitic::search_stem(w)),
            Tok::Latin(_) => break,
        }
    }
    (1..=stems.len())
        .rev()
        .find_map(|n| ALIASES.by_term.get(&stems[..n].join(" ")).map(|&g| (n, g)))
}

/// Actor names of the dictionary (groups of rule `name`), by code: the terms
/// of each code, as index terms, and the code of each term.
struct Aliases {
    groups: Vec<Vec<Phrase>>,
    by_term: HashMap<String, usize>,
    /// The actor code of each group.
    codes: Vec<String>,
}

const ACTORS: &str = include_str!("../../../data/actors/actors.toml");
const GEONAMES: &str = include_str!("../../../data/gazetteer/geonames.tsv");
const SUPPLEMENT: &str = include_str!("../../../data/gazetteer/supplement.tsv");

static ALIASES: LazyLock<Aliases> = LazyLock::new(|| {
    let mut a = Aliases {
        groups: Vec::new(),
        by_term: HashMap::new(),
        codes: Vec::new(),
    };
    let mut codes: HashMap<String, usize> = HashMap::new();
    for (code, rule, terms) in actor_groups() {
        if rule != "name" {
            continue;
        }
        let g = *codes.entry(code.clone()).or_insert_with(|| {
            a.groups.push(Vec::new());
            a.codes.push(code);
            a.groups.len() - 1
        });
        for t in terms {
            let p = name_terms(&t);
            if p.is_empty() || a.groups[g].contains(&p) {
                continue;
            }
            a.by_term.entry(p.join(" ")).or_insert(g);
            a.groups[g].push(p);
        }
    }
    a
});

/// One actor of the dictionary: its code, English name and the terms the
/// press uses for it (rule `name` groups, as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    pub code: String,
    pub name: String,
    pub terms: Vec<String>,
}

/// Every actor code of `data/actors/actors.toml` (`[codes]`), by code,
/// with its English name and terms.
pub fn actor_table() -> Vec<ActorEntry> {
    let names: Vec<(String, String)> = ACTORS
        .parse::<toml::Table>()
        .ok()
        .and_then(|v| v.get("codes").and_then(|c| c.as_table()).cloned())
        .map(|t| {
            t.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
                .collect()
        })
        .unwrap_or_default();
    let groups = actor_groups();
    names
        .into_iter()
        .map(|(code, name)| {
            let mut terms: Vec<String> = Vec::new();
            for (c, rule, ts) in &groups {
                if *c == code && rule == "name" {
                    terms.extend(
                        ts.iter()
                            .filter(|t| !terms.contains(t))
                            .cloned()
                            .collect::<Vec<_>>(),
                    );
                }
            }
            ActorEntry { code, name, terms }
        })
        .collect()
}

/// Rules of `[[group]]`s whose terms name no actor.
const NOT_ACTOR_RULES: [&str; 2] = ["block", "cue"];

/// Every actor term of the dictionary (any rule that names an actor: `name`,
/// `state`, `army` …), as index terms, → its code; `None` for a term two
/// codes share (bare الجيش).
static TERM_CODES: LazyLock<HashMap<String, Option<String>>> = LazyLock::new(|| {
    let mut m: HashMap<String, Option<String>> = HashMap::new();
    for (code, rule, terms) in actor_groups() {
        if NOT_ACTOR_RULES.contains(&rule.as_str()) {
            continue;
        }
        for t in terms {
            let key = name_terms(&t).join(" ");
            if key.is_empty() {
                continue;
            }
            let e = m.entry(key).or_insert_with(|| Some(code.clone()));
            if e.as_deref() != Some(code.as_str()) {
                *e = None;
            }
        }
    }
    m
});

/// The actor code a user means: a code in any case (`isis`), its English
/// name (`Islamic State`), a Latin term of the dictionary (`Daesh`), or an
/// Arabic term with or without article and proclitics (`داعش`, `وداعش`,
/// `روسيا`, `تنظيم الدولة الإسلامية`). `None` when it names no actor, or
/// more than one.
pub fn actor_code(name: &str) -> Option<String> {
    let t = name.trim();
    if let Some(e) = actor_table()
        .into_iter()
        .find(|e| e.code.eq_ignore_ascii_case(t) || e.name.eq_ignore_ascii_case(t))
    {
        return Some(e.code);
    }
    arabic_actor(t).or_else(|| latin_names(t).iter().find_map(|a| arabic_actor(a)))
}

/// The code of an Arabic actor term, its first word read with or without
/// proclitics (`وداعش`).
fn arabic_actor(name: &str) -> Option<String> {
    let terms = name_terms(name);
    let (first, rest) = terms.split_first()?;
    let mut readings: Vec<&str> = vec![first.as_str()];
    readings.extend(clitic::readings(first).into_iter().map(|r| r.bare));
    readings.into_iter().find_map(|w| {
        let key = std::iter::once(w)
            .chain(rest.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        TERM_CODES.get(&key).cloned().flatten()
    })
}

/// (code, rule, terms) of each `[[group]]` of the actor dictionary.
fn actor_groups() -> Vec<(String, String, Vec<String>)> {
    let Ok(v) = ACTORS.parse::<toml::Table>() else {
        return Vec::new();
    };
    let Some(groups) = v.get("group").and_then(|g| g.as_array()) else {
        return Vec::new();
    };
    groups
        .iter()
        .filter_map(|g| {
            let code = g.get("code")?.as_str()?.to_string();
            let rule = g
                .get("rule")
                .and_then(|r| r.as_str())
                .unwrap_or("name")
                .to_string();
            let terms = g
                .get("terms")?
                .as_array()?
                .iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect();
            Some((code, rule, terms))
        })
        .collect()
}

/// Latin name (lowercase words joined by a space) → Arabic names: English
/// names of the gazetteer's places, and actor codes (`isis`, `syr gov`).
static LATIN: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut m: HashMap<String, Vec<String>> = HashMap::new();
    let mut add = |latin: &str, arabic: &str| {
        let k = latin_words(latin).join(" ");
        let v = m.entry(k).or_default();
        if !arabic.is_empty() && !v.iter().any(|x| x == arabic) {
            v.push(arabic.to_string());
        }
    };
    for file in [GEONAMES, SUPPLEMENT] {
        for line in file.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [id, name, variants, en, ..] = cols.as_slice() else {
                continue;
            };
            if *id == "id" || en.trim().is_empty() {
                continue;
            }
            add(en, name);
            for v in variants.split('|').filter(|v| !v.trim().is_empty()) {
                add(en, v.trim());
            }
        }
    }
    // an actor code and the Latin terms of the dictionary (Daesh, YPG) name
    // every term of the code
    let mut by_code: HashMap<String, Vec<String>> = HashMap::new();
    for (code, rule, terms) in actor_groups() {
        if rule == "name" {
            by_code.entry(code).or_default().extend(terms);
        }
    }
    for (code, terms) in &by_code {
        let latin = std::iter::once(code.replace('_', " "))
            .chain(terms.iter().filter(|t| t.is_ascii()).cloned());
        for l in latin {
            for t in terms {
                add(&l, t);
            }
        }
    }
    m.retain(|k, v| !k.is_empty() && !v.is_empty());
    m
});

#[cfg(test)]
mod tests {
    use super::*;

    /// Article counts of a small imagined index.
    fn counts(term: &str) -> u64 {
        match term {
            "ادلب" => 40,
            "بادلب" | "وادلب" => 3,
            "داعش" => 50,
            "وداعش" | "لداعش" => 4,
            "بلده" => 30,
            "لده" => 0,
            "ولده" => 2,
            "تنظيم" => 20,
            "وتنظيم" => 2,
            _ => 0,
        }
    }

    fn words(q: &str) -> Vec<Vec<String>> {
        let p = parse(q, &mut counts);
        p.groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|slot| {
                        slot.iter()
                            .map(|p| p.join(" "))
                            .collect::<Vec<_>>()
                            .join("|")
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn clitic_readings_of_query_words() {
        // (query word, the phrases it stands for)
        let table: &[(&str, &str)] = &[
            ("إدلب", "ادلب|بادلب|وادلب"),
            ("بإدلب", "بادلب|ادلب|وادلب"),
            ("وإدلب", "وادلب|ادلب|بادلب"),
            ("بالإدلب", "ادلب|بادلب|وادلب"),
            // بلدة is a word, not ب + لدة; لدة does not become ولده
            ("بلدة", "بلده"),
            ("لدة", "لده"),
            ("٢٠١٨", "2018"),
        ];
        for (q, want) in table {
            let mut alts: Vec<String> =
                word_alternatives(Normalized::new(q, Level::Key).as_str(), &mut counts)
                    .iter()
                    .map(|p| p.join(" "))
                    .collect();
            let mut want: Vec<String> = want.split('|').map(str::to_string).collect();
            alts.sort();
            want.sort();
            assert_eq!(alts, want, "{q}");
        }
    }

    #[test]
    fn or_separates_groups_and_other_syntax_is_text() {
        assert_eq!(words("قصف OR غارات").len(), 2);
        assert_eq!(words("قصف مدفعي OR غارات")[0].len(), 2);
        assert_eq!(words("قصف or غارات").len(), 1, "only OR in capitals");
        assert_eq!(words("OR قصف OR").len(), 1, "empty sides are dropped");
        let (e, _) = parse("قصف OR غارات", &mut counts).expression().unwrap();
        assert_eq!(e, "(\"قصف\") OR (\"غارات\")");
        let (e, _) = parse("NEAR(قصف* AND غارات", &mut counts)
            .expression()
            .unwrap();
        assert_eq!(e, "\"near\" AND \"قصف\" AND \"and\" AND \"غارات\"");
        assert!(parse(" OR \"*\" ", &mut counts).expression().is_none());
    }

    #[test]
    fn phrases_and_negation() {
        let (e, _) = parse("\"قصف مدفعي\" -غارات", &mut counts)
            .expression()
            .unwrap();
        assert_eq!(e, "(\"قصف مدفعي\") NOT (\"غارات\")");
        let (e, _) = parse("«قصف مدفعي» OR حلب -\"غارات جويه\"", &mut counts)
            .expression()
            .unwrap();
        assert_eq!(e, "((\"قصف مدفعي\") OR (\"حلب\")) NOT (\"غارات جويه\")");
        // an unclosed quote and a lone dash are text; only a negation is no query
        let (e, _) = parse("\"قصف - حلب", &mut counts).expression().unwrap();
        assert_eq!(e, "\"قصف\" AND \"حلب\"");
        assert!(parse("-حلب", &mut counts).expression().is_none());
    }

    #[test]
    fn actor_terms_stand_for_their_group() {
        let g = words("داعش");
        let slot = &g[0][0];
        for alias in ["داعش", "وداعش", "تنظيم دوله", "وتنظيم دوله", "دوله اسلاميه"]
        {
            assert!(slot.split('|').any(|p| p == alias), "{alias} in {slot}");
        }
        // the multi-word term is one slot too
        assert_eq!(words("تنظيم الدولة الإسلامية")[0].len(), 1);
        // bare words of other rules are not expanded
        assert_eq!(words("النظام")[0][0], "نظام");
    }

    #[test]
    fn actor_codes_from_any_name() {
        for (name, code) in [
            ("isis", "ISIS"),
            ("Isis", "ISIS"),
            ("Islamic State", "ISIS"),
            ("Daesh", "ISIS"),
            ("داعش", "ISIS"),
            ("وداعش", "ISIS"),
            ("تنظيم الدولة الإسلامية", "ISIS"),
            ("syr_gov", "SYR_GOV"),
            ("قسد", "SDF"),
        ] {
            assert_eq!(actor_code(name).as_deref(), Some(code), "{name}");
        }
        assert_eq!(actor_code("xqzt"), None);
        assert_eq!(actor_code("مدينة"), None);
        assert_eq!(actor_code("روسيا").as_deref(), Some("RUSSIA"));
        let table = actor_table();
        assert!(table
            .iter()
            .any(|e| e.code == "ISIS" && e.terms.iter().any(|t| t == "داعش")));
        assert!(table.len() >= 30);
    }

    #[test]
    fn latin_names_of_places_and_actor_codes() {
        for (q, arabic) in [
            ("Idlib", "ادلب"),
            ("idlib", "ادلب"),
            ("Aleppo", "حلب"),
            ("ISIS", "داعش"),
            ("Daesh", "داعش"),
            ("YPG", "قسد"),
        ] {
            let g = words(q);
            assert_eq!(g[0].len(), 1, "{q}");
            assert!(
                g[0][0].split('|').any(|p| p == arabic),
                "{q}: {:?}",
                g[0][0]
            );
        }
        assert_eq!(words("xqzt")[0][0], "xqzt");
    }
}
