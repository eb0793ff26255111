//! Cumulative tallies (ارتفع عدد القتلى … منذ …) and their period.

use super::Claim;
use crate::context::{within, Ctx};
use crate::lexicon::Cue;

/// Words after منذ its time mention may start (منذ مطلع العام).
const SINCE_WORDS: usize = 3;

/// `ارتفع عدد القتلى منذ بدء الهجوم إلى 40`: marks the claims of sentence
/// `si` (from `first`) whose clause holds a tally cue, with the period after
/// منذ (or the last one told in the sentence).
pub fn tallies(ctx: &Ctx, si: usize, first: usize, out: &mut [Claim]) {
    let s = ctx.sents[si];
    let clauses = crate::clause::clauses(ctx, si, &s);
    let mut last_period: Option<String> = None;
    for claim in out.iter_mut().skip(first) {
        if claim.part_of.is_some() {
            continue;
        }
        let Some(c) = clauses.iter().find(|c| c.t0 <= claim.t0 && claim.t0 < c.t1) else {
            continue;
        };
        if !tally_cue(ctx, c.t0, c.t1) && !claim.tally && !war_toll(claim) {
            continue;
        }
        claim.tally = true;
        let period = period(ctx, c.t0, c.t1);
        if period.is_some() {
            last_period = period.clone();
        }
        claim.period = period.or_else(|| last_period.clone());
    }
}

/// Dead from which a toll counts a war or a campaign, not one incident: the
/// deadliest single incidents a coder records (a massacre, a chemical
/// attack) stay well below it.
const WAR_TOLL: f64 = 1000.0;

/// `أسفر النزاع عن مقتل أربعة آلاف شخص`، `يوجد 1950 مفقوداً تحت الأنقاض`:
/// a toll of [`WAR_TOLL`] or more dead or missing is cumulative whatever
/// words tell it (the wounded of one day's protests may pass it).
fn war_toll(claim: &Claim) -> bool {
    use rasad_record::CasualtyKind::{Killed, Missing};
    matches!(claim.kind, Killed | Missing) && claim.best.is_some_and(|b| b >= WAR_TOLL)
}

/// True when a tally cue stands in `t0..t1`; منذ opening a time mention is
/// "ago" (منذ يومين), not a period.
fn tally_cue(ctx: &Ctx, t0: usize, t1: usize) -> bool {
    ctx.cues_in(Cue::Tally, t0, t1)
        .iter()
        .any(|h| !ctx.times.iter().any(|m| m.start == h.start))
}

/// The period of a tally in `t0..t1`: the time mention within
/// [`SINCE_WORDS`] after the last منذ that has one.
fn period(ctx: &Ctx, t0: usize, t1: usize) -> Option<String> {
    let mut period = None;
    for h in ctx.cues_in(Cue::Since, t0, t1) {
        if let Some(m) = within(&ctx.times, h.end, (h.end + SINCE_WORDS).min(t1), |m| {
            m.start
        })
        .first()
        {
            let t = &ctx.doc.times[m.idx];
            period = Some(t.time.value.clone().unwrap_or_else(|| t.text.clone()));
        }
    }
    period
}
