//! Clusters of reports written for these tests: one incident told by several
//! outlets with different counts and framings, plus decoys (the same town two
//! days later, another town the same day, two car bombs a day apart).

use proptest::prelude::*;
use rasad_incidents::{
    Count, DateBasis, Disagreement, IncidentBuilder, PlaceInfo, Report, Settings,
};
use rasad_record::{Basis, Certainty};
use std::collections::BTreeMap;

fn place(name: &str, id: &str, lat: f64, lon: f64, admin1: &str) -> PlaceInfo {
    PlaceInfo {
        name: name.into(),
        id: Some(id.into()),
        lat: Some(lat),
        lon: Some(lon),
        admin1: Some(admin1.into()),
        kind: Some("PPL".into()),
    }
}

fn maarat() -> PlaceInfo {
    place("معرة النعمان", "geonames:169387", 35.6438, 36.6708, "إدلب")
}
fn saraqib() -> PlaceInfo {
    place("سراقب", "geonames:170017", 35.8644, 36.8006, "إدلب")
}
fn karrada() -> PlaceInfo {
    place("الكرادة", "rasad:karrada", 33.3060, 44.4240, "بغداد")
}
fn sadr() -> PlaceInfo {
    place("مدينة الصدر", "rasad:sadr-city", 33.3900, 44.4600, "بغداد")
}

#[allow(clippy::too_many_arguments)]
fn report(
    article: &str,
    outlet: &str,
    kind: &str,
    subtype: &str,
    date: &str,
    basis: Basis,
    places: Vec<PlaceInfo>,
    actor1: &[&str],
    killed: Option<f64>,
    terms: &[(&str, &[&str])],
) -> Report {
    Report {
        article: article.into(),
        event_index: 0,
        outlet: Some(outlet.into()),
        published: None,
        kind: kind.into(),
        subtype: subtype.into(),
        date: Some(date.into()),
        date_basis: Some(basis.into()),
        places,
        actor1: actor1.iter().map(|s| s.to_string()).collect(),
        actor2: vec!["CIVILIANS".into()],
        associated: vec![],
        killed: killed.map(|k| Count {
            low: Some(k),
            best: Some(k),
            high: Some(k),
        }),
        injured: None,
        killed_by_group: BTreeMap::new(),
        attributed_to: vec![],
        certainty: Certainty::Asserted,
        evidence: vec![],
        terms: terms
            .iter()
            .map(|(a, t)| (a.to_string(), t.iter().map(|s| s.to_string()).collect()))
            .collect(),
        copy_of: None,
    }
}

const AIR: &str = "explosions_remote_violence";
const STRIKE: &str = "air_drone_strike";

/// Three outlets on one strike in Maarat al-Numan, two decoys.
fn strike_cluster() -> Vec<Report> {
    vec![
        report(
            "enab-1",
            "عنب بلدي",
            AIR,
            STRIKE,
            "2019-05-10",
            Basis::Explicit,
            vec![maarat()],
            &["SYR_GOV"],
            Some(12.0),
            &[("SYR_GOV", &["قوات النظام"])],
        ),
        report(
            "sana-1",
            "سانا",
            AIR,
            "shelling_artillery_missile_attack",
            "2019-05-10",
            Basis::Relative,
            vec![maarat()],
            &["OPPOSITION"],
            Some(3.0),
            &[("OPPOSITION", &["المجموعات الإرهابية"])],
        ),
        report(
            "sohr-1",
            "المرصد السوري",
            AIR,
            STRIKE,
            "2019-05-11",
            Basis::Relative,
            vec![maarat()],
            &["RUSSIA"],
            Some(31.0),
            &[("RUSSIA", &["الطائرات الروسية"])],
        ),
        // Decoy: the same town two days later.
        report(
            "enab-2",
            "عنب بلدي",
            AIR,
            STRIKE,
            "2019-05-12",
            Basis::Explicit,
            vec![maarat()],
            &["SYR_GOV"],
            Some(4.0),
            &[],
        ),
        // Decoy: another town the same day (about 27 km away).
        report(
            "smart-1",
            "سمارت",
            AIR,
            STRIKE,
            "2019-05-10",
            Basis::Explicit,
            vec![saraqib()],
            &["SYR_GOV"],
            Some(2.0),
            &[],
        ),
    ]
}

