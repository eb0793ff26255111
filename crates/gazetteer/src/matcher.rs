//! Finding place mentions: one pass of the phrase matcher over the document
//! (place names, head words and not-place phrases together, longest match
//! first), then the context each name needs.

use crate::data::Need;
use crate::heads::{self, Head};
use crate::load::{NameRef, HEAD_TAG, NOT_TAG, OPEN_TAG};
use crate::open::{self, OpenMention};
use crate::Gazetteer;
use rasad_record::Span;
use rasad_text::clitic;
use rasad_text::phrase::PhraseMatch;
use rasad_text::{Analysis, Token};

/// A mention of a name with the places it may refer to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    /// Original span of the name (proclitics and article excluded).
    pub span: Span,
    /// Candidate places (indices), none rejected by the context.
    pub cands: Vec<u32>,
    /// The kind the head word before it announces.
    pub head_kind: Option<&'static str>,
    /// Only names that need a head matched, with weaker evidence (a
    /// preposition or a direction): the mention counts when the article names
    /// another place of the same area (see `Gazetteer::places`).
    pub weak: bool,
}

enum Class {
    Place,
    Head(Head),
    Not,
    Other,
}

impl Class {
    /// The head this is, unless it is a weak one (`داخل`, `جبهة`), which
    /// counts as a preposition: `prep` is set instead.
    fn filter_weak(&self, prep: &mut bool) -> Option<Head> {
        match self {
            Class::Head(h) if h.weak => {
                *prep = true;
                None
            }
            Class::Head(h) => Some(*h),
            _ => None,
        }
    }
}

fn classify(g: &Gazetteer, key: &str, toks: &[Token], m: &PhraseMatch) -> Class {
    let ids = g.matcher.ids(m.phrase);
    if ids.iter().any(|&i| i >= NOT_TAG) {
        return Class::Not;
    }
    if ids.iter().all(|&i| (OPEN_TAG..NOT_TAG).contains(&i)) {
        // `المدينة` refers back to a city already named; only the bare head
        // (`مدينة البوكمال`) introduces a name.
        if clitic::ends_with_article(prefix(key, toks, m)) {
            return Class::Other;
        }
        let head = ids.iter().find(|&&i| i >= HEAD_TAG).map(|&i| i - HEAD_TAG);
        if let Some((_, h)) = head.and_then(|i| heads::all().get(i)) {
            return Class::Head(*h);
        }
        // An open-class head only (وادي، جسر، نقطة): no gazetteer name.
        return Class::Other;
    }
    Class::Place
}

/// The open-class head a match is, if it is one.
fn open_head(g: &Gazetteer, m: &PhraseMatch) -> Option<usize> {
    g.matcher
        .ids(m.phrase)
        .iter()
        .find(|&&i| (OPEN_TAG..HEAD_TAG).contains(&i))
        .map(|&i| i - OPEN_TAG)
}

/// True when some gazetteer spelling of the match agrees with it on the
/// article (`الرقة` written الرقة, not رقة).
fn article_agrees(g: &Gazetteer, key: &str, toks: &[Token], m: &PhraseMatch) -> bool {
    let article = clitic::ends_with_article(prefix(key, toks, m));
    g.matcher
        .ids(m.phrase)
        .iter()
        .any(|&i| g.refs.get(i).is_some_and(|r| r.article == article))
}

/// The head kind (as `data/gazetteer/place_words.words` names them) of an
/// open-class kind.
fn town_kind(kind: &str) -> Option<&'static str> {
    match kind {
        "town" => Some("town"),
        "neighbourhood" => Some("neighbourhood"),
        "camp" => Some("camp"),
        _ => None,
    }
}

/// What the matcher found in a document.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// Gazetteer names, in text order.
    pub mentions: Vec<Mention>,
    /// Open-class places (`قرية المعلك`), in text order.
    pub open: Vec<OpenMention>,
}

/// True when the characters between two tokens hold nothing but spaces,
/// quotes and brackets (`مدينة “البوكمال”`).
fn tight(key: &str, a: &Token, b: &Token) -> bool {
    a.end <= b.start
        && key[a.end..b.start].chars().all(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    '"' | '\'' | '(' | ')' | '[' | ']' | '«' | '»' | '-' | '_' | '`'
                )
        })
}

