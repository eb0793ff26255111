//! When two reports' places can be the same place.

use crate::report::PlaceInfo;
use rasad_text::key;

/// Great-circle distance in kilometres.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// A comparable key for a place name: normalized, article removed.
pub fn name_key(name: &str) -> String {
    key(name)
        .split_whitespace()
        .map(rasad_text::clitic::strip_article)
        .collect::<Vec<_>>()
        .join(" ")
}

fn same(a: &PlaceInfo, b: &PlaceInfo) -> bool {
    match (&a.id, &b.id) {
        // Two gazetteer entries: the ids decide (سوسة in Tunisia is not السوسة).
        (Some(x), Some(y)) => x == y,
        _ => name_key(&a.name) == name_key(&b.name),
    }
}

/// True when `inner` lies in `outer` as far as the gazetteer tells (its admin1
/// is the outer place).
fn inside(inner: &PlaceInfo, outer: &PlaceInfo) -> bool {
    inner
        .admin1
        .as_deref()
        .is_some_and(|a| name_key(a) == name_key(&outer.name))
}

/// The places of two events agree when their most specific places are the same,
/// one lies inside the other, or they are within `max_km` of each other.
pub fn compatible(a: &[PlaceInfo], b: &[PlaceInfo], max_km: f64) -> bool {
    let (Some(p), Some(q)) = (a.first(), b.first()) else {
        return false;
    };
    if same(p, q) || inside(p, q) || inside(q, p) {
        return true;
    }
    match (p.lat.zip(p.lon), q.lat.zip(q.lon)) {
        (Some(x), Some(y)) => distance_km(x, y) <= max_km,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(
        name: &str,
        id: Option<&str>,
        ll: Option<(f64, f64)>,
        admin1: Option<&str>,
    ) -> PlaceInfo {
        PlaceInfo {
            name: name.into(),
            id: id.map(Into::into),
            lat: ll.map(|x| x.0),
            lon: ll.map(|x| x.1),
            admin1: admin1.map(Into::into),
            kind: None,
        }
    }

    #[test]
    fn compatibility_table() {
        let bukamal = place(
            "البوكمال",
            Some("geonames:174448"),
            Some((34.45, 40.92)),
            Some("دير الزور"),
        );
        let bukamal2 = place("البو كمال", Some("geonames:174448"), None, None);
        let hajin = place(
            "هجين",
            Some("geonames:174506"),
            Some((34.70, 40.83)),
            Some("دير الزور"),
        );
        let deir = place("دير الزور", None, Some((35.33, 40.14)), None);
        let kataf = place("الكتف", None, Some((34.46, 40.93)), None);
        let sousse_tn = place("سوسة", Some("geonames:2464915"), Some((35.82, 10.63)), None);
        let sousa_sy = place(
            "السوسة",
            Some("geonames:172415"),
            Some((34.60, 40.86)),
            None,
        );
        assert!(
            compatible(
                std::slice::from_ref(&bukamal),
                std::slice::from_ref(&bukamal2),
                10.0
            ),
            "same id"
        );
        assert!(
            compatible(
                std::slice::from_ref(&bukamal),
                std::slice::from_ref(&deir),
                10.0
            ),
            "inside its governorate"
        );
        assert!(
            compatible(
                std::slice::from_ref(&kataf),
                std::slice::from_ref(&bukamal),
                10.0
            ),
            "within 10 km"
        );
        assert!(
            !compatible(
                std::slice::from_ref(&bukamal),
                std::slice::from_ref(&hajin),
                10.0
            ),
            "another town"
        );
        assert!(
            !compatible(
                std::slice::from_ref(&sousse_tn),
                std::slice::from_ref(&sousa_sy),
                10.0
            ),
            "Sousse is not al-Sousa"
        );
        assert!(
            !compatible(&[], std::slice::from_ref(&bukamal), 10.0),
            "no place, no match"
        );
    }

    #[test]
    fn distance_is_sane() {
        let d = distance_km((33.51, 36.29), (36.20, 37.16)); // Damascus–Aleppo
        assert!((290.0..330.0).contains(&d), "{d}");
    }
}
