//! The word lists of `data/events/`, loaded once, and a small matcher that
//! finds their forms in the clitic-split tokens of a text.
//!
//! A form is one or more words; the first may carry proclitics and the
//! article (read with [`rasad_text::clitic::readings`]), later ones the
//! article. A word ending in `*` accepts up to three more letters.

use rasad_text::{clitic, key, Token};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::sync::OnceLock;

/// Letters a `*` word accepts after its stem.
const MAX_SUFFIX_CHARS: usize = 3;

#[derive(Debug, Clone)]
struct WordPat {
    text: String,
    prefix: bool,
}

impl WordPat {
    fn matches(&self, bare: &str) -> bool {
        if self.prefix {
            bare.strip_prefix(self.text.as_str())
                .is_some_and(|rest| rest.chars().count() <= MAX_SUFFIX_CHARS)
        } else {
            bare == self.text
        }
    }
}

/// A form found in the text: tokens `start..end`, and the payload it was
/// inserted with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What the form stands for (an index chosen by the inserter).
    pub payload: usize,
}

/// Items of a list sorted by `start` whose start lies in `t0..t1`.
pub fn within<T>(list: &[T], t0: usize, t1: usize, start: impl Fn(&T) -> usize) -> &[T] {
    let a = list.partition_point(|x| start(x) < t0);
    let b = list.partition_point(|x| start(x) < t1);
    &list[a..b.max(a)]
}

/// Leftmost-longest matcher of multi-word forms over key tokens.
#[derive(Debug, Default)]
pub struct Matcher {
    pats: Vec<(Vec<WordPat>, usize)>,
    roles: Vec<usize>,
    nroles: usize,
    exact: FxHashMap<String, Vec<usize>>,
    prefix: FxHashMap<String, Vec<usize>>,
}

fn bare_word(w: &str) -> String {
    clitic::strip_article(&key(w)).to_string()
}

impl Matcher {
    /// Adds `form` standing for `payload`.
    pub fn insert(&mut self, form: &str, payload: usize) {
        self.insert_in(0, form, payload);
    }

    /// Adds `form` standing for `payload` to the list `role`: every list is
    /// matched leftmost-longest on its own, in one pass over the tokens.
    pub fn insert_in(&mut self, role: usize, form: &str, payload: usize) {
        let mut words = Vec::new();
        for w in form.split_whitespace() {
            let (w, prefix) = match w.strip_suffix('*') {
                Some(x) => (x, true),
                None => (w, false),
            };
            let text = bare_word(w);
            if !text.is_empty() {
                words.push(WordPat { text, prefix });
            }
        }
        let Some(first) = words.first() else { return };
        let id = self.pats.len();
        let map = if first.prefix {
            &mut self.prefix
        } else {
            &mut self.exact
        };
        map.entry(first.text.clone()).or_default().push(id);
        self.pats.push((words, payload));
        self.roles.push(role);
        self.nroles = self.nroles.max(role + 1);
    }

    /// Leftmost-longest, non-overlapping matches in `tokens` of the key `s`.
    pub fn find(&self, s: &str, tokens: &[Token]) -> Vec<Hit> {
        let rs = token_readings(s, tokens);
        self.find_with(s, tokens, &rs)
    }

