//! The comparison itself: each part's matching rule, as in `shared/tools/score`.

use crate::gold::{Gold, GoldCasualty, GoldEvent};
use crate::input::{Docs, System};
use crate::normalize::{norm_person, norm_place, norm_text};
use crate::py::{
    list_repr, py_eq, py_fromisoformat, py_repr, py_str, str_list_repr, str_repr, truthy,
    tuple_repr,
};
use crate::report::{Note, Part, Report, Tally};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};

static NULL: Value = Value::Null;

/// `record.get(key)` that is lenient with records that are not objects.
fn get<'a>(v: &'a Value, key: &str) -> &'a Value {
    v.get(key).unwrap_or(&NULL)
}

/// `record.get(key) or []` for a list field (anything else is empty).
fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    get(v, key).as_array().map(Vec::as_slice).unwrap_or(&[])
}

/// `record.get(key) or ""` for a text field.
fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    get(v, key).as_str().unwrap_or("")
}

/// A JSON value compared with Python's `==`.
#[derive(Debug, Clone)]
struct Py(Value);

impl PartialEq for Py {
    fn eq(&self, other: &Self) -> bool {
        py_eq(&self.0, &other.0)
    }
}

/// True when a gold TIMEX value matches a system value: equal, the system's
/// more precise (`2018-10-13` for `2018-10`), or the system's a day-or-finer
/// prefix of the gold (`2017-12-04` for `2017-12-04T16:40`). Two nulls match.
pub fn time_match(gold: &Value, system: &Value) -> bool {
    if gold.is_null() || system.is_null() {
        return gold.is_null() && system.is_null();
    }
    let (g, s) = (py_str(gold), py_str(system));
    g == s || s.starts_with(&g) || (g.starts_with(&s) && s.chars().count() >= 10)
}

/// An event date check: any date when the gold has none; otherwise
/// `time_match`, or both are days at most one day apart.
pub fn date_compatible(gold: Option<&str>, system: &Value) -> bool {
    let Some(gold) = gold else { return true };
    let value = if system.is_object() {
        get(system, "value")
    } else {
        system
    };
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

/// Every occurrence of `needle` in `text`, overlapping ones included, as
/// character ranges. An empty needle occurs nowhere.
pub fn spans_of(text: &str, needle: &str) -> Vec<(i128, i128)> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let n = needle.chars().count() as i128;
    let (mut byte, mut chars) = (0usize, 0i128);
    while let Some(rel) = text[byte..].find(needle) {
        chars += text[byte..byte + rel].chars().count() as i128;
        byte += rel;
        out.push((chars, chars + n));
        // Continue one character further on.
        let step = text[byte..].chars().next().map_or(1, char::len_utf8);
        byte += step;
        chars += 1;
    }
    out
}

fn overlaps(a: (i128, i128), b: (i128, i128)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The `span` of a system item when it is a pair of integers.
fn sys_span(item: &Value) -> Option<(i128, i128)> {
    let sp = item.get("span")?.as_array()?;
    if sp.len() != 2 {
        return None;
    }
    let int = |v: &Value| match v {
        Value::Bool(b) => Some(i128::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from)),
        _ => None,
    };
    Some((int(&sp[0])?, int(&sp[1])?))
}

/// Distinct items in first-seen order (Python's `dict.fromkeys`).
fn distinct<T: PartialEq + Clone>(xs: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for x in xs {
        if !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// tp, fp, fn of a set comparison. Optional keys absorb system items without
/// reward; forbidden ones are always false positives.
pub fn match_set<T: PartialEq + Clone>(
    gold: &[T],
    system: &[T],
    optional: &[T],
    forbidden: &[T],
) -> (u64, u64, u64) {
    let gold = distinct(gold);
    let mut found: Vec<T> = Vec::new();
    let mut fp = 0;
    for k in distinct(system) {
        if forbidden.contains(&k) {
            fp += 1;
        } else if gold.contains(&k) {
            if !found.contains(&k) {
                found.push(k);
            }
        } else if !optional.contains(&k) {
            fp += 1;
        }
    }
    (found.len() as u64, fp, (gold.len() - found.len()) as u64)
}

struct Scorer<'a> {
    tallies: [Tally; Part::ALL.len()],
    notes: Vec<Note>,
    doc: &'a str,
}

impl Scorer<'_> {
    fn add(&mut self, part: Part, tp: u64, fp: u64, fn_: u64) {
        let t = &mut self.tallies[part as usize];
        t.tp += tp;
        t.fp += fp;
        t.fn_ += fn_;
    }
    fn hit(&mut self, part: Part, ok: bool) {
        self.add(part, u64::from(ok), 0, u64::from(!ok));
    }
    fn note(&mut self, verbose: bool, text: String) {
        self.notes.push(Note {
            doc: self.doc.to_string(),
            text: format!("{}: {text}", self.doc),
            verbose,
        });
    }
}

