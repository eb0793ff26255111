//! The gazetteer's records and the tab-separated format they are stored in.
//!
//! One format serves the generated GeoNames extract (`geonames.tsv`), the
//! reviewed supplement (`supplement.tsv`) and user files written by
//! `rasad gazetteer import`: a header line, then one place a line with the
//! columns
//!
//! `id name variants en lat lon feature country admin1 admin2 population needs_head note`
//!
//! `variants` is `|`-separated; a variant written `!name` needs a head word
//! (`مدينة`, `قرية` …) or a list context to count, `?name` needs a head, a
//! preposition or a sentence start before it, and `-name` removes a spelling
//! that the row it overrides has (a GeoNames alternate name that is a common
//! word, such as `عين` for الحجب). `needs_head` applies the same
//! rule to the canonical name: `0` free, `1` head, `2` head or preposition.
//! Lines starting with `#` are comments.

use std::fmt;

/// How much context a name needs before a mention of it counts as a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Need {
    /// Always a place (البوكمال، دير الزور).
    Free,
    /// Only after a head word, a preposition or at a sentence start (سورية,
    /// which is also the feminine adjective "Syrian").
    Prep,
    /// Only after a head word or inside a list governed by one (الصناعة).
    Head,
    /// Only after a head word or inside a list governed by one, never on
    /// the weaker evidence of a preposition with a place of the same area:
    /// names that are among the commonest words (`النصر` "victory",
    /// `الميدان` "the field", in `ساهم في النصر`, `بالميدان`).
    Strict,
}

impl Need {
    fn from_column(s: &str) -> Need {
        match s.trim() {
            "1" => Need::Head,
            "2" => Need::Prep,
            "3" => Need::Strict,
            _ => Need::Free,
        }
    }
}

/// One place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// `geonames:N` or `rasad:<slug>`.
    pub id: String,
    /// Canonical Arabic name, as the press writes it.
    pub name: String,
    /// English (or GeoNames) name.
    pub en: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// GeoNames feature class and code, `P.PPLA2`, `H.STM`, `A.ADM1` …
    pub feature: String,
    /// ISO 3166 country code.
    pub country: String,
    /// First-level division (governorate), empty when unknown.
    pub admin1: String,
    /// Second-level division (district), empty when unknown.
    pub admin2: String,
    /// Inhabitants (0 when unknown).
    pub population: u64,
    /// True for entries of the reviewed supplement (preferred on ties).
    pub reviewed: bool,
}

impl Place {
    /// A readable kind for the feature code: `country`, `governorate`,
    /// `district`, `subdistrict`, `city`, `town`, `neighbourhood`, `river`,
    /// `mountain`, `region`, `airport`, `base`, `oilfield`, `crossing`, `camp`,
    /// `landmark`.
    pub fn kind(&self) -> &'static str {
        let (class, code) = self.feature.split_once('.').unwrap_or((&self.feature, ""));
        match (class, code) {
            ("A", c) if c.starts_with("PCL") => "country",
            ("A", "ADM1") => "governorate",
            ("A", "ADM2") => "district",
            ("A", _) => "subdistrict",
            ("P", "PPLX") => "neighbourhood",
            ("P", "PPLC" | "PPLA" | "PPLA2") => "city",
            ("P", _) if self.population >= 100_000 => "city",
            ("P", _) => "town",
            ("H", _) => "river",
            ("T", "MT" | "MTS" | "HLL" | "HLLS" | "RDGE") => "mountain",
            ("T", _) | ("L", "RGN" | "AREA") => "region",
            ("S", "AIRP") => "airport",
            ("S", "AIRB" | "INSM" | "MILB") => "base",
            ("L", "OILF") | ("S", "OILW" | "GASF") => "oilfield",
            ("S", "PSTB" | "BDGQ") => "crossing",
            ("S", "CMPRF") | ("L", "CMPRF") => "camp",
            _ => "landmark",
        }
    }

    /// A rough importance used to break ties between namesakes.
    pub fn importance(&self) -> f64 {
        let kind_bonus = match self.kind() {
            "country" => 4.0,
            "governorate" => 2.5,
            "city" => 1.5,
            "district" | "river" | "region" => 1.0,
            _ => 0.0,
        };
        kind_bonus + ((self.population as f64) + 1.0).log10() * 0.4
    }
}

/// A place with the names it is written as.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The place.
    pub place: Place,
    /// Every name (canonical first) with the context it needs.
    pub names: Vec<(String, Need)>,
    /// Spellings removed from the row this one overrides (`-name`).
    pub dropped: Vec<String>,
}

/// A line of a gazetteer file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The header line of the format.
pub const HEADER: &str =
    "id\tname\tvariants\ten\tlat\tlon\tfeature\tcountry\tadmin1\tadmin2\tpopulation\tneeds_head\tnote";

