//! Checking articles' casualty claims against a reference list of incidents
//! (the FA-KES idea, automatic and per claim).
//!
//! The reference is a CSV with a header. By default its columns are `date`
//! (YYYY-MM-DD), `place` and `fatalities`, with optional `latitude` and
//! `longitude`; an ACLED export loads with [`Columns::acled`] (`event_date`,
//! `location`, `fatalities`, `latitude`, `longitude`), and any other file with
//! a custom mapping.

use crate::place::{distance_km, name_key};
use crate::report::Report;
use crate::summary::counts_differ;
use crate::when::Interval;
use serde::Serialize;

/// Which reference columns hold which field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub date: String,
    pub place: String,
    pub fatalities: String,
    pub latitude: String,
    pub longitude: String,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            date: "date".into(),
            place: "place".into(),
            fatalities: "fatalities".into(),
            latitude: "latitude".into(),
            longitude: "longitude".into(),
        }
    }
}

impl Columns {
    /// ACLED's export columns.
    pub fn acled() -> Self {
        Columns {
            date: "event_date".into(),
            place: "location".into(),
            fatalities: "fatalities".into(),
            latitude: "latitude".into(),
            longitude: "longitude".into(),
        }
    }

    /// Applies `field=column` pairs separated by commas (`date=event_date,place=location`).
    pub fn with_mapping(mut self, spec: &str) -> Result<Self, String> {
        for pair in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let (k, v) = pair
                .split_once('=')
                .ok_or_else(|| format!("`{pair}` is not field=column"))?;
            let v = v.trim().to_string();
            match k.trim() {
                "date" => self.date = v,
                "place" => self.place = v,
                "fatalities" => self.fatalities = v,
                "latitude" => self.latitude = v,
                "longitude" => self.longitude = v,
                other => {
                    return Err(format!(
                        "unknown field `{other}` (date, place, fatalities, latitude, longitude)"
                    ))
                }
            }
        }
        Ok(self)
    }
}

/// One reference incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    pub date: String,
    pub place: String,
    pub fatalities: f64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// Reads a reference CSV; a bad row is an error naming its line.
pub fn read_reference(data: &[u8], cols: &Columns) -> Result<Vec<Reference>, String> {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(data);
    let headers = r
        .headers()
        .map_err(|e| format!("reading the header: {e}"))?
        .clone();
    let at = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let need = |name: &str| at(name).ok_or_else(|| format!("the reference has no `{name}` column"));
    let (d, p, f) = (
        need(&cols.date)?,
        need(&cols.place)?,
        need(&cols.fatalities)?,
    );
    let (la, lo) = (at(&cols.latitude), at(&cols.longitude));
    let mut out = Vec::new();
    for (n, row) in r.records().enumerate() {
        let row = row.map_err(|e| format!("line {}: {e}", n + 2))?;
        let get = |i: usize| row.get(i).unwrap_or("").trim();
        let Some(date) = reference_date(get(d)) else {
            return Err(format!(
                "line {}: `{}` is not a date (YYYY-MM-DD or ACLED's `03 August 2015`)",
                n + 2,
                get(d)
            ));
        };
        let fatalities = get(f)
            .parse::<f64>()
            .map_err(|_| format!("line {}: `{}` is not a number of fatalities", n + 2, get(f)))?;
        let coord = |c: Option<usize>| c.and_then(|i| get(i).parse::<f64>().ok());
        out.push(Reference {
            date,
            place: get(p).to_string(),
            fatalities,
            lat: coord(la),
            lon: coord(lo),
        });
    }
    Ok(out)
}

/// The verdict on one claim or one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    Consistent,
    Inconsistent,
    Unmatched,
}

/// One casualty claim checked against the reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimCheck {
    pub article: String,
    pub event_index: usize,
    pub date: Option<String>,
    pub place: Option<String>,
    pub claimed: f64,
    pub reference: Option<Reference>,
    pub label: Label,
}

/// Checks each report's killed count against the reference: a reference
/// incident matches when its date is within a day and its place is the same
/// name or within `max_km`; the claim is consistent when the counts do not
/// differ beyond the tolerance of [`counts_differ`].
pub fn check(reports: &[Report], reference: &[Reference], max_km: f64) -> Vec<ClaimCheck> {
    reports
        .iter()
        .filter_map(|r| r.killed.and_then(|k| k.best).map(|b| (r, b)))
        .map(|(r, claimed)| {
            let iv = r.date.as_deref().and_then(Interval::parse);
            let found = reference.iter().find(|x| {
                let Some(iv) = iv else { return false };
                let Some(xv) = Interval::parse(&x.date) else {
                    return false;
                };
                iv.days() <= 31
                    && iv.meets(&xv, 1)
                    && r.places.iter().take(2).any(|p| {
                        name_key(&p.name) == name_key(&x.place)
                            || match (p.lat.zip(p.lon), x.lat.zip(x.lon)) {
                                (Some(a), Some(b)) => distance_km(a, b) <= max_km,
                                _ => false,
                            }
                    })
            });
            let label = match found {
                None => Label::Unmatched,
                Some(x) if counts_differ(claimed, x.fatalities) => Label::Inconsistent,
                Some(_) => Label::Consistent,
            };
            ClaimCheck {
                article: r.article.clone(),
                event_index: r.event_index,
                date: r.date.clone(),
                place: r.places.first().map(|p| p.name.clone()),
                claimed,
                reference: found.cloned(),
                label,
            }
        })
        .collect()
}

