//! Incidents out: ACLED-like CSV, GeoJSON and JSON lines.

use crate::summary::Incident;
use std::io::Write;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    /// ACLED's columns (see [`crate::acled`]).
    Acled,
    GeoJson,
    JsonLines,
}

/// Columns of the CSV export: ACLED's names where ACLED has the field, then
/// rasad's low/best/high and the per-source claims.
pub const CSV_COLUMNS: &[&str] = &[
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "claims",
    "reports",
    "disagreements",
    "reviewed",
    "corrected",
];

fn fmt_num(x: Option<f64>) -> String {
    x.map(|v| {
        if v.fract() == 0.0 {
            format!("{}", v as i64)
        } else {
            v.to_string()
        }
    })
    .unwrap_or_default()
}

/// The actor codes of one role, `; `-separated.
pub(crate) fn role(inc: &Incident, role: &str) -> String {
    inc.actors
        .iter()
        .filter(|a| a.role == role)
        .map(|a| a.id.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The outlets that reported the incident, sorted, `; `-separated.
pub(crate) fn outlets(inc: &Incident) -> String {
    let mut v: Vec<&str> = inc
        .reports
        .iter()
        .filter_map(|r| r.outlet.as_deref())
        .collect();
    v.sort_unstable();
    v.dedup();
    v.join("; ")
}

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(…)` from an
/// article's outlet field), neutralised as OWASP recommends: a cell starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
/// unless it is a plain number (a negative longitude stays a number).
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// One CSV row per incident.
pub fn csv_row(inc: &Incident) -> Vec<String> {
    let place = inc.places.first();
    let claims = inc
        .fatalities
        .claims
        .iter()
        .map(|c| {
            format!(
                "{}={}",
                c.source.as_deref().unwrap_or(&c.article),
                fmt_num(c.count.best)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let notes = inc
        .reports
        .iter()
        .flat_map(|r| r.evidence.first())
        .next()
        .cloned()
        .unwrap_or_default();
    vec![
        inc.id.clone(),
        inc.date.clone().unwrap_or_default(),
        inc.date_prec.to_string(),
        inc.kind.clone(),
        inc.subtypes.first().cloned().unwrap_or_default(),
        role(inc, "actor1"),
        role(inc, "actor2"),
        place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
        place.map(|p| p.name.clone()).unwrap_or_default(),
        fmt_num(place.and_then(|p| p.lat)),
        fmt_num(place.and_then(|p| p.lon)),
        inc.where_prec.to_string(),
        outlets(inc),
        notes,
        // ACLED's single number is the most conservative claim.
        fmt_num(inc.fatalities.low),
        fmt_num(inc.fatalities.low),
        fmt_num(inc.fatalities.best),
        fmt_num(inc.fatalities.high),
        claims,
        inc.reports.len().to_string(),
        inc.disagreements.len().to_string(),
        inc.reviewed.to_string(),
        crate::review::corrected_fields(inc).join(";"),
    ]
}

/// The GeoJSON feature of an incident (null geometry without coordinates).
pub fn feature(inc: &Incident) -> serde_json::Value {
    let geometry = inc
        .places
        .first()
        .and_then(|p| p.lat.zip(p.lon))
        .map(|(lat, lon)| serde_json::json!({"type": "Point", "coordinates": [lon, lat]}))
        .unwrap_or(serde_json::Value::Null);
    serde_json::json!({
        "type": "Feature",
        "id": inc.id,
        "geometry": geometry,
        "properties": {
            "date": inc.date, "date_prec": inc.date_prec, "type": inc.kind, "subtypes": inc.subtypes,
            "place": inc.places.first().map(|p| p.name.clone()), "where_prec": inc.where_prec,
            "actor1": role(inc, "actor1"), "actor2": role(inc, "actor2"),
            "fatalities_low": inc.fatalities.low, "fatalities_best": inc.fatalities.best,
            "fatalities_high": inc.fatalities.high, "reports": inc.reports.len(),
            "disagreements": inc.disagreements.len(),
        }
    })
}

/// Writes a header and one row per incident, formula cells neutralised.
fn write_csv(
    incidents: &[Incident],
    columns: &[&str],
    row: fn(&Incident) -> Vec<String>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(columns)?;
    for inc in incidents {
        w.write_record(row(inc).iter().map(|c| neutralise_formula(c).into_owned()))?;
    }
    w.flush()
}

/// Writes incidents in `format`.
pub fn write(incidents: &[Incident], format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Csv => write_csv(incidents, CSV_COLUMNS, csv_row, out),
        Format::Acled => write_csv(incidents, crate::acled::COLUMNS, crate::acled::row, out),
        Format::GeoJson => {
            let fc = serde_json::json!({
                "type": "FeatureCollection",
                "features": incidents.iter().map(feature).collect::<Vec<_>>(),
            });
            serde_json::to_writer(&mut *out, &fc)?;
            writeln!(out)
        }
        Format::JsonLines => {
            for inc in incidents {
                serde_json::to_writer(&mut *out, inc)?;
                writeln!(out)?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise_formula;

    #[test]
    fn formula_cells_are_neutralised_and_numbers_kept() {
        let table = [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("-5.25", "-5.25"),
            ("+3", "+3"),
            ("الوطن", "الوطن"),
            ("a=b", "a=b"),
            ("", ""),
        ];
        for (cell, want) in table {
            assert_eq!(neutralise_formula(cell), want, "{cell:?}");
        }
    }
}
