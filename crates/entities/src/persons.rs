//! Named persons: full names built on a given-name lexicon, kunyas, names after
//! titles and in quotes, aliases (`الملقب بـ`), well-known persons and bylines.
//!
//! A name is found at a token that is
//! - a kunya head (`أبو`/`أبي`/`أبا`/`أم`) followed by a given name (or any word
//!   after a title or inside quotes), and optionally a nisba or family name;
//! - or a given name (`data/names/male.txt`, `female.txt`, or an `عبد` compound)
//!   followed by at least one more name part: another given name, `عبد X`,
//!   `بن X`, a word with the article (`القصوبة`), or a last unknown word right
//!   before punctuation. Given names that are common words (`ambiguous.txt`:
//!   صالح، أمل، علي (على)) need a title before, quotes, or a second given name.
//!
//! A name never crosses punctuation or a line, stops at a stop word
//! (`stop.txt`) and at a word starting with `و` that starts another name (lists:
//! `محمود القصوبة وبشار المداح`). A given name alone is not a person.
//! Names overlapping the `exclude` spans (actors, places, sources) are cut
//! before them or dropped.

use crate::hits::{is_quote, tidy, Hits};
use crate::keys::key;
use crate::kunya::{nominative, person_key};
use crate::layer;
use crate::lexicon::{Lexicon, NameLexicon, PersonWords};
use rasad_record::{Entity, Span};
use rasad_text::clitic::{
    begins_with_article, begins_with_proclitic_letter, strip_article, L_ARTICLE,
};
use rasad_text::words::KeySet;
use rasad_text::Analysis;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// Most adjectives after a title that still belong to it (`الناطقة الرسمية
/// باسم`, `الرئيس الأمريكي السابق`); a third is rare and mostly a name word.
const TITLE_ADJECTIVES: usize = 2;

/// Most tokens a quoted name may run to from its first word before the
/// closing quote (`"أبو محمد الحلبي الشامي"`): a kunya, a given name and two
/// nisbas.
const QUOTED_NAME_TOKENS: usize = 5;

/// Most words between a role and the name after its complement (`رئيس بعثة
/// الأمم المتحدة للدعم في ليبيا X Y`): farther, the two words belong to
/// another phrase.
const ROLE_COMPLEMENT_WORDS: usize = 8;

/// Most parts of a name built on a given name (`حسن علي حسين الجبوري`); a
/// longer run is a list or a sentence.
const MAX_NAME_PARTS: usize = 4;

/// One part of a name built on a given name.
#[derive(Debug, Clone, Copy)]
struct Part {
    /// Tokens it takes.
    tokens: usize,
    /// No common word: a given name that is not ambiguous, or an `عبد`
    /// compound.
    strong: bool,
    /// A given name.
    given: bool,
    /// Nothing may follow it.
    last: bool,
}

#[derive(Debug, Clone)]
struct Cand {
    tokens: Range<usize>,
    /// Key bytes of prefix (و، ب) removed from the first token.
    prefix: usize,
}

struct Person {
    name: String,
    key: String,
    aliases: Vec<(String, String)>,
    spans: Vec<Span>,
    famous: Option<usize>,
}

struct Ctx<'a> {
    lx: &'a NameLexicon,
    words: &'a PersonWords,
    /// Speech verbs (`[citing] speech` of sources.toml).
    speech: &'a KeySet,
    a: &'a Analysis,
    s: &'a str,
    /// Per token: it overlaps an `exclude` span (computed once: a scan of
    /// every span per token made long articles quadratic).
    excluded: Vec<bool>,
    cue_at: FxHashSet<usize>,
    /// Positions after a rank or honorific, where unknown names are accepted.
    rank_at: FxHashSet<usize>,
    /// Names found after a role and its complement or before a title in
    /// apposition (start token → end token).
    role_names: FxHashMap<usize, usize>,
}

