//! Removing page chrome: the lines around an article that are not the article
//! (section labels, the headline and its repeats, outlet/dateline/byline
//! lines, share bars, tags, "read also" links, related headlines, comment
//! forms, signatures), and finding the title, outlet, authors and dateline on
//! the way.
//!
//! Works line by line on the decoded text; the body is made of the kept
//! lines, contiguous kept lines forming one region.

pub mod chrome;
pub mod lines;

use crate::meta;
use crate::outlets;
use crate::{Cleaned, RawDoc};
use chrome::Kind;
use lines::Line;
use rasad_record::Span;
use rasad_text::clitic::ARTICLE;
use rustc_hash::FxHashSet;

/// What happens to a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Keep,
    Drop,
}

/// Removes page chrome and finds title, outlet, authors and dateline.
pub fn clean(doc: &RawDoc) -> Cleaned {
    let text = doc.text.as_str();
    let lines = lines::split(text);
    let kinds: Vec<Option<Kind>> = lines.iter().map(chrome::kind).collect();
    // 1. chrome lines, comment sections, related-link blocks
    let mut fate = chrome_fates(&lines, &kinds);
    related_headline_runs(&lines, &mut fate);
    // 2. the header: labels, title, outlet, dateline, bylines
    let header = header(&lines, &kinds, doc);
    drop_header(&lines, &header, &mut fate);
    let mut outlet = doc
        .outlet
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(outlets::canonical)
        .or(header.outlet);
    // 3. the tail: a footer menu, a closing dateline, signatures, captions
    // of related items, a repeated standfirst; teasers of other stories
    let first_body = fate.iter().position(|&f| f == Fate::Keep);
    drop_footer_menu(&lines, first_body, &mut fate);
    let tail = read_tail(&lines, &kinds, first_body, &mut fate);
    outlet = outlet.or(tail.outlet);
    teasers_of_other_stories(&lines, &mut fate);
    // 4. a dateline opening the first paragraph («دمشق-سانا …»)
    let mut starts: Vec<Option<usize>> = vec![None; lines.len()];
    if let Some(f) = fate.iter().position(|&f| f == Fate::Keep) {
        if let Some((o, at)) = meta::lead_dateline(&lines[f]) {
            starts[f] = Some(at);
            outlet = outlet.or(Some(o));
        }
    }
    // 5. the outlet, 6. chrome glued after the last sentence, 7. the body
    let outlet = publisher(doc, &lines, &kinds, &fate, outlet);
    let ends = cut_glued_tail(&lines, &starts, &mut fate);
    let body_spans = regions(&lines, &fate, &starts, &ends);
    Cleaned {
        body: join_regions(text, &body_spans),
        body_spans,
        title: header.title,
        title_span: header.title_span,
        outlet,
        authors: header.authors,
        dateline: header.dateline.or(tail.dateline),
    }
}

/// The fate of every line by its chrome kind: chrome lines are dropped, and
/// so is everything from a comment-section heading in the second half of the
/// page on, and the headlines listed under a related-links heading.
fn chrome_fates(lines: &[Line], kinds: &[Option<Kind>]) -> Vec<Fate> {
    let n = lines.len();
    let total_chars = lines.last().map_or(0, |l| l.span.end);
    let mut fate = vec![Fate::Keep; n];
    for i in 0..n {
        match kinds[i] {
            Some(Kind::CommentHead) if lines[i].span.start * 2 >= total_chars => {
                fate[i..].fill(Fate::Drop);
                break;
            }
            Some(_) => fate[i] = Fate::Drop,
            None => {}
        }
    }
    for i in (0..n).filter(|&i| kinds[i] == Some(Kind::RelatedHead)) {
        drop_related_block(lines, kinds, i, &mut fate);
    }
    fate
}

/// The headlines under the related-links heading at `head` (`مقالات ذات
/// صلة`), at most `related_max_lines` of them (`data/chrome/chrome.toml`).
fn drop_related_block(lines: &[Line], kinds: &[Option<Kind>], head: usize, fate: &mut [Fate]) {
    let mut taken = 0;
    for j in head + 1..lines.len() {
        if kinds[j].is_some() {
            continue;
        }
        if taken >= crate::lexicon::CHROME.related_max_lines || !chrome::headline_like(&lines[j]) {
            break;
        }
        fate[j] = Fate::Drop;
        taken += 1;
    }
}