fn build(reports: Vec<Report>) -> Vec<rasad_incidents::Incident> {
    let mut b = IncidentBuilder::new(Settings::default());
    for r in reports {
        b.add(r);
    }
    b.incidents()
}

fn articles(inc: &rasad_incidents::Incident) -> Vec<String> {
    let mut v: Vec<String> = inc.reports.iter().map(|r| r.article.clone()).collect();
    v.sort();
    v
}

#[test]
fn one_strike_three_outlets_and_two_decoys() {
    let incidents = build(strike_cluster());
    let groups: Vec<Vec<String>> = incidents.iter().map(articles).collect();
    assert_eq!(groups.len(), 3, "{groups:?}");
    assert!(groups.contains(&vec![
        "enab-1".to_string(),
        "sana-1".into(),
        "sohr-1".into()
    ]));
    assert!(groups.contains(&vec!["enab-2".to_string()]));
    assert!(groups.contains(&vec!["smart-1".to_string()]));

    let main = incidents.iter().find(|i| i.reports.len() == 3).unwrap();
    assert_eq!(main.date.as_deref(), Some("2019-05-10"));
    assert_eq!(main.date_prec, 2, "reports span two days");
    assert_eq!(main.places[0].name, "معرة النعمان");
    assert_eq!(main.where_prec, 1);
    assert_eq!(
        (
            main.fatalities.low,
            main.fatalities.best,
            main.fatalities.high
        ),
        (Some(3.0), Some(12.0), Some(31.0))
    );
    assert_eq!(main.fatalities.claims.len(), 3);

    let kinds: Vec<&str> = main
        .disagreements
        .iter()
        .map(|d| match d {
            Disagreement::Count { .. } => "count",
            Disagreement::Perpetrator { .. } => "perpetrator",
            Disagreement::Outcome { .. } => "outcome",
            Disagreement::Certainty { .. } => "certainty",
            Disagreement::Terms { .. } => "terms",
        })
        .collect();
    assert!(kinds.contains(&"count"));
    assert!(kinds.contains(&"perpetrator"));
    assert!(kinds.contains(&"outcome"), "air strike vs shelling");
    assert!(!kinds.contains(&"certainty"));
}

#[test]
fn two_car_bombs_a_day_apart_are_two_incidents() {
    let bomb = "remote_explosive_landmine_ied";
    let reports = vec![
        report(
            "a",
            "السومرية",
            AIR,
            bomb,
            "2016-07-03",
            Basis::Explicit,
            vec![karrada()],
            &["ISIS"],
            Some(120.0),
            &[],
        ),
        report(
            "b",
            "رووداو",
            AIR,
            bomb,
            "2016-07-03",
            Basis::Explicit,
            vec![karrada()],
            &["ISIS"],
            Some(143.0),
            &[],
        ),
        report(
            "c",
            "السومرية",
            AIR,
            bomb,
            "2016-07-04",
            Basis::Explicit,
            vec![karrada()],
            &["ISIS"],
            Some(5.0),
            &[],
        ),
        // Another district of Baghdad, the same day as the first.
        report(
            "d",
            "الغد برس",
            AIR,
            bomb,
            "2016-07-03",
            Basis::Explicit,
            vec![sadr()],
            &["ISIS"],
            Some(7.0),
            &[],
        ),
    ];
    let groups: Vec<Vec<String>> = build(reports).iter().map(articles).collect();
    assert_eq!(groups.len(), 3, "{groups:?}");
    assert!(groups.contains(&vec!["a".to_string(), "b".into()]));
}

