//! Cited sources: a named source of data/sources/sources.toml counts only inside
//! a citing frame of its sentence:
//!
//! - a citing word shortly before it (`بحسب`، `وفقاً لـ`، `نقلاً عن`، `قال`،
//!   `أفاد`، `ذكر`، `أكد`، `أعلن`، `وثّق`، `أشار`، `لفت`، `بث`، `نشر`، `زعم` …),
//! - or a citing verb right after it (`مصادر محلية تحدثت`، `المرصد … وثّق`),
//! - or a construct with a reporter noun (`ناشطو "فرات بوست"`, `مراسل سانا`,
//!   `مصدر لـ…`).
//!
//! Generic sources (`مصادر محلية`، `ناشطون` …) are reported under their canonical
//! short name and only when indefinite: `المصادر`, `الناشطون` refer back to a
//! source already cited. `وكالات` counts only as a signature (`المصدر: وكالات`).
//! Outlets whose name is a common word (`الوطن`, `الجزيرة`) need their head word
//! (`صحيفة الوطن`); actors that are also sources (`التحالف الدولي`) need a
//! statement (`بيان`, `المتحدث باسم`). An outlet citing itself (`مصدر الوكالة`،
//! `مراسلنا`) is reported as written, with the id of the `outlet` passed in; the
//! outlet as addressee (`قال … لعنب بلدي`) or in a dateline (`إدلب - عنب بلدي`)
//! is no citation.
//!
//! Named sources are reported under their canonical name when it holds the
//! written form or the reverse (`ستيب` → `وكالة ستيب الإخبارية`), else as
//! written (`سانا`). Official bodies the list does not know are found by their
//! head noun right after a citing word (`[open]` of sources.toml:
//! `قالت وزارة الصحة العراقية`، `وثق مكتب توثيق الشهداء في درعا`).
//!
//! The word lists are `[citing]` and `[open]` of sources.toml and the small
//! words of frames in `data/sources/frames.words`.

use crate::actors::{ActorMention, MentionKind};
use crate::covering::{any_in, Covering};
use crate::hits::{is_quote, surface, tidy, Hit, Hits};
use crate::keys::{key, nospace, word_in};
use crate::layer;
use crate::lexicon::{Lexicon, Rule, SourceDef, SourceLexicon};
use crate::persons;
use rasad_record::{Entity, Span};
use rasad_text::clitic::{begins_with_article, ARTICLE, L_ARTICLE};
use rasad_text::words::KeySet;
use rasad_text::{Analysis, Token};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// Most tokens between a citing word and the source it cites: a title or an
/// adjective may stand between (`قال مدير المرصد السوري`).
const CITING_WINDOW: usize = 4;

/// Most adjectives between a source and the citing verb after it
/// (`المرصد السوري المعارض وثق`).
const AFTER_ADJECTIVES: usize = 2;

/// Most tokens between an actor-source and the statement word that makes it
/// cited (`أعلن التحالف الدولي في بيان`، `بيان صادر عن قيادة التحالف`).
const STATEMENT_WINDOW: usize = 5;

/// Most tokens between a speech verb and an actor-source that needs a
/// statement (`يقول الجيش الإسرائيلي إن`).
const ACTOR_SPEECH_WINDOW: usize = 2;

/// An actor is quoted only with the speech verb right before it (`أعلن
/// الجيش`): farther, the verb has another subject.
const ACTOR_QUOTE_WINDOW: usize = 1;

/// Most tokens between a speech verb and a person it quotes: titles and a
/// role's complement may stand between (`قال المتحدث باسم التحالف العقيد X`).
const PERSON_QUOTE_WINDOW: usize = 7;

/// Most tokens between a speech verb and the agency a statement was given
/// to: the speaker with a title and where he works may stand between (`قال
/// طبيب في مستشفى الثورة في الحديدة لوكالة الأنباء الفرنسية`).
const ADDRESSEE_WINDOW: usize = 10;

/// Most tokens between a reporter noun and the outlet it belongs to: one
/// adjective may stand between (`مصدر محلي لوكالة ستيب`).
const REPORTER_WINDOW: usize = 2;

/// Most words before the dash of a dateline (`ريف إدلب الجنوبي - عنب بلدي`).
const DATELINE_WORDS: usize = 3;

/// Most tokens between an open body and the statement word after it (`… في
/// بيان`).
const BODY_STATEMENT_WINDOW: usize = 3;

/// Most tokens between a source noun and `في` (`مصدر أمني في …`): one
/// adjective.
const SOURCE_NOUN_WINDOW: usize = 2;

/// Most tokens between a spokesman noun and `باسم`: one adjective
/// (`المتحدث الرسمي باسم`).
const SPOKESMAN_WINDOW: usize = 2;

/// Most definite words of the force a numbered unit belongs to (`اللواء 30
/// في الحشد الشعبي`).
const UNIT_FORCE_WORDS: usize = 3;

/// Characters after an open body in which a bracket may open with the named
/// source it is (`وكالة الأنباء الرسمية (سانا)`), and characters from the
/// bracket to the name.
const BRACKET_CHARS: usize = 40;
const BRACKET_GAP: usize = 3;

/// Words before a speech verb in which a full year makes it a dated recap
/// (`يوم 17/11/2017 أعلن الجيش`).
const RECAP_WORDS: usize = 4;

/// The kind of sources reported under their canonical short name.
const GENERIC: &str = "generic";

/// Sources the article cites (see [`Lexicon::sources`]); `mentions` are its
/// actor mentions.
pub(crate) fn cited(
    lx: &Lexicon,
    hits: &Hits,
    mentions: &[ActorMention],
    outlet: Option<&str>,
) -> Vec<Entity> {
    let f = Frames::new(lx, hits.a);
    let outlet = Outlet::new(lx, outlet);
    let mut out = Cited::default();
    let open = f.open_bodies(mentions);
    let (named, namers) = f.named_sources(hits, &open, &outlet, &mut out);
    f.push_open(open, &named, &namers, &outlet, &mut out);
    // Actors and persons are sources where no named source or official body
    // was reported.
    let taken: Vec<Span> = out
        .list
        .iter()
        .flat_map(|e| e.spans.iter().copied())
        .chain(named)
        .collect();
    f.quoted_actors(mentions, &taken, &mut out);
    f.quoted_persons(hits, mentions, &taken, &mut out);
    if outlet.given {
        f.self_citations(hits, &outlet, &mut out);
    }
    let mut out = out.list;
    out.sort_by_key(|e| e.spans.iter().map(|s| s.start).min().unwrap_or(0));
    out
}

