//! A longest-match dictionary over the tokens of an [`Analysis`], like
//! [`rasad_text::PhraseMatcher`] but tolerant of quotation marks between the
//! words of a phrase (`قوات "سوريا الديمقراطية"`, `وكالة “ستيب الإخبارية”`) and
//! reporting whether the first word carried the article (`التنظيم` vs `تنظيم`),
//! which the actor rules need.

use rasad_record::Span;
use rasad_text::clitic::{self, Reading};
use rasad_text::phrase::phrase_words;
use rasad_text::{Analysis, Token};
use rustc_hash::FxHashMap;
use std::ops::Range;

#[derive(Debug, Clone)]
struct Entry {
    rest: Vec<Box<str>>,
    phrase: usize,
}

/// The phrases starting with one word: the one-word phrase, and the longer
/// ones indexed by their second word (longest first), so a common first word
/// (قوات، طائرات) costs one more lookup, not a scan.
#[derive(Debug, Clone, Default)]
struct Node {
    single: Option<usize>,
    by_second: FxHashMap<Box<str>, Vec<Entry>>,
}

/// Dictionary of phrases on key-folded, article-free words, each with the ids
/// registered for it.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    first: FxHashMap<Box<str>, Node>,
    phrases: Vec<(Box<str>, Vec<usize>)>,
    index: FxHashMap<Box<str>, usize>,
}

/// One phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Phrase index (see [`Matcher::ids`]).
    pub phrase: usize,
    /// Token range matched.
    pub tokens: Range<usize>,
    /// Original span of the whole tokens, proclitics included.
    pub full: Span,
    /// Original span of the name: proclitics left out, the article kept.
    pub span: Span,
    /// The first word carried the article (`ال`, or `لل` = ل + ال).
    pub article: bool,
    /// A proclitic other than the article was removed to match (و ف ب ك ل).
    pub guessed: bool,
    /// Key text of the proclitics removed before the article / bare word.
    pub clitics: String,
}

/// True for the characters allowed between two words of one phrase.
fn is_joiner(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '(' | ')')
}

impl Matcher {
    /// An empty matcher.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `phrase` (normalized here) with `id`; returns the phrase index.
    pub fn insert(&mut self, phrase: &str, id: usize) -> Option<usize> {
        let words = phrase_words(phrase);
        if words.is_empty() {
            return None;
        }
        let key: Box<str> = words.join(" ").into();
        if let Some(&p) = self.index.get(&key) {
            if !self.phrases[p].1.contains(&id) {
                self.phrases[p].1.push(id);
            }
            return Some(p);
        }
        let p = self.phrases.len();
        self.phrases.push((key.clone(), vec![id]));
        self.index.insert(key, p);
        let mut it = words.into_iter();
        let first: Box<str> = it.next()?.into();
        let rest: Vec<Box<str>> = it.map(Into::into).collect();
        let node = self.first.entry(first).or_default();
        match rest.first() {
            None => node.single = Some(p),
            Some(second) => {
                let list = node.by_second.entry(second.clone()).or_default();
                list.push(Entry { rest, phrase: p });
                list.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
            }
        }
        Some(p)
    }

    /// The ids registered for phrase `p`.
    pub fn ids(&self, p: usize) -> &[usize] {
        self.phrases.get(p).map(|x| x.1.as_slice()).unwrap_or(&[])
    }

    /// The key of phrase `p` (bare words joined by a space).
    pub fn key(&self, p: usize) -> &str {
        self.phrases.get(p).map(|x| &*x.0).unwrap_or("")
    }

    /// The phrase index of an already normalized key (bare words joined by a
    /// space).
    pub fn lookup_key(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// Number of words of phrase `p`.
    pub fn words(&self, p: usize) -> usize {
        self.key(p).split(' ').count()
    }

    /// Leftmost-longest non-overlapping matches over the tokens of `a`.
    pub fn find(&self, a: &Analysis) -> Vec<Hit> {
        let s = a.key_str();
        let tokens = a.tokens();
        let mut out = Vec::new();
        let mut readings: Vec<Reading> = Vec::with_capacity(4);
        let mut i = 0;
        while i < tokens.len() {
            match self.match_at(a, i, &mut readings) {
                Some(hit) => {
                    i = hit.tokens.end;
                    out.push(hit);
                }
                None => i += 1,
            }
        }
        let _ = s;
        out
    }

    /// The longest phrase starting at token `i`, if any.
    pub fn match_at<'a>(
        &self,
        a: &'a Analysis,
        i: usize,
        readings: &mut Vec<Reading<'a>>,
    ) -> Option<Hit> {
        let s = a.key_str();
        let tokens = a.tokens();
        let word = tokens.get(i)?.text(s);
        clitic::readings_into(word, readings);
        let mut best: Option<(usize, usize, Reading)> = None;
        // The second word, when joined to the first.
        let second = tokens
            .get(i + 1)
            .filter(|t| s[tokens[i].end..t.start].chars().all(is_joiner))
            .map(|t| clitic::strip_article(t.text(s)));
        for r in readings.iter() {
            let Some(node) = self.first.get(r.bare) else {
                continue;
            };
            if let Some(entries) = second.and_then(|w| node.by_second.get(w)) {
                for e in entries {
                    let len = 1 + e.rest.len();
                    if best.is_some_and(|(bl, _, _)| bl >= len) {
                        break;
                    }
                    if rest_matches(s, tokens, i, &e.rest) {
                        best = Some((len, e.phrase, *r));
                        break;
                    }
                }
            }
            if let (Some(p), None) = (node.single, best) {
                best = Some((1, p, *r));
            }
        }
        let (len, phrase, r) = best?;
        let t0 = &tokens[i];
        let last = &tokens[i + len - 1];
        let bare_start = t0.end - r.bare.len();
        let prefix = &word[..word.len() - r.bare.len()];
        let article = prefix.ends_with("ال") || prefix.ends_with("لل");
        let name_start = if prefix.ends_with("ال") {
            bare_start - "ال".len()
        } else if prefix.ends_with("لل") {
            bare_start - "ل".len()
        } else {
            bare_start
        };
        let clitics = &word[..name_start - t0.start];
        Some(Hit {
            phrase,
            tokens: i..i + len,
            full: Span::new(t0.span.start, last.span.end),
            span: Span::new(a.span(name_start, t0.end).start, last.span.end),
            article,
            guessed: r.guessed,
            clitics: clitics.to_string(),
        })
    }
}

