//! A dictionary matcher over clitic-split tokens: finds the longest known phrase
//! at each position, leftmost first, whatever proclitics the first word carries
//! and with or without the article on every word.
//!
//! One matcher can hold several dictionaries (*layers*, e.g. actors, sources
//! and titles): [`PhraseMatcher::find_layers`] reads every token once and
//! returns each layer's leftmost-longest matches, exactly as if each layer had
//! been matched on its own.

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
    /// Key bytes of prefix removed from the first word (the prefix is the
    /// first `prefix_bytes` bytes of the first token's key text).
    pub prefix_bytes: usize,
}

/// What may stand between two words of one phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gap {
    /// Whitespace only (`دير الزور`, not `دير، الزور`).
    #[default]
    Space,
    /// Whitespace, straight quotation marks and parentheses, as key-folded
    /// text writes quoted names (`قوات "سوريا الديمقراطية"`).
    Quoted,
}

impl Gap {
    fn allows(self, c: char) -> bool {
        match self {
            Gap::Space => c.is_whitespace(),
            Gap::Quoted => c.is_whitespace() || matches!(c, '"' | '\'' | '(' | ')'),
        }
    }

    fn joins(self, between: &str) -> bool {
        between.chars().all(|c| self.allows(c))
    }
}

/// A phrase of two words or more, filed under its first two words.
#[derive(Debug, Clone)]
struct Entry {
    /// Words after the first (the first of them is the second word).
    rest: Box<[Box<str>]>,
    phrase: usize,
    layer: usize,
}

/// The phrases starting with one word: the one-word phrase of each layer, and
/// the longer ones indexed by their second word (longest first), so a common
/// first word (قوات، مدينة) costs one more lookup, not a scan.
#[derive(Debug, Clone, Default)]
struct Node {
    /// (layer, phrase) of the one-word phrases.
    single: Vec<(usize, usize)>,
    by_second: FxHashMap<Box<str>, Vec<Entry>>,
}

/// One registered phrase.
#[derive(Debug, Clone)]
struct Phrase {
    key: Box<str>,
    layer: usize,
    ids: Vec<usize>,
}

/// Longest-match dictionary of multi-word phrases on normalized, article-free
/// words, in one or more layers. Several ids can share one phrase of a layer
/// (ambiguous names).
#[derive(Debug, Clone, Default)]
pub struct PhraseMatcher {
    gap: Gap,
    first: FxHashMap<Box<str>, Node>,
    phrases: Vec<Phrase>,
    /// Per layer: phrase key → phrase index.
    index: Vec<FxHashMap<Box<str>, usize>>,
}

/// The bare key words of a phrase: normalized, tokenized, article stripped.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    let n = Normalized::new(phrase, Level::Key);
    tokenize(&n)
        .iter()
        .map(|t| clitic::strip_article(t.text(n.as_str())).to_string())
        .collect()
}

/// The best match of one layer at one token: (words, phrase, reading).
type Best<'a> = Option<(usize, usize, Reading<'a>)>;

impl PhraseMatcher {
    /// An empty matcher whose phrases' words must be separated by whitespace.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty matcher allowing `gap` between the words of a phrase.
    pub fn with_gap(gap: Gap) -> Self {
        PhraseMatcher {
            gap,
            ..Self::default()
        }
    }

    /// Adds `phrase` (any spelling; it is normalized) with `id` to layer 0.
    /// Returns the phrase index, or None for a phrase with no words.
    pub fn insert(&mut self, phrase: &str, id: usize) -> Option<usize> {
        self.insert_in(0, phrase, id)
    }

    /// Adds `phrase` with `id` to `layer` (layers are numbered from 0 and
    /// matched independently of one another). Returns the phrase index, or
    /// None for a phrase with no words.
    pub fn insert_in(&mut self, layer: usize, phrase: &str, id: usize) -> Option<usize> {
        let words = phrase_words(phrase);
        if words.is_empty() {
            return None;
        }
        if self.index.len() <= layer {
            self.index.resize_with(layer + 1, FxHashMap::default);
        }
        let key: Box<str> = words.join(" ").into();
        if let Some(&p) = self.index[layer].get(&key) {
            if !self.phrases[p].ids.contains(&id) {
                self.phrases[p].ids.push(id);
            }
            return Some(p);
        }
        let p = self.phrases.len();
        self.phrases.push(Phrase {
            key: key.clone(),
            layer,
            ids: vec![id],
        });
        self.index[layer].insert(key, p);
        let mut it = words.into_iter();
        let first: Box<str> = it.next()?.into();
        let rest: Box<[Box<str>]> = it.map(Into::into).collect();
        let node = self.first.entry(first).or_default();
        match rest.first() {
            None => node.single.push((layer, p)),
            Some(second) => {
                let list = node.by_second.entry(second.clone()).or_default();
                list.push(Entry {
                    rest,
                    phrase: p,
                    layer,
                });
                list.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
            }
        }
        Some(p)
    }

