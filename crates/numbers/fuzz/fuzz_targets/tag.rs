//! Fuzzes the quantity tagger and the number parsers on arbitrary UTF-8.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run tag -- -max_total_time=60` from
//! `crates/numbers`. Crashing inputs go to `fuzz/regressions/` and are replayed
//! by `tests/it/fuzz_regressions.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasad_text::Analysis;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let a = Analysis::new(s, vec![]);
    let n = s.chars().count();
    for q in rasad_numbers::tag_quantities(&a, &[]) {
        assert!(q.span.start < q.span.end && q.span.end <= n);
        assert_eq!(a.slice(q.span), q.text);
    }
    let k = rasad_text::key(s);
    if let Some((_, used)) = rasad_numbers::parse_cardinal_words(&k) {
        assert!(k.is_char_boundary(used));
    }
    let _ = rasad_numbers::parse_number(s);
    let _ = rasad_numbers::parse_ordinal_words(&k);
});
