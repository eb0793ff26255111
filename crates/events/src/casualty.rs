//! Casualty claims: a casualty word (مقتل، جرحى، أسر …), its count (the
//! nearest quantity of the clause segment, or one for a singular victim noun),
//! its side (see [`crate::group`]), whether it is a cumulative tally, and the
//! sub-counts that break it down (بينهم ستة …).

use crate::context::{within, Ctx, Mention};
use crate::group;
use crate::lexicon::{Cue, Hit};
use rasad_record::{Casualty, CasualtyKind, Span};

/// Words between a casualty word and its count.
const NEAR: usize = 4;
/// Words between `عدد القتلى … إلى` and its count.
const FAR: usize = 16;

/// A claim as read, before the ones without a count or side are dropped.
#[derive(Debug, Clone)]
pub struct Claim {
    pub kind: CasualtyKind,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub span: Span,
    pub group: Option<String>,
    /// First token of the actor mention that named the side.
    pub group_at: Option<usize>,
    pub sent: usize,
    /// First and last+1 token of the words the claim was read from.
    pub t0: usize,
    pub t1: usize,
    quant: Option<usize>,
    pub tally: bool,
    pub period: Option<String>,
    /// Index of the total (in the claims list) for a sub-count.
    pub part_of: Option<usize>,
    pub attributed_to: Option<String>,
    /// True when the side is only assumed: unnamed people (أشخاص، قتيلاً)
    /// or fighters with no side named (14 مقاتلاً). Such a toll becomes
    /// `MIXED` when the article shows it holds several sides.
    pub generic: bool,
}

impl Claim {
    /// True when the claim is worth reporting: a count and a side.
    pub fn reportable(&self) -> bool {
        self.best.is_some() && self.group.is_some()
    }
}

fn year_like(ctx: &Ctx, m: &Mention) -> bool {
    let q = &ctx.doc.quantities[m.idx];
    q.unit.is_none()
        && q.best
            .is_some_and(|b| (1900.0..=2100.0).contains(&b) && b.fract() == 0.0)
}

