//! Event candidates: the triggers of each clause that survive the discipline
//! rules (negation, plans and threats, generic statements, background
//! wording, breakdowns of a casualty count), grouped by ACLED type, typed
//! with the strongest trigger and refined by who acted and who was hit.

use crate::casualty::Claim;
use crate::clause::Clause;
use crate::context::{within, Ctx};
use crate::grammar::{self, grammar};
use crate::lexicon::{Cue, Hit, Trigger};
use crate::roles::{self, Roles, AIR_ACTORS};
use rasad_record::CasualtyKind;

/// Government forces: territory they take is regained.
const GOV: &[&str] = &["SYR_GOV", "IRAQ_GOV", "PMF"];

/// A trigger that survived the discipline rules.
#[derive(Debug, Clone, Copy)]
pub struct Live<'l> {
    pub hit: Hit,
    pub trig: &'l Trigger,
    /// Strong triggers make events; weak ones only type them.
    pub strong: bool,
}

/// Words opening a clause where a generic cue makes the whole clause
/// generic (`عادة ما تشن الفصائل هجمات`): the cue and its verb.
const GENERIC_OPENING: usize = 2;
/// `بواقع 267 كلغم`: a word whose clitic reading makes a trigger but which
/// is another word (`false_reading` in grammar.words: the kilogram
/// abbreviation read as ك + لغم) names no act.
fn false_reading(ctx: &Ctx, h: &Hit) -> bool {
    crate::grammar::grammar()
        .false_reading
        .contains(ctx.word(h.start))
}

/// Words before a trigger a background word governs it from (`بعد ساعات من
/// القصف`, see `background` in cues.toml).
const BACKGROUND_REACH: usize = 3;
/// Words before a trigger a relative pronoun governs it from (`التي شهدت
/// اشتباكات`).
const RELATIVE_REACH: usize = 3;
/// Words before a trigger a support marker names it as backing from (`بغطاء
/// من الطيران`).
const SUPPORT_REACH: usize = 3;
/// Words before a weak territory trigger a reporting verb makes it the news
/// from (`أعلن الجيش رسمياً السيطرة على`).
const REPORTING_REACH: usize = 5;
/// Words after a repel verb the words of the same repelled strike run
/// (`تصدت وسائط الدفاع الجوي`).
const REPEL_WORDS: usize = 2;
/// Words before an act word `أي` (any) may stand: `أي` and a preposition
/// (`نفى وقوع أي قصف`).
const ANY_BEFORE: usize = 2;

/// The triggers of a clause that describe something that happened.
/// `breakdown` are token ranges of sub-counts (their words are no event).
/// A cumulative tally lists what caused its dead (`في القصف والاشتباكات`):
/// a clause of a tally sentence has none.
pub fn live<'l>(
    ctx: &Ctx<'l>,
    cl: &Clause,
    breakdown: &[(usize, usize)],
    tally_sentence: bool,
) -> Vec<Live<'l>> {
    if tally_sentence {
        return Vec::new();
    }
    let mut out = Vec::new();
    for h in within(&ctx.triggers, cl.t0, cl.t1, |h| h.start) {
        let Some(trig) = ctx.lx.triggers.get(h.payload) else {
            continue;
        };
        if tells_nothing(ctx, cl, h, trig)
            || breakdown.iter().any(|(a, b)| *a <= h.start && h.start < *b)
            || false_reading(ctx, h)
        {
            continue;
        }
        let strong = strong(ctx, cl, h, trig);
        out.push(Live {
            hit: *h,
            trig,
            strong,
        });
    }
    repelled_strike(ctx, &mut out);
    if out.iter().any(|l| l.trig.flags.defuse) {
        out.retain(|l| l.trig.kind != "explosions_remote_violence");
    }
    out
}

