//! Casualty claims and events, read from the clause with the facts the other
//! stages found (times, quantities, actors, places, sources, with spans).
//!
//! The knowledge (trigger words and their ACLED types, casualty words, victim
//! nouns, cue words, role markers) is data in `data/events/`. The reading:
//!
//! 1. [`context`] indexes the document: sentences, mentions and lexicon hits
//!    as token ranges;
//! 2. [`casualty`] reads the claims (count, side via [`group`], tally,
//!    sub-counts), attributed with [`certainty`];
//! 3. [`clause`] cuts sentences into clauses; [`triggers`] keeps the triggers
//!    that tell something that happened and types a candidate per clause and
//!    type, with [`roles`];
//! 4. [`merge`] joins candidates that tell one incident, and dates and places
//!    them ([`dating`]).
//!
//! Everything is linear in the text; the lexicon is compiled once.

pub mod casualty;
pub mod certainty;
pub mod clause;
pub mod context;
pub mod dating;
pub mod grammar;
pub mod group;
pub mod lexicon;
pub mod marks;
pub mod merge;
pub mod nonevents;
pub mod roles;
#[cfg(test)]
mod tests;
pub mod triggers;

use context::{within, Ctx};
use lexicon::Cue;
use rasad_record::{Casualty, Document, Event};
use rasad_text::Analysis;

/// Reads casualty claims and events. `doc` carries everything found so far
/// (published, places, actors, persons, sources, times, quantities, with spans).
pub fn extract(a: &Analysis, doc: &Document) -> (Vec<Casualty>, Vec<Event>) {
    let mut ctx = Ctx::new(a, doc);
    let (accident, quiet) = doc
        .title
        .as_deref()
        .map_or((false, false), nonevents::read_title);
    ctx.accident_title = accident;
    let sources = certainty::sentence_sources(&ctx);
    let claims = casualty::claims(&ctx, &sources);
    let (casualties, index) = casualty::report(&claims, doc.outlet.as_deref());
    let mut cands = Vec::new();
    for (si, s) in ctx.sents.iter().enumerate() {
        if !ctx.is_related(s) {
            cands.extend(sentence_candidates(&ctx, si, s, &claims));
        }
    }
    let mut events = merge::build(&ctx, cands, &claims, &index, &casualties, &sources);
    events.retain(|e| !sideless_battle(&ctx, e) && !partyless_agreement(&ctx, e));
    if quiet && !lead_counts_casualties(&claims) {
        events.clear();
    }
    if nonevents::crime_story(&ctx) {
        events.retain(|e| matches!(e.kind.as_str(), "protests" | "riots"));
    }
    for e in &mut events {
        fire_on_civilians(e);
        sole_air_force(&ctx, e);
    }
    (casualties, events)
}

/// The event candidates of sentence `si`: one per type of each clause's
/// live triggers, the claims no trigger reported joined to the candidate
/// told before them, or, with no trigger, one candidate the claims imply.
fn sentence_candidates(
    ctx: &Ctx,
    si: usize,
    s: &context::Sent,
    claims: &[casualty::Claim],
) -> Vec<triggers::Candidate> {
    // sub-count breakdowns that follow a total: their words are no event
    let mine = &claims[casualty::of_sentence(claims, si)];
    let breakdown: Vec<(usize, usize)> = casualty::breakdown_regions(ctx, s.t0, s.t1)
        .into_iter()
        .filter(|(r0, _)| mine.iter().any(|c| c.t1 <= *r0))
        .collect();
    let tally = mine.iter().any(|c| c.tally);
    let mut here = Vec::new();
    let mut lives = Vec::new();
    for cl in clause::clauses(ctx, si, s) {
        let l = triggers::live(ctx, &cl, &breakdown, tally);
        here.extend(triggers::candidates(ctx, &cl, &l, claims));
        lives.extend(l);
    }
    let unreported = unreported(si, claims, &here);
    if here.is_empty() {
        here.extend(
            triggers::implied(ctx, si, claims, unreported, &lives)
                .filter(|_| !nonevents::no_implied(ctx, si)),
        );
    } else {
        for i in unreported {
            let t = claims[i].t0;
            let k = here.iter().rposition(|c| c.t0 <= t).unwrap_or(0);
            here[k].claims.push(i);
        }
    }
    for c in &mut here {
        fill_actors(ctx, c);
        one_sided_clash(c);
    }
    here
}

/// The reportable claims of sentence `si` (no tally, no sub-count) that no
/// candidate of `here` reports.
fn unreported(si: usize, claims: &[casualty::Claim], here: &[triggers::Candidate]) -> Vec<usize> {
    let reported: Vec<usize> = here.iter().flat_map(|c| c.claims.iter().copied()).collect();
    casualty::of_sentence(claims, si)
        .filter(|&i| {
            let c = &claims[i];
            c.reportable() && !c.tally && c.part_of.is_none() && !reported.contains(&i)
        })
        .collect()
}

