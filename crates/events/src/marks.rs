//! The hits of the non-event lists of `data/events/nonevents.toml` in one
//! document, by role: what the non-event rules look at.

use crate::lexicon::{token_readings, within, Hit, Matcher};
use rasad_text::Token;
use serde::Deserialize;
use std::sync::OnceLock;

/// Roles of the lists of `data/events/nonevents.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Concluding,
    InForce,
    Negotiation,
    Force,
    Direction,
    Submit,
    Accident,
    Drill,
    AccidentTitle,
    Sport,
    Crime,
    Figurative,
    Irrealis,
    ArmsTrade,
    Habitual,
    Occasion,
    Reference,
    Speaker,
    Headline,
    Recalled,
    Shooting,
}

const ROLES: [(&str, Role); 21] = [
    ("concluding", Role::Concluding),
    ("in_force", Role::InForce),
    ("negotiation", Role::Negotiation),
    ("force", Role::Force),
    ("direction", Role::Direction),
    ("submit", Role::Submit),
    ("accident", Role::Accident),
    ("drill", Role::Drill),
    ("accident_title", Role::AccidentTitle),
    ("sport", Role::Sport),
    ("crime", Role::Crime),
    ("figurative", Role::Figurative),
    ("irrealis", Role::Irrealis),
    ("arms_trade", Role::ArmsTrade),
    ("habitual", Role::Habitual),
    ("occasion", Role::Occasion),
    ("reference", Role::Reference),
    ("speaker", Role::Speaker),
    ("headline", Role::Headline),
    ("recalled", Role::Recalled),
    ("shooting", Role::Shooting),
];

fn role_index(r: Role) -> usize {
    ROLES.iter().position(|(_, x)| *x == r).unwrap_or(0)
}

#[derive(Deserialize)]
struct File {
    list: Vec<Row>,
}
#[derive(Deserialize)]
struct Row {
    role: String,
    forms: Vec<String>,
}

const DATA: &str = include_str!("../../../data/events/nonevents.toml");

/// The lists, one matcher list per role.
fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| parse(DATA).unwrap_or_default())
}

/// Parses the lists (a parse error is a build defect caught by the tests).
pub fn parse(text: &str) -> Result<Matcher, toml::de::Error> {
    let f: File = toml::from_str(text)?;
    let mut m = Matcher::default();
    for row in f.list {
        if let Some(k) = ROLES.iter().position(|(n, _)| *n == row.role) {
            for form in &row.forms {
                m.insert_in(k, form, 0);
            }
        }
    }
    Ok(m)
}

/// The hits of every list in one document, sorted by token.
#[derive(Debug, Default, Clone)]
pub struct Marks {
    hits: Vec<Vec<Hit>>,
}

impl Marks {
    /// Finds the lists in the key text `key` cut into `toks`.
    pub fn new(key: &str, toks: &[Token]) -> Marks {
        let rs = token_readings(key, toks);
        Marks {
            hits: matcher().find_lists(key, toks, &rs),
        }
    }

    /// Hits of `role` starting in `t0..t1`.
    pub fn of(&self, role: Role, t0: usize, t1: usize) -> &[Hit] {
        self.hits
            .get(role_index(role))
            .map(|h| within(h, t0, t1, |x| x.start))
            .unwrap_or(&[])
    }

    /// True when a hit of `role` starts in `t0..t1`.
    pub fn any(&self, role: Role, t0: usize, t1: usize) -> bool {
        !self.of(role, t0, t1).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lists_parse() {
        let m = parse(DATA).expect("data/events/nonevents.toml parses");
        let f: File = toml::from_str(DATA).expect("rows");
        assert!(f.list.len() >= ROLES.len());
        for row in &f.list {
            assert!(
                ROLES.iter().any(|(n, _)| *n == row.role),
                "unknown role {}",
                row.role
            );
        }
        drop(m);
    }
}
