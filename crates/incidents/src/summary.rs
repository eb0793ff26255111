//! What an incident says: date and place with precision codes, actors, the
//! fatalities every report claims, and where the reports disagree.

use crate::report::{Count, DateBasis, PlaceInfo, Report};
use crate::when::{date_of, Interval};
use crate::words::WORDS;
use rasad_record::Certainty;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One report's count, attributed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub article: String,
    pub outlet: Option<String>,
    /// Who the article cites for the number (its outlet when it cites no one).
    pub source: Option<String>,
    #[serde(flatten)]
    pub count: Count,
}

/// A number of people over all reports: the range of the claims, and each claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub low: Option<f64>,
    /// The median of the reports' best figures.
    pub best: Option<f64>,
    pub high: Option<f64>,
    pub claims: Vec<Claim>,
}

/// A report as listed in an incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRef {
    pub article: String,
    pub event_index: usize,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub subtype: String,
    pub date: Option<String>,
    /// How the report's date is known (`explicit`, `relative`, `inferred`,
    /// `publication`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<DateBasis>,
    /// True for its article's main event (the lead of its story).
    #[serde(default)]
    pub main: bool,
    pub actor1: Vec<String>,
    pub actor2: Vec<String>,
    pub certainty: Certainty,
    pub killed: Option<Count>,
    pub evidence: Vec<String>,
    /// The article this report's article copies, if it is a syndicated copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
}

/// An article of an incident's story from which no event was extracted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryArticle {
    pub article: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
}

/// An actor of an incident and how many reports name it in that role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentActor {
    pub id: String,
    pub role: String,
    pub reports: usize,
}

/// Where the reports of one incident do not agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Disagreement {
    /// Counts of killed or injured that differ beyond the tolerance.
    Count {
        what: String,
        values: Vec<(String, f64)>,
    },
    /// Reports name different perpetrators.
    Perpetrator { values: Vec<(String, Vec<String>)> },
    /// Opposite outcomes or framings (repelled vs took the town).
    Outcome { values: Vec<(String, String)> },
    /// One report asserts what another denies or only reports as a claim.
    Certainty { values: Vec<(String, Certainty)> },
    /// Outlets use different terms for the same actor.
    Terms {
        actor: String,
        values: Vec<(String, Vec<String>)>,
    },
}

/// One incident: many reports of the same event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub subtypes: Vec<String>,
    pub date: Option<String>,
    /// UCDP-style: 1 exact day, 2 within 2–6 days, 3 a week, 4 a month, 5 longer or unknown.
    pub date_prec: u8,
    pub places: Vec<PlaceInfo>,
    /// UCDP-style: 1 exact place, 2 within 25 km, 3 district, 4 province, 6 country.
    pub where_prec: u8,
    pub actors: Vec<IncidentActor>,
    pub fatalities: Tally,
    pub injured: Tally,
    pub reports: Vec<ReportRef>,
    /// Articles of the same story with no event of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub story_articles: Vec<StoryArticle>,
    pub disagreements: Vec<Disagreement>,
    /// An analyst checked this incident (`rasad review mark ID reviewed`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reviewed: bool,
    /// Analysts' corrections applied to this incident, in log order, each with
    /// the value extraction gave (see [`crate::review`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<crate::review::Applied>,
}

/// FNV-1a, for ids that stay the same across runs and versions.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

fn who(r: &Report) -> String {
    r.outlet.clone().unwrap_or_else(|| r.article.clone())
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    Some(v[(v.len() - 1) / 2])
}

