//! Normalization with an offset map back to the original text.

use crate::arabic::{self, Fold};
use rasad_record::Span;
use std::sync::OnceLock;

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
    /// Where a char's source ends is not stored: it is where the next output
    /// char with a later source starts (the characters dropped in between
    /// belong to it), or the end of the original.
    start: Vec<u32>,
    /// Original chars that a decomposition folded to nothing (a presentation
    /// form of tatweel and a haraka): they belong to no output char, so the
    /// source of the char before them ends there. Rare; in order.
    orphans: Vec<u32>,
    original_chars: usize,
}

impl Level {
    fn fold(self) -> fn(char) -> Fold {
        match self {
            Level::Display => arabic::display_fold,
            Level::Key => arabic::key_fold,
        }
    }

    /// The fold of ASCII and of the Arabic block, tabulated once per level.
    fn table(self) -> &'static FoldTable {
        static DISPLAY: OnceLock<FoldTable> = OnceLock::new();
        static KEY: OnceLock<FoldTable> = OnceLock::new();
        let cell = match self {
            Level::Display => &DISPLAY,
            Level::Key => &KEY,
        };
        cell.get_or_init(|| FoldTable::new(self.fold()))
    }
}

/// First char of the tabulated Arabic block.
const ARABIC: u32 = 0x0600;

/// What a fold does with ASCII (U+0000–U+007F) and the Arabic block
/// (U+0600–U+06FF), looked up instead of computed: nearly every character of
/// an Arabic article is in one of them.
struct FoldTable {
    fold: fn(char) -> Fold,
    ascii: [Fold; 128],
    arabic: [Fold; 256],
}

impl FoldTable {
    fn new(fold: fn(char) -> Fold) -> Self {
        let at = |u: u32| char::from_u32(u).map_or(Fold::Keep, fold);
        FoldTable {
            fold,
            ascii: std::array::from_fn(|i| at(i as u32)),
            arabic: std::array::from_fn(|i| at(ARABIC + i as u32)),
        }
    }

    #[inline]
    fn get(&self, c: char) -> Fold {
        let u = c as u32;
        if let Some(&f) = self.ascii.get(u as usize) {
            f
        } else if let Some(&f) = self.arabic.get(u.wrapping_sub(ARABIC) as usize) {
            f
        } else {
            (self.fold)(c)
        }
    }
}

/// The normalized text of `original` at `level`, without the offset map: the
/// same string as `Normalized::new(original, level).as_str()`, cheaper.
pub fn fold_text(original: &str, level: Level) -> String {
    let table = level.table();
    let mut text = String::with_capacity(original.len());
    // Runs of unchanged characters are copied at once.
    let mut run = 0;
    for (b, c) in original.char_indices() {
        let f = table.get(c);
        if f == Fold::Keep {
            continue;
        }
        text.push_str(&original[run..b]);
        match f {
            Fold::To(r) => text.push(r),
            Fold::Decompose => arabic::decompose(c, table.fold, &mut |d| text.push(d)),
            Fold::Keep | Fold::Drop => {}
        }
        run = b + c.len_utf8();
    }
    text.push_str(&original[run..]);
    text
}

/// Calls `out` with each character of the normalized text of `original` at
/// `level`, in order (the characters of [`fold_text`], without building it).
pub fn fold_each(original: &str, level: Level, mut out: impl FnMut(char)) {
    let table = level.table();
    for c in original.chars() {
        match table.get(c) {
            Fold::Keep => out(c),
            Fold::To(r) => out(r),
            Fold::Decompose => arabic::decompose(c, table.fold, &mut out),
            Fold::Drop => {}
        }
    }
}

/// Appends `c` to the text and its source `i` to the map, once per byte.
#[inline]
fn push_mapped(text: &mut String, start: &mut Vec<u32>, c: char, i: u32) {
    text.push(c);
    start.resize(text.len(), i);
}

