//! Who did what to whom: actor1 (the subject of the verb, or the agent of an
//! attack noun: هجوم لـX، غارات X، من قبل X), actor2 (the target after على،
//! ضد، مواقع، حواجز; the object of a transitive verb; the other side of a
//! clash after مع; the side whose people were hit) and associated actors
//! (بدعم من، بمساندة، بغطاء جوي من). After a repel verb (صد، تصدى) the roles
//! turn: the attacker is actor1, the subject actor2.

use crate::context::{within, Ctx, Mention};
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
        .filter(|&t| ctx.time_at(t).is_none())
        .filter(|&t| ctx.actor_at(t).is_none())
        .count();
    words > SUBJECT_REACH
}

/// Words before an actor mention a trigger or role marker may stand and
/// give its role (`بدعم من قوات`، `غارات لطائرات`).
const MARKER_REACH: usize = 3;
/// Words after an attack noun an owner with ل may stand and be its agent
/// (`هجوم مسلح مباغت للفصيل`).
const OWNER_REACH: usize = 4;
/// Words before an actor a background word makes it no subject (`بعد
/// انسحاب قوات`).
const BACKGROUND_BEFORE: usize = 2;

/// What the words before the actor mention at tokens `m0..` say about it
/// (`mspan_start`: where the mention starts inside its first token), and
/// whether aircraft were named as its agent.
fn part_of(
    ctx: &Ctx,
    t0: usize,
    m0: usize,
    mspan_start: usize,
    trig: &[(usize, usize, &Trigger)],
) -> (Part, bool) {
    if in_struck_object(ctx, t0, m0, trig) {
        return (Part::Target, false);
    }
    let lo = m0.saturating_sub(MARKER_REACH).max(t0);
    let mut p = m0;
    while p > lo {
        if ctx.punct[p] {
            break;
        }
        p -= 1;
        if let Some(&(_, _, tr)) = trig.iter().find(|(a, b, _)| *a <= p && p < *b) {
            // right after a verb: its subject; after an attack noun: its agent
            if p + 1 == m0 {
                let part = if tr.flags.verb {
                    Part::Subject
                } else {
                    Part::Agent
                };
                return (part, false);
            }
            continue;
        }
        if let Some(found) = marked(ctx, t0, m0, p) {
            return found;
        }
    }
    if owner_with_lam(ctx, m0, mspan_start) {
        let noun_before = trig
            .iter()
            .any(|(a, b, _)| *b <= m0 && m0 - *b <= OWNER_REACH && *a < m0);
        return (if noun_before { Part::Agent } else { Part::Skip }, false);
    }
    (Part::Subject, false)
}

/// Words between a targeting verb and an actor inside its object
/// (`غارة استهدفت شحنة قذائف عائدة لقوات الفصيل`).
const OBJECT_REACH: usize = 8;

/// `غارة استهدفت شحنة قذائف عائدة لقوات الفصيل`: a targeting verb whose subject,
/// an attack noun, stands right before it (SVO) has the words after it for
/// its object: an actor there within [`OBJECT_REACH`] words, with no other
/// verb or punctuation between and not after an agent word (`شنتها`), was
/// struck.
fn in_struck_object(ctx: &Ctx, t0: usize, m0: usize, trig: &[(usize, usize, &Trigger)]) -> bool {
    let lo = m0.saturating_sub(OBJECT_REACH).max(t0 + 1);
    let Some(v) = (lo..m0).rev().find(|&v| targeting_verb(ctx.word(v))) else {
        return false;
    };
    let subject_before = trig.iter().any(|(_, b, tr)| *b == v && !tr.flags.verb);
    let clear = (v + 1..m0).all(|t| !ctx.punct[t])
        && !trig
            .iter()
            .any(|(a, _, tr)| v < *a && *a < m0 && tr.flags.verb);
    let agent = m0 > 0 && matches!(ctx.marker_at(m0 - 1), Some(Marker::Agent | Marker::Air));
    subject_before && clear && !agent
}

