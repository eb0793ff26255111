//! One document indexed for this stage: sentences as token ranges, every
//! mention of the earlier stages (actors, places, times, quantities, sources)
//! as token ranges, and every lexicon hit.

pub use crate::lexicon::within;
use crate::lexicon::{Cue, Hit, Lexicon, Marker};
use rasad_record::{Document, Span, Unit};
use rasad_text::{clitic, Analysis, Token};

/// A mention of something in `doc` (its index `idx` in the doc's list) over
/// tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub idx: usize,
    pub span: Span,
}

/// A body sentence: its span, tokens `t0..t1` and paragraph number.
#[derive(Debug, Clone, Copy)]
pub struct Sent {
    pub span: Span,
    pub t0: usize,
    pub t1: usize,
    pub para: usize,
}

/// Everything the readers need, built once per document (linear in the text).
pub struct Ctx<'a> {
    pub a: &'a Analysis,
    pub doc: &'a Document,
    pub lx: &'static Lexicon,
    pub key: &'a str,
    pub toks: &'a [Token],
    pub sents: Vec<Sent>,
    pub actors: Vec<Mention>,
    pub places: Vec<Mention>,
    pub times: Vec<Mention>,
    pub quants: Vec<Mention>,
    pub sources: Vec<Mention>,
    pub triggers: Vec<Hit>,
    pub casualty: Vec<Hit>,
    pub victims: Vec<Hit>,
    cues: Vec<(Cue, Vec<Hit>)>,
    /// `punct[i]`: clause punctuation (، ؛ : ( ) , ;) between token i-1 and i.
    pub punct: Vec<bool>,
    /// Segment of each token: `[seg_start, seg_end)` token bounds.
    pub seg: Vec<(usize, usize)>,
    /// Hits of the non-event lists (`data/events/nonevents.toml`).
    pub marks: crate::marks::Marks,
    /// The title tells an accident or a game (see
    /// [`crate::nonevents::read_title`]).
    pub accident_title: bool,
    /// See [`Ctx::actors_headed`] (built on first use).
    heads: std::cell::OnceCell<rustc_hash::FxHashMap<String, Vec<usize>>>,
    /// See [`Ctx::actor_at`] (built on first use): actors, times, sources,
    /// triggers.
    covers: std::cell::OnceCell<[Covers; 4]>,
}

/// Which mentions of a list sorted by start cover a token: the starts, and
/// the largest end of each prefix. The first mention (in list order)
/// reaching past token `t` is the first whose prefix maximum does, and it
/// covers `t` when it starts at or before it: two binary searches instead
/// of a scan of every mention per token (which made long articles
/// quadratic).
#[derive(Debug)]
struct Covers {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Covers {
    /// `list`: (start, end) of each mention, sorted by start.
    fn new(list: impl Iterator<Item = (usize, usize)>) -> Covers {
        let (starts, ends): (Vec<usize>, Vec<usize>) = list.unzip();
        debug_assert!(starts.is_sorted());
        let mut m = 0;
        Covers {
            starts,
            max_end: ends
                .into_iter()
                .map(|e| {
                    m = m.max(e);
                    m
                })
                .collect(),
        }
    }

