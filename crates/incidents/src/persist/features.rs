//! What the store keeps of each article for linking: its reports, its story
//! and the MinHash signature of its body, so an update never parses whole
//! records again.

use crate::cluster::evidence_bag;
use crate::neardup::{signature, NearDuplicates, HASHES};
use crate::story::{ArticleInfo, Terms, Vocabulary};
use crate::{reports, Report, Settings};
use rasad_record::Document;
use rasad_store::links::LinkArticle;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Most reports of one article that link into incidents (the first, in
/// event order). A news article tells a few events (11 at most in 500
/// stored real articles, nearly all 0–4); a 0.6 MB digest of a hundred
/// articles told 80, and linking 200 of them scored millions of pairs for
/// 15 minutes and held 1.7 GB. Its events past this many stay in its record
/// and in search, not in incidents.
pub const REPORTS_LINKED: usize = 32;

/// One article's linking features (stored as JSON in `link_articles`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Features {
    /// Shared with the builders of the groups that load the article.
    pub info: Arc<ArticleInfo>,
    /// The full publication value, which orders originals before copies.
    pub published: Option<String>,
    /// Its reports, `copy_of` unset (copies are found among the articles
    /// loaded together and kept in `copy_of`). Shared: a window's copy of
    /// an article costs no copy of its reports.
    pub reports: Arc<[Report]>,
    /// MinHash signature of the body (stored as one hex string: parsing 64
    /// numbers was a tenth of an update's time; rows of the list form
    /// written before are still read).
    #[serde(with = "hex_sig")]
    pub sig: Vec<u64>,
    /// Its story words and each report's evidence words, numbered by one
    /// linking run's vocabulary (not stored: derived; an article loaded
    /// for several groups of one run is tokenized and numbered once).
    #[serde(skip)]
    numbered: Option<Numbered>,
    /// The article this one copies, among the articles loaded with it (set
    /// by [`mark_copies`]; its reports get it when handed to a builder).
    #[serde(skip)]
    pub(crate) copy_of: Option<String>,
}

/// An article's words numbered by a [`Vocabulary`].
#[derive(Debug, Clone)]
struct Numbered {
    /// Which vocabulary numbered them.
    vocabulary: u64,
    story: Terms,
    evidence: Vec<Terms>,
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
    /// Only the first [`REPORTS_LINKED`] reports are kept.
    pub fn of(doc: &Document, text: &str) -> Features {
        let mut reports = reports(doc, text);
        reports.truncate(REPORTS_LINKED);
        Features::new(
            ArticleInfo::from_document(doc),
            doc.published.as_ref().and_then(|t| t.value.clone()),
            reports,
            signature(&doc.body).to_vec(),
        )
    }

    /// Features from their parts (`sig`: the MinHash signature of the body).
    pub fn new(
        info: ArticleInfo,
        published: Option<String>,
        reports: Vec<Report>,
        sig: Vec<u64>,
    ) -> Features {
        Features {
            info: Arc::new(info),
            published,
            reports: reports.into(),
            sig,
            numbered: None,
            copy_of: None,
        }
    }

    /// Its story words and each report's evidence words numbered by
    /// `vocabulary` (computed on the first call with it).
    pub(crate) fn numbered(&mut self, vocabulary: &mut Vocabulary) -> (Terms, Vec<Terms>) {
        let current = self.numbered.as_ref().is_some_and(|n| {
            n.vocabulary == vocabulary.id() && n.evidence.len() == self.reports.len()
        });
        if !current {
            self.numbered = Some(Numbered {
                vocabulary: vocabulary.id(),
                story: vocabulary.terms(&self.info.words),
                evidence: self
                    .reports
                    .iter()
                    .map(|r| vocabulary.terms(&evidence_bag(r)))
                    .collect(),
            });
        }
        let n = self.numbered.as_ref().expect("set above");
        (n.story.clone(), n.evidence.clone())
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
/// article whose body is a near-copy of an earlier one gets `copy_of` (its
/// reports get it in the builder), as a full build does.
pub fn mark_copies(articles: &mut [&mut Features]) {
    articles.sort_by(|a, b| (&a.published, &a.info.article).cmp(&(&b.published, &b.info.article)));
    let mut copies = NearDuplicates::new(crate::corpus::COPY_SIMILARITY);
    for f in articles.iter_mut() {
        let sig: [u64; HASHES] = f.sig.as_slice().try_into().unwrap_or([u64::MAX; HASHES]);
        f.copy_of = copies.add_signature(&f.info.article, sig);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_is_stored_as_hex_and_read_in_either_form() {
        let f = Features::new(
            ArticleInfo::default(),
            None,
            Vec::new(),
            vec![0, 1, u64::MAX, 0x0123_4567_89ab_cdef],
        );
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
