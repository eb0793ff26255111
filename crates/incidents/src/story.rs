//! Stories: what an article is about, for linking reports of one incident
//! across outlets before their events are compared.
//!
//! Two outlets' reports of one attack share the rare words of the story (the
//! town, the target, the victims' names: `حافلة`, `ضحيان`, `صعدة`) even when
//! the extractor types, dates or places their events differently. An
//! [`ArticleInfo`] keeps each article's words (title weighted above the body)
//! and the places its headline names; [`Vectors`] weighs the words by how rare
//! they are in the collection (TF-IDF) and compares articles by cosine.

use crate::report::PlaceInfo;
use rasad_record::Document;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Words of the body read for the story (the lead and the first paragraphs).
const BODY_WORDS: usize = 400;
/// How much a word of the title counts against one of the body.
const TITLE_WEIGHT: f64 = 3.0;

/// What the story level knows about one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ArticleInfo {
    pub article: String,
    pub outlet: Option<String>,
    /// Publication day (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// Content words (normalized, article and proclitics removed) with weights.
    pub words: Vec<(String, f64)>,
    /// Places its headline names: its main event happens there.
    pub title_places: Vec<PlaceInfo>,
}

/// The normalized content words of a text (two letters or more, no digits).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    // `key` folds spelling variants; it returns an owned string we split here.
    let k = rasad_text::key(text);
    let v: Vec<String> = k
        .split(|c: char| !c.is_alphabetic())
        .map(rasad_text::clitic::search_stem)
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_string)
        .collect();
    v.into_iter()
}

fn place_info(p: &rasad_record::Entity) -> PlaceInfo {
    PlaceInfo {
        name: p.name.clone(),
        id: p.id.clone(),
        lat: p.lat,
        lon: p.lon,
        admin1: p.admin1.clone(),
        kind: p.kind.clone(),
    }
}

impl ArticleInfo {
    /// The story features of an extraction record.
    pub fn from_document(doc: &Document) -> Self {
        let mut w: FxHashMap<String, f64> = FxHashMap::default();
        let title = doc.title.clone().unwrap_or_default();
        for t in words(&title) {
            *w.entry(t).or_default() += TITLE_WEIGHT;
        }
        for t in words(&doc.body).take(BODY_WORDS) {
            *w.entry(t).or_default() += 1.0;
        }
        // Sublinear term frequency: a word repeated ten times is not ten words.
        let mut words: Vec<(String, f64)> = w.into_iter().map(|(k, v)| (k, 1.0 + v.ln())).collect();
        words.sort_by(|a, b| a.0.cmp(&b.0));
        let tkey = rasad_text::key(&title);
        let title_places = doc
            .places
            .iter()
            .filter(|p| {
                let k = rasad_text::key(&p.name);
                !k.is_empty() && tkey.contains(&k)
            })
            .map(place_info)
            .collect();
        ArticleInfo {
            article: doc.id.clone(),
            outlet: doc.outlet.clone(),
            published: doc
                .published
                .as_ref()
                .and_then(|t| t.value.as_ref())
                .map(|v| v.get(..10).unwrap_or(v).to_string()),
            words,
            title_places,
        }
    }
}

/// Counts one more bag holding local word `id` (the next id when new).
fn count(df: &mut Vec<u32>, id: u32) -> u32 {
    if id as usize == df.len() {
        df.push(0);
    }
    df[id as usize] += 1;
    id
}

/// A bag of words numbered by a [`Vocabulary`], with their weights.
pub(crate) type Terms = std::sync::Arc<[(u32, f64)]>;

/// Numbers for words, given in order of first sight: one linking run
/// numbers each loaded article's words once, and the TF-IDF vectors of
/// each window are then built from numbers ([`Vectors::from_terms`]).
#[derive(Debug)]
pub(crate) struct Vocabulary {
    ids: FxHashMap<String, u32>,
    /// Tells vocabularies apart (numbers of one mean nothing in another).
    id: u64,
}

