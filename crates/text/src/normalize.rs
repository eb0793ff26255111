//! Normalization with an offset map back to the original text.

use crate::arabic::{self, Fold};
use rasad_record::Span;

/// Which normalizer to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Lossless: presentation forms decomposed, invisible characters removed.
    /// What a reader sees is unchanged.
    Display,
    /// Lossy search key: also diacritics removed, alef/hamza, `ى`/`ي`, `ة`/`ه`
    /// folded, digits to ASCII, punctuation to ASCII.
    Key,
}

/// A normalized form of a text plus, for every byte of it, the range of original
/// characters it came from.
///
/// Characters dropped by normalization (a diacritic, a tatweel) belong to the
/// output character before them, so a span always covers the whole written word.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`: the original char index where its char starts.
    start: Vec<u32>,
    /// For each byte of `text`: the original char index one past its source.
    end: Vec<u32>,
    original_chars: usize,
}

impl Level {
    fn fold(self) -> fn(char) -> Fold {
        match self {
            Level::Display => arabic::display_fold,
            Level::Key => arabic::key_fold,
        }
    }
}

/// The normalized text of `original` at `level`, without the offset map: the
/// same string as `Normalized::new(original, level).as_str()`, cheaper.
pub fn fold_text(original: &str, level: Level) -> String {
    let mut text = String::with_capacity(original.len());
    fold_each(original, level, |c| text.push(c));
    text
}

/// Calls `out` with each character of the normalized text of `original` at
/// `level`, in order (the characters of [`fold_text`], without building it).
pub fn fold_each(original: &str, level: Level, mut out: impl FnMut(char)) {
    let fold = level.fold();
    for c in original.chars() {
        match fold(c) {
            Fold::Keep => out(c),
            Fold::To(r) => out(r),
            Fold::Decompose => arabic::decompose(c, fold, &mut out),
            Fold::Drop => {}
        }
    }
}

