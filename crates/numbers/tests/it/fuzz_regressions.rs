//! Replays the inputs in `fuzz/regressions/` (crashes found by the fuzz target
//! and hand-written edge cases) through the same checks as the fuzz target.

use rasad_text::Analysis;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/regressions");

fn check(s: &str) {
    let a = Analysis::new(s, vec![]);
    let n = s.chars().count();
    let qs = rasad_numbers::tag_quantities(&a, &[]);
    for q in &qs {
        assert!(q.span.start < q.span.end && q.span.end <= n, "{s:?}: {q:?}");
        assert_eq!(a.slice(q.span), q.text, "{s:?}");
    }
    for w in qs.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "{s:?}: overlapping {w:?}");
    }
    let k = rasad_text::key(s);
    if let Some((_, used)) = rasad_numbers::parse_cardinal_words(&k) {
        assert!(k.is_char_boundary(used), "{s:?}");
    }
    let _ = rasad_numbers::parse_number(s);
    let _ = rasad_numbers::parse_ordinal_words(&k);
}

#[test]
fn regressions_replay() {
    let mut n = 0;
    let mut paths: Vec<_> = std::fs::read_dir(DIR)
        .expect("fuzz/regressions")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    for p in paths {
        let bytes = std::fs::read(&p).expect("readable");
        if let Ok(s) = std::str::from_utf8(&bytes) {
            check(s);
            n += 1;
        }
    }
    assert!(n > 0, "no regression inputs in {DIR}");
}

#[test]
fn huge_numbers_stay_finite_or_are_skipped() {
    let a = Analysis::new("قتل 99999999999999999999999999 عنصرا", vec![]);
    assert!(rasad_numbers::tag_quantities(&a, &[]).is_empty());
    let v = rasad_numbers::parse_number("1.000.000.000.000.000.000.000");
    assert_eq!(v, Some(1e21));
}