    /// [`Matcher::find`] with the readings of every token computed once
    /// (see [`token_readings`]), for a matcher with one list.
    pub fn find_with(&self, s: &str, tokens: &[Token], readings: &Readings<'_>) -> Vec<Hit> {
        self.find_lists(s, tokens, readings)
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// Leftmost-longest, non-overlapping matches of every list, each list on
    /// its own, in one pass: `result[role]`.
    pub fn find_lists(&self, s: &str, tokens: &[Token], readings: &Readings<'_>) -> Vec<Vec<Hit>> {
        let n = self.nroles.max(1);
        let mut out: Vec<Vec<Hit>> = vec![Vec::new(); n];
        let mut free = vec![0usize; n];
        let mut best: Vec<Option<(usize, usize)>> = vec![None; n]; // (words, pattern)
        let mut cands: Vec<usize> = Vec::new();
        for i in 0..tokens.len() {
            best.iter_mut().for_each(|b| *b = None);
            cands.clear();
            for r in readings.get(i) {
                if let Some(v) = self.exact.get(r.bare) {
                    cands.extend(v);
                }
                self.stem_candidates(r.bare, &mut cands);
                for &p in &cands {
                    let role = self.roles[p];
                    if free[role] > i {
                        continue;
                    }
                    let words = &self.pats[p].0;
                    if best[role].is_some_and(|(k, _)| k >= words.len()) {
                        continue;
                    }
                    if words[0].matches(r.bare) && self.rest_matches(s, tokens, i, &words[1..]) {
                        best[role] = Some((words.len(), p));
                    }
                }
            }
            for (role, b) in best.iter().enumerate() {
                if let Some((k, p)) = *b {
                    out[role].push(Hit {
                        start: i,
                        end: i + k,
                        payload: self.pats[p].1,
                    });
                    free[role] = i + k;
                }
            }
        }
        out
    }

    /// Adds the patterns of the `*` forms whose stem `bare` may be: the word
    /// less 0 to [`MAX_SUFFIX_CHARS`] final letters, at least two left.
    fn stem_candidates(&self, bare: &str, cands: &mut Vec<usize>) {
        if self.prefix.is_empty() {
            return;
        }
        let mut end = bare.len();
        let mut cut = 0;
        let mut it = bare.char_indices().rev();
        loop {
            if bare[..end].chars().nth(1).is_none() {
                break;
            }
            if let Some(v) = self.prefix.get(&bare[..end]) {
                cands.extend(v);
            }
            if cut == MAX_SUFFIX_CHARS {
                break;
            }
            match it.next() {
                Some((b, _)) => end = b,
                None => break,
            }
            cut += 1;
        }
    }

    fn rest_matches(&self, s: &str, tokens: &[Token], i: usize, rest: &[WordPat]) -> bool {
        if i + rest.len() >= tokens.len() {
            return rest.is_empty();
        }
        for (k, w) in rest.iter().enumerate() {
            let prev = &tokens[i + k];
            let t = &tokens[i + k + 1];
            if !s[prev.end..t.start].chars().all(char::is_whitespace) {
                return false;
            }
            if !w.matches(clitic::strip_article(t.text(s))) {
                return false;
            }
        }
        true
    }
}

/// The readings of every token, flat: token `i`'s readings are
/// `all[off[i]..off[i + 1]]` (one allocation for the whole text).
#[derive(Debug, Default, Clone)]
pub struct Readings<'s> {
    all: Vec<clitic::Reading<'s>>,
    off: Vec<usize>,
}

impl<'s> Readings<'s> {
    /// The readings of token `i` (none past the end).
    pub fn get(&self, i: usize) -> &[clitic::Reading<'s>] {
        match (self.off.get(i), self.off.get(i + 1)) {
            (Some(&a), Some(&b)) => self.all.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.off.len().saturating_sub(1)
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The readings of every token (see [`clitic::readings`]), plus a
/// conjunction split off a two-letter word (وحث، فقد) that the clitic reader
/// leaves alone.
pub fn token_readings<'s>(s: &'s str, tokens: &[Token]) -> Readings<'s> {
    let mut all = Vec::with_capacity(tokens.len() * 2);
    let mut off = Vec::with_capacity(tokens.len() + 1);
    let mut scratch = Vec::with_capacity(4);
    off.push(0);
    for t in tokens {
        let word = t.text(s);
        clitic::readings_into(word, &mut scratch);
        let start = all.len();
        all.extend_from_slice(&scratch);
        if let Some(rest) = clitic::strip_conjunction(word) {
            if rest.chars().count() == 2
                && !all[start..]
                    .iter()
                    .any(|r: &clitic::Reading| r.bare == rest)
            {
                all.push(clitic::Reading {
                    bare: rest,
                    prefix_chars: 1,
                    guessed: true,
                });
            }
        }
        off.push(all.len());
    }
    Readings { all, off }
}

/// Flags a trigger can carry (see `data/events/triggers.toml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TriggerFlags {
    pub verb: bool,
    pub weak: bool,
    pub repel: bool,
    pub territory: bool,
    pub shelling: bool,
    pub shooting: bool,
    pub defuse: bool,
    pub protest: bool,
    pub intervention: bool,
    pub assassination: bool,
    /// Takes ground as its object (سيطر على، استعاد): without a place, a
    /// force or a position after it no ground changed hands.
    pub ground_object: bool,
}

impl TriggerFlags {
    /// The flags named in a trigger row (unknown names are left out).
    fn from_names(names: &[String]) -> TriggerFlags {
        let mut f = TriggerFlags::default();
        for name in names {
            match name.as_str() {
                "verb" => f.verb = true,
                "weak" => f.weak = true,
                "repel" => f.repel = true,
                "territory" => f.territory = true,
                "shelling" => f.shelling = true,
                "shooting" => f.shooting = true,
                "defuse" => f.defuse = true,
                "protest" => f.protest = true,
                "intervention" => f.intervention = true,
                "assassination" => f.assassination = true,
                "ground_object" => f.ground_object = true,
                _ => {}
            }
        }
        f
    }
}

