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

use crate::actors::{word_in, MentionKind};
use crate::lexicon::{key, Lexicon};
use crate::scan::{layer, surface, tidy, Hit, Scan};
use rasad_record::{Entity, Span};
use rasad_text::Analysis;
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::sync::OnceLock;

/// The citing-frame word lists of `[citing]` in data/sources/sources.toml.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct CitingDef {
    before: Vec<String>,
    after: Vec<String>,
    speech: Vec<String>,
    reporters: Vec<String>,
    outlet_heads: Vec<String>,
    statement: Vec<String>,
    units: Vec<String>,
    place_heads: Vec<String>,
    pub(crate) self_cites: Vec<String>,
}

#[derive(Deserialize)]
struct CitingFile {
    citing: CitingDef,
}

/// `[citing]` in key form.
struct Sets {
    /// Citing words looked for before a source (`قال`، `بحسب`).
    before: FxHashSet<String>,
    /// Citing verbs right after a source (`المرصد وثق`).
    after: FxHashSet<String>,
    /// Speech verbs that make a person or an actor a source (`قال`، `أعلن`).
    speech: FxHashSet<String>,
    /// Reporter nouns in construct with a source (`مراسل سانا`).
    reporters: FxHashSet<String>,
    /// Head words that introduce an outlet's name (`صحيفة`).
    heads: FxHashSet<String>,
    /// Words that mark a statement of an actor-source (`بيان`).
    statement: FxHashSet<String>,
    /// Numbered units named as bodies (`اللواء 30`); without a number a rank.
    units: Vec<String>,
    /// Heads of bodies that, after `مصدر في`, say where the source works.
    place_heads: Vec<String>,
}

/// The citing lists of the bundled sources.toml.
pub(crate) fn citing_def() -> CitingDef {
    toml::from_str::<CitingFile>(crate::lexicon::SOURCES)
        .map(|f| f.citing)
        .expect("bundled sources.toml has a [citing] table")
}

fn sets() -> &'static Sets {
    static S: OnceLock<Sets> = OnceLock::new();
    S.get_or_init(|| {
        let d = citing_def();
        let f = |v: &[String]| v.iter().map(|w| key(w)).collect::<FxHashSet<String>>();
        let l = |v: &[String]| v.iter().map(|w| key(w)).collect::<Vec<String>>();
        Sets {
            before: f(&d.before),
            after: f(&d.after),
            speech: f(&d.speech),
            reporters: f(&d.reporters),
            heads: f(&d.outlet_heads),
            statement: f(&d.statement),
            units: l(&d.units),
            place_heads: l(&d.place_heads),
        }
    })
}

impl Lexicon {
    /// Sources the article cites, once each, in order of first citation;
    /// `outlet` is the publishing outlet (self-citations resolve to it).
    pub fn sources(&self, a: &Analysis, outlet: Option<&str>) -> Vec<Entity> {
        self.scan(a).sources(outlet)
    }

