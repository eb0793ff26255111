//! The comparison itself: each part's matching rule, as in `shared/tools/score`.
//! Casualty claims and events, which are paired one to one, have modules of
//! their own.

mod casualties;
mod events;
mod places;

use crate::gold::Gold;
use crate::input::{Docs, System};
use crate::normalize::{norm_person, norm_place, norm_text};
use crate::py::{list_repr, py_eq, py_repr, py_str, str_list_repr, str_repr, truthy};
use crate::report::{Note, Part, Report, Tally};
use crate::sources::source_match;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};

pub use events::date_compatible;
pub use places::{governorate_only_usage, Level};

/// A span in characters.
type Span = (i128, i128);

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

/// The `value` of a Time object, or the value itself when it is not one.
fn time_value(t: &Value) -> &Value {
    if t.is_object() {
        get(t, "value")
    } else {
        t
    }
}

/// Every occurrence of `needle` in `text`, overlapping ones included, as
/// character ranges. An empty needle occurs nowhere.
pub fn spans_of(text: &str, needle: &str) -> Vec<Span> {
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

fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The `span` of a system item when it is a pair of integers.
fn sys_span(item: &Value) -> Option<Span> {
    as_span(item.get("span")?)
}

/// A pair of integers (booleans count, as in Python) as a span.
fn as_span(v: &Value) -> Option<Span> {
    let sp = v.as_array()?;
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
    casualties::casualties(sc, g, s, text);
    events::events(sc, g, s, text, &id_to_key);
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
    if let Some(want) = g.title.as_deref().filter(|w| !w.is_empty()) {
        let ok = contains_either(text(s, "title"), want);
        let got = !norm_text(text(s, "title")).is_empty();
        sc.add(
            Part::Title,
            u64::from(ok),
            u64::from(got && !ok),
            u64::from(!ok),
        );
        if !ok {
            let note = format!("title {} vs {}", py_repr(get(s, "title")), str_repr(want));
            sc.note(true, note);
        }
    }
    if g.outlet_scored {
        outlet(sc, g, s);
    }
}

/// Both texts non-empty once normalized, one inside the other.
fn contains_either(got: &str, want: &str) -> bool {
    let (got, want) = (norm_text(got), norm_text(want));
    !got.is_empty() && (got.contains(&want) || want.contains(&got))
}

/// The outlet, wherever the gold has the key: a system outlet where the gold
/// says null is an extra (null against null counts for nothing).
fn outlet(sc: &mut Scorer, g: &Gold, s: &Value) {
    let want = g.outlet.as_deref().unwrap_or("");
    let got = !norm_text(text(s, "outlet")).is_empty();
    let ok = if norm_text(want).is_empty() {
        sc.add(Part::Outlet, 0, u64::from(got), 0);
        !got
    } else {
        let ok = contains_either(text(s, "outlet"), want);
        sc.add(
            Part::Outlet,
            u64::from(ok),
            u64::from(got && !ok),
            u64::from(!ok),
        );
        ok
    };
    if !ok {
        let want = g.outlet.as_deref().map_or("None".into(), str_repr);
        sc.note(
            true,
            format!("outlet {} vs {want}", py_repr(get(s, "outlet"))),
        );
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
    let sys: Vec<&str> = items(s, "sources")
        .iter()
        .map(|x| text(x, "name"))
        .collect();
    let mut used: HashSet<usize> = HashSet::new();
    for want in &g.sources {
        let hits: Vec<usize> = (0..sys.len())
            .filter(|&i| source_match(want, sys[i]))
            .collect();
        sc.hit(Part::Sources, !hits.is_empty());
        if hits.is_empty() {
            sc.note(true, format!("source missed {}", str_repr(want)));
        }
        used.extend(hits);
    }
    for (i, k) in sys.iter().enumerate() {
        if !used.contains(&i) && !g.optional_sources.iter().any(|o| source_match(o, k)) {
            sc.add(Part::Sources, 0, 1, 0);
            sc.note(true, format!("extra source {}", str_repr(k)));
        }
    }
}

fn times(sc: &mut Scorer, g: &Gold, s: &Value, doc_text: &str) {
    let optional: Vec<Span> = g
        .optional_times
        .iter()
        .flat_map(|x| spans_of(doc_text, x))
        .collect();
    let sys: Vec<(&Value, Span)> = items(s, "times")
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
    let gold: Vec<(&crate::gold::GoldQuantity, Vec<Span>)> = g
        .quantities
        .iter()
        .map(|q| (q, spans_of(doc_text, &q.text)))
        .collect();
    let optional: Vec<Span> = g
        .optional_quantities
        .iter()
        .flat_map(|x| spans_of(doc_text, x))
        .collect();
    let sys: Vec<(&Value, Span)> = items(s, "quantities")
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
