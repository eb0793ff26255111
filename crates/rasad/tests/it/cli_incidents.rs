//! Incidents end to end: articles written for this test (three outlets on one
//! air strike with different tolls, a strike in the same town two days later,
//! and one in another town the same day) are ingested, and `rasad incidents`
//! must merge the first three and keep the decoys apart.

use std::io::Write;
use std::process::{Command, Stdio};

pub(crate) const ARTICLES: &[(&str, &str, &str, &str)] = &[
    ("enab-1", "عنب بلدي", "2019-05-10",
     "قتل 12 مدنياً وأصيب آخرون جراء غارات جوية شنتها طائرات حربية روسية على مدينة معرة النعمان في ريف إدلب الجنوبي اليوم الجمعة، بحسب الدفاع المدني."),
    ("smart-1", "سمارت", "2019-05-10",
     "قتل 15 مدنياً بينهم أطفال في غارات جوية روسية استهدفت الأحياء السكنية في مدينة معرة النعمان جنوبي إدلب اليوم، وفق ما أفادت مصادر محلية."),
    ("sohr-1", "المرصد السوري لحقوق الإنسان", "2019-05-11",
     "وثق المرصد السوري لحقوق الإنسان مقتل 31 مدنياً في غارات جوية نفذتها طائرات روسية أمس الجمعة على مدينة معرة النعمان بريف إدلب."),
    ("enab-2", "عنب بلدي", "2019-05-12",
     "قتل 4 مدنيين بغارة جوية روسية على مدينة معرة النعمان جنوبي إدلب اليوم الأحد."),
    ("smart-2", "سمارت", "2019-05-10",
     "قتل مدنيان بغارة جوية روسية على مدينة سراقب شرقي إدلب اليوم الجمعة."),
];

fn rasad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rasad"))
}

