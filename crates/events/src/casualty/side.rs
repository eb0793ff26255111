//! Whose dead: the side of a new claim, named by the first rule of
//! [`SIDE_RULES`] that finds one. Each rule is a function with its example;
//! the words it looks at are tokens of [`Look`]. For `قتل ثلاثة عناصر من
//! قوات النظام` (tokens 0–5): the casualty word is token 0 and its count
//! token 1; `a` = 0 (the claim's first token), `b` = 2 (past the count),
//! `nb` = 3 (past the count's noun عناصر), `from` = `before` = 2 (where an
//! actor after the claim is looked for), and [`next_to_count`] finds قوات
//! النظام at token 4.
//!
//! A claim whose side no rule names keeps none and is not reported.

use super::count::{Count, Quantity};
use super::nouns::{fallback_side, fighter_after, generic_noun, noun_end, noun_fallback};
use super::nouns::{noun_in, noun_start};
use super::site::Site;
use super::{span_of, Claim};
use crate::context::{within, Ctx, Mention};
use crate::group;
use crate::lexicon::{Cue, Hit, Marker};

/// A side (actor code) and the first token of the actor mention that named
/// it, when one did.
pub type Side = (String, Option<usize>);

/// A side rule: the side it names for the claim at `look`, if any.
pub type SideRule = fn(&Look) -> Option<Side>;

/// The side rules, in the order they are tried.
pub const SIDE_RULES: &[(&str, SideRule)] = &[
    ("ordinal_previous", ordinal_previous),
    ("pronoun_antecedent", pronoun_antecedent),
    ("idafa_after_word", idafa_after_word),
    ("between_count_and_word", between_count_and_word),
    ("singular_noun_side", singular_noun_side),
    ("next_to_count", next_to_count),
    ("others_in_sentence", others_in_sentence),
    ("definite_head", definite_head),
    ("attack_target", attack_target),
    ("bomber_subject", bomber_subject),
    ("previous_in_sentence", previous_in_sentence),
    ("others_told_before", others_told_before),
    ("same_victims_told_before", same_victims_told_before),
    ("default_side", default_side),
    ("unnamed_dead", unnamed_dead),
];

/// The side of dead and wounded counted by the casualty noun alone, with
/// nothing naming who they were: people, as for `أشخاص`.
const UNNAMED_DEAD: &str = "CIVILIANS";
/// Words after the count where "others" (آخرين) makes the claim the same
/// people as the claim before it in the sentence: the count's noun and the
/// word itself.
const OTHERS_HERE: usize = 2;
/// Words after the count where "others" makes the claim add to one told in
/// a sentence before: one word more than [`OTHERS_HERE`] (a noun and its
/// adjective: `ثلاثة عناصر مسلحين آخرين`). The two windows are as found;
/// whether they should be one is open.
const OTHERS_BEFORE: usize = 3;
/// Words after the count where a definite head noun may refer back to an
/// actor (`ثلاثة من عناصر الفرقة`): the preposition, the noun of people and
/// the head, one more for an adjective.
const HEAD_REACH: usize = 4;
/// Sentences back the side of an "others" claim may come from.
const OTHERS_SENTENCES: usize = 2;
/// Words before an actor mention a target marker may stand (على مقرات
/// ومستودعات أسلحة لإرهابيي X).
const TARGET_REACH: usize = 4;

/// Where the side rules look: the casualty word, its count and the tokens
/// around them.
pub struct Look<'s, 'c, 'a> {
    pub site: &'s Site<'c, 'a>,
    pub count: &'s Count,
    pub q: Quantity,
    /// First token of the claim's words: the word, its count or the noun
    /// told before it.
    pub a: usize,
    /// Last+1 token of the claim's words.
    pub b: usize,
    /// End of the count's victim noun (`20 شخصاً على الأقل`), else `b`.
    pub nb: usize,
    /// An actor told before the claim must end by here.
    pub before: usize,
    /// An actor told after the claim starts from here.
    pub from: usize,
    /// The segment the side is read in (see [`Count::seg`]).
    pub seg: (usize, usize),
}