/// Sentences of the lead: the news of an article is told there.
pub(crate) const LEAD_SENTENCES: usize = 2;

/// True when the lead counts casualties (`... بينما قتل 30 شخصا على الأقل
/// في مواجهات على الحدود`): a title about something else (a ceremony, a
/// visit) then shares the news with an incident the lead reports.
fn lead_counts_casualties(claims: &[casualty::Claim]) -> bool {
    claims
        .iter()
        .any(|c| c.sent < LEAD_SENTENCES && c.reportable() && !c.tally)
}

/// `قتل 25 فلسطينياً برصاص الجيش خلال المواجهات`: a "clash" whose only
/// opponent is civilians is one armed side firing on unarmed people, not a
/// battle between two armed groups: an attack on civilians.
fn one_sided_clash(c: &mut triggers::Candidate) {
    let civilians_only = !c.roles.actor2.is_empty()
        && c.roles.actor2.iter().all(|a| a == "CIVILIANS")
        && !c.roles.actor1.iter().any(|a| a == "CIVILIANS");
    if c.kind == "battles" && civilians_only {
        c.kind = "violence_against_civilians".into();
        c.subtype = "attack".into();
    }
}

/// `قتل 20 شخصا في غارتين على سوق المدينة`, in an article that names one
/// air force (`air_forces` of `data/events/markers.toml`: the Saudi-led
/// coalition in a story from Yemen): an air strike told with a warplane
/// word and no agent is that force's, unless the force was its target.
/// Aircraft named with their owner in the evidence (`لطائرات التحالف`)
/// name it first.
fn sole_air_force(ctx: &Ctx, e: &mut Event) {
    use rasad_record::{EventActor, Role};
    let agentless = e
        .actors
        .iter()
        .all(|a| a.role != Role::Actor1 || a.id == "UNKNOWN");
    let agent = air_agent(ctx, e);
    let raid = e.subtype == "air_drone_strike" && warplanes_told(ctx, e);
    if !agentless || told_unknown(ctx, e) || (agent.is_none() && !raid) {
        return;
    }
    let forces: Vec<&str> = match agent {
        Some(id) => vec![id],
        None => ctx
            .doc
            .actors
            .iter()
            .map(|a| a.id.as_str())
            .filter(|id| ctx.lx.air_forces.iter().any(|f| f == id))
            .collect(),
    };
    let [force] = forces[..] else {
        return;
    };
    if e.actors.iter().any(|a| a.id == force) {
        return;
    }
    e.actors.retain(|a| a.role != Role::Actor1);
    e.actors.insert(
        0,
        EventActor {
            id: force.to_string(),
            role: Role::Actor1,
        },
    );
}

/// The tokens of the sentences of event `e`'s evidence (sentences found by
/// binary search: a long document has many of both).
fn evidence_tokens<'c>(ctx: &'c Ctx, e: &'c Event) -> impl Iterator<Item = usize> + 'c {
    e.evidence.iter().flat_map(|ev| {
        let first = ctx.sents.partition_point(|s| s.span.end <= ev.start);
        ctx.sents[first..]
            .iter()
            .take_while(move |s| s.span.start < ev.end)
            .flat_map(|s| s.t0..s.t1)
    })
}

/// True when a warplane word (`غارة`، `طيران`) stands in the sentences of
/// event `e`'s evidence.
fn warplanes_told(ctx: &Ctx, e: &Event) -> bool {
    let g = grammar::grammar();
    evidence_tokens(ctx, e).any(|t| {
        rasad_text::clitic::readings(ctx.word(t))
            .iter()
            .any(|r| g.warplane.contains(r.bare))
    })
}

/// An actor named as the owner of aircraft in the evidence of `e`
/// (`جريمة جديدة لطائرات التحالف`; the aircraft word may open its term),
/// in a clause that gave it no role.
fn air_agent<'c>(ctx: &'c Ctx, e: &Event) -> Option<&'c str> {
    let air = |t: usize| matches!(ctx.marker_at(t), Some(lexicon::Marker::Air));
    evidence_tokens(ctx, e)
        .filter(|&t| air(t) || (t > 0 && air(t - 1)))
        .find_map(|t| within(&ctx.actors, t, t + 1, |m| m.start).first())
        .map(|m| ctx.actor_id(m))
}

