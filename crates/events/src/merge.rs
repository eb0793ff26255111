//! One incident told over several sentences is one event: a candidate joins
//! the most recent event of the same type whose date, actors and places do
//! not contradict it. A casualty claim with no trigger joins the event told
//! just before it when its side took part. Candidates that join nothing
//! become events; one with no place or date of its own takes them from the
//! paragraph, the story so far, or the publication date.

use crate::casualty::Claim;
use crate::certainty;
use crate::context::{within, Ctx};
use crate::dating;
use crate::lexicon::Cue;
use crate::roles::Roles;
use crate::triggers::Candidate;
use rasad_record::{Casualty, Certainty, Event, EventActor, PlaceRef, Role, Span, Time};
use rasad_text::{clitic, key};

/// Sentences back a trigger-less casualty claim may look for its event.
const IMPLIED_REACH: usize = 2;

#[derive(Debug, Clone)]
struct Ev {
    kind: String,
    subtype: String,
    date: Option<Time>,
    own_date: bool,
    places: Vec<(PlaceRef, String)>,
    roles: Roles,
    claims: Vec<usize>,
    certainty: Certainty,
    sents: Vec<usize>,
    /// The rule that made the event (see `Event::rule`).
    rule: String,
}

fn place_key(p: &PlaceRef) -> String {
    p.id.clone().unwrap_or_else(|| {
        let k = key(&p.name);
        clitic::strip_article(&k).replace(' ', "")
    })
}

fn rank(kind: Option<&str>) -> u8 {
    let k = kind.unwrap_or("").to_ascii_lowercase();
    let has = |w: &[&str]| w.iter().any(|x| k.contains(x));
    if has(&[
        "neigh",
        "quarter",
        "street",
        "landmark",
        "district_of_city",
        "spot",
        "building",
    ]) {
        0
    } else if has(&["village", "town", "camp"]) {
        1
    } else if has(&[
        "subdistrict",
        "district",
        "region",
        "area",
        "desert",
        "river",
    ]) {
        3
    } else if has(&["governorate", "admin1", "province"]) {
        4
    } else if has(&["country"]) {
        5
    } else {
        2
    }
}

/// Places named in tokens `t0..t1`, most specific first (text order within a
/// rank).
fn places_in(ctx: &Ctx, t0: usize, t1: usize) -> Vec<(PlaceRef, String)> {
    let mut v: Vec<(u8, PlaceRef, String)> = Vec::new();
    for m in within(&ctx.places, t0, t1, |m| m.start) {
        let Some(e) = ctx.doc.places.get(m.idx) else {
            continue;
        };
        if side_place(ctx, m.start) || dateline_place(ctx, m.start) {
            continue;
        }
        let p = PlaceRef {
            name: e.name.clone(),
            id: e.id.clone(),
        };
        let k = place_key(&p);
        if v.iter().any(|(_, _, x)| *x == k) {
            continue;
        }
        v.push((rank(e.kind.as_deref()), p, k));
    }
    v.sort_by_key(|(r, _, _)| *r);
    v.into_iter().map(|(_, p, k)| (p, k)).collect()
}

/// True when the place mention at token `t` follows a side-place cue
/// (ومقره لندن، أطلقت من أجواء الجولان), directly or one word on.
fn side_place(ctx: &Ctx, t: usize) -> bool {
    let lo = t.saturating_sub(SIDE_PLACE_CUE_WORDS);
    ctx.cues_in(Cue::SidePlace, lo, t)
        .iter()
        .any(|c| c.end <= t && t - c.end <= SIDE_PLACE_GAP)
}

/// Characters at the start of a line a dateline fits in.
const DATELINE_CHARS: usize = 80;
/// Words before the bracketed agency of a dateline (`دبي، الإمارات العربية
/// المتحدة (CNN)`).
const DATELINE_WORDS: usize = 6;

/// `دبي، الإمارات العربية المتحدة (CNN) --`: a place in a dateline with the
/// agency in brackets and a dash after it names where the story was filed,
/// not where the incident happened.
fn dateline_place(ctx: &Ctx, t: usize) -> bool {
    let text = ctx.a.text();
    let at = ctx.a.char_index().byte(ctx.toks[t].span.start);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let head: String = text[line_start..].chars().take(DATELINE_CHARS).collect();
    dateline_end(&head).is_some_and(|end| at - line_start < end)
}