impl<'s, 'c, 'a> Look<'s, 'c, 'a> {
    /// The tokens around the word at `site` counted by `count`.
    pub fn new(site: &'s Site<'c, 'a>, count: &'s Count) -> Look<'s, 'c, 'a> {
        let (ctx, h, active) = (site.ctx, site.hit, site.word.active);
        let q = count.quantity(site);
        let a = h
            .start
            .min(q.start)
            .min(count.people_before.unwrap_or(usize::MAX));
        let b = h.end.max(q.end);
        let nb = count.chosen.map_or(b, |m| noun_end(ctx, &m).unwrap_or(b));
        // the side may stand before the count only when the count comes
        // before the word (خسائر الفصيل وصلت إلى 40 قتيلاً), never before a
        // verb whose subject acted (الشرطة اعتقلت أحد …); an active verb's
        // actor right after it is its subject (اختطف مسلحون …)
        let from = if active { b.max(h.end + 1) } else { b };
        let before = match (active, q.start < h.start) {
            (true, _) => from,
            (false, true) => a,
            (false, false) => b,
        };
        Look {
            site,
            count,
            q,
            a,
            b,
            nb,
            before,
            from,
            seg: count.seg,
        }
    }

    fn ctx(&self) -> &'c Ctx<'a> {
        self.site.ctx
    }

    fn hit(&self) -> Hit {
        self.site.hit
    }

    fn chosen(&self) -> Option<&Mention> {
        self.count.chosen.as_ref()
    }
}

/// The new claim read at `site` with its count, side and span.
pub fn new_claim(site: &Site, count: &Count) -> Claim {
    let look = Look::new(site, count);
    let found = SIDE_RULES
        .iter()
        .find_map(|(name, rule)| rule(&look).map(|s| (s, *name)));
    let group_at = found.as_ref().and_then(|((_, at), _)| *at);
    // The side is only assumed when no word named it, or when the word that
    // did is the count's own noun of unnamed people (30 شخصاً → CIVILIANS
    // by that noun's fallback): a breakdown or an "among the dead" sentence
    // may still show several sides.
    let generic = look.chosen().is_some()
        && group_at.is_none_or(|at| {
            side_by_fallback(&look, at, found.as_ref().map(|((g, _), _)| g.as_str()))
        })
        && generic_noun(look.ctx(), look.nb, look.seg.1);
    let q = look.q;
    Claim {
        kind: site.word.kind,
        low: q.low,
        best: q.best,
        high: q.high,
        span: span_of(site.ctx, look.a, look.b),
        group: found.as_ref().map(|((g, _), _)| g.clone()),
        group_at,
        side_rule: found.map(|(_, name)| name),
        sent: site.si,
        t0: look.a,
        t1: look.b,
        quant: q.idx,
        tally: false,
        period: None,
        part_of: None,
        attributed_to: None,
        generic,
    }
}

/// True when the side at token `at` is only the count's own noun's
/// fallback (30 شخصاً → CIVILIANS because شخص falls back to civilians), not
/// a word that names a side.
fn side_by_fallback(look: &Look, at: usize, side: Option<&str>) -> bool {
    let ctx = look.ctx();
    noun_start(ctx, look.chosen()) == Some(at)
        && look
            .chosen()
            .and_then(|m| noun_in(ctx, m))
            .and_then(|v| ctx.lx.victims.get(v.payload))
            .is_some_and(|v| {
                v.group.is_none() && v.fallback.is_some() && v.fallback.as_deref() == side
            })
}

/// A side found for a claim read before, by the word told again.
pub struct Named {
    pub side: Side,
    pub rule: &'static str,
    /// The side is only assumed (see [`Claim::generic`]).
    pub generic: bool,
}

