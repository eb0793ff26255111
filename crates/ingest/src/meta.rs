//! Title, outlet, bylines and publication dateline in page text.
//!
//! Each finder looks at one line (or the body text) and is driven by the word
//! lists in `data/chrome/meta.toml` and the outlet list in
//! `data/outlets/outlets.tsv`.

use crate::clean::lines::Line;
use crate::lexicon::{match_key, starts_with_phrase, CHROME, META};
use crate::outlets::{self, lookup};
use rasad_record::Span;

/// A word of a line with its character range in the document text.
#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    key: String,
    span: Span,
}

/// Splits a line into whitespace-separated words, edge punctuation trimmed.
fn words<'a>(line: &Line<'a>) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    let mut chars_before = 0usize;
    let mut rest = line.text;
    while !rest.is_empty() {
        let ws = rest.len() - rest.trim_start().len();
        chars_before += rest[..ws].chars().count();
        rest = &rest[ws..];
        if rest.is_empty() {
            break;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let tok = &rest[..end];
        let lead = tok.len() - tok.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let core = tok.trim_matches(|c: char| !c.is_alphanumeric());
        let start = line.span.start + chars_before + tok[..lead].chars().count();
        out.push(Word {
            text: core,
            key: match_key(core),
            span: Span::new(start, start + core.chars().count()),
        });
        chars_before += tok.chars().count();
        rest = &rest[end..];
    }
    out
}

fn is_number(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_digit() || c == ' ')
}

fn has_digit(s: &str) -> bool {
    s.chars().any(is_numeric)
}

/// `char::is_numeric`, with ASCII and Arabic letters answered without the
/// Unicode tables (hot).
fn is_numeric(c: char) -> bool {
    match c {
        '0'..='9' => true,
        '\u{0}'..='\u{7F}' | '\u{0621}'..='\u{064A}' => false,
        _ => c.is_numeric(),
    }
}

/// Words of a dateline line at most.
const DATELINE_MAX_WORDS: usize = 16;
/// Words of an unprefixed dateline at most (a longer line is a sentence
/// that mentions a date).
const BARE_DATELINE_MAX_WORDS: usize = 12;

/// The span of the publication date written on a dateline such as
/// `نشر الاثنين 04 ديسمبر, 2017 في تمام الساعة 16:40` (from the weekday to
/// the time) or a line that is only a date: a number with a month, a numeric
/// date, or (after a dateline word) a weekday; a line without a dateline word
/// must be seven tenths date words.
pub fn dateline_span(line: &Line) -> Option<Span> {
    if line.words > DATELINE_MAX_WORDS {
        return None;
    }
    let ws = words(line);
    let (start, prefixed) = after_dateline_prefix(line, &ws);
    let d = date_words(&ws, start)?;
    let ok = d.number
        && (d.month || d.numeric_date || (d.weekday && prefixed))
        && (prefixed || (d.date_words * 10 >= d.total * 7 && d.total <= BARE_DATELINE_MAX_WORDS));
    match (ok, d.first, d.last) {
        (true, Some(s), Some(e)) if s < e => Some(Span::new(s, e)),
        _ => None,
    }
}

/// The first word after a dateline word (`نشر`, `آخر تحديث`), and whether
/// there was one.
fn after_dateline_prefix(line: &Line, ws: &[Word]) -> (usize, bool) {
    let Some(p) = META
        .dateline_prefixes
        .iter()
        .find(|p| starts_with_phrase(&line.key, p))
    else {
        return (0, false);
    };
    let n = p.split(' ').count();
    // skip words until n key words are consumed
    let (mut i, mut seen) = (0, 0);
    while i < ws.len() && seen < n {
        seen += ws[i].key.split(' ').filter(|s| !s.is_empty()).count();
        i += 1;
    }
    (i, true)
}

/// What the words of a dateline hold.
#[derive(Debug, Default)]
struct DateWords {
    /// Character range from the first to the last core word.
    first: Option<usize>,
    last: Option<usize>,
    number: bool,
    month: bool,
    weekday: bool,
    /// A four-digit year or a number of several groups (`10/07/2019`).
    numeric_date: bool,
    /// Date words (core words and fillers) and all words read.
    date_words: usize,
    total: usize,
}