/// Reads every casualty claim of the body. `sources[s]` is the cited source
/// of sentence `s`.
pub fn claims(ctx: &Ctx, sources: &[Vec<String>]) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for (si, s) in ctx.sents.iter().enumerate() {
        if ctx.is_related(s) {
            continue;
        }
        let first_in_sent = out.len();
        // sub-count regions: from the cue to the end of its segment
        let regions: Vec<(usize, usize)> = ctx
            .cues_in(Cue::Subcount, s.t0, s.t1)
            .iter()
            .map(|h| (h.start, breakdown_end(ctx, h.end, ctx.segment(h.start).1)))
            .collect();
        let in_region = |t: usize| regions.iter().find(|(a, b)| *a <= t && t < *b).copied();
        let exhumed = ctx.has_cue(Cue::Exhumation, s.t0, s.t1);
        // the source the sentence cites, else the outlet's own word
        let src = sources
            .get(si)
            .and_then(|v| v.first().cloned())
            .or_else(|| ctx.doc.outlet.clone());
        for h in within(&ctx.casualty, s.t0, s.t1, |h| h.start) {
            let Some(w) = ctx.lx.casualty.get(h.payload) else {
                continue;
            };
            let seg = ctx.segment(h.start);
            if let Some((r0, _)) = in_region(h.start) {
                // a casualty word inside a breakdown belongs to the total before it
                if out[first_in_sent..].iter().any(|c| c.t1 <= r0) {
                    continue;
                }
            }
            if ctx.negated(h.start) || non_event_before(ctx, seg.0, h.start) {
                continue;
            }
            // a denied act (نفت الشرطة خطف ثلاثة) counts no one; captives
            // released (أفرج عن عشرين كان قد احتجزهم) are no new capture
            if denied_before(ctx, seg.0, h.start)
                || (w.kind == CasualtyKind::Captured
                    && ctx
                        .cues_in(Cue::Release, seg.0, h.start)
                        .iter()
                        .any(|c| c.end <= h.start))
            {
                continue;
            }
            if w.kind == CasualtyKind::Injured
                && ctx.has_cue(Cue::Wounds, h.start.saturating_sub(2), h.start + 1)
            {
                continue;
            }
            if w.needs_discovery && (exhumed || !ctx.has_cue(Cue::Discovery, seg.0, seg.1)) {
                continue;
            }
            // a singular victim noun right after the word counts one (مقتل
            // مدني), a dual two (استشهد مدنيان)
            let mut fixed = within(&ctx.victims, h.end, (h.end + 2).min(seg.1), |v| v.start)
                .iter()
                .find_map(|v| ctx.lx.victims.get(v.payload).and_then(|x| x.count))
                .unwrap_or(1.0);
            let mut singular = within(&ctx.victims, h.end, (h.end + 2).min(seg.1), |v| v.start)
                .iter()
                .any(|v| {
                    ctx.lx
                        .victims
                        .get(v.payload)
                        .is_some_and(|x| x.count.is_some())
                });
            if singular
                && within(&ctx.quants, h.end, (h.end + 2).min(seg.1), |m| m.start)
                    .iter()
                    .any(|m| within(&ctx.victims, h.end, m.start, |v| v.start).is_empty())
            {
                singular = false;
            }
            // coordinated victim nouns add up (مقتل ضابط وجنديين)
            if singular {
                fixed = joined_nouns(ctx, h.end, (h.end + 2).min(seg.1), seg.1, fixed);
            }
            // the people before a word that closes the clause (لقي شاب حتفه)
            let mut people_before: Option<usize> = None;
            if w.after_subject && !singular {
                let lo = h.start.saturating_sub(2).max(seg.0);
                if let Some(n) = within(&ctx.victims, lo, h.start, |v| v.start)
                    .iter()
                    .find_map(|v| ctx.lx.victims.get(v.payload).and_then(|x| x.count))
                {
                    if within(&ctx.quants, lo, h.start, |m| m.start).is_empty() {
                        singular = true;
                        fixed = n;
                        people_before = Some(lo);
                    }
                }
            }
            // a singular victim noun right before the word (أن طفلا أصيب)
            let mut noun_before: Option<String> = None;
            if !singular
                && !w.after_subject
                && h.start > seg.0
                && within(&ctx.quants, h.end, (h.end + 2).min(seg.1), |m| m.start).is_empty()
                && within(&ctx.victims, h.end, (h.end + 2).min(seg.1), |v| v.start).is_empty()
                && !counted_noun(ctx, h.start - 1)
            {
                if let Some((n, g)) = within(&ctx.victims, h.start - 1, h.start, |v| v.start)
                    .iter()
                    .filter(|v| v.end == h.start)
                    .filter_map(|v| ctx.lx.victims.get(v.payload))
                    .find_map(|x| x.count.map(|n| (n, x.group.clone())))
                {
                    singular = true;
                    fixed = n;
                    people_before = Some(h.start - 1);
                    noun_before = g;
                }
            }
            // the count
            let used: Vec<usize> = out[first_in_sent..]
                .iter()
                .filter_map(|c| c.quant)
                .collect();
            let mut chosen: Option<&Mention> = None;
            // a victim noun with its number word (قتل متظاهران اثنان): the
            // number is this claim's, not the next one's
            if singular {
                chosen = within(&ctx.victims, h.end, (h.end + 2).min(seg.1), |v| v.start)
                    .first()
                    .and_then(|v| within(&ctx.quants, v.end, v.end + 1, |m| m.start).first())
                    // not a second noun joined by و (ضابط وجنديين)
                    .filter(|m| !starts_with_conjunction(ctx.word(m.start)));
            }
            // a casualty word joined by و (وأصيب، وإصابة) opens a new claim:
            // a count before it is the previous claim's
            let joined = starts_with_conjunction(ctx.word(h.start));
            let mut best_d = usize::MAX;
            for m in within(&ctx.quants, seg.0, seg.1, |m| m.start) {
                if singular || in_region(m.start).is_some() || year_like(ctx, m) {
                    continue;
                }
                if joined && m.start < h.start {
                    continue;
                }
                // a count right before a casualty noun of its own (ونقلت
                // سبعة جرحى) is that noun's
                if m.start >= h.end
                    && within(&ctx.casualty, m.end, m.end + 1, |x| x.start)
                        .iter()
                        .any(|x| !starts_with_conjunction(ctx.word(x.start)))
                {
                    continue;
                }
                // never across another casualty word
                let (lo, hi) = if m.start >= h.end {
                    (h.end, m.start)
                } else {
                    (m.end, h.start)
                };
                if !within(&ctx.casualty, lo, hi, |x| x.start).is_empty() {
                    continue;
                }
                let d = if m.start >= h.end {
                    m.start - h.end
                } else if m.end <= h.start && !w.object {
                    h.start - m.end
                } else {
                    continue;
                };
                let same_kind_user = out[first_in_sent..]
                    .iter()
                    .any(|c| c.quant == Some(m.idx) && c.kind == w.kind);
                if used.contains(&m.idx) && !same_kind_user {
                    continue;
                }
                if d <= NEAR && d < best_d {
                    best_d = d;
                    chosen = Some(m);
                }
            }
            // عدد القتلى … إلى 28
            if chosen.is_none()
                && (ctx.has_cue(Cue::Tally, seg.0, h.start)
                    || ctx.word(h.start.wrapping_sub(1)) == "عدد")
            {
                for m in within(&ctx.quants, h.end, seg.1.min(h.end + FAR), |m| m.start) {
                    if m.start > 0
                        && matches!(ctx.word(m.start - 1), "الي" | "إلى")
                        && !used.contains(&m.idx)
                    {
                        chosen = Some(m);
                        break;
                    }
                }
            }
            // the subject of a plural verb opened by أن/إن, told before it
            // (أن ثلاثة مهندسين فرنسيين يعملون لدى مصنع قد خطفوا)
            if chosen.is_none() && !singular {
                chosen = plural_subject(ctx, h, seg.0, &used);
            }
            // an active verb's object after its subject and a date (اعتقلت
            // الهيئة، فجر الأربعاء، ثلاثة ناشطين)
            if chosen.is_none() && w.active && !singular {
                chosen = object_count(ctx, h.end, s.t1, &used);
            }
            // ... or its one victim after the subject (خطف مسلحون مجهولون الناشط)
            if chosen.is_none() && w.active && !singular {
                if let Some((n, g)) = object_noun(ctx, h.end, seg.1) {
                    singular = true;
                    fixed = n;
                    noun_before = g;
                }
            }
            // the side is read up to the end of the count's segment
            let seg = match chosen {
                Some(m) if m.start >= seg.1 => (seg.0, ctx.segment(m.start).1),
                _ => seg,
            };
            if chosen.is_none() && w.selfdet && !singular {
                singular =
                    ctx.word(h.end - 1).ends_with("نفسه") || ctx.word(h.end - 1).ends_with("نفسها");
            }
            if w.object && chosen.is_none() && !singular {
                continue;
            }
            let (low, best, high, qidx, qend, qstart) = match chosen {
                Some(m) => {
                    let q = &ctx.doc.quantities[m.idx];
                    (q.low, q.best, q.high, Some(m.idx), m.end, m.start)
                }
                None if singular => (Some(fixed), Some(fixed), Some(fixed), None, h.end, h.start),
                None => (None, None, None, None, h.end, h.start),
            };
            // merge with a claim of the same kind in the same segment
            if let Some(prev) = out[first_in_sent..].iter_mut().find(|c| {
                c.kind == w.kind
                    && ctx.segment(c.t0) == seg
                    && (c.quant == qidx || c.best.is_none() || best.is_none())
            }) {
                if prev.best.is_none() && best.is_some() {
                    prev.low = low;
                    prev.best = best;
                    prev.high = high;
                    prev.quant = qidx;
                }
                if prev.group.is_none() {
                    if let Some((g, at)) = group::idafa(ctx, h.end, seg).or_else(|| {
                        group::side_at(
                            ctx,
                            if qstart < h.start {
                                qstart
                            } else {
                                h.end.max(qend)
                            },
                            h.end.max(qend),
                            seg,
                        )
                    }) {
                        prev.group = Some(g);
                        prev.group_at = at;
                    }
                }
                if prev.group.is_none()
                    && (bare_toll(ctx, chosen, h, seg.1) || toll_figure(ctx, chosen, h))
                {
                    prev.group = Some(UNNAMED_DEAD.to_string());
                    prev.generic = true;
                }
                prev.t0 = prev.t0.min(h.start).min(qstart);
                prev.t1 = prev.t1.max(h.end).max(qend);
                continue;
            }
            let a = h.start.min(qstart).min(people_before.unwrap_or(usize::MAX));
            let b = h.end.max(qend);
            // the victim noun a count carries (20 شخصاً على الأقل، 16 شخصاً
            // قتلوا): where the noun-based side rules look
            let nb = chosen.map_or(b, |m| noun_end(ctx, m).unwrap_or(b));
            // the side may stand before the count only when the count comes
            // before the word (خسائر التنظيم إلى 820 قتيلاً), never before a
            // verb whose subject acted (قسد اعتقلت أحد …)
            let before = if qstart < h.start { a } else { b };
            // an active verb's actor right after it is its subject (اختطف مسلحون …)
            let from = if w.active { b.max(h.end + 1) } else { b };
            let idafa = if w.active {
                None
            } else {
                group::idafa(ctx, h.end, seg)
            };
            let before = if w.active { from } else { before };
            let side = match noun_fallback(ctx, nb, seg.1) {
                Some("previous") => out[first_in_sent..]
                    .last()
                    .and_then(|c| c.group.clone())
                    .map(|g| (g, None)),
                Some("antecedent") => antecedent(ctx, s.t0, a).map(|g| (g, None)),
                _ => None,
            }
            .or(idafa)
            .or_else(|| {
                // the side between a count and the word after it (لقي 5 عناصر
                // من قوات النظام حتفهم، ثلاثة مدنيين قتلوا)
                if a < h.start {
                    group::side_at(ctx, h.start, a + 1, (seg.0, h.start))
                } else {
                    None
                }
            })
            .or_else(|| {
                group::side_at(
                    ctx,
                    before,
                    from.min(noun_start(ctx, chosen).unwrap_or(from)),
                    seg,
                )
            });
            let (mut g, group_at) = match side {
                Some((g, at)) => (Some(g), at),
                None => (None, None),
            };
            if g.is_none() {
                g = noun_before;
            }
            if g.is_none() && ctx.has_cue(Cue::Others, b, (b + 2).min(seg.1)) {
                g = out[first_in_sent..].last().and_then(|c| c.group.clone());
            }
            // fighters with no side named: the side the clause's attack hit
            // (غارات على مواقع لقوات X، ما أدى إلى مقتل 11 عنصراً)
            if g.is_none() {
                g = definite_head(ctx, b, (b + 4).min(seg.1));
            }
            if g.is_none() && fighter_after(ctx, nb, seg.1) {
                g = target_side(ctx, s.t0, s.t1);
            }
            if g.is_none() && w.selfdet {
                let u0 = crate::clause::clauses(ctx, si, s)
                    .into_iter()
                    .find(|c| c.t0 <= h.start && h.start < c.t1)
                    .map(|c| c.t0)
                    .unwrap_or(s.t0);
                g = group::subject(ctx, u0, h.start).or_else(|| group::subject(ctx, s.t0, s.t1));
            }
            if g.is_none() {
                g = out[first_in_sent..].last().and_then(|c| c.group.clone());
            }
            // "others" (وإصابة ثمانية عناصر آخرين) told a sentence after the
            // claim they add to: the side of the last claim told before
            if g.is_none() && ctx.has_cue(Cue::Others, b, (b + 3).min(seg.1)) {
                g = previous_side(ctx, &out[..first_in_sent], si);
            }
            // a count of wounded or dead whose side nobody names, told after
            // a claim: the same victims (نقلت فرق الإسعاف سبعة جرحى)
            if g.is_none() && best.is_some() && noun_fallback(ctx, nb, seg.1).is_none() {
                g = previous_side(ctx, &out[..first_in_sent], si);
            }
            // a noun whose side goes without saying when nothing names it:
            // people are civilians, soldiers the story's national army
            if g.is_none() {
                g = fallback_side(ctx, nb, seg.1, s.t0, s.t1);
            }
            if g.is_none() && (bare_toll(ctx, chosen, h, seg.1) || toll_figure(ctx, chosen, h)) {
                g = Some(UNNAMED_DEAD.to_string());
            }
            let span = span_of(ctx, a, b);
            let generic = chosen.is_some() && group_at.is_none() && generic_noun(ctx, nb, seg.1);
            out.push(Claim {
                kind: w.kind,
                low,
                best,
                high,
                span,
                group: g,
                group_at,
                sent: si,
                t0: a,
                t1: b,
                quant: qidx,
                tally: false,
                period: None,
                part_of: None,
                attributed_to: src.clone(),
                generic,
            });
        }
        versus(ctx, si, first_in_sent, &mut out, src.as_deref());
        coordinated(ctx, si, first_in_sent, &mut out, src.as_deref());
        subcounts(ctx, si, first_in_sent, &regions, &mut out, src.as_deref());
        tallies(ctx, si, first_in_sent, &mut out);
        mixed_by_breakdown(ctx, first_in_sent, &regions, &mut out);
    }
    mixed_by_among_dead(ctx, &mut out);
    mixed_by_war(ctx, &mut out);
    out
}

