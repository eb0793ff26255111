//! How many: the count of one casualty word, read by count rules tried in
//! order by [`read`]. A victim noun that counts itself (مقتل مدني) makes the
//! claim `singular`; else a quantity mention is `chosen`.

use super::nouns::{counted_noun, joined_nouns, year_like};
use super::site::Site;
use super::Claim;
use crate::context::{within, Ctx, Mention};
use crate::grammar::{self, grammar};
use crate::lexicon::Cue;

/// Words between a casualty word and its count (قتل أمس في القصف 4 …).
const NEAR: usize = 4;
/// Words between `عدد القتلى … إلى` and its figure: a tally may name a place,
/// a date and a source between them.
const FAR: usize = 16;
/// Words before a word that closes its clause (لقي … حتفه) its subject noun
/// may stand: the verb and the noun.
const SUBJECT_BEFORE: usize = 2;
/// Words a plural verb may stand after the count that is its subject.
const SUBJECT_REACH: usize = 10;
/// Words an active verb's object count may stand after: its subject (an
/// actor) and a date, at most this many other words.
const OBJECT_REACH: usize = 3;
/// Words of unnamed gunmen between an active verb and its object
/// (مسلحون مجهولون).
const GUNMEN_WORDS: usize = 2;

/// The count of one casualty word.
#[derive(Debug, Clone)]
pub struct Count {
    /// The quantity mention that is the count.
    pub chosen: Option<Mention>,
    /// A victim noun counts the people itself (`fixed`): مقتل مدني.
    pub singular: bool,
    /// What a singular noun counts (one, two for a dual, the sum of joined
    /// nouns).
    pub fixed: f64,
    /// First token of the victim noun told before the word (لقي شاب حتفه).
    pub people_before: Option<usize>,
    /// The side of the singular noun before the word or after the subject
    /// (أن طفلا أصيب).
    pub noun_side: Option<String>,
    /// The segment the side is read in: the word's, up to the end of the
    /// count's when the count stands past it.
    pub seg: (usize, usize),
}

/// The numbers of a count and the tokens they came from.
#[derive(Debug, Clone, Copy)]
pub struct Quantity {
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    /// The quantity's index in the document, when a mention was chosen.
    pub idx: Option<usize>,
    /// First token and last+1 of the count, or of the word for no mention.
    pub start: usize,
    pub end: usize,
}

impl Count {
    /// The numbers: the chosen mention's, the singular noun's, or none.
    pub fn quantity(&self, site: &Site) -> Quantity {
        let h = site.hit;
        match self.chosen {
            Some(m) => {
                let q = &site.ctx.doc.quantities[m.idx];
                Quantity {
                    low: q.low,
                    best: q.best,
                    high: q.high,
                    idx: Some(m.idx),
                    start: m.start,
                    end: m.end,
                }
            }
            None => {
                let n = self.singular.then_some(self.fixed);
                Quantity {
                    low: n,
                    best: n,
                    high: n,
                    idx: None,
                    start: h.start,
                    end: h.end,
                }
            }
        }
    }

    /// True when the word is told again for claim `c` read before it: the
    /// same kind in the same segment, counting the same quantity or with a
    /// count missing on one side.
    pub fn joins(&self, site: &Site, c: &Claim, seg: (usize, usize)) -> bool {
        let q = self.quantity(site);
        c.kind == site.word.kind
            && site.ctx.segment(c.t0) == seg
            && (c.quant == q.idx || c.best.is_none() || q.best.is_none())
    }
}