/// Scores system records against gold records; `docs` holds the original
/// texts the gold expressions are searched in.
pub fn score(gold: &[Gold], system: &System, docs: &Docs) -> Report {
    let mut sc = Scorer {
        tallies: Default::default(),
        notes: Vec::new(),
        doc: "",
    };
    let empty = Value::Object(Default::default());
    for g in gold {
        sc.doc = g.doc.as_str();
        let text = docs.get(&g.doc).map_or("", String::as_str);
        let s = match system.get(&g.doc) {
            Some(r) if r.get("error").is_none() => r,
            other => {
                let why = other
                    .filter(|r| truthy(r))
                    .map(|r| format!(" ({})", py_str(get(r, "error"))));
                sc.note(
                    false,
                    format!("no record from the system{}", why.unwrap_or_default()),
                );
                &empty
            }
        };
        score_doc(&mut sc, g, s, text);
    }
    Report::new(sc.tallies, sc.notes)
}

fn score_doc(sc: &mut Scorer, g: &Gold, s: &Value, text: &str) {
    cleaning(sc, g, s);
    title_outlet(sc, g, s);
    published(sc, g, s);
    let id_to_key: HashMap<String, String> = g
        .geonames_ids()
        .map(|(id, name)| (id, norm_place(name)))
        .collect();
    places(sc, g, s, &id_to_key);
    actors(sc, g, s);
    persons(sc, g, s);
    sources(sc, g, s);
    times(sc, g, s, text);
    quantities(sc, g, s, text);
    casualties(sc, g, s);
    events(sc, g, s, &id_to_key);
}

fn cleaning(sc: &mut Scorer, g: &Gold, s: &Value) {
    let body = norm_text(text(s, "body"));
    for needle in &g.body_must_contain {
        let ok = body.contains(&norm_text(needle));
        sc.hit(Part::Cleaning, ok);
        if !ok {
            sc.note(true, format!("body lost: {needle}"));
        }
    }
    for needle in &g.body_must_not_contain {
        let bad = body.contains(&norm_text(needle));
        sc.add(
            Part::Cleaning,
            u64::from(!body.is_empty() && !bad),
            u64::from(bad),
            u64::from(body.is_empty()),
        );
        if bad {
            sc.note(true, format!("body kept chrome: {needle}"));
        }
    }
}

fn title_outlet(sc: &mut Scorer, g: &Gold, s: &Value) {
    for (key, part, want) in [
        ("title", Part::Title, &g.title),
        ("outlet", Part::Outlet, &g.outlet),
    ] {
        let Some(want_raw) = want.as_deref().filter(|w| !w.is_empty()) else {
            continue;
        };
        let got = norm_text(text(s, key));
        let want = norm_text(want_raw);
        let ok = !got.is_empty() && (got.contains(&want) || want.contains(&got));
        sc.add(
            part,
            u64::from(ok),
            u64::from(!got.is_empty() && !ok),
            u64::from(!ok),
        );
        if !ok {
            sc.note(
                true,
                format!("{key} {} vs {}", py_repr(get(s, key)), str_repr(want_raw)),
            );
        }
    }
}

fn published(sc: &mut Scorer, g: &Gold, s: &Value) {
    let got = get(get(s, "published"), "value");
    if let Some(want) = &g.published {
        let ok = time_match(want, got);
        sc.add(
            Part::Published,
            u64::from(ok),
            u64::from(!got.is_null() && !ok),
            u64::from(!ok),
        );
        if !ok {
            sc.note(
                true,
                format!("published {} vs {}", py_repr(got), py_repr(want)),
            );
        }
    } else if truthy(got) {
        sc.note(
            true,
            format!(
                "published {} where the gold has none (not counted)",
                py_repr(got)
            ),
        );
    }
}

/// The key of a place the system found: the gold key of its GeoNames id when
/// the gold has that id, else its normalized name.
fn place_key(p: &Value, id_to_key: &HashMap<String, String>) -> String {
    id_to_key
        .get(&py_str(get(p, "id")))
        .filter(|k| !k.is_empty())
        .cloned()
        .unwrap_or_else(|| norm_place(text(p, "name")))
}

