//! Places on the five seed articles (read at run time from ../shared, never
//! copied into the repository), scored like `shared/tools/score` scores them:
//! names compared after `norm_place`, optional places neither rewarded nor
//! punished, `not_places` always wrong. The whole text is searched (no body
//! detection here), so the bar is a little under the pipeline's.

use rasad_gazetteer::Gazetteer;
use rasad_text::Analysis;
use std::collections::BTreeSet;
use std::path::Path;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

const HEADS: &[&str] = &[
    "حي",
    "احياء",
    "منطقه",
    "منطقتي",
    "مدينه",
    "بلده",
    "بلدتي",
    "قريه",
    "ناحيه",
    "محافظه",
    "ريف",
    "باديه",
    "مخيم",
    "شارع",
    "نهر",
    "جبل",
    "سهل",
    "سهول",
    "مقبره",
    "حقل",
    "حقول",
    "ضفه",
    "اطراف",
    "مركز",
    "مطار",
    "بلدات",
    "قري",
    "مدن",
    "حيي",
];
const TAILS: &[&str] = &[
    "الشرقي",
    "الغربي",
    "الشمالي",
    "الجنوبي",
    "الشرقيه",
    "الغربيه",
    "الشماليه",
    "الجنوبيه",
];

/// A port of the scorer's `norm_place`.
fn norm_place(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        let c = match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            'ؤ' => 'و',
            'ئ' => 'ي',
            '\u{0610}'..='\u{061a}'
            | '\u{064b}'..='\u{065f}'
            | '\u{0670}'
            | '\u{06d6}'..='\u{06ed}'
            | '\u{0640}' => continue,
            c if c.is_alphanumeric() || c == '_' => c,
            _ => ' ',
        };
        s.push(c);
    }
    let mut toks: Vec<&str> = s.split_whitespace().collect();
    while toks.len() > 1 && HEADS.contains(&toks[0]) {
        toks.remove(0);
    }
    while toks.len() > 1 && TAILS.contains(toks.last().unwrap_or(&"")) {
        toks.pop();
    }
    let key: String = toks
        .iter()
        .map(|t| {
            if t.starts_with("ال") && t.chars().count() > 4 {
                &t[4..]
            } else {
                t
            }
        })
        .collect();
    match key.as_str() {
        "سوريه" => "سوريا".into(),
        "ابوكمال" => "بوكمال".into(),
        _ => key,
    }
}

#[test]
fn seed_places_f1() {
    let gold_path = Path::new(SHARED).join("gold/seeds.jsonl");
    let Ok(gold) = std::fs::read_to_string(&gold_path) else {
        println!("skipped: {} not found", gold_path.display());
        return;
    };
    let g = Gazetteer::bundled_only();
    let (mut tp, mut fp, mut fun) = (0usize, 0usize, 0usize);
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(rec) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let doc = rec["doc"].as_str().unwrap_or_default();
        let Ok(text) =
            std::fs::read_to_string(Path::new(SHARED).join(format!("corpus/seeds/{doc}.txt")))
        else {
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
        println!("skipped: no seed document found");
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