    /// [`Self::sources`] of a scanned document.
    pub(crate) fn sources_in(&self, sc: &Scan, outlet: Option<&str>) -> Vec<Entity> {
        let a = sc.a;
        let st = sets();
        let mut out: Vec<Entity> = Vec::new();

        let outlet_key = outlet.map(key).filter(|k| !k.is_empty());
        let outlet_source = outlet.and_then(|o| self.known_source(o));
        let outlet_id = outlet_source.map(|i| self.sources[i].id.clone());
        // Official bodies the list does not know, cited by a verb; bodies that
        // are actors (هيئة تحرير الشام، قيادة عمليات سامراء) begin with an actor
        // mention and count only with a statement (في بيان، المتحدث باسم).
        let actor_starts: Vec<usize> = sc.actor_mentions().iter().map(|m| m.span.start).collect();
        let open: Vec<(String, Span)> = self
            .open_sources(a)
            .into_iter()
            .filter(|(_, sp)| {
                (!actor_starts.contains(&sp.start) || in_statement(a, *sp)) && a.in_body(*sp)
            })
            .collect();
        let mut named_spans: Vec<Span> = Vec::new();
        for hit in sc.hits(layer::SOURCES) {
            if !a.in_body(hit.span) {
                continue;
            }
            let Some(&si) = self.matcher.ids(hit.phrase).first() else {
                continue;
            };
            let src = &self.sources[si];
            // Inside a longer body (مديرية الدفاع المدني في البصرة).
            if open
                .iter()
                .any(|(_, o)| o.start < hit.span.start && hit.span.end <= o.end)
            {
                continue;
            }
            named_spans.push(hit.span);
            if is_dateline(a, hit) {
                continue;
            }
            // The publishing outlet as the addressee of a statement in its own
            // article (`قال أحد الأهالي لعنب بلدي`) is not cited, unless a
            // reporter noun makes it a self-citation (`مصدر لوكالة ستيب`).
            let surface_key = key(&surface(a, hit));
            let is_outlet = outlet_id.as_deref() == Some(src.id.as_str())
                || outlet_key
                    .as_deref()
                    .is_some_and(|o| nospace(o) == nospace(&surface_key));
            if is_outlet && hit.clitics(a).ends_with('ل') && !self.after_reporter(a, hit) {
                continue;
            }
            let phrase_key = self.matcher.key(hit.phrase);
            let first_word = phrase_key.split(' ').next().unwrap_or("");
            if src.needs_head && !st.heads.contains(first_word) && !self.after_head(a, hit) {
                continue;
            }
            if src.kind == "generic" {
                if hit.article {
                    continue;
                }
                if src.signature_only {
                    if !is_signature(a, hit) {
                        continue;
                    }
                    push_source(&mut out, &src.name, Some(&src.id), &src.kind, hit.span);
                    continue;
                }
            }
            // A speech verb right before or after states it too (`يقول
            // الجيش الإسرائيلي إن`).
            let spoken = token_range(a, hit.span).is_some_and(|r| self.quoted_as(a, r, 2, false));
            if src.needs_statement
                && !spoken
                && !phrase_key.split(' ').any(|w| st.statement.contains(w))
                && !self.before_within(a, hit, 5, &st.statement)
                && !self.after_within(a, hit, 5, &st.statement)
            {
                continue;
            }
            if self.cited(a, hit) {
                let name = if src.kind == "generic" {
                    src.name.clone()
                } else {
                    display_name(&src.name, &surface(a, hit))
                };
                push_source(&mut out, &name, Some(&src.id), &src.kind, hit.span);
            }
        }

        for (name, span) in open {
            let overlaps = |v: &[Span]| v.iter().any(|x| x.start < span.end && span.start < x.end);
            if overlaps(&named_spans) || names_in_brackets(a, span, &named_spans) {
                continue;
            }
            if outlet_key
                .as_deref()
                .is_some_and(|o| nospace(o) == nospace(&key(&name)))
            {
                continue;
            }
            push_source(&mut out, &name, None, "official", span);
        }

        // Actors and named persons quoted (`أعلن الجيش الإسرائيلي`، `قال
        // المتحدث باسم التحالف العقيد فلان`), not where a named source or an
        // official body was already reported.
        let taken: Vec<Span> = out.iter().flat_map(|e| e.spans.clone()).collect();
        let free = |sp: Span| {
            !taken
                .iter()
                .chain(named_spans.iter())
                .any(|x| x.start < sp.end && sp.start < x.end)
        };
        for m in sc.actor_mentions() {
            if matches!(m.code.as_str(), "CIVILIANS" | "UNKNOWN" | "MIXED")
                || m.kind == MentionKind::Victim
                || !a.in_body(m.span)
                || !free(m.span)
            {
                continue;
            }
            if let Some(r) = token_range(a, m.span) {
                if self.quoted_as(a, r, 1, false) {
                    push_source(&mut out, &m.term, Some(&m.code), "actor", m.span);
                }
            }
        }
        let actor_spans: Vec<Span> = sc.actor_mentions().iter().map(|m| m.span).collect();
        for p in self.persons_in(sc, &[], &actor_spans) {
            for &sp in &p.spans {
                if !a.in_body(sp) || !free(sp) {
                    continue;
                }
                let Some(r) = token_range(a, sp) else {
                    continue;
                };
                if self.quoted_as(a, r, 7, true) {
                    push_source(&mut out, &p.name, None, "person", sp);
                    break;
                }
            }
        }

        // The outlet citing itself.
        if outlet.is_some_and(|o| !o.trim().is_empty()) {
            let known = outlet_source.map(|i| &self.sources[i]);
            for h in sc.hits(layer::SELF_CITES) {
                // مصدر الوكالة, not مصدر لوكالة …: the second word is definite.
                let definite = h.tokens.len() < 2
                    || a.tokens()
                        .get(h.tokens.end - 1)
                        .is_some_and(|t| t.text(a.key_str()).starts_with("ال"));
                if !a.in_body(h.span) || !definite {
                    continue;
                }
                // Reported as written (`مراسلنا`), with the outlet's id.
                let written = tidy(a.slice(h.span));
                match known {
                    Some(k) => push_source(&mut out, &written, Some(&k.id), &k.kind, h.span),
                    None => push_source(&mut out, &written, None, "outlet", h.span),
                }
            }
        }
        out.sort_by_key(|e| e.spans.iter().map(|s| s.start).min().unwrap_or(0));
        out
    }

