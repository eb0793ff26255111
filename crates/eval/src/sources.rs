//! When two source names name the same source, as `shared/tools/score`
//! decides it: one alias group (SANA, SOHR, AFP, Reuters), or the words of
//! one inside the other's on word boundaries, with case endings folded.

use crate::normalize::{letters, py_split};
use crate::score::spans_of;
use crate::tables::{has, tables};
use std::sync::OnceLock;

/// The words of a source name (`letters`), the case endings of words of five
/// letters or more folded to `ين`: `ناشطون` = `ناشطين`, `شاهدان` = `شاهدين`.
pub fn source_tokens(name: &str) -> Vec<String> {
    let sources = &tables().sources;
    py_split(&letters(name))
        .map(|t| {
            let chars: Vec<char> = t.chars().collect();
            let n = chars.len();
            let ending: String = chars[n.saturating_sub(2)..].iter().collect();
            if n >= 5 && has(&sources.case_endings, &ending) {
                chars[..n - 2].iter().collect::<String>() + &sources.case_ending
            } else {
                t.to_string()
            }
        })
        .collect()
}

/// True when `small`'s letters occur in `big` from a word start to a word
/// end (spacing inside may differ: `عبد الرحمن` = `عبدالرحمن`), so that
/// `سانا` is not found inside `الإنسانية`.
///
/// ```
/// use rasad_eval::sources::{contains_words, source_tokens};
/// let big = source_tokens("منظمة الإنسانية");
/// assert!(!contains_words(&big, &source_tokens("سانا")));
/// assert!(contains_words(&source_tokens("رامي عبدالرحمن"), &source_tokens("عبد الرحمن")));
/// ```
pub fn contains_words<S: AsRef<str>>(big: &[S], small: &[S]) -> bool {
    let b: String = big.iter().map(AsRef::as_ref).collect();
    let sm: String = small.iter().map(AsRef::as_ref).collect();
    if sm.is_empty() {
        return false;
    }
    let mut bounds = vec![0i128];
    let mut pos = 0i128;
    for t in big {
        pos += t.as_ref().chars().count() as i128;
        bounds.push(pos);
    }
    let len = sm.chars().count() as i128;
    spans_of(&b, &sm)
        .iter()
        .any(|&(i, _)| bounds.contains(&i) && bounds.contains(&(i + len)))
}

/// Every alias's words with its group, longest first (ties in table order).
fn alias_tokens() -> &'static [(Vec<String>, usize)] {
    static TOKENS: OnceLock<Vec<(Vec<String>, usize)>> = OnceLock::new();
    TOKENS.get_or_init(|| {
        let mut out: Vec<(Vec<String>, usize)> = tables()
            .sources
            .aliases
            .iter()
            .enumerate()
            .flat_map(|(gi, grp)| grp.iter().map(move |a| (source_tokens(a), gi)))
            .collect();
        out.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        out
    })
}

/// The alias group whose name occurs in these words, the longest name first.
fn source_group(toks: &[String]) -> Option<usize> {
    alias_tokens()
        .iter()
        .find(|(alias, _)| contains_words(toks, alias))
        .map(|(_, gi)| *gi)
}

/// Two source names name the same source: both in one alias group, or (when
/// either has none) one's words inside the other's.
///
/// ```
/// use rasad_eval::sources::source_match;
/// assert!(source_match("سانا", "الوكالة العربية السورية للأنباء"));
/// assert!(source_match("ناشطون", "ناشطين محليين"));
/// assert!(!source_match("سانا", "المرصد السوري"));
/// ```
pub fn source_match(a: &str, b: &str) -> bool {
    let (ta, tb) = (source_tokens(a), source_tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return false;
    }
    if let (Some(ga), Some(gb)) = (source_group(&ta), source_group(&tb)) {
        return ga == gb;
    }
    contains_words(&ta, &tb) || contains_words(&tb, &ta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_endings_fold() {
        let cases = [
            ("ناشطون", vec!["ناشطين"]),
            ("شاهدان", vec!["شاهدين"]),
            ("مصادر محلية", vec!["مصادر", "محليه"]),
            // Four letters: kept.
            ("عيان", vec!["عيان"]),
        ];
        for (name, want) in cases {
            assert_eq!(source_tokens(name), want, "{name}");
        }
    }

    #[test]
    fn match_table() {
        let cases = [
            ("المرصد السوري لحقوق الإنسان", "رامي عبد الرحمن", true),
            ("وكالة فرانس برس", "أ ف ب", true),
            ("رويترز", "وكالة رويترز للأنباء", true),
            ("سانا", "رويترز", false),
            ("مصادر أهلية", "مصادر أهلية في المدينة", true),
            ("مصادر", "مصادرنا", false),
            ("الدفاع المدني", "", false),
            ("شهود عيان", "شاهدان", false),
        ];
        for (a, b, want) in cases {
            assert_eq!(source_match(a, b), want, "{a} / {b}");
            assert_eq!(source_match(b, a), want, "{b} / {a}");
        }
    }
}