#[test]
fn counts_within_tolerance_are_not_a_disagreement() {
    let reports = vec![
        report(
            "x",
            "أ",
            AIR,
            STRIKE,
            "2019-05-10",
            Basis::Explicit,
            vec![maarat()],
            &["RUSSIA"],
            Some(18.0),
            &[],
        ),
        report(
            "y",
            "ب",
            AIR,
            STRIKE,
            "2019-05-10",
            Basis::Explicit,
            vec![maarat()],
            &["RUSSIA"],
            Some(19.0),
            &[],
        ),
    ];
    let inc = build(reports);
    assert_eq!(inc.len(), 1);
    assert!(
        inc[0].disagreements.is_empty(),
        "{:?}",
        inc[0].disagreements
    );
}

#[test]
fn different_terms_for_one_actor_are_listed() {
    let reports = vec![
        report(
            "x",
            "سانا",
            "battles",
            "armed_clash",
            "2018-06-08",
            Basis::Explicit,
            vec![maarat()],
            &["SYR_GOV"],
            None,
            &[("SYR_GOV", &["الجيش العربي السوري"])],
        ),
        report(
            "y",
            "ستيب",
            "battles",
            "non_state_actor_overtakes_territory",
            "2018-06-08",
            Basis::Explicit,
            vec![maarat()],
            &["SYR_GOV"],
            None,
            &[("SYR_GOV", &["قوات النظام", "النظام"])],
        ),
    ];
    let inc = build(reports);
    assert_eq!(inc.len(), 1);
    assert!(inc[0]
        .disagreements
        .iter()
        .any(|d| matches!(d, Disagreement::Terms { actor, .. } if actor == "SYR_GOV")));
    assert!(inc[0]
        .disagreements
        .iter()
        .any(|d| matches!(d, Disagreement::Outcome { .. })));
}

#[test]
fn a_year_only_date_never_merges() {
    let reports = vec![
        report(
            "x",
            "أ",
            AIR,
            STRIKE,
            "2019",
            Basis::Inferred,
            vec![maarat()],
            &["RUSSIA"],
            None,
            &[],
        ),
        report(
            "y",
            "ب",
            AIR,
            STRIKE,
            "2019-05-10",
            Basis::Explicit,
            vec![maarat()],
            &["RUSSIA"],
            None,
            &[],
        ),
    ];
    assert_eq!(build(reports).len(), 2);
}

proptest! {
    /// The incidents do not depend on the order in which reports arrive.
    #[test]
    fn order_does_not_matter(perm in Just((0..5usize).collect::<Vec<_>>()).prop_shuffle()) {
        let base = strike_cluster();
        let shuffled: Vec<Report> = perm.iter().map(|&i| base[i].clone()).collect();
        let a = build(base);
        let b = build(shuffled);
        let key = |v: &[rasad_incidents::Incident]| {
            let mut k: Vec<(String, Vec<String>, Option<f64>)> =
                v.iter().map(|i| (i.id.clone(), articles(i), i.fatalities.best)).collect();
            k.sort_by(|x, y| x.0.cmp(&y.0));
            k
        };
        prop_assert_eq!(key(&a), key(&b));
    }
}

#[test]
fn a_syndicated_copy_is_listed_but_not_counted_twice() {
    let mut copy = report(
        "wire-copy",
        "صحيفة أ",
        AIR,
        STRIKE,
        "2019-05-10",
        Basis::Explicit,
        vec![maarat()],
        &["RUSSIA"],
        Some(31.0),
        &[],
    );
    copy.copy_of = Some("wire".into());
    let reports = vec![
        report(
            "wire",
            "وكالة",
            AIR,
            STRIKE,
            "2019-05-10",
            Basis::Explicit,
            vec![maarat()],
            &["RUSSIA"],
            Some(31.0),
            &[],
        ),
        copy,
        report(
            "other",
            "ب",
            AIR,
            STRIKE,
            "2019-05-10",
            Basis::Explicit,
            vec![maarat()],
            &["RUSSIA"],
            Some(10.0),
            &[],
        ),
    ];
    let inc = build(reports);
    assert_eq!(inc.len(), 1);
    assert_eq!(inc[0].reports.len(), 3);
    assert_eq!(inc[0].fatalities.claims.len(), 2);
    assert_eq!(
        inc[0].fatalities.best,
        Some(10.0),
        "lower median of 10 and 31"
    );
}

