//! Inputs that once crashed the tagger (found by `cargo fuzz run tag_times`),
//! replayed the way the fuzz target feeds them.

use rasad_dates::{tag_times, DateContext};
use rasad_text::Analysis;

fn replay(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let published = s
        .lines()
        .next()
        .filter(|l| l.len() < 40)
        .map(str::to_string);
    let a = Analysis::new(s, vec![]);
    for published in [None, published] {
        let ctx = DateContext {
            reference: "2019-01-01".parse().unwrap(),
            published,
            dateline: None,
            reference_known: true,
        };
        let r = tag_times(&a, &ctx);
        for m in &r.mentions {
            assert_eq!(a.slice(m.span), m.text);
        }
    }
}

#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        replay(&std::fs::read(e.path()).unwrap());
        n += 1;
    }
    assert!(n >= 1);
}

/// Metadata dates cut inside a multi-byte character.
#[test]
fn published_sliced_inside_a_character() {
    replay("L 1-77-1ام-+".as_bytes());
    replay("2018-12-2٨T10:00".as_bytes());
    replay("2018-12-28Tام:00".as_bytes());
}
