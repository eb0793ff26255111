//! The reference scorer's word tables (place heads and levels, person and
//! source name folding, source alias groups), read once from
//! `data/eval/scorer.toml`, which mirrors the tables of `shared/tools/score`
//! entry for entry. The equivalence test compares the two.

use serde::Deserialize;
use std::sync::LazyLock;

/// Every table of the scorer (see `data/eval/scorer.toml` for each one's name
/// in the scorer).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tables {
    /// Place names: heads, tails, aliases and levels.
    pub places: PlaceTables,
    /// Person names.
    pub persons: PersonTables,
    /// Source names.
    pub sources: SourceTables,
}

/// The tables of place names and event-place levels.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceTables {
    /// Generic heads dropped from the front of a name (`letters` form).
    pub heads: Vec<String>,
    /// Directions dropped from the end of a name (`letters` form).
    pub tails: Vec<String>,
    /// The article dropped from words longer than four letters.
    pub article: String,
    /// Spelling variants of a key, `(from, to)`.
    pub aliases: Vec<(String, String)>,
    /// Heads that make a name a governorate.
    pub gov_heads: Vec<String>,
    /// Heads that make a name a part of a town.
    pub sub_heads: Vec<String>,
    /// Governorates whose capital has the same name.
    pub capital_names: Vec<String>,
    /// Governorates with no city of the same name.
    pub gov_only_names: Vec<String>,
    /// Named regions and rivers.
    pub region_names: Vec<String>,
    /// Countries.
    pub country_names: Vec<String>,
    /// System place kinds above the town level.
    pub region_kinds: Vec<String>,
    /// First words that make a name a region.
    pub directions: Vec<String>,
    /// System place kinds below the town level.
    pub sub_kinds: Vec<String>,
    /// Prefixes a place name may carry in running text (`""` among them).
    pub clitics: Vec<String>,
    /// Prefixes of a governorate head before a name (`""` among them).
    pub head_clitics: Vec<String>,
}

/// The tables of person names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonTables {
    /// Words read as [`PersonTables::kunya`].
    pub kunya_forms: Vec<String>,
    /// The form they are read as.
    pub kunya: String,
}

/// The tables of source names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceTables {
    /// Word endings folded to [`SourceTables::case_ending`].
    pub case_endings: Vec<String>,
    /// The ending they are folded to.
    pub case_ending: String,
    /// Alias groups: any two names of a group are the same source.
    pub aliases: Vec<Vec<String>>,
}

/// True when `list` holds `word`.
pub fn has(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

/// The scorer's tables, parsed on first use.
///
/// # Panics
/// When `data/eval/scorer.toml` does not parse: it is embedded at build time,
/// so every test would fail first.
pub fn tables() -> &'static Tables {
    static TABLES: LazyLock<Tables> = LazyLock::new(|| {
        toml::from_str(include_str!("../../../data/eval/scorer.toml"))
            .unwrap_or_else(|e| panic!("data/eval/scorer.toml: {e}"))
    });
    &TABLES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_parses_and_every_table_has_entries() {
        let t = tables();
        let lists = [
            &t.places.heads,
            &t.places.tails,
            &t.places.gov_heads,
            &t.places.sub_heads,
            &t.places.capital_names,
            &t.places.gov_only_names,
            &t.places.region_names,
            &t.places.country_names,
            &t.places.region_kinds,
            &t.places.directions,
            &t.places.sub_kinds,
            &t.places.clitics,
            &t.places.head_clitics,
            &t.persons.kunya_forms,
            &t.sources.case_endings,
        ];
        assert!(lists.iter().all(|l| !l.is_empty()));
        assert!(!t.places.aliases.is_empty() && !t.sources.aliases.is_empty());
        // The heads are compared with `letters` output: they must be in that form.
        for h in t.places.heads.iter().chain(&t.places.tails) {
            assert_eq!(&crate::normalize::letters(h), h);
        }
    }
}