fn groups_of(reports: Vec<Report>) -> Vec<Vec<String>> {
    let mut g: Vec<Vec<String>> = build(reports).iter().map(articles).collect();
    g.sort();
    g
}

/// Time by how it is known: rows of (second report's date, its basis,
/// whether it joins a first report written as 2019-05-10 at the same place).
#[test]
fn dates_link_by_how_they_are_known() {
    let rows: &[(&str, Basis, bool, &str)] = &[
        ("2019-05-10", Basis::Explicit, true, "the same written day"),
        (
            "2019-05-11",
            Basis::Explicit,
            false,
            "two written days differ",
        ),
        (
            "2019-05-11",
            Basis::Relative,
            true,
            "a relative date a day late",
        ),
        (
            "2019-05-12",
            Basis::Relative,
            false,
            "a relative date two days off",
        ),
        (
            "2019-05",
            Basis::Explicit,
            true,
            "a month date: no conflict",
        ),
        ("2019", Basis::Explicit, false, "a year date never links"),
    ];
    for (date, basis, joins, why) in rows {
        let a = report(
            "a",
            "أ",
            AIR,
            STRIKE,
            "2019-05-10",
            Basis::Explicit,
            vec![maarat()],
            &["RUSSIA"],
            None,
            &[],
        );
        let b = report(
            "b",
            "ب",
            AIR,
            STRIKE,
            date,
            *basis,
            vec![maarat()],
            &["RUSSIA"],
            None,
            &[],
        );
        let n = build(vec![a, b]).len();
        assert_eq!(n == 1, *joins, "{why}: {n} incident(s)");
    }
}

/// A date that is only the publication date is a weak interval before it:
/// it neither conflicts with a written date of the days before nor anchors.
#[test]
fn a_publication_date_is_a_weak_interval() {
    let a = report(
        "a",
        "أ",
        AIR,
        STRIKE,
        "2019-05-10",
        Basis::Explicit,
        vec![maarat()],
        &["RUSSIA"],
        None,
        &[],
    );
    let mut b = report(
        "b",
        "ب",
        AIR,
        STRIKE,
        "2019-05-12",
        Basis::Explicit,
        vec![maarat()],
        &["RUSSIA"],
        None,
        &[],
    );
    b.date_basis = Some(DateBasis::Publication);
    assert_eq!(groups_of(vec![a.clone(), b.clone()]).len(), 1);
    // Written, the same two days are two incidents.
    b.date_basis = Some(DateBasis::Explicit);
    assert_eq!(groups_of(vec![a, b]).len(), 2);
}

/// An event dated days before its article was published is background (a
/// recap) and links to nothing.
#[test]
fn background_events_never_link() {
    let a = report(
        "a",
        "أ",
        AIR,
        STRIKE,
        "2019-05-10",
        Basis::Explicit,
        vec![maarat()],
        &["RUSSIA"],
        None,
        &[],
    );
    let mut recap = report(
        "b",
        "ب",
        AIR,
        STRIKE,
        "2019-05-10",
        Basis::Explicit,
        vec![maarat()],
        &["RUSSIA"],
        None,
        &[],
    );
    recap.published = Some("2019-05-20".into());
    assert_eq!(groups_of(vec![a, recap]).len(), 2);
}

/// Places far apart never hold one incident, whatever else agrees.
#[test]
fn far_places_cannot_link() {
    let homs = place("حمص", "geonames:169577", 34.73, 36.72, "حمص");
    let a = report(
        "a",
        "أ",
        AIR,
        STRIKE,
        "2019-05-10",
        Basis::Explicit,
        vec![maarat()],
        &["RUSSIA"],
        Some(9.0),
        &[],
    );
    let b = report(
        "b",
        "ب",
        AIR,
        STRIKE,
        "2019-05-10",
        Basis::Explicit,
        vec![homs],
        &["RUSSIA"],
        Some(9.0),
        &[],
    );
    assert_eq!(groups_of(vec![a, b]).len(), 2);
}

