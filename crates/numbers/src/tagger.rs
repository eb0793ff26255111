//! Finds quantities in a document: numbers in digits or words, dual nouns and
//! vague amounts, with their qualifiers and units, skipping what is not a
//! quantity (dates, clock times, years, labels, durations, ordinals, phone
//! numbers, codes).

use crate::context::Ctx;
use crate::digits::{scan, Literal};
use crate::lexicon::{split_known, Kind, LEXICON};
use crate::qualifiers::{self, Bounds};
use crate::units;
use crate::words::{parse_ordinal, parse_words, Value};
use rasad_record::{Quantity, Span, Unit};
use rasad_text::Analysis;

/// A number found at some tokens, before qualifiers and units.
#[derive(Debug, Clone, Copy)]
struct Core {
    /// The first token of the number (a separate الـ included).
    first: usize,
    /// Key byte range of the number itself.
    start: usize,
    end: usize,
    /// The token after the number.
    next: usize,
    bounds: Bounds,
    /// A plain 4-digit integer that may be a year.
    year_like: bool,
    /// Unit known from the number itself (a dual noun).
    unit: Option<Unit>,
    /// A scale word alone (`مليون`, `بليون`): also a name (the village of
    /// Bilyun), so a quantity only with a counted noun, a currency or a
    /// qualifier.
    lone_scale: bool,
}

/// Finds every quantity in the body of `a`, skipping numbers that overlap
/// `skip` (date and dateline spans found by other taggers).
pub fn tag(a: &Analysis, skip: &[Span]) -> Vec<Quantity> {
    let key = a.key_str();
    let ctx = Ctx::new(key, a.tokens());
    let mut out = Vec::new();
    let mut i = 0;
    // Key byte where the last quantity ended: a sign there is taken.
    let mut floor = 0;
    while i < ctx.len() {
        let (found, next) = at(&ctx, i, floor);
        if let Some((core, full_start, full_end)) = found {
            floor = full_end;
            let core_span = a.span(core.start, core.end);
            if a.in_body(core_span) && !skip.iter().any(|s| s.overlaps(&core_span)) {
                let span = a.span(full_start, full_end);
                out.push(quantity(a, span, &core));
            }
        }
        i = next.max(i + 1);
    }
    out
}

fn quantity(a: &Analysis, span: Span, core: &Core) -> Quantity {
    Quantity {
        text: a.slice(span).to_owned(),
        span,
        low: core.bounds.low,
        best: core.bounds.best,
        high: core.bounds.high,
        approximate: core.bounds.approximate,
        unit: core.unit,
    }
}

/// Reads a quantity starting at token `i`. Returns it (with the key range of
/// the whole expression, qualifiers included) when there is one, and the next
/// token to look at.
fn at(ctx: &Ctx, i: usize, floor: usize) -> (Option<(Core, usize, usize)>, usize) {
    let w = ctx.word(i);
    let core = if w.bytes().any(|b| b.is_ascii_digit()) {
        digits_at(ctx, i)
    } else {
        words_at(ctx, i)
    };
    let (core, next) = match core {
        Ok(c) => (c, c.next),
        Err(next) => return (None, next),
    };
    match context(ctx, core, floor) {
        Some(found) => {
            let next = found.0.next;
            (Some(found), next)
        }
        None => (None, next),
    }
}

/// The token after the key byte `end`, from `i` on.
fn token_after(ctx: &Ctx, i: usize, end: usize) -> usize {
    (i..ctx.len())
        .find(|&j| ctx.toks[j].start >= end)
        .unwrap_or(ctx.len())
}

