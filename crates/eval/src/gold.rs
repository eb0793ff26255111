//! Gold records: reading and validating the hand-made answers the scorer
//! compares against (format: `docs/gold-format.md`).
//!
//! Validation is strict about shapes (a place needs a `name`, a time needs a
//! `text` and a `value`) so that a typo in a user's annotation is reported
//! with its line and field instead of silently changing the scores. A field
//! that is absent or `null` counts as empty.

use crate::py::{py_str, truthy};
use serde_json::{Map, Value};
use std::path::Path;

/// Why gold records could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A line is not JSON, or a field has the wrong shape.
    #[error("{origin}:{line}: {message}")]
    Invalid {
        origin: String,
        line: usize,
        message: String,
    },
}

/// A gold place: a name and, optionally, its GeoNames id.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldPlace {
    pub name: String,
    /// The `geonames` field as written (a number or a string), when truthy.
    pub geonames: Option<Value>,
}

/// A gold time expression: the text as written in the document, and its
/// value (null: found but not resolvable).
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTime {
    pub text: String,
    pub value: Option<String>,
}

/// A gold quantity: the text as written and its best value.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldQuantity {
    pub text: String,
    /// A number, or null.
    pub best: Value,
}

/// A gold casualty claim. The fields are kept as JSON values because they are
/// compared with Python's `==` (`18 == 18.0`); a missing field is null.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldCasualty {
    pub group: Value,
    pub kind: Value,
    pub best: Value,
    /// The words of the document the claim stands on; a system claim must
    /// lie on them (or in their sentence).
    pub text: Option<String>,
    /// Who the figure is attributed to: `None` when the key is absent (not
    /// scored), `Some(None)` for `null` (the outlet itself, or nobody).
    pub source: Option<Option<String>>,
}

/// A gold event.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldEvent {
    /// Acceptable ACLED event types (any one matches).
    pub types: Vec<String>,
    /// TIMEX value, or None for "any date".
    pub date: Option<String>,
    /// Acceptable places (any one matches); empty means any place.
    pub places: Vec<String>,
    /// Role (`actor1`, `actor2`, `associated`) to acceptable actor codes, in
    /// the order written.
    pub actors: Vec<(String, Vec<String>)>,
    pub fatalities: Vec<GoldCasualty>,
    /// Free-text description (optional events).
    pub what: Option<String>,
    /// The event object as written, for the notes.
    pub raw: Value,
}

/// One gold record: the expected extraction for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    /// Document id (file stem, or JSON line `id`).
    pub doc: String,
    /// Line of the gold file it was read from (1-based).
    pub line: usize,
    /// The collection date the annotation assumes (`YYYY-MM-DD`).
    pub reference_date: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// True when the record has the `outlet` key (null included): the outlet
    /// is then scored, a system outlet against a null one being an extra.
    pub outlet_scored: bool,
    /// `published.value` when `published` is a non-empty object; `Some(Null)`
    /// for a published date known not to be resolvable.
    pub published: Option<Value>,
    pub body_must_contain: Vec<String>,
    pub body_must_not_contain: Vec<String>,
    pub places: Vec<GoldPlace>,
    pub optional_places: Vec<String>,
    pub not_places: Vec<String>,
    pub actors: Vec<String>,
    pub persons: Vec<Vec<String>>,
    pub sources: Vec<String>,
    pub optional_sources: Vec<String>,
    pub times: Vec<GoldTime>,
    pub optional_times: Vec<String>,
    pub quantities: Vec<GoldQuantity>,
    pub optional_quantities: Vec<String>,
    pub casualties: Vec<GoldCasualty>,
    pub optional_casualties: Vec<GoldCasualty>,
    pub events: Vec<GoldEvent>,
    pub optional_events: Vec<GoldEvent>,
    /// The record as written, for the notes.
    pub raw: Value,
}

/// Reads a gold file (JSON lines; blank lines are skipped).
pub fn load_gold(path: impl AsRef<Path>) -> Result<Vec<Gold>, GoldError> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|source| GoldError::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse_gold(&text, &path.display().to_string())
}

/// Parses gold records from JSON-lines text; `origin` names it in errors.
pub fn parse_gold(text: &str, origin: &str) -> Result<Vec<Gold>, GoldError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fail = |message: String| GoldError::Invalid {
            origin: origin.to_string(),
            line: i + 1,
            message,
        };
        let value: Value =
            serde_json::from_str(line).map_err(|e| fail(format!("not JSON: {e}")))?;
        out.push(Gold::from_value(value, i + 1).map_err(fail)?);
    }
    Ok(out)
}

type Res<T> = Result<T, String>;