/// True when trigger `h` of clause `cl` tells nothing that happened, by the
/// first rule that says so (the non-event lists are [`crate::nonevents`]).
fn tells_nothing(ctx: &Ctx, cl: &Clause, h: &Hit, trig: &Trigger) -> bool {
    generic_statement(ctx, cl, h)
        || ctx.negated(h.start)
        || crate::nonevents::dropped(ctx, cl.t0, h, trig)
        || cue_ends_before(ctx, Cue::NonEvent, cl.t0, h.start)
        || modal_before(ctx, cl.t0, h.start)
        || any_denied(ctx, cl.t0, h.start)
        || ground_without_ground(ctx, h, trig)
        || capture_released(ctx, cl, h, trig)
        || held(ctx, cl.t0, h.start)
}

/// `عادة ما تشن الفصائل هجمات على الطريق`: a habitual or sweeping
/// statement, in the trigger's segment or opening the clause.
fn generic_statement(ctx: &Ctx, cl: &Clause, h: &Hit) -> bool {
    let (g0, g1) = ctx.segment(h.start);
    ctx.has_cue(Cue::Generic, g0, g1) || ctx.has_cue(Cue::Generic, cl.t0, cl.t0 + GENERIC_OPENING)
}

/// `استولى المسلحون على هواتف الركاب`: ground taken needs ground: a
/// territory verb whose object is no place, force or position takes no
/// territory.
fn ground_without_ground(ctx: &Ctx, h: &Hit, trig: &Trigger) -> bool {
    trig.flags.ground_object && !territorial_object(ctx, h.end, seg_end(ctx, h.start))
}

/// `أفرجت الشرطة عن عشرين كانت قد اعتقلتهم`: the capture told after a
/// release in the clause is its background.
fn capture_released(ctx: &Ctx, cl: &Clause, h: &Hit, trig: &Trigger) -> bool {
    matches!(
        trig.subtype.as_str(),
        "arrests" | "abduction_forced_disappearance"
    ) && cue_ends_before(ctx, Cue::Release, cl.t0, h.start)
}

/// True when a `cue` in `t0..t` ends by token `t`.
fn cue_ends_before(ctx: &Ctx, cue: Cue, t0: usize, t: usize) -> bool {
    ctx.cues_in(cue, t0, t).iter().any(|c| c.end <= t)
}

/// Whether trigger `h` makes an event (strong) or only types one: a weak
/// trigger, or one in a relative clause, after a background word or a
/// relative pronoun, or named as backing, is not strong — except a weak
/// territory trigger right after a reporting verb (`أعلن الجيش السيطرة على
/// التلة`), which is the news.
fn strong(ctx: &Ctx, cl: &Clause, h: &Hit, trig: &Trigger) -> bool {
    let seg0 = ctx.segment(h.start).0;
    let background = governed_by_background(ctx, h, seg0);
    let relative = cue_ends_before(
        ctx,
        Cue::Relative,
        h.start.saturating_sub(RELATIVE_REACH).max(cl.t0),
        h.start,
    );
    let subordinate = cl.relative || background || relative;
    if !trig.flags.weak {
        return !subordinate && !backing(ctx, h, seg0);
    }
    trig.flags.territory
        && !subordinate
        && cue_ends_before(
            ctx,
            Cue::Reporting,
            h.start.saturating_sub(REPORTING_REACH).max(seg0),
            h.start,
        )
}

/// `عقب الهجوم شنت الطائرات غارات`: a background word within
/// [`BACKGROUND_REACH`] words governs the first act after it: an act told
/// after a definite one is the news; one in construct with it is the same act
/// (`بعد تفجير عبوة`).
fn governed_by_background(ctx: &Ctx, h: &Hit, seg0: usize) -> bool {
    let lo = h.start.saturating_sub(BACKGROUND_REACH).max(seg0);
    ctx.cues_in(Cue::Background, lo, h.start).iter().any(|c| {
        c.end <= h.start
            && within(&ctx.triggers, c.end, h.start, |x| x.start)
                .iter()
                .all(|x| !ctx.definite(x.start))
    })
}

