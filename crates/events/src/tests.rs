//! What the unit tests share: a document built by hand (the text, and the
//! actor mentions and counts the earlier stages would find), and rows for
//! [`crate::extract`].

use rasad_record::{Actor, Document, Quantity, Role, Span, Unit};
use rasad_text::Analysis;

/// Every char span at which `needle` occurs in `text`.
fn find_all(text: &str, needle: &str) -> Vec<Span> {
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

/// The analysis and document of `text` with actor mentions (surface, code)
/// and counts of people (surface, value).
pub(crate) fn document(
    text: &str,
    actors: &[(&str, &str)],
    quants: &[(&str, f64)],
) -> (Analysis, Document) {
    let a = Analysis::new(text, vec![]);
    let mut doc = Document::empty("t");
    doc.body = text.to_string();
    for (surface, id) in actors {
        let spans = find_all(text, surface);
        match doc.actors.iter_mut().find(|x| x.id == *id) {
            Some(x) => {
                x.spans.extend(spans);
                x.spans.sort();
            }
            None => doc.actors.push(Actor {
                name: id.to_string(),
                id: id.to_string(),
                spans,
                terms: vec![surface.to_string()],
            }),
        }
    }
    for (surface, best) in quants {
        for span in find_all(text, surface) {
            doc.quantities.push(Quantity {
                text: surface.to_string(),
                span,
                low: Some(*best),
                best: Some(*best),
                high: Some(*best),
                approximate: false,
                unit: Some(Unit::People),
            });
        }
    }
    (a, doc)
}

/// `قصفت طائرات مجهولة …`: unidentified aircraft are the perpetrator
/// (`UNKNOWN`); aircraft named after a side are not. (`طائر` was compared
/// with the key text un-normalized, where it reads `طاير`, and never
/// matched: only `طيران مجهول` was read.)
#[test]
fn unidentified_perpetrators() {
    type Row = (
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static [&'static str],
    );
    let rows: &[Row] = &[
        // a battle is given no perpetrator by default: this one is read
        (
            "هاجمت طائرات مجهولة مواقع قوات الجبهة.",
            &[("قوات الجبهة", "FRONT")],
            &["UNKNOWN"],
        ),
        ("قصف طيران مجهول رتلا قرب القرية.", &[], &["UNKNOWN"]),
        ("اختطف مجهولون طبيبا من عيادته.", &[], &["UNKNOWN"]),
        // a place of unknown whereabouts is no perpetrator
        ("اعتقل الطبيب ونقل إلى جهة مجهولة.", &[], &[]),
    ];
    for (text, actors, want) in rows {
        let (a, doc) = document(text, actors, &[]);
        let (_, events) = crate::extract(&a, &doc);
        let got: Vec<&str> = events
            .iter()
            .flat_map(|e| &e.actors)
            .filter(|x| x.role == Role::Actor1)
            .map(|x| x.id.as_str())
            .collect();
        assert_eq!(got, *want, "{text}");
    }
}
