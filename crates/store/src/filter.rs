//! Search filters (publication days, outlet) checked in memory.
//!
//! A filtered search used to join every full-text match with `articles` to
//! read its day and outlet: one B-tree lookup per match, as costly as ranking
//! it. Instead each connection keeps, by rowid, the publication day and the
//! outlet key of every article it has seen, and reads only the articles added
//! since (the store only ever appends articles: a stored row never changes).
//! The comparisons are SQLite's: days compare as text, byte by byte, and an
//! article without a day or an outlet fails a filter on it.

use crate::StoreError;
use rusqlite::Connection;
use std::collections::HashMap;
use std::sync::Arc;

/// Day and outlet of the articles read so far.
#[derive(Debug, Default)]
pub(crate) struct Columns {
    /// Highest rowid read.
    upto: i64,
    /// Publication day by rowid.
    day: Vec<Option<Box<str>>>,
    /// Outlet key by rowid, as an index into `outlets` plus one (0: none).
    outlet: Vec<u32>,
    /// Outlet keys, each once.
    outlets: Vec<Box<str>>,
    /// Outlet key → index in `outlets`.
    outlet_ids: HashMap<Box<str>, u32>,
}

/// A search's filters, ready to test rows.
#[derive(Debug)]
pub(crate) struct Filter<'a> {
    from: Option<&'a str>,
    to: Option<&'a str>,
    /// `Some(None)`: an outlet no article has (nothing passes).
    outlet: Option<Option<u32>>,
}

impl Columns {
    /// Reads the articles stored since the last call (all of them the first
    /// time).
    pub(crate) fn refresh(&mut self, conn: &Connection) -> Result<(), StoreError> {
        let top: Option<i64> = conn
            .prepare_cached("SELECT max(rowid) FROM articles")?
            .query_row([], |r| r.get(0))?;
        if top.is_none_or(|t| t <= self.upto) {
            return Ok(());
        }
        let mut stmt = conn.prepare_cached(
            "SELECT rowid, published_day, outlet_key FROM articles WHERE rowid > ?1 ORDER BY rowid",
        )?;
        let mut rows = stmt.query([self.upto])?;
        while let Some(r) = rows.next()? {
            let rowid: i64 = r.get(0)?;
            let day: Option<String> = r.get(1)?;
            let outlet: Option<String> = r.get(2)?;
            self.set(rowid, day, outlet);
        }
        Ok(())
    }

    fn set(&mut self, rowid: i64, day: Option<String>, outlet: Option<String>) {
        self.upto = self.upto.max(rowid);
        let Ok(i) = usize::try_from(rowid) else {
            return;
        };
        if self.day.len() <= i {
            self.day.resize(i + 1, None);
            self.outlet.resize(i + 1, 0);
        }
        self.day[i] = day.map(String::into_boxed_str);
        self.outlet[i] = match outlet {
            None => 0,
            Some(k) => match self.outlet_ids.get(k.as_str()) {
                Some(&id) => id + 1,
                None => {
                    let id = self.outlets.len() as u32;
                    let k = k.into_boxed_str();
                    self.outlets.push(k.clone());
                    self.outlet_ids.insert(k, id);
                    id + 1
                }
            },
        };
    }

    /// The filter for these values (`outlet` already a key).
    pub(crate) fn filter<'a>(
        &self,
        from: Option<&'a str>,
        to: Option<&'a str>,
        outlet: Option<&str>,
    ) -> Filter<'a> {
        Filter {
            from,
            to,
            outlet: outlet.map(|k| self.outlet_ids.get(k).copied()),
        }
    }

    /// The test of a search's filters by rowid, for the index's collector:
    /// the passing articles as a bit set (an article not known here, stored
    /// after the last refresh, does not pass).
    pub(crate) fn passing(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        outlet: Option<&str>,
    ) -> Arc<dyn Fn(u64) -> bool + Send + Sync> {
        let f = self.filter(from, to, outlet);
        let mut bits = vec![0u64; self.day.len().div_ceil(64)];
        for (i, bit) in bits.iter_mut().enumerate() {
            for j in 0..64 {
                let rowid = (i * 64 + j) as i64;
                if self.keeps(rowid, &f) == Some(true) {
                    *bit |= 1 << j;
                }
            }
        }
        Arc::new(move |rowid: u64| {
            usize::try_from(rowid / 64)
                .ok()
                .and_then(|i| bits.get(i))
                .is_some_and(|b| b & (1 << (rowid % 64)) != 0)
        })
    }

    /// True when the article passes the filter; `None` when the article is
    /// not known here (stored after the last refresh).
    pub(crate) fn keeps(&self, rowid: i64, f: &Filter) -> Option<bool> {
        if rowid > self.upto {
            return None;
        }
        let i = usize::try_from(rowid).ok()?;
        let day = self.day.get(i)?.as_deref();
        let outlet = self.outlet.get(i).copied()?;
        Some(passes(day, outlet.checked_sub(1), f))
    }
}

