//! Proclitics and the article on normalized (key) words.
//!
//! Arabic writes the conjunctions و ف, the prepositions ب ك ل and the article ال
//! joined to the next word: بالبوكمال is ب + ال + بوكمال. Stripping them blindly
//! breaks words that merely begin with those letters (بلدة، فرات، لواء، كتائب),
//! so this module only proposes readings: [`readings`] lists the possible bare
//! forms of a word, most literal first, and a dictionary decides which one is a
//! word it knows.

use crate::words::WordLists;
use std::sync::LazyLock;

/// The definite article, written and in key form alike: الرقه is ال + رقه.
pub const ARTICLE: &str = "ال";

/// The conjunction و "and": a word of its own (`و 40 دقيقة`) or joined to the
/// next (`و40`, `والعشرين`).
pub const AND: char = WA;

/// True when `s` has at least `n` chars (without counting all of them).
fn has_chars(s: &str, n: usize) -> bool {
    n == 0 || s.chars().nth(n - 1).is_some()
}

/// ل followed by the article, whose alef the spelling drops: `للرقه` is
/// ل + الرقه.
pub const L_ARTICLE: &str = "لل";

/// The ta marbuta ة as the search key writes it (`قرية` → `قريه`).
pub const TA_MARBUTA: char = 'ه';

/// True when a key word begins with the article (الرقه، الي), however few
/// letters follow it.
pub fn begins_with_article(word: &str) -> bool {
    word.starts_with(ARTICLE)
}

/// True when a key word begins with one of the letters a proclitic is
/// written with (و ف ب ك ل): it may carry one (بشظية، لوكالة), or merely begin
/// with the letter (بلدة).
pub fn begins_with_proclitic_letter(word: &str) -> bool {
    word.starts_with(['و', 'ف', 'ب', 'ك', 'ل'])
}

/// True when the proclitics cut from a word end in the article, written ال
/// (`وال`) or ل + ال (`لل`): the word they were cut from was definite.
pub fn ends_in_article(prefix: &str) -> bool {
    prefix.ends_with(ARTICLE) || prefix.ends_with(L_ARTICLE)
}

/// Strips the article from a key word: الرقه → رقه. Needs two letters after it.
pub fn strip_article(word: &str) -> &str {
    match strip_letters(word, ARTICLE) {
        Some(rest) if has_chars(rest, 2) => rest,
        _ => word,
    }
}

/// The conjunction و (and) joined to the next word: وأصيب، والقوات.
pub const WA: char = 'و';
/// The conjunction ف (so, then) joined to the next word: فقتل.
pub const FA: char = 'ف';
/// The preposition ل (to, for, of) joined to the next word: لقوات، للتنظيم.
pub const LAM: char = 'ل';

/// The word without a joined conjunction و or ف (وحث → حث), or `None` when it
/// starts with neither. Only a guess: ولد and فرات start with the letters too.
pub fn strip_conjunction(word: &str) -> Option<&str> {
    word.strip_prefix(WA).or_else(|| word.strip_prefix(FA))
}

/// True when `word` opens with the article, alone or after a preposition ب ل
/// ك and a conjunction: الهجوم، بالقصف، للقوات، كالعادة، والانفجار. A test of
/// the letters only (it does not ask that a word follows them).
pub fn has_article(word: &str) -> bool {
    let w = strip_conjunction(word).unwrap_or(word);
    ["ال", "بال", "لل", "كال"].iter().any(|p| w.starts_with(p))
}

/// `word.strip_prefix(prefix)` for the few letters of a proclitic or the
/// article, compared byte by byte in place: this runs on every token, and a
/// string pattern costs a `memcmp` call.
fn strip_letters<'a>(word: &'a str, prefix: &str) -> Option<&'a str> {
    let (w, p) = (word.as_bytes(), prefix.as_bytes());
    if w.len() < p.len() {
        return None;
    }
    let mut k = 0;
    while k < p.len() {
        if w[k] != p[k] {
            return None;
        }
        k += 1;
    }
    word.get(p.len()..)
}

/// The proclitic sequences of `data/text/proclitics.words` by first letter:
/// `(letter, with article, bare)`, each list in the order it is tried.
type ByFirst = Vec<(char, Vec<String>, Vec<String>)>;

/// The sequences by first letter, and the bare ones shortest first.
static PROCLITICS: LazyLock<(ByFirst, Vec<String>)> = LazyLock::new(load_proclitics);