/// Drops the header lines, and every repeat of the title.
fn drop_header(lines: &[Line], header: &Header, fate: &mut [Fate]) {
    for &i in &header.dropped {
        fate[i] = Fate::Drop;
    }
    if let Some(key) = &header.title_key {
        for (i, l) in lines.iter().enumerate() {
            if &l.key == key {
                fate[i] = Fate::Drop;
            }
        }
    }
}

/// A footer menu needs this many short lines closing the page: one or two
/// short closing lines are as often the article's last words.
const FOOTER_MIN_LINES: usize = 3;
/// Words of a footer menu line at most (`الرئيسية`, `اتصل بنا`, `سياسة
/// الخصوصية`).
const FOOTER_MAX_WORDS: usize = 4;

/// Drops a footer menu: [`FOOTER_MIN_LINES`] or more short lines that do not
/// end like sentences closing the page, chrome between them allowed.
fn drop_footer_menu(lines: &[Line], first_body: Option<usize>, fate: &mut [Fate]) {
    let n = lines.len();
    let footer: Vec<usize> = (first_body.map_or(n, |f| f + 1)..n)
        .rev()
        .take_while(|&j| {
            fate[j] == Fate::Drop
                || (lines[j].words <= FOOTER_MAX_WORDS && !lines[j].ends_sentence())
        })
        .filter(|&j| fate[j] == Fate::Keep)
        .collect();
    if footer.len() >= FOOTER_MIN_LINES {
        for j in footer {
            fate[j] = Fate::Drop;
        }
    }
}

/// What the end of the page says.
#[derive(Debug, Default)]
struct Tail {
    /// The outlet a signature or a closing dateline names.
    outlet: Option<String>,
    /// A date line closing the article (`1 كانون الأول 2019`, `الوطن -
    /// 2018/04/19`, `نشر في 2019-05-20`): the dateline when the top has none.
    dateline: Option<Span>,
}

/// Words of a dropped chrome line at the end that may still be a signature.
const SIGNATURE_MAX_WORDS: usize = 8;

/// Reads the page from its last line up to the first body line: the closing
/// dateline, signatures (`المصدر: الجزيرة`), the captions of related items and
/// a repeated standfirst are dropped, the outlet they name is kept.
fn read_tail(
    lines: &[Line],
    kinds: &[Option<Kind>],
    first_body: Option<usize>,
    fate: &mut [Fate],
) -> Tail {
    let mut t = Tail::default();
    for i in (0..lines.len()).rev() {
        let l = &lines[i];
        if Some(i) != first_body && t.dateline.is_none() {
            if let Some(sp) = meta::dateline_in(l) {
                fate[i] = Fate::Drop;
                t.dateline = Some(sp);
                if let Some(o) = meta::outlet_line(l).and_then(|o| o.outlet) {
                    t.outlet = t.outlet.or(Some(o));
                }
                continue;
            }
        }
        if fate[i] == Fate::Drop {
            if t.outlet.is_none() && l.words <= SIGNATURE_MAX_WORDS {
                t.outlet = signature_in_chrome(l);
            }
            continue;
        }
        if Some(i) == first_body || !closing_chrome(lines, kinds, first_body, i, &mut t.outlet) {
            break;
        }
        fate[i] = Fate::Drop;
    }
    t
}

/// The outlet a chrome line at the end names: a signature (`صحيفة الوطن`), or
/// a link line (`رابط الخبر بصحيفة الوئام`, the `link_words` of
/// `data/chrome/chrome.toml`).
fn signature_in_chrome(l: &Line) -> Option<String> {
    let mut outlet = meta::signature(l).flatten();
    let link = crate::lexicon::CHROME
        .link_words
        .iter()
        .any(|w| l.key.starts_with(w.as_str()));
    if link {
        outlet = outlet.or_else(|| named_after_kind(l));
    }
    outlet
}

