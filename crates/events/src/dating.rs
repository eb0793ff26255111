//! When: the time mentions that govern a clause. A mention after منذ or خلال
//! starts or spans a period and is not the event's date.

use crate::context::{within, Ctx};
use crate::lexicon::Cue;
use rasad_record::Time;

/// Words before a time mention منذ or a period word may stand and make it
/// a period (`منذ مطلع العام`، `خلال الأسبوع الماضي`).
const PERIOD_REACH: usize = 2;

/// True when منذ or a period word stands within [`PERIOD_REACH`] words
/// before the time mention at `t` (from `t0`): it starts or spans a period.
fn opens_period(ctx: &Ctx, t0: usize, t: usize) -> bool {
    let lo = t.saturating_sub(PERIOD_REACH).max(t0);
    ctx.has_cue(Cue::Since, lo, t) || ctx.has_cue(Cue::PeriodWord, lo, t)
}

/// The first resolved time mention in tokens `t0..t1` that dates an event.
pub fn own(ctx: &Ctx, t0: usize, t1: usize) -> Option<Time> {
    for m in within(&ctx.times, t0, t1, |m| m.start) {
        if opens_period(ctx, t0, m.start) {
            continue;
        }
        // "the same day" (اليوم نفسه، الليلة ذاتها) is the date of the story
        // told so far, not a date of its own
        if refers_back(ctx, m.end) {
            continue;
        }
        let t = &ctx.doc.times[m.idx].time;
        if t.value.is_some() {
            return Some(t.clone());
        }
    }
    None
}

/// The last explicit date in the sentences before `si` in its paragraph.
pub fn paragraph(ctx: &Ctx, si: usize) -> Option<Time> {
    let para = ctx.sents.get(si)?.para;
    for j in (0..si).rev() {
        let s = ctx.sents[j];
        if s.para != para {
            break;
        }
        let mut last = None;
        for m in within(&ctx.times, s.t0, s.t1, |m| m.start) {
            if opens_period(ctx, s.t0, m.start) {
                continue;
            }
            let t = &ctx.doc.times[m.idx].time;
            if t.value.is_some() {
                last = Some(t.clone());
            }
        }
        if last.is_some() {
            return last;
        }
    }
    None
}

/// True when the word at token `t` (right after a time mention) is نفسه /
/// ذاته (the same).
fn refers_back(ctx: &Ctx, t: usize) -> bool {
    crate::grammar::grammar().same.contains(ctx.word(t))
}
