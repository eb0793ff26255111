//! Open-class places: villages, wadis, bridges, squares, checkpoints … that
//! the gazetteer does not list, read from the words after a head
//! (`قرية المعلك`, `دوار السبع بحرات`, `حي كافوري`). They are reported without
//! an id, named by the head and the name as written.
//!
//! A name is one to three words right after the head, with nothing but
//! spaces (or quotation marks around the whole name) between them. It stops
//! before a word of the stop list (`data/gazetteer/name_stop.tsv`: function
//! words, verbs, numbers, months, directions, actor terms, common nouns), a
//! word carrying a proclitic (`والمناطق`, `لساعات`), punctuation, a digit, or
//! any word the gazetteer matches (another place, a head, a not-place
//! phrase). Adjectives end it when indefinite (`منطقة عسكرية`, `حي سكني`);
//! after a feminine head an indefinite word in `ـية` is read as an adjective
//! too. A second or third word continues the name only after a word that
//! starts names (`تل`, `عين`, `أبو`: `lead` in the stop list) or as the
//! defined second term of a construct (`جورة الشياح`); a name never ends on
//! a lead word. Heads marked `strict` (`موقع`, `نقطة`, `حاجز`, `ثكنة`, also
//! words for websites and points) count only when a gazetteer place follows
//! in the same sentence, and never after a word that cites an outlet.
//!
//! List heads (`قرى`, `بلدتي`, `أحياء`) read names joined by `و` or commas,
//! each reported by itself; a lone indefinite word after them is a verb or
//! an adjective (`مخيمات تفتقر`). Heads marked `named` (`ساحة`, `دوار`) take
//! a gazetteer name right after them as the landmark's (`ساحة الكرامة` is a
//! square, not the town الكرامة). After any head, a gazetteer word whose
//! article disagrees (`حي بستان الديوان`, gazetteer البستان) is read as the
//! start of a longer unknown name when one follows (see `matcher`).

use crate::context::Contexts;
use crate::heads;
use rasad_record::Span;
use rasad_text::clitic::{self, TA_MARBUTA};
use rasad_text::phrase::PhraseMatch;
use rasad_text::{Analysis, Token};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Open-class heads (`data/gazetteer/open_heads.tsv`).
pub(crate) const OPEN_HEADS_TSV: &str = include_str!("../../../data/gazetteer/open_heads.tsv");
/// Words that are not part of a name (`data/gazetteer/name_stop.tsv`).
pub(crate) const NAME_STOP_TSV: &str = include_str!("../../../data/gazetteer/name_stop.tsv");

/// Most words an open-class name has.
const MAX_WORDS: usize = 3;

/// One open-class head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OpenHead {
    /// The head as a key (`قريه`).
    pub key: Box<str>,
    /// Its written forms (the head first, then variants such as `بحي`).
    pub forms: Vec<Box<str>>,
    /// The kind reported for its places.
    pub kind: Box<str>,
    /// Counts only with a gazetteer place after it in the sentence.
    pub strict: bool,
    /// A gazetteer name right after it names the landmark (`ساحة الكرامة`).
    pub named: bool,
    /// Names only gazetteer places, never an unknown word after it
    /// (`جامعة الأنبار`; `جامعة الدول العربية` is no campus).
    pub only_named: bool,
    /// Names a landmark after two gazetteer places in a row and nothing
    /// else (`طريق بغداد كركوك`; `عن طريق الخطأ` is "by mistake").
    pub pair: bool,
    /// A plural or dual head governing a list (`قرى X وY`).
    pub list: bool,
}

/// How a stop-list word ends a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// Never part of a name.
    Hard,
    /// Not part of a name when indefinite.
    Adjective,
    /// Starts names, never ends one.
    Lead,
}

/// The loaded heads and stop list.
#[derive(Debug, Clone, Default)]
pub(crate) struct OpenRules {
    pub heads: Vec<OpenHead>,
    stop: FxHashMap<Box<str>, Stop>,
}

/// Proclitics a head is rarely written with: `فقرية`, `كقرية` are no heads.
const UNLIKELY_CLITICS: [char; 2] = ['ف', 'ك'];

/// Fewest letters of a word in `ـية` read as an adjective after a feminine
/// head (`زراعية`); shorter ones are nouns.
const MIN_FEMININE_ADJECTIVE: usize = 4;