/// The part the role marker at token `p` gives the actor at `m0`, if `p`
/// is a marker (see `data/events/markers.toml`).
fn marked(ctx: &Ctx, t0: usize, m0: usize, p: usize) -> Option<(Part, bool)> {
    let part = match ctx.marker_at(p)? {
        // استهدفت قوات النظام القرى: a targeting verb with no actor before
        // it in the clause has its subject after it
        Marker::Target
            if p + 1 == m0
                && targeting_verb(ctx.word(p))
                && within(&ctx.actors, t0, p, |m| m.start).is_empty() =>
        {
            Part::Subject
        }
        Marker::Target | Marker::Partner | Marker::Victim => Part::Target,
        Marker::Support => Part::Support,
        Marker::Agent => Part::Agent,
        Marker::Air => return Some((Part::Agent, true)),
        Marker::Negated | Marker::Source => Part::Skip,
        // read for the whole clause (see `roles`)
        Marker::Accuse => return None,
        Marker::Between => Part::Between,
    };
    Some((part, false))
}

/// True when the actor mention at `m0` carries the preposition ل on its own
/// word (`لقوات`، `للتنظيم`): the owner of a noun.
fn owner_with_lam(ctx: &Ctx, m0: usize, mspan_start: usize) -> bool {
    let tok = &ctx.toks[m0];
    let lead = key(ctx.a.slice(rasad_record::Span::new(
        tok.span.start,
        mspan_start.max(tok.span.start),
    )));
    let word = ctx.word(m0);
    lead.ends_with(clitic::LAM)
        || (lead.is_empty() && word.starts_with(clitic::LAM) && clitic::has_article(word))
}

/// The roles read so far in a clause.
#[derive(Default)]
struct Reading {
    roles: Roles,
    /// The first actor read as a subject.
    subject: Option<String>,
    /// End token and part of the last actor read.
    prev: Option<(usize, Part)>,
}

/// The verbs of the clause's triggers: where the first starts, and the
/// first (by start) with its end.
struct Verbs {
    at: Option<usize>,
    first: Option<(usize, usize)>,
    repel: bool,
}

impl Verbs {
    fn of(trig: &[(usize, usize, &Trigger)]) -> Verbs {
        let verbs = || trig.iter().filter(|(_, _, t)| t.flags.verb);
        Verbs {
            at: verbs().map(|(a, _, _)| *a).min(),
            first: verbs().map(|(a, b, _)| (*a, *b)).min(),
            repel: trig.iter().any(|(_, _, t)| t.flags.repel),
        }
    }
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
    let verbs = Verbs::of(trig);
    let mut rd = Reading::default();
    // `اتهمت وسائل الإعلام التي يديرها الفصيل الكتيبة بشن الهجوم`: after an
    // accusation verb the first actor accuses and has no role; one named
    // right after it is accused of the act: its agent, as alleged.
    let accuse = (t0..t1).find(|&t| matches!(ctx.marker_at(t), Some(Marker::Accuse)));
    // an accuser told before the verb (الفصيل يتهم الكتيبة)
    let mut accuser_end = accuse
        .filter(|&v| {
            within(&ctx.actors, t0, v, |m| m.start)
                .iter()
                .any(|m| m.end == v)
        })
        .map(|v| v + 1);
    for m in within(&ctx.actors, t0, t1, |m| m.start) {
        let id = ctx.actor_id(m).to_string();
        if ctx.negated(m.start) || id.is_empty() {
            continue;
        }
        let (mut part, air) = part_of(ctx, t0, m.start, m.span.start, trig);
        let plain = matches!(part, Part::Subject | Part::Agent | Part::Skip);
        if accuse.is_some_and(|v| v < m.start) && id != "CIVILIANS" && plain {
            match accuser_end {
                None => {
                    part = Part::Skip;
                    accuser_end = Some(m.end);
                }
                // the accused follows its accuser (اتهم الفصيل الكتيبة)
                Some(e) if m.start == e => part = Part::Agent,
                Some(_) => {}
            }
        }
        let part = adjusted(ctx, m, &id, part, rd.prev, victims);
        rd.prev = Some((m.end, part));
        assign(ctx, &mut rd, &verbs, m.start, id, part, air);
    }
    settle(rd, verbs.repel)
}