/// Like [`tight`], also allowing a list comma.
fn listed(key: &str, a: &Token, b: &Token) -> bool {
    a.end <= b.start
        && key[a.end..b.start].chars().all(|c| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '(' | ')' | '«' | '»' | ',' | '،' | '-')
        })
}

/// True when a sentence or line boundary lies between two tokens.
fn boundary(key: &str, a: &Token, b: &Token) -> bool {
    a.end <= b.start
        && key[a.end..b.start]
            .chars()
            .any(|c| matches!(c, '.' | '\n' | ':' | '!' | '?' | '؟' | '|'))
}

/// The proclitics and article removed from the first word of a match.
fn prefix<'k>(key: &'k str, tokens: &[Token], m: &PhraseMatch) -> &'k str {
    let t = &tokens[m.tokens.start];
    let word = &key[t.start..t.end];
    let cut = word
        .char_indices()
        .nth(m.prefix_chars)
        .map(|(b, _)| b)
        .unwrap_or(word.len());
    &word[..cut]
}

/// Conjunctions that join a name to the one before it (`والسوسة`).
const CONJUNCTIONS: [char; 2] = ['و', 'ف'];

/// True when a prefix starts with a conjunction.
fn conjoined(pre: &str) -> bool {
    pre.starts_with(CONJUNCTIONS)
}

/// The bare readings of a token include `pred`.
fn token_is(key: &str, t: &Token, pred: impl Fn(&str) -> bool) -> bool {
    clitic::readings(&key[t.start..t.end])
        .iter()
        .any(|r| pred(r.bare))
}

/// Like [`token_is`], for readings without the article (`شرق`, `وشرقي`,
/// not the adjective `الشرقي`).
fn bare_token_is(key: &str, t: &Token, pred: impl Fn(&str) -> bool) -> bool {
    let word = &key[t.start..t.end];
    clitic::readings(word).iter().any(|r| {
        let cut = word
            .char_indices()
            .nth(r.prefix_chars)
            .map(|(b, _)| b)
            .unwrap_or(word.len());
        !clitic::ends_with_article(&word[..cut])
            && !word[cut..].starts_with(clitic::ARTICLE)
            && pred(r.bare)
    })
}

/// What the words around one gazetteer match say about it.
#[derive(Debug, Clone, Default)]
struct Evidence {
    /// A head (or a list it governs) announces the name.
    marked: bool,
    /// A head stands right before it, not through a list.
    headed: bool,
    /// The kind the head says.
    head_kind: Option<&'static str>,
    /// The head (or list) is plural: a comma may continue the list.
    plural_list: bool,
    /// A preposition, a prepositional proclitic or a sentence start before it.
    prep_ok: bool,
    /// It follows a kinship word: a part of a person's name.
    kunya: bool,
    /// A direction before (`جنوب البلاد`) or after (`الباب شرقي حلب`) it.
    directed: bool,
    /// It names a landmark (`ساحة الكرامة`) or starts a longer unknown name.
    absorbed: bool,
    /// It goes on a list of open-class names after this head.
    in_list: Option<usize>,
}

/// Proclitic letters that are prepositions (`بالرقة`, `للرقة`): a name
/// behind them reads as a place like after `في`.
const PREPOSITION_CLITICS: [char; 2] = ['ب', 'ل'];

/// Proclitics other than the conjunction و: a second road end carrying one
/// is no road end (`طريق المدينة بجدة` is a road in Jeddah).
const NON_JOINING_CLITICS: [char; 4] = ['ب', 'ل', 'ف', 'ك'];

/// Proclitic letters rarely joined to a place name: a guessed one asks for a
/// head (`فاطمة` is not ف + اطمة).
const RARE_CLITICS: [char; 2] = ['ف', 'ك'];

/// Fewest letters a name whose proclitic was guessed (`ودير`, `بحجة`) must
/// have, so that it is not read out of another word.
const MIN_GUESSED_LETTERS: usize = 4;

