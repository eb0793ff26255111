//! rasad-eval: scores extraction records against hand-made gold records.
//!
//! A faithful port of the reference scorer (`shared/tools/score`): the same
//! parts (cleaning, title, outlet, published, places, actors, persons,
//! sources, times found and resolved, quantities, casualties, casualty
//! sources, events, event actors), the same name normalization and matching
//! rules (events and casualty claims paired one to one by an optimal
//! assignment, [`assign`]; sources by alias groups, [`sources`]), the same
//! tallies, notes, `overall` (the mean F1 of the parts with something to
//! score) and `core` (the same over events, event actors, casualties,
//! casualty sources, places, actors and sources). An equivalence test runs
//! both on the same inputs and compares every count.
//!
//! ```no_run
//! let gold = rasad_eval::load_gold("corpus/gold/demo.jsonl")?;
//! let docs = rasad_eval::load_docs("corpus/demo")?;
//! let system = rasad_eval::load_system("/tmp/out.jsonl")?;
//! let report = rasad_eval::score(&gold, &system, &docs);
//! print!("{}", report.render(false));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The gold format is described in `docs/gold-format.md`; [`lint()`] checks a
//! gold file against its documents beyond what scoring needs.

pub mod assign;
pub mod clusters;
pub mod gold;
pub mod input;
pub mod lint;
pub mod normalize;
pub mod py;
pub mod report;
pub mod run;
pub mod score;
pub mod sources;
pub mod tables;

pub use clusters::{parse_clusters, score_clusters, ClusterReport, LinkScores, Prf};
pub use gold::{load_gold, parse_gold, Gold, GoldError};
pub use input::{
    document_files, load_docs, load_docs_except, load_system, Docs, InputError, System,
};
pub use lint::lint;
pub use normalize::{letters, norm_person, norm_place, norm_text};
pub use report::{Note, Part, PartScore, Report, Tally};
pub use run::{extract_dir, RunError};
pub use score::score;
