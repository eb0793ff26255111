//! Clauses: the units an event is read from. A sentence is cut where a new
//! clause starts (فيما، بينما، في حين، لكن، في وقت …) and before a relative
//! clause that follows a comma (، التي كان استعادها …), which recalls
//! background.

use crate::context::{Ctx, Sent};
use crate::lexicon::Cue;

/// A clause: tokens `t0..t1` of sentence `sent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    pub sent: usize,
    pub t0: usize,
    pub t1: usize,
    /// The clause is a relative clause after a comma: background.
    pub relative: bool,
}

/// The clauses of sentence `si`, in order, covering it.
pub fn clauses(ctx: &Ctx, si: usize, s: &Sent) -> Vec<Clause> {
    let mut cuts: Vec<(usize, bool)> = Vec::new();
    for h in ctx.cues_in(Cue::Boundary, s.t0 + 1, s.t1) {
        cuts.push((h.start, false));
    }
    for h in ctx.cues_in(Cue::Relative, s.t0 + 1, s.t1) {
        if ctx.punct[h.start] {
            cuts.push((h.start, true));
        }
    }
    cuts.sort();
    cuts.dedup_by_key(|c| c.0);
    let mut out = Vec::new();
    let mut start = s.t0;
    let mut rel = false;
    for (c, r) in cuts {
        if c > start {
            out.push(Clause {
                sent: si,
                t0: start,
                t1: c,
                relative: rel,
            });
        }
        start = c;
        rel = r;
    }
    if s.t1 > start || out.is_empty() {
        out.push(Clause {
            sent: si,
            t0: start,
            t1: s.t1.max(start),
            relative: rel,
        });
    }
    out
}