/// An event trigger entry.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub kind: String,
    pub subtype: String,
    pub priority: i32,
    pub flags: TriggerFlags,
}

/// The kind of a casualty word.
pub use rasad_record::CasualtyKind;

/// A casualty word entry.
#[derive(Debug, Clone)]
pub struct CasualtyWord {
    pub kind: CasualtyKind,
    pub object: bool,
    pub active: bool,
    pub selfdet: bool,
    pub needs_discovery: bool,
    /// A noun of the state people are in (أسرى، معتقلين), not of the act
    /// that put them there (اعتقال).
    pub status: bool,
    /// The people stand before the word (لقي 5 عناصر من X حتفهم).
    pub after_subject: bool,
    /// The word counts the people itself when no number stands right before
    /// it: one for `قتيل`, two for the dual `جريحين`.
    pub count: Option<f64>,
}

/// A victim or fighter noun entry.
#[derive(Debug, Clone)]
pub struct Victim {
    pub group: Option<String>,
    pub count: Option<f64>,
    /// The side when nothing around the claim names one: an actor code
    /// (`CIVILIANS` for people, `شخص`) or `army` (the national army of the
    /// story, for soldiers, `جندي`).
    pub fallback: Option<String>,
}

/// Roles of cue words (see `data/events/cues.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    Negation,
    Denial,
    Claimed,
    Asserted,
    NonEvent,
    Generic,
    Background,
    Modal,
    Tally,
    Since,
    Subcount,
    Others,
    Versus,
    Discovery,
    Exhumation,
    Wounds,
    Related,
    Continues,
    Boundary,
    Relative,
    Reporting,
    PeriodWord,
    TerritoryObject,
    Elaboration,
    /// A noun an act word qualifies (مذكرة احتجاج، مركز المصالحة).
    Holder,
    /// A release (أفرج عن): capture words after it are no new capture.
    Release,
    /// A prison or a hunger strike (السجون، الإضراب عن الطعام): captivity
    /// nouns beside it count people held.
    Held,
    /// A place right after it is a side location (ومقره لندن، أطلقت من).
    SidePlace,
    /// Who the dead were, told apart from the toll (من بين القتلى).
    AmongDead,
    /// A war or conflict as a whole (الحرب، النزاع): a toll of people it
    /// caused counts every side.
    War,
    /// A verb that concludes an agreement (توصل إلى، وقع، أبرم).
    Concluded,
    /// A clash told as such (اشتباكات، معارك، بين X و Y).
    ClashTold,
    /// A toll noun before a casualty word (حصيلة القتلى، عدد الضحايا).
    TollNoun,
    /// A word that brings a toll to its figure (إلى، بلغت، وصل).
    TollReach,
    /// A unit of disease cases after a count (1054 حالة): no toll of an act.
    CaseUnit,
}

impl Cue {
    fn parse(s: &str) -> Option<Cue> {
        Some(match s {
            "negation" => Cue::Negation,
            "denial" => Cue::Denial,
            "claimed" => Cue::Claimed,
            "asserted" => Cue::Asserted,
            "non_event" => Cue::NonEvent,
            "generic" => Cue::Generic,
            "background" => Cue::Background,
            "modal" => Cue::Modal,
            "tally" => Cue::Tally,
            "toll_noun" => Cue::TollNoun,
            "toll_reach" => Cue::TollReach,
            "case_unit" => Cue::CaseUnit,
            "since" => Cue::Since,
            "subcount" => Cue::Subcount,
            "others" => Cue::Others,
            "versus" => Cue::Versus,
            "discovery" => Cue::Discovery,
            "exhumation" => Cue::Exhumation,
            "wounds" => Cue::Wounds,
            "related" => Cue::Related,
            "continues" => Cue::Continues,
            "boundary" => Cue::Boundary,
            "relative" => Cue::Relative,
            "reporting" => Cue::Reporting,
            "period_word" => Cue::PeriodWord,
            "territory_object" => Cue::TerritoryObject,
            "elaboration" => Cue::Elaboration,
            "holder" => Cue::Holder,
            "release" => Cue::Release,
            "held" => Cue::Held,
            "side_place" => Cue::SidePlace,
            "among_dead" => Cue::AmongDead,
            "war" => Cue::War,
            "concluded" => Cue::Concluded,
            "clash_told" => Cue::ClashTold,
            _ => return None,
        })
    }
}

/// Role markers before an actor mention (see `data/events/markers.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    Target,
    Partner,
    Support,
    Agent,
    Air,
    Negated,
    Victim,
    Between,
    Source,
    Accuse,
}

