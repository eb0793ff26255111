//! `CharTable`: a set of characters answered from bitmaps for ASCII and the
//! Arabic block (U+0600–U+06FF), for per-character tests on hot paths where
//! the general Unicode tables are slow.

/// A character predicate precomputed for ASCII and the Arabic block.
#[derive(Debug, Clone, Copy)]
pub struct CharTable {
    ascii: u128,
    /// U+0600–U+06FF, one bit each.
    arabic: [u64; 4],
}

impl CharTable {
    /// The table of `pred` over ASCII and the Arabic block.
    pub fn new(pred: impl Fn(char) -> bool) -> CharTable {
        let mut t = CharTable {
            ascii: 0,
            arabic: [0; 4],
        };
        for u in 0..128u32 {
            if char::from_u32(u).is_some_and(&pred) {
                t.ascii |= 1 << u;
            }
        }
        for k in 0..256u32 {
            if char::from_u32(0x0600 + k).is_some_and(&pred) {
                t.arabic[(k / 64) as usize] |= 1 << (k % 64);
            }
        }
        t
    }

    /// The predicate's answer for `c`, or `None` when `c` is outside the
    /// tables (the caller decides: compute it, or take a default).
    #[inline]
    pub fn lookup(&self, c: char) -> Option<bool> {
        let u = c as u32;
        if u < 128 {
            Some(self.ascii >> u & 1 == 1)
        } else {
            self.arabic
                .get((u.wrapping_sub(0x0600) / 64) as usize)
                .map(|bits| bits >> (u % 64) & 1 == 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CharTable;

    #[test]
    fn answers_inside_the_tables_and_none_outside() {
        let t = CharTable::new(char::is_alphanumeric);
        assert_eq!(t.lookup('a'), Some(true));
        assert_eq!(t.lookup(' '), Some(false));
        assert_eq!(t.lookup('ب'), Some(true));
        assert_eq!(t.lookup('٣'), Some(true));
        assert_eq!(t.lookup('،'), Some(false));
        assert_eq!(t.lookup('é'), None);
        assert_eq!(t.lookup('ﻻ'), None);
    }

    #[test]
    fn agrees_with_the_predicate_on_every_table_char() {
        let pred = |c: char| c.is_alphabetic() && !c.is_ascii_uppercase();
        let t = CharTable::new(pred);
        for u in (0..128u32).chain(0x0600..0x0700) {
            let c = char::from_u32(u).unwrap();
            assert_eq!(t.lookup(c), Some(pred(c)), "U+{u:04X}");
        }
    }
}
