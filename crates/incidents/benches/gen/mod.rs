//! Generated articles for the persistence benchmarks: incidents spread over
//! two years and 300 places, each told by one to five of six outlets a day
//! apart at most, with story words of their own; one article in ten also
//! reports a side event. Deterministic (xorshift), so every run is the same.

use rasad_incidents::persist::Features;
use rasad_incidents::{ArticleInfo, Count, DateBasis, PlaceInfo, Report};
use rasad_record::Certainty;
use std::collections::BTreeMap;

const KINDS: [&str; 3] = [
    "battles",
    "explosions_remote_violence",
    "violence_against_civilians",
];

/// Days the generated incidents are spread over.
pub const DAYS: u64 = 730;

/// A small deterministic generator.
pub struct Rng(pub u64);
impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

fn place(i: u64) -> PlaceInfo {
    PlaceInfo {
        name: format!("place{i}"),
        id: Some(format!("rasad:p{i}")),
        lat: Some(32.0 + (i / 20) as f64 * 0.4),
        lon: Some(36.0 + (i % 20) as f64 * 0.4),
        admin1: Some(format!("province{}", i / 30)),
        kind: Some("PPL".into()),
    }
}

fn day(n: u64) -> String {
    (jiff::civil::date(2017, 1, 1) + jiff::Span::new().days(n as i64)).to_string()
}

/// One incident as the generator draws it.
pub struct Incident {
    pub number: u64,
    pub day: u64,
    pub place: u64,
    pub kind: &'static str,
    pub killed: f64,
}

impl Incident {
    pub fn draw(rng: &mut Rng, number: u64) -> Incident {
        Incident {
            number,
            day: rng.below(DAYS),
            place: rng.below(300),
            kind: KINDS[rng.below(KINDS.len() as u64) as usize],
            killed: rng.below(40) as f64,
        }
    }

    /// Article `id` of outlet `outlet` telling this incident.
    pub fn article(&self, rng: &mut Rng, id: String, outlet: u64) -> Features {
        let shift = u64::from(outlet > 0 && rng.below(4) == 0);
        let mut words: Vec<(String, f64)> = (0..6)
            .map(|_| (format!("common{}", rng.below(60)), 1.0))
            .collect();
        words.extend((0..4).map(|k| (format!("story{}x{k}", self.number), 2.0)));
        words.sort_by(|a, b| a.0.cmp(&b.0));
        words.dedup_by(|a, b| a.0 == b.0);
        let published = day(self.day + shift);
        let mut reports = vec![self.report(&id, 0, outlet, shift, self.place)];
        if rng.below(10) == 0 {
            reports.push(self.report(&id, 1, outlet, shift, rng.below(300)));
        }
        Features::new(
            ArticleInfo {
                article: id,
                outlet: Some(format!("outlet{outlet}")),
                published: Some(published.clone()),
                words,
                title_places: vec![place(self.place)],
            },
            Some(published),
            reports,
            (0..64).map(|_| rng.next_u64()).collect(),
        )
    }

    fn report(&self, id: &str, index: usize, outlet: u64, shift: u64, at: u64) -> Report {
        let killed = Count {
            low: Some(self.killed),
            best: Some(self.killed),
            high: Some(self.killed),
        };
        Report {
            article: id.to_string(),
            event_index: index,
            outlet: Some(format!("outlet{outlet}")),
            published: Some(day(self.day + shift)),
            kind: self.kind.into(),
            subtype: "x".into(),
            date: Some(day(self.day)),
            date_basis: Some(if shift == 0 {
                DateBasis::Explicit
            } else {
                DateBasis::Relative
            }),
            places: vec![place(at)],
            actor1: vec!["ISIS".into()],
            actor2: vec![],
            associated: vec![],
            killed: Some(killed),
            injured: None,
            killed_by_group: BTreeMap::new(),
            attributed_to: vec![],
            certainty: Certainty::Asserted,
            evidence: vec![format!("evidence of story {}", self.number)],
            terms: BTreeMap::new(),
            copy_of: None,
        }
    }
}

/// Articles day by day (an archive ingested in order), about `reports`
/// reports in all; keeps the incidents drawn, so an outlet can tell one later.
pub struct Generator {
    pub rng: Rng,
    /// Incidents drawn so far.
    pub incidents: Vec<Incident>,
    per_day: u64,
    day: u64,
}

/// Reports per incident on average: 3 tellers, one article in ten with a
/// side event.
const REPORTS_PER_INCIDENT: f64 = 3.3;

impl Generator {
    pub fn new(seed: u64, reports: usize) -> Generator {
        let per_day = (reports as f64 / REPORTS_PER_INCIDENT / DAYS as f64).ceil() as u64;
        Generator {
            rng: Rng(seed),
            incidents: Vec::new(),
            per_day: per_day.max(1),
            day: 0,
        }
    }

    /// The articles of the next day, none after the last.
    pub fn next_day(&mut self) -> Option<Vec<Features>> {
        if self.day >= DAYS {
            return None;
        }
        let mut out = Vec::new();
        for _ in 0..self.per_day {
            let number = self.incidents.len() as u64;
            let mut inc = Incident::draw(&mut self.rng, number);
            inc.day = self.day;
            for outlet in 0..1 + self.rng.below(5) {
                out.push(inc.article(&mut self.rng, format!("a{number}-{outlet}"), outlet));
            }
            self.incidents.push(inc);
        }
        self.day += 1;
        Some(out)
    }
}