/// All the word lists, with their matchers. One cue form can have several
/// roles, so cues keep one matcher per role.
#[derive(Debug)]
pub struct Lexicon {
    pub triggers: Vec<Trigger>,
    pub trigger_matcher: Matcher,
    pub casualty: Vec<CasualtyWord>,
    pub casualty_matcher: Matcher,
    pub victims: Vec<Victim>,
    pub victim_matcher: Matcher,
    pub cues: Vec<(Cue, Matcher)>,
    /// Every list above in one matcher: list 0 triggers, 1 casualty words,
    /// 2 victim nouns, 3 + k the cue role `cues[k]`.
    pub all: Matcher,
    pub markers: FxHashMap<String, Marker>,
    /// Actor codes of the forces that strike with warplanes in the wars
    /// covered (`air_forces` of `markers.toml`).
    pub air_forces: Vec<String>,
}

#[derive(Deserialize)]
struct TriggerFile {
    trigger: Vec<TriggerRow>,
}
#[derive(Deserialize)]
struct TriggerRow {
    forms: Vec<String>,
    #[serde(rename = "type")]
    kind: String,
    subtype: String,
    priority: i32,
    #[serde(default)]
    flags: Vec<String>,
}
#[derive(Deserialize)]
struct CasualtyFile {
    word: Vec<CasualtyRow>,
}
#[derive(Deserialize)]
struct CasualtyRow {
    forms: Vec<String>,
    kind: CasualtyKind,
    #[serde(default)]
    flags: Vec<String>,
    #[serde(default)]
    count: Option<f64>,
}
#[derive(Deserialize)]
struct VictimFile {
    noun: Vec<VictimRow>,
}
#[derive(Deserialize)]
struct VictimRow {
    forms: Vec<String>,
    group: Option<String>,
    count: Option<f64>,
    #[serde(default)]
    fallback: Option<String>,
}
#[derive(Deserialize)]
struct CueFile {
    cue: Vec<CueRow>,
}
#[derive(Deserialize)]
struct CueRow {
    role: String,
    forms: Vec<String>,
}
#[derive(Deserialize)]
struct MarkerFile {
    target: Vec<String>,
    partner: Vec<String>,
    support: Vec<String>,
    agent: Vec<String>,
    air: Vec<String>,
    negated: Vec<String>,
    victim: Vec<String>,
    #[serde(default)]
    between: Vec<String>,
    #[serde(default)]
    source: Vec<String>,
    #[serde(default)]
    accuse: Vec<String>,
    #[serde(default)]
    air_forces: Vec<String>,
}

const TRIGGERS: &str = include_str!("../../../data/events/triggers.toml");
const CASUALTY: &str = include_str!("../../../data/events/casualty.toml");
const VICTIMS: &str = include_str!("../../../data/events/victims.toml");
const CUES: &str = include_str!("../../../data/events/cues.toml");
const MARKERS: &str = include_str!("../../../data/events/markers.toml");