/// The publishing outlet, as the article may name it.
struct Outlet<'l> {
    /// An outlet was given (not blank).
    given: bool,
    /// Its key.
    key: Option<String>,
    /// The named source it is.
    known: Option<&'l SourceDef>,
}

impl<'l> Outlet<'l> {
    fn new(lx: &'l Lexicon, outlet: Option<&str>) -> Outlet<'l> {
        Outlet {
            given: outlet.is_some_and(|o| !o.trim().is_empty()),
            key: outlet.map(key).filter(|k| !k.is_empty()),
            known: outlet
                .and_then(|o| known_source(lx, o))
                .map(|i| &lx.source.defs[i]),
        }
    }

    /// `src` written as `surface_key` is the outlet.
    fn is(&self, src: &SourceDef, surface_key: &str) -> bool {
        self.known.is_some_and(|k| k.id == src.id) || self.written_as(surface_key)
    }

    /// The outlet's name, spaces aside, is `k`.
    fn written_as(&self, k: &str) -> bool {
        self.key
            .as_deref()
            .is_some_and(|o| nospace(o) == nospace(k))
    }
}

/// The index of the named source `name` is (its whole text), if any.
fn known_source(lx: &Lexicon, name: &str) -> Option<usize> {
    let na = Analysis::new(name, vec![]);
    lx.matcher
        .find_in(layer::SOURCES, na.key(), na.tokens())
        .into_iter()
        .find_map(|h| lx.matcher.ids(h.phrase).first().copied())
}

/// The citing frames of one document.
struct Frames<'l, 'a> {
    lx: &'l Lexicon,
    sl: &'l SourceLexicon,
    a: &'a Analysis,
    s: &'a str,
    toks: &'a [Token],
}

impl<'l, 'a> Frames<'l, 'a> {
    fn new(lx: &'l Lexicon, a: &'a Analysis) -> Self {
        Frames {
            lx,
            sl: &lx.source,
            a,
            s: a.key_str(),
            toks: a.tokens(),
        }
    }

