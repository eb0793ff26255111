//! Event candidates: the triggers of each clause that survive the discipline
//! rules (negation, plans and threats, generic statements, background
//! wording, breakdowns of a casualty count), grouped by ACLED type, typed
//! with the strongest trigger and refined by who acted and who was hit.

use crate::casualty::Claim;
use crate::clause::Clause;
use crate::context::{within, Ctx};
use crate::grammar::{self, grammar};
use crate::lexicon::{Cue, Hit, Trigger};
use crate::roles::{self, Roles, AIR_ACTORS};
use rasad_record::CasualtyKind;

/// Government forces: territory they take is regained.
const GOV: &[&str] = &["SYR_GOV", "IRAQ_GOV", "PMF"];

/// A trigger that survived the discipline rules.
#[derive(Debug, Clone, Copy)]
pub struct Live<'l> {
    pub hit: Hit,
    pub trig: &'l Trigger,
    /// Strong triggers make events; weak ones only type them.
    pub strong: bool,
}

/// The triggers of a clause that describe something that happened.
/// `breakdown` are token ranges of sub-counts (their words are no event).
pub fn live<'l>(
    ctx: &Ctx<'l>,
    cl: &Clause,
    breakdown: &[(usize, usize)],
    tally_sentence: bool,
) -> Vec<Live<'l>> {
    let lx = ctx.lx;
    let mut out = Vec::new();
    // a cumulative tally lists what caused its dead (في القصف والاشتباكات …):
    // no event of its own
    if tally_sentence {
        return out;
    }
    for h in within(&ctx.triggers, cl.t0, cl.t1, |h| h.start) {
        let Some(tr) = lx.triggers.get(h.payload) else {
            continue;
        };
        // a habitual or sweeping statement, in the trigger's segment or
        // opening the clause
        let (g0, g1) = ctx.segment(h.start);
        if ctx.has_cue(Cue::Generic, g0, g1) || ctx.has_cue(Cue::Generic, cl.t0, cl.t0 + 2) {
            continue;
        }
        if ctx.negated(h.start) || crate::nonevents::dropped(ctx, cl.t0, h, tr) {
            continue;
        }
        if ctx
            .cues_in(Cue::NonEvent, cl.t0, h.start)
            .iter()
            .any(|c| c.end <= h.start)
        {
            continue;
        }
        if modal_before(ctx, cl.t0, h.start) {
            continue;
        }
        // a denial of "any" act (نفى وقوع أي قصف) denies that anything happened
        if any_denied(ctx, cl.t0, h.start) {
            continue;
        }
        // ground taken needs ground: a territory verb whose object is no
        // place, force or position (استولوا على هواتفهم) takes no territory
        if tr.flags.ground_object && !territorial_object(ctx, h.end, seg_end(ctx, h.start)) {
            continue;
        }
        if breakdown.iter().any(|(a, b)| *a <= h.start && h.start < *b) {
            continue;
        }
        // captives released (أفرجت عن عشرين كانت قد اعتقلتهم): the capture
        // told after the release is its background
        if matches!(
            tr.subtype.as_str(),
            "arrests" | "abduction_forced_disappearance"
        ) && ctx
            .cues_in(Cue::Release, cl.t0, h.start)
            .iter()
            .any(|c| c.end <= h.start)
        {
            continue;
        }
        // an act word qualifying a noun (مذكرة احتجاج، ناشط في
        // الاحتجاجات، مركز المصالحة) names a document, a person or a body
        if held(ctx, cl.t0, h.start) {
            continue;
        }
        let seg = ctx.segment(h.start);
        let lo = h.start.saturating_sub(3).max(seg.0);
        // a background word governs the first act after it (عقب الهجوم): an
        // act told after a definite one is the news (عقب الهجوم غارات); one
        // in construct with it is the same act (بعد تفجير عبوة)
        let background = ctx.cues_in(Cue::Background, lo, h.start).iter().any(|c| {
            c.end <= h.start
                && within(&ctx.triggers, c.end, h.start, |x| x.start)
                    .iter()
                    .all(|x| !ctx.definite(x.start))
        });
        let rel_lo = h.start.saturating_sub(3).max(cl.t0);
        let relative = ctx
            .cues_in(Cue::Relative, rel_lo, h.start)
            .iter()
            .any(|c| c.end <= h.start);
        // a weapon named as backing (بدعم من المدفعية، بغطاء من الطيران) is no event of its own
        let backing = (h.start.saturating_sub(3).max(seg.0)..h.start).any(|p| {
            matches!(ctx.marker_at(p), Some(crate::lexicon::Marker::Support))
                && !ctx.actors.iter().any(|m| m.end > p && m.end <= h.start)
        });
        let mut strong = !tr.flags.weak && !cl.relative && !background && !relative && !backing;
        if tr.flags.weak && tr.flags.territory && !cl.relative && !background && !relative {
            let rlo = h.start.saturating_sub(5).max(seg.0);
            if ctx
                .cues_in(Cue::Reporting, rlo, h.start)
                .iter()
                .any(|c| c.end <= h.start)
            {
                strong = true;
            }
        }
        out.push(Live {
            hit: *h,
            trig: tr,
            strong,
        });
    }
    // air defences that repelled missiles or an air raid (تصدت للصواريخ،
    // تصدت وسائط الدفاع الجوي لعدوان جوي): part of the strike
    let repelled: Vec<usize> = out
        .iter()
        .filter(|l| l.trig.flags.repel)
        .filter(|l| {
            let end = seg_end(ctx, l.hit.start);
            out.iter().any(|x| {
                x.trig.kind == "explosions_remote_violence"
                    && x.hit.start >= l.hit.end
                    && x.hit.start < end
            })
        })
        .map(|l| l.hit.start)
        .collect();
    for l in out.iter_mut() {
        if repelled
            .iter()
            .any(|&r| l.hit.start == r || (l.hit.start > r && l.hit.start <= r + 2))
        {
            l.strong = false;
        }
    }
    if out.iter().any(|l| l.trig.flags.defuse) {
        out.retain(|l| l.trig.kind != "explosions_remote_violence");
    }
    out
}