fn field<'a>(o: &'a Map<String, Value>, key: &str) -> &'a Value {
    o.get(key).unwrap_or(&Value::Null)
}

fn object<'a>(v: &'a Value, at: &str) -> Res<&'a Map<String, Value>> {
    v.as_object()
        .ok_or_else(|| format!("{at}: expected an object, found {}", kind(v)))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn string(v: &Value, at: &str) -> Res<String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("{at}: expected a string, found {}", kind(v)))
}

fn opt_string(v: &Value, at: &str) -> Res<Option<String>> {
    if v.is_null() {
        Ok(None)
    } else {
        string(v, at).map(Some)
    }
}

fn number_or_null(v: &Value, at: &str) -> Res<Value> {
    match v {
        Value::Null | Value::Number(_) => Ok(v.clone()),
        _ => Err(format!(
            "{at}: expected a number or null, found {}",
            kind(v)
        )),
    }
}

fn list<'a>(v: &'a Value, at: &str) -> Res<&'a [Value]> {
    match v {
        Value::Null => Ok(&[]),
        Value::Array(a) => Ok(a),
        _ => Err(format!("{at}: expected a list, found {}", kind(v))),
    }
}

fn strings(v: &Value, at: &str) -> Res<Vec<String>> {
    list(v, at)?
        .iter()
        .enumerate()
        .map(|(i, x)| string(x, &format!("{at}[{i}]")))
        .collect()
}

fn casualty(v: &Value, at: &str) -> Res<GoldCasualty> {
    let o = object(v, at)?;
    for key in ["group", "kind"] {
        let x = field(o, key);
        if !x.is_null() && !x.is_string() {
            return Err(format!("{at}.{key}: expected a string, found {}", kind(x)));
        }
    }
    let source = match o.get("source") {
        None => None,
        Some(v) => Some(opt_string(v, &format!("{at}.source"))?),
    };
    Ok(GoldCasualty {
        group: field(o, "group").clone(),
        kind: field(o, "kind").clone(),
        best: number_or_null(field(o, "best"), &format!("{at}.best"))?,
        text: opt_string(field(o, "text"), &format!("{at}.text"))?,
        source,
    })
}

fn casualties(v: &Value, at: &str) -> Res<Vec<GoldCasualty>> {
    list(v, at)?
        .iter()
        .enumerate()
        .map(|(i, x)| casualty(x, &format!("{at}[{i}]")))
        .collect()
}

fn event(v: &Value, at: &str) -> Res<GoldEvent> {
    let o = object(v, at)?;
    let types = match field(o, "type") {
        Value::String(s) => vec![s.clone()],
        Value::Null => return Err(format!("{at}.type: missing (a list of ACLED event types)")),
        t => strings(t, &format!("{at}.type"))?,
    };
    if types.is_empty() {
        return Err(format!(
            "{at}.type: empty (give at least one ACLED event type)"
        ));
    }
    let actors = match field(o, "actors") {
        Value::Null => Vec::new(),
        Value::Object(m) => m
            .iter()
            .map(|(role, ids)| Ok((role.clone(), strings(ids, &format!("{at}.actors.{role}"))?)))
            .collect::<Res<Vec<_>>>()?,
        x => {
            return Err(format!(
                "{at}.actors: expected an object of role: [codes], found {}",
                kind(x)
            ))
        }
    };
    Ok(GoldEvent {
        types,
        date: opt_string(field(o, "date"), &format!("{at}.date"))?,
        places: strings(field(o, "places"), &format!("{at}.places"))?,
        actors,
        fatalities: casualties(field(o, "fatalities"), &format!("{at}.fatalities"))?,
        what: opt_string(field(o, "what"), &format!("{at}.what"))?,
        raw: v.clone(),
    })
}

fn events(v: &Value, at: &str) -> Res<Vec<GoldEvent>> {
    list(v, at)?
        .iter()
        .enumerate()
        .map(|(i, x)| event(x, &format!("{at}[{i}]")))
        .collect()
}

/// The `doc` field: a non-empty string.
fn doc_id(o: &Map<String, Value>) -> Res<String> {
    let out = match field(o, "doc") {
        Value::String(s) if !s.is_empty() => s.clone(),
        Value::Null => {
            return Err("doc: missing (the document id, its file name without extension)".into())
        }
        x => {
            return Err(format!(
                "doc: expected a non-empty string, found {}",
                kind(x)
            ))
        }
    };
    Ok(out)
}

