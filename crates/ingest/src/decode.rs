//! Turning bytes into text: byte-order marks, declared HTML charsets, UTF-8,
//! and a guess biased towards the Arabic legacy encodings (windows-1256,
//! ISO-8859-6) when nothing says which encoding a file uses.

use encoding_rs::{Encoding, ISO_8859_6, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1256};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// How many bytes at the start of an HTML file are searched for `<meta charset>`.
const SNIFF_BYTES: usize = 4096;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("static regex")
});

/// Decoded text and how many invalid UTF-8 sequences were replaced in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Invalid sequences replaced with U+FFFD (text read as UTF-8 that was
    /// not all valid); 0 otherwise.
    pub replaced: usize,
}

/// At most one invalid sequence per this many characters lets text that is
/// not valid UTF-8 still be read as UTF-8 (a stray cp1252 `’` or Latin-1
/// `é` in a UTF-8 file); so does text with ten valid multi-byte characters
/// for each invalid sequence. Legacy Arabic text fails on nearly every letter.
const UTF8_MAX_BAD_PER: usize = 100;

/// Decodes `bytes` to a string, or says in one line why it cannot be read as text.
///
/// `html` enables the `<meta charset>` / `http-equiv` declaration.
pub fn decode(bytes: &[u8], html: bool) -> Result<String, String> {
    decode_report(bytes, html).map(|d| d.text)
}

/// [`decode`], also counting the invalid UTF-8 sequences replaced when text
/// that is mostly UTF-8 (or declares `utf-8`) is read as UTF-8.
pub fn decode_report(bytes: &[u8], html: bool) -> Result<Decoded, String> {
    let clean = |r: Result<String, String>| r.map(|text| Decoded { text, replaced: 0 });
    if let Some(lossy) = mostly_utf8(bytes, html) {
        let (text, replaced) = lossy;
        return check_text(text).map(|text| Decoded { text, replaced });
    }
    clean(decode_strict(bytes, html))
}

/// Text that is not valid UTF-8 but is UTF-8 all the same: an HTML page
/// declaring `utf-8`, or text with at most one invalid sequence in
/// [`UTF8_MAX_BAD_PER`] characters. Returns the text with the invalid
/// sequences replaced, and their count.
fn mostly_utf8(bytes: &[u8], html: bool) -> Option<(String, usize)> {
    if bytes.is_empty() || Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok()
    {
        return None;
    }
    if bytes.contains(&0) {
        return None;
    }
    let declared = html && declared_charset(bytes) == Some(UTF_8);
    let mut text = String::with_capacity(bytes.len());
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            bad += 1;
            text.push('\u{FFFD}');
        }
    }
    let chars = text.chars().count();
    // valid multi-byte sequences: legacy one-byte text forms them only by chance
    let multibyte = text
        .chars()
        .filter(|c| c.len_utf8() > 1 && *c != '\u{FFFD}')
        .count();
    let mostly = bad * UTF8_MAX_BAD_PER <= chars || multibyte >= 10 * bad;
    (declared || mostly).then_some((text, bad))
}

/// Decodes `bytes` without accepting invalid UTF-8.
fn decode_strict(bytes: &[u8], html: bool) -> Result<String, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = enc.decode_without_bom_handling(rest);
        if had_errors {
            return Err(format!(
                "not valid {} after its byte-order mark",
                enc.name()
            ));
        }
        return check_text(text.into_owned());
    }
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return check_text(s.to_owned());
    }
    if html {
        if let Some(enc) = declared_charset(bytes) {
            if enc != UTF_8 {
                let (text, _, had_errors) = enc.decode(bytes);
                if !had_errors || replacement_ratio(&text) < 0.01 {
                    return check_text(text.into_owned());
                }
            }
        }
    }
    check_text(guess(bytes)?)
}

/// The encoding an HTML document declares in its first bytes, if any.
/// UTF-16 declarations are read as UTF-8, as browsers do.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let caps = META_CHARSET.captures(head)?;
    let enc = Encoding::for_label(caps.get(1)?.as_bytes())?;
    if enc == UTF_16LE || enc == UTF_16BE {
        Some(UTF_8)
    } else {
        Some(enc)
    }
}

/// Guesses the encoding of bytes that are not UTF-8: chardetng's guess is
/// compared with the two Arabic legacy encodings and the decoding with the most
/// Arabic letters (and fewest replacement characters) wins.
fn guess(bytes: &[u8]) -> Result<String, String> {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let guessed = det.guess(None, true);
    let mut best: Option<(i64, String)> = None;
    for enc in [guessed, WINDOWS_1256, ISO_8859_6] {
        let (text, _, _) = enc.decode(bytes);
        let arabic = text.chars().filter(|&c| is_arabic_letter(c)).count() as i64;
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count() as i64;
        let total = text.chars().count().max(1) as i64;
        // ISO-8859-6 leaves many bytes unmapped; windows-1256 maps all of them,
        // so replacements weigh heavily. The share of Arabic letters, not
        // their number, is scored: a decoding that turns each letter into two
        // (UTF-8 read as a one-byte encoding) gains nothing by doubling.
        let score = (arabic - 20 * bad) * 1000 / total;
        if !matches!(&best, Some((s, _)) if score <= *s) {
            best = Some((score, text.into_owned()));
        }
    }
    match best {
        Some((_, text)) if replacement_ratio(&text) < 0.01 => Ok(text),
        _ => Err("could not decode the text in any supported encoding".into()),
    }
}