/// True when kept line `i` at the end of the page is chrome: a signature (its
/// outlet goes to `outlet` when none is known), the caption of an item under
/// a related-links heading, or a repeat of the standfirst.
fn closing_chrome(
    lines: &[Line],
    kinds: &[Option<Kind>],
    first_body: Option<usize>,
    i: usize,
    outlet: &mut Option<String>,
) -> bool {
    let l = &lines[i];
    if let Some(sig) = meta::signature(l) {
        *outlet = outlet.take().or(sig);
        return true;
    }
    let before_related = kinds.get(i + 1) == Some(&Some(Kind::RelatedHead));
    if before_related && chrome::headline_like(l) && !l.ends_sentence() {
        return true;
    }
    first_body.is_some_and(|f| repeats(&lines[f], l))
}

/// The publisher: the outlet found so far, else the one a chrome line or the
/// lead names as the page's own, else the one the body calls itself. Without
/// an outlet in the metadata, the outlet the address belongs to decides when
/// the text names it (a wire or outlet the page credits instead is not it).
fn publisher(
    doc: &RawDoc,
    lines: &[Line],
    kinds: &[Option<Kind>],
    fate: &[Fate],
    found: Option<String>,
) -> Option<String> {
    let mut outlet = found
        .or_else(|| own_outlet_in_chrome(lines, kinds, fate))
        .or_else(|| {
            let keys: Vec<&str> = (0..lines.len())
                .filter(|&i| fate[i] == Fate::Keep)
                .map(|i| lines[i].key.as_str())
                .collect();
            meta::self_reference(&keys)
        });
    if doc.outlet.as_deref().is_none_or(|o| o.trim().is_empty()) {
        if let Some(o) = doc.url.as_deref().and_then(outlets::by_url) {
            outlet = crate::publisher::names_outlet(&doc.text, o).then(|| o.name.clone());
        }
    }
    outlet
}

/// Chrome glued after the last sentence of the last kept line: where that
/// line now ends (or the line dropped when nothing of it is left).
fn cut_glued_tail(
    lines: &[Line],
    starts: &[Option<usize>],
    fate: &mut [Fate],
) -> Vec<Option<usize>> {
    let mut ends: Vec<Option<usize>> = vec![None; lines.len()];
    if let Some(last) = (0..lines.len()).rev().find(|&i| fate[i] == Fate::Keep) {
        match tail_marker_cut(&lines[last]) {
            Some(at) if at <= lines[last].span.start.max(starts[last].unwrap_or(0)) => {
                fate[last] = Fate::Drop;
            }
            Some(at) => ends[last] = Some(at),
            None => {}
        }
    }
    ends
}

/// The body regions: contiguous kept lines form one, a line cut at its start
/// (a lead dateline) or end (glued chrome) counting from the cut.
fn regions(
    lines: &[Line],
    fate: &[Fate],
    starts: &[Option<usize>],
    ends: &[Option<usize>],
) -> Vec<Span> {
    let mut regions: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    for i in 0..lines.len() {
        if fate[i] == Fate::Drop {
            regions.extend(open.take());
            continue;
        }
        let mut span = lines[i].span;
        if let Some(s) = starts[i].filter(|&s| s > span.start && s < span.end) {
            span.start = s;
        }
        if let Some(e) = ends[i].filter(|&e| e > span.start && e < span.end) {
            span.end = e;
        }
        open = Some(match open {
            Some(r) => Span::new(r.start, span.end),
            None => span,
        });
    }
    regions.extend(open);
    regions
}

/// The text of the regions, joined by blank lines.
fn join_regions(text: &str, regions: &[Span]) -> String {
    let chars = CharMap::new(text);
    let mut body = String::new();
    for (k, r) in regions.iter().enumerate() {
        if k > 0 {
            body.push_str("\n\n");
        }
        body.push_str(chars.slice(text, *r));
    }
    body
}

