//! Trigger words that tell no conflict incident: the discipline that keeps
//! politics, sport, economy, accidents and crime news free of events.
//!
//! Each rule is a small function over the word lists of
//! `data/events/nonevents.toml` (found once per document, see
//! [`crate::marks::Marks`]):
//!
//! - [`question`]: a question (هل تنجح الهدنة؟) tells nothing that happened;
//! - [`unconcluded_agreement`]: an agreement word (اتفاق، هدنة، صفقة) is an
//!   event only right after a verb that concludes it (توصل الطرفان إلى
//!   اتفاق), between actors of a conflict, and not inside talks or a
//!   reference to an existing deal (وفق اتفاقية، الانسحاب من الاتفاق);
//! - [`no_advance`]: تقدم is a military advance only with an armed subject or
//!   a direction and a place (تقدمت القوات نحو البلدة), not when one submits
//!   or offers (تقدمت بدعوى، تقدم المنصة خدمة);
//! - [`accident_or_sport`]: a sentence about an accident, nature or a game
//!   (صاعقة، حادث سير، مباراة، ركلة) tells no conflict incident unless it
//!   names a strike or a shelling;
//! - [`criminal`]: arrests, thefts, executions and casualties in a sentence
//!   about ordinary crime or a court (تهريب المخدرات، صك شرعي) are no
//!   conflict events;
//! - [`figurative`]: a verbal, media or economic attack (اشتبكوا لفظيا)
//!   and confronting ideas (التصدي للتدخلات);
//! - [`irrealis`]: a request, wish or drill before the act (طلب ألا يقتصر
//!   الهجوم، مناورات).

use crate::context::{within, Ctx};
use crate::lexicon::{Cue, Hit, Trigger};
use crate::marks::Role;

/// True when the trigger `h` (entry `tr`) of the clause `t0..t1` tells no
/// conflict incident.
pub fn dropped(ctx: &Ctx, t0: usize, h: &Hit, tr: &Trigger) -> bool {
    let Some(si) = ctx.sent_of_tok(h.start) else {
        return false;
    };
    question(ctx, si)
        || accident_or_sport(ctx, si)
        || (accident_headline(ctx) && !strike(tr))
        || criminal(ctx, si)
        || figurative(ctx, h, tr)
        || irrealis(ctx, t0, h.start)
        || habitual(ctx, t0, h)
        || reference(ctx, h)
        || recalled(ctx, h)
        || (occasion(ctx, si) && !strike(tr))
        || arms_trade(ctx, t0, h, tr)
        || unconcluded_agreement(ctx, si, h, tr)
        || no_advance(ctx, h, tr)
}

/// True when the casualty claims of sentence `si` with no trigger of their
/// own imply no event (a question, an accident, a game, a crime).
pub fn no_implied(ctx: &Ctx, si: usize) -> bool {
    question(ctx, si)
        || accident_or_sport(ctx, si)
        || drill_accident(ctx, si)
        || accident_headline(ctx)
        || criminal(ctx, si)
        || occasion(ctx, si)
}

/// The title or the lead (the first sentence) tells an accident or a game
/// (صاعقة تقتل عائلة، تحطم مروحية، فوز الفريق): the article is about it.
pub fn accident_headline(ctx: &Ctx) -> bool {
    ctx.accident_title || (!ctx.sents.is_empty() && accident_or_sport(ctx, 0))
}

/// What the title tells, read once on its own as a one-sentence document:
/// `(accident_title, quiet_title)`.
pub fn read_title(title: &str) -> (bool, bool) {
    let a = rasad_text::Analysis::new(title, Vec::new());
    let doc = rasad_record::Document::empty(String::new());
    let ctx = Ctx::new(&a, &doc);
    (accident_title(&ctx), quiet_title(&ctx))
}

/// Whether a title (`حزن بعد غرق فتى في مسبح`) tells an accident
/// (`accident_title` in nonevents.toml) and names no act of violence and no
/// armed force. `ctx` is the title's own context (see [`read_title`]).
pub fn accident_title(ctx: &Ctx) -> bool {
    let n = ctx.toks.len();
    ctx.marks.any(Role::AccidentTitle, 0, n)
        && ctx.triggers.is_empty()
        && !ctx.marks.any(Role::Force, 0, n)
}

/// Words a title needs to be read as one: a shorter or empty title (a
/// bulletin's `عاجل`) says nothing of what the article reports.
const TITLE_MIN_WORDS: usize = 3;

