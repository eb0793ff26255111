//! Span questions asked once per hit or token, answered by binary search
//! instead of a scan of every span (a scan per hit made a long article's
//! extraction quadratic in its length).

use rasad_record::Span;

/// Whether one of a set of spans contains a span: the spans sorted by start,
/// with the largest end among each prefix (a span starting at or before
/// `x.start` contains `x` iff the largest such end reaches `x.end`).
pub(crate) struct Covering {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Covering {
    pub(crate) fn new<'s>(spans: impl IntoIterator<Item = &'s Span>) -> Covering {
        let mut sorted: Vec<Span> = spans.into_iter().copied().collect();
        sorted.sort_by_key(|s| s.start);
        let mut max_end = Vec::with_capacity(sorted.len());
        let mut m = 0;
        for s in &sorted {
            m = m.max(s.end);
            max_end.push(m);
        }
        Covering {
            starts: sorted.iter().map(|s| s.start).collect(),
            max_end,
        }
    }

    /// A span contains `x` (`start <= x.start`, `x.end <= end`).
    pub(crate) fn contains(&self, x: &Span) -> bool {
        let n = self.starts.partition_point(|&s| s <= x.start);
        n > 0 && self.max_end[n - 1] >= x.end
    }

    /// A span overlaps `x` (`start < x.end`, `x.start < end`).
    pub(crate) fn overlaps(&self, x: &Span) -> bool {
        let n = self.starts.partition_point(|&s| s < x.end);
        n > 0 && self.max_end[n - 1] > x.start
    }

    /// A span starting before `x` reaches past its end (`start < x.start`,
    /// `x.end <= end`).
    pub(crate) fn strictly_contains(&self, x: &Span) -> bool {
        let n = self.starts.partition_point(|&s| s < x.start);
        n > 0 && self.max_end[n - 1] >= x.end
    }
}

/// Some value of `sorted` lies in `lo..=hi`.
pub(crate) fn any_in(sorted: &[usize], lo: usize, hi: usize) -> bool {
    let i = sorted.partition_point(|&v| v < lo);
    i < sorted.len() && sorted[i] <= hi
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Checked against the scans they replace, on every small case.
    #[test]
    fn answers_as_the_scans_do() {
        let sets = [
            vec![],
            vec![sp(2, 9), sp(4, 5), sp(10, 12)],
            vec![sp(3, 3), sp(0, 4)],
        ];
        for spans in &sets {
            let c = Covering::new(spans);
            for start in 0..14 {
                for end in start..14 {
                    let x = sp(start, end);
                    let scan = spans.iter().any(|e| e.contains(&x));
                    assert_eq!(c.contains(&x), scan, "{spans:?} {x:?}");
                    let strict = spans.iter().any(|o| o.start < x.start && x.end <= o.end);
                    assert_eq!(c.strictly_contains(&x), strict, "{spans:?} {x:?}");
                    let overlap = spans.iter().any(|e| e.overlaps(&x));
                    assert_eq!(c.overlaps(&x), overlap, "{spans:?} {x:?}");
                }
            }
            let starts: Vec<usize> = spans
                .iter()
                .map(|s| s.start)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            for lo in 0..14 {
                for hi in lo..14 {
                    let scan = starts.iter().any(|&v| lo <= v && v <= hi);
                    assert_eq!(any_in(&starts, lo, hi), scan);
                }
            }
        }
    }
}