impl<'a> Ctx<'a> {
    fn new(lx: &'a Lexicon, hits: &Hits<'a>, exclude: &'a [Span]) -> Ctx<'a> {
        let (cue_at, rank_at) = title_positions(lx, hits);
        let mut cx = Ctx {
            lx: &lx.name,
            words: &lx.name.words,
            speech: &lx.source.citing.speech,
            a: hits.a,
            s: hits.a.key_str(),
            excluded: overlapping_tokens(hits.a, exclude),
            cue_at,
            rank_at,
            role_names: FxHashMap::default(),
        };
        cx.role_names = cx.role_names(lx, hits);
        cx
    }

    /// Names found after a role and its complement or before a title in
    /// apposition (start token → end token).
    fn role_names(&self, lx: &Lexicon, hits: &Hits) -> FxHashMap<usize, usize> {
        let mut out = FxHashMap::default();
        for h in hits.of(layer::TITLES) {
            let phrase = lx.matcher.key(h.phrase);
            let head = phrase.split(' ').next().unwrap_or("");
            if !self.words.roles.contains(head) && !self.words.roles.contains(phrase) {
                continue;
            }
            let found = self
                .role_name_after(h.tokens.end)
                .or_else(|| self.name_before_title(h.tokens.start));
            if let Some(r) = found {
                out.entry(r.start).or_insert(r.end);
            }
        }
        out
    }

    /// Every name of the text, left to right, added to `people` with its
    /// alias.
    fn found_names(&self, people: &mut Vec<Person>) {
        let mut i = 0;
        while i < self.n() {
            i = match self.name_at(i) {
                Some(c) => self.record(c, people),
                None => i + 1,
            };
        }
    }

    /// The name starting at token i: a known name, two or three unknown
    /// words after a rank, or a name found by its role.
    fn name_at(&self, i: usize) -> Option<Cand> {
        let cue = self.cue_at.contains(&i);
        self.parse(i, cue, false)
            .or_else(|| {
                self.rank_at
                    .contains(&i)
                    .then(|| self.cued_unknown(i))
                    .flatten()
            })
            .or_else(|| {
                self.role_names.get(&i).map(|&end| Cand {
                    tokens: i..end,
                    prefix: 0,
                })
            })
    }

    /// An alias at token j, right after a name: after a marker (`الملقب بـ
    /// "أبو محمد"`), or a kunya in brackets (`(أبو محمد)`).
    fn alias_at(&self, j: usize) -> Option<Cand> {
        if j >= self.n() {
            return None;
        }
        if self.words.alias_markers.contains(self.tok(j)) {
            // بـ written apart from the alias.
            let by = self.tok(j + 1).strip_prefix('ب') == Some("");
            return self.parse(j + 1 + usize::from(by), true, true);
        }
        if self.sep(j).contains('(') {
            return self
                .parse(j, true, false)
                .filter(|c| self.lx.kunya.contains(self.tok(c.tokens.start)));
        }
        None
    }

    /// Adds the name `c` and its alias to `people` (a name inside a famous
    /// person's span is that person); returns the token after them.
    fn record(&self, c: Cand, people: &mut Vec<Person>) -> usize {
        let (name, span) = self.name_of(&c);
        if !self.a.in_body(span) {
            return c.tokens.end;
        }
        let alias = self.alias_at(c.tokens.end);
        let next = alias.as_ref().map_or(c.tokens.end, |al| al.tokens.end);
        let alias_name = alias.as_ref().map(|al| self.name_of(al));
        let fam = people
            .iter()
            .find(|p| p.famous.is_some() && p.spans.iter().any(|s| s.overlaps(&span)))
            .and_then(|p| p.famous);
        let alias_str = alias_name.as_ref().map(|(n, _)| n.as_str());
        add(people, &name, alias_str, span, fam);
        if let Some((_, asp)) = alias_name {
            if let Some(p) = people.iter_mut().find(|p| p.key == person_key(&name)) {
                p.spans.push(asp);
            }
        }
        next
    }

    fn n(&self) -> usize {
        self.a.tokens().len()
    }
    fn tok(&self, i: usize) -> &'a str {
        self.a.tokens().get(i).map(|t| t.text(self.s)).unwrap_or("")
    }
    /// Text between token i-1 and token i.
    fn sep(&self, i: usize) -> &str {
        let t = self.a.tokens();
        if i == 0 || i >= t.len() {
            return "";
        }
        &self.s[t[i - 1].end..t[i].start]
    }
    /// Token i continues the name begun before it (only spaces between).
    fn joined(&self, i: usize) -> bool {
        i < self.n()
            && i > 0
            && self
                .sep(i)
                .chars()
                .all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
    }
    fn quoted_before(&self, i: usize) -> bool {
        self.sep(i).trim_end().ends_with(['\u{22}', '\''])
    }
    fn boundary_after(&self, i: usize) -> bool {
        i + 1 >= self.n() || !self.joined(i + 1)
    }
    /// Token i is followed by the complementizer أن/إن (a reported statement).
    fn complementizer_after(&self, i: usize) -> bool {
        i + 1 < self.n()
            && self.joined(i + 1)
            && self.words.complementizers.contains(self.tok(i + 1))
    }
    fn given(&self, w: &str) -> bool {
        self.lx.given.contains(w) && !self.lx.stop.contains(w)
    }
    fn stop(&self, w: &str) -> bool {
        self.lx.stop.contains(w)
    }
    /// Token i is a stop word, or the preposition على (folded to علي).
    fn stop_at(&self, i: usize) -> bool {
        let w = self.tok(i);
        self.stop(w) || self.is_ala(w, i)
    }
    /// `w` (token i, or its bare form) is the preposition على, which key
    /// folding makes the given name علي: told apart by its written ى (`على
    /// الجانب`).
    fn is_ala(&self, w: &str, i: usize) -> bool {
        self.words.ala.contains(w) && self.a.slice(self.a.tokens()[i].span).ends_with('ى')
    }
    fn excluded(&self, i: usize) -> bool {
        self.excluded[i]
    }
    fn divine_at(&self, i: usize) -> bool {
        self.joined(i) && self.lx.divine.contains(self.tok(i))
    }
    /// Starts another name (a `و`-joined list item).
    fn starts_list_item(&self, w: &str) -> bool {
        w.strip_prefix('و').is_some_and(|r| {
            (self.given(r) && !self.lx.given.contains(w))
                || self.words.servant.contains(r)
                || self.lx.kunya.contains(r)
        })
    }

