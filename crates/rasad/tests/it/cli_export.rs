//! `rasad export --format acled` read back as a spreadsheet would: ACLED's
//! 31 column names in ACLED's order, every label one of ACLED's published
//! lists (written out here from ACLED's codebook, not read from rasad's
//! data), every date a full ISO date, a URL on every row; `--excel` starts
//! with a byte-order mark; GeoJSON carries the same fields.

use std::process::Command;

/// Articles written for this test: an air strike told by two outlets, a
/// clash between the army and a rebel group, an attack on civilians.
const ARTICLES: &[(&str, &str, &str, &str)] = &[
    ("a1", "عنب بلدي", "2019-05-10",
     "قتل 7 مدنيين وأصيب آخرون جراء غارات جوية شنتها طائرات حربية روسية على مدينة سراقب شرقي إدلب اليوم الجمعة."),
    ("a2", "سمارت", "2019-05-10",
     "قتل 9 مدنيين في غارات جوية روسية استهدفت مدينة سراقب بريف إدلب اليوم الجمعة، بحسب الدفاع المدني."),
    ("a3", "الوطن", "2019-06-02",
     "اندلعت اشتباكات عنيفة بين قوات النظام وهيئة تحرير الشام قرب بلدة كفرنبودة في ريف حماة الشمالي اليوم الأحد، قتل فيها 5 عناصر."),
    ("a4", "المدن", "2019-07-15",
     "قتل تنظيم داعش ثلاثة رعاة أغنام في بادية دير الزور الشرقية يوم أمس الأحد."),
];

/// ACLED's export columns, in order (ACLED codebook, 2024).
const ACLED_HEADER: [&str; 31] = [
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

const DISORDER: &[&str] = &[
    "Political violence",
    "Demonstrations",
    "Strategic developments",
];
const EVENT_TYPES: &[&str] = &[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
];
const SUB_EVENT_TYPES: &[&str] = &[
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
];
const INTER: &[&str] = &[
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
];

fn rasad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rasad"))
}

fn ingest(db: &std::path::Path) {
    super::cli_incidents::ingest(db, ARTICLES);
}

fn export(db: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let out = rasad()
        .arg("export")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// True when every `; `-separated part of `cell` is in `list` (empty allowed).
fn labels_in(cell: &str, list: &[&str]) -> bool {
    cell.is_empty() || cell.split("; ").all(|p| list.contains(&p))
}

/// An interaction: `A-B` of two actor types, or `A only`.
fn interaction_ok(cell: &str) -> bool {
    if cell.is_empty() {
        return true;
    }
    if let Some(a) = cell.strip_suffix(" only") {
        return INTER.contains(&a);
    }
    INTER.iter().any(|a| {
        cell.strip_prefix(a)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|b| INTER.contains(&b))
    })
}

#[test]
fn acled_export_has_acleds_columns_labels_dates_and_urls() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ingest(&db);
    let bytes = export(&db, &["--format", "acled"]);
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[..31],
        &ACLED_HEADER[..],
        "ACLED's columns first, in order"
    );
    for extra in [
        "url",
        "fatalities_low",
        "fatalities_best",
        "fatalities_high",
        "claims",
        "reviewed",
    ] {
        assert!(header[31..].iter().any(|h| h == extra), "{extra}");
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(rows.len() >= 3, "{rows:?}");
    for row in &rows {
        let get = |name: &str| row.get(col(name)).unwrap();
        let date: jiff::civil::Date = get("event_date").parse().unwrap();
        assert_eq!(get("year"), date.year().to_string());
        assert!(["1", "2", "3"].contains(&get("time_precision")), "{row:?}");
        assert!(["1", "2", "3"].contains(&get("geo_precision")), "{row:?}");
        assert!(labels_in(get("disorder_type"), DISORDER), "{row:?}");
        assert!(EVENT_TYPES.contains(&get("event_type")), "{row:?}");
        assert!(labels_in(get("sub_event_type"), SUB_EVENT_TYPES), "{row:?}");
        assert!(
            labels_in(get("inter1"), INTER) && !get("inter1").is_empty(),
            "{row:?}"
        );
        assert!(labels_in(get("inter2"), INTER), "{row:?}");
        assert!(interaction_ok(get("interaction")), "{row:?}");
        assert!(["", "Civilian targeting"].contains(&get("civilian_targeting")));
        assert!(
            !get("actor1").contains("; "),
            "one actor per actor1 cell: {row:?}"
        );
        assert_eq!(get("country"), "Syria", "{row:?}");
        assert_eq!((get("iso"), get("region")), ("760", "Middle East"));
        assert!(get("fatalities").parse::<u32>().is_ok(), "{row:?}");
        assert!(get("timestamp").parse::<i64>().is_ok(), "{row:?}");
        assert!(get("url").starts_with("https://news.example/"), "{row:?}");
        let scales = ["National", "Regional", "International"];
        let scale = get("source_scale");
        assert!(scale.split('-').all(|s| scales.contains(&s)), "{row:?}");
    }
    // The strike two outlets told: ACLED's figure is the lower one; both
    // outlets' claims and URLs are kept.
    let strike = rows
        .iter()
        .find(|r| r.get(col("url")).unwrap().contains("/a1"))
        .unwrap();
    assert_eq!(strike.get(col("fatalities")), Some("7"), "{strike:?}");
    assert_eq!(strike.get(col("fatalities_high")), Some("9"));
    assert_eq!(
        strike.get(col("event_type")),
        Some("Explosions/Remote violence")
    );
    assert_eq!(strike.get(col("sub_event_type")), Some("Air/drone strike"));
    assert_eq!(
        strike.get(col("inter1")),
        Some("External/Other forces"),
        "{strike:?}"
    );
    let claims = strike.get(col("claims")).unwrap();
    assert!(
        claims.contains("عنب بلدي: 7") && claims.contains("سمارت: 9"),
        "{claims}"
    );
    assert!(strike.get(col("url")).unwrap().contains("/a2"));
    // Both outlets are Syrian: a national source scale.
    assert_eq!(strike.get(col("source_scale")), Some("National"));

    // --excel: a byte-order mark, then the same text.
    let excel = export(&db, &["--format", "acled", "--excel"]);
    assert_eq!(&excel[..3], b"\xEF\xBB\xBF");
    assert_eq!(&excel[3..], &bytes[..]);

    // XLSX: a workbook (a zip archive) holding the same rows.
    let xlsx = export(&db, &["--format", "xlsx"]);
    assert_eq!(&xlsx[..2], b"PK");
    assert!(xlsx.len() > 2000);

    // GeoJSON: the same rows, the same fields.
    let geo: serde_json::Value =
        serde_json::from_slice(&export(&db, &["--format", "geojson"])).unwrap();
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), rows.len());
    for f in features {
        let p = &f["properties"];
        for name in &header {
            assert!(p.get(name).is_some(), "{name} missing in {p}");
        }
        assert!(p["url"]
            .as_str()
            .unwrap()
            .starts_with("https://news.example/"));
    }
}
