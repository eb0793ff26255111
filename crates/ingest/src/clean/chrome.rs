//! Which lines are page chrome, from the phrase lists in `data/chrome/chrome.toml`.

use super::lines::Line;
use crate::lexicon::CHROME;

/// Why a line is chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The line is a chrome phrase (`اترك رد`, `زر الذهاب إلى الأعلى`).
    Phrase,
    /// The line starts with a chrome prefix (`الوسوم: …`, `إقرأ: …`).
    Prefix,
    /// A bar of share buttons (`فيسبوك تويتر واتساب`).
    ShareBar,
    /// The heading of a related-links block (`مقالات ذات صلة`), alone on its line.
    RelatedHead,
    /// The heading of the comment section (`اترك رد`).
    CommentHead,
}

/// Lines starting with a prefix phrase are chrome only up to this many words.
const PREFIX_MAX_WORDS: usize = 40;
const PREFIX_COLON_MAX_WORDS: usize = 25;

/// The key without trailing count tokens (`التعليقات 3` → `التعليقات`).
fn without_counts(key: &str) -> &str {
    let mut k = key;
    while let Some((head, last)) = k.rsplit_once(' ') {
        if last.chars().all(|c| c.is_ascii_digit()) {
            k = head;
        } else {
            break;
        }
    }
    let lead = k.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    if lead.is_empty() {
        k
    } else {
        lead
    }
}

/// True when a colon follows the first `phrase_chars` characters of the line.
fn colon_after(line: &Line, phrase_chars: usize) -> bool {
    let folded = rasad_text::key(line.text);
    folded
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(phrase_chars + 3)
        .any(|c| c == ':' || c == '：')
}

/// A prefix phrase of three or more words with the next word glued to it
/// (`مقالات أخرى للكاتبعنوان…`: scraped link lists lose their spaces).
fn glued_prefix(key: &str) -> bool {
    CHROME
        .prefix
        .iter()
        .any(|p| p.len() > 12 && p.split(' ').count() >= 3 && key.starts_with(p.as_str()))
}

/// True when a colon, two dots, an ellipsis or a slash follows the first
/// `phrase_chars` characters of the line (`اقرأ.. عنوان`, `قد يهمك/ عنوان`).
fn mark_after(line: &Line, phrase_chars: usize) -> bool {
    let folded = rasad_text::key(line.text);
    let rest: String = folded
        .chars()
        .filter(|c| !c.is_whitespace())
        .skip(phrase_chars)
        .take(2)
        .collect();
    rest.starts_with([':', '：', '…', '/']) || rest == ".."
}

/// Classifies one line.
pub fn kind(line: &Line) -> Option<Kind> {
    let c = &*CHROME;
    if line.key.is_empty() {
        // punctuation or symbols only: separators such as "—" or "* * *"
        return Some(Kind::Phrase);
    }
    let key = without_counts(&line.key);
    if c.cut_heads.contains(key) {
        return Some(Kind::CommentHead);
    }
    if c.related_heads.contains(key) {
        return Some(Kind::RelatedHead);
    }
    if c.exact.contains(key) {
        return Some(Kind::Phrase);
    }
    if line.words <= c.contains_max_words && c.contains_index.occurs_in(key) {
        return Some(Kind::Phrase);
    }
    if line.words <= PREFIX_MAX_WORDS
        && (c.prefix_index.starting(key).is_some() || glued_prefix(key))
    {
        return Some(Kind::Prefix);
    }
    if line.words <= PREFIX_COLON_MAX_WORDS {
        if let Some(p) = c.prefix_colon_index.starting(key) {
            // a dated update stamp is left to the dateline reader
            if colon_after(line, p.chars().filter(|c| *c != ' ').count())
                && crate::meta::dateline_span(line).is_none()
            {
                return Some(Kind::Prefix);
            }
        }
    }
    if line.words <= PREFIX_COLON_MAX_WORDS {
        if let Some(p) = c.prefix_mark_index.starting(key) {
            if mark_after(line, p.chars().filter(|c| *c != ' ').count()) {
                return Some(Kind::Prefix);
            }
        }
    }
    if is_share_bar(key) {
        return Some(Kind::ShareBar);
    }
    None
}