    /// The name starting at token i (with a cue before it when `cue`; `allow_b`
    /// for an alias after `الملقب ب…`).
    fn parse(&self, i: usize, cue: bool, allow_b: bool) -> Option<Cand> {
        if i >= self.n() {
            return None;
        }
        let (bare, prefix) = self.name_start(i, allow_b)?;
        if self.excluded(i) {
            return None;
        }
        let quoted = self.quoted_before(i);
        let cand = if self.lx.kunya.contains(bare) {
            self.kunya(i, cue || quoted)?
        } else {
            self.full_name(i, bare, cue)?
        };
        let mut cand = Cand { prefix, ..cand };
        if quoted {
            cand.tokens.end = self.quote_end(i, cand.tokens.end);
        }
        // Cut before an excluded token.
        if let Some(k) = (cand.tokens.clone()).find(|&k| self.excluded(k)) {
            cand.tokens.end = k;
        }
        (cand.tokens.len() >= 2 && !self.not_person(&cand)).then_some(cand)
    }

    /// The word at token i as a name may start with it: as written, or
    /// without a joined و (or ب before an alias); with the bytes cut.
    fn name_start(&self, i: usize, allow_b: bool) -> Option<(&'a str, usize)> {
        let w = self.tok(i);
        // Char patterns, not string ones: this runs on every token.
        let starts = |r: &str| r.len() >= 4 && self.lx.name_starts.contains(r);
        let stripped = |c: char| w.strip_prefix(c).filter(|r| starts(r));
        if starts(w) {
            Some((w, 0))
        } else if let Some(r) = stripped('و') {
            Some((r, 'و'.len_utf8()))
        } else {
            stripped('ب')
                .filter(|_| allow_b)
                .map(|r| (r, 'ب'.len_utf8()))
        }
    }

    /// A quoted name runs to its closing quote when that closes within a few
    /// name words (`"أبو محمد الحلبي"`); else it ends at `end`.
    fn quote_end(&self, i: usize, end: usize) -> usize {
        let mut j = end;
        while j < self.n()
            && j < i + QUOTED_NAME_TOKENS
            && self.joined(j)
            && !self.stop(self.tok(j))
        {
            j += 1;
        }
        let closes = j == self.n() || self.sep(j).trim_start().starts_with(['\u{22}', '\'']);
        if closes {
            j
        } else {
            end
        }
    }

    /// The candidate, or its first two words, is a place or an institution
    /// (`أبو كمال`، `أبو ظبي`; `not_persons.txt`).
    fn not_person(&self, c: &Cand) -> bool {
        let w = self.tok(c.tokens.start);
        let key_of = |r: Range<usize>| {
            let k = person_key(&r.map(|t| self.tok(t)).collect::<Vec<_>>().join(" "));
            k.strip_prefix(&w[..c.prefix]).unwrap_or(&k).to_string()
        };
        let first_two = c.tokens.start..(c.tokens.start + 2).min(c.tokens.end);
        self.lx.not_persons.contains(&key_of(c.tokens.clone()))
            || self.lx.not_persons.contains(&key_of(first_two))
    }

    fn kunya(&self, i: usize, cue: bool) -> Option<Cand> {
        let j = i + 1;
        if !self.joined(j) {
            return None;
        }
        let t1 = self.tok(j);
        let t1_name = self.given(t1)
            || self.given(strip_article(t1))
            || self.lx.given.contains(strip_article(t1));
        if self.stop_at(j) {
            return None;
        }
        let mut end = j + 1;
        if end < self.n() && self.joined(end) {
            let t2 = self.tok(end);
            let relative = self.words.relatives.contains(t2);
            let nisba = begins_with_article(t2)
                && t2.chars().count() >= 4
                && !relative
                && (!self.stop(t2) || t2.ends_with('ي'));
            if nisba
                || (!self.stop(t2)
                    && !self.starts_list_item(t2)
                    && self.boundary_after(end)
                    && t2.chars().count() >= 3
                    && !t2.starts_with('و'))
            {
                end += 1;
            }
        }
        let nisba_end = end > j + 1 && self.tok(end - 1).ends_with('ي');
        (t1_name || cue || nisba_end).then_some(Cand {
            tokens: i..end,
            prefix: 0,
        })
    }