/// `بدعم من المدفعية`، `بغطاء من الطيران`: a weapon named as backing
/// within [`SUPPORT_REACH`] words (no actor between) is no event of its own.
fn backing(ctx: &Ctx, h: &Hit, seg0: usize) -> bool {
    (h.start.saturating_sub(SUPPORT_REACH).max(seg0)..h.start).any(|p| {
        matches!(ctx.marker_at(p), Some(crate::lexicon::Marker::Support))
            && !ctx.actors.iter().any(|m| m.end > p && m.end <= h.start)
    })
}

/// `تصدت وسائط الدفاع الجوي لعدوان صاروخي`: air defences that repelled
/// missiles or an air raid told in the same segment are part of the strike:
/// the repel verb and the words right after it make no event.
fn repelled_strike(ctx: &Ctx, out: &mut [Live]) {
    let repelled: Vec<usize> = out
        .iter()
        .filter(|l| l.trig.flags.repel)
        .filter(|l| {
            let end = seg_end(ctx, l.hit.start);
            out.iter().any(|x| {
                x.trig.kind == "explosions_remote_violence"
                    && x.hit.start >= l.hit.end
                    && x.hit.start < end
            })
        })
        .map(|l| l.hit.start)
        .collect();
    for l in out.iter_mut() {
        let start = l.hit.start;
        if repelled
            .iter()
            .any(|&r| start == r || (start > r && start <= r + REPEL_WORDS))
        {
            l.strong = false;
        }
    }
}

/// True when `أي` (any) stands right before the trigger at `t`, or one word
/// before it, after a denial or negation earlier in the clause.
fn any_denied(ctx: &Ctx, t0: usize, t: usize) -> bool {
    let is_any = |p: usize| grammar().any.contains(ctx.word(p));
    let lo = t.saturating_sub(ANY_BEFORE).max(t0);
    let any = (lo..t).any(is_any);
    if any
        && (ctx.cues_in(Cue::Denial, t0, t).iter().any(|c| c.end <= t)
            || ctx.cues_in(Cue::Negation, t0, t).iter().any(|c| c.end <= t))
    {
        return true;
    }
    // a denial of "any" tie to the act (نفت أي علاقة لها بعملية الخطف)
    // tells no act of its own
    ctx.cues_in(Cue::Denial, t0, t)
        .iter()
        .any(|c| c.end <= t && t - c.end <= DENIED_WORDS && (c.end..t).any(is_any))
}

/// Words between a denial and the act it denies "any" part in.
const DENIED_WORDS: usize = 6;

/// Words before an act word its holder noun may stand: the noun and في.
const HOLDER_REACH: usize = 2;

/// True when the act word at `t` qualifies the noun just before it,
/// directly or after في (مذكرة احتجاج، ناشط في الاحتجاجات).
fn held(ctx: &Ctx, t0: usize, t: usize) -> bool {
    let lo = t.saturating_sub(HOLDER_REACH).max(t0);
    ctx.cues_in(Cue::Holder, lo, t)
        .iter()
        .any(|c| c.end == t || (c.end + 1 == t && grammar().in_.contains(ctx.word(c.end))))
}

/// End of the segment of token `t`.
fn seg_end(ctx: &Ctx, t: usize) -> usize {
    ctx.segment(t).1
}

/// Words after a territory verb its object may take.
const OBJECT_WORDS: usize = 4;

/// A place, a force or a position (cue `territory_object`) within a few
/// words after a territory verb.
fn territorial_object(ctx: &Ctx, from: usize, end: usize) -> bool {
    // the object follows على when there is one (سيطر المسلحون على …), else
    // the verb and its subject (حررت قوات النظام القرية)
    let from = (from..end.min(from + OBJECT_WORDS))
        .find(|&t| grammar().on.contains(ctx.word(t)))
        .map(|t| t + 1)
        .or_else(|| {
            within(&ctx.actors, from, from + 1, |m| m.start)
                .first()
                .map(|m| m.end)
        })
        .unwrap_or(from);
    let to = end.min(from + OBJECT_WORDS);
    from >= to
        || !within(&ctx.places, from, to, |m| m.start).is_empty()
        || !within(&ctx.actors, from, to, |m| m.start).is_empty()
        || ctx.has_cue(Cue::TerritoryObject, from, to)
}

