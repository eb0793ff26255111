//! Actor mentions: dictionary terms (data/actors/actors.toml) resolved by their
//! group's rule, with coreference of the bare words التنظيم، التحالف، الهيئة،
//! الحشد، الجيش، النظام.
//!
//! Rules, in the order they are resolved:
//! 1. `name`, `coalition`, `state`, `victim`: decided by the term and its
//!    sentence alone (a country only next to an attack word, civilians only near
//!    a harm word and not after a speech verb, the coalition not in Yemen).
//! 2. `kurdish`, `army`, `regime`, `cued`: decided by what the article names explicitly
//!    and by country cues (place names of Syria, Iraq, Kurdistan …).
//!    `cued`: a word one press uses for an actor (العدو for Israel, المقاومة
//!    الإسلامية for Hezbollah), only when the article names that actor or
//!    carries its country cue outside actor terms.
//! 3. `anaphor`: an article-bearing word that counts only when its code was
//!    mentioned earlier in the article.
//!
//! Bare words (`anaphor`, `army`, `regime`) must carry the article and must not
//! be followed by an adjective that makes them something else (التنظيم الإداري،
//! الجيش اللبناني، النظام الداخلي). The words read around a term are in
//! `data/actors/context.words`; what the rules know of codes (national armies,
//! theatres, the codes bare words resolve to) in `[armies]`, `[theatres]` and
//! `[roles]` of actors.toml.

use crate::hits::{is_quote, surface, Hit, Hits};
use crate::keys::{key, nisba_ending, word_in};
use crate::layer;
use crate::lexicon::{ActorLexicon, Cue, Lexicon, Rule, Side};
use rasad_record::{Actor, Span};
use rasad_text::words::KeySet;
use rasad_text::{clitic, Analysis};
use rustc_hash::{FxHashMap, FxHashSet};

/// Most tokens between a country name and an attack word that makes it an
/// actor: a verb and its object (`قصفت تركيا`، `غارات لإسرائيل على`) stay
/// within three words; farther, the country is mostly a place or a target.
const ATTACK_WINDOW: usize = 3;

/// Most tokens between a country and a word of blame (`روسيا تتحمل
/// المسؤولية`، `مسؤولية روسيا`): the verb or noun next to it, an adverb
/// between.
const BLAME_WINDOW: usize = 2;

/// Most tokens after a country named by a verb of denial in which the attack
/// word it denies stands (`نفت واشنطن أن تكون قواتها شنت الغارة`): a
/// complement clause of a few words.
const DENIAL_WINDOW: usize = 8;

/// Most tokens between a speech word and a civilians term it makes a witness
/// (`قال أحد المدنيين`): a quantifier may stand between.
const WITNESS_WINDOW: usize = 2;

/// How a mention was recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A name of the actor (`قوات النظام`, `داعش`, `الطيران الروسي`).
    Explicit,
    /// A word referring back to an actor named earlier (`التنظيم`, `التحالف`).
    Anaphoric,
    /// A generic word resolved by the article's context (`الجيش`, `النظام`,
    /// `القوات الكردية`).
    Resolved,
    /// Civilians as victims (`مقتل مدنيين`).
    Victim,
}

/// One mention of an actor in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    /// Actor code (`ISIS`, `SYR_GOV`, …).
    pub code: String,
    /// Original span of the term (proclitics left out, article kept).
    pub span: Span,
    /// The term as written (`قوات النظام`, `التنظيم`).
    pub term: String,
    /// How it was recognized.
    pub kind: MentionKind,
    /// The side whose press uses the term.
    pub side: Side,
    /// Index of the dictionary group (see [`Lexicon::groups`]).
    pub group: usize,
}

/// A term found, and what it was resolved to so far.
struct Cand {
    hit: Hit,
    group: usize,
    resolved: Option<(String, MentionKind)>,
}

/// Counts of country cues in an article.
#[derive(Default)]
struct Cues(FxHashMap<Cue, usize>);

impl Cues {
    fn get(&self, k: Cue) -> usize {
        self.0.get(&k).copied().unwrap_or(0)
    }

