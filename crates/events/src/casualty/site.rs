//! One casualty word being read, with what its sentence told so far.

use super::Claim;
use crate::context::{Ctx, Sent};
use crate::lexicon::{CasualtyWord, Hit};

/// Words right after a casualty word in which a victim noun or a count is
/// the word's own (مقتل مدني، مقتل 3 مدنيين، قتلى «قسد»): the noun or the
/// count, and one word of article, number or preposition before it.
pub const NEXT_WORDS: usize = 2;

/// A casualty word of a sentence and what the rules read around it.
pub struct Site<'c, 'a> {
    pub ctx: &'c Ctx<'a>,
    /// The casualty word's tokens.
    pub hit: Hit,
    /// Its entry in `data/events/casualty.toml`.
    pub word: &'static CasualtyWord,
    /// The sentence (index and tokens).
    pub si: usize,
    pub sent: Sent,
    /// The word's segment (between punctuation and clause boundaries).
    pub seg: (usize, usize),
    /// The sub-count regions of the sentence (see `breakdown::regions`).
    pub regions: &'c [(usize, usize)],
    /// Claims read before in this sentence.
    pub told: &'c [Claim],
    /// Claims of the sentences before.
    pub earlier: &'c [Claim],
}

impl<'c, 'a> Site<'c, 'a> {
    /// The word `hit` of sentence `si`; `out[first..]` are the sentence's
    /// claims so far. `None` when the hit is no casualty word entry.
    pub fn new(
        ctx: &'c Ctx<'a>,
        hit: Hit,
        si: usize,
        regions: &'c [(usize, usize)],
        out: &'c [Claim],
        first: usize,
    ) -> Option<Site<'c, 'a>> {
        let word = ctx.lx.casualty.get(hit.payload)?;
        Some(Site {
            ctx,
            hit,
            word,
            si,
            sent: ctx.sents[si],
            seg: ctx.segment(hit.start),
            regions,
            told: &out[first..],
            earlier: &out[..first],
        })
    }

    /// The sub-count region holding token `t`, if any.
    pub fn region_of(&self, t: usize) -> Option<(usize, usize)> {
        self.regions
            .iter()
            .find(|(a, b)| *a <= t && t < *b)
            .copied()
    }

    /// The words right after the casualty word that are its own
    /// ([`NEXT_WORDS`], inside its segment): `(start, end)` tokens.
    pub fn next_words(&self) -> (usize, usize) {
        let end = self.hit.end;
        (end, (end + NEXT_WORDS).min(self.seg.1))
    }

    /// Quantities already counted by a claim of this sentence.
    pub fn used(&self) -> Vec<usize> {
        self.told.iter().filter_map(|c| c.quant).collect()
    }

    /// The side of the last claim read in this sentence.
    pub fn last_side(&self) -> Option<String> {
        self.told.last().and_then(|c| c.group.clone())
    }
}
