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
    let n = lines.len();
    let total_chars = lines.last().map_or(0, |l| l.span.end);
    let kinds: Vec<Option<Kind>> = lines.iter().map(chrome::kind).collect();
    let mut fate = vec![Fate::Keep; n];

    // 1. chrome lines, comment sections, related-link blocks
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
    for i in 0..n {
        if kinds[i] != Some(Kind::RelatedHead) {
            continue;
        }
        let mut taken = 0;
        for j in i + 1..n {
            if kinds[j].is_some() {
                continue;
            }
            if taken >= crate::lexicon::CHROME.related_max_lines
                || !chrome::headline_like(&lines[j])
            {
                break;
            }
            fate[j] = Fate::Drop;
            taken += 1;
        }
    }

    related_headline_runs(&lines, &mut fate);

    // 2. the header: labels, title, outlet, dateline, bylines
    let mut out = Cleaned::default();
    let header = header(&lines, &kinds, doc);
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
    out.title = header.title;
    out.title_span = header.title_span;
    out.dateline = header.dateline;
    out.authors = header.authors;
    let mut outlet = doc
        .outlet
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(outlets::canonical)
        .or(header.outlet);

    // 3. the tail: a footer menu (three or more short lines closing the
    // page), signatures, captions of related items, a repeated standfirst
    let first_body = (0..n).find(|&i| fate[i] == Fate::Keep);
    let footer: Vec<usize> = (first_body.map_or(n, |f| f + 1)..n)
        .rev()
        .take_while(|&j| {
            fate[j] == Fate::Drop || (lines[j].words <= 4 && !lines[j].ends_sentence())
        })
        .filter(|&j| fate[j] == Fate::Keep)
        .collect();
    if footer.len() >= 3 {
        for j in footer {
            fate[j] = Fate::Drop;
        }
    }
    let mut signature_outlet = None;
    // a date line closing the article (`1 كانون الأول 2019`, `الوطن -
    // 2018/04/19`, `نشر في 2019-05-20`) is its dateline when the top has none
    let mut tail_dateline = None;
    let mut i = n;
    while i > 0 {
        i -= 1;
        let l = &lines[i];
        if Some(i) != first_body && tail_dateline.is_none() {
            if let Some(sp) = meta::dateline_in(l) {
                fate[i] = Fate::Drop;
                tail_dateline = Some(sp);
                if let Some(o) = meta::outlet_line(l).and_then(|o| o.outlet) {
                    signature_outlet = signature_outlet.or(Some(o));
                }
                continue;
            }
        }
        if fate[i] == Fate::Drop {
            if signature_outlet.is_none() && l.words <= 8 {
                if let Some(Some(o)) = meta::signature(l) {
                    signature_outlet = Some(o);
                }
                if l.key.starts_with("رابط") {
                    signature_outlet = signature_outlet.or_else(|| named_after_kind(l));
                }
            }
            continue;
        }
        if Some(i) == first_body {
            break;
        }
        if let Some(sig) = meta::signature(l) {
            fate[i] = Fate::Drop;
            signature_outlet = signature_outlet.or(sig);
            continue;
        }
        let before_related = lines
            .get(i + 1)
            .is_some_and(|_| kinds[i + 1] == Some(Kind::RelatedHead));
        if before_related && chrome::headline_like(l) && !l.ends_sentence() {
            fate[i] = Fate::Drop;
            continue;
        }
        if first_body.is_some_and(|f| repeats(&lines[f], l)) {
            fate[i] = Fate::Drop;
            continue;
        }
        break;
    }
    outlet = outlet.or(signature_outlet);
    teasers_of_other_stories(&lines, &mut fate);
    out.dateline = out.dateline.or(tail_dateline);

    // 4. a dateline opening the first paragraph («دمشق-سانا …»)
    let mut starts: Vec<Option<usize>> = vec![None; n];
    if let Some(f) = (0..n).find(|&i| fate[i] == Fate::Keep) {
        if let Some((o, at)) = meta::lead_dateline(&lines[f]) {
            starts[f] = Some(at);
            outlet = outlet.or(Some(o));
        }
    }

    // 5. the outlet a chrome line or the lead names as the page's own
    if outlet.is_none() {
        outlet = own_outlet_in_chrome(&lines, &kinds, &fate);
    }
    // the outlet the body calls itself
    if outlet.is_none() {
        let keys: Vec<&str> = (0..n)
            .filter(|&i| fate[i] == Fate::Keep)
            .map(|i| lines[i].key.as_str())
            .collect();
        outlet = meta::self_reference(&keys);
    }
    // the outlet the address belongs to, when the text names it, is the
    // publisher; a wire or outlet the page credits instead is not
    if doc.outlet.as_deref().is_none_or(|o| o.trim().is_empty()) {
        if let Some(o) = doc.url.as_deref().and_then(outlets::by_url) {
            outlet = crate::publisher::names_outlet(text, o).then(|| o.name.clone());
        }
    }
    out.outlet = outlet;

    // 6. chrome glued after the last sentence of the last line
    let mut ends: Vec<Option<usize>> = vec![None; n];
    if let Some(last) = (0..n).rev().find(|&i| fate[i] == Fate::Keep) {
        match tail_marker_cut(&lines[last]) {
            Some(at) if at <= lines[last].span.start.max(starts[last].unwrap_or(0)) => {
                fate[last] = Fate::Drop;
            }
            Some(at) => ends[last] = Some(at),
            None => {}
        }
    }

    // 7. the body: contiguous kept lines form one region
    let chars = CharMap::new(text);
    let mut regions: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    for i in 0..n {
        if fate[i] == Fate::Drop {
            if let Some(r) = open.take() {
                regions.push(r);
            }
            continue;
        }
        let mut span = lines[i].span;
        if let Some(s) = starts[i] {
            if s > span.start && s < span.end {
                span.start = s;
            }
        }
        if let Some(e) = ends[i] {
            if e > span.start && e < span.end {
                span.end = e;
            }
        }
        open = Some(match open {
            Some(r) => Span::new(r.start, span.end),
            None => span,
        });
    }
    if let Some(r) = open {
        regions.push(r);
    }
    let mut body = String::new();
    for (k, r) in regions.iter().enumerate() {
        if k > 0 {
            body.push_str("\n\n");
        }
        body.push_str(chars.slice(text, *r));
    }
    out.body = body;
    out.body_spans = regions;
    out
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