    /// One sign of `k` (a sign of Yemen or Libya is one of `Elsewhere` too).
    fn add(&mut self, k: Cue) {
        for &c in k.counted() {
            *self.0.entry(c).or_default() += 1;
        }
    }

    /// The article is about Yemen: its Yemen cues (places, the Houthis, the
    /// Saudi-led coalition) outnumber those of Syria and Iraq (`قوات التحالف`
    /// there is the Saudi-led coalition; a Syrian report that names Yemen once
    /// is not about it).
    fn yemen(&self) -> bool {
        self.get(Cue::Yemen) > 0
            && self.get(Cue::Yemen) > self.get(Cue::Syria) + self.get(Cue::Iraq)
    }

    /// The article is about Syria, or about no other war (Iraq, Kurdistan,
    /// Yemen, Libya, Sudan).
    fn syrian(&self) -> bool {
        let elsewhere = self.get(Cue::Elsewhere) + self.get(Cue::Iraq) + self.get(Cue::Kurdistan);
        elsewhere == 0 || self.get(Cue::Syria) > 0
    }
}

/// Resolves the actor terms of one document.
struct Resolver<'l, 'a> {
    lx: &'l Lexicon,
    hits: &'l Hits<'a>,
    a: &'a Analysis,
    /// Country cues of the body.
    cues: Cues,
    /// Country cues outside actor terms (for the `cued` rule).
    strict: Cues,
}

/// Every actor mention of the body (see [`Lexicon::actor_mentions`]).
pub(crate) fn mentions(lx: &Lexicon, hits: &Hits) -> Vec<ActorMention> {
    let cues = cue_counts(lx, hits);
    let strict = strict_cue_counts(lx, hits);
    let r = Resolver {
        lx,
        hits,
        a: hits.a,
        cues,
        strict,
    };
    let mut cands = r.candidates();
    for c in cands.iter_mut() {
        c.resolved = r.local(c);
    }
    let explicit: Vec<(usize, String)> = cands
        .iter()
        .filter_map(|c| Some((c.hit.span.start, c.resolved.as_ref()?.0.clone())))
        .collect();
    let explicit = Explicit::new(explicit, &lx.actor.armies.named);
    for c in cands.iter_mut() {
        if let Some(found) = r.contextual(c, &explicit) {
            c.resolved = found;
        }
    }
    r.coordinate(&mut cands);
    r.anaphors(&mut cands);
    cands
        .into_iter()
        .filter_map(|c| {
            let (code, kind) = c.resolved?;
            Some(ActorMention {
                code,
                span: c.hit.span,
                term: surface(r.a, &c.hit),
                kind,
                side: lx.actor.groups[c.group].side,
                group: c.group,
            })
        })
        .collect()
}

/// Every distinct actor of `mentions`, once per code, in order of first
/// mention, with the distinct terms used for it.
pub(crate) fn distinct(lx: &Lexicon, mentions: &[ActorMention]) -> Vec<Actor> {
    let mut out: Vec<Actor> = Vec::new();
    let mut term_keys: Vec<Vec<String>> = Vec::new();
    for m in mentions {
        let i = match out.iter().position(|x| x.id == m.code) {
            Some(i) => i,
            None => {
                out.push(Actor {
                    name: lx.label(&m.code).to_string(),
                    id: m.code.clone(),
                    spans: Vec::new(),
                    terms: Vec::new(),
                });
                term_keys.push(Vec::new());
                out.len() - 1
            }
        };
        out[i].spans.push(m.span);
        let k = key(&m.term);
        if !term_keys[i].contains(&k) {
            term_keys[i].push(k);
            out[i].terms.push(m.term.clone());
        }
    }
    out
}

/// Counts of country cues in the body: place cues, the `cue` of `cue` groups,
/// and the explicit names of codes that are cues of a theatre (`[theatres]`).
fn cue_counts(lx: &Lexicon, hits: &Hits) -> Cues {
    let al = &lx.actor;
    let mut counts = Cues::default();
    for h in hits
        .of(layer::CUES)
        .iter()
        .filter(|h| hits.a.in_body(h.span))
    {
        if let Some(&i) = lx.matcher.ids(h.phrase).first() {
            counts.add(al.cue_kinds[i]);
        }
    }
    for h in hits
        .of(layer::ACTORS)
        .iter()
        .filter(|h| hits.a.in_body(h.span))
    {
        for g in lx.matcher.ids(h.phrase).iter().map(|&gi| &al.groups[gi]) {
            let cue = match g.rule {
                Rule::Cue => g.cue.as_deref().and_then(Cue::named),
                // Explicit names of forces are cues too (not the words that
                // need a cue themselves).
                Rule::Name => al.theatres.get(&g.code).copied(),
                _ => None,
            };
            if let Some(k) = cue {
                counts.add(k);
            }
        }
    }
    counts
}

