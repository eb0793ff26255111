//! HTML pages: metadata (`<title>`, `og:title`, `og:site_name`,
//! `article:published_time`, JSON-LD `headline`/`datePublished`/`author`,
//! `<time datetime>`) and the main article text, found with `dom_smoothie`
//! (a port of Mozilla's Readability), falling back to the page's visible text
//! when Readability finds no article.
//!
//! The text produced is what spans count into: the title line first (when
//! known and not already the first line), then one paragraph per block
//! element, paragraphs separated by blank lines, whitespace inside a line
//! collapsed to single spaces.

use dom_smoothie::{Config, Readability, TextMode};
use regex::Regex;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::LazyLock;

/// Below this many characters the Readability result is not trusted and the
/// page's visible text is used instead.
const MIN_ARTICLE_CHARS: usize = 140;

/// What is read from an HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlDoc {
    /// Title line, then paragraphs separated by blank lines.
    pub text: String,
    /// The headline from metadata, without a trailing site name.
    pub title: Option<String>,
    /// `og:site_name` or the JSON-LD publisher.
    pub outlet: Option<String>,
    /// `article:published_time`, JSON-LD `datePublished` or `<time datetime>`.
    pub published: Option<String>,
    /// JSON-LD author or the page byline.
    pub authors: Vec<String>,
    /// Elements nested deeper than [`MAX_DEPTH`] had their tags removed
    /// (their text kept) before parsing.
    pub flattened: bool,
}

/// Elements nested deeper than this lose their tags before parsing: the
/// parser and Readability take time quadratic in the depth (10,000 nested
/// `<div>`s took seconds, 100,000 never finished), and no article is
/// nested anywhere near this deep.
pub const MAX_DEPTH: usize = 512;

/// Elements that never hold others (`<br>`), or whose end tag may be left
/// out (`<p>`, `<li>`): not counted in the depth.
const UNCOUNTED: [&str; 33] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head",
];

/// The page with the tags of elements nested deeper than `limit` removed
/// (their text stays), or `None` when nothing is that deep. One pass over
/// the text, whatever the nesting (comments, `<script>` and `<style>`
/// contents are skipped over).
pub fn flatten_deep(html: &str, limit: usize) -> Option<String> {
    if !scan_depth(html, limit, None) {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    scan_depth(html, limit, Some(&mut out));
    Some(out)
}

/// Walks the tags of `html`; returns whether some element is nested deeper
/// than `limit`, and, given `out`, writes the page without those tags.
fn scan_depth(html: &str, limit: usize, mut out: Option<&mut String>) -> bool {
    let mut walk = DepthWalk {
        limit,
        ..DepthWalk::default()
    };
    let mut i = 0;
    let mut copied = 0;
    while let Some(off) = html[i..].find('<') {
        let at = i + off;
        if starts_with_ignore_case(html, at, "<!--") {
            i = html[at..].find("-->").map_or(html.len(), |e| at + e + 3);
            continue;
        }
        let Some(close) = html[at..].find('>').map(|e| at + e) else {
            break;
        };
        let tag = &html[at + 1..close];
        let name = tag_name(tag);
        let mut next = close + 1;
        let mut drop = false;
        if !name.is_empty() && !UNCOUNTED.contains(&name.as_str()) {
            let opens = !tag.starts_with('/') && !tag.ends_with('/');
            drop = walk.tag(tag.starts_with('/'), tag.ends_with('/'));
            if walk.deep && out.is_none() {
                return true;
            }
            if opens && (name == "script" || name == "style") {
                // their contents are no markup
                let closing = format!("</{name}");
                next = (close..html.len())
                    .find(|&j| starts_with_ignore_case(html, j, &closing))
                    .unwrap_or(html.len());
            }
        }
        if drop {
            if let Some(o) = out.as_deref_mut() {
                o.push_str(&html[copied..at]);
                o.push(' ');
            }
            copied = close + 1;
        }
        i = next;
    }
    if let Some(o) = out {
        o.push_str(&html[copied..]);
    }
    walk.deep
}

/// The nesting of counted elements while [`scan_depth`] walks a page.
#[derive(Debug, Default)]
struct DepthWalk {
    /// Open elements at most.
    limit: usize,
    /// Open elements now.
    depth: usize,
    /// Open elements past the limit, whose tags are dropped.
    skipped: usize,
    /// Some element went past the limit.
    deep: bool,
}

impl DepthWalk {
    /// Reads one counted tag (an end tag, a self-closing one, or a start
    /// tag): true when it is dropped, being past the limit or the end of one
    /// that was.
    fn tag(&mut self, end: bool, self_closing: bool) -> bool {
        if end {
            if self.skipped > 0 {
                self.skipped -= 1;
                return true;
            }
            self.depth = self.depth.saturating_sub(1);
            return false;
        }
        if self_closing {
            return false;
        }
        if self.depth >= self.limit {
            self.deep = true;
            self.skipped += 1;
            return true;
        }
        self.depth += 1;
        false
    }
}

/// True when `html` has `pat` (ASCII) at byte `at`, in any case.
fn starts_with_ignore_case(html: &str, at: usize, pat: &str) -> bool {
    html.as_bytes()
        .get(at..at + pat.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(pat.as_bytes()))
}

/// The lower-case element name of a tag's inside (`/DIV class=x` → `div`).
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Extracts the article text and metadata of an HTML page. Never panics: a
/// failure inside the HTML parser falls back to crude tag stripping.
pub fn extract(html: &str) -> HtmlDoc {
    let flat = flatten_deep(html, MAX_DEPTH);
    let html = flat.as_deref().unwrap_or(html);
    let mut doc = match catch_unwind(AssertUnwindSafe(|| extract_dom(html))) {
        Ok(doc) => doc,
        Err(_) => HtmlDoc {
            text: tidy(&strip_tags(html)),
            ..HtmlDoc::default()
        },
    };
    doc.flattened = flat.is_some();
    doc
}

fn config() -> Config {
    Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    }
}