/// One document under the matcher: the matches and their classes.
struct Scan<'a> {
    g: &'a Gazetteer,
    a: &'a Analysis,
    key: &'a str,
    toks: &'a [Token],
    found: Vec<PhraseMatch>,
    classes: Vec<Class>,
}

/// All mentions of places in the body of `a`, in text order: gazetteer
/// names and open-class places.
pub(crate) fn mentions(g: &Gazetteer, a: &Analysis, exclude: &[Span]) -> Found {
    let key = a.key_str();
    let toks = a.tokens();
    let found = g.matcher.find(a.key(), toks);
    let classes = found.iter().map(|m| classify(g, key, toks, m)).collect();
    let s = Scan {
        g,
        a,
        key,
        toks,
        found,
        classes,
    };
    let mut ev = vec![Evidence::default(); s.found.len()];
    let mut open = Vec::new();
    for j in 0..s.found.len() {
        s.open_after(j, exclude, &mut ev, &mut open);
    }
    for (j, e) in ev.iter_mut().enumerate() {
        if s.is_place(j) {
            s.words_before(j, e);
        }
    }
    s.mark_open_lists(&mut ev);
    s.mark_lists(&mut ev);
    let excluded = Overlaps::new(exclude);
    let mentions = (0..s.found.len())
        .filter_map(|j| s.mention(j, &ev[j], &excluded))
        .collect();
    Found { mentions, open }
}

/// Whether a span overlaps one of a set, asked per match in O(log n): the
/// spans sorted by start with the largest end of each prefix (a scan of the
/// set per match made long articles quadratic).
struct Overlaps {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Overlaps {
    fn new(spans: &[Span]) -> Overlaps {
        let mut sorted = spans.to_vec();
        sorted.sort_by_key(|s| s.start);
        let max_end = sorted
            .iter()
            .scan(0, |m, s| {
                *m = s.end.max(*m);
                Some(*m)
            })
            .collect();
        Overlaps {
            starts: sorted.iter().map(|s| s.start).collect(),
            max_end,
        }
    }

    /// Some span overlaps `x` (`start < x.end`, `x.start < end`).
    fn any(&self, x: &Span) -> bool {
        let n = self.starts.partition_point(|&s| s < x.end);
        n > 0 && self.max_end[n - 1] > x.start
    }
}

impl Scan<'_> {
    fn is_place(&self, j: usize) -> bool {
        matches!(self.classes.get(j), Some(Class::Place))
    }

    /// The proclitics and article before match `m`.
    fn prefix(&self, m: &PhraseMatch) -> &str {
        prefix(self.key, self.toks, m)
    }

    /// The gazetteer name right after the head matched at `j`, if any.
    fn named_after(&self, j: usize) -> Option<&PhraseMatch> {
        let m = &self.found[j];
        self.found
            .get(j + 1)
            .filter(|x| x.tokens.start == m.tokens.end && self.is_place(j + 1))
    }

    /// The open-class places after the match at `j` when it is an open-class
    /// head: `قرية المعلك`, `ساحة الكرامة` (a landmark named after a place),
    /// `طريق بغداد كركوك`, `بلدتي كفرعويد وحيش`.
    fn open_after(
        &self,
        j: usize,
        exclude: &[Span],
        ev: &mut [Evidence],
        out: &mut Vec<OpenMention>,
    ) {
        if matches!(self.classes[j], Class::Place | Class::Not) {
            return;
        }
        let m = &self.found[j];
        let Some(h) = open_head(self.g, m) else {
            return;
        };
        let named = self.named_after(j);
        let rule = &self.g.open.heads[h];
        if rule.pair {
            self.road(j, h, named, ev, out);
            return;
        }
        if let Some(x) = named {
            if let Some(o) = open::landmark(&self.g.open, self.a, m, h, x.tokens.clone()) {
                out.push(o);
                ev[j + 1].absorbed = true;
                return;
            }
        }
        if rule.only_named {
            return;
        }
        match named.filter(|x| !article_agrees(self.g, self.key, self.toks, x)) {
            Some(x) => self.longer_name(j, h, x, exclude, ev, out),
            None => self.open_names(j, h, exclude, ev, out),
        }
    }