/// A number written in digits at token `i`. `Err(next)` when it is no quantity.
fn digits_at(ctx: &Ctx, i: usize) -> Result<Core, usize> {
    let key = ctx.key;
    let tok = ctx.toks[i];
    let w = ctx.word(i);
    let d = w.bytes().position(|b| b.is_ascii_digit()).unwrap_or(0);
    let prefix = &w[..d];
    let start = tok.start + d;
    let Some(sc) = scan(&key[start..]) else {
        return Err(i + 1);
    };
    let end = start + sc.len;
    let next = token_after(ctx, i, end);
    // Codes and ordinals: Latin letters joined to the digits (M4, T4, 16th),
    // the article (الـ10 is an ordinal day), URL and phone characters.
    if prefix.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Err(next);
    }
    // الـ10 (joined or apart) is an ordinal day, unless a qualifier comes
    // first: أكثر من الـ200 عنصر.
    let article = prefix.ends_with("ال")
        || (d == 0
            && i > 0
            && ctx.tight(i - 1)
            && matches!(ctx.word(i - 1), "ال" | "وال" | "بال" | "لل"));
    let first = if article && d == 0 { i - 1 } else { i };
    if article {
        let q = first;
        if !matches!(qualifiers::before(ctx, q), Some((e, _)) if e != crate::lexicon::Effect::Between)
        {
            return Err(next);
        }
    }
    let before = key[..start].chars().next_back();
    let after = key[end..].chars().next();
    if before.is_some_and(|c| matches!(c, '+' | '/' | '#' | '@' | '.' | ':' | '_' | '=' | '\\'))
        || after
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | ':' | '_' | '=' | '@'))
    {
        return Err(next);
    }
    if before == Some('-')
        && key[..start - 1]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return Err(next);
    }
    let chunk_start = key[..start].rfind(char::is_whitespace).map_or(0, |p| p + 1);
    let chunk_end = key[end..]
        .find(char::is_whitespace)
        .map_or(key.len(), |p| end + p);
    let chunk = &key[chunk_start..chunk_end];
    if chunk.bytes().any(|b| b.is_ascii_alphabetic()) || chunk.contains("www") {
        return Err(next);
    }
    let (bounds, year_like) = match sc.literal {
        Literal::DateOrTime => return Err(next),
        Literal::Range { low, high } => (Bounds::range(low, high, false), false),
        Literal::Number {
            value,
            decimal,
            grouped,
            digits,
            alt,
        } => {
            if digits > 15 || (!grouped && !decimal && digits >= 8) {
                return Err(next); // phone numbers, identifiers
            }
            let zero_led = !grouped && !decimal && digits > 1 && key[start..].starts_with('0');
            if zero_led {
                return Err(next);
            }
            // A scale word after the digits: 3 آلاف، 2.5 مليون، 1.500 مليون.
            let plain = !grouped && !decimal && digits == 4;
            let mut v = value;
            let mut core_end = end;
            let mut nx = next;
            if nx < ctx.len() && ctx.tight_bytes(end, ctx.toks[nx].start) {
                if let Some(s) = LEXICON.words.get(ctx.word(nx)) {
                    if s.kind == Kind::Scale && !s.dual {
                        v = alt.unwrap_or(value) * s.value;
                        core_end = ctx.toks[nx].end;
                        nx += 1;
                    }
                }
            }
            // 2012م, 1439هـ: a year.
            let suffix: String = key[end..]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            if plain && (suffix == "م" || suffix == "ه") {
                return Err(nx);
            }
            let year_like = plain && core_end == end && (1900.0..=2100.0).contains(&v)
                || (plain && (1300.0..=1500.0).contains(&v) && ctx.word(nx) == "ه");
            return Ok(Core {
                first,
                start,
                end: core_end,
                next: nx,
                bounds: Bounds::exact(v),
                year_like,
                unit: None,
                lone_scale: false,
            });
        }
    };
    Ok(Core {
        first,
        start,
        end,
        next,
        bounds,
        year_like,
        unit: None,
        lone_scale: false,
    })
}

/// The run of tokens from `i` joined by spaces only (at most `max`).
fn run<'a>(ctx: &Ctx<'a>, i: usize, max: usize) -> Vec<&'a str> {
    let mut v = vec![ctx.word(i)];
    let mut j = i;
    while v.len() < max && j + 1 < ctx.len() && ctx.tight(j) {
        let gap = &ctx.key[ctx.toks[j].end..ctx.toks[j + 1].start];
        if !gap.chars().all(|c| c == ' ' || c == '\u{a0}') {
            break;
        }
        j += 1;
        v.push(ctx.word(j));
    }
    v
}

