//! The extraction record: the contract that `rasad extract` prints and that the
//! store, the incident builder, the API, the exports and the scorer consume.
//!
//! The field names and meanings follow `shared/spec/extract-output.md`. Fields may
//! be added; the ones here keep their names. Every span is a half-open range
//! `[start, end)` counted in Unicode scalar values (`char`s) of the document text
//! as decoded, before any cleaning.

use serde::{Deserialize, Serialize};

/// A half-open character range `[start, end)` into the decoded document text.
/// Serialized as a two-element array `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    /// First character (inclusive).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Number of characters covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when the two spans share at least one character.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The smallest span covering both.
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<[usize; 2]> for Span {
    fn from(a: [usize; 2]) -> Self {
        Span::new(a[0], a[1])
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> Self {
        [s.start, s.end]
    }
}

/// How precisely a time value is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Unknown,
}

/// The calendar a date was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    Gregorian,
    Hijri,
}

/// How a time value was known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Written out in full.
    Explicit,
    /// Resolved from an anchor such as the publication date.
    Relative,
    /// Inferred from other clues (weekday, `الجاري`, reference date).
    Inferred,
    /// Not resolved (`value` null): the document has no publication date and
    /// no reference date was given to place a relative or yearless date.
    Unanchored,
}

/// A resolved (or unresolvable) point or period in time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Time {
    /// TIMEX3-style value (`2018-12-27`, `2018-12`, `2017-12-04T16:40`,
    /// `XXXX-10-13`), or null when it cannot be resolved.
    pub value: Option<String>,
    pub precision: Precision,
    pub calendar: Calendar,
    pub basis: Basis,
}

/// A date or time expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeMention {
    #[serde(flatten)]
    pub time: Time,
    /// The expression as written.
    pub text: String,
    pub span: Span,
    /// For ranges (`خلال الشهرين الماضيين`): the end of the period, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

/// A place, person or cited source mentioned in the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name.
    pub name: String,
    /// Stable identifier (`geonames:N`, `rasad:...`, `SOHR`), null where there is none.
    pub id: Option<String>,
    pub spans: Vec<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Feature class or kind (`city`, `neighbourhood`, `generic` for sources …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Other names this entity was written as (aliases, kunyas).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Entity {
    /// An entity with a name, an id and spans, and nothing else.
    pub fn new(name: impl Into<String>, id: Option<String>, spans: Vec<Span>) -> Self {
        Entity {
            name: name.into(),
            id,
            spans,
            lat: None,
            lon: None,
            admin1: None,
            kind: None,
            aliases: Vec::new(),
        }
    }
}

/// An armed or political actor, identified by one of the spec's actor codes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical (English) name of the code.
    pub name: String,
    /// Actor code (`ISIS`, `SYR_GOV`, …).
    pub id: String,
    pub spans: Vec<Span>,
    /// Surface forms used for it in this article, in order of first use.
    pub terms: Vec<String>,
}

/// The unit a quantity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    People,
    Usd,
    Syp,
    Iqd,
    Eur,
    Currency,
    Percent,
    Other,
}

/// A number about people, money or shares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub text: String,
    pub span: Span,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub approximate: bool,
    pub unit: Option<Unit>,
}

/// What happened to the people a casualty claim counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CasualtyKind {
    Killed,
    Injured,
    Captured,
    Missing,
}

/// A claim of people killed, injured, captured or missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Casualty {
    /// Actor code of the victims' side.
    pub group: Option<String>,
    pub kind: CasualtyKind,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub span: Span,
    /// Name of the cited source, when the article attributes the claim.
    pub attributed_to: Option<String>,
    /// True for a cumulative tally ("820 killed since 10 September").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tally: bool,
    /// The period a tally covers, when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// For a sub-count (`بينهم ستة فجروا أنفسهم`): index of the total it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<usize>,
    /// Where the article repeats the same figure (same group, kind, number
    /// and source): the spans of the later mentions; `span` is the first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Span>,
    /// Why the extractor made this claim: the rule that named its side
    /// (`side:next_to_count`), with `rasad extract --explain` only. The
    /// scorer and the store's readers ignore it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// A place an event happened at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceRef {
    pub name: String,
    pub id: Option<String>,
}