    /// The index of the named source `name` is (its whole text), if any.
    fn known_source(&self, name: &str) -> Option<usize> {
        let na = Analysis::new(name, vec![]);
        self.matcher
            .find_in(layer::SOURCES, na.key(), na.tokens())
            .into_iter()
            .find_map(|h| self.matcher.ids(h.phrase).first().copied())
    }

    /// A reporter noun right before the hit, or with one adjective between
    /// (`مراسل سانا`، `مصدر لوكالة`، `مصدر محلي لوكالة ستيب`).
    fn after_reporter(&self, a: &Analysis, hit: &Hit) -> bool {
        let s = a.key_str();
        (1..=2).any(|d| {
            hit.tokens.start.checked_sub(d).is_some_and(|p| {
                same_sentence(a, p, hit) && word_in(a.tokens()[p].text(s), &sets().reporters)
            })
        })
    }

    /// Official bodies named after a citing word (`قالت وزارة الصحة العراقية
    /// في بيان`), as written (proclitics removed), with their spans.
    pub(crate) fn open_sources(&self, a: &Analysis) -> Vec<(String, Span)> {
        let o = &self.open;
        let s = a.key_str();
        let toks = a.tokens();
        let word = |i: usize| toks[i].text(s);
        let gap_ok = |i: usize, j: usize| {
            s.get(toks[i].end..toks[j].start)
                .is_some_and(|g| g.chars().all(|c| c.is_whitespace() || is_quote(c)))
        };
        let same = |i: usize, j: usize| {
            let si = a.sentence_of(toks[i].span);
            si.is_some() && si == a.sentence_of(toks[j].span)
        };
        let mut out = Vec::new();
        for i in 0..toks.len() {
            let mut j = i + 1;
            if readings(word(i)).iter().any(|(w, _)| o.citing.contains(*w)) {
                // أفادت به، نقلت عن
                if j < toks.len() && matches!(word(j), "عن" | "به" | "بها") {
                    j += 1;
                }
                // بيان صادر عن وزارة …
                if j + 1 < toks.len()
                    && matches!(word(j), "صادر" | "صادره" | "الصادر" | "الصادره")
                    && word(j + 1) == "عن"
                {
                    j += 2;
                }
            } else if let Some(k) = self.source_in(a, i) {
                // مصدر (أمني) في X: X is the body the source speaks from.
                j = k;
            } else {
                continue;
            }
            // المتحدث (الرسمي) باسم X
            if j < toks.len()
                && readings(word(j))
                    .iter()
                    .any(|(w, _)| o.spokesman.contains(*w))
            {
                if let Some(b) = (j + 1..(j + 3).min(toks.len())).find(|&b| word(b) == "باسم") {
                    j = b + 1;
                }
            }
            if j >= toks.len() || !same(i, j) || !gap_ok(j - 1, j) {
                continue;
            }
            let Some(strip) = readings(word(j))
                .iter()
                .copied()
                .find(|(w, _)| {
                    o.heads.contains(*w)
                        || w.strip_prefix("ال").is_some_and(|b| o.heads.contains(b))
                })
                .map(|(_, n)| n)
            else {
                continue;
            };
            let mut end = j + 1;
            // A numbered unit (اللواء 30 في الحشد الشعبي): the number, then
            // the force it belongs to.
            let unit = sets().units.iter().any(|u| {
                let w: String = word(j).chars().skip(strip).collect();
                w == *u || w.strip_prefix("ال") == Some(u.as_str())
            });
            if unit {
                let numbered = end < toks.len()
                    && same(j, end)
                    && word(end).chars().all(|c| c.is_ascii_digit());
                if !numbered {
                    continue;
                }
                end += 1;
                if end + 1 < toks.len() && word(end) == "في" && same(j, end + 1) {
                    let mut k = end + 1;
                    while k < toks.len() && k - end <= 3 && same(j, k) && word(k).starts_with("ال")
                    {
                        k += 1;
                    }
                    if k > end + 1 {
                        end = k;
                    }
                }
            }
            // Removed up to a lam-lam (للهيئة): the body is definite.
            let lamlam = strip >= 2
                && word(j).chars().nth(strip - 1) == Some('ل')
                && word(j).chars().nth(strip - 2) == Some('ل');
            let rest: String = word(j).chars().skip(strip).collect();
            let mut definite = lamlam || rest.starts_with("ال");
            while !unit && end < toks.len() && end - j <= o.max_words {
                let w = word(end);
                if !same(j, end)
                    || !gap_ok(end - 1, end)
                    || o.stops.contains(w)
                    || w.chars().any(|c| c.is_ascii_digit())
                {
                    break;
                }
                let def = w.starts_with("ال");
                let lam = w.starts_with('ل') && !def;
                if definite && !def && !lam {
                    break;
                }
                definite = def;
                end += 1;
            }
            // A bare head (وأضافت المنظمة) refers back to a body already named.
            if end == j + 1 {
                continue;
            }
            let start_tok = &toks[j];
            let span = Span::new(
                start_tok.span.start + strip - usize::from(lamlam),
                toks[end - 1].span.end,
            );
            let raw = tidy(a.slice(span));
            // لل + noun: the article's alef was dropped after the lam.
            let name = if lamlam { format!("ا{raw}") } else { raw };
            out.push((name, span));
        }
        out
    }