/// `قد` before an imperfect verb (قد يفتحه): a possibility, not a fact.
fn modal_before(ctx: &Ctx, t0: usize, t: usize) -> bool {
    ctx.cues_in(Cue::Modal, t0, t).iter().any(|c| {
        let next = ctx.word(c.end);
        c.end <= t && (next.starts_with('ي') || next.starts_with('ن'))
    })
}

/// An event read from one clause (or one sentence, for a casualty claim with
/// no trigger of its own).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub kind: String,
    pub subtype: String,
    pub sent: usize,
    pub t0: usize,
    pub t1: usize,
    /// First token of the trigger (for certainty).
    pub at: usize,
    pub roles: Roles,
    /// Indices of the claims (in the claims list) this event reports.
    pub claims: Vec<usize>,
    /// Built from a casualty claim with no trigger of its own.
    pub implied: bool,
}

/// What the type of a candidate is refined with: its strongest trigger,
/// the triggers of its type, its roles and victims, and whether aircraft
/// words (`جوية`، `الطائرات الحربية`) stand in its clause.
struct Facts<'f> {
    top: &'f Trigger,
    lives: &'f [&'f Live<'f>],
    roles: &'f Roles,
    victims: &'f [&'f Claim],
    air_words: bool,
}

/// A type and sub-type.
type Typed = (String, String);

/// Refines type and sub-type with the actors and the victims: each rule,
/// in order, may retype (a later one wins).
fn refine(typed: &mut Typed, f: &Facts) {
    if let Some(sub) = territory_subtype(f) {
        typed.1 = sub.into();
    }
    if air_strike(f) {
        typed.1 = "air_drone_strike".into();
    }
    if shooting_civilians(f) {
        *typed = ("violence_against_civilians".into(), "attack".into());
    }
    if assassination_of_fighters(f) {
        *typed = ("battles".into(), "armed_clash".into());
    }
    if let Some(sub) = protest_subtype(f) {
        typed.1 = sub.into();
    }
}

/// `استعادت قوات النظام السيطرة على البلدة`: ground taken by government
/// forces is regained, by anyone else overtaken.
fn territory_subtype(f: &Facts) -> Option<&'static str> {
    let gov = f.roles.actor1.iter().any(|a| GOV.contains(&a.as_str()));
    f.top.flags.territory.then_some(if gov {
        "government_regains_territory"
    } else {
        "non_state_actor_overtakes_territory"
    })
}

/// `قصفت طائرات التحالف مواقع`: a shelling by aircraft (named as the agent,
/// an air actor, or aircraft words in the clause) is an air strike.
fn air_strike(f: &Facts) -> bool {
    let air_actor = f
        .roles
        .actor1
        .iter()
        .any(|a| AIR_ACTORS.contains(&a.as_str()));
    f.top.flags.shelling && (f.roles.air || f.air_words || air_actor)
}

/// `أطلق مسلحون النار على سيارة فقتل راكبان مدنيان`: a shooting whose
/// victims are all civilians is an attack on civilians.
fn shooting_civilians(f: &Facts) -> bool {
    let civ = !f.victims.is_empty()
        && f.victims
            .iter()
            .all(|c| c.group.as_deref() == Some("CIVILIANS"));
    f.top.flags.shooting && civ
}

/// `اغتيال قيادي في الفصيل`: an assassination of an armed side's member is
/// a clash with that side.
fn assassination_of_fighters(f: &Facts) -> bool {
    let armed = f
        .victims
        .iter()
        .any(|c| c.group.as_deref().is_some_and(|g| g != "CIVILIANS"));
    f.top.flags.assassination && armed
}

/// `تظاهرة قتل فيها محتجان`، `فرقت الشرطة المتظاهرين`: a protest with
/// dead or wounded met excessive force; one with an intervention word was
/// met with intervention.
fn protest_subtype(f: &Facts) -> Option<&'static str> {
    if !f.top.flags.protest {
        return None;
    }
    let hurt = f
        .victims
        .iter()
        .any(|c| matches!(c.kind, CasualtyKind::Killed | CasualtyKind::Injured));
    if hurt {
        Some("excessive_force_against_protesters")
    } else if f.lives.iter().any(|l| l.trig.flags.intervention) {
        Some("protest_with_intervention")
    } else {
        None
    }
}