#[test]
fn reports_of_one_strike_merge_and_decoys_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ingest(&db, ARTICLES);
    let incidents = incidents(&db);
    let groups: Vec<Vec<String>> = incidents
        .iter()
        .map(|i| {
            let mut v: Vec<String> = i["reports"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["article"].as_str().unwrap().to_string())
                .collect();
            v.sort();
            v
        })
        .collect();
    assert!(
        groups.contains(&vec![
            "enab-1".to_string(),
            "smart-1".into(),
            "sohr-1".into()
        ]),
        "{groups:?}"
    );
    assert!(groups.contains(&vec!["enab-2".to_string()]), "{groups:?}");
    assert!(groups.contains(&vec!["smart-2".to_string()]), "{groups:?}");
    let main = incidents
        .iter()
        .find(|i| i["reports"].as_array().unwrap().len() == 3)
        .unwrap();
    assert_eq!(main["fatalities"]["low"], 12.0);
    assert_eq!(main["fatalities"]["high"], 31.0);
    assert!(main["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["kind"] == "count"));
    for key in ["id", "date", "places", "actors", "fatalities", "reports"] {
        assert!(main.get(key).is_some(), "{key}");
    }

    // The same incidents come out of the CSV and GeoJSON exports.
    let out = rasad()
        .args(["export", "--format", "csv", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.starts_with("event_id_cnty,event_date,year,time_precision"));
    assert_eq!(csv.lines().count(), incidents.len() + 1);
    let out = rasad()
        .args(["export", "--format", "geojson", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let fc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fc["features"].as_array().unwrap().len(), incidents.len());

    // verify: a reference saying 12 killed that day in Maarat al-Numan.
    let reference = dir.path().join("ref.csv");
    std::fs::write(
        &reference,
        "date,place,fatalities\n2019-05-10,معرة النعمان,12\n",
    )
    .unwrap();
    let out = rasad()
        .args(["verify", "--json", "--db"])
        .arg(&db)
        .arg("--reference")
        .arg(&reference)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let checks: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let label = |a: &str| {
        checks
            .iter()
            .find(|c| c["article"] == a)
            .map(|c| c["label"].as_str().unwrap().to_string())
    };
    assert_eq!(label("enab-1").as_deref(), Some("consistent"));
    assert_eq!(label("sohr-1").as_deref(), Some("inconsistent"));
    assert_eq!(label("smart-2").as_deref(), Some("unmatched"));
}

/// Articles ingested one per run (latest first) give the incidents of one
/// ingest of them all, and `--rebuild` links them again to the same.
#[test]
fn incidents_linked_per_ingest_match_one_ingest_and_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let (one, each) = (dir.path().join("one.db"), dir.path().join("each.db"));
    ingest(&one, ARTICLES);
    for a in ARTICLES.iter().rev() {
        ingest(&each, std::slice::from_ref(a));
    }
    let all = incidents(&one);
    assert!(all.len() >= 3, "{all:?}");
    assert_eq!(incidents(&each), all);
    let rebuilt: Vec<serde_json::Value> = run_on(&each, &["incidents", "--rebuild", "--json"])
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rebuilt, all);
}

#[test]
fn missing_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = rasad()
        .args(["incidents", "--db"])
        .arg(dir.path().join("none.db"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database"));
}

/// `rasad eval --clusters`: the same articles as JSON lines and a TSV saying
/// which report one incident; the three reports of the strike are linked
/// and the decoys are not.
#[test]
fn eval_clusters_scores_the_linking() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs.jsonl");
    let mut lines = String::new();
    for (id, outlet, published, text) in ARTICLES {
        let line =
            serde_json::json!({"id": id, "outlet": outlet, "published": published, "text": text});
        lines.push_str(&format!("{line}\n"));
    }
    std::fs::write(&docs, lines).unwrap();
    let tsv = dir.path().join("clusters.tsv");
    std::fs::write(
        &tsv,
        "article\tcluster\nenab-1\tA\nsmart-1\tA\nsohr-1\tA\nenab-2\t-\nsmart-2\t-\n",
    )
    .unwrap();
    let out = rasad()
        .args([
            "eval",
            "--json",
            "--reference-date",
            "2019-05-12",
            "--clusters",
        ])
        .arg(&tsv)
        .arg("--docs")
        .arg(&docs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["articles"], 5);
    assert_eq!(r["main"]["pairwise"]["f1"], 1.0, "{r}");
    assert_eq!(r["main"]["bcubed"]["f1"], 1.0, "{r}");
    assert_eq!(r["main"]["singletons_linked"], 0, "{r}");
}

/// The same wire text from two outlets: both are stored (the second as a
/// copy of the first, named in the ingest summary) and the incident lists a
/// report of each outlet with the same evidence, the second marked as the
/// copy; the same text again from the first outlet is a named duplicate.
#[test]
fn the_same_wire_text_from_two_outlets_is_two_reports_of_one_incident() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let text = "قتل ثلاثة مدنيين وأصيب خمسة آخرون جراء قصف مدفعي استهدف بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم الخميس.";
    let err = ingest(
        &db,
        &[
            ("wire-a", "وكالة الأنباء", "2019-05-16", text),
            ("wire-b", "عنب بلدي", "2019-05-16", text),
            ("wire-c", "وكالة الأنباء", "2019-05-16", text),
        ],
    );
    assert!(
        err.contains("read 3, new 2, duplicate 1, failed 0"),
        "{err}"
    );
    assert!(
        err.contains(": copy of wire-a (same text, another outlet)"),
        "{err}"
    );
    assert!(err.contains(": duplicate of wire-a (same text)"), "{err}");
    let inc = holding(&incidents(&db), "wire-a");
    let reports = inc["reports"].as_array().unwrap();
    let of = |article: &str| {
        reports
            .iter()
            .find(|r| r["article"] == article)
            .unwrap_or_else(|| panic!("no report of {article}: {inc}"))
    };
    let (a, b) = (of("wire-a"), of("wire-b"));
    assert_eq!(a["outlet"], "وكالة الأنباء");
    assert_eq!(b["outlet"], "عنب بلدي");
    assert_eq!(b["copy_of"], "wire-a");
    assert!(a.get("copy_of").is_none(), "{a}");
    assert_eq!(a["evidence"], b["evidence"]);
    assert!(!reports.iter().any(|r| r["article"] == "wire-c"), "{inc}");
    // The plain incident view names the copy.
    let id = inc["id"].as_str().unwrap();
    let plain = run_on(&db, &["incident", id]).unwrap();
    assert!(plain.contains("wire-b (copy of wire-a)"), "{plain}");
    assert!(plain.contains("عنب بلدي"), "{plain}");
}

