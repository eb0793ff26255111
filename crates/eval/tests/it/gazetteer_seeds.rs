//! Places on the five seed articles (read at run time from ../shared, never
//! copied into the repository), scored like `shared/tools/score` scores them:
//! names compared after `norm_place`, optional places neither rewarded nor
//! punished, `not_places` always wrong. The whole text is searched (no body
//! detection here), so the bar is a little under the pipeline's. It lives in
//! the eval crate to share the scorer's `norm_place`. Skipped when ../shared
//! is absent, except in CI (`CI` set), where that fails.

use crate::shared;

use rasad_eval::norm_place;
use rasad_gazetteer::Gazetteer;
use rasad_text::Analysis;
use std::collections::BTreeSet;

#[test]
fn seed_places_f1() {
    let Some(gold_path) = shared::require("gold/seeds.jsonl") else {
        return;
    };
    let Some(seeds) = shared::require("corpus/seeds") else {
        return;
    };
    let gold = std::fs::read_to_string(&gold_path).expect("gold/seeds.jsonl reads");
    let g = Gazetteer::bundled_only();
    let (mut tp, mut fp, mut fun) = (0usize, 0usize, 0usize);
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(rec) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let doc = rec["doc"].as_str().unwrap_or_default();
        let Ok(text) = std::fs::read_to_string(seeds.join(format!("{doc}.txt"))) else {
            continue;
        };
        let list = |k: &str| -> BTreeSet<String> {
            rec[k]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().or(x["name"].as_str()))
                        .map(norm_place)
                        .collect()
                })
                .unwrap_or_default()
        };
        let (want, optional, forbidden) =
            (list("places"), list("optional_places"), list("not_places"));
        let a = Analysis::new(text, vec![]);
        let ents = g.places(&a, &[]);
        let got: BTreeSet<String> = ents.iter().map(|e| norm_place(&e.name)).collect();
        for e in &ents {
            let k = norm_place(&e.name);
            if !want.contains(&k) && !optional.contains(&k) {
                let seen: Vec<(usize, &str)> =
                    e.spans.iter().map(|s| (s.start, a.slice(*s))).collect();
                println!("  extra {} {:?} as {seen:?}", e.name, e.id);
            }
        }
        let hits = want.intersection(&got).count();
        let extra: Vec<&String> = got
            .iter()
            .filter(|k| forbidden.contains(*k) || (!want.contains(*k) && !optional.contains(*k)))
            .collect();
        let missed: Vec<&String> = want.difference(&got).collect();
        println!("{doc}: missed {missed:?} extra {extra:?}");
        tp += hits;
        fp += extra.len();
        fun += missed.len();
    }
    if tp + fp + fun == 0 {
        shared::missing("the seed documents named in gold/seeds.jsonl");
        return;
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fun).max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!("places P {p:.3} R {r:.3} F1 {f1:.3}");
    assert!(f1 >= 0.85, "places F1 {f1:.3} on the seeds");
}
