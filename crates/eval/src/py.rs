//! The few pieces of Python semantics the scorer's results depend on, applied
//! to JSON values: truthiness, `==` between numbers, `str()` and `repr()` (for
//! the notes), `round(x, 3)` and `date.fromisoformat`.

use serde_json::Value;

/// Python truthiness of a JSON value (`None`, `0`, `""`, `[]`, `{}` are false).
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// A JSON number (or bool, which Python treats as 0/1) as an exact integer or a float.
enum Num {
    Int(i128),
    Float(f64),
}

fn num(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(i128::from(*b))),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(Num::Int(i128::from(i)))
            } else if let Some(u) = n.as_u64() {
                Some(Num::Int(i128::from(u)))
            } else {
                n.as_f64().map(Num::Float)
            }
        }
        _ => None,
    }
}

fn num_eq(a: &Num, b: &Num) -> bool {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => x == y,
        (Num::Float(x), Num::Float(y)) => x == y,
        (Num::Int(i), Num::Float(f)) | (Num::Float(f), Num::Int(i)) => {
            f.fract() == 0.0 && f.abs() < 1e38 && (*f as i128) == *i
        }
    }
}

/// Python `==` between two JSON values (`18 == 18.0`, `True == 1`).
pub fn py_eq(a: &Value, b: &Value) -> bool {
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return num_eq(&x, &y);
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        _ => false,
    }
}

/// Python `repr(float)`: the shortest round-trip digits, in fixed notation for
/// exponents from -4 to 15 and scientific (`1e+16`) otherwise.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let sci = format!("{:e}", x);
    let (mant, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if neg { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let point = exp + 1;
        let body = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            let (a, b) = digits.split_at(point as usize);
            format!("{a}.{b}")
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1);
        let m = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{esign}{:02}", exp.abs())
    }
}

fn number_str(n: &serde_json::Number) -> String {
    if n.is_f64() {
        float_repr(n.as_f64().unwrap_or(0.0))
    } else {
        n.to_string()
    }
}

/// Python `str()` of a JSON value as the scorer formats it in f-strings.
pub fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        _ => py_repr(v),
    }
}

