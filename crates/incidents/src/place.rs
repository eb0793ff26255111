//! When two reports' places can be the same place.

use crate::report::PlaceInfo;
use crate::words::WORDS;
use rasad_text::key;

/// Great-circle distance in kilometres.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// The bundled gazetteer, loaded on first use (exports, place queries).
pub(crate) static GAZETTEER: std::sync::LazyLock<rasad_gazetteer::Gazetteer> =
    std::sync::LazyLock::new(rasad_gazetteer::Gazetteer::bundled);

/// Most gazetteer places a place query is read as.
const QUERY_PLACES: usize = 8;

/// The keys a place typed by a user stands for: the name as typed, the
/// places the gazetteer reads in it (with its proclitics: `بإدلب`,
/// `بالبوكمال`), and the Arabic names of a Latin name (`Idlib`, `Deir
/// ez-Zor`).
pub fn place_keys(query: &str) -> Vec<String> {
    let mut keys = vec![name_key(query)];
    let mut add = |k: String| {
        if !k.is_empty() && !keys.contains(&k) {
            keys.push(k);
        }
    };
    for p in GAZETTEER.lookup(query).into_iter().take(QUERY_PLACES) {
        add(name_key(&p.name));
    }
    for arabic in rasad_store::query::latin_names(query) {
        add(name_key(arabic));
    }
    keys
}

/// A comparable key for a place name: normalized, article removed.
pub fn name_key(name: &str) -> String {
    thread_local! {
        /// Keys of the names seen: the pair score compares the same few
        /// hundred place names millions of times.
        static KEYS: std::cell::RefCell<rustc_hash::FxHashMap<String, String>> =
            Default::default();
    }
    KEYS.with(|cell| {
        let mut keys = cell.borrow_mut();
        if let Some(k) = keys.get(name) {
            return k.clone();
        }
        if keys.len() >= NAME_KEYS_KEPT {
            keys.clear();
        }
        let k = fold_name(name);
        keys.insert(name.to_string(), k.clone());
        k
    })
}

/// Most place-name keys remembered per thread (about 10 MB).
const NAME_KEYS_KEPT: usize = 100_000;

fn fold_name(name: &str) -> String {
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

/// True for a place that is an administrative area (governorate, district).
fn is_area(p: &PlaceInfo) -> bool {
    matches!(
        p.kind.as_deref(),
        Some("ADM1" | "ADM2" | "ADM3" | "governorate" | "province" | "district" | "subdistrict")
    ) || area_named(&name_key(&p.name)).is_some()
}

/// The name after an area's head word (`data/incidents/incidents.words`,
/// `area_heads`): `محافظه حماه` → `حماه`.
fn area_named(key: &str) -> Option<&str> {
    WORDS
        .area_heads
        .iter()
        .find_map(|h| key.strip_prefix(h.as_str()))
}

/// True for a country: it locates nothing (`سوريا`, `اليمن`).
pub fn is_country(p: &PlaceInfo) -> bool {
    p.kind
        .as_deref()
        .is_some_and(|k| k == "country" || k.starts_with("PCL"))
}

/// The governorate a place names: `محافظة حماة` → `حماه`.
fn area_key(p: &PlaceInfo) -> String {
    area_key_of(&name_key(&p.name))
}

/// True when `inner` lies in `outer` as far as the gazetteer tells: `outer`
/// is an administrative area and `inner`'s admin1 is it. A governorate is
/// never inside its capital city (حلب the governorate is not حلب the city).
fn inside(inner: &PlaceInfo, outer: &PlaceInfo) -> bool {
    is_area(outer)
        && !is_area(inner)
        && inner
            .admin1
            .as_deref()
            .is_some_and(|a| name_key(a) == area_key(outer))
}

/// A governorate's name without its head word.
fn area_key_of(key: &str) -> String {
    area_named(key).unwrap_or(key).to_string()
}

/// A key under which a place is indexed for linking: two places relate as
/// [`PlaceRelation::Inside`] or better only when one posts a key the other
/// probes (see [`link_keys`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum PlaceKey {
    /// A gazetteer id (the same entry).
    Id(String),
    /// A name key (the same name, when one side has no id).
    Name(String),
    /// A place (not an area) in the governorate of this name.
    In(String),
    /// An area of this name (a place whose admin1 it is lies inside it).
    Area(String),
    /// A cell of the coordinate grid (places within `max_km` are in the
    /// same or a neighbouring cell).
    Cell(i32, i32),
}

/// Size of a grid cell in degrees (about 11 km of latitude).
const CELL_DEGREES: f64 = 0.1;

