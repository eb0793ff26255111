//! Whose word it is: the sources a sentence cites (a sentence that goes on
//! with the account, وأضاف، ولفت، مشيراً, keeps the previous one's), and how
//! sure the outlet is (زعم → claimed, نفى → denied, else asserted).

use crate::context::{within, Ctx, Mention};
use crate::lexicon::{Cue, Marker};
use rasad_record::Certainty;

/// Words before an outlet a speaker's source may stand (`قال مصدر محلي
/// لوكالة`): the source, its adjective and the verb.
const SPEAKER_REACH: usize = 4;
/// Words before a source mention a citing word may stand (`نقلا عن مصادر`).
const CITING_REACH: usize = 3;
/// Words opening a sentence a continuation cue may stand (`وأضاف`، `ولفت
/// المصدر إلى`).
const CONTINUES_OPENING: usize = 3;

/// How a source mention stands in its sentence: cited after a citing word
/// (بحسب، وفق، نقلا عن، أفاد، قال) first, then any other, and last an outlet
/// a speaker talked to (قال مصدر محلي لوكالة X: the source is the speaker).
pub(crate) fn citation_rank(ctx: &Ctx, m: &Mention, s0: usize) -> u8 {
    let tok = &ctx.toks[m.start];
    let lead = rasad_text::key(ctx.a.slice(rasad_record::Span::new(
        tok.span.start,
        m.span.start.max(tok.span.start),
    )));
    let to_outlet = lead.ends_with(rasad_text::clitic::LAM) && {
        let lo = m.start.saturating_sub(SPEAKER_REACH).max(s0);
        within(&ctx.sources, lo, m.start, |x| x.start)
            .iter()
            .any(|x| x.end <= m.start)
    };
    if to_outlet {
        return TO_OUTLET;
    }
    let lo = m.start.saturating_sub(CITING_REACH).max(s0);
    let cited = cited_by_marker(ctx, m, s0)
        || ctx.has_cue(Cue::Elaboration, lo, m.start)
        || ctx.has_cue(Cue::Reporting, lo, m.start);
    if cited {
        0
    } else {
        1
    }
}

/// True when source mention `m` follows an attribution word (بحسب، وفق،
/// نقلا عن، حسبما) within `CITING_REACH` words, in the sentence from `s0`.
pub fn cited_by_marker(ctx: &Ctx, m: &Mention, s0: usize) -> bool {
    let lo = m.start.saturating_sub(CITING_REACH).max(s0);
    (lo..m.start).any(|p| matches!(ctx.marker_at(p), Some(Marker::Source)))
}

/// The rank of an outlet a speaker talked to (قال مصدر لوكالة X).
pub(crate) const TO_OUTLET: u8 = 2;

/// The source mentions of the sentence `s0..s1`, best cited first (see
/// [`citation_rank`]), in text order within a rank.
pub(crate) fn ranked_sources<'c>(ctx: &'c Ctx, s0: usize, s1: usize) -> Vec<&'c Mention> {
    let mut ms: Vec<&Mention> = within(&ctx.sources, s0, s1, |m| m.start).iter().collect();
    ms.sort_by_key(|m| citation_rank(ctx, m, s0));
    ms
}

/// For every sentence, the names of the sources it is attributed to, the
/// one it cites first; a sentence that is one quotation, followed by one
/// opened by a speech verb, is that speaker's.
pub fn sentence_sources(ctx: &Ctx) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::with_capacity(ctx.sents.len());
    for (i, s) in ctx.sents.iter().enumerate() {
        let mut names: Vec<String> = Vec::new();
        for m in ranked_sources(ctx, s.t0, s.t1) {
            if let Some(e) = ctx.doc.sources.get(m.idx) {
                if !names.contains(&e.name) {
                    names.push(e.name.clone());
                }
            }
        }
        if names.is_empty()
            && i > 0
            && ctx.has_cue(Cue::Continues, s.t0, (s.t0 + CONTINUES_OPENING).min(s.t1))
        {
            names = out[i - 1].clone();
        }
        out.push(names);
    }
    for i in 0..out.len() {
        // the next sentence with words (a closing mark may stand alone)
        let next = (i + 1..out.len()).find(|&j| ctx.sents[j].t1 > ctx.sents[j].t0);
        if let Some(j) = next
            .filter(|&j| out[i].is_empty() && whole_quotation(ctx, i) && opens_with_speech(ctx, j))
        {
            out[i] = out[j].iter().take(1).cloned().collect();
        }
    }
    out
}

/// True when sentence `i` is one quotation and nothing else (`"الحصيلة
/// الأولية 40 قتيلا ومئات المصابين"`).
fn whole_quotation(ctx: &Ctx, i: usize) -> bool {
    let span = ctx.sents[i].span;
    let text = ctx.a.slice(span).trim();
    let opens = text.starts_with(['"', '«', '“']);
    // the closing mark may stand after the sentence's end (`…"`)
    // (a span past the text's end is cut at its end)
    let tail = ctx
        .a
        .slice(rasad_record::Span::new(span.end, span.end + QUOTE_TAIL));
    let closing = |c: char| matches!(c, '"' | '»' | '”');
    let closes = text.trim_end_matches(['.', '…', '!']).ends_with(closing)
        || tail.chars().take_while(|c| *c != '\n').any(closing);
    opens && closes
}

/// Characters after a sentence's end its closing quotation mark may stand.
const QUOTE_TAIL: usize = 4;

/// `"…". وكتبت المنظمة على تويتر: …`: sentence `i` opens with a speech
/// verb: its speaker said the quotation told just before it.
fn opens_with_speech(ctx: &Ctx, i: usize) -> bool {
    let s = ctx.sents[i];
    ctx.cues_in(Cue::Elaboration, s.t0, s.t0 + 1)
        .iter()
        .chain(ctx.cues_in(Cue::Reporting, s.t0, s.t0 + 1))
        .any(|h| h.start == s.t0)
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
