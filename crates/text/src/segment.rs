//! Sentence segmentation of original text.

use rasad_record::Span;

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '\n' | '…')
}

/// True for the letters of the Arabic alphabet (hamza to yeh).
fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

/// `… في القدس.وأعلنت مصادر …`: a full stop between two Arabic letters is a
/// sentence end with its space left out (Arabic writes no abbreviations
/// with a dot, and numbers are digits).
fn glued_stop(prev: Option<char>, c: char, next: Option<char>) -> bool {
    c == '.' && prev.is_some_and(is_arabic_letter) && next.is_some_and(is_arabic_letter)
}

/// Splits `text` into sentences and returns their character spans, trimmed of
/// surrounding whitespace. A sentence ends at a line break, or at `.`, `!`, `?`,
/// `؟` or `…` followed by whitespace or the end (so `116.000` and `17.11.2017`
/// do not split), or at a full stop glued between two Arabic words.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    // Chars read so far; byte and char offsets of the sentence being read.
    let mut read = 0;
    let (mut from_byte, mut from_char) = (0, 0);
    let mut prev = None;
    while let Some((b, c)) = it.next() {
        read += 1;
        let before = prev.replace(c);
        if !is_terminal(c) {
            continue;
        }
        let next = it.peek().map(|&(_, n)| n);
        let ends = c == '\n'
            || next.is_none_or(|n| n.is_whitespace() || is_terminal(n))
            || glued_stop(before, c, next);
        if !ends {
            continue;
        }
        let mut to_byte = b + c.len_utf8();
        // `!!`, `?!`, `...` stay with the sentence they end.
        while let Some(&(nb, n)) = it.peek().filter(|&&(_, n)| is_terminal(n) && n != '\n') {
            it.next();
            read += 1;
            to_byte = nb + n.len_utf8();
        }
        push_trimmed(text, from_byte..to_byte, from_char, &mut out);
        (from_byte, from_char) = (to_byte, read);
    }
    push_trimmed(text, from_byte..text.len(), from_char, &mut out);
    out
}

/// Adds the span of `text[bytes]` without its surrounding whitespace, unless
/// nothing is left; `from_char` is the char offset of `bytes.start`.
fn push_trimmed(text: &str, bytes: std::ops::Range<usize>, from_char: usize, out: &mut Vec<Span>) {
    let piece = &text[bytes];
    let rest = piece.trim_start();
    let trimmed = rest.trim_end();
    if trimmed.is_empty() {
        return;
    }
    let start = from_char + piece[..piece.len() - rest.len()].chars().count();
    out.push(Span::new(start, start + trimmed.chars().count()));
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

    /// The segmentation as first written, over a vector of chars.
    fn reference(text: &str) -> Vec<Span> {
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
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let ends = c == '\n'
                || (is_terminal(c)
                    && chars
                        .get(i + 1)
                        .is_none_or(|n| n.is_whitespace() || is_terminal(*n)))
                || glued_stop(prev, c, chars.get(i + 1).copied());
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

    #[test]
    fn agrees_with_the_char_vector_version() {
        let alphabet: Vec<char> = "اب .!?؟…\n\t1،".chars().collect();
        let mut x = 99u32;
        for len in 0..200 {
            let s: String = (0..len % 40)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    alphabet[(x >> 16) as usize % alphabet.len()]
                })
                .collect();
            assert_eq!(sentences(&s), reference(&s), "{s:?}");
        }
    }

    #[test]
    fn table() {
        let table: &[(&str, &[&str])] = &[
            ("قتل 5. وجرح 3.", &["قتل 5.", "وجرح 3."]),
            ("بلغ 116.000 نسمة.", &["بلغ 116.000 نسمة."]),
            ("هل انسحب؟ نعم!!", &["هل انسحب؟", "نعم!!"]),
            ("سطر أول\n\nسطر ثان", &["سطر أول", "سطر ثان"]),
            ("في 17.11.2017 حدث", &["في 17.11.2017 حدث"]),
            ("قصف البلدة.وقال مسعف", &["قصف البلدة.", "وقال مسعف"]),
            ("بلغ 5.وقال", &["بلغ 5.وقال"]),
            ("", &[]),
            ("   \n ", &[]),
        ];
        for (text, want) in table {
            assert_eq!(cut(text), *want, "{text:?}");
        }
    }
}
