//! The word lists of `data/incidents/incidents.words`, in search-key form.

use rasad_text::words::WordLists;
use std::sync::LazyLock;

/// The lists incident building reads (see the data folder's README).
pub(crate) struct Words {
    /// Head words of an administrative area's name, each with the space
    /// after it (`محافظه `).
    pub(crate) area_heads: Vec<String>,
    /// Attached pronouns, removed first (at most one).
    pub(crate) pronoun_suffixes: Vec<String>,
    /// Case and number endings, tried in order (at most one removed).
    pub(crate) endings: Vec<String>,
}

/// The lists, read once. Panics only on a malformed bundled file, which every
/// test run reads.
pub(crate) static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let lists = WordLists::parse(include_str!("../../../data/incidents/incidents.words"))
        .expect("data/incidents/incidents.words");
    let strings =
        |name: &str| -> Vec<String> { lists.strs(name).into_iter().map(str::to_string).collect() };
    Words {
        area_heads: strings("area_heads")
            .into_iter()
            .map(|h| format!("{h} "))
            .collect(),
        pronoun_suffixes: strings("pronoun_suffixes"),
        endings: strings("endings"),
    }
});

#[cfg(test)]
mod tests {
    use super::WORDS;

    #[test]
    fn lists_load_in_key_form() {
        assert_eq!(WORDS.area_heads, vec![rasad_text::key("محافظة") + " "]);
        assert!(WORDS.pronoun_suffixes.contains(&"ها".to_string()));
        // longest ending first: يين before ين before ي
        let at = |e: &str| WORDS.endings.iter().position(|x| x == e).unwrap();
        assert!(at("يين") < at("ين") && at("ين") < at("ي"));
    }
}
