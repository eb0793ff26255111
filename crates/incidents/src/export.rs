//! Incidents out: CSV with ACLED's columns then rasad's (see
//! [`crate::acled`]), GeoJSON with the same fields, and JSON lines.

use crate::acled;
use crate::summary::Incident;
use std::collections::HashMap;
use std::io::Write;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// ACLED's 31 columns, then rasad's (see [`crate::acled`]).
    Csv,
    /// The same as [`Format::Csv`] (the name the review layer gave it).
    Acled,
    GeoJson,
    JsonLines,
    /// The CSV's columns and rows as an Excel workbook.
    Xlsx,
}

/// Each article's URL, for the `url` column of the exports.
#[derive(Debug, Clone, Default)]
pub struct Links {
    urls: HashMap<String, String>,
}

impl Links {
    /// Links from (article id, URL) pairs.
    pub fn new(urls: impl IntoIterator<Item = (String, String)>) -> Self {
        Links {
            urls: urls.into_iter().collect(),
        }
    }

    /// The URL of an article, if it has one.
    pub fn url(&self, article: &str) -> Option<&str> {
        self.urls.get(article).map(String::as_str)
    }
}

/// What an export wrote: rows (or features), and incidents left out because
/// their date is not a full day (ACLED's `event_date` must be one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub rows: usize,
    pub left_out: usize,
}

/// The byte-order mark that makes Excel read a CSV file as UTF-8.
pub const BOM: &str = "\u{feff}";

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

/// Columns whose cells are numbers in GeoJSON properties.
const NUMERIC: &[&str] = &[
    "year",
    "time_precision",
    "iso",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "timestamp",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "reports",
    "disagreements",
];

/// The export's fields of a row as JSON properties (numbers as numbers,
/// `reviewed` a boolean, empty cells null).
fn properties(cells: Vec<String>) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    acled::columns()
        .into_iter()
        .zip(cells)
        .map(|(col, cell)| {
            let v = if cell.is_empty() {
                Value::Null
            } else if col == "reviewed" {
                Value::Bool(cell == "true")
            } else if NUMERIC.contains(&col) {
                cell.parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::String(cell), Value::Number)
            } else {
                Value::String(cell)
            };
            (col.to_string(), v)
        })
        .collect()
}

/// The GeoJSON feature of an incident (null geometry without coordinates),
/// its properties the export's columns; `None` without a full date.
pub fn feature(inc: &Incident, links: &Links) -> Option<serde_json::Value> {
    let cells = acled::row(inc, links)?;
    let geometry = inc
        .places
        .first()
        .and_then(|p| p.lat.zip(p.lon))
        .map(|(lat, lon)| serde_json::json!({"type": "Point", "coordinates": [lon, lat]}))
        .unwrap_or(serde_json::Value::Null);
    Some(serde_json::json!({
        "type": "Feature",
        "id": inc.id,
        "geometry": geometry,
        "properties": properties(cells),
    }))
}

/// Writes the header and one row per incident with a full date, formula
/// cells neutralised.
fn write_csv(
    incidents: &[Incident],
    links: &Links,
    out: &mut dyn Write,
) -> std::io::Result<Written> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(acled::columns())?;
    let mut n = Written::default();
    for inc in incidents {
        let Some(row) = acled::row(inc, links) else {
            n.left_out += 1;
            continue;
        };
        w.write_record(row.iter().map(|c| neutralise_formula(c).into_owned()))?;
        n.rows += 1;
    }
    w.flush()?;
    Ok(n)
}

/// The CSV's rows as an Excel workbook (one sheet, numbers as numbers;
/// text cells are never read as formulas).
fn write_xlsx(
    incidents: &[Incident],
    links: &Links,
    out: &mut dyn Write,
) -> std::io::Result<Written> {
    let bad = |e: rust_xlsxwriter::XlsxError| std::io::Error::other(e.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let columns = acled::columns();
    for (c, name) in columns.iter().enumerate() {
        sheet.write_string(0, c as u16, *name).map_err(bad)?;
    }
    let mut n = Written::default();
    for inc in incidents {
        let Some(row) = acled::row(inc, links) else {
            n.left_out += 1;
            continue;
        };
        n.rows += 1;
        let r = n.rows as u32;
        for (c, (cell, col)) in row.iter().zip(&columns).enumerate() {
            let number = NUMERIC
                .contains(col)
                .then(|| cell.parse::<f64>().ok())
                .flatten();
            match number {
                Some(x) => sheet.write_number(r, c as u16, x).map_err(bad)?,
                None => sheet.write_string(r, c as u16, cell).map_err(bad)?,
            };
        }
    }
    out.write_all(&book.save_to_buffer().map_err(bad)?)?;
    Ok(n)
}

fn write_geojson(
    incidents: &[Incident],
    links: &Links,
    out: &mut dyn Write,
) -> std::io::Result<Written> {
    let features: Vec<serde_json::Value> =
        incidents.iter().filter_map(|i| feature(i, links)).collect();
    let n = Written {
        rows: features.len(),
        left_out: incidents.len() - features.len(),
    };
    let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
    serde_json::to_writer(&mut *out, &fc)?;
    writeln!(out)?;
    Ok(n)
}

/// Writes incidents in `format`: CSV (ACLED's columns, then rasad's),
/// GeoJSON (the same fields as properties), or JSON lines (every incident
/// as stored).
pub fn write(
    incidents: &[Incident],
    format: Format,
    links: &Links,
    out: &mut dyn Write,
) -> std::io::Result<Written> {
    match format {
        Format::Csv | Format::Acled => write_csv(incidents, links, out),
        Format::GeoJson => write_geojson(incidents, links, out),
        Format::Xlsx => write_xlsx(incidents, links, out),
        Format::JsonLines => {
            for inc in incidents {
                serde_json::to_writer(&mut *out, inc)?;
                writeln!(out)?;
            }
            Ok(Written {
                rows: incidents.len(),
                left_out: 0,
            })
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
