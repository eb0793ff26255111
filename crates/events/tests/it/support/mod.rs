//! Builds the inputs of `rasad_events::extract` by hand: a text and lists of
//! (surface form, value) for the facts the earlier stages would have found.

use rasad_record::{
    Actor, Basis, Calendar, Document, Entity, Precision, Quantity, Span, Time, TimeMention, Unit,
};
use rasad_text::Analysis;

/// Every char offset at which `needle` occurs in `text`.
pub fn find_all(text: &str, needle: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(b) = text[from..].find(needle) {
        let at = from + b;
        let s = text[..at].chars().count();
        out.push(Span::new(s, s + needle.chars().count()));
        from = at + needle.len();
    }
    out
}

/// Hand-made inputs.
#[derive(Default)]
pub struct Inputs<'a> {
    /// (surface, actor code)
    pub actors: &'a [(&'a str, &'a str)],
    /// (surface, canonical name)
    pub places: &'a [(&'a str, &'a str)],
    /// (surface, TIMEX value)
    pub times: &'a [(&'a str, &'a str)],
    /// (surface, best); a best of -1 is a vague count (best null)
    pub quants: &'a [(&'a str, f64)],
    /// (surface, source name)
    pub sources: &'a [(&'a str, &'a str)],
    pub published: Option<&'a str>,
}

fn time(v: &str) -> Time {
    Time {
        value: Some(v.to_string()),
        precision: if v.len() >= 10 {
            Precision::Day
        } else {
            Precision::Month
        },
        calendar: Calendar::Gregorian,
        basis: Basis::Explicit,
    }
}

/// The analysis and the document for `text` with `inp`.
pub fn build(text: &str, inp: &Inputs) -> (Analysis, Document) {
    let a = Analysis::new(text, vec![]);
    let mut doc = Document::empty("t");
    doc.body = text.to_string();
    doc.published = inp.published.map(time);
    for (surface, id) in inp.actors {
        let spans = find_all(text, surface);
        match doc.actors.iter_mut().find(|x| x.id == *id) {
            Some(x) => {
                x.spans.extend(spans);
                x.spans.sort();
                x.terms.push(surface.to_string());
            }
            None => doc.actors.push(Actor {
                name: id.to_string(),
                id: id.to_string(),
                spans,
                terms: vec![surface.to_string()],
            }),
        }
    }
    for (surface, name) in inp.places {
        let spans = find_all(text, surface);
        match doc.places.iter_mut().find(|x| x.name == *name) {
            Some(x) => x.spans.extend(spans),
            None => doc.places.push(Entity::new(*name, None, spans)),
        }
    }
    for (surface, name) in inp.sources {
        doc.sources.push(Entity::new(
            *name,
            Some(name.to_string()),
            find_all(text, surface),
        ));
    }
    for (surface, v) in inp.times {
        for sp in find_all(text, surface) {
            doc.times.push(TimeMention {
                time: time(v),
                text: surface.to_string(),
                span: sp,
                end: None,
            });
        }
    }
    for (surface, best) in inp.quants {
        for sp in find_all(text, surface) {
            let b = (*best >= 0.0).then_some(*best);
            doc.quantities.push(Quantity {
                text: surface.to_string(),
                span: sp,
                low: b,
                best: b,
                high: b,
                approximate: false,
                unit: Some(Unit::People),
            });
        }
    }
    (a, doc)
}

/// The events `rasad_events::extract` reads from `text` with these inputs.
pub fn events(text: &str, inp: &Inputs) -> Vec<rasad_record::Event> {
    let (a, doc) = build(text, inp);
    rasad_events::extract(&a, &doc).1
}

/// The outlet the attribution tests publish under.
pub const OUTLET: &str = "الوكالة";

/// The casualty claims read from `text` published by [`OUTLET`] (what a
/// claim no one else is cited for is attributed to).
pub fn outlet_claims(text: &str, inp: &Inputs) -> Vec<rasad_record::Casualty> {
    let (a, mut doc) = build(text, inp);
    doc.outlet = Some(OUTLET.into());
    rasad_events::extract(&a, &doc).0
}

/// The casualty claims as (side, kind, best count).
pub fn claims(
    text: &str,
    inp: &Inputs,
) -> Vec<(Option<String>, rasad_record::CasualtyKind, Option<f64>)> {
    let (a, doc) = build(text, inp);
    let (cs, _) = rasad_events::extract(&a, &doc);
    cs.into_iter().map(|c| (c.group, c.kind, c.best)).collect()
}

/// The actor codes of an event in one role.
pub fn role(e: &rasad_record::Event, r: rasad_record::Role) -> Vec<&str> {
    e.actors
        .iter()
        .filter(|a| a.role == r)
        .map(|a| a.id.as_str())
        .collect()
}