/// Cue counts for the `cued` rule: [`cue_counts`] without the cue words inside
/// an actor term (الاحتلال of طيران الاحتلال الروسي is no sign of Israel).
fn strict_cue_counts(lx: &Lexicon, hits: &Hits) -> Cues {
    // Inside another actor term: one starting before it and reaching its
    // end, or starting with it and reaching past it (asked per cue, so by
    // binary search and a table, not a scan of every term).
    let actors = hits.of(layer::ACTORS);
    let covering = crate::covering::Covering::new(actors.iter().map(|h| &h.span));
    let mut longest_at: rustc_hash::FxHashMap<usize, usize> = Default::default();
    for h in actors {
        let end = longest_at.entry(h.span.start).or_insert(h.span.end);
        *end = (*end).max(h.span.end);
    }
    let inside = |sp: Span| {
        covering.strictly_contains(&sp) || longest_at.get(&sp.start).is_some_and(|&e| e > sp.end)
    };
    let mut counts = cue_counts(lx, hits);
    for h in hits.of(layer::CUES) {
        if !hits.a.in_body(h.span) || !inside(h.span) {
            continue;
        }
        if let Some(&i) = lx.matcher.ids(h.phrase).first() {
            if let Some(n) = counts.0.get_mut(&lx.actor.cue_kinds[i]) {
                *n = n.saturating_sub(1);
            }
        }
    }
    counts
}

/// What stage 1 named, asked per candidate of stage 2: the codes as a set,
/// and the national armies' mentions apart (a lookup and a binary search,
/// not a scan of every mention per candidate, which made a long article
/// quadratic).
struct Explicit {
    /// Every code stage 1 resolved.
    codes: FxHashSet<String>,
    /// Start and code of each mention of a national army, in text order.
    armies: Vec<(usize, String)>,
}

impl Explicit {
    /// `mentions`: start and code of each mention of stage 1, in text order
    /// (actor hits are); `armies`: the national armies' codes.
    fn new(mentions: Vec<(usize, String)>, armies: &[String]) -> Explicit {
        debug_assert!(mentions.is_sorted_by_key(|(p, _)| *p));
        Explicit {
            codes: mentions.iter().map(|(_, c)| c.clone()).collect(),
            armies: mentions
                .into_iter()
                .filter(|(_, c)| armies.contains(c))
                .collect(),
        }
    }
}

impl Resolver<'_, '_> {
    fn al(&self) -> &ActorLexicon {
        &self.lx.actor
    }

    /// The actor terms of the body, with their group; حماس, never الحماس
    /// ("the enthusiasm"); النصرة, never نصرة ("support").
    fn candidates(&self) -> Vec<Cand> {
        self.hits
            .of(layer::ACTORS)
            .iter()
            .filter(|h| self.a.in_body(h.span))
            .filter_map(|hit| {
                let group = *self.lx.matcher.ids(hit.phrase).first()?;
                let g = &self.al().groups[group];
                if (g.indefinite && hit.article) || (g.definite && !hit.article) {
                    return None;
                }
                Some(Cand {
                    hit: hit.clone(),
                    group,
                    resolved: None,
                })
            })
            .collect()
    }

