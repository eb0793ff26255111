//! What a number counts, read from the words after it: people, a currency, a
//! percentage; and the nouns that make it no quantity at all (durations,
//! distances, months, labels such as `الفرقة 17`).

use crate::context::Ctx;
use crate::lexicon::{noun, noun_plain, LEXICON};
use rasad_record::Unit;
use rasad_text::clitic;

/// The unit given by the noun at token `i` (or after `من` at `i`): its unit
/// and the token after the noun (and after a currency's adjective).
pub fn unit_after(ctx: &Ctx, i: usize) -> Option<(Unit, usize)> {
    if i >= ctx.len() {
        return None;
    }
    let i = if LEXICON.partitive.contains(ctx.word(i)) && ctx.tight(i) {
        i + 1
    } else {
        i
    };
    if i == 0 || i >= ctx.len() || !ctx.tight(i - 1) {
        return None;
    }
    let lex = &*LEXICON;
    let w = ctx.word(i);
    if let Some(c) = noun_plain(&lex.currencies, w) {
        if ctx.tight(i) {
            if let Some(u) = noun_plain(&c.adjectives, ctx.word(i + 1)) {
                return Some((*u, i + 2));
            }
        }
        return c.unit.map(|u| (u, i + 1));
    }
    noun_plain(&lex.counted, w).map(|u| (*u, i + 1))
}

/// A percent sign or phrase right after the number ending at key byte `end`
/// (next token `i`): the new key end, and the next token.
pub fn percent_after(ctx: &Ctx, end: usize, i: usize) -> Option<(usize, usize)> {
    let rest = ctx.key.get(end..)?;
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    if trimmed.starts_with('%') {
        let at = end + (rest.len() - trimmed.len()) + 1;
        let next = (i..ctx.len())
            .find(|&j| ctx.toks[j].start >= at)
            .unwrap_or(ctx.len());
        return Some((at, next));
    }
    if i > 0 && i < ctx.len() && ctx.tight_bytes(end, ctx.toks[i].start) {
        if let Some(((), next)) = ctx.phrase_at(&LEXICON.percent, i, false, false) {
            return Some((ctx.toks[next - 1].end, next));
        }
    }
    None
}

/// True when the word at `i` is a duration, distance or other measure.
pub fn measure_after(ctx: &Ctx, i: usize) -> bool {
    i > 0 && ctx.tight(i - 1) && ctx.phrase_at(&LEXICON.measure, i, false, true).is_some()
}

/// True when a month name (or `الشهر الجاري`) follows at `i`, possibly after
/// `من`: the number is a day of a month.
pub fn month_after(ctx: &Ctx, i: usize) -> bool {
    if i == 0 || i >= ctx.len() {
        return false;
    }
    let months = &LEXICON.months;
    let gap = ctx
        .key
        .get(ctx.toks[i - 1].end..ctx.toks[i].start)
        .unwrap_or("");
    if gap.contains('\n') {
        return false;
    }
    let w = ctx.word(i);
    let bare = |w: &str| -> bool {
        months.contains(w)
            || proclitics(w)
                .iter()
                .any(|p| w.strip_prefix(p).is_some_and(|r| months.contains(r)))
    };
    bare(w) || (LEXICON.partitive.contains(w) && ctx.tight(i) && bare(ctx.word(i + 1)))
}

/// The proclitics (without article) a word may carry (`وأيلول`, `لأيلول`).
fn proclitics(w: &str) -> &'static [String] {
    w.chars().next().map_or(&[], |c| clitic::sequences(c).1)
}

/// True when a label noun (`الفرقة`, `عام`, `القرار`) stands right before
/// token `i`.
pub fn label_before(ctx: &Ctx, i: usize) -> bool {
    ctx.phrase_before(&LEXICON.label, i, true).is_some()
}

/// True when the noun at `i` counts things of a known kind (for `واحد`).
pub fn counted_noun(ctx: &Ctx, i: usize) -> Option<Unit> {
    let lex = &*LEXICON;
    let w = ctx.word(i);
    noun(&lex.counted, w)
        .copied()
        .or_else(|| noun(&lex.currencies, w).and_then(|c| c.unit))
}
