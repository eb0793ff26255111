//! Choosing among namesakes: the country the article is about, distance to
//! its other places, the kind a head word announces, then importance.

use crate::data::Place;
use crate::matcher::Mention;

/// Great-circle distance in kilometres.
pub(crate) fn distance_km(a: &Place, b: &Place) -> f64 {
    if !(a.lat.is_finite() && a.lon.is_finite() && b.lat.is_finite() && b.lon.is_finite()) {
        return f64::INFINITY;
    }
    let (la1, lo1, la2, lo2) = (
        a.lat.to_radians(),
        a.lon.to_radians(),
        b.lat.to_radians(),
        b.lon.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Countries the Arabic conflict press writes about most, preferred when
/// the article gives no evidence.
const PRIOR: &[(&str, f64)] = &[
    ("SY", 1.0),
    ("IQ", 0.8),
    ("LB", 0.4),
    ("JO", 0.3),
    ("PS", 0.3),
    ("TR", 0.3),
    ("YE", 0.3),
];

fn is_anchor(p: &Place) -> bool {
    !matches!(p.kind(), "country" | "river" | "region")
}

/// The chosen place for each mention (None when no candidate is left).
pub(crate) fn choose(places: &[Place], mentions: &[Mention]) -> Vec<Option<u32>> {
    let mut chosen: Vec<Option<u32>> = mentions
        .iter()
        .map(|m| (m.cands.len() == 1).then(|| m.cands[0]))
        .collect();
    if mentions.iter().all(|m| m.cands.len() < 2) {
        return chosen;
    }
    for _round in 0..2 {
        // Evidence: the distinct places already known.
        let mut known: Vec<u32> = chosen.iter().flatten().copied().collect();
        known.sort_unstable();
        known.dedup();
        let mut votes: Vec<(&str, f64)> = Vec::new();
        for &k in &known {
            let c = places[k as usize].country.as_str();
            match votes.iter_mut().find(|(v, _)| *v == c) {
                Some(v) => v.1 += 1.0,
                None => votes.push((c, 1.0)),
            }
        }
        let total: f64 = votes.iter().map(|v| v.1).sum();
        let anchors: Vec<u32> = known
            .iter()
            .copied()
            .filter(|&k| is_anchor(&places[k as usize]))
            .collect();
        let mut next = chosen.clone();
        for (i, m) in mentions.iter().enumerate() {
            if m.cands.len() < 2 {
                continue;
            }
            let best = m
                .cands
                .iter()
                .map(|&c| (score(places, c, m, &anchors, &votes, total), c))
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            next[i] = best.map(|b| b.1);
        }
        chosen = next;
    }
    chosen
}

/// How far (km) another place may be to support a weak mention.
const SUPPORT_KM: f64 = 60.0;

/// True when place `b` is in the same area as `a`: same country and the
/// same governorate, or closer than [`SUPPORT_KM`]. Countries, regions and
/// rivers support nothing.
pub(crate) fn same_area(a: &Place, b: &Place) -> bool {
    if a.country != b.country || !is_anchor(b) {
        return false;
    }
    (!a.admin1.is_empty() && a.admin1 == b.admin1) || distance_km(a, b) <= SUPPORT_KM
}

/// Drops the choices of weak mentions (names that are common words, met
/// after a preposition or a direction only) whose place has no other place of
/// the same area named by a mention that is not weak.
pub(crate) fn drop_unsupported(places: &[Place], mentions: &[Mention], chosen: &mut [Option<u32>]) {
    let strong: Vec<u32> = mentions
        .iter()
        .zip(chosen.iter())
        .filter(|(m, _)| !m.weak)
        .filter_map(|(_, c)| *c)
        .collect();
    for (m, c) in mentions.iter().zip(chosen.iter_mut()) {
        let Some(p) = *c else { continue };
        if !m.weak {
            continue;
        }
        let a = &places[p as usize];
        if !strong
            .iter()
            .any(|&q| q != p && same_area(a, &places[q as usize]))
        {
            *c = None;
        }
    }
}

fn score(
    places: &[Place],
    c: u32,
    m: &Mention,
    anchors: &[u32],
    votes: &[(&str, f64)],
    total: f64,
) -> f64 {
    let p = &places[c as usize];
    let mut s = p.importance();
    if p.reviewed {
        s += 0.5;
    }
    let share = votes
        .iter()
        .find(|v| v.0 == p.country)
        .map(|v| v.1)
        .unwrap_or(0.0);
    if total > 0.0 {
        s += 3.0 * share / total;
    }
    s += PRIOR
        .iter()
        .find(|x| x.0 == p.country)
        .map(|x| x.1)
        .unwrap_or(0.0);
    let near = anchors
        .iter()
        .filter(|&&k| k != c)
        .map(|&k| distance_km(p, &places[k as usize]))
        .fold(f64::INFINITY, f64::min);
    s += if near < 60.0 {
        4.0
    } else if near < 150.0 {
        2.5
    } else if near < 400.0 {
        1.0
    } else {
        0.0
    };
    if let Some(kind) = m.head_kind {
        let k = p.kind();
        let fits = k == kind || (kind == "town" && k == "city") || (kind == "city" && k == "town");
        if fits {
            s += 1.5;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: &str, country: &str, lat: f64, lon: f64, pop: u64) -> Place {
        Place {
            id: id.into(),
            name: id.into(),
            en: String::new(),
            lat,
            lon,
            feature: "P.PPL".into(),
            country: country.into(),
            admin1: String::new(),
            admin2: String::new(),
            population: pop,
            reviewed: false,
        }
    }

    #[test]
    fn proximity_beats_population() {
        // Sousse (Tunisia, big) vs As-Sousah (Deir ez-Zor, small) next to Hajin.
        let places = vec![
            place("sousse", "TN", 35.83, 10.64, 170_000),
            place("sousah", "SY", 34.53, 40.88, 0),
            place("hajin", "SY", 34.69, 40.83, 29_000),
        ];
        let ms = vec![
            Mention {
                span: rasad_record::Span::new(0, 1),
                cands: vec![2],
                head_kind: None,
                weak: false,
            },
            Mention {
                span: rasad_record::Span::new(2, 3),
                cands: vec![0, 1],
                head_kind: None,
                weak: false,
            },
        ];
        assert_eq!(choose(&places, &ms), vec![Some(2), Some(1)]);
    }

    #[test]
    fn distance_is_sane() {
        let a = place("a", "SY", 34.45, 40.92, 0);
        let b = place("b", "SY", 35.33, 40.14, 0);
        let d = distance_km(&a, &b);
        assert!((110.0..130.0).contains(&d), "{d}");
        let c = place("c", "SY", f64::NAN, f64::NAN, 0);
        assert!(distance_km(&a, &c).is_infinite());
    }
}