/// The `published` field: its `value` (null included) when it is a non-empty object.
fn published_value(o: &Map<String, Value>) -> Res<Option<Value>> {
    let out = match field(o, "published") {
        Value::Null => None,
        Value::Object(p) if p.is_empty() => None,
        Value::Object(p) => match p.get("value") {
            Some(x @ (Value::Null | Value::String(_))) => Some(x.clone()),
            Some(x) => {
                return Err(format!(
                    "published.value: expected a string or null, found {}",
                    kind(x)
                ))
            }
            None => return Err("published: missing \"value\"".into()),
        },
        x => {
            return Err(format!(
                "published: expected an object with \"value\", found {}",
                kind(x)
            ))
        }
    };
    Ok(out)
}

/// The `places` field.
fn places(o: &Map<String, Value>) -> Res<Vec<GoldPlace>> {
    let out = list(field(o, "places"), "places")?
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let at = format!("places[{i}]");
            let po = object(p, &at)?;
            let name = string(field(po, "name"), &format!("{at}.name"))?;
            let g = field(po, "geonames");
            if !matches!(g, Value::Null | Value::Number(_) | Value::String(_)) {
                return Err(format!(
                    "{at}.geonames: expected a number, found {}",
                    kind(g)
                ));
            }
            Ok(GoldPlace {
                name,
                geonames: truthy(g).then(|| g.clone()),
            })
        })
        .collect::<Res<Vec<_>>>()?;
    Ok(out)
}

/// The `persons` field: lists of aliases.
fn persons(o: &Map<String, Value>) -> Res<Vec<Vec<String>>> {
    let out = list(field(o, "persons"), "persons")?
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let at = format!("persons[{i}]");
            if p.is_string() {
                return Err(format!(
                    "{at}: expected a list of aliases ([\"name\", \"kunya\"]), found a string"
                ));
            }
            strings(p, &at)
        })
        .collect::<Res<Vec<_>>>()?;
    Ok(out)
}

/// The `times` field: each with `text` and `value`.
fn times(o: &Map<String, Value>) -> Res<Vec<GoldTime>> {
    let out = list(field(o, "times"), "times")?
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let at = format!("times[{i}]");
            let to = object(t, &at)?;
            if !to.contains_key("value") {
                return Err(format!(
                    "{at}: missing \"value\" (write null when it cannot be resolved)"
                ));
            }
            Ok(GoldTime {
                text: string(field(to, "text"), &format!("{at}.text"))?,
                value: opt_string(field(to, "value"), &format!("{at}.value"))?,
            })
        })
        .collect::<Res<Vec<_>>>()?;
    Ok(out)
}

/// The `quantities` field: each with `text` and `best`.
fn quantities(o: &Map<String, Value>) -> Res<Vec<GoldQuantity>> {
    let out = list(field(o, "quantities"), "quantities")?
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let at = format!("quantities[{i}]");
            let qo = object(q, &at)?;
            if !qo.contains_key("best") {
                return Err(format!(
                    "{at}: missing \"best\" (write null when there is no single value)"
                ));
            }
            Ok(GoldQuantity {
                text: string(field(qo, "text"), &format!("{at}.text"))?,
                best: number_or_null(field(qo, "best"), &format!("{at}.best"))?,
            })
        })
        .collect::<Res<Vec<_>>>()?;
    Ok(out)
}

impl Gold {
    /// Validates one parsed gold record; the error names the offending field.
    pub fn from_value(v: Value, line: usize) -> Result<Gold, String> {
        let o = object(&v, "record")?;
        let doc = doc_id(o)?;
        let published = published_value(o)?;
        let places = places(o)?;
        let persons = persons(o)?;
        let times = times(o)?;
        let quantities = quantities(o)?;
        let reference_date = opt_string(field(o, "reference_date"), "reference_date")?;
        if let Some(d) = &reference_date {
            if crate::py::py_fromisoformat(d).is_none() || d.len() != 10 {
                return Err(format!("reference_date: {d:?} is not a YYYY-MM-DD date"));
            }
        }
        Ok(Gold {
            doc,
            line,
            reference_date,
            title: opt_string(field(o, "title"), "title")?,
            outlet: opt_string(field(o, "outlet"), "outlet")?,
            outlet_scored: o.contains_key("outlet"),
            published,
            body_must_contain: strings(field(o, "body_must_contain"), "body_must_contain")?,
            body_must_not_contain: strings(
                field(o, "body_must_not_contain"),
                "body_must_not_contain",
            )?,
            places,
            optional_places: strings(field(o, "optional_places"), "optional_places")?,
            not_places: strings(field(o, "not_places"), "not_places")?,
            actors: strings(field(o, "actors"), "actors")?,
            persons,
            sources: strings(field(o, "sources"), "sources")?,
            optional_sources: strings(field(o, "optional_sources"), "optional_sources")?,
            times,
            optional_times: strings(field(o, "optional_times"), "optional_times")?,
            quantities,
            optional_quantities: strings(field(o, "optional_quantities"), "optional_quantities")?,
            casualties: casualties(field(o, "casualties"), "casualties")?,
            optional_casualties: casualties(
                field(o, "optional_casualties"),
                "optional_casualties",
            )?,
            events: events(field(o, "events"), "events")?,
            optional_events: events(field(o, "optional_events"), "optional_events")?,
            raw: v.clone(),
        })
    }