    /// Stage 1: the rules decided by the term and its sentence alone.
    fn local(&self, c: &Cand) -> Option<(String, MentionKind)> {
        let g = &self.al().groups[c.group];
        let explicit = |ok: bool| ok.then(|| (g.code.clone(), MentionKind::Explicit));
        match g.rule {
            Rule::Name => explicit(true),
            Rule::Coalition if self.cues.yemen() => Some((
                self.al().roles.yemen_coalition.clone(),
                MentionKind::Explicit,
            )),
            Rule::Coalition => explicit(true),
            Rule::Syrian => explicit(self.cues.syrian()),
            Rule::National => self
                .national_army(&g.code)
                .map(|code| (code, MentionKind::Resolved)),
            Rule::Qaeda => explicit(self.is_qaeda(&c.hit)),
            Rule::State => explicit(self.is_state(&c.hit)),
            Rule::Home => explicit(self.home(&c.hit, &g.code)),
            Rule::Victim => self
                .is_victim(&c.hit)
                .then(|| (g.code.clone(), MentionKind::Victim)),
            _ => None,
        }
    }

    /// Stage 2: the rules decided by what the article names (`explicit`:
    /// start and code of each mention of stage 1) and by its cues. None for
    /// a term these rules do not decide.
    fn contextual(&self, c: &Cand, explicit: &Explicit) -> Option<Option<(String, MentionKind)>> {
        let g = &self.al().groups[c.group];
        let named = |code: &str| explicit.codes.contains(code);
        let bare = || self.definite(&c.hit) && self.free_follower(&c.hit);
        let resolved = |code: Option<String>| code.map(|code| (code, MentionKind::Resolved));
        Some(resolved(match g.rule {
            Rule::Kurdish => Some(self.kurdish(&named)),
            Rule::Army if bare() => self.army(explicit, c.hit.span.start),
            Rule::Cued if !c.hit.article || self.free_follower(&c.hit) => {
                (named(&g.code) || self.cued(g.cue.as_deref())).then(|| g.code.clone())
            }
            Rule::Regime if bare() => self.regime(&named),
            _ => return None,
        }))
    }

    /// Stage 3, in text order: an anaphor counts when its code was mentioned
    /// before it (bare التحالف in an article about Yemen is the Saudi-led
    /// coalition).
    fn anaphors(&self, cands: &mut [Cand]) {
        let roles = &self.al().roles;
        let yemen = self.cues.yemen();
        let mut seen: Vec<String> = Vec::new();
        for c in cands.iter_mut() {
            let g = &self.al().groups[c.group];
            if g.rule == Rule::Anaphor {
                let free = c.hit.article && self.free_follower(&c.hit);
                c.resolved = if g.code == roles.coalition && yemen {
                    free.then(|| (roles.yemen_coalition.clone(), MentionKind::Resolved))
                } else {
                    (free && seen.contains(&g.code))
                        .then(|| (g.code.clone(), MentionKind::Anaphoric))
                };
            }
            if let Some((code, _)) = &c.resolved {
                if !seen.contains(code) {
                    seen.push(code.clone());
                }
            }
        }
    }

    /// Generic Kurdish forces (`القوات الكردية`): the Kurdistan Region's in an
    /// article that names them or Iraqi Kurdistan and not the SDF, with no
    /// more Syrian cues than Iraqi ones; else the SDF.
    fn kurdish(&self, named: &dyn Fn(&str) -> bool) -> String {
        let roles = &self.al().roles;
        let krg = (named(&roles.kurdistan) || self.cues.get(Cue::Kurdistan) > 0)
            && !named(&roles.kurdish)
            && self.cues.get(Cue::Iraq) >= self.cues.get(Cue::Syria);
        let code = if krg {
            &roles.kurdistan
        } else {
            &roles.kurdish
        };
        code.clone()
    }

    /// Bare النظام: the Syrian government when named, or when the article's
    /// Syrian cues are at least its Iraqi ones.
    fn regime(&self, named: &dyn Fn(&str) -> bool) -> Option<String> {
        let code = &self.al().roles.regime;
        let syria = self.cues.get(Cue::Syria);
        let syrian = named(code) || (syria > 0 && syria >= self.cues.get(Cue::Iraq));
        syrian.then(|| code.clone())
    }

    /// A `cued` word (`العدو`): the article carries a cue of the group's
    /// `cue` outside actor terms (`israel|lebanon`); Hezbollah's Islamic
    /// Resistance needs more Lebanese cues than Iraqi ones, not Iraq's.
    fn cued(&self, names: Option<&str>) -> bool {
        let iraq = self.cues.get(Cue::Iraq);
        names
            .unwrap_or("")
            .split('|')
            .filter_map(Cue::named)
            .any(|k| {
                let n = self.strict.get(k);
                n > 0 && (k != Cue::Lebanon || n > iraq)
            })
    }