impl Normalized {
    /// Normalizes `original` at `level`.
    pub fn new(original: &str, level: Level) -> Self {
        let table = level.table();
        let mut text = String::with_capacity(original.len());
        let mut start: Vec<u32> = Vec::with_capacity(original.len());
        let mut orphans: Vec<u32> = Vec::new();
        let mut n = 0u32;
        // Runs of unchanged characters are copied at once; their map entries
        // are written as they are read.
        let mut run = 0;
        for (b, c) in original.char_indices() {
            let i = n;
            n += 1;
            let f = table.get(c);
            if f == Fold::Keep {
                start.resize(start.len() + c.len_utf8(), i);
                continue;
            }
            text.push_str(&original[run..b]);
            run = b + c.len_utf8();
            match f {
                Fold::Keep => {}
                Fold::To(r) => push_mapped(&mut text, &mut start, r, i),
                Fold::Decompose => {
                    let before = start.len();
                    arabic::decompose(c, table.fold, &mut |d| {
                        push_mapped(&mut text, &mut start, d, i)
                    });
                    if start.len() == before {
                        orphans.push(i);
                    }
                }
                Fold::Drop => {}
            }
        }
        text.push_str(&original[run..]);
        Normalized {
            text,
            start,
            orphans,
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
        Span::new(s, self.source_end(to - 1))
    }

    /// The original char index one past the source of the key byte `b`: where
    /// the next output char with a later source starts, or the end; an orphan
    /// before that ends it first.
    fn source_end(&self, b: usize) -> usize {
        let own = self.start[b];
        let next = self.start[b + 1..]
            .iter()
            .find(|&&x| x > own)
            .map_or(self.original_chars, |&x| x as usize);
        match self.orphans.iter().find(|&&o| o > own) {
            Some(&o) if (o as usize) < next => o as usize,
            _ => next,
        }
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

    /// The map as first written: an end per byte, extended by each dropped
    /// char. `Normalized::span` must agree with it everywhere.
    fn reference_ends(original: &str, level: Level) -> Vec<u32> {
        let fold = level.fold();
        let mut text = String::new();
        let mut end: Vec<u32> = Vec::new();
        for (i, c) in original.chars().enumerate() {
            let i = i as u32;
            let before = text.len();
            match fold(c) {
                Fold::Keep => text.push(c),
                Fold::To(r) => text.push(r),
                Fold::Decompose => arabic::decompose(c, fold, &mut |d| text.push(d)),
                Fold::Drop => {
                    let mut j = end.len();
                    while j > 0 && end[j - 1] == i {
                        end[j - 1] = i + 1;
                        j -= 1;
                    }
                }
            }
            for _ in before..text.len() {
                end.push(i + 1);
            }
        }
        end
    }

    #[test]
    fn spans_agree_with_the_per_byte_map() {
        let mut texts: Vec<String> = TABLE.iter().map(|t| t.0.to_string()).collect();
        texts.extend(
            [
                "قُتِلَ ﻻ\u{FE71}ب",
                "\u{FE71}\u{FE71}ا",
                "بّ\u{FE71}\u{064E}ت",
                "ﻷَ ﷺ ـ",
                "ـــ",
                "\u{FDFA}\u{064B}x\u{FE7F}",
                "a\u{0301}b",
            ]
            .map(String::from),
        );
        // Pseudo-random strings over marks, tatweel, ligatures and letters.
        let alphabet: Vec<char> = "بتَُّـﻻﷺ\u{FE71}\u{FE7D} aA٣«".chars().collect();
        let mut x = 12345u32;
        for len in 0..60 {
            let s: String = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    alphabet[(x >> 16) as usize % alphabet.len()]
                })
                .collect();
            texts.push(s);
        }
        for t in &texts {
            for level in [Level::Display, Level::Key] {
                let n = Normalized::new(t, level);
                let ends = reference_ends(t, level);
                let key = n.as_str();
                assert_eq!(ends.len(), key.len(), "{t:?}");
                for (b, _) in key.char_indices() {
                    let last = b + key[b..].chars().next().map_or(1, char::len_utf8);
                    let want = Span::new(n.start[b] as usize, ends[last - 1] as usize);
                    assert_eq!(n.span(b, last), want, "{t:?} {level:?} at {b}");
                    assert_eq!(n.span(0, last).end, want.end, "{t:?} {level:?}");
                }
            }
        }
    }

    #[test]
    fn fold_tables_agree_with_the_folds() {
        for level in [Level::Display, Level::Key] {
            let table = level.table();
            for c in ('\u{0}'..='\u{0800}').chain('\u{FB50}'..='\u{FEFF}') {
                assert_eq!(table.get(c), (level.fold())(c), "{c:?}");
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
