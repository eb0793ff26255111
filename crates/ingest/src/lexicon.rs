//! The bundled phrase lists (`data/chrome/*.toml`), normalized once for matching.

use rasad_text::arabic::Fold;
use rasad_text::chartable::CharTable;
use rasad_text::clitic::ARTICLE;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::sync::LazyLock;

/// Folds text for phrase matching: the `rasad_text` search key (diacritics,
/// tatweel, hamza forms, ى/ي, ة/ه folded), lower case, punctuation turned into
/// spaces, runs of spaces collapsed.
pub fn match_key(s: &str) -> String {
    let verbatim = Verbatim::get();
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    // Runs of characters the key keeps as they are (most letters) are copied
    // at once; the others are folded and classified one by one.
    let mut run = 0;
    for (b, c) in s.char_indices() {
        if verbatim.contains(c) {
            continue;
        }
        if run < b {
            out.push_str(&s[run..b]);
            space = false;
        }
        run = b + c.len_utf8();
        match rasad_text::arabic::key_fold(c) {
            Fold::Keep => push_folded(&mut out, &mut space, c),
            Fold::To(d) => push_folded(&mut out, &mut space, d),
            Fold::Drop => {}
            Fold::Decompose => {
                rasad_text::normalize::fold_each(&s[b..run], rasad_text::Level::Key, |d| {
                    push_folded(&mut out, &mut space, d)
                })
            }
        }
    }
    out.push_str(&s[run..]);
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Adds one folded character to a match key: a letter or digit (lower case),
/// or a space for a run of anything else.
fn push_folded(out: &mut String, space: &mut bool, c: char) {
    if is_key_word_char(c) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_caseless(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        *space = false;
    } else if !*space {
        out.push(' ');
        *space = true;
    }
}

/// Characters that stay words in a match key. ASCII and Arabic letters are
/// answered without the general Unicode tables (hot).
fn is_key_word_char(c: char) -> bool {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' | '%' => true,
        '\u{0}'..='\u{7F}' => false,
        '\u{0621}'..='\u{063F}' | '\u{0641}'..='\u{064A}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Characters of the Arabic block, which has no letter case.
fn is_caseless(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}')
}

/// ASCII and Arabic-block characters that a match key keeps exactly as
/// written: unchanged by the key fold, word characters, no case to lower.
struct Verbatim(CharTable);

impl Verbatim {
    fn get() -> &'static Verbatim {
        static V: LazyLock<Verbatim> = LazyLock::new(|| {
            Verbatim(CharTable::new(|c| {
                rasad_text::arabic::key_fold(c) == Fold::Keep
                    && is_key_word_char(c)
                    && c.to_lowercase().eq(std::iter::once(c))
            }))
        });
        &V
    }

    #[inline]
    fn contains(&self, c: char) -> bool {
        self.0.lookup(c).unwrap_or(false)
    }
}

