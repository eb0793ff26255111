//! Tallies, precision/recall/F1 and the two output forms (table and JSON),
//! laid out exactly as `shared/tools/score` prints them.

use crate::py::{float_repr, round3};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The parts of the record that are scored, in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Cleaning,
    Title,
    Outlet,
    Published,
    Places,
    Actors,
    Persons,
    Sources,
    TimesFound,
    TimesResolved,
    Quantities,
    Casualties,
    CasualtySources,
    Events,
    EventActors,
}

impl Part {
    /// Every part, in output order.
    pub const ALL: [Part; 15] = [
        Part::Cleaning,
        Part::Title,
        Part::Outlet,
        Part::Published,
        Part::Places,
        Part::Actors,
        Part::Persons,
        Part::Sources,
        Part::TimesFound,
        Part::TimesResolved,
        Part::Quantities,
        Part::Casualties,
        Part::CasualtySources,
        Part::Events,
        Part::EventActors,
    ];

    /// The parts whose mean F1 is the `core` score.
    pub const CORE: [Part; 7] = [
        Part::Events,
        Part::EventActors,
        Part::Casualties,
        Part::CasualtySources,
        Part::Places,
        Part::Actors,
        Part::Sources,
    ];

    /// The part's name in the output (`times_found`).
    pub fn name(self) -> &'static str {
        match self {
            Part::Cleaning => "cleaning",
            Part::Title => "title",
            Part::Outlet => "outlet",
            Part::Published => "published",
            Part::Places => "places",
            Part::Actors => "actors",
            Part::Persons => "persons",
            Part::Sources => "sources",
            Part::TimesFound => "times_found",
            Part::TimesResolved => "times_resolved",
            Part::Quantities => "quantities",
            Part::Casualties => "casualties",
            Part::CasualtySources => "casualty_sources",
            Part::Events => "events",
            Part::EventActors => "event_actors",
        }
    }
}

/// True positives, false positives and false negatives of one part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
}

impl Tally {
    /// True when something was counted (tp + fp + fn > 0).
    pub fn scored(&self) -> bool {
        self.tp + self.fp + self.fn_ > 0
    }

    /// Unrounded precision, recall and F1 (all 0 when nothing was counted).
    pub fn prf(&self) -> (f64, f64, f64) {
        if self.tp + self.fp + self.fn_ == 0 {
            return (0.0, 0.0, 0.0);
        }
        let tp = self.tp as f64;
        let p = if self.tp + self.fp > 0 {
            tp / (self.tp + self.fp) as f64
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 {
            tp / (self.tp + self.fn_) as f64
        } else {
            0.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// One row of the table: the tally and its rounded scores.
#[derive(Debug, Clone, PartialEq)]
pub struct PartScore {
    pub part: Part,
    pub tally: Tally,
    /// Precision, rounded to three decimals.
    pub p: f64,
    /// Recall, rounded to three decimals.
    pub r: f64,
    /// F1, rounded to three decimals.
    pub f1: f64,
}

/// A message about one document (a miss, an extra, a missing record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The document it is about.
    pub doc: String,
    /// The message, starting with `doc: `.
    pub text: String,
    /// Printed only with `--verbose` (everything but missing records).
    pub verbose: bool,
}

/// The mean of the rows' rounded F1, rounded to three decimals; 0 for none.
fn mean_f1<'a>(rows: impl Iterator<Item = &'a PartScore>) -> f64 {
    let f1: Vec<f64> = rows.map(|p| p.f1).collect();
    if f1.is_empty() {
        return 0.0;
    }
    round3(f1.iter().sum::<f64>() / f1.len() as f64)
}

/// The result of scoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub parts: Vec<PartScore>,
    /// Mean of the rounded F1 of the parts with something to score, rounded
    /// to three decimals (0 when no part has anything).
    pub overall: f64,
    /// The same mean over the [`Part::CORE`] parts.
    pub core: f64,
    pub notes: Vec<Note>,
}

impl Report {
    /// Builds the report from the tallies (indexed by `Part as usize`).
    pub fn new(tallies: [Tally; Part::ALL.len()], notes: Vec<Note>) -> Report {
        let parts: Vec<PartScore> = Part::ALL
            .iter()
            .map(|&part| {
                let tally = tallies[part as usize];
                let (p, r, f1) = tally.prf();
                PartScore {
                    part,
                    tally,
                    p: round3(p),
                    r: round3(r),
                    f1: round3(f1),
                }
            })
            .collect();
        let overall = mean_f1(parts.iter().filter(|p| p.tally.scored()));
        let core = mean_f1(
            Part::CORE
                .iter()
                .map(|&c| &parts[c as usize])
                .filter(|p| p.tally.scored()),
        );
        Report {
            parts,
            overall,
            core,
            notes,
        }
    }

    /// The row of one part.
    pub fn part(&self, part: Part) -> &PartScore {
        &self.parts[part as usize]
    }

