//! What relative dates resolve against: a publication date from metadata in
//! any machine form, else the reference date when one was given, else
//! nothing (the value stays null and the basis says why).

use rasad_dates::{tag_times, DateContext, TimeResult};
use rasad_record::Basis;
use rasad_text::Analysis;

/// A sentence of our own with a relative day and a yearless date.
const TEXT: &str = "قتل ثلاثة مدنيين أمس في قصف على بلدة في ريف حلب، بعد هجوم مماثل في 3 آذار.";

fn tag(published: Option<&str>, reference_known: bool) -> TimeResult {
    let a = Analysis::new(TEXT, vec![]);
    let ctx = DateContext {
        reference: "2026-12-06".parse().unwrap(),
        published: published.map(str::to_string),
        dateline: None,
        reference_known,
    };
    tag_times(&a, &ctx)
}

/// The value of the mention written `text`.
fn value(r: &TimeResult, text: &str) -> (Option<String>, Basis) {
    let m = r.mentions.iter().find(|m| m.text == text).unwrap();
    (m.time.value.clone(), m.time.basis)
}

#[test]
fn an_rss_pubdate_anchors_yesterday() {
    for known in [true, false] {
        let r = tag(Some("Tue, 20 Mar 2018 00:21:34 GMT"), known);
        assert_eq!(
            r.published.as_ref().and_then(|p| p.value.as_deref()),
            Some("2018-03-20T00:21")
        );
        assert_eq!(value(&r, "أمس").0.as_deref(), Some("2018-03-19"));
        assert_eq!(value(&r, "3 آذار").0.as_deref(), Some("2018-03-03"));
        assert_eq!(r.published_unread, None);
    }
}

#[test]
fn other_machine_forms_anchor_the_same_day() {
    for published in [
        "2018-03-20",
        "2018-03-20T00:21:34+03:00",
        "2018-03-20 10:00",
        "1521505294",
        "20/03/2018",
        "٢٠/٠٣/٢٠١٨",
    ] {
        let r = tag(Some(published), false);
        assert_eq!(
            value(&r, "أمس").0.as_deref(),
            Some("2018-03-19"),
            "{published}"
        );
    }
}

#[test]
fn no_date_and_no_reference_resolves_nothing() {
    let r = tag(None, false);
    assert_eq!(r.published, None);
    assert_eq!(value(&r, "أمس"), (None, Basis::Unanchored));
    assert_eq!(value(&r, "3 آذار"), (None, Basis::Unanchored));
    // With a reference date, the yearless date is placed before it.
    let r = tag(None, true);
    assert_eq!(value(&r, "3 آذار").0.as_deref(), Some("2026-03-03"));
}

#[test]
fn an_unreadable_published_value_is_reported() {
    let r = tag(Some("soon after lunch"), false);
    assert_eq!(r.published_unread.as_deref(), Some("soon after lunch"));
    assert_eq!(value(&r, "أمس"), (None, Basis::Unanchored));
}