/// Reads date words from `ws[i..]` up to the first other word after a core
/// word, or an issue number (`… 2019 مـ رقم العدد [14859]`); `None` when a
/// word that is not a date word comes before any core word.
fn date_words(ws: &[Word], mut i: usize) -> Option<DateWords> {
    let mut d = DateWords {
        total: ws.len().saturating_sub(i),
        ..DateWords::default()
    };
    while i < ws.len() {
        if d.first.is_some() && trailer_at(ws, i) {
            d.total -= ws.len() - i;
            break;
        }
        let Some((is_core, width)) = date_word(ws, i, &mut d) else {
            if d.first.is_some() {
                break;
            }
            return None;
        };
        d.date_words += width;
        if is_core {
            d.first.get_or_insert(ws[i].span.start);
            d.last = Some(ws[i + width - 1].span.end);
        }
        i += width;
    }
    Some(d)
}

/// True when an issue number starts at word `i` (`dateline_trailers`).
fn trailer_at(ws: &[Word], i: usize) -> bool {
    let tail: Vec<&str> = ws[i..].iter().map(|w| w.key.as_str()).collect();
    let tail = tail.join(" ");
    META.dateline_trailers
        .iter()
        .any(|t| starts_with_phrase(&tail, t))
}

/// Word `i` as a date word, noted in `d`: `(core, width)` for a month (of
/// one or two words), a weekday or a number (core), or a filler (`في`,
/// `الساعة`); `None` for any other word.
fn date_word(ws: &[Word], i: usize, d: &mut DateWords) -> Option<(bool, usize)> {
    let w = &ws[i].key;
    let two = ws.get(i + 1).map(|n| format!("{w} {}", n.key));
    if two.as_ref().is_some_and(|t| META.months.contains(t)) {
        d.month = true;
        return Some((true, 2));
    }
    if META.months.contains(w) {
        d.month = true;
    } else if META.weekdays.contains(w) {
        d.weekday = true;
    } else if is_number(w) {
        d.number = true;
        if w.contains(' ') || (w.len() == 4 && (w.starts_with("19") || w.starts_with("20"))) {
            d.numeric_date = d.numeric_date || w.split(' ').count() >= 2 || w.len() == 4;
        }
    } else if w.is_empty() || META.date_fillers.contains(w) {
        return Some((false, 1));
    } else {
        return None;
    }
    Some((true, 1))
}

/// A piece of `text` as a line of its own (spans relative to `start`).
fn sub_line(text: &str, start: usize, byte0: usize) -> Line<'_> {
    let key = match_key(text);
    let words = if key.is_empty() {
        0
    } else {
        key.split(' ').count()
    };
    Line {
        span: Span::new(start, start + text.chars().count()),
        bytes: (byte0, byte0 + text.len()),
        text,
        key,
        words,
    }
}

/// The parts of a header or footer line between the separators that set a
/// place, an outlet and a date apart: `|`, `·`, `•`, long dashes, a hyphen
/// or a run of tatweels between spaces (a hyphen inside `2019-05-20` does not
/// separate).
fn parts<'a>(line: &Line<'a>) -> Vec<Line<'a>> {
    let t = line.text;
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // byte ranges of separators
    for (b, c) in t.char_indices() {
        let sep = match c {
            '|' | '·' | '•' | '–' | '—' | '،' => true,
            '-' => {
                let before = t[..b].chars().next_back();
                let after = t[b + 1..].chars().next();
                before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
            }
            // a run of tatweels between spaces (`دمشق ــ سانا`)
            'ـ' => {
                let apart = |x: Option<char>| x.is_none_or(|x| x.is_whitespace() || x == 'ـ');
                apart(t[..b].chars().next_back()) && apart(t[b + c.len_utf8()..].chars().next())
            }
            _ => false,
        };
        if sep {
            cuts.push((b, b + c.len_utf8()));
        }
    }
    let mut out = Vec::new();
    let mut from = 0;
    for (a, b) in cuts.into_iter().chain(std::iter::once((t.len(), t.len()))) {
        let raw = &t[from..a];
        let lead = raw.len() - raw.trim_start().len();
        let piece = raw.trim();
        if !piece.is_empty() {
            let b0 = from + lead;
            let start = line.span.start + t[..b0].chars().count();
            out.push(sub_line(piece, start, line.bytes.0 + b0));
        }
        from = b;
    }
    out
}