/// Kilometres per degree of latitude, rounded down (the haversine radius
/// 6371 km gives 111.19), so a probe never misses a cell.
const KM_PER_DEGREE: f64 = 110.0;

/// Rows of the grid nearer a pole than this are one cell each (a degree
/// of longitude shrinks to nothing there): 80 degrees.
const POLAR_ROW: i32 = 800;

/// The keys place `p` is posted under and the keys it probes: if
/// `relation([p], [q])` is `Inside`, `Near` or `Same`, a key `q` posts is
/// among those `p` probes (and the other way round). Countries have none
/// (they locate nothing).
pub(crate) fn link_keys(p: &PlaceInfo, max_km: f64) -> (Vec<PlaceKey>, Vec<PlaceKey>) {
    if is_country(p) {
        return (Vec::new(), Vec::new());
    }
    let mut post = vec![PlaceKey::Name(name_key(&p.name))];
    post.extend(p.id.clone().map(PlaceKey::Id));
    let mut probe = post.clone();
    if is_area(p) {
        post.push(PlaceKey::Area(area_key(p)));
        probe.push(PlaceKey::In(area_key(p)));
    } else {
        if let Some(a) = p.admin1.as_deref() {
            post.push(PlaceKey::In(name_key(a)));
            probe.push(PlaceKey::Area(name_key(a)));
        }
        let located = p.lat.zip(p.lon);
        if let Some((lat, lon)) = located.filter(|c| c.0.is_finite() && c.1.is_finite()) {
            post.push(cell(lat, lon));
            probe.extend(near_cells(lat, lon, max_km));
        }
    }
    (post, probe)
}

/// The grid cell of a coordinate.
fn cell(lat: f64, lon: f64) -> PlaceKey {
    let row = (lat / CELL_DEGREES).floor() as i32;
    if (-POLAR_ROW..POLAR_ROW).contains(&row) {
        PlaceKey::Cell(row, (lon / CELL_DEGREES).floor() as i32)
    } else {
        PlaceKey::Cell(row, 0)
    }
}

/// The cells holding every point within `max_km` of a coordinate.
fn near_cells(lat: f64, lon: f64, max_km: f64) -> Vec<PlaceKey> {
    let dlat = max_km / KM_PER_DEGREE;
    let widest = (lat.abs() + dlat).min(89.0).to_radians().cos();
    let dlon = max_km / (KM_PER_DEGREE * widest);
    let rows =
        ((lat - dlat) / CELL_DEGREES).floor() as i32..=((lat + dlat) / CELL_DEGREES).floor() as i32;
    let cols =
        ((lon - dlon) / CELL_DEGREES).floor() as i32..=((lon + dlon) / CELL_DEGREES).floor() as i32;
    let mut out = Vec::new();
    for r in rows {
        if (-POLAR_ROW..POLAR_ROW).contains(&r) {
            out.extend(cols.clone().map(|c| PlaceKey::Cell(r, c)));
        } else {
            out.push(PlaceKey::Cell(r, 0));
        }
    }
    out
}

/// How the places of two events relate, the best over all their pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceRelation {
    /// Every located pair is further apart than [`crate::Settings::FAR_KM`].
    Far,
    /// Different places, not far apart.
    Different,
    /// One side has no place finer than a country.
    Unknown,
    /// One lies inside the other (a town in its governorate): agreement at
    /// lower confidence.
    Inside,
    /// Within `max_km` of each other.
    Near,
    /// The same place (same gazetteer id, or same name without ids).
    Same,
}

/// How two events' places relate (countries left out: they locate nothing).
pub fn relation(a: &[PlaceInfo], b: &[PlaceInfo], max_km: f64) -> PlaceRelation {
    let (a, b) = (keyed(a), keyed(b));
    relation_keyed(&a, &b, max_km)
}

/// A place with the keys [`relation`] compares, computed once: the pair
/// score compares each report's few places with those of every candidate,
/// and normalizing their names per comparison was most of scoring a dense
/// window.
#[derive(Debug, Clone)]
pub(crate) struct Keyed {
    place: PlaceInfo,
    /// `name_key` of its name.
    name: String,
    /// [`is_area`].
    area: bool,
    /// [`area_key`]: the governorate its name names.
    area_key: String,
    /// `name_key` of its admin1.
    admin1: Option<String>,
    /// The governorate its admin1 names (`area_key_of` of that key).
    governorate: Option<String>,
}