    /// Index of the first mention with `start <= t < end`.
    fn first(&self, t: usize) -> Option<usize> {
        let started = self.starts.partition_point(|&s| s <= t);
        let i = self.max_end.partition_point(|&e| e <= t);
        (i < started).then_some(i)
    }
}

/// Victim nouns that are not words inside an actor's name: `العراقي` in
/// `الجيش العراقي` is the army's adjective, not Iraqi people.
fn inside_no_actor(victims: Vec<Hit>, actors: &[Mention]) -> Vec<Hit> {
    // Actors are sorted by start: one starting before the victim word
    // reaches past it iff the largest end among them does (asked per word
    // by binary search, not a scan of every actor).
    let max_end: Vec<usize> = actors
        .iter()
        .scan(0, |m, a| {
            *m = a.end.max(*m);
            Some(*m)
        })
        .collect();
    victims
        .into_iter()
        .filter(|v| {
            let n = actors.partition_point(|m| m.start < v.start);
            !(n > 0 && max_end[n - 1] > v.start)
        })
        .collect()
}

fn mentions(toks: &[Token], spans: impl Iterator<Item = (usize, Span)>) -> Vec<Mention> {
    let mut out = Vec::new();
    for (idx, sp) in spans {
        if sp.is_empty() {
            continue;
        }
        let start = toks.partition_point(|t| t.span.end <= sp.start);
        let end = toks.partition_point(|t| t.span.start < sp.end);
        if start < end {
            out.push(Mention {
                start,
                end,
                idx,
                span: sp,
            });
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// The spans of every item of a list, each with the item's index.
fn numbered_spans<'d>(
    lists: impl Iterator<Item = &'d Vec<Span>> + 'd,
) -> impl Iterator<Item = (usize, Span)> + 'd {
    lists
        .enumerate()
        .flat_map(|(i, spans)| spans.iter().map(move |s| (i, *s)))
}

/// The counts of people (or of nothing: `ثلاثة`) that are no part of a time
/// mention.
fn quantity_mentions(toks: &[Token], doc: &Document) -> Vec<Mention> {
    // Asked per quantity: the times sorted by start with the largest end of
    // each prefix (one starting before the quantity ends reaches into it iff
    // the largest such end does), not a scan of every time.
    let mut times: Vec<Span> = doc.times.iter().map(|t| t.span).collect();
    times.sort_by_key(|t| t.start);
    let mut m = 0;
    let max_end: Vec<usize> = times
        .iter()
        .map(|t| {
            m = m.max(t.end);
            m
        })
        .collect();
    let in_time = |q: &Span| {
        let n = times.partition_point(|t| t.start < q.end);
        n > 0 && max_end[n - 1] > q.start
    };
    mentions(
        toks,
        doc.quantities
            .iter()
            .enumerate()
            .filter(|(_, q)| matches!(q.unit, None | Some(Unit::People)))
            .filter(|(_, q)| !in_time(&q.span))
            .map(|(i, q)| (i, q.span)),
    )
}

/// The body sentences as token ranges, numbered by paragraph (a line break
/// between two sentences opens a new one).
fn sentences(a: &Analysis, toks: &[Token]) -> Vec<Sent> {
    let text = a.text();
    let ci = a.char_index();
    let mut sents = Vec::new();
    let mut para = 0;
    let mut prev_end: Option<usize> = None;
    for s in a.sentences() {
        if let Some(pe) = prev_end {
            if ci.slice(text, Span::new(pe, s.start)).contains('\n') {
                para += 1;
            }
        }
        prev_end = Some(s.end);
        sents.push(Sent {
            span: *s,
            t0: toks.partition_point(|t| t.span.start < s.start),
            t1: toks.partition_point(|t| t.span.start < s.end),
            para,
        });
    }
    sents
}

/// `punct[i]`: clause punctuation between token i-1 and i (in the key text,
/// where ، reads `,` and ؛ reads `;`).
fn punctuation(key: &str, toks: &[Token]) -> Vec<bool> {
    let mut punct = vec![false; toks.len()];
    for i in 1..toks.len() {
        let gap = &key[toks[i - 1].end..toks[i].start];
        punct[i] = gap
            .chars()
            .any(|c| matches!(c, '،' | ',' | '؛' | ';' | ':' | '(' | ')' | '-' | '–'));
    }
    punct
}

impl<'a> Ctx<'a> {
    /// Indexes `doc` over the analysis `a`.
    pub fn new(a: &'a Analysis, doc: &'a Document) -> Ctx<'a> {
        let lx = Lexicon::get();
        let key = a.key_str();
        let toks = a.tokens();
        let actors = mentions(toks, numbered_spans(doc.actors.iter().map(|x| &x.spans)));
        let rs = crate::lexicon::token_readings(key, toks);
        let mut lists = lx.all.find_lists(key, toks, &rs).into_iter();
        let triggers = lists.next().unwrap_or_default();
        let casualty = lists.next().unwrap_or_default();
        let victims = inside_no_actor(lists.next().unwrap_or_default(), &actors);
        let cues: Vec<(Cue, Vec<Hit>)> = lx
            .cues
            .iter()
            .map(|(c, _)| (*c, lists.next().unwrap_or_default()))
            .collect();
        let mut ctx = Ctx {
            a,
            doc,
            lx,
            key,
            toks,
            sents: sentences(a, toks),
            actors,
            places: mentions(toks, numbered_spans(doc.places.iter().map(|x| &x.spans))),
            times: mentions(toks, doc.times.iter().enumerate().map(|(i, t)| (i, t.span))),
            quants: quantity_mentions(toks, doc),
            sources: mentions(toks, numbered_spans(doc.sources.iter().map(|x| &x.spans))),
            triggers,
            casualty,
            victims,
            cues,
            punct: punctuation(key, toks),
            seg: Vec::new(),
            marks: crate::marks::Marks::new(key, toks),
            accident_title: false,
            heads: std::cell::OnceCell::new(),
            covers: std::cell::OnceCell::new(),
        };
        ctx.seg = ctx.segments();
        ctx
    }

    fn segments(&self) -> Vec<(usize, usize)> {
        let n = self.toks.len();
        let mut cut = vec![false; n];
        for (i, c) in cut.iter_mut().enumerate() {
            *c = self.punct[i];
        }
        for cue in [Cue::Boundary, Cue::Versus] {
            for h in self.cue_hits(cue) {
                cut[h.start] = true;
            }
        }
        for s in &self.sents {
            if s.t0 < n {
                cut[s.t0] = true;
            }
            if s.t1 < n {
                cut[s.t1] = true;
            }
        }
        let mut seg = vec![(0, n); n];
        let mut start = 0;
        let ends = cut
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, c)| **c)
            .map(|(i, _)| i)
            .chain(std::iter::once(n));
        for i in ends {
            for s in seg.iter_mut().take(i).skip(start) {
                *s = (start, i);
            }
            start = i;
        }
        seg
    }

    /// All hits of a cue role, sorted by token.
    pub fn cue_hits(&self, cue: Cue) -> &[Hit] {
        self.cues
            .iter()
            .find(|(c, _)| *c == cue)
            .map(|(_, h)| h.as_slice())
            .unwrap_or(&[])
    }

    /// Hits of a cue role starting in `t0..t1`.
    pub fn cues_in(&self, cue: Cue, t0: usize, t1: usize) -> &[Hit] {
        within(self.cue_hits(cue), t0, t1, |h| h.start)
    }

    /// True when a cue of this role starts in `t0..t1`.
    pub fn has_cue(&self, cue: Cue, t0: usize, t1: usize) -> bool {
        !self.cues_in(cue, t0, t1).is_empty()
    }

    /// Key text of token `i`.
    pub fn word(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.text(self.key)).unwrap_or("")
    }

    /// The marker word token `i` is (any reading), if any.
    pub fn marker_at(&self, i: usize) -> Option<Marker> {
        let w = self.word(i);
        let m = clitic::readings(w)
            .iter()
            .find_map(|r| self.lx.marker(r.bare))?;
        (!self.hedge_at(i)).then_some(m)
    }

    /// `غارة نفذتها على الأرجح قوات التحالف`: على before الأرجح (or
    /// الأغلب) hedges the words after it; it marks no target.
    fn hedge_at(&self, i: usize) -> bool {
        let g = crate::grammar::grammar();
        g.on.contains(self.word(i)) && i + 1 < self.toks.len() && g.hedge.contains(self.word(i + 1))
    }

    /// Sentence index containing token `t`.
    pub fn sent_of_tok(&self, t: usize) -> Option<usize> {
        let i = self.sents.partition_point(|s| s.t1 <= t);
        (i < self.sents.len() && self.sents[i].t0 <= t).then_some(i)
    }

    /// The segment `[start, end)` of token `t`.
    pub fn segment(&self, t: usize) -> (usize, usize) {
        self.seg.get(t).copied().unwrap_or((t, t + 1))
    }

    /// True when a negation cue precedes token `t` in its segment.
    pub fn negated(&self, t: usize) -> bool {
        let (s, _) = self.segment(t);
        self.cues_in(Cue::Negation, s, t)
            .iter()
            .any(|h| h.end <= t && !self.count_qualifier(h.start))
    }

    /// True when the negation word at token `t` belongs to a count's
    /// qualifier (`ما لا يقل عن 42`, `لا يقل عن`): a lower bound, not a
    /// negation.
    pub fn count_qualifier(&self, t: usize) -> bool {
        self.quants.iter().any(|m| m.start <= t && t < m.end)
            || crate::grammar::grammar()
                .lower_bound_verb
                .contains(self.word(t + 1))
    }

    /// True when the sentence is a link to another article.
    pub fn is_related(&self, s: &Sent) -> bool {
        self.cues_in(Cue::Related, s.t0, s.t0.saturating_add(1))
            .iter()
            .any(|h| h.start == s.t0)
    }

    /// True when the word at token `t` (with its proclitics) carries the
    /// article or a demonstrative before it: `الانفجار`، `بالهجوم`، `للقصف`،
    /// `هذا التفجير`: the act already told.
    pub fn definite(&self, t: usize) -> bool {
        clitic::has_article(self.word(t))
            || (t > 0
                && crate::grammar::grammar()
                    .demonstrative
                    .contains(self.word(t - 1)))
    }

    /// Actor code of an actor mention.
    /// Indices into [`Ctx::actors`], in order, of the mentions of two words
    /// or more whose first word reads as `head` once its proclitics are
    /// taken (فرقة for الفرقة، وفرقة). An index built once per document: a
    /// scan of every earlier actor per head noun made long articles
    /// quadratic.
    /// The first actor mention (in [`Ctx::actors`] order) covering token
    /// `t`.
    pub fn actor_at(&self, t: usize) -> Option<&Mention> {
        self.first_covering(0, &self.actors, t)
    }

    /// The first time mention covering token `t`.
    pub fn time_at(&self, t: usize) -> Option<&Mention> {
        self.first_covering(1, &self.times, t)
    }

    /// The first source mention covering token `t`.
    pub fn source_at(&self, t: usize) -> Option<&Mention> {
        self.first_covering(2, &self.sources, t)
    }

    /// A trigger hit covers token `t`.
    pub fn trigger_at(&self, t: usize) -> bool {
        self.covers()[3].first(t).is_some()
    }

    /// The first mention of `list` (number `which` of the covers) covering `t`.
    fn first_covering<'m>(
        &self,
        which: usize,
        list: &'m [Mention],
        t: usize,
    ) -> Option<&'m Mention> {
        self.covers()[which].first(t).map(|i| &list[i])
    }

    /// The covers of actors, times, sources and triggers.
    fn covers(&self) -> &[Covers; 4] {
        let of = |list: &[Mention]| Covers::new(list.iter().map(|m| (m.start, m.end)));
        self.covers.get_or_init(|| {
            [
                of(&self.actors),
                of(&self.times),
                of(&self.sources),
                Covers::new(self.triggers.iter().map(|h| (h.start, h.end))),
            ]
        })
    }

    pub fn actors_headed(&self, head: &str) -> &[usize] {
        let heads = self.heads.get_or_init(|| {
            let mut map: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
            for (i, m) in self.actors.iter().enumerate() {
                if m.end <= m.start + 1 {
                    continue;
                }
                for r in clitic::readings(self.word(m.start)) {
                    let list = map.entry(r.bare.to_string()).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
            map
        });
        heads.get(head).map_or(&[], Vec::as_slice)
    }

    pub fn actor_id(&self, m: &Mention) -> &str {
        self.doc
            .actors
            .get(m.idx)
            .map(|a| a.id.as_str())
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize) -> Mention {
        Mention {
            start,
            end,
            idx: 0,
            span: Span::new(start, end),
        }
    }

    /// The first covering mention, as the scan it replaces finds it, on
    /// every token of small lists sorted as `mentions` sorts them.
    #[test]
    fn covers_answer_as_the_scan_does() {
        let lists = [
            vec![],
            vec![m(0, 3), m(1, 2), m(2, 6), m(5, 6), m(8, 9)],
            vec![m(1, 1), m(1, 4), m(3, 4), m(3, 5)],
        ];
        for list in &lists {
            let c = Covers::new(list.iter().map(|m| (m.start, m.end)));
            for t in 0..10 {
                let scan = list.iter().position(|x| x.start <= t && t < x.end);
                assert_eq!(c.first(t), scan, "{list:?} {t}");
            }
        }
    }
}
