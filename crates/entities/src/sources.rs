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
//! `مراسلنا`) cites the `outlet` passed in.

use crate::actors::word_in;
use crate::lexicon::{key, Lexicon};
use crate::matcher::{Hit, Matcher};
use rasad_record::{Entity, Span};
use rasad_text::Analysis;
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// Citing words looked for before a source (any conjugation listed).
const BEFORE: &[&str] = &[
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "افاد",
    "افادت",
    "يفيد",
    "تفيد",
    "ذكر",
    "ذكرت",
    "يذكر",
    "تذكر",
    "اكد",
    "اكدت",
    "يؤكد",
    "تؤكد",
    "اعلن",
    "اعلنت",
    "يعلن",
    "تعلن",
    "وثق",
    "وثقت",
    "يوثق",
    "اشار",
    "اشارت",
    "يشير",
    "تشير",
    "لفت",
    "لفتت",
    "بث",
    "بثت",
    "نشر",
    "نشرت",
    "زعم",
    "زعمت",
    "ادعى",
    "ادعت",
    "اوضح",
    "اوضحت",
    "اضاف",
    "اضافت",
    "كشف",
    "كشفت",
    "رصد",
    "رصدت",
    "اورد",
    "اوردت",
    "نقل",
    "نقلت",
    "نقلا",
    "وفق",
    "وفقا",
    "بحسب",
    "حسب",
    "طبقا",
    "تحدث",
    "تحدثت",
    "احصى",
    "احصت",
    "سجل",
    "سجلت",
    "بيان",
    "تقرير",
    "اتهم",
    "اتهمت",
    "صرح",
    "صرحت",
    "تصريح",
    "تصريحات",
    "ابلغ",
    "ابلغت",
    "روى",
    "روت",
    "افادنا",
    "اكدته",
    "اكدها",
    "ذكره",
    "ذكرته",
    "اوردها",
    "اورده",
    "نقلته",
    "نقلتها",
    "افادته",
    "افادتها",
    "اظهر",
    "اظهرت",
    "حصيله",
    "احصائيه",
];

/// Citing verbs looked for right after a source (the source as subject).
const AFTER: &[&str] = &[
    "قال",
    "قالت",
    "افاد",
    "افادت",
    "ذكر",
    "ذكرت",
    "اكد",
    "اكدت",
    "اعلن",
    "اعلنت",
    "وثق",
    "وثقت",
    "اشار",
    "اشارت",
    "تحدث",
    "تحدثت",
    "تحدثوا",
    "افادوا",
    "اكدوا",
    "قالوا",
    "ذكروا",
    "نشر",
    "نشرت",
    "بث",
    "بثت",
    "رصد",
    "رصدت",
    "لفت",
    "لفتت",
    "اوضح",
    "اوضحت",
    "نقل",
    "نقلت",
    "كشف",
    "كشفت",
    "اورد",
    "اوردت",
];

/// Reporter nouns in construct with a source (`ناشطو فرات بوست`).
const REPORTERS: &[&str] = &[
    "ناشطو",
    "ناشطي",
    "مراسل",
    "مراسلو",
    "مراسلي",
    "مصدر",
    "مصادر",
    "مدير",
    "رئيس",
    "متحدث",
    "المتحدث",
    "الناطق",
    "ناطق",
    "بيان",
    "تقرير",
    "احصائيه",
    "حصيله",
];

/// Head words that introduce an outlet's name.
const HEADS: &[&str] = &[
    "صحيفه",
    "جريده",
    "قناه",
    "موقع",
    "وكاله",
    "شبكه",
    "تلفزيون",
    "اذاعه",
    "مجله",
    "راديو",
];

/// Words that mark a statement of an actor-source.
const STATEMENT: &[&str] = &[
    "بيان",
    "بيانا",
    "المتحدث",
    "متحدث",
    "الناطق",
    "ناطق",
    "تصريح",
    "تصريحات",
    "المتحدثه",
];

