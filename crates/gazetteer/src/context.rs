//! Contexts in which a gazetteer name is not a place of the story: a time
//! zone (`بتوقيت دمشق`), the seat of a citing organization (`ومقره لندن`),
//! a newspaper or agency named after a place (`صحيفة القدس`), and a place
//! name that is also an outlet's (`قناة الميادين`, `لـ"الميادين"`). The rules
//! are data: `data/gazetteer/not_place_contexts.tsv`.

use rasad_text::clitic;
use rasad_text::Token;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// The bundled rules.
pub(crate) const CONTEXTS_TSV: &str =
    include_str!("../../../data/gazetteer/not_place_contexts.tsv");

/// The loaded context rules.
#[derive(Debug, Clone, Default)]
pub(crate) struct Contexts {
    /// `before` sequences, keyed by their last word (the one next to the name).
    before: FxHashMap<Box<str>, Vec<Vec<Box<str>>>>,
    /// The last words of the `before` sequences.
    before_last: WordSet,
    /// Prepositions that may stand between a `before` context and the name
    /// (`ومقرها في بريطانيا`), as whole tokens.
    bridges: FxHashSet<Box<str>>,
    after: WordSet,
    /// Phrase keys (article stripped, as the matcher keys them) of outlet names.
    outlets: FxHashSet<Box<str>>,
    outlet_before: WordSet,
    outlet_after: WordSet,
    /// Whole tokens right before an outlet's name that make it the outlet: a
    /// preposition cut off its word by a tatweel (`لـ"الميادين"`).
    outlet_to: FxHashSet<Box<str>>,
    /// Whole tokens after an outlet's name written with ل + article that
    /// make it the outlet told something (`قال للميادين إن`).
    outlet_said: FxHashSet<Box<str>>,
}

/// Key words, found in a token whatever proclitics and article it adds
/// (`بتوقيت` holds `توقيت`), with one hash lookup of the token's last two
/// letters: checked next to every place name, so it must be cheap.
#[derive(Debug, Clone, Default)]
struct WordSet {
    by_tail: FxHashMap<Box<str>, Vec<Box<str>>>,
}

/// The last two characters of a word (all of a shorter one).
fn tail(word: &str) -> &str {
    let cut = word.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
    &word[cut..]
}

impl WordSet {
    fn insert(&mut self, word: Box<str>) {
        let list = self.by_tail.entry(tail(&word).into()).or_default();
        if !list.contains(&word) {
            list.push(word);
        }
    }

    /// The words of the set that token text `word` holds.
    fn found<'s>(&'s self, word: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.by_tail
            .get(tail(word))
            .into_iter()
            .flatten()
            .filter(move |w| word.strip_suffix(&***w).is_some_and(clitic::is_prefix))
            .map(|w| &**w)
    }

    fn holds(&self, key: &str, t: &Token) -> bool {
        self.found(&key[t.start..t.end]).next().is_some()
    }
}

/// A word of the data folded like the key text (article kept).
fn fold(word: &str) -> Box<str> {
    rasad_text::key(word).trim().into()
}

impl Contexts {
    /// Parses the rules file; unknown rules and empty lines are skipped.
    pub(crate) fn parse(text: &str) -> Self {
        let mut c = Contexts::default();
        for line in text.lines() {
            if line.starts_with('#') || line.starts_with("rule\t") {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(rule), Some(words)) = (cols.next(), cols.next()) else {
                continue;
            };
            let words: Vec<Box<str>> = words.split_whitespace().map(fold).collect();
            let Some(last) = words.last().cloned() else {
                continue;
            };
            match rule.trim() {
                "before" => {
                    c.before_last.insert(last.clone());
                    c.before.entry(last).or_default().push(words);
                }
                "after" => {
                    c.after.insert(last);
                }
                "outlet" => {
                    let k = rasad_text::phrase::phrase_words(&words.join(" ")).join(" ");
                    c.outlets.insert(k.into());
                }
                "outlet_before" => {
                    c.outlet_before.insert(last);
                }
                "outlet_after" => {
                    c.outlet_after.insert(last);
                }
                "bridge" => {
                    c.bridges.insert(last);
                }
                "outlet_to" => {
                    c.outlet_to.insert(last);
                }
                "outlet_said" => {
                    c.outlet_said.insert(last);
                }
                _ => {}
            }
        }
        c
    }

    /// Number of outlet names (for tests).
    #[cfg(test)]
    pub(crate) fn outlet_names(&self) -> impl Iterator<Item = &str> {
        self.outlets.iter().map(|s| &**s)
    }