    /// Two or three unknown words after a title (`الكولونيل شون ريان في`),
    /// ending at punctuation or a stop word.
    fn cued_unknown(&self, i: usize) -> Option<Cand> {
        let ok = |k: usize| {
            let t = self.tok(k);
            k < self.n()
                && !self.stop_at(k)
                && t.chars().count() >= 2
                && t.chars().all(char::is_alphabetic)
                && !self.excluded(k)
        };
        let first = self.tok(i);
        let clitic_like = begins_with_proclitic_letter(first);
        if !ok(i) || begins_with_article(first) || clitic_like || !self.joined(i + 1) || !ok(i + 1)
        {
            return None;
        }
        let mut end = i + 2;
        if self.joined(end) && ok(end) && !self.tok(end).starts_with('و') {
            end += 1;
        }
        let closed = end >= self.n() || !self.joined(end) || self.stop_at(end);
        closed.then_some(Cand {
            tokens: i..end,
            prefix: 0,
        })
    }

    /// Token k may be a word of a foreign or unknown name: no article, no
    /// stop word, not a word carrying a proclitic, letters only, not taken.
    fn name_word(&self, k: usize) -> bool {
        let t = self.tok(k);
        k < self.n()
            && !begins_with_article(t)
            && !self.stop_at(k)
            && t.chars().count() >= 2
            && t.chars().all(char::is_alphabetic)
            && !self.excluded(k)
            && !self.words.alias_markers.contains(t)
            && !t.strip_prefix('و').is_some_and(begins_with_article)
    }

    /// The word after a two-word name closes it: punctuation, the end, a stop
    /// word, a complementizer, a speech verb, or a word with ل (`لوكالة`).
    fn closes_name(&self, k: usize) -> bool {
        if k >= self.n() || !self.joined(k) {
            return true;
        }
        let t = self.tok(k);
        self.stop_at(k)
            || self.words.complementizers.contains(t)
            || self.words.name_closers.contains(t)
            || (t.starts_with(['ل', 'ب']) && !begins_with_article(t) && t.chars().count() > 3)
    }

    /// Names after a role and its complement (`وزير الخارجية الإيطالي باولو
    /// جينتيلوني`، `رئيس بعثة الأمم المتحدة في اليمن مارتن غريفيث`،
    /// `الرئيس الفرنسي، إيمانويل ماكرون،`): the first two name words after
    /// the role, within eight words of it in the same clause, closed by
    /// punctuation, a stop word, a verb of speech or a ل-word.
    fn role_name_after(&self, title_end: usize) -> Option<Range<usize>> {
        let (k, comma) = self.complement_end(title_end)?;
        if k >= self.n() || k == title_end && !comma && !self.joined(k) {
            return None;
        }
        // After a comma the name is an apposition closed by punctuation
        // (`الرئيس الفرنسي، إيمانويل ماكرون، ونظيره`).
        let closed = if comma {
            k + 2 >= self.n() || !self.joined(k + 2) && !self.sep(k + 2).contains(opening_quote)
        } else {
            self.closes_name(k + 2)
        };
        let pair = self.name_word(k)
            && self.joined(k + 1)
            && self.name_word(k + 1)
            && !accusative_pair(self.tok(k), self.tok(k + 1));
        (pair && closed).then_some(k..k + 2)
    }

    /// The token after a role's complement, and whether a comma ends it:
    /// definite words (الخارجية الإيطالي), ل-phrases (لليمن), taken names
    /// (places, actors), a construct noun before a definite one (بعثة
    /// الأمم), a preposition before more (في اليمن). None when another
    /// punctuation ends it.
    fn complement_end(&self, title_end: usize) -> Option<(usize, bool)> {
        let mut k = title_end;
        while k < self.n() && k < title_end + ROLE_COMPLEMENT_WORDS {
            if k > title_end && !self.joined(k) {
                return is_comma(self.sep(k)).then_some((k, true));
            }
            if !self.complement_word(k) {
                break;
            }
            k += 1;
        }
        Some((k, false))
    }

    /// Token k continues a role's complement (see [`Self::complement_end`]).
    fn complement_word(&self, k: usize) -> bool {
        let t = self.tok(k);
        // إلى is folded to الي: a stop word, not a definite word.
        let definite = (begins_with_article(t) || t.starts_with(L_ARTICLE)) && !self.stop_at(k);
        let construct = !definite
            && !self.lx.given.contains(t)
            && !self.stop_at(k)
            && self.joined(k + 1)
            && (begins_with_article(self.tok(k + 1)) || self.excluded(k + 1))
            && !self.name_word(k + 1);
        let prep =
            self.words.role_prepositions.contains(t) && k + 1 < self.n() && self.joined(k + 1);
        definite || self.excluded(k) || construct || prep
    }