/// The side of dead and wounded counted by the casualty noun alone, with
/// nothing naming who they were: people, as for `أشخاص`.
const UNNAMED_DEAD: &str = "CIVILIANS";

/// `بلغت 16 قتيلاً`، `أكثر من 18 قتيلاً`، `سقوط ثمانية قتلى`: the count
/// stands right before the casualty word, which is its noun, and no victim
/// noun or actor follows.
fn bare_toll(ctx: &Ctx, chosen: Option<&Mention>, h: &Hit, seg_end: usize) -> bool {
    let Some(m) = chosen else {
        return false;
    };
    let right_before = m.end == h.start || (m.start < h.start && h.start < m.end);
    let named_after = !within(&ctx.victims, h.end, (h.end + 2).min(seg_end), |v| v.start)
        .is_empty()
        || !within(&ctx.actors, h.end, (h.end + 2).min(seg_end), |a| a.start).is_empty();
    right_before && !named_after
}

/// `ارتفعت حصيلة القتلى إلى 25`، `عدد الضحايا بلغ 30`: a toll noun
/// stands right before the casualty word, and the chosen count comes after
/// it, brought there by a word like إلى or بلغت, with no victim noun of its
/// own. The toll counts the dead as `bare_toll` does; disease cases
/// (`عدد المصابين بالفيروس إلى 900 حالة`) are no toll of an act.
fn toll_figure(ctx: &Ctx, chosen: Option<&Mention>, h: &Hit) -> bool {
    let Some(m) = chosen else {
        return false;
    };
    h.start > 0
        && ctx.has_cue(Cue::TollNoun, h.start - 1, h.start)
        && m.start > h.end
        && ctx.has_cue(Cue::TollReach, h.end, m.start)
        && noun_in(ctx, m).is_none()
        && !ctx.has_cue(Cue::CaseUnit, m.end, m.end + 1)
}