/// Where the bracketed agency of a dateline opens in `head` (the start of a
/// line): `PLACE[، PLACE] (AGENCY) --`, a few words and no sentence before it.
fn dateline_end(head: &str) -> Option<usize> {
    let close = head.find(')')?;
    let open = head[..close].rfind('(')?;
    let dash = head[close + 1..]
        .trim_start()
        .starts_with(['-', '\u{2013}', '\u{2014}']);
    let before = &head[..open];
    let short = before.split_whitespace().count() <= DATELINE_WORDS;
    (dash && short && !before.contains(['.', ':'])).then_some(open)
}

/// Words a side-place cue may have (`أطلقت من أجواء`), counted back from
/// the place.
const SIDE_PLACE_CUE_WORDS: usize = 4;
/// Words between a side-place cue and its place (`أجواء` in `أطلقت من أجواء
/// الجولان`).
const SIDE_PLACE_GAP: usize = 1;

/// The place mentioned most often in the body, as a last resort.
fn main_place(ctx: &Ctx) -> Vec<(PlaceRef, String)> {
    let mut counts = vec![0usize; ctx.doc.places.len()];
    for m in ctx.places.iter().filter(|m| !dateline_place(ctx, m.start)) {
        if let Some(c) = counts.get_mut(m.idx) {
            *c += 1;
        }
    }
    let best = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .max_by_key(|(i, c)| (**c, std::cmp::Reverse(*i)));
    best.and_then(|(i, _)| ctx.doc.places.get(i))
        .map(|e| {
            let p = PlaceRef {
                name: e.name.clone(),
                id: e.id.clone(),
            };
            let k = place_key(&p);
            vec![(p, k)]
        })
        .unwrap_or_default()
}

fn country(ctx: &Ctx, k: &str) -> bool {
    ctx.doc.places.iter().any(|e| {
        e.kind.as_deref() == Some("country")
            && place_key(&PlaceRef {
                name: e.name.clone(),
                id: e.id.clone(),
            }) == k
    })
}

fn intersects(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.contains(x))
}

fn compatible(
    e: &Ev,
    c: &Candidate,
    date: &Option<Time>,
    own: bool,
    places: &[(PlaceRef, String)],
) -> bool {
    if e.kind != c.kind || (e.kind == "strategic_developments" && e.subtype != c.subtype) {
        return false;
    }
    if let (Some(a), Some(b)) = (&e.date, date) {
        if e.own_date && own && a.value != b.value {
            return false;
        }
    }
    if !e.roles.actor1.is_empty()
        && !c.roles.actor1.is_empty()
        && !intersects(&e.roles.actor1, &c.roles.actor1)
    {
        return false;
    }
    if !places.is_empty() && !e.places.is_empty() {
        // the same place under two gazetteer entries (a city and its
        // governorate share the name) is one place
        let same = |(p, k): &(PlaceRef, String), (q, x): &(PlaceRef, String)| {
            k == x || key(&p.name) == key(&q.name)
        };
        if !places.iter().any(|a| e.places.iter().any(|b| same(a, b))) {
            return false;
        }
    }
    true
}

/// Sentences back an elaboration may look for the incident it tells more of.
const ELABORATION_REACH: usize = 2;

/// Types that one incident may be told with (an explosion and the clashes
/// it set off, an air strike and the "shelling" of the same place, a raid
/// and the kidnapping it was).
fn same_incident_types(e: &Ev, c: &Candidate) -> bool {
    const VIOLENT: &[&str] = &[
        "battles",
        "explosions_remote_violence",
        "violence_against_civilians",
    ];
    let capture = |k: &str, s: &str| {
        (k == "strategic_developments" && s == "arrests")
            || (k == "violence_against_civilians" && s == "abduction_forced_disappearance")
    };
    (e.kind == c.kind && (e.kind != "strategic_developments" || e.subtype == c.subtype))
        || (VIOLENT.contains(&e.kind.as_str()) && VIOLENT.contains(&c.kind.as_str()))
        || (capture(&e.kind, &e.subtype) && capture(&c.kind, &c.subtype))
}