/// Drops the headlines of related articles set between the paragraphs of a
/// body: a run of two or more short lines that do not end like a sentence
/// (a question mark is allowed: `من هو المبعوث الجديد إلى اليمن؟`), after the
/// first paragraph and before another line, in a body whose long lines end
/// like sentences (four in five at least, so that outlets that never close
/// their paragraphs are left alone). A single such line is a subheading and
/// stays.
fn related_headline_runs(lines: &[Line], fate: &mut [Fate]) {
    let n = lines.len();
    let Some(first) = (0..n).find(|&i| fate[i] == Fate::Keep && lines[i].is_paragraph()) else {
        return;
    };
    let long: Vec<usize> = (first..n)
        .filter(|&i| fate[i] == Fate::Keep && lines[i].words >= 12)
        .collect();
    let ended = long.iter().filter(|&&i| lines[i].ends_sentence()).count();
    if long.len() < 3 || ended * 5 < long.len() * 4 {
        return;
    }
    let kept: Vec<usize> = (first + 1..n).filter(|&i| fate[i] == Fate::Keep).collect();
    let mut k = 0;
    while k < kept.len() {
        let mut j = k;
        while j < kept.len() && inline_headline(&lines[kept[j]]) {
            j += 1;
        }
        if j - k >= 2 && j < kept.len() {
            for &i in &kept[k..j] {
                fate[i] = Fate::Drop;
            }
        }
        k = j.max(k + 1);
    }
}

/// Paragraphs a page needs before a run of teasers is looked for.
const TEASER_PAGE_MIN_PARAGRAPHS: usize = 5;
/// The agency-style lead must be among the first kept lines (after a
/// headline and a standfirst at most).
const TEASER_LEAD_WITHIN: usize = 3;
/// Words of the lead that, with the headline, say what the article is about.
const TEASER_LEAD_WORDS: usize = 20;
/// Words of a teaser paragraph at least: a whole news sentence.
const TEASER_MIN_WORDS: usize = 12;
/// Characters of a line an agency dateline (`دبي، الإمارات (CNN)--`) opens
/// within.
const AGENCY_HEAD_CHARS: usize = 80;

/// Drops the teasers of other stories that close some pages (CNN Arabic's
/// template: a run of leads about unrelated news after the article): in a page
/// whose lead opens with an agency-style dateline (`دبي، الإمارات (CNN)--`), a
/// run of two or more closing paragraphs, each a whole sentence that opens
/// without a conjunction or a continuation word, shares at most two words
/// with the headline, standfirst and the lead's first words, and at most two
/// in five of its words with the article before it.
fn teasers_of_other_stories(lines: &[Line], fate: &mut [Fate]) {
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&i| fate[i] == Fate::Keep)
        .collect();
    if kept.len() < TEASER_PAGE_MIN_PARAGRAPHS {
        return;
    }
    let Some(lead_at) = kept.iter().position(|&i| agency_dateline(&lines[i])) else {
        return;
    };
    if lead_at >= TEASER_LEAD_WITHIN {
        return;
    }
    // the headline and standfirst (above the lead) and the lead's first words
    let lead = kept[lead_at];
    let lead_start: String = lines[lead]
        .key
        .split(' ')
        .take(TEASER_LEAD_WORDS)
        .collect::<Vec<_>>()
        .join(" ");
    let mut head: FxHashSet<&str> = lines[..lead]
        .iter()
        .flat_map(|l| content_words(&l.key))
        .collect();
    let lead_words: Vec<String> = content_words(&lead_start).map(str::to_string).collect();
    head.extend(lead_words.iter().map(String::as_str));
    let mut run = Vec::new();
    let mut k = kept.len();
    while k > lead_at + 2 {
        let l = &lines[kept[k - 1]];
        if l.words < TEASER_MIN_WORDS || !l.ends_sentence() || continues(l) {
            break;
        }
        let own: FxHashSet<&str> = content_words(&l.key).collect();
        let before: FxHashSet<&str> = kept[..k - 1]
            .iter()
            .flat_map(|&i| content_words(&lines[i].key))
            .collect();
        let with_head = own.intersection(&head).count();
        let with_before = own.intersection(&before).count();
        if with_head > 2 || with_before * 5 > own.len() * 2 {
            break;
        }
        run.push(kept[k - 1]);
        k -= 1;
    }
    if run.len() >= 2 {
        for i in run {
            fate[i] = Fate::Drop;
        }
    }
}