    /// The national army a bare army word refers to: the one the article
    /// names (nearest before it, else first after), else the army of the
    /// country whose cues the article counts most; None when nothing tells.
    fn army(&self, explicit: &Explicit, at: usize) -> Option<String> {
        let named = &explicit.armies;
        let before = named.partition_point(|(p, _)| *p < at);
        if let Some((_, c)) = before.checked_sub(1).map(|i| &named[i]) {
            return Some(c.clone());
        }
        if let Some((_, c)) = named.first() {
            return Some(c.clone());
        }
        self.cue_army(&self.cues)
    }

    /// The army of the country whose `cues` the article counts most; None on
    /// a tie or with no cue.
    fn cue_army(&self, cues: &Cues) -> Option<String> {
        let armies = &self.al().armies;
        let best = armies.by_cue.iter().map(|(k, _)| cues.get(*k)).max()?;
        let mut top = armies.by_cue.iter().filter(|(k, _)| cues.get(*k) == best);
        let (_, code) = top.next()?;
        (best > 0 && top.next().is_none()).then(|| code.clone())
    }

    /// Bare الجيش الوطني: the SNA in an article about Syria (or about no other
    /// war), the Yemeni army in one about Yemen (`الجيش الوطني يستعيد مواقع في
    /// مأرب`), Haftar's LNA in one about Libya; nothing in another war (Sudan).
    fn national_army(&self, syrian: &str) -> Option<String> {
        let roles = &self.al().roles;
        let (syria, yemen, libya) = (
            self.cues.get(Cue::Syria),
            self.cues.get(Cue::Yemen),
            self.cues.get(Cue::Libya),
        );
        if yemen > syria && yemen >= libya {
            return Some(roles.yemen_national.clone());
        }
        if libya > syria {
            return Some(roles.libya_national.clone());
        }
        self.cues.syrian().then(|| syrian.to_string())
    }

    /// True when the term is definite: its first word carries the article
    /// (`الجيش`), or it is a construct whose last word does (`قوات الأمن`).
    fn definite(&self, hit: &Hit) -> bool {
        let last = &self.a.tokens()[hit.tokens.end - 1];
        hit.article || clitic::begins_with_article(last.text(self.a.key_str()))
    }

    /// The word after a bare actor word is not an adjective that makes it
    /// something else (التنظيم الإداري، النظام الجديد), unless allowed
    /// (التنظيم الإرهابي).
    fn free_follower(&self, hit: &Hit) -> bool {
        let a = self.a;
        let s = a.key_str();
        let toks = a.tokens();
        let Some(next) = toks.get(hit.tokens.end) else {
            return true;
        };
        let prev = &toks[hit.tokens.end - 1];
        if !s[prev.end..next.start].chars().all(char::is_whitespace) {
            return true;
        }
        let w = next.text(s);
        let adjective = clitic::begins_with_article(w)
            && (nisba_ending(w) || self.al().words.adjectives.contains(w));
        !adjective || self.al().followers.contains(w)
    }

    /// A word of `set` occurs within `window` tokens of the hit, in its sentence.
    fn near(&self, hit: &Hit, window: usize, set: &KeySet) -> bool {
        let a = self.a;
        let toks = a.tokens();
        let Some(sent) = a.sentence_of(hit.span).map(|i| a.sentences()[i]) else {
            return false;
        };
        let lo = hit.tokens.start.saturating_sub(window);
        let hi = (hit.tokens.end + window).min(toks.len());
        (lo..hi)
            .filter(|i| !hit.tokens.contains(i))
            .filter(|&i| sent.contains(&toks[i].span))
            .any(|i| word_in(toks[i].text(a.key_str()), set))
    }

    /// A country name is an actor next to an attack word (`قصفت تركيا`), as
    /// the patron of a force ([`Self::backs`]), next to a word of blame
    /// (`روسيا تتحمل المسؤولية`) or named by a verb denying an attack
    /// ([`Self::denies`]); not as the seat of a body (`ومقره لندن`).
    fn is_state(&self, hit: &Hit) -> bool {
        let w = &self.al().words;
        let role = self.near(hit, ATTACK_WINDOW, &w.attack)
            || self.backs(hit)
            || self.near(hit, BLAME_WINDOW, &w.blame)
            || self.denies(hit);
        role && !self.is_seat(hit)
    }