/// The identified actors of a role (unidentified gunmen contradict no one
/// the story names).
fn known(ids: &[String]) -> Vec<&String> {
    ids.iter().filter(|x| *x != "UNKNOWN").collect()
}

/// True when two times fall on the same day (or one is the other with a
/// clock time: `2019-12-01` and `2019-12-01T01:10`).
fn same_day(a: &Time, b: &Time) -> bool {
    match (a.value.as_deref(), b.value.as_deref()) {
        (Some(x), Some(y)) => x.get(..10).unwrap_or(x) == y.get(..10).unwrap_or(y),
        (x, y) => x == y,
    }
}

/// The event a candidate tells more of: a sentence opened by a speech verb
/// (وقال المصدر إن، وأفاد المراسل بأن) or an act named with the article
/// (الانفجار، القصف، العبوة: the one already told) continues the incident
/// told in the sentences just before, whatever places it adds, when the
/// types can be one incident and the actors and dates do not contradict.
fn elaborated(
    ctx: &Ctx,
    evs: &[Ev],
    c: &Candidate,
    date: &Option<Time>,
    own: bool,
) -> Option<usize> {
    let raid_only = elaboration(ctx, c)?;
    let fits = |e: &Ev| {
        told_just_before(e, c)
            && same_incident_types(e, c)
            && (!raid_only || e.kind == "violence_against_civilians")
            && actors_agree(e, c)
            && !matches!((&e.date, date), (Some(a), Some(b)) if e.own_date && own && !same_day(a, b))
    };
    // the same type first, then any type the incident may be told with
    let pool: Vec<usize> = (0..evs.len()).rev().collect();
    pool.iter()
        .copied()
        .find(|&i| fits(&evs[i]) && evs[i].kind == c.kind)
        .or_else(|| pool.iter().copied().find(|&i| fits(&evs[i])))
}

/// Whether candidate `c` elaborates an incident told before: `Some(true)`
/// when only as a raid told as part of a kidnapping (`وقال المصدر إن
/// الدورية داهمت المنزل`), `Some(false)` for any incident, `None` when not.
/// A statement listing operations (arrests in one town, then another) tells
/// several: a speech verb alone continues only violence or protests.
fn elaboration(ctx: &Ctx, c: &Candidate) -> Option<bool> {
    let s = ctx.sents[c.sent];
    let speech = ctx
        .cues_in(Cue::Elaboration, s.t0, s.t0 + 1)
        .iter()
        .any(|h| h.start == s.t0);
    let verb = within(&ctx.triggers, c.at, c.at + 1, |h| h.start)
        .first()
        .and_then(|h| ctx.lx.triggers.get(h.payload))
        .is_some_and(|t| t.flags.verb);
    let anaphoric = !verb && ctx.definite(c.at);
    let told_at_length = matches!(
        c.kind.as_str(),
        "battles" | "explosions_remote_violence" | "violence_against_civilians" | "protests"
    );
    let raid = c.kind == "strategic_developments" && c.subtype == "arrests";
    (anaphoric || (speech && (told_at_length || raid))).then_some(speech && raid && !anaphoric)
}

/// True when event `e` was told before `c`'s sentence, ending at most
/// [`ELABORATION_REACH`] sentences before it.
fn told_just_before(e: &Ev, c: &Candidate) -> bool {
    let last = e.sents.iter().copied().max().unwrap_or(0);
    let first = e.sents.iter().copied().min().unwrap_or(0);
    first < c.sent && last <= c.sent && last + ELABORATION_REACH >= c.sent
}

/// True when the identified actor1 of `e` and `c` do not contradict: one
/// has none, they share one, or a clash is told with its sides the other
/// way round.
fn actors_agree(e: &Ev, c: &Candidate) -> bool {
    known(&e.roles.actor1).is_empty()
        || known(&c.roles.actor1).is_empty()
        || intersects(&e.roles.actor1, &c.roles.actor1)
        || (e.kind == "battles"
            && c.kind == "battles"
            && known(&c.roles.actor1)
                .into_iter()
                .chain(known(&c.roles.actor2))
                .all(|a| e.roles.has(a)))
}

