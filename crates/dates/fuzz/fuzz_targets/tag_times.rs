//! Arbitrary strings (and an arbitrary metadata date) into `tag_times`: it must
//! not panic, and every mention must be a slice of the text at its span.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasad_dates::{tag_times, DateContext};
use rasad_text::Analysis;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    // The first line doubles as the metadata publication date.
    let published = s.lines().next().filter(|l| l.len() < 40).map(str::to_string);
    let a = Analysis::new(s, vec![]);
    for published in [None, published] {
        let ctx = DateContext { reference: jiff::civil::date(2019, 1, 1), published, dateline: None, reference_known: true };
        let r = tag_times(&a, &ctx);
        let n = s.chars().count();
        for m in &r.mentions {
            assert!(m.span.start < m.span.end && m.span.end <= n);
            assert_eq!(a.slice(m.span), m.text);
        }
    }
});
