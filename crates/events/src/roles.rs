//! Who did what to whom: actor1 (the subject of the verb, or the agent of an
//! attack noun: هجوم لـX، غارات X، من قبل X), actor2 (the target after على،
//! ضد، مواقع، حواجز; the object of a transitive verb; the other side of a
//! clash after مع; the side whose people were hit) and associated actors
//! (بدعم من، بمساندة، بغطاء جوي من). After a repel verb (صد، تصدى) the roles
//! turn: the attacker is actor1, the subject actor2.

use crate::context::{within, Ctx};
use crate::lexicon::{Cue, Marker, Trigger};
use rasad_text::{clitic, key};

/// Actors that only strike from the air in this domain.
pub const AIR_ACTORS: &[&str] = &["US_COALITION", "RUSSIA"];

/// The actors of one event, by role, without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    pub actor1: Vec<String>,
    pub actor2: Vec<String>,
    pub associated: Vec<String>,
    /// Aircraft were named as the agent (طائرات X، طيران X).
    pub air: bool,
}

impl Roles {
    /// Every actor code in any role.
    pub fn all(&self) -> impl Iterator<Item = &String> {
        self.actor1
            .iter()
            .chain(&self.actor2)
            .chain(&self.associated)
    }
    /// True when `id` has any role.
    pub fn has(&self, id: &str) -> bool {
        self.all().any(|x| x == id)
    }
    fn clean(&mut self) {
        dedup(&mut self.actor1);
        let a1 = self.actor1.clone();
        self.actor2.retain(|x| !a1.contains(x));
        dedup(&mut self.actor2);
        let a2 = self.actor2.clone();
        self.associated
            .retain(|x| !a1.contains(x) && !a2.contains(x));
        dedup(&mut self.associated);
    }
}

fn dedup(v: &mut Vec<String>) {
    let mut seen = Vec::new();
    v.retain(|x| {
        if seen.contains(x) {
            false
        } else {
            seen.push(x.clone());
            true
        }
    });
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Subject,
    Agent,
    Target,
    Support,
    Skip,
    /// The first side after بين: actor1; the one joined to it by و: actor2.
    Between,
}

/// A perfect verb of targeting (استهدف، استهدفت، استهدفوا), not the noun.
fn targeting_verb(word: &str) -> bool {
    clitic::readings(word)
        .iter()
        .any(|r| crate::grammar::grammar().targeting_verb.contains(r.bare))
}

/// Words (times left out) between a verb and a subject after it (VSO).
const SUBJECT_REACH: usize = 2;

/// True when the actor mention at `m0` stands too far after the verb at
/// `v` to be its subject (ألقت مفارز الاستخبارات القبض على متهمين … لعوائل
/// عناصر التنظيم): more than [`SUBJECT_REACH`] words that are not a time.
fn far_after_verb(ctx: &Ctx, v_end: usize, m0: usize) -> bool {
    let words = (v_end..m0)
        .filter(|&t| !ctx.times.iter().any(|x| x.start <= t && t < x.end))
        .filter(|&t| !ctx.actors.iter().any(|x| x.start <= t && t < x.end))
        .count();
    words > SUBJECT_REACH
}

/// What the words before the actor mention at tokens `m0..` say about it.
fn part_of(
    ctx: &Ctx,
    t0: usize,
    m0: usize,
    mspan_start: usize,
    trig: &[(usize, usize, &Trigger)],
) -> (Part, bool) {
    let lo = m0.saturating_sub(3).max(t0);
    let mut p = m0;
    while p > lo {
        if ctx.punct[p] {
            break;
        }
        p -= 1;
        if let Some(&(_, _, tr)) = trig.iter().find(|(a, b, _)| *a <= p && p < *b) {
            if p + 1 == m0 {
                return if tr.flags.verb {
                    (Part::Subject, false)
                } else {
                    (Part::Agent, false)
                };
            }
            continue;
        }
        match ctx.marker_at(p) {
            // استهدفت قوات النظام القرى: a targeting verb with no actor
            // before it in the clause has its subject after it
            Some(Marker::Target)
                if p + 1 == m0
                    && targeting_verb(ctx.word(p))
                    && within(&ctx.actors, t0, p, |m| m.start).is_empty() =>
            {
                return (Part::Subject, false)
            }
            Some(Marker::Target | Marker::Partner | Marker::Victim) => {
                return (Part::Target, false)
            }
            Some(Marker::Support) => return (Part::Support, false),
            Some(Marker::Agent) => return (Part::Agent, false),
            Some(Marker::Air) => return (Part::Agent, true),
            Some(Marker::Negated | Marker::Source) => return (Part::Skip, false),
            Some(Marker::Between) => return (Part::Between, false),
            None => {}
        }
    }
    // the preposition ل on the mention's own word: the owner of a noun
    let tok = &ctx.toks[m0];
    let lead = key(ctx.a.slice(rasad_record::Span::new(
        tok.span.start,
        mspan_start.max(tok.span.start),
    )));
    let word = ctx.word(m0);
    let lam = lead.ends_with(clitic::LAM)
        || (lead.is_empty() && word.starts_with(clitic::LAM) && clitic::has_article(word));
    if lam {
        let noun_before = trig
            .iter()
            .any(|(a, b, _)| *b <= m0 && m0 - *b <= 4 && *a < m0);
        return (if noun_before { Part::Agent } else { Part::Skip }, false);
    }
    (Part::Subject, false)
}

