//! Whose dead: the side a casualty claim counts, as an actor code.
//!
//! Read from the words around the count: a victim noun (مدني، أطفال →
//! CIVILIANS) or an actor mention (عنصراً للتنظيم، من النظام، في صفوف قسد،
//! قتلى «قسد») right after it, else an actor just before it (خسائر التنظيم إلى
//! 820 قتيلاً). An actor introduced as the perpetrator (بقصف للتحالف، برصاص
//! قوات النظام) is never the victims' side.

use crate::context::{within, Ctx};
use crate::lexicon::Marker;

/// Words after the count searched for the side.
const AFTER: usize = 6;
/// Words before the count searched for the side.
const BEFORE: usize = 3;

/// True when the actor mention starting at token `t` is introduced as the
/// one who acted: right after a trigger word or an agent/air marker, or
/// opened by one (a dictionary term such as «عدوان إسرائيلي»).
fn perpetrator(ctx: &Ctx, t: usize) -> bool {
    if matches!(ctx.marker_at(t), Some(Marker::Agent | Marker::Air)) {
        return true;
    }
    if t == 0 {
        return false;
    }
    let p = t - 1;
    // A trigger ending at `t` covers `p` unless it is empty and starts at `t`.
    let empty_at_t = || {
        within(&ctx.triggers, t, t + 1, |h| h.start)
            .iter()
            .any(|h| h.end == t)
    };
    if ctx.trigger_at(p) || empty_at_t() {
        return true;
    }
    matches!(ctx.marker_at(p), Some(Marker::Agent | Marker::Air))
}

/// The side named right after `from` (up to `seg_end`), or just before
/// `before` (down to `seg_start`).
pub fn side(ctx: &Ctx, before: usize, from: usize, seg: (usize, usize)) -> Option<String> {
    side_at(ctx, before, from, seg).map(|(g, _)| g)
}

/// Words a clash phrase (`اشتباكات عنيفة`) may span before `مع`.
const CLASH_WORDS: usize = 3;

/// `مقتل 11 مسلحا خلال اشتباكات مع قوات الأمن`: `مع` at `t` right after a
/// clash word names the other side of the clash, never the dead.
fn clash_partner(ctx: &Ctx, t: usize) -> bool {
    t > 0
        && matches!(ctx.marker_at(t), Some(Marker::Partner))
        && within(&ctx.triggers, t.saturating_sub(CLASH_WORDS), t, |h| h.start)
            .iter()
            .any(|h| h.end == t)
}

/// [`side`], with the first token of the actor mention it came from.
pub fn side_at(
    ctx: &Ctx,
    before: usize,
    from: usize,
    seg: (usize, usize),
) -> Option<(String, Option<usize>)> {
    let end = seg.1.min(from + AFTER);
    for t in from..end {
        // `قتيل منذ تدخل التحالف`: what follows منذ dates a period
        if ctx.has_cue(crate::lexicon::Cue::Since, t, t + 1) || clash_partner(ctx, t) {
            break;
        }
        for h in within(&ctx.victims, t, t + 1, |h| h.start) {
            if let Some(g) = ctx.lx.victims.get(h.payload).and_then(|v| v.group.clone()) {
                return Some((g, None));
            }
        }
        for m in within(&ctx.actors, t, t + 1, |m| m.start) {
            if !perpetrator(ctx, m.start) && !ctx.negated(m.start) {
                return Some((ctx.actor_id(m).to_string(), Some(m.start)));
            }
        }
    }
    if before >= from {
        return None;
    }
    let lo = seg.0.max(before.saturating_sub(BEFORE));
    let ms = within(&ctx.actors, lo, before, |m| m.start);
    ms.iter()
        .rev()
        .find(|m| m.end <= before && !perpetrator(ctx, m.start))
        .map(|m| (ctx.actor_id(m).to_string(), Some(m.start)))
}

/// Words after the actor of an idafa a count may stand and make the actor the
/// subject of the verb before (قتلت قوات النظام يوم أمس 5 مدنيين).
const COUNT_AFTER: usize = 3;

/// The side named right after a casualty noun (قتلى التنظيم، قتلى «قسد»،
/// مقتل الطفل): an actor or victim noun starting at token `t`. Not when a
/// count follows it (قتلت قوات النظام 5 مدنيين: the actor is the subject),
/// unless the count is the end of a rise (ارتفع عدد قتلى «قسد» إلى 9).
pub fn idafa(ctx: &Ctx, t: usize, seg: (usize, usize)) -> Option<(String, Option<usize>)> {
    if t >= seg.1 {
        return None;
    }
    for h in within(&ctx.victims, t, t + 1, |h| h.start) {
        if let Some(g) = ctx.lx.victims.get(h.payload).and_then(|v| v.group.clone()) {
            return Some((g, None));
        }
    }
    let m = within(&ctx.actors, t, t + 1, |m| m.start).first()?;
    if ctx.negated(m.start) {
        return None;
    }
    let to = &crate::grammar::grammar().to;
    let count_follows = within(&ctx.quants, m.end, (m.end + COUNT_AFTER).min(seg.1), |q| {
        q.start
    })
    .iter()
    .any(|q| !to.contains(ctx.word(q.start.wrapping_sub(1))));
    (!count_follows).then(|| (ctx.actor_id(m).to_string(), Some(m.start)))
}

/// Words before an actor a role marker may stand and make it no subject
/// (`على مواقع قوات X`).
const MARKER_BEFORE: usize = 2;

/// The first actor of a clause that is not introduced by a marker: the
/// subject (used for the side of suicide attackers).
pub fn subject(ctx: &Ctx, t0: usize, t1: usize) -> Option<String> {
    within(&ctx.actors, t0, t1, |m| m.start)
        .iter()
        .find(|m| {
            let lo = m.start.saturating_sub(MARKER_BEFORE).max(t0);
            !(lo..m.start).any(|p| ctx.marker_at(p).is_some()) && !ctx.negated(m.start)
        })
        .map(|m| ctx.actor_id(m).to_string())
}
