//! Casualty claims: a casualty word (مقتل، جرحى، أسر …), its count (the
//! nearest quantity of the clause segment, or one for a singular victim noun),
//! its side (see [`crate::group`]), whether it is a cumulative tally, and the
//! sub-counts that break it down (بينهم ستة …).
//!
//! Each casualty word of a sentence is read in four steps, each a file:
//!
//! 1. `skip.rs`: words that count no one (negated, denied, a release, died of
//!    wounds, bodies never found);
//! 2. `count.rs`: the count, by a list of count rules;
//! 3. a claim of the same kind already read in the segment takes the word
//!    (`merge_into`), else `side.rs` names the side, by a list of side rules
//!    tried in order, each a named function with its example;
//! 4. after the words, `second_party.rs` adds the counts of a second party
//!    (مقابل، و5 من …), `breakdown.rs` the sub-counts, `tally.rs` marks the
//!    cumulative tallies and `mixed.rs` the tolls that hold several sides.

mod breakdown;
mod count;
mod mixed;
mod nouns;
mod scope;
mod second_party;
mod side;
mod site;
mod skip;
mod tally;
#[cfg(test)]
mod tests;

pub use breakdown::regions as breakdown_regions;

use crate::context::{within, Ctx, Mention};
use crate::lexicon::Hit;
use count::{Count, Quantity};
use rasad_record::{Casualty, CasualtyKind, Span};
use site::Site;

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
    /// The rule that named the side (a name of `side::SIDE_RULES`, or of
    /// the step that set it: `versus`, `subcount`, `mixed_by_war` …): what to
    /// look at when a side is wrong.
    pub side_rule: Option<&'static str>,
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

    /// A claim of sentence `sent` over tokens `t0..t1` counting quantity `m`
    /// (no side yet, not a tally, no sub-count).
    fn counted(ctx: &Ctx, kind: CasualtyKind, sent: usize, m: &Mention, span: Span) -> Claim {
        let q = &ctx.doc.quantities[m.idx];
        Claim {
            kind,
            low: q.low,
            best: q.best,
            high: q.high,
            span,
            group: None,
            group_at: None,
            side_rule: None,
            sent,
            t0: m.start,
            t1: m.end,
            quant: Some(m.idx),
            tally: false,
            period: None,
            part_of: None,
            attributed_to: None,
            generic: false,
        }
    }

    /// Sets the side and the rule that named it.
    fn set_side(&mut self, side: Option<(String, Option<usize>)>, rule: &'static str) {
        if let Some((g, at)) = side {
            self.group = Some(g);
            self.group_at = at;
            self.side_rule = Some(rule);
        }
    }
}

/// The indexes of the claims of sentence `si` in `claims` as [`claims`]
/// returns them: read sentence by sentence, so in sentence order and those
/// of one sentence together, found by binary search (a scan of every claim
/// per sentence made a long article quadratic).
pub fn of_sentence(claims: &[Claim], si: usize) -> std::ops::Range<usize> {
    debug_assert!(claims.is_sorted_by_key(|c| c.sent));
    claims.partition_point(|c| c.sent < si)..claims.partition_point(|c| c.sent <= si)
}