    /// A head of state by nationality (`الرئيس المصري`) is the country's
    /// forces in an article about that country (its cues outside actor
    /// terms lead: the title's own nisba is no cue), and not when a word
    /// makes him a former one (`الرئيس المصري المعزول`).
    fn home(&self, hit: &Hit, code: &str) -> bool {
        let former = self
            .word_by(hit, hit.tokens.end)
            .is_some_and(|t| self.al().words.former.contains(t));
        !former && self.cue_army(&self.strict).as_deref() == Some(code)
    }

    /// Key text of token i when it is in the sentence of `hit`.
    fn word_by(&self, hit: &Hit, i: usize) -> Option<&str> {
        let a = self.a;
        let t = a.tokens().get(i)?;
        let sent = a.sentence_of(hit.span)?;
        (a.sentence_of(t.span) == Some(sent)).then(|| t.text(a.key_str()))
    }

    /// The country backs a force: a backing word right before it, `من`
    /// allowed between (`الجماعات المدعومة من إيران`، `الميليشيا التابعة
    /// لإيران`، `بدعم روسيا`), or a backing verb right after it, not itself
    /// before `من` (`إيران تدعم الحوثيين`, not `موسكو بدعم من الغرب`).
    fn backs(&self, hit: &Hit) -> bool {
        let w = &self.al().words;
        let at = |i: Option<usize>| i.and_then(|i| self.word_by(hit, i));
        let prev = hit.tokens.start.checked_sub(1);
        let from = at(prev).is_some_and(|t| w.backing_from.contains(t));
        let before = if from {
            prev.and_then(|i| i.checked_sub(1))
        } else {
            prev
        };
        let end = hit.tokens.end;
        let verb_after = at(Some(end)).is_some_and(|t| w.backing_after.contains(t))
            && !at(Some(end + 1)).is_some_and(|t| w.backing_from.contains(t));
        at(before).is_some_and(|t| word_in(t, &w.backing)) || verb_after
    }

    /// A verb of denial or claim right before the country and an attack word
    /// in the words after it (`نفت الولايات المتحدة أن تكون طائراتها قد شنت
    /// الغارات`).
    fn denies(&self, hit: &Hit) -> bool {
        let w = &self.al().words;
        let verb = hit
            .tokens
            .start
            .checked_sub(1)
            .and_then(|i| self.word_by(hit, i))
            .is_some_and(|t| word_in(t, &w.denial));
        verb && (hit.tokens.end..hit.tokens.end + DENIAL_WINDOW)
            .filter_map(|i| self.word_by(hit, i))
            .any(|t| word_in(t, &w.attack))
    }

    /// Stage 2b: countries joined by a conjunction to an actor (`روسيا
    /// وإيران و حزب الله تنتشر قواتها`، `شنتها الولايات المتحدة وبريطانيا
    /// وفرنسا`، `قوات التحالف أو العراق`) are actors too: a list shares the
    /// role of its members. Civilians as victims lend no role.
    fn coordinate(&self, cands: &mut [Cand]) {
        let mut start = 0;
        for i in 1..=cands.len() {
            if i < cands.len() && self.joined(&cands[i - 1].hit, &cands[i].hit) {
                continue;
            }
            let chain = &mut cands[start..i];
            let acting = chain
                .iter()
                .any(|c| matches!(&c.resolved, Some((_, k)) if *k != MentionKind::Victim));
            if chain.len() > 1 && acting {
                for c in chain.iter_mut().filter(|c| c.resolved.is_none()) {
                    let g = &self.al().groups[c.group];
                    if g.rule == Rule::State && !self.is_seat(&c.hit) {
                        c.resolved = Some((g.code.clone(), MentionKind::Explicit));
                    }
                }
            }
            start = i;
        }
    }