/// `دبي، الإمارات العربية المتحدة (CNN)-- …`: a name in brackets followed by
/// a dash within the first 80 characters of the line.
fn agency_dateline(l: &Line) -> bool {
    let head: String = l.text.chars().take(AGENCY_HEAD_CHARS).collect();
    head.match_indices(')').any(|(b, _)| {
        head[b + 1..]
            .trim_start_matches([' ', '\u{a0}'])
            .starts_with(['-', '–', '—'])
    })
}

/// True when `word` is a conjunction joined to a word (`وقال`, `فيما`; not
/// `في` or a two-letter word).
fn opens_with_conjunction(word: &str) -> bool {
    let mut cs = word.chars();
    let long = word.chars().count() >= 3;
    match (cs.next(), cs.next()) {
        (Some('و'), _) => long,
        (Some('ف'), b) => b != Some('ي') && long,
        _ => false,
    }
}

/// True when a paragraph opens with a conjunction (`وقال`, `فيما`) or a
/// word that continues the article (`بدوره`, `كما`, `يذكر أن`: the
/// `continuation_words` of `data/chrome/chrome.toml`); a teaser for another
/// story never opens with one.
fn continues(l: &Line) -> bool {
    let first = l.key.split(' ').next().unwrap_or_default();
    opens_with_conjunction(first) || crate::lexicon::CHROME.continuation_words.contains(first)
}

/// Words of a match key that carry content: four letters or more, without
/// the article and a leading preposition (`الاستهداف`, `لاستهداف` → `استهداف`).
fn content_words(key: &str) -> impl Iterator<Item = &str> {
    key.split(' ').filter_map(|w| {
        let w = after_article(w)
            .filter(|r| r.chars().count() >= 3)
            .unwrap_or(w);
        let w = match w.strip_prefix(['و', 'ف', 'ب', 'ل']) {
            Some(r) if w.chars().count() > 4 => r,
            _ => w,
        };
        (w.chars().count() >= 4).then_some(w)
    })
}

/// The word after its article and a proclitic joined to it: `الاستهداف`,
/// `بالاستهداف`, `والاستهداف`, `فالاستهداف`, `كالاستهداف`, and `للاستهداف`
/// (ل + ال) → `استهداف`.
fn after_article(w: &str) -> Option<&str> {
    let with_clitic = w
        .strip_prefix(['و', 'ب', 'ف', 'ك'])
        .and_then(|r| r.strip_prefix(ARTICLE));
    with_clitic
        .or_else(|| w.strip_prefix(ARTICLE))
        .or_else(|| w.strip_prefix('ل')?.strip_prefix('ل'))
}

/// A line shaped like a headline set inside a body: 3–16 words, not ending
/// like a sentence or a clause (`.` `!` `…` `:` `،`), not opening with a
/// conjunction (`وقال`, `فيما`) or a list mark (`1-`, `-`, `•`, `(`).
fn inline_headline(l: &Line) -> bool {
    if !(3..=16).contains(&l.words) {
        return false;
    }
    let t = l.text.trim_end_matches(|c: char| {
        // U+0022 is the ASCII double quote
        c.is_whitespace() || matches!(c, '\u{22}' | '”' | '»' | ')' | '\'' | '’')
    });
    if t.ends_with(['.', '!', '…', ':', '،', ',', '؛', ';']) {
        return false;
    }
    let first = l.text.split_whitespace().next().unwrap_or_default();
    let a = first.chars().next();
    let conjunction = opens_with_conjunction(first);
    // `1-`, `2)`, `3 -`: a numbered item (a number opening a headline is no mark)
    let after_number = l
        .text
        .trim_start_matches(|c: char| c.is_numeric())
        .trim_start();
    let numbered =
        a.is_some_and(char::is_numeric) && after_number.starts_with(['-', '–', ')', '.']);
    let list_mark = numbered || a.is_some_and(|c| matches!(c, '-' | '•' | '*' | '/' | '(' | '–'));
    !conjunction && !list_mark
}