/// True when the victim noun at or right after token `b` leaves the side
/// open: unnamed people (أشخاص، شخصاً) or fighters of no named side
/// (مقاتلاً، عناصر), or when no victim noun stands there at all (11 قتيلاً).
fn generic_noun(ctx: &Ctx, b: usize, seg_end: usize) -> bool {
    let near = within(
        &ctx.victims,
        b.saturating_sub(1),
        (b + 2).min(seg_end),
        |v| v.start,
    );
    match near.iter().find_map(|v| ctx.lx.victims.get(v.payload)) {
        None => true,
        Some(v) => v.group.is_none() && matches!(v.fallback.as_deref(), None | Some("CIVILIANS")),
    }
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
        let Some(x) = ctx.lx.victims.get(v.payload) else {
            continue;
        };
        match (&x.group, x.fallback.as_deref()) {
            (Some(g), _) => add(g.clone()),
            (None, Some("CIVILIANS")) => add("FOREIGN".into()),
            (None, None) => add("ARMED".into()),
            (None, Some("army")) => add("SECURITY".into()),
            _ => {}
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

/// True when the dead named in `t0..t1` make the toll `c` a total over
/// several sides: two sides or more, or any side for fighters of no named
/// side (14 مقاتلاً بينهم إيرانيون).
fn holds_several_sides(ctx: &Ctx, c: &Claim, t0: usize, t1: usize) -> bool {
    let sides = sides_named(ctx, t0, t1);
    let fighters = c.group.as_deref() != Some("CIVILIANS");
    sides.len() >= 2 || (fighters && !sides.is_empty())
}

/// Whether claim `c` is a toll whose side is only assumed.
fn open_toll(c: &Claim) -> bool {
    c.generic && c.part_of.is_none() && c.best.is_some() && !c.tally
}

/// The last claim from `first` on that ends before token `r0` and is no part
/// of another: the total a breakdown starting at `r0` is about.
fn total_before(out: &[Claim], first: usize, r0: usize) -> Option<usize> {
    (first..out.len())
        .rev()
        .find(|&i| out[i].t1 <= r0 && out[i].part_of.is_none())
}

/// `قتل 54 شخصاً، بينهم 28 مدنياً بالإضافة إلى عناصر من التنظيم`: a
/// breakdown after an open toll in its sentence that names several sides
/// makes the toll `MIXED`.
fn mixed_by_breakdown(ctx: &Ctx, first: usize, regions: &[(usize, usize)], out: &mut [Claim]) {
    for &(r0, r1) in regions {
        let Some(ti) = total_before(out, first, r0) else {
            continue;
        };
        if open_toll(&out[ti])
            && (holds_several_sides(ctx, &out[ti], r0, r1) || civilians_part(ctx, r0, r1))
        {
            out[ti].group = Some("MIXED".into());
        }
    }
}

/// True when a breakdown names a part of the toll as civilians by that word
/// (`قتل 54 شخصاً، بينهم 28 مدنياً`): the rest were not civilians. Children
/// or women (بينهم 5 أطفال) say nothing of the rest.
fn civilians_part(ctx: &Ctx, r0: usize, r1: usize) -> bool {
    within(&ctx.quants, r0, r1, |m| m.start).iter().any(|m| {
        (m.start..(m.end + 1).min(r1)).any(|t| {
            rasad_text::clitic::readings(ctx.word(t))
                .iter()
                .any(|r| r.bare.starts_with(CIVILIAN_STEM))
        })
    })
}

/// The stem of the word civilian (مدني، مدنياً، مدنيين).
const CIVILIAN_STEM: &str = "مدني";

/// `وأضاف أن بين الضحايا خمسة عمال واثنين من عناصر الشرطة`: a sentence
/// telling who the dead were, naming several sides, makes every open toll
/// of the dead in the article `MIXED` (the outlets' and sources' figures
/// for the same dead).
fn mixed_by_among_dead(ctx: &Ctx, out: &mut [Claim]) {
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
            c.group = Some("MIXED".into());
        }
    }
}