/// Python `repr()` of a JSON value (`'text'`, `None`, `True`, `[1, 'a']`).
pub fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => number_str(n),
        Value::String(s) => str_repr(s),
        Value::Array(a) => list_repr(a.iter()),
        Value::Object(o) => {
            let items: Vec<String> = o
                .iter()
                .map(|(k, v)| format!("{}: {}", str_repr(k), py_repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// Python `repr()` of a list of values.
pub fn list_repr<'a>(items: impl Iterator<Item = &'a Value>) -> String {
    format!("[{}]", items.map(py_repr).collect::<Vec<_>>().join(", "))
}

/// Python `repr()` of a list of strings.
pub fn str_list_repr<S: AsRef<str>>(items: &[S]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|s| str_repr(s.as_ref()))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Python `repr()` of a tuple of values.
pub fn tuple_repr(items: &[&Value]) -> String {
    let inner: Vec<String> = items.iter().map(|v| py_repr(v)).collect();
    if inner.len() == 1 {
        format!("({},)", inner[0])
    } else {
        format!("({})", inner.join(", "))
    }
}

/// Python's `str.isprintable()` for one character. Unassigned code points
/// (category Cn) are not known here and count as printable.
fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    let u = c as u32;
    let not = matches!(u,
        // Cc
        0x00..=0x1F | 0x7F..=0x9F
        // Zs, Zl, Zp
        | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000
        // Cf
        | 0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891 | 0x8E2 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF
        | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F
        // Co
        | 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD);
    !not
}

/// Python `repr()` of a string: single quotes unless the text holds a single
/// quote and no double quote; backslash escapes for the unprintable.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// Python `round(x, 3)`: correctly rounded to three decimals, ties to even.
pub fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

/// Days since 0001-01-01 (proleptic Gregorian), for a valid date.
fn ordinal(y: i64, m: i64, d: i64) -> i64 {
    let y1 = y - 1;
    let before_year = y1 * 365 + y1 / 4 - y1 / 100 + y1 / 400;
    const CUM: [i64; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    before_year + CUM[(m - 1) as usize] + i64::from(leap && m > 2) + d
}

fn days_in_month(y: i64, m: i64) -> i64 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(b: &[u8], at: &mut usize, n: usize) -> Option<i64> {
    let mut v = 0i64;
    for _ in 0..n {
        let c = *b.get(*at)?;
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
        *at += 1;
    }
    Some(v)
}

fn has_53_weeks(y: i64) -> bool {
    // Jan 1 weekday (0 = Monday) of year y; 53 weeks when it is a Thursday, or a
    // Wednesday in a leap year.
    let wd = (ordinal(y, 1, 1) + 6) % 7;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    wd == 3 || (wd == 2 && leap)
}

/// Python 3.11 `datetime.date.fromisoformat` as the scorer calls it, returning
/// the date as a day ordinal. Like CPython it reads `YYYY-MM-DD`, `YYYYMMDD`
/// and the ISO week forms, ignores anything after the date, and requires a
/// UTF-8 length of 7, 8 or 10 bytes.
pub fn py_fromisoformat(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if !matches!(b.len(), 7 | 8 | 10) {
        return None;
    }
    let mut at = 0;
    let year = digits(b, &mut at, 4)?;
    let sep = b.get(at) == Some(&b'-');
    if sep {
        at += 1;
    }
    let (y, m, d) = if b.get(at) == Some(&b'W') {
        at += 1;
        let week = digits(b, &mut at, 2)?;
        let day = if at < b.len() {
            if sep {
                if b.get(at) != Some(&b'-') {
                    return None;
                }
                at += 1;
            }
            digits(b, &mut at, 1)?
        } else {
            1
        };
        if week <= 0 || week >= 53 && !(week == 53 && has_53_weeks(year)) {
            return None;
        }
        if !(1..=7).contains(&day) {
            return None;
        }
        // Monday of week 1 is the Monday on or before 4 January.
        let jan4 = ordinal(year.max(1), 1, 4) - if year < 1 { 365 } else { 0 };
        let monday1 = jan4 - (jan4 + 6) % 7;
        let ord = monday1 + (week - 1) * 7 + (day - 1);
        return (ord >= 1 && ord <= ordinal(9999, 12, 31)).then_some(ord);
    } else {
        let m = digits(b, &mut at, 2)?;
        if sep {
            if b.get(at) != Some(&b'-') {
                return None;
            }
            at += 1;
        }
        let d = digits(b, &mut at, 2)?;
        (year, m, d)
    };
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(ordinal(y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equality_is_numeric() {
        assert!(py_eq(&json!(18), &json!(18.0)));
        assert!(py_eq(&json!(true), &json!(1)));
        assert!(!py_eq(&json!(18), &json!("18")));
        assert!(py_eq(&json!(null), &json!(null)));
        assert!(!py_eq(&json!(18.5), &json!(18)));
        assert!(py_eq(&json!(["a", 1]), &json!(["a", 1.0])));
    }

    #[test]
    fn float_repr_table() {
        let cases = [
            (0.0, "0.0"),
            (1.0, "1.0"),
            (0.667, "0.667"),
            (18.0, "18.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1e16, "1e+16"),
            (123456789012345.6, "123456789012345.6"),
            (-2.5, "-2.5"),
            (1.5e-7, "1.5e-07"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(x), want, "{x}");
        }
    }

    #[test]
    fn repr_table() {
        assert_eq!(py_repr(&json!("داعش")), "'داعش'");
        assert_eq!(py_repr(&json!("it's")), "\"it's\"");
        assert_eq!(py_repr(&json!("a'b\"c")), "'a\\'b\"c'");
        assert_eq!(py_repr(&json!("x\u{200f}\n")), "'x\\u200f\\n'");
        assert_eq!(py_repr(&json!(null)), "None");
        assert_eq!(py_repr(&json!(["a", null, 2, 2.0])), "['a', None, 2, 2.0]");
        assert_eq!(
            tuple_repr(&[&json!("ISIS"), &json!("killed"), &json!(18)]),
            "('ISIS', 'killed', 18)"
        );
        assert_eq!(py_str(&json!("2018")), "2018");
        assert_eq!(py_str(&json!(2018)), "2018");
    }

    #[test]
    fn rounding_is_half_even_on_exact_values() {
        assert_eq!(round3(0.0625), 0.062);
        assert_eq!(round3(2.0 / 3.0), 0.667);
        assert_eq!(round3(0.0005), 0.001);
        assert_eq!(round3(0.0015), 0.002);
        assert_eq!(round3(1.0), 1.0);
    }

    #[test]
    fn fromisoformat_table() {
        let d = |y, m, dd| Some(ordinal(y, m, dd));
        assert_eq!(py_fromisoformat("2018-12-27"), d(2018, 12, 27));
        assert_eq!(py_fromisoformat("2018-W05-3"), d(2018, 1, 31));
        assert_eq!(py_fromisoformat("20181227T1"), d(2018, 12, 27));
        assert_eq!(py_fromisoformat("2018W053xx"), d(2018, 1, 31));
        assert_eq!(py_fromisoformat("2018-02-30"), None);
        assert_eq!(py_fromisoformat("0000-01-01"), None);
        assert_eq!(py_fromisoformat("٢٠١٨-١٢-٢٧"), None);
        assert_eq!(py_fromisoformat("2018-12-2 "), None);
        assert_eq!(py_fromisoformat("XXXX-10-13"), None);
        assert_eq!(py_fromisoformat("2020-W53-1"), d(2020, 12, 28));
        assert_eq!(py_fromisoformat("2019-W53-1"), None);
        assert_eq!(ordinal(2019, 1, 1) - ordinal(2018, 12, 31), 1);
    }
}