    /// Two name words right before a title in apposition (`قال شون ريان،
    /// المتحدث باسم …`، `اغتيال عزيز أسبر، مدير مركز …`).
    fn name_before_title(&self, title_start: usize) -> Option<Range<usize>> {
        if title_start < 2 || !is_comma(self.sep(title_start)) {
            return None;
        }
        let (x, y) = (title_start - 2, title_start - 1);
        // Not the end of a longer phrase (a construct: وزير خارجية X، …).
        let prev = if x > 0 { self.tok(x - 1) } else { "" };
        let prev = prev
            .strip_prefix('و')
            .filter(|r| r.chars().count() >= 3)
            .unwrap_or(prev);
        let cue = self.speech.contains(prev) || self.words.name_openers.contains(prev);
        let free_before =
            x == 0 || !self.joined(x) || !self.name_word(x - 1) || self.stop_at(x - 1) || cue;
        // A word with a proclitic is a name word only after a verb of speech
        // (قال بيتر …، but not بمقتل …).
        let ok = self.name_word(x)
            && self.name_word(y)
            && self.joined(y)
            && (cue || !begins_with_proclitic_letter(self.tok(x)))
            && !accusative_pair(self.tok(x), self.tok(y));
        (ok && free_before).then_some(x..y + 1)
    }

    /// A name built on the given name `bare` at token i: at least one more
    /// part (`محمود القصوبة`، `عبد الله بن علي`); a given name that is a
    /// common word (`أمل`) needs a cue, a strong second part or three parts
    /// with a given name second (`سعيد حسن سعيد`).
    fn full_name(&self, i: usize, bare: &str, cue: bool) -> Option<Cand> {
        let mut end = self.first_part_end(i, bare)?;
        let ambiguous = self.lx.ambiguous.contains(bare);
        let (mut parts, mut strong_second, mut second_given) = (1, false, false);
        while parts < MAX_NAME_PARTS && end < self.n() && self.joined(end) {
            let Some(p) = self.name_part(end, parts == 1 && !ambiguous) else {
                break;
            };
            strong_second |= parts == 1 && p.strong;
            second_given |= parts == 1 && p.given;
            end += p.tokens;
            parts += 1;
            if p.last {
                break;
            }
        }
        // Three parts with a given name second are a full name (حسن علي
        // الجبوري، سعيد حسن سعيد), even when both given names are words.
        let full = parts >= 3 && second_given;
        let weak = ambiguous && !cue && !strong_second && !full;
        (parts >= 2 && !weak).then_some(Cand {
            tokens: i..end,
            prefix: 0,
        })
    }

    /// The token after the first part of a name at token i: the given name,
    /// or `عبد` and its divine name; None for a stop word or the preposition
    /// على.
    fn first_part_end(&self, i: usize, bare: &str) -> Option<usize> {
        if self.stop(bare) || self.is_ala(bare, i) {
            return None;
        }
        if !self.words.servant.contains(bare) {
            return Some(i + 1);
        }
        self.divine_at(i + 1).then_some(i + 2)
    }

    /// The part of a name at token k, after its first part: an `عبد`
    /// compound, `بن X`, a given name, a word with the article, or a last
    /// unknown word. `plain` when k is the second part after a given name
    /// that is no common word.
    fn name_part(&self, k: usize, plain: bool) -> Option<Part> {
        let t = self.tok(k);
        if self.stop_at(k) || self.starts_list_item(t) || self.excluded(k) {
            return None;
        }
        let part = |tokens, strong, given, last| Part {
            tokens,
            strong,
            given,
            last,
        };
        if self.words.servant.contains(t) && self.divine_at(k + 1) {
            return Some(part(2, true, false, false));
        }
        if self.words.filiation.contains(t) && self.joined(k + 1) && !self.stop(self.tok(k + 1)) {
            return Some(part(2, false, false, false));
        }
        if self.given(t) {
            return Some(part(1, !self.lx.ambiguous.contains(t), true, false));
        }
        if begins_with_article(t) && t.chars().count() >= 4 {
            return Some(part(1, false, false, false));
        }
        // An unknown last word right before punctuation (not a word carrying
        // a preposition: بشظية), or a family name right before أن/إن after a
        // plain given name (أوميد خوشناو أن).
        let last = !begins_with_proclitic_letter(t)
            && t.chars().count() >= 3
            && (self.boundary_after(k) || (plain && self.complementizer_after(k)));
        last.then_some(part(1, false, false, true))
    }