/// True when `أي` (any) stands right before the trigger at `t`, or one word
/// before it, after a denial or negation earlier in the clause.
fn any_denied(ctx: &Ctx, t0: usize, t: usize) -> bool {
    let is_any = |p: usize| grammar().any.contains(ctx.word(p));
    let lo = t.saturating_sub(2).max(t0);
    let any = (lo..t).any(is_any);
    if any
        && (ctx.cues_in(Cue::Denial, t0, t).iter().any(|c| c.end <= t)
            || ctx.cues_in(Cue::Negation, t0, t).iter().any(|c| c.end <= t))
    {
        return true;
    }
    // a denial of "any" tie to the act (نفت أي علاقة لها بعملية الخطف)
    // tells no act of its own
    ctx.cues_in(Cue::Denial, t0, t)
        .iter()
        .any(|c| c.end <= t && t - c.end <= DENIED_WORDS && (c.end..t).any(is_any))
}

/// Words between a denial and the act it denies "any" part in.
const DENIED_WORDS: usize = 6;

/// True when the act word at `t` qualifies the noun just before it,
/// directly or after في (مذكرة احتجاج، ناشط في الاحتجاجات).
fn held(ctx: &Ctx, t0: usize, t: usize) -> bool {
    let lo = t.saturating_sub(2).max(t0);
    ctx.cues_in(Cue::Holder, lo, t)
        .iter()
        .any(|c| c.end == t || (c.end + 1 == t && grammar().in_.contains(ctx.word(c.end))))
}

/// End of the segment of token `t`.
fn seg_end(ctx: &Ctx, t: usize) -> usize {
    ctx.segment(t).1
}

/// Words after a territory verb its object may take.
const OBJECT_WORDS: usize = 4;

/// A place, a force or a position (cue `territory_object`) within a few
/// words after a territory verb.
fn territorial_object(ctx: &Ctx, from: usize, end: usize) -> bool {
    // the object follows على when there is one (سيطر المسلحون على …), else
    // the verb and its subject (حررت قوات النظام القرية)
    let from = (from..end.min(from + OBJECT_WORDS))
        .find(|&t| grammar().on.contains(ctx.word(t)))
        .map(|t| t + 1)
        .or_else(|| {
            within(&ctx.actors, from, from + 1, |m| m.start)
                .first()
                .map(|m| m.end)
        })
        .unwrap_or(from);
    let to = end.min(from + OBJECT_WORDS);
    from >= to
        || !within(&ctx.places, from, to, |m| m.start).is_empty()
        || !within(&ctx.actors, from, to, |m| m.start).is_empty()
        || ctx.has_cue(Cue::TerritoryObject, from, to)
}