impl Default for Vocabulary {
    fn default() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Vocabulary {
            ids: FxHashMap::default(),
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

impl Vocabulary {
    /// Which vocabulary this is (unique in the process).
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// Words numbered so far (every id is below it).
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The bag with its words numbered (new words get the next numbers).
    pub(crate) fn terms(&mut self, bag: &[(String, f64)]) -> Terms {
        bag.iter()
            .map(|(w, tf)| {
                let next = self.ids.len() as u32;
                let id = match self.ids.get(w.as_str()) {
                    Some(&id) => id,
                    None => *self.ids.entry(w.clone()).or_insert(next),
                };
                (id, *tf)
            })
            .collect()
    }
}

/// TF-IDF vectors of a collection of word bags, compared by cosine.
#[derive(Debug, Default)]
pub struct Vectors {
    vecs: Vec<FxHashMap<u32, f64>>,
}

impl Vectors {
    /// Vectors of the bags; a word's weight is scaled by `ln((n+1)/(df+1))`,
    /// so a word every bag has weighs nothing.
    pub fn new(bags: &[&[(String, f64)]]) -> Self {
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut df: Vec<u32> = Vec::new();
        // Each bag's word ids, found once (the second pass used to look
        // every word up again).
        let bag_ids: Vec<Vec<u32>> = bags
            .iter()
            .map(|bag| {
                bag.iter()
                    .map(|(w, _)| {
                        let next = ids.len() as u32;
                        let id = *ids.entry(w.as_str()).or_insert(next);
                        count(&mut df, id)
                    })
                    .collect()
            })
            .collect();
        Vectors::weighted(&bag_ids, &df, |b, k| bags[b][k].1)
    }

    /// [`Vectors::new`] over bags of words already numbered by a
    /// [`Vocabulary`] of `vocab` words: the same vectors (words take their
    /// local ids in the same order of first appearance, so sums run in the
    /// same order), without hashing a string per word.
    pub(crate) fn from_terms(bags: &[&[(u32, f64)]], vocab: usize) -> Self {
        let mut local: Vec<u32> = vec![u32::MAX; vocab];
        let mut df: Vec<u32> = Vec::new();
        let bag_ids: Vec<Vec<u32>> = bags
            .iter()
            .map(|bag| {
                bag.iter()
                    .map(|&(w, _)| {
                        let slot = &mut local[w as usize];
                        if *slot == u32::MAX {
                            *slot = df.len() as u32;
                        }
                        count(&mut df, *slot)
                    })
                    .collect()
            })
            .collect();
        Vectors::weighted(&bag_ids, &df, |b, k| bags[b][k].1)
    }

    /// The unit TF-IDF vectors of bags given as local word ids, with the
    /// document frequency of each id and `tf(bag, k)` the weight of the
    /// bag's `k`-th word.
    fn weighted(bag_ids: &[Vec<u32>], df: &[u32], tf: impl Fn(usize, usize) -> f64) -> Self {
        let n = bag_ids.len() as f64;
        let vecs = bag_ids
            .iter()
            .enumerate()
            .map(|(b, ids)| {
                let mut v: FxHashMap<u32, f64> = FxHashMap::default();
                for (k, &id) in ids.iter().enumerate() {
                    let idf = ((n + 1.0) / (df[id as usize] as f64 + 1.0)).ln();
                    if idf > 0.0 {
                        *v.entry(id).or_default() += tf(b, k) * idf;
                    }
                }
                let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
                if norm > 0.0 {
                    v.values_mut().for_each(|x| *x /= norm);
                }
                v
            })
            .collect();
        Vectors { vecs }
    }

    /// Number of vectors.
    pub fn len(&self) -> usize {
        self.vecs.len()
    }

    /// True when there is no vector.
    pub fn is_empty(&self) -> bool {
        self.vecs.is_empty()
    }

    /// The weighted terms of vector `a` (word id → weight; words every bag
    /// has are left out).
    pub(crate) fn terms(&self, a: usize) -> &FxHashMap<u32, f64> {
        &self.vecs[a]
    }

    /// Cosine of bags `a` and `b` (0 when either is empty).
    pub fn cosine(&self, a: usize, b: usize) -> f64 {
        let (x, y) = (&self.vecs[a], &self.vecs[b]);
        let (small, big) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        small
            .iter()
            .filter_map(|(k, v)| big.get(k).map(|w| v * w))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bag(text: &str) -> Vec<(String, f64)> {
        let mut m: FxHashMap<String, f64> = FxHashMap::default();
        for w in words(text) {
            *m.entry(w).or_default() += 1.0;
        }
        let mut v: Vec<(String, f64)> = m.into_iter().collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    #[test]
    fn words_drop_the_article_and_short_words() {
        let w: Vec<String> = words("قصفت الطائرات بلدة في ريف حمص").collect();
        assert!(w.contains(&rasad_text::key("طائرات")), "{w:?}");
        assert!(w.contains(&"بلده".to_string()), "{w:?}");
        assert!(!w.iter().any(|x| x == "في"));
    }

    #[test]
    fn the_same_story_is_closer_than_another() {
        let a = bag("غارة جوية على حافلة تقل تلاميذ في سوق بلدة الكرمة شمال المدينة");
        let b = bag("مقتل تلاميذ في غارة استهدفت حافلة مدرسية بسوق الكرمة");
        let c = bag("اشتباكات عنيفة بين القوات الحكومية والمسلحين قرب مطار المدينة");
        let d = bag("غارة جوية على مستودع ذخيرة قرب ميناء الصيادين");
        let v = Vectors::new(&[&a, &b, &c, &d]);
        assert!(
            v.cosine(0, 1) > v.cosine(0, 2),
            "{} {}",
            v.cosine(0, 1),
            v.cosine(0, 2)
        );
        assert!(v.cosine(0, 1) > v.cosine(0, 3));
        assert!((v.cosine(0, 0) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn numbered_bags_give_the_same_vectors_bit_for_bit() {
        let texts = [
            "غارة جوية على حافلة تقل تلاميذ في سوق بلدة الكرمة شمال المدينة",
            "مقتل تلاميذ في غارة استهدفت حافلة مدرسية بسوق الكرمة",
            "اشتباكات عنيفة بين القوات الحكومية والمسلحين قرب مطار المدينة",
            "غارة غارة جوية على مستودع ذخيرة قرب ميناء الصيادين",
        ];
        let bags: Vec<Vec<(String, f64)>> = texts.iter().map(|t| bag(t)).collect();
        let refs: Vec<&[(String, f64)]> = bags.iter().map(Vec::as_slice).collect();
        let by_word = Vectors::new(&refs);
        // A vocabulary that numbered other words first, in another order.
        let mut vocab = Vocabulary::default();
        vocab.terms(&bag("ميناء مطار حافلة كلمات اخرى"));
        let numbered: Vec<Terms> = bags.iter().rev().map(|b| vocab.terms(b)).collect();
        let numbered: Vec<&[(u32, f64)]> = numbered.iter().rev().map(|t| &t[..]).collect();
        let by_number = Vectors::from_terms(&numbered, vocab.len());
        assert_eq!(by_word.vecs, by_number.vecs);
        for a in 0..texts.len() {
            for b in 0..texts.len() {
                assert_eq!(
                    by_word.cosine(a, b).to_bits(),
                    by_number.cosine(a, b).to_bits()
                );
            }
        }
    }
}