/// Reads the count of the word at `site`. `None` when an object-only word
/// (`word.object`) has none: it counts no one.
pub fn read(site: &Site) -> Option<Count> {
    let mut n = noun_after(site);
    if site.word.after_subject && !n.singular {
        people_before(site, &mut n);
    }
    if !n.singular && !site.word.after_subject {
        noun_right_before(site, &mut n);
    }
    let used = site.used();
    if n.singular {
        n.chosen = number_after_noun(site);
    } else if let Some(k) = counts_itself(site) {
        (n.singular, n.fixed) = (true, k);
    } else {
        n.chosen = nearest(site, &used);
    }
    if n.chosen.is_none() && tally_opened(site) {
        n.chosen = tally_figure(site, &used);
    }
    if n.chosen.is_none() && !n.singular {
        n.chosen = plural_subject(site, &used);
    }
    if n.chosen.is_none() && site.word.active && !n.singular {
        n.chosen = object_count(site, &used);
    }
    if n.chosen.is_none() && site.word.active && !n.singular {
        object_noun(site, &mut n);
    }
    if let Some(m) = n.chosen.filter(|m| m.start >= n.seg.1) {
        n.seg = (n.seg.0, site.ctx.segment(m.start).1);
    }
    if n.chosen.is_none() && site.word.selfdet && !n.singular {
        n.singular = self_detonation(site);
    }
    let counts_none = site.word.object && n.chosen.is_none() && !n.singular;
    (!counts_none).then_some(n)
}

/// `مقتل مدني`، `استشهد طفلان`، `مقتل ضابط وجنديين`: a victim noun with a
/// count of its own in the words right after the casualty word counts the
/// people (nouns joined by و add up) — not when a count stands before the
/// noun (`مقتل 3 مدنيين`: the count says how many).
fn noun_after(site: &Site) -> Count {
    let ctx = site.ctx;
    let (a, b) = site.next_words();
    let victims = within(&ctx.victims, a, b, |v| v.start);
    let noun_count = victims
        .iter()
        .find_map(|v| ctx.lx.victims.get(v.payload).and_then(|x| x.count));
    let count_first = within(&ctx.quants, a, b, |m| m.start)
        .iter()
        .any(|m| within(&ctx.victims, a, m.start, |v| v.start).is_empty());
    let singular = noun_count.is_some() && !count_first;
    let mut fixed = noun_count.unwrap_or(1.0);
    if singular {
        fixed = joined_nouns(ctx, a, b, site.seg.1, fixed);
    }
    Count {
        chosen: None,
        singular,
        fixed,
        people_before: None,
        noun_side: None,
        seg: site.seg,
    }
}

/// `لقي شاب حتفه`: a word that closes its clause counts the singular noun
/// within [`SUBJECT_BEFORE`] words before it, when no count stands there.
fn people_before(site: &Site, n: &mut Count) {
    let ctx = site.ctx;
    let h = site.hit;
    let lo = h.start.saturating_sub(SUBJECT_BEFORE).max(site.seg.0);
    let noun = within(&ctx.victims, lo, h.start, |v| v.start)
        .iter()
        .find_map(|v| ctx.lx.victims.get(v.payload).and_then(|x| x.count));
    if let Some(c) = noun {
        if within(&ctx.quants, lo, h.start, |m| m.start).is_empty() {
            n.singular = true;
            n.fixed = c;
            n.people_before = Some(lo);
        }
    }
}

/// `وأفادت المصادر أن طفلا أصيب`: a singular victim noun right before the
/// word counts the people, when nothing after the word does and the noun is
/// no count's noun (`16 شخصاً قتلوا`).
fn noun_right_before(site: &Site, n: &mut Count) {
    let ctx = site.ctx;
    let h = site.hit;
    let (a, b) = site.next_words();
    if h.start <= site.seg.0
        || !within(&ctx.quants, a, b, |m| m.start).is_empty()
        || !within(&ctx.victims, a, b, |v| v.start).is_empty()
        || counted_noun(ctx, h.start - 1)
    {
        return;
    }
    let noun = within(&ctx.victims, h.start - 1, h.start, |v| v.start)
        .iter()
        .filter(|v| v.end == h.start)
        .filter_map(|v| ctx.lx.victims.get(v.payload))
        .find_map(|x| x.count.map(|c| (c, x.group.clone())));
    if let Some((c, g)) = noun {
        n.singular = true;
        n.fixed = c;
        n.people_before = Some(h.start - 1);
        n.noun_side = g;
    }
}