/// True when a part names a calendar day: a month name and a number, or a
/// numeric date of three numbers (`10/07/2019`, `2019-05-20`).
fn day_date(part: &Line) -> bool {
    let ws = words(part);
    let groups: usize = ws
        .iter()
        .filter(|w| is_number(&w.key))
        .map(|w| w.key.split(' ').count())
        .sum();
    let month = ws.iter().enumerate().any(|(i, w)| {
        META.months.contains(&w.key)
            || ws
                .get(i + 1)
                .is_some_and(|n| META.months.contains(&format!("{} {}", w.key, n.key)))
    });
    groups >= 3 || (month && groups >= 1)
}

/// The publication date on a header or footer line: a dateline proper
/// ([`dateline_span`]), or a date set beside the outlet, the place or the
/// byline by separators (`عفرين - هاوار | 10/07/2019`, `الوطن - 2018/04/19`,
/// `2019-05-20 | 14:30`). The other parts must be short names (a known outlet,
/// a generic source, a place or writer of at most three words, a clock time).
pub fn dateline_in(line: &Line) -> Option<Span> {
    if line.words == 0 || line.words > 16 || !has_digit(line.text) {
        return None;
    }
    if let Some(s) = dateline_span(line) {
        return Some(s);
    }
    let ps = parts(line);
    if ps.len() < 2 {
        return None;
    }
    let mut date: Option<Span> = None;
    let mut rest_ok = true;
    // a named outlet vouches for a place of up to three words beside it;
    // without one, names of at most two words (a headline is longer)
    let named = ps
        .iter()
        .any(|p| lookup(p.text).is_some() || outlets::is_generic_source(p.text));
    let max_name = if named { 3 } else { 2 };
    for p in &ps {
        if let Some(sp) = dateline_span(p).filter(|_| day_date(p) || date.is_some()) {
            date = Some(match date {
                Some(d) => Span::new(d.start.min(sp.start), d.end.max(sp.end)),
                None => sp,
            });
            continue;
        }
        let short_name = p.words <= max_name && !has_digit(p.text) && !p.ends_sentence();
        if !(short_name || lookup(p.text).is_some() || outlets::is_generic_source(p.text)) {
            rest_ok = false;
        }
    }
    date.filter(|_| rest_ok)
}

/// Separators between the parts of an outlet/dateline line.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '|' | '-'
            | '–'
            | '—'
            | ':'
            | '/'
            | '·'
            | '•'
            | '،'
            | ','
            | '«'
            | '»'
            | '\u{22}'
            | '“'
            | '”'
            | '_'
            | '\\'
            | '+'
            | '؛'
            | ';'
    )
}

/// Words of `raw` without outlet-kind words at either end
/// (`موقع بيلست الاخباري` → `بيلست`).
fn strip_kind_words(raw: &str) -> String {
    let toks: Vec<&str> = raw.split_whitespace().collect();
    let is_kind = |t: &&str| META.outlet_type_words.contains(&match_key(t));
    let mut a = 0;
    let mut b = toks.len();
    while a < b && is_kind(&toks[a]) {
        a += 1;
    }
    while b > a && is_kind(&toks[b - 1]) {
        b -= 1;
    }
    toks[a..b].join(" ")
}

/// What an outlet line says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutletLine {
    /// The outlet (canonical name when known).
    pub outlet: Option<String>,
    /// Bylines in parentheses (`(بلال الفارس)`).
    pub authors: Vec<String>,
}

/// Words of an outlet line at most.
const OUTLET_LINE_MAX_WORDS: usize = 12;
/// Words of a part of an outlet line at most (a longer part is a sentence).
const OUTLET_PART_MAX_WORDS: usize = 5;
/// Words of a place or a name beside an outlet at most.
const BESIDE_OUTLET_MAX_WORDS: usize = 3;

/// True when a line opens with a source word (`المصدر: …`, the
/// `source_words` of `data/chrome/meta.toml`).
fn is_source_line(line: &Line) -> bool {
    META.source_words
        .iter()
        .any(|p| starts_with_phrase(&line.key, p))
}