    /// `طريق بغداد كركوك`: a road head names the road between two gazetteer
    /// places in a row, or nothing (`عن طريق الخطأ` is "by mistake").
    fn road(
        &self,
        j: usize,
        h: usize,
        named: Option<&PhraseMatch>,
        ev: &mut [Evidence],
        out: &mut Vec<OpenMention>,
    ) {
        let (key, toks) = (self.key, self.toks);
        let second = self.found.get(j + 2).filter(|y| {
            self.is_place(j + 2)
                && !clitic::without_article(self.prefix(y)).contains(NON_JOINING_CLITICS)
                && named.is_some_and(|x| {
                    y.tokens.start == x.tokens.end
                        && open::pair_gap(key, &toks[x.tokens.end - 1], &toks[y.tokens.start])
                })
        });
        let (Some(x), Some(y)) = (named, second) else {
            return;
        };
        let both = x.tokens.start..y.tokens.end;
        if let Some(o) = open::landmark(&self.g.open, self.a, &self.found[j], h, both) {
            out.push(o);
            ev[j + 1].absorbed = true;
            ev[j + 2].absorbed = true;
        }
    }

    /// A gazetteer name after a head whose article disagrees may be the first
    /// word of a longer unknown name: `حي بستان الديوان`, not البستان.
    fn longer_name(
        &self,
        j: usize,
        h: usize,
        x: &PhraseMatch,
        exclude: &[Span],
        ev: &mut [Evidence],
        out: &mut Vec<OpenMention>,
    ) {
        let limit = self
            .found
            .get(j + 2)
            .map_or(self.toks.len(), |y| y.tokens.start);
        let o = open::read(
            &self.g.open,
            &self.g.contexts,
            self.a,
            &self.found[j],
            h,
            limit,
            exclude,
        );
        let end = self.toks[x.tokens.end - 1].span.end;
        if o.first().is_some_and(|o| o.span.end > end) {
            out.extend(o);
            ev[j + 1].absorbed = true;
        }
    }

    /// The unknown names after an open-class head, up to the next match. A
    /// gazetteer name that goes on the list is in the list: `بلدتي كفرعويد
    /// وحيش`.
    fn open_names(
        &self,
        j: usize,
        h: usize,
        exclude: &[Span],
        ev: &mut [Evidence],
        out: &mut Vec<OpenMention>,
    ) {
        let next = self.found.get(j + 1);
        let limit = next.map_or(self.toks.len(), |x| x.tokens.start);
        let o = open::read(
            &self.g.open,
            &self.g.contexts,
            self.a,
            &self.found[j],
            h,
            limit,
            exclude,
        );
        if let (Some(last), Some(x)) = (o.last(), next) {
            if self.g.open.heads[h].list && x.tokens.start == last.end_tok + 1 {
                ev[j + 1].in_list = Some(h);
            }
        }
        out.extend(o);
    }

    /// The evidence of the words right before (and the one after) the place
    /// name matched at `j`.
    fn words_before(&self, j: usize, ev: &mut Evidence) {
        let (key, toks) = (self.key, self.toks);
        let m = &self.found[j];
        let start = m.tokens.start;
        let procl = clitic::without_article(self.prefix(m));
        if procl.contains(PREPOSITION_CLITICS) {
            ev.prep_ok = true;
        }
        if start == 0 || boundary(key, &toks[start - 1], &toks[start]) {
            ev.prep_ok = true;
        }
        self.head_before(j, ev);
        if let Some(next) = toks.get(m.tokens.end) {
            if tight(key, &toks[m.tokens.end - 1], next)
                && bare_token_is(key, next, heads::is_direction)
            {
                ev.directed = true;
            }
        }
        if start > 0 && !ev.marked {
            self.word_before(start, ev);
        }
    }

    /// A head word right before the name: `بلدة الشعفة`. A position word
    /// (`داخل`) counts as a preposition.
    fn head_before(&self, j: usize, ev: &mut Evidence) {
        let start = self.found[j].tokens.start;
        if j == 0
            || self.found[j - 1].tokens.end != start
            || !tight(self.key, &self.toks[start - 1], &self.toks[start])
        {
            return;
        }
        if let Some(h) = self.classes[j - 1].filter_weak(&mut ev.prep_ok) {
            ev.marked = true;
            ev.headed = true;
            ev.head_kind = h.kind;
            ev.plural_list = h.plural;
        }
    }