/// Parses a gazetteer file. `reviewed` marks the rows as supplement entries.
/// Malformed lines are reported, not fatal: the good rows are returned with
/// the errors.
pub fn parse(text: &str, reviewed: bool) -> (Vec<Row>, Vec<ParseError>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("id\t") {
            continue;
        }
        match parse_line(line, reviewed) {
            Ok(row) => rows.push(row),
            Err(message) => errors.push(ParseError {
                line: i + 1,
                message,
            }),
        }
    }
    (rows, errors)
}

/// Columns a place line has at least (`note` may be missing).
const MIN_COLUMNS: usize = 12;

fn parse_line(line: &str, reviewed: bool) -> Result<Row, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < MIN_COLUMNS {
        return Err(format!("{} columns, want at least 12", f.len()));
    }
    let id = f[0].trim();
    let name = f[1].trim();
    if id.is_empty() || name.is_empty() {
        return Err("empty id or name".into());
    }
    let lat = number(f[4], "lat")?;
    let lon = number(f[5], "lon")?;
    let mut names = vec![(name.to_string(), Need::from_column(f[11]))];
    let dropped = variants(f[2], &mut names);
    inherit_article_need(&mut names);
    Ok(Row {
        place: Place {
            id: id.to_string(),
            name: name.to_string(),
            en: f[3].trim().to_string(),
            lat,
            lon,
            feature: f[6].trim().to_string(),
            country: f[7].trim().to_string(),
            admin1: f[8].trim().to_string(),
            admin2: f[9].trim().to_string(),
            population: f[10].trim().parse::<u64>().unwrap_or(0),
            reviewed,
        },
        names,
        dropped,
    })
}

/// A number column; empty means unknown (NaN).
fn number(s: &str, what: &str) -> Result<f64, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(f64::NAN);
    }
    s.parse::<f64>().map_err(|_| format!("bad {what} {s:?}"))
}

/// Adds the spellings of the `|`-separated variants column to `names`
/// (each once) and returns the removed ones (`-name`).
fn variants(column: &str, names: &mut Vec<(String, Need)>) -> Vec<String> {
    let mut dropped = Vec::new();
    for v in column.split('|') {
        let v = v.trim();
        if let Some(rest) = v.strip_prefix('-') {
            if !rest.trim().is_empty() {
                dropped.push(rest.trim().to_string());
            }
            continue;
        }
        let (need, v) = marked_need(v);
        let v = v.trim();
        if !v.is_empty() && !names.iter().any(|(n, _)| n == v) {
            names.push((v.to_string(), need));
        }
    }
    dropped
}

/// The context a variant asks for by its mark (`!!` strict, `!` a head,
/// `?` a head or a preposition, none free) and the variant without it.
fn marked_need(v: &str) -> (Need, &str) {
    if let Some(rest) = v.strip_prefix("!!") {
        (Need::Strict, rest)
    } else if let Some(rest) = v.strip_prefix('!') {
        (Need::Head, rest)
    } else if let Some(rest) = v.strip_prefix('?') {
        (Need::Prep, rest)
    } else {
        (Need::Free, v)
    }
}

/// The words of a name as keys, and whether its first word has the article.
fn article_split(name: &str) -> (Vec<String>, bool) {
    let k = rasad_text::key(name);
    let mut words: Vec<String> = k.split_whitespace().map(str::to_string).collect();
    let mut article = false;
    if let Some(first) = words.first_mut() {
        let bare = rasad_text::clitic::strip_article(first);
        if bare.len() != first.len() {
            *first = bare.to_string();
            article = true;
        }
    }
    (words, article)
}

/// A spelling without the article of a canonical name that has it and needs
/// context is the same common word and needs the same context: `خيام` of
/// `الخيام` ("the tents"), `شيوخ` of `الشيوخ` ("elders"). The reverse is not
/// inherited: `القاهرة` is free though `قاهرة` needs a head. A spelling with
/// the same key as the canonical name (`عنة` of `عنه`) is the same word to the
/// matcher and needs the same context too.
fn inherit_article_need(names: &mut [(String, Need)]) {
    let Some((canon, need)) = names.first().cloned() else {
        return;
    };
    if need == Need::Free {
        return;
    }
    let (words, article) = article_split(&canon);
    for (n, nd) in names.iter_mut().skip(1) {
        let (w, a) = article_split(n);
        if w == words && (a == article || article) && *nd < need {
            *nd = need;
        }
    }
}

