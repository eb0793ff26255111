//! Finds quantities in a document: numbers in digits or words, dual nouns and
//! vague amounts, with their qualifiers and units, skipping what is not a
//! quantity (dates, clock times, years, labels, durations, ordinals, phone
//! numbers, codes).

use crate::context::Ctx;
use crate::digits::{scan, Literal};
use crate::lexicon::{split_known, Effect, Kind, Split, LEXICON};
use crate::qualifiers::{self, Bounds};
use crate::units;
use crate::words::{parse_ordinal, parse_words, Value, WordsParse};
use rasad_record::{Quantity, Span, Unit};
use rasad_text::{clitic, Analysis};

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

impl Core {
    /// A number on key bytes `start..end` from token `first`, the next token
    /// `next`: no unit, not a year, not a lone scale word.
    fn new(first: usize, start: usize, end: usize, next: usize, bounds: Bounds) -> Core {
        Core {
            first,
            start,
            end,
            next,
            bounds,
            year_like: false,
            unit: None,
            lone_scale: false,
        }
    }
}

/// Most digits of a number (an `f64` holds 15 significant digits; longer
/// runs are identifiers).
const MAX_DIGITS: usize = 15;

/// Digits from which an ungrouped integer is a phone number or an
/// identifier (the largest counts in the news are written grouped or with a
/// scale word: `10.000.000`, `10 ملايين`).
const PHONE_DIGITS: usize = 8;

/// Plain four-digit numbers in these ranges may be years (`عام 2014`,
/// `1439 هـ`): quantities only when they count something.
const GREGORIAN_YEARS: std::ops::RangeInclusive<f64> = 1900.0..=2100.0;
const HIJRI_YEARS: std::ops::RangeInclusive<f64> = 1300.0..=1500.0;

/// A number written in digits at token `i`. `Err(next)` when it is no quantity.
fn digits_at(ctx: &Ctx, i: usize) -> Result<Core, usize> {
    let tok = ctx.toks[i];
    let w = ctx.word(i);
    let d = w.bytes().position(|b| b.is_ascii_digit()).unwrap_or(0);
    let prefix = &w[..d];
    let start = tok.start + d;
    let Some(sc) = scan(&ctx.key[start..]) else {
        return Err(i + 1);
    };
    let end = start + sc.len;
    let next = token_after(ctx, i, end);
    // Codes and ordinals: Latin letters joined to the digits (M4, T4, 16th).
    if prefix.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Err(next);
    }
    let first = number_start(ctx, i, prefix).ok_or(next)?;
    if in_code(ctx.key, start, end) {
        return Err(next);
    }
    match sc.literal {
        Literal::DateOrTime => Err(next),
        Literal::Range { low, high } => Ok(Core::new(
            first,
            start,
            end,
            next,
            Bounds::range(low, high, false),
        )),
        Literal::Number { .. } => number_core(ctx, first, start..end, next, sc.literal),
    }
}

/// The first token of a number in digits at token `i` (its digits after
/// `prefix`), or None for an ordinal day: `الـ10`, the article joined or
/// apart, unless a qualifier comes first (`أكثر من الـ200 عنصر`).
fn number_start(ctx: &Ctx, i: usize, prefix: &str) -> Option<usize> {
    let apart = prefix.is_empty() && i > 0 && ctx.tight(i - 1) && {
        let w = ctx.word(i - 1);
        clitic::is_prefix(w) && clitic::ends_with_article(w)
    };
    if !apart && !prefix.ends_with(clitic::ARTICLE) {
        return Some(i);
    }
    let first = if apart { i - 1 } else { i };
    let qualified = matches!(qualifiers::before(ctx, first), Some((e, _)) if e != Effect::Between);
    qualified.then_some(first)
}

/// True when the digits on key bytes `start..end` are part of a code, a
/// path, an address or a URL: `#12`, `v2.5`, `A-10`, `12/`, `x12y`, `www`.
fn in_code(key: &str, start: usize, end: usize) -> bool {
    let before = key[..start].chars().next_back();
    let after = key[end..].chars().next();
    if before.is_some_and(|c| matches!(c, '+' | '/' | '#' | '@' | '.' | ':' | '_' | '=' | '\\'))
        || after
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | ':' | '_' | '=' | '@'))
    {
        return true;
    }
    if before == Some('-')
        && key[..start - 1]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return true;
    }
    let chunk_start = key[..start].rfind(char::is_whitespace).map_or(0, |p| p + 1);
    let chunk_end = key[end..]
        .find(char::is_whitespace)
        .map_or(key.len(), |p| end + p);
    let chunk = &key[chunk_start..chunk_end];
    chunk.bytes().any(|b| b.is_ascii_alphabetic()) || chunk.contains("www")
}

