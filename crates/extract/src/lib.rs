//! The extraction pipeline: one cleaned document in, one extraction record out.
//!
//! The stages run in a fixed order because later ones read what earlier ones
//! found (see ARCHITECTURE.md):
//!
//! 1. cleaning (`rasad-ingest`): body regions, title, outlet, authors, dateline;
//! 2. analysis (`rasad-text`): search key with offsets, tokens, sentences;
//! 3. times (`rasad-dates`) and the publication date;
//! 4. quantities (`rasad-numbers`), skipping date spans;
//! 5. actors, then places (`rasad-gazetteer`, skipping actor names), persons and
//!    sources (`rasad-entities`);
//! 6. casualty claims and events (`rasad-events`).

use rasad_dates::DateContext;
use rasad_entities::Lexicon;
use rasad_gazetteer::Gazetteer;
use rasad_ingest::{clean, RawDoc};
use rasad_record::{Document, Span};
use rasad_text::Analysis;

/// Settings that apply to a whole run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The date the documents were collected.
    pub reference_date: jiff::civil::Date,
}

/// Holds the loaded knowledge (gazetteer, lexicons) and extracts records.
/// Build it once and reuse it for every document.
pub struct Extractor {
    opts: Options,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    explain: bool,
    reference_known: bool,
}

impl Extractor {
    /// Loads the bundled knowledge.
    pub fn new(opts: Options) -> Self {
        Extractor {
            opts,
            gazetteer: Gazetteer::bundled(),
            lexicon: Lexicon::bundled(),
            explain: false,
            reference_known: true,
        }
    }

    /// Says that `reference_date` is only today, not a date anyone gave:
    /// an undated document's relative dates then stay unresolved instead
    /// of being placed against today (see `rasad_dates::DateContext`).
    pub fn without_reference(mut self) -> Self {
        self.reference_known = false;
        self
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Extracts the full record of one document.
    pub fn extract(&self, raw: &RawDoc) -> Document {
        let cleaned = clean(raw);
        let a = Analysis::new(raw.text.as_str(), cleaned.body_spans.clone());
        let mut doc = Document::empty(raw.id.clone());
        doc.title = cleaned.title.clone();
        doc.outlet = cleaned.outlet.clone();
        doc.authors = cleaned.authors.clone();
        doc.url = raw.url.clone();
        doc.body = cleaned.body.clone();

        let times = rasad_dates::tag_times(
            &a,
            &DateContext {
                reference: self.opts.reference_date,
                published: raw.published.clone(),
                dateline: cleaned.dateline,
                reference_known: self.reference_known,
            },
        );
        if let Some(p) = &times.published_unread {
            eprintln!(
                "rasad: {}: the published value {p:?} is not a date rasad reads; the publication date is inferred from the text",
                raw.id
            );
        }
        doc.published = times.published;
        doc.times = times.mentions;
        let mut taken: Vec<Span> = doc.times.iter().map(|t| t.span).collect();
        if let Some(d) = cleaned.dateline {
            taken.push(d);
        }
        doc.quantities = rasad_numbers::tag_quantities(&a, &taken);

        // One pass of the entity dictionaries serves actors, sources, persons.
        let entities = self.lexicon.scan(&a);
        doc.actors = entities.actors();
        let actor_spans: Vec<Span> = doc.actors.iter().flat_map(|x| x.spans.clone()).collect();
        doc.places = self.gazetteer.places(&a, &actor_spans);
        let mut named: Vec<Span> = actor_spans;
        named.extend(doc.places.iter().flat_map(|p| p.spans.clone()));
        doc.sources = entities.sources(doc.outlet.as_deref());
        // A person quoted as a source is still a person.
        named.extend(
            doc.sources
                .iter()
                .filter(|s| s.kind.as_deref() != Some("person"))
                .flat_map(|p| p.spans.clone()),
        );
        doc.persons = entities.persons(&doc.authors, &named);

        let (casualties, events) = rasad_events::extract(&a, &doc);
        doc.casualties = casualties;
        doc.events = events;
        if !self.explain {
            forget_rules(&mut doc);
        }
        doc
    }

    /// With `on`, each casualty claim and event keeps the name of the rule
    /// that made it (`rule`, for `rasad extract --explain`).
    pub fn explain(mut self, on: bool) -> Self {
        self.explain = on;
        self
    }
}

/// Drops the rule names: records are the contract, the names a debugging aid.
fn forget_rules(doc: &mut Document) {
    for c in &mut doc.casualties {
        c.rule = None;
    }
    for e in &mut doc.events {
        e.rule = None;
        for c in &mut e.fatalities {
            c.rule = None;
        }
    }
}
