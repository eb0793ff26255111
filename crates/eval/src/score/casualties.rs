//! Casualty claims: paired one to one on group, kind and number, and where
//! the gold quotes the claim's `text`, on a system span lying on that text
//! (or in its sentence); then `casualty_sources`, who each paired figure is
//! attributed to.

use super::{as_span, get, items, overlaps, spans_of, Scorer, Span};
use crate::assign::best_assignment;
use crate::gold::{Gold, GoldCasualty};
use crate::normalize::is_py_space;
use crate::py::{float_repr, py_eq, py_repr, str_repr, truthy, tuple_repr};
use crate::report::Part;
use crate::sources::source_match;
use serde_json::Value;

/// A casualty number as the reference compares it: `float(best)` when that
/// works, else the value as written.
#[derive(Debug, Clone)]
enum Best {
    None,
    Float(f64),
    Other(Value),
}

/// (group, kind, number) of a claim.
#[derive(Debug, Clone)]
pub(super) struct CKey {
    group: Value,
    kind: Value,
    best: Best,
}

impl PartialEq for Best {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Best::None, Best::None) => true,
            (Best::Float(a), Best::Float(b)) => a == b,
            (Best::Other(a), Best::Other(b)) => py_eq(a, b),
            _ => false,
        }
    }
}

impl PartialEq for CKey {
    fn eq(&self, other: &Self) -> bool {
        self.same_group_kind(other) && self.best == other.best
    }
}

impl CKey {
    fn new(group: &Value, kind: &Value, best: &Value) -> CKey {
        let best = match best {
            Value::Null => Best::None,
            v => py_float(v).map_or_else(|| Best::Other(v.clone()), Best::Float),
        };
        CKey {
            group: group.clone(),
            kind: kind.clone(),
            best,
        }
    }

    /// The key of a gold claim.
    pub(super) fn gold(c: &GoldCasualty) -> CKey {
        CKey::new(&c.group, &c.kind, &c.best)
    }

    /// The key of a system claim.
    pub(super) fn system(c: &Value) -> CKey {
        CKey::new(get(c, "group"), get(c, "kind"), get(c, "best"))
    }

    fn same_group_kind(&self, other: &CKey) -> bool {
        py_eq(&self.group, &other.group) && py_eq(&self.kind, &other.kind)
    }

    /// `same_number`: both null, or both numbers and equal.
    fn same_number(&self, other: &CKey) -> bool {
        match (&self.best, &other.best) {
            (Best::None, Best::None) => true,
            (Best::Float(a), Best::Float(b)) => a == b,
            _ => false,
        }
    }

    /// Python's `repr` of the key tuple (`('ISIS', 'killed', 18.0)`).
    pub(super) fn repr(&self) -> String {
        let best = match &self.best {
            Best::None => "None".to_string(),
            Best::Float(x) => float_repr(*x),
            Best::Other(v) => py_repr(v),
        };
        let head = tuple_repr(&[&self.group, &self.kind]);
        format!("{}, {best})", &head[..head.len() - 1])
    }
}

/// Python's `float(v)` for a JSON value: numbers and booleans, and strings
/// written as numbers (surrounding spaces, `_` between digits and Arabic-Indic
/// digits allowed).
fn py_float(v: &Value) -> Option<f64> {
    match v {
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Number(n) => n.as_f64(),
        Value::String(s) => parse_float(s),
        _ => None,
    }
}

fn parse_float(s: &str) -> Option<f64> {
    let chars: Vec<char> = s.trim_matches(is_py_space).chars().collect();
    let mut out = String::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            let digit = |k: Option<&char>| k.is_some_and(|&d| ascii_digit(d).is_some());
            if !digit(i.checked_sub(1).and_then(|k| chars.get(k))) || !digit(chars.get(i + 1)) {
                return None;
            }
            continue;
        }
        out.push(ascii_digit(c).unwrap_or(c));
    }
    if out.contains(|c: char| !c.is_ascii()) {
        return None;
    }
    out.parse().ok()
}

/// A decimal digit of the scripts news is written in, as an ASCII digit.
fn ascii_digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => return Some(c),
        '\u{660}'..='\u{669}' => 0x660,
        '\u{6F0}'..='\u{6F9}' => 0x6F0,
        '\u{FF10}'..='\u{FF19}' => 0xFF10,
        _ => return None,
    };
    char::from_digit(c as u32 - zero, 10)
}