    /// Key text of token i.
    fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.s)
    }

    /// Tokens i and j are in one sentence.
    fn same(&self, i: usize, j: usize) -> bool {
        let si = self.a.sentence_of(self.toks[i].span);
        si.is_some() && si == self.a.sentence_of(self.toks[j].span)
    }

    /// Token i is in the sentence of `hit`.
    fn with_hit(&self, i: usize, hit: &Hit) -> bool {
        same_sentence(self.a, i, hit)
    }

    /// Named sources in a citing frame, added to `out`; returns the spans of
    /// every named source found, cited or not, and of those that may name an
    /// open body in brackets or quotes (not an addressee: `لـ"الوطن"`). A
    /// named source that names a cited body so (`أفادت وكالة الأنباء الرسمية
    /// "سانا"`) is cited in its frame.
    fn named_sources(
        &self,
        hits: &Hits,
        open: &[(String, Span)],
        outlet: &Outlet,
        out: &mut Cited,
    ) -> (Vec<Span>, Vec<Span>) {
        let mut named = Vec::new();
        let mut namers = Vec::new();
        // The token end of the last source hit, and whether it was cited or
        // chained to a cited one.
        let mut prev: Option<(usize, bool)> = None;
        // Asked per hit: answered by binary search, not a scan of the bodies.
        let bodies = Covering::new(open.iter().map(|(_, o)| o));
        let mut brackets: Vec<usize> = open
            .iter()
            .filter_map(|(_, o)| bracket_at(self.a, *o))
            .collect();
        brackets.sort_unstable();
        for hit in hits.of(layer::SOURCES) {
            if !self.a.in_body(hit.span) {
                continue;
            }
            let Some(&si) = self.lx.matcher.ids(hit.phrase).first() else {
                continue;
            };
            // Inside a longer body (مديرية الدفاع المدني في البصرة).
            if bodies.strictly_contains(&hit.span) {
                continue;
            }
            named.push(hit.span);
            // A body it names in brackets: one opening at most BRACKET_GAP
            // characters before it.
            let names_body = !self.with_lam(hit)
                && any_in(
                    &brackets,
                    hit.span.start.saturating_sub(BRACKET_GAP),
                    hit.span.start.saturating_sub(1),
                )
                && hit.span.start > 0;
            if !self.with_lam(hit) {
                namers.push(hit.span);
            }
            let src = &self.sl.defs[si];
            let next_to = prev.filter(|&(end, _)| self.next_to(end, hit));
            let chained = names_body
                || next_to.is_some_and(|(_, c)| c) && hit.clitics(self.a).starts_with('و');
            let cited = self.citation(hit, src, outlet, chained);
            let linked = next_to.is_some_and(|(_, c)| c) && !hit.clitics(self.a).starts_with('و');
            prev = Some((hit.tokens.end, cited.is_some() || linked));
            if let Some(name) = cited {
                push_source(out, &name, Some(&src.id), &src.kind, hit.span);
            }
        }
        (named, namers)
    }

    /// The name a named source is cited under at `hit`, if it is cited there;
    /// `chained`: joined by و to a source cited right before it, or naming a
    /// cited body in brackets or quotes.
    fn citation(
        &self,
        hit: &Hit,
        src: &SourceDef,
        outlet: &Outlet,
        chained: bool,
    ) -> Option<String> {
        if is_dateline(self.a, hit) || self.addressed(hit, src, outlet) || !self.headed(hit, src) {
            return None;
        }
        if src.kind == GENERIC {
            if hit.article {
                return None;
            }
            if src.signature_only {
                return is_signature(self.a, hit).then(|| src.name.clone());
            }
        }
        let framed = self.in_frame(hit) || chained || self.given_to(hit, src);
        if src.needs_statement && !self.stated(hit) || !framed {
            return None;
        }
        Some(if src.kind == GENERIC {
            src.name.clone()
        } else {
            display_name(&src.name, &surface(self.a, hit))
        })
    }

    /// The publishing outlet as the addressee of a statement in its own
    /// article (`قال أحد الأهالي لعنب بلدي`), not a reporter's outlet (`مصدر
    /// لوكالة ستيب`).
    fn addressed(&self, hit: &Hit, src: &SourceDef, outlet: &Outlet) -> bool {
        self.with_lam(hit)
            && outlet.is(src, &key(&surface(self.a, hit)))
            && !self.after_reporter(hit)
    }

    /// An outlet whose name is a common word has its head word (`صحيفة
    /// الوطن`), in its name or right before it.
    fn headed(&self, hit: &Hit, src: &SourceDef) -> bool {
        let phrase_key = self.lx.matcher.key(hit.phrase);
        let first_word = phrase_key.split(' ').next().unwrap_or("");
        !src.needs_head || self.sl.citing.outlet_heads.contains(first_word) || self.after_head(hit)
    }

    /// An actor-source is cited through a statement: a speech verb right
    /// before or after it (`يقول الجيش الإسرائيلي إن`), or a statement word in
    /// its name or near it (`بيان التحالف`، `أعلن التحالف في بيان`).
    fn stated(&self, hit: &Hit) -> bool {
        let statement = &self.sl.citing.statement;
        let spoken = token_range(self.a, hit.span)
            .is_some_and(|r| self.quoted_as(r, ACTOR_SPEECH_WINDOW, false));
        spoken
            || self
                .lx
                .matcher
                .key(hit.phrase)
                .split(' ')
                .any(|w| statement.contains(w))
            || self.before_within(hit, STATEMENT_WINDOW, statement)
            || self.after_within(hit, STATEMENT_WINDOW, statement)
    }

    /// The hit is inside a citing frame of its sentence: a citing word
    /// shortly before it, a reporter noun in construct right before it
    /// (`ناشطو "فرات بوست"`، `مصدر لوكالة`), or a citing verb after it, two
    /// adjectives allowed between (`المرصد السوري المعارض وثق`).
    fn in_frame(&self, hit: &Hit) -> bool {
        let citing = &self.sl.citing;
        if self.before_within(hit, CITING_WINDOW, &citing.before) {
            return true;
        }
        if let Some(p) = hit.tokens.start.checked_sub(1) {
            if self.with_hit(p, hit) && word_in(self.word(p), &citing.reporters) {
                return true;
            }
        }
        let hi = (hit.tokens.end + AFTER_ADJECTIVES).min(self.toks.len());
        (hit.tokens.end..hi).any(|i| self.with_hit(i, hit) && word_in(self.word(i), &citing.after))
    }

    /// The words from token `start` are relayed: `عن` right before them and
    /// a citing word shortly before it in the sentence (`نقلت وكالة رويترز
    /// عن X`، `نقلت وكالة "إنترفاكس" عن وزارة الدفاع قولها`).
    fn relayed(&self, start: usize) -> bool {
        let Some(p) = start.checked_sub(1) else {
            return false;
        };
        if !self.same(p, start) || !self.sl.frames.issued_by.contains(self.word(p)) {
            return false;
        }
        let citing = &self.sl.citing.before;
        (p.saturating_sub(CITING_WINDOW)..p)
            .rev()
            .take_while(|&k| self.same(k, p) && !self.sl.frames.clause.contains(self.word(k)))
            .any(|k| word_in(self.word(k), citing))
    }

    /// The hit is governed by ل: on its first word (`لرويترز`), written
    /// apart (`لـ"الوطن"`), or on an outlet head right before it (`لموقع
    /// "سكاي نيوز عربية"`، `لوكالة فرانس برس`).
    fn with_lam(&self, hit: &Hit) -> bool {
        hit.clitics(self.a).ends_with('ل')
            || hit.tokens.start.checked_sub(1).is_some_and(|p| {
                let w = self.word(p);
                w == "ل"
                    || w.starts_with('ل')
                        && readings(w)
                            .iter()
                            .any(|(b, n)| *n > 0 && self.sl.citing.outlet_heads.contains(b))
            })
    }

    /// The hit begins right after token `end - 1`, only spaces, commas,
    /// brackets and quotation marks between (`وكالة (سانا) وصحيفة
    /// الوطن`).
    fn next_to(&self, end: usize, hit: &Hit) -> bool {
        hit.tokens.start == end
            && end > 0
            && self.with_hit(end - 1, hit)
            && self
                .s
                .get(self.toks[end - 1].end..self.toks[end].start)
                .is_some_and(|g| {
                    g.chars().all(|c| {
                        c.is_whitespace() || is_quote(c) || matches!(c, '(' | ')' | '،' | ',')
                    })
                })
    }

    /// A wire agency or outlet a statement was given to (`قال طبيب في
    /// المستشفى لوكالة الأنباء الفرنسية إن …`): the article relays its
    /// report, so it is cited. The publishing outlet as addressee is left out
    /// before (see [`Self::addressed`]).
    fn given_to(&self, hit: &Hit, src: &SourceDef) -> bool {
        if !matches!(src.kind.as_str(), "agency" | "outlet") {
            return false;
        }
        if !self.with_lam(hit) {
            return false;
        }
        let lo = hit.tokens.start.saturating_sub(ADDRESSEE_WINDOW);
        (lo..hit.tokens.start)
            .rev()
            .take_while(|&k| self.with_hit(k, hit) && !self.sl.frames.clause.contains(self.word(k)))
            .any(|k| {
                let w = self.word(k);
                !begins_with_article(w) && word_in(w, &self.sl.citing.speech)
            })
    }

    /// A reporter noun right before the hit, or with one adjective between
    /// (`مراسل سانا`، `مصدر لوكالة`، `مصدر محلي لوكالة ستيب`).
    fn after_reporter(&self, hit: &Hit) -> bool {
        (1..=REPORTER_WINDOW).any(|d| {
            hit.tokens.start.checked_sub(d).is_some_and(|p| {
                self.with_hit(p, hit) && word_in(self.word(p), &self.sl.citing.reporters)
            })
        })
    }

    /// A head word (صحيفة، قناة) right before the hit.
    fn after_head(&self, hit: &Hit) -> bool {
        let Some(p) = hit.tokens.start.checked_sub(1) else {
            return false;
        };
        word_in(self.word(p), &self.sl.citing.outlet_heads)
    }

    /// A word of `set` within `window` tokens before the hit, same sentence.
    fn before_within(&self, hit: &Hit, window: usize, set: &KeySet) -> bool {
        let lo = hit.tokens.start.saturating_sub(window);
        (lo..hit.tokens.start).any(|i| self.with_hit(i, hit) && word_in(self.word(i), set))
    }

    /// A word of `set` within `window` tokens after the hit, same sentence.
    fn after_within(&self, hit: &Hit, window: usize, set: &KeySet) -> bool {
        let hi = (hit.tokens.end + window).min(self.toks.len());
        (hit.tokens.end..hi).any(|i| self.with_hit(i, hit) && word_in(self.word(i), set))
    }

    /// Official bodies the list does not know, cited by a verb; bodies that
    /// are actors (هيئة تحرير الشام، قيادة عمليات سامراء) begin with an actor
    /// mention and count only with a statement (في بيان، المتحدث باسم).
    fn open_bodies(&self, mentions: &[ActorMention]) -> Vec<(String, Span)> {
        let actor_starts: Vec<usize> = mentions.iter().map(|m| m.span.start).collect();
        (0..self.toks.len())
            .filter_map(|i| self.open_body_at(i))
            .filter(|(_, sp)| {
                (!actor_starts.contains(&sp.start) || self.in_statement(*sp)) && self.a.in_body(*sp)
            })
            .collect()
    }

    /// Adds the open bodies that are not a named source, nor named by one in
    /// brackets, nor the publishing outlet.
    fn push_open(
        &self,
        open: Vec<(String, Span)>,
        named: &[Span],
        namers: &[Span],
        outlet: &Outlet,
        out: &mut Cited,
    ) {
        let mut namer_starts: Vec<usize> = namers.iter().map(|n| n.start).collect();
        namer_starts.sort_unstable();
        let in_brackets = |sp: Span| {
            bracket_at(self.a, sp).is_some_and(|at| any_in(&namer_starts, at + 1, at + BRACKET_GAP))
        };
        // Asked per body: by binary search, not a scan of the named sources.
        let named = Covering::new(named);
        for (name, span) in open {
            let overlaps = named.overlaps(&span);
            if overlaps || in_brackets(span) || outlet.written_as(&key(&name)) {
                continue;
            }
            push_source(out, &name, None, "official", span);
        }
    }

    /// Actors quoted by a speech verb right before or after them (`أعلن الجيش
    /// الإسرائيلي`), outside the `taken` spans; never civilians or victims,
    /// nor a head of state's title (`قال الرئيس المصري عبد الفتاح السيسي`:
    /// the person named after it is the source).
    fn quoted_actors(&self, mentions: &[ActorMention], taken: &[Span], out: &mut Cited) {
        let not_sources = &self.lx.actor.roles.not_sources;
        // Asked per mention: by binary search, not a scan of the taken spans.
        let taken = Covering::new(taken);
        for m in mentions {
            if not_sources.contains(&m.code)
                || m.kind == MentionKind::Victim
                || self.lx.actor.groups[m.group].rule == Rule::Home
                || !self.a.in_body(m.span)
                || taken.overlaps(&m.span)
            {
                continue;
            }
            let quoted = token_range(self.a, m.span).is_some_and(|r| {
                self.quoted_as(r.clone(), ACTOR_QUOTE_WINDOW, false) || self.relayed(r.start)
            });
            if quoted {
                push_source(out, &m.term, Some(&m.code), "actor", m.span);
            }
        }
    }

    /// Named persons quoted by a speech verb, titles allowed between (`قال
    /// المتحدث باسم التحالف العقيد X`), outside the `taken` spans.
    fn quoted_persons(
        &self,
        hits: &Hits,
        mentions: &[ActorMention],
        taken: &[Span],
        out: &mut Cited,
    ) {
        let actor_spans: Vec<Span> = mentions.iter().map(|m| m.span).collect();
        let taken = Covering::new(taken);
        for p in persons::named(self.lx, hits, &[], &actor_spans) {
            let quoted = p.spans.iter().copied().filter(|&sp| {
                self.a.in_body(sp)
                    && !taken.overlaps(&sp)
                    && token_range(self.a, sp).is_some_and(|r| {
                        self.quoted_as(r.clone(), PERSON_QUOTE_WINDOW, true)
                            || self.relayed(r.start)
                    })
            });
            for sp in quoted {
                push_source(out, &p.name, None, "person", sp);
            }
        }
    }

    /// The outlet citing itself (`مراسلنا`، `مصدر الوكالة`, not `مصدر
    /// لوكالة …`), reported as written with the outlet's id; not inside a
    /// quotation, where `مصادرنا` are the speaker's.
    ///
    /// (`وقالت المتحدثة: "تقارير من مصادرنا تشير إلى …"`)
    fn self_citations(&self, hits: &Hits, outlet: &Outlet, out: &mut Cited) {
        for h in hits.of(layer::SELF_CITES) {
            let definite = h.tokens.len() < 2
                || self
                    .toks
                    .get(h.tokens.end - 1)
                    .is_some_and(|t| begins_with_article(t.text(self.s)));
            if !self.a.in_body(h.span) || !definite || inside_quotation(self.a, h.span) {
                continue;
            }
            let written = tidy(self.a.slice(h.span));
            match outlet.known {
                Some(k) => push_source(out, &written, Some(&k.id), &k.kind, h.span),
                None => push_source(out, &written, None, "outlet", h.span),
            }
        }
    }

    /// The official body named after a citing word at token i (`قالت وزارة
    /// الصحة العراقية في بيان`), as written (proclitics removed), with its
    /// span.
    fn open_body_at(&self, i: usize) -> Option<(String, Span)> {
        let j = self.body_start(i)?;
        if j >= self.toks.len() || !self.same(i, j) || !self.gap_ok(j - 1, j) {
            return None;
        }
        let strip = self.head_at(j)?;
        let end = if self.is_unit(j, strip) {
            self.unit_end(j)?
        } else {
            self.body_end(j, strip)
        };
        // A bare head (وأضافت المنظمة) refers back to a body already named,
        // unless a spokesman speaks for it.
        if end == j + 1 {
            return self.spokesman_of(j, strip);
        }
        Some(self.body_name(j, strip, end))
    }

    /// `قال المتحدث باسم المفوضية`: a bare head at j after a spokesman and
    /// `باسم` names the spokesman, who is the source, as written.
    fn spokesman_of(&self, j: usize, strip: usize) -> Option<(String, Span)> {
        let spokesman = &self.sl.open.spokesman;
        let behalf = j.checked_sub(1)?;
        if !self.sl.frames.on_behalf.contains(self.word(behalf)) {
            return None;
        }
        let (at, n) = (behalf.saturating_sub(SPOKESMAN_WINDOW)..behalf)
            .rev()
            .find_map(|k| {
                readings(self.word(k))
                    .iter()
                    .find(|(w, _)| spokesman.contains(w))
                    .map(|&(_, n)| (k, n))
            })?;
        let (_, body) = self.body_name(j, strip, j + 1);
        let span = Span::new(self.toks[at].span.start + n, body.end);
        Some((tidy(self.a.slice(span)), span))
    }

    /// The token after a citing word at i, its particles (`نقلت عن`، `بيان
    /// صادر عن`) and a spokesman (`المتحدث الرسمي باسم`), or after `مصدر في`.
    fn body_start(&self, i: usize) -> Option<usize> {
        let (o, fw) = (&self.sl.open, &self.sl.frames);
        let n = self.toks.len();
        let citing = &self.sl.citing.before;
        let mut j = if readings(self.word(i))
            .iter()
            .any(|(w, _)| citing.contains(w))
        {
            self.after_citing_word(i + 1)
        } else {
            self.source_in(i)?
        };
        if j < n
            && readings(self.word(j))
                .iter()
                .any(|(w, _)| o.spokesman.contains(w))
        {
            let window = j + 1..(j + 1 + SPOKESMAN_WINDOW).min(n);
            if let Some(b) = window
                .into_iter()
                .find(|&b| fw.on_behalf.contains(self.word(b)))
            {
                j = b + 1;
            }
        }
        Some(j)
    }

    /// Token j after a citing word, past `به`/`عن` (`أفادت به`، `نقلت عن`) and
    /// `صادر عن` (`بيان صادر عن وزارة …`).
    fn after_citing_word(&self, mut j: usize) -> usize {
        let fw = &self.sl.frames;
        let n = self.toks.len();
        if j < n && fw.citing_particles.contains(self.word(j)) {
            j += 1;
        }
        if j + 1 < n && fw.issued.contains(self.word(j)) && fw.issued_by.contains(self.word(j + 1))
        {
            j += 2;
        }
        j
    }

    /// After `مصدر`/`مصادر` (with at most one adjective) and `في` at token
    /// `i`, or right after it in construct (`مصادر الشرطة العراقية`), the
    /// index of the token that may begin a body (`مصدر أمني في قيادة شرطة
    /// ديالى`), unless it says where the source works (`مشفى`).
    fn source_in(&self, i: usize) -> Option<usize> {
        let fw = &self.sl.frames;
        let n = self.toks.len();
        if !readings(self.word(i))
            .iter()
            .any(|(w, _)| fw.source_nouns.contains(w))
        {
            return None;
        }
        // `وفق مصادر الشرطة العراقية`: the body right after, in construct
        let construct = (i + 1 < n && self.head_at(i + 1).is_some()).then_some(i + 1);
        construct
            .or_else(|| {
                (i + 1..(i + 1 + SOURCE_NOUN_WINDOW).min(n))
                    .find(|&k| fw.within.contains(self.word(k)))
                    .map(|k| k + 1)
            })
            .filter(|&k| k < n)
            .filter(|&k| {
                let w = self.word(k);
                !self
                    .sl
                    .citing
                    .place_heads
                    .contains(w.strip_prefix(ARTICLE).unwrap_or(w))
            })
    }

    /// The characters of proclitics before a head noun of a body at token j
    /// (`لوزارة` → 1), if it is one (`وزارة`، `المديرية`).
    fn head_at(&self, j: usize) -> Option<usize> {
        let heads = &self.sl.open.heads;
        readings(self.word(j))
            .iter()
            .copied()
            .find(|(w, _)| {
                heads.contains(w) || w.strip_prefix(ARTICLE).is_some_and(|b| heads.contains(b))
            })
            .map(|(_, n)| n)
    }

    /// The head at j is a numbered unit (`اللواء 30`); without a number it is
    /// a rank.
    fn is_unit(&self, j: usize, strip: usize) -> bool {
        let units = &self.sl.citing.units;
        let w: String = self.word(j).chars().skip(strip).collect();
        units.contains(&w) || w.strip_prefix(ARTICLE).is_some_and(|b| units.contains(b))
    }

    /// The end of a numbered unit at j: its number, then the force it
    /// belongs to (`اللواء 30 في الحشد الشعبي`); None without a number.
    fn unit_end(&self, j: usize) -> Option<usize> {
        let n = self.toks.len();
        let mut end = j + 1;
        let numbered =
            end < n && self.same(j, end) && self.word(end).chars().all(|c| c.is_ascii_digit());
        if !numbered {
            return None;
        }
        end += 1;
        if end + 1 < n && self.sl.frames.within.contains(self.word(end)) && self.same(j, end + 1) {
            let mut k = end + 1;
            while k < n
                && k - end <= UNIT_FORCE_WORDS
                && self.same(j, k)
                && begins_with_article(self.word(k))
            {
                k += 1;
            }
            if k > end + 1 {
                end = k;
            }
        }
        Some(end)
    }

    /// The end of a body's name from its head at j: after an indefinite word
    /// any word (its genitive: `مكتب توثيق الشهداء`), after a definite one
    /// only definite words or ل-phrases (`القيادة العامة لقوى الأمن`), up to
    /// a stop word, a number, punctuation or `max_words`. A quotation opened
    /// right after a definite head is what the body said (`وقالت الوكالة
    /// «الجهات المختصة …»`), not its name.
    fn body_end(&self, j: usize, strip: usize) -> usize {
        let o = &self.sl.open;
        let rest: String = self.word(j).chars().skip(strip).collect();
        let mut definite = lamlam(self.word(j), strip) || begins_with_article(&rest);
        let quote_after_head = definite && self.quote_between(j, j + 1);
        let mut end = j + 1;
        while end < self.toks.len() && end - j <= o.max_words && !quote_after_head {
            let w = self.word(end);
            if !self.same(j, end)
                || !self.gap_ok(end - 1, end)
                || o.stops.contains(w)
                || self.addressee_at(end)
                || w.chars().any(|c| c.is_ascii_digit())
            {
                break;
            }
            let def = begins_with_article(w);
            let lam = w.starts_with('ل') && !def;
            if definite && !def && !lam {
                break;
            }
            definite = def;
            end += 1;
        }
        end
    }

    /// The name and span of the body of tokens j..end, `strip` proclitic
    /// characters cut (`للهيئة` keeps its article: `الهيئة`).
    fn body_name(&self, j: usize, strip: usize, end: usize) -> (String, Span) {
        let ll = lamlam(self.word(j), strip);
        let span = Span::new(
            self.toks[j].span.start + strip - usize::from(ll),
            self.toks[end - 1].span.end,
        );
        let mut name = String::new();
        if ll {
            // لل + noun: the article's alef was dropped after the lam.
            name.push('ا');
        }
        name.push_str(&tidy(self.a.slice(span)));
        (name, span)
    }

    /// A lam written apart before an outlet at token i (`قال المتحدث باسم
    /// مجلس المحافظة لـ"الوطن"`): the outlet the statement was given to,
    /// not the genitive of a body's name (`المركز الإعلامي لـ"قسد"`).
    fn addressee_at(&self, i: usize) -> bool {
        self.word(i) == "ل"
            && i + 1 < self.toks.len()
            && known_source(self.lx, self.word(i + 1))
                .is_some_and(|si| matches!(self.sl.defs[si].kind.as_str(), "agency" | "outlet"))
    }

    /// A quotation mark between tokens i and j.
    fn quote_between(&self, i: usize, j: usize) -> bool {
        j < self.toks.len()
            && self
                .s
                .get(self.toks[i].end..self.toks[j].start)
                .is_some_and(|g| g.chars().any(is_quote))
    }

    /// Only spaces and quotation marks between tokens i and j.
    fn gap_ok(&self, i: usize, j: usize) -> bool {
        self.s
            .get(self.toks[i].end..self.toks[j].start)
            .is_some_and(|g| g.chars().all(|c| c.is_whitespace() || is_quote(c)))
    }

    /// A statement word within three words after the span in its sentence
    /// (`… في بيان`), `باسم` right before it (`المتحدث باسم …`), `صادر عن`
    /// before it (`بيان صادر عن وزارة الداخلية`), or `مصدر في` before it
    /// (`مصدر أمني في …`) or a source noun in construct (`مصادر الشرطة`).
    fn in_statement(&self, sp: Span) -> bool {
        let (fw, toks) = (&self.sl.frames, self.toks);
        // Tokens are in text order: a binary search keeps this linear in the
        // article's length over all bodies (a scan made 5 MB take seconds).
        let first = toks.partition_point(|t| t.span.start < sp.start);
        if first == toks.len() {
            return false;
        }
        let sent = self.a.sentence_of(sp);
        let same = |i: usize| self.a.sentence_of(toks[i].span) == sent;
        if first > 0 && same(first - 1) && fw.on_behalf.contains(self.word(first - 1)) {
            return true;
        }
        let issued = first > 1
            && same(first - 2)
            && fw.issued.contains(self.word(first - 2))
            && fw.issued_by.contains(self.word(first - 1));
        if issued {
            return true;
        }
        let is_source_noun = |i: usize| {
            readings(self.word(i))
                .iter()
                .any(|(w, _)| fw.source_nouns.contains(w))
        };
        // `وفق مصادر الشرطة العراقية`: a source noun in construct with it
        if first > 0 && same(first - 1) && is_source_noun(first - 1) {
            return true;
        }
        if first > 1 && same(first - 1) && fw.within.contains(self.word(first - 1)) {
            let source =
                (first.saturating_sub(1 + SOURCE_NOUN_WINDOW)..first - 1).any(is_source_noun);
            if source {
                return true;
            }
        }
        let after = toks.partition_point(|t| t.span.start < sp.end);
        (after..(after + BODY_STATEMENT_WINDOW).min(toks.len()))
            .filter(|&i| same(i))
            .any(|i| word_in(self.word(i), &self.sl.citing.statement))
    }

    /// The words of tokens `r` are quoted: a speech verb at most `window`
    /// tokens before them in the sentence, with titles and names between but
    /// no complementizer, event noun or clause break (`قال المتحدث باسم
    /// التحالف العقيد X`، `أعلن الجيش`), or a citing verb right after them
    /// (`X قال`). With `apposition`, commas may enclose the words (`قال مبعوث
    /// الأمم المتحدة، X، إن`).
    fn quoted_as(&self, r: Range<usize>, window: usize, apposition: bool) -> bool {
        if let Some(quoted) = self.speech_before(r.clone(), window, apposition) {
            return quoted;
        }
        let next = r.end;
        next < self.toks.len()
            && self.same_as(r.start, next)
            && self.quote_gap(next, apposition)
            && word_in(self.word(next), &self.sl.citing.after)
    }

    /// The speech verb before tokens `r` (see [`Self::quoted_as`]): Some(true)
    /// when one quotes them, Some(false) when it is a dated recap, None when
    /// the frame breaks first.
    fn speech_before(&self, r: Range<usize>, window: usize, apposition: bool) -> Option<bool> {
        let (fw, o) = (&self.sl.frames, &self.sl.open);
        let lo = r.start.saturating_sub(window);
        let mut k = r.start;
        while k > lo {
            if !self.quote_gap(k, apposition) || !self.same_as(r.start, k - 1) {
                return None;
            }
            k -= 1;
            let w = self.word(k);
            // A speech verb, not a word with the article (التابع is no تابع).
            if !begins_with_article(w) && word_in(w, &self.sl.citing.speech) {
                return Some(apposition || !dated_recap(self.a, k));
            }
            // An actor after `مصدر في`/`مصدر بـ` is where the source works.
            let source_noun = !apposition
                && readings(w)
                    .iter()
                    .any(|(b, _)| fw.source_nouns.contains(b) || fw.officials.contains(b));
            let stop = o.stops.contains(w) && !(apposition && fw.apposition.contains(w));
            if fw.clause.contains(w) || source_noun || stop {
                return None;
            }
        }
        None
    }

    /// Token i is in the sentence of token `at` (both may have none).
    fn same_as(&self, at: usize, i: usize) -> bool {
        self.a.sentence_of(self.toks[at].span) == self.a.sentence_of(self.toks[i].span)
    }

    /// The text between token i-1 and token i lets a quoting frame through:
    /// spaces, and commas in an apposition; no quotation mark, after which
    /// the words are the statement itself (`وقال المصدر "الجيش …`).
    fn quote_gap(&self, i: usize, apposition: bool) -> bool {
        self.s
            .get(self.toks[i - 1].end..self.toks[i].start)
            .is_some_and(|g| {
                g.chars()
                    .all(|c| c.is_whitespace() || (apposition && matches!(c, '،' | ',')))
            })
    }
}

