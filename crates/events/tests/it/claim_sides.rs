//! Casualty claims whose side, count or kind is read from words around the
//! claim rather than right next to it: nouns whose side goes without saying,
//! pronouns referring back, ordinals, "others" told a sentence later,
//! coordinated counts, active verbs with their object far away, counts that
//! belong to the next claim. Sentences written for these tests.

use crate::support;

use rasad_record::CasualtyKind::{self, *};
use support::{build, Inputs};

type Got = Vec<(Option<String>, CasualtyKind, Option<f64>)>;

fn claims(text: &str, inp: &Inputs) -> Got {
    let (a, doc) = build(text, inp);
    let (cs, _) = rasad_events::extract(&a, &doc);
    cs.into_iter()
        .filter(|c| c.part_of.is_none())
        .map(|c| (c.group, c.kind, c.best))
        .collect()
}

/// One row: text, actors, quantities, times, wanted (group, kind, best).
type Row = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, f64)],
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, CasualtyKind, f64)],
);

fn run(table: &[Row]) {
    for (text, actors, quants, times, want) in table {
        let inp = Inputs {
            actors,
            quants,
            times,
            ..Default::default()
        };
        let key = |c: &(Option<String>, CasualtyKind, Option<f64>)| format!("{c:?}");
        let mut want: Got = want
            .iter()
            .map(|(g, k, b)| (Some(g.to_string()), *k, Some(*b)))
            .collect();
        want.sort_by_key(key);
        let mut got = claims(text, &inp);
        got.sort_by_key(key);
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn nouns_whose_side_goes_without_saying() {
    run(&[
        // unnamed people are a civilian toll
        (
            "قتل سبعة أشخاص بانفجار في سوق الخضار.",
            &[],
            &[("سبعة", 7.0)],
            &[],
            &[("CIVILIANS", Killed, 7.0)],
        ),
        // soldiers with no side: the one national army the story names
        // outside the sentence
        (
            "قتل أربعة جنود بهجوم على حاجز قرب المدينة. وأرسل الجيش العراقي تعزيزات.",
            &[("الجيش العراقي", "IRAQ_GOV")],
            &[("أربعة", 4.0)],
            &[],
            &[("IRAQ_GOV", Killed, 4.0)],
        ),
        // ... but not the army named as the attacker in the sentence
        (
            "قصف الجيش التركي قرية فقتل ثلاثة جنود.",
            &[("الجيش التركي", "TURKEY")],
            &[("ثلاثة", 3.0)],
            &[],
            &[],
        ),
        // fighters keep needing a side: no claim
        (
            "قتل خمسة مسلحين في اشتباكات.",
            &[],
            &[("خمسة", 5.0)],
            &[],
            &[],
        ),
    ]);
}

#[test]
fn references_back_to_a_side() {
    run(&[
        // a pronoun on the group noun: the victim noun before it
        (
            "سقطت قذيفة على منزل عائلة في البلدة، ما أدى إلى مقتل أربعة من أفرادها.",
            &[],
            &[("أربعة", 4.0)],
            &[],
            &[("CIVILIANS", Killed, 4.0)],
        ),
        // ... or the actor before it
        (
            "استهدفت غارة رتلا لقوات النظام، وقتل سبعة من عناصره.",
            &[("قوات النظام", "SYR_GOV")],
            &[("سبعة", 7.0)],
            &[],
            &[("SYR_GOV", Killed, 7.0)],
        ),
        // an ordinal adds one of the side before it
        (
            "أسفر الكمين عن مقتل عنصرين من الحشد وإصابة ثالث.",
            &[("الحشد", "PMF")],
            &[("عنصرين", 2.0)],
            &[],
            &[("PMF", Killed, 2.0), ("PMF", Injured, 1.0)],
        ),
        // "others" a sentence after the claim they add to
        (
            "قتل عشرة عناصر من قوات النظام بكمين. وأدى الكمين إلى إصابة خمسة عناصر آخرين.",
            &[("قوات النظام", "SYR_GOV")],
            &[("عشرة", 10.0), ("خمسة", 5.0)],
            &[],
            &[("SYR_GOV", Killed, 10.0), ("SYR_GOV", Injured, 5.0)],
        ),
        // wounded whose side nobody names, right after a claim
        (
            "قتل مدنيان بقصف على البلدة. ونقلت فرق الإسعاف ستة جرحى إلى المشفى.",
            &[],
            &[("ستة", 6.0)],
            &[],
            &[("CIVILIANS", Killed, 2.0), ("CIVILIANS", Injured, 6.0)],
        ),
        // a definite head noun naming a group told before
        (
            "هاجمت الهيئة مقرا لفرقة الحمزة. وأسفر الهجوم عن مقتل ثلاثة من عناصر الفرقة.",
            &[("فرقة الحمزة", "SNA"), ("الهيئة", "HTS")],
            &[("ثلاثة", 3.0)],
            &[],
            &[("SNA", Killed, 3.0)],
        ),
        // fighters of the side a strike targeted, several words after the marker
        (
            "قصف الطيران مقرات ومستودعات ذخيرة لمسلحي داعش، وقتل 12 مسلحا.",
            &[("داعش", "ISIS")],
            &[("12", 12.0)],
            &[],
            &[("ISIS", Killed, 12.0)],
        ),
    ]);
}

#[test]
fn which_count_a_claim_takes() {
    run(&[
        // a casualty word joined by و never takes the count before it
        (
            "قتل ثلاثة مدنيين وأصيب أكثر من 20 بجروح.",
            &[],
            &[("ثلاثة", 3.0), ("أكثر من 20", 20.0)],
            &[],
            &[("CIVILIANS", Killed, 3.0), ("CIVILIANS", Injured, 20.0)],
        ),
        // a dual with its number word: the number is the dual's
        (
            "قتل متظاهران اثنان وأصيب عشرة أشخاص.",
            &[],
            &[("اثنان", 2.0), ("عشرة", 10.0)],
            &[],
            &[("CIVILIANS", Killed, 2.0), ("CIVILIANS", Injured, 10.0)],
        ),
        // a count right before a casualty noun of its own is that noun's
        (
            "انتشلت الفرق جثث القتلى ونقلت تسعة جرحى إلى المشفى بعد مقتل مدني.",
            &[],
            &[("تسعة", 9.0)],
            &[],
            &[("CIVILIANS", Injured, 9.0), ("CIVILIANS", Killed, 1.0)],
        ),
        // an active verb's object after its subject and a date
        (
            "اختطف مسلحو التنظيم، مساء الخميس، أربعة رعاة قرب القرية.",
            &[("التنظيم", "ISIS")],
            &[("أربعة", 4.0)],
            &[("مساء الخميس", "2019-07-04")],
            &[("CIVILIANS", Captured, 4.0)],
        ),
        // a second count joined by و, with people of its own
        (
            "أسفرت المعارك عن مقتل 9 عناصر من الفصائل و5 مقاتلين من قسد.",
            &[("الفصائل", "OPPOSITION"), ("قسد", "SDF")],
            &[("9", 9.0), ("5", 5.0)],
            &[],
            &[("OPPOSITION", Killed, 9.0), ("SDF", Killed, 5.0)],
        ),
    ]);
}

#[test]
fn ago_is_no_tally() {
    let text = "قتل أربعة مقاتلين من الهيئة منذ يومين في اشتباكات قرب القرية.";
    let (a, doc) = build(
        text,
        &Inputs {
            actors: &[("الهيئة", "HTS")],
            quants: &[("أربعة", 4.0)],
            times: &[("منذ يومين", "2019-02-16")],
            ..Default::default()
        },
    );
    let (cs, evs) = rasad_events::extract(&a, &doc);
    assert_eq!(cs.len(), 1);
    assert!(!cs[0].tally, "{cs:?}");
    // the clashes are the news, dated two days back
    assert_eq!(evs.len(), 1, "{evs:?}");
    let d = evs[0].date.as_ref().and_then(|t| t.value.as_deref());
    assert_eq!(d, Some("2019-02-16"));
    // a period after منذ still makes a tally
    let text = "ارتفع عدد قتلى الهيئة منذ مطلع الشهر إلى 40 قتيلا.";
    let (a, doc) = build(
        text,
        &Inputs {
            actors: &[("الهيئة", "HTS")],
            quants: &[("40", 40.0)],
            times: &[("مطلع الشهر", "2019-02")],
            ..Default::default()
        },
    );
    let (cs, _) = rasad_events::extract(&a, &doc);
    assert!(cs.iter().all(|c| c.tally), "{cs:?}");
}

#[test]
fn killing_words() {
    run(&[
        (
            "أعلن الجيش القضاء على 15 مسلحا من داعش في الصحراء.",
            &[("داعش", "ISIS")],
            &[("15", 15.0)],
            &[],
            &[("ISIS", Killed, 15.0)],
        ),
        (
            "حصدت الألغام أرواح 30 شخصا منذ مطلع العام.",
            &[],
            &[("30", 30.0)],
            &[],
            &[("CIVILIANS", Killed, 30.0)],
        ),
    ]);
}