fn replacement_ratio(text: &str) -> f64 {
    let total = text.chars().count().max(1);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    bad as f64 / total as f64
}

/// True for the letters of the Arabic script (not digits or punctuation).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

/// Rejects decoded text that is empty, whitespace-only or mostly control characters.
pub fn check_text(text: String) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("empty or whitespace-only file".into());
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(20_000) {
        if c == '\0' {
            return Err("binary file (contains NUL characters)".into());
        }
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{000C}') {
            control += 1;
        }
    }
    if control * 10 > total {
        return Err("binary file (mostly control characters)".into());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let s = "قتل خمسة مدنيين";
        assert_eq!(decode(s.as_bytes(), false).unwrap(), s);
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&b, false).unwrap(), s);
    }

    #[test]
    fn utf16_both_byte_orders() {
        let s = "اشتباكات في درعا";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le, false).unwrap(), s);
        assert_eq!(decode(&be, false).unwrap(), s);
    }

    #[test]
    fn legacy_arabic_encodings_are_guessed() {
        let s = "قصف الطيران الحربي مدينة حلب وقتل عشرة مدنيين بينهم أطفال";
        for enc in [WINDOWS_1256, ISO_8859_6] {
            let (bytes, _, bad) = enc.encode(s);
            assert!(!bad);
            assert_eq!(decode(&bytes, false).unwrap(), s, "{}", enc.name());
        }
    }

    #[test]
    fn declared_charset_is_honoured() {
        let body = "<p>الرقة</p>";
        let (bytes, _, _) = ISO_8859_6.encode(body);
        let mut html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-6\"></head><body>".to_vec();
        html.extend_from_slice(&bytes);
        let text = decode(&html, true).unwrap();
        assert!(text.contains("الرقة"));
        assert_eq!(
            declared_charset(b"<meta charset='windows-1256'>"),
            Some(WINDOWS_1256)
        );
    }

    #[test]
    fn mostly_valid_utf8_is_utf8_with_the_bad_bytes_counted() {
        let s = "قصفت الطائرات الحربية مواقع في ريف المدينة الشمالي صباح اليوم وأسفر القصف عن دمار واسع في المنازل والطرقات";
        for stray in [0xA0u8, 0x92, 0xE9] {
            let mut b = s.as_bytes().to_vec();
            b.insert(s.find(' ').unwrap(), stray);
            let d = decode_report(&b, false).unwrap();
            assert_eq!(d.replaced, 1, "{stray:#x}");
            assert_eq!(d.text.replace('\u{FFFD}', ""), s, "{stray:#x}");
        }
        // a page declaring utf-8 is read as utf-8 however many bad bytes it has
        let mut html = b"<html><head><meta charset=\"utf-8\"></head><body><p>".to_vec();
        html.extend_from_slice("الرقة".as_bytes());
        html.extend_from_slice(&[0xE9, 0xE9, 0xE9]);
        html.extend_from_slice(b"</p></body></html>");
        let d = decode_report(&html, true).unwrap();
        assert!(d.text.contains("الرقة") && d.replaced == 3, "{d:?}");
        // many stray bytes in Arabic UTF-8: still UTF-8, never the doubled
        // letters of UTF-8 read as windows-1256
        let mut b = Vec::new();
        for (i, w) in s.split(' ').enumerate() {
            b.extend_from_slice(w.as_bytes());
            b.push(if i % 3 == 0 { 0x92 } else { b' ' });
        }
        let d = decode_report(&b, false).unwrap();
        assert!(d.text.contains("الطائرات") && d.replaced >= 5, "{d:?}");
        // legacy Arabic bytes are no mostly-valid UTF-8
        let (bytes, _, _) = WINDOWS_1256.encode(s);
        let d = decode_report(&bytes, false).unwrap();
        assert_eq!((d.text.as_str(), d.replaced), (s, 0));
    }

    #[test]
    fn failures_have_reasons() {
        assert!(decode(b"", false).unwrap_err().contains("empty"));
        assert!(decode(b"  \n\t ", false)
            .unwrap_err()
            .contains("whitespace"));
        assert!(decode(b"abc\0def", false).unwrap_err().contains("binary"));
        assert!(decode(&[1, 2, 3, 4, 5, 6, 7, 8, b'a'], false)
            .unwrap_err()
            .contains("binary"));
        // a UTF-16 BOM followed by an unpaired surrogate
        assert!(decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], false)
            .unwrap_err()
            .contains("UTF-16"));
    }
}