    /// Display name of a candidate: as written, proclitic removed, kunya head
    /// in the nominative, tatweel and quotes removed.
    fn name_of(&self, c: &Cand) -> (String, Span) {
        let toks = self.a.tokens();
        let first = &toks[c.tokens.start];
        let last = &toks[c.tokens.end - 1];
        let span = self.a.span(first.start + c.prefix, last.end);
        (nominative(&tidy(self.a.slice(span))), span)
    }
}

/// Named persons of a document (see [`Lexicon::persons`]).
pub(crate) fn named(
    lx: &Lexicon,
    hits: &Hits,
    authors: &[String],
    exclude: &[Span],
) -> Vec<Entity> {
    let cx = Ctx::new(lx, hits, exclude);
    let mut people = famous_people(lx, hits, exclude);
    cx.found_names(&mut people);
    short_forms(&lx.name, hits.a, &mut people);
    surnames(&lx.name, hits.a, &mut people, exclude);
    bylines(hits.a, authors, &mut people);
    merged(people)
}

/// Positions where a name may follow a title (first set) or a rank with the
/// article (second set): right after it, and after each of its adjectives
/// (`الرئيس السوري`، `الناطقة الرسمية`).
fn title_positions(lx: &Lexicon, hits: &Hits) -> (FxHashSet<usize>, FxHashSet<usize>) {
    let a = hits.a;
    let s = a.key_str();
    let (mut cue_at, mut rank_at) = (FxHashSet::default(), FxHashSet::default());
    for h in hits.of(layer::TITLES) {
        let rank = h.article && lx.name.words.ranks.contains(lx.matcher.key(h.phrase));
        let mut k = h.tokens.end;
        loop {
            cue_at.insert(k);
            if rank {
                rank_at.insert(k);
            }
            let t = a.tokens().get(k).map_or("", |t| t.text(s));
            let adjective = begins_with_article(t) && !lx.name.given.contains(strip_article(t));
            if !adjective || k - h.tokens.end >= TITLE_ADJECTIVES {
                break;
            }
            k += 1;
        }
    }
    (cue_at, rank_at)
}

/// Per token of `a`: whether it overlaps one of `spans`. Tokens are in text
/// order, so each span finds its first token by binary search.
fn overlapping_tokens(a: &Analysis, spans: &[Span]) -> Vec<bool> {
    let toks = a.tokens();
    let mut out = vec![false; toks.len()];
    for e in spans {
        let first = toks.partition_point(|t| t.span.end <= e.start);
        for (i, t) in toks.iter().enumerate().skip(first) {
            if t.span.start >= e.end {
                break;
            }
            out[i] |= e.overlaps(&t.span);
        }
    }
    out
}

/// Well-known persons by their full names and aliases, outside `exclude`.
fn famous_people(lx: &Lexicon, hits: &Hits, exclude: &[Span]) -> Vec<Person> {
    let a = hits.a;
    let mut people = Vec::new();
    let covering = crate::covering::Covering::new(exclude);
    for h in hits.of(layer::FAMOUS) {
        if !a.in_body(h.span) || covering.contains(&h.span) {
            continue;
        }
        let Some(&fi) = lx.matcher.ids(h.phrase).first() else {
            continue;
        };
        let name = nominative(&tidy(a.slice(h.span)));
        add(&mut people, &name, None, h.span, Some(fi));
    }
    people
}

/// Short forms of well-known persons after their full name (`بوتين` after
/// `فلاديمير بوتين`; `الأسد` also as `أسد` with a proclitic).
fn short_forms(lx: &NameLexicon, a: &Analysis, people: &mut [Person]) {
    let shorts: Vec<String> = people
        .iter()
        .filter_map(|p| p.famous)
        .flat_map(|fi| lx.famous[fi].short.iter().map(|s| key(s)))
        .collect();
    if shorts.is_empty() {
        return;
    }
    let words = TokenWords::new(a, &shorts);
    for p in people.iter_mut() {
        let Some(fi) = p.famous else { continue };
        let first = p.spans.iter().map(|s| s.end).min().unwrap_or(0);
        let known = crate::covering::Covering::new(&p.spans);
        let mut taken: FxHashSet<usize> = FxHashSet::default();
        for short in &lx.famous[fi].short {
            let k = key(short);
            for i in words.written(&k) {
                let t = &a.tokens()[i];
                if t.span.start >= first && !known.overlaps(&t.span) && taken.insert(i) {
                    p.spans.push(t.span);
                }
            }
        }
    }
}

/// Letters a surname needs to be told alone: shorter last names are often
/// common words.
const SURNAME_MIN_CHARS: usize = 4;