/// An indefinite word in `ـية` (`زراعية`, `صحراوية`): after a feminine head
/// an adjective agreeing with it, `قرية زراعية`.
fn feminine_adjective(w: &str) -> bool {
    w.strip_suffix(TA_MARBUTA)
        .is_some_and(|s| s.ends_with(NISBA))
        && w.chars().count() >= MIN_FEMININE_ADJECTIVE
}

/// The letter that ends a nisba adjective (`عسكري`) in key form.
const NISBA: char = 'ي';

/// The feminine of a key word: `عسكري` → `عسكريه`.
fn feminine(word: &str) -> String {
    let mut f = String::with_capacity(word.len() + TA_MARBUTA.len_utf8());
    f.push_str(word);
    f.push(TA_MARBUTA);
    f
}

/// One line of `open_heads.tsv` (None for comments, the header and
/// malformed lines).
fn head_line(line: &str) -> Option<OpenHead> {
    if line.starts_with('#') || line.starts_with("head\t") || line.trim().is_empty() {
        return None;
    }
    let c: Vec<&str> = line.split('\t').collect();
    if c.len() < 6 || c[0].trim().is_empty() {
        return None;
    }
    let head = c[0].trim();
    let mut forms: Vec<Box<str>> = vec![head.into()];
    forms.extend(
        c[1].split('|')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(Into::into),
    );
    let named = c[4].trim();
    Some(OpenHead {
        key: bare_key(head).into(),
        forms,
        kind: c[2].trim().into(),
        strict: c[3].trim() == "1",
        named: matches!(named, "1" | "2" | "3"),
        only_named: matches!(named, "2" | "3"),
        pair: named == "3",
        list: c[5].trim() == "1",
    })
}

/// A word of the data as a bare key (folded, article stripped).
fn bare_key(word: &str) -> String {
    let k = rasad_text::key(word);
    clitic::strip_article(k.trim()).to_string()
}

impl OpenRules {
    /// Parses the heads and the stop list (malformed lines are skipped).
    pub(crate) fn parse(heads_tsv: &str, stop_tsv: &str) -> Self {
        let mut r = OpenRules {
            heads: heads_tsv.lines().filter_map(head_line).collect(),
            ..OpenRules::default()
        };
        for line in stop_tsv.lines() {
            if line.starts_with('#') || line.starts_with("word\t") {
                continue;
            }
            let mut c = line.split('\t');
            if let (Some(word), Some(class)) = (c.next(), c.next()) {
                r.add_stop(word, class.trim());
            }
        }
        r
    }

    /// Adds a stop word of `class`; a nisba adjective also stops in the
    /// feminine (`عسكري` → `عسكرية`).
    fn add_stop(&mut self, word: &str, class: &str) {
        let k = bare_key(word);
        if k.is_empty() {
            return;
        }
        let stop = match class {
            "lead" => Stop::Lead,
            "adjective" => Stop::Adjective,
            _ => Stop::Hard,
        };
        if k.ends_with(NISBA) && matches!(class, "adjective" | "nationality") {
            self.stop.entry(feminine(&k).into()).or_insert(stop);
        }
        self.stop.insert(k.into(), stop);
    }

    fn stop(&self, bare: &str) -> Option<Stop> {
        self.stop.get(bare).copied()
    }

    /// True when `bare` (a key without the article) starts names and is
    /// never one alone (`عين`, `تل`, `أبو`).
    pub(crate) fn is_lead(&self, bare: &str) -> bool {
        self.stop(bare) == Some(Stop::Lead)
    }

    fn is_head(&self, bare: &str) -> bool {
        heads::head(bare).is_some() || self.heads.iter().any(|h| &*h.key == bare)
    }
}

/// A place read after an open-class head.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OpenMention {
    /// Index of the head in [`OpenRules::heads`].
    pub head: usize,
    /// Original span of head and name.
    pub span: Span,
    /// Head and name as written, one space between words.
    pub name: String,
    /// Bare key of the name words (no head), to merge repeated mentions.
    pub key: String,
    /// The last token of the name.
    pub end_tok: usize,
}

/// The characters between two tokens.
fn gap<'k>(key: &'k str, a: &Token, b: &Token) -> &'k str {
    if a.end <= b.start {
        &key[a.end..b.start]
    } else {
        ""
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '\'')
}

/// A word made of Arabic letters only (no digit, Latin letter or symbol).
fn arabic_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// One word of a name: its token, whether it has the article, its stop class.
type Word = (usize, bool, Option<Stop>);

