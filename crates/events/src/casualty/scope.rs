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
/// the best-ranked source mention in its scope; `inherited` (the sentence's
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
    ms.into_iter()
        .find(|m| in_scope(ctx, m, c0, c1))
        .and_then(|m| ctx.doc.sources.get(m.idx))
        .map(|e| e.name.clone())
}
