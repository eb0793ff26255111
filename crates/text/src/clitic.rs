//! Proclitics and the article on normalized (key) words.
//!
//! Arabic writes the conjunctions و ف, the prepositions ب ك ل and the article ال
//! joined to the next word: بالبوكمال is ب + ال + بوكمال. Stripping them blindly
//! breaks words that merely begin with those letters (بلدة، فرات، لواء، كتائب),
//! so this module only proposes readings: [`readings`] lists the possible bare
//! forms of a word, most literal first, and a dictionary decides which one is a
//! word it knows.

/// True when `s` has at least `n` chars (without counting all of them).
fn has_chars(s: &str, n: usize) -> bool {
    n == 0 || s.chars().nth(n - 1).is_some()
}

/// Chars of `word` before its suffix `bare`.
fn prefix_len(word: &str, bare: &str) -> usize {
    word[..word.len() - bare.len()].chars().count()
}

/// Strips the article from a key word: الرقه → رقه. Needs two letters after it.
pub fn strip_article(word: &str) -> &str {
    match word.strip_prefix("ال") {
        Some(rest) if has_chars(rest, 2) => rest,
        _ => word,
    }
}

/// Proclitic sequences that end in the article (or `لل` = ل + ال): stripping them
/// is safe because the article is unambiguous.
const WITH_ARTICLE: &[&str] = &[
    "وبال", "فبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل",
];

/// Proclitic sequences without an article: stripping them is only a guess.
const BARE: &[&str] = &["وب", "فب", "ول", "فل", "وك", "و", "ف", "ب", "ل", "ك"];

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
        prefix_chars: prefix_len(word, literal),
        guessed: false,
    });
    // Every proclitic starts with one of these letters; most words do not.
    if !word.starts_with(['و', 'ف', 'ب', 'ك', 'ل']) {
        return;
    }
    for p in WITH_ARTICLE {
        if let Some(rest) = word.strip_prefix(p) {
            if has_chars(rest, 2) {
                push(out, word, rest, false);
                break;
            }
        }
    }
    for p in BARE {
        if let Some(rest) = word.strip_prefix(p) {
            if has_chars(rest, 3) {
                let bare = strip_article(rest);
                push(out, word, bare, true);
            }
        }
    }
}

fn push<'a>(out: &mut Vec<Reading<'a>>, word: &str, bare: &'a str, guessed: bool) {
    if out.iter().any(|r| r.bare == bare) {
        return;
    }
    out.push(Reading {
        bare,
        prefix_chars: prefix_len(word, bare),
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

    fn bares(w: &str) -> Vec<&str> {
        readings(w).into_iter().map(|r| r.bare).collect()
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

    #[test]
    fn prefix_chars_count_what_was_removed() {
        let r = readings("وبالرقه");
        assert_eq!(r[1].prefix_chars, 4);
        assert_eq!(r[0].prefix_chars, 0);
    }
}
