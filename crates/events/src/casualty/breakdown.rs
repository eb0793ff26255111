//! Sub-counts: the part of a total a breakdown names (بينهم ستة أطفال،
//! من ضمنهم القائد).

use super::site::NEXT_WORDS;
use super::{span_of, Claim};
use crate::context::{within, Ctx};
use crate::grammar::grammar;
use crate::lexicon::{Cue, Hit};
use rasad_record::CasualtyKind;

/// Words after "others" a casualty word may stand and still open a claim of
/// its own inside a breakdown (`بينهم طفلان، وأصيب سبعة آخرون`): the count
/// and its noun.
const OTHERS_AFTER_WORD: usize = 3;

/// The sub-count regions of tokens `t0..t1`: from each sub-count cue to the
/// end of its breakdown (see `breakdown_end`).
pub fn regions(ctx: &Ctx, t0: usize, t1: usize) -> Vec<(usize, usize)> {
    ctx.cues_in(Cue::Subcount, t0, t1)
        .iter()
        .map(|h| {
            let seg = ctx.segment(h.start);
            let end = breakdown_end(ctx, h.end, seg.1);
            (
                h.start,
                other_kind_at(ctx, seg.0, h.start, end).unwrap_or(end),
            )
        })
        .collect()
}

/// The casualty kind of a casualty word hit.
fn kind_of(ctx: &Ctx, h: &Hit) -> Option<CasualtyKind> {
    ctx.lx.casualty.get(h.payload).map(|w| w.kind)
}

/// `قتل 12 بينهم امرأة إضافة إلى نحو 300 جريح`: a casualty word of another
/// kind than the one before the cue at `cue` (from `seg_start`) ends the
/// breakdown before its count: the wounded are no part of the dead.
fn other_kind_at(ctx: &Ctx, seg_start: usize, cue: usize, end: usize) -> Option<usize> {
    let before = within(&ctx.casualty, seg_start, cue, |h| h.start).last()?;
    let kind = kind_of(ctx, before)?;
    let other = within(&ctx.casualty, cue, end, |h| h.start)
        .iter()
        .find(|h| kind_of(ctx, h).is_some_and(|k| k != kind))?;
    // its own count stands right before it (`300 جريح`)
    let count = within(&ctx.quants, cue, other.start, |m| m.start)
        .last()
        .filter(|m| m.end == other.start);
    Some(count.map_or(other.start, |m| m.start))
}

/// Where a breakdown (بينهم طفلان) that starts after token `from` ends: at
/// the end of its segment `seg_end`, or before a casualty word followed by
/// "others" (وأصيب سبعة آخرون), which opens a new claim.
fn breakdown_end(ctx: &Ctx, from: usize, seg_end: usize) -> usize {
    let others = within(&ctx.casualty, from, seg_end, |h| h.start)
        .iter()
        .find(|h| ctx.has_cue(Cue::Others, h.end, (h.end + OTHERS_AFTER_WORD).min(seg_end)))
        .map_or(seg_end, |h| h.start);
    // … بينهم أطفال في غارات جوية: the cause after the victims is not part of
    // the breakdown.
    let cause = &grammar().cause;
    within(&ctx.triggers, from, others, |h| h.start)
        .iter()
        .find(|h| h.start > from && cause.contains(ctx.word(h.start - 1)))
        .map_or(others, |h| h.start - 1)
}

/// The last claim from `first` on that ends before token `r0` and is no part
/// of another: the total a breakdown starting at `r0` is about.
pub fn total_before(out: &[Claim], first: usize, r0: usize) -> Option<usize> {
    (first..out.len())
        .rev()
        .find(|&i| out[i].t1 <= r0 && out[i].part_of.is_none())
}

/// `قتل تسعة بينهم ستة أطفال وثلاث نساء`، `من ضمنهم القائد`: the counts of
/// each breakdown of sentence `si` (its `regions`) are parts of the total
/// before it, of their own side when a victim noun names one; a breakdown
/// with no count naming one person (بينهم القائد) is a part of one.
pub fn subcounts(
    ctx: &Ctx,
    si: usize,
    first: usize,
    regions: &[(usize, usize)],
    out: &mut Vec<Claim>,
    src: Option<&str>,
) {
    for &(r0, r1) in regions {
        let Some(ti) = total_before(out, first, r0) else {
            continue;
        };
        let total = out[ti].clone();
        let mut parts = counted_parts(ctx, si, r0, r1, &total);
        if parts.is_empty() {
            parts.extend(one_named(ctx, si, r0, r1, &total));
        }
        for mut c in parts {
            c.part_of = Some(ti);
            c.attributed_to = src.map(str::to_string);
            out.push(c);
        }
    }
}

/// `بينهم ستة أطفال`: each count of the breakdown `r0..r1`, with the side
/// of the victim noun right after it, else the total's.
fn counted_parts(ctx: &Ctx, si: usize, r0: usize, r1: usize, total: &Claim) -> Vec<Claim> {
    let mut parts = Vec::new();
    for m in within(&ctx.quants, r0, r1, |m| m.start) {
        if ctx.doc.quantities[m.idx].best.is_none() {
            continue;
        }
        let mut c = Claim::counted(ctx, total.kind, si, m, m.span);
        let own = side_after(ctx, m.end, r1);
        c.side_rule = Some(if own.is_some() {
            "subcount_noun"
        } else {
            "subcount_total"
        });
        c.group = own.or_else(|| total.group.clone());
        parts.push(c);
    }
    parts
}

/// `بينهم قائد الكتيبة`: a singular victim noun right after the cue counts
/// one person of the total, of its own side or the total's.
fn one_named(ctx: &Ctx, si: usize, r0: usize, r1: usize, total: &Claim) -> Option<Claim> {
    let cue_end = ctx
        .cues_in(Cue::Subcount, r0, r0 + 1)
        .first()
        .map(|h| h.end)
        .unwrap_or(r0 + 1);
    let v: &Hit = within(&ctx.victims, cue_end, (cue_end + NEXT_WORDS).min(r1), |v| {
        v.start
    })
    .first()?;
    let x = ctx
        .lx
        .victims
        .get(v.payload)
        .filter(|x| x.count == Some(1.0))?;
    Some(Claim {
        kind: total.kind,
        low: Some(1.0),
        best: Some(1.0),
        high: Some(1.0),
        span: span_of(ctx, v.start, v.end),
        group: x.group.clone().or_else(|| total.group.clone()),
        group_at: None,
        side_rule: Some("subcount_one"),
        sent: si,
        t0: v.start,
        t1: v.end,
        quant: None,
        tally: false,
        period: None,
        part_of: None,
        attributed_to: None,
        generic: false,
    })
}

/// The side of a victim noun in the words right after token `from`
/// (`ستة أطفال` → CIVILIANS).
fn side_after(ctx: &Ctx, from: usize, to: usize) -> Option<String> {
    within(&ctx.victims, from, (from + NEXT_WORDS).min(to), |v| v.start)
        .iter()
        .find_map(|v| ctx.lx.victims.get(v.payload).and_then(|x| x.group.clone()))
}