    /// True when the place name on tokens `name` (its phrase key `phrase`,
    /// the proclitics and article before it `prefix`) stands in a context
    /// that makes it no place of the story. `headed` is true when a head
    /// word announces it (`مدينة الميادين`).
    pub(crate) fn rejects(
        &self,
        key: &str,
        toks: &[Token],
        name: Range<usize>,
        phrase: &str,
        prefix: &str,
        headed: bool,
    ) -> bool {
        let (start, end) = (name.start, name.end);
        if start >= toks.len() || end == 0 || end > toks.len() {
            return false;
        }
        if self.before_matches(key, toks, start) {
            return true;
        }
        if let Some(next) = toks.get(end) {
            if gap_is_space(key, &toks[end - 1], next) && self.after.holds(key, next) {
                return true;
            }
        }
        !headed && self.outlets.contains(phrase) && self.outlet(key, toks, name, prefix)
    }

    /// True when an outlet's name on tokens `name` (`prefix` before it)
    /// names the outlet: after a word that cites one (`نشرت الميادين`) or
    /// the detached `لـ`, before an outlet's word (`الميادين نت`), told
    /// something (`قال للميادين إن`), or quoted (`«الميادين»`).
    fn outlet(&self, key: &str, toks: &[Token], name: Range<usize>, prefix: &str) -> bool {
        let (start, end) = (name.start, name.end);
        let prev = start.checked_sub(1).map(|i| &toks[i]);
        let next = toks
            .get(end)
            .filter(|n| gap_is_space(key, &toks[end - 1], n));
        if prev.is_some_and(|p| {
            self.outlet_before.holds(key, p) || self.outlet_to.contains(&key[p.start..p.end])
        }) {
            return true;
        }
        if next.is_some_and(|n| {
            self.outlet_after.holds(key, n)
                || (prefix == clitic::L_ARTICLE && self.outlet_said.contains(&key[n.start..n.end]))
        }) {
            return true;
        }
        let after_prep = prev.is_some_and(|p| {
            readings(key, p).any(|w| crate::heads::is_preposition(clitic::strip_article(w)))
        });
        !after_prep && quoted(key, toks, name)
    }

    /// True when token `t` cites an outlet (`ذكر`, `بحسب`, `قناة`): the
    /// word after it is a name of an outlet or a website.
    pub(crate) fn cites(&self, key: &str, t: &Token) -> bool {
        self.outlet_before.holds(key, t)
    }

    /// True when token `t` follows an outlet's name (`نت`, `الإخباري`).
    pub(crate) fn outlet_tail(&self, key: &str, t: &Token) -> bool {
        self.outlet_after.holds(key, t)
    }

    fn before_matches(&self, key: &str, toks: &[Token], start: usize) -> bool {
        if start == 0 {
            return false;
        }
        let mut i = start - 1;
        if !gap_is_space(key, &toks[i], &toks[start]) {
            return false;
        }
        if self.before_ends_at(key, toks, i) {
            return true;
        }
        // One preposition may stand between: ومقرها في بريطانيا.
        if self.bridges.contains(&key[toks[i].start..toks[i].end]) && i > 0 {
            i -= 1;
            if gap_is_space(key, &toks[i], &toks[i + 1]) && self.before_ends_at(key, toks, i) {
                return true;
            }
        }
        false
    }

    /// A `before` sequence ends with token `i`.
    fn before_ends_at(&self, key: &str, toks: &[Token], i: usize) -> bool {
        let t = &toks[i];
        for last in self.before_last.found(&key[t.start..t.end]) {
            let Some(seqs) = self.before.get(last) else {
                continue;
            };
            for seq in seqs {
                let n = seq.len();
                if n > i + 1 {
                    continue;
                }
                let ok = (1..n).all(|back| {
                    let tok = &toks[i - back];
                    let want = &seq[n - 1 - back];
                    gap_is_space(key, tok, &toks[i - back + 1])
                        && readings(key, tok).any(|r| r == &**want)
                });
                if ok {
                    return true;
                }
            }
        }
        false
    }
}

/// The token as written and its readings without proclitics, with and
/// without the article (`بالعربي` → `العربي`, `عربي`), on the stack.
fn readings<'k>(key: &'k str, t: &Token) -> impl Iterator<Item = &'k str> {
    let word = &key[t.start..t.end];
    let mut out = Forms {
        buf: [word; FORMS],
        len: 1,
    };
    out.push(clitic::strip_article(word));
    for p in proclitics(word) {
        if let Some(rest) = word.strip_prefix(p).filter(|r| r.chars().nth(1).is_some()) {
            out.push(rest);
            out.push(clitic::strip_article(rest));
        }
    }
    out.buf.into_iter().take(out.len)
}