/// Reads every casualty claim of the body. `sources[s]` is the cited source
/// of sentence `s`.
pub fn claims(ctx: &Ctx, sources: &[Vec<String>]) -> Vec<Claim> {
    let mut out: Vec<Claim> = Vec::new();
    for (si, s) in ctx.sents.iter().enumerate() {
        if ctx.is_related(s) {
            continue;
        }
        let first = out.len();
        let regions = breakdown::regions(ctx, s.t0, s.t1);
        // the source the sentence cites, else the outlet's own word
        let src = sources
            .get(si)
            .and_then(|v| v.first().cloned())
            .or_else(|| ctx.doc.outlet.clone());
        for h in within(&ctx.casualty, s.t0, s.t1, |h| h.start) {
            let read =
                Site::new(ctx, *h, si, &regions, &out, first).and_then(|site| read_word(&site));
            match read {
                Some(Read::Again(k, hit, q, found)) => {
                    apply_merge(&mut out[first + k], hit, q, found)
                }
                Some(Read::New(mut claim)) => {
                    let inherited = sources.get(si).and_then(|v| v.first());
                    claim.attributed_to = if scope::answered(ctx, claim.t0) {
                        ctx.doc.outlet.clone()
                    } else {
                        scope::source(ctx, (s.t0, s.t1), (claim.t0, claim.t1), inherited)
                            .or_else(|| ctx.doc.outlet.clone())
                    };
                    out.push(claim);
                }
                None => {}
            }
        }
        second_party::versus(ctx, si, first, &mut out, src.as_deref());
        second_party::coordinated(ctx, si, first, &mut out, src.as_deref());
        breakdown::subcounts(ctx, si, first, &regions, &mut out, src.as_deref());
        tally::tallies(ctx, si, first, &mut out);
        mixed::mixed_by_breakdown(ctx, first, &regions, &mut out);
        trailing_attribution(ctx, s.t0, s.t1, first, &mut out);
    }
    mixed::mixed_by_among_dead(ctx, &mut out);
    mixed::mixed_by_sentence_sides(ctx, &mut out);
    mixed::mixed_by_war(ctx, &mut out);
    mixed::mixed_follows_previous(&mut out);
    mixed::mixed_follows_figure(&mut out);
    out
}

/// `قتل سبعة أشخاص في هجوم على المقر، الأربعاء، حسبما أفاد المتحدث`: an
/// attribution closing a sentence (بحسب، وفق، حسبما X), after its last claim,
/// names the source of the claims of the nearest clause before it (and of
/// the totals they are parts of); claims of earlier clauses keep theirs
/// (`أفادت الوكالة أن أربعة قتلوا، كما جرح العشرات وفق الوزارة`).
fn trailing_attribution(ctx: &Ctx, s0: usize, s1: usize, first: usize, out: &mut [Claim]) {
    use crate::certainty::{citation_rank, cited_by_marker, TO_OUTLET};
    let last_clause = ctx.segment(s1.saturating_sub(1));
    let closing = within(&ctx.sources, s0, s1, |m| m.start)
        .iter()
        .filter(|m| out[first..].iter().all(|c| c.t1 <= m.start))
        .filter(|m| ctx.segment(m.start) == last_clause)
        .find(|m| cited_by_marker(ctx, m, s0) && citation_rank(ctx, m, s0) != TO_OUTLET);
    let (Some(m), Some(last)) = (closing, out[first..].last()) else {
        return;
    };
    let Some(name) = ctx.doc.sources.get(m.idx).map(|e| e.name.clone()) else {
        return;
    };
    let clause = ctx.segment(last.t0);
    for i in first..out.len() {
        if ctx.segment(out[i].t0) == clause {
            out[i].attributed_to = Some(name.clone());
            if let Some(p) = out[i].part_of.filter(|&p| p >= first) {
                out[p].attributed_to = Some(name.clone());
            }
        }
    }
}

/// What one casualty word adds.
enum Read {
    /// The word tells again the `k`-th claim of its sentence: its tokens,
    /// its count and the side it gives the claim.
    Again(usize, Hit, Quantity, Option<side::Named>),
    /// A new claim.
    New(Claim),
}

/// Reads the casualty word at `site`: nothing when it counts no one (see
/// `skip.rs`), else its count, and then either the claim of the same kind it
/// tells again or a new claim with its side.
fn read_word(site: &Site) -> Option<Read> {
    if skip::counts_no_one(site) {
        return None;
    }
    let count = count::read(site)?;
    let again = site
        .told
        .iter()
        .position(|c| count.joins(site, c, count.seg));
    Some(match again {
        Some(k) => {
            let found = merge_into(site, &count, &site.told[k]);
            Read::Again(k, site.hit, count.quantity(site), found)
        }
        None => Read::New(side::new_claim(site, &count)),
    })
}