fn rest_matches(s: &str, tokens: &[Token], i: usize, rest: &[Box<str>]) -> bool {
    if i + rest.len() >= tokens.len() {
        return rest.is_empty();
    }
    for (k, w) in rest.iter().enumerate() {
        let prev = &tokens[i + k];
        let t = &tokens[i + k + 1];
        if !s[prev.end..t.start].chars().all(is_joiner) {
            return false;
        }
        if clitic::strip_article(t.text(s)) != &**w {
            return false;
        }
    }
    true
}

/// The surface form of a hit as written, for `terms` and names: proclitics
/// removed, `لل` restored to `ال`, tatweel and quotation marks removed, spaces
/// collapsed.
pub fn surface(a: &Analysis, hit: &Hit) -> String {
    let raw = a.slice(hit.span);
    let mut out = String::with_capacity(raw.len());
    let ll = hit.article && !raw.starts_with('ا') && !raw.starts_with('أ') && !raw.starts_with('ٱ');
    if ll {
        out.push('ا');
    }
    out.push_str(&tidy(raw));
    out
}

/// Removes tatweel, quotation marks and brackets, and collapses whitespace.
pub fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if c == 'ـ'
            || matches!(
                c,
                '"' | '«' | '»' | '“' | '”' | '„' | '\'' | '(' | ')' | '‘' | '’'
            )
        {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(phrases: &[&str], text: &str) -> Vec<(String, bool, String)> {
        let mut m = Matcher::new();
        for (i, p) in phrases.iter().enumerate() {
            m.insert(p, i);
        }
        let a = Analysis::new(text, vec![]);
        m.find(&a)
            .into_iter()
            .map(|h| (surface(&a, &h), h.article, h.clitics.clone()))
            .collect()
    }

    /// (phrases, text, expected (surface, article, clitics)).
    type Case<'a> = (&'a [&'a str], &'a str, &'a [(&'a str, bool, &'a str)]);

    #[test]
    fn table() {
        let table: &[Case] = &[
            (
                &["قوات سوريا الديمقراطية"],
                "لقوات \"سوريا الديمقراطية\" التي",
                &[("قوات سوريا الديمقراطية", false, "ل")],
            ),
            (&["التنظيم"], "مقاتلي التنظيم", &[("التنظيم", true, "")]),
            (&["التنظيم"], "للتنظيم في", &[("التنظيم", true, "ل")]),
            (&["التنظيم"], "تنظيم جديد", &[("تنظيم", false, "")]),
            (
                &["داعش", "تنظيم داعش"],
                "وتنظيم «داعش»",
                &[("تنظيم داعش", false, "و")],
            ),
            (&["قسد"], "وقسد والنظام", &[("قسد", false, "و")]),
            (&["دير الزور"], "دير، الزور", &[]),
            (
                &["وكالة ستيب الإخبارية"],
                "لوكالة “ستيب الإخبارية”:",
                &[("وكالة ستيب الإخبارية", false, "ل")],
            ),
            (&["العبد الله"], "العبد اللـه", &[("العبد الله", true, "")]),
        ];
        for (phrases, text, want) in table {
            let want: Vec<(String, bool, String)> = want
                .iter()
                .map(|(a, b, c)| (a.to_string(), *b, c.to_string()))
                .collect();
            assert_eq!(found(phrases, text), want, "{text}");
        }
    }

    #[test]
    fn tidy_table() {
        assert_eq!(tidy("قوات  «سوريا»\nالديمقراطية"), "قوات سوريا الديمقراطية");
        assert_eq!(tidy("العبد اللـه"), "العبد الله");
        assert_eq!(tidy(""), "");
    }
}