/// True when the evidence of `e` calls someone unidentified (`طائرات
/// حربية مجهولة`): the raid's agent may be unknown on purpose.
fn told_unknown(ctx: &Ctx, e: &Event) -> bool {
    let g = grammar::grammar();
    evidence_tokens(ctx, e).any(|t| grammar::starts_any(ctx.word(t), &g.unknown_stem))
}

/// `قتلت القوات الإسرائيلية 41 فلسطينياً في مواجهات`: a battle whose
/// sides are one armed actor and civilians is that actor's attack on
/// civilians (the armed actor acted, whichever role the clause gave it).
fn fire_on_civilians(e: &mut Event) {
    use rasad_record::Role;
    if e.kind != "battles" {
        return;
    }
    let civilians_hit = e
        .actors
        .iter()
        .any(|a| a.id == "CIVILIANS" && a.role != Role::Actor1);
    let mut armed: Vec<&str> = e
        .actors
        .iter()
        .filter(|a| a.id != "CIVILIANS" && a.id != "UNKNOWN")
        .map(|a| a.id.as_str())
        .collect();
    armed.dedup();
    if !civilians_hit || armed.len() != 1 {
        return;
    }
    let shooter = armed[0].to_string();
    e.kind = "violence_against_civilians".into();
    e.subtype = "attack".into();
    for a in &mut e.actors {
        if a.id == shooter {
            a.role = Role::Actor1;
        }
    }
}

/// An agreement with no party named and no verb concluding it (`اتفاق
/// السلام`، `اتفاق 2015 النووي`, a sports club's `اتفاقية`): a topic of
/// the article, not an agreement reached (`توصل الطرفان إلى اتفاق` is one).
fn partyless_agreement(ctx: &Ctx, e: &Event) -> bool {
    e.kind == "strategic_developments"
        && e.subtype == "agreement"
        && e.actors.is_empty()
        && e.fatalities.is_empty()
        && !evidence_has(ctx, e, Cue::Concluded)
}

/// True when a sentence the event was read from holds the cue.
fn evidence_has(ctx: &Ctx, e: &Event, cue: Cue) -> bool {
    ctx.sents
        .iter()
        .filter(|s| {
            e.evidence
                .iter()
                .any(|v| v.start < s.span.end && s.span.start < v.end)
        })
        .any(|s| ctx.has_cue(cue, s.t0, s.t1))
}

/// A battle with no side named, no one killed and no two sides told
/// (`حين غزاها الغجر`): nothing an analyst could code as a clash between two
/// armed groups; figurative or sweeping wording. A clash told as such
/// (`اندلعت اشتباكات في القرية`) is kept.
fn sideless_battle(ctx: &Ctx, e: &Event) -> bool {
    e.kind == "battles"
        && e.actors.is_empty()
        && e.fatalities.is_empty()
        && !evidence_has(ctx, e, Cue::ClashTold)
}

/// True when token `t` names unidentified perpetrators: `مجهولون` alone
/// (`خطفه مجهولون`), or `مجهول…` after a noun of armed people or aircraft
/// (`قصفت طائرات مجهولة الرتل`; not `نقل إلى جهة مجهولة`). The lists are
/// `unknown_stem`, `unknown_people` and `agent_noun` of `grammar.words`.
fn unknown_agent(ctx: &Ctx, t: usize) -> bool {
    let g = grammar::grammar();
    let w = ctx.word(t);
    if !grammar::starts_any(w, &g.unknown_stem) {
        return false;
    }
    if g.unknown_people.contains(w) {
        return true;
    }
    t > 0
        && rasad_text::clitic::readings(ctx.word(t - 1))
            .iter()
            .any(|r| grammar::starts_any(r.bare, &g.agent_noun))
}

/// Fills an empty actor1 with unidentified perpetrators (طائرات مجهولة،
/// مسلحون مجهولون) and an empty actor2 of a battle with the other side named
/// in the sentence.
fn fill_actors(ctx: &Ctx, c: &mut triggers::Candidate) {
    if c.roles.actor1.is_empty() && (c.t0..c.t1).any(|t| unknown_agent(ctx, t)) {
        c.roles.actor1.push("UNKNOWN".into());
    }
    if c.kind == "battles" && c.roles.actor2.is_empty() && !c.roles.actor1.is_empty() {
        let s = ctx.sents[c.sent];
        let other = within(&ctx.actors, s.t0, s.t1, |m| m.start)
            .iter()
            .filter(|m| !ctx.negated(m.start))
            .filter(|m| !c.roles.has(ctx.actor_id(m)) && ctx.actor_id(m) != "CIVILIANS")
            .min_by_key(|m| m.start.abs_diff(c.at))
            .map(|m| ctx.actor_id(m).to_string());
        if let Some(o) = other {
            c.roles.actor2.push(o);
        }
    }
}
