//! Tolls that hold several sides (`MIXED`): a toll of unnamed people or
//! fighters whose breakdown, whose "among the dead" sentence or whose war
//! shows it counts more than one side.

use super::breakdown::total_before;
use super::Claim;
use crate::context::{within, Ctx};
use crate::grammar::{self, grammar};
use crate::lexicon::{CasualtyKind, Cue};

/// Words after a count of a breakdown its noun `مدنياً` may be.
const CIVILIAN_NOUN_WORDS: usize = 1;

/// `قتل 30 شخصاً، بينهم 12 مدنياً وعناصر من الشرطة`: a breakdown after an
/// open toll in its sentence that names several sides makes the toll
/// `MIXED`.
pub fn mixed_by_breakdown(ctx: &Ctx, first: usize, regions: &[(usize, usize)], out: &mut [Claim]) {
    for &(r0, r1) in regions {
        let Some(ti) = total_before(out, first, r0) else {
            continue;
        };
        if open_toll(&out[ti])
            && (holds_several_sides(ctx, &out[ti], r0, r1) || civilians_part(ctx, r0, r1))
        {
            set_mixed(&mut out[ti], "mixed_by_breakdown");
        }
    }
}

/// `وقال الشهود إن بين الضحايا ثلاثة سائقين واثنين من الحراس`: a sentence
/// telling who the dead were, naming several sides, makes every open toll
/// of the dead in the article `MIXED` (the outlets' and sources' figures
/// for the same dead).
pub fn mixed_by_among_dead(ctx: &Ctx, out: &mut [Claim]) {
    let regions: Vec<(usize, usize)> = ctx
        .sents
        .iter()
        .flat_map(|s| ctx.cues_in(Cue::AmongDead, s.t0, s.t1))
        .map(|h| (h.end, ctx.segment(h.start).1.max(h.end)))
        .collect();
    for c in out.iter_mut() {
        if open_toll(c)
            && c.kind == CasualtyKind::Killed
            && regions
                .iter()
                .any(|&(a, b)| holds_several_sides(ctx, c, a, b))
        {
            set_mixed(c, "mixed_by_among_dead");
        }
    }
}

/// `قتل سبعة أشخاص في الهجوم على المقر وجرح عدد من العمال والحراس`:
/// an open toll of the dead whose own sentence names, after it, victims of
/// two sides or more (by their nouns) counts them all: `MIXED`.
pub fn mixed_by_sentence_sides(ctx: &Ctx, out: &mut [Claim]) {
    for c in out.iter_mut() {
        let already = c.group.as_deref() == Some("MIXED");
        if already || !open_toll(c) || c.kind != CasualtyKind::Killed {
            continue;
        }
        let Some(s) = ctx.sents.get(c.sent) else {
            continue;
        };
        if victim_sides(ctx, c.t1, s.t1).len() >= 2 {
            set_mixed(c, "mixed_by_sentence_sides");
        }
    }
}

/// The sides the victim nouns of `t0..t1` name (مدنيين → CIVILIANS، حراس →
/// one armed side), actor mentions left out: an actor in the sentence may
/// be the attacker.
fn victim_sides(ctx: &Ctx, t0: usize, t1: usize) -> Vec<String> {
    let mut sides: Vec<String> = Vec::new();
    for v in within(&ctx.victims, t0, t1, |v| v.start) {
        let Some(x) = ctx.lx.victims.get(v.payload) else {
            continue;
        };
        // women, children, people: civilians, not a side of their own
        let people = x.group.is_none() && x.fallback.as_deref() == Some("CIVILIANS");
        let side = if people {
            Some("CIVILIANS".into())
        } else {
            victim_side(x)
        };
        if let Some(g) = side {
            if !sides.contains(&g) {
                sides.push(g);
            }
        }
    }
    sides
}

/// The side a victim-noun entry stands for among the dead (see
/// [`sides_named`]).
fn victim_side(x: &crate::lexicon::Victim) -> Option<String> {
    match (&x.group, x.fallback.as_deref()) {
        (Some(g), _) => Some(g.clone()),
        (None, Some("CIVILIANS")) => Some("FOREIGN".into()),
        (None, None) => Some("ARMED".into()),
        (None, Some("army")) => Some("SECURITY".into()),
        _ => None,
    }
}