/// `وأضافت نوريت` after `هيذر نوريت`: the last part of a full name, written
/// alone as a whole word after the name's first mention, names the same
/// person — unless two persons share it, it carries the article (`الأسد`
/// is a lion too), it follows a given name (`خالد حداد`: another person
/// the name rules missed) or it lies in an excluded span.
fn surnames(lx: &NameLexicon, a: &Analysis, people: &mut [Person], exclude: &[Span]) {
    let s = a.key_str();
    let toks = a.tokens();
    // each surname once, with the one person it names (None when shared)
    let mut owner: FxHashMap<String, Option<usize>> = FxHashMap::default();
    for (i, p) in people.iter().enumerate() {
        if let Some(last) = surname(p) {
            owner
                .entry(last)
                .and_modify(|o| *o = None)
                .or_insert((p.famous.is_none()).then_some(i));
        }
    }
    // Asked per token: answered by binary search, not a scan of every span
    // (a scan made a long article quadratic). A person's first mention and
    // spans are taken before its surname is first found: the spans added
    // after are tokens, which neither end before it nor overlap another token.
    let excluded = crate::covering::Covering::new(exclude);
    let mut known: FxHashMap<usize, (usize, crate::covering::Covering)> = FxHashMap::default();
    for (ti, t) in toks.iter().enumerate() {
        let Some(&Some(i)) = owner.get(t.text(s)) else {
            continue;
        };
        let p = &mut people[i];
        let (first, spans) = known.entry(i).or_insert_with(|| {
            let first = p.spans.iter().map(|x| x.end).min().unwrap_or(0);
            (first, crate::covering::Covering::new(&p.spans))
        });
        let after_given = ti > 0 && lx.given.contains(toks[ti - 1].text(s));
        if t.span.start >= *first
            && !after_given
            && !spans.overlaps(&t.span)
            && !excluded.overlaps(&t.span)
        {
            p.spans.push(t.span);
        }
    }
}

/// The last word of a person's name of two words or more, in key form, when
/// it may be told alone (see [`surnames`]).
fn surname(p: &Person) -> Option<String> {
    let k = key(&p.name);
    let mut words = k.split(' ');
    let last = words.next_back()?;
    let long = last.chars().count() >= SURNAME_MIN_CHARS;
    (words.next().is_some() && long && !begins_with_article(last)).then(|| last.to_string())
}

/// The tokens of an article written as one of a few short forms, by their
/// key text and by that text without its article: found in one pass instead
/// of a scan of every token per form (long articles name many famous
/// persons).
struct TokenWords<'a> {
    exact: FxHashMap<&'a str, Vec<usize>>,
    bare: FxHashMap<&'a str, Vec<usize>>,
}

impl<'a> TokenWords<'a> {
    /// The tokens of `a` that `written` may ask about for `shorts`.
    fn new(a: &'a Analysis, shorts: &[String]) -> TokenWords<'a> {
        let exact_keys: FxHashSet<&str> = shorts.iter().map(String::as_str).collect();
        let bare_keys: FxHashSet<&str> = shorts
            .iter()
            .filter(|k| begins_with_article(k))
            .map(|k| strip_article(k))
            .collect();
        let s = a.key_str();
        let mut words = TokenWords {
            exact: FxHashMap::default(),
            bare: FxHashMap::default(),
        };
        for (i, t) in a.tokens().iter().enumerate() {
            let w = t.text(s);
            if exact_keys.contains(w) {
                words.exact.entry(w).or_default().push(i);
            }
            let b = strip_article(w);
            if bare_keys.contains(b) {
                words.bare.entry(b).or_default().push(i);
            }
        }
        words
    }

    /// Tokens, in order, written as `k`, or (for a `k` with the article)
    /// as `k` with or without it.
    fn written(&self, k: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self.exact.get(k).cloned().unwrap_or_default();
        if begins_with_article(k) {
            out.extend(self.bare.get(strip_article(k)).into_iter().flatten());
            out.sort_unstable();
            out.dedup();
        }
        out
    }
}

/// The bylines found by cleaning, with every place they are written.
fn bylines(a: &Analysis, authors: &[String], people: &mut Vec<Person>) {
    for au in authors {
        let name = tidy(au);
        if name.is_empty() {
            continue;
        }
        let spans: Vec<Span> = find_all(a.key_str(), &key(&name))
            .into_iter()
            .map(|(f, t)| a.span(f, t))
            .collect();
        match people.iter_mut().find(|p| p.key == person_key(&name)) {
            Some(p) => p.spans.extend(spans),
            None => people.push(Person {
                key: person_key(&name),
                name,
                aliases: Vec::new(),
                spans,
                famous: None,
            }),
        }
    }
}

/// The persons as entities, those known under one another's alias merged,
/// in order of first span.
fn merged(people: Vec<Person>) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let mut keys: Vec<Vec<String>> = Vec::new();
    for p in people {
        let mine: Vec<String> = std::iter::once(p.key.clone())
            .chain(p.aliases.iter().map(|x| x.1.clone()))
            .collect();
        if let Some(ix) = keys
            .iter()
            .position(|ks| ks.iter().any(|k| mine.contains(k)))
        {
            let e = &mut out[ix];
            e.spans.extend(p.spans);
            for (al, ak) in std::iter::once((p.name, p.key)).chain(p.aliases) {
                if !keys[ix].contains(&ak) {
                    keys[ix].push(ak);
                    e.aliases.push(al);
                }
            }
            continue;
        }
        let mut e = Entity::new(p.name, None, p.spans);
        e.kind = Some("person".into());
        e.aliases = p.aliases.into_iter().map(|x| x.0).collect();
        keys.push(mine);
        out.push(e);
    }
    for e in out.iter_mut() {
        e.spans.sort();
        e.spans.dedup();
    }
    out.sort_by_key(|e| e.spans.first().map(|s| s.start).unwrap_or(usize::MAX));
    out
}