/// Reads the roles in tokens `t0..t1`. `trig` are the clause's triggers
/// (token range and entry); `victims` are token ranges naming the side of a
/// casualty claim (they are actor2).
pub fn roles(
    ctx: &Ctx,
    t0: usize,
    t1: usize,
    trig: &[(usize, usize, &Trigger)],
    victims: &[(usize, usize)],
) -> Roles {
    let repel = trig.iter().any(|(_, _, t)| t.flags.repel);
    let verb_at = trig
        .iter()
        .filter(|(_, _, t)| t.flags.verb)
        .map(|(a, _, _)| *a)
        .min();
    let verb_end = trig
        .iter()
        .filter(|(_, _, t)| t.flags.verb)
        .map(|(a, b, _)| (*a, *b))
        .min();
    let mut r = Roles::default();
    let mut subject: Option<String> = None;
    let mut prev: Option<(usize, Part)> = None;
    for m in within(&ctx.actors, t0, t1, |m| m.start) {
        if ctx.negated(m.start) {
            continue;
        }
        let id = ctx.actor_id(m).to_string();
        if id.is_empty() {
            continue;
        }
        let (mut part, air) = part_of(ctx, t0, m.start, m.span.start, trig);
        let w = ctx.word(m.start);
        if let Some((pend, pp)) = prev {
            if w.starts_with(clitic::WA) && m.start <= pend + 1 && part == Part::Subject {
                part = if pp == Part::Between {
                    Part::Target
                } else {
                    pp
                };
            }
        }
        // named as the source of the news (بحسب مصدر في الشرطة العراقية)
        if ctx
            .sources
            .iter()
            .any(|s| s.start <= m.start && m.start < s.end)
        {
            part = Part::Skip;
        }
        if victims.iter().any(|(a, b)| *a <= m.start && m.start < *b) || id == "CIVILIANS" {
            part = Part::Target;
        }
        // an actor in a background phrase (بعد إخلاء قوات النظام) is not the subject
        if part == Part::Subject {
            let lo = m.start.saturating_sub(2).max(ctx.segment(m.start).0);
            if ctx
                .cues_in(Cue::Background, lo, m.start)
                .iter()
                .any(|c| c.end <= m.start)
            {
                part = Part::Skip;
            }
        }
        prev = Some((m.end, part));
        match part {
            Part::Skip => {}
            Part::Target => r.actor2.push(id),
            Part::Support => r.associated.push(id),
            Part::Between => r.actor1.push(id),
            Part::Agent => {
                r.air |= air;
                r.actor1.push(id);
            }
            Part::Subject => match &subject {
                // an actor deep in the object of a verb told before it is
                // not its subject
                None if verb_end
                    .is_some_and(|(v, e)| v < m.start && far_after_verb(ctx, e, m.start)) => {}
                None => subject = Some(id),
                Some(s) if *s == id => {}
                Some(_) => {
                    if verb_at.is_some_and(|v| v < m.start) {
                        r.actor2.push(id);
                    }
                }
            },
        }
    }
    if repel {
        // the attacker (agent of the attack noun) acted; the subject repelled
        if let Some(s) = subject {
            r.actor2.insert(0, s);
        }
    } else if let Some(s) = subject {
        let agents = std::mem::take(&mut r.actor1);
        r.actor1.push(s);
        for a in agents {
            if !r.actor1.contains(&a) {
                r.actor2.push(a);
            }
        }
    }
    r.clean();
    r
}
