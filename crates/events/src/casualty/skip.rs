//! Casualty words that count no one: each a rule, tried in order by
//! [`counts_no_one`].

use super::site::Site;
use crate::lexicon::{CasualtyKind, Cue};

/// Words before a casualty word a non-event cue (plans, threats, appeals)
/// governs it from: the cue and its verb's object (هدد بقتل جميع الرهائن).
const NON_EVENT_REACH: usize = 4;
/// Words before a casualty word a denial governs it from: the denial, its
/// subject and a verbal noun (نفت الشرطة خطف ثلاثة).
const DENIAL_REACH: usize = 3;
/// Words after a captivity noun its prison may stand past a comma (`أسيرا،
/// من سجون`): the preposition and the prison.
const HELD_REACH: usize = 3;
/// Words before an injury word a died-of-wounds cue may stand (توفي متأثراً
/// بجراحه): the cue and one word.
const WOUNDS_REACH: usize = 2;

/// True when the casualty word at `site` counts no one, by the first rule
/// that says so.
pub fn counts_no_one(site: &Site) -> bool {
    inside_breakdown(site)
        || negated(site)
        || after_non_event(site)
        || denied(site)
        || released_captives(site)
        || held_prisoners(site)
        || died_of_wounds(site)
        || bodies_not_found(site)
}

/// `قتل خمسة بينهم اثنان من المسعفين`: a casualty word inside the breakdown
/// of a total told before it belongs to that total.
fn inside_breakdown(site: &Site) -> bool {
    site.region_of(site.hit.start)
        .is_some_and(|(r0, _)| site.told.iter().any(|c| c.t1 <= r0))
}

/// `لم يسفر القصف عن مقتل أحد`: a casualty word after a negation in its
/// segment (not a lower bound: `ما لا يقل عن`).
fn negated(site: &Site) -> bool {
    site.ctx.negated(site.hit.start)
}

/// `هدد المسلحون بقتل الرهائن`: a plan, threat or appeal within
/// [`NON_EVENT_REACH`] words before the word.
fn after_non_event(site: &Site) -> bool {
    cue_before(site, Cue::NonEvent, NON_EVENT_REACH)
}

/// `نفى المتحدث خطف أي مواطن`: a denial within [`DENIAL_REACH`] words
/// before the word counts no one.
fn denied(site: &Site) -> bool {
    cue_before(site, Cue::Denial, DENIAL_REACH)
}

/// `أطلق الفصيل سراح عشرة كان قد اعتقلهم`: captives released are no new
/// capture (a release anywhere before a capture word in its segment).
fn released_captives(site: &Site) -> bool {
    let (h, seg0) = (site.hit, site.seg.0);
    site.word.kind == CasualtyKind::Captured
        && site
            .ctx
            .cues_in(Cue::Release, seg0, h.start)
            .iter()
            .any(|c| c.end <= h.start)
}

/// `يواصل 120 أسيرا في سجن النقب إضرابهم عن الطعام`: a noun of captivity
/// (a `status` word: أسرى، معتقلين) in a segment that names a prison or a
/// hunger strike, or with one within [`HELD_REACH`] words after it (`220
/// أسيرا، من سجون …`), counts people held, not a new capture.
fn held_prisoners(site: &Site) -> bool {
    let (s0, s1) = site.seg;
    let end = s1.max(site.hit.end + HELD_REACH).min(site.sent.t1);
    site.word.kind == CasualtyKind::Captured
        && site.word.status
        && site.ctx.has_cue(Cue::Held, s0, end)
}

/// `توفي جندي متأثراً بجروحه`: an injury word told as what someone died of.
fn died_of_wounds(site: &Site) -> bool {
    let h = site.hit;
    site.word.kind == CasualtyKind::Injured
        && site.ctx.has_cue(
            Cue::Wounds,
            h.start.saturating_sub(WOUNDS_REACH),
            h.start + 1,
        )
}