/// `قضى نحو عشرين ألف شخص في حرب أهلية طويلة`: a toll of unnamed
/// people a war caused, in the clause that names the war, is `MIXED`.
fn mixed_by_war(ctx: &Ctx, out: &mut [Claim]) {
    for c in out.iter_mut() {
        if !c.generic || c.part_of.is_some() || c.best.is_none() {
            continue;
        }
        if c.group.as_deref() != Some("CIVILIANS") {
            continue;
        }
        let seg = ctx.segment(c.t0);
        if ctx.has_cue(Cue::War, seg.0, seg.1) {
            c.group = Some("MIXED".into());
        }
    }
}

/// The first victim noun inside the words of count `m` or right after them
/// (`20 شخصاً على الأقل` holds `شخصاً`; `16` is followed by it).
fn noun_in<'c>(ctx: &'c Ctx, m: &Mention) -> Option<&'c Hit> {
    // `أربعة من مواطنيها`: the noun may stand after من
    let reach = if ctx.word(m.end) == "من" { 2 } else { 1 };
    within(&ctx.victims, m.start, m.end + reach, |v| v.start).first()
}

/// Where the victim noun of count `m` ends, when the count's words hold one:
/// a qualifier after it (`على الأقل`) must not hide the noun.
fn noun_end(ctx: &Ctx, m: &Mention) -> Option<usize> {
    noun_in(ctx, m).map(|v| v.end)
}

/// Where the victim noun of the chosen count starts, when it holds one.
fn noun_start(ctx: &Ctx, m: Option<&Mention>) -> Option<usize> {
    m.and_then(|m| noun_in(ctx, m)).map(|v| v.start)
}

/// True when token `t` is the noun of a count (`16 شخصاً قتلوا`): the
/// count, not the noun, says how many.
fn counted_noun(ctx: &Ctx, t: usize) -> bool {
    ctx.quants.iter().any(|m| m.start < t && t <= m.end)
}

/// Words a plural verb may stand after the count that is its subject.
const SUBJECT_REACH: usize = 10;

/// Complementizers that open a reported clause whose subject is the count.
const COMPLEMENTIZERS: &[&str] = &["ان", "بان", "وان"];

/// `يشار إلى أن ثلاثة مهندسين فرنسيين يعملون لدى مصنع … قد خطفوا`: the count right
/// after أن/إن is the subject of a plural verb (…وا) told up to
/// `SUBJECT_REACH` words later, with no other casualty word between.
fn plural_subject<'m>(ctx: &'m Ctx, h: &Hit, seg0: usize, used: &[usize]) -> Option<&'m Mention> {
    if !ctx.word(h.end - 1).ends_with("وا") {
        return None;
    }
    let lo = seg0.max(h.start.saturating_sub(SUBJECT_REACH));
    let m = within(&ctx.quants, lo, h.start, |m| m.start)
        .iter()
        .rev()
        .find(|m| m.end <= h.start)?;
    let opened = m.start > 0 && COMPLEMENTIZERS.contains(&ctx.word(m.start - 1));
    let clear = within(&ctx.casualty, m.end, h.start, |x| x.start).is_empty()
        && within(&ctx.triggers, m.end, h.start, |x| x.start).is_empty();
    (opened && clear && !used.contains(&m.idx) && !year_like(ctx, m)).then_some(m)
}

/// Sentences back the side of an "others" claim may come from.
const OTHERS_REACH: usize = 2;

/// The side of the last reportable claim told in the `OTHERS_REACH`
/// sentences before `si` (same paragraph).
fn previous_side(_ctx: &Ctx, before: &[Claim], si: usize) -> Option<String> {
    before
        .iter()
        .rev()
        .filter(|c| c.sent + OTHERS_REACH >= si && c.part_of.is_none())
        .find_map(|c| c.group.clone())
}

/// True when the word carries the conjunction و (وأصيب، وإصابة), not a
/// casualty word spelled with it (وفاة).
fn starts_with_conjunction(word: &str) -> bool {
    word.starts_with('و') && !word.starts_with("وفا")
}

/// The `fallback` of the victim noun at or right after token `b`.
fn noun_fallback<'c>(ctx: &Ctx<'c>, b: usize, seg_end: usize) -> Option<&'c str> {
    within(
        &ctx.victims,
        b.saturating_sub(1),
        (b + 2).min(seg_end),
        |v| v.start,
    )
    .iter()
    .find_map(|v| ctx.lx.victims.get(v.payload))
    .and_then(|v| v.fallback.as_deref())
}

/// The side a pronoun refers back to (مقتل ستة من أفرادها): the nearest
/// victim noun with a side or actor before token `t` in its sentence (from
/// `s0`), else in the sentence before.
fn antecedent(ctx: &Ctx, s0: usize, t: usize) -> Option<String> {
    let lo = match ctx.sent_of_tok(s0.saturating_sub(1)) {
        Some(p) if s0 > 0 => ctx.sents[p].t0,
        _ => s0,
    };
    let victim = within(&ctx.victims, lo, t, |v| v.start)
        .iter()
        .rev()
        .find_map(|v| {
            ctx.lx
                .victims
                .get(v.payload)
                .and_then(|x| x.group.clone())
                .map(|g| (v.start, g))
        });
    let actor = within(&ctx.actors, lo, t, |m| m.start)
        .iter()
        .rev()
        .find(|m| !ctx.negated(m.start))
        .map(|m| (m.start, ctx.actor_id(m).to_string()));
    match (victim, actor) {
        (Some(v), Some(a)) if v.0 > a.0 => Some(v.1),
        (None, None) => None,
        // an actor with a position named after it (هاجم التنظيم نقطة عسكرية
        // وقتل ثلاثة من عناصرها): the pronoun is the position's, whose side
        // the attacker is not
        (_, Some(a)) => (!ctx.has_cue(Cue::TerritoryObject, a.0 + 1, t)).then_some(a.1),
        (Some(v), None) => Some(v.1),
    }
}