/// Reads the open-class places after the head matched by `m`: one name, or
/// for a list head (`قرى`, `بلدتي`) the names joined by `و` or commas;
/// `limit` is the first token of the next dictionary match (names stop
/// before it).
pub(crate) fn read(
    rules: &OpenRules,
    contexts: &Contexts,
    a: &Analysis,
    m: &PhraseMatch,
    head: usize,
    limit: usize,
    exclude: &[Span],
) -> Vec<OpenMention> {
    let Some(h) = rules.heads.get(head) else {
        return Vec::new();
    };
    let Some((head_from, quoted)) = head_reads_names(h, contexts, a, m) else {
        return Vec::new();
    };
    let reader = NameReader {
        rules,
        a,
        exclude,
        limit: limit.min(a.tokens().len()),
        feminine: h.key.ends_with(TA_MARBUTA),
    };
    let limit = reader.limit;
    let words = reader.words(m.tokens.end, 0);
    let (Some(&(first, definite, _)), Some(&(end_tok, _, _))) = (words.first(), words.last())
    else {
        return Vec::new();
    };
    if !name_ends_cleanly(contexts, a, end_tok, limit, quoted) {
        return Vec::new();
    }
    if !h.list {
        let with_head = Some((head_from, m.tokens.start));
        return build(a, head, with_head, first..end_tok + 1, 0)
            .into_iter()
            .collect();
    }
    reader.list(head, first..end_tok + 1, definite)
}

/// Where the head matched by `m` starts in the key and whether quotation
/// marks open the name after it (`حي "الزهور"`), or None when this head
/// reads no name here: a head of several tokens or at the end, one that
/// refers back (`القرية`), a verb spelled like it (`وأدى`), a strict head
/// after a word that cites an outlet (`موقع` of a website), or punctuation
/// after it.
fn head_reads_names(
    h: &OpenHead,
    contexts: &Contexts,
    a: &Analysis,
    m: &PhraseMatch,
) -> Option<(usize, bool)> {
    let (key, toks) = (a.key_str(), a.tokens());
    if m.tokens.len() != 1 || m.tokens.end >= toks.len() {
        return None;
    }
    let ht = &toks[m.tokens.start];
    let head_from = head_start(h, key, ht, m)?;
    if hamza_disagrees(h, a.slice(ht.span)) {
        return None;
    }
    if h.strict {
        let prev = m.tokens.start.checked_sub(1).map(|i| &toks[i]);
        if prev.is_some_and(|p| contexts.cites(key, p)) {
            return None;
        }
    }
    let g = gap(key, ht, &toks[m.tokens.end]);
    if !g.chars().all(|c| c.is_whitespace() || is_quote(c)) {
        return None;
    }
    Some((head_from, g.chars().any(is_quote)))
}

/// True when the name ending at token `end_tok` ends there: not before an
/// outlet's word (`موقع عنب بلدي نت`), and a quoted name closes its quote
/// (`«X Y» Z`, not `«X Y Z»`).
fn name_ends_cleanly(
    contexts: &Contexts,
    a: &Analysis,
    end_tok: usize,
    limit: usize,
    quoted: bool,
) -> bool {
    let (key, toks) = (a.key_str(), a.tokens());
    let Some(next) = toks.get(end_tok + 1) else {
        return true;
    };
    if contexts.outlet_tail(key, next) {
        return false;
    }
    if quoted && end_tok + 1 < limit {
        let g = gap(key, &toks[end_tok], next);
        if !g.chars().any(is_quote) && g.chars().all(char::is_whitespace) {
            return false;
        }
    }
    true
}

/// Reads the words of names after one head.
struct NameReader<'a> {
    rules: &'a OpenRules,
    a: &'a Analysis,
    /// Spans no name may overlap (actor names).
    exclude: &'a [Span],
    /// The first token of the next dictionary match: names stop before it.
    limit: usize,
    /// The head is feminine (`قرية`): an indefinite word in `ـية` after it
    /// is an adjective.
    feminine: bool,
}

