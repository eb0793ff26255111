//! Key-form helpers every reader shares: the key of a phrase, a word looked
//! up in a key set through its proclitics, and word lists in key form.

use rasad_text::clitic;
use rasad_text::words::{Key, KeySet, WordLists};

/// Key form of a word or phrase (folded, spaces collapsed).
pub(crate) fn key(s: &str) -> String {
    let folded = rasad_text::key(s);
    // Most keys have nothing to collapse.
    let tidy = !folded.starts_with(char::is_whitespace)
        && !folded.ends_with(char::is_whitespace)
        && !folded.char_indices().any(|(b, c)| {
            c.is_whitespace() && (c != ' ' || folded[b + 1..].starts_with(char::is_whitespace))
        });
    if tidy {
        return folded;
    }
    let mut out = String::with_capacity(folded.len());
    for w in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The words of a TOML list as a key set.
pub(crate) fn key_set(words: &[String]) -> KeySet {
    words.iter().map(|w| Key::new(&key(w))).collect()
}

/// The non-comment lines of a one-word-per-line list (`data/names/*.txt`).
pub(crate) fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The words of a one-word-per-line list as a key set.
pub(crate) fn line_set(s: &str) -> KeySet {
    lines(s).map(|w| Key::new(&key(w))).collect()
}

/// A bundled `.words` file; a malformed one fails every test.
pub(crate) fn bundled_words(text: &str) -> WordLists {
    WordLists::parse(text).unwrap_or_else(|e| panic!("bundled word list: {e}"))
}

/// A list of a few words, looked up by comparing each in turn: on the paths
/// run for every token, cheaper than hashing the token (a length mismatch
/// rejects a word at once).
#[derive(Debug, Clone, Default)]
pub(crate) struct FewWords(Vec<Key>);

impl FewWords {
    /// True when `w` (key text) is one of the words.
    pub fn contains(&self, w: &str) -> bool {
        self.0.iter().any(|k| k.as_str() == w)
    }

    /// The words.
    pub fn iter(&self) -> impl Iterator<Item = &Key> {
        self.0.iter()
    }
}

/// List `name` of `lists` as a [`FewWords`].
pub(crate) fn few(lists: &WordLists, name: &str) -> FewWords {
    FewWords(lists.keys(name).to_vec())
}

/// True when the word, or one of its clitic readings, is in `set`.
pub(crate) fn word_in(word: &str, set: &KeySet) -> bool {
    if set.contains(word) {
        return true;
    }
    clitic::readings(word).iter().any(|r| set.contains(r.bare))
}

/// The text without whitespace (`عنب بلدي` = `عنببلدي`).
pub(crate) fn nospace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A nisba adjective's ending in key form: ي, or يه (ية) in the feminine
/// (`الإداري`، `اللبنانية`).
pub(crate) fn nisba_ending(word: &str) -> bool {
    word.strip_suffix('ه').unwrap_or(word).ends_with('ي')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_collapse_whitespace() {
        for (raw, want) in [
            ("قوات  النظام", "قوات النظام"),
            (" قوات\tالنظام\n", "قوات النظام"),
            ("قوات النظام", "قوات النظام"),
            ("أبو\u{a0}محمد", "ابو محمد"),
            ("", ""),
            ("  ", ""),
        ] {
            assert_eq!(key(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn nisba_endings() {
        for (w, want) in [
            ("الاداري", true),
            ("اللبنانيه", true),
            ("الجديد", false),
            ("الدوله", false),
            ("ي", true),
            ("", false),
        ] {
            assert_eq!(nisba_ending(w), want, "{w}");
        }
    }
}