/// True when `phrase` occurs in `key` on word boundaries.
pub fn contains_phrase(key: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(at) = key[from..].find(phrase) {
        let s = from + at;
        let e = s + phrase.len();
        let before_ok = s == 0 || key[..s].ends_with(' ');
        let after_ok = e == key.len() || key[e..].starts_with(' ');
        if before_ok && after_ok {
            return true;
        }
        from = s + key[s..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

fn is_share_bar(key: &str) -> bool {
    let c = &*CHROME;
    let mut real = false;
    for t in key.split(' ') {
        if !c.share_words.contains(t) && !c.share_fillers.contains(t) {
            return false;
        }
        if !c.share_fillers.contains(t) {
            real = true;
        }
    }
    real
}

/// True for a line that may be the headline of a related article: short,
/// not ending like a sentence.
pub fn headline_like(line: &Line) -> bool {
    line.words >= 1
        && line.words <= CHROME.headline_max_words
        && !line.text.ends_with(['.', ':', '،', ','])
}

#[cfg(test)]
mod tests {
    use super::super::lines::split;
    use super::*;
    use crate::lexicon::starts_with_phrase;

    fn k(s: &str) -> Option<Kind> {
        split(s).first().and_then(kind)
    }

    #[test]
    fn chrome_lines() {
        use Kind::*;
        for (line, want) in [
            ("اترك رد", Some(CommentHead)),
            ("اترك تعليقاً", Some(CommentHead)),
            ("أضف تعليق", Some(CommentHead)),
            ("التعليقات (3)", Some(CommentHead)),
            ("%d مدونون معجبون بهذه:", Some(Phrase)),
            ("أعجبني", Some(Phrase)),
            ("زر الذهاب إلى الأعلى", Some(Phrase)),
            ("مقالات ذات صلة", Some(RelatedHead)),
            ("أخبار ذات صلة", Some(RelatedHead)),
            ("إقرأ أيضاً:", Some(RelatedHead)),
            ("اقرأ المزيد", Some(RelatedHead)),
            ("إقرأ: عملية إنزال جديدة قرب الحدود", Some(Prefix)),
            ("اقرأ أيضا: مقتل قيادي في غارة", Some(Prefix)),
            ("الوسوم: حلب، إدلب، غارات", Some(Prefix)),
            ("كلمات مفتاحية سوريا درعا", Some(Prefix)),
            ("Tags: Syria, Idlib", Some(Prefix)),
            ("رابط الخبر بصحيفة الوطن اونلاين", Some(Prefix)),
            ("الرابط المختصر: https://x.y/abc", Some(Prefix)),
            ("المصدر: وكالات", Some(Prefix)),
            ("شارك", Some(Phrase)),
            ("شارك على فيسبوك", Some(Phrase)),
            ("شارك على واتساب الآن مع أصدقائك", Some(Prefix)),
            ("فيسبوك تويتر واتساب تلغرام", Some(ShareBar)),
            ("Facebook Twitter WhatsApp", Some(ShareBar)),
            ("جميع الحقوق محفوظة © 2018", Some(Phrase)),
            ("تابعونا على تلغرام", Some(Phrase)),
            ("* * *", Some(Phrase)),
            ("اقرأ.. وزير يزور المعبر الحدودي", Some(Prefix)),
            ("إقرأ أيضاً.. انفجار في مستودع للذخيرة", Some(Prefix)),
            ("قد يهمك/ مسؤول: المحادثات مستمرة", Some(Prefix)),
            ("أيضاً… الأمم المتحدة تدعو إلى التهدئة", Some(Prefix)),
            ("للمزيد: اجتماع طارئ لمجلس الأمن", Some(Prefix)),
            (
                "يمكنكم تسلم إشعارات عاجلة عند تنزيل تطبيقنا الجديد على الهاتف",
                Some(Prefix),
            ),
            ("مقالات أخرى للكاتبعنوان أول!عنوان ثان؟", Some(Prefix)),
            ("شاهد.. لحظة وصول القافلة إلى المدينة", None),
            ("اقرأ التقرير كاملاً قبل أن تحكم على الخطة", None),
            // prose that resembles chrome
            ("شاهد عيان قال إن القصف استمر ساعتين", None),
            ("وأضاف المصدر: إن القصف استمر ساعتين", None),
            ("قصف على أحياء حلب الشرقية", None),
            ("على", None),
            ("المصدر أكد أن الهجوم بدأ فجراً ولم يتوقف حتى المساء", None),
        ] {
            assert_eq!(k(line), want, "{line}");
        }
    }

    #[test]
    fn phrase_index_agrees_with_search() {
        let phrases: Vec<String> = ["ب", "ب ج", "اب ج", "د ه و", "ج"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let ix = crate::lexicon::PhraseIndex::new(&phrases);
        for key in [
            "",
            "ا",
            "ب",
            "ا ب",
            "اب",
            "اب ج",
            "ا اب جج",
            "د ه",
            "د ه و",
            "س د ه و ز",
            "جد",
            "ا بب",
            "ا ب ج",
        ] {
            let want = phrases.iter().any(|p| contains_phrase(key, p));
            assert_eq!(ix.occurs_in(key), want, "{key:?}");
        }
        let c = &*CHROME;
        let text = "شارك على فيسبوك\nقصف على أحياء حلب الشرقية\nجميع الحقوق محفوظة\n\
                    الوسوم: حلب\nإقرأ أيضاً: خبر\nالمصدر: وكالات\nرابط الخبر";
        for l in split(text) {
            let want = c.contains.iter().any(|p| contains_phrase(&l.key, p));
            assert_eq!(c.contains_index.occurs_in(&l.key), want, "{}", l.key);
            for (list, index) in [
                (&c.prefix, &c.prefix_index),
                (&c.prefix_colon, &c.prefix_colon_index),
            ] {
                let want = list.iter().find(|p| starts_with_phrase(&l.key, p));
                assert_eq!(
                    index.starting(&l.key),
                    want.map(String::as_str),
                    "{}",
                    l.key
                );
            }
        }
        assert_eq!(ix.starting("ب ج د"), Some("ب"));
        assert_eq!(ix.starting("اب ج"), Some("اب ج"));
        assert_eq!(ix.starting("ا ب"), None);
    }

    #[test]
    fn phrase_containment_respects_words() {
        assert!(contains_phrase("ا ب ج", "ب"));
        assert!(contains_phrase("ب", "ب"));
        assert!(!contains_phrase("اب ج", "ب"));
        assert!(!contains_phrase("ا ب", ""));
    }
}