impl NameReader<'_> {
    /// The names after a list head, the first on tokens `first`, each by
    /// itself: `قرى المعلك والخوين وأم الحنين`. A lone indefinite word is
    /// rather a verb or an adjective (`مخيمات تفتقر إلى`, `قرى كثيرة`)
    /// unless a gazetteer name goes on the list (`بلدتي X وحيش`).
    fn list(&self, head: usize, first: Range<usize>, definite: bool) -> Vec<OpenMention> {
        let (key, toks) = (self.a.key_str(), self.a.tokens());
        let first_end = first.end - 1;
        let mut out: Vec<OpenMention> = build(self.a, head, None, first, 0).into_iter().collect();
        let end = self.list_rest(head, first_end, &mut out);
        let joined = end + 1 == self.limit
            && toks
                .get(self.limit)
                .is_some_and(|t| list_item(key, &toks[end], t).is_some());
        if out.len() == 1 && !definite && !joined {
            out.clear();
        }
        out
    }

    /// The names after the first of a list head, each by itself: `قرى المعلك
    /// والخوين وأم الحنين`. Returns the last token read.
    fn list_rest(&self, head: usize, mut end: usize, out: &mut Vec<OpenMention>) -> usize {
        let (key, toks) = (self.a.key_str(), self.a.tokens());
        while out.len() < MAX_LIST && end + 1 < self.limit {
            let Some(skip) = list_item(key, &toks[end], &toks[end + 1]) else {
                break;
            };
            let words = self.words(end + 1, skip);
            let Some(&(last, _, _)) = words.last() else {
                break;
            };
            out.extend(build(self.a, head, None, end + 1..last + 1, skip));
            end = last;
        }
        end
    }

    /// The words of a name from token `start` (its first `skip` key bytes
    /// left out: the conjunction of `والخوين`) up to the limit.
    fn words(&self, start: usize, skip: usize) -> Vec<Word> {
        name_words(
            self.rules,
            self.a,
            start,
            skip,
            self.limit,
            self.exclude,
            self.feminine,
        )
    }
}

/// True when the head word is written with a hamza that none of the head's
/// forms has: `وأدى` ("and led to") folds to the key of `وادي` but is a verb.
fn hamza_disagrees(h: &OpenHead, written: &str) -> bool {
    let hamza =
        |s: &str| s.contains(['أ', 'إ', 'آ', 'ؤ', 'ئ']) || s.contains('ء') && !s.ends_with('ء');
    hamza(written) && !h.forms.iter().any(|f| hamza(f))
}

/// The stop class of a word carrying a possessive pronoun (`عملياتنا`،
/// `منطقتهم`): that of its noun (`عمليات`، `منطقة`), or Hard for any noun
/// whose suffix is plain (a name is never "our X").
fn possessed(rules: &OpenRules, bare: &str) -> Option<Stop> {
    for suffix in heads::possessive_suffixes() {
        let Some(stem) = bare.strip_suffix(suffix) else {
            continue;
        };
        if stem.chars().count() < MIN_STEM {
            continue;
        }
        // The ta marbuta is written ت before a suffix (منطقتنا).
        let stem_ta = stem.strip_suffix('ت').map(feminine);
        let known = rules.stop(stem).is_some()
            || rules.is_head(stem)
            || stem_ta
                .as_deref()
                .is_some_and(|s| rules.stop(s).is_some() || rules.is_head(s))
            || heads::has_plural_ending(stem);
        if known {
            return Some(Stop::Hard);
        }
    }
    None
}

/// True when two gazetteer names stand as the two ends of a road: spaces, a
/// dash or a slash between them (`بغداد كركوك`, `حلب - دمشق`).
pub(crate) fn pair_gap(key: &str, a: &Token, b: &Token) -> bool {
    a.end <= b.start
        && key[a.end..b.start]
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/'))
}

/// How many key bytes of token `t` to skip when it continues a list after
/// token `prev` (`والخوين` → 2, the conjunction; `، الخوين` → 0), or None
/// when it does not.
fn list_item(key: &str, prev: &Token, t: &Token) -> Option<usize> {
    let g = gap(key, prev, t);
    if !g.chars().all(|c| c.is_whitespace() || c == ',' || c == '،') {
        return None;
    }
    let word = &key[t.start..t.end];
    if word.starts_with('و') && word.chars().count() >= MIN_JOINED_ITEM {
        Some('و'.len_utf8())
    } else if g.contains([',', '،']) {
        Some(0)
    } else {
        None
    }
}

/// Fewest letters of a noun under a pronoun suffix (`منطقتنا` → `منطقت`):
/// shorter stems are words that merely end like a suffix.
const MIN_STEM: usize = 3;