/// Reads a line that names the outlet, possibly with a place and a byline:
/// `| الوطن - وكالات`, `أخبار الآن | دبي – الإمارات (بلال الفارس)`,
/// `pelest news - موقع بيلست الاخباري`, `أبوظبي - سكاي نيوز عربية`.
pub fn outlet_line(line: &Line) -> Option<OutletLine> {
    if line.words == 0 || line.words > OUTLET_LINE_MAX_WORDS || is_source_line(line) {
        return None;
    }
    let (rest, authors, aligned) = bracketed_authors(line.text);
    // a date beside the outlet (`عفرين - هاوار | 10/07/2019`) is not a name
    let undated = tatweel_dashes(&without_date(line, rest, aligned));
    let segments: Vec<&str> = undated
        .split(is_separator)
        .map(str::trim)
        .filter(|s| !match_key(s).is_empty())
        .collect();
    let long = |s: &&str| s.split_whitespace().count() > OUTLET_PART_MAX_WORDS;
    if segments.is_empty() || segments.iter().any(long) {
        return None;
    }
    if let Some(o) = segments.iter().find_map(|s| lookup(s)) {
        let others_short = segments
            .iter()
            .filter(|s| lookup(s).is_none())
            .all(|s| s.split_whitespace().count() <= BESIDE_OUTLET_MAX_WORDS && !has_digit(s));
        let outlet = Some(o.name.clone());
        return others_short.then_some(OutletLine { outlet, authors });
    }
    if let Some(outlet) = generic_outlet_line(line, &segments, !authors.is_empty()) {
        return Some(OutletLine { outlet, authors });
    }
    let outlet = Some(kind_word_outlet(&segments)?);
    Some(OutletLine { outlet, authors })
}

/// The text of a line with its brackets blanked, the names of two to four
/// words in them (bylines: `(بلال الفارس)`), and whether the text is still
/// aligned with the line character for character (every bracket closed).
fn bracketed_authors(text: &str) -> (String, Vec<String>, bool) {
    let mut authors = Vec::new();
    let mut rest = String::new();
    let mut depth = 0usize;
    let mut inner = String::new();
    for c in text.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                inner.clear();
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                let name = inner.trim();
                let n = name.split_whitespace().count();
                if (2..=4).contains(&n) && !has_digit(name) && lookup(name).is_none() {
                    authors.push(name.to_string());
                }
                rest.push(' ');
            }
            _ if depth > 0 => inner.push(c),
            _ => rest.push(c),
        }
    }
    let aligned = depth == 0 && rest.chars().count() == text.chars().count();
    (rest, authors, aligned)
}

/// `rest` (the line's text, brackets blanked) without the date the line
/// holds, when it is still aligned with the line.
fn without_date(line: &Line, rest: String, aligned: bool) -> String {
    let Some(d) = dateline_in(line) else {
        return rest;
    };
    if d.start < line.span.start || d.end > line.span.end {
        return rest;
    }
    let a = d.start - line.span.start;
    let chars: Vec<char> = rest.chars().collect();
    let b = (d.end - line.span.start).min(chars.len());
    if a <= b && aligned {
        chars[..a].iter().chain(&chars[b..]).collect()
    } else {
        rest
    }
}

/// An unknown outlet beside a generic source: `| X - وكالات` (the bar marks
/// X as the outlet); `دمشق - خاص` is a place and a generic source, a dateline
/// line without an outlet. `Some(outlet)` when the line is read so.
fn generic_outlet_line(
    line: &Line,
    segments: &[&str],
    has_authors: bool,
) -> Option<Option<String>> {
    let generic = segments
        .iter()
        .filter(|s| outlets::is_generic_source(s))
        .count();
    let named: Vec<&&str> = segments
        .iter()
        .filter(|s| !outlets::is_generic_source(s))
        .collect();
    let short = |n: &&&str| n.split_whitespace().count() <= BESIDE_OUTLET_MAX_WORDS;
    if generic == 0 || named.len() > 1 || !named.iter().all(short) {
        return None;
    }
    let name = named
        .first()
        .map(|n| strip_kind_words(n))
        .unwrap_or_default();
    let outlet =
        (line.text.starts_with('|') && !name.is_empty() && !has_digit(&name)).then_some(name);
    (outlet.is_some() || has_authors || line.words <= 4).then_some(outlet)
}

