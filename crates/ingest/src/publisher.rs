//! Whether an article names a given outlet — the one its address belongs to
//! — anywhere in its text, and so names its publisher.
//!
//! An article's `url` tells which outlet published it (`alyaum.com` →
//! `اليوم`, [`crate::outlets::by_url`]); the record reports that outlet when
//! the text names it: a dateline or credit (`عين اليوم – بغداد`, `فرانس 24/
//! أ ف ب`, `(CNN)--`), a link line (`رابط الخبر بصحيفة الوئام`), a quote given
//! to it (`قال لـ"سكاي نيوز عربية"`, `قال مصدر لبي بي سي`), its staff
//! (`مراسل الميادين`) or its app (`تطبيق بي بي سي عربي`).
//!
//! A name of two or more words that is no place (`سكاي نيوز عربية`, `عين
//! اليوم`), or one with Latin letters or digits (`CNN`, `فرانس 24`), counts
//! wherever it stands as a word. A one-word Arabic name is mostly also a common
//! word or a place (`اليوم` "today", `الرياض`, `المدينة`, `العربية` in
//! `المملكة العربية`): it counts only in a frame that makes it a name —
//! quoted (`لـ«الرياض»`), after an outlet-kind word (`صحيفة`, `قناة`, `موقع`)
//! or a staff word (`مراسل`, `محلل`), or as a dateline or credit part (at the
//! start of a line before a dash or colon, or at the end of one after a dash).

pub use crate::lexicon::fold;
use crate::lexicon::{match_key, CHROME, META};
use crate::outlets::Outlet;

/// Prefixes that may be glued to a name (`لبي بي سي`, `وسكاي نيوز`).
const CLITICS: [char; 5] = ['ل', 'ب', 'و', 'ف', 'ك'];
/// Quotation marks around a name.
const QUOTES: [char; 9] = ['«', '»', '\u{22}', '“', '”', '„', '\'', '‹', '›'];
/// Separators of dateline and credit parts.
const PART_SEPARATORS: [char; 8] = ['-', '–', '—', ':', '|', '/', '،', ','];

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `text` names `outlet` in one of the ways the module describes.
pub fn names_outlet(text: &str, outlet: &Outlet) -> bool {
    let folded = fold(text);
    outlet
        .names
        .iter()
        .any(|name| occurrences(&folded, name).any(|(s, e)| counts(&folded, name, s, e)))
}

/// Byte ranges of `name` in `text` standing as a word (a clitic letter or a
/// staff word may be glued before it).
fn occurrences<'a>(text: &'a str, name: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    text.match_indices(name).filter_map(move |(s, _)| {
        let e = s + name.len();
        let right_ok = text[e..].chars().next().is_none_or(|c| !is_word(c));
        (right_ok && left_ok(&text[..s])).then_some((s, e))
    })
}

fn left_ok(before: &str) -> bool {
    let mut rev = before.chars().rev();
    match rev.next() {
        None => true,
        Some(c) if !is_word(c) => true,
        Some(c) if CLITICS.contains(&c) && rev.next().is_none_or(|d| !is_word(d)) => true,
        Some(_) => glued_staff_word(before),
    }
}