    /// After `مصدر`/`مصادر` (with at most one adjective) and `في` at token
    /// `i`, the index of the token that may begin a body (`مصدر أمني في قيادة
    /// شرطة ديالى`).
    fn source_in(&self, a: &Analysis, i: usize) -> Option<usize> {
        let s = a.key_str();
        let toks = a.tokens();
        let noun = readings(toks[i].text(s))
            .iter()
            .any(|(w, _)| matches!(*w, "مصدر" | "مصادر"));
        if !noun {
            return None;
        }
        (i + 1..(i + 3).min(toks.len()))
            .find(|&k| toks[k].text(s) == "في")
            .map(|k| k + 1)
            .filter(|&k| k < toks.len())
            // where the source works, not whom it speaks for
            .filter(|&k| {
                let w = toks[k].text(s);
                let bare = w.strip_prefix("ال").unwrap_or(w);
                !sets().place_heads.iter().any(|h| h == bare)
            })
    }

    /// The hit is inside a citing frame of its sentence.
    fn cited(&self, a: &Analysis, hit: &Hit) -> bool {
        let st = sets();
        let s = a.key_str();
        let toks = a.tokens();
        if self.before_within(a, hit, 4, &st.before) {
            return true;
        }
        // A reporter noun in construct right before (ناشطو "فرات بوست").
        if let Some(p) = hit.tokens.start.checked_sub(1) {
            if same_sentence(a, p, hit) && word_in(toks[p].text(s), &st.reporters) {
                return true;
            }
        }
        // `لـ X` after a speech/reporter word: مصدر لوكالة …
        if hit.clitics(a).ends_with('ل') {
            if let Some(p) = hit.tokens.start.checked_sub(1) {
                if same_sentence(a, p, hit) && word_in(toks[p].text(s), &st.reporters) {
                    return true;
                }
            }
        }
        // The source as subject of a citing verb right after it (two words of
        // adjectives allowed: المرصد السوري المعارض وثق).
        let hi = (hit.tokens.end + 2).min(toks.len());
        (hit.tokens.end..hi)
            .any(|i| same_sentence(a, i, hit) && word_in(toks[i].text(s), &st.after))
    }