/// Words that open a paragraph continuing the article (`بدوره،`, `كما`,
/// `يذكر أن`): a teaser for another story never opens with one.
const CONTINUATIONS: [&str; 12] = [
    "كما",
    "بدوره",
    "بدورها",
    "من",
    "يذكر",
    "يشار",
    "في",
    "الى",
    "اما",
    "لكن",
    "بينما",
    "حيث",
];

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
    if kept.len() < 5 {
        return;
    }
    let Some(lead_at) = kept.iter().position(|&i| agency_dateline(&lines[i])) else {
        return;
    };
    if lead_at > 2 {
        return;
    }
    // the headline and standfirst (above the lead) and the lead's first words
    let lead = kept[lead_at];
    let lead_start: String = lines[lead]
        .key
        .split(' ')
        .take(20)
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
        if l.words < 12 || !l.ends_sentence() || continues(l) {
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
    let head: String = l.text.chars().take(80).collect();
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
/// continuation word (`بدوره`, `كما`).
fn continues(l: &Line) -> bool {
    let first = l.key.split(' ').next().unwrap_or_default();
    opens_with_conjunction(first) || CONTINUATIONS.contains(&first)
}

/// Words of a match key that carry content: four letters or more, without
/// the article and a leading preposition (`الاستهداف`, `لاستهداف` → `استهداف`).
fn content_words(key: &str) -> impl Iterator<Item = &str> {
    key.split(' ').filter_map(|w| {
        let w = ["وال", "بال", "لل", "فال", "كال", "ال"]
            .iter()
            .find_map(|p| w.strip_prefix(p).filter(|r| r.chars().count() >= 3))
            .unwrap_or(w);
        let w = match w.strip_prefix(['و', 'ف', 'ب', 'ل']) {
            Some(r) if w.chars().count() > 4 => r,
            _ => w,
        };
        (w.chars().count() >= 4).then_some(w)
    })
}

/// A line shaped like a headline set inside a body: 3–16 words, not ending
/// like a sentence or a clause (`.` `!` `…` `:` `،`), not opening with a
/// conjunction (`وقال`, `فيما`) or a list mark (`1-`, `-`, `•`, `(`).
fn inline_headline(l: &Line) -> bool {
    if !(3..=16).contains(&l.words) {
        return false;
    }
    let t = l.text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '»' | ')' | '\'' | '’')
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
        let closes = matches!(c, '"' | '”' | '»' | ')');
        after_end = matches!(c, '.' | '!' | '?' | '؟') || (closes && after_end && b > 0);
    }
    None
}

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
    lines
        .iter()
        .zip(kinds)
        .filter(|(_, k)| **k == Some(Kind::Prefix))
        .find_map(|(l, _)| named_after(l, &["تطبيق", "في"]))
}

/// `دبي، الإمارات (CNN)-- …`: the known outlet in brackets before a dash in
/// the first 80 characters.
fn bracketed_dateline_outlet(l: &Line) -> Option<String> {
    if !agency_dateline(l) {
        return None;
    }
    let head: String = l.text.chars().take(80).collect();
    let open = head.find('(')?;
    let close = head[open..].find(')')? + open;
    outlets::lookup(&head[open + 1..close]).map(|o| o.name.clone())
}

