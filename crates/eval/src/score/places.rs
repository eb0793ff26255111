//! The places of events, put at a level (country, governorate, region, city,
//! town, neighbourhood) so that a pair of events agrees at the most specific
//! level both state (`event places` in `shared/tools/score`).

use crate::normalize::{letters, norm_place, place_parts, py_split};
use crate::sources::contains_words;
use crate::tables::{has, tables};
use serde_json::Value;
use std::collections::HashSet;
use std::sync::OnceLock;

/// The level of an event place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Country,
    Gov,
    Region,
    /// A bare capital name listed with finer places: the city or its governorate.
    Container,
    /// A bare capital name alone: the city.
    City,
    /// A bare capital name not yet placed (`Container` or `City`).
    Amb,
    Fine,
    Sub,
}

impl Level {
    /// The rank (twice the reference's, to stay in integers): coarse to fine.
    fn rank(self) -> u8 {
        match self {
            Level::Country => 0,
            Level::Gov => 2,
            Level::Region | Level::Container => 3,
            Level::City | Level::Fine | Level::Amb => 4,
            Level::Sub => 6,
        }
    }
}

/// An event place: its key, level and words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leveled {
    pub key: String,
    pub level: Level,
    pub words: Vec<String>,
}

struct Named {
    capitals: HashSet<String>,
    gov_only: HashSet<String>,
    regions: HashSet<String>,
    countries: HashSet<String>,
}

fn named() -> &'static Named {
    static NAMED: OnceLock<Named> = OnceLock::new();
    NAMED.get_or_init(|| {
        let set = |xs: &[String]| xs.iter().map(|x| norm_place(x)).collect();
        let places = &tables().places;
        Named {
            capitals: set(&places.capital_names),
            gov_only: set(&places.gov_only_names),
            regions: set(&places.region_names),
            countries: set(&places.country_names),
        }
    })
}

/// A key named at a level of its own (capital, governorate, country): such
/// names never agree by containment.
fn named_level(key: &str) -> bool {
    let n = named();
    n.capitals.contains(key) || n.gov_only.contains(key) || n.countries.contains(key)
}

fn is_gov_head(head: Option<&str>) -> bool {
    head.is_some_and(|h| has(&tables().places.gov_heads, h))
}

/// `حي X`, `شارع X`: a part of a town.
fn is_sub_head(head: Option<&str>) -> bool {
    head.is_some_and(|h| has(&tables().places.sub_heads, h))
}

fn regional(key: &str, words: &[String]) -> bool {
    named().regions.contains(key)
        || (words.len() > 1 && has(&tables().places.directions, &words[0]))
}

/// True when the article writes this capital's name only as `محافظة X` or
/// `ريف X`: a gold record giving the bare name then means the governorate.
///
/// `doc_words` is `letters(text)` split into words.
pub fn governorate_only_usage(doc_words: &[&str], name: &str) -> bool {
    let key = norm_place(name);
    let n = py_split(&letters(name)).count();
    if n == 0 || doc_words.len() < n {
        return false;
    }
    let (mut uses, mut gov) = (0, 0);
    for i in 0..=doc_words.len() - n {
        if !names_place_at(doc_words, i, n, &key) {
            continue;
        }
        uses += 1;
        let prev = if i > 0 { doc_words[i - 1] } else { "" };
        let places = &tables().places;
        let after_head = places
            .head_clitics
            .iter()
            .any(|c| places.gov_heads.iter().any(|h| prev == format!("{c}{h}")));
        gov += usize::from(after_head);
    }
    uses > 0 && uses == gov
}

/// The `n` words at `i`, a clitic taken off the first, are the place `key`.
fn names_place_at(doc_words: &[&str], i: usize, n: usize, key: &str) -> bool {
    let first = doc_words[i];
    let len = first.chars().count();
    tables().places.clitics.iter().any(|c| {
        let Some(rest) = first.strip_prefix(c) else {
            return false;
        };
        if len <= c.chars().count() {
            return false;
        }
        let mut words = vec![rest];
        words.extend_from_slice(&doc_words[i + 1..i + n]);
        norm_place(&words.join(" ")) == key
    })
}

