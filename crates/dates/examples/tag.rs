//! Prints the time expressions and publication date of text files:
//! `cargo run -p rasad-dates --example tag -- [--reference YYYY-MM-DD] FILE...`

use rasad_dates::{tag_times, DateContext};
use rasad_text::Analysis;

fn main() {
    let mut reference: jiff::civil::Date = "2019-01-01".parse().expect("date");
    let mut args = std::env::args().skip(1).peekable();
    let mut files = Vec::new();
    while let Some(a) = args.next() {
        if a == "--reference" {
            match args.next().and_then(|d| d.parse().ok()) {
                Some(d) => reference = d,
                None => {
                    eprintln!("--reference needs YYYY-MM-DD");
                    std::process::exit(2);
                }
            }
        } else {
            files.push(a);
        }
    }
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            eprintln!("{f}: cannot read");
            continue;
        };
        let a = Analysis::new(text.as_str(), vec![]);
        let r = tag_times(
            &a,
            &DateContext {
                reference,
                published: None,
                dateline: None,
                reference_known: true,
            },
        );
        println!(
            "== {f}  published: {:?}",
            r.published.map(|t| (t.value, t.precision, t.basis))
        );
        for m in r.mentions {
            println!(
                "   [{}, {}) {:?} -> {:?} {:?} {:?} {:?}{}",
                m.span.start,
                m.span.end,
                m.text,
                m.time.value,
                m.time.precision,
                m.time.calendar,
                m.time.basis,
                m.end.map(|e| format!(" .. {e}")).unwrap_or_default()
            );
        }
    }
}