/// Where chrome glued after the last sentence of a line starts (`… الحدود
/// الجنوبية. سمات البنتاغون صفقة صواريخ`): the character offset (in the
/// document) of the end of the last sentence before a tail marker
/// (`data/chrome/chrome.toml`, `tail_markers`) that opens the line or follows
/// a sentence end. A marker of several words may have the next word glued to
/// it (`مقالات أخرى للكاتبعنوان`).
fn tail_marker_cut(l: &Line) -> Option<usize> {
    let markers = &crate::lexicon::CHROME.tail_markers;
    let text = l.text;
    // the line start counts as a sentence end
    let mut after_end = true;
    for (b, c) in text.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        if after_end {
            let head: String = text[b..].chars().take(60).collect();
            let key = crate::lexicon::match_key(&head);
            let hit = markers.iter().any(|m| {
                if m.contains(' ') {
                    key.starts_with(m.as_str())
                } else {
                    // a one-word marker (`سمات`) only in a line that does
                    // not end like a sentence: the tags close it
                    crate::lexicon::starts_with_phrase(&key, m) && !l.ends_sentence()
                }
            });
            if hit {
                let keep = text[..b].trim_end();
                return Some(l.span.start + keep.chars().count());
            }
        }
        let closes = matches!(c, '\u{22}' | '”' | '»' | ')');
        after_end = matches!(c, '.' | '!' | '?' | '؟') || (closes && after_end && b > 0);
    }
    None
}

/// A read-also word names the outlet only among a link line's first words
/// (`إقرأ أيضا في X:`); further on, `في` is any preposition.
const READ_ALSO_WORDS: usize = 4;

/// The outlet a page names as its own in its chrome or lead: an agency
/// dateline (`بيروت، لبنان (CNN)-- …`), a link line (`رابط الخبر بصحيفة
/// الوئام: …`), an app promotion (`حملوا تطبيق X على هواتفكم`) or a
/// read-also link into it (`إقرأ أيضا في بي بي سي: …`).
fn own_outlet_in_chrome(lines: &[Line], kinds: &[Option<Kind>], fate: &[Fate]) -> Option<String> {
    let lead = (0..lines.len()).filter(|&i| fate[i] == Fate::Keep).take(3);
    for i in lead {
        if let Some(o) = bracketed_dateline_outlet(&lines[i]) {
            return Some(o);
        }
    }
    let meta = &*crate::lexicon::META;
    lines
        .iter()
        .zip(kinds)
        .filter(|(_, k)| **k == Some(Kind::Prefix))
        .find_map(|(l, _)| {
            named_after(l, |i, t| {
                meta.app_words.contains(t)
                    || (i < READ_ALSO_WORDS && meta.read_also_words.contains(t))
            })
        })
}

/// `دبي، الإمارات (CNN)-- …`: the known outlet in brackets before a dash in
/// the first 80 characters.
fn bracketed_dateline_outlet(l: &Line) -> Option<String> {
    if !agency_dateline(l) {
        return None;
    }
    let head: String = l.text.chars().take(AGENCY_HEAD_CHARS).collect();
    let open = head.find('(')?;
    let close = head[open..].find(')')? + open;
    outlets::lookup(&head[open + 1..close]).map(|o| o.name.clone())
}

/// The outlet named after a kind word in a line (`رابط الخبر بصحيفة الوطن`).
fn named_after_kind(l: &Line) -> Option<String> {
    named_after(l, |_, _| false)
}

/// The known outlet named after a kind word, or after a word `more` accepts
/// (given its index and match key), in a line: `حملوا تطبيق X`, `إقرأ أيضا
/// في X:`.
fn named_after(l: &Line, more: impl Fn(usize, &str) -> bool) -> Option<String> {
    let toks: Vec<&str> = l.key.split(' ').collect();
    for (i, t) in toks.iter().enumerate() {
        let bare = t
            .strip_prefix('ب')
            .or_else(|| t.strip_prefix('ل'))
            .unwrap_or(t);
        if crate::lexicon::META.outlet_type_words.contains(bare)
            || crate::lexicon::META.outlet_type_words.contains(*t)
            || more(i, t)
        {
            for n in (1..=3).rev() {
                if let Some(c) = toks.get(i + 1..i + 1 + n) {
                    if let Some(o) = outlets::lookup(&c.join(" ")) {
                        return Some(o.name.clone());
                    }
                }
            }
        }
    }
    None
}

