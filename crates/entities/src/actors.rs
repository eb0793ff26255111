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
//! الجيش اللبناني، النظام الداخلي).

use crate::lexicon::{Cue, Lexicon, Rule, Side};
use crate::scan::{layer, surface, Hit, Scan};
use rasad_record::{Actor, Span};
use rasad_text::clitic;
use rasad_text::Analysis;
use rustc_hash::FxHashMap;

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

struct Cand {
    hit: Hit,
    group: usize,
    resolved: Option<(String, MentionKind)>,
}

/// Common adjectives that make a bare actor word something else (النظام
/// الجديد، التحالف الحاكم).
const ADJECTIVES: &[&str] = &[
    "الجديد",
    "القديم",
    "السابق",
    "الحاكم",
    "العام",
    "الحر",
    "الاساسي",
    "المعمول",
];

const ARMY_CODES: &[&str] = &[
    "SYR_GOV",
    "IRAQ_GOV",
    "ISRAEL",
    "TURKEY",
    "YEMEN_GOV",
    "LBY_GOV",
    "EGY_GOV",
    "LBN_GOV",
    "SAU_GOV",
    "JOR_GOV",
    "SDN_GOV",
    "SOM_GOV",
];

/// The codes whose explicit names are cues of a theatre, and the cues they
/// count for (the Houthis are a sign of Yemen as صنعاء is).
const CODE_CUES: &[(&str, &[Cue])] = &[
    ("KRG", &[Cue::Kurdistan]),
    ("ISRAEL", &[Cue::Israel]),
    ("HAMAS", &[Cue::Israel]),
    ("HEZBOLLAH", &[Cue::Lebanon]),
    ("LBN_GOV", &[Cue::Lebanon]),
    ("HOUTHIS", &[Cue::Yemen, Cue::Elsewhere]),
    ("SAUDI_COALITION", &[Cue::Yemen, Cue::Elsewhere]),
    ("YEMEN_GOV", &[Cue::Yemen, Cue::Elsewhere]),
    ("LBY_GOV", &[Cue::Libya, Cue::Elsewhere]),
    ("LNA", &[Cue::Libya, Cue::Elsewhere]),
    ("EGY_GOV", &[Cue::Egypt]),
];

impl Lexicon {
    /// Every actor mention of the body, in text order, after coreference of
    /// التنظيم/التحالف/الهيئة/الحشد (referring back to a named actor) and the
    /// context resolution of الجيش/النظام/القوات الكردية.
    ///
    /// For the events engineer: `span` is the term itself (no proclitic),
    /// `kind` tells a name from an anaphor or a context guess, `side` which
    /// press uses the term.
    pub fn actor_mentions(&self, a: &Analysis) -> Vec<ActorMention> {
        self.scan(a).actor_mentions().to_vec()
    }

