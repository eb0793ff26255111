//! Reading a GeoNames dump (`SY.txt`, `allCountries.txt`: 19 tab-separated
//! columns) into gazetteer rows. Only places with an Arabic-script name
//! written in Arabic letters are kept; their names become the row's names.

use crate::data::{Need, Place, Row};
use crate::heads;
use std::io::BufRead;

/// What an import read and kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportStats {
    /// Lines read.
    pub lines: usize,
    /// Places kept (with an Arabic name).
    pub kept: usize,
    /// Lines that were not 19-column GeoNames records, were not UTF-8, or
    /// gave coordinates out of range: all skipped, the import goes on.
    pub malformed: usize,
    /// One `line N: why` per malformed line.
    pub problems: Vec<String>,
}

impl ImportStats {
    fn skip(&mut self, line: usize, why: impl std::fmt::Display) {
        self.malformed += 1;
        self.problems.push(format!("line {line}: {why}"));
    }
}

/// Latitude and longitude from their columns, when both are numbers in
/// range (GeoNames dumps have carried `999`).
fn coordinates(lat: &str, lon: &str) -> Result<(f64, f64), String> {
    let lat: f64 = lat
        .trim()
        .parse()
        .map_err(|_| format!("latitude {lat:?} is not a number"))?;
    let lon: f64 = lon
        .trim()
        .parse()
        .map_err(|_| format!("longitude {lon:?} is not a number"))?;
    if !(-90.0..=90.0).contains(&lat) {
        return Err(format!("latitude {lat} out of range"));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(format!("longitude {lon} out of range"));
    }
    Ok((lat, lon))
}

fn arabic_only(s: &str) -> bool {
    !s.trim().is_empty()
        && s.chars().all(|c| {
            c == ' '
                || ('\u{0621}'..='\u{063A}').contains(&c)
                || ('\u{0641}'..='\u{0652}').contains(&c)
                || c == '\u{0670}'
        })
}

/// True when a name is that of a division (`محافظة حلب`): a division word
/// and more words.
fn names_division(name: &str) -> bool {
    name.split_once(' ')
        .is_some_and(|(first, _)| heads::is_division_head(&rasad_text::key(first)))
}

/// Reads GeoNames records from `input`. `countries` (ISO codes) limits the
/// import when given. One-word names of small places need a head word
/// (`قرية X`) unless the place is a seat or has 10,000 inhabitants or more:
/// without a frequency list at hand, that keeps village names that are also
/// common words from matching everywhere.
pub fn import_geonames(
    input: impl BufRead,
    countries: Option<&[String]>,
) -> std::io::Result<(Vec<Row>, ImportStats)> {
    let mut stats = ImportStats::default();
    let mut rows = Vec::new();
    for (n, bytes) in input.split(b'\n').enumerate() {
        let bytes = bytes?;
        stats.lines += 1;
        match record(&bytes, countries) {
            Ok(Some(row)) => {
                rows.push(row);
                stats.kept += 1;
            }
            Ok(None) => {}
            Err(why) => stats.skip(n + 1, why),
        }
    }
    Ok((rows, stats))
}

/// GeoNames columns: id, name, ascii name, alternate names, latitude,
/// longitude, feature class, feature code, country, …, admin1 (10), …,
/// population (14), … — 19 in all.
const COLUMNS: usize = 19;

/// Inhabitants from which a place's one-word names need no head word.
const MAJOR_POPULATION: u64 = 10_000;

