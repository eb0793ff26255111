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
        for bag in bags {
            for (w, _) in bag.iter() {
                let next = ids.len() as u32;
                let id = *ids.entry(w.as_str()).or_insert(next);
                if id as usize == df.len() {
                    df.push(0);
                }
                df[id as usize] += 1;
            }
        }
        let n = bags.len() as f64;
        let vecs = bags
            .iter()
            .map(|bag| {
                let mut v: FxHashMap<u32, f64> = FxHashMap::default();
                for (w, tf) in bag.iter() {
                    let id = ids[w.as_str()];
                    let idf = ((n + 1.0) / (df[id as usize] as f64 + 1.0)).ln();
                    if idf > 0.0 {
                        *v.entry(id).or_default() += tf * idf;
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
}
