//! Arabic text handling for rasad: normalization that never loses the way back to
//! the original characters, tokenization, clitic splitting, sentence segmentation
//! and a phrase matcher over clitic-split tokens.
//!
//! The original text is never modified. [`Normalized`] is a search key built from
//! it together with a map from every byte of the key back to the original
//! character range it came from, so anything found in the key (a regex match, a
//! token, a dictionary phrase) can be reported as a [`Span`] of the original.
//!
//! ```
//! use rasad_text::{Normalized, Level};
//! let n = Normalized::new("قُتِلَ بالبوكمال", Level::Key);
//! assert_eq!(n.as_str(), "قتل بالبوكمال");
//! let at = n.as_str().find("بالبوكمال").unwrap();
//! let span = n.span(at, n.as_str().len());
//! assert_eq!((span.start, span.end), (7, 16));
//! ```

pub mod analysis;
pub mod arabic;
pub mod chartable;
pub mod clitic;
pub mod normalize;
pub mod phrase;
pub mod segment;
pub mod token;
pub mod words;

pub use analysis::Analysis;
pub use normalize::{CharIndex, Level, Normalized};
pub use phrase::{PhraseMatch, PhraseMatcher};
pub use rasad_record::Span;
pub use segment::sentences;
pub use token::{tokenize, Token};
pub use words::{Key, KeySet, WordLists};

/// Normalizes `text` to its search key (lossy folding) in one call.
pub fn key(text: &str) -> String {
    normalize::fold_text(text, Level::Key)
}