/// The row of one dump line: `Ok(None)` for a place outside `countries` or
/// without an Arabic name, `Err` with the reason for a malformed line.
fn record(bytes: &[u8], countries: Option<&[String]>) -> Result<Option<Row>, String> {
    let line = std::str::from_utf8(bytes).map_err(|_| "not UTF-8".to_string())?;
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < COLUMNS || f[0].parse::<u64>().is_err() {
        return Err("not a 19-column GeoNames record".to_string());
    }
    let (lat, lon) = coordinates(f[4], f[5])?;
    let cc = f[8];
    if countries.is_some_and(|cs| !cs.iter().any(|c| c.eq_ignore_ascii_case(cc))) {
        return Ok(None);
    }
    let names = arabic_names(f[3]);
    if names.is_empty() {
        return Ok(None);
    }
    let place = Place {
        id: format!("geonames:{}", f[0]),
        name: names[0].clone(),
        en: f[1].to_string(),
        lat,
        lon,
        feature: format!("{}.{}", f[6], f[7]),
        country: cc.to_string(),
        admin1: if f[10].is_empty() {
            String::new()
        } else {
            format!("{cc}.{}", f[10])
        },
        admin2: String::new(),
        population: f[14].parse().unwrap_or(0),
        reviewed: false,
    };
    let major = place.population >= MAJOR_POPULATION
        || matches!(f[7], "PPLA" | "PPLA2" | "PPLC")
        || f[6] == "A"
        || f[6] == "H";
    let names = names.into_iter().map(|n| {
        let need = if n.split_whitespace().count() == 1 && !major {
            Need::Head
        } else {
            Need::Free
        };
        (n, need)
    });
    Ok(Some(Row {
        place,
        names: names.collect(),
        dropped: Vec::new(),
    }))
}

/// The Arabic names among the comma-separated alternate names, without
/// direction marks and diacritics, each once; names of the division
/// (`محافظة حلب`) left out.
fn arabic_names(alternates: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for v in alternates.split(',') {
        let v: String = v
            .chars()
            .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{064B}'..='\u{0652}'))
            .collect();
        let v = v.trim().to_string();
        if arabic_only(&v) && !names_division(&v) && !names.contains(&v) {
            names.push(v);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_arabic_named_places() {
        let dump = "172415\tAs Sūsah\tAs Susah\tAs Susah,السوسة\t34.53\t40.88\tP\tPPLA3\tSY\t\t07\t\t\t\t0\t\t180\tAsia/Damascus\t2012-01-01\n\
                    1\tNowhere\tNowhere\tNowhere\t0\t0\tP\tPPL\tSY\t\t07\t\t\t\t0\t\t0\tX\t2012-01-01\n\
                    broken line\n";
        let (rows, stats) = import_geonames(dump.as_bytes(), None).unwrap();
        assert_eq!((stats.lines, stats.kept, stats.malformed), (3, 1, 1));
        assert_eq!(stats.problems, ["line 3: not a 19-column GeoNames record"]);
        assert_eq!(rows[0].place.id, "geonames:172415");
        assert_eq!(rows[0].names, vec![("السوسة".to_string(), Need::Head)]);
        assert_eq!(rows[0].place.admin1, "SY.07");
        let only_iq = vec!["IQ".to_string()];
        let (rows, _) = import_geonames(dump.as_bytes(), Some(&only_iq)).unwrap();
        assert!(rows.is_empty());
    }

    /// A record with the Arabic name `name`, coordinates `lat`/`lon`.
    fn record(id: u32, name: &str, lat: &str, lon: &str) -> String {
        format!(
            "{id}\tX\tX\tX,{name}\t{lat}\t{lon}\tP\tPPLA\tSY\t\t07\t\t\t\t0\t\t0\tZ\t2012-01-01\n"
        )
    }

    #[test]
    fn bad_lines_are_skipped_by_number_and_the_import_goes_on() {
        let mut dump = Vec::new();
        dump.extend_from_slice("\u{feff}".as_bytes());
        dump.extend_from_slice(record(1, "حلب", "36.2", "37.1").as_bytes());
        dump.extend_from_slice(record(2, "حمص", "999", "37.1").as_bytes());
        dump.extend_from_slice(record(3, "حماة", "35.1", "-999").as_bytes());
        dump.extend_from_slice(b"4\tX\t\xff\xfe broken\n");
        dump.extend_from_slice(record(5, "درعا", "32.6", "36.1").as_bytes());
        let (rows, stats) = import_geonames(&dump[..], None).unwrap();
        let ids: Vec<&str> = rows.iter().map(|r| r.place.id.as_str()).collect();
        assert_eq!(ids, ["geonames:1", "geonames:5"], "the BOM line is kept");
        assert_eq!(
            stats.problems,
            [
                "line 2: latitude 999 out of range",
                "line 3: longitude -999 out of range",
                "line 4: not UTF-8",
            ]
        );
    }
}