fn nonempty(s: impl AsRef<str>) -> Option<String> {
    let t = collapse_spaces(s.as_ref());
    (!t.is_empty()).then_some(t)
}

/// A byline longer than this many characters is a paragraph, not a name.
const MAX_BYLINE_CHARS: usize = 60;

fn extract_dom(html: &str) -> HtmlDoc {
    let Ok(mut r) = Readability::new(html, None, Some(config())) else {
        return HtmlDoc {
            text: tidy(&strip_tags(html)),
            ..HtmlDoc::default()
        };
    };
    let mut doc = page_metadata(&r);
    let article = r.parse().ok().map(|a| a.text_content.to_string());
    let mut body = article.map(|t| tidy(&t)).unwrap_or_default();
    if body.chars().count() < MIN_ARTICLE_CHARS {
        let visible = visible_text(html);
        if visible.chars().count() > body.chars().count() {
            body = visible;
        }
    }
    doc.text = match &doc.title {
        Some(t) if !body.starts_with(t.as_str()) => {
            if body.is_empty() {
                t.clone()
            } else {
                format!("{t}\n\n{body}")
            }
        }
        _ => body,
    };
    doc
}

/// The title (`og:title`, else the page title, without the site name
/// glued to it), site name, publication time and byline of a page.
fn page_metadata(r: &Readability) -> HtmlDoc {
    let meta = r.get_article_metadata(r.parse_json_ld());
    let og_title = r
        .doc
        .select(r#"meta[property="og:title"], meta[name="og:title"]"#)
        .attr("content")
        .and_then(nonempty);
    let time_attr = r
        .doc
        .select("time[datetime]")
        .attr("datetime")
        .and_then(nonempty);
    let site = meta.site_name.as_deref().and_then(nonempty);
    let title = og_title
        .or_else(|| nonempty(&meta.title))
        .map(|t| strip_site_suffix(&t, site.as_deref()));
    let published = meta
        .published_time
        .as_deref()
        .and_then(nonempty)
        .or(time_attr);
    let authors = meta
        .byline
        .as_deref()
        .and_then(nonempty)
        .filter(|b| b.chars().count() <= MAX_BYLINE_CHARS)
        .into_iter()
        .collect();
    HtmlDoc {
        text: String::new(),
        title,
        outlet: site,
        published,
        authors,
        flattened: false,
    }
}

/// The visible text of the page body (scripts, styles and templates removed).
fn visible_text(html: &str) -> String {
    let Ok(r) = Readability::new(html, None, Some(config())) else {
        return tidy(&strip_tags(html));
    };
    r.doc
        .select("script, style, noscript, template, svg, iframe, head")
        .remove();
    let body = r.doc.select("body");
    let text = if body.exists() {
        body.formatted_text().to_string()
    } else {
        r.doc.formatted_text().to_string()
    };
    tidy(&text)
}

/// Removes a trailing (or leading) site name from a page title:
/// `عنوان الخبر - عنب بلدي` → `عنوان الخبر`.
pub fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    const SEPARATORS: [&str; 5] = [" | ", " - ", " – ", " — ", " :: "];
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = tail.trim();
            let is_site = site.is_some_and(|s| rasad_text::key(s) == rasad_text::key(tail))
                || crate::outlets::lookup(tail).is_some();
            if is_site && head.trim().chars().count() > tail.chars().count() {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            let head_is_site = site.is_some_and(|s| rasad_text::key(s) == rasad_text::key(head))
                || crate::outlets::lookup(head.trim()).is_some();
            if head_is_site && tail.trim().chars().count() > head.chars().count() {
                return tail.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One paragraph per non-empty line, whitespace collapsed, blank lines between.
pub fn tidy(text: &str) -> String {
    text.lines()
        .map(collapse_spaces)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

static SCRIPTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<(script|style|noscript|template|head)\b.*?</(script|style|noscript|template|head)\s*>")
        .expect("static regex")
});
static BLOCK_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(p|div|br|h[1-6]|li|tr|section|article|header|footer|blockquote)\b[^>]*>")
        .expect("static regex")
});
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("static regex"));

