//! Checks of a gold file beyond what scoring needs: that the expressions it
//! places in the text occur there verbatim, and that codes, types and dates are
//! well-formed (`docs/gold-format.md`).

use crate::gold::{Gold, GoldCasualty, GoldEvent};
use crate::input::Docs;
use crate::normalize::norm_place;
use std::collections::HashSet;

/// The actor codes of the extraction spec.
pub const ACTOR_CODES: &[&str] = &[
    "ISIS",
    "SYR_GOV",
    "IRAN",
    "HEZBOLLAH",
    "RUSSIA",
    "SDF",
    "US_COALITION",
    "TURKEY",
    "SNA",
    "OPPOSITION",
    "HTS",
    "IRAQ_GOV",
    "PMF",
    "KRG",
    "ISRAEL",
    "HAMAS",
    "PKK",
    "AL_QAEDA",
    "HOUTHIS",
    "YEMEN_GOV",
    "SAUDI_COALITION",
    "CIVILIANS",
    "UNKNOWN",
];

/// A code of the spec, `LNA`, or a state's forces as its ISO alpha-3 code
/// and `_GOV` (`EGY_GOV`, `LBY_GOV`), as `shared/tools/check_gold` accepts.
pub fn known_actor(code: &str) -> bool {
    let b = code.as_bytes();
    let state_gov = b.len() == 7 && b[..3].iter().all(u8::is_ascii_uppercase) && &b[3..] == b"_GOV";
    ACTOR_CODES.contains(&code) || code == "LNA" || state_gov
}

/// `MIXED`: a casualty group (victims of several sides), never an actor.
pub const MIXED: &str = "MIXED";

/// ACLED event types and their sub-event types, in snake case.
pub const EVENT_TYPES: &[(&str, &[&str])] = &[
    (
        "battles",
        &[
            "armed_clash",
            "government_regains_territory",
            "non_state_actor_overtakes_territory",
        ],
    ),
    (
        "explosions_remote_violence",
        &[
            "chemical_weapon",
            "air_drone_strike",
            "suicide_bomb",
            "shelling_artillery_missile_attack",
            "remote_explosive_landmine_ied",
            "grenade",
        ],
    ),
    (
        "violence_against_civilians",
        &[
            "sexual_violence",
            "attack",
            "abduction_forced_disappearance",
        ],
    ),
    (
        "protests",
        &[
            "peaceful_protest",
            "protest_with_intervention",
            "excessive_force_against_protesters",
        ],
    ),
    ("riots", &["violent_demonstration", "mob_violence"]),
    (
        "strategic_developments",
        &[
            "agreement",
            "arrests",
            "change_to_group_activity",
            "disrupted_weapons_use",
            "headquarters_or_base_established",
            "looting_property_destruction",
            "non_violent_transfer_of_territory",
            "other",
        ],
    ),
];

/// Casualty kinds.
pub const CASUALTY_KINDS: &[&str] = &["killed", "injured", "captured", "missing"];

/// Event roles.
pub const ROLES: &[&str] = &["actor1", "actor2", "associated"];

/// True for a TIMEX value the scorer can compare: `YYYY`, `YYYY-MM`,
/// `YYYY-Www` (an ISO week), `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, or
/// `XXXX-MM-DD` (year unknown).
pub fn is_timex(v: &str) -> bool {
    let b = v.as_bytes();
    let d = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let year = (0..4).all(d) || b.starts_with(b"XXXX");
    let month =
        || b[4] == b'-' && d(5) && d(6) && (1..=12).contains(&v[5..7].parse::<u8>().unwrap_or(0));
    let day =
        || b[7] == b'-' && d(8) && d(9) && (1..=31).contains(&v[8..10].parse::<u8>().unwrap_or(0));
    let week = || {
        &b[4..6] == b"-W" && d(6) && d(7) && (1..=53).contains(&v[6..8].parse::<u8>().unwrap_or(0))
    };
    match b.len() {
        4 => (0..4).all(d),
        7 => year && month(),
        8 => (0..4).all(d) && week(),
        10 => year && month() && day(),
        16 => {
            year && month()
                && day()
                && b[10] == b'T'
                && d(11)
                && d(12)
                && b[13] == b':'
                && d(14)
                && d(15)
        }
        _ => false,
    }
}