fn load_proclitics() -> (ByFirst, Vec<String>) {
    let lists = WordLists::parse(include_str!("../../../data/text/proclitics.words"))
        .unwrap_or_else(|e| panic!("data/text/proclitics.words: {e}"));
    let (with_article, bare) = (lists.strs("with_article"), lists.strs("bare"));
    let starting = |list: &[&str], c: char| -> Vec<String> {
        list.iter()
            .filter(|p| p.starts_with(c))
            .map(|p| p.to_string())
            .collect()
    };
    let mut by_first: ByFirst = Vec::new();
    for c in with_article
        .iter()
        .chain(&bare)
        .filter_map(|p| p.chars().next())
    {
        if !by_first.iter().any(|(f, ..)| *f == c) {
            by_first.push((c, starting(&with_article, c), starting(&bare, c)));
        }
    }
    let mut shortest_first: Vec<String> = bare.iter().map(|p| p.to_string()).collect();
    shortest_first.sort_by_key(|p| p.chars().count());
    (by_first, shortest_first)
}

/// The proclitic sequences a word starting with `first` may carry, in the
/// order they are tried:
/// - those that end in the article (or `لل` = ل + ال): stripping them is safe
///   because the article is unambiguous; the first that leaves two letters
///   wins;
/// - those without an article: stripping them is only a guess; each that
///   leaves three letters gives a reading.
fn proclitics(first: char) -> (&'static [String], &'static [String]) {
    PROCLITICS
        .0
        .iter()
        .find(|(c, ..)| *c == first)
        .map_or((&[], &[]), |(_, with_article, bare)| (with_article, bare))
}

/// Every proclitic sequence without the article (و, فب, …), shortest first:
/// the forms a bare word may be written with in running text (`إدلب`,
/// `بإدلب`, `وإدلب`).
pub fn bare_proclitics() -> &'static [String] {
    &PROCLITICS.1
}

/// The proclitic sequences a word starting with `first` may carry, as
/// `(with the article, without)`, each longest first: for `و`, `وبال وكال وال
/// ولل` and `وب ول وك و`. Other letters start none.
pub fn sequences(first: char) -> (&'static [String], &'static [String]) {
    proclitics(first)
}

/// True when `p` is a proclitic sequence without the article (`و`, `وب`,
/// `فل`, `ك`): what [`sequences`] lists second.
pub fn is_proclitic(p: &str) -> bool {
    p.chars()
        .next()
        .is_some_and(|c| proclitics(c).1.iter().any(|x| x == p))
}

/// True when `p` is what may stand before a bare word: nothing, the
/// article, or a proclitic sequence with or without it (`وبال`, `لل`, `ف`).
pub fn is_prefix(p: &str) -> bool {
    p.is_empty()
        || p == ARTICLE
        || p.chars().next().is_some_and(|c| {
            let (with, without) = proclitics(c);
            with.iter().chain(without).any(|x| x == p)
        })
}

/// True when a prefix (the letters cut off before a bare word) ends with
/// the article: `ال`, `بال`, `لل` (`للرقه`), not `ب` or `و`.
pub fn ends_with_article(prefix: &str) -> bool {
    prefix.ends_with(ARTICLE) || prefix.ends_with(L_ARTICLE)
}

/// The proclitics of a prefix, the article left out: `وبال` → `وب`,
/// `لل` → `ل`, `ال` → ``, `وب` → `وب`.
pub fn without_article(prefix: &str) -> &str {
    if let Some(p) = prefix.strip_suffix(ARTICLE) {
        return p;
    }
    if prefix.ends_with(L_ARTICLE) {
        // The first ل of لل is the preposition, the second the article's.
        return &prefix[..prefix.len() - L_ARTICLE.len() / 2];
    }
    prefix
}

/// One reading of a word: the bare form, and how many characters of prefix
/// (proclitics and article) were removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading<'a> {
    /// The word without proclitics and article.
    pub bare: &'a str,
    /// Characters removed from the front.
    pub prefix_chars: usize,
    /// True when a proclitic other than the article was removed (a guess the
    /// dictionary must confirm).
    pub guessed: bool,
}

/// All readings of a key word, most literal first: the word with only its
/// article stripped, then with proclitics+article stripped, then with bare
/// proclitics stripped (those need three letters left).
pub fn readings(word: &str) -> Vec<Reading<'_>> {
    let mut out = Vec::with_capacity(3);
    readings_into(word, &mut out);
    out
}

/// [`readings`] into a reused buffer (cleared first).
pub fn readings_into<'a>(word: &'a str, out: &mut Vec<Reading<'a>>) {
    out.clear();
    let literal = strip_article(word);
    out.push(Reading {
        bare: literal,
        prefix_chars: if literal.len() < word.len() { 2 } else { 0 },
        guessed: false,
    });
    // Every proclitic starts with و ف ب ك or ل; most words do not.
    let (with_article, bare) = match word.chars().next() {
        Some(first) => proclitics(first),
        None => return,
    };
    for p in with_article {
        if let Some(rest) = strip_letters(word, p) {
            if has_chars(rest, 2) {
                push(out, rest, p.chars().count(), false);
                break;
            }
        }
    }
    for p in bare {
        if let Some(rest) = strip_letters(word, p) {
            if has_chars(rest, 3) {
                let stripped = strip_article(rest);
                let article = if stripped.len() < rest.len() { 2 } else { 0 };
                push(out, stripped, p.chars().count() + article, true);
            }
        }
    }
}