/// `مراسلالميادين`: a staff word with the space after it lost.
fn glued_staff_word(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| is_word(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    META.correspondent_words.iter().any(|w| {
        word.ends_with(w.as_str()) && strip_clitics(&word[..word.len() - w.len()]).is_empty()
    })
}

fn strip_clitics(w: &str) -> &str {
    w.trim_start_matches(CLITICS)
}

/// True for a name that is a name wherever it stands.
fn distinctive(name: &str) -> bool {
    if name.is_ascii() {
        return name.chars().filter(char::is_ascii_alphanumeric).count() >= 3;
    }
    if name
        .chars()
        .any(|c| c.is_numeric() || c.is_ascii_alphabetic())
    {
        return true;
    }
    let key = match_key(name);
    key.split(' ').count() >= 2 && !CHROME.section_labels.contains(&key)
}

/// True when the occurrence at `s..e` names the outlet.
fn counts(text: &str, name: &str, s: usize, e: usize) -> bool {
    if distinctive(name) {
        return true;
    }
    let before = &text[..s];
    let after = &text[e..];
    quoted(before, after)
        || after_kind_or_staff_word(before)
        || glued_staff_word(before)
        || dateline_part(before, after)
}

/// `«الرياض»`, `لـ"الاقتصادية"`.
fn quoted(before: &str, after: &str) -> bool {
    before.ends_with(QUOTES) && after.starts_with(QUOTES)
}

/// `بصحيفة الوئام`, `قناة العربية`, `مراسل الميادين`.
fn after_kind_or_staff_word(before: &str) -> bool {
    let head = before.trim_end_matches(|c: char| c == ' ' || QUOTES.contains(&c));
    if head.len() == before.len() && !before.is_empty() {
        // the name is glued to the word before it: not a separate word
        return false;
    }
    let word: String = head
        .chars()
        .rev()
        .take_while(|c| is_word(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let key = match_key(&word);
    let is_frame = |w: &str| {
        !w.is_empty()
            && (META.outlet_type_words.contains(w) || META.correspondent_words.contains(w))
    };
    is_frame(&key) || is_frame(strip_clitics(&key))
}

/// `عين اليوم – روما` (the line starts with the name, then a separator),
/// `عمر إبراهيم – عين اليوم` (the line ends with it after a separator), or a
/// line that is nothing but the name.
fn dateline_part(before: &str, after: &str) -> bool {
    let line_before = before.rsplit('\n').next().unwrap_or_default();
    let line_after = after.split('\n').next().unwrap_or_default();
    let trim = |s: &str| -> String {
        s.chars()
            .filter(|c| !(c.is_whitespace() || QUOTES.contains(c) || matches!(c, '(' | ')' | '.')))
            .collect()
    };
    let lb = trim(line_before);
    let la = trim(line_after);
    let starts = lb.is_empty() && (la.is_empty() || la.starts_with(PART_SEPARATORS));
    let ends = la.is_empty() && lb.ends_with(PART_SEPARATORS);
    starts || ends
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outlets::by_url;

    fn named(url: &str, text: &str) -> bool {
        names_outlet(text, by_url(url).expect(url))
    }

    #[test]
    fn addresses_give_outlets() {
        for (url, want) in [
            (
                "https://www.skynewsarabia.com/middle-east/1",
                Some("سكاي نيوز عربية"),
            ),
            (
                "http://www.bbc.co.uk/arabic/middleeast-1",
                Some("بي بي سي عربي"),
            ),
            (
                "https://arabic.cnn.com/world/2018/05/02/x",
                Some("CNN بالعربية"),
            ),
            ("http://www.3alyoum.com/news/a/", Some("عين اليوم")),
            (
                "http://www.al-jazirah.com/2015/x.htm",
                Some("الجزيرة السعودية"),
            ),
            ("http://www.alwatan.com.sa/x", Some("الوطن السعودية")),
            ("https://www.aljazeera.net/news", Some("الجزيرة")),
            ("HTTPS://WWW.ALYAUM.COM:443/a", Some("اليوم")),
            ("http://example.com/a", None),
            ("not a url", None),
            ("", None),
        ] {
            assert_eq!(by_url(url).map(|o| o.name.as_str()), want, "{url}");
        }
    }

    #[test]
    fn frames_that_name_the_publisher() {
        let sky = "https://www.skynewsarabia.com/1";
        let yaum = "http://www.alyaum.com/a/1";
        let riyadh = "http://www.alriyadh.com/1";
        let arabiya = "https://www.alarabiya.net/a";
        let weeam = "http://www.alweeam.com.sa/1";
        let ain = "http://www.3alyoum.com/a";
        let bbc = "http://www.bbc.co.uk/arabic/x";
        let cnn = "https://arabic.cnn.com/x";
        let mayadeen = "https://www.almayadeen.net/x";
        for (url, text, want) in [
            // distinctive names, anywhere, clitics allowed
            (sky, "وقال ضابط لسكاي نيوز عربية إن القصف توقف.", true),
            (bbc, "وأكد طبيب لبي بي سي أن المستشفى امتلأ.", true),
            (cnn, "القاهرة، مصر (CNN)-- أعلنت الوزارة أمس.", true),
            (
                ain,
                "نقل السفارة\n\n سالم الحربي – عين اليوم\nقالت الوزارة",
                true,
            ),
            // one-word names need a frame
            (yaum, "أكد مصدر اليوم الأحد أن الاشتباكات توقفت.", false),
            (yaum, "وقال المتحدث لـ«اليوم» إن الطريق آمن.", true),
            (yaum, "الدمام – اليوم\nأعلنت الشرطة", true),
            (riyadh, "وصل الوفد إلى الرياض مساء الخميس.", false),
            (riyadh, "وقال لـ\"الرياض\" إن الخطة جاهزة.", true),
            (arabiya, "زار الوزير المملكة العربية السعودية.", false),
            (arabiya, "وقال مصدر لقناة العربية إن الهدنة صامدة.", true),
            (
                weeam,
                "مقتل جنديين في اشتباك\nرابط الخبر بصحيفة الوئام: مقتل جنديين",
                true,
            ),
            (mayadeen, "وأفاد مراسل الميادين بأن الغارات استمرت.", true),
            (mayadeen, "وأفاد مراسلالميادين بأن الغارات استمرت.", true),
            (mayadeen, "امتلأت الميادين بالمتظاهرين.", false),
            // another outlet's name is not this one's
            (sky, "وقال مصدر لبي بي سي إن القصف توقف.", false),
            // a name inside another word is no name
            (cnn, "xCNNx", false),
        ] {
            assert_eq!(named(url, text), want, "{url} {text}");
        }
    }
}