    /// Number of distinct phrases (over all layers).
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// True when no phrase was added.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Number of layers (one more than the highest layer inserted into).
    pub fn layers(&self) -> usize {
        self.index.len()
    }

    /// The ids registered for phrase `p` (empty for an unknown phrase).
    pub fn ids(&self, p: usize) -> &[usize] {
        self.phrases.get(p).map_or(&[], |x| x.ids.as_slice())
    }

    /// The normalized key of phrase `p` (bare words joined by a space; empty
    /// for an unknown phrase).
    pub fn key(&self, p: usize) -> &str {
        self.phrases.get(p).map_or("", |x| &*x.key)
    }

    /// The layer of phrase `p`.
    pub fn layer(&self, p: usize) -> Option<usize> {
        self.phrases.get(p).map(|x| x.layer)
    }

    /// Looks up an exact phrase of layer 0 (normalized like inserted phrases).
    pub fn lookup(&self, phrase: &str) -> Option<usize> {
        self.lookup_in(0, phrase)
    }

    /// Looks up an exact phrase of `layer` (normalized like inserted phrases).
    pub fn lookup_in(&self, layer: usize, phrase: &str) -> Option<usize> {
        self.index
            .get(layer)?
            .get(phrase_words(phrase).join(" ").as_str())
            .copied()
    }

    /// Leftmost-longest, non-overlapping matches of layer 0 in `tokens` of `n`.
    pub fn find(&self, n: &Normalized, tokens: &[Token]) -> Vec<PhraseMatch> {
        self.find_in(0, n, tokens)
    }

    /// Leftmost-longest, non-overlapping matches of one layer.
    pub fn find_in(&self, layer: usize, n: &Normalized, tokens: &[Token]) -> Vec<PhraseMatch> {
        let mut want = vec![false; self.layers().max(layer + 1)];
        want[layer] = true;
        self.scan(n, tokens, &want).swap_remove(layer)
    }

    /// The leftmost-longest, non-overlapping matches of every layer, indexed
    /// by layer, found in one pass over the tokens. Matches of different
    /// layers may overlap.
    pub fn find_layers(&self, n: &Normalized, tokens: &[Token]) -> Vec<Vec<PhraseMatch>> {
        self.scan(n, tokens, &vec![true; self.layers()])
    }

    /// One pass over the tokens for the layers `want`ed; a layer is free again
    /// at the token after its last match, as if matched alone.
    fn scan(&self, n: &Normalized, tokens: &[Token], want: &[bool]) -> Vec<Vec<PhraseMatch>> {
        let s = n.as_str();
        let layers = want.len();
        let mut out: Vec<Vec<PhraseMatch>> = vec![Vec::new(); layers];
        // Per layer: the first token it may match at.
        let mut free: Vec<usize> = vec![0; layers];
        let mut best: Vec<Best> = vec![None; layers];
        let mut readings: Vec<Reading> = Vec::with_capacity(4);
        for i in 0..tokens.len() {
            let word = tokens[i].text(s);
            clitic::readings_into(word, &mut readings);
            // `best` is all None here: it is cleared after each token that set it.
            let mut any = false;
            for r in &readings {
                let Some(node) = self.first.get(r.bare) else {
                    continue;
                };
                any |= self.best_at(node, s, tokens, i, *r, &mut best);
            }
            if !any {
                continue;
            }
            for (layer, b) in best.iter().enumerate() {
                let Some((len, phrase, r)) = *b else {
                    continue;
                };
                if !want[layer] || free[layer] > i {
                    continue;
                }
                out[layer].push(self.hit(n, tokens, i, len, phrase, r));
                free[layer] = i + len;
            }
            best.fill(None);
        }
        out
    }

    /// Updates each layer's best match at token `i` with the phrases of `node`
    /// read as `r`: a longer phrase replaces a shorter one found through an
    /// earlier reading; a one-word phrase only fills a layer with nothing yet.
    fn best_at<'a>(
        &self,
        node: &Node,
        s: &str,
        tokens: &[Token],
        i: usize,
        r: Reading<'a>,
        best: &mut [Best<'a>],
    ) -> bool {
        let mut any = false;
        if !node.by_second.is_empty() {
            let second = tokens
                .get(i + 1)
                .filter(|t| self.gap.joins(&s[tokens[i].end..t.start]))
                .map(|t| clitic::strip_article(t.text(s)));
            if let Some(entries) = second.and_then(|w| node.by_second.get(w)) {
                for e in entries {
                    let len = 1 + e.rest.len();
                    let b = &mut best[e.layer];
                    if b.is_some_and(|(bl, _, _)| bl >= len) {
                        continue;
                    }
                    if self.rest_matches(s, tokens, i, &e.rest) {
                        *b = Some((len, e.phrase, r));
                        any = true;
                    }
                }
            }
        }
        for &(layer, p) in &node.single {
            if best[layer].is_none() {
                best[layer] = Some((1, p, r));
                any = true;
            }
        }
        any
    }