/// Proclitic sequences a context word may carry: those of the clitic
/// splitter without the article, and ل + article (`لل`, `ولل`), whose rest
/// is then read with and without an article of its own (a superset of the
/// splitter's readings, which the data words being specific allows).
fn proclitics(word: &str) -> impl Iterator<Item = &'static str> {
    let (with_article, without) = word
        .chars()
        .next()
        .map_or((&[][..], &[][..]), clitic::sequences);
    with_article
        .iter()
        .filter(|p| !p.ends_with(clitic::ARTICLE))
        .chain(without)
        .map(String::as_str)
}

/// Most forms [`readings`] gives for one word.
const FORMS: usize = 8;

/// Distinct forms of a word, on the stack.
struct Forms<'k> {
    buf: [&'k str; FORMS],
    len: usize,
}

impl<'k> Forms<'k> {
    fn push(&mut self, w: &'k str) {
        if self.len < FORMS && !self.buf[..self.len].contains(&w) {
            self.buf[self.len] = w;
            self.len += 1;
        }
    }
}

/// True when quotation marks open right before the tokens `name` and close
/// right after them: `«الميادين»`, `"الميادين"`.
fn quoted(key: &str, toks: &[Token], name: Range<usize>) -> bool {
    let (start, end) = (name.start, name.end);
    let opened = start.checked_sub(1).map_or(0, |i| toks[i].end);
    let closed = toks.get(end).map_or(key.len(), |n| n.start);
    let before = &key[opened..toks[start].start];
    let after = &key[toks[end - 1].end..closed];
    before.contains(['"', '«', '“']) && after.contains(['"', '»', '”'])
}

/// Only spaces and quotation marks between two tokens (`صحيفة «القدس»`).
fn gap_is_space(key: &str, a: &Token, b: &Token) -> bool {
    a.end <= b.start
        && key[a.end..b.start]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '"' | '«' | '»' | '“' | '”'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Gazetteer;

    #[test]
    fn rules_parse() {
        let c = Contexts::parse(
            "rule\twords\tnote\nbefore\tومقره الرئيسي\tx\nafter\tمقرًا\tx\noutlet\tالميادين\tx\nbogus\tx\tx\n\n",
        );
        assert_eq!(c.before.get("الرييسي").map(Vec::len), Some(1));
        assert!(c.after.found("مقرا").next().is_some());
        assert!(c.before_last.found("والرييسي").next().is_some());
        assert!(c.before_last.found("رييسي").next().is_none());
        assert!(c.outlets.contains("ميادين"));
    }

    #[test]
    fn every_outlet_name_is_a_gazetteer_name() {
        let g = Gazetteer::bundled_only();
        let c = Contexts::parse(CONTEXTS_TSV);
        assert!(c.outlet_names().count() >= 3);
        for name in c.outlet_names() {
            assert!(!g.lookup(name).is_empty(), "{name} is not a place name");
        }
    }

    #[test]
    fn outlets_named_like_places_are_listed() {
        // Every outlet of data/outlets whose canonical name is a free
        // gazetteer name needs its contexts here (or a not-place phrase).
        let g = Gazetteer::bundled_only();
        let c = Contexts::parse(CONTEXTS_TSV);
        let outlets = include_str!("../../../data/outlets/outlets.tsv");
        let mut missing = Vec::new();
        for line in outlets.lines().filter(|l| !l.starts_with('#')) {
            let Some(name) = line.split('\t').next().filter(|n| !n.is_empty()) else {
                continue;
            };
            // `روسيا اليوم` is also "Russia today", and الجمهورية اللبنانية
            // is Lebanon's name: the outlet is told by quotes or a cue word.
            if name.ends_with(" اليوم") || name == "الجمهورية اللبنانية" {
                continue;
            }
            let a = rasad_text::Analysis::new(format!("وصل الوفد إلى {name}"), vec![]);
            if g.places(&a, &[]).is_empty() {
                continue;
            }
            let k = rasad_text::phrase::phrase_words(name).join(" ");
            if !c.outlets.contains(k.as_str()) {
                missing.push(name);
            }
        }
        assert!(missing.is_empty(), "outlets read as places: {missing:?}");
    }
}