/// Self-citations of the publishing outlet.
const SELF: &[&str] = &[
    "مصدر الوكاله",
    "مصادر الوكاله",
    "مراسل الوكاله",
    "مراسلنا",
    "مصادرنا",
    "مراسل الموقع",
    "مصادر الموقع",
    "مصدر الموقع",
    "مراسل الصحيفه",
    "مصادر الصحيفه",
    "مراسل القناه",
    "مصادر القناه",
    "مراسل الشبكه",
    "مصادر الشبكه",
    "مراسلة الوكاله",
];

struct Sets {
    before: FxHashSet<String>,
    after: FxHashSet<String>,
    reporters: FxHashSet<String>,
    heads: FxHashSet<String>,
    statement: FxHashSet<String>,
    self_cites: Matcher,
}

fn sets() -> &'static Sets {
    static S: OnceLock<Sets> = OnceLock::new();
    S.get_or_init(|| {
        let f = |v: &[&str]| v.iter().map(|w| key(w)).collect::<FxHashSet<String>>();
        Sets {
            before: f(BEFORE),
            after: f(AFTER),
            reporters: f(REPORTERS),
            heads: f(HEADS),
            statement: f(STATEMENT),
            self_cites: {
                let mut m = Matcher::new();
                for p in SELF {
                    m.insert(p, 0);
                }
                m
            },
        }
    })
}

impl Lexicon {
    /// Sources the article cites, once each, in order of first citation;
    /// `outlet` is the publishing outlet (self-citations resolve to it).
    pub fn sources(&self, a: &Analysis, outlet: Option<&str>) -> Vec<Entity> {
        let st = sets();
        let mut out: Vec<Entity> = Vec::new();
        let mut push = |name: &str, id: Option<&str>, kind: &str, span: Span| {
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
        };

        for hit in self.source_matcher.find(a) {
            if !a.in_body(hit.span) {
                continue;
            }
            let Some(&si) = self.source_matcher.ids(hit.phrase).first() else {
                continue;
            };
            let src = &self.sources[si];
            let phrase_key = self.source_matcher.key(hit.phrase);
            let first_word = phrase_key.split(' ').next().unwrap_or("");
            if src.needs_head && !st.heads.contains(first_word) && !self.after_head(a, &hit) {
                continue;
            }
            if src.kind == "generic" {
                if hit.article {
                    continue;
                }
                if src.signature_only {
                    if !is_signature(a, &hit) {
                        continue;
                    }
                    push(&src.name, Some(&src.id), &src.kind, hit.span);
                    continue;
                }
            }
            if src.needs_statement
                && !phrase_key.split(' ').any(|w| st.statement.contains(w))
                && !self.before_within(a, &hit, 5, &st.statement)
                && !self.after_within(a, &hit, 5, &st.statement)
            {
                continue;
            }
            if self.cited(a, &hit) {
                push(&src.name, Some(&src.id), &src.kind, hit.span);
            }
        }

        // The outlet citing itself.
        if let Some(outlet) = outlet.filter(|o| !o.trim().is_empty()) {
            let na = Analysis::new(outlet, vec![]);
            let known = self
                .source_matcher
                .find(&na)
                .into_iter()
                .find_map(|h| self.source_matcher.ids(h.phrase).first().copied())
                .map(|i| &self.sources[i]);
            for h in st.self_cites.find(a) {
                // مصدر الوكالة, not مصدر لوكالة …: the second word is definite.
                let definite = h.tokens.len() < 2
                    || a.tokens()
                        .get(h.tokens.end - 1)
                        .is_some_and(|t| t.text(a.key_str()).starts_with("ال"));
                if !a.in_body(h.span) || !definite {
                    continue;
                }
                match known {
                    Some(k) => push(&k.name, Some(&k.id), &k.kind, h.span),
                    None => push(outlet.trim(), None, "outlet", h.span),
                }
            }
        }
        out.sort_by_key(|e| e.spans.iter().map(|s| s.start).min().unwrap_or(0));
        out
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
        if hit.clitics.ends_with('ل') {
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
