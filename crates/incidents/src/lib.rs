//! One incident, many reports: events from different articles merged into
//! incidents, with every outlet's claim kept side by side and the
//! disagreements listed rather than averaged away.
//!
//! ```text
//! Document ──reports()──▶ Report ──IncidentBuilder::add──▶ pair scores ──incidents()──▶ Incident
//!          ──ArticleInfo::from_document──▶ story (title/lead words, headline places)
//! ```
//!
//! - [`when`]: TIMEX values as day intervals;
//! - [`place`]: how two places relate (same, near, inside, different, far);
//! - [`story`]: what an article is about, compared by TF-IDF cosine;
//! - [`cluster`]: the pairwise score and average-linkage clustering with cannot-links;
//! - [`summary`]: date/place precision codes, fatalities per claim, disagreements;
//! - [`neardup`]: near-duplicate articles by MinHash;
//! - [`review`]: analysts' corrections (the store's review log) applied on top;
//! - [`persist`]: incidents kept in the store, updated per new article;
//! - [`export`], [`acled`]: CSV/XLSX with ACLED's columns and labels
//!   ([`acled_tables`], `data/acled/`), GeoJSON, JSON lines;
//! - [`tables`], [`columnar`]: the Parquet export (events, claims, reports).

pub mod acled;
pub mod acled_tables;
pub mod cluster;
pub mod columnar;
pub mod corpus;
pub mod export;
pub mod neardup;
pub mod persist;
pub mod place;
pub mod report;
pub mod review;
pub mod review_request;
pub mod story;
pub mod summary;
pub mod tables;
pub mod verify;
pub mod when;
mod words;

pub use cluster::{IncidentBuilder, Settings};
pub use report::{reports, Count, DateBasis, PlaceInfo, Report};
pub use story::ArticleInfo;
pub use summary::{Claim, Disagreement, Incident, Tally};