/// The type of a candidate whose strongest trigger is `top`, refined with
/// the triggers of its type among `lives`.
fn typed(
    top: &Trigger,
    lives: &[Live],
    roles: &Roles,
    victims: &[&Claim],
    air_words: bool,
) -> Typed {
    let group: Vec<&Live> = lives.iter().filter(|l| l.trig.kind == top.kind).collect();
    let mut typed = (top.kind.clone(), top.subtype.clone());
    let facts = Facts {
        top,
        lives: &group,
        roles,
        victims,
        air_words,
    };
    refine(&mut typed, &facts);
    typed
}

/// True when an aircraft marker or adjective stands in `t0..t1`.
fn air_words(ctx: &Ctx, t0: usize, t1: usize) -> bool {
    (t0..t1).any(|t| matches!(ctx.marker_at(t), Some(crate::lexicon::Marker::Air)))
        || (t0..t1).any(|t| grammar().air_adjective.contains(ctx.word(t)))
}

/// The triggers that give roles: a repel verb that only tells the air
/// defences met a strike gives none.
fn role_triggers<'l>(lives: &[Live<'l>]) -> Vec<(usize, usize, &'l Trigger)> {
    lives
        .iter()
        .filter(|l| l.strong || !l.trig.flags.repel)
        .map(|l| (l.hit.start, l.hit.end, l.trig))
        .collect()
}

/// The claims whose words lie in clause `cl`: reportable, no tally, no
/// sub-count.
fn clause_claims(cl: &Clause, claims: &[Claim]) -> Vec<usize> {
    crate::casualty::of_sentence(claims, cl.sent)
        .filter(|&i| {
            let c = &claims[i];
            cl.t0 <= c.t0 && c.t0 < cl.t1 && c.reportable() && !c.tally && c.part_of.is_none()
        })
        .collect()
}

/// Candidates of one clause, one per type of its strong triggers. `claims`
/// are all claims; those whose words lie in the clause are its victims (the
/// first candidate reports them).
pub fn candidates(ctx: &Ctx, cl: &Clause, lives: &[Live], claims: &[Claim]) -> Vec<Candidate> {
    let mine = clause_claims(cl, claims);
    let victims: Vec<&Claim> = mine.iter().map(|&i| &claims[i]).collect();
    let vranges = victim_ranges(ctx, claims, cl.sent);
    let trig = role_triggers(lives);
    let aw = air_words(ctx, cl.t0, cl.t1);
    let mut kinds: Vec<&str> = Vec::new();
    for l in lives.iter().filter(|l| l.strong) {
        if !kinds.contains(&l.trig.kind.as_str()) {
            kinds.push(&l.trig.kind);
        }
    }
    let mut out = Vec::new();
    for k in kinds {
        let Some((top, at)) = strongest(lives, k) else {
            continue;
        };
        let roles = roles::roles(ctx, cl.t0, cl.t1, &trig, &vranges);
        let (kind, subtype) = typed(top.trig, lives, &roles, &victims, aw);
        out.push(Candidate {
            kind,
            subtype,
            sent: cl.sent,
            t0: cl.t0,
            t1: cl.t1,
            at,
            roles,
            claims: Vec::new(),
            implied: false,
        });
    }
    attack_told_with_strike(ctx, lives, &mut out);
    killing_told_with_blast(&mut out);
    if let Some(first) = out.first_mut() {
        first.claims = mine;
    }
    out
}

/// The strong trigger of type `kind` with the highest priority (the first
/// told among equals), and where the first strong one of the type starts.
fn strongest<'a, 'l>(lives: &'a [Live<'l>], kind: &str) -> Option<(&'a Live<'l>, usize)> {
    let strong = || lives.iter().filter(|l| l.strong && l.trig.kind == kind);
    let top = strong().max_by_key(|l| (l.trig.priority, std::cmp::Reverse(l.hit.start)))?;
    let at = strong().map(|l| l.hit.start).min().unwrap_or(top.hit.start);
    Some((top, at))
}