/// Whether a title tells no incident (`الأردن يعلق آمالا على حزمة
/// مساعدات`, `مهرجان كان: أين السينما الإيطالية؟`): it has
/// `TITLE_MIN_WORDS` words or more and no trigger, no casualty word, no
/// `headline` word of nonevents.toml (`تستهدف`, `عدوان`, `يعدم`) and no
/// armed force (`force`: `قوات`, `الحوثيون`) in it.
/// `ctx` is the title's own context (see [`read_title`]).
pub fn quiet_title(ctx: &Ctx) -> bool {
    let n = ctx.toks.len();
    n >= TITLE_MIN_WORDS
        && ctx.triggers.is_empty()
        && ctx.casualty.is_empty()
        && !ctx.marks.any(Role::Headline, 0, n)
        && !ctx.marks.any(Role::Force, 0, n)
}

/// A question: the sentence holds `؟` or `?` (هل تصمد الهدنة؟ علام تقدم
/// المنطقة؟).
pub fn question(ctx: &Ctx, si: usize) -> bool {
    let s = ctx.sents[si];
    let text = ctx.a.text();
    let ci = ctx.a.char_index();
    ci.slice(text, s.span).contains(['؟', '?'])
}

/// Trigger types a strike or a shelling: a sentence that names one tells a
/// conflict incident whatever accident or game words it holds.
fn strike(tr: &Trigger) -> bool {
    matches!(
        tr.subtype.as_str(),
        "air_drone_strike" | "shelling_artillery_missile_attack" | "suicide_bomb"
    )
}

/// A sentence about an accident, nature or a game (قتل أربعة في صاعقة، تصدى
/// الحارس لركلة الجزاء) that names no strike and no armed actor.
pub fn accident_or_sport(ctx: &Ctx, si: usize) -> bool {
    let s = ctx.sents[si];
    let marked = [Role::Accident, Role::Sport, Role::Drill]
        .into_iter()
        .any(|r| ctx.marks.any(r, s.t0, s.t1));
    marked
        && !strike_named(ctx, s.t0, s.t1)
        && !armed_actor(ctx, s.t0, s.t1)
        && !ctx.marks.any(Role::Force, s.t0, s.t1)
}

/// `تحطمت مروحيتان للجيش خلال تدريبات عسكرية ما أدى إلى سقوط 3 قتلى`:
/// casualties of a drill (a sentence with a `drill` word and no strike) were
/// not attacked, though the forces training are named.
pub fn drill_accident(ctx: &Ctx, si: usize) -> bool {
    let s = ctx.sents[si];
    ctx.marks.any(Role::Drill, s.t0, s.t1) && !strike_named(ctx, s.t0, s.t1)
}

fn strike_named(ctx: &Ctx, t0: usize, t1: usize) -> bool {
    within(&ctx.triggers, t0, t1, |h| h.start)
        .iter()
        .any(|h| ctx.lx.triggers.get(h.payload).is_some_and(strike))
}

/// A strike, a shelling or a blast (`انفجار سيارة مفخخة`) named in `t0..t1`.
fn blast_named(ctx: &Ctx, t0: usize, t1: usize) -> bool {
    within(&ctx.triggers, t0, t1, |h| h.start).iter().any(|h| {
        ctx.lx
            .triggers
            .get(h.payload)
            .is_some_and(|tr| strike(tr) || tr.kind == "explosions_remote_violence")
    })
}

/// An actor of a conflict (not civilians) named in `t0..t1`.
fn armed_actor(ctx: &Ctx, t0: usize, t1: usize) -> bool {
    within(&ctx.actors, t0, t1, |m| m.start)
        .iter()
        .any(|m| ctx.actor_id(m) != "CIVILIANS")
}

/// A sentence about ordinary crime or a court (القبض على مهرب المخدرات،
/// صدر بحقه صك شرعي) that names no strike.
/// Armed forces or terrorists named in the sentence (القوات الأمنية ألقت
/// القبض على إرهابيين) make the case a conflict one.
pub fn criminal(ctx: &Ctx, si: usize) -> bool {
    let s = ctx.sents[si];
    ctx.marks.any(Role::Crime, s.t0, s.t1)
        && !strike_named(ctx, s.t0, s.t1)
        && !ctx.marks.any(Role::Force, s.t0, s.t1)
}

