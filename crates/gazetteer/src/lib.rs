//! The gazetteer: Arabic place names, matched on clitic-split tokens and
//! resolved in context.
//!
//! The data lives in `data/gazetteer/` (see its README): places from GeoNames
//! with Arabic names, a reviewed supplement for what GeoNames lacks or spells
//! differently (neighbourhoods, sub-districts, rivers, bases, oil fields), and
//! phrases that contain place names without being places (actor names,
//! operation names). All names go into one [`PhraseMatcher`] built at start-up
//! with the head words (مدينة، بلدتي، ريف …) that announce places.
//!
//! A mention counts when its name is free, or when the context gives the
//! evidence the name asks for (a head word, a list governed by a plural head,
//! a preposition). A name that is also a common word (`needs_head`: إطار،
//! البلاد، سلمية، البيضاء) counts after a bare head word; after a
//! preposition or next to a direction (`في الحراك`, `جنوب البلاد`) it counts
//! only when the article names another place of the same governorate or
//! within 60 km (`resolve::drop_unsupported`); the commonest words (`النصر`,
//! `Need::Strict`) count after a head only. Position words (`داخل`, `جبهة`,
//! `محيط`: `[position]` in `place_words.words`) are read as prepositions, not heads. A
//! one-word name written with a plain ه where the gazetteer has a ta marbuta
//! (`قصره` "his palace", not قصرة), or with tanween (`درعاً`), is a common
//! noun unless a head precedes it. Namesakes are resolved by the article's country, distance
//! to its other places and importance (see `resolve`).
//!
//! Places the gazetteer does not list are read after an open-class head
//! (`قرية المعلك`, `وادي X`, `دوار السبع بحرات`, `حاجز X`; see `open` and
//! `data/gazetteer/open_heads.tsv`, `name_stop.tsv`) and reported without an
//! id, named by head and name, with the governorate of the first gazetteer
//! place after them in the sentence. A gazetteer name is dropped where the
//! context makes it no place of the story (see `context` and
//! `data/gazetteer/not_place_contexts.tsv`): an outlet named like a town
//! (`قناة الميادين`, `لـ"الميادين"`), a time zone (`بتوقيت دمشق`), the seat
//! of a citing organization (`ومقره لندن`).
//!
//! ```
//! use rasad_gazetteer::Gazetteer;
//! use rasad_text::Analysis;
//! let g = Gazetteer::bundled();
//! let a = Analysis::new("قتل 5 مدنيين في بلدتي الشعفة والسوسة بريف دير الزور الشرقي", vec![]);
//! let names: Vec<String> = g.places(&a, &[]).into_iter().map(|e| e.name).collect();
//! assert_eq!(names, ["الشعفة", "السوسة", "دير الزور"]);
//! ```

mod context;
mod data;
pub mod heads;
mod import;
mod load;
mod matcher;
mod open;
mod resolve;

pub use data::{format_row, parse, Need, ParseError, Place, Row, HEADER};
pub use import::{import_geonames, ImportStats};
pub use load::{LoadError, EXTRA_ENV};

use context::Contexts;
use load::NameRef;
use open::OpenRules;
use rasad_record::{Entity, Span};
use rasad_text::{Analysis, PhraseMatcher};
use rustc_hash::FxHashMap;

/// A loaded gazetteer.
#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_id: FxHashMap<String, u32>,
    refs: Vec<NameRef>,
    matcher: PhraseMatcher,
    open: OpenRules,
    contexts: Contexts,
}

impl Gazetteer {
    /// The gazetteer bundled in the binary, plus the user file named by the
    /// `RASAD_GAZETTEER` environment variable when it is set (a file that
    /// cannot be read is reported on standard error and skipped).
    pub fn bundled() -> Self {
        let mut g = Self::bundled_only();
        if let Some(path) = std::env::var_os(EXTRA_ENV) {
            if let Err(e) = g.load_extra(&path) {
                eprintln!("rasad-gazetteer: {e}");
            }
        }
        g
    }