/// `قتل متظاهران اثنان`: a number word right after the victim noun is this
/// claim's, not the next one's (but not a second noun joined by و: ضابط
/// وجنديين).
fn number_after_noun(site: &Site) -> Option<Mention> {
    let ctx = site.ctx;
    let (a, b) = site.next_words();
    let v = within(&ctx.victims, a, b, |v| v.start).first()?;
    within(&ctx.quants, v.end, v.end + 1, |m| m.start)
        .first()
        .filter(|m| !starts_with_conjunction(ctx.word(m.start)))
        .copied()
}

/// `أسفر القصف عن قتيلين وثلاثة جرحى`، `سقوط قتيل`: a noun that counts
/// by its form (`count` in casualty.toml) with no number right before it
/// (`100 قتيل` is a hundred) counts one or two itself; see [`form_counts`].
fn counts_itself(site: &Site) -> Option<f64> {
    let k = site.word.count?;
    let h = site.hit;
    let numbered = within(&site.ctx.quants, site.seg.0, h.end, |m| m.start)
        .iter()
        .any(|m| m.end == h.start || (m.start < h.start && h.start < m.end));
    let dual = k > 1.0;
    (!numbered && form_counts(site.ctx, h.start, dual)).then_some(k)
}

/// Whether the noun at `t` stands as a count: bare or after و alone (not
/// `القتيل هو فلان`, one told already, nor `لجريح`), not after another
/// casualty word (`70 قتيل وجريح`: the number counts both; a dual has its
/// own, `11 قتيلاً وجريحين`) nor after a word making it a range of kinds
/// (`أوقعت أعداداً بين قتيل وجريح`).
fn form_counts(ctx: &Ctx, t: usize, dual: bool) -> bool {
    let w = ctx.word(t);
    let bare = rasad_text::clitic::readings(w).last().map_or(w, |r| r.bare);
    let prefix = &w[..w.len() - bare.len()];
    let plain = prefix.is_empty() || (prefix.chars().count() == 1 && starts_with_conjunction(w));
    let after_casualty = !dual && t > 0 && !within(&ctx.casualty, t - 1, t, |x| x.start).is_empty();
    let range = t > 0 && grammar().range_between.contains(ctx.word(t - 1));
    plain && !ctx.definite(t) && !after_casualty && !range
}

/// `قتل في الغارة 4 مدنيين`، `ثلاثة قتلى`: the nearest count of the segment
/// within [`NEAR`] words, after the word or (for a word that is no object
/// only) before it; see [`nearest_excluded`] for the counts passed over.
fn nearest(site: &Site, used: &[usize]) -> Option<Mention> {
    let ctx = site.ctx;
    let h = site.hit;
    let (mut chosen, mut best_d) = (None, usize::MAX);
    for m in within(&ctx.quants, site.seg.0, site.seg.1, |m| m.start) {
        if nearest_excluded(site, m, used) {
            continue;
        }
        let d = if m.start >= h.end {
            m.start - h.end
        } else if m.end <= h.start && !site.word.object {
            h.start - m.end
        } else {
            continue;
        };
        if d <= NEAR && d < best_d {
            best_d = d;
            chosen = Some(*m);
        }
    }
    chosen
}