    /// The row of a part by name (`"times_found"`).
    pub fn part_named(&self, name: &str) -> Option<&PartScore> {
        self.parts.iter().find(|p| p.part.name() == name)
    }

    /// The notes to show: all of them with `verbose`, else only missing records.
    pub fn notes(&self, verbose: bool) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(move |n| verbose || !n.verbose)
    }

    /// The table: notes (indented), one row per part (marked when it had
    /// nothing to score), then `overall: F` and `core: F`.
    pub fn render(&self, verbose: bool) -> String {
        let mut out = String::new();
        for n in self.notes(verbose) {
            out.push_str("  ");
            out.push_str(&n.text);
            out.push('\n');
        }
        out.push_str(&format!(
            "{:16} {:>6} {:>6} {:>6}   tp  fp  fn\n",
            "part", "P", "R", "F1"
        ));
        for p in &self.parts {
            let t = p.tally;
            let empty = if t.scored() {
                ""
            } else {
                "   (nothing to score)"
            };
            out.push_str(&format!(
                "{:16} {:6.3} {:6.3} {:6.3}  {:3} {:3} {:3}{empty}\n",
                p.part.name(),
                p.p,
                p.r,
                p.f1,
                t.tp,
                t.fp,
                t.fn_
            ));
        }
        out.push_str(&format!("overall: {}\n", float_repr(self.overall)));
        out.push_str(&format!("core: {}\n", float_repr(self.core)));
        out
    }

    /// The JSON form (`--json`): parts, overall, core and notes, indented by one
    /// space like Python's `json.dumps(..., indent=1)`.
    pub fn to_json(&self, verbose: bool) -> String {
        let view = JsonView {
            report: self,
            verbose,
        };
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        if view.serialize(&mut ser).is_err() {
            return String::from("{}");
        }
        String::from_utf8(buf).unwrap_or_default()
    }
}

struct JsonView<'a> {
    report: &'a Report,
    verbose: bool,
}

struct Row<'a>(&'a PartScore);
struct Rows<'a>(&'a [PartScore]);

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("p", &self.0.p)?;
        m.serialize_entry("r", &self.0.r)?;
        m.serialize_entry("f1", &self.0.f1)?;
        m.serialize_entry("tp", &self.0.tally.tp)?;
        m.serialize_entry("fp", &self.0.tally.fp)?;
        m.serialize_entry("fn", &self.0.tally.fn_)?;
        m.end()
    }
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for p in self.0 {
            m.serialize_entry(p.part.name(), &Row(p))?;
        }
        m.end()
    }
}

impl Serialize for JsonView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let notes: Vec<&str> = self
            .report
            .notes(self.verbose)
            .map(|n| n.text.as_str())
            .collect();
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("parts", &Rows(&self.report.parts))?;
        m.serialize_entry("overall", &self.report.overall)?;
        m.serialize_entry("core", &self.report.core)?;
        m.serialize_entry("notes", &notes)?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_of_a_tally() {
        assert_eq!(Tally::default().prf(), (0.0, 0.0, 0.0));
        assert_eq!(
            Tally {
                tp: 0,
                fp: 3,
                fn_: 0
            }
            .prf(),
            (0.0, 0.0, 0.0)
        );
        let (p, r, f) = Tally {
            tp: 2,
            fp: 1,
            fn_: 1,
        }
        .prf();
        assert_eq!((round3(p), round3(r), round3(f)), (0.667, 0.667, 0.667));
    }

    #[test]
    fn table_and_json_layout() {
        let mut t = [Tally::default(); 15];
        t[Part::Places as usize] = Tally {
            tp: 1,
            fp: 1,
            fn_: 0,
        };
        let notes = vec![
            Note {
                doc: "a".into(),
                text: "a: no record from the system".into(),
                verbose: false,
            },
            Note {
                doc: "a".into(),
                text: "a: extra time 'x'".into(),
                verbose: true,
            },
        ];
        let r = Report::new(t, notes);
        // Only places had anything to score: overall and core are its F1.
        assert_eq!((r.overall, r.core), (0.667, 0.667));
        let table = r.render(false);
        assert!(table.starts_with("  a: no record from the system\npart                  P      R     F1   tp  fp  fn\n"), "{table}");
        assert!(
            table.contains("\nplaces            0.500  1.000  0.667    1   1   0\n"),
            "{table}"
        );
        assert!(table.ends_with("overall: 0.667\ncore: 0.667\n"), "{table}");
        assert!(
            table.contains(
                "\ntitle             0.000  0.000  0.000    0   0   0   (nothing to score)\n"
            ),
            "{table}"
        );
        assert!(!table.contains("extra time"));
        assert!(r.render(true).contains("  a: extra time 'x'\n"));
        let json = r.to_json(false);
        assert!(
            json.starts_with("{\n \"parts\": {\n  \"cleaning\": {\n   \"p\": 0.0,"),
            "{json}"
        );
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["parts"]["places"]["fn"], 0);
        assert_eq!(v["notes"].as_array().unwrap().len(), 1);
        assert_eq!(v["core"], 0.667);
    }
}
