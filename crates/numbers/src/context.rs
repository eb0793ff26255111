//! The words around a number: a token view of the search key with phrase
//! matching that respects punctuation between words.

use crate::lexicon::Phrases;
use rasad_text::Token;

/// Tokens of a key with their text.
pub struct Ctx<'a> {
    pub key: &'a str,
    pub toks: &'a [Token],
    pub words: Vec<&'a str>,
}

impl<'a> Ctx<'a> {
    /// A view of `key` cut into `toks`.
    pub fn new(key: &'a str, toks: &'a [Token]) -> Self {
        let words = toks.iter().map(|t| t.text(key)).collect();
        Ctx { key, toks, words }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The word at `i`, or "" past the end.
    pub fn word(&self, i: usize) -> &'a str {
        self.words.get(i).copied().unwrap_or("")
    }

    /// True when only spaces, quotes, brackets or dashes separate the key bytes
    /// `from..to` (no sentence or clause punctuation, no line break).
    pub fn tight_bytes(&self, from: usize, to: usize) -> bool {
        from <= to
            && self.key.get(from..to).is_some_and(|g| {
                g.chars().all(|c| {
                    matches!(
                        c,
                        ' ' | '\t' | '"' | '\'' | '(' | ')' | '[' | ']' | '-' | '\u{a0}'
                    )
                })
            })
    }

    /// True when tokens `i` and `i + 1` are separated by [`Self::tight_bytes`].
    pub fn tight(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => self.tight_bytes(a.end, b.start),
            _ => false,
        }
    }

    /// True when the words from `i` spell `phrase` with tight gaps. The first
    /// word may carry a proclitic (`بنحو`, `ولأكثر`) when `clitic` is set; a word may carry the
    /// accusative alif when `alif` is set.
    pub fn matches(&self, i: usize, phrase: &[String], clitic: bool, alif: bool) -> bool {
        if i + phrase.len() > self.len() {
            return false;
        }
        for (k, p) in phrase.iter().enumerate() {
            let w = self.words[i + k];
            let same = w == p || (alif && w.strip_suffix('ا') == Some(p.as_str()));
            let ok = same
                || (k == 0
                    && clitic
                    && w.strip_suffix(p.as_str())
                        .is_some_and(rasad_text::clitic::is_proclitic));
            if !ok || (k > 0 && !self.tight(i + k - 1)) {
                return false;
            }
        }
        true
    }

    /// The first phrase of `list` found starting at token `i`: its value and
    /// the token after it.
    pub fn phrase_at<T: Copy>(
        &self,
        list: &Phrases<T>,
        i: usize,
        clitic: bool,
        alif: bool,
    ) -> Option<(T, usize)> {
        list.items
            .iter()
            .find(|(p, _)| self.matches(i, p, clitic, alif))
            .map(|(p, v)| (*v, i + p.len()))
    }

    /// The first phrase of `list` ending right before token `i` (tight): its
    /// value and its first token.
    pub fn phrase_before<T: Copy>(
        &self,
        list: &Phrases<T>,
        i: usize,
        clitic: bool,
    ) -> Option<(T, usize)> {
        if i == 0 || !self.tight(i - 1) {
            return None;
        }
        list.items.iter().find_map(|(p, v)| {
            let start = i.checked_sub(p.len())?;
            self.matches(start, p, clitic, false).then_some((*v, start))
        })
    }
}
