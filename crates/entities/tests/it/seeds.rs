//! The seed articles (read at run time from ../shared; skipped when absent):
//! the actor codes, persons and sources the gold expects.

use rasad_entities::Lexicon;
use rasad_text::Analysis;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");

fn read(prefix: &str) -> Option<String> {
    let dir = std::fs::read_dir(SEEDS).ok()?;
    let p = dir
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
    std::fs::read_to_string(p.path()).ok()
}

#[test]
fn seed_actors_persons_sources() {
    let lx = Lexicon::bundled();
    let table: &[(&str, &[&str], usize)] = &[
        ("000", &["ISIS", "SYR_GOV", "SDF", "US_COALITION"], 1),
        (
            "001",
            &["ISIS", "SYR_GOV", "IRAN", "RUSSIA", "US_COALITION", "SDF"],
            1,
        ),
        ("002", &["ISIS", "US_COALITION", "SDF", "UNKNOWN"], 7),
        (
            "003",
            &["ISIS", "SYR_GOV", "SDF", "US_COALITION", "CIVILIANS"],
            2,
        ),
        (
            "004",
            &["ISIS", "SYR_GOV", "US_COALITION", "SDF", "RUSSIA", "IRAN"],
            3,
        ),
    ];
    for (prefix, want, persons) in table {
        let Some(text) = read(prefix) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but {SEEDS} is missing"
            );
            eprintln!("note: seed {prefix} not found under {SEEDS}; skipped");
            continue;
        };
        let a = Analysis::new(text.as_str(), vec![]);
        let mut got: Vec<String> = lx.actors(&a).into_iter().map(|x| x.id).collect();
        got.sort();
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "actors of {prefix}");
        assert_eq!(
            lx.persons(&a, &[], &[]).len(),
            *persons,
            "persons of {prefix}"
        );
    }
}
