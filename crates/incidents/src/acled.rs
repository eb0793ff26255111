//! The ACLED export: ACLED's 31 columns in ACLED's order with ACLED's labels
//! (`data/acled/`), one row per incident, then rasad's own columns (the URL
//! of every report, the toll range, each outlet's claim, the review state).
//!
//! - `event_date` is a full ISO date; an incident known only to the month or
//!   week has no ACLED row (the caller counts it);
//! - `time_precision` and `geo_precision` are ACLED's 1–3;
//! - `actor1`/`actor2` are the actor most reports name in the role, the
//!   others go to `assoc_actor_1`/`assoc_actor_2`; `inter1`/`inter2` are
//!   ACLED's actor types, a state's forces outside their own country being
//!   `External/Other forces`;
//! - `fatalities` is ACLED's conservative figure: the lowest any report gives
//!   (0 when none gives one), or the reviewer's;
//! - `location`, `admin1`, `admin2` are the gazetteer's English names where it
//!   has them; `admin3` stays empty (the gazetteer has no third level);
//! - `source_scale` is read from where each outlet is seated; `tags` stays
//!   empty rather than guessed;
//! - `timestamp` is the newest report's publication time (Unix seconds).

use crate::acled_tables::{Country, CIVILIANS, EXTERNAL, STATE_FORCES, TABLES};
use crate::export::{outlets, Links};
use crate::place::GAZETTEER;
use crate::review::corrected_fields;
use crate::summary::Incident;
use rasad_gazetteer::Place;

/// ACLED's 31 columns, in ACLED's order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// rasad's columns after ACLED's.
pub const EXTRA_COLUMNS: [&str; 10] = [
    "url",
    "place_ar",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "claims",
    "reports",
    "disagreements",
    "reviewed",
    "corrected",
];

/// Every column of the export: ACLED's, then rasad's.
pub fn columns() -> Vec<&'static str> {
    ACLED_COLUMNS
        .iter()
        .chain(&EXTRA_COLUMNS)
        .copied()
        .collect()
}

/// Longest `notes` sentence kept (characters): one line of a spreadsheet.
const NOTE_CHARS: usize = 200;

/// ACLED's name for a type code (a code it lacks, or a label a reviewer
/// typed, passes through).
pub fn acled_name(code: &str) -> &str {
    TABLES.label(code)
}

/// ACLED's time precision: 1 the day, 2 the week, 3 the month (rasad's
/// 1–5 scale folded).
fn time_precision(prec: u8) -> &'static str {
    match prec {
        0 | 1 => "1",
        2 | 3 => "2",
        _ => "3",
    }
}

/// ACLED's geo precision: 1 the town, 2 near it or part of a region, 3 the
/// province.
fn geo_precision(prec: u8) -> &'static str {
    match prec {
        0 | 1 => "1",
        2 | 3 => "2",
        _ => "3",
    }
}

/// A whole number (`12`), or empty.
pub(crate) fn whole(x: Option<f64>) -> String {
    x.map(|v| format!("{}", v.round() as i64))
        .unwrap_or_default()
}

/// The incident's day as a full ISO date (`2019-05-10`), if it is one.
pub fn full_date(inc: &Incident) -> Option<String> {
    let day = inc.date.as_deref()?.get(..10)?;
    day.parse::<jiff::civil::Date>().ok()?;
    Some(day.to_string())
}

/// Where an incident is, as ACLED writes it.
#[derive(Default)]
struct Where {
    country: Option<&'static Country>,
    admin1: String,
    admin2: String,
    location: String,
}

/// The gazetteer entry of the incident's first place (by id, else by name
/// when the place has no coordinates of its own).
fn gazetteer_place(inc: &Incident) -> Option<&'static Place> {
    let p = inc.places.first()?;
    match &p.id {
        Some(id) => GAZETTEER.get(id),
        None if p.lat.is_none() => GAZETTEER.lookup(&p.name).into_iter().next(),
        None => None,
    }
}