/// Counts [`nearest`] passes over: one in a sub-count region, a year
/// (2019), one before a word joined by و (`وأصيب`: that count is the
/// previous claim's), one right before a casualty noun of its own (`ونقلت
/// سبعة جرحى`), one across another casualty word, and one a claim of another
/// kind already counts.
fn nearest_excluded(site: &Site, m: &Mention, used: &[usize]) -> bool {
    let ctx = site.ctx;
    let h = site.hit;
    if site.region_of(m.start).is_some() || year_like(ctx, m) {
        return true;
    }
    if starts_with_conjunction(ctx.word(h.start)) && m.start < h.start {
        return true;
    }
    let after = m.start >= h.end;
    if after
        && within(&ctx.casualty, m.end, m.end + 1, |x| x.start)
            .iter()
            .any(|x| !starts_with_conjunction(ctx.word(x.start)))
    {
        return true;
    }
    let (lo, hi) = if after {
        (h.end, m.start)
    } else {
        (m.end, h.start)
    };
    if !within(&ctx.casualty, lo, hi, |x| x.start).is_empty() {
        return true;
    }
    let same_kind_user = site
        .told
        .iter()
        .any(|c| c.quant == Some(m.idx) && c.kind == site.word.kind);
    used.contains(&m.idx) && !same_kind_user
}

/// True when the word opens a tally (`ارتفع عدد القتلى`) or follows a noun
/// of number (`عدد الجرحى`): its figure may stand far after it.
fn tally_opened(site: &Site) -> bool {
    let ctx = site.ctx;
    let h = site.hit;
    ctx.has_cue(Cue::Tally, site.seg.0, h.start)
        || grammar()
            .count_noun
            .contains(ctx.word(h.start.wrapping_sub(1)))
}

/// `ارتفع عدد قتلى الانفجار في المدينة إلى 28`: the first count after `إلى`
/// within [`FAR`] words of a tally's word.
fn tally_figure(site: &Site, used: &[usize]) -> Option<Mention> {
    let ctx = site.ctx;
    let h = site.hit;
    within(&ctx.quants, h.end, site.seg.1.min(h.end + FAR), |m| m.start)
        .iter()
        .find(|m| {
            m.start > 0 && grammar().to.contains(ctx.word(m.start - 1)) && !used.contains(&m.idx)
        })
        .copied()
}

/// `وذكر أن أربعة صيادين كانوا في البحر قد خطفوا`: the count right after
/// أن/إن is the subject of a plural verb (…وا) told up to [`SUBJECT_REACH`]
/// words later, with no other casualty or act word between; commas may
/// stand between them (`إن 20 مقاتلاً على الأقل، بينهم أجانب، قتلوا`).
fn plural_subject(site: &Site, used: &[usize]) -> Option<Mention> {
    let ctx = site.ctx;
    let h = site.hit;
    let g = grammar();
    if !grammar::ends_any(ctx.word(h.end - 1), &g.plural_verb_ending) {
        return None;
    }
    let lo = site.sent.t0.max(h.start.saturating_sub(SUBJECT_REACH));
    let m = within(&ctx.quants, lo, h.start, |m| m.start)
        .iter()
        .rev()
        .find(|m| m.end <= h.start)?;
    let opened = m.start > 0 && g.complementizer.contains(ctx.word(m.start - 1));
    let clear = within(&ctx.casualty, m.end, h.start, |x| x.start).is_empty()
        && within(&ctx.triggers, m.end, h.start, |x| x.start).is_empty();
    (opened && clear && !used.contains(&m.idx) && !year_like(ctx, m)).then_some(*m)
}

/// `احتجزت الدورية، مساء الخميس، خمسة رعاة`: an active verb's object count
/// after its subject and a date, past at most [`OBJECT_REACH`] other words
/// and no casualty or act word.
fn object_count(site: &Site, used: &[usize]) -> Option<Mention> {
    let ctx = site.ctx;
    let (mut t, end) = (site.hit.end, site.sent.t1);
    let mut other = 0;
    while t < end && other <= OBJECT_REACH {
        if let Some(m) = within(&ctx.quants, t, t + 1, |m| m.start).first() {
            return (!used.contains(&m.idx) && !year_like(ctx, m)).then_some(*m);
        }
        let covered = ctx.actor_at(t).or_else(|| ctx.time_at(t));
        match covered {
            Some(m) => t = m.end,
            None => {
                if !within(&ctx.casualty, t, t + 1, |h| h.start).is_empty()
                    || !within(&ctx.triggers, t, t + 1, |h| h.start).is_empty()
                {
                    return None;
                }
                other += 1;
                t += 1;
            }
        }
    }
    None
}