/// The claims of an incident: one figure per source per outlet (its latest
/// article's; inside one article its largest), a syndicated copy not counted
/// again. low/best/high are the smallest, median and largest of these
/// distinct claims, never a sum.
fn tally(reports: &[&Report], pick: fn(&Report) -> Option<Count>) -> Tally {
    let value = |c: &Count| c.best.or(c.high).or(c.low).unwrap_or(0.0);
    // (outlet or article, source) → (published, article, claim)
    let mut latest: BTreeMap<(String, Option<String>), (Option<String>, Claim)> = BTreeMap::new();
    // A syndicated copy repeats its original's claim: it is not another voice.
    for r in reports.iter().filter(|r| r.copy_of.is_none()) {
        let Some(count) = pick(r) else { continue };
        let source = r
            .attributed_to
            .first()
            .cloned()
            .or_else(|| r.outlet.clone());
        let claim = Claim {
            article: r.article.clone(),
            outlet: r.outlet.clone(),
            source: source.clone(),
            count,
        };
        let key = (who(r), source);
        let replace = match latest.get(&key) {
            None => true,
            Some((published, old)) => {
                if old.article == r.article {
                    value(&count) > value(&old.count)
                } else {
                    (&r.published, &r.article) > (published, &old.article)
                }
            }
        };
        if replace {
            latest.insert(key, (r.published.clone(), claim));
        }
    }
    let claims: Vec<Claim> = latest.into_values().map(|(_, c)| c).collect();
    let bests: Vec<f64> = claims.iter().filter_map(|c| c.count.best).collect();
    let lows = claims.iter().filter_map(|c| c.count.low.or(c.count.best));
    let highs = claims.iter().filter_map(|c| c.count.high.or(c.count.best));
    Tally {
        low: lows.reduce(f64::min),
        best: median(bests),
        high: highs.reduce(f64::max),
        claims,
    }
}

/// Counts differ when they are further apart than 10% of the larger, and by
/// more than one.
pub fn counts_differ(a: f64, b: f64) -> bool {
    (a - b).abs() > (0.1 * a.max(b)).max(1.0)
}

fn where_prec(p: Option<&PlaceInfo>) -> u8 {
    let Some(p) = p else { return 6 };
    match p.kind.as_deref().unwrap_or("") {
        k if k.starts_with("PCL") || k == "country" => 6,
        "ADM1" | "governorate" | "province" => 4,
        "ADM2" | "ADM3" | "district" | "subdistrict" => 3,
        "" => 2,
        _ => 1,
    }
}

/// Summarizes the reports of one incident.
pub fn summarize(reports: &[&Report]) -> Incident {
    let first = reports
        .iter()
        .min_by(|a, b| (&a.article, a.event_index).cmp(&(&b.article, b.event_index)))
        .expect("an incident has reports");
    let id = format!(
        "inc-{:012x}",
        fnv(&format!("{}#{}", first.article, first.event_index)) >> 16
    );
    let (date, date_prec) = incident_date(reports);
    let places = ranked_places(reports);
    let mut subtypes: Vec<String> = reports.iter().map(|r| r.subtype.clone()).collect();
    subtypes.sort();
    subtypes.dedup();
    let incident = Incident {
        id,
        kind: first.kind.clone(),
        subtypes,
        date,
        date_prec,
        where_prec: where_prec(places.first()),
        places,
        actors: actor_counts(reports),
        fatalities: tally(reports, |r| r.killed),
        injured: tally(reports, |r| r.injured),
        reports: reports.iter().map(|r| report_ref(r)).collect(),
        story_articles: Vec::new(),
        disagreements: Vec::new(),
        reviewed: false,
        corrections: Vec::new(),
    };
    Incident {
        disagreements: disagreements(reports, &incident),
        ..incident
    }
}

/// The date of an incident: the most common day among day-precise reports
/// (the earlier on a tie), else the narrowest date; and its UCDP-style
/// precision code from the span of all reports' dates.
fn incident_date(reports: &[&Report]) -> (Option<String>, u8) {
    let intervals: Vec<(Interval, &str)> = reports
        .iter()
        .filter_map(|r| {
            r.date
                .as_deref()
                .and_then(|d| Interval::parse(d).map(|i| (i, d)))
        })
        .collect();
    let mut days: BTreeMap<i32, usize> = BTreeMap::new();
    for (iv, _) in intervals.iter().filter(|(iv, _)| iv.days() == 1) {
        *days.entry(iv.first).or_default() += 1;
    }
    let date = match days.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
        Some((&d, _)) => date_of(d).map(|d| d.to_string()),
        None => intervals
            .iter()
            .min_by_key(|(iv, _)| iv.days())
            .map(|(_, v)| v.to_string()),
    };
    let first = intervals.iter().map(|(i, _)| i.first).min();
    let last = intervals.iter().map(|(i, _)| i.last).max();
    let prec = match (first, last) {
        (Some(a), Some(b)) => match b - a + 1 {
            1 => 1,
            2..=6 => 2,
            7 => 3,
            8..=31 => 4,
            _ => 5,
        },
        _ => 5,
    };
    (date, prec)
}

