//! The scorer's name normalizers: `letters`, `norm_place`, `norm_person` and
//! `norm_text`, ported character for character from `shared/tools/score`.
//!
//! They are deliberately *not* `rasad_text::key`: the scorer must fold names
//! exactly as the reference Python tool does, whatever the extractor's own
//! normalization becomes.

use crate::tables::{has, tables};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Python's `\w` for `str` patterns: `str.isalnum()` or `_`.
///
/// Rust's `is_alphanumeric` adds the `Other_Alphabetic` property, which is
/// mostly combining marks (and a few negative circled letters); Python's test
/// is by general category only, so those are taken out again.
pub fn is_py_word(c: char) -> bool {
    if c == '_' {
        return true;
    }
    if !c.is_alphanumeric() || is_combining_mark(c) {
        return false;
    }
    // Symbols (So) that Unicode marks Other_Alphabetic and NFKC leaves alone.
    !matches!(c as u32, 0x1F130..=0x1F149 | 0x1F150..=0x1F169 | 0x1F170..=0x1F189)
}

/// Python's `str.isspace()`: Rust's `White_Space` plus the four information
/// separators U+001C–U+001F.
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python `str.split()` with no argument.
pub fn py_split(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_py_space).filter(|t| !t.is_empty())
}

fn is_diacritic(c: char) -> bool {
    matches!(c as u32, 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640)
}

fn fold(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        _ => c,
    }
}

/// NFKC, diacritics and tatweel removed, hamza forms, `ى` and `ة` folded,
/// punctuation turned into spaces, runs of whitespace collapsed to one space.
pub fn letters(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkc() {
        if is_diacritic(c) {
            continue;
        }
        let c = fold(c);
        out.push(if is_py_word(c) || is_py_space(c) {
            c
        } else {
            ' '
        });
    }
    py_split(&out).collect::<Vec<_>>().join(" ")
}

/// A place name taken apart: its key, the first generic head dropped from
/// its front (`محافظه` in `محافظة حلب`), and the words the key is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceParts {
    pub key: String,
    pub head: Option<String>,
    pub words: Vec<String>,
}

/// `letters`, generic heads and trailing directions dropped, the article
/// `ال` dropped from words longer than four letters; the key is the words
/// joined without spaces, then the aliases applied (`place_parts` of the
/// reference scorer).
pub fn place_parts(name: &str) -> PlaceParts {
    let places = &tables().places;
    let folded = letters(name);
    let mut toks: Vec<&str> = py_split(&folded).collect();
    let mut head = None;
    while toks.len() > 1 && has(&places.heads, toks[0]) {
        head = head.or(Some(toks[0].to_string()));
        toks.remove(0);
    }
    while toks.len() > 1 && has(&places.tails, toks[toks.len() - 1]) {
        toks.pop();
    }
    let words: Vec<String> = toks
        .iter()
        .map(|t| match t.strip_prefix(places.article.as_str()) {
            Some(rest) if t.chars().count() > 4 => rest.to_string(),
            _ => t.to_string(),
        })
        .collect();
    let key: String = words.concat();
    let key = match places.aliases.iter().find(|(from, _)| *from == key) {
        Some((_, to)) => to.clone(),
        None => key,
    };
    PlaceParts { key, head, words }
}

/// The key a place name is compared by (`place_parts(name).key`).
pub fn norm_place(name: &str) -> String {
    place_parts(name).key
}

/// The key a person's name is compared by: `letters`, `ابي`/`ابا` read as
/// `ابو`, spaces removed.
pub fn norm_person(name: &str) -> String {
    let persons = &tables().persons;
    let folded = letters(name);
    py_split(&folded)
        .map(|t| {
            if has(&persons.kunya_forms, t) {
                persons.kunya.as_str()
            } else {
                t
            }
        })
        .collect()
}

/// `letters` with every space removed: the key for substring tests on bodies,
/// titles, outlets and sources.
pub fn norm_text(s: &str) -> String {
    py_split(&letters(s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_parts_keep_the_first_head_and_the_words() {
        let p = place_parts("ريف محافظة دير الزور الشرقي");
        assert_eq!(p.key, "ديرزور");
        assert_eq!(p.head.as_deref(), Some("ريف"));
        assert_eq!(p.words, vec!["دير".to_string(), "زور".to_string()]);
        assert_eq!(place_parts("حلب").head, None);
    }

    #[test]
    fn letters_table() {
        let cases = [
            ("", ""),
            ("قُتِلَ", "قتل"),
            ("أإآٱ", "اااا"),
            ("مستشفى", "مستشفي"),
            ("مدينة", "مدينه"),
            ("مؤتمر رئيس", "موتمر رييس"),
            ("الـــرقة", "الرقه"),
            ("«داعش»، (التنظيم)!", "داعش التنظيم"),
            ("  a\t\nb  ", "a b"),
            ("snake_case 42 ٤٢", "snake_case 42 ٤٢"),
            // NFKC: presentation forms and ligatures become plain letters.
            ("ﻻ", "لا"),
            ("ﬁ", "fi"),
            // A combining mark outside the diacritic ranges is not a word character.
            ("a\u{08D4}b", "a b"),
            // Information separators are whitespace for Python.
            ("a\u{1c}b", "a b"),
        ];
        for (input, want) in cases {
            assert_eq!(letters(input), want, "letters({input:?})");
        }
    }

    #[test]
    fn norm_place_table() {
        let cases = [
            ("البوكمال", "بوكمال"),
            ("بالبوكمال", "بالبوكمال"),
            ("البو كمال", "البوكمال"),
            ("مدينة البوكمال", "بوكمال"),
            ("ريف دير الزور الشرقي", "ديرزور"),
            ("حي الكتب", "كتب"),
            ("سورية", "سوريا"),
            ("أبو كمال", "بوكمال"),
            ("إسطنبول", "اسطنبول"),
            // A head alone is kept: at least one token remains.
            ("مدينة", "مدينه"),
            ("الشرقي", "شرقي"),
            ("الرقة", "رقه"),
            ("الباب", "باب"),
            // Four letters or fewer keep their article.
            ("البو", "البو"),
            ("", ""),
            // The generic heads the scorer gained: crossings, mountains, hills, dams, bases.
            ("معبر نصيب", "نصيب"),
            ("منفذ الوليد", "وليد"),
            ("جبال القلمون", "قلمون"),
            ("تلال الصفا", "صفا"),
            ("سد تشرين", "تشرين"),
            ("قاعدة حميميم", "حميميم"),
        ];
        for (input, want) in cases {
            assert_eq!(norm_place(input), want, "norm_place({input:?})");
        }
    }

    #[test]
    fn norm_person_table() {
        let cases = [
            ("أبو مصطفى القطري", "ابومصطفيالقطري"),
            ("أبي مصطفى القطري", "ابومصطفيالقطري"),
            ("أبا محمد", "ابومحمد"),
            ("البغدادي", "البغدادي"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(norm_person(input), want, "norm_person({input:?})");
        }
    }

    #[test]
    fn norm_text_table() {
        let cases = [
            ("المرصد السوري لحقوق الإنسان", "المرصدالسوريلحقوقالانسان"),
            ("اترك رد", "اتركرد"),
            ("  ", ""),
            ("أخبار الآن", "اخبارالان"),
        ];
        for (input, want) in cases {
            assert_eq!(norm_text(input), want, "norm_text({input:?})");
        }
    }
}