/// `اغتيال المدير بتفجير عبوة ناسفة استهدفت سيارته`: a killing told with
/// the blast that did it in one clause is that blast (ACLED codes an
/// assassination by a bomb as a remote explosive), not a second event.
fn killing_told_with_blast(out: &mut Vec<Candidate>) {
    if out.iter().any(|c| c.kind == "explosions_remote_violence") {
        out.retain(|c| c.kind != "violence_against_civilians");
    }
}

/// `هجوم بطائرة مسيرة على القاعدة`، `هجوم انتحاري بسيارة مفخخة`: an attack
/// told with the means of a remote strike in the same clause is that strike,
/// not a second battle (unless a battle word other than the generic attack
/// noun is told).
fn attack_told_with_strike(ctx: &Ctx, lives: &[Live], out: &mut Vec<Candidate>) {
    if !out.iter().any(|c| c.kind == "explosions_remote_violence") {
        return;
    }
    let other_battle = lives
        .iter()
        .filter(|l| l.strong && l.trig.kind == "battles")
        .any(|l| !generic_attack(ctx.word(l.hit.start)));
    out.retain(|c| c.kind != "battles" || other_battle);
}

/// Whether `word` (with clitics and the article) is a generic attack noun
/// (`generic_attack` of `grammar.words`: هجوم، هجمات، هجمة).
fn generic_attack(word: &str) -> bool {
    let stems = &grammar().generic_attack;
    rasad_text::clitic::readings(word)
        .iter()
        .any(|r| grammar::starts_any(r.bare, stems))
}

/// Token ranges that name the side of the claims of sentence `si`.
pub fn victim_ranges(_ctx: &Ctx, claims: &[Claim], si: usize) -> Vec<(usize, usize)> {
    claims[crate::casualty::of_sentence(claims, si)]
        .iter()
        .flat_map(|c| {
            let side = c.group_at.map(|g| (g, g + 1));
            std::iter::once((c.t0, c.t1)).chain(side)
        })
        .collect()
}

/// A candidate for claims of sentence `si` that no trigger of their clause
/// reported: typed with the best trigger of the sentence (even a background
/// or weak one: مقتل مدني برصاص قناص، قُتل خلال اشتباكات), else by the victims.
pub fn implied(
    ctx: &Ctx,
    si: usize,
    claims: &[Claim],
    unreported: Vec<usize>,
    lives: &[Live],
) -> Option<Candidate> {
    let s = ctx.sents[si];
    let victims: Vec<&Claim> = unreported.iter().map(|&i| &claims[i]).collect();
    let first = victims.first()?;
    let vranges = victim_ranges(ctx, claims, si);
    let roles = roles::roles(ctx, s.t0, s.t1, &role_triggers(lives), &vranges);
    let top = lives
        .iter()
        .filter(|l| !l.trig.flags.defuse)
        .max_by_key(|l| l.trig.priority);
    let (typed, at) = match top {
        Some(l) => {
            let air = air_words(ctx, s.t0, s.t1);
            (typed(l.trig, lives, &roles, &victims, air), l.hit.start)
        }
        None => (by_victims(&victims), first.t0),
    };
    Some(Candidate {
        kind: typed.0,
        subtype: typed.1,
        sent: si,
        t0: s.t0,
        t1: s.t1,
        at,
        roles,
        claims: unreported,
        implied: true,
    })
}

/// `مقتل مدنيين اثنين`: claims with no trigger in their sentence are an
/// attack on civilians when every victim is a civilian, else a clash.
fn by_victims(victims: &[&Claim]) -> Typed {
    let civ = victims
        .iter()
        .all(|c| c.group.as_deref() == Some("CIVILIANS"));
    if civ {
        ("violence_against_civilians".into(), "attack".into())
    } else {
        ("battles".into(), "armed_clash".into())
    }
}