    /// The `geonames:N` id of each gold place that has one, with its place key.
    pub fn geonames_ids(&self) -> impl Iterator<Item = (String, &str)> {
        self.places.iter().filter_map(|p| {
            p.geonames
                .as_ref()
                .map(|g| (format!("geonames:{}", py_str(g)), p.name.as_str()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse_gold(text, "g.jsonl").unwrap_err().to_string()
    }

    #[test]
    fn reads_a_minimal_record() {
        let g = parse_gold("\n{\"doc\": \"a\"}\n", "g.jsonl").unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].doc, "a");
        assert_eq!(g[0].line, 2);
        assert!(g[0].places.is_empty() && g[0].published.is_none());
    }

    #[test]
    fn null_lists_are_empty() {
        let g = parse_gold(
            r#"{"doc": "a", "optional_quantities": null, "events": null}"#,
            "g",
        )
        .unwrap();
        assert!(g[0].optional_quantities.is_empty() && g[0].events.is_empty());
    }

    #[test]
    fn errors_name_line_and_field() {
        assert_eq!(
            err("{\"doc\": \"a\"}\n{\"doc\": 3}"),
            "g.jsonl:2: doc: expected a non-empty string, found a number"
        );
        assert!(err("{\"doc\": \"a\", \"places\": [{\"nam\": \"x\"}]}")
            .contains("g.jsonl:1: places[0].name"));
        assert!(err("{\"doc\": \"a\", \"times\": [{\"text\": \"x\"}]}")
            .contains("times[0]: missing \"value\""));
        assert!(
            err("{\"doc\": \"a\", \"quantities\": [{\"text\": \"x\", \"best\": \"3\"}]}")
                .contains("quantities[0].best")
        );
        assert!(err("{\"doc\": \"a\", \"persons\": [\"x\"]}")
            .contains("persons[0]: expected a list of aliases"));
        assert!(
            err("{\"doc\": \"a\", \"events\": [{\"type\": []}]}").contains("events[0].type: empty")
        );
        assert!(err("{\"doc\": \"a\", \"events\": [{\"type\": [\"battles\"], \"actors\": {\"actor1\": \"ISIS\"}}]}")
            .contains("events[0].actors.actor1: expected a list"));
        assert!(err("{\"doc\": \"a\", \"published\": \"2018\"}")
            .contains("published: expected an object"));
        assert!(
            err("{\"doc\": \"a\", \"reference_date\": \"2018-13-01\"}").contains("reference_date")
        );
        assert!(err("{\"doc\": \"a\"\n").starts_with("g.jsonl:1: not JSON"));
        assert!(err("[1]").contains("record: expected an object"));
    }

    #[test]
    fn casualty_text_and_source() {
        let line = serde_json::json!({"doc": "a", "outlet": null, "casualties": [
            {"group": "CIVILIANS", "kind": "killed", "best": 3, "text": "ثلاثة مدنيين", "source": null},
            {"group": "CIVILIANS", "kind": "injured", "best": 5, "source": "المرصد"},
            {"group": "CIVILIANS", "kind": "killed", "best": 1}]});
        let g = parse_gold(&line.to_string(), "g").unwrap();
        let c = &g[0].casualties;
        assert_eq!(c[0].text.as_deref(), Some("ثلاثة مدنيين"));
        assert_eq!(c[0].source, Some(None));
        assert_eq!(c[1].source, Some(Some("المرصد".to_string())));
        assert_eq!((c[2].text.as_deref(), &c[2].source), (None, &None));
        assert!(g[0].outlet_scored && g[0].outlet.is_none());
        assert!(!parse_gold(r#"{"doc": "a"}"#, "g").unwrap()[0].outlet_scored);
        assert!(err(r#"{"doc": "a", "casualties": [{"source": 3}]}"#)
            .contains("casualties[0].source: expected a string"));
    }

    #[test]
    fn event_type_may_be_a_single_string() {
        let g = parse_gold(r#"{"doc": "a", "events": [{"type": "battles"}]}"#, "g").unwrap();
        assert_eq!(g[0].events[0].types, vec!["battles".to_string()]);
    }

    #[test]
    fn missing_file_is_an_error() {
        assert!(matches!(
            load_gold("/nonexistent/gold.jsonl"),
            Err(GoldError::Io { .. })
        ));
    }
}
