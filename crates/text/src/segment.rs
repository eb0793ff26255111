//! Sentence segmentation of original text.

use rasad_record::Span;

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '\n' | '…')
}

/// Splits `text` into sentences and returns their character spans, trimmed of
/// surrounding whitespace. A sentence ends at a line break, or at `.`, `!`, `?`,
/// `؟` or `…` followed by whitespace or the end (so `116.000` and `17.11.2017`
/// do not split).
pub fn sentences(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let ends = c == '\n'
            || (is_terminal(c)
                && chars
                    .get(i + 1)
                    .is_none_or(|n| n.is_whitespace() || is_terminal(*n)));
        if ends {
            let mut j = i + 1;
            while j < chars.len() && is_terminal(chars[j]) && chars[j] != '\n' {
                j += 1;
            }
            push_trimmed(&chars, start, j, &mut out);
            start = j;
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(&chars, start, chars.len(), &mut out);
    out
}

fn push_trimmed(chars: &[char], mut s: usize, mut e: usize, out: &mut Vec<Span>) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if e > s {
        out.push(Span::new(s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        sentences(text)
            .into_iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn table() {
        let table: &[(&str, &[&str])] = &[
            ("قتل 5. وجرح 3.", &["قتل 5.", "وجرح 3."]),
            ("بلغ 116.000 نسمة.", &["بلغ 116.000 نسمة."]),
            ("هل انسحب؟ نعم!!", &["هل انسحب؟", "نعم!!"]),
            ("سطر أول\n\nسطر ثان", &["سطر أول", "سطر ثان"]),
            ("في 17.11.2017 حدث", &["في 17.11.2017 حدث"]),
            ("", &[]),
            ("   \n ", &[]),
        ];
        for (text, want) in table {
            assert_eq!(cut(text), *want, "{text:?}");
        }
    }
}