/// Ingests `articles` (id, outlet, published, text) into `db` from standard
/// input; returns what the ingest printed to standard error.
pub(crate) fn ingest(db: &std::path::Path, articles: &[(&str, &str, &str, &str)]) -> String {
    let mut child = rasad()
        .args(["ingest", "--db"])
        .arg(db)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut stdin = child.stdin.take().unwrap();
        for (id, outlet, published, text) in articles {
            let url = format!("https://news.example/{id}");
            let line = serde_json::json!({"id": id, "outlet": outlet, "published": published, "text": text, "url": url});
            writeln!(stdin, "{line}").unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    err
}

/// Runs `rasad COMMAND --db DB REST…`; returns standard output, or the error.
fn run_on(db: &std::path::Path, args: &[&str]) -> Result<String, String> {
    let out = rasad()
        .arg(args[0])
        .arg("--db")
        .arg(db)
        .args(&args[1..])
        .output()
        .unwrap();
    if out.status.success() {
        Ok(String::from_utf8(out.stdout).unwrap())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// The incidents as JSON values.
fn incidents(db: &std::path::Path) -> Vec<serde_json::Value> {
    run_on(db, &["incidents", "--json"])
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The id of the incident that holds `article`'s report now.
fn id_holding(db: &std::path::Path, article: &str) -> String {
    holding(&incidents(db), article)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The incident that lists a report of `article`.
fn holding(incs: &[serde_json::Value], article: &str) -> serde_json::Value {
    incs.iter()
        .find(|i| {
            i["reports"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["article"] == article)
        })
        .unwrap_or_else(|| panic!("no incident with {article}"))
        .clone()
}

/// The ACLED export as (header, rows).
fn acled(db: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let csv = run_on(db, &["export", "--format", "acled"]).unwrap();
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn review_corrections_reach_the_export_and_survive_reingest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ingest(&db, ARTICLES);
    let id = id_holding(&db, "enab-1");
    let review = |args: &[&str]| {
        let mut all = vec!["review", "--reviewer", "amal"];
        all.extend_from_slice(args);
        run_on(&db, &all)
    };

    // A note on a store that does not exist creates none.
    let missing = dir.path().join("missing.db");
    let err = run_on(
        &missing,
        &["review", "--reviewer", "amal", "note", "outlet", "x", "y"],
    );
    assert!(err.unwrap_err().contains("no database"));
    assert!(!missing.exists());

    // Wrong input writes nothing.
    assert!(run_on(&db, &["review", "set", &id, "fatalities=20"])
        .unwrap_err()
        .contains("--reviewer"));
    assert!(review(&["set", &id, "fatalities=20", "toll=3"])
        .unwrap_err()
        .contains("not a field"));
    assert!(review(&["set", &id, "fatalities=many"]).is_err());
    assert!(review(&["set", "inc-000000000000", "fatalities=1"])
        .unwrap_err()
        .contains("no incident"));
    assert_eq!(run_on(&db, &["review", "log"]).unwrap(), "");

    review(&[
        "set",
        &id,
        "fatalities=20",
        "place=حي الجامع@35.65,36.67",
        "--note",
        "hospital list",
    ])
    .unwrap();
    review(&["mark", &id, "reviewed"]).unwrap();
    let (header, rows) = acled(&db);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows.iter().find(|r| r[col("event_id_cnty")] == id).unwrap();
    assert_eq!(row[col("fatalities")], "20");
    assert_eq!(row[col("location")], "حي الجامع");
    assert_eq!(row[col("reviewed")], "true");
    assert_eq!(row[col("corrected")], "fatalities;place");
    assert_eq!(row[col("event_type")], "Explosions/Remote violence");

    // Split one outlet's report off, then merge the strike two days later in.
    review(&["split", &id, "sohr-1"]).unwrap();
    let later = id_holding(&db, "enab-2");
    review(&["merge", &id, &later]).unwrap();
    let check = |incs: &[serde_json::Value]| {
        let main = holding(incs, "enab-1");
        assert_ne!(main["id"], holding(incs, "sohr-1")["id"], "split kept");
        assert_eq!(main["id"], holding(incs, "enab-2")["id"], "merge kept");
        assert_eq!(main["fatalities"]["best"], 20.0);
        assert_eq!(main["reviewed"], true);
        assert_eq!(main["corrections"][0]["original"], "12");
    };
    check(&incidents(&db));

    // Re-ingest the same articles plus a new report of the strike.
    let mut more = ARTICLES.to_vec();
    more.push((
        "halab-1",
        "حلب اليوم",
        "2019-05-10",
        "قتل 14 مدنياً في غارات جوية روسية على مدينة معرة النعمان بريف إدلب اليوم الجمعة.",
    ));
    ingest(&db, &more);
    check(&incidents(&db));
    let log = run_on(&db, &["review", "log"]).unwrap();
    assert_eq!(log.lines().count(), 5, "{log}"); // two sets, a mark, a split, a merge
    assert!(log.contains("hospital list"));

    // Notes on an outlet show with its statistics; the incident shows its review.
    review(&["note", "outlet", "سمارت", "local network; often first"]).unwrap();
    let outlets = run_on(&db, &["outlets"]).unwrap();
    assert!(
        outlets.contains("سمارت\tnote: local network; often first (amal,"),
        "{outlets}"
    );
    let shown = run_on(&db, &["incident", &id]).unwrap();
    assert!(shown.contains("Review (reviewed):"), "{shown}");
    assert!(
        shown.contains("fatalities: 12 → 20 — hospital list"),
        "{shown}"
    );
}

/// `rasad review set ID fatalities=N` with ID copied from the plain output
/// of `rasad incidents`, then `rasad export --format acled`: the row shows N,
/// `reviewed` and the corrected field; `not-event` takes an incident out of
/// the export.
#[test]
fn review_set_with_an_id_printed_by_incidents_reaches_the_acled_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ingest(&db, ARTICLES);
    let listing = run_on(&db, &["incidents"]).unwrap();
    let id_of = |place: &str| -> String {
        let line = listing
            .lines()
            .find(|l| l.contains(place))
            .unwrap_or_else(|| panic!("no incident at {place}: {listing}"));
        line.split_whitespace().next().unwrap().to_string()
    };
    let saraqib = id_of("سراقب");
    assert!(saraqib.starts_with("inc-"), "{saraqib}");
    let review = |args: &[&str]| {
        let mut all = vec!["review", "--reviewer", "amal"];
        all.extend_from_slice(args);
        run_on(&db, &all)
    };
    review(&["set", &saraqib, "fatalities=3"]).unwrap();
    review(&["mark", &saraqib, "reviewed"]).unwrap();
    let (header, rows) = acled(&db);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows
        .iter()
        .find(|r| r[col("event_id_cnty")] == saraqib)
        .unwrap_or_else(|| panic!("{saraqib} not exported"));
    assert_eq!(row[col("fatalities")], "3");
    assert_eq!(row[col("reviewed")], "true");
    assert_eq!(row[col("corrected")], "fatalities");
    // The other incidents are neither reviewed nor corrected.
    for r in rows.iter().filter(|r| r[col("event_id_cnty")] != saraqib) {
        assert_eq!(
            (r[col("reviewed")].as_str(), r[col("corrected")].as_str()),
            ("false", "")
        );
    }
    // One outlet's claim in the Maarat al-Numan incident: its figures and source.
    let maarat = id_holding(&db, "sohr-1");
    assert!(review(&["set", &maarat, "claim.sohr-1.killed=many"]).is_err());
    assert!(review(&["set", &maarat, "claim.nobody.killed=3"]).is_err());
    review(&[
        "set",
        &maarat,
        "claim.sohr-1.killed=40-45",
        "claim.sohr-1.source=الدفاع المدني",
    ])
    .unwrap();
    let inc = holding(&incidents(&db), "sohr-1");
    let claim = inc["fatalities"]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["article"] == "sohr-1")
        .unwrap()
        .clone();
    assert_eq!(
        (claim["low"].as_f64(), claim["high"].as_f64()),
        (Some(40.0), Some(45.0))
    );
    assert_eq!(claim["source"], "الدفاع المدني");
    assert_eq!(inc["fatalities"]["high"], 45.0);
    let (_, rows) = acled(&db);
    let row = rows
        .iter()
        .find(|r| r[col("event_id_cnty")] == maarat)
        .unwrap();
    assert_eq!(row[col("corrected")], "claim");
    // One report of it is no event: it leaves the incident, the rest stays.
    assert!(review(&["mark", &maarat, "reviewed", "smart-1"]).is_err());
    review(&["mark", &maarat, "not-event", "smart-1"]).unwrap();
    let incs = incidents(&db);
    assert!(incs.iter().all(|i| i["reports"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["article"] != "smart-1")));
    assert_eq!(
        holding(&incs, "sohr-1")["id"],
        holding(&incs, "enab-1")["id"]
    );

    let before = rows.len();
    review(&[
        "mark",
        &saraqib,
        "not-event",
        "--note",
        "an old raid retold",
    ])
    .unwrap();
    let (_, rows) = acled(&db);
    assert_eq!(
        rows.len(),
        before - 1,
        "a not-event incident is still exported"
    );
    assert!(rows.iter().all(|r| r[col("event_id_cnty")] != saraqib));
}

/// The ids `rasad incidents ARGS… --json` lists.
fn ids_with(db: &std::path::Path, args: &[&str]) -> Result<Vec<String>, String> {
    let mut all = vec!["incidents"];
    all.extend_from_slice(args);
    all.push("--json");
    Ok(run_on(db, &all)?
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect())
}

#[test]
fn actors_and_places_are_read_as_users_write_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ingest(&db, ARTICLES);

    // `rasad actors` lists codes, names and terms.
    let out = rasad().arg("actors").output().unwrap();
    let actors = String::from_utf8(out.stdout).unwrap();
    assert!(
        actors
            .lines()
            .any(|l| l.starts_with("ISIS\t") && l.contains("داعش")),
        "{actors}"
    );
    assert!(actors.lines().any(|l| l.starts_with("RUSSIA\t")));

    // --actor: a code in any case, the English name, an Arabic term.
    let russia = ids_with(&db, &["--actor", "RUSSIA"]).unwrap();
    assert!(!russia.is_empty());
    for name in ["russia", "Russian forces", "روسيا"] {
        assert_eq!(ids_with(&db, &["--actor", name]).unwrap(), russia, "{name}");
    }
    let err = ids_with(&db, &["--actor", "nobody-at-all"]).unwrap_err();
    assert!(err.contains("rasad actors"), "{err}");

    // --place and timeline: proclitics and English names read as the place.
    let idlib = ids_with(&db, &["--place", "إدلب"]).unwrap();
    assert!(idlib.len() >= 3, "{idlib:?}");
    for place in ["بإدلب", "وإدلب", "Idlib"] {
        assert_eq!(
            ids_with(&db, &["--place", place]).unwrap(),
            idlib,
            "{place}"
        );
    }
    let town = run_on(&db, &["timeline", "معرة النعمان"]).unwrap();
    assert_eq!(run_on(&db, &["timeline", "بمعرة النعمان"]).unwrap(), town);
    assert!(!town.starts_with("no incidents"), "{town}");
}

#[test]
fn an_incident_prints_a_table_and_readable_disagreements() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ingest(&db, ARTICLES);
    let id = id_holding(&db, "enab-1");
    let text = run_on(&db, &["incident", &id]).unwrap();
    let header = text.lines().find(|l| l.starts_with("outlet")).unwrap();
    for col in ["article", "date", "killed", "certainty"] {
        assert!(header.contains(col), "{header}");
    }
    assert!(
        text.lines()
            .any(|l| l.contains("sohr-1") && l.contains(" │ 31")),
        "{text}"
    );
    let disagreements = text.split("Disagreements:").nth(1).unwrap();
    assert!(disagreements.contains("count — "), "{disagreements}");
    assert!(!disagreements.contains('{'), "no JSON: {disagreements}");
}