/// `قتل وجرح في القصف 12 مدنياً`: the side a word told again gives the
/// claim of the same kind read before it in its segment: the idafa after the
/// word or an actor next to the count, else unnamed dead.
pub fn merged_side(site: &Site, count: &Count) -> Option<Named> {
    let (ctx, h, seg) = (site.ctx, site.hit, count.seg);
    let q = count.quantity(site);
    let end = h.end.max(q.end);
    let before = if q.start < h.start { q.start } else { end };
    let near = group::idafa(ctx, h.end, seg).or_else(|| group::side_at(ctx, before, end, seg));
    if let Some(side) = near {
        return Some(Named {
            side,
            rule: "merged_next_to_count",
            generic: false,
        });
    }
    let look = Look::new(site, count);
    unnamed_dead(&look).map(|side| Named {
        side,
        rule: "unnamed_dead",
        generic: true,
    })
}

/// `قتل عنصران من الفصيل وجرح ثالث`: an ordinal (ثالث، رابع) is one more of
/// the people of the claim before it in the sentence.
fn ordinal_previous(look: &Look) -> Option<Side> {
    (noun_fallback(look.ctx(), look.nb, look.seg.1) == Some("previous"))
        .then(|| look.site.last_side())
        .flatten()
        .map(|g| (g, None))
}

/// `داهمت الشرطة وكراً للعصابة وقتلت اثنين من أفرادها`: a noun with a
/// pronoun (أفرادها، عناصره) takes the side it refers back to (see
/// [`antecedent`]).
fn pronoun_antecedent(look: &Look) -> Option<Side> {
    if noun_fallback(look.ctx(), look.nb, look.seg.1) != Some("antecedent") {
        return None;
    }
    antecedent(look.ctx(), look.site.sent.t0, look.a).map(|g| (g, None))
}

/// `سقط قتلى «الفصيل» في الاشتباك`، `مقتل الطفل`: an actor or a victim
/// noun with a side right after a passive casualty word (see
/// [`group::idafa`]); not after an active verb, whose actor is its subject.
fn idafa_after_word(look: &Look) -> Option<Side> {
    if look.site.word.active {
        return None;
    }
    group::idafa(look.ctx(), look.hit().end, look.seg)
}

/// `لقي أربعة من عناصر الشرطة حتفهم`: the side named between a count or
/// noun told before the word and the word.
fn between_count_and_word(look: &Look) -> Option<Side> {
    let h = look.hit();
    (look.a < h.start)
        .then(|| group::side_at(look.ctx(), h.start, look.a + 1, (look.seg.0, h.start)))
        .flatten()
}

/// `قتل ستة عناصر من الفصيل`، `خسائر الكتيبة بلغت 30 قتيلاً`: the side
/// named right after the count (or its noun), or just before a count told
/// before the word (see [`group::side_at`]).
fn next_to_count(look: &Look) -> Option<Side> {
    let from = look
        .from
        .min(noun_start(look.ctx(), look.chosen()).unwrap_or(look.from));
    group::side_at(look.ctx(), look.before, from, look.seg)
}

/// `أفاد الأهالي أن طفلا أصيب`: the side of the singular victim noun that
/// counted the claim, before the word or after an active verb's subject.
fn singular_noun_side(look: &Look) -> Option<Side> {
    look.count.noun_side.clone().map(|g| (g, None))
}

/// `قتل ثلاثة عناصر من الفصيل وجرح خمسة آخرون`: "others" within
/// [`OTHERS_HERE`] words after the count: the side of the claim before it in
/// the sentence.
fn others_in_sentence(look: &Look) -> Option<Side> {
    let b = look.b;
    let others = look
        .ctx()
        .has_cue(Cue::Others, b, (b + OTHERS_HERE).min(look.seg.1));
    others
        .then(|| look.site.last_side())
        .flatten()
        .map(|g| (g, None))
}