impl Keyed {
    /// The keys of `p`.
    pub(crate) fn of(p: &PlaceInfo) -> Keyed {
        let name = name_key(&p.name);
        let admin1 = p.admin1.as_deref().map(name_key);
        Keyed {
            area: is_area(p),
            area_key: area_key_of(&name),
            governorate: admin1.as_deref().map(area_key_of),
            admin1,
            name,
            place: p.clone(),
        }
    }
}

/// The places that locate something (countries left out), keyed.
pub(crate) fn keyed(places: &[PlaceInfo]) -> Vec<Keyed> {
    places
        .iter()
        .filter(|p| !is_country(p))
        .map(Keyed::of)
        .collect()
}

/// [`same`] over keys.
fn same_keyed(a: &Keyed, b: &Keyed) -> bool {
    match (&a.place.id, &b.place.id) {
        (Some(x), Some(y)) => x == y,
        _ => a.name == b.name,
    }
}

/// [`inside`] over keys.
fn inside_keyed(inner: &Keyed, outer: &Keyed) -> bool {
    outer.area && !inner.area && inner.admin1.as_ref() == Some(&outer.area_key)
}

/// True when `city` bears the name of its governorate and `other` is
/// another place of that governorate: outlets write the bare name for either
/// (`سقطت قذائف على سوق شعبي في صعدة` of a market 20 km from the city of
/// Saada) and the resolver reads the city, so the two neither agree nor
/// differ, as with one name of two gazetteer entries. A town 120 km from
/// the city is then no cannot-link: only the story can link them.
fn capital_of_keyed(city: &Keyed, other: &Keyed) -> bool {
    let named = city.governorate.as_ref() == Some(&city.name);
    named && !city.area && !other.area && other.governorate == city.governorate
}

