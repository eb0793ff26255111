//! The victim nouns and counts around a claim: what the count and side
//! rules ask of them.

use crate::context::{within, Ctx, Mention};
use crate::grammar::grammar;
use crate::lexicon::{Hit, Victim};

/// Words around token `b` (the end of a count) where its victim noun
/// stands: the last word of the count, which may hold the noun (`20 شخصاً`
/// read as one mention), and the word after it with one word of article or
/// preposition (`ثلاثة من العناصر`).
const NOUN_BEFORE_END: usize = 1;
const NOUN_AFTER_END: usize = 2;

/// Words after a count its noun takes (`16 شخصاً`), one more after من.
const COUNT_NOUN_WORDS: usize = 1;

/// National armies: soldiers with no side named belong to one of them.
const ARMIES: &[&str] = &["SYR_GOV", "IRAQ_GOV", "TURKEY", "ISRAEL"];

/// True when quantity mention `m` is a year (1900–2100, whole, no unit).
pub fn year_like(ctx: &Ctx, m: &Mention) -> bool {
    let q = &ctx.doc.quantities[m.idx];
    q.unit.is_none()
        && q.best
            .is_some_and(|b| (1900.0..=2100.0).contains(&b) && b.fract() == 0.0)
}

/// True when token `t` is the noun of a count (`16 شخصاً قتلوا`): the
/// count, not the noun, says how many.
pub fn counted_noun(ctx: &Ctx, t: usize) -> bool {
    ctx.quants.iter().any(|m| m.start < t && t <= m.end)
}

/// The count of the victim noun found in `from..near` plus those of the
/// counted victim nouns joined to it by و (ضابط وجنديين → 3), up to `end`.
pub fn joined_nouns(ctx: &Ctx, from: usize, near: usize, end: usize, first: f64) -> f64 {
    let count = |v: &Hit| ctx.lx.victims.get(v.payload).and_then(|x| x.count);
    let vs = within(&ctx.victims, from, end, |v| v.start);
    let Some(k) = vs.iter().position(|v| v.start < near && count(v).is_some()) else {
        return first;
    };
    let mut total = first;
    let mut at = vs[k].end;
    for v in &vs[k + 1..] {
        if v.start != at || !ctx.word(v.start).starts_with(rasad_text::clitic::WA) {
            break;
        }
        match count(v) {
            Some(n) => total += n,
            None => break,
        }
        at = v.end;
    }
    total
}

/// The first victim noun inside the words of count `m` or right after them
/// (`20 شخصاً على الأقل` holds `شخصاً`; `16` is followed by it).
pub fn noun_in<'c>(ctx: &'c Ctx, m: &Mention) -> Option<&'c Hit> {
    // `أربعة من مواطنيها`: the noun may stand after من
    let partitive = grammar().partitive.contains(ctx.word(m.end));
    let reach = COUNT_NOUN_WORDS + usize::from(partitive);
    within(&ctx.victims, m.start, m.end + reach, |v| v.start).first()
}

/// Where the victim noun of count `m` ends, when the count's words hold one:
/// a qualifier after it (`على الأقل`) must not hide the noun.
pub fn noun_end(ctx: &Ctx, m: &Mention) -> Option<usize> {
    noun_in(ctx, m).map(|v| v.end)
}

/// Where the victim noun of the chosen count starts, when it holds one.
pub fn noun_start(ctx: &Ctx, m: Option<&Mention>) -> Option<usize> {
    m.and_then(|m| noun_in(ctx, m)).map(|v| v.start)
}

/// The entry of the first victim noun at or right after token `b` (the end
/// of a count), inside the segment ending at `seg_end`.
pub fn noun_at<'c>(ctx: &Ctx<'c>, b: usize, seg_end: usize) -> Option<&'c Victim> {
    within(
        &ctx.victims,
        b.saturating_sub(NOUN_BEFORE_END),
        (b + NOUN_AFTER_END).min(seg_end),
        |v| v.start,
    )
    .iter()
    .find_map(|v| ctx.lx.victims.get(v.payload))
}

/// The `fallback` of the victim noun at or right after token `b`.
pub fn noun_fallback<'c>(ctx: &Ctx<'c>, b: usize, seg_end: usize) -> Option<&'c str> {
    noun_at(ctx, b, seg_end).and_then(|v| v.fallback.as_deref())
}

/// True when the victim noun at or right after token `b` leaves the side
/// open: unnamed people (أشخاص، شخصاً) or fighters of no named side
/// (مقاتلاً، عناصر), or when no victim noun stands there at all (11 قتيلاً).
pub fn generic_noun(ctx: &Ctx, b: usize, seg_end: usize) -> bool {
    match noun_at(ctx, b, seg_end) {
        None => true,
        Some(v) => v.group.is_none() && matches!(v.fallback.as_deref(), None | Some("CIVILIANS")),
    }
}

/// The side a victim noun right at or after token `b` has when nothing
/// names it (see `fallback` in data/events/victims.toml). For soldiers: the
/// one national army the article names that is not named in this sentence
/// (`s0..s1`, where it would be the attacker).
pub fn fallback_side(ctx: &Ctx, b: usize, seg_end: usize, s0: usize, s1: usize) -> Option<String> {
    let v = noun_at(ctx, b, seg_end)?;
    match v.fallback.as_deref()? {
        "army" => {
            let here = within(&ctx.actors, s0, s1, |m| m.start);
            let armies: Vec<&str> = ctx
                .doc
                .actors
                .iter()
                .map(|a| a.id.as_str())
                .filter(|id| ARMIES.contains(id))
                .filter(|id| !here.iter().any(|m| ctx.actor_id(m) == *id))
                .collect();
            (armies.len() == 1).then(|| armies[0].to_string())
        }
        // references back are read where they are met, never a side
        "antecedent" | "previous" => None,
        code => Some(code.to_string()),
    }
}

/// True when a fighter or soldier noun (no side of its own, not unnamed
/// people such as `أشخاص`) stands at or right after token `from`.
pub fn fighter_after(ctx: &Ctx, from: usize, to: usize) -> bool {
    let lo = from.saturating_sub(NOUN_BEFORE_END);
    within(&ctx.victims, lo, (from + 1).min(to), |v| v.start)
        .iter()
        .any(|v| {
            ctx.lx
                .victims
                .get(v.payload)
                .is_some_and(|x| x.group.is_none() && x.fallback.as_deref() != Some("CIVILIANS"))
        })
}
