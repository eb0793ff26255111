//! Which of a sentence's sources a claim is told under: not one named in a
//! later clause (`… بينما تقول الأمم المتحدة إن …`), nor a speaker whose
//! quotation closed before the claim and the outlet went on in its own
//! words (`قال التحالف: "…" في وقت أدى سقوط الشظايا إلى مقتل شخص`).

use crate::certainty::ranked_sources;
use crate::context::{Ctx, Mention};
use crate::lexicon::Cue;
use rasad_record::Span;

/// True when source mention `m` may be the source of a claim over tokens
/// `c0..c1` of its sentence: before it, unless a quotation closed between
/// them (and no وأضاف goes on with it); after it, unless a new clause
/// starts between them (`كما أفاد`، a boundary word before a reporting
/// verb, attributes the clause before it).
fn in_scope(ctx: &Ctx, m: &Mention, c0: usize, c1: usize) -> bool {
    if m.start >= c1 {
        return !ctx
            .cues_in(Cue::Boundary, c1, m.start)
            .iter()
            .any(|b| !ctx.has_cue(Cue::Reporting, b.end, b.end + 1));
    }
    !quote_closed_between(ctx, m.end, c0) || ctx.has_cue(Cue::Continues, m.end, c0)
}

/// True when the text from the end of token `a - 1` to the start of token
/// `b` holds a whole quotation of speech (opened after a colon or أن/إن and
/// closed), so the words at `b` stand after it; a quoted name or figure
/// (`“الصوامع والصناعة”`، `“18”`) is no speech.
fn quote_closed_between(ctx: &Ctx, a: usize, b: usize) -> bool {
    let (Some(x), Some(y)) = (ctx.toks.get(a.saturating_sub(1)), ctx.toks.get(b)) else {
        return false;
    };
    if y.span.start <= x.span.end {
        return false;
    }
    let text = ctx.a.slice(Span::new(x.span.end, y.span.start));
    let (mut open, mut closed) = (None, false);
    for (i, ch) in text.char_indices() {
        match (ch, open) {
            ('»' | '”' | '"', Some(o)) => {
                closed |= opens_speech(&text[..o]);
                open = None;
            }
            ('«' | '“' | '"', None) => open = Some(i),
            _ => {}
        }
    }
    closed && open.is_none()
}

/// True when a quotation opening after `before` is speech: after a colon
/// or a complementizer (`قال: "…`، `أن "…`).
fn opens_speech(before: &str) -> bool {
    let t = before.trim_end();
    t.ends_with(':')
        || t.split_whitespace().next_back().is_some_and(|w| {
            crate::grammar::grammar()
                .complementizer
                .contains(&rasad_text::key(w))
        })
}

/// The source of a claim over tokens `c0..c1` of the sentence `s0..s1`:
/// the best-ranked source mention in its scope, or one of its rank cited
/// anew by a later citing verb before the claim (`أفاد شهود بمقتل 20،
/// بينما أشارت وسائل إعلام أن القتلى 30`: the 30 are the media's); `inherited` (the sentence's
/// source when it names none, e.g. the previous one's after وأضاف) when the
/// sentence names no source; else none (the outlet's own word).
pub fn source(
    ctx: &Ctx,
    (s0, s1): (usize, usize),
    (c0, c1): (usize, usize),
    inherited: Option<&String>,
) -> Option<String> {
    let ms = ranked_sources(ctx, s0, s1);
    if ms.is_empty() {
        return inherited.cloned();
    }
    let s0 = s0.min(c0);
    let rank = |m: &Mention| crate::certainty::citation_rank(ctx, m, s0);
    let scoped: Vec<&Mention> = ms
        .into_iter()
        .filter(|m| in_scope(ctx, m, c0, c1))
        .collect();
    let best = scoped.first().copied();
    // a source of the same rank cited anew (a citing verb after the first)
    // closer before the claim: `أفاد شهود بمقتل 20، بينما أشارت وسائل إعلام
    // أن القتلى 30`
    let recited = best.and_then(|b| {
        scoped
            .iter()
            .filter(|m| m.start > b.end && m.end <= c0 && rank(m) == rank(b))
            .filter(|m| ctx.has_cue(Cue::Reporting, b.end, m.start))
            .max_by_key(|m| m.start)
            .copied()
    });
    recited
        .or(best)
        .and_then(|m| ctx.doc.sources.get(m.idx))
        .map(|e| e.name.clone())
}

/// Words a response word may stand before the toll it answers (`ردا على
/// مقتل أربعة`).
const RESPONSE_REACH: usize = 4;

/// `أغلقت السلطات المعبر ردا على مقتل أربعة من حراسه`: a toll
/// told as what an act answered (after ردا على، انتقاما ل، ثأرا ل in its
/// clause) is the writer's background, not the word of the sentence's
/// speaker, who spoke of the act.
pub fn answered(ctx: &Ctx, c0: usize) -> bool {
    let lo = c0.saturating_sub(RESPONSE_REACH).max(ctx.segment(c0).0);
    let response = &crate::grammar::grammar().response;
    (lo..c0).any(|t| {
        rasad_text::clitic::readings(ctx.word(t))
            .iter()
            .any(|r| response.contains(r.bare))
    })
}
