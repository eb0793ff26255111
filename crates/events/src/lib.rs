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
pub mod group;
pub mod lexicon;
pub mod merge;
pub mod nonevents;
pub mod roles;
pub mod triggers;

use context::{within, Ctx};
use lexicon::Cue;
use rasad_record::{Casualty, Document, Event};
use rasad_text::Analysis;

/// Reads casualty claims and events. `doc` carries everything found so far
/// (published, places, actors, persons, sources, times, quantities, with spans).
pub fn extract(a: &Analysis, doc: &Document) -> (Vec<Casualty>, Vec<Event>) {
    let ctx = Ctx::new(a, doc);
    let sources = certainty::sentence_sources(&ctx);
    let claims = casualty::claims(&ctx, &sources);
    let (casualties, index) = casualty::report(&claims);
    let mut cands = Vec::new();
    for (si, s) in ctx.sents.iter().enumerate() {
        if ctx.is_related(s) {
            continue;
        }
        // sub-count breakdowns that follow a total: their words are no event
        let breakdown: Vec<(usize, usize)> = ctx
            .cues_in(Cue::Subcount, s.t0, s.t1)
            .iter()
            .filter(|h| claims.iter().any(|c| c.sent == si && c.t1 <= h.start))
            .map(|h| {
                let end = ctx.segment(h.start).1;
                (h.start, casualty::breakdown_end(&ctx, h.end, end))
            })
            .collect();
        let tally = claims.iter().any(|c| c.sent == si && c.tally);
        let mut here = Vec::new();
        let mut lives = Vec::new();
        for cl in clause::clauses(&ctx, si, s) {
            let l = triggers::live(&ctx, &cl, &breakdown, tally);
            here.extend(triggers::candidates(&ctx, &cl, &l, &claims));
            lives.extend(l);
        }
        let reported: Vec<usize> = here.iter().flat_map(|c| c.claims.iter().copied()).collect();
        let unreported: Vec<usize> = claims
            .iter()
            .enumerate()
            .filter(|(i, c)| {
                c.sent == si
                    && c.reportable()
                    && !c.tally
                    && c.part_of.is_none()
                    && !reported.contains(i)
            })
            .map(|(i, _)| i)
            .collect();
        if here.is_empty() {
            here.extend(
                triggers::implied(&ctx, si, &claims, unreported, &lives)
                    .filter(|_| !nonevents::no_implied(&ctx, si)),
            );
        } else {
            for i in unreported {
                let t = claims[i].t0;
                let k = here.iter().rposition(|c| c.t0 <= t).unwrap_or(0);
                here[k].claims.push(i);
            }
        }
        for c in &mut here {
            fill_actors(&ctx, c);
        }
        cands.extend(here);
    }
    let events = merge::build(&ctx, cands, &claims, &index, &casualties, &sources);
    (casualties, events)
}

/// Nouns of people or weapons that `مجهول` (unidentified) after them makes
/// unidentified perpetrators (مسلحون مجهولون، طائرات مجهولة).
const AGENT_NOUNS: &[&str] = &["مسلح", "طائر", "طيران", "اشخاص", "عناصر", "مسير", "قناص"];

/// True when token `t` names unidentified perpetrators: `مجهولون` alone, or
/// `مجهول…` after a noun of armed people or aircraft (not إلى جهة مجهولة).
fn unknown_agent(ctx: &Ctx, t: usize) -> bool {
    let w = ctx.word(t);
    if !w.starts_with("مجهول") {
        return false;
    }
    if matches!(w, "مجهولون" | "مجهولين" | "مجهولو") {
        return true;
    }
    t > 0
        && rasad_text::clitic::readings(ctx.word(t - 1))
            .iter()
            .any(|r| AGENT_NOUNS.iter().any(|n| r.bare.starts_with(n)))
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