fn check_casualty(c: &GoldCasualty, at: &str, text: &str, out: &mut Vec<String>) {
    match c.group.as_str() {
        Some(g) if known_actor(g) || g == MIXED => {}
        _ => out.push(format!("{at}: group {} is not an actor code", c.group)),
    }
    let source = c.source.as_ref().and_then(Option::as_deref);
    for (field, quoted) in [("text", c.text.as_deref()), ("source", source)] {
        if let Some(q) = quoted.filter(|q| q.is_empty() || !text.contains(q)) {
            out.push(format!(
                "{at}.{field}: {q:?} does not occur in the document"
            ));
        }
    }
    match c.kind.as_str() {
        Some(k) if CASUALTY_KINDS.contains(&k) => {}
        _ => out.push(format!(
            "{at}: kind {} is not one of {CASUALTY_KINDS:?}",
            c.kind
        )),
    }
}

fn check_event(
    e: &GoldEvent,
    at: &str,
    (place_keys, text): (&HashSet<String>, &str),
    out: &mut Vec<String>,
) {
    for t in &e.types {
        if !EVENT_TYPES.iter().any(|(name, _)| name == t) {
            out.push(format!("{at}: type {t:?} is not an ACLED event type"));
        }
    }
    if let Some(sub) = e.raw.get("subtype") {
        let subs: Vec<&str> = match sub {
            serde_json::Value::String(s) => vec![s.as_str()],
            serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
            _ => vec![],
        };
        for s in subs {
            let ok = EVENT_TYPES
                .iter()
                .any(|(name, subs)| e.types.iter().any(|t| t == name) && subs.contains(&s));
            if !ok {
                out.push(format!(
                    "{at}: subtype {s:?} is not a sub-event type of {:?}",
                    e.types
                ));
            }
        }
    }
    if let Some(d) = &e.date {
        if !is_timex(d) {
            out.push(format!("{at}: date {d:?} is not a TIMEX value"));
        }
    }
    for p in &e.places {
        if !place_keys.contains(&norm_place(p)) {
            out.push(format!(
                "{at}: place {p:?} is not among the record's places or optional_places"
            ));
        }
    }
    for (role, ids) in &e.actors {
        if !ROLES.contains(&role.as_str()) {
            out.push(format!("{at}: role {role:?} is not one of {ROLES:?}"));
        }
        for id in ids {
            if !known_actor(id) {
                out.push(format!("{at}: actor {id:?} is not an actor code"));
            }
        }
    }
    for (i, c) in e.fatalities.iter().enumerate() {
        check_casualty(c, &format!("{at}.fatalities[{i}]"), text, out);
    }
}

/// Texts the record places in the document that do not occur there verbatim,
/// and time values that are not TIMEX values.
fn check_texts(g: &Gold, text: &str, out: &mut Vec<String>) {
    let must_occur = [
        ("body_must_contain", &g.body_must_contain),
        ("body_must_not_contain", &g.body_must_not_contain),
        ("optional_times", &g.optional_times),
        ("optional_quantities", &g.optional_quantities),
    ];
    for (field, list) in must_occur {
        for s in list {
            if s.is_empty() || !text.contains(s.as_str()) {
                out.push(format!("{field}: {s:?} does not occur in the document"));
            }
        }
    }
    for t in &g.times {
        if t.text.is_empty() || !text.contains(t.text.as_str()) {
            out.push(format!(
                "times: {:?} does not occur in the document",
                t.text
            ));
        }
        if let Some(v) = &t.value {
            if !is_timex(v) {
                out.push(format!(
                    "times: value {v:?} of {:?} is not a TIMEX value",
                    t.text
                ));
            }
        }
    }
    for q in &g.quantities {
        if q.text.is_empty() || !text.contains(q.text.as_str()) {
            out.push(format!(
                "quantities: {:?} does not occur in the document",
                q.text
            ));
        }
    }
}

/// Codes, names and casualty claims of the record.
fn check_lists(g: &Gold, text: &str, out: &mut Vec<String>) {
    if let Some(serde_json::Value::String(v)) = &g.published {
        if !is_timex(v) {
            out.push(format!("published: {v:?} is not a TIMEX value"));
        }
    }
    for a in &g.actors {
        if !known_actor(a) {
            out.push(format!("actors: {a:?} is not an actor code"));
        }
    }
    for (i, pl) in g.places.iter().enumerate() {
        if norm_place(&pl.name).is_empty() {
            out.push(format!("places[{i}]: empty name"));
        }
        if let Some(id) = &pl.geonames {
            if id.as_u64().filter(|&n| n > 0).is_none() {
                out.push(format!(
                    "places[{i}].geonames: {id} is not a positive integer"
                ));
            }
        }
    }
    for (i, aliases) in g.persons.iter().enumerate() {
        if aliases.is_empty() || aliases.iter().any(|a| a.trim().is_empty()) {
            out.push(format!("persons[{i}]: empty alias list or alias"));
        }
    }
    for (i, c) in g
        .casualties
        .iter()
        .chain(&g.optional_casualties)
        .enumerate()
    {
        check_casualty(c, &format!("casualties[{i}]"), text, out);
    }
}

