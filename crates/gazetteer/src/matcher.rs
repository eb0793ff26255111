//! Finding place mentions: one pass of the phrase matcher over the document
//! (place names, head words and not-place phrases together, longest match
//! first), then the context each name needs.

use crate::data::Need;
use crate::heads::{self, Head};
use crate::load::{HEAD_TAG, NOT_TAG, OPEN_TAG};
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
        if had_article(prefix(key, toks, m)) {
            return Class::Other;
        }
        let head = ids.iter().find(|&&i| i >= HEAD_TAG).map(|&i| i - HEAD_TAG);
        if let Some(&(w, plural, kind)) = head.and_then(|i| heads::HEADS.get(i)) {
            let weak = heads::WEAK_HEADS.contains(&w);
            return Class::Head(Head { plural, kind, weak });
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
    let article = had_article(prefix(key, toks, m));
    g.matcher
        .ids(m.phrase)
        .iter()
        .any(|&i| g.refs.get(i).is_some_and(|r| r.article == article))
}

/// The head kind (as `heads::HEADS` name them) of an open-class kind.
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

fn had_article(pre: &str) -> bool {
    pre.ends_with("ال") || pre.ends_with("لل")
}

fn conjoined(pre: &str) -> bool {
    pre.starts_with('و') || pre.starts_with('ف')
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
        !had_article(&word[..cut]) && !word[cut..].starts_with("ال") && pred(r.bare)
    })
}

/// The proclitics of a prefix, the article left out (`وبال` → `وب`).
fn proclitics(pre: &str) -> &str {
    pre.strip_suffix("ال")
        .or_else(|| pre.strip_suffix('ل').filter(|p| p.ends_with('ل')))
        .unwrap_or(pre)
}