/// Fewest letters of a list item joined by و (`وحيش`): و + two letters.
const MIN_JOINED_ITEM: usize = 3;

/// Fewest letters of a name word (a single letter is a cut-off proclitic).
const MIN_NAME_WORD: usize = 2;

/// Most places a list head introduces.
const MAX_LIST: usize = 8;

/// The words of a name from token `start` (its first `skip` key bytes left
/// out: the conjunction of `والخوين`) up to `limit`: spaces only between
/// them, none inside `exclude`, a name never ending on a lead word.
fn name_words(
    rules: &OpenRules,
    a: &Analysis,
    start: usize,
    skip: usize,
    limit: usize,
    exclude: &[Span],
    feminine: bool,
) -> Vec<Word> {
    let key = a.key_str();
    let toks = a.tokens();
    let mut words: Vec<Word> = Vec::new();
    let last = limit.min(toks.len()).min(start + MAX_WORDS);
    for i in start..last {
        let t = &toks[i];
        if i > start && !gap(key, &toks[i - 1], t).chars().all(char::is_whitespace) {
            break;
        }
        if exclude.iter().any(|x| x.overlaps(&t.span)) {
            break;
        }
        let from = if i == start { t.start + skip } else { t.start };
        let Some((literal, article, stop)) = key.get(from..t.end).and_then(|w| name_word(rules, w))
        else {
            break;
        };
        if !continues(&words, literal, article, feminine) {
            break;
        }
        words.push((i, article, stop));
    }
    while words.last().is_some_and(|w| w.2 == Some(Stop::Lead)) {
        words.pop();
    }
    words
}

/// A word that may be part of a name: its bare form, whether it has the
/// article, its stop class. None for what ends a name: a word with a digit
/// or Latin letter, a proclitic before the article (`والمناطق`) or one that
/// leaves a stop word or a head (`لساعات`, `وقرية`), a stop word (an
/// adjective only when indefinite: `منطقة عسكرية`), a possessed noun
/// (`منطقتنا`), a direction, a preposition, a head.
fn name_word<'w>(rules: &OpenRules, word: &'w str) -> Option<(&'w str, bool, Option<Stop>)> {
    if !arabic_word(word) {
        return None;
    }
    let readings = clitic::readings(word);
    let literal = readings[0].bare;
    let article = literal.len() < word.len();
    let proclitic = readings[1..]
        .iter()
        .any(|r| !r.guessed || rules.stop(r.bare).is_some() || rules.is_head(r.bare));
    if proclitic || literal.chars().count() < MIN_NAME_WORD {
        return None;
    }
    let stop = rules
        .stop(literal)
        .or_else(|| (!article).then(|| possessed(rules, literal)).flatten());
    match stop {
        Some(Stop::Hard) => return None,
        Some(Stop::Adjective) if !article => return None,
        _ => {}
    }
    if heads::is_direction(literal) || heads::is_preposition(literal) {
        return None;
    }
    if rules.is_head(literal) && stop != Some(Stop::Lead) {
        return None;
    }
    Some((literal, article, stop))
}

/// True when a word continues the name `words` read so far: after a lead
/// word (`تل`, `عين`, `أبو`: `تل أبو X`) or as the defined second term of a
/// construct (`جورة الشياح`). As the first word after a feminine head, an
/// indefinite word in `ـية` is an adjective agreeing with it (`قرية زراعية`).
fn continues(words: &[Word], literal: &str, article: bool, feminine: bool) -> bool {
    match words.last() {
        Some(&(_, prev_article, prev_stop)) => {
            prev_stop == Some(Stop::Lead) || (article && !prev_article)
        }
        None => !(feminine && !article && feminine_adjective(literal)),
    }
}

/// Where the head of an open-class match starts in the key, without its
/// proclitics (`بقرية` → `قرية`; `بحي`, a listed form, → `حي`), or None for a
/// head that refers back (`القرية`) or carries an unlikely proclitic (`فقرية`).
fn head_start(h: &OpenHead, key: &str, ht: &Token, m: &PhraseMatch) -> Option<usize> {
    let head_word = &key[ht.start..ht.end];
    let from = if head_word.ends_with(&*h.key) {
        ht.end - h.key.len()
    } else {
        ht.start + m.prefix_bytes
    };
    let pre = &head_word[..from - ht.start];
    if clitic::ends_with_article(pre) || pre.starts_with(UNLIKELY_CLITICS) {
        return None;
    }
    Some(from)
}