/// `موقع النهرين الإخباري`: a part with an outlet-kind word at one end and a
/// name of one or two words, in a line of at most three parts.
fn kind_word_outlet(segments: &[&str]) -> Option<String> {
    if segments.len() > 3 {
        return None;
    }
    let is_kind = |t: &str| META.outlet_type_words.contains(&match_key(t));
    segments.iter().find_map(|s| {
        let toks: Vec<&str> = s.split_whitespace().collect();
        let at_edge = toks.len() >= 2 && (is_kind(toks[0]) || is_kind(toks[toks.len() - 1]));
        let name = strip_kind_words(s);
        let ok = at_edge && !name.is_empty() && name.split_whitespace().count() <= 2;
        (ok && !has_digit(&name)).then(|| outlets::canonical(&name))
    })
}

/// Reads a byline line: `- وليد عبد الرحيم`, `بقلم: …`, `كتب: …`.
pub fn byline(line: &Line) -> Option<String> {
    let name_ok = |s: &str| {
        let n = s.split_whitespace().count();
        (1..=5).contains(&n)
            && !has_digit(s)
            && lookup(s).is_none()
            && !outlets::is_generic_source(s)
    };
    if let Some(rest) = line.text.strip_prefix(['-', '–', '—', '•']) {
        let rest = rest.trim();
        let n = rest.split_whitespace().count();
        if (2..=4).contains(&n) && name_ok(rest) && !rest.contains(['.', '،', ':']) {
            return Some(rest.to_string());
        }
        return None;
    }
    if line.words > 7 {
        return None;
    }
    let p = META
        .byline_prefixes
        .iter()
        .find(|p| starts_with_phrase(&line.key, p))?;
    let folded = rasad_text::key(line.text);
    let colon = folded
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(p.chars().filter(|c| *c != ' ').count() + 2)
        .any(|c| c == ':');
    if !colon && !META.byline_prefixes_no_colon.contains(p) {
        return None;
    }
    let ws = words(line);
    let skip = p.split(' ').count();
    let first = ws.get(skip)?;
    let start_byte = line.text.find(first.text)?;
    let rest = line.text[start_byte..]
        .trim()
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    name_ok(rest).then(|| rest.to_string())
}

/// A short line under the headline naming a place and a writer, as in
/// `بيروت: نذير رضا` or `دمشق - خاص`: returns the writer (none when the
/// right side is a generic source).
pub fn place_byline(line: &Line) -> Option<Vec<String>> {
    if line.words > 5 || line.ends_sentence() {
        return None;
    }
    let (left, right) = line.text.split_once([':', '-', '–', '—'])?;
    let (left, right) = (left.trim(), right.trim());
    let lw = left.split_whitespace().count();
    let rw = right.split_whitespace().count();
    if !(1..=2).contains(&lw) || !(1..=3).contains(&rw) || has_digit(line.text) {
        return None;
    }
    if outlets::is_generic_source(right) {
        return Some(Vec::new());
    }
    (rw >= 2 && lookup(right).is_none()).then(|| vec![right.to_string()])
}

/// True for a section label above the headline (`سورية`, `الشأن السوري`, `عاجل`).
pub fn is_section_label(line: &Line, next: Option<&Line>) -> bool {
    if line.words == 0 || line.words > 3 {
        return false;
    }
    if CHROME.section_labels.contains(&line.key) {
        return true;
    }
    line.words <= 2
        && !line.ends_sentence()
        && next.is_some_and(|n| n.words > line.words + 1 && !n.is_paragraph())
}

/// True for a line that can be a headline.
pub fn title_shaped(line: &Line) -> bool {
    (2..=40).contains(&line.words)
        && !line.is_paragraph()
        && !line.text.ends_with([':', '،', ','])
        && line.text.chars().count() <= 300
}

/// A signature line at the end of the article: `صحيفة الوطن`, `المصدر: الجزيرة`.
/// `Some(outlet)` when the line is a signature (the outlet when it names one).
pub fn signature(line: &Line) -> Option<Option<String>> {
    if line.words == 0 || line.words > 8 {
        return None;
    }
    if let Some(p) = META
        .source_words
        .iter()
        .find(|p| starts_with_phrase(&line.key, p))
    {
        let ws = words(line);
        let skip = p.split(' ').count();
        let rest = match ws.get(skip) {
            Some(w) => line.text.find(w.text).map_or("", |b| &line.text[b..]),
            None => "",
        };
        let named = rest
            .split(['+', '،', ',', '/', '|', '-', '–'])
            .map(str::trim)
            .find_map(|s| lookup(s).map(|o| o.name.clone()));
        return Some(named);
    }
    if let Some(o) = outlet_line(line) {
        if o.outlet.is_some() {
            return Some(o.outlet);
        }
    }
    None
}

