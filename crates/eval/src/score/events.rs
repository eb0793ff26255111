//! Events: a one-to-one optimal pairing of gold and system events on type,
//! date, place agreement at the most specific level, fatalities and roles;
//! then the roles of each pair (`event_actors`, with precision).

use super::casualties::CKey;
use super::places::{
    gold_place_level, place_agreement, place_levels, same_place, system_place_level, Leveled,
};
use super::{get, items, place_key, time_match, time_value, Scorer};
use crate::assign::best_assignment;
use crate::gold::{Gold, GoldEvent};
use crate::normalize::{letters, norm_text, py_split};
use crate::py::{list_repr, py_eq, py_fromisoformat, py_repr, py_str};
use crate::report::{Part, Tally};
use serde_json::Value;
use std::collections::HashMap;

/// Pairing weights: as many gold events paired as can be, then as many
/// optional ones, then the best pairs, then the pairs closest in order.
const BASE_EVENT: i64 = 100_000_000_000;
const BASE_OPTIONAL: i64 = 100_000_000;

/// One role's actor ids, distinct (Python's `set`, compared with `==`).
type Ids = Vec<Value>;
/// Role to ids, in order of first appearance.
type Roles = Vec<(Value, Ids)>;

/// An event date check: any date when the gold has none; otherwise
/// `time_match`, or both are days at most one day apart.
pub fn date_compatible(gold: Option<&str>, system: &Value) -> bool {
    let Some(gold) = gold else { return true };
    let value = time_value(system);
    if value.is_null() {
        return false;
    }
    if time_match(&Value::String(gold.to_string()), value) {
        return true;
    }
    let Some(v) = value.as_str() else {
        return false;
    };
    if gold.chars().count() >= 10 && v.chars().count() >= 10 {
        let head = |s: &str| s.chars().take(10).collect::<String>();
        if let (Some(a), Some(b)) = (py_fromisoformat(&head(gold)), py_fromisoformat(&head(v))) {
            return (a - b).abs() <= 1;
        }
    }
    false
}

/// The pairing weight of every gold event (rows) against every system event.
type Weights = Vec<Vec<i64>>;
/// How each acceptable (gold, system) pair was reached.
type Hows = HashMap<(usize, usize), How>;

/// How a pair was reached: place agreement, date agreement, fatalities shared.
#[derive(Debug, Clone, Copy)]
struct How {
    place: u8,
    date: u8,
    fatalities: usize,
}

/// The system's places of a record by id and by name, with the `kind` the
/// record gives them: an event place is leveled by it.
struct Kinds(HashMap<String, Value>);

impl Kinds {
    fn new(s: &Value) -> Kinds {
        let mut m = HashMap::new();
        for p in items(s, "places") {
            let kind = get(p, "kind");
            if !crate::py::truthy(kind) {
                continue;
            }
            if crate::py::truthy(get(p, "id")) {
                m.entry(py_str(get(p, "id"))).or_insert(kind.clone());
            }
            m.entry(norm_text(get(p, "name").as_str().unwrap_or("")))
                .or_insert(kind.clone());
        }
        Kinds(m)
    }

    fn of<'a>(&'a self, p: &'a Value) -> &'a Value {
        let name = norm_text(get(p, "name").as_str().unwrap_or(""));
        self.0
            .get(&py_str(get(p, "id")))
            .or_else(|| self.0.get(&name))
            .unwrap_or_else(|| get(p, "kind"))
    }
}

fn system_levels(se: &Value, kinds: &Kinds, id_to_key: &HashMap<String, String>) -> Vec<Leveled> {
    let out = items(se, "places")
        .iter()
        .map(|p| {
            let name = get(p, "name").as_str().unwrap_or("");
            system_place_level(name, place_key(p, id_to_key), kinds.of(p))
        })
        .collect();
    place_levels(out)
}

fn gold_levels(ge: &GoldEvent, doc_words: &[&str]) -> Vec<Leveled> {
    place_levels(
        ge.places
            .iter()
            .map(|p| gold_place_level(p, doc_words))
            .collect(),
    )
}

/// The sides of a pair, leveled.
struct Side<'a> {
    event: &'a Value,
    places: &'a [Leveled],
}