/// Crude tag stripping, used only when the HTML parser cannot be used.
fn strip_tags(html: &str) -> String {
    let s = SCRIPTS.replace_all(html, " ");
    let s = BLOCK_TAG.replace_all(&s, "\n");
    let s = TAG.replace_all(&s, " ");
    s.replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str, head: &str) -> String {
        format!("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>")
    }

    #[test]
    fn only_what_is_too_deep_is_flattened() {
        let shallow = format!(
            "<div><div><p>نص</p><br><img src=x/></div></div>{}",
            "<p>".repeat(2000)
        );
        assert_eq!(flatten_deep(&shallow, 4), None);
        let deep = format!(
            "{}نص عميق{}<span>بعد</span>",
            "<div class=a>".repeat(6),
            "</div>".repeat(6)
        );
        let flat = flatten_deep(&deep, 4).expect("flattened");
        assert_eq!(flat.matches("<div").count(), 4, "{flat}");
        assert_eq!(flat.matches("</div>").count(), 4, "{flat}");
        assert!(
            flat.contains("نص عميق") && flat.contains("<span>بعد</span>"),
            "{flat}"
        );
        // tags inside scripts and comments are no nesting
        let script = format!(
            "<script>{}</script><!--{}-->",
            "<div>".repeat(10),
            "<div>".repeat(10)
        );
        assert_eq!(flatten_deep(&script, 4), None);
    }

    const PARA: &str = "<p>قالت مصادر محلية إن قوات النظام قصفت بالمدفعية الثقيلة أحياء في مدينة درعا البلد صباح اليوم، ما أدى إلى مقتل ثلاثة مدنيين وإصابة آخرين بجروح متفاوتة.</p><p>وأضافت المصادر أن القصف تركز على الأحياء الجنوبية من المدينة، وسط حركة نزوح للأهالي نحو الريف الغربي.</p>";

    #[test]
    fn metadata_is_read() {
        let head = r#"<title>قصف على درعا | عنب بلدي</title>
<meta property="og:title" content="قصف على درعا البلد">
<meta property="og:site_name" content="عنب بلدي">
<meta property="article:published_time" content="2019-05-03T10:20:00+03:00">"#;
        let doc = extract(&page(
            &format!("<article><h1>قصف على درعا البلد</h1>{PARA}</article>"),
            head,
        ));
        assert_eq!(doc.title.as_deref(), Some("قصف على درعا البلد"));
        assert_eq!(doc.outlet.as_deref(), Some("عنب بلدي"));
        assert_eq!(doc.published.as_deref(), Some("2019-05-03T10:20:00+03:00"));
        assert!(
            doc.text.starts_with("قصف على درعا البلد\n\n"),
            "{}",
            doc.text
        );
        assert!(doc.text.contains("ما أدى إلى مقتل ثلاثة مدنيين"));
        assert!(doc.text.contains("\n\nوأضافت المصادر"));
    }

    #[test]
    fn json_ld_and_time_element() {
        let head = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"غارات على إدلب","datePublished":"2020-02-01T08:00:00Z","author":{"@type":"Person","name":"أحمد علي"}}</script>"#;
        let doc = extract(&page(&format!("<article>{PARA}</article>"), head));
        assert_eq!(doc.title.as_deref(), Some("غارات على إدلب"));
        assert_eq!(doc.published.as_deref(), Some("2020-02-01T08:00:00Z"));
        let doc = extract(&page(
            &format!("<time datetime=\"2021-03-04\">4 آذار</time>{PARA}"),
            "",
        ));
        assert_eq!(doc.published.as_deref(), Some("2021-03-04"));
    }

    #[test]
    fn scripts_never_reach_the_text() {
        let doc = extract(&page(
            &format!("<script>var x = 'سر';</script><style>p{{color:red}}</style>{PARA}"),
            "",
        ));
        assert!(!doc.text.contains("var x"));
        assert!(!doc.text.contains("color"));
        assert!(doc.text.contains("درعا البلد"));
    }

    #[test]
    fn short_pages_fall_back_to_visible_text() {
        let doc = extract("<div>عاجل: انفجار في حمص</div><div>تفاصيل لاحقاً</div>");
        assert!(doc.text.contains("انفجار في حمص"), "{}", doc.text);
        assert!(doc.text.contains("تفاصيل لاحقاً"));
    }

    #[test]
    fn site_suffix_is_stripped() {
        assert_eq!(
            strip_site_suffix("قصف على درعا - عنب بلدي", Some("عنب بلدي")),
            "قصف على درعا"
        );
        assert_eq!(
            strip_site_suffix("الجزيرة نت | قصف على درعا البلد", None),
            "قصف على درعا البلد"
        );
        assert_eq!(strip_site_suffix("قصف - تهجير", None), "قصف - تهجير");
    }

    #[test]
    fn crude_stripping() {
        let s = tidy(&strip_tags("<p>أ&amp;ب</p><script>x</script><div>ج</div>"));
        assert_eq!(s, "أ&ب\n\nج");
    }
}