/// Words the gazetteer's English names of areas end in and ACLED's do not
/// (`Aleppo Governorate` → `Aleppo`).
const AREA_SUFFIXES: [&str; 3] = [" Governorate", " Province", " District"];

/// The English name of the administrative area of `country` called `name`
/// in Arabic: the area itself, else the town it is named after and holds
/// (`حلب` → `Aleppo`); `name` when the gazetteer has neither. `level` reads
/// a place's area of that level (admin1 or admin2).
fn admin_name(name: &str, country: &str, level: fn(&Place) -> &str) -> String {
    if name.is_empty() {
        return String::new();
    }
    let found = GAZETTEER.lookup(name);
    let inside = |p: &&Place| p.country == country && !p.en.is_empty() && level(p) == name;
    let area = found
        .iter()
        .find(|p| inside(p) && p.feature.starts_with("A.ADM"));
    let town = found
        .iter()
        .find(|p| inside(p) && p.feature.starts_with("P."));
    let Some(p) = area.or(town) else {
        return name.to_string();
    };
    let en = p.en.as_str();
    AREA_SUFFIXES
        .iter()
        .find_map(|s| en.strip_suffix(s))
        .unwrap_or(en)
        .to_string()
}

fn place_of(inc: &Incident) -> Where {
    let first = inc.places.first();
    let arabic = first.map(|p| p.name.clone()).unwrap_or_default();
    let Some(g) = gazetteer_place(inc) else {
        let admin1 = first.and_then(|p| p.admin1.clone()).unwrap_or_default();
        return Where {
            admin1,
            location: arabic,
            ..Where::default()
        };
    };
    let admin1 = first
        .and_then(|p| p.admin1.clone())
        .unwrap_or(g.admin1.clone());
    Where {
        country: TABLES.country(&g.country),
        admin1: admin_name(&admin1, &g.country, |p| &p.admin1),
        admin2: admin_name(&g.admin2, &g.country, |p| &p.admin2),
        location: if g.en.is_empty() {
            arabic
        } else {
            g.en.clone()
        },
    }
}

/// One side of the event: the actor most reports name, the others
/// associated, and the ACLED type of the first.
struct Side {
    actor: String,
    assoc: String,
    inter: Option<u8>,
}

/// The ACLED name and type of an actor code in `country` (a code the table
/// lacks passes through, untyped).
fn acled_actor(code: &str, country: Option<&Country>) -> (String, Option<u8>) {
    let Some(a) = TABLES.actor(code) else {
        return (code.to_string(), None);
    };
    let cname = country.map_or("", |c| c.name.as_str());
    let name = if cname.is_empty() {
        a.name.replace(" ({country})", "")
    } else {
        a.name.replace("{country}", cname)
    };
    let abroad = a.home.as_deref() != country.map(|c| c.alpha2.as_str());
    let inter = if a.inter == STATE_FORCES && abroad && country.is_some() {
        EXTERNAL
    } else {
        a.inter
    };
    (name, Some(inter))
}

/// The side of `roles` (codes by most reports first); `fallback` when none.
fn side(inc: &Incident, roles: &[&str], fallback: Option<&str>, c: Option<&Country>) -> Side {
    let mut codes: Vec<(usize, &str)> = inc
        .actors
        .iter()
        .filter(|a| roles.contains(&a.role.as_str()))
        .map(|a| (a.reports, a.id.as_str()))
        .collect();
    codes.sort_by_key(|c| std::cmp::Reverse(c.0));
    let mut names = codes.iter().map(|(_, code)| acled_actor(code, c));
    let Some((actor, inter)) = names.next().or_else(|| fallback.map(|f| acled_actor(f, c))) else {
        return Side {
            actor: String::new(),
            assoc: String::new(),
            inter: None,
        };
    };
    let assoc: Vec<String> = names.map(|(n, _)| n).collect();
    Side {
        actor,
        assoc: assoc.join("; "),
        inter,
    }
}