/// [`relation`] over places keyed by [`keyed`] (countries already left out).
pub(crate) fn relation_keyed(a: &[Keyed], b: &[Keyed], max_km: f64) -> PlaceRelation {
    if a.is_empty() || b.is_empty() {
        return PlaceRelation::Unknown;
    }
    let mut best = PlaceRelation::Far;
    let mut located = false;
    let mut nearest = f64::MAX;
    for p in a {
        for q in b {
            let within = || inside_keyed(p, q) || inside_keyed(q, p);
            let r = if same_keyed(p, q) {
                PlaceRelation::Same
            } else if within() {
                PlaceRelation::Inside
            } else if p.name == q.name {
                // One name, two gazetteer entries (طرابلس of Libya or of
                // Lebanon): the resolver may have picked either, so the
                // names say nothing either way.
                PlaceRelation::Unknown
            } else if let (Some(x), Some(y)) =
                (p.place.lat.zip(p.place.lon), q.place.lat.zip(q.place.lon))
            {
                located = true;
                let d = distance_km(x, y);
                nearest = nearest.min(d);
                if d <= max_km && !p.area && !q.area {
                    PlaceRelation::Near
                } else if within() {
                    PlaceRelation::Inside
                } else {
                    PlaceRelation::Different
                }
            } else if within() {
                PlaceRelation::Inside
            } else {
                PlaceRelation::Different
            };
            let r = if r < PlaceRelation::Unknown
                && (capital_of_keyed(p, q) || capital_of_keyed(q, p))
            {
                PlaceRelation::Unknown
            } else {
                r
            };
            best = best.max(r);
        }
    }
    if best == PlaceRelation::Different && located && nearest > crate::Settings::FAR_KM {
        // Every pair with coordinates is far apart (pairs without are only
        // "different" by name).
        let unlocated =
            a.iter().any(|p| p.place.lat.is_none()) || b.iter().any(|p| p.place.lat.is_none());
        if !unlocated {
            return PlaceRelation::Far;
        }
    }
    if best == PlaceRelation::Far {
        PlaceRelation::Different
    } else {
        best
    }
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
    fn an_area_head_makes_a_governorate() {
        // no kind from the gazetteer: the head word alone says it is an area
        let area = place("محافظة حماة", None, None, None);
        let town = place("محردة", None, None, Some("حماة"));
        let other = place("سلمية", None, None, Some("حمص"));
        assert!(is_area(&area) && !is_area(&town));
        assert_eq!(area_key(&area), name_key("حماة"));
        assert!(inside(&town, &area));
        assert!(!inside(&other, &area) && !inside(&area, &town));
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
        // The governorate (a name alone would not say it is not the city).
        let mut deir = place("دير الزور", None, Some((35.33, 40.14)), None);
        deir.kind = Some("governorate".into());
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
    fn relation_table() {
        let area = |name: &str, id: &str, ll: (f64, f64)| PlaceInfo {
            kind: Some("governorate".into()),
            ..place(name, Some(id), Some(ll), Some(name))
        };
        let city = |name: &str, id: &str, ll: (f64, f64), admin1: &str| PlaceInfo {
            kind: Some("city".into()),
            ..place(name, Some(id), Some(ll), Some(admin1))
        };
        let halab_gov = area("حلب", "rasad:sy-aleppo-gov", (36.2, 37.5));
        let halab = city("حلب", "geonames:170063", (36.20, 37.16), "حلب");
        let bab = city("الباب", "geonames:174186", (36.37, 37.52), "حلب");
        let manbij = city("منبج", "geonames:166365", (36.53, 37.95), "حلب");
        let tripoli_ly = city("طرابلس", "geonames:2210247", (32.89, 13.18), "طرابلس");
        let tripoli_lb = city("طرابلس", "geonames:266826", (34.44, 35.85), "الشمال");
        let misrata = city("مصراتة", "geonames:2214846", (32.38, 15.09), "مصراتة");
        let syria = PlaceInfo {
            kind: Some("country".into()),
            ..place("سوريا", Some("geonames:163843"), Some((35.0, 38.0)), None)
        };
        use PlaceRelation::*;
        let rel = |a: &PlaceInfo, b: &PlaceInfo| {
            relation(std::slice::from_ref(a), std::slice::from_ref(b), 5.0)
        };
        let rows: &[(&PlaceInfo, &PlaceInfo, PlaceRelation, &str)] = &[
            (&halab, &halab, Same, "same id"),
            (&bab, &halab_gov, Inside, "a town in its governorate"),
            (&halab, &halab_gov, Inside, "the capital in its governorate"),
            (&halab_gov, &halab, Inside, "either order"),
            (&bab, &manbij, Different, "two towns 40 km apart"),
            (
                &halab,
                &bab,
                Unknown,
                "a capital named like its governorate may be the governorate",
            ),
            (&bab, &halab, Unknown, "either order"),
            (&tripoli_ly, &misrata, Far, "two cities 190 km apart"),
            (
                &tripoli_ly,
                &tripoli_lb,
                Unknown,
                "one name, two gazetteer entries",
            ),
            (&syria, &halab, Unknown, "a country locates nothing"),
        ];
        for (a, b, want, why) in rows {
            assert_eq!(rel(a, b), *want, "{why}");
        }
        // A governorate is not the same place as its capital city.
        assert_ne!(rel(&halab_gov, &halab), Same);
    }

    #[test]
    fn distance_is_sane() {
        let d = distance_km((33.51, 36.29), (36.20, 37.16)); // Damascus–Aleppo
        assert!((290.0..330.0).contains(&d), "{d}");
    }

    /// True when a key `b` posts is among those `a` probes.
    fn keyed(a: &PlaceInfo, b: &PlaceInfo) -> bool {
        let (_, probe) = link_keys(a, 5.0);
        let (post, _) = link_keys(b, 5.0);
        probe.iter().any(|k| post.contains(k))
    }

    #[test]
    fn places_that_can_link_share_a_key() {
        let mut places = vec![
            place("محردة", Some("g:1"), Some((35.249, 36.571)), Some("حماة")),
            place("محردة", None, None, None),
            place("كفرنبودة", Some("g:2"), Some((35.40, 36.48)), Some("حماة")),
            place("سلمية", None, None, Some("حمص")),
        ];
        let mut area = place("محافظة حماة", None, None, None);
        area.kind = Some("ADM1".into());
        places.push(area);
        // Points around a cell corner, a few km apart in every direction.
        for (k, (dlat, dlon)) in [(0.0, 0.0), (0.03, 0.0), (0.0, 0.04), (-0.02, -0.03)]
            .into_iter()
            .enumerate()
        {
            let id = format!("g:c{k}");
            let ll = (36.0 + dlat - 0.001, 37.0 + dlon - 0.001);
            places.push(place(&format!("قرية{k}"), Some(&id), Some(ll), None));
        }
        let mut linked = 0;
        for a in &places {
            for b in &places {
                let r = relation(std::slice::from_ref(a), std::slice::from_ref(b), 5.0);
                if r >= PlaceRelation::Inside {
                    linked += 1;
                    assert!(keyed(a, b) && keyed(b, a), "{a:?} {b:?} {r:?}");
                }
            }
        }
        // each with itself, the two محردة, the towns of Hama in their
        // governorate both ways, and the villages near each other
        assert!(linked > places.len() + 6, "{linked}");
        let far = place("قرية", Some("g:f"), Some((36.5, 37.5)), None);
        assert!(!keyed(&places[5], &far), "60 km apart share no cell");
    }
}
