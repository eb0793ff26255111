//! Whose word it is: the sources a sentence cites (a sentence that goes on
//! with the account, وأضاف، ولفت، مشيراً, keeps the previous one's), and how
//! sure the outlet is (زعم → claimed, نفى → denied, else asserted).

use crate::context::{within, Ctx};
use crate::lexicon::Cue;
use rasad_record::Certainty;

/// For every sentence, the names of the sources it is attributed to.
pub fn sentence_sources(ctx: &Ctx) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::with_capacity(ctx.sents.len());
    for (i, s) in ctx.sents.iter().enumerate() {
        let mut names: Vec<String> = Vec::new();
        for m in within(&ctx.sources, s.t0, s.t1, |m| m.start) {
            if let Some(e) = ctx.doc.sources.get(m.idx) {
                if !names.contains(&e.name) {
                    names.push(e.name.clone());
                }
            }
        }
        if names.is_empty() && i > 0 && ctx.has_cue(Cue::Continues, s.t0, (s.t0 + 3).min(s.t1)) {
            names = out[i - 1].clone();
        }
        out.push(names);
    }
    out
}

/// The certainty of a trigger at token `t` of a sentence starting at `s0`.
pub fn certainty(ctx: &Ctx, s0: usize, t: usize) -> Certainty {
    if ctx.cues_in(Cue::Denial, s0, t).iter().any(|h| h.end <= t) {
        Certainty::Denied
    } else if ctx.cues_in(Cue::Claimed, s0, t).iter().any(|h| h.end <= t) {
        Certainty::Claimed
    } else {
        Certainty::Asserted
    }
}