/// ACLED's interaction: the two types, lower code first, or `X only`.
fn interaction(a: Option<u8>, b: Option<u8>) -> String {
    let t = &*TABLES;
    match (a, b) {
        (Some(x), Some(y)) => format!("{}-{}", t.inter_label(x.min(y)), t.inter_label(x.max(y))),
        (Some(x), None) | (None, Some(x)) => format!("{} only", t.inter_label(x)),
        (None, None) => String::new(),
    }
}

/// ACLED's source scales, in the order a combined scale names them.
const SCALES: [&str; 3] = ["National", "Regional", "International"];

/// ACLED's source scale of the incident's outlets (`data/outlets` gives each
/// one's seat): `National` for an outlet seated in the event's country,
/// `Regional` for one in another country of its ACLED region,
/// `International` elsewhere; several scales joined by `-`
/// (`National-International`); empty when no outlet's seat or the event's
/// country is known.
fn source_scale(inc: &Incident, country: Option<&Country>) -> String {
    let Some(c) = country else {
        return String::new();
    };
    let mut found = [false; 3];
    for r in &inc.reports {
        let Some(o) = r.outlet.as_deref().and_then(rasad_ingest::outlets::lookup) else {
            continue;
        };
        let region = TABLES.country(&o.country).map(|x| x.region.as_str());
        let i = if o.country == c.alpha2 {
            0
        } else if region == Some(c.region.as_str()) {
            1
        } else {
            2
        };
        found[i] = true;
    }
    SCALES
        .iter()
        .zip(found)
        .filter_map(|(s, f)| f.then_some(*s))
        .collect::<Vec<_>>()
        .join("-")
}