    /// The bundled data only, whatever the environment says.
    pub fn bundled_only() -> Self {
        let (g, _errors) = Self::from_sources(
            load::GEONAMES_TSV,
            load::SUPPLEMENT_TSV,
            load::NOT_PLACES_TSV,
        );
        debug_assert!(
            _errors.is_empty(),
            "bundled data has bad lines: {_errors:?}"
        );
        g
    }

    /// Every distinct place the body mentions, once each with all its spans.
    /// Matches overlapping `exclude` (actor names such as قوات سوريا
    /// الديمقراطية) are not places.
    pub fn places(&self, a: &Analysis, exclude: &[Span]) -> Vec<Entity> {
        let found = matcher::mentions(self, a, exclude);
        let mentions = found.mentions;
        let mut chosen = resolve::choose(&self.places, &mentions);
        resolve::drop_unsupported(&self.places, &mentions, &mut chosen);
        let open = self.open_entities(a, &found.open, &mentions, &chosen);
        let mut order: Vec<u32> = Vec::new();
        let mut spans: FxHashMap<u32, Vec<Span>> = FxHashMap::default();
        for (m, place) in mentions.iter().zip(chosen) {
            let Some(place) = place else { continue };
            let list = spans.entry(place).or_default();
            if list.is_empty() {
                order.push(place);
            }
            if !list.contains(&m.span) {
                list.push(m.span);
            }
        }
        let mut out: Vec<Entity> = order
            .into_iter()
            .map(|i| {
                let p = &self.places[i as usize];
                // Mentions come in text order, so the spans are sorted.
                let s = spans.remove(&i).unwrap_or_default();
                let mut e = Entity::new(p.name.clone(), Some(p.id.clone()), s);
                e.lat = p.lat.is_finite().then_some(p.lat);
                e.lon = p.lon.is_finite().then_some(p.lon);
                e.admin1 = (!p.admin1.is_empty()).then(|| p.admin1.clone());
                e.kind = Some(p.kind().to_string());
                e
            })
            .collect();
        if !open.is_empty() {
            out.extend(open);
            out.sort_by_key(|e| e.spans.first().map_or(usize::MAX, |s| s.start));
        }
        out
    }

    /// Open-class places as entities without id, one per name, attached to
    /// the governorate of the first gazetteer place after them in the same
    /// sentence (`قرية X في ريف حماة`, `X شمال حلب`). Strict heads (`نقطة`,
    /// `موقع`) need that place.
    fn open_entities(
        &self,
        a: &Analysis,
        open: &[open::OpenMention],
        mentions: &[matcher::Mention],
        chosen: &[Option<u32>],
    ) -> Vec<Entity> {
        let mut out: Vec<Entity> = Vec::new();
        let mut keys: Vec<&str> = Vec::new();
        for o in open {
            let sentence = a.sentence_of(o.span);
            // Mentions come in text order.
            let after = mentions.partition_point(|m| m.span.start < o.span.end);
            let anchor = mentions[after..]
                .iter()
                .zip(&chosen[after..])
                .take_while(|(m, _)| a.sentence_of(m.span) == sentence)
                .find_map(|(_, c)| *c)
                .map(|i| &self.places[i as usize]);
            let head = &self.open.heads[o.head];
            if head.strict && anchor.is_none() {
                continue;
            }
            if let Some(i) = keys.iter().position(|k| *k == o.key) {
                out[i].spans.push(o.span);
                continue;
            }
            let mut e = Entity::new(o.name.clone(), None, vec![o.span]);
            e.admin1 = anchor
                .filter(|p| !p.admin1.is_empty())
                .map(|p| p.admin1.clone());
            e.kind = Some(head.kind.to_string());
            keys.push(&o.key);
            out.push(e);
        }
        out
    }
}