/// `هلك آلاف الأشخاص في حرب طويلة`: a toll of unnamed people a war caused,
/// in the clause that names the war, is `MIXED`.
pub fn mixed_by_war(ctx: &Ctx, out: &mut [Claim]) {
    for c in out.iter_mut() {
        if !c.generic || c.part_of.is_some() || c.best.is_none() {
            continue;
        }
        if c.group.as_deref() != Some("CIVILIANS") {
            continue;
        }
        let seg = ctx.segment(c.t0);
        if ctx.has_cue(Cue::War, seg.0, seg.1) {
            set_mixed(c, "mixed_by_war");
        }
    }
}

/// `قتل 11 شخصاً وجرح اثنان`: a claim that took its side from the claim
/// before it in its sentence (`previous_in_sentence`) follows that claim
/// when a later step found it a total over several sides.
pub fn mixed_follows_previous(out: &mut [Claim]) {
    for i in 1..out.len() {
        if out[i].side_rule != Some("previous_in_sentence") {
            continue;
        }
        let prev = (0..i)
            .rev()
            .find(|&k| out[k].sent == out[i].sent && out[k].part_of.is_none());
        if prev.is_some_and(|k| out[k].group.as_deref() == Some("MIXED")) {
            set_mixed(&mut out[i], "mixed_follows_previous");
        }
    }
}

/// `لقي تسعة أشخاص مصرعهم ... وأكد المسؤول مقتل تسعة أشخاص`: an open
/// toll repeating the figure and kind of a `MIXED` total of the article is
/// the same total (one claim with its mentions, never two sides).
pub fn mixed_follows_figure(out: &mut [Claim]) {
    let mixed: Vec<(CasualtyKind, f64)> = out
        .iter()
        .filter(|c| c.group.as_deref() == Some("MIXED"))
        .filter_map(|c| Some((c.kind, c.best?)))
        .collect();
    for c in out.iter_mut() {
        let same = |&(k, b): &(CasualtyKind, f64)| k == c.kind && Some(b) == c.best;
        if open_toll(c) && c.group.as_deref() == Some("CIVILIANS") && mixed.iter().any(same) {
            set_mixed(c, "mixed_follows_figure");
        }
    }
}

fn set_mixed(c: &mut Claim, rule: &'static str) {
    c.group = Some("MIXED".into());
    c.side_rule = Some(rule);
}

/// Whether claim `c` is a toll whose side is only assumed.
fn open_toll(c: &Claim) -> bool {
    c.generic && c.part_of.is_none() && c.best.is_some() && !c.tally
}

/// True when the dead named in `t0..t1` make the toll `c` a total over
/// several sides: two sides or more, or any side for fighters of no named
/// side (14 مقاتلاً بينهم إيرانيون).
fn holds_several_sides(ctx: &Ctx, c: &Claim, t0: usize, t1: usize) -> bool {
    let sides = sides_named(ctx, t0, t1);
    let fighters = c.group.as_deref() != Some("CIVILIANS");
    sides.len() >= 2 || (fighters && !sides.is_empty())
}

/// The sides a stretch of words names among the dead: victim nouns with a
/// side (مدنيين → CIVILIANS), fighter or security nouns (عناصر، حراس →
/// one "armed" side), foreigners (إيرانيون), and actor mentions not
/// introduced as the attacker.
fn sides_named(ctx: &Ctx, t0: usize, t1: usize) -> Vec<String> {
    let mut sides: Vec<String> = Vec::new();
    let mut add = |g: String| {
        if !sides.contains(&g) {
            sides.push(g);
        }
    };
    for v in within(&ctx.victims, t0, t1, |v| v.start) {
        if let Some(g) = ctx.lx.victims.get(v.payload).and_then(victim_side) {
            add(g);
        }
    }
    for m in within(&ctx.actors, t0, t1, |m| m.start) {
        let id = ctx.actor_id(m);
        if !ctx.negated(m.start) && id != "UNKNOWN" {
            add(id.to_string());
        }
    }
    sides
}

/// True when a breakdown names a part of the toll as civilians by that word
/// (`قتل 30 شخصاً، بينهم 12 مدنياً`): the rest were not civilians. Children
/// or women (بينهم 5 أطفال) say nothing of the rest.
fn civilians_part(ctx: &Ctx, r0: usize, r1: usize) -> bool {
    let stem = &grammar().civilian_stem;
    within(&ctx.quants, r0, r1, |m| m.start).iter().any(|m| {
        (m.start..(m.end + CIVILIAN_NOUN_WORDS).min(r1)).any(|t| {
            rasad_text::clitic::readings(ctx.word(t))
                .iter()
                .any(|r| grammar::starts_any(r.bare, stem))
        })
    })
}