/// The part an actor plays in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Actor1,
    Actor2,
    Associated,
}

/// An actor taking part in an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActor {
    pub id: String,
    pub role: Role,
}

/// Whether the outlet states the event, reports a claim of it, or a denial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    Asserted,
    Claimed,
    Denied,
}

/// Something that happened, typed with ACLED's event types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    pub subtype: String,
    pub date: Option<Time>,
    pub places: Vec<PlaceRef>,
    pub actors: Vec<EventActor>,
    pub fatalities: Vec<Casualty>,
    pub attributed_to: Vec<String>,
    pub certainty: Certainty,
    pub evidence: Vec<Span>,
    /// Why the extractor made this event (`trigger:غارة`, or
    /// `implied_by_claims` for casualty claims with no act word), with
    /// `rasad extract --explain` only; the scorer ignores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// One document's extraction record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub body: String,
    pub places: Vec<Entity>,
    pub actors: Vec<Actor>,
    pub persons: Vec<Entity>,
    pub sources: Vec<Entity>,
    pub times: Vec<TimeMention>,
    pub quantities: Vec<Quantity>,
    pub casualties: Vec<Casualty>,
    pub events: Vec<Event>,
}

impl Document {
    /// An empty record for `id`: nothing found yet.
    pub fn empty(id: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            title: None,
            outlet: None,
            authors: Vec::new(),
            published: None,
            url: None,
            body: String::new(),
            places: Vec::new(),
            actors: Vec::new(),
            persons: Vec::new(),
            sources: Vec::new(),
            times: Vec::new(),
            quantities: Vec::new(),
            casualties: Vec::new(),
            events: Vec::new(),
        }
    }
}

/// The line printed for a document that could not be read or parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub id: String,
    pub error: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_serializes_as_pair() {
        let s = Span::new(3, 9);
        assert_eq!(serde_json::to_string(&s).unwrap(), "[3,9]");
        let back: Span = serde_json::from_str("[3,9]").unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn time_mention_is_flat() {
        let t = TimeMention {
            time: Time {
                value: Some("2018-12-27".into()),
                precision: Precision::Day,
                calendar: Calendar::Gregorian,
                basis: Basis::Explicit,
            },
            text: "27 كانون الأول".into(),
            span: Span::new(0, 14),
            end: None,
        };
        let v: serde_json::Value = serde_json::to_value(&t).unwrap();
        assert_eq!(v["value"], "2018-12-27");
        assert_eq!(v["precision"], "day");
        assert_eq!(v["span"], serde_json::json!([0, 14]));
        assert!(v.get("end").is_none());
    }

    #[test]
    fn event_type_field_is_named_type() {
        let e = Event {
            kind: "battles".into(),
            subtype: "armed_clash".into(),
            date: None,
            places: vec![],
            actors: vec![EventActor {
                id: "ISIS".into(),
                role: Role::Actor1,
            }],
            fatalities: vec![],
            attributed_to: vec![],
            certainty: Certainty::Asserted,
            evidence: vec![Span::new(1, 2)],
            rule: None,
        };
        let v: serde_json::Value = serde_json::to_value(&e).unwrap();
        assert_eq!(v["type"], "battles");
        assert_eq!(v["actors"][0]["role"], "actor1");
    }

    #[test]
    fn span_overlap_and_cover() {
        let a = Span::new(0, 5);
        let b = Span::new(4, 8);
        let c = Span::new(5, 8);
        assert!(a.overlaps(&b));
        assert!(!a.overlaps(&c));
        assert_eq!(a.cover(&c), Span::new(0, 8));
        assert!(a.cover(&c).contains(&b));
    }
}