/// A dateline at the start of the first paragraph: `دمشق-سانا`,
/// `بيروت: «الشرق الأوسط»`. Returns the outlet and the character where the
/// article text starts.
pub fn lead_dateline(line: &Line) -> Option<(String, usize)> {
    let head: String = line.text.chars().take(40).collect();
    let (sep_byte, sep_len) = lead_separator(&head)?;
    let left = &line.text[..sep_byte];
    let left_words = left.split_whitespace().count();
    if !(1..=3).contains(&left_words) || has_digit(left) {
        return None;
    }
    // the words after the separator, with their byte ranges
    let after_start = sep_byte + sep_len;
    let mut toks: Vec<(usize, usize)> = Vec::new();
    let mut b = after_start;
    for piece in line.text[after_start..].split_inclusive(char::is_whitespace) {
        let core = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if !core.is_empty() {
            let off = b + piece.find(core).unwrap_or(0);
            toks.push((off, off + core.len()));
        }
        b += piece.len();
        if toks.len() >= 4 {
            break;
        }
    }
    for n in (1..=3).rev() {
        if toks.len() <= n {
            continue;
        }
        let cand = &line.text[toks[0].0..toks[n - 1].1];
        let Some(o) = lookup(cand) else {
            continue;
        };
        // the article starts at the next word
        let start_byte = toks[n].0;
        let at = line.span.start + line.text[..start_byte].chars().count();
        return Some((o.name.clone(), at));
    }
    None
}

/// The first separator of a lead dateline in `head`, as a byte offset and
/// length: a dash, a colon, or a run of tatweels set apart by spaces
/// (`دمشق ــ سانا`; a tatweel inside a word, `مـدينة`, is no separator).
fn lead_separator(head: &str) -> Option<(usize, usize)> {
    let mut prev = None;
    for (b, c) in head.char_indices() {
        if matches!(c, '-' | '–' | '—' | ':') {
            return Some((b, c.len_utf8()));
        }
        if c == 'ـ' && prev.is_some_and(char::is_whitespace) {
            let run = head[b..].len() - head[b..].trim_start_matches('ـ').len();
            let next = head[b + run..].chars().next();
            if next.is_none_or(char::is_whitespace) {
                return Some((b, run));
            }
        }
        prev = Some(c);
    }
    None
}