/// A number literal on key bytes `at`: no phone number or zero-led code,
/// multiplied by a scale word after it (`3 آلاف`, `2.5 مليون`, `1.500
/// مليون`), and no year marked by its era (`2012م`, `1439 هـ`).
fn number_core(
    ctx: &Ctx,
    first: usize,
    at: std::ops::Range<usize>,
    next: usize,
    literal: Literal,
) -> Result<Core, usize> {
    let Literal::Number {
        value,
        decimal,
        grouped,
        digits,
        alt,
    } = literal
    else {
        return Err(next);
    };
    let ungrouped = !grouped && !decimal;
    if digits > MAX_DIGITS || (ungrouped && digits >= PHONE_DIGITS) {
        return Err(next);
    }
    if ungrouped && digits > 1 && ctx.key[at.start..].starts_with('0') {
        return Err(next);
    }
    let plain = ungrouped && digits == 4;
    let (v, core_end, nx) = match scale_after(ctx, at.end, next) {
        Some((scale, scale_end)) => (alt.unwrap_or(value) * scale, scale_end, next + 1),
        None => (value, at.end, next),
    };
    if plain && era_joined(ctx.key, at.end) {
        return Err(nx);
    }
    let year_like = plain && core_end == at.end && GREGORIAN_YEARS.contains(&v)
        || (plain && HIJRI_YEARS.contains(&v) && LEXICON.hijri.contains(ctx.word(nx)));
    Ok(Core {
        year_like,
        ..Core::new(first, at.start, core_end, nx, Bounds::exact(v))
    })
}

/// A scale word (not a dual: `ألفين` is a number of its own) at token `next`, right after digits
/// ending at key byte `end`: its value and key end.
fn scale_after(ctx: &Ctx, end: usize, next: usize) -> Option<(f64, usize)> {
    let t = ctx.toks.get(next)?;
    if !ctx.tight_bytes(end, t.start) {
        return None;
    }
    let s = LEXICON.words.get(ctx.word(next))?;
    (s.kind == Kind::Scale && !s.dual).then_some((s.value, t.end))
}

