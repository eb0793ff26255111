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
    /// MinHash signature of the body.
    pub sig: Vec<u64>,
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