impl Normalized {
    /// Normalizes `original` at `level`.
    pub fn new(original: &str, level: Level) -> Self {
        let fold = level.fold();
        let mut text = String::with_capacity(original.len());
        let mut start: Vec<u32> = Vec::with_capacity(original.len());
        let mut end: Vec<u32> = Vec::with_capacity(original.len());
        let mut n = 0u32;
        for (i, c) in original.chars().enumerate() {
            let i = i as u32;
            let before = text.len();
            match fold(c) {
                Fold::Keep => text.push(c),
                Fold::To(r) => text.push(r),
                Fold::Decompose => arabic::decompose(c, fold, &mut |d| text.push(d)),
                Fold::Drop => {
                    // Attach the dropped character to the previous output char.
                    let mut j = end.len();
                    while j > 0 && end[j - 1] == i {
                        end[j - 1] = i + 1;
                        j -= 1;
                    }
                }
            }
            for _ in before..text.len() {
                start.push(i);
                end.push(i + 1);
            }
            n = i + 1;
        }
        Normalized {
            text,
            start,
            end,
            original_chars: n as usize,
        }
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Consumes self, returning the normalized text.
    pub fn into_string(self) -> String {
        self.text
    }

    /// Number of chars in the original text.
    pub fn original_chars(&self) -> usize {
        self.original_chars
    }

    /// The original character span of the normalized byte range `[from, to)`.
    /// `from` and `to` must lie on char boundaries of [`Self::as_str`]; an empty
    /// range maps to an empty span at its position.
    pub fn span(&self, from: usize, to: usize) -> Span {
        if self.text.is_empty() || from >= self.text.len() {
            let at = self.original_chars;
            return Span::new(at, at);
        }
        let s = self.start[from] as usize;
        if to <= from {
            return Span::new(s, s);
        }
        let to = to.min(self.text.len());
        Span::new(s, self.end[to - 1] as usize)
    }

    /// The original character index where the normalized byte `at` starts
    /// (the end of the original text when `at` is past the end).
    pub fn original_index(&self, at: usize) -> usize {
        self.start
            .get(at)
            .map(|&x| x as usize)
            .unwrap_or(self.original_chars)
    }
}

/// Converts between char offsets and byte offsets of one string.
#[derive(Debug, Clone)]
pub struct CharIndex {
    byte_of_char: Vec<usize>,
}

impl CharIndex {
    /// Indexes `s`.
    pub fn new(s: &str) -> Self {
        let mut byte_of_char: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
        byte_of_char.push(s.len());
        CharIndex { byte_of_char }
    }
    /// Byte offset of char `c` (the string length past the end).
    pub fn byte(&self, c: usize) -> usize {
        *self
            .byte_of_char
            .get(c)
            .unwrap_or_else(|| self.byte_of_char.last().expect("non-empty"))
    }
    /// Char offset of byte `b` (which should be a char boundary).
    pub fn char(&self, b: usize) -> usize {
        match self.byte_of_char.binary_search(&b) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
    /// The substring of `s` covering the char span.
    pub fn slice<'a>(&self, s: &'a str, span: Span) -> &'a str {
        &s[self.byte(span.start)..self.byte(span.end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (original, display, key)
    const TABLE: &[(&str, &str, &str)] = &[
        ("البوكمال", "البوكمال", "البوكمال"),
        ("قُتِلَ", "قُتِلَ", "قتل"),
        ("الرقّة", "الرقّة", "الرقه"),
        ("إدلب", "إدلب", "ادلب"),
        ("مستشفى", "مستشفى", "مستشفي"),
        ("هجـــوم", "هجوم", "هجوم"),
        ("١٧/١١/٢٠١٧", "١٧/١١/٢٠١٧", "17/11/2017"),
        ("«قسد»", "«قسد»", "\"قسد\""),
        ("ﻻ", "لا", "لا"),
        ("سوريا\u{00A0}اليوم", "سوريا اليوم", "سوريا اليوم"),
        ("ISIS", "ISIS", "isis"),
        ("مسؤول", "مسؤول", "مسوول"),
    ];

    #[test]
    fn table_display_and_key() {
        for (orig, display, key) in TABLE {
            assert_eq!(
                Normalized::new(orig, Level::Display).as_str(),
                *display,
                "{orig}"
            );
            assert_eq!(Normalized::new(orig, Level::Key).as_str(), *key, "{orig}");
        }
    }

    #[test]
    fn fold_text_is_the_normalized_text() {
        for (orig, _, _) in TABLE {
            for level in [Level::Display, Level::Key] {
                assert_eq!(
                    fold_text(orig, level),
                    Normalized::new(orig, level).as_str(),
                    "{orig}"
                );
            }
        }
    }

    #[test]
    fn dropped_marks_belong_to_the_word() {
        let n = Normalized::new("قُتِلَ أمس", Level::Key);
        let end = n.as_str().find(' ').unwrap();
        assert_eq!(n.span(0, end), Span::new(0, 6));
        let at = end + 1;
        assert_eq!(n.span(at, n.as_str().len()), Span::new(7, 10));
    }

    #[test]
    fn ligature_maps_to_one_original_char() {
        let n = Normalized::new("ب ﻻ", Level::Key);
        assert_eq!(n.as_str(), "ب لا");
        let at = n.as_str().find('ل').unwrap();
        assert_eq!(n.span(at, n.as_str().len()), Span::new(2, 3));
    }

    #[test]
    fn empty_and_out_of_range() {
        let n = Normalized::new("", Level::Key);
        assert_eq!(n.span(0, 0), Span::new(0, 0));
        let n = Normalized::new("ـــ", Level::Key);
        assert_eq!(n.as_str(), "");
        assert_eq!(n.span(0, 3), Span::new(3, 3));
    }

    #[test]
    fn char_index_round_trip() {
        let s = "ab دير";
        let ix = CharIndex::new(s);
        assert_eq!(ix.byte(3), 3);
        assert_eq!(ix.char(ix.byte(4)), 4);
        assert_eq!(ix.slice(s, Span::new(3, 6)), "دير");
        assert_eq!(ix.byte(99), s.len());
    }
}