/// The places of an incident, by how many reports name them first, then in
/// any position (one place: the same gazetteer id or the same name).
fn ranked_places(reports: &[&Report]) -> Vec<PlaceInfo> {
    // (reports naming it first, reports naming it, the place)
    let mut places: Vec<(usize, usize, PlaceInfo)> = Vec::new();
    for r in reports {
        for (pos, p) in r.places.iter().enumerate() {
            let key = crate::place::name_key(&p.name);
            match places.iter_mut().find(|(_, _, q)| {
                (p.id.is_some() && q.id == p.id) || crate::place::name_key(&q.name) == key
            }) {
                Some(entry) => {
                    if pos == 0 {
                        entry.0 += 1;
                    }
                    entry.1 += 1;
                }
                None => places.push((usize::from(pos == 0), 1, p.clone())),
            }
        }
    }
    places.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    places.into_iter().map(|x| x.2).collect()
}

/// Each actor in each role, with the number of reports naming it so.
fn actor_counts(reports: &[&Report]) -> Vec<IncidentActor> {
    let mut actors: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in reports {
        for (role, ids) in [
            ("actor1", &r.actor1),
            ("actor2", &r.actor2),
            ("associated", &r.associated),
        ] {
            for id in ids {
                *actors.entry((id.clone(), role.to_string())).or_default() += 1;
            }
        }
    }
    actors
        .into_iter()
        .map(|((id, role), reports)| IncidentActor { id, role, reports })
        .collect()
}

/// A report as an incident lists it (not yet marked main).
fn report_ref(r: &Report) -> ReportRef {
    ReportRef {
        article: r.article.clone(),
        event_index: r.event_index,
        outlet: r.outlet.clone(),
        published: r.published.clone(),
        subtype: r.subtype.clone(),
        date: r.date.clone(),
        date_basis: r.date_basis,
        main: false,
        actor1: r.actor1.clone(),
        actor2: r.actor2.clone(),
        certainty: r.certainty,
        killed: r.killed,
        evidence: r.evidence.clone(),
        copy_of: r.copy_of.clone(),
    }
}

/// Where the reports of an incident disagree: counts, perpetrators,
/// outcomes, certainty, and the terms outlets use for an actor.
fn disagreements(reports: &[&Report], inc: &Incident) -> Vec<Disagreement> {
    let mut out = count_disagreements(inc);
    let perps: Vec<(String, Vec<String>)> = reports
        .iter()
        .filter(|r| !r.actor1.is_empty())
        .map(|r| (who(r), r.actor1.clone()))
        .collect();
    if perps.iter().any(|(_, a)| a != &perps[0].1) {
        out.push(Disagreement::Perpetrator { values: perps });
    }
    if inc.subtypes.len() > 1 {
        out.push(Disagreement::Outcome {
            values: reports
                .iter()
                .map(|r| (who(r), r.subtype.clone()))
                .collect(),
        });
    }
    if reports.iter().any(|r| r.certainty != reports[0].certainty) {
        out.push(Disagreement::Certainty {
            values: reports.iter().map(|r| (who(r), r.certainty)).collect(),
        });
    }
    out.extend(term_disagreements(reports));
    out
}

/// Killed or injured figures of the claims that differ beyond the
/// tolerance of [`counts_differ`].
fn count_disagreements(inc: &Incident) -> Vec<Disagreement> {
    let mut out = Vec::new();
    for (what, tally) in [("killed", &inc.fatalities), ("injured", &inc.injured)] {
        let values: Vec<(String, f64)> = tally
            .claims
            .iter()
            .filter_map(|c| {
                c.count
                    .best
                    .map(|b| (c.source.clone().unwrap_or_else(|| c.article.clone()), b))
            })
            .collect();
        let (lo, hi) = values.iter().fold((f64::MAX, f64::MIN), |(l, h), (_, v)| {
            (l.min(*v), h.max(*v))
        });
        if values.len() > 1 && counts_differ(lo, hi) {
            out.push(Disagreement::Count {
                what: what.into(),
                values,
            });
        }
    }
    out
}

