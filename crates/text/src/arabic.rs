//! Character tables for Arabic script: what the lossless (display) and lossy
//! (key) normalizers do with each character.
//!
//! Each function answers for one character and returns the replacement, so the
//! normalizer can keep a one-to-many map from original characters to output.

use unicode_normalization::UnicodeNormalization;

/// What a normalizer does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Keep the character unchanged.
    Keep,
    /// Drop it (diacritics, tatweel, invisible format characters).
    Drop,
    /// Replace it with another character.
    To(char),
    /// Replace it with its compatibility decomposition (presentation forms).
    Decompose,
}

/// Harakat, Quranic marks, superscript alef: dropped from the key.
pub fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}')
}

/// Invisible characters that carry no letters: tatweel, zero-width and
/// bidirectional controls, BOM, soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{0640}'
        | '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Arabic presentation forms (ligatures and contextual shapes) that decompose to
/// ordinary letters.
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// Arabic-Indic and Persian digits to ASCII.
pub fn ascii_digit(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + '0' as u32),
        '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + '0' as u32),
        _ => None,
    }
}

/// The lossless fold: what changes only the shape, never the spelling.
/// Presentation forms decompose, invisible characters go, unusual spaces become
/// a plain space. Diacritics, hamza and digits are kept as written.
pub fn display_fold(c: char) -> Fold {
    if is_invisible(c) {
        Fold::Drop
    } else if is_presentation_form(c) {
        Fold::Decompose
    } else if c != ' ' && c != '\n' && c != '\t' && c != '\r' && c.is_whitespace() {
        Fold::To(' ')
    } else {
        Fold::Keep
    }
}

/// The lossy fold used for search keys and matching: everything the display fold
/// does, plus diacritics removed, alef and hamza seats, `ى`/`ي`, `ة`/`ه` and Persian
/// letters folded, digits to ASCII, quotes and Arabic punctuation to ASCII, Latin
/// lower-cased.
pub fn key_fold(c: char) -> Fold {
    // Fast path for ASCII and the common Arabic letters (most of any text);
    // `fast_paths_agree_with_tables` checks it against the full tables.
    match c {
        'A'..='Z' => return Fold::To(c.to_ascii_lowercase()),
        '\u{0B}' | '\u{0C}' => return Fold::To(' '),
        '\u{0}'..='\u{7F}'
        | '\u{0621}'
        | '\u{0627}'
        | '\u{0628}'
        | '\u{062A}'..='\u{063A}'
        | '\u{0641}'..='\u{0648}'
        | '\u{064A}' => return Fold::Keep,
        _ => {}
    }
    key_fold_tables(c)
}

/// [`key_fold`] without its fast path.
fn key_fold_tables(c: char) -> Fold {
    if is_diacritic(c) {
        return Fold::Drop;
    }
    if let Some(d) = ascii_digit(c) {
        return Fold::To(d);
    }
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Fold::To('ا'),
        'ى' | 'ی' | 'ئ' | 'ې' => Fold::To('ي'),
        'ة' | 'ۀ' | 'ہ' | 'ە' => Fold::To('ه'),
        'ؤ' => Fold::To('و'),
        'ک' => Fold::To('ك'),
        'گ' => Fold::To('ك'),
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '〝' | '〞' => Fold::To('"'),
        '‘' | '’' | '‚' | '‛' | '′' => Fold::To('\''),
        '،' => Fold::To(','),
        '؛' => Fold::To(';'),
        '؟' => Fold::To('?'),
        '٪' => Fold::To('%'),
        '–' | '—' | '‒' | '―' => Fold::To('-'),
        'A'..='Z' => Fold::To(c.to_ascii_lowercase()),
        _ => display_fold(c),
    }
}

/// Expands a presentation form into ordinary characters, each folded again with
/// `fold` (a decomposed ligature can contain an alef with hamza).
pub fn decompose(c: char, fold: fn(char) -> Fold, out: &mut impl FnMut(char)) {
    let mut buf = [0u8; 4];
    for d in c.encode_utf8(&mut buf).nfkc() {
        match fold(d) {
            Fold::Keep | Fold::Decompose => out(d),
            Fold::To(r) => out(r),
            Fold::Drop => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_fold_table() {
        let cases = [
            ('أ', Fold::To('ا')),
            ('إ', Fold::To('ا')),
            ('آ', Fold::To('ا')),
            ('ى', Fold::To('ي')),
            ('ة', Fold::To('ه')),
            ('ؤ', Fold::To('و')),
            ('ئ', Fold::To('ي')),
            ('ی', Fold::To('ي')),
            ('\u{064E}', Fold::Drop),
            ('\u{0651}', Fold::Drop),
            ('ـ', Fold::Drop),
            ('٣', Fold::To('3')),
            ('۷', Fold::To('7')),
            ('«', Fold::To('"')),
            ('،', Fold::To(',')),
            ('ب', Fold::Keep),
            ('ء', Fold::Keep),
        ];
        for (c, want) in cases {
            assert_eq!(key_fold(c), want, "{c:?}");
        }
    }

    #[test]
    fn fast_paths_agree_with_tables() {
        for c in ('\u{0}'..='\u{0800}').chain('\u{2000}'..='\u{2070}') {
            assert_eq!(key_fold(c), key_fold_tables(c), "{c:?}");
        }
    }

    #[test]
    fn display_fold_keeps_spelling() {
        for c in ['أ', 'ة', 'ى', '\u{064E}', '٣'] {
            assert_eq!(display_fold(c), Fold::Keep, "{c:?}");
        }
        assert_eq!(display_fold('ـ'), Fold::Drop);
        assert_eq!(display_fold('\u{00A0}'), Fold::To(' '));
        assert_eq!(display_fold('ﻻ'), Fold::Decompose);
    }

    #[test]
    fn ligature_decomposes_and_folds() {
        let mut s = String::new();
        decompose('ﻷ', key_fold, &mut |c| s.push(c));
        assert_eq!(s, "لا");
        let mut s = String::new();
        decompose('ﻷ', display_fold, &mut |c| s.push(c));
        assert_eq!(s, "لأ");
    }
}