/// `قد` before an imperfect verb (قد يفتحه): a possibility, not a fact.
fn modal_before(ctx: &Ctx, t0: usize, t: usize) -> bool {
    ctx.cues_in(Cue::Modal, t0, t).iter().any(|c| {
        let next = ctx.word(c.end);
        c.end <= t && (next.starts_with('ي') || next.starts_with('ن'))
    })
}

/// An event read from one clause (or one sentence, for a casualty claim with
/// no trigger of its own).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub kind: String,
    pub subtype: String,
    pub sent: usize,
    pub t0: usize,
    pub t1: usize,
    /// First token of the trigger (for certainty).
    pub at: usize,
    pub roles: Roles,
    /// Indices of the claims (in the claims list) this event reports.
    pub claims: Vec<usize>,
    /// Built from a casualty claim with no trigger of its own.
    pub implied: bool,
}

/// Refines type and sub-type with the actors and the victims.
fn refine(
    kind: &mut String,
    subtype: &mut String,
    top: &Trigger,
    lives: &[&Live],
    r: &Roles,
    victims: &[&Claim],
    air_words: bool,
) {
    let civ = !victims.is_empty()
        && victims
            .iter()
            .all(|c| c.group.as_deref() == Some("CIVILIANS"));
    let armed_victims = victims
        .iter()
        .any(|c| c.group.as_deref().is_some_and(|g| g != "CIVILIANS"));
    let gov = r.actor1.iter().any(|a| GOV.contains(&a.as_str()));
    if top.flags.territory {
        *subtype = if gov {
            "government_regains_territory"
        } else {
            "non_state_actor_overtakes_territory"
        }
        .into();
    }
    if top.flags.shelling {
        let air = r.air || air_words || r.actor1.iter().any(|a| AIR_ACTORS.contains(&a.as_str()));
        if air {
            *subtype = "air_drone_strike".into();
        }
    }
    if top.flags.shooting && civ {
        *kind = "violence_against_civilians".into();
        *subtype = "attack".into();
    }
    if top.flags.assassination && armed_victims {
        *kind = "battles".into();
        *subtype = "armed_clash".into();
    }
    if top.flags.protest {
        if victims
            .iter()
            .any(|c| matches!(c.kind, CasualtyKind::Killed | CasualtyKind::Injured))
        {
            *subtype = "excessive_force_against_protesters".into();
        } else if lives.iter().any(|l| l.trig.flags.intervention) {
            *subtype = "protest_with_intervention".into();
        }
    }
}

fn air_words(ctx: &Ctx, t0: usize, t1: usize) -> bool {
    (t0..t1).any(|t| matches!(ctx.marker_at(t), Some(crate::lexicon::Marker::Air)))
        || (t0..t1).any(|t| grammar().air_adjective.contains(ctx.word(t)))
}

/// Candidates of one clause. `claims` are all claims; those whose words lie in
/// the clause are its victims.
pub fn candidates(ctx: &Ctx, cl: &Clause, lives: &[Live], claims: &[Claim]) -> Vec<Candidate> {
    let mine: Vec<usize> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.sent == cl.sent
                && cl.t0 <= c.t0
                && c.t0 < cl.t1
                && c.reportable()
                && !c.tally
                && c.part_of.is_none()
        })
        .map(|(i, _)| i)
        .collect();
    let victims: Vec<&Claim> = mine.iter().map(|&i| &claims[i]).collect();
    let vranges = victim_ranges(ctx, claims, cl.sent);
    // a repel verb that only tells the air defences met a strike gives no roles
    let trig: Vec<(usize, usize, &Trigger)> = lives
        .iter()
        .filter(|l| l.strong || !l.trig.flags.repel)
        .map(|l| (l.hit.start, l.hit.end, l.trig))
        .collect();
    let aw = air_words(ctx, cl.t0, cl.t1);
    let mut kinds: Vec<&str> = Vec::new();
    for l in lives.iter().filter(|l| l.strong) {
        if !kinds.contains(&l.trig.kind.as_str()) {
            kinds.push(&l.trig.kind);
        }
    }
    let mut out = Vec::new();
    for k in kinds {
        let group: Vec<&Live> = lives.iter().filter(|l| l.trig.kind == k).collect();
        let Some(top) = group
            .iter()
            .filter(|l| l.strong)
            .max_by_key(|l| (l.trig.priority, std::cmp::Reverse(l.hit.start)))
        else {
            continue;
        };
        let at = group
            .iter()
            .filter(|l| l.strong)
            .map(|l| l.hit.start)
            .min()
            .unwrap_or(top.hit.start);
        let r = roles::roles(ctx, cl.t0, cl.t1, &trig, &vranges);
        let mut kind = top.trig.kind.clone();
        let mut subtype = top.trig.subtype.clone();
        refine(&mut kind, &mut subtype, top.trig, &group, &r, &victims, aw);
        out.push(Candidate {
            kind,
            subtype,
            sent: cl.sent,
            t0: cl.t0,
            t1: cl.t1,
            at,
            roles: r,
            claims: Vec::new(),
            implied: false,
        });
    }
    // an attack (هجوم بطائرة مسيرة، هجوم انتحاري) told with the means of a
    // remote strike in the same clause is that strike, not a second battle
    if out.iter().any(|c| c.kind == "explosions_remote_violence") {
        out.retain(|c| {
            c.kind != "battles"
                || lives
                    .iter()
                    .filter(|l| l.strong && l.trig.kind == "battles")
                    .any(|l| !generic_attack(ctx.word(l.hit.start)))
        });
    }
    if let Some(first) = out.first_mut() {
        first.claims = mine;
    }
    out
}