/// True when `later` repeats the standfirst `first` (whole, or a truncated
/// prefix of at least eight words).
fn repeats(first: &Line, later: &Line) -> bool {
    if later.words < 6 {
        return false;
    }
    later.key == first.key || (later.words >= 8 && first.key.starts_with(&later.key))
}

/// What the top of the page says.
#[derive(Debug, Default)]
struct Header {
    dropped: Vec<usize>,
    title: Option<String>,
    title_span: Option<Span>,
    title_key: Option<String>,
    outlet: Option<String>,
    authors: Vec<String>,
    dateline: Option<Span>,
}

/// How many lines from the top may hold labels, title and datelines.
const HEADER_LINES: usize = 16;
/// How many short menu lines may sit above the headline.
const MENU_LINES: usize = 60;

/// A title line may carry this many words more than the metadata title (an
/// outlet name, a label, a date glued to it).
const TITLE_EXTRA_WORDS: usize = 6;
/// Words of an unknown label above a repeated headline at most.
const LABEL_MAX_WORDS: usize = 4;
/// Words of a menu line above the headline at most.
const MENU_MAX_WORDS: usize = 3;

/// Reads the top of the page: labels, menus, the title, datelines, outlet
/// and byline lines, down to the first paragraph or the first line that is
/// none of these.
fn header(lines: &[Line], kinds: &[Option<Kind>], doc: &RawDoc) -> Header {
    let mut h = Header::default();
    title_from_metadata(lines, doc, &mut h);
    let repeated = repeated_headline(lines, kinds);
    let top = lines.len().min(HEADER_LINES + MENU_LINES);
    for i in (0..top).filter(|&i| kinds[i].is_none()) {
        let l = &lines[i];
        if h.title_key.as_deref() == Some(l.key.as_str()) {
            h.dropped.push(i);
            continue;
        }
        if (h.title.is_some() || h.dateline.is_some() || i > 0) && l.is_paragraph() {
            break;
        }
        if !header_line(lines, kinds, i, repeated, &mut h) {
            break;
        }
        h.dropped.push(i);
    }
    h.authors.dedup();
    h
}

/// The title given in the metadata, and the line that holds it (the same
/// words, or those words first in one of the top lines).
fn title_from_metadata(lines: &[Line], doc: &RawDoc, h: &mut Header) {
    let Some(t) = doc
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    else {
        return;
    };
    let key = crate::lexicon::match_key(t);
    if key.is_empty() {
        return;
    }
    let words = key.split(' ').count();
    let at = lines.iter().position(|l| l.key == key).or_else(|| {
        lines
            .iter()
            .take(HEADER_LINES)
            .position(|l| l.key.starts_with(&key) && l.words <= words + TITLE_EXTRA_WORDS)
    });
    if let Some(i) = at {
        h.title_span = Some(lines[i].span);
        h.dropped.push(i);
    }
    h.title = Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
    h.title_key = Some(key);
}

/// A headline of three words or more near the top that the page repeats
/// further down: the title.
fn repeated_headline(lines: &[Line], kinds: &[Option<Kind>]) -> Option<usize> {
    let n = lines.len();
    (0..n.min(HEADER_LINES))
        .filter(|&i| kinds[i].is_none())
        .find(|&i| {
            lines[i].words >= 3
                && meta::title_shaped(&lines[i])
                && (i + 1..n).any(|j| lines[j].key == lines[i].key)
        })
}