fn absorb(
    e: &mut Ev,
    c: &Candidate,
    date: Option<Time>,
    own: bool,
    places: Vec<(PlaceRef, String)>,
) {
    if !e.sents.contains(&c.sent) {
        e.sents.push(c.sent);
    }
    e.claims.extend(c.claims.iter().copied());
    for (p, k) in places {
        if !e.places.iter().any(|(_, x)| *x == k) {
            e.places.push((p, k));
        }
    }
    for (list, dst) in [
        (&c.roles.actor1, 0usize),
        (&c.roles.actor2, 1),
        (&c.roles.associated, 2),
    ] {
        for id in list {
            // unidentified gunmen told later are the named perpetrators
            if e.roles.has(id) || (id == "UNKNOWN" && !e.roles.actor1.is_empty()) {
                continue;
            }
            match dst {
                0 if e.roles.actor1.is_empty() => e.roles.actor1.push(id.clone()),
                0 | 1 => e.roles.actor2.push(id.clone()),
                _ => e.roles.associated.push(id.clone()),
            }
        }
    }
    if own && !e.own_date {
        e.date = date;
        e.own_date = true;
    }
}

/// Where and when a candidate tells its act: the places of its clause (else
/// of its sentence), its own date, and whether the places are countries
/// alone.
struct Setting {
    places: Vec<(PlaceRef, String)>,
    date: Option<Time>,
    own: bool,
    only_countries: bool,
}

impl Setting {
    fn of(ctx: &Ctx, c: &Candidate) -> Setting {
        let s = ctx.sents[c.sent];
        let mut places = places_in(ctx, c.t0, c.t1);
        if places.is_empty() {
            places = places_in(ctx, s.t0, s.t1);
        }
        let date = dating::own(ctx, c.t0, c.t1).or_else(|| dating::own(ctx, s.t0, s.t1));
        // a country alone (a state named in passing) never contradicts the
        // places of the story so far
        let only_countries = !places.is_empty() && places.iter().all(|(_, k)| country(ctx, k));
        Setting {
            own: date.is_some(),
            places,
            date,
            only_countries,
        }
    }

    /// The places to compare with an event's: none for countries alone.
    fn compared(&self) -> &[(PlaceRef, String)] {
        if self.only_countries {
            &[]
        } else {
            &self.places
        }
    }
}

/// Builds the events from the candidates (in text order): each joins the
/// event it tells more of, else becomes one.
pub fn build(
    ctx: &Ctx,
    cands: Vec<Candidate>,
    claims: &[Claim],
    index: &[Option<usize>],
    casualties: &[Casualty],
    sources: &[Vec<String>],
) -> Vec<Event> {
    let mut evs: Vec<Ev> = Vec::new();
    for c in cands {
        let set = Setting::of(ctx, &c);
        match joined(ctx, &evs, &c, &set, claims) {
            Some(i) => absorb(&mut evs[i], &c, set.date, set.own, set.places),
            None => {
                let e = new_event(ctx, &evs, &c, set);
                evs.push(e);
            }
        }
    }
    attach_tallies(&mut evs, claims);
    let evs = fold_retold(evs);
    let published = ctx.doc.published.as_ref().and_then(|t| t.value.as_deref());
    evs.into_iter()
        .filter(|e| {
            let d = e.date.as_ref().and_then(|t| t.value.as_deref());
            !matches!((d, published), (Some(d), Some(p)) if background(d, p))
        })
        .map(|e| finish(ctx, e, claims, index, casualties, sources))
        .collect()
}

/// The event candidate `c` joins: the incident it elaborates, else (for a
/// claim with no trigger) an event just told whose side took part, else (for
/// a trigger) the latest compatible event.
fn joined(ctx: &Ctx, evs: &[Ev], c: &Candidate, set: &Setting, claims: &[Claim]) -> Option<usize> {
    if let Some(i) = elaborated(ctx, evs, c, &set.date, set.own) {
        return Some(i);
    }
    if c.implied {
        return implied_target(evs, c, set.compared(), claims);
    }
    evs.iter()
        .rposition(|e| compatible(e, c, &set.date, set.own, set.compared()))
}