/// Character offsets where sentences start: 0, after `.!?؟` and the spaces
/// that follow, and after every run of newlines.
pub(super) fn sentence_starts(text: &str) -> Vec<i128> {
    let chars: Vec<char> = text.chars().collect();
    let mut starts = vec![0i128];
    let mut i = 0;
    while i < chars.len() {
        let after_stop = i > 0 && matches!(chars[i - 1], '.' | '!' | '?' | '؟');
        let end = if after_stop && is_py_space(chars[i]) {
            run_end(&chars, i, is_py_space)
        } else if chars[i] == '\n' {
            run_end(&chars, i, |c| c == '\n')
        } else {
            i += 1;
            continue;
        };
        starts.push(end as i128);
        i = end;
    }
    starts
}

fn run_end(chars: &[char], mut i: usize, pred: impl Fn(char) -> bool) -> usize {
    while i < chars.len() && pred(chars[i]) {
        i += 1;
    }
    i
}

/// What casualty scoring needs of one document.
struct Doc<'a> {
    text: &'a str,
    starts: Vec<i128>,
}

impl Doc<'_> {
    fn sentence(&self, pos: i128) -> isize {
        self.starts.partition_point(|&s| s <= pos) as isize - 1
    }

    /// 3: no gold text to check; 2: a system span on the text; 1: in its
    /// sentence; 0: elsewhere.
    fn locality(&self, gold_text: Option<&str>, sc: &Value) -> u8 {
        let occ = spans_of(self.text, gold_text.unwrap_or(""));
        if occ.is_empty() {
            return 3;
        }
        let spans = claim_spans(sc);
        if spans.iter().any(|&sp| occ.iter().any(|&o| overlaps(sp, o))) {
            return 2;
        }
        let same = |sp: Span, o: Span| self.sentence(sp.0) == self.sentence(o.0);
        u8::from(spans.iter().any(|&sp| occ.iter().any(|&o| same(sp, o))))
    }
}

/// The span of a system claim and the spans of its repeated mentions.
fn claim_spans(item: &Value) -> Vec<Span> {
    let mut out: Vec<Span> = as_span(get(item, "span")).into_iter().collect();
    out.extend(items(item, "mentions").iter().filter_map(as_span));
    out
}

/// Python's `repr` of a claim's span: `(3, 9)`, or `None`.
fn span_repr(item: &Value) -> String {
    match (as_span(get(item, "span")), get(item, "span").as_array()) {
        (Some(_), Some(sp)) => tuple_repr(&[&sp[0], &sp[1]]),
        _ => "None".into(),
    }
}

/// Scores the casualty claims and their attributions of one document.
pub(super) fn casualties(sc: &mut Scorer, g: &Gold, s: &Value, text: &str) {
    let doc = Doc {
        text,
        starts: sentence_starts(text),
    };
    for c in g.casualties.iter().chain(&g.optional_casualties) {
        if let Some(t) = c.text.as_deref().filter(|t| !t.is_empty()) {
            if spans_of(text, t).is_empty() {
                let note = format!(
                    "gold casualty text not in the document (not checked): {}",
                    str_repr(t)
                );
                sc.note(false, note);
            }
        }
    }
    let sys = items(s, "casualties");
    let pairs = pair_claims(&doc, &g.casualties, sys);
    sc.add(
        Part::Casualties,
        pairs.len() as u64,
        0,
        (g.casualties.len() - pairs.len()) as u64,
    );
    for (i, gc) in g.casualties.iter().enumerate() {
        if !pairs.iter().any(|&(gi, _)| gi == i) {
            let text = gc.text.as_deref().map_or("None".into(), str_repr);
            let note = format!("casualty missed {} {text}", CKey::gold(gc).repr());
            sc.note(true, note);
        }
    }
    attributions(sc, g, s, &pairs, sys);
    unpaired(sc, &doc, g, sys, &pairs);
}

/// The one-to-one pairing of gold and system claims: same key, and a system
/// span where the gold text is (better on it than in its sentence).
fn pair_claims(doc: &Doc, gold: &[GoldCasualty], sys: &[Value]) -> Vec<(usize, usize)> {
    let keys: Vec<CKey> = sys.iter().map(CKey::system).collect();
    let weights: Vec<Vec<i64>> = gold
        .iter()
        .map(|gc| {
            let gk = CKey::gold(gc);
            keys.iter()
                .zip(sys)
                .map(|(k, c)| match doc.locality(gc.text.as_deref(), c) {
                    loc if gk == *k && loc > 0 => 10 + i64::from(loc),
                    _ => 0,
                })
                .collect()
        })
        .collect();
    best_assignment(&weights)
}