    /// The words of tokens `r` are quoted: a speech verb at most `window`
    /// tokens before them in the sentence, with titles and names between but
    /// no complementizer, event noun or clause break (`قال المتحدث باسم
    /// التحالف العقيد X`، `أعلن الجيش`), or right after them (`X قال`). With
    /// `apposition`, commas may enclose the words (`قال مبعوث الأمم المتحدة،
    /// X، إن`).
    fn quoted_as(
        &self,
        a: &Analysis,
        r: std::ops::Range<usize>,
        window: usize,
        apposition: bool,
    ) -> bool {
        let st = sets();
        let s = a.key_str();
        let toks = a.tokens();
        let sent = a.sentence_of(toks[r.start].span);
        let same = |i: usize| a.sentence_of(toks[i].span) == sent;
        // The text between token i-1 and token i allows the frame through.
        // No quotation mark: after one the words are the statement itself
        // (`وقال المصدر "الجيش …`).
        let gap_ok = |i: usize| {
            s.get(toks[i - 1].end..toks[i].start).is_some_and(|g| {
                g.chars()
                    .all(|c| c.is_whitespace() || (apposition && matches!(c, '،' | ',')))
            })
        };
        // A speech verb, not a word with the article (التابع is no تابع).
        let speech = |w: &str| !w.starts_with("ال") && word_in(w, &st.speech);
        let mut k = r.start;
        let lo = r.start.saturating_sub(window);
        while k > lo {
            if !gap_ok(k) || !same(k - 1) {
                break;
            }
            k -= 1;
            let w = toks[k].text(s);
            if speech(w) {
                return apposition || !dated_recap(a, k);
            }
            let clause = matches!(
                w,
                "ان" | "انه" | "انها" | "بان" | "لان" | "فان" | "الذي" | "التي"
            );
            // An actor after `مصدر في`/`مصدر بـ` is where the source works.
            let source_noun = !apposition
                && readings(w).iter().any(|(b, _)| {
                    matches!(
                        *b,
                        "مصدر" | "مصادر" | "مسؤول" | "مسؤولون" | "مسؤولين" | "عضو"
                    )
                });
            let stop = self.open.stops.contains(w)
                && !(apposition && matches!(w, "باسم" | "الرسمي" | "الرسميه" | "في"));
            if clause || source_noun || stop {
                break;
            }
        }
        // Right after (the name as subject of a verb that follows).
        let next = r.end;
        next < toks.len() && same(next) && gap_ok(next) && word_in(toks[next].text(s), &st.after)
    }

    /// A word of `set` within `window` tokens before the hit, same sentence.
    fn before_within(
        &self,
        a: &Analysis,
        hit: &Hit,
        window: usize,
        set: &FxHashSet<String>,
    ) -> bool {
        let s = a.key_str();
        let toks = a.tokens();
        let lo = hit.tokens.start.saturating_sub(window);
        (lo..hit.tokens.start).any(|i| same_sentence(a, i, hit) && word_in(toks[i].text(s), set))
    }

    /// A word of `set` within `window` tokens after the hit, same sentence.
    fn after_within(
        &self,
        a: &Analysis,
        hit: &Hit,
        window: usize,
        set: &FxHashSet<String>,
    ) -> bool {
        let s = a.key_str();
        let toks = a.tokens();
        let hi = (hit.tokens.end + window).min(toks.len());
        (hit.tokens.end..hi).any(|i| same_sentence(a, i, hit) && word_in(toks[i].text(s), set))
    }