/// The outlet named after a kind word in a line (`رابط الخبر بصحيفة الوطن`).
fn named_after_kind(l: &Line) -> Option<String> {
    named_after(l, &[])
}

/// The known outlet named after a kind word or one of `more` (match keys) in
/// a line (`في` only among the first words: `إقرأ أيضا في X:`).
fn named_after(l: &Line, more: &[&str]) -> Option<String> {
    let toks: Vec<&str> = l.key.split(' ').collect();
    for (i, t) in toks.iter().enumerate() {
        let bare = t
            .strip_prefix('ب')
            .or_else(|| t.strip_prefix('ل'))
            .unwrap_or(t);
        if crate::lexicon::META.outlet_type_words.contains(bare)
            || crate::lexicon::META.outlet_type_words.contains(*t)
            || (more.contains(t) && (*t != "في" || i <= 3))
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

fn header(lines: &[Line], kinds: &[Option<Kind>], doc: &RawDoc) -> Header {
    let mut h = Header::default();
    let n = lines.len();
    let live = |i: usize| kinds[i].is_none();

    // a title known from metadata
    if let Some(t) = doc
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let key = crate::lexicon::match_key(t);
        if !key.is_empty() {
            let at = lines.iter().position(|l| l.key == key).or_else(|| {
                lines
                    .iter()
                    .take(HEADER_LINES)
                    .position(|l| l.key.starts_with(&key) && l.words <= key.split(' ').count() + 6)
            });
            if let Some(i) = at {
                h.title_span = Some(lines[i].span);
                h.dropped.push(i);
            }
            h.title = Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
            h.title_key = Some(key);
        }
    }

    // a headline repeated near the top is the title
    let top: Vec<usize> = (0..n.min(HEADER_LINES)).filter(|&i| live(i)).collect();
    let repeated = top.iter().copied().find(|&i| {
        lines[i].words >= 3
            && meta::title_shaped(&lines[i])
            && (i + 1..n).any(|j| lines[j].key == lines[i].key)
    });

    let mut i = 0;
    while i < n.min(HEADER_LINES + MENU_LINES) {
        if !live(i) {
            i += 1;
            continue;
        }
        let l = &lines[i];
        if h.title_key.as_deref() == Some(l.key.as_str()) {
            h.dropped.push(i);
            i += 1;
            continue;
        }
        if (h.title.is_some() || h.dateline.is_some() || i > 0) && l.is_paragraph() {
            break;
        }
        if let Some(span) = meta::dateline_in(l) {
            h.dateline.get_or_insert(span);
            if let Some(o) = meta::outlet_line(l) {
                h.outlet = h.outlet.take().or(o.outlet);
                h.authors.extend(o.authors);
            }
            h.dropped.push(i);
            i += 1;
            continue;
        }
        if let Some(o) = meta::outlet_line(l) {
            if h.outlet.is_none() {
                h.outlet = o.outlet;
            }
            h.authors.extend(o.authors);
            h.dropped.push(i);
            i += 1;
            continue;
        }
        if let Some(a) = meta::byline(l) {
            h.authors.push(a);
            h.dropped.push(i);
            i += 1;
            continue;
        }
        if h.title.is_some() {
            if let Some(a) = meta::place_byline(l) {
                h.authors.extend(a);
                h.dropped.push(i);
                i += 1;
                continue;
            }
        }
        if h.title.is_none() {
            let next = (i + 1..n).find(|&j| live(j)).map(|j| &lines[j]);
            let is_repeat = repeated == Some(i);
            if !is_repeat && meta::is_section_label(l, next) {
                h.dropped.push(i);
                i += 1;
                continue;
            }
            if let Some(r) = repeated {
                if i < r && l.words <= 4 {
                    // an unknown label above a repeated headline
                    h.dropped.push(i);
                    i += 1;
                    continue;
                }
            }
            // a menu: short lines above a headline
            let headline_follows = || {
                (i + 1..n.min(i + MENU_LINES))
                    .filter(|&j| live(j))
                    .take_while(|&j| !lines[j].is_paragraph())
                    .any(|j| lines[j].words >= 4 && meta::title_shaped(&lines[j]))
            };
            if l.words <= 3 && !l.ends_sentence() && headline_follows() {
                h.dropped.push(i);
                i += 1;
                continue;
            }
            if meta::title_shaped(l) && (l.words >= 3 || next.is_some_and(Line::is_paragraph)) {
                h.title = Some(l.text.to_string());
                h.title_span = Some(l.span);
                h.title_key = Some(l.key.clone());
                h.dropped.push(i);
                i += 1;
                continue;
            }
        }
        break;
    }
    h.authors.dedup();
    h
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