/// `casualty_sources`: for each paired claim whose gold has `source`, the
/// system's `attributed_to` names that source (a null gold source: nobody,
/// or the outlet).
fn attributions(sc: &mut Scorer, g: &Gold, s: &Value, pairs: &[(usize, usize)], sys: &[Value]) {
    let outlets: Vec<&str> = [g.outlet.as_deref(), get(s, "outlet").as_str()]
        .into_iter()
        .flatten()
        .filter(|o| !o.is_empty())
        .collect();
    for &(i, j) in pairs {
        let gc = &g.casualties[i];
        let Some(want) = &gc.source else { continue };
        let got_v = get(&sys[j], "attributed_to");
        let got = got_v.as_str().unwrap_or("");
        let ok = match want {
            None => !truthy(got_v) || outlets.iter().any(|o| source_match(got, o)),
            Some(w) => truthy(got_v) && source_match(w, got),
        };
        sc.add(
            Part::CasualtySources,
            u64::from(ok),
            u64::from(truthy(got_v) && !ok),
            u64::from(!ok),
        );
        if !ok {
            let want = want.as_deref().map_or("None".into(), str_repr);
            let note = format!(
                "casualty {} attributed to {}, gold {want}",
                CKey::gold(gc).repr(),
                py_repr(got_v)
            );
            sc.note(true, note);
        }
    }
}

/// System claims left unpaired: absorbed by an optional gold claim (a
/// numbered one absorbs one claim, one without a number absorbs any
/// number of claims without a number), else extras.
fn unpaired(sc: &mut Scorer, doc: &Doc, g: &Gold, sys: &[Value], pairs: &[(usize, usize)]) {
    let mut optional: Vec<&GoldCasualty> = g.optional_casualties.iter().collect();
    for (j, c) in sys.iter().enumerate() {
        if pairs.iter().any(|&(_, sj)| sj == j) {
            continue;
        }
        let k = CKey::system(c);
        let hit = optional.iter().position(|o| {
            let ko = CKey::gold(o);
            ko.same_group_kind(&k) && ko.same_number(&k) && doc.locality(o.text.as_deref(), c) > 0
        });
        match hit {
            Some(h) => {
                if !optional[h].best.is_null() {
                    optional.remove(h);
                }
            }
            None => {
                sc.add(Part::Casualties, 0, 1, 0);
                let note = format!("extra casualty {} at {}", k.repr(), span_repr(c));
                sc.note(true, note);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_compare_as_floats() {
        let k = |b: Value| CKey::new(&json!("ISIS"), &json!("killed"), &b);
        assert_eq!(k(json!(18)), k(json!(18.0)));
        assert_eq!(k(json!("18")), k(json!(18)));
        assert_eq!(k(json!(" ١٨ ")), k(json!(18)));
        assert_eq!(k(json!("1_000")), k(json!(1000)));
        assert_ne!(k(json!("18x")), k(json!(18)));
        assert_ne!(k(json!(null)), k(json!(0)));
        assert_eq!(k(json!(18)).repr(), "('ISIS', 'killed', 18.0)");
        assert_eq!(k(json!("x")).repr(), "('ISIS', 'killed', 'x')");
        assert_eq!(k(json!(null)).repr(), "('ISIS', 'killed', None)");
    }

    #[test]
    fn sentences_start_after_stops_and_newlines() {
        assert_eq!(sentence_starts("قتل اثنان. وجرح ثلاثة"), vec![0, 11]);
        assert_eq!(sentence_starts("أ؟\n\nب\nج"), vec![0, 4, 6]);
        // A stop with no space after it ends nothing.
        assert_eq!(sentence_starts("3.5 قتلى"), vec![0]);
    }

    #[test]
    fn locality_of_a_claim() {
        let text = "قتل خمسة مدنيين في القصف. وقال المرصد إن الحصيلة سترتفع.";
        let doc = Doc {
            text,
            starts: sentence_starts(text),
        };
        let at = |a: usize, b: usize| json!({"span": [a, b]});
        assert_eq!(doc.locality(None, &at(0, 3)), 3);
        assert_eq!(doc.locality(Some("خمسة مدنيين"), &at(4, 8)), 2);
        assert_eq!(doc.locality(Some("خمسة مدنيين"), &at(19, 23)), 1);
        assert_eq!(doc.locality(Some("خمسة مدنيين"), &at(30, 35)), 0);
        let mention = json!({"span": [30, 35], "mentions": [[4, 8]]});
        assert_eq!(doc.locality(Some("خمسة مدنيين"), &mention), 2);
    }
}