/// Runs of tatweels set apart by spaces (`دمشق ــ سانا`) as hyphens, one per
/// tatweel, so the text keeps its length in characters.
fn tatweel_dashes(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == 'ـ' && (i == 0 || chars[i - 1].is_whitespace()) {
            let mut j = i;
            while j < chars.len() && chars[j] == 'ـ' {
                j += 1;
            }
            if j == chars.len() || chars[j].is_whitespace() {
                out.extend(std::iter::repeat_n('-', j - i));
                i = j;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The outlet an article names as itself: "told «X agency»" plus a reference
/// back to "the agency's source/correspondent" (`قال مصدر لوكالة «ستيب
/// الإخبارية»` … `أفاد مصدر الوكالة`), or "X's correspondent" (`مراسل عنب بلدي`).
pub fn self_reference(body_keys: &[&str]) -> Option<String> {
    let text = body_keys.join(" \n ");
    let toks: Vec<&str> = text.split(' ').collect();
    own_correspondent(&toks).or_else(|| agency_referred_back(&toks))
}

/// «X's correspondent» (`مراسل عنب بلدي`, the `own_correspondent_words` of
/// `data/chrome/meta.toml`) names X, unless X is a wire agency: a wire's
/// correspondents are quoted by every outlet.
fn own_correspondent(toks: &[&str]) -> Option<String> {
    toks.iter()
        .enumerate()
        .filter(|(_, t)| META.own_correspondent_words.contains(**t))
        .find_map(|(i, _)| outlet_at(toks, i + 1).filter(|o| !is_wire(o)))
}

/// «told X agency» (`لوكالة ستيب`) and, anywhere, «the agency's source»
/// (`مصدر الوكالة`): the `self_reference_kinds` and `self_reference_back`
/// words of `data/chrome/meta.toml`, the kind word taking the article when
/// referred back to.
fn agency_referred_back(toks: &[&str]) -> Option<String> {
    for (i, t) in toks.iter().enumerate() {
        for (kind, back) in &META.self_reference_kinds {
            let (kind, back) = (kind.as_str(), back.as_str());
            let introduced = *t == kind
                || t.strip_prefix('ل').is_some_and(|r| r == kind)
                || t.strip_prefix('ب').is_some_and(|r| r == kind);
            if !introduced {
                continue;
            }
            let Some(o) = outlet_at(toks, i + 1) else {
                continue;
            };
            let referred = toks
                .windows(2)
                .any(|w| META.self_reference_back.contains(w[0]) && w[1] == back);
            if referred {
                return Some(o);
            }
        }
    }
    None
}

/// True for a wire agency (`data/chrome/meta.toml`, `wire_agencies`): its
/// correspondents are quoted by other outlets, so «مراسل X» does not make it
/// the publisher.
fn is_wire(outlet: &str) -> bool {
    META.wire_agencies.contains(&match_key(outlet))
}

/// The known outlet named by the 1–3 words at `at`, longest first.
fn outlet_at(toks: &[&str], at: usize) -> Option<String> {
    for n in (1..=3).rev() {
        let Some(cand) = toks.get(at..at + n) else {
            continue;
        };
        if cand.contains(&"\n") {
            continue;
        }
        let joined = cand.join(" ");
        if outlets::without_kind_words(&joined).is_empty() {
            continue;
        }
        if let Some(o) = lookup(&joined) {
            return Some(o.name.clone());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::lines::split;

    fn line(s: &str) -> Line<'_> {
        split(s).into_iter().next().expect("a line")
    }

    fn slice(s: &str, sp: Span) -> String {
        s.chars().skip(sp.start).take(sp.len()).collect()
    }

    #[test]
    fn numeric_fast_path_agrees_with_unicode() {
        for c in ('\u{0}'..='\u{0800}').chain('\u{FB50}'..='\u{FEFF}') {
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
        }
        assert!(has_digit("في ٢٠١٩") && has_digit("2019") && !has_digit("دمشق"));
    }

    #[test]
    fn datelines() {
        for (text, want) in [
            (
                "نشر الاثنين 04 ديسمبر, 2017 في تمام الساعة 16:40",
                Some("الاثنين 04 ديسمبر, 2017 في تمام الساعة 16:40"),
            ),
            ("تاريخ النشر: 12 آذار 2019", Some("12 آذار 2019")),
            ("آخر تحديث: 2020-05-03 10:22", Some("2020-05-03 10:22")),
            (
                "الخميس 3 كانون الثاني 2019",
                Some("الخميس 3 كانون الثاني 2019"),
            ),
            ("05/06/2018", Some("05/06/2018")),
            ("Published on March 3, 2021", Some("March 3, 2021")),
            ("نشر في 12 رمضان 1439 هـ", Some("12 رمضان 1439")),
            ("قتل 5 مدنيين في 3 آذار بقصف على حلب", None),
            ("الاثنين", None),
            ("نشر الجيش بيانا عن المعركة", None),
            ("تحرير البوكمال يكشف بعض تحالفات داعش", None),
        ] {
            let l = line(text);
            let got = dateline_span(&l).map(|sp| slice(text, sp));
            assert_eq!(got.as_deref(), want, "{text}");
        }
    }

    #[test]
    fn outlet_lines() {
        for (text, outlet, authors) in [
            ("| الوطن - وكالات", Some("الوطن"), vec![]),
            (
                "أخبار الآن | دبي – الإمارات (بلال الفارس)",
                Some("أخبار الآن"),
                vec!["بلال الفارس"],
            ),
            ("pelest news - موقع بيلست الاخباري", Some("بيلست"), vec![]),
            ("أبوظبي - سكاي نيوز عربية", Some("سكاي نيوز عربية"), vec![]),
            ("عنب بلدي – ريف دمشق", Some("عنب بلدي"), vec![]),
            ("القامشلي – نورث برس", Some("نورث برس"), vec![]),
            ("| الأيام - وكالات", Some("الأيام"), vec![]),
            ("موقع النهرين الإخباري", Some("النهرين"), vec![]),
            ("صحيفة الوطن", Some("الوطن"), vec![]),
        ] {
            let got = outlet_line(&line(text));
            assert_eq!(
                got.as_ref().and_then(|o| o.outlet.as_deref()),
                outlet,
                "{text}"
            );
            let want: Vec<String> = authors.iter().map(|s| s.to_string()).collect();
            assert_eq!(got.map(|o| o.authors).unwrap_or_default(), want, "{text}");
        }
        for (text, authors) in [
            ("دمشق - خاص", vec![]),
            ("دير الزور – وكالات", vec![]),
            ("حلب - خاص (أحمد العلي)", vec!["أحمد العلي"]),
        ] {
            let got = outlet_line(&line(text)).expect(text);
            assert_eq!(got.outlet, None, "{text}");
            assert_eq!(got.authors, authors, "{text}");
        }
        for text in [
            "دمشق: مقتل شخصين بانفجار",
            "الجيش يصد هجوم داعش على البوكمال ويكبده خسائر فادحة",
            "المصدر: وكالات",
            "دير الزور",
        ] {
            assert_eq!(outlet_line(&line(text)), None, "{text}");
        }
    }

    #[test]
    fn bylines() {
        for (text, want) in [
            ("- وليد عبد الرحيم", Some("وليد عبد الرحيم")),
            ("بقلم: سامر العاني", Some("سامر العاني")),
            ("بقلم سامر العاني", Some("سامر العاني")),
            ("كتب: محمد حسان", Some("محمد حسان")),
            ("كتب محمد حسان تقريرا مطولا عن الحرب", None),
            ("- 30 قتيلا", None),
            ("تقرير أممي يكشف انتهاكات", None),
        ] {
            assert_eq!(byline(&line(text)).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn labels_and_signatures() {
        let t = line("تطورات معارك دير الزور الأخيرة");
        assert!(is_section_label(&line("الشأن السوري"), Some(&t)));
        assert!(is_section_label(&line("عاجل"), None));
        assert!(is_section_label(&line("ملفات ساخنة"), Some(&t)));
        assert!(!is_section_label(&line("مجزرة جديدة"), None));
        assert_eq!(signature(&line("صحيفة الوطن")), Some(Some("الوطن".into())));
        assert_eq!(
            signature(&line("المصدر: الجزيرة + وكالات")),
            Some(Some("الجزيرة".into()))
        );
        assert_eq!(signature(&line("المصدر: وكالات")), Some(None));
        assert_eq!(
            signature(&line("وأكد المصدر أن القصف مستمر منذ الصباح")),
            None
        );
    }

    #[test]
    fn lead_datelines() {
        let text = "دمشق-سانا أعلنت القيادة العامة للجيش";
        let l = line(text);
        let (o, at) = lead_dateline(&l).expect("dateline");
        assert_eq!(o, "سانا");
        assert!(slice(text, Span::new(at, l.span.end)).starts_with("أعلنت"));
        let text = "بيروت: «الشرق الأوسط» قالت مصادر";
        let (o, at) = lead_dateline(&line(text)).expect("dateline");
        assert_eq!(o, "الشرق الأوسط");
        assert!(slice(text, Span::new(at, text.chars().count())).starts_with("قالت"));
        assert_eq!(lead_dateline(&line("قتل 5 - بحسب المصادر")), None);
        assert_eq!(lead_dateline(&line("قال مسؤول: إن الهجوم فشل")), None);
    }

    #[test]
    fn self_references() {
        let a = match_key("وقال مصدر محلّي لوكالة “ستيب الإخبارية”: إنّ التنظيم هاجم");
        let b = match_key("في حين، أفاد مصدر الوكالة بأنّ أحد القياديين");
        assert_eq!(self_reference(&[&a, &b]).as_deref(), Some("ستيب"));
        // citing an agency without calling it «ours» is not enough
        let c = match_key("وقال مسؤول لوكالة رويترز إن الهجوم فشل");
        assert_eq!(self_reference(&[&c]), None);
        let d = match_key("وأفاد مراسل عنب بلدي في درعا");
        assert_eq!(self_reference(&[&d]).as_deref(), Some("عنب بلدي"));
        // a wire's correspondent is quoted, not the publisher
        let e = match_key("وقال مراسلو وكالة الأنباء الفرنسية إن المئات تجمعوا");
        assert_eq!(self_reference(&[&e]), None);
    }
}