fn places(sc: &mut Scorer, g: &Gold, s: &Value, id_to_key: &HashMap<String, String>) {
    let gold: Vec<String> = g.places.iter().map(|p| norm_place(&p.name)).collect();
    let sys: Vec<String> = items(s, "places")
        .iter()
        .map(|p| place_key(p, id_to_key))
        .collect();
    let optional: Vec<String> = g.optional_places.iter().map(|x| norm_place(x)).collect();
    let forbidden: Vec<String> = g.not_places.iter().map(|x| norm_place(x)).collect();
    let (tp, fp, fn_) = match_set(&gold, &sys, &optional, &forbidden);
    sc.add(Part::Places, tp, fp, fn_);
    if fp > 0 || fn_ > 0 {
        let gk: BTreeSet<&String> = gold.iter().collect();
        let sk: BTreeSet<&String> = sys.iter().collect();
        let missed: Vec<&String> = gk.difference(&sk).copied().collect();
        let extra: Vec<&String> = sk
            .iter()
            .filter(|k| !gk.contains(*k) && !optional.contains(k))
            .copied()
            .collect();
        sc.note(
            true,
            format!(
                "places missed {} extra {}",
                str_list_repr(&missed),
                str_list_repr(&extra)
            ),
        );
    }
}

fn actors(sc: &mut Scorer, g: &Gold, s: &Value) {
    let gold: Vec<Py> = g
        .actors
        .iter()
        .map(|a| Py(Value::String(a.clone())))
        .collect();
    let sys: Vec<Py> = items(s, "actors")
        .iter()
        .map(|a| Py(get(a, "id").clone()))
        .collect();
    let (tp, fp, fn_) = match_set(&gold, &sys, &[], &[]);
    sc.add(Part::Actors, tp, fp, fn_);
    if fp > 0 || fn_ > 0 {
        let sys_ids: Vec<Value> = sys.into_iter().map(|p| p.0).collect();
        sc.note(
            true,
            format!(
                "actors gold {} system {}",
                py_str(get(&g.raw, "actors")),
                list_repr(sys_ids.iter())
            ),
        );
    }
}

fn persons(sc: &mut Scorer, g: &Gold, s: &Value) {
    let sys: Vec<String> = items(s, "persons")
        .iter()
        .map(|p| norm_person(text(p, "name")))
        .collect();
    let mut used: HashSet<usize> = HashSet::new();
    for aliases in &g.persons {
        let keys: HashSet<String> = aliases.iter().map(|a| norm_person(a)).collect();
        let hits: Vec<usize> = (0..sys.len()).filter(|&i| keys.contains(&sys[i])).collect();
        sc.hit(Part::Persons, !hits.is_empty());
        used.extend(hits);
    }
    let extra: Vec<&String> = (0..sys.len())
        .filter(|i| !used.contains(i))
        .map(|i| &sys[i])
        .collect();
    let distinct: HashSet<&&String> = extra.iter().collect();
    sc.add(Part::Persons, 0, distinct.len() as u64, 0);
    if !extra.is_empty() {
        sc.note(true, format!("persons extra {}", str_list_repr(&extra)));
    }
}

fn sources(sc: &mut Scorer, g: &Gold, s: &Value) {
    let sys: Vec<String> = items(s, "sources")
        .iter()
        .map(|x| norm_text(text(x, "name")))
        .collect();
    let optional: Vec<String> = g.optional_sources.iter().map(|x| norm_text(x)).collect();
    let mut used: HashSet<usize> = HashSet::new();
    for want in &g.sources {
        let w = norm_text(want);
        let hits: Vec<usize> = (0..sys.len())
            .filter(|&i| !sys[i].is_empty() && (sys[i].contains(&w) || w.contains(&sys[i])))
            .collect();
        sc.hit(Part::Sources, !hits.is_empty());
        used.extend(hits);
    }
    for (i, k) in sys.iter().enumerate() {
        if !used.contains(&i)
            && !optional
                .iter()
                .any(|o| !k.is_empty() && (k.contains(o) || o.contains(k)))
        {
            sc.add(Part::Sources, 0, 1, 0);
        }
    }
}