/// `قصفت المدفعية القرية. وقتل في القصف ثلاثة مدنيين.`: claims with no
/// trigger join the latest event told up to [`IMPLIED_REACH`] sentences
/// before, when their side or actors took part in it (or it has none) and
/// the places do not contradict.
fn implied_target(
    evs: &[Ev],
    c: &Candidate,
    cmp: &[(PlaceRef, String)],
    claims: &[Claim],
) -> Option<usize> {
    let groups: Vec<String> = c
        .claims
        .iter()
        .filter_map(|&i| claims[i].group.clone())
        .collect();
    evs.iter().rposition(|e| {
        let last = e.sents.iter().copied().max().unwrap_or(0);
        last + IMPLIED_REACH >= c.sent
            && (e.roles.all().next().is_none()
                || groups.iter().any(|g| e.roles.has(g))
                || c.roles.all().any(|a| e.roles.has(a)))
            && (cmp.is_empty()
                || e.places.is_empty()
                || cmp
                    .iter()
                    .any(|(_, k)| e.places.iter().any(|(_, x)| x == k)))
    })
}

/// A new event from candidate `c`: with no place of its own (or countries
/// alone), the last event's places, else the place the body names most; with
/// no date of its own, the paragraph's, the last event's or the publication's.
fn new_event(ctx: &Ctx, evs: &[Ev], c: &Candidate, set: Setting) -> Ev {
    let Setting {
        mut places,
        mut date,
        own,
        only_countries,
    } = set;
    if places.is_empty() || only_countries {
        if let Some(prev) = evs.last().filter(|e| !e.places.is_empty()) {
            places = prev.places.clone();
        }
    }
    if places.is_empty() {
        places = main_place(ctx);
    }
    if date.is_none() {
        date = dating::paragraph(ctx, c.sent)
            .or_else(|| evs.last().and_then(|e| e.date.clone()))
            .or_else(|| ctx.doc.published.clone());
    }
    Ev {
        kind: c.kind.clone(),
        subtype: c.subtype.clone(),
        date,
        own_date: own,
        places,
        roles: c.roles.clone(),
        claims: c.claims.clone(),
        certainty: certainty::certainty(ctx, ctx.sents[c.sent].t0, c.at),
        sents: vec![c.sent],
        rule: made_by(ctx, c),
    }
}

/// The rule an event's first candidate came from: its trigger word, or the
/// casualty claims that implied it.
fn made_by(ctx: &Ctx, c: &Candidate) -> String {
    if c.implied {
        "implied_by_claims".into()
    } else {
        format!("trigger:{}", ctx.word(c.at))
    }
}

/// `ارتفع عدد القتلى إلى 40`: cumulative tallies told right after an event
/// whose roles hold their side belong to it.
/// Types one violent incident is told with in different sentences (an
/// attack, the killing it was, the blast that did it), the one that wins
/// first.
const RETOLD_TYPES: &[&str] = &[
    "explosions_remote_violence",
    "violence_against_civilians",
    "battles",
];

/// `هاجم مسلحون حافلة في البلدة` then `وقتل ثلاثة أطفال بانفجار عبوة في
/// البلدة`: events of one day whose first places meet, told as two of
/// the [`RETOLD_TYPES`] with no contradicting actor1 (and no battle between
/// two named sides), are one incident told twice; it keeps the first type
/// of the list and every sentence, claim, place and actor of both.
fn fold_retold(evs: Vec<Ev>) -> Vec<Ev> {
    let mut out: Vec<Ev> = Vec::new();
    for e in evs {
        match out.iter().position(|o| retold(o, &e)) {
            Some(i) => fold_into(&mut out[i], e),
            None => out.push(e),
        }
    }
    out
}

/// True when `b` tells again the incident `a` tells (see [`fold_retold`]).
fn retold(a: &Ev, b: &Ev) -> bool {
    let rank = |k: &str| RETOLD_TYPES.iter().position(|t| *t == k);
    let day = |e: &Ev| {
        e.date
            .as_ref()
            .and_then(|t| t.value.as_deref())
            .and_then(|v| v.get(..10))
            .map(str::to_string)
    };
    let first = |e: &Ev| e.places.first().map(|(_, k)| k.clone());
    a.kind != b.kind
        && rank(&a.kind).is_some()
        && rank(&b.kind).is_some()
        && day(a).is_some()
        && day(a) == day(b)
        && first(a).is_some()
        && (b.places.iter().any(|(_, k)| Some(k) == first(a).as_ref())
            || a.places.iter().any(|(_, k)| Some(k) == first(b).as_ref()))
        && (known(&a.roles.actor1).is_empty()
            || known(&b.roles.actor1).is_empty()
            || intersects(&a.roles.actor1, &b.roles.actor1))
        && !two_sided_battle(a)
        && !two_sided_battle(b)
}