/// Adds a reading unless one already has that bare form. All readings are
/// suffixes of one word, so an equal length means an equal form.
fn push<'a>(out: &mut Vec<Reading<'a>>, bare: &'a str, prefix_chars: usize, guessed: bool) {
    if out.iter().any(|r| r.bare.len() == bare.len()) {
        return;
    }
    out.push(Reading {
        bare,
        prefix_chars,
        guessed,
    });
}

/// The conservative stem used for search: the article and any proclitics joined
/// to it removed (بالرقه, الرقه → رقه), other words unchanged (بلده stays).
pub fn search_stem(word: &str) -> &str {
    let r = readings(word);
    match r.get(1) {
        Some(second) if !second.guessed => second.bare,
        _ => r[0].bare,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sequence_with_the_article_comes_before_its_own_prefix() {
        // The first sequence with the article that matches wins, so one listed
        // after its own prefix would never be tried.
        for (c, with_article, bare) in &PROCLITICS.0 {
            assert!(with_article.iter().chain(bare).all(|p| p.starts_with(*c)));
            for (i, later) in with_article.iter().enumerate() {
                let earlier = &with_article[..i];
                assert!(
                    !earlier.iter().any(|e| later.starts_with(e.as_str())),
                    "{later} comes after one of its prefixes"
                );
            }
        }
    }

    #[test]
    fn bare_proclitics_are_shortest_first_and_strip_to_readings() {
        let all = bare_proclitics();
        assert!(all
            .windows(2)
            .all(|w| w[0].chars().count() <= w[1].chars().count()));
        // Each one, written before a word, gives that word back as a guess.
        for p in all {
            let word = format!("{p}حلب");
            assert!(
                readings(&word).iter().any(|r| r.bare == "حلب" && r.guessed),
                "{word}"
            );
        }
    }

    fn bares(w: &str) -> Vec<&str> {
        readings(w).into_iter().map(|r| r.bare).collect()
    }

    #[test]
    fn conjunction_and_article_letters() {
        assert_eq!(strip_conjunction("وحث"), Some("حث"));
        assert_eq!(strip_conjunction("فقتل"), Some("قتل"));
        assert_eq!(strip_conjunction("قتل"), None);
        for (w, want) in [
            ("الهجوم", true),
            ("بالقصف", true),
            ("للقوات", true),
            ("كالعاده", true),
            ("والانفجار", true),
            ("فبالقصف", true),
            ("هجوم", false),
            ("لاجئ", false),
            ("وهجوم", false),
        ] {
            assert_eq!(has_article(w), want, "{w}");
        }
    }

    #[test]
    fn readings_table() {
        // (word, expected readings in order)
        let table: &[(&str, &[&str])] = &[
            ("البوكمال", &["بوكمال"]),
            ("بالبوكمال", &["بالبوكمال", "بوكمال"]),
            ("والبوكمال", &["والبوكمال", "بوكمال"]),
            ("للبوكمال", &["للبوكمال", "بوكمال", "لبوكمال"]),
            ("وبالرقه", &["وبالرقه", "رقه", "بالرقه"]),
            ("ودير", &["ودير", "دير"]),
            ("بلده", &["بلده", "لده"]),
            ("فرات", &["فرات", "رات"]),
            ("لواء", &["لواء", "واء"]),
            ("كتائب", &["كتائب", "تائب"]),
            ("بريف", &["بريف", "ريف"]),
            ("وب", &["وب"]),
            ("ال", &["ال"]),
        ];
        for (w, want) in table {
            assert_eq!(bares(w), *want, "{w}");
        }
    }

    #[test]
    fn article_and_proclitic_letters() {
        assert!(
            begins_with_article("الرقه")
                && begins_with_article("الي")
                && !begins_with_article("رقه")
        );
        for (prefix, definite) in [
            ("ال", true),
            ("وال", true),
            ("لل", true),
            ("ول", false),
            ("", false),
        ] {
            assert_eq!(ends_in_article(prefix), definite, "{prefix}");
        }
        assert!(begins_with_proclitic_letter("بلده") && !begins_with_proclitic_letter("رقه"));
    }

    #[test]
    fn literal_reading_is_never_a_guess() {
        for w in ["بلده", "فرات", "والرقه", "ب"] {
            assert!(!readings(w)[0].guessed);
        }
        assert!(readings("ودير")[1].guessed);
        assert!(!readings("بالرقه")[1].guessed);
    }

    #[test]
    fn search_stem_table() {
        let table = [
            ("الرقه", "رقه"),
            ("بالرقه", "رقه"),
            ("للرقه", "رقه"),
            ("والرقه", "رقه"),
            ("رقه", "رقه"),
            ("بلده", "بلده"),
            ("فرات", "فرات"),
            ("لواء", "لواء"),
            ("كتائب", "كتائب"),
        ];
        for (w, want) in table {
            assert_eq!(search_stem(w), want, "{w}");
        }
    }

    /// The readings as first written, string prefix by string prefix.
    fn reference(word: &str) -> Vec<Reading<'_>> {
        fn has_chars(s: &str, n: usize) -> bool {
            n == 0 || s.chars().nth(n - 1).is_some()
        }
        fn prefix_len(word: &str, bare: &str) -> usize {
            word[..word.len() - bare.len()].chars().count()
        }
        fn strip(word: &str) -> &str {
            match word.strip_prefix("ال") {
                Some(rest) if has_chars(rest, 2) => rest,
                _ => word,
            }
        }
        fn add<'a>(out: &mut Vec<Reading<'a>>, word: &str, bare: &'a str, guessed: bool) {
            if !out.iter().any(|r| r.bare == bare) {
                let prefix_chars = prefix_len(word, bare);
                out.push(Reading {
                    bare,
                    prefix_chars,
                    guessed,
                });
            }
        }
        let with: [&str; 10] = [
            "وبال", "فبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل",
        ];
        let bare: [&str; 10] = ["وب", "فب", "ول", "فل", "وك", "و", "ف", "ب", "ل", "ك"];
        let literal = strip(word);
        let mut out = vec![Reading {
            bare: literal,
            prefix_chars: prefix_len(word, literal),
            guessed: false,
        }];
        if !word.starts_with(['و', 'ف', 'ب', 'ك', 'ل']) {
            return out;
        }
        for p in with {
            if let Some(rest) = word.strip_prefix(p) {
                if has_chars(rest, 2) {
                    add(&mut out, word, rest, false);
                    break;
                }
            }
        }
        for p in bare {
            if let Some(rest) = word.strip_prefix(p) {
                if has_chars(rest, 3) {
                    add(&mut out, word, strip(rest), true);
                }
            }
        }
        out
    }

    #[test]
    fn readings_agree_with_prefix_stripping() {
        // Every word of up to six letters over the proclitic letters, the
        // article's letters and two others, plus longer ones.
        let letters = ['و', 'ف', 'ب', 'ك', 'ل', 'ا', 'ر', 'ه'];
        let mut words: Vec<String> = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..6 {
            let next: Vec<String> = last
                .iter()
                .flat_map(|w| letters.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(next.iter().cloned());
            last = next;
        }
        words.extend(["وبالبوكمال", "فللرقه", "والرقّه", "كالx", "ب1", "لل ا"].map(String::from));
        for w in &words {
            assert_eq!(readings(w), reference(w), "{w}");
        }
    }

    #[test]
    fn strip_letters_is_strip_prefix() {
        for w in ["", "ا", "ال", "الرقه", "والرقه", "x", "الر"] {
            for p in ["", "ا", "ال", "وال", "الرقه"] {
                assert_eq!(strip_letters(w, p), w.strip_prefix(p), "{w} {p}");
            }
        }
    }

    #[test]
    fn prefixes_and_their_article() {
        for p in ["", "ال", "و", "وب", "وبال", "لل", "ولل", "فال", "ك", "كال"]
        {
            assert!(is_prefix(p), "{p}");
        }
        for p in ["ا", "بل", "كل", "والو", "x"] {
            assert!(!is_prefix(p), "{p}");
        }
        assert!(is_proclitic("وب") && is_proclitic("ك") && !is_proclitic("بال"));
        assert!(!is_proclitic("") && !is_proclitic("ال"));
        let table = [
            ("وبال", true, "وب"),
            ("لل", true, "ل"),
            ("ولل", true, "ول"),
            ("ال", true, ""),
            ("وب", false, "وب"),
            ("ل", false, "ل"),
            ("", false, ""),
        ];
        for (p, article, bare) in table {
            assert_eq!(ends_with_article(p), article, "{p}");
            assert_eq!(without_article(p), bare, "{p}");
        }
    }

    #[test]
    fn prefix_chars_count_what_was_removed() {
        let r = readings("وبالرقه");
        assert_eq!(r[1].prefix_chars, 4);
        assert_eq!(r[0].prefix_chars, 0);
    }
}