fn times(sc: &mut Scorer, g: &Gold, s: &Value, doc_text: &str) {
    let optional: Vec<(i128, i128)> = g
        .optional_times
        .iter()
        .flat_map(|x| spans_of(doc_text, x))
        .collect();
    let sys: Vec<(&Value, (i128, i128))> = items(s, "times")
        .iter()
        .filter_map(|t| sys_span(t).map(|sp| (t, sp)))
        .collect();
    let mut claimed: HashSet<usize> = HashSet::new();
    for t in &g.times {
        let spans = spans_of(doc_text, &t.text);
        let hits: Vec<usize> = (0..sys.len())
            .filter(|&i| spans.iter().any(|gs| overlaps(sys[i].1, *gs)))
            .collect();
        sc.hit(Part::TimesFound, !hits.is_empty());
        claimed.extend(hits.iter().copied());
        if let Some(value) = &t.value {
            let want = Value::String(value.clone());
            let ok = hits
                .iter()
                .any(|&i| time_match(&want, get(sys[i].0, "value")));
            sc.hit(Part::TimesResolved, ok);
            if !ok {
                let got: Vec<Value> = hits
                    .iter()
                    .map(|&i| get(sys[i].0, "value").clone())
                    .collect();
                sc.note(
                    true,
                    format!(
                        "time {} -> {} want {value}",
                        str_repr(&t.text),
                        list_repr(got.iter())
                    ),
                );
            }
        }
    }
    for (i, (t, sp)) in sys.iter().enumerate() {
        if !claimed.contains(&i) && !optional.iter().any(|o| overlaps(*sp, *o)) {
            sc.add(Part::TimesFound, 0, 1, 0);
            sc.note(true, format!("extra time {}", py_repr(get(t, "text"))));
        }
    }
}

fn quantities(sc: &mut Scorer, g: &Gold, s: &Value, doc_text: &str) {
    let gold: Vec<(&crate::gold::GoldQuantity, Vec<(i128, i128)>)> = g
        .quantities
        .iter()
        .map(|q| (q, spans_of(doc_text, &q.text)))
        .collect();
    let optional: Vec<(i128, i128)> = g
        .optional_quantities
        .iter()
        .flat_map(|x| spans_of(doc_text, x))
        .collect();
    let sys: Vec<(&Value, (i128, i128))> = items(s, "quantities")
        .iter()
        .filter_map(|q| sys_span(q).map(|sp| (q, sp)))
        .collect();
    let mut claimed: HashSet<usize> = HashSet::new();
    for (q, spans) in &gold {
        let hit = (0..sys.len()).find(|&i| {
            !claimed.contains(&i)
                && spans.iter().any(|gs| overlaps(sys[i].1, *gs))
                && py_eq(get(sys[i].0, "best"), &q.best)
        });
        sc.hit(Part::Quantities, hit.is_some());
        match hit {
            Some(i) => {
                claimed.insert(i);
            }
            None => sc.note(
                true,
                format!("quantity missed {}={}", str_repr(&q.text), py_str(&q.best)),
            ),
        }
    }
    for (i, (q, sp)) in sys.iter().enumerate() {
        if !claimed.contains(&i)
            && !optional.iter().any(|o| overlaps(*sp, *o))
            && !gold
                .iter()
                .any(|(_, spans)| spans.iter().any(|gs| overlaps(*sp, *gs)))
        {
            sc.add(Part::Quantities, 0, 1, 0);
            sc.note(true, format!("extra quantity {}", py_repr(get(q, "text"))));
        }
    }
}

type CKey = [Py; 3];

fn gold_ckey(c: &GoldCasualty) -> CKey {
    [Py(c.group.clone()), Py(c.kind.clone()), Py(c.best.clone())]
}

fn ckey_repr(k: &CKey) -> String {
    tuple_repr(&[&k[0].0, &k[1].0, &k[2].0])
}

fn casualties(sc: &mut Scorer, g: &Gold, s: &Value) {
    let mut pool: Vec<CKey> = items(s, "casualties")
        .iter()
        .map(|c| {
            [
                Py(get(c, "group").clone()),
                Py(get(c, "kind").clone()),
                Py(get(c, "best").clone()),
            ]
        })
        .collect();
    for c in &g.casualties {
        let k = gold_ckey(c);
        if let Some(j) = pool.iter().position(|p| *p == k) {
            pool.remove(j);
            sc.add(Part::Casualties, 1, 0, 0);
        } else {
            sc.add(Part::Casualties, 0, 0, 1);
            sc.note(true, format!("casualty missed {}", ckey_repr(&k)));
        }
    }
    let mut optional: Vec<CKey> = g.optional_casualties.iter().map(gold_ckey).collect();
    for k in &pool {
        let loose: CKey = [k[0].clone(), k[1].clone(), Py(Value::Null)];
        if let Some(j) = optional.iter().position(|o| o == k) {
            optional.remove(j);
        } else if !optional.contains(&loose) {
            sc.add(Part::Casualties, 0, 1, 0);
            sc.note(true, format!("extra casualty {}", ckey_repr(k)));
        }
    }
}

