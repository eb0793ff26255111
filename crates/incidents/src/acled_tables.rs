//! ACLED's codebook as data (`data/acled/`): type labels, actor types,
//! countries, actors, the Arabic words of the notes.

use std::collections::HashMap;
use std::sync::LazyLock;

const EVENT_TYPES_TSV: &str = include_str!("../../../data/acled/event_types.tsv");
const INTER_TSV: &str = include_str!("../../../data/acled/inter.tsv");
const COUNTRIES_TSV: &str = include_str!("../../../data/acled/countries.tsv");
const ACTORS_TSV: &str = include_str!("../../../data/acled/actors.tsv");
const NOTES_TSV: &str = include_str!("../../../data/acled/notes.tsv");

/// ACLED's actor type code for civilians (`inter.tsv`).
pub const CIVILIANS: u8 = 7;
/// ACLED's actor type code for state forces.
pub const STATE_FORCES: u8 = 1;
/// ACLED's actor type code for a state's forces outside their country.
pub const EXTERNAL: u8 = 8;

/// A country as ACLED names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub alpha2: String,
    pub numeric: String,
    pub alpha3: String,
    pub name: String,
    pub region: String,
}

/// One of rasad's actor codes as an ACLED actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRow {
    pub code: String,
    /// ACLED-style name; `{country}` stands for the event's country.
    pub name: String,
    /// ACLED actor type (1–8).
    pub inter: u8,
    /// Home country (ISO alpha-2) of state forces.
    pub home: Option<String>,
}

/// Every table of `data/acled/`.
#[derive(Debug)]
pub struct Tables {
    /// (code, ACLED label, disorder type or empty).
    pub types: Vec<(String, String, String)>,
    /// Actor type labels, index = code − 1.
    pub inter: Vec<String>,
    pub countries: Vec<Country>,
    pub actors: Vec<ActorRow>,
    pub notes: HashMap<String, String>,
}

/// The tables, read once.
pub static TABLES: LazyLock<Tables> = LazyLock::new(|| Tables {
    types: rows(EVENT_TYPES_TSV)
        .map(|c| (field(&c, 0), field(&c, 1), field(&c, 2)))
        .collect(),
    inter: rows(INTER_TSV).map(|c| field(&c, 1)).collect(),
    countries: rows(COUNTRIES_TSV)
        .map(|c| Country {
            alpha2: field(&c, 0),
            numeric: field(&c, 1),
            alpha3: field(&c, 2),
            name: field(&c, 3),
            region: field(&c, 4),
        })
        .collect(),
    actors: rows(ACTORS_TSV)
        .map(|c| ActorRow {
            code: field(&c, 0),
            name: field(&c, 1),
            inter: field(&c, 2).parse().unwrap_or(0),
            home: Some(field(&c, 3)).filter(|h| !h.is_empty()),
        })
        .collect(),
    notes: rows(NOTES_TSV)
        .map(|c| (field(&c, 0), field(&c, 1)))
        .collect(),
});

/// The tab-separated fields of each line that is not blank or a `#` comment.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn field(cells: &[&str], i: usize) -> String {
    cells.get(i).map_or("", |c| c.trim()).to_string()
}

impl Tables {
    /// ACLED's label for a type code (a code it lacks, or a label a
    /// reviewer typed, passes through).
    pub fn label<'a>(&'a self, code: &'a str) -> &'a str {
        self.types
            .iter()
            .find(|(c, label, _)| c == code || label == code)
            .map_or(code, |(_, label, _)| label)
    }

    /// ACLED's disorder type of an event type code (empty for none).
    pub fn disorder(&self, kind: &str) -> &str {
        self.types
            .iter()
            .find(|(c, label, _)| c == kind || label == kind)
            .map_or("", |(_, _, d)| d)
    }

    /// The label of an actor type code (1–8).
    pub fn inter_label(&self, code: u8) -> &str {
        usize::from(code)
            .checked_sub(1)
            .and_then(|i| self.inter.get(i))
            .map_or("", String::as_str)
    }

    /// The country of an ISO alpha-2 code.
    pub fn country(&self, alpha2: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.alpha2 == alpha2)
    }

    /// The ACLED actor of one of rasad's actor codes.
    pub fn actor(&self, code: &str) -> Option<&ActorRow> {
        self.actors.iter().find(|a| a.code == code)
    }

    /// A piece of the Arabic notes (`toll`, `toll_one`, `toll_none`).
    pub fn note(&self, key: &str) -> &str {
        self.notes.get(key).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_complete_and_consistent() {
        let t = &*TABLES;
        assert_eq!(t.inter.len(), 8);
        assert_eq!(t.types.iter().filter(|x| !x.2.is_empty()).count(), 6);
        for a in &t.actors {
            assert!((1..=8).contains(&a.inter), "{a:?}");
            assert_eq!(a.home.is_some(), a.inter == STATE_FORCES, "{a:?}");
            if let Some(h) = &a.home {
                assert!(t.country(h).is_some(), "{a:?}");
            }
        }
        for c in &t.countries {
            assert_eq!(c.alpha3.len(), 3, "{c:?}");
            assert!(c.numeric.parse::<u16>().is_ok(), "{c:?}");
        }
        for key in ["toll", "toll_one", "toll_none"] {
            assert!(!t.note(key).is_empty(), "{key}");
        }
        assert_eq!(t.inter_label(CIVILIANS), "Civilians");
        assert_eq!(t.inter_label(EXTERNAL), "External/Other forces");
        assert_eq!(t.label("air_drone_strike"), "Air/drone strike");
        assert_eq!(t.label("Looting"), "Looting");
        assert_eq!(t.disorder("riots"), "Demonstrations");
    }
}