    /// A head word (صحيفة، قناة) right before the hit.
    fn after_head(&self, a: &Analysis, hit: &Hit) -> bool {
        let Some(p) = hit.tokens.start.checked_sub(1) else {
            return false;
        };
        word_in(a.tokens()[p].text(a.key_str()), &sets().heads)
    }
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
        out.push((&after_conj["لل".len()..], n + 2));
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

fn nospace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '\'')
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
    (1..=3).contains(&words)
}

/// A statement word within three words after the span in its sentence
/// (`… في بيان`), or `باسم` right before it (`المتحدث باسم …`).
fn in_statement(a: &Analysis, sp: Span) -> bool {
    let s = a.key_str();
    let toks = a.tokens();
    let Some(first) = toks.iter().position(|t| t.span.start >= sp.start) else {
        return false;
    };
    let sent = a.sentence_of(sp);
    let same = |i: usize| a.sentence_of(toks[i].span) == sent;
    if first > 0 && same(first - 1) && toks[first - 1].text(s) == "باسم" {
        return true;
    }
    // مصدر (أمني) في X
    if first > 1 && same(first - 1) && toks[first - 1].text(s) == "في" {
        let source = (first.saturating_sub(3)..first - 1).any(|i| {
            readings(toks[i].text(s))
                .iter()
                .any(|(w, _)| matches!(*w, "مصدر" | "مصادر"))
        });
        if source {
            return true;
        }
    }
    let after = toks
        .iter()
        .position(|t| t.span.start >= sp.end)
        .unwrap_or(toks.len());
    (after..(after + 3).min(toks.len()))
        .filter(|&i| same(i))
        .any(|i| word_in(toks[i].text(s), &sets().statement))
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
fn token_range(a: &Analysis, sp: Span) -> Option<std::ops::Range<usize>> {
    let toks = a.tokens();
    let first = toks.iter().position(|t| t.span.end > sp.start)?;
    let last = toks[first..]
        .iter()
        .take_while(|t| t.span.start < sp.end)
        .count();
    (last > 0).then(|| first..first + last)
}

/// Adds a citation of `name` to `out`, or its span to the same source already
/// there (same id, or same name).
fn push_source(out: &mut Vec<Entity>, name: &str, id: Option<&str>, kind: &str, span: Span) {
    let k = key(name);
    if let Some(e) = out
        .iter_mut()
        .find(|e| e.id.as_deref() == id && id.is_some() || key(&e.name) == k)
    {
        e.spans.push(span);
        return;
    }
    let mut e = Entity::new(name, id.map(str::to_string), vec![span]);
    e.kind = Some(kind.to_string());
    out.push(e);
}

/// A named source follows the body in brackets within a few words (`وكالة
/// الأنباء الرسمية (سانا)`): the named one is the citation.
fn names_in_brackets(a: &Analysis, sp: Span, named: &[Span]) -> bool {
    let text = a.text();
    let ci = a.char_index();
    let tail: String = text[ci.byte(sp.end)..].chars().take(40).collect();
    let Some(open) = tail.find('(') else {
        return false;
    };
    let at = sp.end + tail[..open].chars().count();
    named.iter().any(|n| n.start > at && n.start <= at + 3)
}

/// A dated recap (`يوم 17/11/2017 أعلن الجيش …`): a full year within the four
/// words before the verb at token `k`; what an actor announced then is
/// background, not a citation for the article's facts.
fn dated_recap(a: &Analysis, k: usize) -> bool {
    let s = a.key_str();
    let toks = a.tokens();
    let sent = a.sentence_of(toks[k].span);
    (k.saturating_sub(4)..k)
        .filter(|&i| a.sentence_of(toks[i].span) == sent)
        .any(|i| {
            toks[i]
                .text(s)
                .split(|c: char| !c.is_ascii_digit())
                .any(|r| r.len() == 4 && (r.starts_with("19") || r.starts_with("20")))
        })
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
}