fn event_match(ge: &GoldEvent, se: &Value, id_to_key: &HashMap<String, String>) -> bool {
    let kind = get(se, "type");
    if !ge
        .types
        .iter()
        .any(|t| py_eq(kind, &Value::String(t.clone())))
    {
        return false;
    }
    if !date_compatible(ge.date.as_deref(), get(se, "date")) {
        return false;
    }
    if ge.places.is_empty() {
        return true;
    }
    let want: HashSet<String> = ge.places.iter().map(|p| norm_place(p)).collect();
    items(se, "places")
        .iter()
        .any(|p| want.contains(&place_key(p, id_to_key)))
}

fn first_type(ge: &GoldEvent) -> String {
    match get(&ge.raw, "type") {
        Value::Array(a) => a.first().map(py_str).unwrap_or_default(),
        Value::String(s) => s.chars().next().map(String::from).unwrap_or_default(),
        _ => ge.types.first().cloned().unwrap_or_default(),
    }
}

fn events(sc: &mut Scorer, g: &Gold, s: &Value, id_to_key: &HashMap<String, String>) {
    let sys = items(s, "events");
    let mut free: Vec<usize> = (0..sys.len()).collect();
    for ge in &g.events {
        let hit = free
            .iter()
            .copied()
            .find(|&i| event_match(ge, &sys[i], id_to_key));
        sc.hit(Part::Events, hit.is_some());
        let Some(i) = hit else {
            sc.note(
                true,
                format!(
                    "event missed {} {} {}",
                    first_type(ge),
                    py_str(get(&ge.raw, "date")),
                    py_str(get(&ge.raw, "places"))
                ),
            );
            continue;
        };
        free.retain(|&j| j != i);
        let mut roles: Vec<(Py, Vec<Py>)> = Vec::new();
        for a in items(&sys[i], "actors") {
            let role = Py(get(a, "role").clone());
            let id = Py(get(a, "id").clone());
            match roles.iter_mut().find(|(r, _)| *r == role) {
                Some((_, ids)) => ids.push(id),
                None => roles.push((role, vec![id])),
            }
        }
        for (role, ids) in &ge.actors {
            let role = Py(Value::String(role.clone()));
            let got = roles
                .iter()
                .find(|(r, _)| *r == role)
                .map(|(_, ids)| ids.as_slice())
                .unwrap_or(&[]);
            let ok = ids
                .iter()
                .any(|id| got.contains(&Py(Value::String(id.clone()))));
            sc.hit(Part::EventActors, ok);
        }
    }
    for ge in &g.optional_events {
        if let Some(i) = free
            .iter()
            .copied()
            .find(|&i| event_match(ge, &sys[i], id_to_key))
        {
            free.retain(|&j| j != i);
        }
    }
    sc.add(Part::Events, 0, free.len() as u64, 0);
    for &i in &free {
        let se = &sys[i];
        let date = get(get(se, "date"), "value");
        let names: Vec<Value> = items(se, "places")
            .iter()
            .map(|p| get(p, "name").clone())
            .collect();
        sc.note(
            true,
            format!(
                "extra event {} {} {}",
                py_str(get(se, "type")),
                py_str(date),
                list_repr(names.iter())
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn time_match_table() {
        let cases = [
            (json!("2018-10"), json!("2018-10-13"), true),
            (json!("2018-10-13"), json!("2018-10"), false),
            (json!("2017-12-04T16:40"), json!("2017-12-04"), true),
            (json!("2017-12-04T16:40"), json!("2017-12"), false),
            (json!(null), json!(null), true),
            (json!(null), json!("2018"), false),
            (json!("2018"), json!(null), false),
        ];
        for (g, s, want) in cases {
            assert_eq!(time_match(&g, &s), want, "{g} {s}");
        }
    }

    #[test]
    fn date_compatible_table() {
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

    #[test]
    fn spans_are_characters_and_overlap() {
        assert_eq!(spans_of("أمس أمس", "أمس"), vec![(0, 3), (4, 7)]);
        assert_eq!(spans_of("aaa", "aa"), vec![(0, 2), (1, 3)]);
        assert!(spans_of("abc", "").is_empty());
        assert!(spans_of("", "x").is_empty());
    }

    #[test]
    fn match_set_counts() {
        let s = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            match_set(
                &s(&["a", "b", "a"]),
                &s(&["a", "c", "d", "d", "x"]),
                &s(&["c"]),
                &s(&["x"])
            ),
            (1, 2, 1)
        );
        assert_eq!(match_set::<String>(&[], &[], &[], &[]), (0, 0, 0));
    }
}