/// The level of a gold event place.
pub fn gold_place_level(name: &str, doc_words: &[&str]) -> Leveled {
    let p = place_parts(name);
    let head = p.head.as_deref();
    let n = named();
    let level = if is_gov_head(head) || (head.is_none() && n.gov_only.contains(&p.key)) {
        Level::Gov
    } else if head.is_none() && n.countries.contains(&p.key) {
        Level::Country
    } else if head.is_none() && n.capitals.contains(&p.key) {
        if governorate_only_usage(doc_words, name) {
            Level::Gov
        } else {
            Level::Amb
        }
    } else if is_sub_head(head) {
        Level::Sub
    } else if regional(&p.key, &p.words) {
        Level::Region
    } else {
        Level::Fine
    };
    Leveled {
        key: p.key,
        level,
        words: p.words,
    }
}

/// The level of a system event place, given its key and the `kind` its
/// record gives it (null when none).
pub fn system_place_level(name: &str, key: String, kind: &Value) -> Leveled {
    let p = place_parts(name);
    let head = p.head.as_deref();
    let n = named();
    let kind_is = |k: &str| kind.as_str() == Some(k);
    let kind_in = |ks: &[String]| kind.as_str().is_some_and(|k| has(ks, k));
    let level = if kind_is("governorate")
        || is_gov_head(head)
        || (head.is_none() && n.gov_only.contains(&key))
    {
        Level::Gov
    } else if kind_is("country") || (kind.is_null() && head.is_none() && n.countries.contains(&key))
    {
        Level::Country
    } else if head.is_none() && n.capitals.contains(&key) && (kind.is_null() || kind_is("city")) {
        Level::Amb
    } else if kind_in(&tables().places.sub_kinds) || is_sub_head(head) {
        Level::Sub
    } else if kind_in(&tables().places.region_kinds) || regional(&key, &p.words) {
        Level::Region
    } else {
        Level::Fine
    };
    Leveled {
        key,
        level,
        words: p.words,
    }
}

/// A bare capital name is a container (the city or its governorate) when
/// finer places are listed with it, else the city.
pub fn place_levels(mut entries: Vec<Leveled>) -> Vec<Leveled> {
    let finer = entries
        .iter()
        .any(|e| matches!(e.level, Level::Fine | Level::Sub));
    for e in &mut entries {
        if e.level == Level::Amb {
            e.level = if finer { Level::Container } else { Level::City };
        }
    }
    entries
}

fn townish(l: Level) -> bool {
    matches!(l, Level::City | Level::Fine | Level::Sub)
}

/// A governorate never equals its capital city; two town-level names agree
/// when one is the other with a word more (`قصر البريج`, `البريج`).
pub fn same_place(a: &Leveled, b: &Leveled) -> bool {
    if (a.level == Level::Gov && townish(b.level)) || (b.level == Level::Gov && townish(a.level)) {
        return false;
    }
    if a.key == b.key {
        return true;
    }
    let fine = |l: Level| matches!(l, Level::Fine | Level::Sub);
    if fine(a.level) && fine(b.level) && !named_level(&a.key) && !named_level(&b.key) {
        let len = |w: &[String]| w.iter().map(|t| t.chars().count()).sum::<usize>();
        let short = len(&a.words).min(len(&b.words));
        return short >= 3
            && (contains_words(&a.words, &b.words) || contains_words(&b.words, &a.words));
    }
    false
}

/// The places of one side with, for each capital city, its governorate.
fn expand(side: &[Leveled]) -> Vec<Leveled> {
    let mut out = side.to_vec();
    for p in side {
        if p.level == Level::City && named().capitals.contains(&p.key) {
            out.push(Leveled {
                level: Level::Gov,
                ..p.clone()
            });
        }
    }
    out
}