    /// `b` follows `a` joined by a conjunction: its proclitic و after
    /// spaces or a comma (`روسيا وإيران`، `روسيا، وإيران`), or a conjunction
    /// written apart (`و حزب الله`، `أو العراق`).
    fn joined(&self, a: &Hit, b: &Hit) -> bool {
        let (s, toks) = (self.a.key_str(), self.a.tokens());
        let gap_ok = |from: usize, to: usize| {
            s.get(toks[from].end..toks[to].start).is_some_and(|g| {
                g.chars()
                    .all(|c| c.is_whitespace() || matches!(c, '،' | ','))
            })
        };
        let (end, next) = (a.tokens.end, b.tokens.start);
        if next == end {
            return b.clitics(self.a).starts_with('و') && gap_ok(end - 1, next);
        }
        next == end + 1
            && self.al().words.conjunctions.contains(toks[end].text(s))
            && gap_ok(end - 1, end)
            && gap_ok(end, next)
    }

    /// Bare القاعدة is al-Qaeda (`لتنظيمي "الدولة الإسلامية" و"القاعدة"`)
    /// when it is quoted or the article names another jihadist group, unless
    /// an adjective follows (القاعدة الجوية) or the article speaks of a base
    /// (`قاعدة العند`، `قواعد`), which bare القاعدة then refers back to.
    fn is_qaeda(&self, hit: &Hit) -> bool {
        let a = self.a;
        if !hit.article || !self.free_follower(hit) || self.speaks_of_bases(hit) {
            return false;
        }
        let s = a.key_str();
        let t0 = &a.tokens()[hit.tokens.start];
        let quoted = s[..t0.start]
            .trim_end()
            .ends_with(|c: char| is_quote(c) && !matches!(c, '»' | '”'));
        let jihadist = self.hits.of(layer::ACTORS).iter().any(|h| {
            self.lx.matcher.ids(h.phrase).iter().any(|&gi| {
                let g = &self.al().groups[gi];
                g.rule == Rule::Name && g.kind == "jihadist"
            })
        });
        quoted || jihadist
    }

    /// A base word anywhere in the article (`قاعدة العند`، `بقاعدة`،
    /// `القواعد`), other than the hit's own article-bearing word.
    fn speaks_of_bases(&self, hit: &Hit) -> bool {
        let s = self.a.key_str();
        let own = self.lx.matcher.key(hit.phrase);
        let bases = &self.al().words.bases;
        self.a.tokens().iter().any(|t| {
            let w = t.text(s);
            clitic::readings(w).iter().any(|r| {
                let prefix = &w[..w.len() - r.bare.len()];
                bases.contains(r.bare) && !(r.bare == own && clitic::ends_in_article(prefix))
            })
        })
    }

    /// Civilians are victims near a harm word (`مقتل مدنيين`), not right after
    /// a speech word (`قال مدنيون`); a singular adjective with the article is
    /// an attribute (`الدفاع المدني`), a plural in ي is not (`الأهالي`).
    fn is_victim(&self, hit: &Hit) -> bool {
        let al = self.al();
        let key = self.lx.matcher.key(hit.phrase);
        if hit.article
            && !key.contains(' ')
            && key.ends_with('ي')
            && !al.words.plural_nouns.contains(key)
        {
            return false;
        }
        let toks = self.a.tokens();
        let s = self.a.key_str();
        let lo = hit.tokens.start.saturating_sub(WITNESS_WINDOW);
        let witness = (lo..hit.tokens.start).any(|i| word_in(toks[i].text(s), &al.victim.witness));
        !witness && self.near(hit, al.victim.window, &al.victim.harm)
    }

    /// The country is the seat of a body (`ومقره لندن`، `التي تتخذ من لندن
    /// مقرا`), not an actor.
    fn is_seat(&self, hit: &Hit) -> bool {
        let words = &self.al().words;
        let s = self.a.key_str();
        let toks = self.a.tokens();
        let before = hit
            .tokens
            .start
            .checked_sub(1)
            .map_or("", |i| toks[i].text(s));
        let after = toks.get(hit.tokens.end).map_or("", |t| t.text(s));
        let seat = before.strip_prefix('و').unwrap_or(before);
        words.seat_before.contains(seat)
            || (words.seat_from.contains(before) && words.seat_after.contains(after))
    }
}
