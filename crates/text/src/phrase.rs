//! A dictionary matcher over clitic-split tokens: finds the longest known phrase
//! at each position, leftmost first, whatever proclitics the first word carries
//! and with or without the article on every word.

use crate::clitic::{self, Reading};
use crate::normalize::{Level, Normalized};
use crate::token::{tokenize, Token};
use rasad_record::Span;
use rustc_hash::FxHashMap;
use std::ops::Range;

/// A phrase of a [`PhraseMatcher`] found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Index of the phrase in the matcher (see [`PhraseMatcher::ids`]).
    pub phrase: usize,
    /// Range of token indices matched.
    pub tokens: Range<usize>,
    /// Original span of the whole tokens, proclitics included.
    pub span: Span,
    /// Original span of the name itself: proclitics and article of the first
    /// word left out.
    pub name_span: Span,
    /// True when a proclitic other than one bound to the article was removed
    /// from the first word to match (a reading the caller may want to confirm).
    pub guessed: bool,
    /// Characters of prefix removed from the first word.
    pub prefix_chars: usize,
}

#[derive(Debug, Clone)]
struct Entry {
    rest: Vec<Box<str>>,
    phrase: usize,
}

/// Longest-match dictionary of multi-word phrases on normalized, article-free
/// words. Several ids can share one phrase (ambiguous names).
#[derive(Debug, Clone, Default)]
pub struct PhraseMatcher {
    first: FxHashMap<Box<str>, Vec<Entry>>,
    phrases: Vec<(Box<str>, Vec<usize>)>,
    index: FxHashMap<Box<str>, usize>,
}

/// The bare key words of a phrase: normalized, tokenized, article stripped.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    let n = Normalized::new(phrase, Level::Key);
    tokenize(&n)
        .iter()
        .map(|t| clitic::strip_article(t.text(n.as_str())).to_string())
        .collect()
}

impl PhraseMatcher {
    /// An empty matcher.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `phrase` (any spelling; it is normalized) with `id`. Returns the
    /// phrase index, or None for a phrase with no words.
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
        let first: Box<str> = it.next().expect("non-empty").into();
        let rest: Vec<Box<str>> = it.map(Into::into).collect();
        let list = self.first.entry(first).or_default();
        list.push(Entry { rest, phrase: p });
        list.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
        Some(p)
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// True when no phrase was added.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The ids registered for phrase `p`.
    pub fn ids(&self, p: usize) -> &[usize] {
        &self.phrases[p].1
    }

    /// The normalized key of phrase `p` (bare words joined by a space).
    pub fn key(&self, p: usize) -> &str {
        &self.phrases[p].0
    }

    /// Looks up an exact phrase (normalized like inserted phrases).
    pub fn lookup(&self, phrase: &str) -> Option<usize> {
        self.index
            .get(phrase_words(phrase).join(" ").as_str())
            .copied()
    }

    /// Finds leftmost-longest, non-overlapping matches in `tokens` of `n`.
    /// Words of a phrase must be separated by whitespace only.
    pub fn find(&self, n: &Normalized, tokens: &[Token]) -> Vec<PhraseMatch> {
        let s = n.as_str();
        let mut out = Vec::new();
        let mut readings: Vec<Reading> = Vec::with_capacity(4);
        let mut i = 0;
        while i < tokens.len() {
            let word = tokens[i].text(s);
            clitic::readings_into(word, &mut readings);
            let mut best: Option<(usize, usize, Reading)> = None; // (len, phrase, reading)
            for r in &readings {
                let Some(entries) = self.first.get(r.bare) else {
                    continue;
                };
                for e in entries {
                    let len = 1 + e.rest.len();
                    if best.is_some_and(|(bl, _, _)| bl >= len) {
                        break;
                    }
                    if self.rest_matches(s, tokens, i, &e.rest) {
                        best = Some((len, e.phrase, *r));
                        break;
                    }
                }
            }
            match best {
                Some((len, phrase, r)) => {
                    let t0 = &tokens[i];
                    let last = &tokens[i + len - 1];
                    let bare_start = t0.end - r.bare.len();
                    out.push(PhraseMatch {
                        phrase,
                        tokens: i..i + len,
                        span: Span::new(t0.span.start, last.span.end),
                        name_span: Span::new(n.span(bare_start, t0.end).start, last.span.end),
                        guessed: r.guessed,
                        prefix_chars: r.prefix_chars,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    fn rest_matches(&self, s: &str, tokens: &[Token], i: usize, rest: &[Box<str>]) -> bool {
        if i + rest.len() >= tokens.len() {
            return false;
        }
        for (k, w) in rest.iter().enumerate() {
            let prev = &tokens[i + k];
            let t = &tokens[i + k + 1];
            if !s[prev.end..t.start].chars().all(char::is_whitespace) {
                return false;
            }
            if clitic::strip_article(t.text(s)) != &**w {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(phrases: &[&str]) -> PhraseMatcher {
        let mut m = PhraseMatcher::new();
        for (i, p) in phrases.iter().enumerate() {
            m.insert(p, i);
        }
        m
    }

    fn found(m: &PhraseMatcher, text: &str) -> Vec<(String, String)> {
        let n = Normalized::new(text, Level::Key);
        let toks = tokenize(&n);
        let chars: Vec<char> = text.chars().collect();
        m.find(&n, &toks)
            .into_iter()
            .map(|x| {
                (
                    m.key(x.phrase).to_string(),
                    chars[x.name_span.start..x.name_span.end].iter().collect(),
                )
            })
            .collect()
    }

    #[test]
    fn clitics_and_article() {
        let m = matcher(&["البوكمال", "دير الزور", "ريف دير الزور", "الرقة"]);
        let table: &[(&str, &[(&str, &str)])] = &[
            ("في البوكمال", &[("بوكمال", "بوكمال")]),
            ("بالبوكمال", &[("بوكمال", "بوكمال")]),
            ("وللبوكمال", &[("بوكمال", "بوكمال")]),
            ("للبوكمال", &[("بوكمال", "بوكمال")]),
            ("بريف دير الزور الشرقي", &[("ريف دير زور", "ريف دير الزور")]),
            ("ودير الزور", &[("دير زور", "دير الزور")]),
            ("بالرقّة، ثم الرقه", &[("رقه", "رقّة"), ("رقه", "رقه")]),
            ("دير، الزور", &[]),
        ];
        for (text, want) in table {
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(found(&m, text), want, "{text}");
        }
    }

    #[test]
    fn literal_word_wins_over_guess() {
        // فرات is a word; رات must not be read out of it.
        let m = matcher(&["رات", "فرات"]);
        assert_eq!(
            found(&m, "نهر الفرات"),
            vec![("فرات".into(), "فرات".into())]
        );
    }

    #[test]
    fn ambiguous_names_keep_all_ids() {
        let mut m = PhraseMatcher::new();
        let a = m.insert("السوسة", 7).unwrap();
        let b = m.insert("سوسه", 9).unwrap();
        assert_eq!(a, b);
        assert_eq!(m.ids(a), &[7, 9]);
        assert_eq!(m.lookup("السوسه"), Some(a));
    }

    #[test]
    fn guessed_flag() {
        let m = matcher(&["دير الزور"]);
        let n = Normalized::new("ودير الزور", Level::Key);
        let hit = &m.find(&n, &tokenize(&n))[0];
        assert!(hit.guessed);
        assert_eq!(hit.prefix_chars, 1);
    }
}
