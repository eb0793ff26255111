//! Compact encoding of a token span list (one BLOB per article).
//!
//! Spans are in order and do not overlap, so each is stored as two LEB128
//! varints: the gap since the previous span's end, and the length. A typical
//! article's 1,000 tokens take about 2 KB.

use rasad_record::Span;

/// Encodes ordered, non-overlapping spans. Spans that go backwards are clamped
/// so encoding never fails (they decode as empty spans at the previous end).
pub fn encode(spans: &[Span]) -> Vec<u8> {
    let mut out = Vec::with_capacity(spans.len() * 2);
    let mut prev = 0usize;
    for s in spans {
        let start = s.start.max(prev);
        let end = s.end.max(start);
        put(&mut out, (start - prev) as u64);
        put(&mut out, (end - start) as u64);
        prev = end;
    }
    out
}

/// Decodes what [`encode`] wrote. Truncated or corrupt input yields the spans
/// decoded so far (never panics).
pub fn decode(bytes: &[u8]) -> Vec<Span> {
    let mut out = Vec::with_capacity(bytes.len() / 2);
    let mut it = bytes.iter().copied();
    let mut prev = 0usize;
    while let (Some(gap), Some(len)) = (get(&mut it), get(&mut it)) {
        let start = prev.saturating_add(gap as usize);
        let end = start.saturating_add(len as usize);
        out.push(Span::new(start, end));
        prev = end;
    }
    out
}

fn put(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn get(it: &mut impl Iterator<Item = u8>) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = it.next()?;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn round_trip_small() {
        let s = vec![Span::new(0, 3), Span::new(4, 9), Span::new(200, 70_000)];
        assert_eq!(decode(&encode(&s)), s);
        assert!(decode(&[]).is_empty());
    }

    #[test]
    fn corrupt_input_does_not_panic() {
        assert!(decode(&[0xff; 20]).len() <= 1);
        assert_eq!(decode(&[0x01]), vec![]);
    }

    proptest! {
        #[test]
        fn round_trip(gaps in proptest::collection::vec((0usize..5000, 0usize..300), 0..200)) {
            let mut spans = Vec::new();
            let mut at = 0;
            for (g, l) in gaps {
                spans.push(Span::new(at + g, at + g + l));
                at += g + l;
            }
            prop_assert_eq!(decode(&encode(&spans)), spans);
        }

        #[test]
        fn any_bytes_decode(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = decode(&bytes);
        }
    }
}