/// `None` when the pair is not acceptable, else a positive quality (place
/// agreement, then date, then fatalities, then places and roles shared) and
/// how it was reached.
fn event_similarity(
    ge: &GoldEvent,
    gold_places: &[Leveled],
    se: Side,
    optional: bool,
) -> Option<(i64, How)> {
    let kind = get(se.event, "type");
    if !ge.types.iter().any(|t| kind.as_str() == Some(t.as_str())) {
        return None;
    }
    let sd = time_value(get(se.event, "date"));
    let date = match ge.date.as_deref() {
        Some(gd) if !sd.is_null() => {
            if !date_compatible(Some(gd), sd) {
                return None;
            }
            if time_match(&Value::String(gd.to_string()), sd) {
                2
            } else {
                1
            }
        }
        _ => 0,
    };
    let place = if gold_places.is_empty() {
        if optional && date == 0 {
            return None;
        }
        0
    } else {
        match place_agreement(gold_places, se.places) {
            0 => return None,
            q => q,
        }
    };
    let fatalities = shared_fatalities(ge, se.event);
    let shared = gold_places
        .iter()
        .filter(|g| se.places.iter().any(|s| same_place(g, s)))
        .count();
    let roles = event_roles(ge, se.event).tp as i64;
    let q = 10000 * i64::from(place)
        + 1000 * i64::from(date)
        + 100 * fatalities.min(9) as i64
        + 10 * shared.min(9) as i64
        + roles.min(9)
        + 1;
    Some((
        q,
        How {
            place,
            date,
            fatalities,
        },
    ))
}

/// The gold fatalities found among the system event's, each used once.
fn shared_fatalities(ge: &GoldEvent, se: &Value) -> usize {
    let mut pool: Vec<CKey> = items(se, "fatalities").iter().map(CKey::system).collect();
    let mut n = 0;
    for c in &ge.fatalities {
        let k = CKey::gold(c);
        if let Some(at) = pool.iter().position(|p| *p == k) {
            pool.remove(at);
            n += 1;
        }
    }
    n
}

/// The actor ids of a system event by role.
fn roles_of(se: &Value) -> Roles {
    let mut out: Roles = Vec::new();
    for a in items(se, "actors") {
        let (role, id) = (get(a, "role"), get(a, "id"));
        let at = match out.iter().position(|(r, _)| py_eq(r, role)) {
            Some(at) => at,
            None => {
                out.push((role.clone(), Vec::new()));
                out.len() - 1
            }
        };
        if !out[at].1.iter().any(|x| py_eq(x, id)) {
            out[at].1.push(id.clone());
        }
    }
    out
}

fn ids_of<'a>(roles: &'a Roles, role: &str) -> &'a [Value] {
    roles
        .iter()
        .find(|(r, _)| r.as_str() == Some(role))
        .map_or(&[], |(_, ids)| ids.as_slice())
}

/// tp, fp, fn of one paired event's roles: a gold role is found when the
/// system gives one of its accepted ids; a system value the gold does not
/// accept for that role is an extra. `associated` is judged only where the
/// gold event lists it (an empty list: none).
fn role_tally(gold: &[(String, Vec<String>)], sys: &Roles) -> Tally {
    let mut t = Tally::default();
    let accepts = |ids: &[String], id: &Value| ids.iter().any(|g| id.as_str() == Some(g));
    for (role, ids) in gold.iter().filter(|(_, ids)| !ids.is_empty()) {
        let found = ids_of(sys, role).iter().any(|id| accepts(ids, id));
        t.tp += u64::from(found);
        t.fn_ += u64::from(!found);
    }
    for (role, ids) in sys {
        let Some(role) = role.as_str() else { continue };
        let listed = gold.iter().find(|(r, _)| r == role);
        if matches!(role, "actor1" | "actor2") || listed.is_some() {
            let want = listed.map_or(&[][..], |(_, ids)| ids.as_slice());
            t.fp += ids.iter().filter(|id| !accepts(want, id)).count() as u64;
        }
    }
    t
}

/// `role_tally` of a paired event; the two sides of a battle may come in
/// either order.
fn event_roles(ge: &GoldEvent, se: &Value) -> Tally {
    let sys = roles_of(se);
    let tally = role_tally(&ge.actors, &sys);
    let battle = get(se, "type").as_str() == Some("battles")
        || get(se, "subtype").as_str() == Some("armed_clash");
    if !battle {
        return tally;
    }
    let swapped = swap_sides(&sys);
    let alt = role_tally(&ge.actors, &swapped);
    let net = |t: &Tally| t.tp as i64 - t.fp as i64 - t.fn_ as i64;
    if net(&alt) > net(&tally) {
        alt
    } else {
        tally
    }
}