/// All mentions of places in the body of `a`, in text order: gazetteer
/// names and open-class places.
pub(crate) fn mentions(g: &Gazetteer, a: &Analysis, exclude: &[Span]) -> Found {
    let key = a.key_str();
    let toks = a.tokens();
    let found = g.matcher.find(a.key(), toks);
    let classes: Vec<Class> = found.iter().map(|m| classify(g, key, toks, m)).collect();
    let n = found.len();
    let mut open_found: Vec<OpenMention> = Vec::new();
    // Gazetteer names that name a landmark (`ساحة الكرامة`), not a place.
    let mut absorbed = vec![false; n];
    // Gazetteer names in a list of open-class names, with its head.
    let mut in_list: Vec<Option<usize>> = vec![None; n];
    for (j, m) in found.iter().enumerate() {
        if matches!(classes[j], Class::Place | Class::Not) {
            continue;
        }
        let Some(h) = open_head(g, m) else { continue };
        let next = found.get(j + 1);
        // The gazetteer name right after the head, if there is one.
        let named = next.filter(|x| {
            x.tokens.start == m.tokens.end && matches!(classes.get(j + 1), Some(Class::Place))
        });
        let rule = &g.open.heads[h];
        if rule.pair {
            // طريق بغداد كركوك: the road between two places, or nothing.
            let second = found.get(j + 2).filter(|y| {
                matches!(classes.get(j + 2), Some(Class::Place))
                    // `طريق المدينة بجدة` is a road in Jeddah; `وينبع` joins.
                    && !proclitics(prefix(key, toks, y)).contains(['ب', 'ل', 'ف', 'ك'])
                    && named.is_some_and(|x| {
                        y.tokens.start == x.tokens.end
                            && open::pair_gap(key, &toks[x.tokens.end - 1], &toks[y.tokens.start])
                    })
            });
            if let (Some(x), Some(y)) = (named, second) {
                let both = x.tokens.start..y.tokens.end;
                if let Some(o) = open::landmark(&g.open, a, m, h, both) {
                    open_found.push(o);
                    absorbed[j + 1] = true;
                    absorbed[j + 2] = true;
                }
            }
            continue;
        }
        if let Some(x) = named {
            if let Some(o) = open::landmark(&g.open, a, m, h, x.tokens.clone()) {
                open_found.push(o);
                absorbed[j + 1] = true;
                continue;
            }
        }
        if rule.only_named {
            continue;
        }
        // A gazetteer name whose article disagrees may be the first word of a
        // longer unknown name (`حي بستان الديوان`, not البستان).
        if let Some(x) = named.filter(|x| !article_agrees(g, key, toks, x)) {
            let limit = found.get(j + 2).map_or(toks.len(), |y| y.tokens.start);
            let o = open::read(&g.open, &g.contexts, a, m, h, limit, exclude);
            if o.first()
                .is_some_and(|o| o.span.end > toks[x.tokens.end - 1].span.end)
            {
                open_found.extend(o);
                absorbed[j + 1] = true;
            }
            continue;
        }
        let limit = next.map_or(toks.len(), |x| x.tokens.start);
        let o = open::read(&g.open, &g.contexts, a, m, h, limit, exclude);
        // A gazetteer name that goes on a list of open names is in the list
        // (`بلدتي كفرعويد وحيش`).
        if let (Some(last), Some(x)) = (o.last(), next) {
            if g.open.heads[h].list && x.tokens.start == last.end_tok + 1 {
                in_list[j + 1] = Some(h);
            }
        }
        open_found.extend(o);
    }
    // Evidence from the words just before each match.
    let mut marked = vec![false; n];
    // Marked by a head right before it, not through a list.
    let mut headed = vec![false; n];
    let mut head_kind: Vec<Option<&'static str>> = vec![None; n];
    let mut plural_list = vec![false; n];
    let mut prep_ok = vec![false; n];
    let mut kunya = vec![false; n];
    // A direction before (`جنوب البلاد`) or after (`الباب شرقي حلب`) the name.
    let mut directed = vec![false; n];
    for (j, m) in found.iter().enumerate() {
        if !matches!(classes[j], Class::Place) {
            continue;
        }
        let start = m.tokens.start;
        let pre = prefix(key, toks, m);
        let procl = proclitics(pre);
        if procl.contains('ب') || procl.contains('ل') {
            prep_ok[j] = true;
        }
        if start == 0 || boundary(key, &toks[start - 1], &toks[start]) {
            prep_ok[j] = true;
        }
        if j > 0 && found[j - 1].tokens.end == start && tight(key, &toks[start - 1], &toks[start]) {
            if let Some(h) = classes[j - 1].filter_weak(&mut prep_ok[j]) {
                marked[j] = true;
                headed[j] = true;
                head_kind[j] = h.kind;
                plural_list[j] = h.plural;
            }
        }
        if let Some(next) = toks.get(m.tokens.end) {
            if tight(key, &toks[m.tokens.end - 1], next)
                && bare_token_is(key, next, heads::is_direction)
            {
                directed[j] = true;
            }
        }
        if start > 0 && !marked[j] {
            let prev = &toks[start - 1];
            if tight(key, prev, &toks[start]) || listed(key, prev, &toks[start]) {
                if bare_token_is(key, prev, heads::is_direction) {
                    directed[j] = true;
                }
                if token_is(key, prev, heads::is_preposition) || key[prev.start..prev.end] == *"و"
                {
                    prep_ok[j] = true;
                }
                let prev_word = &key[prev.start..prev.end];
                if matches!(prev_word, "ابن" | "بن" | "بنت") {
                    kunya[j] = true;
                }
                if start > 1 && tight(key, &toks[start - 2], prev) {
                    let w2 = &key[toks[start - 2].start..toks[start - 2].end];
                    if (heads::is_kin(w2) || w2 == "عبد")
                        && !token_is(key, prev, |w| heads::head(w).is_some())
                    {
                        kunya[j] = true;
                    }
                }
            }
        }
    }
    for (j, h) in in_list.iter().enumerate() {
        if let (Some(h), Class::Place) = (h, &classes[j]) {
            marked[j] = true;
            plural_list[j] = true;
            head_kind[j] = town_kind(&g.open.heads[*h].kind);
        }
    }
    // Lists: a name joined by و (or a comma) to a marked place, or by و to a
    // name that is always a place, is marked too (`بلدتي الشعفة والسوسة`,
    // `بادية السخنة وحميمة`, `البوكمال والقائم`, `القائم والبوكمال`).
    let has_free: Vec<bool> = found
        .iter()
        .zip(&classes)
        .map(|(m, c)| {
            matches!(c, Class::Place)
                && g.matcher
                    .ids(m.phrase)
                    .iter()
                    .any(|&i| g.refs.get(i).is_some_and(|r| r.need == Need::Free))
        })
        .collect();
    for j in 1..n {
        if marked[j]
            || !matches!(classes[j], Class::Place)
            || !matches!(classes[j - 1], Class::Place)
        {
            continue;
        }
        let (p, m) = (&found[j - 1], &found[j]);
        if p.tokens.end != m.tokens.start {
            continue;
        }
        let gap_ok = listed(key, &toks[p.tokens.end - 1], &toks[m.tokens.start]);
        let conj = conjoined(prefix(key, toks, m));
        let comma =
            key[toks[p.tokens.end - 1].end..toks[m.tokens.start].start].contains([',', '،']);
        if gap_ok && (conj || (comma && plural_list[j - 1])) && marked[j - 1] {
            marked[j] = true;
            plural_list[j] = plural_list[j - 1];
            head_kind[j] = head_kind[j - 1];
        } else if gap_ok && conj && has_free[j - 1] {
            marked[j] = true;
        }
    }
    for j in (0..n.saturating_sub(1)).rev() {
        if marked[j] || !matches!(classes[j], Class::Place) || !has_free[j + 1] {
            continue;
        }
        let (m, next) = (&found[j], &found[j + 1]);
        if m.tokens.end == next.tokens.start
            && tight(key, &toks[m.tokens.end - 1], &toks[next.tokens.start])
            && conjoined(prefix(key, toks, next))
        {
            marked[j] = true;
        }
    }
    let mut out: Vec<Mention> = Vec::new();
    for (j, m) in found.iter().enumerate() {
        if !matches!(classes[j], Class::Place) || absorbed[j] {
            continue;
        }
        let span = name_span(a, toks, m, prefix(key, toks, m));
        if span.is_empty() || !a.in_body(span) || exclude.iter().any(|x| x.overlaps(&m.span)) {
            continue;
        }
        if kunya[j] && !marked[j] {
            continue;
        }
        let pre = prefix(key, toks, m);
        let article = had_article(pre);
        let letters = g
            .matcher
            .key(m.phrase)
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        // A proclitic guessed off the first word (ودير, بحجة) asks for a name
        // long enough not to be read out of another word; ف and ك, rarely
        // joined to a place name, ask for a head (فاطمة is not ف + اطمة).
        if m.guessed && !marked[j] && (letters < 4 || pre.starts_with(['ف', 'ك'])) {
            continue;
        }
        if riverbank(g, key, toks, m) {
            continue;
        }
        if g.contexts.rejects(
            key,
            toks,
            m.tokens.clone(),
            g.matcher.key(m.phrase),
            pre,
            marked[j],
        ) {
            continue;
        }
        let mut cands: Vec<u32> = Vec::new();
        let mut weak: Vec<u32> = Vec::new();
        // After a head, a name written with the article where the gazetteer
        // has none (or the reverse) is still that place (`قرية المعلك`),
        // when no spelling agrees.
        let mut loose: Vec<u32> = Vec::new();
        // Not for a word that starts names (`قرية عين X` is not العين).
        let lead = g.open.is_lead(g.matcher.key(m.phrase));
        // One word only: `محافظة صعده` is the governorate however written.
        let one_word = !g.matcher.key(m.phrase).contains(' ');
        let (pronoun, tanween) = written_as_common_word(a.slice(m.name_span));
        let (pronoun, tanween) = (pronoun && one_word, tanween && one_word);
        for &id in g.matcher.ids(m.phrase) {
            let Some(r) = g.refs.get(id) else { continue };
            // `قصره` "his palace" is not قصرة, `درعاً` "a shield" not درعا:
            // such a written form counts only after a head.
            if !marked[j] && ((r.ta && pronoun) || tanween) {
                continue;
            }
            if r.article != article {
                if headed[j] && !lead && !loose.contains(&r.place) {
                    loose.push(r.place);
                }
                continue;
            }
            let ok = match r.need {
                Need::Free => true,
                Need::Prep => marked[j] || prep_ok[j] || directed[j],
                Need::Head | Need::Strict => marked[j],
            };
            if ok && !cands.contains(&r.place) {
                cands.push(r.place);
            } else if !ok && r.need == Need::Head && (prep_ok[j] || directed[j]) {
                weak.push(r.place);
            }
        }
        let is_weak = cands.is_empty() && !weak.is_empty();
        if is_weak {
            cands = weak;
            cands.dedup();
        } else if cands.is_empty() {
            cands = loose;
        }
        if !cands.is_empty() {
            out.push(Mention {
                span,
                cands,
                head_kind: head_kind[j],
                weak: is_weak,
            });
        }
    }
    Found {
        mentions: out,
        open: open_found,
    }
}

/// The span of a name: proclitics left out, its own article kept
/// (`بالبوكمال` → `البوكمال`; `للبوكمال`, whose article lost its alef, → `بوكمال`).
fn name_span(a: &Analysis, toks: &[Token], m: &PhraseMatch, pre: &str) -> Span {
    let t0 = &toks[m.tokens.start];
    let keep = if pre.ends_with("ال") {
        pre.len() - "ال".len()
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
    if !g.matcher.key(m.phrase).starts_with("ضفه ") {
        return false;
    }
    toks.get(m.tokens.end).is_some_and(|t| {
        token_is(key, t, |w| {
            matches!(
                w,
                "نهر" | "فرات" | "دجله" | "خابور" | "عاصي" | "من" | "نهري"
            )
        })
    })
}