/// A number written in words (or a dual noun) at token `i`.
fn words_at(ctx: &Ctx, i: usize) -> Result<Core, usize> {
    let lex = &*LEXICON;
    let w = ctx.word(i);
    if !may_be_number(w) {
        return Err(i + 1);
    }
    // A number word behind ك is another word: كمية، كميات (not مئة، مئات).
    match split_known(w, |x| lex.starts.contains(x)) {
        Some(sp) if !w[..sp.prefix].contains('ك') && !lex.not_numbers.contains(w) => {}
        _ => return Err(i + 1),
    }
    let tok = ctx.toks[i];
    // A dual noun counts two: عنصرين، مفخختين (never with the article).
    if let Some(sp) = split_known(w, |x| lex.duals.contains_key(x)) {
        if !sp.article {
            let mut end = tok.end;
            let mut next = i + 1;
            // عنصرين اثنين: the number repeats the dual.
            if ctx.tight(i) {
                if let Some(x) = lex.words.get(ctx.word(i + 1)) {
                    if x.value == 2.0 && x.kind == Kind::Unit {
                        end = ctx.toks[i + 1].end;
                        next = i + 2;
                    }
                }
            }
            return Ok(Core {
                first: i,
                start: tok.start + sp.prefix,
                end,
                next,
                bounds: Bounds::exact(2.0),
                year_like: false,
                unit: Some(lex.duals[sp.bare]),
                lone_scale: false,
            });
        }
        return Err(i + 1);
    }
    let ws = run(ctx, i, 8);
    let Some(p) = parse_words(&ws) else {
        return Err(i + 1);
    };
    let next = i + p.words;
    let vague = matches!(p.value, Value::Vague { .. });
    // الثلاثة، والعشرين (an ordinal's tens), المائة (في المائة): not counts.
    if p.article && !vague {
        return Err(next);
    }
    // التاسع عشر، الحادي عشر: the teen of an ordinal.
    if matches!(ws[0], "عشر" | "عشره") && i > 0 && parse_ordinal(&[ctx.word(i - 1)]).is_some()
    {
        return Err(next);
    }
    // The article belongs to a vague amount's text (العشرات).
    let start = if p.article {
        tok.start
    } else {
        tok.start + p.prefix
    };
    let end = ctx.toks[next - 1].end;
    let bare = &ws[0][p.prefix..];
    // ألفا دولار: the construct dual of the scale, two thousand (ألفاً من
    // المقاتلين is one thousand)
    let dual = p.words == 1
        && !p.article
        && lex.construct_duals.contains(bare)
        && ctx.word(next) != "من"
        && units::unit_after(ctx, next).is_some();
    let bounds = match p.value {
        Value::Exact(v) if dual => Bounds::exact(2.0 * v),
        Value::Exact(v) => Bounds::exact(v),
        Value::Vague { low, high } => Bounds::range(low, high, true),
    };
    let mut unit = None;
    if p.lone_one {
        // واحد counts only right after a person noun: مدني واحد (not عائلة
        // واحدة، مرة واحدة، جهة واحدة: "a single ...").
        if i == 0 || !ctx.tight(i - 1) || p.prefix > 0 {
            return Err(next);
        }
        // The noun must be indefinite: الجثث واحدة لطفل is "one of the bodies".
        if ctx.word(i - 1).starts_with("ال") {
            return Err(next);
        }
        match units::counted_noun(ctx, i - 1) {
            Some(Unit::People) => unit = Some(Unit::People),
            _ => return Err(next),
        }
    }
    let lone_scale = p.words == 1
        && matches!(p.value, Value::Exact(_))
        && lex
            .words
            .get(bare)
            .is_some_and(|x| x.kind == Kind::Scale && !x.dual && !x.plural);
    Ok(Core {
        first: i,
        start,
        end,
        next,
        bounds,
        year_like: false,
        unit,
        lone_scale,
    })
}

/// Cheap filter before the lexicon: number words and duals end in one of a
/// few letters.
fn may_be_number(w: &str) -> bool {
    w.len() >= 4 && !w.bytes().any(|b| b.is_ascii())
}

