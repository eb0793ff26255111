//! Reading a GeoNames dump (`SY.txt`, `allCountries.txt`: 19 tab-separated
//! columns) into gazetteer rows. Only places with an Arabic-script name
//! written in Arabic letters are kept; their names become the row's names.

use crate::data::{Need, Place, Row};
use std::io::BufRead;

/// What an import read and kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportStats {
    /// Lines read.
    pub lines: usize,
    /// Places kept (with an Arabic name).
    pub kept: usize,
    /// Lines that were not 19-column GeoNames records.
    pub malformed: usize,
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
    for line in input.lines() {
        let line = line?;
        stats.lines += 1;
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 19 || f[0].parse::<u64>().is_err() {
            stats.malformed += 1;
            continue;
        }
        let cc = f[8];
        if countries.is_some_and(|cs| !cs.iter().any(|c| c.eq_ignore_ascii_case(cc))) {
            continue;
        }
        let mut names: Vec<String> = Vec::new();
        for v in f[3].split(',') {
            let v: String = v
                .chars()
                .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{064B}'..='\u{0652}'))
                .collect();
            let v = v.trim().to_string();
            if arabic_only(&v) && !v.starts_with("محافظة ") && !names.contains(&v) {
                names.push(v);
            }
        }
        if names.is_empty() {
            continue;
        }
        let (lat, lon) = (
            f[4].parse().unwrap_or(f64::NAN),
            f[5].parse().unwrap_or(f64::NAN),
        );
        let population = f[14].parse().unwrap_or(0);
        let feature = format!("{}.{}", f[6], f[7]);
        let major = population >= 10_000
            || matches!(f[7], "PPLA" | "PPLA2" | "PPLC")
            || f[6] == "A"
            || f[6] == "H";
        let need = |n: &str| {
            if n.split_whitespace().count() == 1 && !major {
                Need::Head
            } else {
                Need::Free
            }
        };
        let mut row_names: Vec<(String, Need)> = Vec::with_capacity(names.len());
        for n in &names {
            row_names.push((n.clone(), need(n)));
        }
        rows.push(Row {
            place: Place {
                id: format!("geonames:{}", f[0]),
                name: names[0].clone(),
                en: f[1].to_string(),
                lat,
                lon,
                feature,
                country: cc.to_string(),
                admin1: if f[10].is_empty() {
                    String::new()
                } else {
                    format!("{cc}.{}", f[10])
                },
                admin2: String::new(),
                population,
                reviewed: false,
            },
            names: row_names,
            dropped: Vec::new(),
        });
        stats.kept += 1;
    }
    Ok((rows, stats))
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
        assert_eq!(
            stats,
            ImportStats {
                lines: 3,
                kept: 1,
                malformed: 1
            }
        );
        assert_eq!(rows[0].place.id, "geonames:172415");
        assert_eq!(rows[0].names, vec![("السوسة".to_string(), Need::Head)]);
        assert_eq!(rows[0].place.admin1, "SY.07");
        let only_iq = vec!["IQ".to_string()];
        let (rows, _) = import_geonames(dump.as_bytes(), Some(&only_iq)).unwrap();
        assert!(rows.is_empty());
    }
}