/// `عثر الأهالي على جثث ثلاثة رجال`: a word of bodies counts only when its
/// segment tells they were found, and not when they were exhumed from a
/// grave (`استخراج رفات من مقبرة جماعية`: old dead).
fn bodies_not_found(site: &Site) -> bool {
    let (ctx, (s0, s1)) = (site.ctx, site.seg);
    site.word.needs_discovery
        && (ctx.has_cue(Cue::Exhumation, site.sent.t0, site.sent.t1)
            || !ctx.has_cue(Cue::Discovery, s0, s1))
}

/// True when a `cue` ends within `reach` words before the word, in its
/// segment.
fn cue_before(site: &Site, cue: Cue, reach: usize) -> bool {
    let t = site.hit.start;
    let lo = site.seg.0.max(t.saturating_sub(reach));
    site.ctx.cues_in(cue, lo, t).iter().any(|h| h.end <= t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casualty::tests::at_word;

    /// Rows: the rule, a sentence, which of its casualty words (0 = the
    /// first), and whether the rule says that word counts no one.
    #[test]
    fn skip_rules_table() {
        type Rule = fn(&Site) -> bool;
        let rows: &[(&str, Rule, &str, usize, bool)] = &[
            ("negated", negated, "لم يسفر القصف عن مقتل أحد.", 0, true),
            ("negated", negated, "أسفر القصف عن مقتل ثلاثة.", 0, false),
            (
                "after_non_event",
                after_non_event,
                "هدد المسلحون بقتل الرهائن.",
                0,
                true,
            ),
            ("denied", denied, "نفى المتحدث خطف أي مواطن.", 0, true),
            ("denied", denied, "أكد المتحدث خطف مواطن.", 0, false),
            (
                "released_captives",
                released_captives,
                "أفرجت الشرطة عن عشرة معتقلين.",
                0,
                true,
            ),
            (
                "released_captives",
                released_captives,
                "داهمت الشرطة الحي واعتقال عشرة.",
                0,
                false,
            ),
            // توفي is the first casualty word, the injury the second
            (
                "died_of_wounds",
                died_of_wounds,
                "توفي الشاب متأثرا بإصابته.",
                1,
                true,
            ),
            (
                "died_of_wounds",
                died_of_wounds,
                "نقل الشاب إلى المستشفى بعد إصابته.",
                0,
                false,
            ),
            (
                "bodies_not_found",
                bodies_not_found,
                "نقلت جثة رجل إلى المستشفى.",
                0,
                true,
            ),
            (
                "bodies_not_found",
                bodies_not_found,
                "عثر الأهالي على جثة رجل.",
                0,
                false,
            ),
            // جثث reads as the exhumation cue الجثث too (the article is
            // optional in a form): bodies in the plural never count
            (
                "bodies_not_found",
                bodies_not_found,
                "عثر الأهالي على جثث ثلاثة رجال.",
                0,
                true,
            ),
            (
                "bodies_not_found",
                bodies_not_found,
                "انتشلت فرق الدفاع المدني جثث ثلاثة رجال.",
                0,
                true,
            ),
            (
                "held_prisoners",
                held_prisoners,
                "يواصل مئة أسير في سجن النقب إضرابهم عن الطعام.",
                0,
                true,
            ),
            (
                "held_prisoners",
                held_prisoners,
                "وقال النادي إن عدد المعتقلين في السجون بلغ ألفين.",
                0,
                true,
            ),
            (
                "held_prisoners",
                held_prisoners,
                "وشملت عمليات النقل أكثر من مئتي أسير، من سجون الجنوب.",
                0,
                true,
            ),
            // the act of capture, even when it ends in a prison, is one
            (
                "held_prisoners",
                held_prisoners,
                "شنت القوات حملة اعتقال ونقلت عشرين شابا إلى سجن عوفر.",
                0,
                false,
            ),
            (
                "held_prisoners",
                held_prisoners,
                "أسرت الفصائل جنديين خلال الاشتباك.",
                0,
                false,
            ),
        ];
        for &(rule, f, text, nth, want) in rows {
            assert_eq!(at_word(text, &[], &[], nth, f), want, "{rule}: {text}");
        }
    }
}