/// What a casualty word adds to the claim of the same kind read before it in
/// its segment (`قتل وجرح …` told twice, a count told after the word): the
/// side when the claim has none, by [`side::merged_side`].
fn merge_into(site: &Site, count: &Count, prev: &Claim) -> Option<side::Named> {
    if prev.group.is_some() {
        return None;
    }
    side::merged_side(site, count)
}

/// Fills `prev` with what the word `hit` told again tells: its count `q`
/// when `prev` has none, the side `found`, and the word's tokens.
fn apply_merge(prev: &mut Claim, hit: Hit, q: Quantity, found: Option<side::Named>) {
    if prev.best.is_none() && q.best.is_some() {
        prev.low = q.low;
        prev.best = q.best;
        prev.high = q.high;
        prev.quant = q.idx;
    }
    if let Some(named) = found {
        prev.set_side(Some(named.side), named.rule);
        prev.generic |= named.generic;
    }
    prev.t0 = prev.t0.min(hit.start).min(q.start);
    prev.t1 = prev.t1.max(hit.end).max(q.end);
}

/// The span from the start of token `a` to the end of token `b - 1`.
fn span_of(ctx: &Ctx, a: usize, b: usize) -> Span {
    match (ctx.toks.get(a), ctx.toks.get(b.saturating_sub(1))) {
        (Some(x), Some(y)) => Span::new(x.span.start, y.span.end.max(x.span.start)),
        _ => Span::new(0, 0),
    }
}

/// The claims worth reporting as `Casualty` records (with `part_of` pointing
/// into the returned list), and for every claim its index there. `outlet`
/// is the publisher, the source of a claim no one else is cited for.
pub fn report(claims: &[Claim], outlet: Option<&str>) -> (Vec<Casualty>, Vec<Option<usize>>) {
    let mut out = Vec::new();
    let mut index = vec![None; claims.len()];
    for (i, c) in claims.iter().enumerate() {
        if !c.reportable() {
            continue;
        }
        if let Some(j) = repeated(&out, c, outlet) {
            index[i] = Some(j);
            out[j].mentions.push(c.span);
            if own_word(out[j].attributed_to.as_deref(), outlet)
                && !own_word(c.attributed_to.as_deref(), outlet)
            {
                adopt_source(&mut out, j, c.attributed_to.as_deref(), outlet);
            }
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
            rule: c.side_rule.map(|r| format!("side:{r}")),
        });
    }
    (out, index)
}

/// True when a claim attributed to `source` is the outlet's own word.
fn own_word(source: Option<&str>, outlet: Option<&str>) -> bool {
    source.is_none() || source == outlet
}

/// `قتل 43 فلسطينياً … وأعلنت وزارة الصحة سقوط 43 قتيلاً`: a figure the
/// lead states on its own and a later sentence gives again with its source
/// is that source's figure (the lead summarised it); the sub-counts the
/// outlet gave of it go with it.
fn adopt_source(out: &mut [Casualty], j: usize, source: Option<&str>, outlet: Option<&str>) {
    let source = source.map(str::to_string);
    for (k, c) in out.iter_mut().enumerate() {
        if k == j || (c.part_of == Some(j) && own_word(c.attributed_to.as_deref(), outlet)) {
            c.attributed_to = source.clone();
        }
    }
}

/// The claim already reported that `c` repeats (the headline's figure told
/// again in the lead, a recap at the end): same group, kind, number and
/// tally, neither a sub-count, and the same source or one of the two stated
/// by the outlet itself (a source's figure the outlet repeats, or states
/// before naming the source). A changed figure is a new claim; figures are
/// never added up; two sources' equal figures stay two claims.
fn repeated(out: &[Casualty], c: &Claim, outlet: Option<&str>) -> Option<usize> {
    if c.part_of.is_some() {
        return None;
    }
    out.iter().position(|o| {
        o.part_of.is_none()
            && o.group == c.group
            && o.kind == c.kind
            && o.best == c.best
            && o.low == c.low
            && o.tally == c.tally
            && (o.attributed_to == c.attributed_to
                || own_word(o.attributed_to.as_deref(), outlet)
                || own_word(c.attributed_to.as_deref(), outlet))
    })
}
