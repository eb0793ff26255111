//! Cuts the search key into words, numbers and punctuation marks, remembering
//! what separates them (nothing, spaces, or a line break).

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A run of letters.
    Word,
    /// A run of ASCII digits.
    Num,
    /// One punctuation or symbol character.
    Punct,
}

/// What lies between a token and the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Nothing: the tokens touch (`ال` + `10` in `الـ10`).
    None,
    /// Spaces.
    Space,
    /// At least one line break.
    Line,
}

/// A token of the key: byte range `[s, e)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub s: u32,
    pub e: u32,
    pub kind: Kind,
    pub gap: Gap,
}

/// Letters, with fast paths for ASCII and the Arabic block (the general
/// Unicode table lookup dominated the run time).
#[inline]
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{0621}'..='\u{064A}' => true,
        _ if c.is_ascii() => false,
        ' ' | '\u{060C}' | '\u{061B}' | '\u{061F}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Tokens of `key`. Letters and digits are split apart, so `ال10` gives `ال`
/// and `10`, and `1440ه` gives `1440` and `ه`.
pub fn scan(key: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(key.len() / 8);
    let mut gap = Gap::Line;
    let mut cur: Option<(usize, Kind)> = None;
    for (b, c) in key.char_indices() {
        let kind = if c.is_ascii_digit() {
            Some(Kind::Num)
        } else if is_letter(c) {
            Some(Kind::Word)
        } else if c.is_whitespace() {
            None
        } else {
            Some(Kind::Punct)
        };
        if let Some((s, k)) = cur {
            if Some(k) != kind || k == Kind::Punct {
                out.push(Tok {
                    s: s as u32,
                    e: b as u32,
                    kind: k,
                    gap,
                });
                gap = Gap::None;
                cur = None;
            }
        }
        match kind {
            None => {
                if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                    gap = Gap::Line;
                } else if gap == Gap::None {
                    gap = Gap::Space;
                }
            }
            Some(k) => {
                if cur.is_none() {
                    cur = Some((b, k));
                }
            }
        }
    }
    if let Some((s, k)) = cur {
        out.push(Tok {
            s: s as u32,
            e: key.len() as u32,
            kind: k,
            gap,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_letters_digits_punct() {
        let key = "ال10 من ايلول, 17/11/2017\nامس";
        let toks = scan(key);
        let words: Vec<&str> = toks
            .iter()
            .map(|t| &key[t.s as usize..t.e as usize])
            .collect();
        assert_eq!(
            words,
            [
                "ال",
                "10",
                "من",
                "ايلول",
                ",",
                "17",
                "/",
                "11",
                "/",
                "2017",
                "امس"
            ]
        );
        assert_eq!(toks[1].gap, Gap::None);
        assert_eq!(toks[2].gap, Gap::Space);
        assert_eq!(toks[10].gap, Gap::Line);
    }
}