/// A battle between two named armed sides (اشتباكات بين X و Y) is its own
/// event beside a strike of the same day, not a retelling of it.
fn two_sided_battle(e: &Ev) -> bool {
    let armed = |a: &&String| *a != "CIVILIANS" && *a != "UNKNOWN";
    e.kind == "battles"
        && e.roles
            .actor1
            .iter()
            .chain(&e.roles.actor2)
            .filter(armed)
            .count()
            >= 2
}

/// Adds the sentences, claims, places and actors of `b` to `a`, typed by
/// the first of [`RETOLD_TYPES`] the two have.
fn fold_into(a: &mut Ev, b: Ev) {
    let rank = |k: &str| RETOLD_TYPES.iter().position(|t| *t == k);
    if rank(&b.kind) < rank(&a.kind) {
        a.kind = b.kind;
        a.subtype = b.subtype;
    }
    for s in b.sents {
        if !a.sents.contains(&s) {
            a.sents.push(s);
        }
    }
    a.claims.extend(b.claims);
    for (p, k) in b.places {
        if !a.places.iter().any(|(_, x)| *x == k) {
            a.places.push((p, k));
        }
    }
    if known(&a.roles.actor1).is_empty() && !known(&b.roles.actor1).is_empty() {
        a.roles.actor1 = b.roles.actor1;
    }
    for id in b.roles.actor2.into_iter().chain(b.roles.associated) {
        if !a.roles.has(&id) {
            a.roles.actor2.push(id);
        }
    }
}

fn attach_tallies(evs: &mut [Ev], claims: &[Claim]) {
    for (i, cl) in claims.iter().enumerate() {
        if !cl.tally || !cl.reportable() || cl.sent == 0 {
            continue;
        }
        let g = cl.group.as_deref().unwrap_or("");
        if let Some(e) = evs
            .iter_mut()
            .rev()
            .find(|e| e.sents.contains(&(cl.sent - 1)) && e.roles.has(g))
        {
            e.claims.push(i);
        }
    }
}

/// Year, month and day of a TIMEX3-style value (`2019`, `2019-03`,
/// `2019-03-05T11:42`); missing or unknown parts are `None`.
fn ymd(v: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    let mut it = v.split(['-', 'T']);
    let y = it.next()?.parse().ok()?;
    let m = it.next().and_then(|x| x.parse().ok());
    let d = m.and(it.next()).and_then(|x| x.parse().ok());
    Some((y, m, d))
}

/// Days after which an event dated before the publication is background
/// (an earlier incident recalled for context), not news.
const BACKGROUND_DAYS: u32 = 31;

/// Whether an event dated `date` is background for a report published on
/// `published`: a full date more than a month before it, a month before the
/// publication month, or a year before the publication year.
pub fn background(date: &str, published: &str) -> bool {
    let (Some((ey, em, ed)), Some((py, pm, pd))) = (ymd(date), ymd(published)) else {
        return false;
    };
    match (em, ed, pm) {
        (_, _, _) if ey < py.saturating_sub(1) => true,
        (None, _, _) => ey < py,
        (Some(em), None, Some(pm)) => ey * 12 + em < py * 12 + pm,
        (Some(em), Some(ed), Some(pm)) => {
            let day = |y: u32, m: u32, d: u32| (y * 12 + m) * 31 + d;
            day(ey, em, ed) + BACKGROUND_DAYS < day(py, pm, pd.unwrap_or(1))
        }
        _ => ey < py,
    }
}