/// Words an active verb's object count may stand after: its subject (an
/// actor) and a date, at most this many other words.
const OBJECT_REACH: usize = 3;

/// The count of an active verb's object after its subject and a date.
fn object_count<'m>(ctx: &'m Ctx, from: usize, end: usize, used: &[usize]) -> Option<&'m Mention> {
    let mut t = from;
    let mut other = 0;
    while t < end && other <= OBJECT_REACH {
        if let Some(m) = within(&ctx.quants, t, t + 1, |m| m.start).first() {
            return (!used.contains(&m.idx) && !year_like(ctx, m)).then_some(m);
        }
        let covered = ctx
            .actors
            .iter()
            .chain(&ctx.times)
            .find(|m| m.start <= t && t < m.end);
        match covered {
            Some(m) => t = m.end,
            None => {
                if !within(&ctx.casualty, t, t + 1, |h| h.start).is_empty()
                    || !within(&ctx.triggers, t, t + 1, |h| h.start).is_empty()
                {
                    return None;
                }
                other += 1;
                t += 1;
            }
        }
    }
    None
}

/// The count and group of a singular victim noun standing right after the
/// subject of an active verb that ends at `from` (its actor mentions, or
/// unnamed gunmen: مسلحون مجهولون), before `end`.
fn object_noun(ctx: &Ctx, from: usize, end: usize) -> Option<(f64, Option<String>)> {
    let mut t = from;
    while let Some(m) = ctx.actors.iter().find(|m| m.start == t && m.end > t) {
        t = m.end;
    }
    while t < end && t < from + 2 && {
        let w = ctx.word(t);
        w.starts_with("مسلح") || w.starts_with("مجهول")
    } {
        t += 1;
    }
    if t == from || t >= end {
        return None;
    }
    within(&ctx.victims, t, t + 1, |v| v.start)
        .iter()
        .filter_map(|v| ctx.lx.victims.get(v.payload))
        .find_map(|x| x.count.map(|n| (n, x.group.clone())))
}

/// National armies: soldiers with no side named belong to one of them.
const ARMIES: &[&str] = &["SYR_GOV", "IRAQ_GOV", "TURKEY", "ISRAEL"];