/// An article's label from its claims: inconsistent if any claim is,
/// consistent if some claim matched, else unmatched.
pub fn article_label(checks: &[&ClaimCheck]) -> Label {
    if checks.iter().any(|c| c.label == Label::Inconsistent) {
        Label::Inconsistent
    } else if checks.iter().any(|c| c.label == Label::Consistent) {
        Label::Consistent
    } else {
        Label::Unmatched
    }
}

/// A reference date as `YYYY-MM-DD` (or a coarser TIMEX value rasad reads):
/// written so already, or in ACLED's export form `03 August 2015`.
fn reference_date(s: &str) -> Option<String> {
    if Interval::parse(s).is_some() {
        return Some(s.to_string());
    }
    let date = jiff::fmt::strtime::parse("%d %B %Y", s)
        .ok()?
        .to_date()
        .ok()?;
    Some(date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Count, PlaceInfo};

    fn report(article: &str, date: &str, place: &str, killed: f64) -> Report {
        let mut r: Report = serde_json::from_value(serde_json::json!({
            "article": article, "event_index": 0, "outlet": null, "published": null,
            "type": "explosions_remote_violence", "subtype": "air_drone_strike", "date": date,
            "places": [], "actor1": [], "actor2": [], "associated": [], "killed": null,
            "injured": null, "killed_by_group": {}, "attributed_to": [], "certainty": "asserted",
            "evidence": [], "terms": {}
        }))
        .unwrap();
        r.places = vec![PlaceInfo {
            name: place.into(),
            id: None,
            lat: None,
            lon: None,
            admin1: None,
            kind: None,
        }];
        r.killed = Some(Count {
            low: Some(killed),
            best: Some(killed),
            high: Some(killed),
        });
        r
    }

    #[test]
    fn labels() {
        let csv = "event_date,location,fatalities,latitude,longitude\n2019-05-10,معرة النعمان,12,35.64,36.67\n";
        let refs = read_reference(csv.as_bytes(), &Columns::acled()).unwrap();
        let reports = vec![
            report("a", "2019-05-10", "معرة النعمان", 13.0),
            report("b", "2019-05-11", "كفرنبل", 40.0),
            report("c", "2019-05-10", "سراقب", 12.0),
        ];
        let checks = check(&reports, &refs, 5.0);
        let labels: Vec<Label> = checks.iter().map(|c| c.label).collect();
        assert_eq!(
            labels,
            [Label::Consistent, Label::Unmatched, Label::Unmatched]
        );
        let checks = check(
            &[report("d", "2019-05-11", "معرة النعمان", 40.0)],
            &refs,
            5.0,
        );
        assert_eq!(checks[0].label, Label::Inconsistent);
        assert_eq!(
            article_label(&checks.iter().collect::<Vec<_>>()),
            Label::Inconsistent
        );
    }

    #[test]
    fn bad_reference_rows_are_errors() {
        let cols = Columns::default();
        assert!(read_reference(b"date,place\n", &cols)
            .unwrap_err()
            .contains("fatalities"));
        let e = read_reference("date,place,fatalities\n2019-13-01,x,1\n".as_bytes(), &cols)
            .unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        let e = read_reference(
            "date,place,fatalities\n2019-01-01,x,many\n".as_bytes(),
            &cols,
        )
        .unwrap_err();
        assert!(e.contains("not a number"), "{e}");
        let c = Columns::default()
            .with_mapping("date=event_date, place=location")
            .unwrap();
        assert_eq!(c.date, "event_date");
        assert!(Columns::default().with_mapping("when=x").is_err());
    }

    #[test]
    fn acled_export_dates_are_read() {
        let csv = "event_date,location,fatalities\n03 August 2015,حلب,4\n2015-08-04,حلب,2\n";
        let refs = read_reference(csv.as_bytes(), &Columns::acled()).unwrap();
        let dates: Vec<&str> = refs.iter().map(|r| r.date.as_str()).collect();
        assert_eq!(dates, ["2015-08-03", "2015-08-04"]);
        let bad = "event_date,location,fatalities\nlast Tuesday,حلب,4\n";
        let err = read_reference(bad.as_bytes(), &Columns::acled()).unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }
}
