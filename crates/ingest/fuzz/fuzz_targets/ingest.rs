//! Bytes → decode (as text and as HTML) → HTML extraction → JSON lines →
//! clean; checks the span invariants of cleaning.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasad_ingest::{clean, decode, html, read_jsonl, Format, RawDoc, ReadOptions};

fn check(text: String) {
    let doc = RawDoc {
        id: "f".into(),
        text,
        format: Format::Text,
        url: None,
        outlet: None,
        published: None,
        title: None,
        origin: "fuzz".into(),
    };
    let c = clean(&doc);
    let chars: Vec<char> = doc.text.chars().collect();
    let mut last = 0;
    let mut parts = Vec::new();
    for (i, s) in c.body_spans.iter().enumerate() {
        assert!(s.start < s.end && s.end <= chars.len());
        assert!(i == 0 || s.start > last);
        last = s.end;
        parts.push(chars[s.start..s.end].iter().collect::<String>());
    }
    assert_eq!(parts.join("\n\n"), c.body);
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = decode::decode(data, false) {
        check(text);
    }
    if let Ok(page) = decode::decode(data, true) {
        let h = html::extract(&page);
        check(h.text);
    }
    let opts = ReadOptions { max_bytes: 1 << 16 };
    for doc in read_jsonl(data, "fuzz", &opts).flatten() {
        check(doc.text);
    }
});