/// Whether `word` (with clitics and the article) is a generic attack noun
/// (`generic_attack` of `grammar.words`: هجوم، هجمات، هجمة).
fn generic_attack(word: &str) -> bool {
    let stems = &grammar().generic_attack;
    rasad_text::clitic::readings(word)
        .iter()
        .any(|r| grammar::starts_any(r.bare, stems))
}

/// Token ranges that name the side of the claims of sentence `si`.
pub fn victim_ranges(_ctx: &Ctx, claims: &[Claim], si: usize) -> Vec<(usize, usize)> {
    claims
        .iter()
        .filter(|c| c.sent == si)
        .flat_map(|c| {
            let side = c.group_at.map(|g| (g, g + 1));
            std::iter::once((c.t0, c.t1)).chain(side)
        })
        .collect()
}

/// A candidate for claims of sentence `si` that no trigger of their clause
/// reported: typed with the best trigger of the sentence (even a background
/// or weak one: مقتل مدني برصاص قناص، قُتل خلال اشتباكات), else by the victims.
pub fn implied(
    ctx: &Ctx,
    si: usize,
    claims: &[Claim],
    unreported: Vec<usize>,
    lives: &[Live],
) -> Option<Candidate> {
    if unreported.is_empty() {
        return None;
    }
    let s = ctx.sents[si];
    let victims: Vec<&Claim> = unreported.iter().map(|&i| &claims[i]).collect();
    let vranges = victim_ranges(ctx, claims, si);
    // a repel verb that only tells the air defences met a strike gives no roles
    let trig: Vec<(usize, usize, &Trigger)> = lives
        .iter()
        .filter(|l| l.strong || !l.trig.flags.repel)
        .map(|l| (l.hit.start, l.hit.end, l.trig))
        .collect();
    let r = roles::roles(ctx, s.t0, s.t1, &trig, &vranges);
    let top = lives
        .iter()
        .filter(|l| !l.trig.flags.defuse)
        .max_by_key(|l| l.trig.priority);
    let civ = victims
        .iter()
        .all(|c| c.group.as_deref() == Some("CIVILIANS"));
    let (mut kind, mut subtype, at) = match top {
        Some(l) => (l.trig.kind.clone(), l.trig.subtype.clone(), l.hit.start),
        None if civ => (
            "violence_against_civilians".to_string(),
            "attack".to_string(),
            victims[0].t0,
        ),
        None => (
            "battles".to_string(),
            "armed_clash".to_string(),
            victims[0].t0,
        ),
    };
    if let Some(l) = top {
        let group: Vec<&Live> = lives
            .iter()
            .filter(|x| x.trig.kind == l.trig.kind)
            .collect();
        refine(
            &mut kind,
            &mut subtype,
            l.trig,
            &group,
            &r,
            &victims,
            air_words(ctx, s.t0, s.t1),
        );
    }
    Some(Candidate {
        kind,
        subtype,
        sent: si,
        t0: s.t0,
        t1: s.t1,
        at,
        roles: r,
        claims: unreported,
        implied: true,
    })
}