/// Problems with the gold records, one message each (`doc: field: why`); an
/// empty list means the file is consistent with its documents.
pub fn lint(gold: &[Gold], docs: &Docs) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for g in gold {
        let mut p = Vec::new();
        if !seen.insert(g.doc.as_str()) {
            p.push(format!(
                "line {}: a second record for this document",
                g.line
            ));
        }
        let Some(text) = docs.get(&g.doc) else {
            out.push(format!("{}: no such document", g.doc));
            continue;
        };
        check_texts(g, text, &mut p);
        check_lists(g, text, &mut p);
        let place_keys: HashSet<String> = g
            .places
            .iter()
            .map(|x| norm_place(&x.name))
            .chain(g.optional_places.iter().map(|x| norm_place(x)))
            .collect();
        for (i, e) in g.events.iter().enumerate() {
            check_event(e, &format!("events[{i}]"), (&place_keys, text), &mut p);
        }
        for (i, e) in g.optional_events.iter().enumerate() {
            check_event(
                e,
                &format!("optional_events[{i}]"),
                (&place_keys, text),
                &mut p,
            );
        }
        out.extend(p.into_iter().map(|m| format!("{}: {m}", g.doc)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::parse_gold;

    #[test]
    fn timex_table() {
        for ok in [
            "2018",
            "2018-12",
            "2018-12-27",
            "2017-12-04T16:40",
            "XXXX-10-13",
            "XXXX-10",
            "2018-W31",
        ] {
            assert!(is_timex(ok), "{ok}");
        }
        for bad in [
            "",
            "18",
            "2018-13",
            "2018-12-32",
            "2018/12/27",
            "٢٠١٨",
            "2018-12-27T1640",
            "XXXX",
            "2018-W54",
            "2018-31W",
        ] {
            assert!(!is_timex(bad), "{bad}");
        }
    }

    #[test]
    fn finds_the_problems() {
        let first = r#"{"doc": "a", "times": [{"text": "أمس", "value": "2019-1-1"}], "quantities": [{"text": "ستة", "best": 6}],
               "actors": ["ISIS", "DAESH"], "places": [{"name": "الرقة"}],
               "casualties": [{"group": "civilians", "kind": "killed", "best": 1}],
               "events": [{"type": ["battle"], "subtype": "air_drone_strike", "date": "2019-01-01", "places": ["حلب"],
                           "actors": {"actor3": ["ISIS"]}}]}"#;
        let text = format!("{}\n{{\"doc\": \"b\"}}\n", first.replace('\n', " "));
        let gold = parse_gold(&text, "g").unwrap();
        let mut docs = Docs::new();
        docs.insert("a".into(), "قتل أمس خمسة في الرقة".into());
        let p = lint(&gold, &docs);
        let has = |s: &str| p.iter().any(|m| m.contains(s));
        assert!(has("a: times: value \"2019-1-1\""), "{p:#?}");
        assert!(has("a: quantities: \"ستة\" does not occur"));
        assert!(has("actors: \"DAESH\""));
        assert!(has("casualties[0]: group"));
        assert!(has("type \"battle\""));
        assert!(has("subtype \"air_drone_strike\""));
        assert!(has("place \"حلب\""));
        assert!(has("role \"actor3\""));
        assert!(has("b: no such document"));
        assert!(!has("times: \"أمس\""));
        assert_eq!(p.len(), 9, "{p:#?}");
    }

    #[test]
    fn casualty_texts_and_sources_occur_and_groups_may_be_mixed() {
        let line = serde_json::json!({"doc": "a", "actors": ["EGY_GOV", "LNA", "HOUTHIS", "EGYPT_GOV"],
            "casualties": [
                {"group": "MIXED", "kind": "killed", "best": 5, "text": "قتل خمسة", "source": "الدفاع المدني"},
                {"group": "CIVILIANS", "kind": "killed", "best": 2, "text": "قتل اثنان", "source": null},
                {"group": "MIXED", "kind": "injured", "best": 1, "source": "المرصد"}]});
        let gold = parse_gold(&line.to_string(), "g").unwrap();
        let mut docs = Docs::new();
        docs.insert("a".into(), "قتل خمسة بحسب الدفاع المدني".into());
        let p = lint(&gold, &docs);
        let has = |s: &str| p.iter().any(|m| m.contains(s));
        assert!(
            has("casualties[1].text: \"قتل اثنان\" does not occur"),
            "{p:#?}"
        );
        assert!(
            has("casualties[2].source: \"المرصد\" does not occur"),
            "{p:#?}"
        );
        assert!(has("actors: \"EGYPT_GOV\""), "{p:#?}");
        assert_eq!(p.len(), 3, "{p:#?}");
    }
}