/// The side a victim noun right at or after token `b` has when nothing
/// names it (see `fallback` in data/events/victims.toml). For soldiers: the
/// one national army the article names that is not named in this sentence
/// (`s0..s1`, where it would be the attacker).
fn fallback_side(ctx: &Ctx, b: usize, seg_end: usize, s0: usize, s1: usize) -> Option<String> {
    let v = within(
        &ctx.victims,
        b.saturating_sub(1),
        (b + 2).min(seg_end),
        |v| v.start,
    )
    .iter()
    .find_map(|v| ctx.lx.victims.get(v.payload))?;
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

/// The count of the victim noun found in `from..near` plus those of the
/// counted victim nouns joined to it by و (ضابط وجنديين → 3), up to `end`.
fn joined_nouns(ctx: &Ctx, from: usize, near: usize, end: usize, first: f64) -> f64 {
    let count = |v: &Hit| ctx.lx.victims.get(v.payload).and_then(|x| x.count);
    let vs = within(&ctx.victims, from, end, |v| v.start);
    let Some(k) = vs.iter().position(|v| v.start < near && count(v).is_some()) else {
        return first;
    };
    let mut total = first;
    let mut at = vs[k].end;
    for v in &vs[k + 1..] {
        if v.start != at || !ctx.word(v.start).starts_with('و') {
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

/// True when a denial (نفى، نفت) stands within a few words before token `t`
/// in its segment.
fn denied_before(ctx: &Ctx, seg_start: usize, t: usize) -> bool {
    let lo = seg_start.max(t.saturating_sub(3));
    ctx.cues_in(Cue::Denial, lo, t).iter().any(|h| h.end <= t)
}

fn non_event_before(ctx: &Ctx, seg_start: usize, t: usize) -> bool {
    let lo = seg_start.max(t.saturating_sub(4));
    ctx.cues_in(Cue::NonEvent, lo, t).iter().any(|h| h.end <= t)
}

/// Where a breakdown (بينهم طفلان) that starts after token `from` ends: at
/// the end of its segment `seg_end`, or before a casualty word followed by
/// "others" (وأصيب سبعة آخرون), which opens a new claim.
pub fn breakdown_end(ctx: &Ctx, from: usize, seg_end: usize) -> usize {
    let others = within(&ctx.casualty, from, seg_end, |h| h.start)
        .iter()
        .find(|h| ctx.has_cue(Cue::Others, h.end, (h.end + 3).min(seg_end)))
        .map_or(seg_end, |h| h.start);
    // … بينهم أطفال في غارات جوية: the cause after the victims is not part of
    // the breakdown.
    within(&ctx.triggers, from, others, |h| h.start)
        .iter()
        .find(|h| h.start > from && CAUSE.contains(&ctx.word(h.start - 1)))
        .map_or(others, |h| h.start - 1)
}

/// Words that introduce the cause of a toll (قتل 5 بينهم طفلان في غارة).
const CAUSE: &[&str] = &["في", "جراء", "اثر", "نتيجه", "بسبب", "خلال", "عقب"];

fn span_of(ctx: &Ctx, a: usize, b: usize) -> Span {
    match (ctx.toks.get(a), ctx.toks.get(b.saturating_sub(1))) {
        (Some(x), Some(y)) => Span::new(x.span.start, y.span.end.max(x.span.start)),
        _ => Span::new(0, 0),
    }
}

/// `… مقابل 473 من مسلحي «قسد»`: a second party's count of the same kind.
fn versus(ctx: &Ctx, si: usize, first: usize, out: &mut Vec<Claim>, src: Option<&str>) {
    let s = ctx.sents[si];
    for h in ctx.cues_in(Cue::Versus, s.t0, s.t1) {
        let Some(prev) = out[first..]
            .iter()
            .rev()
            .find(|c| c.t1 <= h.start && c.best.is_some())
            .cloned()
        else {
            continue;
        };
        let seg = ctx.segment(h.start);
        let Some(m) = within(&ctx.quants, h.end, (h.end + 2).min(seg.1), |m| m.start)
            .first()
            .copied()
        else {
            continue;
        };
        if out.iter().any(|c| c.quant == Some(m.idx)) {
            continue;
        }
        let q = &ctx.doc.quantities[m.idx];
        let (g, group_at) = match group::side_at(ctx, m.start, m.end, seg) {
            Some((g, at)) => (Some(g), at),
            None => (None, None),
        };
        out.push(Claim {
            kind: prev.kind,
            low: q.low,
            best: q.best,
            high: q.high,
            span: span_of(ctx, h.start, m.end),
            group: g,
            group_at,
            sent: si,
            t0: h.start,
            t1: m.end,
            quant: Some(m.idx),
            tally: prev.tally,
            period: None,
            part_of: None,
            attributed_to: src.map(str::to_string),
            generic: false,
        });
    }
}

/// `مقتل 9 عناصر من الفصائل و5 مقاتلين من قسد`: a second count joined by و
/// to a claim, with people of its own, is a claim of the same kind.
fn coordinated(ctx: &Ctx, si: usize, first: usize, out: &mut Vec<Claim>, src: Option<&str>) {
    let mut i = first;
    while i < out.len() {
        let prev = out[i].clone();
        i += 1;
        if prev.best.is_none() || prev.part_of.is_some() {
            continue;
        }
        let seg = ctx.segment(prev.t0);
        let Some(m) = within(&ctx.quants, prev.t1, seg.1, |m| m.start)
            .iter()
            .find(|m| !out.iter().any(|c| c.quant == Some(m.idx)))
            .copied()
        else {
            continue;
        };
        let joined = starts_with_conjunction(ctx.word(m.start))
            || (m.start > 0 && ctx.word(m.start - 1) == "و");
        // people of its own, or "others" (و30 آخرين): the same kind of people
        let people = !within(&ctx.victims, m.end, (m.end + 2).min(seg.1), |v| v.start).is_empty()
            || ctx.has_cue(Cue::Others, m.start + 1, (m.end + 1).min(seg.1));
        let between = !within(&ctx.casualty, prev.t1, m.start, |h| h.start).is_empty()
            || !within(&ctx.triggers, prev.t1, m.start, |h| h.start).is_empty()
            || ctx.has_cue(Cue::Subcount, prev.t1, m.start);
        if !joined || !people || between {
            continue;
        }
        let q = &ctx.doc.quantities[m.idx];
        let (g, group_at) = match group::side_at(ctx, m.end, m.end, seg) {
            Some((g, at)) => (Some(g), at),
            None => (None, None),
        };
        let g = g
            .or_else(|| fallback_side(ctx, m.end, seg.1, ctx.sents[si].t0, ctx.sents[si].t1))
            .or_else(|| {
                ctx.has_cue(Cue::Others, m.start + 1, (m.end + 1).min(seg.1))
                    .then(|| prev.group.clone())
                    .flatten()
            });
        out.insert(
            i,
            Claim {
                kind: prev.kind,
                low: q.low,
                best: q.best,
                high: q.high,
                span: span_of(ctx, m.start, m.end),
                group: g,
                group_at,
                sent: si,
                t0: m.start,
                t1: m.end,
                quant: Some(m.idx),
                tally: prev.tally,
                period: None,
                part_of: None,
                attributed_to: src.map(str::to_string),
                generic: false,
            },
        );
    }
}

/// `بينهم ستة … وأربعة …`, `من ضمنهم 3 انتحاريين`, `بينهم القيادي فلان`.
fn subcounts(
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
        let mut found = false;
        for m in within(&ctx.quants, r0, r1, |m| m.start) {
            let q = &ctx.doc.quantities[m.idx];
            if q.best.is_none() {
                continue;
            }
            let g = civilian_after(ctx, m.end, r1).or_else(|| total.group.clone());
            found = true;
            out.push(Claim {
                kind: total.kind,
                low: q.low,
                best: q.best,
                high: q.high,
                span: ctx
                    .quants
                    .iter()
                    .find(|x| x.idx == m.idx)
                    .map(|x| x.span)
                    .unwrap_or(total.span),
                group: g,
                group_at: None,
                sent: si,
                t0: m.start,
                t1: m.end,
                quant: Some(m.idx),
                tally: false,
                period: None,
                part_of: Some(ti),
                attributed_to: src.map(str::to_string),
                generic: false,
            });
        }
        if !found {
            let cue_end = ctx
                .cues_in(Cue::Subcount, r0, r0 + 1)
                .first()
                .map(|h| h.end)
                .unwrap_or(r0 + 1);
            let v = within(&ctx.victims, cue_end, (cue_end + 2).min(r1), |v| v.start)
                .first()
                .copied();
            if let Some(v) = v {
                if let Some(x) = ctx
                    .lx
                    .victims
                    .get(v.payload)
                    .filter(|x| x.count == Some(1.0))
                {
                    out.push(Claim {
                        kind: total.kind,
                        low: Some(1.0),
                        best: Some(1.0),
                        high: Some(1.0),
                        span: span_of(ctx, v.start, v.end),
                        group: x.group.clone().or_else(|| total.group.clone()),
                        group_at: None,
                        sent: si,
                        t0: v.start,
                        t1: v.end,
                        quant: None,
                        tally: false,
                        period: None,
                        part_of: Some(ti),
                        attributed_to: src.map(str::to_string),
                        generic: false,
                    });
                }
            }
        }
    }
}

/// True when a fighter or soldier noun (no side of its own, not unnamed
/// people such as `أشخاص`) stands at or right after token `from`.
fn fighter_after(ctx: &Ctx, from: usize, to: usize) -> bool {
    let lo = from.saturating_sub(1);
    within(&ctx.victims, lo, (from + 1).min(to), |v| v.start)
        .iter()
        .any(|v| {
            ctx.lx
                .victims
                .get(v.payload)
                .is_some_and(|x| x.group.is_none() && x.fallback.as_deref() != Some("CIVILIANS"))
        })
}

/// The actor a definite head noun after a count refers back to (مقتل ثلاثة
/// من عناصر الفرقة → فرقة السلطان مراد named before): an earlier actor
/// mention whose first word is that noun without the article.
fn definite_head(ctx: &Ctx, from: usize, to: usize) -> Option<String> {
    for t in from..to {
        let w = ctx.word(t);
        let Some(head) = w.strip_prefix("ال").filter(|h| h.chars().count() >= 3) else {
            continue;
        };
        if !within(&ctx.actors, t, t + 1, |m| m.start).is_empty() {
            return None;
        }
        let found = ctx
            .actors
            .iter()
            .filter(|m| m.end <= from && m.end > m.start + 1)
            .rev()
            .find(|m| {
                rasad_text::clitic::readings(ctx.word(m.start))
                    .iter()
                    .any(|r| r.bare == head)
            });
        if let Some(m) = found {
            return Some(ctx.actor_id(m).to_string());
        }
    }
    None
}

/// Words before an actor mention a target marker may stand (على مقرات
/// ومستودعات أسلحة لإرهابيي X).
const TARGET_REACH: usize = 4;

/// The first actor of tokens `t0..t1` introduced as a target (على، مواقع،
/// حواجز …).
fn target_side(ctx: &Ctx, t0: usize, t1: usize) -> Option<String> {
    within(&ctx.actors, t0, t1, |m| m.start)
        .iter()
        .find(|m| {
            let lo = m.start.saturating_sub(TARGET_REACH).max(t0);
            (lo..m.start).any(|p| matches!(ctx.marker_at(p), Some(crate::lexicon::Marker::Target)))
        })
        .map(|m| ctx.actor_id(m).to_string())
}

fn civilian_after(ctx: &Ctx, from: usize, to: usize) -> Option<String> {
    within(&ctx.victims, from, (from + 2).min(to), |v| v.start)
        .iter()
        .find_map(|v| ctx.lx.victims.get(v.payload).and_then(|x| x.group.clone()))
}

/// Marks cumulative tallies (ارتفع عدد القتلى … منذ …) and their period.
fn tallies(ctx: &Ctx, si: usize, first: usize, out: &mut [Claim]) {
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
        // منذ opening a time mention is "ago" (منذ يومين), not a period
        let tally_cue = ctx
            .cues_in(Cue::Tally, c.t0, c.t1)
            .iter()
            .any(|h| !ctx.times.iter().any(|m| m.start == h.start));
        if !tally_cue && !claim.tally {
            continue;
        }
        claim.tally = true;
        let mut period = None;
        for h in ctx.cues_in(Cue::Since, c.t0, c.t1) {
            if let Some(m) = within(&ctx.times, h.end, (h.end + 3).min(c.t1), |m| m.start).first() {
                let t = &ctx.doc.times[m.idx];
                period = Some(t.time.value.clone().unwrap_or_else(|| t.text.clone()));
            }
        }
        if period.is_some() {
            last_period = period.clone();
        }
        claim.period = period.or_else(|| last_period.clone());
    }
}

/// The claims worth reporting as `Casualty` records (with `part_of` pointing
/// into the returned list), and for every claim its index there.
pub fn report(claims: &[Claim]) -> (Vec<Casualty>, Vec<Option<usize>>) {
    let mut out = Vec::new();
    let mut index = vec![None; claims.len()];
    for (i, c) in claims.iter().enumerate() {
        if !c.reportable() {
            continue;
        }
        if let Some(j) = repeated(&out, c) {
            index[i] = Some(j);
            out[j].mentions.push(c.span);
            continue;
        }
        index[i] = Some(out.len());
        out.push(Casualty {
            group: c.group.clone(),
            kind: c.kind,
            low: c.low,
            best: c.best,
            high: c.high,
            span: c.span,
            attributed_to: c.attributed_to.clone(),
            tally: c.tally,
            period: c.period.clone(),
            part_of: c.part_of.and_then(|p| index.get(p).copied().flatten()),
            mentions: Vec::new(),
        });
    }
    (out, index)
}

/// The claim already reported that `c` repeats (the headline's figure told
/// again in the lead, a recap at the end): same group, kind, number, source
/// and tally, neither a sub-count. A changed figure is a new claim; figures
/// are never added up.
fn repeated(out: &[Casualty], c: &Claim) -> Option<usize> {
    if c.part_of.is_some() {
        return None;
    }
    out.iter().position(|o| {
        o.part_of.is_none()
            && o.group == c.group
            && o.kind == c.kind
            && o.best == c.best
            && o.low == c.low
            && o.attributed_to == c.attributed_to
            && o.tally == c.tally
    })
}