/// `اشتبك لواء الفتح مع الفصيل وقتل أربعة من عناصر اللواء`: a definite
/// head noun within [`HEAD_REACH`] words after the count refers back to the
/// actor named before whose first word it is (see [`head_actor`]).
fn definite_head(look: &Look) -> Option<Side> {
    let b = look.b;
    head_actor(look.ctx(), b, (b + HEAD_REACH).min(look.seg.1)).map(|g| (g, None))
}

/// `قصفت المدفعية مواقع لفصيل الجبهة ما أدى إلى مقتل 9 مقاتلين`:
/// fighters with no side named are the side the sentence's attack hit (see
/// [`target_side`]).
fn attack_target(look: &Look) -> Option<Side> {
    let (ctx, s) = (look.ctx(), look.site.sent);
    if !fighter_after(ctx, look.nb, look.seg.1) {
        return None;
    }
    target_side(ctx, s.t0, s.t1).map(|g| (g, None))
}

/// `فجر عنصر من الفصيل نفسه قرب الحاجز`: a self-detonation counts the
/// bomber, of the side that is the subject of his clause (else of the
/// sentence).
fn bomber_subject(look: &Look) -> Option<Side> {
    let site = look.site;
    if !site.word.selfdet {
        return None;
    }
    let (ctx, s, h) = (site.ctx, site.sent, site.hit);
    let u0 = crate::clause::clauses(ctx, site.si, &s)
        .into_iter()
        .find(|c| c.t0 <= h.start && h.start < c.t1)
        .map(|c| c.t0)
        .unwrap_or(s.t0);
    group::subject(ctx, u0, h.start)
        .or_else(|| group::subject(ctx, s.t0, s.t1))
        .map(|g| (g, None))
}

/// `قتل عنصران من الفصيل، وأصيب أربعة`: a claim with no side of its own
/// takes the side of the claim before it in the sentence.
fn previous_in_sentence(look: &Look) -> Option<Side> {
    look.site.last_side().map(|g| (g, None))
}

/// `قتل خمسة من عناصر الفصيل. كما جرح ثلاثة عناصر مسلحين آخرين.`:
/// "others" within [`OTHERS_BEFORE`] words after the count, told a sentence
/// after the claim they add to: the side of the last claim told before (see
/// [`previous_side`]).
fn others_told_before(look: &Look) -> Option<Side> {
    let b = look.b;
    let others = look
        .ctx()
        .has_cue(Cue::Others, b, (b + OTHERS_BEFORE).min(look.seg.1));
    others
        .then(|| previous_side(look.site.earlier, look.site.si))
        .flatten()
        .map(|g| (g, None))
}

/// `قتل أربعة من الفصيل في الكمين. ونقلت سيارات الإسعاف ستة جرحى.`: a
/// count whose noun names no side and refers to nothing, told after a claim:
/// the same victims.
fn same_victims_told_before(look: &Look) -> Option<Side> {
    let counted = look.q.best.is_some();
    let open = noun_fallback(look.ctx(), look.nb, look.seg.1).is_none();
    (counted && open)
        .then(|| previous_side(look.site.earlier, look.site.si))
        .flatten()
        .map(|g| (g, None))
}

/// `قتل ثلاثة أشخاص`، `قتل جنديان` in a report naming one army: a noun whose
/// side goes without saying when nothing names it (see
/// [`fallback_side`]): people are civilians, soldiers the story's national
/// army.
fn default_side(look: &Look) -> Option<Side> {
    let s = look.site.sent;
    fallback_side(look.ctx(), look.nb, look.seg.1, s.t0, s.t1).map(|g| (g, None))
}

/// `أسفر الانفجار عن 14 قتيلاً`، `ارتفعت حصيلة القتلى إلى 25`: dead counted
/// by the casualty noun alone (see [`bare_toll`], [`toll_figure`]) are
/// unnamed people.
fn unnamed_dead(look: &Look) -> Option<Side> {
    let (ctx, h, chosen) = (look.ctx(), look.hit(), look.chosen());
    (bare_toll(ctx, chosen, &h, look.seg.1) || toll_figure(ctx, chosen, &h) || self_counted(look))
        .then(|| (UNNAMED_DEAD.to_string(), None))
}