/// Tolls without sums: one figure per source per outlet (its latest
/// article's), so an outlet updating 10 to 14 claims 14, not 24.
#[test]
fn one_figure_per_source_per_outlet() {
    let mut early = report(
        "e1",
        "أ",
        AIR,
        STRIKE,
        "2019-05-10",
        Basis::Explicit,
        vec![maarat()],
        &["RUSSIA"],
        Some(10.0),
        &[],
    );
    early.published = Some("2019-05-10".into());
    let mut late = report(
        "e2",
        "أ",
        AIR,
        STRIKE,
        "2019-05-10",
        Basis::Explicit,
        vec![maarat()],
        &["RUSSIA"],
        Some(14.0),
        &[],
    );
    late.published = Some("2019-05-11".into());
    let other = report(
        "o",
        "ب",
        AIR,
        STRIKE,
        "2019-05-10",
        Basis::Explicit,
        vec![maarat()],
        &["RUSSIA"],
        Some(12.0),
        &[],
    );
    let inc = build(vec![early, late, other]);
    assert_eq!(inc.len(), 1);
    let f = &inc[0].fatalities;
    assert_eq!(f.claims.len(), 2, "{:?}", f.claims);
    assert_eq!(
        (f.low, f.best, f.high),
        (Some(12.0), Some(12.0), Some(14.0))
    );
}

/// Two outlets' articles on one attack, published the same day, sharing half
/// of their story words and nothing else (no written date, types of one
/// family, no actor or toll): one names the town, the other the bare name
/// of the governorate's capital. Returns the groups of their reports.
fn town_and_bare_capital(capital: PlaceInfo) -> Vec<Vec<String>> {
    let day = "2019-05-10";
    let bag = |ws: &[&str]| ws.iter().map(|w| (w.to_string(), 1.0)).collect();
    let info = |id: &str, ws: &[&str]| rasad_incidents::ArticleInfo {
        article: id.into(),
        outlet: Some(id.into()),
        published: Some(day.into()),
        words: bag(ws),
        title_places: vec![],
    };
    let mut b = IncidentBuilder::new(Settings::default());
    b.add_article(info(
        "town",
        &["حافله", "تلاميذ", "سوق", "مسعف", "نقل", "جرحي"],
    ));
    b.add_article(info(
        "capital",
        &["حافله", "تلاميذ", "سوق", "صليب", "تغريده", "منظمه"],
    ));
    for (id, w) in [("x", "ميناء"), ("y", "مطار"), ("z", "جسر")] {
        b.add_article(info(id, &[w]));
    }
    for (id, kind, place) in [
        ("town", "violence_against_civilians", saraqib()),
        ("capital", "battles", capital),
    ] {
        let mut r = report(
            id,
            id,
            kind,
            "attack",
            day,
            Basis::Explicit,
            vec![place],
            &[],
            None,
            &[],
        );
        r.date_basis = Some(DateBasis::Publication);
        r.published = Some(day.into());
        b.add(r);
    }
    let mut g: Vec<Vec<String>> = b.incidents().iter().map(articles).collect();
    g.sort();
    g
}

/// A bare name shared by a governorate and its capital may mean either: it
/// does not count against a town of that governorate (the story links
/// them), while a city of another name 25 km from the town still does.
#[test]
fn a_bare_capital_name_does_not_differ_from_a_town_of_its_governorate() {
    let city = |name: &str, id: &str, lat: f64, lon: f64| PlaceInfo {
        kind: Some("city".into()),
        ..place(name, id, lat, lon, "إدلب")
    };
    let idlib = city("إدلب", "geonames:169389", 35.9306, 36.6339);
    assert_eq!(town_and_bare_capital(idlib), vec![vec!["capital", "town"]]);
    let maarat = city("معرة النعمان", "geonames:169387", 35.6438, 36.6708);
    assert_eq!(town_and_bare_capital(maarat).len(), 2);
}