/// The roles with actor1 and actor2 exchanged (roles left empty dropped).
fn swap_sides(sys: &Roles) -> Roles {
    let mut out: Roles = sys.clone();
    let (a1, a2) = (
        ids_of(sys, "actor1").to_vec(),
        ids_of(sys, "actor2").to_vec(),
    );
    for (role, value) in [("actor1", a2), ("actor2", a1)] {
        match out.iter_mut().find(|(r, _)| r.as_str() == Some(role)) {
            Some(slot) => slot.1 = value,
            None => out.push((Value::String(role.into()), value)),
        }
    }
    out.retain(|(_, ids)| !ids.is_empty());
    out
}

/// `[type date places]` of a gold event, for the notes.
fn short_gold(ge: &GoldEvent) -> String {
    let typ = match get(&ge.raw, "type") {
        Value::String(s) => s.chars().map(String::from).collect::<Vec<_>>().join("/"),
        Value::Array(a) => a.iter().map(py_str).collect::<Vec<_>>().join("/"),
        _ => String::new(),
    };
    let date = py_str(time_value(get(&ge.raw, "date")));
    format!("[{typ} {date} {}]", py_str(get(&ge.raw, "places")))
}

/// `[type date places]` of a system event, for the notes.
fn short_system(se: &Value) -> String {
    let names: Vec<Value> = items(se, "places")
        .iter()
        .map(|p| get(p, "name").clone())
        .collect();
    format!(
        "[{} {} {}]",
        py_str(get(se, "type")),
        py_str(time_value(get(se, "date"))),
        list_repr(names.iter())
    )
}

/// The weights of every gold (then optional gold) event against every
/// system event, and how each acceptable pair was reached.
fn pairing_weights(
    gold_ev: &[(&GoldEvent, bool)],
    sys: &[Value],
    sys_levels: &[Vec<Leveled>],
    doc_words: &[&str],
) -> (Weights, Hows) {
    let mut hows = HashMap::new();
    let mut weights = Vec::with_capacity(gold_ev.len());
    for (i, &(ge, opt)) in gold_ev.iter().enumerate() {
        let glv = gold_levels(ge, doc_words);
        let mut row = Vec::with_capacity(sys.len());
        for (j, se) in sys.iter().enumerate() {
            let side = Side {
                event: se,
                places: &sys_levels[j],
            };
            let w = match event_similarity(ge, &glv, side, opt) {
                Some((q, how)) => {
                    hows.insert((i, j), how);
                    let base = if opt { BASE_OPTIONAL } else { BASE_EVENT };
                    (base + q) * 100 - (i.abs_diff(j).min(99) as i64)
                }
                None => 0,
            };
            row.push(w);
        }
        weights.push(row);
    }
    (weights, hows)
}

/// Scores the events of one document and the roles of each pair.
pub(super) fn events(
    sc: &mut Scorer,
    g: &Gold,
    s: &Value,
    text: &str,
    id_to_key: &HashMap<String, String>,
) {
    let sys = items(s, "events");
    let folded = letters(text);
    let doc_words: Vec<&str> = py_split(&folded).collect();
    let kinds = Kinds::new(s);
    let sys_levels: Vec<Vec<Leveled>> = sys
        .iter()
        .map(|e| system_levels(e, &kinds, id_to_key))
        .collect();
    let gold_ev: Vec<(&GoldEvent, bool)> = g
        .events
        .iter()
        .map(|e| (e, false))
        .chain(g.optional_events.iter().map(|e| (e, true)))
        .collect();
    let (weights, hows) = pairing_weights(&gold_ev, sys, &sys_levels, &doc_words);
    let pairs = best_assignment(&weights);
    let got: HashMap<usize, usize> = pairs.iter().copied().collect();
    for (i, &(ge, opt)) in gold_ev.iter().enumerate() {
        let j = got.get(&i).copied();
        if !opt {
            sc.hit(Part::Events, j.is_some());
        }
        match j {
            None if !opt => sc.note(true, format!("event missed gold#{i} {}", short_gold(ge))),
            None => {}
            Some(j) => paired(sc, g, (i, ge, opt), (j, &sys[j]), hows[&(i, j)]),
        }
    }
    let free: Vec<usize> = (0..sys.len())
        .filter(|j| !got.values().any(|x| x == j))
        .collect();
    sc.add(Part::Events, 0, free.len() as u64, 0);
    for j in free {
        let note = format!("extra event system#{j} {}", short_system(&sys[j]));
        sc.note(true, note);
    }
}

