//! A text that is a single headline-like line keeps it as its body.

use rasad_ingest::{clean, Format, RawDoc};

fn doc(text: &str) -> RawDoc {
    RawDoc {
        id: "x".into(),
        text: text.into(),
        format: Format::Text,
        url: None,
        outlet: None,
        published: None,
        title: None,
        origin: "x.txt".into(),
    }
}

#[test]
fn one_line_flash_is_its_own_body() {
    for text in [
        "قتل مدنيان بقصف على مدينة إدلب أمس.",
        "  عاجل: انفجار سيارة مفخخة في الكرادة  \n",
    ] {
        let c = clean(&doc(text));
        assert!(!c.body.is_empty(), "{text:?}");
        assert!(text.contains(c.body.as_str()));
        assert_eq!(c.body_spans.len(), 1);
    }
}

#[test]
fn whitespace_only_text_stays_empty() {
    let c = clean(&doc(" \n\t "));
    assert!(c.body.is_empty());
}
