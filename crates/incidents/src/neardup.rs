//! Near-duplicate articles (syndicated wire copies, updates of one story) by
//! MinHash over word shingles of the normalized body, with LSH banding.

use rustc_hash::FxHashMap;

/// Number of hash functions in a signature.
pub const HASHES: usize = 64;
/// LSH bands × rows = HASHES; 16 bands of 4 rows finds pairs above ≈0.5
/// Jaccard with high probability; candidates are then checked on the signature.
const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
/// Words per shingle.
const SHINGLE: usize = 4;

fn mix(mut x: u64) -> u64 {
    // splitmix64 finalizer
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

fn word_hash(w: &str) -> u64 {
    w.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// The MinHash signature of a text (normalized with the search key first).
pub fn signature(text: &str) -> [u64; HASHES] {
    let key = rasad_text::key(text);
    let words: Vec<u64> = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    let mut sig = [u64::MAX; HASHES];
    let n = words
        .len()
        .saturating_sub(SHINGLE - 1)
        .max(usize::from(!words.is_empty()));
    for i in 0..n {
        let sh = words[i..(i + SHINGLE).min(words.len())]
            .iter()
            .fold(0u64, |h, w| mix(h ^ w));
        for (k, slot) in sig.iter_mut().enumerate() {
            let v = mix(sh ^ (k as u64).wrapping_mul(0x9e3779b97f4a7c15));
            if v < *slot {
                *slot = v;
            }
        }
    }
    sig
}

/// Estimated Jaccard similarity of two signatures.
pub fn similarity(a: &[u64; HASHES], b: &[u64; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// Groups articles whose bodies are near-duplicates.
#[derive(Debug, Default)]
pub struct NearDuplicates {
    threshold: f64,
    ids: Vec<String>,
    sigs: Vec<[u64; HASHES]>,
    group: Vec<usize>,
    /// The last signature added to each (band, band hash) bucket.
    buckets: FxHashMap<(usize, u64), usize>,
    /// For signature `i` in band `b` (at `i * BANDS + b`), the signature
    /// added to the same bucket before it: each bucket is a chain, so no
    /// bucket allocates a list of its own.
    earlier: Vec<usize>,
}

/// No earlier signature in a bucket.
const NONE: usize = usize::MAX;

impl NearDuplicates {
    /// Articles whose estimated similarity reaches `threshold` (e.g. 0.8) are
    /// grouped.
    pub fn new(threshold: f64) -> Self {
        NearDuplicates {
            threshold,
            ..Default::default()
        }
    }

    /// Adds an article; returns the id of the earlier article it copies, if any.
    pub fn add(&mut self, id: &str, body: &str) -> Option<String> {
        self.add_signature(id, signature(body))
    }

    /// [`NearDuplicates::add`] with the body's [`signature`] already computed.
    pub fn add_signature(&mut self, id: &str, sig: [u64; HASHES]) -> Option<String> {
        let i = self.ids.len();
        let mut best: Option<(f64, usize)> = None;
        for b in 0..BANDS {
            let band = sig[b * ROWS..(b + 1) * ROWS]
                .iter()
                .fold(0u64, |h, x| mix(h ^ x));
            let head = self.buckets.entry((b, band)).or_insert(NONE);
            let mut j = std::mem::replace(head, i);
            self.earlier.push(j);
            // The chain runs newest first: among equals the oldest wins, and
            // an earlier band's wins over a later band's.
            let mut in_band: Option<(f64, usize)> = None;
            while j != NONE {
                let s = similarity(&sig, &self.sigs[j]);
                if s >= self.threshold && in_band.is_none_or(|(bs, _)| s >= bs) {
                    in_band = Some((s, j));
                }
                j = self.earlier[j * BANDS + b];
            }
            if let Some((s, j)) = in_band.filter(|(s, _)| best.is_none_or(|(bs, _)| *s > bs)) {
                best = Some((s, j));
            }
        }
        let group = best.map(|(_, j)| self.group[j]).unwrap_or(i);
        self.ids.push(id.to_string());
        self.sigs.push(sig);
        self.group.push(group);
        (group != i).then(|| self.ids[group].clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "قتل خمسة مدنيين وأصيب عشرة آخرون جراء غارات جوية شنتها طائرات حربية على مدينة معرة النعمان في ريف إدلب الجنوبي صباح اليوم بحسب ما أفاد الدفاع المدني الذي قال إن فرقه انتشلت الضحايا من تحت الأنقاض";

    #[test]
    fn a_light_edit_is_a_copy_and_another_story_is_not() {
        let mut nd = NearDuplicates::new(0.6);
        assert_eq!(nd.add("a", A), None);
        let copy = A.replace("صباح اليوم", "صباح الثلاثاء");
        assert_eq!(nd.add("b", &copy).as_deref(), Some("a"));
        let other = "اعتقلت قوات الأمن العراقية ثلاثة أشخاص يشتبه بانتمائهم إلى تنظيم داعش في قضاء الحويجة جنوب غربي كركوك خلال عملية أمنية فجر الخميس وفق بيان خلية الإعلام الأمني";
        assert_eq!(nd.add("c", other), None);
        assert_eq!(nd.add("d", ""), None);
    }

    #[test]
    fn similarity_of_identical_texts_is_one() {
        assert_eq!(similarity(&signature(A), &signature(A)), 1.0);
        assert!(similarity(&signature(A), &signature("نص مختلف تماما عن الخبر")) < 0.2);
    }
}