/// The match key as first written: fold, then classify every character.
#[cfg(test)]
fn match_key_reference(s: &str) -> String {
    let mut out = String::new();
    let mut space = true;
    for c in rasad_text::key(s).chars() {
        push_folded(&mut out, &mut space, c);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Text folded for searching outlet names: the `rasad_text` search key
/// (diacritics and tatweel dropped, hamza forms, ى/ي, ة/ه folded), ASCII in
/// lower case, every run of spaces one space; line breaks and punctuation
/// kept (quotes and dashes are frames).
pub fn fold(s: &str) -> String {
    let key = rasad_text::key(s);
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if c == '\n' {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('\n');
        } else if c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}') {
            if !(out.is_empty() || out.ends_with([' ', '\n'])) {
                out.push(' ');
            }
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    while out.ends_with([' ', '\n']) {
        out.pop();
    }
    out
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
    by_first: FxHashMap<String, Vec<String>>,
}

impl PhraseIndex {
    /// Indexes match keys (empty ones are ignored).
    pub fn new(keys: &[String]) -> Self {
        let mut by_first: FxHashMap<String, Vec<String>> = FxHashMap::default();
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

    /// The first phrase, in the order given to [`PhraseIndex::new`], that
    /// `key` starts with (followed by a word boundary).
    pub fn starting(&self, key: &str) -> Option<&str> {
        let first = key.split(' ').next().unwrap_or_default();
        self.by_first
            .get(first)?
            .iter()
            .find(|p| starts_with_phrase(key, p))
            .map(String::as_str)
    }
}

#[derive(Deserialize)]
struct ChromeFile {
    exact: Vec<String>,
    contains_max_words: usize,
    contains: Vec<String>,
    prefix: Vec<String>,
    prefix_colon: Vec<String>,
    #[serde(default)]
    prefix_mark: Vec<String>,
    #[serde(default)]
    tail_markers: Vec<String>,
    related_max_lines: usize,
    headline_max_words: usize,
    related_heads: Vec<String>,
    cut_heads: Vec<String>,
    share_words: Vec<String>,
    share_fillers: Vec<String>,
    section_labels: Vec<String>,
    link_words: Vec<String>,
    continuation_words: Vec<String>,
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
    #[serde(default)]
    correspondent_words: Vec<String>,
    #[serde(default)]
    wire_agencies: Vec<String>,
    source_words: Vec<String>,
    own_correspondent_words: Vec<String>,
    self_reference_kinds: Vec<String>,
    self_reference_back: Vec<String>,
    app_words: Vec<String>,
    read_also_words: Vec<String>,
}

/// Page chrome phrases (`data/chrome/chrome.toml`), as match keys.
pub struct Chrome {
    pub exact: FxHashSet<String>,
    pub contains_max_words: usize,
    pub contains: Vec<String>,
    /// `contains`, indexed by first word.
    pub contains_index: PhraseIndex,
    pub prefix: Vec<String>,
    /// `prefix`, indexed by first word.
    pub prefix_index: PhraseIndex,
    pub prefix_colon: Vec<String>,
    /// `prefix_colon`, indexed by first word.
    pub prefix_colon_index: PhraseIndex,
    /// Inline links to other articles: a phrase then `:`, `..`, `…` or `/`.
    pub prefix_mark_index: PhraseIndex,
    /// Chrome glued after the last sentence of the body (match keys).
    pub tail_markers: Vec<String>,
    pub related_max_lines: usize,
    pub headline_max_words: usize,
    pub related_heads: FxHashSet<String>,
    pub cut_heads: FxHashSet<String>,
    pub share_words: FxHashSet<String>,
    pub share_fillers: FxHashSet<String>,
    pub section_labels: FxHashSet<String>,
    /// Words that open a link line (`رابط الخبر …`), matched as a prefix of
    /// the line's first word.
    pub link_words: Vec<String>,
    /// Words that open a paragraph continuing the article (`كما`, `بدوره`).
    pub continuation_words: FxHashSet<String>,
}

/// Metadata words (`data/chrome/meta.toml`), as match keys.
pub struct Meta {
    pub outlet_type_words: FxHashSet<String>,
    pub generic_sources: FxHashSet<String>,
    pub byline_prefixes: Vec<String>,
    pub byline_prefixes_no_colon: Vec<String>,
    pub dateline_prefixes: Vec<String>,
    pub weekdays: FxHashSet<String>,
    /// Month names; multi-word names are matched token by token.
    pub months: FxHashSet<String>,
    pub date_fillers: FxHashSet<String>,
    /// Words that end a dateline and what follows them (an issue number).
    pub dateline_trailers: Vec<String>,
    /// Staff words before an outlet's name (`مراسل`, `محلل`): «X's
    /// correspondent» names X as the publisher.
    pub correspondent_words: FxHashSet<String>,
    /// Canonical names of wire agencies (`فرانس برس`, `رويترز`).
    pub wire_agencies: FxHashSet<String>,
    /// Words that introduce a source line (`المصدر: …`), longest first.
    pub source_words: Vec<String>,
    /// Words for "correspondent of" before an outlet's name in the body
    /// (`مراسل عنب بلدي`): the outlet is the publisher.
    pub own_correspondent_words: FxHashSet<String>,
    /// Outlet-kind words (`وكالة`) and their forms with the article
    /// (`الوكالة`), both as match keys: «told X agency» … «the agency's
    /// source».
    pub self_reference_kinds: Vec<(String, String)>,
    /// Words before «the agency» that refer back to it (`مصدر الوكالة`).
    pub self_reference_back: FxHashSet<String>,
    /// Words before an outlet's name in an app promotion (`تطبيق`).
    pub app_words: FxHashSet<String>,
    /// Words before an outlet's name in a read-also link, among the first
    /// four words of the line (`إقرأ أيضا في X:`).
    pub read_also_words: FxHashSet<String>,
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

fn set(v: &[String]) -> FxHashSet<String> {
    keys(v).into_iter().collect()
}

/// Words (single tokens) of every phrase.
fn token_set(v: &[String]) -> FxHashSet<String> {
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
    let prefix = keys(&f.prefix);
    let prefix_colon = keys(&f.prefix_colon);
    Chrome {
        exact: set(&f.exact),
        contains_max_words: f.contains_max_words,
        contains_index: PhraseIndex::new(&contains),
        contains,
        prefix_index: PhraseIndex::new(&prefix),
        prefix,
        prefix_colon_index: PhraseIndex::new(&prefix_colon),
        prefix_colon,
        prefix_mark_index: PhraseIndex::new(&keys(&f.prefix_mark)),
        tail_markers: keys(&f.tail_markers),
        related_max_lines: f.related_max_lines,
        headline_max_words: f.headline_max_words,
        related_heads: set(&f.related_heads),
        cut_heads: set(&f.cut_heads),
        share_words: token_set(&f.share_words),
        share_fillers: token_set(&f.share_fillers),
        section_labels: set(&f.section_labels),
        link_words: keys(&f.link_words),
        continuation_words: set(&f.continuation_words),
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
        correspondent_words: set(&f.correspondent_words),
        wire_agencies: set(&f.wire_agencies),
        source_words: keys(&f.source_words),
        own_correspondent_words: set(&f.own_correspondent_words),
        self_reference_kinds: keys(&f.self_reference_kinds)
            .into_iter()
            .map(|k| (k.clone(), format!("{ARTICLE}{k}")))
            .collect(),
        self_reference_back: set(&f.self_reference_back),
        app_words: set(&f.app_words),
        read_also_words: set(&f.read_also_words),
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
        assert!(CHROME.continuation_words.contains(&match_key("إلى")));
        assert!(META.own_correspondent_words.contains(&match_key("لمراسلة")));
        // longest first, so `مصدر الخبر` wins over `مصدر`
        assert_eq!(META.source_words[0], match_key("مصدر الخبر"));
        assert!(META
            .self_reference_kinds
            .contains(&(match_key("وكالة"), match_key("الوكالة"))));
    }

    #[test]
    fn match_key_agrees_with_fold_then_classify() {
        let alphabet: Vec<char> = "أبتةى ،.-«»\n\tAbZ3٣%ـَﻻ\u{FE71}ÉΣ".chars().collect();
        let mut x = 7u32;
        let mut texts: Vec<String> = vec![String::new(), " ".into(), "..a..".into()];
        for len in 0..80 {
            texts.push(
                (0..len)
                    .map(|_| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                        alphabet[(x >> 16) as usize % alphabet.len()]
                    })
                    .collect(),
            );
        }
        for t in &texts {
            assert_eq!(match_key(t), match_key_reference(t), "{t:?}");
        }
        let v = Verbatim::get();
        assert!(v.contains('ب') && v.contains('a') && v.contains('7'));
        assert!(!v.contains('أ') && !v.contains('A') && !v.contains(' ') && !v.contains('ة'));
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
