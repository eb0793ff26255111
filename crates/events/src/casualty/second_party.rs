//! Counts of a second party told after a claim, with no casualty word of
//! their own: `مقابل 12 من الفصيل`, `و5 مقاتلين من الكتيبة`.

use super::count::starts_with_conjunction;
use super::nouns::fallback_side;
use super::site::NEXT_WORDS;
use super::{span_of, Claim};
use crate::context::{within, Ctx, Mention};
use crate::group;
use crate::lexicon::Cue;

/// Words after a second count where "others" (و30 آخرين) makes it the
/// same kind of people: the word right after the count.
const OTHERS_WORDS: usize = 1;

/// `قتل 40 من عناصر الفصيل مقابل 12 من الكتيبة`: a count right after
/// مقابل is a second party's count of the same kind as the claim before it.
pub fn versus(ctx: &Ctx, si: usize, first: usize, out: &mut Vec<Claim>, src: Option<&str>) {
    let s = ctx.sents[si];
    for h in ctx.cues_in(Cue::Versus, s.t0, s.t1) {
        let Some(prev) = out[first..]
            .iter()
            .rev()
            .find(|c| c.t1 <= h.start && c.best.is_some())
        else {
            continue;
        };
        let seg = ctx.segment(h.start);
        let Some(m) = within(&ctx.quants, h.end, (h.end + NEXT_WORDS).min(seg.1), |m| {
            m.start
        })
        .first()
        .copied() else {
            continue;
        };
        if out.iter().any(|c| c.quant == Some(m.idx)) {
            continue;
        }
        let mut c = Claim::counted(ctx, prev.kind, si, &m, span_of(ctx, h.start, m.end));
        c.t0 = h.start;
        c.tally = prev.tally;
        c.attributed_to = src.map(str::to_string);
        c.set_side(group::side_at(ctx, m.start, m.end, seg), "versus");
        out.push(c);
    }
}

/// `قتل 9 عناصر من الفصيل و5 مقاتلين من الكتيبة`: a second count joined by
/// و to a claim, with people of its own, is a claim of the same kind.
pub fn coordinated(ctx: &Ctx, si: usize, first: usize, out: &mut Vec<Claim>, src: Option<&str>) {
    let mut i = first;
    while i < out.len() {
        let prev = out[i].clone();
        i += 1;
        if prev.best.is_none() || prev.part_of.is_some() {
            continue;
        }
        let Some(m) = joined_count(ctx, &prev, out) else {
            continue;
        };
        let seg = ctx.segment(prev.t0);
        let mut c = Claim::counted(ctx, prev.kind, si, &m, span_of(ctx, m.start, m.end));
        c.tally = prev.tally;
        c.attributed_to = src.map(str::to_string);
        c.set_side(group::side_at(ctx, m.end, m.end, seg), "coordinated");
        if c.group.is_none() {
            let s = ctx.sents[si];
            let side = fallback_side(ctx, m.end, seg.1, s.t0, s.t1).map(|g| (g, None));
            c.set_side(side, "coordinated_default");
        }
        if c.group.is_none() && others_after(ctx, &m, seg.1) {
            c.set_side(prev.group.clone().map(|g| (g, None)), "coordinated_others");
        }
        out.insert(i, c);
    }
}

/// The first count after claim `prev` in its segment, not counted yet,
/// joined to it by و, with people of its own or "others", and no casualty
/// word, act or sub-count between.
fn joined_count(ctx: &Ctx, prev: &Claim, out: &[Claim]) -> Option<Mention> {
    let seg = ctx.segment(prev.t0);
    let m = *within(&ctx.quants, prev.t1, seg.1, |m| m.start)
        .iter()
        .find(|m| !out.iter().any(|c| c.quant == Some(m.idx)))?;
    let joined = starts_with_conjunction(ctx.word(m.start))
        || (m.start > 0 && lone_wa(ctx.word(m.start - 1)));
    // people of its own, or "others" (و30 آخرين): the same kind of people
    let people = !within(&ctx.victims, m.end, (m.end + NEXT_WORDS).min(seg.1), |v| {
        v.start
    })
    .is_empty()
        || others_after(ctx, &m, seg.1);
    let between = !within(&ctx.casualty, prev.t1, m.start, |h| h.start).is_empty()
        || !within(&ctx.triggers, prev.t1, m.start, |h| h.start).is_empty()
        || ctx.has_cue(Cue::Subcount, prev.t1, m.start);
    (joined && people && !between).then_some(m)
}

/// True when "others" stands inside count `m` past its first word or in the
/// [`OTHERS_WORDS`] after it (و30 آخرين).
fn others_after(ctx: &Ctx, m: &Mention, seg_end: usize) -> bool {
    ctx.has_cue(
        Cue::Others,
        m.start + 1,
        (m.end + OTHERS_WORDS).min(seg_end),
    )
}

/// True when `word` is the conjunction و written apart.
fn lone_wa(word: &str) -> bool {
    let mut c = word.chars();
    c.next() == Some(rasad_text::clitic::WA) && c.next().is_none()
}