/// An article about ordinary crime (`فتح مطلق النار النار على رواد مهرجان
/// ثم اعتقلت الشرطة المشتبه به`): its lead (the first
/// `LEAD_SENTENCES` sentences) names a crime word or a shooting (`إطلاق
/// نار في ركن أحد الشوارع`; not beside a strike or a blast), and no armed
/// actor and no armed force is named anywhere in it. Its shootings and
/// arrests are crime, not conflict events.
pub fn crime_story(ctx: &Ctx) -> bool {
    let n = ctx.toks.len();
    let lead_end = ctx
        .sents
        .get(crate::LEAD_SENTENCES.min(ctx.sents.len()).saturating_sub(1))
        .map_or(0, |s| s.t1);
    let shooting = ctx
        .marks
        .of(Role::Shooting, 0, lead_end)
        .iter()
        .any(|h| !ceasefire(ctx, h.start))
        && !blast_named(ctx, 0, lead_end);
    (ctx.marks.any(Role::Crime, 0, lead_end) || shooting)
        && !armed_actor(ctx, 0, n)
        && !ctx.marks.any(Role::Force, 0, n)
}

/// `وقف إطلاق النار`: the shooting word at token `t` names a ceasefire.
fn ceasefire(ctx: &Ctx, t: usize) -> bool {
    t > 0
        && rasad_text::clitic::readings(ctx.word(t - 1))
            .iter()
            .any(|r| crate::grammar::grammar().ceasefire.contains(r.bare))
}

/// A commemoration, a show or a work (بمناسبة الذكرى، مهرجان، مسلسل) named
/// in sentence `si`: what it tells is recalled or depicted.
pub fn occasion(ctx: &Ctx, si: usize) -> bool {
    let s = ctx.sents[si];
    ctx.marks.any(Role::Occasion, s.t0, s.t1)
}

/// Words between an attack noun and a verb of habit before it (تواجه
/// هجمات) or a relative one after it (الهجمات التي تنفذها).
const HABIT_WORDS: usize = 3;

/// A state of affairs one faces or fights (مصر تواجه هجمات، تتعرض
/// لهجمات) before the trigger in its clause, or a habitual relative verb
/// right after it (الهجمات التي تنفذها الحركة).
pub fn habitual(ctx: &Ctx, t0: usize, h: &Hit) -> bool {
    let (_, g1) = ctx.segment(h.start);
    let lo = h.start.saturating_sub(HABIT_WORDS).max(t0);
    ctx.marks
        .of(Role::Habitual, lo, h.start)
        .iter()
        .any(|m| m.end <= h.start && m.end + 1 >= h.start)
        || ctx
            .marks
            .any(Role::Habitual, h.end, (h.end + HABIT_WORDS).min(g1))
}

/// Words between a reference word and the act it points back at
/// (`المسؤولية الكاملة عن الهجوم`: an adjective may stand between).
const REFERENCE_WORDS: usize = 2;

/// `نفت الحكومة أي مسؤولية عن الهجوم`، `أدان الوزير التفجير`: responsibility,
/// a denial of it or a condemnation right before a definite act noun points
/// back at an incident the article tells elsewhere; the word tells no new one.
pub fn reference(ctx: &Ctx, h: &Hit) -> bool {
    let lo = h.start.saturating_sub(REFERENCE_WORDS + 1);
    ctx.definite(h.start)
        && ctx
            .marks
            .of(Role::Reference, lo, h.start)
            .iter()
            .any(|m| m.end <= h.start && m.end + REFERENCE_WORDS >= h.start)
}

/// `تتهم طهران إسرائيل بالهجمات الأخيرة على أهداف إيرانية`: a definite act
/// noun with an adjective that points back (`recalled`: الأخيرة، السابقة)
/// right after it recalls incidents told before; it tells no new one.
pub fn recalled(ctx: &Ctx, h: &Hit) -> bool {
    ctx.definite(h.start) && !ctx.marks.of(Role::Recalled, h.end, h.end + 1).is_empty()
}

/// Weapons sold, made or tested (وافقت على صفقة تحصل بموجبها على صواريخ،
/// تجربة صاروخ): a remote-violence trigger in the clause of an arms-trade
/// word names a weapon, not a strike.
pub fn arms_trade(ctx: &Ctx, t0: usize, h: &Hit, tr: &Trigger) -> bool {
    if tr.kind != "explosions_remote_violence" {
        return false;
    }
    let (_, t1) = ctx.segment(h.start);
    let end = ctx
        .sents
        .get(ctx.sent_of_tok(h.start).unwrap_or(0))
        .map_or(t1, |s| s.t1);
    ctx.marks.any(Role::ArmsTrade, t0, end)
}