/// `اختطف مسلحون مجهولون الطبيب`: an active verb's one victim, a singular
/// noun right after its subject (actor mentions, or up to [`GUNMEN_WORDS`]
/// words of unnamed gunmen).
fn object_noun(site: &Site, n: &mut Count) {
    let ctx = site.ctx;
    let (from, end) = (site.hit.end, site.seg.1);
    let mut t = from;
    while let Some(m) = within(&ctx.actors, t, t + 1, |m| m.start)
        .iter()
        .find(|m| m.end > t)
    {
        t = m.end;
    }
    let gunmen = &grammar().gunmen;
    while t < end && t < from + GUNMEN_WORDS && grammar::starts_any(ctx.word(t), gunmen) {
        t += 1;
    }
    if t == from || t >= end {
        return;
    }
    let noun = within(&ctx.victims, t, t + 1, |v| v.start)
        .iter()
        .filter_map(|v| ctx.lx.victims.get(v.payload))
        .find_map(|x| x.count.map(|c| (c, x.group.clone())));
    if let Some((c, g)) = noun {
        n.singular = true;
        n.fixed = c;
        n.noun_side = g;
    }
}

/// `فجر انتحاري نفسه`: a self-detonation word ending in نفسه counts the one
/// who blew himself up.
fn self_detonation(site: &Site) -> bool {
    let word = site.ctx.word(site.hit.end - 1);
    grammar::ends_any(word, &grammar().self_endings)
}