/// One line of Arabic: the first evidence sentence of the incident and its
/// death toll range (`القتلى 12–31`).
fn notes(inc: &Incident) -> String {
    let t = &*TABLES;
    let sentence = inc
        .reports
        .iter()
        .find_map(|r| r.evidence.first())
        .map(|e| e.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let sentence: String = sentence.chars().take(NOTE_CHARS).collect();
    let (low, high) = (inc.fatalities.low, inc.fatalities.high);
    let toll = match (low, high) {
        (None, None) => t.note("toll_none").to_string(),
        (l, h) if l == h || h.is_none() => t.note("toll_one").replace("{low}", &whole(l)),
        (l, h) => t
            .note("toll")
            .replace("{low}", &whole(l.or(Some(0.0))))
            .replace("{high}", &whole(h)),
    };
    if sentence.is_empty() {
        toll
    } else {
        format!("{sentence} — {toll}")
    }
}

/// The newest publication time of the incident's reports, Unix seconds.
fn timestamp(inc: &Incident) -> String {
    let seconds = |p: &str| -> Option<i64> {
        let dt = p.parse::<jiff::civil::DateTime>().ok().or_else(|| {
            p.get(..10)?
                .parse::<jiff::civil::Date>()
                .ok()
                .map(|d| d.at(0, 0, 0, 0))
        })?;
        Some(
            dt.to_zoned(jiff::tz::TimeZone::UTC)
                .ok()?
                .timestamp()
                .as_second(),
        )
    };
    inc.reports
        .iter()
        .filter_map(|r| r.published.as_deref().and_then(seconds))
        .max()
        .map(|s| s.to_string())
        .unwrap_or_default()
}

/// ACLED's 31 cells of an incident; `None` without a full date.
pub fn acled_cells(inc: &Incident) -> Option<Vec<String>> {
    let day = full_date(inc)?;
    let place = inc.places.first();
    let w = place_of(inc);
    let a1 = side(inc, &["actor1"], Some("UNKNOWN"), w.country);
    let mut a1_assoc = side(inc, &["associated"], None, w.country).actor;
    if !a1.assoc.is_empty() {
        a1_assoc = [a1.assoc.clone(), a1_assoc]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
    }
    let a2 = side(inc, &["actor2"], None, w.country);
    let coord = |x: Option<f64>| x.map(|v| format!("{v:.4}")).unwrap_or_default();
    Some(vec![
        inc.id.clone(),
        day.clone(),
        day[..4].to_string(),
        time_precision(inc.date_prec).into(),
        TABLES.disorder(&inc.kind).to_string(),
        acled_name(&inc.kind).to_string(),
        inc.subtypes
            .first()
            .map(|s| acled_name(s).to_string())
            .unwrap_or_default(),
        a1.actor,
        a1_assoc,
        a1.inter
            .map(|i| TABLES.inter_label(i).to_string())
            .unwrap_or_default(),
        a2.actor,
        a2.assoc,
        a2.inter
            .map(|i| TABLES.inter_label(i).to_string())
            .unwrap_or_default(),
        interaction(a1.inter, a2.inter),
        if a2.inter == Some(CIVILIANS) {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        w.country.map(|c| c.numeric.clone()).unwrap_or_default(),
        w.country.map(|c| c.region.clone()).unwrap_or_default(),
        w.country.map(|c| c.name.clone()).unwrap_or_default(),
        w.admin1,
        w.admin2,
        String::new(),
        w.location,
        coord(place.and_then(|p| p.lat)),
        coord(place.and_then(|p| p.lon)),
        geo_precision(inc.where_prec).into(),
        outlets(inc),
        source_scale(inc, w.country),
        notes(inc),
        whole(inc.fatalities.low.or(Some(0.0))),
        String::new(),
        timestamp(inc),
    ])
}

/// Each outlet's claim: `outlet: figure (source)`, `; `-separated; a range
/// claim as `low–high`.
fn claims(inc: &Incident) -> String {
    inc.fatalities
        .claims
        .iter()
        .map(|c| {
            let who = c.outlet.as_deref().unwrap_or(&c.article);
            let n = &c.count;
            let figure = match (n.low, n.best, n.high) {
                (_, Some(b), _) => whole(Some(b)),
                (Some(l), None, Some(h)) if l != h => {
                    format!("{}–{}", whole(Some(l)), whole(Some(h)))
                }
                (l, None, h) => whole(l.or(h)),
            };
            match c.source.as_deref().filter(|s| *s != who) {
                Some(s) => format!("{who}: {figure} ({s})"),
                None => format!("{who}: {figure}"),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The URLs of the incident's reports (each article once, in report order),
/// `; `-separated.
fn urls(inc: &Incident, links: &Links) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for r in &inc.reports {
        if let Some(u) = links.url(&r.article) {
            if !seen.contains(&u) {
                seen.push(u);
            }
        }
    }
    seen.join("; ")
}

/// rasad's cells after ACLED's.
fn extra_cells(inc: &Incident, links: &Links) -> Vec<String> {
    vec![
        urls(inc, links),
        inc.places
            .first()
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        whole(inc.fatalities.low),
        whole(inc.fatalities.best),
        whole(inc.fatalities.high),
        claims(inc),
        inc.reports.len().to_string(),
        inc.disagreements.len().to_string(),
        inc.reviewed.to_string(),
        corrected_fields(inc).join(";"),
    ]
}

/// One export row (ACLED's columns, then rasad's); `None` without a full
/// date.
pub fn row(inc: &Incident, links: &Links) -> Option<Vec<String>> {
    let mut cells = acled_cells(inc)?;
    cells.extend(extra_cells(inc, links));
    Some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_scales_fold_into_acleds() {
        let table = [
            (1, "1", "1"),
            (2, "2", "2"),
            (3, "2", "2"),
            (4, "3", "3"),
            (5, "3", "3"),
            (6, "3", "3"),
        ];
        for (prec, time, geo) in table {
            assert_eq!(time_precision(prec), time, "time {prec}");
            assert_eq!(geo_precision(prec), geo, "geo {prec}");
        }
    }

    #[test]
    fn codes_read_as_acled_names() {
        assert_eq!(
            acled_name("explosions_remote_violence"),
            "Explosions/Remote violence"
        );
        assert_eq!(
            acled_name("remote_explosive_landmine_ied"),
            "Remote explosive/landmine/IED"
        );
        assert_eq!(acled_name("Looting"), "Looting");
    }

    /// An incident of a shelling on `date`, reported by one outlet.
    fn incident(date: &str) -> Incident {
        let tally = serde_json::json!({"low": 3.0, "best": 4.0, "high": 6.0, "claims": []});
        serde_json::from_value(serde_json::json!({
            "id": "inc-1", "type": "explosions_remote_violence",
            "subtypes": ["shelling_artillery_missile_attack"], "date": date, "date_prec": 1,
            "places": [{"name": "x", "id": null, "lat": 35.9, "lon": 36.6}], "where_prec": 1,
            "actors": [{"id": "SYR_GOV", "role": "actor1", "reports": 1},
                       {"id": "RUSSIA", "role": "actor1", "reports": 2},
                       {"id": "CIVILIANS", "role": "actor2", "reports": 1}],
            "fatalities": tally, "injured": {"low": null, "best": null, "high": null, "claims": []},
            "reports": [], "disagreements": []
        }))
        .unwrap()
    }

    #[test]
    fn rows_need_a_full_date_and_keep_one_actor_per_cell() {
        for partial in ["2015-07", "2015-W31", "XXXX-10-13", ""] {
            assert_eq!(
                row(&incident(partial), &Links::default()),
                None,
                "{partial}"
            );
        }
        let cells = row(&incident("2015-07-30T10:00"), &Links::default()).unwrap();
        let get = |name: &str| &cells[columns().iter().position(|c| *c == name).unwrap()];
        assert_eq!(get("event_date"), "2015-07-30");
        assert_eq!(get("year"), "2015");
        assert_eq!(
            get("actor1"),
            "Military Forces of Russia",
            "most reports first"
        );
        assert_eq!(get("assoc_actor_1"), "Military Forces of Syria");
        assert_eq!(
            get("inter1"),
            "State forces",
            "no country known: not abroad"
        );
        assert_eq!(get("civilian_targeting"), "Civilian targeting");
        assert_eq!(get("fatalities"), "3");
        assert_eq!(get("fatalities_high"), "6");
        assert!(get("notes").contains("3–6"), "{}", get("notes"));
    }

    #[test]
    fn areas_read_in_english() {
        fn admin1(p: &Place) -> &str {
            &p.admin1
        }
        assert_eq!(admin_name("حلب", "SY", admin1), "Aleppo");
        assert_eq!(admin_name("بغداد", "IQ", admin1), "Baghdad");
        assert_eq!(
            admin_name("مكان لا يعرفه أحد", "SY", admin1),
            "مكان لا يعرفه أحد"
        );
        assert_eq!(admin_name("", "SY", admin1), "");
    }

    #[test]
    fn interactions_put_the_lower_type_first() {
        assert_eq!(interaction(Some(2), Some(1)), "State forces-Rebel group");
        assert_eq!(
            interaction(Some(8), Some(7)),
            "Civilians-External/Other forces"
        );
        assert_eq!(interaction(Some(3), None), "Political militia only");
        assert_eq!(interaction(None, None), "");
    }

    #[test]
    fn state_forces_abroad_are_external() {
        let t = &*TABLES;
        let syria = t.country("SY");
        assert_eq!(
            acled_actor("RUSSIA", syria),
            ("Military Forces of Russia".to_string(), Some(EXTERNAL))
        );
        assert_eq!(acled_actor("SYR_GOV", syria).1, Some(STATE_FORCES));
        assert_eq!(
            acled_actor("CIVILIANS", syria),
            ("Civilians (Syria)".to_string(), Some(CIVILIANS))
        );
        assert_eq!(acled_actor("ISIS", None).0, "Islamic State");
        assert_eq!(
            acled_actor("NEW_GROUP", syria),
            ("NEW_GROUP".to_string(), None)
        );
    }
}
