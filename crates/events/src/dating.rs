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

/// Words between a relative pronoun's start verb and the time mention it
/// dates (`التي انطلقت في 30 مارس`: the verb, then في or يوم).
const START_REACH: usize = 2;

/// `ضمن فعاليات المسيرة التي انطلقت في 30 مارس`: a time right after a
/// relative pronoun and a verb of starting (`start_verb` and `relative` in
/// grammar.words) dates the start of a campaign the clause names, not the
/// act.
fn campaign_start(ctx: &Ctx, t0: usize, t: usize) -> bool {
    let g = crate::grammar::grammar();
    (1..=START_REACH).any(|k| {
        t > t0 + k
            && g.start_verb.contains(ctx.word(t - k))
            && g.relative.contains(ctx.word(t - k - 1))
    })
}

/// Words after a time mention the complementizer of a reporting verb may
/// stand (`أعلن المرصد الأحد أن`، `قال المصدر، اليوم الأحد، إن`).
const REPORT_DATE_REACH: usize = 2;

/// `أعلن المرصد الأحد أن المدير قتل في انفجار ليل السبت`: a time between
/// a reporting verb and its أن/إن dates the report, not the act.
fn dates_report(ctx: &Ctx, t0: usize, t1: usize, start: usize, end: usize) -> bool {
    let g = crate::grammar::grammar();
    ctx.has_cue(Cue::Reporting, t0, start)
        && (end..(end + REPORT_DATE_REACH).min(t1)).any(|p| g.complementizer.contains(ctx.word(p)))
}

/// The first resolved time mention in tokens `t0..t1` that dates an event
/// (a report's own date only when the act has none).
pub fn own(ctx: &Ctx, t0: usize, t1: usize) -> Option<Time> {
    let mut report = None;
    for m in within(&ctx.times, t0, t1, |m| m.start) {
        if opens_period(ctx, t0, m.start) || campaign_start(ctx, t0, m.start) {
            continue;
        }
        if report.is_none() && dates_report(ctx, t0, t1, m.start, m.end) {
            report = Some(m.idx);
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
    report
        .map(|i| ctx.doc.times[i].time.clone())
        .filter(|t| t.value.is_some())
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