/// A landmark named after a gazetteer place: `ساحة الكرامة` is a square,
/// not the town الكرامة. `name` is the token range of the gazetteer match
/// right after the head (a head marked `named`).
pub(crate) fn landmark(
    rules: &OpenRules,
    a: &Analysis,
    m: &PhraseMatch,
    head: usize,
    name: std::ops::Range<usize>,
) -> Option<OpenMention> {
    let h = rules.heads.get(head)?;
    let toks = a.tokens();
    if !h.named || m.tokens.len() != 1 || name.start != m.tokens.end || name.is_empty() {
        return None;
    }
    let key = a.key_str();
    let ht = &toks[m.tokens.start];
    let from = head_start(h, key, ht, m)?;
    let g = gap(key, ht, toks.get(name.start)?);
    if !g.chars().all(|c| c.is_whitespace() || is_quote(c)) {
        return None;
    }
    build(a, head, Some((from, m.tokens.start)), name, 0)
}

/// The mention of the name on tokens `name` (its first `skip` key bytes
/// left out), with the head (key offset where it starts, token) when the
/// name includes it.
fn build(
    a: &Analysis,
    head: usize,
    with_head: Option<(usize, usize)>,
    name: std::ops::Range<usize>,
    skip: usize,
) -> Option<OpenMention> {
    let key = a.key_str();
    let toks = a.tokens();
    let first = toks.get(name.start)?;
    let last = toks.get(name.end.checked_sub(1)?)?;
    let mut text = String::new();
    let start = match with_head {
        Some((from, tok)) => {
            let ht = toks.get(tok)?;
            let head_span = a.span(from, ht.end);
            text.push_str(a.slice(head_span));
            head_span.start
        }
        None => a.span(first.start + skip, first.end).start,
    };
    let mut bare: Vec<&str> = Vec::new();
    for (n, t) in toks.get(name.clone())?.iter().enumerate() {
        let from = if n == 0 { t.start + skip } else { t.start };
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(a.slice(a.span(from, t.end)));
        bare.push(clitic::strip_article(key.get(from..t.end)?));
    }
    let span = Span::new(start, last.span.end);
    if !a.in_body(span) {
        return None;
    }
    Some(OpenMention {
        head,
        span,
        name: text,
        key: bare.join(" "),
        end_tok: name.end - 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse() {
        let r = OpenRules::parse(
            "head\tvariants\tkind\tstrict\tnamed\tlist\tnote\nحي\tبحي\tneighbourhood\t0\t0\t0\t\nحاجز\t\tcheckpoint\t1\t0\t0\t\nbad line\n",
            "word\tclass\nعسكري\tadjective\nتركي\tnationality\nتل\tlead\nفي\tfunction\n",
        );
        assert_eq!(r.heads.len(), 2);
        assert_eq!(&*r.heads[0].key, "حي");
        assert_eq!(r.heads[0].forms.len(), 2);
        assert!(r.heads[1].strict && !r.heads[1].named);
        assert_eq!(r.stop("عسكري"), Some(Stop::Adjective));
        // The feminine of a nisba adjective is implied.
        assert_eq!(r.stop("عسكريه"), Some(Stop::Adjective));
        assert_eq!(r.stop("تركيه"), Some(Stop::Hard));
        assert!(r.is_lead("تل") && !r.is_lead("في"));
        assert_eq!(r.stop("في"), Some(Stop::Hard));
        assert_eq!(r.stop("قريه"), None);
    }

    #[test]
    fn bundled_rules_are_consistent() {
        let r = OpenRules::parse(OPEN_HEADS_TSV, NAME_STOP_TSV);
        assert!(r.heads.len() >= 15, "{} heads", r.heads.len());
        assert!(r.stop.len() >= 500, "{} stop words", r.stop.len());
        for h in &r.heads {
            // A head must not be a stop word that ends names (it would stop
            // the names of the heads inside names, such as تل in قرية تل X).
            assert_ne!(r.stop(&h.key), Some(Stop::Hard), "{}", h.key);
            assert!(!h.kind.is_empty());
        }
        // The words of the issue that are not names.
        for w in ["خفض", "عسكريه", "سكني", "طبيه", "جوي", "معركه"] {
            assert!(r.stop(w).is_some(), "{w}");
        }
    }
}
