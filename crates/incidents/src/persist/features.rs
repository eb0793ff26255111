//! What the store keeps of each article for linking: its reports, its story
//! and the MinHash signature of its body, so an update never parses whole
//! records again.

use crate::neardup::{signature, NearDuplicates, HASHES};
use crate::story::ArticleInfo;
use crate::{reports, Report, Settings};
use rasad_record::Document;
use rasad_store::links::LinkArticle;
use serde::{Deserialize, Serialize};

/// One article's linking features (stored as JSON in `link_articles`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Features {
    pub info: ArticleInfo,
    /// The full publication value, which orders originals before copies.
    pub published: Option<String>,
    /// Its reports, `copy_of` unset (copies are found among the articles
    /// loaded together).
    pub reports: Vec<Report>,
    /// MinHash signature of the body (stored as one hex string: parsing 64
    /// numbers was a tenth of an update's time; rows of the list form
    /// written before are still read).
    #[serde(with = "hex_sig")]
    pub sig: Vec<u64>,
}

/// A signature as 16 hex digits per hash, read from that or a list.
mod hex_sig {
    use serde::de::{Deserializer, Error, SeqAccess, Visitor};
    use serde::Serializer;
    use std::fmt::Write;

    /// Hex digits of one hash.
    const DIGITS: usize = 16;

    pub fn serialize<S: Serializer>(sig: &[u64], s: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(sig.len() * DIGITS);
        for h in sig {
            let _ = write!(out, "{h:016x}");
        }
        s.serialize_str(&out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
        d.deserialize_any(Sig)
    }

    struct Sig;

    impl<'de> Visitor<'de> for Sig {
        type Value = Vec<u64>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a hex string or a list of numbers")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<Vec<u64>, E> {
            if !v.len().is_multiple_of(DIGITS) || !v.is_ascii() {
                return Err(E::custom("a signature of whole hashes"));
            }
            (0..v.len() / DIGITS)
                .map(|k| u64::from_str_radix(&v[k * DIGITS..(k + 1) * DIGITS], 16))
                .collect::<Result<_, _>>()
                .map_err(E::custom)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u64>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(h) = seq.next_element()? {
                out.push(h);
            }
            Ok(out)
        }
    }
}

impl Features {
    /// The features of an extraction record and its text.
    pub fn of(doc: &Document, text: &str) -> Features {
        Features {
            info: ArticleInfo::from_document(doc),
            published: doc.published.as_ref().and_then(|t| t.value.clone()),
            reports: reports(doc, text),
            sig: signature(&doc.body).to_vec(),
        }
    }

    /// The row the store keeps.
    pub fn row(&self, settings: Settings) -> Result<LinkArticle, serde_json::Error> {
        Ok(LinkArticle {
            article: self.info.article.clone(),
            outlet: self.info.outlet.clone(),
            features: serde_json::to_string(self)?,
            spans: crate::cluster::link_spans(settings, &self.info, &self.reports),
        })
    }
}

/// Marks syndicated copies among `articles`: in (published, id) order, an
/// article whose body is a near-copy of an earlier one gets `copy_of` on
/// its reports, as a full build does.
pub fn mark_copies(articles: &mut [&mut Features]) {
    articles.sort_by(|a, b| (&a.published, &a.info.article).cmp(&(&b.published, &b.info.article)));
    let mut copies = NearDuplicates::new(crate::corpus::COPY_SIMILARITY);
    for f in articles.iter_mut() {
        let sig: [u64; HASHES] = f.sig.as_slice().try_into().unwrap_or([u64::MAX; HASHES]);
        let copy_of = copies.add_signature(&f.info.article, sig);
        for r in &mut f.reports {
            r.copy_of = copy_of.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_is_stored_as_hex_and_read_in_either_form() {
        let f = Features {
            info: ArticleInfo::default(),
            published: None,
            reports: Vec::new(),
            sig: vec![0, 1, u64::MAX, 0x0123_4567_89ab_cdef],
        };
        let json = serde_json::to_string(&f).unwrap();
        assert!(
            json.contains(r#""sig":"0000000000000000000000000000000"#),
            "{json}"
        );
        let back: Features = serde_json::from_str(&json).unwrap();
        assert_eq!(back.sig, f.sig);
        let listed = json.replace(
            r#""sig":"00000000000000000000000000000001ffffffffffffffff0123456789abcdef""#,
            &format!(r#""sig":[0,1,{},81985529216486895]"#, u64::MAX),
        );
        assert_ne!(listed, json);
        let old: Features = serde_json::from_str(&listed).unwrap();
        assert_eq!(old.sig, f.sig);
        let bad = json.replace("cdef", "cde");
        assert!(serde_json::from_str::<Features>(&bad).is_err());
    }
}