/// Applies the context of a number: what makes it no quantity, its qualifiers,
/// unit and percent. Returns the core with bounds and unit set, and the key
/// range of the whole expression.
fn context(ctx: &Ctx, mut core: Core, floor: usize) -> Option<(Core, usize, usize)> {
    let first = core.first;
    let mut next = core.next;
    // Not quantities: labels before (الفرقة 17، عام 2014), months after
    // (27 كانون الأول، الـ10 من أيلول), measures after (ثلاثة أيام).
    if units::label_before(ctx, first)
        || units::month_after(ctx, next)
        || units::measure_after(ctx, next)
    {
        return None;
    }
    let mut full_start = core.start;
    let mut full_end = core.end;

    // Percent and dollar signs joined to the digits: %85, 85%, $500, 500$.
    let mut unit = core.unit;
    let sign = if core.start > floor {
        ctx.key[..core.start].chars().next_back()
    } else {
        None
    };
    match sign {
        Some('%') => {
            unit = Some(Unit::Percent);
            full_start = core.start - 1;
        }
        Some('$') => {
            unit = Some(Unit::Usd);
            full_start = core.start - 1;
        }
        _ => {}
    }
    if ctx.key[core.end..].starts_with('$') {
        unit = Some(Unit::Usd);
        full_end = core.end + 1;
    }
    if let Some((end, nx)) = units::percent_after(ctx, core.end, next) {
        unit = Some(Unit::Percent);
        full_end = end;
        next = nx;
    }
    // A range: بين 10 و15، ما بين عشرة إلى عشرين. A qualifier that the
    // quantity before already took as its own (`5 على الأقل و3 ...`) is not
    // read again as this one's: it ends before `floor`.
    let before = qualifiers::before(ctx, first).filter(|&(_, q)| ctx.toks[q].start >= floor);
    if let Some((crate::lexicon::Effect::Between, qstart)) = before {
        if let Some((high, hend, hnext)) = second_of_range(ctx, next) {
            if let Some(low) = core.bounds.best {
                if high > low {
                    core.bounds = Bounds::range(low, high, false);
                    full_start = ctx.toks[qstart].start;
                    full_end = hend;
                    next = hnext;
                }
            }
        }
    } else if let Some((e, qstart)) = before {
        core.bounds.apply(e);
        full_start = ctx.toks[qstart].start;
    }
    // A year is a quantity only when it counts something: 2000 مقاتل.
    let noun = if unit.is_none() {
        units::unit_after(ctx, next)
    } else {
        None
    };
    if core.year_like && noun.is_none() {
        return None;
    }
    // A scale word alone counts only what it is said to count, or with a
    // qualifier (أكثر من مليون).
    if core.lone_scale && unit.is_none() && noun.is_none() && before.is_none() {
        return None;
    }
    // Post qualifiers right after the number, or after its noun.
    if let Some((e, nx)) = qualifiers::after(ctx, next) {
        core.bounds.apply(e);
        full_end = ctx.toks[nx - 1].end;
        next = nx;
    } else if let Some((_, after_noun)) = noun {
        if let Some((e, nx)) = qualifiers::after(ctx, after_noun) {
            core.bounds.apply(e);
            full_end = ctx.toks[nx - 1].end;
            next = nx;
        }
    }
    if unit.is_none() {
        unit = noun.map(|(u, _)| u);
    }
    core.unit = unit;
    core.next = next;
    Some((core, full_start, full_end))
}

/// The second number of a range after `بين A`: `و15`, `و 15`, `إلى 15`,
/// `وعشرين`. Returns its value, key end and next token.
fn second_of_range(ctx: &Ctx, i: usize) -> Option<(f64, usize, usize)> {
    if i == 0 || i >= ctx.len() || !ctx.tight(i - 1) {
        return None;
    }
    let w = ctx.word(i);
    let (j, rest_off) = if matches!(w, "و" | "الي" | "او") {
        if !ctx.tight(i) {
            return None;
        }
        (i + 1, 0)
    } else if let Some(r) = w.strip_prefix('و') {
        (i, w.len() - r.len())
    } else {
        return None;
    };
    let tok = ctx.toks.get(j)?;
    let s = &ctx.key[tok.start + rest_off..];
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        match scan(s)?.literal {
            Literal::Number { value, .. } => {
                let end = tok.start + rest_off + scan(s)?.len;
                return Some((value, end, token_after(ctx, j, end)));
            }
            _ => return None,
        }
    }
    let mut ws = run(ctx, j, 8);
    let first = ws[0].get(rest_off..)?;
    ws[0] = first;
    let p = parse_words(&ws)?;
    match p.value {
        Value::Exact(v) if !p.article => {
            let last = j + p.words - 1;
            Some((v, ctx.toks[last].end, last + 1))
        }
        _ => None,
    }
}