/// The note of a pair and, for a gold event that is not optional, its roles.
fn paired(
    sc: &mut Scorer,
    g: &Gold,
    gold: (usize, &GoldEvent, bool),
    sys: (usize, &Value),
    how: How,
) {
    let ((i, ge, opt), (j, se)) = (gold, sys);
    let label = if opt {
        let what = ge.raw.get("what").map_or(String::new(), py_str);
        format!("optional gold#{} ({what})", i - g.events.len())
    } else {
        format!("gold#{i}")
    };
    let place = ["-", "coarse", "exact"][usize::from(how.place)];
    let date = ["-", "near", "exact"][usize::from(how.date)];
    sc.note(
        true,
        format!(
            "event pair {label} {} <- system#{j} {} (place {place}, date {date}, fatalities {})",
            short_gold(ge),
            short_system(se),
            how.fatalities
        ),
    );
    if opt {
        return;
    }
    let t = event_roles(ge, se);
    sc.add(Part::EventActors, t.tp, t.fp, t.fn_);
    if t.fp > 0 || t.fn_ > 0 {
        let note = format!(
            "event gold#{i} roles gold {} system {}",
            py_repr(get(&ge.raw, "actors")),
            roles_repr(&roles_of(se))
        );
        sc.note(true, note);
    }
}

/// `{role: sorted(ids)}` as Python prints it.
fn roles_repr(roles: &Roles) -> String {
    let items: Vec<String> = roles
        .iter()
        .map(|(role, ids)| {
            let mut ids = ids.clone();
            ids.sort_by_key(py_str);
            format!("{}: {}", py_repr(role), list_repr(ids.iter()))
        })
        .collect();
    format!("{{{}}}", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn gold_event(v: Value) -> GoldEvent {
        let g =
            crate::gold::parse_gold(&json!({"doc": "a", "events": [v]}).to_string(), "g").unwrap();
        g[0].events[0].clone()
    }

    #[test]
    fn role_precision_and_battle_swap() {
        let ge = gold_event(json!({"type": ["battles"],
            "actors": {"actor1": ["SDF"], "actor2": ["ISIS"]}}));
        let tally = |se: Value| {
            let t = event_roles(&ge, &se);
            (t.tp, t.fp, t.fn_)
        };
        let sides = |a: &str, b: &str, typ: &str| json!({"type": typ, "actors": [{"id": a, "role": "actor1"}, {"id": b, "role": "actor2"}]});
        assert_eq!(tally(sides("SDF", "ISIS", "battles")), (2, 0, 0));
        // A battle's sides may come in either order...
        assert_eq!(tally(sides("ISIS", "SDF", "battles")), (2, 0, 0));
        // ...other events' may not.
        assert_eq!(tally(sides("ISIS", "SDF", "riots")), (0, 2, 2));
        // A value the gold does not accept is an extra.
        assert_eq!(tally(sides("SDF", "TURKEY", "battles")), (1, 1, 1));
        // `associated` only where the gold lists it.
        let se = json!({"type": "battles", "actors": [{"id": "SDF", "role": "actor1"},
            {"id": "US_COALITION", "role": "associated"}]});
        assert_eq!(tally(se), (1, 0, 1));
    }

    #[test]
    fn swapping_drops_roles_left_empty() {
        let sys: Roles = vec![(json!("actor1"), vec![json!("SDF")])];
        assert_eq!(
            swap_sides(&sys),
            vec![(json!("actor2"), vec![json!("SDF")])]
        );
    }

    #[test]
    fn dates_one_day_apart_are_compatible() {
        assert!(date_compatible(None, &json!(null)));
        assert!(date_compatible(
            Some("2018-10-13"),
            &json!({"value": "2018-10-14"})
        ));
        assert!(date_compatible(
            Some("2018-12-31"),
            &json!({"value": "2019-01-01"})
        ));
        assert!(!date_compatible(
            Some("2018-10-13"),
            &json!({"value": "2018-10-15"})
        ));
        assert!(!date_compatible(
            Some("2018-10-13"),
            &json!({"value": null})
        ));
        assert!(!date_compatible(Some("2018-10-13"), &json!(null)));
        assert!(date_compatible(Some("2018-10"), &json!("2018-10-02")));
        assert!(!date_compatible(
            Some("XXXX-10-13"),
            &json!({"value": "XXXX-10-14"})
        ));
    }
}