/// `strip` proclitic characters of `word` end in لل (`للهيئة`): the body is
/// definite, its article's alef dropped after the lam.
fn lamlam(word: &str, strip: usize) -> bool {
    let prefix: String = word.chars().take(strip).collect();
    prefix.ends_with(L_ARTICLE)
}

/// A word and its readings with proclitics و ف ب ل removed, each with the
/// number of characters removed (`ولوزارة` → `وزاره`, 2; `للهيئة` → `هيئه`, 2).
fn readings(w: &str) -> Readings<'_> {
    let mut out = Readings {
        list: [(w, 0); 4],
        len: 1,
    };
    // Chars compared one by one (no string patterns: this runs on every
    // token, and those cost a memcmp call each).
    let mut chars = w.chars();
    let first = chars.next();
    let second = chars.next();
    // A conjunction, when three letters follow it.
    let conj = matches!(first, Some('و' | 'ف')) && has_chars(w, 4);
    let after_conj = if conj { &w['و'.len_utf8()..] } else { w };
    if conj {
        out.push((after_conj, 1));
    }
    let mut rest = after_conj.chars();
    let (c1, c2) = if conj {
        (second, rest.nth(1))
    } else {
        (first, second)
    };
    let n = usize::from(conj);
    if matches!(c1, Some('ب' | 'ل')) && has_chars(after_conj, 4) {
        out.push((&after_conj['ب'.len_utf8()..], n + 1));
    }
    // لل + noun: the article after the lam (للهيئة → هيئه).
    if c1 == Some('ل') && c2 == Some('ل') && has_chars(after_conj, 5) {
        out.push((&after_conj[L_ARTICLE.len()..], n + 2));
    }
    out
}