    /// The word before a name without a head: a direction (`جنوب البلاد`), a
    /// preposition (`في الحراك`), or a kinship word that makes it part of a
    /// person's name (`بن البوكمال`, `أبو محمد الحلبي`).
    fn word_before(&self, start: usize, ev: &mut Evidence) {
        let (key, toks) = (self.key, self.toks);
        let prev = &toks[start - 1];
        if !(tight(key, prev, &toks[start]) || listed(key, prev, &toks[start])) {
            return;
        }
        if bare_token_is(key, prev, heads::is_direction) {
            ev.directed = true;
        }
        if token_is(key, prev, heads::is_preposition) {
            ev.prep_ok = true;
        }
        if heads::is_patronymic(&key[prev.start..prev.end]) {
            ev.kunya = true;
        }
        if start > 1 && tight(key, &toks[start - 2], prev) {
            let w2 = &key[toks[start - 2].start..toks[start - 2].end];
            if (heads::is_kin(w2) || heads::starts_given_name(w2))
                && !token_is(key, prev, |w| heads::head(w).is_some())
            {
                ev.kunya = true;
            }
        }
    }

    /// Gazetteer names on a list of open-class names take its head.
    fn mark_open_lists(&self, ev: &mut [Evidence]) {
        for (j, e) in ev.iter_mut().enumerate() {
            if let (Some(h), true) = (e.in_list, self.is_place(j)) {
                e.marked = true;
                e.plural_list = true;
                e.head_kind = town_kind(&self.g.open.heads[h].kind);
            }
        }
    }

    /// True when some spelling of the match at `j` is a place that needs no
    /// context.
    fn is_free(&self, j: usize) -> bool {
        self.is_place(j)
            && self
                .g
                .matcher
                .ids(self.found[j].phrase)
                .iter()
                .any(|&i| self.g.refs.get(i).is_some_and(|r| r.need == Need::Free))
    }

    /// Lists: a name joined by و (or a comma) to a marked place, or by و to
    /// a name that is always a place, is marked too (`بلدتي الشعفة والسوسة`,
    /// `بادية السخنة وحميمة`, `البوكمال والقائم`, `القائم والبوكمال`).
    fn mark_lists(&self, ev: &mut [Evidence]) {
        let n = ev.len();
        let free: Vec<bool> = (0..n).map(|j| self.is_free(j)).collect();
        for j in 1..n {
            if !ev[j].marked && self.is_place(j) && self.is_place(j - 1) {
                self.join_previous(j, free[j - 1], ev);
            }
        }
        for j in (0..n.saturating_sub(1)).rev() {
            if !ev[j].marked && self.is_place(j) && free[j + 1] && self.joins_next(j) {
                ev[j].marked = true;
            }
        }
    }

    /// Marks the name at `j` when it continues the list of the name before
    /// it (`free_before`: that name needs no context).
    fn join_previous(&self, j: usize, free_before: bool, ev: &mut [Evidence]) {
        let (key, toks) = (self.key, self.toks);
        let (p, m) = (&self.found[j - 1], &self.found[j]);
        if p.tokens.end != m.tokens.start {
            return;
        }
        let (a, b) = (&toks[p.tokens.end - 1], &toks[m.tokens.start]);
        let gap_ok = listed(key, a, b);
        let conj = conjoined(self.prefix(m));
        let comma = key[a.end..b.start].contains([',', '،']);
        if gap_ok && (conj || (comma && ev[j - 1].plural_list)) && ev[j - 1].marked {
            ev[j].marked = true;
            ev[j].plural_list = ev[j - 1].plural_list;
            ev[j].head_kind = ev[j - 1].head_kind;
        } else if gap_ok && conj && free_before {
            ev[j].marked = true;
        }
    }

    /// True when the name after `j` is joined to it by و: `القائم والبوكمال`.
    fn joins_next(&self, j: usize) -> bool {
        let (m, next) = (&self.found[j], &self.found[j + 1]);
        m.tokens.end == next.tokens.start
            && tight(
                self.key,
                &self.toks[m.tokens.end - 1],
                &self.toks[next.tokens.start],
            )
            && conjoined(self.prefix(next))
    }