/// A figurative or verbal act in the trigger's segment (اشتبك المؤيدون
/// والمعارضون لفظيا، هجوم إعلامي), or confronting what is no armed force
/// (التصدي للتدخلات، تصدى للإرهاب فكريا).
pub fn figurative(ctx: &Ctx, h: &Hit, tr: &Trigger) -> bool {
    let (g0, g1) = ctx.segment(h.start);
    if ctx.marks.any(Role::Figurative, g0, g1) {
        return true;
    }
    // the verbal noun of a repel verb with the article (التصدي لـ…) names
    // a policy, not an act: an act repelled names its attack or strike
    (tr.flags.repel && ctx.definite(h.start)) || verbal_attack(ctx, h, tr)
}

/// `هاجم مسؤولون في الجماعة المبعوث الدولي`، `هاجم الأكاديمي الإعلامي`: an
/// attack verb whose subject, right after it, is a person of words (a
/// `speaker`: official, minister, writer, party) attacks with words.
fn verbal_attack(ctx: &Ctx, h: &Hit, tr: &Trigger) -> bool {
    tr.kind == "battles"
        && tr.flags.verb
        && ctx
            .marks
            .of(Role::Speaker, h.end, h.end + 1)
            .iter()
            .any(|m| m.start == h.end)
}

/// A request, wish, question word or drill before the trigger in its clause
/// (طلب ألا يقتصر الهجوم، مناورات بالذخيرة الحية).
pub fn irrealis(ctx: &Ctx, t0: usize, t: usize) -> bool {
    ctx.marks
        .of(Role::Irrealis, t0, t)
        .iter()
        .any(|m| m.end <= t)
}

/// Words before an agreement word a concluding verb may stand.
const CONCLUDE_WORDS: usize = 7;

/// An agreement word that no concluding verb governs (الاتفاق النووي، اتفاق
/// الحبوب، صفقة انتقال اللاعب), that talks or a reference govern (مباحثات
/// الهدنة، وفق اتفاقية أوسلو), or that concludes no deal between actors of
/// a conflict (توصل النادي لاتفاق مع لاعب).
pub fn unconcluded_agreement(ctx: &Ctx, si: usize, h: &Hit, tr: &Trigger) -> bool {
    if tr.subtype != "agreement" {
        return false;
    }
    let (g0, g1) = ctx.segment(h.start);
    let lo = h.start.saturating_sub(CONCLUDE_WORDS).max(g0);
    let concluded = ctx
        .marks
        .of(Role::Concluding, lo, h.start)
        .iter()
        .any(|m| m.end <= h.start)
        || ctx
            .marks
            .any(Role::InForce, h.end, (h.end + CONCLUDE_WORDS).min(g1));
    let talks = ctx
        .marks
        .of(Role::Negotiation, g0, h.start)
        .iter()
        .any(|m| m.end <= h.start);
    let s = ctx.sents[si];
    let parties = armed_actor(ctx, s.t0, s.t1) || ctx.marks.any(Role::Force, s.t0, s.t1);
    !concluded || talks || !parties
}

/// Words around تقدم its subject or direction may stand.
const ADVANCE_WORDS: usize = 5;
/// Words after a direction (نحو، باتجاه) its place or position may stand
/// (`باتجاه أطراف البلدة الشرقية`).
const DIRECTION_PLACE_WORDS: usize = 4;

/// تقدم (a territory verb that takes no ground object) with no armed subject
/// and no direction towards a place: it submits, offers or progresses
/// (تقدمت الدولة بدعوى، تقدم المنصة خدمة، اطراد التقدم).
pub fn no_advance(ctx: &Ctx, h: &Hit, tr: &Trigger) -> bool {
    if !tr.flags.territory || tr.flags.weak || tr.flags.ground_object {
        return false;
    }
    let (g0, g1) = ctx.segment(h.start);
    let a1 = (h.end + ADVANCE_WORDS).min(g1);
    if ctx.marks.any(Role::Submit, h.end, a1) {
        return true;
    }
    // the subject may stand anywhere before in the sentence (الثوار …
    // فتقدموا، القوات البرية مستمرة في التقدم)
    let s0 = ctx.sent_of_tok(h.start).map_or(g0, |si| ctx.sents[si].t0);
    let subject = armed_actor(ctx, s0, a1)
        || ctx.marks.any(Role::Force, s0, h.start)
        || ctx.marks.any(Role::Force, h.end, a1);
    let toward = ctx.marks.of(Role::Direction, h.end, a1).iter().any(|d| {
        let to = (d.end + DIRECTION_PLACE_WORDS).min(g1);
        !within(&ctx.places, d.end, to, |m| m.start).is_empty()
            || ctx.has_cue(Cue::TerritoryObject, d.start, to)
    });
    !(subject || toward)
}
