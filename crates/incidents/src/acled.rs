//! The ACLED export: ACLED's own column names and order, so a team can load
//! rasad's incidents next to ACLED data, plus rasad's review columns.
//!
//! Columns rasad cannot fill (ACLED's actor interaction codes, admin2/3, its
//! source scale and tags) are left empty rather than guessed.

use crate::export::{outlets, role};
use crate::review::corrected_fields;
use crate::summary::Incident;

/// ACLED's columns in its export order, then `reviewed` and `corrected`.
pub const COLUMNS: &[&str] = &[
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
    "reviewed",
    "corrected",
];

/// ACLED's names for the snake-case codes of the extraction record
/// (`../shared/spec/extract-output.md`): event types, then sub-event types.
const NAMES: &[(&str, &str)] = &[
    ("battles", "Battles"),
    ("explosions_remote_violence", "Explosions/Remote violence"),
    ("violence_against_civilians", "Violence against civilians"),
    ("protests", "Protests"),
    ("riots", "Riots"),
    ("strategic_developments", "Strategic developments"),
    ("armed_clash", "Armed clash"),
    (
        "government_regains_territory",
        "Government regains territory",
    ),
    (
        "non_state_actor_overtakes_territory",
        "Non-state actor overtakes territory",
    ),
    ("chemical_weapon", "Chemical weapon"),
    ("air_drone_strike", "Air/drone strike"),
    ("suicide_bomb", "Suicide bomb"),
    (
        "shelling_artillery_missile_attack",
        "Shelling/artillery/missile attack",
    ),
    (
        "remote_explosive_landmine_ied",
        "Remote explosive/landmine/IED",
    ),
    ("grenade", "Grenade"),
    ("sexual_violence", "Sexual violence"),
    ("attack", "Attack"),
    (
        "abduction_forced_disappearance",
        "Abduction/forced disappearance",
    ),
    ("peaceful_protest", "Peaceful protest"),
    ("protest_with_intervention", "Protest with intervention"),
    (
        "excessive_force_against_protesters",
        "Excessive force against protesters",
    ),
    ("violent_demonstration", "Violent demonstration"),
    ("mob_violence", "Mob violence"),
    ("agreement", "Agreement"),
    ("arrests", "Arrests"),
    ("change_to_group_activity", "Change to group/activity"),
    ("disrupted_weapons_use", "Disrupted weapons use"),
    (
        "headquarters_or_base_established",
        "Headquarters or base established",
    ),
    (
        "looting_property_destruction",
        "Looting/property destruction",
    ),
    (
        "non_violent_transfer_of_territory",
        "Non-violent transfer of territory",
    ),
    ("other", "Other"),
];

/// ACLED's name for a code (a code it lacks, or a name a reviewer typed,
/// passes through).
pub fn acled_name(code: &str) -> &str {
    NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, name)| name)
}

/// ACLED's disorder type for an event type code.
fn disorder_type(kind: &str) -> &'static str {
    match kind {
        "protests" | "riots" => "Demonstrations",
        "strategic_developments" => "Strategic developments",
        "" => "",
        _ => "Political violence",
    }
}

/// ACLED's time precision: 1 day, 2 week, 3 month (rasad's 1–5 scale folded).
fn time_precision(prec: u8) -> &'static str {
    match prec {
        0 | 1 => "1",
        2 | 3 => "2",
        _ => "3",
    }
}

/// ACLED's geo precision: 1 town, 2 near/part of a region, 3 province.
fn geo_precision(prec: u8) -> &'static str {
    match prec {
        0 | 1 => "1",
        2 | 3 => "2",
        _ => "3",
    }
}

fn number(x: Option<f64>) -> String {
    x.map(|v| format!("{}", v.round() as i64))
        .unwrap_or_default()
}

/// One ACLED row; `fatalities` is the most conservative figure (ACLED codes
/// the lowest credible report), or the reviewer's figure once set.
pub fn row(inc: &Incident) -> Vec<String> {
    let place = inc.places.first();
    let date = inc.date.clone().unwrap_or_default();
    let day = date.get(..10).unwrap_or(&date).to_string();
    let year = day.get(..4).unwrap_or("").to_string();
    let notes = inc
        .reports
        .iter()
        .find_map(|r| r.evidence.first())
        .cloned()
        .unwrap_or_default();
    let civilians = inc.actors.iter().any(|a| a.id.starts_with("CIV"));
    let assoc = role(inc, "associated");
    vec![
        inc.id.clone(),
        day,
        year,
        time_precision(inc.date_prec).into(),
        disorder_type(&inc.kind).into(),
        acled_name(&inc.kind).to_string(),
        inc.subtypes
            .first()
            .map(|s| acled_name(s).to_string())
            .unwrap_or_default(),
        role(inc, "actor1"),
        assoc,
        String::new(),
        role(inc, "actor2"),
        String::new(),
        String::new(),
        String::new(),
        if civilians {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        String::new(),
        String::new(),
        String::new(),
        place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
        String::new(),
        String::new(),
        place.map(|p| p.name.clone()).unwrap_or_default(),
        place
            .and_then(|p| p.lat)
            .map(|v| format!("{v:.4}"))
            .unwrap_or_default(),
        place
            .and_then(|p| p.lon)
            .map(|v| format!("{v:.4}"))
            .unwrap_or_default(),
        geo_precision(inc.where_prec).into(),
        outlets(inc),
        String::new(),
        notes,
        number(inc.fatalities.low),
        String::new(),
        String::new(),
        inc.reviewed.to_string(),
        corrected_fields(inc).join(";"),
    ]
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
    fn disorder_types_follow_event_types() {
        assert_eq!(disorder_type("battles"), "Political violence");
        assert_eq!(disorder_type("protests"), "Demonstrations");
        assert_eq!(
            disorder_type("strategic_developments"),
            "Strategic developments"
        );
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
}