/// 2: a place shared at the most specific level each side states; 1: a
/// coarser shared place where one side states nothing finer; 0: none.
pub fn place_agreement(gold: &[Leveled], system: &[Leveled]) -> u8 {
    let top = |side: &[Leveled]| side.iter().map(|p| p.level.rank()).max();
    let (Some(gmax), Some(smax)) = (top(gold), top(system)) else {
        return 0;
    };
    let mut best = 0;
    let sys = expand(system);
    for g in expand(gold) {
        for s in &sys {
            if !same_place(&g, s) {
                continue;
            }
            let (gtop, stop) = (g.level.rank() == gmax, s.level.rank() == smax);
            if gtop && stop {
                return 2;
            }
            if gtop || stop {
                best = 1;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        py_split(&letters(text)).map(str::to_string).collect()
    }

    fn gold(names: &[&str], text: &str) -> Vec<Leveled> {
        let w = words(text);
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        place_levels(names.iter().map(|n| gold_place_level(n, &w)).collect())
    }

    fn system(names: &[(&str, Value)]) -> Vec<Leveled> {
        place_levels(
            names
                .iter()
                .map(|(n, k)| system_place_level(n, norm_place(n), k))
                .collect(),
        )
    }

    #[test]
    fn levels_of_gold_places() {
        let cases = [
            ("محافظة حلب", Level::Gov),
            ("ريف إدلب", Level::Gov),
            ("نينوى", Level::Gov),
            ("سوريا", Level::Country),
            ("حي الشعار", Level::Sub),
            ("القلمون", Level::Region),
            ("شمال سوريا", Level::Region),
            ("سد تشرين", Level::Fine),
            ("معرة النعمان", Level::Fine),
        ];
        for (name, want) in cases {
            assert_eq!(gold_place_level(name, &[]).level, want, "{name}");
        }
    }

    #[test]
    fn a_capital_named_only_with_its_governorate_head_is_the_governorate() {
        let text = "قصفت الطائرات قرى في ريف حماة الشمالي وفي محافظة حماة";
        assert_eq!(gold(&["حماة"], text)[0].level, Level::Gov);
        let text = "وصلت القافلة إلى حماة بعد قصف ريف حماة";
        assert_eq!(gold(&["حماة"], text)[0].level, Level::City);
        assert_eq!(gold(&["حماة", "صوران"], text)[0].level, Level::Container);
    }

    #[test]
    fn governorate_and_city_agree_only_coarsely_or_not_at_all() {
        let g = gold(&["محافظة درعا"], "");
        // The city of the same name is not the governorate...
        assert_eq!(place_agreement(&g, &system(&[("درعا", Value::Null)])), 1);
        // ...it counts, coarsely, only through the capital's governorate.
        let s = system(&[("مدينة درعا", json_kind("town"))]);
        assert_eq!(place_agreement(&g, &s), 0);
        let s = system(&[("ريف درعا", Value::Null)]);
        assert_eq!(place_agreement(&g, &s), 2);
    }

    #[test]
    fn the_most_specific_level_decides() {
        let g = gold(&["إدلب", "سراقب"], "");
        assert_eq!(place_agreement(&g, &system(&[("سراقب", Value::Null)])), 2);
        // Only the container is shared while both name a town: coarse.
        let s = system(&[("إدلب", Value::Null), ("أريحا", Value::Null)]);
        assert_eq!(place_agreement(&g, &s), 0);
        let s = system(&[("إدلب", Value::Null)]);
        assert_eq!(place_agreement(&g, &s), 1);
    }

    #[test]
    fn town_names_agree_with_a_word_more() {
        let a = gold_place_level("قصر البريج", &[]);
        let b = gold_place_level("البريج", &[]);
        assert!(same_place(&a, &b));
        let c = gold_place_level("البر", &[]);
        assert!(same_place(&c, &gold_place_level("قرية البر الكبير", &[])));
        // Not inside a word, and not for names under three letters.
        assert!(!same_place(&c, &gold_place_level("البرج", &[])));
        let t = gold_place_level("تل", &[]);
        assert!(!same_place(&t, &gold_place_level("تل أبيض", &[])));
    }

    fn json_kind(k: &str) -> Value {
        Value::String(k.to_string())
    }
}