/// Writes a row in the file format (no trailing newline).
pub fn format_row(row: &Row, note: &str) -> String {
    let p = &row.place;
    let need_col = |n: Need| match n {
        Need::Free => "0",
        Need::Head => "1",
        Need::Prep => "2",
        Need::Strict => "3",
    };
    let variants: Vec<String> = row
        .names
        .iter()
        .skip(1)
        .map(|(n, need)| match need {
            Need::Free => n.clone(),
            Need::Head => format!("!{n}"),
            Need::Strict => format!("!!{n}"),
            Need::Prep => format!("?{n}"),
        })
        .chain(row.dropped.iter().map(|n| format!("-{n}")))
        .collect();
    let coord = |x: f64| {
        if x.is_finite() {
            format!("{x:.4}")
        } else {
            String::new()
        }
    };
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    [
        clean(&p.id),
        clean(&p.name),
        clean(&variants.join("|")),
        clean(&p.en),
        coord(p.lat),
        coord(p.lon),
        clean(&p.feature),
        clean(&p.country),
        clean(&p.admin1),
        clean(&p.admin2),
        p.population.to_string(),
        need_col(row.names.first().map(|n| n.1).unwrap_or(Need::Free)).to_string(),
        clean(note),
    ]
    .join("\t")
}

/// Phrases that contain place names but are not places (actor names,
/// operation names, outlets): one phrase a line, a tab, a note.
pub fn parse_not_places(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or("").trim())
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_marks() {
        let line = "rasad:x\tالصناعة\t!المنطقة الصناعية|?حي الصناعة|المدينة الصناعية\tIndustrial area\t34.4500\t40.9200\tP.PPLX\tSY\tدير الزور\t\t0\t1\tnote";
        let (rows, errs) = parse(line, true);
        assert!(errs.is_empty());
        let r = &rows[0];
        assert_eq!(r.names[0], ("الصناعة".to_string(), Need::Head));
        assert_eq!(r.names[1].1, Need::Head);
        assert_eq!(r.names[2].1, Need::Prep);
        assert_eq!(r.names[3].1, Need::Free);
        assert_eq!(r.place.kind(), "neighbourhood");
        let again = format_row(r, "note");
        assert_eq!(again, line);
    }

    #[test]
    fn bare_spelling_inherits_the_need_of_the_article_form() {
        let rows = [
            // (canonical, its need column, variants, need of the second name)
            ("الخيام", "1", "خيام", Need::Head),
            ("الشيوخ", "1", "?شيوخ", Need::Head),
            ("الميدان", "2", "ميدان", Need::Prep),
            ("قاهرة", "1", "القاهرة", Need::Free),
            ("حميمة", "1", "الحميمة", Need::Free),
            ("الرقة", "0", "رقة", Need::Free),
            ("عنه", "1", "عنة", Need::Head),
        ];
        for (canon, need, variants, want) in rows {
            let line = format!("rasad:x\t{canon}\t{variants}\t\t\t\tP.PPL\tSY\t\t\t0\t{need}\t");
            let (rows, errs) = parse(&line, true);
            assert!(errs.is_empty());
            assert_eq!(rows[0].names[1].1, want, "{canon} / {variants}");
        }
    }

    #[test]
    fn strict_need_round_trips() {
        let line = "rasad:x\tالنصر\t!!نصر|حي النصر\t\t\t\tP.PPL\tPS\t\t\t0\t3\t";
        let (rows, errs) = parse(line, true);
        assert!(errs.is_empty());
        assert_eq!(rows[0].names[0].1, Need::Strict);
        assert_eq!(rows[0].names[1], ("نصر".to_string(), Need::Strict));
        assert_eq!(rows[0].names[2].1, Need::Free);
        assert_eq!(format_row(&rows[0], ""), line);
    }

    #[test]
    fn dropped_spellings() {
        let line = "geonames:1\tالحجب\t-عين|حجب\t\t\t\tP.PPL\tYE\t\t\t0\t1\t";
        let (rows, errs) = parse(line, true);
        assert!(errs.is_empty());
        assert_eq!(rows[0].dropped, ["عين"]);
        assert_eq!(rows[0].names.len(), 2);
        assert!(format_row(&rows[0], "").contains("حجب|-عين"));
    }

    #[test]
    fn bad_lines_are_reported_not_fatal() {
        let text = format!(
            "{HEADER}\n# comment\nonly\ttwo\nrasad:a\tأ\t\t\tx\t1\tP.PPL\tSY\t\t\t0\t0\t\n"
        );
        let (rows, errs) = parse(&text, false);
        assert!(rows.is_empty());
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, 3);
    }

    #[test]
    fn empty_coordinates_are_nan() {
        let (rows, _) = parse("rasad:a\tأ\t\t\t\t\tP.PPL\tSY\t\t\t\t0\t", false);
        assert!(rows[0].place.lat.is_nan());
    }
}
