//! Numbers written in digits, on the search key (where Arabic-Indic and Persian
//! digits are already ASCII; `٫` and `٬` are kept).
//!
//! Separators: `٬` always groups thousands, `٫` is always a decimal point. A `.`
//! or `,` followed by exactly three digits groups thousands (`116.000`,
//! `1,500`); a `.` followed by another count of digits is a decimal point
//! (`3.5`); a `,` followed by another count ends the number (a list). Numeric
//! dates (`17/11/2017`, `2017-11-17`, `17.11.2017`, `11/2017`) and clock times
//! (`16:40`) are recognised so callers can skip them; `10-15` is a range.

/// What a run of digits and separators is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Literal {
    /// A number. `grouped` when thousands separators were read; `alt` is the
    /// decimal reading of a single `.`-group (`1.500` → 1.5), for use before a
    /// scale word (`1.500 مليون`).
    Number {
        value: f64,
        decimal: bool,
        grouped: bool,
        digits: usize,
        alt: Option<f64>,
    },
    /// `A-B` with A < B, both plain integers.
    Range { low: f64, high: f64 },
    /// A numeric date or clock time: never a quantity.
    DateOrTime,
}

/// A literal and the byte length it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scan {
    pub literal: Literal,
    pub len: usize,
}

fn digit_run(b: &[u8], at: usize) -> usize {
    b[at.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

fn value_of(digits: &[u8]) -> f64 {
    digits
        .iter()
        .fold(0.0f64, |acc, d| acc * 10.0 + f64::from(d - b'0'))
}

/// The separator at byte `at` of `s`, with its byte length.
fn sep_at(s: &str, at: usize) -> Option<(char, usize)> {
    let c = s.get(at..)?.chars().next()?;
    matches!(c, '.' | ',' | '٬' | '٫' | '/' | '-' | ':').then(|| (c, c.len_utf8()))
}

/// Most digits of each end of a range (`10-15`); longer runs are codes.
const MAX_RANGE_DIGITS: usize = 6;

/// Fraction digits read (an `f64` holds no more that matter).
const MAX_FRACTION_DIGITS: usize = 12;

/// Reads the digit literal at the start of `s` (which must start with an ASCII
/// digit). Returns `None` when `s` does not start with a digit.
pub fn scan(s: &str) -> Option<Scan> {
    let first = digit_run(s.as_bytes(), 0);
    if first == 0 {
        return None;
    }
    // Dates and clock times first: they look like grouped or decimal numbers.
    if let Some(len) = date_or_time(s, first) {
        return Some(Scan {
            literal: Literal::DateOrTime,
            len,
        });
    }
    let g = match groups(s, first) {
        Ok(g) => g,
        Err(range) => return Some(range),
    };
    let decimal = g.frac.is_some();
    let value = value_of(&g.digits) + g.frac.map_or(0.0, fraction);
    // `1.500` may be 1.5 before a scale word (`1.500 مليون`).
    let alt = (g.groups == 1 && g.dot_groups == 1 && !decimal).then(|| value / 1000.0);
    Some(Scan {
        literal: Literal::Number {
            value,
            decimal,
            grouped: g.grouped,
            digits: g.digits.len(),
            alt,
        },
        len: g.len,
    })
}

/// The digits of a number and how they were grouped.
struct Groups<'s> {
    /// The integer digits, separators left out.
    digits: Vec<u8>,
    /// Thousands separators were read.
    grouped: bool,
    /// Groups of three after a separator, and how many after a `.`.
    groups: usize,
    dot_groups: usize,
    /// The digits after a decimal separator.
    frac: Option<&'s [u8]>,
    /// Bytes read.
    len: usize,
}

/// Reads thousands groups (`116.000`, `١٢٬٠٠٠`, `1,500`) or a fraction
/// (`3.5`, `٣٫٥`) after the first `first` digits of `s`; `Err` with the
/// literal when they start a range of two plain integers (`10-15`).
fn groups(s: &str, first: usize) -> Result<Groups<'_>, Scan> {
    let b = s.as_bytes();
    let mut g = Groups {
        digits: b[..first].to_vec(),
        grouped: false,
        groups: 0,
        dot_groups: 0,
        frac: None,
        len: first,
    };
    while let Some((c, clen)) = sep_at(s, g.len) {
        let n = digit_run(b, g.len + clen);
        if n == 0 {
            break;
        }
        let next = &b[g.len + clen..g.len + clen + n];
        match c {
            '٬' | '.' | ',' if n == 3 => {
                g.digits.extend_from_slice(next);
                g.grouped = true;
                g.groups += 1;
                g.dot_groups += usize::from(c == '.');
                g.len += clen + n;
            }
            '٫' | '.' if !g.grouped => {
                g.frac = Some(next);
                g.len += clen + n;
                break;
            }
            '-' if !g.grouped => {
                let (low, high) = (value_of(&g.digits), value_of(next));
                if n <= MAX_RANGE_DIGITS && first <= MAX_RANGE_DIGITS && low < high {
                    return Err(Scan {
                        literal: Literal::Range { low, high },
                        len: g.len + clen + n,
                    });
                }
                break;
            }
            _ => break,
        }
    }
    Ok(g)
}