/// The part of the actor mention `m` after what the words around it add:
/// an actor joined by و to the one before takes its part (`قوات X وY`; the
/// second side after بين is the target); an actor named as the source of the
/// news (`بحسب مصدر في الشرطة`) or accusing another (`الفصيل اتهم`) has
/// none; an actor in a victim's range or
/// civilians is the target; a subject after a background word (`بعد انسحاب
/// قوات X`) has none.
fn adjusted(
    ctx: &Ctx,
    m: &Mention,
    id: &str,
    mut part: Part,
    prev: Option<(usize, Part)>,
    victims: &[(usize, usize)],
) -> Part {
    if let Some((pend, pp)) = prev {
        let joined = ctx.word(m.start).starts_with(clitic::WA) && m.start <= pend + 1;
        if joined && part == Part::Subject {
            part = if pp == Part::Between {
                Part::Target
            } else {
                pp
            };
        }
    }
    let accuser = in_speaker(ctx, m.start)
        || m.end < ctx.punct.len()
            && matches!(ctx.marker_at(m.end), Some(Marker::Accuse))
            && !ctx.punct[m.end];
    if accuser || ctx.source_at(m.start).is_some() {
        part = Part::Skip;
    }
    if in_victims(ctx, m.start, victims) || id == "CIVILIANS" {
        part = Part::Target;
    }
    if part == Part::Subject {
        let lo = m
            .start
            .saturating_sub(BACKGROUND_BEFORE)
            .max(ctx.segment(m.start).0);
        if ctx
            .cues_in(Cue::Background, lo, m.start)
            .iter()
            .any(|c| c.end <= m.start)
        {
            part = Part::Skip;
        }
    }
    part
}

/// Words a speaker's description may run between the speech verb opening
/// the sentence and `إن`.
const SPEAKER_WORDS: usize = 10;

/// `وقال مسعفون من البلدة التي تحكمها الكتيبة إن …`: token `t` lies
/// in the description of the speaker of a sentence opened by a speech verb,
/// before the `إن` (within [`SPEAKER_WORDS`]) that opens what was said: no
/// party to the act.
fn in_speaker(ctx: &Ctx, t: usize) -> bool {
    let Some(si) = ctx.sent_of_tok(t) else {
        return false;
    };
    let s0 = ctx.sents[si].t0;
    let opened = ctx
        .cues_in(Cue::Elaboration, s0, s0 + 1)
        .iter()
        .any(|h| h.start == s0);
    let complementizer = &crate::grammar::grammar().complementizer;
    let is_that = |k: usize| complementizer.contains(ctx.word(k));
    let end = (s0 + SPEAKER_WORDS).min(ctx.sents[si].t1);
    let that = (s0 + 1..end).find(|&k| is_that(k));
    opened && that.is_some_and(|k| t < k)
}

/// True when token `t` names a victim's side: inside a victim range, or
/// after من that follows one, or a victim noun joined to one (`بينهم 28
/// مدنياً ومقاتلون من التنظيم`: the group of the dead; not `بهجوم شنه
/// عناصر من التنظيم`, where no victim is counted).
fn in_victims(ctx: &Ctx, t: usize, victims: &[(usize, usize)]) -> bool {
    let inside = |p: usize| victims.iter().any(|&(a, b)| a <= p && p < b);
    // a range may hold only the count: its noun follows it
    let touches = |p: usize| victims.iter().any(|&(a, b)| a <= p && p <= b + 1);
    let of_victims = t >= 1
        && crate::grammar::grammar()
            .partitive
            .contains(ctx.word(t - 1))
        && (victims.iter().any(|&(_, b)| b == t - 1)
            || ctx
                .victims
                .iter()
                .any(|v| v.end == t - 1 && touches(v.start)));
    of_victims || inside(t)
}

/// Adds actor `id` (at token `start`) in its part. The first subject is the
/// clause's subject; an actor deep in the object of a verb told before it is
/// none; a second subject after the verb is actor2.
fn assign(
    ctx: &Ctx,
    rd: &mut Reading,
    verbs: &Verbs,
    start: usize,
    id: String,
    part: Part,
    air: bool,
) {
    let r = &mut rd.roles;
    match part {
        Part::Skip => {}
        Part::Target => r.actor2.push(id),
        Part::Support => r.associated.push(id),
        Part::Between => r.actor1.push(id),
        Part::Agent => {
            r.air |= air;
            r.actor1.push(id);
        }
        Part::Subject => match &rd.subject {
            None if verbs
                .first
                .is_some_and(|(v, e)| v < start && far_after_verb(ctx, e, start)) => {}
            None => rd.subject = Some(id),
            Some(s) if *s == id => {}
            Some(_) => {
                if verbs.at.is_some_and(|v| v < start) {
                    r.actor2.push(id);
                }
            }
        },
    }
}

/// The roles once every actor is read: after a repel verb the subject
/// repelled (actor2, the attacker acted); else the subject is actor1 and the
/// agents read before become actor2.
fn settle(rd: Reading, repel: bool) -> Roles {
    let mut r = rd.roles;
    if repel {
        if let Some(s) = rd.subject {
            r.actor2.insert(0, s);
        }
    } else if let Some(s) = rd.subject {
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