/// `أسفر القصف عن قتيلين`: a noun counting the dead by its own form, with
/// no victim noun or actor in the words right after it, counts unnamed dead.
fn self_counted(look: &Look) -> bool {
    let (ctx, h) = (look.ctx(), look.hit());
    let next = (h.end + super::site::NEXT_WORDS).min(look.seg.1);
    look.chosen().is_none()
        && look.site.word.count.is_some()
        && within(&ctx.victims, h.end, next, |v| v.start).is_empty()
        && within(&ctx.actors, h.end, next, |a| a.start).is_empty()
}

/// `بلغت 16 قتيلاً`، `أكثر من 18 قتيلاً`، `سقوط ثمانية قتلى`: the count
/// stands right before the casualty word, which is its noun, and no victim
/// noun or actor follows in the words right after.
fn bare_toll(ctx: &Ctx, chosen: Option<&Mention>, h: &Hit, seg_end: usize) -> bool {
    let Some(m) = chosen else {
        return false;
    };
    let right_before = m.end == h.start || (m.start < h.start && h.start < m.end);
    let next = (h.end + super::site::NEXT_WORDS).min(seg_end);
    let named_after = !within(&ctx.victims, h.end, next, |v| v.start).is_empty()
        || !within(&ctx.actors, h.end, next, |a| a.start).is_empty();
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

/// The side of the last reportable claim told in the [`OTHERS_SENTENCES`]
/// sentences before `si` (same paragraph), no sub-count.
fn previous_side(before: &[Claim], si: usize) -> Option<String> {
    before
        .iter()
        .rev()
        .filter(|c| c.sent + OTHERS_SENTENCES >= si && c.part_of.is_none())
        .find_map(|c| c.group.clone())
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
        // an actor with a position named after it (هاجم الفصيل نقطة عسكرية
        // وقتل ثلاثة من عناصرها): the pronoun is the position's, whose side
        // the attacker is not
        (_, Some(a)) => (!ctx.has_cue(Cue::TerritoryObject, a.0 + 1, t)).then_some(a.1),
        (Some(v), None) => Some(v.1),
    }
}

/// The actor a definite head noun in `from..to` refers back to (مقتل ثلاثة
/// من عناصر الفرقة, with فرقة الحمزة named before): an earlier actor mention
/// of two words or more whose first word is that noun without the article.
fn head_actor(ctx: &Ctx, from: usize, to: usize) -> Option<String> {
    for t in from..to {
        let w = ctx.word(t);
        let head = rasad_text::clitic::strip_article(w);
        if head.len() == w.len() || head.chars().count() < 3 {
            continue;
        }
        if !within(&ctx.actors, t, t + 1, |m| m.start).is_empty() {
            return None;
        }
        // The last such mention ending by `from` (mentions are sorted by
        // start: those starting at `from` or later cannot end by it).
        let headed = ctx.actors_headed(head);
        let before = headed.partition_point(|&i| ctx.actors[i].start < from);
        let found = headed[..before]
            .iter()
            .rev()
            .map(|&i| &ctx.actors[i])
            .find(|m| m.end <= from);
        if let Some(m) = found {
            return Some(ctx.actor_id(m).to_string());
        }
    }
    None
}

/// The first actor of tokens `t0..t1` introduced as a target: a target
/// marker (على، مواقع، حواجز …) within [`TARGET_REACH`] words before it.
fn target_side(ctx: &Ctx, t0: usize, t1: usize) -> Option<String> {
    within(&ctx.actors, t0, t1, |m| m.start)
        .iter()
        .find(|m| {
            let lo = m.start.saturating_sub(TARGET_REACH).max(t0);
            (lo..m.start).any(|p| matches!(ctx.marker_at(p), Some(Marker::Target)))
        })
        .map(|m| ctx.actor_id(m).to_string())
}