/// Reads header line `i` into `h`: true when it is a header line (a
/// dateline, an outlet line, a byline, or, above the title, a label, a menu
/// line or the title itself).
fn header_line(
    lines: &[Line],
    kinds: &[Option<Kind>],
    i: usize,
    repeated: Option<usize>,
    h: &mut Header,
) -> bool {
    let l = &lines[i];
    if let Some(span) = meta::dateline_in(l) {
        h.dateline.get_or_insert(span);
        if let Some(o) = meta::outlet_line(l) {
            h.take_outlet_line(o);
        }
        return true;
    }
    if let Some(o) = meta::outlet_line(l) {
        h.take_outlet_line(o);
        return true;
    }
    if let Some(a) = meta::byline(l) {
        h.authors.push(a);
        return true;
    }
    if h.title.is_none() {
        return above_title(lines, kinds, i, repeated, h);
    }
    match meta::place_byline(l) {
        Some(a) => {
            h.authors.extend(a);
            true
        }
        None => false,
    }
}

/// Above the title: a section label, an unknown label over a repeated
/// headline, a menu line over a headline, or the title (a headline-shaped
/// line of three words or more, or one a paragraph follows).
fn above_title(
    lines: &[Line],
    kinds: &[Option<Kind>],
    i: usize,
    repeated: Option<usize>,
    h: &mut Header,
) -> bool {
    let l = &lines[i];
    let n = lines.len();
    let next = (i + 1..n).find(|&j| kinds[j].is_none()).map(|j| &lines[j]);
    if repeated != Some(i) && meta::is_section_label(l, next) {
        return true;
    }
    if repeated.is_some_and(|r| i < r && l.words <= LABEL_MAX_WORDS) {
        return true;
    }
    if l.words <= MENU_MAX_WORDS && !l.ends_sentence() && headline_follows(lines, kinds, i) {
        return true;
    }
    if meta::title_shaped(l) && (l.words >= 3 || next.is_some_and(Line::is_paragraph)) {
        h.title = Some(l.text.to_string());
        h.title_span = Some(l.span);
        h.title_key = Some(l.key.clone());
        return true;
    }
    false
}

/// True when a headline (four words or more) follows line `i` within
/// [`MENU_LINES`], before any paragraph: line `i` is then part of a menu.
fn headline_follows(lines: &[Line], kinds: &[Option<Kind>], i: usize) -> bool {
    (i + 1..lines.len().min(i + MENU_LINES))
        .filter(|&j| kinds[j].is_none())
        .take_while(|&j| !lines[j].is_paragraph())
        .any(|j| lines[j].words >= 4 && meta::title_shaped(&lines[j]))
}

impl Header {
    /// The outlet (unless one is known) and the authors of an outlet line.
    fn take_outlet_line(&mut self, o: meta::OutletLine) {
        self.outlet = self.outlet.take().or(o.outlet);
        self.authors.extend(o.authors);
    }
}

/// Character → byte offsets of a text, for slicing by [`Span`].
struct CharMap {
    bytes: Vec<usize>,
}

impl CharMap {
    fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharMap { bytes }
    }

    fn slice<'a>(&self, text: &'a str, span: Span) -> &'a str {
        let last = self.bytes.len() - 1;
        let a = self.bytes[span.start.min(last)];
        let b = self.bytes[span.end.min(last)];
        text.get(a..b.max(a)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_and_joined_proclitic_come_off() {
        for (word, want) in [
            ("الحصار", Some("حصار")),
            ("بالحصار", Some("حصار")),
            ("والحصار", Some("حصار")),
            ("للحصار", Some("حصار")),
            ("لحصار", None),
            ("حصار", None),
        ] {
            assert_eq!(after_article(word), want, "{word}");
        }
        // a short rest keeps its article; a proclitic comes off a long word
        let key = crate::lexicon::match_key("الله لحصارهم ومن");
        assert_eq!(content_words(&key).collect::<Vec<_>>(), ["الله", "حصارهم"]);
    }

    #[test]
    fn continuation_words_open_no_teaser() {
        let text = "بدوره قال المتحدث إن القصف استمر حتى الصباح\nقال المتحدث إن القصف استمر";
        let ls = lines::split(text);
        assert!(continues(&ls[0]));
        assert!(!continues(&ls[1]));
        assert!(continues(&lines::split("وقال المتحدث إن القصف استمر")[0]));
    }
}