/// The event record of `e`: its casualty records, civilians hit in its
/// roles, an unidentified perpetrator when ACLED's convention asks one, its
/// sources and its evidence (the sentences it was read from).
fn finish(
    ctx: &Ctx,
    mut e: Ev,
    claims: &[Claim],
    index: &[Option<usize>],
    casualties: &[Casualty],
    sources: &[Vec<String>],
) -> Event {
    e.sents.sort_unstable();
    e.claims.sort_unstable();
    e.claims.dedup();
    let fatalities = e
        .claims
        .iter()
        .filter_map(|&i| index.get(i).copied().flatten())
        .filter_map(|j| casualties.get(j).cloned())
        .collect();
    civilians_hit(&mut e, claims);
    unknown_perpetrator(&mut e);
    let evidence: Vec<Span> = e
        .sents
        .iter()
        .filter_map(|&s| ctx.sents.get(s).map(|x| x.span))
        .collect();
    Event {
        attributed_to: attributed(&e, sources),
        actors: event_actors(&e.roles),
        kind: e.kind,
        subtype: e.subtype,
        date: e.date,
        places: e.places.into_iter().map(|(p, _)| p).collect(),
        fatalities,
        certainty: e.certainty,
        evidence,
        rule: Some(e.rule),
    }
}

/// `قتل مدنيان في القصف`: civilians an event's claims count are its actor2.
fn civilians_hit(e: &mut Ev, claims: &[Claim]) {
    for &i in &e.claims {
        if claims.get(i).and_then(|c| c.group.as_deref()) == Some("CIVILIANS")
            && !e.roles.has("CIVILIANS")
        {
            e.roles.actor2.push("CIVILIANS".into());
        }
    }
}

/// `انفجرت عبوة ناسفة في السوق`: a bombing or an attack on civilians whose
/// perpetrator nobody names was done by an unidentified armed group (ACLED's
/// convention).
fn unknown_perpetrator(e: &mut Ev) {
    if e.roles.actor1.is_empty()
        && matches!(
            e.kind.as_str(),
            "explosions_remote_violence" | "violence_against_civilians"
        )
    {
        e.roles.actor1.push("UNKNOWN".into());
    }
}

/// The sources of the sentences of `e`, without repeats, in order.
fn attributed(e: &Ev, sources: &[Vec<String>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in e
        .sents
        .iter()
        .flat_map(|&s| sources.get(s).into_iter().flatten())
    {
        if !out.contains(n) {
            out.push(n.clone());
        }
    }
    out
}

/// The actors of `roles` as event actors, actor1 first.
fn event_actors(roles: &Roles) -> Vec<EventActor> {
    [
        (&roles.actor1, Role::Actor1),
        (&roles.actor2, Role::Actor2),
        (&roles.associated, Role::Associated),
    ]
    .into_iter()
    .flat_map(|(list, role)| {
        list.iter().map(move |id| EventActor {
            id: id.clone(),
            role,
        })
    })
    .collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn datelines_are_read_up_to_their_agency() {
        let table: &[(&str, Option<&str>)] = &[
            (
                "دبي، الإمارات العربية المتحدة (CNN) -- قال",
                Some("دبي، الإمارات العربية المتحدة "),
            ),
            ("بيروت (رويترز) – أعلن الجيش", Some("بيروت ")),
            ("القاهرة، مصر (CNN)— أعلنت الوزارة", Some("القاهرة، مصر ")),
            // no dash after the brackets, a sentence before them, too long
            ("قالت الوزارة (في بيان) إن القصف", None),
            ("وقع الانفجار. حلب (أ ف ب) - قتل", None),
            (
                "قال المتحدث باسم الجيش في مؤتمر صحفي اليوم (الأحد) - إن",
                None,
            ),
        ];
        for (head, want) in table {
            let got = dateline_end(head).map(|end| &head[..end]);
            assert_eq!(got, *want, "{head}");
        }
    }

    use super::{background, dateline_end};

    #[test]
    fn background_dates() {
        let cases = [
            ("2017", "2019-01-16", true),
            ("2019", "2019-01-16", false),
            ("2018-09", "2019-02-18", true),
            ("2019-01", "2019-02-13", true),
            ("2019-02", "2019-02-13", false),
            ("2019-01-21", "2019-12-01", true),
            ("2019-02-16", "2019-02-18", false),
            ("2019-01-30", "2019-02-18", false),
            ("2019-03-31", "2019-04-01T10:00", false),
            ("2018-12-31", "2019-01-02", false),
            ("XXXX-10-13", "2019-10-14", false),
            ("2019-05-20", "2019-05-21", false),
        ];
        for (d, p, want) in cases {
            assert_eq!(background(d, p), want, "{d} vs {p}");
        }
    }
}