    fn hit(
        &self,
        n: &Normalized,
        tokens: &[Token],
        i: usize,
        len: usize,
        phrase: usize,
        r: Reading,
    ) -> PhraseMatch {
        let t0 = &tokens[i];
        let last = &tokens[i + len - 1];
        let bare_start = t0.end - r.bare.len();
        PhraseMatch {
            phrase,
            tokens: i..i + len,
            span: Span::new(t0.span.start, last.span.end),
            name_span: Span::new(n.span(bare_start, t0.end).start, last.span.end),
            guessed: r.guessed,
            prefix_chars: r.prefix_chars,
            prefix_bytes: bare_start - t0.start,
        }
    }

    fn rest_matches(&self, s: &str, tokens: &[Token], i: usize, rest: &[Box<str>]) -> bool {
        if i + rest.len() >= tokens.len() {
            return rest.is_empty();
        }
        for (k, w) in rest.iter().enumerate() {
            let prev = &tokens[i + k];
            let t = &tokens[i + k + 1];
            if !self.gap.joins(&s[prev.end..t.start]) {
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
            ("دير \"الزور\"", &[]),
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
    fn longer_phrase_of_a_later_reading_wins() {
        // `بريف` read literally is a one-word phrase; read as ب + ريف it starts
        // a longer one, which wins. A one-word phrase of a later reading does
        // not replace the literal one.
        let m = matcher(&["بريف", "ريف حلب", "ريف"]);
        assert_eq!(
            found(&m, "بريف حلب"),
            vec![("ريف حلب".into(), "ريف حلب".into())]
        );
        assert_eq!(found(&m, "بريف ادلب"), vec![("بريف".into(), "بريف".into())]);
    }

    #[test]
    fn ambiguous_names_keep_all_ids() {
        let mut m = PhraseMatcher::new();
        let a = m.insert("السوسة", 7).unwrap();
        let b = m.insert("سوسه", 9).unwrap();
        assert_eq!(a, b);
        assert_eq!(m.ids(a), &[7, 9]);
        assert_eq!(m.lookup("السوسه"), Some(a));
        assert!(m.ids(99).is_empty());
        assert_eq!(m.key(99), "");
    }

    #[test]
    fn guessed_flag_and_prefix() {
        let m = matcher(&["دير الزور", "رقه"]);
        let n = Normalized::new("ودير الزور وبالرقة", Level::Key);
        let hits = m.find(&n, &tokenize(&n));
        assert!(hits[0].guessed);
        assert_eq!(hits[0].prefix_chars, 1);
        assert_eq!(hits[0].prefix_bytes, "و".len());
        assert!(!hits[1].guessed);
        assert_eq!(hits[1].prefix_chars, 4);
        assert_eq!(hits[1].prefix_bytes, "وبال".len());
    }

    #[test]
    fn quoted_gap() {
        let mut m = PhraseMatcher::with_gap(Gap::Quoted);
        m.insert("قوات سوريا الديمقراطية", 0);
        let text = "لقوات \"سوريا الديمقراطية\" و(قوات) سوريا، الديمقراطية";
        let n = Normalized::new(text, Level::Key);
        let hits = m.find(&n, &tokenize(&n));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].tokens, 0..3);
        assert_eq!(hits[0].prefix_bytes, "ل".len());
    }

    #[test]
    fn layers_match_independently() {
        let mut m = PhraseMatcher::new();
        let actor = m.insert_in(0, "التحالف الدولي", 1).unwrap();
        let source = m.insert_in(2, "التحالف", 5).unwrap();
        let same_key = m.insert_in(2, "التحالف الدولي", 6).unwrap();
        assert_ne!(actor, same_key);
        assert_eq!(m.layers(), 3);
        assert_eq!(m.layer(source), Some(2));
        assert_eq!(m.lookup_in(2, "تحالف دولي"), Some(same_key));
        assert_eq!(m.lookup_in(1, "التحالف"), None);
        let n = Normalized::new("قال التحالف الدولي إن التحالف", Level::Key);
        let toks = tokenize(&n);
        let all = m.find_layers(&n, &toks);
        let phrases = |v: &[PhraseMatch]| v.iter().map(|h| h.phrase).collect::<Vec<_>>();
        assert_eq!(phrases(&all[0]), [actor]);
        assert!(all[1].is_empty());
        assert_eq!(phrases(&all[2]), [same_key, source]);
        assert_eq!(m.find_in(2, &n, &toks), all[2]);
        assert_eq!(m.find(&n, &toks), all[0]);
        assert!(m.find_in(7, &n, &toks).is_empty());
    }
}