impl Lexicon {
    /// The bundled lexicon, parsed on first use. The files are part of the
    /// build and covered by tests, so a parse error is a build defect: it
    /// leaves the affected list empty rather than panicking.
    pub fn get() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(Lexicon::bundled)
    }

    fn bundled() -> Lexicon {
        Self::parse(TRIGGERS, CASUALTY, VICTIMS, CUES, MARKERS).unwrap_or_else(|_| Lexicon::empty())
    }

    fn empty() -> Lexicon {
        Lexicon {
            triggers: Vec::new(),
            trigger_matcher: Matcher::default(),
            casualty: Vec::new(),
            casualty_matcher: Matcher::default(),
            victims: Vec::new(),
            victim_matcher: Matcher::default(),
            cues: Vec::new(),
            all: Matcher::default(),
            markers: FxHashMap::default(),
            air_forces: Vec::new(),
        }
    }

    /// Parses the five files.
    pub fn parse(
        triggers: &str,
        casualty: &str,
        victims: &str,
        cues: &str,
        markers: &str,
    ) -> Result<Lexicon, toml::de::Error> {
        let mut lx = Lexicon::empty();
        lx.add_triggers(toml::from_str(triggers)?);
        lx.add_casualty(toml::from_str(casualty)?);
        lx.add_victims(toml::from_str(victims)?);
        lx.add_cues(toml::from_str(cues)?);
        lx.add_markers(toml::from_str(markers)?);
        Ok(lx)
    }

    /// Adds the triggers (list 0 of [`Lexicon::all`]).
    fn add_triggers(&mut self, file: TriggerFile) {
        for row in file.trigger {
            let id = self.triggers.len();
            self.triggers.push(Trigger {
                kind: row.kind,
                subtype: row.subtype,
                priority: row.priority,
                flags: TriggerFlags::from_names(&row.flags),
            });
            for form in &row.forms {
                self.trigger_matcher.insert(form, id);
                self.all.insert_in(0, form, id);
            }
        }
    }

    /// Adds the casualty words (list 1 of [`Lexicon::all`]).
    fn add_casualty(&mut self, file: CasualtyFile) {
        for row in file.word {
            let id = self.casualty.len();
            let has = |f: &str| row.flags.iter().any(|x| x == f);
            self.casualty.push(CasualtyWord {
                kind: row.kind,
                object: has("object"),
                active: has("active"),
                selfdet: has("self"),
                needs_discovery: has("needs_discovery"),
                status: has("status"),
                after_subject: has("after_subject"),
                count: row.count,
            });
            for form in &row.forms {
                self.casualty_matcher.insert(form, id);
                self.all.insert_in(1, form, id);
            }
        }
    }

    /// Adds the victim nouns (list 2 of [`Lexicon::all`]).
    fn add_victims(&mut self, file: VictimFile) {
        for row in file.noun {
            let id = self.victims.len();
            self.victims.push(Victim {
                group: row.group,
                count: row.count,
                fallback: row.fallback,
            });
            for form in &row.forms {
                self.victim_matcher.insert(form, id);
                self.all.insert_in(2, form, id);
            }
        }
    }

    /// Adds the cue words, one matcher per role in the order roles are first
    /// met (list 3 + k of [`Lexicon::all`] for `cues[k]`); unknown roles are
    /// left out.
    fn add_cues(&mut self, file: CueFile) {
        let mut seen: FxHashSet<Cue> = FxHashSet::default();
        for row in file.cue {
            let Some(cue) = Cue::parse(&row.role) else {
                continue;
            };
            if seen.insert(cue) {
                self.cues.push((cue, Matcher::default()));
            }
            if let Some(k) = self.cues.iter().position(|(c, _)| *c == cue) {
                for form in &row.forms {
                    self.cues[k].1.insert(form, 0);
                    self.all.insert_in(3 + k, form, 0);
                }
            }
        }
    }

    /// Adds the role markers, by bare key word.
    fn add_markers(&mut self, m: MarkerFile) {
        self.air_forces = m.air_forces.clone();
        for (list, mk) in [
            (&m.target, Marker::Target),
            (&m.partner, Marker::Partner),
            (&m.support, Marker::Support),
            (&m.agent, Marker::Agent),
            (&m.air, Marker::Air),
            (&m.negated, Marker::Negated),
            (&m.victim, Marker::Victim),
            (&m.between, Marker::Between),
            (&m.source, Marker::Source),
            (&m.accuse, Marker::Accuse),
        ] {
            for w in list {
                self.markers.insert(bare_word(w), mk);
            }
        }
    }

    /// The marker a bare key word is, if any.
    pub fn marker(&self, bare: &str) -> Option<Marker> {
        self.markers.get(bare).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasad_text::{tokenize, Level, Normalized};

    fn found(m: &Matcher, text: &str) -> Vec<usize> {
        let n = Normalized::new(text, Level::Key);
        m.find(n.as_str(), &tokenize(&n))
            .into_iter()
            .map(|h| h.payload)
            .collect()
    }

    #[test]
    fn bundled_files_parse() {
        let r = Lexicon::parse(TRIGGERS, CASUALTY, VICTIMS, CUES, MARKERS);
        let lx = r.expect("data/events parses");
        assert!(lx.triggers.len() > 20);
        assert!(lx.casualty.len() >= 5);
        assert!(lx.cues.len() >= 20);
        assert_eq!(lx.marker("ضد"), Some(Marker::Target));
    }

    #[test]
    fn matcher_table() {
        let mut m = Matcher::default();
        m.insert("هاجم*", 1);
        m.insert("عبوة ناسفة", 2);
        m.insert("عبوة", 3);
        m.insert("قتلى", 4);
        let table: &[(&str, &[usize])] = &[
            ("هاجموا المواقع", &[1]),
            ("وهاجمت القوات", &[1]),
            ("هاجمتهم", &[1]),
            ("هاجمينهمكم", &[]),
            ("انفجار عبوةٍ ناسفة", &[2]),
            ("انفجار عبوة، ناسفة", &[3]),
            ("القتلى والجرحى", &[4]),
            ("بالعبوة الناسفة", &[2]),
        ];
        for (text, want) in table {
            assert_eq!(found(&m, text), *want, "{text}");
        }
    }
}