/// True when an era letter is joined to the digits ending at key byte
/// `end`: `2012م`, `1439هـ`.
fn era_joined(key: &str, end: usize) -> bool {
    let suffix: String = key[end..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    LEXICON.era.contains(&suffix)
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

/// Most words one number spans (`ثلاثة آلاف وخمسمائة وستة وعشرين` is 5).
const MAX_NUMBER_WORDS: usize = 8;

/// A number written in words (or a dual noun) at token `i`.
fn words_at(ctx: &Ctx, i: usize) -> Result<Core, usize> {
    let lex = &*LEXICON;
    let w = ctx.word(i);
    if !may_be_number(w) || !starts_number(w) {
        return Err(i + 1);
    }
    if let Some(sp) = split_known(w, |x| lex.duals.contains_key(x)) {
        return dual_noun(ctx, i, sp);
    }
    let ws = run(ctx, i, MAX_NUMBER_WORDS);
    let p = parse_words(&ws).ok_or(i + 1)?;
    let next = i + p.words;
    let vague = matches!(p.value, Value::Vague { .. });
    // الثلاثة، والعشرين (an ordinal's tens), المائة (في المائة): not counts.
    if p.article && !vague {
        return Err(next);
    }
    // التاسع عشر، الحادي عشر: the teen of an ordinal.
    if lex.is_ten(ws[0]) && i > 0 && parse_ordinal(&[ctx.word(i - 1)]).is_some() {
        return Err(next);
    }
    let tok = ctx.toks[i];
    // The article belongs to a vague amount's text (العشرات).
    let start = tok.start + if p.article { 0 } else { p.prefix };
    let end = ctx.toks[next - 1].end;
    let bare = &ws[0][p.prefix..];
    let bounds = match p.value {
        Value::Exact(v) if construct_dual(ctx, &p, bare, next) => Bounds::exact(2.0 * v),
        Value::Exact(v) => Bounds::exact(v),
        Value::Vague { low, high } => Bounds::range(low, high, true),
    };
    let unit = if p.lone_one {
        Some(lone_one(ctx, i, &p).ok_or(next)?)
    } else {
        None
    };
    Ok(Core {
        unit,
        lone_scale: lone_scale(&p, bare),
        ..Core::new(i, start, end, next, bounds)
    })
}

/// True when `w` may start a number: a number word, vague amount or dual
/// noun behind its proclitics, not behind ك (`كمية`, `كميات` are not مية,
/// مئات) and not a word listed as none (`لست`).
fn starts_number(w: &str) -> bool {
    let lex = &*LEXICON;
    split_known(w, |x| lex.starts.contains(x))
        .is_some_and(|sp| !w[..sp.prefix].contains('ك') && !lex.not_numbers.contains(w))
}

/// A dual noun counts two: `عنصرين`, `مفخختين` (never with the article),
/// also when the number repeats it: `عنصرين اثنين`.
fn dual_noun(ctx: &Ctx, i: usize, sp: Split) -> Result<Core, usize> {
    if sp.article {
        return Err(i + 1);
    }
    let lex = &*LEXICON;
    let tok = ctx.toks[i];
    let mut end = tok.end;
    let mut next = i + 1;
    if ctx.tight(i) {
        if let Some(x) = lex.words.get(ctx.word(i + 1)) {
            if x.value == 2.0 && x.kind == Kind::Unit {
                end = ctx.toks[i + 1].end;
                next = i + 2;
            }
        }
    }
    Ok(Core {
        unit: Some(lex.duals[sp.bare]),
        ..Core::new(i, tok.start + sp.prefix, end, next, Bounds::exact(2.0))
    })
}

/// `ألفا دولار`: the construct dual of a scale, two thousand, when a
/// counted noun or currency follows (`ألفاً من المقاتلين` is one thousand).
fn construct_dual(ctx: &Ctx, p: &WordsParse, bare: &str, next: usize) -> bool {
    let lex = &*LEXICON;
    p.words == 1
        && !p.article
        && lex.construct_duals.contains(bare)
        && !lex.partitive.contains(ctx.word(next))
        && units::unit_after(ctx, next).is_some()
}

/// `واحد` counts only right after an indefinite person noun: `مدني واحد`
/// (not `عائلة واحدة`, `مرة واحدة`, `جهة واحدة`: "a single ...", nor
/// `الجثث واحدة لطفل`, "one of the bodies"). The unit, or None.
fn lone_one(ctx: &Ctx, i: usize, p: &WordsParse) -> Option<Unit> {
    if i == 0 || !ctx.tight(i - 1) || p.prefix > 0 {
        return None;
    }
    if ctx.word(i - 1).starts_with(clitic::ARTICLE) {
        return None;
    }
    units::counted_noun(ctx, i - 1).filter(|u| *u == Unit::People)
}

/// A scale word alone (`مليون`, also the village `بليون`).
fn lone_scale(p: &WordsParse, bare: &str) -> bool {
    p.words == 1
        && matches!(p.value, Value::Exact(_))
        && LEXICON
            .words
            .get(bare)
            .is_some_and(|x| x.kind == Kind::Scale && !x.dual && !x.plural)
}

/// Cheap filter before the lexicon: number words and duals end in one of a
/// few letters.
fn may_be_number(w: &str) -> bool {
    w.len() >= 4 && !w.bytes().any(|b| b.is_ascii())
}

/// The key range of a whole quantity expression (qualifiers, signs and
/// percent included) and the token after it.
#[derive(Debug, Clone, Copy)]
struct Extent {
    start: usize,
    end: usize,
    next: usize,
}

/// Applies the context of a number: what makes it no quantity, its qualifiers,
/// unit and percent. Returns the core with bounds and unit set, and the key
/// range of the whole expression.
fn context(ctx: &Ctx, mut core: Core, floor: usize) -> Option<(Core, usize, usize)> {
    // Not quantities: labels before (الفرقة 17، عام 2014), months after
    // (27 كانون الأول، الـ10 من أيلول), measures after (ثلاثة أيام).
    if units::label_before(ctx, core.first)
        || units::month_after(ctx, core.next)
        || units::measure_after(ctx, core.next)
    {
        return None;
    }
    let mut ext = Extent {
        start: core.start,
        end: core.end,
        next: core.next,
    };
    let mut unit = signs(ctx, &core, floor, &mut ext);
    if let Some((end, nx)) = units::percent_after(ctx, core.end, ext.next) {
        unit = Some(Unit::Percent);
        ext.end = end;
        ext.next = nx;
    }
    // A qualifier that the quantity before already took as its own (`5 على
    // الأقل و3 ...`) is not read again as this one's: it ends before `floor`.
    let before = qualifiers::before(ctx, core.first).filter(|&(_, q)| ctx.toks[q].start >= floor);
    qualify_before(ctx, &mut core, before, &mut ext);
    let noun = unit
        .is_none()
        .then(|| units::unit_after(ctx, ext.next))
        .flatten();
    // A year is a quantity only when it counts something: 2000 مقاتل. A
    // scale word alone counts only what it is said to count, or with a
    // qualifier (أكثر من مليون).
    if (core.year_like && noun.is_none())
        || (core.lone_scale && unit.is_none() && noun.is_none() && before.is_none())
    {
        return None;
    }
    qualify_after(ctx, &mut core, noun, &mut ext);
    core.unit = unit.or(noun.map(|(u, _)| u));
    core.next = ext.next;
    Some((core, ext.start, ext.end))
}

/// Percent and dollar signs joined to the digits (`%85`, `85%`, `$500`,
/// `500$`): the unit, the extent grown over them. A sign before `floor`
/// belongs to the quantity before.
fn signs(ctx: &Ctx, core: &Core, floor: usize, ext: &mut Extent) -> Option<Unit> {
    let mut unit = core.unit;
    let sign = (core.start > floor)
        .then(|| ctx.key[..core.start].chars().next_back())
        .flatten();
    match sign {
        Some('%') => {
            unit = Some(Unit::Percent);
            ext.start = core.start - 1;
        }
        Some('$') => {
            unit = Some(Unit::Usd);
            ext.start = core.start - 1;
        }
        _ => {}
    }
    if ctx.key[core.end..].starts_with('$') {
        unit = Some(Unit::Usd);
        ext.end = core.end + 1;
    }
    unit
}

/// A qualifier before the number: a range (`بين 10 و15`, `ما بين عشرة
/// إلى عشرين`) or a bound (`نحو 30`, `أكثر من 200`).
fn qualify_before(ctx: &Ctx, core: &mut Core, before: Option<(Effect, usize)>, ext: &mut Extent) {
    let Some((effect, qstart)) = before else {
        return;
    };
    if effect != Effect::Between {
        core.bounds.apply(effect);
        ext.start = ctx.toks[qstart].start;
        return;
    }
    let Some((high, hend, hnext)) = second_of_range(ctx, ext.next) else {
        return;
    };
    if let Some(low) = core.bounds.best.filter(|&low| high > low) {
        core.bounds = Bounds::range(low, high, false);
        ext.start = ctx.toks[qstart].start;
        ext.end = hend;
        ext.next = hnext;
    }
}

/// A qualifier right after the number (`9 على الأقل`), or after its noun
/// (`200 عنصر تقريبا`).
fn qualify_after(ctx: &Ctx, core: &mut Core, noun: Option<(Unit, usize)>, ext: &mut Extent) {
    let found = qualifiers::after(ctx, ext.next)
        .or_else(|| noun.and_then(|(_, after_noun)| qualifiers::after(ctx, after_noun)));
    if let Some((e, nx)) = found {
        core.bounds.apply(e);
        ext.end = ctx.toks[nx - 1].end;
        ext.next = nx;
    }
}

/// The second number of a range after `بين A`: `و15`, `و 15`, `إلى 15`,
/// `وعشرين`. Returns its value, key end and next token.
fn second_of_range(ctx: &Ctx, i: usize) -> Option<(f64, usize, usize)> {
    if i == 0 || i >= ctx.len() || !ctx.tight(i - 1) {
        return None;
    }
    let w = ctx.word(i);
    let (j, rest_off) = if LEXICON.range_joiners.contains(w) {
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
    let mut ws = run(ctx, j, MAX_NUMBER_WORDS);
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