/// The readings of one word (at most four), without allocating.
struct Readings<'a> {
    list: [(&'a str, usize); 4],
    len: usize,
}

impl<'a> Readings<'a> {
    fn push(&mut self, r: (&'a str, usize)) {
        if let Some(slot) = self.list.get_mut(self.len) {
            *slot = r;
            self.len += 1;
        }
    }

    fn iter(&self) -> std::slice::Iter<'_, (&'a str, usize)> {
        self.list[..self.len].iter()
    }
}

/// True when `s` has at least `n` characters (without counting them all).
fn has_chars(s: &str, n: usize) -> bool {
    n == 0 || s.chars().nth(n - 1).is_some()
}

/// The canonical name when it and the written form name each other (one
/// holds the other: `وكالة ستيب الإخبارية` for `ستيب`), else the written form
/// (`سانا` rather than `الوكالة العربية السورية للأنباء`), since readers and
/// annotators know a source by what the article calls it.
pub(crate) fn display_name(canonical: &str, written: &str) -> String {
    let c = nospace(&key(canonical));
    let w = nospace(&key(written));
    if w.is_empty() || c.contains(&w) || w.contains(&c) {
        canonical.to_string()
    } else {
        written.to_string()
    }
}

/// A dateline (`إدلب - عنب بلدي`): a few words, a dash, then the hit, at the
/// start of its line.
fn is_dateline(a: &Analysis, hit: &Hit) -> bool {
    let s = a.key_str();
    let Some(first) = a.tokens().get(hit.tokens.start) else {
        return false;
    };
    let line_start = s[..first.start].rfind('\n').map_or(0, |p| p + 1);
    let before = s[line_start..first.start].trim_end();
    let Some(head) = before.strip_suffix(['-', '–', '—']) else {
        return false;
    };
    let words = head.split_whitespace().count();
    (1..=DATELINE_WORDS).contains(&words)
}

fn same_sentence(a: &Analysis, token: usize, hit: &Hit) -> bool {
    let Some(t) = a.tokens().get(token) else {
        return false;
    };
    a.sentence_of(t.span).is_some() && a.sentence_of(t.span) == a.sentence_of(hit.span)
}

/// `وكالات` as a signature: after `:`, `-` or `|` and last on its line.
fn is_signature(a: &Analysis, hit: &Hit) -> bool {
    let s = a.key_str();
    let toks = a.tokens();
    let (Some(first), Some(last)) = (toks.get(hit.tokens.start), toks.get(hit.tokens.end - 1))
    else {
        return false;
    };
    let before = s[..first.start].trim_end_matches([' ', '\t']);
    let after = s[last.end..].trim_start_matches([' ', '\t', '.']);
    let sep = before.ends_with([':', '-', '|', '/']);
    let eol = after.is_empty() || after.starts_with(['\n', '\r']);
    sep && eol
}

/// The tokens a span covers.
fn token_range(a: &Analysis, sp: Span) -> Option<Range<usize>> {
    let toks = a.tokens();
    let first = toks.partition_point(|t| t.span.end <= sp.start);
    if first == toks.len() {
        return None;
    }
    let last = toks[first..]
        .iter()
        .take_while(|t| t.span.start < sp.end)
        .count();
    (last > 0).then(|| first..first + last)
}

/// The sources cited so far, with the first of them of each id and of each
/// name key: a citation finds its source by two lookups, not by a scan that
/// normalized every name again (quadratic in a long article's citations).
#[derive(Default)]
struct Cited {
    list: Vec<Entity>,
    by_id: FxHashMap<String, usize>,
    by_key: FxHashMap<String, usize>,
}

/// Adds a citation of `name` to `out`, or its span to the same source already
/// there (the first with the same id, or with the same name).
fn push_source(out: &mut Cited, name: &str, id: Option<&str>, kind: &str, span: Span) {
    let k = key(name);
    let same_id = id.and_then(|id| out.by_id.get(id).copied());
    let same_name = out.by_key.get(&k).copied();
    if let Some(i) = same_id.into_iter().chain(same_name).min() {
        out.list[i].spans.push(span);
        return;
    }
    let at = out.list.len();
    if let Some(id) = id {
        out.by_id.entry(id.to_string()).or_insert(at);
    }
    out.by_key.entry(k).or_insert(at);
    let mut e = Entity::new(name, id.map(str::to_string), vec![span]);
    e.kind = Some(kind.to_string());
    out.list.push(e);
}

/// A named source follows the body in brackets or quotes within a few words
/// (`وكالة الأنباء الرسمية (سانا)`، `وكالة الأنباء الرسمية "سانا"`): the
/// named one is the citation. Where that bracket or quote opens after `sp`
/// in its clause, if one does; a name starting at most [`BRACKET_GAP`]
/// characters after it is in it.
fn bracket_at(a: &Analysis, sp: Span) -> Option<usize> {
    let text = a.text();
    let ci = a.char_index();
    let tail: String = text[ci.byte(sp.end)..]
        .chars()
        .take(BRACKET_CHARS)
        .collect();
    let open = tail.find(|c: char| c == '(' || is_quote(c))?;
    // A comma first: the name is in another clause (`مجموعة الدفاع المدني،
    // والتي تحمل اسم "الخوذ البيضاء"`).
    if tail[..open].contains(['،', ',']) {
        return None;
    }
    Some(sp.end + tail[..open].chars().count())
}

/// A dated recap (`يوم 17/11/2017 أعلن الجيش …`): a full year within the four
/// words before the verb at token `k`; what an actor announced then is
/// background, not a citation for the article's facts.
fn dated_recap(a: &Analysis, k: usize) -> bool {
    let s = a.key_str();
    let toks = a.tokens();
    let sent = a.sentence_of(toks[k].span);
    (k.saturating_sub(RECAP_WORDS)..k)
        .filter(|&i| a.sentence_of(toks[i].span) == sent)
        .any(|i| {
            toks[i]
                .text(s)
                .split(|c: char| !c.is_ascii_digit())
                .any(|r| r.len() == 4 && (r.starts_with("19") || r.starts_with("20")))
        })
}

/// The span is inside a quotation opened earlier on its line: more `«`
/// than `»`, more `“` than `”`, or an odd number of `"` before it.
fn inside_quotation(a: &Analysis, sp: Span) -> bool {
    let text = a.text();
    let at = a.char_index().byte(sp.start);
    let line = &text[text[..at].rfind('\n').map_or(0, |p| p + 1)..at];
    let count = |c: char| line.chars().filter(|&x| x == c).count();
    count('«') > count('»') || count('“') > count('”') || count('"') % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The readings as first written, with string patterns.
    fn reference(w: &str) -> Vec<(&str, usize)> {
        let mut out = vec![(w, 0)];
        let mut cur = w;
        let mut n = 0;
        for set in [&['و', 'ف'][..], &['ب', 'ل'][..]] {
            if let Some(c) = cur.chars().next().filter(|c| set.contains(c)) {
                if cur.chars().count() > 3 {
                    cur = &cur[c.len_utf8()..];
                    n += 1;
                    out.push((cur, n));
                }
            }
        }
        let conj = usize::from(w.starts_with(['و', 'ف']) && w.chars().count() > 3);
        let after_conj = w.chars().skip(conj).collect::<String>();
        if after_conj.starts_with("لل") && after_conj.chars().count() > 4 {
            let bytes: usize = w.chars().take(conj + 2).map(char::len_utf8).sum();
            out.push((&w[bytes..], conj + 2));
        }
        out
    }

    #[test]
    fn readings_agree_with_string_patterns() {
        let letters = ['و', 'ف', 'ب', 'ل', 'ا', 'ه'];
        let mut words = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..6 {
            last = last
                .iter()
                .flat_map(|w| letters.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(last.iter().cloned());
        }
        for w in &words {
            let got: Vec<(&str, usize)> = readings(w).iter().copied().collect();
            assert_eq!(got, reference(w), "{w}");
        }
    }

    #[test]
    fn readings_table() {
        let table: &[(&str, &[(&str, usize)])] = &[
            ("ولوزاره", &[("ولوزاره", 0), ("لوزاره", 1), ("وزاره", 2)]),
            ("للهيئه", &[("للهيئه", 0), ("لهيئه", 1), ("هيئه", 2)]),
            (
                "وللهيئه",
                &[("وللهيئه", 0), ("للهيئه", 1), ("لهيئه", 2), ("هيئه", 3)],
            ),
            ("بيان", &[("بيان", 0), ("يان", 1)]),
            ("ولد", &[("ولد", 0)]),
            ("لله", &[("لله", 0)]),
            ("", &[("", 0)]),
        ];
        for (w, want) in table {
            let got: Vec<(&str, usize)> = readings(w).iter().copied().collect();
            assert_eq!(got, *want, "{w}");
        }
    }

    /// An official's body is where the official works, not a source quoted
    /// by the verb before the official (the words of `[officials]` were once
    /// written with ؤ and never matched).
    #[test]
    fn an_official_of_an_actor_source_is_no_statement_of_it() {
        let lx = Lexicon::bundled();
        let names = |text: &str| -> Vec<String> {
            let a = Analysis::new(text, vec![]);
            lx.sources(&a, None).into_iter().map(|e| e.name).collect()
        };
        let coalition = "التحالف الدولي".to_string();
        assert!(names("وقال التحالف الدولي إن الغارات استمرت.").contains(&coalition));
        for official in ["مسؤول", "مسؤولون", "مسؤولين", "عضو"] {
            let text = format!("وقال {official} التحالف الدولي إن الغارات استمرت.");
            assert!(!names(&text).contains(&coalition), "{text}");
        }
    }

    /// One list of citing words serves named sources and open bodies: each
    /// once lacked forms the other had (`أضافت` before a body, `حذّر` before
    /// a named source).
    #[test]
    fn one_citing_list_for_named_sources_and_bodies() {
        let lx = Lexicon::bundled();
        let names = |text: &str| -> Vec<String> {
            let a = Analysis::new(text, vec![]);
            lx.sources(&a, None).into_iter().map(|e| e.name).collect()
        };
        let body = names("وأضافت وزارة الصحة العراقية أن عدد الجرحى ارتفع.");
        assert_eq!(body, vec!["وزارة الصحة العراقية"]);
        let named = names("وحذّر المرصد السوري لحقوق الإنسان من هجوم وشيك على البلدة.");
        assert_eq!(named, vec!["المرصد السوري لحقوق الإنسان"]);
        assert!(names("وزارة الصحة العراقية افتتحت مستشفى جديداً.").is_empty());
    }

    #[test]
    fn lamlam_table() {
        assert!(lamlam("للهيئه", 2));
        assert!(lamlam("وللهيئه", 3));
        assert!(!lamlam("لوزاره", 1));
        assert!(!lamlam("وزاره", 0));
    }
}