    /// The mention of the place name matched at `j`, when its context
    /// supports one of its places.
    fn mention(&self, j: usize, ev: &Evidence, excluded: &Overlaps) -> Option<Mention> {
        let m = &self.found[j];
        if !self.is_place(j) || ev.absorbed {
            return None;
        }
        let pre = self.prefix(m);
        let span = name_span(self.a, self.toks, m, pre);
        if span.is_empty() || !self.a.in_body(span) || excluded.any(&m.span) {
            return None;
        }
        if (ev.kunya && !ev.marked) || self.unlikely(m, ev, pre) {
            return None;
        }
        let (cands, weak) = self.candidates(m, ev, pre);
        (!cands.is_empty()).then_some(Mention {
            span,
            cands,
            head_kind: ev.head_kind,
            weak,
        })
    }

    /// A match that is rather another word: a short name behind a guessed
    /// proclitic (`ودير`), a river bank (`الضفة الغربية من نهر الفرات`), a
    /// context that makes it no place of the story (`بتوقيت دمشق`).
    fn unlikely(&self, m: &PhraseMatch, ev: &Evidence, pre: &str) -> bool {
        let phrase = self.g.matcher.key(m.phrase);
        let letters = phrase.chars().filter(|c| !c.is_whitespace()).count();
        if m.guessed
            && !ev.marked
            && (letters < MIN_GUESSED_LETTERS || pre.starts_with(RARE_CLITICS))
        {
            return true;
        }
        riverbank(self.g, self.key, self.toks, m)
            || self.g.contexts.rejects(
                self.key,
                self.toks,
                m.tokens.clone(),
                phrase,
                pre,
                ev.marked,
            )
    }

    /// The places the match may refer to given the evidence, and whether
    /// they rest on weak evidence (a preposition or a direction for a name
    /// that needs a head).
    fn candidates(&self, m: &PhraseMatch, ev: &Evidence, pre: &str) -> (Vec<u32>, bool) {
        let g = self.g;
        let article = clitic::ends_with_article(pre);
        let mut cands: Vec<u32> = Vec::new();
        let mut weak: Vec<u32> = Vec::new();
        // After a head, a name written with the article where the gazetteer
        // has none (or the reverse) is still that place (`قرية المعلك`),
        // when no spelling agrees; not for a word that starts names (`قرية
        // عين X` is not العين).
        let mut loose: Vec<u32> = Vec::new();
        let lead = g.open.is_lead(g.matcher.key(m.phrase));
        let common = self.common_word_form(m);
        for &id in g.matcher.ids(m.phrase) {
            let Some(r) = g.refs.get(id) else { continue };
            if !ev.marked && common(r) {
                continue;
            }
            if r.article != article {
                if ev.headed && !lead && !loose.contains(&r.place) {
                    loose.push(r.place);
                }
                continue;
            }
            let ok = match r.need {
                Need::Free => true,
                Need::Prep => ev.marked || ev.prep_ok || ev.directed,
                Need::Head | Need::Strict => ev.marked,
            };
            if ok && !cands.contains(&r.place) {
                cands.push(r.place);
            } else if !ok && r.need == Need::Head && (ev.prep_ok || ev.directed) {
                weak.push(r.place);
            }
        }
        if cands.is_empty() && !weak.is_empty() {
            weak.dedup();
            return (weak, true);
        }
        (if cands.is_empty() { loose } else { cands }, false)
    }

    /// Which spellings the written form of a one-word match makes a common
    /// noun unless a head precedes: `قصره` "his palace" is not قصرة, `درعاً`
    /// "a shield" not درعا. (`محافظة صعده` is the governorate however
    /// written: a head lifts the rule.)
    fn common_word_form(&self, m: &PhraseMatch) -> impl Fn(&NameRef) -> bool {
        let one_word = !self.g.matcher.key(m.phrase).contains(' ');
        let (pronoun, tanween) = written_as_common_word(self.a.slice(m.name_span));
        let (pronoun, tanween) = (pronoun && one_word, tanween && one_word);
        move |r: &NameRef| (r.ta && pronoun) || tanween
    }
}