/// SQLite's `day >= from AND day <= to` for a nullable text day.
fn day_passes(day: Option<&str>, from: Option<&str>, to: Option<&str>) -> bool {
    from.is_none_or(|b| day.is_some_and(|d| d >= b))
        && to.is_none_or(|b| day.is_some_and(|d| d <= b))
}

fn passes(day: Option<&str>, outlet: Option<u32>, f: &Filter) -> bool {
    day_passes(day, f.from, f.to)
        && match f.outlet {
            None => true,
            Some(want) => want.is_some() && want == outlet,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> Columns {
        let mut c = Columns::default();
        c.set(1, Some("2017-10-17".into()), Some("عنب بلدي".into()));
        c.set(2, Some("2018-12-12".into()), Some("الوطن".into()));
        c.set(3, None, Some("عنب بلدي".into()));
        c.set(5, Some("2018-01-01".into()), None);
        c
    }

    fn kept(c: &Columns, from: Option<&str>, to: Option<&str>, outlet: Option<&str>) -> Vec<i64> {
        let f = c.filter(from, to, outlet);
        (0..=6).filter(|&r| c.keeps(r, &f) == Some(true)).collect()
    }

    #[test]
    fn filters_compare_as_sqlite_does() {
        let c = columns();
        assert_eq!(kept(&c, None, Some("2099"), None), vec![1, 2, 5]);
        assert_eq!(kept(&c, Some("2018-01-01"), None, None), vec![2, 5]);
        assert_eq!(kept(&c, None, Some("2018-01-01"), None), vec![1, 5]);
        assert_eq!(kept(&c, Some("2018"), Some("2018-06"), None), vec![5]);
        assert_eq!(kept(&c, None, None, Some("عنب بلدي")), vec![1, 3]);
        assert_eq!(
            kept(&c, Some("2017-01-01"), None, Some("عنب بلدي")),
            vec![1]
        );
        assert!(kept(&c, None, None, Some("زمان الوصل")).is_empty());
        assert_eq!(c.keeps(7, &c.filter(None, None, None)), None, "unknown row");
    }

    #[test]
    fn a_stored_row_is_known_after_a_refresh() {
        use crate::prepare::prepare;
        use rasad_record::Document;
        let mut s = crate::Store::open_in_memory().unwrap();
        let mut d = Document::empty("x");
        d.body = "قصف على حلب".into();
        d.outlet = Some("الوطن".into());
        s.write_batch(&[prepare(&d.body.clone(), "t", &d).unwrap()])
            .unwrap();
        let conn = s.connection();
        let rowid: i64 = conn
            .query_row("SELECT rowid FROM articles", [], |r| r.get(0))
            .unwrap();
        let mut c = Columns::default();
        assert_eq!(c.keeps(rowid, &c.filter(None, None, None)), None);
        assert!(!c.passing(None, None, None)(rowid as u64), "not known yet");
        c.refresh(conn).unwrap();
        assert_eq!(
            c.keeps(rowid, &c.filter(None, None, Some("الوطن"))),
            Some(true)
        );
        assert!(c.passing(None, None, Some("الوطن"))(rowid as u64));
        assert!(!c.passing(None, None, Some("سانا"))(rowid as u64));
        assert!(
            !c.passing(Some("2018-01-01"), None, None)(rowid as u64),
            "no day"
        );
        assert!(
            !c.passing(None, None, None)(rowid as u64 + 1),
            "no such row"
        );
    }
}