/// The actors outlets name with different terms ([`terms_differ`]).
fn term_disagreements(reports: &[&Report]) -> Vec<Disagreement> {
    let mut by_actor: BTreeMap<&str, Vec<(String, Vec<String>)>> = BTreeMap::new();
    for r in reports {
        for (actor, terms) in &r.terms {
            by_actor
                .entry(actor)
                .or_default()
                .push((who(r), terms.clone()));
        }
    }
    by_actor
        .into_iter()
        .filter(|(_, values)| terms_differ(values))
        .map(|(actor, values)| Disagreement::Terms {
            actor: actor.to_string(),
            values,
        })
        .collect()
}

/// Outlets name an actor differently when two of them each use a term the
/// other never does, after grammatical variants are folded (`مدنياً`,
/// `المدنيين` and `مدنيون` are one term; `ميليشيات الحوثي` and `المتمردين
/// الحوثيين` are two). One outlet using more of the same terms is no
/// disagreement.
fn terms_differ(values: &[(String, Vec<String>)]) -> bool {
    let sets: Vec<std::collections::BTreeSet<String>> = values
        .iter()
        .map(|(_, terms)| terms.iter().map(|t| fold_term(t)).collect())
        .collect();
    sets.iter().enumerate().any(|(i, a)| {
        sets[i + 1..]
            .iter()
            .any(|b| !a.is_subset(b) && !b.is_subset(a))
    })
}

/// A term with each word's article, proclitics, attached pronoun and
/// case/number ending removed (`المدنيين` → `مدني`, `مواطنيها` → `مواطن`).
fn fold_term(term: &str) -> String {
    let key = rasad_text::key(term);
    let words: Vec<&str> = key
        .split_whitespace()
        .map(|w| fold_word(rasad_text::clitic::search_stem(w)))
        .collect();
    words.join(" ")
}

/// Shortest stem kept when endings are removed, in letters.
const MIN_STEM: usize = 3;

/// One word's stem: an attached pronoun, then a case or number ending
/// (`data/incidents/incidents.words`), each removed only when
/// [`MIN_STEM`] letters remain: `مواطنيها` → `مواطن`.
fn fold_word(word: &str) -> &str {
    let w = strip_one(word, &WORDS.pronoun_suffixes);
    strip_one(w, &WORDS.endings)
}

/// `word` without the first of `suffixes` it ends with that leaves a stem.
fn strip_one<'a>(word: &'a str, suffixes: &[String]) -> &'a str {
    suffixes
        .iter()
        .find_map(|s| {
            word.strip_suffix(s.as_str())
                .filter(|rest| rest.chars().count() >= MIN_STEM)
        })
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::{fold_term, terms_differ};

    fn outlets(rows: &[&[&str]]) -> Vec<(String, Vec<String>)> {
        rows.iter()
            .enumerate()
            .map(|(i, terms)| {
                (
                    format!("o{i}"),
                    terms.iter().map(|t| t.to_string()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn grammatical_variants_fold_to_one_term() {
        for (a, b) in [
            ("مدنياً", "المدنيين"),
            ("مدنيون", "للمدنيين"),
            ("مواطنيها", "مواطنين"),
            ("الحوثيين", "الحوثي"),
        ] {
            assert_eq!(fold_term(a), fold_term(b), "{a} / {b}");
        }
        assert_ne!(
            fold_term("ميليشيات الحوثي"),
            fold_term("المتمردين الحوثيين")
        );
    }

    #[test]
    fn only_different_naming_is_a_disagreement() {
        let table: &[(&[&[&str]], bool)] = &[
            // Variants of one word.
            (&[&["مدنياً"], &["المدنيين", "مدنيون"]], false),
            // One outlet uses more of the same terms.
            (&[&["مواطنين"], &["مواطنيها", "موظفون"]], false),
            // Each names the actor in a way the other never does.
            (&[&["ميليشيات الحوثي"], &["المتمردين الحوثيين"]], true),
            (&[&["الحوثيين"], &["الحوثيين"], &["أنصار الله"]], true),
        ];
        for (rows, want) in table {
            assert_eq!(terms_differ(&outlets(rows)), *want, "{rows:?}");
        }
    }
}