/// The span of a name: proclitics left out, its own article kept
/// (`بالبوكمال` → `البوكمال`; `للبوكمال`, whose article lost its alef, → `بوكمال`).
fn name_span(a: &Analysis, toks: &[Token], m: &PhraseMatch, pre: &str) -> Span {
    let t0 = &toks[m.tokens.start];
    let keep = if pre.ends_with(clitic::ARTICLE) {
        pre.len() - clitic::ARTICLE.len()
    } else {
        pre.len()
    };
    let start = a.span(t0.start + keep, t0.end).start;
    Span::new(start.min(m.name_span.start), m.name_span.end)
}

/// How a name is written: ending in a plain `ه` (the pronoun "his", or a
/// ta marbuta written without its dots), and with tanween (`درعاً`), which
/// marks an indefinite noun.
fn written_as_common_word(surface: &str) -> (bool, bool) {
    let last = surface
        .trim_end()
        .chars()
        .rev()
        .find(|c| !('\u{064B}'..='\u{0652}').contains(c));
    let tanween = surface.contains(['\u{064B}', '\u{064C}', '\u{064D}']);
    (last == Some('ه'), tanween)
}

/// `الضفة الغربية من نهر الفرات` is a river bank, not the West Bank.
fn riverbank(g: &Gazetteer, key: &str, toks: &[Token], m: &PhraseMatch) -> bool {
    heads::is_bank_name(g.matcher.key(m.phrase))
        && toks
            .get(m.tokens.end)
            .is_some_and(|t| token_is(key, t, heads::is_river_word))
}

#[cfg(test)]
mod tests {
    use crate::Gazetteer;
    use rasad_text::Analysis;
    use std::sync::OnceLock;

    /// The index answers as the scan it replaced, on every small case.
    #[test]
    fn overlaps_answer_as_the_scan() {
        use rasad_record::Span;
        let sp = |start, end| Span { start, end };
        for spans in [
            vec![],
            vec![sp(2, 9), sp(4, 5), sp(10, 12)],
            vec![sp(3, 3), sp(0, 4)],
        ] {
            let idx = super::Overlaps::new(&spans);
            for start in 0..14 {
                for end in start..14 {
                    let x = sp(start, end);
                    let scan = spans.iter().any(|e| e.overlaps(&x));
                    assert_eq!(idx.any(&x), scan, "{spans:?} {x:?}");
                }
            }
        }
    }

    fn names(text: &str) -> Vec<String> {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        let g = G.get_or_init(Gazetteer::bundled_only);
        let a = Analysis::new(text, vec![]);
        g.places(&a, &[]).into_iter().map(|e| e.name).collect()
    }

    /// One row per word class of `data/gazetteer/place_words.words`: each
    /// fails when its words go missing.
    #[test]
    fn word_classes_of_the_data_file() {
        let table: &[(&str, &[&str])] = &[
            // [heads.city]: a name that is also a common word needs a head.
            ("دخلت الفصائل إلى مدينة الباب صباحا", &["الباب"]),
            ("أغلق الحارس الباب صباحا", &[]),
            // [lists.town]: a plural head governs a list.
            ("قصفت الطائرات بلدتي الشعفة والسوسة", &["الشعفة", "السوسة"]),
            // [position]: a word of position is no head.
            ("اجتمعوا داخل الباب المغلق", &[]),
            // [prepositions]: `سورية` is a place after a preposition only.
            ("سافر الوفد إلى سورية أمس", &["سوريا"]),
            ("زار الوفد مدرسة سورية أمس", &[]),
            // [patronymic]: `بن X` is part of a person's name.
            ("قال مصعب بن الزبير إنه وصل إلى حمص", &["حمص"]),
            ("وصلت القافلة إلى الزبير", &["الزبير"]),
            // [possessive_suffixes] / [plural_endings]: a possessed noun is
            // no open-class name.
            ("توسعت منطقة عملياتنا في ريف حلب", &["حلب"]),
        ];
        let mut failures = Vec::new();
        for (text, want) in table {
            let got = names(text);
            if got != *want {
                failures.push(format!("{text}\n   got  {got:?}\n   want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }
}