/// True when the word carries the conjunction و (وأصيب، وإصابة), not a
/// word spelled with it (وفاة: `own_wa` of `grammar.words`).
pub fn starts_with_conjunction(word: &str) -> bool {
    word.starts_with(rasad_text::clitic::WA) && !grammar::starts_any(word, &grammar().own_wa)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casualty::tests::at_word;

    type Quants = &'static [(&'static str, f64)];
    type Actors = &'static [(&'static str, &'static str)];

    /// The value of a chosen mention.
    fn value(site: &Site, m: Option<Mention>) -> Option<f64> {
        m.and_then(|m| site.ctx.doc.quantities[m.idx].best)
    }

    /// Rows of the rules that choose a quantity mention: the rule, the
    /// sentence, its actors and counts, and the value the rule chooses for
    /// the first casualty word (`None`: it chooses none).
    #[test]
    fn count_rules_choose_their_mention() {
        type Rule = fn(&Site, &[usize]) -> Option<Mention>;
        type Row = (
            &'static str,
            Rule,
            &'static str,
            Actors,
            Quants,
            Option<f64>,
        );
        let rows: &[Row] = &[
            (
                "nearest",
                nearest,
                "قتل في الغارة 4 مدنيين.",
                &[],
                &[("4", 4.0)],
                Some(4.0),
            ),
            (
                "nearest",
                nearest,
                "ثلاثة قتلى في القصف.",
                &[],
                &[("ثلاثة", 3.0)],
                Some(3.0),
            ),
            // a count right before a casualty noun of its own is that noun's
            (
                "nearest",
                nearest,
                "قتل أمس 7 جرحى.",
                &[],
                &[("7", 7.0)],
                None,
            ),
            (
                "tally_figure",
                tally_figure,
                "ارتفع عدد قتلى الاشتباكات في المدينة حتى مساء اليوم إلى 28.",
                &[],
                &[("28", 28.0)],
                Some(28.0),
            ),
            (
                "plural_subject",
                plural_subject,
                "وذكر أن أربعة صيادين كانوا في البحر قد خطفوا.",
                &[],
                &[("أربعة", 4.0)],
                Some(4.0),
            ),
            // a parenthetical between commas does not part them
            (
                "plural_subject",
                plural_subject,
                "وقال المرصد إن 20 مقاتلا على الأقل، بينهم أجانب، قتلوا في الغارة.",
                &[],
                &[("20", 20.0)],
                Some(20.0),
            ),
            // not opened by أن: no subject count
            (
                "plural_subject",
                plural_subject,
                "أربعة صيادين كانوا في البحر قد خطفوا.",
                &[],
                &[("أربعة", 4.0)],
                None,
            ),
            (
                "object_count",
                object_count,
                "احتجزت الدورية، مساء الخميس، خمسة رعاة.",
                &[("الدورية", "POLICE")],
                &[("خمسة", 5.0)],
                Some(5.0),
            ),
            // an act word before the count: the count is that act's
            (
                "object_count",
                object_count,
                "احتجزت الدورية، بعد مداهمة، خمسة رعاة.",
                &[("الدورية", "POLICE")],
                &[("خمسة", 5.0)],
                None,
            ),
            (
                "number_after_noun",
                |s, _| number_after_noun(s),
                "قتل متظاهران اثنان في الساحة.",
                &[],
                &[("اثنان", 2.0)],
                Some(2.0),
            ),
        ];
        for &(rule, f, text, actors, quants, want) in rows {
            let got = at_word(text, actors, quants, 0, |site| value(site, f(site, &[])));
            assert_eq!(got, want, "{rule}: {text}");
        }
    }

    #[test]
    fn a_year_is_no_count() {
        use crate::context::Ctx;
        use crate::tests::document;
        let text = "قتل عام 2014 في القصف.";
        let (a, mut doc) = document(text, &[], &[("2014", 2014.0)]);
        doc.quantities[0].unit = None;
        let ctx = Ctx::new(&a, &doc);
        assert!(year_like(&ctx, &ctx.quants[0]));
    }

    /// Rows of the rules that count the people by a victim noun: the
    /// sentence, and what the whole reading ends with (singular, fixed).
    #[test]
    fn victim_nouns_count_the_people() {
        let rows: &[(&str, &str, Quants, bool, f64)] = &[
            ("noun_after", "مقتل ضابط وجنديين في الكمين.", &[], true, 3.0),
            ("noun_after", "استشهد طفلان في القصف.", &[], true, 2.0),
            // a count before the noun says how many
            ("noun_after", "مقتل 3 مدنيين.", &[("3", 3.0)], false, 1.0),
            ("people_before", "لقي شاب حتفه في الحادث.", &[], true, 1.0),
            (
                "noun_right_before",
                "وأفادت المصادر أن طفلا أصيب.",
                &[],
                true,
                1.0,
            ),
            ("object_noun", "خطف مسلحون مجهولون الطبيب.", &[], true, 1.0),
            (
                "self_detonation",
                "أقدم عنصر على تفجير نفسه قرب الحاجز.",
                &[],
                true,
                1.0,
            ),
        ];
        for &(rule, text, quants, singular, fixed) in rows {
            let got = at_word(text, &[], quants, 0, |site| {
                read(site).map(|n| (n.chosen.is_some(), n.singular, n.fixed))
            });
            let want = if singular {
                (false, true, fixed)
            } else {
                (true, false, fixed)
            };
            assert_eq!(got, Some(want), "{rule}: {text}");
        }
    }

    #[test]
    fn an_object_only_word_without_a_count_counts_no_one() {
        let got = at_word(
            "أسر المقاتلون في المعركة.",
            &[],
            &[],
            0,
            |site| read(site).is_none(),
        );
        assert!(got);
    }

    #[test]
    fn only_the_conjunction_opens_a_new_claim() {
        assert!(starts_with_conjunction("واصيب"));
        assert!(!starts_with_conjunction("وفاه"));
        assert!(!starts_with_conjunction("اصيب"));
    }
}