fn add(
    people: &mut Vec<Person>,
    name: &str,
    alias: Option<&str>,
    span: Span,
    famous: Option<usize>,
) {
    let k = person_key(name);
    let idx = people.iter().position(|p| {
        p.key == k || p.aliases.iter().any(|a| a.1 == k) || famous.is_some() && p.famous == famous
    });
    let i = match idx {
        Some(i) => i,
        None => {
            people.push(Person {
                name: name.to_string(),
                key: k,
                aliases: Vec::new(),
                spans: Vec::new(),
                famous,
            });
            people.len() - 1
        }
    };
    let p = &mut people[i];
    if !p.spans.iter().any(|s| s.overlaps(&span)) {
        p.spans.push(span);
    }
    if let Some(al) = alias {
        let ak = person_key(al);
        if ak != p.key && !p.aliases.iter().any(|x| x.1 == ak) {
            p.aliases.push((al.to_string(), ak));
        }
    }
}

/// Byte ranges of whole-word occurrences of `needle` in `hay`.
fn find_all(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(at) = hay[from..].find(needle).map(|p| p + from) {
        let end = at + needle.len();
        let ok_before = !hay[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let ok_after = !hay[end..].chars().next().is_some_and(char::is_alphanumeric);
        if ok_before && ok_after {
            out.push((at, end));
        }
        from = end;
    }
    out
}

/// Two words in the accusative with tanween alef (`تأييداً شديداً`، `عسكرياً
/// معززاً`) or two nisbas (`قائد عسكري سوري`): a noun and its adjective or two
/// adjectives, not a name.
fn accusative_pair(x: &str, y: &str) -> bool {
    x.ends_with('ا') && y.ends_with('ا') || x.ends_with('ي') && y.ends_with('ي')
}

/// The text between two tokens is one comma (`،` or `,`), spaces aside.
fn is_comma(sep: &str) -> bool {
    let mut c = sep.trim().chars();
    matches!((c.next(), c.next()), (Some('،' | ','), None))
}

/// An opening quotation mark: a name right after it is quoted.
fn opening_quote(c: char) -> bool {
    is_quote(c) && !matches!(c, '»' | '”' | '\'')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(lx: &Lexicon, text: &str) -> Vec<String> {
        let a = Analysis::new(text, vec![]);
        lx.persons(&a, &[], &[])
            .into_iter()
            .map(|e| e.name)
            .collect()
    }

    /// After a rank with the article, two or three unknown words are a name
    /// (`الرائد` was once written with ئ and never matched as a rank).
    #[test]
    fn unknown_names_after_ranks() {
        let lx = Lexicon::bundled();
        for rank in ["الرائد", "العقيد", "الكولونيل"] {
            let text = format!("وقال {rank} شون بول ريان في بيان إن الدورية عادت.");
            assert_eq!(names(&lx, &text), vec!["شون بول ريان"], "{text}");
        }
        // Not after الرئيس, a role: there the words are mostly a verb.
        let text = "وقال الرئيس اختار مشروعاً ذكياً في البلدة.";
        assert!(names(&lx, text).is_empty(), "{text}");
    }

    /// Two unknown words before a title in apposition are a name after any
    /// speech verb of `[citing] speech` (`يقول`، `كشف` were once missing from
    /// the persons' own copy of the list), not after another word.
    #[test]
    fn names_before_a_title_after_speech_verbs() {
        let lx = Lexicon::bundled();
        for verb in ["قال", "يقول", "كشف", "أوضحت"] {
            let text = format!("{verb} بيرند كالاغان، المتحدث باسم الوزارة، إن الحدود أغلقت.");
            assert_eq!(names(&lx, &text), vec!["بيرند كالاغان"], "{text}");
        }
        let text = "تقرر بيرند كالاغان، المتحدث باسم الوزارة، إن الحدود أغلقت.";
        assert!(names(&lx, text).is_empty(), "{text}");
    }
}
