//! The bundled phrase lists (`data/chrome/*.toml`), normalized once for matching.

use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Folds text for phrase matching: the `rasad_text` search key (diacritics,
/// tatweel, hamza forms, ى/ي, ة/ه folded), lower case, punctuation turned into
/// spaces, runs of spaces collapsed.
pub fn match_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    // One pass over the folded characters, without building the folded text.
    rasad_text::normalize::fold_each(s, rasad_text::Level::Key, |c| {
        // ASCII and Arabic letters without the general Unicode tables (hot).
        let word = match c {
            '0'..='9' | 'a'..='z' | 'A'..='Z' | '%' => true,
            '\u{0}'..='\u{7F}' => false,
            '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{064A}' => true,
            _ => c.is_alphanumeric(),
        };
        if word {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if is_caseless(c) {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    });
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Characters of the Arabic block, which has no letter case.
fn is_caseless(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}')
}

/// True when `key` starts with the phrase `p` followed by a word boundary.
pub fn starts_with_phrase(key: &str, p: &str) -> bool {
    !p.is_empty()
        && key.starts_with(p)
        && !matches!(key[p.len()..].chars().next(), Some(c) if c != ' ')
}

/// Phrases (match keys) filed under their first word, so that finding which
/// occur in a key costs one lookup per word of the key, not one search per
/// phrase.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    by_first: HashMap<String, Vec<String>>,
}

impl PhraseIndex {
    /// Indexes match keys (empty ones are ignored).
    pub fn new(keys: &[String]) -> Self {
        let mut by_first: HashMap<String, Vec<String>> = HashMap::new();
        for k in keys.iter().filter(|k| !k.is_empty()) {
            let first = k.split(' ').next().unwrap_or_default();
            by_first
                .entry(first.to_string())
                .or_default()
                .push(k.clone());
        }
        PhraseIndex { by_first }
    }

    /// True when one of the phrases occurs in `key` on word boundaries
    /// (`key` is a match key: words separated by single spaces).
    pub fn occurs_in(&self, key: &str) -> bool {
        let mut rest = key;
        loop {
            let (word, after) = rest.split_once(' ').unwrap_or((rest, ""));
            if let Some(list) = self.by_first.get(word) {
                if list.iter().any(|p| starts_with_phrase(rest, p)) {
                    return true;
                }
            }
            if after.is_empty() {
                return false;
            }
            rest = after;
        }
    }
}

#[derive(Deserialize)]
struct ChromeFile {
    exact: Vec<String>,
    contains_max_words: usize,
    contains: Vec<String>,
    prefix: Vec<String>,
    prefix_colon: Vec<String>,
    related_max_lines: usize,
    headline_max_words: usize,
    related_heads: Vec<String>,
    cut_heads: Vec<String>,
    share_words: Vec<String>,
    share_fillers: Vec<String>,
    section_labels: Vec<String>,
}

#[derive(Deserialize)]
struct MetaFile {
    outlet_type_words: Vec<String>,
    generic_sources: Vec<String>,
    byline_prefixes: Vec<String>,
    byline_prefixes_no_colon: Vec<String>,
    dateline_prefixes: Vec<String>,
    weekdays: Vec<String>,
    months: Vec<String>,
    date_fillers: Vec<String>,
    #[serde(default)]
    dateline_trailers: Vec<String>,
}

/// Page chrome phrases (`data/chrome/chrome.toml`), as match keys.
pub struct Chrome {
    pub exact: HashSet<String>,
    pub contains_max_words: usize,
    pub contains: Vec<String>,
    /// `contains`, indexed by first word.
    pub contains_index: PhraseIndex,
    pub prefix: Vec<String>,
    pub prefix_colon: Vec<String>,
    pub related_max_lines: usize,
    pub headline_max_words: usize,
    pub related_heads: HashSet<String>,
    pub cut_heads: HashSet<String>,
    pub share_words: HashSet<String>,
    pub share_fillers: HashSet<String>,
    pub section_labels: HashSet<String>,
}

/// Metadata words (`data/chrome/meta.toml`), as match keys.
pub struct Meta {
    pub outlet_type_words: HashSet<String>,
    pub generic_sources: HashSet<String>,
    pub byline_prefixes: Vec<String>,
    pub byline_prefixes_no_colon: Vec<String>,
    pub dateline_prefixes: Vec<String>,
    pub weekdays: HashSet<String>,
    /// Month names; multi-word names are matched token by token.
    pub months: HashSet<String>,
    pub date_fillers: HashSet<String>,
    /// Words that end a dateline and what follows them (an issue number).
    pub dateline_trailers: Vec<String>,
}

fn keys(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = v
        .iter()
        .map(|s| match_key(s))
        .filter(|k| !k.is_empty())
        .collect();
    // longest first, so the longest prefix wins
    out.sort_by_key(|k| std::cmp::Reverse(k.len()));
    out.dedup();
    out
}

fn set(v: &[String]) -> HashSet<String> {
    keys(v).into_iter().collect()
}

/// Words (single tokens) of every phrase.
fn token_set(v: &[String]) -> HashSet<String> {
    keys(v)
        .iter()
        .flat_map(|k| k.split(' ').map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// The chrome phrase lists.
pub static CHROME: LazyLock<Chrome> = LazyLock::new(|| {
    let f: ChromeFile = toml::from_str(include_str!("../../../data/chrome/chrome.toml"))
        .expect("bundled data/chrome/chrome.toml is valid");
    let contains = keys(&f.contains);
    Chrome {
        exact: set(&f.exact),
        contains_max_words: f.contains_max_words,
        contains_index: PhraseIndex::new(&contains),
        contains,
        prefix: keys(&f.prefix),
        prefix_colon: keys(&f.prefix_colon),
        related_max_lines: f.related_max_lines,
        headline_max_words: f.headline_max_words,
        related_heads: set(&f.related_heads),
        cut_heads: set(&f.cut_heads),
        share_words: token_set(&f.share_words),
        share_fillers: token_set(&f.share_fillers),
        section_labels: set(&f.section_labels),
    }
});

/// The metadata word lists.
pub static META: LazyLock<Meta> = LazyLock::new(|| {
    let f: MetaFile = toml::from_str(include_str!("../../../data/chrome/meta.toml"))
        .expect("bundled data/chrome/meta.toml is valid");
    Meta {
        outlet_type_words: set(&f.outlet_type_words),
        generic_sources: set(&f.generic_sources),
        byline_prefixes: keys(&f.byline_prefixes),
        byline_prefixes_no_colon: keys(&f.byline_prefixes_no_colon),
        dateline_prefixes: keys(&f.dateline_prefixes),
        weekdays: set(&f.weekdays),
        months: set(&f.months),
        date_fillers: set(&f.date_fillers),
        dateline_trailers: keys(&f.dateline_trailers),
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_loads() {
        assert!(CHROME.exact.contains(&match_key("اترك رد")));
        assert!(CHROME.related_heads.contains(&match_key("إقرأ أيضاً")));
        assert!(META.months.contains(&match_key("كانون الأول")));
        assert!(META.generic_sources.contains(&match_key("وكالات")));
    }

    #[test]
    fn arabic_block_has_no_case() {
        for c in '\u{0600}'..='\u{06FF}' {
            assert!(is_caseless(c));
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
        }
        assert!(!is_caseless('A'));
        assert_eq!(match_key("ÉCOLE إدلب"), "école ادلب");
    }

    #[test]
    fn keys_fold_spelling_and_punctuation() {
        for (a, b) in [
            ("إقرأ أيضاً:", "اقرا ايضا"),
            ("«زر الذهاب إلى الأعلى»", "زر الذهاب الي الاعلي"),
            ("Share  on\tFacebook!", "share on facebook"),
            ("تـــويتر", "تويتر"),
            ("", ""),
            ("...", ""),
        ] {
            assert_eq!(match_key(a), b, "{a}");
        }
        assert!(starts_with_phrase("اقرا ايضا شيء", "اقرا ايضا"));
        assert!(!starts_with_phrase("اقراني", "اقرا"));
    }
}
