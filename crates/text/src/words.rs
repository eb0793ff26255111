//! Word lists from `data/`: one loader, one key function.
//!
//! Every closed set a rule depends on (citing verbs, ranks, place heads,
//! stop words) is written in a reviewed file under `data/` and read through
//! [`WordLists::parse`]. Each word is stored as a [`Key`]: the search-key form
//! made by [`crate::key`], the same function that normalizes the text the rules
//! scan, so a list word can never be compared in a form the text is not in (the
//! bug where `"إلى"` was compared with normalized text, in which it reads
//! `الي`, and never matched).
//!
//! The file format is a plain list: one section per list, one word or phrase
//! per line, `#` starts a comment.
//!
//! ```text
//! [citing_verbs]
//! قال        # past tense
//! أفاد
//!
//! [ranks]
//! العقيد
//! ```
//!
//! ```
//! use rasad_text::words::WordLists;
//! let lists = WordLists::parse("[verbs]\nأفاد\nقال # said\n").unwrap();
//! let verbs = lists.set("verbs");
//! assert!(verbs.contains("افاد")); // the key form: hamza folded
//! assert!(!verbs.contains("أفاد")); // an un-normalized form is not a key
//! ```

use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Borrow;
use std::fmt;

/// A word or phrase in search-key form (see [`crate::key`]). The only way to
/// make one is from text through the key function, so comparing a key with an
/// un-normalized literal needs an explicit, visible conversion.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Key(String);

impl Key {
    /// The key form of `text`: `"إلى"` → `الي`.
    pub fn new(text: &str) -> Key {
        Key(crate::key(text))
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Number of space-separated words in the key.
    pub fn words(&self) -> usize {
        self.0.split(' ').filter(|w| !w.is_empty()).count()
    }
}

impl Borrow<str> for Key {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A set of keys, looked up with text that is already in key form (a token's
/// key, a slice of [`crate::Analysis::key_str`]).
#[derive(Clone, Default, Debug)]
pub struct KeySet(FxHashSet<Key>);

impl KeySet {
    /// True when `key` (already key-form text) is in the set.
    pub fn contains(&self, key: &str) -> bool {
        self.0.contains(key)
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &Key> {
        self.0.iter()
    }
}

impl FromIterator<Key> for KeySet {
    fn from_iter<I: IntoIterator<Item = Key>>(iter: I) -> Self {
        KeySet(iter.into_iter().collect())
    }
}

/// Named word lists read from one data file.
#[derive(Clone, Default, Debug)]
pub struct WordLists {
    lists: FxHashMap<String, Vec<Key>>,
}

/// Why a word-list file could not be read (line numbers count from 1).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct WordListError {
    /// Line of the file.
    pub line: usize,
    /// What is wrong there.
    pub reason: String,
}

impl fmt::Display for WordListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for WordListError {}

impl WordLists {
    /// Reads `[name]` sections of one word or phrase per line; `#` comments.
    /// A word before any section, an empty or repeated section name, or a
    /// word repeated inside one list (after folding) is an error: each is a
    /// sign of an editing slip in a reviewed file.
    pub fn parse(text: &str) -> Result<WordLists, WordListError> {
        let mut lists: FxHashMap<String, Vec<Key>> = FxHashMap::default();
        let mut current: Option<String> = None;
        for (n, raw) in text.lines().enumerate() {
            let err = |reason: String| WordListError {
                line: n + 1,
                reason,
            };
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = section_name(line) {
                if name.is_empty() || lists.contains_key(name) {
                    return Err(err(format!("empty or repeated section [{name}]")));
                }
                lists.insert(name.to_string(), Vec::new());
                current = Some(name.to_string());
                continue;
            }
            let Some(name) = &current else {
                return Err(err(format!("`{line}` before any [section]")));
            };
            let key = Key::new(line);
            let list = lists.get_mut(name).expect("section inserted above");
            if list.contains(&key) {
                return Err(err(format!("`{line}` repeats `{key}` in [{name}]")));
            }
            list.push(key);
        }
        Ok(WordLists { lists })
    }

    /// The keys of list `name` in file order.
    ///
    /// # Panics
    /// When the list does not exist: the lists are embedded at build time and
    /// a missing one is a programming error caught by every test.
    pub fn keys(&self, name: &str) -> &[Key] {
        self.lists
            .get(name)
            .unwrap_or_else(|| panic!("word list [{name}] is missing from its data file"))
    }

    /// The keys of list `name` as a set.
    pub fn set(&self, name: &str) -> KeySet {
        self.keys(name).iter().cloned().collect()
    }

    /// The keys of list `name` as strings, for APIs that take `&[&str]`.
    pub fn strs(&self, name: &str) -> Vec<&str> {
        self.keys(name).iter().map(Key::as_str).collect()
    }

    /// The list names, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.lists.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }
}

/// `[name]` → `name`.
fn section_name(line: &str) -> Option<&str> {
    line.strip_prefix('[')?.strip_suffix(']').map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_folded_like_the_text() {
        let lists = WordLists::parse("[preps]\nإلى\nلدى\n").unwrap();
        let set = lists.set("preps");
        assert!(set.contains(&crate::key("إلى")));
        assert!(set.contains(&crate::key("لدى")));
        assert!(!set.contains("إلى"));
        assert_eq!(lists.keys("preps")[0].as_str(), crate::key("إلى"));
    }

    #[test]
    fn comments_blank_lines_and_phrases() {
        let text = "# heading\n[heads]\n\nمدينة   # city\nريف دمشق\n[other]\nقال\n";
        let lists = WordLists::parse(text).unwrap();
        assert_eq!(lists.keys("heads").len(), 2);
        assert_eq!(lists.keys("heads")[1].words(), 2);
        assert_eq!(lists.names(), vec!["heads", "other"]);
        assert_eq!(lists.strs("other"), vec!["قال"]);
    }

    #[test]
    fn editing_slips_are_errors_with_their_line() {
        let cases = [
            ("قال\n", 1),
            ("[a]\nقال\n[a]\n", 3),
            ("[a]\nأفاد\nافاد\n", 3),
            ("[]\n", 1),
        ];
        for (text, line) in cases {
            let e = WordLists::parse(text).unwrap_err();
            assert_eq!(e.line, line, "{text:?}: {e}");
        }
    }

    #[test]
    #[should_panic(expected = "word list [nope] is missing")]
    fn a_missing_list_is_a_programming_error() {
        WordLists::default().keys("nope");
    }
}