/// The value of fraction digits: `5` → 0.5.
fn fraction(f: &[u8]) -> f64 {
    let mut scale = 1.0f64;
    let mut part = 0.0f64;
    for d in f.iter().take(MAX_FRACTION_DIGITS) {
        scale /= 10.0;
        part += f64::from(d - b'0') * scale;
    }
    part
}

/// Length of a numeric date or clock time at the start of `s` (whose first
/// `first` bytes are digits).
fn date_or_time(s: &str, first: usize) -> Option<usize> {
    let b = s.as_bytes();
    let (c1, l1) = sep_at(s, first)?;
    let n2 = digit_run(b, first + l1);
    if n2 == 0 {
        return None;
    }
    let p2 = first + l1 + n2;
    if c1 == ':' {
        return (first <= 2 && n2 == 2).then(|| {
            // hh:mm or hh:mm:ss
            match sep_at(s, p2) {
                Some((':', l)) if digit_run(b, p2 + l) == 2 => p2 + l + 2,
                _ => p2,
            }
        });
    }
    if !matches!(c1, '/' | '-' | '.') {
        return None;
    }
    if let Some((c2, l2)) = sep_at(s, p2) {
        let n3 = digit_run(b, p2 + l2);
        if c2 == c1 && n3 > 0 {
            let day_first = first <= 2 && n2 <= 2 && (n3 == 2 || n3 == 4);
            let year_first = first == 4 && n2 <= 2 && n3 <= 2;
            if day_first || year_first {
                return Some(p2 + l2 + n3);
            }
        }
    }
    // month/year: 11/2017, 2017/11
    if c1 == '/' && ((first <= 2 && n2 == 4) || (first == 4 && n2 <= 2)) {
        return Some(p2);
    }
    // A year range 2011-2012 or 2011/2012.
    if (c1 == '-' || c1 == '/') && first == 4 && n2 == 4 {
        let y1 = value_of(&b[..4]);
        if (1900.0..=2100.0).contains(&y1) {
            return Some(p2);
        }
    }
    None
}

/// Parses a whole string of digits (ASCII, Arabic-Indic or Persian) with
/// separators: `"116.000"` → 116000, `"٣٫٥"` → 3.5. `None` for anything else,
/// including dates, clock times and ranges.
pub fn parse_digits(text: &str) -> Option<f64> {
    let k = rasad_text::key(text);
    let k = k.trim();
    match scan(k)? {
        Scan {
            literal: Literal::Number { value, .. },
            len,
        } if len == k.len() => Some(value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&str, Option<f64>)] = &[
            ("18", Some(18.0)),
            ("116.000", Some(116000.0)),
            ("1,500", Some(1500.0)),
            ("1.250.000", Some(1250000.0)),
            ("3.5", Some(3.5)),
            ("٣٫٥", Some(3.5)),
            ("٨٥", Some(85.0)),
            ("۲۵", Some(25.0)),
            ("١٢٬٠٠٠", Some(12000.0)),
            ("17/11/2017", None),
            ("16:40", None),
            ("10-15", None),
            ("x", None),
            ("", None),
        ];
        for (t, want) in cases {
            assert_eq!(parse_digits(t), *want, "{t}");
        }
    }

    #[test]
    fn scans() {
        assert_eq!(scan("17.11.2017 x").unwrap().literal, Literal::DateOrTime);
        assert_eq!(scan("2017-11-17").unwrap().literal, Literal::DateOrTime);
        assert_eq!(scan("11/2017").unwrap().literal, Literal::DateOrTime);
        assert_eq!(scan("2011-2012").unwrap().literal, Literal::DateOrTime);
        assert_eq!(
            scan("10-15 قتيلا").unwrap(),
            Scan {
                literal: Literal::Range {
                    low: 10.0,
                    high: 15.0
                },
                len: 5
            }
        );
        // A comma followed by a space is punctuation, not a separator.
        assert_eq!(scan("5, و3").unwrap().len, 1);
        // A list 5,6 is not a decimal.
        assert_eq!(scan("5,6").unwrap().len, 1);
        match scan("1.500 مليون").unwrap().literal {
            Literal::Number { value, alt, .. } => {
                assert_eq!(value, 1500.0);
                assert_eq!(alt, Some(1.5));
            }
            other => panic!("{other:?}"),
        }
    }
}