    /// [`Self::actor_mentions`] of a scanned document.
    pub(crate) fn mentions_in(&self, sc: &Scan) -> Vec<ActorMention> {
        let a = sc.a;
        let hits = sc.hits(layer::ACTORS);
        let cues = self.cue_counts(sc);
        let strict = self.strict_cue_counts(sc);
        let yemen = yemen_theatre(&cues);
        let mut cands: Vec<Cand> = hits
            .iter()
            .filter(|h| a.in_body(h.span))
            .filter_map(|hit| {
                let group = *self.matcher.ids(hit.phrase).first()?;
                // حماس, never الحماس ("the enthusiasm").
                if self.groups[group].indefinite && hit.article {
                    return None;
                }
                Some(Cand {
                    hit: hit.clone(),
                    group,
                    resolved: None,
                })
            })
            .collect();

        // 1. Rules decided locally.
        for c in cands.iter_mut() {
            let g = &self.groups[c.group];
            let code = g.code.clone();
            c.resolved = match g.rule {
                Rule::Name => Some((code, MentionKind::Explicit)),
                Rule::Coalition if yemen => {
                    Some(("SAUDI_COALITION".to_string(), MentionKind::Explicit))
                }
                Rule::Coalition => Some((code, MentionKind::Explicit)),
                Rule::Syrian => {
                    let c = |k| cues.get(&k).copied().unwrap_or(0);
                    let elsewhere = c(Cue::Elsewhere) + c(Cue::Iraq) + c(Cue::Kurdistan);
                    (elsewhere == 0 || c(Cue::Syria) > 0).then_some((code, MentionKind::Explicit))
                }
                Rule::National => {
                    national_army(&cues, &code).map(|code| (code, MentionKind::Resolved))
                }
                Rule::Qaeda => self
                    .is_qaeda(sc, &c.hit)
                    .then_some((code, MentionKind::Explicit)),
                Rule::State => (self.near(a, &c.hit, 3, &self.attack) && !is_seat(a, &c.hit))
                    .then_some((code, MentionKind::Explicit)),
                Rule::Victim => self
                    .is_victim(a, &c.hit)
                    .then_some((code, MentionKind::Victim)),
                _ => None,
            };
        }

        // 2. Context rules.
        let explicit: Vec<(usize, String)> = cands
            .iter()
            .filter_map(|c| {
                c.resolved
                    .as_ref()
                    .map(|(code, _)| (c.hit.span.start, code.clone()))
            })
            .collect();
        let named = |code: &str| explicit.iter().any(|(_, c)| c == code);
        let cue = |k: Cue| cues.get(&k).copied().unwrap_or(0);
        for c in cands.iter_mut() {
            let g = &self.groups[c.group];
            c.resolved = match g.rule {
                Rule::Kurdish => {
                    let krg = (named("KRG") || cue(Cue::Kurdistan) > 0)
                        && !named("SDF")
                        && cue(Cue::Iraq) >= cue(Cue::Syria);
                    let code = if krg { "KRG" } else { "SDF" };
                    Some((code.to_string(), MentionKind::Resolved))
                }
                Rule::Army if c.hit.article && self.free_follower(a, &c.hit) => {
                    resolve_army(&explicit, c.hit.span.start, &cue)
                        .map(|code| (code, MentionKind::Resolved))
                }
                Rule::Cued if !c.hit.article || self.free_follower(a, &c.hit) => {
                    let kinds = g.cue.as_deref().unwrap_or("");
                    let cued = kinds.split('|').filter_map(cue_kind).any(|k| {
                        let n = strict.get(&k).copied().unwrap_or(0);
                        // Hezbollah's Islamic Resistance, not Iraq's.
                        n > 0 && (k != Cue::Lebanon || n > cue(Cue::Iraq))
                    });
                    (named(&g.code) || cued).then(|| (g.code.clone(), MentionKind::Resolved))
                }
                Rule::Regime if c.hit.article && self.free_follower(a, &c.hit) => {
                    let syrian = named("SYR_GOV")
                        || (cue(Cue::Syria) > 0 && cue(Cue::Syria) >= cue(Cue::Iraq));
                    syrian.then(|| ("SYR_GOV".to_string(), MentionKind::Resolved))
                }
                _ => c.resolved.take(),
            };
        }

        // 3. Anaphors, in text order.
        let mut seen: Vec<String> = Vec::new();
        for c in cands.iter_mut() {
            let g = &self.groups[c.group];
            if g.rule == Rule::Anaphor {
                let free = c.hit.article && self.free_follower(a, &c.hit);
                c.resolved = if g.code == "US_COALITION" && yemen {
                    // Bare التحالف in an article about Yemen is the Saudi-led one.
                    free.then(|| ("SAUDI_COALITION".to_string(), MentionKind::Resolved))
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

        cands
            .into_iter()
            .filter_map(|c| {
                let (code, kind) = c.resolved?;
                Some(ActorMention {
                    code,
                    span: c.hit.span,
                    term: surface(a, &c.hit),
                    kind,
                    side: self.groups[c.group].side,
                    group: c.group,
                })
            })
            .collect()
    }

    /// Every distinct actor the body mentions, once per code, in order of first
    /// mention, with the distinct terms used for it.
    pub fn actors(&self, a: &Analysis) -> Vec<Actor> {
        self.scan(a).actors()
    }

    /// [`Self::actors`] of a scanned document.
    pub(crate) fn actors_in(&self, sc: &Scan) -> Vec<Actor> {
        let mut out: Vec<Actor> = Vec::new();
        let mut term_keys: Vec<Vec<String>> = Vec::new();
        for m in sc.actor_mentions() {
            let i = match out.iter().position(|x| x.id == m.code) {
                Some(i) => i,
                None => {
                    out.push(Actor {
                        name: self.label(&m.code).to_string(),
                        id: m.code.clone(),
                        spans: Vec::new(),
                        terms: Vec::new(),
                    });
                    term_keys.push(Vec::new());
                    out.len() - 1
                }
            };
            out[i].spans.push(m.span);
            let k = crate::lexicon::key(&m.term);
            if !term_keys[i].contains(&k) {
                term_keys[i].push(k);
                out[i].terms.push(m.term.clone());
            }
        }
        out
    }

    /// Counts of country cues in the body (and the Yemen cue of `cue` groups).
    fn cue_counts(&self, sc: &Scan) -> FxHashMap<Cue, usize> {
        let a = sc.a;
        let mut counts: FxHashMap<Cue, usize> = FxHashMap::default();
        for h in sc.hits(layer::CUES) {
            if !a.in_body(h.span) {
                continue;
            }
            if let Some(&i) = self.matcher.ids(h.phrase).first() {
                let kind = self.cue_kinds[i];
                *counts.entry(kind).or_default() += 1;
                // Yemen and Libya are wars outside Syria and Iraq.
                if matches!(kind, Cue::Yemen | Cue::Libya) {
                    *counts.entry(Cue::Elsewhere).or_default() += 1;
                }
            }
        }
        for h in sc.hits(layer::ACTORS) {
            if !a.in_body(h.span) {
                continue;
            }
            for &gi in self.matcher.ids(h.phrase) {
                let g = &self.groups[gi];
                if g.rule == Rule::Cue && g.cue.as_deref() == Some("elsewhere") {
                    *counts.entry(Cue::Elsewhere).or_default() += 1;
                }
                // Explicit names of forces are cues too (not the words that
                // need a cue themselves).
                if !matches!(g.rule, Rule::Name) {
                    continue;
                }
                if let Some((_, kinds)) = CODE_CUES.iter().find(|(c, _)| *c == g.code) {
                    for k in kinds.iter() {
                        *counts.entry(*k).or_default() += 1;
                    }
                }
            }
        }
        counts
    }

    /// Cue counts for the `cued` rule: [`Self::cue_counts`] without the cue
    /// words inside an actor term (الاحتلال of طيران الاحتلال الروسي is no
    /// sign of Israel).
    fn strict_cue_counts(&self, sc: &Scan) -> FxHashMap<Cue, usize> {
        let a = sc.a;
        let actors = sc.hits(layer::ACTORS);
        let inside = |sp: Span| {
            actors
                .iter()
                .any(|h| h.span.start <= sp.start && sp.end <= h.span.end && h.span != sp)
        };
        let mut counts = self.cue_counts(sc);
        for h in sc.hits(layer::CUES) {
            if !a.in_body(h.span) || !inside(h.span) {
                continue;
            }
            if let Some(&i) = self.matcher.ids(h.phrase).first() {
                if let Some(n) = counts.get_mut(&self.cue_kinds[i]) {
                    *n = n.saturating_sub(1);
                }
            }
        }
        counts
    }

    /// The word after a bare actor word is not an adjective that makes it
    /// something else (التنظيم الإداري), unless allowed (التنظيم الإرهابي).
    fn free_follower(&self, a: &Analysis, hit: &Hit) -> bool {
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
        // Adjectives: nisbas (الإداري، اللبنانية) and a few common ones.
        let adjective = w.starts_with("ال")
            && (w.ends_with('ي') || w.ends_with("يه") || ADJECTIVES.contains(&w));
        !adjective || self.followers.contains(w)
    }

    /// A word of `set` occurs within `window` tokens of the hit, in its sentence.
    fn near(
        &self,
        a: &Analysis,
        hit: &Hit,
        window: usize,
        set: &rustc_hash::FxHashSet<String>,
    ) -> bool {
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

    /// Bare القاعدة is al-Qaeda (`لتنظيمي "الدولة الإسلامية" و"القاعدة"`)
    /// when it is quoted or the article names another jihadist group, unless
    /// an adjective follows (القاعدة الجوية) or the article speaks of a base
    /// (`قاعدة العند`، `قواعد`), which bare القاعدة then refers back to.
    fn is_qaeda(&self, sc: &Scan, hit: &Hit) -> bool {
        let a = sc.a;
        if !hit.article || !self.free_follower(a, hit) {
            return false;
        }
        let s = a.key_str();
        // قاعدة without the article (قاعدة العند، بقاعدة), or قواعد.
        let base = a.tokens().iter().any(|t| {
            let w = t.text(s);
            clitic::readings(w).iter().any(|r| {
                let prefix = &w[..w.len() - r.bare.len()];
                r.bare == "قواعد"
                    || r.bare == "قاعده" && !prefix.ends_with("ال") && !prefix.ends_with("لل")
            })
        });
        if base {
            return false;
        }
        let t0 = &a.tokens()[hit.tokens.start];
        let quoted = s[..t0.start].trim_end().ends_with(['"', '«', '“', '\'']);
        let jihadist = sc.hits(layer::ACTORS).iter().any(|h| {
            self.matcher.ids(h.phrase).iter().any(|&gi| {
                let g = &self.groups[gi];
                g.rule == Rule::Name && matches!(g.code.as_str(), "ISIS" | "HTS" | "AL_QAEDA")
            })
        });
        quoted || jihadist
    }

    fn is_victim(&self, a: &Analysis, hit: &Hit) -> bool {
        // A singular adjective with the article is an attribute (الدفاع المدني).
        let key = self.matcher.key(hit.phrase);
        if hit.article && !key.contains(' ') && key.ends_with('ي') && key != "اهالي" {
            return false;
        }
        let toks = a.tokens();
        let s = a.key_str();
        let lo = hit.tokens.start.saturating_sub(2);
        let witness = (lo..hit.tokens.start).any(|i| word_in(toks[i].text(s), &self.witness));
        !witness && self.near(a, hit, self.victim_window, &self.harm)
    }
}

/// True when the word, or one of its clitic readings, is in `set`.
pub(crate) fn word_in(word: &str, set: &rustc_hash::FxHashSet<String>) -> bool {
    if set.contains(word) {
        return true;
    }
    clitic::readings(word).iter().any(|r| set.contains(r.bare))
}

/// The cue kind named in a `cued` group's `cue` (`israel`, `lebanon`).
fn cue_kind(name: &str) -> Option<Cue> {
    match name.trim() {
        "israel" => Some(Cue::Israel),
        "lebanon" => Some(Cue::Lebanon),
        "syria" => Some(Cue::Syria),
        "iraq" => Some(Cue::Iraq),
        "turkey" => Some(Cue::Turkey),
        "yemen" => Some(Cue::Yemen),
        "libya" => Some(Cue::Libya),
        "egypt" => Some(Cue::Egypt),
        _ => None,
    }
}

/// The national army a bare army word refers to: the one the article names
/// (nearest before it, else first after), else the country the article is
/// about; None when nothing tells.
fn resolve_army(
    explicit: &[(usize, String)],
    at: usize,
    cue: &dyn Fn(Cue) -> usize,
) -> Option<String> {
    let armies: Vec<&(usize, String)> = explicit
        .iter()
        .filter(|(_, c)| ARMY_CODES.contains(&c.as_str()))
        .collect();
    if let Some((_, c)) = armies.iter().rev().find(|(p, _)| *p < at) {
        return Some(c.clone());
    }
    if let Some((_, c)) = armies.first() {
        return Some(c.clone());
    }
    let ranked = [
        (cue(Cue::Syria), "SYR_GOV"),
        (cue(Cue::Iraq), "IRAQ_GOV"),
        (cue(Cue::Israel), "ISRAEL"),
        (cue(Cue::Turkey), "TURKEY"),
        (cue(Cue::Yemen), "YEMEN_GOV"),
        (cue(Cue::Libya), "LBY_GOV"),
        (cue(Cue::Egypt), "EGY_GOV"),
        (cue(Cue::Lebanon), "LBN_GOV"),
    ];
    let best = ranked.iter().max_by_key(|(n, _)| *n)?;
    let ties = ranked.iter().filter(|(n, _)| *n == best.0).count();
    (best.0 > 0 && ties == 1).then(|| best.1.to_string())
}

/// The article is about Yemen: its Yemen cues (places, the Houthis, the
/// Saudi-led coalition) outnumber those of Syria and Iraq (`قوات التحالف`
/// there is the Saudi-led coalition; a Syrian report that names Yemen once is
/// not about it).
fn yemen_theatre(cues: &FxHashMap<Cue, usize>) -> bool {
    let c = |k| cues.get(&k).copied().unwrap_or(0);
    c(Cue::Yemen) > 0 && c(Cue::Yemen) > c(Cue::Syria) + c(Cue::Iraq)
}

/// Bare الجيش الوطني: the SNA in an article about Syria (or about no other
/// war), the Yemeni army in one about Yemen (`الجيش الوطني يستعيد مواقع في
/// مأرب`), Haftar's LNA in one about Libya; nothing in another war (Sudan).
fn national_army(cues: &FxHashMap<Cue, usize>, syrian: &str) -> Option<String> {
    let c = |k| cues.get(&k).copied().unwrap_or(0);
    let syria = c(Cue::Syria);
    if c(Cue::Yemen) > syria && c(Cue::Yemen) >= c(Cue::Libya) {
        return Some("YEMEN_GOV".to_string());
    }
    if c(Cue::Libya) > syria {
        return Some("LNA".to_string());
    }
    let elsewhere = c(Cue::Elsewhere) + c(Cue::Iraq) + c(Cue::Kurdistan);
    (elsewhere == 0 || syria > 0).then(|| syrian.to_string())
}

/// The country is the seat of a body (`ومقره لندن`، `التي تتخذ من لندن
/// مقرا`), not an actor.
fn is_seat(a: &Analysis, hit: &Hit) -> bool {
    let s = a.key_str();
    let toks = a.tokens();
    let before = |d: usize| {
        hit.tokens
            .start
            .checked_sub(d)
            .map(|i| toks[i].text(s))
            .unwrap_or("")
    };
    let seat = |w: &str| {
        let w = w.strip_prefix('و').unwrap_or(w);
        matches!(w, "مقره" | "مقرها" | "مقرهم" | "ومقره")
    };
    let after = toks.get(hit.tokens.end).map(|t| t.text(s)).unwrap_or("");
    seat(before(1)) || (before(1) == "من" && matches!(after, "مقرا" | "مقر"))
}
